"""What the panes and the Markdown snapshot show, as pure functions of stored data and filters.

`Dashboard` holds one consistent reading of the store (articles, records with
the user's reviews applied, issue labels); the functions below turn it into
the sources list, each party's demands, the figures board and the comparison
matrix. The TUI and the snapshot both call these, so the brief always says
what the screen shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .records import Article

STANCE_ORDER = ("demand", "offer", "accept", "reject")
METRIC_LABELS = {
    "killed": "Killed", "wounded": "Wounded", "hostages": "Hostages", "hostages_dead": "Hostages dead",
    "prisoners": "Prisoners", "displaced": "Displaced", "at_risk": "At risk", "truce_days": "Truce length (days)",
}
REVIEW_MARKS = {"accepted": "\u2713", "dismissed": "\u2717", "edited": "\u270e"}
SAME_COUNT_SPREAD = 0.15  # values within 15% from different sources look like the same count
OUTLIER_FACTOR = 1000  # a value this many times the others' median is flagged as a likely misread


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the dashboard to; stated at the top of every snapshot."""

    text: str = ""
    hide_background: bool = False
    hide_dismissed: bool = False
    parties: tuple[str, ...] = ()  # the compare pane's chosen parties; empty = all

    def describe(self) -> list[str]:
        lines = []
        if self.text:
            lines.append(f'text contains "{self.text}"')
        if self.hide_background:
            lines.append("background (recaps of the past) hidden")
        if self.hide_dismissed:
            lines.append("dismissed records hidden")
        if self.parties:
            lines.append("compared parties: " + ", ".join(self.parties))
        return lines


@dataclass
class Dashboard:
    """One reading of the store: articles and records, with reviews applied."""

    articles: dict[str, Article]
    records: list[dict]  # effective records: edits applied, "review" set to a status or None
    issue_labels: dict[str, str] = field(default_factory=dict)
    party_roles: dict[str, str] = field(default_factory=dict)
    originals: dict[str, dict] = field(default_factory=dict, repr=False)  # id -> record as extracted
    _haystacks: dict[str, str] = field(default_factory=dict, repr=False)
    _sorted: dict[object, list[dict]] = field(default_factory=dict, repr=False)  # per-party orderings
    counts: dict[str, int] | None = None  # records per article, where known without the records (summary)
    loading: bool = False  # the articles are here, the records are still being read

    @classmethod
    def build(cls, articles: list[Article], records: list[dict], reviews: dict[str, dict],
              issue_labels: dict[str, str] | None = None, party_roles: dict[str, str] | None = None) -> Dashboard:
        originals = {record["id"]: record for record in records}
        effective = [_reviewed(record, reviews.get(record["id"])) for record in records]
        return cls({a.id: a for a in articles}, effective, issue_labels or {}, party_roles or {}, originals)

    def apply_review(self, record_id: str, review: dict | None) -> None:
        """Show a new review at once, without reading the store again."""
        for index, record in enumerate(self.records):
            if record["id"] == record_id:
                self.records[index] = _reviewed(self.originals.get(record_id, record), review)
                self._haystacks.pop(record_id, None)
                self._sorted.clear()
                return

    def haystack(self, record: dict) -> str:
        """The record's searchable text, lower-cased, computed once."""
        cached = self._haystacks.get(record["id"])
        if cached is None:
            cached = self._haystacks[record["id"]] = _haystack(self, record)
        return cached

    def label(self, issue: str) -> str:
        return self.issue_labels.get(issue, issue.replace("_", " "))

    def outlet(self, record: dict) -> str:
        article = self.articles.get(record["article"])
        return (article.outlet if article else None) or "unknown"

    def visible(self, kind: str, filters: Filters) -> list[dict]:
        """Records of a kind that pass the filters, in stored order."""
        of_kind = self._sorted.get(("kind", kind))
        if of_kind is None:
            of_kind = self._sorted[("kind", kind)] = [r for r in self.records if r["kind"] == kind]
        return _filtered(self, of_kind, filters)


def _reviewed(record: dict, review: dict | None) -> dict:
    """The record as the user sees it; unreviewed records are the stored dicts themselves."""
    if not review:
        return record
    return {**record, **(review.get("edit") or {}), "review": review.get("status")}


def _haystack(dashboard: Dashboard, record: dict) -> str:
    article = dashboard.articles.get(record["article"])
    parts = [str(v) for k, v in record.items() if k not in ("id", "article", "start", "end") and v is not None]
    if article:
        parts += [article.title, article.outlet or ""]
    if record.get("issue"):
        parts.append(dashboard.label(record["issue"]))
    return " ".join(parts).lower()


def sources(articles: list[Article]) -> list[Article]:
    """Newest first; articles with no known date after the dated ones, by title."""
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.title), reverse=True)
    undated = sorted((a for a in articles if not a.published), key=lambda a: a.title)
    return dated + undated


def article_counts(dashboard: Dashboard) -> dict[str, int]:
    """Records per article: from the records, or from the store's summary while they load."""
    if dashboard.counts is None or not dashboard.loading:
        dashboard.counts = record_counts(dashboard.records)
    return dashboard.counts


def record_counts(records: list[dict]) -> dict[str, int]:
    """How many records each article has."""
    counts: dict[str, int] = {}
    for record in records:
        counts[record["article"]] = counts.get(record["article"], 0) + 1
    return counts


def parties(dashboard: Dashboard) -> list[str]:
    """Parties with positions, belligerents first, then by how often they are quoted (computed once)."""
    cached = dashboard._sorted.get("parties")
    if cached is not None:
        return cached
    counts: dict[str, int] = {}
    for record in dashboard.records:
        if record["kind"] == "position":
            counts[record["party"]] = counts.get(record["party"], 0) + 1
    role_rank = {"belligerent": 0, "mediator": 1}
    ordered = sorted(counts, key=lambda p: (role_rank.get(dashboard.party_roles.get(p, ""), 2), -counts[p], p))
    dashboard._sorted["parties"] = ordered
    return ordered


def _when(dashboard: Dashboard, record: dict) -> str:
    article = dashboard.articles.get(record["article"])
    return record.get("date") or (article.published if article else None) or ""


def demands(dashboard: Dashboard, party: str | None, filters: Filters) -> list[dict]:
    """A party's positions (all parties for None), newest first, then by stance and issue.

    The ordering is computed once per party; filtering keeps it (a keystroke in `/` only filters).
    """
    ordered = dashboard._sorted.get(("demands", party))
    if ordered is None:
        ordered = [r for r in dashboard.records if r["kind"] == "position" and (party is None or r["party"] == party)]
        ordered.sort(key=lambda r: (_when(dashboard, r), -STANCE_ORDER.index(r["stance"]) if r["stance"] in STANCE_ORDER
                                    else 0, r["issue"], r["start"]), reverse=True)
        dashboard._sorted[("demands", party)] = ordered
    return _filtered(dashboard, ordered, filters)


def _filtered(dashboard: Dashboard, records: list[dict], filters: Filters) -> list[dict]:
    """Records passing the filters, in the given order. Typing that extends the previous
    text narrows the previous result instead of scanning everything again."""
    needle = filters.text.lower()
    if not (needle or filters.hide_background or filters.hide_dismissed):
        return records
    flags = (filters.hide_background, filters.hide_dismissed)
    previous = dashboard._sorted.get(("filtered", id(records)))
    if previous and previous[0] == flags and needle.startswith(previous[1]) and previous[1]:
        pool = previous[2]
    else:
        pool = [r for r in records if not (flags[0] and r.get("background"))
                and not (flags[1] and r.get("review") == "dismissed")]
    if needle:
        hay = dashboard.haystack
        pool = [r for r in pool if needle in hay(r)]
    dashboard._sorted[("filtered", id(records))] = (flags, needle, pool)
    return pool


@dataclass
class FigureGroup:
    """Values of one metric that look like the same count of the same people, from one or more sources."""

    metric: str
    records: list[dict]
    outliers: list[dict] = field(default_factory=list)  # values a thousand times off the others: misreads?

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
        sources = {r["article"] for r in self.records}
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
    """Each metric's reported values, grouped where they look like the same count."""
    by_metric: dict[str, list[dict]] = {}
    for record in dashboard.visible("figure", filters):
        if not _upper_end(record):
            by_metric.setdefault(record["metric"], []).append(record)
    boards = []
    for metric in [m for m in METRIC_LABELS if m in by_metric] + sorted(set(by_metric) - set(METRIC_LABELS)):
        records = sorted(by_metric[metric], key=lambda r: (-r["value"], _when(dashboard, r), r["start"]))
        groups: list[FigureGroup] = []
        for record in records:
            for group in groups:
                anchor = group.records[0]["value"]
                if population_key(record) == population_key(group.records[0]) and \
                        abs(record["value"] - anchor) <= SAME_COUNT_SPREAD * anchor:
                    group.records.append(record)
                    break
            else:
                groups.append(FigureGroup(metric, [record]))
        _flag_outliers(groups)
        daily: dict[str, int] = {}
        for record in records:
            when = _when(dashboard, record)
            if when:
                daily[when] = max(daily.get(when, 0), record["value"])
        trend = sorted(daily.items()) if len(daily) >= 3 else []
        boards.append(MetricBoard(metric, METRIC_LABELS.get(metric, metric), groups, trend))
    return boards


def _flag_outliers(groups: list[FigureGroup]) -> None:
    """A count a thousand times the others of its metric and population is likelier a misread ("1.5"
    read as millions) than news: say so on its group."""
    by_population: dict[str, list[FigureGroup]] = {}
    for group in groups:
        by_population.setdefault(population_key(group.records[0]), []).append(group)
    for same in by_population.values():
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
    sources: int  # articles that report this stance
    statements: list[dict]  # every statement on the issue by the party, oldest first


def compare_matrix(dashboard: Dashboard, filters: Filters, chosen: list[str]) -> dict[tuple[str, str], Cell]:
    """(issue, party) -> the party's latest stance on the issue; dismissed records do not count."""
    cells: dict[tuple[str, str], list[dict]] = {}
    for record in dashboard.visible("position", filters):
        if record.get("review") == "dismissed" or (chosen and record["party"] not in chosen):
            continue
        cells.setdefault((record["issue"], record["party"]), []).append(record)
    matrix = {}
    for key, records in cells.items():
        records.sort(key=lambda r: (_when(dashboard, r), r["article"], r["start"]))
        latest = records[-1]
        backing = {r["article"] for r in records if r["stance"] == latest["stance"]}
        matrix[key] = Cell(latest["stance"], _when(dashboard, latest), len(backing), records)
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


@dataclass
class ReviewStats:
    reviewed: int
    total: int
    accepted: int

    def describe(self) -> str:
        if not self.total:
            return "no records"
        share = f"reviewed {self.reviewed}/{self.total} ({self.reviewed / self.total:.0%})"
        if not self.reviewed:
            return share + " · precision not measured yet"
        return share + f" · precision {self.accepted / self.reviewed:.0%} ({self.accepted} accepted of {self.reviewed})"


def review_stats(dashboard: Dashboard) -> ReviewStats:
    """How much has been reviewed, and the precision measured so far (edited counts as not accepted)."""
    reviewed = [r for r in dashboard.records if r.get("review")]
    accepted = sum(r["review"] == "accepted" for r in reviewed)
    return ReviewStats(len(reviewed), len(dashboard.records), accepted)
