"""A paragraph cut into tokens, kept as columns, with what each word *is* as bit flags.

The speaker pass asks the same few questions of every token again and again: is it a
capitalised word, a cue verb, a stopword, a role word ("Menteri", "spokesman"), could it
be part of a name? Those answers depend only on the word and the language, so they are
worked out once per distinct word and kept in a per-language :class:`WordTable`; a
paragraph's tokens then carry one int of flags each, and every question is a bit test.

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
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain, compress, repeat
from operator import and_, sub

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

# -- the flags --------------------------------------------------------------------------
# What the token is
WORD = 1 << 0  # starts with a letter or digit
UPPER = 1 << 1  # starts with an upper-case letter
CAPWORD = 1 << 2  # both: where names and roles can start
DIGITS = 1 << 3  # all digits ("52")
ALL_CAPS = 1 << 4  # "TNI", "UGM": counted as possible acronyms
LOWER_APART = 1 << 5  # a lower-case word with a space before it
# Which of the language's word lists holds it (compared in lower case)
STOP = 1 << 6
ROLE = 1 << 7
CONNECTOR = 1 << 8
PARTICLE = 1 << 9
HONORIFIC = 1 << 10
POST_CUE = 1 << 11  # kata, said
PRE_CUE = 1 << 12  # mengatakan, says
PRONOUN = 1 << 13
ROLE_MARKER = 1 << 14
ARTICLE = 1 << 15
BACKREF_MARKER = 1 << 16
BACKREF_CLOSER = 1 << 17
PLACE_PREPOSITION = 1 << 18
VERB = 1 << 19  # matches the language's verb pattern
ACCORDING = 1 << 20  # a one-word "according to" ("menurut")
CUE_BACK = 1 << 21  # katanya, ujarnya
PLAIN = 1 << 22  # could be part of a person's name at all
ADVERB = 1 << 23  # between a subject and its verb
SUBJECT_ADVERB = 1 << 24  # between a quoted speaker and the verb before the quote
RELATIVE = 1 << 25
SOME = 1 << 26
DESCRIPTION_STOP = 1 << 27
ROLE_PREPOSITION = 1 << 28
# Punctuation
SENTENCE_OPENER = 1 << 29  # a name after it opens a sentence
HALT = 1 << 30  # ends a phrase or a role
OPENING = 1 << 31  # a capitalised word after it may just open a sentence
SLASH = 1 << 32
OPEN_PAREN = 1 << 33
INDEFINITE = 1 << 34  # "seorang", "a": someone not named before
AUXILIARY = 1 << 35  # "had", "was": "said X had …" reports X, X does not speak
COMPLEMENTIZER = 1 << 36  # "bahwa", "that" between a cue verb and its quotation
ACCORDING_START = 1 << 37  # the first word of an "according to" phrase
ABBREVIATION = 1 << 38  # a title written short with a full stop: "Sen.", "Gov.", "Lt."
REPORTING = 1 << 39  # a verb that reports words short of a cue: "called", "saying"
LABEL = 1 << 40  # quoted text after it is a name or a title: "so-called", "bertajuk"
LABEL_OPENER = 1 << 41  # "what he called …": the quoted words are a label
#: What may follow the first word of a capitalised run inside the run: a token without
#: any of these ends the run after one word, with no need to call :func:`run_at`.
RUN_NEXT = CAPWORD | CONNECTOR | PARTICLE | SLASH | DIGITS | HONORIFIC | OPEN_PAREN

#: The C tokenizer, if built (:mod:`reader.importer.compiled`).
_SPEEDUPS = speedups()
#: The flags the C tokenizer needs to know (see ``_speedups.c``).
_SCAN_BITS = (WORD, UPPER, LOWER_APART, CAPWORD)


def uses_speedups() -> bool:
    """Does :func:`tokenize` run in C (``_speedups.c`` built, current and not turned off)?"""
    return _SPEEDUPS is not None


_SENTENCE_OPENERS = frozenset({".", "!", "?", "“", "”", '"', "«", "»", ":"})
_HALTS = frozenset('.!?;:“”„«»"()')
_OPENINGS = frozenset('.!?“”„«»"(')


def is_plain(word: str, lang: Language) -> bool:
    """Could this capitalised word be part of a person's name at all (by the word lists)?"""
    low = word.lower()
    # (letters are never digits: only a word with other characters needs the scan)
    if not word[:1].isupper() or (not word.isalpha() and any(ch.isdigit() for ch in word)):
        return False
    return not (
        low in lang.stopwords
        or low in lang.role_words
        or low in lang.institution_words
        or low in lang.not_names
        or low in lang.org_heads
        or low in lang.honorifics
        or low in lang.pronouns
        or low in lang.connectors
        or lang.cue_back(low)
        or (lang.common_word is not None and lang.common_word.match(low) is not None)
    )


def _listed(lang: Language) -> dict[str, int]:
    """Every word on one of ``lang``'s lists, with the flags of the lists that hold it."""
    listed: dict[str, int] = {}
    for words, flag in (
        (lang.stopwords, STOP),
        (lang.role_words, ROLE),
        (lang.connectors, CONNECTOR),
        (lang.name_particles, PARTICLE),
        (lang.honorifics, HONORIFIC),
        (lang.abbreviations, ABBREVIATION),
        (lang.reporting_verbs, REPORTING),
        (lang.label_markers, LABEL),
        (lang.label_openers, LABEL_OPENER),
        (lang.post_cues, POST_CUE),
        (lang.pre_cues, PRE_CUE),
        (lang.pronouns, PRONOUN),
        (lang.role_markers, ROLE_MARKER),
        (lang.articles, ARTICLE),
        (lang.indefinites, INDEFINITE),
        (lang.auxiliaries, AUXILIARY),
        (lang.backref_markers, BACKREF_MARKER),
        (lang.backref_closers, BACKREF_CLOSER),
        (lang.place_prepositions, PLACE_PREPOSITION),
        (frozenset(lang.according_to), ACCORDING),
        (frozenset(p.split()[0] for p in lang.according_to if p.split()), ACCORDING_START),
        (lang.adverbs, ADVERB),
        (lang.subject_adverbs, SUBJECT_ADVERB),
        (lang.relatives, RELATIVE),
        (lang.quantifiers, SOME),
        (lang.description_stops, DESCRIPTION_STOP),
        (lang.role_prepositions, ROLE_PREPOSITION),
        (lang.complementizers, COMPLEMENTIZER),
    ):
        _add_flags(listed, words, flag)
    return listed


def _add_flags(table: dict[str, int], words: Iterable[str], flag: int) -> None:
    """Give each of ``words`` ``flag`` in ``table``, beside the flags it has."""
    for word in words:
        table[word] = table.get(word, 0) | flag


_MARKS: dict[str, int] = {"/": SLASH, "(": OPEN_PAREN}
_add_flags(_MARKS, _SENTENCE_OPENERS, SENTENCE_OPENER)
_add_flags(_MARKS, _HALTS, HALT)
_add_flags(_MARKS, _OPENINGS, OPENING)


def word_flags(chunk: str, lang: Language, listed: dict[str, int] | None = None) -> int:
    """The flags of one token; ``chunk`` may start with the space before the token.

    ``listed`` is :func:`_listed` of ``lang``, passed in by a table that keeps it.
    """
    if listed is None:
        listed = _listed(lang)
    spaced = chunk[:1] == " "
    word = chunk[1:] if spaced else chunk
    first = word[:1]
    low = word.lower()
    flags = listed.get(low, 0) | _MARKS.get(word, 0)
    if first.isalnum():
        flags |= WORD
        if spaced and not first.isupper():
            flags |= LOWER_APART
    if first.isupper():
        flags |= UPPER | (CAPWORD if first.isalnum() else 0)
    if word.isdigit():
        flags |= DIGITS
    if word.isupper():
        flags |= ALL_CAPS
    if lang.verb is not None and lang.verb.match(low) is not None:
        flags |= VERB
    if lang.cue_back(low):
        flags |= CUE_BACK
    if is_plain(word, lang):
        flags |= PLAIN
    return flags


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
        self.listed = _listed(lang)
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
    bracketed short form ("Kementerian Dalam Negeri (Kemendagri) Akmal Malik").
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
            # "… Busyro Muqoddas dan Wakil Ketua …": a new title starts a new person.
            and not flags[j + 1] & ROLE
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
