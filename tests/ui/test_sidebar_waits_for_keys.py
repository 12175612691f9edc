"""The quote sidebar's deferred work waits for a pause in the reader's keys.

The sidebar is mounted a moment after the first frame, once no key has come for
``KEY_WHILE`` s (unless a key wants it: "/", a speaker filter). Its lists are mounted
and filled after the sidebar itself; a reader busy in the text (find typed as a big
article first shows, then F3) had them mounted between two keys, and the next key's
frame drew them. They wait until no key has come in the last ``KEY_WHILE`` s, unless
the reader is in the sidebar ("/": then they come right after the key's frames).
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter

import pytest
from _waiting import until
from conftest import WIDE
from textual.pilot import Pilot

from reader.ui.app import ReaderApp
from reader.ui.screens import reading
from reader.ui.screens.reading import ReadingScreen
from reader.ui.sliced import messages_waiting
from reader.ui.widgets import quote_sidebar
from reader.ui.widgets.quote_sidebar import QuoteSidebar


async def test_the_lists_wait_for_a_pause_in_keys_sent_to_the_text(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Find typed in the text, its frames drawn: the lists are still not mounted while
    the keys count as recent, and are once they do not."""
    held: list[QuoteSidebar] = []
    fill = QuoteSidebar._fill
    # the sidebar's checks made here, at moments set here (not by its timer, nor by the
    # wall clock: a loaded machine's pause after the keys outlasts the 0.1 s)
    monkeypatch.setattr(QuoteSidebar, "_fill", lambda sidebar: held.append(sidebar))
    now = [0.0]
    monkeypatch.setattr(quote_sidebar, "perf_counter", lambda: now[0])
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: bool(held), "the sidebar mounted")
        sidebar = held[0]
        now[0] = perf_counter()  # as the keys come
        await pilot.press("f", *"sanksi", "enter")
        await until(pilot, lambda: not screen.key_frame_pending, "the keys' frames drawn")
        fill(sidebar)
        await pilot.pause()
        assert not sidebar.filled and not sidebar.query("#quote-list")
        now[0] = float("inf")  # long after them
        await until(pilot, lambda: not messages_waiting(screen), "the keys' messages handled")
        fill(sidebar)
        await until(pilot, lambda: sidebar.filled, "the lists filled")
        assert sidebar.query("#quote-list")


def _screen_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The reading screen's clock, set by the test (``now[0]``, 0 at the first frame),
    and its checks of whether to mount the sidebar made by the test (its timers an
    hour away): the moments are the test's, not a loaded machine's."""
    monkeypatch.setattr(reading, "SIDEBAR_AFTER", 3600.0)
    monkeypatch.setattr(reading, "SIDEBAR_AGAIN", 3600.0)
    now = [0.0]
    monkeypatch.setattr(reading, "perf_counter", lambda: now[0])
    return now


async def _sidebar_mounted_at(
    pilot: Pilot[None], screen: ReadingScreen, now: list[float], moment: float
) -> bool:
    """Whether the screen mounts the sidebar when it looks at ``moment``."""
    now[0] = moment
    screen._mount_sidebar_when_keys_pause()
    await pilot.pause()
    return screen.sidebar is not None


async def test_the_sidebar_is_mounted_once_keys_sent_as_the_text_shows_pause(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys sent as the text first shows ("n", find's word): the sidebar is not mounted
    while they count as recent, and is once they do not."""
    now = _screen_clock(monkeypatch)
    monkeypatch.setattr(reading, "SIDEBAR_LATEST", float("inf"))
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.pause()
        keys_sent = perf_counter()
        await pilot.press("n", "f", *"sanksi")
        assert not await _sidebar_mounted_at(pilot, screen, now, keys_sent)
        assert await _sidebar_mounted_at(pilot, screen, now, float("inf"))  # long after


async def test_the_sidebar_is_mounted_at_the_latest_while_a_key_is_held(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key held down from the start (autorepeat) never pauses: the sidebar is
    mounted anyway ``SIDEBAR_LATEST`` s after the first frame, not left empty for as
    long as the key is held."""
    now = _screen_clock(monkeypatch)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.pause()
        await pilot.press(*"jjjj")  # recent for the key clock all through the test
        latest = reading.SIDEBAR_LATEST
        assert not await _sidebar_mounted_at(pilot, screen, now, latest * 0.9)
        assert await _sidebar_mounted_at(pilot, screen, now, latest * 1.1)


def _growth_recorded(monkeypatch: pytest.MonkeyPatch) -> list[QuoteSidebar]:
    """The sidebars told to list the whole's quotes (``grow``), recorded, not done;
    the screen's retry left to the test (its timer an hour away)."""
    grown: list[QuoteSidebar] = []
    monkeypatch.setattr(QuoteSidebar, "grow", lambda sidebar, whole: grown.append(sidebar))
    monkeypatch.setattr(reading, "GROW_AFTER", 3600.0)
    return grown


async def test_the_whole_s_quotes_wait_for_a_pause_in_keys_sent_to_the_text(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole article read as find is typed in the text, its keys' frames drawn:
    the sidebar does not take the whole's quotes while the keys count as recent (that
    work came between two keys, as the lists' fill did), and does once they do not."""
    grown = _growth_recorded(monkeypatch)
    now = [0.0]
    monkeypatch.setattr(quote_sidebar, "perf_counter", lambda: now[0])
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen.sidebar is not None, "the sidebar mounted")
        screen._whole = True  # as take_whole leaves it
        now[0] = perf_counter()  # as the keys come
        await pilot.press("f", *"sanksi", "enter")
        await until(pilot, lambda: not screen.key_frame_pending, "the keys' frames drawn")
        await until(pilot, lambda: not messages_waiting(screen), "the keys' messages handled")
        screen._sidebar_for_whole()
        await pilot.pause()
        assert not grown
        now[0] = float("inf")  # long after them
        screen._sidebar_for_whole()
        assert grown == [screen.sidebar]


async def test_the_whole_s_quotes_come_after_a_search_keystroke_s_frames(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the sidebar (a search typed as the whole came), the whole's quotes come once
    the keystroke's frames are drawn, not a pause later: the reader is waiting for
    the list, and the next keystroke takes over from its rebuild."""
    grown = _growth_recorded(monkeypatch)
    monkeypatch.setattr(quote_sidebar, "perf_counter", lambda: 0.0)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("slash", *"sanksi")
        await until(pilot, lambda: screen.sidebar is not None, "the sidebar mounted")
        sidebar = screen.sidebar
        await until(pilot, lambda: sidebar.has_focus_within, "the search focused")
        await until(pilot, lambda: not screen.key_frame_pending, "the keys' frames drawn")
        await until(pilot, lambda: not messages_waiting(screen), "the keys' messages handled")
        screen._whole = True  # as take_whole leaves it
        screen._sidebar_for_whole()
        assert grown == [sidebar]
