"""How the dashboard looks: fixed size, seeded data, Textual pinned exactly (pyproject)."""
from __future__ import annotations

SIZE = (140, 40)


def test_initial_dashboard(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_demands_pane_with_a_review(snap_compare, make_app):
    assert snap_compare(make_app(), press=["2", "right_square_bracket", "space"], terminal_size=SIZE)


def test_figures_and_compare_zoomed(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3", "z"], terminal_size=SIZE)


def test_reader_at_a_sentence(snap_compare, make_app):
    assert snap_compare(make_app(), press=["4", "enter", "enter"], terminal_size=SIZE)


def test_help_for_the_focused_pane(snap_compare, make_app):
    assert snap_compare(make_app(), press=["2", "question_mark"], terminal_size=SIZE)


def test_narrow_layout(snap_compare, make_app):
    assert snap_compare(make_app(), press=["4"], terminal_size=(80, 24))


def test_detail_panel_under_a_record(snap_compare, make_app):
    assert snap_compare(make_app(), press=["2", "j"], terminal_size=(80, 24))


def test_detail_panel_beside_the_zoomed_figures(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3", "j", "z"], terminal_size=(160, 45))


def test_stances_coloured_in_demands_and_compare(snap_compare, make_app):
    assert snap_compare(make_app(), press=["4", "v"], terminal_size=(160, 45))


def test_record_form_at_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3", "j", "E"], terminal_size=(80, 24))
