"""A seeded store built once per session, copied for each test; the dashboard built on it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ceasetalk.core.library import seed_if_new
from ceasetalk.core.store import Store
from ceasetalk.tui.app import CeasetalkApp


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeded")
    store = Store(folder / "store.json")
    seed_if_new(store)
    return folder


@pytest.fixture
def seeded_db(seeded_template, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(seeded_template, target)
    return target / "store.json"


@pytest.fixture
def make_app(seeded_db, tmp_path):
    def _make() -> CeasetalkApp:
        return CeasetalkApp(Store(seeded_db), export_dir=tmp_path / "exports")

    (tmp_path / "exports").mkdir(exist_ok=True)
    return _make
