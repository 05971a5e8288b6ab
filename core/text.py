"""Small word-level helpers shared by the extractors."""
from __future__ import annotations

from .lexicon import months

MONTHS = frozenset(months())


def stem(token) -> str:
    """The token's lemma, lower-cased; without a lemmatizer, the word without a plural ending."""
    lemma = token.lemma_
    if lemma:  # a blank pipeline has no lemmatizer: lemmas are empty
        return lemma.lower()
    word = token.lower_
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def places_in(token, places) -> list:
    """The words of `places` that a word has "in" hanging on it: "are in jail", "remain in custody",
    "living in camps", "fishermen held in Indian jails", "held in camps and prisons"."""
    return [d for c in token.children if c.dep_ == "prep" and c.lower_ == "in"
            for p in c.children if p.dep_ == "pobj"
            for d in (p, *(d for d in p.children if d.dep_ == "conj")) if stem(d) in places]


def inside(token, places) -> bool:
    """Whether a word is in one of `places` (see `places_in`)."""
    return bool(places_in(token, places))
