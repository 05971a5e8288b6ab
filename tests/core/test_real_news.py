"""The classes of language real negotiation news uses, one test per rule, in passages written here
about an invented conflict (Valdoria and the Northern Front, mediated by Norvia and the Regional
Union) or about conflicts outside the dev corpus's articles. Each asserts what is found and, where
the rule is about what must not be found, that it is not."""
from __future__ import annotations

import pytest

from ..conftest import position_keys


def _figures(extraction) -> set[tuple[str, int]]:
    return {(f.metric, f.value) for f in extraction.figures}


def positions(extract_with, text: str) -> set[tuple[str, str, str]]:
    return position_keys(extract_with(text, "valdoria", published="2031-03-04"))


# -- who speaks -------------------------------------------------------------------------------------


def test_two_subjects_in_a_headline_both_agree(extract_with):
    found = positions(extract_with, "Valdorian government, rebels agree on humanitarian access to the north")
    assert {("Valdoria", "accept", "humanitarian_aid"), ("Northern Front", "accept", "humanitarian_aid")} <= found


def test_parties_named_right_before_a_verb_the_parse_left_without_subject(extract_with):
    text = "After long talks in Lund, Valdoria and the Northern Front agreed on a ceasefire in the valley."
    found = positions(extract_with, text)
    assert {("Valdoria", "accept", "temporary_truce"), ("Northern Front", "accept", "temporary_truce")} <= found
    assert ("Norvia", "accept", "temporary_truce") not in found  # "in Lund" only places the talks


def test_an_agreement_reported_by_a_mediator_belongs_to_the_two_sides(extract_with):
    text = ("Valdoria and the Northern Front met in Lund on Monday. A ceasefire has been agreed in the valley, "
            "the Norvian envoy said.")
    found = positions(extract_with, text)
    assert ("Valdoria", "accept", "temporary_truce") in found and ("Northern Front", "accept", "temporary_truce") in found
    assert ("Norvia", "accept", "temporary_truce") not in found


def test_a_deal_signed_between_two_parties_is_accepted_by_both(extract_with):
    found = positions(extract_with, "A peace deal signed between Valdoria and the Northern Front came into force.")
    assert {("Valdoria", "accept", "permanent_ceasefire"), ("Northern Front", "accept", "permanent_ceasefire")} <= found


def test_an_agreement_described_by_a_participle_names_its_signatories(extract_with):
    text = "The cessation of hostilities agreement signed by Valdoria and the Northern Front held for a week."
    found = positions(extract_with, text)
    assert {("Valdoria", "accept", "permanent_ceasefire"), ("Northern Front", "accept", "permanent_ceasefire")} <= found


def test_a_truce_proposed_by_a_mediator_is_its_offer(extract_with):
    found = positions(extract_with, "The rebels accepted a truce proposed by Norvia.")
    assert ("Norvia", "offer", "temporary_truce") in found and ("Northern Front", "accept", "temporary_truce") in found


def test_a_person_introduced_by_party_speaks_for_it_when_named_again(extract_with):
    text = ("Valdorian foreign minister Ilse Markova arrived in Lund on Monday. "
            "Markova rejected any disarmament of the police.")
    assert ("Valdoria", "reject", "disarmament") in positions(extract_with, text)


def test_a_decree_promising_something_is_the_issuers_offer(extract_with):
    text = "President Anika Sorel issued a decree on Friday promising the release of 300 prisoners."
    assert ("Valdoria", "offer", "prisoner_release") in positions(extract_with, text)


def test_a_party_that_heads_a_phrase_speaks_not_the_place_that_locates_it(extract_with):
    found = positions(extract_with, "Valdoria's Northern Front rebels say ready for a ceasefire.")
    assert ("Northern Front", "offer", "temporary_truce") in found
    assert ("Valdoria", "offer", "temporary_truce") not in found


def test_people_in_need_are_no_party_and_not_the_one_reporting_them(extract_with):
    text = "The Regional Union estimates that two million people will require humanitarian assistance this year."
    assert not {k for k in positions(extract_with, text) if k[0] == "Regional Union"}


# -- reports of agreement -------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["reached a truce agreement", "struck a deal on a truce", "signed a truce"])
def test_reaching_striking_or_signing_a_deal_is_accepting_it(extract_with, verb):
    found = positions(extract_with, f"Valdoria and the Northern Front {verb} on Sunday.")
    assert ("Valdoria", "accept", "temporary_truce") in found


def test_exchanging_prisoners_is_accepting_their_release(extract_with):
    found = positions(extract_with, "Valdoria and the Northern Front will exchange 200 prisoners each on Friday.")
    assert {("Valdoria", "accept", "prisoner_release"), ("Northern Front", "accept", "prisoner_release")} <= found


def test_agreeing_to_demand_something_is_demanding_it(extract_with):
    text = "Both parties agreed to demand the immediate withdrawal of foreign fighters from the valley."
    found = position_keys(extract_with("Valdoria and the Northern Front met in Lund. " + text, "valdoria"))
    assert ("Valdoria", "demand", "troop_withdrawal") in found and ("Valdoria", "accept", "troop_withdrawal") not in found


def test_talks_that_result_in_a_ceasefire_are_accepted_by_those_talking(extract_with):
    text = "Talks between Valdoria and the Northern Front resulted in an agreement for a temporary ceasefire."
    assert ("Northern Front", "accept", "temporary_truce") in positions(extract_with, text)


def test_a_list_of_terms_agreed_carries_the_acceptance_to_each(extract_with):
    text = ("Valdoria and the Northern Front agreed at talks in Lund to a series of measures including a ceasefire "
            "in the valley, a withdrawal of forces from the capital, a prisoner exchange and opening humanitarian "
            "corridors.")
    found = positions(extract_with, text)
    assert {("Northern Front", "accept", issue) for issue in
            ("temporary_truce", "troop_withdrawal", "prisoner_release", "humanitarian_aid")} <= found


def test_continuing_a_ceasefire_is_offering_it(extract_with):
    text = "The Northern Front assured that it will continue the ceasefire for another three months."
    assert ("Northern Front", "offer", "temporary_truce") in positions(extract_with, text)


# -- claims about the other side, negation and hedges ------------------------------------------------


def test_an_accusation_is_nobodys_position(extract_with):
    text = "The government accused the Northern Front of refusing to release the hostages."
    found = positions(extract_with, text)
    assert not {k for k in found if k[2] == "hostage_release"}


@pytest.mark.parametrize("text", [
    "The Northern Front pushed for talks without committing to end the war.",
    "The government denied having asked for a ceasefire.",
    "Valdoria stopped short of endorsing the truce.",
])
def test_hedged_cues_state_nothing(extract_with, text):
    found = positions(extract_with, text)
    assert not {k for k in found if k[2] in ("permanent_ceasefire", "temporary_truce")}


def test_a_deal_that_could_be_agreed_is_not_agreed(extract_with):
    found = positions(extract_with, "Norvian mediators said a truce could be agreed upon within days.")
    assert not {k for k in found if k[1] == "accept"}


def test_something_to_be_agreed_until_a_condition_is_met_is_not_agreed(extract_with):
    text = "The rebels refused to move forward until the terms of a permanent ceasefire are agreed upon."
    assert not {k for k in positions(extract_with, text) if k[1] == "accept"}


def test_declining_to_comment_is_no_rejection(extract_with):
    text = "The Valdorian government declined to comment on the truce proposal."
    assert ("Valdoria", "reject", "temporary_truce") not in positions(extract_with, text)


def test_declining_to_release_is_a_rejection(extract_with):
    text = "The government has declined to release the prisoners before talks begin."
    assert ("Valdoria", "reject", "prisoner_release") in positions(extract_with, text)


def test_a_conditional_acceptance_accepts_nothing_but_demands_the_condition(extract_with):
    text = "The government would only join the truce if the rebels pull out of the towns and surrender their weapons."
    found = positions(extract_with, text)
    assert ("Valdoria", "accept", "temporary_truce") not in found
    assert ("Valdoria", "demand", "troop_withdrawal") in found


def test_the_contents_of_a_deal_are_no_ones_stance_yet(extract_with):
    text = "Valdoria committed to a peace agreement that would include a withdrawal of its troops from the coast."
    assert ("Valdoria", "offer", "troop_withdrawal") not in positions(extract_with, text)


# -- issue senses -------------------------------------------------------------------------------------


def test_halting_the_fighting_is_a_truce_not_the_end_of_the_war(extract_with):
    found = positions(extract_with, "The rebels agreed to halt the fighting for Easter.")
    assert ("Northern Front", "accept", "temporary_truce") in found
    assert ("Northern Front", "accept", "permanent_ceasefire") not in found


def test_talks_about_a_ceasefire_are_no_ceasefire(extract_with):
    assert not positions(extract_with, "Valdoria agreed to join ceasefire talks in Lund next month.")


def test_military_aid_is_not_humanitarian_aid(extract_with):
    text = "The rebels refused a ceasefire unless Norvia halts all military aid to the government."
    assert not {k for k in positions(extract_with, text) if k[2] == "humanitarian_aid"}


def test_a_cessation_of_support_ends_no_war(extract_with):
    text = "The Northern Front insisted on a complete cessation of foreign support to the government."
    assert not {k for k in positions(extract_with, text) if k[2] == "permanent_ceasefire"}


def test_inflected_cues_match_their_lemma(extract_with):
    text = "The government said it would keep its offer open only if the Northern Front pulls back from the dam."
    assert ("Valdoria", "demand", "troop_withdrawal") in positions(extract_with, text)


def test_hostages_returning_home_are_released(extract_with):
    text = "\u201cWe will not stop fighting until all the hostages return home,\u201d President Anika Sorel said."
    found = positions(extract_with, text)
    assert ("Valdoria", "demand", "hostage_release") in found
    assert not {k for k in found if k[2] == "return_of_displaced"}


def test_demilitarising_zones_is_withdrawing_forces(extract_with):
    text = "The Northern Front demanded that the border zones be demilitarized."
    assert ("Northern Front", "demand", "troop_withdrawal") in positions(extract_with, text)


def test_a_number_released_refers_to_what_it_counted_before(extract_with):
    text = ("The government holds 4,000 prisoners from the Northern Front. "
            "President Anika Sorel has declined to release all 4,000 at once.")
    assert ("Valdoria", "reject", "prisoner_release") in positions(extract_with, text)


def test_an_issue_that_frames_an_action_is_not_its_content(extract_with):
    text = "Under the first phase of the deal, the Northern Front will release 40 hostages."
    found = positions(extract_with, text)
    assert ("Northern Front", "offer", "hostage_release") in found
    assert ("Northern Front", "offer", "temporary_truce") not in found


def test_a_relative_pronoun_stands_for_the_noun_it_hangs_on(extract_with):
    text = "The government was far from accepting the 30-day ceasefire that Norvia had proposed."
    found = positions(extract_with, text)
    assert ("Norvia", "offer", "temporary_truce") in found
    assert not {k for k in found if k[0] == "Norvia" and k[2] != "temporary_truce"}


def test_the_offer_refers_back_to_what_was_offered(extract_with):
    text = ("President Anika Sorel offered to release 1,000 prisoners as a goodwill gesture. "
            "The Northern Front rejected the offer, saying all prisoners must be freed first.")
    found = positions(extract_with, text)
    assert ("Northern Front", "reject", "prisoner_release") in found
    assert ("Northern Front", "reject", "temporary_truce") not in found


# -- figures ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("The fighting displaced nearly half a million people.", {("displaced", 500_000)}),
    ("The clashes killed 12 500 people, the ministry said.", {("killed", 12_500)}),
    ("The shelling killed 300people in one night.", {("killed", 300)}),
    ("Floods and fighting left more than 3 million facing acute hunger.", {("at_risk", 3_000_000)}),
    ("The agency said 4 million people will require food assistance in the spring.", {("at_risk", 4_000_000)}),
    ("The rebels were ready to hand over the bodies of five soldiers held hostage in the hills.",
     {("hostages_dead", 5)}),
    ("Under the deal, between 600 and 900 detainees will be released.", {("prisoners", 600), ("prisoners", 900)}),
    ("At least 250 individuals will be exchanged from each side.", {("prisoners", 250)}),
    ("The envoy proposed a three-to-five-day truce around the dam.", {("truce_days", 3), ("truce_days", 5)}),
    ("The rebels will keep the ceasefire, which is scheduled for another two months.", {("truce_days", 60)}),
    ("The parties reached a five-day truce agreement.", {("truce_days", 5)}),
    ("Heavy rain and fighting displaced more than a million people entered its third week.",
     {("displaced", 1_000_000)}),
])
def test_figures_real_news_writes(extract_with, text, expected):
    assert _figures(extract_with(text, "valdoria")) == expected


@pytest.mark.parametrize("text", [
    "The rebels seized two towns in the north.",
    "The war has displaced one-fifth of the population.",
    "The deal ended 20 months of war.",
    "Women and children under 18 will be freed first.",
    "Up to 60 people may have died in the blast, officials feared.",
    "Officials said men above the age of 60 would be released.",
])
def test_what_real_news_counts_that_is_no_figure(extract_with, text):
    assert _figures(extract_with(text, "valdoria")) == set()


def test_a_figure_says_whom_it_counts(extract_with):
    (figure,) = extract_with("At least 40 Valdorians were killed in the capital on Tuesday.", "valdoria").figures
    assert figure.metric == "killed" and "Valdorians" in (figure.population or "")


def test_why_names_the_list_that_decided(extract_with):
    extraction = extract_with("The Northern Front rejected the truce, and 30 people were killed.", "valdoria")
    (position,) = extraction.positions
    assert position.why.startswith('cue "rejected" (stances.verbs.reject)')
    assert 'holder Northern Front: subject "Northern Front"' in position.why
    assert 'issue temporary_truce: "truce" (issues.temporary_truce cue)' in position.why
    (figure,) = extraction.figures
    assert '(figures.killed)' in figure.why


def test_an_epithet_is_not_the_subject_of_its_own_clause(extract_with):
    text = ("The Northern Front shelled the port on Monday. Ostrava wants guarantees that the movement will stop "
            "attacks on the capital, a Valdorian official said.")
    found = positions(extract_with, text)
    assert ("Valdoria", "offer", "military_operations") not in found


def test_both_sides_urged_to_agree_are_the_ones_who_are_to_agree(extract_with):
    text = "Norvia urged both sides to agree to an immediate cessation of hostilities."
    found = positions(extract_with, text)
    assert ("Norvia", "demand", "permanent_ceasefire") in found
    assert not {k for k in found if k[2] == "troop_withdrawal"}


def test_an_apposition_that_says_who_a_party_is_states_nothing(extract_with):
    found = positions(extract_with, "Norvia, a guarantor of the talks, welcomed the agreement.")
    assert not {k for k in found if k[2] == "guarantees"}
