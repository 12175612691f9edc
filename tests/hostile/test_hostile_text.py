"""Hostile text in every field: after loading, and in every CLI output, it is inert.

Markup shows literally, terminal control never reaches the output, misleading Unicode
is neutralised, and long or wide text keeps the layout (styled lines fit the width).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from _hostile import HOSTILE_TEXT, SGR, longest_mark_run, strings, unsafe_in, write_article
from rich.cells import cell_len

from reader.cli.main import main
from reader.core.format import load_article
from reader.core.text import MAX_COMBINING

CASES = sorted(HOSTILE_TEXT)


class _Terminal(io.StringIO):
    """A stdout that claims to be a terminal, so ``reader show`` styles its output."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(params=CASES)
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    case: str = request.param
    return case, write_article(tmp_path / f"{case}.yaml", HOSTILE_TEXT[case][0])


def _check_output(case: str, output: str, *, literal: bool = True) -> None:
    _, shown, never = HOSTILE_TEXT[case]
    assert unsafe_in(output) == [], f"{case}: raw control characters in the output"
    if literal and shown is not None:
        assert shown in output, f"{case}: {shown!r} is not shown literally"
    if never is not None:
        assert never not in output, f"{case}: the escape sequence's payload {never!r} shows"


def test_loaded_article_holds_no_control_characters(hostile: tuple[str, Path]) -> None:
    case, path = hostile
    article = load_article(path)
    texts = list(strings(article))
    assert len(texts) > 15
    for text in texts:
        assert unsafe_in(text.replace("\n", "")) == [], case
        assert longest_mark_run(text) <= MAX_COMBINING, case
    _, shown, _ = HOSTILE_TEXT[case]
    if shown is not None and case.startswith("markup"):
        # markup is data: kept exactly, in every field
        assert article.title == f"T {shown}"
        assert article.speakers[0].name == f"N {shown}"
        assert article.quotes[0].text == f"Q {shown}"


def test_show_plain(hostile: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    case, path = hostile
    code = main(["show", str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    _check_output(case, out.replace("\n", ""))
    for prefix in ("T ", "## H ", "L ", "Q ", "P ", "© ", "K "):
        assert any(line.startswith(prefix.strip()) for line in out.splitlines()), prefix


def test_show_styled(
    hostile: tuple[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case, path = hostile
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.setenv("COLUMNS", "100")
    code = main(["show", str(path)])
    assert code == 0
    raw = terminal.getvalue()
    assert SGR.search(raw), "the output is not styled: the test does not test styling"
    text = SGR.sub("", raw)
    # Rich styles with SGR only: no other escape (no OSC 8 link from [link=…], no title)
    assert "\x1b" not in text
    lines = text.split("\n")
    assert all(cell_len(line) <= 100 for line in lines), "a line is wider than the terminal"
    # styled output wraps, so look for short literals in the re-joined text
    _check_output(case, "".join(line.rstrip() for line in lines), literal=len(case) < 100)
    assert capsys.readouterr().err == ""


def test_quotes_text(hostile: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    case, path = hostile
    code = main(["quotes", str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("q  N ")
    _check_output(case, out.replace("\n", ""))


def test_quotes_json(hostile: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    case, path = hostile
    code = main(["quotes", "--json", str(path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert unsafe_in(out.replace("\n", "")) == []
    data = json.loads(out)
    for text in strings(data):
        assert unsafe_in(text.replace("\n", "")) == [], case
    _, shown, never = HOSTILE_TEXT[case]
    if case.startswith("markup") and shown is not None:
        assert data["title"] == f"T {shown}"
        assert data["quotes"][0]["speaker"]["role"] == f"R {shown}"
    if never is not None:
        assert never not in out


def test_long_line_is_kept_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_article(tmp_path / "long.yaml", HOSTILE_TEXT["long-line"][0])
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"P {'x' * 100_000}\n" in out


def test_cjk_and_emoji_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HOSTILE_TEXT["cjk-emoji"][0]
    path = write_article(tmp_path / "wide.yaml", text)
    assert main(["show", str(path)]) == 0
    assert f"T {text}\n" in capsys.readouterr().out


def test_check_names_a_hostile_file_name_without_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "evil\x1b]52;c;cGF5bG9hZA==\x07\x1b[2J\u202e\nname.yaml"
    path = tmp_path / name
    path.write_text("schema: 1\nid: !x y\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert main(["show", str(path)]) == 1
    missing = tmp_path / "gone\x1b[31m.yaml"
    assert main(["quotes", str(missing)]) == 1
    err = capsys.readouterr().err
    assert unsafe_in(err.replace("\n", "")) == []
    lines = err.splitlines()
    assert len(lines) == 3  # one line for each command
    assert all("evil\\x1b]52" in line for line in lines[:2])
    assert "gone\\x1b[31m.yaml: no such file" in lines[2]


def test_check_ok_line_spells_out_a_hostile_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_article(tmp_path / "ok\x1b]0;pwned\x07\x9b2J.yaml", "fine")
    assert main(["check", str(good)]) == 0
    out = capsys.readouterr().out
    assert unsafe_in(out.replace("\n", "")) == []
    assert out.startswith(f"{tmp_path}/ok\\x1b]0;pwned\\x07\\x9b2J.yaml: ok (")


def test_file_names_that_are_not_utf8_are_shown_as_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from reader.core.library import load_library

    name = os.fsdecode(b"bad\xff\x9b.yaml")  # "bad\udcff\udc9b.yaml"
    (tmp_path / name).write_text("schema: 1\nid: !x y\n")
    good = write_article(tmp_path / os.fsdecode(b"good\xfe.yaml"), "fine")
    [error] = load_library(tmp_path).errors
    assert error.startswith(f"{tmp_path}/bad\\xff\\x9b.yaml:2: tags are not allowed")
    assert main(["check", str(good)]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path}/good\\xfe.yaml: ok")
    error.encode("utf-8")  # no lone surrogates left: any terminal can show it
