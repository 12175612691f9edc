"""Names and roles: which capitalised words name a person, using the whole article.

A capitalised *run* (:func:`reader.importer.attribution.tokens.run_at`) may hold a title, a body and
a name: "Menteri Luar Negeri Rusia Sergey Lavrov". :class:`NameRules` splits a run into
role words and name words, from the language's word lists and from what the article
itself shows about each word (is it also written in lower case, used on its own after
"di", followed by several different names?).
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import repeat
from operator import and_

from reader.importer.attribution.flags import (
    ABBREVIATION,
    ALL_CAPS,
    CAPWORD,
    HONORIFIC,
    PARTICLE,
    PLACE_PREPOSITION,
    PLAIN,
    POST_CUE,
    PRE_CUE,
    ROLE,
    SENTENCE_OPENER,
    SOME,
    STOP,
    UPPER,
    WORD,
)
from reader.importer.attribution.tokens import Tokens, spaced_lower_words, word_table
from reader.importer.compiled import speedups
from reader.importer.language_data import Language

#: What ends a sentence: a capitalised word after it may only be opening the sentence.
_FULL_STOPS = frozenset(".!?")
#: A speech verb: a word on the list of those before a quotation ("mengatakan", "said").
_SPEECH = PRE_CUE | WORD
#: Longest name the importer takes (tokens); longer runs are roles or institutions.
MAX_NAME_TOKENS = 5


class NameRules:
    """Tells name words from role and institution words, using the whole article.

    Besides the language's word lists, a capitalised word the article also uses on its
    own in running text ("… terhadap Rusia.") or in lower case is a place or a common
    word, not a first name.
    """

    def __init__(
        self, lang: Language, paragraphs: list[Tokens], lower_words: set[str] | None = None
    ) -> None:
        """``lower_words`` is :func:`spaced_lower_words` of ``paragraphs``, if known."""
        self.lang = lang
        self.table = word_table(lang)
        self._splits: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        #: Words the article writes in lower case (only whether one is, is ever asked).
        self.lower_words: set[str] = (
            spaced_lower_words(paragraphs) if lower_words is None else lower_words
        )
        #: How often each all-capitals capitalised word occurs (only acronyms in a run
        #: are ever asked about).
        self.counts: dict[str, int]
        self.standalone: set[str] = set()
        #: Words used as a name right after a cue verb ("kata Hari"): names for sure.
        self.cued: set[str] = set()
        #: The capitalised words each capitalised word is followed by, across the article.
        self.follows: dict[str, set[str]] = {}
        #: Capitalised words the article writes inside a sentence, not only opening one:
        #: a lone capitalised word found only at sentence starts ("Kicking off the day,",
        #: "Earlier this week,", "Weighing in,") is no name.
        self.inside: set[str] = set()
        counts: dict[str, int] = {}
        follows, cued, standalone, inside = self.follows, self.cued, self.standalone, self.inside
        places = _cased_places(lang)
        #: Known places (the language's list) the article names: like a word it uses
        #: on its own after "di", except as the last word after a name ("Rusdy Ambon").
        self.places: set[str] = set()
        known = self.places
        #: Words right before a speech verb, alone ("Trump said", but not "Dinkes Sultra
        #: mengatakan").
        speakers: set[str] = set()
        placed: list[tuple[int, int]] = []
        gather = _SPEEDUPS.cap_stats if _SPEEDUPS is not None else gather_in_python
        gather(paragraphs, _BITS, places, counts, follows, cued, inside, speakers, known, placed)
        for b, k in placed:
            if not self._titled(paragraphs[b], k):
                standalone.add(paragraphs[b].words[k])
        self.counts = counts
        if standalone or known:
            # "faith in Trump" makes no place of a word the article has speak ("Trump
            # said", "said Trump").
            speaking = cued | (speakers & (standalone | known))
            standalone -= speaking
            known -= speaking
            known |= standalone

    def _titled(self, para: Tokens, k: int) -> bool:
        """Does a two-word title end right before token ``k`` ("Wali Kota Risma", whose
        "Kota" would otherwise make a place of Risma)?"""
        words = para.words
        return k > 1 and f"{words[k - 2].lower()} {words[k - 1].lower()}" in self.lang.titles

    def is_role(self, word: str) -> bool:
        return bool(self.table[word] & ROLE)

    def is_plain(self, word: str) -> bool:
        """Could this capitalised word be part of a person's name at all?"""
        return bool(self.table[word] & PLAIN)

    def split(self, words: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Split a capitalised run into (role words, name words), the name at the end.

        Remembered per run: the answer depends only on the words and on the article's
        statistics, and an article names the same people and bodies again and again.
        """
        key = tuple(words)
        known = self._splits.get(key)
        if known is None:
            k = self._name_start(key) if len(key) > 1 else self._one_word_start(key[0])
            known = self._splits[key] = (key[:k], key[k:])
        return known

    def split_one(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """:meth:`split` of a one-word run, which most runs are: worked out each time,
        which costs less than looking it up."""
        return ((), (word,)) if self._one_word_start(word) == 0 else ((word,), ())

    def _one_word_start(self, word: str) -> int:
        """:meth:`_name_start` of a one-word run, which most runs are."""
        return 0 if self.table[word] & PLAIN and self.one_word_name(word) else 1

    def one_word_name(self, word: str) -> bool:
        """Can a plain word standing alone in its run be a name? Not an acronym ("TNI"),
        nor a word the article uses on its own after "di" (a place)."""
        return not _acronym(word) and word not in self.places

    def _name_start(self, words: tuple[str, ...]) -> int:
        n = len(words)
        flags_of = list(map(self.table.__getitem__, words))
        titled = min(map(and_, flags_of, repeat(PLAIN))) == 0
        cued = self.cued
        k = n
        # (the walk back from the last word is the hottest loop of the speaker pass: the
        # last word's own questions are asked before it, the others' inside it)
        while k > 0 and n - k < MAX_NAME_TOKENS:
            word = words[k - 1]
            flags = flags_of[k - 1]
            if flags & PARTICLE and not flags & UPPER:
                k -= 1
                continue
            if word == "." and _glued_initials(words, k - 1):
                k -= 1  # "R.J. Calloway": the stop between two initials is the name's
                continue
            if k == n:
                if not flags & PLAIN and not self._role_surname(words):
                    break
                if titled and word in self.standalone:
                    break  # "Kepala Dinas Kesehatan Banyuwangi" (… "di Banyuwangi")
            else:
                if not flags & PLAIN:
                    break
                if word.endswith(("’s", "'s")):
                    break  # "Ethiopia’s Hana Tesfaye"
                # After a title, a word the article also uses on its own ("… di Rusia")
                # or in lower case qualifies the title: "Menteri Luar Negeri Rusia Sergey
                # Lavrov". "Polda Sultra …", "Bank Sultra …", "… Sultra Mohammad Fredly":
                # a word that goes with several names is a place or a body, not a first
                # name.
                if word not in cued and (
                    (_acronym(word) and self.counts.get(word, 0) > 1)
                    or (
                        titled
                        and (
                            word in self.places
                            or self.common(word)
                            or len(self.follows.get(word, ())) > 1
                        )
                    )
                ):
                    break
            k -= 1
        # A name never starts with a particle, nor right after "Universitas", "Kota" ….
        while k < len(words) and not words[k][:1].isupper():
            k += 1
        head = words[k - 1].lower() if 0 < k < len(words) else ""
        if head in self.lang.place_heads and len(words) - k <= 2 and words[k] not in self.cued:
            return len(words)  # "Jalan Sedap Malam", "Desa Sukamaju": a place, no person
        # "Universitas Jember", "Hotel Santika Budi Santoso" — but "Hotel Indra Muaz", and
        # "Wali Kota Risma" (a title that ends on a word such as "Kota").
        if (
            head in self.lang.org_heads
            and len(words) - k != 2
            and words[k] not in self.cued
            and not (k > 1 and f"{words[k - 2].lower()} {head}" in self.lang.titles)
        ):
            k += 1
        # "Duta Besar untuk Kenya", "Pendidikan Dasar dan Menengah Arif Setiawan": the word
        # after a connector belongs to the role.
        if 0 < k < len(words) and words[k - 1].lower() in self.lang.connectors:
            k += 1
        # "Belajar dari China Anwar …": a known place opens no name.
        while k < len(words) - 1 and words[k] in self.places:
            k += 1
        name = words[k:]
        if len(name) == 1 and (_acronym(name[0]) or name[0] in self.places):
            k = len(words)  # "Kadispen TNI AL", "…, Yogyakarta,": no person
        return k

    def _role_surname(self, words: tuple[str, ...]) -> bool:
        """Is the role word that ends the run a surname ("Amy Pope", "Pete King")? A
        title stands before a name, not after a first name."""
        table = self.table
        last, before = table[words[-1]], table[words[-2]]
        return (
            bool(last & ROLE)
            and not last & (HONORIFIC | ABBREVIATION | STOP)
            and bool(before & PLAIN)
            and not self.common(words[-2])
        )

    def speaks(self, word: str, *, quoting: bool) -> bool:
        """Can a lone capitalised word opening a sentence before a speech verb be a
        name ("Castellano announced …")? Only with a second sign of a person: a first name
        the language knows, or the verb's own quotation in the sentence (``quoting``:
        "Brackenridge initially said …, “…”"). A speech verb alone is not one
        ("Brightwell said it would …" is a firm as often as a person), nor is a word the
        article writes in lower case ("Critics said"). (A word the article also writes
        inside a sentence, as part of a longer name or after a title, is read as a name
        before this is asked.)"""
        flags = self.table[word]
        return (
            (quoting or word.lower() in self.lang.genders)
            and not self.common(word)
            and not _acronym(word)
            and not flags & (STOP | SOME)
        )

    def common(self, word: str) -> bool:
        """Does the article use this word in lower case too (so it is no name)?"""
        return word.lower() in self.lower_words

    def sentence_word(self, word: str) -> bool:
        """A word capitalised only because it opens a sentence ("Sementara", "Diakui")."""
        flags = self.table[word]
        if flags & STOP:
            return True
        return bool(flags & PLAIN) and word.lower() in self.lower_words


#: The flags :func:`gather_in_python` asks (and ``cap_stats`` in C is given).
_BITS = (ALL_CAPS, CAPWORD, POST_CUE, PLACE_PREPOSITION, SENTENCE_OPENER, _SPEECH)
#: The C speedups, if built (:mod:`reader.importer.compiled`): ``cap_stats`` is this pass.
_SPEEDUPS = speedups()


def gather_in_python(
    paragraphs: Sequence[Tokens],
    bits: tuple[int, int, int, int, int, int],
    places: AbstractSet[str],
    counts: dict[str, int],
    follows: dict[str, set[str]],
    cued: set[str],
    inside: set[str],
    speakers: set[str],
    known: set[str],
    placed: list[tuple[int, int]],
) -> None:
    """What the article's capitalised words say, in one pass over them (``cap_stats``
    in ``_speedups.c`` where it is built, which fills the same): how often each
    acronym occurs, the capitalised word after each, the words after a cue verb, those
    inside a sentence, those alone before a speech verb, the known ``places`` named, and
    in ``placed`` where a word stands alone after a preposition of place.

    One pass gathers everything: each used to have a pass of its own (the words inside
    sentences, those before a speech verb), and the passes were a twentieth of the
    import; in C the one pass is a tenth of what it is here. ``bits`` is :data:`_BITS`.
    """
    all_caps, capword, post_cue, place_preposition, sentence_opener, speech = bits
    asked = post_cue | place_preposition | sentence_opener
    in_sentence = inside.add
    for b, para in enumerate(paragraphs):
        caps = para.caps
        if not caps:
            continue
        words, flags = para.words, para.flags
        last = len(words) - 1
        for k in caps:
            word, here = words[k], flags[k]
            # Acronyms are only ever asked about inside a capitalised run, whose
            # capitalised words are all counted here.
            if here & all_caps:
                counts[word] = counts.get(word, 0) + 1
            nxt = flags[k + 1] if k < last else 0
            if nxt & capword:
                follows.setdefault(word, set()).add(words[k + 1])
            prev = flags[k - 1] if k else 0
            if not prev & asked:
                if k:
                    in_sentence(word)  # the common case: after a plain word
            else:
                if prev & post_cue:
                    cued.add(word)
                if prev & place_preposition and not nxt & capword:
                    placed.append((b, k))
                if not prev & sentence_opener or words[k - 1] not in _FULL_STOPS:
                    in_sentence(word)
            if nxt & speech == speech and not prev & capword:
                speakers.add(word)
            if word in places:
                known.add(word)


_CASED_PLACES: dict[str, frozenset[str]] = {}


def _cased_places(lang: Language) -> frozenset[str]:
    """The language's known places as an article writes them ("Bogor", "BOGOR"), so
    that each capitalised word is one set lookup (kept per language)."""
    cased = _CASED_PLACES.get(lang.code)
    if cased is None:
        cased = _CASED_PLACES[lang.code] = frozenset(
            form for place in lang.places for form in (place.capitalize(), place.upper())
        )
    return cased


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _glued_initials(words: Sequence[str], k: int) -> bool:
    """Is the full stop ``words[k]`` one between two initials ("R", ".", "J.")? The run
    (:func:`reader.importer.attribution.tokens.run_at`) only holds such a stop when the
    three are written together, as "R.J."."""
    return (
        0 < k < len(words) - 1
        and len(words[k - 1]) == 1
        and words[k - 1].isupper()
        and len(words[k + 1]) == 2
        and words[k + 1][0].isupper()
        and words[k + 1][1] == "."
    )


def fold_initials(name: tuple[str, ...]) -> tuple[str, ...]:
    """``name`` with each run of initials as one word: ("R", ".", "J.", "Calloway") is
    ("R.J.", "Calloway"), so the name reads as the article writes it."""
    if "." not in name:
        return name
    folded: list[str] = []
    glued = False
    for k, word in enumerate(name):
        if folded and word == "." and _glued_initials(name, k):
            folded[-1] += word
            glued = True
        elif glued:
            folded[-1] += word
            glued = False
        else:
            folded.append(word)
    return tuple(folded)
