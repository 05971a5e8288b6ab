"""Follow RSS and Atom feeds: subscribe, fetch them politely, and ingest each new entry's article once.

A feed's state (the validators of its last download, the entries already seen, the pages that keep
failing) lives in the store's "feeds" table, and an entry is marked seen in the same transaction that
stores its article, so a run killed at any moment leaves nothing half-written and nothing skipped.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, fields
from urllib.parse import urljoin, urlsplit

from .errors import UserError
from .fetch import DEADLINE_SECONDS, FEED_TYPES, MAX_DOWNLOAD_BYTES, TEXT_TYPES, Download, fetch, redact
from .readers.feed_entry import entry_article, entry_keys, plain_title
from .records import Article
from .sanitize import one_line
from .store import Store, now

POLITE_DELAY_SECONDS = 1.0  # between two requests to the same host, as crawlers are asked to wait
GIVE_UP_AFTER = 3  # runs in which an entry's page could not be read before it is skipped for good
MAX_SEEN = 5000  # entry keys kept per feed: feeds list their last few dozen entries, never older ones
MIN_INTERVAL_SECONDS = 60  # `follow run --every` no more often than this: feeds change hourly, not by the second
FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml")
FEED_ACCEPT = FEED_TYPES + TEXT_TYPES  # a site's page for discovery; many servers call feeds text/xml or text/html
INTERVAL = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")

Progress = Callable[[str, int, int], None]  # (stage, done, total), as for ingest


@dataclass
class Feed:
    """A followed feed and what ceasetalk remembers of it between runs."""

    url: str
    page: str | None = None  # the site page it was found through, where the user gave one
    profile: str | None = None  # the profile its articles are extracted with (None: the store's)
    title: str | None = None  # the feed's own title, used as its articles' outlet
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)  # entry ids and links, oldest first
    failures: dict[str, int] = field(default_factory=dict)  # entry key -> runs its page failed in
    added: str = ""  # when it was followed, UTC (the list's order)
    last_run: str | None = None
    last_error: str | None = None  # why the feed could not be read on its last run

    @property
    def id(self) -> str:
        return feed_id(self.url)

    @property
    def name(self) -> str:
        return self.title or self.url

    @property
    def state(self) -> str:
        """How the feed did on its last run, in a few words, for every listing."""
        if self.last_error:
            return f"could not be read: {self.last_error}"
        if self.last_run is None:
            return "not read yet"
        if self.failures:
            return f"{len(self.failures)} {'page' if len(self.failures) == 1 else 'pages'} failing"
        return "ok"

    def to_dict(self) -> dict:
        return {"id": self.id, **asdict(self)}

    @classmethod
    def from_dict(cls, doc: dict) -> Feed:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in doc.items() if k in names})


@dataclass(frozen=True)
class Politeness:
    """How feeds and pages are fetched: the user's consent to private addresses, the pause between
    requests to one host, and each request's deadline and size cap."""

    allow_private: bool = False
    delay: float = POLITE_DELAY_SECONDS
    timeout: float = DEADLINE_SECONDS
    max_bytes: int = MAX_DOWNLOAD_BYTES


@dataclass
class FeedReport:
    """What one run did with one feed."""

    feed: Feed
    added: list[Article] = field(default_factory=list)
    present: list[Article] = field(default_factory=list)  # entries whose article the store already held
    skipped: list[str] = field(default_factory=list)  # entries that could not be read (tried again next run)
    gave_up: list[str] = field(default_factory=list)  # entries that failed GIVE_UP_AFTER runs (never tried again)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the feed itself could not be read
    not_modified: bool = False
    stopped: bool = False  # the user asked to stop before every entry was read


def feed_id(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


class PoliteFetcher:
    """`fetch` with the politeness applied: requests to one host are spaced by the delay."""

    def __init__(self, politeness: Politeness, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.politeness = politeness
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}  # host -> when its last request ended

    def get(self, url: str, accept: tuple[str, ...], etag: str | None = None,
            last_modified: str | None = None) -> Download:
        host = _host(url)
        if host in self._last:
            wait = self._last[host] + self.politeness.delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        try:
            return fetch(url, allow_private=self.politeness.allow_private, accept=accept,
                         deadline=self.politeness.timeout, max_bytes=self.politeness.max_bytes,
                         etag=etag, last_modified=last_modified)
        finally:
            self._last[host] = self._clock()


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""  # fetch says what is wrong with the URL


def _has_credentials(url: str) -> bool:
    try:
        return urlsplit(url).username is not None
    except ValueError:
        return False  # fetch says what is wrong with the URL


# -- subscriptions ------------------------------------------------------------------


def follow(store: Store, url: str, profile: str | None = None, politeness: Politeness = Politeness()) -> Feed:
    """Follow the feed at `url`, or the one a site's page links to; UserError if there is none, if it
    is followed already, or if its profile is not the one the store's articles were extracted with."""
    url = url.strip()
    if _has_credentials(url):
        raise UserError(f"{redact(url)}: a feed that needs a user name and password cannot be followed "
                        "(ceasetalk never stores credentials).")
    if profile:
        profile = _profile_ref(profile)
        _check_profile(store, profile, redact(url))
    feed_url, parsed, discovered = _find_feed(PoliteFetcher(politeness), url)
    # to the microsecond: feeds followed in the same second keep their order in the list
    added = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    feed = Feed(url=feed_url, page=url if discovered else None, profile=profile, title=_feed_title(parsed),
                added=added)
    if store.feed(feed.id) is not None:
        raise UserError(f"{feed.url} is followed already ('ceasetalk follow list' shows the feeds).")
    store.put_feed(feed.to_dict())
    return feed


def followed(store: Store) -> list[Feed]:
    """The followed feeds in the order `follow list` numbers them (oldest subscription first)."""
    return [Feed.from_dict(doc) for doc in store.feeds()]


def unfollow(store: Store, target: str) -> Feed:
    """Stop following a feed, named by its URL, the page it was found through, or its number in the list.
    Its articles stay in the store."""
    feeds = followed(store)
    target = target.strip()
    if target.isdigit():
        number = int(target)
        if not 1 <= number <= len(feeds):
            raise UserError(f"There is no feed number {number}; 'ceasetalk follow list' shows {len(feeds)} feeds.")
        chosen = feeds[number - 1]
    else:
        matches = [f for f in feeds if target in (f.url, f.page)]
        if not matches:
            raise UserError(f"No followed feed has the URL {one_line(target)!r}; 'ceasetalk follow list' shows "
                            "them with their numbers.")
        chosen = matches[0]
    store.remove_feed(chosen.id)
    return chosen


def _profile_ref(spec: str) -> str | None:
    """The profile as the store names it (a shipped one by name, a user's by absolute path)."""
    from .library import profile_ref
    from .profiles import resolve_profile

    return profile_ref(resolve_profile(spec))


def _check_profile(store: Store, profile: str | None, url: str) -> None:
    """Refuse a profile other than the one the store's articles were extracted with: the store never
    mixes records of two profiles, and switching it would extract every article again on every run."""
    current = store.meta().get("profile")
    if profile and current != profile and store.articles():
        raise UserError(f"{url}: this feed is followed with profile {profile}, but the store's articles are "
                        f"extracted with {current or 'no profile'}; follow it in another store (--db), or switch "
                        f"this one with 'ceasetalk reextract --profile {profile}'.")


# -- reading feeds ----------------------------------------------------------------------


def _find_feed(fetcher: PoliteFetcher, url: str) -> tuple[str, object, bool]:
    """(feed URL, parsed feed, whether it was found through a page's link)."""
    download = fetcher.get(url, FEED_ACCEPT)
    parsed = parse_feed(download, url)
    if parsed is not None:
        return url, parsed, False
    link = feed_link(download)
    if link is None:
        raise UserError(f"{redact(url)}: no feed here: it is neither RSS nor Atom, nor a page that links to a feed.")
    parsed = parse_feed(fetcher.get(link, FEED_ACCEPT), link)
    if parsed is None:
        raise UserError(f"{redact(link)}: the page links to this as its feed, but it is neither RSS nor Atom.")
    return redact(link), parsed, True


def parse_feed(download: Download, url: str):
    """The feed feedparser reads from the downloaded bytes (it is never given a URL to fetch), None for
    something that is no feed, UserError for a feed too broken to give entries."""
    import xml.sax

    import feedparser

    content_type = download.content_type + (f"; charset={download.charset}" if download.charset else "")
    parsed = feedparser.parse(io.BytesIO(download.data),
                              response_headers={"content-location": download.url or url, "content-type": content_type})
    if not parsed.get("version"):
        return None
    error = parsed.get("bozo_exception")
    usable = [e for e in parsed.entries if e.get("link") or e.get("content")]
    if parsed.get("bozo") and isinstance(error, xml.sax.SAXParseException) and not usable:
        raise UserError(f"{redact(url)}: a malformed feed (XML error: {error.getMessage()} at line "
                        f"{error.getLineNumber()}, column {error.getColumnNumber()}).")
    return parsed


def feed_link(download: Download) -> str | None:
    """The first RSS or Atom feed a page announces (<link rel="alternate" type=...>), as an absolute URL."""
    import lxml.etree
    import lxml.html

    try:
        page = lxml.html.document_fromstring(download.data)
    except (lxml.etree.LxmlError, ValueError):
        return None
    base = page.find(".//base[@href]")
    for link in page.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_LINK_TYPES and href:
            try:
                absolute = urljoin(urljoin(download.url, base.get("href")) if base is not None else download.url, href)
                if urlsplit(absolute).scheme in ("http", "https"):
                    return absolute
            except ValueError:
                continue  # a malformed address: perhaps the next link is better
    return None


def _feed_title(parsed) -> str | None:
    return plain_title(parsed.feed.get("title") or "", parsed.feed.get("title_detail")) or None


# -- runs -------------------------------------------------------------------------------


def run_feeds(store: Store, politeness: Politeness = Politeness(), progress: Progress | None = None,
              should_stop: Callable[[], bool] = lambda: False) -> Iterator[FeedReport]:
    """Fetch every followed feed once and ingest its new entries, yielding each feed's report as it is
    done. A feed that cannot be read is reported and the others go on; `should_stop` is asked between
    steps (feeds and entries), so stopping never cuts an entry in half."""
    run = _Run(store, PoliteFetcher(politeness), progress, should_stop)
    feeds = followed(store)
    try:
        for done, feed in enumerate(feeds):
            if should_stop():
                return
            if progress:
                progress("fetching", done, len(feeds))
            yield run.feed(feed)
    finally:
        if run.finder is not None:
            run.finder.save()


class _Run:
    """One pass over the feeds, and what it builds on first need only: an extractor per profile (spaCy
    loads only when some entry is new) and the index of wire copies, as ingest has."""

    def __init__(self, store: Store, fetcher: PoliteFetcher, progress: Progress | None,
                 should_stop: Callable[[], bool]) -> None:
        self.store, self.fetcher, self.progress, self.should_stop = store, fetcher, progress, should_stop
        self.extractors: dict[str | None, object] = {}
        self.finder = None

    def feed(self, feed: Feed) -> FeedReport:
        report = FeedReport(feed)
        validators = (None, None)
        try:
            _check_profile(self.store, feed.profile, feed.url)
            # while some page waits to be tried again, the feed is fetched whole: a 304 would hide its entry
            conditional = not feed.failures
            download = self.fetcher.get(feed.url, FEED_ACCEPT, etag=_header(feed.etag) if conditional else None,
                                        last_modified=_header(feed.last_modified) if conditional else None)
            if download.not_modified:
                report.not_modified = True
                validators = (feed.etag, feed.last_modified)
            else:
                parsed = parse_feed(download, feed.url)
                if parsed is None:
                    raise UserError(f"{feed.url}: no longer a feed (neither RSS nor Atom came back).")
                feed.title = _feed_title(parsed) or feed.title
                self.entries(feed, parsed.entries, report)
                if not report.stopped:  # stopped half-way: the next run must fetch the feed whole again
                    validators = (_header(download.etag), _header(download.last_modified))
        except UserError as exc:  # one sentence that names the feed, whatever failed
            report.error = str(exc) if feed.url in str(exc) else f"{feed.url}: {exc}"
        _finish(self.store, feed, report, validators)
        return report

    def entries(self, feed: Feed, entries: list, report: FeedReport) -> None:
        seen = set(feed.seen)
        new = [e for e in entries if not seen.intersection(entry_keys(e))]
        for done, entry in enumerate(new):
            if self.should_stop():
                report.stopped = True
                return
            if self.progress:
                self.progress("reading", done, len(new))
            self.entry(feed, entry, report)
        if self.progress:
            self.progress("reading", len(new), len(new))

    def entry(self, feed: Feed, entry, report: FeedReport) -> None:
        """Read, extract and store one entry's article, marking it seen in the same transaction; a page
        that cannot be read counts a failure, and the entry is given up after GIVE_UP_AFTER runs."""
        keys = entry_keys(entry)
        try:
            article, note = entry_article(self.fetcher.get, entry, feed.title)
        except UserError as exc:
            _failed(feed, keys, str(exc), report)
            return
        if note:
            report.notes.append(note)
        report.notes.extend(article.notes)
        existing = self.store.article(article.id)
        if existing is not None:
            with self.store.transaction():
                _mark_seen(self.store, feed, keys)
            report.present.append(existing)
            return
        extractor = self.extractor(feed, article.text)
        records = extractor.extract(article).records()
        self.copies().assign([article])
        with self.store.transaction():
            added = self.store.add([(article, records)], extractor.key)
            _mark_seen(self.store, feed, keys)
        (report.added if added else report.present).append(article)

    def extractor(self, feed: Feed, text: str):
        """The extractor for the feed's profile (the store's where it names none); a new store takes the
        profile that fits the first text, and a store made by an older extractor is brought up to date
        first, as ingest does."""
        from .extract import Extractor
        from .library import profile_ref, reextract
        from .profiles import resolve_profile

        meta = self.store.meta()
        has_articles = bool(self.store.articles())
        spec = feed.profile or meta.get("profile")
        if spec:
            profile = resolve_profile(spec)
        else:  # a store extracted without a profile stays so
            profile = None if has_articles else resolve_profile(None, [text])
        ref = profile_ref(profile)
        if ref not in self.extractors:
            # the store's own pipeline: a store made with the blank one is not switched to a trained one
            self.extractors[ref] = Extractor(profile, trained=":blank-" not in (meta.get("extractor") or ""))
        extractor = self.extractors[ref]
        if meta.get("extractor") != extractor.key or meta.get("profile") != ref:
            if not has_articles:
                self.store.set_meta(profile=ref, extractor=extractor.key)
            elif meta.get("profile") == ref:
                reextract(self.store, extractor)
            else:
                _check_profile(self.store, ref, feed.url)
        return extractor

    def copies(self):
        """The index of the stored articles' signatures, which marks a new article that is a wire copy."""
        if self.finder is None:
            from .copies import CopyFinder

            self.finder = CopyFinder.for_store(self.store)
        return self.finder


def _header(value: str | None) -> str | None:
    """A validator fit to send back (the store is outside input: a line break must not reach a header)."""
    return value if value and value.isprintable() and len(value) < 1000 else None


def _failed(feed: Feed, keys: list[str], reason: str, report: FeedReport) -> None:
    """Count a run in which the entry's page could not be read; at GIVE_UP_AFTER it is seen for good."""
    runs = feed.failures.get(keys[0], 0) + 1
    if runs >= GIVE_UP_AFTER:
        report.gave_up.append(f"{reason.rstrip('.')}; gave up on it after {runs} runs.")
        feed.failures.pop(keys[0], None)
        feed.seen.extend(keys)
    else:
        feed.failures[keys[0]] = runs
        report.skipped.append(f"{reason.rstrip('.')}; tried again next run ({runs} of {GIVE_UP_AFTER}).")


def _mark_seen(store: Store, feed: Feed, keys: list[str]) -> None:
    """Inside the caller's transaction: the entry joins the feed's seen keys (merged with what another
    run may have added meanwhile) and leaves its failures."""
    for key in keys:
        feed.failures.pop(key, None)
    feed.seen.extend(k for k in keys if k not in feed.seen)
    current = store.feed(feed.id)
    if current is None:
        return  # unfollowed meanwhile: its articles are still welcome
    seen = list(dict.fromkeys(current["seen"] + keys))[-MAX_SEEN:]
    failures = {k: n for k, n in current["failures"].items() if k not in keys}
    store.put_feed({**current, "seen": seen, "failures": failures})


def _finish(store: Store, feed: Feed, report: FeedReport, validators: tuple[str | None, str | None]) -> None:
    """Keep what the run learnt of the feed: its title, validators, failing pages and given-up entries."""
    with store.transaction():
        current = store.feed(feed.id)
        if current is None:
            return
        seen = list(dict.fromkeys(current["seen"] + feed.seen))[-MAX_SEEN:]
        etag, last_modified = validators
        store.put_feed({**current, "title": feed.title, "etag": etag, "last_modified": last_modified,
                        "seen": seen, "failures": feed.failures, "last_run": now(), "last_error": report.error})


# -- the schedule ---------------------------------------------------------------------


def parse_interval(text: str) -> int:
    """Seconds from '15m', '1h', '1h30m', '90s' or '2d'; UserError below MIN_INTERVAL_SECONDS."""
    match = INTERVAL.match(text.strip().lower())
    if not text.strip() or not match or not any(match.groups()):
        raise UserError(f"{text!r} is not an interval; write it as 15m, 1h, 1h30m or 2d.")
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    if total < MIN_INTERVAL_SECONDS:
        raise UserError(f"{text!r} is too often; feeds are fetched at most once a minute.")
    return total


def wait(seconds: float, should_stop: Callable[[], bool], sleep: Callable[[float], None] = time.sleep) -> bool:
    """Sleep until the next run in short steps, so a request to stop is heard at once; False if stopped."""
    deadline = time.monotonic() + seconds
    while not should_stop():
        left = deadline - time.monotonic()
        if left <= 0:
            return True
        sleep(min(left, 0.2))
    return False
