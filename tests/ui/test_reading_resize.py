"""A live resize keeps the reader's place: the same sentence stays at the top."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import NARROW, WIDE

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_body import ArticleBody

#: The heading of section 3 of the seed article.
HEADING = "Upaya Diplomasi AS"


def _top(app: ReaderApp, body_lines: Callable[[ReaderApp], list[str]]) -> str:
    return body_lines(app)[0].strip()


def _anchor(app: ReaderApp) -> tuple[int, int] | None:
    return app.screen.query_one(ArticleBody).position.anchor


SIZES = [
    pytest.param([NARROW, WIDE], id="narrow-and-back"),
    pytest.param([(150, 48), (140, 48), WIDE], id="160-150-140-160"),
    pytest.param([(100, 30), (200, 60), NARROW, (130, 40), WIDE], id="many"),
]


@pytest.mark.parametrize("sizes", SIZES)
@pytest.mark.parametrize("reopened", [False, True], ids=["fresh", "reopened"])
async def test_resize_keeps_the_same_text_at_the_top(
    seed_app: Callable[[], ReaderApp],
    body_lines: Callable[[ReaderApp], list[str]],
    sizes: list[tuple[int, int]],
    reopened: bool,
) -> None:
    """Press 3 at 160x48, resize through ``sizes``: section 3's heading stays on top.

    ``reopened``: the article was read before, so its position is restored on opening
    (a restored position pins a character; a stale pin once dragged the view back to it).
    """
    if reopened:
        first = seed_app()
        async with first.run_test(size=WIDE) as pilot:
            await pilot.pause()
            await pilot.press("2", "j", "j")
            await pilot.pause()
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert _top(app, body_lines) == HEADING
        for size in sizes:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert _top(app, body_lines) == HEADING, size


async def test_resize_keeps_a_sentence_in_mid_paragraph(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    """Scrolled into a paragraph, the word at the top stays on the top line at any width
    (and the saved position names the same character throughout)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("3", *"jjjj")
        await pilot.pause()
        anchor = _anchor(app)
        word = _top(app, body_lines).split()[0]
        for size in [NARROW, (150, 48), (140, 48), WIDE]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            top = _top(app, body_lines)
            assert word in top.split(), (size, top)
        assert _anchor(app) == anchor
