"""The table of contents: one entry per section, following what the reader has in view."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from rich.cells import cell_len
from rich.segment import Segment
from textual import on
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.core.model import Article, Section
from reader.ui.sliced import SlicedWork
from reader.ui.text.lines import section_label
from reader.ui.text.wrap import wrap_offsets
from reader.ui.widgets.cursor_list import CursorList

#: Up to this many sections the TOC is built with the screen; more are added after it.
EAGER_ENTRIES = 200
#: Entries added to a long TOC at a time (between looks at the clock).
FILL_CHUNK = 100
#: The style of an entry's number, made here: asked for by name ("dim"), it was the
#: first style text parsed, which tokenized every variable of the theme first (~0.8 ms
#: of the seed's first paint).
_DIM = Style(dim=True)


class SectionList(CursorList):
    """Sections of the article; Enter or a click asks to jump to one.

    ``current`` is the section in view. The screen binds it (``data_bind``), so the
    highlight follows the scroll without this widget knowing about the body.
    """

    class SectionChosen(Message):
        """The reader chose a section to jump to."""

        def __init__(self, section_list: SectionList, section_id: str) -> None:
            super().__init__()
            self.section_list = section_list
            self.section_id = section_id

        @property
        def control(self) -> SectionList:
            return self.section_list

    #: ``repaint=False``: it only moves the highlight, which draws what it changes.
    current: reactive[str | None] = reactive(None, repaint=False)
    #: ``repaint=False``: the highlight follows the scroll, and OptionList redrew the
    #: whole list for it; a frame with every row of the TOC in it costs the compositor
    #: every row of the screen (~15 ms of a key that crossed a heading). Only the
    #: entries it leaves and reaches are drawn again (:meth:`_watch_highlighted`).
    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def __init__(
        self, article: Article, *, untitled: str, id: str | None = None, classes: str | None = None
    ) -> None:
        # OptionList measures every entry up front; thousands of them would hold up
        # the first paint of the article, so a long TOC is made and filled in just after
        # it (making its entries alone took ~10 ms for 5,000 sections).
        eager = len(article.sections) <= EAGER_ENTRIES
        entries = _options(article.sections, untitled) if eager else ()
        super().__init__(*entries, id=id, classes=classes)
        self._untitled = untitled
        #: (article, untitled label) of a TOC filled in after the first paint
        self._deferred: tuple[Article, str] | None = None if eager else (article, untitled)
        self._work = SlicedWork(self, group="toc")
        #: a line below the last entry, for this frame (see :meth:`render_line`)
        self._blank: Strip | None = None

    @property
    def filled(self) -> bool:
        """Whether every section is listed (a long TOC is filled after the first paint)."""
        return self._deferred is None

    def continue_with(self, article: Article, *, extends: bool = True) -> None:
        """The whole article, of which the list has the head's sections: add the rest
        (all of them again if it does not begin with that head)."""
        if self._deferred is not None and not self._work.running:
            self._deferred = (article, self._untitled)  # not filled in yet: the whole
            return
        self._work.finish()  # a head's long list still being filled in
        start = self.option_count if extends else 0  # (else listed again, from the first)
        rows = self.scrollable_content_region.height
        if extends and start < rows:
            # what the view has room for now, a frame's worth (~40 entries, under a
            # millisecond): the TOC is drawn whole in the arrival's next frame, not
            # in whichever frame its first slice comes before (a later key's)
            end = min(len(article.sections), rows)
            self.add_options(_options(article.sections[start:end], self._untitled, start + 1))
            start = max(start, end)
            if self.highlighted is None:
                self.watch_current(self.current)  # the section in view, if listed now
        # the rest in slices, none of them now (the whole's arrival holds the screen
        # enough): the whole of a 5 MB article adds some 4,800 entries
        self._deferred = (article, self._untitled)
        steps = self._fill_steps(article, self._untitled, start, again=not extends)
        self._work.start(steps, now=False)

    def on_mount(self) -> None:
        if self._deferred is not None:
            self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """List a long TOC's sections after the first paint, in slices (:mod:`.sliced`):
        measuring 5,000 entries in one go held the app up for 25-50 ms."""
        if self._deferred is not None and not self._work.running:
            self._work.start(self._fill_steps(*self._deferred))

    def _fill_steps(
        self, article: Article, untitled: str, begin: int = 0, *, again: bool = False
    ) -> Iterator[None]:
        """``again``: the entries listed so far go as the first new ones come (not
        before: the list is never drawn empty meanwhile)."""
        if again:
            self.clear_options()
        sections = article.sections
        for start in range(begin, len(sections), FILL_CHUNK):
            if start > begin:
                yield  # between chunks: the list is whole as soon as the last is in
            chunk = sections[start : start + FILL_CHUNK]
            self.add_options(_options(chunk, untitled, first=start + 1))
            if self.highlighted is None:
                self.watch_current(self.current)  # the section in view, once it is listed
        self._deferred = None
        self.watch_current(self.current)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._blank = None  # its width and style are this frame's
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A line below the last entry is one blank strip, made once a frame.

        ``OptionList`` looks its lines over again for every line it draws (``_lines``):
        ~40 us a line, and most of a short TOC's height is below its entries (the
        TOC's share of the seed's first paint was 3.3 ms at 160x48, for 4 entries).
        """
        lines = self._line_cache.lines
        measured = bool(lines) and lines[-1][0] == len(self.options) - 1  # every entry
        if measured and self.scroll_offset.y + y >= len(lines):
            blank = self._blank
            if blank is None:
                style = self.get_visual_style("option-list--option").rich_style
                blank = self._blank = Strip.blank(self.scrollable_content_region.width, style)
            return blank
        return super().render_line(y)

    def _watch_highlighted(self, old: int | None, new: int | None) -> None:
        """Draw again the entries the highlight left and reached (OptionList's own
        ``watch_highlighted`` scrolls to it, which redraws the rest if it moves)."""
        for index in (old, new):
            line = None if index is None else self._index_to_line.get(index)
            if index is not None and line is not None:
                self.refresh_lines(line, self._heights[index])

    def watch_current(self, section_id: str | None) -> None:
        if section_id is None:
            return
        try:
            index = self.get_option_index(section_id)
        except OptionDoesNotExist:
            # not listed (yet: a long TOC is filled after paint; an article's end shown
            # before its whole is read): no entry is the one in view, so none is lit
            index = None
        if self.highlighted != index:
            self.highlighted = index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SectionChosen(self, event.option.id))


def _options(sections: Sequence[Section], untitled: str, first: int = 1) -> list[Option]:
    """The entries of ``sections``, numbered from ``first``."""
    return [
        Option(_Entry(number, section_label(section, untitled)), id=section.id)
        for number, section in enumerate(sections, start=first)
    ]


class _Entry(Visual):
    """A numbered TOC entry whose heading wraps under itself, not under its number.

    The number is the digit key that jumps there. Wrapping is the body's own cheap
    line breaking, cached per width: ``OptionList`` measures every entry up front.
    """

    INDENT = 2

    def __init__(self, number: int, label: str) -> None:
        self._key = (str(number) if number <= 9 else "").ljust(self.INDENT)
        self._label = label
        self._cache: tuple[int, list[str]] | None = None

    def __str__(self) -> str:
        return f"{self._key}{self._label}"

    def _lines(self, width: int) -> list[str]:
        if self._cache is None or self._cache[0] != width:
            text = self._label
            offsets = [0, *wrap_offsets(text, max(1, width - self.INDENT)), len(text)]
            lines = [text[a:b].rstrip() for a, b in pairwise(offsets)]
            self._cache = (width, lines)
        return self._cache[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.INDENT + cell_len(self._label)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The entry's lines, as :meth:`content_strips` draws them, made directly.

        Textual's ``Content`` wraps the lines again, splits them into spans and styles
        each one: ~0.6 ms an entry, before the first paint. A plain entry (no mouse
        selection, left-aligned, lines that fit) is two segments a line, styled
        exactly as ``Content`` styles them (tests/ui/test_section_list.py compares the
        two); anything else is drawn by ``Content``.
        """
        lines = self._lines(width)
        rules = options.rules
        if (
            options.selection is not None
            or options.post_style is not None
            or rules.get("text_align", "left") not in ("left", "start")
            or rules.get("line_pad", 0)
            or self.INDENT + max(cell_len(line) for line in lines) > width
        ):
            return self.content_strips(width, height, style, options)
        key_style = style + _DIM
        text_style = style + style
        strips = []
        for y, line in enumerate(lines if height is None else lines[:height]):
            segments = [
                Segment(
                    self._key if y == 0 else " " * self.INDENT,
                    (style + key_style).rich_style_with_offset(0, y),
                )
            ]
            if line:
                segments.append(Segment(line, text_style.rich_style_with_offset(self.INDENT, y)))
            strips.append(Strip(segments, self.INDENT + cell_len(line)))
        return strips

    def content_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The entry drawn by Textual's ``Content``: the number dim, the heading plain."""
        rows = [
            Content.assemble((self._key if i == 0 else " " * self.INDENT, "dim"), line)
            for i, line in enumerate(self._lines(width))
        ]
        return Content("\n").join(rows).render_strips(width, height, style, options)
