"""Draft a conflict profile from articles: the parties the NER finds, their officials, their demonyms.

The draft is a starting point for the user to edit: organisations and
countries become parties (the most mentioned first), people named beside a
party ("Hamas chief Ismail Haniyeh", "Israeli Prime Minister Benjamin
Netanyahu") become its aliases, and nationality adjectives that share a
country's stem become its demonyms.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

MEDIATION_WORDS = re.compile(r"\b(?:mediat\w*|broker\w*|facilitat\w*|host(?:ed|ing)? the talks|envoy)\b", re.IGNORECASE)
MAX_PARTIES = 8


def draft_profile(texts: list[str], title: str = "Draft profile") -> str:
    """TOML text of a starter profile for the articles."""
    from .nlp import load_pipeline

    nlp = load_pipeline(None).nlp
    party_counts: Counter[str] = Counter()
    mediation: Counter[str] = Counter()
    people: dict[str, Counter[str]] = defaultdict(Counter)
    nationalities: Counter[str] = Counter()
    for doc in nlp.pipe(texts):
        for sent in doc.sents:
            mediating = bool(MEDIATION_WORDS.search(sent.text))
            orgs = [e for e in sent.ents if e.label_ in ("ORG", "GPE")]
            for ent in orgs:
                name = _clean(ent.text)
                party_counts[name] += 1
                mediation[name] += mediating
            for ent in sent.ents:
                if ent.label_ == "NORP":
                    nationalities[_clean(ent.text)] += 1
                elif ent.label_ == "PERSON":
                    owner = _owner(ent, orgs, sent)
                    if owner:
                        people[owner][_clean(ent.text)] += 1
    merged: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for name, count in party_counts.most_common():
        key = name.lower()
        merged[key] += count
        if key not in forms or forms[key].isupper() and not name.isupper():
            forms[key] = name  # "Istanbul" over the dateline's "ISTANBUL"
    parties = [forms[key] for key, _ in merged.most_common(MAX_PARTIES)]
    lines = [
        "# A starter profile drafted by `ceasetalk profile draft`: check every party, merge",
        "# duplicates (a country and its capital), and move officials to the right party.",
        f'title = "{_escape(title)}"',
    ]
    for name in parties:
        demonyms = sorted(n for n in nationalities if _same_stem(n, name))
        aliases = [name] + [p for p, _ in people[name].most_common(10)]
        role = "mediator" if mediation[name] > party_counts[name] / 2 else "belligerent"
        lines += [
            "",
            f'[parties."{_escape(name)}"]',
            f'role = "{role}"',
            "aliases = [" + ", ".join(f'"{_escape(a)}"' for a in aliases) + "]",
            "demonyms = [" + ", ".join(f'"{_escape(d)}"' for d in demonyms) + "]",
        ]
    return "\n".join(lines) + "\n"


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"['\u2019]s$", "", text)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _same_stem(demonym: str, name: str) -> bool:
    """ "Israeli" ~ "Israel", "Egyptian" ~ "Egypt", "Sudanese" ~ "Sudan"."""
    stem = min(len(name), 5)
    return len(name) > 3 and demonym[:stem].lower() == name[:stem].lower()


def _owner(person, orgs, sent):
    """The party a person is named with: an organisation or country in the same phrase."""
    window = sent.doc[max(person.start - 4, sent.start):person.start]
    for ent in orgs:
        if ent.end <= person.start and ent.start >= window.start:
            return _clean(ent.text)
    for token in window:
        if token.ent_type_ == "NORP":
            for ent in orgs:
                if _same_stem(token.text, _clean(ent.text)):
                    return _clean(ent.text)
    return None
