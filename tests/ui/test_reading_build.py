"""What the reading screen builds after its first frame, and the collector meanwhile
(reader.ui.screens.reading_build)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import WIDE

from reader.core.gctools import FULL_PASSES_OFF, startup
from reader.core.model import Article, Quote, Section, Speaker
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.reading_build import CHECK_EVERY
from reader.ui.widgets.quote_sidebar import QuoteSidebar


@pytest.fixture
def collector_restored() -> Iterator[None]:
    thresholds = gc.get_threshold()
    was = gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    if was:
        gc.enable()


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
    holding back the keys pressed then); then what was made is frozen."""
    sidebar_building = True
    monkeypatch.setattr(QuoteSidebar, "building", property(lambda _: sidebar_building))
    thresholds = gc.get_threshold()
    startup.begin()
    app = ReaderApp(_quoted_article(300), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        for _ in range(3):
            await pilot.pause(CHECK_EVERY)
        assert not startup.active  # the first frame is drawn: the app ended the pause
        assert gc.isenabled()
        assert gc.get_threshold()[2] == FULL_PASSES_OFF
        frozen = gc.get_freeze_count()
        assert frozen > 0  # what the start made, at the first frame
        made = [[n] for n in range(1000)]
        sidebar_building = False
        for _ in range(100):
            if gc.get_threshold() == thresholds:
                break
            await pilot.pause(CHECK_EVERY / 2)
        assert gc.get_threshold() == thresholds
        assert gc.get_freeze_count() >= frozen + len(made)


async def test_leaving_before_the_build_is_done_ends_the_hold(
    tmp_path: Path, collector_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QuoteSidebar, "building", property(lambda _: True))
    thresholds = gc.get_threshold()
    startup.begin()
    app = ReaderApp(_quoted_article(300), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] == FULL_PASSES_OFF
        await pilot.press("q")
    assert gc.get_threshold() == thresholds
