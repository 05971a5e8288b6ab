"""What every reader is: a format's name, how inputs are recognised as it, and its read().

Kept apart from the registry so that format modules and the registry can both import it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reading:
    """What a reader found in one input. Boilerplate, title and date inference come after, the same
    for every format."""

    text: str  # the article's text with the format's markup gone
    metadata: dict[str, object] = field(default_factory=dict)  # title, outlet, published, where the input states them


@dataclass(frozen=True)
class Reader:
    """One input format."""

    name: str  # stored as the article's kind
    suffixes: tuple[str, ...]  # file names it reads, lower case with the dot; the first names the format in messages
    content_types: tuple[str, ...]  # what a server calls it
    read: Callable[[str, str], Reading]  # (sanitised text, source as named in messages) -> Reading
    # How an article's `published_from` names this format's metadata. Metadata the user wrote into the
    # file (front matter) is more specific than a folder's sidecar and wins over it; what a publisher's
    # page says about itself does not.
    metadata_from: str = ""
    metadata_over_sidecar: bool = False
    # Recognises the format in a text nothing else typed (standard input, a .txt file, text/plain).
    detect: Callable[[str], bool] | None = None
    # For a format that is not text (PDF): its bytes to text, with notes; text formats share ingest's decoding.
    to_text: Callable[[bytes, str], tuple[str, list[str]]] | None = None
