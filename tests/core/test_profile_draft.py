"""`profile draft`: officials under their own party, nationalities and capitals under their country, mediators
marked, one party per set of names. The passages are invented for these tests."""
from __future__ import annotations

import tomllib

import pytest

from ceasetalk.core.profile_draft import draft_profile
from ceasetalk.core.profiles import load_profile

BORDER = """Thailand and Cambodia resumed border talks on Tuesday after a week of shelling.
Cambodian Defence Minister Sok Vanna said his troops would not leave the temple grounds.
Thai army spokesman Prasert Chaiyo, speaking after the Cambodian delegation had left, said Thailand wanted observers.
Lena Ortiz, the UN envoy to Cambodia, urged both sides to hold their fire.
A Cambodian soldier, Chan Dara, was wounded near the temple on Monday.
"""

CROSSING = """Serbia and Kosovo traded accusations on Monday over the closure of a border crossing.
Marko Ilic, a spokesman for the Serbian government, said Belgrade would not accept the new rules.
Pristina said the rules would stay. Arben Krasniqi, Kosovo's foreign minister, called the closure temporary.
The European Union (EU), which mediates between Serbia and Kosovo, summoned both delegations.
EU envoy Petra Lang will chair the talks.
"""

TRUCE = """The Ogaden National Liberation Front (ONLF) said on Sunday it had accepted a truce offered by Ethiopia.
The ONLF wants a referendum. Addis Ababa has rejected that demand.
The talks, brokered by Kenya, will resume next week.
The United States welcomed the truce. A U.S. official said Washington was ready to help, and the US embassy offered support.
Ethiopian Prime Minister Dawit Bekele said the ONLF must disarm first. Bekele will not attend the talks.
The next round will be chaired by Turkish Foreign Minister Ali Demir.
"""


@pytest.fixture(scope="module")
def drafts() -> dict[str, dict]:
    return {name: tomllib.loads(draft_profile([text]))["parties"]
            for name, text in {"border": BORDER, "crossing": CROSSING, "truce": TRUCE}.items()}


def party_of(parties: dict, alias: str) -> str | None:
    return next((name for name, party in parties.items() if alias in party["aliases"]), None)


def test_an_official_goes_to_the_party_of_their_own_title_not_the_nearest(drafts):
    border = drafts["border"]
    assert party_of(border, "Sok Vanna") == "Cambodia"
    assert party_of(border, "Prasert Chaiyo") == "Thailand"  # a Cambodian delegation is named right after him
    assert party_of(border, "Lena Ortiz") == "UN"  # the envoy to Cambodia is the UN's


def test_an_apposition_or_a_possessive_names_the_officials_party(drafts):
    crossing = drafts["crossing"]
    assert party_of(crossing, "Marko Ilic") == "Serbia"  # "a spokesman for the Serbian government"
    assert party_of(crossing, "Arben Krasniqi") == "Kosovo"  # "Kosovo's foreign minister"
    assert "Arben Krasniqi" not in crossing  # the NER's organisation is a person with a title
    assert party_of(drafts["truce"], "Dawit Bekele") == "Ethiopia"
    assert party_of(drafts["truce"], "Bekele") == "Ethiopia"  # the surname follows the full name


def test_a_soldier_named_beside_a_nationality_is_no_official(drafts):
    assert party_of(drafts["border"], "Chan Dara") is None


def test_nationalities_go_to_their_country(drafts):
    assert drafts["border"]["Cambodia"]["demonyms"] == ["Cambodian"]
    assert drafts["border"]["Thailand"]["demonyms"] == ["Thai"]
    assert drafts["crossing"]["Serbia"]["demonyms"] == ["Serbian"]
    assert drafts["truce"]["Ethiopia"]["demonyms"] == ["Ethiopian"]


def test_capitals_standing_for_governments_join_their_country(drafts):
    crossing, truce = drafts["crossing"], drafts["truce"]
    assert party_of(crossing, "Belgrade") == "Serbia"
    assert party_of(crossing, "Pristina") == "Kosovo"  # untagged by the NER, known as a capital
    assert party_of(truce, "Addis Ababa") == "Ethiopia"
    assert not {"Belgrade", "Pristina", "Addis Ababa", "Washington"} & (set(crossing) | set(truce))


def test_mediators_are_marked_and_the_sides_are_not(drafts):
    crossing, truce = drafts["crossing"], drafts["truce"]
    assert crossing["European Union"]["role"] == "mediator"  # "which mediates between"
    assert truce["Kenya"]["role"] == "mediator"  # "brokered by Kenya"
    assert {crossing["Serbia"]["role"], crossing["Kosovo"]["role"], truce["Ethiopia"]["role"]} == {"belligerent"}
    assert truce["Ogaden National Liberation Front"]["role"] == "belligerent"


def test_a_nationality_with_an_official_makes_its_country_a_party(drafts):
    turkey = drafts["truce"]["Turkey"]  # never written: "Turkish Foreign Minister Ali Demir" chairs the talks
    assert (turkey["role"], turkey["aliases"], turkey["demonyms"]) == ("mediator", ["Turkey", "Ali Demir"], ["Turkish"])


def test_the_names_of_one_party_are_merged(drafts):
    truce, crossing = drafts["truce"], drafts["crossing"]
    assert truce["United States"]["aliases"] == ["United States", "US", "Washington"]  # "U.S." is "US"
    assert truce["Ogaden National Liberation Front"]["aliases"] == ["Ogaden National Liberation Front", "ONLF"]
    assert crossing["European Union"]["aliases"] == ["European Union", "EU", "Petra Lang"]
    assert len(truce) == 5 and len(crossing) == 3


def test_the_draft_loads_as_a_profile_without_shared_names(tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(draft_profile([BORDER, CROSSING, TRUCE], title="Three invented truces"))
    profile = load_profile(path)
    assert profile.title == "Three invented truces" and profile.warnings == []
    assert {"Cambodia", "Thailand", "Serbia", "Kosovo", "Ethiopia"} <= set(profile.parties)
