"""`ceasetalk-tui`: the dashboard.

It paints from the store without loading the NLP stack: adding articles and
re-extracting run in a child process, so typing never waits for spaCy. It
watches the store file, so what another process writes (an ingest in another
terminal) appears within a second. Article text is always shown as plain
text, never interpreted as markup.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Grid
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from ceasetalk.core import __version__
from ceasetalk.core.errors import UserError
from ceasetalk.core.store import Store
from ceasetalk.core.views import Dashboard, Filters, Since

from . import bindings
from .config import Config
from .detail import DETAIL_CLASSES, DetailPanel
from .messages import (
    AddRecordRequested,
    CursorMoved,
    EditRequested,
    OpenRequested,
    ReviewRequested,
    StatementsRequested,
)
from .panes import STANCE_CLASSES, ComparePane, DemandsPane, FiguresPane, Pane, SourcesPane
from .widgets.footer import StableFooter
from .widgets.table import TABLE_CLASSES

PANES = {"sources": SourcesPane, "demands": DemandsPane, "figures": FiguresPane, "compare": ComparePane}
STORE_POLL_SECONDS = 1.0  # how soon another process's change to the store shows
DASHBOARD_LOCK_WAIT_SECONDS = 0.1  # the longest a keystroke waits for another process's write
CONFIDENCE_STEPS = (0.0, 0.5, 0.7, 0.9)  # what `c` cycles through (and any threshold the config sets)
UNDO_LEVELS = 200
WIDE_FROM = 100  # columns from which the four panes share the screen


class DashboardScreen(Screen):
    """The dashboard's screen. A focus change restyles the two widgets concerned; Textual's screen
    also repaints itself whole on it, which at 160x48 costs a frame per pane switch: not here.

    The stances' colours, the tables' and the detail panel's looks are the screen's component
    classes, read by every pane and the panel: Textual styles each component class of each widget
    as a node of its own before the first frame, and one set here replaces ten."""

    COMPONENT_CLASSES = STANCE_CLASSES | TABLE_CLASSES | DETAIL_CLASSES
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual restyles the whole screen whenever it becomes active again, for styles that
        changed while it was hidden. The first time is just after mounting, which styled every
        widget already: a second pass over every widget there delayed the first frame (by some 8 ms)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False


class CeasetalkApp(App):
    """The four-pane dashboard."""

    CSS_PATH = "app.tcss"
    TITLE = "ceasetalk"
    COMMANDS = App.COMMANDS | {lambda: __import__("ceasetalk.tui.commands", fromlist=["x"]).DashboardCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]
    BINDINGS = bindings.APP
    HELP = ("Any key can be remapped by its binding id (in italics after each key) in the `[keymap]` table "
            "of the config file.")
    DASHBOARD_ACTIONS = {"focus_pane", "cycle_pane", "filter", "match", "zoom", "toggle_background",
                         "toggle_dismissed", "add_article", "export", "toggle_detail", "undo", "cycle_min_confidence",
                         "toggle_since", "shifts", "timeline"}

    zoomed = reactive(False)
    show_detail = reactive(True)

    def __init__(self, store: Store, export_dir: Path | None = None, allow_private_urls: bool = False,
                 config: Config | None = None, warnings: Sequence[str] = (), since: Since | None = None,
                 last_opened: str | None = None, summary: dict | None = None, opened: str | None = None) -> None:
        super().__init__()
        self.summary = summary  # the store's summary where the caller has read it already
        config = config or Config()
        # What `w` narrows to: --since, else what arrived since the dashboard was last opened on this store.
        self.window = since or (Since(instant=last_opened) if last_opened else None)
        self.opened = opened  # this opening's time, noted for the next "since last" once the first frame is up
        self.known: tuple[set[str], set[str]] | None = None  # (article ids, record ids) at the first reading
        self.unseen_articles: set[str] = set()  # arrived while open, not under the cursor yet
        self.unseen_records: set[str] = set()
        self.store = store
        self.export_dir = export_dir or Path.cwd()
        self.allow_private_urls = allow_private_urls
        self.keymap = dict(config.keymap)
        self.startup_warnings = list(warnings)
        self.filters = Filters(min_confidence=config.min_confidence, since=since)
        self.set_reactive(CeasetalkApp.show_detail, config.detail)
        # What `u` takes back, newest last: ("review", record id, the review before) or ("added", record id).
        self.undo_stack: list[tuple[str, str, dict | None]] = []
        self.dashboard = Dashboard({}, [])
        self.active_pane = "sources"
        self.busy = ""
        self.waiting = ""  # reviews held back while another process writes the store
        self.pending_reviews: list[tuple[dict, str | None, dict | None]] = []
        self.store_problem = ""  # the last error reading the store, said once
        self.malformed = 0  # malformed documents in the store, said when their number changes
        self.last_export: Path | None = None
        if self.keymap:
            self.set_keymap(self.keymap)

    # -- layout -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        # Born with the class of its width: set at the first resize instead, it restyles every widget.
        width = [name for start, name in self.HORIZONTAL_BREAKPOINTS if self.size.width >= start][-1]
        return DashboardScreen(id="_default", classes=width)

    def compose(self) -> ComposeResult:
        # The store's summary is read before the panes mount, so the first frame shows the sources.
        if self.summary is None:
            self.summary = self.store.summary()
        if self.summary is not None:
            self.dashboard = Dashboard.of_summary(self.summary)
        yield Static("", id="pane-strip", markup=False)
        with Container(id="body"):
            with Grid(id="grid"):
                for key, cls in PANES.items():
                    yield cls(id=key, classes="pane")
            self.detail = DetailPanel(id="detail", classes="" if self.show_detail else "-hidden")
            yield self.detail
        yield Static("", id="status", markup=False)
        yield StableFooter()

    def on_mount(self) -> None:
        self.action_focus_pane("sources")
        if self.opened:  # a file written and synced to disk: not before the first frame
            from ceasetalk.core.visits import record_opening

            self.call_after_refresh(record_opening, self.store.path, self.opened)
        for warning in self.startup_warnings:
            self.notify(warning, severity="warning", timeout=12, markup=False)
        self.set_interval(STORE_POLL_SECONDS, self.check_store)
        if self.summary is None:
            self.reload()
            self.store.refresh_summary()  # the next start paints from it
            self._check_stale()
            return
        # The sources are on screen from the summary; read the records once they are painted.
        self.update_status()
        self.call_after_refresh(self._finish_loading)

    def _finish_loading(self) -> None:
        try:
            self.reload()
        except UserError as exc:
            self.exit(message=f"ceasetalk-tui: {exc}", return_code=1)
            return
        self._check_stale()

    def _check_stale(self) -> None:
        from ceasetalk.core.library import is_stale  # here: the first frame does without it

        if is_stale(self.store):
            self.run_cli(["reextract", "--resume"], "bringing the records up to date")

    def check_store(self) -> None:
        """Reload when another process changed the store; say once if it cannot be read."""
        if not self.store.changed_on_disk():
            return
        try:
            self.reload()
        except UserError as exc:
            if str(exc) != self.store_problem:
                self.store_problem = str(exc)
                self.notify(f"{exc} The dashboard shows the store as it was last read.", severity="error",
                            timeout=15, markup=False)
            return
        if self.store_problem:
            self.store_problem = ""
            self.notify("The store reads again; the dashboard is up to date.", markup=False)

    def reload(self) -> None:
        """Read the store again; draw the active pane now and the others once it is on screen.

        Cursors stay on the same rows, filters and chosen parties are kept."""
        from ceasetalk.core.library import load_dashboard

        self.dashboard = load_dashboard(self.store)
        # The records live as long as this reading: out of the collector's full passes, which
        # otherwise walk every one of them now and then in the middle of a keystroke (50-100 ms
        # at 2,000 articles). The collector is back on from here if `main` launched without it.
        gc.freeze()
        gc.enable()
        self._note_arrivals()
        self.pane(self.active_pane).refresh_rows()
        self.update_status()
        self.call_after_refresh(self._refresh_other_panes)
        problems = self.store.problems()
        if len(problems) != self.malformed:
            self.malformed = len(problems)
            if problems:
                self.notify(f"{len(problems)} malformed documents in the store are left out (first: {problems[0]}); "
                            "'ceasetalk doctor' lists them.", severity="warning", timeout=15, markup=False)

    def _note_arrivals(self) -> None:
        """What another process added since the first reading is new until the cursor has been on it."""
        articles = set(self.dashboard.articles)
        records = {r["id"] for r in self.dashboard.records}
        if self.known is None:
            self.known = (articles, records)
            return
        self.unseen_articles = (self.unseen_articles | (articles - self.known[0])) & articles
        self.unseen_records = (self.unseen_records | (records - self.known[1])) & records
        self.known = (self.known[0] | articles, self.known[1] | records)

    def _refresh_other_panes(self) -> None:
        for pane in self.query(Pane):
            if pane.id != self.active_pane:
                pane.refresh_rows()
        self.warm_search()

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm_search(self) -> None:
        """Prepare every record's search text while the user reads, so the first `/` is fast."""
        dashboard = self.dashboard
        for record in dashboard.records:
            dashboard.haystack(record)

    def update_status(self) -> None:
        if self.dashboard.loading:
            text = Text("reading the records\u2026")
        else:
            from ceasetalk.core.precision import review_stats  # read with the records, after the first frame

            text = Text(review_stats(self.dashboard).describe())
        threshold = self.filters.min_confidence
        hidden = f"confidence < {threshold:.2f} hidden ({self.key_for('confidence')})" if threshold else ""
        window = self.filters.since.describe() if self.filters.since else ""
        arrived = ", ".join(f"{n} new {what}{'s' if n != 1 else ''}" for n, what in
                            ((len(self.unseen_articles), "article"), (len(self.unseen_records), "record")) if n)
        for note in (arrived, window, hidden, self.busy, self.waiting):
            if note:
                text.append(f"  \u00b7  {note}", style="bold")
        for status in self.query("#status").results(Static):  # none while the app shuts down
            status.update(text, layout=False)  # one line, whatever it says

    def _fatal_error(self) -> None:
        """A crash (a bug) ends with a traceback of the code only: Textual's default shows every
        frame's local variables, which hold store contents."""
        from rich.console import Group
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Segments(self.console.render(Traceback(show_locals=False, width=None), self.console.options))
        said = Text("ceasetalk-tui stopped on an unexpected error (a bug); the store is as it was after the last "
                    "change it saved.", style="bold")
        self._exit_renderables.append(Group(traceback, said))
        self._close_messages_no_wait()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The dashboard's own keys are off (and out of the footer) while a screen is over it, and
        the keys that move the focus are the box's own while one is being typed in."""
        if action in self.DASHBOARD_ACTIONS and len(self.screen_stack) > 1:
            return False
        if action in ("focus_pane", "filter") and isinstance(self.focused, Input):
            return False
        return True

    def key_for(self, binding_id: str) -> str:
        """The key the user presses for a binding, after their keymap."""
        for binding in (b for chain in bindings.CHAINS.values() for b in chain):
            if binding.id == binding_id:
                first = self.keymap.get(binding_id, binding.key).split(",")[0].strip()
                return self.get_key_display(Binding(first, binding.action))
        return binding_id

    def pane(self, key: str) -> Pane:
        return self.query_one(f"#{key}", Pane)

    def focused_pane(self) -> Pane:
        return self.pane(self.active_pane)

    def on_descendant_focus(self, event) -> None:
        """A click (or Textual's own focus moves) activates the pane; a pane key has done it already."""
        for node in [event.widget, *event.widget.ancestors]:
            if isinstance(node, Pane):
                if node.id != self.active_pane:
                    self._activate(node.id)
                break

    def _activate(self, key: str) -> None:
        """Mark the active pane (only the two panes whose state changes are touched); the detail
        panel shows what is under its cursor."""
        previous, self.active_pane = self.active_pane, key
        for name in {previous, key}:
            self.pane(name).active = name == key
        self._arrange()
        self.show_item(self.pane(key).current_item())
        strip = Text()
        for name, cls in PANES.items():
            strip.append(f" {cls.DIGIT} {cls.NAME} ", style="reverse bold" if name == key else "")
        strip.append(f"  {self.key_for('pane.next')} next pane", style="dim")
        self.query_one("#pane-strip", Static).update(strip, layout=False)

    # -- actions ------------------------------------------------------------------------

    def action_focus_pane(self, key: str) -> None:
        self._activate(key)
        self.screen.set_focus(self.pane(key).table)  # now, not after the keys already typed

    def action_cycle_pane(self, step: int) -> None:
        """tab / shift+tab: the next pane, in the grid and in the one-pane layout alike."""
        names = list(PANES)
        self.action_focus_pane(names[(names.index(self.active_pane) + step) % len(names)])

    async def action_filter(self) -> None:
        await self.focused_pane().open_filter()

    def action_match(self, step: int) -> None:
        self.focused_pane().next_match(step)

    def action_back(self) -> None:
        """esc backs out one step; it never quits. While reviews wait for the store, it gives them up."""
        if self.pending_reviews:
            count = len(self.pending_reviews)
            self.pending_reviews.clear()
            self.waiting = ""
            self.update_status()
            self.notify(f"{count} reviews were not saved (another ceasetalk process was writing the store).",
                        severity="warning", markup=False)
            return
        pane = self.focused_pane()
        box = pane.filter_box
        if (box is not None and box.has_class("-open")) or pane.filter_text:
            pane.close_filter(keep=False)
        elif self.zoomed:
            self.zoomed = False

    def action_zoom(self) -> None:
        self.zoomed = not self.zoomed

    def watch_zoomed(self, zoomed: bool) -> None:
        """Zoom: the active pane alone, with the detail panel beside it."""
        self.set_class(zoomed, "-zoomed")
        self._arrange()

    def on_resize(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """Zoomed or narrow, only the active pane is shown; else all four."""
        if not self.is_mounted:
            return
        alone = self.zoomed or self.size.width < WIDE_FROM
        for pane in self.query(Pane):
            shown = not alone or pane.id == self.active_pane
            if pane.display != shown:
                pane.display = shown

    def action_toggle_detail(self) -> None:
        self.show_detail = not self.show_detail

    def watch_show_detail(self, shown: bool) -> None:
        if self.is_mounted:
            self.detail.set_class(not shown, "-hidden")
            if shown:
                self.show_item(self.focused_pane().current_item())

    def show_item(self, item: object) -> None:
        if self.show_detail:
            self.detail.show(self.dashboard, item)

    @on(CursorMoved)
    def _cursor_moved(self, event: CursorMoved) -> None:
        # A pane's last message can arrive after the dashboard is taken down (on quitting): then no.
        if event.pane.id == self.active_pane and event.pane.is_attached:
            self.show_item(event.item)
            self._seen(event.item)

    def _seen(self, item: object) -> None:
        """An arrival under the cursor is no longer new."""
        key = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
        if key in self.unseen_records or key in self.unseen_articles:
            self.unseen_records.discard(key)
            self.unseen_articles.discard(key)
            self.update_status()

    def action_toggle_since(self) -> None:
        """w: every pane narrowed to what is new (since --since, else since the last opening), and back."""
        if self.filters.since is None and self.window is None:
            self.notify("Nothing to compare with yet: this is the first time the dashboard opens on this store "
                        "(ceasetalk-tui --since DATE narrows to a date).", timeout=6, markup=False)
            return
        self.filters = replace(self.filters, since=None if self.filters.since else self.window)
        self.reload()
        self.notify(f"Showing what is {self.filters.since.describe()}." if self.filters.since else
                    "Showing everything.", timeout=4, markup=False)

    def action_shifts(self) -> None:
        from ceasetalk.core.shifts import shifts

        from .screens import ShiftsScreen

        self.push_screen(ShiftsScreen(self.dashboard, shifts(self.dashboard, self.filters), self.filters.since))

    def action_timeline(self) -> None:
        from .timeline import TimelineScreen

        issue = None
        item = self.focused_pane().current_item()
        if isinstance(item, dict) and item.get("issue"):
            issue = item["issue"]
        elif hasattr(item, "issue") and hasattr(item, "cells"):
            issue = item.issue  # a comparison row
        self.push_screen(TimelineScreen(self.dashboard, self.filters, issue))

    def action_cycle_min_confidence(self) -> None:
        """c: hide unreviewed records below the next confidence threshold (0.5, 0.7, 0.9, then none)."""
        steps = sorted({*CONFIDENCE_STEPS, self.filters.min_confidence})
        following = steps[(steps.index(self.filters.min_confidence) + 1) % len(steps)]
        self.filters = replace(self.filters, min_confidence=following)
        self.reload()
        self.notify(f"Unreviewed records with confidence below {following:.2f} are hidden." if following else
                    "Records of every confidence are shown.", timeout=4, markup=False)

    def action_toggle_background(self) -> None:
        self.filters = replace(self.filters, hide_background=not self.filters.hide_background)
        self.reload()
        self.notify("Background records " + ("hidden." if self.filters.hide_background else "shown (dimmed)."))

    def action_toggle_dismissed(self) -> None:
        self.filters = replace(self.filters, hide_dismissed=not self.filters.hide_dismissed)
        self.reload()

    def action_help(self) -> None:
        """Help for what has the focus, built from the bindings active now (so remapped keys show)."""
        from .screens import HelpScreen, help_markdown

        self.push_screen(HelpScreen(help_markdown(self, self.screen)))

    # -- opening things -----------------------------------------------------------------

    @on(OpenRequested)
    def open_reader(self, event: OpenRequested) -> None:
        article = self.dashboard.articles.get(event.article_id)
        try:
            if article is None:
                raise UserError("That article is no longer in the store (another process removed it).")
            text = self.store.text(event.article_id)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        spans = sorted({(r["start"], r["end"]) for r in self.dashboard.records if r["article"] == event.article_id})
        from .screens import ReaderScreen

        keys = f"{self.key_for('reader.next_sentence')} next sentence \u00b7 {self.key_for('reader.add_record')} add a record"
        meta = (f"{article.outlet or 'outlet unknown'} \u00b7 {article.published or 'date unknown'} \u00b7 "
                f"{len(spans)} sentences with records \u00b7 {keys} \u00b7 esc goes back")
        self.push_screen(ReaderScreen(article.id, article.title, meta, text, spans, event.span))

    @on(StatementsRequested)
    def open_statements(self, event: StatementsRequested) -> None:
        from .screens import StatementsScreen

        records = [record for cell in event.row.cells.values() for record in (cell.statements if cell else [])]
        self.push_screen(StatementsScreen.of(self.dashboard, f"{event.row.label}: statements, oldest first", records))

    # -- reviews ------------------------------------------------------------------------

    @on(ReviewRequested)
    def _review_requested(self, event: ReviewRequested) -> None:
        self.review(event.record, event.status)

    def review(self, record: dict, status: str | None, edit: dict | None = None) -> None:
        """Store a review (None clears it); `u` can take it back."""
        before = self.store_review(record["id"])
        self.undo_stack = [*self.undo_stack[-UNDO_LEVELS + 1:], ("review", record["id"], before)]
        self.pending_reviews.append((record, status, edit))
        self.write_reviews()

    def store_review(self, record_id: str) -> dict | None:
        """The record's review as the dashboard shows it now (pending ones included)."""
        for record, status, edit in reversed(self.pending_reviews):
            if record["id"] == record_id:
                return {"status": status, "edit": edit} if status else None
        record = next((r for r in self.dashboard.records if r["id"] == record_id), None)
        if record is None or not record.get("review"):
            return None
        original = self.dashboard.originals.get(record_id, record)
        edit = {k: v for k, v in record.items() if k != "review" and original.get(k) != v}
        return {"status": record["review"], "edit": edit or None}

    def action_undo(self) -> None:
        """u: take back the last review or added record (up to UNDO_LEVELS of them)."""
        if not self.undo_stack:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        what, record_id, before = self.undo_stack.pop()
        if what == "added":
            from ceasetalk.core.store import StoreBusy

            try:
                self.store.remove_added(record_id)
            except StoreBusy:
                self.undo_stack.append((what, record_id, before))
                self.notify("Another ceasetalk process is writing the store; press u again in a moment.",
                            severity="warning", markup=False)
                return
            except UserError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.reload()
            self.notify("The record you added is taken back.", timeout=3, markup=False)
            return
        record = next((r for r in self.dashboard.records if r["id"] == record_id), {"id": record_id})
        status, edit = (before["status"], before.get("edit")) if before else (None, None)
        self.pending_reviews.append((record, status, edit))
        self.write_reviews()
        self.pane(self.active_pane).table.move_to_key(record_id)
        self.notify(f"Undone: the record is {status or 'not reviewed'} again.", timeout=3, markup=False)

    def write_reviews(self) -> None:
        """Store the reviews made so far. The lock is only tried, never waited for: while another
        process writes, the reviews wait (the status line says so, esc gives them up) and the
        keyboard stays free."""
        from ceasetalk.core.store import StoreBusy

        written = False
        while self.pending_reviews:
            record, status, edit = self.pending_reviews[0]
            try:
                self.store.set_review(record["id"], status, edit)
            except StoreBusy:
                self.waiting = (f"waiting for another ceasetalk process to finish writing: {len(self.pending_reviews)} "
                                f"reviews not saved yet ({self.key_for('back')} gives them up)")
                self.update_status()
                self.set_timer(0.5, self.write_reviews)
                return
            except UserError as exc:
                self.pending_reviews.pop(0)
                self.notify(str(exc), severity="error", markup=False)
                self.check_store()
                continue
            self.pending_reviews.pop(0)
            self.dashboard.apply_review(record["id"], {"status": status, "edit": edit} if status else None)
            written = True
        self.waiting = ""
        if written:
            for pane in self.query(Pane):
                pane.refresh_rows()
        self.update_status()

    @on(EditRequested)
    def edit_record(self, event: EditRequested) -> None:

        from .form import RecordForm

        record = event.record
        earlier = (self.store_review(record["id"]) or {}).get("edit") or {}

        def save(changes: dict | None) -> None:
            if changes:
                self.review(record, "edited", {**earlier, **changes})

        self.push_screen(RecordForm(record, self.profile_parties(), self.dashboard.issue_labels), save)

    def profile_parties(self) -> list[str]:
        """The parties a record can be given: the profile's, then any other with positions."""
        from ceasetalk.core import views

        return list(dict.fromkeys([*self.dashboard.party_roles, *views.parties(self.dashboard)]))

    @on(AddRecordRequested)
    def add_record(self, event: AddRecordRequested) -> None:
        """The reader's `a`: a record the extractor missed, from the sentence under the cursor."""
        from .form import RecordForm

        article = self.dashboard.articles.get(event.article_id)
        try:
            text = self.store.text(event.article_id)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        start, end = event.span
        template = {"kind": "position", "article": event.article_id, "sentence": text[start:end], "start": start,
                    "end": end, "date": article.published if article else None}
        reader = self.screen

        def save(record: dict | None) -> None:
            if not record:
                return
            from ceasetalk.core.store import StoreBusy

            try:
                stored = self.store.add_record(record)
            except StoreBusy:
                self.notify("Another ceasetalk process is writing the store; nothing was added. Try again in a "
                            "moment.", severity="warning", markup=False)
                return
            except UserError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.undo_stack = [*self.undo_stack[-UNDO_LEVELS + 1:], ("added", stored["id"], None)]
            self.reload()
            if hasattr(reader, "mark_recorded"):
                reader.mark_recorded((start, end))
            self.notify(f"Added: a {stored['kind']} marked as yours; re-extraction keeps it "
                        f"({self.key_for('review.undo')} takes it back).", timeout=6, markup=False)

        self.push_screen(RecordForm(template, self.profile_parties(), self.dashboard.issue_labels, adding=True), save)

    # -- background work ----------------------------------------------------------------

    def action_add_article(self) -> None:
        from .screens import AddScreen

        def added(spec: str | None) -> None:
            if spec:
                private = ["--allow-private-urls"] if self.allow_private_urls else []
                self.run_cli(["ingest", spec, *private], f"adding {spec}")

        self.push_screen(AddScreen(), added)

    def reextract(self, profile: str | None) -> None:
        self.run_cli(["reextract", *(["--profile", profile] if profile else [])], "extracting every article again")

    def store_profile(self) -> str | None:
        """How the store names the profile its records were made with (a name or a path)."""
        return self.store.meta().get("profile")

    def available_profiles(self) -> list[tuple[str, str]]:
        """(reference, label) of the profiles a re-extraction can use: the store's own first."""
        from ceasetalk.core.profiles import shipped_profiles

        current = self.store_profile()
        found = []
        if current:
            found.append((current, f"{Path(current).stem} (this store's profile)"))
        found += [(p.stem, p.stem) for p in shipped_profiles() if p.stem != current]
        return found

    def confirm_reextract(self, profile: str) -> None:
        """Re-extracting replaces every record: say what happens to the reviews, and ask first."""
        from .screens import ConfirmScreen

        current = self.store_profile()
        count = len(self.dashboard.articles)
        reviews = len(self.store.reviews())
        question = f"Extract all {count} articles again with profile {Path(profile).stem}?"
        if current and current != profile:
            question += (
                f" The records now come from profile {Path(current).stem}; they are replaced by ones made "
                f"with the other profile's parties. Of your {reviews} reviews, those of records that are not "
                "found again stop applying (they are kept and apply again if you switch back)."
            )
        else:
            question += f" Your {reviews} reviews are kept; the result says how many still apply."

        def answered(yes: bool | None) -> None:
            if yes:
                self.reextract(profile)

        self.push_screen(ConfirmScreen(question), answered)

    @work(exclusive=True, group="cli", exit_on_error=False)
    async def run_cli(self, args: list[str], label: str) -> None:
        """Run a `ceasetalk` command in a child process: spaCy loads there, never in the UI."""
        self.busy = label + "\u2026"
        self.update_status()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "ceasetalk.tui.cli",
            "--db",
            str(self.store.path),
            *args,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            stdin=asyncio.subprocess.DEVNULL,
        )
        out, err = await process.communicate()
        self.busy = ""
        try:
            self.reload()
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
        lines = [line for line in (out.decode(errors="replace") + err.decode(errors="replace")).splitlines() if line.strip()]
        message = "\n".join(lines[-6:]) or label + ": done."
        self.notify(Text(message).plain, severity="error" if process.returncode else "information", timeout=8, markup=False)

    # -- export -------------------------------------------------------------------------

    def snapshot_filters(self) -> Filters:
        pane = self.focused_pane()
        compare = self.pane("compare")
        return replace(self.filters, text=pane.filter_text, parties=tuple(compare.chosen()))

    def action_export(self) -> None:
        from datetime import datetime

        from ceasetalk.core.snapshot import snapshot_text
        from ceasetalk.core.store import write_file_atomically

        filters = self.snapshot_filters()
        text = snapshot_text(self.dashboard, filters, chosen=list(filters.parties))
        stem = f"ceasetalk-snapshot-{datetime.now():%Y%m%d-%H%M%S}"
        target = self.export_dir / f"{stem}.md"
        n = 1
        while target.exists():  # two exports in one second each keep their file
            n += 1
            target = self.export_dir / f"{stem}-{n}.md"
        try:
            write_file_atomically(target, (piece.encode("utf-8") for piece in text))
        except UserError as exc:
            self.notify(f"Export failed: {exc}", severity="error", timeout=10, markup=False)
            return
        self.last_export = target
        self.notify(f"Snapshot written to {target}", timeout=10, markup=False)


def build_parser() -> argparse.ArgumentParser:
    from .cli import add_db_option, add_demo_option, add_url_option

    parser = argparse.ArgumentParser(
        prog="ceasetalk-tui",
        description="The ceasetalk dashboard: sources, demands per party, figures and a comparison of "
        "positions. The default store starts with the five seed articles (the demo); a store named "
        "with --db starts empty unless --demo is given.",
    )
    parser.add_argument("--version", action="version", version=f"ceasetalk {__version__}")
    add_db_option(parser)
    add_demo_option(parser)
    add_url_option(parser)
    parser.add_argument("--export-dir", metavar="DIR", help="where e writes snapshots (default: the current folder)")
    parser.add_argument("--since", metavar="WHEN", help="open narrowed to what is new (w shows everything): YYYY-MM-DD, "
                        "today, yesterday, 3d, or last (taken in since the dashboard was last opened on this store)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    gc.disable()  # until the records are first read: see launch.py
    args = build_parser().parse_args(argv)
    try:
        from .config import load_config

        config = load_config(bindings.binding_ids())
        warnings = [f"config: {clash}." for clash in bindings.keymap_clashes(config.keymap)]
        export_dir = Path(args.export_dir).expanduser() if args.export_dir else None
        if export_dir is not None and not export_dir.is_dir():
            warnings.append(f"--export-dir {export_dir} is not a folder; exports will fail until it exists.")
        store = Store(args.db, on_wait=lambda message: print(message, file=sys.stderr), lazy=True)
        from ceasetalk.core.store import now
        from ceasetalk.core.visits import last_opened, parse_since

        since = parse_since(args.since, store.path) if args.since else None
        previous, opened = last_opened(store.path), now()
        summary = store.summary()
        if summary is None:  # no summary of this store yet: read it, seed it if it is the demo
            from .cli import seed_store

            if (args.demo or store.is_demo) and not store.meta().get("seeded") and not store.articles():
                print("First launch: extracting the five seed articles (a few seconds)...", file=sys.stderr)
            seed_store(store, args.demo, refresh=False)
    except UserError as exc:
        gc.enable()
        print(f"ceasetalk-tui: {exc}", file=sys.stderr)
        return 1
    # The dashboard never waits on the lock: its writes are tried, and retried while the keyboard stays free.
    store = Store(store.path, lazy=True, lock_timeout=DASHBOARD_LOCK_WAIT_SECONDS)
    app = CeasetalkApp(store, export_dir, args.allow_private_urls, config, warnings, since, previous, summary, opened)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
