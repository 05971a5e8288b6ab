"""The input formats ceasetalk reads, one module each, and the lookup that picks a format for an input.

Adding a format is one module with a `READER` (see `base.Reader`) and its line in `READERS`; ingest
does everything that is the same for every format (decoding, sidecars, boilerplate, title, date, id).
"""
from __future__ import annotations

from collections.abc import Callable

from . import html, markdown, text
from .base import Reader

TEXT = text.READER  # what an input is when nothing says otherwise
READERS: list[Reader] = [TEXT, markdown.READER, html.READER]


def _first(matches: Callable[[Reader], bool]) -> Reader:
    return next((reader for reader in READERS if matches(reader)), TEXT)


def named(name: str) -> Reader:
    return _first(lambda reader: reader.name == name)


def for_suffix(suffix: str) -> Reader:
    suffix = suffix.lower()
    return _first(lambda reader: suffix in reader.suffixes)


def for_content_type(content_type: str) -> Reader:
    return _first(lambda reader: content_type in reader.content_types)


def detect(text: str) -> Reader:
    """The format a text shows itself to be, for inputs that came without a name or type."""
    return _first(lambda reader: reader.detect is not None and reader.detect(text))


def suffixes() -> set[str]:
    """Every file suffix some reader reads: the files taken from a folder."""
    return {suffix for reader in READERS for suffix in reader.suffixes}


def content_types() -> tuple[str, ...]:
    """Every content type some reader reads: what a download may be."""
    return tuple(t for reader in READERS for t in reader.content_types)


def examples() -> list[str]:
    """One suffix per format, to name the formats in messages: .txt, .md, .html."""
    return [reader.suffixes[0] for reader in READERS]
