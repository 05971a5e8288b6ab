"""Sentence spans of an article's text without a parser, for the reader's sentence cursor.

The dashboard never loads spaCy, yet a user adding a record the extractor
missed picks a sentence. The extractor's own sentences (the spans of the
article's records) are kept as they are; the rest of the text is cut at a
full stop, question or exclamation mark followed by a capital, a digit or a
quotation mark, and at line breaks.
"""
from __future__ import annotations

import re

# The end of a sentence: its mark (and a closing quote or bracket), then space before a likely start.
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[A-Z0-9])")
# Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Sen|Rep|Gov|Pres|Prof|St|Jr|Sr|No|U\.S|U\.N|"
                           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], without the spaces around them."""
    spans, begin = [], start
    for line in re.finditer(r"[^\n]+", text[start:end]):
        begin = start + line.start()
        line_end = start + line.end()
        for match in _END.finditer(text, begin, line_end):
            if _ABBREVIATION.search(text[max(begin, match.start() - 6):match.start() + 1]):
                continue
            spans.append((begin, match.end()))
            begin = match.end()
        spans.append((begin, line_end))
    stripped = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            stripped.append((a, b))
    return stripped


def sentence_spans(text: str, known: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Every sentence of `text` as (start, end), in order. `known` spans (the extractor's sentences)
    are taken as they are; the text between them is split by punctuation."""
    spans, position = [], 0
    for a, b in sorted(set(known)):
        if a < position or b > len(text) or a >= b:
            continue  # overlapping or out of range: the punctuation split covers it
        spans += _split(text, position, a)
        spans.append((a, b))
        position = b
    return spans + _split(text, position, len(text))
