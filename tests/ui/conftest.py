"""Fixtures for the UI tests: the app built the way the CLI builds it, steady cursors."""

from __future__ import annotations

import gc
import inspect
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app

WIDE = (160, 48)
NARROW = (80, 24)


def steady_cursors(app: App[Any]) -> None:
    """Stop every text field's cursor blinking, shown (Input's public ``cursor_blink``).

    A blinking cursor is half the time invisible, so a screenshot would catch it or not
    depending on timing. Textual's own snapshot tests turn ``cursor_blink`` off the same way.
    """
    for screen in app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False


async def sidebar_ready(pilot: Pilot[Any]) -> Any:
    """The reading screen's quote sidebar once it is mounted and laid out and its lists filled.

    It is mounted just after the first paint, which a loaded machine may not have drawn
    by the first pause: wait for it (bounded) rather than once.
    """
    from reader.ui.widgets.quote_sidebar import QuoteSidebar

    for _ in range(200):
        await pilot.pause()
        found = next(pilot.app.screen.query(QuoteSidebar).results(), None)
        if found is not None and found.filled and found.size.height:
            return found
        await pilot.pause(0.02)
    raise AssertionError("the quote sidebar was never mounted")


RunBefore = Callable[[Pilot[Any]], Awaitable[None] | None]


async def screen_built(pilot: Pilot[Any]) -> None:
    """Wait (bounded) until the reading screen has built what comes after its first
    frame (the sidebar's lists, the TOC, the text's layout): a screenshot taken
    meanwhile showed however far a slice had got (a list's scrollbar a notch off)."""
    built = getattr(pilot.app.screen, "_built", None)
    if built is None:  # not a reading screen
        return
    for _ in range(500):
        if built():
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError("the reading screen's build never ended")


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """The collector as the test found it: thresholds, frozen objects, on or off (for
    tests that run the startup pause and the screen's settles for real)."""
    thresholds = gc.get_threshold()
    was = gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    if was:
        gc.enable()


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's ``snap_compare``, with steady cursors in the screenshot.

    The test's ``run_before`` (if any) runs first, then every text field on the screen
    stack stops blinking; ``press`` keys come after that, as always. A field mounted by
    those keys would still blink: drive the app in ``run_before`` instead.
    """

    def compare(
        app: App[Any], *args: Any, run_before: RunBefore | None = None, **kwargs: Any
    ) -> bool:
        async def then_steady(pilot: Pilot[Any]) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await pilot.pause()  # without run_before, the first screen is still mounting
            await screen_built(pilot)
            steady_cursors(pilot.app)

        return snap_compare(app, *args, run_before=then_steady, **kwargs)

    return compare


@pytest.fixture
def seed_app(seed_path: Path) -> Callable[[], ReaderApp]:
    """Build a fresh app on the seed article (the state folder is the test's own)."""
    return lambda: make_app(seed_path, state=StateStore())


def screen_lines(app: ReaderApp) -> list[str]:
    """What the reading screen's article view shows now, line by line."""
    from reader.ui.widgets.article_body import ArticleBody

    body = app.screen.query_one(ArticleBody)
    return [body.render_line(y).text for y in range(body.scrollable_content_region.height)]


@pytest.fixture
def body_lines() -> Callable[[ReaderApp], list[str]]:
    """The visible lines of the article view (a function, to call after each step)."""
    return screen_lines
