"""The benchmark runs end to end on a small corpus (its figures at this size are not the goals)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_and_reports_every_goal(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--n", "12", "--workers-n", "8", "--out", str(out)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode in (0, 1), result.stderr  # 1: some goal missed at this tiny size
    data = json.loads(out.read_text())
    names = " | ".join(r["measure"] for r in data["rows"])
    for expected in ("extraction / pipeline floor", "ingest / pipeline floor", "ingest per article",
                     "ingest peak RSS", "dashboard cold start", "NLP modules imported on opening",
                     "filter keystroke", "pane switch", "Markdown snapshot", "dashboard peak RSS",
                     "dashboard first frame", "2 local workers vs 1 process", "local worker peak RSS",
                     "same bytes from every executor"):
        assert expected in names
    assert all(isinstance(r["pass"], bool) and r["goal"] for r in data["rows"])
    imports = next(r for r in data["rows"] if r["measure"] == "NLP modules imported on opening")
    assert imports["value"] == "none" and imports["pass"]
    same = next(r for r in data["rows"] if r["measure"] == "same bytes from every executor")
    assert same["value"] == "yes" and same["pass"]
    assert "PASS" in result.stdout or "FAIL" in result.stdout
