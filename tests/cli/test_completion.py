"""Shell completion: generated from the parsers, valid for each shell, and it completes.

Each script is syntax-checked by its shell (``bash -n``, ``zsh -n``, ``fish -n``) where
that shell is installed; bash and fish are also asked to complete real command lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.completion import MARKER, completion_script, install_path
from reader.cli.completion_spec import reader_spec
from reader.cli.main import main

SHELLS = ("bash", "zsh", "fish")


def needs(shell: str) -> str:
    path = shutil.which(shell)
    if path is None:
        pytest.skip(f"{shell} is not installed")
    return path


@pytest.mark.parametrize("shell", SHELLS)
def test_the_script_is_valid_for_its_shell(shell: str, tmp_path: Path) -> None:
    executable = needs(shell)
    script = tmp_path / f"reader.{shell}"
    script.write_text(completion_script(shell))
    checked = subprocess.run([executable, "-n", str(script)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("shell", SHELLS)
def test_the_command_prints_the_script(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    out = capsys.readouterr().out
    assert out == completion_script(shell)
    assert MARKER in out
    for word in ("export", "serve", "config", "completion", "format", "html", "force"):
        assert word in out


def test_the_spec_follows_the_parsers() -> None:
    spec = reader_spec()
    names = {sub.name for sub in spec.subcommands}
    assert {"check", "show", "quotes", "import", "export", "serve", "config"} <= names
    export = next(sub for sub in spec.subcommands if sub.name == "export")
    assert export.positional == "article"
    (fmt,) = (o for o in export.options if "--format" in o.flags)
    assert fmt.kind == "choices" and fmt.choices == ["md", "txt", "json", "html"]
    (output,) = (o for o in export.options if "--output" in o.flags)
    assert output.kind == "file"
    assert spec.positional == "article"  # reader PATH
    assert not any("--names" in o.flags for sub in spec.subcommands for o in sub.options)


def with_reader_on_path() -> dict[str, str]:
    """The environment with this checkout's ``reader`` first on PATH (for feed names)."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def bash_complete(tmp_path: Path, line: str) -> list[str]:
    """What bash offers for ``line`` (completing its last word) with reader's script."""
    script = tmp_path / "reader.bash"
    script.write_text(completion_script("bash"))
    words = line.split(" ")
    program = (
        f"source {script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        "_reader\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        [needs("bash"), "-c", program],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=with_reader_on_path(),
    )
    assert done.returncode == 0, done.stderr
    return sorted(word for word in done.stdout.splitlines() if word)


def articles_folder(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("")
    (tmp_path / "story.json").write_text("")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / "sub").mkdir()


def test_bash_completes_subcommands_options_and_article_paths(tmp_path: Path) -> None:
    articles_folder(tmp_path)
    assert bash_complete(tmp_path, "reader ex") == ["export"]
    assert bash_complete(tmp_path, "reader export --format ") == ["html", "json", "md", "txt"]
    assert bash_complete(tmp_path, "reader export --f") == ["--force", "--format"]
    assert bash_complete(tmp_path, "reader show ") == ["story.json", "story.yaml", "sub"]
    assert "notes.txt" in bash_complete(tmp_path, "reader export story.yaml -o ")
    assert bash_complete(tmp_path, "reader completion ") == ["bash", "fish", "zsh"]


def fish_complete(tmp_path: Path, line: str) -> list[str]:
    script = tmp_path / "reader.fish"
    script.write_text(completion_script("fish"))
    done = subprocess.run(
        [needs("fish"), "--no-config", "-c", f"source {script}; complete -C '{line}'"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=with_reader_on_path(),
    )
    assert done.returncode == 0, done.stderr
    return sorted(row.split("\t")[0] for row in done.stdout.splitlines() if row)


def test_fish_completes_subcommands_options_and_article_paths(tmp_path: Path) -> None:
    articles_folder(tmp_path)
    assert fish_complete(tmp_path, "reader ex") == ["export"]
    assert fish_complete(tmp_path, "reader export --format ") == ["html", "json", "md", "txt"]
    assert fish_complete(tmp_path, "reader show ") == ["story.json", "story.yaml", "sub/"]


def test_install_writes_where_the_shell_looks_and_keeps_a_foreign_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert install_path("bash") == tmp_path / "data/bash-completion/completions/reader"
    assert install_path("fish") == tmp_path / "config/fish/completions/reader.fish"
    assert main(["completion", "bash", "--install"]) == 0
    target = install_path("bash")
    assert target.read_text() == completion_script("bash")
    assert main(["completion", "bash", "--install"]) == 0  # reader's own: replaced
    fish = install_path("fish")
    fish.parent.mkdir(parents=True)
    fish.write_text("# my own\n")
    capsys.readouterr()
    assert main(["completion", "fish", "--install"]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert fish.read_text() == "# my own\n"
    assert main(["completion", "fish", "--install", "--force"]) == 0
    assert fish.read_text() == completion_script("fish")


def test_no_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_feed_names_print_one_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "--names", "feeds"]) == 0
    assert all(line.strip() for line in capsys.readouterr().out.splitlines())


def test_the_scripts_never_name_this_checkout() -> None:
    for shell in SHELLS:
        assert str(Path.cwd()) not in completion_script(shell)
        assert os.sep + "wt" + os.sep not in completion_script(shell)


def test_feed_names_complete_from_the_subscriptions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.web.subscriptions import Subscription, save

    save(
        [
            Subscription("harbour", "https://news.example/feed"),
            Subscription("kota", "https://x.example/rss"),
        ]
    )
    assert main(["completion", "--names", "feeds"]) == 0
    assert capsys.readouterr().out.splitlines() == ["harbour", "kota"]
    spec = reader_spec()
    feed = next(sub for sub in spec.subcommands if sub.name == "feed")
    kinds = {sub.name: sub.positional for sub in feed.subcommands}
    assert kinds["remove"] == "feed" and kinds["update"] == "feed" and kinds["add"] == "any"
    assert bash_complete(tmp_path, "reader feed ") == ["add", "list", "remove", "update"]
    assert bash_complete(tmp_path, "reader feed update h") == ["harbour"]
    fish = fish_complete(tmp_path, "reader feed remove ")
    assert fish == ["harbour", "kota"]


def test_a_damaged_subscriptions_file_completes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.web.subscriptions import feeds_file

    feeds_file().parent.mkdir(parents=True, exist_ok=True)
    feeds_file().write_text("{")
    assert main(["completion", "--names", "feeds"]) == 0
    assert capsys.readouterr() == ("", "")
