"""A key's frame draws the widgets it changes, and the terminal still shows every cell right.

Textual picked the widgets a partial frame draws by their container's clip: every pane
of the reading screen is in the screen's, so a key that moved the text drew the TOC,
the quotes pane, the header and the footers again too (reader.ui.cropped_renders).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from _waiting import until
from conftest import NARROW, WIDE, screen_built
from terminal_model import stale_cells, terminal_model
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen


async def _still(pilot: Pilot[Any], screen: ReadingScreen) -> None:
    """The screen built, the find bar mounted, and the screens ahead drawn."""
    await screen_built(pilot)
    await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
    await pilot.pause(0.05)
    await until(pilot, lambda: not screen.body._predraw.pending, "the screens ahead drawn")


@pytest.mark.parametrize("key", ["j", "pagedown", "n"])
async def test_a_key_that_moves_the_text_draws_no_other_pane(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _still(pilot, screen)
        drawn: list[list[str]] = []
        render_lines = Widget.render_lines
        compositor_refresh = type(screen)._compositor_refresh

        def recording(widget: Widget, crop: Region) -> list[Strip]:
            if drawn and widget.id:
                drawn[-1].append(widget.id)
            return render_lines(widget, crop)

        def framed(self: ReadingScreen) -> None:
            drawn.append([])
            compositor_refresh(self)

        monkeypatch.setattr(Widget, "render_lines", recording)
        monkeypatch.setattr(type(screen), "_compositor_refresh", framed)
        top = screen.body.scroll_y
        await pilot.press(key)
        await until(pilot, lambda: screen.body.scroll_y != top and drawn, "the key's frame")
        key_frame = drawn[0]
        assert "body" in key_frame
        assert not {"toc", "quotes-pane", "footer-panel", "header"} & set(key_frame), key_frame


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
async def test_the_terminal_shows_every_cell_right_after_keys(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Keys that move the text, change the focus, open and close the find bar and the
    quote search, and hide and show the panes: after each, every cell the frames drew
    is what the screen drawn from scratch shows."""
    app = seed_app()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=size) as pilot:
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            await _still(pilot, screen)
            keys = ["j", "n", "pagedown", "G", "home", "tab", "tab", "escape", "slash"]
            keys += ["escape", "ctrl+f", "escape", "t", "t", "s", "s", "j", "3"]
            for key in keys:
                await pilot.press(key)
                for _ in range(3):
                    await pilot.pause()
                assert stale_cells(model) == [], key
