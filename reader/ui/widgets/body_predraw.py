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

But the screen Enter in the quote search goes to, as soon as the search's first match
is known (:meth:`Predraw.expect_quote`): a word and Enter typed as a big article
first shows come while the screen is still building, and a moment apart, so waiting
for that build or for a quiet moment drew nothing ahead for them, and Enter's frame
drew every line of its screen (41 at 160x48, some 4-5 ms of its 9-14). That screen
is drawn at once, after the keystroke's frame, where its lines are laid out (the
article's head's will do), and only until a key is on its way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.timer import Timer

from reader.ui.sliced import SlicedWork, messages_waiting, taken_down

if TYPE_CHECKING:
    from reader.ui.text.lines import TextLayout
    from reader.ui.widgets.article_body import ArticleBody

#: Seconds of quiet (no move, no redraw) before the next screens are drawn.
PREDRAW_AFTER = 0.1
#: Lines drawn between looks at the clock (a slice is ``sliced.SLICE``).
LINES_PER_STEP = 4
#: Seconds a slice of the quote's screen (:meth:`Predraw.expect_quote`) runs for at
#: most: it runs between keystrokes, and the next, read meanwhile, waits for the slice.
QUOTE_SLICE = 0.001
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
        #: the screen Enter in the quote search goes to, drawn apart (expect_quote)
        self._quote_work = SlicedWork(body, group="body-predraw-quote", length=QUOTE_SLICE)
        #: that screen is to be drawn once the frame being drawn is
        self._quote_due = False

    def soon(self) -> None:
        """Draw ahead once the reader has been still for ``PREDRAW_AFTER`` (again
        from now, if it was to be sooner): a move or a redraw just happened."""
        self._work.drop()  # drawn for the place the reader has left, or a look now gone
        if self._timer is not None:
            self._timer.reset()
        else:
            self._timer = self._body.set_timer(PREDRAW_AFTER, self._start)

    def expect_quote(self) -> None:
        """The quote search's first match is known: draw the screen Enter would go to
        once the frame being drawn (the keystroke's) is, whether the screen is built
        or not, and the rest once the reader is still (:meth:`soon`)."""
        self.soon()
        self._start_quote()

    @property
    def pending(self) -> bool:
        """Whether lines are still to be drawn ahead (waiting for quiet, or under way)."""
        return self._timer is not None or self._work.running or self.quote_pending

    @property
    def quote_pending(self) -> bool:
        """Whether the screen Enter in the quote search goes to is still to be drawn
        ahead (see :meth:`expect_quote`)."""
        return self._quote_due or self._quote_work.running

    def stop(self) -> None:
        self._work.drop()
        self._quote_work.drop()
        self._quote_due = False
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

    def _start_quote(self) -> None:
        self._quote_due = False
        if not taken_down(self._body):
            self._quote_work.start(self._steps(quote=True), now=False)

    def _quote_after_frame(self) -> None:
        """Go on with the quote's screen once the screen's next frame is drawn: a key
        on its way, and the frame the screen has to draw (a keystroke's), go first
        (a slice of it held that frame back). Enter moves the text to the quote, and
        the screen is then not drawn again; a keystroke makes a new first match."""
        if not self._quote_due:
            self._quote_due = True
            self._body.call_after_refresh(self._start_quote)

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

    def _steps(self, *, quote: bool = False) -> Iterator[None]:
        """Draw the screens ahead (``quote``: only the one Enter in the quote search
        goes to, see :meth:`expect_quote`), a few lines a step."""
        body = self._body
        target = self._target(whole=not quote)
        if target is None:
            return
        layout, width, height = target
        cache = body._cache
        if quote:
            top = self._quote_top(layout, height)
            tops = [] if top is None else [top]
        else:
            # no more screens than the line cache holds with the one on show: more would
            # push out the lines drawn first, and those on show, to be drawn again
            tops = self.tops(layout, height)[: max(0, cache.maxsize // height - 1)]
        drawn = 0
        for top in tops:
            for y in range(top, top + height):  # (below the text: blank lines)
                strip = cache.get(y)
                if strip is not None and strip.cell_length == width:
                    continue
                if self._target(whole=not quote) != target:
                    return  # the text or its width changed meanwhile: drawn again later
                if quote:
                    if messages_waiting(body.screen) or frame_due(body.screen):
                        self._quote_after_frame()  # a key, and its frame, first
                        return
                    if not body.laid_out_for_good(y):
                        return  # a line the rest of the text may fill
                elif self._key_on_its_way():
                    self._wait_for_quiet()
                    return
                cache[y] = line = body._render_text_line(y, width)
                body.rows.warm(line)  # with the pane's border, as the frame takes it
                drawn += 1
                if drawn % LINES_PER_STEP == 0:
                    yield
                    if quote and self._quote_top(layout, height) != top:
                        return  # moved, or the search changed: drawn for the new one

    def _quote_top(self, layout: TextLayout, height: int) -> int | None:
        """The top line of the screen Enter in the quote search goes to (None: no
        match known, or on screen), as the scroll would clamp it."""
        body = self._body
        top = body.quote_ahead_top(layout)
        if top is not None and body.laid_out_for_good(top + height):
            top = min(top, int(body.max_scroll_y))  # (else the scroll's end may move)
        return None if top is None else max(0, top)

    def _target(self, *, whole: bool = True) -> tuple[TextLayout, int, int] | None:
        """(layout, width, height) to draw for, None if the body is not ready for it
        (see the module's docstring; ``whole`` False: for the quote's screen, before
        the text is laid out to its end)."""
        return self._body.predraw_target(whole=whole)

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


def frame_due(screen: DOMNode) -> bool:
    """Whether ``screen`` has changes not drawn yet (a key's frame, still to come).
    Textual's private flags, as :mod:`reader.ui.key_frame` reads them (another Textual
    without them: never)."""
    return bool(
        getattr(screen, "_dirty_widgets", None)
        or getattr(screen, "_layout_required", False)
        or getattr(screen, "_repaint_required", False)
    )


__all__ = [
    "LINES_PER_STEP",
    "MOST_BUILT_CHECKS",
    "PREDRAW_AFTER",
    "QUOTE_SLICE",
    "Predraw",
    "frame_due",
]
