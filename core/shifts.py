"""Shifts: where a party's stance on an issue changed from one date to the next.

A negotiation moves when a party turns a rejection into an offer or an offer
into a demand; the shifts view, the Compare pane's marks and the morning
brief all read this one list. A day's stance is what the party said most that
day (the latest statement breaks a tie); a shift is a day whose stance
differs from the party's previous day with a statement, with the two
statements as evidence. Dismissed records, wire-copy echoes and undated
statements do not count.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from .views import Dashboard, Filters, when


@dataclass(frozen=True)
class Shift:
    party: str
    issue: str
    before: dict  # the statement of the earlier day
    after: dict  # the statement of the later day, with another stance
    before_date: str
    date: str  # the later day: when the shift shows

    def describe(self, dashboard: Dashboard) -> str:
        """ "Hamas: Release of hostages, reject 2024-03-25 -> offer 2024-05-05" """
        return (f"{self.party}: {dashboard.label(self.issue)}, {self.before['stance']} {self.before_date} "
                f"\u2192 {self.after['stance']} {self.date}")


def shifts(dashboard: Dashboard, filters: Filters | None = None) -> list[Shift]:
    """Every change of stance between consecutive dates, newest first. With `filters.since`, only the
    shifts whose later statement is new (the earlier one may be older: that is what it shifted from);
    the other filters narrow the statements considered."""
    filters = filters or Filters()
    considered = dashboard.visible("position", replace(filters, since=None, hide_dismissed=False))
    by_key: dict[tuple[str, str], dict[str, list[dict]]] = {}
    for record in considered:
        if record.get("review") == "dismissed":
            continue
        day = when(dashboard, record)
        if day:
            by_key.setdefault((record["party"], record["issue"]), {}).setdefault(day, []).append(record)
    found = []
    for (party, issue), days in by_key.items():
        previous, previous_day = None, ""
        for day in sorted(days):
            statement = day_statement(days[day])
            if previous is not None and statement["stance"] != previous["stance"]:
                found.append(Shift(party, issue, previous, statement, previous_day, day))
            previous, previous_day = statement, day
    if filters.since is not None:
        found = [s for s in found if filters.since.includes(dashboard.articles.get(s.after["article"]))]
    return sorted(found, key=lambda s: (s.date, s.party, s.issue), reverse=True)


def day_statement(statements: list[dict]) -> dict:
    """The statement that stands for a party's day: of the stance said most, the latest."""
    ordered = sorted(statements, key=lambda r: (r["article"], r["start"]))
    counts = Counter(r["stance"] for r in ordered)
    top = max(counts.values())
    return [r for r in ordered if counts[r["stance"]] == top][-1]


def changed_issues(dashboard: Dashboard, filters: Filters, parties: list[str]) -> set[str]:
    """The issues on which one of these parties shifted within the filters' window (none without one)."""
    if filters.since is None:
        return set()
    return {s.issue for s in shifts(dashboard, filters) if s.party in parties}
