"""Words and capitalised runs: the pieces person names and roles are read from.

A paragraph is cut once into word and punctuation tokens; a *run* is a stretch of
capitalised words (with the connectors a role may hold, "Pertahanan dan Luar Negeri",
and the particles a name may hold, "bin", "van"). The speaker pass reads names, roles
and cues off these tokens instead of running open-ended regular expressions, which
keeps the importer linear in the length of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import partial
from itertools import chain, compress
from operator import and_, gt, itemgetter, ne
from typing import NamedTuple

from reader.importer.languages import Language

_TOKEN = re.compile(
    r"[^\W\d_a-z]\.(?=\s[^\W\d_])"  # an initial: "Teguh P. Nugroho"
    r"|[^\W_](?:[\w’'\-]*[^\W_])?(?:(?<=s)['’](?!\w))?"  # a word; "Airways'" possessive
    r"|[^\w\s]"
)
#: Longest name the importer takes (tokens); longer runs are roles or institutions.
MAX_NAME_TOKENS = 5
#: Longest bracketed short form inside a title ("(KAI Commuter)").
MAX_BRACKETED = 4


class Token(NamedTuple):
    """One word or punctuation mark, with what the speaker pass asks of it precomputed.

    A named tuple so that :func:`tokenize` builds a paragraph's tokens column by column
    at C speed (a Python ``__init__`` per word was a fifth of the import time); fields
    read as fast as slots. Tokens are never compared or hashed.
    """

    text: str
    start: int
    end: int
    lower: str
    is_word: bool
    is_cap: bool

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


_new_token = partial(tuple.__new__, Token)
_first_char = itemgetter(0)


class Tokenized(NamedTuple):
    """A paragraph's tokens and the columns they were built from.

    The columns are kept because the article-wide word statistics
    (:class:`NameRules`) and the search for capitalised words read whole columns at C
    speed; taking them back out of the tokens cost as much as making them.
    """

    tokens: list[Token]
    texts: list[str]
    starts: list[int]
    ends: list[int]
    lowers: list[str]
    words: list[bool]
    uppers: list[bool]
    #: Is each token a capitalised word?
    capital: list[bool]
    #: Indexes of the capitalised words (where names and roles can start).
    caps: list[int]


def tokenize_columns(text: str) -> Tokenized:
    """Cut ``text`` into tokens, column by column (see :class:`Tokenized`)."""
    matches = list(_TOKEN.finditer(text))
    texts = list(map(re.Match.group, matches))
    starts = list(map(re.Match.start, matches))
    ends = list(map(re.Match.end, matches))
    firsts = list(map(_first_char, texts))
    words = list(map(str.isalnum, firsts))
    uppers = list(map(str.isupper, firsts))
    lowers = list(map(str.lower, texts))
    tokens = list(map(_new_token, zip(texts, starts, ends, lowers, words, uppers, strict=True)))
    capital = list(map(and_, words, uppers))
    caps = list(compress(range(len(tokens)), capital))
    return Tokenized(tokens, texts, starts, ends, lowers, words, uppers, capital, caps)


def tokenize(text: str) -> list[Token]:
    return tokenize_columns(text).tokens


def make_token(text: str, start: int, end: int) -> Token:
    """One token, as :func:`tokenize` makes it (for tests and hand-made token lists)."""
    return Token(text, start, end, text.lower(), text[0].isalnum(), text[0].isupper())


def run_at(tokens: list[Token], i: int, lang: Language) -> int:
    """End (exclusive) of the capitalised run starting at token ``i`` (``i`` if none)."""
    j = i
    n = len(tokens)
    while j < n and tokens[j].is_word and tokens[j].is_cap:
        j += 1
        # "Kementerian Dalam Negeri (Kemendagri) Akmal Malik": a bracketed short form.
        if j < n and tokens[j].text == "(":
            close = j + 1
            while close < n and close - j <= MAX_BRACKETED and tokens[close].text != ")":
                close += 1
            if (
                close < n - 1
                and close - j <= MAX_BRACKETED
                and tokens[close].text == ")"
                and tokens[j + 1].is_cap
                and tokens[close + 1].is_word
                and tokens[close + 1].is_cap
            ):
                j = close + 1
                continue
        if (
            j + 1 < n
            and (
                tokens[j].lower in lang.connectors
                or tokens[j].lower in lang.name_particles
                or tokens[j].text == "/"
                or tokens[j].text.isdigit()  # "Daop 8 Surabaya"
                or tokens[j].lower in lang.honorifics  # "Kepala Dinas … dr Widji"
            )
            and tokens[j + 1].is_word
            and tokens[j + 1].is_cap
            # "… Busyro Muqoddas dan Wakil Ketua …": a new title starts a new person.
            and tokens[j + 1].lower not in lang.role_words
        ):
            j += 1
    return j


class NameRules:
    """Tells name words from role and institution words, using the whole article.

    Besides the language's word lists, a capitalised word the article also uses on its
    own in running text ("… terhadap Rusia.") or in lower case is a place or a common
    word, not a first name.
    """

    def __init__(self, lang: Language, paragraphs: list[Tokenized]) -> None:
        self.lang = lang
        self._plain: dict[str, bool] = {}
        self._splits: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        #: Words the article writes in lower case (only whether one is, is ever asked).
        self.lower_words: set[str] = set()
        #: How often each all-capitals word occurs (only acronyms are ever counted).
        self.counts: dict[str, int]
        self.standalone: set[str] = set()
        #: Words used as a name right after a cue verb ("kata Hari"): names for sure.
        self.cued: set[str] = set()
        #: The capitalised words each capitalised word is followed by, across the article.
        self.follows: dict[str, set[str]] = {}
        counts: Counter[str] = Counter()
        lower_words = self.lower_words
        for para in paragraphs:
            tokens, texts = para.tokens, para.texts
            # Column by column at C speed; only capitalised words get a Python loop (a
            # pass over whole columns per fact below was slower than this loop).
            # Counting every word cost a twentieth of the import; only acronyms are asked.
            counts.update(compress(texts, map(str.isupper, texts)))
            # A lower-case word, not glued to the token before it ("khofifah.ip").
            apart = map(ne, para.starts, chain((-1,), para.ends))
            lower_words.update(compress(texts, map(and_, map(gt, para.words, para.uppers), apart)))
            last = len(tokens) - 1
            for k in para.caps:
                tok = tokens[k]
                prev = tokens[k - 1] if k else None
                nxt = tokens[k + 1] if k < last else None
                if nxt is not None and nxt.is_word and nxt.is_cap:
                    self.follows.setdefault(tok.text, set()).add(nxt.text)
                if prev is not None and prev.lower in lang.post_cues:
                    self.cued.add(tok.text)
                if (
                    prev is not None
                    and prev.lower in lang.place_prepositions
                    and (nxt is None or not (nxt.is_word and nxt.is_cap))
                ):
                    self.standalone.add(tok.text)
        self.counts = dict(counts)

    def is_role(self, word: str) -> bool:
        return word.lower() in self.lang.role_words

    def is_plain(self, word: str) -> bool:
        """Could this capitalised word be part of a person's name at all?"""
        known = self._plain.get(word)
        if known is None:
            known = self._plain[word] = self._is_plain(word)
        return known

    def _is_plain(self, word: str) -> bool:
        low = word.lower()
        lang = self.lang
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

    def split(self, words: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Split a capitalised run into (role words, name words), the name at the end.

        Remembered per run: the answer depends only on the words and on the article's
        statistics, and an article names the same people and bodies again and again.
        """
        key = tuple(words)
        known = self._splits.get(key)
        if known is None:
            k = self._name_start(key)
            known = self._splits[key] = (key[:k], key[k:])
        return known

    def _name_start(self, words: tuple[str, ...]) -> int:
        k = len(words)
        titled = any(not self.is_plain(w) for w in words)
        while k > 0 and len(words) - k < MAX_NAME_TOKENS:
            word = words[k - 1]
            last = k == len(words)
            if not word[:1].isupper() and word.lower() in self.lang.name_particles:
                k -= 1
                continue
            if not self.is_plain(word):
                break
            if not last and word.endswith(("’s", "'s")):
                break  # "Ethiopia’s Hana Tesfaye"
            if last and titled and word in self.standalone:
                break  # "Kepala Dinas Kesehatan Banyuwangi" (… "di Banyuwangi")
            # After a title, a word the article also uses on its own ("… di Rusia") or
            # in lower case qualifies the title: "Menteri Luar Negeri Rusia Sergey Lavrov".
            if (
                not last
                and word not in self.cued
                and (
                    (_acronym(word) and self.counts.get(word, 0) > 1)
                    or (titled and (word in self.standalone or self.common(word)))
                    # "Polda Sultra …", "Bank Sultra …", "… Sultra Mohammad Fredly": a word
                    # that goes with several names is a place or a body, not a first name.
                    or (titled and len(self.follows.get(word, ())) > 1)
                )
            ):
                break
            k -= 1
        # A name never starts with a particle, nor right after "Universitas", "Kota" ….
        while k < len(words) and not words[k][:1].isupper():
            k += 1
        # "Universitas Jember", "Hotel Santika Budi Santoso" — but "Hotel Indra Muaz".
        if (
            0 < k < len(words)
            and words[k - 1].lower() in self.lang.org_heads
            and len(words) - k != 2
            and words[k] not in self.cued
        ):
            k += 1
        # "Duta Besar untuk Kenya", "Pendidikan Dasar dan Menengah Arif Setiawan": the word
        # after a connector belongs to the role.
        if 0 < k < len(words) and words[k - 1].lower() in self.lang.connectors:
            k += 1
        name = words[k:]
        if len(name) == 1 and (_acronym(name[0]) or name[0] in self.standalone):
            k = len(words)  # "Kadispen TNI AL", "…, Yogyakarta,": no person
        return k

    def common(self, word: str) -> bool:
        """Does the article use this word in lower case too (so it is no name)?"""
        return word.lower() in self.lower_words

    def sentence_word(self, word: str) -> bool:
        """A word capitalised only because it opens a sentence ("Sementara", "Diakui")."""
        low = word.lower()
        lang = self.lang
        if low in lang.stopwords:
            return True
        return self.is_plain(word) and low in self.lower_words

    def role_text(self, words: list[str]) -> str | None:
        """The role in the words before a name: from the first role word on."""
        for i, word in enumerate(words):
            if self.is_role(word):
                return " ".join(words[i:]) or None
        return None


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()
