"""Figures: the tuple, not a bare number; and what is never a figure."""
from __future__ import annotations

import pytest

from ceasetalk.core.numbers import parse_number


def _figures(extraction):
    return [(f.metric, f.value, f.low, f.high, f.qualifier) for f in extraction.figures]


@pytest.mark.parametrize(("text", "value"), [
    ("34,683", 34683), ("1.5 million", 1_500_000), ("a million", 1_000_000), ("six", 6),
    ("thirty-three", 33), ("one hundred and thirty", 130), ("2,500,000", 2_500_000),
])
def test_numbers_in_digits_words_and_scales(text, value):
    assert parse_number(text) == value


def test_ranges_stay_ranges_and_both_ends_are_reported_values(extract_with):
    assert _figures(extract_with("Between 40 and 70 people were killed in the shelling, medics said.", "sudan")) == [
        ("killed", 40, 40, 70, None), ("killed", 70, 40, 70, None)]
    assert _figures(extract_with("The RSF is holding 700 to 800 prisoners, the army said.", "sudan")) == [
        ("prisoners", 700, 700, 800, None), ("prisoners", 800, 700, 800, None)]


def test_the_board_shows_a_range_once():
    from ceasetalk.core.boards import figures_board
    from ceasetalk.core.records import Article
    from ceasetalk.core.views import Dashboard, Filters

    base = dict(kind="figure", article="a1", metric="killed", low=40, high=70, qualifier=None, attribution=None,
                subject="people killed", sentence="Between 40 and 70 people were killed.", start=0, end=37, date=None,
                background=False)
    records = [{"id": "f1", **base, "value": 40}, {"id": "f2", **base, "value": 70}]
    dashboard = Dashboard.build([Article("a1", "T", None, None, None, "a", "text")], records, {})
    (board,) = figures_board(dashboard, Filters())
    assert [[r["value"] for r in g.records] for g in board.groups] == [[40]]


def test_qualifier_and_attribution_are_kept(extract_with):
    (figure,) = extract_with("At least 3,000 people were killed in Goma, according to the UN.", "drc").figures
    assert (figure.metric, figure.value, figure.qualifier, figure.attribution) == ("killed", 3000, "at least", "the UN")


def test_durations_are_normalised_to_days(extract_with):
    found = _figures(extract_with("The army proposed a six-week truce, the RSF a 72-hour pause and Saudi Arabia "
                                  "a one-month ceasefire.", "sudan"))
    assert [(m, v) for m, v, *_ in found] == [("truce_days", 42), ("truce_days", 3), ("truce_days", 30)]


def test_war_lengths_are_not_truce_lengths(extract_with):
    assert _figures(extract_with("Talks resumed after nearly six months of war, seven months ago.", "sudan")) == []


def test_ages_years_channels_ordinals_and_vague_words_are_not_figures(extract_with):
    text = ("A 49-year-old man and his 13-year-old son were freed, Channel 12 said, citing Resolution 2334. "
            "The second phase began in 2023. Dozens of hostages and thousands of fighters remain.")
    assert _figures(extract_with(text)) == []


def test_words_and_scales_become_values(extract_with):
    found = _figures(extract_with("Some six hundred families and more than a million displaced people need shelter.", "sudan"))
    assert ("displaced", 1_000_000, None, None, "more than") in found


def test_hostages_who_died_are_counted_apart(extract_with):
    assert _figures(extract_with("The army confirmed that at least 34 of the hostages are no longer alive.")) == [
        ("hostages_dead", 34, None, None, "at least")]


def test_a_bare_number_refers_back_to_what_it_counted(extract_with):
    text = "Israel offered to free 700 prisoners in exchange for 40 hostages. It would release them in return for the 40."
    found = {(m, v) for m, v, *_ in _figures(extract_with(text))}
    assert found == {("prisoners", 700), ("hostages", 40)}


def test_a_count_stated_twice_in_one_sentence_is_one_figure(extract_with):
    extraction = extract_with("About 60 hostages are still held in the hills, where the militia abducted "
                              "another 60 last spring, the army said.", "sudan")
    assert _figures(extraction) == [("hostages", 60, None, None, "about")]
    assert len({r["id"] for r in extraction.records()}) == len(extraction.records())


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("The clashes on the ridge left more than 40 soldiers dead.", ("killed", 40, "more than"),
                 id="left dead"),
    pytest.param("Nearly 200,000 people have been forced from their homes along the border.",
                 ("displaced", 200000, "nearly"), id="forced from their homes"),
    pytest.param("The shelling has driven some 5,000 villagers out of their villages.",
                 ("displaced", 5000, "some"), id="driven out of their villages"),
    pytest.param("A 10-day pause in the fighting began on Monday.", ("truce_days", 10, None),
                 id="a duration opening the text"),
    pytest.param("Pakistan first declared a month-long truce on the eve of the festival.", ("truce_days", 30, None),
                 id="a month-long truce"),
    pytest.param("Some 1,400 people are in jail for offences linked to the conflict.", ("prisoners", 1400, "some"),
                 id="people in jail"),
    pytest.param("Some 200,000 people are believed to have been killed in the war.", ("killed", 200000, "some"),
                 id="believed to have been killed"),
    pytest.param("A roadside bomb wounded eight rangers, police said.", ("wounded", 8, None), id="rangers are people"),
    pytest.param("More than 130,000 Afghans are still living as refugees in camps.", ("displaced", 130000, "more than"),
                 id="living as refugees"),
    pytest.param("At least 40 prisoners were killed when guards opened fire on the camp.", ("killed", 40, "at least"),
                 id="prisoners killed are killed"),
    pytest.param("More than 20,000 villagers remain in camps near Srinagar.", ("displaced", 20000, "more than"),
                 id="people remaining in camps"),
    pytest.param("There are 12,000 of your countrymen in camps, the envoy told the delegates.", ("displaced", 12000, None),
                 id="a count in camps"),
    pytest.param("At least 50 crew of the patrol boat are believed dead.", ("killed", 50, "at least"),
                 id="a crew believed dead"),
    pytest.param("Pakistan said it was holding 45 Indian fishermen.", ("prisoners", 45, None),
                 id="people a party holds"),
    pytest.param("Some 50,000 Kashmiris are displaced inside the valley and about 80,000 face severe food "
                 "shortages.", ("at_risk", 80000, "about"), id="a count facing a danger, after a count displaced"),
    pytest.param("Army officials put the number of rebel fighters in government camps at about 2,400.",
                 ("prisoners", 2400, "about"), id="fighters in the other side's camps, valued at a number"),
    pytest.param("Monitors estimate militia dead at more than 1,200.", ("killed", 1200, "more than"),
                 id="dead estimated at a number"),
    pytest.param("The ministry disputes the death toll, putting it at about 5,000.", ("killed", 5000, "about"),
                 id="a toll put at a number through 'it'"),
    pytest.param("Some 45,000 soldiers and civilians remain in army custody.", ("prisoners", 45000, "some"),
                 id="people remaining in custody"),
    pytest.param("Some 80,000 residents of the valley have left their homes.", ("displaced", 80000, "some"),
                 id="people who left their homes"),
    pytest.param("The army says the militia holds about 900 of its men.", ("prisoners", 900, "about"),
                 id="holding a number of someone's men"),
    pytest.param("Some 300 rebels are in army camps awaiting trial.", ("prisoners", 300, "some"),
                 id="rebels in army camps"),
    pytest.param("Aid agencies warn that up to 3 million people could face starvation within weeks.",
                 ("at_risk", 3000000, "up to"), id="a danger people could face"),
    pytest.param("Police say 40 jailed activists began a hunger strike.", ("prisoners", 40, None), id="jailed people"),
    pytest.param("12,000 - the number of people forced from their homes since March.", ("displaced", 12000, None),
                 id="a fact box line"),
    pytest.param("40: jailed rebels the president has offered to pardon.", ("prisoners", 40, None),
                 id="a fact box line with a colon"),
    pytest.param("Villagers enjoyed 72 hours of calm before the shelling resumed.", ("truce_days", 3, None),
                 id="a duration of calm"),
    pytest.param("About 20,000 Hindu settlers have fled their homes in the valley.", ("displaced", 20000, "about"),
                 id="settlers are people"),
    pytest.param("There were reports that 10 Indian personnel were held by the Pakistani army.", ("prisoners", 10, None),
                 id="people held, in the passive"),
    pytest.param("At least 35 people were burned to death in a mosque.", ("killed", 35, "at least"), id="burned to death"),
    pytest.param("At least 43 people lost their lives in the shelling.", ("killed", 43, "at least"), id="lost their lives"),
    pytest.param("More than 136,000 people have been evacuated from the district.", ("displaced", 136000, "more than"),
                 id="people evacuated"),
    pytest.param("The sacrifice of one million martyrs will not be forgotten.", ("killed", 1000000, None), id="martyrs"),
    pytest.param("We demand that the 15,000 Kashmiris still held in camps and prisons be freed.",
                 ("prisoners", 15000, None), id="held in camps and prisons"),
    pytest.param("Our three sons, detained in Delhi since 2019, must come home.", ("prisoners", 3, None),
                 id="sons detained"),
    pytest.param("More than 100 of its members have been sentenced to death.", ("prisoners", 100, "more than"),
                 id="sentenced to death is held, not killed"),
    pytest.param("A spokesman says commanders have suspended offensive operations around the shrine for 24 hours.",
                 ("truce_days", 1, None), id="operations suspended for a time"),
    pytest.param("Aid agencies estimate that up to 500,000 people have left Kashmir since the fighting escalated.",
                 ("displaced", 500000, "up to"), id="people who left their land"),
    pytest.param("The insurgency has cost the lives of about 1,600 members of the security forces.",
                 ("killed", 1600, "about"), id="cost the lives of"),
    pytest.param("Four decades of violence, which have claimed more than 800 lives, were coming to an end.",
                 ("killed", 800, "more than"), id="claimed lives"),
    pytest.param("The army welcomed the release of 82 of the schoolgirls abducted by an armed group.",
                 ("hostages", 82, None), id="abducted people released are hostages"),
    pytest.param("Of the 276 girls abducted in 2014, 113 are believed to remain in captivity.",
                 ("hostages", 113, None), id="in captivity"),
    pytest.param("At least 4,000 villagers remain driven from their villages by soldiers.",
                 ("displaced", 4000, "at least"), id="remain driven from their villages"),
    pytest.param("About 9,700 - Indian and Kashmiri dead and missing, by army count", ("killed", 9700, "about"),
                 id="a fact box line with a hedge"),
    pytest.param("Key figures\n- Soldiers held by the rebels: more than 300", ("prisoners", 300, "more than"),
                 id="a fact box line with its label first"),
    pytest.param("The 300 soldiers held by the rebels are in good health.", ("prisoners", 300, None),
                 id="people held, counted"),
    pytest.param("The hijackers holding more than 100 people at the airport pushed back their deadline.",
                 ("hostages", 100, "more than"), id="held by hijackers"),
    pytest.param("Gunmen released 12 passengers but kept the crew.", ("hostages", 12, None), id="freed by gunmen"),
    pytest.param("India shall take back the refugees sheltering across the border, some 64,000 people, and each "
                 "family shall receive a grant.", ("displaced", 64000, "some"), id="a count set off after refugees"),
    pytest.param("Pakistan demanded the release of its soldiers held in Indian jails, some 350 according to the army.",
                 ("prisoners", 350, "some"), id="a bare count set off after soldiers held"),
    pytest.param("At least 3,000 people were killed when the rebels took the town, according to the UN, and some 700,000 "
                 "have been displaced.", ("displaced", 700000, "some"), id="a count with a clause of its own"),
    pytest.param("The militants stormed the school and took more than 200 people hostage.",
                 ("hostages", 200, "more than"), id="took people hostage"),
    pytest.param("Some 40 pilgrims were taken hostage near the shrine.", ("hostages", 40, "some"),
                 id="were taken hostage"),
    pytest.param("Officials put the number of prisoners still held in the north at about 400.",
                 ("prisoners", 400, "about"), id="valued, the clause describing them between"),
    pytest.param("The rebels demand the release of 35 comrades held in government prisons.",
                 ("prisoners", 35, None), id="comrades are people"),
    pytest.param("The helicopter crash killed 12 of the 14 soldiers aboard.", ("killed", 12, None),
                 id="the part a verb takes of a whole"),
    pytest.param("Two decades of insurgency have cost, by most counts, some 40,000 lives in the valley.",
                 ("killed", 40000, "some"), id="lives a war cost, however parsed"),
    pytest.param("Army officers say some 600 militiamen taken prisoner in the offensive will be exchanged next week.",
                 ("prisoners", 600, "some"), id="taken prisoner"),
    pytest.param("About 250 border guards were held prisoner for a month.", ("prisoners", 250, "about"),
                 id="held prisoner"),
    pytest.param("The number of prisoners still to be repatriated is officially put at about 4,000.",
                 ("prisoners", 4000, "about"), id="valued in the passive"),
    pytest.param("More than 12,000 people, most of them women and children, have crossed into Pakistan since the "
                 "shelling began.", ("displaced", 12000, "more than"), id="people who crossed into another land"),
])
def test_what_a_count_of_people_or_a_duration_is(extract_with, text, expected):
    found = {(f.metric, f.value, f.qualifier) for f in extract_with(text, "kashmir").figures}
    assert expected in found


def test_people_missing_beside_the_wounded_are_no_wounded(extract_with):
    found = {(f.metric, f.value) for f in extract_with(
        "The army lost 200 men killed, with more than 500 wounded and some 300 still listed as missing.",
        "kashmir").figures}
    assert found == {("killed", 200), ("wounded", 500)}


def test_the_whole_a_part_is_taken_of_keeps_only_its_own_words(extract_with):
    found = {(f.metric, f.value) for f in extract_with("The helicopter crash killed 12 of the 14 soldiers aboard.",
                                                       "kashmir").figures}
    assert ("killed", 14) not in found


def test_people_freed_are_hostages_in_a_text_of_hostages_and_no_prisoners(extract_with):
    siege = ("Gunmen seized the ferry on Monday and are holding its passengers hostage. Late on Tuesday they freed "
             "25 people, among them nine children.")
    assert {("hostages", 25), ("hostages", 9)} <= {(f.metric, f.value) for f in extract_with(siege, "kashmir").figures}
    swap = "The two armies met at the border on Tuesday, and each side freed 25 people."
    assert {(f.metric, f.value) for f in extract_with(swap, "kashmir").figures} == {("prisoners", 25)}


def test_a_long_something_else_is_no_truce(extract_with):
    assert not extract_with("The talks ended after a day-long session in a month-long round.", "kashmir").figures


@pytest.mark.parametrize("text", [
    "The release of 300 prisoners was blocked and later killed off by the cabinet.",
    "About 500 fighters remain in training camps across the border.",
    "The army said it was holding 40 percent of the valley.",
])
def test_counts_that_are_not_what_their_words_suggest(extract_with, text):
    metrics = {f.metric for f in extract_with(text, "kashmir").figures}
    assert not metrics & {"killed", "displaced"}


@pytest.mark.parametrize("text", [
    "Some 300 Kashmiri fighters are in Kashmiri camps near the line.",
    "The first ten days of the truce were quiet.",
    "Up to 100 people may have died in the raid.",
    "The six-point plan calls for an end to the shelling.",
    "Some 500 soldiers left Kashmir in March.",
    "The ceasefire terms were announced in Geneva: 12",
    "India named its negotiators, some 12 officials, on Monday.",
    "The talks in Geneva, some 12 rounds, ended on Monday.",
    "The militants threatened to kill the passengers one by one.",
    "No one was hurt, and whatever one thinks of the deal, the guns fell silent.",
    "The army has counted some 300 soldiers still listed as missing since the avalanche.",
])
def test_numbers_near_metric_words_that_are_no_figure(extract_with, text):
    assert extract_with(text, "kashmir").figures == []


@pytest.mark.parametrize("text", [
    "Thirty soldiers took the prisoner to the border post.",
    "Some 2,000 fighters crossed into Pakistan overnight.",
])
def test_takers_of_a_prisoner_and_fighters_crossing_are_counted_as_neither(extract_with, text):
    assert extract_with(text, "kashmir").figures == []


def test_people_moved_from_somewhere_other_than_home_are_not_displaced(extract_with):
    assert not extract_with("Police forced 30 protesters from the square outside parliament.", "kashmir").figures
