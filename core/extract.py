"""Turn articles into records: one spaCy stream, positions and figures per article.

Articles go through `nlp.pipe` in one stream, inside `memory_zone` so a long
run does not grow spaCy's string store; long articles are cut into chunks at
paragraph breaks with their offsets kept. Records become plain dicts with
content-based ids, so a re-extraction keeps the user's reviews of records
that still exist.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .confidence import confidence
from .dates import is_background, resolve
from .figures import find_figures
from .mentions import build_issue_matcher
from .nlp import chunks, load_pipeline
from .nlp import sentences as split_sentences
from .positions import find_positions
from .profiles import Profile, load_taxonomy
from .records import Article, Figure, Position, record_id

# Bump when extraction output changes: stores re-extract their articles on next open.
EXTRACTOR_VERSION = "12"
ZONE_SIZE = 64  # articles per memory zone
# Docs per nlp.pipe batch: the parser's working arrays grow with it. Measured on 128
# articles: batch 32 peaked at 479 MB, batch 8 at 239 MB. Batch 16 takes 3-4% less CPU
# but 82 MB more, which the 10,000-article ingest (one process, its store in memory) cannot spare.
PIPE_BATCH = 8
WORDS_KEPT = 100_000  # words the tokenizer caches for good (Extractor._keep_words): tens of MB at most


@dataclass
class Extraction:
    article: Article
    positions: list[Position]
    figures: list[Figure]

    def records(self) -> list[dict]:
        """The store's form: each record's dict with its id, article and kind. Records found in one
        sentence share its text (a store holds it once, not once a record)."""
        out, sentences = [], {}
        for kind, items in (("position", self.positions), ("figure", self.figures)):
            for item in items:
                data = item.to_dict()
                data["sentence"] = sentences.setdefault(data["sentence"], data["sentence"])
                out.append({"id": record_id(self.article.id, kind, data), "article": self.article.id, "kind": kind, **data})
        return out


class Extractor:
    """A pipeline and an issue matcher built once for a profile, then used for many articles."""

    def __init__(self, profile: Profile | None, trained: bool = True) -> None:
        self.profile = profile
        self.pipeline = load_pipeline(profile, trained)
        issues = profile.issues if profile else load_taxonomy()
        self.matcher = build_issue_matcher(self.pipeline.nlp, issues)
        self.words_kept: set[str] = set()

    @property
    def name(self) -> str:
        return self.pipeline.name

    @property
    def key(self) -> str:
        """What made a record: extractor version, pipeline and profile (by name and contents).
        A store whose records were made otherwise extracts them again."""
        profile = self.profile
        return (f"{EXTRACTOR_VERSION}:{self.name}:{profile.name if profile else '-'}:"
                f"{profile.fingerprint if profile else '-'}")

    def extract(self, article: Article) -> Extraction:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        nlp = self.pipeline.nlp
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= ZONE_SIZE:
                yield from self._zone(nlp, batch)
                batch = []
        if batch:
            yield from self._zone(nlp, batch)

    def _keep_words(self, nlp, pieces: list[tuple[str, tuple]]) -> None:
        """Tokenize, outside the memory zone, each word that came twice in the zone just done.

        spaCy's tokenizer caches how it split a word only outside a memory zone (and, within one
        text, only until the first word with a special case such as "n't"), so inside zones
        every word was split again by the prefix, suffix and infix rules: tokenizing took five
        times as long. A word tokenized alone outside is cached for good. Names, numbers and
        other rare words stay inside the zone, so the string store still grows only with the
        common vocabulary."""
        counts = Counter(word for text, _ in pieces for word in text.split())
        for word, count in counts.items():
            if count > 1 and word not in self.words_kept and len(self.words_kept) < WORDS_KEPT:
                self.words_kept.add(word)
                nlp.tokenizer(word)

    def _zone(self, nlp, articles: list[Article]) -> Iterator[Extraction]:
        pieces = [(text, (n, offset)) for n, a in enumerate(articles) for offset, text in chunks(a.text)]
        results = {n: Extraction(a, [], []) for n, a in enumerate(articles)}
        with nlp.memory_zone():
            known: dict[int, dict[int, str]] = {}
            for doc, (n, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=PIPE_BATCH):
                article = articles[n]
                sentences = split_sentences(doc)
                published = article.published

                def date_of(sentence: str, published=published):
                    return resolve(sentence, published) or published

                def background(sentence: str, published=published):
                    return is_background(sentence, published)

                results[n].positions.extend(find_positions(
                    doc, sentences, self.profile, self.matcher, published,
                    date_of=date_of, background=background, text_offset=offset,
                ))
                results[n].figures.extend(find_figures(
                    doc, sentences, published, text_offset=offset, known=known.setdefault(n, {}),
                    background=background,
                ))
        self._keep_words(nlp, pieces)
        for n in range(len(articles)):
            for kind, items in (("position", results[n].positions), ("figure", results[n].figures)):
                for item in items:
                    item.confidence = confidence({"kind": kind, **item.to_dict()})
            yield results[n]


def to_json(extractions: list[Extraction], extractor: Extractor, version: str, with_text: bool = False) -> dict:
    """The documented JSON shape of `ceasetalk extract --json` (plus each article's text with `with_text`)."""
    profile = extractor.profile
    return {
        "ceasetalk": version,
        "pipeline": extractor.name,
        "profile": profile.name if profile else None,
        "extractor": extractor.key,
        "articles": [
            {
                "id": e.article.id, "path": e.article.source, "title": e.article.title,
                "outlet": e.article.outlet, "published": e.article.published,
                "positions": [p.to_dict() for p in e.positions],
                "figures": [f.to_dict() for f in e.figures],
                **({"text": e.article.text} if with_text else {}),
            }
            for e in extractions
        ],
    }
