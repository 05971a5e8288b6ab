"""Markdown: YAML front matter for the metadata, markdown-it for the text (paragraphs kept, markup
and images dropped)."""
from __future__ import annotations

import re

from ..errors import UserError
from .base import Reader, Reading

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEYS = {
    "title": "title", "headline": "title",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet", "site_name": "outlet",
    "published": "published", "date": "published", "pubdate": "published", "published_at": "published",
}


def read(text: str, source: str) -> Reading:
    front, body = _split_front_matter(text, source)
    return Reading(_markdown_to_text(body), {k: v for k, v in front.items() if v})


def _split_front_matter(text: str, source: str) -> tuple[dict, str]:
    """YAML front matter (between --- lines) as canonical keys, and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(match["body"]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise UserError(f"{source}: front matter is not valid YAML{where}.") from None
    if not isinstance(data, dict):
        raise UserError(f"{source}: front matter must be 'key: value' lines.")
    front = {}
    for key, value in data.items():
        canonical = _FRONT_KEYS.get(str(key).lower())
        if canonical and value not in (None, "") and canonical not in front:
            front[canonical] = value
    return front, text[match.end():]


def _markdown_to_text(source: str) -> str:
    from markdown_it import MarkdownIt

    blocks = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type == "softbreak":
                    parts.append(" ")
                elif child.type == "hardbreak":
                    parts.append("\n")
            blocks.append("".join(parts))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(b for b in blocks if b.strip())


READER = Reader("markdown", suffixes=(".md", ".markdown", ".mdown"), content_types=(), read=read,
                metadata_from="front matter", metadata_over_sidecar=True)
