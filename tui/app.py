"""`ceasetalk-tui`: the dashboard.

It paints from the store without loading the NLP stack: adding articles and
re-extracting run in a child process, so typing never waits for spaCy.
Article text is always shown as plain text, never interpreted as markup.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Static

from ceasetalk.core import __version__
from ceasetalk.core.errors import UserError
from ceasetalk.core.library import is_stale, load_dashboard, summary_dashboard
from ceasetalk.core.store import Store
from ceasetalk.core.views import Dashboard, Filters, review_stats

from .panes import ComparePane, DemandsPane, FiguresPane, Pane, RecordPane, SourcesPane
from .widgets.footer import StableFooter
from .widgets.table import Row, VirtualTable

PANES = {"sources": SourcesPane, "demands": DemandsPane, "figures": FiguresPane, "compare": ComparePane}
GLOBAL_HELP = """\
| key | does |
| --- | --- |
| **1**-**4**, **tab**, **shift+tab** | go to a pane |
| **arrows**, **j**/**k**, **g**/**G** | move; top; bottom |
| **enter** | open: the article, or a record's sentence in the reader |
| **/**, **n**/**N** | filter the pane; next / previous match |
| **esc** | back out: close the filter, the zoom, a screen (never quits) |
| **z** | zoom the pane to the whole screen |
| **b** | hide or show background records |
| **a** | add an article (file, folder or URL) |
| **e** | export a Markdown snapshot |
| **ctrl+p** | command palette |
| **?**, **f1** | this help |
| **q**, **ctrl+q** | quit |

Any key can be remapped by its binding id in the config file's `[keymap]` table.
"""


class CeasetalkApp(App):
    """The four-pane dashboard."""

    CSS_PATH = "app.tcss"
    TITLE = "ceasetalk"
    COMMANDS = App.COMMANDS | {lambda: __import__("ceasetalk.tui.commands", fromlist=["x"]).DashboardCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit", show=False, id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_now"),
        Binding("1", "focus_pane('sources')", "Sources", show=False, id="pane.sources"),
        Binding("2", "focus_pane('demands')", "Demands", show=False, id="pane.demands"),
        Binding("3", "focus_pane('figures')", "Figures", show=False, id="pane.figures"),
        Binding("4", "focus_pane('compare')", "Compare", show=False, id="pane.compare"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("n", "match(1)", "Next match", show=False, id="match.next"),
        Binding("N", "match(-1)", "Previous match", show=False, id="match.previous"),
        Binding("escape", "back", "Back", show=False, id="back"),
        Binding("z", "zoom", "Zoom", show=False, id="zoom"),
        Binding("b", "toggle_background", "Background", show=False, id="background"),
        Binding("a", "add_article", "Add", show=False, id="add"),
        Binding("e", "export", "Export", id="export"),
        Binding("question_mark,f1", "help", "Help", id="help"),
    ]

    def __init__(self, store: Store, export_dir: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.export_dir = export_dir or Path.cwd()
        self.filters = Filters()
        self.dashboard = Dashboard({}, [])
        self.active_pane = "sources"
        self.busy = ""

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The store's summary is read before the panes mount, so the first frame shows the sources.
        self.summary = self.store.summary()
        if self.summary is not None:
            self.dashboard = summary_dashboard(self.summary)
        with Grid(id="grid"):
            for key, cls in PANES.items():
                yield cls(id=key, classes="pane")
        yield Static("", id="status", markup=False)
        yield StableFooter()

    def on_mount(self) -> None:
        self.action_focus_pane("sources")
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
        if is_stale(self.store):
            self.reextract(None)

    def reload(self) -> None:
        """Read the store again; draw the active pane now and the others once it is on screen."""
        self.dashboard = load_dashboard(self.store)
        self.pane(self.active_pane).refresh_rows()
        self.update_status()
        self.call_after_refresh(self._refresh_other_panes)

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
        text = Text("reading the records\u2026" if self.dashboard.loading else review_stats(self.dashboard).describe())
        if self.busy:
            text.append(f"  \u00b7  {self.busy}", style="bold")
        self.query_one("#status", Static).update(text)

    def pane(self, key: str) -> Pane:
        return self.query_one(f"#{key}", Pane)

    def focused_pane(self) -> Pane:
        return self.pane(self.active_pane)

    def on_descendant_focus(self, event) -> None:
        for node in [event.widget, *event.widget.ancestors]:
            if isinstance(node, Pane):
                self._activate(node.id)
                break

    def _activate(self, key: str) -> None:
        """Mark the active pane; only the two panes whose state changes are touched."""
        previous, self.active_pane = self.active_pane, key
        for name in {previous, key}:
            pane = self.pane(name)
            if pane.has_class("-active") != (name == key):
                pane.set_class(name == key, "-active")
                pane.update_title()

    # -- actions ------------------------------------------------------------------------

    def action_focus_pane(self, key: str) -> None:
        self._activate(key)
        self.pane(key).table.focus()

    def action_filter(self) -> None:
        self.focused_pane().open_filter()

    def action_match(self, step: int) -> None:
        self.focused_pane().next_match(step)

    def action_back(self) -> None:
        """esc backs out one step; it never quits."""
        pane = self.focused_pane()
        box = pane.filter_box
        if (box is not None and box.has_class("-open")) or pane.filter_text:
            pane.close_filter(keep=False)
        elif self.screen.has_class("-zoomed"):
            self.screen.remove_class("-zoomed")

    def action_zoom(self) -> None:
        self.screen.toggle_class("-zoomed")

    def action_toggle_background(self) -> None:
        self.filters = replace(self.filters, hide_background=not self.filters.hide_background)
        self.reload()
        self.notify("Background records " + ("hidden." if self.filters.hide_background else "shown (dimmed)."))

    def action_toggle_dismissed(self) -> None:
        self.filters = replace(self.filters, hide_dismissed=not self.filters.hide_dismissed)
        self.reload()

    def action_help(self) -> None:
        pane = self.focused_pane()
        own = [b for cls in type(pane).__mro__ if "BINDINGS" in cls.__dict__ and issubclass(cls, Pane)
               for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding)]
        keys = "\n".join(f"| **{b.key}** | {b.description} |" for b in own)
        text = f"# {pane.DIGIT} {pane.NAME}\n\n{pane.HELP}\n\n"
        if keys:
            text += "| key | does |\n| --- | --- |\n" + keys + "\n\n"
        from .screens import HelpScreen

        self.push_screen(HelpScreen(text + "# Everywhere\n\n" + GLOBAL_HELP))

    # -- opening things -----------------------------------------------------------------

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        data = event.row.data
        if isinstance(data, dict) and "sentence" in data:
            self.open_reader(data["article"], (data["start"], data["end"]))
        elif isinstance(data, dict) and "cells" in data:
            self.open_statements(data)
        elif hasattr(data, "title") and hasattr(data, "id"):
            self.open_reader(data.id, None)

    def open_reader(self, article_id: str, target: tuple[int, int] | None) -> None:
        article = self.dashboard.articles.get(article_id)
        try:
            text = self.store.text(article_id)
        except UserError as exc:
            self.notify(str(exc), severity="error")
            return
        spans = sorted({(r["start"], r["end"]) for r in self.dashboard.records if r["article"] == article_id})
        from .screens import ReaderScreen

        meta = f"{article.outlet or 'outlet unknown'} \u00b7 {article.published or 'date unknown'} \u00b7 {len(spans)} sentences with records \u00b7 esc goes back"
        self.push_screen(ReaderScreen(article.title, meta, text, spans, target))

    def open_statements(self, data: dict) -> None:
        rows = []
        for party, cell in data["cells"].items():
            for record in cell.statements if cell else []:
                rows.append(Row(record["id"], [Text(party), Text(record["stance"]), Text(record.get("date") or "unknown"),
                                               Text(self.dashboard.outlet(record)), Text(" ".join(record["sentence"].split()))],
                                data=record))
        rows.sort(key=lambda r: (r.cells[2].plain, r.cells[0].plain))
        from .screens import StatementsScreen

        self.push_screen(StatementsScreen(f"{self.dashboard.label(data['issue'])}: statements, oldest first", rows))

    # -- reviews ------------------------------------------------------------------------

    def review(self, record: dict, status: str | None, edit: dict | None = None) -> None:
        try:
            self.store.set_review(record["id"], status, edit)
        except UserError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dashboard.apply_review(record["id"], {"status": status, "edit": edit} if status else None)
        for pane in self.query(Pane):
            pane.refresh_rows()
        self.update_status()

    def edit_record(self, record: dict) -> None:
        from ceasetalk.core import views

        from .screens import EditScreen

        def save(edit: dict | None) -> None:
            if edit:
                self.review(record, "edited", edit)

        self.push_screen(EditScreen(record, views.parties(self.dashboard), self.dashboard.issue_labels), save)

    # -- background work ----------------------------------------------------------------

    def action_add_article(self) -> None:
        from .screens import AddScreen

        def added(spec: str | None) -> None:
            if spec:
                self.run_cli(["ingest", spec], f"adding {spec}")

        self.push_screen(AddScreen(), added)

    def reextract(self, profile: str | None) -> None:
        self.run_cli(["reextract", *(["--profile", profile] if profile else [])], "extracting every article again")

    def available_profiles(self) -> list[str]:
        from ceasetalk.core.profiles import shipped_profiles

        return [p.stem for p in shipped_profiles()]

    @work(exclusive=True, group="cli", exit_on_error=False)
    async def run_cli(self, args: list[str], label: str) -> None:
        """Run a `ceasetalk` command in a child process: spaCy loads there, never in the UI."""
        self.busy = label + "\u2026"
        self.update_status()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "ceasetalk.tui.cli", "--db", str(self.store.path), *args,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
        )
        out, err = await process.communicate()
        self.busy = ""
        self.reload()
        lines = [line for line in (out.decode(errors="replace") + err.decode(errors="replace")).splitlines() if line.strip()]
        message = "\n".join(lines[-6:]) or label + ": done."
        self.notify(Text(message).plain, severity="error" if process.returncode else "information",
                    timeout=8, markup=False)

    # -- export -------------------------------------------------------------------------

    def snapshot_filters(self) -> Filters:
        pane = self.focused_pane()
        compare = self.pane("compare")
        return Filters(pane.filter_text, self.filters.hide_background, self.filters.hide_dismissed, tuple(compare.chosen()))

    def action_export(self) -> None:
        from datetime import datetime

        from ceasetalk.core.snapshot import render
        from ceasetalk.core.store import write_file_atomically

        filters = self.snapshot_filters()
        text = render(self.dashboard, filters, chosen=list(filters.parties))
        target = self.export_dir / f"ceasetalk-snapshot-{datetime.now():%Y%m%d-%H%M%S}.md"
        try:
            write_file_atomically(target, text.encode("utf-8"))
        except UserError as exc:
            self.notify(f"Export failed: {exc}", severity="error", markup=False)
            return
        self.last_export = target
        self.notify(f"Snapshot written to {target}", timeout=10, markup=False)


def build_parser() -> argparse.ArgumentParser:
    from .cli import add_db_option

    parser = argparse.ArgumentParser(
        prog="ceasetalk-tui",
        description="The ceasetalk dashboard: sources, demands per party, figures and a "
        "comparison of positions. With an empty store it opens on the five seed articles.",
    )
    parser.add_argument("--version", action="version", version=f"ceasetalk {__version__}")
    add_db_option(parser)
    parser.add_argument("--export-dir", metavar="DIR", help="where e writes snapshots (default: the current folder)")
    return parser


def binding_ids() -> set[str]:
    ids = {b.id for b in CeasetalkApp.BINDINGS if b.id}
    for cls in (*PANES.values(), RecordPane, VirtualTable):
        ids |= {b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id}
    return ids


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from .cli import seed_store
        from .config import load_keymap

        keymap = load_keymap(binding_ids())
        store = Store(args.db, on_wait=lambda message: print(message, file=sys.stderr), lazy=True)
        if store.summary() is None:  # no summary of this store yet: read it, seed it if new
            if not store.meta().get("seeded") and not store.articles():
                print("First launch: extracting the five seed articles (a few seconds)...", file=sys.stderr)
            seed_store(store, refresh=False)
    except UserError as exc:
        print(f"ceasetalk-tui: {exc}", file=sys.stderr)
        return 1
    app = CeasetalkApp(store, Path(args.export_dir) if args.export_dir else None)
    app.set_keymap(keymap)
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
