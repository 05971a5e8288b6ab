"""The store: atomic generations, crash safety, refusal of damaged or newer stores."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from ceasetalk.core.errors import StoreError
from ceasetalk.core.ingest import build_article
from ceasetalk.core.store import SCHEMA_VERSION, Store, backup_path


def _article(text: str):
    return build_article(text, "text", "test")


def _position(article, **fields) -> dict:
    """A well-formed position record of the article's first sentence."""
    sentence = article.text.split("\n")[0]
    return {"id": f"{article.id}-p0", "article": article.id, "kind": "position", "party": "North",
            "stance": "demand", "issue": "temporary_truce", "actor": None, "sentence": sentence, "start": 0,
            "end": len(sentence), "date": None, "background": False, **fields}


def test_articles_records_and_texts_round_trip(store):
    article = _article("Ceasefire talks resume in Doha.\nBoth sides sent delegations.")
    record = _position(article)
    assert store.add([(article, [record])]) == [article.id]
    again = Store(store.path)
    assert [a.id for a in again.articles()] == [article.id]
    assert again.records(article.id) == [record]
    assert again.text(article.id) == article.text
    assert again.raw(article.id) == article.raw


def test_a_record_listed_twice_is_stored_once(store):
    article = _article("The rebels demand a truce before the rains.\nMediators met both sides.")
    record = _position(article)
    assert store.add([(article, [record, dict(record, actor="the rebels")])]) == [article.id]
    assert Store(store.path).records(article.id) == [record]
    assert json.loads(store.path.read_text())["articles"][article.id]["records"] == 1
    edited = dict(record, stance="offer")
    assert store.replace_records({article.id: [edited, dict(edited, actor="the rebels")]}) == [article.id]
    assert Store(store.path).records(article.id) == [edited]


def test_adding_the_same_article_twice_is_a_no_op(store):
    article = _article("Talks resume in Doha.")
    assert store.add([(article, [])]) == [article.id]
    before = store.path.read_bytes()
    assert store.add([(article, [])]) == []
    assert store.path.read_bytes() == before


def test_each_write_keeps_the_previous_generation_as_backup(store):
    first, second = _article("First article text."), _article("Second article text.")
    store.add([(first, [])])
    generation_one = store.path.read_bytes()
    store.add([(second, [])])
    assert backup_path(store.path).read_bytes() == generation_one
    assert json.loads(store.path.read_bytes())["articles"].keys() == {first.id, second.id}


def test_failed_replace_leaves_the_old_store_intact_and_no_temp_files(store, monkeypatch):
    store.add([(_article("Talks resume in Doha."), [])])
    before = store.path.read_bytes()
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst) == str(store.path):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(StoreError, match="No space left on device.*previous version is intact"):
        store.add([(_article("Another article."), [])])
    assert store.path.read_bytes() == before
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
    # and the in-memory view went back to what is on disk
    assert len(store.articles()) == 1


def test_a_crash_between_temp_write_and_replace_leaves_the_old_store(store, tmp_path):
    store.add([(_article("Talks resume in Doha."), [])])
    before = store.path.read_bytes()
    script = textwrap.dedent(f"""
        import os
        from ceasetalk.core.ingest import build_article
        from ceasetalk.core.store import Store
        real_replace = os.replace
        def crash(src, dst):
            if str(dst) == {str(store.path)!r}:
                os._exit(9)  # the process dies with the new generation only in a temp file
            return real_replace(src, dst)
        os.replace = crash
        Store({str(store.path)!r}).add([(build_article("A second article.", "text", "x"), [])])
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    assert store.path.read_bytes() == before
    assert [a.title for a in Store(store.path).articles()] == ["Talks resume in Doha."]


def test_a_damaged_store_is_refused_and_never_overwritten(db, run):
    db.parent.mkdir(parents=True)
    db.write_text('{"articles": {"x": ')
    code, out, err = run("list")
    assert code == 1
    assert "is damaged" in err and "left untouched" in err and "Traceback" not in err
    assert db.read_text() == '{"articles": {"x": '
    code, _, err = run("ingest", "-")
    assert code == 1 and "is damaged" in err
    assert db.read_text() == '{"articles": {"x": '


def test_a_store_from_a_newer_schema_is_refused(db):
    db.parent.mkdir(parents=True)
    db.write_text(json.dumps({"meta": {"store": {"schema": SCHEMA_VERSION + 1}}}))
    with pytest.raises(StoreError, match="newer ceasetalk"):
        Store(db)


def test_a_failed_transaction_changes_nothing(store):
    store.add([(_article("Talks resume in Doha."), [])])
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.set_meta(seeded=True)
            raise RuntimeError("boom")
    assert store.path.read_bytes() == before
    assert "seeded" not in store.meta()


def test_two_store_objects_never_lose_each_others_writes(db):
    one, two = Store(db), Store(db)
    first, second = _article("First article text."), _article("Second article text.")
    one.add([(first, [])])
    two.add([(second, [])])  # two has never read the file since one wrote it
    assert {a.id for a in Store(db).articles()} == {first.id, second.id}
    assert {a.id for a in one.articles()} == {first.id, second.id}


def test_writes_outside_a_transaction_are_a_programming_error(store):
    with pytest.raises(RuntimeError, match="inside Store.transaction"):
        store._db.table("meta").insert({"x": 1})


def test_removing_an_article_removes_its_records_reviews_and_texts(store):
    article = _article("Talks resume in Doha.")
    record = _position(article)
    store.add([(article, [record])])
    store.set_review(record["id"], "accepted")
    store.remove(article.id)
    assert store.reviews() == {}
    assert store.articles() == [] and store.records() == []
    assert not list(store.texts_dir.iterdir())


def test_typography_costs_no_sanitising_pass_but_hidden_controls_are_found():
    from ceasetalk.core.schema import clean_strings

    typeset = {"articles": {"a": {"title": "Talks \u201cstall\u201d \u2013 envoy\u2019s view\u2026"}}}
    payload = json.dumps(typeset).encode()  # ASCII escapes, as json writes them
    assert clean_strings(payload, typeset) is typeset
    for hidden in ("\b", "\f", "\r", "\u202e", "\u2028", "\x1b[2J", "\u200b"):
        tables = {"articles": {"a": {"title": f"Truce{hidden} holds"}}}
        for payload in (json.dumps(tables).encode(), json.dumps(tables, ensure_ascii=False).encode()):
            cleaned = clean_strings(payload, tables)["articles"]["a"]["title"]
            assert hidden not in cleaned and cleaned.split() == ["Truce", "holds"], (hidden, cleaned)
