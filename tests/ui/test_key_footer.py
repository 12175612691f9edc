"""The key footer shows only keys that fit, the most useful first, at every width."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from textual.widget import Widget

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import FOOTER_PRIORITIES
from reader.ui.widgets.key_footer import KeyFooter


def _keys(footer: KeyFooter) -> list[Widget]:
    return [w for w in footer.query_children() if isinstance(getattr(w, "action", None), str)]


def _shown(footer: KeyFooter) -> list[str]:
    return [str(key.action) for key in _keys(footer) if key.display]


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
async def test_shown_keys_fit_without_overlap(
    seed_app: Callable[[], ReaderApp], width: int
) -> None:
    app = seed_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        shown = [key for key in _keys(footer) if key.display]
        assert shown
        regions = sorted((key.region for key in shown), key=lambda r: r.x)
        for region in regions:
            assert region.x >= 0 and region.right <= width, (region, width)
        for left, right in itertools.pairwise(regions):
            assert left.right <= right.x, (left, right)
        # Keys are left out from the end of the priorities, never from the front.
        actions = _shown(footer)
        ranked = [a for a in FOOTER_PRIORITIES if a in {str(k.action) for k in _keys(footer)}]
        assert set(actions) == set(ranked[: len(actions)])
        assert "app.quit" in actions and "help" in actions


async def test_a_wide_terminal_shows_every_key(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert all(key.display for key in _keys(footer))
        assert set(FOOTER_PRIORITIES) <= set(_shown(footer))


async def test_keys_come_back_when_the_terminal_widens(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=(70, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        narrow = _shown(footer)
        assert len(narrow) < len(_keys(footer))
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        await pilot.pause()
        assert len(_shown(footer)) == len(_keys(footer)) > len(narrow)
