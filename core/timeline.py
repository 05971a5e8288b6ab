"""The timeline: time across, parties down, each cell the stance a party held in that period.

A drift (reject in March, offer in May) reads at a glance when stances are laid
out by period. Periods are the days with statements when they fit the width,
else weeks, else months. A cell holds the party's stance on its latest day
with statements up to the period's end (the day's stance as the shifts read
it; carried forward, and marked so, where the party said nothing new), and
lists the statements made within the period.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .shifts import day_statement
from .views import Dashboard, Filters, parties, when


@dataclass
class TimelineCell:
    stance: str
    statements: list[dict] = field(default_factory=list)  # made within the period, oldest first

    @property
    def carried(self) -> bool:
        """Held from an earlier period: nothing new was said in this one."""
        return not self.statements


@dataclass
class TimelineRow:
    party: str
    issue: str | None  # None when the timeline covers one issue (its rows are parties)
    cells: list[TimelineCell | None]


@dataclass
class Timeline:
    issue: str | None  # None: every issue, a row per party and issue
    periods: list[tuple[str, str]]  # (first day, last day) of each column
    unit: str  # "day", "week" or "month"
    rows: list[TimelineRow]

    def label(self, index: int) -> str:
        start = self.periods[index][0]
        return {"day": start[5:], "week": start[5:], "month": start[:7]}[self.unit]


def _periods(days: list[str], limit: int) -> tuple[list[tuple[str, str]], str]:
    """The columns: each day with a statement if they fit, else calendar weeks, else months."""
    if len(days) <= limit:
        return [(d, d) for d in days], "day"
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    monday = first - dt.timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append((monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()))
        monday += dt.timedelta(days=7)
    if len(weeks) <= limit:
        return weeks, "week"
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        months.append((dt.date(year, month, 1).isoformat(), (following - dt.timedelta(days=1)).isoformat()))
        year, month = following.year, following.month
    return months[-limit:], "month"


def timeline(dashboard: Dashboard, filters: Filters, issue: str | None, limit: int = 20) -> Timeline:
    """The stances by period for one issue (a row per party) or all (a row per party and issue)."""
    statements: dict[tuple[str, str | None], list[tuple[str, dict]]] = {}
    for record in dashboard.visible("position", filters):
        day = when(dashboard, record)
        if record.get("review") == "dismissed" or not day or (issue is not None and record["issue"] != issue):
            continue
        statements.setdefault((record["party"], None if issue else record["issue"]), []).append((day, record))
    days = sorted({day for found in statements.values() for day, _ in found})
    periods, unit = _periods(days, max(limit, 1)) if days else ([], "day")
    order = {party: n for n, party in enumerate(parties(dashboard))}
    labels = list(dashboard.issue_labels)
    rows = []
    for (party, row_issue), found in sorted(statements.items(), key=lambda item: (
            order.get(item[0][0], len(order)), labels.index(item[0][1]) if item[0][1] in labels else len(labels),
            item[0][1] or "")):
        found.sort(key=lambda pair: (pair[0], pair[1]["article"], pair[1]["start"]))
        by_day: dict[str, list[dict]] = {}
        for day, record in found:
            by_day.setdefault(day, []).append(record)
        cells: list[TimelineCell | None] = []
        for start, end in periods:
            within = [record for day, record in found if start <= day <= end]
            latest = max((day for day in by_day if day <= end), default=None)
            cells.append(TimelineCell(day_statement(by_day[latest])["stance"], within) if latest else None)
        rows.append(TimelineRow(party, row_issue, cells))
    return Timeline(issue, periods, unit, rows)
