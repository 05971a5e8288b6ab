"""Hostile articles never crash ingestion or extraction, never take long, and keep offsets true.

The generated count is CEASETALK_FUZZ_EXAMPLES (default 200 here; the README's
Reliability section runs the full count).
"""
from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasetalk.core.errors import UserError
from ceasetalk.core.ingest import build_article, decode, load

from .hostile import crafted

EXAMPLES = int(os.environ.get("CEASETALK_FUZZ_EXAMPLES", "200"))
TIME_LIMIT = 5.0
TALLY = {"inputs": 0, "refused": 0, "slowest": 0.0}


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nreliability: {TALLY['inputs']} hostile inputs tried ({TALLY['refused']} refused with a reason), "
          f"zero tracebacks, slowest {TALLY['slowest']:.2f} s")


@pytest.fixture(scope="module")
def extractor():
    from ceasetalk.core.extract import Extractor
    from ceasetalk.core.profiles import resolve_profile

    return Extractor(resolve_profile("gaza"))


def _check(extraction) -> None:
    text = extraction.article.text
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    for record in (*extraction.positions, *extraction.figures):
        assert text[record.start:record.end] == record.sentence


def _ingest_and_extract(path, extractor) -> None:
    started = time.perf_counter()
    TALLY["inputs"] += 1
    try:
        article = load(path)
    except UserError as exc:
        assert str(exc) and "\n" not in str(exc)
        TALLY["refused"] += 1
        return
    _check(extractor.extract(article))
    elapsed = time.perf_counter() - started
    TALLY["slowest"] = max(TALLY["slowest"], elapsed)
    assert elapsed < TIME_LIMIT, f"{path.name} took too long"


def test_crafted_files_are_refused_or_read_never_crash(tmp_path, extractor):
    for path in crafted(tmp_path):
        _ingest_and_extract(path, extractor)


def test_long_text_is_extracted_in_chunks_with_true_offsets(extractor):
    paragraph = ("Hamas demanded a permanent ceasefire and the withdrawal of Israeli troops, officials said. "
                 "At least 34,683 people have been killed, according to health authorities.\n\n")
    article = build_article(paragraph * 400, "text", "long")  # ~70,000 characters, several chunks
    extraction = extractor.extract(article)
    _check(extraction)
    starts = sorted({p.start for p in extraction.positions})
    assert len(starts) > 100 and starts[-1] > 20_000  # records from beyond the first chunk


hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "C"], exclude_characters="\ud800"),
    max_size=3000,
)
news_words = st.lists(st.sampled_from([
    "Hamas", "Israel", "demanded", "rejected", "ceasefire", "hostages", "34,683", "at least", "six-week", "truce",
    "not", "if", "in exchange for", "release", "of", "the", ".", ",", "\n", "\u202e", "\x1b[1m", "[b]", "|",
    "Monday", "May", "2024", "Channel 12", "49-year-old", "dozens", "between", "and", "to", "700", "800",
]), max_size=400).map(" ".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=4000), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      news_words.map(str.encode)),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_generated_inputs_never_crash(tmp_path_factory, extractor, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    _ingest_and_extract(path, extractor)


@settings(max_examples=EXAMPLES, deadline=None)
@given(data=st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_a_reason(data):
    TALLY["inputs"] += 1
    try:
        text, notes = decode(data, "x")
    except UserError as exc:
        assert "binary file" in str(exc)
    else:
        assert isinstance(text, str) and all(isinstance(n, str) for n in notes)
