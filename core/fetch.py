"""Download a page or a feed when the user gives a URL.

One GET through urllib3, with trafilatura's guard against private addresses
(checked on every connection, so neither a redirect nor a DNS trick reaches an
intranet unless the user allows it), an overall deadline, a size cap, and a
one-sentence reason for every failure. Credentials in a URL are used for the
request and never stored or shown.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from .errors import UserError

MAX_DOWNLOAD_BYTES = 5_000_000
CONNECT_TIMEOUT_SECONDS = 10
READ_TIMEOUT_SECONDS = 10  # silence longer than this on an open connection is a dead server
DEADLINE_SECONDS = 30  # the whole download, however the server trickles it
MAX_REDIRECTS = 5
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")


@dataclass
class Download:
    """What the server sent: the final URL (after redirects), the body and the headers that matter."""

    url: str
    status: int
    data: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def redact(url: str) -> str:
    """The URL without user name and password, as it may be stored and shown."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def fetch(url: str, *, allow_private: bool = False, accept: tuple[str, ...] = TEXT_TYPES,
          headers: dict[str, str] | None = None, deadline: float = DEADLINE_SECONDS,
          max_bytes: int = MAX_DOWNLOAD_BYTES, etag: str | None = None,
          last_modified: str | None = None) -> Download:
    """GET a URL; UserError saying in one sentence why nothing usable came back.

    With the `etag` and `last_modified` of an earlier download the GET is conditional: a server
    with nothing newer answers 304 (`Download.not_modified`, no body) instead of sending it again.
    """
    import urllib3
    from trafilatura.downloads import create_pool

    from . import __version__

    shown = redact(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise UserError(f"{shown}: not a valid URL ({exc}).") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(f"{shown}: only http:// and https:// addresses can be fetched.")
    request_headers = {"User-Agent": f"ceasetalk/{__version__}", "Accept-Encoding": "gzip, deflate",
                       **(headers or {})}
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified
    if parts.username is not None:
        from urllib.parse import unquote

        auth = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        request_headers.update(urllib3.util.make_headers(basic_auth=auth))
    pool = create_pool(ssrf_protection=not allow_private)
    retries = urllib3.util.Retry(total=MAX_REDIRECTS, redirect=MAX_REDIRECTS, connect=0, read=0, status=0,
                                 raise_on_redirect=True, raise_on_status=False)
    timeout = urllib3.util.Timeout(connect=min(CONNECT_TIMEOUT_SECONDS, deadline),
                                   read=min(READ_TIMEOUT_SECONDS, deadline))
    started = time.monotonic()
    try:
        response = pool.request("GET", redact(url), headers=request_headers, retries=retries, timeout=timeout,
                                preload_content=False)
    except urllib3.exceptions.MaxRetryError as exc:
        raise UserError(f"{shown}: {_reason(exc.reason, deadline)}.") from None
    except urllib3.exceptions.HTTPError as exc:
        raise UserError(f"{shown}: {_reason(exc, deadline)}.") from None
    try:
        return _read(response, shown, accept, started, deadline, max_bytes)
    finally:
        response.release_conn()


def _read(response, shown: str, accept: tuple[str, ...], started: float, deadline: float,
          max_bytes: int) -> Download:
    import urllib3

    # urllib3 gives the request's path, or a redirect's Location as sent (often relative)
    final = redact(urljoin(shown, response.geturl())) if response.geturl() else shown
    mime, _, params = (response.headers.get("Content-Type") or "").partition(";")
    mime = mime.strip().lower()
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    download = Download(final, response.status, content_type=mime, charset=charset,
                        etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
                        headers=dict(response.headers))
    if response.status == 304:
        return download
    if response.status >= 400:
        reason = f" ({response.reason})" if getattr(response, "reason", None) else ""
        raise UserError(f"{shown}: the server answered with HTTP status {response.status}{reason}.")
    if response.status >= 300:
        raise UserError(f"{shown}: the server redirected (status {response.status}) without saying where.")
    if mime and not any(mime == kind for kind in accept):
        raise UserError(f"{shown}: not a page ceasetalk can read (the server says it is {mime}).")
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise UserError(f"{shown}: too large ({int(length) // 1_000_000} MB; the limit is {max_bytes // 1_000_000} MB).")
    chunks, size = [], 0
    try:
        while True:
            if time.monotonic() - started > deadline:
                raise UserError(f"{shown}: timed out after {deadline:.0f} s (the server sent too slowly).")
            chunk = response.read1(65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise UserError(f"{shown}: too large (over {max_bytes // 1_000_000} MB, which is not a news article).")
    except urllib3.exceptions.HTTPError as exc:
        raise UserError(f"{shown}: {_reason(exc, deadline)}.") from None
    except OSError as exc:
        raise UserError(f"{shown}: the download broke off ({exc.strerror or type(exc).__name__}).") from None
    download.data = b"".join(chunks)
    if not download.data:
        raise UserError(f"{shown}: the server sent an empty page.")
    return download


def _reason(error: BaseException | None, deadline: float) -> str:
    """Why a request failed, in words a user can act on."""
    import urllib3.exceptions as e

    text = str(error or "")
    if "SSRF protection" in text or "non-public address" in text:
        return ("blocked: it points to a private address (a local or intranet server); "
                "add --allow-private-urls to read from a mirror you trust")
    if isinstance(error, e.NameResolutionError):
        return "no such host (the name does not resolve)"
    if isinstance(error, (e.ConnectTimeoutError, e.ReadTimeoutError)) or "timed out" in text:
        return f"timed out (no answer within {min(CONNECT_TIMEOUT_SECONDS, deadline):.0f} s)"
    if isinstance(error, e.NewConnectionError) or "refused" in text.lower():
        return "the connection was refused or failed"
    if isinstance(error, e.SSLError):
        return "the secure connection failed (a certificate or TLS problem)"
    if isinstance(error, e.ProtocolError):
        return "the server broke off the connection"
    if "redirect" in text.lower():
        return f"too many redirects (more than {MAX_REDIRECTS})"
    return f"the download failed ({type(error).__name__})"
