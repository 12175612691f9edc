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


def test_reader_alone_opens_the_bundled_article_until_the_folder_holds_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from reader.core.index import LibraryIndex
    from reader.core.model import Article
    from reader.resources import default_article
    from reader.ui.app import ReaderApp

    cli_main = importlib.import_module("reader.cli.main")

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.setattr(cli_main, "_on_a_terminal", lambda: True)
    folder = tmp_path / "mine"
    monkeypatch.setenv("READER_ARTICLES_DIR", str(folder))
    assert main([]) == 0  # no folder yet
    folder.mkdir()
    (folder / "notes.txt").write_text("not an article")
    assert main([]) == 0  # a folder without articles
    assert all(isinstance(app._start, Article) for app in started)
    write(folder, "a.yaml", make_article("a", "A", []))
    assert main([]) == 0
    library = started[-1]._start
    assert isinstance(library, LibraryIndex)
    assert library.folder == folder and library.extra == (default_article(),)
    other = tmp_path / "other"
    other.mkdir()
    write(other, "b.yaml", make_article("b", "B", []))
    assert main(["--articles-dir", str(other)]) == 0
    assert started[-1]._start.folder == other  # type: ignore[union-attr]
    for app in started:
        if isinstance(app._start, LibraryIndex):
            app._start.close()


def test_index_draws_a_progress_bar_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from reader.core.index import update

    folder = tmp_path / "lib"
    small_library(folder)
    monkeypatch.setattr(update, "BATCH", 1)  # a step per file
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert main(["index", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "Indexing" in err  # the bar, drawn on stderr
    assert out.strip().endswith("4 files, 4 read, 0 removed, 1 broken")


# -- reader quotes DIR and reader check DIR answer from the index ------------------------


def _no_file_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading an article file fails (answers must come from the index)."""
    import reader.core.format as fmt

    def refuse(path: object, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(fmt, "load_article", refuse)


def indexed_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A small library without its broken file, indexed by ``reader index``."""
    folder = tmp_path / "lib"
    small_library(folder)["broken"].unlink()
    assert main(["index", str(folder)]) == 0
    capsys.readouterr()
    return folder


def test_quotes_of_a_folder_come_from_its_index_refreshed_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = indexed_library(tmp_path, capsys)
    with monkeypatch.context() as patched:
        _no_file_is_read(patched)
        assert main(["quotes", str(folder), "--speaker", "lavrov"]) == 0
    out = capsys.readouterr().out
    assert out.count("  “") == 2 and "Sanctions will not help anyone" in out
    # a changed file is read again before the answer; the others are not
    write(
        folder,
        "geneva.yaml",
        make_article("geneva", "Talks in Geneva", [("Sergei Lavrov", "", "Kalimat baru")]),
        mtime=1_000_000_000_000_000_000 + 7,
    )
    assert main(["quotes", str(folder), "--speaker", "lavrov", "--search", "baru"]) == 0
    out = capsys.readouterr().out
    assert "Kalimat baru" in out and "Sanctions" not in out


def test_only_the_quotes_asked_for_become_model_objects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``reader quotes DIR`` decides each quote from the index's row: an article with no
    quote asked for, and the quotes left out, are never made (at 10,000 articles making
    them all took longer than deciding them)."""
    from reader.core.index import stored

    folder = indexed_library(tmp_path, capsys)
    made: list[str] = []
    articles: list[str] = []
    new_quote, new_article = stored.Quote, stored.Article

    def quote(quote_id: str, *args: object) -> stored.Quote:
        made.append(quote_id)
        return new_quote(quote_id, *args)  # type: ignore[arg-type]

    def article(**fields: object) -> stored.Article:
        articles.append(str(fields["title"]))
        return new_article(**fields)  # type: ignore[arg-type]

    monkeypatch.setattr(stored, "Quote", quote, raising=True)
    monkeypatch.setattr(stored, "Article", article, raising=True)
    assert main(["quotes", str(folder), "--speaker", "kerry"]) == 0
    out = capsys.readouterr().out
    assert out.count("  “") == 1 and "Kerja sama ini penting" in out
    assert len(made) == 1 and articles == ["Moskow dan Washington di Paris"]
    assert main(["quotes", str(folder), "--search", "sanctions"]) == 0
    assert "Sanctions will not help anyone" in capsys.readouterr().out
    assert len(made) == 2 and articles[1:] == ["Talks in Geneva"]


def test_the_folders_json_is_each_articles_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Answered from the index, each article's record is what ``reader quotes FILE
    --json`` gives for the file: speakers' ids, roles, headings, paragraphs."""
    import json

    folder = tmp_path / "lib"
    small_library(folder)
    assert main(["quotes", str(folder), "--json"]) == 1  # broken.yaml
    data = json.loads(capsys.readouterr().out)
    assert [Path(a["path"]).name for a in data["articles"]] == ["geneva.yaml", "paris.yaml"]
    for record in data["articles"]:
        assert main(["quotes", record.pop("path"), "--json"]) == 0
        assert record == json.loads(capsys.readouterr().out)


def test_check_of_a_folder_comes_from_its_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = indexed_library(tmp_path, capsys)
    with monkeypatch.context() as patched:
        _no_file_is_read(patched)
        assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ok (")[0] for line in out] == [
        str(folder / name) for name in ("geneva.yaml", "paris.yaml", "quiet.yaml")
    ]
    assert out[1].endswith("(1 sections, 2 quotes, 2 speakers)")


def test_quotes_of_a_folder_without_articles_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found without listing every file: a hidden article or another kind of file does
    not count, one article file does."""
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.txt").write_text("not an article", encoding="utf-8")
    write(folder, ".hidden.yaml", make_article("h", "Hidden", []))
    assert main(["quotes", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reader: {folder}: no article files") and len(err.splitlines()) == 1
    write(folder, "seen.YML", make_article("s", "Seen", [("Ann Lee", "", "Hello there")]))
    assert main(["quotes", str(folder)]) == 0
    assert "Hello there" in capsys.readouterr().out
