"""Reading an article out of a feed entry.

An entry is not a file format but a pointer with metadata: a title, a date, sometimes the article's
full text, and a link to the page. This module turns one into an Article: the linked page is read by
the reader its content type names (the registry), else the text the feed carries (HTML or plain),
with the entry's title and date and the feed's title as outlet over what the page says. Following
feeds (core/feeds.py) only decides which entries are new.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable

from ..errors import UserError
from ..fetch import Download, redact
from ..records import Article
from ..sanitize import one_line


def plain_title(text: str, detail: dict | None = None) -> str:
    """A title on one line without markup (Atom allows HTML in titles)."""
    if text and (detail or {}).get("type") in ("text/html", "application/xhtml+xml") and "<" in text:
        import lxml.etree
        import lxml.html

        try:
            text = lxml.html.fragment_fromstring(text, create_parent="div").text_content()
        except (lxml.etree.LxmlError, ValueError):
            pass
    return one_line(text)


def entry_keys(entry) -> list[str]:
    """What identifies an entry across runs: its id and its link (either may change alone); a hash of
    its title and content where it has neither."""
    keys = [one_line(str(entry.get("id") or "")), one_line(redact(str(entry.get("link") or "")))]
    keys = list(dict.fromkeys(k for k in keys if k))
    if not keys:
        content = "".join(c.get("value", "") for c in entry.get("content", []))
        keys = ["sha256:" + hashlib.sha256((entry.get("title", "") + content).encode("utf-8")).hexdigest()[:16]]
    return keys


def entry_date(entry) -> str | None:
    """The entry's publication (else update) date as written, in its own time zone: an article
    published at 23:30 in Gaza is dated that day, not the next one in UTC."""
    import email.utils

    for name in ("published", "updated", "created"):
        raw = (entry.get(name) or "").strip()
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw).date().isoformat()
        except ValueError:
            pass
        parsed = entry.get(f"{name}_parsed")  # feedparser's reading of other formats, in UTC
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def entry_article(get: Callable[[str, tuple[str, ...]], Download], entry, outlet: str | None
                  ) -> tuple[Article, str | None]:
    """The entry's article, read from the page it links to (downloaded with `get`) or, where that
    fails, from the full content the feed carries; and a note where the feed's copy stood in for the
    page. UserError when neither can be read."""
    from ..ingest import Overrides, build_article, decode
    from . import content_types, for_content_type

    overrides = Overrides(title=plain_title(entry.get("title") or "", entry.get("title_detail")) or None,
                          outlet=outlet, published=entry_date(entry))
    link = redact(entry.get("link") or "")
    reason = f"{entry_keys(entry)[0]}: the entry has no link to its article"
    if link:
        try:
            download = get(link, content_types())
            text, notes = decode(download.data, link, download.charset)
            kind = for_content_type(download.content_type or "text/html").name
            return _dated_by_feed(build_article(text, kind, link, overrides, notes=notes), overrides), None
        except UserError as exc:
            reason = str(exc)
    content = next((c for c in entry.get("content", []) if (c.get("value") or "").strip()), None)
    if content is None:
        raise UserError(reason)
    source = link or entry_keys(entry)[0]
    if content.get("type") == "text/plain":
        article = build_article(content["value"], "text", source, overrides)
    else:
        article = build_article(f"<html><body><article>{content['value']}</article></body></html>", "html", source,
                                overrides)
    return _dated_by_feed(article, overrides), f"{reason.rstrip('.')}; read the full text the feed carries instead."


def _dated_by_feed(article: Article, overrides) -> Article:
    """Say where the date came from: the feed, not a flag the user gave."""
    if overrides.published:
        article.published_from = "feed"
    return article
