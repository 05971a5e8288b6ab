"""How sure the extractor is of a record, from its decision trace.

The trace (`why`) says how the record was made: which kind of cue, how the
holder was found, which flips were taken, where the issue came from. Those
are the features; a logistic model over them, fitted on the dev corpus of
real articles with its gold (`bench/calibrate.py`, which also measures the
calibration by cross-validation over conflicts), turns them into a
probability that the record is right. The weights are data:
`assets/confidence.toml`.
"""
from __future__ import annotations

import math
import re
import tomllib
from functools import lru_cache

from .resources import assets_dir

# (feature, pattern in the why): each present pattern switches its feature on.
POSITION_FEATURES = [
    ("cue_verb", r"^cue \"[^\"]+\" \(stances\.verbs\."),
    ("cue_noun", r"^cue \"[^\"]+\" \(stances\.nouns\."),
    ("cue_adjective", r"^cue \"[^\"]+\" \(stances\.adjectives\."),
    ("cue_modal", r"\(stances\.offer_actions"),
    ("cue_carried", r"\(positions\.carrying_verbs"),
    ("cue_declared", r"\(positions\.declaring_verbs\)"),
    ("cue_speech", r"\(stances\.speech\.verbs \+"),
    ("cue_no_deal", r"\(\"no\" \+ a deal\)"),
    ("cue_word_order", r"\(word order\)|no parse"),
    ("negated", r", negated;"),
    ("condition", r"a condition \(asked in return\)"),
    ("exchange", r"asked in exchange"),
    ("contrast", r"contrasted"),
    ("purpose", r"its purpose"),
    ("offered_on_condition", r"offered on a condition"),
    ("joint", r"offered by both sides together"),
    ("holder_subject", r"holder [^:]+: subject \""),
    ("holder_owner", r"holder [^:]+: (owner of the cue noun|\"(from|by|of)\" the party)"),
    ("holder_speaker", r"holder [^:]+: speaker of"),
    ("holder_resolved", r"resolved to the party last named"),
    ("holder_enclosing", r"resolved to the enclosing subject|subject of the verb"),
    ("holder_both_sides", r"the two sides last named"),
    ("holder_named_before", r"named right before the verb"),
    ("holder_according", r"holder [^:]+: according to"),
    ("issue_cue", r"issue \w+: \"[^\"]+\" \(issues\.\w+ cue\)"),
    ("issue_structural", r"issue \w+: \"[^\"]+\" \((mentions|figures)\."),
    ("issue_inside_object", r"inside its object"),
    ("issue_refers_back", r"refers back"),
    ("issue_deal_on_table", r"is the deal on the table"),
    ("as_said", r"said of what the main clause states"),
]
FIGURE_FEATURES = [
    ("counted_noun", r"counts \""),
    ("metric_word", r"\(figures\.(killed|wounded|displaced|abducted)\)"),
    ("held_hostage", r"held hostage"),
    ("released_in_deal", r"in a deal \(figures\.release_verbs\)"),
    ("at_risk", r"facing|in need"),
    ("duration", r"a duration in"),
    ("same_number_before", r"the same number counted before"),
    ("growth_verb", r"numbering it"),
    ("verb_before", r"right before it"),
    ("range", r"a range,"),
    ("qualified", r"qualified \""),
    ("attributed", r"attributed to \""),
]
_COMPILED = {kind: [(name, re.compile(pattern)) for name, pattern in table]
             for kind, table in (("position", POSITION_FEATURES), ("figure", FIGURE_FEATURES))}


def features(record: dict) -> dict[str, float]:
    """The record's features: its trace's patterns, its stance or metric, and whether it recaps the past."""
    kind = record.get("kind") or ("position" if "stance" in record else "figure")
    why = record.get("why") or ""
    found = {name: 1.0 for name, pattern in _COMPILED[kind] if pattern.search(why)}
    found[f"{kind}:{record.get('stance') or record.get('metric')}"] = 1.0
    if record.get("background"):
        found["background"] = 1.0
    return found


@lru_cache(maxsize=1)
def weights() -> dict[str, dict[str, float]]:
    """kind -> feature -> weight (and "intercept"), from assets/confidence.toml."""
    path = assets_dir() / "confidence.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {kind: {k: float(v) for k, v in table.items()} for kind, table in data.get("weights", {}).items()}


MOST_SURE = 0.99  # no rule is certain: a trace never earns 1.0


def probability(found: dict[str, float], table: dict[str, float]) -> float:
    """The logistic model's probability for some features, as shown: two decimals, at most MOST_SURE."""
    z = table.get("intercept", 0.0) + sum(table.get(name, 0.0) * value for name, value in found.items())
    return min(round(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))), 2), MOST_SURE)


def confidence(record: dict) -> float:
    """The probability, as calibrated on real articles, that the record is right."""
    kind = record.get("kind") or ("position" if "stance" in record else "figure")
    table = weights().get(kind)
    return probability(features(record), table) if table else 0.5
