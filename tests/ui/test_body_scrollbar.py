"""The text's scrollbar is drawn again when what it shows changes, and only then.

Textual drew it again at every layout pass of the screen and after every focus change
(a frame of its own after the frame of "/"); and a redraw it was asked for before its
message loop had started (the text first wrapped, at 80x24) was lost, which those
redraws had hidden: the terminal showed no thumb until something else drew it.

Its rows are built as strips directly (:mod:`reader.ui.widgets.scrollbar_strips`), not
through Rich's render path, which took 1-1.4 ms of every frame a key scrolled the text in:
they must be the strips Textual's path draws, in every look and at every eighth of a cell.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _waiting import until
from conftest import NARROW, WIDE
from terminal_model import stale_cells, terminal_model
from textual._compositor import Compositor
from textual.filter import Monochrome
from textual.geometry import Offset, Region
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen


async def _idle(pilot: object, screen: ReadingScreen) -> None:
    """The screen built, the sidebar's lists filled, the find bar mounted, and a few
    frames drawn since."""
    await until(pilot, screen._built, "built")  # type: ignore[arg-type]
    await until(
        pilot,  # type: ignore[arg-type]
        lambda: (
            screen.sidebar is not None and screen.sidebar.filled and not screen.sidebar.building
        ),
        "the sidebar's lists built",
    )
    # the find bar is mounted once the keys have paused (its layout draws the text pane)
    await until(pilot, lambda: screen.query("#find-input"), "the find bar built")  # type: ignore[arg-type]
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


def _spy_drawn(monkeypatch: pytest.MonkeyPatch) -> list[Region]:
    """The screen regions every frame from now on draws."""
    drawn: list[Region] = []
    render_update = Compositor.render_update

    def spied(compositor: Compositor, *args: object, **kwargs: object) -> object:
        drawn.extend(compositor._dirty_regions)
        return render_update(compositor, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_update", spied)
    return drawn


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
async def test_the_terminal_shows_the_scrollbar_of_the_text_as_first_wrapped(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Every cell the frames drew since the start is what the screen drawn from scratch
    shows. At 80x24 the text is wrapped again as the side panes go, in the frame that
    shows it; its scrollbar, asked then to draw its new thumb, was not running yet, and
    kept the thumb of the text wrapped 21 columns wide (none)."""
    app = seed_app()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=size) as pilot:
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            await _idle(pilot, screen)
            assert screen.body.show_vertical_scrollbar
            assert stale_cells(model) == []


async def test_a_layout_pass_does_not_draw_the_scrollbar_of_the_text_again(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A layout pass of the screen that changes nothing in the text draws none of its
    scrollbar (``ScrollView`` compared the text's box with its length, and updated the
    scrollbar at every pass)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _idle(pilot, screen)
        scrollbar = screen.body.vertical_scrollbar.region
        assert scrollbar
        drawn = _spy_drawn(monkeypatch)
        passes: list[bool] = []
        refresh_layout = Screen._refresh_layout

        def counted(screen: Screen[object], *args: object, **kwargs: object) -> None:
            passes.append(True)
            refresh_layout(screen, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        screen.refresh(layout=True, repaint=False)
        for _ in range(3):
            await pilot.pause()
        assert passes  # a layout pass was made
        assert not [region for region in drawn if region.overlaps(scrollbar)]


async def test_slash_does_not_draw_the_scrollbar_of_the_text(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The focus leaving the text (for the quote search) changes its border only: its
    scrollbar is not drawn again (Textual drew it for the text's style change, in a
    frame of its own after the key's)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _idle(pilot, screen)
        scrollbar = screen.body.vertical_scrollbar.region
        drawn = _spy_drawn(monkeypatch)
        await pilot.press("slash")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(screen.focused, Input)
        assert drawn  # the key's frame
        assert not [region for region in drawn if region.overlaps(scrollbar)]


async def test_a_focus_look_that_colours_the_scrollbar_draws_it_again(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the text's focus look changes more than its border (here its scrollbar's
    colour), the scrollbar is drawn again in the new colour with the rest of the text."""
    app = seed_app()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=WIDE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            app.stylesheet.add_source("ArticleBody:focus { scrollbar-color: red; }")
            app.refresh_css()
            await _idle(pilot, screen)
            screen.body.focus()
            await pilot.pause()
            assert stale_cells(model) == []
            await pilot.press("slash")
            for _ in range(3):
                await pilot.pause()
            assert isinstance(screen.focused, Input)
            assert stale_cells(model) == []


def _drawn_by_textual(scrollbar: ScrollBar, crop: Region) -> list[Strip]:
    """The rows Textual's own path draws for ``scrollbar`` now (its kept lines dropped)."""
    scrollbar._set_dirty()
    return Widget.render_lines(scrollbar, crop)


def _states(height: int) -> list[tuple[int, int, float]]:
    """(length, window, position) of the text: short, long and very long, at every
    eighth of a cell from top to bottom for the short ones, and at both ends."""
    states = []
    for length in (height + 3, 2 * height + 5, 40 * height):
        last = length - height
        step = 1 / 8 if last * 8 <= 400 else last / 97
        positions = [int(k * step * 8) / 8 for k in range(int(last / step) + 1)] + [last]
        states += [(length, height, position) for position in positions]
    return states


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
@pytest.mark.parametrize("look", ["dark", "light", "monochrome", "tinted"])
async def test_the_rows_of_the_scrollbar_are_those_textual_draws(
    seed_app: Callable[[], ReaderApp], size: tuple[int, int], look: str
) -> None:
    """At every thumb place (each eighth of a cell), resting, under the mouse and
    grabbed, in a dark and a light theme, through a line filter that changes colours,
    and tinted (which only Textual's path draws), every row, whole or cropped, is the
    strip Textual draws: the same characters, colours and mouse actions."""
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _idle(pilot, screen)
        scrollbar = screen.body.vertical_scrollbar
        if look == "light":
            app.theme = "textual-light"
        elif look == "monochrome":
            app._filters.append(Monochrome())
        elif look == "tinted":
            scrollbar.styles.tint = "red 40%"
        await pilot.pause()
        height = scrollbar.size.height
        whole, part = scrollbar.size.region, Region(0, 2, 1, height // 2)
        for mouse_over, grabbed in [(False, None), (True, None), (True, Offset(0, 3))]:
            scrollbar.mouse_over, scrollbar.grabbed = mouse_over, grabbed
            for length, window, position in _states(height):
                scrollbar.window_virtual_size, scrollbar.window_size = length, window
                scrollbar.position = position
                for crop in (whole, part):
                    assert scrollbar.render_lines(crop) == _drawn_by_textual(scrollbar, crop), (
                        mouse_over,
                        grabbed,
                        length,
                        position,
                        crop,
                    )


async def test_a_scrolling_key_draws_the_scrollbar_without_rich(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page down moves the thumb: the scrollbar is drawn in the key's frame, and its rows
    are built without Textual's renderable (Rich's render path)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _idle(pilot, screen)
        scrollbar = screen.body.vertical_scrollbar
        drawn = _spy_drawn(monkeypatch)
        rendered: list[object] = []
        rich_console = ScrollBarRender.__rich_console__

        def spied(bar: ScrollBarRender, *args: object) -> object:
            rendered.append(bar)
            return rich_console(bar, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(ScrollBarRender, "__rich_console__", spied)
        await pilot.press("pagedown")
        for _ in range(3):
            await pilot.pause()
        assert [region for region in drawn if region.overlaps(scrollbar.region)]
        assert rendered == []


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
async def test_the_terminal_shows_the_scrollbar_after_scrolling_keys(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """After keys that move the text (its thumb), every cell the frames drew is what the
    screen drawn from scratch shows."""
    app = seed_app()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=size) as pilot:
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            await _idle(pilot, screen)
            for key in ["n", "pagedown", "G", "home", "n", "down", "down", "pagedown"]:
                await pilot.press(key)
                for _ in range(2):
                    await pilot.pause()
                assert stale_cells(model) == [], key
