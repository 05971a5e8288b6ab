"""Quotations: where each one runs in a text, so that a quotation over several sentences can be
given to the speaker its first or last sentence names ("“We want X. We will not accept Y,” the
negotiator said.")."""
from __future__ import annotations

import re

# From an opening mark to its closing one within a paragraph: typographic, guillemets or straight.
_QUOTATION = re.compile('“[^”\n]*”|«[^»\n]*»|"[^"\n]*"')


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each quotation, its marks included."""
    return [match.span() for match in _QUOTATION.finditer(text)]
