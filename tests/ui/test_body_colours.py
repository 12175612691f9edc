"""Every cell of the article text has the theme's colours, never the terminal's default.

A terminal (or xterm.js in a browser) draws an unstyled cell in its own default colours,
which match the theme only by chance: dark paragraphs on a light theme, black boxes
behind the text in ``reader serve``'s page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import WIDE
from rich.color import Color

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_body import ArticleBody


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
