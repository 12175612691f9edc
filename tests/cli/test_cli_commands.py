"""The command line as issue #11 left it: a pipe instead of a terminal, folders given to
check, show and quotes, labels in the article's language, one error style, help and -V."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli.main import SUBCOMMANDS, main
from reader.core.format import dump_article
from reader.core.labels import label
from reader.core.model import Article

ROOT = Path(__file__).resolve().parents[2]

# `reader` in a real process, its app's run() replaced by an exit with code 99: whatever
# the command does, it can never take over the pipe nor wait for keys.
NEVER_RUN_THE_APP = (
    "import sys; from reader.ui.app import ReaderApp; "
    "ReaderApp.run = lambda self, *a, **k: sys.exit(99); "
    "from reader.cli.main import main; sys.exit(main())"
)


def _reader_on_pipes(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    return subprocess.run(
        [sys.executable, "-c", NEVER_RUN_THE_APP, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
        check=False,
    )


def _write(folder: Path, name: str, article: Article) -> Path:
    path = folder / name
    path.write_text(dump_article(article), encoding="utf-8")
    return path


# -- reader / reader DIR without a terminal ------------------------------------------


@pytest.mark.parametrize("given", ["nothing", "file", "folder"])
def test_the_app_on_a_pipe_says_what_to_do_instead_and_exits_2(
    given: str, tmp_path: Path, seed_path: Path
) -> None:
    args = {"nothing": [], "file": [str(seed_path)], "folder": [str(tmp_path)]}[given]
    done = _reader_on_pipes(*args)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("reader: ") and "terminal" in line
    assert line.endswith("reader show" + "".join(f" {a}" for a in args))


def test_the_app_runs_on_pipes_under_a_driver_of_its_own(seed_path: Path) -> None:
    """textual-serve (reader serve) runs each tab's reader on pipes, with its web driver."""
    driver = "textual.drivers.web_driver:WebDriver"
    done = _reader_on_pipes(str(seed_path), TEXTUAL_DRIVER=driver)
    assert done.returncode == 99, done.stderr  # the app's run() was reached


def test_the_app_still_starts_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.setattr(sys.modules["reader.cli.main"], "_on_a_terminal", lambda: True)
    assert main([str(seed_path)]) == 0
    assert len(started) == 1


# -- labels in the article's language ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "word", "not_word"), [("en", "Photo:", "Foto:"), ("id", "Foto:", "Photo:")]
)
def test_show_labels_follow_the_articles_language(
    language: str,
    word: str,
    not_word: str,
    tmp_path: Path,
    seed_article: Article,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rich.console import Console

    from reader.cli.show import rich_article

    article = dataclasses.replace(seed_article, language=language)
    path = _write(tmp_path, "a.yaml", article)
    assert main(["show", str(path)]) == 0
    plain = capsys.readouterr().out
    console = Console(width=100, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(rich_article(article))
    styled = console.export_text()
    for shown in (plain, styled):
        assert f"{word} Eduard Pesov/MFA Russia" in shown
        assert not_word not in shown


def test_labels_are_data_with_an_english_fallback() -> None:
    assert label("photo", "en-GB") == label("photo", "EN") == "Photo"
    assert label("photo", "id_ID") == "Foto"
    assert label("photo", "xx") == "Photo"  # a language without a table reads English
    assert label("indirect", "id") == "tidak langsung"
    tables = json.loads((ROOT / "reader" / "core" / "labels.json").read_text("utf-8"))
    english = set(tables["en"])
    assert all(set(words) <= english for lang, words in tables.items() if lang[0] != "_")


def test_quotes_mark_indirect_quotes_in_the_articles_language(
    tmp_path: Path, seed_article: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    first = dataclasses.replace(seed_article.quotes[0], kind="indirect")
    article = dataclasses.replace(seed_article, quotes=(first, *seed_article.quotes[1:]))
    path = _write(tmp_path, "a.yaml", article)
    assert main(["quotes", str(path)]) == 0
    assert "(tidak langsung)" in capsys.readouterr().out.splitlines()[0]


# -- folders: check, show, quotes ------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path, seed_article: Article) -> Path:
    """Two good articles (one in English, its quotes by other people) and one bad file."""
    folder = tmp_path / "news"
    folder.mkdir()
    _write(folder, "a.yaml", seed_article)
    speakers = tuple(
        dataclasses.replace(s, name=f"Ánna {s.name.split()[-1]}n") for s in seed_article.speakers
    )
    other = dataclasses.replace(
        seed_article, id="other", title="Another story", language="en", speakers=speakers
    )
    _write(folder, "b.yaml", other)
    (folder / "c.yaml").write_text("schema: 1\nid: c\ntitle: [x]\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not an article", encoding="utf-8")
    return folder


def test_check_of_a_folder_checks_every_article(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{folder / 'a.yaml'}: ok (4 sections, 9 quotes, 4 speakers)",
        f"{folder / 'b.yaml'}: ok (4 sections, 9 quotes, 4 speakers)",
    ]
    lines = err.splitlines()
    assert lines and all(line.startswith(f"reader: {folder / 'c.yaml'}:") for line in lines)


def test_check_of_a_good_folder_passes_and_an_empty_one_does_not(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "c.yaml").unlink()
    assert main(["check", str(folder)]) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reader: {empty}: no article files") and len(err.splitlines()) == 1


def test_show_of_a_folder_lists_its_articles(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(folder)]) == 1  # c.yaml is bad
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{folder / 'a.yaml'}: Moskow dan Washington Sepakat Tingkatkan Kerja Sama Lawan ISIS"
        " — Rossiyskaya Gazeta (9 quotes)",
        f"{folder / 'b.yaml'}: Another story — Rossiyskaya Gazeta (9 quotes)",
    ]
    assert err.startswith(f"reader: {folder / 'c.yaml'}:")


def test_quotes_of_a_folder_lists_them_across_its_articles(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "c.yaml").unlink()
    assert main(["quotes", str(folder), "--speaker", "lavrov"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{folder / 'a.yaml'}: Moskow dan Washington")
    assert f"{folder / 'b.yaml'}: Another story" in out
    assert out.count("  “") == 2  # Lavrov's one quote in each
    # the core's matching: accents and case ignored, on the speaker's name too
    assert main(["quotes", str(folder), "--search", "anna lavrovn", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["folder"] == str(folder)
    assert [(a["path"], [q["id"] for q in a["quotes"]]) for a in data["articles"]] == [
        (str(folder / "b.yaml"), ["q1"])
    ]


def test_quotes_of_a_folder_reports_bad_files_and_lists_the_rest(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quotes", str(folder), "--json"]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)["articles"]) == 2
    assert err.startswith(f"reader: {folder / 'c.yaml'}:")


# -- one error style -----------------------------------------------------------------


def test_every_command_words_the_same_error_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nid: bad\ntitle: [1]\n", encoding="utf-8")
    for target in (bad, tmp_path / "missing.yaml"):
        errors = []
        for command in ("check", "show", "quotes"):
            assert main([command, str(target)]) == 1
            errors.append(capsys.readouterr().err)
        assert errors[0] == errors[1] == errors[2]
        assert all(line.startswith(f"reader: {target}") for line in errors[0].splitlines())


# -- reader import names the folder it found nothing in --------------------------------


def test_import_names_the_folder_with_nothing_to_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "etc"
    empty.mkdir()
    (empty / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    assert main(["import", str(empty), "-o", str(tmp_path / "out")]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("reader: ") and str(empty) in line
    assert not (tmp_path / "out").exists()


# -- help and version ------------------------------------------------------------------


def test_help_shows_optional_paths_as_optional(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: reader [-h] [--articles-dir DIR] [-V] [PATH]\n")
    listed = {line.split()[0]: line for line in out.split("subcommands")[1].splitlines()[1:]}
    assert set(listed) == set(SUBCOMMANDS)
    assert listed["check"].split()[1:3] == ["[PATH", "...]"]
    assert listed["show"].split()[1] == "[PATH]"
    assert listed["quotes"].split()[1] == "[PATH]"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_help_has_a_description_line(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([name, "--help"])
    out = capsys.readouterr().out
    description = out.split("\n\n")[1]
    assert description.strip() and not description.startswith(("positional", "options"))


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([flag])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"reader {__version__}\n"
