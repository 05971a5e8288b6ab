"""Score extraction output against a gold file, with the scorer's definitions.

Scoring is on distinct (party, stance, issue) and (metric, value) keys per
article, the gold file's stem naming each article; optional gold keys are
neither rewarded nor penalised; an article with no output counts as all missed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

KINDS = (("positions", ("party", "stance", "issue")), ("figures", ("metric", "value")))


@dataclass
class ArticleScore:
    stem: str
    counts: dict[str, tuple[int, int, int]]  # kind -> (tp, fp, fn)
    missed: dict[str, list[tuple]] = field(default_factory=dict)
    extra: dict[str, list[tuple]] = field(default_factory=dict)


@dataclass
class Report:
    articles: list[ArticleScore]
    totals: dict[str, tuple[int, int, int]]
    unanswered: list[str]
    provenance: tuple[int, int]

    def prf(self, kind: str) -> tuple[float, float, float]:
        return prf(*self.totals[kind])


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _keys(records: list[dict], names: tuple[str, ...]) -> set[tuple]:
    keys = set()
    for record in records:
        try:
            key = tuple(int(record[n]) if n == "value" else record[n] for n in names)
        except (KeyError, TypeError, ValueError):
            continue
        keys.add(key)
    return keys


def score(gold: dict, output: dict, texts: dict[str, str] | None = None) -> Report:
    """Compare `ceasetalk extract --json` output with a gold file; `texts` (stem -> source text)
    checks that every record quotes a sentence of its article."""
    totals = {kind: [0, 0, 0] for kind, _ in KINDS}
    articles, seen = [], set()
    ok = checked = 0
    for article in output.get("articles", []):
        stem = Path(str(article.get("path", ""))).stem
        if stem not in gold["articles"] or stem in seen:
            continue
        seen.add(stem)
        entry = gold["articles"][stem]
        result = ArticleScore(stem, {})
        for kind, names in KINDS:
            want = {tuple(k) for k in entry.get(kind, [])}
            optional = {tuple(k) for k in entry.get(kind + "_optional", [])}
            got = _keys(article.get(kind, []), names) - optional
            tp, fp, fn = len(got & want), len(got - want), len(want - got)
            result.counts[kind] = (tp, fp, fn)
            result.missed[kind] = sorted(want - got, key=str)
            result.extra[kind] = sorted(got - want, key=str)
            for i, n in enumerate((tp, fp, fn)):
                totals[kind][i] += n
        articles.append(result)
        if texts is not None and stem in texts:
            body = _norm(texts[stem])
            for kind, _ in KINDS:
                for record in article.get(kind, []):
                    checked += 1
                    sentence = _norm(str(record.get("sentence", "")))
                    ok += len(sentence) >= 20 and sentence in body
    unanswered = sorted(set(gold["articles"]) - seen)
    for stem in unanswered:
        for kind, _ in KINDS:
            totals[kind][2] += len(gold["articles"][stem].get(kind, []))
    return Report(articles, {k: tuple(v) for k, v in totals.items()}, unanswered, (ok, checked))
