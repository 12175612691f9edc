"""The article body: a Line API widget that draws only the lines on screen.

A long article is not a widget per paragraph (nor one Markdown widget): the text is
wrapped once per width into a :class:`~reader.ui.text.lines.TextLayout` of character ranges, and
``render_line`` styles just the visible ones as Rich ``Text`` (never markup), caching the
strips until something that changes their look happens (resize, find, a chosen quote, a
theme switch, a mouse selection). So a 5 MB article opens as fast as a short one.

Text can be selected with the mouse and copied (ctrl+c): every strip carries the
(character, line) offsets Textual's selection goes by, and :meth:`ArticleBody.get_selection`
gives the selected text as the article has it, not as it is wrapped.

This module is the widget: drawing, scrolling keys and the messages it posts. Keeping
the text laid out and the reader's place is :mod:`reader.ui.widgets.body_layout` (its
base class); moving between find matches is :mod:`reader.ui.widgets.body_find`;
how a line looks is :mod:`reader.ui.widgets.body_drawing`; what a mouse selection selects
and copies is :mod:`reader.ui.widgets.body_selection`; whether drawn lines still look
right after a style update is :mod:`reader.ui.widgets.body_looks`; drawing ahead the
screens the next keys show is :mod:`reader.ui.widgets.body_predraw`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip

from reader.core.model import Article
from reader.core.state import Position
from reader.ui.key_frame import key_came_on
from reader.ui.lazy_styles import LazyComponentStyles
from reader.ui.text.finder import Match
from reader.ui.text.lines import BlockSource, iter_blocks
from reader.ui.widgets.body_drawing import COMPONENT_CLASSES, draw_text_line, linkable
from reader.ui.widgets.body_find import BodyFind
from reader.ui.widgets.body_focus import FocusEdges
from reader.ui.widgets.body_layout import LAYOUT_CHUNK, MAX_TEXT_WIDTH, LaidOutText
from reader.ui.widgets.body_looks import DrawnLooks
from reader.ui.widgets.body_predraw import Predraw
from reader.ui.widgets.body_rows import KeptRows
from reader.ui.widgets.body_scrollbar import KeptScrollbar
from reader.ui.widgets.body_selection import selected_range, selected_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from reader.core.format.head import End
    from reader.ui.text.lines import TextLayout

#: Lines of context kept above a quote or match the body scrolls to.
CONTEXT_LINES = 3


class ArticleBody(FocusEdges, KeptScrollbar, LazyComponentStyles, LaidOutText, can_focus=True):
    """The article text, wrapped to a readable width and scrolled line by line."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENT_CLASSES)
    """The classes a drawn line is styled by (:mod:`.body_drawing`); in ``reader.tcss``.
    Each is styled when a line first needs it (:mod:`reader.ui.lazy_styles`)."""

    DEFAULT_CSS = """
    ArticleBody {
        overflow-x: hidden;
    }
    """

    class SectionInView(Message):
        """The section at the top of the view changed (by scrolling or jumping), or the
        reader jumped to a section (:meth:`scroll_to_section`)."""

        def __init__(self, body: ArticleBody, section_id: str | None) -> None:
            super().__init__()
            self.body = body
            self.section_id = section_id

        @property
        def control(self) -> ArticleBody:
            return self.body

    class Moved(Message):
        """The view moved (a scroll, a jump), or the text was laid out to its end (the
        share above the view is known only then). A message, not a watch of ``scroll_y``, for
        what shows the reader's place elsewhere (the header's "N of M, x%"): it reaches
        the screen after the body's own repaint, so a key's frame draws the text alone
        and the header follows in a frame of its own (with the TOC's, after
        ``SectionInView``). Drawn in the same frame, the header's row widened the
        region Textual draws to the whole width of the screen: every pane beside the
        text was drawn again, some 2 ms of a 10-12 ms frame (Enter on a quote, 5 MB)."""

        def __init__(self, body: ArticleBody) -> None:
            super().__init__()
            self.body = body

        @property
        def control(self) -> ArticleBody:
            return self.body

    class FindResult(Message):
        """Find-in-text moved: ``index`` (0-based, -1 for none) of ``total`` matches
        (of the text searched so far, if not ``complete``: the rest comes after)."""

        def __init__(
            self, body: ArticleBody, index: int, total: int, *, complete: bool = True
        ) -> None:
            super().__init__()
            self.body = body
            self.index = index
            self.total = total
            self.complete = complete

        @property
        def control(self) -> ArticleBody:
            return self.body

    #: The quote highlighted after the reader chose it in the sidebar.
    chosen_quote: reactive[str | None] = reactive(None, repaint=False)

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
        super().__init__(
            article, initial=initial, max_width=max_width, end=end, id=id, classes=classes
        )
        #: the article's address, a link in terminals that support them (OSC 8)
        self._url = linkable(article.url)
        #: find in text: the matches (block, start, end) and the one the reader is on
        self._find = BodyFind(self, self._source)
        #: the widget's own Rich style, kept between lines (see :attr:`_base_style`)
        self._rich_style: Style | None = None
        #: the text's width while a frame draws its lines (see render_lines)
        self._frame_width: int | None = None
        #: the styles the cached strips were drawn with, and whether they may have
        #: changed since (see notify_style_update)
        self._looks = DrawnLooks()
        self._restyled = True
        self._section: str | None = None
        #: the screens the next move would show, drawn in a quiet moment
        self._predraw = Predraw(self)
        #: the quote Enter would take the reader to now (the quote search's first
        #: match), if known: its screen is drawn ahead too (set by the screen)
        self.quote_ahead: Callable[[], str | None] | None = None
        #: each line's row with the pane's border, kept (Textual's keeps rows by place)
        self.rows = KeptRows()
        self._styles_cache = self.rows

    def _after_lay_out(self) -> Iterator[None]:
        """A long text, once laid out, is folded for find in the same slices: its first
        find (a keystroke in the find bar) then only looks the phrase up. (And the
        screens a move would show can be drawn ahead: the targets are all there.) The
        share of the text above the view is known only now: the header is told."""
        self._predraw.soon()
        self.post_message(self.Moved(self))
        return self._find.state.fold_steps()

    def _after_wrap(self) -> None:
        self._predraw.soon()

    def predraw_target(self, *, whole: bool = True) -> tuple[TextLayout, int, int] | None:
        """(layout, width, height) the screens ahead are drawn for (:mod:`.body_predraw`):
        None while the text is not laid out to its end at this size, the end is shown
        apart, only an article's head is here, or a saved place is still to be restored.
        ``whole`` False: laid out at this size as far as it is (a quote's screen, drawn
        only where :meth:`laid_out_for_good`)."""
        layout = self._layout
        region = self.scrollable_content_region
        if (
            layout is None
            or not self.is_attached
            or self._initial is not None
            or self._tail.tail is not None
            or (whole and (self.wait_for_rest is not None or not layout.is_complete))
            or self._sized != self.size
            or layout.width != self._text_width(region.width)
        ):
            return None
        if self._restyled:
            self._check_looks()  # (as render_line does) the strips kept are of this look
        return layout, region.width, region.height

    def on_unmount(self) -> None:
        self._predraw.stop()

    # -- navigation ------------------------------------------------------------------

    @property
    def page_height(self) -> int:
        """Lines one page moves: a screenful less one line, kept for context."""
        return max(1, self.scrollable_content_region.height - 1)

    # The container's keys, without animation: a reader paging expects the text at once.
    def action_scroll_up(self) -> None:
        self._key_to(int(self.scroll_y) - 1)

    def action_scroll_down(self) -> None:
        self._key_to(int(self.scroll_y) + 1)

    def action_page_up(self) -> None:
        self._key_to(int(self.scroll_y) - self.page_height)

    def action_page_down(self) -> None:
        self._key_to(int(self.scroll_y) + self.page_height)

    def action_scroll_home(self) -> None:
        self._key_to(0)

    def action_scroll_end(self) -> None:
        self._key_to(None)

    def _key_to(self, y: int | None) -> None:
        """Line ``y`` (None: the end) on top, drawn as the screen's moving keys are
        (:mod:`reader.ui.key_frame`): the arrows, PgUp/PgDn, Home and End reach the
        focused body before the screen, and the TOC and header after them waited for
        the update timer's tick (~25 ms after the text, headless)."""
        if y is None:
            self.go_to_end()
        else:
            self.go_to_line(y)
        key_came_on(self)

    def continue_with(self, article: Article, *, extends: bool = True, ends: bool = True) -> None:
        """The whole article, of which the body has the head's text (core.format.head):
        its blocks begin with the head's, so the rest is laid out after what is on
        screen; if not (``extends`` False), the text is laid out again from the whole.
        An end shown apart from the one carried with the head goes on as the whole's
        own (it is the same text), or is made again from the whole (``ends`` False)."""
        layout = self._layout
        self.wait_for_rest = None
        self._tail.article = article
        self._tail.end = None
        if self._tail.tail is not None and not (extends and ends):
            self._tail.tail = None  # it showed what the whole does not say
            self.redraw_all()
            if extends and layout is not None:
                self._tail.enter(layout)  # the whole's own end, where the reader was
        if extends:
            self._source.resume(iter_blocks(article))
            if layout is not None and not self._layout_work.running:
                self._continued = None  # its run had ended with the head's blocks
                # not a slice in this call: the whole's arrival holds the screen
                # enough (and the caller may be leaving the end shown apart, which a
                # layout finished here would have left under it)
                self._lay_out_more(layout, now=False)
            self._find.more_text()  # matches in the rest too
        else:
            query = self.find_query
            self._find.drop()
            self._source = BlockSource(iter_blocks(article))
            self._find = BodyFind(self, self._source)
            self._layout = self._top = None
            self._cache.clear()
            self._wrap(resize=True)
            if query:  # looked for afresh in the text made anew
                self.find(query)

    def go_to_end(self) -> None:
        """Show the end of the article: at once, apart, while the text is still being
        laid out or only its head is here (:mod:`.body_tail`); else from the whole
        layout."""
        if self._tail.end is None:
            self._take_rest()
        layout = self._layout
        laid_out = layout is not None and layout.is_complete and self.wait_for_rest is None
        shown = self._tail.tail is not None
        if not shown and layout is not None and not laid_out and self._tail.enter(layout):
            return
        if shown:  # shown already: its last line
            self.go_to_line(self.max_scroll_y)
            return
        self._take_rest()
        self.text_layout.complete()
        self._update_virtual_size()
        self.go_to_line(self.max_scroll_y)

    def scroll_to_section(self, section_id: str) -> None:
        """Put the heading of ``section_id`` on the top line, and tell the screen the
        section (:class:`SectionInView`): the one now in view if the move changed it, as
        any move does, else the one asked for (the text's end may hold its heading below
        the top line). A message, not a call the screen makes: the header and the TOC
        follow in a frame of their own, after the text's (as :class:`Moved` has them)."""
        told = self._section
        y = self.text_layout.section_line(section_id)
        if y is not None:
            self.go_to_line(y)
        if self._section == told:  # no move, or within the section: not told yet
            self.post_message(self.SectionInView(self, section_id))

    def show_quote(self, quote_id: str) -> bool:
        """Highlight a quote and scroll it into view with a little context above (one
        near the end of a text still being laid out: at once, :mod:`.body_tail`)."""
        laid = self._layout
        lines = None if laid is None else self._tail.quote_lines(laid, quote_id)
        if lines is None:
            lines = self._quote_lines(self.text_layout, quote_id)
            if lines is None:
                return False
        self.chosen_quote = quote_id
        top = self._top_for_quote(lines, int(self.scroll_y))
        if top is not None:
            self.go_to_line(top)
        return True

    @staticmethod
    def _quote_lines(layout: TextLayout, quote_id: str) -> tuple[int, int, int] | None:
        """The lines of a quote's start and end, and of its paragraph's start (laying
        the text out as far as the quote, if need be); None if the text has not got it."""
        where = layout.quote_span(quote_id)
        if where is None:
            return None
        block, start, end = where
        return (
            layout.line_of(block, start),
            layout.line_of(block, max(start, end - 1)),
            layout.block_line[block],
        )

    def _top_for_quote(self, lines: tuple[int, int, int], top: int) -> int | None:
        """The top line that shows a quote at ``lines`` (see :meth:`_quote_lines`) from
        the view at ``top`` (:meth:`reveal`), None if it is on screen already: its
        paragraph from the start if that is near, a little context above it."""
        first, last, paragraph = lines
        height = self.scrollable_content_region.height
        if first - paragraph < height // 2:
            first = paragraph  # show the paragraph from its start: who is speaking, and why
        if top <= first and last < top + height:
            return None
        return first - CONTEXT_LINES

    def expect_quote(self) -> None:
        """``quote_ahead`` has a new answer: draw its screen ahead once the keystroke's
        frame is drawn, the rest once the reader is still (:mod:`.body_predraw`)."""
        self._predraw.expect_quote()

    def laid_out_for_good(self, y: int) -> bool:
        """Whether line ``y`` will say what it says now however much more of the text
        comes: laid out, or below the text's end (the whole's, laid out to it)."""
        layout = self._layout
        if layout is None:
            return False
        return y < layout.line_count or (layout.is_complete and self.wait_for_rest is None)

    def quote_ahead_top(self, layout: TextLayout) -> int | None:
        """Where the quote Enter would go to (``quote_ahead``) puts the top line, if it
        is laid out in ``layout`` and off the screen: :mod:`.body_predraw` draws that
        screen ahead, and the Enter's frame draws only the quote's lines again (its
        highlight: :meth:`watch_chosen_quote`)."""
        ahead = self.quote_ahead() if self.quote_ahead is not None else None
        if ahead is None or ahead == self.chosen_quote or ahead not in layout.quote_spans:
            return None
        lines = self._quote_lines(layout, ahead)
        return None if lines is None else self._top_for_quote(lines, int(self.scroll_y))

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
        self._predraw.soon()
        self.post_message(self.Moved(self))

    def _check_section(self) -> None:
        section = self.section_in_view
        if section != self._section:
            self._section = section
            self.post_message(self.SectionInView(self, section))

    def watch_chosen_quote(self, old: str | None, new: str | None) -> None:
        """Draw again the lines of the quote highlighted before and of the one now, not
        every line: the rest keep their strips, and the screen Enter goes to, drawn
        ahead (:meth:`quote_ahead_top`), is drawn in its frame but for the quote's
        lines. Every line while the end is shown apart (its lines are its own)."""
        layout = self._layout
        if layout is None or self._tail.tail is not None:
            self.redraw_all()
            return
        for quote_id in (old, new):
            if quote_id is None:
                continue
            if quote_id not in layout.quote_spans:
                self.redraw_all()
                return
            lines = self._quote_lines(layout, quote_id)
            assert lines is not None  # laid out
            self.redraw_lines(lines[0], lines[1])

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

    @property
    def find_complete(self) -> bool:
        """Whether every match is counted (else the rest of the text is being searched)."""
        return self._find.complete

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

    # -- rendering -------------------------------------------------------------------

    def selection_updated(self, selection: Selection | None) -> None:
        """The mouse selection changed: redraw, with it."""
        self.redraw_all()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text as the article has it (see :func:`selected_text`)."""
        return selected_text(self._layout, selection)

    def notify_style_update(self) -> None:
        """A theme, class or focus change may restyle every line: the cached strips
        are kept only if the styles they were drawn with are the same
        (:meth:`_check_looks`)."""
        super().notify_style_update()
        self._rich_style = None
        self._restyled = True
        if self.is_mounted:
            self._predraw.soon()  # what is drawn ahead may be in the old look

    def _check_looks(self) -> None:
        """After a style update: drop the cached strips if a style they use changed
        (:mod:`.body_looks`). Checked as the next line is drawn, when Textual has
        styled the component classes again too (it does that after notifying)."""
        self._restyled = False
        selection = self.screen._component_styles.get("screen--selection")
        if not self._looks.still(self._base_style, self._component_styles, selection):
            self._cache.clear()

    def _style_component(self, name: str) -> None:
        super()._style_component(name)
        self._looks.first_used(name, self._component_styles[name])

    @property
    def _base_style(self) -> Style:
        """``rich_style``, kept until the styles change (:meth:`notify_style_update`, where
        Textual drops its component styles too): Textual walks the ancestors on each call,
        ~40% of drawing a line (25 of 63 us on the seed)."""
        if self._rich_style is None:
            self._rich_style = self.rich_style
        return self._rich_style

    def render_lines(self, crop: Region) -> list[Strip]:
        """A frame's lines, at the width the text has in it, worked out once: each
        line asked Textual for it (the region less the border, padding and scrollbars,
        found by a walk up to the screen), 41 times a frame at 160x48."""
        self._frame_width = self.scrollable_content_region.width
        try:
            return super().render_lines(crop)
        finally:
            self._frame_width = None

    def render_line(self, y: int) -> Strip:
        if self._restyled:
            self._check_looks()
        width = self._frame_width
        if width is None:  # a line drawn out of a frame
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
        if (tail := self._tail.tail) is not None:
            if y < tail.top or y - tail.top >= tail.layout.line_count:
                return Strip.blank(width, self._base_style)
            # the end shown apart: its blocks are its own (no find or selection on them)
            layout, y = tail.layout, y - tail.top
        if layout is None:
            return Strip.blank(width, self._base_style)
        selection = None if tail is not None else self.text_selection
        return draw_text_line(
            layout,
            y,
            width,
            base=self._base_style,
            style=self.get_component_rich_style,
            console=self.app.console,
            url=self._url,
            chosen_quote=self.chosen_quote,
            matches=[] if tail is not None else self._find.state.matches,
            current_match=None if tail is not None else self.current_match(),
            selected=None if selection is None else selected_range(layout, selection, y),
            selection_style=lambda: self.screen.get_component_rich_style("screen--selection"),
        )


__all__ = ["LAYOUT_CHUNK", "MAX_TEXT_WIDTH", "ArticleBody"]
