"""The morning brief: what moved since a date, in Markdown, footnoted like the snapshot.

An analyst's first question each day is what changed: which party shifted on
which issue, what each party newly said, which figures are new or changed.
The brief answers that for a window (`Since`) and nothing else; every item is
footnoted to its outlet, title, date and sentence, with the same escaping as
the snapshot, and wire copies count once.
"""
from __future__ import annotations

from dataclasses import replace

from .boards import figures_board, population_key
from .precision import review_stats
from .shifts import shifts
from .snapshot import Notes, escape, marked, sources_table, table
from .views import (
    Dashboard,
    Filters,
    Since,
    confidence_text,
    demands,
    parties,
    sources,
    stance_text,
    value_text,
    when,
)


def render_brief(dashboard: Dashboard, since: Since, filters: Filters | None = None,
                 title: str = "ceasetalk brief") -> str:
    """Shifts, new positions per party, new and changed figures, and the new sources, since `since`."""
    filters = replace(filters or Filters(), since=since)
    notes = Notes(dashboard)
    out = [f"# {escape(title)}: {escape(since.describe())}", "", review_stats(dashboard).sentence(), ""]
    described = [d for d in filters.describe() if d != since.describe()]
    if described:
        out += ["Filters: " + "; ".join(escape(d) for d in described) + ".", ""]

    moved = shifts(dashboard, filters)
    out += [f"## Shifts ({len(moved)})", ""]
    for shift in moved:
        out.append(f"- **{escape(shift.party)}**, {escape(dashboard.label(shift.issue))}: "
                   f"{escape(stance_text(shift.before['stance']))} ({escape(shift.before_date)}, "
                   f"{escape(dashboard.outlet(shift.before))}) {notes.ref(shift.before)} \u2192 "
                   f"{escape(stance_text(shift.after['stance']))} ({escape(shift.date)}, "
                   f"{escape(dashboard.outlet(shift.after))}) {notes.ref(shift.after)}")
    if not moved:
        out.append("No party changed its stance on an issue in this window.")

    out += ["", "## New positions by party", ""]
    said = False
    for party in parties(dashboard):
        rows = demands(dashboard, party, filters)
        if not rows:
            continue
        said = True
        out += [f"### {escape(party)} ({len(rows)})", ""]
        out += table(["Stance", "Issue", "Date", "Outlet", "Confidence", "Statement"], [
            [marked(r, escape(stance_text(r["stance"]))), escape(dashboard.label(r["issue"])),
             escape(r.get("date")) or "unknown", escape(dashboard.outlet(r)), confidence_text(r),
             notes.statement(r)] for r in rows])
        out.append("")
    if not said:
        out += ["No new positions in this window.", ""]

    out += ["## New and changed figures", ""]
    earlier = _earlier_values(dashboard, filters)
    boards = figures_board(dashboard, filters)
    for board in boards:
        out += [f"### {escape(board.label)}", ""]
        rows = []
        for group in board.groups:
            for r in group.records:
                before = earlier.get((r["metric"], population_key(r)))
                change = "new" if before is None else (
                    "same as before" if before["value"] == r["value"] else
                    f"was {value_text(before)} ({escape(when(dashboard, before)) or 'date unknown'}, "
                    f"{escape(dashboard.outlet(before))}) {notes.ref(before)}")
                rows.append([marked(r, value_text(r)), change, escape(r.get("qualifier")), escape(r.get("attribution")),
                             escape(dashboard.outlet(r)), escape(r.get("date")) or "unknown",
                             escape(r.get("subject")) + " " + notes.ref(r)])
        out += table(["Value", "Before", "Qualifier", "Authority", "Outlet", "As of", "Counts"], rows)
        out.append("")
    if not boards:
        out += ["No new figures in this window.", ""]

    articles = [a for a in sources(list(dashboard.articles.values())) if since.includes(a)]
    out += [f"## New sources ({len(articles)})", ""]
    out += sources_table(dashboard, articles)
    out += ["", "## Sources of each item", ""] + notes.lines
    return "\n".join(out).rstrip() + "\n"


def _earlier_values(dashboard: Dashboard, filters: Filters) -> dict[tuple[str, str], dict]:
    """For each metric and population, the latest figure reported before the window (by its date)."""
    outside = [r for r in dashboard.visible("figure", replace(filters, since=None, text=""))
               if not filters.since.includes(dashboard.articles.get(r["article"])) and r.get("review") != "dismissed"]
    latest: dict[tuple[str, str], dict] = {}
    for record in sorted(outside, key=lambda r: (when(dashboard, r), r["article"], r["start"])):
        latest[(record["metric"], population_key(record))] = record
    return latest
