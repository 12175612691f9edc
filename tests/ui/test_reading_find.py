"""Find in the article text: all matches highlighted, next/previous, "N of M"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _waiting import until
from conftest import WIDE
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Offset, Region
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label

from reader.core.model import Article, Section
from reader.core.search import find_phrase
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.find_bar import FindBar
from reader.ui.widgets.key_footer import KeyFooter


def _counter(app: ReaderApp) -> str:
    return str(app.screen.query_one("#find-count", Label).content)


async def test_find_next_previous_and_counter(
    seed_app: Callable[[], ReaderApp], body_lines: Callable[[ReaderApp], list[str]]
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        bar = app.screen.find_bar
        await pilot.press("ctrl+f")
        assert bar.is_open
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*"sanksi")
        await pilot.pause()
        total = body.match_count
        assert total >= 8  # "sanksi" and "Sanksi": case-insensitive
        assert _counter(app) == f"1 of {total}"
        await pilot.press("enter")
        assert _counter(app) == f"2 of {total}"
        await pilot.press("f3")
        await pilot.press("ctrl+g")
        assert _counter(app) == f"4 of {total}"
        await pilot.press("down")
        assert _counter(app) == f"5 of {total}"
        await pilot.press("up", "up")
        assert _counter(app) == f"3 of {total}"
        await pilot.press("up", "up")
        assert _counter(app) == f"1 of {total}"
        await pilot.press("up")
        assert _counter(app) == f"{total} of {total}"  # wraps around backwards
        # the current match (the last, far down the article) is on screen
        match = body.current_match()
        assert match is not None
        line = body.text_layout.line_of(match[0], match[1])
        assert int(body.scroll_y) <= line < int(body.scroll_y) + body.size.height
        await pilot.press("enter")
        assert _counter(app) == f"1 of {total}"  # and forwards
        await pilot.press("escape")
        assert not bar.is_open
        assert body.match_count == 0
        assert app.screen.focused is body


async def test_find_ignores_case_and_only_searches_the_text(
    seed_app: Callable[[], ReaderApp], seed_article: Article
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", *"MEDVEDEV")
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        in_text = sum(len(find_phrase(text, "medvedev")) for _s, _i, text in seed_article.blocks())
        assert body.match_count == in_text == 5
        await pilot.press("ctrl+a", "backspace", *"zzz")
        await pilot.pause()
        assert body.match_count == 0
        assert _counter(app) == "no matches"


async def test_f3_steps_from_the_body_after_closing_focus(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await pilot.press("ctrl+f", *"Lavrov")
        await pilot.pause()
        total = body.match_count
        body.focus()
        await pilot.press("f3")
        assert body.match_index == 1
        await pilot.press("ctrl+f")  # back into the bar, the query kept
        assert body.match_index == 1
        await pilot.press("up", "up")
        assert body.match_index == total - 1


async def test_find_starts_at_the_first_match_at_or_below_the_view(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await pilot.press("4")  # the last section at the top
        top = int(body.scroll_y)
        total = body.find("sanksi")
        match = body.current_match()
        assert match is not None and total >= 8
        assert body.match_index > 0  # not simply the first match of the article
        assert body.text_layout.line_of(match[0], match[1]) >= top
        body.find_step(-1)
        earlier = body.current_match()
        assert earlier is not None
        assert body.text_layout.line_of(earlier[0], earlier[1]) < top


def _highlights(body: ArticleBody, y: int) -> tuple[str, str]:
    """Line ``y`` of the view as drawn: its text, and per character "c" (the current
    match), "m" (another match) or "." (no match), told apart by background colour."""
    current = body.get_component_rich_style("body--match-current").bgcolor
    other = body.get_component_rich_style("body--match").bgcolor
    text, marks = "", ""
    for segment in body.render_line(y):
        colour = segment.style.bgcolor if segment.style else None
        mark = "c" if colour == current else "m" if colour == other else "."
        text += segment.text
        marks += mark * len(segment.text)
    start = len(text) - len(text.lstrip())  # the margin: never highlighted
    assert set(marks[:start]) <= {"."}
    end = len(text.rstrip())
    return text[start:end], marks[start:end]


async def test_every_match_is_highlighted_where_it_is_also_across_wrapped_lines() -> None:
    """What find paints, checked cell by cell against the matches worked out from the text.

    The phrase is long and repeated, so some occurrences wrap onto the next line (those
    are drawn in two pieces), and several share a line.
    """
    phrase = "the quick brown fox jumps"
    paragraphs = tuple(
        f"Part {n}: " + "The quick brown fox jumps over the lazy dog. " * (3 + n % 4)
        for n in range(12)
    )
    article = Article(
        id="find",
        title="Foxes",
        language="en",
        source="Source",
        sections=(Section("opening", None, paragraphs),),
    )
    app = ReaderApp(article, StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        total = body.find(phrase)
        assert total == sum(3 + n % 4 for n in range(12))
        layout = body.text_layout
        matches = [
            (block, start, end)
            for block, item in enumerate(layout.blocks)
            if item.kind == "paragraph"
            for start, end in find_phrase(item.text, phrase)
        ]
        assert len(matches) == total
        wrapped = [
            m for m in matches if layout.line_of(m[0], m[1]) != layout.line_of(m[0], m[2] - 1)
        ]
        assert wrapped, "no match crosses a line: the test would not cover that case"
        # step onto a wrapped match, so the current one is drawn in two pieces as well
        while body.current_match() != wrapped[0]:
            body.find_step(1)
        await pilot.pause()
        assert body.match_index == matches.index(wrapped[0])
        top = int(body.scroll_y)
        for y in range(body.scrollable_content_region.height):
            if top + y >= layout.line_count:
                break
            line = layout.line(top + y)
            if layout.blocks[line.block].kind == "rule":
                continue  # the rule under the title: no text
            text, marks = _highlights(body, y)
            expected = ["."] * len(text)
            for match in matches:
                block, start, end = match
                if block != line.block:
                    continue
                mark = "c" if match == body.current_match() else "m"
                for offset in range(max(start, line.start), min(end, line.start + len(text))):
                    expected[offset - line.start] = mark
            assert text == layout.blocks[line.block].text[line.start : line.end].rstrip()
            assert marks == "".join(expected), (y, text)
        # the screen did show both kinds, and a match split over two lines
        shown = "".join(
            _highlights(body, y)[1] for y in range(body.scrollable_content_region.height)
        )
        assert "c" in shown and "m" in shown


#: Keys that tmux and xterm-like terminals do not deliver as bound: shift+F3 arrives as
#: F15, shift+Enter as Enter (it needs the kitty keyboard protocol).
UNRELIABLE = {"shift+f3", "shift+enter", "f15"}


async def test_find_keys_work_in_every_terminal_and_only_those_are_shown(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Previous match has a key every terminal sends, and nothing offers the others."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", *"sanksi")
        await pilot.pause()
        bound = {key for key, active in app.active_bindings.items()}
        previous = {
            key
            for key, active in app.active_bindings.items()
            if active.binding.action == "step(-1)"
        }
        assert previous and not previous & UNRELIABLE
        assert not bound & UNRELIABLE
        shown = app.screen.query_one(KeyFooter).shown
        footer = {placed.key.key for placed in shown}
        assert "up" in footer and not footer & UNRELIABLE
        await pilot.press("escape", "question_mark")  # in the field, ? is typed
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        keys = " ".join(str(table.get_row_at(y)[0]) for y in range(table.row_count)).lower()
        assert "↑" in keys
        assert "f15" not in keys and "shift+f3" not in keys and "shift+⏎" not in keys


async def test_stepping_through_matches_does_not_lay_the_screen_out_again(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """F3 redraws the count and two lines, not the whole screen (a layout pass was tens
    of milliseconds per key); a count too long for its width still grows to show it."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", *"sanksi")
        await pilot.pause()
        label = app.screen.query_one("#find-count", Label)
        layouts: list[str] = []
        refresh = Label.refresh

        def counted(self: Label, *regions: Any, layout: bool = False, **kw: Any) -> Any:
            if layout:
                layouts.append(str(self.content))
            return refresh(self, *regions, layout=layout, **kw)

        monkeypatch.setattr(Label, "refresh", counted)
        await pilot.press("f3", "f3")
        await pilot.pause()
        total = app.screen.query_one(ArticleBody).match_count
        assert _counter(app) == f"3 of {total}"
        assert layouts == []
        wide = label.outer_size.width
        app.screen.query_one(FindBar).show_count(0, 123_456_789)
        await pilot.pause()
        assert layouts and label.outer_size.width > wide
        assert str(label.content) == "1 of 123456789"


async def test_the_current_match_highlight_moves_with_each_step(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Stepping redraws only the lines of the match left and the match reached: the
    highlight of the current match must leave the one and show on the other."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await pilot.press("ctrl+f", *"sanksi")
        await pilot.pause()
        current = body.get_component_rich_style("body--match-current")
        other = body.get_component_rich_style("body--match")
        assert current.bgcolor is not None and current.bgcolor != other.bgcolor

        def lines_with_current() -> list[int]:
            top = int(body.scroll_y)
            height = body.scrollable_content_region.height
            return [
                top + y
                for y in range(height)
                if any(s.style.bgcolor == current.bgcolor for s in body.render_line(y) if s.style)
            ]

        def current_line() -> int:
            match = body.current_match()
            assert match is not None
            return body.text_layout.line_of(match[0], match[1])

        seen = 0
        for _ in range(4):
            line = current_line()
            if int(body.scroll_y) <= line < int(body.scroll_y) + body.size.height:
                assert lines_with_current() == [line]
                seen += 1
            await pilot.press("f3")
            await pilot.pause()
        assert seen >= 2


async def test_a_find_step_shows_its_count_at_once(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """The count changes with the step itself, so it is drawn in the frame that shows the
    match; waiting for the body's FindResult to bubble up put it a frame or two later."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", *"sanksi", "enter")
        await pilot.pause()
        total = app.screen.query_one(ArticleBody).match_count
        assert _counter(app) == f"2 of {total}"
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        screen.action_find_step(1)  # no message handled in between
        assert _counter(app) == f"3 of {total}"
        await pilot.press("down")  # the find bar's own key: its Step message, then the same
        assert _counter(app) == f"4 of {total}"
        await pilot.pause()
        assert _counter(app) == f"4 of {total}"


async def test_finding_in_a_long_article_lays_out_no_more_than_the_view_needs(
    tmp_path: Path,
) -> None:
    """Find needs blocks made, not wrapped: searching a long article while it is still
    being laid out goes to the first match from the view without laying out the rest
    (the first match used to be bisected by its line, which laid out half the article,
    and find laid out all of it first). Its first ``FIND_NOW`` blocks are searched in
    the keystroke's turn, the rest after it: the count grows, the match stays."""
    filler = "Filler text that wraps over a couple of lines of the body column. " * 4
    sections = tuple(
        Section(f"s{n}", f"Part {n}", (filler, f"The word marker{n % 7} is here. {filler}"))
        for n in range(2000)
    )
    article = Article(id="long", title="Long", language="en", source="Source", sections=sections)
    app = ReaderApp(article, StateStore(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        body.go_to_line(40)
        assert not body.text_layout.is_complete
        top = body.text_layout.line(40)
        expected = sum(1 for n in range(2000) if n % 7 == 3)
        total = body.find("marker3")
        assert 0 < total < expected and not body.find_complete
        assert not body.text_layout.is_complete
        matches = body._find.state.matches
        first = next(m for m in matches if (m[0], m[1]) >= (top.block, top.start))
        assert body.current_match() == first
        await pilot.pause()
        line = body.text_layout.line_of(first[0], first[1])
        assert body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height
        await until(pilot, lambda: body.find_complete, "the rest of the text searched")
        assert body.match_count == expected
        assert body.current_match() == first


async def test_find_is_not_offered_while_typing_in_the_quote_search(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """In the quote search field ^f opens nothing, so the footer leaves it out (it
    offered "^f Find" there); in the text it is offered and opens the find bar."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.check_action("find", ())
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(screen.focused, Input), "the search focused")
        assert not screen.check_action("find", ())
        shown = {
            binding.action
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if enabled
        }
        assert "find" not in shown
        await pilot.press("ctrl+f")
        assert not screen.find_bar.is_open
        await pilot.press("escape", "ctrl+f")
        await until(pilot, lambda: screen.find_bar.is_open, "the find bar opened")


async def test_f3_in_the_find_field_steps_before_the_field_sees_it(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """F3 typed in the find field is the screen's at once (a priority key): the field
    drew its cursor again for it, a frame the step waited for, and it went up through
    the bar and back to the screen as a message. A query typed but not yet looked up
    is looked up, as the bar's own step does."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", *"sanksi")
        await pilot.pause()
        field = app.screen.query_one("#find-input", Input)
        seen: list[str] = []
        on_key = Input._on_key

        async def spy(self: Input, event: Any) -> None:
            seen.append(event.key)
            await on_key(self, event)

        monkeypatch.setattr(Input, "_on_key", spy)
        await pilot.press("f3", "f3")
        await pilot.pause()
        total = app.screen.query_one(ArticleBody).match_count
        assert _counter(app) == f"3 of {total}"
        assert seen == [] and app.screen.focused is field
        with field.prevent(Input.Changed):  # typed, not looked up yet: F3 looks it up
            field.value = "sanks"
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.query_one(ArticleBody).find_query == "sanks"
        assert _counter(app).endswith(f"of {app.screen.query_one(ArticleBody).match_count}")


def _bar_built_and_drawn(screen: ReadingScreen) -> bool:
    """Whether the find bar's parts are mounted and the screen has nothing left to lay
    out or draw: the parts are queryable as soon as they are added, before they are
    mounted and the text's column laid out again for them (its frame redraws the whole
    text pane), and on a loaded machine "f" sometimes came in between (1 in 40): its
    first frame then wrote the text's column, rows 1-43 (Textual's private names)."""
    parts = screen.find_bar.query("#find-label, #find-input, #find-count")
    return (
        len(parts) == 3
        and all(part.is_mounted for part in parts)
        and not screen._layout_required
        and not screen._dirty_widgets
        and not screen._compositor._dirty_regions
    )


def _written(update: ChopsUpdate) -> dict[int, str]:
    """The text a frame writes, by row: what ``ChopsUpdate.render_segments`` sends of
    its lines' chops within its spans (read whole, the chops beside a span, never
    sent, seemed to draw the sidebar blank)."""
    rows: dict[int, str] = {}
    for y, x1, x2 in update.spans:
        text = ""
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=True):
            if strip is not None and x <= x2 and end > x1:
                text += strip.crop(0, min(end, x2) - x).text
        rows[y] = rows.get(y, "") + text
    return rows


async def test_opening_find_asks_for_one_layout_and_redraws_only_the_bar(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "f" shows the bar in one layout pass whose frame draws the bar's row and nothing
    else, even on a stale compositor map (a hidden widget's refresh leaves it so: a
    private flag here). Before: the bar's parts, sized for the first time, each asked
    for a second layout pass; the bar, mounted after the text, moved the text in the
    painting order and all of it was drawn again; its class restyled it and its parts;
    and on a stale map the layout drew nothing, the bar showing frames later."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, screen._built, "the screen built")
        bar = screen.find_bar
        await until(pilot, lambda: bar.query("#find-count"), "the bar's parts added")
        await pilot.pause()
        await until(pilot, lambda: _bar_built_and_drawn(screen), "the bar built, all drawn")
        layouts: list[str] = []
        restyled: list[str] = []
        frames: list[dict[int, str]] = []
        before: list[str] = []
        refresh = Widget.refresh
        update_node_styles = Widget.update_node_styles
        render_update = Compositor.render_update

        def counted(self: Widget, *regions: Any, layout: bool = False, **kw: Any) -> Any:
            if layout and bar in self.ancestors_with_self:
                layouts.append(str(self.id))
            return refresh(self, *regions, layout=layout, **kw)

        def styled(self: Widget, *args: Any, **kw: Any) -> Any:
            if bar in self.ancestors_with_self:
                restyled.append(str(self.id))
            return update_node_styles(self, *args, **kw)

        def drawn(self: Compositor, *args: Any, **kw: Any) -> Any:
            if not frames:  # what came before the first frame
                before.extend(restyled)
            update = render_update(self, *args, **kw)
            if isinstance(update, ChopsUpdate):
                frames.append(_written(update))
            elif update is not None:
                frames.append({-1: "the whole screen"})
            return update

        monkeypatch.setattr(Widget, "refresh", counted)
        monkeypatch.setattr(Widget, "update_node_styles", styled)
        monkeypatch.setattr(Compositor, "render_update", drawn)
        screen._compositor._full_map_invalidated = True
        await pilot.press("f")
        assert bar.is_open
        first = frames[0]
        [row] = first  # one row drawn: the bar's
        assert "Find:" in first[row] and row == bar.region.y
        assert layouts == ["find-bar"]  # its display, once
        assert before == []  # (the field is restyled after, as it takes the focus)


async def test_opening_find_redraws_the_texts_border_not_the_text(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text pane shows the focus by its border's colour alone: as the focus leaves
    it for the find field, its edges are drawn again in the new colour, and none of
    the text inside (Textual redrew the whole pane, 84x43 cells, in the frame after
    "f"); the colour comes back with the focus."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, screen._built, "the screen built")
        await pilot.pause()
        bar = screen.find_bar
        await until(pilot, lambda: bar.query("#find-count"), "the bar's parts mounted")
        await pilot.pause()
        body = screen.query_one(ArticleBody)
        inside = body.content_region.offset + Offset(2, 2)
        drawn: list[Region] = []
        render_update = Compositor.render_update

        def recorded(self: Compositor, *args: Any, **kw: Any) -> Any:
            drawn.extend(self._dirty_regions)
            return render_update(self, *args, **kw)

        def corner() -> Any:
            x, y = body.region.offset
            return next(iter(screen._compositor.render_strips()[y].crop(x, x + 1))).style

        focused = corner()
        monkeypatch.setattr(Compositor, "render_update", recorded)
        await pilot.press("f")
        await until(pilot, lambda: not body.has_focus, "the focus left the text")
        await pilot.pause()
        await pilot.pause()
        await until(pilot, lambda: _all_drawn(_edge_cells(body.region), drawn), "edges drawn")
        blurred = corner()
        assert not any(region.contains_point(inside) for region in drawn)
        drawn.clear()
        await pilot.press("escape")
        await until(pilot, lambda: body.has_focus, "the focus back in the text")
        await pilot.pause()
        await pilot.pause()
        await until(pilot, lambda: _all_drawn(_edge_cells(body.region), drawn), "drawn again")
        assert blurred != focused and corner() == focused


def _edge_cells(region: Region) -> list[Offset]:
    """Every cell of the border around ``region`` (a widget's outer region)."""
    x, y, right, bottom = region.x, region.y, region.right - 1, region.bottom - 1
    return [
        *(Offset(column, row) for column in range(x, right + 1) for row in (y, bottom)),
        *(Offset(column, row) for row in range(y, bottom + 1) for column in (x, right)),
    ]


def _all_drawn(cells: list[Offset], drawn: list[Region]) -> bool:
    """Whether every one of ``cells`` is in a region a frame drew (no edge left stale
    in the terminal, which keeps what it was sent last)."""
    return all(any(region.contains_point(cell) for region in drawn) for cell in cells)
