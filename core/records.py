"""The plain records ceasetalk stores and exports.

Each is a dataclass with `to_dict`/`from_dict`; the store and the JSON output
use the same dicts, so what a script reads is what the dashboard shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache


class _Plain:
    """`to_dict` and `from_dict` for the record dataclasses; unknown keys (the store's ids) are ignored."""

    def to_dict(self) -> dict:
        """The fields by name, in order. Records hold strings and numbers only, so a shallow
        copy is a whole one, without the deep copy of each value that dataclasses.asdict makes."""
        return {name: getattr(self, name) for name in _field_order(type(self))}

    @classmethod
    def from_dict(cls, data: dict):
        names = _field_names(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@cache
def _field_names(cls) -> frozenset[str]:
    return frozenset(_field_order(cls))


@cache
def _field_order(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass
class Article(_Plain):
    """One ingested article: where it came from, what it says, and its metadata.

    `text` is the cleaned text that every character offset refers to; `raw` is
    the input as read. Both live beside the store, not in it.
    """

    id: str
    title: str
    outlet: str | None
    published: str | None  # YYYY-MM-DD, or None when nothing establishes it
    published_from: str | None  # flag, front matter, sidecar, html, text
    source: str  # the path or URL as given
    kind: str  # text, markdown or html
    copy_of: str | None = None  # the first article of its group when this is a wire copy (core/copies.py)
    ingested: str | None = None  # when the store took it in, UTC, YYYY-MM-DDTHH:MM:SSZ
    text: str = field(default="", repr=False)
    raw: str = field(default="", repr=False)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The stored metadata: everything but the texts and the ingestion notes."""
        data = super().to_dict()
        for name in ("text", "raw", "notes"):
            del data[name]
        return data


@dataclass
class Position(_Plain):
    """A party's stated stance on one issue, with the sentence that says so.

    `start`/`end` are character offsets of the sentence in the article's cleaned
    text; `date` is when it was stated (the article's date unless the text says).
    """

    party: str
    stance: str  # demand, offer, accept or reject
    issue: str
    actor: str | None
    sentence: str
    start: int
    end: int
    date: str | None
    background: bool = False
    why: str = ""  # the decision trace: cue and its lexicon list, how the holder was found, flips, issue cue
    confidence: float | None = None  # the calibrated probability that it is right (core/confidence.py)


@dataclass
class Figure(_Plain):
    """A reported number with what it counts, how it is hedged, and who says so."""

    metric: str
    value: int
    low: int | None
    high: int | None
    qualifier: str | None
    attribution: str | None
    subject: str
    sentence: str
    start: int
    end: int
    date: str | None
    background: bool = False
    population: str | None = None  # whom it counts, in the sentence's words: "Palestinians in Gaza"
    why: str = ""  # the decision trace: the word and list that made the metric, range, qualifier, source
    confidence: float | None = None  # the calibrated probability that it is right (core/confidence.py)


STANCES = ("demand", "offer", "accept", "reject")
METRICS = ("killed", "wounded", "hostages", "hostages_dead", "prisoners", "displaced", "at_risk", "truce_days")


def record_id(article_id: str, kind: str, data: dict) -> str:
    """Stable across runs for the same finding: article, kind, key and sentence position."""
    key = (data["party"], data["stance"], data["issue"]) if kind == "position" else (data["metric"], data["value"])
    import hashlib  # here, not at the top: the dashboard opens without making ids

    raw = "|".join(map(str, (article_id, kind, *key, data["start"])))
    return f"{article_id}-{hashlib.sha1(raw.encode()).hexdigest()[:10]}"
