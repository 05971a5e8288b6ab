"""The Markdown snapshot: deterministic (golden file), escaped, footnoted."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasetalk.core.boards import compare_rows, figures_board
from ceasetalk.core.records import Article
from ceasetalk.core.snapshot import Notes, escape, render, snapshot_text
from ceasetalk.core.views import Dashboard, Filters

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden" / "snapshot.md"


def _dashboard() -> Dashboard:
    a = Article("a1", "Talks | resume <b>now</b>", "Example Wire", "2024-05-02", "sidecar", "a.txt", "text")
    b = Article("b2", "[Reuters] army [/b] left", None, None, None, "b.txt", "text")
    position = dict(kind="position", article="a1", party="North", stance="demand", issue="troop_withdrawal",
                    actor="North's envoy", sentence="North demanded a full withdrawal | now,\nsaid [the envoy](http://x.test).",
                    start=0, end=60, date="2024-05-02", background=False)
    records = [
        {"id": "p1", **position},
        {"id": "p2", **position, "party": "South", "stance": "reject", "start": 61, "end": 90,
         "sentence": "South rejected any withdrawal <script>alert(1)</script>.", "actor": None},
        {"id": "f1", "kind": "figure", "article": "a1", "metric": "killed", "value": 1139, "low": None, "high": None,
         "qualifier": "at least", "attribution": "a tally", "subject": "people killed",
         "sentence": "At least 1,139 people were killed.",
         "start": 91, "end": 125, "date": "2024-05-02", "background": True},
        {"id": "f2", "kind": "figure", "article": "b2", "metric": "killed", "value": 1200, "low": None, "high": None,
         "qualifier": "some", "attribution": None, "subject": "people killed", "sentence": "Some 1,200 people were killed.",
         "start": 0, "end": 30, "date": None, "background": True},
        {"id": "f3", "kind": "figure", "article": "b2", "metric": "prisoners", "value": 700, "low": 700, "high": 800,
         "qualifier": None, "attribution": "the army", "subject": "prisoners", "sentence": "700 to 800 prisoners.",
         "start": 31, "end": 52, "date": None, "background": False},
    ]
    reviews = {"p1": {"status": "accepted"}, "f2": {"status": "edited", "edit": {"value": 1200}}}
    return Dashboard.build([a, b], records, reviews, {"troop_withdrawal": "Withdrawal of forces"},
                           {"North": "belligerent", "South": "belligerent"})


def test_snapshot_matches_the_golden_file():
    assert render(_dashboard(), Filters(hide_dismissed=True)) == GOLDEN.read_text()


def test_snapshot_is_deterministic():
    assert render(_dashboard(), Filters()) == render(_dashboard(), Filters())


@pytest.mark.parametrize("size", [1, 2, 7, 5000])
def test_the_pieces_a_file_is_written_from_make_the_same_text_at_any_size(size):
    pieces = list(snapshot_text(_dashboard(), Filters(), size=size))
    assert "".join(pieces) == render(_dashboard(), Filters())
    assert all(piece.count("\n") <= size for piece in pieces)


def test_a_snapshot_with_nothing_to_footnote_ends_on_its_last_heading():
    text = render(Dashboard.build([], [], {}), Filters())
    assert text.endswith("## Sources of each item\n")
    assert "## Sources (0)" in text and "## Figures" in text


def test_article_text_cannot_break_tables_or_inject_markup():
    text = render(_dashboard(), Filters())
    for line in text.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") + 2 == line.count("|") - line.count("\\|")  # no stray cell breaks
    assert "<script>" not in text and "<b>" not in text
    assert "[the envoy](http" not in text and "\\[the envoy\\](http\\://x.test)" in text
    assert "[^1]:" in text and "\\[Reuters\\] army \\[/b\\] left" in text


def test_escape_flattens_newlines_and_escapes_syntax():
    assert escape("a | b\nc <i>d</i> [e](f) `g` https://x.test") == (
        "a \\| b c &lt;i&gt;d&lt;/i&gt; \\[e\\](f) \\`g\\` https\\://x.test")


def _escaped_char_by_char(text: str) -> str:
    """escape() as its docstring defines it, one character at a time: the oracle for the fast one."""
    marks = {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]|#~!"}}
    return " ".join("".join(marks.get(c, c) for c in text).replace("://", "\\://").split())


_TRICKY = st.sampled_from(list("ab :/&<>\\`*_[]|#~!\t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000\u2019"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_TRICKY | st.characters()))
def test_escape_agrees_with_escaping_character_by_character(text):
    assert escape(text) == _escaped_char_by_char(text)


def test_a_statement_cell_is_clipped_and_escaped_and_its_note_keeps_the_whole_sentence():
    article = Article("k1", "Truce talks", "Example Wire", "2025-03-01", "flag", "k.txt", "text")
    plain = "The western council demanded that every checkpoint on the coastal road be lifted " * 3
    marked = "The council's *envoy* said <the> road | must reopen " * 4
    records = [dict(id=f"r{i}", kind="position", article="k1", party="West", stance="demand", issue="crossings",
                    actor=None, sentence=sentence.strip(), start=i * 300, end=i * 300 + 250, date=None, background=False)
               for i, sentence in enumerate([plain, marked])]
    notes = Notes(Dashboard.build([article], records, {}))
    cells = [notes.statement(r) for r in records]
    assert cells[0] == plain[:159].rstrip() + "\u2026 [^1]"
    assert cells[1].startswith("The council's \\*envoy\\* said &lt;the&gt; road \\| must") and cells[1].endswith("\u2026 [^2]")
    assert len(cells[1].removesuffix(" [^2]")) > 160  # clipped to 160 before escaping, as in the golden file
    assert notes.lines[0].endswith(f': "{plain.strip()}"') and notes.lines[1].endswith(f': "{escape(marked)}"')


def test_filters_are_stated_at_the_top():
    text = render(_dashboard(), Filters(text="withdrawal", hide_background=True, parties=("North", "South")))
    assert text.splitlines()[4] == ('Filters: text contains "withdrawal"; background (recaps of the past) hidden; '
                                    "compared parties: North, South.")
    assert "1,139" not in text  # background hidden


def test_disagreement_and_ranges_and_review_marks_show():
    text = render(_dashboard(), Filters())
    assert "sources disagree: 1,139 vs 1,200 (spread 61)" in text
    assert "700\u2013800" in text
    assert "| \u2713 \\! demand |" in text and "| \u2212 reject |" in text and "\u270e 1,200" in text
    assert "| clash |" in text


def test_export_command_writes_atomically_and_refuses_folders(run, tmp_path, monkeypatch):
    target = tmp_path / "brief.md"
    code, _, err = run("export", "--md", str(target))
    assert code == 0 and target.read_text().startswith("# ceasetalk snapshot")
    code, _, err = run("export", "--md", str(tmp_path))
    assert code == 1 and "is a folder" in err
    import os

    def fail(*_args, **_kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = run("export", "--md", str(tmp_path / "other.md"))
    assert code == 1 and "Read-only file system" in err
    assert not (tmp_path / "other.md").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_quoted_sentence_is_not_quoted_twice_in_its_footnote():
    article = Article("q1", "Envoys meet", "Example Wire", "2024-06-01", "flag", "q.txt", "text")
    record = dict(id="r1", kind="position", article="q1", party="North", stance="reject", issue="troop_withdrawal",
                  actor=None, sentence="\u201cWe will not withdraw,\u201d the envoy said.", start=0, end=40,
                  date="2024-06-01", background=False)
    plain = dict(record, id="r2", sentence="The envoy rejected a withdrawal.", start=41, end=73)
    text = render(Dashboard.build([article], [record, plain], {}), Filters())
    assert '2024-06-01: \u201cWe will not withdraw,\u201d the envoy said.' in text
    assert '2024-06-01: "The envoy rejected a withdrawal."' in text


def test_the_header_states_precision_with_its_interval_and_the_records_added_by_hand():
    dashboard = _dashboard()
    added = {"id": "added-1", "kind": "position", "article": "a1", "party": "South", "stance": "offer",
             "issue": "troop_withdrawal", "actor": None, "sentence": "South offered a phased pull-back.",
             "start": 126, "end": 160, "date": "2024-05-02", "background": False, "added": True}
    dashboard = Dashboard.build(list(dashboard.articles.values()), [*dashboard.originals.values(), added],
                                {"p1": {"status": "accepted"}, "p2": {"status": "dismissed"}})
    sentence = render(dashboard, Filters()).splitlines()[2]
    assert sentence == ("A person checked a sample: 1 of 2 positions checked were right as extracted (50%; 95% interval "
                        "9% to 91%); 1 position that the extractor missed was added by hand.")


def test_unchecked_items_say_their_accuracy_is_not_measured():
    dashboard = _dashboard()
    dashboard = Dashboard.build(list(dashboard.articles.values()), list(dashboard.originals.values()), {})
    assert render(dashboard, Filters()).splitlines()[2] == (
        "No extracted item has been checked by a person yet, so their accuracy is not measured.")


def test_min_confidence_hides_unsure_unreviewed_records_but_keeps_accepted_ones():
    dashboard = _dashboard()
    records = [{**r, "confidence": 0.3} for r in dashboard.originals.values()]
    dashboard = Dashboard.build(list(dashboard.articles.values()), records, {"p1": {"status": "accepted"}})
    text = render(dashboard, Filters(min_confidence=0.5))
    assert "unreviewed records with confidence below 0.50 hidden" in text
    assert "North demanded" in text  # accepted: a person vouched for it
    assert "South rejected" not in text and "700\u2013800" not in text
    assert "South rejected" in render(dashboard, Filters())


def test_export_min_confidence_is_checked_and_stated(run, tmp_path):
    code, out, _ = run("export", "--demo", "--md", "-", "--min-confidence", "0.95")
    assert code == 0 and "unreviewed records with confidence below 0.95 hidden" in out
    everything = run("export", "--md", "-")[1]
    assert 0 < out.count("\n| ") < everything.count("\n| ")
    with pytest.raises(SystemExit):
        run("export", "--md", "-", "--min-confidence", "1.5")


def test_views_a_pane_computed_are_reused_until_the_inputs_change_or_a_review_lands():
    dashboard = _dashboard()
    board = figures_board(dashboard, Filters(hide_dismissed=True))
    assert figures_board(dashboard, Filters(hide_dismissed=True, parties=("North",))) is board  # parties play no part
    assert figures_board(dashboard, Filters()) is not board
    rows = compare_rows(dashboard, Filters(), ["North", "South"])
    assert compare_rows(dashboard, Filters(), ["North", "South"]) is rows
    assert [list(r.cells) for r in compare_rows(dashboard, Filters(), ["North"])] == [["North"]]
    shown = figures_board(dashboard, Filters(hide_dismissed=True))
    assert "f1" in {r["id"] for b in shown for g in b.groups for r in g.records}
    dashboard.apply_review("f1", {"status": "dismissed"})
    after = figures_board(dashboard, Filters(hide_dismissed=True))
    assert "f1" not in {r["id"] for b in after for g in b.groups for r in g.records}


def test_the_filter_searches_what_the_panes_show_not_the_extractors_trace():
    from ceasetalk.core.views import demands

    dashboard = _dashboard()
    record = next(r for r in dashboard.records if r["id"] == "p2")
    dashboard = Dashboard.build(list(dashboard.articles.values()), [
        {**record, "why": 'cue "rejected"; holder "South" (subject); rule opposition-verb',
         "sentence": "South\u2019s envoy rejected any withdrawal."}], {})
    found = {text: [r["id"] for r in demands(dashboard, None, Filters(text=text))]
             for text in ("opposition-verb", "south\u2019s envoy", "SOUTH\u2019S", "withdrawal")}
    assert found == {"opposition-verb": [], "south\u2019s envoy": ["p2"], "SOUTH\u2019S": ["p2"], "withdrawal": ["p2"]}
