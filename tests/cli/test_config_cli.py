"""``reader config``: the file's place, the example, the key ids, and a check of the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.core.config import EXAMPLE


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def config_file() -> Path:
    return Path(os.environ["READER_CONFIG_DIR"]) / "config.toml"


def test_path_and_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config", "--path") == (0, f"{config_file()}\n", "")
    assert run(capsys, "config", "--example") == (0, EXAMPLE, "")


def test_keys_lists_every_binding_id_with_its_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "config", "--keys")
    assert code == 0
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()}
    assert rows["reading.next-section"] == "n"
    assert rows["quote-sidebar.copy-citation"] == "C"


def test_no_file_is_fine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "config")
    assert (code, err) == (0, "")
    assert out.startswith(str(config_file()))


def test_a_good_file_is_ok(capsys: pytest.CaptureFixture[str]) -> None:
    config_file().write_text('theme = "nord"\n[keys]\n"reading.quit" = "q,x"\n')
    assert run(capsys, "config") == (0, f"{config_file()}: ok\n", "")


def test_every_problem_is_one_line_with_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    config_file().write_text('theme = "no-such"\nwidth = 3\n[keys]\n"reading.nope" = "x"\n')
    code, out, err = run(capsys, "config")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{config_file()}:2: width: unknown setting")
    assert lines[1].startswith(f"{config_file()}:1: theme: unknown theme 'no-such'")
    assert lines[2].startswith(f"{config_file()}:4: keys.reading.nope: unknown binding id")
