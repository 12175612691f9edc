"""The screens the next move shows, drawn while the reader is still (body_predraw).

An idle key that moves the text finds its lines drawn already: its frame draws none.
What is drawn ahead is what the frame would have drawn, in the look the text has now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import WIDE, screen_built
from textual.pilot import Pilot

from reader.ui import widgets
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_body import ArticleBody


async def _still(pilot: Pilot[Any], body: ArticleBody) -> None:
    """Wait (bounded) until the body has drawn ahead what it draws when still."""
    await screen_built(pilot)
    for _ in range(500):
        await pilot.pause(0.02)
        if not body._predraw.pending:
            return
    raise AssertionError("the body never drew ahead")


def _count_drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every line the body draws from now on, by its number."""
    drawn: list[int] = []
    module = widgets.article_body
    draw = module.draw_text_line

    def counted(layout: Any, y: int, *args: Any, **kwargs: Any) -> Any:
        drawn.append(y)
        return draw(layout, y, *args, **kwargs)

    monkeypatch.setattr(module, "draw_text_line", counted)
    return drawn


@pytest.mark.parametrize("key", ["n", "space", "G"])
async def test_a_move_when_still_draws_no_line_in_its_frame(
    seed_app: Callable[[], ReaderApp],
    body_lines: Callable[[ReaderApp], list[str]],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await _still(pilot, body)
        top = int(body.scroll_y)
        drawn = _count_drawn(monkeypatch)
        await pilot.press(key)
        await pilot.pause()
        assert int(body.scroll_y) != top
        assert drawn == []  # every line of the new screen was drawn ahead
        assert any(line.strip() for line in body_lines(app))


async def test_lines_drawn_ahead_are_the_ones_drawn_on_demand_in_the_current_look(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await _still(pilot, body)
        assert body.find("Rusia")  # a new look: every match highlighted
        await _still(pilot, body)
        width = body.scrollable_content_region.width
        height = body.scrollable_content_region.height
        layout = body.text_layout
        tops = body._predraw.tops(layout, height)
        assert tops
        ahead = {y: body._cache.get(y) for top in tops for y in range(top, top + height)}
        assert all(strip is not None for strip in ahead.values())
        body._cache.clear()
        for y, strip in ahead.items():
            assert body._render_text_line(y, width) == strip, y
