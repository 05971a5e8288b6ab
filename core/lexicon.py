"""The stance lexicon (`assets/stances.toml`) as lookup tables for the extractor."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from .resources import assets_dir


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma -> stance, for verbs that need no particle
    phrasal: dict[tuple[str, str], str]  # (lemma, particle or preposition) -> stance
    nouns: dict[str, str]
    adjectives: dict[str, str]
    offer_actions: frozenset[str]
    modals: frozenset[str]
    deal_nouns: frozenset[str]
    anaphor_pronouns: frozenset[str]
    anaphor_determiners: frozenset[str]
    anaphor_nouns: frozenset[str]
    speech: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads((assets_dir() / "stances.toml").read_text(encoding="utf-8"))
    verbs, phrasal = {}, {}
    for stance, entries in data["verbs"].items():
        for entry in entries:
            words = entry.split()
            if len(words) == 1:
                verbs[words[0]] = stance
            else:
                phrasal[(words[0], words[-1])] = stance
    return Lexicon(
        verbs=verbs,
        phrasal=phrasal,
        nouns={n: s for s, ns in data["nouns"].items() for n in ns},
        adjectives={a: s for s, adjs in data["adjectives"].items() for a in adjs},
        offer_actions=frozenset(data["offer_actions"]["verbs"]),
        modals=frozenset(data["offer_actions"]["modals"]),
        deal_nouns=frozenset(data["deal_nouns"]["nouns"]),
        anaphor_pronouns=frozenset(data["anaphors"]["pronouns"]),
        anaphor_determiners=frozenset(data["anaphors"]["determiners"]),
        anaphor_nouns=frozenset(data["anaphors"]["nouns"]),
        speech=frozenset(data["speech"]["verbs"]),
    )
