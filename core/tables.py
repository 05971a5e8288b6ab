"""TinyDB's tables as the store uses them: keyed by the documents' own ids, changed in place.

Apart from core/store.py so that TinyDB is imported only when the store's documents are first
read or written (the dashboard's first frame comes from the summary, without it).
"""
from __future__ import annotations

from tinydb import TinyDB
from tinydb.table import Document, Table

__all__ = ["Document", "KeyedTable", "StoreDB"]


class KeyedTable(Table):
    """Documents keyed by their own string ids (article id, record id), not counters."""

    document_id_class = str

    def _update_table(self, updater) -> None:
        """TinyDB copies the whole table twice for each change, to turn its ids into the id class
        and back; ours are strings both ways, so the table is changed where it is. At 10,000
        articles each copy of the records table is a dict of 290,000 entries, made for every
        batch an ingest stores."""
        tables = self._storage.read()
        if tables is None:
            tables = {}
        updater(tables.setdefault(self.name, {}))
        self._storage.write(tables)
        self.clear_cache()


class StoreDB(TinyDB):
    """TinyDB with the store's tables."""

    table_class = KeyedTable
