"""What panes and screens ask of the app. Attributes go down, messages come up.

A pane never writes the store or pushes a screen itself: it posts one of these,
and the app (which owns the store, the dashboard and the undo history) handles
it with `@on(...)`. So the same request from the Demands pane, the Figures pane
or the statements list is handled once.
"""
from __future__ import annotations

from textual.message import Message


class ReviewRequested(Message):
    """Set a record's review: "accepted", "dismissed", or None to clear it."""

    def __init__(self, record: dict, status: str | None) -> None:
        super().__init__()
        self.record, self.status = record, status


class EditRequested(Message):
    """Open the edit dialog on a record."""

    def __init__(self, record: dict) -> None:
        super().__init__()
        self.record = record


class OpenRequested(Message):
    """Open an article in the reader, at a sentence where one is given."""

    def __init__(self, article_id: str, span: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.article_id, self.span = article_id, span


class StatementsRequested(Message):
    """List the statements behind a comparison row."""

    def __init__(self, row) -> None:
        super().__init__()
        self.row = row  # a core.boards.CompareRow


class AddRecordRequested(Message):
    """Add a record the extractor missed, from a sentence of an article (the reader's cursor)."""

    def __init__(self, article_id: str, span: tuple[int, int]) -> None:
        super().__init__()
        self.article_id, self.span = article_id, span


class CursorMoved(Message):
    """The row under a pane's cursor changed: the detail panel follows it."""

    def __init__(self, pane, item: object) -> None:
        super().__init__()
        self.pane, self.item = pane, item
