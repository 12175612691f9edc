"""What the app remembers between runs: cookie consent, reading position, theme."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from _waiting import until
from conftest import WIDE
from textual import events
from textual.message import Message

from reader.core.model import Article
from reader.core.state import Position, StateStore
from reader.ui.app import DEFAULT_THEME, ReaderApp
from reader.ui.screens import reading
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.cookie_row import CookieRow
from reader.ui.widgets.footer_panel import FooterPanel


async def test_cookie_accept_is_remembered_for_the_source(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        panel = app.screen.query_one(FooterPanel)
        assert panel.notice_shown
        assert app.screen.query_one("#cookie-notice").display
        row = app.screen.query_one(CookieRow)
        await pilot.click(row, offset=row.button_region.offset)
        await pilot.pause()
        assert not panel.notice_shown
        assert not app.screen.query_one("#cookie-notice").display
        assert app.screen.query_one("#copyright").display  # copyright stays
    assert StateStore().cookies_accepted("Rossiyskaya Gazeta")

    again = seed_app()
    async with again.run_test(size=WIDE):
        panel = again.screen.query_one(FooterPanel)
        assert not panel.notice_shown
        assert not again.screen.query_one("#cookie-notice").display
        assert again.screen.query_one("#copyright").display


async def test_accept_button_works_from_the_keyboard(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        app.screen.query_one(CookieRow).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one(FooterPanel).notice_shown
        assert isinstance(app.screen.focused, ArticleBody)


async def test_the_notice_is_hidden_on_a_fresh_map(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accepting hides the notice on a current compositor map (reader.ui.layout_map).

    Hidden while the map was stale, the map could be rebuilt with the notice already
    gone: the layout then found no widget resized, and the text never had its Resize.
    It kept its old height for good (the reader's place no longer recorded as they
    scrolled, its last line out of reach; a snapshot test showed a stale scrollbar
    thumb now and then under load). Whether that rebuild comes first is chance, so this
    checks the map is current as the notice's display changes; the map is made stale
    with Textual's private flag, as a scroll or a hidden widget's refresh makes it."""
    from textual.widget import Widget

    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, screen._built, "the screen built")
        notice = screen.query_one("#cookie-notice")
        stale_when_hidden: list[bool] = []
        refresh = Widget.refresh

        def spy(widget: Widget, *regions: object, **options: bool) -> Widget:
            if widget is notice and options.get("layout"):
                stale_when_hidden.append(screen._compositor._full_map_invalidated)
            return refresh(widget, *regions, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(Widget, "refresh", spy)
        screen._compositor._full_map_invalidated = True
        screen.query_one(FooterPanel).accepted = True
        await pilot.pause()
        assert not notice.display
        assert stale_when_hidden == [False]


async def test_the_text_takes_the_notice_rows_even_without_its_resize(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual can change a widget's size and send it no Resize (its map of the screen
    rebuilt with the change already in: reader.ui.layout_map). The text, given the
    notice's rows that way, still lays itself out for them: it draws its screens
    ahead again, and the reader's place follows their scrolling (while a resize is
    under way, scrolling is Textual's clamping, not the reader's)."""
    app = seed_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, screen._built, "the screen built")
        body = screen.query_one(ArticleBody)
        height = body.size.height
        post_message = ArticleBody.post_message

        def without_resize(widget: ArticleBody, message: Message) -> bool:
            if widget is body and isinstance(message, events.Resize):
                return False  # lost, as Textual loses it
            return post_message(widget, message)

        monkeypatch.setattr(ArticleBody, "post_message", without_resize)
        screen.query_one(FooterPanel).accepted = True
        await until(pilot, lambda: body.size.height > height, "the notice's rows given")
        await pilot.pause()
        assert body.predraw_target() is not None
        await pilot.press("G")
        await pilot.pause()
        place = body._top
        await pilot.press("k")
        await pilot.pause()
        assert body._top != place  # the reader's scrolling is their place


async def test_reading_position_is_restored(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "j", "j")
        body = app.screen.query_one(ArticleBody)
        where = int(body.scroll_y)
        assert where > 0
    saved = StateStore().position(seed_article.id)  # written on the way out
    assert saved is not None
    assert (saved.section, saved.scroll_y) == ("upaya-diplomasi-as", where)
    assert saved.anchor is not None

    again = seed_app()
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, ReadingScreen)
        assert int(screen.body.scroll_y) == where
        assert screen.current_section == "upaya-diplomasi-as"


async def test_scrolling_does_not_write_the_position_at_once(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not written on every scroll: only once the reader has stopped for a moment. The
    delay is made far longer than the test, so that no slow machine can reach it."""
    monkeypatch.setattr(reading, "SAVE_DELAY", 3600.0)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("4", "j", "j", "k")
        await pilot.pause()
        assert StateStore().position(screen.article.id) is None
        where = int(screen.body.scroll_y)
    saved = StateStore().position(screen.article.id)  # still written on the way out
    assert saved is not None and saved.scroll_y == where


async def test_position_is_saved_while_reading(seed_app: Callable[[], ReaderApp]) -> None:
    """Once the reader stops, the position is saved without quitting. The test waits for
    the save itself (the screen's timer firing), not for a time: on a busy machine the
    timer fires late, and the scroll may still be moving until then."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        at_save: list[tuple[str | None, int]] = []
        save = screen.save_position

        def watched() -> None:
            at_save.append((screen.current_section, int(screen.body.scroll_y)))
            save()

        screen.save_position = watched  # type: ignore[method-assign]
        await pilot.press("4")
        await until(pilot, lambda: bool(at_save), "the position is saved")
        assert app.is_running
        saved = StateStore().position(screen.article.id)
        assert saved is not None
        assert (saved.section, saved.scroll_y) == at_save[-1]
        assert saved.section == "tak-mungkin-tanpa-pencabutan-sanksi"


async def test_position_falls_back_to_the_section_at_another_width(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("4")
    again = seed_app()
    async with again.run_test(size=(90, 30)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.current_section == "tak-mungkin-tanpa-pencabutan-sanksi"


async def test_the_same_sentence_is_at_the_top_at_another_width(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    """Lines change with the width; the saved anchor (block, character) does not."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        body = app.screen.query_one(ArticleBody)
        layout = body.text_layout
        # the first line below the heading that starts inside a paragraph
        y = next(
            y
            for y in range(int(body.scroll_y), layout.line_count)
            if layout.line(y).start > 0 and layout.blocks[layout.line(y).block].kind == "paragraph"
        )
        body.go_to_line(y)
        await pilot.pause()
        line = layout.line(int(body.scroll_y))
        top_text = layout.blocks[line.block].text[line.start : line.end]
        assert line.start > 0 and top_text.strip()
        saved_at = (line.block, line.start)
    saved = StateStore().position(seed_article.id)
    assert saved is not None and saved.anchor == saved_at
    for size in ((60, 30), (45, 20)):  # text narrower than the 76-column measure
        again = seed_app()
        async with again.run_test(size=size) as pilot:
            await pilot.pause()
            body = again.screen.query_one(ArticleBody)
            line = body.text_layout.line(int(body.scroll_y))
            assert line.block == saved_at[0]
            assert line.start <= saved_at[1] < max(line.end, line.start + 1)
            shown = body.text_layout.blocks[line.block].text[line.start : line.end]
            assert shown.strip() and top_text.split()[0] in shown.split()


async def test_a_stale_anchor_falls_back_to_the_section(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    """An anchor from an older version of the article (another section, or no such
    block) is not trusted: the saved section is."""
    store = StateStore()
    section = "tak-mungkin-tanpa-pencabutan-sanksi"
    for anchor in ((0, 0), (10_000, 5)):
        store.set_position(seed_article.id, Position(section, 3, anchor))
        app = seed_app()
        async with app.run_test(size=(90, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            assert screen.current_section == section


async def test_theme_choice_persists(
    seed_app: Callable[[], ReaderApp], _private_state: Path
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        assert app.theme == DEFAULT_THEME
        app.theme = "nord"
        await pilot.pause()
    assert json.loads((_private_state / "state.json").read_text())["theme"] == "nord"
    again = seed_app()
    async with again.run_test(size=WIDE):
        assert again.theme == "nord"


async def test_unknown_saved_theme_falls_back(seed_app: Callable[[], ReaderApp]) -> None:
    StateStore().set_theme("no-such-theme")
    app = seed_app()
    async with app.run_test(size=WIDE):
        assert app.theme == DEFAULT_THEME


async def test_corrupt_state_is_reported_once_and_the_app_runs(
    seed_app: Callable[[], ReaderApp],
    _private_state: Path,
    notifications: Callable[[ReaderApp], list[str]],
) -> None:
    (_private_state / "state.json").write_text("{not json")
    app = seed_app()
    messages = notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert sum("corrupt" in m for m in messages) == 1
        await pilot.press("n")
        assert isinstance(app.screen, ReadingScreen)
