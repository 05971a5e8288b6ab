"""Small word-level helpers shared by the extractors."""
from __future__ import annotations

from .lexicon import months, words

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


def word_table(doc) -> tuple[list[str], list[str]]:
    """Each word's stem and part of speech, read once a document. The passes that look at every
    word of a sentence for the few they start from (cues, issues told by the parse) read them
    here and make a token object only for those few."""
    table = doc.user_data.get("words")
    if table is None:
        tokens = list(doc)
        table = doc.user_data["words"] = ([stem(t) for t in tokens], [t.pos_ for t in tokens])
    return table


def places_in(token, places) -> list:
    """The words of `places` that a word has "in" hanging on it: "are in jail", "remain in custody",
    "living in camps", "fishermen held in Indian jails", "held in camps and prisons"."""
    return [d for c in token.children if c.dep_ == "prep" and c.lower_ == "in"
            for p in c.children if p.dep_ == "pobj"
            for d in (p, *(d for d in p.children if d.dep_ == "conj")) if stem(d) in places]


def inside(token, places) -> bool:
    """Whether a word is in one of `places` (see `places_in`)."""
    return bool(places_in(token, places))


_CAPTIVES = words("figures")
_HOSTAGE_WORDS = tuple(_CAPTIVES.hostage_nouns)
_PRISONER_WORDS = tuple(_CAPTIVES.prisoner_nouns | _CAPTIVES.jail_nouns)


def captives_of(doc) -> str:
    """What people freed or held are where no word of theirs says it ("the gunmen have freed 39
    people", "demanded the release of everyone inside"): hostages in a text that speaks of hostages
    and never of prisoners or jails (a siege, a hijacking, a kidnapping), else prisoners. Read
    once per document, from its count of each lower-case word (a table spaCy builds in C)."""
    found = doc.user_data.get("captives")
    if found is None:
        from spacy.attrs import LOWER

        counts, strings = doc.count_by(LOWER), doc.vocab.strings

        def named(lemmas) -> bool:
            return any(strings[form] in counts for lemma in lemmas for form in (lemma, lemma + "s"))

        found = doc.user_data["captives"] = (
            "hostages" if named(_HOSTAGE_WORDS) and not named(_PRISONER_WORDS) else "prisoners")
    return found
