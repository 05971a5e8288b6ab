"""The record form: correct a record, or add one the extractor missed.

One labelled field for every field of a record (a position's party, stance,
issue, actor, date; a figure's metric, value, range, qualifier, authority,
population, what it counts), the whole sentence above them, and checks that
say what is wrong next to the form before anything is stored.
"""
from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ceasetalk.core.records import METRICS, STANCES
from ceasetalk.core.views import METRIC_LABELS

from . import bindings
from .screens import Dialog

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
POSITION_FIELDS = ("party", "stance", "issue", "actor", "date", "background")
FIGURE_FIELDS = ("metric", "value", "low", "high", "qualifier", "attribution", "population", "subject", "date",
                 "background")


class RecordForm(Dialog[dict | None]):
    """Edit a record (returns the changed fields) or add one (returns the whole record)."""

    # Compact, so that the whole form fits 80x24.
    DEFAULT_CSS = """
    #form { max-width: 100; max-height: 100%; padding: 0 1; }
    #form-sentence { height: auto; max-height: 4; color: $text-muted; margin-bottom: 1; }
    #form-fields { height: auto; max-height: 13; }
    .form-grid { grid-size: 2; grid-columns: 12 1fr; height: auto; }
    .form-grid Label { color: $text-muted; }
    #form-error { height: auto; color: $error; }
    #form-buttons { height: 1; }
    #form-buttons Button { margin-right: 2; }
    """
    BINDINGS = bindings.FORM
    NAME = "Record form"
    HELP = ("Every field of the record, labelled. Tab moves between fields; ctrl+s saves; esc cancels. "
            "Dates are YYYY-MM-DD; numbers are whole numbers (commas allowed); a range needs both ends.")

    def __init__(self, record: dict, parties: list[str], issues: dict[str, str], adding: bool = False) -> None:
        super().__init__()
        self.record, self.adding = record, adding
        self.parties = list(dict.fromkeys([*parties, *([record["party"]] if record.get("party") else [])]))
        self.issues = dict(issues)
        if record.get("issue") and record["issue"] not in self.issues:
            self.issues[record["issue"]] = record["issue"].replace("_", " ")

    def compose(self) -> ComposeResult:
        record = self.record
        kind = record.get("kind", "position")
        title = ("Add a record the extractor missed" if self.adding else
                 f"Edit this {kind}: fix what the extractor got wrong")
        with Vertical(id="form", classes="dialog"):
            yield Static(Text(title, style="bold"), id="form-title")
            with VerticalScroll(id="form-sentence"):
                yield Static(Text(" ".join(record["sentence"].split())), markup=False)
            with VerticalScroll(id="form-fields"):
                with Grid(classes="form-grid"):
                    if self.adding:
                        yield Label("kind")
                        yield Select([("a position (party, stance, issue)", "position"),
                                      ("a figure (a reported number)", "figure")],
                                     value=kind, allow_blank=False, id="form-kind", compact=True)
                with Grid(classes="form-grid", id="form-position"):
                    yield Label("party")
                    yield Select([(p, p) for p in self.parties], value=record.get("party") or Select.NULL,
                                 prompt="choose the party", id="form-party", compact=True)
                    yield Label("stance")
                    yield Select([(s, s) for s in STANCES], value=record.get("stance") or Select.NULL,
                                 prompt="choose the stance", id="form-stance", compact=True)
                    yield Label("issue")
                    yield Select([(label, key) for key, label in self.issues.items()],
                                 value=record.get("issue") or Select.NULL, prompt="choose the issue",
                                 id="form-issue", compact=True)
                    yield Label("actor")
                    yield Input(record.get("actor") or "", placeholder="who spoke (optional)", id="form-actor",
                                compact=True)
                with Grid(classes="form-grid", id="form-figure"):
                    yield Label("metric")
                    yield Select([(METRIC_LABELS.get(m, m), m) for m in METRICS],
                                 value=record.get("metric") or Select.NULL, prompt="choose the metric",
                                 id="form-metric", compact=True)
                    yield Label("value")
                    yield Input(_number(record.get("value")), placeholder="a whole number", id="form-value",
                                compact=True)
                    yield Label("range from")
                    yield Input(_number(record.get("low")), placeholder="low end (only for a range)", id="form-low",
                                compact=True)
                    yield Label("range to")
                    yield Input(_number(record.get("high")), placeholder="high end (only for a range)",
                                id="form-high", compact=True)
                    yield Label("qualifier")
                    yield Input(record.get("qualifier") or "", placeholder="at least, about, up to... (optional)",
                                id="form-qualifier", compact=True)
                    yield Label("authority")
                    yield Input(record.get("attribution") or "", placeholder="who reports it (optional)",
                                id="form-attribution", compact=True)
                    yield Label("population")
                    yield Input(record.get("population") or "", placeholder="whom it counts (optional)",
                                id="form-population", compact=True)
                    yield Label("counts")
                    yield Input(record.get("subject") or "", placeholder="what it counts, in the sentence's words",
                                id="form-subject", compact=True)
                with Grid(classes="form-grid"):
                    yield Label("date")
                    yield Input(record.get("date") or "", placeholder="YYYY-MM-DD (when it was said or counted)",
                                id="form-date", compact=True)
                    yield Label("background")
                    yield Select([("no: news of the day", False), ("yes: a recap of the past", True)],
                                 value=bool(record.get("background")), allow_blank=False, id="form-background",
                                 compact=True)
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        self._show_kind(self.record.get("kind", "position"))
        first = "#form-kind" if self.adding else ("#form-party" if self.kind == "position" else "#form-metric")
        self.query_one(first).focus()

    @property
    def kind(self) -> str:
        if self.adding:
            return str(self.query_one("#form-kind", Select).value)
        return self.record["kind"]

    def _show_kind(self, kind: str) -> None:
        self.query_one("#form-position").display = kind == "position"
        self.query_one("#form-figure").display = kind == "figure"

    @on(Select.Changed, "#form-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self._show_kind(str(event.value))

    # -- reading and checking the fields ----------------------------------------------------

    def values(self) -> dict:
        """The record's fields as typed, checked; raises ValueError with what to fix."""
        kind = self.kind
        date = self.query_one("#form-date", Input).value.strip()
        if date and not DATE.match(date):
            raise ValueError(f"The date {date!r} is not a YYYY-MM-DD date.")
        values: dict = {"date": date or None, "background": self.query_one("#form-background", Select).value is True}
        if kind == "position":
            for name in ("party", "stance", "issue"):
                chosen = self.query_one(f"#form-{name}", Select).value
                if chosen is Select.NULL:
                    raise ValueError(f"Choose the {name}.")
                values[name] = str(chosen)
            values["actor"] = self.query_one("#form-actor", Input).value.strip() or None
            return values
        metric = self.query_one("#form-metric", Select).value
        if metric is Select.NULL:
            raise ValueError("Choose the metric.")
        values["metric"] = str(metric)
        value = _whole(self.query_one("#form-value", Input).value, "value")
        if value is None:
            raise ValueError("The value is needed: a whole number.")
        low = _whole(self.query_one("#form-low", Input).value, "low end of the range")
        high = _whole(self.query_one("#form-high", Input).value, "high end of the range")
        if (low is None) != (high is None):
            raise ValueError("A range needs both ends (or neither).")
        if low is not None and not low <= value <= high:
            raise ValueError(f"The value {value:,} is outside the range {low:,} to {high:,}.")
        values.update(value=value, low=low, high=high)
        for name in ("qualifier", "attribution", "population"):
            values[name] = self.query_one(f"#form-{name}", Input).value.strip() or None
        values["subject"] = self.query_one("#form-subject", Input).value.strip() or METRIC_LABELS[values["metric"]].lower()
        return values

    def result(self) -> dict:
        """For an edit, the fields that changed; for an addition, the whole record."""
        values = self.values()
        if self.adding:
            return {**{k: v for k, v in self.record.items() if k in ("article", "sentence", "start", "end")},
                    "kind": self.kind, **values}
        names = POSITION_FIELDS if self.kind == "position" else FIGURE_FIELDS
        return {name: values[name] for name in names if values[name] != self.record.get(name)}

    def action_save(self) -> None:
        try:
            result = self.result()
        except ValueError as exc:
            self.query_one("#form-error", Static).update(Text(str(exc), style="bold"))
            return
        if not result:
            self.query_one("#form-error", Static).update(Text("Nothing changed; esc closes the form.", style="bold"))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter_saves(self) -> None:
        self.action_save()


def _number(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else ""


def _whole(text: str, what: str) -> int | None:
    """A whole number from a field (commas and spaces allowed); None when empty."""
    raw = text.replace(",", "").replace(" ", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError(f"The {what} must be a whole number, not {text.strip()!r}.")
    return int(raw)
