"""A big article opened head first: its head is painted, then the whole goes on from it.

make_app opens a big file's head (reader.core.format.opening) and the app reads the
whole after its first paint. What the reader sees: the text at once, then every
section, quote and the reading time; a file whose rest is broken ends with the
file's one-line error; a file whose whole does not begin with the head shown is
laid out again from the whole.
"""

from __future__ import annotations

import dataclasses
import importlib
import threading
from pathlib import Path
from typing import Any

import pytest
from _big import SECTIONS, big_article, opened_once, write_big
from _waiting import until
from conftest import WIDE, sidebar_ready
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Input, Label, OptionList

from reader.core import quote_query
from reader.core.errors import ArticleError, ReaderError
from reader.core.format import dump_article, load_article
from reader.core.model import Article, Quote, Speaker
from reader.core.quote_query import QuoteIndex
from reader.core.state import Position, StateStore
from reader.ui import sliced
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.grouped_list import LIST_CHUNK
from reader.ui.widgets.quote_sidebar import QuoteSidebar
from reader.ui.widgets.reading_header import ReadingHeader
from reader.ui.widgets.section_list import SectionList


async def _whole(pilot: Pilot[Any]) -> ReadingScreen:
    """The reading screen once it has the whole article (bounded wait)."""
    app = pilot.app
    for _ in range(400):
        await pilot.pause()
        if getattr(app, "_rest", None) is None and isinstance(app.screen, ReadingScreen):
            await pilot.pause()
            return app.screen
        await pilot.pause(0.02)
    raise AssertionError("the whole article never came")


async def test_the_head_is_painted_first_and_the_whole_goes_on_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_big(tmp_path)
    whole = load_article(path)
    app = make_app(path, state=StateStore())
    head = app._start
    assert app._rest is not None and len(head.sections) < len(whole.sections)  # type: ignore[union-attr]
    painted: list[int] = []
    render_line = ArticleBody.render_line

    def recording(body: ArticleBody, y: int) -> Strip:
        strip = render_line(body, y)
        if not painted and strip.text.strip():
            painted.append(len(body.screen.article.sections))  # type: ignore[attr-defined]
        return strip

    monkeypatch.setattr(ArticleBody, "render_line", recording)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _whole(pilot)
        assert painted == [len(head.sections)]  # text in the first frame, from the head
        assert screen.article == whole
        toc = screen.query_one(SectionList)
        ids = [toc.get_option_at_index(i).id for i in range(toc.option_count)]
        assert ids == [section.id for section in whole.sections]
        assert "min read" in screen.query_one(ReadingHeader).info
        sidebar = await sidebar_ready(pilot)
        assert sidebar.article == whole  # every quote, not only the head's
        await pilot.press("G")
        await pilot.pause()
        last = whole.sections[-1].paragraphs[-1][:30]
        shown = [screen.body.render_line(y).text for y in range(screen.body.size.height)]
        assert any(last.strip()[:20] in line for line in shown)


async def test_the_head_comes_from_the_cache_the_second_time(tmp_path: Path) -> None:
    path = write_big(tmp_path)
    whole = load_article(path)
    opened_once(path)
    app = make_app(path, state=StateStore())
    assert app._rest is not None and app._start != whole
    async with app.run_test(size=WIDE) as pilot:
        screen = await _whole(pilot)
        assert screen.article == whole


async def test_a_broken_rest_ends_the_app_with_the_files_error(tmp_path: Path) -> None:
    whole = big_article()
    bad = dataclasses.replace(whole.quotes[-1], speaker="nobody")
    path = write_big(tmp_path, dataclasses.replace(whole, quotes=(*whole.quotes[:-1], bad)))
    app = make_app(path, state=StateStore())
    assert app._rest is not None  # the head was fine: the error comes after the paint
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(400):
            await pilot.pause(0.02)
            if app.load_error is not None:
                break
    assert isinstance(app.load_error, ArticleError)
    assert app.return_code == 1


def test_the_cli_reports_a_broken_rest_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = importlib.import_module("reader.cli.main")  # the package exports main()

    whole = big_article()
    bad = dataclasses.replace(whole.quotes[-1], speaker="nobody")
    path = write_big(tmp_path, dataclasses.replace(whole, quotes=(*whole.quotes[:-1], bad)))
    run = ReaderApp.run

    def headless(app: ReaderApp, *args: Any, **kwargs: Any) -> Any:
        return run(app, headless=True, size=WIDE)

    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    monkeypatch.setattr(ReaderApp, "run", headless)
    assert cli.main([str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nobody" in err[0] and str(path) in err[0]


async def test_a_whole_that_does_not_begin_with_the_head_is_shown_from_the_start(
    tmp_path: Path,
) -> None:
    whole = big_article()
    again = [dataclasses.replace(q, id=f"{q.id}-{k}") for k in range(3) for q in whole.quotes[1:]]
    moved = dataclasses.replace(whole, quotes=(*whole.quotes[1:], *again, whole.quotes[0]))
    path = write_big(tmp_path, moved)
    app = make_app(path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await _whole(pilot)
        assert screen.article == moved
        # the first paragraph's quote, not in the head, is drawn as a quote now
        spans = {span.quote_id for block in screen.body.text_layout.blocks for span in block.quotes}
        assert whole.quotes[0].id in spans
        toc = screen.query_one(SectionList)
        assert toc.option_count == len(moved.sections)


def test_a_reader_who_left_off_past_the_head_gets_the_whole_at_once(tmp_path: Path) -> None:
    path = write_big(tmp_path)
    whole = load_article(path)
    state = StateStore()
    state.set_position(whole.id, Position(whole.sections[-1].id, 5000))
    app = make_app(path, state=state)
    assert app._rest is None and app._start == whole


def _held_back(app: ReaderApp) -> threading.Event:
    """Hold the app's reading of the rest until something waits for the whole.

    So a key pressed at once is certainly handled while only the head is there; if
    nothing ever waits (the bug these tests catch), the rest comes after ten seconds.
    """
    rest = app._rest
    assert rest is not None
    asked = threading.Event()
    wait_for_whole = app.wait_for_whole

    def waiting() -> None:
        asked.set()
        wait_for_whole()

    def held() -> Any:
        asked.wait(10)
        return rest()

    app._rest = held
    app.wait_for_whole = waiting  # type: ignore[method-assign]
    return asked


def _shown(screen: ReadingScreen) -> str:
    body = screen.body
    return "\n".join(body.render_line(y).text for y in range(body.size.height))


@pytest.mark.parametrize("key", ["G", "end"])
async def test_a_key_for_the_end_before_the_whole_is_read_goes_to_the_whole_end(
    tmp_path: Path, key: str
) -> None:
    path = write_big(tmp_path)
    whole = load_article(path)
    app = make_app(path, state=StateStore())
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert asked.is_set()
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.article == whole
        assert whole.sections[-1].paragraphs[-1][:30] in _shown(screen)


async def test_a_section_number_past_the_head_waits_for_the_whole(tmp_path: Path) -> None:
    path = write_big(tmp_path, big_article(sections=SECTIONS))
    whole = load_article(path)
    app = make_app(path, state=StateStore())
    head = app._start
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")  # within the head: no waiting
        await pilot.pause()
        assert not asked.is_set()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        for _ in range(len(head.sections)):  # type: ignore[union-attr]
            await pilot.press("n")
        await pilot.pause()
        assert asked.is_set() and screen.article == whole
        assert screen.current_section == whole.sections[len(head.sections)].id  # type: ignore[union-attr]


def _listed(sidebar: QuoteSidebar) -> list[str]:
    quote_list = sidebar.query_one("#quote-list", OptionList)
    ids = [quote_list.get_option_at_index(i).id for i in range(quote_list.option_count)]
    return [quote_id for quote_id in ids if quote_id is not None]


async def test_a_search_before_the_whole_is_read_goes_on_over_every_quote(
    tmp_path: Path,
) -> None:
    """The sidebar is there as the head is painted: "/" and a search typed before the
    whole is read are answered at once from the head's quotes (the whole is not waited
    for: that held "/" 200 ms on a 5 MB article); when the whole comes, the search runs
    over every quote, and the focus, the quote under the cursor and the speaker filter
    stay as the reader left them."""
    path = write_big(tmp_path)
    whole = load_article(path)
    app = make_app(path, state=StateStore())
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("slash", *"part 2")
        sidebar = screen.query_one(QuoteSidebar)
        assert screen.focused is sidebar.query_one("#quote-search")
        await until(pilot, lambda: not sidebar.building, "the head's quotes listed")
        head = sidebar.article
        assert not asked.is_set() and len(head.quotes) < len(whole.quotes)
        assert _listed(sidebar) == [
            head.quotes[i].id for i in QuoteIndex(head).select(query="part 2")
        ]
        screen.filter_speaker("author")
        await pilot.press("down", "down")  # into the list, onto the second match
        quote_list = sidebar.query_one("#quote-list", OptionList)
        assert screen.focused is quote_list
        chosen = quote_list.highlighted_option
        assert chosen is not None and chosen.id == _listed(sidebar)[1]
        asked.set()  # the whole may come now
        await _whole(pilot)
        await until(pilot, lambda: not sidebar.building, "the whole's quotes listed")
        assert sidebar.article == whole
        assert sidebar.query_one("#quote-search", Input).value == "part 2"
        expected = [whole.quotes[i].id for i in QuoteIndex(whole).select(query="part 2")]
        assert len(expected) > 3
        assert _listed(sidebar) == expected
        assert screen.focused is quote_list
        highlighted = quote_list.highlighted_option
        assert highlighted is not None and highlighted.id == chosen.id
        assert sidebar.speaker_filter == "author"


async def test_enter_on_a_search_the_heads_quotes_do_not_match_goes_to_the_wholes(
    tmp_path: Path,
) -> None:
    path = write_big(tmp_path)
    app = make_app(path, state=StateStore())
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("slash", *"part 2")
        await pilot.press("enter")  # the head has a match: the first one, at once
        await pilot.pause()
        assert not asked.is_set() and screen.body.chosen_quote == "q2"
        await pilot.press("escape", *"part 140", "enter")  # a quote past the head
        await pilot.pause()
        # nothing waits for the whole on the UI thread: Enter is taken once it is here
        assert not asked.is_set() and screen.body.chosen_quote == "q2"
        # and the empty list is not said to be "no match": the rest is still read
        scope = str(screen.query_one("#quote-scope", Label).content)
        assert "read so far" in scope and "No quote or speaker" not in scope
        asked.set()  # the whole may come now
        await until(pilot, lambda: screen.body.chosen_quote == "q140", "the quote shown")
        line = screen.body.line_of_quote("q140")
        top = int(screen.body.scroll_y)
        assert line is not None and top <= line < top + screen.body.size.height


async def test_enter_with_no_match_in_the_head_goes_to_the_first_in_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened from the cache, a big article's head comes with its end (the body shows
    it before the whole). Enter on a search none of the head's quotes match goes to
    the first match in the whole, not to one in the end: a quote between the two,
    not read yet, is the first (the list shows it first once the whole is read)."""
    middle, last = SECTIONS // 2, SECTIONS - 1
    text = dump_article(big_article())
    for n in (middle, last):
        said = f"Part {n} is where the report says what it found"
        text = text.replace(said, f"Part {n} is where the zebra report says what it found")
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    opened_once(path)
    app = make_app(path, state=StateStore())
    assert app._end is not None
    assert f"q{last}" in {quote.id for quote in app._end.article.quotes}
    assert f"q{middle}" not in {quote.id for quote in app._end.article.quotes}
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert f"q{middle}" not in {quote.id for quote in screen.article.quotes}
        await pilot.press("slash", *"zebra", "enter")
        await pilot.pause()
        assert screen.body.chosen_quote is None and not asked.is_set()
        # looked up in slices (a 5 MB article's quotes at once held the screen 30 ms)
        monkeypatch.setattr(quote_query, "SCAN_CHUNK", 8)
        monkeypatch.setattr(sliced, "SLICE", 0.0)
        asked.set()  # the whole may come now
        await until(pilot, lambda: screen.body.chosen_quote is not None, "a quote shown")
        assert screen.body.chosen_quote == f"q{middle}"
        assert screen.query_one(QuoteSidebar)._choosing.slices > SECTIONS // 2 // 8
        line = screen.body.line_of_quote(f"q{middle}")
        top = int(screen.body.scroll_y)
        assert line is not None and top <= line < top + screen.body.size.height


@pytest.mark.parametrize("then", ["backspace", "tab"])
async def test_an_enter_waiting_for_the_whole_is_dropped_if_the_search_changes(
    tmp_path: Path, then: str
) -> None:
    """Enter waiting for the whole's quotes is the reader's choice for what was typed
    then: typed on ("part 14" is a quote of the head), or gone from the field, it
    goes nowhere when the whole comes."""
    path = write_big(tmp_path)
    app = make_app(path, state=StateStore())
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("slash", *"part 140", "enter", then)
        await pilot.pause()
        asked.set()
        await _whole(pilot)
        sidebar = screen.query_one(QuoteSidebar)
        await until(pilot, lambda: not sidebar.partial and not sidebar.building, "listed")
        await pilot.pause()
        assert screen.body.chosen_quote is None


def _two_speakers() -> Article:
    """The big article with a second speaker quoted in its first sections (so in its
    head): in the whole's list, their quotes come after all of the author's, more than
    a batch of the list (LIST_CHUNK) down."""
    article = big_article()
    sections = list(article.sections)
    quotes: list[Quote] = []
    for n, quote in enumerate(article.quotes):
        quotes.append(quote)
        if 1 <= n <= 3:
            said = f"Critic {n} disagrees with all of it"
            section = sections[n]
            sections[n] = dataclasses.replace(
                section, paragraphs=(*section.paragraphs, f'"{said}," said the critic.')
            )
            quotes.append(Quote(f"c{n}", said, "critic", section.id, 2))
    critic = Speaker("critic", "Cy Critic", "Reviewer")
    return dataclasses.replace(
        article,
        sections=tuple(sections),
        speakers=(*article.speakers, critic),
        quotes=tuple(quotes),
    )


async def _cursor_on(pilot: Pilot[Any], sidebar: QuoteSidebar, quote_id: str) -> OptionList:
    quote_list = sidebar.query_one("#quote-list", OptionList)
    await until(pilot, lambda: not sidebar.building, "the list built")
    quote_list.focus()
    quote_list.highlighted = quote_list.get_option_index(quote_id)
    await pilot.pause()
    return quote_list


async def test_the_cursor_stays_on_its_quote_across_the_wholes_arrival_far_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a quote the whole's list puts more than a batch down, the cursor is back on
    it once that batch is listed; and a rebuild that starts before then (here a speaker
    filter) keeps it too: the list had no cursor to read it from, and the rebuild put
    it on the first quote."""
    whole = _two_speakers()
    path = write_big(tmp_path, whole)
    app = make_app(path, state=StateStore())
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        sidebar = await sidebar_ready(pilot)
        assert sidebar.article != whole
        quote_list = await _cursor_on(pilot, sidebar, "c2")
        monkeypatch.setattr(sliced, "SLICE", 0.0)  # a step of the rebuild at a time
        # and none after the whole's first batch until the filter below: a machine
        # slow to poll must not see the list go on past it
        holding = [True]
        advance = sliced.SlicedWork.advance

        def held_after_a_batch(work: sliced.SlicedWork) -> None:
            grown = sidebar.article == whole and quote_list.option_count >= LIST_CHUNK
            if not (holding[0] and work is sidebar._work and grown):
                advance(work)

        monkeypatch.setattr(sliced.SlicedWork, "advance", held_after_a_batch)
        asked.set()
        await until(
            pilot,
            lambda: sidebar.article == whole and quote_list.option_count >= LIST_CHUNK,
            "the whole's first batch listed",
        )
        assert "c2" not in _listed(sidebar)  # more than a batch down: not listed yet
        assert quote_list.highlighted is None  # no cursor for now
        holding[0] = False
        sidebar.show_speaker("critic")
        monkeypatch.undo()
        await until(pilot, lambda: not sidebar.building, "the list rebuilt")
        highlighted = quote_list.highlighted_option
        assert highlighted is not None and highlighted.id == "c2"
        sidebar.show_speaker(None)
        await until(pilot, lambda: not sidebar.building, "the list rebuilt")
        highlighted = quote_list.highlighted_option
        assert highlighted is not None and highlighted.id == "c2"
        assert screen.focused is quote_list


async def test_the_speaker_counts_are_the_wholes_when_it_comes_before_the_lists_fill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _two_speakers()
    path = write_big(tmp_path, whole)
    app = make_app(path, state=StateStore())
    asked = _held_back(app)
    held: list[QuoteSidebar] = []
    monkeypatch.setattr(QuoteSidebar, "_fill", lambda sidebar: held.append(sidebar))
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: bool(held), "the sidebar composed")
        sidebar = held[0]
        asked.set()
        await _whole(pilot)
        await until(pilot, lambda: sidebar.article == whole, "the whole taken")
        monkeypatch.undo()
        sidebar._fill()
        await until(pilot, lambda: not sidebar.building, "the lists filled")
        await pilot.pause()
        shown = _speaker_rows(sidebar)
        assert f"All speakers · {len(whole.quotes)} quotes" in shown
        assert f"Chair of the committee ({len(whole.quotes) - 3})" in shown
        assert "Reviewer (3)" in shown


def _speaker_rows(sidebar: QuoteSidebar) -> str:
    speakers = sidebar.query_one("#quote-speakers", OptionList)
    shown = " ".join(speakers.render_line(y).text for y in range(speakers.size.height))
    return " ".join(shown.split())


async def test_counts_are_marked_partial_while_only_the_head_is_listed(
    tmp_path: Path,
) -> None:
    """Listing a head's 16 quotes of 144 as "16 of 16" and "Ada Author (16)" said the
    article had 16: while only the head is there, its counts say more are to come."""
    whole = _two_speakers()
    path = write_big(tmp_path, whole)
    app = make_app(path, state=StateStore())
    asked = _held_back(app)
    async with app.run_test(size=WIDE) as pilot:
        sidebar = await sidebar_ready(pilot)
        await until(pilot, lambda: not sidebar.building, "the head's quotes listed")
        await pilot.pause()
        head = len(sidebar.article.quotes)
        counter = sidebar.query_one("#quote-counter", Label)
        assert str(counter.content) == f"{head} of {head}+"
        rows = _speaker_rows(sidebar)
        assert f"All speakers · {head}+ quotes" in rows and "Reviewer (3+)" in rows
        asked.set()
        await _whole(pilot)
        await until(pilot, lambda: sidebar.article == whole, "the whole taken")
        await until(pilot, lambda: not sidebar.building, "the whole's quotes listed")
        await pilot.pause()
        total = len(whole.quotes)
        assert str(counter.content) == f"{total} of {total}"
        rows = _speaker_rows(sidebar)
        assert f"All speakers · {total} quotes" in rows and "Reviewer (3)" in rows


def test_a_rest_that_fails_unexpectedly_still_ends_the_wait(tmp_path: Path) -> None:
    """An error other than the file's own (the disk, memory) still sets the event a key
    waiting for the whole waits on: without it, that key froze the app for good."""
    app = make_app(write_big(tmp_path, big_article()), state=StateStore())
    assert isinstance(app, ReaderApp) and app._rest is not None

    def broken() -> Any:
        raise OSError("the disk went away")

    app._rest = broken
    app._read_whole()
    assert app._rest_done.is_set()
    assert isinstance(app._rest_result, OSError)  # kept for the UI thread to report


async def test_a_rest_that_fails_unexpectedly_ends_the_app_with_one_line(
    tmp_path: Path,
) -> None:
    """A failure that is no fault of the file (here a bug in the read) ends the app
    as a broken file does: with an error the CLI prints in one line. Before, the
    worker's thread dropped it and the screen stayed on the head for good."""
    app = make_app(write_big(tmp_path, big_article()), state=StateStore())
    assert isinstance(app, ReaderApp) and app._rest is not None

    def broken() -> Any:
        raise RuntimeError("a bug\nover two lines")

    app._rest = broken
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: app.load_error is not None, "the app ends with an error")
    assert app.return_code == 1
    assert isinstance(app.load_error, ReaderError)
    assert len(str(app.load_error).splitlines()) == 1 and "a bug" in str(app.load_error)


async def test_a_reading_time_that_cannot_be_counted_does_not_keep_the_whole_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting the reading time in the reading thread failed (a bug there): the
    whole is taken all the same, the screen counting the time itself."""
    import reader.core.reading

    path = write_big(tmp_path)
    whole = load_article(path)
    app = make_app(path, state=StateStore())

    def broken(article: Any, **kwargs: Any) -> int:
        raise ValueError("cannot count")

    monkeypatch.setattr(reader.core.reading, "reading_minutes", broken)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: app._rest is None, "the whole is taken")
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.article == whole
        assert "min read" in screen.query_one(ReadingHeader).info
        assert app.load_error is None


async def test_the_head_is_let_go_once_the_whole_has_taken_its_place(tmp_path: Path) -> None:
    """Nothing keeps the head's model objects once the whole is shown (for a 5 MB
    article the head is a small part, but it is the whole's start read a second time)."""
    import gc
    import weakref

    app = make_app(write_big(tmp_path), state=StateStore())
    head = weakref.ref(app._start)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _whole(pilot)
        await sidebar_ready(pilot)
        await pilot.press("G")  # the text laid out to its end
        await pilot.pause()
        gc.collect()
        assert len(screen.article.sections) == SECTIONS
        assert head() is None


async def test_a_key_between_asking_for_the_thread_and_its_start_reads_the_whole_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker that reads the whole is asked for after the first paint, but its
    thread begins only when the event loop next runs: a key that wants the whole in
    between (the keys benchmark sends G as the body appears) waited for a thread that
    could never start, and the app hung for good. (A watchdog ends the wait, so that
    the test fails instead of hanging.)"""
    path = write_big(tmp_path)
    whole = load_article(path)
    app = make_app(path, state=StateStore())
    assert isinstance(app, ReaderApp)
    ask = ReaderApp._read_rest
    rescued = threading.Event()

    def watchdog() -> None:
        if not app._rest_done.wait(60):  # far beyond a loaded machine's read
            rescued.set()
            app._rest_result = ArticleError.single(str(path), "never read")
            app._rest_done.set()

    def asked_then_key(self: ReaderApp) -> None:
        ask(self)
        threading.Thread(target=watchdog, daemon=True).start()
        self.wait_for_whole()  # what "G" does with only the head

    monkeypatch.setattr(ReaderApp, "_read_rest", asked_then_key)
    async with app.run_test(size=WIDE) as pilot:
        screen = await _whole(pilot)
        assert not rescued.is_set()
        assert screen.article == whole


@pytest.mark.parametrize("how", ["filter", "cursor"])
async def test_a_whole_without_a_speaker_of_the_head_leaves_the_speaker_list_on_all(
    tmp_path: Path, how: str
) -> None:
    """The file changed since its head was cached (the whole does not begin with the
    head) and no longer quotes a speaker the head had, with that speaker's quotes
    filtered or the speakers' cursor on them: the list of speakers comes back on "All
    speakers" (it looked the speaker up among the whole's rows and ended the app)."""
    path = write_big(tmp_path, _two_speakers())
    app = make_app(path, state=StateStore())
    assert isinstance(app, ReaderApp)
    rest = app._rest
    assert rest is not None
    opened = threading.Event()

    def changed() -> Any:
        opened.wait(30)
        return rest()._replace(article=big_article(), extends=False)

    app._rest = changed
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        sidebar = await sidebar_ready(pilot)
        await until(pilot, lambda: not sidebar.building, "the head's quotes listed")
        speakers = sidebar.query_one("#quote-speakers", OptionList)
        if how == "filter":
            screen.filter_speaker("critic")
        else:
            speakers.focus()
            speakers.highlighted = 2  # (All speakers, Ada Author, Cy Critic)
        await pilot.pause()
        opened.set()
        await _whole(pilot)
        await until(pilot, lambda: sidebar.article.speakers == big_article().speakers, "grown")
        await until(pilot, lambda: not sidebar.building, "the whole's quotes listed")
        assert sidebar.speaker_filter is None
        assert speakers.highlighted == 0 and app.is_running
