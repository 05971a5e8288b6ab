"""The language's word lists, loaded once from `assets/lang/<lang>/*.toml`.

Every list the extractors consult lives there as data, so a newcomer adding a
verb edits one TOML file. Each list knows its own name ("figures.killed",
"stances.verbs.reject"), and the "why" of a record names the list that decided.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from types import SimpleNamespace

from .resources import assets_dir

LANGUAGE = "en"


class WordList(frozenset):
    """A set of words that knows which list of the lexicon it is."""

    name: str

    def __new__(cls, words, name: str):
        made = super().__new__(cls, words)
        made.name = name
        return made


def _load(value, name: str):
    if isinstance(value, dict):
        return SimpleNamespace(**{key: _load(inner, f"{name}.{key}") for key, inner in value.items()},
                               _table=value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return WordList((v.lower() for v in value), name)
    return value


@cache
def words(section: str, lang: str = LANGUAGE) -> SimpleNamespace:
    """One file of the lexicon (`positions`, `mentions`, `figures`, `numbers`, `dates`, `stances`) as
    attributes: lists become named WordLists (lower case), tables namespaces."""
    path = assets_dir() / "lang" / lang / f"{section}.toml"
    return _load(tomllib.loads(path.read_text(encoding="utf-8")), section)


@cache
def months(lang: str = LANGUAGE) -> dict[str, int]:
    """Every month name and abbreviation, lower case, with its number."""
    return {name.lower(): number for number, names in enumerate(words("dates", lang).months, start=1)
            for name in names}


@dataclass(frozen=True)
class Cues:
    """The stance lexicon (`stances.toml`) as lookup tables: word -> (stance, the list it is in)."""

    verbs: dict[str, tuple[str, str]]  # lemma -> stance, for verbs that need no particle
    phrasal: dict[tuple[str, str], tuple[str, str]]  # (lemma, particle or preposition) -> stance
    nouns: dict[str, tuple[str, str]]
    adjectives: dict[str, tuple[str, str]]
    offer_actions: WordList
    modals: WordList
    deal_nouns: WordList
    anaphor_pronouns: WordList
    anaphor_determiners: WordList
    anaphor_nouns: WordList
    speech: WordList


@lru_cache(maxsize=1)
def lexicon() -> Cues:
    data = words("stances")
    verbs, phrasal = {}, {}
    for stance, entries in vars(data.verbs).items():
        if stance.startswith("_"):
            continue
        for entry in entries:
            parts = entry.split()
            if len(parts) == 1:
                verbs[parts[0]] = (stance, entries.name)
            else:
                phrasal[(parts[0], parts[-1])] = (stance, entries.name)

    def table(section) -> dict[str, tuple[str, str]]:
        return {word: (stance, entries.name) for stance, entries in vars(section).items()
                if not stance.startswith("_") for word in entries}

    return Cues(
        verbs=verbs, phrasal=phrasal, nouns=table(data.nouns), adjectives=table(data.adjectives),
        offer_actions=data.offer_actions.verbs, modals=data.offer_actions.modals,
        deal_nouns=data.deal_nouns.nouns, anaphor_pronouns=data.anaphors.pronouns,
        anaphor_determiners=data.anaphors.determiners, anaphor_nouns=data.anaphors.nouns, speech=data.speech.verbs,
    )
