"""What a first user does on the command line: their own store stays theirs, options go where they
type them, nothing is removed by a slip, and every mistake is one sentence and a non-zero exit."""
from __future__ import annotations

import io
import json
import sys

import pytest

from ceasetalk.core.library import ingest
from ceasetalk.core.store import Store

from ..conftest import ARTICLES, SEEDS


def test_a_store_named_by_the_user_starts_empty(run):
    code, out, err = run("list", "--json")
    assert code == 0 and json.loads(out) == [] and "seed" not in err


def test_demo_loads_the_seed_articles_into_a_new_store(run):
    code, out, err = run("list", "--json", "--demo")
    assert code == 0 and len(json.loads(out)) == 5 and "demo corpus" in err


def test_the_default_store_gets_the_demo_unasked(tmp_path, monkeypatch, capsys):
    from ceasetalk.tui import cli

    monkeypatch.delenv("CEASETALK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert cli.main(["list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
    assert (tmp_path / "data" / "ceasetalk" / "store.json").is_file()


def test_db_works_after_the_subcommand_and_wins_there(run, tmp_path):
    other = tmp_path / "other.json"
    code, out, _ = run("ingest", str(ARTICLES / "sudan_jeddah.txt"), "--db", str(other))
    assert code == 0 and out.startswith("added")
    code, out, _ = run("list", "--json", "--db", str(other))
    assert [a["title"][:6] for a in json.loads(out)] == ["Sudan'"]
    code, out, _ = run("list", "--json")  # the fixture's --db, before the command, is another store
    assert json.loads(out) == []


def test_profile_works_before_the_subcommand_and_is_refused_where_it_means_nothing(run, capsys):
    code, out, _ = run("--profile", "gaza", "extract", "--json", str(SEEDS / "003_3bca4a51c52861e2.txt"))
    assert code == 0 and json.loads(out)["profile"] == "gaza"
    with pytest.raises(SystemExit) as exit_info:
        run("--profile", "gaza", "list")
    assert exit_info.value.code == 2
    assert "--profile does not apply to 'list'" in capsys.readouterr().err


def test_export_party_names_ignore_letter_case(run, tmp_path):
    run("list", "--demo")
    code, _, err = run("export", "--md", str(tmp_path / "a.md"), "--party", "hamas", "--party", "ISRAEL")
    assert code == 0, err
    assert "| Issue | Hamas | Israel | Where they stand |" in (tmp_path / "a.md").read_text()


def test_export_to_a_missing_folder_is_one_sentence(run, tmp_path):
    code, out, err = run("export", "--md", str(tmp_path / "no" / "such" / "x.md"))
    assert code == 1 and "Traceback" not in err
    assert (
        err.strip() == f"ceasetalk: Cannot write {tmp_path / 'no/such/x.md'}: the folder {tmp_path / 'no/such'} does not exist."
    )


def _one_article(run) -> str:
    code, out, _ = run("ingest", str(ARTICLES / "sudan_jeddah.txt"))
    assert code == 0
    return out.split()[1]


def test_remove_refuses_a_short_id_prefix(run, db):
    article_id = _one_article(run)
    code, _, err = run("remove", article_id[:2], "--yes")
    assert code == 1 and "too short" in err and "at least 6 characters" in err
    assert Store(db).article(article_id) is not None


def test_remove_without_a_terminal_asks_for_yes(run, db):
    article_id = _one_article(run)
    code, out, err = run("remove", article_id[:8])
    assert code == 1 and "Add --yes to remove without being asked" in err and "records" in err
    assert Store(db).article(article_id) is not None
    code, out, _ = run("remove", article_id[:8], "--yes")
    assert code == 0 and out.startswith("removed") and Store(db).article(article_id) is None


def test_remove_on_a_terminal_asks_and_no_keeps_the_article(run, db, monkeypatch):
    article_id = _one_article(run)
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    code, out, err = run("remove", article_id)
    assert code == 1 and "Nothing was removed" in err
    assert Store(db).article(article_id) is not None
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    code, out, _ = run("remove", article_id)
    assert code == 0 and Store(db).article(article_id) is None


def test_reextract_says_how_many_reviews_still_apply(run, db, tmp_path):
    run("list", "--demo")
    store = Store(db)
    gaza_party = next(r for r in store.records() if r["kind"] == "position" and r["party"] == "Hamas")
    figure = next(r for r in store.records() if r["kind"] == "figure")
    store.set_review(gaza_party["id"], "accepted")
    store.set_review(figure["id"], "accepted")
    profile = tmp_path / "other.toml"
    profile.write_text('title = "Other"\n[parties.North]\naliases = ["Israel"]\n')
    code, out, _ = run("reextract", "--profile", str(profile))
    assert code == 0
    assert "1 of 2 reviews still apply" in out and "kept in case" in out


def test_an_alias_given_to_two_parties_is_warned_about(run, tmp_path):
    profile = tmp_path / "twice.toml"
    profile.write_text('[parties.North]\naliases = ["the army"]\n[parties.South]\naliases = ["The Army"]\n')
    article = tmp_path / "a.txt"
    article.write_text("The army demanded a ceasefire.")
    code, _, err = run("extract", "--profile", str(profile), str(article))
    assert code == 0
    assert "'the army' is given to North and South" in err


def test_extract_says_when_there_are_no_figures_instead_of_an_empty_table(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Hamas demanded a permanent ceasefire in talks in Cairo.")
    code, out, _ = run("extract", "--profile", "gaza", str(article))
    assert code == 0 and "no figures found" in out and "metric" not in out


def test_folder_ingest_reports_progress_in_articles(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Talks number {n} resumed in Doha, where Hamas demanded a ceasefire.")
    steps = []
    ingest(store, [str(folder)], progress=lambda stage, done, total: steps.append((stage, done, total)))
    assert steps[:3] == [("reading", 1, 3), ("reading", 2, 3), ("reading", 3, 3)]
    assert steps[3:] == [("extracting", 0, 3), ("extracting", 1, 3), ("extracting", 2, 3), ("extracting", 3, 3)]
