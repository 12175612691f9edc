"""A terminal as the app's frames leave it: every update written, cell by cell.

A headless test that looks at the composed screen sees what a frame would draw now,
never a cell a frame failed to draw again: the compositor renders every widget afresh
for it. :class:`TerminalModel` keeps what the frames sent instead (each full or partial
update applied in order, as the terminal applies the bytes), and :func:`stale_cells`
compares it with the screen drawn from scratch: a cell that differs is one a terminal
would show stale (a scrollbar's thumb left where it was, a border in its old colour).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.app import App
from textual.strip import Strip
from textual.widgets import OptionList

Cell = tuple[str, Style | None]


class TerminalModel:
    """The cells a terminal shows after the frames of one app's current screen."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.rows: list[list[Cell]] = []

    def _put(self, x: int, y: int, segments: Iterator[Segment]) -> None:
        width, height = self.app.size
        while len(self.rows) < height:
            self.rows.append([(" ", None)] * width)
        row = self.rows[y]
        for segment in segments:
            if segment.control:
                continue
            for character in segment.text:
                if 0 <= x < len(row):
                    row[x] = (character, segment.style)
                x += cell_len(character)

    def write(self, compositor: Compositor, update: object) -> None:
        """Apply one update of ``compositor``, as ``render_segments`` writes it."""
        if compositor is not self.app.screen._compositor:
            return
        if isinstance(update, LayoutUpdate):
            for y, line in enumerate(update.strips, update.region.y):
                x = update.region.x
                for strip in line:
                    self._put(x, y, iter(strip))
                    x += strip.cell_length
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:
                line = update.chops[y].items()
                for end, (x, chop) in zip(update.chop_ends[y], line, strict=True):
                    if chop is None or x > x2 or end <= x1:
                        continue
                    if not (x2 > x >= x1 and end <= x2):
                        chop = chop.crop(0, min(end, x2) - x)
                    self._put(x, y, iter(chop))


@contextmanager
def terminal_model(app: App[object], monkeypatch: pytest.MonkeyPatch) -> Iterator[TerminalModel]:
    """Record every update the app's screens render from here on."""
    model = TerminalModel(app)
    render_update = Compositor.render_update

    def recorded(compositor: Compositor, *args: object, **kwargs: object) -> object:
        update = render_update(compositor, *args, **kwargs)  # type: ignore[arg-type]
        if update is not None:
            model.write(compositor, update)
        return update

    monkeypatch.setattr(Compositor, "render_update", recorded)
    yield model


def fresh_screen(app: App[object]) -> list[Strip]:
    """The screen drawn from scratch: every widget's kept lines dropped first (it is
    drawn whole at the next frame, as a terminal's redraw would), an option list's
    options drawn and measured again too (as a resize has them: ``OptionList`` keeps
    each option's lines, whatever width they were drawn at)."""
    compositor = app.screen._compositor
    for widget in list(compositor.visible_widgets):
        if isinstance(widget, OptionList):
            widget._clear_caches()
        widget._set_dirty()
    return compositor.render_strips()


def stale_cells(model: TerminalModel) -> list[tuple[int, int, str, str]]:
    """(x, y, shown, drawn) of every cell the terminal shows otherwise than the screen
    drawn from scratch (text or style)."""
    stale = []
    for y, strip in enumerate(fresh_screen(model.app)):
        x = 0
        for segment in strip:
            for character in segment.text:
                shown = model.rows[y][x] if y < len(model.rows) else (" ", None)
                if shown != (character, segment.style):
                    stale.append((x, y, shown[0], character))
                x += cell_len(character)
    return stale
