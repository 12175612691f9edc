"""The library screen: articles, quote search across them, speakers, from the keyboard."""

from __future__ import annotations

import html
import os
import threading
from pathlib import Path

import pytest
from _waiting import until
from conftest import WIDE
from library_articles import make_article, small_library, write
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input

from reader.core.index.store import index_path
from reader.core.state import Position, StateStore
from reader.ui.factory import make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.library_reading import LibraryReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.library_lists import ArticleList, QuoteList, SpeakerList


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    small_library(folder)
    return folder


async def settled(pilot: Pilot[None]) -> LibraryScreen:
    """Wait for the background refresh of the index to land; return the library screen."""
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen_stack[0]
    assert isinstance(screen, LibraryScreen)
    return screen


async def palette_ready(pilot: Pilot[None]) -> None:
    """Wait (no clock) until the palette has searched and highlighted its top hit."""
    from textual.command import CommandList

    palette = pilot.app.screen
    hits = palette.query_one(CommandList)
    for _ in range(30_000):  # a guard against a hang only: minutes of 10 ms pauses
        searching = any(w.is_running for w in pilot.app.workers if w.node is palette)
        if not searching and hits.option_count > 0 and hits.highlighted == 0:
            return
        await pilot.pause(0.01)
    raise AssertionError("the palette never showed its hits")


def titles(screen: LibraryScreen) -> list[str]:
    return [row.title for row in screen.articles.rows]


async def test_articles_are_listed_newest_first_with_the_broken_file_and_its_reason(
    folder: Path,
) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        assert titles(screen) == [
            "Talks in Geneva",
            "Moskow dan Washington di Paris",
            "Tanpa kutipan",
            "broken.yaml",
        ]
        articles = screen.query_one(ArticleList)
        lines = [articles.render_line(y).text for y in range(6)]
        assert lines[0].split()[:2] == ["Title", "Source"]
        assert "Talks in Geneva" in lines[1] and "2015-02-01" in lines[1] and " en " in lines[1]
        assert "broken: line 2: tags are not allowed (!tag)" in lines[4]
        await pilot.press("end")
        detail = str(screen.query_one("#library-detail").render())
        assert detail == "broken.yaml: broken: line 2: tags are not allowed (!tag)"
        await pilot.press("enter")  # a broken file does not open, nor stop the library
        assert app.screen is screen and app.is_running
        assert screen.sub_title == "3 articles · 1 broken"


async def test_sort_by_title_and_source_and_back_to_date(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("o")
        assert titles(screen) == [
            "broken.yaml",
            "Moskow dan Washington di Paris",
            "Talks in Geneva",
            "Tanpa kutipan",
        ]
        await pilot.press("o")
        assert screen.articles.sort == "source"
        sources = [row.source for row in screen.articles.rows]
        assert sources == sorted(sources, key=str.casefold)
        await pilot.press("o")
        assert titles(screen)[0] == "Talks in Geneva"


async def test_filter_as_you_type_and_escape(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("f", *"gazeta")
        assert isinstance(app.focused, Input)
        assert titles(screen) == ["Moskow dan Washington di Paris"]
        await pilot.press("escape")
        assert app.focused is screen.articles
        assert titles(screen) == ["Moskow dan Washington di Paris"]  # kept on leaving
        await pilot.press("escape")
        assert len(titles(screen)) == 4
        assert screen.articles.current is not None
        assert screen.articles.current.title == "Moskow dan Washington di Paris"


async def test_enter_opens_escape_returns_with_the_selection_kept(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        reading = app.screen
        assert isinstance(reading, LibraryReadingScreen)
        assert reading.article.title == "Moskow dan Washington di Paris"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.articles.cursor == 1


async def test_next_and_previous_article_from_the_reading_screen(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.article.title == "Talks in Geneva"  # type: ignore[attr-defined]
        await pilot.press("N")
        await pilot.pause()
        assert app.screen.article.title == "Moskow dan Washington di Paris"  # type: ignore[attr-defined]
        await pilot.press("N", "N")  # the broken file is stepped over; the end rings
        await pilot.pause()
        assert app.screen.article.title == "Tanpa kutipan"  # type: ignore[attr-defined]
        await pilot.press("P")
        await pilot.pause()
        assert app.screen.article.title == "Moskow dan Washington di Paris"  # type: ignore[attr-defined]
        assert len(app.screen_stack) == 2  # one reading screen at a time, over the library
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.articles.current is not None
        assert screen.articles.current.title == "Moskow dan Washington di Paris"


async def test_quote_search_by_speaker_and_words_opens_the_article_at_the_quote(
    folder: Path,
) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("slash", *"speaker:lavrov ebola")
        results = screen.query_one("#quote-results", QuoteList)
        assert [hit.text for hit in results.hits] == ["Kita lawan virus Ebola bersama"]
        first = results.render_line(0).text
        assert "“Kita lawan virus Ebola bersama”" in first
        second = results.render_line(1).text
        assert "Sergei Lavrov, Menteri Luar Negeri Rusia" in second
        assert "Moskow dan Washington di Paris" in second
        assert str(screen.query_one("#quote-status").render()) == "1 quote by lavrov"
        await pilot.press("enter", "enter")
        await pilot.pause()
        reading = app.screen
        assert isinstance(reading, LibraryReadingScreen)
        assert reading.article.id == "paris"
        assert reading.query_one(ArticleBody).chosen_quote == "q1"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.active_tab == "quotes"


async def test_quote_search_highlights_the_words(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("slash", *"medved")
        results = screen.query_one("#quote-results", QuoteList)
        assert [hit.name for hit in results.hits] == ["Dmitry Medvédev"]
        await pilot.press(*["backspace"] * 6, *"economy")
        strip = results.render_line(0)
        match = results.component_style("match")
        marked = "".join(s.text for s in strip if s.style and s.style.underline)
        assert marked == "economy" and match.underline


async def test_the_words_stay_marked_on_the_cursor_row(folder: Path) -> None:
    """On the focused list the cursor's colours covered the match's: only an underline
    was left. The matched words are drawn over the cursor, in colours of their own."""
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("slash", *"economy", "enter")
        results = screen.query_one("#quote-results", QuoteList)
        assert results.has_focus and results.cursor == 0 and results.hits
        strip = results.render_line(0)
        marked = [s for s in strip if s.text == "economy"]
        plain = [s for s in strip if s.text.strip() and s.text != "economy"]
        assert marked and plain and marked[0].style and plain[0].style
        colours = (marked[0].style.color, marked[0].style.bgcolor)
        assert colours != (plain[0].style.color, plain[0].style.bgcolor)
        assert marked[0].style.underline
        await pilot.press("slash")  # back in the field: the list's cursor is blurred
        assert not results.has_focus
        blurred = [s for s in results.render_line(0) if s.text == "economy"]
        assert blurred and blurred[0].style and blurred[0].style.underline


async def test_words_found_in_the_speakers_name_are_marked_there(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("slash", *"medved")
        results = screen.query_one("#quote-results", QuoteList)
        assert [hit.name for hit in results.hits] == ["Dmitry Medvédev"]
        who = results.render_line(1)  # the row's second line: who said it, and where
        marked = "".join(s.text for s in who if s.style and s.style.underline)
        assert marked == "Medvéd"


async def test_the_footer_keeps_the_palette_and_search_at_80_columns(folder: Path) -> None:
    """At 80x24 the library footer left out ^p (ranked last)."""
    from reader.ui.widgets.key_footer import KeyFooter

    app = make_app(folder, state=StateStore())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        shown = [placed.key.action for placed in screen.query_one(KeyFooter).shown]
        assert "command_palette" in shown and "search_quotes" in shown
        assert "help" in shown and "app.quit" in shown


async def test_the_footer_offers_slash_only_where_it_opens_the_search(folder: Path) -> None:
    """In the filter field "/" is typed as text: the footer does not offer it there,
    and offers it again once the focus is back in the list."""
    from reader.ui.widgets.key_footer import KeyFooter

    def offered(screen: Screen[object]) -> list[str]:
        return [placed.key.action for placed in screen.query_one(KeyFooter).shown]

    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        assert "search_quotes" in offered(screen)
        await pilot.press("f", "slash")
        await pilot.pause()
        field = screen.query_one("#filter", Input)
        assert field.has_focus and field.value == "/"
        assert "search_quotes" not in offered(screen)
        screen.query_one(ArticleList).focus()
        await pilot.pause()
        await pilot.pause()
        assert "search_quotes" in offered(screen)


async def test_speakers_are_listed_once_and_list_their_quotes(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("s")
        speakers = screen.query_one("#speakers", SpeakerList)
        assert speakers.persons[0].name == "Sergei Lavrov"
        assert len(speakers.persons) == 3
        assert "2 quotes · 2 articles" in speakers.render_line(0).text
        await pilot.press("enter")
        quotes = screen.query_one("#speaker-quotes", QuoteList)
        assert {hit.text for hit in quotes.hits} == {
            "Kita lawan virus Ebola bersama",
            "Sanctions will not help anyone",
        }
        assert app.focused is quotes
        await pilot.press("escape")
        assert app.focused is speakers and speakers.cursor == 0
        await pilot.press("down", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryReadingScreen)


async def test_refresh_shows_changed_new_and_deleted_files(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        (folder / "geneva.yaml").unlink()
        write(folder, "paris.yaml", make_article("paris", "Paris, edisi baru", []))
        write(folder, "new.yaml", make_article("new", "Artikel baru", []))
        await pilot.press("r")
        await settled(pilot)
        assert sorted(titles(screen)) == sorted(
            ["Paris, edisi baru", "Artikel baru", "Tanpa kutipan", "broken.yaml"]
        )
        await pilot.press("slash", *"sanctions")
        assert screen.query_one("#quote-results", QuoteList).hits == []


async def test_a_corrupt_index_does_not_stop_the_library(folder: Path) -> None:
    path = index_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(8192))
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        assert len(titles(screen)) == 4
        await pilot.press("slash", *"speaker:kerry")
        assert len(screen.query_one("#quote-results", QuoteList).hits) == 1


async def test_the_read_column_shows_how_far_the_reader_got(folder: Path) -> None:
    state = StateStore()
    state.set_position("geneva", Position("body", 2))
    app = make_app(folder, state=state)
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        lines = [screen.articles.render_line(y).text for y in range(1, 4)]
        assert lines[0].rstrip().endswith("1/1")  # Geneva: in its one section
        assert lines[1].rstrip().endswith("new")


async def test_an_article_opened_and_left_at_once_is_no_longer_new(folder: Path) -> None:
    state = StateStore()
    app = make_app(folder, state=state)
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        assert screen.articles.render_line(1).text.rstrip().endswith("new")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not screen
        await pilot.press("escape")  # straight back, without scrolling
        await pilot.pause()
        assert app.screen is screen
        assert state.position("geneva") is not None
        assert screen.articles.render_line(1).text.rstrip().endswith("1/1")


async def test_the_read_column_drawn_on_the_way_back_shows_the_new_place(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading screen writes the reader's place as it is taken down, after the
    library has come back and drawn its rows: the Read column kept showing "new" on
    screen until something drew the list again (a resize). What the terminal shows is
    checked, not a fresh render of the row."""
    from terminal_model import stale_cells, terminal_model

    state = StateStore()
    app = make_app(folder, state=state)
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not screen
        with terminal_model(app, monkeypatch) as model:
            await pilot.press("escape")
            await until(pilot, lambda: state.position("geneva") is not None, "the place saved")
            for _ in range(3):
                await pilot.pause()
            row = "".join(
                character for character, _style in model.rows[screen.articles.region.y + 1]
            )
            assert row.rstrip().endswith("1/1")
            assert stale_cells(model) == []


async def test_help_lists_the_library_keys(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        for description in ("Search quotes", "Speakers", "Filter", "Sort", "Refresh"):
            assert description in text


async def test_help_of_an_article_from_the_library_lists_the_reading_keys_too(
    folder: Path,
) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryReadingScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        for description in ("Next section", "Line down", "Search quotes", "Sections"):
            assert description in rows, description
        # the library's own keys, once each
        assert rows.count("Next article") == 1
        assert rows.count("Prev article") == 1


@pytest.mark.parametrize("width", [80, 160])
async def test_an_article_from_the_library_shows_the_way_back(folder: Path, width: int) -> None:
    """The footer names Escape's way back to the library (its own binding in the reading
    screen is not shown), ranked before the section keys; N and P where there is room."""
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=(width, 30)) as pilot:
        library = await settled(pilot)
        await pilot.press("enter")
        footer = app.screen.query_one(KeyFooter)
        await until(pilot, lambda: footer.size.width and footer.shown, "the footer is laid out")
        shown = {placed.key.action: placed.key for placed in footer.shown}
        assert shown["escape"].description == "Library"
        assert ("step_article(1)" in shown) == (width == 160)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library


async def test_a_users_keys_for_escape_and_the_next_article_work_from_the_library(
    folder: Path, tmp_path: Path
) -> None:
    """The library's article shows the reading screen's Escape in its own words: under
    the same id, so a user's key for it is its key there too; and N is remappable."""
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"reading.escape" = "ctrl+g"\n"library.next-article" = "J"\n')
    app = make_app(folder, state=StateStore(), config_file=config)
    async with app.run_test(size=WIDE) as pilot:
        library = await settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryReadingScreen)
        opened = app.screen.article.id
        await pilot.press("J")
        await until(pilot, lambda: app.screen.article.id != opened, "the next article")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen is library
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        keys = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        screens = keys[: keys.index("Find bar")]  # the reading and library keys
        assert "^g" in screens and "esc" not in screens  # Escape once, as the user's key


async def test_the_palette_opens_an_article_and_a_speaker(folder: Path) -> None:
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("ctrl+p", *"Open: Talks")
        await palette_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryReadingScreen)
        assert app.screen.article.id == "geneva"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", *"Speaker: John Kerry")
        await palette_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        quotes = screen.query_one("#speaker-quotes", QuoteList)
        assert [hit.name for hit in quotes.hits] == ["John Kerry"]


async def test_the_newest_rows_are_shown_before_every_row_is_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big library paints one screenful first: when every row is read (after the first
    paint), the table already shows the newest ones, and the title has the full count."""
    from reader.core.index import LibraryIndex

    shown_before: list[list[str]] = []
    in_thread: list[bool] = []
    read_all = LibraryIndex.articles

    def articles(index: LibraryIndex) -> list:  # type: ignore[type-arg]
        screen = app.screen_stack[0]
        if isinstance(screen, LibraryScreen) and not shown_before:
            shown_before.append([*titles(screen), str(screen.sub_title)])
            # in the refresh's thread: the keys need not wait for a big library's rows
            in_thread.append(threading.current_thread() is not threading.main_thread())
        return read_all(index)

    monkeypatch.setattr(LibraryIndex, "articles", articles)
    app = make_app(folder, state=StateStore())
    LibraryIndex(folder).refresh()  # a warm index
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        assert shown_before == [
            [
                "Talks in Geneva",
                "Moskow dan Washington di Paris",
                "Tanpa kutipan",
                "broken.yaml",
                "3 articles · 1 broken",
            ]
        ]
        assert titles(screen) == shown_before[0][:4]
        assert in_thread == [True]


async def test_the_other_tabs_are_built_after_the_first_paint_and_work_before(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame holds only what the articles tab shows: the quote search and the
    speakers are mounted after it. A key that wants them sooner gets them at once."""
    on_first_paint: list[list[str]] = []
    after_first_paint = LibraryScreen._after_first_paint

    def record(screen: LibraryScreen) -> None:
        on_first_paint.append([w.id or "" for w in screen.query(".library-pane")])

    from reader.core.index import LibraryIndex

    monkeypatch.setattr(LibraryScreen, "_after_first_paint", record)
    app = make_app(folder, state=StateStore())
    LibraryIndex(folder).refresh()  # a warm index (no refresh runs: it comes after the paint)
    async with app.run_test(size=WIDE) as pilot:
        # one pause is not always enough on a loaded machine: wait for the paint's call
        await until(pilot, lambda: on_first_paint, "the first paint's call")
        assert on_first_paint == [["articles-pane"]]
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("slash", *"kerry")  # nothing built the tabs: the key does

        def hits() -> list[str]:
            return [hit.name for hit in screen.query_one("#quote-results", QuoteList).hits]

        await until(pilot, lambda: hits() == ["John Kerry"], "the quote search found Kerry")
        await pilot.press("escape", "s")
        speakers = screen.query_one("#speakers", SpeakerList)
        await until(pilot, lambda: speakers.count == 3, "the three speakers listed")
        after_first_paint(screen)  # the paint's own call, late: nothing mounted twice
        await pilot.pause()
        assert len(screen.query("#quotes-pane")) == len(screen.query("#speakers-pane")) == 1


async def test_a_theme_switch_reaches_every_row_drawn_before_and_after(folder: Path) -> None:
    """The lists keep their own style between lines; a new theme still reaches each row."""
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        articles = screen.articles

        def backgrounds() -> set[object]:
            return {
                segment.style.bgcolor
                for y in range(1, 4)  # below the heading, the cursor's row excepted
                for segment in articles.render_line(y + 1)
                if segment.style is not None
            }

        app.theme = "textual-dark"
        await pilot.pause()
        dark = articles.rich_style.bgcolor
        assert backgrounds() == {dark}
        app.theme = "textual-light"
        await pilot.pause()
        light = articles.rich_style.bgcolor
        assert light is not None and light != dark
        assert backgrounds() == {light}


async def test_rows_are_sorted_in_the_refresh_thread_not_on_key_presses(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every row comes from the index newest first and is sorted by title and by source
    in the refresh's thread: ``o`` then only picks a list (at 100,000 articles a sort on
    the UI thread held the keys back ~0.3 s)."""
    from reader.ui.screens import library_rows

    on_ui_thread: list[int] = []

    def recording_sorted(rows, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            on_ui_thread.append(len(rows))
        return sorted(rows, **kwargs)

    monkeypatch.setattr(library_rows, "sorted", recording_sorted, raising=False)
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = await settled(pilot)
        await pilot.press("o")
        assert screen.articles.sort == "title"
        assert titles(screen)[:2] == ["broken.yaml", "Moskow dan Washington di Paris"]
        await pilot.press("o", "o")
        assert titles(screen)[0] == "Talks in Geneva"
        assert on_ui_thread == []


async def test_a_word_found_late_in_a_long_quote_is_shown_on_its_row(folder: Path) -> None:
    """The row shows the quote from a little before its first match when the match lies
    past the row's end: a result shows why it was found."""
    long_quote = (
        "Kami sudah membahas banyak hal panjang lebar sejak pagi, " * 3 + "termasuk kedelai"
    )
    write(
        folder, "long.yaml", make_article("long", "Rapat panjang", [("Ani Sari", "", long_quote)])
    )
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=(60, 24)) as pilot:
        screen = await settled(pilot)
        results = screen.query_one("#quote-results", QuoteList)
        await pilot.press("slash", *"kedelai")
        await until(pilot, lambda: results.hits, "the quote search answered")
        width = results.scrollable_content_region.width
        hit = results.hits[0]
        assert hit.text.find("kedelai") > width  # past the end of the row
        line = results.render_line(0)
        marked = "".join(s.text for s in line if s.style and s.style.underline)
        assert marked == "kedelai" and line.text.lstrip().startswith("…")
