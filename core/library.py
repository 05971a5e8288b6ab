"""Put articles into the store: read each input, keep what is new, say what happened.

Shared by the CLI and the dashboard, so both report the same outcomes; the
seed corpus is loaded the same way into a store that has never held articles.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .records import Article
from .resources import seeds_dir
from .store import Store

BATCH = 50  # articles per atomic store write during ingestion
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
    profile: str | None = None, trained: bool = True, allow_private: bool = False,
) -> list[Outcome]:
    """Read every input, extract the new articles and store them with their records.

    One bad input never stops the rest; every batch of articles is one atomic write.
    """
    loaded, outcomes = read_inputs(specs, overrides, progress, allow_private)
    new, seen = [], set()
    for article in loaded:
        if store.article(article.id) is None and article.id not in seen:
            new.append(article)
            seen.add(article.id)
        else:
            outcomes.append(Outcome(article.source, "present", article, notes=article.notes))
    if new:
        extractor = _extractor(store, [a.text for a in new], profile, trained)
        extractions = _counted(extractor.extract_many(new), len(new), progress)
        for batch in _batches(extractions, BATCH):
            store.add((e.article, e.records()) for e in batch)
            outcomes.extend(Outcome(e.article.source, "added", e.article, notes=e.article.notes) for e in batch)
    return outcomes


def _counted(items, total: int, progress: Progress | None, stage: str = "extracting"):
    """Pass items through, reporting each one done (and the start, so a long first batch shows)."""
    if progress:
        progress(stage, 0, total)
    for done, item in enumerate(items, start=1):
        yield item
        if progress:
            progress(stage, done, total)


def ingest_records(store: Store, documents: list[dict], progress: Progress | None = None) -> list[Outcome]:
    """Store articles and records from `ceasetalk extract --json` output (the merge of sharded runs).

    Each article's cleaned text comes from its "text" (`--with-text`) or is read again from its
    "path"; it must hash to the article's id, so every record's offsets stay true.
    """
    from .extract import Extraction
    from .ingest import article_id
    from .records import Figure, Position

    outcomes: list[Outcome] = []
    profiles = {d.get("profile") for d in documents}
    stored = store.meta().get("profile")
    if len(profiles) > 1 or (stored and profiles and stored not in profiles and store.articles()):
        raise UserError(f"These records were made with profile(s) {sorted(map(str, profiles))}, but the store uses "
                        f"{stored!r}; merge shards made with one profile into a store of that profile.")
    pending = []
    for document in documents:
        for entry in document.get("articles", []):
            source = str(entry.get("path", ""))
            try:
                article = _article_from_entry(entry)
            except UserError as exc:
                outcomes.append(Outcome(source, "failed", message=str(exc)))
                continue
            if article_id(article.text) != entry.get("id"):
                outcomes.append(Outcome(source, "failed", message=f"{source}: the text no longer matches the "
                                        "extracted article (it was edited since); extract it again."))
                continue
            if store.article(article.id) is not None:
                outcomes.append(Outcome(source, "present", article))
                continue
            pending.append(Extraction(article, [Position.from_dict(p) for p in entry.get("positions", [])],
                                      [Figure.from_dict(f) for f in entry.get("figures", [])]))
    for batch in _batches(_counted(pending, len(pending), progress, "storing"), BATCH):
        store.add((e.article, e.records()) for e in batch)
        outcomes.extend(Outcome(e.article.source, "added", e.article) for e in batch)
    if pending and not stored:
        from .profiles import resolve_profile

        profile = resolve_profile(next(iter(profiles))) if next(iter(profiles)) else None
        store.set_meta(profile=_profile_ref(profile), extractor=extractor_key(profile))
    return outcomes


def _article_from_entry(entry: dict) -> Article:
    from .ingest import load

    if entry.get("text") is not None:
        return Article(entry["id"], entry.get("title") or entry["id"], entry.get("outlet"), entry.get("published"),
                       "records", str(entry.get("path", "")), "text", text=entry["text"], raw=entry["text"])
    article = load(Path(str(entry.get("path", ""))))
    article.title = entry.get("title") or article.title
    article.outlet, article.published = entry.get("outlet"), entry.get("published")
    return article


def _batches(iterable, size: int):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extractor_key(profile) -> str:
    """What the stored records were made with: extractor version and profile contents."""
    from .extract import EXTRACTOR_VERSION

    return f"{EXTRACTOR_VERSION}:{profile.name if profile else '-'}:{profile.fingerprint if profile else '-'}"


def _extractor(store: Store, texts: list[str], spec: str | None, trained: bool):
    """The extractor for this store: its recorded profile, or the one given, or the best match.

    A different profile than the stored one re-extracts the stored articles first,
    so the store never mixes records made with two profiles.
    """
    from .extract import Extractor
    from .profiles import resolve_profile

    meta = store.meta()
    chosen = spec or meta.get("profile")
    profile = resolve_profile(chosen, texts) if chosen else resolve_profile(None, texts)
    extractor = Extractor(profile, trained)
    if meta.get("extractor") != extractor_key(profile) or meta.get("profile") != _profile_ref(profile):
        if store.articles():
            reextract(store, extractor)
        store.set_meta(profile=_profile_ref(profile), extractor=extractor_key(profile))
    return extractor


def _profile_ref(profile) -> str | None:
    """How the store names its profile: a shipped profile by name, a user's by absolute path."""
    if profile is None:
        return None
    from .profiles import shipped_profiles

    shipped = {p.resolve() for p in shipped_profiles()}
    return profile.name if profile.path and profile.path.resolve() in shipped else str(profile.path.resolve())


def is_stale(store: Store) -> bool:
    """Whether the stored records were made by another extractor version (no NLP imported)."""
    from .extract import EXTRACTOR_VERSION

    key = store.meta().get("extractor")
    return bool(store.articles()) and (key is None or key.split(":", 1)[0] != EXTRACTOR_VERSION)


def reextract(store: Store, extractor=None, progress: Progress | None = None) -> int:
    """Extract every stored article again; the user's reviews stay (record ids are content-based)."""
    if extractor is None:
        from .extract import Extractor
        from .profiles import resolve_profile

        meta = store.meta()
        texts = [store.text(a.id) for a in store.articles()]
        profile = resolve_profile(meta.get("profile"), texts)
        extractor = Extractor(profile)
    articles = []
    for article in store.articles():
        article.text = store.text(article.id)
        articles.append(article)
    done = 0
    for batch in _batches(_counted(extractor.extract_many(articles), len(articles), progress), BATCH):
        store.replace_records({e.article.id: e.records() for e in batch})
        done += len(batch)
    store.set_meta(profile=_profile_ref(extractor.profile), extractor=extractor_key(extractor.profile))
    return done


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


def summary_dashboard(summary: dict):
    """A dashboard of the articles alone, from the store's summary, while the records load."""
    from .views import Dashboard

    dashboard = Dashboard({a.id: a for a in summary["articles"]}, [])
    dashboard.counts, dashboard.loading = dict(summary["counts"]), True
    return dashboard
