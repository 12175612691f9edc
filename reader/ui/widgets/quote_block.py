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
from dataclasses import dataclass, field
from functools import partial

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
DIRECT_MARKER = Content(" “")
REPORTED_MARKER = Content("  ")


def _narrow(text: str) -> bool:
    """True when every character takes one cell, so ``len`` measures cells exactly."""
    if text.isascii():
        return True
    if "\u200d" in text or "\ufe0f" in text:  # joiners and emoji selectors change widths
        return False
    return all(get_character_cell_size(character) == 1 for character in set(text))


Lines = list[tuple[int, int]]
"""Line spans, as ``wrap_lines`` returns them."""


#: Whitespace other than single spaces: where a line span may be longer than its line.
_IRREGULAR_SPACE = re.compile(r"\s\s|[^\S ]")


def is_regular(text: str) -> bool:
    """True when ``text`` is one paragraph of one-cell characters and single spaces.

    Then each wrapped line spans at most ``width + 1`` characters (its cells and the
    one space the break swallowed), so a text longer than ``n * (width + 1)`` certainly
    takes more than ``n`` lines: a clamped preview's height is known without wrapping.
    """
    return _narrow(text) and _IRREGULAR_SPACE.search(text) is None


class QuoteBlock(Visual):
    """Text with a hanging indent, optionally cut to a few lines with "…", and a footer.

    ``Content`` alone can wrap but neither hang its continuation lines under a marker
    ("● ", an opening quote mark) nor stop after N lines, and where lines break depends
    on the width the list gets, so this is done at render time.

    ``OptionList`` measures every option it is given but draws only the visible ones.
    So a block measures from plain text: a clamped preview of a long, regular text
    (most quotes) knows its height from its length alone; other texts are wrapped, with
    line breaks cached per width in ``breaks`` (which the sidebar keeps per quote, so
    searching never re-wraps a quote already measured). ``build`` makes the styled
    ``Content`` only when the block is first drawn: a list of thousands of quotes then
    wraps and styles just the screenful in view.

    ``regular`` says ``plain`` passes ``is_regular``; ``footer_cells`` is the footer's
    width when it is one line. Both only let ``get_height`` skip wrapping.
    """

    def __init__(
        self,
        build: Callable[[], tuple[Content, Content | None]],
        *,
        plain: str,
        suffix: str = "",
        footer_plain: str | None = None,
        marker: Content | str = "",
        max_lines: int | None = None,
        breaks: dict[int, tuple[Lines, Lines]] | None = None,
        regular: bool = False,
        footer_cells: int | None = None,
    ) -> None:
        self._build: Callable[[], tuple[Content, Content | None]] | None = build
        self._styled: tuple[Content, Content | None] | None = None
        # the text and what follows it (a closing quote mark), kept apart so that a
        # list of thousands of quotes does not hold a second copy of every text
        self._text = plain
        self._suffix = suffix
        self._footer_plain = footer_plain
        self._marker = Content(marker) if isinstance(marker, str) else marker
        self._max_lines = max_lines
        self._breaks = {} if breaks is None else breaks
        self._regular = regular
        self._footer_cells = footer_cells
        self._laid_out: tuple[int, Content] | None = None

    @property
    def _plain(self) -> str:
        """The whole text shown (made when needed: wrapping, widths)."""
        return self._text + self._suffix if self._suffix else self._text

    @classmethod
    def of(cls, body: Content, *, marker: Content | str = "") -> QuoteBlock:
        """A block for Content that is already styled (short texts such as labels)."""
        return cls(lambda: (body, None), plain=body.plain, marker=marker)

    def _lines(self, width: int) -> tuple[Lines, Lines]:
        """Body and footer line spans for ``width`` cells, the body clamped."""
        if (cached := self._breaks.get(width)) is None:
            if len(self._breaks) > 4:  # widths change rarely: keep the last few only
                self._breaks.clear()
            body = wrap_lines(self._plain, width - self._marker.cell_length)
            footer = [] if self._footer_plain is None else wrap_lines(self._footer_plain, width)
            self._breaks[width] = cached = (body, footer)
        body, footer = cached
        if self._max_lines is not None:
            body = body[: self._max_lines]
        return body, footer

    def _layout(self, width: int) -> Content:
        """The whole block laid out for ``width`` cells, one Content line per row."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        if self._styled is None:
            assert self._build is not None
            self._styled, self._build = self._build(), None
        body, footer = self._styled
        body_lines, footer_lines = self._lines(width)
        text_width = max(width - self._marker.cell_length, 1)
        hang = Content(" " * self._marker.cell_length)
        rows: list[Content] = []
        for row, (start, end) in enumerate(body_lines):
            line = body[start:end].rstrip()
            if row == len(body_lines) - 1 and end < len(self._plain.rstrip()):
                # Clamped: say so where the text stops.
                if line.cell_length >= text_width:
                    line = line.truncate(text_width - 1)
                line += "…"
            rows.append((self._marker if row == 0 else hang) + line)
        if footer is not None:
            rows.extend(footer[start:end].rstrip() for start, end in footer_lines)
        laid_out = Content("\n").join(rows)
        self._laid_out = (width, laid_out)
        return laid_out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._layout(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        texts = [self._plain, self._footer_plain or ""]
        widest = max(cell_len(line) for text in texts for line in text.split("\n"))
        return self._marker.cell_length + widest

    def get_minimal_width(self, rules: RulesMap) -> int:
        longest = max((cell_len(word) for word in self._plain.split()), default=0)
        return self._marker.cell_length + longest

    def get_height(self, rules: RulesMap, width: int) -> int:
        clamp = self._max_lines
        if (
            clamp is not None
            and self._regular
            and width not in self._breaks
            and len(self._text) + len(self._suffix)
            > clamp * (max(width - self._marker.cell_length, 1) + 1)
        ):
            # Certainly more lines than the preview shows: no need to wrap to know.
            if self._footer_plain is None:
                return clamp
            if self._footer_cells is not None and self._footer_cells <= width:
                return clamp + 1
        body, footer_lines = self._lines(width)
        return len(body) + len(footer_lines)


def highlighted(text: str, query: str, style: str = "") -> Content:
    """``text`` as plain Content in ``style``, with every word of ``query`` marked."""
    content = Content.styled(text, style) if style else Content(text)
    for start, end in find_spans(text, query) if query else ():
        content = content.stylize(f".{MATCH}", start, end)
    return content


def speaker_label(speaker: Speaker, count: int, query: str = "") -> Content:
    """``Name — Role (count)``, with the parts styled separately so a theme can tell them apart."""
    label = highlighted(speaker.name, query, f".{NAME}")
    if speaker.role:
        label += Content(" — ") + highlighted(speaker.role, query, f".{ROLE}")
    return label + Content.styled(f" ({count})", f".{COUNT}")


@dataclass(slots=True)
class QuoteEntry:
    """One quote with what the sidebar needs to show it, prepared when first listed."""

    quote: Quote
    speaker: Speaker
    text: str
    """The quote's text as shown: what the line breaks and highlights are measured on."""
    regular: bool
    """Whether ``text`` is one paragraph of one-cell characters and single spaces."""
    breaks: dict[int, tuple[Lines, Lines]] = field(default_factory=dict)
    """Where the quote's lines break at the widths it has been shown at."""


def attribution_footer(speaker: Speaker) -> tuple[str, int | None]:
    """The line under a speaker's quotes, and its width in cells when it is one line."""
    plain = ATTRIBUTION_PREFIX + speaker.name
    return plain, cell_len(plain) if "\n" not in plain else None


def quote_prompt(entry: QuoteEntry, query: str, footer: tuple[str, int | None]) -> QuoteBlock:
    """The list entry for one quote; highlighted and shown whole while searching.

    While searching the whole text is shown, since the matched word may be past the
    preview lines. ``footer`` is :func:`attribution_footer` of the quote's speaker.
    """
    direct = entry.quote.kind == "direct"
    return QuoteBlock(
        # a partial, not a closure: one of these is kept per quote listed
        partial(_styled_prompt, entry, query, direct),
        plain=entry.text,
        suffix="”" if direct else "",
        footer_plain=footer[0],
        footer_cells=footer[1],
        marker=DIRECT_MARKER if direct else REPORTED_MARKER,
        max_lines=None if query else PREVIEW_LINES,
        breaks=entry.breaks,
        regular=entry.regular,
    )


def _styled_prompt(entry: QuoteEntry, query: str, direct: bool) -> tuple[Content, Content]:
    """A quote's list entry as styled Content: its text, then who said it."""
    text = highlighted(entry.text, query)
    # Reported speech has no quote marks, so it is set apart by slant instead.
    body = text + "”" if direct else text.stylize_before("italic")
    name = highlighted(entry.speaker.name, query, f".{ATTRIBUTION}")
    return body, Content.styled(ATTRIBUTION_PREFIX, f".{ATTRIBUTION}") + name


def speaker_row(speaker: Speaker | None, count: int, *, active: bool) -> QuoteBlock:
    """A row of the speaker filter (``None``: "All speakers"), marked when it is active."""
    if speaker is None:
        # "(9)" beside "All speakers" read as nine speakers: say what is counted
        label = Content.styled("All speakers", f".{NAME}") + Content.styled(
            f" · {count} quote" + ("" if count == 1 else "s"), f".{COUNT}"
        )
    else:
        label = speaker_label(speaker, count)
    marker = Content.styled("● ", f".{ACTIVE}") if active else "  "
    return QuoteBlock.of(label, marker=marker)
