"""The cookie notice's row is one widget that draws what three did, cell for cell.

The reference is the row as it was built before: the notice's text in a ``Static`` and
Textual's compact primary ``Button`` in a ``Horizontal``, with the same styles, in the
same footer panel. Drawn one above the other, in every state the button has (focused,
under the mouse, both), in a dark, a light and an ANSI theme, wide and narrow, with a
short and a very long notice, the two rows must not differ by a cell.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cells import cells
from conftest import WIDE
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Static

from reader.core.model import CookieNotice, Footer
from reader.core.state import StateStore
from reader.resources import styles_dir
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.cookie_row import CookieRow
from reader.ui.widgets.footer_panel import FooterPanel

SEED = Footer(
    "Hak cipta milik Rossiyskaya Gazeta.",
    CookieNotice("Situs ini menggunakan kuki. Klik di sini.", None, "Terima kuki"),
)
LONG = Footer(
    "© " + "hak cipta " * 60,
    CookieNotice("Kebijakan " + "kuki " * 100, None, "Terima " + "kuki " * 40),
)


class _ThreeWidgetPanel(FooterPanel):
    """The footer panel with the notice's row built as it was: Horizontal, Static, Button."""

    def compose(self) -> ComposeResult:
        cookie = self._footer.cookie
        assert cookie is not None
        yield Static(Content(self._footer.copyright or ""), id="ref-copyright")
        with Horizontal(id="reference"):
            yield Static(Content(cookie.text), id="ref-text")
            yield Button(Content(cookie.accept_label), "primary", compact=True, id="ref-button")


class _Rows(App[None]):
    CSS_PATH = str(styles_dir() / "reader.tcss")
    # the row's old rules in reader.tcss
    CSS = """
    #ref-copyright { width: 1fr; max-height: 2; overflow: hidden; }
    #reference { height: auto; max-height: 3; }
    #reference > #ref-text { width: 1fr; max-height: 3; overflow: hidden; }
    #reference > Button { margin-left: 2; max-width: 40%; }
    """
    AUTO_FOCUS = None

    def __init__(self, footer: Footer, *, ansi: bool) -> None:
        super().__init__(ansi_color=ansi)
        self._footer = footer

    def compose(self) -> ComposeResult:
        yield FooterPanel(self._footer, id="panel")
        yield _ThreeWidgetPanel(self._footer, id="ref-panel")


def _drawn(app: App[None], widget: Widget) -> list[list[tuple[str, object]]]:
    """The widget's cells as they look (their meta, never drawn, left out)."""
    region = widget.region
    rows: list[list[tuple[str, object]]] = [[] for _ in range(region.height)]
    for cell in cells(app, region):
        rows[cell.y - region.y].append((cell.text, cell.style.clear_meta_and_links()))
    return rows


async def _put(pilot: Pilot[None], target: Widget, button: Widget | None, state: str) -> None:
    """Put the button (``button``, or the row's, if None) in ``state``."""
    app = pilot.app
    app.set_focus(None)
    await pilot.hover(None, (0, 0))
    if state in ("focus", "focus+hover"):
        target.focus()
    if state in ("hover", "focus+hover"):
        if button is not None:
            await pilot.hover(button)
        else:
            assert isinstance(target, CookieRow)
            await pilot.hover(target, target.button_region.offset)
    await pilot.pause()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi"])
@pytest.mark.parametrize("state", ["normal", "focus", "hover", "focus+hover"])
@pytest.mark.parametrize(("footer", "width"), [(SEED, 160), (SEED, 80), (SEED, 40), (LONG, 120)])
async def test_the_row_looks_as_the_three_widgets_did(
    theme: str, state: str, footer: Footer, width: int
) -> None:
    app = _Rows(footer, ansi=theme == "ansi")
    async with app.run_test(size=(width, 30)) as pilot:
        if theme != "ansi":
            app.theme = theme
        await pilot.pause()
        row = app.query_one(CookieRow)
        reference = app.query_one("#reference")
        await _put(pilot, row, None, state)
        drawn = _drawn(app, row)
        await _put(pilot, app.query_one("#ref-button"), app.query_one("#ref-button"), state)
        assert row.region.size == reference.region.size
        assert drawn == _drawn(app, reference)


async def test_moving_off_the_button_lights_it_down(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        row = app.screen.query_one(CookieRow)
        await pilot.hover(row, row.button_region.offset)
        assert row.button_hover
        await pilot.hover(row, (0, 0))  # over the notice's text
        assert not row.button_hover


async def test_a_click_on_the_text_neither_accepts_nor_takes_the_focus(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        row = screen.query_one(CookieRow)
        await pilot.click(row, (0, 0))
        await pilot.pause()
        assert screen.query_one(FooterPanel).notice_shown
        assert isinstance(screen.focused, ArticleBody)
        await pilot.click(row, row.button_region.offset)
        await pilot.pause()
        assert not screen.query_one(FooterPanel).notice_shown
    assert StateStore().cookies_accepted("Rossiyskaya Gazeta")
