"""The key footer shows only keys that fit, the most useful first, at every width."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from _waiting import until
from textual.compose import compose
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from reader.ui.app import ReaderApp
from reader.ui.screens.reading_keys import FIND_BAR_ACTIONS, FOOTER_PRIORITIES
from reader.ui.widgets.key_footer import KeyFooter, key_width


def _keys(footer: KeyFooter) -> list[Widget]:
    """The footer's keys (not the spares it keeps hidden for a later row)."""
    return [w for w in footer.keys if isinstance(getattr(w, "action", None), str)]


def _drawn_footer(app: ReaderApp) -> str:
    """The footer's row as the screen draws it now."""
    return app.screen._compositor.render_strips()[-1].text


def _shown(footer: KeyFooter) -> list[str]:
    return [str(key.action) for key in _keys(footer) if key.display]


async def _laid_out_footer(app: ReaderApp, pilot: Pilot[None]) -> KeyFooter:
    """The screen's footer once its keys are fitted and laid out.

    On a busy machine the first idle moment can come before the layout pass that gives
    the keys their regions: wait for that, not for a time.
    """
    footer = app.screen.query_one(KeyFooter)

    def laid_out() -> bool:
        shown = [key for key in _keys(footer) if key.display]
        return bool(footer.size.width and shown) and all(key.region.width for key in shown)

    await until(pilot, laid_out, "the footer's keys are laid out")
    return footer


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
async def test_shown_keys_fit_without_overlap(
    seed_app: Callable[[], ReaderApp], width: int
) -> None:
    app = seed_app()
    async with app.run_test(size=(width, 30)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        shown = [key for key in _keys(footer) if key.display]
        assert shown
        regions = sorted((key.region for key in shown), key=lambda r: r.x)
        for region in regions:
            assert region.x >= 0 and region.right <= width, (region, width)
        for left, right in itertools.pairwise(regions):
            assert left.right <= right.x, (left, right)
        # Keys are left out from the end of the priorities, never from the front.
        actions = _shown(footer)
        ranked = [a for a in FOOTER_PRIORITIES if a in {str(k.action) for k in _keys(footer)}]
        assert set(actions) == set(ranked[: len(actions)])
        assert "app.quit" in actions and "help" in actions


async def test_a_wide_terminal_shows_every_key(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=(200, 40)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        assert all(key.display for key in _keys(footer))
        assert set(FOOTER_PRIORITIES) - set(FIND_BAR_ACTIONS) <= set(_shown(footer))


async def test_keys_come_back_when_the_terminal_widens(seed_app: Callable[[], ReaderApp]) -> None:
    app = seed_app()
    async with app.run_test(size=(70, 30)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        narrow = _shown(footer)
        assert len(narrow) < len(_keys(footer))
        await pilot.resize_terminal(200, 40)
        await until(pilot, lambda: footer.size.width == 200, "the footer is 200 wide")
        # the footer is 200 wide a moment before its resize handler fits the keys again
        await until(pilot, lambda: len(_shown(footer)) == len(_keys(footer)), "keys refitted")
        footer = await _laid_out_footer(app, pilot)
        assert len(_shown(footer)) == len(_keys(footer)) > len(narrow)


# 105: compact (below 110 columns) with the command-palette key still shown
@pytest.mark.parametrize("width", [80, 105, 120, 200])
async def test_key_widths_worked_out_from_the_text_match_the_laid_out_keys(
    seed_app: Callable[[], ReaderApp], width: int
) -> None:
    """``key_width`` mirrors Footer's CSS (compact below 110 columns); a Textual
    upgrade that changes that CSS fails here, not as keys drawn over each other."""
    app = seed_app()
    async with app.run_test(size=(width, 30)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        shown = [key for key in _keys(footer) if key.display]
        assert shown
        for key in shown:
            laid_out = key.region.width + key.styles.margin.width
            worked_out = key_width(
                str(key.key_display),
                str(key.description),
                compact=footer.compact,
                command_palette=key.has_class("-command-palette"),
            )
            assert worked_out == laid_out, (key.action, footer.compact)


async def test_keys_are_fitted_as_the_footer_composes_them(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """The row the footer composes already hides what does not fit: nothing is hidden
    after the keys are mounted, which would cost the screen another layout pass."""
    app = seed_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        mounted = [(str(key.action), key.display) for key in _keys(footer)]
        assert not all(shown for _action, shown in mounted)  # some do not fit at 80
        rows: list[list[Widget]] = []
        # what the footer's compose yields, built (not mounted) from within the footer
        footer.call_next(lambda: rows.append(compose(footer)))
        await pilot.pause()
        [row] = rows
        assert [(str(getattr(key, "action", "")), key.display) for key in row] == mounted


async def test_the_keys_are_rebuilt_only_when_they_change(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        footer = screen.query_one(KeyFooter)
        before = _keys(footer)
        screen.query_one("#cookie-notice").focus()  # no keys of its own shown
        await pilot.pause()
        assert screen.focused is not None and screen.focused.id == "cookie-notice"
        assert _keys(footer) == before  # the same widgets: not recomposed
        await pilot.press("ctrl+f")  # the find bar brings keys of its own
        await pilot.pause()
        assert "close" in _shown(footer)
        await pilot.press("escape")
        await pilot.pause()
        assert "close" not in _shown(footer)
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
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        shown = _shown(footer)
        assert "find" in shown and "command_palette" in shown
        assert "search_quotes" in shown and "toggle_quotes" in shown


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


async def test_a_focus_change_shows_its_keys_in_the_keys_already_mounted(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Opening find and closing it changes which keys the footer shows without removing
    a key or mounting a new row (Footer's recompose: two layout passes and ~25 ms of
    CPU after the key); the keys left over are hidden, then shown again, and the row
    drawn is the keys shown, nothing left over from the row before."""
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        mounted = list(footer.query_children())
        reading = _shown(footer)
        assert "close" not in reading
        await pilot.press("ctrl+f")
        await until(pilot, lambda: "close" in _shown(footer), "the find bar's keys are shown")
        await pilot.pause()
        assert list(footer.query_children()) == mounted  # the same widgets, none remounted
        assert _shown(footer) == ["step(-1)", "step(1)", "close", "command_palette"]
        assert len(_keys(footer)) == 4
        drawn = _drawn_footer(app)
        assert "Close find" in drawn and "Commands" in drawn
        assert "Next section" not in drawn and "Quit" not in drawn
        await pilot.press("escape")
        await until(pilot, lambda: "close" not in _shown(footer), "the find bar's keys gone")
        await pilot.pause()
        assert list(footer.query_children()) == mounted
        assert _shown(footer) == reading
        drawn = _drawn_footer(app)
        assert "Next section" in drawn and "Close find" not in drawn


async def test_a_row_longer_than_the_mounted_keys_mounts_only_the_keys_missing(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Starting in the find bar (four keys mounted), closing it shows the reading keys:
    the four take the first of them (the palette key keeps its place, docked right),
    the rest are mounted after them, in order."""
    app = seed_app()
    async with app.run_test(size=(160, 48)) as pilot:
        footer = await _laid_out_footer(app, pilot)
        reading = _shown(footer)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: "close" in _shown(footer), "the find bar's keys are shown")
        for spare in [key for key in footer.query_children() if key not in footer.keys]:
            await spare.remove()  # as if the footer had been built in the find bar
        mounted = list(footer.query_children())
        assert len(mounted) == 4
        await pilot.press("escape")
        await until(pilot, lambda: "close" not in _shown(footer), "the find bar's keys gone")
        await pilot.pause()
        assert list(footer.query_children())[:4] == mounted
        # the palette key, docked, stays where it was among the children
        assert sorted(_shown(footer)) == sorted(reading)
        assert _shown(footer)[:3] == reading[:3]
        drawn = _drawn_footer(app)
        assert drawn.index("Next section") < drawn.index("Quit") < drawn.index("Commands")
