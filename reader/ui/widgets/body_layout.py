"""The article's text laid out for the body, and the reader's place in it.

:class:`LaidOutText` is the part of the article body (:mod:`.article_body`) that keeps
the text laid out and the view on the same text: wrapping it once per width (the first
screen in the first frame, the rest of a long article after it, in slices), the end
shown apart before that is done (:mod:`.body_tail`), the character at the top kept
through re-wraps, a saved position restored, and moving to a line. The body adds what
the reader sees and does: drawing lines, the keys, find, the messages it posts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from time import perf_counter
from typing import TYPE_CHECKING

from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.model import Article
from reader.core.state import Position
from reader.ui.sliced import SlicedWork
from reader.ui.text.lines import BlockSource, TextLayout, iter_blocks
from reader.ui.widgets.body_drawing import GUTTER
from reader.ui.widgets.body_tail import BodyTail

if TYPE_CHECKING:
    from reader.core.format.head import End

#: The widest the text column gets: a comfortable reading measure.
MAX_TEXT_WIDTH = 76
#: Blocks wrapped between looks at the clock while a long article is laid out (a
#: slice of the layout lasts about ``sliced.SLICE``, then keys and paints get through).
LAYOUT_CHUNK = 64
#: Seconds between two updates of the scrollbar while the text is laid out: drawing
#: a scrollbar is some 0.1 ms a row, and at each slice it was a good part of a frame.
SCROLLBAR_EVERY = 0.25


class LaidOutText(ScrollView):
    """An article's text wrapped to a width, laid out as needed, kept in place."""

    #: ``layout=False``: Widget's own laid the screen out again at each slice of the
    #: text laid out after the first paint (a 15-50 ms frame at 160x48, holding back a
    #: key); only the scrollbar depends on it (:meth:`_update_virtual_size`).
    #: ``repaint=False``: the text grows below the view, which does not change; it drew
    #: every line of the view again each time (what changes the view redraws itself).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

    def __init__(
        self,
        article: Article,
        *,
        initial: Position | None = None,
        max_width: int = MAX_TEXT_WIDTH,
        end: End | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._max_width = max_width
        self._source = BlockSource(iter_blocks(article))
        #: the end of the text, shown apart before the layout is done (``G`` at once);
        #: with only a head, from the article's ``end`` carried with it
        self._tail = BodyTail(self, article, end)
        self._layout: TextLayout | None = None
        #: the layout whose rest is being wrapped after the first paint
        self._continued: TextLayout | None = None
        self._layout_work = SlicedWork(self, group="body-layout")
        self._initial = initial
        #: the character at the top of the view (see :meth:`_anchor`)
        self._top: tuple[int, int] | None = None
        #: the size the text was last laid out for; while the widget's size differs, a
        #: resize is under way and scroll changes are Textual's clamping, not the reader's
        self._sized: Size | None = None
        #: a check that the text had its Resize is due after the next frame
        self._resize_check_due = False
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        #: set (by the screen) while the body has only an article's head: brings the
        #: whole (``continue_with``) before a move past the head's text
        self.wait_for_rest: Callable[[], None] | None = None

    def _take_rest(self) -> None:
        wait, self.wait_for_rest = self.wait_for_rest, None
        if wait is not None:
            wait()

    def _check_section(self) -> None:
        """The section at the top may have changed (the body reports it)."""

    @property
    def text_layout(self) -> TextLayout:
        """The current layout (made on the first resize; more of it as needed). While
        the end is shown apart (:mod:`.body_tail`), the layout is finished first."""
        if self._tail.tail is not None:
            self.go_to_line(self._leave_tail(int(self.scroll_y)))
        if self._layout is None:
            self._layout = TextLayout(self._source, self._text_width(self.size.width))
        return self._layout

    def _text_width(self, width: int) -> int:
        return max(10, min(self._max_width, width - GUTTER - 2))

    def on_resize(self) -> None:
        """Re-wrap for the new width, keeping the same character at the top.

        By the time this runs Textual may already have clamped the scroll to the new
        height with the old text's length (growing a window near the end moved the top
        up a line, or a section), so the top is taken from :attr:`_top`, which only the
        reader's own scrolling moves, never from the scroll offset; and it is put back
        even when the wrap width has not changed.
        """
        self._wrap(resize=True)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual gave the widget a new size: check after the next frame that the
        Resize came, and do what it does if it did not.

        Textual sends Resize only to widgets whose region changed since the map of the
        screen before, and that map can be rebuilt with the change already in it
        (:mod:`reader.ui.layout_map`): the size then changes with no Resize. The text
        kept its old height for good (the reader's place no longer recorded as they
        scrolled, drawing ahead off, the last section out of reach), seen after the
        cookie notice was accepted as the quote sidebar was being mounted.
        """
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if self._sized is not None and size != self._sized and not self._resize_check_due:
            self._resize_check_due = True
            self.call_after_refresh(self._resize_if_missed)
        return changed

    def _resize_if_missed(self) -> None:
        self._resize_check_due = False
        if self._sized is not None and self._sized != self.size and self.is_attached:
            self.on_resize()

    def _wrap(self, *, resize: bool = False) -> None:
        """Wrap the text for the current width (if it is not already), keeping the place.

        Called on resize, and by the first :meth:`render_line`: Textual paints a new
        widget before its Resize event is handled, and the text must be in that very
        first frame, not in one a moment later. (Not when a saved position is to be
        restored: during that first paint the scroll limits are not yet the widget's,
        and the place would be clamped; the resize that follows restores it.)
        """
        if resize and self._tail.tail is not None:
            self.go_to_line(self._leave_tail(int(self.scroll_y)))
        width = self._text_width(self.scrollable_content_region.width)
        layout = self._layout
        if not resize and layout is not None and layout.width == width and layout.line_count:
            self._update_virtual_size()
            return
        anchor = self._anchor() if self._initial is None else None
        if self._layout is None or self._layout.width != width:
            if self.text_selection is not None:
                self.screen.clear_selection()  # its (character, line) offsets were this wrap's
            self._layout = TextLayout(self._source, width)
            self._cache.clear()
            self.refresh()  # the text wrapped anew (growing the height no longer redraws)
            self._layout.extend_to(self.scrollable_content_region.height * 3)
        self._update_virtual_size()
        if anchor is not None:
            self.go_to_line(self._layout.line_of(*anchor))
            self._top = anchor
        elif self._initial is not None:
            self._restore(self._initial)
            self._initial = None
        self._sized = self.size
        if self._top is None:
            self._top = self._line_anchor()
        self._check_section()
        if not self._layout.is_complete and self._continued is not self._layout:
            self.call_after_refresh(self._lay_out_more, self._layout)
        self._after_wrap()

    def _lay_out_more(self, layout: TextLayout, *, now: bool = True) -> None:
        """Wrap the rest of a long article after the first paint, in slices
        (:mod:`reader.ui.sliced`: keys and paints get through in between; ``now``
        False: the first of them too)."""
        if layout is self._layout and self._continued is not layout:
            self._continued = layout  # one continuation per layout, however often asked
            self._layout_work.start(self._lay_out_steps(layout), now=now)

    def _lay_out_steps(self, layout: TextLayout) -> Iterator[None]:
        shown = perf_counter()
        while layout is self._layout and not layout.extend(LAYOUT_CHUNK):
            if perf_counter() - shown > SCROLLBAR_EVERY:
                shown = perf_counter()
                self._update_virtual_size()  # the scrollbar grows as the text does
            yield
        if layout is self._layout and self._tail.tail is not None:
            if self.wait_for_rest is not None:
                return  # the head's text is laid out: the end stays apart until the whole
            self.go_to_line(self._leave_tail(int(self.scroll_y)))  # the same text
        elif layout is self._layout:
            self._update_virtual_size()
        if layout is self._layout:
            yield from self._after_lay_out()

    def _after_wrap(self) -> None:
        """The text was wrapped for the current size, or its drawn lines dropped (nothing
        here: the body draws ahead again, :mod:`.body_predraw`)."""

    def _after_lay_out(self) -> Iterator[None]:
        """More work in slices once a long text is laid out (none here)."""
        return iter(())

    def _anchor(self) -> tuple[int, int] | None:
        """The block and character at the top of the view, to keep it there on re-wrap.

        The character, not the line's start: after a jump to a character (a restored
        position) or a re-wrap, the line start would creep back a little with every
        further re-wrap. It moves only when the reader scrolls (``watch_scroll_y``).
        """
        return self._top if self._top is not None else self._line_anchor()

    def _line_anchor(self) -> tuple[int, int] | None:
        """The block and character starting the top line of the view (None while the
        end is shown apart: its blocks' places in the whole text are not known yet)."""
        layout = self._layout
        if layout is None or not layout.line_count or self._tail.tail is not None:
            return None
        line = layout.line(min(int(self.scroll_y), layout.line_count - 1))
        return line.block, line.start

    @property
    def layout_complete(self) -> bool:
        """Whether the whole text is laid out (and shown by its own line numbers)."""
        return self._tail.tail is None and self._layout is not None and self._layout.is_complete

    def _leave_tail(self, y: int) -> int:
        """Stop showing the end apart: line ``y`` of the whole layout, finished now
        (the whole article read first, if the end came with its head)."""
        shown = self._tail.tail
        self._take_rest()
        tail = self._tail.tail
        if tail is None:  # taking the whole did not keep it (a changed end)
            return y
        if shown is not None and tail is not shown:
            # the whole's own end, shown in place of a changed one: ``y`` was a line
            # of that one; the same text in this one (else where it is shown now)
            same = tail.same_line(shown, y)
            y = int(self.scroll_y) if same is None else same
        assert self._layout is not None
        y = self._tail.leave(self._layout, y)
        self.redraw_all()
        self._update_virtual_size()
        return y

    def _update_virtual_size(self) -> None:
        if self._tail.tail is not None:
            return  # the end shown apart keeps its estimated place until it is left
        layout = self.text_layout
        height = layout.line_count
        if layout.is_complete and layout.section_lines:
            # let the last heading reach the top, so every section can be "in view"
            last_heading = layout.section_lines[-1][0]
            height = max(height, last_heading + self.scrollable_content_region.height)
        size = Size(self.scrollable_content_region.width, height)
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)  # the scrollbar (a new one lays the screen out)

    def _restore(self, position: Position) -> None:
        """Go back to a saved position: the same text at the top, at any width
        (:meth:`TextLayout.line_of_position`)."""
        y, anchored = self.text_layout.line_of_position(
            position.section, position.scroll_y, position.anchor
        )
        if anchored:
            self._top = position.anchor  # before the scroll: it reports the position
        self.go_to_line(y)

    @property
    def section_in_view(self) -> str | None:
        """The section the reader is in: the last heading at or above the top line."""
        if self._tail.tail is not None:
            return self._tail.section_at(int(self.scroll_y))
        if self._layout is None:
            return None
        return self._layout.section_at(int(self.scroll_y))

    @property
    def position(self) -> Position:
        return Position(self.section_in_view, int(self.scroll_y), self._anchor())

    def go_to_line(self, y: int) -> None:
        """Put line ``y`` at the top (as near as the end of the text allows), at once.

        ``force`` because the scrollbars are only recomputed on the next refresh after a
        re-wrap, and a key pressed before then must still move the text.

        The virtual size is brought up to date every time, not only when this call
        lays out more: finding a section, quote or anchor far down the article lays the
        text out as far as it, and the height must include those lines before clamping,
        or a jump there ends short of it.
        """
        if (tail := self._tail.tail) is not None and y >= tail.top:
            y = max(tail.top, min(y, self.max_scroll_y))  # within the end shown apart
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
            return
        if tail is not None:
            y = self._leave_tail(y)
        layout = self.text_layout
        if y + self.scrollable_content_region.height > layout.line_count:
            layout.extend_to(y + self.scrollable_content_region.height)
            if self.wait_for_rest is not None and layout.is_complete:
                self._take_rest()  # a screen past the head's text
                layout = self.text_layout
                layout.extend_to(y + self.scrollable_content_region.height)
        self._update_virtual_size()
        y = max(0, min(y, self.max_scroll_y))
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def redraw_lines(self, first: int, last: int) -> None:
        """Draw lines ``first``…``last`` again (their look changed; drop their strips)."""
        for y in range(first, last + 1):
            self._cache.discard(y)
        self.refresh_lines(first, last - first + 1)
        self._after_wrap()  # (a find's step: where the next one goes changed)

    def redraw_all(self) -> None:
        """Draw every line again (the look of any of them may have changed)."""
        self._cache.clear()
        self.refresh()
        self._after_wrap()


__all__ = ["LAYOUT_CHUNK", "MAX_TEXT_WIDTH", "LaidOutText"]
