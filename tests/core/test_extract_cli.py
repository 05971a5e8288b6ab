"""extract --json, eval, profile draft, and extraction inside the store."""
from __future__ import annotations

import json

import pytest

from ceasetalk.core.extract import EXTRACTOR_VERSION
from ceasetalk.core.store import Store

from ..conftest import ARTICLES, GOLD, OTHER, SEEDS

POSITION_KEYS = {"party", "stance", "issue", "actor", "sentence", "start", "end", "date", "background", "why", "confidence"}
FIGURE_KEYS = {"metric", "value", "low", "high", "qualifier", "attribution", "subject", "sentence", "start", "end",
               "date", "background", "population", "why", "confidence"}


def test_extract_json_has_the_documented_shape_and_leaves_the_store_alone(run, db):
    seed = str(SEEDS / "003_3bca4a51c52861e2.txt")
    code, out, _ = run("extract", "--json", seed)
    assert code == 0 and not db.exists()
    data = json.loads(out)
    assert set(data) == {"ceasetalk", "pipeline", "profile", "extractor", "articles"}
    assert data["profile"] == "gaza" and data["pipeline"].startswith("en_core_web_sm")
    (article,) = data["articles"]
    assert article["path"] == seed and article["outlet"] == "Al Jazeera" and article["published"] == "2024-05-05"
    assert {p.keys() == POSITION_KEYS for p in article["positions"]} == {True}
    assert {f.keys() == FIGURE_KEYS for f in article["figures"]} == {True}
    assert ("killed", 34683, "at least", "Palestinian authorities") in {
        (f["metric"], f["value"], f["qualifier"], f["attribution"]) for f in article["figures"]}
    assert all(r["why"].startswith("cue ") and "holder " in r["why"] and "issue " in r["why"]
               for r in article["positions"])
    assert all(f'" {f["metric"]}: ' in f["why"] for f in article["figures"])
    assert all(0 <= r["confidence"] <= 1 for r in article["positions"] + article["figures"])


def test_eval_prints_misses_extras_and_the_summary(run):
    code, out, _ = run("eval", str(GOLD), *map(str, sorted(SEEDS.glob("*.txt"))), "--min-positions-f1", "0.85",
                       "--min-figures-f1", "0.95")
    assert code == 0
    last = out.strip().splitlines()[-1]
    assert last.startswith("positions P=") and "figures P=" in last and "provenance=" in last
    assert "003_3bca4a51c52861e2  positions tp=" in out


def test_eval_fails_below_the_floor(run):
    code, _, _ = run("eval", str(GOLD), str(SEEDS / "000_b2b95cfc99eaff20.txt"), "--min-positions-f1", "0.99")
    assert code == 1  # four seeds have no output, so recall collapses


def test_ingest_stores_records_with_the_extractor_version(run, db):
    code, _, _ = run("ingest", str(OTHER / "sudan_truce_offer.txt"), "--profile", str(OTHER / "profiles" / "sudan.toml"))
    assert code == 0
    store = Store(db)
    meta = store.meta()
    version, pipeline, profile, fingerprint = meta["extractor"].split(":")
    assert (version, profile) == (EXTRACTOR_VERSION, "sudan") and pipeline.startswith("en_core_web_sm") and fingerprint
    assert meta["profile"].endswith("sudan.toml")
    kinds = {r["kind"] for r in store.records()}
    assert kinds == {"position", "figure"}
    assert all(r["article"] == store.articles()[0].id and r["sentence"] for r in store.records())


def test_reextraction_keeps_reviews_of_records_that_still_exist(run, db):
    run("list", "--demo")
    store = Store(db)
    record = next(r for r in store.records() if r["kind"] == "figure" and r["value"] == 34683)
    with store.transaction():
        store._db.table("reviews").insert(__import__("tinydb").table.Document({"status": "accepted"}, doc_id=record["id"]))
        store.set_meta(extractor="0:gaza:old")  # as if written by an older extractor
    code, _, err = run("list", "--demo")
    assert code == 0 and "extracting those again" in err
    store = Store(db)
    assert store.meta()["extractor"].startswith(f"{EXTRACTOR_VERSION}:")
    assert record["id"] in {r["id"] for r in store.records()}
    assert store.reviews()[record["id"]]["status"] == "accepted"


def test_profile_draft_writes_a_usable_profile(run, tmp_path):
    target = tmp_path / "draft.toml"
    code, out, _ = run("profile", "draft", str(OTHER / "ukraine_istanbul.txt"), "-o", str(target))
    assert code == 0 and target.exists()
    from ceasetalk.core.profiles import load_profile

    profile = load_profile(target)
    assert {"Ukraine", "Russia"} <= set(profile.parties)
    assert "Ukrainian" in profile.parties["Ukraine"].demonyms
    code, _, err = run("profile", "draft", str(OTHER / "ukraine_istanbul.txt"), "-o", str(target))
    assert code == 1 and "add --force" in err


def test_without_a_matching_profile_parties_are_named_as_written(run):
    code, out, err = run("extract", "--json", str(ARTICLES / "colombia_talks.html"))
    assert code == 0 and "No shipped profile matches" in err
    data = json.loads(out)
    assert data["profile"] is None
    parties = {p["party"] for p in data["articles"][0]["positions"]}
    assert "National Liberation Army" in parties


@pytest.mark.parametrize(("content", "message"), [
    ("title = 'x'\n", "needs at least one [parties.NAME] table"),
    ("[parties.A]\nrole = 'spoiler'\n", 'role must be "belligerent" or "mediator"'),
    ("[parties.A]\naliases = 'A'\n", "aliases must be a list of non-empty strings"),
    ("[parties.A\n", "not valid TOML"),
])
def test_bad_profiles_are_one_sentence_errors(run, tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    code, _, err = run("extract", str(SEEDS / "000_b2b95cfc99eaff20.txt"), "--profile", str(path))
    assert code == 1 and message in err and "Traceback" not in err


def test_sharded_extraction_merges_back_into_the_same_store(run, tmp_path, db):
    seeds = sorted(map(str, SEEDS.glob("*.txt")))
    shards = []
    for k, part in enumerate((seeds[:2], seeds[2:])):
        code, out, _ = run("extract", "--json", "--with-text", "--profile", "gaza", *part)
        assert code == 0
        shard = tmp_path / f"shard{k}.json"
        shard.write_text(out)
        shards.append(str(shard))
    code, out, _ = run("ingest", "--records", *shards)
    assert code == 0 and out.count("added") == 5
    merged = Store(db)
    direct_db = tmp_path / "direct.json"
    code, _, _ = run("--db", str(direct_db), "ingest", "--profile", "gaza", *seeds, use_db=False)
    direct = Store(direct_db)
    assert {r["id"] for r in merged.records()} == {r["id"] for r in direct.records()}
    assert {a.id for a in merged.articles()} == {a.id for a in direct.articles()}
    assert merged.text(merged.articles()[0].id) == direct.text(merged.articles()[0].id)
    assert merged.meta()["profile"] == "gaza"
    code, out, _ = run("ingest", "--records", shards[0])
    assert code == 0 and "present" in out


def test_records_whose_article_changed_are_refused(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Hamas demanded a permanent ceasefire on Monday, officials said.")
    code, out, _ = run("extract", "--json", "--profile", "gaza", str(article))
    shard = tmp_path / "shard.json"
    shard.write_text(out)
    article.write_text("Hamas demanded a permanent ceasefire on Tuesday, officials said.")
    code, _, err = run("ingest", "--records", str(shard))
    assert code == 1 and "no longer matches" in err
