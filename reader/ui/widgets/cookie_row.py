"""The source's cookie notice and its accept button, drawn as one widget.

It looks and behaves as a row of two widgets did (the notice's text, wrapped, and
Textual's compact primary ``Button`` to its right, in a ``Horizontal``): the button is
as wide as its label and two cells, at least 16 and at most 40% of the row, two cells
from the text; it takes the focus with Tab, is pressed with Enter or a click, and
darkens under the mouse. Three widgets and Button's machinery were ~16 M instructions
(~2.5 ms) of the first paint; this one draws the same cells with two component
classes (``reader.tcss``, from Button's stylesheet).
"""

from __future__ import annotations

from fractions import Fraction
from math import floor
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

#: Cells between the notice's text and the button.
GAP = 2
#: The button's width: its label and a cell each side, at least MIN_BUTTON cells and at
#: most MAX_BUTTON of the row (when both cannot hold, the maximum wins, as in Textual).
MIN_BUTTON = 16
MAX_BUTTON = Fraction(2, 5)
#: Cells of padding each side of the label (Button's ``line-pad``).
LABEL_PAD = 1


class _Row(NamedTuple):
    """The notice laid out at one width."""

    width: int
    #: the text's lines, drawn as a ``Static`` draws them (selectable with the mouse)
    text: list[Strip]
    label: list[Content]
    #: where the button starts, and its width
    button_x: int
    button_width: int


def button_width(label: Content, width: int) -> int:
    """The button's width in a row ``width`` cells wide, as Textual laid it out: its
    label's, then its minimum, then its maximum (a share of the row less the gap), in
    whole cells."""
    natural = label.cell_length + 2 * LABEL_PAD
    wanted = max(Fraction(natural), Fraction(MIN_BUTTON))
    return max(0, floor(min(wanted, MAX_BUTTON * (width - GAP))))


class CookieRow(Widget, can_focus=True):
    """The notice's text, wrapped, with the accept button at its first line's right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "cookie-row--button",
        "cookie-row--button-hover",
    }
    """The button, and the button under the mouse (see ``reader.tcss``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "Accept cookies", show=False, id="cookie-row.accept"),
    ]

    #: A click on the text does not take the focus from the article (the text was not
    #: a widget that could take it); a click on the button accepts.
    FOCUS_ON_CLICK = False

    class Accepted(Message):
        """The reader pressed the accept button."""

        def __init__(self, notice: CookieRow) -> None:
            super().__init__()
            self.notice = notice

        @property
        def control(self) -> CookieRow:
            return self.notice

    #: Whether the mouse is over the button.
    button_hover: reactive[bool] = reactive(False)

    def __init__(self, text: Content, label: Content, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.label = label
        self._row: _Row | None = None

    def _lay_out(self, width: int) -> _Row:
        row = self._row
        if row is None or row.width != width:
            button = min(width, button_width(self.label, width))
            text_width = max(0, width - GAP - button)
            text = Visual.to_strips(self, self.text, text_width, None, self.visual_style)
            label = self.label.wrap(max(1, button - 2 * LABEL_PAD))
            row = self._row = _Row(width, text, label, width - button, button)
        return row

    @property
    def button_region(self) -> Region:
        """Where the button is, relative to the widget."""
        row = self._lay_out(self.size.width)
        return Region(row.button_x, 0, row.button_width, min(len(row.label), self.size.height))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        row = self._lay_out(width)
        return max(len(row.text), len(row.label), 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self._lay_out(width)
        base = self.rich_style
        # what is not text is drawn in the background alone, as Textual pads a widget
        plain = Style(bgcolor=base.bgcolor)
        text_width = max(0, row.button_x - GAP)
        text = row.text[y] if y < len(row.text) else Strip([])
        parts = [text.adjust_cell_length(text_width, plain)]
        if row.button_x > text_width:
            parts.append(Strip.blank(row.button_x - text_width, plain))
        if y < len(row.label):
            parts.append(self._button_line(row, row.label[y]))
        else:
            parts.append(Strip.blank(row.button_width, plain))
        return Strip.join(parts).crop_extend(0, width, plain)

    def _button_line(self, row: _Row, label: Content) -> Strip:
        """One line of the button: the label and a cell each side in the button's style,
        centred in its background (as Textual draws a Button's label with ``line-pad``)."""
        name = "cookie-row--button-hover" if self.button_hover else "cookie-row--button"
        style: Style = self.get_component_rich_style(name)
        background = Style(bgcolor=style.bgcolor)
        pad = " " * LABEL_PAD
        drawn = pad + label.plain + pad
        left = max(0, row.button_width - cell_len(drawn)) // 2
        segments = [Segment(" " * left, background), Segment(drawn, style)]
        return Strip(segments).adjust_cell_length(row.button_width, background)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row = None
        self.refresh()

    def selection_updated(self, selection: Selection | None) -> None:
        self._row = None
        super().selection_updated(selection)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected part of the notice's text (as a ``Static`` gives it)."""
        return selection.extract(self.text.plain), "\n"

    def watch_button_hover(self) -> None:
        self.styles.pointer = "pointer" if self.button_hover else "default"
        self.refresh()

    def _over_button(self, event: events.MouseEvent) -> bool:
        offset = event.get_content_offset(self)
        return offset is not None and self.button_region.contains_point(offset)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.button_hover = self._over_button(event)

    def on_leave(self) -> None:
        self.button_hover = False

    def on_click(self, event: events.Click) -> None:
        if self._over_button(event):
            event.stop()
            self.action_accept()

    def action_accept(self) -> None:
        self.post_message(self.Accepted(self))

    def on_resize(self) -> None:
        self._row = None
