"""The figures board and the comparison of positions, as the figures and compare panes, the
snapshot and the CLI show them.

Apart from `views` because the dashboard's first frame shows neither: they are read once the
records are, and the classes they make cost its start a few milliseconds.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .views import METRIC_LABELS, Dashboard, Filters, confidence_text, latest, stance_text, when

SAME_COUNT_SPREAD = 0.15  # values within 15% from different sources look like the same count
OUTLIER_FACTOR = 1000  # a value this many times the others' median is flagged as a likely misread


@dataclass
class FigureGroup:
    """Values of one metric that look like the same count of the same people, from one or more sources."""

    metric: str
    records: list[dict]
    outliers: list[dict] = field(default_factory=list)  # values a thousand times off the others: misreads?
    stories: dict[str, str] = field(default_factory=dict)  # article id -> its story (wire copies count once)

    @property
    def values(self) -> list[int]:
        return sorted({r["value"] for r in self.records})

    @property
    def population(self) -> str | None:
        return self.records[0].get("population") if self.records else None

    @property
    def disagreement(self) -> str | None:
        """In words, where sources report different values for what looks like one count."""
        values = self.values
        sources = {self.stories.get(r["article"], r["article"]) for r in self.records}
        if len(values) < 2 or len(sources) < 2:
            return None
        whom = f" on {self.population}" if self.population else ""
        return (f"sources disagree{whom}: {' vs '.join(f'{v:,}' for v in values)} "
                f"(spread {values[-1] - values[0]:,})")


    def notes(self) -> list[str]:
        """What the board says about the group: a disagreement, and any value that looks misread."""
        found = [self.disagreement] if self.disagreement else []
        found += [f"check {r['value']:,}: about a thousand times the other counts (a misread?)" for r in self.outliers]
        return found


def population_key(record: dict) -> str:
    """Counts compare only within one population: its words, lower case, in any order."""
    return " ".join(sorted(str(record.get("population") or "").lower().split()))


def _upper_end(record: dict) -> bool:
    """The second record of a range (its upper end, kept for scoring): the board shows the range once."""
    return record.get("high") is not None and record["value"] == record["high"] != record.get("low")


@dataclass
class MetricBoard:
    metric: str
    label: str
    groups: list[FigureGroup]
    trend: list[tuple[str, int]]  # (date, largest value reported that day), when 3 or more dates

def figures_board(dashboard: Dashboard, filters: Filters) -> list[MetricBoard]:
    """Each metric's reported values, grouped where they look like the same count (the compare
    pane's choice of parties plays no part)."""
    return latest(dashboard, "figures", replace(filters, parties=()), lambda: _figures_board(dashboard, filters))


def _figures_board(dashboard: Dashboard, filters: Filters) -> list[MetricBoard]:
    by_metric: dict[str, list[dict]] = {}
    stories = {article_id: dashboard.story(article_id) for article_id in dashboard.articles}
    for record in dashboard.visible("figure", filters):
        if not _upper_end(record):
            by_metric.setdefault(record["metric"], []).append(record)
    boards = []
    for metric in [m for m in METRIC_LABELS if m in by_metric] + sorted(set(by_metric) - set(METRIC_LABELS)):
        records = sorted(by_metric[metric], key=lambda r: (-r["value"], when(dashboard, r), r["start"]))
        groups: list[FigureGroup] = []
        by_population: dict[str, list[FigureGroup]] = {}  # a record joins only a group of its population
        for record in records:
            same = by_population.setdefault(population_key(record), [])
            for group in same:
                anchor = group.records[0]["value"]
                if abs(record["value"] - anchor) <= SAME_COUNT_SPREAD * anchor:
                    group.records.append(record)
                    break
            else:
                groups.append(FigureGroup(metric, [record], stories=stories))
                same.append(groups[-1])
        _flag_outliers(by_population.values())
        daily: dict[str, int] = {}
        for record in records:
            day = when(dashboard, record)
            if day:
                daily[day] = max(daily.get(day, 0), record["value"])
        trend = sorted(daily.items()) if len(daily) >= 3 else []
        boards.append(MetricBoard(metric, METRIC_LABELS.get(metric, metric), groups, trend))
    return boards


def _flag_outliers(by_population: Iterable[list[FigureGroup]]) -> None:
    """A count a thousand times the others of its metric and population is likelier a misread ("1.5"
    read as millions) than news: say so on its group."""
    for same in by_population:
        values = sorted(v for g in same for v in g.values)
        if len(values) < 2:
            continue
        median = values[len(values) // 2]
        for group in same:
            group.outliers = [r for r in group.records
                              if median and (r["value"] >= OUTLIER_FACTOR * median or r["value"] * OUTLIER_FACTOR <= median)]


@dataclass
class Cell:
    """The latest stance of one party on one issue, and what stands behind it."""

    stance: str
    date: str
    sources: int  # independent stories that report this stance (wire copies count once)
    statements: list[dict]  # every statement on the issue by the party, oldest first

    @property
    def latest(self) -> dict:
        return self.statements[-1]

    def text(self, width: int = 99) -> str:
        """The cell as the compare pane shows it, in the longest form that fits `width`:
        "! demand 2024-05-02 \u00d72 0.93", then without the year, the confidence, the date."""
        date, stance = self.date or "?", stance_text(self.stance)
        forms = [f"{stance} {date} \u00d7{self.sources} {confidence_text(self.latest)}",
                 f"{stance} {date[5:] or '?'} \u00d7{self.sources} {confidence_text(self.latest)}",
                 f"{stance} {date[5:] or '?'} \u00d7{self.sources}", f"{stance} \u00d7{self.sources}", stance]
        return next((form for form in forms if len(form) <= width), forms[-1])


def compare_matrix(dashboard: Dashboard, filters: Filters, chosen: list[str]) -> dict[tuple[str, str], Cell]:
    """(issue, party) -> the party's latest stance on the issue; dismissed records do not count."""
    cells: dict[tuple[str, str], list[dict]] = {}
    for record in dashboard.visible("position", filters):
        if record.get("review") == "dismissed" or (chosen and record["party"] not in chosen):
            continue
        cells.setdefault((record["issue"], record["party"]), []).append(record)
    matrix = {}
    for key, records in cells.items():
        records.sort(key=lambda r: (when(dashboard, r), r["article"], r["start"]))
        latest = records[-1]
        backing = {dashboard.story(r["article"]) for r in records if r["stance"] == latest["stance"]}
        matrix[key] = Cell(latest["stance"], when(dashboard, latest), len(backing), records)
    return matrix


def relation(stances: list[str]) -> str | None:
    """Where the compared parties stand together: converge (all accept or offer) or clash
    (one demands what another rejects)."""
    if len(stances) < 2:
        return None
    if all(s in ("accept", "offer") for s in stances):
        return "converge"
    if "demand" in stances and "reject" in stances:
        return "clash"
    return None


def compare_issues(dashboard: Dashboard, matrix: dict[tuple[str, str], Cell]) -> list[str]:
    """The matrix's rows: the taxonomy's order, then any other issue."""
    present = {issue for issue, _ in matrix}
    ordered = [i for i in dashboard.issue_labels if i in present]
    return ordered + sorted(present - set(ordered))


RELATION_MARKS = {"converge": "\u2261 converge", "clash": "\u2260 clash"}


@dataclass
class CompareRow:
    """One issue of the comparison: each chosen party's cell (None where it said nothing) and where they stand."""

    issue: str
    label: str
    cells: dict[str, Cell | None]
    relation: str | None

    @property
    def relation_text(self) -> str:
        return RELATION_MARKS.get(self.relation or "", "")


def compare_rows(dashboard: Dashboard, filters: Filters, chosen: list[str]) -> list[CompareRow]:
    """The comparison of positions, as the pane, the snapshot and the CLI show it."""
    return latest(dashboard, "compare", (replace(filters, parties=()), tuple(chosen)),
                  lambda: _compare_rows(dashboard, filters, chosen))


def _compare_rows(dashboard: Dashboard, filters: Filters, chosen: list[str]) -> list[CompareRow]:
    matrix = compare_matrix(dashboard, filters, chosen)
    rows = []
    for issue in compare_issues(dashboard, matrix):
        cells = {party: matrix.get((issue, party)) for party in chosen}
        rows.append(CompareRow(issue, dashboard.label(issue), cells,
                               relation([cell.stance for cell in cells.values() if cell])))
    return rows
