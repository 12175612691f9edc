"""Drawing one line of the article body: the wrapped text as a styled ``Strip``.

The body widget (:mod:`reader.ui.widgets.article_body`) decides *which* line to draw and
caches the result; this module decides *how it looks*: the block's style, the address as
a terminal link, quotes and the chosen quote with their bar in the gutter, find matches,
the mouse selection, and the margin that centres the text column. The text is styled as
Rich ``Text`` (never markup: article text is data), and every strip carries the
(character, line) offsets Textual's mouse selection goes by.

Why Rich ``Text`` and ``Segment`` here, when the other widgets draw with Textual's
``Content`` (decided for issue #12, measured on the bundled article at 160x48, 148 us
a line drawn): the Rich text work is about a tenth of a line's cost; the rest is
Textual's own (the widget's ``rich_style``, about a third, which the body now keeps
between lines; the strip's selection offsets and padding, about a quarter), and it is the
same either way. ``Content`` draws a bare
line faster (21 against 31 us), but a Line API widget would then have to turn the
component classes' visual styles, whose colours carry alpha, into Rich styles blended
over the background itself, which ``get_component_rich_style`` does (and caches) now:
more code for a gain under a tenth of a line, on lines that are cached once drawn.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.ui.text.finder import Match
from reader.ui.text.lines import TextLayout

#: Cells left of the text for the quote bar.
GUTTER = 2

#: The component class that styles each kind of block.
KIND_CLASS = {
    "title": "body--title",
    "meta": "body--meta",
    "caption": "body--caption",
    "lead": "body--lead",
    "heading": "body--heading",
    "attribution": "body--attribution",
    "rule": "body--rule",
}

#: Every component class a line is styled by: the body's ``COMPONENT_CLASSES``.
COMPONENT_CLASSES = frozenset(
    {
        *KIND_CLASS.values(),
        "body--quote",
        "body--quote-bar",
        "body--chosen",
        "body--match",
        "body--match-current",
        "body--link",
    }
)

#: An address the body makes a terminal link of (OSC 8): http(s), nothing a terminal
#: would act on (controls, ESC, BEL) and no spaces. Anything else is shown as text only.
_LINKABLE = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def linkable(url: str | None) -> str | None:
    """``url`` if it is safe to hand to the terminal as a link, else None."""
    return url if url is not None and _LINKABLE.fullmatch(url) else None


def draw_text_line(
    layout: TextLayout,
    y: int,
    width: int,
    *,
    base: Style,
    style: Callable[[str], Style],
    console: Console,
    url: str | None,
    chosen_quote: str | None,
    matches: Sequence[Match],
    current_match: Match | None,
    selected: tuple[int, int] | None,
    selection_style: Callable[[], Style],
) -> Strip:
    """Line ``y`` of ``layout``, ``width`` cells wide, styled by the body's classes.

    ``style`` gives a component class's style; ``selected`` is the range of the line
    the mouse selection covers (styled with ``selection_style()``).
    """
    if y >= layout.line_count:
        return Strip.blank(width, base)
    line = layout.line(y)
    block = layout.blocks[line.block]
    if block.kind == "rule":
        return draw_rule(layout.width, width, y, base=base, style=style)
    # The base style goes on the segments, not the Text: Rich renders a Text that
    # has no spans as bare text, dropping its style, and a plain paragraph line then
    # reached the terminal in its default colours (grey or black blocks on the theme).
    text = Text(block.text[line.start : line.end].rstrip(), end="")
    kind_class = KIND_CLASS.get(block.kind)
    if kind_class:
        text.stylize(style(kind_class))
    if block.kind == "meta" and url is not None:
        # the address ends the meta block: a link where this line shows it
        start = max(0, len(block.text) - len(url) - line.start)
        if start < len(text):
            link = style("body--link") + Style(link=url)
            text.stylize(link, start, len(text))
    quoted = False
    chosen = False
    for span, start, end in layout.spans_in(y):
        quoted = True
        text.stylize(style("body--quote"), start, end)
        if span.quote_id == chosen_quote:
            chosen = True
            text.stylize(style("body--chosen"), start, end)
    stylize_matches(text, line.block, line.start, line.end, matches, current_match, style=style)
    if selected is not None:
        text.stylize(selection_style(), *selected)
    margin = max(0, (width - GUTTER - layout.width) // 2)
    if block.kind == "attribution":
        margin += max(0, layout.width - text.cell_len)
    segments = [Segment(" " * margin, base)]
    if quoted:
        bar = style("body--chosen" if chosen else "body--quote-bar")
        segments.append(Segment("▎", base + bar))
        segments.append(Segment(" " * (GUTTER - 1), base))
    else:
        segments.append(Segment(" " * GUTTER, base))
    # Rich's Text.render leaves a text without spans unstyled (its base style is the
    # caller's to apply): without this a plain paragraph came out in the terminal's
    # default colours, not the theme's (black on a browser page, dark on a light theme).
    segments.extend(Segment.apply_style(text.render(console), base))
    # (character, line) offsets for the mouse selection: 0 at the first character of
    # the text, so the margin and the quote bar before it have negative ones.
    lead = margin + GUTTER
    return Strip(segments).apply_offsets(-lead, y).adjust_cell_length(width, base)


def draw_rule(
    text_width: int, width: int, y: int, *, base: Style, style: Callable[[str], Style]
) -> Strip:
    """The line under the title: a rule as wide as the text column."""
    margin = max(0, (width - GUTTER - text_width) // 2) + GUTTER
    rule = base + style("body--rule")
    segments = [Segment(" " * margin, base), Segment("━" * text_width, rule)]
    return Strip(segments).apply_offsets(-margin, y).adjust_cell_length(width, base)


def stylize_matches(
    text: Text,
    block: int,
    start: int,
    end: int,
    matches: Sequence[Match],
    current: Match | None,
    *,
    style: Callable[[str], Style],
) -> None:
    """Highlight the find matches on the line showing ``start``…``end`` of ``block``.

    The matches are sorted by (block, start), and they do not overlap
    (:func:`reader.core.search.find_phrase` gives each place once, even where "ß"
    folds to "ss"), so their ends are in order too. So the line's matches are one
    run of the list, found by bisecting, plus any match begun on an earlier line of
    the block that runs on into this one. No second copy of them is kept per block.
    """
    first = bisect_left(matches, (block, start))
    while first > 0 and matches[first - 1][0] == block and matches[first - 1][2] > start:
        first -= 1
    stop = bisect_left(matches, (block, end), lo=first)
    if first == stop:
        return
    match_style: Style = style("body--match")
    current_style: Style = style("body--match-current")
    for index in range(first, stop):
        match = matches[index]
        _block, m_start, m_end = match
        if m_end <= start or m_start >= end:
            continue
        chosen = current_style if match == current else match_style
        text.stylize(chosen, max(m_start, start) - start, min(m_end, end) - start)


__all__ = [
    "COMPONENT_CLASSES",
    "GUTTER",
    "KIND_CLASS",
    "draw_rule",
    "draw_text_line",
    "linkable",
    "stylize_matches",
]
