"""Positions stated without a verb of demanding or offering: a cue noun equated with the issue
("its key demand is X"), impersonal frames ("it is time for ...", "there must be ...", "X is out
of the question"), talks refused or fighting vowed until something happens, the least a party
would accept, a statement that speaks for whoever issued it, captives described by a participle
or handed over, a person "who heads" a party; and what is not held: demands or offers given up,
forecasts, what a relative clause says of people, a text under study, plans for something else, and
a place that only contains an alias ("South Sudan"). Passages written for these tests, on the Line of Control and Western
Sahara."""
from __future__ import annotations

import pytest

from ..conftest import position_keys


@pytest.mark.parametrize(("profile", "text", "expected"), [
    pytest.param("kashmir", "Pakistan's main demand is the withdrawal of Indian troops from the glacier.",
                 ("Pakistan", "demand", "troop_withdrawal"), id="a demand noun equated with the issue"),
    pytest.param("sahara", "A referendum on independence and the return of the refugees are the Polisario "
                 "Front's conditions.", ("Polisario Front", "demand", "return_of_displaced"),
                 id="the issue equated with a condition noun"),
    pytest.param("sahara", "For the Polisario Front, the release of its jailed activists is a precondition "
                 "for any talks.", ("Polisario Front", "demand", "prisoner_release"),
                 id="a precondition 'for' the party who sets it"),
    pytest.param("sahara", "Rabat's offer is a six-month truce monitored by the UN.",
                 ("Morocco", "offer", "temporary_truce"), id="an offer noun equated with the issue"),
    pytest.param("kashmir", "The UN envoy said it was time for both armies to respect the ceasefire.",
                 ("United Nations", "demand", "temporary_truce"), id="it is time for the sides to do it"),
    pytest.param("kashmir", "It is high time the guns fell silent and aid reached the villages, the UN said.",
                 ("United Nations", "demand", "humanitarian_aid"), id="it is high time, said after"),
    pytest.param("sahara", "According to the Polisario Front, there must be a full withdrawal of Moroccan troops "
                 "from the buffer strip.", ("Polisario Front", "demand", "troop_withdrawal"),
                 id="there must be, according to a party"),
    pytest.param("kashmir", "India said there should be an immediate ceasefire along the border.",
                 ("India", "demand", "temporary_truce"), id="there should be, said by a party"),
    pytest.param("kashmir", "Islamabad said there would be no talks until India pulled its troops back.",
                 ("Pakistan", "demand", "troop_withdrawal"), id="no talks until the other side does it"),
    pytest.param("sahara", "The Polisario Front said there can be no negotiations without the release of its "
                 "detained activists.", ("Polisario Front", "demand", "prisoner_release"),
                 id="no negotiations without it"),
    pytest.param("kashmir", "Pakistan issued a statement on Monday evening. The statement demanded that India "
                 "withdraw its troops from the border villages.", ("Pakistan", "demand", "troop_withdrawal"),
                 id="the statement speaks for the party that issued it"),
    pytest.param("sahara", "Rabat released a communique after the meeting. The communique said the Polisario "
                 "Front must hand over its weapons.", ("Morocco", "demand", "disarmament"),
                 id="a communique says what its author demands"),
    pytest.param("kashmir", "India called for the release of the detained fishermen.",
                 ("India", "demand", "prisoner_release"), id="detained people are prisoners"),
    pytest.param("kashmir", "Pakistan has offered to free the captured pilot as a goodwill gesture.",
                 ("Pakistan", "offer", "prisoner_release"), id="a captured person is a prisoner"),
    pytest.param("sahara", "Morocco demanded the release of the kidnapped aid workers.",
                 ("Morocco", "demand", "hostage_release"), id="kidnapped people are hostages"),
    pytest.param("sahara", "Rabat said a withdrawal from the territory was out of the question.",
                 ("Morocco", "reject", "troop_withdrawal"), id="out of the question"),
    pytest.param("kashmir", "India said a UN monitoring mission was unacceptable.",
                 ("India", "reject", "guarantees"), id="unacceptable"),
    pytest.param("sahara", "The Polisario Front said a truce was not on the table.",
                 ("Polisario Front", "reject", "temporary_truce"), id="not on the table"),
    pytest.param("sahara", "Rabat has said it will not negotiate until the Polisario lays down its arms.",
                 ("Morocco", "demand", "disarmament"), id="will not negotiate until"),
    pytest.param("kashmir", "Pakistan vowed to keep shelling the posts unless India pulled its troops back.",
                 ("Pakistan", "demand", "troop_withdrawal"), id="vowed to keep fighting unless"),
    pytest.param("sahara", "The Polisario Front would accept nothing less than a full withdrawal.",
                 ("Polisario Front", "demand", "troop_withdrawal"), id="nothing less than"),
    pytest.param("sahara", "The Polisario Front conditioned its return to the talks on the release of its "
                 "jailed activists.", ("Polisario Front", "demand", "prisoner_release"),
                 id="what a condition is set on is demanded"),
    pytest.param("kashmir", "Pakistan demanded the return of the villagers who fled the shelling.",
                 ("Pakistan", "demand", "return_of_displaced"), id="the return of people who fled"),
    pytest.param("kashmir", "Pakistan's prime minister offered to hand over the captured Indian pilot.",
                 ("Pakistan", "offer", "prisoner_release"), id="handing over a captive releases him"),
    pytest.param("kashmir", "Islamabad brushed aside India's demand for a withdrawal of its troops.",
                 ("Pakistan", "reject", "troop_withdrawal"), id="brushing aside is rejecting"),
    pytest.param("sahara", "Staffan Lind, who heads the UN mission, signed the document on Monday.",
                 ("United Nations", "accept", "temporary_truce"), id="a person who heads a party signs the text"),
    pytest.param("sahara", "The Polisario Front declared an indefinite ceasefire.",
                 ("Polisario Front", "offer", "permanent_ceasefire"), id="an indefinite ceasefire is permanent"),
    pytest.param("kashmir", "The UN called for an immediate and lasting halt to the fighting.",
                 ("United Nations", "demand", "permanent_ceasefire"), id="a lasting halt to the fighting"),
    pytest.param("sahara", "The Polisario Front will insist on the demilitarisation of the capital before talks.",
                 ("Polisario Front", "demand", "troop_withdrawal"), id="demilitarising a city moves forces out"),
    pytest.param("sahara", "Rabat initialled the accord in Geneva on Friday.",
                 ("Morocco", "accept", "temporary_truce"), id="initialling is accepting"),
    pytest.param("sahara", "Rabat said it would not lift the ban before the Polisario committed to a permanent "
                 "ceasefire.", ("Morocco", "demand", "permanent_ceasefire"), id="not before is until"),
    pytest.param("kashmir", "Pakistan demanded the release of hundreds of fishermen still jailed in Gujarat.",
                 ("Pakistan", "demand", "prisoner_release"), id="hundreds of people jailed"),
    pytest.param("kashmir", '"Disarmament has to start on day one," the Indian envoy told reporters.',
                 ("India", "demand", "disarmament"), id="a thing that has to happen"),
    pytest.param("kashmir", "Aid should reach the border villages before winter, the UN said.",
                 ("United Nations", "demand", "humanitarian_aid"), id="a thing that should happen"),
    pytest.param("kashmir", "Pakistani troops will start withdrawing from the border villages on Monday, Pakistan "
                 "said.", ("Pakistan", "offer", "troop_withdrawal"), id="will start doing it"),
    pytest.param("sahara", "The Polisario Front said it would not give up its weapons under Moroccan pressure.",
                 ("Polisario Front", "reject", "disarmament"), id="would not give up its weapons"),
    pytest.param("sahara", '"We will not hand a single rifle to Rabat," the Polisario commander said.',
                 ("Polisario Front", "reject", "disarmament"), id="not a single rifle"),
    pytest.param("kashmir", "India said New Delhi would grant an amnesty to the fishermen and release the Pakistani "
                 "prisoners within 15 days.", ("India", "offer", "prisoner_release"),
                 id="the second of two things it would do"),
    pytest.param("kashmir", "Indian forces would scale back their operations but would not leave the border villages, "
                 "the Indian envoy said.", ("India", "reject", "troop_withdrawal"), id="would not leave"),
    pytest.param("kashmir", "The militants would hold their fire only if Indian forces stopped raids on the villages, "
                 "Pakistan said.", ("Pakistan", "demand", "military_operations"), id="only if"),
    pytest.param("kashmir", "Pakistan has insisted that Indian forces go back to the lines they held before the "
                 "clashes.", ("Pakistan", "demand", "troop_withdrawal"), id="forces go back to their lines"),
    pytest.param("sahara", "Rabat demanded the return of both armies to the positions they held before the fighting.",
                 ("Morocco", "demand", "troop_withdrawal"), id="the return of armies to their positions"),
    pytest.param("sahara", "The Polisario commander said his men would keep their weapons until Moroccan troops had "
                 "left the territory.", ("Polisario Front", "reject", "disarmament"), id="would keep their weapons"),
    pytest.param("sahara", "The Polisario commander said his men would keep their weapons until Moroccan troops had "
                 "left the territory.", ("Polisario Front", "demand", "troop_withdrawal"),
                 id="his men: the party of the one who speaks"),
    pytest.param("kashmir", "India insisted it would not accept a permanent ceasefire.",
                 ("India", "reject", "permanent_ceasefire"), id="insisting on its own refusal"),
    pytest.param("kashmir", "India has agreed to pull two brigades out of the valley.",
                 ("India", "accept", "troop_withdrawal"), id="brigades are forces"),
])
def test_the_passage_states(extract_with, profile, text, expected):
    assert expected in position_keys(extract_with(text, profile))


@pytest.mark.parametrize(("profile", "text"), [
    pytest.param("kashmir", "A withdrawal of troops is not India's priority this winter.", id="a negated equation"),
    pytest.param("kashmir", "It was time for the delegations to leave Geneva before the ceasefire talks resumed.",
                 id="time to do something else"),
    pytest.param("sahara", "There must have been a ceasefire violation near the wall, an observer said.",
                 id="a guess, not an obligation"),
    pytest.param("kashmir", "The statement was read out on state television. It described the ceasefire as "
                 "fragile.", id="a statement with nobody behind it"),
])
def test_the_passage_states_no_demand(extract_with, profile, text):
    assert not [key for key in position_keys(extract_with(text, profile)) if key[1] == "demand"]


@pytest.mark.parametrize(("profile", "text"), [
    pytest.param("sahara", "The army shelled the wall until the Polisario fighters withdrew.", id="a past course"),
    pytest.param("kashmir", "India said it would respond if Pakistani troops attacked its posts.",
                 id="a threat on a condition"),
    pytest.param("sahara", "Rabat said a truce was on the table.", id="on the table"),
])
def test_a_condition_told_or_feared_is_no_demand(extract_with, profile, text):
    assert not [key for key in position_keys(extract_with(text, profile)) if key[1] in ("demand", "reject")]


@pytest.mark.parametrize(("text", "issue"), [
    ("Morocco dropped its demand for a withdrawal of the Polisario fighters.", "troop_withdrawal"),
    ("The Polisario Front withdrew its offer of a truce.", "temporary_truce"),
    ("The Polisario Front backed away from its offer of a truce.", "temporary_truce"),
])
def test_a_demand_or_offer_given_up_is_not_held(extract_with, text, issue):
    assert not [key for key in position_keys(extract_with(text, "sahara")) if key[2] == issue]


def test_what_a_relative_clause_says_of_people_is_not_asked_for(extract_with):
    found = position_keys(extract_with("Pakistan demanded the return of the villagers who fled the shelling.", "kashmir"))
    assert not [key for key in found if key[2] == "military_operations"]


@pytest.mark.parametrize("text", ["Rabat is unlikely to accept the UN truce plan, diplomats said.",
                                  "The Polisario Front is likely to sign the ceasefire agreement next week."])
def test_a_forecast_is_no_position(extract_with, text):
    assert not [key for key in position_keys(extract_with(text, "sahara")) if key[1] == "accept"]


@pytest.mark.parametrize(("profile", "text"), [
    pytest.param("sahara", "The Polisario Front asked for two days to study the UN text.", id="under study"),
    pytest.param("kashmir", "NATO might revisit its plans for closer ties with India, Pakistan said.",
                 id="plans for something else"),
])
def test_the_passage_states_nothing_of_these_parties(extract_with, profile, text):
    assert not position_keys(extract_with(text, profile))


def test_the_frame_says_who_asks_and_what_is_asked_of_whom(extract_with):
    found = position_keys(extract_with("The UN envoy said it was time for India to accept the truce plan.", "kashmir"))
    assert ("United Nations", "demand", "temporary_truce") in found
    assert ("India", "accept", "temporary_truce") not in found


def test_arrested_protesters_are_not_every_captive(extract_with):
    found = position_keys(extract_with("Morocco refused to release the stolen vehicles.", "sahara"))
    assert not any(issue in ("prisoner_release", "hostage_release") for _, _, issue in found)


def test_a_compass_word_before_an_alias_makes_another_place():
    from ceasetalk.core.mentions import party_mentions
    from ceasetalk.core.nlp import load_pipeline, sentences
    from ceasetalk.core.profiles import resolve_profile

    profile = resolve_profile("gaza")
    doc = load_pipeline(profile).nlp("Families in East Jerusalem waited. Jerusalem rejected the plan.")
    first, second = (party_mentions(sent, profile) for sent in sentences(doc))
    assert first == [] and [m.party for m in second] == ["Israel"]


def test_what_a_refusal_awaits_is_not_yet_offered(extract_with):
    found = position_keys(extract_with("Rabat said it would not lift the ban before the Polisario committed to a permanent "
                                       "ceasefire.", "sahara"))
    assert ("Polisario Front", "offer", "permanent_ceasefire") not in found


@pytest.mark.parametrize(("text", "absent"), [
    ("Pakistan demanded the withdrawal of terrorism charges against its officers.",
     ("Pakistan", "demand", "troop_withdrawal")),
    ("India said it would free the fishermen once a final peace agreement is signed.",
     ("India", "accept", "permanent_ceasefire")),
    ("India demanded international monitors. Pakistan said its troops would withdraw to the positions they held "
     "before the war.", ("Pakistan", "offer", "guarantees")),
    ("Pakistan insists any agreement must be based on a withdrawal of Indian troops.",
     ("Pakistan", "demand", "temporary_truce")),
    ("India said it would free the prisoners it holds once a final peace agreement is signed.",
     ("India", "accept", "permanent_ceasefire")),
    ("India insisted it would not accept a permanent ceasefire.", ("India", "demand", "permanent_ceasefire")),
])
def test_what_the_sentence_does_not_hold(extract_with, text, absent):
    assert absent not in position_keys(extract_with(text, "kashmir"))


def test_delegations_going_back_to_the_table_withdraw_nothing(extract_with):
    found = position_keys(extract_with("India said its delegation would go back to the table on Monday.", "kashmir"))
    assert not [key for key in found if key[2] == "troop_withdrawal"]


@pytest.mark.parametrize(("first", "issue"), [
    ("The two sides negotiated a peace agreement in Geneva for a year.", "permanent_ceasefire"),
    ("The two sides negotiated a ceasefire agreement in Geneva for a week.", "temporary_truce"),
])
def test_the_agreement_is_the_deal_last_named(extract_with, first, issue):
    found = position_keys(extract_with(first + " The UN envoy urged the Polisario Front to sign the agreement.", "sahara"))
    assert ("United Nations", "demand", issue) in found
    other = "temporary_truce" if issue == "permanent_ceasefire" else "permanent_ceasefire"
    assert ("United Nations", "demand", other) not in found
