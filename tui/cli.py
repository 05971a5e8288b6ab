"""`ceasetalk`: the headless command line, for scripts and for a quick look.

Every user error is one sentence on stderr and a non-zero exit. A defect of
ceasetalk's own is one sentence too, exit status 70, with its traceback kept in a
crash report to send (CEASETALK_DEBUG=1 lets it through instead). Article text is
printed as it is, never through Rich markup.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager

from ceasetalk.core import __version__
from ceasetalk.core.errors import UserError
from ceasetalk.core.store import MIN_ID_PREFIX

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130
PROGRESS_THRESHOLD = 3  # more inputs than this get a progress bar


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def say(message: object, *, err: bool = False, style: str = "") -> None:
    """Lines for the user, sanitised (names, titles and URLs come from outside) and never markup."""
    from rich.text import Text

    from ceasetalk.core.sanitize import sanitize

    text = sanitize(str(message))
    (_stderr() if err else _stdout()).print(Text(text, style=style))


def warn(message: str) -> None:
    say(message, err=True, style="yellow")


def _open_store(args: argparse.Namespace):
    """The store named by --db (or the default), with the demo corpus loaded where it belongs."""
    from ceasetalk.core.store import Store

    store = Store(args.db, on_wait=warn)
    problems = store.problems()
    if problems:
        warn(f"{len(problems)} malformed documents in {store.path} are left out (first: {problems[0]}); "
             "'ceasetalk doctor' lists them.")
    return store


def seed_store(store, demo: bool = False, refresh: bool = True) -> None:
    """Load the demo corpus into a new store where it belongs (the default store, or any new store
    with --demo); bring a store made by an older extractor up to date (the dashboard does that in
    the background instead: refresh=False)."""
    from ceasetalk.core.library import is_stale, reextract, seed_if_new

    outcomes = seed_if_new(store) if (demo or store.is_demo) else []
    added = [o for o in outcomes if o.status == "added"]
    if added:
        warn(f"New store: loaded the {len(added)} seed articles (the demo corpus) into {store.path}.")
    elif refresh and is_stale(store):
        warn("Some of the store's records were made by another extractor or profile (a newer ceasetalk, or "
             "a profile switch that was interrupted); extracting those again (your reviews are kept)...")
        reextract(store, only_stale=True)


# -- commands -----------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:

    from ceasetalk.core.ingest import Overrides
    from ceasetalk.core.library import ingest

    if args.records:
        return _ingest_records(args)
    if args.title and len(args.inputs) > 1:
        raise UserError("--title names one article; give a single input with it.")
    overrides = Overrides(title=args.title, outlet=args.outlet, published=args.published)
    if args.published:  # a bad --published is the user's mistake once, not once per file
        from ceasetalk.core.dates import normalise_date

        normalise_date(args.published, "--published")
    store = _open_store(args)
    console = _stderr()

    executor = _executor(args)

    def run(progress=None):
        return ingest(store, args.inputs, overrides, progress, profile=args.profile, trained=not args.blank,
                      allow_private=args.allow_private_urls, executor=executor)

    if len(args.inputs) > PROGRESS_THRESHOLD or any(_is_folder(p) for p in args.inputs):
        outcomes = _with_progress(console, run)
    else:
        outcomes = run()
    failed = 0
    for outcome in outcomes:
        for note in outcome.notes:
            warn(note)
        if outcome.status == "failed":
            failed += 1
            say(f"ceasetalk: {outcome.message}", err=True, style="red")
        elif outcome.status == "added":
            say(f"added    {outcome.article.id}  {outcome.article.title}")
        else:
            say(f"present  {outcome.article.id}  {outcome.article.title} (already in the store; nothing to do)")
    return EXIT_ERROR if failed else EXIT_OK


def _ingest_records(args: argparse.Namespace) -> int:
    from ceasetalk.core.exchange import read_documents
    from ceasetalk.core.library import ingest_records

    outcomes = ingest_records(_open_store(args), read_documents(args.inputs))
    failed = 0
    for outcome in outcomes:
        if outcome.status == "failed":
            failed += 1
            say(f"ceasetalk: {outcome.message}", err=True)
        else:
            say(f"{'added   ' if outcome.status == 'added' else 'present '} {outcome.article.id}  {outcome.article.title}")
    return EXIT_ERROR if failed else EXIT_OK


def _is_folder(spec: str) -> bool:
    from pathlib import Path

    return spec != "-" and Path(spec).is_dir()


def _with_progress(console, work: Callable):
    """Run `work(progress)` under a progress bar that names its stage ("reading", "extracting") and
    counts articles, not inputs."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)
        return work(lambda stage, done, total: bar.update(task, description=stage, completed=done, total=total))


def _stdout():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def cmd_list(args: argparse.Namespace) -> int:
    from ceasetalk.core.sanitize import one_line
    from ceasetalk.core.views import record_counts, sources

    store = _open_store(args)
    seed_store(store, args.demo)
    rows = sources(store.articles())
    counts = record_counts(store.records())
    if args.json:
        import json

        print(json.dumps([{**a.to_dict(), "records": counts.get(a.id, 0)} for a in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not sys.stdout.isatty():  # for a pipe: tab-separated, one article a line, nothing cut
        for a in rows:
            fields = (a.id, a.published or "unknown", str(counts.get(a.id, 0)), a.outlet or "unknown", a.title)
            print("\t".join(one_line(f) for f in fields))
        return EXIT_OK
    _print_article_table(store, rows, counts)
    return EXIT_OK


def _print_article_table(store, rows, counts) -> None:
    """A table for a person: below 100 columns the outlet goes, so the title keeps its room."""
    from rich.table import Table
    from rich.text import Text

    console = _stdout()
    wide = console.width >= 100
    table = Table(title=Text(f"{len(rows)} articles in {store.path}"), title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("recs", justify="right", no_wrap=True)
    if wide:
        table.add_column("outlet", max_width=22, overflow="ellipsis", no_wrap=True)
    table.add_column("title", overflow="fold", min_width=20, ratio=1)
    for article in rows:
        cells = [
            Text(article.id),
            Text(article.published or "unknown", style="" if article.published else "dim"),
            Text(str(counts.get(article.id, 0))),
        ]
        if wide:
            cells.append(Text(article.outlet or "unknown", style="" if article.outlet else "dim"))
        table.add_row(*cells, Text(article.title))
    console.print(table)


def cmd_show(args: argparse.Namespace) -> int:
    store = _open_store(args)
    article_id = store.resolve(args.id)
    sys.stdout.write((store.raw(article_id) if args.raw else store.text(article_id)).rstrip("\n") + "\n")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:

    store = _open_store(args)
    article_id = store.resolve(args.id)
    article = store.article(article_id)
    if not args.yes:
        records = {r["id"] for r in store.records(article_id)}
        reviews = sum(1 for rid in store.reviews() if rid in records)
        question = (
            f'Remove {article.id} "{" ".join(article.title.split())}" with its {len(records)} records and {reviews} reviews?'
        )
        if not sys.stdin.isatty():
            raise UserError(f"{question} Add --yes to remove without being asked (for scripts).")
        answer = input(f"{question} [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            say("Nothing was removed.", err=True)
            return EXIT_ERROR
    article = store.remove(article_id)
    say(f"removed  {article.id}  {article.title}")
    return EXIT_OK


def _load_inputs(specs: list[str], allow_private: bool = False):
    """Read inputs without the store: (articles, number of failures), failures said on stderr."""
    from ceasetalk.core.library import read_inputs

    articles, failures = read_inputs(specs, allow_private=allow_private)
    for failure in failures:
        say(f"ceasetalk: {failure.message}", err=True)
    for article in articles:
        for note in article.notes:
            warn(note)
    return articles, len(failures)


def _executor(args: argparse.Namespace):
    """Where extraction runs, as --workers and --dask say (core/executors.py)."""
    from ceasetalk.core.executors import choose

    if args.workers and args.dask:
        raise UserError("--workers sets this machine's processes and --dask a cluster's; give one of them.")
    return choose(args.workers, args.dask)


def _extractor_for(args: argparse.Namespace, articles, executor):
    """The extractor for these articles (--profile, else the shipped profile they mention most), its
    profile's warnings said; the executor gets ready meanwhile."""
    from ceasetalk.core.extract import Extractor
    from ceasetalk.core.profiles import resolve_profile

    profile = resolve_profile(args.profile, [a.text for a in articles])
    if profile is None:
        warn(
            "No shipped profile matches these articles; naming the organisations and countries as written "
            "('ceasetalk profile draft' writes a starter profile)."
        )
    else:
        for note in profile.warnings:
            warn(note)
    executor.prepare(profile, not args.blank)
    return Extractor(profile, trained=not args.blank), profile


def _extract(extractor, articles, executor, consume: Callable = list):
    """`consume` the extractions, in input order, as the executor runs them, under a progress bar on
    a terminal: (what consume returns, how many articles were lost with their workers, each said in
    a sentence)."""
    from ceasetalk.core.executors import extract_all

    failures: list = []

    def work(progress=None):
        return consume(extract_all(extractor, articles, executor, progress, failures))

    result = _with_progress(_stderr(), work) if len(articles) > PROGRESS_THRESHOLD and sys.stderr.isatty() else work()
    for failure in failures:
        say(f"ceasetalk: {failure.message}", err=True)
    return result, len(failures)


def cmd_extract(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ceasetalk.core.exchange import write_partitions
    from ceasetalk.core.extract import to_json

    articles, failed = _load_inputs(args.inputs, args.allow_private_urls)
    if not articles:
        return EXIT_ERROR
    executor = _executor(args)
    extractor, _ = _extractor_for(args, articles, executor)
    if args.out:
        (count, parts), lost = _extract(extractor, articles, executor, lambda extractions: write_partitions(
            Path(args.out), extractions, extractor, __version__, with_text=args.with_text))
        say(f"wrote {count} articles to {args.out} in {parts} {'partition' if parts == 1 else 'partitions'}", err=True)
    else:
        results, lost = _extract(extractor, articles, executor)
        if args.json:
            json.dump(to_json(results, extractor, __version__, with_text=args.with_text), sys.stdout,
                      ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            _print_extractions(results)
    return EXIT_ERROR if failed or lost else EXIT_OK


def _print_extractions(results) -> None:
    from rich.table import Table
    from rich.text import Text

    from ceasetalk.core.views import confidence_text, stance_text, value_text

    console = _stdout()
    for result in results:
        article = result.article
        console.print(
            Text(f"{article.title}  ({article.outlet or 'outlet unknown'}, {article.published or 'date unknown'})", style="bold")
        )
        table = Table("party", "stance", "issue", "actor", "conf", "sentence", show_lines=False, expand=True)
        for p in result.positions:
            table.add_row(Text(p.party), Text(stance_text(p.stance)), Text(p.issue), Text(p.actor or ""),
                          Text(confidence_text(p.to_dict())), Text(p.sentence, overflow="ellipsis"))
        if result.positions:
            console.print(table)
        else:
            console.print(Text("no positions found", style="dim"))
        figures = Table("metric", "value", "qualifier", "attribution", "conf", "subject", expand=True)
        for f in result.figures:
            figures.add_row(Text(f.metric), Text(value_text(f.to_dict())), Text(f.qualifier or ""),
                            Text(f.attribution or ""), Text(confidence_text(f.to_dict())), Text(f.subject))
        if result.figures:
            console.print(figures)
        else:
            console.print(Text("no figures found", style="dim"))


def cmd_eval(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ceasetalk.core.evaluate import score
    from ceasetalk.core.extract import to_json

    try:
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
        gold["articles"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{args.gold}: not a gold file with an 'articles' table ({exc}).") from None
    articles, _ = _load_inputs(args.inputs, args.allow_private_urls)
    if not articles:
        return EXIT_ERROR
    executor = _executor(args)
    extractor, profile = _extractor_for(args, articles, executor)
    results, _ = _extract(extractor, articles, executor)
    output = to_json(results, extractor, __version__)
    texts = {
        Path(a.source).stem: Path(a.source).read_text(encoding="utf-8", errors="replace")
        for a in articles
        if Path(a.source).is_file()
    }
    report = score(gold, output, texts)
    for article in report.articles:
        tp_p, fp_p, fn_p = article.counts["positions"]
        tp_f, fp_f, fn_f = article.counts["figures"]
        say(f"{article.stem}  positions tp={tp_p} fp={fp_p} fn={fn_p} | figures tp={tp_f} fp={fp_f} fn={fn_f}")
        for kind in ("positions", "figures"):
            for key in article.missed[kind]:
                say(f"  missed {kind[:-1]} {key}")
                if args.explain:
                    _explain_miss(output, article.stem, kind, key)
            for key in article.extra[kind]:
                say(f"  extra  {kind[:-1]} {key}")
                if args.explain:
                    _explain_extra(output, article.stem, kind, key)
    if report.unanswered:
        say("no output for: " + ", ".join(report.unanswered))
    pp, pr, pf = report.prf("positions")
    fp_, fr, ff = report.prf("figures")
    ok, checked = report.provenance
    say(f"pipeline={extractor.name} profile={profile.name if profile else None}")
    print(
        f"positions P={pp:.2f} R={pr:.2f} F1={pf:.2f} | figures P={fp_:.2f} R={fr:.2f} F1={ff:.2f}"
        f" | articles={len(report.articles)} provenance={ok}/{checked}"
    )
    return EXIT_OK if pf >= args.min_positions_f1 and ff >= args.min_figures_f1 else EXIT_ERROR


KEY_FIELDS = {"positions": ("party", "stance", "issue"), "figures": ("metric", "value")}


def _records_of(output: dict, stem: str, kind: str) -> list[dict]:
    from pathlib import Path

    return [r for a in output["articles"] if Path(a["path"]).stem == stem for r in a[kind]]


def _explain_extra(output: dict, stem: str, kind: str, key: tuple) -> None:
    """Why the extractor made a record the gold does not have: its trace and its sentence."""
    for record in _records_of(output, stem, kind):
        if tuple(record[f] for f in KEY_FIELDS[kind]) == key:
            say(f"         why: {record['why']}")
            say(f"         in:  {' '.join(record['sentence'].split())}")
            return


def _explain_miss(output: dict, stem: str, kind: str, key: tuple) -> None:
    """For a record the extractor missed: the records it made nearest to it (same party and issue, or
    same issue and stance; same metric), each with its trace, or that it made none."""
    records = _records_of(output, stem, kind)
    if kind == "positions":
        near = [r for r in records if r["issue"] == key[2] and (r["party"] == key[0] or r["stance"] == key[1])]
    else:
        near = [r for r in records if r["metric"] == key[0]]
    if not near:
        say("         nothing extracted on this " + ("issue" if kind == "positions" else "metric"))
    for record in near[:3]:
        said = tuple(record[f] for f in KEY_FIELDS[kind])
        say(f"         near {said}: {record['why']}")
        say(f"              in: {' '.join(record['sentence'].split())}")


def cmd_profile_draft(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ceasetalk.core.profile_draft import draft_profile
    from ceasetalk.core.store import StoreError, write_file_atomically

    articles, failed = _load_inputs(args.inputs, args.allow_private_urls)
    if not articles:
        return EXIT_ERROR
    text = draft_profile([a.text for a in articles], title=args.title)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_ERROR if failed else EXIT_OK
    target = Path(args.output)
    if target.exists() and not args.force:
        raise UserError(f"{target} exists; choose another --output or add --force to replace it.")
    try:
        write_file_atomically(target, text.encode("utf-8"))
    except StoreError as exc:
        raise UserError(str(exc).replace("the previous version is intact", "nothing was written")) from None
    say(f"wrote {target}: edit it, then use --profile {target}")
    return EXIT_ERROR if failed else EXIT_OK


def cmd_reextract(args: argparse.Namespace) -> int:
    from ceasetalk.core.extract import Extractor
    from ceasetalk.core.library import reextract, reviews_applying
    from ceasetalk.core.profiles import resolve_profile

    store = _open_store(args)
    articles = store.articles()
    if not articles:
        raise UserError(f"{store.path} holds no articles to extract.")
    texts = []
    for article in articles:
        try:
            texts.append(store.text(article.id))
        except UserError:
            continue
    profile = resolve_profile(args.profile or store.meta().get("profile"), texts)
    for note in profile.warnings if profile else []:
        warn(note)
    executor = _executor(args)
    executor.prepare(profile, not args.blank)
    extractor = Extractor(profile, trained=not args.blank)

    def run(progress=None):
        return reextract(store, extractor, progress, only_stale=args.resume, executor=executor)

    result = _with_progress(_stderr(), run) if sys.stderr.isatty() else run()
    applying, reviews = reviews_applying(store)
    kept = (f"{applying} of {reviews} reviews still apply" if reviews else "no reviews to keep")
    if applying < reviews:
        kept += " (the others are kept in case a later extraction finds their records again)"
    say(f"extracted {result.done} articles again with profile {profile.name if profile else 'none'}; {kept}")
    for failure in result.failed:
        say(f"ceasetalk: {failure.message}", err=True)
    if result.failed:
        say("ceasetalk: those articles keep their former records; 'ceasetalk reextract --resume' extracts them again.",
            err=True)
    if result.missing:
        say(f"ceasetalk: {len(result.missing)} articles were left as they were because their text is missing "
            f"(first: {result.missing[0]}); 'ceasetalk doctor' says more.", err=True)
    return EXIT_ERROR if result.missing or result.failed else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ceasetalk.core.library import load_dashboard
    from ceasetalk.core.snapshot import snapshot_text
    from ceasetalk.core.views import Filters, parties
    from ceasetalk.core.visits import parse_since

    store = _open_store(args)
    seed_store(store, args.demo)
    dashboard = load_dashboard(store)
    known = {p.casefold(): p for p in parties(dashboard)}
    unknown = [p for p in args.party or [] if p.casefold() not in known]
    if unknown:
        raise UserError(f"No positions for {', '.join(unknown)}; parties are: {', '.join(parties(dashboard))}.")
    chosen = tuple(known[p.casefold()] for p in args.party or [])
    since = parse_since(args.since, store.path) if args.since else None
    filters = Filters(args.filter or "", args.hide_background, args.hide_dismissed, chosen, args.min_confidence, since)
    return _write_markdown(snapshot_text(dashboard, filters, chosen=list(chosen) or None), args.md, "snapshot.md")


def cmd_brief(args: argparse.Namespace) -> int:
    from ceasetalk.core.brief import render_brief
    from ceasetalk.core.library import load_dashboard
    from ceasetalk.core.views import Filters
    from ceasetalk.core.visits import parse_since

    store = _open_store(args)
    seed_store(store, args.demo)
    since = parse_since(args.since, store.path)
    filters = Filters(args.filter or "", args.hide_background, True, (), args.min_confidence)
    return _write_markdown([render_brief(load_dashboard(store), since, filters)], args.md, "brief.md")


def _write_markdown(pieces: Iterable[str], where: str, example: str) -> int:
    """Markdown, given in pieces, to a file (atomically) or, for "-", to stdout."""
    from pathlib import Path

    from ceasetalk.core.store import write_file_atomically

    if where == "-":
        sys.stdout.writelines(pieces)
        return EXIT_OK
    target = Path(where)
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name such as {target / example}.")
    write_file_atomically(target, (piece.encode("utf-8") for piece in pieces))
    say(f"wrote {target}", err=True)
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ceasetalk.core.doctor import REMEDIES, check, repair, restore
    from ceasetalk.core.store import default_path

    path = Path(args.db).expanduser() if args.db else default_path()
    chosen = [name for name in ("restore", "repair", "rebuild") if getattr(args, name)]
    if len(chosen) > 1:
        raise UserError("Give one of --restore, --repair and --rebuild at a time.")
    if args.restore:
        say(restore(path))
    elif args.repair:
        say(repair(path))
    elif args.rebuild:
        from ceasetalk.core.library import rebuild

        def run(progress=None):
            return rebuild(path, args.profile, not args.blank, progress, _executor(args))

        count, unusable, kept, lost = _with_progress(_stderr(), run) if sys.stderr.isatty() else run()
        for failure in lost:
            say(f"ceasetalk: {failure.message}", err=True)
        say(f"Rebuilt {path} with {count} articles from their texts"
            + (f"; the previous file is kept as {kept}" if kept else "")
            + (f"; {unusable} texts could not be used" if unusable else "") + ". Reviews could not come back.")
    findings = check(path)
    for finding in findings:
        say(f"{finding.severity}: {finding.message}", err=finding.severity == "error")
    if not findings:
        say(f"{path}: healthy.")
    remedies = [f.remedy for f in findings if f.remedy and f.severity == "error"]
    for remedy in dict.fromkeys(remedies):
        say(f"To fix it: {REMEDIES[remedy]}.", err=True)
    return EXIT_ERROR if any(f.severity == "error" for f in findings) else EXIT_OK


# -- following feeds ------------------------------------------------------------------


def cmd_follow_add(args: argparse.Namespace) -> int:
    from ceasetalk.core.feeds import Politeness, follow

    feed = follow(_open_store(args), args.url, args.profile, Politeness(allow_private=args.allow_private_urls))
    found = f" (found through {feed.page})" if feed.page else ""
    say(f"following {feed.name}: {feed.url}{found}")
    say("'ceasetalk follow run' reads its entries.", err=True)
    return EXIT_OK


def cmd_follow_list(args: argparse.Namespace) -> int:
    from ceasetalk.core.feeds import followed
    from ceasetalk.core.sanitize import one_line

    store = _open_store(args)
    feeds = followed(store)
    if args.json:
        import json

        rows = [{"number": n, **feed.to_dict(), "seen": len(feed.seen), "state": feed.state}
                for n, feed in enumerate(feeds, start=1)]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not sys.stdout.isatty():  # for a pipe: tab-separated, one feed a line, nothing cut
        for n, feed in enumerate(feeds, start=1):
            fields = (str(n), feed.url, feed.title or "", feed.profile or "-", feed.last_run or "never",
                      str(len(feed.seen)), feed.state)
            print("\t".join(one_line(f) for f in fields))
        return EXIT_OK
    if not feeds:
        say(f"No feeds are followed in {store.path}; 'ceasetalk follow add URL' follows one.")
        return EXIT_OK
    _print_feed_table(store, feeds)
    return EXIT_OK


def _print_feed_table(store, feeds) -> None:
    """A table for a person; the profile column only where some feed has its own."""
    from rich.table import Table
    from rich.text import Text

    profiles = any(feed.profile for feed in feeds)
    table = Table(title=Text(f"{len(feeds)} feeds followed in {store.path}"), title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=1)
    table.add_column("url", overflow="fold", ratio=2)
    if profiles:
        table.add_column("profile", overflow="fold")
    table.add_column("last run", no_wrap=True)
    table.add_column("seen", justify="right", no_wrap=True)
    table.add_column("state", overflow="fold", ratio=1)
    for n, feed in enumerate(feeds, start=1):
        cells = [Text(str(n)), Text(feed.title or "untitled", style="" if feed.title else "dim"), Text(feed.url)]
        if profiles:
            cells.append(Text(feed.profile or "the store's"))
        cells += [Text(feed.last_run or "never"), Text(str(len(feed.seen))),
                  Text(feed.state, style="red" if feed.last_error else "")]
        table.add_row(*cells)
    _stdout().print(table)


def cmd_follow_remove(args: argparse.Namespace) -> int:
    from ceasetalk.core.feeds import unfollow

    feed = unfollow(_open_store(args), args.feed)
    say(f"no longer following {feed.name}: {feed.url} (its articles stay in the store)")
    return EXIT_OK


def cmd_follow_run(args: argparse.Namespace) -> int:
    import time

    from ceasetalk.core.feeds import Politeness, followed, wait

    store = _open_store(args)
    if not followed(store):
        raise UserError(f"No feeds are followed in {store.path}; 'ceasetalk follow add URL' follows one.")
    if args.timeout <= 0:
        raise UserError("--timeout must be more than 0 seconds.")
    politeness = Politeness(args.allow_private_urls, args.delay, args.timeout)
    with _stop_on_ctrl_c() as stopping:
        while True:
            code = _follow_once(store, politeness, stopping)
            if not args.every or stopping():
                break
            next_run = time.strftime("%H:%M", time.localtime(time.time() + args.every))
            say(f"next run at {next_run}; ctrl+c stops.", err=True)
            if not wait(args.every, stopping):
                break
    if stopping():
        say("stopped; every article read before is stored.", err=True)
    return code


def _follow_once(store, politeness, stopping: Callable[[], bool]) -> int:
    """One run over every feed, each feed's outcome said as soon as it is done, then the total."""
    from ceasetalk.core.feeds import run_feeds

    def work(progress=None):
        return [_say_feed_report(report) for report in run_feeds(store, politeness, progress, stopping)]

    reports = _with_progress(_stderr(), work) if sys.stderr.isatty() else work()
    added = sum(len(report.added) for report in reports)
    failed = sum(1 for report in reports if report.error)
    feeds = f"{len(reports)} {'feed' if len(reports) == 1 else 'feeds'}"
    say(f"{added} new {'article' if added == 1 else 'articles'} from {feeds}"
        + (f"; {failed} could not be read." if failed else "."))
    return EXIT_ERROR if failed else EXIT_OK


def _say_feed_report(report):
    feed = report.feed
    if report.error:
        say(f"ceasetalk: {report.error}", err=True, style="red")
        return report
    for note in report.notes:
        warn(note)
    if report.not_modified:
        say(f"{feed.name}: nothing new (the feed has not changed since the last run)")
        return report
    if not (report.added or report.present or report.skipped or report.gave_up or report.stopped):
        say(f"{feed.name}: nothing new")
        return report
    counts = [f"{len(report.added)} added"]
    for items, what in ((report.present, "already in the store"), (report.skipped, "could not be read"),
                        (report.gave_up, "given up")):
        if items:
            counts.append(f"{len(items)} {what}")
    say(f"{feed.name}: {', '.join(counts)}" + ("; stopped before the end" if report.stopped else ""))
    for article in report.added:
        say(f"added    {article.id}  {article.title}")
    for message in report.skipped:
        warn(f"skipped: {message}")
    for message in report.gave_up:
        say(f"ceasetalk: {message}", err=True, style="red")
    return report


@contextmanager
def _stop_on_ctrl_c():
    """The first ctrl+c asks the work to stop between two steps, so nothing is cut in half; a second one
    stops it at once (the store still keeps only whole transactions)."""
    import os
    import signal

    requested: list[bool] = []

    def handler(signum, frame) -> None:
        if requested:
            raise KeyboardInterrupt
        requested.append(True)
        os.write(2, b"ceasetalk: stopping after this step (ctrl+c again stops at once)\n")  # safe in a handler

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield lambda: bool(requested)
    finally:
        signal.signal(signal.SIGINT, previous)


# -- parser -------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ceasetalk",
        description="Follow ceasefire negotiations through the news: ingest articles, extract what each "
        "party demands, offers, accepts and rejects and the figures reported, and export the brief "
        "(the dashboard is ceasetalk-tui). --db and --profile go before or after the command.",
    )
    parser.add_argument("--version", action="version", version=f"ceasetalk {__version__}")
    add_db_option(parser)
    parser.add_argument(
        "--profile", metavar="NAME|PATH", default=None, help="conflict profile, for ingest, extract, eval and reextract"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        name: str,
        help_text: str,
        description: str,
        *,
        store: bool = True,
        demo: bool = False,
        extraction: bool = False,
        urls: bool = False,
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=description)
        if store:
            add_db_option(sub, suppress=True)
        if demo:
            add_demo_option(sub)
        if extraction:
            add_extraction_options(sub)
        if urls:
            add_url_option(sub)
        sub.set_defaults(func=globals()[f"cmd_{name.replace(' ', '_')}"], takes_profile=extraction)
        return sub

    ingest = command(
        "ingest",
        "add articles (files, folders, '-' for stdin, or http(s) URLs)",
        "Add articles to the store. Text, Markdown and HTML files, whole folders, "
        "'-' for standard input, and http(s) URLs (downloaded). A sources.toml beside the files, "
        "Markdown front matter and these flags give title, outlet and date, flags winning.",
        extraction=True,
        urls=True,
    )
    ingest.add_argument("inputs", nargs="+", metavar="PATH|URL|-")
    ingest.add_argument(
        "--records", action="store_true", help="the inputs are `ceasetalk extract --json` outputs to merge (sharded "
        "extraction): JSON files, folders written by `extract --out`, or their .jsonl partitions"
    )
    ingest.add_argument("--title", help="the article's title (one input only)")
    ingest.add_argument("--outlet", help="the outlet that published the articles")
    ingest.add_argument("--published", metavar="YYYY-MM-DD", help="the publication date")

    listing = command(
        "list",
        "list the stored articles, newest first",
        "List the stored articles, newest first: a table on a terminal, tab-separated lines "
        "(id, date, records, outlet, title) through a pipe, or --json.",
        demo=True,
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    show = command(
        "show", "print an article's cleaned text", "Print an article's cleaned text (the text record offsets refer to)."
    )
    show.add_argument("id", help=f"the article id, or at least {MIN_ID_PREFIX} characters of its start")
    show.add_argument("--raw", action="store_true", help="print the text as it was read instead")

    remove = command(
        "remove",
        "remove an article and its records",
        "Remove an article, its records and their reviews. Asks first on a terminal.",
    )
    remove.add_argument("id", help=f"the article id, or at least {MIN_ID_PREFIX} characters of its start")
    remove.add_argument("-y", "--yes", action="store_true", help="remove without asking (for scripts)")

    extract = command(
        "extract",
        "extract positions and figures from articles (the store is not touched)",
        "Extract positions and figures from articles without touching the store. "
        "With --json, print the documented JSON (see README) for scripts.",
        store=False,
        extraction=True,
        urls=True,
    )
    extract.add_argument("inputs", nargs="+", metavar="PATH|URL|-")
    extract.add_argument("--json", action="store_true", help="print JSON instead of tables")
    extract.add_argument(
        "--with-text", action="store_true", help="with --json, add each article's cleaned text (for `ingest --records` elsewhere)"
    )
    extract.add_argument(
        "--out", metavar="DIR", help="write JSON Lines partitions (part-00000.jsonl, ..., one article a line, and "
        "_manifest.json) to this new folder instead of printing: Dask, DuckDB and Spark read them, `ingest --records` "
        "merges them"
    )

    evaluate = command(
        "eval",
        "score extraction against a gold file",
        "Extract from the articles and score against a gold file: per-article misses "
        "and extras, then precision, recall and F1 for positions and figures.",
        store=False,
        extraction=True,
        urls=True,
    )
    evaluate.add_argument("gold", help="the gold JSON file")
    evaluate.add_argument("inputs", nargs="+", metavar="PATH")
    evaluate.add_argument("--min-positions-f1", type=float, default=0.0, metavar="X", help="exit 1 below this F1")
    evaluate.add_argument("--min-figures-f1", type=float, default=0.0, metavar="X", help="exit 1 below this F1")
    evaluate.add_argument("--explain", action="store_true",
                          help="beside every miss and extra, the records' decision trace (why) and sentence")

    again = command("reextract", "extract every stored article again",
                    "Extract every stored article again, with the store's profile or --profile; your reviews are "
                    "kept and the command says how many still apply.", extraction=True)
    again.add_argument("--resume", action="store_true",
                       help="only the articles whose records were made otherwise (finishes an interrupted switch)")

    export = command(
        "export",
        "write the dashboard's Markdown snapshot",
        "Write what the dashboard shows as a Markdown brief: sources, demands per party, figures "
        "board, comparison matrix, every item footnoted to its source.",
        demo=True,
    )
    export.add_argument("--md", required=True, metavar="FILE", help="the Markdown file to write, or - for stdout")
    add_markdown_filters(export)
    export.add_argument("--hide-dismissed", action="store_true", help="leave out records you dismissed")
    export.add_argument("--since", metavar="WHEN", help=SINCE_HELP)

    brief = command(
        "brief",
        "write the morning brief: what moved since a date",
        "Write what changed since a date as a Markdown brief: the shifts (a party's stance on an issue "
        "changing between two dates, with both sentences), the new positions per party, the new and changed "
        "figures, and the new sources, every item footnoted like the snapshot. Dismissed records are left out.",
        demo=True,
    )
    brief.add_argument("--since", required=True, metavar="WHEN", help=SINCE_HELP)
    brief.add_argument("--md", default="-", metavar="FILE", help="the Markdown file to write (default: - for stdout)")
    add_markdown_filters(brief)
    export.add_argument(
        "--party", action="append", metavar="NAME", help="compare these parties (repeat the option; any letter case)"
    )

    doctor = command("doctor", "check the store, and bring a damaged one back",
                     "Check the store: that it reads, that every document is well formed, that every article "
                     "has its text and its records one profile, and say what fits each fault. The current file "
                     "is always kept aside (store.json.damaged-N) before anything replaces it.", extraction=True)
    doctor.add_argument("--restore", action="store_true", help="put the previous generation (store.json.bak) back")
    doctor.add_argument("--repair", action="store_true", help="drop the malformed documents readers skip")
    doctor.add_argument("--rebuild", action="store_true",
                        help="make a new store from the article texts beside it (--profile chooses the profile)")

    profile = commands.add_parser(
        "profile", help="work with conflict profiles", description="Work with conflict profiles (see README: profile format)."
    )
    profile.set_defaults(takes_profile=False)
    profile_commands = profile.add_subparsers(dest="profile_command", metavar="COMMAND", required=True)
    draft = profile_commands.add_parser(
        "draft",
        help="write a starter profile from articles",
        description="Read articles and write a starter profile: the organisations and countries the "
        "NER finds as parties, officials named beside them as aliases, and demonyms. Edit it before use.",
    )
    add_url_option(draft)
    draft.add_argument("inputs", nargs="+", metavar="PATH|URL|-")
    draft.add_argument(
        "-o", "--output", default="profile.toml", help="the file to write, or - for stdout (default: profile.toml)"
    )
    draft.add_argument("--title", default="Draft profile", help="the profile's title")
    draft.add_argument("--force", action="store_true", help="replace an existing file")
    draft.set_defaults(func=cmd_profile_draft)
    add_follow_commands(commands)
    return parser


def add_follow_commands(commands) -> None:
    """`ceasetalk follow add|list|remove|run`: feeds whose new entries are read into the store."""
    from ceasetalk.core.feeds import POLITE_DELAY_SECONDS
    from ceasetalk.core.fetch import DEADLINE_SECONDS

    following = commands.add_parser(
        "follow", help="follow news feeds (RSS or Atom) and read their new articles",
        description="Follow news feeds (RSS or Atom): 'follow add' subscribes, 'follow run' reads the article of "
        "every new entry into the store (once, or on a schedule: cron, a systemd timer or --every), 'follow list' "
        "and 'follow remove' manage the feeds. The feeds and what was read of them are kept in the store (--db).",
    )
    following.set_defaults(takes_profile=False)
    subcommands = following.add_subparsers(dest="follow_command", metavar="COMMAND", required=True)

    def follow_command(name: str, help_text: str, description: str, urls: bool = False) -> argparse.ArgumentParser:
        sub = subcommands.add_parser(name, help=help_text, description=description)
        add_db_option(sub, suppress=True)
        if urls:
            add_url_option(sub)
        sub.set_defaults(func=globals()[f"cmd_follow_{name}"], takes_profile=False)
        return sub

    add = follow_command(
        "add", "follow a feed, or the feed a site's page links to",
        "Follow an RSS or Atom feed. Given a site's page instead, follow the feed the page announces "
        "(its <link rel=\"alternate\">). Nothing is read yet: 'ceasetalk follow run' does that.", urls=True,
    )
    add.add_argument("url", metavar="URL", help="the feed, or a page of the site that links to its feed")
    add.add_argument("--profile", metavar="NAME|PATH", default=argparse.SUPPRESS,
                     help="the conflict profile for the feed's articles; it must be the store's own once the store "
                     "holds articles (default: the store's)")
    add.set_defaults(takes_profile=True)

    listing = follow_command(
        "list", "list the followed feeds",
        "List the followed feeds with their numbers, last run, entries seen and state: a table on a terminal, "
        "tab-separated lines (number, url, title, profile, last run, entries seen, state) through a pipe, or --json.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    remove = follow_command("remove", "stop following a feed",
                            "Stop following a feed. The articles already read from it stay in the store.")
    remove.add_argument("feed", metavar="URL|NUMBER", help="the feed's URL (or the page it was found through), "
                        "or its number in 'ceasetalk follow list'")

    run = follow_command(
        "run", "read the new entries of every followed feed",
        "Fetch every followed feed and read the article of each entry not read before into the store (the page "
        "it links to, else the full text the feed carries), with the entry's title and date and the feed's title "
        "as outlet. Feeds unchanged since the last run are not downloaded again. A feed that cannot be read is "
        "reported and skipped; a page that fails is tried again on the next runs, then given up. Exit status 1 "
        "if some feed could not be read. The first ctrl+c stops after the current step.", urls=True,
    )
    run.add_argument("--every", type=interval, metavar="INTERVAL",
                     help="keep running, reading the feeds again every INTERVAL (15m, 1h, 1h30m; at least 1m) "
                     "until ctrl+c")
    run.add_argument("--delay", type=seconds, default=POLITE_DELAY_SECONDS, metavar="SECONDS",
                     help=f"pause between two requests to the same site (default: {POLITE_DELAY_SECONDS:g})")
    run.add_argument("--timeout", type=seconds, default=DEADLINE_SECONDS, metavar="SECONDS",
                     help=f"give up on a feed or page that takes longer than this (default: {DEADLINE_SECONDS:g})")


def interval(text: str) -> int:
    """A schedule from the command line: 15m, 1h, 1h30m (in seconds)."""
    from ceasetalk.core.feeds import parse_interval

    try:
        return parse_interval(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def seconds(text: str) -> float:
    """A duration in seconds from the command line: a number, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value < 86400:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (e.g. 1 or 0.5)")
    return value


def add_extraction_options(parser: argparse.ArgumentParser) -> None:
    from ceasetalk.core.executors import MIN_POOL_ARTICLES

    parser.add_argument(
        "--profile",
        metavar="NAME|PATH",
        default=argparse.SUPPRESS,
        help="conflict profile (default: the store's, else the shipped profile the articles mention most)",
    )
    parser.add_argument("--blank", action="store_true", help="use the blank rules pipeline even where a trained one is installed")
    parser.add_argument(
        "--workers", type=worker_count, metavar="N", help="extract in N local processes, one pipeline each (default: one "
        f"per core; runs of fewer than {MIN_POOL_ARTICLES} articles and --workers 1 extract in this process)"
    )
    parser.add_argument(
        "--dask", metavar="ADDRESS", help="extract on a Dask cluster, e.g. tcp://scheduler:8786 (its workers need "
        "ceasetalk and the same English pipeline; pip install 'ceasetalk[cluster]')"
    )


def worker_count(text: str) -> int:
    """--workers: a whole number, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return int(text)


SINCE_HELP = ("only what is new: YYYY-MM-DD, today, yesterday or 3d (articles published since then), or last "
              "(articles taken in since the dashboard was last opened on this store)")


def add_markdown_filters(parser: argparse.ArgumentParser) -> None:
    """The filters the snapshot and the brief share."""
    parser.add_argument("--filter", metavar="TEXT", help="keep only records whose text contains TEXT")
    parser.add_argument("--hide-background", action="store_true", help="leave out recaps of the past")
    parser.add_argument("--min-confidence", type=confidence_threshold, default=0.0, metavar="P",
                        help="leave out unreviewed records whose confidence is below P (0 to 1; accepted and "
                        "edited records always stay)")


def confidence_threshold(text: str) -> float:
    """A confidence threshold from the command line: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a confidence from 0 to 1 (e.g. 0.7)")
    return value


def add_db_option(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """--db; on a subcommand it is accepted too, and wins over one given before the command."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if suppress else None,
        help="the store file (default: $CEASETALK_DB, else store.json in the user data folder, "
        "which starts with the demo articles)",
    )


def add_demo_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--demo", action="store_true", help="load the five seed articles (the demo corpus) into the store if it is new"
    )


def add_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private-urls", action="store_true", help="allow URLs on private addresses (a local mirror or an intranet server)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.profile is not None and not args.takes_profile:
        parser.error(f"--profile does not apply to '{args.command}'; it goes with ingest, extract, eval and reextract.")
    try:
        return args.func(args)
    except UserError as exc:
        say(f"ceasetalk: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ceasetalk: interrupted; the store keeps what was written before.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); not an error
        return EXIT_OK
    except Exception as exc:  # a defect of ours, not of the input: one sentence, the details kept
        import os

        if os.environ.get("CEASETALK_DEBUG"):
            raise
        say(f"ceasetalk: internal error ({type(exc).__name__}) in '{args.command}'; the store keeps what was "
            f"written before. {_crash_report(exc, args.command)}", err=True)
        return EXIT_INTERNAL


def _crash_report(exc: Exception, command: str) -> str:
    """Write the traceback where the user can find it and send it; the sentence that says where.
    The command line is not kept: a URL in it may carry a password."""
    import time
    import traceback
    from pathlib import Path

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("ceasetalk", appauthor=False))
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(f"ceasetalk {__version__}, python {sys.version.split()[0]}, command '{command}'\n\n"
                        + "".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        return f"({exc}) Please report it."
    return f"Please report it with the details in {path}."


if __name__ == "__main__":
    sys.exit(main())
