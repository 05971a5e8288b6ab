"""Fact boxes and transcripts that name a party once for the lines below it, and the words an
eighth round of blind passages showed were missed.

What is read: a "who wants what" box heads each party's section with its name, in capitals or
not, and lists its positions in lines that open with a bullet and have no subject of their own
("* Demands the withdrawal of ...", "* Has offered to free ..."): those are the heading's party's,
also when the parse joins the heading to the line below. A transcript's "SPOKESMAN (General X):"
names its speaker once; "SPOKESMAN:" after it is the same one. "wants the troops to stay until
the army is back and rejects any timetable" rejects the timetable, the one who wants it does; a
refusal with no object answers the last demand also when a clause joined after it names other
issues; "refused to let the accord be signed" refuses the accord; "hostile acts" are military
operations; "the bases must go" and "its troops would come home" are withdrawals; "wants its
supporters freed" frees prisoners if they are described as detained; in a text of hostages with
no prisoners, "will free 75 foreign nationals" frees hostages; "medicines" are aid; "the
repatriation of all prisoners" releases them.

What must stay unread: a section whose heading names no party ("BACKGROUND", "KEY FIGURES"), or
names two, gives its subjectless lines to no one; "in return" returns no one; "the hostages are
ready to die" is no party's offer.

Passages written for these tests, on Sudan, Yemen, Kashmir and Colombia."""
from __future__ import annotations

import pytest

from ..conftest import position_keys

SUDAN_BOX = """FACTBOX - Where the Jeddah talks stand

THE ARMY (General Abdel Fattah al-Burhan)
* Demands the withdrawal of the RSF from Khartoum.
* Rejects any international monitoring of the truce.

RAPID SUPPORT FORCES
* Wants an end to the air strikes on the capital.
* Has offered to free the 200 prisoners it holds.

BACKGROUND
* Rejected a truce in May.
"""


def test_a_fact_box_gives_each_listed_line_to_its_section_party(extract_with):
    found = position_keys(extract_with(SUDAN_BOX, "sudan"))
    assert {("Sudanese Armed Forces", "demand", "troop_withdrawal"), ("Sudanese Armed Forces", "reject", "guarantees"),
            ("Rapid Support Forces", "demand", "military_operations"),
            ("Rapid Support Forces", "offer", "prisoner_release")} <= found


def test_a_heading_naming_no_party_ends_the_section(extract_with):
    found = position_keys(extract_with(SUDAN_BOX, "sudan"))
    assert not {key for key in found if key[1:] == ("reject", "temporary_truce")}


@pytest.mark.parametrize("heading", ["HOUTHIS AND SAUDI ARABIA", "The talks in Muscat resumed on Monday."])
def test_a_heading_of_two_parties_or_a_sentence_speaks_for_no_one(extract_with, heading):
    found = position_keys(extract_with(f"{heading}\n* Rejects any international monitoring of the truce.\n", "yemen"))
    assert not {key for key in found if key[1:] == ("reject", "guarantees")}


@pytest.mark.parametrize(("text", "profile", "expected"), [
    pytest.param("UN PRESS BRIEFING, GENEVA\n\nSPOKESMAN (Hans Grundberg): Good afternoon.\nQ: Oman says Riyadh is ready to "
                 "talk. What now?\nSPOKESMAN: We demand an immediate end to the air strikes on Sanaa.", "yemen",
                 {("United Nations", "demand", "military_operations")}, id="a label shortened after its first use"),
    pytest.param("The army wants the RSF to stay in its barracks until the truce is signed and rejects any "
                 "timetable for its own withdrawal.", "sudan", {("Sudanese Armed Forces", "reject", "troop_withdrawal")},
                 id="a refusal hung on a clause of time"),
    pytest.param("The RSF demanded the release of 40 prisoners. The army refused, an officer said, and the talks "
                 "moved on to the ceasefire.", "sudan", {("Sudanese Armed Forces", "reject", "prisoner_release")},
                 id="refused, with other issues in a clause after it"),
    pytest.param("For weeks Burhan refused to let the Jeddah accord be signed.", "sudan",
                 {("Sudanese Armed Forces", "reject", "temporary_truce")}, id="refused to let it be signed"),
    pytest.param("Pakistan demanded an end to all hostile acts along the Line of Control.", "kashmir",
                 {("Pakistan", "demand", "military_operations")}, id="hostile acts"),
    pytest.param("Islamabad has long insisted that the Indian bases on the glacier must go.", "kashmir",
                 {("Pakistan", "demand", "troop_withdrawal")}, id="the bases must go"),
    pytest.param("India agreed to withdraw its bases from the glacier.", "kashmir",
                 {("India", "accept", "troop_withdrawal")}, id="bases withdrawn"),
    pytest.param("Pakistan demanded that India's troops come home from the glacier.", "kashmir",
                 {("Pakistan", "demand", "troop_withdrawal")}, id="troops coming home"),
    pytest.param("The ELN wants all its detained supporters freed.", "colombia",
                 {("ELN", "demand", "prisoner_release")}, id="wants them freed"),
    pytest.param("Gunmen are holding the crew of a tanker hostage off Aden. The Houthis said the gunmen would free 20 "
                 "foreign nationals if Oman sent a plane.", "yemen", {("Houthis", "offer", "hostage_release")},
                 id="people freed in a text of hostages"),
    pytest.param("The UN asked that medicines be allowed into Taiz.", "yemen",
                 {("United Nations", "demand", "humanitarian_aid")}, id="medicines"),
    pytest.param("The UN urged both sides to complete the repatriation of all prisoners.", "kashmir",
                 {("United Nations", "demand", "prisoner_release")}, id="the repatriation of prisoners"),
])
def test_the_passage_states(extract_with, text, profile, expected):
    assert expected <= position_keys(extract_with(text, profile))


@pytest.mark.parametrize(("text", "profile", "unexpected"), [
    pytest.param("The Houthis asked for a prisoner list, and in return they offered to let two men go.", "yemen",
                 "return_of_displaced", id="in return"),
    pytest.param("Riyadh said it would not free anyone, and that the hostages were ready to die.", "yemen",
                 "hostage_release", id="hostages ready to die"),
])
def test_the_passage_does_not_state(extract_with, text, profile, unexpected):
    assert not {key for key in position_keys(extract_with(text, profile)) if key[2] == unexpected and key[1] != "reject"}
