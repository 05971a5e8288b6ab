"""Plain text: read as it stands; also the reader for anything nothing else claims."""
from __future__ import annotations

from .base import Reader, Reading


def read(text: str, source: str) -> Reading:
    return Reading(text)


READER = Reader("text", suffixes=(".txt", ".text", ""), content_types=("text/plain",), read=read)
