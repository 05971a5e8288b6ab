"""Records a person adds, confidence from the decision trace, and what the reviews measure."""
from __future__ import annotations

import pytest

from ceasetalk.core.confidence import MOST_SURE, confidence, features
from ceasetalk.core.errors import UserError
from ceasetalk.core.ingest import build_article
from ceasetalk.core.precision import review_stats, wilson
from ceasetalk.core.store import Store
from ceasetalk.core.views import Dashboard, Filters, confidence_of

TEXT = "Envoys of Valdoria met in Port Amsel.\nThe Coastal Front said it would free 40 detainees next week."


def _added(article, **fields) -> dict:
    start = article.text.index("The Coastal Front")
    sentence = article.text[start:]
    return {"kind": "figure", "article": article.id, "metric": "prisoners", "value": 40, "low": None, "high": None,
            "qualifier": None, "attribution": "the Coastal Front", "subject": "detainees", "population": None,
            "sentence": sentence, "start": start, "end": start + len(sentence), "date": "2025-03-02",
            "background": False, **fields}


def test_an_added_record_is_stored_marked_and_kept_when_records_are_replaced(store):
    article = build_article(TEXT, "text", "test")
    store.add([(article, [])])
    stored = store.add_record(_added(article))
    assert stored["added"] is True and stored["id"].startswith("added-")
    store.replace_records({article.id: []})  # what re-extraction does
    assert [r["id"] for r in Store(store.path).records()] == [stored["id"]]


def test_an_added_record_must_quote_its_article_at_its_offsets(store):
    article = build_article(TEXT, "text", "test")
    store.add([(article, [])])
    with pytest.raises(UserError, match="not at its offsets"):
        store.add_record(_added(article, sentence="Something the article never said."))
    with pytest.raises(UserError, match="metric"):
        store.add_record(_added(article, metric="morale"))
    assert store.records() == []


def test_the_same_record_cannot_be_added_twice(store):
    article = build_article(TEXT, "text", "test")
    store.add([(article, [])])
    store.add_record(_added(article))
    with pytest.raises(UserError, match="already"):
        store.add_record(_added(article))


def test_taking_back_an_added_record_removes_it_and_its_review_but_never_an_extracted_one(store):
    article = build_article(TEXT, "text", "test")
    extracted = {**_added(article), "id": f"{article.id}-x1"}
    store.add([(article, [extracted])])
    stored = store.add_record(_added(article, value=41))
    store.set_review(stored["id"], "accepted")
    store.remove_added(stored["id"])
    assert [r["id"] for r in store.records()] == [extracted["id"]] and store.reviews() == {}
    with pytest.raises(UserError, match="added by hand"):
        store.remove_added(extracted["id"])


def test_confidence_comes_from_the_trace_and_is_never_certain():
    sure = {"kind": "position", "stance": "accept", "why": 'cue "accepted" (stances.verbs.accept); holder '
            'Valdoria: subject "Valdoria"; issue temporary_truce: "truce" (issues.temporary_truce cue)'}
    carried = {**sure, "stance": "reject", "why": 'cue "rejected" (positions.carrying_verbs); holder Valdoria: "he" '
               'resolved to the party last named "Valdoria"; issue temporary_truce: "truce" (issues.temporary_truce '
               'cue)'}
    assert {"cue_verb", "holder_subject", "issue_cue", "position:accept"} <= set(features(sure))
    assert {"cue_carried", "holder_resolved", "position:reject"} <= set(features(carried))
    assert 0 < confidence(carried) < confidence(sure) <= MOST_SURE


def test_a_record_added_by_hand_counts_as_sure_and_apart_in_the_review_figures():
    article = build_article(TEXT, "text", "test")
    extracted = [{**_added(article), "id": f"x{n}", "value": n, "confidence": 0.4} for n in range(5)]
    added = {**_added(article), "id": "added-1", "added": True}
    reviews = {"x0": {"status": "accepted"}, "x1": {"status": "accepted"}, "x2": {"status": "dismissed"}}
    dashboard = Dashboard.build([article], [*extracted, added], reviews)
    assert confidence_of(added) == 1.0
    figures = review_stats(dashboard).kinds[1]
    assert (figures.extracted, figures.reviewed, figures.accepted, figures.added) == (5, 3, 2, 1)
    assert figures.interval == wilson(2, 3)
    assert "figures 67% [21%\u201394%] +1 added" in review_stats(dashboard).describe()
    shown = dashboard.visible("figure", Filters(min_confidence=0.5))
    assert {r["id"] for r in shown} == {"x0", "x1", "added-1"}  # accepted and added stay; unsure ones go


def test_wilson_interval_matches_the_textbook_values():
    low, high = wilson(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    assert wilson(0, 0) == (0.0, 1.0)


def test_records_stored_before_confidence_was_kept_get_it_from_their_trace():
    article = build_article(TEXT, "text", "test")
    old = {**_added(article), "id": "old", "why": '"40" prisoners: "detainees" counts "detainees"'}
    (shown,) = Dashboard.build([article], [old], {}).records
    assert shown["confidence"] == confidence(old) and "confidence" not in old  # the stored dict is left alone
