"""Offers made with the issue's own verb, answers without an object, demands listed in a relative
clause, deals about something else, and times and background that are no stance. Passages written
for these tests, on the Line of Control and Western Sahara."""
from __future__ import annotations

import pytest

from ..conftest import position_keys


@pytest.mark.parametrize(("profile", "text", "expected"), [
    pytest.param("kashmir", "India would release the prisoners if Pakistan did the same, the foreign ministry said.",
                 ("India", "offer", "prisoner_release"), id="a modal verb of the issue itself is the offer"),
    pytest.param("kashmir", "Pakistani officials said Islamabad would pull its troops back from the Line of Control.",
                 ("Pakistan", "offer", "troop_withdrawal"), id="a modal withdrawal of troops is offered"),
    pytest.param("sahara", "Rabat confirmed the truce reached with the Polisario Front late on Sunday.",
                 ("Morocco", "accept", "temporary_truce"), id="an accord reached with a party is accepted"),
    pytest.param("kashmir", "The UN envoy implored India and Pakistan to respect the ceasefire.",
                 ("United Nations", "demand", "temporary_truce"), id="imploring is demanding"),
    pytest.param("kashmir", "The truce plan was developed by the United Nations and its partners.",
                 ("United Nations", "offer", "temporary_truce"), id="a plan developed by a party is its offer"),
    pytest.param("sahara", "Rabat has demanded that the Polisario Front disarm its fighters. The Polisario Front "
                 "refused.", ("Polisario Front", "reject", "disarmament"),
                 id="a refusal with nothing after it answers the last demand"),
    pytest.param("sahara", "The Polisario Front refused to relinquish control of the buffer strip.",
                 ("Polisario Front", "reject", "troop_withdrawal"), id="refusing to give up control rejects a withdrawal"),
])
def test_the_passage_states(extract_with, profile, text, expected):
    assert expected in position_keys(extract_with(text, profile))


@pytest.mark.parametrize("text", [
    "India will withdraw its high commissioner from Islamabad.",
    "Pakistan said it would pull out of the talks in Geneva.",
])
def test_withdrawing_a_diplomat_or_from_talks_is_no_troop_withdrawal(extract_with, text):
    assert not any(issue == "troop_withdrawal" for _, _, issue in position_keys(extract_with(text, "kashmir")))


def test_far_from_accepting_is_a_rejection(extract_with):
    found = position_keys(extract_with("Rabat remains far from accepting the UN ceasefire plan.", "sahara"))
    assert ("Morocco", "reject", "temporary_truce") in found
    assert ("Morocco", "accept", "temporary_truce") not in found


def test_conditions_that_include_an_issue_demand_it_but_a_deal_that_includes_one_does_not(extract_with):
    found = position_keys(extract_with("The Polisario Front restated its conditions, which include the withdrawal of "
                                       "Moroccan troops from the buffer strip.", "sahara"))
    assert ("Polisario Front", "demand", "troop_withdrawal") in found
    found = position_keys(extract_with("Morocco signed an agreement that includes a prisoner exchange.", "sahara"))
    assert ("Morocco", "demand", "prisoner_release") not in found


def test_a_deal_about_something_else_is_no_truce(extract_with):
    found = position_keys(extract_with("Pakistan rejected the Indian water-sharing proposal.", "kashmir"))
    assert not any(issue == "temporary_truce" for _, _, issue in found)
    found = position_keys(extract_with("Pakistan accepted the three-stage proposal.", "kashmir"))
    assert ("Pakistan", "accept", "temporary_truce") in found


def test_an_issue_named_as_a_time_is_nothing_a_later_reference_points_to(extract_with):
    found = position_keys(extract_with("The talks resumed in Geneva after the 2003 ceasefire. India dismissed the idea.",
                                       "kashmir"))
    assert ("India", "reject", "temporary_truce") not in found


def test_the_end_of_a_truce_is_a_time_not_an_offer_of_it(extract_with):
    found = position_keys(extract_with("Pakistan will release the prisoners by the end of the truce.", "kashmir"))
    assert ("Pakistan", "offer", "prisoner_release") in found
    assert ("Pakistan", "offer", "temporary_truce") not in found


def test_a_mediators_package_offers_both_halves(extract_with):
    found = position_keys(extract_with("The UN envoy proposed a ceasefire in exchange for the withdrawal of troops from "
                                       "the glacier.", "kashmir"))
    assert {("United Nations", "offer", "temporary_truce"), ("United Nations", "offer", "troop_withdrawal")} <= found
    assert ("United Nations", "demand", "troop_withdrawal") not in found
    # a belligerent's own package still asks for what it wants in return
    found = position_keys(extract_with("India offered a truce in exchange for the withdrawal of Pakistani troops.", "kashmir"))
    assert ("India", "demand", "troop_withdrawal") in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Rabat demanded the release of the two officers held by the Polisario Front.",
     ("Morocco", "demand", "prisoner_release")),
    ("The Polisario Front agreed to free the Moroccan soldiers it captured in 1989.",
     ("Polisario Front", "accept", "prisoner_release")),
    ("Rabat offered to free the two crewmen held hostage in Tindouf.", ("Morocco", "offer", "hostage_release")),
])
def test_people_described_as_held_are_captives(extract_with, text, expected):
    assert expected in position_keys(extract_with(text, "sahara"))


def test_land_held_by_an_army_is_no_captive(extract_with):
    assert not position_keys(extract_with("India has refused to release the land held by the army.", "kashmir"))


@pytest.mark.parametrize("text", [
    "Pakistan welcomed India's proposal to discuss the release of prisoners.",
    "India offered to negotiate a prisoner exchange.",
])
def test_what_is_put_on_the_agenda_is_neither_offered_nor_accepted(extract_with, text):
    found = position_keys(extract_with(text, "kashmir"))
    assert not any(stance in ("offer", "accept") for _, stance, _ in found), found


def test_a_proposal_to_release_is_still_an_offer(extract_with):
    found = position_keys(extract_with("India's proposal to release the prisoners was welcomed by Pakistan.", "kashmir"))
    assert ("India", "offer", "prisoner_release") in found


@pytest.mark.parametrize("text", [
    "Talks resumed in Geneva on Monday. “We demand the withdrawal of Moroccan troops from the buffer strip. We will "
    "never accept a truce that leaves them there,” the Polisario Front's negotiator said.",
    "The Polisario Front's negotiator said: “We demand the withdrawal of Moroccan troops. We will never accept a truce "
    "that leaves them in the buffer strip.”",
])
def test_we_in_a_quotation_over_several_sentences_is_its_speaker(extract_with, text):
    found = position_keys(extract_with(text, "sahara"))
    assert {("Polisario Front", "demand", "troop_withdrawal"), ("Polisario Front", "reject", "temporary_truce")} <= found
    assert not any(party == "Morocco" for party, _, _ in found)


def test_a_quotation_attributed_to_he_speaks_for_the_party_named_before_it(extract_with):
    text = ("Rabat's envoy met the mediators on Monday. “We will not withdraw our troops from the buffer strip. "
            "Our soldiers stay where they are,” he said.")
    assert ("Morocco", "reject", "troop_withdrawal") in position_keys(extract_with(text, "sahara"))


def test_will_not_is_a_refusal_of_the_issue_the_verb_names(extract_with):
    found = position_keys(extract_with("Rabat said it will not withdraw its troops from the buffer strip.", "sahara"))
    assert ("Morocco", "reject", "troop_withdrawal") in found


@pytest.mark.parametrize("text", [
    "India said Pakistan has to withdraw its troops from the glacier.",
    "India said Pakistan needs to withdraw its troops from the glacier.",
])
def test_has_to_and_needs_to_in_reported_speech_are_the_speakers_demand(extract_with, text):
    assert ("India", "demand", "troop_withdrawal") in position_keys(extract_with(text, "kashmir"))


def test_a_duty_the_speaker_names_for_itself_is_no_demand(extract_with):
    found = position_keys(extract_with("Pakistan said it had to release the prisoners after the court ruling.", "kashmir"))
    assert ("Pakistan", "demand", "prisoner_release") not in found


@pytest.mark.parametrize("text", [
    "India said Pakistan must agree to a ceasefire.",
    "India said Pakistan has to agree to a ceasefire.",
])
def test_an_acceptance_someone_must_make_is_demanded_not_made(extract_with, text):
    found = position_keys(extract_with(text, "kashmir"))
    assert ("India", "demand", "temporary_truce") in found
    assert ("Pakistan", "accept", "temporary_truce") not in found


def test_the_second_of_two_things_urged_is_demanded_too(extract_with):
    found = position_keys(extract_with("The UN urged both sides to respect the truce and reach an agreement on the release "
                                       "of prisoners.", "kashmir"))
    assert {("United Nations", "demand", "temporary_truce"), ("United Nations", "demand", "prisoner_release")} <= found
