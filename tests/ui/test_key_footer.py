"""The key footer shows only keys that fit, the most useful first, at every width, drawn
as one line with Textual's Footer's look, from the frame after the screen's first on."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import ClassVar

import pytest
from _waiting import until
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Input

from reader.ui.app import ReaderApp
from reader.ui.screens.reading_keys import FIND_BAR_ACTIONS, FOOTER_PRIORITIES
from reader.ui.widgets.key_footer import KeyFooter, PlacedKey, key_width

Cell = tuple[str, object]


def _drawn_footer(app: App[object]) -> str:
    """The footer's row as the screen draws it now."""
    return app.screen._compositor.render_strips()[-1].text


def _drawn_cells(app: App[object]) -> list[Cell]:
    """The footer's row as the screen draws it now, cell by cell: character and style
    (without the mouse's metadata: Textual's keys carry their own offsets in it)."""
    strip = app.screen._compositor.render_strips()[-1]
    return [
        (character, segment.style.clear_meta_and_links() if segment.style else None)
        for segment in strip
        for character in segment.text
    ]


def _shown(footer: KeyFooter) -> list[str]:
    return [placed.key.action for placed in footer.shown]


async def _laid_out_footer(app: ReaderApp, pilot: Pilot[None]) -> KeyFooter:
    """The screen's footer once it has its width (a busy machine may idle before)."""
    footer = app.screen.query_one(KeyFooter)
    await until(pilot, lambda: footer.size.width and footer.shown, "the footer is laid out")
    return footer


def _key_text(placed: PlacedKey, compact: bool) -> str:
    """The characters a placed key draws (its border, padding and margin as spaces)."""
    key = placed.key
    compact = compact or key.command_palette
    text = f"{key.key_display} {key.description}" if compact else f" {key.key_display} "
    if not compact:
        text += f"{key.description} "
    if key.command_palette:
        text = "▏" + text
    return text.ljust(placed.width)


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
async def test_shown_keys_fit_without_overlap(
    seed_app: Callable[[], ReaderApp], width: int
) -> None:
    app = seed_app()
    async with app.run_test(size=(width, 30)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        shown = footer.shown
        assert shown
        spans = sorted((placed.x, placed.x + placed.width) for placed in shown)
        for left, right in spans:
            assert left >= 0 and right <= width, (left, right, width)
        for (_, left_end), (right_start, _) in itertools.pairwise(spans):
            assert left_end <= right_start
        drawn = _drawn_footer(app)
        for placed in shown:  # each key drawn where it is placed, whole
            text = _key_text(placed, footer.compact)
            assert drawn[placed.x : placed.x + placed.width] == text, (placed, drawn)
        # Keys are left out from the end of the priorities, never from the front.
        actions = _shown(footer)
        offered = {key.action for key in footer.keys}
        ranked = [a for a in FOOTER_PRIORITIES if a in offered]
        assert set(actions) == set(ranked[: len(actions)])
        assert "app.quit" in actions and "help" in actions


async def test_a_wide_terminal_shows_every_key(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=(200, 40)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        assert len(footer.shown) == len(footer.keys)
        assert set(FOOTER_PRIORITIES) - set(FIND_BAR_ACTIONS) <= set(_shown(footer))


async def test_keys_come_back_when_the_terminal_widens(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=(70, 30)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        narrow = _shown(footer)
        assert len(narrow) < len(footer.keys)
        await pilot.resize_terminal(200, 40)
        await until(pilot, lambda: footer.size.width == 200, "the footer is 200 wide")
        await pilot.pause()
        assert len(_shown(footer)) == len(footer.keys) > len(narrow)
        assert "Next section" in _drawn_footer(app)


@pytest.mark.parametrize("compact", [False, True])
def test_key_width_is_what_the_footer_places(compact: bool) -> None:
    """``key_width`` is the room Footer's CSS gives a key (each case below checked
    against Textual's Footer, cell for cell, by the look test that follows)."""
    assert key_width("n", "Next section", compact=compact) == (15 if compact else 16)
    assert key_width("^p", "Commands", compact=compact, command_palette=True) == 13
    assert key_width("1", "", compact=True) == 2


class _Keys(App[None]):
    """An app with a few keys, one disabled, shown by Textual's Footer or the KeyFooter."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("n", "next", "Next section"),
        Binding("slash", "search", "Search quotes", key_display="/"),
        Binding("x", "off", "Disabled"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, footer: str, compact: bool, theme: str) -> None:
        super().__init__()
        self._footer, self._compact, self._theme = footer, compact, theme

    def compose(self) -> ComposeResult:
        if self._footer == "textual":
            yield Footer(compact=self._compact)
        else:
            footer = KeyFooter(priorities=["quit"])
            footer.compact = self._compact
            yield footer

    def on_mount(self) -> None:
        self.theme = self._theme

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "off" else True

    def action_next(self) -> None: ...
    def action_search(self) -> None: ...
    def action_off(self) -> None: ...


async def _footer_cells(footer: str, compact: bool, theme: str, hover: int | None) -> list[Cell]:
    app = _Keys(footer, compact, theme)
    async with app.run_test(size=(120, 5)) as pilot:
        await until(pilot, lambda: "Quit" in _drawn_footer(app), "the footer's keys drawn")
        if hover is not None:
            await pilot.hover(offset=(hover, 4))
        for _ in range(3):
            await pilot.pause()
        return _drawn_cells(app)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("hover", [None, 2, 118], ids=["still", "hover-key", "hover-palette"])
async def test_the_footer_looks_as_textuals_footer_cell_for_cell(
    theme: str, compact: bool, hover: int | None
) -> None:
    """Every cell of the row (character, colours, bold, dim for a disabled key, the
    palette key's border, the hovered key's background) is the one Textual's own
    Footer draws for the same keys, when all of them fit."""
    ours = await _footer_cells("ours", compact, theme, hover)
    textuals = await _footer_cells("textual", compact, theme, hover)
    assert "".join(c for c, _ in ours) == "".join(c for c, _ in textuals)
    assert ours == textuals


async def test_the_keys_come_in_the_frame_after_the_first(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading screen's first frame draws the footer's row blank: working out the
    keys from the screen's bindings and drawing them was 1.6-2.0 ms of the seed's
    first paint. A frame just after draws them, with nothing mounted in the footer
    (Textual's footer mounted eight widgets and laid the screen out again for them)."""
    rows: list[str] = []
    compositor_refresh = Screen._compositor_refresh

    def drawn(screen: Screen[object]) -> None:
        compositor_refresh(screen)
        if screen.query(KeyFooter):
            rows.append(screen._compositor.render_strips()[-1].text)

    monkeypatch.setattr(Screen, "_compositor_refresh", drawn)
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: rows, "a frame of the reading screen")
        assert rows[0].strip() == "", rows[0]
        await until(pilot, lambda: "Quit" in rows[-1], "the footer's keys drawn")
        assert "Next section" in rows[-1]
        assert not app.screen.query_one(KeyFooter).children  # nothing mounted in it


async def test_a_focus_change_that_keeps_the_keys_does_not_draw_the_footer(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = seed_app()
    async with app.run_test(size=(200, 40)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        await pilot.pause()
        refreshes: list[KeyFooter] = []
        refresh = KeyFooter.refresh

        def counted(self: KeyFooter, *args: object, **kwargs: object) -> KeyFooter:
            refreshes.append(self)
            return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(KeyFooter, "refresh", counted)
        screen = app.screen
        before = _shown(footer)
        screen.query_one("#cookie-notice").focus()  # no keys of its own shown
        await pilot.pause()
        assert screen.focused is not None and screen.focused.id == "cookie-notice"
        assert _shown(footer) == before and not refreshes
        await pilot.press("ctrl+f")  # the find bar brings keys of its own
        await until(pilot, lambda: "close" in _shown(footer), "the find bar's keys are shown")
        assert refreshes
        await pilot.press("escape")
        await until(pilot, lambda: "close" not in _shown(footer), "the find bar's keys gone")
        assert set(FOOTER_PRIORITIES) - set(FIND_BAR_ACTIONS) <= set(_shown(footer))


async def test_the_find_bar_keys_stay_when_it_is_open_on_a_narrow_terminal(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.pause()
        shown = _shown(app.screen.query_one(KeyFooter))
        assert "step(1)" in shown and "close" in shown
        assert "search_quotes" not in shown or "step(-1)" in shown


async def test_find_and_the_palette_are_shown_at_80_columns(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """At 80x24 the footer left out ^f and ^p, the two keys nobody guesses."""
    app = seed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        shown = _shown(footer)
        assert "find" in shown and "command_palette" in shown
        assert "search_quotes" in shown and "toggle_quotes" in shown
        drawn = _drawn_footer(app)
        assert "^f Find" in drawn and drawn.rstrip().endswith("▏^p Commands")


@pytest.mark.parametrize("size", [(80, 24), (200, 40)])
async def test_find_and_quote_search_leave_the_footer_while_typing_in_the_find_bar(
    seed_app: Callable[[], ReaderApp], size: tuple[int, int]
) -> None:
    """In the find bar ^f does nothing new and "/" is typed into the query: the footer
    offered both ("^f Find" at 80 columns took the room of a key that works there)."""
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        footer = await _laid_out_footer(app, pilot)
        assert "find" in _shown(footer)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: "close" in _shown(footer), "the find bar's keys are shown")
        shown = _shown(footer)
        assert "find" not in shown and "search_quotes" not in shown
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one("#find-input", Input).value == "/"
        await pilot.press("escape")
        await until(pilot, lambda: "close" not in _shown(footer), "the find bar is closed")
        assert "find" in _shown(footer)


async def test_a_focus_change_draws_its_keys_and_nothing_left_over(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Opening find and closing it changes which keys the footer draws, with nothing
    mounted: the row drawn is the keys shown, nothing left over from the row before."""
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        reading = _shown(footer)
        assert "close" not in reading
        await pilot.press("ctrl+f")
        await until(pilot, lambda: "close" in _shown(footer), "the find bar's keys are shown")
        await pilot.pause()
        assert not footer.children
        assert _shown(footer) == ["step(-1)", "step(1)", "close", "command_palette"]
        drawn = _drawn_footer(app)
        assert "Close find" in drawn and "Commands" in drawn
        assert "Next section" not in drawn and "Quit" not in drawn
        await pilot.press("escape")
        await until(pilot, lambda: "close" not in _shown(footer), "the find bar's keys gone")
        await pilot.pause()
        assert _shown(footer) == reading
        drawn = _drawn_footer(app)
        assert "Close find" not in drawn
        assert drawn.index("Next section") < drawn.index("Quit") < drawn.index("Commands")


async def test_a_click_on_a_key_runs_it_and_the_key_under_the_pointer_is_hovered(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        [find] = [placed for placed in footer.shown if placed.key.action == "find"]
        assert footer.key_at(find.x) == find and footer.key_at(find.x + find.width - 1) == find
        still = _drawn_cells(app)[find.x]
        await pilot.hover(KeyFooter, offset=(find.x + 1, 0))
        await pilot.pause()
        hovered = _drawn_cells(app)[find.x]
        assert hovered[0] == still[0] and hovered[1] != still[1]  # another background
        await pilot.click(KeyFooter, offset=(find.x + 1, 0))
        await until(pilot, lambda: app.screen.query("#find-input"), "the find bar opened")
        await until(pilot, lambda: "close" in _shown(footer), "the find bar's keys are shown")


def _hovered_columns(hovered: list[Cell], still: list[Cell]) -> set[int]:
    """The columns drawn otherwise with the pointer over the footer than without it."""
    return {x for x, (cell, plain) in enumerate(zip(hovered, still, strict=True)) if cell != plain}


async def test_the_key_hovered_is_the_one_under_a_still_pointer_when_the_keys_change(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """ "/" changes the footer's keys under a pointer that does not move: the key now
    under it is drawn hovered (and gives its tooltip), not the key that was there."""
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        reading = list(footer.shown)
        x = reading[0].x + 1
        await pilot.hover(KeyFooter, offset=(x, 0))
        await pilot.press("slash")
        await until(pilot, lambda: "clear_search" in _shown(footer), "the search's keys shown")
        await pilot.pause()
        under = footer.key_at(x)
        assert under is not None and under.key != reading[0].key  # the keys moved under it
        hovered = _drawn_cells(app)
        assert footer.tooltip == (under.key.tooltip or None)
        await pilot.hover("ArticleBody")
        await pilot.pause()
        still = _drawn_cells(app)
        assert _hovered_columns(hovered, still) == set(range(under.x, under.x + under.width))


async def test_the_pointer_is_a_hand_over_a_key_only(seed_app: Callable[[], ReaderApp]) -> None:
    """Footer's keys show the hand pointer (``pointer: pointer``) in terminals that draw
    pointer shapes; the footer's empty stretch shows the default one."""
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        first = footer.shown[0]
        await pilot.hover(KeyFooter, offset=(first.x + 1, 0))
        await pilot.pause()
        assert app.screen._pointer_shape == "pointer"
        keys_end = max(placed.x + placed.width for placed in footer.shown[:-1])
        await pilot.hover(KeyFooter, offset=(keys_end + 2, 0))
        await pilot.pause()
        assert footer.key_at(keys_end + 2) is None
        assert app.screen._pointer_shape == "default"
