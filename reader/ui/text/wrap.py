"""The one cell-width word wrapper: for the body, the section list and the quote sidebar.

Every place that breaks text into lines breaks it the same way, so that a quote reads
alike in the article and in the sidebar and a section's label in the list: greedy word
wrap in terminal cells, spaces hanging at the end of a line, a word wider than a line
folded where the line is full. :func:`wrap_offsets` is the wrapper (one line of text,
break offsets); :func:`wrap_lines` is the same breaks as (start, end) spans over text
that may hold newlines, as the sidebar's quote entries want them.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells

#: Characters a terminal always draws one cell wide; text made only of these takes the
#: fast wrapping path (no per-word cell measuring), which keeps a 5 MB article quick.
_NARROW = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0x300) if c != 0xAD]
    + [chr(c) for c in range(0x370, 0x483)]
    + list("\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201b\u201c\u201d")
    + list("\u201e\u201f\u2020\u2021\u2022\u2026\u2030\u2032\u2033\u2039\u203a\u20ac")
)
_is_narrow = _NARROW.issuperset
_WHITESPACE = re.compile(r"\s")


def flatten(text: str) -> str:
    """Whitespace (newlines, tabs) as single spaces, keeping every character offset."""
    return _WHITESPACE.sub(" ", text) if not text.isprintable() or "\n" in text else text


def wrap_offsets(text: str, width: int, *, indent_apart: bool = False) -> list[int]:
    """Character offsets where the lines of ``text`` wrapped at ``width`` cells begin.

    The first line (offset 0) is implied. Greedy word wrapping: a line takes every word
    that fits, lines break after the spaces between words (spaces hang at the end of a
    line and are not counted), and a word wider than a whole line is folded where the
    line is full. Spaces leading the text stay with its first word, or make a line of
    their own when they fill one. Only U+0020 is a space: run text through
    :func:`flatten` first. Widths are in terminal cells, so no line's text is wider than
    ``width`` (except a lone character wider than the width itself).

    With ``indent_apart`` the leading spaces are an indent drawn on the first line (the
    quote sidebar's attribution, "   — Name"): when the indent and the first word do
    not fit in one line together, the word starts the next line instead of being folded.

    Linear in ``len(text)``. Text of narrow characters only is wrapped by slicing;
    anything with wide (CJK, emoji) or zero-width characters is measured word by word.
    """
    width = max(1, width)
    narrow = _is_narrow(text)
    if indent_apart and text.startswith(" "):
        lead = len(text) - len(text.lstrip(" "))
        word_end = text.find(" ", lead)
        first = text[: len(text) if word_end < 0 else word_end]
        if lead < len(text) and (len(first) if narrow else cell_len(first)) > width:
            return [lead, *(lead + offset for offset in wrap_offsets(text[lead:], width))]
    if not narrow:
        return _wrap_cells(text, width)
    breaks: list[int] = []
    size = len(text)
    pos = 0
    while size - pos > width:
        if text[pos + width] == " ":
            # the line ends exactly at a word end: the next line starts after the spaces
            nxt = pos + width
            while nxt < size and text[nxt] == " ":
                nxt += 1
            if nxt >= size:
                break
        else:
            first_word = pos
            while first_word < size and text[first_word] == " ":
                first_word += 1
            space = text.rfind(" ", first_word, pos + width)
            nxt = space + 1 if space >= 0 else pos + width
        breaks.append(nxt)
        pos = nxt
    return breaks


_WORD = re.compile(r"[^ ]+")


def _wrap_cells(text: str, width: int) -> list[int]:
    """:func:`wrap_offsets` measured in cells: the lines its narrow path makes when every
    character is one cell wide, for text with wide or zero-width characters."""
    breaks: list[int] = []
    lead = len(text) - len(text.lstrip(" "))
    if lead == len(text):
        return breaks
    first = 0  # where the first word starts: with the text's leading spaces…
    if lead >= width:
        breaks.append(lead)  # …unless they fill a line, which is then theirs alone
        first = lead
    used = -1  # cells the current line takes up to the end of its last word; -1: no word
    end = 0  # where that word ends
    for match in _WORD.finditer(text, lead):
        start, stop = match.span()
        if used < 0:
            start = first
        cells = cell_len(text[start:stop])
        if used >= 0:
            fitted = used + (start - end) + cells  # a space is one cell
            if fitted <= width:
                used, end = fitted, stop
                continue
            breaks.append(start)
        if cells > width:
            # wider than any line: fold it wherever a line is full (grapheme-aware)
            chunks = chop_cells(text[start:stop], width)
            for chunk in chunks[:-1]:
                if chunk:  # a character wider than the width may come out as "" first
                    start += len(chunk)
                    breaks.append(start)
            cells = cell_len(text[start:stop])
        used, end = cells, stop
    return breaks


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Where ``text`` breaks into lines of at most ``width`` cells, as (start, end) offsets.

    :func:`wrap_offsets`' breaks, paragraph by paragraph (newlines are kept: each starts
    a line), any whitespace counting as a space, and leading spaces kept apart as an
    indent (``indent_apart``). A line's span may end in the spaces the break swallowed;
    the renderer strips them.

    The quote sidebar wraps its entries with this rather than asking ``Content`` because
    it needs only the number of lines for most quotes (``OptionList`` measures every
    option, but draws only the visible ones), and counting this way is several times
    cheaper than a full ``Content.wrap``.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        end = offset + len(paragraph)
        if len(paragraph) <= width and (_is_narrow(paragraph) or cell_len(paragraph) <= width):
            lines.append((offset, end))  # fits: the common case, without wrapping
        else:
            starts = [offset]
            starts += [
                offset + b for b in wrap_offsets(flatten(paragraph), width, indent_apart=True)
            ]
            lines.extend(zip(starts, [*starts[1:], end], strict=True))
        offset = end + 1
    return lines


__all__ = ["flatten", "wrap_lines", "wrap_offsets"]
