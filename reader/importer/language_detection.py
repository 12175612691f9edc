"""Which language an article is written in, from counts of frequent function words.

Function words ("yang", "dan"; "the", "of") make up a large, stable share of any running
text, so counting them tells Indonesian from English reliably even on a short article,
and a new language only needs its stop-word list in its data file.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import filterfalse

from reader.importer.compiled import speedups
from reader.importer.language_data import all_languages, language

_WORD = re.compile(r"[^\W\d_]+")

#: Letters whose lower case depends on their neighbours or splits a word: "İ" becomes "i"
#: and a combining dot, a capital sigma "σ" or "ς". Everywhere else lowering the sample
#: at once gives the same words as lowering each word.
_CONTEXT_LOWER = ("\u0130", "\u03a3")

#: The C speedups, if built (:mod:`reader.importer.compiled`): ``count_words`` counts.
_SPEEDUPS = speedups()

#: The language assumed when the text gives no evidence at all.
DEFAULT = "id"
#: Characters read: about 300 words, a hundred of them function words, which decide the
#: language of every article in the corpora as the whole text does. Reading 20 KB made
#: detection a tenth of the import time.
SAMPLE_CHARS = 2_000


#: For ``bytes.translate`` of UTF-8 text: ASCII capitals to small letters, every other
#: ASCII byte (digit, ``_``, punctuation, whitespace, control) to a space, and the bytes
#: of non-ASCII characters (0x80 and above, never part of an ASCII character) as they are.
_ASCII_LOWER_LETTERS = bytes(
    code + 32 if 0x41 <= code <= 0x5A else code if 0x61 <= code <= 0x7A or code >= 0x80 else 0x20
    for code in range(256)
)


def _lowered_words(head: str) -> tuple[list[bytes], list[str]]:
    """The words of ``head.lower()`` (``_WORD.findall``), in two lists for counting.

    First every token, as UTF-8 bytes: those of ASCII letters only are words, the others
    hold a non-ASCII byte, so they equal no ASCII stop word and count for nothing there;
    then the words of those other tokens, as text. Reading the words of a 2,000-character
    sample was most of the cost of detection, because of one Python step (and often a
    regex) per word; here lowering and splitting ASCII words run at C speed on bytes:

    * ASCII characters other than letters are never part of a word, so making them
      spaces changes no word; the bytes of a non-ASCII character are all 0x80 or above,
      so no token of ``bytes.split`` starts or ends inside a character.
    * A token of ASCII letters is one whole word, lowered by the table as
      ``str.lower`` lowers it.
    * A token with a non-ASCII byte is decoded, lowered and read with the regex: the
      regex decides what of it is a word (a non-ASCII space, a dash or a curly quote
      is not), and lowering it as text lowers it as lowering the whole sample would
      (the caller sends samples holding the context-dependent letters
      :data:`_CONTEXT_LOWER` elsewhere).

    ``surrogatepass``: a lone surrogate (0x80 and above too) goes through unchanged.
    """
    encoded = head.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER_LETTERS)
    tokens = encoded.split()
    # bytes.isalpha is true for ASCII letters only: a token without is one to decode
    others = list(filterfalse(bytes.isalpha, tokens))
    if not others:
        return tokens, []
    rest = b" ".join(others).decode("utf-8", "surrogatepass").lower()
    return tokens, _WORD.findall(rest)


@cache
def _ascii_stopwords(code: str) -> frozenset[bytes]:
    """The stop words of a language made of ASCII letters only, as bytes.

    The only words :func:`_lowered_words` gives as bytes; a token that holds a
    non-ASCII byte can never equal one of them, so the whole token list is counted.
    """
    return frozenset(
        word.encode("ascii")
        for word in language(code).stopwords
        if word.isascii() and word.isalpha() and word.islower()
    )


@cache
def _stopword_lists(codes: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    return tuple(language(code).stopwords for code in codes)


def detect_language(text: str, *, sample: int = SAMPLE_CHARS) -> str:
    """The code of the language whose stop words occur most often at the top of ``text``."""
    head = text[:sample]
    langs = all_languages()
    if _SPEEDUPS is not None:
        # In C, word by word (a tenth of what the ways below cost).
        scores = _SPEEDUPS.count_words(head, _stopword_lists(tuple(g.code for g in langs)))
    elif any(ch in head for ch in _CONTEXT_LOWER):
        words = list(map(str.lower, _WORD.findall(head)))
        scores = [sum(map(lang.stopwords.__contains__, words)) for lang in langs]
    else:
        ascii_words, other_words = _lowered_words(head)
        scores = [
            sum(map(_ascii_stopwords(lang.code).__contains__, ascii_words))
            + sum(map(lang.stopwords.__contains__, other_words))
            for lang in langs
        ]
    best, best_score = DEFAULT, 0
    for lang, score in zip(langs, scores, strict=True):
        if score > best_score:
            best, best_score = lang.code, score
    return best
