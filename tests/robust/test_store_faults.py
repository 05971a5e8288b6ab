"""No store state loses data: damaged files are refused (their backup kept), writes re-check under
the lock, a profile switch is seen through even when killed, malformed documents never reach a reader."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ceasetalk.core.library import is_stale, load_dashboard, mixed_articles, reextract
from ceasetalk.core.store import Store, backup_path

from ..conftest import ARTICLES, OTHER, SEEDS

CLI = Path(sys.executable).parent / "ceasetalk"


def _two_generations(run, db) -> bytes:
    run("list", "--demo")
    run("ingest", str(ARTICLES / "sudan_jeddah.txt"))
    return backup_path(db).read_bytes()


@pytest.mark.parametrize("content", [b"", b"  \n", b"{}"])
def test_an_empty_store_file_is_damage_and_its_backup_survives(run, db, content):
    backup = _two_generations(run, db)
    db.write_bytes(content)
    for command in (("list",), ("list", "--demo"), ("ingest", str(ARTICLES / "sudan_jeddah.txt")), ("export", "--md", "-")):
        code, _, err = run(*command)
        assert code == 1 and "is damaged" in err and "Traceback" not in err
        assert db.read_bytes() == content and backup_path(db).read_bytes() == backup
    code, out, err = run("doctor")
    assert code == 1 and "doctor --restore" in err and "its backup holds 5 articles" in err
    code, out, _ = run("doctor", "--restore")
    assert code == 0 and len(Store(db).articles()) == 5


def test_a_lost_store_is_rebuilt_from_its_texts(run, db):
    run("list", "--demo")
    before = sorted((a.id, a.title, a.outlet, a.published) for a in Store(db).articles())
    db.write_bytes(b"{}")
    backup_path(db).unlink(missing_ok=True)
    code, _, err = run("doctor")
    assert code == 1 and "doctor --rebuild" in err and "--restore" not in err
    code, out, _ = run("doctor", "--rebuild", "--profile", "gaza")
    assert code == 0 and "Rebuilt" in out and "with 5 articles" in out
    store = Store(db)
    assert sorted((a.id, a.title, a.outlet, a.published) for a in store.articles()) == before
    assert len(store.records()) > 50
    assert db.with_name(db.name + ".damaged-1").read_bytes() == b"{}"


def test_a_remove_during_reextraction_leaves_no_ghost_records(run, db):
    run("list", "--demo")
    store = Store(db)
    victim = store.articles()[0]
    real = store.replace_records

    def remove_first(by_article, extractor=None):
        if victim.id in by_article and Store(db).article(victim.id) is not None:
            Store(db).remove(victim.id)  # another process, between extraction and commit
        return real(by_article, extractor)

    store.replace_records = remove_first
    reextract(store)
    assert not [r for r in Store(db).records() if r["article"] == victim.id]
    code, out, err = run("ingest", victim.source if Path(victim.source).exists() else str(SEEDS / Path(victim.source).name))
    assert code == 0 and out.startswith("added"), err
    assert [r for r in Store(db).records() if r["article"] == victim.id]


def _ingest_six(db: Path) -> None:
    folder = db.parent / "six"
    folder.mkdir(parents=True)
    for path in [*SEEDS.glob("*.txt"), ARTICLES / "sudan_jeddah.txt"]:
        (folder / path.name).write_bytes(path.read_bytes())
    subprocess.run([str(CLI), "--db", str(db), "ingest", "--profile", "gaza", str(folder)], check=True,
                   capture_output=True, timeout=300)


def test_a_profile_switch_killed_half_way_is_seen_and_finished(db, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from corpus import generate

    generate(80, tmp_path / "corpus")  # more than one zone: the switch commits 64, then extracts again
    subprocess.run([str(CLI), "--db", str(db), "ingest", "--profile", "gaza", str(tmp_path / "corpus")],
                   check=True, capture_output=True, timeout=600)
    sudan = OTHER / "profiles" / "sudan.toml"
    switch = subprocess.Popen([str(CLI), "--db", str(db), "reextract", "--profile", str(sudan)],
                              env={**os.environ, "CEASETALK_BATCH": "8"}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    store = Store(db)
    while time.monotonic() < deadline:  # killed once some articles have records of the new profile
        time.sleep(0.02)
        if len(set(store.extractors().values())) > 1:
            break
    switch.send_signal(signal.SIGKILL)
    switch.wait()
    store = Store(db)
    assert store.meta()["switching"] is True and mixed_articles(store) and is_stale(store)
    result = subprocess.run([str(CLI), "--db", str(db), "doctor"], capture_output=True, text=True)
    assert result.returncode == 1 and "part-way through a profile switch" in result.stderr
    assert "reextract --resume" in result.stderr
    done = subprocess.run([str(CLI), "--db", str(db), "reextract", "--resume"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    store = Store(db)
    assert mixed_articles(store) == [] and not store.meta()["switching"] and not is_stale(store)
    assert store.meta()["profile"].endswith("sudan.toml")
    assert set(store.extractors().values()) == {store.meta()["extractor"]}


def test_an_ingest_racing_a_profile_switch_ends_in_one_profile(db, tmp_path):
    _ingest_six(db)
    sudan = OTHER / "profiles" / "sudan.toml"
    env = {**os.environ, "CEASETALK_BATCH": "1"}
    switch = subprocess.Popen([str(CLI), "--db", str(db), "reextract", "--profile", str(sudan)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    added = subprocess.run([str(CLI), "--db", str(db), "ingest", str(OTHER / "colombia_eln.txt"),
                            str(OTHER / "yemen_salaries.txt")], env=env, capture_output=True, text=True, timeout=300)
    assert switch.wait(timeout=300) == 0 and added.returncode == 0, added.stderr
    store = Store(db)
    if is_stale(store):  # the ingest committed with the old profile after the switch's last look
        reextract(store, only_stale=True)
    assert mixed_articles(store) == [] and len(store.articles()) == 8
    assert set(store.extractors().values()) == {store.meta()["extractor"]}


BAD_FIELDS = {
    "a null title": ("articles", lambda a, _r: a.update(title=None)),
    "a number where a date belongs": ("articles", lambda a, _r: a.update(published=20240505)),
    "a figure value that is text": ("records", lambda _a, r: r.update(value="many") if r["kind"] == "figure" else None),
    "a record without its article": ("records", lambda _a, r: r.update(article="0123456789abcdef")),
}


def _corrupt(db: Path, how) -> str:
    data = json.loads(db.read_text())
    article = next(iter(data["articles"].values()))
    record = next(r for r in data["records"].values() if r["kind"] == "figure" and r["article"] == article["id"])
    how(article, record)
    db.write_text(json.dumps(data))
    return article["id"]


@pytest.mark.parametrize("fault", sorted(BAD_FIELDS))
def test_a_malformed_document_is_left_out_said_and_repaired(run, db, tmp_path, fault):
    run("list", "--demo")
    table, how = BAD_FIELDS[fault]
    _corrupt(db, how)
    code, out, err = run("list")
    assert code == 0 and "malformed documents" in err and "'ceasetalk doctor' lists them" in err
    code, _, err = run("export", "--md", str(tmp_path / "brief.md"))
    assert code == 0 and (tmp_path / "brief.md").exists()
    load_dashboard(Store(db))  # what the dashboard reads: no exception
    code, _, err = run("doctor")
    assert code == 1 and f"{table}/" in err and "doctor --repair" in err
    code, out, _ = run("doctor", "--repair")
    assert code == 0 and "Dropped" in out and "error:" not in out


def test_a_review_that_is_not_an_object_is_left_out(run, db):
    run("list", "--demo")
    data = json.loads(db.read_text())
    record_id = next(iter(data["records"]))
    data["reviews"] = {record_id: "accepted", "other": {"status": "maybe"}}
    db.write_text(json.dumps(data))
    assert Store(db).reviews() == {}
    code, _, err = run("doctor")
    assert code == 1 and "reviews/" in err and "is a str, not an object" in err


async def test_the_dashboard_opens_on_a_store_with_malformed_documents(run, db, tmp_path):
    from ceasetalk.tui.app import CeasetalkApp

    run("list", "--demo")
    for _, how in BAD_FIELDS.values():
        _corrupt(db, how)
    app = CeasetalkApp(Store(db), export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2", "3", "4", "e")
        await pilot.pause()
        assert app.is_running and list(tmp_path.glob("ceasetalk-snapshot-*.md"))
        assert any("malformed documents" in str(n.message) for n in app._notifications)


def test_reextraction_goes_on_past_a_missing_text(run, db):
    run("list", "--demo")
    store = Store(db)
    victim = store.articles()[0].id
    (store.texts_dir / f"{victim}.txt").unlink()
    code, out, err = run("reextract")
    assert code == 1 and "extracted 4 articles again" in out and "1 articles were left as they were" in err


def test_leftover_temp_files_are_reported_and_removed_by_the_next_write(run, db):
    run("list", "--demo")
    leftover = db.parent / f".{db.name}.abc123.tmp"
    leftover.write_bytes(b"half a write")
    code, out, _ = run("doctor")
    assert code == 0 and "temporary files of interrupted writes" in out
    run("ingest", str(ARTICLES / "sudan_jeddah.txt"))
    assert not leftover.exists()
