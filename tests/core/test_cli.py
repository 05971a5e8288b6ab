"""The headless CLI: help, version, seeding, listing, and one-sentence errors."""
from __future__ import annotations

import subprocess
import sys

import pytest

from ceasetalk.core import __version__

from ..conftest import ARTICLES, SEEDS


@pytest.mark.parametrize("script", ["ceasetalk", "ceasetalk-tui"])
def test_both_commands_answer_help_and_version(script):
    bindir = __import__("pathlib").Path(sys.executable).parent
    version = subprocess.run([bindir / script, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"ceasetalk {__version__}"
    help_text = subprocess.run([bindir / script, "--help"], capture_output=True, text=True, timeout=60)
    assert help_text.returncode == 0 and "--db" in help_text.stdout


def test_list_on_an_empty_store_loads_the_seeds_with_sidecar_metadata(run):
    code, out, err = run("list", "--json", "--demo")
    assert code == 0
    import json

    rows = {r["source"].rsplit("/", 1)[-1][:3]: r for r in json.loads(out)}
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    assert (rows["002"]["outlet"], rows["002"]["published"]) == ("Le Parisien", "2024-05-07")
    assert (rows["003"]["outlet"], rows["003"]["published"]) == ("Al Jazeera", "2024-05-05")
    assert (rows["004"]["outlet"], rows["004"]["published"]) == ("The Times of Israel", "2024-03-30")
    assert rows["000"]["published"] is None and rows["001"]["outlet"] is None
    assert "loaded the 5 seed articles" in err


def test_list_through_a_pipe_is_tab_separated_newest_first_and_uncut(run):
    code, out, _ = run("list", "--demo")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 5 for row in rows)
    assert [row[1] for row in rows] == ["2024-05-07", "2024-05-05", "2024-03-30", "unknown", "unknown"]
    assert any(row[4].startswith("Intensive talks underway to negotiate") for row in rows)


def test_list_on_an_80_column_terminal_drops_the_outlet_not_the_title(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run("list", "--demo")
    assert code == 0
    assert "outlet" not in out.splitlines()[2] and "title" in out.splitlines()[2]
    assert "Gaza ceasefire talks at crucial" in " ".join(out.split())


def test_ingesting_a_seed_again_says_it_is_already_present(run):
    run("list", "--demo")
    code, out, _ = run("ingest", str(SEEDS / "004_1d0790ea471c3ceb.txt"))
    assert code == 0
    assert out.startswith("present") and "already in the store" in out


def test_ingest_show_and_remove(run):
    code, out, _ = run("ingest", str(ARTICLES / "sudan_jeddah.txt"), "--outlet", "Example Wire")
    assert code == 0 and out.startswith("added")
    article_id = out.split()[1]
    code, out, _ = run("show", article_id[:6])
    assert code == 0 and out.startswith("Sudan's warring parties") and "Advertisement" not in out
    code, out, _ = run("show", article_id, "--raw")
    assert out.startswith("Skip to main content")
    code, out, _ = run("remove", article_id, "--yes")
    assert code == 0 and out.startswith("removed")
    code, _, err = run("show", article_id)
    assert code == 1 and "No article with id" in err


def test_stdin_is_an_input(run, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Truce talks resume in Geneva on Monday.\n")))
    code, out, _ = run("ingest", "-", "--title", "Geneva talks", "--published", "2024-06-01")
    assert code == 0 and "Geneva talks" in out


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file or folder."),
        (lambda d: (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00") and d / "photo.png",
         "is a binary file, not text"),
        (lambda d: (d / "empty.txt").write_text(" \n\n") and d / "empty.txt", "empty article"),
    ],
)
def test_bad_inputs_are_one_line_errors_and_a_nonzero_exit(run, tmp_path, setup, expected):
    path = setup(tmp_path)
    code, out, err = run("ingest", str(path))
    assert code == 1
    assert expected in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_file_is_reported(run, tmp_path, monkeypatch):
    import pathlib

    path = tmp_path / "locked.txt"
    path.write_text("Talks.")
    real_open = pathlib.Path.open

    def deny(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", deny)
    code, _, err = run("ingest", str(path))
    assert code == 1 and "locked.txt: permission denied; the file cannot be read." in err


def test_non_utf8_file_is_ingested_with_a_warning(run, tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Le Hamas réclame un cessez-le-feu durable à Doha.".encode("cp1252"))
    code, out, err = run("ingest", str(path))
    assert code == 0 and out.startswith("added")
    assert "not valid UTF-8; read it as cp1252" in err


def test_one_bad_file_does_not_stop_a_folder(run, tmp_path):
    (tmp_path / "good.txt").write_text("Truce talks resume in Geneva on Monday.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    code, out, err = run("ingest", str(tmp_path))
    assert code == 1
    assert "added" in out and "bad.txt: this is a binary file" in err


def test_bad_published_flag_is_refused_before_reading(run):
    code, _, err = run("ingest", str(ARTICLES / "sudan_jeddah.txt"), "--published", "yesterday-ish")
    assert code == 1 and "--published: 'yesterday-ish' is not a date" in err


def test_a_defect_is_one_sentence_exit_70_and_a_crash_report(run, monkeypatch, tmp_path):
    from ceasetalk.tui import cli

    def broken(args):
        raise ValueError("a record id listed twice")

    monkeypatch.setattr(cli, "cmd_show", broken)
    monkeypatch.delenv("CEASETALK_DEBUG")
    code, out, err = run("show", "https://user:secret@example.org/x")
    assert code == 70 and out == "" and len(err.strip().splitlines()) == 1
    assert "internal error (ValueError) in 'show'" in err and "Traceback" not in err
    (report,) = (tmp_path / "state").rglob("crash-*.txt")
    assert str(report) in err.replace("\n", "")
    kept = report.read_text()
    assert "ValueError: a record id listed twice" in kept and "Traceback" in kept and "secret" not in kept

    monkeypatch.setenv("CEASETALK_DEBUG", "1")
    with pytest.raises(ValueError):
        run("show", "abcdef")
