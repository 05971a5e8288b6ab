"""The dashboard following a negotiation: arrivals marked new, the what-is-new window, shifts,
the timeline, Compare's change marks and wire copies as one row, on a small hand-made store."""
from __future__ import annotations

import pytest

from ceasetalk.core.extract import EXTRACTOR_VERSION
from ceasetalk.core.ingest import build_article
from ceasetalk.core.store import Store
from ceasetalk.core.views import Since
from ceasetalk.tui.app import CeasetalkApp
from ceasetalk.tui.screens import ShiftsScreen, StatementsScreen
from ceasetalk.tui.timeline import TimelineScreen

from ..core.test_what_changed import negotiation

SIZES = [(80, 24), (160, 45)]


@pytest.fixture
def talks_db(tmp_path):
    """The hand-made negotiation as a store: each article's text holds its records' sentences at their offsets."""
    dashboard = negotiation()
    store = Store(tmp_path / "talks.json")
    items = []
    for article in dashboard.articles.values():
        records = [r for r in dashboard.originals.values() if r["article"] == article.id]
        text = [" "] * max(r["end"] for r in records)
        for r in records:
            text[r["start"]:r["end"]] = r["sentence"]
        article.text = article.raw = "".join(text)
        items.append((article, records))
    made_by = f"{EXTRACTOR_VERSION}:hand-made"  # current, so the dashboard does not extract them again
    store.add(items, made_by)
    store.set_meta(profile=None, extractor=made_by)
    return store.path


@pytest.mark.parametrize("size", SIZES)
async def test_what_another_process_adds_is_marked_new_until_the_cursor_reaches_it(talks_db, size):
    app = CeasetalkApp(Store(talks_db))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        article = build_article("Talks in Port Amsel stall\n\nThe Government rejected a truce on Friday.", "text", "n")
        position = {"id": f"{article.id}-p0", "article": article.id, "kind": "position", "party": "Government",
                    "stance": "reject", "issue": "temporary_truce", "actor": None,
                    "sentence": "The Government rejected a truce on Friday.", "start": 27, "end": 69,
                    "date": "2025-05-23", "background": False}
        Store(talks_db).add([(article, [position])])  # as `follow run` in another terminal would
        await pilot.pause(1.5)
        status = str(app.query_one("#status").content)
        assert "1 new article, 1 new record" in status
        sources = app.pane("sources")
        row = next(r for r in sources.table.rows if r.key == article.id)
        assert row.cells[3].plain.startswith("\u2022 ")
        await pilot.press("2")
        demands = app.pane("demands")
        if demands.party != "Government":
            await pilot.press("right_square_bracket")
        shown = next(r for r in demands.table.rows if r.key == position["id"])
        assert shown.cells[0].plain == "\u2022"
        demands.table.move_to_key(position["id"])
        await pilot.pause()
        assert "new record" not in str(app.query_one("#status").content)


@pytest.mark.parametrize("size", SIZES)
async def test_w_narrows_every_pane_to_what_is_new_and_compare_marks_the_shift(talks_db, size):
    app = CeasetalkApp(Store(talks_db), since=Since(day="2025-05-01"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert {r.data.published for r in app.pane("sources").table.rows} == {"2025-05-20"}
        assert "new since 2025-05-01" in str(app.query_one("#status").content)
        await pilot.press("4")
        compare = app.pane("compare")
        marks = {row.key: row.cells[-1].plain for row in compare.table.rows}
        assert marks["prisoner_release"].startswith("\u0394") and not marks["temporary_truce"].startswith("\u0394")
        await pilot.press("w")  # everything again
        assert app.filters.since is None and len(app.pane("sources").table.rows) == 3  # the copy is folded in
        assert not any(row.cells[-1].plain.startswith("\u0394") for row in compare.table.rows)


async def test_w_without_a_window_says_why(talks_db):
    app = CeasetalkApp(Store(talks_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        assert app.filters.since is None
        assert any("first time" in str(n.message) for n in app._notifications)
    again = CeasetalkApp(Store(talks_db), last_opened="2025-05-20T08:30:00Z")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        assert [r.data.outlet for r in again.pane("sources").table.rows] == ["Valley Times"]


@pytest.mark.parametrize("size", SIZES)
async def test_the_shifts_screen_lists_the_change_with_both_sentences(talks_db, size):
    app = CeasetalkApp(Store(talks_db))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ShiftsScreen)
        (row,) = app.screen.query_one("#shifts-table").rows
        assert [c.plain for c in row.cells[:4]] == ["2025-05-20", "Coastal Front", "Release of prisoners",
                                                     "\u2212 reject \u2192 + offer"]
        evidence = app.screen.query_one("#shifts-evidence").render().plain
        assert "The Front again refused an exchange." in evidence and "offered to free detainees" in evidence
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.target == (row.data.after["start"], row.data.after["end"])


@pytest.mark.parametrize("size", SIZES)
async def test_the_timeline_shows_stances_by_period_and_lists_a_cells_statements(talks_db, size):
    app = CeasetalkApp(Store(talks_db))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("4", "t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert screen.issue == app.pane("compare").current_item().issue
        while screen.issue != "prisoner_release":
            await pilot.press("right_square_bracket")
        view = screen.view
        assert [c.stance for c in view.grid.rows[0].cells] == ["reject", "reject", "offer"]
        line = view.render_line(1).text
        assert "\u2212 R" in line and "+ O" in line  # letters for NO_COLOR, upper case: said in the period
        await pilot.press("left", "left")
        assert "2025-03-10: reject; 1 statement" in screen.query_one("#timeline-cell").render().plain
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StatementsScreen) and len(app.screen.rows) == 1
        await pilot.press("escape", "right_square_bracket")
        while screen.issue is not None:
            await pilot.press("right_square_bracket")
        assert {(r.party, r.issue) for r in screen.view.grid.rows} == {
            ("Coastal Front", "prisoner_release"), ("Government", "temporary_truce")}


@pytest.mark.parametrize("size", SIZES)
async def test_wire_copies_are_one_row_that_space_opens(talks_db, size):
    app = CeasetalkApp(Store(talks_db))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        sources = app.pane("sources")
        first = next(r for r in sources.table.rows if r.data.outlet == "Harbour Wire" and r.data.published == "2025-05-20")
        assert first.cells[3].plain.endswith("+1 copy") and len(sources.table.rows) == 3
        sources.table.move_to_key(first.key)
        await pilot.press("space")
        keys = [r.key for r in sources.table.rows]
        assert len(keys) == 4 and keys[keys.index(first.key) + 1] == "d" * 16
        assert sources.table.rows[keys.index(first.key) + 1].cells[3].plain.startswith("\u21b3 copy: ")
        await pilot.press("space")
        assert len(sources.table.rows) == 3
