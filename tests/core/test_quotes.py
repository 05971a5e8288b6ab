"""Where quotations run: typographic, guillemets and straight marks, never across a paragraph."""
from __future__ import annotations

from ceasetalk.core.quotes import quotations


def test_quotations_are_found_with_their_marks_and_end_at_the_paragraph():
    text = 'He said “we stay. We hold,” and left. «Non», she said. "Yes," he said.\n“Unclosed\nnext'
    spans = [text[a:b] for a, b in quotations(text)]
    assert spans == ["“we stay. We hold,”", "«Non»", '"Yes,"']
