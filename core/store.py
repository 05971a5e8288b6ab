"""The store: articles, extracted records, reviews and meta in one TinyDB file.

TinyDB is the document store (core/tables.py); `AtomicStorage`, its storage, makes it safe:
every change happens in a transaction that holds a file lock (so two processes
never lose each other's writes), works on the data in memory, and ends in one
atomic write (temp file, fsync, `os.replace`) that keeps the previous
generation as a backup. An article and its records are therefore on disk
together or not at all. Article texts live beside the file, content-addressed,
so listing and drawing never load them.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import StoreError, UserError
from .records import Article
from .sanitize import is_clean
from .schema import META, Problem, articles_well_formed, check_meta, clean_strings, problems, sanitized, suspect, validate

SCHEMA_VERSION = 1
ENV_VAR = "CEASETALK_DB"
LOCK_WAIT_NOTICE_SECONDS = 0.5
MIN_ID_PREFIX = 6  # of the 16 hex digits of an article id
# The summary holds each article as a row of Article's first fields, in its order (`Article(*row)`):
# a list loads, is checked and becomes an Article several times faster than an object of keys.
SUMMARY_FIELDS = ("id", "title", "outlet", "published", "published_from", "source", "kind", "copy_of", "ingested")


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


def now() -> str:
    """The current time as the store keeps it: UTC, to the second."""
    import datetime as dt

    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _one_per_id(records: list[dict], sentences: dict[str, str]) -> list[dict]:
    """The first record of each id (a finding listed twice, as a merged file may list it, is stored
    once), its strings held once as a reading of the file holds them (`_shared`)."""
    unique: dict[str, dict] = {}
    for record in records:
        unique.setdefault(record["id"], record)
    return list(_shared(unique, sentences).values())


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def texts_dir_for(path: Path) -> Path:
    """Where a store keeps its article texts: store.json -> store.texts/."""
    return path.with_suffix(".texts") if path.suffix else path.with_name(path.name + ".texts")


class AtomicStorage:
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
        self.invalid: dict[str, dict[str, str]] = {}  # table -> {doc id: what is wrong}, kept from readers
        self.on_commit = None  # called with the data and the new file's signature after each write

    def _signature(self) -> tuple | None:
        return file_signature(self.path)

    def refresh(self) -> None:
        """Reload from disk if the file changed since it was last read or written."""
        signature = self._signature()
        if signature != self._loaded_signature:
            self._data = load_store_file(self.path)
            self.invalid = validate(self._data) if self._data else {}
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
                if self._signature() != self._loaded_signature:
                    raise StoreError(f"The store at {self.path} was changed by something other than ceasetalk "
                                     "while it was being written; nothing was written, try again.")
                if self._loaded_signature is not None and not os.access(self.path, os.W_OK):
                    raise StoreError(f"The store at {self.path} is read-only; nothing was written "
                                     "(make it writable, or open a copy with --db).")
                write_atomically(self.path, self._data or {})
            except BaseException:
                self._loaded_signature = ("unknown",)  # reload what is really on disk
                raise
            self._loaded_signature = self._signature()
            for name, bad in list(self.invalid.items()):  # what the write removed is no longer a problem
                table = (self._data or {}).get(name, {})
                self.invalid[name] = {doc_id: why for doc_id, why in bad.items() if doc_id in table}
            remove_leftovers(self.path)
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
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return ("unreadable", exc.errno)  # reading it says why, in a sentence
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def leftover_temp_files(path: Path) -> list[Path]:
    """Temp files of writes that were interrupted (a writer killed between its temp file and its rename)."""
    try:
        return sorted(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return []


def remove_leftovers(path: Path) -> None:
    """Called under the lock, when no other writer can have a temp file in flight."""
    for leftover in leftover_temp_files(path):
        try:
            leftover.unlink()
        except OSError:
            pass


def load_store_file(path: Path) -> dict | None:
    """The store's data, None for no store yet, StoreError for anything unreadable.

    An existing file that is empty or holds no tables is damage, not a new store: treating it as
    new would overwrite it, and its backup with it."""
    try:
        with path.open("rb") as handle:
            tables = read_by_lines(handle)
            if tables is None:  # another layout (an older store, or edited by hand): parse it whole
                handle.seek(0)
                data = handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a store file; give a file path with --db.") from None
    except NotADirectoryError:
        raise StoreError(f"The store path {path} goes through a file, not a folder; give another --db.") from None
    except PermissionError:
        raise StoreError(f"The store at {path} cannot be read: permission denied (check the file's permissions).") \
            from None
    except OSError as exc:
        raise StoreError(f"The store at {path} cannot be read ({exc.strerror or exc}).") from None
    if tables is None:
        tables = _parse_whole(path, data)
    meta = tables.get("meta", {}).get("store")
    schema = meta.get("schema", SCHEMA_VERSION) if isinstance(meta, dict) else SCHEMA_VERSION
    if type(schema) is int and schema > SCHEMA_VERSION:
        raise StoreError(
            f"The store at {path} was written by a newer ceasetalk (schema {schema}; "
            f"this version reads up to {SCHEMA_VERSION}); upgrade ceasetalk to open it."
        )
    return tables


def _parse_whole(path: Path, data: bytes) -> dict:
    import orjson

    try:
        if not data.strip():
            raise ValueError("the file is empty")
        tables = orjson.loads(data)
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            raise ValueError("not a table of tables")
        if not tables:
            raise ValueError("the file holds no tables")
    except (ValueError, UnicodeDecodeError) as exc:
        raise StoreError(
            f"The store at {path} is damaged ({exc}); it was left untouched: 'ceasetalk doctor' says "
            f"what can bring it back, or use --db for another store."
        ) from None
    sentences: dict[str, str] = {}
    for table in tables.values():
        _shared(table, sentences)
    return clean_strings(data, tables)


# The store file holds one document a line (see store_lines), so it is read a slice of lines at a
# time: parsed whole, a 100 MB store peaked at the file, the parser's own tree and the objects made
# from it together, about twice what the objects alone take.
_TABLE = re.compile(rb'("(?:[^"\\\n]|\\.)*"):\{\n')
_BATCH = 2000  # documents parsed together: fewer parser calls, still a few megabytes at a time


def read_by_lines(handle: BinaryIO) -> dict | None:
    """The tables of a file in the layout `store_lines` writes, or None where the file is in any
    other (then it is parsed whole, which also says what is wrong with a damaged one). Every line
    is checked for its place in the layout, so what is read is what a JSON parser reads."""
    import orjson

    if handle.readline() != b"{\n":
        return None
    tables: dict[str, dict] = {}
    sentences: dict[str, str] = {}
    unsafe = closed_with_comma = False
    try:
        while True:
            line = handle.readline()
            if line == b"}\n" and tables and not closed_with_comma:  # the file's end: nothing may follow
                break
            header = _TABLE.fullmatch(line)
            if header is None or (tables and not closed_with_comma):
                return None
            unsafe = unsafe or suspect(line)
            table = tables[orjson.loads(header.group(1))] = {}  # a repeated name: the last wins, as in JSON
            batch: list[bytes] = []
            more = True  # the last document line ended with a comma: another must follow
            while True:
                line = handle.readline()
                if line in (b"}\n", b"},\n"):
                    if more and (batch or table):
                        return None  # a comma before the table's end
                    closed_with_comma = line == b"},\n"
                    break
                if not more or not line.startswith(b'"') or not line.endswith(b"\n"):
                    return None
                unsafe = unsafe or suspect(line)
                more = line.endswith(b",\n")
                batch.append(line[:-2] if more else line[:-1])
                if len(batch) >= _BATCH:
                    table.update(_shared(orjson.loads(b"{" + b",".join(batch) + b"}"), sentences))
                    batch = []
            if batch:
                table.update(_shared(orjson.loads(b"{" + b",".join(batch) + b"}"), sentences))
        if handle.read(1):
            return None
    except (ValueError, UnicodeDecodeError):
        return None
    return sanitized(tables) if unsafe else tables


def _shared(docs: dict, sentences: dict[str, str]) -> dict:
    """The documents with their short strings (an article id, a party, a stance, a date: the same few
    hundred values over and over) held once each, 60 MB of a 10,000-article store; and each sentence
    held once for all the records found in it (`sentences`: those seen so far in this reading)."""
    for doc in docs.values():
        if type(doc) is dict:
            for key, value in doc.items():
                if type(value) is str:
                    if len(value) <= 40:
                        doc[key] = sys.intern(value)
                    elif key == "sentence":
                        doc[key] = sentences.setdefault(value, value)
    return docs


def store_lines(data: dict) -> Iterator[bytes]:
    """The store as JSON, one document a line: one object any JSON tool reads, that the store
    reads back a slice at a time and writes without building the whole file in memory."""
    import orjson

    yield b"{\n"
    for t, (name, table) in enumerate(data.items()):
        yield (b",\n" if t else b"") + orjson.dumps(name) + b":{\n"
        last = len(table) - 1
        for i, (key, doc) in enumerate(table.items()):
            if not isinstance(key, str):
                raise TypeError(f"a document id must be a string, not {type(key).__name__}")
            yield orjson.dumps(key) + b":" + orjson.dumps(doc) + (b",\n" if i < last else b"\n")
        yield b"}"
    yield b"\n}\n"


def write_atomically(path: Path, data: dict) -> None:
    """Write JSON so that a crash at any moment leaves the old or the new file, whole.

    The current file becomes the backup through a hard link (a copy where links
    are not supported) before the new one replaces it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the folder for the store at {path} ({exc.strerror or exc}).") from None
    try:
        write_file_atomically(path, store_lines(data), keep_backup=True)
    except TypeError as exc:  # a value JSON cannot hold: a bug, caught before the store file is touched
        raise RuntimeError(f"cannot serialise the store: {exc}") from exc


def write_file_atomically(path: Path, payload: bytes | Iterable[bytes], keep_backup: bool = False) -> None:
    """Temp file in the same folder, fsync, then `os.replace`; StoreError on failure. The payload
    may come in pieces; an exception while they are made leaves the file as it was."""
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
            if isinstance(payload, bytes):
                handle.write(payload)
            else:
                handle.writelines(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise StoreError(f"Could not write {path} ({exc.strerror or exc}); the previous version is intact.") \
                from None
        raise


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


class StoreBusy(StoreError):
    """Another process holds the store's lock (it is writing); nothing was written."""

    def __init__(self, path: Path, waited: float) -> None:
        super().__init__(f"Another ceasetalk process has held the store at {path} for over {waited:.0f} s; "
                         "try again when it has finished.")


class ExtractorChanged(UserError):
    """The store moved to another profile or extractor while records were being made for it."""

    def __init__(self, wanted: str) -> None:
        super().__init__("The store's profile changed while articles were being extracted; extract them again.")
        self.wanted = wanted


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
        self._storage = AtomicStorage(str(self.path))
        self._storage.on_commit = self._write_summary
        self._tinydb = None
        if not lazy:
            self._storage.refresh()

    @property
    def _db(self):
        """TinyDB over the storage, made when first asked for: the dashboard paints its first frame
        from the summary, before anything needs it."""
        if self._tinydb is None:
            from .tables import StoreDB

            self._tinydb = StoreDB(storage=lambda: self._storage)
        return self._tinydb

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

    def _put(self, table: str, doc_id: str, doc: dict) -> None:
        """Insert or replace one document (TinyDB's update would trip over a malformed one)."""
        target = self._db.table(table)
        if doc_id in (self._storage.read() or {}).get(table, {}):
            target.remove(doc_ids=[doc_id])
        from .tables import Document

        target.insert(Document(doc, doc_id=doc_id))

    def _record_ids_of(self, article_ids: set[str], extracted_only: bool = False) -> list[str]:
        """The ids of the records of some articles, malformed records included (inside a transaction);
        `extracted_only` leaves out the records a person added."""
        records = (self._storage.read() or {}).get("records", {})
        return [rid for rid, doc in records.items() if isinstance(doc, dict) and doc.get("article") in article_ids
                and not (extracted_only and doc.get("added") is True)]

    def problems(self) -> list[Problem]:
        """The malformed documents that readers are not shown (`ceasetalk doctor` lists them)."""
        self._storage.read()
        return problems(self._storage.invalid)

    def _valid(self, table: str) -> dict:
        """One table's documents, the malformed ones left out."""
        docs = (self._storage.read() or {}).get(table, {})
        bad = self._storage.invalid.get(table)
        return {k: v for k, v in docs.items() if k not in bad} if bad else docs

    # -- the summary: what the dashboard paints before reading the whole store ----------

    @property
    def summary_path(self) -> Path:
        return self.path.with_name(self.path.name + ".summary")

    def _write_summary(self, data: dict, signature: tuple | None) -> None:
        """Derived from the store at each write: the articles, meta and record counts, stamped
        with the store file's signature so that a summary of any other generation is ignored."""
        import orjson

        invalid = self._storage.invalid
        counts: dict[str, int] = {}
        for record_id, record in data.get("records", {}).items():
            if record_id not in invalid.get("records", {}):
                counts[record["article"]] = counts.get(record["article"], 0) + 1
        articles = [[a.get(name) for name in SUMMARY_FIELDS] for article_id, a in data.get("articles", {}).items()
                    if article_id not in invalid.get("articles", {})]
        summary = {"signature": list(signature or ()), "meta": data.get("meta", {}).get("store", {}),
                   "fields": SUMMARY_FIELDS, "articles": articles, "counts": counts}
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
        """The summary of the current store file, or None where there is none that matches it
        (or it is malformed: then the full read, which checks every document, decides)."""
        import orjson

        try:
            summary = orjson.loads(self.summary_path.read_bytes())
            if tuple(summary["signature"]) != file_signature(self.path):
                return None
            schema = summary["meta"].get("schema", SCHEMA_VERSION)
            if not isinstance(schema, int) or schema > SCHEMA_VERSION:
                return None  # let the full read refuse it with the proper message
            if check_meta("store", summary["meta"]) or tuple(summary["fields"]) != SUMMARY_FIELDS:
                return None
            rows = summary["articles"]
            if not articles_well_formed(rows, SUMMARY_FIELDS) or not is_clean(" ".join(  # printable: see is_clean
                    value for row in rows for value in row if value is not None)):
                return None  # the full read names what is wrong, or cleans it
            if not all(type(n) is int for n in summary["counts"].values()):
                return None
            summary["articles"] = [Article(*row) for row in rows]
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
                raise StoreError(f"Cannot create the folder for the store at {self.path} ({exc.strerror or exc}).") \
                    from None
            self._lock = FileLock(str(self.path) + ".lock")
        notice = min(LOCK_WAIT_NOTICE_SECONDS, self._lock_timeout)
        try:
            self._lock.acquire(timeout=notice)
            return
        except Timeout:
            if self._lock_timeout <= notice:
                raise StoreBusy(self.path, self._lock_timeout) from None
            if self._on_wait:
                self._on_wait(f"Waiting for another ceasetalk process to finish writing {self.path}...")
        except OSError as exc:
            raise StoreError(f"Cannot lock the store at {self.path} ({exc.strerror or exc}).") from None
        try:
            self._lock.acquire(timeout=self._lock_timeout - notice)
        except Timeout:
            raise StoreBusy(self.path, self._lock_timeout) from None

    # -- meta ---------------------------------------------------------------------

    def meta(self) -> dict:
        """The store's own facts (profile, extractor, ...); a field of the wrong type is left out."""
        doc = ((self._storage.read() or {}).get("meta") or {}).get("store")
        if not isinstance(doc, dict):
            return {}
        return {k: v for k, v in doc.items() if k not in META or type(v) in META[k]}

    def set_meta(self, **values: object) -> None:
        with self.transaction():
            data = {**self.meta(), **values, "schema": SCHEMA_VERSION}
            self._put("meta", "store", data)

    # -- articles -----------------------------------------------------------------

    def articles(self) -> list[Article]:
        return [Article.from_dict(doc) for doc in self._valid("articles").values()]

    def article(self, article_id: str) -> Article | None:
        doc = self._valid("articles").get(article_id)
        return Article.from_dict(doc) if doc else None

    def resolve(self, prefix: str) -> str:
        """The full id of the one article whose id starts with `prefix` (at least MIN_ID_PREFIX
        characters, so that a slip of the finger cannot pick an article by chance)."""
        prefix = prefix.strip().lower()
        if 0 < len(prefix) < MIN_ID_PREFIX:
            raise UserError(f"The id {prefix!r} is too short; give at least {MIN_ID_PREFIX} characters of it "
                            "('ceasetalk list' shows the ids).")
        matches = [doc_id for doc_id in self._valid("articles") if doc_id.startswith(prefix)]
        if not prefix or not matches:
            raise UserError(f"No article with id {prefix!r} in {self.path}; 'ceasetalk list' shows the ids.")
        if len(matches) > 1:
            raise UserError(f"The id {prefix!r} matches {len(matches)} articles; give more of it.")
        return matches[0]

    def add(self, items: Iterable[tuple[Article, list[dict]]], extractor: str | None = None) -> list[str]:
        """Store articles with their records; returns the ids that were new.

        Texts are written first (content-addressed, so rewriting one is harmless); then every new
        article and its records go to disk in one atomic write. `extractor` names what made the
        records; if the store has moved to another one meanwhile (a profile switch in another
        process), nothing is written and ExtractorChanged says so.
        """
        from .tables import Document

        items = list(items)
        for article, _ in items:
            self._write_texts(article)
        added: list[str] = []
        with self.transaction():
            wanted = self.meta().get("extractor")
            if extractor is not None and wanted is not None and wanted != extractor:
                raise ExtractorChanged(wanted)
            articles = self._db.table("articles")
            records = self._db.table("records")
            new_docs, new_records, sentences = [], [], {}
            valid = self._valid("articles")
            raw = (self._storage.read() or {}).get("articles", {})
            for article, found in items:
                if article.id in valid or article.id in added:
                    continue
                if article.id in raw:  # a malformed copy: the article read again replaces it
                    articles.remove(doc_ids=[article.id])
                added.append(article.id)
                found = _one_per_id(found, sentences)
                new_docs.append(Document({**article.to_dict(), "ingested": article.ingested or now(),
                                          "records": len(found), "extractor": extractor}, doc_id=article.id))
                new_records.extend(Document(r, doc_id=r["id"]) for r in found)
            ghosts = self._record_ids_of(set(added))  # left by a writer killed half-way (older versions)
            if ghosts:
                records.remove(doc_ids=ghosts)
            if new_docs:
                articles.insert_multiple(new_docs)
            if new_records:
                records.insert_multiple(new_records)
        return added

    def remove(self, article_id: str) -> Article:
        """Remove an article, its records and their reviews; its texts go last."""
        with self.transaction():
            article = self.article(article_id)
            if article is None:
                raise UserError(f"No article with id {article_id!r} in {self.path}.")
            self._db.table("articles").remove(doc_ids=[article_id])
            record_ids = self._record_ids_of({article_id})
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

    def _text_paths(self, article_id: str) -> tuple[Path, Path, Path]:
        """The cleaned text, the text as read, and the metadata (what `doctor --rebuild` needs)."""
        return (self.texts_dir / f"{article_id}.txt", self.texts_dir / f"{article_id}.raw",
                self.texts_dir / f"{article_id}.json")

    def _write_texts(self, article: Article) -> None:
        import orjson

        try:
            self.texts_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create {self.texts_dir} ({exc.strerror or exc}).") from None
        contents = (article.text.encode("utf-8"), article.raw.encode("utf-8"), orjson.dumps(article.to_dict()))
        for path, content in zip(self._text_paths(article.id), contents, strict=True):
            try:
                present = path.exists()
            except OSError as exc:
                raise StoreError(f"Cannot reach {self.texts_dir} ({exc.strerror or exc}).") from None
            if not present:
                write_file_atomically(path, content)

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
        except PermissionError:
            raise StoreError(f"The text of article {article_id} cannot be read: permission denied on "
                             f"{self.texts_dir}.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"The text of article {article_id} cannot be read ({exc}).") from None

    # -- records and reviews --------------------------------------------------------

    def records(self, article_id: str | None = None) -> list[dict]:
        """The stored records. They are the store's own dicts, not copies: read them, never change them."""
        docs = self._valid("records").values()
        if article_id is not None:
            docs = [d for d in docs if d.get("article") == article_id]
        return list(docs)

    def replace_records(self, by_article: dict[str, list[dict]], extractor: str | None = None) -> list[str]:
        """Swap the extracted records of some articles for new ones in one write; reviews and the
        records a person added are kept.

        Checked under the lock: an article removed meanwhile (by another process) gets no records
        back. Returns the ids of the articles whose records were replaced.
        """
        from .tables import Document

        with self.transaction():
            valid = self._valid("articles")
            sentences: dict[str, str] = {}
            present = {article_id: _one_per_id(records, sentences) for article_id, records in by_article.items()
                       if article_id in valid}
            table = self._db.table("records")
            stale = self._record_ids_of(set(by_article), extracted_only=True)
            if stale:
                table.remove(doc_ids=stale)
            fresh = [Document(r, doc_id=r["id"]) for records in present.values() for r in records]
            if fresh:
                table.insert_multiple(fresh)
            for article_id, records in present.items():
                self._put("articles", article_id, {**self._valid("articles")[article_id], "records": len(records),
                                                   "extractor": extractor})
        return list(present)

    def extractors(self) -> dict[str, str | None]:
        """article id -> what made its records (None for stores written before this was kept)."""
        return {article_id: doc.get("extractor") for article_id, doc in self._valid("articles").items()}

    def add_record(self, record: dict) -> dict:
        """Store a record a person added (what the extractor missed); returns it with its id.

        It is checked like any stored record, its sentence must be at its offsets in the article's
        text, and it is marked `added`, so re-extraction keeps it and the review figures count it."""
        from .records import record_id
        from .schema import check_record

        record = {**record, "added": True}
        record["id"] = "added-" + record_id(record["article"], record["kind"], record)
        problem = check_record(record["id"], record)
        if problem:
            raise UserError(f"The record cannot be stored: {problem}.")
        if self.text(record["article"])[record["start"]:record["end"]] != record["sentence"]:
            raise UserError("The record cannot be stored: its sentence is not at its offsets in the article's text.")
        with self.transaction():
            if record["article"] not in self._valid("articles"):
                raise UserError("That article is no longer in the store (another process removed it).")
            if record["id"] in self._valid("records"):
                raise UserError("The same record is already in the store.")
            self._put("records", record["id"], record)
        return record

    def remove_added(self, record_id: str) -> None:
        """Take back a record a person added, with its review. Extracted records are never removed one by one."""
        with self.transaction():
            record = self._valid("records").get(record_id)
            if record is None:
                return
            if not record.get("added"):
                raise UserError("Only a record added by hand can be removed; dismiss an extracted one.")
            self._db.table("records").remove(doc_ids=[record_id])
            if record_id in (self._storage.read() or {}).get("reviews", {}):
                self._db.table("reviews").remove(doc_ids=[record_id])

    def set_review(self, record_id: str, status: str | None, edit: dict | None = None) -> None:
        """Mark a record accepted, dismissed or edited (with the corrected fields); None clears it."""
        if status not in (None, "accepted", "dismissed", "edited"):
            raise ValueError(f"unknown review status {status!r}")
        with self.transaction():
            reviews = self._db.table("reviews")
            if status is None:
                if record_id in (self._storage.read() or {}).get("reviews", {}):
                    reviews.remove(doc_ids=[record_id])
                return
            if record_id not in self._valid("records"):
                raise UserError("That record no longer exists (its article was removed or extracted again "
                                "by another ceasetalk process); nothing was stored.")
            review = {"status": status}
            if edit:
                review["edit"] = edit
            self._put("reviews", record_id, review)

    def reviews(self) -> dict[str, dict]:
        return {doc_id: dict(doc) for doc_id, doc in self._valid("reviews").items()}

    # -- followed feeds -------------------------------------------------------------

    def feeds(self) -> list[dict]:
        """The followed feeds, oldest subscription first; copies (change them through put_feed)."""
        docs = sorted(self._valid("feeds").values(), key=lambda d: (d["added"], d["url"]))
        return [{**doc, "seen": list(doc["seen"]), "failures": dict(doc["failures"])} for doc in docs]

    def feed(self, feed_id: str) -> dict | None:
        doc = self._valid("feeds").get(feed_id)
        return {**doc, "seen": list(doc["seen"]), "failures": dict(doc["failures"])} if doc else None

    def put_feed(self, doc: dict) -> None:
        """Store a feed's state, checked like any document read back (inside the caller's transaction,
        where there is one, so an entry is marked seen together with its article)."""
        from .schema import check_feed

        problem = check_feed(doc.get("id", ""), doc)
        if problem:
            raise ValueError(f"malformed feed state: {problem}")
        with self.transaction():
            self._put("feeds", doc["id"], doc)

    def remove_feed(self, feed_id: str) -> None:
        with self.transaction():
            if feed_id in (self._storage.read() or {}).get("feeds", {}):
                self._db.table("feeds").remove(doc_ids=[feed_id])

    def close(self) -> None:
        self._storage.close()
