"""Orders, agendas, asides and transcripts.

What is read: a party ordering its own side to stop or pull back offers it, and so does one that
suspended its operations ("he", the subject named earlier in the sentence); keeping to a truce
("will abide by", "would respect") accepts it; forces wanted "out" are a withdrawal asked for; a
list after a colon is what the cue before the colon governs ("wanting two things: A and B"); a
durable peace is the war's end; refusing to discuss an issue rejects it; forces separated are
withdrawn; a speaker named in an aside hung on the sentence's root ("..., the minister says,
unless ...") holds what the sentence says, and so does a transcript's speaker label ("A:" for
the one interviewed, a label that names a party for it); "there is no question of X" rejects X
and "the only way forward is X" asks for it, said by whoever says it or by the subject of the
clause it is joined to; what "is acceptable" is accepted; captives named once and then called
"them" are still captives, and so are people of a nation set free.

What must stay unread: an order to attack, a line that separates two armies, "them" for people
who are not held, "the only question", a nation freed from poverty, a truce that only dates
something ("by the end of the truce"), a truce that observers are offered to watch, "shelter"
and "fuel" as verbs, forces "ruled out", a lone dateline ("ISLAMABAD: ...") taken for a speaker.

Passages written for these tests, on the Line of Control."""
from __future__ import annotations

import pytest

from ..conftest import position_keys


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("India's prime minister has ordered a halt to offensive operations.",
                 ("India", "offer", "military_operations"), id="ordered a halt"),
    pytest.param("Pakistan has ordered its troops to stop offensive operations.",
                 ("Pakistan", "offer", "military_operations"), id="ordered troops to stop"),
    pytest.param("Pakistan ordered its army to withdraw from the ridge.",
                 ("Pakistan", "offer", "troop_withdrawal"), id="ordered a withdrawal"),
    pytest.param("India ordered the release of 50 Pakistani prisoners.",
                 ("India", "offer", "prisoner_release"), id="ordered a release"),
    pytest.param("Islamabad has so far refused to discuss the prisoners until the observers are deployed.",
                 ("Pakistan", "reject", "prisoner_release"), id="refused to discuss"),
    pytest.param("India and Pakistan agreed to an immediate ceasefire and to separate their forces along the line.",
                 ("Pakistan", "accept", "troop_withdrawal"), id="forces separated"),
    pytest.param("Pakistan insists on the immediate separation of forces in the valley.",
                 ("Pakistan", "demand", "troop_withdrawal"), id="a separation of forces"),
    pytest.param("Pulling back from the glacier is not on the table, Pakistan says, unless Indian units also "
                 "withdraw to their old positions.", ("Pakistan", "reject", "troop_withdrawal"),
                 id="a speaker in an aside"),
    pytest.param("Pakistan will abide by the ceasefire once the assembly approves it.",
                 ("Pakistan", "accept", "temporary_truce"), id="abiding by a truce accepts it"),
    pytest.param("India said its forces would respect the truce along the whole line.",
                 ("India", "accept", "temporary_truce"), id="respecting a truce accepts it"),
    pytest.param("India still wants every Pakistani soldier out of Kashmir.",
                 ("India", "demand", "troop_withdrawal"), id="forces wanted out"),
    pytest.param("Pakistan came to the talks wanting two things above all: the return of the prisoners, and the "
                 "withdrawal of Indian forces from the valley.", ("Pakistan", "demand", "troop_withdrawal"),
                 id="a list after a colon, wanted"),
    pytest.param("India has set three conditions: a ceasefire, the release of prisoners and the withdrawal of troops.",
                 ("India", "demand", "prisoner_release"), id="a list after a colon, of conditions"),
    pytest.param("India insisted that the two countries commit themselves to a durable peace.",
                 ("India", "demand", "permanent_ceasefire"), id="a durable peace"),
    pytest.param("Pakistan's army chief spoke first. Then India's prime minister ordered the army to resume shelling; "
                 "last week he suspended the shelling again.", ("India", "offer", "military_operations"),
                 id="a pause in the past, by the subject named earlier in the sentence"),
    pytest.param("India wants a bilateral and definitive ceasefire now.", ("India", "demand", "permanent_ceasefire"),
                 id="a bilateral and definitive ceasefire"),
    pytest.param("India has offered to pardon 30 jailed Pakistani fishermen as a goodwill gesture.",
                 ("India", "offer", "prisoner_release"), id="a pardon"),
    pytest.param("India and Pakistan agreed to the deployment of an observer team to verify the ceasefire.",
                 ("Pakistan", "accept", "temporary_truce"), id="a truce verified, accepted"),
    pytest.param("The UN says it is ready to send military observers to supervise the ceasefire.",
                 ("United Nations", "offer", "guarantees"), id="observers offered"),
    pytest.param("India said there was no question of a ceasefire.", ("India", "reject", "temporary_truce"),
                 id="no question of"),
    pytest.param("Pakistan will not accept any change to the line, and there is no question of its troops withdrawing "
                 "from the glacier.", ("Pakistan", "reject", "troop_withdrawal"), id="no question of, in a joined clause"),
    pytest.param("India said the only way forward is the complete disengagement of troops.",
                 ("India", "demand", "troop_withdrawal"), id="the only way forward"),
    pytest.param("Pakistani negotiators say handing over weapons to a neutral team is acceptable, but not to the "
                 "police.", ("Pakistan", "accept", "disarmament"), id="acceptable"),
    pytest.param("Pakistan says it holds seven Indian fishermen seized last month and has offered to free them.",
                 ("Pakistan", "offer", "prisoner_release"), id="captives called 'them'"),
    pytest.param("Pakistan holds 40 Indian prisoners. India wants them released before it signs anything.",
                 ("India", "demand", "prisoner_release"), id="'them' in the next sentence"),
    pytest.param("India will free the Pakistanis only when Islamabad returns its soldiers.",
                 ("India", "offer", "prisoner_release"), id="a nationality set free"),
    pytest.param("India demanded that Pakistan free the Indians held in its jails.",
                 ("India", "demand", "prisoner_release"), id="people held, parsed as a clause"),
    pytest.param("Some 300 Indians are held in Pakistani camps and India wants them freed.",
                 ("India", "demand", "prisoner_release"), id="'them' for people held"),
])
def test_the_passage_states(extract_with, text, expected):
    assert expected in position_keys(extract_with(text, "kashmir"))


def test_a_truce_watched_by_observers_offered_is_not_offered(extract_with):
    found = position_keys(extract_with("The UN says it is ready to send military observers to supervise the ceasefire.",
                                       "kashmir"))
    assert ("United Nations", "offer", "temporary_truce") not in found


@pytest.mark.parametrize("text", [
    "Pakistan ordered a new offensive on the ridge.",
    "India ordered its troops to resume operations.",
    "India accepted the line separating the two armies.",
    "The villagers fled to the camps. India wants them released.",
    "India said the only question is whether the truce holds.",
    "India demanded that Pakistan free the Pakistanis from poverty.",
    "Pakistan will withdraw its delegation by the end of the truce.",
    "The envoy, in a televised address: the talks resume on Monday.",
    "India has suspended its talks with Pakistan.",
    "India will not accept that these troops be used to shelter the militants.",
    "India accused Pakistan of trying to fuel the fighting.",
    "Pakistan ruled out foreign troops.",
])
def test_the_passage_states_nothing(extract_with, text):
    assert position_keys(extract_with(text, "kashmir")) == set()


INTERVIEW = """Talks at the line

Pakistan's foreign minister spoke to us after the talks.

Q: India says the ceasefire is not holding. Is it still alive?
A: We signed it and we are committed to it.
"""

BRIEFING = """Briefing

Pakistan spokesman: There is no question of our troops withdrawing from the glacier.
Reporter: And the prisoners?
Pakistan spokesman: We will free them when India frees ours.
"""


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(INTERVIEW, {("Pakistan", "accept", "temporary_truce")}, id="A: is the one interviewed"),
    pytest.param(BRIEFING, {("Pakistan", "reject", "troop_withdrawal"), ("Pakistan", "offer", "prisoner_release")},
                 id="a label naming a party speaks for it"),
])
def test_a_transcript_speaks_through_its_labels(extract_with, text, expected):
    assert position_keys(extract_with(text, "kashmir")) == expected


def test_one_label_is_a_dateline_not_a_speaker(extract_with):
    text = "Talks resume\n\nISLAMABAD: There is no question of troops withdrawing, a retired general told a seminar.\n"
    assert position_keys(extract_with(text, "kashmir")) == set()
