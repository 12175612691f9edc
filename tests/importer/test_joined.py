"""Offsets found in lines joined by newlines map back to the right line and column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.importer.joined import find_all, line_starts, located


def test_find_all_finds_overlapping_occurrences() -> None:
    assert find_all("aaaa", "aa") == [0, 1, 2]
    assert find_all("abc", "x") == []


@given(st.lists(st.text(alphabet="ab\u00e9 ", max_size=8), max_size=6), st.sampled_from("abé "))
def test_located_gives_each_hit_in_its_own_line(lines: list[str], char: str) -> None:
    joined = "\n".join(lines)
    expected = [(n, i) for n, line in enumerate(lines) for i, c in enumerate(line) if c == char]
    assert list(located(line_starts(lines), find_all(joined, char))) == expected


def test_a_newline_counts_to_the_line_it_ends() -> None:
    lines = ["ab", "", "c"]
    assert line_starts(lines) == [0, 3, 4]
    assert list(located(line_starts(lines), [2, 3])) == [(0, 2), (1, 0)]
