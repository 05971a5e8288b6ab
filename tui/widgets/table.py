"""A keyboard-first table that draws only the rows on screen.

Built on Textual's line API (a `LineView`, widgets/lineview.py), so a pane with tens of
thousands of records paints as fast as one with ten: rows are plain data, and
only the visible lines become segments. Cells are `rich.text.Text`, never
markup, so article text is shown exactly as written.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ..bindings import TABLE
from .lineview import LINE_CLASSES, LineView

# A table's looks, component classes of its screen (see LINE_CLASSES): a screen that shows a table
# declares these.
TABLE_CLASSES = LINE_CLASSES | {"virtual-table--caption", "virtual-table--header", "virtual-table--cursor",
                                "virtual-table--cursor-focused"}


@dataclass
class Column:
    label: str
    width: int | None = None  # None: share what is left
    hide_below: int = 0  # drop the column when the table is narrower than this
    grow_to: int | None = None  # a fixed column widens up to this where the table has room


FLEXIBLE_MIN = 40  # what a shared column (the statement) keeps before fixed columns may grow


class Row:
    """One row: its key, its data, and its cells, built only when first drawn (`make`)."""

    __slots__ = ("key", "style", "data", "span", "_make", "_cells")

    def __init__(self, key: str, cells: list[Text] | None = None, style: str = "", data: object = None,
                 span: bool = False, make: Callable[[object], list[Text]] | None = None) -> None:
        self.key, self.style, self.data, self.span = key, style, data, span  # style: "dim", "bold"...
        self._cells, self._make = cells, make

    @property
    def cells(self) -> list[Text]:
        if self._cells is None:
            self._cells = self._make(self.data) if self._make else []
        return self._cells


class LazyRows(Sequence):
    """Rows made from items only when asked for: a filter over thousands of records builds none."""

    def __init__(self, items: Sequence, make: Callable[[object], Row], key: Callable[[object], str]) -> None:
        self.items, self.make, self.key = items, make, key
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.items)
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = self.make(self.items[index])
        return row

    def index_of(self, key: str) -> int | None:
        return next((i for i, item in enumerate(self.items) if self.key(item) == key), None)


class VirtualTable(LineView, can_focus=True):
    """Rows with a cursor; emits Highlighted and Selected with the row's key.

    With `caption`, the first line is a line of text of the table's own (`set_caption`): what a
    pane says above its columns, drawn here rather than by a widget of its own, since every
    widget costs the dashboard's first frame more than a line does.

    Gaining or losing the focus repaints the cursor's line alone: that is all it changes. The
    cursor's two looks are two component classes rather than one under `:focus`, because
    Textual repaints a whole widget whose component styles change with its focus; and as no
    style depends on the focus, gaining it restyles nothing either."""

    DEFAULT_CSS = "VirtualTable { height: 1fr; }"
    BINDINGS = TABLE

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, table: VirtualTable, row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class Selected(Message):
        def __init__(self, table: VirtualTable, row: Row) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class HeaderClicked(Message):
        """A click on a column's header (the pane sorts by it)."""

        def __init__(self, table: VirtualTable, label: str) -> None:
            super().__init__()
            self.table = table
            self.label = label

    def __init__(self, columns: list[Column], caption: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.caption: Text | None = Text("") if caption else None
        self.bar_top = 2 if caption else 1  # the lines that stay: the caption, the header
        self.columns = columns
        self.rows: Sequence[Row] = []
        self.placeholder = ""  # said, wrapped and dim, where there are no rows
        self.sorted_column: tuple[str, bool] | None = None  # (label, descending): the header shows it
        # Drawn lines by (row, width, style): a repaint that changes nothing (a border, the other pane's
        # cursor) reuses them. Rows are replaced, never changed, so set_rows empties it.
        self._strips: dict[tuple, Strip] = {}
        # The caption's and the header's lines with what they were drawn from: a filter's keystroke
        # replaces the rows, not them (some 50 us a line to draw again).
        self._fixed: dict[int, tuple[tuple, Strip]] = {}

    # -- data ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace the rows, keeping the cursor on the same key where it still exists."""
        current = self.current_row.key if self.current_row else None
        self.rows = rows
        self._strips.clear()
        index = None
        if current is not None:
            finder = getattr(rows, "index_of", None)
            index = finder(current) if finder else next((i for i, row in enumerate(rows) if row.key == current), None)
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(rows) + self.bar_top))
        self.cursor = min(index if index is not None else self.cursor, max(len(rows) - 1, 0))
        self.refresh()

    def set_caption(self, caption: Text) -> None:
        """The caption's text; only its line is repainted."""
        if self.caption is not None and caption != self.caption:
            self.caption = caption
            self.refresh(Region(0, 0, self.scrollable_content_region.width, 1))

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = columns
        self._strips.clear()
        self.refresh()

    @property
    def current_row(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def move_to_key(self, key: str) -> bool:
        finder = getattr(self.rows, "index_of", None)
        index = finder(key) if finder else next((i for i, row in enumerate(self.rows) if row.key == key), None)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- movement -----------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        visible = max(self.size.height - self.bar_top, 1)
        if cursor < self.scroll_offset.y:
            self.scroll_to(y=cursor, animate=False)
        elif cursor >= self.scroll_offset.y + visible:
            self.scroll_to(y=cursor - visible + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_row))

    def action_cursor(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - self.bar_top - 1, 1))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(len(self.rows) - 1, 0)

    def action_select(self) -> None:
        if self.current_row is not None:
            self.post_message(self.Selected(self, self.current_row))

    def on_focus(self, event: events.Focus) -> None:
        self._focus_changed(event, True)

    def on_blur(self, event: events.Blur) -> None:
        self._focus_changed(event, False)

    def _focus_changed(self, event: events.Focus | events.Blur, focused: bool) -> None:
        """What Textual's own handler does (Widget._on_focus and _on_blur, Textual pinned
        exactly), but repainting the cursor's line instead of every line."""
        event.prevent_default()
        # Without the watcher, which restyles the table: no rule styles a table by `:focus` (the
        # cursor's look is chosen in `cursor_style`).
        self.set_reactive(VirtualTable.has_focus, focused)
        line = self.cursor - self.scroll_offset.y + self.bar_top
        self.refresh(Region(0, line, self.scrollable_content_region.width, 1))
        if self.parent is not None:
            self.parent.post_message((events.DescendantFocus if focused else events.DescendantBlur)(self))

    def on_click(self, event) -> None:
        if event.x >= self.line_width:
            return  # the scrollbar's column: LineView scrolls
        if event.y == self.bar_top - 1:
            label = self._column_at(event.x)
            if label:
                self.post_message(self.HeaderClicked(self, label))
            return
        index = self.scroll_offset.y + event.y - self.bar_top
        if event.y >= self.bar_top and 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + self.bar_top)

    # -- drawing ------------------------------------------------------------------------

    def _widths(self, total: int) -> list[int]:
        """Column widths; 0 for a column dropped at this width. Fixed columns that may grow take
        the room a wide table has beyond what the shared columns need."""
        shown = [c for c in self.columns if total >= c.hide_below]
        widths = {id(c): c.width for c in shown if c.width}
        flexible = [c for c in shown if not c.width]
        spare = total - sum(widths.values()) - (len(shown) - 1) - FLEXIBLE_MIN * len(flexible)
        for column in shown:
            if column.width and column.grow_to and spare > 0:
                extra = min(column.grow_to - column.width, spare)
                widths[id(column)] += extra
                spare -= extra
        fixed = sum(widths.values()) + len(shown) - 1
        share = max((total - fixed) // len(flexible), 8) if flexible else 0
        return [0 if total < c.hide_below else (widths.get(id(c)) or share) for c in self.columns]

    def _column_at(self, x: int) -> str | None:
        """The label of the column drawn at screen column x."""
        position = 0
        for column, width in zip(self.columns, self._widths(self.line_width), strict=True):
            if not width:
                continue
            if position <= x < position + width:
                return column.label
            position += width + 1
        return None

    def header_cells(self) -> list[Text]:
        """The column labels, the sorted one led by its direction (first, so a narrow column keeps it)."""
        cells = []
        for column in self.columns:
            label = column.label
            if self.sorted_column and self.sorted_column[0] == label:
                label = ("\u25bc" if self.sorted_column[1] else "\u25b2") + label
            cells.append(Text(label))
        return cells

    def _line(self, cells: list[Text], width: int, style: Style, span: bool = False, over: bool = False) -> Strip:
        """One screen line of cells; `over` puts the style over the cells' own (the cursor row, so a
        coloured cell never vanishes into the cursor's colour)."""
        line = Text(no_wrap=True, overflow="ellipsis")
        widths = [width] if span else self._widths(width)
        first = True
        for cell, cell_width in zip(cells, widths, strict=False):  # a spanning row has one cell
            if not cell_width:
                continue
            if not first:
                line.append(" ")
            first = False
            piece = cell.copy()
            piece.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(piece)
        segments = list(line.render(self.app.console))
        if over:
            return Strip(Segment.apply_style(segments, post_style=style)).crop_extend(0, width, style)
        strip = Strip(segments).crop_extend(0, width, style)
        return strip.apply_style(style) if style else strip

    def _cursor_style(self) -> Style:
        return self.look("virtual-table--cursor-focused" if self.has_focus else "virtual-table--cursor")

    def draw_line(self, y: int) -> Strip:
        width = self.line_width
        base, cursor = self.base_style, self._cursor_style()
        if y < self.bar_top:  # the caption and the header: drawn again only when they change
            caption = self.caption is not None and y == 0
            style = base + self.look("virtual-table--caption" if caption else "virtual-table--header")
            key = (self.caption if caption else (self.sorted_column, tuple(self.columns)), width, style)
            held = self._fixed.get(y)
            if held is None or held[0] != key:
                cells = [self.caption] if caption else self.header_cells()
                held = self._fixed[y] = (key, self._line(cells, width, style, span=caption))
            return held[1]
        index = self.scroll_offset.y + y - self.bar_top
        if not self.rows and self.placeholder:
            lines = Text(self.placeholder, style="italic").wrap(self.app.console, max(width - 2, 10))
            if 0 <= index < len(lines):
                return self._line([lines[index]], width, base, span=True)
        if index >= len(self.rows):
            return Strip([Segment(" " * width, base)])
        row = self.rows[index]
        style = base + Style.parse(row.style) if row.style else base
        over = index == self.cursor
        if over:
            style += cursor
        key = (id(row), width, style, over)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 4000:
                self._strips.clear()
            strip = self._strips[key] = self._line(row.cells, width, style, row.span, over=over)
        return strip
