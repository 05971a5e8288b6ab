"""The format registry: which reader an input gets, and that a format added as one reader is read."""
from __future__ import annotations

import gzip
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ceasetalk.core import readers
from ceasetalk.core.errors import UserError
from ceasetalk.core.ingest import build_article, decode, expand, load
from ceasetalk.core.readers.base import Reader, Reading


def _read_memo(text: str, source: str) -> Reading:
    """A toy format: "Key: value" header lines, a blank line, then the body."""
    header, _, body = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    return Reading(body, {"title": fields.get("Subject"), "outlet": fields.get("From"), "published": fields.get("Date")})


MEMO = Reader("memo", suffixes=(".memo",), content_types=("text/x-memo",), read=_read_memo,
              metadata_from="memo header")
GZIP = Reader("gzip", suffixes=(".gz",), content_types=(), read=readers.TEXT.read,
              to_text=lambda data, source: decode(gzip.decompress(data), source))
MEMO_TEXT = ("Subject: Envoys meet again on the river border\nFrom: Lakeside Courier\nDate: 2024-06-11\n\n"
             "The northern council proposed a two-week pause in shelling.\n\n"
             "The southern delegation said it would answer by Friday.\n")


@pytest.fixture
def with_toy_formats(monkeypatch):
    monkeypatch.setattr(readers, "READERS", [*readers.READERS, MEMO, GZIP])


@pytest.mark.parametrize(("suffix", "name"), [
    (".txt", "text"), ("", "text"), (".md", "markdown"), (".Markdown", "markdown"), (".htm", "html"),
    (".XHTML", "html"), (".docx", "text"),
])
def test_a_file_suffix_picks_its_reader_and_an_unknown_one_is_text(suffix, name):
    assert readers.for_suffix(suffix).name == name


@pytest.mark.parametrize(("content_type", "name"), [
    ("text/html", "html"), ("application/xhtml+xml", "html"), ("text/plain", "text"), ("application/x-unknown", "text"),
])
def test_a_content_type_picks_its_reader_and_an_unknown_one_is_text(content_type, name):
    assert readers.for_content_type(content_type).name == name


def test_an_untyped_text_is_html_only_when_it_opens_like_a_page():
    assert readers.detect("  <!DOCTYPE html><p>Talks resumed.</p>").name == "html"
    assert readers.detect("Talks resumed. <html> was mentioned later.").name == "text"


def test_no_two_readers_claim_the_same_suffix_or_content_type():
    claimed = [s for r in readers.READERS for s in r.suffixes]
    types = [t for r in readers.READERS for t in r.content_types]
    assert len(claimed) == len(set(claimed)) and len(types) == len(set(types))


def test_an_unknown_kind_is_read_as_text():
    article = build_article("Talks resumed at the border crossing.", "no-such-format", "x")
    assert article.text == "Talks resumed at the border crossing."


def test_a_registered_reader_is_used_for_its_files_and_folders(tmp_path, with_toy_formats):
    (tmp_path / "note.memo").write_text(MEMO_TEXT, encoding="utf-8")
    (tmp_path / "skip.xyz").write_text("not an article", encoding="utf-8")
    assert [p.name for p in expand([str(tmp_path)])] == ["note.memo"]
    article = load(tmp_path / "note.memo")
    assert article.kind == "memo"
    assert (article.title, article.outlet) == ("Envoys meet again on the river border", "Lakeside Courier")
    assert (article.published, article.published_from) == ("2024-06-11", "memo header")
    assert article.text.startswith("The northern council proposed") and "Subject:" not in article.text


def test_a_sidecar_outranks_metadata_a_reader_does_not_mark_as_the_users(tmp_path, with_toy_formats):
    (tmp_path / "note.memo").write_text(MEMO_TEXT, encoding="utf-8")
    (tmp_path / "sources.toml").write_text('["note.memo"]\npublished = "2024-06-12"\n', encoding="utf-8")
    article = load(tmp_path / "note.memo")
    assert (article.published, article.published_from) == ("2024-06-12", "sidecar")
    assert article.outlet == "Lakeside Courier"


def test_a_registered_reader_is_named_in_messages(tmp_path, with_toy_formats):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(UserError, match=r"\(\.txt, \.md, \.html, \.memo, \.gz\)"):
        list(expand([str(tmp_path)]))


def test_a_binary_format_brings_its_own_way_to_text(tmp_path, with_toy_formats):
    body = "Both delegations agreed to exchange 12 detainees on 2 July 2024.\n"
    (tmp_path / "wire.gz").write_bytes(gzip.compress(body.encode("utf-8")))
    article = load(tmp_path / "wire.gz")
    assert (article.kind, article.text, article.published) == ("gzip", body.strip(), "2024-07-02")


def test_standard_input_is_read_as_text_even_with_other_formats_registered(with_toy_formats):
    article = load("-", stdin=io.BytesIO(MEMO_TEXT.encode("utf-8")))
    assert article.kind == "text" and article.text.startswith("Subject:")


class _MemoServer(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server interface
        body = MEMO_TEXT.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/x-memo; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def memo_url():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _MemoServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/note"
    httpd.shutdown()
    httpd.server_close()


def test_a_download_is_read_by_the_reader_of_its_content_type(memo_url, monkeypatch):
    with pytest.raises(UserError, match="the server says it is text/x-memo"):
        load(memo_url, allow_private=True)
    monkeypatch.setattr(readers, "READERS", [*readers.READERS, MEMO])
    article = load(memo_url, allow_private=True)
    assert (article.kind, article.outlet, article.published_from) == ("memo", "Lakeside Courier", "memo header")
