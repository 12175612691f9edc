"""Reading the lines and the words of a pasted text: the shortcuts equal the plain way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer import _folded, _lines
from reader.importer.language import _WORD, _words


def test_the_space_is_the_only_printable_whitespace() -> None:
    """Exhaustive: what _folded relies on to leave a printable line alone."""
    printable_spaces = [
        hex(code) for code in range(0x110000) if chr(code).isspace() and chr(code).isprintable()
    ]
    assert printable_spaces == ["0x20"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab  \t\xa0\u2003\u3000\x1c")) | st.characters()))
def test_folded_equals_split_and_join(text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            assert _folded(line) == " ".join(line.split())
    assert _lines(text) == [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab_1²½ \t\xa0“é\u0301")) | st.characters()))
def test_language_words_equal_the_regex(text: str) -> None:
    assert _words(text) == _WORD.findall(text)
