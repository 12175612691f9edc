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


async def test_the_sidebar_is_mounted_once_keys_sent_as_the_text_shows_pause(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys sent as the text first shows ("n", find's word): the sidebar is not mounted
    while they count as recent, and is once they do not."""
    # the screen's checks made here, at moments set here (see above)
    monkeypatch.setattr(reading, "SIDEBAR_AFTER", 3600.0)
    monkeypatch.setattr(reading, "SIDEBAR_AGAIN", 3600.0)
    monkeypatch.setattr(reading, "SIDEBAR_LATEST", float("inf"))
    now = [0.0]
    monkeypatch.setattr(reading, "perf_counter", lambda: now[0])
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.pause()
        now[0] = perf_counter()  # as the keys come
        await pilot.press("n", "f", *"sanksi")
        screen._mount_sidebar_when_keys_pause()
        await pilot.pause()
        assert screen.sidebar is None
        now[0] = float("inf")  # long after them
        screen._mount_sidebar_when_keys_pause()
        await until(pilot, lambda: screen.sidebar is not None, "the sidebar mounted")


async def test_the_sidebar_is_mounted_at_the_latest_while_a_key_is_held(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key held down from the start (autorepeat) never pauses: the sidebar is
    mounted anyway ``SIDEBAR_LATEST`` s after the first frame, not left empty for as
    long as the key is held."""
    monkeypatch.setattr(reading, "SIDEBAR_AFTER", 3600.0)
    monkeypatch.setattr(reading, "SIDEBAR_AGAIN", 3600.0)
    now = [0.0]  # the first frame's moment, for the screen's clock
    monkeypatch.setattr(reading, "perf_counter", lambda: now[0])
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.pause()
        await pilot.press(*"jjjj")  # recent for the key clock all through the test
        now[0] = reading.SIDEBAR_LATEST * 0.9
        screen._mount_sidebar_when_keys_pause()
        await pilot.pause()
        assert screen.sidebar is None
        now[0] = reading.SIDEBAR_LATEST * 1.1
        screen._mount_sidebar_when_keys_pause()
        await until(pilot, lambda: screen.sidebar is not None, "the sidebar mounted")


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
