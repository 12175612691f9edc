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
    """Every binding of reader's app, screens and widgets, with the class that has it."""
    from reader.ui.app import ReaderApp
    from reader.ui.screens.help import HelpScreen
    from reader.ui.screens.library import LibraryScreen
    from reader.ui.screens.reading import ReadingScreen
    from reader.ui.widgets.find_bar import FindBar
    from reader.ui.widgets.quote_sidebar import QuoteSidebar

    classes: tuple[type[DOMNode], ...] = (
        ReaderApp,
        ReadingScreen,
        FindBar,
        QuoteSidebar,
        LibraryScreen,
        HelpScreen,
    )
    for cls in classes:
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding):
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
        if binding_id in known:
            keymap[binding_id] = keys
        else:
            found.append(
                config.problem(
                    f"keys.{binding_id}",
                    "unknown binding id (reader config --keys lists them)",
                )
            )
    return Settings(theme, config.max_width, dict(config.panes), keymap, tuple(found))


def keys_table() -> list[tuple[str, str, str]]:
    """(binding id, keys, description) of every binding, for ``reader config --keys``."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for _cls, binding in reader_bindings():
        if binding.id and binding.id not in seen:
            seen.add(binding.id)
            rows.append((binding.id, binding.key, binding.description))
    return rows
