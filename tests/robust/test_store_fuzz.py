"""Generated damage to the store file, hostile file names and hostile merged records: every one is
refused with a sentence or read safely; none crashes a reader, none reaches the terminal raw.

The generated count is CEASETALK_FUZZ_EXAMPLES (default 200 here; the README's Reliability section
runs the full count)."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasetalk.core.errors import UserError
from ceasetalk.core.library import load_dashboard, seed_if_new
from ceasetalk.core.snapshot import render
from ceasetalk.core.store import Store
from ceasetalk.core.views import Filters
from ceasetalk.tui import cli

EXAMPLES = int(os.environ.get("CEASETALK_FUZZ_EXAMPLES", "200"))
TALLY = {"store files": 0, "refused": 0, "names": 0, "record files": 0, "records refused": 0}
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nreliability: {TALLY['store files']} damaged store files ({TALLY['refused']} refused as damaged, the "
          f"rest read with malformed documents left out), {TALLY['names']} hostile file names, "
          f"{TALLY['record files']} hostile record files ({TALLY['records refused']} refused); zero tracebacks")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    seed_if_new(Store(folder / "store.json"))
    return folder


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) |
    st.text(max_size=30) | st.sampled_from(["\x1b[2J", "\u202e", "2024-13-45", "", "demand", "killed"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _mutate(data: dict, choice: int, value, how: str) -> bytes:
    tables = [name for name in ("articles", "records", "reviews", "meta") if data.get(name)]
    table = data[tables[choice % len(tables)]]
    doc_id = sorted(table)[choice % len(table)]
    doc = table[doc_id]
    if how == "table" :
        data[tables[choice % len(tables)]] = value
    elif how == "doc":
        table[doc_id] = value
    elif isinstance(doc, dict) and doc:
        field = sorted(doc)[choice % len(doc)]
        if how == "drop":
            del doc[field]
        else:
            doc[field] = value
    payload = json.dumps(data).encode()
    return payload[: choice % len(payload)] if how == "truncate" else payload


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
@given(choice=st.integers(0, 10**6), value=json_values,
       how=st.sampled_from(["field", "field", "field", "drop", "doc", "table", "truncate"]))
def test_a_damaged_store_file_is_refused_or_read_safely(template, tmp_path_factory, capsys, choice, value, how):
    folder = tmp_path_factory.mktemp("store")
    shutil.copytree(template, folder, dirs_exist_ok=True)
    db = folder / "store.json"
    db.write_bytes(_mutate(json.loads(db.read_text()), choice, value, how))
    before = db.read_bytes()
    refused_before = TALLY["refused"]
    TALLY["store files"] += 1
    try:
        store = Store(db)
        dashboard = load_dashboard(store)
        render(dashboard, Filters(text="a", hide_dismissed=True))
    except UserError:
        TALLY["refused"] += 1
    for command in (["list", "--json"], ["export", "--md", "-"], ["doctor"]):
        code = cli.main(["--db", str(db), *command])
        out, err = capsys.readouterr()
        assert code in (0, 1) and "Traceback" not in err
        assert not UNSAFE.search(out + err)
    if db.read_bytes() != before:  # only a store that read well is ever written back, and it stays readable
        assert TALLY["refused"] == refused_before
        Store(db)


names = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=40)


@settings(max_examples=max(EXAMPLES // 4, 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=names)
def test_a_hostile_file_name_is_never_shown_raw(tmp_path_factory, capsys, name):
    folder = tmp_path_factory.mktemp("names")
    try:
        path = folder / f"{name}.txt"
        path.write_text("Talks resume in Doha; the northern alliance demanded a ceasefire.")
    except (OSError, ValueError):
        return  # a name this file system refuses is not a file the user can have
    TALLY["names"] += 1
    code = cli.main(["--db", str(folder / "store.json"), "ingest", "--profile", "gaza", "--blank", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err and not UNSAFE.search(out + err)


@pytest.fixture(scope="module")
def extract_file(tmp_path_factory) -> dict:
    from ceasetalk.core.extract import Extractor, to_json
    from ceasetalk.core.ingest import load
    from ceasetalk.core.profiles import resolve_profile

    from ..conftest import SEEDS

    extractor = Extractor(resolve_profile("gaza"), trained=False)
    return to_json([extractor.extract(load(SEEDS / "003_3bca4a51c52861e2.txt"))], extractor, "test", with_text=True)


@settings(max_examples=max(EXAMPLES // 4, 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(choice=st.integers(0, 10**6), value=json_values)
def test_hostile_merged_records_are_refused_or_stored_clean(extract_file, tmp_path_factory, capsys, choice, value):
    document = json.loads(json.dumps(extract_file))
    entry = document["articles"][0]
    records = entry["positions"] + entry["figures"]
    target = [entry, *records][choice % (len(records) + 1)]
    field = sorted(target)[choice % len(target)]
    target[field] = value
    folder = tmp_path_factory.mktemp("records")
    shard = folder / "shard.json"
    shard.write_text(json.dumps(document))
    TALLY["record files"] += 1
    code = cli.main(["--db", str(folder / "store.json"), "ingest", "--records", str(shard)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err and not UNSAFE.search(out + err)
    TALLY["records refused"] += code == 1
    if (folder / "store.json").exists():
        store = Store(folder / "store.json")
        assert store.problems() == []
        assert not UNSAFE.search(json.dumps([a.to_dict() for a in store.articles()] + store.records(),
                                            ensure_ascii=False))
