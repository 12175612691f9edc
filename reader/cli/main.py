"""Argument parsing and dispatch for ``reader``.

``reader [PATH]`` opens the app; ``reader check|show|quotes|import …`` are for scripts.
Exit codes: 0 success, 1 bad input (an article, a file), 2 usage error. A user error is
always one line on stderr, never a traceback; the UI (and Textual) is imported only when
the app is started, so the script subcommands start fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.core.articlefile import load_article
from reader.core.errors import ArticleError, ReaderError
from reader.core.files import shown
from reader.resources import default_article

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("check", "show", "quotes", "import", "index")


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, the way every other error is reported."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Read structured news articles in the terminal.",
        epilog=(
            "subcommands (reader COMMAND --help for each):\n"
            "  check PATH...    validate article files\n"
            "  show PATH        print an article as text\n"
            "  quotes PATH      list quotes with their speakers\n"
            "  import FILE...   turn raw article text into article files\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="an article file or a folder of articles (default: the bundled article)",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="validate article files")
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="(default: the bundled article)"
    )

    show = commands.add_parser("show", help="print an article as formatted text")
    show.add_argument(
        "path", nargs="?", type=Path, metavar="PATH", help="(default: the bundled article)"
    )

    quotes = commands.add_parser("quotes", help="list quotes with their speakers")
    quotes.add_argument(
        "path", nargs="?", type=Path, metavar="PATH", help="(default: the bundled article)"
    )
    quotes.add_argument("--speaker", metavar="NAME", help="only this speaker (name, surname or id)")
    quotes.add_argument("--search", metavar="WORDS", help="only quotes matching every word")
    quotes.add_argument("--json", action="store_true", help="print JSON")

    imp = commands.add_parser("import", help="turn raw article text into article files")
    imp.add_argument(
        "inputs", nargs="+", metavar="FILE", help="text files, folders, or - for stdin"
    )
    imp.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder to write articles to (default: current folder)",
    )
    imp.add_argument("--force", action="store_true", help="replace existing files")
    imp.add_argument(
        "--stdout", action="store_true", help="print the YAML instead of writing files"
    )
    from reader.cli import index

    index.add_parser(commands)
    return parser


def _styled(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


def _check(paths: list[Path]) -> int:
    failed = 0
    for path in paths:
        try:
            article = load_article(path)
        except ReaderError as exc:
            failed += 1
            print(str(exc), file=sys.stderr)
        else:
            quotes = len(article.quotes)
            print(
                f"{shown(path)}: ok ({len(article.sections)} sections, {quotes} quotes, "
                f"{len(article.speakers)} speakers)"
            )
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _show(path: Path) -> int:
    from reader.cli.show import print_article

    print_article(load_article(path), sys.stdout, styled=_styled(sys.stdout))
    return EXIT_OK


def _quotes(path: Path, speaker: str | None, search: str | None, as_json: bool) -> int:
    from reader.cli.quotes import quotes_json, quotes_text, select_quotes

    article = load_article(path)
    chosen = select_quotes(article, speaker, search)
    sys.stdout.write(quotes_json(article, chosen) if as_json else quotes_text(article, chosen))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from reader.cli.import_ import run_import

    return run_import(args.inputs, output=args.output, force=args.force, to_stdout=args.stdout)


def _open(path: Path | None) -> int:
    from reader.ui.factory import make_app, resolve_target

    target = resolve_target(path if path is not None else default_article())
    app = make_app(target)
    # The article lives as long as the process: keep the collector from walking it again
    # and again (tens of milliseconds a pass for a huge article, felt as stutter while
    # reading). Here, not in make_app: tests build many apps in one process.
    gc.freeze()
    app.run()
    return app.return_code or EXIT_OK


def run(argv: Sequence[str]) -> int:
    """Run the command line; return the exit code (errors are already printed)."""
    args = list(argv)
    if args and args[0] in SUBCOMMANDS:
        ns = _command_parser().parse_args(args)
        if ns.command == "check":
            return _check(ns.paths or [default_article()])
        if ns.command == "show":
            return _show(ns.path or default_article())
        if ns.command == "quotes":
            return _quotes(ns.path or default_article(), ns.speaker, ns.search, ns.json)
        if ns.command == "index":
            from reader.cli import index

            return index.run(ns)
        return _import(ns)
    ns = _open_parser().parse_args(args)
    return _open(ns.path)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` script: never lets a user error become a traceback."""
    for stream in (sys.stdout, sys.stderr):
        # a terminal or pipe that is not UTF-8 (PYTHONIOENCODING=ascii, old locales) gets
        # "?" for what it cannot show instead of a UnicodeEncodeError traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")
    try:
        code = run(sys.argv[1:] if argv is None else argv)
        # flush here, inside the try: output still buffered would otherwise fail at exit,
        # outside any handler, when the reader of a pipe has gone away
        sys.stdout.flush()
        return code
    except ArticleError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `reader show x | head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
