"""``reader index [DIR]``: builds and refreshes a folder's index from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_articles import make_article, small_library, write

from reader.cli.main import main


def test_index_builds_then_refreshes_and_is_quiet_when_piped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    paths = small_library(folder)
    assert main(["index", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.strip().endswith("4 files, 4 read, 0 removed, 1 broken") and err == ""
    paths["geneva"].unlink()
    write(folder, "new.yaml", make_article("new", "Baru", []))
    assert main(["index", str(folder)]) == 0
    out, _ = capsys.readouterr()
    assert out.strip().endswith("4 files, 1 read, 1 removed, 1 broken")


def test_index_without_a_folder_uses_the_article_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    small_library(folder)
    monkeypatch.setenv("READER_ARTICLES_DIR", str(folder))
    assert main(["index"]) == 0
    assert "4 read" in capsys.readouterr().out
    other = tmp_path / "other"
    other.mkdir()
    write(other, "a.yaml", make_article("a", "A", []))
    assert main(["index", "--articles-dir", str(other)]) == 0
    assert "1 files, 1 read" in capsys.readouterr().out


def test_index_of_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", str(tmp_path / "nope")]) == 1
    _, err = capsys.readouterr()
    assert len(err.splitlines()) == 1 and "no such folder" in err
