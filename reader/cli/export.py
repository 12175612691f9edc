"""``reader export``: an article as Markdown, plain text, JSON or one HTML page.

The writing itself is the core's (``reader.core.export``); this module picks the format
(``--format``, else the ending of ``-o``), and writes to stdout or, atomically, to a file
that is never replaced without ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import EXIT_OK, Commands

FORMATS = ("md", "txt", "json", "html")


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "export",
        help="write an article as Markdown, text, JSON or HTML",
        description=(
            "Write the whole article (sections, quotes with their speakers, footer) as "
            "Markdown, plain text, JSON (the article format) or one self-contained HTML page."
        ),
    )
    parser.add_argument(
        "path", nargs="?", type=Path, metavar="PATH", help="(default: the bundled article)"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="output format (default: from the ending of -o FILE)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(ns: argparse.Namespace) -> int:
    from reader.core.errors import ReaderError
    from reader.core.export import SUFFIXES, export_article
    from reader.core.files import atomic_write, shown
    from reader.core.format import load_article
    from reader.resources import default_article

    output: Path | None = ns.output
    fmt = ns.format
    if fmt is None:
        fmt = SUFFIXES.get(output.suffix.lower()) if output is not None else None
        if fmt is None:
            raise _usage("say which format with --format md|txt|json|html")
    source: Path = ns.path or default_article()
    if output is not None:
        if output.exists() and not ns.force:
            raise ReaderError(f"{shown(output)}: already exists (use --force to replace it)")
        if output.exists() and source.exists() and output.resolve() == source.resolve():
            raise ReaderError(f"{shown(output)}: is the article being exported")
    text = export_article(load_article(source), fmt)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    atomic_write(output, text, overwrite=ns.force)
    print(f"{shown(output)}: written ({fmt})", file=sys.stderr)
    return EXIT_OK


def _usage(message: str) -> Exception:
    from reader.core.errors import ReaderError

    error = ReaderError(f"export: {message}")
    error.exit_code = 2
    return error
