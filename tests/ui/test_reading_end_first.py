"""G before a big article's whole is read: its end comes with the cache's head.

A big article reopened from the cache shows its head first and reads the whole after
the first paint (reader.core.format.opening). The head line also carries the article's
end, so G shows the last lines at once, without waiting for the whole; once the whole
is in and laid out, the screen is on the same text of it. An end the whole does not end
with is replaced by the whole's own.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from _big import opened_once, write_big
from _waiting import until
from conftest import WIDE
from textual.pilot import Pilot

from reader.core.format import cache, load_article
from reader.core.format.opening import Rest
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody

#: The longest a test holds the whole back (a guard: each test lets it go itself).
HOLD = 30.0


def _cached(tmp_path: Path) -> Path:
    """A big article file, opened once so that its entry is in the cache."""
    return opened_once(write_big(tmp_path))


def _held(app: ReaderApp) -> threading.Event:
    """Hold the reading of the whole back until the returned event is set."""
    gate = threading.Event()
    real = app._rest
    assert real is not None

    def held() -> Rest:
        gate.wait(HOLD)
        return real()

    app._rest = held
    return gate


@contextlib.asynccontextmanager
async def _reading_held(
    path: Path,
) -> AsyncIterator[tuple[Pilot[None], ReadingScreen, threading.Event]]:
    """The article at ``path`` on a wide screen, the reading of its whole held back
    until the event is set (which this does in any case when the block is left)."""
    app = make_app(path, state=StateStore())
    gate = _held(app)
    try:
        async with app.run_test(size=WIDE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            yield pilot, screen, gate
    finally:
        gate.set()


def _view(body: ArticleBody) -> list[str]:
    return [body.render_line(y).text.strip() for y in range(body.scrollable_content_region.height)]


def _last_line(screen: ReadingScreen) -> str:
    """The last line of text in view (not the attribution reader adds under a quote)."""
    view = _view(screen.body)
    return next(line for line in reversed(view) if line and not line.startswith("—"))


async def test_g_shows_the_end_before_the_whole_is_read(tmp_path: Path) -> None:
    path = _cached(tmp_path)
    whole = load_article(path)
    async with _reading_held(path) as (pilot, screen, gate):
        assert isinstance(pilot.app, ReaderApp) and pilot.app._end is not None
        await pilot.press("G")
        assert not screen._whole  # the whole is still held back
        last = whole.sections[-1].paragraphs[-1].strip()
        assert last.endswith(_last_line(screen).lstrip("▎ "))
        top = screen.body.render_line(0).text
        gate.set()
        await until(pilot, lambda: screen._whole and screen.body.layout_complete, "whole")
        await pilot.pause()
        assert screen.body.render_line(0).text == top  # the same text of the whole
        assert int(screen.body.scroll_y) == screen.body.max_scroll_y


async def test_moving_up_from_the_end_waits_for_the_whole(tmp_path: Path) -> None:
    path = _cached(tmp_path)
    whole = load_article(path)
    async with _reading_held(path) as (pilot, screen, gate):
        await pilot.press("G")
        assert not screen._whole
        gate.set()
        await pilot.press("p")  # the heading above the end: found in the whole
        assert screen._whole and screen.body.layout_complete
        layout = screen.body.text_layout
        above = layout.section_before(screen.body.max_scroll_y)
        headings = {section.id: section.heading for section in whole.sections}
        assert above is not None and headings[above]
        assert screen.body.render_line(0).text.strip() == headings[above]
        assert int(screen.body.scroll_y) == layout.section_line(above)


def _tamper_end(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    entry = Path(cache.cache_dir()) / f"{cache.cache_key(path.read_bytes())}.json"
    first, second = entry.read_bytes().split(b"\n", 1)
    document = json.loads(first)
    change(document["end"]["article"])
    entry.write_bytes(json.dumps(document).encode() + b"\n" + second)


async def test_an_end_the_whole_does_not_end_with_gives_way_to_the_wholes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _cached(tmp_path)
    whole = load_article(path)

    def other_text(article: dict[str, Any]) -> None:
        article["sections"][-1]["heading"] = "A heading the file never had"
        article["sections"][-1]["paragraphs"].append("A paragraph the file never had.")

    _tamper_end(path, other_text)
    async with _reading_held(path) as (pilot, screen, gate):
        await pilot.press("G")
        assert _last_line(screen) == "A paragraph the file never had."
        gate.set()
        await until(pilot, lambda: screen._whole and screen.body.layout_complete, "whole")
        await pilot.pause()
        last = whole.sections[-1].paragraphs[-1].strip()
        assert last.endswith(_last_line(screen).lstrip("▎ "))
        assert "A heading the file never had" not in _view(screen.body)
        assert whole.sections[-1].heading in _view(screen.body)
        assert int(screen.body.scroll_y) == screen.body.max_scroll_y


async def test_g_before_the_whole_shows_where_the_end_is(tmp_path: Path) -> None:
    """The end shown before the whole is read: the header numbers its section among
    all the article's (the end knows where it begins), and the TOC, which lists only
    the head's sections yet, lights none of them (it lit the first, as if in view)."""
    from reader.core.reading import where
    from reader.ui.widgets.reading_header import ReadingHeader
    from reader.ui.widgets.section_list import SectionList

    path = _cached(tmp_path)
    whole = load_article(path)
    async with _reading_held(path) as (pilot, screen, gate):
        toc = screen.query_one(SectionList)
        header = screen.query_one(ReadingHeader)
        await until(pilot, lambda: toc.highlighted == 0, "the first section lit")
        await pilot.press("G")
        assert not screen._whole  # the whole is still held back
        ids = [section.id for section in whole.sections]
        await until(pilot, lambda: screen.current_section != ids[0], "the end in view")
        number = ids.index(screen.current_section or "") + 1
        assert number > toc.option_count  # a section the TOC does not list yet
        total = len(whole.sections)
        await until(pilot, lambda: f"§ {number}/{total}" in header.where, header.where)
        assert toc.highlighted is None
        gate.set()
        await until(pilot, lambda: screen._whole and toc.option_count == total, "whole")
        await until(pilot, lambda: toc.highlighted == number - 1, "its entry lit")
        assert header.where.startswith(where(number, total, None))


async def test_leaving_an_end_the_whole_does_not_end_with_keeps_the_same_text(
    tmp_path: Path,
) -> None:
    """A move that leaves the end shown apart waits for the whole; if the whole's end
    is not the one shown, its own takes its place, and the reader is left on the same
    text (the line was taken against the end shown before: a few lines off)."""
    path = _cached(tmp_path)

    def more_text(article: dict[str, Any]) -> None:
        article["sections"][-1]["paragraphs"].extend(["A paragraph the file never had."] * 6)

    _tamper_end(path, more_text)
    async with _reading_held(path) as (pilot, screen, gate):
        body = screen.body
        await pilot.press("G")
        tail = body._tail.tail
        assert tail is not None and not screen._whole
        # a paragraph of the end's first section (the same in the whole)
        block = next(i for i, b in enumerate(tail.layout.blocks) if i and b.paragraph)
        body.go_to_line(tail.top + tail.layout.block_line[block])
        await pilot.pause()
        top = body.render_line(0).text
        assert top.strip()
        gate.set()
        assert body.text_layout.is_complete  # left the end: waits for the whole
        await until(pilot, lambda: body.layout_complete, "the whole laid out")
        await pilot.pause()
        assert body.render_line(0).text == top
