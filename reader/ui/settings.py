"""The user's config applied to the app: theme, text width, panes at start, keymap.

``reader.core.config`` reads the file and checks the shape of each value; what only the
UI knows (which themes exist, which binding ids there are) is checked here, with the
same one-line messages naming the file and line. A setting that does not pass keeps
its default; the app shows the problems as notifications when it starts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from textual.binding import Binding
from textual.dom import DOMNode

from reader.core.config import EMPTY_MAPPING, Config


def reader_bindings() -> Iterator[tuple[type[DOMNode], Binding]]:
    """Every binding of reader's app, screens and widgets, with the class that has it.

    An id comes once, from the first class that has it: a screen that shows a binding
    of the screen it extends in its own words (the library's article, Escape) declares
    it again, under the same id.
    """
    from reader.ui.app import ReaderApp
    from reader.ui.screens.help import HelpScreen
    from reader.ui.screens.library import LibraryScreen
    from reader.ui.screens.library_reading import LibraryReadingScreen
    from reader.ui.screens.reading import ReadingScreen
    from reader.ui.widgets.find_bar import FindBar
    from reader.ui.widgets.quote_sidebar import QuoteSidebar

    classes: tuple[type[DOMNode], ...] = (
        ReaderApp,
        ReadingScreen,
        LibraryReadingScreen,
        FindBar,
        QuoteSidebar,
        LibraryScreen,
        HelpScreen,
    )
    seen: set[str | None] = set()
    for cls in classes:
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding) and (binding.id is None or binding.id not in seen):
                seen.add(binding.id)
                yield cls, binding


def binding_ids() -> dict[str, Binding]:
    """Binding id -> binding, for every binding that can be remapped."""
    return {b.id: b for _cls, b in reader_bindings() if b.id}


class Settings(NamedTuple):
    """What the app uses of the config, checked; each ``None`` is the default.

    (A NamedTuple, not a frozen dataclass: it is made before the first paint, where a
    dataclass's methods, compiled from source, cost ~1 ms.)
    """

    theme: str | None = None
    max_width: int | None = None
    panes: Mapping[str, bool] = EMPTY_MAPPING
    keymap: Mapping[str, str] = EMPTY_MAPPING
    problems: tuple[str, ...] = ()


def settle(config: Config, themes: Mapping[str, object], problems: list[str]) -> Settings:
    """The usable part of ``config``; what is not usable is added to ``problems``."""
    found = list(problems)
    theme = config.theme
    if theme is not None and theme not in themes:
        names = ", ".join(sorted(themes))
        found.append(config.problem("theme", f"unknown theme {theme!r} (known: {names})"))
        theme = None
    # every screen's bindings, hence every screen's module: only when there is a keymap
    # to check (importing the reading screen would slow a library's first paint)
    known = binding_ids() if config.keys else {}
    keymap: dict[str, str] = {}
    for binding_id, keys in config.keys.items():
        typed = _typed_in_fields(keys) if binding_id in _taken_from_fields() else []
        if binding_id not in known:
            message = "unknown binding id (reader config --keys lists them)"
            found.append(config.problem(f"keys.{binding_id}", message))
        elif typed:
            message = (
                f"{', '.join(typed)} would no longer reach text fields; this binding"
                " needs keys that a text field does not take (such as f3 or ctrl+g)"
            )
            found.append(config.problem(f"keys.{binding_id}", message))
        else:
            keymap[binding_id] = keys
    return Settings(theme, config.max_width, dict(config.panes), keymap, tuple(found))


def _taken_from_fields() -> frozenset[str]:
    from reader.ui.screens.reading_keys import TAKEN_FROM_FIELDS

    return TAKEN_FROM_FIELDS


def _typed_in_fields(keys: str) -> list[str]:
    """Those of ``keys`` (as a keymap writes them: "f3,ctrl+g") that a text field
    takes: printable characters and the keys of a field's own bindings."""
    from textual.keys import REPLACED_KEYS, key_to_character
    from textual.widgets import Input

    field_keys = {
        key.strip() for b in Input.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")
    }
    found = []
    for key in (key.strip() for key in keys.split(",")):
        if key in field_keys or key_to_character(REPLACED_KEYS.get(key, key)) is not None:
            found.append(key)
    return found


def keys_table() -> list[tuple[str, str, str]]:
    """(binding id, keys, description) of every binding, for ``reader config --keys``."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for _cls, binding in reader_bindings():
        if binding.id and binding.id not in seen:
            seen.add(binding.id)
            rows.append((binding.id, binding.key, binding.description))
    return rows
