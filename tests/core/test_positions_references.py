"""Who a relative clause speaks for, what "the plan" is, support for a proposal, a pause in the
perfect tense, a party's members set free, conditions, gerunds and food.

What is read: "X, which has offered ..." is X's offer, and "a UN resolution that called for ..." the
UN's demand; "the plan" accepted after a "truce plan"
was named is that truce, even when another offer came between; supporting a proposal someone made
accepts it, while supporting a ceasefire still asks for one; "has suspended operations" offers the
pause as "suspended operations" does; a party's members released ("the release of the Houthis
captured near the border") are prisoners released, also where the parse hangs the clause
("captured ...") on "release".

A condition set ("depended on the release of ...", "would hinge on a withdrawal") asks for what
it is set on; a gerund the tagger took for a noun ("ruled out handing over their weapons") still
names its issue; food deliveries, food and medicine are aid; "set as a precondition that ..." asks
for what follows.

What must stay unread: a document's relative clause ("the Doha declaration, which calls for ...")
taken for the party last named; what hangs on the condition ("a truce would hinge on ...",
"whether the truce holds depends on ...") as if it were demanded; food prices; what a precondition
is "for"; a deal "before" it is signed; a deadline pushed back.

Passages written for these tests, on the Line of Control and on Yemen."""
from __future__ import annotations

import pytest

from ..conftest import position_keys


@pytest.mark.parametrize(("text", "profile", "expected"), [
    pytest.param("Pakistan, which has offered to release the prisoners, wants talks soon.", "kashmir",
                 ("Pakistan", "offer", "prisoner_release"), id="which has offered"),
    pytest.param("The UN, which has called for a ceasefire, sent an envoy to the valley.", "kashmir",
                 ("United Nations", "demand", "temporary_truce"), id="which has called for"),
    pytest.param("Both armies stopped firing on Monday, yielding to a UN resolution that called for a withdrawal of "
                 "troops.", "kashmir", ("United Nations", "demand", "troop_withdrawal"), id="a party's resolution that"),
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
    pytest.param("Pakistani officials said any return to the talks depended on the release of the Kashmiris "
                 "imprisoned by India.", "kashmir", ("Pakistan", "demand", "prisoner_release"), id="depended on"),
    pytest.param("India said a truce would hinge on the withdrawal of Pakistani troops from the ridge.", "kashmir",
                 ("India", "demand", "troop_withdrawal"), id="hinge on"),
    pytest.param("Pakistan's commander ruled out handing over their weapons while the militias remained armed.",
                 "kashmir", ("Pakistan", "reject", "disarmament"), id="a gerund tagged as a noun"),
    pytest.param("India agreed to let UN agencies resume food deliveries to the valley.", "kashmir",
                 ("India", "accept", "humanitarian_aid"), id="food deliveries"),
    pytest.param("Pakistan demanded that food and medicine be allowed into the besieged villages.", "kashmir",
                 ("Pakistan", "demand", "humanitarian_aid"), id="food and medicine"),
    pytest.param("India has proposed talks, but it has set as a precondition that the last Pakistani soldier leave "
                 "Kashmir.", "kashmir", ("India", "demand", "troop_withdrawal"), id="set as a precondition"),
    pytest.param("Pakistan has set as a precondition for any ceasefire the withdrawal of Indian troops from the "
                 "glacier.", "kashmir", ("Pakistan", "demand", "troop_withdrawal"), id="a precondition for a truce"),
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


@pytest.mark.parametrize("text", [
    "India said a truce would hinge on the withdrawal of Pakistani troops from the ridge.",
    "Whether the truce holds depends on the weather, the UN said.",
])
def test_what_hangs_on_a_condition_is_not_itself_demanded(extract_with, text):
    found = position_keys(extract_with(text, "kashmir"))
    assert not any(issue == "temporary_truce" for _, _, issue in found), found


def test_food_prices_are_no_aid(extract_with):
    assert not position_keys(extract_with("Pakistan said food prices had doubled since the fighting began.", "kashmir"))


@pytest.mark.parametrize(("text", "unwanted"), [
    ("India has proposed talks, but it has set as a precondition that the last Pakistani soldier leave Kashmir.",
     ("India", "offer", "troop_withdrawal")),
    ("Pakistan has set as a precondition for any ceasefire the withdrawal of Indian troops from the glacier.",
     ("Pakistan", "demand", "temporary_truce")),
    ("Pakistani commanders turned down calls to stop the offensive before a deal is signed.",
     ("Pakistan", "accept", "temporary_truce")),
    ("The Pakistani army holding the airport pushed its deadline back to Sunday.",
     ("Pakistan", "demand", "humanitarian_aid")),
])
def test_what_a_condition_a_deadline_or_a_deal_not_yet_signed_does_not_state(extract_with, text, unwanted):
    assert unwanted not in position_keys(extract_with(text, "kashmir"))


def test_a_deal_signed_before_something_else_was_signed(extract_with):
    found = position_keys(extract_with("Pakistan released the fishermen before India agreed to the truce.", "kashmir"))
    assert ("India", "accept", "temporary_truce") in found


def test_both_capitals_are_the_two_sides_not_an_issue_named_before(extract_with):
    found = position_keys(extract_with("Pakistan demanded that Indian troops leave Kargil. The UN urged both capitals "
                                       "to respect the truce.", "kashmir"))
    assert ("United Nations", "demand", "temporary_truce") in found
    assert ("United Nations", "demand", "troop_withdrawal") not in found
