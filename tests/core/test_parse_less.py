"""Cheaper pipeline work, same output: the attribute ruler's patterns looked up in tables find
what its Matcher finds, token for token, and records that read earlier sentences (a pronoun's
holder, demands that "both of these" point back to) come out the same."""
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
def models_own_matcher(nlp):
    """The attribute ruler as the model ships it: its Matcher tries every pattern at every token."""
    ruler = nlp.get_pipe("attribute_ruler")
    index = vars(ruler).pop("match")
    try:
        yield
    finally:
        ruler.match = index


def test_indexed_patterns_find_what_the_matcher_finds():
    import spacy

    from ceasetalk.core.nlp import RulerIndex

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
        {"patterns": [[{"LOWER": "truce"}]], "attrs": {"POS": "VERB"}},  # a later rule wins over an earlier one
    ])
    index = RulerIndex(ruler)
    assert len(index.rest) == 4  # the NOT_IN-only, regular-expression, two-token and LENGTH patterns
    doc = nlp.make_doc("The rebels  are gonna sign the truce in Lund with Norvian envoys.")
    assert index(doc) == type(ruler).match(ruler, doc)
    ruler.match = index
    assert [t.pos_ for t in ruler(doc) if t.lower_ == "truce"] == ["VERB"]  # applied in the ruler's order


def test_trained_pipeline_annotates_every_token_as_with_the_models_matcher(extractor):
    nlp = extractor.pipeline.nlp

    def annotations():
        return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]
                for doc in nlp.pipe(PASSAGES)]

    indexed = annotations()
    with models_own_matcher(nlp):
        assert annotations() == indexed


def test_records_that_read_earlier_sentences_are_unchanged(extractor):
    from ceasetalk.core.ingest import build_article

    def records():
        return [extractor.extract(build_article(text, "text", "test")).records() for text in PASSAGES]

    indexed = records()
    with models_own_matcher(extractor.pipeline.nlp):
        assert records() == indexed
    whys = {(r["party"], r["stance"], r["issue"]): r["why"] for found in indexed for r in found if r["kind"] == "position"}
    assert "refers back to what Northern Front demanded" in whys[("Valdoria", "reject", "troop_withdrawal")]
    assert "resolved to the party last named" in whys[("Northern Front", "offer", "hostage_release")]
