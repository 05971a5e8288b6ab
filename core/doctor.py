"""Check a store and, on request, go back to its previous generation.

The store file is never repaired in place: a damaged file is kept beside the
store under a new name, and the backup that every write leaves
(`store.json.bak`) is put back in its place.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError, UserError
from .store import backup_path, load_store_file, texts_dir_for, write_file_atomically


@dataclass
class Finding:
    severity: str  # "error" (the store cannot be used as it is) or "warning"
    message: str


def check(path: Path) -> list[Finding]:
    """Everything wrong with a store, worst first; an empty list for a healthy one."""
    findings: list[Finding] = []
    try:
        data = load_store_file(path)
    except StoreError as exc:
        findings.append(Finding("error", str(exc)))
        data = None
    backup = backup_path(path)
    if backup.exists():
        try:
            load_store_file(backup)
        except StoreError:
            findings.append(Finding("warning", f"The backup {backup} is damaged too; it cannot be restored."))
    if data is None:
        if not findings:
            findings.append(Finding("warning", f"There is no store at {path} yet."))
        return findings
    texts = texts_dir_for(path)
    articles = data.get("articles", {})
    records = data.get("records", {})
    missing = [aid for aid in articles if not (texts / f"{aid}.txt").exists()]
    if missing:
        findings.append(Finding("error", f"{len(missing)} article texts are missing from {texts} "
                                         f"(first: {missing[0]}); remove and ingest those articles again."))
    orphans = sorted({r.get("article") for r in records.values()} - set(articles))
    if orphans:
        findings.append(Finding("warning", f"{len(orphans)} articles' records have no article (first: {orphans[0]})."))
    stale = set(data.get("reviews", {})) - set(records)
    if stale:
        findings.append(Finding("warning", f"{len(stale)} reviews are of records no longer extracted; they are kept "
                                           "in case a later extraction finds the records again."))
    if texts.is_dir():
        extra = {p.stem.split(".")[0] for p in texts.iterdir()} - set(articles)
        if extra:
            findings.append(Finding("warning", f"{len(extra)} texts in {texts} belong to no article (harmless)."))
    return findings


def restore(path: Path) -> str:
    """Put the backup in the store's place; the current file is kept as store.json.damaged-N."""
    backup = backup_path(path)
    if not backup.exists():
        raise UserError(f"There is no backup at {backup} to restore.")
    try:
        load_store_file(backup)
    except StoreError:
        raise UserError(f"The backup {backup} is damaged too; nothing was changed.") from None
    kept = None
    if path.exists():
        n = 1
        while path.with_name(f"{path.name}.damaged-{n}").exists():
            n += 1
        kept = path.with_name(f"{path.name}.damaged-{n}")
        kept.write_bytes(path.read_bytes())
    write_file_atomically(path, backup.read_bytes())
    return f"Restored {path} from {backup}" + (f"; the previous file is kept as {kept}." if kept else ".")
