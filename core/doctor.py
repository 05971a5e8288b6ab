"""Check a store, say what fits each fault, and bring a damaged one back.

The store file is never repaired in place: whatever replaces it (the backup,
the store without its malformed documents, or a store rebuilt from the article
texts) is written atomically and the current file is kept beside it as
`store.json.damaged-N`. Advice names only what can help: going back to the
backup cannot bring back a missing text and would undo the last good write.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError, UserError
from .schema import problems, validate
from .store import backup_path, leftover_temp_files, load_store_file, store_lines, texts_dir_for, write_file_atomically

REMEDIES = {
    "restore": "'ceasetalk doctor --restore' puts the backup (the previous generation) in its place",
    "rebuild": "'ceasetalk doctor --rebuild' makes a new store from the article texts (reviews cannot come back)",
    "repair": "'ceasetalk doctor --repair' drops the malformed documents (the file is kept aside first)",
    "reextract": "'ceasetalk reextract --resume' finishes extracting with the store's profile",
}


@dataclass
class Finding:
    severity: str  # "error" (the store cannot be used as it is) or "warning"
    message: str
    remedy: str | None = None  # a key of REMEDIES, where one of them helps


def _backup_state(path: Path) -> tuple[bool, str]:
    """(usable, description) of the backup."""
    backup = backup_path(path)
    if not backup.exists():
        return False, "there is no backup"
    try:
        data = load_store_file(backup)
    except StoreError:
        return False, "its backup is damaged too"
    return True, f"its backup holds {len((data or {}).get('articles', {}))} articles"


def _texts_on_disk(path: Path) -> list[str]:
    texts = texts_dir_for(path)
    try:
        return sorted(p.stem for p in texts.glob("*.txt"))
    except OSError:
        return []


def check(path: Path) -> list[Finding]:
    """Everything wrong with a store, worst first; an empty list for a healthy one."""
    findings: list[Finding] = []
    if path.is_dir():
        return [Finding("error", f"{path} is a folder; give the store file itself with --db (for example "
                                 f"{path / 'store.json'}).")]
    try:
        data = load_store_file(path)
    except StoreError as exc:
        damaged = "is damaged" in str(exc)
        if not damaged:  # permissions, a path through a file: restoring would not help
            return [Finding("error", str(exc))]
        usable, state = _backup_state(path)
        texts = _texts_on_disk(path)
        remedy = "restore" if usable else ("rebuild" if texts else None)
        findings.append(Finding("error", f"{exc} ({state}; {len(texts)} article texts are beside it)", remedy))
        if usable and texts:
            findings.append(Finding("warning", f"If the backup is older than you need, {REMEDIES['rebuild']}."))
        return findings
    if data is None:
        texts = _texts_on_disk(path)
        if texts:
            return [Finding("error", f"There is no store at {path}, but {len(texts)} article texts are beside "
                                     "where it was.", "rebuild")]
        return [Finding("warning", f"There is no store at {path} yet.")]
    backup = backup_path(path)
    if backup.exists() and not _backup_state(path)[0]:
        findings.append(Finding("warning", f"The backup {backup} is damaged; the next write replaces it."))
    bad = problems(validate(data))
    if bad:
        shown = "; ".join(str(p) for p in bad[:5]) + ("; ..." if len(bad) > 5 else "")
        findings.append(Finding("error", f"{len(bad)} malformed documents are kept from every reader: {shown}.",
                                "repair"))
    texts = texts_dir_for(path)
    articles = data.get("articles", {})
    try:
        missing = [aid for aid in articles if not (texts / f"{aid}.txt").exists()]
    except OSError as exc:
        findings.append(Finding("error", f"The texts folder {texts} cannot be read ({exc.strerror or exc})."))
        missing = []
    if missing:
        findings.append(Finding("error", f"{len(missing)} article texts are missing from {texts} (first: "
                                         f"{missing[0]}); remove those articles ('ceasetalk remove ID --yes') "
                                         "and ingest them again."))
    meta = data.get("meta", {}).get("store", {})
    wanted = meta.get("extractor")
    mixed = [aid for aid, doc in articles.items()
             if isinstance(doc, dict) and doc.get("extractor") not in (None, wanted)]
    if mixed or meta.get("switching"):
        findings.append(Finding("error", f"The store is part-way through a profile switch: {len(mixed)} articles' "
                                         "records were made otherwise than the store says (an interrupted "
                                         "reextract, or an ingest that raced it).", "reextract"))
    stale = set(data.get("reviews", {})) - set(data.get("records", {}))
    if stale:
        findings.append(Finding("warning", f"{len(stale)} reviews are of records no longer extracted; they are kept "
                                           "in case a later extraction finds the records again."))
    leftovers = leftover_temp_files(path)
    if leftovers:
        findings.append(Finding("warning", f"{len(leftovers)} temporary files of interrupted writes are beside the "
                                           "store (harmless; the next write removes them)."))
    try:
        extra = {p.name.split(".")[0] for p in texts.iterdir()} - set(articles) if texts.is_dir() else set()
    except OSError:
        extra = set()
    if extra:
        findings.append(Finding("warning", f"{len(extra)} texts in {texts} belong to no article (harmless)."))
    return findings


def keep_aside(path: Path) -> Path | None:
    """Copy the current store file to store.json.damaged-N before anything replaces it."""
    if not path.exists():
        return None
    n = 1
    while path.with_name(f"{path.name}.damaged-{n}").exists():
        n += 1
    kept = path.with_name(f"{path.name}.damaged-{n}")
    write_file_atomically(kept, path.read_bytes())
    return kept


def restore(path: Path) -> str:
    """Put the backup in the store's place; the current file is kept as store.json.damaged-N."""
    backup = backup_path(path)
    if not backup.exists():
        raise UserError(f"There is no backup at {backup} to restore.")
    try:
        load_store_file(backup)
    except StoreError:
        raise UserError(f"The backup {backup} is damaged too; nothing was changed.") from None
    kept = keep_aside(path)
    write_file_atomically(path, backup.read_bytes())
    return f"Restored {path} from {backup}" + (f"; the previous file is kept as {kept}." if kept else ".")


def repair(path: Path) -> str:
    """Drop the malformed documents (the file is kept aside first); readers never saw them anyway."""

    data = load_store_file(path)
    if data is None:
        raise UserError(f"There is no store at {path} to repair.")
    invalid = validate(data)
    if not invalid:
        return f"{path} has no malformed documents; nothing was changed."
    for table, bad in invalid.items():
        for doc_id in bad:
            del data[table][doc_id]
    kept = keep_aside(path)
    write_file_atomically(path, store_lines(data))
    count = sum(len(bad) for bad in invalid.values())
    return f"Dropped {count} malformed documents from {path}; the previous file is kept as {kept}."


def rebuildable(path: Path) -> list[Path]:
    """The article texts a rebuild can use."""
    texts = texts_dir_for(path)
    try:
        return sorted(texts.glob("*.txt"))
    except OSError:
        return []
