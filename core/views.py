"""What the panes and exports show, as pure functions of stored data and filters."""
from __future__ import annotations

from .records import Article


def sources(articles: list[Article]) -> list[Article]:
    """Newest first; articles with no known date after the dated ones, by title."""
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.title), reverse=True)
    undated = sorted((a for a in articles if not a.published), key=lambda a: a.title)
    return dated + undated


def record_counts(records: list[dict]) -> dict[str, int]:
    """How many records each article has."""
    counts: dict[str, int] = {}
    for record in records:
        counts[record["article"]] = counts.get(record["article"], 0) + 1
    return counts
