"""Every key binding of the dashboard, in one place, each with an id a keymap can remap.

Kept apart from the screens and widgets that use them so that the config's
keymap can be checked at start-up (unknown ids, keys given twice) without
importing any screen.
"""
from __future__ import annotations

from textual.binding import Binding
from textual.keys import _normalize_key_list  # what App.set_keymap applies (Textual is pinned)

APP = [
    Binding("q", "quit", "Quit", show=False, id="quit"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_now"),
    # Priority: these move the focus, and keys typed right after them (quickly, or pasted) must find
    # it moved. A plain binding runs only once its key has gone to the focused table and back up,
    # after Textual has already sent the next keys to that table. Declined while typing in a box.
    Binding("1", "focus_pane('sources')", "Sources", show=False, priority=True, id="pane.sources"),
    Binding("2", "focus_pane('demands')", "Demands", show=False, priority=True, id="pane.demands"),
    Binding("3", "focus_pane('figures')", "Figures", show=False, priority=True, id="pane.figures"),
    Binding("4", "focus_pane('compare')", "Compare", show=False, priority=True, id="pane.compare"),
    Binding("slash", "filter", "Filter", priority=True, id="filter"),
    Binding("n", "match(1)", "Next match", show=False, id="match.next"),
    Binding("N", "match(-1)", "Previous match", show=False, id="match.previous"),
    Binding("escape", "back", "Back", show=False, id="back"),
    Binding("z", "zoom", "Zoom", show=False, id="zoom"),
    Binding("b", "toggle_background", "Background", show=False, id="background"),
    Binding("a", "add_article", "Add", show=False, id="add"),
    Binding("d", "toggle_detail", "Detail", show=False, id="detail"),
    Binding("u", "undo", "Undo review", show=False, id="review.undo"),
    Binding("c", "cycle_min_confidence", "Confidence threshold", show=False, id="confidence"),
    Binding("w", "toggle_since", "What is new", show=False, id="since"),
    Binding("h", "shifts", "Shifts", show=False, id="shifts"),
    Binding("t", "timeline", "Timeline", show=False, id="timeline"),
    Binding("e", "export", "Export", id="export"),
    Binding("question_mark,f1", "help", "Help", id="help"),
]

PANE = [
    Binding("tab", "app.cycle_pane(1)", "Next pane", show=False, id="pane.next"),
    Binding("shift+tab", "app.cycle_pane(-1)", "Previous pane", show=False, id="pane.previous"),
    Binding("s", "sort", "Sort by next column", show=False, id="sort.next"),
    Binding("S", "sort_reverse", "Reverse the sort", show=False, id="sort.reverse"),
]

TABLE = [
    Binding("up,k", "cursor(-1)", "Up", show=False, id="table.up"),
    Binding("down,j", "cursor(1)", "Down", show=False, id="table.down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down"),
    Binding("home,g", "first", "Top", show=False, id="table.top"),
    Binding("end,G", "last", "Bottom", show=False, id="table.bottom"),
    Binding("enter", "select", "Open", id="table.select"),
]

RECORD_PANE = [
    Binding("space", "review('accepted')", "Accept", show=False, id="review.accept"),
    Binding("x", "review('dismissed')", "Dismiss", show=False, id="review.dismiss"),
    Binding("E", "edit", "Edit", show=False, id="review.edit"),
    Binding("r", "review_next", "Next unreviewed, least sure first", show=False, id="review.next"),
]

SOURCES = [Binding("space", "toggle_copies", "Show or hide wire copies", show=False, id="sources.copies")]

DEMANDS = [
    Binding("left_square_bracket", "party(-1)", "Previous party", show=False, id="party.previous"),
    Binding("right_square_bracket", "party(1)", "Next party", show=False, id="party.next"),
]

COMPARE = [
    Binding("left_square_bracket", "party(-1)", "Previous party", show=False, id="compare.previous"),
    Binding("right_square_bracket", "party(1)", "Next party", show=False, id="compare.next"),
    Binding("v", "all_parties", "All parties", show=False, id="compare.all"),
]

READER = [
    Binding("escape,q", "app.pop_screen", "Back", id="reader.back"),
    Binding("a", "add_record", "Add a record from the sentence", id="reader.add_record"),
]

ARTICLE_VIEW = [
    Binding("up,k", "scroll_up", "Up", show=False, id="reader.up"),
    Binding("down,j", "scroll_down", "Down", show=False, id="reader.down"),
    Binding("home,g", "scroll_home", "Top", show=False, id="reader.top"),
    Binding("end,G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down"),
    Binding("right_square_bracket", "sentence(1)", "Next sentence", id="reader.next_sentence"),
    Binding("left_square_bracket", "sentence(-1)", "Previous sentence", show=False, id="reader.previous_sentence"),
]

HELP = [
    Binding("escape,q,question_mark,f1", "app.pop_screen", "Close", id="help.close"),
    Binding("up,k", "scroll_up", "Up", show=False, id="help.up"),
    Binding("down,j", "scroll_down", "Down", show=False, id="help.down"),
    Binding("pageup", "page_up", "Page up", show=False, id="help.page_up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="help.page_down"),
    Binding("home,g", "scroll_home", "Top", show=False, id="help.top"),
    Binding("end,G", "scroll_end", "Bottom", show=False, id="help.bottom"),
]

ADD = [Binding("escape", "cancel", "Cancel", id="add.cancel")]

FORM = [
    Binding("escape", "cancel", "Cancel", id="form.cancel"),
    Binding("ctrl+s", "save", "Save", id="form.save"),
]

STATEMENTS = [Binding("escape,q", "app.pop_screen", "Close", id="statements.close")]

SHIFTS = [Binding("escape,q", "app.pop_screen", "Close", id="shifts.close")]

TIMELINE = [
    Binding("escape,q", "app.pop_screen", "Close", id="timeline.close"),
    Binding("left_square_bracket", "issue(-1)", "Previous issue", id="timeline.previous"),
    Binding("right_square_bracket", "issue(1)", "Next issue", id="timeline.next"),
]

TIMELINE_VIEW = [
    Binding("up,k", "move(0, -1)", "Up", show=False, id="timeline.up"),
    Binding("down,j", "move(0, 1)", "Down", show=False, id="timeline.down"),
    Binding("left", "move(-1, 0)", "Earlier", show=False, id="timeline.left"),
    Binding("right", "move(1, 0)", "Later", show=False, id="timeline.right"),
    Binding("enter", "open", "Statements", id="timeline.open"),
]

CONFIRM = [
    Binding("y", "answer(True)", "Yes", id="confirm.yes"),
    Binding("n,escape", "answer(False)", "No", id="confirm.no"),
]

# The bindings that can be active together: a key given to two ids in one chain means one never fires.
CHAINS = {
    "Sources": APP + PANE + TABLE + SOURCES,
    "Demands": APP + PANE + TABLE + RECORD_PANE + DEMANDS,
    "Figures": APP + PANE + TABLE + RECORD_PANE,
    "Compare": APP + PANE + TABLE + COMPARE,
    "the reader": APP + READER + ARTICLE_VIEW,
    "help": APP + HELP,
    "the add dialog": APP + ADD,
    "the record form": APP + FORM,
    "the statements list": APP + STATEMENTS + TABLE,
    "the shifts": APP + SHIFTS + TABLE,
    "the timeline": APP + TIMELINE + TIMELINE_VIEW,
    "a confirmation": APP + CONFIRM,
}


def binding_ids() -> set[str]:
    return {b.id for chain in CHAINS.values() for b in chain if b.id}


def keymap_clashes(keymap: dict[str, str]) -> list[str]:
    """One sentence per key the keymap gives to a binding while another binding active at the same
    time has it: one of the two would never fire."""
    keymap = {binding_id: _normalize_key_list(keys) for binding_id, keys in keymap.items()}
    clashes: dict[tuple[str, str], set[str]] = {}
    for chain in CHAINS.values():
        owners: dict[str, set[str]] = {}
        for binding in chain:
            keys = keymap.get(binding.id, _normalize_key_list(binding.key)) if binding.id else binding.key
            for key in keys.split(","):
                owners.setdefault(key.strip(), set()).add(binding.id or binding.action)
        for key, ids in owners.items():
            for remapped in ids & set(keymap):
                if len(ids) > 1:
                    clashes.setdefault((key, remapped), set()).update(ids - {remapped})
    return [f"the keymap gives {key!r} to {remapped}, but {', '.join(sorted(others))} uses it too; "
            f"one of them will not work" for (key, remapped), others in sorted(clashes.items())]
