"""The C tokenizer (``_speedups.c``) against the pure-Python one, and its edges.

tests/importer/test_tokens.py holds both to a one-by-one reading of the token pattern;
here the two are compared column for column (flags with LOWER_APART, capitalised
indexes), on any text, and the C side's own machinery is pushed: its word lexicon
forgetting, errors raised by the word table, bad arguments, and memory.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer.attribution import flags as fl
from reader.importer.attribution import tokens as tk
from reader.importer.compiled import speedups
from reader.importer.language_data import language

CORPUS = Path(__file__).parent / "corpus"

_speedups = speedups()
pytestmark = pytest.mark.skipif(
    _speedups is None, reason="the C tokenizer (_speedups.c) is not built or is turned off"
)

#: Characters where the two could part: initials, joiners, possessives, every kind of
#: space, decimal and non-decimal digits ("٣" is one, "½" and "Ⅻ" are not), title case,
#: combining marks, characters of 1, 2 and 4 bytes.
_TRICKY = "aAsS P. .’'-_ \u00a0\u2003\t\n1٣½Ⅻǅßİ\u0301“”«»()/,𝐀𝐬\U0001f600"
_TEXTS = st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=60)


def _columns(toks: tk.Tokens) -> tuple[list[str], list[int], list[int], list[int]]:
    return toks.words, toks.ends, toks.flags, toks.caps


def _scan(
    module: ModuleType, text: str, table: tk.WordTable, lexicon: object, max_words: int
) -> tuple[list[str], list[int], list[int], list[int]]:
    bits = (fl.WORD, fl.UPPER, fl.LOWER_APART, fl.CAPWORD)
    columns: tuple[list[str], list[int], list[int], list[int]] = module.scan(
        text, table, lexicon, bits, max_words
    )
    return columns


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["id", "en"]), _TEXTS)
def test_c_and_python_give_the_same_columns(code: str, text: str) -> None:
    table = tk.word_table(language(code))
    assert _columns(tk.tokenize(text, table)) == _columns(tk.tokenize_in_python(text, table))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_c_and_python_agree_on_every_corpus_line(path: Path) -> None:
    table = tk.word_table(language("id"))
    for line in path.read_text(encoding="utf-8").splitlines():
        assert _columns(tk.tokenize(line, table)) == _columns(tk.tokenize_in_python(line, table))


@pytest.mark.parametrize(
    "text",
    [
        "A. B",
        "A. ",
        "A.\u2003Ǆ",
        "a. B",
        "Σ. Ω",
        "٣. B",
        "Ⅻ. B",
        "Jones' x",
        "Jones'",
        "Jones's",
        "Jones'_x",
        "Jones’_",
    ],
)
def test_c_and_python_agree_at_the_ends_of_a_text(text: str) -> None:
    table = tk.word_table(language("en"))
    assert _columns(tk.tokenize(text, table)) == _columns(tk.tokenize_in_python(text, table))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcAB’ .", min_size=1, max_size=12), max_size=30))
def test_a_lexicon_that_forgets_gives_the_same_columns(texts: list[str]) -> None:
    assert _speedups is not None
    table = tk.WordTable(language("id"))
    lexicon = _speedups.lexicon()
    for text in texts:
        got = _scan(_speedups, text, table, lexicon, max_words=3)
        assert got == _columns(tk.tokenize_in_python(text, table))


def test_a_lexicon_past_its_bound_forgets(monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 distinct words with a bound of 10 keep only a few in memory."""
    assert _speedups is not None
    monkeypatch.setattr(tk, "MAX_TABLE_WORDS", 10)  # the word table forgets too
    table = tk.WordTable(language("en"))
    lexicon = _speedups.lexicon()
    words = [f"w{n}" for n in range(20_000)]
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for start in range(0, len(words), 1_000):
            _scan(_speedups, " ".join(words[start : start + 1_000]), table, lexicon, 10)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 50_000, f"{grown} bytes kept for 10 words"


class _Refusing(tk.WordTable):
    def __missing__(self, chunk: str) -> int:
        raise LookupError(f"no flags for {chunk!r}")


def test_an_error_in_the_word_table_comes_through() -> None:
    assert _speedups is not None
    table = _Refusing(language("en"))
    lexicon = _speedups.lexicon()
    with pytest.raises(LookupError, match="no flags for 'Hello'"):
        _scan(_speedups, "Hello world", table, lexicon, 100)
    table["Hello"] = fl.word_flags("Hello", table.lang)
    with pytest.raises(LookupError, match="no flags for 'world'"):
        _scan(_speedups, "Hello world", table, lexicon, 100)


class _Odd(tk.WordTable):
    def __missing__(self, chunk: str) -> int:
        return "many"  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda m, t: m.scan(b"bytes", t, m.lexicon(), (1, 2, 4, 8), 10), TypeError),
        (lambda m, t: m.scan("text", t, object(), (1, 2, 4, 8), 10), TypeError),
        (lambda m, t: m.scan("text", t, m.lexicon(), (1, 2), 10), TypeError),
        (lambda m, t: m.scan("text", _Odd(t.lang), m.lexicon(), (1, 2, 4, 8), 10), TypeError),
        (lambda m, t: m.scan("text", {}, m.lexicon(), (1, 2, 4, 8), 10), KeyError),
        (lambda m, t: m.scan("text", t, m.lexicon(), (1, 2, 4, 8), 10, []), TypeError),
    ],
)
def test_bad_arguments_raise_instead_of_crashing(call: object, error: type[Exception]) -> None:
    assert _speedups is not None and callable(call)
    with pytest.raises(error):
        call(_speedups, tk.WordTable(language("en")))


def test_scanning_again_and_again_keeps_no_memory() -> None:
    """Every object the scan makes is released: a missed reference per token would add
    tens of bytes per token on every call."""
    text = " ".join(
        line for path in sorted(CORPUS.glob("*.txt"))[:4] for line in path.read_text().split()
    )
    table = tk.word_table(language("id"))
    tk.tokenize(text, table)  # every word now known: later scans add nothing lasting
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(20):
            tk.tokenize(text, table)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(tk.tokenize(text, table)) > 1_000
    assert grown < 4_096, f"{grown} bytes kept after 20 scans"


def test_scanning_again_and_again_keeps_no_reference() -> None:
    """A known word costs its shared string and flags no lasting reference: a missed
    release per token would show in their reference counts (not in memory, the objects
    being shared)."""
    table = tk.word_table(language("id"))
    text = "Kata Budi Santoso, kata dia kepada wartawan di Jakarta."
    first = tk.tokenize(text, table)
    words, flags = first.words, first.flags
    # (ints up to 256 are shared by the whole interpreter: their counts move anyway)
    watched = [w for w in words if len(w) > 1] + [f for f in flags if f > 256]
    assert len(watched) > len(words)
    before = [sys.getrefcount(x) for x in watched]
    for _ in range(1_000):
        tk.tokenize(text, table)
    assert [sys.getrefcount(x) for x in watched] == before


class _IntFlags(int):
    """Flags of an int subclass: stored as plain ints (dropping one runs no code)."""


class _SubclassTable(tk.WordTable):
    def __missing__(self, chunk: str) -> int:
        return _IntFlags(super().__missing__(chunk))


def test_flags_of_an_int_subclass_are_kept_as_plain_ints() -> None:
    assert _speedups is not None
    table = _SubclassTable(language("en"))
    lexicon = _speedups.lexicon()
    _, _, flags, _ = _scan(_speedups, "Hello world", table, lexicon, 100)
    assert [type(f) for f in flags] == [int, int]
    assert flags == _columns(tk.tokenize_in_python("Hello world", tk.WordTable(table.lang)))[2]


_ARTICLE = st.lists(st.text(alphabet="abc AB’.,", max_size=30), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ARTICLE, min_size=1, max_size=5))
def test_each_article_gets_its_own_lower_words(articles: list[list[str]]) -> None:
    """A word goes into an article's set of lower-case words once, however often it
    occurs; an article after it, with the same lexicon, gets the word in its own set."""
    assert _speedups is not None
    table = tk.WordTable(language("id"))
    for paragraphs in articles:
        tokens, lower = tk.tokenize_article(paragraphs, table, len(paragraphs))
        python = [tk.tokenize_in_python(p, table) for p in paragraphs]
        assert lower == tk.spaced_lower_words(python)
        assert [_columns(t) for t in tokens] == [_columns(t) for t in python]


def test_a_set_given_again_after_another_gets_its_words_again() -> None:
    assert _speedups is not None
    table = tk.WordTable(language("en"))
    lexicon = _speedups.lexicon()
    bits = (fl.WORD, fl.UPPER, fl.LOWER_APART, fl.CAPWORD)
    first: set[str] = set()
    second: set[str] = set()
    _speedups.scan("one two", table, lexicon, bits, 100, first)
    _speedups.scan("two three", table, lexicon, bits, 100, second)
    assert second == {"two", "three"}
    first.clear()  # (only ever added to, by contract: cleared here to see it filled again)
    _speedups.scan("two", table, lexicon, bits, 100, first)
    assert first == {"two"}


def test_a_long_paragraph_gives_the_same_columns() -> None:
    """Past the columns' first buffer (256 tokens) and the shared offsets (4,096)."""
    table = tk.word_table(language("id"))
    text = " ".join(f"Kata{n % 50} budi, “x{n}”" for n in range(3_000))
    assert len(text) > 20_000
    c_side = tk.tokenize(text, table)
    assert _columns(c_side) == _columns(tk.tokenize_in_python(text, table))
    assert c_side.ends[-1] == len(text)


def test_equal_flags_are_one_object() -> None:
    """Every token's flags come from a few hundred shared int objects (a token then
    touches no object of its own word's)."""
    table = tk.WordTable(language("id"))  # (words new to it: their flags made here)
    toks = tk.tokenize("Budi Santoso bertemu Andi Wijaya, Budi Wijaya dan Andi", table)
    large = [flags for flags in toks.flags if flags > 256]  # (smaller ints are shared anyway)
    assert len(large) > len(set(large)) > 1
    by_value: dict[int, int] = {}
    for flags in large:
        assert by_value.setdefault(flags, id(flags)) == id(flags)
