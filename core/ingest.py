"""Read articles from files, folders, standard input and URLs.

Every input is untrusted: it is decoded carefully, stripped of escapes and
web boilerplate, and given a title, outlet and publication date from the most
explicit source available (flags, front matter, a `sources.toml` sidecar,
HTML metadata, the text itself), never a silent "today".
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .boilerplate import clean
from .errors import UserError
from .lexicon import months
from .records import Article
from .sanitize import sanitize

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
SIDECAR = "sources.toml"
MAX_INPUT_BYTES = 50_000_000  # a news article is a few kB; anything this large is not one
DATE_SCAN_CHARS = 50_000  # dates that date an article are in its captions and opening, not megabytes in
MAX_HTML_ELEMENTS = 200_000  # pages with more elements are refused by trafilatura, not parsed for minutes
STDIN = "-"


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line; it wins over everything else."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None


def is_url(spec: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec))


def expand(specs: list[str]) -> Iterator[str | Path]:
    """Yield each input to read: URLs and "-" as given, folders as their article files.

    A missing path raises UserError at its turn, so earlier inputs still count.
    """
    for spec in specs:
        if spec == STDIN or is_url(spec):
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and p.name != SIDECAR
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise UserError(f"{spec}: no article files (.txt, .md, .html) in this folder.")
            yield from found
        elif path.exists():
            yield path
        else:
            raise UserError(f"{spec}: no such file or folder.")


def load(item: str | Path, overrides: Overrides = Overrides(), stdin: BinaryIO | None = None,
         allow_private: bool = False) -> Article:
    """Read one input and return the cleaned Article, or raise UserError saying why not."""
    charset = None
    if isinstance(item, Path):
        data = _read_file(item)
        source, kind = str(item), _kind_from_suffix(item)
        sidecar = _sidecar_entry(item)
    elif item == STDIN:
        data = (stdin or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1)
        source, kind, sidecar = "<stdin>", "text", {}
    else:
        from .fetch import fetch, redact  # network code only when a URL is given

        download = fetch(item, allow_private=allow_private)
        data, charset = download.data, download.charset
        source, sidecar = redact(item), {}
        kind = "text" if download.content_type == "text/plain" else "html"
    if len(data) > MAX_INPUT_BYTES:
        raise UserError(f"{source}: larger than {MAX_INPUT_BYTES // 1_000_000} MB, which is not a news article.")
    text, notes = decode(data, source, charset)
    if kind == "text" and re.match(r"\s*<(?:!doctype\s+html|html)\b", text[:1024], re.IGNORECASE):
        kind = "html"
    return build_article(text, kind, source, overrides, sidecar, notes)


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes as text: a BOM's encoding, the server's declared charset, UTF-8, else the
    best guess, said in a note."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    if _looks_binary(data):
        raise UserError(f"{name}: this is a binary file, not text; give a .txt, .md or .html article.")
    if declared:
        try:
            return data.decode(declared), []
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong or unknown declaration: guess as for a file
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    encoding, text = _decode_legacy(data)
    return text, [f"{name}: not valid UTF-8; read it as {encoding}."]


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode text that is not UTF-8: Windows-1252 when it reads as mostly plain
    Latin (most legacy news pages), else charset-normalizer's best guess."""
    try:
        text = data.decode("cp1252")
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(not ch.isascii() for ch in letters) <= 0.3 * len(letters):
            return "cp1252", text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data[:200_000]).best()
    if guess is not None:
        try:
            return guess.encoding, data.decode(guess.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return "UTF-8 with replacement characters", data.decode("utf-8", errors="replace")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except PermissionError:
        raise UserError(f"{path}: permission denied; the file cannot be read.") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file.") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc}).") from None


def _kind_from_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


_SIDECARS: dict[tuple, dict] = {}


def _sidecar_entry(path: Path) -> dict:
    """The `sources.toml` entry for a file, from the file's own folder (read once per version of it)."""
    sidecar = path.parent / SIDECAR
    try:
        key = (sidecar.resolve(), sidecar.stat().st_mtime_ns)
    except OSError:
        key = (sidecar.resolve(), None)
    if key not in _SIDECARS:
        try:
            _SIDECARS[key] = tomllib.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"{sidecar}: not valid TOML ({exc}).") from None
        except OSError as exc:
            raise UserError(f"{sidecar}: cannot be read ({exc.strerror or exc}).") from None
    entry = _SIDECARS[key].get(path.name, {})
    return entry if isinstance(entry, dict) else {}


def build_article(
    text: str, kind: str, source: str, overrides: Overrides = Overrides(),
    sidecar: dict | None = None, notes: list[str] | None = None,
) -> Article:
    """Turn decoded input into an Article: main text, boilerplate out, metadata resolved."""
    raw = sanitize(text)
    meta: dict[str, object] = {}
    if kind == "html":
        body, meta = _html_main_text(raw, source)
    elif kind == "markdown":
        front, body = _split_front_matter(raw, source)
        meta = {k: front[k] for k in ("title", "outlet", "published") if front.get(k)}
        meta = {k: (v, "front matter") for k, v in meta.items()}
        body = _markdown_to_text(body)
    else:
        body = raw
    cleaned = clean(body)
    if not cleaned.text.strip():
        raise UserError(f"{source}: empty article; there is no text left once blank lines and web furniture are removed.")

    def pick(name: str, inferred: tuple[object, str] | None = None) -> tuple[object, str] | None:
        """The most explicit value: flag > front matter > sidecar > HTML metadata > inferred."""
        if getattr(overrides, name):
            return getattr(overrides, name), "flag"
        if name in meta and meta[name][1] == "front matter":
            return meta[name]
        if sidecar and sidecar.get(name):
            return sidecar[name], "sidecar"
        return meta.get(name) or inferred

    title = pick("title", (_title_from_text(cleaned.text, source), "text"))
    outlet = pick("outlet", (cleaned.outlet, "text") if cleaned.outlet else None)
    inferred_date = infer_published(cleaned.captions, cleaned.text)
    published = pick("published", (inferred_date, "text") if inferred_date else None)
    published_value, published_from = (None, None)
    if published:
        published_value = normalise_date(published[0], f"{source}: published date ({published[1]})")
        published_from = published[1]
    return Article(
        id=article_id(cleaned.text),
        title=sanitize(str(title[0])).strip() if title else source,
        outlet=sanitize(str(outlet[0])).strip() if outlet else None,
        published=published_value,
        published_from=published_from,
        source=source,
        kind=kind,
        text=cleaned.text,
        raw=raw,
        notes=list(notes or []),
    )


def article_id(clean_text: str) -> str:
    """Content id: the same cleaned text is the same article, wherever it came from."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]


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


_MONTHS = months()
_MONTH = r"(?P<m>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_FULL_DATES = [
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>\d\d)-(?P<d>\d\d)\b"),
]


def _explicit_dates(text: str) -> list[dt.date]:
    """Dates written out in full, with day, month and year; nothing relative or partial."""
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            month = int(match["mn"]) if "mn" in match.groupdict() else _MONTHS[match["m"].lower()]
            try:
                found.append(dt.date(int(match["y"]), month, int(match["d"])))
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


def _title_from_text(text: str, source: str) -> str:
    first = text.split("\n", 1)[0].strip()
    words = first.split()
    if 0 < len(words) <= 25 and len(first) <= 200:
        return first
    if words:
        return " ".join(words[:12]) + "\u2026"
    return Path(source).stem


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEYS = {
    "title": "title", "headline": "title",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet", "site_name": "outlet",
    "published": "published", "date": "published", "pubdate": "published", "published_at": "published",
}


def _split_front_matter(text: str, source: str) -> tuple[dict, str]:
    """YAML front matter (between --- lines) as canonical keys, and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(match["body"]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise UserError(f"{source}: front matter is not valid YAML{where}.") from None
    if not isinstance(data, dict):
        raise UserError(f"{source}: front matter must be 'key: value' lines.")
    front = {}
    for key, value in data.items():
        canonical = _FRONT_KEYS.get(str(key).lower())
        if canonical and value not in (None, "") and canonical not in front:
            front[canonical] = value
    return front, text[match.end():]


def _markdown_to_text(source: str) -> str:
    """Markdown to plain text through markdown-it: paragraphs kept, markup and images dropped."""
    from markdown_it import MarkdownIt

    blocks = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type == "softbreak":
                    parts.append(" ")
                elif child.type == "hardbreak":
                    parts.append("\n")
            blocks.append("".join(parts))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(b for b in blocks if b.strip())


# Numeric entities of control characters (&#12; and the like): one of them makes the XML side of
# lxml refuse a whole page, and they never carry text.
_CONTROL_ENTITY = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|12[7-9]|1[3-5][0-9])"
    r"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]));"
)


def _paragraphs(html: str) -> str:
    """The text of a page's paragraphs, headings and list items, one per line, through the standard
    library's HTML parser: it keeps no tree, so no nesting is too deep for it."""
    from html.parser import HTMLParser

    blocks_tags = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
    skipped_tags = {"script", "style", "noscript", "template"}

    class Paragraphs(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.blocks: list[str] = []
            self.current: list[str] | None = None
            self.skipping = 0

        def handle_starttag(self, tag, attrs) -> None:
            if tag in skipped_tags:
                self.skipping += 1
            elif tag in blocks_tags:
                self.flush()
                self.current = []

        def handle_endtag(self, tag) -> None:
            if tag in skipped_tags:
                self.skipping = max(self.skipping - 1, 0)
            elif tag in blocks_tags:
                self.flush()

        def handle_data(self, data) -> None:
            if self.current is not None and not self.skipping:
                self.current.append(data)

        def flush(self) -> None:
            text = " ".join("".join(self.current or []).split())
            if text:
                self.blocks.append(text)
            self.current = None

    parser = Paragraphs()
    parser.feed(html)
    parser.close()
    parser.flush()
    return "\n".join(parser.blocks)


def _html_main_text(html: str, source: str) -> tuple[str, dict]:
    """The main text and metadata of a page, through trafilatura; where it finds none (pages nested
    deeper than it follows), the page's paragraphs as they stand."""
    import lxml.etree
    import lxml.html
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_HTML_ELEMENTS))
    html = _CONTROL_ENTITY.sub(" ", html)
    try:
        # huge_tree lifts libxml2's nesting limit (256), which otherwise cuts a deep page to nothing.
        parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise UserError(f"{source}: the HTML could not be parsed ({type(exc).__name__}).") from None
    if sum(1 for _ in tree.iter()) > MAX_HTML_ELEMENTS:
        raise UserError(f"{source}: the page has over {MAX_HTML_ELEMENTS:,} HTML elements, which is not a news article.")
    try:
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, config=config,
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise UserError(f"{source}: the HTML could not be parsed ({type(exc).__name__}).") from None
    doc = doc.as_dict() if doc is not None else {}
    if not (doc.get("text") or "").strip():
        doc["text"] = _paragraphs(html)
    if not doc["text"].strip():
        raise UserError(f"{source}: no article text found in this HTML page.")
    body = sanitize(doc["text"])
    title = (doc.get("title") or "").strip()
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    meta = {}
    for key, name in (("title", "title"), ("sitename", "outlet"), ("date", "published")):
        if doc.get(key):
            meta[name] = (doc[key], "html")
    return body, meta
