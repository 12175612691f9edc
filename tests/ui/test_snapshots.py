"""Screenshots of the reading screen, compared with approved SVGs.

Update with ``pytest tests/ui --snapshot-update`` and look at every changed SVG before
committing it (render them with shots.py png). Each screen is taken in a dark and a light
theme; the state folder is the test's own, so nothing from the machine running the tests
leaks into a picture.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.cookie_row import CookieRow

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
#: A dark and a light theme: colours that work in one can vanish in the other.
THEMES = ["textual-dark", "textual-light"]


@pytest.fixture(params=THEMES)
def themed_app(request: pytest.FixtureRequest, seed_path: Path) -> Callable[[], ReaderApp]:
    """The seed article's app in each theme (the state folder is the test's own)."""

    def make() -> ReaderApp:
        app = make_app(seed_path, state=StateStore())
        app.theme = request.param
        return app

    return make


@pytest.mark.parametrize("size", SIZES)
def test_opening_screen(
    snap_compare: Any, themed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    assert snap_compare(themed_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_quote_search_in_progress(
    snap_compare: Any, themed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    async def search(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("slash", *"sanksi")
        await pilot.pause()

    assert snap_compare(themed_app(), terminal_size=size, run_before=search)


@pytest.mark.parametrize("size", SIZES)
def test_after_cookie_accept(
    snap_compare: Any, themed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    async def accept(pilot: Pilot[None]) -> None:
        await pilot.pause()  # run_before starts before the screen has finished mounting
        row = pilot.app.screen.query_one(CookieRow)
        await pilot.click(row, offset=row.button_region.offset)
        await pilot.pause()

    assert snap_compare(themed_app(), terminal_size=size, run_before=accept)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(
    snap_compare: Any, themed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    assert snap_compare(themed_app(), terminal_size=size, press=["question_mark"])


def test_find_and_chosen_quote(snap_compare: Any, themed_app: Callable[[], ReaderApp]) -> None:
    """Find highlights and a chosen quote, together: the body's own styling."""

    async def find(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReadingScreen)
        screen.go_to_quote("q4")
        await pilot.press("ctrl+f", *"obama")
        await pilot.pause()

    assert snap_compare(themed_app(), terminal_size=(120, 40), run_before=find)
