"""A widget shown or hidden on a stale compositor map is drawn by the layout that
shows or hides it (reader.ui.layout_map)."""

from __future__ import annotations

from typing import Any

import pytest
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.ui.layout_map import fresh_map


class _Shows(App[None]):
    CSS = "#late { display: none; }"

    def compose(self) -> ComposeResult:
        yield Static("always", id="always")
        yield Static("LATE", id="late")


def _lines(update: object) -> dict[int, str]:
    """The lines a frame draws: their text, by row."""
    if isinstance(update, ChopsUpdate):
        rows = {y for y, _start, _end in update.spans}
        return {y: "".join(s.text for s in update.chops[y].values() if s is not None) for y in rows}
    if isinstance(update, LayoutUpdate):
        return {y: "".join(strip.text for strip in line) for y, line in enumerate(update.strips)}
    return {}


def _drawn(monkeypatch: pytest.MonkeyPatch) -> list[dict[int, str]]:
    """What each frame drawn from now on draws."""
    frames: list[dict[int, str]] = []
    render_update = Compositor.render_update

    def recorded(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        update = render_update(self, *args, **kwargs)
        frames.append(_lines(update))
        return update

    monkeypatch.setattr(Compositor, "render_update", recorded)
    return frames


async def test_a_widget_hidden_on_a_stale_map_is_drawn_hidden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual rebuilds a stale map as a widget's style changes (its refresh asks for its
    region): the map then already holds the change, and the layout drew nothing (the
    widget stayed on screen). The map is made stale here as a hidden widget's refresh
    makes it (a private flag). Shown, the find bar: tests/ui/test_reading_find.py."""
    app = _Shows()
    async with app.run_test(size=(40, 4)) as pilot:
        late = app.screen.query_one("#late", Static)
        late.display = True
        await pilot.pause()
        frames = _drawn(monkeypatch)
        app.screen._compositor._full_map_invalidated = True
        fresh_map(late)
        late.display = False
        await pilot.pause()
        await pilot.pause()
        drawn = [frame[1] for frame in frames if 1 in frame]  # the line "LATE" is on
        assert drawn, "its line never drawn again"
        assert "LATE" not in drawn[0]


async def test_a_node_on_no_screen_is_left_alone() -> None:
    fresh_map(Static("not mounted"))
