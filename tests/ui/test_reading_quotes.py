"""The article and the quote sidebar together: choosing a quote shows it in the text."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _waiting import until
from conftest import WIDE, screen_built, sidebar_ready
from rich.style import Style
from textual._compositor import Compositor
from textual.command import CommandList, CommandPalette, Hit, Provider
from textual.content import Content
from textual.widget import AwaitMount, Widget
from textual.widgets import Input

from reader.core.model import Article, Quote, Section, Speaker
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.commands import CitationCommands, QuoteCommands, SectionCommands, SpeakerCommands
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.quote_sidebar import QuoteSidebar
from reader.ui.widgets.reading_header import ReadingHeader


def _chosen_cells(body: ArticleBody, y: int) -> str:
    """The text drawn with the chosen-quote highlight on screen line ``y``."""
    chosen: Style = body.get_component_rich_style("body--chosen")
    strip = body.render_line(y)
    return "".join(
        seg.text
        for seg in strip
        if seg.style is not None and seg.style.bgcolor == chosen.bgcolor and seg.text != "▎"
    )


async def test_choosing_a_quote_scrolls_to_it_and_highlights_it(
    seed_app: Callable[[], ReaderApp],
    seed_article: Article,
    body_lines: Callable[[ReaderApp], list[str]],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.query_one(ArticleBody)
        sidebar = await sidebar_ready(pilot)
        quote = next(q for q in seed_article.quotes if q.id == "q9")
        sidebar.post_message(QuoteSidebar.QuoteChosen(sidebar, quote.id))
        await pilot.pause()
        assert body.chosen_quote == "q9"
        line = body.line_of_quote("q9")
        assert line is not None
        top = int(body.scroll_y)
        assert top <= line < top + body.scrollable_content_region.height
        highlighted = "".join(_chosen_cells(body, y) for y in range(line - top, line - top + 3))
        assert highlighted.split()[:4] == quote.text.split()[:4]
        assert "— Dmitri Medvedev" in "\n".join(body_lines(app))


async def test_quote_search_then_enter_shows_the_quote_paragraph(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen.focused, Input)
        await pilot.press(*"ebola", "enter")
        await pilot.pause()
        body = screen.query_one(ArticleBody)
        assert body.chosen_quote == "q1"
        assert any("virus Ebola" in line for line in body_lines(app))


async def test_enter_on_a_quote_draws_the_text_in_a_frame_without_the_header(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The header's place in the article ("N of M, x%") follows the text in a frame of
    its own: drawn with the text, its row widened the region of the key's frame to the
    whole screen, and every pane beside the text was drawn again."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await sidebar_ready(pilot)
        await screen_built(pilot)
        header = screen.query_one(ReadingHeader)
        await pilot.press("slash", *"ditimbulkan")
        await pilot.pause()
        where = header.where
        frames: list[set[str]] = []
        update_widgets = Compositor.update_widgets

        def spied(compositor: Compositor, widgets: set[Widget]) -> None:
            frames.append({str(widget.id) for widget in widgets})
            update_widgets(compositor, widgets)

        monkeypatch.setattr(Compositor, "update_widgets", spied)
        await pilot.press("enter")
        await until(pilot, lambda: header.where != where, "the header's place moved")
        assert screen.query_one(ArticleBody).chosen_quote == "q9"
        first = next(index for index, frame in enumerate(frames) if "body" in frame)
        assert "header" not in frames[first]
        assert any("header" in frame for frame in frames[first + 1 :])


async def test_palette_jumps_to_a_section(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Section 3")
        palette = app.screen
        hits = palette.query_one(CommandList)

        def gathered() -> bool:
            searching = any(w.is_running for w in app.workers if w.node is palette)
            return not searching and hits.option_count > 0 and hits.highlighted == 0

        await until(pilot, gathered, "the palette has gathered its hits")
        await pilot.press("enter")
        await pilot.pause()
        assert body_lines(app)[0].strip() == "Upaya Diplomasi AS"


async def _hits(provider: Provider, query: str) -> list[Hit]:
    await provider.startup()
    hits = [hit async for hit in provider.search(query)]
    return sorted(hits, reverse=True)


async def test_quote_commands_jump_to_a_quote(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        hits = await _hits(QuoteCommands(screen), "Tentu saja")
        assert hits[0].text is not None and "Medvedev" in hits[0].text
        hits[0].command()
        await pilot.pause()
        assert screen.query_one(ArticleBody).chosen_quote == "q7"


async def test_citation_commands_copy_a_quote_or_the_article(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    from reader.core.citation import article_citation, full_citation

    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        provider = CitationCommands(app.screen)
        hit = (await _hits(provider, "Cite Tentu saja"))[0]
        assert hit.text is not None and "Medvedev" in hit.text
        hit.command()
        await pilot.pause()
        assert app.clipboard == full_citation(seed_article.quote("q7"), seed_article)
        (await _hits(provider, "Cite this article"))[0].command()
        await pilot.pause()
        assert app.clipboard == article_citation(seed_article)
        assert app.clipboard.startswith(f"“{seed_article.title}”")


async def test_speaker_commands_filter_the_sidebar(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        sidebar = await sidebar_ready(pilot)
        provider = SpeakerCommands(screen)
        (await _hits(provider, "Lukyanov"))[0].command()
        await pilot.pause()
        assert sidebar.speaker_filter == "lukyanov"
        (await _hits(provider, "everyone"))[0].command()
        await pilot.pause()
        assert sidebar.speaker_filter is None
        discovered = [hit async for hit in provider.discover()]
        assert len(discovered) == 5  # four speakers and "everyone"


async def test_palette_text_is_never_markup(tmp_path: Path) -> None:
    article = Article(
        id="m",
        title="t",
        language="en",
        source="s",
        sections=(Section("a", "[b]Bold[/b] section", ("He said “[red]x[/]”.",)),),
        speakers=(Speaker("s", "[i]Ann[/i]", "[u]role[/u]"),),
        quotes=(Quote("q1", "[red]x[/]", "s", "a", 0),),
    )
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE):
        screen = app.screen
        section = (await _hits(SectionCommands(screen), "Bold"))[0]
        assert isinstance(section.prompt, Content)
        assert section.prompt.plain == "Section 1: [b]Bold[/b] section"
        quote = (await _hits(QuoteCommands(screen), "Ann"))[0]
        assert isinstance(quote.prompt, Content)
        assert quote.prompt.plain == "Quote: [i]Ann[/i]: [red]x[/]"
        assert quote.help is not None
        assert Content.from_markup(quote.help).plain == "[red]x[/]"


async def test_the_palette_lists_its_commands_in_the_same_order_every_time(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    """Sections, quotes, speakers, citations, then Textual's own commands by name.

    Textual starts a set of providers in the set's order, which changes between
    launches; with a provider per kind the palette's order changed with it.
    """
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        commands = palette.query_one(CommandList)
        expected = (
            len(seed_article.sections) + len(seed_article.quotes) + len(seed_article.speakers) + 1
        )
        for _ in range(200):  # hits arrive in batches
            await pilot.pause()
            if commands.option_count > expected:
                break
        shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        order = ["Section", "Quote", "Speaker", "Cite", "system"]
        kinds = [text.split()[0].rstrip(":") for text in shown]
        kinds = [kind if kind in order else "system" for kind in kinds]
        assert kinds == sorted(kinds, key=order.index), kinds
        assert kinds.count("Section") == len(seed_article.sections)
        system = [text for text, kind in zip(shown, kinds, strict=True) if kind == "system"]
        assert system and system == sorted(system)


async def test_keys_before_the_sidebar_is_mounted_reach_it(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """The sidebar is mounted after the first paint; "/", Tab and a speaker filter
    pressed before then mount it at once and take effect as soon as it is composed."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await sidebar_ready(pilot)  # mounted after the first paint: wait, then take it away
        for key, focused in (("slash", "quote-search"), ("tab", "quote-speakers")):
            # back to the moment before the sidebar was mounted
            screen.body.focus()
            await screen.query_one(QuoteSidebar).remove()
            assert screen.sidebar is None
            await pilot.press(key)
            # the field at once; the lists as soon as they are mounted (a frame later)
            await until(
                pilot,
                lambda focused=focused: screen.focused is not None and screen.focused.id == focused,
                key,
            )
        await screen.query_one(QuoteSidebar).remove()
        screen.filter_speaker("lavrov")
        await pilot.pause()
        sidebar = screen.query_one(QuoteSidebar)
        assert sidebar.speaker_filter == "lavrov"
        assert len(screen.query(QuoteSidebar)) == 1


async def test_a_second_tab_before_the_lists_come_goes_past_the_quotes_pane(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tab sent before the sidebar's lists are mounted sends the focus there, to land
    once they are; a second Tab meanwhile goes on to the pane after it, as on an idle
    screen, and the first Tab's focus does not land after it."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await sidebar_ready(pilot)
        idle = []
        for _ in range(2):
            await pilot.press("tab")
            await pilot.pause()
            idle.append(screen.focused)
        assert idle[0] is not None and idle[0].id == "quote-speakers"
        assert idle[1] is not None and idle[1].id != "quote-speakers"
        # back to the moment before the lists were mounted, held there
        screen.body.focus()
        await screen.query_one(QuoteSidebar).remove()
        fill_now = QuoteSidebar._fill_now
        monkeypatch.setattr(QuoteSidebar, "_fill_now", lambda sidebar: None)
        monkeypatch.setattr(QuoteSidebar, "_fill", lambda sidebar: None)
        await pilot.press("tab")
        await until(pilot, lambda: screen.sidebar is not None, "the sidebar mounted")
        sidebar = screen.query_one(QuoteSidebar)
        await until(pilot, lambda: sidebar.is_mounted, "the sidebar composed")
        assert isinstance(screen.focused, ArticleBody)  # the focus on its way
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused is idle[1]
        fill_now(sidebar)  # the lists come
        await until(pilot, lambda: sidebar.filled, "the lists filled")
        await pilot.pause()
        assert screen.focused is idle[1]


async def test_the_sidebar_asks_for_no_second_layout_once_laid_out(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mounting the sidebar, and then what goes under its field, lays the screen out
    once each: once laid out, neither it nor its lists ask for another layout (the
    quote list's scrollbar is there from the start, the speakers' height was right,
    and the sidebar's own virtual size lays nothing out); each such request was one
    more layout of the whole screen. (Textual's mount of the lists asks the sidebar
    for the layout that places them: that one is the lists' own.)"""
    asked: list[str] = []

    def spy(cls: type[Widget]) -> None:
        refresh = cls.refresh

        def recorded(self: Widget, *regions: Any, layout: bool = False, **kwargs: Any) -> Any:
            ours = isinstance(self, QuoteSidebar) or self.id in ("quote-list", "quote-speakers")
            mounting = isinstance(sys._getframe(1).f_locals.get("self"), AwaitMount)
            if layout and ours and self.size and not mounting:
                asked.append(self.id or "")
            return refresh(self, *regions, layout=layout, **kwargs)

        monkeypatch.setattr(cls, "refresh", recorded)

    spy(QuoteSidebar)
    spy(CursorList)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        sidebar = await sidebar_ready(pilot)
        await until(pilot, lambda: not sidebar.building, "the list built")
        await pilot.pause()
        assert sidebar.query_one("#quote-list", CursorList).show_vertical_scrollbar
        assert asked == []
