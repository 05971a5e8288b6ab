"""The Markdown snapshot: what the dashboard shows, as a brief that renders well on GitHub.

Pure and deterministic: the same store and filters give the same bytes. Every
item is footnoted to its source (outlet, title, date, quoted sentence), and
all article text is escaped so that pipes, newlines, HTML and link syntax in
it can never break a table or inject markup.
"""
from __future__ import annotations

import re

from .views import (
    REVIEW_MARKS,
    STANCE_GLYPHS,
    Dashboard,
    Filters,
    compare_rows,
    confidence_text,
    demands,
    figures_board,
    parties,
    review_stats,
    sources,
    stance_text,
    value_text,
)

_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


def escape(text: str | None) -> str:
    """Article text made inert in Markdown tables: one line, no markup, no HTML, no links."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text).replace("://", "\\://")  # no autolinks either
    return " ".join(text.split())


def clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class Notes:
    """Footnotes, one per distinct (article, sentence), numbered in order of first use."""

    def __init__(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.numbers: dict[tuple[str, int], int] = {}
        self.lines: list[str] = []

    def ref(self, record: dict) -> str:
        key = (record["article"], record["start"])
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            article = self.dashboard.articles.get(record["article"])
            title = article.title if article else record["article"]
            outlet = (article.outlet if article else None) or "outlet unknown"
            date = escape(article.published if article else None) or "date unknown"
            self.lines.append(f'[^{self.numbers[key]}]: {escape(outlet)}, "{escape(title)}", {date}: '
                              f'{_quoted(record["sentence"])}')
        return f"[^{self.numbers[key]}]"


def _quoted(sentence: str) -> str:
    """The sentence in quotation marks, unless it opens with its own (a quote that says "he said")."""
    text = escape(sentence)
    return text if text[:1] in "\"'\u201c\u2018\u00ab" else f'"{text}"'


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def render(dashboard: Dashboard, filters: Filters, title: str = "ceasetalk snapshot", chosen: list[str] | None = None) -> str:
    """The whole brief: what the reviews measured, filters, sources, demands per party, figures,
    comparison, footnotes."""
    notes = Notes(dashboard)
    stats = review_stats(dashboard)
    out = [f"# {escape(title)}", "", stats.sentence(), ""]
    described = filters.describe()
    out.append("Filters: " + ("; ".join(escape(d) for d in described) if described else "none") + ".")
    out.append("")
    stances = ", ".join(f"{escape(glyph)} {stance}" for stance, glyph in STANCE_GLYPHS.items())
    out.append(f"Reviews: {stats.describe()}. Marks: \u2713 accepted, \u2717 dismissed, \u270e edited. "
               f"Stances: {stances}. Confidence: the extractor's calibrated probability that an item is right.")
    articles = [a for a in sources(list(dashboard.articles.values())) if not filters.since or filters.since.includes(a)]
    out += ["", f"## Sources ({len(articles)})", ""]
    out += sources_table(dashboard, articles)
    out += ["", "## Demands by party", ""]
    for party in parties(dashboard):
        rows = demands(dashboard, party, filters)
        if not rows:
            continue
        out += [f"### {escape(party)} ({len(rows)})", ""]
        out += table(["Stance", "Issue", "Actor", "Date", "Outlet", "Confidence", "Statement"], [
            [marked(r, escape(stance_text(r["stance"]))) + (" (background)" if r.get("background") else ""),
             escape(dashboard.label(r["issue"])),
             escape(r.get("actor")), escape(r.get("date")) or "unknown", escape(dashboard.outlet(r)),
             confidence_text(r), escape(clip(r["sentence"])) + " " + notes.ref(r)]
            for r in rows
        ])
        out.append("")
    out += ["## Figures", ""]
    for board in figures_board(dashboard, filters):
        out += [f"### {escape(board.label)}", ""]
        rows = []
        for group in board.groups:
            for r in group.records:
                rows.append([marked(r, value_text(r)), escape(r.get("qualifier")), escape(r.get("attribution")),
                             escape(dashboard.outlet(r)), escape(r.get("date")) or "unknown", confidence_text(r),
                             escape(r.get("subject")) + " " + notes.ref(r)])
        out += table(["Value", "Qualifier", "Authority", "Outlet", "As of", "Confidence", "Counts"], rows)
        for group in board.groups:
            for note in group.notes():
                out.append("")
                out.append(f"- {escape(note)}.")
        if board.trend:
            out += ["", "Trend (largest value by date): " + ", ".join(f"{escape(d)} {v:,}" for d, v in board.trend) + "."]
        out.append("")
    out += ["## Comparison of positions", ""]
    chosen = chosen or parties(dashboard)
    rows = []
    for row in compare_rows(dashboard, filters, chosen):
        cells = []
        for cell in row.cells.values():
            if cell is None:
                cells.append("\u2014")
                continue
            plural = "s" if cell.sources != 1 else ""
            cells.append(f"{escape(stance_text(cell.stance))} ({escape(cell.date) or 'date unknown'}, "
                         f"{cell.sources} source{plural}) " + notes.ref(cell.latest))
        rows.append([escape(row.label)] + cells + [row.relation or ""])
    out += table(["Issue"] + [escape(p) for p in chosen] + ["Where they stand"], rows)
    out += ["", "## Sources of each item", ""] + notes.lines
    return "\n".join(out).rstrip() + "\n"


def sources_table(dashboard: Dashboard, articles: list) -> list[str]:
    """The sources, and which of them are wire copies of another (their findings count once)."""
    counts: dict[str, int] = {}
    for record in dashboard.records:
        counts[record["article"]] = counts.get(record["article"], 0) + 1
    out = table(["Date", "Outlet", "Title", "Records"], [
        [escape(a.published) or "unknown", escape(a.outlet) or "unknown", escape(a.title), str(counts.get(a.id, 0))]
        for a in articles])
    copies = [a for a in articles if a.copy_of and a.copy_of in dashboard.articles]
    if copies:
        out += ["", "Wire copies (the same story in another outlet, lightly edited) are counted once: their "
                "records that repeat the first article's are not listed again, and source counts count stories, not copies."]
        for copy in copies:
            first = dashboard.articles[copy.copy_of]
            out.append(f'- {escape(copy.outlet) or "unknown"}, "{escape(copy.title)}" is a copy of '
                       f'{escape(first.outlet) or "unknown"}, "{escape(first.title)}".')
    return out


def marked(record: dict, text: str) -> str:
    mark = REVIEW_MARKS.get(record.get("review") or "", "")
    return f"{mark} {text}" if mark else text
