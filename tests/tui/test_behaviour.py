"""Dashboard behaviour beyond keys: plain text only, and no NLP stack to open."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from ceasetalk.core.ingest import build_article
from ceasetalk.core.store import Store


async def test_article_text_is_shown_literally_never_as_markup(make_app, seeded_db):
    crafted = build_article("[Reuters] army [/b] left Gaza [bold red]now[/]\nThe army said talks would resume.",
                            "text", "crafted")
    Store(seeded_db).add([(crafted, [])])
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        titles = [row.cells[3].plain for row in app.pane("sources").table.rows]
        assert "[Reuters] army [/b] left Gaza [bold red]now[/]" in titles
        app.pane("sources").table.move_to_key(crafted.id)
        await pilot.press("1", "enter")
        assert app.screen.title_text == crafted.title


def test_opening_the_dashboard_imports_neither_spacy_nor_dateparser(seeded_db):
    script = textwrap.dedent(f"""
        import asyncio, sys
        from ceasetalk.core.store import Store
        from ceasetalk.tui.app import CeasetalkApp

        async def main():
            app = CeasetalkApp(Store({str(seeded_db)!r}))
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                assert app.pane("demands").table.rows, "no data painted"
            print(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "dateparser", "thinc")))

        asyncio.run(main())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
