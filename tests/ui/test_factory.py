"""The factory the CLI and the tests share: paths, folders, bad files."""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from _waiting import until
from conftest import WIDE
from textual.widgets import OptionList

from reader.core.errors import ArticleError, ReaderError
from reader.core.format import save_article
from reader.core.model import Article
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app, resolve_target
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen


def test_resolve_target_explains_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file or folder") as caught:
        resolve_target(tmp_path / "nope.yaml")
    assert "\n" not in str(caught.value)
    assert resolve_target(tmp_path) == tmp_path


def test_resolve_target_keeps_a_hostile_name_on_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "a\nb\x1b[2J"
    with pytest.raises(ReaderError) as info:
        resolve_target(missing)
    assert "\n" not in str(info.value) and "\x1b" not in str(info.value)
    special = tmp_path / "c\nd-fifo"
    os.mkfifo(special)
    with pytest.raises(ReaderError, match="not an article file") as info:
        resolve_target(special)
    assert "\n" not in str(info.value)


def test_a_bad_file_fails_before_the_app_starts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nid: x\n")
    with pytest.raises(ArticleError):
        make_app(bad, state=StateStore())


async def test_a_folder_opens_the_library_and_reports_bad_files(
    tmp_path: Path, seed_path: Path, notifications: Callable[[ReaderApp], list[str]]
) -> None:
    shutil.copy(seed_path, tmp_path / "good.yaml")
    (tmp_path / "broken.yaml").write_text("title: [unclosed\n")
    app = make_app(tmp_path, state=StateStore())
    notes = notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert any("broken.yaml" in n for n in notes)
        assert screen.query_one(OptionList).option_count == 1
        await pilot.press("enter")
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert app.is_running


async def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#empty").display
        await pilot.press("j", "k", "down")  # no list to move: the keys do nothing
        assert app.is_running and isinstance(app.screen, LibraryScreen)


async def test_error_lines_with_markup_are_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "lib["
    folder.mkdir()
    (folder / "bad].yaml").write_text("title: [unclosed\n")  # the path holds "[/bad]"
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert app.is_running  # a closing tag parsed as markup would have crashed it

        def shown() -> str:
            cells = re.findall(r">([^<]*)</text>", app.export_screenshot())
            return html.unescape("".join(cells)).replace("\xa0", " ")

        # the toast, wrapped, literal
        await until(pilot, lambda: "/bad].yaml" in shown(), "the toast is drawn")
        assert "lib[" in shown()


async def test_library_titles_are_plain_text(tmp_path: Path, seed_article: Article) -> None:
    article = replace(seed_article, title="Judul [bold]tebal[/] [@click=app.quit]x[/]")
    save_article(article, tmp_path / "a.yaml")
    app = make_app(tmp_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompt = options.get_option_at_index(0).prompt
        assert str(prompt).startswith("Judul [bold]tebal[/] [@click=app.quit]x[/]")
        await pilot.press("enter")
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.title == article.title


async def test_a_hostile_folder_name_is_spelled_out_in_the_header(
    tmp_path: Path, seed_path: Path
) -> None:
    folder = tmp_path / "lib\x1b]52;c;ZXZpbA==\x07\u202e"
    folder.mkdir()
    shutil.copy(seed_path, folder / "good.yaml")
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=WIDE):
        title = app.screen.title or ""
        assert "\x1b" not in title and "\u202e" not in title and "\x07" not in title
        assert title.startswith("lib\\x1b]52;c;")
