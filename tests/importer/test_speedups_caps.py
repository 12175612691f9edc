"""``cap_stats`` in C (``_speedups_caps.h``) against :func:`names.gather_in_python`.

NameRules gathers what the article's capitalised words say in one pass, in C where the
speedups are built; both must fill the same containers, on any article.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer.attribution import names
from reader.importer.attribution import tokens as tk
from reader.importer.compiled import speedups
from reader.importer.language_data import language

_speedups = speedups()
pytestmark = pytest.mark.skipif(
    _speedups is None, reason="the C speedups (_speedups.c) are not built or are turned off"
)

#: Words around capitalised ones that each rule asks about: cue verbs, prepositions of
#: place, full stops and other openers, speech verbs, acronyms, a title.
_WORDS = [
    "kata", "said", "di", "in", ".", "!", "?", ":", "“", "mengatakan", "says", "TNI", "UGM",
    "Budi", "Santoso", "Jakarta", "Bogor", "Wali", "Kota", "Risma", "dan", "the", ",",
]  # fmt: skip
_PARAGRAPH = st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=14).map(" ".join)


def _gathered(gather: Any, paragraphs: list[tk.Tokens], places: frozenset[str]) -> tuple[Any, ...]:
    out: tuple[Any, ...] = ({}, {}, set(), set(), set(), set(), [])
    gather(paragraphs, names._BITS, places, *out)
    return out


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["id", "en"]), st.lists(_PARAGRAPH, max_size=6))
def test_c_and_python_gather_the_same(code: str, texts: list[str]) -> None:
    assert _speedups is not None
    lang = language(code)
    table = tk.word_table(lang)
    paragraphs = [tk.tokenize(text, table) for text in texts]
    places = names._cased_places(lang) | {"Budi"}
    c_side = _gathered(_speedups.cap_stats, paragraphs, places)
    assert c_side == _gathered(names.gather_in_python, paragraphs, places)


def test_every_rule_is_met_on_an_article() -> None:
    """One article where each container gets something (so the comparison above is
    not of empty containers only)."""
    assert _speedups is not None
    table = tk.word_table(language("id"))
    texts = [
        "Kata Budi di Bogor. Santoso mengatakan TNI dan TNI hadir bersama Budi Santoso.",
        "Wali Kota Risma di Jakarta, kata Risma.",
    ]
    paragraphs = [tk.tokenize(text, table) for text in texts]
    places = frozenset({"Bogor", "Jakarta"})
    got = _gathered(_speedups.cap_stats, paragraphs, places)
    assert got == _gathered(names.gather_in_python, paragraphs, places)
    counts, follows, cued, inside, speakers, known, placed = got
    assert counts == {"TNI": 2}
    assert follows["Budi"] == {"Santoso"} and follows["Wali"] == {"Kota"}
    assert cued == {"Budi", "Risma"}
    assert {"Bogor", "TNI", "Santoso", "Jakarta"} <= inside and "Kata" not in inside
    assert "Santoso" in speakers
    assert known == {"Bogor", "Jakarta"}
    assert (0, 3) in placed and (1, 4) in placed


class _OddTokens:
    def __init__(self, words: object, flags: object, caps: object) -> None:
        self.words, self.flags, self.caps = words, flags, caps


@pytest.mark.parametrize(
    "paragraph",
    [
        _OddTokens(["A"], [4], [1]),  # an index out of range
        _OddTokens(["A", "b"], [4], [0]),  # fewer flags than words
        _OddTokens(("A",), [4], [0]),  # not a list
        _OddTokens([b"A"], [4], [0]),  # a word that is no str
        _OddTokens(["A"], ["4"], [0]),  # flags that are no int
        _OddTokens(["A"], [True], [0]),  # an int subclass
        object(),  # no columns at all
    ],
)
def test_bad_tokens_raise_instead_of_crashing(paragraph: object) -> None:
    assert _speedups is not None
    with pytest.raises((TypeError, ValueError, IndexError, AttributeError)):
        _gathered(_speedups.cap_stats, [paragraph], frozenset())  # type: ignore[list-item]


def test_bad_containers_raise() -> None:
    assert _speedups is not None
    with pytest.raises(TypeError):
        _speedups.cap_stats([], names._BITS, frozenset(), {}, {}, set(), set(), set(), set(), ())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _speedups.cap_stats([], (1, 2), frozenset(), {}, {}, set(), set(), set(), set(), [])  # type: ignore[arg-type]


class _SelfDroppingTokens:
    """Tokens whose ``words`` takes them out of the list they are read from: the last
    reference to them goes while cap_stats still reads their other columns."""

    def __init__(self, paragraphs: list[Any], words: list[str], flags: list[int]) -> None:
        self._paragraphs = paragraphs
        self._words = words
        self.flags = flags
        self.caps = [0]

    @property
    def words(self) -> list[str]:
        self._paragraphs.clear()
        return self._words


def test_a_paragraph_dropped_while_read_is_read_whole() -> None:
    assert _speedups is not None
    paragraphs: list[Any] = []
    paragraphs.append(_SelfDroppingTokens(paragraphs, ["Bogor", "kata"], [int(names._BITS[1]), 0]))
    known: set[str] = set()
    _speedups.cap_stats(
        paragraphs, names._BITS, frozenset({"Bogor"}), {}, {}, set(), set(), set(), known, []
    )
    assert known == {"Bogor"}


class _ClearingKey:
    """A dict key equal to no word, whose comparison empties the paragraph's words and
    flags (and so drops the word cap_stats is counting)."""

    def __init__(self, word: str, lists: list[list[Any]]) -> None:
        self._hash = hash(word)
        self._lists = lists

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        for column in self._lists:
            column.clear()
        return False


def test_containers_that_run_code_do_not_crash_it() -> None:
    assert _speedups is not None
    word = "".join(["T", "NI"])  # (a str of its own, held by the list only)
    all_caps, capword = int(names._BITS[0]), int(names._BITS[1])
    words, flags = [word, "Santoso"], [all_caps | capword, capword]
    paragraph = _OddTokens(words, flags, [0, 1])
    counts: dict[Any, int] = {_ClearingKey(word, [words, flags]): 0}
    del word
    with pytest.raises(IndexError):  # (the second capitalised word is gone)
        _speedups.cap_stats(
            [paragraph], names._BITS, frozenset(), counts, {}, set(), set(), set(), set(), []
        )
    assert counts.get("TNI") == 1 and words == [] and flags == []
