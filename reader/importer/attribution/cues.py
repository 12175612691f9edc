"""Cues: the words around a quotation that say who spoke it.

After the quotation: ``“…,” kata Lavrov`` (cue verb, then speaker), ``“…,” katanya``
(back-reference), ``“…," Smith said`` (speaker, then verb). Before it: ``Lavrov
mengatakan, “…”``, ``Menurut Anggraini, "…"``, ``Dia menambahkan, «…»``. Each cue is
read off the paragraph's tokens into a :class:`Cue` that names a person, points back to
the person already in view, or describes someone unnamed.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Literal, NamedTuple

from reader.importer.attribution.names import NameRules
from reader.importer.attribution.tokens import (
    ABBREVIATION,
    ACCORDING,
    ACCORDING_START,
    ARTICLE,
    AUXILIARY,
    BACKREF_CLOSER,
    BACKREF_MARKER,
    CAPWORD,
    COMPLEMENTIZER,
    CONNECTOR,
    CUE_BACK,
    DESCRIPTION_STOP,
    DIGITS,
    HALT,
    HONORIFIC,
    INDEFINITE,
    LABEL,
    LABEL_OPENER,
    MAX_BRACKETED,
    OPENING,
    PARTICLE,
    PLAIN,
    POST_CUE,
    PRE_CUE,
    PRONOUN,
    RELATIVE,
    REPORTING,
    ROLE,
    ROLE_MARKER,
    ROLE_PREPOSITION,
    SOME,
    STOP,
    SUBJECT_ADVERB,
    UPPER,
    VERB,
    WORD,
    Tokens,
    age_at,
    run_at,
)
from reader.importer.language_data import Language

#: Furthest back a sentence is read for the verb that reports a partial quote (tokens).
MAX_REPORTED = 60
#: Most appositions walked back over to a verb's subject ("X, a partner at Y, which …, said").
MAX_APPOSITIONS = 3
#: Furthest "what" stands before the verb of a label ("what the groundsman had called").
MAX_LABEL_SUBJECT = 5
#: What ends a sentence (unless it follows an abbreviated title: "Sen. Ann Cole").
_FULL_STOPS = frozenset(".!?")
#: Words between a subject's apposition and its verb ("…, a lawyer, also said").
ADVERB_LIKE = SUBJECT_ADVERB

CueKind = Literal["name", "role", "back", "desc", "none"]
#: Furthest a speaker phrase reaches after its cue verb (tokens).
MAX_PHRASE = 25
#: Furthest a subject may stand before its verb in "…," Smith said.
MAX_SUBJECT = 6
#: … and a description ("a resident who has lived on the estate for 30 years").
MAX_DESCRIPTION = 14
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


NONE = Cue("none")


class CueReader:
    """Reads cues in one paragraph."""

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
        while j < n and j - i < MAX_ROLE_AFTER and not f[j] & HALT and w[j] != ",":
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
        if j == i or (j < n and w[j] not in {",", "."} and not f[j] & RELATIVE):
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
            opening = _opening_bracket(w, j - 1)
            if opening is not None:
                j = opening
        i = j
        walked = 0  # words, not counting a bracketed short form
        while i > 0 and walked < MAX_ROLE_BEFORE:
            prev = f[i - 1]
            if w[i - 1] == ")":  # "Kepala Badan … Daerah (BPBD) Banyuwangi, …"
                opening = _opening_bracket(w, i - 1)
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
        ):
            return None  # "Kicking off the day, …", "Earlier this week, …": no name
        role_words, name = rules.split_one(words[0]) if j - i == 1 else rules.split(words)
        if not name:
            head = next((word for word in words if rules.is_role(word)), None)
            if head is None:
                return None
            start = self.tokens.start(i)
            return Cue("role", role=self._span_text(i, j), head=head.lower(), at=start)
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

    # -- phrases ------------------------------------------------------------------

    def phrase(self, k: int, limit: int | None = None) -> Cue:
        """The speaker named by the words from token ``k`` on (after a cue verb)."""
        f = self.flags
        end = min(len(f), k + MAX_PHRASE if limit is None else limit)
        if k >= end or not f[k] & WORD:
            return NONE
        first = f[k]
        if first & PRONOUN:
            return Cue("back", at=self.tokens.start(k))
        if not first & INDEFINITE:
            titled = self._titled(k, end)
            if titled is not None:
                return titled
        if first & UPPER and not first & PLAIN and first & ROLE_MARKER:
            return self._description(k, end)
        if first & UPPER:
            return self._capitalised(k, end)
        if first & (BACKREF_MARKER | ROLE_MARKER | ROLE | INDEFINITE):  # "said one visitor"
            return self._description(k, end)
        return NONE

    def _titled(self, k: int, end: int) -> Cue | None:
        """A name after a title of several parts, capitalised or not: "former
        Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell",
        "Clinton’s top foreign policy aide Jake Sullivan", "Democratic strategist Simon
        Rosenberg", "L2 president Bruce Willsie". The name is the last capitalised run
        before the phrase ends (a comma, a bracket, a function word, a verb); the title
        must hold a role word, a possessive or an abbreviated title."""
        w, f = self.words, self.flags
        j = k
        last = -1
        last_end = -1
        titled = False
        while j < end:
            here = f[j]
            if here & CAPWORD:
                r = min(run_at(self.tokens, j), end)
                if r < end and w[r] == "." and f[r - 1] & ABBREVIATION:
                    titled = True
                    r += 1  # "Gov." inside the title
                last, last_end = j, r
                titled = titled or any(
                    f[s] & (ROLE | ABBREVIATION) or w[s].endswith(("’s", "'s")) for s in range(j, r)
                )
                j = r
                continue
            if not here & WORD or here & (PRE_CUE | POST_CUE | AUXILIARY | RELATIVE | VERB):
                break
            if (
                here & STOP
                and not here & (CONNECTOR | ARTICLE)
                # "his campaign manager Jeff Weaver" is a title
                and not (j == k and self.tokens.lower(j) in self.lang.possessives)
            ):
                break

            if here & CONNECTOR and here & STOP and not (j + 1 < end and f[j + 1] & WORD):
                break
            titled = titled or bool(here & ROLE)
            j += 1
        if last <= k or not titled or last_end != j:
            return None  # no title before the name, or the name is not the phrase's end
        if j + 1 < end and w[j] == "," and f[j + 1] & CAPWORD:
            return None  # "peneliti senior Centropolis, Suryono Herlambang": role, name
        if j < len(f) and f[j] & BACKREF_CLOSER:
            return None  # "pelatih asal Brasil itu": a back-reference
        if w[last_end - 1] == ".":
            return None  # the phrase ends on a title ("… Gov."): no name after it
        found = self.name_at(last, last_end)
        if found is None or found.kind != "name":
            return None
        start = k
        while start < last and f[start] & (ARTICLE | STOP) and not f[start] & ROLE:
            start += 1
        role = self.text[self.tokens.start(start) : found.at].rstrip(" ,")
        return Cue("name", name=found.name, role=role or found.role, at=found.at)

    def _capitalised(self, k: int, end: int) -> Cue:
        w, f = self.words, self.flags
        j = min(run_at(self.tokens, k), end)
        start = k
        best = self.name_at(k, j)
        best_k = k
        # "Kepala Dusun Nglahar, Kelurahan Sumbersari, …, Wahyu Wibowo": role segments
        # separated by commas, the name last; ", Senin" after a name ends the chain.
        while (
            (best is None or best.kind != "name" or best.role is None or best_k > start)
            and j + 1 < end
            and w[j] == ","
            and f[j + 1] & UPPER
            and any(f[s] & WORD and not f[s] & PLAIN for s in range(k, j))
        ):
            nxt = min(run_at(self.tokens, j + 1), end)
            if nxt == j + 1:
                break
            k, j = j + 1, nxt
            found = self.name_at(k, j)
            if found is not None and found.kind == "name":
                best, best_k = found, k
        if best is None:
            return NONE
        if best.kind == "name" and best_k > start:
            role_i = next((s for s in range(start, best_k) if f[s] & ROLE), None)
            if role_i is not None:
                role = self.text[self.tokens.start(role_i) : best.at].rstrip(" ,")
                return Cue("name", name=best.name, role=role, at=best.at)
        return best

    def _description(self, k: int, end: int) -> Cue:
        f = self.flags
        lang = self.lang
        i = k
        while i < end and f[i] & (ROLE_MARKER | INDEFINITE):  # "said one visitor"
            i += 1
        j = i
        while j < end and f[j] & WORD and not f[j] & DESCRIPTION_STOP:
            if f[j] & BACKREF_CLOSER:
                j += 1
                break
            j += 1
        if j == i:
            return NONE
        words = self.tokens.lowers(i, j)
        head = next((word for word in words if word in lang.role_words), words[0])
        # "kata pakar militer, Yakov Kedmi": the description is a role, the name follows.
        if j + 1 < end and self.words[j] == "," and f[j + 1] & UPPER:
            named = self.name_at(j + 1, run_at(self.tokens, j + 1))
            if named is not None and named.kind == "name":
                return Cue("name", name=named.name, role=self._span_text(i, j), at=named.at)
        at = self.tokens.start(k)
        if f[k] & BACKREF_MARKER or f[j - 1] & BACKREF_CLOSER:
            return Cue("back", head=head, at=at)
        return Cue("desc", role=self._span_text(i, j), head=_known(head, f[k]), at=at)

    def unnamed_subject(self, k: int) -> tuple[str, int, bool] | None:
        """The description after the indefinite marker at ``k`` that opens a sentence:
        "Seorang relawan dari posko kesehatan menyebut …", "A resident of Castleford, …".

        Returns the description, the token after it and whether it holds a role word
        (the caller also takes it for a person when a speech verb follows), or None.
        The description stops before a verb, a relative clause or a preposition that
        starts a circumstance ("di", "on"), and at punctuation.
        """
        f = self.flags
        n = len(f)
        i = k + 1
        while i < n and f[i] & ROLE_MARKER:  # "Salah seorang warga"
            i += 1
        j = i
        while (
            j < n
            and j - i < MAX_DESCRIPTION
            and f[j] & WORD
            and not f[j] & (DESCRIPTION_STOP | RELATIVE | VERB | PRE_CUE | POST_CUE)
            and not (f[j] & STOP and not f[j] & ROLE_PREPOSITION)
        ):
            j += 1
        if j == i:
            return None
        return self._span_text(i, j), j, any(f[s] & ROLE for s in range(i, j))

    def _according_to(self, k: int) -> int:
        """Length of the "according to" phrase at token ``k`` (0 if none)."""
        if k >= len(self.flags) or not self.flags[k] & ACCORDING_START:
            return 0
        for words in self.rules.table.according:
            if self.tokens.lowers(k, k + len(words)) == list(words):
                return len(words)
        return 0

    # -- cues around a quotation ------------------------------------------------------

    def after(self, close_at: int) -> Cue:
        """The cue right after a closing mark."""
        w, f = self.words, self.flags
        n = len(w)
        k = bisect_left(self.tokens.starts, close_at + 1)
        while k < n and w[k] == ",":
            k += 1
        if k >= n or not f[k] & WORD:
            return NONE
        here = f[k]
        if here & POST_CUE:
            cue = self.phrase(k + 1)
            if cue.kind == "none":
                # "demikian Lavrov" / "kata dia": the verb alone still marks speech.
                return Cue("back", at=self.tokens.start(k), adjacent=True)
            return _adjacent(cue)
        if here & CUE_BACK:
            return Cue("back", at=self.tokens.start(k), adjacent=True)
        according = self._according_to(k)
        if according:
            return _adjacent(self.phrase(k + according))
        # "…," Smith said. / "…," he said. / "…," Lavrov menambahkan.
        # "…," a resident who has lived here for 30 years said.
        reach = MAX_SUBJECT if here & UPPER else MAX_DESCRIPTION
        for j in range(k + 1, min(n, k + reach + 1)):
            if not f[j] & WORD:
                break
            if f[j] & (POST_CUE | PRE_CUE):
                cue = self.phrase(k, j)
                if (
                    cue.kind == "none"
                    and not here & UPPER
                    and f[j] & POST_CUE
                    and here & (ROLE_MARKER | SOME)
                ):
                    words = self.tokens.lowers(k, j)
                    head = next((x for x in words if x in self.lang.role_words), words[-1])
                    at = self.tokens.start(k)
                    role = self._span_text(k, j)
                    cue = Cue("desc", role=role, head=_known(head, here), at=at)
                return _adjacent(cue) if cue.kind != "none" else NONE
        if here & UPPER:
            return self._apposed_subject(k)
        return NONE

    def _apposed_subject(self, k: int) -> Cue:
        """ "…," Senator Jeff Sessions, a close adviser to Trump, told AFP: a name, a
        role between commas, then the cue verb."""
        w, f = self.words, self.flags
        n = len(w)
        r = run_at(self.tokens, k)
        if r == k or r >= n or w[r] != ",":
            return NONE
        j = r + 1
        while j < n and j - r <= MAX_ROLE_AFTER and w[j] != "," and not f[j] & HALT:
            j += 1
        if j >= n - 1 or w[j] != "," or j - r > MAX_ROLE_AFTER:
            return NONE
        v = j + 1
        while v < n and f[v] & ADVERB_LIKE:
            v += 1
        if v >= n or not f[v] & (POST_CUE | PRE_CUE):
            return NONE
        cue = self.phrase(k, r)
        return _adjacent(cue) if cue.kind == "name" else NONE

    def before(self, open_at: int) -> Cue:
        """The cue right before an opening mark, within its sentence."""
        w, f = self.words, self.flags
        k = bisect_left(self.tokens.starts, open_at) - 1
        punct = False
        while k >= 0 and w[k] in {",", ":"}:
            punct = True
            k -= 1
        if k < 0 or not f[k] & WORD:
            return NONE
        if f[k] & COMPLEMENTIZER and k > 0:
            k -= 1
        if f[k] & (PRE_CUE | POST_CUE):
            cue = self._subject(k)
            if cue.kind != "none":
                return cue._replace(adjacent=punct)
        # "Menurut Anggraini, “…”" / "Kata Lavrov, “…”": the clause opens with the cue.
        start = k
        while start > 0 and not f[start - 1] & HALT and k - start < MAX_PHRASE:
            start -= 1
        according = self._according_to(start)
        if according:
            cue = self.phrase(start + according, k + 1)
            return cue._replace(adjacent=punct)
        if f[start] & POST_CUE and start < k:
            cue = self.phrase(start + 1, k + 1)
            return cue._replace(adjacent=punct)
        # "Jeffrey M. Jones: “…”": a name and a colon introduce the words.
        if w[k + 1] == ":" and f[k] & UPPER:
            found = self._name_ending(k)
            if found.kind == "name" and (found.role or len(found.name) > 1):
                return found._replace(adjacent=True)
        return NONE

    def labelled(self, open_at: int) -> bool:
        """Is the quotation at ``open_at`` a name, a title or a written text ('spanduk
        bertuliskan “…”', 'a report titled "…"', 'the so-called “…”'), not speech?"""
        w, f = self.words, self.flags
        k = bisect_left(self.tokens.starts, open_at) - 1
        if k >= 0 and (w[k] == ":" or f[k] & ARTICLE):
            k -= 1  # 'dubbed the «staffing pact»', 'bertuliskan: “…”'
        return k >= 0 and bool(f[k] & LABEL)

    def reported(self, open_at: int) -> Cue:
        """Who speaks a quotation inside a sentence that reports their words: 'Cruz said
        last week that Trump represents "New York values"', 'Sanders denounced the
        attacks, saying his campaign does not want "that crap"'. The subject of the
        nearest reporting verb before the quotation, else the name that opens the
        sentence, else a back-reference; NONE if the sentence reports no words."""
        w, f = self.words, self.flags
        k = bisect_left(self.tokens.starts, open_at) - 1
        start = k
        verbs: list[int] = []
        while start >= 0 and k - start < MAX_REPORTED:
            if w[start] in _FULL_STOPS and not (start and f[start - 1] & ABBREVIATION):
                break
            if f[start] & REPORTING:
                verbs.append(start)
            start -= 1
        start += 1
        if not verbs:
            return NONE
        for verb in verbs:
            if any(f[s] & LABEL_OPENER for s in range(max(start, verb - MAX_LABEL_SUBJECT), verb)):
                return NONE  # "what he called “stealth taxes”": a label he uses
            cue = self._subject(verb)
            if cue.kind == "none":
                cue = self._apposed_before(verb)
            if cue.kind != "none":
                return cue
        while start < k and not f[start] & WORD:
            start += 1
        if f[start] & PRONOUN:
            return Cue("back", at=self.tokens.start(start))
        if f[start] & (SOME | INDEFINITE):  # "Some fund managers have begun describing …"
            unnamed = self.unnamed_subject(start)
            if unnamed is not None:
                return Cue("desc", role=unnamed[0], head=None, at=self.tokens.start(start))
        if f[start] & CAPWORD:  # "Incident commander Rosa Delgado, 54, who …, said"
            found = self.phrase(start, verbs[-1])
            if found.kind == "name":
                return found
        # "Earlier in the day, Clinton held a meeting and pledged to “…”": the first name
        # of the sentence, after its opening phrase, is the subject of both verbs.
        i = start
        while i < verbs[-1] and w[i] != ",":
            i += 1
        if i + 1 < verbs[-1] and f[i + 1] & CAPWORD:
            first = self.name_at(i + 1, min(run_at(self.tokens, i + 1), verbs[-1]))
            if first is not None and first.kind == "name":
                return first
        return Cue("back", at=self.tokens.start(verbs[0]))

    def _apposed_before(self, verb: int) -> Cue:
        """The subject of ``verb`` behind appositions or a bracket: "Hartley's barrister,
        Oliver Pennant, said …", "Steve Huhn, a former vice president of sales, said …",
        "Mark Ellery, a partner at X, which is …, said …", "Harry Reid (D-Nev.) told …"."""
        w, f = self.words, self.flags
        k = verb - 1
        while k >= 0 and f[k] & WORD and not f[k] & UPPER and f[k] & SUBJECT_ADVERB:
            k -= 1
        if k < 1:
            return NONE
        if w[k] == ")":
            opening = _opening_bracket(w, k)
            return NONE if opening is None else self._name_ending(opening - 1)
        comma = k
        for _ in range(MAX_APPOSITIONS):
            if w[comma] != ",":
                return NONE
            i = comma - 1
            while i >= 0 and comma - i <= MAX_DESCRIPTION and w[i] != "," and not f[i] & HALT:
                i -= 1
            if comma - i > MAX_DESCRIPTION:
                return NONE
            first = i + 1
            if first < comma and f[first] & CAPWORD and run_at(self.tokens, first) >= comma:
                found = self.name_at(first, comma)  # ", Oliver Pennant,"
                if found is not None and found.kind == "name":
                    return found
            if i < 0 or w[i] != ",":
                return self._name_ending(comma - 1)  # the segment opens the sentence
            comma = i
        return NONE

    def _name_ending(self, k: int) -> Cue:
        """The name whose capitalised run ends at token ``k`` ("Incident commander Rosa
        Delgado"), if any."""
        w, f = self.words, self.flags
        if k < 0 or not f[k] & UPPER or not f[k] & WORD:
            return NONE
        i = k
        while i > 0 and f[i - 1] & WORD and f[i - 1] & (UPPER | PARTICLE):
            i -= 1
        if i > 1 and w[i - 1] == "." and f[i - 2] & ABBREVIATION:
            i -= 2
        found = self.name_at(i, k + 1)
        return found if found is not None and found.kind == "name" else NONE

    def _subject(self, verb: int) -> Cue:
        """Who does the verb at ``verb``: a name, a pronoun, a description."""
        f = self.flags
        k = verb - 1
        # adverbs between subject and verb: "Lavrov juga mengatakan"
        while k >= 0 and f[k] & WORD and not f[k] & UPPER and f[k] & SUBJECT_ADVERB:
            k -= 1
        if k < 0 or not f[k] & WORD:
            return NONE
        if f[k] & (PRONOUN | BACKREF_CLOSER):
            return Cue("back", at=self.tokens.start(k))
        if f[k] & UPPER:
            i = k
            while (
                i > 0
                and f[i - 1] & WORD
                and (
                    f[i - 1] & UPPER
                    or (i > 1 and f[i - 2] & UPPER and f[i - 1] & (CONNECTOR | PARTICLE))
                )
            ):
                i -= 1
            found = self.name_at(i, k + 1)
            return found if found is not None else NONE
        # "the spokesman said", "sang pakar mengatakan"
        i = k
        while i > 0 and k - i < 4 and f[i - 1] & WORD and not f[i - 1] & UPPER:
            if f[i - 1] & BACKREF_MARKER:
                return Cue("back", head=self.tokens.lower(k), at=self.tokens.start(i - 1))
            i -= 1
        return NONE


def _opening_bracket(words: list[str], close: int) -> int | None:
    """Index of the "(" of the short bracketed form closed at ``close``, if there is one."""
    for at in range(close - 1, max(-1, close - MAX_BRACKETED - 2), -1):
        if words[at] == "(":
            return at
        if words[at] in _HALT_CHARS:
            return None
    return None


def _known(head: str, marker: int) -> str | None:
    """The head word a description may name a known person by: none after an indefinite
    marker ("kata seorang petani lain", "said a resident"), which introduces someone new.
    """
    return None if marker & INDEFINITE else head


def _adjacent(cue: Cue) -> Cue:
    return cue._replace(adjacent=True)
