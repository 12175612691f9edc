"""A name and its role at a place in a paragraph: the reading every cue is built on.

:class:`NameReader` reads the capitalised run at a place ("Menteri Luar Negeri Rusia
Sergey Lavrov") into a :class:`Cue` that names a person (with the role given before the
name, before a comma, or after it: ", seorang ahli militer independen,") or only a role
("kata Presiden"). :mod:`.phrases` reads the phrases after a cue verb with it and
:mod:`.cues` the cues around a quotation.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from reader.importer.attribution.flags import (
    ABBREVIATION,
    ACCORDING,
    ALL_CAPS,
    ARTICLE,
    CONNECTOR,
    DIGITS,
    HALT,
    HONORIFIC,
    INDEFINITE,
    OPENING,
    PARTICLE,
    PLAIN,
    POST_CUE,
    PRE_CUE,
    RELATIVE,
    REPORTING,
    ROLE,
    ROLE_MARKER,
    ROLE_PREPOSITION,
    STOP,
    SUBJECT_ADVERB,
    UPPER,
    VERB,
    WORD,
)
from reader.importer.attribution.names import NameRules, fold_initials
from reader.importer.attribution.tokens import MAX_BRACKETED, Tokens, age_at
from reader.importer.language_data import Language

#: Longest body between "dari" and the speech verb after a lone name ("Wirapati dari PT
#: Rotan Sejahtera Abadi mengatakan").
MAX_BODY = 8

#: What ends a sentence (unless it follows an abbreviated title: "Sen. Ann Cole").
_FULL_STOPS = frozenset(".!?")
_OPENING_MARKS = frozenset('“„«"')
#: Furthest a speech verb's own quotation opens after it in its sentence (tokens).
MAX_QUOTING = 40
#: Most tokens of where a person comes from after "of" ("Madison", "New York").
MAX_ORIGIN = 3
#: Longest role read after a name (", seorang ahli militer independen,").
MAX_ROLE_AFTER = 20
#: Most words of a role read before a comma and a name, a bracketed short form not
#: counted ("mantan Kepala Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kabupaten
#: Sukaraja, Hendrawan Siregar").
MAX_ROLE_BEFORE = 10
#: The token before a name that a role before a comma needs: the comma, or the dot of
#: an honorific between it and the name ("…, Dr. Wulan").
_BEFORE_COMMA_ROLE = frozenset({",", "."})
#: The token after a name that a role after it needs: its comma, or an age's bracket.
_AFTER_ROLE = frozenset({",", "("})
#: Punctuation no bracketed short form holds.
_HALT_CHARS = frozenset('.!?;:“”„«»"(),')

#: The endings of a possessive ("Rubio's", "Sanders’").
_POSSESSIVE = ("’s", "'s", "s’", "s'")

#: What the last word of a capitalised run needs for the run to end in a name: without
#: any, NameRules.split finds no name in it (a plain word may end a name, a role word
#: may be a surname, "bin"/"van" are walked over).
_NAME_END = PLAIN | ROLE | PARTICLE
#: A split that found no name (its role words are not asked for then).
_NO_NAME: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

CueKind = Literal["name", "role", "back", "desc", "none"]


class Cue(NamedTuple):
    """What the words around a quotation say of its speaker.

    A named tuple: the speaker pass makes one per capitalised run, and a frozen
    dataclass cost several times as much to build.
    """

    kind: CueKind
    name: tuple[str, ...] = ()
    role: str | None = None
    head: str | None = None
    at: int = 0
    adjacent: bool = False
    #: For a pronoun ("she", "he"): the gender it refers to ("f", "m"), else None.
    gender: str | None = None


NONE = Cue("none")


class NameReader:
    """Reads names and their roles in one paragraph."""

    __slots__ = ("flags", "lang", "rules", "text", "tokens", "words")

    def __init__(self, text: str, tokens: Tokens, rules: NameRules) -> None:
        self.text = text
        self.tokens = tokens
        self.words = tokens.words
        self.flags = tokens.flags
        self.rules = rules
        self.lang: Language = rules.lang

    # -- helpers ------------------------------------------------------------------

    def _span_text(self, i: int, j: int) -> str:
        return self.text[self.tokens.start(i) : self.tokens.ends[j - 1]]

    def pronoun(self, k: int) -> Cue:
        """The back-reference of the pronoun at token ``k``, with its gender if it has one."""
        gender = self.lang.genders.get(self.tokens.lower(k))
        return Cue("back", at=self.tokens.start(k), gender=gender)

    def introduced(self, j: int) -> bool:
        """Does a lone word opening a sentence introduce a person after all: a role
        between commas follows it ("Dedy, Kepala Peleton B dari …, menuturkan") or a
        body and a speech verb ("Wirapati dari PT Rotan Sejahtera Abadi mengatakan")?"""
        w, f = self.words, self.flags
        n = len(w)
        if j >= n - 1:
            return False
        if w[j] == ",":
            return bool(f[j + 1] & UPPER) and self._role_after(j) is not None
        if not f[j] & ROLE_PREPOSITION or not f[j + 1] & UPPER:
            return False
        for s in range(j + 1, min(n, j + MAX_BODY)):
            if f[s] & PRE_CUE:
                return True
            if not f[s] & (UPPER | CONNECTOR) and w[s] not in "()":
                return False
        return False

    def _quoting_after(self, j: int) -> bool:
        """Does a quotation open in the sentence that goes on at token ``j``?"""
        w = self.words
        for s in range(j, min(len(w), j + MAX_QUOTING)):
            if w[s] in _OPENING_MARKS:
                return True
            if w[s] in _FULL_STOPS:
                return False
        return False

    def _speaks_at(self, j: int) -> bool:
        """Does a speech or reporting verb follow at ``j``, past adverbs ("Castellano
        announced", "Castellano initially said")?"""
        f = self.flags
        n = len(f)
        while j < n and f[j] & SUBJECT_ADVERB and not f[j] & UPPER:
            j += 1
        return j < n and bool(f[j] & WORD) and bool(f[j] & (PRE_CUE | REPORTING))

    def _role_after(self, k: int) -> str | None:
        """ ", seorang ahli militer," / ", a paediatrician at X who …" after a name."""
        w, f = self.words, self.flags
        n = len(w)
        # "Siti Aminah (52), warga …" / "Joanne Whitcombe, 44, a customer …": skip an age.
        age = age_at(self.tokens, k)
        aged = age > 0
        k += age
        if k >= n or w[k] != ",":
            return None
        i = k + 1
        marked = False
        while i < n and f[i] & ROLE_MARKER:
            marked = marked or bool(f[i] & ARTICLE)
            i += 1
        if i >= n or not f[i] & WORD or f[i] & DIGITS:
            return None
        first = f[i]
        if first & (STOP | PRE_CUE):
            return None
        if not marked and not first & UPPER and first & VERB:
            return None
        j = i
        while j < n and j - i < MAX_ROLE_AFTER and w[j] != ",":
            if w[j] == "(" and j > i:
                # "…, the State Commissioner for Housing (SCH), …"
                close = _short_form_end(w, j)
                if close is None:
                    break
                j = close + 1
                continue
            if f[j] & HALT:
                break
            if f[j] & (RELATIVE | PRE_CUE) or (f[j] & POST_CUE and j > i):
                break
            if (
                j > i
                and not f[j] & UPPER
                and f[j] & STOP
                and not f[j] & (CONNECTOR | ROLE_PREPOSITION)
            ):
                break  # "…, Komisaris dan Direktur PT X juga telah diperiksa": no role
            j += 1
        if j == i or (
            j < n
            and w[j] not in {",", "."}
            and not f[j] & RELATIVE
            # "Tessa Brandt, the press officer for the party said …"
            and not (marked and f[j] & PRE_CUE)
        ):
            return None
        words = [s for s in range(i, j) if f[s] & WORD]
        if not words:
            return None
        if not (marked or aged or any(f[s] & ROLE for s in words)):
            return None  # "Lavrov, Kerry dan …", "APD, masker, …": a list, not a role
        return self._span_text(i, j)

    def _role_before_comma(self, k: int, *, full_name: bool = False) -> str | None:
        """ "Pakar militer Rusia, Viktor Sorokin": the role before the comma at ``k - 1``."""
        w, f = self.words, self.flags
        # "…, Dr. Wulan Kartikasari": the honorific stands between the comma and the name
        if k > 2 and w[k - 1] == "." and f[k - 2] & HONORIFIC:
            k -= 2
        elif k > 1 and f[k - 1] & HONORIFIC:
            k -= 1
        if k < 2 or w[k - 1] != ",":
            return None
        j = k - 1
        # "Pengajar sosiologi UNJ (Universitas Negeri Jakarta), Rakhmat Hidayat"
        if j > 0 and w[j - 1] == ")":
            opening = opening_bracket(w, j - 1)
            if opening is not None:
                j = opening
        i = j
        walked = 0  # words, not counting a bracketed short form
        while i > 0 and walked < MAX_ROLE_BEFORE:
            prev = f[i - 1]
            if w[i - 1] == ")":  # "Kepala Badan … Daerah (BPBD) Banyuwangi, …"
                opening = opening_bracket(w, i - 1)
                if opening is None:
                    break
                i = opening
                continue
            walked += 1
            if not prev & WORD or prev & ROLE_MARKER:
                break
            if (
                not prev & UPPER
                and not prev & CONNECTOR
                # "Analis dari Lembaga X, Bayu Aditya": a full name may take a role that
                # runs through "dari"/"of" (a single word after ", Singapura" is a place)
                and not (full_name and prev & ROLE_PREPOSITION)
                # a role word wins over the verb pattern ("Kuasa hukum terdakwa, …")
                and (prev & STOP or prev & VERB)
                and not prev & ROLE
            ):
                break
            i -= 1
        # "Seorang warga, Sumiati (58), …": after an indefinite marker any noun is a role
        marked = 0 < i < j and bool(f[i - 1] & INDEFINITE)
        while i < j and f[i] & (STOP | ACCORDING):
            i += 1
        if marked or any(f[s] & WORD and f[s] & ROLE for s in range(i, j)):
            return self._span_text(i, j)  # "Kessler's lawyer", "Pakar militer Rusia"
        return None

    def name_at(self, i: int, j: int) -> Cue | None:
        """A name (with its role) in the capitalised run ``tokens[i:j]``."""
        w, f = self.words, self.flags
        rules = self.rules
        if (
            j - i > 1
            and (i == 0 or f[i - 1] & OPENING)
            and (
                rules.sentence_word(w[i])
                # "Diakui Syafrin, …": a passive verb opening the sentence before a name
                # the article also uses after a cue verb.
                or (w[i + 1] in rules.cued and f[i] & VERB)
            )
        ):
            i += 1
        # "Donald Hartley of Madison", "Phil Bryant of Mississippi": a full name, then
        # where the person comes from (a title before "of" holds no plain words). (Most
        # runs are too short to hold one: no loop for them.)
        for c in range(i + 2, j - 1) if j - i > 3 else ():
            if f[c] & CONNECTOR and f[c] & ROLE_PREPOSITION and not f[c] & UPPER:
                if (
                    j - c <= MAX_ORIGIN
                    and all(f[s] & PLAIN and not f[s] & ALL_CAPS for s in (c - 2, c - 1))
                    # nothing before the name but a title written short ("Gov.")
                    and all(
                        f[s] & (ABBREVIATION | HONORIFIC) or w[s] == "." for s in range(i, c - 2)
                    )
                ):
                    j = c
                break
        # "Sen. Chris Murphy", "Lt. Gen. Ann Cole": a title written short stays with it.
        while i >= 2 and w[i - 1] == "." and f[i - 2] & ABBREVIATION:
            i -= 2
        words = w[i:j]
        if (
            j - i == 1
            and (i == 0 or w[i - 1] in _FULL_STOPS)
            and words[0] not in rules.cued
            and f[i] & PLAIN
            and words[0] not in rules.follows  # (a name's first word: no need to look)
            and words[0] not in rules.inside
            and not self.introduced(j)
            and not (self._speaks_at(j) and rules.speaks(words[0], quoting=self._quoting_after(j)))
        ):
            return None  # "Kicking off the day, …", "Earlier this week, …": no name
        if not f[j - 1] & _NAME_END:
            # The run's last word can end no name (a body, a place, a common word): no
            # need to split it ("Dinas Kesehatan", a third of the runs of an article).
            role_words, name = _NO_NAME
        elif j - i > 1:
            role_words, name = rules.split(words)
        elif f[i] & PLAIN and rules.one_word_name(words[0]):
            role_words, name = (), (words[0],)  # (NameRules.split_one, off the flags)
        else:
            role_words, name = _NO_NAME
        if not name:
            # (a token's flags hold its word's ROLE: no lookup of each word in the table)
            head = next((w[s] for s in range(i, j) if f[s] & ROLE), None)
            if head is None:
                return None
            start = self.tokens.start(i)
            return Cue("role", role=self._span_text(i, j), head=head.lower(), at=start)
        if name[-1].endswith(_POSSESSIVE):
            # "Prime Minister Mariano Rajoy's party": the person is Mariano Rajoy, not a
            # "Rajoy's" of their own
            name = (*name[:-1], _owner(name[-1]))
        if len(name) > 1:
            name = fold_initials(name)  # (one word is folded already)
        n0 = i + len(role_words)
        role = None
        start = i
        while start < n0 and (f[start] & STOP or not f[start] & WORD):
            start += 1
        if n0 > start and any(
            f[s] & WORD and f[s] & ROLE and not f[s] & HONORIFIC for s in range(start, n0)
        ):
            # "Transport Minister Helen Marsh": the whole title; "Dr" alone is no role.
            first = next(s for s in range(start, n0) if not f[s] & HONORIFIC)
            last = n0  # "… Dinkes Makassar dr. Nurul": the honorific is not the role's
            while last > first and (
                f[last - 1] & HONORIFIC or (w[last - 1] == "." and not f[last - 2] & ABBREVIATION)
            ):
                last -= 1
            role = self._span_text(first, last)
        # Most names have no role around them: each reading is asked only when the token
        # it needs is there (a comma or honorific before, a word before, a comma or an
        # age's bracket after), which saved a third of the time spent on names.
        if role is None:
            if i >= 2 and (w[i - 1] in _BEFORE_COMMA_ROLE or f[i - 1] & HONORIFIC):
                role = self._role_before_comma(i, full_name=len(name) > 1)
            if not role and i and f[i - 1] & WORD and not f[i - 1] & ROLE_MARKER:
                role = self._role_before(i)
            if not role and j < len(w) and w[j] in _AFTER_ROLE:
                role = self._role_after(j)
            role = role or None  # (a reading finds some text or None)
        return Cue("name", name, role, None, self.tokens.start(n0))

    def _role_before(self, k: int) -> str | None:
        """ "pengamat sepak bola Anton Wijaya", "Kenyan runner Joseph Kiprono"."""
        f = self.flags
        i = k
        while i > 0 and k - i < 5:
            prev = f[i - 1]
            if not prev & WORD or prev & ROLE_MARKER:
                break
            if prev & UPPER and i - 1 > 0 and f[i - 2] & WORD:
                break  # a capitalised word inside the sentence: another name or a body
            if not prev & UPPER and (
                (prev & STOP and not prev & ROLE)
                # "pakar memperkirakan Moskow" — but "retired schoolteacher Alan Purcell"
                or (prev & VERB and (i == k or not f[i] & ROLE))
            ):
                break
            i -= 1
        if i == k:
            return None
        if (
            not f[k - 1] & UPPER
            and not f[k - 1] & ROLE
            and not any(f[s] & ROLE for s in range(i, k))
        ):
            return None  # the words right before the name must hold a role
        while i < k and f[i] & (STOP | ACCORDING):
            i += 1
        if any(f[s] & ROLE for s in range(i, k)):
            return self._span_text(i, k)  # "Kenyan runner", "retired schoolteacher"
        return None


def _owner(word: str) -> str:
    """The name in a possessive: "Rajoy's" → "Rajoy", "Sanders’" → "Sanders"."""
    return word[:-2] if word.endswith(("’s", "'s")) else word[:-1]


def _short_form_end(words: list[str], opening: int) -> int | None:
    """Index of the ")" closing a short bracketed form opened at ``opening`` ("(UNHCR)")."""
    for at in range(opening + 1, min(len(words), opening + MAX_BRACKETED + 2)):
        if words[at] == ")":
            return at if at > opening + 1 else None
        if words[at] in _HALT_CHARS:
            return None
    return None


def opening_bracket(words: list[str], close: int) -> int | None:
    """Index of the "(" of the short bracketed form closed at ``close``, if there is one."""
    for at in range(close - 1, max(-1, close - MAX_BRACKETED - 2), -1):
        if words[at] == "(":
            return at
        if words[at] == "." and at and _state_short(words[at - 1]):
            continue  # a party tag: "(D-Ore.)", "(R-S.C.)"
        if words[at] in _HALT_CHARS:
            return None
    return None


def _state_short(word: str) -> bool:
    """Is ``word`` a short capitalised form a full stop may follow inside a bracket
    ("Ore", "D-Ore", "S", "C")?"""
    tail = word.rsplit("-", 1)[-1]
    return 0 < len(tail) <= 4 and tail[:1].isupper() and tail.isalpha()
