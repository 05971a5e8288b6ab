"""Who a relative clause speaks for, what "the plan" is, support for a proposal, a pause in the
perfect tense, and a party's members set free.

What is read: "X, which has offered ..." is X's offer; "the plan" accepted after a "truce plan"
was named is that truce, even when another offer came between; supporting a proposal someone made
accepts it, while supporting a ceasefire still asks for one; "has suspended operations" offers the
pause as "suspended operations" does; a party's members released ("the release of the Houthis
captured near the border") are prisoners released, also where the parse hangs the clause
("captured ...") on "release".

What must stay unread: a document's relative clause ("the Doha declaration, which calls for ...")
taken for the party last named.

Passages written for these tests, on the Line of Control and on Yemen."""
from __future__ import annotations

import pytest

from ..conftest import position_keys


@pytest.mark.parametrize(("text", "profile", "expected"), [
    pytest.param("Pakistan, which has offered to release the prisoners, wants talks soon.", "kashmir",
                 ("Pakistan", "offer", "prisoner_release"), id="which has offered"),
    pytest.param("The UN, which has called for a ceasefire, sent an envoy to the valley.", "kashmir",
                 ("United Nations", "demand", "temporary_truce"), id="which has called for"),
    pytest.param("The UN put forward a ceasefire plan on Monday. Pakistan offered to release prisoners. "
                 "India said it accepted the plan in full.", "kashmir",
                 ("India", "accept", "temporary_truce"), id="the plan named before"),
    pytest.param("India supports the UN's ceasefire proposal.", "kashmir",
                 ("India", "accept", "temporary_truce"), id="supports a proposal"),
    pytest.param("India supports a ceasefire along the whole line.", "kashmir",
                 ("India", "demand", "temporary_truce"), id="supports a ceasefire"),
    pytest.param("A spokesman for the Indian army said commanders have suspended offensive operations.", "kashmir",
                 ("India", "offer", "military_operations"), id="has suspended"),
    pytest.param("Riyadh demanded the release of the Houthis captured near the border.", "yemen",
                 ("Saudi Arabia", "demand", "prisoner_release"), id="a party's members captured"),
    pytest.param("The Houthis demand the freedom of all Houthis held in Saudi jails.", "yemen",
                 ("Houthis", "demand", "prisoner_release"), id="a party's members held"),
])
def test_the_passage_states(extract_with, text, profile, expected):
    assert expected in position_keys(extract_with(text, profile))


def test_the_plan_named_before_is_not_the_offer_made_since(extract_with):
    found = position_keys(extract_with("The UN put forward a ceasefire plan on Monday. Pakistan offered to release "
                                       "prisoners. India said it accepted the plan in full.", "kashmir"))
    assert ("India", "accept", "prisoner_release") not in found


def test_a_documents_relative_clause_is_no_party(extract_with):
    found = position_keys(extract_with("Pakistan's army shelled two villages. India said talks must follow the Simla "
                                       "declaration, which calls for a withdrawal of troops.", "kashmir"))
    assert ("Pakistan", "demand", "troop_withdrawal") not in found
