"""The user's settings file: ``config.toml`` in the user config folder.

Read with the standard library's ``tomllib``; nothing in it is ever executed. Every
setting is optional. A problem (an unknown setting, a value of the wrong kind, a file
that is not TOML at all) becomes one line naming the file and the line, and that
setting (or, for a broken file, every setting) keeps its default: a typo in the config
never stops reader from starting.

Only the shape of the values is checked here. Whether a theme or a binding id exists is
the UI's knowledge; it checks those when it applies the settings
(``reader.ui.settings``) and reports them the same way, using :attr:`Config.lines`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from reader.core.errors import ReaderError
from reader.core.files import read_text, shown
from reader.core.text import visible

CONFIG_FILE = "config.toml"
#: The range a sensible article column lies in (columns).
MIN_WIDTH, MAX_WIDTH = 20, 400
#: Side panes the reading screen has, as the config names them.
PANES = ("sections", "quotes")
#: A config file this big is certainly not one a person wrote.
MAX_CONFIG_BYTES = 1024 * 1024

# One key of a key list ("n", "ctrl+n", "question_mark", "shift+f3", "]"): a name of
# letters, digits and _ joined by +, or a single printable character.
# Compiled when first used (re caches it), not on import: the two patterns here cost
# 0.6 ms of every start, before the first paint, and most starts have no config file.
_KEY = r"^(?:[a-z0-9_]+(?:\+[a-z0-9_]+)*|[^\s,])\Z"


def config_dir() -> Path:
    """The user config folder (``READER_CONFIG_DIR`` overrides it)."""
    override = os.environ.get("READER_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("reader", appauthor=False))


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


#: An empty mapping that cannot be changed (the default of Config's and the UI's
#: Settings' mappings).
EMPTY_MAPPING: Mapping[str, Any] = MappingProxyType({})


class Config(NamedTuple):
    """The settings in force; each ``None`` means "reader's default".

    (A NamedTuple, not a frozen dataclass: it is made before the first paint, where a
    dataclass's methods, compiled from source, cost about a millisecond.)
    """

    theme: str | None = None
    max_width: int | None = None
    #: pane name -> shown at start; a pane not listed follows the terminal's width
    panes: Mapping[str, bool] = EMPTY_MAPPING
    #: binding id -> keys ("n,down"), for Textual's keymap
    keys: Mapping[str, str] = EMPTY_MAPPING
    #: the file read, if any, and the line of each setting in it ("theme",
    #: "keys.reading.quit"), so that the UI's checks can name the line too
    path: Path | None = None
    lines: Mapping[str, int] = EMPTY_MAPPING

    def problem(self, setting: str, message: str) -> str:
        """One line about ``setting``: ``file:line: setting: message``."""
        return _line(self.path, self.lines.get(setting), f"{setting}: {message}")


def _line(path: Path | None, line: int | None, message: str) -> str:
    name = shown(path) if path is not None else "config"
    where = f"{name}:{line}" if line is not None else name
    return visible(f"{where}: {message}", keep_newlines=False)


_TOML_AT = r"\s*\(at line (\d+), column \d+\)\s*$"


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings in ``path`` (default: :func:`config_path`) and the problems found.

    A missing file is no problem: every setting has its default.
    """
    path = config_path() if path is None else path
    try:
        text = read_text(path, MAX_CONFIG_BYTES)
    except ReaderError as exc:
        if not path.exists() and not path.is_symlink():
            return Config(path=path), []
        return Config(path=path), [f"{exc} (using the default settings)"]
    import tomllib  # only when there is a file: most people have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(_TOML_AT, message)
        line = int(found.group(1)) if found else None
        reason = re.sub(_TOML_AT, "", message) or "not valid TOML"
        return Config(path=path), [
            _line(path, line, f"not valid TOML: {reason} (using the default settings)")
        ]
    return _read(data, path, _Lines(text))


class _Lines:
    """Finds the line a setting stands on (tomllib does not say)."""

    _HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()

    def of(self, table: str | None, key: str) -> int | None:
        current: str | None = None
        pattern = re.compile(
            rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*="""
        )
        for number, line in enumerate(self._lines, start=1):
            header = self._HEADER.match(line)
            if header:
                current = header.group(1).strip("\"'")
                if table is None and current == key:
                    return number
                continue
            if current == table and pattern.match(line):
                return number
        return None


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             dict: "a table", list: "a list"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


def _read(data: dict[str, Any], path: Path, lines: _Lines) -> tuple[Config, list[str]]:
    problems: list[str] = []
    where: dict[str, int] = {}

    def problem(table: str | None, key: str, message: str) -> None:
        line = lines.of(table, key)
        setting = f"{table}.{key}" if table else key
        problems.append(_line(path, line, f"{setting}: {message}"))

    def note(table: str | None, key: str) -> None:
        line = lines.of(table, key)
        if line is not None:
            where[f"{table}.{key}" if table else key] = line

    theme: str | None = None
    max_width: int | None = None
    panes: dict[str, bool] = {}
    keys: dict[str, str] = {}
    known = ("theme", "max_width", "panes", "keys")
    for key, value in data.items():
        if key not in known:
            problem(None, key, f"unknown setting (known: {', '.join(known)})")
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                theme = value.strip()
                note(None, key)
            else:
                problem(None, key, f"expected a theme name, got {_kind(value)}")
        elif key == "max_width":
            if type(value) is int and MIN_WIDTH <= value <= MAX_WIDTH:
                max_width = value
            else:
                got = value if type(value) is int else _kind(value)
                problem(None, key, f"expected a whole number {MIN_WIDTH}-{MAX_WIDTH}, got {got}")
        elif not isinstance(value, dict):
            problem(None, key, f"expected a table ([{key}]), got {_kind(value)}")
        elif key == "panes":
            for pane, shown_at_start in value.items():
                if pane not in PANES:
                    problem("panes", pane, f"unknown pane (known: {', '.join(PANES)})")
                elif isinstance(shown_at_start, bool):
                    panes[pane] = shown_at_start
                elif shown_at_start != "auto":
                    problem("panes", pane, 'expected true, false or "auto"')
        else:
            for binding_id, value_keys in value.items():
                if isinstance(value_keys, str) and _valid_keys(value_keys):
                    keys[binding_id] = ",".join(k.strip() for k in value_keys.split(","))
                    note("keys", binding_id)
                else:
                    problem("keys", binding_id, _KEYS_EXPECTED)
    config = Config(theme, max_width, panes, keys, path=path, lines=where)
    return config, problems


_KEYS_EXPECTED = 'expected keys separated by commas, like "n" or "ctrl+n,down"'


def _valid_keys(text: str) -> bool:
    parts = [part.strip() for part in text.split(",")]
    return bool(parts) and all(re.match(_KEY, part, re.IGNORECASE) for part in parts)


EXAMPLE = """\
# reader's settings (TOML). Every setting is optional: leave out, or comment out, what
# you are happy with. `reader config --path` says where this file goes, and
# `reader config` checks it. A mistake is reported with its line, and that setting
# keeps its default.

# The colour theme: any name the command palette's "Change theme" lists
# (textual-dark, textual-light, nord, gruvbox, dracula, …).
# theme = "textual-light"

# The widest the article text gets, in columns (20 to 400; default 76).
# max_width = 90

[panes]
# Which side panes show when an article opens: true, false, or "auto" (shown when the
# terminal is at least 110 columns wide). t and s still show and hide them.
# sections = "auto"
# quotes = false

[keys]
# Other keys for reader's actions, by binding id; `reader config --keys` lists every id
# with its keys. Give one key or several separated by commas; they replace the
# action's default keys.
# "reading.next-section" = "n,l"
# "reading.previous-section" = "p,h"
# "reading.quit" = "q,x"
"""
