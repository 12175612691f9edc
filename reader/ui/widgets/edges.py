"""A widget's border as four regions: what a change of its border's colours draws.

The text pane and the quotes pane show the focus by their border alone, and Textual
draws a whole widget again for that; they draw these regions instead
(:mod:`reader.ui.widgets.body_focus`, :mod:`reader.ui.widgets.quotes_pane`).
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget


def border_edges(widget: Widget) -> list[Region]:
    """The four edges of ``widget``'s border, in the coordinates its ``refresh``
    takes (its content's)."""
    width, height = widget.outer_size
    x, y = widget.content_offset
    outer = [
        Region(0, 0, width, 1),
        Region(0, height - 1, width, 1),
        Region(0, 0, 1, height),
        Region(width - 1, 0, 1, height),
    ]
    return [edge.translate((-x, -y)) for edge in outer if edge]


__all__ = ["border_edges"]
