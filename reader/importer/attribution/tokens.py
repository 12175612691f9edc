"""A paragraph cut into tokens, kept as columns, each token with its flags (:mod:`.flags`).

The flags of a word depend only on the word and the language, so they are worked out
once per distinct word and kept in a per-language :class:`WordTable`.

Tokens are never objects: a paragraph is three columns (:class:`Tokens`). Where the
optional C tokenizer (``_speedups.c``, see :mod:`reader.importer.compiled`) was built, it makes the
columns in one pass. Otherwise one regular expression finds every token *with the space
before it*, so the end offsets are a running sum of lengths and "is this word set apart
by a space" is a flag; a paragraph whose tokens do not tile it that way (two spaces, an
underscore) takes the plain ``finditer`` path, which yields the same columns. All three
give the same columns (tests/importer/test_tokens.py runs each against a one-by-one
reading).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate, chain, compress, repeat
from operator import and_, sub

from reader.importer.attribution.flags import (
    ABBREVIATION,
    CAPWORD,
    CONNECTOR,
    DIGITS,
    HONORIFIC,
    LOWER_APART,
    PARTICLE,
    ROLE,
    SLASH,
    UPPER,
    WORD,
    list_flags,
    word_flags,
)
from reader.importer.compiled import speedups
from reader.importer.language_data import Language

TOKEN_PATTERN = re.compile(
    r"[^\W\d_a-z]\.(?=\s[^\W\d_])"  # an initial: "Teguh P. Nugroho"
    r"|[^\W_](?:[\w’'\-]*[^\W_])?(?:(?<=s)['’](?!\w))?"  # a word; "Airways'" possessive
    r"|[^\w\s]"
)
#: A token with the one space before it, if any: the chunks tile a paragraph whose words
#: are separated by single spaces, which is how the importer joins lines. The word is
#: written as letter runs joined by ’ ' - _ (the same tokens as TOKEN_PATTERN, which
#: backtracks once at the end of every word).
_CHUNK = re.compile(
    r" ?(?:[^\W\d_a-z]\.(?=\s[^\W\d_])"
    r"|[^\W_]+(?:[_’'\-]+[^\W_]+)*(?:(?<=s)['’](?!\w))?"
    r"|[^\w\s])"
)
#: Longest bracketed short form inside a title ("(KAI Commuter)").
MAX_BRACKETED = 4
#: Distinct words a table remembers; past that it forgets (a book-length paste of
#: nonsense must not grow memory without bound).
MAX_TABLE_WORDS = 200_000

#: The C tokenizer, if built (:mod:`reader.importer.compiled`).
_SPEEDUPS = speedups()
#: The flags the C tokenizer needs to know (see ``_speedups.c``).
_SCAN_BITS = (WORD, UPPER, LOWER_APART, CAPWORD)


def uses_speedups() -> bool:
    """Does :func:`tokenize` run in C (``_speedups.c`` built, current and not turned off)?"""
    return _SPEEDUPS is not None


class _BareWords(dict[str, str]):
    """Each chunk's token without the space before it, one shared string per token
    text (a lookup is cheaper than stripping, and later lookups reuse its hash)."""

    def __missing__(self, chunk: str) -> str:
        if len(self) >= MAX_TABLE_WORDS:
            self.clear()
        word = self[chunk] = chunk.lstrip(" ")
        return word


class WordTable(dict[str, int]):
    """The flags of every token text (with or without its leading space) seen so far.

    A dict whose missing keys are worked out on first sight, so that a paragraph's
    flags are ``map(table.__getitem__, chunks)`` at C speed: a news article repeats
    its words, and a batch import repeats the language's.
    """

    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang
        #: ``according_to`` phrases as word tuples ("according to" → ("according", "to")).
        self.according: tuple[tuple[str, ...], ...] = tuple(
            tuple(p.split()) for p in lang.according_to
        )
        #: The flags each listed word gets from its lists.
        self.listed = list_flags(lang)
        #: Chunk → token text.
        self.bare = _BareWords()
        #: The C tokenizer's own record of the words it has seen (None without it).
        self.lexicon: object | None = _SPEEDUPS.lexicon() if _SPEEDUPS is not None else None

    def __missing__(self, chunk: str) -> int:
        if chunk[:1] == " ":
            # The spaced form differs only in LOWER_APART: work the word out once.
            flags = self[chunk[1:]]
            if flags & WORD and not flags & UPPER:
                flags |= LOWER_APART
        else:
            flags = word_flags(chunk, self.lang, self.listed)
        if len(self) >= MAX_TABLE_WORDS:
            self.clear()
        self[chunk] = flags
        return flags


_TABLES: dict[str, WordTable] = {}


def word_table(lang: Language) -> WordTable:
    """The table of ``lang`` (one per language, kept for the life of the process)."""
    table = _TABLES.get(lang.code)
    if table is None or table.lang is not lang:
        table = _TABLES[lang.code] = WordTable(lang)
    return table


class Tokens:
    """One paragraph's tokens as columns: texts, end offsets and flags.

    ``caps`` lists the capitalised words, the only places a name or a role can start;
    start offsets are worked out on demand (only paragraphs with quotations need them
    all).
    """

    __slots__ = ("_starts", "caps", "ends", "flags", "words")

    def __init__(
        self, words: list[str], ends: list[int], flags: list[int], caps: list[int] | None = None
    ) -> None:
        self.words = words
        self.ends = ends
        self.flags = flags
        if caps is None:
            caps = list(compress(range(len(flags)), map(and_, flags, repeat(CAPWORD))))
        self.caps = caps
        self._starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def start(self, i: int) -> int:
        return self.ends[i] - len(self.words[i])

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = list(map(sub, self.ends, map(len, self.words)))
        return self._starts

    def lower(self, i: int) -> str:
        return self.words[i].lower()

    def lowers(self, i: int, j: int) -> list[str]:
        return [word.lower() for word in self.words[i:j]]


EMPTY = Tokens([], [], [])


def tokenize_article(
    paragraphs: Sequence[str], table: WordTable, read: int
) -> tuple[list[Tokens], set[str]]:
    """The :class:`Tokens` of the first ``read`` paragraphs (the rest :data:`EMPTY`), and
    their :func:`spaced_lower_words`, which the C tokenizer collects as it goes."""
    if table.lexicon is not None and _SPEEDUPS is not None:
        lower: set[str] = set()
        scan, lexicon = _SPEEDUPS.scan, table.lexicon
        tokens = [
            Tokens(*scan(p, table, lexicon, _SCAN_BITS, MAX_TABLE_WORDS, lower))
            if b < read
            else EMPTY
            for b, p in enumerate(paragraphs)
        ]
        return tokens, lower
    tokens = [tokenize_in_python(p, table) if b < read else EMPTY for b, p in enumerate(paragraphs)]
    return tokens, spaced_lower_words(tokens)


def tokenize(text: str, table: WordTable) -> Tokens:
    """Cut ``text`` into :class:`Tokens` (in C where it was built)."""
    if table.lexicon is not None and _SPEEDUPS is not None:
        return Tokens(*_SPEEDUPS.scan(text, table, table.lexicon, _SCAN_BITS, MAX_TABLE_WORDS))
    return tokenize_in_python(text, table)


def tokenize_in_python(text: str, table: WordTable) -> Tokens:
    """:func:`tokenize` without the C tokenizer: the fallback, and its reference."""
    chunks: list[str] = _CHUNK.findall(text)
    ends = list(accumulate(map(len, chunks)))
    if ends and ends[-1] != len(text):
        chunks, ends = _chunks_one_by_one(text)
    words = list(map(table.bare.__getitem__, chunks))
    return Tokens(words, ends, list(map(table.__getitem__, chunks)))


def _chunks_one_by_one(text: str) -> tuple[list[str], list[int]]:
    """The chunks of a paragraph the fast path cannot tile: a token is spaced when
    anything (space or not) stands between it and the token before it."""
    chunks: list[str] = []
    ends: list[int] = []
    prev_end = 0
    for match in TOKEN_PATTERN.finditer(text):
        word = match.group()
        start = match.start()
        chunks.append(" " + word if start != prev_end else word)
        ends.append(match.end())
        prev_end = match.end()
    return chunks, ends


def run_at(tokens: Tokens, i: int) -> int:
    """End (exclusive) of the capitalised run starting at token ``i`` (``i`` if none).

    A run is a stretch of capitalised words, with the connectors a role may hold
    ("Pertahanan dan Luar Negeri"), the particles a name may hold ("bin", "van"), a
    number ("Daop 8 Surabaya"), an honorific ("Kepala Dinas … dr Widji") and a
    bracketed short form ("Kementerian Kelautan (KKP) Rudi Santosa").
    """
    words, flags = tokens.words, tokens.flags
    j = i
    n = len(words)
    while j < n and flags[j] & CAPWORD:
        j += 1
        if j < n and flags[j] & CAPWORD:
            # Every way on below lands on a capitalised word; from a capitalised word the
            # loop goes on to the next token anyway, so only another token needs them.
            # (A capitalised honorific before "." is the one case where a way on jumps
            # two tokens; stepping instead reaches the "." and the last branch takes the
            # same step from there. tests/importer/test_tokens.py checks both agree.)
            continue
        if j < n and words[j] == "(":
            close = j + 1
            while close < n and close - j <= MAX_BRACKETED and words[close] != ")":
                close += 1
            if (
                close < n - 1
                and close - j <= MAX_BRACKETED
                and words[close] == ")"
                and flags[j + 1] & UPPER
                and flags[close + 1] & CAPWORD
            ):
                j = close + 1
                continue
        if (
            j + 1 < n
            and flags[j] & (CONNECTOR | PARTICLE | SLASH | DIGITS | HONORIFIC)
            and flags[j + 1] & CAPWORD
            # "… Busyro Muqoddas dan Wakil Ketua …": a new title starts a new person, but
            # "Menteri Pariwisata/Kepala Badan …" is one person's two offices.
            and (not flags[j + 1] & ROLE or flags[j] & SLASH)
        ):
            j += 1
        elif (
            j + 2 < n
            and flags[j] & HONORIFIC
            and words[j + 1] == "."
            and flags[j + 2] & CAPWORD
            and not flags[j + 2] & ROLE
        ):
            j += 2  # "… Dinkes Makassar dr. Nurul Fadhilah Amin"
        elif (
            j + 1 < n
            and words[j] == "."
            and flags[j - 1] & (HONORIFIC | ABBREVIATION)
            and flags[j + 1] & CAPWORD
            and not flags[j + 1] & ROLE
        ):
            j += 1  # "Kepala Pusat …, Dr. Wulan Kartikasari", "Sen. Chris Murphy"
        elif (
            j + 1 < n
            and words[j] == "."
            and len(words[j - 1]) == 1
            and flags[j - 1] & UPPER
            and tokens.ends[j - 1] == tokens.ends[j] - 1
            and flags[j + 1] & CAPWORD
            and not flags[j + 1] & ROLE
            and tokens.ends[j] == tokens.start(j + 1)
        ):
            # A run of initials: "J.J. MacNab" is "J", ".", "J." (the tokenizer makes an
            # initial only of a letter and a full stop before a space), and the full stop
            # glued between two initials ends no name.
            j += 1
    return j


#: An age after a name: "(52)" or ", 44,".
_AGE_MARKS = frozenset({("(", ")"), (",", ",")})


def age_at(tokens: Tokens, j: int) -> int:
    """Tokens to skip for an age at ``j`` ("Siti Aminah (52)", "Joanne Whitcombe, 44,"):
    3 for "(52)", 2 for ", 44" (its closing comma stays), 0 if there is none."""
    words = tokens.words
    if (
        j + 2 < len(words)
        and tokens.flags[j + 1] & DIGITS
        and (words[j], words[j + 2]) in _AGE_MARKS
    ):
        return 3 if words[j] == "(" else 2
    return 0


def spaced_lower_words(paragraphs: Sequence[Tokens]) -> set[str]:
    """The lower-case words of ``paragraphs`` not glued to the token before them
    ("khofifah.ip" is not).

    At C speed over all paragraphs at once: collecting them word by word was a tenth of
    the import, and one call per paragraph still cost a third of what this costs.
    """
    words = set(
        compress(
            chain.from_iterable(para.words for para in paragraphs),
            map(and_, chain.from_iterable(para.flags for para in paragraphs), repeat(LOWER_APART)),
        )
    )
    # A paragraph's first word has no space before it, and is glued to nothing.
    words.update(
        para.words[0]
        for para in paragraphs
        if para.flags and para.flags[0] & WORD and not para.flags[0] & UPPER
    )
    return words
