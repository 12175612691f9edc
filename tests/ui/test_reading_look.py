"""How the reading screen looks: hierarchy, borders, scrollbars, header and footer,
checked on the composed screen's cells in a dark and a light theme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cells import Cell, cells, contrast, luminance
from conftest import NARROW, WIDE, sidebar_ready
from rich.style import Style
from textual.widget import Widget

from reader.core.format import save_article
from reader.core.model import Article, Section
from reader.core.reading import reading_minutes
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.body_drawing import linkable
from reader.ui.widgets.reading_header import ReadingHeader

THEMES = ["textual-dark", "textual-light"]
BOX = set("╭╮╰╯─│━┃┏┓┗┛▔▁▏▕")


def _row(app: ReaderApp, y: int, x0: int = 0, x1: int | None = None) -> list[Cell]:
    return [c for c in cells(app) if c.y == y and c.x >= x0 and (x1 is None or c.x < x1)]


def _text(row: list[Cell]) -> str:
    return "".join(c.text for c in row)


def _body_row(app: ReaderApp, text: str) -> list[Cell]:
    """The cells of the first body line holding ``text``."""
    body = app.screen.query_one(ArticleBody)
    region = body.content_region
    for y in range(region.y, region.bottom):
        row = _row(app, y, region.x, region.right)
        if text in _text(row):
            start = _text(row).index(text)
            return row[start : start + len(text)]
    raise AssertionError(f"{text!r} not on screen")


async def _open(app: ReaderApp, pilot: object, theme: str) -> None:
    app.theme = theme
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize("theme", THEMES)
async def test_the_title_leads_the_lead_and_the_headings(
    seed_app: Callable[[], ReaderApp], seed_article: Article, theme: str
) -> None:
    """The title is bold in its own colour with a rule under it; the lead is not bold
    (it was as bold as the title); headings are bold but without the rule."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await _open(app, pilot, theme)
        title = _body_row(app, seed_article.title[:30])
        assert all(c.style.bold for c in title if c.text.strip())
        lead = _body_row(app, (seed_article.lead or "")[:30])
        assert not any(c.style.bold for c in lead)
        heading = _body_row(app, "Pertukaran Intelejen")
        assert all(c.style.bold for c in heading if c.text.strip())
        paragraph = _body_row(app, "Menteri Luar Negeri Rusia Sergey")
        assert title[0].style.color != paragraph[0].style.color  # a colour of its own
        rule = _body_row(app, "━" * 20)
        body = app.screen.query_one(ArticleBody).content_region
        assert rule[0].y - title[0].y <= 2  # right under the title and its source line
        assert sum(1 for y in range(body.y, body.bottom) if "━" * 20 in _text(_row(app, y))) == 1


@pytest.mark.parametrize("theme", THEMES)
async def test_a_chosen_quote_stands_out(seed_app: Callable[[], ReaderApp], theme: str) -> None:
    """The chosen quote's background was the body's with a faint tint."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await _open(app, pilot, theme)
        app.screen.go_to_quote("q1")  # type: ignore[attr-defined]
        await pilot.pause()
        chosen = _body_row(app, "Bagaimanapun juga")
        plain = _body_row(app, "tutur Lavrov")
        assert chosen[0].style.bgcolor and plain[0].style.bgcolor
        ratio = contrast(Style(color=chosen[0].style.bgcolor, bgcolor=plain[0].style.bgcolor))
        assert ratio >= 1.4, ratio
        assert contrast(chosen[0].style) >= 4.5  # and its text is still easy to read


def _border_cells(app: ReaderApp, widget: Widget) -> list[Cell]:
    region = widget.region
    return [c for c in cells(app, region) if c.text in BOX and c.y == region.y]


@pytest.mark.parametrize("theme", THEMES)
async def test_side_pane_borders_show_when_unfocused_and_focus_has_a_colour(
    seed_app: Callable[[], ReaderApp], theme: str
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await _open(app, pilot, theme)
        toc = app.screen.query_one("#toc")
        quotes = app.screen.query_one("#quotes-pane")
        for pane in (toc, quotes):
            border = _border_cells(app, pane)
            assert border
            assert contrast(border[0].style) >= 1.5, (pane, contrast(border[0].style))
        blurred = _border_cells(app, toc)[0].style.color
        toc.focus()
        await pilot.pause()
        assert _border_cells(app, toc)[0].style.color != blurred


async def test_the_quote_pane_is_one_box(seed_app: Callable[[], ReaderApp]) -> None:
    """The search field and both lists had heavy borders of their own inside the pane's
    (six rows of borders at 160x48)."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await sidebar_ready(pilot)  # mounted after the first paint
        pane = app.screen.query_one("#quotes-pane")
        inner = pane.content_region
        edges = [c for c in cells(app, inner) if c.text in BOX - {"─"}]
        assert edges == []
        for selector in ("#quote-search", "#quote-speakers", "#quote-list"):
            widget = app.screen.query_one(selector)
            assert widget.styles.border_top[0] in ("", "none")
            assert widget.styles.border_left[0] in ("", "none")


@pytest.mark.parametrize("theme", THEMES)
async def test_scrollbars_are_thin_and_on_the_pane_background(
    seed_app: Callable[[], ReaderApp], theme: str
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await _open(app, pilot, theme)
        await sidebar_ready(pilot)  # mounted after the first paint
        for selector in ("#body", "#quote-list"):
            widget = app.screen.query_one(selector)
            assert widget.styles.scrollbar_size_vertical == 1
            assert widget.styles.scrollbar_background == widget.styles.background


@pytest.mark.parametrize("theme", THEMES)
async def test_the_source_footer_and_the_key_footer_are_apart(
    seed_app: Callable[[], ReaderApp], theme: str
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await _open(app, pilot, theme)
        panel = app.screen.query_one("#footer-panel")
        top = _row(app, panel.region.y)
        assert _text(top).strip() and set(_text(top).strip()) <= BOX  # a rule over it
        assert contrast(top[0].style) >= 1.3


@pytest.mark.parametrize("size", [WIDE, NARROW, (60, 20)])
async def test_the_header_always_shows_the_source_and_where_you_are(
    seed_app: Callable[[], ReaderApp], seed_article: Article, size: tuple[int, int]
) -> None:
    """At 80x24 Textual's header cut the title and dropped the source."""
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = app.screen.query_one(ReadingHeader)
        line = _text(_row(app, header.region.y)).strip()
        assert seed_article.source in line
        assert "§ 1/4" in line or size[0] < 70
        assert seed_article.title[:10] in line
        if size == WIDE:
            assert seed_article.title in line and "min read" in line
        else:
            assert "…" in line  # the title gives way, clipped, not the source
        await pilot.press("3")
        await pilot.pause()
        assert "§ 3/4" in _text(_row(app, header.region.y)) or size[0] < 70


@pytest.mark.parametrize("width", [80, 106, 140])
async def test_the_title_wins_over_the_reading_time(
    seed_app: Callable[[], ReaderApp], seed_article: Article, width: int
) -> None:
    """At 80 columns " · 4 min read" took fourteen cells from the clipped title: the
    reading time is shortened, then left out, before the title is clipped."""
    minutes = reading_minutes(seed_article)
    app = seed_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(ReadingHeader)
        line = _text(_row(app, header.region.y)).strip()
        assert seed_article.source in line and "§ 1/4" in line
        if width == 140:  # room for everything
            assert seed_article.title in line and line.endswith(f"{minutes} min read")
        elif width == 106:  # room for the title beside a short reading time
            assert seed_article.title in line and line.endswith(f"· {minutes} min")
        else:  # the title is clipped: no reading time takes its room
            info = f"{seed_article.source} · § 1/4 · 0%"
            assert line.endswith(info) and "min" not in line
            room = width - 2 - len(info) - 2  # the padding, and the gap before the info
            assert line.startswith(seed_article.title[: room - 1] + "…")


async def test_reading_time_and_share_read_follow_the_scroll(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        header = app.screen.query_one(ReadingHeader)
        assert " 0%" in header.info
        await pilot.press("G")
        await pilot.pause()
        assert "100%" in header.info and "§ 4/4" in header.info


async def test_date_and_address_under_the_title_the_address_a_link(tmp_path: Path) -> None:
    article = Article(
        id="dated",
        title="A dated article",
        language="en",
        source="The Source",
        date="2024-05-01",
        url="https://example.org/news/a-dated-article",
        sections=(Section("s", None, ("Some text.",)),),
    )
    path = tmp_path / "dated.yaml"
    save_article(article, path)
    app = make_app(path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        meta = _body_row(app, "The Source · 2024-05-01 · https://example.org/news/a-dated-article")
        url = [c for c in meta if c.style.link]
        assert "".join(c.text for c in url) == "https://example.org/news/a-dated-article"
        assert {c.style.link for c in url} == {"https://example.org/news/a-dated-article"}
        assert not any(c.style.link for c in meta if c not in url)


def test_only_plain_web_addresses_become_links() -> None:
    assert linkable("https://example.org/a?b=c#d") == "https://example.org/a?b=c#d"
    assert linkable("http://example.org") == "http://example.org"
    for bad in (None, "javascript:alert(1)", "https://e.org/\x1b]8;;x\x07", "https://e .org", ""):
        assert linkable(bad) is None


def test_cells_helper_measures_contrast() -> None:
    white, black = Style.parse("#ffffff on #000000"), Style.parse("#000000 on #ffffff")
    assert round(contrast(white)) == 21 == round(contrast(black))
    assert luminance(Style.parse("#000000").color) == 0  # type: ignore[arg-type]
