"""Make untrusted text safe to store, show and export: one rule for everything from outside.

Articles, their file names, merged records, profiles, the config, URLs and the
store file itself pass through `sanitize` before they are stored or shown, so
nothing they carry (escape sequences, controls, bidi overrides, zero-width
characters) can reach the terminal, move the cursor or misalign a column.
"""
from __future__ import annotations

import re
import unicodedata

# The patterns are sources, compiled on first use (and then found in `re`'s own cache): the
# dashboard's start checks text but sanitises none, and compiling them all took a millisecond.

# ANSI CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings, and lone two-byte escapes.
_ESCAPE_SEQUENCES = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
)
# C0 controls except tab and newline, DEL, C1 controls (0x9b is a one-byte CSI),
# bidi marks, embeddings, overrides and isolates (the "Trojan source" characters),
# zero-width spaces, joiners and invisible operators, BOM.
_UNSAFE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_UNSAFE_CHARS = f"[{_UNSAFE}]"
_LINE_BREAKS = "\r\n|[\r\u2028\u2029\x85]"
# Every character `sanitize` takes out or replaces: ESC, which starts every escape sequence, and
# NEL are unsafe characters already.
_CHANGED = f"[{_UNSAFE}\r\u2028\u2029]"


def sanitize(text: str) -> str:
    """Return text in NFC with Unix newlines and no escapes, controls or bidi overrides."""
    text = re.sub(_LINE_BREAKS, "\n", text)
    text = re.sub(_ESCAPE_SEQUENCES, "", text)
    text = re.sub(_UNSAFE_CHARS, "", text)
    return unicodedata.normalize("NFC", text)


def is_clean(text: str) -> bool:
    """Whether `sanitize` would leave the text as it is, but for its Unicode normalisation: one
    scan, for text that was sanitised when it was written and is only checked when read back.

    Every character `sanitize` changes is one Python cannot print (a control, a format character,
    a line or paragraph separator), so text `str.isprintable` passes is clean, found in half the
    time of the pattern's scan; the pattern decides the rest (a line break, a no-break space)."""
    return text.isprintable() or not re.search(_CHANGED, text)


def one_line(text: str) -> str:
    """Sanitised and on one line: for messages, names and table cells."""
    return " ".join(sanitize(text).split())
