"""How the quote sidebar draws an entry: text with a hanging indent, clamped, measured cheaply.

The sidebar's lists hold thousands of entries; ``OptionList`` measures every one and
draws only those on screen. :class:`QuoteBlock` is the ``Visual`` each entry is: it knows
its height from plain text (:func:`reader.ui.text.wrap.wrap_lines`, the body's wrapper,
or the text's length for a clamped preview) and styles itself only when drawn. The
speaker labels and highlighted matches are built here too, from plain strings, so
article text is never markup.

Styles live in ``styles/reader.tcss`` (the "quote sidebar" block), including the
component classes below, so the app's theme decides how matches and names look.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from rich.cells import cell_len, get_character_cell_size
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from reader.core.model import Quote, Speaker
from reader.core.search import find_spans
from reader.ui.text.wrap import wrap_lines

#: How many lines of a quote the list shows while not searching. Enough to recognise
#: a quote; the whole text is one Enter away, in the article.
PREVIEW_LINES = 3

# Component class names, resolved at render time (a ``.name`` style in a Content span
# is looked up on the widget's ancestors), so a theme switch restyles without rebuilds.
MATCH = "quote-sidebar--match"
NAME = "quote-sidebar--name"
ROLE = "quote-sidebar--role"
COUNT = "quote-sidebar--count"
ACTIVE = "quote-sidebar--active"
ATTRIBUTION = "quote-sidebar--attribution"
#: Every component class above: the sidebar's ``COMPONENT_CLASSES``.
COMPONENT_CLASSES = frozenset({MATCH, NAME, ROLE, COUNT, ACTIVE, ATTRIBUTION})
ATTRIBUTION_PREFIX = "   — "
NO_MARKER = Content("")
DIRECT_MARKER = Content(" “")
REPORTED_MARKER = Content("  ")


def _narrow(text: str) -> bool:
    """True when every character takes one cell, so ``len`` measures cells exactly."""
    if text.isascii():
        return True
    if "\u200d" in text or "\ufe0f" in text:  # joiners and emoji selectors change widths
        return False
    return all(get_character_cell_size(character) == 1 for character in set(text))


#: Whitespace other than single spaces: where a line span may be longer than its line.
_IRREGULAR_SPACE = re.compile(r"\s\s|[^\S ]")


def is_regular(text: str) -> bool:
    """True when ``text`` is one paragraph of one-cell characters and single spaces.

    Then each wrapped line spans at most ``width + 1`` characters (its cells and the
    one space the break swallowed), so a text longer than ``n * (width + 1)`` certainly
    takes more than ``n`` lines: a clamped preview's height is known without wrapping.
    """
    return _narrow(text) and _IRREGULAR_SPACE.search(text) is None


class BlockText:
    """The text of a block, and how many lines it took at the width last measured.

    A plain class with slots, not a dataclass: each dataclass (made with slots, a
    second class) cost ~0.5 ms of the sidebar's import, which an early "/" waits for.
    """

    __slots__ = ("lines", "regular", "text", "width")

    def __init__(self, text: str, regular: bool = False, width: int = 0, lines: int = 0) -> None:
        #: what the block shows (before its suffix): what its lines are measured on
        self.text = text
        #: whether ``text`` passes :func:`is_regular` (a long preview then skips wrapping)
        self.regular = regular
        #: the width the text was last measured at (0: never)
        self.width = width
        #: how many lines it took there (before any clamp)
        self.lines = lines


class Look:
    """How a block is set around its text: one per speaker, kind and search in a list
    (a plain class with slots: see :class:`BlockText`; never changed once made)."""

    __slots__ = ("footer_cells", "footer_plain", "marker", "max_lines", "suffix")

    def __init__(
        self,
        marker: Content = NO_MARKER,
        suffix: str = "",
        footer_plain: str | None = None,
        footer_cells: int | None = None,
        max_lines: int | None = None,
    ) -> None:
        #: before the first line; the lines after it hang under the text
        self.marker = marker
        #: after the text (a closing quote mark)
        self.suffix = suffix
        #: the line(s) under the text (who said it)
        self.footer_plain = footer_plain
        #: the footer's width in cells when it is one line (lets the height skip wrapping)
        self.footer_cells = footer_cells
        #: the text's lines shown at most, the last cut with "…" (None: all)
        self.max_lines = max_lines


class Measured(Protocol):
    """A block's text and its measure (:class:`BlockText`, the sidebar's QuoteEntry)."""

    text: str
    regular: bool
    width: int
    lines: int


#: Makes a block's styled text and footer, from the block's ``source`` and ``query``.
Build = Callable[[Any, str], tuple[Content, Content | None]]


class QuoteBlock(Visual):
    """Text with a hanging indent, optionally cut to a few lines with "…", and a footer.

    ``Content`` alone can wrap but neither hang its continuation lines under a marker
    ("● ", an opening quote mark) nor stop after N lines, and where lines break depends
    on the width the list gets, so this is done at render time.

    ``OptionList`` measures every option it is given but draws only the visible ones.
    So a block measures from plain text: a clamped preview of a long, regular text
    (most quotes) knows its height from its length alone; other texts are wrapped once
    per width and only their line count kept (in ``text``, which the sidebar keeps per
    quote, so searching never re-wraps a quote already measured). ``build(source,
    query)`` makes the styled ``Content`` only when the block is first drawn: a list of
    thousands of quotes then wraps and styles just the screenful in view.

    The list holds a block per quote (11,000 for a 5 MB article), so a block keeps four
    references: its text, its look (shared by every quote of a speaker), its build
    function and its source (the quote's entry) and query; what is drawn is added when
    it is.
    """

    _styled: tuple[Content, Content | None] | None = None
    _laid_out: tuple[int, Content] | None = None

    def __init__(
        self, text: Measured, look: Look, build: Build, source: object, query: str = ""
    ) -> None:
        self._text = text
        self._look = look
        self._build = build
        self._source = source
        self._query = query

    @property
    def _plain(self) -> str:
        """The whole text shown (made when needed: wrapping, widths)."""
        suffix = self._look.suffix
        return self._text.text + suffix if suffix else self._text.text

    @classmethod
    def of(cls, body: Content, *, marker: Content | str = "") -> QuoteBlock:
        """A block for Content that is already styled (short texts such as labels)."""
        look = Look(marker=Content(marker) if isinstance(marker, str) else marker)
        return cls(BlockText(body.plain), look, _as_is, body)

    def _body_lines(self, width: int) -> int:
        """How many lines the text takes at ``width`` cells (before the clamp)."""
        text = self._text
        if text.width != width:
            text.lines = len(wrap_lines(self._plain, width - self._look.marker.cell_length))
            text.width = width
        return text.lines

    def _footer_lines(self, width: int) -> int:
        look = self._look
        if look.footer_plain is None:
            return 0
        if look.footer_cells is not None and look.footer_cells <= width:
            return 1
        return len(wrap_lines(look.footer_plain, width))

    def _layout(self, width: int) -> Content:
        """The whole block laid out for ``width`` cells, one Content line per row."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        if self._styled is None:
            self._styled = self._build(self._source, self._query)
        body, footer = self._styled
        look = self._look
        marker = look.marker
        plain = self._plain
        body_lines = wrap_lines(plain, width - marker.cell_length)
        if look.max_lines is not None:
            body_lines = body_lines[: look.max_lines]
        text_width = max(width - marker.cell_length, 1)
        hang = Content(" " * marker.cell_length)
        rows: list[Content] = []
        for row, (start, end) in enumerate(body_lines):
            line = body[start:end].rstrip()
            if row == len(body_lines) - 1 and end < len(plain.rstrip()):
                # Clamped: say so where the text stops.
                if line.cell_length >= text_width:
                    line = line.truncate(text_width - 1)
                line += "…"
            rows.append((marker if row == 0 else hang) + line)
        if footer is not None and look.footer_plain is not None:
            for start, end in wrap_lines(look.footer_plain, width):
                rows.append(footer[start:end].rstrip())
        laid_out = Content("\n").join(rows)
        self._laid_out = (width, laid_out)
        return laid_out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._layout(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        texts = [self._plain, self._look.footer_plain or ""]
        widest = max(cell_len(line) for text in texts for line in text.split("\n"))
        return self._look.marker.cell_length + widest

    def get_minimal_width(self, rules: RulesMap) -> int:
        longest = max((cell_len(word) for word in self._plain.split()), default=0)
        return self._look.marker.cell_length + longest

    def get_height(self, rules: RulesMap, width: int) -> int:
        look = self._look
        clamp = look.max_lines
        if (
            clamp is not None
            and self._text.regular
            and len(self._text.text) + len(look.suffix)
            > clamp * (max(width - look.marker.cell_length, 1) + 1)
        ):
            # Certainly more lines than the preview shows: no need to wrap to know.
            if look.footer_plain is None:
                return clamp
            if look.footer_cells is not None and look.footer_cells <= width:
                return clamp + 1
        body = self._body_lines(width)
        if clamp is not None:
            body = min(body, clamp)
        return body + self._footer_lines(width)


def _as_is(body: Content, query: str) -> tuple[Content, Content | None]:
    """The build of a block made of styled Content (:meth:`QuoteBlock.of`)."""
    return body, None


def highlighted(text: str, query: str, style: str = "") -> Content:
    """``text`` as plain Content in ``style``, with every word of ``query`` marked."""
    content = Content.styled(text, style) if style else Content(text)
    for start, end in find_spans(text, query) if query else ():
        content = content.stylize(f".{MATCH}", start, end)
    return content


def speaker_label(
    speaker: Speaker, count: int, query: str = "", *, partial: bool = False
) -> Content:
    """``Name — Role (count)``, with the parts styled separately so a theme can tell them
    apart; ``(count+)`` when more quotes are still to come (only a head is listed)."""
    label = highlighted(speaker.name, query, f".{NAME}")
    if speaker.role:
        label += Content(" — ") + highlighted(speaker.role, query, f".{ROLE}")
    more = "+" if partial else ""
    return label + Content.styled(f" ({count}{more})", f".{COUNT}")


class QuoteEntry:
    """One quote with what the sidebar needs to show it, prepared when first listed
    (a plain class with slots: see :class:`BlockText`)."""

    __slots__ = ("lines", "quote", "regular", "speaker", "text", "width")

    def __init__(
        self,
        quote: Quote,
        speaker: Speaker,
        text: str,
        regular: bool,
        width: int = 0,
        lines: int = 0,
    ) -> None:
        self.quote = quote
        self.speaker = speaker
        #: the quote's text as shown: what the line breaks and highlights are measured on
        self.text = text
        #: whether ``text`` is one paragraph of one-cell characters and single spaces
        self.regular = regular
        #: the width the quote was last measured at (0: never), for every search
        self.width = width
        #: how many lines its text (with its closing mark) took there
        self.lines = lines


def quote_look(speaker: Speaker, direct: bool, searching: bool) -> Look:
    """How the quotes of one speaker and kind are set: a closing mark and a marker for
    direct speech, the speaker's name under each, and clamped to a preview unless
    searching (the matched word may be past the preview lines)."""
    footer = ATTRIBUTION_PREFIX + speaker.name
    return Look(
        marker=DIRECT_MARKER if direct else REPORTED_MARKER,
        suffix="”" if direct else "",
        footer_plain=footer,
        footer_cells=cell_len(footer) if "\n" not in footer else None,
        max_lines=None if searching else PREVIEW_LINES,
    )


def quote_prompt(entry: QuoteEntry, query: str, look: Look) -> QuoteBlock:
    """The list entry for one quote; highlighted while searching. ``look`` is
    :func:`quote_look` of its speaker, kind and search."""
    return QuoteBlock(entry, look, _styled_prompt, entry, query)


def _styled_prompt(entry: QuoteEntry, query: str) -> tuple[Content, Content]:
    """A quote's list entry as styled Content: its text, then who said it."""
    text = highlighted(entry.text, query)
    # Reported speech has no quote marks, so it is set apart by slant instead.
    body = text + "”" if entry.quote.kind == "direct" else text.stylize_before("italic")
    name = highlighted(entry.speaker.name, query, f".{ATTRIBUTION}")
    return body, Content.styled(ATTRIBUTION_PREFIX, f".{ATTRIBUTION}") + name


def speaker_row(
    speaker: Speaker | None, count: int, *, active: bool, partial: bool = False
) -> QuoteBlock:
    """A row of the speaker filter (``None``: "All speakers"), marked when it is active;
    its count marked (``+``) when more quotes are still to come."""
    if speaker is None:
        # "(9)" beside "All speakers" read as nine speakers: say what is counted
        more = "+" if partial else ""
        label = Content.styled("All speakers", f".{NAME}") + Content.styled(
            f" · {count}{more} quote" + ("" if count == 1 and not partial else "s"), f".{COUNT}"
        )
    else:
        label = speaker_label(speaker, count, partial=partial)
    marker = Content.styled("● ", f".{ACTIVE}") if active else "  "
    return QuoteBlock.of(label, marker=marker)
