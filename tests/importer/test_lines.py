"""Reading the lines and the words of a pasted text: the shortcuts equal the plain way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer.formats.text import folded, read_lines
from reader.importer.language_data import all_languages
from reader.importer.language_detection import (
    _CONTEXT_LOWER,
    _WORD,
    DEFAULT,
    SAMPLE_CHARS,
    _lowered_words,
    detect_language,
)


def test_the_space_is_the_only_printable_whitespace() -> None:
    """Exhaustive: what folded relies on to leave a printable line alone."""
    printable_spaces = [
        hex(code) for code in range(0x110000) if chr(code).isspace() and chr(code).isprintable()
    ]
    assert printable_spaces == ["0x20"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab  \t\xa0\u2003\u3000\x1c")) | st.characters()))
def testfolded_equals_split_and_join(text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            assert folded(line) == " ".join(line.split())
    assert read_lines(text) == [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]


_WORDY = st.text(
    alphabet=st.sampled_from(list("abAZ_1²½ \t\xa0“é\u0301ÉK\u212a\udc80")) | st.characters()
)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(_WORDY)
def test_language_words_equal_the_regex(text: str) -> None:
    """The words read on bytes are the regex's words of the lowered text (as a multiset)."""
    text = "".join(ch for ch in text if ch not in _CONTEXT_LOWER)  # sent the plain way
    ascii_words, other_words = _lowered_words(text)
    words = [w.decode("ascii") for w in ascii_words if w.isalpha()] + other_words
    assert sorted(words) == sorted(_WORD.findall(text.lower()))


def _plain_detect(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text[:SAMPLE_CHARS])]
    best, best_score = DEFAULT, 0
    for lang in all_languages():
        score = sum(w in lang.stopwords for w in words)
        if score > best_score:
            best, best_score = lang.code, score
    return best


_STOPWORDS = sorted({w for lang in all_languages() for w in lang.stopwords})


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(
    st.lists(
        st.sampled_from(_STOPWORDS).map(str.upper) | st.sampled_from(_STOPWORDS) | _WORDY,
        max_size=30,
    ).map(" ".join)
)
def test_language_detection_equals_the_plain_count(text: str) -> None:
    assert detect_language(text) == _plain_detect(text)


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab  \n\n\t\r\xa0\u2003\u3000\x1c\x7f\x85\udc80“é𝐀"))
        | st.characters(),
        max_size=80,
    )
)
def test_read_lines_in_c_equals_read_lines_in_python(text: str) -> None:
    from reader.importer.compiled import speedups
    from reader.importer.formats.text import read_lines_in_python

    module = speedups()
    if module is None:
        pytest.skip("the C speedups are not built")
    assert module.read_lines(text) == read_lines_in_python(text)
