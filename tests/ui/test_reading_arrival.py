"""The moment a big article's whole arrives (read in a thread after its head's first
paint): what it does on the UI thread is short, and what can wait is left to slices.

A key pressed then waits for all of it: on the 5 MB article the arrival held the screen
9.5 ms (a slice each of the body's layout and the TOC, run in the call), and the next
settle of the collector 12 ms more (a pass over the whole, read in the thread).
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
from pathlib import Path
from typing import Any

import pytest
from _big import big_article, write_big
from _waiting import until
from conftest import WIDE

from reader.core.gctools import startup
from reader.core.model import Article
from reader.core.state import StateStore
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.section_list import SectionList


def _frozen(objects: list[object]) -> bool:
    """Whether every one of ``objects`` is in the permanent generation (tracked, and in
    none of the collector's three generations)."""
    collected = {id(found) for found in gc.get_objects()}
    return all(gc.is_tracked(item) and id(item) not in collected for item in objects)


async def test_the_whole_is_frozen_as_it_arrives_not_walked_by_a_settle(
    tmp_path: Path, collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started as the CLI starts it, the whole article read in the thread is in the
    permanent generation by the time the screen takes it: the next settle's pass does
    not walk it on the UI thread."""
    frozen_on_arrival: list[bool] = []
    take_whole = ReadingScreen.take_whole

    def taking(screen: ReadingScreen, whole: Article, **kwargs: Any) -> None:
        objects: list[object] = [whole, *whole.sections, *whole.quotes]
        frozen_on_arrival.append(_frozen(objects))
        take_whole(screen, whole, **kwargs)

    monkeypatch.setattr(ReadingScreen, "take_whole", taking)
    startup.begin()
    app = make_app(write_big(tmp_path), state=StateStore())
    assert app._rest is not None
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: bool(frozen_on_arrival), "the whole arrived")
    assert frozen_on_arrival == [True]


async def test_the_whole_arriving_runs_no_slice_of_the_layout_or_the_toc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body's layout and the TOC go on from the head in the runner's slices, none
    of them in the call that hands the whole over (a key waits for that call)."""
    slices: list[tuple[int, int, int, int]] = []
    listed: list[tuple[int, int]] = []
    take_whole = ReadingScreen.take_whole

    def taking(screen: ReadingScreen, whole: Article, **kwargs: Any) -> None:
        table = screen.query_one(SectionList)
        body, toc = screen.body._layout_work, table._work
        before = (body.slices, toc.slices)
        take_whole(screen, whole, **kwargs)
        slices.append((*before, body.slices, toc.slices))
        listed.append((table.option_count, table.scrollable_content_region.height))

    monkeypatch.setattr(ReadingScreen, "take_whole", taking)
    app = make_app(write_big(tmp_path), state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: bool(slices), "the whole arrived")
        body_before, toc_before, body_after, toc_after = slices[0]
        assert (body_after, toc_after) == (body_before, toc_before)
        # but the entries the TOC's view has room for, at once (drawn in the next frame)
        options, rows = listed[0]
        assert rows > 0 and options >= rows
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        toc = screen.query_one(SectionList)
        await until(pilot, lambda: toc.filled, "the TOC filled")
        assert toc.option_count == len(screen.article.sections)
        assert toc._work.slices > toc_before  # in the runner's slices
        await until(pilot, lambda: screen.body.layout_complete, "the text laid out")


async def test_a_whole_that_does_not_begin_with_the_head_keeps_the_toc_until_its_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TOC is listed again from the first entry in a slice of its own: until then
    it keeps the head's entries (it was emptied in the arrival's call, and drawn
    empty until the slice came)."""
    whole = big_article()
    moved = dataclasses.replace(whole, quotes=(*whole.quotes[1:], whole.quotes[0]))
    listed: list[int] = []
    take_whole = ReadingScreen.take_whole

    def taking(screen: ReadingScreen, whole: Article, **kwargs: Any) -> None:
        take_whole(screen, whole, **kwargs)
        listed.append(screen.query_one(SectionList).option_count)

    monkeypatch.setattr(ReadingScreen, "take_whole", taking)
    app = make_app(write_big(tmp_path, moved), state=StateStore())
    head = app._start
    assert isinstance(head, Article)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: bool(listed), "the whole arrived")
        assert listed[0] >= len(head.sections) > 0
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.article == moved
        toc = screen.query_one(SectionList)
        await until(pilot, lambda: toc.filled, "the TOC filled")
        ids = [toc.get_option_at_index(i).id for i in range(toc.option_count)]
        assert ids == [section.id for section in moved.sections]


async def test_a_whole_read_after_the_app_ended_is_not_handed_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader quit while the whole was read in its thread: the thread ends without
    handing it over (the app's loop may be closed by then)."""
    import threading

    taken: list[bool] = []
    app = make_app(write_big(tmp_path), state=StateStore())
    monkeypatch.setattr(app, "_read_rest", lambda: None)  # no thread of its own
    async with app.run_test(size=WIDE):
        pass
    monkeypatch.setattr(app, "_take_rest", lambda: taken.append(True))
    worker = threading.Thread(target=app._rest_worker)
    worker.start()
    await asyncio.to_thread(worker.join, 30)
    assert not worker.is_alive()
    assert taken == []
