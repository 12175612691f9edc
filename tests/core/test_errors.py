"""Error messages are safe to print: the net in ReaderError, the one-line rule of the
places that quote a value, and escaping that may safely happen twice."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.errors import ArticleError, Problem, ReaderError
from reader.core.files import read_bytes, shown
from reader.core.text import visible


def test_reader_error_spells_out_control_characters_a_call_site_left_raw() -> None:
    error = ReaderError("bad \x1b[2J value \u202e\x07 here\nsecond line")
    assert str(error) == "bad \\x1b[2J value \\u202e\\x07 here\nsecond line"


@given(st.text(), st.booleans())
def test_escaping_twice_is_escaping_once(text: str, keep_newlines: bool) -> None:
    once = visible(text, keep_newlines=keep_newlines)
    assert visible(once, keep_newlines=keep_newlines) == once
    assert visible(once) == once  # the net keeps newlines: a value escaped without them


def test_an_article_error_keeps_one_line_per_problem() -> None:
    problems = [
        Problem(3, "quotes[0].text", "bad \x1b]0;owned\x07 text\nstill the first problem"),
        Problem(None, "", "second"),
    ]
    error = ArticleError("a\nb\x1b.yaml", problems)
    lines = str(error).split("\n")
    assert lines == [
        "a\\x0ab\\x1b.yaml:3: quotes[0].text: "
        "bad \\x1b]0;owned\\x07 text\\x0astill the first problem",
        "a\\x0ab\\x1b.yaml: second",
    ]


def test_a_path_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    name = tmp_path / "a\nb\x1b[2J.yaml"
    try:
        read_bytes(name)
    except ReaderError as error:
        message = str(error)
    assert "\n" not in message
    assert message == f"{shown(name)}: no such file"
    assert "\x1b" not in message
