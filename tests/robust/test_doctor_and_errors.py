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


def test_a_read_only_store_file_is_refused_not_replaced(run, db, monkeypatch):
    run("list", "--demo")
    before = db.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if str(p) == str(db) and mode == os.W_OK
                        else real_access(p, mode, **k))
    code, _, err = run("ingest", str(ARTICLES / "sudan_jeddah.txt"))
    assert code == 1 and "is read-only; nothing was written" in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_a_read_only_folder_is_one_sentence(run, db, monkeypatch, tmp_path):
    import tempfile

    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    code, _, err = run("export", "--md", str(tmp_path / "brief.md"))
    assert code == 1 and "Permission denied" in err and "Traceback" not in err


def test_a_store_path_through_a_file_is_one_sentence(run, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder")
    for command in (("list",), ("ingest", str(ARTICLES / "sudan_jeddah.txt"))):
        code, _, err = run(*command, "--db", str(blocker / "store.json"))
        assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert "goes through a file" in err or "Cannot create the folder" in err


def test_an_unreadable_text_is_one_sentence(run, db, monkeypatch):
    import pathlib

    run("list", "--demo")
    article_id = Store(db).articles()[0].id
    real = pathlib.Path.read_text

    def denied(self, *args, **kwargs):
        if self.suffix == ".txt" and self.parent.name.endswith(".texts"):
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", denied)
    code, _, err = run("show", article_id)
    assert code == 1 and "permission denied" in err and "Traceback" not in err


def test_profile_draft_to_a_missing_folder_is_one_sentence(run, tmp_path):
    code, _, err = run("profile", "draft", str(ARTICLES / "sudan_jeddah.txt"), "-o", str(tmp_path / "no" / "p.toml"))
    assert code == 1 and "does not exist" in err and "Traceback" not in err


def test_doctor_advises_what_fits_the_fault(run, db, tmp_path):
    run("list", "--demo")
    run("ingest", str(ARTICLES / "sudan_jeddah.txt"))
    store = Store(db)
    (store.texts_dir / f"{store.articles()[0].id}.txt").unlink()
    code, _, err = run("doctor")
    assert code == 1 and "ceasetalk remove ID --yes" in err and "--restore" not in err
    code, _, err = run("doctor", "--db", str(tmp_path))
    assert code == 1 and "is a folder" in err and "--restore" not in err


def test_html_with_a_control_entity_or_deep_nesting_still_gives_its_text(tmp_path):
    from ceasetalk.core.ingest import build_article

    paragraph = ("<p>The northern alliance demanded a permanent ceasefire on Monday, its envoy said in Geneva, "
                 "where the talks resumed.</p>")
    page = f"<html><body><article>{paragraph * 3}<p>A page&#12;break, and&#x1b; more.</p></article></body></html>"
    assert "A page break" in build_article(page, "html", "entity.html").text
    deep = "<html><body>" + "<div>" * 3000 + f"<article>{paragraph * 3}</article>" + "</div>" * 3000 + "</body></html>"
    assert "permanent ceasefire" in build_article(deep, "html", "deep.html").text
