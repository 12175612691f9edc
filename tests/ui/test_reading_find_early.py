"""Find at any moment: on a big article's head before its whole is read, and built
ahead once the screen is idle.

``f`` opens the bar at once, whatever is still being read or built: a find looks in
the text there is (the head of a big article), says its count is partial ("3 of 12+"),
and goes on into the rest when it comes, never waiting for it on the UI thread. The
rest of the article is held back by a gate here, so the tests see the head-only state
for as long as they need; a key that waited for the whole would wait for the gate,
which gives up after a minute and says so (the test fails instead of hanging).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from time import perf_counter
from typing import Any

import pytest
from _big import SECTIONS, opened_once, write_big
from _waiting import until
from conftest import WIDE, screen_built
from textual.pilot import Pilot
from textual.widgets import Input, Label

from reader.core.format import load_article
from reader.core.search import find_phrase
from reader.core.state import StateStore
from reader.ui import sliced
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens import reading_find
from reader.ui.screens.reading import ReadingScreen
from reader.ui.sliced import messages_waiting
from reader.ui.widgets import body_find, body_layout
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.body_find import BodyFind
from reader.ui.widgets.find_bar import FindBar

#: In every section of the big article, four times (the paragraph quoting the author).
WORD = "committee"


class Gate:
    """Holds the reading of an app's whole article until opened."""

    def __init__(self, app: ReaderApp, *, extends: bool = True) -> None:
        self.opened = threading.Event()
        #: set if the gate gave up: something waited for the whole on the UI thread
        self.gave_up = threading.Event()
        rest = app._rest
        assert rest is not None, "the article is not opened head first"

        def held() -> Any:
            if not self.opened.wait(60):
                self.gave_up.set()
            whole = rest()
            return whole if extends else whole._replace(extends=False)

        app._rest = held


@asynccontextmanager
async def _head_first(
    tmp_path: Path, *, cached: bool = False, extends: bool = True
) -> AsyncIterator[tuple[ReaderApp, Pilot[Any], Gate]]:
    """The big article's app, its whole held back by a gate (opened at the end in any
    case: a failed test must not wait for it to give up); ``cached``: opened before,
    so its head comes from the article cache with its end; ``extends`` False: the
    whole is taken as one that does not begin with the head (laid out afresh)."""
    path = write_big(tmp_path)
    if cached:
        opened_once(path)
    app = make_app(path, state=StateStore())
    assert isinstance(app, ReaderApp)
    gate = Gate(app, extends=extends)
    async with app.run_test(size=WIDE) as pilot:
        try:
            yield app, pilot, gate
        finally:
            gate.opened.set()


def _counter(app: ReaderApp) -> str:
    return str(app.screen.query_one("#find-count", Label).content)


def _count(app: ReaderApp, query: str) -> int:
    article = app.screen.article  # type: ignore[attr-defined]
    return sum(len(find_phrase(text, query)) for _s, _i, text in article.blocks())


async def _whole_taken(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await until(pilot, lambda: getattr(app, "_rest", 1) is None, "the whole article taken")


async def test_f_opens_on_the_head_and_the_whole_completes_the_count(tmp_path: Path) -> None:
    async with _head_first(tmp_path) as (app, pilot, gate):
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.query_one(ArticleBody)
        await pilot.press("f")
        bar = screen.find_bar
        assert bar.is_open and isinstance(screen.focused, Input)
        await pilot.press(*WORD)
        await pilot.pause()
        in_head = _count(app, WORD)
        assert app._rest is not None and 0 < in_head < 4 * SECTIONS  # only the head
        assert body.match_count == in_head and not body.find_complete
        assert _counter(app) == f"1 of {in_head}+"
        await pilot.press("enter")
        assert _counter(app) == f"2 of {in_head}+"
        current = body.current_match()
        gate.opened.set()
        await _whole_taken(pilot)
        await until(pilot, lambda: body.find_complete, "the whole searched")
        await pilot.pause()
        assert not gate.gave_up.is_set()
        whole = load_article(tmp_path / "big.yaml")
        total = sum(len(find_phrase(text, WORD)) for _s, _i, text in whole.blocks())
        assert total == 4 * SECTIONS
        assert body.match_count == total
        assert body.current_match() == current  # the reader stays on the match
        assert _counter(app) == f"2 of {total}"
        await pilot.press("escape")
        assert not bar.is_open and body.has_focus and body.match_count == 0


async def test_f3_past_the_heads_last_match_goes_on_into_the_whole(tmp_path: Path) -> None:
    async with _head_first(tmp_path) as (app, pilot, gate):
        screen = app.screen
        body = screen.query_one(ArticleBody)
        await pilot.press("f", *WORD)
        await pilot.pause()
        in_head = body.match_count
        assert in_head > 1 and not body.find_complete
        await pilot.press("up")  # back from the first: the last is not known yet
        assert _counter(app) == f"1 of {in_head}+"
        for _ in range(in_head - 1):
            await pilot.press("f3")
        assert _counter(app) == f"{in_head} of {in_head}+"
        last = body.current_match()
        await pilot.press("f3")  # past the head's last match: waits for the rest
        await pilot.press("f3")  # (a second step while waiting changes nothing)
        await pilot.pause()
        assert app._rest is not None and not gate.gave_up.is_set()
        assert body.current_match() == last and _counter(app) == f"{in_head} of {in_head}+"
        gate.opened.set()
        await _whole_taken(pilot)
        await until(pilot, lambda: body.match_index == in_head, "the step taken in the whole")
        match = body.current_match()
        assert last is not None and match is not None and match > last
        line = body.text_layout.line_of(match[0], match[1])
        assert int(body.scroll_y) <= line < int(body.scroll_y) + body.size.height
        await until(pilot, lambda: body.find_complete, "the whole searched")
        await pilot.pause()
        assert _counter(app) == f"{in_head + 1} of {4 * SECTIONS}"
        assert not gate.gave_up.is_set()


async def test_a_whole_laid_out_afresh_is_searched_for_the_same_phrase(
    tmp_path: Path,
) -> None:
    """A whole that does not begin with the head shown is laid out from its start:
    the find goes on in it, for what the reader typed (the query was lost)."""
    async with _head_first(tmp_path, extends=False) as (app, pilot, gate):
        body = app.screen.query_one(ArticleBody)
        await pilot.press("f", *WORD)
        await pilot.pause()
        assert 0 < body.match_count < 4 * SECTIONS
        gate.opened.set()
        await _whole_taken(pilot)
        await until(pilot, lambda: body.find_complete, "the whole searched")
        await pilot.pause()
        assert body.find_query == WORD and body.match_count == 4 * SECTIONS
        assert _counter(app) == f"{body.match_index + 1} of {4 * SECTIONS}"


async def test_a_phrase_only_in_the_rest_is_searched_for_then_found(tmp_path: Path) -> None:
    """No match in the head is not "no matches" yet: the bar says it is searching, and
    the first match goes on screen when the rest comes."""
    phrase = f"part {SECTIONS - 1},"  # the last section's own words
    async with _head_first(tmp_path) as (app, pilot, gate):
        body = app.screen.query_one(ArticleBody)
        await pilot.press("f", *phrase)
        await pilot.pause()
        assert body.match_count == 0 and _counter(app) == "searching…"
        assert not app.screen.query_one("#find-count").has_class("-none")
        gate.opened.set()
        await _whole_taken(pilot)
        await until(pilot, lambda: body.find_complete, "the whole searched")
        await pilot.pause()
        assert body.match_count == 12 and _counter(app) == "1 of 12"
        assert not gate.gave_up.is_set()
        await pilot.press("ctrl+a", *"zzz")
        await pilot.pause()
        assert _counter(app) == "no matches"


async def test_find_with_the_end_shown_before_the_whole_waits_for_it(tmp_path: Path) -> None:
    """``G`` shows the end carried with the head before the whole is read; a find
    then looks in what is there and goes to a match once the whole is (going to one
    from the end shown apart lays the whole text out)."""
    async with _head_first(tmp_path, cached=True) as (app, pilot, gate):
        body = app.screen.query_one(ArticleBody)
        await pilot.press("G")
        await pilot.pause()
        assert body._tail.tail is not None and app._rest is not None
        await pilot.press("f", *WORD)
        await pilot.pause()
        in_head = body.match_count
        assert not gate.gave_up.is_set()
        assert in_head > 0 and body.match_index == -1
        assert _counter(app) == f"{in_head}+ matches"
        await pilot.press("f3")
        assert body.match_index == -1 and app._rest is not None
        gate.opened.set()
        await _whole_taken(pilot)
        await until(pilot, lambda: body.find_complete, "the whole searched")
        await pilot.pause()
        assert not gate.gave_up.is_set()
        total = 4 * SECTIONS
        assert _counter(app) == f"{total} of {total}"  # below the view: none, so the last
        match = body.current_match()
        assert match is not None
        line = body.text_layout.line_of(match[0], match[1])
        assert int(body.scroll_y) <= line < int(body.scroll_y) + body.size.height


async def test_a_step_waiting_with_the_end_shown_never_lays_the_whole_out_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The step taken once the whole is searched goes to its match after the layout's
    own slices have left the end shown apart: going there first laid the whole text
    out in that one slice (~40 ms on a 5 MB article, a key pressed then waited)."""
    shown_apart: list[bool] = []
    go_to = BodyFind._go_to

    def recorded(finder: BodyFind, index: int) -> None:
        shown_apart.append(finder.body._tail.tail is not None)
        go_to(finder, index)

    monkeypatch.setattr(BodyFind, "_go_to", recorded)
    async with _head_first(tmp_path, cached=True) as (app, pilot, gate):
        body = app.screen.query_one(ArticleBody)
        await pilot.press("G")
        await pilot.pause()
        assert body._tail.tail is not None
        await pilot.press("f", *WORD)
        await pilot.pause()
        assert body.match_index == -1 and not shown_apart  # waiting for the whole
        gate.opened.set()
        await _whole_taken(pilot)
        await until(pilot, lambda: body.match_index >= 0, "the step taken in the whole")
        assert shown_apart == [False]
        assert body.layout_complete and body.find_complete


async def test_f3_with_the_end_still_apart_never_lays_the_whole_out_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every match known but the end still shown apart (the layout's slices not done
    yet): F3 goes to its match once the layout has left the end, never finishing the
    layout itself in the key's turn (~40 ms on 5 MB)."""
    shown_apart: list[bool] = []
    go_to = BodyFind._go_to
    leave_tail = ArticleBody._leave_tail

    def recorded(finder: BodyFind, index: int) -> None:
        shown_apart.append(finder.body._tail.tail is not None)
        go_to(finder, index)

    def left(body: ArticleBody, y: int) -> int:
        # the end left with the layout not done: the layout finished in this turn
        layout = body._layout
        shown_apart.append(layout is None or not layout.is_complete)
        return leave_tail(body, y)

    monkeypatch.setattr(BodyFind, "_go_to", recorded)
    monkeypatch.setattr(ArticleBody, "_leave_tail", left)
    # the layout in many slices (its own, and the waiting step's): a wide window
    monkeypatch.setattr(body_layout, "LAYOUT_CHUNK", 1)
    monkeypatch.setattr(body_find, "LAY_OUT_CHUNK", 1)
    monkeypatch.setattr(sliced, "SLICE", 0.0)
    async with _head_first(tmp_path, cached=True) as (app, pilot, gate):
        body = app.screen.query_one(ArticleBody)
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("f", *WORD)
        gate.opened.set()
        await _whole_taken(pilot)
        await until(pilot, lambda: body.find_complete, "the whole searched")
        assert body._tail.tail is not None  # the layout has not left the end yet
        shown_apart.clear()
        await pilot.press("f3")
        await until(pilot, lambda: body.layout_complete and body.match_index >= 0, "gone")
        assert shown_apart and not any(shown_apart)


async def test_the_bar_is_built_hidden_once_the_screen_is_built(
    tmp_path: Path, seed_path: Path
) -> None:
    """Once the screen has nothing left to build, the find bar and its parts are
    mounted, hidden: ``f`` then only shows them (the same field, focused)."""
    app = make_app(seed_path, state=StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.query_one(ArticleBody)
        await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
        await pilot.pause()
        bar = screen.query_one(FindBar)
        field = bar.query_one("#find-input", Input)
        assert screen._built() and field.is_mounted
        assert not bar.is_open and not bar.display and body.has_focus
        await pilot.press("f")
        assert bar.is_open and screen.focused is field
        assert screen.query_one("#find-input") is field and len(screen.query(FindBar)) == 1
        await pilot.press(*"sanksi")
        await pilot.pause()
        assert _counter(app) == f"1 of {body.match_count}" and body.find_complete


async def test_the_bar_is_not_built_while_keys_come(
    tmp_path: Path, seed_path: Path, monkeypatch: Any
) -> None:
    """The bar's mount lays the text's column out (a frame of the whole text pane):
    once the screen is built, it waits while a key is on its way or has just been
    answered (Enter in the quote search, sent as the seed's build ended, came after
    it), and is mounted at the first check after the keys stop."""
    # the checks made here, not by the screen's timer, at moments set here: a loaded
    # machine's pause after the keys outlasted the 0.1 s a key counts as recent
    monkeypatch.setattr(reading_find, "BUILT_CHECK", 3600.0)
    monkeypatch.setattr(reading_find, "MAX_WAIT", float("inf"))
    now = [0.0]
    monkeypatch.setattr(reading_find, "perf_counter", lambda: now[0])
    app = make_app(seed_path, state=StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await screen_built(pilot)
        now[0] = perf_counter()  # as the keys come (typed as the build ends)
        await pilot.press("slash", *"sanksi")
        screen._build_find_bar_when_built()
        await pilot.pause()
        assert not screen.find_bar.is_mounted
        now[0] = float("inf")  # long after them
        await until(pilot, lambda: not messages_waiting(screen), "the keys' messages handled")
        screen._build_find_bar_when_built()
        await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
        assert not screen.find_bar.display


async def test_the_bar_opens_before_the_screen_is_built(
    tmp_path: Path, seed_path: Path, monkeypatch: Any
) -> None:
    """A key before the build is done mounts the bar then; F3 and Escape before it
    ever opens do nothing."""
    monkeypatch.setattr(ReadingScreen, "_built", lambda self: False)
    app = make_app(seed_path, state=StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        await pilot.press("f3", "shift+f3", "escape")
        await pilot.pause(0.3)
        assert app.screen is screen and not screen.query(FindBar)
        await pilot.press("f", *"sanksi")
        await pilot.pause()
        bar = screen.query_one(FindBar)
        assert bar.is_open and bar.query_text == "sanksi"
        assert screen.query_one(ArticleBody).match_count > 0
        await pilot.press("escape")
        assert not bar.is_open and screen.query_one(ArticleBody).has_focus
        await pilot.press("f")
        assert bar.is_open and len(screen.query(FindBar)) == 1


async def test_a_burst_of_typed_keys_is_looked_up_once(
    tmp_path: Path, seed_path: Path, monkeypatch: Any
) -> None:
    """Each key typed posts a change, but by the time the screen handles the first,
    the field may hold the whole burst: only the field's text is looked up (a find
    of "s" alone took ~150 ms on a 5 MB article)."""
    app = make_app(seed_path, state=StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        body = app.screen.query_one(ArticleBody)
        looked: list[str] = []
        find = body.find

        def recording(query: str) -> int:
            looked.append(query)
            return find(query)

        monkeypatch.setattr(body, "find", recording)
        field = app.screen.query_one("#find-input", Input)
        field.insert_text_at_cursor("s")
        field.insert_text_at_cursor("anksi")
        await pilot.pause()
        await pilot.pause()
        assert looked == ["sanksi"] and body.match_count > 0
