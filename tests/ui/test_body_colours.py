"""Every cell of the article text has the theme's colours, never the terminal's default.

A terminal (or xterm.js in a browser) draws an unstyled cell in its own default colours,
which match the theme only by chance: dark paragraphs on a light theme, black boxes
behind the text in ``reader serve``'s page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import WIDE

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
