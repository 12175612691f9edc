"""Keys typed at once after "/" or "f" go into the field those keys open.

A terminal delivers a fast typist's "/ebola" as a burst of keys. Textual hands each
key to the widget that has the focus when the app takes it; a binding that only runs
once "/" has bubbled up from the text moved the focus after the next keys were
already handed to the text, so "n" jumped a section, "t" hid the sections and the
search field stayed empty. Worst before the sidebar (or the find field) exists: just
after launch, and on a big article opened head first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from _big import write_big
from _waiting import until
from conftest import WIDE, sidebar_ready
from test_reading_head_first import _held_back
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.quote_sidebar import QuoteSidebar

_NAMES = {"/": "slash", " ": "space", "f": "f"}


def _burst(app: App[object], text: str) -> None:
    """Every key of ``text`` queued at once, as a terminal delivers fast typing
    (Pilot.press waits for the app to be idle after each key)."""
    for char in text:
        app.post_message(events.Key(_NAMES.get(char, char), char))


async def _typed(pilot: Pilot[object], screen: ReadingScreen, field: str, text: str) -> Input:
    """The field ``#field`` once it holds ``text``: every key of the burst handled (a
    wait for the state, not for a number of pauses, which a loaded machine outruns)."""

    def holds() -> bool:
        return any(f.value == text for f in screen.query(f"#{field}").results(Input))

    await until(pilot, holds, f"{text!r} typed into #{field}")
    return screen.query_one(f"#{field}", Input)


def _search(screen: ReadingScreen) -> Input:
    return screen.query_one("#quote-search", Input)


def _unmoved(screen: ReadingScreen, section: str | None) -> None:
    """The keys after "/" did nothing to the text: no jump, the sections still shown."""
    assert screen.show_toc
    assert screen.body.scroll_y == 0
    assert screen.current_section == section


async def test_a_word_typed_right_after_slash_at_launch_goes_into_the_search(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        section = screen.current_section
        _burst(app, "/nt ebola")
        await _typed(pilot, screen, "quote-search", "nt ebola")
        assert _search(screen).has_focus
        _unmoved(screen, section)


async def test_a_word_typed_right_after_slash_before_the_sidebar_goes_into_the_search(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await sidebar_ready(pilot)
        await screen.query_one(QuoteSidebar).remove()  # as before it is mounted
        screen.body.focus()
        await pilot.pause()
        assert screen.sidebar is None
        section = screen.current_section
        _burst(app, "/nt ebola")
        await _typed(pilot, screen, "quote-search", "nt ebola")
        _unmoved(screen, section)


async def test_a_word_typed_right_after_slash_with_the_sidebar_there_goes_into_it(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await sidebar_ready(pilot)
        section = screen.current_section
        _burst(app, "/nt a/f")  # "/" and "f" in the field are text, not keys
        await _typed(pilot, screen, "quote-search", "nt a/f")
        _unmoved(screen, section)
        await pilot.press("escape", "escape")  # clears, then leaves the field
        assert screen.body.has_focus and _search(screen).value == ""


async def test_a_word_typed_right_after_f_goes_into_the_find_field(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        section = screen.current_section
        _burst(app, "fntzq/f")  # matches nothing: the find scrolls nowhere
        field = await _typed(pilot, screen, "find-input", "ntzq/f")
        assert field.has_focus
        _unmoved(screen, section)
        await pilot.press("escape")
        assert screen.body.has_focus and not screen.find_bar.is_open


async def test_a_word_typed_right_after_slash_on_a_big_article_opened_head_first(
    tmp_path: Path,
) -> None:
    app = make_app(write_big(tmp_path), state=StateStore())
    _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        section = screen.current_section
        _burst(app, "/nt ebola")
        await _typed(pilot, screen, "quote-search", "nt ebola")
        _unmoved(screen, section)
