"""The help screen: every key of the reading screen, with what it does."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    """A table of keys, grouped, generated from the bindings themselves.

    Listing the ``Binding`` objects (rather than a hand-written text) keeps help and
    behaviour from drifting apart, and shows remapped keys as they really are.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Content("Keys"), id="help-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Static(
                Content("ctrl+p opens the command palette · escape closes this help"),
                id="help-hint",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action")
        for title, bindings in self._groups:
            table.add_row(Content(title).stylize("bold $accent"), Content(""))
            for key, description in self._rows(bindings):
                table.add_row(Content(key).stylize("bold"), Content(description))
        table.focus()

    def _rows(self, bindings: list[Binding]) -> list[tuple[str, str]]:
        """One row per action: its keys joined ("n ]"), in the order they were bound."""
        rows: dict[str, tuple[list[str], str]] = {}
        for binding in bindings:
            if not binding.description:
                continue
            keys, _ = rows.setdefault(binding.action, ([], binding.description))
            for key in binding.key.split(","):
                display = self.app.get_key_display(binding.with_key(key.strip()))
                if display not in keys:
                    keys.append(display)
        return [(" ".join(keys), description) for keys, description in rows.values()]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
