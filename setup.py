"""Packaging: the client's top-level folders become subpackages of one import name.

pyproject.toml holds the project's metadata; only the package list lives here,
because setuptools cannot prefix the packages it finds. Every package under the
mapped folders is found (none is listed by hand), so a new subpackage or data
folder always ships.
"""
from setuptools import find_namespace_packages, setup

FOLDERS = ("core", "tui", "assets", "seeds")  # folder -> ceasetalk.<folder>


def packages() -> dict[str, str]:
    found = {}
    for folder in FOLDERS:
        found[f"ceasetalk.{folder}"] = folder
        for sub in find_namespace_packages(where=folder, exclude=["*__pycache__*"]):
            found[f"ceasetalk.{folder}.{sub}"] = f"{folder}/{sub.replace('.', '/')}"
    return found


setup(packages=list(packages()), package_dir=packages())
