"""Following feeds, against feeds and pages served on 127.0.0.1 only: new entries are read once, with
the entry's title and date and the feed's title as outlet; unchanged feeds are not downloaded again;
broken feeds and pages are reported in a sentence while the others go on; the store stays valid.

Every article here is about an invented conflict: the Republic of Varen and the Tessaly Front."""
from __future__ import annotations

import collections
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ceasetalk.core import feeds
from ceasetalk.core.doctor import check
from ceasetalk.core.errors import UserError
from ceasetalk.core.feeds import Feed, PoliteFetcher, Politeness, parse_interval, run_feeds
from ceasetalk.core.fetch import fetch
from ceasetalk.core.readers.feed_entry import entry_date
from ceasetalk.core.store import Store


def _page(headline: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{headline}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{headline}</h1>{body}</article><footer>All rights reserved</footer></body></html>"
            ).encode()


PAGES = {
    "/articles/harbour-talks.html": _page(
        "Talks resume at Port Alder",
        "Envoys of the Republic of Varen and the Tessaly Front met again at Port Alder on Monday, after a break "
        "of nine days in which shelling hit the northern valleys.",
        "The Tessaly Front demanded a full withdrawal of government troops from the valleys, its negotiator "
        "told reporters outside the customs house where the talks are held.",
        "Local clinics said 38 people were killed in the valleys during the break."),
    # The same agency story as harbour-talks, another headline and its last paragraph cut: a wire copy.
    "/articles/harbour-talks-wire.html": _page(
        "Varen and the Front meet again",
        "Envoys of the Republic of Varen and the Tessaly Front met again at Port Alder on Monday, after a break "
        "of nine days in which shelling hit the northern valleys.",
        "The Tessaly Front demanded a full withdrawal of government troops from the valleys, its negotiator "
        "told reporters outside the customs house where the talks are held."),
    "/articles/prisoner-offer.html": _page(
        "Varen offers prisoner swap",
        "The Republic of Varen offered to free 120 prisoners held since the spring if the Tessaly Front "
        "released the ferry crews it captured in April.",
        "A spokesman for the Front said the offer was being studied and that its council would answer "
        "within a week."),
    "/articles/ridge-truce.html": _page(
        "A truce along the ridge road",
        "The Tessaly Front accepted a truce of ten days along the ridge road so that food convoys can reach "
        "the hill towns, mediators from the Lakeland Council said.",
        "About 14,000 people have fled the hill towns since the winter, according to the council."),
    "/articles/new-round.html": _page(
        "Second round set for May",
        "The Republic of Varen rejected a proposal to move the talks to the capital and demanded that the "
        "second round stay at Port Alder.",
        "The Tessaly Front said it would send its delegation wherever the ferry crews were freed first."),
}
# Its page is gone (404); the feed carries the whole text, which is read instead.
FULL_TEXT = ("<p>The Lakeland Council proposed a monitoring mission of 40 observers for the ridge road, and "
             "both delegations welcomed the idea on Thursday.</p><p>The Republic of Varen said the observers "
             "should be unarmed; the Tessaly Front demanded that they answer to the council alone.</p>")

RSS_ITEM = """<item><title>{title}</title><link>{link}</link><guid isPermaLink="false">{guid}</guid>
<pubDate>{date}</pubDate><description>A short summary only.</description></item>"""
RSS_ITEMS = [
    # 23:30 at UTC-3 is already the next day in UTC: the entry's own date is the one kept.
    {"title": "Envoys back at the table in Port Alder", "link": "/articles/harbour-talks.html",
     "guid": "harbour-1", "date": "Mon, 04 Mar 2024 23:30:00 -0300"},
    {"title": "Varen puts a prisoner exchange on the table", "link": "/articles/prisoner-offer.html",
     "guid": "harbour-2", "date": "Wed, 06 Mar 2024 09:15:00 +0000"},
]
WIRE_ITEM = {"title": "Varen and the Front meet again", "link": "/articles/harbour-talks-wire.html",
             "guid": "wire-1", "date": "Tue, 05 Mar 2024 07:00:00 +0000"}
NEW_ITEM = {"title": "Varen wants the second round to stay in Port Alder", "link": "/articles/new-round.html",
            "guid": "harbour-3", "date": "Fri, 08 Mar 2024 12:00:00 +0000"}
ATOM_MODIFIED = "Thu, 07 Mar 2024 18:00:00 GMT"


def _rss(server: str, items: list[dict]) -> bytes:
    entries = "".join(RSS_ITEM.format(**{**item, "link": server + item["link"]}) for item in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Dispatch</title>'
            f"<link>{server}/</link><description>News from the coast</description>{entries}</channel></rss>"
            ).encode()


def _atom(server: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Ridge Observer</title><id>urn:ridge-observer</id><updated>2024-03-07T18:00:00Z</updated>"
            f'<entry><id>urn:ridge:1</id><title type="html">Truce holds on the &lt;b&gt;ridge road&lt;/b&gt;</title>'
            f'<link href="{server}/articles/ridge-truce.html"/><updated>2024-03-07T08:00:00+02:00</updated></entry>'
            f'<entry><id>urn:ridge:2</id><title>Observers proposed for the ridge</title>'
            f'<link href="{server}/articles/removed.html"/><published>2024-03-07T16:00:00Z</published>'
            f'<content type="html">{FULL_TEXT.replace("<", "&lt;").replace(">", "&gt;")}</content></entry>'
            f"</feed>").encode()


SITE_PAGE = (b'<html><head><title>Ridge Observer</title><link rel="stylesheet" href="/style.css">'
             b'<link rel="alternate" type="application/atom+xml" title="Latest" href="/feeds/atom.xml"></head>'
             b"<body><p>The latest from the ridge.</p></body></html>")
BROKEN = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half</title></channel>'
FAILING_PAGE_FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Shaky Wire</title><item>'
                     "<title>Convoy reaches the hill towns</title><link>{server}/articles/error.html</link>"
                     '<guid isPermaLink="false">shaky-1</guid></item></channel></rss>')


class Site:
    """What the server serves and what it saw; reset before each test."""

    rss_items: list[dict] = []
    hits: collections.Counter = collections.Counter()
    not_modified: collections.Counter = collections.Counter()
    conditional: list[tuple[str, str]] = []

    @classmethod
    def reset(cls) -> None:
        cls.rss_items = list(RSS_ITEMS)
        cls.hits = collections.Counter()
        cls.not_modified = collections.Counter()
        cls.conditional = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
              headers: dict | None = None) -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def _unchanged(self, etag: str | None = None, modified: str | None = None) -> bool:
        sent = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if any(sent):
            Site.conditional.append((self.path, sent[0] or sent[1]))
        if (etag and sent[0] == etag) or (modified and not etag and sent[1] == modified):
            Site.not_modified[self.path] += 1
            self._send(304, headers={"ETag": etag} if etag else {})
            return True
        return False

    def do_GET(self) -> None:  # noqa: N802 - the http.server interface
        Site.hits[self.path] += 1
        server = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feeds/rss.xml":  # ETag, as most feed servers do
            body = _rss(server, Site.rss_items)
            etag = '"' + hashlib.sha256(body).hexdigest()[:12] + '"'
            if not self._unchanged(etag=etag):
                self._send(200, body, "application/rss+xml", {"ETag": etag})
        elif self.path == "/feeds/atom.xml":  # Last-Modified only
            if not self._unchanged(modified=ATOM_MODIFIED):
                self._send(200, _atom(server), "application/atom+xml", {"Last-Modified": ATOM_MODIFIED})
        elif self.path == "/feeds/broken.xml":
            self._send(200, BROKEN, "application/rss+xml")
        elif self.path == "/feeds/slow.xml":
            time.sleep(3)
            self._send(200, _rss(server, []), "application/rss+xml")
        elif self.path == "/feeds/shaky.xml":
            self._send(200, FAILING_PAGE_FEED.format(server=server).encode(), "application/rss+xml")
        elif self.path == "/feeds/repeat.xml":  # an entry another feed has already brought in, and a new one
            self._send(200, _rss(server, [RSS_ITEMS[0], WIRE_ITEM, NEW_ITEM]), "text/xml")
        elif self.path == "/site/index.html":
            self._send(200, SITE_PAGE)
        elif self.path == "/articles/error.html":
            self._send(500, b"internal error")
        elif self.path in PAGES:
            self._send(200, PAGES[self.path])
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def site():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def server(site):
    Site.reset()
    return site


def _follow(run, url: str) -> None:
    code, out, err = run("follow", "add", url, "--allow-private-urls")
    assert code == 0, err


def _follow_run(run, *extra: str):
    return run("follow", "run", "--allow-private-urls", "--delay", "0", "--timeout", "1", *extra)


def _subscribe_directly(db, url: str) -> None:
    """A feed that broke after it was followed (follow add refuses a broken one)."""
    Store(db).put_feed(Feed(url=url, added="2024-03-01T00:00:00Z").to_dict())


# -- subscribing ----------------------------------------------------------------------------


def test_follow_add_finds_the_feed_a_site_page_links_to(run, server, db):
    code, out, _ = run("follow", "add", f"{server}/site/index.html", "--allow-private-urls")
    assert code == 0
    assert out.strip() == (f"following Ridge Observer: {server}/feeds/atom.xml (found through "
                           f"{server}/site/index.html)")
    (feed,) = Store(db).feeds()
    assert (feed["url"], feed["page"], feed["title"]) == (f"{server}/feeds/atom.xml", f"{server}/site/index.html",
                                                          "Ridge Observer")
    assert feed["seen"] == [] and feed["etag"] is None and feed["last_run"] is None


@pytest.mark.parametrize(("path", "message"), [
    ("/articles/harbour-talks.html", "no feed here: it is neither RSS nor Atom, nor a page that links to a feed"),
    ("/feeds/broken.xml", "a malformed feed (XML error: mismatched tag at line 1"),
    ("/feeds/gone.xml", "the server answered with HTTP status 404"),
])
def test_follow_add_refuses_what_is_not_a_readable_feed_in_one_sentence(run, server, db, path, message):
    code, _, err = run("follow", "add", server + path, "--allow-private-urls")
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert not db.exists() or Store(db).feeds() == []


def test_follow_add_needs_consent_for_a_private_address_and_refuses_credentials(run, server):
    code, _, err = run("follow", "add", f"{server}/feeds/rss.xml")
    assert code == 1 and "blocked: it points to a private address" in err
    code, _, err = run("follow", "add", server.replace("http://", "http://reader:s3cret@") + "/feeds/rss.xml",
                       "--allow-private-urls")
    assert code == 1 and "never stores credentials" in err and "s3cret" not in err


def test_following_the_same_feed_twice_is_refused(run, server):
    _follow(run, f"{server}/feeds/rss.xml")
    code, _, err = run("follow", "add", f"{server}/feeds/rss.xml", "--allow-private-urls")
    assert code == 1 and "is followed already" in err


def test_list_and_remove_by_number_or_url(run, server, db):
    _follow(run, f"{server}/feeds/rss.xml")
    assert run("follow", "add", f"{server}/site/index.html", "--profile", "gaza", "--allow-private-urls")[0] == 0
    code, out, _ = run("follow", "list")
    assert code == 0
    lines = [line.split("\t") for line in out.strip().splitlines()]
    assert [line[:4] for line in lines] == [["1", f"{server}/feeds/rss.xml", "Harbour Dispatch", "-"],
                                            ["2", f"{server}/feeds/atom.xml", "Ridge Observer", "gaza"]]
    assert [line[4:] for line in lines] == [["never", "0", "not read yet"]] * 2
    code, out, _ = run("follow", "list", "--json")
    assert [(f["number"], f["title"], f["seen"]) for f in json.loads(out)] == [(1, "Harbour Dispatch", 0),
                                                                               (2, "Ridge Observer", 0)]
    code, out, _ = run("follow", "remove", "1")
    assert code == 0 and out.startswith("no longer following Harbour Dispatch")
    code, out, _ = run("follow", "remove", f"{server}/site/index.html")  # the page it was found through
    assert code == 0 and "Ridge Observer" in out
    assert Store(db).feeds() == []
    code, _, err = run("follow", "remove", "3")
    assert code == 1 and "There is no feed number 3" in err


# -- running ----------------------------------------------------------------------------------


def test_follow_run_reads_each_entry_once_and_reports_broken_feeds(run, server, db):
    _follow(run, f"{server}/feeds/rss.xml")
    _follow(run, f"{server}/site/index.html")
    for path in ("/feeds/broken.xml", "/feeds/gone.xml", "/feeds/slow.xml"):
        _subscribe_directly(db, server + path)

    started = time.monotonic()
    code, out, err = _follow_run(run)
    assert time.monotonic() - started < 20
    assert code == 1  # some feeds could not be read
    assert f"{server}/feeds/broken.xml: a malformed feed" in err
    assert f"{server}/feeds/gone.xml: the server answered with HTTP status 404" in err
    assert f"{server}/feeds/slow.xml: timed out" in err
    assert "Harbour Dispatch: 2 added" in out and "Ridge Observer: 2 added" in out
    assert out.strip().endswith("4 new articles from 5 feeds; 3 could not be read.")
    assert f"{server}/articles/removed.html: the server answered with HTTP status 404" in err
    assert "read the full text the feed carries instead" in err

    store = Store(db)
    articles = {a.source: a for a in store.articles()}
    assert {source: (a.title, a.outlet, a.published, a.published_from) for source, a in articles.items()} == {
        f"{server}/articles/harbour-talks.html": ("Envoys back at the table in Port Alder", "Harbour Dispatch",
                                                  "2024-03-04", "feed"),
        f"{server}/articles/prisoner-offer.html": ("Varen puts a prisoner exchange on the table", "Harbour Dispatch",
                                                   "2024-03-06", "feed"),
        f"{server}/articles/ridge-truce.html": ("Truce holds on the ridge road", "Ridge Observer", "2024-03-07", "feed"),
        f"{server}/articles/removed.html": ("Observers proposed for the ridge", "Ridge Observer", "2024-03-07", "feed"),
    }
    assert store.text(articles[f"{server}/articles/removed.html"].id).count("monitoring mission of 40 observers") == 1
    assert any(r["kind"] == "figure" and r["value"] == 120 for r in store.records())  # extracted like any article
    assert store.problems() == [] and not [f for f in check(db) if f.severity == "error"]
    states = {f["url"].rsplit("/", 1)[1]: f for f in store.feeds()}
    assert states["rss.xml"]["etag"] and states["atom.xml"]["last_modified"] == ATOM_MODIFIED
    assert set(states["rss.xml"]["seen"]) == {"harbour-1", "harbour-2", f"{server}/articles/harbour-talks.html",
                                              f"{server}/articles/prisoner-offer.html"}
    assert states["gone.xml"]["last_error"].endswith("HTTP status 404 (Not Found).")

    # The broken feeds go (by URL and by number: they were followed first); the second run downloads
    # nothing that has not changed.
    for target in (f"{server}/feeds/broken.xml", "1", f"{server}/feeds/slow.xml"):
        assert run("follow", "remove", target)[0] == 0
    assert [f["title"] for f in Store(db).feeds()] == ["Harbour Dispatch", "Ridge Observer"]
    page_hits = sum(n for path, n in Site.hits.items() if path.startswith("/articles/"))
    before = db.read_bytes()
    code, out, err = _follow_run(run)
    assert code == 0, err
    assert Site.not_modified == {"/feeds/rss.xml": 1, "/feeds/atom.xml": 1}
    assert ("/feeds/atom.xml", ATOM_MODIFIED) in Site.conditional
    assert "Harbour Dispatch: nothing new" in out and out.strip().endswith("0 new articles from 2 feeds.")
    assert sum(n for path, n in Site.hits.items() if path.startswith("/articles/")) == page_hits
    assert len(Store(db).articles()) == 4
    assert json.loads(db.read_bytes())["articles"] == json.loads(before)["articles"]

    # A new entry changes the feed: only it is read.
    Site.rss_items.append(NEW_ITEM)
    code, out, _ = _follow_run(run)
    assert code == 0
    assert "Harbour Dispatch: 1 added" in out and "Second round" not in out
    assert "Varen wants the second round to stay in Port Alder" in out
    assert Site.hits["/articles/new-round.html"] == 1 and Site.hits["/articles/harbour-talks.html"] == 1
    assert len(Store(db).articles()) == 5


def test_an_entry_whose_article_is_already_stored_is_not_added_again(run, server, db):
    code, _, _ = run("ingest", f"{server}/articles/harbour-talks.html", "--allow-private-urls")
    assert code == 0
    code, _, err = run("follow", "add", f"{server}/feeds/repeat.xml", "--profile", "gaza", "--allow-private-urls")
    assert code == 1 and "the store's articles are extracted with no profile" in err  # never two profiles in one store
    _follow(run, f"{server}/feeds/repeat.xml")
    code, out, _ = _follow_run(run)
    assert code == 0
    assert "Harbour Dispatch: 2 added, 1 already in the store" in out
    store = Store(db)
    articles = {a.source.rsplit("/", 1)[1]: a for a in store.articles()}
    assert len(articles) == 3
    assert articles["harbour-talks-wire.html"].copy_of == articles["harbour-talks.html"].id  # counted once
    assert articles["new-round.html"].copy_of is None
    (feed,) = store.feeds()
    assert {"harbour-1", "wire-1", "harbour-3"} <= set(feed["seen"])
    assert _follow_run(run)[1].strip().endswith("0 new articles from 1 feed.")  # text/xml: no validators, no 304


def test_a_page_that_keeps_failing_is_given_up_after_three_runs(run, server, db):
    _follow(run, f"{server}/feeds/shaky.xml")
    for attempt in (1, 2):
        code, out, err = _follow_run(run)
        assert code == 0  # the feed was read; one page was not
        assert "Shaky Wire: 0 added, 1 could not be read" in out
        assert f"HTTP status 500 (Internal Server Error); tried again next run ({attempt} of 3)" in err
        assert Store(db).feeds()[0]["failures"] == {"shaky-1": attempt}
    code, out, err = _follow_run(run)
    assert "Shaky Wire: 0 added, 1 given up" in out and "gave up on it after 3 runs" in err
    (feed,) = Store(db).feeds()
    assert feed["failures"] == {} and "shaky-1" in feed["seen"]
    _follow_run(run)
    assert Site.hits["/articles/error.html"] == 3  # never asked for again
    code, out, _ = run("follow", "list")
    assert out.strip().split("\t")[-2:] == ["2", "ok"]


def test_an_entry_is_stored_and_marked_seen_together_or_not_at_all(run, server, db, monkeypatch):
    _follow(run, f"{server}/feeds/rss.xml")
    real_mark_seen, calls = feeds._mark_seen, []

    def interrupted_on_the_second_entry(store, feed, keys):
        calls.append(keys)
        real_mark_seen(store, feed, keys)
        if len(calls) == 2:  # its article is already added in this transaction
            raise KeyboardInterrupt

    monkeypatch.setattr(feeds, "_mark_seen", interrupted_on_the_second_entry)
    assert _follow_run(run)[0] == 130
    store = Store(db)
    assert [a.title for a in store.articles()] == ["Envoys back at the table in Port Alder"]
    (feed,) = store.feeds()
    assert "harbour-1" in feed["seen"] and "harbour-2" not in feed["seen"] and feed["etag"] is None
    monkeypatch.setattr(feeds, "_mark_seen", real_mark_seen)
    code, out, _ = _follow_run(run)
    assert code == 0 and "Harbour Dispatch: 1 added" in out
    assert len(Store(db).articles()) == 2 and Store(db).problems() == []


def test_stopping_between_feeds_leaves_the_rest_for_the_next_run(server, db):
    store = Store(db)
    for path in ("/feeds/gone.xml", "/feeds/shaky.xml"):
        _subscribe_directly(db, server + path)
    reports = []
    for report in run_feeds(store, Politeness(allow_private=True, delay=0), should_stop=lambda: bool(reports)):
        reports.append(report)
    assert [r.feed.url for r in reports] == [f"{server}/feeds/gone.xml"]
    assert Site.hits["/feeds/shaky.xml"] == 0
    assert [f["last_run"] is None for f in store.feeds()] == [False, True]
    assert store.problems() == []


def test_every_waits_the_interval_between_runs(run, server, monkeypatch):
    _follow(run, f"{server}/feeds/shaky.xml")
    waits = []
    monkeypatch.setattr(feeds, "wait", lambda seconds, should_stop: waits.append(seconds) or len(waits) < 2)
    code, out, err = _follow_run(run, "--every", "15m")
    assert code == 0 and waits == [900, 900]
    assert out.count("Shaky Wire:") == 2 and err.count("next run at") == 2  # the second wait was stopped


def test_a_feed_state_that_is_malformed_is_skipped_and_named_by_doctor(run, server, db):
    _follow(run, f"{server}/feeds/shaky.xml")
    data = json.loads(db.read_bytes())
    (feed_id,) = data["feeds"]
    data["feeds"][feed_id]["seen"] = "everything"
    db.write_text(json.dumps(data))
    code, out, err = run("follow", "list")
    assert code == 0 and out == "" and "1 malformed documents" in err
    assert f"feeds/{feed_id}: seen is text, not list" in " ".join(f.message for f in check(db))
    assert run("doctor", "--repair")[0] == 0
    assert Store(db).feeds() == [] and Store(db).problems() == []


# -- the parts --------------------------------------------------------------------------------


def test_a_conditional_get_of_an_unchanged_feed_is_answered_304(server):
    first = fetch(f"{server}/feeds/rss.xml", allow_private=True, accept=feeds.FEED_ACCEPT)
    again = fetch(f"{server}/feeds/rss.xml", allow_private=True, accept=feeds.FEED_ACCEPT, etag=first.etag)
    assert first.status == 200 and first.etag and not first.not_modified
    assert again.not_modified and again.data == b""


def test_requests_to_one_host_are_spaced_by_the_polite_delay(server):
    slept = []
    fetcher = PoliteFetcher(Politeness(allow_private=True, delay=1.5), sleep=slept.append, clock=lambda: 100.0)
    fetcher.get(f"{server}/articles/harbour-talks.html", feeds.TEXT_TYPES)
    fetcher.get(server.replace("127.0.0.1", "localhost") + "/articles/harbour-talks.html", feeds.TEXT_TYPES)
    assert slept == []  # another host name: no wait
    fetcher.get(f"{server}/articles/prisoner-offer.html", feeds.TEXT_TYPES)
    assert slept == [1.5]


def test_entry_dates_are_the_publishers_own_day():
    assert entry_date({"published": "Mon, 04 Mar 2024 23:30:00 -0300"}) == "2024-03-04"
    assert entry_date({"updated": "2024-03-07T01:00:00+05:00"}) == "2024-03-07"
    assert entry_date({"published": "sometime", "published_parsed": time.struct_time((2024, 3, 9, 0, 0, 0, 5, 69, 0))}
                      ) == "2024-03-09"
    assert entry_date({}) is None


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("1h30m", 5400), ("2d", 172800), ("90s", 90)])
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["30s", "soon", "", "15"])
def test_intervals_too_short_or_unreadable_are_refused(text):
    with pytest.raises(UserError):
        parse_interval(text)


def test_a_bad_interval_is_a_usage_error(run, capsys):
    with pytest.raises(SystemExit) as exit_:
        run("follow", "run", "--every", "10s")
    assert exit_.value.code == 2 and "at most once a minute" in capsys.readouterr().err


def test_running_without_feeds_says_how_to_add_one(run):
    code, _, err = run("follow", "run")
    assert code == 1 and "'ceasetalk follow add URL' follows one" in err
