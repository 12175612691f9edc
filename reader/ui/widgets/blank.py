"""Containers drawn as blank lines: no border, no content, covered by what they hold.

Textual draws every line of a container through its styles (its background, padding
and border, cell by cell), even where the widgets in it cover every cell. For a
container with no border and no content of its own, Textual's ``BLANK`` draws each
line as one blank strip in the container's style instead: the same cells. On the
reading screen the panes' row, the text's column and the screen itself are such
containers; their lines were ~3.5 ms of the seed's first paint (24 M instructions).
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical


class BlankRow(Horizontal):
    """A ``Horizontal`` with no border, whose children cover it: drawn blank."""

    BLANK = True


class BlankColumn(Vertical):
    """A ``Vertical`` with no border, whose children cover it: drawn blank."""

    BLANK = True


__all__ = ["BlankColumn", "BlankRow"]
