"""Put articles into the store: read each input, keep what is new, say what happened.

Shared by the CLI and the dashboard, so both report the same outcomes; the
seed corpus is loaded the same way into a store that has never held articles.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import UserError
from .ingest import Overrides, expand, load
from .records import Article
from .resources import seeds_dir
from .store import Store


@dataclass
class Outcome:
    """What happened to one input: added, already present, or failed with a reason."""

    source: str
    status: str  # "added", "present" or "failed"
    article: Article | None = None
    message: str = ""
    notes: list[str] = field(default_factory=list)


def ingest(
    store: Store, specs: list[str], overrides: Overrides = Overrides(),
    progress: Callable[[int, int | None], None] | None = None,
) -> list[Outcome]:
    """Read every input and store the new articles; one bad input never stops the rest."""
    items: list[str | Path] = []
    outcomes: list[Outcome] = []
    for spec in specs:
        try:
            items.extend(expand([spec]))
        except UserError as exc:
            outcomes.append(Outcome(spec, "failed", message=str(exc)))
    loaded: list[Article] = []
    for done, item in enumerate(items, start=1):
        try:
            loaded.append(load(item, overrides))
        except UserError as exc:
            outcomes.append(Outcome(str(item), "failed", message=str(exc)))
        if progress:
            progress(done, len(items))
    outcomes.extend(_store_articles(store, loaded))
    return outcomes


def _store_articles(store: Store, articles: Iterable[Article]) -> list[Outcome]:
    articles = list(articles)
    added = set(store.add((article, []) for article in articles))
    outcomes = []
    for article in articles:
        status = "added" if article.id in added else "present"
        added.discard(article.id)  # the same text twice in one run: the second is a repeat
        outcomes.append(Outcome(article.source, status, article, notes=article.notes))
    return outcomes


def seed_if_new(store: Store) -> list[Outcome]:
    """Load the seed corpus into a store that has never held articles; else do nothing."""
    if store.meta().get("seeded") or store.articles():
        return []
    with store.transaction():
        outcomes = ingest(store, [str(seeds_dir())])
        store.set_meta(seeded=True)
    return outcomes
