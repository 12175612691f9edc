"""Fixtures for the UI tests: the app built the way the CLI builds it, steady cursors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app

WIDE = (160, 48)
NARROW = (80, 24)


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor is half the time invisible: keep it shown, for stable screenshots."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture
def seed_app(seed_path: Path) -> Callable[[], ReaderApp]:
    """Build a fresh app on the seed article (the state folder is the test's own)."""
    return lambda: make_app(seed_path, state=StateStore())


def screen_lines(app: ReaderApp) -> list[str]:
    """What the reading screen's article view shows now, line by line."""
    from reader.ui.widgets.body import ArticleBody

    body = app.screen.query_one(ArticleBody)
    return [body.render_line(y).text for y in range(body.scrollable_content_region.height)]


@pytest.fixture
def body_lines() -> Callable[[ReaderApp], list[str]]:
    """The visible lines of the article view (a function, to call after each step)."""
    return screen_lines
