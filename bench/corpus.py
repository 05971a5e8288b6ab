"""A deterministic corpus of realistic articles for the benchmarks.

Each article recombines paragraphs of the seed articles and of the test
passages about other negotiations, with numbers, dates and the order of
parties perturbed, so spaCy's caches and the store see varied text as a
year of coverage would give them. The same N and seed give the same files.

    python bench/corpus.py 2000 /tmp/corpus
"""
from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "fixtures" / "other_conflicts").glob("*.txt"))]
PAIRS = [("Israel", "Hamas"), ("Egypt", "Qatar"), ("Russia", "Ukraine"), ("Kyiv", "Moscow"), ("RSF", "army")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in SOURCES:
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            block = " ".join(block.split())
            if len(block.split()) >= 12:  # article text, not headlines or furniture
                paragraphs.append(block)
    return paragraphs


def _perturb(text: str, rng: random.Random) -> str:
    def number(match: re.Match) -> str:
        digits = match.group(0).replace(",", "")
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return match.group(0)  # keep years
        value = max(1, int(int(digits) * rng.uniform(0.6, 1.6)))
        return f"{value:,}" if "," in match.group(0) or value >= 10_000 else str(value)

    text = re.sub(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", number, text)
    text = re.sub(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", lambda m: rng.choice(WEEKDAYS), text)
    for a, b in PAIRS:
        if rng.random() < 0.3:
            text = re.sub(rf"\b{a}\b|\b{b}\b", lambda m, a=a, b=b: b if m.group(0) == a else a, text)
    words = text.split()
    if len(words) > 20 and rng.random() < 0.5:  # a varied token so the tokenizer cache does not flatter
        words.insert(rng.randrange(len(words)), f"(report-{rng.randrange(10**6)})")
    return " ".join(words)


def generate(n: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write n articles (about 500 words each) and a sources.toml into folder."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    start = date(2024, 1, 1)
    sidecar, paths = [], []
    for i in range(n):
        body, words = [], 0
        while words < 480:
            paragraph = _perturb(rng.choice(paragraphs), rng)
            body.append(paragraph)
            words += len(paragraph.split())
        title = f"Ceasefire talks, day {i + 1}: " + " ".join(body[0].split()[:8])
        path = folder / f"article_{i:05d}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        published = start + timedelta(days=i * 365 // max(n, 1))
        sidecar.append(f'["{path.name}"]\noutlet = "Outlet {i % 12}"\npublished = "{published.isoformat()}"\n')
        paths.append(path)
    (folder / "sources.toml").write_text("\n".join(sidecar), encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of articles (up to 5,000)")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.n, args.folder, args.seed)
    print(f"wrote {len(paths)} articles to {args.folder}")


if __name__ == "__main__":
    main()
