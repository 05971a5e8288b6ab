"""The dashboard as a first user meets it: a store of their own, live updates from other
terminals, honest confirmations, help that scrolls and shows their keys, and layouts that work
at 80x24 and 60x20."""
from __future__ import annotations

import pytest

from ceasetalk.core.ingest import build_article
from ceasetalk.core.store import Store
from ceasetalk.tui.app import CeasetalkApp
from ceasetalk.tui.screens import ArticleView, ConfirmScreen, HelpScreen, ReaderScreen

SMALL = [(80, 24), (60, 20)]
WIDE = (160, 45)


def notices(app) -> list[tuple[str, str]]:
    return [(str(n.message), n.severity) for n in app._notifications]


async def test_a_new_store_opens_empty_and_says_how_to_add_articles(tmp_path):
    app = CeasetalkApp(Store(tmp_path / "mine.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.pane("sources").table.caption.plain
        assert header == "No articles yet."
        assert app.pane("sources").table.placeholder.startswith("Press a to add an article")
        assert app.pane("sources").title_text.endswith("Sources (0)")
    assert not (tmp_path / "mine.texts").exists()


async def test_export_to_a_missing_folder_says_so_and_keeps_running(seeded_db, tmp_path):
    app = CeasetalkApp(Store(seeded_db), export_dir=tmp_path / "no" / "such")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.is_running and app.last_export is None
        ((message, severity),) = [n for n in notices(app) if n[1] == "error"]
        assert "Export failed" in message and "does not exist" in message
    assert app.return_code in (None, 0)


async def test_two_exports_in_one_second_keep_both_files(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e", "e")
        await pilot.pause()
    assert len(list((tmp_path / "exports").glob("ceasetalk-snapshot-*.md"))) == 2


async def test_reextracting_with_another_profile_asks_first(make_app, monkeypatch):
    app = make_app()
    calls = []
    monkeypatch.setattr(app, "run_cli", lambda args, label: calls.append(args))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"extract again", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "reviews" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert calls == [] and not isinstance(app.screen, ConfirmScreen)
        app.confirm_reextract("gaza")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert calls == [["reextract", "--profile", "gaza"]]


def test_the_palette_offers_the_stores_own_profile_first(make_app, seeded_db, tmp_path):
    own = tmp_path / "mine.toml"
    own.write_text('[parties.North]\naliases = ["Israel"]\n')
    Store(seeded_db).set_meta(profile=str(own))
    app = make_app()
    reference, label = app.available_profiles()[0]
    assert reference == str(own) and label == "mine (this store's profile)"
    assert ("gaza", "gaza") in app.available_profiles()


async def test_another_process_adding_and_removing_articles_shows_up_keeping_the_view(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2", "right_square_bracket", "j", "j")
        demands = app.pane("demands")
        party, key = demands.party, demands.table.current_row.key
        await pilot.press("slash", *"e", "enter")
        other = Store(seeded_db)  # as another terminal would open it
        article = build_article("Truce talks resume\n\nThe northern side demanded a ceasefire in Doha.", "text", "new")
        other.add([(article, [])])
        await pilot.pause(1.5)
        sources = [row.key for row in app.pane("sources").table.rows]
        assert article.id in sources
        assert demands.party == party and demands.filter_text == "e"
        assert demands.table.current_row.key == key
        removed = app.pane("sources").table.rows[0].data.id if sources[0] != article.id else sources[1]
        other.remove(removed)
        await pilot.pause(1.5)
        assert removed not in [row.key for row in app.pane("sources").table.rows]


async def test_a_review_of_a_record_removed_elsewhere_is_refused(make_app, seeded_db):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        record = app.pane("demands").table.current_row.data
        Store(seeded_db).remove(record["article"])
        app.review(record, "accepted")
        await pilot.pause()
        assert any("no longer exists" in message for message, _ in notices(app))
    assert record["id"] not in Store(seeded_db).reviews()


@pytest.mark.parametrize("size", SMALL)
async def test_the_reader_opens_at_the_sentence_and_reaches_the_end(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("2", "G", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        line = view.target_line()
        assert line is not None and view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        width = view.scrollable_content_region.width
        assert all(end - start <= width for start, end in view.lines)
        assert view.scrollable_content_region.right <= view.region.right - 1  # the scrollbar's own column
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y + view.scrollable_content_region.height >= len(view.lines)


@pytest.mark.parametrize("size", [*SMALL, WIDE])
async def test_help_scrolls_and_shows_the_keys_as_bound(make_app, size):
    app = make_app()
    app.set_keymap({"export": "ctrl+e", "party.next": "."})
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("2", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.markdown
        assert text.startswith("# 2 Demands")
        assert "left\\_square\\_bracket" not in text and "- `[` Previous party \u00b7 *party.previous*" in text
        assert "- `.` Next party \u00b7 *party.next*" in text and "- `^e` Export \u00b7 *export*" in text
        body = app.screen.query_one("#help-body")
        if body.max_scroll_y:
            await pilot.press("pagedown")
            assert body.scroll_y > 0
            await pilot.press("G")
            assert body.scroll_y == body.max_scroll_y
        else:
            assert size == WIDE


async def test_help_in_the_reader_is_the_readers(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.markdown.startswith("# Reader") and "reader.bottom" in app.screen.markdown


@pytest.mark.parametrize("size", SMALL)
async def test_narrow_layout_names_the_panes_and_tab_cycles_them(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        strip = app.query_one("#pane-strip")
        assert strip.display and strip.region.height == 1
        assert "1 Sources" in str(strip.content) and "4 Compare" in str(strip.content)
        for expected in ("demands", "figures", "compare", "sources"):
            await pilot.press("tab")
            await pilot.pause()
            assert app.active_pane == expected
            assert [p.id for p in app.query(".pane") if p.region.area] == [expected]
        await pilot.press("shift+tab")
        assert app.active_pane == "compare"


async def test_tab_cycles_panes_in_the_grid_too(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert not app.query_one("#pane-strip").display
        await pilot.press("tab", "tab")
        assert app.active_pane == "figures"


async def test_figures_title_counts_records_whatever_has_the_focus(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        pane = app.pane("figures")
        before = pane.title_text
        await pilot.press("3")
        assert pane.title_text.split("(")[1] == before.split("(")[1]
        records = sum(1 for row in pane.table.rows if not row.key.startswith("metric:"))
        assert pane.title_text.endswith(f"({records})")


async def test_issue_labels_are_whole_when_zoomed_wide(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("2", "z", "d")  # zoomed, without the detail panel beside it
        await pilot.pause()
        table = app.pane("demands").table
        widths = table._widths(table.scrollable_content_region.width)
        longest = max(len(app.dashboard.label(r.data["issue"])) for r in table.rows)
        assert widths[2] >= min(longest, 40)


async def test_keymap_clashes_are_warned_about_when_the_dashboard_opens(make_app, tmp_path, monkeypatch):
    from ceasetalk.tui.bindings import keymap_clashes

    warnings = keymap_clashes({"export": "q"})
    assert len(warnings) == 1 and "'q' to export" in warnings[0] and "quit" in warnings[0]
    assert keymap_clashes({"export": "ctrl+e"}) == []
    app = CeasetalkApp(make_app().store, warnings=[f"config: {w}." for w in warnings])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert ("config: " + warnings[0] + ".", "warning") in notices(app)
