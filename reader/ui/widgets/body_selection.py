"""What a mouse selection over the article body selects, and the text it copies.

Textual's selection goes by (character, line) offsets that the body's strips carry, 0 at
the first character of the text (the margin and the quote bar carry negative ones). This
module turns those offsets back into the article's own characters: which characters of a
wrapped line are selected (to draw them), and the selected text as the article has it,
not as it is wrapped (to copy it). It knows the text layout and Textual's
:class:`~textual.selection.Selection`, nothing of the widget.
"""

from __future__ import annotations

from textual.selection import Selection

from reader.ui.text.lines import TextLayout


def selected_text(layout: TextLayout | None, selection: Selection) -> tuple[str, str] | None:
    """The selected text as the article has it: the wrapped lines of a paragraph
    join up again, and blocks (paragraphs, headings…) are set a blank line apart."""
    if layout is None or not layout.line_count:
        return None
    if selection.end is None:
        layout.complete()  # "to the end" (a double click selects all): lay it all out
    first_y = 0 if selection.start is None else max(0, selection.start.y)
    last_y = layout.line_count - 1
    if selection.end is not None:
        last_y = min(last_y, selection.end.y)
    pieces: list[str] = []
    block, start, end = -1, 0, 0  # the block being collected, and its range
    for y in range(first_y, last_y + 1):
        chosen = selected_range(layout, selection, y)
        if chosen is None:
            continue
        line = layout.line(y)
        if line.block != block:
            if block >= 0:
                pieces.append(layout.blocks[block].text[start:end])
            block, start = line.block, line.start + chosen[0]
        end = line.start + chosen[1]
    if block >= 0:
        pieces.append(layout.blocks[block].text[start:end])
    if not pieces:
        return None  # a drag over blank lines or the margin only
    return "\n\n".join(pieces), "\n"


def selected_range(
    layout: TextLayout | None, selection: Selection, y: int
) -> tuple[int, int] | None:
    """The selected characters of line ``y`` (from its start), if any.

    Offsets left of the text (the margin and the quote bar carry negative ones) count
    as its start; past its end, as its end. An end of -1 means "to the end of the
    line", except on the selection's last line: there it is a drag that ended two
    cells left of the text (Textual adds one to where the mouse was let go).
    """
    span = selection.get_span(y)
    if span is None or layout is None:
        return None
    line = layout.line(y)
    shown = len(layout.blocks[line.block].text[line.start : line.end].rstrip())
    start = min(max(0, span[0]), shown)
    to_end = span[1] == -1 and (selection.end is None or y != selection.end.y)
    end = shown if to_end else min(max(0, span[1]), shown)
    return (start, end) if start < end else None


__all__ = ["selected_range", "selected_text"]
