"""Screens over the dashboard: the reader, help, adding an article, editing a record, a row's statements."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Button, Footer, Input, Label, Markdown, Select, Static

from ceasetalk.core.records import METRICS, STANCES

from .widgets.table import Column, Row, VirtualTable


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap that keeps character offsets: (start, end) of each screen line."""
    lines, width = [], max(width, 10)
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        if start == end:
            lines.append((start, start))
        while start < end:
            if end - start <= width:
                lines.append((start, end))
                break
            cut = text.rfind(" ", start, start + width + 1)
            cut = cut if cut > start else start + width
            lines.append((start, cut))
            start = cut + 1 if text[cut:cut + 1] == " " else cut
        position = end + 1
    return lines


class ArticleView(ScrollView, can_focus=True):
    """An article's cleaned text, wrapped to the view, with record sentences highlighted."""

    DEFAULT_CSS = """
    ArticleView { height: 1fr; padding: 0 1; }
    ArticleView > .article-view--record { text-style: underline; background: $primary 30%; }
    ArticleView > .article-view--target { text-style: bold reverse; }
    """
    COMPONENT_CLASSES = {"article-view--record", "article-view--target"}
    BINDINGS = [
        Binding("up,k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("down,j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("home,g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down"),
    ]

    def __init__(self, text: str, spans: list[tuple[int, int]], target: tuple[int, int] | None) -> None:
        super().__init__()
        self.text, self.spans, self.target = text, spans, target
        self.lines: list[tuple[int, int]] = []

    def on_resize(self) -> None:
        self.lines = wrap_offsets(self.text, self.scrollable_content_region.width)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.lines))
        if self.target:
            line = next((i for i, (s, e) in enumerate(self.lines) if s <= self.target[0] <= e), 0)
            self.scroll_to(y=max(line - 2, 0), animate=False)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if index >= len(self.lines):
            return Strip.blank(self.size.width, self.rich_style)
        start, end = self.lines[index]
        line = Text(self.text[start:end], no_wrap=True)
        for (a, b), component in [*((s, "article-view--record") for s in self.spans),
                                  *([(self.target, "article-view--target")] if self.target else [])]:
            lo, hi = max(a, start), min(b, end)
            if lo < hi:
                line.stylize(self.get_component_rich_style(component), lo - start, hi - start)
        strip = Strip(list(line.render(self.app.console)))
        return strip.crop_extend(0, self.scrollable_content_region.width, self.rich_style)


class ReaderScreen(Screen):
    """The reader: one article, its record sentences highlighted; esc goes back."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="reader.back")]

    def __init__(self, title: str, meta: str, text: str, spans, target=None) -> None:
        super().__init__()
        self.title_text, self.meta, self.text, self.spans, self.target = title, meta, text, spans, target

    def compose(self) -> ComposeResult:
        with Vertical(id="reader"):
            yield Static(Text(self.title_text, style="bold"), id="reader-title")
            yield Static(Text(self.meta, style="dim"), id="reader-meta")
            yield ArticleView(self.text, self.spans, self.target)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()


class HelpScreen(ModalScreen):
    """Keys for the focused pane and for the whole dashboard."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close", id="help.close")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Markdown(self.markdown)
            yield Label("esc closes", classes="dim")


class AddScreen(ModalScreen[str | None]):
    """Ask for a path or URL to add; the app ingests it in the background."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add"):
            yield Label("Add an article: a file, a folder, or an http(s) URL")
            yield Input(placeholder="path or URL", id="add-input")
            yield Label("enter adds (extraction runs in the background) · esc cancels", classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditScreen(ModalScreen[dict | None]):
    """Correct a record: party, stance and issue of a position; metric and value of a figure."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="edit.cancel")]

    def __init__(self, record: dict, parties: list[str], issues: dict[str, str]) -> None:
        super().__init__()
        self.record, self.parties, self.issues = record, parties, issues

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(id="edit"):
            yield Label(Text(" ".join(record["sentence"].split())[:300]), classes="dim")
            if record["kind"] == "position":
                parties = sorted(set(self.parties) | {record["party"]})
                yield Select([(p, p) for p in parties], value=record["party"], allow_blank=False, id="edit-party")
                yield Select([(s, s) for s in STANCES], value=record["stance"], allow_blank=False, id="edit-stance")
                issues = dict(self.issues) | {record["issue"]: self.issues.get(record["issue"], record["issue"])}
                yield Select([(label, key) for key, label in issues.items()], value=record["issue"], allow_blank=False,
                             id="edit-issue")
            else:
                yield Select([(m, m) for m in METRICS], value=record["metric"], allow_blank=False, id="edit-metric")
                yield Input(str(record["value"]), id="edit-value", type="integer")
            yield Button("Save", variant="primary", id="edit-save")
            yield Label("esc cancels", classes="dim")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if self.record["kind"] == "position":
            edit = {name: self.query_one(f"#edit-{name}", Select).value for name in ("party", "stance", "issue")}
        else:
            raw = self.query_one("#edit-value", Input).value.replace(",", "").strip()
            if not raw.isdigit():
                self.notify("The value must be a whole number.", severity="error")
                return
            edit = {"metric": self.query_one("#edit-metric", Select).value, "value": int(raw)}
        self.dismiss(edit)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StatementsScreen(ModalScreen):
    """The statements behind a comparison row, oldest first, so drift is visible."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Close", id="statements.close")]

    def __init__(self, title: str, rows: list[Row]) -> None:
        super().__init__()
        self.title_text, self.rows = title, rows

    def compose(self) -> ComposeResult:
        with Vertical(id="statements"):
            yield Static(Text(self.title_text, style="bold"))
            yield VirtualTable([Column("party", 14), Column("stance", 7), Column("date", 10), Column("outlet", 14),
                                Column("statement")], id="statements-table")
            yield Label("enter opens the sentence in the reader · esc closes", classes="dim")

    def on_mount(self) -> None:
        table = self.query_one(VirtualTable)
        table.set_rows(self.rows)
        table.focus()
