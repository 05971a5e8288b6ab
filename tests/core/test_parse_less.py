"""Cheaper pipeline work, same output: the attribute ruler's patterns looked up in tables find
what its Matcher finds, the cached lemmatizer gives the shipped one's lemmas, token for token,
and records that read earlier sentences (a pronoun's holder, demands that "both of these"
point back to) come out the same."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

PROFILE = Path(__file__).resolve().parent.parent / "fixtures" / "other_conflicts" / "profiles" / "valdoria.toml"
PASSAGES = [
    "The Northern Front demanded the release of all political prisoners and a full withdrawal of government "
    "troops from the highlands. Ostrava rejected both of these demands on Friday.",
    "The rebels met Norvian envoys in Lund on Tuesday. They said they were ready to free 40 hostages if the "
    "army halted its offensive.",
    "Rain fell over the capital for a third day.\n\nThe Northern Front said it would accept a two-week truce, "
    "but I'd not bet on it; there's little trust left and neither side is gonna give up its guns.",
]


@pytest.fixture(scope="module")
def extractor():
    from ceasetalk.core.extract import Extractor
    from ceasetalk.core.profiles import load_profile

    built = Extractor(load_profile(PROFILE))
    if not built.pipeline.trained:
        pytest.skip("no trained English pipeline installed")
    return built


@contextmanager
def as_shipped(nlp):
    """The attribute ruler and the lemmatizer as the model ships them: the ruler's Matcher tries
    every pattern at every token and sets each match through a Span; the lemmatizer caches
    only the words not in their base form."""
    ruler = nlp.get_pipe("attribute_ruler")
    ours = {name: vars(ruler).pop(name) for name in ("match", "set_annotations")}
    cached = nlp.get_pipe("lemmatizer")
    shipped = nlp.replace_pipe("lemmatizer", "lemmatizer", config={"mode": "rule"})
    shipped.lookups = cached.lookups
    try:
        yield
    finally:
        vars(ruler).update(ours)
        nlp.replace_pipe("lemmatizer", "ceasetalk_lemmatizer").lookups = shipped.lookups


def test_indexed_patterns_find_and_set_what_the_matcher_does():
    import spacy

    from ceasetalk.core.annotators import RulerIndex, set_annotations

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([
        {"patterns": [[{"LOWER": "truce"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"ORTH": "Lund"}], [{"LOWER": "lund"}]], "attrs": {"POS": "PROPN"}},  # both match: one match
        {"patterns": [[{"LOWER": {"IN": ["rebels", "envoys"]}, "IS_SPACE": False}]], "attrs": {"TAG": "NNS"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}}]], "attrs": {"MORPH": "Foo=Bar"}},  # no value to file it under
        {"patterns": [[{"LOWER": {"REGEX": "^reb"}}]], "attrs": {"LEMMA": "rebel"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"LENGTH": 4}]], "attrs": {"NORM": "four"}},  # an attribute the tables do not read
        {"patterns": [[{"LOWER": "sign"}]], "attrs": {"POS": "NOUN", "TAG": "NN"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}, {"LOWER": "sign"}]], "attrs": {"POS": "AUX"}, "index": -1},
        {"patterns": [[{"LOWER": "sign"}]], "attrs": {"POS": "VERB"}},  # a later rule wins over both before it
        {"patterns": [[{"LOWER": "truce"}]], "attrs": {"POS": "VERB"}},
    ])
    index = RulerIndex(ruler)
    assert len(index.rest) == 1  # the LENGTH pattern: an attribute the tables do not read
    text = "The rebels  are gonna sign the truce in Lund with Norvian envoys."
    doc = nlp.make_doc(text)
    assert index.matches(doc) == type(ruler).match(ruler, doc)
    assert index.matches(doc) == index.matches(doc)  # the second time, from the rows kept
    assert (9, nlp.vocab.strings["9"], 4, 7) in index.matches(doc)  # "gon" "na" "sign"

    def annotated():
        return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.norm_) for t in ruler(nlp.make_doc(text))]

    shipped = annotated()
    ruler.match, ruler.set_annotations = index, set_annotations
    assert annotated() == shipped
    assert [(t[1], t[2]) for t in shipped if t[0] in ("truce", "sign")] == [("VERB", "NN"), ("VERB", "")]
    assert [t[4] for t in shipped if t[0] in ("gon", "na")] == ["go", ""]
    assert [t[0] for t in shipped if t[5] == "four"] == ["sign", "Lund", "with"]


def test_trained_pipeline_annotates_every_token_as_the_shipped_components_do(extractor):
    nlp = extractor.pipeline.nlp

    def annotations():
        return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]
                for doc in nlp.pipe(PASSAGES)]

    from ceasetalk.core.annotators import CachedLemmatizer, RulerIndex

    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert isinstance(nlp.get_pipe("attribute_ruler").match, RulerIndex)
    indexed = annotations()
    with as_shipped(nlp):
        assert not isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
        assert annotations() == indexed


def test_records_that_read_earlier_sentences_are_unchanged(extractor):
    from ceasetalk.core.ingest import build_article

    def records():
        return [extractor.extract(build_article(text, "text", "test")).records() for text in PASSAGES]

    indexed = records()
    with as_shipped(extractor.pipeline.nlp):
        assert records() == indexed
    whys = {(r["party"], r["stance"], r["issue"]): r["why"] for found in indexed for r in found if r["kind"] == "position"}
    assert "refers back to what Northern Front demanded" in whys[("Valdoria", "reject", "troop_withdrawal")]
    assert "resolved to the party last named" in whys[("Northern Front", "offer", "hostage_release")]


def test_words_that_came_twice_outlive_the_memory_zone_and_rare_ones_do_not(extractor):
    """The tokenizer caches nothing inside a memory zone, so words seen twice are tokenized again
    outside it, for good; a word seen once (a name, a number) leaves the string store with its zone."""
    from ceasetalk.core.ingest import build_article

    strings = extractor.pipeline.nlp.vocab.strings
    text = ("The Brelmorian envoys met in Tarsk. The Brelmorian delegation asked for a truce. "
            "Quastivian observers said 1,234,567 people had fled.")
    extractor.extract(build_article(text, "text", "test"))
    assert "Brelmorian" in extractor.words_kept and "Brelmorian" in strings
    assert "Quastivian" not in extractor.words_kept and "Quastivian" not in strings
    assert "1,234,567" not in strings
