"""The trained pipeline's two rule-based components, the same output for less CPU.

After the entity recognizer left the extraction pipeline, the attribute ruler
(tags to parts of speech and morphology, and the exceptions for pronouns and
auxiliaries) and the lemmatizer were a sixth of what was left, for work that
is a look-up: both give every token with the same values the same result, and
a text repeats its words. Here each reads a document's columns at once, works
out each distinct row once and keeps it. `tests/core/test_parse_less.py`
checks every token's annotations against the components as shipped.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import set_token_attrs
from spacy.tokens import Doc

# Distinct rows each cache below keeps before it starts again: names and numbers make new rows
# without end (20,000 ruler rows are some 10 MB).
KEPT_ROWS = 20_000


class RulerIndex:
    """The attribute ruler's matches found by table look-up instead of by its Matcher, and set
    token by token.

    The ruler holds some 180 patterns, nearly all of one token that name its tag or its
    lower-case form, and a few of two tokens. spaCy's Matcher tries every pattern at every
    token. Here each token test is filed under the values one of its attributes must take;
    a row of token values is tested against the tests filed under its own values (and the
    few that name no value), once per distinct row. Patterns of any other shape (operators,
    attributes not in COLUMNS) keep a Matcher of their own. `matches` gives the Matcher's
    list, one match per pattern and span, sorted as the ruler sorts it; calling the index
    gives each token's attributes in that order, which `set_annotations` sets.
    """

    # Token attributes whose Matcher test compares the value `Doc.to_array` gives: string ids,
    # and the space flag.
    COLUMNS = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")

    def __init__(self, ruler) -> None:
        self.strings = ruler.vocab.strings
        self.columns: list[str] = []
        self.tests: list[tuple] = []  # each: ((column, values, wanted) or (column, regex, None), ...)
        self.filed: dict[str, dict[int, list[int]]] = {}  # column -> value -> tests that need it
        self.unfiled: list[int] = []  # tests that name no value a token must have
        self.single: dict[int, list[int]] = {}  # test -> the numbers of its one-token patterns
        self.longer: list[tuple[int, list[int]]] = []  # (number, a test per token)
        self.rest = Matcher(ruler.vocab)
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.keys = [self.strings.add(str(number)) for number in range(len(ruler.patterns))]  # the ruler's own
        self.cache: dict[tuple, tuple] = {}  # a row of values -> what _row says of it
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [self._test(token) for token in pattern]
                if not tests or None in tests:
                    self.rest.add(str(number), [pattern])
                elif len(tests) == 1:
                    self.single.setdefault(tests[0], []).append(number)
                else:
                    self.longer.append((number, tests))
        self.in_longer = frozenset(test for _, tests in self.longer for test in tests)
        self.first_tests = frozenset(tests[0] for _, tests in self.longer)

    def _test(self, spec: dict) -> int | None:
        """The number of a one-token test (made once for equal specs); None for a shape the
        tables cannot take."""
        conditions = []
        for attr, value in spec.items():
            if attr not in self.COLUMNS:
                return None
            op, values = next(iter(value.items())) if isinstance(value, dict) and len(value) == 1 else ("==", value)
            if op == "REGEX" and isinstance(values, str):
                conditions.append((attr, re.compile(values), None))
                continue
            values = [values] if op == "==" else values
            if op not in ("==", "IN", "NOT_IN") or not all(isinstance(v, (str, bool)) for v in values):
                return None
            ids = frozenset(int(v) if isinstance(v, bool) else self.strings.add(v) for v in values)
            conditions.append((attr, ids, op != "NOT_IN"))
        for attr, _, _ in conditions:
            if attr not in self.columns:
                self.columns.append(attr)
        test = tuple(sorted(conditions, key=lambda c: (c[2] is not True, c[0])))  # a value to file it under first
        if test in self.tests:
            return self.tests.index(test)
        self.tests.append(test)
        number = len(self.tests) - 1
        attr, values, wanted = test[0]
        if wanted is True:
            for value in values:
                self.filed.setdefault(attr, {}).setdefault(value, []).append(number)
        else:
            self.unfiled.append(number)
        return number

    def _passes(self, test: tuple, row: dict[str, int]) -> bool:
        for attr, values, wanted in test:
            value = row[attr]
            if wanted is None:
                if not values.search(self.strings[value]):
                    return False
            elif (value in values) != wanted:
                return False
        return True

    def _row(self, values: tuple) -> tuple[tuple[int, ...], tuple[dict, ...], frozenset[int], bool]:
        """What a token with these values matches: the numbers of its one-token patterns in
        order, their attributes merged (a later pattern's value wins, as when they are set one
        after the other), the tests of longer patterns it passes, and whether one starts here."""
        row = dict(zip(self.columns, values, strict=True))
        candidates = {test for attr, table in self.filed.items() for test in table.get(row[attr], ())}
        passed = {test for test in (*candidates, *self.unfiled) if self._passes(self.tests[test], row)}
        numbers = tuple(sorted({number for test in passed for number in self.single.get(test, ())}))
        merged = {}
        for number in numbers:
            merged.update(self.attrs[number])
        return numbers, (merged,) if merged else (), frozenset(passed & self.in_longer), bool(passed & self.first_tests)

    def matches(self, doc) -> list[tuple[int, int, int, int]]:
        """The Matcher's answer: (pattern number, key, start, end), sorted as the ruler sorts it."""
        rows, extra = self._rows(doc)
        found = {(number, self.keys[number], i, i + 1) for i, row in enumerate(rows) for number in row[0]}
        return sorted(found | {match for match, _ in extra})

    def __call__(self, doc) -> list[tuple[int, tuple[dict, ...]]]:
        """Installed as the ruler's `match`: what `set_annotations` below needs, each token the
        patterns change with the attributes to set on it in order. Every match changes one token,
        so the order between tokens is free; a token that only one-token patterns match takes
        their attributes merged, once."""
        rows, extra = self._rows(doc)
        if not extra:
            return [(i, row[1]) for i, row in enumerate(rows) if row[1]]
        more: dict[int, list[int]] = {}
        for (number, _, _, _), token in extra:
            more.setdefault(token, []).append(number)
        return [(i, row[1]) if i not in more else (i, tuple(self.attrs[n] for n in sorted({*row[0], *more[i]})))
                for i, row in enumerate(rows) if row[1] or i in more]

    def _rows(self, doc) -> tuple[list[tuple], list[tuple[tuple[int, int, int, int], int]]]:
        """Each token's row (see _row), and the matches of longer or other patterns with the token
        each changes."""
        if not self.columns or not len(doc):
            return [], []
        cache = self.cache
        if len(cache) > KEPT_ROWS:
            cache.clear()
        rows = []
        for values in map(tuple, doc.to_array(self.columns).reshape(len(doc), -1).tolist()):
            row = cache.get(values)
            if row is None:
                row = cache[values] = self._row(values)
            rows.append(row)
        found = set()
        for i in (i for i, row in enumerate(rows) if row[3]):
            for number, tests in self.longer:
                if i + len(tests) <= len(doc) and all(test in rows[i + k][2] for k, test in enumerate(tests)):
                    found.add((number, self.keys[number], i, i + len(tests)))
        for key, start, end in self.rest(doc, allow_missing=True) if len(self.rest) else ():
            found.add((int(self.strings[key]), key, start, end))
        return rows, [(match, self._target(*match)) for match in sorted(found)]

    def _target(self, number: int, key: int, start: int, end: int) -> int:
        index = self.indices[number]
        if not -(end - start) <= index < end - start:
            raise ValueError(f"attribute ruler pattern {number}: index {index} outside its match")
        return start + index if index >= 0 else end + index


def set_annotations(doc: Doc, plan: list[tuple[int, tuple[dict, ...]]]) -> None:
    """Installed as the ruler's `set_annotations`: set what RulerIndex found, token by token,
    without the Span the ruler makes for every match."""
    for i, attrs in plan:
        token = doc[i]
        for values in attrs:
            set_token_attrs(token, values)


class CachedLemmatizer(EnglishLemmatizer):
    """The English rule lemmatizer, each distinct (word, part of speech, morphology) lemmatized
    once: spaCy's own cache skips the words it finds in their base form, most of a text, and it
    sets each lemma token by token."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cache, strings = self.lemmas, doc.vocab.strings
        if len(cache) > KEPT_ROWS:
            cache.clear()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if not lemma:  # not set by the attribute ruler
                text = cache.get((orth, pos, morph))
                if text is None:
                    text = cache[orth, pos, morph] = self.rule_lemmatize(doc[i])[0]
                lemma = strings.add(text)
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


@Language.factory("ceasetalk_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    lemmatizer = CachedLemmatizer(nlp.vocab, None, name, mode="rule", overwrite=False)
    lemmatizer.lemmas = {}
    return lemmatizer


def cache_lemmas(nlp: Language) -> None:
    """Put CachedLemmatizer in the shipped rule lemmatizer's place, with its name and tables."""
    shipped = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if type(shipped) is EnglishLemmatizer and shipped.mode == "rule" and not shipped.overwrite:
        nlp.replace_pipe("lemmatizer", "ceasetalk_lemmatizer").lookups = shipped.lookups
