"""The installed `ceasetalk-tui` in a real terminal (tmux): keys in, screen text out."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
TUI = Path(sys.executable).parent / "ceasetalk-tui"


class Terminal:
    def __init__(self, command: str, cwd: Path, env: dict) -> None:
        self.name = f"ceasetalk-{uuid.uuid4().hex[:8]}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "140", "-y", "40", "-c", str(cwd),
                        "-e", f"CEASETALK_DB={env['CEASETALK_DB']}", "-e", "TERM=xterm-256color", command],
                       check=True, env=env)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.3)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def press(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.4)  # a key right after Escape would read as Alt+key

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path):
    env = {**os.environ, "CEASETALK_DB": str(tmp_path / "store.json")}
    term = Terminal(f"{TUI} --export-dir {tmp_path}; sleep 5", tmp_path, env)
    yield term
    term.close()


def test_dashboard_in_a_real_terminal(terminal, tmp_path):
    screen = terminal.wait_for("1 Sources (5)")
    assert "Gaza ceasefire talks at" in screen
    assert "Indirect truce talks between" in screen

    terminal.press("2")
    for _ in range(6):  # switch parties until Hamas
        if "\u25c0 Hamas \u25b6" in terminal.screen():
            break
        terminal.press("]")
    screen = terminal.wait_for("\u25c0 Hamas \u25b6")
    assert "demand" in screen

    terminal.press("3")
    assert "34,683" in terminal.wait_for("34,683")

    terminal.press("4")
    screen = terminal.wait_for("Israel vs Hamas")
    assert "Permanent ceasefire" in screen and ("clash" in screen or "converge" in screen)

    terminal.press("e")
    terminal.wait_for("Snapshot written to")
    (snapshot,) = tmp_path.glob("ceasetalk-snapshot-*.md")
    assert "34,683" in snapshot.read_text()

    terminal.press("q")
    deadline = time.monotonic() + 10
    while "1 Sources" in terminal.screen() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert "1 Sources" not in terminal.screen()
