"""Measure `ceasetalk profile draft` against the dev corpus's reference profiles, one conflict at a time.

    .venv/bin/python bench/profile_draft_eval.py [TEXTS] [DEV]

TEXTS is the folder of dev texts (default eval-cache/dev), DEV the shared dev
folder with manifest.json and profiles/ (default ../shared/eval/dev). For each
conflict the draft is made from that conflict's texts only.

Names are compared case-insensitively, with curly apostrophes made straight and
a leading "the " dropped. A party's names are its table name, its aliases and
its demonyms, in the draft and in the reference alike.

Matching: each drafted party is paired with at most one reference party and
each reference party with at most one drafted party. Pairs are taken greedily,
the pair sharing the most names first (ties: the drafted party met first, i.e.
the more mentioned). A second drafted party that shares names with an
already-paired reference party (an unmerged duplicate) stays unpaired.

(a) aliases placed right: every distinct name a drafted party holds is
    - "right" if its paired reference party lists it,
    - "wrong" if the reference lists it elsewhere, or the drafted party is unpaired,
    - "unknown" if no reference party lists it: neither right nor wrong, reported apart.
    The share is right / (right + wrong).
(b) parties found: paired reference parties / reference parties.
Also printed: paired parties whose role (belligerent or mediator) is the reference's.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import defaultdict
from pathlib import Path


def norm(name: str) -> str:
    name = name.strip().replace("\u2019", "'").lower()
    return name[4:] if name.startswith("the ") else name


def party_names(name: str, body: dict) -> set[str]:
    return {norm(n) for n in [name, *body.get("aliases", []), *body.get("demonyms", [])]}


def pair(drafted: dict[str, set[str]], reference: dict[str, set[str]]) -> dict[str, str]:
    """Drafted party -> reference party, one to one, most shared names first."""
    order = {name: i for i, name in enumerate(drafted)}
    candidates = sorted(
        ((len(d_names & r_names), d, r) for d, d_names in drafted.items() for r, r_names in reference.items()),
        key=lambda c: (-c[0], order[c[1]]),
    )
    pairs: dict[str, str] = {}
    for shared, d, r in candidates:
        if shared and d not in pairs and r not in pairs.values():
            pairs[d] = r
    return pairs


def score(draft_toml: str, reference_toml: dict) -> dict:
    draft = tomllib.loads(draft_toml).get("parties", {})
    drafted = {name: party_names(name, body) for name, body in draft.items()}
    reference = {name: party_names(name, body) for name, body in reference_toml["parties"].items()}
    known = set().union(*reference.values())
    pairs = pair(drafted, reference)
    counts = defaultdict(int)
    misplaced = []
    for d, names in drafted.items():
        for name in sorted(names):
            if name not in known:
                counts["unknown"] += 1
            elif d in pairs and name in reference[pairs[d]]:
                counts["right"] += 1
            else:
                counts["wrong"] += 1
                misplaced.append(f"{name!r} under {d!r}")
    roles = sum(draft[d].get("role") == reference_toml["parties"][r].get("role") for d, r in pairs.items())
    return {
        "right": counts["right"], "wrong": counts["wrong"], "unknown": counts["unknown"],
        "found": len(pairs), "parties": len(reference), "roles": roles, "misplaced": misplaced, "pairs": pairs,
        "unpaired": [d for d in drafted if d not in pairs],
    }


def share(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "    --"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", default="eval-cache/dev", help="folder of the dev texts (ID.txt)")
    parser.add_argument("dev", nargs="?", default="../shared/eval/dev", help="shared dev folder (manifest.json, profiles/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misplaced aliases and unpaired drafted parties")
    args = parser.parse_args(argv)
    texts_dir, dev_dir = Path(args.texts), Path(args.dev)
    manifest = json.loads((dev_dir / "manifest.json").read_text(encoding="utf-8"))
    by_conflict: dict[str, list[str]] = defaultdict(list)
    for entry in manifest:
        path = texts_dir / f"{entry['id']}.txt"
        if not path.exists():
            print(f"{path}: missing; fetch the dev texts first (see {dev_dir / 'README.md'}).", file=sys.stderr)
            return 1
        by_conflict[entry["conflict"]].append(path.read_text(encoding="utf-8"))

    from ceasetalk.core.profile_draft import draft_profile

    total = defaultdict(int)
    print(f"{'conflict':<20} {'right':>5} {'wrong':>5} {'unkn':>5} {'placed':>7} {'found':>7} {'roles':>7}")
    for conflict in sorted(by_conflict):
        reference = tomllib.loads((dev_dir / "profiles" / f"{conflict}.toml").read_text(encoding="utf-8"))
        result = score(draft_profile(by_conflict[conflict], title=conflict), reference)
        for key in ("right", "wrong", "unknown", "found", "parties", "roles"):
            total[key] += result[key]
        print(f"{conflict:<20} {result['right']:>5} {result['wrong']:>5} {result['unknown']:>5} "
              f"{share(result['right'], result['right'] + result['wrong'])} "
              f"{share(result['found'], result['parties'])} {share(result['roles'], result['found'])}")
        if args.verbose:
            for drafted, ref in result["pairs"].items():
                print(f"    paired    {drafted!r} ~ {ref!r}")
            for line in result["misplaced"]:
                print(f"    misplaced {line}")
            for name in result["unpaired"]:
                print(f"    unpaired  {name!r}")
    print(f"{'overall':<20} {total['right']:>5} {total['wrong']:>5} {total['unknown']:>5} "
          f"{share(total['right'], total['right'] + total['wrong'])} "
          f"{share(total['found'], total['parties'])} {share(total['roles'], total['found'])}")
    print("placed = right / (right + wrong) aliases; found = reference parties paired; roles = paired with the right role")
    return 0


if __name__ == "__main__":
    sys.exit(main())
