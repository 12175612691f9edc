"""reader.core.config: settings read from TOML; every problem one line with file and line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.core.config import EXAMPLE, Config, config_path, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_the_defaults_and_no_problem(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "config.toml")
    assert problems == []
    assert (config.theme, config.max_width, dict(config.panes), dict(config.keys)) == (
        None, None, {}, {}
    )  # fmt: skip


def test_the_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    assert config_path() == tmp_path / "config.toml"


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "nord"\nmax_width = 90\n\n[panes]\nsections = false\nquotes = "auto"\n\n'
        '[keys]\n"reading.quit" = "q, x"\nreading = "z"\n',
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.theme == "nord"
    assert config.max_width == 90
    assert dict(config.panes) == {"sections": False}  # "auto" is the default
    assert dict(config.keys) == {"reading.quit": "q,x", "reading": "z"}
    assert config.lines["theme"] == 1
    assert config.lines["keys.reading.quit"] == 9


def test_the_example_is_valid_toml_and_sets_nothing(tmp_path: Path) -> None:
    assert tomllib.loads(EXAMPLE) == {"panes": {}, "keys": {}}
    config, problems = load_config(write(tmp_path, EXAMPLE))
    assert problems == []
    assert config == Config(path=config.path, lines=config.lines)


def test_the_example_uncommented_is_valid_too(tmp_path: Path) -> None:
    lines = [line[2:] if line.startswith("# ") and "=" in line else line
             for line in EXAMPLE.splitlines()]  # fmt: skip
    config, problems = load_config(write(tmp_path, "\n".join(lines)))
    assert problems == []
    assert config.theme == "textual-light" and config.max_width == 90
    assert dict(config.panes) == {"quotes": False}
    assert "reading.next-section" in config.keys


def one_line_each(problems: list[str]) -> None:
    assert all("\n" not in p for p in problems)


def test_an_unknown_setting_names_file_and_line_and_the_rest_applies(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\ncolour = "red"\nmax_width = 80\n')
    config, problems = load_config(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:2: colour: unknown setting")
    assert (config.theme, config.max_width) == ("nord", 80)


@pytest.mark.parametrize(
    ("text", "line", "setting"),
    [
        ("max_width = 'wide'\n", 1, "max_width"),
        ("\nmax_width = 5\n", 2, "max_width"),
        ("max_width = true\n", 1, "max_width"),
        ("theme = 3\n", 1, "theme"),
        ("[panes]\nquotes = 'sometimes'\n", 2, "panes.quotes"),
        ("[panes]\nsidebar = true\n", 2, "panes.sidebar"),
        ("panes = 1\n", 1, "panes"),
        ("[keys]\n'reading.quit' = 3\n", 2, "keys.reading.quit"),
        ("[keys]\n'reading.quit' = 'ctrl + q'\n", 2, "keys.reading.quit"),
        ("[keys]\n'reading.quit' = ''\n", 2, "keys.reading.quit"),
    ],
)
def test_a_bad_value_is_one_line_with_its_line_and_keeps_the_default(
    tmp_path: Path, text: str, line: int, setting: str
) -> None:
    path = write(tmp_path, 'theme = "nord"\n' * (setting != "theme") + text)
    shift = setting != "theme"
    config, problems = load_config(path)
    assert len(problems) == 1
    one_line_each(problems)
    assert problems[0].startswith(f"{path}:{line + shift}: {setting}: ")
    assert config.max_width is None and dict(config.panes) == {} and dict(config.keys) == {}
    if shift:
        assert config.theme == "nord"


def test_a_broken_file_is_one_line_with_its_line_and_all_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nmax_width = \n')
    config, problems = load_config(path)
    assert len(problems) == 1
    one_line_each(problems)
    assert problems[0].startswith(f"{path}:2: not valid TOML")
    assert config.theme is None


def test_an_unreadable_config_is_one_line_and_all_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    config, problems = load_config(folder)
    assert len(problems) == 1 and str(folder) in problems[0]
    one_line_each(problems)
    assert config.theme is None


def test_text_from_the_file_never_drives_the_terminal(tmp_path: Path) -> None:
    path = write(tmp_path, '"\\u001b[31mred" = 1\n')
    _, problems = load_config(path)
    assert len(problems) == 1 and "\x1b" not in problems[0]


def test_the_readme_example_is_a_valid_config(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Settings", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    config, problems = load_config(write(tmp_path, block))
    assert problems == []
    assert config.theme and config.max_width and config.panes and config.keys
