"""The subcommand registry: every name in ``SUBCOMMANDS`` is a module with the contract."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

from reader.cli.main import SUBCOMMANDS, command_module, main


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_is_a_module_with_add_parser_and_run(name: str) -> None:
    module = command_module(name)
    assert module.__name__.startswith("reader.cli.")
    assert list(inspect.signature(module.add_parser).parameters) == ["commands"]
    assert list(inspect.signature(module.run).parameters) == ["ns"]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: reader {name}")


def test_help_and_every_parser_build_without_textual_or_rich() -> None:
    """Listing the subcommands imports each module, but none of their heavy imports."""
    code = (
        "import sys, contextlib, io\n"
        "from reader.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try: main(['--help'])\n"
        "    except SystemExit: pass\n"
        "assert 'subcommands' in out.getvalue()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
