"""The built wheel carries everything: code, seeds and assets, under `ceasetalk.*` only."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("ceasetalk-*.whl")
    return built


def test_wheel_holds_only_the_ceasetalk_namespace_and_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {n.split("/")[0] for n in names if not n.startswith("ceasetalk-")}
    assert top_levels == {"ceasetalk"}
    for expected in ("ceasetalk/core/store.py", "ceasetalk/tui/app.py", "ceasetalk/tui/app.tcss",
                     "ceasetalk/assets/issues.toml", "ceasetalk/assets/profiles/gaza.toml",
                     "ceasetalk/seeds/sources.toml", "ceasetalk/seeds/004_1d0790ea471c3ceb.txt"):
        assert expected in names


def test_installed_wheel_finds_seeds_and_assets_outside_the_repo(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, timeout=300)
    # -S skips site-packages' .pth files (the editable install's finder), so only
    # the wheel's copy of ceasetalk is importable; dependencies come from PYTHONPATH.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])}
    script = (
        "import json, sys; from ceasetalk.core import resources; from ceasetalk.tui import cli; "
        "print(json.dumps([str(resources.seeds_dir()), str(resources.assets_dir())])); "
        f"sys.exit(cli.main(['--db', {str(tmp_path / 'db.json')!r}, 'list', '--json']))"
    )
    result = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    first_line, rest = result.stdout.split("\n", 1)
    seeds, assets = json.loads(first_line)
    assert seeds.startswith(str(target)) and assets.startswith(str(target))
    assert (Path(assets) / "profiles" / "gaza.toml").is_file()
    assert len(json.loads(rest)) == 5
