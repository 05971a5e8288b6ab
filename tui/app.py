"""`ceasetalk-tui`: the dashboard.

It paints from the store without loading the NLP stack; article text is
always shown as plain text, never interpreted as markup.
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer

from ceasetalk.core import __version__
from ceasetalk.core.errors import UserError
from ceasetalk.core.store import Store


class SourcesPane(Vertical):
    """1 Sources: the articles, newest first."""

    def compose(self) -> ComposeResult:
        table = DataTable(id="sources-table", cursor_type="row", zebra_stripes=False)
        table.add_column("date", width=10, key="date")
        table.add_column("outlet", width=20, key="outlet")
        table.add_column("title", key="title")
        yield table

    def show(self, articles) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for article in articles:
            table.add_row(
                Text(article.published or "unknown", style="" if article.published else "dim"),
                Text(article.outlet or "unknown", style="" if article.outlet else "dim"),
                Text(article.title),
                key=article.id,
            )
        self.border_title = f"1 Sources ({len(articles)})"


class CeasetalkApp(App):
    """The four-pane dashboard."""

    CSS_PATH = "app.tcss"
    TITLE = "ceasetalk"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield SourcesPane(id="sources")
        yield Footer()

    def on_mount(self) -> None:
        from ceasetalk.core.views import sources

        self.query_one(SourcesPane).show(sources(self.store.articles()))


def build_parser() -> argparse.ArgumentParser:
    from .cli import add_db_option

    parser = argparse.ArgumentParser(
        prog="ceasetalk-tui",
        description="The ceasetalk dashboard: sources, demands per party, figures and a "
        "comparison of positions. With an empty store it opens on the five seed articles.",
    )
    parser.add_argument("--version", action="version", version=f"ceasetalk {__version__}")
    add_db_option(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from .cli import seed_store

        store = Store(args.db, on_wait=lambda message: print(message, file=sys.stderr))
        seed_store(store)
    except UserError as exc:
        print(f"ceasetalk-tui: {exc}", file=sys.stderr)
        return 1
    CeasetalkApp(store).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
