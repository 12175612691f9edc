"""Wrapping and the line maps behind the article view, without a terminal."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.cells import cell_len

from reader.core.model import Article
from reader.ui.layout import Layout, build_blocks, flatten, iter_blocks, wrap_offsets


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


@given(
    st.text(alphabet=st.sampled_from(list("ab \u00e9\u201c日🙂\u0301-")), max_size=60),
    st.integers(min_value=1, max_value=30),
)
def test_any_text_wraps_into_lines_that_fit(text: str, width: int) -> None:
    lines = _lines(text, width)
    assert "".join(lines) == text
    for line in lines:
        # a wide character cannot be split: a line may hold one that is wider than 1
        assert cell_len(line.rstrip()) <= max(width, 2)


def test_fast_path_breaks_where_rich_does_on_ordinary_text() -> None:
    text = flatten(
        "Dalam pertemuan selama tiga jam di Paris, Menteri Luar Negeri Rusia dan Amerika "
        "Serikat sepakat untuk memperluas kerja sama melawan milisi ISIS. " * 5
    )
    for width in (20, 33, 60, 76):
        assert wrap_offsets(text, width) == divide_line(text, width)


def test_wide_characters_are_measured_in_cells() -> None:
    text = "日本語のテキスト" * 10 + " 🙂 " * 5
    for line in _lines(text, 20):
        assert cell_len(line.rstrip()) <= 20
    assert "".join(_lines(text, 20)) == text


def test_flatten_keeps_offsets() -> None:
    assert flatten("a\nb\tc") == "a b c"
    assert len(flatten("x\n\ny")) == len("x\n\ny")


def test_layout_maps_sections_quotes_and_paragraphs(seed_article: Article) -> None:
    layout = Layout.build(build_blocks(seed_article, "Pembuka"), 60)
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
    blocks = build_blocks(seed_article, "Pembuka")
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
    full = Layout.build(build_blocks(seed_article, "Pembuka"), 50)
    partial = Layout(iter_blocks(seed_article, "Pembuka"), 50)
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
