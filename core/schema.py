"""What a well-formed store document is, in one place.

The store file is input like any other: it may have been edited by hand, damaged,
or written by something else. Every document is checked when the store is read;
a malformed one is kept on disk but never reaches a reader (the dashboard, list,
export), and `ceasetalk doctor` names it. Strings carrying escape sequences or
other unsafe characters are cleaned on the way in, as article text is at ingestion.
"""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .records import METRICS, STANCES
from .sanitize import sanitize

NONE = type(None)
# Whole values only: use `fullmatch` (`$` would let a trailing line break through).
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
ID = re.compile(r"[0-9a-f]{16}")
REVIEW_STATUSES = ("accepted", "dismissed", "edited")
TABLES = ("articles", "records", "reviews", "meta", "feeds")

# field -> the types it may hold; every field listed is required (None where the type allows it).
ARTICLE = {"id": (str,), "title": (str,), "outlet": (str, NONE), "published": (str, NONE),
           "published_from": (str, NONE), "source": (str,), "kind": (str,)}
ARTICLE_OPTIONAL = {"copy_of": (str, NONE), "ingested": (str, NONE)}
# What an article's text fields must look like where they are set, and how to say it.
ARTICLE_FORMATS = {"id": (ID, "an article id"), "published": (DATE, "a YYYY-MM-DD date"),
                   "copy_of": (ID, "an article id"), "ingested": (INSTANT, "a YYYY-MM-DDTHH:MM:SSZ time")}
RECORD = {"id": (str,), "article": (str,), "kind": (str,), "sentence": (str,), "start": (int,), "end": (int,),
          "date": (str, NONE), "background": (bool,)}
OPTIONAL = {"why": (str,), "population": (str, NONE), "confidence": (float, int), "added": (bool,)}
POSITION = {"party": (str,), "stance": (str,), "issue": (str,), "actor": (str, NONE)}
FIGURE = {"metric": (str,), "value": (int,), "low": (int, NONE), "high": (int, NONE), "qualifier": (str, NONE),
          "attribution": (str, NONE), "subject": (str,)}
EDITABLE = {**POSITION, **FIGURE, "date": (str, NONE), "population": (str, NONE), "background": (bool,)}
META = {"schema": (int,), "profile": (str, NONE), "extractor": (str, NONE), "seeded": (bool,), "switching": (bool,),
        "opened": (str, NONE)}
FEED = {"id": (str,), "url": (str,), "page": (str, NONE), "profile": (str, NONE), "title": (str, NONE),
        "etag": (str, NONE), "last_modified": (str, NONE), "seen": (list,), "failures": (dict,), "added": (str,),
        "last_run": (str, NONE), "last_error": (str, NONE)}

# What `sanitize` would change, as it appears in the file: JSON escapes of controls (\\b, \\f and \\r
# too) and of the zero-width, bidi and line-separator characters, or those characters as raw bytes.
# Typographic quotes and dashes (U+2010-2027, in every news text) are not among them: a store of
# clean articles costs this one scan, not a sanitising pass over every string. Compiled on first
# use, like sanitize's patterns: the dashboard's first frame does without it.
_SUSPECT = (
    rb"\\[bfr]|\\u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
    rb"|\\u(?:200[b-fB-F]|202[89a-eA-E]|206[0-9a-fA-F]|feff|FEFF|061[cC]|180[eE])"
    rb"|[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f]"
    rb"|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xaf]|\xef\xbb\xbf|\xd8\x9c|\xe1\xa0\x8e"
)


class Problem(NamedTuple):
    """A malformed document of the store. A named tuple: its class is made in a fifth of a frozen
    dataclass's time, and every start of the dashboard loads this module."""

    table: str
    doc_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}/{self.doc_id}: {self.message}"


def _typed(doc: object, spec: dict) -> str | None:
    """What is wrong with a document's fields, or None."""
    if type(doc) is not dict:
        return f"is a {type(doc).__name__}, not an object"
    for name, types in spec.items():
        value = doc.get(name, ...)
        if value is ...:
            return f"has no {name}"
        if type(value) not in types:
            wanted = " or ".join("null" if t is NONE else t.__name__.replace("str", "text").replace("int", "a number")
                                 for t in types)
            return f"{name} is {_shown(value)}, not {wanted}"
    return None


def _shown(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "text"
    return type(value).__name__.replace("int", "a number").replace("float", "a fraction").replace("bool", "true/false")


def check_article(doc_id: str, doc: object) -> str | None:
    problem = _typed(doc, ARTICLE)
    if problem:
        return problem
    if doc["id"] != doc_id:
        return "its id does not match its key"
    if not doc["title"].strip():
        return "title is empty"
    for name, types in ARTICLE_OPTIONAL.items():
        if name in doc and type(doc[name]) not in types:
            return f"{name} is {_shown(doc[name])}"
    for name, (pattern, what) in ARTICLE_FORMATS.items():
        value = doc.get(name)
        if value is not None and not pattern.fullmatch(value):
            return f"{name} is {value[:24]!r}, not {what}"
    return None


def articles_well_formed(rows: list, fields: tuple[str, ...]) -> bool:
    """Whether every row (an article's values of `fields`, in that order) passes `check_article`.

    The same rules, taken a column at a time: the store's summary holds every article and is
    checked at each start of the dashboard, in a fifth of the time one article at a time takes.
    False says only that some row fails; `check_article` says which and why."""
    kinds = {**ARTICLE, **ARTICLE_OPTIONAL}
    if not set(ARTICLE) <= set(fields) or not set(fields) <= set(kinds):
        return False
    if any(type(row) is not list or len(row) != len(fields) for row in rows):
        return False
    columns = dict(zip(fields, zip(*rows, strict=True), strict=True)) if rows else {}
    if any(not set(map(type, values)) <= set(kinds[name]) for name, values in columns.items()):
        return False
    if not all(map(str.strip, columns.get("title", ()))):
        return False
    for name, (pattern, _) in ARTICLE_FORMATS.items():
        values = [value for value in columns.get(name, ()) if value is not None]
        joined = "\n".join(values)
        if values and (joined.count("\n") != len(values) - 1 or not _lines_of(pattern).fullmatch(joined)):
            return False
    return True


@cache
def _lines_of(pattern: re.Pattern) -> re.Pattern:
    """Lines that each match the pattern whole: one regex pass over a column joined by line breaks."""
    return re.compile(f"(?:{pattern.pattern})(?:\n(?:{pattern.pattern}))*")


def check_record(doc_id: str, doc: object) -> str | None:
    problem = _typed(doc, RECORD)
    if problem:
        return problem
    kind = doc["kind"]
    if kind == "position":
        problem = _typed(doc, POSITION)
        if not problem and doc["stance"] not in STANCES:
            problem = f"stance is {doc['stance'][:20]!r}, not one of {', '.join(STANCES)}"
    elif kind == "figure":
        problem = _typed(doc, FIGURE)
        if not problem and doc["metric"] not in METRICS:
            problem = f"metric is {doc['metric'][:20]!r}, not a known metric"
    else:
        problem = f"kind is {str(kind)[:20]!r}, not position or figure"
    if problem:
        return problem
    for name, types in OPTIONAL.items():
        if name in doc and type(doc[name]) not in types:
            return f"{name} is {_shown(doc[name])}"
    if doc["id"] != doc_id:
        return "its id does not match its key"
    if not 0 <= doc["start"] <= doc["end"]:
        return "its offsets are not a span of the text"
    if doc["date"] is not None and not DATE.fullmatch(doc["date"]):
        return f"date is {doc['date'][:20]!r}, not a YYYY-MM-DD date"
    return None


def check_review(doc_id: str, doc: object) -> str | None:
    if type(doc) is not dict:
        return f"is a {type(doc).__name__}, not an object"
    if doc.get("status") not in REVIEW_STATUSES:
        return f"status is {str(doc.get('status'))[:20]!r}, not one of {', '.join(REVIEW_STATUSES)}"
    edit = doc.get("edit")
    if edit is None:
        return None
    if type(edit) is not dict:
        return "its edit is not an object"
    for name, value in edit.items():
        if name not in EDITABLE or type(value) not in EDITABLE[name]:
            return f"its edit sets {str(name)[:20]!r} to {_shown(value)}"
    return None


def check_meta(doc_id: str, doc: object) -> str | None:
    if type(doc) is not dict:
        return f"is a {type(doc).__name__}, not an object"
    for name, value in doc.items():
        if name in META and type(value) not in META[name]:
            return f"{name} is {_shown(value)}"
    return None


def check_feed(doc_id: str, doc: object) -> str | None:
    """A followed feed: its state decides what is fetched and what is skipped, so every part is checked."""
    problem = _typed(doc, FEED)
    if problem:
        return problem
    if doc["id"] != doc_id or not ID.fullmatch(doc_id):
        return "its id does not match its key"
    if not doc["url"].startswith(("http://", "https://")):
        return "url is not an http(s) address"
    if not all(type(key) is str for key in doc["seen"]):
        return "seen holds something other than text"
    if not all(type(count) is int and count > 0 for count in doc["failures"].values()):
        return "failures holds something other than counts"
    return None


CHECKS = {"articles": check_article, "records": check_record, "reviews": check_review, "meta": check_meta,
          "feeds": check_feed}


def validate(tables: dict) -> dict[str, dict[str, str]]:
    """table -> {doc id: what is wrong} for every malformed document; records whose article is
    missing or malformed count as malformed too (nothing could show them)."""
    invalid: dict[str, dict[str, str]] = {name: {} for name in CHECKS}
    for name, check in CHECKS.items():
        table = tables.get(name, {})
        if type(table) is not dict:
            continue
        bad = invalid[name]
        for doc_id, doc in table.items():
            message = check(doc_id, doc)
            if message:
                bad[doc_id] = message
    articles = tables.get("articles", {})
    bad_articles = invalid["articles"]
    for doc_id, doc in tables.get("records", {}).items():
        if doc_id in invalid["records"]:
            continue
        article = doc["article"]
        if article not in articles:
            invalid["records"][doc_id] = f"its article {article[:20]} is not in the store"
        elif article in bad_articles:
            invalid["records"][doc_id] = f"its article {article[:20]} is malformed"
    return {name: bad for name, bad in invalid.items() if bad}


def problems(invalid: dict[str, dict[str, str]]) -> list[Problem]:
    return [Problem(table, doc_id, message) for table, bad in invalid.items() for doc_id, message in bad.items()]


# Every pattern above begins with one of these bytes. A scan for one class of bytes is several
# times faster than the alternation's (a 100 MB store: 0.8 s instead of 1.6 s), and the patterns are
# then tried only where one of them stands.
_FIRST = re.compile(rb"[\\\x00-\x08\x0b-\x1f\x7f\xc2\xd8\xe1\xe2\xef]")


def suspect(payload: bytes) -> bool:
    """Whether bytes of a store file may hold anything `sanitize` would change: one scan, no parse."""
    pattern = re.compile(_SUSPECT)
    return any(pattern.match(payload, found.start()) for found in _FIRST.finditer(payload))


def clean_strings(payload: bytes, tables: dict) -> dict:
    """The tables with every string sanitised, where the file holds anything unsafe (checked on the
    bytes first, so a clean store costs one scan)."""
    return sanitized(tables) if suspect(payload) else tables


def sanitized(value):
    """The value with every string in it, keys too, sanitised."""
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, dict):
        return {sanitized(k) if isinstance(k, str) else k: sanitized(v) for k, v in value.items()}
    if isinstance(value, list):
        return [sanitized(v) for v in value]
    return value
