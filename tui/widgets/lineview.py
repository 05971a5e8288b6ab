"""A line-API view that draws its own one-column scrollbar, inside its lines.

Textual's scrollbars are widgets of their own. Each focus change restyles the focused
view's scrollbar and asks for a layout pass, and the pass repaints every scrollbar again:
at 160x48 that was a third of a pane switch's CPU (about 6 ms of 21 at 2,000 articles,
measured as bench/run.py measures a pane switch, with and without them). Here the bar is
the last column of the view's own lines. Everything that moves it (a scroll, new contents, a resize)
repaints the view whole already, so it costs one cell a line and nothing on a focus
change. The column is always reserved, so the text never re-wraps when the bar appears.
"""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


def thumb(track: int, total: int, position: int) -> range:
    """The rows a thumb covers on a bar of `track` rows beside as many lines shown of `total`,
    scrolled `position` lines down; empty where everything fits."""
    if total <= track or track <= 0:
        return range(0)
    size = max(1, min(track, round(track * track / total)))
    start = round(position * (track - size) / (total - track))
    start = max(0, min(track - size, start))
    return range(start, start + size)


# The bar's looks. Like every look of a line view, they are component classes of the view's
# screen, not of each view: Textual styles each component class of each widget as a node of its
# own before a screen's first frame, and the dashboard's five views had 28 of them (5 ms of its
# start). A screen that shows line views declares their classes once (`TABLE_CLASSES`), and
# app.tcss styles them as `Screen > .lineview--thumb`.
LINE_CLASSES = frozenset({"lineview--track", "lineview--thumb"})


class LineView(ScrollView):
    """Subclasses draw `draw_line(y)` at `line_width` columns; the bar is added here.

    `bar_top` lines at the top (a table's caption and header) stay still while the rest
    scroll, so they are not part of the bar's track."""

    DEFAULT_CSS = "LineView { overflow-x: hidden; overflow-y: hidden; }"
    bar_top = 0

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._base_style: Style | None = None
        self._dragging = False
        self._repaint: tuple[int, range] | None = None  # (line width, thumb rows) while a repaint draws
        self._looks: dict[tuple[str, bool], Style] = {}  # the looks a repaint has asked for, until it ends

    @property
    def base_style(self) -> Style:
        """The view's own style, kept until its styles change: Textual works it out walking every
        ancestor, and a keystroke repaints the view more than once (about 2 ms a filter key)."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def look(self, name: str, partial: bool = False) -> Style:
        """The style of one of the screen's component classes for line views (see LINE_CLASSES).
        Finding the screen walks the view's ancestors (some 3 us): a repaint asks once a look, not
        once a line."""
        style = self._looks.get((name, partial)) if self._repaint is not None else None
        if style is None:
            style = self.screen.get_component_rich_style(name, partial=partial)
            if self._repaint is not None:
                self._looks[(name, partial)] = style
        return style

    def notify_style_update(self) -> None:
        """Called by Textual whenever the styles of the view (or of an ancestor) are applied again."""
        self._base_style = None
        super().notify_style_update()

    @property
    def allow_vertical_scroll(self) -> bool:
        """Scrolled by keys, wheel and this bar although Textual draws no scrollbar here."""
        return not self.disabled

    @property
    def line_width(self) -> int:
        if self._repaint is not None:
            return self._repaint[0]
        return max(self.scrollable_content_region.width - 1, 0)

    @property
    def track(self) -> int:
        """The bar's rows: the view's, but for the lines that stay at the top."""
        return self.scrollable_content_region.height - self.bar_top

    def set_virtual_size(self, size: Size) -> None:
        """Change what the view scrolls over without a layout pass of the whole screen.

        Setting `virtual_size` asks Textual to lay the screen out again, which costs a frame at
        thousands of rows; the view's own box does not change with its length (the bar's column
        is always there), so the layout pass is asked for only when the width changes. Otherwise
        the scroll limits are updated in place (`_scroll_update`: Textual is pinned exactly)."""
        old = self.virtual_size
        if size == old:
            return
        if old.width != size.width:
            self.virtual_size = size
            return
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def draw_line(self, y: int) -> Strip:
        raise NotImplementedError

    def thumb_rows(self) -> range:
        return thumb(self.track, self.virtual_size.height - self.bar_top, round(self.scroll_offset.y))

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual asks for a repaint's lines together. Their width and the scrollbar's thumb are
        the same for all of them, and each takes a look-up of the view's region on the screen
        (some 6 us, three times a line): worked out once here, they were two thirds of the cost of
        a line drawn before (22 us a line, 56 lines in the dashboard's first frame)."""
        self._repaint = (max(self.scrollable_content_region.width - 1, 0), self.thumb_rows())
        try:
            return super().render_lines(crop)
        finally:
            self._repaint = None
            self._looks.clear()

    def render_line(self, y: int) -> Strip:
        line = self.draw_line(y)
        if y < self.bar_top:
            style = self.base_style
        else:
            on = y - self.bar_top in (self._repaint[1] if self._repaint is not None else self.thumb_rows())
            style = self.look("lineview--thumb" if on else "lineview--track")
        return Strip([*line, Segment(" ", style)], line.cell_length + 1)

    # -- the mouse on the bar ------------------------------------------------------------

    def _scroll_bar_to(self, row: int) -> None:
        track = self.track
        self.scroll_to(y=round(max(0, min(row, track - 1)) * self.max_scroll_y / max(track - 1, 1)), animate=False)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A press on the bar's column scrolls there, and drags the view until it is let go."""
        offset = event.get_content_offset_capture(self)
        row = offset.y - self.bar_top
        if offset.x == self.line_width and row >= 0:
            event.stop()
            self._dragging = True
            self.capture_mouse()
            self._scroll_bar_to(row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self._scroll_bar_to(event.get_content_offset_capture(self).y - self.bar_top)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
