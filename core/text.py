"""Small word-level helpers shared by the extractors."""
from __future__ import annotations

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}


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
