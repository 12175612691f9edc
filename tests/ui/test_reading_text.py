"""Article text is shown as text: markup-looking characters, wide scripts, a long article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _waiting import until
from conftest import WIDE
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Static

from reader.core.format import save_article
from reader.core.model import Article, CookieNotice, Footer, Quote, Section, Speaker
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.cookie_row import CookieRow
from reader.ui.widgets.footer_panel import FooterPanel
from reader.ui.widgets.section_list import SectionList


def _article(paragraphs: tuple[str, ...], **fields: object) -> Article:
    base: dict[str, object] = {
        "id": "test-article",
        "title": "Title [bold]not bold[/]",
        "language": "en",
        "source": "Source [link=x]y[/link]",
        "sections": (
            Section("opening", None, paragraphs),
            Section("second", "Second [i]part[/i]", ("Plain text.",)),
        ),
        "speakers": (Speaker("s", "Ann [red]Smith[/]", "role [b]x[/]"),),
        "quotes": (Quote("q1", "[bold]x[/]", "s", "opening", 0),),
        "footer": Footer("© [dim]them[/]", CookieNotice("Cookies [u]here[/u].", "[u]here[/u]")),
    }
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


async def test_markup_in_article_text_shows_literally(
    tmp_path: Path, body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    path = tmp_path / "markup.yaml"
    save_article(_article(("He said “[bold]x[/]” and left [/] [link=http://e]z[/link].",)), path)
    app = make_app(path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = "\n".join(body_lines(app))
        assert "Title [bold]not bold[/]" in text
        assert "He said “[bold]x[/]” and left [/] [link=http://e]z[/link]." in text
        assert "Second [i]part[/i]" in text
        assert "— Ann [red]Smith[/]" in text
        row = app.screen.query_one(CookieRow)
        assert row.text.plain == "Cookies [u]here[/u]."
        # its "link" has no address: it must not look like one (it did, and did nothing)
        assert not row.text.spans
        assert "Cookies [u]here[/u]." in row.render_line(0).text
        copyright = app.screen.query_one("#copyright", Static).visual
        assert isinstance(copyright, Content) and copyright.plain == "© [dim]them[/]"
        toc = app.screen.query_one(SectionList)
        lines = [toc.render_line(y).text.strip() for y in range(2)]
        assert lines == ["1 Opening", "2 Second [i]part[/i]"]  # English: "Opening"


async def test_wide_characters_wrap_inside_the_column(tmp_path: Path) -> None:
    cjk = "これは日本語の文章です。" * 20 + " 🙂🙂🙂 emoji " * 10
    path = tmp_path / "cjk.yaml"
    save_article(_article((cjk,), quotes=()), path)
    app = make_app(path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        width = body.scrollable_content_region.width
        for y in range(body.scrollable_content_region.height):
            assert body.render_line(y).cell_length == width


async def test_a_long_article_is_laid_out_in_the_background(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """About 5 MB of text: the first screen is laid out at once, the rest between keys.

    The first lines of text are drawn while the layout is still incomplete (laying it
    all out before the first paint would also end complete, so only this tells the
    two apart). How fast is measured in benchmarks/ui_responsiveness.py, not here.
    """
    paragraph = (
        "Moskow dan Washington sepakat meningkatkan pertukaran intelijen untuk melawan "
        "kelompok radikal yang telah menguasai sebagian wilayah Irak dan Suriah. " * 4
    )
    sections = tuple(
        Section(f"s{i}", f"Bagian {i}", tuple(paragraph for _ in range(40))) for i in range(200)
    )
    article = _article(("Pembuka.",), sections=sections, quotes=(), speakers=())
    #: (lines laid out, whether that was all of them) when text was first drawn
    at_first_paint: list[tuple[int, bool]] = []
    render_line = ArticleBody.render_line

    def recording(body: ArticleBody, y: int) -> Strip:
        strip = render_line(body, y)
        if not at_first_paint and strip.text.strip():
            layout = body.text_layout
            at_first_paint.append((layout.line_count, layout.is_complete))
        return strip

    monkeypatch.setattr(ArticleBody, "render_line", recording)
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        [(lines, complete)] = at_first_paint
        assert not complete
        assert lines < 5_000  # a few screens' worth, not a good part of the article
        await pilot.press("j")  # keys are handled while the rest is laid out
        assert body.scroll_y == 1
        await until(pilot, lambda: body.text_layout.is_complete, "the layout completes")
        assert body.text_layout.line_count > 50_000
        assert app.screen.query_one(SectionList).option_count == len(article.sections)
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y


async def test_many_quotes_get_their_sidebar_after_the_first_paint(tmp_path: Path) -> None:
    paragraphs = tuple(f"Dia berkata “kutipan nomor {i}” kemarin." for i in range(400))
    quotes = tuple(Quote(f"q{i}", f"kutipan nomor {i}", "s", "opening", i) for i in range(400))
    article = _article(paragraphs, quotes=quotes)
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        # The sidebar is mounted after the first refresh, which a loaded machine may
        # not have drawn by the first pause: wait for it rather than once.
        await until(pilot, lambda: screen.sidebar is not None, "the sidebar is mounted")
        assert screen.sidebar is not None
        await pilot.press("slash")
        assert screen.focused is not None and screen.sidebar in screen.focused.ancestors
        screen.go_to_quote("q399")
        assert screen.body.chosen_quote == "q399"


async def test_the_first_paint_has_the_text_before_any_resize(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual paints a new widget before handling its Resize event; the body must not
    wait for that event to have text (its first frame was blank, the text a frame later)."""
    monkeypatch.setattr(ArticleBody, "on_resize", lambda self: None)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        first = "".join(segment.text for segment in body.render_line(0))
        assert "Moskow dan Washington" in first


async def test_a_bare_article_opens_and_every_key_is_harmless() -> None:
    article = Article(id="bare", title="Only a title", language="xx", source="Nobody")
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n", "p", "1", "j", "k", "space", "b", "G", "g", "tab", "tab")
        await pilot.press("ctrl+f", *"x", "enter", "escape", "t", "s", "t", "s")
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert not screen.query_one(FooterPanel).display  # nothing to show there
        assert screen.query_one(SectionList).option_count == 0
        assert "Only a title" in screen.body.render_line(0).text


async def test_a_long_footer_leaves_the_article_its_room() -> None:
    footer = Footer(
        "© " + "hak cipta " * 60,
        CookieNotice("Kebijakan " + "kuki " * 100, None, "Terima " + "kuki " * 40),
    )
    app = ReaderApp(_article(("Teks.",), footer=footer), StateStore())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.body.region.height >= 20
        panel = screen.query_one(FooterPanel)
        assert panel.region.height <= 10
        row = screen.query_one(CookieRow)
        assert row.button_region.width <= 120 * 0.4 + 1
        assert row.button_region.x > 40  # the notice's text keeps its room
