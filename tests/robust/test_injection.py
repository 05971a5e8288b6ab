"""Nothing from outside reaches the terminal or the export raw: file names, merged records,
profiles, the config and the store file all pass one sanitiser; the export escapes every field.
Asserted on what is written: no ESC, no C1 control, no BEL, no bidi or zero-width mark."""
from __future__ import annotations

import json
import re

import pytest

from ceasetalk.core.store import Store

from ..conftest import SEEDS

HOSTILE = "\x1b]52;c;aGFja2Vk\x07\x1b[2J\x9b31m\u202e\u200b|<b>[x](http://evil.test)"
UNESCAPED_LINK = re.compile(r"(?<!\\)\]\(")
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clean(*texts: str) -> bool:
    return not any(FORBIDDEN.search(text) for text in texts)


def test_a_hostile_file_name_never_reaches_the_terminal(run, tmp_path, db):
    good = tmp_path / f"talks{HOSTILE.replace('/', '')}.txt"
    good.write_text("Talks resume in Doha.\nThe northern alliance demanded a ceasefire on Monday.")
    bad = tmp_path / f"photo{HOSTILE.replace('/', '')}.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    code, out, err = run("ingest", str(good), str(bad))
    assert code == 1 and "binary file" in err
    assert clean(out, err)
    code, out, err = run("list", "--json")
    assert clean(out, err) and json.loads(out)[0]["source"].endswith(".txt")
    code, out, err = run("ingest", str(tmp_path / f"missing{HOSTILE.replace('/', '')}.txt"))
    assert code == 1 and clean(out, err)


def _extract_json(run, tmp_path) -> dict:
    code, out, _ = run("extract", "--json", "--with-text", "--profile", "gaza", str(SEEDS / "003_3bca4a51c52861e2.txt"))
    assert code == 0
    return json.loads(out)


def test_every_field_of_merged_records_is_sanitised(run, tmp_path, db):
    document = _extract_json(run, tmp_path)
    entry = document["articles"][0]
    entry.update(title="Title" + HOSTILE, outlet="Wire" + HOSTILE, path="p" + HOSTILE)
    for record in entry["positions"] + entry["figures"]:
        for field in ("actor", "attribution", "subject", "qualifier"):
            if field in record:
                record[field] = "x" + HOSTILE
    entry["positions"][0]["party"] = "Hamas" + HOSTILE
    entry["positions"][0]["issue"] = "hostage_release" + HOSTILE
    shard = tmp_path / "shard.json"
    shard.write_text(json.dumps(document))
    code, out, err = run("ingest", "--records", str(shard))
    assert code == 0, err
    assert clean(out, err, db.read_text(encoding="utf-8"))
    store = Store(db)
    assert all(clean(json.dumps(r, ensure_ascii=False)) for r in store.records())
    (article,) = store.articles()
    assert article.title.startswith("Title") and clean(article.title, article.outlet, article.source)
    code, out, err = run("export", "--md", "-")
    assert code == 0 and clean(out, err)
    assert "<b>" not in out and not UNESCAPED_LINK.search(out)


def test_a_record_whose_sentence_is_not_in_its_text_is_refused(run, tmp_path, db):
    document = _extract_json(run, tmp_path)
    document["articles"][0]["positions"][0]["sentence"] = "Something the article never said."
    shard = tmp_path / "shard.json"
    shard.write_text(json.dumps(document))
    code, _, err = run("ingest", "--records", str(shard))
    assert code == 1 and "not at its offsets" in err and Store(db).articles() == []


def test_a_hostile_text_in_merged_records_fails_its_hash(run, tmp_path, db):
    document = _extract_json(run, tmp_path)
    document["articles"][0]["text"] = HOSTILE + document["articles"][0]["text"]
    shard = tmp_path / "shard.json"
    shard.write_text(json.dumps(document))
    code, out, err = run("ingest", "--records", str(shard))
    assert code == 1 and "no longer matches" in err and clean(out, err)


def test_a_hostile_profile_is_shown_and_exported_clean(run, tmp_path, db):
    profile = tmp_path / "evil.toml"
    profile.write_text(
        f'title = "T{json.dumps(HOSTILE)[1:-1]}"\n'
        f'[parties."North{json.dumps(HOSTILE)[1:-1]}"]\naliases = ["northern alliance", "N{json.dumps(HOSTILE)[1:-1]}"]\n'
        f'[issues.talks]\nlabel = "Talks{json.dumps(HOSTILE)[1:-1]}"\ncues = ["round of talks"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Talks resume.\nThe northern alliance demanded a ceasefire and a new round of talks.")
    code, out, err = run("ingest", "--profile", str(profile), str(article))
    assert code == 0 and clean(out, err)
    code, out, err = run("extract", "--profile", str(profile), str(article))
    assert code == 0 and clean(out, err) and "North" in out
    code, out, err = run("export", "--md", "-")
    assert code == 0 and clean(out, err) and "North" in out


def test_a_store_file_carrying_escapes_is_cleaned_when_read(run, db):
    run("list", "--demo")
    data = json.loads(db.read_text())
    article = next(iter(data["articles"].values()))
    article["title"] = "Title" + HOSTILE
    article["outlet"] = "Outlet" + HOSTILE
    db.write_text(json.dumps(data))
    code, out, err = run("list", "--json")
    assert code == 0 and clean(out, err)
    code, out, err = run("export", "--md", "-")
    assert code == 0 and clean(out, err) and "Title" in out


def test_a_keymap_with_control_characters_is_refused(tmp_path, monkeypatch, capsys):
    from ceasetalk.tui.app import main

    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nexport = "\\u001b[2J"\n')
    monkeypatch.setenv("CEASETALK_CONFIG", str(config))
    assert main(["--db", str(tmp_path / "db.json")]) == 1
    err = capsys.readouterr().err
    assert "must be keys such as" in err and clean(err)


def test_the_export_escapes_dates_and_other_fields_from_the_store(run, db):
    run("list", "--demo")
    data = json.loads(db.read_text())
    record = next(iter(data["records"].values()))
    record["qualifier" if record["kind"] == "figure" else "actor"] = "a | b <i>c</i> [d](http://e.test)"
    db.write_text(json.dumps(data))
    code, out, _ = run("export", "--md", "-")
    assert code == 0
    assert "<i>" not in out and not UNESCAPED_LINK.search(out)
    for line in out.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") + 2 == line.count("|") - line.count("\\|")


@pytest.mark.parametrize("char", ["\u180e", "\u202e", "\u200b", "\u2066", "\ufeff", "\u061c", "\x9b", "\x7f"])
def test_a_store_file_carrying_a_raw_unsafe_character_is_cleaned_when_read(run, db, char):
    """A store written by another program may hold a character as itself rather than as a JSON
    escape; each kind that sanitising takes out is found by the scan of the file's bytes too."""
    run("list", "--demo")
    data = json.loads(db.read_text())
    article = next(iter(data["articles"].values()))
    article["title"] = f"Title{char}"
    db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run("list", "--json")
    assert code == 0 and char not in out and "Title" in out
