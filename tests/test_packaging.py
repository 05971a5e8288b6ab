"""A regular install works: the built wheel, installed into a fresh venv outside the repo,
imports every module and opens the dashboard, so a missing module or data file cannot land."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
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


@pytest.fixture(scope="module")
def fresh_venv(wheel, tmp_path_factory) -> Path:
    """A new venv holding the wheel and its declared dependencies, nothing from this checkout."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    result = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return venv


def test_wheel_holds_only_the_ceasetalk_namespace_and_every_source_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    top_levels = {n.split("/")[0] for n in names if not n.startswith("ceasetalk-")}
    assert top_levels == {"ceasetalk"}
    for folder in ("core", "tui", "assets", "seeds"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".tcss", ".toml", ".txt") and "__pycache__" not in path.parts:
                assert f"ceasetalk/{path.relative_to(ROOT).as_posix()}" in names, path


def test_fresh_venv_imports_every_module_and_opens_the_dashboard(fresh_venv, tmp_path):
    script = textwrap.dedent(f"""
        import asyncio, importlib, json, pkgutil, sys
        import ceasetalk.core, ceasetalk.tui
        modules = []
        for package in (ceasetalk.core, ceasetalk.tui):
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                importlib.import_module(info.name)
                modules.append(info.name)
        from ceasetalk.core import resources
        from ceasetalk.core.store import Store
        from ceasetalk.tui.app import CeasetalkApp

        async def one_frame():
            app = CeasetalkApp(Store({str(tmp_path / 'new.json')!r}))
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                return app.pane("sources").table.caption.plain

        header = asyncio.run(one_frame())
        print(json.dumps({{"modules": modules, "file": ceasetalk.core.__file__, "header": header,
                          "seeds": str(resources.seeds_dir()), "assets": str(resources.assets_dir())}}))
    """)
    result = subprocess.run([str(fresh_venv / "bin" / "python"), "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["file"].startswith(str(fresh_venv))
    assert {"ceasetalk.tui.widgets.table", "ceasetalk.tui.app", "ceasetalk.core.store"} <= set(found["modules"])
    assert found["header"] == "No articles yet."
    assert found["seeds"].startswith(str(fresh_venv)) and found["assets"].startswith(str(fresh_venv))
    assert (Path(found["assets"]) / "profiles" / "gaza.toml").is_file()


def test_fresh_venv_commands_run_from_any_folder(fresh_venv, tmp_path):
    bindir = fresh_venv / "bin"
    listed = subprocess.run([str(bindir / "ceasetalk"), "list", "--json", "--db", str(tmp_path / "mine.json")],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    version = subprocess.run([str(bindir / "ceasetalk-tui"), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("ceasetalk ")
