"""ceasetalk's core: ingestion, extraction, the store, views and exports.

Nothing here imports Textual or Rich, so scripts and the headless CLI can use
it without a terminal, and the dashboard can open without loading the NLP stack.
"""
__version__ = "0.1.0"  # the distribution's version too (pyproject reads it from here)
