"""find_spans finds the marks with ``str.find`` over the joined paragraphs; these tests
hold it to the plain way it replaced (``finditer`` on each paragraph)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer.quotations import Span, _keep_runs, paragraph_spans
from reader.importer.quotations import find_spans as fast_find_spans

_MARKS = re.compile('[“”„«»"]')


def _plain_find_spans(paragraphs: list[str]) -> list[Span]:
    """The quotation parts as the regex over each paragraph found them."""
    spans: list[Span] = []
    open_prev = False
    for index, text in enumerate(paragraphs):
        marks = [match.start() for match in _MARKS.finditer(text)]
        nxt = paragraphs[index + 1].lstrip()[:1] if index + 1 < len(paragraphs) else ""
        open_prev = paragraph_spans(
            index, text, marks, open_prev, spans, nxt != "" and nxt in '“”„«»"'
        )
    return _keep_runs(spans, paragraphs)


_PARAGRAPH = st.text(alphabet=st.sampled_from(list('“”„«»"ab ,.\n')), max_size=30)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(st.lists(_PARAGRAPH | st.text(max_size=10), max_size=8))
def test_find_spans_equals_finditer_per_paragraph(paragraphs: list[str]) -> None:
    assert fast_find_spans(paragraphs) == _plain_find_spans(paragraphs)


def test_marks_in_paragraphs_after_empty_and_markless_ones() -> None:
    # a quotation left open, then a paragraph without marks: the next one does not continue it
    paragraphs = ["", "“Satu dua tiga empat lima enam", "biasa", "“Lagi,” kata X.", "", '"a"']
    assert fast_find_spans(paragraphs) == _plain_find_spans(paragraphs)
    assert fast_find_spans([]) == []
