"""What the dashboard does before its first frame, and what it leaves for after: widgets styled
once for the terminal's width, the opening noted on disk only once the panes are up."""
from __future__ import annotations

from ceasetalk.core.store import Store
from ceasetalk.core.visits import last_opened
from ceasetalk.tui.app import CeasetalkApp


async def test_the_layout_fits_the_width_from_the_first_frame_and_follows_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-wide") and not app.screen.has_class("-narrow")
        assert sum(1 for p in app.query(".pane") if p.region.area) == 4
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow") and not app.screen.has_class("-wide")
        assert [p.id for p in app.query(".pane") if p.region.area] == ["sources"]


def _line_colour(app) -> object:
    table = app.pane("sources").table
    return table.render_lines(table.region.reset_offset)[3]._segments[0].style.bgcolor


async def test_a_theme_chosen_while_another_screen_is_up_shows_on_return(make_app):
    """The dashboard skips Textual's restyle when it first becomes active (its widgets were just
    styled at mount); coming back to it later, it shows the styles that changed meanwhile."""
    fresh = make_app()
    fresh.theme = "textual-light"
    async with fresh.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        light = _line_colour(fresh)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        dark = _line_colour(app)
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.id != "_default"
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "_default"
        assert light != dark and _line_colour(app) == light


async def test_the_opening_is_noted_once_the_panes_are_up(seeded_db):
    app = CeasetalkApp(Store(seeded_db), opened="2025-06-02T08:00:00Z")
    assert last_opened(seeded_db) is None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.pane("sources").table.rows
        assert last_opened(seeded_db) == "2025-06-02T08:00:00Z"
    later = CeasetalkApp(Store(seeded_db))  # an app told of no opening (as in these tests) notes none
    async with later.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert last_opened(seeded_db) == "2025-06-02T08:00:00Z"
