"""The plain records ceasetalk stores and exports.

Each is a dataclass with `to_dict`/`from_dict`; the store and the JSON output
use the same dicts, so what a script reads is what the dashboard shows.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass
class Article:
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
    text: str = field(default="", repr=False)
    raw: str = field(default="", repr=False)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The stored metadata: everything but the texts and the ingestion notes."""
        data = asdict(self)
        for name in ("text", "raw", "notes"):
            del data[name]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
