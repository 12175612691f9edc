"""Wrapping and the line maps behind the article view, without a terminal."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from itertools import pairwise
from typing import cast

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.core.model import Article
from reader.ui.text.lines import TextLayout, build_blocks, iter_blocks
from reader.ui.text.wrap import _wrap_cells, flatten, wrap_offsets


def _lines(text: str, width: int) -> list[str]:
    offsets = [0, *wrap_offsets(text, width), len(text)]
    return [text[a:b] for a, b in pairwise(offsets)]


@pytest.mark.parametrize("width", [1, 5, 12, 40, 76])
def test_wrapped_lines_fit_and_keep_every_character(width: int) -> None:
    rng = random.Random(width)
    words = ["a", "kata", "pertukaran", "intelijen", "x" * 30, "“kutipan”", "—", "Medvédev"]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        lines = _lines(text, width)
        assert "".join(lines) == text
        for line in lines:
            assert cell_len(line.rstrip()) <= width


#: pieces of text that matter to wrapping: narrow, wide (CJK, emoji), zero-width
#: (a combining accent), an emoji made of several code points, and spaces
PIECES = ["a", "b", "\u00e9", "\u201c", "-", "日", "🙂", "\u0301", "👨\u200d👩\u200d👧", " "]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
widths = st.integers(min_value=1, max_value=30)


def _fits(line: str, width: int) -> bool:
    """A line's text (its trailing spaces hang) fits, or is one character too wide for
    any line (a wide one at width 1)."""
    text = line.rstrip(" ")
    return cell_len(text) <= width or (width == 1 and cell_len(text[0]) == cell_len(text) == 2)


@given(texts, widths)
def test_any_text_wraps_into_lines_that_fit(text: str, width: int) -> None:
    lines = _lines(text, width)
    assert "".join(lines) == text
    assert all(lines) or not text, "no empty lines"
    for line in lines:
        assert _fits(line, width), (line, width)


@given(texts, widths)
def test_lines_break_at_spaces_unless_a_word_is_wider_than_a_line(text: str, width: int) -> None:
    lead = len(text) - len(text.lstrip(" "))
    words = {m.start(): m.end() for m in re.finditer(r"[^ ]+", text)}
    first = min(words, default=0)
    for offset in wrap_offsets(text, width):
        assert 0 < offset < len(text) and text[offset] != " "
        if text[offset - 1] == " ":
            continue  # after the spaces between words (or after leading spaces)
        # inside a word: folded, so the word (with the text's leading spaces, when they
        # do not fill a line of their own) is wider than a line
        start = max(s for s in words if s < offset)
        word = text[0 if start == first and lead < width else start : words[start]]
        assert cell_len(word) > width, (text, width, offset)


@given(texts, widths)
def test_wrapping_is_greedy(text: str, width: int) -> None:
    """No line could have taken the whole next word, or the next character of a folded one."""
    offsets = [0, *wrap_offsets(text, width)]
    for start, end in pairwise(offsets):
        line = text[start:end]
        if not line.strip(" "):
            continue  # leading spaces that fill a line
        if line.endswith(" "):
            next_word = text[end:].split(" ")[0]
            assert cell_len(line + next_word) > width, (line, next_word, width)
        else:
            assert cell_len(line + text[end]) > width, (line, text[end], width)


@given(st.text(alphabet=st.sampled_from(list("ab \u00e9\u201c-")), max_size=60), widths)
def test_the_narrow_fast_path_and_the_cell_measuring_path_agree(text: str, width: int) -> None:
    assert _wrap_cells(text, width) == wrap_offsets(text, width)


def test_wrapping_a_huge_paragraph_is_linear() -> None:
    """A 400 KB paragraph of each kind (words; wide words; one wide word folded 5000 times)
    wraps in a blink, not in minutes as a wrap quadratic in its length would, and every
    line but the last is full."""
    for text, cells in (("kata " * 80_000, 74), ("日本語 " * 100_000, 76), ("日" * 200_000, 76)):
        lines = _lines(text, 76)
        assert "".join(lines) == text
        assert {cell_len(line.rstrip()) for line in lines[:-1]} == {cells}


@pytest.fixture(scope="module")
def rich_divide_line() -> Callable[[str, int], list[int]]:
    """Rich's own wrapper (what Rich's Text and Textual's Content use) as a regression
    oracle. It is private: when it moves or goes, these comparisons are skipped."""
    module = pytest.importorskip("rich._wrap")
    divide_line = getattr(module, "divide_line", None)
    if divide_line is None:
        pytest.skip("rich._wrap.divide_line is gone")
    return cast(Callable[[str, int], list[int]], divide_line)


def test_fast_path_breaks_where_rich_does_on_ordinary_text(
    rich_divide_line: Callable[[str, int], list[int]],
) -> None:
    text = flatten(
        "Dalam pertemuan selama tiga jam di Paris, Menteri Luar Negeri Rusia dan Amerika "
        "Serikat sepakat untuk memperluas kerja sama melawan milisi ISIS. " * 5
    )
    for width in (20, 33, 60, 76):
        assert wrap_offsets(text, width) == rich_divide_line(text, width)


@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(PIECES[:-1]), min_size=1, max_size=8).map("".join),
            st.integers(min_value=1, max_value=3),
        ),
        max_size=12,
    ),
    widths,
)
def test_breaks_where_rich_does_when_every_word_fits_a_line(
    rich_divide_line: Callable[[str, int], list[int]], words: list[tuple[str, int]], width: int
) -> None:
    """Where nothing folds, the lines are Rich's to the letter. (Folding, Rich cuts a
    word's trailing spaces into the chunks, so a line can start with a space or hold
    nothing but one; we let them hang at the end of the folded word's last line.)"""
    assume(all(cell_len(word) <= width for word, _ in words))
    text = "".join(word + " " * spaces for word, spaces in words)
    assert wrap_offsets(text, width) == rich_divide_line(text, width)


def test_wide_characters_are_measured_in_cells() -> None:
    text = "日本語のテキスト" * 10 + " 🙂 " * 5
    for line in _lines(text, 20):
        assert cell_len(line.rstrip()) <= 20
    assert "".join(_lines(text, 20)) == text


def test_flatten_keeps_offsets() -> None:
    assert flatten("a\nb\tc") == "a b c"
    assert len(flatten("x\n\ny")) == len("x\n\ny")


def test_layout_maps_sections_quotes_and_paragraphs(seed_article: Article) -> None:
    layout = TextLayout.build(build_blocks(seed_article), 60)
    sections = [sid for _y, sid in layout.section_lines]
    assert sections == [s.id for s in seed_article.sections]
    assert set(layout.quote_spans) == {q.id for q in seed_article.quotes}
    for quote in seed_article.quotes:
        block, start, end = layout.quote_spans[quote.id]
        assert layout.blocks[block].text[start:end] == flatten(quote.text)
        y = layout.line_of(block, start)
        assert layout.section_at(y) == quote.section
    headings = {y: sid for y, sid in layout.section_lines}
    for y, sid in headings.items():
        assert layout.section_at(y) == sid
        assert layout.section_line(sid) == y
    for section in seed_article.sections:
        for index, text in enumerate(section.paragraphs):
            y = layout.paragraph_line(section.id, index)
            assert y is not None
            line = layout.line(y)
            assert layout.blocks[line.block].text.startswith(flatten(text)[:20])
    assert layout.paragraph_line("lead", 0) is not None
    # the untitled opening is anchored at its first paragraph, not at an invented heading
    first = layout.blocks[layout.line(layout.section_lines[0][0]).block]
    assert first.kind == "paragraph" and first.section == "opening"


def test_attribution_follows_paragraphs_with_direct_quotes(seed_article: Article) -> None:
    blocks = build_blocks(seed_article)
    attributions = [b.text for b in blocks if b.kind == "attribution"]
    assert attributions == [
        "— Sergey Lavrov",
        "— Dimitri Litovkin",
        "— Dimitri Litovkin",
        "— Fyodor Lukyanov",
        "— Fyodor Lukyanov",
        "— Dmitri Medvedev",
        "— Dmitri Medvedev",
    ]


def test_a_partial_layout_grows_to_answer_questions(seed_article: Article) -> None:
    full = TextLayout.build(build_blocks(seed_article), 50)
    partial = TextLayout(iter_blocks(seed_article), 50)
    partial.extend(5)  # title, meta, a caption, and the lead begun
    assert not partial.is_complete
    assert 0 < partial.line_count < full.line_count
    last = seed_article.sections[-1].id
    assert partial.section_line(last) == full.section_line(last)
    assert partial.quote_span("q9") == full.quote_spans["q9"]
    assert partial.section_after(0) == full.section_after(0)
    partial.complete()
    assert partial.line_count == full.line_count
    assert [partial.line(y) for y in range(partial.line_count)] == [
        full.line(y) for y in range(full.line_count)
    ]


def _naive_lines(texts: list[str], width: int) -> list[tuple[int, int, int]]:
    """Every line as (block, start, end): each block's wrap offsets, its last line to
    the block's end."""
    lines = []
    for block, text in enumerate(texts):
        starts = [0, *(wrap_offsets(text, width) if text else [])]
        ends = [*starts[1:], len(text)]
        lines.extend((block, start, end) for start, end in zip(starts, ends, strict=True))
    return lines


@given(st.lists(texts.map(flatten), max_size=12), widths, st.integers(1, 5))
def test_each_line_is_a_piece_of_its_blocks_wrap(texts_: list[str], width: int, step: int) -> None:
    """The layout keeps only where each line starts: it gives back the block, start and
    end of every line, and the line showing each character, whether laid out at once
    or a few blocks at a time."""
    from reader.ui.text.lines import Block

    layout = TextLayout([Block("paragraph", text) for text in texts_], width)
    while not layout.extend(step):
        pass
    naive = _naive_lines(texts_, width)
    lines = [layout.line(y) for y in range(layout.line_count)]
    assert [(line.block, line.start, line.end) for line in lines] == naive
    for block, text in enumerate(texts_):
        mine = [y for y, line in enumerate(naive) if line[0] == block]
        for offset in range(len(text) + 1):
            first = next((y for y in mine if offset < naive[y][2]), mine[-1])
            assert layout.line_of(block, offset) == first
