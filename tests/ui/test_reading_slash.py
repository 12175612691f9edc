"""The quote search ("/") opened in one frame, at any moment after the first paint.

The quote sidebar is mounted just after the first paint; "/" sent before then (as the
article first shows) mounts it at once. The field is focused and the footer shows its
keys in the first frame drawn after the key; the sidebar's lists are filled in a frame
of their own after that one, with whatever was typed in the field meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from _waiting import until
from conftest import NARROW, WIDE
from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList

from reader.core.quote_query import QuoteIndex
from reader.ui import key_frame
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.quote_sidebar import QuoteSidebar

#: the sidebar's two lists, top to bottom
LISTS = ["quote-speakers", "quote-list"]


def _not_mounted_after_paint(monkeypatch: pytest.MonkeyPatch) -> None:
    """The moment before the sidebar is mounted after the first paint, held: "/" mounts it."""
    monkeypatch.setattr(ReadingScreen, "_mount_sidebar_when_keys_pause", lambda self: None)


def _no_more_ticks(screen: Screen[object], monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen's update timer stopped for good: a frame drawn from here on is the
    key's own, however slow the machine."""
    timer = screen._update_timer
    timer.pause()
    monkeypatch.setattr(timer, "resume", lambda: None)
    monkeypatch.setattr(key_frame, "KEY_WHILE", 3600.0)


async def _loop_until(done: Callable[[], bool]) -> None:
    """Let the event loop run until ``done`` (not ``pilot.pause()``, which draws a frame
    itself), for at most 5,000 turns of 2 ms."""
    for _ in range(5000):
        if done():
            return
        await asyncio.sleep(0.002)


def _footer_actions(screen: Screen[object]) -> set[str]:
    """The actions of the keys the footer draws."""
    return {placed.key.action for placed in screen.query_one(KeyFooter).shown}


async def test_slash_shows_the_field_focused_and_its_keys_in_one_frame_before_the_lists(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame drawn after "/" (here the update timer never ticks: it is the
    key's own) shows the field focused and the footer with the field's keys, and the
    lists not yet filled: their filling (the speakers' rows, the first quotes measured
    and drawn) waited for that frame. Before, "/" waited for the whole sidebar, lists
    and all, then the footer followed two frames later (80 ms in tmux, the seed)."""
    _not_mounted_after_paint(monkeypatch)
    frames: list[tuple[str | None, bool, int]] = []
    compositor_refresh = Screen._compositor_refresh

    def drawn(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        found = screen.query("#quote-speakers")
        speakers = found.first(OptionList).option_count if found else 0
        focused = screen.focused.id if screen.focused is not None else None
        frames.append((focused, "clear_search" in _footer_actions(screen), speakers))

    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen.body.layout_complete, "laid out")
        await pilot.pause()
        assert screen.sidebar is None
        _no_more_ticks(screen, monkeypatch)
        frames.clear()
        app.post_message(events.Key("slash", "/"))
        await _loop_until(lambda: any(focused == "quote-search" for focused, *_ in frames))
        first = next((frame for frame in frames if frame[0] == "quote-search"), None)
        assert first == ("quote-search", True, 0)  # focused, the field's keys, no list yet


async def test_slash_mounts_the_field_alone_before_its_frame_and_the_rest_after_it(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An early "/" mounts the sidebar with its search field alone: the frame that
    shows the field focused has nothing else in the sidebar, and the count, the scope
    line and both lists are mounted after that frame, in their order under the field.
    Composed with the field (empty), their styling, mounting and first drawing were
    a third of the early key's work before its frame (64 -> 57 ms headless, seed)."""
    _not_mounted_after_paint(monkeypatch)
    frames: list[tuple[str | None, list[str | None]]] = []
    compositor_refresh = Screen._compositor_refresh

    def drawn(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        found = screen.query(QuoteSidebar)
        parts = [child.id for child in found.first().children] if found else []
        focused = screen.focused.id if screen.focused is not None else None
        frames.append((focused, parts))

    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen.body.layout_complete, "laid out")
        await pilot.pause()
        assert screen.sidebar is None
        _no_more_ticks(screen, monkeypatch)
        frames.clear()
        app.post_message(events.Key("slash", "/"))
        await _loop_until(lambda: any(focused == "quote-search" for focused, _ in frames))
        first = next((frame for frame in frames if frame[0] == "quote-search"), None)
        assert first == ("quote-search", ["quote-search"])
        sidebar = screen.query_one(QuoteSidebar)
        await until(pilot, lambda: sidebar.filled, "the lists mounted and filled")
        parts = [child.id for child in sidebar.children]
        assert parts == ["quote-search", "quote-counter", "quote-scope", *LISTS]
        assert screen.focused is sidebar.query_one("#quote-search", Input)


async def test_the_lists_mounted_after_the_field_are_filled_once_they_have_a_size(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lists mounted under the field after "/"'s frame are given their options
    once laid out, never before they have a size: a list filled with none measured
    its options in the middle of the frame that first drew it, and the refresh of its
    scrollbar asked for then was lost (at 80x24 a terminal showed no thumb; the
    headless screen is drawn whole and shows it either way)."""
    _not_mounted_after_paint(monkeypatch)
    given: list[tuple[str | None, int]] = []
    set_options = CursorList.set_options

    def recorded(self: CursorList, options: Any) -> CursorList:
        given.append((self.id, self.size.width))
        return set_options(self, options)

    monkeypatch.setattr(CursorList, "set_options", recorded)
    app = seed_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("slash")
        sidebar = screen.query_one(QuoteSidebar)
        await until(pilot, lambda: sidebar.filled and not sidebar.building, "the lists filled")
        assert given and all(width > 0 for _, width in given), given


async def test_what_is_typed_before_the_lists_are_filled_is_listed_when_they_are(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    _not_mounted_after_paint(monkeypatch)
    held: list[QuoteSidebar] = []
    monkeypatch.setattr(QuoteSidebar, "_fill", lambda sidebar: held.append(sidebar))
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("slash", *"lavrov")
        sidebar = screen.query_one(QuoteSidebar)
        search = sidebar.query_one("#quote-search", Input)
        assert screen.focused is search and search.value == "lavrov"
        assert held and not sidebar.filled and not sidebar.query("#quote-list")
        monkeypatch.undo()  # the lists are mounted and filled now
        sidebar._fill()
        await until(pilot, lambda: not sidebar.building, "the lists filled")
        quote_list = sidebar.query_one("#quote-list", OptionList)
        article = screen.article
        expected = [article.quotes[i].id for i in QuoteIndex(article).select(query="lavrov")]
        listed = [quote_list.get_option_at_index(i).id for i in range(quote_list.option_count)]
        assert expected and [quote_id for quote_id in listed if quote_id] == expected
        counter = str(sidebar.query_one("#quote-counter", Label).content)
        assert counter == f"{len(expected)} of {len(article.quotes)}"
        assert screen.focused is search
        speakers = sidebar.query_one("#quote-speakers", OptionList)
        assert speakers.option_count == len(article.speakers) + 1


@pytest.mark.parametrize("mounted", [False, True], ids=["sidebar-not-mounted", "sidebar-mounted"])
async def test_slash_draws_the_fields_keys_in_the_footer_with_nothing_mounted_in_it(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, mounted: bool
) -> None:
    """The first frame after "/" draws the field's keys in the footer's row, which is
    one widget: nothing is mounted in it and nothing laid out for it. Textual's footer
    rebuilt its keys (mounts, or keys taking new text in place and a layout pass of the
    screen for their new widths) before the key's frame."""
    if not mounted:
        _not_mounted_after_paint(monkeypatch)
    rows: list[tuple[str | None, str]] = []
    compositor_refresh = Screen._compositor_refresh

    def drawn(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        focused = screen.focused.id if screen.focused is not None else None
        rows.append((focused, screen._compositor.render_strips()[-1].text))

    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        if mounted:
            await until(pilot, lambda: screen.sidebar is not None, "the sidebar mounted")
        await pilot.pause()
        footer = screen.query_one(KeyFooter)
        monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
        await pilot.press("slash")
        await until(pilot, lambda: "clear_search" in _footer_actions(screen), "the field's keys")
        await until(pilot, lambda: any(f == "quote-search" for f, _ in rows), "a frame")
        first = next(row for focused, row in rows if focused == "quote-search")
        assert "esc Clear search" in first and "Next section" not in first
        assert not footer.children


def _clock_set_here(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The clock ``key_frame`` reads, set by the test: a key's window (``KEY_WHILE``)
    is over when the test says, not when a loaded machine's pause says."""
    now = [0.0]
    monkeypatch.setattr(key_frame, "perf_counter", lambda: now[0])
    return now


def _settled(screen: Screen[object]) -> bool:
    """Nothing left to lay out, draw or handle on ``screen``: no layout a widget asked
    for and has not told, no message in a queue, nothing dirty."""
    if screen.message_queue_size or screen.app.message_queue_size:
        return False
    if screen._layout_required or screen._dirty_widgets or screen._repaint_required:
        return False
    return not any(
        widget._layout_required or widget.message_queue_size
        for widget in screen.walk_children(Widget)
    )


async def _layout_passes_of_slash(
    pilot: Any, screen: ReadingScreen, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """The layout passes of "/" on the built screen (its lists filled, the find bar
    mounted), once all it set off is done."""
    await until(pilot, lambda: screen.sidebar is not None and screen.sidebar.filled, "filled")
    sidebar = screen.sidebar
    assert sidebar is not None
    await until(pilot, lambda: not sidebar.building and screen._built(), "built")
    # the find bar is mounted once the keys have paused (a layout pass of its own)
    await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
    # its parts mounted, and the layout their mount asks for done (a worker)
    await until(pilot, lambda: all(w.is_finished for w in screen.app.workers), "mounted")
    await until(pilot, lambda: _settled(screen), "settled")
    passes: list[str] = []
    refresh_layout = Screen._refresh_layout

    def counted(screen: Screen[object], *args: object, **kwargs: object) -> None:
        passes.append("layout")
        refresh_layout(screen, *args, **kwargs)  # type: ignore[arg-type]

    frames: list[str] = []
    compositor_refresh = Screen._compositor_refresh

    def drawn(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        frames.append("frame")

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    screen.app.post_message(events.Key("slash", "/"))
    await _loop_until(lambda: bool(frames) and "clear_search" in _footer_actions(screen))
    await _loop_until(lambda: _settled(screen))  # what the key's frame would have set off
    assert isinstance(screen.focused, Input)
    return passes


async def test_slash_lays_the_screen_out_once(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "/" on a built screen (the sidebar shown) lays nothing out: the focus change
    restyles the panes' borders and the footer draws the field's keys in its one line.
    Textual's footer keys took new text and asked for a layout pass of the screen (for
    their widths and places) before the key's frame.

    The key's window is not over while the test runs (the clock is the test's): on a
    loaded machine the screen's first idle after the key came after it, the frame was
    left to the update timer, and the keys told the screen after that frame (3 of 8
    failed at load 15)."""
    _clock_set_here(monkeypatch)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert await _layout_passes_of_slash(pilot, screen, monkeypatch) == []


def _footer_asks_for_a_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The footer asks for a layout as the screen first goes idle after "/" (as
    Textual's footer keys did, taking new text): a layout the widget has not told the
    screen yet, as the screen would draw the key's frame."""
    on_idle = key_frame.KeyFrameScreen.on_idle

    def with_a_layout(screen: key_frame.KeyFrameScreen, event: events.Idle) -> None:
        footer = screen.query_one(KeyFooter)
        asked = getattr(footer, "_asked", False)
        if screen._frames_left and not asked and "clear_search" in _footer_actions(screen):
            footer._asked = True  # type: ignore[attr-defined]
            footer.refresh(layout=True)
        on_idle(screen, event)

    monkeypatch.setattr(key_frame.KeyFrameScreen, "on_idle", with_a_layout)


async def test_a_layout_asked_for_by_a_widget_as_the_key_is_handled_is_one_pass(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A widget that asks for a layout as "/" is handled tells the screen only as it
    goes idle; the key's frame, drawn as the screen went idle first, was laid out and
    drawn again for it at once: the screen waits a turn for it, one pass, one frame."""
    _clock_set_here(monkeypatch)
    _footer_asks_for_a_layout(monkeypatch)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert await _layout_passes_of_slash(pilot, screen, monkeypatch) == ["layout"]


async def test_the_frame_the_layouts_were_told_for_is_drawn_after_the_window(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frame the screen waited a turn for (a widget's layout told) is drawn at its
    next idle, at once, though the key's window ended meanwhile: it was left to the
    update timer's next tick (none here: the timer is stopped)."""
    now = _clock_set_here(monkeypatch)
    _footer_asks_for_a_layout(monkeypatch)
    told: list[bool] = []
    layouts_told = key_frame._layouts_told

    def told_as_the_window_ends(screen: key_frame.KeyFrameScreen) -> bool:
        any_told = layouts_told(screen)
        if any_told:
            told.append(True)
            now[0] = float("inf")
        return any_told

    monkeypatch.setattr(key_frame, "_layouts_told", told_as_the_window_ends)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen.sidebar is not None and screen.sidebar.filled, "filled")
        await until(pilot, lambda: _settled(screen), "settled")
        _no_more_ticks(screen, monkeypatch)
        passes = await _layout_passes_of_slash(pilot, screen, monkeypatch)
        assert told  # the screen waited a turn for the footer's layout
        assert passes == ["layout"]
