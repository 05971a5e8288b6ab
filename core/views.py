"""What the panes and the Markdown snapshot show, as pure functions of stored data and filters.

`Dashboard` holds one consistent reading of the store (articles, records with
the user's reviews applied, issue labels); the functions below turn it into
the sources list and each party's demands (`boards` holds the figures board
and the comparison, `precision` what the reviews measured). The TUI and the
snapshot both call these, so the brief always says what the screen shows.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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



def latest(dashboard: Dashboard, view: str, inputs: object, compute: Callable[[], Any]) -> Any:
    """A view's last result while its inputs stay the same: what a pane shows, the snapshot then
    writes without computing it again (at 10,000 articles the figures board and the comparison took
    0.45 s of a 2.3 s export). One result per view is kept; a review clears them all."""
    held = dashboard._sorted.get(("latest", view))
    if held is None or held[0] != inputs:
        held = dashboard._sorted[("latest", view)] = (inputs, compute())
    return held[1]
