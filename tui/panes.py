"""The dashboard's four panes. Each draws rows from `core.views`; the app owns the data.

A pane is a bordered box titled with its jump digit and a count; it holds a
header line, a `VirtualTable`, and a filter box that `/` opens.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Input, Static

from ceasetalk.core import views
from ceasetalk.core.views import REVIEW_MARKS, Filters

from . import bindings
from .widgets.table import Column, LazyRows, Row, VirtualTable

SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def sparkline(values: list[int]) -> str:
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values)


def mark(record: dict) -> Text:
    symbol = REVIEW_MARKS.get(record.get("review") or "", " ")
    return Text(symbol, style="bold" if record.get("review") else "")


class Pane(Vertical):
    """A titled pane: header line, table, filter box."""

    DIGIT = "0"
    NAME = "Pane"
    HELP = ""
    COLUMNS: list[Column] = []
    BINDINGS = bindings.PANE

    filter_text = reactive("")
    _count = 0  # what the title counts (records, not the metric lines between them)

    def compose(self) -> ComposeResult:
        yield Static("", classes="pane-header", markup=False)
        yield VirtualTable(self.COLUMNS, id=f"{self.id}-table")

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
        return Filters(self.filter_text, base.hide_background, base.hide_dismissed, base.parties)

    def on_mount(self) -> None:
        self.update_title()

    def update_title(self, count: int | None = None) -> None:
        if count is not None:
            self._count = count
        count = self._count
        marker = "\u25b6 " if self.has_class("-active") else ""
        shown = f" /{self.filter_text}" if self.filter_text else ""
        self.border_title = f"{marker}{self.DIGIT} {self.NAME} ({count}){shown}"

    def refresh_rows(self) -> None:
        """Rebuild the rows from the app's dashboard; subclasses fill `rows()`."""
        rows = self.rows()
        self.table.set_rows(rows)
        self.update_title(self.count(rows))
        self.query_one(".pane-header", Static).update(self.header())

    def rows(self) -> list[Row]:
        return []

    def count(self, rows: list[Row]) -> int:
        return len(rows)

    def header(self) -> Text:
        return Text("")

    def watch_filter_text(self) -> None:
        if self.is_mounted:
            self.refresh_rows()

    # -- filter box ---------------------------------------------------------------------

    def open_filter(self) -> None:
        """Show the filter box (mounted the first time it is needed)."""
        box = self.filter_box
        if box is None:
            box = Input(placeholder="filter (enter keeps it, esc clears)", classes="pane-filter")
            self.mount(box)
        box.add_class("-open")
        box.value = self.filter_text
        box.focus()

    def close_filter(self, keep: bool) -> None:
        if not keep:
            self.filter_text = ""
        if self.filter_box is not None:
            self.filter_box.remove_class("-open")
        self.table.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value

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
    HELP = "The articles, newest first. Opening one shows the reader, with the sentences that produced records highlighted."
    COLUMNS = [Column("date", 10), Column("outlet", 18), Column("recs", 4), Column("title")]

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
        articles = views.sources(list(dashboard.articles.values()))
        if needle:
            articles = [a for a in articles
                        if needle in f"{a.title} {a.outlet or ''} {a.published or ''}".lower()]
        return LazyRows(articles, lambda a: Row(a.id, data=a, make=self.cells), lambda a: a.id)

    def cells(self, article) -> list[Text]:
        count = views.article_counts(self.app.dashboard).get(article.id, 0)
        return [Text(article.published or "unknown", style="" if article.published else "dim"),
                Text(article.outlet or "unknown", style="" if article.outlet else "dim"),
                Text(str(count), justify="right"), Text(article.title)]


class RecordPane(Pane):
    """A pane whose rows are records: review keys apply."""

    BINDINGS = bindings.RECORD_PANE

    def current_record(self) -> dict | None:
        row = self.table.current_row
        return row.data if row is not None and isinstance(row.data, dict) and "id" in row.data else None

    def action_review(self, status: str) -> None:
        record = self.current_record()
        if record is not None:
            self.app.review(record, None if record.get("review") == status else status)

    def action_edit(self) -> None:
        record = self.current_record()
        if record is not None:
            self.app.edit_record(record)


class DemandsPane(RecordPane):
    DIGIT, NAME = "2", "Demands"
    HELP = ("Each party's positions, newest first, one party at a time. Background records (recaps of the past) "
            "are dimmed and can be hidden. A record can be accepted, dismissed or edited; opening it shows its "
            "sentence in the reader.")
    COLUMNS = [Column("", 1), Column("stance", 7), Column("issue", 22, grow_to=40),
               Column("actor", 16, hide_below=90, grow_to=24), Column("date", 10),
               Column("outlet", 14, hide_below=110, grow_to=22), Column("statement")]
    BINDINGS = bindings.DEMANDS

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
        line.append(f" \u25b6 ({parties.index(self.party) + 1}/{len(parties)}, {keys})")
        line.append("  space accept \u00b7 x dismiss \u00b7 E edit \u00b7 b background", style="dim")
        return line

    def rows(self) -> LazyRows:
        return LazyRows(views.demands(self.app.dashboard, self.party, self.filters),
                        lambda r: Row(r["id"], style="dim" if r.get("background") else "", data=r, make=self.cells),
                        lambda r: r["id"])

    def cells(self, record: dict) -> list[Text]:
        dashboard = self.app.dashboard
        return [mark(record), Text(record["stance"]), Text(dashboard.label(record["issue"])),
                Text(record.get("actor") or ""), Text(record.get("date") or "unknown"),
                Text(dashboard.outlet(record)), Text(" ".join(record["sentence"].split()))]


class FiguresPane(RecordPane):
    DIGIT, NAME = "3", "Figures"
    HELP = ("Reported figures by metric: value or range, qualifier, authority, outlet and as-of date. Where sources "
            "disagree on what looks like one count, the metric's line says so with the spread; a sparkline shows "
            "the largest value by date once a metric has three dates.")
    COLUMNS = [Column("", 1), Column("value", 15), Column("qualifier", 10), Column("authority", 22, grow_to=34),
               Column("outlet", 14, hide_below=90, grow_to=22), Column("as of", 10, hide_below=110),
               Column("counts")]

    def header(self) -> Text:
        return Text("space accept \u00b7 x dismiss \u00b7 E edit \u00b7 enter opens the sentence", style="dim")

    def rows(self) -> list[Row]:
        dashboard = self.app.dashboard
        rows = []
        for board in views.figures_board(dashboard, self.filters):
            notes = [note for g in board.groups for note in g.notes()]
            head = Text(board.label, style="bold")
            if board.trend:
                head.append(f"  {sparkline([v for _, v in board.trend])} {board.trend[0][0]} \u2192 {board.trend[-1][0]}")
            if notes:
                head.append("  " + "; ".join(notes), style="italic")
            rows.append(Row(f"metric:{board.metric}", [head], style="bold", data=board, span=True))
            rows.extend(Row(record["id"], style="dim" if record.get("background") else "", data=record, make=self.cells)
                        for group in board.groups for record in group.records)
        return rows

    def cells(self, record: dict) -> list[Text]:
        value = f"{record['low']:,}\u2013{record['high']:,}" if record.get("low") is not None else f"{record['value']:,}"
        return [mark(record), Text("  " + value), Text(record.get("qualifier") or ""),
                Text(record.get("attribution") or ""), Text(self.app.dashboard.outlet(record)),
                Text(record.get("date") or "unknown"), Text(record.get("subject") or "")]

    def count(self, rows: list[Row]) -> int:
        return sum(1 for row in rows if not row.key.startswith("metric:"))


class ComparePane(Pane):
    DIGIT, NAME = "4", "Compare"
    HELP = ("Issues by party: each party's latest stance, its date and how many sources back it; **converge** where "
            "all accept or offer, **clash** where one demands what another rejects. The right-hand party can be "
            "switched, or all parties shown; opening a row lists the statements behind it, oldest first.")
    BINDINGS = bindings.COMPARE

    right_party: str | None = None  # by name, so a reload that reorders the parties keeps it
    show_all = reactive(False)

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
        dashboard = self.app.dashboard
        chosen = self.chosen()
        available = max(self.table.scrollable_content_region.width, 60)
        longest = max((len(dashboard.label(i)) for i in dashboard.issue_labels), default=22)
        issue_width = 22 if available < 100 else min(longest, 40)
        width = max(min((available - issue_width - 10 - len(chosen) - 2) // max(len(chosen), 1), 24), 12)
        self.table.set_columns([Column("issue", issue_width), *(Column(p, width) for p in chosen), Column("stand", 10)])
        matrix = views.compare_matrix(dashboard, self.filters, chosen)
        rows = []
        for issue in views.compare_issues(dashboard, matrix):
            cells, stances = [], []
            for party in chosen:
                cell = matrix.get((issue, party))
                if cell is None:
                    cells.append(Text("\u2014", style="dim"))
                    continue
                stances.append(cell.stance)
                when = (cell.date or "?") if width >= 20 else (cell.date or "?")[5:] or "?"
                cells.append(Text(f"{cell.stance} {when} \u00d7{cell.sources}"))
            relation = views.relation(stances)
            flag = {"converge": "\u2261 converge", "clash": "\u2260 clash"}.get(relation or "", "")
            rows.append(Row(issue, [Text(dashboard.label(issue)), *cells, Text(flag, style="bold")],
                            data={"issue": issue, "cells": {p: matrix.get((issue, p)) for p in chosen}}))
        return rows
