"""The Markdown snapshot: what the dashboard shows, as a brief that renders well on GitHub.

Pure and deterministic: the same store and filters give the same bytes. Every
item is footnoted to its source (outlet, title, date, quoted sentence), and
all article text is escaped so that pipes, newlines, HTML and link syntax in
it can never break a table or inject markup.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from functools import lru_cache

from .boards import compare_rows, figures_board
from .precision import review_stats
from .views import (
    REVIEW_MARKS,
    STANCE_GLYPHS,
    Dashboard,
    Filters,
    article_counts,
    confidence_text,
    demands,
    parties,
    sources,
    stance_text,
    value_text,
)

# HTML's three specials become entities, Markdown's get a backslash, in one pass.
_SPECIALS = "&<>\\`*_[]|#~!"
_INERT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in _SPECIALS[3:]}})
# What a text must not hold to be written as it is: the specials and ASCII's control characters
# (newlines and tabs among them), as bytes that a translation deletes.
_UNSAFE = bytes(range(32)) + b"\x7f" + _SPECIALS.encode()


def escape(text: str | None) -> str:
    """Article text made inert in Markdown tables: one line, no markup, no HTML, no links."""
    if not text:
        return ""
    if inert(text):
        return text
    return one_line(text.translate(_INERT).replace("://", "\\://"))  # no autolinks either


def inert(text: str) -> bool:
    """True for a text that needs no escaping. A snapshot has a quarter of a million cells, and
    nearly all of them are one clean line already: its UTF-8 bytes are checked in a few passes of
    C (a regular expression took three times as long), then `isprintable` catches Unicode's own
    spaces and separators, skipped for ASCII, whose bytes were checked whole."""
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate (from JSON) is not printable either
    return (len(data.translate(None, _UNSAFE)) == len(data) and b"://" not in data and b"  " not in data
            and text[:1] != " " and text[-1:] != " " and (text.isascii() or text.isprintable()))


def one_line(text: str) -> str:
    """Whitespace runs as single spaces, checked first (str.isprintable is false for every
    whitespace character but the plain space)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def fields() -> Callable[[str | None], str]:
    """escape() remembered, for one snapshot's short fields (outlets, dates, actors, issues): a few
    hundred distinct values repeated over a hundred thousand rows. Sentences go to escape() itself."""
    return lru_cache(maxsize=None)(escape)


def clip(text: str, limit: int = 160) -> str:
    return cut(one_line(text), limit)


def cut(line: str, limit: int = 160) -> str:
    """A line shortened to `limit` characters, an ellipsis marking the cut."""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "\u2026"


class Notes:
    """Footnotes, one per distinct (article, sentence), numbered in order of first use. Records
    found in one sentence share its note, and its table cell is made once for all of them."""

    def __init__(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.marks: dict[tuple[str, int], str] = {}  # (article, sentence start) -> "[^n]"
        self.cells: dict[tuple[str, int], str] = {}  # (article, sentence start) -> statement cell
        self.lines: list[str] = []
        self.sources: dict[str, str] = {}  # article id -> 'outlet, "title", date', escaped once

    def ref(self, record: dict, inert: str | None = None) -> str:
        """The record's note mark, its note written on first use (`inert`: the sentence already escaped)."""
        key = (record["article"], record["start"])
        mark = self.marks.get(key)
        if mark is None:
            mark = self.marks[key] = f"[^{len(self.marks) + 1}]"
            inert = escape(record["sentence"]) if inert is None else inert
            self.lines.append(f"{mark}: {self.source(record['article'])}: {_quoted(inert)}")
        return mark

    def statement(self, record: dict) -> str:
        """A table cell: the sentence clipped, then its note mark. The sentence is escaped once for
        both: mostly there is nothing in it to escape, and then the clipped line needs nothing either."""
        key = (record["article"], record["start"])
        cell = self.cells.get(key)
        if cell is None:
            sentence = record["sentence"]
            inert = escape(sentence)
            text = cut(inert) if inert == sentence else escape(clip(sentence))
            cell = self.cells[key] = f"{text} {self.ref(record, inert)}"
        return cell

    def source(self, article_id: str) -> str:
        found = self.sources.get(article_id)
        if found is None:
            article = self.dashboard.articles.get(article_id)
            title = article.title if article else article_id
            outlet = (article.outlet if article else None) or "outlet unknown"
            date = escape(article.published if article else None) or "date unknown"
            found = self.sources[article_id] = f'{escape(outlet)}, "{escape(title)}", {date}'
        return found


def _quoted(text: str) -> str:
    """The escaped sentence in quotation marks, unless it opens with its own (a quote that says "he said")."""
    return text if text[:1] in "\"'\u201c\u2018\u00ab" else f'"{text}"'


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def render(dashboard: Dashboard, filters: Filters, title: str = "ceasetalk snapshot", chosen: list[str] | None = None) -> str:
    """The whole brief: what the reviews measured, filters, sources, demands per party, figures,
    comparison, footnotes."""
    return "".join(snapshot_text(dashboard, filters, title, chosen))


def snapshot_text(dashboard: Dashboard, filters: Filters, title: str = "ceasetalk snapshot",
                  chosen: list[str] | None = None, size: int = 2000) -> Iterator[str]:
    """The snapshot as text, `size` lines at a time, each line ended; no blank line or trailing
    space at its end. A file is written from the pieces without the whole text in memory at once
    (50 MB at 10,000 articles, twice that as a Python string).

    The collector is paused meanwhile: a snapshot makes and drops a million small objects, none of
    them in cycles, and its passes over them took a fifth of the time at 10,000 articles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        held: list[str] = []  # lines not yet written: the end is trimmed once it is known
        for section in _sections(dashboard, filters, title, chosen):
            if any(line.strip() for line in section):  # mostly its first line: held cannot end the text
                yield from _joined(held, size)
                held = section
            else:
                held += section
        while held and not held[-1].strip():
            held.pop()
        if held:
            held[-1] = held[-1].rstrip()
        yield from _joined(held, size)
    finally:
        if enabled:
            gc.enable()


def _joined(lines: list[str], size: int) -> Iterator[str]:
    for at in range(0, len(lines), size):
        yield "\n".join(lines[at:at + size]) + "\n"


def _sections(dashboard: Dashboard, filters: Filters, title: str, chosen: list[str] | None) -> Iterator[list[str]]:
    """The snapshot's lines a section at a time, each let go once written: the footnotes alone
    are kept to the end."""
    notes, field = Notes(dashboard), fields()
    outlets = {a.id: field(a.outlet or "unknown") for a in dashboard.articles.values()}
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
    yield out
    for party in parties(dashboard):
        rows = demands(dashboard, party, filters)
        if not rows:
            continue
        out = [f"### {escape(party)} ({len(rows)})", ""]
        out += table(["Stance", "Issue", "Actor", "Date", "Outlet", "Confidence", "Statement"], [
            [stance_cell(r["stance"], r.get("review"), bool(r.get("background"))),
             field(dashboard.label(r["issue"])),
             field(r.get("actor")), field(r.get("date")) or "unknown", outlets.get(r["article"], "unknown"),
             confidence_text(r), notes.statement(r)]
            for r in rows
        ])
        out.append("")
        yield out
    out = ["## Figures", ""]
    for board in figures_board(dashboard, filters):
        out += [f"### {escape(board.label)}", ""]
        rows = []
        for group in board.groups:
            for r in group.records:
                rows.append([marked(r, value_text(r)), field(r.get("qualifier")), field(r.get("attribution")),
                             outlets.get(r["article"], "unknown"), field(r.get("date")) or "unknown", confidence_text(r),
                             escape(r.get("subject")) + " " + notes.ref(r)])
        out += table(["Value", "Qualifier", "Authority", "Outlet", "As of", "Confidence", "Counts"], rows)
        for group in board.groups:
            for note in group.notes():
                out.append("")
                out.append(f"- {escape(note)}.")
        if board.trend:
            out += ["", "Trend (largest value by date): " + ", ".join(f"{escape(d)} {v:,}" for d, v in board.trend) + "."]
        out.append("")
        yield out
        out = []
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
    out += ["", "## Sources of each item", ""]
    yield out
    yield notes.lines


def sources_table(dashboard: Dashboard, articles: list) -> list[str]:
    """The sources, and which of them are wire copies of another (their findings count once)."""
    counts = article_counts(dashboard)
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


@lru_cache(maxsize=64)
def stance_cell(stance: str, review: str | None, background: bool) -> str:
    """A position's stance as its row shows it: review mark, glyph, stance, "(background)"."""
    text = marked({"review": review}, escape(stance_text(stance)))
    return text + " (background)" if background else text


def marked(record: dict, text: str) -> str:
    mark = REVIEW_MARKS.get(record.get("review") or "", "")
    return f"{mark} {text}" if mark else text
