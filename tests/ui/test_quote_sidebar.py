"""The quote sidebar on its own: speakers, filtering, search, choosing, big articles.

A small harness app mounts nothing but the sidebar, styled by the sidebar's own block
of ``styles/reader.tcss`` (so these tests, and the snapshot, change only when the
sidebar does), and records every ``QuoteChosen`` the sidebar posts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Any, cast

import pytest
from _waiting import until
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual import on
from textual.app import App, ComposeResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList

from reader.core.model import Article, Quote, Section, Speaker
from reader.core.quote_query import QuoteIndex, citation
from reader.core.search import matches
from reader.resources import styles_dir
from reader.ui.text.wrap import wrap_lines
from reader.ui.widgets.quote_block import PREVIEW_LINES, BlockText, Look, QuoteBlock, is_regular
from reader.ui.widgets.quote_sidebar import QuoteSidebar

RULES = cast(RulesMap, {})


BEGIN, END = "/* -- quote sidebar -- */", "/* -- end quote sidebar -- */"
SIZE = (60, 40)


def sidebar_css() -> str:
    """The sidebar's block of the app stylesheet, and nothing else."""
    text = (styles_dir() / "reader.tcss").read_text(encoding="utf-8")
    start = text.index(BEGIN)
    return text[start : text.index(END, start) + len(END)]


class SidebarApp(App[None]):
    """The sidebar alone, recording the quotes chosen in it."""

    CSS = sidebar_css()

    def __init__(self, article: Article, *, neighbour: bool = False) -> None:
        super().__init__()
        self.article = article
        self.neighbour = neighbour
        self.chosen: list[QuoteSidebar.QuoteChosen] = []

    def compose(self) -> ComposeResult:
        if self.neighbour:
            yield Button("Elsewhere", id="elsewhere")
        yield QuoteSidebar(self.article, id="quotes")

    @asynccontextmanager
    async def run_test(self, **kwargs: Any) -> AsyncIterator[Pilot[None]]:  # type: ignore[override]
        """``App.run_test``, once the sidebar's lists are mounted and filled (a frame
        after it is first drawn) and laid out."""
        async with super().run_test(**kwargs) as pilot:
            await until(pilot, lambda: self.sidebar.filled, "the lists filled")
            speakers = self.sidebar.query_one("#quote-speakers", OptionList)
            # laid out (the speakers' list is as tall as its rows)
            await until(pilot, lambda: speakers.size.height > 0, "the lists laid out")
            yield pilot

    @on(QuoteSidebar.QuoteChosen, "#quotes")  # the selector goes through ``control``
    def _record(self, message: QuoteSidebar.QuoteChosen) -> None:
        self.chosen.append(message)

    @property
    def sidebar(self) -> QuoteSidebar:
        return self.query_one(QuoteSidebar)

    @property
    def search(self) -> Input:
        return self.query_one("#quote-search", Input)

    @property
    def speakers(self) -> OptionList:
        return self.query_one("#quote-speakers", OptionList)

    @property
    def quotes(self) -> OptionList:
        return self.query_one("#quote-list", OptionList)

    @property
    def counter(self) -> str:
        return str(self.query_one("#quote-counter", Label).content)

    def shown(self) -> list[str]:
        """Ids of the quotes in the list, in order (group headers have none)."""
        return [option.id for option in self.quotes.options if option.id is not None]

    def chosen_ids(self) -> list[str]:
        return [message.quote_id for message in self.chosen]


def lines(widget: Widget) -> list[str]:
    """The text of a scrolling list's visible lines, as drawn."""
    height = widget.scrollable_content_region.height
    return [widget.render_line(y).text.rstrip() for y in range(height)]


def flowed(widget: Widget) -> str:
    """The visible text with wrapped lines joined, for asserting on whole labels."""
    return " ".join(" ".join(line.split()) for line in lines(widget) if line.strip())


def article_with(*quotes: tuple[str, str], speakers: tuple[Speaker, ...]) -> Article:
    """An article built in code: ``quotes`` are (speaker id, text) pairs."""
    built = tuple(
        Quote(id=f"t{i}", text=text, speaker=speaker, section="body", paragraph=0)
        for i, (speaker, text) in enumerate(quotes, 1)
    )
    return Article(
        id="built",
        title="Built",
        language="id",
        source="Tests",
        sections=(Section("body", None, tuple(text for _, text in quotes)),),
        speakers=speakers,
        quotes=built,
    )


# -- speakers -------------------------------------------------------------------------


async def test_speakers_show_full_name_role_and_count(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE):
        text = flowed(app.speakers)
        assert "All speakers · 9 quotes" in text  # quotes, not speakers
        for speaker in seed_article.speakers:
            count = len(seed_article.quotes_by(speaker.id))
            assert f"{speaker.label} ({count})" in text
        # The long role wraps under the name instead of being cut off.
        lukyanov = lines(app.speakers)[3:5]
        assert lukyanov == [
            "  Fyodor Lukyanov — Ketua Dewan Presidium Kebijakan",
            "  Pertahanan dan Luar Negeri Rusia (3)",
        ]


async def test_choosing_a_speaker_filters_and_choosing_again_clears(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.speakers.focus()
        # Rows: All, Lavrov, Litovkin, Lukyanov, Medvedev.
        await pilot.press("down", "down", "down", "enter")
        assert app.sidebar.speaker_filter == "lukyanov"
        assert app.shown() == ["q4", "q5", "q6"]
        assert app.counter == "3 of 9"
        assert "● Fyodor Lukyanov" in lines(app.speakers)[3]

        await pilot.press("enter")  # the same speaker again
        assert app.sidebar.speaker_filter is None
        assert len(app.shown()) == 9
        assert app.counter == "9 of 9"

        await pilot.press("down", "enter")
        assert app.shown() == ["q7", "q8", "q9"]
        await pilot.press("home", "enter")  # "All speakers"
        assert app.sidebar.speaker_filter is None
        assert len(app.shown()) == 9
        assert app.chosen == []  # filtering is not choosing a quote


async def test_show_speaker_sets_the_filter_and_rejects_unknown_ids(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.show_speaker("medvedev")
        await pilot.pause()
        assert app.shown() == ["q7", "q8", "q9"]
        assert app.speakers.highlighted == 4
        app.sidebar.show_speaker(None)
        await pilot.pause()
        assert len(app.shown()) == 9
        with pytest.raises(ValueError, match="nobody"):
            app.sidebar.show_speaker("nobody")


async def test_quotes_are_grouped_under_their_speakers(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE):
        headers = [str(o.prompt) for o in app.quotes.options if o.id is None]
        assert headers == [
            f"{s.label} ({len(seed_article.quotes_by(s.id))})" for s in seed_article.speakers
        ]
        assert all(o.disabled for o in app.quotes.options if o.id is None)
        assert app.shown() == [q.id for q in seed_article.quotes]


# -- search ---------------------------------------------------------------------------


def scope(app: SidebarApp) -> str | None:
    """What the sidebar says narrows its list (None when it says nothing)."""
    label = app.sidebar.query_one("#quote-scope", Label)
    return str(label.content) if label.display else None


async def test_a_search_narrowed_by_the_speaker_filter_says_so(seed_article: Article) -> None:
    """With Lavrov chosen, a search for Lukyanov's "Obama" showed "0 of 9" and nothing else."""
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        assert scope(app) is None  # everyone's quotes: nothing to explain
        app.sidebar.show_speaker("lavrov")
        await pilot.pause()
        said = scope(app)
        assert said is not None and "Sergey Lavrov" in said and "All speakers" in said
        app.search.value = "Obama"
        await pilot.pause()
        assert app.shown() == [] and app.counter == "0 of 9"
        said = scope(app)
        assert said is not None
        assert "Sergey Lavrov" in said and "Obama" in said and "All speakers" in said
        app.sidebar.show_speaker(None)  # widened: the quote is found
        await pilot.pause()
        assert app.shown() == ["q4"] and scope(app) is None


async def test_an_empty_search_result_says_so(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.search.value = "xyzzy"
        await pilot.pause()
        assert app.shown() == []
        said = scope(app)
        assert said is not None and "xyzzy" in said


async def test_search_filters_as_you_type(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.focus_search()
        await pilot.press("E")
        assert len(app.shown()) == 9  # every quote has an "e" somewhere
        await pilot.press(*"bola")
        assert app.search.value == "Ebola"
        assert app.shown() == ["q1"]
        assert app.counter == "1 of 9"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("LUKYANOV", ["q4", "q5", "q6"]),  # the speaker's name
        ("presidium", ["q4", "q5", "q6"]),  # the speaker's role
        ("Medvédev", ["q7", "q8", "q9"]),  # accents typed, none in the article
        ("obama moskow", ["q4"]),  # every word must occur
        ("sanksi medvedev", ["q8", "q9"]),  # words may come from different fields
        ("xyzzy", []),
    ],
)
async def test_search_covers_text_name_and_role(
    seed_article: Article, query: str, expected: list[str]
) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.search.value = query
        await pilot.pause()
        assert app.shown() == expected
        assert app.counter == f"{len(expected)} of 9"
        # The same answer as the core search, quote by quote.
        assert expected == [
            q.id
            for q in seed_article.quotes
            if matches(query, q.text, *filter(None, _speaker_fields(seed_article, q)))
        ]


def _speaker_fields(article: Article, quote: Quote) -> tuple[str, str | None]:
    speaker = article.speaker(quote.speaker)
    return speaker.name, speaker.role


async def test_search_ignores_accents_in_the_article() -> None:
    speakers = (
        Speaker("medvedev", "Dmitri Medvédev", "Perdana Menteri"),
        Speaker("other", "Someone Else", "Pelayan kafe"),
    )
    article = article_with(
        ("medvedev", "Kami bukan pihak yang membuat sanksi"),
        ("other", "Saya minum kopi di café setiap pagi"),
        speakers=speakers,
    )
    app = SidebarApp(article)
    async with app.run_test(size=SIZE) as pilot:
        app.search.value = "MEDVEDEV"
        await pilot.pause()
        assert app.shown() == ["t1"]
        app.search.value = "cafe"
        await pilot.pause()
        assert app.shown() == ["t2"]
        assert "café" in flowed(app.quotes)


async def test_search_finds_a_name_past_where_the_list_clips_it() -> None:
    """The list clips a long name; the search still reads all of it (the core query)."""
    long_name = "Raden " + "Mas " * 80 + "Zulkarnain"  # over MAX_LABEL_CHARS
    speakers = (Speaker("raden", long_name, None), Speaker("other", "Someone Else", None))
    article = article_with(("raden", "Kami siap"), ("other", "Kami juga"), speakers=speakers)
    app = SidebarApp(article)
    async with app.run_test(size=SIZE) as pilot:
        app.search.value = "zulkarnain"
        await pilot.pause()
        assert app.shown() == ["t1"]
        assert "Zulkarnain" not in flowed(app.speakers)  # clipped in the list


async def test_matched_words_are_highlighted(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.search.value = "obama"
        await pilot.pause()
        marked: list[str] = []
        plain_words: list[str] = []
        for y in range(app.quotes.scrollable_content_region.height):
            for segment in app.quotes.render_line(y):
                style = segment.style
                if style is not None and style.bold and style.underline:
                    marked.append(segment.text)
                elif segment.text.strip():
                    plain_words.append(segment.text)
        # "Obama" twice in q4, nothing else marked.
        assert marked == ["Obama", "Obama"]
        assert any("pemerintahan" in text for text in plain_words)


async def test_search_shows_whole_quotes_and_the_list_previews_them(
    seed_article: Article,
) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.show_speaker("lukyanov")
        await pilot.pause()
        # Not searching: q4 (seven lines at this width) is cut to three, ending in "…".
        preview = lines(app.quotes)
        start = next(y for y, line in enumerate(preview) if "Saya rasa" in line)
        assert preview[start].startswith(" “Saya rasa pemerintahan Obama")
        assert preview[start + 1].startswith("  ")  # continuation lines hang under the text
        assert preview[start + 2].endswith("…")
        assert preview[start + 3].strip() == "— Fyodor Lukyanov"
        assert "pada Moskow" not in flowed(app.quotes)
        # Searching: the match ("Moskow") is at the very end, so the whole quote shows.
        app.search.value = "moskow"
        await pilot.pause()
        assert "pada Moskow”" in flowed(app.quotes)


async def test_enter_in_search_chooses_the_first_hit(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.focus_search()
        await pilot.press(*"sanksi")
        assert app.shown() == ["q3", "q8", "q9"]
        await pilot.press("enter")
        assert app.chosen_ids() == ["q3"]
        message = app.chosen[0]
        assert message.sidebar is app.sidebar
        assert message.control is app.sidebar

        await pilot.press("ctrl+u", *"xyzzy", "enter")  # no hit: nothing chosen
        assert app.chosen_ids() == ["q3"]


async def test_escape_clears_then_returns_focus(seed_article: Article) -> None:
    app = SidebarApp(seed_article, neighbour=True)
    async with app.run_test(size=SIZE) as pilot:
        elsewhere = app.query_one("#elsewhere")
        elsewhere.focus()
        app.sidebar.focus_search()
        await pilot.press(*"ebola")
        assert app.shown() == ["q1"]

        await pilot.press("escape")
        assert app.search.value == ""
        assert len(app.shown()) == 9
        assert app.search.has_focus  # the first Escape only clears

        await pilot.press("escape")
        assert elsewhere.has_focus  # the second one goes back where the reader was


async def test_escape_in_the_list_clears_the_search_and_otherwise_passes(
    seed_article: Article,
) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.search.value = "ebola"
        app.quotes.focus()
        await pilot.pause()
        assert app.sidebar.check_action("clear_search", ())
        await pilot.press("escape")
        assert app.search.value == ""
        assert app.quotes.has_focus
        # Nothing left to clear: Escape is left to the screen (to close a dialog, say).
        assert not app.sidebar.check_action("clear_search", ())


async def test_down_from_the_search_field_goes_to_the_results(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.focus_search()
        await pilot.press(*"sanksi", "down")
        assert app.quotes.has_focus
        await pilot.press("down", "enter")
        assert app.chosen_ids() == ["q8"]


async def test_speaker_filter_and_search_combine(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.show_speaker("medvedev")
        app.search.value = "sanksi"
        await pilot.pause()
        assert app.shown() == ["q8", "q9"]
        assert app.counter == "2 of 9"
        app.sidebar.show_speaker(None)
        await pilot.pause()
        assert app.shown() == ["q3", "q8", "q9"]
        app.search.value = ""
        app.sidebar.show_speaker("litovkin")
        await pilot.pause()
        assert app.shown() == ["q2", "q3"]


# -- choosing -------------------------------------------------------------------------


async def test_enter_on_a_quote_chooses_it(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.quotes.focus()
        await pilot.press("down", "down", "enter")  # headers are skipped: q1 → q2 → q3
        assert app.chosen_ids() == ["q3"]


async def test_clicking_a_quote_chooses_it(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.show_speaker("medvedev")
        await pilot.pause()
        row = next(y for y, text in enumerate(lines(app.quotes)) if "Tentu saja" in text)
        # The list's border and padding take the first cell on each side.
        assert await pilot.click(app.quotes, offset=(3, row + 1))
        assert app.chosen_ids() == ["q7"]


async def test_the_cursor_stays_on_its_quote_when_the_list_changes(
    seed_article: Article,
) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.quotes.focus()
        await pilot.press("down", "down", "down", "down")  # q5
        app.search.value = "komunikasi"  # q5 matches
        await pilot.pause()
        app.search.value = ""
        await pilot.pause()
        await pilot.press("enter")
        assert app.chosen_ids() == ["q5"]


# -- text is text ---------------------------------------------------------------------


async def test_markup_in_the_article_shows_literally() -> None:
    speakers = (Speaker("x", "[red]Nama[/red]", "Peran [b]tebal[/b]"),)
    article = article_with(("x", "Kata [bold]tegas[/bold] dan [/] tanda"), speakers=speakers)
    app = SidebarApp(article)
    async with app.run_test(size=SIZE) as pilot:
        assert "[red]Nama[/red] — Peran [b]tebal[/b] (1)" in flowed(app.speakers)
        assert "“Kata [bold]tegas[/bold] dan [/] tanda”" in flowed(app.quotes)
        app.search.value = "bold"
        await pilot.pause()
        assert app.shown() == ["t1"]
        assert "[bold]tegas[/bold]" in flowed(app.quotes)


async def test_tabs_and_escapes_in_an_article_built_in_code_are_cleaned() -> None:
    speakers = (Speaker("x", "Nama\tLengkap", "Peran\x1b[31m merah"),)
    article = article_with(("x", "Satu\tdua\x1b[2J tiga " * 8), speakers=speakers)
    app = SidebarApp(article)
    async with app.run_test(size=SIZE) as pilot:
        app.search.value = "tiga"
        await pilot.pause()
        shown = lines(app.quotes)
        assert not any("\x1b" in line or "\t" in line for line in shown)
        assert "Nama Lengkap — Peran merah (1)" in flowed(app.quotes)
        assert flowed(app.quotes).count("Satu dua tiga") == 8  # wrapped, nothing lost


async def test_a_quote_by_an_unlisted_speaker_still_shows() -> None:
    article = article_with(("ghost", "Tanpa nama"), speakers=())
    app = SidebarApp(article)
    async with app.run_test(size=SIZE) as pilot:
        assert app.shown() == ["t1"]
        assert "ghost (1)" in flowed(app.speakers)
        app.sidebar.show_speaker("ghost")
        await pilot.pause()
        assert app.shown() == ["t1"]


# -- big articles ---------------------------------------------------------------------


def big_article(count: int) -> Article:
    speakers = tuple(
        Speaker(f"s{n}", f"Pembicara {n}", f"Juru bicara lembaga nomor {n} yang namanya panjang")
        for n in range(40)
    )
    quotes = tuple(
        Quote(
            id=f"q{n}",
            text=f"Kutipan {n}: kami akan terus bekerja sama melawan terorisme, kata kunci{n}.",
            speaker=f"s{n % 40}",
            section="body",
            paragraph=0,
        )
        for n in range(count)
    )
    return Article(
        id="big",
        title="Big",
        language="id",
        source="Tests",
        sections=(Section("body", None, ("...",)),),
        speakers=speakers,
        quotes=quotes,
    )


async def settle(app: SidebarApp, pilot: Pilot[None]) -> None:
    """Let a big list finish building: it is built a slice at a time, between keys.

    The first pause lets a search value just set start its rebuild (until its Changed
    message is handled there is no worker to wait for); then it waits for the list to be
    built, since an idle-looking app under load may still be filling it.
    """
    await pilot.pause()
    await app.workers.wait_for_complete()
    await until(pilot, lambda: not app.sidebar.building, "the quote list is built")
    await pilot.pause()


async def test_five_thousand_quotes_mount_search_and_choose() -> None:
    app = SidebarApp(big_article(5000))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.counter == "5000 of 5000"
        assert len(app.shown()) == 5000
        app.search.value = "kunci4321."
        await settle(app, pilot)
        assert app.shown() == ["q4321"]
        app.search.value = "terorisme"
        await settle(app, pilot)
        assert app.counter == "5000 of 5000"
        assert len(app.shown()) == 5000
        app.quotes.focus()
        await pilot.press("end", "enter")
        assert app.chosen_ids() == ["q4999"]  # the last quote of the last speaker


async def test_ten_thousand_quotes_keep_the_app_answering_keys() -> None:
    """Keys are handled while a huge list is still being built, and it ends up whole."""
    app = SidebarApp(big_article(10_000), neighbour=True)
    async with app.run_test(size=SIZE) as pilot:
        # Right after mounting the list is still filling: a key goes through anyway.
        assert app.workers, "a list this long should be built in the background"
        await pilot.press("tab")  # focus moves on from the button while it fills
        assert app.search.has_focus
        await settle(app, pilot)
        assert app.counter == "10000 of 10000"
        shown = app.shown()
        assert len(shown) == 10_000
        assert shown[:3] == ["q0", "q40", "q80"]  # grouped under the first speaker

        # Typing goes straight into the field; the list follows. ("9876" is in q9876
        # only; every key is a search of the whole list, so few keys keep it quick.)
        app.sidebar.focus_search()
        await pilot.press(*"9876")
        assert app.search.value == "9876"
        await settle(app, pilot)
        assert app.shown() == ["q9876"]
        assert app.counter == "1 of 10000"

        # A search that keeps every quote ("t" is in each) lists them all, and Enter
        # takes the first.
        await pilot.press("ctrl+u", "t")
        await settle(app, pilot)
        assert app.counter == "10000 of 10000"
        assert len(app.shown()) == 10_000
        await pilot.press("enter")
        assert app.chosen_ids() == ["q0"]


async def test_enter_while_a_big_search_is_half_done_takes_its_first_hit() -> None:
    app = SidebarApp(big_article(10_000))
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.focus_search()
        # Typed and submitted at once, before the app gets a turn: the search starts
        # right after mounting, with no quote folded for searching yet, so it is still
        # running (the first hit of the search before it is "q0") when Enter arrives.
        # (Pressed key by key, the pilot would wait for each search to finish.)
        app.search.value = "kunci777."
        await app.search.action_submit()
        await pilot.pause()
        assert app.chosen_ids() == ["q777"]


async def test_enter_does_not_wait_for_the_list_to_be_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Enter takes the first hit of what is typed without first finishing the list's
    rebuild (its options, the folding of every quote): here that rebuild never ends
    until a quote is chosen, and Enter still chooses one. Finishing it first (as
    Enter did) cost 70-250 ms on a 5 MB article."""
    app = SidebarApp(big_article(10_000))
    steps = 0

    def folding(index: QuoteIndex) -> Iterator[None]:
        nonlocal steps
        while not app.chosen:
            steps += 1
            if steps > 200_000:  # Enter ran it to its end: never, here
                raise AssertionError("Enter waited for the list to be built")
            yield

    monkeypatch.setattr(QuoteIndex, "fold_all", folding)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.focus_search()
        # typed and submitted at once (a pause would wait for the list to be built)
        app.search.value = "kunci777."
        await app.search.action_submit()
        # (an app that ran the rebuild to the error above has ended)
        await until(pilot, lambda: app.chosen or not app.is_running, "a quote is chosen")
        assert app.chosen_ids() == ["q777"]


# -- wrapping -------------------------------------------------------------------------


@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab cd\n—“”é漢字 ")) | st.characters(codec="utf-8"),
        max_size=200,
    ),
    width=st.integers(min_value=1, max_value=40),
)
def test_wrap_lines_covers_the_text_in_lines_that_fit(text: str, width: int) -> None:
    spans = wrap_lines(text, width)
    # In order, without gaps except the newlines between paragraphs.
    rebuilt = ""
    position = 0
    for start, end in spans:
        assert start >= position
        gap = text[position:start]
        assert gap in ("", "\n")
        rebuilt += gap + text[start:end]
        position = end
        # A line fits once the spaces the break swallowed are dropped; a single wide
        # character (with any zero-width ones that belong to it: a combining mark is
        # never split from its letter) may stand alone on a line narrower than itself.
        line = text[start:end].rstrip()
        assert cell_len(line) <= width or cell_len(line[1:]) == 0
    assert rebuilt == text


def test_the_sidebar_styles_are_one_block_in_the_app_stylesheet() -> None:
    text = (styles_dir() / "reader.tcss").read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1
    assert text.count(END) == 1
    # Styled by the app's stylesheet only, so the app can restyle it without fighting.
    assert "DEFAULT_CSS" not in vars(QuoteSidebar)


# -- snapshot -------------------------------------------------------------------------


def test_snapshot_search_in_progress(
    snap_compare: Callable[..., bool], seed_article: Article
) -> None:
    async def type_query(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, SidebarApp)
        app.sidebar.focus_search()
        await pilot.press(*"sanksi")
        await pilot.pause()

    assert snap_compare(SidebarApp(seed_article), terminal_size=SIZE, run_before=type_query)


@given(
    text=st.text(alphabet=st.sampled_from(list("ab cd ”é")), min_size=1, max_size=300),
    width=st.integers(min_value=1, max_value=60),
    direct=st.booleans(),
)
def test_a_preview_measured_from_its_length_is_as_tall_as_when_wrapped(
    text: str, width: int, direct: bool
) -> None:
    """Long previews skip wrapping to count their lines; they must count the same."""
    text = " ".join(text.split())  # what ``is_regular`` admits: single spaces, one line
    footer = "   — Pembicara"
    marker = " “" if direct else "  "

    def block(regular: bool) -> QuoteBlock:
        look = Look(
            marker=Content(marker),
            footer_plain=footer,
            footer_cells=cell_len(footer),
            max_lines=PREVIEW_LINES,
        )
        return QuoteBlock(BlockText(text, regular), look, lambda *_: (Content(text), None), None)

    assert is_regular(text)
    assert block(True).get_height(RULES, width) == block(False).get_height(RULES, width)


async def test_the_list_keeps_its_width_when_it_grows_a_scrollbar() -> None:
    # A width change re-measures every quote: with 11,000 quotes that was two 100 ms
    # redraws right after the list filled. The gutter is there from the start.
    widths = []
    for count in (1, 300):
        app = SidebarApp(big_article(count))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await until(pilot, lambda a=app, n=count: len(a.shown()) == n, f"{count} quotes shown")
            widths.append(app.quotes.scrollable_content_region.width)
    assert widths[0] == widths[1]


# -- copying a quote --------------------------------------------------------------------


@pytest.mark.parametrize("key", ["c", "y"])
async def test_c_copies_the_highlighted_quote_with_its_speaker(
    seed_article: Article, key: str
) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.quotes.focus()
        await pilot.press("down", key)  # q2
        await pilot.pause()
        quote = next(q for q in seed_article.quotes if q.id == "q2")
        speaker = next(s for s in seed_article.speakers if s.id == quote.speaker)
        assert speaker.role
        assert app.clipboard == f"“{quote.text}” — {speaker.name}, {speaker.role}"
        assert app.chosen_ids() == []  # copying is not choosing


async def test_shift_c_copies_the_full_citation_of_the_highlighted_quote(
    seed_article: Article,
) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.quotes.focus()
        await pilot.press("down", "C")  # q2
        await pilot.pause()
        quote = seed_article.quote("q2")
        speaker = seed_article.speaker(quote.speaker)
        assert app.clipboard.startswith(f"“{quote.text}” — {speaker.name}, {speaker.role}. In: ")
        assert app.clipboard.endswith(f"“{seed_article.title}”, {seed_article.source}")
        assert app.chosen_ids() == []


async def test_shift_c_copies_nothing_without_a_highlighted_quote(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.focus_search()
        await pilot.press("C")
        assert app.search.value == "C"
        assert app.clipboard == ""


async def test_c_in_the_search_field_is_typed_not_copied(seed_article: Article) -> None:
    app = SidebarApp(seed_article)
    async with app.run_test(size=SIZE) as pilot:
        app.sidebar.focus_search()
        await pilot.press("c")
        assert app.search.value == "c"
        assert app.clipboard == ""


def test_a_citation_has_the_whole_name_and_role_and_clean_text() -> None:
    article = article_with(
        ("a", "Kami \x1b[31msiap\x07"),
        ("b", "Tanpa peran"),
        ("nobody", "Tak dikenal"),
        speakers=(
            Speaker("a", "Budi " + "Santoso " * 20 + "Jr", "Ketua\tRT"),
            Speaker("b", "Sari"),
        ),
    )
    first, second, third = article.quotes
    long_name = "Budi " + "Santoso " * 20 + "Jr"
    assert citation(first, article) == f"“Kami siap” — {long_name}, Ketua RT"
    assert citation(second, article) == "“Tanpa peran” — Sari"
    assert citation(third, article) == "“Tak dikenal” — nobody"
