"""``reader import FILE... [-o DIR] [--force] [--stdout]``: raw article text in, articles out.

The module is ``import_`` because ``import`` is a Python keyword; the work is done by
``reader.importer.command.run_import``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("import", help="turn raw article text into article files")
    parser.add_argument(
        "inputs", nargs="+", metavar="FILE", help="text files, folders, or - for stdin"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder to write articles to (default: current folder)",
    )
    parser.add_argument("--force", action="store_true", help="replace existing files")
    parser.add_argument(
        "--stdout", action="store_true", help="print the YAML instead of writing files"
    )


def run(ns: argparse.Namespace) -> int:
    from reader.importer.command import run_import

    return run_import(ns.inputs, output=ns.output, force=ns.force, to_stdout=ns.stdout)
