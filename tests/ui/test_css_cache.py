"""The parsed-styles cache (reader.ui.css_cache): the same rules as a fresh parse, read
back instead of parsing on the next start, and never trusted past what it can check."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from _waiting import until
from conftest import WIDE, screen_built
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.pilot import Pilot

import reader.ui.screens.help
import reader.ui.screens.library
import reader.ui.screens.reading
import reader.ui.widgets.quote_sidebar  # noqa: F401  (their widgets' DEFAULT_CSS below)
from reader.core.state import StateStore
from reader.ui import app as app_module
from reader.ui import css_cache, css_rules
from reader.ui.app import ReaderApp
from reader.ui.css_cache import CachedStylesheet, RuleStore
from reader.ui.css_rules import decode_rules, encode_rules
from reader.ui.factory import make_app
from reader.ui.widgets.article_body import ArticleBody


def _subclasses(kind: type) -> set[type]:
    found: set[type] = set()
    for sub in kind.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def _every_source() -> Stylesheet:
    """reader.tcss and the DEFAULT_CSS of every widget class loaded, with the default
    theme's variables, not parsed yet."""
    stylesheet = Stylesheet(variables=App().get_css_variables())
    stylesheet.read(ReaderApp.CSS_PATH)
    for kind in _subclasses(DOMNode) | {App}:
        css = kind.__dict__.get("DEFAULT_CSS", "")
        if isinstance(css, str) and css.strip():
            where = (kind.__module__, f"{kind.__name__}.DEFAULT_CSS")
            stylesheet.add_source(css, read_from=where, is_default_css=True)
    return stylesheet


def _same(fresh: RuleSet, back: RuleSet) -> None:
    assert back.selector_set == fresh.selector_set
    layout = "layout"
    expected = {k: (type(v), v.name) if k == layout else v for k, v in fresh.styles._rules.items()}
    got = {k: (type(v), v.name) if k == layout else v for k, v in back.styles._rules.items()}
    assert got == expected
    for name, value in fresh.styles._rules.items():
        assert type(back.styles._rules[name]) is type(value)
    assert back.styles.important == fresh.styles.important
    assert (back.selector_names, back.pseudo_classes) == (
        fresh.selector_names,
        fresh.pseudo_classes,
    )
    assert (back.is_default_rules, back.tie_breaker) == (
        fresh.is_default_rules,
        fresh.tie_breaker,
    )
    for group in back.selector_set:
        for selector in group.selectors:
            assert selector._check is not None  # rebuilt as the parser builds it


def test_every_source_reads_back_as_the_same_rules() -> None:
    """reader.tcss and every widget's default CSS (Textual's included) survive the trip
    through JSON exactly: selectors, values and their types, specificities."""
    stylesheet = _every_source()
    checked = 0
    for where, source in stylesheet.source.items():
        rules = stylesheet._parse_rules(
            source.content, where, source.is_defaults, source.tie_breaker, source.scope
        )
        back = decode_rules(json.loads(json.dumps(encode_rules(rules))))
        assert len(back) == len(rules), where
        for fresh, again in zip(rules, back, strict=True):
            _same(fresh, again)
        checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    "broken",
    [
        [{"selectors": [], "rules": {"width": ["S", 1, "cells", 1]}}],  # no such unit
        [{"selectors": "x", "rules": {}}],
        [{"selectors": [], "rules": {"color": ["C", 1, 2, 3, 1.0, None, "yes"]}}],
        [{"selectors": [], "rules": {"layout": ["L", "os.system"]}}],
        [{"selectors": [], "rules": {"x": ["E", "__import__('os')"]}}],
        [{"selectors": [[[["A", 1, 2, [], [0, 0, True], 1]], [0, 0, 1]]], "rules": {}}],
        {"not": "a list"},
    ],
)
def test_a_malformed_entry_is_refused(broken: object) -> None:
    with pytest.raises(css_rules.Unknown):
        decode_rules(broken)


def _parsed_sources(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Where every source Textual itself parses from now on was read from (and, in
    ``_parsed_keys``, its whole key but the text)."""
    parsed: list[tuple[str, str]] = []
    _parsed_keys.clear()
    real = Stylesheet._parse_rules

    def spy(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        if (css, read_from, is_default_rules, tie_breaker, scope) not in self._parse_cache:
            parsed.append(read_from)
            _parsed_keys.append((*read_from, is_default_rules, tie_breaker, scope))
        return real(self, css, read_from, is_default_rules, tie_breaker, scope)

    monkeypatch.setattr(Stylesheet, "_parse_rules", spy)
    return parsed


_parsed_keys: list[tuple[object, ...]] = []


def _tcss(parsed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [where for where in parsed if where[0].endswith("reader.tcss")]


async def _everything_mounted(pilot: Pilot[Any]) -> None:
    """Wait until the reading screen has mounted all it builds after its first paint
    (the sidebar's count and lists, the find bar's parts): which widget classes, so
    which default CSS sources, a start has asked for when its styles are written
    depends on how far that build has got. On a loaded machine one start wrote before
    the first Label was mounted (no ``Label.DEFAULT_CSS``, and ``Static.DEFAULT_CSS``
    under another tie breaker) and the next after it: a source new to the file, rightly
    written, and a test of "nothing new" failed (9 of 24 starts under load lacked them)."""
    await pilot.pause()
    await screen_built(pilot)
    await until(pilot, lambda: pilot.app.screen.query("#find-count"), "the find bar built")
    await pilot.pause()


async def _first_run(seed_path: Path, *, built: bool = False) -> set[tuple[object, ...]]:
    """Start the app once and let it write its styles (as it does after its first
    paint; ``built``: once all it builds after the paint is mounted); the keys (but
    the text) of the sources it wrote."""
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await (_everything_mounted(pilot) if built else pilot.pause())
        assert isinstance(app.stylesheet, CachedStylesheet)
        app.stylesheet.save()
    (written,) = (Path(os.environ["READER_CACHE_DIR"]) / "styles").glob("*.json")
    entries = _document(written)["entries"]
    return {tuple(key[1:]) for key, _ in entries}


def _document(path: Path) -> Any:
    """A cache file's JSON (after its first line, the digest of the rest)."""
    return json.loads(css_cache._checked(path.read_bytes()))


def _write_document(path: Path, document: object) -> None:
    """A cache file holding ``document``, with the right digest (so that what is inside
    is what a test checks, not the digest)."""
    text = json.dumps(document).encode("utf-8")
    path.write_bytes(css_cache._digest(text) + b"\n" + text)


def _body_colours(app: ReaderApp) -> tuple[object, object]:
    body = app.screen.query_one(ArticleBody)
    return body.styles.background, body.styles.color


async def test_the_next_start_reads_the_styles_instead_of_parsing(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = await _first_run(seed_path)
    assert any(str(key[0]).endswith("reader.tcss") for key in written)
    parsed = _parsed_sources(monkeypatch)
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        cached = _body_colours(app)
    assert _tcss(parsed) == []  # reader.tcss came from the cache
    # and so did every widget's default CSS the first run had parsed by then, under
    # the same key (on a loaded machine a widget mounted late in that run may come
    # after its write, or a class's CSS be first registered through a subclass, with
    # another tie breaker: parsed then, rightly)
    assert set(_parsed_keys) & written == set()

    # the same look as from a fresh parse, with no cache
    monkeypatch.setenv("READER_CACHE_DIR", str(Path(os.environ["READER_CACHE_DIR"]) / "none"))
    fresh_app = make_app(seed_path, state=StateStore())
    async with fresh_app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert _body_colours(fresh_app) == cached
    assert _tcss(parsed) != []


async def test_a_changed_stylesheet_is_parsed_not_taken_from_the_cache(
    seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _first_run(seed_path)
    changed = tmp_path / "reader.tcss"
    css = Path(ReaderApp.CSS_PATH).read_text(encoding="utf-8")
    changed.write_text(css + "\nArticleBody { background: #123456; }\n", encoding="utf-8")
    monkeypatch.setattr(ReaderApp, "CSS_PATH", str(changed))
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        background = app.screen.query_one(ArticleBody).styles.background
    assert (background.r, background.g, background.b) == (0x12, 0x34, 0x56)


async def test_a_corrupt_cache_file_is_parsed_around(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _first_run(seed_path)
    folder = Path(os.environ["READER_CACHE_DIR"]) / "styles"
    (written,) = folder.glob("*.json")
    document = _document(written)
    for number, (_, rules) in enumerate(document["entries"]):  # every rule made nonsense
        for rule in rules:
            if number % 2:  # a shape no check foresees: unhashable where a set is made
                rule["important"] = [[1]]
            else:
                rule["rules"] = {name: ["C", "x"] for name in rule["rules"]}
    _write_document(written, document)
    parsed = _parsed_sources(monkeypatch)
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        colours = _body_colours(app)
    assert _tcss(parsed) != []  # refused, so parsed
    monkeypatch.setenv("READER_CACHE_DIR", str(folder / "none"))
    fresh_app = make_app(seed_path, state=StateStore())
    async with fresh_app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert _body_colours(fresh_app) == colours

    written.write_bytes(b"\x00not json")
    assert RuleStore(written).rules(("", ("", ""), False, 0, "")) is None  # no error either


async def test_a_theme_change_reads_that_themes_styles(seed_path: Path, tmp_path: Path) -> None:
    """The colours are in the parsed rules: each theme has its own file, and a theme
    picked while reading gets its own colours, cached or not."""
    expected: dict[str, tuple[object, object]] = {}
    for run in range(2):  # the second time, both themes come from their caches
        state = tmp_path / f"state-{run}"  # each starts on the default theme
        state.mkdir()
        app = make_app(seed_path, state=StateStore(state))
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            seen = {"textual-dark": _body_colours(app)}
            app.theme = "textual-light"
            await pilot.pause()
            await pilot.pause()
            seen["textual-light"] = _body_colours(app)
            assert isinstance(app.stylesheet, CachedStylesheet)
            app.stylesheet.save()
        assert seen["textual-dark"] != seen["textual-light"]
        expected = expected or seen
        assert seen == expected
    folder = Path(os.environ["READER_CACHE_DIR"]) / "styles"
    assert len(list(folder.glob("*.json"))) == 2


def test_a_writer_stopped_before_it_starts_never_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app stops its writer when it ends: one not started by then never writes."""
    assert app_module.CSS_SAVE_DELAY > 0
    saves: list[int] = []
    monkeypatch.setattr(CachedStylesheet, "save", lambda self: saves.append(1))
    saver = css_cache.Saver(CachedStylesheet(Path("unused")), 0.0)
    saver.stop()
    saver.start()  # stopped first: never writes
    assert saves == []


def test_prune_keeps_the_newest_files(tmp_path: Path) -> None:
    for number in range(5):
        path = tmp_path / f"{number}.json"
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (number, number))
    other = tmp_path / "keep.txt"
    other.write_text("", encoding="utf-8")
    css_cache.prune(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.json", "4.json", "keep.txt"]


async def test_nothing_read_is_kept_once_written(seed_path: Path) -> None:
    """After its write the store lets go of the data it read: a source not asked for by
    then is parsed when it is (the sidebar's, say), not held for the whole run."""
    written = await _first_run(seed_path)
    (path,) = (Path(os.environ["READER_CACHE_DIR"]) / "styles").glob("*.json")
    keys = [css_cache._key_from(key) for key, _ in _document(path)["entries"]]
    assert len(keys) == len(written) > 1
    store = RuleStore(path)
    assert store.rules(keys[0]) is not None
    store.save()
    assert store.rules(keys[1]) is None
    store.add(keys[1], [])
    store.save()
    assert path.read_bytes()  # still there, not written again with nothing
    again = RuleStore(path)
    assert all(again.rules(key) is not None for key in keys)


async def test_a_damaged_file_is_not_read(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A value decoded well but wrong for its property ("width": 5) would fail only
    when the screen is drawn: the digest refuses any change to the file first."""
    await _first_run(seed_path)
    (written,) = (Path(os.environ["READER_CACHE_DIR"]) / "styles").glob("*.json")
    data = written.read_bytes()
    document = _document(written)
    for _, rules in document["entries"]:
        for rule in rules:
            rule["rules"] = {name: 5 for name in rule["rules"]}
    text = json.dumps(document).encode("utf-8")
    written.write_bytes(data.partition(b"\n")[0] + b"\n" + text)  # the old digest
    parsed = _parsed_sources(monkeypatch)
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#body").region.width > 0
    assert _tcss(parsed) != []  # refused, so parsed


async def test_a_second_start_does_not_write_the_file_again(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every source of the second start comes from the file (or Textual's own cache of
    this run): nothing new, so nothing is written. Each start writes once all is
    mounted, and only when the test says (the app's own write, a second after the
    first paint, came before the late widgets on a loaded machine; see
    ``_everything_mounted``)."""
    monkeypatch.setattr(app_module, "CSS_SAVE_DELAY", 3600.0)
    await _first_run(seed_path, built=True)
    await _first_run(seed_path, built=True)  # what the first start's screens built after it
    (path,) = (Path(os.environ["READER_CACHE_DIR"]) / "styles").glob("*.json")
    before = path.stat().st_mtime_ns
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await _everything_mounted(pilot)  # the same sources as the starts before
        assert isinstance(app.stylesheet, CachedStylesheet)
        app.stylesheet.save()
    assert path.stat().st_mtime_ns == before


async def test_another_textual_stylesheet_is_left_as_it_is(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If Textual's private Stylesheet changes (here: _parse_rules takes other
    parameters), the app keeps Textual's own stylesheet and starts as always."""

    def _parse_rules(self: Stylesheet, css: str, read_from: tuple[str, str]) -> list[object]:
        return []

    monkeypatch.setattr(Stylesheet, "_parse_rules", _parse_rules)
    assert not css_cache.fits(Stylesheet())
    monkeypatch.undo()
    assert css_cache.fits(Stylesheet())
    monkeypatch.setattr(css_cache, "fits", lambda stylesheet: False)
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert type(app.stylesheet) is Stylesheet
        assert app.screen.query_one("#body").region.width > 0


def _selectors(stylesheet: Stylesheet) -> set[str]:
    return {rule.selectors for rule in stylesheet.rules}


def _help_rules(stylesheet: Stylesheet) -> set[str]:
    return {s for s in _selectors(stylesheet) if "HelpScreen" in s or "LibraryScreen" in s}


def test_split_sections_keeps_lines_in_place() -> None:
    css = "A {}\n/* -- one -- */\nB {}\n/* -- end one -- */\n/* -- two -- */\nC {}\n"
    css += "/* -- end two -- */\nD {}"
    kept, held = css_cache.split_sections(css, {"one"})
    assert kept.splitlines() == ["A {}", "", "", "", *css.splitlines()[4:]]
    assert held.splitlines() == ["", *css.splitlines()[1:4], "", "", ""]  # "D {}": no newline
    assert css_cache.split_sections(css, {"three"}) == (css, "")


async def test_an_article_starts_without_the_help_and_library_styles(seed_path: Path) -> None:
    """Their rules are added when a screen is first pushed (the help here), and style
    it as a stylesheet read whole does."""
    app = make_app(seed_path, state=StateStore())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.stylesheet, CachedStylesheet)
        assert _help_rules(app.stylesheet) == set()
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert _help_rules(app.stylesheet) != set()
        dialog = app.screen.query_one("#help-dialog")
        assert dialog.styles.width is not None and dialog.styles.width.value == 72
        assert _selectors(app.stylesheet) == _selectors(_every_source_parsed(app))


def _every_source_parsed(app: ReaderApp) -> Stylesheet:
    """A stylesheet with the app's sources, reader.tcss read whole."""
    whole = Stylesheet(variables=app.stylesheet._variables)
    whole.source = {
        key: source for key, source in app.stylesheet.source.items() if key[1] != "held"
    }
    whole.read(ReaderApp.CSS_PATH)
    whole.parse()
    return whole


async def test_a_library_starts_with_every_style(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nA paragraph.\n", encoding="utf-8")
    app = make_app(tmp_path, state=StateStore(tmp_path / "state"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert _help_rules(app.stylesheet) != set()
