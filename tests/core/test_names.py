"""With a profile, extraction leaves the trained entity recognizer out and guesses the kinds of
names it asks about from the tagger and the parse (core/names.py); without one, the recognizer
stays, since its organisations and countries are then the parties.

Passages written for these tests, on the Line of Control."""
from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import position_keys

KASHMIR = Path(__file__).resolve().parent.parent / "fixtures" / "other_conflicts" / "profiles" / "kashmir.toml"


@pytest.fixture(scope="module")
def pipeline():
    from ceasetalk.core.nlp import load_pipeline
    from ceasetalk.core.profiles import load_profile

    built = load_pipeline(load_profile(KASHMIR))
    if not built.trained:
        pytest.skip("no trained English pipeline installed")
    return built.nlp


def test_a_profile_leaves_the_recognizer_out_and_no_profile_keeps_it(pipeline):
    from ceasetalk.core.nlp import load_pipeline

    assert "ner" not in pipeline.pipe_names and pipeline.pipe_names[-2:] == ["entity_ruler", "ceasetalk_names"]
    assert "ner" in load_pipeline(None).nlp.pipe_names


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Some 45,000 Kashmiris still live in camps in Muzaffarabad.", "Kashmiris", "NORP"),
    ("Some 45,000 Kashmiris still live in camps in Muzaffarabad.", "Muzaffarabad", "GPE"),
    ("About 1,100 soldiers are held in Indian camps.", "Indian", "NORP"),
    ("The two armies stopped firing on Monday.", "Monday", "DATE"),
    ("Up to 500,000 people have left Kashmir since the fighting escalated.", "Kashmir", "GPE"),
    ("The army spokesman Rajesh Kalia spoke to reporters, and Kalia said the truce would hold.", "Rajesh Kalia",
     "PERSON"),
    ("The army spokesman Rajesh Kalia spoke to reporters, and Kalia said the truce would hold.", "Kalia", "PERSON"),
    ("The envoy met Mahmoud al-Rashid at the border.", "Mahmoud al-Rashid", "PERSON"),
])
def test_the_kind_of_a_name(pipeline, text, name, label):
    doc = pipeline(text)
    assert (name, label) in {(e.text, e.label_) for e in doc.ents}


def test_the_parties_keep_their_own_label(pipeline):
    doc = pipeline("Pakistani army officers met Indian officials in Islamabad on Monday.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Pakistani army", "PARTY"), ("Islamabad", "PARTY"),
                                                      ("Indian", "NORP")}


@pytest.mark.parametrize(("text", "name"), [
    ("The Agreement was read aloud to the delegates.", "Agreement"),
    ("Analysis: Paris talks return to the old sticking points", "Paris"),
])
def test_a_single_unknown_proper_noun_is_left_unlabelled(pipeline, text, name):
    assert not [e for e in pipeline(text).ents if e.text == name]


def test_a_person_introduced_by_party_speaks_for_it(extract_with):
    found = position_keys(extract_with("Pakistani foreign minister Shah Mahmood Qureshi met the envoy. Qureshi later "
                                       "rejected the truce.", "kashmir"))
    assert ("Pakistan", "reject", "temporary_truce") in found


def test_people_of_a_nation_set_free_without_the_recognizer(extract_with):
    found = position_keys(extract_with("India will free the Pakistanis only when Islamabad returns its soldiers.",
                                       "kashmir"))
    assert ("India", "offer", "prisoner_release") in found


def test_a_place_left_is_a_withdrawal_but_not_a_place_left_without_something(extract_with):
    assert ("Pakistan", "offer", "troop_withdrawal") in position_keys(
        extract_with("Pakistan offered to leave Kargil within a week.", "kashmir"))
    found = position_keys(extract_with("India rejected any arrangement that would leave Kashmir without guarantees.",
                                       "kashmir"))
    assert not any(issue == "troop_withdrawal" for _, _, issue in found), found
