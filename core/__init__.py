"""ceasetalk's core: ingestion, extraction, the store, views and exports.

Nothing here imports Textual or Rich, so scripts and the headless CLI can use
it without a terminal, and the dashboard can open without loading the NLP stack.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ceasetalk")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
