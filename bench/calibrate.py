"""Fit and measure the records' confidence on the dev corpus of real articles.

    .venv/bin/python bench/calibrate.py [--texts eval-cache/dev] [--dev ../shared/eval/dev] [--write]

Every record the extractor makes on the dev articles (each conflict with its
own profile) is labelled right when its key is in the article's gold
(required or optional) and wrong otherwise. A logistic model over the
record's trace features (`core/confidence.py`) is measured by leave-one-
conflict-out cross-validation: each conflict's records are scored by a model
fitted on the other conflicts only, so no number below was fitted to the
articles it is measured on. It prints, per confidence bucket, the records,
their mean confidence and the share right, and the expected calibration
error (ECE: the bucket gaps weighted by size). With --write it fits on every
conflict and writes the weights to assets/confidence.toml.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
L2 = 1.0
STEPS = 3000
RATE = 0.5
BUCKETS = 10


def records_by_conflict(texts: Path, dev: Path) -> dict[str, list[tuple[dict, int]]]:
    from ceasetalk.core.confidence import features
    from ceasetalk.core.extract import Extractor
    from ceasetalk.core.ingest import load
    from ceasetalk.core.profiles import load_profile

    gold = json.loads((dev / "gold.json").read_text(encoding="utf-8"))["articles"]
    manifest = json.loads((dev / "manifest.json").read_text(encoding="utf-8"))
    found: dict[str, list[tuple[dict, int]]] = {}
    by_conflict: dict[str, list[dict]] = {}
    for entry in manifest:
        if (texts / f"{entry['id']}.txt").exists():
            by_conflict.setdefault(entry["conflict"], []).append(entry)
    for conflict, entries in sorted(by_conflict.items()):
        extractor = Extractor(load_profile(dev / "profiles" / f"{conflict}.toml"))
        for entry in entries:
            article = load(texts / f"{entry['id']}.txt")
            article.published = entry.get("published")
            extraction = extractor.extract(article)
            answer = gold[entry["id"]]
            for kind, items, names in (("position", extraction.positions, ("party", "stance", "issue")),
                                       ("figure", extraction.figures, ("metric", "value"))):
                plural = kind + "s"
                right = {tuple(k) for k in answer.get(plural, [])} | {tuple(k) for k in answer.get(plural + "_optional", [])}
                for item in items:
                    record = {"kind": kind, **item.to_dict()}
                    label = int(tuple(record[n] for n in names) in right)
                    found.setdefault(conflict, []).append(({"kind": kind, "x": features(record)}, label))
    return found


def fit(samples: list[tuple[dict, int]]) -> dict[str, float]:
    """Logistic regression with an L2 penalty, by gradient descent (a few hundred samples)."""
    names = sorted({name for sample, _ in samples for name in sample["x"]})
    w = {name: 0.0 for name in [*names, "intercept"]}
    n = max(len(samples), 1)
    for _ in range(STEPS):
        grad = dict.fromkeys(w, 0.0)
        for sample, label in samples:
            z = w["intercept"] + sum(w[k] * v for k, v in sample["x"].items())
            error = 1.0 / (1.0 + math.exp(-max(min(z, 30), -30))) - label
            grad["intercept"] += error
            for k, v in sample["x"].items():
                grad[k] += error * v
        for k in w:
            penalty = 0.0 if k == "intercept" else L2 * w[k]
            w[k] -= RATE * (grad[k] + penalty) / n
    return w


def report(pairs: list[tuple[float, int]]) -> float:
    """Print the buckets; return the expected calibration error."""
    buckets: list[list[tuple[float, int]]] = [[] for _ in range(BUCKETS)]
    for p, label in pairs:
        buckets[min(int(p * BUCKETS), BUCKETS - 1)].append((p, label))
    ece = 0.0
    print(f"{'bucket':>10} {'records':>8} {'mean conf':>10} {'share right':>12} {'gap':>6}")
    for k, bucket in enumerate(buckets):
        if not bucket:
            continue
        mean = sum(p for p, _ in bucket) / len(bucket)
        right = sum(label for _, label in bucket) / len(bucket)
        ece += len(bucket) / len(pairs) * abs(mean - right)
        flag = "" if len(bucket) < 20 or abs(mean - right) <= 0.10 else "  > 0.10"
        print(f"{k / BUCKETS:.1f}-{(k + 1) / BUCKETS:.1f} {len(bucket):>8} {mean:>10.2f} {right:>12.2f} "
              f"{abs(mean - right):>6.2f}{flag}")
    print(f"ECE {ece:.3f} over {len(pairs)} records")
    return ece


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=ROOT / "eval-cache" / "dev")
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    parser.add_argument("--write", action="store_true", help="fit on every conflict and write assets/confidence.toml")
    args = parser.parse_args()
    from ceasetalk.core.confidence import probability

    data = records_by_conflict(args.texts, args.dev)
    if not data:
        print(f"no dev texts in {args.texts}", file=sys.stderr)
        return 1
    for kind in ("position", "figure"):
        pairs = []
        for conflict in data:
            train = [(s, y) for c, items in data.items() if c != conflict for s, y in items if s["kind"] == kind]
            w = fit(train)
            pairs += [(probability(s["x"], w), y) for s, y in data[conflict] if s["kind"] == kind]
        print(f"\n{kind}s, leave one conflict out ({len(data)} conflicts):")
        report(pairs)
    if args.write:
        lines = ["# Written by bench/calibrate.py: logistic weights over the trace features of core/confidence.py,",
                 "# fitted on the dev corpus's real articles. Run it again after the extractor changes.", ""]
        for kind in ("position", "figure"):
            w = fit([(s, y) for items in data.values() for s, y in items if s["kind"] == kind])
            lines.append(f"[weights.{kind}]")
            lines += [f'"{k}" = {v:.4f}' for k, v in sorted(w.items())]
            lines.append("")
        (ROOT / "assets" / "confidence.toml").write_text("\n".join(lines), encoding="utf-8")
        print("\nwrote assets/confidence.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
