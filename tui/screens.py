"""Screens over the dashboard: the reader, help, adding an article, a confirmation, a row's statements."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Button, Footer, Input, Label, Markdown, Static

from . import bindings
from .messages import AddRecordRequested, OpenRequested
from .widgets.table import TABLE_CLASSES, Column, Row, VirtualTable


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
    """An article's cleaned text, wrapped to the view, with record sentences highlighted and a
    sentence cursor (the sentence a new record would come from).

    The scrollbar's column is always reserved, so wrapping never changes when it appears
    and no character hides under it.
    """

    DEFAULT_CSS = """
    ArticleView { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
    ArticleView > .article-view--record { text-style: underline; background: $primary 30%; }
    ArticleView > .article-view--target { text-style: bold reverse; }
    """
    COMPONENT_CLASSES = {"article-view--record", "article-view--target"}
    BINDINGS = bindings.ARTICLE_VIEW

    def __init__(self, text: str, spans: list[tuple[int, int]], target: tuple[int, int] | None) -> None:
        from ceasetalk.core.sentences import sentence_spans

        super().__init__()
        self.text, self.spans, self.target = text, spans, target
        self.sentences = sentence_spans(text, spans)
        if target is None and self.sentences:
            self.target = self.sentences[0]
        self.lines: list[tuple[int, int]] = []
        self._wrapped_at = 0

    def move_sentence(self, step: int) -> None:
        """The sentence cursor to the next (or previous) sentence, scrolled into view."""
        if not self.sentences:
            return
        here = self.target[0] if self.target else -1
        if step > 0:
            following = [s for s in self.sentences if s[0] > here]
        else:
            following = [s for s in reversed(self.sentences) if s[0] < here]
        if following:
            self.target = following[0]
            self.refresh()
            line = self.target_line()
            visible = self.scrollable_content_region.height
            if line is not None and not self.scroll_offset.y <= line < self.scroll_offset.y + visible:
                self.show_target()

    def action_sentence(self, step: int) -> None:
        self.move_sentence(step)

    def on_click(self, event) -> None:
        """A click puts the sentence cursor on the sentence clicked."""
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.lines):
            offset = self.lines[index][0] + max(event.x - 1, 0)
            found = next((s for s in self.sentences if s[0] <= offset <= s[1]), None)
            if found:
                self.target = found
                self.refresh()

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._wrapped_at:
            return
        self._wrapped_at = width
        self.lines = wrap_offsets(self.text, width)
        self.virtual_size = Size(width, len(self.lines))
        if self.target:
            self.call_after_refresh(self.show_target)

    def target_line(self) -> int | None:
        if not self.target:
            return None
        return next((i for i, (s, e) in enumerate(self.lines) if s <= self.target[0] <= e), None)

    def show_target(self) -> None:
        """Scroll the target sentence into view, a few lines below the top."""
        line = self.target_line()
        if line is not None:
            self.scroll_to(y=max(line - 2, 0), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        start, end = self.lines[index]
        line = Text(self.text[start:end], no_wrap=True)
        for (a, b), component in [*((s, "article-view--record") for s in self.spans),
                                  *([(self.target, "article-view--target")] if self.target else [])]:
            lo, hi = max(a, start), min(b, end)
            if lo < hi:
                line.stylize(self.get_component_rich_style(component), lo - start, hi - start)
        strip = Strip(list(line.render(self.app.console)))
        return strip.crop_extend(0, width, self.rich_style)


class ReaderScreen(Screen):
    """The reader: one article, its record sentences highlighted; esc goes back."""

    NAME = "Reader"
    HELP = ("The article's cleaned text (the text every record's offsets refer to). Sentences that produced "
            "records are underlined; the sentence cursor (in reverse) starts on the one you opened. Move it "
            "sentence by sentence (or click a sentence), and add a record from it when the extractor missed "
            "a position or a figure there.")
    BINDINGS = bindings.READER

    def __init__(self, article_id: str, title: str, meta: str, text: str, spans, target=None) -> None:
        super().__init__()
        self.article_id = article_id
        self.title_text, self.meta, self.text, self.spans, self.target = title, meta, text, spans, target

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def action_add_record(self) -> None:
        if self.view.target:
            self.post_message(AddRecordRequested(self.article_id, self.view.target))

    def mark_recorded(self, span: tuple[int, int]) -> None:
        """A record was added from this sentence: underline it like the others."""
        if span not in self.view.spans:
            self.view.spans.append(span)
            self.view.refresh()

    def compose(self) -> ComposeResult:
        with Vertical(id="reader", classes="page"):
            yield Static(Text(self.title_text, style="bold"), id="reader-title")
            yield Static(Text(self.meta, style="dim"), id="reader-meta")
            yield ArticleView(self.text, self.spans, self.target)
        yield Footer()

    def on_mount(self) -> None:
        self.view.focus()


def _cell(text: str) -> str:
    """Text made inert in a line of Markdown."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "'")


def help_markdown(app, screen) -> str:
    """Help for what has the focus on `screen`: its text, then its keys and the keys that work
    everywhere, as they are bound now (after the user's keymap), with their ids."""
    focused = screen.focused
    chain = [*focused.ancestors_with_self] if focused is not None else [screen, app]
    topic = next((node for node in chain if node is not app and getattr(node, "HELP", None)), screen)
    title = getattr(topic, "NAME", None) or type(topic).__name__
    digit = getattr(topic, "DIGIT", "")
    here: dict[tuple, list[str]] = {}
    everywhere: dict[tuple, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        group = everywhere if active.node is app else here
        group.setdefault((binding.description or binding.action, binding.id or ""), []).append(
            app.get_key_display(binding))

    def table(group: dict[tuple, list[str]]) -> str:
        """One line per binding (a list, not a table: a table row takes two lines at 80x24)."""
        return "\n".join(f"- `{_cell(' / '.join(dict.fromkeys(keys)))}` {_cell(does)}"
                         + (f" \u00b7 *{_cell(binding_id)}*" if binding_id else "")
                         for (does, binding_id), keys in group.items()) + "\n"

    text = f"# {digit + ' ' if digit else ''}{title}\n\n{getattr(topic, 'HELP', '') or ''}\n\n"
    if here:
        text += table(here) + "\n"
    text += "# Everywhere\n\n" + table(everywhere) + "\n" + (app.HELP or "") + "\n"
    return text


class Dialog(ModalScreen[ScreenResultType]):
    """A box in the middle of the terminal, over the dashboard.

    The dialogs' looks are in their classes' DEFAULT_CSS rather than in app.tcss: Textual parses a
    class's CSS when one is first shown, so none of it is parsed before the dashboard's first frame."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .dialog {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: heavy $primary; background: $surface; padding: 1 2;
    }
    """


class HelpScreen(Dialog):
    """Keys for what has the focus and for the whole dashboard; scrolls with the usual keys."""

    DEFAULT_CSS = """
    #help { height: 90%; }
    #help-body { height: 1fr; }
    """
    BINDINGS = bindings.HELP

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            with VerticalScroll(id="help-body", can_focus=False):
                yield Markdown(self.markdown)
            yield Label("esc closes \u00b7 arrows, j/k and page keys scroll", classes="dim")

    def _body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll_up(self) -> None:
        self._body().scroll_up(animate=False)

    def action_scroll_down(self) -> None:
        self._body().scroll_down(animate=False)

    def action_page_up(self) -> None:
        self._body().scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        self._body().scroll_page_down(animate=False)

    def action_scroll_home(self) -> None:
        self._body().scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._body().scroll_end(animate=False)


class ConfirmScreen(Dialog[bool]):
    """A yes/no question before something that replaces the user's work."""

    DEFAULT_CSS = """
    #confirm { max-width: 80; }
    #confirm-buttons { height: auto; margin-top: 1; }
    #confirm-buttons Button { margin-right: 2; }
    """
    BINDINGS = bindings.CONFIRM

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(Text(self.question))
            with Horizontal(id="confirm-buttons"):
                yield Button("Yes (y)", variant="warning", id="confirm-yes")
                yield Button("No (n)", variant="primary", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class AddScreen(Dialog[str | None]):
    """Ask for a path or URL to add; the app ingests it in the background."""

    BINDINGS = bindings.ADD

    def compose(self) -> ComposeResult:
        with Vertical(id="add", classes="dialog"):
            yield Label("Add an article: a file, a folder, or an http(s) URL")
            yield Input(placeholder="path or URL", id="add-input")
            yield Label("enter adds (extraction runs in the background) · esc cancels", classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StatementsScreen(Dialog):
    """The statements behind a comparison row, oldest first, so drift is visible."""

    DEFAULT_CSS = "#statements { height: 80%; }"
    COMPONENT_CLASSES = TABLE_CLASSES
    NAME = "Statements"
    HELP = "The statements behind a comparison row, oldest first, so a stance's drift is visible."
    BINDINGS = bindings.STATEMENTS

    def __init__(self, title: str, rows: list[Row]) -> None:
        super().__init__()
        self.title_text, self.rows = title, rows

    @classmethod
    def of(cls, dashboard, title: str, records: list[dict]) -> StatementsScreen:
        """The statements screen for some records, oldest first."""
        from ceasetalk.core.views import confidence_text, stance_text, when

        rows = [Row(r["id"], [Text(r["party"]), Text(stance_text(r["stance"])), Text(when(dashboard, r) or "unknown"),
                              Text(dashboard.outlet(r)), Text(confidence_text(r)), Text(" ".join(r["sentence"].split()))],
                    data=r)
                for r in sorted(records, key=lambda r: (when(dashboard, r), r["party"], r["article"], r["start"]))]
        return cls(title, rows)

    def compose(self) -> ComposeResult:
        with Vertical(id="statements", classes="dialog"):
            yield Static(Text(self.title_text, style="bold"))
            yield VirtualTable([Column("party", 14), Column("stance", 8), Column("date", 10), Column("outlet", 14),
                                Column("conf", 5), Column("statement")], id="statements-table")
            yield Label("enter opens the sentence in the reader · esc closes", classes="dim")

    def on_mount(self) -> None:
        table = self.query_one(VirtualTable)
        table.set_rows(self.rows)
        table.focus()

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        record = event.row.data
        self.post_message(OpenRequested(record["article"], (record["start"], record["end"])))


class ShiftsScreen(Screen):
    """Every change of a party's stance on an issue between two dates, newest first, with both
    sentences as evidence."""

    NAME = "Shifts"
    HELP = ("Where a party's stance on an issue changed from one date to the next (a day's stance is what the "
            "party said most that day), newest first; within the what-is-new window when one is on. Below the "
            "list, the two sentences; enter opens the later one in the reader.")
    DEFAULT_CSS = "#shifts-evidence { height: auto; max-height: 8; border-top: solid $panel-lighten-2; }"
    COMPONENT_CLASSES = TABLE_CLASSES
    BINDINGS = bindings.SHIFTS

    def __init__(self, dashboard, shifts: list, since=None) -> None:
        super().__init__()
        self.dashboard, self.shifts, self.since = dashboard, shifts, since

    def compose(self) -> ComposeResult:

        window = f", {self.since.describe()}" if self.since else ""
        with Vertical(id="shifts", classes="page"):
            yield Static(Text(f"Shifts ({len(self.shifts)}){window}", style="bold"), id="shifts-title")
            table = VirtualTable([Column("date", 10), Column("party", 14, grow_to=20), Column("issue", 22, grow_to=36),
                                  Column("change", 20), Column("before", 10, hide_below=90)], id="shifts-table")
            table.placeholder = "No party changed its stance on an issue between two dates in these articles."
            yield table
            yield Static("", id="shifts-evidence", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        from ceasetalk.core.views import stance_text

        table = self.query_one(VirtualTable)
        table.set_rows([Row(f"{n}", [Text(s.date), Text(s.party), Text(self.dashboard.label(s.issue)),
                                     Text(f"{stance_text(s.before['stance'])} \u2192 {stance_text(s.after['stance'])}"),
                                     Text(s.before_date)], data=s) for n, s in enumerate(self.shifts)])
        table.focus()

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        event.stop()
        shift = event.row.data if event.row else None
        text = Text()
        if shift is not None:
            for label, record, day in (("before", shift.before, shift.before_date), ("after", shift.after, shift.date)):
                text.append(f"{label}: {record['stance']} on {day}, {self.dashboard.outlet(record)}\n", style="bold")
                text.append("\u201c" + " ".join(record["sentence"].split()) + "\u201d\n")
        self.query_one("#shifts-evidence", Static).update(text)

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        record = event.row.data.after
        self.post_message(OpenRequested(record["article"], (record["start"], record["end"])))
