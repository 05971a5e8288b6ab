"""Web pages: the main text and metadata through trafilatura, the page's paragraphs where it finds
none, and a bound on the size of page it will parse."""
from __future__ import annotations

import re

from ..errors import UserError
from ..sanitize import sanitize
from .base import Reader, Reading

MAX_HTML_ELEMENTS = 200_000  # pages with more elements are refused by trafilatura, not parsed for minutes

_START = re.compile(r"\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)
# Numeric entities of control characters (&#12; and the like): one of them makes the XML side of
# lxml refuse a whole page, and they never carry text.
_CONTROL_ENTITY = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|12[7-9]|1[3-5][0-9])"
    r"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]));"
)


def detect(text: str) -> bool:
    """A page saved or piped without its name says so in its first line."""
    return bool(_START.match(text[:1024]))


def read(html: str, source: str) -> Reading:
    """The main text and metadata of a page, through trafilatura; where it finds none (pages nested
    deeper than it follows), the page's paragraphs as they stand."""
    import lxml.etree
    import lxml.html
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_HTML_ELEMENTS))
    html = _CONTROL_ENTITY.sub(" ", html)
    try:
        # huge_tree lifts libxml2's nesting limit (256), which otherwise cuts a deep page to nothing.
        parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise UserError(f"{source}: the HTML could not be parsed ({type(exc).__name__}).") from None
    if sum(1 for _ in tree.iter()) > MAX_HTML_ELEMENTS:
        raise UserError(f"{source}: the page has over {MAX_HTML_ELEMENTS:,} HTML elements, which is not a news article.")
    try:
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, config=config,
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise UserError(f"{source}: the HTML could not be parsed ({type(exc).__name__}).") from None
    doc = doc.as_dict() if doc is not None else {}
    if not (doc.get("text") or "").strip():
        doc["text"] = _paragraphs(html)
    if not doc["text"].strip():
        raise UserError(f"{source}: no article text found in this HTML page.")
    body = sanitize(doc["text"])
    title = (doc.get("title") or "").strip()
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    fields = {"title": "title", "sitename": "outlet", "date": "published"}
    return Reading(body, {name: doc[key] for key, name in fields.items() if doc.get(key)})


def _paragraphs(html: str) -> str:
    """The text of a page's paragraphs, headings and list items, one per line, through the standard
    library's HTML parser: it keeps no tree, so no nesting is too deep for it."""
    from html.parser import HTMLParser

    blocks_tags = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
    skipped_tags = {"script", "style", "noscript", "template"}

    class Paragraphs(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.blocks: list[str] = []
            self.current: list[str] | None = None
            self.skipping = 0

        def handle_starttag(self, tag, attrs) -> None:
            if tag in skipped_tags:
                self.skipping += 1
            elif tag in blocks_tags:
                self.flush()
                self.current = []

        def handle_endtag(self, tag) -> None:
            if tag in skipped_tags:
                self.skipping = max(self.skipping - 1, 0)
            elif tag in blocks_tags:
                self.flush()

        def handle_data(self, data) -> None:
            if self.current is not None and not self.skipping:
                self.current.append(data)

        def flush(self) -> None:
            text = " ".join("".join(self.current or []).split())
            if text:
                self.blocks.append(text)
            self.current = None

    parser = Paragraphs()
    parser.feed(html)
    parser.close()
    parser.flush()
    return "\n".join(parser.blocks)


READER = Reader("html", suffixes=(".html", ".htm", ".xhtml"), content_types=("text/html", "application/xhtml+xml"),
                read=read, metadata_from="html", detect=detect)
