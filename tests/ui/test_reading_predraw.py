"""The screens the next move shows, drawn while the reader is still (body_predraw).

An idle key that moves the text finds its lines drawn already: its frame draws none.
What is drawn ahead is what the frame would have drawn, in the look the text has now.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _waiting import until
from conftest import WIDE, screen_built
from textual.message import Message
from textual.pilot import Pilot

from reader.core.format import dump_article
from reader.core.model import Article, Footer, Quote, Section, Speaker
from reader.core.state import StateStore
from reader.ui import widgets
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_body import ArticleBody
from reader.ui.widgets.body_predraw import Predraw


async def _still(pilot: Pilot[Any], body: ArticleBody) -> None:
    """Wait (bounded) until the body has drawn ahead what it draws when still."""
    await screen_built(pilot)
    for _ in range(500):
        await pilot.pause(0.02)
        if not body._predraw.pending:
            return
    raise AssertionError("the body never drew ahead")


def _drawing_ahead() -> bool:
    """Whether the line being drawn is drawn ahead (from ``Predraw._steps``)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code is Predraw._steps.__code__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _count_drawn(monkeypatch: pytest.MonkeyPatch, *, ahead: bool = True) -> list[int]:
    """Every line the body draws from now on, by its number; with ``ahead`` False,
    not those drawn ahead: only the frames' lines.

    A move sets off the next drawing ahead once the reader has been still for
    ``PREDRAW_AFTER``, and a loaded machine's pause after a key can last that long:
    its lines (the screens around the new place) are not the key's frame's.
    """
    drawn: list[int] = []
    module = widgets.article_body
    draw = module.draw_text_line

    def counted(layout: Any, y: int, *args: Any, **kwargs: Any) -> Any:
        if ahead or not _drawing_ahead():
            drawn.append(y)
        return draw(layout, y, *args, **kwargs)

    monkeypatch.setattr(module, "draw_text_line", counted)
    return drawn


@pytest.mark.parametrize("key", ["n", "space", "G"])
async def test_a_move_when_still_draws_no_line_in_its_frame(
    seed_app: Callable[[], ReaderApp],
    body_lines: Callable[[ReaderApp], list[str]],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await _still(pilot, body)
        top = int(body.scroll_y)
        drawn = _count_drawn(monkeypatch, ahead=False)
        await pilot.press(key)
        await pilot.pause()
        assert int(body.scroll_y) != top
        assert drawn == []  # every line of the new screen was drawn ahead
        assert any(line.strip() for line in body_lines(app))


async def test_lines_drawn_ahead_are_the_ones_drawn_on_demand_in_the_current_look(
    seed_app: Callable[[], ReaderApp],
) -> None:
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await _still(pilot, body)
        assert body.find("Rusia")  # a new look: every match highlighted
        await _still(pilot, body)
        width = body.scrollable_content_region.width
        height = body.scrollable_content_region.height
        layout = body.text_layout
        tops = body._predraw.tops(layout, height)
        assert tops
        ahead = {y: body._cache.get(y) for top in tops for y in range(top, top + height)}
        assert all(strip is not None for strip in ahead.values())
        body._cache.clear()
        for y, strip in ahead.items():
            assert body._render_text_line(y, width) == strip, y


def _far_apart(folder: Path) -> Path:
    """An article whose "beacon"s are screens apart: F3 goes to one off the screen
    that no other key's screen shows."""
    filler = "The committee met again today and went through the figures line by line. " * 8
    sections = tuple(
        Section(f"part-{n}", f"Part {n}", (filler, filler + ("beacon" if n % 15 == 0 else "")))
        for n in range(60)
    )
    return _written(folder, "far", sections)


def _written(
    folder: Path,
    name: str,
    sections: tuple[Section, ...],
    speakers: tuple[Speaker, ...] = (),
    quotes: tuple[Quote, ...] = (),
) -> Path:
    """A long test article, written to ``folder`` as ``NAME.yaml``."""
    article = Article(
        id=name,
        title=name.replace("-", " ").capitalize(),
        language="en",
        source="The Source",
        lead="The lead.",
        sections=sections,
        speakers=speakers,
        quotes=quotes,
        footer=Footer("Copyright The Source.", None),
    )
    path = folder / f"{name}.yaml"
    path.write_text(dump_article(article), encoding="utf-8")
    return path


async def test_the_next_match_when_still_draws_only_the_matches_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F3 to a match off the screen: its screen was drawn ahead; only the lines of the
    match left and the match reached are drawn again (their highlight moved)."""
    app = make_app(_far_apart(tmp_path), state=StateStore(tmp_path / "state"))
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        await _still(pilot, body)
        assert body.find("beacon") == 4
        layout = body.text_layout
        scrolled = 0
        for _ in range(body.match_count):
            await _still(pilot, body)
            before, top = body.current_match(), body.scroll_y
            drawn = _count_drawn(monkeypatch, ahead=False)
            await pilot.press("f3")
            await pilot.pause()
            monkeypatch.undo()
            after = body.current_match()
            assert after is not None and after != before
            lines = {
                layout.line_of(match[0], match[1]) for match in (before, after) if match is not None
            }
            assert set(drawn) <= lines
            scrolled += body.scroll_y != top
        assert scrolled  # (the steps went to matches off the screen)


def _quoted_far(folder: Path) -> Path:
    """An article with one quote ("kestrel") in the middle of a long section, screens
    from the top and far from any other key's screen (a section's start, a page on,
    the end)."""
    filler = "The committee met again today and went through the figures line by line. " * 8
    said = "We saw the kestrel over the ridge at dawn"
    sections = tuple(
        Section(
            f"part-{n}",
            f"Part {n}",
            (filler, filler, filler + (f'"{said}," the warden said.' if n == 6 else ""), filler),
        )
        for n in range(12)
    )
    return _written(
        folder,
        "quoted-far",
        sections,
        speakers=(Speaker("warden", "Wanda Warden", "Warden of the park"),),
        quotes=(Quote("q1", said, "warden", "part-6", 2),),
    )


async def test_enter_in_the_quote_search_when_still_draws_only_the_quotes_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the search's first match is known and the reader is still, the screen
    Enter goes to is drawn ahead: Enter's frame draws only the chosen quote's lines
    (its highlight), and every line kept is the one the body would draw now."""
    app = make_app(_quoted_far(tmp_path), state=StateStore(tmp_path / "state"))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        body = screen.query_one(ArticleBody)
        await _still(pilot, body)
        await pilot.press("slash")
        await until(pilot, lambda: screen.query("#find-input"), "the find bar built")
        await _still(pilot, body)
        await pilot.press(*"kestrel")
        await _still(pilot, body)
        drawn = _count_drawn(monkeypatch, ahead=False)
        await pilot.press("enter")
        await pilot.pause()
        monkeypatch.undo()
        assert body.chosen_quote == "q1"
        lines = body._quote_lines(body.text_layout, "q1")
        assert lines is not None
        top = int(body.scroll_y)
        assert top > body.scrollable_content_region.height  # screens down
        assert top <= lines[0] and lines[1] < top + body.scrollable_content_region.height
        assert drawn and set(drawn) <= set(range(lines[0], lines[1] + 1))
        width = body.scrollable_content_region.width
        for y in range(top, top + body.scrollable_content_region.height):
            assert body._cache.get(y) == body._render_text_line(y, width), y


async def test_choosing_another_quote_draws_both_quotes_lines_in_the_new_look(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """A quote chosen after another: the lines of both are drawn again (the highlight
    moved), and no strip kept has the old look."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.query_one(ArticleBody)
        await _still(pilot, body)
        width = body.scrollable_content_region.width
        for quote_id in ("q9", "q8", "q9", "q1"):
            screen.go_to_quote(quote_id)
            await pilot.pause()
            assert body.chosen_quote == quote_id
            cached = list(body._cache.keys())  # (a Textual LRUCache: no items())
            kept = [y for y in cached if body._cache[y].cell_length == width]
            assert kept
            for y in kept:
                assert body._cache[y] == body._render_text_line(y, width), (quote_id, y)


async def test_choosing_a_quote_on_screen_writes_only_the_two_quotes_rows(
    seed_app: Callable[[], ReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quote chosen while the one chosen before is on the same screen: the frame
    writes the rows of the two quotes, not the whole text pane (the reactive repainted
    the pane, 14 KB at 160x48, though only those lines were drawn again)."""
    from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate

    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.query_one(ArticleBody)
        await _still(pilot, body)
        screen.go_to_quote("q4")
        await _still(pilot, body)
        layout = body.text_layout
        spans = [body._quote_lines(layout, quote_id) for quote_id in ("q4", "q5")]
        top = int(body.scroll_y)
        height = body.scrollable_content_region.height
        assert all(s is not None and top <= s[0] and s[1] < top + height for s in spans)
        region = body.scrollable_content_region
        quote_rows = {
            region.y + line - top
            for first_last in spans
            if first_last
            for line in range(first_last[0], first_last[1] + 1)
        }
        written: list[int] = []
        render_update = Compositor.render_update

        def recorded(self: Compositor, *args: Any, **kwargs: Any) -> Any:
            update = render_update(self, *args, **kwargs)
            if isinstance(update, LayoutUpdate):
                written.extend(range(update.region.y, update.region.bottom))
            elif isinstance(update, ChopsUpdate):
                written.extend(
                    y for y, x1, x2 in update.spans if x1 < region.right and x2 >= region.x
                )
            return update

        monkeypatch.setattr(Compositor, "render_update", recorded)
        screen.go_to_quote("q5")
        await pilot.pause()
        await pilot.pause()
        monkeypatch.undo()
        assert body.chosen_quote == "q5" and int(body.scroll_y) == top
        in_text = {y for y in written if region.y <= y < region.bottom}
        assert in_text and in_text <= quote_rows


class _OnItsWay(Message):
    """A message left in the focused body's queue, as a key on its way to its handler."""


async def test_drawing_ahead_stops_while_a_key_is_on_its_way(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Work done ahead of need never runs while a key waits for its handler (the
    runner holds a slice back for a key's hops only so long): it stops, and goes on in
    the next quiet moment."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        body = app.screen.query_one(ArticleBody)
        body.focus()
        await _still(pilot, body)
        body._cache.clear()
        predraw = body._predraw
        body.post_message(_OnItsWay())  # handled at the next await: waiting till then
        assert list(predraw._steps()) == []
        assert len(body._cache) == 0 and predraw.pending
        await _still(pilot, body)  # the key handled: drawn ahead after all
        assert len(body._cache) > 0


async def test_no_more_is_drawn_ahead_than_the_line_cache_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a tall terminal a few screens fill the body's line cache: drawing ahead
    more would push out the lines on show (to be drawn again by the next frame)."""
    app = make_app(_far_apart(tmp_path), state=StateStore(tmp_path / "state"))
    async with app.run_test(size=(120, 420)) as pilot:
        body = app.screen.query_one(ArticleBody)
        await _still(pilot, body)
        height = body.scrollable_content_region.height
        assert body.text_layout.line_count > 3 * height  # several screens to draw ahead
        drawn = _count_drawn(monkeypatch)
        await pilot.press("n")
        await _still(pilot, body)
        top = int(body.scroll_y)
        assert all(body._cache.get(y) is not None for y in range(top, top + height))
        assert len(set(drawn)) == len(drawn)  # no line drawn twice: none pushed out


async def test_a_body_taken_down_draws_nothing_ahead(
    seed_app: Callable[[], ReaderApp],
) -> None:
    """Its quiet-moment timer can fire as the app ends, the screen's other widgets
    gone: it neither asks the screen whether it is built nor draws."""
    app = seed_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        body = screen.query_one(ArticleBody)
        await _still(pilot, body)
        await screen.query_one("#toc").remove()
        assert not screen._built()  # (asked by the find bar's and the build's timers too)
        await body.remove()
        body._predraw._start()
        assert not body._predraw.pending


async def test_enter_in_the_quote_search_before_the_lists_are_filled_draws_only_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lists not filled yet (a word and Enter typed as a big article first shows):
    the search is scanned alone up to its first match, and the screen Enter goes to is
    drawn ahead as soon as it is known, though the screen is still building (drawing
    ahead waits for that build) and the keys come a moment apart (it waits for a quiet
    moment): Enter's frame draws only the quote's lines."""
    from reader.ui.widgets.quote_sidebar import QuoteSidebar

    monkeypatch.setattr(QuoteSidebar, "_fill", lambda sidebar: None)  # never filled
    app = make_app(_quoted_far(tmp_path), state=StateStore(tmp_path / "state"))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await _enter_draws_only_the_quotes_lines(pilot, screen, monkeypatch, "kestrel", "q1")
        sidebar = screen.sidebar
        assert sidebar is not None and not sidebar.filled


async def test_enter_in_the_quote_search_with_only_the_head_read_draws_only_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a big article's head read (its whole still coming): the screen Enter goes
    to, a quote of the head's, is drawn ahead all the same; Enter's frame draws only
    the quote's lines."""
    from _big import write_big

    monkeypatch.setattr(ReadingScreen, "take_whole", lambda *args, **kwargs: None)
    app = make_app(write_big(tmp_path), state=StateStore(tmp_path / "state"))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: screen.body.layout_complete, "the head laid out")
        assert screen.body.wait_for_rest is not None  # the whole not taken
        await _enter_draws_only_the_quotes_lines(pilot, screen, monkeypatch, "part 9 ", "q9")
        assert screen.body.wait_for_rest is not None


async def _enter_draws_only_the_quotes_lines(
    pilot: Pilot[Any],
    screen: ReadingScreen,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    quote_id: str,
) -> None:
    """``/``, ``typed`` and Enter, which goes to ``quote_id`` screens down: once the
    search's first match is known and its screen drawn ahead, Enter's frame draws only
    the quote's lines (and the lines kept are the ones the body draws now)."""
    body = screen.body
    known: list[str] = []
    told = ReadingScreen.on_quote_listing_first_hit

    def telling(screen: ReadingScreen) -> None:
        known.append("hit")
        told(screen)

    monkeypatch.setattr(ReadingScreen, "on_quote_listing_first_hit", telling)
    await pilot.press("slash")
    await until(pilot, lambda: screen.query("#quote-search"), "the search field built")
    await pilot.press(*typed)
    await until(pilot, lambda: known, "the first match known")
    await until(pilot, lambda: not body._predraw.quote_pending, "its screen drawn ahead")
    drawn = _count_drawn(monkeypatch, ahead=False)
    await pilot.press("enter")
    await pilot.pause()
    assert body.chosen_quote == quote_id
    lines = body._quote_lines(body.text_layout, quote_id)
    assert lines is not None
    top, height = int(body.scroll_y), body.scrollable_content_region.height
    assert top > height and top <= lines[0] and lines[1] < top + height
    assert drawn and set(drawn) <= set(range(lines[0], lines[1] + 1))
    width = body.scrollable_content_region.width
    for y in range(top, top + height):
        assert body._cache.get(y) == body._render_text_line(y, width), y


async def test_the_quotes_screen_is_drawn_in_short_slices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen Enter goes to is drawn between keystrokes, and the next one, read
    meanwhile, waits for the slice under way: a slice draws for ``QUOTE_SLICE`` at
    most, not a whole ``sliced.SLICE`` (a screen of 41 lines in one)."""
    from reader.ui import sliced
    from reader.ui.widgets.body_predraw import LINES_PER_STEP, QUOTE_SLICE
    from reader.ui.widgets.quote_sidebar import QuoteSidebar

    monkeypatch.setattr(QuoteSidebar, "_fill", lambda sidebar: None)  # never built
    app = make_app(_quoted_far(tmp_path), state=StateStore(tmp_path / "state"))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await pilot.press("slash")
        await until(pilot, lambda: screen.query("#quote-search"), "the search field built")
        await pilot.press(*"kestrel")
        await until(pilot, lambda: not body._predraw.quote_pending, "its screen drawn ahead")
        body._cache.clear()
        looks = [0.0]

        def clock() -> float:  # a look at the clock every step, a fifth of the slice
            looks[0] += QUOTE_SLICE / 5
            return looks[0]

        monkeypatch.setattr(sliced, "perf_counter", clock)
        work = body._predraw._quote_work
        work.start(body._predraw._steps(quote=True))  # its first slice, now
        monkeypatch.undo()
        assert 0 < len(body._cache) <= 6 * LINES_PER_STEP
        assert work.running  # the rest in later slices


async def test_the_quotes_screen_waits_for_the_frame_to_be_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frame to draw (the keystroke's that made the search's first match known)
    goes first: the quote's screen is drawn after it, not in a slice before it."""
    from reader.ui.widgets.quote_sidebar import QuoteSidebar

    monkeypatch.setattr(QuoteSidebar, "_fill", lambda sidebar: None)  # never built
    app = make_app(_quoted_far(tmp_path), state=StateStore(tmp_path / "state"))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        body = screen.body
        await pilot.press("slash")
        await until(pilot, lambda: screen.query("#quote-search"), "the search field built")
        await pilot.press(*"kestrel")
        await until(pilot, lambda: not body._predraw.quote_pending, "its screen drawn ahead")
        body._cache.clear()
        screen._repaint_required = True  # a frame to draw (and no message waiting)
        body._predraw._quote_work.start(body._predraw._steps(quote=True))
        assert len(body._cache) == 0 and body._predraw.quote_pending
        await until(pilot, lambda: not body._predraw.quote_pending, "drawn after the frame")
        assert len(body._cache) >= body.scrollable_content_region.height
