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


def inside(token, places) -> bool:
    """Whether a word has "in" one of `places` hanging on it: "are in jail", "remain in custody",
    "living in camps", "fishermen held in Indian jails", "held in camps and prisons"."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(
        stem(p) in places or any(d.dep_ == "conj" and stem(d) in places for d in p.children)
        for p in c.children if p.dep_ == "pobj") for c in token.children)
