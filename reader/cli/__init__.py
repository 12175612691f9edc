"""The ``reader`` command line: parse arguments, then call the core or start the UI."""

from reader.cli.main import main

__all__ = ["main"]
