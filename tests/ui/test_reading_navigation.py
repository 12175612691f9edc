"""Moving through the article: section keys, digits, scrolling keys, the TOC following."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _waiting import until
from conftest import WIDE, screen_built
from textual._compositor import Compositor
from textual.widget import Widget

from reader.core.model import Article
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.reading_header import ReadingHeader
from reader.ui.widgets.section_list import SectionList

HEADINGS = ["Pertukaran Intelejen", "Upaya Diplomasi AS", "Tak Mungkin Tanpa Pencabutan Sanksi"]


def _parts(app: ReaderApp) -> tuple[ReadingScreen, ArticleBody, SectionList]:
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    return screen, screen.query_one(ArticleBody), screen.query_one(SectionList)


async def test_next_and_previous_section_put_each_heading_on_top(
    seed_app: Callable[[], ReaderApp],
    seed_article: Article,
    body_lines: Callable[[ReaderApp], list[str]],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, body, _toc = _parts(app)
        assert body.scroll_y == 0
        await pilot.press("n")
        first = seed_article.sections[0].paragraphs[0][:40]
        assert body_lines(app)[0].strip().startswith(first)
        assert screen.current_section == "opening"
        for heading, section in zip(HEADINGS, seed_article.sections[1:], strict=True):
            await pilot.press("n")
            assert body_lines(app)[0].strip() == heading
            assert screen.current_section == section.id
        await pilot.press("n")  # no section after the last: stay
        assert body_lines(app)[0].strip() == HEADINGS[-1]
        for heading in reversed(HEADINGS[:-1]):
            await pilot.press("p")
            assert body_lines(app)[0].strip() == heading
        await pilot.press("]", "]")
        assert body_lines(app)[0].strip() == HEADINGS[-1]
        await pilot.press("[")
        assert body_lines(app)[0].strip() == HEADINGS[1]


async def test_digits_jump_to_sections(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, _body, toc = _parts(app)
        for digit, heading in zip("234", HEADINGS, strict=True):
            await pilot.press(digit)
            assert body_lines(app)[0].strip() == heading
            assert toc.highlighted == int(digit) - 1
        await pilot.press("1")
        assert screen.current_section == "opening"
        assert toc.highlighted == 0
        await pilot.press("9")  # there is no ninth section: nothing happens
        assert screen.current_section == "opening"


async def test_toc_follows_scrolling_and_jumps_on_enter(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, body, toc = _parts(app)
        heading_line = body.line_of_section("upaya-diplomasi-as")
        assert heading_line is not None
        body.go_to_line(heading_line - 2)
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y == heading_line
        assert toc.highlighted == 2
        await pilot.press("k")
        await pilot.pause()
        assert toc.highlighted == 1
        # choose a section in the TOC with the keyboard
        toc.focus()
        await pilot.press("end", "enter")
        assert body_lines(app)[0].strip() == HEADINGS[-1]
        assert screen.current_section == "tak-mungkin-tanpa-pencabutan-sanksi"


async def test_click_in_toc_jumps(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.click(SectionList, offset=(4, 3))  # row 0 is the border
        await pilot.pause()
        assert body_lines(app)[0].strip() == HEADINGS[1]


async def test_page_and_edge_keys(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        _screen, body, _toc = _parts(app)
        await pilot.pause()
        page = body.scrollable_content_region.height - 1
        await pilot.press("space")
        assert body.scroll_y == page
        await pilot.press("b")
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        assert body.scroll_y == page
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y > page
        await pilot.press("g")
        assert body.scroll_y == 0
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0


async def test_tab_moves_between_the_panes(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, body, toc = _parts(app)
        assert screen.focused is body
        await pilot.press("tab")
        # into the sidebar's first list, as soon as it is mounted (a frame after the
        # sidebar's field: the sidebar is mounted just after the first paint)
        await until(
            pilot,
            lambda: screen.focused is not None and screen.focused.id == "quote-speakers",
            "the focus in the sidebar's lists",
        )
        assert screen.focused is not None
        assert screen.sidebar in screen.focused.ancestors_with_self
        await pilot.press("tab")  # the cookie notice (its accept button)
        assert screen.focused is not None and screen.focused.id == "cookie-notice"
        await pilot.press("tab")
        assert screen.focused is toc
        await pilot.press("tab")
        assert screen.focused is body
        await pilot.press("shift+tab")
        assert screen.focused is toc


async def test_resizing_rewraps_and_keeps_the_reader_in_place(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, body, _toc = _parts(app)
        await pilot.press("3")
        wide_lines = body.text_layout.line_count
        await pilot.resize_terminal(112, 40)  # still room for the side panes
        await pilot.pause()
        assert body.text_layout.line_count > wide_lines  # narrower column, more lines
        assert body_lines(app)[0].strip() == HEADINGS[1]
        assert screen.current_section == "upaya-diplomasi-as"
        width = body.scrollable_content_region.width
        assert all(body.render_line(y).cell_length == width for y in range(10))


async def test_a_new_section_in_view_redraws_only_what_changed(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scrolling into another section updates the header and the TOC, not every widget.

    The screen's section was a reactive that repainted the whole screen (every pane
    drawn again, ~30 ms of a key that crossed a heading); the TOC and the header each
    redraw just what they show.
    """
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, _body, toc = _parts(app)
        header = screen.query_one(ReadingHeader)
        await pilot.press("n")  # the opening section's first line: still section 1
        await pilot.pause()
        full_redraws: list[object] = []
        compositor = screen._compositor
        real = compositor.render_full_update
        monkeypatch.setattr(
            compositor,
            "render_full_update",
            lambda *args, **kwargs: full_redraws.append(args) or real(*args, **kwargs),
        )
        for index in (1, 2, 3):
            where = header.where
            await pilot.press("n")
            await pilot.pause()
            assert toc.highlighted == index
            assert header.where != where  # § N/M moved on
        assert full_redraws == []


async def test_the_toc_highlight_moves_on_screen_with_the_scroll(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """The TOC redraws only the entries its highlight leaves and reaches; on screen the
    highlight must still be on exactly the section in view, never left on the last one."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, _body, toc = _parts(app)
        for key in ("n", "n", "n", "n", "p", "p", "3"):
            await pilot.press(key)
            await pilot.pause()
            index = toc.highlighted
            assert index is not None
            first = toc._index_to_line[index] - int(toc.scroll_y)
            expected = set(range(first, first + toc._heights[index]))
            assert _highlighted_rows(screen, toc) == expected, key


def _highlighted_rows(screen: ReadingScreen, toc: SectionList) -> set[int]:
    """The TOC's rows (from its top) drawn on another background than most of them,
    as the screen would show them now."""
    region = toc.scrollable_content_region
    strips = screen._compositor.render_strips()
    backgrounds = []
    for y in range(region.y, region.bottom):
        row = strips[y].crop(region.x, region.right)
        backgrounds.append(frozenset(seg.style.bgcolor for seg in row if seg.style is not None))
    usual = max(set(backgrounds), key=backgrounds.count)
    return {y for y, background in enumerate(backgrounds) if background != usual}


@pytest.mark.parametrize("key", ["pagedown", "down", "end"])
async def test_the_bodys_own_moving_keys_are_drawn_at_once_as_the_screens_are(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    """PgDn, the arrows, Home and End are the focused body's (Textual's container
    keys), not the screen's: they have their frames drawn at once too (key_frame)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        body = screen.query_one(ArticleBody)
        await screen_built(pilot)
        assert screen.focused is body
        came: list[str] = []
        key_came = screen.key_came  # type: ignore[attr-defined]
        monkeypatch.setattr(screen, "key_came", lambda: (came.append(key), key_came()))
        top = body.scroll_y
        await pilot.press(key)
        assert body.scroll_y != top
        assert came == [key]


@pytest.mark.parametrize(("before", "key"), [("n", "n"), ("nnn", "p"), ("", "3")])
async def test_a_section_key_draws_the_text_in_a_frame_without_the_header_and_toc(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, before: str, key: str
) -> None:
    """Next and previous section and a digit draw the text (and its scrollbar) alone in
    the key's frame; the header's "N/M" and the TOC's highlight follow in a frame of their
    own. Set with the scroll, the section drew them in the key's frame, and the header's
    row widened the region Textual draws to the whole screen (every pane beside the
    text went through the compositor again), as 0068d70 found for moves within one."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen, _body, toc = _parts(app)
        await screen_built(pilot)
        header = screen.query_one(ReadingHeader)
        for earlier in before:
            await pilot.press(earlier)
        await until(pilot, lambda: not screen._frames_left, "the frames of the keys before")
        section, where = screen.current_section, header.where
        frames: list[set[str]] = []
        update_widgets = Compositor.update_widgets

        def spied(compositor: Compositor, widgets: set[Widget]) -> None:
            frames.append({str(widget.id) for widget in widgets})
            update_widgets(compositor, widgets)

        monkeypatch.setattr(Compositor, "update_widgets", spied)
        await pilot.press(key)
        await until(pilot, lambda: header.where != where, "the header's place moved")
        assert screen.current_section != section
        ids = [entry.id for entry in screen.article.sections]
        assert toc.highlighted == ids.index(screen.current_section or "")
        first = next(index for index, frame in enumerate(frames) if "body" in frame)
        assert not {"header", "toc"} & frames[first]
        assert {"header", "toc"} <= set().union(*frames[first + 1 :])
