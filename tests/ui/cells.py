"""What the terminal is sent, cell by cell: the screen as composed, with final colours.

Widgets' own strips can leave a colour to be filled in by the compositor; only the
composed screen says what reaches the terminal. The compositor has no public way to
give its strips, so this one helper reaches for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.color import Color
from rich.style import Style
from textual.app import App
from textual.geometry import Region


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    text: str
    style: Style


def cells(app: App[object], region: Region | None = None) -> Iterator[Cell]:
    """Every cell of the screen (or of ``region`` of it) with the style it is drawn in."""
    strips = app.screen._compositor.render_strips()
    for y, strip in enumerate(strips):
        x = 0
        for segment in strip:
            for character in segment.text:
                if region is None or region.contains(x, y):
                    yield Cell(x, y, character, segment.style or Style())
                x += 1


def is_default(color: Color | None) -> bool:
    """True when the terminal would pick the colour (none given, or "default")."""
    return color is None or color.is_default


def luminance(color: Color) -> float:
    """WCAG relative luminance of a colour."""
    red, green, blue = color.get_truecolor()

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(style: Style) -> float:
    """WCAG contrast ratio of a cell's text against its background (1 to 21)."""
    assert style.color is not None and style.bgcolor is not None
    fg, bg = luminance(style.color), luminance(style.bgcolor)
    if style.reverse:
        fg, bg = bg, fg
    light, dark = max(fg, bg), min(fg, bg)
    return (light + 0.05) / (dark + 0.05)
