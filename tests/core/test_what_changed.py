"""What moved: shifts between dates, the since window, the timeline, and the morning brief (golden file),
on a small hand-made negotiation with a known answer."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasetalk.core.boards import compare_matrix
from ceasetalk.core.brief import render_brief
from ceasetalk.core.errors import UserError
from ceasetalk.core.records import Article
from ceasetalk.core.shifts import changed_issues, shifts
from ceasetalk.core.timeline import timeline
from ceasetalk.core.views import Dashboard, Filters, Since
from ceasetalk.core.visits import parse_since, record_opening

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden" / "brief.md"
LABELS = {"prisoner_release": "Release of prisoners", "temporary_truce": "Temporary truce / pause"}


def _article(key: str, day: str, outlet: str, ingested: str, copy_of: str | None = None) -> Article:
    return Article(key * 16, f"Talks in Port Amsel, {day}", outlet, day, "text", f"{key}.txt", "text",
                   copy_of=copy_of and copy_of * 16, ingested=ingested)


def _position(article: Article, n: int, party: str, stance: str, issue: str, sentence: str, **extra) -> dict:
    return {"id": f"{article.id}-p{n}", "article": article.id, "kind": "position", "party": party, "stance": stance,
            "issue": issue, "actor": None, "sentence": sentence, "start": n * 100, "end": n * 100 + len(sentence),
            "date": article.published, "background": False, "confidence": 0.9, **extra}


def _figure(article: Article, n: int, value: int, sentence: str) -> dict:
    return {"id": f"{article.id}-f{n}", "article": article.id, "kind": "figure", "metric": "prisoners", "value": value,
            "low": None, "high": None, "qualifier": "about", "attribution": "the Red Crescent", "subject": "detainees",
            "population": None, "sentence": sentence, "start": n * 100, "end": n * 100 + len(sentence),
            "date": article.published, "background": False, "confidence": 0.95}


def negotiation() -> Dashboard:
    """Two rounds of invented talks: the Coastal Front rejects a prisoner exchange in March and offers one in
    May; the government demands a truce throughout; a wire copy repeats the May story."""
    march = _article("a", "2025-03-10", "Harbour Wire", "2025-03-10T08:00:00Z")
    april = _article("b", "2025-04-02", "Inland Post", "2025-04-02T08:00:00Z")
    may = _article("c", "2025-05-20", "Harbour Wire", "2025-05-20T08:00:00Z")
    copy = _article("d", "2025-05-20", "Valley Times", "2025-05-20T09:00:00Z", copy_of="c")
    records = [
        _position(march, 0, "Coastal Front", "reject", "prisoner_release", "The Coastal Front rejected any exchange."),
        _position(march, 1, "Government", "demand", "temporary_truce", "The government demanded a truce."),
        _figure(march, 2, 300, "About 300 detainees are held in the north."),
        _position(april, 0, "Coastal Front", "reject", "prisoner_release", "The Front again refused an exchange."),
        _position(may, 0, "Coastal Front", "offer", "prisoner_release", "The Coastal Front offered to free detainees."),
        _position(may, 1, "Government", "demand", "temporary_truce", "The government still wants a truce."),
        _figure(may, 2, 340, "About 340 detainees are held in the north."),
        _position(copy, 0, "Coastal Front", "offer", "prisoner_release", "The Coastal Front offered to free detainees."),
        _figure(copy, 2, 350, "About 350 detainees are held in the north."),
    ]
    return Dashboard.build([march, april, may, copy], records, {}, LABELS,
                           {"Coastal Front": "belligerent", "Government": "belligerent"})


def test_a_change_of_stance_between_dates_is_a_shift_and_a_repeat_is_not():
    dashboard = negotiation()
    (shift,) = shifts(dashboard)
    assert (shift.party, shift.issue, shift.before_date, shift.date) == (
        "Coastal Front", "prisoner_release", "2025-04-02", "2025-05-20")
    assert shift.describe(dashboard) == "Coastal Front: Release of prisoners, reject 2025-04-02 \u2192 offer 2025-05-20"
    assert shift.before["sentence"].startswith("The Front again refused")


def test_the_since_window_keeps_shifts_whose_later_statement_is_new():
    dashboard = negotiation()
    assert len(shifts(dashboard, Filters(since=Since(day="2025-05-01")))) == 1
    assert shifts(dashboard, Filters(since=Since(day="2025-05-21"))) == []
    assert changed_issues(dashboard, Filters(since=Since(day="2025-05-01")), ["Coastal Front"]) == {"prisoner_release"}
    assert changed_issues(dashboard, Filters(), ["Coastal Front"]) == set()  # no window, no marks


def test_since_an_instant_means_taken_in_after_it():
    dashboard = negotiation()
    window = Filters(since=Since(instant="2025-05-20T08:30:00Z"))
    assert {r["article"][0] for r in dashboard.visible("figure", window)} == {"d"}
    assert {r["article"][0] for r in dashboard.visible("figure", Filters(since=Since(day="2025-04-01")))} == {"c", "d"}


def test_a_wire_copy_repeating_a_finding_counts_once_but_its_own_figure_shows():
    dashboard = negotiation()
    offers = [r for r in dashboard.records if r["kind"] == "position" and r["stance"] == "offer"]
    assert [r["article"][0] for r in offers] == ["c"]  # the copy's identical statement is an echo
    assert dashboard.echoes == {"d" * 16 + "-p0": "c" * 16 + "-p0"}
    assert sorted(r["value"] for r in dashboard.records if r["kind"] == "figure") == [300, 340, 350]
    cell = compare_matrix(dashboard, Filters(), ["Coastal Front"])[("prisoner_release", "Coastal Front")]
    assert cell.stance == "offer" and cell.sources == 1  # one story, two outlets


def test_the_timeline_holds_each_stance_until_it_changes():
    dashboard = negotiation()
    grid = timeline(dashboard, Filters(), "prisoner_release")
    assert grid.unit == "day" and [p[0] for p in grid.periods] == ["2025-03-10", "2025-04-02", "2025-05-20"]
    (row,) = grid.rows
    assert [c.stance for c in row.cells] == ["reject", "reject", "offer"]
    weekly = timeline(dashboard, Filters(), None, limit=2)
    assert weekly.unit == "month" and [p[0] for p in weekly.periods] == ["2025-04-01", "2025-05-01"]
    government = next(r for r in weekly.rows if r.party == "Government")
    assert government.issue == "temporary_truce" and government.cells[0].carried  # said nothing in April
    assert government.cells[0].stance == "demand" and not government.cells[1].carried


def test_the_brief_matches_the_golden_file():
    assert render_brief(negotiation(), Since(day="2025-05-01")) == GOLDEN.read_text(encoding="utf-8")


def test_since_on_the_command_line(tmp_path):
    today = dt.date(2025, 5, 21)
    store = tmp_path / "store.json"
    assert parse_since("2025-05-01", store, today) == Since(day="2025-05-01")
    assert parse_since("yesterday", store, today) == Since(day="2025-05-20")
    assert parse_since("3d", store, today) == Since(day="2025-05-18")
    with pytest.raises(UserError, match="not been opened"):
        parse_since("last", store, today)
    assert record_opening(store, "2025-05-21T07:00:00Z") is None
    assert record_opening(store, "2025-05-22T07:00:00Z") == "2025-05-21T07:00:00Z"
    assert parse_since("last", store, today) == Since(instant="2025-05-22T07:00:00Z")
    with pytest.raises(UserError, match="not a date"):
        parse_since("May", store, today)
