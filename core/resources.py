"""Where the shipped data lives: the seed corpus and the assets (profiles, issues).

Both are data-only packages (`ceasetalk.seeds`, `ceasetalk.assets`), found the
same way from an editable install and from a wheel.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path


def _package_dir(package: str) -> Path:
    # Data-only packages are namespace packages; importlib.resources cannot read
    # them through setuptools' editable finder, but their search path names the
    # real folder in every kind of install.
    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    raise RuntimeError(f"ceasetalk is incompletely installed: {package} has no folder; reinstall it.")


def seeds_dir() -> Path:
    """The folder of the five seed articles and their `sources.toml`."""
    return _package_dir("ceasetalk.seeds")


def assets_dir() -> Path:
    """The folder of `issues.toml` and `profiles/`."""
    return _package_dir("ceasetalk.assets")
