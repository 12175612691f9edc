"""The article body: a Line API widget that draws only the lines on screen.

A long article is not a widget per paragraph (nor one Markdown widget): the text is
wrapped once per width into a :class:`~reader.ui.text.lines.TextLayout` of character ranges, and
``render_line`` styles just the visible ones as Rich ``Text`` (never markup), caching the
strips until something that changes their look happens (resize, find, a chosen quote, a
theme switch, a mouse selection). So a 5 MB article opens as fast as a short one.

Text can be selected with the mouse and copied (ctrl+c): every strip carries the
(character, line) offsets Textual's selection goes by, and :meth:`ArticleBody.get_selection`
gives the selected text as the article has it, not as it is wrapped.

This module is the widget: wrapping, scrolling, keeping the reader's place and the
messages it posts. Moving between find matches is :mod:`reader.ui.widgets.body_find`;
how a line looks is :mod:`reader.ui.widgets.body_drawing`; what a mouse selection selects
and copies is :mod:`reader.ui.widgets.body_selection`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.core.model import Article
from reader.core.state import Position
from reader.ui.sliced import SlicedWork
from reader.ui.text.finder import Match
from reader.ui.text.lines import BlockSource, TextLayout, iter_blocks
from reader.ui.widgets.body_drawing import COMPONENT_CLASSES, GUTTER, draw_text_line, linkable
from reader.ui.widgets.body_find import BodyFind
from reader.ui.widgets.body_selection import selected_range, selected_text

#: The widest the text column gets: a comfortable reading measure.
MAX_TEXT_WIDTH = 76
#: Blocks wrapped between looks at the clock while a long article is laid out (a
#: slice of the layout lasts about ``sliced.SLICE``, then keys and paints get through).
LAYOUT_CHUNK = 64
#: Lines of context kept above a quote or match the body scrolls to.
CONTEXT_LINES = 3


class ArticleBody(ScrollView, can_focus=True):
    """The article text, wrapped to a readable width and scrolled line by line."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENT_CLASSES)
    """The classes a drawn line is styled by (:mod:`.body_drawing`); in ``reader.tcss``."""

    DEFAULT_CSS = """
    ArticleBody {
        overflow-x: hidden;
    }
    """

    class SectionInView(Message):
        """The section at the top of the view changed (by scrolling or jumping)."""

        def __init__(self, body: ArticleBody, section_id: str | None) -> None:
            super().__init__()
            self.body = body
            self.section_id = section_id

        @property
        def control(self) -> ArticleBody:
            return self.body

    class FindResult(Message):
        """Find-in-text moved: ``index`` (0-based, -1 for none) of ``total`` matches."""

        def __init__(self, body: ArticleBody, index: int, total: int) -> None:
            super().__init__()
            self.body = body
            self.index = index
            self.total = total

        @property
        def control(self) -> ArticleBody:
            return self.body

    #: The quote highlighted after the reader chose it in the sidebar.
    chosen_quote: reactive[str | None] = reactive(None)
    #: ``layout=False``: Widget's own laid the screen out again at each slice of the
    #: text laid out after the first paint (a 15-50 ms frame at 160x48, holding back a
    #: key); only the scrollbar depends on it (:meth:`_update_virtual_size`).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(
        self,
        article: Article,
        *,
        initial: Position | None = None,
        max_width: int = MAX_TEXT_WIDTH,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._max_width = max_width
        self._source = BlockSource(iter_blocks(article))
        #: the article's address, a link in terminals that support them (OSC 8)
        self._url = linkable(article.url)
        #: find in text: the matches (block, start, end) and the one the reader is on
        self._find = BodyFind(self, self._source.blocks)
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
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        #: the widget's own Rich style, kept between lines (see :attr:`_base_style`)
        self._rich_style: Style | None = None
        self._section: str | None = None
        #: set (by the screen) while the body has only an article's head: brings the
        #: whole (:meth:`continue_with`) before a move past the head's text
        self.wait_for_rest: Callable[[], None] | None = None

    # -- layout ----------------------------------------------------------------------

    @property
    def text_layout(self) -> TextLayout:
        """The current layout (made on the first resize; more of it as needed)."""
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

    def _wrap(self, *, resize: bool = False) -> None:
        """Wrap the text for the current width (if it is not already), keeping the place.

        Called on resize, and by the first :meth:`render_line`: Textual paints a new
        widget before its Resize event is handled, and the text must be in that very
        first frame, not in one a moment later. (Not when a saved position is to be
        restored: during that first paint the scroll limits are not yet the widget's,
        and the place would be clamped; the resize that follows restores it.)
        """
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

    def continue_with(self, article: Article, *, extends: bool = True) -> None:
        """The whole article, of which the body has the head's text (core.format.head):
        its blocks begin with the head's, so the rest is laid out after what is on
        screen; if not (``extends`` False), the text is laid out again from the whole."""
        layout = self._layout
        self.wait_for_rest = None
        if extends:
            self._source.resume(iter_blocks(article))
            if layout is not None and not self._layout_work.running:
                self._continued = None  # its run had ended with the head's blocks
                self._lay_out_more(layout)
        else:
            self._source = BlockSource(iter_blocks(article))
            self._find = BodyFind(self, self._source.blocks)
            self._layout = self._top = None
            self._cache.clear()
            self._wrap(resize=True)
        if self.find_query:  # matches in the rest too
            self.find(self.find_query)

    def _take_rest(self) -> None:
        wait, self.wait_for_rest = self.wait_for_rest, None
        if wait is not None:
            wait()

    def _lay_out_more(self, layout: TextLayout) -> None:
        """Wrap the rest of a long article after the first paint, in slices
        (:mod:`reader.ui.sliced`: keys and paints get through in between)."""
        if layout is self._layout and self._continued is not layout:
            self._continued = layout  # one continuation per layout, however often asked
            self._layout_work.start(self._lay_out_steps(layout))

    def _lay_out_steps(self, layout: TextLayout) -> Iterator[None]:
        chunks = 0
        while layout is self._layout and not layout.extend(LAYOUT_CHUNK):
            chunks += 1
            if chunks % 16 == 0:
                self._update_virtual_size()  # the scrollbar grows as the text does
            yield
        if layout is self._layout:
            self._update_virtual_size()

    def _anchor(self) -> tuple[int, int] | None:
        """The block and character at the top of the view, to keep it there on re-wrap.

        The character, not the line's start: after a jump to a character (a restored
        position) or a re-wrap, the line start would creep back a little with every
        further re-wrap. It moves only when the reader scrolls (``watch_scroll_y``).
        """
        return self._top if self._top is not None else self._line_anchor()

    def _line_anchor(self) -> tuple[int, int] | None:
        """The block and character starting the top line of the view."""
        layout = self._layout
        if layout is None or not layout.line_count:
            return None
        line = layout.line(min(int(self.scroll_y), layout.line_count - 1))
        return line.block, line.start

    def _update_virtual_size(self) -> None:
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

    # -- navigation ------------------------------------------------------------------

    @property
    def section_in_view(self) -> str | None:
        """The section the reader is in: the last heading at or above the top line."""
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

    @property
    def page_height(self) -> int:
        """Lines one page moves: a screenful less one line, kept for context."""
        return max(1, self.scrollable_content_region.height - 1)

    # The container's keys, without animation: a reader paging expects the text at once.
    def action_scroll_up(self) -> None:
        self.go_to_line(int(self.scroll_y) - 1)

    def action_scroll_down(self) -> None:
        self.go_to_line(int(self.scroll_y) + 1)

    def action_page_up(self) -> None:
        self.go_to_line(int(self.scroll_y) - self.page_height)

    def action_page_down(self) -> None:
        self.go_to_line(int(self.scroll_y) + self.page_height)

    def action_scroll_home(self) -> None:
        self.go_to_line(0)

    def action_scroll_end(self) -> None:
        self.go_to_end()

    def go_to_end(self) -> None:
        """Show the end of the article (laying all of it out first)."""
        self._take_rest()
        self.text_layout.complete()
        self._update_virtual_size()
        self.go_to_line(self.max_scroll_y)

    def scroll_to_section(self, section_id: str) -> None:
        """Put the heading of ``section_id`` on the top line."""
        y = self.text_layout.section_line(section_id)
        if y is not None:
            self.go_to_line(y)

    def show_quote(self, quote_id: str) -> bool:
        """Highlight a quote and scroll it into view with a little context above."""
        where = self.text_layout.quote_span(quote_id)
        if where is None:
            return False
        self.chosen_quote = quote_id
        layout = self.text_layout
        block, start, end = where
        first, last = layout.line_of(block, start), layout.line_of(block, max(start, end - 1))
        paragraph = layout.block_line[block]
        if first - paragraph < self.scrollable_content_region.height // 2:
            first = paragraph  # show the paragraph from its start: who is speaking, and why
        self.reveal(first, last)
        return True

    def line_of_quote(self, quote_id: str) -> int | None:
        where = self.text_layout.quote_span(quote_id)
        return None if where is None else self.text_layout.line_of(where[0], where[1])

    def line_of_section(self, section_id: str) -> int | None:
        return self.text_layout.section_line(section_id)

    def reveal(self, first: int, last: int) -> None:
        """Make lines ``first``…``last`` visible; if they are not, bring them in near the top.

        Nothing moves when they are already on screen, so stepping through matches on one
        screen keeps the reader's eye where it is.
        """
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if not (top <= first and last < top + height):
            self.go_to_line(first - CONTEXT_LINES)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._sized == self.size:  # the reader scrolled (not a resize's clamping)
            self._top = self._line_anchor()
        self._check_section()

    def _check_section(self) -> None:
        section = self.section_in_view
        if section != self._section:
            self._section = section
            self.post_message(self.SectionInView(self, section))

    def watch_chosen_quote(self) -> None:
        self.redraw_all()

    # -- find in text (:mod:`.body_find`) ------------------------------------------

    @property
    def find_query(self) -> str:
        return self._find.state.query

    @property
    def match_count(self) -> int:
        return len(self._find.state.matches)

    @property
    def match_index(self) -> int:
        return self._find.state.index

    def current_match(self) -> Match | None:
        """The match the reader is on, as (block, start, end), if any."""
        return self._find.state.current()

    def find(self, query: str) -> int:
        """Highlight every match of ``query`` and go to the first at or after the view."""
        return self._find.find(query)

    def find_step(self, step: int) -> None:
        """Go to the next (``step=1``) or previous (``-1``) match, wrapping around."""
        self._find.step(step)

    def clear_find(self) -> None:
        self._find.find("")

    def redraw_lines(self, first: int, last: int) -> None:
        """Draw lines ``first``…``last`` again (their look changed; drop their strips)."""
        for y in range(first, last + 1):
            self._cache.discard(y)
        self.refresh_lines(first, last - first + 1)

    def redraw_all(self) -> None:
        """Draw every line again (the look of any of them may have changed)."""
        self._cache.clear()
        self.refresh()

    # -- rendering -------------------------------------------------------------------

    def selection_updated(self, selection: Selection | None) -> None:
        """The mouse selection changed: redraw, with it."""
        self.redraw_all()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text as the article has it (see :func:`selected_text`)."""
        return selected_text(self._layout, selection)

    def notify_style_update(self) -> None:
        """A theme or class change restyles every line: drop the cached strips and style."""
        super().notify_style_update()
        self._cache.clear()
        self._rich_style = None

    @property
    def _base_style(self) -> Style:
        """``rich_style``, kept until the styles change (:meth:`notify_style_update`, where
        Textual drops its component styles too): Textual walks the ancestors on each call,
        ~40% of drawing a line (25 of 63 us on the seed)."""
        if self._rich_style is None:
            self._rich_style = self.rich_style
        return self._rich_style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._layout
        if self._initial is None and (
            layout is None or not layout.line_count or layout.width != self._text_width(width)
        ):
            # (a saved position is restored on resize, once the scroll limits are known)
            self._wrap()
        line_y = int(self.scroll_y) + y
        strip = self._cache.get(line_y)
        if strip is None or strip.cell_length != width:
            strip = self._render_text_line(line_y, width)
            self._cache[line_y] = strip
        return strip

    def _render_text_line(self, y: int, width: int) -> Strip:
        layout = self._layout
        if layout is None:
            return Strip.blank(width, self._base_style)
        selection = self.text_selection
        return draw_text_line(
            layout,
            y,
            width,
            base=self._base_style,
            style=self.get_component_rich_style,
            console=self.app.console,
            url=self._url,
            chosen_quote=self.chosen_quote,
            matches=self._find.state.matches,
            current_match=self.current_match(),
            selected=None if selection is None else selected_range(layout, selection, y),
            selection_style=lambda: self.screen.get_component_rich_style("screen--selection"),
        )


__all__ = ["ArticleBody"]
