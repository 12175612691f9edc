"""The user's config applied: theme, text width, panes at start, keymap; problems shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import NARROW, WIDE, screen_lines
from textual.widgets import DataTable, Input

from reader.core.state import StateStore
from reader.ui.app import DEFAULT_THEME, ReaderApp
from reader.ui.factory import make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.settings import binding_ids, keys_table


def app_with(seed_path: Path, tmp_path: Path, text: str) -> ReaderApp:
    """The app on the seed article with this config, recording its notifications (the
    shown ones expire: on a busy machine before the test looks)."""
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    app = make_app(seed_path, state=StateStore(), config_file=config)
    shown: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", **kwargs: Any) -> None:
        shown.append((title, message))
        notify(message, title=title, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    app.shown = shown  # type: ignore[attr-defined]
    return app


def warnings(app: ReaderApp) -> list[str]:
    return [message for title, message in app.shown if title == "Config"]  # type: ignore[attr-defined]


async def test_the_config_theme_is_used_and_wins_over_the_saved_one(
    seed_path: Path, tmp_path: Path
) -> None:
    StateStore().set_theme("dracula")
    app = app_with(seed_path, tmp_path, 'theme = "textual-light"\n')
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert warnings(app) == []


async def test_an_unknown_theme_is_one_line_with_file_and_line(
    seed_path: Path, tmp_path: Path
) -> None:
    app = app_with(seed_path, tmp_path, 'max_width = 50\ntheme = "no-such-theme"\n')
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        (warning,) = warnings(app)
        assert warning.startswith(f"{tmp_path / 'config.toml'}:2: theme: unknown theme")
        assert "\n" not in warning
        assert max(len(line.strip()) for line in screen_lines(app)) <= 50  # the rest applies


async def test_max_width_narrows_the_article_column(seed_path: Path, tmp_path: Path) -> None:
    app = app_with(seed_path, tmp_path, "max_width = 40\n")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        widths = [len(line.strip()) for line in screen_lines(app)]
        assert 30 < max(widths) <= 40
    default = make_app(seed_path, state=StateStore())
    async with default.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert max(len(line.strip()) for line in screen_lines(default)) > 60


async def test_panes_at_start_follow_the_config(seed_path: Path, tmp_path: Path) -> None:
    app = app_with(seed_path, tmp_path, "[panes]\nquotes = false\n")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#toc").display
        assert not app.screen.query_one("#quotes-pane").display
        await pilot.press("s")  # the key still shows it
        assert app.screen.query_one("#quotes-pane").display
    narrow = app_with(seed_path, tmp_path, "[panes]\nsections = true\n")
    async with narrow.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert narrow.screen.query_one("#toc").display
        assert not narrow.screen.query_one("#quotes-pane").display  # auto: too narrow


async def test_a_remapped_key_moves_and_shows_in_help(seed_path: Path, tmp_path: Path) -> None:
    app = app_with(seed_path, tmp_path, '[keys]\n"reading.next-section" = "x"\n')
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("n")  # no longer bound: nothing moves
        assert app.screen.query_one("#body").scroll_y == 0
        await pilot.press("x", "x")
        assert screen_lines(app)[0].strip() == "Pertukaran Intelejen"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert ("x ]", "Next section") in rows


async def test_an_unknown_binding_id_is_reported_and_the_rest_applies(
    seed_path: Path, tmp_path: Path
) -> None:
    app = app_with(
        seed_path, tmp_path, '[keys]\n"reading.nope" = "z"\n"reading.next-section" = "x"\n'
    )
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        (warning,) = warnings(app)
        assert warning.startswith(f"{tmp_path / 'config.toml'}:2: keys.reading.nope: ")
        await pilot.press("x", "x")
        assert screen_lines(app)[0].strip() == "Pertukaran Intelejen"


async def test_a_broken_config_still_opens_the_article(seed_path: Path, tmp_path: Path) -> None:
    app = app_with(seed_path, tmp_path, "theme = [\n")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        (warning,) = warnings(app)
        assert warning.startswith(f"{tmp_path / 'config.toml'}:")
        assert "not valid TOML" in warning


def test_every_binding_has_an_id_and_a_description() -> None:
    ids = binding_ids()
    assert "reading.next-section" in ids and "app.quit" in ids
    for binding_id, _keys, description in keys_table():
        assert binding_id and description


def test_the_documented_examples_name_real_themes_and_binding_ids(tmp_path: Path) -> None:
    from textual.theme import BUILTIN_THEMES

    from reader.core.config import EXAMPLE, load_config
    from reader.ui.settings import settle

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    documented = readme.split("## Settings", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and "=" in line else line for line in EXAMPLE.splitlines()
    )
    for text in (documented, uncommented):
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        config, problems = load_config(path)
        settings = settle(config, BUILTIN_THEMES, problems)
        assert settings.problems == ()
        assert settings.keymap and settings.theme


async def test_a_key_a_text_field_types_is_refused_for_a_binding_that_runs_in_fields(
    seed_path: Path, tmp_path: Path
) -> None:
    """F3 steps the find even from inside a text field: mapped to a letter, that letter
    could never be typed in the quote search again. Such a mapping is refused, with the
    file's line, and F3 keeps working; a key no field takes is accepted."""
    app = app_with(seed_path, tmp_path, '[keys]\n"reading.find-next" = "f3,x"\n')
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        (warning,) = warnings(app)
        assert warning.startswith(f"{tmp_path / 'config.toml'}:2: keys.reading.find-next: ")
        await pilot.press("slash", "a", "x", "b")
        await pilot.pause()
        assert app.screen.query_one("#quote-search", Input).value == "axb"
    app = app_with(seed_path, tmp_path, '[keys]\n"reading.find-next" = "f4,ctrl+g"\n')
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert warnings(app) == []
