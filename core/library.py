"""Put articles into the store: read each input, keep what is new, say what happened.

Shared by the CLI and the dashboard, so both report the same outcomes; the
seed corpus is loaded the same way into a store that has never held articles.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .records import Article
from .resources import seeds_dir
from .sanitize import one_line, sanitize
from .store import Store

BATCH = int(os.environ.get("CEASETALK_BATCH", "50"))  # articles per atomic store write
Progress = Callable[[str, int, int], None]  # (stage, done, total): "reading" inputs, then "extracting"


@dataclass
class Outcome:
    """What happened to one input: added, already present, or failed with a reason."""

    source: str
    status: str  # "added", "present" or "failed"
    article: Article | None = None
    message: str = ""
    notes: list[str] = field(default_factory=list)


def read_inputs(specs: list[str], overrides=None, progress: Progress | None = None,
                allow_private: bool = False) -> tuple[list[Article], list[Outcome]]:
    """Read every input (folders expanded); the articles, and an Outcome for each one that failed.

    A file named on the command line keeps its path as written as the article's source.
    """
    from .ingest import Overrides, expand, load

    overrides = overrides or Overrides()
    items: list[tuple[str, object]] = []
    failures: list[Outcome] = []
    for spec in specs:
        try:
            items.extend((spec, item) for item in expand([spec]))
        except UserError as exc:
            failures.append(Outcome(spec, "failed", message=str(exc)))
    articles: list[Article] = []
    for done, (spec, item) in enumerate(items, start=1):
        try:
            article = load(item, overrides, allow_private=allow_private)
        except UserError as exc:
            failures.append(Outcome(str(item), "failed", message=str(exc)))
        else:
            if isinstance(item, Path) and item == Path(spec):
                article.source = spec
            articles.append(article)
        if progress:
            progress("reading", done, len(items))
    return articles, failures


def ingest(
    store: Store, specs: list[str], overrides=None, progress: Progress | None = None,
    profile: str | None = None, trained: bool = True, allow_private: bool = False, executor=None,
) -> list[Outcome]:
    """Read every input, extract the new articles (with `executor`, core/executors.py; in this
    process by default) and store them with their records.

    One bad input never stops the rest; every batch of articles is one atomic write. If another
    process switches the store's profile meanwhile, the batch is extracted again with the new one,
    so records never mix two profiles.
    """
    from .executors import extract_all
    from .store import ExtractorChanged

    loaded, outcomes = read_inputs(specs, overrides, progress, allow_private)
    new, seen = [], set()
    for article in loaded:
        if store.article(article.id) is None and article.id not in seen:
            new.append(article)
            seen.add(article.id)
        else:
            outcomes.append(Outcome(article.source, "present", article, notes=article.notes))
    _find_copies(store, new)
    pending, spec, failed = new, profile, []
    for _attempt in range(3):
        if not pending:
            break
        extractor = _extractor(store, [a.text for a in pending], spec, trained, executor)
        spec = None  # a later attempt follows the store's (new) profile
        stored: list[str] = []
        try:
            with closing(extract_all(extractor, pending, executor, progress, failed)) as extractions:
                for batch in _batches(extractions, BATCH):
                    added = set(store.add(((e.article, e.records()) for e in batch), extractor.key))
                    stored += [e.article.id for e in batch]
                    for e in batch:  # its texts are beside the store now: 150 MB at 10,000 articles
                        e.article.text = e.article.raw = ""
                    outcomes.extend(Outcome(e.article.source, "added" if e.article.id in added else "present",
                                            e.article, notes=e.article.notes) for e in batch)
        except ExtractorChanged:
            lost = {f.article.id for f in failed}
            pending = [a for a in pending if a.id not in stored and a.id not in lost]
            continue
        pending = []
    outcomes.extend(Outcome(f.article.source, "failed", f.article, message=f.message) for f in failed)
    if pending:
        raise UserError("The store's profile kept changing while articles were added; add them again.")
    return outcomes


def _find_copies(store: Store, articles: list[Article]) -> None:
    """Mark the new articles that are wire copies of stored ones (or of each other), and keep the
    signatures for the next ingest at once: the index is 170 MB at 10,000 articles, and extraction
    need not hold it. The signature of an article that then fails is never looked up."""
    if not articles:
        return
    from .copies import CopyFinder

    finder = CopyFinder.for_store(store)
    finder.assign(articles)
    finder.save()
    del finder
    gc.collect()  # datasketch's index sits in a reference cycle: 80 MB at 10,000 articles that only a collection frees


def _counted(items, total: int, progress: Progress | None, stage: str = "extracting"):
    """Pass items through, reporting each one done (and the start, so a long first batch shows)."""
    if progress:
        progress(stage, 0, total)
    for done, item in enumerate(items, start=1):
        yield item
        if progress:
            progress(stage, done, total)


def ingest_records(store: Store, documents: list[dict], progress: Progress | None = None) -> list[Outcome]:
    """Store articles and records from `ceasetalk extract --json` output (the merge of sharded runs):
    documents as core/exchange.py reads them, whole files or folders of partitions read lazily.

    The files come from outside like any input: every string is sanitised, every record checked
    against the store's schema and against its article's text. Each article's cleaned text comes
    from its "text" (`--with-text`) or is read again from its "path"; it must hash to the article's
    id, so every record's offsets stay true. All files must come from one extractor and profile,
    the store's own if it has articles.
    """
    keys = {d.get("extractor") for d in documents}
    if None in keys:
        raise UserError("These files were written by an older ceasetalk (they do not say which extractor made "
                        "them); extract the articles again with this version.")
    if len(keys) > 1:
        raise UserError(f"These files were made with {len(keys)} different profiles or extractors; merge shards "
                        "made with one profile and one ceasetalk version.")
    (key,) = keys
    wanted = store.meta().get("extractor")
    if wanted and wanted != key and store.articles():
        raise UserError(f"These records were made with {one_line(str(key))}, but the store's records with "
                        f"{wanted}; merge them into a store of that profile, or extract them again.")
    outcomes: list[Outcome] = []
    pending = []
    for document in documents:
        for entry in document.get("articles", []):
            if isinstance(entry, UserError):  # a line of a partition that could not be read
                outcomes.append(Outcome("", "failed", message=str(entry)))
                continue
            source = one_line(str(entry.get("path", "")) if isinstance(entry, dict) else "")
            try:
                article, records = _entry(entry, source)
            except UserError as exc:
                outcomes.append(Outcome(source, "failed", message=str(exc)))
                continue
            if store.article(article.id) is not None:
                outcomes.append(Outcome(source, "present", article))
                continue
            pending.append((article, records))
    _find_copies(store, [article for article, _ in pending])
    for batch in _batches(_counted(pending, len(pending), progress, "storing"), BATCH):
        added = set(store.add(batch, key))
        outcomes.extend(Outcome(a.source, "added" if a.id in added else "present", a) for a, _ in batch)
        for article, _ in batch:  # as in ingest: the texts are beside the store now
            article.text = article.raw = ""
    if pending and not wanted:
        profile = one_line(str(documents[0].get("profile") or "")) or None
        store.set_meta(profile=profile, extractor=key)
    return outcomes


def _entry(entry: object, source: str) -> tuple[Article, list[dict]]:
    """One article of an extract file, sanitised and checked, with its records in the store's form."""
    from .dates import normalise_date
    from .ingest import article_id
    from .records import Figure, Position, record_id
    from .schema import check_record

    if not isinstance(entry, dict):
        raise UserError(f"{source or 'an entry'}: not an article object.")
    article = _article_from_entry(entry)
    if article_id(article.text) != entry.get("id"):
        raise UserError(f"{source}: the text no longer matches the extracted article (it was edited since, "
                        "or the file was changed); extract it again.")
    if article.published is not None:
        article.published = normalise_date(article.published, f"{source}: published")
    records = []
    for kind, cls, items in (("position", Position, entry.get("positions")), ("figure", Figure, entry.get("figures"))):
        if not isinstance(items, list):
            raise UserError(f"{source}: its {kind}s are not a list.")
        for item in items:
            if not isinstance(item, dict):
                raise UserError(f"{source}: a {kind} is not an object.")
            data = {k: _clean_value(v) for k, v in item.items() if k in cls.__dataclass_fields__}
            record = {"id": "", "article": article.id, "kind": kind, **data}
            try:
                record["id"] = record_id(article.id, kind, record)
            except KeyError as exc:
                raise UserError(f"{source}: a {kind} has no {exc.args[0]}.") from None
            problem = check_record(record["id"], record)
            if problem is None and article.text[record["start"]:record["end"]] != record["sentence"]:
                problem = "its sentence is not at its offsets in the article's text"
            if problem:
                raise UserError(f"{source}: a {kind} is malformed ({problem}).")
            records.append(record)
    return article, records


def _clean_value(value: object) -> object:
    if isinstance(value, str):
        return sanitize(value)
    return value


def _article_from_entry(entry: dict) -> Article:
    from .ingest import load

    text = entry.get("text")
    if text is not None:
        if not isinstance(text, str):
            raise UserError(f"{one_line(str(entry.get('path', '')))}: its text is not text.")
        text = sanitize(text)
        article = Article(str(entry.get("id")), "", None, None, "records", "", "text", text=text, raw=text)
    else:
        article = load(Path(str(entry.get("path", ""))))
    for name in ("title", "outlet", "published", "path"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str):
            raise UserError(f"{one_line(str(entry.get('path', '')))}: its {name} is not text.")
    article.title = one_line(entry.get("title") or "") or article.title or article.id
    article.outlet = one_line(entry.get("outlet") or "") or None
    article.published = entry.get("published")
    article.source = one_line(entry.get("path") or "") or article.source
    return article


def _batches(iterable, size: int):
    """Lists of `size` items. If the items stop with an error (a bug in a worker, ctrl+c), those
    already made are handed on first, so the caller stores them before the error goes on."""
    batch = []
    try:
        for item in iterable:
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
    except (Exception, KeyboardInterrupt):
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _extractor(store: Store, texts: list[str], spec: str | None, trained: bool, executor=None):
    """The extractor for this store: the profile given, else its recorded profile, else the best match.

    A profile other than the store's switches the store first (every stored article is
    extracted again, with `executor`), so the store never mixes records made with two profiles.
    """
    from .extract import Extractor
    from .profiles import resolve_profile

    meta = store.meta()
    chosen = spec or meta.get("profile")
    profile = resolve_profile(chosen, texts) if chosen else resolve_profile(None, texts)
    if executor is not None:
        executor.prepare(profile, trained)
    extractor = Extractor(profile, trained)
    if meta.get("extractor") != extractor.key or meta.get("profile") != profile_ref(profile):
        if store.articles():
            reextract(store, extractor, executor=executor)
        else:
            store.set_meta(profile=profile_ref(profile), extractor=extractor.key)
    return extractor


def profile_ref(profile) -> str | None:
    """How the store names its profile: a shipped profile by name, a user's by absolute path."""
    if profile is None:
        return None
    from .profiles import shipped_profiles

    shipped = {p.resolve() for p in shipped_profiles()}
    return profile.name if profile.path and profile.path.resolve() in shipped else str(profile.path.resolve())


def mixed_articles(store: Store) -> list[str]:
    """Articles whose records were made otherwise than the store says (an interrupted profile
    switch, or an ingest that raced one); stores written before this was kept say nothing."""
    wanted = store.meta().get("extractor")
    return sorted(aid for aid, key in store.extractors().items() if key is not None and key != wanted)


def is_stale(store: Store) -> bool:
    """Whether some records need extracting again: made by another extractor version, or left
    mixed by an interrupted profile switch (no NLP imported)."""
    from .extract import EXTRACTOR_VERSION

    meta = store.meta()
    key = meta.get("extractor")
    if not store.articles():
        return False
    return (key is None or key.split(":", 1)[0] != EXTRACTOR_VERSION or bool(meta.get("switching"))
            or bool(mixed_articles(store)))


@dataclass
class Reextraction:
    done: int  # articles extracted again
    missing: list[str]  # articles whose text could not be read (left as they were)
    failed: list = field(default_factory=list)  # executors.Failure: articles whose worker died twice (left as they were)


def reextract(store: Store, extractor=None, progress: Progress | None = None,
              only_stale: bool = False, executor=None) -> Reextraction:
    """Extract stored articles again (all, or `only_stale`: those made otherwise) with `executor`
    (in this process by default); reviews stay, since record ids are content-based.

    The store names its new profile first and is marked as switching until every article has
    records made with it, so an interrupted switch is seen (`doctor`, `is_stale`) and finished
    by running this again; articles another process adds meanwhile are caught by the loop.
    One unreadable text, or one article whose worker died twice, is reported, never a reason to stop.
    """
    from .executors import extract_all

    if extractor is None:
        from .extract import Extractor
        from .profiles import resolve_profile

        profile = resolve_profile(store.meta().get("profile"), _texts(store))
        if executor is not None:
            executor.prepare(profile, True)
        extractor = Extractor(profile)
    key = extractor.key
    store.set_meta(profile=profile_ref(extractor.profile), extractor=key, switching=True)
    done: set[str] = set()
    missing: list[str] = []
    failed: list = []
    while True:
        keys = store.extractors()
        left = set(missing) | {f.article.id for f in failed}
        todo = [aid for aid, made in keys.items()
                if aid not in left and (made != key or (not only_stale and aid not in done))]
        if not todo:
            break
        articles = []
        for article in store.articles():
            if article.id in todo:
                try:
                    article.text = store.text(article.id)
                except UserError:
                    missing.append(article.id)
                    continue
                articles.append(article)
        with closing(extract_all(extractor, articles, executor, progress, failed)) as extractions:
            for batch in _batches(extractions, BATCH):
                done.update(store.replace_records({e.article.id: e.records() for e in batch}, key))
    store.set_meta(switching=False)
    return Reextraction(len(done), missing, failed)


def _texts(store: Store) -> list[str]:
    texts = []
    for article in store.articles():
        try:
            texts.append(store.text(article.id))
        except UserError:
            continue
    return texts


def rebuild(path: Path, profile: str | None = None, trained: bool = True,
            progress: Progress | None = None, executor=None) -> tuple[int, int, Path | None, list]:
    """A new store from the article texts beside a lost or damaged one: (articles back, texts that
    could not be used, where the old file was kept, the executors.Failure of each article whose
    worker died twice). Titles, outlets and dates come back from each text's metadata file;
    records are extracted again (with `executor`); reviews cannot come back."""
    import orjson

    from .doctor import keep_aside, rebuildable
    from .executors import extract_all
    from .ingest import article_id

    articles, unusable = [], 0
    for text_path in rebuildable(path):
        try:
            text = text_path.read_text(encoding="utf-8")
            meta = orjson.loads(text_path.with_suffix(".json").read_bytes()) \
                if text_path.with_suffix(".json").exists() else {}
            raw_path = text_path.with_suffix(".raw")
            raw = raw_path.read_text(encoding="utf-8") if raw_path.exists() else text
        except (OSError, UnicodeDecodeError, ValueError):
            unusable += 1
            continue
        if article_id(text) != text_path.stem or sanitize(text) != text or not isinstance(meta, dict):
            unusable += 1  # not the text that id names: its records' offsets could not be trusted
            continue
        fields = {k: one_line(v) if isinstance(v, str) else None for k, v in meta.items()
                  if k in ("title", "outlet", "published", "published_from", "source", "kind")}
        title = fields.get("title") or text.split("\n", 1)[0][:200] or text_path.stem
        published = fields.get("published") if _is_date(fields.get("published")) else None
        articles.append(Article(text_path.stem, title, fields.get("outlet"), published,
                                fields.get("published_from"), fields.get("source") or "rebuilt",
                                fields.get("kind") or "text", text=text, raw=sanitize(raw)))
    if not articles:
        raise UserError(f"No usable article texts beside {path}; nothing to rebuild from.")
    kept = keep_aside(path)
    path.unlink(missing_ok=True)
    store = Store(path)
    extractor = _extractor(store, [a.text for a in articles], profile, trained, executor)
    failed: list = []
    with closing(extract_all(extractor, articles, executor, progress, failed)) as extractions:
        for batch in _batches(extractions, BATCH):
            store.add(((e.article, e.records()) for e in batch), extractor.key)
    return len(articles) - len(failed), unusable, kept, failed


def _is_date(value: object) -> bool:
    from .schema import DATE

    return isinstance(value, str) and bool(DATE.fullmatch(value))


def reviews_applying(store: Store) -> tuple[int, int]:
    """(reviews whose record exists now, all stored reviews): what a re-extraction kept in force."""
    reviews = store.reviews()
    records = {r["id"] for r in store.records()}
    return sum(1 for rid in reviews if rid in records), len(reviews)


def seed_if_new(store: Store) -> list[Outcome]:
    """Load the seed corpus (the demo) into a store that has never held articles; else do nothing."""
    if store.meta().get("seeded") or store.articles():
        return []
    with store.transaction():
        outcomes = ingest(store, [str(seeds_dir())])
        store.set_meta(seeded=True)
    return outcomes


def load_dashboard(store: Store):
    """The dashboard's reading of the store: no NLP imported, profile read for labels and roles."""
    from .profiles import load_taxonomy, resolve_profile
    from .views import Dashboard

    labels = {i.id: i.label for i in load_taxonomy().values()}
    roles: dict[str, str] = {}
    reference = store.meta().get("profile")
    if reference:
        try:
            profile = resolve_profile(reference)
        except UserError:
            profile = None  # a moved or broken profile file costs labels, never the dashboard
        if profile is not None:
            labels.update({i.id: i.label for i in profile.issues.values()})
            roles = {p.name: p.role for p in profile.parties.values()}
    return Dashboard.build(store.articles(), store.records(), store.reviews(), labels, roles)
