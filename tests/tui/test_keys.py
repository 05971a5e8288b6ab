"""The keyboard contract, driven through Pilot: every key of the dashboard does what its help says."""
from __future__ import annotations

from ceasetalk.core.store import Store
from ceasetalk.tui.form import RecordForm
from ceasetalk.tui.panes import ComparePane, DemandsPane, FiguresPane, SourcesPane
from ceasetalk.tui.screens import AddScreen, HelpScreen, ReaderScreen, StatementsScreen

SIZE = (140, 40)


async def test_digits_and_tab_move_between_panes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, pane in (("2", "demands"), ("3", "figures"), ("4", "compare"), ("1", "sources")):
            await pilot.press(key)
            assert app.active_pane == pane
            assert app.focused is app.pane(pane).table
            assert app.pane(pane).title_text.startswith("\u25b6 ")
        await pilot.press("tab")
        assert app.active_pane == "demands"
        await pilot.press("shift+tab")
        assert app.active_pane == "sources"


async def test_panes_are_titled_with_digit_and_count(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(SourcesPane).title_text == "\u25b6 1 Sources (5)"
        demands = app.query_one(DemandsPane)
        assert demands.title_text == f"2 Demands ({len(demands.table.rows)})"
        assert app.query_one(FiguresPane).title_text.startswith("3 Figures (")
        assert app.query_one(ComparePane).title_text.startswith("4 Compare (")


async def test_cursor_keys_j_k_g_and_G(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        table = app.pane("demands").table
        await pilot.press("j", "j", "down")
        assert table.cursor == 3
        await pilot.press("k", "up")
        assert table.cursor == 1
        await pilot.press("G")
        assert table.cursor == len(table.rows) - 1
        await pilot.press("g")
        assert table.cursor == 0


async def test_filter_opens_narrows_keeps_and_clears(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        pane = app.pane("demands")
        before = len(pane.table.rows)
        await pilot.press("slash", *"hostages")
        assert pane.filter_text == "hostages"
        assert 0 < len(pane.table.rows) < before
        await pilot.press("q")  # typed into the filter: does not quit
        assert app.is_running and pane.filter_text == "hostagesq"
        await pilot.press("backspace", "enter")
        assert pane.filter_text == "hostages" and app.focused is pane.table
        assert pane.title_text.endswith("/hostages")
        first = pane.table.cursor
        await pilot.press("n")
        assert pane.table.cursor != first or len(pane.table.rows) == 1
        await pilot.press("N")
        assert pane.table.cursor == first
        await pilot.press("escape")
        assert pane.filter_text == "" and len(pane.table.rows) == before


async def test_escape_backs_out_and_never_quits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("z")
        assert app.zoomed and app.has_class("-zoomed")
        await pilot.press("escape")
        assert not app.zoomed and not app.has_class("-zoomed")
        await pilot.press("escape", "escape", "escape")
        assert app.is_running


async def test_enter_opens_the_reader_at_a_records_sentence(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        record = app.pane("demands").table.current_row.data
        assert app.screen.target == (record["start"], record["end"])
        assert app.screen.text[record["start"]:record["end"]] == record["sentence"]
        await pilot.press("escape")
        assert not isinstance(app.screen, ReaderScreen) and app.is_running
        await pilot.press("1", "enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.target is None


async def test_brackets_switch_party_in_demands_and_compare(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        demands = app.pane("demands")
        first = demands.party
        await pilot.press("right_square_bracket")
        assert demands.party != first
        assert {r.data["party"] for r in demands.table.rows} == {demands.party}
        await pilot.press("left_square_bracket")
        assert demands.party == first
        await pilot.press("4")
        compare = app.pane("compare")
        before = compare.chosen()
        await pilot.press("right_square_bracket")
        assert compare.chosen()[0] == before[0] and compare.chosen()[1] != before[1]
        await pilot.press("v")
        assert len(compare.chosen()) > 2
        await pilot.press("enter")
        assert isinstance(app.screen, StatementsScreen)


async def test_reviews_persist_after_restart(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "space", "x")  # a review moves the cursor to the next record
        accepted = app.pane("demands").table.rows[0].data
        assert accepted.get("review") == "accepted"
        assert "reviewed 2/" in str(app.query_one("#status").content)
    reviews = Store(seeded_db).reviews()
    assert sorted(r["status"] for r in reviews.values()) == ["accepted", "dismissed"]
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        assert again.pane("demands").table.rows[0].data.get("review") == "accepted"
        await pilot.press("space")  # pressing again takes the mark back
        assert again.pane("demands").table.rows[0].data.get("review") is None


async def test_edit_corrects_a_record(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "E")
        assert isinstance(app.screen, RecordForm)
        record = app.screen.record
        app.screen.query_one("#form-stance").value = "reject" if record["stance"] != "reject" else "demand"
        await pilot.click("#form-save")
        await pilot.pause()
    review = Store(seeded_db).reviews()[record["id"]]
    assert review["status"] == "edited" and review["edit"]["stance"] != record["stance"]


async def test_export_writes_the_snapshot_and_says_where(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    (written,) = (tmp_path / "exports").glob("ceasetalk-snapshot-*.md")
    text = written.read_text()
    assert "## Demands by party" in text and "## Comparison of positions" in text
    assert app.last_export == written


async def test_help_add_and_palette_open_and_close(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "a")
        assert isinstance(app.screen, AddScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, AddScreen)
        await pilot.press("ctrl+p")
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press(*"export", "enter")
        await pilot.pause()
        assert app.last_export.exists()


async def test_b_hides_background_records(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        pane = app.pane("demands")
        shown = [r for r in pane.table.rows if r.data.get("background")]
        assert shown and all(r.style == "dim" for r in shown)
        await pilot.press("b")
        assert not any(r.data.get("background") for r in pane.table.rows)


async def test_narrow_terminal_shows_one_pane_at_a_time(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        visible = [p.id for p in app.query(".pane") if p.display and p.region.area]
        assert visible == ["sources"]
        await pilot.press("3")
        await pilot.pause()
        assert [p.id for p in app.query(".pane") if p.region.area] == ["figures"]


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keymap_in_the_config_remaps_a_binding(make_app, tmp_path, monkeypatch):
    from ceasetalk.tui.bindings import binding_ids
    from ceasetalk.tui.config import load_config

    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nexport = "ctrl+e"\n')
    monkeypatch.setenv("CEASETALK_CONFIG", str(config))
    app = make_app()
    app.set_keymap(load_config(binding_ids()).keymap)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.last_export.exists()


def test_a_bad_keymap_is_one_sentence(tmp_path, monkeypatch, capsys):
    from ceasetalk.tui.app import main

    config = tmp_path / "config.toml"
    config.write_text('[keymap]\nteleport = "t"\n')
    monkeypatch.setenv("CEASETALK_CONFIG", str(config))
    assert main(["--db", str(tmp_path / "db.json")]) == 1
    err = capsys.readouterr().err
    assert "unknown binding 'teleport'" in err and "Traceback" not in err


async def test_a_filter_with_markup_brackets_shows_in_the_title_as_typed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "slash", *"[bold]x", "enter")
        pane = app.pane("demands")
        assert pane.title_text.endswith("/[bold]x")
        assert "/[bold]x" in "".join(s.text for s in pane.render_lines(pane.region.reset_offset))



async def test_a_pane_switch_and_a_filter_repaint_the_titles_they_change(make_app):
    """Titles are repainted on their own (the pane's top line): the old active pane loses its mark,
    the new one gains it, and a filter's count shows as soon as it is typed."""
    app = make_app()

    def top_line(key: str) -> str:
        pane = app.pane(key)
        return pane.render_lines(pane.region.reset_offset)[0].text

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert "\u25b6 3 Figures" in top_line("figures") and "\u25b6" not in top_line("sources")
        await pilot.press("2", "slash", *"zzzz")
        await pilot.pause()
        assert "\u25b6 2 Demands (0) /zzzz" in top_line("demands") and "\u25b6" not in top_line("figures")


def _typed_at_once(app, keys: str) -> None:
    """Keys as a paste or a fast typist sends them: all read before the first is handled (Pilot's
    press waits for the app to be idle after each key, so it never shows the difference)."""
    from textual import events

    names = {"/": "slash", "\n": "enter"}
    for key in keys:
        event = events.Key(names.get(key, key), None if key == "\n" else key)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_keys_typed_at_once_after_slash_or_a_pane_key_go_where_the_focus_moved(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        _typed_at_once(app, "/hostages 2024\n")  # digits in the box are text, not pane keys
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.screen_stack[0]  # the `h` did not open the shifts
        assert app.pane("demands").filter_text == "hostages 2024" and app.active_pane == "demands"
        _typed_at_once(app, "3jj")  # a switch, then moves that are the new pane's
        await pilot.pause()
        await pilot.pause()
        assert app.active_pane == "figures" and app.pane("figures").table.cursor == 2
        assert app.pane("demands").table.cursor == 0
