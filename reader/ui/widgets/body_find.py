"""Find in text as the article body does it: moving between matches on screen.

The matches themselves (looking a phrase up, which one the reader is on) are
:class:`reader.ui.text.finder.FindMatches`, free of widgets. This module is what a move
between them does to the body: which lines to draw again, where to scroll, and what to
report. It is apart from :mod:`reader.ui.widgets.article_body` so that the widget keeps
one job (wrapping, scrolling and drawing the text) and find's rules sit in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.text.finder import FindMatches, Match
from reader.ui.text.lines import Block

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.ui.widgets.article_body import ArticleBody


class BodyFind:
    """The body's find: look a phrase up, step through its matches, report where it is."""

    def __init__(self, body: ArticleBody, blocks: Sequence[Block]) -> None:
        self.body = body
        #: the matches (block, start, end), in reading order, and the one the reader is on
        self.state = FindMatches(blocks)

    def find(self, query: str) -> int:
        """Highlight every match of ``query``; go to the first one at or after the view.

        Only the article's own text is searched, not the attributions reader adds.
        """
        body = self.body
        body.text_layout.source.fill_all()  # every block must exist to be searched
        self.state.find(query)
        body.redraw_all()
        if self.state.matches:
            layout = body.text_layout
            top = layout.line(min(int(body.scroll_y), layout.line_count - 1))
            self._go_to(self.state.first_from(top.block, top.start))
        else:
            body.post_message(body.FindResult(body, -1, 0))
        return len(self.state.matches)

    def step(self, step: int) -> None:
        """Go to the next (``step=1``) or previous (``-1``) match, wrapping around."""
        if not self.state.matches:
            self.body.post_message(self.body.FindResult(self.body, -1, 0))
            return
        self._go_to(self.state.after_step(step))

    def _line(self, match: Match) -> int:
        return self.body.text_layout.line_of(match[0], match[1])

    def _go_to(self, index: int) -> None:
        # Only the lines of the match left and the match reached look different (the
        # current one is drawn apart); redrawing every line of the view took most of a
        # key's time (F3 stepping through matches).
        body = self.body
        previous = self.state.current()
        self.state.index = index
        for match in (previous, self.state.matches[index]):
            if match is not None:
                self._redraw(match)
        line = self._line(self.state.matches[index])
        body.reveal(line, line)
        body.post_message(body.FindResult(body, index, len(self.state.matches)))

    def _redraw(self, match: Match) -> None:
        """Draw again the lines a match is on."""
        block, start, end = match
        layout = self.body.text_layout
        first, last = layout.line_of(block, start), layout.line_of(block, max(start, end - 1))
        self.body.redraw_lines(first, last)
