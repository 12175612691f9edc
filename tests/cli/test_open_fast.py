"""``reader`` and ``reader PATH`` are read without argparse (issue #16: ~2 ms of every
start), exactly as the open parser reads them; any other command line goes to argparse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import SUBCOMMANDS, _open_parser, _plain_open, main


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["article.yaml"],
        ["some folder/"],
        [""],
        ["help"],
        ["~/news/a.yaml"],
        ["ünïcode.yaml"],
    ],
)
def test_the_plain_command_lines_read_as_argparse_reads_them(argv: list[str]) -> None:
    plain = _plain_open(argv)
    assert plain is not None
    parsed = _open_parser().parse_args(argv)
    assert (plain[0] if plain else None) == parsed.path
    assert parsed.articles_dir is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-V"],
        ["--articles-dir", "x"],
        ["a.yaml", "b.yaml"],
        ["-"],
        ["-1"],
        *([name] for name in SUBCOMMANDS),
    ],
)
def test_every_other_command_line_goes_to_argparse(argv: list[str]) -> None:
    assert _plain_open(argv) is None


def test_reader_path_opens_without_importing_argparse(tmp_path: Path) -> None:
    """The app's start (here stopped where it would open) never loads argparse."""
    code = (
        "import importlib, sys\n"
        "m = importlib.import_module('reader.cli.main')  # reader.cli.main is also a function\n"
        "seen = []\n"
        "m._open = lambda path, articles_dir=None: seen.append(path) or 0\n"
        "assert m.main(sys.argv[1:]) == 0\n"
        "print(seen, 'argparse' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "a.yaml"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert out.stdout.split() == ["[PosixPath('a.yaml')]", "False"]


def test_a_plain_start_off_a_terminal_is_still_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    assert main([str(seed_path)]) == 2  # pytest's stdin is not a terminal
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("reader: not a terminal")
