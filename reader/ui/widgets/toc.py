"""The table of contents: one entry per section, following what the reader has in view."""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.ui.layout import section_label


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
        super().__init__(*options, id=id, classes=classes)

    def watch_current(self, section_id: str | None) -> None:
        if section_id is None:
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


def _entry(number: int, label: str) -> Content:
    """A numbered entry (the number is the digit key that jumps there)."""
    key = f"{number} " if number <= 9 else "  "
    return Content.assemble((key, "dim"), label)
