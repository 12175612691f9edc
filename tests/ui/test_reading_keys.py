"""Keys as a whole: every binding documented, help, quitting, narrow terminals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import NARROW, WIDE, sidebar_ready
from textual.binding import Binding
from textual.widgets import DataTable, OptionList

from reader.core.model import Article
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.find_bar import FindBar
from reader.ui.widgets.quote_sidebar import QuoteSidebar


def _all_bindings() -> list[Binding]:
    groups = [ReadingScreen.BINDINGS, FindBar.BINDINGS, ReaderApp.BINDINGS, HelpScreen.BINDINGS]
    return [b for group in groups for b in group if isinstance(b, Binding)]


def test_every_binding_has_a_description_and_an_id() -> None:
    bindings = _all_bindings()
    assert bindings
    for binding in bindings:
        assert binding.description, binding
        assert binding.id, binding
    ids = [b.id for b in bindings]
    assert len(ids) == len(set(ids))


async def test_help_lists_every_binding(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [
            (str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1]))
            for i in range(table.row_count)
        ]
        descriptions = {d for _k, d in rows}
        screen_bindings = [
            b
            for b in (*ReadingScreen.BINDINGS, *FindBar.BINDINGS, *QuoteSidebar.BINDINGS)
            if isinstance(b, Binding)
        ]
        for binding in screen_bindings:
            described = binding.group.description if binding.group else binding.description
            assert described in descriptions, binding
        keys = " ".join(k for k, _d in rows)
        for key in ("n", "]", "p", "[", "1…9", "j", "k", "g", "G", "space", "/", "^f", "f3", "f1"):
            assert key in keys.split(), key
        # group titles are whole (the key column was sized by the keys only)
        titles = [title for title, _rows in app.screen._groups]  # type: ignore[attr-defined]
        assert titles and all(title in {k for k, _d in rows} for title in titles)
        key_column = table.columns[table.ordered_columns[0].key].width
        assert key_column >= max(len(title) for title in titles)
        # what is not a binding of the screen: Enter in lists and fields, the mouse
        enter = [d.lower() for k, d in rows if k.startswith("⏎")]
        assert any("section or quote" in d for d in enter)
        assert any("next match" in d for d in enter)
        assert any("first" in d for d in enter)
        assert any(k == "click" for k, _d in rows)
        assert any("drag" in k and "^c" in k and "copy" in d.lower() for k, d in rows)
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes help, does not quit
        assert isinstance(app.screen, ReadingScreen)
        assert app.is_running


@pytest.mark.parametrize("key", ["q", "ctrl+q", "ctrl+c"])
async def test_quit_keys(seed_app: Callable[[], ReaderApp], key: str) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_q_types_into_the_find_field_instead_of_quitting(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", "q")
        assert app.is_running
        assert app.screen.query_one(FindBar).query_text == "q"


async def test_narrow_terminal_hides_side_panes_and_toggles_them(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=NARROW) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        toc, sidebar = screen.query_one("#toc"), screen.query_one("#quotes-pane")
        assert screen.has_class("-narrow")
        assert not toc.display and not sidebar.display
        assert screen.body.size.width >= 70
        await pilot.press("t")
        assert toc.display and toc.has_focus
        await pilot.press("2")  # section keys still work with the TOC focused
        assert screen.current_section == "pertukaran-intelejen"
        await pilot.press("t")
        assert not toc.display and screen.focused is screen.body
        await pilot.press("t", "down", "enter")  # jump from the TOC: it closes again
        assert screen.current_section == "upaya-diplomasi-as"
        assert not toc.display and screen.focused is screen.body
        await pilot.press("s")
        assert sidebar.display
        await pilot.press("s")
        assert not sidebar.display
        await pilot.press("slash")  # quote search opens the sidebar it needs
        assert sidebar.display
        assert screen.focused is not None and sidebar in screen.focused.ancestors


async def test_wide_terminal_shows_every_pane(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert not screen.has_class("-narrow")
        assert screen.query_one("#toc").display and screen.query_one("#quotes-pane").display
        await pilot.press("t", "s")
        assert not screen.query_one("#toc").display and not screen.query_one("#quotes-pane").display
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert screen.query_one("#toc").display and screen.query_one("#quotes-pane").display


async def test_ctrl_c_copies_a_selection_in_the_find_field_and_quits_without_one(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", *"Rusia", "ctrl+shift+a")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert app.clipboard == "Rusia"
        await pilot.press("end")  # nothing selected now
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("selector", ["#toc", "#quote-list", "#quote-speakers"])
async def test_j_and_k_move_a_focused_list_not_the_article(
    seed_app: Callable[[], ReaderApp], selector: str
) -> None:
    """j/k scrolled the article under a focused section or quote list (as in the library,
    they now move the list's cursor)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await sidebar_ready(pilot)  # the quote lists come after the first paint
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        options = screen.query_one(selector, OptionList)
        options.focus()
        await pilot.pause()
        start = options.highlighted
        top = screen.body.scroll_y
        await pilot.press("j", "j")
        down = options.highlighted
        assert down is not None and start is not None and down > start
        await pilot.press("k")
        up = options.highlighted
        assert up is not None and start <= up < down
        assert screen.body.scroll_y == top


async def test_narrow_quote_list_opens_at_its_first_speaker(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    """At 80x24 the list, filled while hidden, opened two rows down: the first speaker's
    name was cut off."""
    app = seed_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        quotes = app.screen.query_one("#quote-list", OptionList)
        assert quotes.scroll_y == 0
        assert quotes.render_line(0).text.strip().startswith(seed_article.speakers[0].name)


async def test_narrow_sidebar_makes_way_after_leaving_the_search(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """/, Esc, Esc at 80x24 left the sidebar over half the screen until s."""
    app = seed_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        pane = screen.query_one("#quotes-pane")
        await pilot.press("slash", *"rusia")
        assert pane.display
        await pilot.press("escape")  # empties the search, stays in it
        assert pane.display
        await pilot.press("escape")  # leaves it
        assert not pane.display and screen.focused is screen.body
    wide = seed_app()
    async with wide.run_test(size=WIDE) as pilot:  # wide: the sidebar stays
        await pilot.pause()
        await pilot.press("slash", "escape")
        assert wide.screen.query_one("#quotes-pane").display
