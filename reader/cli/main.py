"""Argument parsing and dispatch for ``reader``.

``reader [PATH]`` opens the app; ``reader COMMAND …`` runs one of the subcommands listed in
``SUBCOMMANDS``, each its own module ``reader.cli.<name>`` (``<name>_`` for a Python keyword)
with ``add_parser(commands)`` and ``run(ns) -> int``. Only the module of the command given
is imported, and the UI (and Textual) only when the app is started, so the script
subcommands start fast and one command's imports never slow another. ``reader`` and
``reader PATH``, nearly every start of the app, are read without argparse at all.
Exit codes: 0 success, 1 bad input (an article, a file), 2 usage error. A user error is
always one line on stderr, never a traceback.
"""

from __future__ import annotations

import importlib
import keyword
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.errors import ReaderError

if TYPE_CHECKING:
    import argparse

    from reader.cli.common import Commands

__all__ = ["SUBCOMMANDS", "main", "run"]

# One name a line, in the order --help lists them.
SUBCOMMANDS: tuple[str, ...] = (
    "check",
    "show",
    "quotes",
    "import",
    "index",
    "export",
    "serve",
    "config",
    "completion",
    "feed",
)


def command_module(name: str) -> ModuleType:
    """The module of subcommand ``name``: ``reader.cli.<name>`` (``import`` -> ``import_``)."""
    module = name.replace("-", "_")
    if keyword.iskeyword(module):
        module += "_"
    return importlib.import_module(f"reader.cli.{module}")


def _command_parser(
    names: Sequence[str],
) -> tuple[argparse.ArgumentParser, Commands]:
    from reader.cli.common import Parser

    parser = Parser(prog="reader")
    _add_version(parser)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in names:
        command_module(name).add_parser(commands)
    for action in commands._get_subactions():
        # every subcommand's --help opens with a description line: its own, or its summary
        sub = commands.choices[action.dest]
        if not sub.description:
            sub.description = action.help
    return parser, commands


def _add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-V", "--version", action="version", version=f"reader {__version__}")


def _arguments(parser: argparse.ArgumentParser) -> str:
    """A subcommand's positional arguments as its usage shows them (``[PATH]``, ``FILE ...``)."""
    formatter = parser._get_formatter()
    shown = [
        formatter._format_args(action, action.dest.upper())
        for action in parser._actions
        if not action.option_strings
    ]
    return " ".join(shown)


def _summary() -> str:
    """One line per subcommand for ``reader --help``, from the subcommands' own parsers."""
    _, commands = _command_parser(SUBCOMMANDS)
    usages = [
        (f"{action.dest} {_arguments(commands.choices[action.dest])}".rstrip(), action.help or "")
        for action in commands._get_subactions()
    ]
    width = max(len(usage) for usage, _ in usages) + 2
    lines = ["subcommands (reader COMMAND --help for each):"]
    lines += [f"  {usage:<{width}}{summary}" for usage, summary in usages]
    return "\n".join(lines) + "\n"


def _open_parser() -> argparse.ArgumentParser:
    """``reader [PATH]``; the subcommand list is built only when help is asked for."""
    import argparse

    from reader.cli.common import Parser

    class _OpenParser(Parser):
        def format_help(self) -> str:
            self.epilog = _summary()
            return super().format_help()

    parser = _OpenParser(
        prog="reader",
        description="Read structured news articles in the terminal.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="an article file or a folder of articles (default: your article folder once it "
        "holds articles, else the bundled article)",
    )
    parser.add_argument(
        "--articles-dir",
        type=Path,
        metavar="DIR",
        help="your article folder, opened when no PATH is given "
        "(default: READER_ARTICLES_DIR or the user data folder)",
    )
    _add_version(parser)
    return parser


def _plain_open(args: Sequence[str]) -> list[Path] | None:
    """What the open parser makes of ``reader`` and ``reader PATH`` (the PATH, if any),
    without argparse; None for any other command line (options, a subcommand, more
    arguments), which goes to argparse.

    Importing argparse and building the parser took ~2 ms of every start, before the
    first paint; these two command lines are nearly every start.
    """
    if not args:
        return []
    if len(args) == 1 and not args[0].startswith("-") and args[0] not in SUBCOMMANDS:
        return [Path(args[0])]
    return None


def _on_a_terminal() -> bool:
    """Whether the app can run here: it draws on stdout and reads keys from stdin, unless
    a Textual driver brings its own screen (textual-serve, behind ``reader serve``, runs
    each tab's reader on pipes with ``TEXTUAL_DRIVER`` set to its web driver)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _start_target(path: Path | None, articles_dir: Path | None) -> tuple[Path, list[Path]]:
    """What ``reader [PATH]`` opens, and the extra files a library lists.

    With no PATH: the user's article folder as a library (the bundled article listed
    among its articles) once it holds an article; the bundled article while it is empty.
    """
    from reader.resources import default_article
    from reader.ui.factory import resolve_target

    if path is not None:
        return resolve_target(path), []
    from reader.core.library import ARTICLE_SUFFIXES
    from reader.core.places import user_articles_dir

    folder = (articles_dir or user_articles_dir()).expanduser()
    try:
        holds = any(
            p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
            for p in folder.iterdir()
        )
    except OSError:
        holds = False
    if holds:
        return folder, [default_article()]
    return default_article(), []


def _open(path: Path | None, articles_dir: Path | None = None) -> int:
    if not _on_a_terminal():
        # the app would write escape codes into a pipe and wait for keys that never come
        import shlex

        from reader.cli.common import UsageError

        command = "reader show" if path is None else f"reader show {shlex.quote(str(path))}"
        what = "list the folder's articles" if path is not None and path.is_dir() else "print it"
        raise UsageError(f"not a terminal (the app needs one); to {what} as text: {command}")
    from reader.core.gctools import startup

    # Importing Textual and the UI and building the first screen make tens of thousands
    # of objects and no garbage: the collector's passes over them only delay the first
    # paint (by a sixth of the imports). The app ends the pause after the first frame,
    # freezing what was made: the article lives as long as the process, and the collector
    # walking it again and again (tens of milliseconds a pass for a huge article) would be
    # felt as stutter while reading. Here, not in make_app: tests build many apps in one
    # process.
    startup.begin()
    try:
        from reader.ui.factory import make_app

        target, extra = _start_target(path, articles_dir)
        app = make_app(target, extra=extra)
        app.run()
    finally:  # an article that would not load, an app that never painted: on again
        startup.end()
    if app.load_error is not None:  # the rest of an article shown head first is broken
        raise app.load_error
    return app.return_code or 0  # EXIT_OK


def run(argv: Sequence[str]) -> int:
    """Run the command line; return the exit code (errors are already printed)."""
    args = list(argv)
    plain = _plain_open(args)
    if plain is not None:
        return _open(plain[0] if plain else None)
    if args and args[0] in SUBCOMMANDS:
        parser, _ = _command_parser([args[0]])
        ns = parser.parse_args(args)
        code: int = command_module(ns.command).run(ns)
        return code
    ns = _open_parser().parse_args(args)
    return _open(ns.path, ns.articles_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``reader`` script: never lets a user error become a traceback."""
    if sys.stderr is None:
        # closed when Python started (`2>&-`): messages go nowhere. Left None, print(...,
        # file=sys.stderr) would write them to stdout, into an article printed there
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process
    for stream in (sys.stdout, sys.stderr):
        # a terminal or pipe that is not UTF-8 (PYTHONIOENCODING=ascii, old locales) gets
        # "?" for what it cannot show instead of a UnicodeEncodeError traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")
    try:
        code = run(sys.argv[1:] if argv is None else argv)
        # flush here, inside the try: output still buffered would otherwise fail at exit,
        # outside any handler, when the reader of a pipe has gone away (none to flush when
        # stdout was closed when Python started, `>&-`: it is None)
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except ReaderError as exc:
        from reader.cli.common import report

        report(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `reader show x | head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0  # EXIT_OK
