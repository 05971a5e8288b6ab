"""Positions: holders through the parse, negation, back-references, reported speech, conditions."""
from __future__ import annotations

from ..conftest import position_keys


def test_subject_of_the_cue_holds_the_position_not_the_nearest_party(extract_with):
    found = position_keys(extract_with("Kyiv has called for the withdrawal of Russian troops from the occupied regions.",
                                       "ukraine"))
    assert found == {("Ukraine", "demand", "troop_withdrawal")}


def test_cannot_accept_is_a_rejection(extract_with):
    found = position_keys(extract_with("Moscow cannot accept a ceasefire that leaves Ukrainian forces in Kursk, "
                                       "the Kremlin said.", "ukraine"))
    assert ("Russia", "reject", "temporary_truce") in found
    assert ("Russia", "accept", "temporary_truce") not in found


def test_not_confirming_is_no_acceptance(extract_with):
    found = position_keys(extract_with("The RSF has not confirmed the truce proposal, a spokesman said.", "sudan"))
    assert not any(stance == "accept" for _, stance, _ in found)


def test_back_reference_takes_the_other_sides_demands(extract_with):
    text = ("The RSF has demanded a nationwide ceasefire and the return of displaced families to Khartoum. "
            "The army has rejected both of these demands.")
    found = position_keys(extract_with(text, "sudan"))
    assert ("Rapid Support Forces", "demand", "return_of_displaced") in found
    assert ("Sudanese Armed Forces", "reject", "return_of_displaced") in found
    assert ("Sudanese Armed Forces", "reject", "permanent_ceasefire") in found  # a nationwide ceasefire


def test_pronoun_and_epithet_resolve_to_the_party_named_before(extract_with):
    text = "The RSF met Saudi mediators in Jeddah on Monday. The paramilitary group said it was ready to release prisoners."
    assert ("Rapid Support Forces", "offer", "prisoner_release") in position_keys(extract_with(text, "sudan"))


def test_reported_speech_belongs_to_the_speaker(extract_with):
    text = ("The Houthis will never give up their weapons, Mohammed Abdulsalam said, insisting that Saudi Arabia "
            "must lift the blockade.")
    found = position_keys(extract_with(text, "yemen"))
    assert ("Houthis", "demand", "humanitarian_aid") in found


def test_what_is_asked_in_exchange_is_a_demand(extract_with):
    found = position_keys(extract_with("Russia offered a 30-day truce in exchange for a halt to arms deliveries and the "
                                       "release of Russian prisoners.", "ukraine"))
    assert ("Russia", "offer", "temporary_truce") in found
    assert ("Russia", "demand", "prisoner_release") in found


def test_conditions_are_demands_and_hypotheticals_state_nothing(extract_with):
    text = ("Colombia's government offered to suspend military operations if the ELN releases all hostages. "
            "If the ELN accepts the truce, talks could resume.")
    found = position_keys(extract_with(text, "colombia"))
    assert ("Colombia", "offer", "military_operations") in found
    assert ("Colombia", "demand", "hostage_release") in found
    assert not any(party == "ELN" and stance == "accept" for party, stance, _ in found)


def test_rather_than_marks_what_is_refused(extract_with):
    text = ("Israel has been insisting that any agreement would only include a pause in fighting rather than a "
            "permanent end to hostilities.")
    found = position_keys(extract_with(text))
    assert ("Israel", "reject", "permanent_ceasefire") in found
    assert ("Israel", "demand", "permanent_ceasefire") not in found


def test_both_sides_are_the_two_belligerents_last_named(extract_with):
    text = "Russian and Ukrainian delegations met in Istanbul. The two sides agreed to exchange 1,000 prisoners of war each."
    found = position_keys(extract_with(text, "ukraine"))
    assert {("Russia", "accept", "prisoner_release"), ("Ukraine", "accept", "prisoner_release")} <= found


def test_a_party_pressing_another_to_accept_demands_it(extract_with):
    found = position_keys(extract_with("Washington has pressed the RSF to accept the latest Saudi proposal.", "sudan"))
    assert ("United States", "demand", "temporary_truce") in found
    assert not any(party == "Rapid Support Forces" for party, _, _ in found)


def test_records_carry_sentence_offsets_actor_and_date(extract_with):
    text = "Talks resumed in Doha.\nOn Sunday, the Houthi movement demanded that Riyadh pay public salaries."
    extraction = extract_with(text, "yemen", published="2023-04-08")
    (position,) = [p for p in extraction.positions if p.issue == "humanitarian_aid"]
    assert text[position.start:position.end] == position.sentence
    assert position.actor == "Houthi movement"
    assert position.date == "2023-04-02"  # the Sunday before Saturday 8 April


def test_declaring_a_ceasefire_offers_it_but_announcing_news_offers_nothing(extract_with):
    found = position_keys(extract_with("The RSF declared a 72-hour humanitarian truce on Sunday.", "sudan"))
    assert ("Rapid Support Forces", "offer", "temporary_truce") in found
    found = position_keys(extract_with("The RSF announced that the truce had collapsed.", "sudan"))
    assert not found


def test_agreeing_a_peace_treaty_accepts_an_end_to_the_war(extract_with):
    found = position_keys(extract_with("Kyiv and Moscow said they had agreed the text of a peace treaty.", "ukraine"))
    assert {("Ukraine", "accept", "permanent_ceasefire"), ("Russia", "accept", "permanent_ceasefire")} <= found
