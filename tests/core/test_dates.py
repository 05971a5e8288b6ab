"""Dates are resolved against the publication date, and dateparser's false friends are ignored."""
from __future__ import annotations

from ceasetalk.core.dates import is_background, resolve


def test_weekdays_and_last_week_resolve_against_the_publication_date():
    assert resolve("On Sunday, the delegation left.", "2024-03-30") == "2024-03-24"
    assert resolve("Last Monday, the group rejected it.", "2024-03-30") == "2024-03-25"
    assert resolve("The talks were held yesterday.", "2024-03-30") == "2024-03-29"


def test_a_day_and_month_take_the_year_nearest_the_publication_date():
    assert resolve("The deal was signed on December 28.", "2024-01-05") == "2023-12-28"
    assert resolve("The truce expires on March 10.", "2024-03-09") == "2024-03-10"


def test_may_the_verb_and_the_sun_are_not_dates():
    assert resolve("Hamas may accept. The sun rose over Gaza.", "2024-03-30") is None


def test_without_a_publication_date_relative_dates_stay_unknown():
    assert resolve("On Sunday, the delegation left.", None) is None
    assert resolve("The deal was signed on 8 March 2024.", None) == "2024-03-08"


def test_since_a_date_is_not_the_date_of_a_statement():
    assert resolve("Hostages held since October 7 were discussed.", "2024-03-30") is None


def test_recaps_of_the_past_are_background():
    assert is_background("Dozens were released under a previous truce deal.", "2024-03-30")
    assert is_background("A truce in November led to the release of hostages.", "2024-03-30")
    assert is_background("Hostages held since October 7 remain in Gaza.", "2024-03-30")
    assert not is_background("Hamas demands a permanent ceasefire.", "2024-03-30")


def test_relative_phrases_mean_what_dateparser_says_on_every_weekday_and_month_end():
    """Weekday phrases are asked of dateparser once a weekday and reused on other dates: on
    dates across a month's and a leap year's end, each must still be dateparser's own answer."""
    import datetime as dt

    import dateparser

    from ceasetalk.core.dates import _relative_date

    def dateparser_says(phrase, base):
        parsed = dateparser.parse(phrase, languages=["en"], settings={
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)), "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False})
        return parsed.date() if parsed else None

    phrases = ["Tuesday", "last Friday", "next Monday", "this Sunday", "yesterday", "today", "last week", "last month"]
    for base in [dt.date(2024, 2, 26) + dt.timedelta(days=k) for k in range(9)] + [dt.date(2025, 12, 31)]:
        for phrase in phrases:
            assert _relative_date(phrase, base) == dateparser_says(phrase, base), (phrase, base)
    assert _relative_date("last Friday", dt.date(2024, 3, 1)) == dt.date(2024, 2, 23)  # published on a Friday
    assert _relative_date("last month", dt.date(2024, 3, 31)) == dt.date(2024, 2, 29)
