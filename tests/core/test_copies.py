"""Wire copies: an outlet's edit of an agency story is grouped with it; another story on the same
meeting is not (passages written for these tests, about an invented negotiation)."""
from __future__ import annotations

import json

import pytest

from ceasetalk.core.copies import COPY_THRESHOLD, SIGNATURES, CopyFinder, similarity
from ceasetalk.core.ingest import build_article
from ceasetalk.core.library import ingest

from ..conftest import FIXTURES

STORY = (FIXTURES / "copies" / "story.txt").read_text(encoding="utf-8")
OTHER = (FIXTURES / "copies" / "other.txt").read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def edits() -> dict[str, str]:
    """The edits an outlet makes to an agency story."""
    head, *body = _paragraphs(STORY)
    words = STORY.split()
    return {
        "paragraphs reordered": "\n\n".join([head, *body[3:], *body[:3]]),
        "headline changed": "\n\n".join(["Port Amsel round ends without a deal on detainees", *body]),
        "ending trimmed": "\n\n".join([head, *body[: len(body) * 2 // 3]]),
        "all three": "\n\n".join(["Mediators push on in Port Amsel", *body[2:6], *body[:2]]),
        "half the words": " ".join(words[: len(words) // 2]),
    }


@pytest.mark.parametrize("edit", list(edits()))
def test_an_edited_copy_is_over_the_threshold(edit):
    assert similarity(STORY, edits()[edit]) >= COPY_THRESHOLD


def test_another_story_on_the_same_meeting_is_under_it_even_sharing_a_quote_and_a_figure():
    assert similarity(STORY, OTHER) < COPY_THRESHOLD / 2


def test_the_finder_points_copies_at_the_first_article_of_their_group():
    finder = CopyFinder()
    first, copy, again, other = (build_article(t, "text", name) for t, name in
                                 [(STORY, "wire"), (edits()["headline changed"], "outlet-a"),
                                  (edits()["ending trimmed"], "outlet-b"), (OTHER, "feature")])
    finder.assign([first, copy, again, other])
    assert first.copy_of is None and other.copy_of is None
    assert copy.copy_of == first.id and again.copy_of == first.id


def test_ingest_marks_copies_and_keeps_the_signatures_beside_the_texts(store, tmp_path):
    for name, text in [("wire.txt", STORY), ("outlet.txt", edits()["all three"]), ("feature.txt", OTHER)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest(store, [str(tmp_path / "wire.txt")], trained=False)
    ingest(store, [str(tmp_path / "outlet.txt"), str(tmp_path / "feature.txt")], trained=False)
    by_source = {a.source: a for a in store.articles()}
    wire = by_source[str(tmp_path / "wire.txt")]
    assert by_source[str(tmp_path / "outlet.txt")].copy_of == wire.id
    assert by_source[str(tmp_path / "feature.txt")].copy_of is None
    assert all(a.ingested and a.ingested.endswith("Z") for a in by_source.values())
    saved = json.loads((store.texts_dir / SIGNATURES).read_text())
    assert set(saved["signatures"]) == {a.id for a in by_source.values()}


def test_lost_or_damaged_signatures_are_rebuilt_from_the_texts(store, tmp_path):
    (tmp_path / "wire.txt").write_text(STORY, encoding="utf-8")
    ingest(store, [str(tmp_path / "wire.txt")], trained=False)
    (store.texts_dir / SIGNATURES).write_text("{not json")
    (tmp_path / "copy.txt").write_text(edits()["paragraphs reordered"], encoding="utf-8")
    ingest(store, [str(tmp_path / "copy.txt")], trained=False)
    assert {a.copy_of for a in store.articles()} == {None, build_article(STORY, "text", "x").id}


def test_ingest_lets_go_of_the_copy_index_and_the_texts_once_they_are_saved(store, tmp_path, monkeypatch):
    """A year of coverage in one ingest: the index of signatures (170 MB at 10,000 articles) is saved
    and freed before extraction starts, and each article's texts are dropped once they are beside
    the store."""
    import gc

    from datasketch import MinHashLSH

    import ceasetalk.core.library as library

    for name, text in [("wire.txt", STORY), ("feature.txt", OTHER)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    saved_before_extraction = []
    extract_all = __import__("ceasetalk.core.executors", fromlist=["x"]).extract_all

    def watched(*args, **kwargs):
        saved_before_extraction.append((store.texts_dir / SIGNATURES).exists())
        indexes_alive.append(sum(isinstance(o, MinHashLSH) for o in gc.get_objects()))
        return extract_all(*args, **kwargs)

    indexes_alive: list[int] = []
    monkeypatch.setattr("ceasetalk.core.executors.extract_all", watched)
    gc.collect()
    gc.disable()  # the index is in a reference cycle: only ingest's own collection may free it here
    try:
        outcomes = library.ingest(store, [str(tmp_path / "wire.txt"), str(tmp_path / "feature.txt")], trained=False)
    finally:
        gc.enable()
    assert saved_before_extraction == [True] and indexes_alive == [0]
    assert [o.status for o in outcomes] == ["added", "added"]
    assert all(o.article.text == o.article.raw == "" for o in outcomes)
    assert {store.text(o.article.id) for o in outcomes} == {build_article(t, "text", "x").text for t in (STORY, OTHER)}


def test_the_dashboard_lists_each_storys_copies_oldest_first_and_no_one_elses():
    from dataclasses import replace

    from ceasetalk.core.records import Article
    from ceasetalk.core.views import Dashboard

    story = Article("s1", "Envoys meet in Juba", "Wire", "2025-02-01", "flag", "s1.txt", "text")
    late = replace(story, id="c2", copy_of="s1", ingested="2025-02-03T10:00:00Z")
    early = replace(story, id="c1", copy_of="s1", ingested="2025-02-02T10:00:00Z")
    other = replace(story, id="o1", title="Talks stall in Addis", copy_of="x9")
    dashboard = Dashboard.build([story, late, early, other], [], {})
    assert [a.id for a in dashboard.copies("s1")] == ["c1", "c2"]
    assert dashboard.copies("c1") == [] and [a.id for a in dashboard.copies("x9")] == ["o1"]
    dashboard.copies("s1").clear()  # a caller's list is its own
    assert len(dashboard.copies("s1")) == 2
