"""When the dashboard was last opened on each store, and what "since" means on the command line.

"What is new since I last looked?" needs the time of the last look. It is the
user's own state, not the store's (two analysts may share a store), so it lives
in the user's state folder, keyed by the store's path; losing it costs only
that answer.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from .errors import UserError
from .views import Since

_DAYS_AGO = re.compile(r"^(\d{1,4})d$")


def visits_path() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("ceasetalk", appauthor=False)) / "openings.json"


def _read() -> dict[str, str]:
    try:
        data = json.loads(visits_path().read_bytes())
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}


def _key(store_path: Path) -> str:
    return os.path.abspath(store_path)


def last_opened(store_path: Path) -> str | None:
    """When the dashboard was last opened on this store (UTC, YYYY-MM-DDTHH:MM:SSZ), if ever."""
    return _read().get(_key(store_path))


def record_opening(store_path: Path, now: str) -> str | None:
    """Note that the dashboard opens on this store now; returns the previous opening."""
    from .store import write_file_atomically

    visits = _read()
    previous = visits.get(_key(store_path))
    visits[_key(store_path)] = now
    try:
        visits_path().parent.mkdir(parents=True, exist_ok=True)
        write_file_atomically(visits_path(), json.dumps(visits, indent=1).encode("utf-8"))
    except (OSError, UserError):
        pass  # the user's state folder is not writable: "since last" just has nothing to go on next time
    return previous


def parse_since(text: str, store_path: Path, today: dt.date | None = None) -> Since:
    """`--since`: YYYY-MM-DD, "today", "yesterday", "3d" (three days ago), or "last" (taken in since
    the dashboard was last opened on this store)."""
    value = text.strip().lower()
    today = today or dt.date.today()
    if value == "last":
        opened = last_opened(store_path)
        if opened is None:
            raise UserError("The dashboard has not been opened on this store yet, so there is no 'last'; "
                            "give a date (YYYY-MM-DD) instead.")
        return Since(instant=opened)
    if value in ("today", "yesterday"):
        return Since(day=(today - dt.timedelta(days=value == "yesterday")).isoformat())
    days = _DAYS_AGO.match(value)
    if days:
        return Since(day=(today - dt.timedelta(days=int(days.group(1)))).isoformat())
    try:
        return Since(day=dt.date.fromisoformat(value).isoformat())
    except ValueError:
        raise UserError(f"--since {text!r} is not a date: give YYYY-MM-DD, today, yesterday, 3d (days ago) "
                        "or last (since the dashboard was last opened).") from None
