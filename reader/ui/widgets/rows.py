"""A list drawn line by line: thousands of rows cost what the screen shows, not more.

``RowList`` is a Line API widget (``ScrollView.render_line``): it knows only how many
rows there are and asks :meth:`RowList.render_row` for the few on screen. Nothing is
measured or built per row up front, so a library of 10,000 articles paints as fast as
one of ten, and filtering or sorting is a new count and a refresh. Every row has the
same height (``row_height`` lines), so the row under a line is a division away.

Subclasses say what a row shows; the list moves a cursor, scrolls it into view, and
posts :class:`RowList.Highlighted` and :class:`RowList.Chosen` (Enter or a click on the
highlighted row). Text reaches the terminal only as ``Segment`` text: never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Piece = tuple[str, Style | None]
"""A run of text and its style (None: the row's own)."""


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with "…" when longer, padded with spaces when shorter."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class RowList(ScrollView, can_focus=True):
    """A cursor over ``count`` rows of ``row_height`` lines, drawn on demand."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False, id="rows.down"),
        Binding("up", "move(-1)", "Up", show=False, id="rows.up"),
        Binding("j", "move(1)", "Down", show=False, id="rows.down-j"),
        Binding("k", "move(-1)", "Up", show=False, id="rows.up-k"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="rows.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="rows.page-up"),
        Binding("home", "edge(0)", "First", show=False, id="rows.first"),
        Binding("end", "edge(1)", "Last", show=False, id="rows.last"),
        Binding("enter", "choose", "Open", id="rows.choose"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--dim",
        "row-list--strong",
        "row-list--match",
        "row-list--cursor-match",
        "row-list--error",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    #: Lines per row.
    row_height: ClassVar[int] = 1
    #: Lines at the top that stay put while the rows scroll (column headings).
    header_height: ClassVar[int] = 0

    class Highlighted(Message):
        """The cursor moved to row ``index``."""

        def __init__(self, rows: RowList, index: int) -> None:
            super().__init__()
            self.rows = rows
            self.index = index

        @property
        def control(self) -> RowList:
            return self.rows

    class Chosen(Message):
        """Row ``index`` was chosen (Enter, or a click on the highlighted row)."""

        def __init__(self, rows: RowList, index: int) -> None:
            super().__init__()
            self.rows = rows
            self.index = index

        @property
        def control(self) -> RowList:
            return self.rows

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self._rich_style: Style | None = None

    # -- content ---------------------------------------------------------------------

    def set_count(self, count: int, cursor: int | None = None) -> None:
        """Show ``count`` rows, with the cursor on ``cursor`` (kept, clamped, if None)."""
        self.count = count
        self._update_virtual_size()
        wanted = self.cursor if cursor is None else cursor
        self.set_reactive(RowList.cursor, max(0, min(wanted, count - 1)))
        self.refresh()
        self.call_after_refresh(self._show_cursor)
        self.post_message(self.Highlighted(self, self.cursor))

    def render_row(self, index: int, line: int, width: int, cursor: bool) -> list[Piece]:
        """What line ``line`` of row ``index`` shows (subclasses)."""
        raise NotImplementedError

    def render_header(self, line: int, width: int) -> list[Piece]:
        """What line ``line`` of the fixed header shows (subclasses with a header)."""
        return []

    def _update_virtual_size(self) -> None:
        height = self.count * self.row_height + self.header_height
        self.virtual_size = Size(self.size.width, height)

    # -- drawing ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """A theme, focus or class change (here or in an ancestor) restyles every line."""
        super().notify_style_update()
        self._rich_style = None

    @property
    def _base_style(self) -> Style:
        """``rich_style``, kept until the styles change (:meth:`notify_style_update`, called
        on this list for a change of its own or of an ancestor's styles): Textual walks
        every ancestor's background on each call, ~40% of drawing a row."""
        if self._rich_style is None:
            self._rich_style = self.rich_style
        return self._rich_style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style
        if y < self.header_height:
            pieces = self.render_header(y, width)
            segments = [Segment(t, base if p is None else base + p) for t, p in pieces if t]
            return Strip(segments).adjust_cell_length(width, base)
        line = int(self.scroll_offset.y) + y - self.header_height
        index, part = divmod(line, self.row_height)
        if index >= self.count or width <= 0:
            return Strip.blank(width, base)
        at_cursor = index == self.cursor
        # the cursor's style goes last: its colours win over a row's dim or strong text;
        # but a piece in the cursor-match style (searched words) is drawn over the cursor
        cursor = self.get_component_rich_style("row-list--cursor") if at_cursor else Style()
        over = self.get_component_rich_style("row-list--cursor-match") if at_cursor else None
        drawn: list[Segment] = []
        for text, piece in self.render_row(index, part, width, at_cursor):
            if not text:
                continue
            if piece is None:
                style = base + cursor
            elif piece == over:
                style = base + cursor + piece
            else:
                style = base + piece + cursor
            drawn.append(Segment(text, style))
        return Strip(drawn).adjust_cell_length(width, base + cursor)

    def component_style(self, name: str) -> Style:
        """A component class's style, to use in the pieces of a row."""
        return self.get_component_rich_style(f"row-list--{name}")

    def on_resize(self) -> None:
        self._update_virtual_size()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- the cursor ------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._show_cursor()
        self.post_message(self.Highlighted(self, new))

    def _refresh_row(self, index: int) -> None:
        top = index * self.row_height - int(self.scroll_offset.y) + self.header_height
        self.refresh(Region(0, top, self.size.width, self.row_height))

    def _show_cursor(self) -> None:
        """Scroll so that the cursor's row is in view, below the header."""
        if not self.count:
            return
        height = self.scrollable_content_region.height - self.header_height
        top = self.cursor * self.row_height
        scroll = int(self.scroll_offset.y)
        if top < scroll:
            scroll = top
        elif top + self.row_height > scroll + height:
            scroll = top + self.row_height - max(height, self.row_height)
        if scroll != int(self.scroll_offset.y):
            self.scroll_to(y=scroll, animate=False, force=True, immediate=True)

    def move_to(self, index: int) -> None:
        if self.count:
            self.cursor = max(0, min(index, self.count - 1))

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.row_height - 1)
        self.move_to(self.cursor + step * rows)

    def action_edge(self, end: int) -> None:
        self.move_to(self.count - 1 if end else 0)

    def action_choose(self) -> None:
        if self.count:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        if event.y < self.header_height:
            self.header_clicked(event.x)
            return
        index = (int(self.scroll_offset.y) + event.y - self.header_height) // self.row_height
        if 0 <= index < self.count:
            if index == self.cursor or event.chain > 1:
                self.post_message(self.Chosen(self, index))
            self.move_to(index)

    def header_clicked(self, x: int) -> None:
        """The header was clicked at column ``x`` (subclasses: sort by that column)."""
