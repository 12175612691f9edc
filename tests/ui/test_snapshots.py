"""Screenshots of the reading screen, compared with approved SVGs.

Update with ``pytest tests/ui --snapshot-update`` and look at every changed SVG before
committing it. The theme is the default one and the state folder is the test's own, so
nothing from the machine running the tests leaks into a picture.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


@pytest.mark.parametrize("size", SIZES)
def test_opening_screen(
    snap_compare: Any, seed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    assert snap_compare(seed_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_quote_search_in_progress(
    snap_compare: Any, seed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    async def search(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("slash", *"sanksi")
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=size, run_before=search)


@pytest.mark.parametrize("size", SIZES)
def test_after_cookie_accept(
    snap_compare: Any, seed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    async def accept(pilot: Pilot[None]) -> None:
        await pilot.pause()  # run_before starts before the screen has finished mounting
        await pilot.click("#accept-cookies")
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=size, run_before=accept)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(
    snap_compare: Any, seed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    assert snap_compare(seed_app(), terminal_size=size, press=["question_mark"])


def test_find_and_chosen_quote(snap_compare: Any, seed_app: Callable[[], ReaderApp]) -> None:
    """Find highlights and a chosen quote, together: the body's own styling."""

    async def find(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReadingScreen)
        screen.go_to_quote("q4")
        await pilot.press("ctrl+f", *"obama")
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=(120, 40), run_before=find)
