"""A list draws its options at the width it has, however it got there.

``OptionList`` keeps each option's drawn lines without their width; a list whose
options grew by a line showed a scrollbar for a frame (its lines drawn a column
narrower), and once laid out taller without it, drew those narrower lines again: its
last column stayed blank in a terminal (the sidebar's speakers, 160x48, an early "/" on
the 5 MB article), until a resize drew the screen whole.
"""

from __future__ import annotations

import pytest
from rich.text import Text
from terminal_model import stale_cells, terminal_model
from textual.app import App, ComposeResult

from reader.ui.widgets.cursor_list import CursorList

#: the list's options, each a line, then one grown to two (its height follows them)
ROWS = [f"row {n}" for n in range(4)]
GROWN = Text("a row that has grown long enough to take two lines")


class _ListApp(App[None]):
    CSS = "CursorList { width: 30; }"

    def compose(self) -> ComposeResult:
        yield CursorList(*ROWS)


async def test_a_list_laid_out_taller_draws_its_options_at_its_width_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = _ListApp()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=(60, 20)) as pilot:
            rows = app.query_one(CursorList)
            rows.highlighted = 0
            await pilot.pause()
            rows.replace_option_prompt_at_index(1, GROWN)
            for _ in range(4):
                await pilot.pause()
            assert not rows.show_vertical_scrollbar
            assert rows.size.height == len(ROWS) + 1  # taller by the line it grew
            assert stale_cells(model) == []
