"""The user's config file: a keymap that remaps any binding by its id, and the dashboard's defaults.

`$CEASETALK_CONFIG`, else `config.toml` in the user config folder, e.g.:

    [keymap]
    quit = "q,ctrl+q"
    export = "ctrl+e"

    [dashboard]
    detail = true          # the detail panel is shown at start (d toggles it)
    min_confidence = 0.5   # unreviewed records below this confidence start hidden (c cycles it)
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ceasetalk.core.errors import UserError

ENV_VAR = "CEASETALK_CONFIG"
# A key name (letters, digits, +, - and _) or one printable character: nothing a terminal could act on.
_KEY = re.compile(r"^(?:[A-Za-z0-9_+\-]+|[!-~])$")


def config_path() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("ceasetalk", appauthor=False)) / "config.toml"


@dataclass(frozen=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    detail: bool = True
    min_confidence: float = 0.0


def load_config(known_ids: set[str]) -> Config:
    """The config file, checked: anything wrong in it is a one-sentence error naming the file."""
    path = config_path()
    if not path.exists():
        return Config()
    import tomllib  # only where there is a config file: most launches have none

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML ({exc}).") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot be read ({exc}).") from None
    dashboard = data.get("dashboard", {})
    if not isinstance(dashboard, dict):
        raise UserError(f"{path}: [dashboard] must be a table of settings.")
    unknown = set(dashboard) - {"detail", "min_confidence"}
    if unknown:
        raise UserError(f"{path}: [dashboard] has unknown settings {', '.join(sorted(unknown))}; known: detail, "
                        "min_confidence.")
    detail = dashboard.get("detail", True)
    if not isinstance(detail, bool):
        raise UserError(f"{path}: dashboard.detail must be true or false.")
    threshold = dashboard.get("min_confidence", 0.0)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 <= threshold <= 1:
        raise UserError(f"{path}: dashboard.min_confidence must be a number from 0 to 1, such as 0.5.")
    return Config(_keymap(path, data, known_ids), detail, float(threshold))


def _keymap(path: Path, data: dict, known_ids: set[str]) -> dict[str, str]:
    """The keymap table, checked: unknown ids and non-string keys are one-sentence errors."""
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise UserError(f"{path}: [keymap] must be a table of binding id = \"keys\".")
    for binding_id, keys in keymap.items():
        if binding_id not in known_ids:
            raise UserError(f"{path}: keymap names an unknown binding {binding_id!r}; known: {', '.join(sorted(known_ids))}.")
        if not isinstance(keys, str) or not keys.strip() or not all(_KEY.match(k.strip()) for k in keys.split(",")):
            raise UserError(f"{path}: keymap.{binding_id} must be keys such as \"ctrl+e\" or \"q,ctrl+q\".")
    return keymap
