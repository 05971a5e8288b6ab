"""The review loop: the detail panel, review-next by confidence, the cursor moving on, undo,
edit with checks, adding what the extractor missed, and sorting. Every test runs at 80x24 (one
pane at a time) and 160x45 (the grid)."""
from __future__ import annotations

import pytest

from ceasetalk.core.library import reextract
from ceasetalk.core.precision import review_stats
from ceasetalk.core.store import Store
from ceasetalk.core.views import confidence_of
from ceasetalk.tui.app import PANES
from ceasetalk.tui.detail import DetailPanel
from ceasetalk.tui.form import RecordForm
from ceasetalk.tui.panes import is_record
from ceasetalk.tui.screens import ReaderScreen

SIZES = [(80, 24), (160, 45)]


def detail_text(app) -> str:
    return app.query_one(DetailPanel).text.plain


def row_records(pane) -> list[dict]:
    return [record for _, record in pane.records_shown()]


@pytest.mark.parametrize("size", SIZES)
async def test_the_detail_panel_shows_the_row_under_the_cursor_in_each_pane(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        article = app.pane("sources").current_item()
        assert " ".join(article.title.split())[:40] in " ".join(detail_text(app).split())
        assert f"id {article.id}" in detail_text(app)

        await pilot.press("2", "j")
        await pilot.pause()
        record = app.pane("demands").current_record()
        text = detail_text(app)
        assert " ".join(record["sentence"].split()) in " ".join(text.split())  # the whole sentence, never cut
        assert f"party {record['party']}" in text and record["stance"] in text
        assert f"confidence {record['confidence']:.2f}" in text and "\u00b7  not reviewed" in text
        assert "why" in text and "cue " in text and "holder " in text

        await pilot.press("3", "j")
        await pilot.pause()
        figure = app.pane("figures").current_record()
        text = detail_text(app)
        assert f"value {figure['value']:,}" in text and f"metric {figure['metric']}" in text
        assert "population " in text and "authority " in text and "qualifier " in text

        await pilot.press("4")
        await pilot.pause()
        row = app.pane("compare").current_item()
        text = detail_text(app)
        assert text.startswith(row.label)
        for party, cell in row.cells.items():
            assert f"{party}: " in text
            if cell:
                assert " ".join(cell.latest["sentence"].split())[:50] in " ".join(text.split())


@pytest.mark.parametrize("size", SIZES)
async def test_d_hides_the_detail_panel_and_zoom_puts_it_beside_the_table(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel = app.query_one(DetailPanel)
        await pilot.press("2", "z")
        await pilot.pause()
        table = app.pane("demands").table
        assert panel.region.x >= table.region.right and panel.region.y < table.region.bottom  # beside
        await pilot.press("d")
        await pilot.pause()
        assert not panel.display or panel.region.width == 0
        await pilot.press("d", "escape")
        await pilot.pause()
        assert panel.region.y >= app.query_one("#grid").region.bottom  # below the panes again


@pytest.mark.parametrize("size", SIZES)
async def test_review_next_goes_to_the_least_confident_unreviewed_record_first(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("2")
        pane = app.pane("demands")
        expected = sorted((confidence_of(r), i) for i, r in pane.records_shown())
        seen = []
        for _ in range(4):
            await pilot.press("r")
            seen.append((confidence_of(pane.current_record()), pane.table.cursor))
        assert seen == expected[:4]
        # Triage: a review, then r goes to the least sure record left unreviewed.
        await pilot.press("space", "r")
        assert (confidence_of(pane.current_record()), pane.table.cursor) == expected[0]
        await pilot.press("space", "r")
        assert (confidence_of(pane.current_record()), pane.table.cursor) == expected[1]


@pytest.mark.parametrize("size", SIZES)
async def test_the_cursor_moves_on_after_accept_and_dismiss(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("3", "j")  # the first row is a metric's line
        pane = app.pane("figures")
        first = pane.current_record()
        await pilot.press("space")
        second = pane.current_record()
        assert second["id"] != first["id"] and pane.table.cursor > 1
        await pilot.press("x")
        third = pane.current_record()
        assert third["id"] not in (first["id"], second["id"])
        reviews = Store(app.store.path).reviews()
        assert reviews[first["id"]]["status"] == "accepted" and reviews[second["id"]]["status"] == "dismissed"


@pytest.mark.parametrize("size", SIZES)
async def test_undo_takes_back_reviews_one_by_one_in_the_store(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("2")
        pane = app.pane("demands")
        first = pane.current_record()
        await pilot.press("space")
        second = pane.current_record()
        await pilot.press("x")
        await pilot.press("k", "k", "x")  # the first record again: accepted, now dismissed
        store = Store(app.store.path)
        assert store.reviews()[first["id"]]["status"] == "dismissed"
        await pilot.press("u")
        assert Store(app.store.path).reviews()[first["id"]]["status"] == "accepted"
        assert pane.current_record()["id"] == first["id"]  # the cursor goes to what was undone
        await pilot.press("u")
        assert second["id"] not in Store(app.store.path).reviews()
        await pilot.press("u")
        assert Store(app.store.path).reviews() == {}
        assert "reviewed 0/" in str(app.query_one("#status").content)


@pytest.mark.parametrize("size", SIZES)
async def test_the_edit_form_checks_its_fields_before_saving(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("3", "j", "E")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        record = form.record
        labels = {str(label.render()) for label in form.query("Label")}
        assert {"metric", "value", "range from", "range to", "qualifier", "authority", "population", "counts",
                "date"} <= labels
        assert " ".join(record["sentence"].split()) in str(form.query_one("#form-sentence Static").render())
        for field, text, complaint in [("#form-value", "many", "whole number"), ("#form-date", "May 5", "YYYY-MM-DD"),
                                       ("#form-low", "10", "both ends")]:
            form.query_one(field).value = text
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form and complaint in str(form.query_one("#form-error").render())
            form.query_one(field).value = {"#form-value": f"{record['value']:,}", "#form-date": record.get("date") or "",
                                           "#form-low": ""}[field]
        form.query_one("#form-qualifier").value = "nearly"
        form.query_one("#form-population").value = "civilians"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
    review = Store(app.store.path).reviews()[record["id"]]
    assert review == {"status": "edited", "edit": {"qualifier": "nearly", "population": "civilians"}}


@pytest.mark.parametrize("size", SIZES)
async def test_a_record_added_from_the_reader_is_stored_counted_and_survives_reextraction(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the newest article in the reader
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        span = reader.view.target
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form.adding
        form.query_one("#form-kind").value = "figure"
        form.query_one("#form-metric").value = "displaced"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "value is needed" in str(form.query_one("#form-error").render())
        form.query_one("#form-value").value = "1,700,000"
        form.query_one("#form-qualifier").value = "about"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is reader and span in reader.view.spans
        (added,) = [r for r in Store(app.store.path).records() if r.get("added")]
        assert (added["metric"], added["value"], added["qualifier"]) == ("displaced", 1_700_000, "about")
        assert (added["start"], added["end"]) == span and added["article"] == reader.article_id
        assert review_stats(app.dashboard).kinds[1].added == 1
        assert "figures +1 added" in str(app.query_one("#status").content)
    store = Store(app.store.path)
    reextract(store)
    assert [r["id"] for r in store.records() if r.get("added")] == [added["id"]]


async def test_undo_takes_back_an_added_record(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#form-party").value = form.parties[0]
        form.query_one("#form-stance").value = "offer"
        form.query_one("#form-issue").value = next(iter(form.issues))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(r.get("added") for r in Store(app.store.path).records())
        await pilot.press("escape", "u")
        await pilot.pause()
        assert not any(r.get("added") for r in Store(app.store.path).records())


def sort_keys(pane, label: str) -> list:
    key = pane.SORTS[label]
    rows = pane.table.rows
    items = rows.items if hasattr(rows, "items") else [row.data for row in rows]
    return [key(pane, item) for item in items if not hasattr(item, "groups")]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("pane_key", ["sources", "demands", "compare"])
async def test_s_sorts_by_each_column_in_turn_and_S_turns_the_order(make_app, size, pane_key):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(PANES[pane_key].DIGIT)
        pane = app.pane(pane_key)
        for label in list(pane.SORTS):
            await pilot.press("s")
            assert pane.sort_by == label
            values = sort_keys(pane, label)
            assert values == sorted(values), label
            assert any(cell.plain == "\u25b2" + label for cell in pane.table.header_cells())
            await pilot.press("S")
            values = sort_keys(pane, label)
            assert values == sorted(values, reverse=True), label
        await pilot.press("s")
        assert pane.sort_by is None


@pytest.mark.parametrize("size", SIZES)
async def test_figures_sort_within_each_metric(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("3")
        pane = app.pane("figures")
        for label in pane.SORTS:
            pane.sort_on(label)
            await pilot.pause()
            blocks, current = [], []
            for row in pane.table.rows:
                if is_record(row.data):
                    current.append(pane.SORTS[label](pane, row.data))
                else:
                    blocks.append(current)
                    current = []
            blocks.append(current)
            assert all(block == sorted(block) for block in blocks), label


@pytest.mark.parametrize("size", SIZES)
async def test_clicking_a_header_sorts_by_that_column(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("2")
        table = app.pane("demands").table
        widths = table._widths(table.line_width)
        x = sum(w + 1 for w in widths[:6] if w)  # the conf column: after mark, stance, issue, actor, date, outlet
        await pilot.click(table, offset=(x + 1, table.bar_top - 1))
        assert app.pane("demands").sort_by == "conf"
        values = [confidence_of(r) for r in row_records(app.pane("demands"))]
        assert values == sorted(values)
        await pilot.click(table, offset=(x + 1, table.bar_top - 1))
        assert app.pane("demands").sort_descending


async def test_the_confidence_threshold_hides_unsure_unreviewed_records(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        pane = app.pane("demands")
        everything = row_records(pane)
        await pilot.press("c")  # 0.5
        await pilot.press("c")  # 0.7
        assert app.filters.min_confidence == 0.7
        shown = row_records(pane)
        assert shown == [r for r in everything if confidence_of(r) >= 0.7]
        assert "confidence < 0.70 hidden" in str(app.query_one("#status").content)
        await pilot.press("c", "c")
        assert app.filters.min_confidence == 0.0 and row_records(pane) == everything
