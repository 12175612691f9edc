"""What the reading screen builds after its first frame, and the collector meanwhile
(reader.ui.screens.reading_build)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from _waiting import until
from conftest import WIDE
from textual.geometry import Region
from textual.widget import Widget

from reader.core.gctools import startup
from reader.core.model import Article, Quote, Section, Speaker
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.reading_build import CHECK_EVERY
from reader.ui.widgets.quote_sidebar import QuoteSidebar
from reader.ui.widgets.section_list import EAGER_ENTRIES, FILL_CHUNK, SectionList


class _Node:
    other: object = None


def _old_garbage() -> weakref.ref[_Node]:
    """A cycle that became garbage in the oldest generation (only a full pass finds it)."""
    node = _Node()
    node.other = node
    gc.collect(1)
    gc.collect(1)
    gone = weakref.ref(node)
    del node
    return gone


def _frozen(objects: list[list[int]]) -> bool:
    """Whether every one of ``objects`` is in the permanent generation (tracked, and in
    none of the collector's three generations)."""
    collected = {id(found) for found in gc.get_objects()}
    return all(gc.is_tracked(item) and id(item) not in collected for item in objects)


def _quoted_article(quotes: int) -> Article:
    """An article with quotes for the sidebar to list."""
    paragraphs = tuple(f"“Point number {n} was made,” said Ana Person." for n in range(quotes))
    return Article(
        id="many-quotes",
        title="Many quotes",
        language="en",
        source="Source",
        sections=(Section("s1", "Part", paragraphs),),
        speakers=(Speaker("ana", "Ana Person"),),
        quotes=tuple(
            Quote(f"q{n}", f"Point number {n} was made,", "ana", "s1", n, "direct")
            for n in range(quotes)
        ),
    )


async def test_full_collections_wait_for_the_build_after_the_first_frame(
    tmp_path: Path, collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started as the CLI starts it, the collector's full passes stay off until the
    layout, the TOC and the sidebar are built (each took 20-65 ms on a 5 MB article,
    holding back the keys pressed then); meanwhile, and then, what was made is
    collected and frozen."""
    sidebar_building = True
    monkeypatch.setattr(QuoteSidebar, "building", property(lambda _: sidebar_building))
    thresholds = gc.get_threshold()
    startup.begin()
    app = ReaderApp(_quoted_article(300), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        # the first frame is drawn: the app ends the pause
        await until(pilot, lambda: not startup.active, "the start's pause ended")
        assert not gc.isenabled()  # held: the screen's checks settle it
        frozen = gc.get_freeze_count()
        assert frozen > 0  # what the start made, at the first frame
        # meanwhile each check collects what was made since the last one, and freezes
        # what lives: garbage that drawing leaves in the oldest generation is freed
        gone = _old_garbage()
        for _ in range(100):
            if gone() is None:
                break
            await pilot.pause(CHECK_EVERY / 2)
        assert gone() is None
        assert not gc.isenabled()  # still held
        made = [[n] for n in range(1000)]
        sidebar_building = False
        for _ in range(100):
            if gc.isenabled():
                break
            await pilot.pause(CHECK_EVERY / 2)
        assert gc.isenabled()
        assert gc.get_threshold() == thresholds
        assert _frozen(made)


async def test_leaving_before_the_build_is_done_ends_the_hold(
    tmp_path: Path, collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QuoteSidebar, "building", property(lambda _: True))
    thresholds = gc.get_threshold()
    startup.begin()
    app = ReaderApp(_quoted_article(300), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert not gc.isenabled()
        await pilot.press("q")
    assert gc.isenabled()
    assert gc.get_threshold() == thresholds


def _big_article(sections: int = 400, quotes_per_section: int = 8) -> Article:
    """Long enough that its layout, TOC and quote list take many slices to build."""
    text = "A sentence that runs long enough to wrap over a line or two of the body. " * 6
    paragraphs = tuple(f"“Point {n} was made,” said Ana Person. {text}" for n in range(4))
    quotes = [
        Quote(f"q{s}-{n}", f"Point {n % 4} was made,", "ana", f"s{s}", n % 4, "direct")
        for s in range(sections)
        for n in range(4)
    ][: sections * quotes_per_section]
    return Article(
        id="big",
        title="A big article",
        language="en",
        source="Source",
        sections=tuple(Section(f"s{s}", f"Part {s}", paragraphs) for s in range(sections)),
        speakers=(Speaker("ana", "Ana Person"),),
        quotes=tuple(quotes),
    )


def _layouts_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The widgets that ask for the screen to be laid out again, one entry per ask."""
    asked: list[str] = []
    refresh = Widget.refresh

    def spy(self: Widget, *regions: Region, **options: bool) -> Widget:
        if options.get("layout"):
            asked.append(type(self).__name__)
        return refresh(self, *regions, **options)

    monkeypatch.setattr(Widget, "refresh", spy)
    return asked


async def test_the_text_laid_out_after_the_first_paint_never_lays_the_screen_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body's length changes at every slice of its layout: only its scrollbar
    follows (a screen layout is a 15-50 ms frame at 160x48 that holds back a key)."""
    asked = _layouts_asked(monkeypatch)
    app = ReaderApp(_big_article(sections=1500), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        for _ in range(1000):
            if body.text_layout.is_complete:
                break
            await pilot.pause(0.01)
        assert body.text_layout.is_complete
        assert body._layout_work.slices > 3  # it was laid out after the first paint
        assert asked.count("ArticleBody") <= 1  # its mount (not 23 times, a slice each)
        await pilot.pause()
        assert body.virtual_size.height >= body.text_layout.line_count
        assert body.vertical_scrollbar.window_virtual_size == body.virtual_size.height


async def test_a_long_text_is_folded_for_find_in_the_slices_after_its_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folding a 5 MB article's 31,000 blocks for its first find held the app ~95 ms in
    one turn: a text laid out in slices is folded in them too, so that find only looks
    its phrase up."""
    from reader.ui.text import finder

    app = ReaderApp(_big_article(sections=1500), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await until(pilot, lambda: body.layout_complete, "laid out")
        await until(pilot, lambda: not body._layout_work.running, "the slices done")
        assert body._layout_work.slices > 3  # laid out (and folded) after the first paint

        def not_again(text: str) -> str | None:
            raise AssertionError("folded by the find")

        monkeypatch.setattr(finder, "fold_in_place", not_again)
        assert body.find("wrap over") == 1500 * 4 * 6


async def test_a_long_toc_is_filled_in_slices_without_laying_the_screen_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _layouts_asked(monkeypatch)
    app = ReaderApp(_big_article(sections=EAGER_ENTRIES + 3 * FILL_CHUNK), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        toc = app.screen.query_one(SectionList)
        for _ in range(500):
            if toc.filled:
                break
            await pilot.pause(0.01)
        assert toc.filled
        assert toc._work.slices >= 1
        assert toc.option_count == EAGER_ENTRIES + 3 * FILL_CHUNK
        # when it is mounted and when its scrollbar appears; not at every chunk of
        # entries (8 times for these 500 sections)
        assert asked.count("SectionList") <= 2


def test_a_runner_does_not_keep_its_screen_alive() -> None:
    """The runners are kept per screen in a weak dictionary; a runner holding its screen
    strongly kept every screen it had run for (and its article) for good."""
    from reader.ui import sliced

    owner = Widget()  # on no screen: it is its own runner's screen
    sliced._runner(owner)
    assert owner in sliced._runners
    gone = weakref.ref(owner)
    del owner
    gc.collect()
    assert gone() is None


def test_a_settle_lets_a_key_go_first_a_few_checks_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While a key's frame is still to be drawn (or a key is on its way), a check
    leaves its settle to the next one: a keystroke typed as a big article's whole came
    in waited for the settle's pass (5-9 ms on 5 MB). Never more than MAX_DEFER checks
    in a row: the build's garbage is still freed."""
    from types import SimpleNamespace

    from reader.ui.screens import reading_build

    settled: list[int] = []
    monkeypatch.setattr(startup, "hold", lambda: True)
    monkeypatch.setattr(startup, "settle", lambda: settled.append(1))
    monkeypatch.setattr(startup, "release", lambda: None)
    waiting = [False]
    monkeypatch.setattr(reading_build, "messages_waiting", lambda owner: waiting[0])
    timer = SimpleNamespace(stop=lambda: None)
    owner = SimpleNamespace(set_interval=lambda *args: timer, key_frame_pending=True)
    pause = reading_build.BuildPause(owner, built=lambda: False, settle=lambda: True)  # type: ignore[arg-type]
    for _ in range(reading_build.MAX_DEFER):
        pause._check()
    assert settled == []  # a key's frame to draw first
    pause._check()
    assert settled == [1]  # not for ever
    owner.key_frame_pending = False
    pause._check()
    assert settled == [1, 1]  # no key: settled at each check
    waiting[0] = True  # a key on its way to its handler
    pause._check()
    assert settled == [1, 1]
