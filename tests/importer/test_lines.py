"""Reading the lines of a pasted text: the shortcut for lines that are already folded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer import _folded, _lines


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
