"""When an article was published, when something in it was said, and whether a sentence recaps the past.

An article's own date is the latest full date (day, month and year) in its
captions or text, never later than today; nothing relative counts there.
Date expressions are found by pattern first (weekdays, "last week", month and
day), never by running dateparser's search over a whole article, which is slow
and reads "may" or "The sun" as dates. Weekdays and relative expressions are
resolved by dateparser against the article's publication date; a month and
day without a year takes the year that puts it nearest that date (no single
`PREFER_DATES_FROM` setting is right for news).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .errors import UserError
from .lexicon import months, words

DATE_SCAN_CHARS = 50_000  # dates that date an article are in its captions and opening, not megabytes in
_MONTHS = months()
_MONTH_NAMES = [names[0] for names in words("dates").months]
_MONTH = r"(?P<month>" + "|".join(sorted((n for names in words("dates").months for n in names), key=len, reverse=True)) \
    + r")\.?"
_WEEKDAY = r"(?:" + "|".join(sorted(d.capitalize() for d in words("dates").weekdays)) + r")"
# Capitalised names only, so the verb "may" and "the sun" are never dates.
_MONTH_DAY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?")
_DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")
_RELATIVE = re.compile(
    r"\b(?:(?P<rel>last|this|next)\s+)?" + r"(?P<weekday>" + _WEEKDAY + r")\b"
    r"|\b(?P<word>yesterday|today|last week|last month|earlier this week)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


def _nearest_year(month: int, day: int, base: dt.date) -> dt.date | None:
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - base).days)) if options else None


@lru_cache(maxsize=4096)
def resolve(text: str, published: str | None) -> str | None:
    """The first date a sentence states, as YYYY-MM-DD, or None. "since October 7" is not a statement date."""
    base = dt.date.fromisoformat(published) if published else None
    candidates = []
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            if _SINCE.search(text[:match.start()]):
                continue
            month, day = _MONTHS[match["month"].lower()], int(match["day"])
            if match["year"]:
                try:
                    candidates.append((match.start(), dt.date(int(match["year"]), month, day)))
                except ValueError:
                    pass
            elif base is not None:
                found = _nearest_year(month, day, base)
                if found:
                    candidates.append((match.start(), found))
    if base is not None:
        for match in _RELATIVE.finditer(text):
            if _SINCE.search(text[:match.start()]):
                continue
            phrase = match.group(0)
            if match["weekday"] and not match["rel"]:
                phrase = "last " + match["weekday"] if match["weekday"].lower() != base.strftime("%A").lower() else "today"
            when = _relative_date(phrase, base)
            if when is not None and when <= base + dt.timedelta(days=7):
                candidates.append((match.start(), when))
    return min(candidates)[1].isoformat() if candidates else None


def _relative_date(phrase: str, base: dt.date) -> dt.date | None:
    """dateparser, English only, against the publication date. What a weekday, "yesterday" or
    "last week" means is a number of days back or forth that depends on the weekday of the
    publication date alone: dateparser is asked once for each phrase and weekday (a few
    milliseconds a call, which was a sixth of extraction's own work on a feed of articles
    published on different days). "last month" depends on the date itself."""
    phrase = phrase.lower()
    if "month" in phrase:
        return _dateparser_date(phrase, base)
    key = (phrase, base.weekday())
    if key not in _DAYS_FROM:
        parsed = _dateparser_date(phrase, base)
        _DAYS_FROM[key] = (parsed - base).days if parsed else None
    days = _DAYS_FROM[key]
    return base + dt.timedelta(days=days) if days is not None else None


_DAYS_FROM: dict[tuple[str, int], int | None] = {}  # (phrase, weekday) -> days from the publication date


@lru_cache(maxsize=4096)
def _dateparser_date(phrase: str, base: dt.date) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(phrase, languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)), "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


_PAST_EVENT = re.compile(
    r"\b(?:previous|earlier|former|prior|past|last year's|first)\s+(?:\w+\s+)?"
    r"(?:truce|deal|ceasefire|agreement|round|exchange|pause|talks)\b"
    r"|\b(?:last year|years? ago|months? ago|in (?:19|20)\d\d)\b"
    r"|\bsince\s+(?:" + "|".join(_MONTH_NAMES) + r")\s+\d{1,2}\b"
    r"|\bsince the (?:start|beginning|outbreak) of\b",
)
_IN_MONTH = re.compile(
    r"\b(?:in|on|during|since)\s+(?:early\s+|late\s+|mid-)?(?P<month>" + "|".join(_MONTH_NAMES) + r")\b(?!\s+\d)"
)


@lru_cache(maxsize=4096)
def is_background(text: str, published: str | None) -> bool:
    """Whether a sentence recaps the past ("a truce in November", "a previous truce deal",
    "since October 7") rather than reporting the current state of the talks."""
    if _PAST_EVENT.search(text):
        return True
    if published:
        base = dt.date.fromisoformat(published)
        for match in _IN_MONTH.finditer(text):
            month = _MONTHS[match["month"].lower()]
            months_back = (base.month - month) % 12
            if months_back >= 2:
                return True
        stated = resolve(text, published)
        if stated and (base - dt.date.fromisoformat(stated)).days > 45:
            return True
    return False


_FULL_DATES = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
]


def _explicit_dates(text: str) -> list[dt.date]:
    """Dates written out in full, with day, month and year; nothing relative or partial."""
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            month = int(match["month"]) if match["month"].isdigit() else _MONTHS[match["month"].lower()]
            try:
                found.append(dt.date(int(match["year"]), month, int(match["day"])))
            except ValueError:
                continue
    return found


def infer_published(captions: list[str], text: str, today: dt.date | None = None) -> str | None:
    """The latest full date in the photo captions, else in the text, never after today.

    An article is written no earlier than the latest day it reports, and a
    lead photo's caption is usually dated the day of publication.
    """
    today = today or dt.date.today()
    for pool in ("\n".join(captions)[:DATE_SCAN_CHARS], text[:DATE_SCAN_CHARS]):
        dates = [d for d in _explicit_dates(pool) if d <= today]
        if dates:
            return max(dates).isoformat()
    return None


def normalise_date(value: object, what: str) -> str:
    """A date from metadata as YYYY-MM-DD, or UserError naming where it came from."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        found = _explicit_dates(text)
        if found:
            return found[0].isoformat()
    raise UserError(f"{what}: {text!r} is not a date; write it as YYYY-MM-DD.")
