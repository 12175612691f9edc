"""The text pane's rows (a line with the pane's padding and border) are kept for each
line the body drew (body_rows.KeptRows): a key that moves the text takes them whole,
where Textual's styles cache, keeping rows by their place on screen, made every row
again (~1.9 ms of a 3 ms frame at 160x48). They must be the rows Textual makes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from _waiting import until
from conftest import NARROW, WIDE, screen_built
from textual._styles_cache import StylesCache
from textual.pilot import Pilot
from textual.strip import Strip

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody


async def _still(pilot: Pilot[Any], screen: ReadingScreen) -> None:
    """The screen built, the find bar mounted, and the screens ahead drawn."""
    await screen_built(pilot)
    await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
    await pilot.pause(0.05)
    await until(pilot, lambda: not screen.body._predraw.pending, "the screens ahead drawn")


def _made_by_textual(body: ArticleBody) -> list[Strip]:
    """Every row of the text pane as Textual's own styles cache makes it now."""
    return StylesCache().render_widget(body, body.size.region)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
async def test_the_rows_kept_are_those_textual_makes(
    seed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    """After moves (rows kept, and rows made ahead), a focus change (the border's
    colour), a light theme, find's highlights and a mouse selection, every row of the
    text pane is the row Textual's styles cache makes, border and padding included."""
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await _still(pilot, screen)

        async def check(what: str) -> None:
            await pilot.pause()
            await until(pilot, lambda: not body._predraw.pending, "the screens ahead drawn")
            assert body.render_lines(body.size.region) == _made_by_textual(body), what

        await check("at the start")
        for key in ["pagedown", "n", "n", "p", "pagedown", "G", "home"]:
            await pilot.press(key)
            await check(key)
        screen.query_one("#toc").focus()
        await check("the text not focused")
        body.focus()
        await check("the text focused again")
        app.theme = "textual-light"
        await check("light")
        await pilot.press("pagedown", "pageup")
        await check("light, moved")
        body.find("Rusia")
        await check("find")
        await pilot.press("f3")
        await check("find, moved")
        x, y = body.content_region.x + 2, body.content_region.y + 1
        await pilot.mouse_down(offset=(x, y))
        await pilot.hover(offset=(x + 8, y + 2))
        await pilot.mouse_up(offset=(x + 8, y + 2))
        await check("a selection")


async def test_a_moving_key_takes_the_rows_made_ahead(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the screens ahead are drawn, page down's frame makes no row of the text
    pane: each line drawn ahead had its row made too (Textual made all 41 again)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await _still(pilot, screen)
        made: list[int] = []
        drawn: list[bool] = []
        render_line = StylesCache.render_line
        render_lines = ArticleBody.render_lines

        def counted(cache: StylesCache, styles: object, y: int, *args: object) -> Strip:
            if cache is body._styles_cache:
                made.append(y)
            return render_line(cache, styles, y, *args)  # type: ignore[arg-type]

        def spied(widget: ArticleBody, *args: Any) -> list[Strip]:
            drawn.append(True)
            return render_lines(widget, *args)

        monkeypatch.setattr(StylesCache, "render_line", counted)
        monkeypatch.setattr(ArticleBody, "render_lines", spied)
        top = body.scroll_y
        await pilot.press("pagedown")
        await until(pilot, lambda: drawn, "the text drawn")
        assert body.scroll_y != top
        assert made == []


async def test_a_frame_works_out_the_texts_width_once(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line drawn asked Textual for the text's width (the region less the border,
    padding and scrollbars: a walk up to the screen), 41 times a frame at 160x48, for
    one width. A frame asks once; a line drawn out of a frame, as before."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await _still(pilot, screen)
        asked: list[int] = []
        region = ArticleBody.scrollable_content_region

        def counted(widget: ArticleBody) -> Any:
            asked.append(1)
            return region.fget(widget)  # type: ignore[attr-defined]

        monkeypatch.setattr(ArticleBody, "scrollable_content_region", property(counted))
        body._styles_cache.clear()  # drawn again, as in a new frame
        rows = body.render_lines(body.size.region)
        assert len(rows) == body.size.height > 40
        assert len(asked) == 1
        before = body.render_line(3)
        assert len(asked) == 2 and before.cell_length == body.scrollable_content_region.width
