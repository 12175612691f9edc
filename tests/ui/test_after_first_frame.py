"""The reading screen's first frame is not drawn again just after it
(reader.ui.first_frame): what does not change is drawn once, the empty toast rack asks
for no layout, and what those passes were for still happens."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from _waiting import until
from conftest import WIDE, sidebar_ready
from textual import events
from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from reader.ui import key_frame
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.find_bar import FindBar


async def test_the_sizes_set_by_the_first_layout_ask_for_no_second_one(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The source's copyright line, under the text, never changes: once sized by the
    first layout it asks for nothing more. Textual's first size of every widget asked
    for a layout and a repaint: a second pass over the screen just after its first
    frame, which a key sent as the text appears waited for. The size is set all the
    same."""
    asked: list[dict[str, bool]] = []
    refresh = Widget.refresh

    def spy(widget: Widget, *regions: Region, **kwargs: bool) -> Widget:
        if widget.id == "copyright" and widget.size:
            asked.append(kwargs)
        return refresh(widget, *regions, **kwargs)

    monkeypatch.setattr(Widget, "refresh", spy)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await sidebar_ready(pilot)  # mounted after the first frame: the screen laid out
        await until(pilot, lambda: app.screen.query_one(ArticleBody).layout_complete, "laid out")
        await pilot.pause()
        copyright_line = app.screen.query_one("#copyright", Static)
        assert copyright_line.size.width == copyright_line.virtual_size.width > 0
        assert asked == []


async def test_the_whole_screen_is_drawn_once(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first frame, only what changes is drawn: the screen's resume (having
    just drawn it whole) and its first resize (the narrow-or-not flag) each asked for
    the whole screen again, 23 KB for the terminal at 160x48. A screen that comes back
    from under another is still drawn whole."""
    whole: list[int] = []
    render_full_update = Compositor.render_full_update

    def counted(compositor: Compositor, simplify: bool = False) -> Any:
        whole.append(1)
        return render_full_update(compositor, simplify=simplify)

    monkeypatch.setattr(Compositor, "render_full_update", counted)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await sidebar_ready(pilot)
        await until(pilot, lambda: app.screen.query_one(ArticleBody).layout_complete, "laid out")
        await pilot.pause()
        assert len(whole) == 1
        await pilot.press("question_mark")
        await until(pilot, lambda: len(app.screen_stack) == 2, "the help shown")
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1, "back to the article")
        await pilot.pause()
        assert len(whole) >= 3  # the help, then the article again


async def test_the_empty_toast_rack_asks_for_no_layout_after_the_first_frame(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual hides the (empty) toast rack just after the first frame; hidden before,
    that changes nothing, and the screen is not laid out again for it. A notification
    still shows it."""
    drawn: list[int] = []
    asked: list[Widget] = []
    render_line = ArticleBody.render_line
    refresh = Widget.refresh

    def first_frame(body: ArticleBody, y: int) -> Strip:
        drawn.append(y)
        return render_line(body, y)

    def spy(widget: Widget, *regions: Region, **kwargs: Any) -> Widget:
        if drawn and kwargs.get("layout") and widget.id == "textual-toastrack":
            asked.append(widget)
        return refresh(widget, *regions, **kwargs)

    monkeypatch.setattr(ArticleBody, "render_line", first_frame)
    monkeypatch.setattr(Widget, "refresh", spy)
    app = seed_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await sidebar_ready(pilot)
        await pilot.pause()
        assert drawn and not asked
        rack = app.screen.query_one("#textual-toastrack")
        assert not rack.display
        app.notify("Saved.")
        await until(pilot, lambda: rack.display, "the toast rack shown")


def _no_more_ticks(screen: Screen[object], monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen's update timer stopped for good: a frame drawn from here on is drawn
    by the key's own frame, however slow the machine."""
    timer = screen._update_timer
    timer.pause()
    monkeypatch.setattr(timer, "resume", lambda: None)
    monkeypatch.setattr(key_frame, "KEY_WHILE", 3600.0)


async def _loop_until(done: Callable[[], bool]) -> None:
    """Let the event loop run until ``done`` (not ``pilot.pause()``: it draws a frame
    itself), for at most 5,000 turns of 2 ms."""
    for _ in range(5000):
        if done():
            return
        await asyncio.sleep(0.002)


async def test_the_quote_sidebar_is_mounted_after_the_first_frame_without_waiting_for_a_tick(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sidebar, put off until after the first frame, is mounted as the next thing
    the screen does after the resume that draws that frame, not at the next tick of
    the update timer: nothing else wakes the timer then, and the tick came with the
    first key the reader sent, which then waited for the sidebar's import and mount
    (a key sent as the body first shows). Here the timer never ticks after the first
    frame: the sidebar is mounted all the same."""
    stopped: list[Screen[object]] = []
    compositor_refresh = Screen._compositor_refresh

    def first_frame(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        if isinstance(screen, ReadingScreen) and not stopped:
            stopped.append(screen)
            _no_more_ticks(screen, monkeypatch)

    monkeypatch.setattr(Screen, "_compositor_refresh", first_frame)
    app = seed_app()
    async with app.run_test(size=WIDE):
        await _loop_until(lambda: bool(stopped) and stopped[0].sidebar is not None)
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and stopped == [screen]
        assert screen.sidebar is not None


@pytest.mark.parametrize("key", ["n", "G", "space"])
async def test_a_key_that_moves_the_text_is_drawn_without_waiting_for_a_tick(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    """The frame showing the text moved is drawn once the key's repaints are handled,
    not at the next tick of the screen's update timer (60 a second: up to 17 ms later
    for a key sent just after a frame, as the article first shows). Here the timer
    never ticks again: the frame comes all the same."""
    frames: list[float] = []
    compositor_refresh = Screen._compositor_refresh

    def counted(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        frames.append(screen.query_one(ArticleBody).scroll_y)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: app.screen.query_one(ArticleBody).layout_complete, "laid out")
        await pilot.pause()
        screen = app.screen
        body = screen.query_one(ArticleBody)
        top = body.scroll_y
        _no_more_ticks(screen, monkeypatch)
        frames.clear()
        app.post_message(events.Key(key, key if len(key) == 1 else None))
        await _loop_until(lambda: bool(frames))
        assert body.scroll_y != top
        assert frames and frames[-1] == body.scroll_y


async def test_a_quote_chosen_in_the_sidebar_is_drawn_without_waiting_for_a_tick(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a quote takes the text to it as the moving keys do: drawn once handled,
    not at the update timer's next tick (here it never comes). Waiting for it, the
    slices of a big article's build ran first (the 5 MB article's Enter sent as the
    text appears: up to a tick and two slices more)."""
    frames: list[float] = []
    compositor_refresh = Screen._compositor_refresh

    def counted(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        frames.append(screen.query_one(ArticleBody).scroll_y)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        sidebar = await sidebar_ready(pilot)
        await until(pilot, lambda: not sidebar.building, "the quote list built")
        quotes = sidebar.query_one("#quote-list", OptionList)
        quotes.focus()
        quotes.highlighted = quotes.option_count - 1  # the last quote, below the screen
        await pilot.pause()
        screen = app.screen
        body = screen.query_one(ArticleBody)
        top = body.scroll_y
        _no_more_ticks(screen, monkeypatch)
        frames.clear()
        app.post_message(events.Key("enter", "\r"))
        await _loop_until(lambda: bool(frames))
        assert body.scroll_y != top
        assert frames and frames[-1] == body.scroll_y


async def test_the_find_bar_opened_is_drawn_without_waiting_for_a_tick(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``f`` shows the find bar in a frame drawn once it is handled, not at the update
    timer's next tick (here it never comes): early, as the build goes on, the tick
    came with the build's slices run first."""
    shown: list[bool] = []
    compositor_refresh = Screen._compositor_refresh

    def counted(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        shown.append(screen.query_one(FindBar).is_open)

    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await sidebar_ready(pilot)
        screen = app.screen
        await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
        await pilot.pause()
        _no_more_ticks(screen, monkeypatch)
        monkeypatch.setattr(Screen, "_compositor_refresh", counted)
        app.post_message(events.Key("f", "f"))
        await _loop_until(lambda: any(shown))
        assert screen.query_one(FindBar).is_open and any(shown)


async def test_a_keystroke_in_a_text_field_is_drawn_without_waiting_for_a_tick(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any key, not only the screen's moving keys: a letter typed in the quote search
    is drawn once handled, not at the update timer's next tick (here it never comes).
    Typed as a big article's build went on, it waited for the tick with the build's
    slices and the collector's settle run first."""
    drawn: list[str] = []
    compositor_refresh = Screen._compositor_refresh

    def counted(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        drawn.append(screen.query_one("#quote-search", Input).value)

    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        sidebar = await sidebar_ready(pilot)
        await until(pilot, lambda: not sidebar.building, "the quote list built")
        await pilot.press("slash")
        field = app.screen.query_one("#quote-search", Input)
        await until(pilot, lambda: field.has_focus, "the search field focused")
        await pilot.pause()
        _no_more_ticks(app.screen, monkeypatch)
        monkeypatch.setattr(Screen, "_compositor_refresh", counted)
        app.post_message(events.Key("k", "k"))
        await _loop_until(lambda: "k" in drawn)
        assert field.value == "k"
        assert "k" in drawn


async def test_what_a_key_changes_a_moment_later_is_drawn_without_a_tick_too(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TOC and the header follow the text's section from the body's message, and
    report their repaints a moment after the text's: they are drawn as soon as they
    do, not at the next tick of the update timer (which here never comes)."""
    drawn: set[str] = set()
    compositor_refresh = Screen._compositor_refresh

    def counted(screen: Screen[object]) -> None:
        drawn.update(str(widget.id) for widget in screen._dirty_widgets)
        compositor_refresh(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: app.screen.query_one(ArticleBody).layout_complete, "laid out")
        await pilot.press("ctrl+f", *"sanksi", "enter", "escape")
        await pilot.pause()
        screen = app.screen
        _no_more_ticks(screen, monkeypatch)
        drawn.clear()
        app.post_message(events.Key("G", "G"))
        await _loop_until(lambda: {"body", "toc", "header"} <= drawn)
        assert {"body", "toc", "header"} <= drawn


def test_the_first_frame_wraps_only_the_textual_it_knows() -> None:
    """The first size without a layout leans on Textual's private Widget._size_updated:
    this Textual's fits (so the frame saved is saved), another is left alone."""
    from reader.ui import first_frame

    assert first_frame.fits(Widget._size_updated)

    def other(self: Widget, size: object, layout: bool = True) -> bool:
        return True

    assert not first_frame.fits(other)
    assert not first_frame.fits(len)  # no signature to read


def test_a_key_frame_on_another_textual_leaves_drawing_to_its_timer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Drawing a key's frame at once reads Textual's private screen state; where that is
    not there, the screen stops trying and its update timer draws the frame, a tick on."""
    from types import SimpleNamespace

    from reader.ui.key_frame import KeyFrameScreen

    monkeypatch.setattr(KeyFrameScreen, "_fits", True)
    other = SimpleNamespace(_frames_left=3, _draw_until=float("inf"), app=SimpleNamespace())
    KeyFrameScreen.on_idle(other, events.Idle())  # type: ignore[arg-type]
    assert KeyFrameScreen._fits is False
    assert other._frames_left == 3  # nothing drawn
