"""The reading screen's top line: the article's title, its source, and where you are.

Textual's ``Header`` centres "title — subtitle" and cuts from the right, so at 80
columns a long title pushed the source off the screen. Here the right-hand part (the
source, the section and share read) always shows, and the title takes what room is
left, clipped with "…". The reading time is the least of it: before the title is
clipped it is shortened ("4 min") and then left out (at 80 columns " · 4 min read"
took fourteen cells of the title).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reader.core.text import one_line

#: The title keeps at least this many cells; below that the details give way first.
MIN_TITLE = 16


class ReadingHeader(Widget):
    """One line: title on the left, ``source · § 2/4 · 37% · 6 min`` on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"reading-header--title", "reading-header--info"}

    DEFAULT_CSS = """
    ReadingHeader {
        height: 1;
        padding: 0 1;
    }
    """

    #: The section and share read ("§ 2/4 · 37%"), kept up to date by the screen.
    where: reactive[str] = reactive("", layout=False)

    def __init__(
        self,
        title: str,
        source: str,
        minutes: int | None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._title = one_line(title)
        self._source = one_line(source)
        self._minutes = self._minutes_short = ""
        if minutes is not None:
            self.show_minutes(minutes)

    def show_minutes(self, minutes: int) -> None:
        """Show the reading time (None at first: a big article's whole is still being read)."""
        self._minutes = f"{minutes} min read"
        #: the reading time, shortened for a title that would not fit whole beside it
        self._minutes_short = f"{minutes} min"
        self.refresh()

    @property
    def info(self) -> str:
        """The right-hand part, as shown (at full width)."""
        return " · ".join(part for part in (self._source, self.where, self._minutes) if part)

    def render(self) -> Content:
        width = self.content_region.width
        title_cells = cell_len(self._title)
        # The title wins over the reading time: shortened, then left out, before the
        # title is clipped to make room for it.
        for minutes in (self._minutes, self._minutes_short, ""):
            parts = [self._source, self.where, minutes]
            info = " · ".join(part for part in parts if part)
            if title_cells + cell_len(info) + 2 <= width:
                break
        # Give way from the right (the place) before the title gets too short to
        # recognise; the source goes last.
        while parts and width - cell_len(info) - 2 < MIN_TITLE and len(parts) > 1:
            parts.pop()
            info = " · ".join(part for part in parts if part)
        room = max(1, width - cell_len(info) - 2)
        title = Content(self._title).truncate(room, ellipsis=True)
        gap = max(1, width - title.cell_length - cell_len(info))
        return Content.assemble(
            title.stylize(".reading-header--title"),
            " " * gap,
            Content.styled(info, ".reading-header--info"),
        )
