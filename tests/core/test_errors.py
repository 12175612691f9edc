"""Error messages are safe to print and one line each: ReaderError spells out control
characters and newlines of whatever a call site quotes, ArticleError keeps one line per
problem, and escaping again (as ``shown`` does for other output) changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.errors import ArticleError, Problem, ReaderError
from reader.core.files import read_bytes, shown
from reader.core.format import save_article
from reader.core.library import article_files
from reader.core.model import Article
from reader.core.text import visible


def test_reader_error_spells_out_control_characters_and_newlines() -> None:
    error = ReaderError("bad \x1b[2J value \u202e\x07 here\nsecond line")
    assert str(error) == "bad \\x1b[2J value \\u202e\\x07 here\\x0asecond line"


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


def _one_line_error(action: Callable[[], object]) -> str:
    with pytest.raises(ReaderError) as info:
        action()
    message = str(info.value)
    assert "\n" not in message and "\x1b" not in message, message
    return message


HOSTILE = "a\nb\x1b[2J"


def test_a_path_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    name = tmp_path / f"{HOSTILE}.yaml"
    assert _one_line_error(lambda: read_bytes(name)) == f"{shown(name)}: no such file"


def test_every_message_quoting_a_path_stays_on_one_line(tmp_path: Path) -> None:
    missing = tmp_path / HOSTILE
    _one_line_error(lambda: article_files(missing))
    existing = tmp_path / f"{HOSTILE}.yaml"
    existing.write_text("x", encoding="utf-8")
    article = Article(id="x", title="X", language="id", source="S")
    _one_line_error(lambda: save_article(article, existing))
