"""The dashboard when the store misbehaves: damaged or locked while open, it says so and stays
usable; a crash (a bug) exits non-zero without printing the store's contents."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from filelock import FileLock

from ceasetalk.core.store import Store
from ceasetalk.tui.app import DASHBOARD_LOCK_WAIT_SECONDS, CeasetalkApp


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_store_damaged_while_open_is_said_once_and_the_view_stays(seeded_db):
    app = CeasetalkApp(Store(seeded_db))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = len(app.pane("sources").table.rows)
        seeded_db.write_bytes(b"{\"articles\": ")
        await pilot.pause(2.5)
        assert app.is_running and len(app.pane("sources").table.rows) == rows
        damaged = [n for n in notices(app) if "is damaged" in n]
        assert len(damaged) == 1 and "as it was last read" in damaged[0]
        await pilot.press("2", "space")
        await pilot.pause()
        assert app.is_running


async def test_reviews_wait_while_another_process_writes_and_esc_gives_them_up(seeded_db):
    app = CeasetalkApp(Store(seeded_db, lock_timeout=DASHBOARD_LOCK_WAIT_SECONDS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        record = app.pane("demands").table.current_row.data
        with FileLock(str(seeded_db) + ".lock"):  # another process is writing
            await pilot.press("space")
            await pilot.pause()
            status = str(app.query_one("#status").content)
            assert "waiting for another ceasetalk process" in status and "1 reviews not saved yet" in status
            await pilot.press("escape")
            await pilot.pause()
            assert any("1 reviews were not saved" in n for n in notices(app))
        assert record["id"] not in Store(seeded_db).reviews()
        await pilot.press("k")  # back to the record: a review moved the cursor on
        assert app.pane("demands").table.current_row.data["id"] == record["id"]
        with FileLock(str(seeded_db) + ".lock"):
            await pilot.press("space")
            await pilot.pause()
        await pilot.pause(0.8)  # the lock is free: the waiting review is written
        assert "waiting" not in str(app.query_one("#status").content)
    assert Store(seeded_db).reviews()[record["id"]]["status"] == "accepted"


async def test_a_store_changed_while_the_dashboard_closes_is_no_crash(seeded_db):
    # Another process (an ingest, a re-extraction) may write the store while the app shuts down and its
    # status line is already gone: the poll reloads and has no status to update.
    app = CeasetalkApp(Store(seeded_db))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.query_one("#status").remove()
        seeded_db.write_bytes(seeded_db.read_bytes())
        app.check_store()
        await pilot.pause()
        assert app.is_running and not app.query("#status")


def test_a_crash_exits_non_zero_without_local_variables(seeded_db, tmp_path):
    import ceasetalk.tui.app as module

    script = textwrap.dedent(f"""
        import sys
        from ceasetalk.core.store import Store
        from ceasetalk.tui.app import CeasetalkApp

        class Crashing(CeasetalkApp):
            CSS_PATH = {str(Path(module.__file__).with_name("app.tcss"))!r}

            def on_ready(self) -> None:
                contents = "STORE-CONTENTS-" + "in-a-local"
                raise RuntimeError("a bug")

        app = Crashing(Store({str(seeded_db)!r}))
        app.run(headless=True)
        sys.exit(app.return_code or 0)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "RuntimeError" in output and "unexpected error (a bug)" in output
    assert "STORE-CONTENTS-in-a-local" not in output
