"""House rules on imports: the core never loads a UI library, the dashboard never loads NLP to open."""
from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True, timeout=120)
    return set(out.stdout.split())


def test_core_imports_neither_textual_nor_rich():
    loaded = _modules_after("import ceasetalk.core.store, ceasetalk.core.ingest, ceasetalk.core.library, ceasetalk.core.views")
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


def test_cli_help_loads_no_nlp_or_ui_stack():
    loaded = _modules_after("import ceasetalk.tui.cli as c\n"
                            "try:\n    c.build_parser().parse_args(['--help'])\nexcept SystemExit:\n    pass")
    assert not {m for m in loaded if m.split(".")[0] in ("spacy", "dateparser", "textual", "trafilatura")}


def test_the_dashboard_loads_what_its_first_frame_does_not_show_later():
    """The figures board, the comparison, the review statistics and the shifts are read with the
    records, after the first frame: loading them before it cost every start a few milliseconds."""
    loaded = _modules_after("import ceasetalk.tui.launch, ceasetalk.tui.app")
    assert "ceasetalk.core.views" in loaded
    assert not loaded & {"ceasetalk.core.boards", "ceasetalk.core.precision", "ceasetalk.core.shifts"}
