"""One wrapper: the quote sidebar breaks lines where the article body and the section list do.

The body and the section list wrap with :func:`wrap_offsets`; the sidebar's entries with
:func:`wrap_lines`. These tests pin the two together, so that a quote never reads
differently in the sidebar and in the text: same breaks for the same line of text, and
the one rule where they differ on purpose (an indent kept apart, for "   — Name").
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import assume, given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.core.text import clean_text
from reader.ui.text.wrap import flatten, wrap_lines, wrap_offsets

#: Words of every kind the wrappers treat differently: narrow, wide (CJK, emoji and a
#: joined emoji), combining marks, a no-break space, dashes, and a word longer than a line.
PIECES = [
    "a",
    "kata",
    "Medvédev",
    "e\u0301",
    "漢字",
    "🙂",
    "👨\u200d👩\u200d👧",
    "—",
    "\u00a0",
    "x" * 14,
]
texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", "  ", "\t", "\u00a0"])),
    max_size=30,
).map(lambda parts: clean_text("".join(word + space for word, space in parts)))
widths = st.integers(min_value=1, max_value=24)


def _body_spans(line: str, width: int) -> list[tuple[int, int]]:
    """The body's breaks of one line of text, as the sidebar's (start, end) spans."""
    starts = [0, *wrap_offsets(flatten(line), width)]
    return list(pairwise([*starts, len(line)]))


@given(texts, widths)
def test_the_sidebar_breaks_a_line_where_the_body_does(text: str, width: int) -> None:
    line = text.replace("\n", " ")
    assume(not flatten(line).startswith(" "))
    assert wrap_lines(line, width) == _body_spans(line, width)


@given(st.lists(texts, min_size=1, max_size=4), widths)
def test_each_paragraph_of_a_quote_starts_a_line_and_wraps_alone(
    paragraphs: list[str], width: int
) -> None:
    paragraphs = [p.replace("\n", " ").lstrip() for p in paragraphs]
    expected: list[tuple[int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        expected += [(offset + a, offset + b) for a, b in _body_spans(paragraph, width)]
        offset += len(paragraph) + 1
    assert wrap_lines("\n".join(paragraphs), width) == expected


@given(st.integers(min_value=1, max_value=6), texts, widths)
def test_an_indent_is_kept_apart_when_it_and_the_first_word_do_not_fit(
    indent: int, text: str, width: int
) -> None:
    """The sidebar's one difference: an indent that cannot share a line with the first
    word gets a line of its own (the body keeps leading spaces with the first word)."""
    rest = text.replace("\n", " ").lstrip()
    assume(rest)
    line = " " * indent + rest
    first_word = flatten(line).split()[0]
    if indent + cell_len(first_word) > width:
        starts = [0, indent, *(indent + offset for offset in wrap_offsets(flatten(rest), width))]
        assert wrap_lines(line, width) == list(pairwise([*starts, len(line)]))
    else:
        assert wrap_lines(line, width) == _body_spans(line, width)


def test_an_attribution_too_narrow_for_its_indent_starts_the_name_below_it() -> None:
    line = "   Budiman"
    # the sidebar: the indent alone, then the name, folded where a line is full
    assert [line[a:b] for a, b in wrap_lines(line, 6)] == ["   ", "Budima", "n"]
    # the body: leading spaces stay with the first word
    assert [line[a:b] for a, b in _body_spans(line, 6)] == ["   Bud", "iman"]
