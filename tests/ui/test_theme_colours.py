"""Every theme colours the whole reading screen: no cell left to the terminal's defaults,
and text that can be read against its background, in dark and light themes alike."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cells import cells, contrast, is_default

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody

THEMES = ["textual-dark", "textual-light", "catppuccin-latte", "gruvbox"]
#: WCAG's minimum for large text; the muted roles and counts must reach it too.
READABLE = 3.0


@pytest.mark.parametrize("theme", THEMES)
async def test_article_body_has_no_default_colour(
    seed_app: Callable[[], ReaderApp], theme: str
) -> None:
    """Plain paragraph lines were sent as ESC[39m ESC[49m: grey or black blocks."""
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        app.theme = theme
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        for _ in range(50):  # a loaded machine: wait (by steps, not time) for the text
            if body.text_layout.line_count and body.render_line(0).text.strip():
                break
            await pilot.pause()
        await pilot.pause()
        drawn = list(cells(app, body.content_region))
        assert drawn
        defaults = [c for c in drawn if is_default(c.style.color) or is_default(c.style.bgcolor)]
        assert defaults == [], f"{len(defaults)} cells, first at {defaults[0].x},{defaults[0].y}"


@pytest.mark.parametrize("theme", THEMES)
async def test_quote_sidebar_text_is_readable(
    seed_app: Callable[[], ReaderApp], theme: str
) -> None:
    """Speaker names, roles and counts were near-white on light grey in light themes."""
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        app.theme = theme
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        for _ in range(100):  # the sidebar comes after the first paint: wait by steps
            sidebar = screen.sidebar
            if sidebar is not None and sidebar.is_mounted and not sidebar.building:
                break
            await pilot.pause()
        await pilot.pause()
        pane = app.screen.query_one("#quotes-pane")
        search = app.screen.query_one("#quote-search")
        text = [
            c
            for c in cells(app, pane.region)
            if c.text.isalnum() and not search.region.contains(c.x, c.y)  # not a placeholder
        ]
        assert text
        faint = [c for c in text if contrast(c.style) < READABLE]
        assert faint == [], (
            f"{len(faint)} faint cells, e.g. {''.join(c.text for c in faint[:40])!r}"
        )
