"""Shared helpers: isolated stores, the CLI run in-process, the fixture folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ceasetalk.core.store import Store
from ceasetalk.tui import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """No test reads or writes the user's own store or config."""
    monkeypatch.setenv("CEASETALK_DB", str(tmp_path / "default-store.json"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("CEASETALK_DEBUG", "1")  # a defect fails its test with the traceback, not a crash report
    monkeypatch.chdir(tmp_path)  # whatever a test writes by default lands here, never in the checkout


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "store" / "store.json"


@pytest.fixture
def store(db) -> Store:
    return Store(db)


@pytest.fixture
def seeds_without_sidecar(tmp_path) -> Path:
    folder = tmp_path / "bare-seeds"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def run(capsys, db):
    """Run `ceasetalk` in-process on the test store: (exit code, stdout, stderr)."""

    def _run(*args: str, use_db: bool = True):
        argv = (["--db", str(db)] if use_db else []) + list(args)
        code = cli.main(argv)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


GOLD = FIXTURES / "gold" / "seeds.json"
OTHER = FIXTURES / "other_conflicts"


def position_keys(extraction) -> set[tuple[str, str, str]]:
    """The (party, stance, issue) triples an extraction found: what the position tests compare."""
    return {(p.party, p.stance, p.issue) for p in extraction.positions}


@pytest.fixture(scope="session")
def extract_with():
    """extract_with(text, profile="gaza", published=None) -> Extraction, pipelines built once per profile."""
    from ceasetalk.core.extract import Extractor
    from ceasetalk.core.ingest import build_article
    from ceasetalk.core.profiles import load_profile, resolve_profile

    extractors = {}

    def _extract(text: str, profile: str = "gaza", published: str | None = None, trained: bool = True):
        key = (profile, trained)
        if key not in extractors:
            path = OTHER / "profiles" / f"{profile}.toml"
            extractors[key] = Extractor(load_profile(path) if path.exists() else resolve_profile(profile), trained)
        article = build_article(text, "text", "test")
        article.published = published
        return extractors[key].extract(article)

    return _extract
