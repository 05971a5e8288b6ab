"""Remove web boilerplate from article text, line by line, by the shape of a line.

Pages copied from the web carry navigation, share buttons, comment forms,
advertising slots and photo captions. None of that is article text, and its
words would otherwise be read as statements. Lines are judged by shape (short,
unpunctuated, interface vocabulary, credit or file-name endings), never by
matching particular articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words that make up site furniture when they stand alone on a short line.
_UI_LINE = re.compile(
    r"^(?:read|show|see|view|load|click|tap|scroll)\s+(?:more|less|all|comments?|here|next|full story)\b"
    r"|^(?:skip|jump|back)\s+to\s+(?:main\s+)?(?:content|navigation|top|menu)\b"
    r"|^(?:share|tweet|email|print|save|copy link|follow)(?:\s+(?:this|on|us|the))?(?:\s+(?:article|story|page|post|link))?\b"
    r"|^(?:advertisement|advert|sponsored(?: content)?|promoted|ad|ads)\b"
    r"|^(?:most\s+(?:popular|read|viewed|shared)|trending(?: now)?|recommended|you may (?:also )?like|latest (?:news|stories)"
    r"|related(?:\s+(?:articles?|stories|news|content|topics|coverage|reading))?|more (?:from|on|stories))\b"
    r"|^(?:subscribe|sign\s*(?:up|in)|log\s*(?:in|out)|register|newsletter|create an account)\b"
    r"|^(?:comments?|leave a (?:comment|reply)|post a comment|\d+\s+comments?)\b"
    r"|^(?:cookie|privacy|terms of (?:use|service))"
    r"|^(?:menu|search|home|close|loading|listen(?: to (?:this )?article)?)\b",
    re.IGNORECASE,
)
# Form prompts: "Please enter your comment!", "Enter your email address".
_FORM_PROMPT = re.compile(
    r"^(?:please\s+)?(?:enter|type|leave|write|add|fill in)\s+(?:your|a|an)\s+"
    r"(?:comment|name|e-?mail|reply|message|website|password|address)",
    re.IGNORECASE,
)
# Copyright and rights notices, which are sentences but never article text.
_RIGHTS = re.compile(r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
# A line that is only a file name, e.g. a stray image name.
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|mp4|webm)$", re.IGNORECASE)
# Photo captions end with a credit: "(Name/Agency)", "(NAME / POOL / AFP)", "[File: Name/Agency]".
_CREDIT_END = re.compile(r"(?:\([^()]{2,80}/[^()]{2,80}\)|\[[^\[\]]{2,80}/[^\[\]]{2,80}\])\s*$")
# Captions that open with a label or an agency dateline: "File: ...", "Photo: ...",
# "DEIR AL BALAH, GAZA - MAY 3: ...".
_CAPTION_START = re.compile(
    r"^(?:file|photo|image|picture|pictured|caption|credit|getty images)\s*:"
    r"|^[A-Z][A-Z .'\u2019-]{2,40}(?:,\s*[A-Z][A-Z .'\u2019-]{1,40})?\s+[-\u2013\u2014]\s+[A-Z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?:",
)
# A trailing "Source: Outlet" line names the outlet; it is metadata, not text.
_SOURCE_LINE = re.compile(r"^(?:source|sources|via)\s*:\s*(?P<outlet>.{2,80})$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\"'\u201d\u2019)\]]$")


@dataclass
class Cleaned:
    """An article's text with boilerplate removed, and what was learnt on the way."""

    text: str
    captions: list[str] = field(default_factory=list)
    outlet: str | None = None
    removed: list[str] = field(default_factory=list)


def is_caption(line: str) -> bool:
    """True for a photo caption or credit line. Only a line's tail can hold the credit, so only
    the tail is searched: a megabyte-long line costs no more than a short one."""
    return bool(_CREDIT_END.search(line[-200:]) or _CAPTION_START.match(line[:200]))


def _is_furniture(line: str) -> bool:
    words = line.split()
    if _FORM_PROMPT.match(line) or (len(words) <= 3 and _FILE_NAME.search(line)):
        return True
    if len(words) <= 15 and _RIGHTS.search(line):
        return True
    if not any(ch.isalnum() for ch in line):  # separators, bullets, lone symbols
        return True
    # Interface words count only where they make up nearly all of a short line
    # that is not a sentence ("Share this article:", not "Home secretary resigns").
    if len(words) > 15:
        return False  # furniture is short; long lines are text
    match = _UI_LINE.match(line)
    return bool(
        match and len(words) <= 6 and not _SENTENCE_END.search(line)
        and len(line[match.end():].split()) <= 1
    )


def _outlet_from_source_line(line: str) -> str | None:
    match = _SOURCE_LINE.match(line)
    if not match or len(line.split()) > 8:  # a short credit, not a sentence
        return None
    # "Al Jazeera and news agencies", "Reuters, AP": the first named source.
    outlet = re.split(r"\s*(?:,|;|\band\b|&|\+)\s*", match["outlet"].strip(), maxsplit=1)[0]
    return outlet.strip(" .") or None


def clean(text: str) -> Cleaned:
    """Drop boilerplate lines, collapse blank runs, and keep captions and the outlet apart."""
    kept: list[str] = []
    out = Cleaned(text="")
    seen_captions: set[str] = set()
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if is_caption(line):
            if line not in seen_captions:
                out.captions.append(line)
                seen_captions.add(line)
            out.removed.append(line)
            continue
        outlet = _outlet_from_source_line(line) if len(line) < 200 else None
        if outlet:
            out.outlet = outlet
            out.removed.append(line)
            continue
        if _is_furniture(line):
            out.removed.append(line)
            continue
        kept.append(line)
    out.text = "\n".join(kept).strip()
    return out
