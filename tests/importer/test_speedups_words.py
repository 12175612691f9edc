"""``count_words`` in C (``_speedups_words.h``) against the plain count it replaces.

Language detection counts each language's stop words among the words of an article's
head, word by word lowered; in C where the speedups are built.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer import language_detection
from reader.importer.compiled import speedups
from reader.importer.language_data import all_languages
from reader.importer.language_detection import _CONTEXT_LOWER, _WORD, detect_language

_speedups = speedups()
pytestmark = pytest.mark.skipif(
    _speedups is None, reason="the C speedups (_speedups.c) are not built or are turned off"
)

_LISTS = tuple(lang.stopwords for lang in all_languages())
_STOPWORDS = sorted({w for lang in all_languages() for w in lang.stopwords})
#: Letters of one, two and four bytes, digits of every kind, a combining mark, the
#: letters whose lower case is longer or depends on the neighbours, and a word longer
#: than the stack buffer of a lowered ASCII word.
_TEXT = st.lists(
    st.sampled_from(_STOPWORDS).map(str.upper)
    | st.sampled_from(_STOPWORDS)
    | st.text(alphabet=st.sampled_from(list("aZ_1²½٣ \t“é\u0301ÉK\u212aİΣσ𝐀")) | st.characters())
    | st.just("Y" * 70 + "ang"),
    max_size=30,
).map(" ".join)


def _plain_counts(text: str) -> list[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    return [sum(w in stopwords for w in words) for stopwords in _LISTS]


@settings(max_examples=max(500, 2 * settings.default.max_examples), deadline=None)
@given(_TEXT)
def test_c_counts_as_the_plain_way(text: str) -> None:
    assert _speedups is not None
    assert _speedups.count_words(text, _LISTS) == _plain_counts(text)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(_TEXT)
def test_detection_in_c_equals_detection_in_python(text: str) -> None:
    in_c = detect_language(text)
    try:
        language_detection._SPEEDUPS = None
        assert detect_language(text) == in_c
    finally:
        language_detection._SPEEDUPS = _speedups


def test_lowering_a_letter_gives_letters_only() -> None:
    """Exhaustive: outside the letters whose lower case depends on their neighbours,
    lowering a word gives the same words as lowering the text around it (the Python
    way lowers the sample at once, the C way word by word)."""
    for code in range(0x110000):
        ch = chr(code)
        if ch in _CONTEXT_LOWER or 0xD800 <= code < 0xE000:
            continue
        letter = _WORD.fullmatch(ch) is not None
        lowered = ch.lower()
        assert lowered, hex(code)
        assert all((_WORD.fullmatch(c) is not None) == letter for c in lowered), hex(code)


@pytest.mark.parametrize(
    "args",
    [(b"bytes", _LISTS), ("text", [set()]), ("text", ("not a set",)), ("text",)],
)
def test_bad_arguments_raise(args: tuple[object, ...]) -> None:
    assert _speedups is not None
    with pytest.raises(TypeError):
        _speedups.count_words(*args)


_OWN_WORDS = ["yang", "dan", "ünter", "straße", "x" * 30, "Yang", "a"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_OWN_WORDS) | st.text(max_size=5), max_size=20).map(" ".join),
    st.lists(st.sets(st.sampled_from(_OWN_WORDS)), min_size=1, max_size=3),
    st.sampled_from([frozenset, set]),
)
def test_any_lists_count_as_the_plain_way(text: str, lists: list[set[str]], kind: type) -> None:
    """Lists of non-ASCII words, words longer than the table holds, upper-case words
    (which no lowered word equals), mutable sets (no table: each word is looked up)."""
    assert _speedups is not None
    given_lists = tuple(kind(words) for words in lists)
    words = [w.lower() for w in _WORD.findall(text)]
    expected = [sum(w in s for w in words) for s in given_lists]
    assert _speedups.count_words(text, given_lists) == expected
    assert _speedups.count_words(text, _LISTS) == _plain_counts(text)  # its table again
