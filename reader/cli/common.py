"""What every subcommand shares: exit codes, the one-line argparse, and when to style output."""

from __future__ import annotations

import argparse
import os
from typing import TypeAlias

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, the way every other error is reported."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


Commands: TypeAlias = "argparse._SubParsersAction[Parser]"
"""What a subcommand's ``add_parser(commands)`` adds its sub-parser to."""


def wants_style(stream: object) -> bool:
    """Style output only for a terminal, and never with ``NO_COLOR`` set."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ
