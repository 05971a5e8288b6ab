"""Measure the copy threshold: how alike wire copies and different stories are.

    .venv/bin/python bench/copies.py

For each seed article it makes the edits an outlet makes to an agency story
(paragraphs reordered, the headline changed, the ending trimmed by a quarter
and by a half, a figure changed, all of them at once) and prints the estimated
Jaccard similarity of the shingle sets (core/copies.py) of each variant with
the original; then the same for every pair of different seed articles, which
report the same negotiation, often the same meeting. The threshold
(COPY_THRESHOLD) must sit between the lowest copy and the highest pair.
"""
from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def variants(text: str) -> dict[str, str]:
    """An outlet's edits of a story, made by rule so that any article can be used."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    body = paragraphs[1:]
    reordered = [paragraphs[0], *body[1::2], *body[0::2]]
    words = text.split()
    return {
        "paragraphs reordered": "\n".join(reordered),
        "headline changed": "\n".join(["Talks latest: where the ceasefire effort stands", *body]),
        "ending trimmed by a quarter": " ".join(words[: len(words) * 3 // 4]),
        "ending trimmed by half": " ".join(words[: len(words) // 2]),
        "a figure changed": re.sub(r"\d[\d,]*", lambda m: str(int(m.group().replace(",", "")) + 7), text, count=1),
        "all at once": " ".join("\n".join([paragraphs[0] + " (updated)", *body[1::2], *body[0::2]]).split()[
            : len(words) * 3 // 4]),
    }


def main() -> int:
    from ceasetalk.core.copies import COPY_THRESHOLD, similarity
    from ceasetalk.core.ingest import load

    seeds = [load(path) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    print(f"{'copy of the same story':<34} {'lowest':>7} {'mean':>7}")
    lowest_copy = 1.0
    for name in variants(seeds[0].text):
        scores = [similarity(a.text, variants(a.text)[name]) for a in seeds]
        lowest_copy = min(lowest_copy, *scores)
        print(f"{name:<34} {min(scores):>7.2f} {sum(scores) / len(scores):>7.2f}")
    pairs = [similarity(a.text, b.text) for a, b in itertools.combinations(seeds, 2)]
    print(f"\n{'different stories, same talks':<34} {'highest':>7} {'mean':>7}")
    print(f"{'(' + str(len(pairs)) + ' pairs of seed articles)':<34} {max(pairs):>7.2f} {sum(pairs) / len(pairs):>7.2f}")
    verdict = "PASS" if max(pairs) < COPY_THRESHOLD <= lowest_copy else "FAIL"
    print(f"\nthreshold {COPY_THRESHOLD}: lowest copy {lowest_copy:.2f}, highest different pair {max(pairs):.2f}: {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
