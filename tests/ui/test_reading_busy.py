"""Keys while the reading screen builds after its first frame: what the build leaves
alone so that a key is not held back (reader.ui.sliced, the body's layout, the lists).

- a key's messages are handled before the next slice of work (not between slices);
- the body's text growing below the view does not draw the view again;
- options added to a list below a full view do not draw the list again;
- a big article's reading time is counted in the thread that reads the whole.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from time import perf_counter

import pytest
from _big import write_big
from _waiting import until
from conftest import WIDE, sidebar_ready
from textual.app import App, ComposeResult
from textual.message import Message
from textual.strip import Strip
from textual.widgets.option_list import Option

from reader.core.model import Article, Quote, Section, Speaker
from reader.core.state import StateStore
from reader.ui import sliced
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.sliced import SLICE, SlicedWork
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.reading_header import ReadingHeader


def _long_article(sections: int = 300) -> Article:
    text = "A sentence that runs long enough to wrap over a line or two of the body. " * 6
    paragraphs = tuple(f"“Point {n} was made,” said Ana Person. {text}" for n in range(4))
    return Article(
        id="long",
        title="A long article",
        language="en",
        source="Source",
        sections=tuple(Section(f"s{s}", f"Part {s}", paragraphs) for s in range(sections)),
        speakers=(Speaker("ana", "Ana Person"),),
        quotes=tuple(
            Quote(f"q{s}", "Point 0 was made,", "ana", f"s{s}", 0, "direct")
            for s in range(sections)
        ),
    )


async def test_a_keys_messages_go_before_the_next_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key sent while work goes on in slices (work that lasts until the key is
    handled, as a huge article's layout and quote list do for a second) is handled
    before another slice runs, and does what it should ("n": the next section at the
    top): each hop of the key between Textual's queues no longer waits for one.

    The order, not how long a slice waits for a key's hops (``YIELD_LIMIT``, which a
    loaded machine can outlast): the limit is set out of reach."""
    slices = 0
    advance = SlicedWork.advance

    def counted(work: SlicedWork) -> None:
        nonlocal slices
        slices += 1
        advance(work)

    monkeypatch.setattr(sliced, "YIELD_LIMIT", 60.0)
    monkeypatch.setattr(SlicedWork, "advance", counted)
    handled: list[int] = []
    step = ReadingScreen.action_step_section

    def stepped(screen: ReadingScreen, direction: int) -> None:
        handled.append(slices)
        step(screen, direction)

    monkeypatch.setattr(ReadingScreen, "action_step_section", stepped)

    def busy() -> Iterator[None]:
        while not handled:
            started = perf_counter()
            while perf_counter() - started < SLICE / 4:
                pass
            yield

    app = ReaderApp(_long_article(40), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await sidebar_ready(pilot)
        work = SlicedWork(screen.body, "busy")
        work.start(busy())
        assert work.running
        sent = slices
        app.simulate_key("n")
        await until(pilot, lambda: handled, "the key handled")
        assert handled == [sent]  # no slice ran between the key and its handler
        await pilot.pause()
        assert screen.body.scroll_y == screen.body.text_layout.section_line("s0")


class _Waiting(Message, bubble=False):
    """A message that waits in a widget's queue until the loop gets to it."""


async def test_a_message_in_a_container_of_the_focused_widget_holds_slices_back(
    tmp_path: Path,
) -> None:
    """A key bubbles from the focused body through ``#reading`` and ``#panes`` to the
    screen: a message waiting in any of those queues goes before the next slice, and
    one in a widget off that path (the TOC) does not hold the work back."""
    from reader.ui.sliced import messages_waiting

    app = ReaderApp(_long_article(40), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await sidebar_ready(pilot)
        screen.body.focus()
        await until(pilot, lambda: screen.focused is screen.body, "the body focused")
        for hop in ("#reading", "#panes", "#toc"):
            await until(pilot, lambda: not messages_waiting(screen), "all handled")
            screen.query_one(hop).post_message(_Waiting())
            assert messages_waiting(screen) == (hop != "#toc"), hop


async def test_the_text_growing_below_the_view_does_not_draw_the_view_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[int] = []
    render_line = ArticleBody.render_line

    def counted(body: ArticleBody, y: int) -> Strip:
        drawn.append(y)
        return render_line(body, y)

    held = threading.Event()
    lay_out_more = ArticleBody._lay_out_more
    monkeypatch.setattr(
        ArticleBody, "_lay_out_more", lambda body, layout: held.set() if not held.is_set() else None
    )
    app = ReaderApp(_long_article(), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await until(pilot, held.is_set, "the layout's continuation asked for")
        await pilot.pause()
        assert body._layout is not None and not body._layout.is_complete
        monkeypatch.setattr(ArticleBody, "render_line", counted)
        monkeypatch.setattr(ArticleBody, "_lay_out_more", lay_out_more)
        lay_out_more(body, body._layout)
        await until(pilot, lambda: body.layout_complete, "the layout done")
        await pilot.pause()
        assert drawn == []
        assert body.virtual_size.height >= body.text_layout.line_count  # the scrollbar grew


class _ListApp(App[None]):
    CSS = "CursorList { height: 1fr; }"  # as the quote list and the TOC are

    def compose(self) -> ComposeResult:
        yield CursorList(*[Option(f"Option {n}", id=f"o{n}") for n in range(5)], id="list")


def _lines_drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The y of every line a CursorList draws from here on, in order."""
    drawn: list[int] = []
    render_line = CursorList.render_line

    def counted(option_list: CursorList, y: int) -> Strip:
        drawn.append(y)
        return render_line(option_list, y)

    monkeypatch.setattr(CursorList, "render_line", counted)
    return drawn


async def test_options_added_below_a_full_view_do_not_draw_the_list_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn = _lines_drawn(monkeypatch)
    app = _ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        option_list = app.query_one(CursorList)
        option_list.add_options([Option(f"More {n}", id=f"m{n}") for n in range(3)])
        await pilot.pause()
        # the view was not full: what was added is drawn
        assert "More 2" in "".join(option_list.render_line(y).text for y in range(10))
        option_list.add_options([Option(f"Fill {n}", id=f"f{n}") for n in range(20)])
        await pilot.pause()
        drawn.clear()
        option_list.add_options([Option(f"Below {n}", id=f"b{n}") for n in range(20)])
        await pilot.pause()
        assert drawn == []
        assert option_list.virtual_size.height == 5 + 3 + 20 + 20  # the scrollbar follows
        option_list.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "Below 19" in "".join(option_list.render_line(y).text for y in range(10))


async def test_a_list_is_drawn_once_as_it_is_first_laid_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Resize that follows a list's first layout finds it measured and drawn at that
    width already: nothing is measured or drawn again (``OptionList`` dropped it all and
    the next frame redrew the list). A new width is measured again."""
    drawn = _lines_drawn(monkeypatch)
    app = _ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert drawn.count(0) == 1
        option_list = app.query_one(CursorList)
        option_list.add_options([Option("a long option " * 4, id="long")])
        await pilot.pause()
        wide = option_list.virtual_size.height
        assert wide > 5 + 1  # the long option wraps
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        await pilot.pause()
        assert option_list.virtual_size.height > wide  # measured at the new width


async def test_the_reading_time_of_a_big_whole_is_counted_off_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import reading
    from reader.ui.screens import reading as reading_screen

    counted_on: list[str] = []
    minutes = reading.reading_minutes

    def spy(article: Article, words_per_minute: int = reading.WORDS_PER_MINUTE) -> int:
        counted_on.append(threading.current_thread().name)
        return minutes(article, words_per_minute)

    monkeypatch.setattr(reading, "reading_minutes", spy)
    monkeypatch.setattr(reading_screen, "reading_minutes", spy)
    path = write_big(tmp_path)
    app = make_app(path, state=StateStore())
    assert app._rest is not None
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen._whole, "the whole")
        await pilot.pause()
        expected = f"{minutes(screen.article)} min read"
        assert expected in screen.query_one(ReadingHeader).info
    assert counted_on and threading.main_thread().name not in counted_on


async def test_the_share_read_shows_once_a_long_text_is_laid_out(tmp_path: Path) -> None:
    """The header's "x%" needs the whole text laid out (after a resize too, which lays
    a long text out again in slices); it was shown only at the next move after that,
    so a reader who had not moved saw none for good."""
    app = ReaderApp(_long_article(), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        header = screen.query_one(ReadingHeader)
        await until(pilot, lambda: screen.body.layout_complete, "the text laid out")
        await pilot.resize_terminal(WIDE[0] - 20, WIDE[1])  # laid out again, in slices
        await until(pilot, lambda: screen.body.layout_complete, "the text laid out again")
        await until(pilot, lambda: "%" in header.where, "the share read shown")
        assert header.where.endswith("0%")


async def test_typing_a_quote_search_does_not_lay_the_screen_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each keystroke laid the whole reading screen out again (Input's virtual size,
    and the counter above the list), a pass of 10-35 ms a key, and had the footer's
    keys built again, though the keys that work in the field stay the same."""
    from textual.geometry import Region
    from textual.widget import Widget
    from textual.widgets import Input

    app = ReaderApp(_long_article(40), StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        sidebar = await sidebar_ready(pilot)
        await until(pilot, lambda: not sidebar.building, "the list built")
        # the find bar is mounted once the build is done and the keys pause (a layout
        # of its own, not a keystroke's: on a busy machine it came between two)
        await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
        await pilot.press("slash")
        field = screen.query_one("#quote-search", Input)
        await until(pilot, lambda: field.has_focus, "the search field focused")
        await pilot.pause()
        asked: list[str] = []
        refresh = Widget.refresh

        def spy(widget: Widget, *regions: Region, **options: bool) -> Widget:
            if options.get("layout"):
                asked.append(f"{type(widget).__name__}#{widget.id}")
            return refresh(widget, *regions, **options)

        monkeypatch.setattr(Widget, "refresh", spy)
        rebound: list[object] = []
        refresh_bindings = Widget.refresh_bindings
        monkeypatch.setattr(
            Widget,
            "refresh_bindings",
            lambda widget: rebound.append(widget) or refresh_bindings(widget),
        )
        for typed in ("p", "po", "poi"):
            await pilot.press(typed[-1])
            await until(pilot, lambda typed=typed: field.value == typed, "typed")  # type: ignore[misc]
            await until(pilot, lambda: not sidebar.building, "the list rebuilt")
        await pilot.pause()
        assert asked == []
        assert sidebar not in rebound  # the footer's keys built again at each keystroke
        counter = str(screen.query_one("#quote-counter").render())
        assert counter.startswith("40 of 40")  # every quote says "Point"


async def test_work_left_in_a_screen_taken_down_is_dropped(tmp_path: Path) -> None:
    """A screen closed while it still builds (back to the library from a big
    article): the runner runs no slice of work whose widgets are going (Textual
    removes them one by one before it stops the screen's workers; a sidebar slice
    that looked up one of its labels then failed the runner's worker, and the app
    ended with a traceback)."""
    app = ReaderApp(_long_article(40), StateStore(tmp_path))
    taken_down: list[bool] = []
    async with app.run_test(size=WIDE) as pilot:
        await sidebar_ready(pilot)
        screen = ReadingScreen(_long_article(40), StateStore(tmp_path))
        await app.push_screen(screen)
        await sidebar_ready(pilot)
        body = screen.body

        def steps() -> Iterator[None]:
            while True:
                taken_down.append(body._pruning or not body.is_attached)
                yield

        SlicedWork(body, "left").start(steps(), now=False)
        await until(pilot, lambda: bool(taken_down), "a slice run")
        await app.pop_screen()
        await pilot.pause()
    assert taken_down and not any(taken_down)
