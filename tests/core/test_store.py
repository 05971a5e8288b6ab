"""The store: atomic generations, crash safety, refusal of damaged or newer stores."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"\\", b"b", b"u", b"0", b"2", b"8", b"f", b"e", b"\xc2", b"\x85", b"\xe2",
                                 b"\x80", b"\x8b", b"\x9c", b"\xef", b"\xbb", b"\xbf", b"\xd8", b"\x1b", b"\x7f", b"\xe1",
                                 b"\xa0", b"\x8e",
                                 b"\t", b"\n"]), max_size=16).map(b"".join))
def test_the_quick_scan_for_unsafe_bytes_finds_what_the_full_pattern_finds(payload):
    from ceasetalk.core.schema import _SUSPECT, suspect

    assert suspect(payload) == (re.search(_SUSPECT, payload) is not None)



_DOCS = st.dictionaries(st.text(max_size=6), st.one_of(st.text(max_size=12), st.integers(-2**63, 2**63 - 1), st.none(),
                                                        st.lists(st.text(max_size=4), max_size=2)), max_size=3)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=5), st.dictionaries(st.text(max_size=6), _DOCS, max_size=4),
                       min_size=1, max_size=3))
def test_the_store_file_is_one_json_object_read_back_a_line_at_a_time(tables):
    import io

    from ceasetalk.core.schema import clean_strings
    from ceasetalk.core.store import read_by_lines, store_lines

    payload = b"".join(store_lines(tables))
    assert json.loads(payload) == tables
    # What a JSON parser reads, sanitised as every reading of the store is.
    assert read_by_lines(io.BytesIO(payload)) == clean_strings(payload, json.loads(payload))


def _store_file(tmp_path, text: str):
    path = tmp_path / "store.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_store_file_in_another_layout_is_read_as_json_reads_it(tmp_path):
    from ceasetalk.core.store import load_store_file

    tables = {"meta": {"store": {"schema": 1}}, "articles": {"a1": {"id": "a1", "title": "Envoys meet"}}}
    assert load_store_file(_store_file(tmp_path, json.dumps(tables))) == tables  # one line, as older versions wrote
    assert load_store_file(_store_file(tmp_path, json.dumps(tables, indent=2))) == tables  # edited by hand
    repeated = '{\n"articles":{\n"a1":{"id":"a1"}\n},\n"articles":{\n"b2":{"id":"b2"}\n}\n}\n'
    assert load_store_file(_store_file(tmp_path, repeated)) == json.loads(repeated)  # the last one wins


@pytest.mark.parametrize("broken", [
    '{\n"articles":{\n"a1":{"id":"a1"},\n}\n}\n',  # a comma before the table's end
    '{\n"articles":{\n"a1":{"id":"a1"}\n},\n}\n',  # a comma before the file's end
    '{\n"articles":{\n"a1":{"id":"a1"}\n"b2":{"id":"b2"}\n}\n}\n',  # no comma between documents
    '{\n"articles":{\n"a1":{"id":"a1"}\n}\n}\n{}',  # something after the end
])
def test_a_line_out_of_place_is_damage_as_for_any_json_reader(tmp_path, broken):
    from ceasetalk.core.store import load_store_file

    with pytest.raises(StoreError, match="damaged"):
        load_store_file(_store_file(tmp_path, broken))


def test_short_strings_and_sentences_read_from_the_store_are_held_once(tmp_path, monkeypatch):
    from ceasetalk.core import store as module
    from ceasetalk.core.store import load_store_file, store_lines

    said = "The Northern League said it would free forty detainees if the shelling of the valley stopped."
    docs = {f"r{i}": {"party": "".join(["North", "ern League"]), "sentence": "".join([said[:50], said[50:]]),
                      "why": "x" * 60 + str(i)} for i in range(3)}
    docs["r3"] = {"party": "Ostrava", "sentence": "Another sentence entirely, long enough not to be interned."}
    path = tmp_path / "store.json"
    for payload in (b"".join(store_lines({"records": docs})), json.dumps({"records": docs}).encode()):
        path.write_bytes(payload)  # one document a line, and the one-line layout read whole
        for batch in (module._BATCH, 2):  # also with the records read over several slices of lines
            monkeypatch.setattr(module, "_BATCH", batch)
            read = load_store_file(path)["records"]
            assert read == docs
            assert read["r0"]["party"] is read["r1"]["party"] is read["r2"]["party"]  # one string, not three
            assert read["r0"]["sentence"] is read["r1"]["sentence"] is read["r2"]["sentence"]
            assert read["r0"]["why"] is not read["r1"]["why"]


def test_records_just_added_hold_their_strings_as_records_read_back_do(store):
    """A batch stored in one write shares each sentence and each short value (a date, an actor) across
    its articles, and the tables are changed where they are, not copied for every batch."""
    first = _article("The valley council will accept a truce of ten days.\nTalks resume on Monday.")
    second = _article("The valley council will accept a truce of ten days.\nA second report says so too.")
    date = "".join(["2025-", "03-14"])
    one = _position(first, date=date, actor="".join(["the ", "council"]))
    two = _position(second, id=f"{second.id}-p0", date="".join(["2025-03", "-14"]), actor="the council")
    assert one["sentence"] == two["sentence"] and one["sentence"] is not two["sentence"]
    earlier = _article("An earlier story about the valley.\nNothing more.")
    store.add([(earlier, [_position(earlier)])])
    records = (store._storage.read() or {})["records"]
    store.add([(first, [one]), (second, [two])])
    assert (store._storage.read() or {})["records"] is records and len(records) == 3
    kept = {r["article"]: r for r in store.records()}
    a, b = kept[first.id], kept[second.id]
    assert a["sentence"] is b["sentence"] and a["date"] is b["date"] and a["actor"] is b["actor"]


def test_the_summary_is_read_without_loading_tinydb(store, tmp_path):
    """The dashboard's first frame comes from the summary, and its reading of the records needs no
    TinyDB either: it loads with the first write."""
    article = _article("The mediators propose a pause of three days.\nBoth delegations left.")
    store.add([(article, [_position(article)])])
    code = textwrap.dedent(f"""
        import sys
        from ceasetalk.core.store import Store
        import ceasetalk.tui.app
        store = Store({str(store.path)!r}, lazy=True)
        assert [a.id for a in store.summary()["articles"]] == [{article.id!r}]
        assert "tinydb" not in sys.modules
        assert [r["id"] for r in store.records()] == [{article.id + "-p0"!r}]
        assert "tinydb" not in sys.modules
        store.set_review({article.id + "-p0"!r}, "accepted")
        assert "tinydb" in sys.modules and Store(store.path).reviews()[{article.id + "-p0"!r}]["status"] == "accepted"
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def _summarised(store) -> tuple[dict, list]:
    """A store of two articles (the second a wire copy of the first) and its summary as written."""
    first = _article("Envoys of the two sides met in Nicosia.\nThey agreed to meet again.")
    copy = _article("Envoys of the two sides met in Nicosia today.\nThey agreed to meet again.")
    copy.copy_of, copy.ingested = first.id, "2025-04-02T09:30:00Z"
    store.add([(first, [_position(first)]), (copy, [])])
    return json.loads(store.summary_path.read_text()), store.articles()


def test_the_summary_holds_the_articles_the_full_read_finds(store):
    summary, articles = _summarised(store)
    assert summary["fields"] == ["id", "title", "outlet", "published", "published_from", "source", "kind", "copy_of",
                                 "ingested"]
    read = Store(store.path, lazy=True).summary()
    assert [a.to_dict() for a in read["articles"]] == [a.to_dict() for a in articles]
    assert read["articles"][1].copy_of == articles[0].id and read["counts"] == {articles[0].id: 1}


@pytest.mark.parametrize("damage", [
    lambda s: s.update(signature=[0, 0]),  # a summary of another generation of the store
    lambda s: s.update(fields=s["fields"][::-1]),  # rows in another order
    lambda s: s.update(articles=[dict(zip(s["fields"], row, strict=True)) for row in s["articles"]]),  # objects, not rows
    lambda s: s["articles"][0].pop(),  # a row too short
    lambda s: s["articles"][0].__setitem__(1, 42),  # a title that is a number
    lambda s: s["articles"][0].__setitem__(1, "  "),  # an empty title
    lambda s: s["articles"][0].__setitem__(0, "not-an-id"),
    lambda s: s["articles"][1].__setitem__(0, s["articles"][0][0] + "\n"),  # an id and a line break
    lambda s: s["articles"][0].__setitem__(3, "last Tuesday"),  # published, not a date
    lambda s: s["articles"][1].__setitem__(8, "2025-04-02"),  # ingested, a date without the time
    lambda s: s["articles"][0].__setitem__(2, "Wire\x1b]0;owned\x07"),  # an escape sequence for the terminal
    lambda s: s["articles"][0].__setitem__(5, "a\u202etxt.exe"),  # a bidi override
    lambda s: s["counts"].update(extra="three"),
    lambda s: s["meta"].update(profile=7),
])
def test_a_summary_of_another_generation_or_malformed_is_not_used(store, damage):
    """The dashboard paints its first frame from the summary: anything odd in it sends it to the full
    read, which names what is wrong and cleans what is unsafe."""
    summary, articles = _summarised(store)
    damage(summary)
    store.summary_path.write_text(json.dumps(summary))
    reader = Store(store.path, lazy=True)
    assert reader.summary() is None
    assert [a.id for a in reader.articles()] == [a.id for a in articles]


_FIELDS = ("id", "title", "outlet", "published", "published_from", "source", "kind", "copy_of", "ingested")
_VALUES = {
    "id": ["0123456789abcdef", "fedcba9876543210", "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef\n", 7],
    "title": ["Talks resume", " ", "", "Envoys\nmeet", None, 3],
    "outlet": ["Wire", None, 2.5],
    "published": ["2025-01-31", None, "2025-1-31", "2025-01-31\n", "2025-01-31\n2025-02-01", True],
    "published_from": ["flag", None],
    "source": ["a.txt", None],
    "kind": ["text", ["html"]],
    "copy_of": [None, "0123456789abcdef", "copy"],
    "ingested": [None, "2025-04-02T09:30:00Z", "2025-04-02 09:30:00"],
}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries({name: st.sampled_from(values) for name, values in _VALUES.items()}),
                max_size=4))
def test_the_summary_check_by_columns_agrees_with_the_check_of_each_article(docs):
    from ceasetalk.core.schema import articles_well_formed, check_article

    rows = [[doc[name] for name in _FIELDS] for doc in docs]
    each = all(check_article(doc["id"], doc) is None for doc in docs)
    assert articles_well_formed(rows, _FIELDS) == each


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\t", "\n", "\r", "\r\n", "\x1b", "[2J", "\x07", "\x85", "\u2028",
                                 "\u2029", "\u202e", "\u200b", "\ufeff", "\u061c", "\u00e9", "\u2019", "\u00a0",
                                 "\x7f", "\x9b", "\u180e", "\u2066", "\u2065", "\U0001f600"]),
                max_size=8).map("".join))
def test_a_text_is_clean_exactly_where_sanitising_leaves_it_as_it_is(text):
    from ceasetalk.core.sanitize import is_clean, sanitize

    assert is_clean(text) == (sanitize(text) == text)
