"""The reading screen's keys: its bindings, their order in the footer, and the help.

One place says which keys reading has and how they are shown: the bindings (each with
a description and an id), which of them the footer keeps when the terminal is narrow,
and the groups the help screen lists. The screen (:mod:`reader.ui.screens.reading`)
does what the keys ask; keeping the long list of keys apart from it keeps each short
enough to read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from reader.ui.widgets.find_bar import FindBar

if TYPE_CHECKING:
    from reader.ui.screens.help import HelpRow

#: The footer's keys, most useful first: on a narrow terminal the last ones give way
#: (the help screen lists them all). Showing the hidden panes matters most there.
#: The find bar's keys (shown only while it is open) rank first after quit and help:
#: while one types there, "/" and ^f do nothing useful.
FIND_BAR_ACTIONS = ("step(1)", "close", "step(-1)")
#: Find and the command palette come before the section keys: at 80 columns they were
#: the ones left out, and they are the two a reader cannot guess (n and p are in help).
FOOTER_PRIORITIES = (
    "app.quit",
    "help",
    *FIND_BAR_ACTIONS,
    "find",
    "command_palette",
    "search_quotes",
    "toggle_toc",
    "toggle_quotes",
    "step_section(1)",
    "step_section(-1)",
)
#: The digit keys, shown as one "1…9" entry in the help.
SECTION_DIGITS = Binding.Group("Jump to section 1–9", compact=True)


def _section_bindings() -> list[BindingType]:
    return [
        Binding(
            str(n),
            f"go_section_number({n})",
            f"Section {n}",
            show=False,
            id=f"reading.section-{n}",
            group=SECTION_DIGITS,
        )
        for n in range(1, 10)
    ]


#: The reading screen's keys (ids: ``reading.<what>``).
#: Priority bindings whose action runs even while a text field has focus (F3 steps the
#: find from inside its own field). A key the user maps to one of them must be a key no
#: text field takes: mapped to a letter, it would never be typed again
#: (:func:`reader.ui.settings.settle` refuses such a mapping).
TAKEN_FROM_FIELDS = frozenset({"reading.find-next"})

READING_BINDINGS: list[BindingType] = [
    Binding("n", "step_section(1)", "Next section", id="reading.next-section"),
    Binding("]", "step_section(1)", "Next section", show=False, id="reading.next-section-alt"),
    Binding("p", "step_section(-1)", "Prev section", id="reading.previous-section"),
    Binding("[", "step_section(-1)", "Prev section", show=False, id="reading.previous-section-alt"),
    *_section_bindings(),
    Binding("j", "scroll(1)", "Line down", show=False, id="reading.line-down"),
    Binding("k", "scroll(-1)", "Line up", show=False, id="reading.line-up"),
    Binding("space", "page(1)", "Page down", show=False, id="reading.page-down"),
    Binding("b", "page(-1)", "Page up", show=False, id="reading.page-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="reading.page-down-key"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="reading.page-up-key"),
    Binding("g", "edge('top')", "Top", show=False, id="reading.top"),
    Binding("G", "edge('bottom')", "Bottom", show=False, id="reading.bottom"),
    Binding("home", "edge('top')", "Top", show=False, id="reading.top-key"),
    Binding("end", "edge('bottom')", "Bottom", show=False, id="reading.bottom-key"),
    Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="reading.next-pane"),
    Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="reading.previous-pane"),
    # priority: taken in the order typed, before the next key is handed to the text
    # (see ReadingScreen.check_action); in a text field they are typed instead
    Binding("slash", "search_quotes", "Search quotes", priority=True, id="reading.search-quotes"),
    Binding("ctrl+f", "find", "Find", id="reading.find"),
    Binding("f", "find", "Find", show=False, priority=True, id="reading.find-alt"),
    # priority: taken as the app gets it, before the find field sees it (drawing its
    # cursor again, a frame the step then waited for) and the hops back up to here; it
    # steps in any text field too, so it may only have keys no field takes (see
    # TAKEN_FROM_FIELDS)
    Binding("f3", "find_step(1)", "Next match", show=False, priority=True, id="reading.find-next"),
    Binding("t", "toggle_toc", "Sections", id="reading.toggle-toc"),
    Binding("s", "toggle_quotes", "Quotes", id="reading.toggle-quotes"),
    Binding("question_mark", "help", "Help", id="reading.help"),
    Binding("f1", "help", "Help", show=False, id="reading.help-f1"),
    Binding("escape", "escape", "Close find / back", show=False, id="reading.escape"),
    Binding("q", "app.quit", "Quit", id="reading.quit"),
]


def reading_help(
    screen_bindings: Iterable[BindingType], app_bindings: Iterable[BindingType]
) -> list[tuple[str, list[HelpRow]]]:
    """Every key of the reading screen, grouped the way the help screen shows them.

    Enter and the mouse are not bindings of the screen (lists and fields handle
    them), so they are listed as rows of their own.
    """
    bindings: list[HelpRow] = [b for b in screen_bindings if isinstance(b, Binding)]
    everywhere: list[HelpRow] = [b for b in app_bindings if isinstance(b, Binding)]
    find: list[HelpRow] = [b for b in FindBar.BINDINGS if isinstance(b, Binding)]
    from reader.ui.widgets.quote_sidebar import QuoteSidebar  # not before the first paint

    sidebar: list[HelpRow] = [b for b in QuoteSidebar.BINDINGS if isinstance(b, Binding)]
    return [
        ("Reading", bindings),
        ("Find bar", [*find, ("⏎", "Next match")]),
        ("Quote sidebar", [*sidebar, ("⏎ in search", "Go to the first quote found")]),
        ("Lists", [("⏎", "Go to the section or quote"), ("↑ ↓ j k", "Move in the list")]),
        (
            "Mouse",
            [
                ("click", "Choose a section, speaker or quote"),
                ("drag", "Select article text"),
                ("drag, ^c", "Copy the selected text"),
            ],
        ),
        ("Everywhere", everywhere),
    ]


__all__ = [
    "FIND_BAR_ACTIONS",
    "FOOTER_PRIORITIES",
    "READING_BINDINGS",
    "SECTION_DIGITS",
    "reading_help",
]
