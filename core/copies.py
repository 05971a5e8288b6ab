"""Wire copies: the same agency story in several outlets, lightly edited, is one story.

Each article's text is cut into overlapping five-word shingles and summarised by
a MinHash signature (datasketch); locality-sensitive hashing finds the earlier
articles whose signatures agree, and the estimated Jaccard similarity of the
shingle sets decides. A copy points at the first article of its group
(`copy_of`), so the compare counts, the figures board and the export count
independent stories. The threshold was set from measurements on the seeds and
hand-made variants (`bench/copies.py` prints them; the README gives the table).

The signatures are derived data, kept beside the store's texts
(`signatures.json`) and rebuilt from the texts whenever they are missing or
disagree with the store.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import UserError
from .records import Article

NUM_PERM = 128
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of the shingle sets at and above which two articles are one story.
# Measured (bench/copies.py): a copy with half its ending cut scores 0.41 and up, different stories
# on the same talks 0.01 at most; 0.3 leaves room on both sides.
COPY_THRESHOLD = 0.3
SIGNATURES = "signatures.json"
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The text's overlapping five-word sequences, lower case (short texts: its words)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return set(words)
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str):
    """The MinHash of the text's shingles (a fixed seed, so signatures agree across runs), lean:
    without the permutations that made it, a third of the size in an index of thousands."""
    from datasketch import LeanMinHash, MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return LeanMinHash(minhash)


def similarity(a: str, b: str) -> float:
    """The estimated Jaccard similarity of two texts' shingle sets."""
    return signature(a).jaccard(signature(b))


class CopyFinder:
    """The signatures of the stored articles, indexed for lookup, and where to keep them."""

    def __init__(self, path: Path | None = None) -> None:
        from datasketch import MinHashLSH

        self.path = path
        self.lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, object] = {}
        self.origin: dict[str, str] = {}  # article id -> the first article of its group

    @classmethod
    def for_store(cls, store) -> CopyFinder:
        """The store's articles indexed: saved signatures where they are still right, the rest from the texts."""
        from datasketch import LeanMinHash

        finder = cls(store.texts_dir / SIGNATURES)
        scheme, saved = _read_saved(finder.path)
        for article in sorted(store.articles(), key=lambda a: a.ingested or ""):
            values = saved.get(article.id)
            if values is not None and len(values) == NUM_PERM:
                minhash = LeanMinHash(seed=1, hashvalues=values, scheme=scheme)
            else:
                try:
                    minhash = signature(store.text(article.id))
                except UserError:
                    continue  # a missing text costs only its copies; doctor reports it
            finder._index(article.id, minhash, article.copy_of or article.id)
        return finder

    def _index(self, article_id: str, minhash, origin: str) -> None:
        if article_id not in self.signatures:
            self.lsh.insert(article_id, minhash)
        self.signatures[article_id] = minhash
        self.origin[article_id] = origin

    def copy_of(self, minhash) -> str | None:
        """The first article of the group a text with this signature copies, or None for a new story."""
        matches = [(minhash.jaccard(self.signatures[i]), i) for i in self.lsh.query(minhash)]
        matches = [(score, i) for score, i in matches if score >= COPY_THRESHOLD]
        if not matches:
            return None
        return self.origin[max(matches)[1]]

    def assign(self, articles: Iterable[Article]) -> None:
        """Mark each new article that copies a known one (or an earlier one of the same batch)."""
        for article in articles:
            if article.id in self.signatures:
                continue
            minhash = signature(article.text)
            article.copy_of = self.copy_of(minhash)
            self._index(article.id, minhash, article.copy_of or article.id)

    def save(self) -> None:
        """Keep the signatures for the next ingest (derived data: losing it costs only time). The file
        is written an article at a time: built whole, it was 70 MB more at 10,000 articles."""
        if self.path is None:
            return
        from .store import write_file_atomically

        def pieces():
            yield f'{{"scheme": {json.dumps(signature("").scheme)}, "signatures": {{'.encode()
            for n, (article_id, minhash) in enumerate(self.signatures.items()):
                yield f'{", " if n else ""}{json.dumps(article_id)}: {json.dumps(minhash.hashvalues.tolist())}'.encode()
            yield b"}}"

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)  # a new store has no texts yet
            write_file_atomically(self.path, pieces())
        except (OSError, UserError):
            pass  # derived data: the next ingest rebuilds it


def _read_saved(path: Path | None) -> tuple[str, dict[str, list[int]]]:
    """The saved signatures and their hashing scheme; none where the file is missing, malformed or made
    with another scheme (they are rebuilt from the texts)."""
    scheme = signature("").scheme
    try:
        data = json.loads(path.read_bytes()) if path else {}
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict) or data.get("scheme") != scheme or not isinstance(data.get("signatures"), dict):
        return scheme, {}
    return scheme, {k: v for k, v in data["signatures"].items()
                    if isinstance(v, list) and all(isinstance(x, int) and 0 <= x < 2**64 for x in v)}
