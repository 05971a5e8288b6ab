"""The dashboard's four panes. Each draws rows from `core.views`; the app owns the data.

A pane is a bordered box titled with its jump digit and a count; it holds a
header line, a `VirtualTable`, and a filter box that `/` opens. What a pane
shows comes down to it as attributes (`active`, the app's filters); what the
user asks of a row goes up as a message (`tui.messages`), handled by the app.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import Reactive, reactive
from textual.widget import Widget
from textual.widgets import Input

from ceasetalk.core import views
from ceasetalk.core.views import REVIEW_MARKS, STANCE_ORDER, Filters, confidence_of, confidence_text, stance_text

from . import bindings
from .messages import CursorMoved, EditRequested, OpenRequested, ReviewRequested, StatementsRequested
from .widgets.table import Column, LazyRows, Row, VirtualTable

if TYPE_CHECKING:  # the figures and compare panes read these once the records are in, after the first frame
    from ceasetalk.core.boards import CompareRow

SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
STANCE_CLASSES = {f"stance--{stance}" for stance in STANCE_ORDER}


def stance_style(widget: Widget, stance: str) -> Style:
    """The theme's colour for a stance, from the dashboard's screen (its glyph carries it where
    there is no colour)."""
    return widget.screen.get_component_rich_style(f"stance--{stance}", partial=True) if stance in STANCE_ORDER \
        else Style()


def sparkline(values: list[int]) -> str:
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values)


def mark(record: dict, unseen: set[str]) -> Text:
    """The review mark; for a record not reviewed that arrived while the dashboard was open and has not
    been under the cursor yet, a dot."""
    if record.get("review"):
        return Text(REVIEW_MARKS.get(record["review"], " "), style="bold")
    return Text("\u2022", style="bold") if record["id"] in unseen else Text(" ")


class FilterBox(Input):
    """The filter box. Textual's Input changes its virtual width with every character typed, and
    that asks for a layout pass of the whole screen (a frame at thousands of rows); the box's own
    size never changes, so here it only repaints."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def watch_value(self, value: str) -> None:
        """The pane filters while the key is handled, not when Textual's Changed message arrives a
        turn later: the table's repaint then joins the box's in one frame, not two."""
        if isinstance(self.parent, Pane):
            self.parent.filter_text = value


def text_key(value: object) -> tuple[bool, str]:
    """Sorts text case-blind, blanks last."""
    return (value in (None, ""), str(value or "").casefold())


def is_record(data: object) -> bool:
    return isinstance(data, dict) and "kind" in data and "id" in data


class Pane(Vertical):
    """A titled pane: header line, table, filter box."""

    DIGIT = "0"
    NAME = "Pane"
    HELP = ""
    COLUMNS: list[Column] = []
    BINDINGS = bindings.PANE
    # column label -> sort key of a row's data; the columns a user can sort by
    SORTS: dict[str, Callable[[Pane, object], object]] = {}

    active = reactive(False, repaint=False)  # the watcher repaints the title, all that shows it
    filter_text = reactive("", repaint=False)  # the watcher repaints the rows and the title
    _count = 0  # what the title counts (records, not the metric lines between them)
    sort_by: str | None = None  # a column label of SORTS, or None for the pane's own order
    sort_descending = False

    def compose(self) -> ComposeResult:
        yield VirtualTable(self.COLUMNS, caption=True, id=f"{self.id}-table")

    @property
    def filter_box(self) -> Input | None:
        boxes = self.query(".pane-filter")
        return boxes.first() if boxes else None

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)

    @property
    def filters(self) -> Filters:
        base = self.app.filters
        return Filters(self.filter_text, base.hide_background, base.hide_dismissed, base.parties, base.min_confidence,
                       base.since)

    def on_mount(self) -> None:
        self.update_title()

    def watch_active(self, active: bool) -> None:
        self.update_title()

    def update_title(self, count: int | None = None) -> None:
        """The title on the border; the active pane's is marked and reversed. Only the title changes:
        a style change on the pane (its border, a class) restyles every widget inside it, which took
        a third of a pane switch. Text, not markup, so a filter with brackets shows as typed."""
        if count is not None:
            self._count = count
        title = f"{self.DIGIT} {self.NAME} ({self._count})" + (f" /{self.filter_text}" if self.filter_text else "")
        self.title_text = f"\u25b6 {title}" if self.active else title  # as read on screen
        # What setting `border_title` does (Textual 8.2), but repainting only the pane's top line, where
        # the title is, instead of all of it: a pane switch retitles two panes.
        title = Content.from_rich_text(Text(self.title_text, style="reverse bold" if self.active else ""))
        self._border_title = self.render_str(title).expand_tabs(4).split()[0]
        top = self.content_offset  # regions are given inside the border; the title is on it
        self.refresh(Region(-top.x, -top.y, self.outer_size.width, 1))

    def refresh_rows(self) -> None:
        """Rebuild the rows from the app's dashboard; subclasses fill `rows()`."""
        rows = self.rows()
        self.table.sorted_column = (self.sort_by, self.sort_descending) if self.sort_by else None
        self.table.set_rows(rows)
        self.update_title(self.count(rows))
        self.table.set_caption(self.header())

    def rows(self) -> list[Row]:
        return []

    def count(self, rows: list[Row]) -> int:
        return len(rows)

    def header(self) -> Text:
        return Text("")

    def current_item(self) -> object:
        """What the row under the cursor stands for: an article, a record, a metric, a comparison row."""
        row = self.table.current_row
        return row.data if row is not None else None

    def watch_filter_text(self) -> None:
        if self.is_mounted:
            self.refresh_rows()

    @on(VirtualTable.Highlighted)
    def _cursor_moved(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        self.post_message(CursorMoved(self, self.current_item()))

    # -- sorting ------------------------------------------------------------------------

    def sorted_items(self, items: list) -> list:
        """The items in the chosen column's order (stable, so ties keep the pane's own order)."""
        key = self.SORTS.get(self.sort_by or "")
        if key is None:
            return items
        return sorted(items, key=lambda item: key(self, item), reverse=self.sort_descending)

    def sort_on(self, label: str | None) -> None:
        """Sort by a column; the same column again turns the order around."""
        if label is not None and label not in self.SORTS:
            return
        if label is not None and label == self.sort_by:
            self.sort_descending = not self.sort_descending
        else:
            self.sort_by, self.sort_descending = label, False
        self.refresh_rows()

    def action_sort(self) -> None:
        """The next sortable column, then back to the pane's own order."""
        labels = [None, *self.SORTS]
        following = labels[(labels.index(self.sort_by) + 1) % len(labels)]
        self.sort_by, self.sort_descending = following, False
        self.refresh_rows()
        self.notify(f"{self.NAME}: sorted by {following}." if following else f"{self.NAME}: in its own order.",
                    timeout=2, markup=False)

    def action_sort_reverse(self) -> None:
        if self.sort_by:
            self.sort_descending = not self.sort_descending
            self.refresh_rows()

    @on(VirtualTable.HeaderClicked)
    def _header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        event.stop()
        self.sort_on(event.label)

    # -- filter box ---------------------------------------------------------------------

    async def open_filter(self) -> None:
        """Show the filter box (mounted the first time it is needed) with the focus in it at once,
        so that what is typed right after `/` is the filter's."""
        box = self.filter_box
        if box is None:
            box = FilterBox(placeholder="filter (enter keeps it, esc clears)", classes="pane-filter")
            await self.mount(box)
        box.add_class("-open")
        box.value = self.filter_text
        self.screen.set_focus(box)

    def close_filter(self, keep: bool) -> None:
        if not keep:
            self.filter_text = ""
        if self.filter_box is not None:
            self.filter_box.remove_class("-open")
        self.screen.set_focus(self.table)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # the box has set filter_text already (FilterBox.watch_value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_filter(keep=True)

    def next_match(self, step: int) -> None:
        """n / N: the next row (wrapping) whose text contains the filter."""
        rows, needle = self.table.rows, self.filter_text.lower()
        if not rows:
            return
        for k in range(1, len(rows) + 1):
            index = (self.table.cursor + step * k) % len(rows)
            if not needle or needle in " ".join(c.plain for c in rows[index].cells).lower():
                self.table.cursor = index
                return


class SourcesPane(Pane):
    DIGIT, NAME = "1", "Sources"
    HELP = ("The articles, newest first. Opening one shows the reader, with the sentences that produced records "
            "highlighted. Wire copies of one story (the same agency text in several outlets) are one row, "
            "\"+N copies\", which space opens and closes. A dot marks articles that arrived while the dashboard "
            "was open.")
    COLUMNS = [Column("date", 10), Column("outlet", 18), Column("recs", 4), Column("title")]
    BINDINGS = bindings.SOURCES

    expanded: set[str] = set()  # the stories whose copies are shown
    SORTS = {
        "date": lambda pane, a: (a.published is None, a.published or ""),
        "outlet": lambda pane, a: text_key(a.outlet),
        "recs": lambda pane, a: views.article_counts(pane.app.dashboard).get(a.id, 0),
        "title": lambda pane, a: text_key(a.title),
    }

    def on_mount(self) -> None:
        if self.app.dashboard.articles:
            self.refresh_rows()  # from the store's summary, so the first frame shows the sources
        else:
            self.update_title()

    def header(self) -> Text:
        dashboard = self.app.dashboard
        empty = not dashboard.articles and not dashboard.loading
        self.table.placeholder = (
            f"Press {self.app.key_for('add')} to add an article: a file, a folder or an http(s) URL. "
            "From a shell: ceasetalk ingest PATH --db " + str(self.app.store.path) if empty else "")
        if empty:
            return Text("No articles yet.", style="bold")
        return Text(f"{self.app.key_for('table.select')} opens the article in the reader", style="dim")

    def rows(self) -> LazyRows:
        dashboard, needle = self.app.dashboard, self.filter_text.lower()
        since = self.app.filters.since
        articles = [a for a in views.sources(list(dashboard.articles.values())) if not since or since.includes(a)]
        if needle:
            articles = [a for a in articles
                        if needle in f"{a.title} {a.outlet or ''} {a.published or ''}".lower()]
        shown = {a.id for a in articles}
        firsts = [a for a in self.sorted_items(articles) if not a.copy_of or dashboard.story(a.id) not in shown]
        ordered = []
        for article in firsts:
            ordered.append(article)
            if article.id in self.expanded:
                ordered += [c for c in dashboard.copies(article.id) if c.id in shown]
        return LazyRows(ordered, lambda a: Row(a.id, data=a, make=self.cells), lambda a: a.id)

    def cells(self, article) -> list[Text]:
        dashboard = self.app.dashboard
        count = views.article_counts(dashboard).get(article.id, 0)
        title = Text()
        if article.id in self.app.unseen_articles:
            title.append("\u2022 ", style="bold")
        if article.copy_of and article.copy_of in dashboard.articles:
            title.append("\u21b3 copy: ", style="dim")
        title.append(article.title)
        copies = len(dashboard.copies(article.id)) if not article.copy_of else 0
        if copies:
            sign = "\u2212" if article.id in self.expanded else "+"
            title.append(f"  {sign}{copies} {'copy' if copies == 1 else 'copies'}", style="bold")
        return [Text(article.published or "unknown", style="" if article.published else "dim"),
                Text(article.outlet or "unknown", style="" if article.outlet else "dim"),
                Text(str(count), justify="right"), title]

    def action_toggle_copies(self) -> None:
        """space: show or hide the wire copies of the story under the cursor."""
        article = self.current_item()
        if article is None:
            return
        story = self.app.dashboard.story(article.id)
        if not self.app.dashboard.copies(story):
            return
        self.expanded = self.expanded ^ {story}
        self.refresh_rows()
        self.table.move_to_key(story)

    @on(VirtualTable.Selected)
    def _open(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.post_message(OpenRequested(event.row.data.id))


class RecordPane(Pane):
    """A pane whose rows are records: review keys apply, and the cursor moves on after a review."""

    BINDINGS = bindings.RECORD_PANE
    _queue_at: str | None = None  # the record review-next went to last

    def current_record(self) -> dict | None:
        item = self.current_item()
        return item if is_record(item) else None

    def records_shown(self) -> list[tuple[int, dict]]:
        """(row index, record) of every record row, in the order shown."""
        rows = self.table.rows
        if isinstance(rows, LazyRows):
            return list(enumerate(rows.items))
        return [(index, row.data) for index, row in enumerate(rows) if is_record(row.data)]

    def _following_record_key(self) -> str | None:
        """The record after the cursor's (or before it, at the end): where the cursor goes after a review."""
        shown = self.records_shown()
        cursor = self.table.cursor
        after = [record for index, record in shown if index > cursor]
        before = [record for index, record in shown if index < cursor]
        following = after[0] if after else (before[-1] if before else None)
        return following["id"] if following else None

    def action_review(self, status: str) -> None:
        record = self.current_record()
        if record is None:
            return
        following = self._following_record_key()
        self.post_message(ReviewRequested(record, None if record.get("review") == status else status))
        if following:
            self.table.move_to_key(following)

    def action_edit(self) -> None:
        record = self.current_record()
        if record is not None:
            self.post_message(EditRequested(record))

    def action_review_next(self) -> None:
        """The unreviewed record shown here that the extractor is least sure of; pressed again on the
        record it went to, the next least sure (ties in the order shown)."""
        shown = sorted((confidence_of(record), index, record["id"]) for index, record in self.records_shown()
                       if not record.get("review"))
        if not shown:
            self.notify(f"{self.NAME}: every record shown is reviewed.", timeout=4, markup=False)
            return
        current = self.current_record()
        later = shown
        if current is not None and current["id"] == self._queue_at and not current.get("review"):
            later = [entry for entry in shown if entry[:2] > (confidence_of(current), self.table.cursor)]
        _, self.table.cursor, self._queue_at = (later or shown)[0]

    @on(VirtualTable.Selected)
    def _open(self, event: VirtualTable.Selected) -> None:
        event.stop()
        record = event.row.data
        if is_record(record):
            self.post_message(OpenRequested(record["article"], (record["start"], record["end"])))

    def review_hint(self) -> Text:
        key = self.app.key_for
        return Text(f"{key('review.accept')} accept \u00b7 {key('review.dismiss')} dismiss \u00b7 {key('review.edit')} "
                    f"edit \u00b7 {key('review.next')} least sure \u00b7 {key('review.undo')} undo", style="dim")


class DemandsPane(RecordPane):
    DIGIT, NAME = "2", "Demands"
    HELP = ("Each party's positions, newest first, one party at a time. Background records (recaps of the past) "
            "are dimmed and can be hidden. A record can be accepted, dismissed or edited; the cursor then moves "
            "to the next record. Opening a record shows its sentence in the reader. The conf column is the "
            "extractor's calibrated confidence that the record is right.")
    COLUMNS = [Column("", 1), Column("stance", 8), Column("issue", 22, grow_to=40),
               Column("actor", 16, hide_below=90, grow_to=24), Column("date", 10),
               Column("outlet", 14, hide_below=110, grow_to=22), Column("conf", 5), Column("statement")]
    BINDINGS = bindings.DEMANDS
    SORTS = {
        "stance": lambda pane, r: STANCE_ORDER.index(r["stance"]) if r["stance"] in STANCE_ORDER else 9,
        "issue": lambda pane, r: text_key(pane.app.dashboard.label(r["issue"])),
        "actor": lambda pane, r: text_key(r.get("actor")),
        "date": lambda pane, r: (r.get("date") is None, r.get("date") or ""),
        "outlet": lambda pane, r: text_key(pane.app.dashboard.outlet(r)),
        "conf": lambda pane, r: confidence_of(r),
        "statement": lambda pane, r: text_key(r["sentence"].strip()),
    }

    chosen_party: str | None = None  # by name, so a reload that reorders the parties keeps it

    def parties(self) -> list[str]:
        return views.parties(self.app.dashboard)

    @property
    def party(self) -> str | None:
        parties = self.parties()
        if not parties:
            return None
        return self.chosen_party if self.chosen_party in parties else parties[0]

    def action_party(self, step: int) -> None:
        parties = self.parties()
        if parties:
            self.chosen_party = parties[(parties.index(self.party) + step) % len(parties)]
            self.refresh_rows()

    def header(self) -> Text:
        parties = self.parties()
        if not parties:
            return Text("reading the records\u2026" if self.app.dashboard.loading else "no positions yet", style="dim")
        line = Text("party \u25c0 ")
        line.append(self.party or "", style="bold")
        keys = f"{self.app.key_for('party.previous')} {self.app.key_for('party.next')}"
        line.append(f" \u25b6 ({parties.index(self.party) + 1}/{len(parties)}, {keys})  ")
        return line + self.review_hint()

    def rows(self) -> LazyRows:
        records = self.sorted_items(views.demands(self.app.dashboard, self.party, self.filters))
        return LazyRows(records,
                        lambda r: Row(r["id"], style="dim" if r.get("background") else "", data=r, make=self.cells),
                        lambda r: r["id"])

    def cells(self, record: dict) -> list[Text]:
        dashboard = self.app.dashboard
        return [mark(record, self.app.unseen_records),
                Text(stance_text(record["stance"]), style=stance_style(self, record["stance"])),
                Text(dashboard.label(record["issue"])), Text(record.get("actor") or ""),
                Text(record.get("date") or "unknown"), Text(dashboard.outlet(record)),
                Text(confidence_text(record), justify="right"), Text(" ".join(record["sentence"].split()))]


class FiguresPane(RecordPane):
    DIGIT, NAME = "3", "Figures"
    HELP = ("Reported figures by metric: value or range, qualifier, authority, outlet and as-of date. Where sources "
            "disagree on what looks like one count, the metric's line says so with the spread; a sparkline shows "
            "the largest value by date once a metric has three dates. Sorting orders the figures within each metric.")
    COLUMNS = [Column("", 1), Column("value", 15), Column("qualifier", 10), Column("authority", 22, grow_to=34),
               Column("outlet", 14, hide_below=90, grow_to=22), Column("as of", 10, hide_below=110),
               Column("conf", 5), Column("counts")]
    SORTS = {
        "value": lambda pane, r: r["value"],
        "qualifier": lambda pane, r: text_key(r.get("qualifier")),
        "authority": lambda pane, r: text_key(r.get("attribution")),
        "outlet": lambda pane, r: text_key(pane.app.dashboard.outlet(r)),
        "as of": lambda pane, r: (r.get("date") is None, r.get("date") or ""),
        "conf": lambda pane, r: confidence_of(r),
        "counts": lambda pane, r: text_key(r.get("subject")),
    }

    def header(self) -> Text:
        return self.review_hint()

    def rows(self) -> list[Row]:
        from ceasetalk.core.boards import figures_board

        dashboard = self.app.dashboard
        rows = []
        for board in figures_board(dashboard, self.filters):
            notes = [note for g in board.groups for note in g.notes()]
            head = Text(board.label, style="bold")
            if board.trend:
                head.append(f"  {sparkline([v for _, v in board.trend])} {board.trend[0][0]} \u2192 {board.trend[-1][0]}")
            if notes:
                head.append("  " + "; ".join(notes), style="italic")
            rows.append(Row(f"metric:{board.metric}", [head], style="bold", data=board, span=True))
            records = self.sorted_items([record for group in board.groups for record in group.records])
            rows.extend(Row(record["id"], style="dim" if record.get("background") else "", data=record, make=self.cells)
                        for record in records)
        return rows

    def cells(self, record: dict) -> list[Text]:
        return [mark(record, self.app.unseen_records), Text("  " + views.value_text(record)),
                Text(record.get("qualifier") or ""),
                Text(record.get("attribution") or ""), Text(self.app.dashboard.outlet(record)),
                Text(record.get("date") or "unknown"), Text(confidence_text(record), justify="right"),
                Text(record.get("subject") or "")]

    def count(self, rows: list[Row]) -> int:
        return sum(1 for row in rows if not row.key.startswith("metric:"))


class ComparePane(Pane):
    DIGIT, NAME = "4", "Compare"
    HELP = ("Issues by party: each party's latest stance, its date, how many independent stories back it (wire copies "
            "count once) and the confidence of the latest statement; **converge** where all accept or offer, "
            "**clash** where one demands what another rejects; **\u0394** where a party's stance changed within the "
            "what-is-new window. The right-hand party can be switched, or all parties shown; opening a row lists "
            "the statements behind it, oldest first.")
    BINDINGS = bindings.COMPARE

    right_party: str | None = None  # by name, so a reload that reorders the parties keeps it
    show_all = reactive(False)

    @property
    def SORTS(self) -> dict[str, Callable[[Pane, object], object]]:  # the party columns change
        def by_party(party: str) -> Callable[[Pane, object], object]:
            def key(pane: Pane, row: CompareRow) -> object:
                cell = row.cells.get(party)
                return STANCE_ORDER.index(cell.stance) if cell and cell.stance in STANCE_ORDER else 9
            return key

        return {"issue": lambda pane, row: text_key(row.label),
                **{party: by_party(party) for party in self.chosen()},
                "stand": lambda pane, row: text_key(row.relation)}

    def on_resize(self) -> None:
        if self.app.dashboard.records:
            self.refresh_rows()  # the party columns share the pane's width

    def chosen(self) -> list[str]:
        parties = views.parties(self.app.dashboard)
        if self.show_all or len(parties) <= 2:
            return parties
        others = parties[1:]
        return [parties[0], self.right_party if self.right_party in others else others[0]]

    def action_party(self, step: int) -> None:
        parties = views.parties(self.app.dashboard)
        if len(parties) > 2:
            others = parties[1:]
            self.right_party = others[(others.index(self.chosen()[1]) + step) % len(others)]
        self.refresh_rows()

    def action_all_parties(self) -> None:
        self.show_all = not self.show_all
        self.refresh_rows()

    def header(self) -> Text:
        chosen, key = self.chosen(), self.app.key_for
        hint = (f"  (all parties; {key('compare.all')} for two)" if self.show_all else
                f"  ({key('compare.previous')} and {key('compare.next')} switch, {key('compare.all')} all)")
        return Text(" vs ".join(chosen) + hint, style="bold" if chosen else "dim")

    def rows(self) -> list[Row]:
        from ceasetalk.core.boards import compare_rows
        from ceasetalk.core.shifts import changed_issues

        dashboard = self.app.dashboard
        chosen = self.chosen()
        if self.sort_by not in (None, *self.SORTS):
            self.sort_by = None  # the sorted party is no longer shown
        available = max(self.table.line_width, 60)
        longest = max((len(dashboard.label(i)) for i in dashboard.issue_labels), default=22)
        issue_width = 22 if available < 100 else min(longest, 40)
        width = max(min((available - issue_width - 10 - len(chosen) - 2) // max(len(chosen), 1), 30), 12)
        self.table.set_columns([Column("issue", issue_width), *(Column(p, width) for p in chosen), Column("stand", 10)])
        changed = changed_issues(dashboard, self.filters, chosen)
        rows = []
        for row in self.sorted_items(compare_rows(dashboard, self.filters, chosen)):
            cells = [Text(cell.text(width), style=stance_style(self, cell.stance)) if cell else Text("\u2014", style="dim")
                     for cell in row.cells.values()]
            stand = Text()
            if row.issue in changed:
                stand.append("\u0394", style="bold reverse")
                stand.append(" ")
            stand.append(row.relation_text, style="bold")
            rows.append(Row(row.issue, [Text(row.label), *cells, stand], data=row))
        return rows

    @on(VirtualTable.Selected)
    def _open(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.post_message(StatementsRequested(event.row.data))
