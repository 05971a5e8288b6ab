"""Read the numbers news writes: "34,683", "1.5 million", "a million", "six", "thirty-three".

Spelled-out numbers go through text2num (a maintained parser); digits with
separators, decimals and scale words ("1.5 million"), which it does not read,
are handled here.
"""
from __future__ import annotations

import re

from .lexicon import words

_W = words("numbers")  # assets/lang/en/numbers.toml
SCALES: dict[str, int] = _W.scales._table
NUMBER_WORDS = _W.number_words
_DIGITS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_DIGITS_SCALED = re.compile(r"(\d+(?:[.,]\d+)*)\s*-?\s*(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")?",
                            re.IGNORECASE)


def is_number_word(word: str) -> bool:
    lower = word.lower()
    return lower in NUMBER_WORDS or lower in SCALES and len(lower) > 2 or bool(_DIGITS.fullmatch(lower))


def parse_number(text: str) -> int | None:
    """The integer a number phrase denotes, or None if it is not one plain number.

    "34,683" -> 34683, "1.5 million" -> 1500000, "a million" -> 1000000,
    "thirty-three" -> 33, "one hundred and thirty" -> 130.
    """
    text = " ".join(text.lower().replace("\u2009", "").split())
    if not text:
        return None
    half = re.fullmatch(r"half an? (\w+)", text)
    if half:
        return SCALES[half.group(1)] // 2 if half.group(1) in SCALES else None  # "half a million"
    spaced = re.fullmatch(r"(\d{1,3})((?: \d{3})+)", text)
    if spaced:
        return int(spaced.group(1) + spaced.group(2).replace(" ", ""))  # "12 500": thousands set apart by a space
    match = _DIGITS_SCALED.fullmatch(text)
    if match:
        digits, scale = match.groups()
        if "," in digits and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
            return None  # "1,2" is a list, not a number
        try:
            value = float(digits.replace(",", ""))
        except ValueError:
            return None
        return round(value * SCALES[scale.lower()]) if scale else (round(value) if value.is_integer() else None)
    words = re.sub(r"^(?:a|an)\s+(?=hundred|thousand|million|billion)", "one ", text)
    words = words.replace("-", " ")
    if not all(w in NUMBER_WORDS or w in SCALES or w == "and" for w in words.split()):
        return None
    from text_to_num import text2num

    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None
