"""Find in the article text: all matches highlighted, next/previous, "N of M"."""

from __future__ import annotations

from collections.abc import Callable

from conftest import WIDE
from textual.widgets import Input, Label

from reader.core.model import Article
from reader.core.search import find_phrase
from reader.ui.app import ReaderApp
from reader.ui.widgets.body import ArticleBody
from reader.ui.widgets.find_bar import FindBar


def _counter(app: ReaderApp) -> str:
    return str(app.screen.query_one("#find-count", Label).content)


async def test_find_next_previous_and_counter(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        bar = app.screen.query_one(FindBar)
        await pilot.press("ctrl+f")
        assert bar.is_open
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*"sanksi")
        await pilot.pause()
        total = body.match_count
        assert total >= 8  # "sanksi" and "Sanksi": case-insensitive
        assert _counter(app) == f"1 of {total}"
        await pilot.press("enter")
        assert _counter(app) == f"2 of {total}"
        await pilot.press("f3")
        await pilot.press("ctrl+g")
        assert _counter(app) == f"4 of {total}"
        await pilot.press("shift+f3")
        assert _counter(app) == f"3 of {total}"
        await pilot.press("shift+enter", "shift+enter")
        assert _counter(app) == f"1 of {total}"
        await pilot.press("shift+enter")
        assert _counter(app) == f"{total} of {total}"  # wraps around backwards
        # the current match (the last, far down the article) is on screen
        match = body.current_match()
        assert match is not None
        line = body.text_layout.line_of(match[0], match[1])
        assert int(body.scroll_y) <= line < int(body.scroll_y) + body.size.height
        await pilot.press("enter")
        assert _counter(app) == f"1 of {total}"  # and forwards
        await pilot.press("escape")
        assert not bar.is_open
        assert body.match_count == 0
        assert app.screen.focused is body


async def test_find_ignores_case_and_only_searches_the_text(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", *"MEDVEDEV")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        in_text = sum(len(find_phrase(text, "medvedev")) for _s, _i, text in seed_article.blocks())
        assert body.match_count == in_text == 5
        await pilot.press("ctrl+a", "backspace", *"zzz")
        await pilot.pause()
        assert body.match_count == 0
        assert _counter(app) == "no matches"


async def test_f3_steps_from_the_body_after_closing_focus(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await pilot.press("ctrl+f", *"Lavrov")
        await pilot.pause()
        total = body.match_count
        body.focus()
        await pilot.press("f3")
        assert body.match_index == 1
        await pilot.press("shift+f3", "shift+f3")
        assert body.match_index == total - 1


async def test_find_starts_at_the_first_match_at_or_below_the_view(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await pilot.press("4")  # the last section at the top
        top = int(body.scroll_y)
        total = body.find("sanksi")
        match = body.current_match()
        assert match is not None and total >= 8
        assert body.match_index > 0  # not simply the first match of the article
        assert body.text_layout.line_of(match[0], match[1]) >= top
        body.find_step(-1)
        earlier = body.current_match()
        assert earlier is not None
        assert body.text_layout.line_of(earlier[0], earlier[1]) < top
