"""Read articles from files, folders, standard input and URLs.

Every input is untrusted: it is decoded carefully, stripped of escapes and
web boilerplate, and given a title, outlet and publication date from the most
explicit source available (flags, front matter, a `sources.toml` sidecar,
HTML metadata, the text itself), never a silent "today". What differs by format
(Markdown front matter, a page's main text) is in the `readers` package.
"""
from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import readers
from .boilerplate import clean
from .dates import infer_published, normalise_date
from .errors import UserError
from .records import Article
from .sanitize import sanitize

SIDECAR = "sources.toml"
MAX_INPUT_BYTES = 50_000_000  # a news article is a few kB; anything this large is not one
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
    wanted = readers.suffixes()
    for spec in specs:
        if spec == STDIN or is_url(spec):
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in wanted and p.name != SIDECAR
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise UserError(f"{spec}: no article files ({', '.join(readers.examples())}) in this folder.")
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
        source, reader = str(item), readers.for_suffix(item.suffix)
        sidecar = _sidecar_entry(item)
    elif item == STDIN:
        data = (stdin or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1)
        source, reader, sidecar = "<stdin>", readers.TEXT, {}
    else:
        from .fetch import fetch, redact  # network code only when a URL is given

        download = fetch(item, allow_private=allow_private, accept=readers.content_types())
        data, charset = download.data, download.charset
        source, sidecar = redact(item), {}
        reader = readers.for_content_type(download.content_type or "text/html")  # no type named: a web page
    if len(data) > MAX_INPUT_BYTES:
        raise UserError(f"{source}: larger than {MAX_INPUT_BYTES // 1_000_000} MB, which is not a news article.")
    text, notes = reader.to_text(data, source) if reader.to_text else decode(data, source, charset)
    if reader is readers.TEXT:
        reader = readers.detect(text)
    return build_article(text, reader.name, source, overrides, sidecar, notes)


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes as text: a BOM's encoding, the server's declared charset, UTF-8, else the
    best guess, said in a note."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    if _looks_binary(data):
        formats = readers.examples()
        raise UserError(f"{name}: this is a binary file, not text; give a {', '.join(formats[:-1])} or {formats[-1]} article.")
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
    """Turn decoded input into an Article through the reader `kind` names: main text, boilerplate out,
    metadata resolved."""
    raw = sanitize(text)
    reader = readers.named(kind)
    reading = reader.read(raw, source)
    cleaned = clean(reading.text)
    if not cleaned.text.strip():
        raise UserError(f"{source}: empty article; there is no text left once blank lines and web furniture are removed.")

    def pick(name: str, inferred: tuple[object, str] | None = None) -> tuple[object, str] | None:
        """The most explicit value: flag > front matter > sidecar > a page's own metadata > inferred."""
        if getattr(overrides, name):
            return getattr(overrides, name), "flag"
        stated = reading.metadata.get(name)
        if stated and reader.metadata_over_sidecar:
            return stated, reader.metadata_from
        if sidecar and sidecar.get(name):
            return sidecar[name], "sidecar"
        return (stated, reader.metadata_from) if stated else inferred

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


def _title_from_text(text: str, source: str) -> str:
    first = text.split("\n", 1)[0].strip()
    words = first.split()
    if 0 < len(words) <= 25 and len(first) <= 200:
        return first
    if words:
        return " ".join(words[:12]) + "\u2026"
    return Path(source).stem
