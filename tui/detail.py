"""The detail panel: everything about the row under the cursor, the way k9s "describe" does.

For a record: what it says, its confidence and review, the whole sentence
with the words the extractor matched marked, the extractor's trace (`why`),
one step a line, every field, and where it was published: what a reviewer
needs first comes first, so 80x24 shows it. For a comparison row: each
party's latest statement. For an article or a metric: what the row sums up.
Article text is only ever shown as plain text.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from ceasetalk.core.records import Article
from ceasetalk.core.views import METRIC_LABELS, Dashboard, confidence_text, stance_text, value_text

from .panes import is_record, stance_style
from .widgets.lineview import LineView

DETAIL_CLASSES = frozenset({"detail--match", "detail--label"})  # the panel's looks, on its screen (see LINE_CLASSES)

if TYPE_CHECKING:
    from ceasetalk.core.boards import CompareRow, MetricBoard

_QUOTED = re.compile(r'"([^"]{2,80})"')
REVIEW_WORDS = {None: "not reviewed", "accepted": "accepted", "dismissed": "dismissed", "edited": "edited"}


class DetailPanel(LineView, can_focus=False):
    """The row under the active pane's cursor, in full. It follows the cursor; `d` hides it.

    Drawn line by line (the line API), so following the cursor repaints the panel alone and
    never asks for a layout pass of the screen."""


    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = Text("")
        self.lines: list[Text] = []
        self._wrapped_at = 0
        # What was shown for the last items, by identity (the dashboard replaces a record's dict when
        # it changes): going back to a pane shows its row again without describing it again.
        self._shown: dict[int, tuple[object, Dashboard, Text]] = {}
        # id(text) -> (text, width, its lines, the lines drawn): a row shown again is not drawn again.
        self._wrapped: dict[int, tuple[Text, int, list[Text], dict[tuple, Strip]]] = {}
        self._strips: dict[tuple, Strip] = {}  # the current text's drawn lines

    def show(self, dashboard: Dashboard, item: object) -> None:
        cached = self._shown.get(id(item))
        if cached is not None and cached[0] is item and cached[1] is dashboard:
            text = cached[2]
        else:
            text = self.describe(dashboard, item)
            if len(self._shown) >= 64:
                self._shown.clear()
            self._shown[id(item)] = (item, dashboard, text)
        if text is self.text:
            return
        self.text = text
        self._wrap()
        self.scroll_to(y=0, animate=False, immediate=True)

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._wrapped_at:
            self._wrap()

    def _wrap(self) -> None:
        self._wrapped_at = self.scrollable_content_region.width
        width = max(self.line_width - 1, 10)  # a blank column before the scrollbar's
        cached = self._wrapped.get(id(self.text))
        if cached is not None and cached[0] is self.text and cached[1] == width:
            _, _, self.lines, self._strips = cached
        else:
            self.lines = list(self.text.wrap(self.app.console, width)) if self.text.plain else []
            self._strips = {}
            if len(self._wrapped) >= 64:
                self._wrapped.clear()
            self._wrapped[id(self.text)] = (self.text, width, self.lines, self._strips)
        self.set_virtual_size(Size(width, len(self.lines)))
        self.refresh()

    def draw_line(self, y: int) -> Strip:
        width = self.line_width
        index = self.scroll_offset.y + y
        style = self.base_style
        if index >= len(self.lines):
            return Strip.blank(width, style)
        key = (index, width, style)
        strip = self._strips.get(key)
        if strip is None:
            segments = list(self.lines[index].render(self.app.console))
            strip = self._strips[key] = Strip(segments).crop_extend(0, width, style).apply_style(style)
        return strip

    def describe(self, dashboard: Dashboard, item: object) -> Text:
        if is_record(item):
            return self._record(dashboard, item)
        if isinstance(item, Article):
            return self._article(dashboard, item)
        from ceasetalk.core.boards import CompareRow, MetricBoard  # after the first frame, which shows an article

        if isinstance(item, CompareRow):
            return self._compare(dashboard, item)
        if isinstance(item, MetricBoard):
            return self._metric(item)
        return Text("Nothing under the cursor.", style="dim")

    # -- pieces -------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.look(name, partial=True)

    def _stance(self, stance: str) -> Text:
        return Text(stance_text(stance), style=stance_style(self, stance) + Style(bold=True))

    def _field(self, text: Text, label: str, value: object) -> None:
        """Append "label value" to a line of fields, with a separator after the first."""
        if text.plain:
            text.append("  \u00b7  ")
        text.append(f"{label} ", style=self._style("detail--label"))
        text.append(str(value))

    def _sentence(self, record: dict) -> Text:
        """The whole sentence, the words the trace quotes (cue, holder, issue words, number) marked."""
        sentence = " ".join(record["sentence"].split())
        text = Text("\u201c" + sentence + "\u201d")
        marked = self._style("detail--match")
        lowered = text.plain.lower()
        for words in {m.group(1).lower() for m in _QUOTED.finditer(record.get("why") or "")}:
            for found in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", lowered):
                text.stylize(marked, found.start(), found.end())
        return text

    def _source(self, dashboard: Dashboard, record: dict) -> Text:
        article = dashboard.articles.get(record["article"])
        line = Text()
        self._field(line, "outlet", (article.outlet if article else None) or "unknown")
        self._field(line, "published", (article.published if article else None) or "unknown")
        self._field(line, "title", " ".join((article.title if article else record["article"]).split()))
        return line

    def _review(self, dashboard: Dashboard, record: dict) -> Text:
        line = Text()
        self._field(line, "confidence", confidence_text(record))
        line.append("  \u00b7  " + REVIEW_WORDS.get(record.get("review"), str(record.get("review"))), style="bold")
        original = dashboard.originals.get(record["id"], record)
        changes = [f"{name} {original.get(name)!s} \u2192 {record.get(name)!s}" for name in sorted(record)
                   if name not in ("review",) and original.get(name) != record.get(name)]
        if changes:
            line.append(" (" + "; ".join(changes) + ")")
        if record.get("added"):
            line.append(" (added by hand)")
        return line

    def _why(self, record: dict) -> Text:
        why = record.get("why") or ("added by hand" if record.get("added") else "")
        text = Text("why", style=self._style("detail--label"))
        for step in [part.strip() for part in why.split(";") if part.strip()] or ["not recorded"]:
            text.append("\n  " + step)
        return text

    # -- what each kind of row shows --------------------------------------------------------

    def _record(self, dashboard: Dashboard, record: dict) -> Text:
        head = Text()
        fields = Text()
        if record["kind"] == "position":
            head.append_text(self._stance(record["stance"]))
            head.append(f"  {record['party']}  on  ", style="bold")
            head.append(dashboard.label(record["issue"]), style="bold")
            self._field(fields, "party", record["party"])
            self._field(fields, "issue", f"{dashboard.label(record['issue'])} ({record['issue']})")
            self._field(fields, "actor", record.get("actor") or "none named")
        else:
            head.append(f"{METRIC_LABELS.get(record['metric'], record['metric'])}: {value_text(record)}", style="bold")
            self._field(fields, "metric", record["metric"])
            self._field(fields, "value", f"{record['value']:,}")
            if record.get("low") is not None:
                self._field(fields, "range", value_text(record))
            self._field(fields, "qualifier", record.get("qualifier") or "none")
            self._field(fields, "authority", record.get("attribution") or "none named")
            self._field(fields, "population", record.get("population") or "not said")
            self._field(fields, "counts", record.get("subject") or "")
        self._field(fields, "date", record.get("date") or "unknown")
        if record.get("background"):
            self._field(fields, "background", "a recap of the past")
        head.append("    ")
        head.append_text(self._review(dashboard, record))
        parts = [head, self._sentence(record), self._why(record), fields, self._source(dashboard, record)]
        return Text("\n").join(parts)

    def _compare(self, dashboard: Dashboard, row: CompareRow) -> Text:
        text = Text(row.label, style="bold")
        if row.relation_text:
            text.append(f"  {row.relation_text}", style="bold")
        for party, cell in row.cells.items():
            text.append(f"\n{party}: ", style="bold")
            if cell is None:
                text.append("said nothing on this issue in these articles", style="dim")
                continue
            text.append_text(self._stance(cell.stance))
            plural = "s" if cell.sources != 1 else ""
            text.append(f"  latest {cell.date or 'date unknown'}, {cell.sources} source{plural}, "
                        f"{len(cell.statements)} statement{'s' if len(cell.statements) != 1 else ''}, "
                        f"confidence {confidence_text(cell.latest)}\n  ")
            text.append_text(self._sentence(cell.latest))
            text.append(f" ({dashboard.outlet(cell.latest)})", style="dim")
        return text

    def _article(self, dashboard: Dashboard, article: Article) -> Text:
        records = [r for r in dashboard.records if r["article"] == article.id]
        text = Text(" ".join(article.title.split()), style="bold")
        line = Text()
        self._field(line, "outlet", article.outlet or "unknown")
        self._field(line, "published", article.published or "unknown")
        if article.published_from:
            self._field(line, "date from", article.published_from)
        self._field(line, "kind", article.kind)
        text.append("\n")
        text.append_text(line)
        counts = Text()
        self._field(counts, "positions", sum(r["kind"] == "position" for r in records))
        self._field(counts, "figures", sum(r["kind"] == "figure" for r in records))
        self._field(counts, "reviewed", sum(1 for r in records if r.get("review")))
        self._field(counts, "id", article.id)
        text.append("\n")
        text.append_text(counts)
        text.append("\n")
        shown = article.source if "://" in article.source else Path(article.source).name  # a file: its name
        text.append_text(Text.assemble(("source ", self._style("detail--label")), shown))
        return text

    def _metric(self, board: MetricBoard) -> Text:
        text = Text(board.label, style="bold")
        count = sum(len(group.records) for group in board.groups)
        text.append(f"  {count} figures in {len(board.groups)} groups (values within 15% of one population)")
        for group in board.groups:
            for note in group.notes():
                text.append(f"\n- {note}")
        if board.trend:
            text.append("\ntrend (largest value by date): " + ", ".join(f"{d} {v:,}" for d, v in board.trend))
        return text
