"""``reader completion bash|zsh|fish``: shell completion, made from reader's own parsers.

The scripts are generated from the argparse parsers of every registered subcommand
(``reader.cli.completion_spec``), so a new subcommand or option completes without
touching this file. Article paths complete to folders and ``.yaml``/``.yml``/``.json``
files; feed names are asked of reader itself when the shell completes them
(``reader completion --names feeds``), since they change as feeds are added.

``--install`` writes the script where each shell looks for completions of the user;
an existing file there is replaced only if reader wrote it, or with ``--force``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.cli.common import EXIT_BAD_INPUT, EXIT_OK, Commands

SHELLS = ("bash", "zsh", "fish")
#: First line of every generated script: how --install knows a file is reader's own.
MARKER = "# reader shell completion"


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "completion",
        help="shell completion for bash, zsh or fish",
        description=(
            "Print the completion script for a shell, or install it where the shell looks "
            "for it: reader completion bash --install (then open a new shell)."
        ),
    )
    parser.add_argument("shell", nargs="?", choices=SHELLS, help="bash, zsh or fish")
    parser.add_argument(
        "--install", action="store_true", help="write it to the shell's completion folder"
    )
    parser.add_argument("--force", action="store_true", help="replace a file reader did not write")
    parser.add_argument("--names", choices=("feeds",), help=argparse.SUPPRESS)


def run(ns: argparse.Namespace) -> int:
    from reader.core.errors import ReaderError

    if ns.names == "feeds":
        for name in feed_names():
            print(name)
        return EXIT_OK
    if ns.shell is None:
        error = ReaderError("completion: name a shell: bash, zsh or fish")
        error.exit_code = 2
        raise error
    script = completion_script(ns.shell)
    if not ns.install:
        sys.stdout.write(script)
        return EXIT_OK
    return _install(ns.shell, script, force=ns.force)


def completion_script(shell: str) -> str:
    """The completion script for ``shell``, for reader as its parsers are now."""
    from reader.cli.completion_spec import bash_script, fish_script, reader_spec, zsh_script

    spec = reader_spec()
    writers = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}
    return writers[shell](spec)


def install_path(shell: str) -> Path:
    """Where ``shell`` looks for a user's completion of ``reader``."""
    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    if shell == "bash":  # bash-completion's per-user folder, loaded on demand
        return data / "bash-completion" / "completions" / "reader"
    if shell == "zsh":  # a folder on $fpath (the README says how to add it)
        return data / "zsh" / "site-functions" / "_reader"
    return config / "fish" / "completions" / "reader.fish"


def _install(shell: str, script: str, *, force: bool) -> int:
    from reader.core.errors import ReaderError
    from reader.core.files import atomic_write, shown

    path = install_path(shell)
    if path.exists() and not force:
        try:
            ours = path.read_text(encoding="utf-8", errors="replace").startswith(MARKER)
        except OSError:
            ours = False
        if not ours:
            raise ReaderError(f"{shown(path)}: exists and is not reader's (use --force)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReaderError(f"{shown(path.parent)}: cannot create: {exc.strerror}") from None
    atomic_write(path, script, overwrite=True)
    print(f"{shown(path)}: installed")
    if shell == "zsh":
        print(f"(zsh: add 'fpath=({shown(path.parent)} $fpath)' before compinit in ~/.zshrc)")
    else:
        print("(open a new shell to use it)")
    return EXIT_OK if path.exists() else EXIT_BAD_INPUT


def feed_names() -> list[str]:
    """The names of the user's feeds, for completing ``reader feed remove|update NAME``."""
    from reader.core.errors import ReaderError
    from reader.web.subscriptions import load

    try:
        return [subscription.name for subscription in load()]
    except ReaderError:  # a damaged file: nothing to offer (reader feed list says why)
        return []
