"""Find in text as the article body does it: moving between matches on screen.

The matches themselves (looking a phrase up, which one the reader is on) are
:class:`reader.ui.text.finder.FindMatches`, free of widgets. This module is what a move
between them does to the body: which lines to draw again, where to scroll, and what to
report. It is apart from :mod:`reader.ui.widgets.article_body` so that the widget keeps
one job (wrapping, scrolling and drawing the text) and find's rules sit in one place.

A find answers in the keystroke's own turn with what it can search then: every match
of a short text; of a long one (a 5 MB article is 50,000 blocks, some 200 ms to make
and fold) the matches in its first ``FIND_NOW`` blocks, or only in its head while the
whole article is still being read. The rest is searched after it, in slices
(:mod:`reader.ui.sliced`), its matches added as they are found, and the count says
so meanwhile ("3 of 12+"). A step past the last match found so far waits for the next
one (or, once everything is searched, wraps around) instead of holding the screen.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from reader.ui.sliced import SlicedWork
from reader.ui.text.finder import FOLD_CHUNK, FindMatches, Match

if TYPE_CHECKING:
    from reader.ui.text.lines import BlockSource, TextLayout
    from reader.ui.widgets.article_body import ArticleBody

#: Blocks a find makes and folds in the keystroke's own turn (some 9 ms): all of most
#: articles; the rest of a longer one is searched after it, in slices.
FIND_NOW = 2000
#: Lines of context kept above a match the view goes to (as the body's ``reveal``).
CONTEXT_LINES = 3
#: Blocks wrapped at a time while laying the text out as far as a match found after
#: the keystroke (to go to it without holding the screen).
LAY_OUT_CHUNK = 64


class BodyFind:
    """The body's find: look a phrase up, step through its matches, report where it is."""

    def __init__(self, body: ArticleBody, source: BlockSource) -> None:
        self.body = body
        self._source = source
        #: the matches (block, start, end), in reading order, and the one the reader is on
        self.state = FindMatches(source.blocks)
        #: the search of the text not searched in the keystroke's turn
        self._work = SlicedWork(body, group="body-find")
        #: where to go once more text is searched, as (block, character, or None: only
        #: the fallback), and the fallback once all is: the "first" or "last" match
        self._waiting: tuple[tuple[int, int] | None, Literal["first", "last"]] | None = None
        #: given up for a find in other blocks (the text made anew)
        self._dropped = False

    @property
    def complete(self) -> bool:
        """Whether every match is known: the whole article's blocks made and searched
        (with only its head, the rest is yet to come)."""
        return not self.state.query.strip() or (
            self.body.wait_for_rest is None
            and self._source.exhausted
            and self.state.searched >= len(self._source.blocks)
        )

    def find(self, query: str) -> int:
        """Highlight every match of ``query``; go to the first one at or after the view.

        Only the article's own text is searched, not the attributions reader adds.
        """
        body = self.body
        state = self.state
        self._waiting = None
        self._work.start(iter(()))  # the search of an earlier query, dropped
        state.find(query, fold_new=False)  # what is folded already: a lookup
        if query.strip():
            self._search_more(FIND_NOW)
            if not self.complete:  # the rest after this turn
                body.call_later(self._resume)
        body.redraw_all()
        if self._end_apart():
            if self.complete:  # the first match below the view: none, so the last
                self._go_to_laid_out(len(state.matches) - 1)
            else:
                self._waiting = (None, "last")  # the first match below the view: the last
            self._report()
            return len(state.matches)
        if not state.matches:
            if not self.complete:
                layout = body.text_layout
                top = layout.line(min(int(body.scroll_y), layout.line_count - 1))
                self._waiting = ((top.block, top.start), "last")
            self._report()
            return 0
        layout = body.text_layout
        top = layout.line(min(int(body.scroll_y), layout.line_count - 1))
        first = state.first_from(top.block, top.start)
        if self.complete or state.matches[first] >= (top.block, top.start):
            self._go_to(first)
        else:  # none found below the view yet: the first one found there
            self._waiting = ((top.block, top.start), "last")
            self._report()
        return len(state.matches)

    def step(self, step: int) -> None:
        """Go to the next (``step=1``) or previous (``-1``) match, wrapping around
        (once every match is known; until then, a step past the last match found goes
        to the next one found)."""
        state = self.state
        if self._end_apart():
            if self.complete and state.matches:
                self._go_to_laid_out(state.after_step(step))
            self._report()  # else a match is gone to once the whole is here
            return
        if not state.matches or self.complete:
            if state.matches:
                self._go_to(state.after_step(step))
            else:
                self._report()
            return
        if step > 0 and self._waiting is not None and self._waiting[0] is not None:
            self._report()  # still waiting for a match below the view
        elif step > 0 and state.index + 1 < len(state.matches):
            self._go_to(state.index + 1)
        elif step < 0 and state.index > 0:
            self._go_to(state.index - 1)
        elif step > 0:
            current = state.current()
            after = None if current is None else (current[0], current[1] + 1)
            self._waiting = (after, "first")
            self._report()
        else:
            self._waiting = (None, "last")  # wraps to the last: only known at the end
            self._report()

    def _end_apart(self) -> bool:
        """Whether the end is shown apart from the text laid out (``G`` early): going to
        a match would finish the layout (or wait for the whole article) in this turn,
        ~40 ms on a 5 MB article. A find waits for the rest, and once every match is
        known, for the layout's own slices to leave the end (``_go_to_laid_out``)."""
        return _laid_out(self.body) is None

    def _go_to_laid_out(self, index: int) -> None:
        """Go to match ``index`` (of a search complete) once the text is laid out as far
        as it, in slices."""
        if not 0 <= index < len(self.state.matches):
            return
        self._waiting = None
        block = self.state.matches[index][0]

        def steps() -> Iterator[None]:
            yield from self._lay_out_to(block)
            self._go_to(index)

        self._work.start(steps(), now=False)

    def more_text(self) -> None:
        """More of the text came (the whole article, after its head): search it too."""
        if self.state.query.strip():
            self.body.call_later(self._resume)

    def drop(self) -> None:
        """Stop searching: the body finds in other blocks from now on."""
        self._dropped = True
        self._waiting = None
        self._work.start(iter(()))

    def _resume(self) -> None:
        if self.state.query.strip() and not self._work.running and not self._dropped:
            self._work.start(self._search_rest())

    def _search_more(self, count: int) -> bool:
        """Make and fold up to ``count`` more blocks and look for the query in them
        (and in any folded meanwhile); False when there is nothing left to search now."""
        state, source = self.state, self._source
        if state.folded >= len(source.blocks) and source.exhausted:
            return state.extend() > 0  # (any folded by the layout's own slices)
        missing = state.folded + count - len(source.blocks)
        if missing > 0:
            source.fill(missing)
        state.fold_more(count)
        state.extend()
        return True

    def _search_rest(self) -> Iterator[None]:
        """The rest of the text searched in slices: new matches drawn and counted, and
        a step that waits for one taken there."""
        state = self.state
        while True:
            found = len(state.matches)
            if not self._search_more(FOLD_CHUNK):
                break
            if len(state.matches) > found:
                self._redraw_new(found)
                yield from self._go_to_waited(found)
                self._report()
            yield
        if self.complete:
            waiting = self._waiting
            if waiting is not None and state.matches:
                index = 0 if waiting[1] == "first" else len(state.matches) - 1
                yield from self._lay_out_to(state.matches[index][0])
                if self._waiting is waiting:
                    self._go_to(index)
            else:
                self._waiting = None
                self._report()

    def _go_to_waited(self, found: int) -> Iterator[None]:
        """Go to the first new match at or after where a step waits, if there is one
        (the text laid out as far as it first, in slices)."""
        waiting = self._waiting
        if waiting is None or waiting[0] is None:
            return
        matches = self.state.matches
        index = bisect_left(matches, (*waiting[0], 0), lo=found)
        if index >= len(matches):
            return
        yield from self._lay_out_to(matches[index][0])
        if self._waiting is waiting and index < len(self.state.matches):
            self._waiting = None
            self._go_to(index)

    def _lay_out_to(self, block: int) -> Iterator[None]:
        """Lay the text out as far as ``block``, in slices, before a step goes there.

        While the end is shown apart (``G`` before the whole was read), the layout's
        own slices leave it once they are done: going to a match before then would
        finish the layout of the whole text at once (``text_layout``: ~40 ms on a 5 MB
        article, a key pressed then waited for it), so this waits for them."""
        while True:
            layout = _laid_out(self.body)
            if layout is not None and (block < len(layout.block_line) or layout.is_complete):
                return
            if layout is not None:
                layout.extend(LAY_OUT_CHUNK)
            yield

    def _redraw_new(self, found: int) -> None:
        """Draw again the lines in view that matches after the first ``found`` are on."""
        body = self.body
        layout = _laid_out(body)
        if layout is None or not layout.line_count:
            return
        top = int(body.scroll_y)
        if top >= layout.line_count:
            return
        bottom = min(layout.line_count - 1, top + body.scrollable_content_region.height)
        first, last = layout.line(top).block, layout.line(bottom).block
        matches = self.state.matches
        start = bisect_left(matches, (first, 0, 0), lo=found)
        for match in matches[start:]:
            if match[0] > last:
                break
            self._redraw(match)

    def _report(self) -> None:
        body, state = self.body, self.state
        body.post_message(
            body.FindResult(body, state.index, len(state.matches), complete=self.complete)
        )

    def _line(self, match: Match) -> int:
        return self.body.text_layout.line_of(match[0], match[1])

    def _go_to(self, index: int) -> None:
        # Only the lines of the match left and the match reached look different (the
        # current one is drawn apart); redrawing every line of the view took most of a
        # key's time (F3 stepping through matches).
        self._waiting = None
        previous = self.state.current()
        self.state.index = index
        for match in (previous, self.state.matches[index]):
            if match is not None:
                self._redraw(match)
        line = self._line(self.state.matches[index])
        self._reveal(line)
        self._report()

    def _reveal(self, line: int) -> None:
        """Bring line ``line`` into view (:meth:`ArticleBody.reveal`), but with only the
        head of a big article, never a screen past its text: the body would wait for
        the whole there, on the UI thread. The view stops at the head's last line."""
        body = self.body
        if body.wait_for_rest is not None and _laid_out(body) is not None:
            height = body.scrollable_content_region.height
            top = int(body.scroll_y)
            layout = body.text_layout
            layout.extend_to(line + height)
            if not (top <= line < top + height) and layout.is_complete:
                body.go_to_line(max(0, min(line - CONTEXT_LINES, layout.line_count - height)))
                return
        body.reveal(line, line)

    def _redraw(self, match: Match) -> None:
        """Draw again the lines a match is on."""
        block, start, end = match
        layout = self.body.text_layout
        first, last = layout.line_of(block, start), layout.line_of(block, max(start, end - 1))
        self.body.redraw_lines(first, last)


def _laid_out(body: ArticleBody) -> TextLayout | None:
    """The text laid out so far, unless the end is shown apart (its lines are not the
    layout's; :mod:`.body_tail`): what a search after the keystroke may look at without
    finishing the layout (``text_layout`` leaves the end, which finishes it)."""
    return body._layout if body._tail.tail is None else None
