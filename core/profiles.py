"""Conflict profiles and the issue taxonomy: what varies from one negotiation to another.

A profile names the parties (canonical name, role, aliases, demonyms) and may
add issues; `assets/issues.toml` holds the shared taxonomy. Both are data the
user can write; errors in them are reported with the file and line.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .resources import assets_dir
from .sanitize import one_line

ROLES = ("belligerent", "mediator")


@dataclass(frozen=True)
class Party:
    name: str
    role: str = "belligerent"
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    cues: tuple[str, ...] = ()
    pax: str = ""
    pax_label: str = ""


@dataclass
class Profile:
    name: str
    title: str
    parties: dict[str, Party]
    issues: dict[str, Issue]
    path: Path | None = None
    fingerprint: str = field(default="", compare=False)
    warnings: list[str] = field(default_factory=list, compare=False)  # mistakes that do not stop it loading


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: no such profile file.") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML ({exc}).") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot be read ({exc}).") from None


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and one_line(v) for v in value):
        raise UserError(f"{where} must be a list of non-empty strings.")
    return tuple(one_line(v) for v in value)


def _issues_from(data: dict, where: str) -> dict[str, Issue]:
    issues = {}
    table = data.get("issues", {})
    if not isinstance(table, dict):
        raise UserError(f"{where}: [issues] must be a table of issues.")
    for issue_id, body in table.items():
        if not isinstance(body, dict) or not re.fullmatch(r"[a-z][a-z0-9_]*", issue_id):
            raise UserError(f"{where}: issue {issue_id!r} must be a table named in lower_snake_case.")
        issues[issue_id] = Issue(
            id=issue_id,
            label=one_line(str(body.get("label") or "")) or issue_id.replace("_", " ").capitalize(),
            cues=_strings(body.get("cues"), f"{where}: issues.{issue_id}.cues"),
            pax=str(body.get("pax", "")),
            pax_label=str(body.get("pax_label", "")),
        )
    return issues


def load_taxonomy() -> dict[str, Issue]:
    path = assets_dir() / "issues.toml"
    return _issues_from(_read_toml(path), str(path))


def load_profile(path: Path) -> Profile:
    """Read a profile file; every mistake is reported as one sentence naming the file."""
    data = _read_toml(path)
    where = str(path)
    parties_table = data.get("parties")
    if not isinstance(parties_table, dict) or not parties_table:
        raise UserError(f"{where}: a profile needs at least one [parties.NAME] table.")
    parties = {}
    for raw_name, body in parties_table.items():
        name = one_line(raw_name)
        if not name:
            raise UserError(f"{where}: a party's name is empty.")
        if not isinstance(body, dict):
            raise UserError(f"{where}: parties.{name} must be a table.")
        role = body.get("role", "belligerent")
        if role not in ROLES:
            raise UserError(f"{where}: parties.{name}.role must be \"belligerent\" or \"mediator\", not {role!r}.")
        parties[name] = Party(
            name=name, role=role,
            aliases=_strings(body.get("aliases"), f"{where}: parties.{name}.aliases"),
            demonyms=_strings(body.get("demonyms"), f"{where}: parties.{name}.demonyms"),
        )
    issues = load_taxonomy()
    warnings = _shared_names(parties, where)
    for issue_id, issue in _issues_from(data, where).items():
        base = issues.get(issue_id)
        issues[issue_id] = Issue(issue_id, issue.label, (base.cues if base else ()) + issue.cues,
                                 issue.pax or (base.pax if base else ""), issue.pax_label or (base.pax_label if base else ""))
    return Profile(
        name=one_line(path.stem), title=one_line(str(data.get("title", path.stem))), parties=parties, issues=issues,
        path=path, fingerprint=_fingerprint(path), warnings=warnings,
    )


def _shared_names(parties: dict[str, Party], where: str) -> list[str]:
    """One warning per alias or demonym that two parties claim: only one of them can get it."""
    owners: dict[str, list[str]] = {}
    for party in parties.values():
        for name in {n.casefold() for n in (party.name, *party.aliases, *party.demonyms)}:
            owners.setdefault(name, []).append(party.name)
    return [f"{where}: {name!r} is given to {' and '.join(sorted(names))}; mentions of it go to one of them only."
            for name, names in sorted(owners.items()) if len(names) > 1]


def _fingerprint(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def shipped_profiles() -> list[Path]:
    return sorted((assets_dir() / "profiles").glob("*.toml"))


def resolve_profile(spec: str | None, texts: list[str] | None = None) -> Profile | None:
    """A profile by name or path; with none given, the shipped one the texts mention most.

    Returns None where no shipped profile's parties are mentioned at all: the
    extractor then names the organisations and countries it finds as written.
    """
    if spec:
        path = Path(spec)
        if path.suffix == ".toml" or path.exists():
            return load_profile(path)
        for candidate in shipped_profiles():
            if candidate.stem == spec:
                return load_profile(candidate)
        names = ", ".join(p.stem for p in shipped_profiles())
        raise UserError(f"No profile named {spec!r}; give a .toml path or one of: {names}.")
    best, best_hits = None, 0
    for candidate in shipped_profiles():
        profile = load_profile(candidate)
        hits = count_mentions(profile, texts or [])
        if hits > best_hits:
            best, best_hits = profile, hits
    return best


def count_mentions(profile: Profile, texts: list[str]) -> int:
    """How often the profile's party names (not its demonyms) occur in the texts."""
    names = sorted({a for p in profile.parties.values() for a in (p.name, *p.aliases) if len(a) > 2}, key=len, reverse=True)
    if not names:
        return 0
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    return sum(len(pattern.findall(text)) for text in texts)
