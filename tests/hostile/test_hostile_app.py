"""The app (Pilot) on hostile input: it opens, shows markup literally, passes no control
characters to the terminal, and keeps running on a corrupt or read-only state."""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from _hostile import article_data, unsafe_in, write_article
from _waiting import until
from rich.cells import cell_len
from rich.console import Console

from reader.core import files
from reader.core.state import STATE_FILE, StateStore
from reader.ui.app import ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.cookie_row import CookieRow

SIZE = (120, 40)

MARKUP = ["[@click=app.quit]x[/]", "[link=file:///etc/passwd]y[/link]", "[bold]b[/bold]", "[/]"]
HOSTILE = (
    " ".join(MARKUP)
    + " \x1b]52;c;ZXZpbA==\x07 \x1b]8;;https://evil.example/\x07t\x1b]8;;\x07"
    + " \x1b[31mred\x1b[0m \u202eevil\u202c z\u200bw 中文标题 👍🏽 \x9b2J"
)


def screen_text(app: ReaderApp, *, styles: bool = False) -> str:
    """Everything on the screen now (toasts included), as the terminal would get it."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=styles)


def check_screen(app: ReaderApp, *, payloads: bool = True) -> str:
    text = screen_text(app)
    assert unsafe_in(text.replace("\n", "")) == []
    assert all(cell_len(line) <= app.size.width for line in text.splitlines())
    styled = screen_text(app, styles=True)
    assert "\x1b]" not in styled, "an OSC sequence (link, clipboard, title) reached the terminal"
    if payloads:  # removed with their escape sequence (file names show them spelled out)
        assert "ZXZpbA==" not in text and "evil.example" not in text
    return text


async def test_hostile_article_is_shown_literally(tmp_path: Path) -> None:
    path = write_article(tmp_path / "hostile.yaml", HOSTILE)
    app = make_app(path, state=StateStore())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        seen = check_screen(app)
        for markup in MARKUP:
            assert markup in seen, f"{markup!r} is not shown literally"
        assert "中文标题" in seen and "red" in seen
        for keys in (["s"], ["t"], ["G"], ["g"], ["space"], ["slash"], ["escape"]):
            await pilot.press(*keys)
            await pilot.pause()
            check_screen(app)
            assert app.is_running
        await pilot.press("question_mark")
        await pilot.pause()
        check_screen(app)
    assert app.return_code in (None, 0)


async def test_literal_click_markup_does_not_act(tmp_path: Path) -> None:
    """Clicking the text "[@click=app.quit]x[/]" does nothing: it is not an action."""
    path = write_article(tmp_path / "click.yaml", "[@click=app.quit]x[/]")
    app = make_app(path, state=StateStore())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row, col = next(
            (y, line.index("[@click")) for y, line in enumerate(lines) if "[@click" in line
        )
        for offset in (0, 9, 17):  # "[", "app.quit", "x"
            await pilot.click(offset=(col + offset, row))
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize(
    "text",
    ["x" * 100_000, "Z" + "\u0301\u0302\u0303\u0304" * 500 + " " + "中" * 3000, "👍🏽🇮🇩" * 2000],
    ids=["long-line", "storm-and-cjk", "emoji"],
)
async def test_long_and_wide_text_keeps_the_layout(text: str, tmp_path: Path) -> None:
    path = write_article(tmp_path / "wide.yaml", text)
    app = make_app(path, state=StateStore())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        check_screen(app)
        for key in ("G", "g", "s", "t"):
            await pilot.press(key)
            await pilot.pause()
            check_screen(app)
        assert app.is_running


@pytest.mark.parametrize(
    "content",
    [b"{{{ not json", b'{"version": 1, "positions": ', b"", b"[" * 50_000, b'{"theme": 7}'],
    ids=["corrupt", "truncated", "empty", "deep", "wrong-type"],
)
async def test_corrupt_state_gives_a_notification_and_the_app_runs(
    content: bytes,
    seed_path: Path,
    _private_state: Path,
    notifications: Callable[[ReaderApp], list[str]],
) -> None:
    (_private_state / STATE_FILE).write_bytes(content)
    app = make_app(seed_path, state=StateStore())
    messages = notifications(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert len(messages) == 1 and "state file" in messages[0]
        check_screen(app)
        await pilot.press("j", "j", "n", "s", "tab")
        await pilot.pause()
        assert app.is_running
    assert len(messages) == 1  # once
    # the next save replaced the file with a valid one
    assert StateStore().take_warnings() == []


async def test_read_only_state_gives_a_notification_and_the_app_runs(
    seed_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    notifications: Callable[[ReaderApp], list[str]],
) -> None:
    def read_only(*args: object, **kwargs: object) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files, "_mkstemp", read_only)
    app = make_app(seed_path, state=StateStore())
    messages = notifications(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j", "n", "n")
        await pilot.pause()
        app.theme = "textual-light"  # a change that is saved at once
        await pilot.pause()
        assert app.is_running
        check_screen(app)
    assert len(messages) == 1, messages
    assert "Read-only file system" in messages[0] and "not be saved" in messages[0]


def _library(folder: Path, names: list[str]) -> None:
    folder.mkdir()
    write_article(folder / "good.yaml", "fine [bold]b[/bold]")
    for name in names:
        (folder / name).write_text("schema: 1\nid: !tag x\n")
    os.mkfifo(folder / "fifo.yaml")


async def test_library_lists_bad_files_and_opens_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    names = ["bad.yaml", "esc\x1b]52;c;ZXZpbA==\x07.yaml", "bidi\u202egnp.yaml", "中文.yaml"]
    _library(folder, names)
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = app.screen.articles.rows  # type: ignore[attr-defined]
        assert len([r for r in rows if r.error]) == len(names) + 1  # the FIFO too
        text = check_screen(app, payloads=False)
        # each bad file is a row of the table, its name spelled out, with the reason
        assert "esc\\x1b]52;c;ZXZpbA==\\x07.yaml" in text
        assert "tags are not allowed" in text and "not a regular file" in text
        assert "fine [bold]b[/bold]" in text  # the good article is listed literally
        await pilot.press("home", "enter")
        await pilot.pause()
        assert "[bold]b[/bold]" in check_screen(app, payloads=False)
        assert app.is_running


async def test_library_error_with_markup_in_the_name_is_shown_literally(tmp_path: Path) -> None:
    """A closing tag in a path crashed the app once (toasts take markup): shown as text."""
    folder = tmp_path / "lib["  # so that the paths hold "[/…]": a closing tag
    names = ["[@click=app.quit]x.yaml", "x].yaml", "[link=https:evil]y.yaml", "[b red]z.yaml"]
    _library(folder, names)
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = check_screen(app).replace("\n", "")
        assert "[@click=app.quit]x.yaml" in text
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_library_error_quoting_markup_from_the_file_is_shown_literally(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    write_article(folder / "good.yaml", "fine")
    data = article_data("x")
    data["id"] = "[/]"
    (folder / "bad.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("end")  # the broken file's whole reason, in the status line
        assert "invalid id '[/]'" in check_screen(app).replace("\n", "")
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_a_long_footer_does_not_push_the_article_off_screen(tmp_path: Path) -> None:
    from reader.ui.widgets.article_body import ArticleBody

    data = article_data("fine")
    data["footer"]["copyright"] = "© " + "hak cipta " * 60
    data["footer"]["cookie"]["text"] = "K policy " + "kuki " * 100
    data["footer"]["cookie"]["accept"] = "Terima " + "kuki " * 40
    path = tmp_path / "long-footer.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = make_app(path, state=StateStore())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check_screen(app)
        assert app.screen.query_one(ArticleBody).region.height >= SIZE[1] // 2


async def test_library_folder_name_reaches_the_terminal_neutralised(tmp_path: Path) -> None:
    folder = tmp_path / "lib\x1b]52;c;ZXZpbA==\x07\u202e"
    folder.mkdir()
    write_article(folder / "good.yaml", "fine")
    app = make_app(folder, state=StateStore())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        check_screen(app, payloads=False)


def _read_only_records(monkeypatch: pytest.MonkeyPatch, app: ReaderApp) -> list[tuple[str, object]]:
    """Make every state write fail as on a read-only folder, and record (message, title)
    of what ``app`` notifies."""

    def read_only(*args: object, **kwargs: object) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files, "_mkstemp", read_only)
    shown: list[tuple[str, object]] = []
    notify = app.notify

    def record(message: str, **kwargs: Any) -> None:
        shown.append((message, kwargs.get("title")))
        notify(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return shown


def _count_saves(app: ReaderApp) -> list[None]:
    """A list that grows each time the reading screen saves the position by itself
    (its debounce timer fired): what a test waits for, instead of a time."""
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    saves: list[None] = []
    save = screen.save_position

    def counted() -> None:
        save()
        saves.append(None)

    screen.save_position = counted  # type: ignore[method-assign]
    return saves


def _one_state_warning(shown: list[tuple[str, object]]) -> None:
    assert len(shown) == 1, shown
    assert shown[0][1] == "State" and "Read-only file system" in shown[0][0]


async def test_accepting_cookies_on_a_read_only_folder_warns_once_like_the_app(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading screen writes the consent; the app's own "State" warning appears."""
    app = make_app(seed_path, state=StateStore())
    shown = _read_only_records(monkeypatch, app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert shown == []
        row = app.screen.query_one(CookieRow)
        await pilot.click(row, offset=row.button_region.offset)
        await pilot.pause()
        assert app.is_running
    _one_state_warning(shown)


async def test_saving_the_position_on_a_read_only_folder_warns_once(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(seed_path, state=StateStore())
    shown = _read_only_records(monkeypatch, app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        saves = _count_saves(app)
        for count in (1, 2):  # two saves (each once the reader stops), one warning
            await pilot.press("space")
            await until(pilot, lambda: len(saves) == count, f"save {count}")  # noqa: B023
            await pilot.pause()  # the app handles the screen's StateWritten
        assert app.is_running
    _one_state_warning(shown)


async def test_going_back_to_the_library_shows_the_last_save_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaving an article writes its position; in a library the app is still there to
    say that it could not be saved."""
    folder = tmp_path / "lib"
    folder.mkdir()
    write_article(folder / "good.yaml", "fine")
    app = make_app(folder, state=StateStore())
    shown = _read_only_records(monkeypatch, app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the folder's first indexing lists the file
        await pilot.pause()
        await pilot.press("enter")  # open the article
        await pilot.pause()
        await pilot.press("space", "escape")  # move, and back before the save timer
        await pilot.pause()
        assert app.is_running
        _one_state_warning(shown)
