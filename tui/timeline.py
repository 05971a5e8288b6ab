"""The timeline screen: time across, parties down, each cell the stance held in that period.

A cell shows the stance's glyph and letter in the theme's colour for it: an
upper-case letter where the party said it within the period, a lower-case one
where it held it from before. With NO_COLOR the letters alone tell the stances
apart. Arrows move between cells, enter lists a cell's statements, `[` and `]`
go through the issues (and "all issues", a row per party and issue).
"""
from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Static

from ceasetalk.core.timeline import Timeline, timeline
from ceasetalk.core.views import STANCE_GLYPHS, STANCE_ORDER, Dashboard, Filters

from . import bindings
from .panes import STANCE_CLASSES

CELL = 6  # "! D  " and a space: wide enough for a day's label ("05-07")
LABEL = 26


class TimelineView(ScrollView, can_focus=True):
    """The grid, drawn line by line, with a cell cursor."""

    COMPONENT_CLASSES = STANCE_CLASSES | {"timeline--cursor", "timeline--header"}
    DEFAULT_CSS = """
    TimelineView { height: 1fr; }
    TimelineView > .timeline--cursor { text-style: reverse bold; }
    TimelineView > .timeline--header { text-style: bold; }
    TimelineView > .stance--demand { color: $warning; }
    TimelineView > .stance--offer { color: $secondary; }
    TimelineView > .stance--accept { color: $success; }
    TimelineView > .stance--reject { color: $error; }
    """
    BINDINGS = bindings.TIMELINE_VIEW

    def __init__(self, grid: Timeline, labels: dict[str, str]) -> None:
        super().__init__()
        self.grid, self.labels = grid, labels
        self.row, self.column = 0, max(len(grid.periods) - 1, 0)

    def show(self, grid: Timeline) -> None:
        self.grid = grid
        self.row, self.column = 0, max(len(grid.periods) - 1, 0)
        self.virtual_size = Size(LABEL + CELL * len(grid.periods), len(grid.rows) + 1)
        self.refresh()

    def on_mount(self) -> None:
        self.show(self.grid)

    def row_label(self, index: int) -> str:
        row = self.grid.rows[index]
        return row.party if row.issue is None else f"{row.party} \u00b7 {self.labels.get(row.issue, row.issue)}"

    def current(self):
        if not self.grid.rows or not self.grid.periods:
            return None
        return self.grid.rows[self.row].cells[self.column]

    def action_move(self, columns: int, rows: int) -> None:
        if not self.grid.rows:
            return
        self.column = max(0, min(len(self.grid.periods) - 1, self.column + columns))
        self.row = max(0, min(len(self.grid.rows) - 1, self.row + rows))
        if self.row + 1 >= self.scroll_offset.y + self.size.height:
            self.scroll_to(y=self.row + 2 - self.size.height, animate=False)
        elif self.row < self.scroll_offset.y:
            self.scroll_to(y=self.row, animate=False)
        self.refresh()
        self.screen.describe_cell()

    def action_open(self) -> None:
        self.screen.open_cell()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = Text(no_wrap=True, overflow="ellipsis")
        if y == 0:
            line.append(f"{'' :<{LABEL}}")
            for index in range(len(self.grid.periods)):
                line.append(f"{self.grid.label(index):<{CELL}}")
            line.stylize(self.get_component_rich_style("timeline--header"))
        else:
            index = self.scroll_offset.y + y - 1
            if index < len(self.grid.rows):
                label = self.row_label(index)
                line.append(label[:LABEL - 1].ljust(LABEL))
                for column, cell in enumerate(self.grid.rows[index].cells):
                    line.append_text(self._cell(cell, index == self.row and column == self.column))
        strip = Strip(list(line.render(self.app.console)))
        return strip.crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, self.rich_style)

    def _cell(self, cell, under_cursor: bool) -> Text:
        if cell is None:
            text = Text("\u00b7".ljust(CELL), style="dim")
        else:
            letter = cell.stance[0].upper() if not cell.carried else cell.stance[0]
            style = self.get_component_rich_style(f"stance--{cell.stance}", partial=True) \
                if cell.stance in STANCE_ORDER else Style()
            text = Text(f"{STANCE_GLYPHS.get(cell.stance, '?')} {letter}".ljust(CELL),
                        style=style + Style(bold=not cell.carried, dim=cell.carried))
        if under_cursor:
            text.stylize(self.get_component_rich_style("timeline--cursor"), 0, CELL - 1)
        return text


class TimelineScreen(Screen):
    """Stances by period, for one issue (a row per party) or all (a row per party and issue)."""

    NAME = "Timeline"
    HELP = ("Time across, parties down: each cell the stance the party held in that period, in its colour and "
            "letter (D demand, O offer, A accept, R reject): upper case where the party said it within the period, "
            "lower case where it held it from before. Periods are days with statements, or weeks or months when "
            "there are too many to fit. Arrows move; enter lists a cell's statements; [ and ] switch the issue.")
    BINDINGS = bindings.TIMELINE

    def __init__(self, dashboard: Dashboard, filters: Filters, issue: str | None) -> None:
        super().__init__()
        self.dashboard, self.filters = dashboard, filters
        present = {r["issue"] for r in dashboard.visible("position", filters)}
        self.issues: list[str | None] = [i for i in dashboard.issue_labels if i in present]
        self.issues += sorted(present - set(self.issues)) + [None]
        self.issue = issue if issue in self.issues else self.issues[0]

    def build(self) -> Timeline:
        room = max((self.app.size.width - LABEL - 4) // CELL, 3)
        return timeline(self.dashboard, self.filters, self.issue, limit=room)

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline", classes="page"):
            yield Static("", id="timeline-title", markup=False)
            yield TimelineView(self.build(), self.dashboard.issue_labels)
            yield Static("", id="timeline-cell", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.view.focus()
        self.update_title()
        self.describe_cell()

    @property
    def view(self) -> TimelineView:
        return self.query_one(TimelineView)

    def update_title(self) -> None:
        grid = self.view.grid
        what = self.dashboard.label(self.issue) if self.issue else "all issues"
        window = f" \u00b7 {self.filters.since.describe()}" if self.filters.since else ""
        keys = f"{self.app.key_for('timeline.previous')} {self.app.key_for('timeline.next')} switch the issue"
        self.query_one("#timeline-title", Static).update(Text.assemble(
            (f"Timeline: {what}", "bold"), f"  ({len(grid.periods)} {grid.unit}s{window}; {keys})"))

    def action_issue(self, step: int) -> None:
        self.issue = self.issues[(self.issues.index(self.issue) + step) % len(self.issues)]
        self.view.show(self.build())
        self.update_title()
        self.describe_cell()

    def describe_cell(self) -> None:
        view = self.view
        cell = view.current()
        text = Text()
        if view.grid.rows and view.grid.periods:
            start, end = view.grid.periods[view.column]
            when = start if start == end else f"{start} to {end}"
            text.append(f"{view.row_label(view.row)}, {when}: ", style="bold")
            if cell is None:
                text.append("nothing said yet", style="dim")
            elif cell.carried:
                text.append(f"{cell.stance}, held from before (nothing new said in this period)")
            else:
                text.append(f"{cell.stance}; {len(cell.statements)} statement{'s' if len(cell.statements) != 1 else ''} "
                            f"in this period ({self.app.key_for('timeline.open')} lists them)")
        else:
            text.append("No dated positions to lay out.", style="dim")
        self.query_one("#timeline-cell", Static).update(text)

    def open_cell(self) -> None:
        from .screens import StatementsScreen

        cell = self.view.current()
        if cell is None or cell.carried:
            self.notify("Nothing was said in this period; the stance is held from an earlier one.", timeout=4,
                        markup=False)
            return
        start, end = self.view.grid.periods[self.view.column]
        title = f"{self.view.row_label(self.view.row)}, {start if start == end else f'{start} to {end}'}"
        self.app.push_screen(StatementsScreen.of(self.dashboard, title, cell.statements))
