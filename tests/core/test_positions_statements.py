"""Statements printed in full, notes and lists, refusals said in passing, agreements signed by two
sides, and captives named in other words than "prisoners" or "hostages".

What is read: a statement headed "Joint statement by X and Y" speaks for both in its "we", up to a
labelled note after it, and a heading in capitals names them too; "their note demanded ..." is the
demand of the party "their" stands for; "insists that the rebels be disarmed and refuses any
guarantee" refuses the guarantee, and it is the one insisting who refuses (the parse hangs the
refusal on the subjunctive); "refused at once" or "refused on Monday" answers what was last demanded,
while "was rebuffed" refuses nothing; "would not agree to a truce until ..." refuses the truce now and
asks for the condition; an agreement "signed by X and Y" is accepted by both, also as the subject of
"is meant to"; "will disarm", "will not act as guarantor" are offers (and their refusal); a pronoun
subject next to the verb is its subject when the parse gave the verb two; people "held in its
prisons" and rebels "it is holding" freed are prisoners released; "every hostage be freed" asks for
the hostages; "a declaration by X and Y" and "a letter from X" speak for who wrote them; assurances
or guarantees given or provided are offered; a quotation that opens right after the sentence that
attributed the one before goes on with the same speaker's words.

What must stay unread: a headline reporting a statement ("Pakistan issues statement") gives its
"we" no issuer; "hostage talks" and "took people hostage" name no release.

Passages written for these tests, on Kashmir, Sudan, Yemen, Colombia and
the Congo."""
from __future__ import annotations

import pytest

from ..conftest import position_keys


@pytest.mark.parametrize(("text", "profile", "expected"), [
    pytest.param("Joint statement by India and Pakistan\n\nWe call on all armed groups to refrain from air "
                 "operations along the Line of Control.", "kashmir",
                 {("India", "demand", "military_operations"), ("Pakistan", "demand", "military_operations")},
                 id="a joint statement's we"),
    pytest.param("JOINT COMMUNIQUE OF THE GOVERNMENTS OF INDIA AND PAKISTAN\n\nWe call on all armed groups to "
                 "refrain from air operations.", "kashmir",
                 {("India", "demand", "military_operations"), ("Pakistan", "demand", "military_operations")},
                 id="a heading in capitals"),
    pytest.param("The RSF commanders met at dawn. Their note demanded the withdrawal of the army from the "
                 "capital.", "sudan", {("Rapid Support Forces", "demand", "troop_withdrawal")}, id="their note"),
    pytest.param("The army insists that the RSF be disarmed first and refuses any international guarantee.", "sudan",
                 {("Sudanese Armed Forces", "demand", "disarmament"), ("Sudanese Armed Forces", "reject", "guarantees")},
                 id="a finite verb after a subjunctive"),
    pytest.param("The RSF demanded the release of 40 prisoners. The army refused at once.", "sudan",
                 {("Sudanese Armed Forces", "reject", "prisoner_release")}, id="refused at once"),
    pytest.param("The RSF demanded the release of 40 prisoners. The army refused on Monday.", "sudan",
                 {("Sudanese Armed Forces", "reject", "prisoner_release")}, id="refused on a day"),
    pytest.param("Pakistan said it would not agree to a truce until every Indian soldier had left Pakistani territory.",
                 "kashmir", {("Pakistan", "reject", "temporary_truce"), ("Pakistan", "demand", "troop_withdrawal")},
                 id="not until"),
    pytest.param("The peace agreement signed in Havana by the Colombian government and the ELN is meant to end decades "
                 "of war.", "colombia", {("Colombia", "accept", "permanent_ceasefire"),
                                         ("ELN", "accept", "permanent_ceasefire")},
                 id="signed by both, the subject of a frame"),
    pytest.param("The ceasefire was signed on Sunday by the government of the Democratic Republic of Congo and M23.",
                 "drc", {("DR Congo", "accept", "temporary_truce"), ("M23", "accept", "temporary_truce")},
                 id="signed by a government of X and Y"),
    pytest.param("Antonio Garcia spoke by radio. He says his fighters will disarm only once international monitors "
                 "are in place.", "colombia", {("ELN", "offer", "disarmament")}, id="will disarm once"),
    pytest.param("Riyadh will not act as guarantor of any settlement.", "yemen",
                 {("Saudi Arabia", "reject", "guarantees")}, id="will not act as guarantor"),
    pytest.param("The following interview with Saudi Arabia's foreign minister was recorded in Riyadh.\nQ: How was it "
                 "done?\nA: With the help of Oman, which brought Mohammed Abdulsalam and Abdulmalik al-Houthi to Muscat, "
                 "we offered them a guarantee of safe conduct.", "yemen",
                 {("Saudi Arabia", "offer", "guarantees")}, id="a pronoun subject next to the verb"),
    pytest.param("The ELN offered to free the sympathisers still held in its prisons.", "colombia",
                 {("ELN", "offer", "prisoner_release")}, id="people held in prisons"),
    pytest.param("Colombia's government said it was ready to free the 60 rebels it is holding.", "colombia",
                 {("Colombia", "offer", "prisoner_release")}, id="rebels it is holding"),
    pytest.param("The UN insisted that every hostage be freed before the talks resume.", "yemen",
                 {("United Nations", "demand", "hostage_release")}, id="every hostage"),
    pytest.param("A joint declaration by India and Pakistan, read out in Tashkent, demanded the release of all "
                 "prisoners.", "kashmir", {("India", "demand", "prisoner_release"), ("Pakistan", "demand",
                                                                                    "prisoner_release")},
                 id="a declaration by two parties"),
    pytest.param("A letter from the ELN asked for the release of its jailed commanders.", "colombia",
                 {("ELN", "demand", "prisoner_release")}, id="a letter from a party"),
    pytest.param("Pakistan gave assurances that its troops would respect the Line of Control.", "kashmir",
                 {("Pakistan", "offer", "guarantees")}, id="assurances given"),
    pytest.param("India proposed talks in Simla. \"The ceasefire must come first,\" the Pakistani foreign minister said."
                 "\n\n\"We want every prisoner of war freed before anything else.\"", "kashmir",
                 {("Pakistan", "demand", "prisoner_release")}, id="a quotation going on after its attribution"),
])
def test_the_passage_states(extract_with, text, profile, expected):
    assert expected <= position_keys(extract_with(text, profile))


@pytest.mark.parametrize(("text", "profile", "unexpected"), [
    pytest.param("Pakistan issues statement on the glacier\n\nIndia shelled the glacier. We call on all armed groups "
                 "to refrain from air operations.", "kashmir", ("Pakistan", "demand", "military_operations"),
                 id="a headline reporting a statement"),
    pytest.param("The RSF demanded the release of 40 prisoners. The US envoy made the same appeal to the army and was "
                 "rebuffed in the same way.", "sudan", ("United States", "reject", "prisoner_release"),
                 id="was rebuffed"),
    pytest.param("The army insists that the RSF be disarmed first and refuses any international guarantee.", "sudan",
                 ("Sudanese Armed Forces", "demand", "guarantees"), id="the refusal is no demand"),
    pytest.param("The Houthis took 30 fishermen hostage and Riyadh demanded a ceasefire.", "yemen",
                 ("Saudi Arabia", "demand", "hostage_release"), id="took hostage"),
    pytest.param("Riyadh wants hostage talks to resume in Muscat.", "yemen",
                 ("Saudi Arabia", "demand", "hostage_release"), id="hostage talks"),
    pytest.param("India proposed talks in Simla. \"The ceasefire must come first,\" the Pakistani foreign minister said."
                 "\n\n\"We want every prisoner of war freed before anything else.\"", "kashmir",
                 ("India", "demand", "prisoner_release"), id="the quotation's 'we' is its speaker's"),
])
def test_the_passage_does_not_state(extract_with, text, profile, unexpected):
    assert unexpected not in position_keys(extract_with(text, profile))
