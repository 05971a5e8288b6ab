"""`ceasetalk`: the headless command line, for scripts and for a quick look.

Every user error is one sentence on stderr and a non-zero exit; tracebacks are
for bugs. Article text is printed as it is, never through Rich markup.
"""
from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from ceasetalk.core import __version__
from ceasetalk.core.errors import UserError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PROGRESS_THRESHOLD = 3  # more inputs than this get a progress bar


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    from rich.text import Text

    _stderr().print(Text(message, style="yellow"))


def _open_store(args: argparse.Namespace):
    from ceasetalk.core.store import Store

    return Store(args.db, on_wait=warn)


def seed_store(store) -> None:
    from ceasetalk.core.library import seed_if_new

    outcomes = seed_if_new(store)
    added = [o for o in outcomes if o.status == "added"]
    if added:
        warn(f"New store: loaded the {len(added)} seed articles (the demo corpus) into {store.path}.")


# -- commands -----------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from ceasetalk.core.ingest import Overrides
    from ceasetalk.core.library import ingest
    from rich.text import Text

    if args.title and len(args.inputs) > 1:
        raise UserError("--title names one article; give a single input with it.")
    overrides = Overrides(title=args.title, outlet=args.outlet, published=args.published)
    if args.published:  # a bad --published is the user's mistake once, not once per file
        from ceasetalk.core.ingest import normalise_date

        normalise_date(args.published, "--published")
    store = _open_store(args)
    console = _stderr()
    if len(args.inputs) > PROGRESS_THRESHOLD or any(_is_folder(p) for p in args.inputs):
        outcomes = _with_progress(console, lambda progress: ingest(store, args.inputs, overrides, progress))
    else:
        outcomes = ingest(store, args.inputs, overrides)
    out = _stdout()
    failed = 0
    for outcome in outcomes:
        for note in outcome.notes:
            warn(note)
        if outcome.status == "failed":
            failed += 1
            console.print(Text(f"ceasetalk: {outcome.message}", style="red"))
        elif outcome.status == "added":
            out.print(Text(f"added    {outcome.article.id}  {outcome.article.title}"))
        else:
            out.print(Text(f"present  {outcome.article.id}  {outcome.article.title} (already in the store; nothing to do)"))
    return EXIT_ERROR if failed else EXIT_OK


def _is_folder(spec: str) -> bool:
    from pathlib import Path

    return spec != "-" and Path(spec).is_dir()


def _with_progress(console, work: Callable):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("reading articles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None)
        return work(lambda done, total: bar.update(task, completed=done, total=total))


def _stdout():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def cmd_list(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ceasetalk.core.views import sources

    store = _open_store(args)
    seed_store(store)
    rows = sources(store.articles())
    if args.json:
        import json

        print(json.dumps([a.to_dict() for a in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    table = Table(title=Text(f"{len(rows)} articles in {store.path}"), title_justify="left")
    for name in ("id", "date", "outlet", "title"):
        table.add_column(name, overflow="fold" if name == "title" else "ellipsis", no_wrap=name != "title")
    for article in rows:
        table.add_row(
            Text(article.id), Text(article.published or "unknown", style="" if article.published else "dim"),
            Text(article.outlet or "unknown", style="" if article.outlet else "dim"), Text(article.title),
        )
    _stdout().print(table)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    store = _open_store(args)
    article_id = store.resolve(args.id)
    sys.stdout.write((store.raw(article_id) if args.raw else store.text(article_id)).rstrip("\n") + "\n")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from rich.text import Text

    store = _open_store(args)
    article = store.remove(store.resolve(args.id))
    _stdout().print(Text(f"removed  {article.id}  {article.title}"))
    return EXIT_OK


# -- parser -------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ceasetalk",
        description="Follow ceasefire negotiations through the news: ingest articles and "
        "list, show or remove them (the dashboard is ceasetalk-tui).",
    )
    parser.add_argument("--version", action="version", version=f"ceasetalk {__version__}")
    add_db_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ingest = commands.add_parser(
        "ingest", help="add articles (files, folders, '-' for stdin, or http(s) URLs)",
        description="Add articles to the store. Text, Markdown and HTML files, whole folders, "
        "'-' for standard input, and http(s) URLs (downloaded). A sources.toml beside the files, "
        "Markdown front matter and these flags give title, outlet and date, flags winning.",
    )
    ingest.add_argument("inputs", nargs="+", metavar="PATH|URL|-")
    ingest.add_argument("--title", help="the article's title (one input only)")
    ingest.add_argument("--outlet", help="the outlet that published the articles")
    ingest.add_argument("--published", metavar="YYYY-MM-DD", help="the publication date")
    ingest.set_defaults(func=cmd_ingest)

    listing = commands.add_parser("list", help="list the stored articles, newest first",
                                  description="List the stored articles, newest first.")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(func=cmd_list)

    show = commands.add_parser("show", help="print an article's cleaned text",
                               description="Print an article's cleaned text (the text record offsets refer to).")
    show.add_argument("id", help="the article id, or enough of its start to be unique")
    show.add_argument("--raw", action="store_true", help="print the text as it was read instead")
    show.set_defaults(func=cmd_show)

    remove = commands.add_parser("remove", help="remove an article and its records",
                                 description="Remove an article, its records and their reviews.")
    remove.add_argument("id", help="the article id, or enough of its start to be unique")
    remove.set_defaults(func=cmd_remove)
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH",
        help="the store file (default: $CEASETALK_DB, else store.json in the user data folder)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"ceasetalk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ceasetalk: interrupted; the store keeps what was written before.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); not an error
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
