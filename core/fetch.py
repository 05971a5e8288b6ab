"""Download an article page, when the user asks for a URL, through trafilatura.

Only http(s) is accepted, the download is size-capped, and trafilatura's own
protections (timeouts, redirect limit, no private addresses) stay on.
"""
from __future__ import annotations

from urllib.parse import urlparse

from .errors import UserError

MAX_DOWNLOAD_BYTES = 5_000_000
TIMEOUT_SECONDS = 20


def fetch_url(url: str) -> bytes:
    """The page's bytes, or UserError saying in one sentence why there are none."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise UserError(f"{url}: only http:// and https:// addresses can be fetched.")
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_DOWNLOAD_BYTES))
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(TIMEOUT_SECONDS))
    try:
        response = fetch_response(url, decode=False, config=config)
    except Exception as exc:  # network stacks raise many kinds; all mean "not fetched"
        raise UserError(f"{url}: the download failed ({type(exc).__name__}).") from None
    if response is None or not response.data:
        raise UserError(
            f"{url}: nothing was downloaded (no answer, an error status, "
            f"or a page over {MAX_DOWNLOAD_BYTES // 1_000_000} MB)."
        )
    if response.status and response.status >= 400:
        raise UserError(f"{url}: the server answered with HTTP status {response.status}.")
    if len(response.data) > MAX_DOWNLOAD_BYTES:
        raise UserError(f"{url}: the page is over {MAX_DOWNLOAD_BYTES // 1_000_000} MB, which is not a news article.")
    return bytes(response.data)
