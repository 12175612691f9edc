"""The end of a long article shown at once, before the rest is laid out (body_tail)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import WIDE

from reader.core.model import Article, Quote, Section, Speaker
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.text.lines import TextLayout, build_blocks
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.body_tail import Tail


def _long_article(sections: int = 1500) -> Article:
    filler = "Words that wrap over a couple of lines of the body's column of text. " * 4
    return Article(
        id="long",
        title="A long article",
        language="en",
        source="Source",
        sections=tuple(
            Section(
                f"s{n}",
                f"Part {n}" if n % 5 else None,
                (f"“Point {n},” said Ana Person. {filler}", f"Paragraph {n}. {filler}"),
            )
            for n in range(sections)
        ),
        speakers=(Speaker("ana", "Ana Person"),),
        quotes=tuple(
            Quote(f"q{n}", f"Point {n},", "ana", f"s{n}", 0, "direct") for n in range(sections)
        ),
    )


@pytest.fixture
def held_back(monkeypatch: pytest.MonkeyPatch) -> Callable[[ArticleBody], None]:
    """The layout after the first paint held back until the test lets it go on (as on
    a machine too busy to finish it before the key comes): call the result to go on."""
    go_on = ArticleBody._lay_out_more
    monkeypatch.setattr(ArticleBody, "_lay_out_more", lambda body, layout: None)

    def release(body: ArticleBody) -> None:
        monkeypatch.setattr(ArticleBody, "_lay_out_more", go_on)
        assert body._layout is not None
        go_on(body, body._layout)

    return release


def _view(body: ArticleBody) -> list[str]:
    return [body.render_line(y).text for y in range(body.scrollable_content_region.height)]


async def _laid_out(pilot: object, body: ArticleBody) -> None:
    for _ in range(2000):
        if body.layout_complete:
            return
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    raise AssertionError("the layout was never finished")


@pytest.mark.parametrize("sections", [7, 40, 300])
def test_the_tail_is_the_end_of_the_whole_layout(sections: int) -> None:
    """Laid out apart, the last sections wrap into exactly the last lines of the whole."""
    article = _long_article(sections)
    whole = TextLayout.build(build_blocks(article), 60)
    partial = TextLayout(build_blocks(article), 60)
    partial.extend_to(30)
    tail = Tail.of(article, 60, 100, 20, partial)
    assert tail is not None
    end = tail.layout.line_count
    assert tail.layout.blocks == whole.blocks[-tail.block_count :]
    for y in range(end):
        mine, theirs = tail.layout.line(y), whole.line(whole.line_count - end + y)
        assert (
            tail.layout.blocks[mine.block].text[mine.start : mine.end]
            == (whole.blocks[theirs.block].text[theirs.start : theirs.end])
        )
    assert tail.top >= partial.line_count


async def test_g_shows_the_end_before_the_layout_is_done_and_nothing_moves_after(
    tmp_path: Path, held_back: Callable[[ArticleBody], None]
) -> None:
    app = ReaderApp(_long_article(), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await pilot.press("G")
        assert not body._layout.is_complete  # answered without laying it all out
        shown = _view(body)
        assert any("Paragraph 1499." in line for line in shown)
        assert body.section_in_view == "s1499"
        held_back(body)
        await _laid_out(pilot, body)
        await pilot.pause()
        assert _view(body) == shown
        assert body.scroll_y == body.max_scroll_y
        assert body.section_in_view == "s1499"
        assert body.position.anchor is not None


async def test_keys_after_g_move_as_they_would_in_the_whole_layout(
    tmp_path: Path, held_back: Callable[[ArticleBody], None]
) -> None:
    app = ReaderApp(_long_article(), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await pilot.press("G", "k", "k", "b")
        assert not body.layout_complete  # paged within the end shown apart
        moved = _view(body)
        held_back(body)
        await _laid_out(pilot, body)
        await pilot.pause()
        assert _view(body) == moved
        page = body.page_height
        assert body.scroll_y == body.max_scroll_y - 2 - page


async def test_a_jump_from_the_end_shown_apart_lands_where_it_should(
    tmp_path: Path, held_back: Callable[[ArticleBody], None]
) -> None:
    app = ReaderApp(_long_article(), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await pilot.press("G")
        assert not body.layout_complete
        await pilot.press("p")  # the section before the last heading: by real lines
        await pilot.pause()
        assert body.layout_complete
        assert body.scroll_y == body.text_layout.section_line("s1498")
        await pilot.press("G", "g")
        assert body.scroll_y == 0


async def test_a_quote_near_the_end_is_shown_before_the_layout_reaches_it(
    tmp_path: Path, held_back: Callable[[ArticleBody], None]
) -> None:
    """Choosing a quote in one of the last sections (Enter in the quote search) shows it
    at once, highlighted, as G shows the end; the same lines once the layout is done."""
    app = ReaderApp(_long_article(), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        assert body.show_quote("q1490")
        assert not body.layout_complete
        await pilot.pause()
        shown = _view(body)
        assert any("Point 1490," in line for line in shown)
        assert body.chosen_quote == "q1490"
        assert body.section_in_view in ("s1489", "s1490")
        held_back(body)
        await _laid_out(pilot, body)
        await pilot.pause()
        assert _view(body) == shown
        line = body.line_of_quote("q1490")
        assert line is not None
        assert body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height


async def test_a_quote_far_from_the_end_is_found_the_ordinary_way(
    tmp_path: Path, held_back: Callable[[ArticleBody], None]
) -> None:
    app = ReaderApp(_long_article(), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        assert body.show_quote("q700")
        await pilot.pause()
        assert body._tail.tail is None
        line = body.line_of_quote("q700")
        assert line is not None
        assert body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height
