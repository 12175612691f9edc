"""Screenshots of the library, compared with approved SVGs, in a dark and a light theme.

The folder is the test's own, always named ``library`` and holding the same articles
with the same modification times, so nothing of the machine leaks into a picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from library_articles import small_library
from textual.pilot import Pilot

from reader.core.state import StateStore
from reader.ui.factory import make_app

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
THEMES = [pytest.param("textual-dark", id="dark"), pytest.param("textual-light", id="light")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    small_library(folder)
    return folder


def steps(theme: str, *keys: str) -> Any:
    async def run(pilot: Pilot[None]) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_library_articles(
    snap_compare: Any, folder: Path, size: tuple[int, int], theme: str
) -> None:
    app = make_app(folder, state=StateStore())
    assert snap_compare(app, terminal_size=size, run_before=steps(theme))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_library_quote_search(
    snap_compare: Any, folder: Path, size: tuple[int, int], theme: str
) -> None:
    app = make_app(folder, state=StateStore())
    keys = ("slash", *"speaker:lavrov", "enter")
    assert snap_compare(app, terminal_size=size, run_before=steps(theme, *keys))


@pytest.mark.parametrize("theme", THEMES)
def test_library_speakers(snap_compare: Any, folder: Path, theme: str) -> None:
    app = make_app(folder, state=StateStore())
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps(theme, "s"))


def test_library_speaker_quotes(snap_compare: Any, folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    keys = ("s", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("textual-dark", *keys))


def test_library_help(snap_compare: Any, folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    keys = ("question_mark",)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("textual-dark", *keys))


@pytest.mark.parametrize("theme", THEMES)
def test_library_article_opened_at_a_quote(snap_compare: Any, folder: Path, theme: str) -> None:
    """An article opened from the quote search: the quote in view, the footer's way back."""
    app = make_app(folder, state=StateStore())
    keys = ("slash", *"speaker:lavrov", "enter", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps(theme, *keys))
