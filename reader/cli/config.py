"""``reader config``: where the settings file is, a commented example, the key ids.

With no option it checks the file and prints each problem on one line (exit 1 if there
are any), the way the app would report them.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import EXIT_BAD_INPUT, EXIT_OK, Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "config",
        help="the settings file: where it is, an example, a check",
        description=(
            "reader reads its settings (theme, text width, panes at start, keys) from a TOML "
            "file in the user config folder. With no option, check that file."
        ),
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--path", action="store_true", help="print where the settings file is")
    what.add_argument(
        "--example", action="store_true", help="print a commented example settings file"
    )
    what.add_argument(
        "--keys", action="store_true", help="list every binding id with its keys, to remap them"
    )


def run(ns: argparse.Namespace) -> int:
    from reader.core.config import EXAMPLE, config_path, load_config

    if ns.path:
        print(config_path())
        return EXIT_OK
    if ns.example:
        sys.stdout.write(EXAMPLE)
        return EXIT_OK
    if ns.keys:
        return _keys()
    path = config_path()
    config, problems = load_config(path)
    # what only the UI knows (themes, binding ids) is checked too
    from textual.theme import BUILTIN_THEMES

    from reader.ui.settings import settle

    problems = list(settle(config, BUILTIN_THEMES, problems).problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return EXIT_BAD_INPUT
    state = "ok" if path.exists() else "not there (every setting has its default)"
    print(f"{path}: {state}")
    return EXIT_OK


def _keys() -> int:
    from reader.ui.settings import keys_table

    rows = keys_table()
    width = max(len(binding_id) for binding_id, _k, _d in rows)
    keys_width = max(len(keys) for _i, keys, _d in rows)
    for binding_id, keys, description in rows:
        print(f"{binding_id:<{width}}  {keys:<{keys_width}}  {description}")
    return EXIT_OK
