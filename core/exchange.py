"""Extraction output as files: what `ceasetalk extract --json` writes and `ingest --records` merges.

One JSON document, or, for runs too big for one, a folder of JSON Lines partitions that Dask,
DuckDB or Spark read as they are: part-00000.jsonl, ... hold one article a line (the shape of the
document's "articles" entries, in input order), and `_manifest.json` says which ceasetalk,
pipeline, profile and extractor made them (its underscore keeps Spark and Hadoop from reading it
as data).
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError

if TYPE_CHECKING:
    from .extract import Extraction, Extractor

MANIFEST = "_manifest.json"
PART_GLOB = "part-*.jsonl"
# Articles per partition: with their texts some 80 MB, near the block size Spark and Dask like to read.
PART_ARTICLES = 10_000


def write_partitions(folder: Path, extractions: Iterable[Extraction], extractor: Extractor, version: str,
                     with_text: bool = False, size: int = PART_ARTICLES) -> tuple[int, int]:
    """Write the extractions to a new folder of partitions as they come: (articles, partitions).

    Each partition is written under a hidden name and renamed when whole, so a reader never sees
    half of one; if the run stops, the articles written so far stay, in whole partitions.
    """
    from .extract import to_json
    from .store import write_file_atomically

    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file; --out names a folder for the partitions.")
    if folder.is_dir() and ((folder / MANIFEST).exists() or any(folder.glob(PART_GLOB))):
        raise UserError(f"{folder} already holds extraction output; give a new folder, or remove its files first.")
    folder.mkdir(parents=True, exist_ok=True)
    head = to_json([], extractor, version)
    del head["articles"]
    write_file_atomically(folder / MANIFEST, (json.dumps(head, ensure_ascii=False, indent=1) + "\n").encode())
    articles = parts = 0
    handle = None
    try:
        for extraction in extractions:
            if handle is None:
                partial = folder / f".part-{parts:05d}.jsonl.partial"
                handle = partial.open("w", encoding="utf-8")
            row = to_json([extraction], extractor, version, with_text)["articles"][0]
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            articles += 1
            if articles % size == 0:
                parts = _finish(handle, partial, folder, parts)
                handle = None
    finally:
        if handle is not None:
            parts = _finish(handle, partial, folder, parts)
    return articles, parts


def _finish(handle, partial: Path, folder: Path, parts: int) -> int:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
    os.replace(partial, folder / f"part-{parts:05d}.jsonl")
    return parts + 1


def read_documents(specs: list[str]) -> list[dict]:
    """The extraction outputs named: JSON documents (files, or - for standard input), folders of
    partitions, or partition files (their folder's manifest says what made them).

    A partition's articles are read line by line while they are merged; a line that is not JSON
    takes its article's place as a UserError, so it is reported like any bad article.
    """
    documents = []
    for spec in specs:
        path = Path(spec)
        if spec != "-" and (path.is_dir() or path.suffix == ".jsonl"):
            folder, parts = (path, sorted(path.glob(PART_GLOB))) if path.is_dir() else (path.parent, [path])
            documents.append({**_manifest(spec, folder), "articles": _rows(parts)})
            continue
        try:
            document = json.loads(sys.stdin.read() if spec == "-" else path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"{spec}: not readable extract JSON ({exc}).") from None
        if not isinstance(document, dict) or not isinstance(document.get("articles"), list):
            raise UserError(f"{spec}: not the output of `ceasetalk extract --json` (no articles list).")
        documents.append(document)
    return documents


def _manifest(spec: str, folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{spec}: no {MANIFEST} in {folder} says what made these partitions; give a folder "
                        "`ceasetalk extract --json --out` wrote.") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"{folder / MANIFEST}: not readable JSON ({exc}).") from None
    if not isinstance(manifest, dict):
        raise UserError(f"{folder / MANIFEST}: not a manifest of `ceasetalk extract --json --out`.")
    return manifest


def _rows(parts: list[Path]) -> Iterator[object]:
    for part in parts:
        try:
            with part.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    try:
                        yield json.loads(line)
                    except ValueError as exc:
                        yield UserError(f"{part}, line {number}: not JSON ({exc}).")
        except (OSError, UnicodeDecodeError) as exc:
            yield UserError(f"{part}: cannot be read ({exc}).")
