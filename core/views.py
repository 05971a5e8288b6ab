"""What the panes and the Markdown snapshot show, as pure functions of stored data and filters.

`Dashboard` holds one consistent reading of the store (articles, records with
the user's reviews applied, issue labels); the functions below turn it into
the sources list, each party's demands, the figures board and the comparison
matrix. The TUI and the snapshot both call these, so the brief always says
what the screen shows.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .records import Article

STANCE_ORDER = ("demand", "offer", "accept", "reject")
METRIC_LABELS = {
    "killed": "Killed", "wounded": "Wounded", "hostages": "Hostages", "hostages_dead": "Hostages dead",
    "prisoners": "Prisoners", "displaced": "Displaced", "at_risk": "At risk", "truce_days": "Truce length (days)",
}
REVIEW_MARKS = {"accepted": "\u2713", "dismissed": "\u2717", "edited": "\u270e"}
# A stance reads at a glance without colour too (NO_COLOR, a printed brief): a glyph before the word.
STANCE_GLYPHS = {"demand": "!", "offer": "+", "accept": "=", "reject": "\u2212"}
SAME_COUNT_SPREAD = 0.15  # values within 15% from different sources look like the same count
OUTLIER_FACTOR = 1000  # a value this many times the others' median is flagged as a likely misread


@dataclass(frozen=True)
class Since:
    """What counts as new. `instant`: articles the store took in after it (since the dashboard was
    last opened, say); `day`: articles published on or after it (taken in, where undated)."""

    instant: str | None = None  # YYYY-MM-DDTHH:MM:SSZ
    day: str | None = None  # YYYY-MM-DD

    def includes(self, article: Article | None) -> bool:
        if article is None:
            return False
        if self.instant is not None:
            return (article.ingested or "") > self.instant
        when = article.published or (article.ingested or "")[:10]
        return bool(when) and when >= (self.day or "")

    def describe(self) -> str:
        if self.instant is not None:
            return f"new since {self.instant[:10]} {self.instant[11:16]} UTC (taken in after it)"
        return f"new since {self.day} (published on or after it)"


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the dashboard to; stated at the top of every snapshot."""

    text: str = ""
    hide_background: bool = False
    hide_dismissed: bool = False
    parties: tuple[str, ...] = ()  # the compare pane's chosen parties; empty = all
    min_confidence: float = 0.0  # unreviewed records the extractor is less sure of are hidden
    since: Since | None = None  # only what is new

    def describe(self) -> list[str]:
        lines = [self.since.describe()] if self.since else []
        if self.min_confidence:
            lines.append(f"unreviewed records with confidence below {self.min_confidence:.2f} hidden")
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
    _haystacks: dict[str, bytes] = field(default_factory=dict, repr=False)
    _sorted: dict[object, Any] = field(default_factory=dict, repr=False)  # orderings and views, computed once
    counts: dict[str, int] | None = None  # records per article, where known without the records (summary)
    loading: bool = False  # the articles are here, the records are still being read
    echoes: dict[str, str] = field(default_factory=dict)  # record id in a wire copy -> the same record shown

    @classmethod
    def build(cls, articles: list[Article], records: list[dict], reviews: dict[str, dict],
              issue_labels: dict[str, str] | None = None, party_roles: dict[str, str] | None = None) -> Dashboard:
        by_id = {a.id: a for a in articles}
        records = [_with_confidence(record) for record in records]
        echoes = _echoes(by_id, records)
        originals = {record["id"]: record for record in records}
        effective = [_reviewed(record, reviews.get(record["id"])) for record in records if record["id"] not in echoes]
        return cls(by_id, effective, issue_labels or {}, party_roles or {}, originals, echoes=echoes)

    @classmethod
    def of_summary(cls, summary: dict) -> Dashboard:
        """The articles alone, from the store's summary, while the records load."""
        return cls({a.id: a for a in summary["articles"]}, [], counts=dict(summary["counts"]), loading=True)

    def story(self, article_id: str) -> str:
        """The story an article tells: the first article of its group of wire copies, or itself."""
        article = self.articles.get(article_id)
        return (article.copy_of if article else None) or article_id

    def copies(self, article_id: str) -> list[Article]:
        """The wire copies of an article (the first of their group), oldest first. Grouped once:
        each source row on screen asks, and a scan of every article for each was a millisecond a
        row at 10,000 articles."""
        groups = self._sorted.get("copies")
        if groups is None:
            groups = self._sorted["copies"] = {}
            for article in self.articles.values():
                if article.copy_of and article.copy_of != article.id:
                    groups.setdefault(article.copy_of, []).append(article)
            for found in groups.values():
                found.sort(key=lambda a: (a.ingested or "", a.id))
        return list(groups.get(article_id, ()))

    def apply_review(self, record_id: str, review: dict | None) -> None:
        """Show a new review at once, without reading the store again."""
        for index, record in enumerate(self.records):
            if record["id"] == record_id:
                self.records[index] = _reviewed(self.originals.get(record_id, record), review)
                self._haystacks.pop(record_id, None)
                self._sorted.clear()
                return

    def haystack(self, record: dict) -> bytes:
        """The record's searchable text, lower-cased, computed once. UTF-8, not a str: one typographic
        quote makes a str two bytes a character, and at 10,000 articles these took 100 MB."""
        cached = self._haystacks.get(record["id"])
        if cached is None:
            cached = self._haystacks[record["id"]] = _haystack(self, record)
        return cached

    def label(self, issue: str) -> str:
        return self.issue_labels.get(issue, issue.replace("_", " "))

    def outlet(self, record: dict) -> str:
        article = self.articles.get(record["article"])
        return (article.outlet if article else None) or "unknown"

    def of_kind(self, kind: str) -> list[dict]:
        """Records of a kind, in stored order (computed once)."""
        found = self._sorted.get(("kind", kind))
        if found is None:
            found = self._sorted[("kind", kind)] = [r for r in self.records if r["kind"] == kind]
        return found

    def visible(self, kind: str, filters: Filters) -> list[dict]:
        """Records of a kind that pass the filters, in stored order."""
        return _filtered(self, self.of_kind(kind), filters)


def _with_confidence(record: dict) -> dict:
    """Records stored before confidence was kept get it from their trace (a copy: stored dicts are read-only)."""
    if "confidence" in record or record.get("added"):
        return record
    from .confidence import confidence

    return {**record, "confidence": confidence(record)}


def confidence_of(record: dict) -> float:
    """How sure we are of a record: the extractor's confidence, or 1 for one a person added."""
    if record.get("added"):
        return 1.0
    value = record.get("confidence")
    return float(value) if value is not None else 0.5


def confidence_text(record: dict) -> str:
    """The confidence as every view shows it: "0.93", or "added" for a person's own record."""
    return "added" if record.get("added") else _two_places(confidence_of(record))


@lru_cache(maxsize=1024)
def _two_places(value: float) -> str:
    """Calibrated confidences take a few dozen values over a store's records: each formatted once."""
    return f"{value:.2f}"


def stance_text(stance: str) -> str:
    """A stance with its glyph: "! demand", "\u2212 reject"."""
    return f"{STANCE_GLYPHS.get(stance, '?')} {stance}"


def value_text(record: dict) -> str:
    """A figure's value as every view shows it: "1,139", or a range "700\u2013800"."""
    if record.get("low") is not None and record.get("high") is not None:
        return f"{record['low']:,}\u2013{record['high']:,}"
    return f"{record['value']:,}"


def _echoes(articles: dict[str, Article], records: list[dict]) -> dict[str, str]:
    """Records of a wire copy that say what its story's earlier article already says (same finding,
    same sentence): the copy adds no source, so only the first is shown. A copy whose figure or
    quote differs keeps its own record."""
    def story(article_id: str) -> str:
        article = articles.get(article_id)
        return (article.copy_of if article else None) or article_id

    def order(record: dict) -> tuple:
        article = articles.get(record["article"])
        return (bool(article and article.copy_of), (article.ingested if article else None) or "", record["article"],
                record["start"])

    grouped = {a.copy_of for a in articles.values() if a.copy_of}  # stories told by more than one article
    if not grouped:
        return {}
    first: dict[tuple, str] = {}
    echoes: dict[str, str] = {}
    for record in sorted((r for r in records if not r.get("added") and story(r["article"]) in grouped), key=order):
        finding = (record.get("party"), record.get("stance"), record.get("issue"), record.get("metric"),
                   record.get("value"), record.get("low"), record.get("high"))
        key = (story(record["article"]), record["kind"], finding, " ".join(record["sentence"].lower().split()))
        if key in first:
            echoes[record["id"]] = first[key]
        else:
            first[key] = record["id"]
    return echoes


def _reviewed(record: dict, review: dict | None) -> dict:
    """The record as the user sees it; unreviewed records are the stored dicts themselves."""
    if not review:
        return record
    return {**record, **(review.get("edit") or {}), "review": review.get("status")}


# Not searched: ids and offsets, and the extractor's trace, whose quoted words are the sentence's own
# (it was two fifths of the search text).
_UNSEARCHED = ("id", "article", "start", "end", "why")


def _haystack(dashboard: Dashboard, record: dict) -> bytes:
    article = dashboard.articles.get(record["article"])
    parts = [str(v) for k, v in record.items() if k not in _UNSEARCHED and v is not None]
    if article:
        parts += [article.title, article.outlet or ""]
    if record.get("issue"):
        parts.append(dashboard.label(record["issue"]))
    return " ".join(parts).lower().encode()


def sources(articles: list[Article]) -> list[Article]:
    """Newest first; articles with no known date after the dated ones, by title."""
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.title), reverse=True)
    undated = sorted((a for a in articles if not a.published), key=lambda a: a.title)
    return dated + undated


def article_counts(dashboard: Dashboard) -> dict[str, int]:
    """Records per article: from the records, or from the store's summary while they load."""
    if dashboard.loading:
        return dashboard.counts or {}
    return latest(dashboard, "counts", None, lambda: record_counts(dashboard.records))


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


def when(dashboard: Dashboard, record: dict) -> str:
    """The day a record speaks of: its own date, else its article's; "" where neither is known."""
    article = dashboard.articles.get(record["article"])
    return record.get("date") or (article.published if article else None) or ""


def demands(dashboard: Dashboard, party: str | None, filters: Filters) -> list[dict]:
    """A party's positions (all parties for None), newest first, then by stance and issue.

    The ordering is computed once per party; filtering keeps it (a keystroke in `/` only filters).
    """
    ordered = dashboard._sorted.get(("demands", party))
    if ordered is None:
        ordered = list(dashboard.of_kind("position") if party is None else _positions_of(dashboard).get(party, []))
        ordered.sort(key=lambda r: (when(dashboard, r), -STANCE_ORDER.index(r["stance"]) if r["stance"] in STANCE_ORDER
                                    else 0, r["issue"], r["start"]), reverse=True)
        dashboard._sorted[("demands", party)] = ordered
    return _filtered(dashboard, ordered, filters)


def _positions_of(dashboard: Dashboard) -> dict[str, list[dict]]:
    """Each party's positions in stored order, gathered in one pass over the records (computed once)."""
    by_party = dashboard._sorted.get("positions by party")
    if by_party is None:
        by_party = dashboard._sorted["positions by party"] = {}
        for record in dashboard.of_kind("position"):
            by_party.setdefault(record["party"], []).append(record)
    return by_party


def _filtered(dashboard: Dashboard, records: list[dict], filters: Filters) -> list[dict]:
    """Records passing the filters, in the given order. Typing that extends the previous
    text narrows the previous result instead of scanning everything again."""
    needle = filters.text.lower()
    if not (needle or filters.hide_background or filters.hide_dismissed or filters.min_confidence or filters.since):
        return records
    flags = (filters.hide_background, filters.hide_dismissed, filters.min_confidence, filters.since)
    previous = dashboard._sorted.get(("filtered", id(records)))
    if previous and previous[0] == flags and needle.startswith(previous[1]) and previous[1]:
        pool, pairs = previous[2], previous[3]
    else:
        pool = [r for r in records if not (flags[0] and r.get("background"))
                and not (flags[1] and r.get("review") == "dismissed")
                and not (flags[2] and _unsure(r, flags[2]))
                and not (flags[3] and not flags[3].includes(dashboard.articles.get(r["article"])))]
        pairs = None
    if needle:
        if pairs is None:  # (record, its search text) in the pool's order: a keystroke is then one tight pass
            pairs = [(r, dashboard.haystack(r)) for r in pool]
        token = needle.encode()  # a UTF-8 needle is found in UTF-8 text where the str is found in the str
        pairs = [pair for pair in pairs if token in pair[1]]
        pool = [r for r, _ in pairs]
    dashboard._sorted[("filtered", id(records))] = (flags, needle, pool, pairs)
    return pool


def _unsure(record: dict, threshold: float) -> bool:
    """Below the threshold and not vouched for: a record a person accepted or edited stays in view."""
    return record.get("review") not in ("accepted", "edited") and confidence_of(record) < threshold


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


def latest(dashboard: Dashboard, view: str, inputs: object, compute: Callable[[], Any]) -> Any:
    """A view's last result while its inputs stay the same: what a pane shows, the snapshot then
    writes without computing it again (at 10,000 articles the figures board and the comparison took
    0.45 s of a 2.3 s export). One result per view is kept; a review clears them all."""
    held = dashboard._sorted.get(("latest", view))
    if held is None or held[0] != inputs:
        held = dashboard._sorted[("latest", view)] = (inputs, compute())
    return held[1]


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


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default): honest with few reviews."""
    if not trials:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class KindStats:
    """What the reviews of one kind of record measured."""

    kind: str  # "position" or "figure"
    extracted: int  # records the extractor made
    reviewed: int  # of those, reviewed
    accepted: int  # of those, accepted as they were
    added: int  # records added by hand: what the extractor missed

    @property
    def precision(self) -> float | None:
        return self.accepted / self.reviewed if self.reviewed else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.accepted, self.reviewed)


@dataclass
class ReviewStats:
    reviewed: int
    total: int
    accepted: int
    kinds: list[KindStats] = field(default_factory=list)

    def describe(self) -> str:
        """The status line: how much is reviewed, and the precision measured, per kind."""
        if not self.total:
            return "no records"
        parts = [f"reviewed {self.reviewed}/{self.total} ({self.reviewed / self.total:.0%})"]
        for k in self.kinds:
            if k.reviewed:
                low, high = k.interval
                parts.append(f"{k.kind}s {k.precision:.0%} [{low:.0%}\u2013{high:.0%}]"
                             + (f" +{k.added} added" if k.added else ""))
            elif k.added:
                parts.append(f"{k.kind}s +{k.added} added")
        if not any(k.reviewed for k in self.kinds):
            parts.insert(1, "precision not measured yet")
        return " \u00b7 ".join(parts)

    def sentence(self) -> str:
        """One sentence an editor could print: what the reviews measured, with its uncertainty."""
        clauses = []
        for k in self.kinds:
            if k.reviewed:
                low, high = k.interval
                clauses.append(f"{k.accepted} of {k.reviewed} {k.kind}{'s' if k.reviewed != 1 else ''} checked "
                               f"{'was' if k.reviewed == 1 else 'were'} right as extracted "
                               f"({k.precision:.0%}; 95% interval {low:.0%} to {high:.0%})")
        text = ("A person checked a sample: " + "; ".join(clauses) if clauses else
                "No extracted item has been checked by a person yet, so their accuracy is not measured")
        added = [f"{k.added} {k.kind}{'s' if k.added != 1 else ''}" for k in self.kinds if k.added]
        if added:
            verb = "was" if sum(k.added for k in self.kinds) == 1 else "were"
            text += f"; {' and '.join(added)} that the extractor missed {verb} added by hand"
        return text + "."


def review_stats(dashboard: Dashboard) -> ReviewStats:
    """How much has been reviewed, and the precision measured so far, per kind. Edited counts as not
    accepted (the extractor got something wrong); records added by hand are counted apart."""
    kinds = []
    for kind in ("position", "figure"):
        extracted = reviewed = accepted = added = 0
        for record in dashboard.of_kind(kind):
            if record.get("added"):
                added += 1
            else:
                extracted += 1
                review = record.get("review")
                reviewed += bool(review)
                accepted += review == "accepted"
        kinds.append(KindStats(kind, extracted, reviewed, accepted, added))
    return ReviewStats(sum(k.reviewed for k in kinds), sum(k.extracted for k in kinds),
                       sum(k.accepted for k in kinds), kinds)
