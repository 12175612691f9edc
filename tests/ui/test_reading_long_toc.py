"""A table of contents too long to build with the screen: filled in just after it.

More than ``EAGER_ENTRIES`` sections take the TOC's deferred path (``SectionList``
adds its entries after the first paint). These tests run that path and check what the
reader sees: every section listed, jumps to late sections, the TOC following the text.
"""

from __future__ import annotations

import pytest
from _waiting import until
from conftest import WIDE
from textual.pilot import Pilot
from textual.strip import Strip

from reader.core.model import Article, Section
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.section_list import EAGER_ENTRIES, SectionList

SECTIONS = EAGER_ENTRIES + 60


def _long_article() -> Article:
    sections = [Section("opening", None, ("The opening paragraph of a long report.",))]
    sections += [
        Section(f"s{n}", f"Part {n}", (f"Paragraph of part {n}, long enough to wrap. " * 4,))
        for n in range(1, SECTIONS)
    ]
    return Article(
        id="long-toc",
        title="A report in many parts",
        language="en",
        source="Source",
        sections=tuple(sections),
    )


def _parts(app: ReaderApp) -> tuple[ReadingScreen, ArticleBody, SectionList]:
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    return screen, screen.body, screen.query_one(SectionList)


async def _filled(pilot: Pilot[None]) -> tuple[ReadingScreen, ArticleBody, SectionList]:
    """The screen's parts once the TOC is filled: it is filled in slices after the first
    paint, which take more turns of the event loop on a busy machine than on an idle one."""
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await until(pilot, lambda: app.screen.query_one(SectionList).filled, "the TOC filled")
    return _parts(app)


def _toc_lines(toc: SectionList) -> list[str]:
    """The TOC entries on screen now (the list's own scroll applied)."""
    return [toc.render_line(y).text.strip() for y in range(toc.scrollable_content_region.height)]


def _top_line(body: ArticleBody) -> str:
    return body.render_line(0).text.strip()


async def test_a_long_toc_lists_every_section_once_filled_after_the_first_paint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = _long_article()
    at_first_paint: list[int] = []
    render_line = ArticleBody.render_line

    def recording(body: ArticleBody, y: int) -> Strip:
        strip = render_line(body, y)
        if not at_first_paint and strip.text.strip():
            at_first_paint.append(body.screen.query_one(SectionList).option_count)
        return strip

    monkeypatch.setattr(ArticleBody, "render_line", recording)
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE) as pilot:
        _screen, _body, toc = await _filled(pilot)
        # the text was drawn before the TOC was built: this is the deferred path
        assert at_first_paint == [0]
        ids = [toc.get_option_at_index(i).id for i in range(toc.option_count)]
        assert ids == [section.id for section in article.sections]
        lines = _toc_lines(toc)
        assert lines[:3] == ["1 Opening", "2 Part 1", "3 Part 2"]
        assert lines[9] == "Part 9"  # only the first nine carry their digit key
        assert toc.highlighted == 0  # the section in view, once there is a list to show it
        toc.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert _toc_lines(toc)[-1] == f"Part {SECTIONS - 1}"


async def test_jumping_to_late_sections_from_a_long_toc() -> None:
    app = ReaderApp(_long_article(), StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen, body, toc = await _filled(pilot)
        toc.focus()
        await pilot.press("end", "enter")
        await pilot.pause()
        last = SECTIONS - 1
        assert _top_line(body) == f"Part {last}"
        assert screen.current_section == f"s{last}"
        await pilot.press(*["up"] * 5, "enter")
        await pilot.pause()
        assert _top_line(body) == f"Part {last - 5}"
        assert screen.current_section == f"s{last - 5}"
        assert toc.highlighted == last - 5
        assert f"Part {last - 5}" in _toc_lines(toc)


async def test_a_long_toc_follows_the_section_in_view() -> None:
    app = ReaderApp(_long_article(), StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen, body, toc = await _filled(pilot)
        heading = body.line_of_section("s230")
        assert heading is not None
        body.go_to_line(heading - 1)
        await pilot.press("j")  # scrolled onto the heading: s230 is now in view
        await pilot.pause()
        assert screen.current_section == "s230"
        assert toc.highlighted == 230
        assert "Part 230" in _toc_lines(toc)  # the list scrolled to show it
        await pilot.press("n", "n")
        await pilot.pause()
        assert _top_line(body) == "Part 232"
        assert toc.highlighted == 232
        assert "Part 232" in _toc_lines(toc)


async def test_a_section_restored_before_the_toc_is_filled_is_shown_in_it() -> None:
    """The saved position is in view before the TOC has entries: it catches up after.

    Also the body's restore far down an article: looking the anchor up lays the text
    out beyond the scrolling height, which the jump used to be clamped to (it landed
    some 200 sections early).
    """
    article = _long_article()
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen, _body, _toc = _parts(app)
        screen.go_to_section("s240")
        await pilot.pause()
    # the position is written as the app closes; open the article again
    again = ReaderApp(article, StateStore())
    async with again.run_test(size=WIDE) as pilot:
        screen, body, toc = await _filled(pilot)
        assert _top_line(body) == "Part 240"
        assert screen.current_section == "s240"
        assert toc.option_count == SECTIONS
        assert toc.highlighted == 240
        assert "Part 240" in _toc_lines(toc)
