"""The TOC's entries, drawn directly, come out exactly as Textual's Content draws them.

``_Entry.render_strips`` makes a plain entry's lines itself (the first paint draws
every entry); ``content_strips`` is the same entry drawn by ``Content``. Both are drawn
here through Textual's own ``Visual.to_strips``, as the list draws them, in each style
the list uses, and compared segment by segment (text, style, and the offsets a mouse
selection goes by).
"""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.style import Style as VisualStyle
from textual.visual import Visual

from reader.core.model import Article, Section
from reader.ui.widgets.section_list import SectionList, _Entry

HEADINGS = (
    None,
    "Short",
    "A heading long enough to wrap over several lines of a narrow list",
    "Kata  dengan   spasi    ganda",
    "北京会谈 以及 汉字 宽字符 的 标题 在这里",
    "x" * 70,
    # markup, a link, an emoji code and a tab: text, never read as Rich or Textual markup
    "[bold]x[/]",
    "[link=http://e]y[/]",
    "a :smile: b",
    "a\tb",
)


def _article() -> Article:
    sections = tuple(
        Section(f"s{n}", heading, (f"Paragraph {n}.",)) for n, heading in enumerate(HEADINGS)
    )
    return Article(id="toc", title="T", language="en", source="S", sections=sections)


class _TocApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SectionList(_article(), untitled="Opening", id="toc")


def _segments(strips: list[object]) -> list[tuple[list[Segment], int]]:
    return [(list(strip), strip.cell_length) for strip in strips]  # type: ignore[attr-defined]


def _entry_styles(toc: SectionList) -> list[VisualStyle]:
    """The styles an entry is drawn in: plain and highlighted."""
    return [
        toc.get_visual_style("option-list--option"),
        toc.get_visual_style("option-list--option", "option-list--option-highlighted"),
    ]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("width", [30, 24, 12, 4])
async def test_entries_drawn_directly_match_content(width: int, theme: str) -> None:
    app = _TocApp()
    app.theme = theme
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        toc = app.query_one(SectionList)
        styles = _entry_styles(toc)
        entries = [toc._get_visual(option) for option in toc.options]
        assert len(entries) == len(HEADINGS)
        for entry in entries:
            assert isinstance(entry, _Entry)
            for style in styles:
                for height in (None, 1):
                    direct = Visual.to_strips(toc, entry, width, height, style)
                    entry.render_strips = entry.content_strips  # type: ignore[method-assign]
                    try:
                        drawn = Visual.to_strips(toc, entry, width, height, style)
                    finally:
                        del entry.render_strips
                    assert _segments(direct) == _segments(drawn), (str(entry), width)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_heading_with_markup_is_shown_as_plain_text(theme: str) -> None:
    """Headings are the article's text: markup, links and emoji codes in them are shown
    as written, in either theme, lit or not; a tab is a space (never a control)."""
    app = _TocApp()
    app.theme = theme
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        toc = app.query_one(SectionList)
        styles = _entry_styles(toc)
        shown = {
            "[bold]x[/]": "[bold]x[/]",
            "[link=http://e]y[/]": "[link=http://e]y[/]",
            "a :smile: b": "a :smile: b",
            "a\tb": "a b",
        }
        short = toc._get_visual(toc.get_option("s1"))
        plain = {
            id(style): _look(list(Visual.to_strips(toc, short, 40, None, style)[0])[1])
            for style in styles
        }
        for option in toc.options:
            entry = toc._get_visual(option)
            heading = str(entry)[_Entry.INDENT :]
            if heading not in shown.values():
                continue
            for style in styles:
                strips = Visual.to_strips(toc, entry, 40, None, style)
                segments = [segment for strip in strips for segment in strip]
                text = "".join(segment.text for segment in segments)
                assert len(strips) == 1 and text[_Entry.INDENT :].rstrip() == heading
                assert all(s.style is None or not s.style.link for s in segments)
                # styled as a heading without markup is
                assert {_look(s) for s in segments[1:] if s.text.strip()} == {plain[id(style)]}
                assert "\t" not in text
        labels = {str(toc._get_visual(o))[_Entry.INDENT :] for o in toc.options}
        assert set(shown.values()) <= labels


def _look(segment: Segment) -> tuple[object, ...]:
    """How a segment looks (its colours and attributes, not the offsets it carries)."""
    style = segment.style
    assert style is not None
    return (style.color, style.bgcolor, style.bold, style.italic, style.underline, style.link)
