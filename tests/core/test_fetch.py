"""Downloads, against pages served on 127.0.0.1 only: each failure is one sentence saying what
happened, private addresses need the user's consent, and credentials never reach the store."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ceasetalk.core.errors import UserError
from ceasetalk.core.fetch import fetch, redact
from ceasetalk.core.store import Store

PAGE = (b"<html><head><title>Talks in Geneva</title></head><body><article><h1>Talks in Geneva</h1>"
        b"<p>The northern alliance demanded a permanent ceasefire on Monday, its envoy said in Geneva, "
        b"where the talks resumed after a pause of two weeks.</p><p>The government offered a truce of ten days "
        b"and said it would release 40 prisoners if the alliance agreed.</p></article></body></html>")


class Handler(BaseHTTPRequestHandler):
    seen_auth: list[str] = []

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server interface
        if self.path == "/article.html":
            self._send(200, PAGE)
        elif self.path == "/auth":
            Handler.seen_auth.append(self.headers.get("Authorization", ""))
            self._send(200, PAGE)
        elif self.path == "/plain.txt":
            self._send(200, b"Talks resumed in Geneva; the alliance demanded a ceasefire.", "text/plain")
        elif self.path == "/photo.png":
            self._send(200, b"\x89PNG\r\n", "image/png")
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):  # a byte now and then: never silent long enough for a read timeout
                try:
                    self.wfile.write(b"<")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_private_address_is_blocked_by_default_and_says_so(server):
    with pytest.raises(UserError, match="blocked: it points to a private address") as error:
        fetch(f"{server}/article.html")
    assert "--allow-private-urls" in str(error.value)


def test_ingest_from_a_local_mirror_needs_the_opt_in(run, server, db):
    code, _, err = run("ingest", f"{server}/article.html")
    assert code == 1 and "blocked" in err and "Traceback" not in err
    code, out, _ = run("ingest", f"{server}/article.html", "--allow-private-urls")
    assert code == 0 and out.startswith("added")
    (article,) = Store(db).articles()
    assert article.title == "Talks in Geneva" and article.source == f"{server}/article.html"


def test_an_error_status_is_named(server):
    with pytest.raises(UserError, match="HTTP status 404"):
        fetch(f"{server}/missing", allow_private=True)


def test_plain_text_pages_are_read_as_text(run, server, db):
    code, out, _ = run("ingest", f"{server}/plain.txt", "--allow-private-urls")
    assert code == 0
    (article,) = Store(db).articles()
    assert article.kind == "text" and Store(db).text(article.id).startswith("Talks resumed in Geneva")


def test_what_is_not_a_page_is_refused_with_its_type(server):
    with pytest.raises(UserError, match="the server says it is image/png"):
        fetch(f"{server}/photo.png", allow_private=True)


def test_a_trickling_server_is_cut_at_the_deadline(server):
    with pytest.raises(UserError, match="timed out after 1 s"):
        fetch(f"{server}/slow", allow_private=True, deadline=1)


def test_a_page_over_the_cap_is_refused(server):
    with pytest.raises(UserError, match="too large"):
        fetch(f"{server}/article.html", allow_private=True, max_bytes=100)


def test_credentials_are_sent_but_never_stored_or_shown(run, server, db):
    url = server.replace("http://", "http://reader:s3cret@") + "/auth"
    code, out, err = run("ingest", url, "--allow-private-urls")
    assert code == 0
    assert Handler.seen_auth and Handler.seen_auth[-1].startswith("Basic ")
    (article,) = Store(db).articles()
    assert "s3cret" not in article.source and "reader" not in article.source
    assert "s3cret" not in db.read_text() and "s3cret" not in out + err


@pytest.mark.parametrize(("url", "message"), [
    ("http://[::1", "not a valid URL"),
    ("ftp://example.org/a.html", "only http:// and https://"),
    ("http://host.invalid/a.html", "no such host"),
])
def test_malformed_or_unreachable_urls_are_one_sentence(run, url, message):
    code, _, err = run("ingest", url)
    assert code == 1 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_redact_removes_user_and_password_only():
    assert redact("https://a:b@example.org:8080/x?q=1#f") == "https://example.org:8080/x?q=1#f"
    assert redact("https://example.org/x") == "https://example.org/x"
