"""The `ceasetalk-tui` command: the dashboard's modules load with the collector off.

Textual and the dashboard create some hundred thousand objects as they load, and nearly
all of them live as long as the process, so the collector's passes over them are wasted:
about a tenth of the time from launch to the first frame at 2,000 articles. `app.main`
keeps it off until the records are first read; `CeasetalkApp.reload` then freezes what was
read and turns the collector back on.
"""
from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from .app import main as dashboard

    return dashboard()
