"""Every cell of the article text has the theme's colours, never the terminal's default.

A terminal (or xterm.js in a browser) draws an unstyled cell in its own default colours,
which match the theme only by chance: dark paragraphs on a light theme, black boxes
behind the text in ``reader serve``'s page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from _waiting import until
from conftest import WIDE
from rich.color import Color
from textual.strip import Strip
from textual.theme import BUILTIN_THEMES

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.body_predraw import Predraw


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_text_cell_has_the_theme_colours(
    seed_app: Callable[[], ReaderApp], theme: str
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        app.theme = theme
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        checked = 0
        for y in range(body.scrollable_content_region.height):
            for segment in body.render_line(y):
                if not segment.text.strip():
                    continue
                style = segment.style
                assert style is not None and style.color is not None, (y, segment.text)
                assert style.bgcolor is not None, (y, segment.text)
                checked += 1
        assert checked > 20


async def test_a_theme_switch_redraws_the_text_on_the_new_background(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """The body keeps its own style between lines; a new theme must still reach every line,
    those drawn before the switch and those drawn after it."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        height = body.scrollable_content_region.height
        dark = body.rich_style.bgcolor
        assert {_margin_background(body, y) for y in range(height)} == {dark}
        app.theme = "textual-light"
        await pilot.pause()
        light = body.rich_style.bgcolor
        assert light is not None and light != dark
        await pilot.press("n", "n")  # lines not drawn before, too
        await pilot.pause()
        assert {_margin_background(body, y) for y in range(height)} == {light}


def _margin_background(body: ArticleBody, y: int) -> Color | None:
    """The background of line ``y``'s left margin, drawn in the body's own style."""
    margin = next(iter(body.render_line(y)))
    assert margin.style is not None and not margin.text.strip()
    return margin.style.bgcolor


async def test_a_focus_change_keeps_the_lines_drawn(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual notifies a style update on every focus change (the border follows the
    focus): the text's lines look the same, so none is drawn again (the whole text
    was, ~3 ms of the frame of "/")."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        body.focus()
        await until(pilot, lambda: body.layout_complete, "the text laid out")
        await pilot.pause()
        drawn: list[int] = []
        draw = ArticleBody._render_text_line

        def counted(self: ArticleBody, y: int, width: int) -> Strip:
            drawn.append(y)
            return draw(self, y, width)

        # (the screens a move would show are drawn ahead in quiet moments: not these)
        monkeypatch.setattr(Predraw, "soon", lambda predraw: None)
        body._predraw.stop()
        monkeypatch.setattr(ArticleBody, "_render_text_line", counted)
        app.screen.query_one("#toc").focus()
        await pilot.pause()
        assert not body.has_focus
        body.focus()
        await pilot.pause()
        assert body.has_focus
        assert [body.render_line(y) for y in range(3)]  # drawn again by Textual, from the cache
        assert drawn == []


async def test_a_restyled_class_redraws_its_lines_even_on_the_same_background(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """A theme that changes only the accent colour leaves the body's own style (and
    the selection's) as they were, and restyles the headings (``body--heading``):
    a heading's line on screen is drawn anew."""
    dark = BUILTIN_THEMES["textual-dark"]
    other = replace(dark, name="test-other-accent", accent="#ff0000")
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        app.register_theme(other)
        app.theme = dark.name
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.query_one(ArticleBody)
        line = body.line_of_section(screen.article.sections[1].id)
        assert line is not None
        body.go_to_line(line)
        await pilot.pause()
        base = body.rich_style
        heading = _colours(body)
        app.theme = other.name
        await pilot.pause()
        assert body.rich_style == base
        assert _colours(body) != heading


def _colours(body: ArticleBody) -> set[str]:
    """The colours of the letters on the body's top line."""
    return {
        str(segment.style.color)
        for segment in body.render_line(0)
        if segment.text.strip() and segment.style is not None
    }
