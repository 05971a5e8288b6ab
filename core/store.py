"""The store: articles, extracted records, reviews and meta in one TinyDB file.

TinyDB is the document store; `AtomicStorage`, a TinyDB Storage, makes it safe:
every change happens in a transaction that holds a file lock (so two processes
never lose each other's writes), works on the data in memory, and ends in one
atomic write (temp file, fsync, `os.replace`) that keeps the previous
generation as a backup. An article and its records are therefore on disk
together or not at all. Article texts live beside the file, content-addressed,
so listing and drawing never load them.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from .errors import StoreError, UserError
from .records import Article

SCHEMA_VERSION = 1
ENV_VAR = "CEASETALK_DB"
LOCK_WAIT_NOTICE_SECONDS = 0.5
MIN_ID_PREFIX = 6  # of the 16 hex digits of an article id


def default_path() -> Path:
    """`$CEASETALK_DB`, else the demo store (`store.json` in the user data directory)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return demo_path()


def demo_path() -> Path:
    """The store used when the user names none: the only one the demo corpus is loaded into unasked."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ceasetalk", appauthor=False)) / "store.json"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def texts_dir_for(path: Path) -> Path:
    """Where a store keeps its article texts: store.json -> store.texts/."""
    return path.with_suffix(".texts") if path.suffix else path.with_name(path.name + ".texts")


class AtomicStorage(Storage):
    """TinyDB storage kept in memory, written atomically at the end of a transaction.

    Outside a transaction, reads notice a newer file written by another process
    and reload it. Writes are only accepted inside a transaction: TinyDB reads,
    changes and writes back the whole data, so a write outside the lock could
    undo another process's change.
    """

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self._data: dict | None = None
        self._loaded_signature: tuple | None = ("never loaded",)
        self._depth = 0
        self._dirty = False
        self.on_commit = None  # called with the data and the new file's signature after each write

    def _signature(self) -> tuple | None:
        return file_signature(self.path)

    def refresh(self) -> None:
        """Reload from disk if the file changed since it was last read or written."""
        signature = self._signature()
        if signature != self._loaded_signature:
            self._data = load_store_file(self.path)
            self._loaded_signature = signature

    def read(self) -> dict | None:
        if self._depth == 0:
            self.refresh()
        return self._data

    def write(self, data: dict) -> None:
        if self._depth == 0:
            raise RuntimeError("store writes must happen inside Store.transaction()")
        self._data = data
        self._dirty = True

    def begin(self) -> None:
        if self._depth == 0:
            self.refresh()
            self._dirty = False
        self._depth += 1

    def end(self, commit: bool) -> None:
        self._depth -= 1
        if self._depth:
            return
        if commit and self._dirty:
            try:
                write_atomically(self.path, self._data or {})
            except BaseException:
                self._loaded_signature = ("unknown",)  # reload what is really on disk
                raise
            self._loaded_signature = self._signature()
            if self.on_commit:
                self.on_commit(self._data or {}, self._loaded_signature)
        elif not commit:
            self._loaded_signature = ("rolled back",)  # TinyDB changed the dict in place
        self._dirty = False

    def close(self) -> None:
        self._data = None


def file_signature(path: Path) -> tuple | None:
    """Identifies one generation of a file: any write (an atomic replace) changes it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def load_store_file(path: Path) -> dict | None:
    """The store's data, None for no store yet, StoreError for anything unreadable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a store file; give a file path with --db.") from None
    except OSError as exc:
        raise StoreError(f"The store at {path} cannot be read ({exc.strerror or exc}).") from None
    if not data.strip():
        return None
    import orjson

    try:
        tables = orjson.loads(data)
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            raise ValueError("not a table of tables")
    except (ValueError, UnicodeDecodeError) as exc:
        raise StoreError(
            f"The store at {path} is damaged ({exc}); it was left untouched: run "
            f"'ceasetalk doctor --restore' to go back to its backup, or use --db for another store."
        ) from None
    schema = tables.get("meta", {}).get("store", {}).get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise StoreError(
            f"The store at {path} was written by a newer ceasetalk (schema {schema}; "
            f"this version reads up to {SCHEMA_VERSION}); upgrade ceasetalk to open it."
        )
    return tables


def write_atomically(path: Path, data: dict) -> None:
    """Write JSON so that a crash at any moment leaves the old or the new file, whole.

    The current file becomes the backup through a hard link (a copy where links
    are not supported) before the new one replaces it.
    """
    import orjson

    try:
        payload = orjson.dumps(data)
    except TypeError as exc:  # a value JSON cannot hold: a bug, caught before the file is touched
        raise RuntimeError(f"cannot serialise the store: {exc}") from exc
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the folder for the store at {path} ({exc.strerror or exc}).") from None
    write_file_atomically(path, payload, keep_backup=True)


def write_file_atomically(path: Path, payload: bytes, keep_backup: bool = False) -> None:
    """Temp file in the same folder, fsync, then `os.replace`; StoreError on failure."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise StoreError(f"Cannot write {path}: the folder {path.parent} does not exist.") from None
    except NotADirectoryError:
        raise StoreError(f"Cannot write {path}: {path.parent} is a file, not a folder.") from None
    except OSError as exc:
        raise StoreError(f"Cannot write {path} ({exc.strerror or exc}); nothing was changed.") from None
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise StoreError(f"Could not write {path} ({exc.strerror or exc}); the previous version is intact.") from None


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what the umask gives a new file (mkstemp makes 0600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _keep_backup(path: Path) -> None:
    backup = backup_path(path)
    staging = backup.with_name(backup.name + ".new")
    try:
        os.unlink(staging)
    except FileNotFoundError:
        pass
    try:
        os.link(path, staging)
    except OSError:
        import shutil

        shutil.copy2(path, staging)
    os.replace(staging, backup)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform opens folders; the replace itself is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class KeyedTable(Table):
    """Documents keyed by their own string ids (article id, record id), not counters."""

    document_id_class = str


class _TinyDB(TinyDB):
    table_class = KeyedTable


class Store:
    """The one way into the store file; see the module docstring for its guarantees."""

    def __init__(
        self, path: Path | str | None = None, *, on_wait: Callable[[str], None] | None = None,
        lock_timeout: float = 300.0, lazy: bool = False,
    ) -> None:
        """Open the store; `lazy` defers reading the file until something is asked of it."""
        self.path = Path(path).expanduser() if path else default_path()
        self.texts_dir = texts_dir_for(self.path)
        self._on_wait = on_wait
        self._lock_timeout = lock_timeout
        self._lock = None
        self._db = _TinyDB(str(self.path), storage=AtomicStorage)
        self._storage: AtomicStorage = self._db.storage  # type: ignore[assignment]
        self._storage.on_commit = self._write_summary
        if not lazy:
            self._storage.refresh()

    @property
    def is_demo(self) -> bool:
        """Whether this is the store used when none is named (the demo corpus goes there)."""
        try:
            return self.path.resolve() == demo_path().resolve()
        except OSError:
            return False

    def changed_on_disk(self) -> bool:
        """Whether another process wrote the store since this one last read or wrote it."""
        return self._storage._depth == 0 and file_signature(self.path) != self._storage._loaded_signature

    # -- the summary: what the dashboard paints before reading the whole store ----------

    @property
    def summary_path(self) -> Path:
        return self.path.with_name(self.path.name + ".summary")

    def _write_summary(self, data: dict, signature: tuple | None) -> None:
        """Derived from the store at each write: the articles, meta and record counts, stamped
        with the store file's signature so that a summary of any other generation is ignored."""
        import orjson

        counts: dict[str, int] = {}
        for record in data.get("records", {}).values():
            counts[record["article"]] = counts.get(record["article"], 0) + 1
        articles = [{k: v for k, v in a.items() if k != "records"} for a in data.get("articles", {}).values()]
        summary = {"signature": list(signature or ()), "meta": data.get("meta", {}).get("store", {}),
                   "articles": articles, "counts": counts}
        try:
            write_file_atomically(self.summary_path, orjson.dumps(summary))
        except StoreError:
            pass  # a missing summary only costs the dashboard a slower start

    def refresh_summary(self) -> None:
        """Write the summary of the store as it is now (for stores written before summaries)."""
        data = self._storage.read()
        if data is not None:
            self._write_summary(data, self._storage._loaded_signature)

    def summary(self) -> dict | None:
        """The summary of the current store file, or None where there is none that matches it."""
        import orjson

        try:
            summary = orjson.loads(self.summary_path.read_bytes())
            if tuple(summary["signature"]) != file_signature(self.path):
                return None
            schema = summary["meta"].get("schema", SCHEMA_VERSION)
            if not isinstance(schema, int) or schema > SCHEMA_VERSION:
                return None  # let the full read refuse it with the proper message
            summary["articles"] = [Article(**a) for a in summary["articles"]]  # written from Article.to_dict
            return summary
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    # -- transactions -------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock, work in memory, and write everything at once on success."""
        outermost = self._storage._depth == 0
        if outermost:
            self._acquire_lock()
        try:
            self._storage.begin()
            ok = False
            try:
                yield
                ok = True
            finally:
                self._storage.end(commit=ok)
        finally:
            if outermost:
                self._lock.release()

    def _acquire_lock(self) -> None:
        from filelock import FileLock, Timeout

        if self._lock is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot create the folder for the store at {self.path} ({exc.strerror or exc}).") from None
            self._lock = FileLock(str(self.path) + ".lock")
        try:
            self._lock.acquire(timeout=LOCK_WAIT_NOTICE_SECONDS)
            return
        except Timeout:
            if self._on_wait:
                self._on_wait(f"Waiting for another ceasetalk process to finish writing {self.path}...")
        except OSError as exc:
            raise StoreError(f"Cannot lock the store at {self.path} ({exc.strerror or exc}).") from None
        try:
            self._lock.acquire(timeout=self._lock_timeout)
        except Timeout:
            raise StoreError(
                f"Another ceasetalk process has held the store at {self.path} for over "
                f"{self._lock_timeout:.0f} s; try again when it has finished."
            ) from None

    # -- meta ---------------------------------------------------------------------

    def meta(self) -> dict:
        doc = self._db.table("meta").get(doc_id="store")
        return dict(doc) if doc else {}

    def set_meta(self, **values: object) -> None:
        with self.transaction():
            data = {"schema": SCHEMA_VERSION, **self.meta(), **values}
            self._db.table("meta").upsert(Document(data, doc_id="store"))

    # -- articles -----------------------------------------------------------------

    def articles(self) -> list[Article]:
        return [Article.from_dict(doc) for doc in self._db.table("articles").all()]

    def article(self, article_id: str) -> Article | None:
        doc = self._db.table("articles").get(doc_id=article_id)
        return Article.from_dict(doc) if doc else None

    def resolve(self, prefix: str) -> str:
        """The full id of the one article whose id starts with `prefix` (at least MIN_ID_PREFIX
        characters, so that a slip of the finger cannot pick an article by chance)."""
        prefix = prefix.strip().lower()
        if 0 < len(prefix) < MIN_ID_PREFIX:
            raise UserError(f"The id {prefix!r} is too short; give at least {MIN_ID_PREFIX} characters of it "
                            "('ceasetalk list' shows the ids).")
        matches = [doc.doc_id for doc in self._db.table("articles").all() if doc.doc_id.startswith(prefix)]
        if not prefix or not matches:
            raise UserError(f"No article with id {prefix!r} in {self.path}; 'ceasetalk list' shows the ids.")
        if len(matches) > 1:
            raise UserError(f"The id {prefix!r} matches {len(matches)} articles; give more of it.")
        return matches[0]

    def add(self, items: Iterable[tuple[Article, list[dict]]]) -> list[str]:
        """Store articles with their records; returns the ids that were new.

        Texts are written first (content-addressed, so rewriting one is harmless);
        then every new article and its records go to disk in one atomic write.
        """
        items = list(items)
        for article, _ in items:
            self._write_texts(article)
        added: list[str] = []
        with self.transaction():
            articles = self._db.table("articles")
            new_docs, new_records = [], []
            for article, records in items:
                if articles.contains(doc_id=article.id) or article.id in added:
                    continue
                added.append(article.id)
                new_docs.append(Document({**article.to_dict(), "records": len(records)}, doc_id=article.id))
                new_records.extend(Document(r, doc_id=r["id"]) for r in records)
            if new_docs:
                articles.insert_multiple(new_docs)
            if new_records:
                self._db.table("records").insert_multiple(new_records)
        return added

    def remove(self, article_id: str) -> Article:
        """Remove an article, its records and their reviews; its texts go last."""
        with self.transaction():
            article = self.article(article_id)
            if article is None:
                raise UserError(f"No article with id {article_id!r} in {self.path}.")
            self._db.table("articles").remove(doc_ids=[article_id])
            record_ids = [d.doc_id for d in self._db.table("records").all() if d.get("article") == article_id]
            if record_ids:
                self._db.table("records").remove(doc_ids=record_ids)
                reviews = self._db.table("reviews")
                stale = [rid for rid in record_ids if reviews.contains(doc_id=rid)]
                if stale:
                    reviews.remove(doc_ids=stale)
        for path in self._text_paths(article_id):
            try:
                path.unlink()
            except OSError:
                pass  # an orphan text is harmless; doctor reports it
        return article

    # -- texts --------------------------------------------------------------------

    def _text_paths(self, article_id: str) -> tuple[Path, Path]:
        return self.texts_dir / f"{article_id}.txt", self.texts_dir / f"{article_id}.raw"

    def _write_texts(self, article: Article) -> None:
        try:
            self.texts_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create {self.texts_dir} ({exc.strerror or exc}).") from None
        for path, content in zip(self._text_paths(article.id), (article.text, article.raw), strict=True):
            if not path.exists():
                write_file_atomically(path, content.encode("utf-8"))

    def text(self, article_id: str) -> str:
        """The cleaned text every offset of the article's records refers to."""
        return self._read_text(self._text_paths(article_id)[0], article_id)

    def raw(self, article_id: str) -> str:
        return self._read_text(self._text_paths(article_id)[1], article_id)

    def _read_text(self, path: Path, article_id: str) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise StoreError(f"The text of article {article_id} is missing from {self.texts_dir}.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"The text of article {article_id} cannot be read ({exc}).") from None

    # -- records and reviews --------------------------------------------------------

    def records(self, article_id: str | None = None) -> list[dict]:
        """The stored records. They are the store's own dicts, not copies: read them, never change them."""
        table = (self._storage.read() or {}).get("records", {})
        docs = table.values()
        if article_id is not None:
            docs = [d for d in docs if d.get("article") == article_id]
        return list(docs)

    def replace_records(self, by_article: dict[str, list[dict]]) -> None:
        """Swap the records of some articles for new ones in one write; reviews are kept."""
        with self.transaction():
            table = self._db.table("records")
            stale = [d.doc_id for d in table.all() if d.get("article") in by_article]
            if stale:
                table.remove(doc_ids=stale)
            fresh = [Document(r, doc_id=r["id"]) for records in by_article.values() for r in records]
            if fresh:
                table.insert_multiple(fresh)
            articles = self._db.table("articles")
            for article_id, records in by_article.items():
                articles.update({"records": len(records)}, doc_ids=[article_id])

    def set_review(self, record_id: str, status: str | None, edit: dict | None = None) -> None:
        """Mark a record accepted, dismissed or edited (with the corrected fields); None clears it."""
        if status not in (None, "accepted", "dismissed", "edited"):
            raise ValueError(f"unknown review status {status!r}")
        with self.transaction():
            reviews = self._db.table("reviews")
            if status is None:
                if reviews.contains(doc_id=record_id):
                    reviews.remove(doc_ids=[record_id])
                return
            if not self._db.table("records").contains(doc_id=record_id):
                raise UserError("That record no longer exists (its article was removed or extracted again "
                                "by another ceasetalk process); nothing was stored.")
            review = {"status": status}
            if edit:
                review["edit"] = edit
            reviews.upsert(Document(review, doc_id=record_id))

    def reviews(self) -> dict[str, dict]:
        return {doc.doc_id: dict(doc) for doc in self._db.table("reviews").all()}

    def close(self) -> None:
        self._db.close()
