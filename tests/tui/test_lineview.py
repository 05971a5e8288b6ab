"""The scrollbar drawn inside a table's lines, and the focus change that repaints one line."""
from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import App
from textual.screen import Screen

from ceasetalk.tui.widgets.lineview import thumb
from ceasetalk.tui.widgets.table import TABLE_CLASSES, Column, Row, VirtualTable


def test_the_thumb_spans_the_share_shown_at_the_place_shown():
    assert thumb(10, 10, 0) == range(0)  # all of it fits: no thumb
    assert thumb(10, 100, 0) == range(0, 1)  # a tenth shown, at the top
    assert thumb(10, 100, 90) == range(9, 10)  # scrolled to the end
    assert thumb(10, 20, 5) == range(2, 7)  # half shown, half way down
    assert thumb(4, 10_000, 5_000) == range(2, 3)  # never thinner than a row


class TableScreen(Screen):
    COMPONENT_CLASSES = TABLE_CLASSES


class Rows(App):
    CSS = "VirtualTable { height: 12; } Screen > .lineview--thumb { background: red; }"

    def get_default_screen(self):
        return TableScreen(id="_default")

    def compose(self):
        yield VirtualTable([Column("n", 6), Column("talks")])

    def on_mount(self):
        self.query_one(VirtualTable).set_rows(
            [Row(str(i), [Text(str(i)), Text(f"round {i} of the Juba talks")]) for i in range(100)])


def bar_cells(table: VirtualTable) -> list[str]:
    """Each line's last cell, "#" where the thumb is."""
    on = table.look("lineview--thumb")
    lines = table.render_lines(table.region.reset_offset)
    return ["#" if line._segments[-1].style == on else "." for line in lines]


async def test_the_bar_follows_the_rows_shown_and_a_click_on_it_scrolls_there():
    app = Rows()
    async with app.run_test(size=(60, 14)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.pause()
        assert bar_cells(table)[:3] == [".", "#", "."]  # the header's cell is no part of it
        await pilot.press("end")
        await pilot.pause()
        assert table.scroll_offset.y == 89 and bar_cells(table)[-1] == "#"
        await pilot.click(VirtualTable, offset=(table.line_width, 1))  # the bar's first row
        await pilot.pause()
        assert table.scroll_offset.y == 0
        assert table.cursor == 99  # a click on the bar moves the view, not the cursor


async def test_the_wheel_scrolls_a_table_without_textuals_scrollbar():
    app = Rows()
    async with app.run_test(size=(60, 14)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        table.post_message(events.MouseScrollDown(table, 1, 1, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert table.scroll_offset.y > 0


async def test_a_pane_switch_repaints_only_the_two_cursor_lines(make_app, monkeypatch):
    """Focus changes only how the cursor's line looks: the rest of both tables is not drawn again."""
    drawn: list[tuple[str, int]] = []
    draw = VirtualTable.draw_line

    def counted(self, y):
        drawn.append((self.id, y))
        return draw(self, y)

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(VirtualTable, "draw_line", counted)
        await pilot.press("2")
        await pilot.pause()
        cursor_y = app.pane("demands").table.bar_top  # the first row's line, under the caption and header
        assert sorted(drawn) == [("demands-table", cursor_y), ("sources-table", cursor_y)]
        demands = app.pane("demands").table
        cursor_line = demands.render_lines(demands.region.reset_offset)[cursor_y]
        assert cursor_line._segments[0].style.bold  # the focused cursor's look


async def test_a_new_theme_repaints_tables_in_its_colours():
    """The view's style is kept between repaints, and let go when its styles change."""
    app = Rows()
    async with app.run_test(size=(60, 14)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.pause()
        dark = table.render_lines(table.region.reset_offset)[3]._segments[0].style.bgcolor
        app.theme = "textual-light"
        await pilot.pause()
        light = table.render_lines(table.region.reset_offset)[3]._segments[0].style.bgcolor
        assert light != dark and light == table.rich_style.bgcolor
