"""The screens the reader's next move will show, drawn while they read.

An idle key that moves the text (``n``, ``p``, a page, ``G``, ``g``) showed a screenful
of lines the body had never drawn: some 40 lines at 100-150 us each, 4-7 ms of the
key's frame (headless, the seed at 160x48), where a bare Textual app's page down only
crops strips it has. Once the reader has stopped for a moment (after the first paint,
after each move), :class:`Predraw` draws the screens those keys would show into the
body's line cache, in slices (:mod:`reader.ui.sliced`), with their rows of the pane
(:mod:`reader.ui.widgets.body_rows`): the key's frame then takes the strips. They are
drawn exactly as the frame would draw them (the body's own ``_render_text_line``),
and whatever changes a line's look drops the cache, as it did (then the next quiet
moment draws them again).

Only once the screen's build after its first frame is done and the text is laid out
to its end (not while a big article's layout, or its whole, is still coming): keys
sent early wait for that build's slices already, the targets are where the keys go
then, and finding them must not lay out more text. Never while a key is on its way
(waiting for its handler or its frame): it stops, and goes on in the next quiet moment.
And no more screens than the body's line cache holds with the one on show.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.timer import Timer

from reader.ui.sliced import SlicedWork, messages_waiting, taken_down

if TYPE_CHECKING:
    from reader.ui.text.lines import TextLayout
    from reader.ui.widgets.article_body import ArticleBody

#: Seconds of quiet (no move, no redraw) before the next screens are drawn.
PREDRAW_AFTER = 0.1
#: Lines drawn between looks at the clock (a slice is ``sliced.SLICE``).
LINES_PER_STEP = 4
#: Looks, ``PREDRAW_AFTER`` apart, at whether the screen's build is done before the
#: body stops waiting for it (a screen whose build never ends draws nothing ahead).
MOST_BUILT_CHECKS = 100


class Predraw:
    """Draws, in a quiet moment, the screens the moving keys would show next."""

    def __init__(self, body: ArticleBody) -> None:
        self._body = body
        self._work = SlicedWork(body, group="body-predraw")
        self._timer: Timer | None = None
        self._built_checks = 0

    def soon(self) -> None:
        """Draw ahead once the reader has been still for ``PREDRAW_AFTER`` (again
        from now, if it was to be sooner): a move or a redraw just happened."""
        self._work.drop()  # drawn for the place the reader has left, or a look now gone
        if self._timer is not None:
            self._timer.reset()
        else:
            self._timer = self._body.set_timer(PREDRAW_AFTER, self._start)

    @property
    def pending(self) -> bool:
        """Whether lines are still to be drawn ahead (waiting for quiet, or under way)."""
        return self._timer is not None or self._work.running

    def stop(self) -> None:
        self._work.drop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _start(self) -> None:
        self._timer = None
        if taken_down(self._body):  # the app ends, or the screen goes: nothing to draw
            return
        # Not while the reading screen still builds what comes after its first frame
        # (its ``_built``): keys sent then wait for that work's slices already.
        built = getattr(self._body.screen, "_built", None)
        if built is not None and not built():
            self._built_checks += 1
            if self._built_checks < MOST_BUILT_CHECKS:
                self._timer = self._body.set_timer(PREDRAW_AFTER, self._start)
            return
        self._work.start(self._steps(), now=False)

    def _key_on_its_way(self) -> bool:
        """Whether a key waits for its handler or its frame: work done ahead of need
        waits for it (the runner lets it go first only for ``sliced.YIELD_LIMIT``, and
        a loaded machine takes longer over a key's hops)."""
        screen = self._body.screen
        return bool(getattr(screen, "key_frame_pending", False)) or messages_waiting(screen)

    def _wait_for_quiet(self) -> None:
        """Stop drawing ahead; go on in the next quiet moment."""
        if self._timer is None:
            self._timer = self._body.set_timer(PREDRAW_AFTER, self._start)

    def _steps(self) -> Iterator[None]:
        body = self._body
        target = self._target()
        if target is None:
            return
        layout, width, height = target
        cache = body._cache
        # no more screens than the line cache holds with the one on show: more would
        # push out the lines drawn first, and those on show, to be drawn again
        screens = max(0, cache.maxsize // height - 1)
        drawn = 0
        for top in self.tops(layout, height)[:screens]:
            for y in range(top, top + height):  # (below the text: blank lines)
                strip = cache.get(y)
                if strip is not None and strip.cell_length == width:
                    continue
                if self._target() != target:
                    return  # the text or its width changed meanwhile: drawn again later
                if self._key_on_its_way():
                    self._wait_for_quiet()
                    return
                cache[y] = line = body._render_text_line(y, width)
                body.rows.warm(line)  # with the pane's border, as the frame takes it
                drawn += 1
                if drawn % LINES_PER_STEP == 0:
                    yield

    def _target(self) -> tuple[TextLayout, int, int] | None:
        """(layout, width, height) to draw for, None if the body is not ready for it
        (see the module's docstring)."""
        return self._body.predraw_target()

    def tops(self, layout: TextLayout, height: int) -> list[int]:
        """The top lines of the screens the moving keys would show from here: the quote
        Enter in the quote search would go to, the next find match (F3), the next and
        previous section and page, the end and the start."""
        body = self._body
        top = int(body.scroll_y)
        last = int(body.max_scroll_y)
        page = body.page_height
        tops: list[int] = []
        after = layout.section_after(top)
        before = layout.section_before(top)
        for candidate in (
            body.quote_ahead_top(layout),
            self._next_match_top(layout, top, height),
            None if after is None else layout.section_line(after),
            top + page,
            last,
            None if before is None else layout.section_line(before),
            top - page,
            0,
        ):
            if candidate is None:
                continue
            y = max(0, min(candidate, last))
            if y != top and y not in tops:
                tops.append(y)
        return tops

    def _next_match_top(self, layout: TextLayout, top: int, height: int) -> int | None:
        """Where F3 would put the top line: above the next match, if that is off the
        screen (:meth:`ArticleBody.reveal`); None without a find whose matches are
        all known."""
        from reader.ui.widgets.article_body import CONTEXT_LINES  # (it imports this)

        body = self._body
        state = body._find.state
        if not state.matches or not body.find_complete:
            return None
        block, start, _end = state.matches[state.after_step(1)]
        line = layout.line_of(block, start)
        return None if top <= line < top + height else line - CONTEXT_LINES


__all__ = ["LINES_PER_STEP", "MOST_BUILT_CHECKS", "PREDRAW_AFTER", "Predraw"]
