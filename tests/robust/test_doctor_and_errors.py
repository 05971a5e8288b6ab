"""doctor, backups, and one-sentence errors for what the user or the machine gets wrong."""
from __future__ import annotations

import os

import pytest

from ceasetalk.core.errors import UserError
from ceasetalk.core.store import Store, backup_path

from ..conftest import ARTICLES


def test_doctor_reports_a_healthy_store(run):
    run("list", "--demo")
    code, out, _ = run("doctor")
    assert code == 0 and "healthy" in out


def test_doctor_restores_the_previous_generation_and_keeps_the_damaged_file(run, db):
    run("list", "--demo")
    run("ingest", str(ARTICLES / "sudan_jeddah.txt"))  # a second write: the first is now the backup
    previous = backup_path(db).read_bytes()
    db.write_text('{"articles": {"x": ')
    code, _, err = run("doctor")
    assert code == 1 and "is damaged" in err and "doctor --restore" in err
    code, out, _ = run("doctor", "--restore")
    assert code == 0 and "Restored" in out
    assert db.read_bytes() == previous
    assert db.with_name(db.name + ".damaged-1").read_text() == '{"articles": {"x": '
    assert len(Store(db).articles()) == 5


def test_doctor_finds_missing_texts(run, db):
    run("list", "--demo")
    store = Store(db)
    victim = store.articles()[0].id
    (store.texts_dir / f"{victim}.txt").unlink()
    code, _, err = run("doctor")
    assert code == 1 and "article texts are missing" in err


def test_a_full_disk_during_ingest_leaves_the_store_intact(run, db, monkeypatch):
    run("list", "--demo")
    before = db.read_bytes()
    real_replace = os.replace

    def full(src, dst):
        if str(dst) == str(db):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    code, _, err = run("ingest", str(ARTICLES / "sudan_jeddah.txt"))
    assert code == 1 and "No space left on device" in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_unknown_ids_and_broken_config_are_one_sentence(run, tmp_path, monkeypatch):
    run("list", "--demo")
    code, _, err = run("remove", "ffffffff")
    assert code == 1 and "No article with id" in err
    config = tmp_path / "config.toml"
    config.write_text("[keymap\n")
    monkeypatch.setenv("CEASETALK_CONFIG", str(config))
    from ceasetalk.tui.app import main

    assert main(["--db", str(tmp_path / "x.json")]) == 1


def test_a_second_writer_waits_with_a_message(db, tmp_path):
    from filelock import FileLock

    messages = []
    store = Store(db, on_wait=messages.append, lock_timeout=1)
    with FileLock(str(db) + ".lock"):
        with pytest.raises(UserError, match="held the store"):
            store.set_meta(note="x")
    assert messages and "Waiting for another ceasetalk process" in messages[0]
    store.set_meta(note="x")
    assert Store(db).meta()["note"] == "x"


def test_sources_toml_errors_name_the_file_and_line(run, tmp_path):
    (tmp_path / "a.txt").write_text("Hamas demanded a truce.")
    (tmp_path / "sources.toml").write_text('["a.txt"]\noutlet = \n')
    code, _, err = run("ingest", str(tmp_path))
    assert code == 1 and "sources.toml: not valid TOML" in err and "line 2" in err


def test_ansi_and_bidi_never_reach_the_store(run, db, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_bytes(b"Talks \x1b[31mresume\x1b]0;owned\x07 \xe2\x80\xae in Doha; Hamas demanded a truce.")
    code, out, _ = run("ingest", str(path))
    assert code == 0
    article_id = out.split()[1]
    text = Store(db).text(article_id)
    assert "\x1b" not in text and "\u202e" not in text and "resume" in text
