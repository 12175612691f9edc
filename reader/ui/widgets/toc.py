"""The table of contents: one entry per section, following what the reader has in view."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.ui.layout import section_label

#: Up to this many sections the TOC is built with the screen; more are added after it.
EAGER_ENTRIES = 200


class SectionList(OptionList):
    """Sections of the article; Enter or a click asks to jump to one.

    ``current`` is the section in view. The screen binds it (``data_bind``), so the
    highlight follows the scroll without this widget knowing about the body.
    """

    class SectionChosen(Message):
        """The reader chose a section to jump to."""

        def __init__(self, section_list: SectionList, section_id: str) -> None:
            super().__init__()
            self.section_list = section_list
            self.section_id = section_id

        @property
        def control(self) -> SectionList:
            return self.section_list

    current: reactive[str | None] = reactive(None)

    def __init__(
        self, article: Article, *, untitled: str, id: str | None = None, classes: str | None = None
    ) -> None:
        options = [
            Option(_entry(number, section_label(section, untitled)), id=section.id)
            for number, section in enumerate(article.sections, start=1)
        ]
        # OptionList measures every entry up front; thousands of them would hold up
        # the first paint of the article, so a long TOC is filled in just after it.
        eager = len(options) <= EAGER_ENTRIES
        super().__init__(*(options if eager else ()), id=id, classes=classes)
        self._deferred = [] if eager else options

    def on_mount(self) -> None:
        if self._deferred:
            self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        self.add_options(self._deferred)
        self._deferred = []
        self.watch_current(self.current)

    def watch_current(self, section_id: str | None) -> None:
        if section_id is None or self._deferred:
            return
        try:
            index = self.get_option_index(section_id)
        except LookupError:
            return
        if self.highlighted != index:
            self.highlighted = index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SectionChosen(self, event.option.id))


def _entry(number: int, label: str) -> Table:
    """A numbered entry (the number is the digit key that jumps there).

    A two-column grid, so a long heading wraps under itself, not under its number.
    """
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, style="dim", width=1)
    grid.add_column(ratio=1)
    grid.add_row(Text(str(number) if number <= 9 else ""), Text(label))
    return grid
