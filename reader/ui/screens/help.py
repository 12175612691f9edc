"""The help screen: every key of the reading screen, with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

#: A help row: a binding, or (keys, description) for what is not one.
HelpRow = Binding | tuple[str, str]


class HelpScreen(ModalScreen[None]):
    """A table of keys, grouped, generated from the bindings themselves.

    Listing the ``Binding`` objects (rather than a hand-written text) keeps help and
    behaviour from drifting apart, and shows remapped keys as they really are.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, groups: list[tuple[str, list[HelpRow]]]) -> None:
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
        groups = [(title, self._rows(bindings)) for title, bindings in self._groups]
        rows = [row for _title, group in groups for row in group]
        # group titles share the key column: it must fit them too ("Quote sideb")
        titles = [title for title, _group in groups]
        key_width = max([len("Key"), *(len(key) for key, _d in rows), *map(len, titles)])
        table.add_column("Key", width=key_width)
        table.add_column("Action", width=max([len("Action"), *(len(d) for _k, d in rows)]))
        for title, group in groups:
            table.add_row(Text(title, style="bold"), Text(""))
            for key, description in group:
                table.add_row(Text(key, style="bold"), Text(description))
        table.focus()

    def _rows(self, bindings: list[HelpRow]) -> list[tuple[str, str]]:
        """One row per action: its keys joined ("n ]"), in the order they were bound.

        A binding group (the digits) is one row, its keys shown as a range ("1…9").
        A (keys, description) pair is a row as it is: what is not a binding of the
        screen (Enter in a list or a field, the mouse).
        """
        rows: dict[str, tuple[list[str], str, bool]] = {}
        keymap = _keymap(self.app)
        for binding in bindings:
            if isinstance(binding, tuple):
                keys_text, description = binding
                rows[f"row:{keys_text}"] = ([keys_text], description, False)
                continue
            if not binding.description:
                continue
            group = binding.group
            name = f"group:{group.description}" if group else binding.action
            description = group.description if group else binding.description
            keys, _, _ = rows.setdefault(name, ([], description, group is not None))
            # a key the user's config remapped shows as it is now
            key_list = keymap.get(binding.id, binding.key) if binding.id else binding.key
            for key in key_list.split(","):
                display = self.app.get_key_display(binding.with_key(key.strip()))
                if display not in keys:
                    keys.append(display)
        return [
            (f"{keys[0]}…{keys[-1]}" if ranged and len(keys) > 1 else " ".join(keys), description)
            for keys, description, ranged in rows.values()
        ]


def _keymap(app: object) -> dict[str, str]:
    """The keys the user's config gave binding ids (none on an app not reader's own)."""
    from reader.ui.app import ReaderApp

    return dict(app.settings.keymap) if isinstance(app, ReaderApp) else {}
