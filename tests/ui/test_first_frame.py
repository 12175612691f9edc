"""What the reading screen does before its first frame, and that it looks the same.

Work skipped before the first paint (benchmarks/first_paint.py) must leave the screen
exactly as it would have been: these tests check both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from conftest import NARROW, WIDE
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen

THEMES = ["textual-dark", "textual-light"]


def _rules(node: DOMNode) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The node's CSS rules and its component classes' (what styling sets)."""
    components = {name: dict(s.base.get_rules()) for name, s in node._component_styles.items()}
    return dict(node._css_styles.get_rules()), components


async def test_the_screen_is_not_restyled_when_first_shown(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every widget is styled as it mounts; Textual styled the whole screen again when
    it was first shown (~3.5 ms of the seed's first paint). Later it may restyle."""
    restyled: list[list[DOMNode]] = []
    update_nodes = Stylesheet.update_nodes

    def recording(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.append(nodes)
        update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", recording)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert not [nodes for nodes in restyled if screen in nodes]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_the_first_styles_are_those_a_restyle_gives(
    seed_app: Callable[[], ReaderApp],
    monkeypatch: pytest.MonkeyPatch,
    theme: str,
    size: tuple[int, int],
) -> None:
    """When the screen is first shown, styling it all again changes nothing."""
    changed: list[DOMNode] = []
    checked: list[int] = []
    resume = ReadingScreen._on_screen_resume

    def checking(self: ReadingScreen, event: Any) -> None:
        first = not self._resumed
        resume(self, event)
        if first:
            nodes = list(self.walk_children(with_self=True))
            before = [_rules(node) for node in nodes]
            self.app.stylesheet.update_nodes(nodes)
            changed.extend(n for n, b in zip(nodes, before, strict=True) if _rules(n) != b)
            checked.append(len(nodes))

    monkeypatch.setattr(ReadingScreen, "_on_screen_resume", checking)
    app = seed_app()
    app.theme = theme
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
    assert checked and checked[0] > 10  # the whole screen, composed
    assert changed == []


async def test_the_body_styles_a_component_class_when_a_line_first_uses_it(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """The first screen has no find match: its style is not worked out before the first
    paint; a find styles it, and a theme switch restyles it with the rest."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        assert "body--title" in body._component_styles
        assert "body--match" not in body._component_styles
        await pilot.press("ctrl+f", *"Lavrov", "enter")
        await pilot.pause()
        assert body.match_count > 0
        assert "body--match" in body._component_styles
        dark = body.get_component_rich_style("body--match")
        assert dark.bgcolor is not None
        app.theme = "textual-light"
        await pilot.pause()
        light = body.get_component_rich_style("body--match")
        assert light.bgcolor is not None and light.bgcolor != dark.bgcolor
        with pytest.raises(KeyError):
            body.get_component_styles("body--no-such-class")


async def test_the_screen_and_its_bare_containers_are_drawn_blank(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen, the panes' row and the text's column have no border and no content
    (the widgets in them cover them): Textual's styles drew each of their lines
    (~3.5 ms of the seed's first paint) for cells no one sees; they are blank lines."""
    from textual._styles_cache import StylesCache

    drawn: list[object] = []
    render_widget = StylesCache.render_widget

    def recording(self: StylesCache, widget: Any, crop: Any) -> Any:
        drawn.append(widget)
        return render_widget(self, widget, crop)

    monkeypatch.setattr(StylesCache, "render_widget", recording)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.body in drawn  # (the recording sees what is drawn)
        for blank in (screen, screen.query_one("#panes"), screen.query_one("#reading")):
            assert blank not in drawn
            assert blank.region.area  # on screen all the same


@pytest.mark.parametrize("theme", THEMES)
async def test_the_toc_below_its_entries_is_drawn_once_a_frame(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """OptionList looked its lines over for every line drawn (most of a short TOC is
    below its entries); the TOC does it once a frame, and its blank lines are
    OptionList's own."""
    from textual.geometry import Region
    from textual.widgets import OptionList

    from reader.ui.widgets.section_list import SectionList

    app = seed_app()
    app.theme = theme
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        toc = app.screen.query_one(SectionList)
        height = toc.scrollable_content_region.height
        assert toc.option_count < height // 2
        looked: list[int] = []
        update_lines = OptionList._update_lines

        def counting(self: OptionList) -> None:
            looked.append(1)
            update_lines(self)

        monkeypatch.setattr(OptionList, "_update_lines", counting)
        toc._styles_cache.clear()  # drawn again, as in a new frame
        toc.render_lines(Region(0, 0, toc.size.width, toc.size.height))
        assert len(looked) <= toc.option_count + 2
        monkeypatch.setattr(OptionList, "_update_lines", update_lines)
        for y in range(height):
            assert toc.render_line(y) == OptionList.render_line(toc, y)


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_the_first_frame_parses_no_style_text(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """The first style text parsed ("dim", for the TOC's numbers) tokenized every
    variable of the theme first: ~0.8 ms of the seed's first paint, in tmux."""
    from textual.screen import Screen

    parsed: list[str] = []
    frames: list[list[str]] = []
    parse_style = Stylesheet.parse_style
    compositor_refresh = Screen._compositor_refresh

    def recording(self: Stylesheet, style_text: Any) -> Any:
        if isinstance(style_text, str):
            parsed.append(style_text)
        return parse_style(self, style_text)

    def drawn(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        if isinstance(screen, ReadingScreen):
            frames.append(list(parsed))

    monkeypatch.setattr(Stylesheet, "parse_style", recording)
    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert frames, "no frame of the reading screen"
        assert frames[0] == []
