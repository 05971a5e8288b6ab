"""The user's config file: a keymap that remaps any binding by its id.

`$CEASETALK_CONFIG`, else `config.toml` in the user config folder, e.g.:

    [keymap]
    quit = "q,ctrl+q"
    export = "ctrl+e"
"""
from __future__ import annotations

import os
import re
import tomllib
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


def load_keymap(known_ids: set[str]) -> dict[str, str]:
    """The keymap table, checked: unknown ids and non-string keys are one-sentence errors."""
    path = config_path()
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML ({exc}).") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot be read ({exc}).") from None
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise UserError(f"{path}: [keymap] must be a table of binding id = \"keys\".")
    for binding_id, keys in keymap.items():
        if binding_id not in known_ids:
            raise UserError(f"{path}: keymap names an unknown binding {binding_id!r}; known: {', '.join(sorted(known_ids))}.")
        if not isinstance(keys, str) or not keys.strip() or not all(_KEY.match(k.strip()) for k in keys.split(",")):
            raise UserError(f"{path}: keymap.{binding_id} must be keys such as \"ctrl+e\" or \"q,ctrl+q\".")
    return keymap
