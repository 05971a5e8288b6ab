"""The installed `ceasetalk-tui` in a real pseudo-terminal: keys in, screen text out.

pexpect runs the program on a pty; pyte, a terminal emulator, turns what it
writes into the screen a person would see.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pyte

TUI = Path(sys.executable).parent / "ceasetalk-tui"
ARTICLE = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "sudan_jeddah.txt"
COLUMNS, LINES = 140, 40


class Terminal:
    def __init__(self, args: list[str], env: dict, cwd: Path) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(str(TUI), args, env=env, cwd=str(cwd), dimensions=(LINES, COLUMNS), timeout=5)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.3) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return

    def wait_for(self, text: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.2)
            if text in self.text():
                return self.text()
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.text()}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            self.pump(0.5)  # a key right after Escape would read as Alt+key


def test_dashboard_in_a_real_terminal(tmp_path):
    # The default store, as on a first launch: it gets the demo articles.
    env = {k: v for k, v in os.environ.items() if k != "CEASETALK_DB"}
    env.update({"XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm-256color",
                "COLUMNS": str(COLUMNS), "LINES": str(LINES)})
    terminal = Terminal(["--export-dir", str(tmp_path)], env, tmp_path)
    try:
        terminal.wait_for("1 Sources (5)")
        terminal.wait_for("Gaza ceasefire talks at")  # a frame arrives in pieces: wait for each text
        terminal.wait_for("Indirect truce talks between")

        # Another terminal ingests into the same store: the open dashboard shows it.
        ingest = subprocess.run([str(TUI.parent / "ceasetalk"), "ingest", str(ARTICLE)], env=env,
                                capture_output=True, text=True, timeout=300)
        assert ingest.returncode == 0, ingest.stderr
        terminal.wait_for("1 Sources (6)", timeout=30)
        terminal.wait_for("Sudan's warring parties")

        terminal.press("2")
        for _ in range(6):  # switch parties until Hamas, each time waiting for the screen to follow
            party = re.search(r"\u25c0 (.+?) \u25b6", terminal.wait_for("\u25c0 ")).group(1)
            if party == "Hamas":
                break
            terminal.press("]")
            deadline = time.monotonic() + 30
            while f"\u25c0 {party} \u25b6" in terminal.text() and time.monotonic() < deadline:
                terminal.pump(0.2)
        terminal.wait_for("\u25c0 Hamas \u25b6")
        terminal.wait_for("demand")

        terminal.press("3")
        assert "34,683" in terminal.wait_for("34,683")

        terminal.press("4")
        terminal.wait_for("Israel vs Hamas")
        terminal.wait_for("Permanent ceasefire")
        terminal.wait_for("\u2260 clash")  # the matrix marks where the two sides clash

        terminal.press("e")
        terminal.wait_for("Snapshot written to")
        (snapshot,) = tmp_path.glob("ceasetalk-snapshot-*.md")
        assert "34,683" in snapshot.read_text()

        terminal.press("q")
        terminal.child.expect(pexpect.EOF, timeout=15)
    finally:
        terminal.child.close(force=True)
    assert terminal.child.exitstatus == 0
