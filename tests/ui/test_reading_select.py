"""Selecting article text with the mouse, and copying it as the article has it."""

from __future__ import annotations

from collections.abc import Callable

from conftest import WIDE
from textual.pilot import Pilot

from reader.core.model import Article, Section
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.text.lines import TextLayout
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.body_drawing import GUTTER
from reader.ui.widgets.text_field import TextField


def _wrapped_paragraph(layout: TextLayout) -> int:
    """The first line of the first paragraph that wraps onto three lines or more."""
    for y in range(layout.line_count - 2):
        line, after = layout.line(y), layout.line(y + 2)
        block = layout.blocks[line.block]
        if block.kind == "paragraph" and line.start == 0 and after.block == line.block:
            return y
    raise AssertionError("no paragraph of three lines")


def _text_x(body: ArticleBody) -> int:
    """The body's column of the first character of a line of text."""
    margin = (body.scrollable_content_region.width - GUTTER - body.text_layout.width) // 2
    return max(0, margin) + GUTTER


def _at(body: ArticleBody, x: int, y: int) -> tuple[int, int]:
    """The mouse offset (from the widget's corner) of column ``x``, row ``y`` of its text
    area, inside its border and padding."""
    content, region = body.content_region, body.region
    return x + content.x - region.x, y + content.y - region.y


async def _show_paragraph(pilot: Pilot[None]) -> tuple[ArticleBody, int, int, int]:
    """Scroll to the first paragraph of three lines or more: the body, that paragraph's
    first line, the line at the top of the view and the column of the text."""
    body = pilot.app.screen.query_one(ArticleBody)
    y = _wrapped_paragraph(body.text_layout)
    body.go_to_line(y)
    await pilot.pause()
    return body, y, int(body.scroll_y), _text_x(body)


async def _drag(pilot: Pilot[None], start: tuple[int, int], end: tuple[int, int]) -> None:
    body = pilot.app.screen.query_one(ArticleBody)
    await pilot.mouse_down(ArticleBody, offset=_at(body, *start))
    await pilot.hover(ArticleBody, offset=_at(body, *end))
    await pilot.mouse_up(ArticleBody, offset=_at(body, *end))
    await pilot.pause()


async def test_a_drag_over_wrapped_lines_copies_the_paragraph_text(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body, y, top, x = await _show_paragraph(pilot)
        layout = body.text_layout
        await _drag(pilot, (x + 4, y - top), (x + 10, y + 2 - top))
        first, last = layout.line(y), layout.line(y + 2)
        text = layout.blocks[first.block].text
        expected = text[first.start + 4 : last.start + 11]  # the character under the mouse too
        assert app.screen.get_selected_text() == expected
        assert "\n" not in expected and " " in expected  # one paragraph, spaces kept
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == expected
        assert app.is_running  # ctrl+c copied instead of quitting


async def test_a_drag_from_the_margin_starts_at_the_line(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body, y, top, _ = await _show_paragraph(pilot)
        layout = body.text_layout
        # from the left margin (the quote bar's column included) to past the line's end
        await _drag(pilot, (0, y + 1 - top), (body.size.width - 3, y + 1 - top))
        line = layout.line(y + 1)
        expected = layout.blocks[line.block].text[line.start : line.end].rstrip()
        assert app.screen.get_selected_text() == expected


async def test_a_selection_over_blocks_sets_them_a_blank_line_apart(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body, y, top, x = await _show_paragraph(pilot)
        layout = body.text_layout
        # the paragraph's last line to the next text block's first line
        last = y
        while layout.line(last + 1).block == layout.line(y).block:
            last += 1
        nxt = last + 1
        while not layout.blocks[layout.line(nxt).block].text:
            nxt += 1
        await _drag(pilot, (x, last - top), (x + 5, nxt - top))
        end_line, next_line = layout.line(last), layout.line(nxt)
        expected = (
            layout.blocks[end_line.block].text[end_line.start :].rstrip()
            + "\n\n"
            + layout.blocks[next_line.block].text[next_line.start : next_line.start + 6]
        )
        assert app.screen.get_selected_text() == expected


async def test_the_selection_is_drawn_and_a_click_clears_it(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body, y, top, x = await _show_paragraph(pilot)
        selected = app.screen.get_component_rich_style("screen--selection")

        def painted() -> bool:
            strip = body.render_line(y - top)
            return any(s.style is not None and s.style.bgcolor == selected.bgcolor for s in strip)

        assert not painted()
        await _drag(pilot, (x, y - top), (x + 12, y - top))
        assert painted()
        await pilot.click(ArticleBody, offset=_at(body, x + 3, y + 1 - top))
        await pilot.pause()
        assert app.screen.get_selected_text() is None
        assert not painted()


async def test_a_new_width_drops_the_selection(seed_app: Callable[[], ReaderApp]) -> None:
    """Offsets are (character, line) of one wrap: after a re-wrap they point elsewhere."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        _, y, top, x = await _show_paragraph(pilot)
        await _drag(pilot, (x, y - top), (x + 12, y - top))
        assert app.screen.get_selected_text()
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert app.screen.get_selected_text() is None


async def test_a_field_mounted_later_keeps_the_selection(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """The find bar's field is mounted (hidden) once the screen is built: a drag made
    before that stays selected. Typing in a field the reader is in clears it, as in
    any Textual field."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        _, y, top, x = await _show_paragraph(pilot)
        await _drag(pilot, (x, y - top), (x + 12, y - top))
        selected = app.screen.get_selected_text()
        assert selected
        field = TextField(id="late-field")
        await app.screen.mount(field)
        await pilot.pause()
        assert app.screen.get_selected_text() == selected
        field.focus()
        await pilot.press("a")
        assert field.value == "a"
        assert app.screen.get_selected_text() is None


async def test_select_all_copies_the_whole_article_before_it_is_laid_out() -> None:
    """A double click selects the whole body; its text is all of the article even while
    a long one is still being laid out in the background."""
    paragraph = "Moskow dan Washington sepakat meningkatkan pertukaran intelijen. " * 6
    sections = tuple(
        Section(f"s{i}", f"Bagian {i}", tuple(f"{i}.{n} {paragraph}" for n in range(40)))
        for i in range(150)
    )
    article = Article(
        id="long",
        title="Panjang",
        language="id",
        source="Tests",
        sections=sections,
        speakers=(),
        quotes=(),
    )
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE):
        body = app.screen.query_one(ArticleBody)
        assert not body.text_layout.is_complete
        body.text_select_all()
        copied = app.screen.get_selected_text()
        assert copied is not None
        assert copied.startswith("Panjang")
        assert copied.endswith(f"149.39 {paragraph}".rstrip())
        assert copied.count("Bagian ") == len(sections)


async def test_a_drag_ending_left_of_the_text_stops_at_the_line_before(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Let go two cells left of the text (the quote bar's column) on the next line: the
    rest of the first line only. (Textual's end of -1 there is not "to the line end".)"""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body, y, top, x = await _show_paragraph(pilot)
        layout = body.text_layout
        await _drag(pilot, (x + 4, y - top), (x - 2, y + 1 - top))
        line = layout.line(y)
        expected = layout.blocks[line.block].text[line.start + 4 : line.end].rstrip()
        assert app.screen.get_selected_text() == expected
        await _drag(pilot, (x - 3, y - top), (x - 2, y - top))  # in the margin only
        assert not app.screen.get_selected_text()


async def test_a_drag_over_blank_space_copies_nothing_and_ctrl_c_quits(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body, y, top, x = await _show_paragraph(pilot)
        layout = body.text_layout
        blank = y
        while layout.blocks[layout.line(blank).block].text:
            blank += 1
        app.copy_to_clipboard("precious")
        await _drag(pilot, (x, blank - top), (x + 10, blank - top))
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == "precious"
        assert not app.is_running
