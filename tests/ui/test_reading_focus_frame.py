"""A focus change draws what it changes, once: "/" costs one small frame.

The quotes pane's border follows the focus inside it (the pane's ``-has-focus`` class,
set by the screen, not a ``:focus-within`` rule, which styled the whole sidebar again
at each focus change), and only its edges are drawn again for it; the screen is not
drawn whole after a focus change (Textual's own ``focused`` reactive asked for that: a
second 25 KB frame at 160x48); and an early "/" (the sidebar not mounted yet) draws no
frame of the sidebar before its field has the focus.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _waiting import until
from cells import cells
from conftest import WIDE
from rich.color import Color
from terminal_model import stale_cells, terminal_model
from textual._compositor import Compositor
from textual._styles_cache import StylesCache
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, OptionList

from reader.ui import key_frame
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.quote_sidebar import QuoteSidebar

THEMES = ["textual-dark", "textual-light"]


def _top_border_colour(app: ReaderApp, widget: Widget) -> Color | None:
    """The colour the top-left corner of ``widget``'s border is drawn in."""
    region = widget.region
    corner = next(c for c in cells(app, region) if c.x == region.x and c.y == region.y)
    assert corner.text == "╭"
    return corner.style.color


async def _built(pilot: object, screen: ReadingScreen) -> QuoteSidebar:
    await until(pilot, lambda: screen.sidebar is not None and screen.sidebar.filled, "filled")  # type: ignore[arg-type]
    sidebar = screen.sidebar
    assert sidebar is not None
    await until(pilot, lambda: not sidebar.building, "the lists built")  # type: ignore[arg-type]
    return sidebar


@pytest.mark.parametrize("theme", THEMES)
async def test_the_quote_panes_border_follows_the_focus_inside_it(
    seed_app: Callable[[], ReaderApp], theme: str
) -> None:
    """Blurred, the pane's border is the TOC's blurred one; with the focus in the search
    field or in a list, the TOC's focused one; out of the pane again, blurred."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        app.theme = theme
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _built(pilot, screen)
        pane, toc = screen.query_one("#quotes-pane"), screen.query_one("#toc")
        await pilot.pause()
        blurred = _top_border_colour(app, pane)
        assert blurred == _top_border_colour(app, toc)
        toc.focus()
        await pilot.pause()
        focused = _top_border_colour(app, toc)
        assert focused != blurred
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(screen.focused, Input)
        assert _top_border_colour(app, pane) == focused
        await pilot.press("down")  # from the field to the results
        await pilot.pause()
        assert isinstance(screen.focused, OptionList)
        assert _top_border_colour(app, pane) == focused
        screen.body.focus()
        await pilot.pause()
        assert _top_border_colour(app, pane) == blurred


async def test_a_focus_change_into_the_pane_styles_only_the_pane_again(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "/" key styles again the field it focuses, the text it leaves and the pane (its
    border), not the lists: with a ``:focus-within`` rule on the pane, Textual styled
    everything in it again (both lists with their component classes) and drew it all."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        sidebar = await _built(pilot, screen)
        await pilot.pause()
        styled: list[DOMNode] = []
        apply = Stylesheet.apply

        def spied(stylesheet: Stylesheet, node: DOMNode, **options: object) -> None:
            styled.append(node)
            apply(stylesheet, node, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(Stylesheet, "apply", spied)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(screen.focused, Input)
        lists = list(sidebar.query(OptionList))
        assert len(lists) == 2
        assert not [node for node in styled if node in lists]
        assert screen.query_one("#quotes-pane") in styled


async def test_a_focus_change_does_not_draw_the_whole_screen(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frames after "/" update the widgets that changed, never the screen whole."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _built(pilot, screen)
        await pilot.pause()
        updated: list[Widget] = []
        update_widgets = Compositor.update_widgets

        def spied(compositor: Compositor, widgets: set[Widget]) -> None:
            updated.extend(widgets)
            update_widgets(compositor, widgets)

        monkeypatch.setattr(Compositor, "update_widgets", spied)
        await pilot.press("slash")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(screen.focused, Input)
        assert updated  # the key's frame was drawn
        assert screen not in updated


async def test_an_early_slash_draws_no_frame_of_the_sidebar_before_its_field_has_the_focus(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A "/" sent before the sidebar is mounted: a tick of the screen's timer while the
    sidebar mounts (made to come, here, as it is mounted) draws nothing; the first
    frame that shows the sidebar shows its field focused. Before, that tick drew the
    sidebar unfocused (a full frame of its own), and the key's frame came after."""
    monkeypatch.setattr(ReadingScreen, "_mount_sidebar_when_keys_pause", lambda self: None)
    frames: list[tuple[bool, bool]] = []
    compositor_refresh = Screen._compositor_refresh

    def drawn(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        if screen.query("#quote-search"):
            frames.append((True, isinstance(screen.focused, Input)))

    on_mount = QuoteSidebar.on_mount

    def ticked_then_mounted(sidebar: QuoteSidebar) -> None:
        sidebar.screen._on_timer_update()  # a tick of the update timer, now
        on_mount(sidebar)

    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    monkeypatch.setattr(QuoteSidebar, "on_mount", ticked_then_mounted)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen.body.layout_complete, "laid out")
        await pilot.pause()
        assert screen.sidebar is None
        await pilot.press("slash")
        await until(pilot, lambda: bool(frames), "a frame of the sidebar")
        assert frames[0] == (True, True)


async def test_slash_draws_the_panes_edges_not_the_lists_inside(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frames of "/" draw the pane's border (its colours change), not the quote list
    inside it: Textual drew the pane whole for its border, and every widget inside for
    its title's colour."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        sidebar = await _built(pilot, screen)
        await pilot.pause()
        drawn: list[Region] = []
        render_update = Compositor.render_update

        def spied(compositor: Compositor, *args: object, **kwargs: object) -> object:
            drawn.extend(compositor._dirty_regions)
            return render_update(compositor, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Compositor, "render_update", spied)
        await pilot.press("slash")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(screen.focused, Input)
        pane = screen.query_one("#quotes-pane").region
        assert any(region.contains(pane.x, pane.y) for region in drawn)  # the corner
        inside = sidebar.query_one("#quote-list").region.center
        assert not any(region.contains(*inside) for region in drawn)


async def test_work_that_can_wait_sees_an_early_slash_on_its_way(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """While "/" mounts the sidebar, the screen has a key on its way (``key_frame_pending``),
    so what asks for it (the collector's settle, the body's drawing ahead, the lists'
    filling) waits for the key's frame: a settle every 50 ms fell into the mount."""
    monkeypatch.setattr(ReadingScreen, "_mount_sidebar_when_keys_pause", lambda self: None)
    # a key is on its way for KEY_WHILE seconds at most: a busy machine's mount may
    # take longer, and this test is about the key's start, not about the clock
    monkeypatch.setattr(key_frame, "KEY_WHILE", 3600.0)
    seen: list[bool] = []
    on_mount = QuoteSidebar.on_mount

    def observed(sidebar: QuoteSidebar) -> None:
        seen.append(bool(getattr(sidebar.screen, "key_frame_pending", False)))
        on_mount(sidebar)

    monkeypatch.setattr(QuoteSidebar, "on_mount", observed)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen.body.layout_complete, "laid out")
        await pilot.pause()
        assert screen.sidebar is None and not screen.key_frame_pending
        await pilot.press("slash")
        await until(pilot, lambda: bool(seen), "the sidebar mounted")
        assert seen == [True]


async def test_a_layout_pass_leaves_an_unchanged_lists_scrollbar_alone(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A layout pass of the screen (each of "/"'s frames has one) does not draw the
    quote list's scrollbar again when the list is as it was: ScrollView took the box a
    layout gives the list for a change of its length, every time. When the list does
    change, its scrollbar follows."""
    app = seed_app()
    async with app.run_test(size=(160, 30)) as pilot:  # a list taller than its box
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        sidebar = await _built(pilot, screen)
        quote_list = sidebar.query_one("#quote-list", OptionList)
        await pilot.pause()
        scrollbar = quote_list.vertical_scrollbar
        assert quote_list.show_vertical_scrollbar
        refreshed: list[object] = []
        refresh = type(scrollbar).refresh

        def spied(bar: Widget, *args: object, **kwargs: object) -> Widget:
            if bar is scrollbar:
                refreshed.append(1)
            return refresh(bar, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(type(scrollbar), "refresh", spied)
        screen.refresh(layout=True)
        await pilot.pause()
        await pilot.pause()
        assert not refreshed
        await pilot.press("slash", *"lavrov")  # fewer quotes: a shorter list
        await until(pilot, lambda: not sidebar.building, "the list rebuilt")
        await pilot.pause()
        assert scrollbar.window_virtual_size == quote_list.virtual_size.height


def test_the_screens_focused_reactive_differs_from_textuals_only_in_repaint() -> None:
    """KeyFrameScreen declares Textual's own ``Screen.focused`` again, to drop its
    repaint: if a Textual upgrade gives that reactive another flag (a layout, a
    compute, a default), the copy would silently stop matching it. This says so."""
    ours = vars(key_frame.KeyFrameScreen.__dict__["focused"])
    textuals = vars(Screen.__dict__["focused"])
    skip = {"_repaint", "_owner"}
    assert {k: v for k, v in ours.items() if k not in skip} == {
        k: v for k, v in textuals.items() if k not in skip
    }
    assert textuals["_repaint"] and not ours["_repaint"]


@pytest.mark.parametrize("theme", THEMES)
async def test_slash_draws_the_panes_border_cells_not_their_lines(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """ "/" on the built screen draws again, of the two panes whose border colour changes,
    one inner line each and their top and bottom lines: their other lines take the new
    border cells (``EdgesCache``). Textual drew every line of both (90 lines at 160x48,
    two thirds of the frame's CPU); and the terminal shows what a full redraw would,
    after "/" and after going back to the text."""
    app = seed_app()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=WIDE) as pilot:
            app.theme = theme
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            await _built(pilot, screen)
            await until(pilot, lambda: screen._built(), "built")
            for _ in range(3):
                await pilot.pause()
            drawn: list[int] = []
            render_line = StylesCache.render_line

            def counted(cache: StylesCache, *args: object, **kwargs: object) -> Strip:
                drawn.append(1)
                return render_line(cache, *args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(StylesCache, "render_line", counted)
            await pilot.press("slash")
            for _ in range(3):
                await pilot.pause()
            assert isinstance(screen.focused, Input)
            assert 0 < len(drawn) <= 12, len(drawn)
            assert _top_border_colour(app, screen.body) != _top_border_colour(
                app, screen.query_one("#quotes-pane")
            )
            assert stale_cells(model) == []
            await pilot.press("tab")  # on to the text, or the lists: either is a focus change
            for _ in range(3):
                await pilot.pause()
            assert stale_cells(model) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_slashs_own_frame_draws_the_field_and_the_footer_and_the_edges_follow(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """The frame that first shows the field's keys in the footer (the one a reader
    waits for after "/") draws only the footer's row and the field's line; the two
    panes' borders take their new colours in the frame after it. With the edges in the
    key's frame, the box around its changes took in every line of the screen, and
    Textual cut each for every widget in it (the frame's CPU 8.6 -> 3.0 ms headless).
    The terminal ends up as a full redraw shows it."""
    app = seed_app()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=WIDE) as pilot:
            app.theme = theme
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            await _built(pilot, screen)
            await until(pilot, lambda: screen._built(), "built")
            for _ in range(3):
                await pilot.pause()
            footer = screen.query_one(KeyFooter)
            frames: list[tuple[set[int], bool]] = []
            render_update = Compositor.render_update

            def spied(compositor: Compositor, *args: object, **kwargs: object) -> object:
                rows = {y for region in compositor._dirty_regions for y in region.line_range}
                update = render_update(compositor, *args, **kwargs)  # type: ignore[arg-type]
                keys = {placed.key.action for placed in footer.shown}
                frames.append((rows, "clear_search" in keys))
                return update

            monkeypatch.setattr(Compositor, "render_update", spied)
            await pilot.press("slash")
            for _ in range(3):
                await pilot.pause()
            field = screen.focused
            assert isinstance(field, Input)
            shown = next(i for i, (_, keys) in enumerate(frames) if keys)
            assert frames[shown][0] == {field.region.y, footer.region.y}
            pane = screen.query_one("#quotes-pane").region
            later = set().union(*(rows for rows, _ in frames[shown + 1 :]))
            assert {pane.y, pane.bottom - 1} <= later  # the edges, in a frame of their own
            assert stale_cells(model) == []


async def test_the_text_is_styled_for_its_blur_after_slashs_frame(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text's restyle for the focus it lost ("/" takes the focus to the search
    field) comes after the frame that shows the field's keys, not before it: its
    rules matched again, its scrollbar's and its component classes' were 1-3 ms of the
    key's handling (to the frame: 19 -> 7 ms headless at load 10). Its border takes
    the blurred colour all the same, and the terminal ends up as a full redraw."""
    app = seed_app()
    with terminal_model(app, monkeypatch) as model:
        async with app.run_test(size=WIDE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            await _built(pilot, screen)
            await until(pilot, lambda: screen._built(), "built")
            for _ in range(3):
                await pilot.pause()
            body, toc = screen.body, screen.query_one("#toc")
            focused_border = _top_border_colour(app, body)
            footer = screen.query_one(KeyFooter)
            events: list[str] = []
            render_update = Compositor.render_update
            apply = Stylesheet.apply

            def drawn(compositor: Compositor, *args: object, **kwargs: object) -> object:
                update = render_update(compositor, *args, **kwargs)  # type: ignore[arg-type]
                if "clear_search" in {placed.key.action for placed in footer.shown}:
                    events.append("frame")
                return update

            def styled(stylesheet: Stylesheet, node: DOMNode, **options: object) -> None:
                if node is body:
                    events.append("text styled")
                apply(stylesheet, node, **options)  # type: ignore[arg-type]

            monkeypatch.setattr(Compositor, "render_update", drawn)
            monkeypatch.setattr(Stylesheet, "apply", styled)
            await pilot.press("slash")
            for _ in range(3):
                await pilot.pause()
            assert isinstance(screen.focused, Input)
            assert events[0] == "frame" and "text styled" in events, events
            assert _top_border_colour(app, body) == _top_border_colour(app, toc)
            assert _top_border_colour(app, body) != focused_border
            assert stale_cells(model) == []


async def test_the_texts_first_focus_is_drawn_in_the_first_frame_not_after_it(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text, focused as the screen first shows (no key on its way), has its
    focused border in the first frame: no frame after it draws the text's edges
    alone. Put off after the frame as a key's is, the first paint's focus drew a frame
    of the text's and the quotes pane's edges 0.1 s after it, as early keys came."""
    frames: list[list[Region]] = []
    render_update = Compositor.render_update

    def spied(compositor: Compositor, *args: object, **kwargs: object) -> object:
        frames.append(list(compositor._dirty_regions))
        return render_update(compositor, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_update", spied)
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _built(pilot, screen)
        await until(pilot, lambda: screen._built(), "built")
        for _ in range(3):
            await pilot.pause()
        body = screen.body.region
        assert screen.focused is screen.body
        left_edge = Region(body.x, body.y, 1, body.height)
        assert frames
        assert not [frame for frame in frames[1:] if left_edge in frame], frames
