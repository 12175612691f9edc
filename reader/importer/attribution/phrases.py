"""The speaker a phrase names: the words after a cue verb ("kata Menteri Luar Negeri
Rusia Sergey Lavrov", "said one visitor", "told reporters"), and the unnamed person who
opens a sentence ("Seorang relawan … menyebut", "A resident of …, who …, said").
"""

from __future__ import annotations

from reader.importer.attribution.flags import (
    ABBREVIATION,
    ACCORDING_START,
    ALL_CAPS,
    ARTICLE,
    AUXILIARY,
    BACKREF_CLOSER,
    BACKREF_MARKER,
    CAPWORD,
    CONNECTOR,
    DESCRIPTION_STOP,
    INDEFINITE,
    PLAIN,
    POST_CUE,
    PRE_CUE,
    PRONOUN,
    RELATIVE,
    ROLE,
    ROLE_MARKER,
    ROLE_PREPOSITION,
    STOP,
    UPPER,
    VERB,
    WORD,
)
from reader.importer.attribution.name_reader import NONE, Cue, NameReader
from reader.importer.attribution.tokens import MAX_BRACKETED, run_at

#: Furthest a speaker phrase reaches after its cue verb (tokens).
MAX_PHRASE = 25
#: Most lower-case words before a name that make its role ("master of ceremonies").
MAX_DESCRIBED = 3
#: … and a description ("a resident who has lived on the estate for 30 years").
MAX_DESCRIPTION = 14
#: Longest acronym taken for a body ("DNC", "NAACP").
MAX_ACRONYM = 6


class PhraseReader(NameReader):
    """Reads the phrases that name or describe a speaker in one paragraph."""

    __slots__ = ()

    def phrase(self, k: int, limit: int | None = None) -> Cue:
        """The speaker named by the words from token ``k`` on (after a cue verb)."""
        f = self.flags
        end = min(len(f), k + MAX_PHRASE if limit is None else limit)
        if k >= end or not f[k] & WORD:
            return NONE
        first = f[k]
        if first & PRONOUN:
            return self.pronoun(k)
        if not first & INDEFINITE:
            titled = self._titled(k, end)
            if titled is not None:
                return titled
        if first & ARTICLE and k + 1 < end and f[k + 1] & CAPWORD:
            # '"…," the Fenwick Gazette wrote', '"…," The Fenwick Gazette reported': a body
            # after "the" is the source
            r = min(run_at(self.tokens, k + 1), end)
            named = self.name_at(k + 1, r) if first & UPPER else None
            if self._organisation(k + 1, r) and (named is None or named.kind != "name"):
                return Cue("desc", role=self._span_text(k, r), at=self.tokens.start(k))
        if first & UPPER and not first & PLAIN and first & ROLE_MARKER:
            return self._description(k, end)
        if first & UPPER:
            return self._capitalised(k, end)
        if first & (BACKREF_MARKER | ROLE_MARKER | ROLE | INDEFINITE):  # "said one visitor"
            return self._description(k, end)
        return self._described_name(k, end)

    def owner_of_body(self, k: int, j: int) -> Cue:
        """A name before "of" and a body that ends the phrase ``tokens[k:j]``: "Secretary
        Ivo Brandt of the Supporters Trust of Fenwick", "Pastor Ivo Brandt of the Baptist
        Chapel of Fenwick" (the body says where the person works; the
        last capitalised run is no name). NONE if the phrase is not of that shape."""
        w, f = self.words, self.flags
        o = next((s for s in range(k + 2, j - 1) if w[s] == "of"), None)
        if o is None or not f[o - 1] & UPPER:
            return NONE
        body = [s for s in range(o + 1, j) if f[s] & WORD]
        if not any(f[s] & CAPWORD for s in body) or not all(
            f[s] & (CAPWORD | ARTICLE | CONNECTOR) for s in body
        ):
            return NONE
        cue = self.phrase(k, o)
        if cue.kind != "name" or (len(cue.name) < 2 and not cue.role):
            return NONE
        role = self.text[self.tokens.start(k) : cue.at].rstrip(" ,")
        return cue._replace(role=cue.role or role or None)

    def _organisation(self, i: int, j: int) -> bool:
        """Is the capitalised run ``tokens[i:j]`` a body rather than a person: an acronym
        ("DNC", "FBI"), or a run holding a word of the language's institutions or news
        sources ("Democratic National Committee", "The Washington Post")?"""
        w, f = self.words, self.flags
        lang = self.lang
        if j - i == 1 and f[i] & ALL_CAPS and 2 <= len(w[i]) <= MAX_ACRONYM:
            return True
        words = [w[s].lower() for s in range(i, j) if f[s] & UPPER]
        return any(
            (word in lang.institution_words and word != "the") or word in lang.news_sources
            for word in words
        )

    def _described_name(self, k: int, end: int) -> Cue:
        """A name after a few lower-case words no list holds: "said master of ceremonies
        Odo Ferrand, a retired engineer" (the words are the role)."""
        f = self.flags
        j = k
        while j < end and j - k < MAX_DESCRIBED and f[j] & WORD and not f[j] & UPPER:
            if f[j] & (PRE_CUE | POST_CUE | PRONOUN | RELATIVE | AUXILIARY):
                return NONE
            j += 1
        if j == k or j >= end or not f[j] & CAPWORD:
            return NONE
        found = self.name_at(j, min(run_at(self.tokens, j), end))
        if found is None or found.kind != "name":
            return NONE
        role = self.text[self.tokens.start(k) : found.at].rstrip(" ,")
        return found._replace(role=role or found.role)

    def _titled(self, k: int, end: int) -> Cue | None:
        """A name after a title of several parts, capitalised or not: "former
        Delaware Gov. and State Party Committee Chairman Ed Marlow",
        "Ostrow’s top housing aide Nina Castell", "Democratic strategist Lars
        Hedley", "K9 president Bruno Wendt". The name is the last capitalised run
        before the phrase ends (a comma, a bracket, a function word, a verb); the title
        must hold a role word, a possessive or an abbreviated title."""
        w, f = self.words, self.flags
        j = k
        last = -1
        last_end = -1
        titled = False
        if f[k] & ARTICLE and f[k] & UPPER:
            j = k + 1  # "The Fenwick Gazette's Ivo Brandt": the article opens no name
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
                # "his press secretary Ivo Brandt" is a title
                and not (j == k and self.tokens.lower(j) in self.lang.possessives)
            ):
                break

            if here & CONNECTOR and here & STOP and not (j + 1 < end and f[j + 1] & WORD):
                break
            # "Brandt backer Rosa Albright": a plain noun after a capitalised run is a
            # title word even when no list holds it
            titled = titled or bool(here & ROLE) or (last >= 0 and not here & (STOP | VERB))
            j += 1
        if (
            titled
            and k < j < end - 1
            and last_end < j
            and w[j] == ","
            and f[j + 1] & CAPWORD
            and w[last_end - 1].endswith(("’s", "'s"))
        ):
            # "said Ostrow’s deputy campaign manager, Rich Alden": a possessive title,
            # then the name after the comma.
            named = self.name_at(j + 1, min(run_at(self.tokens, j + 1), end))
            if named is not None and named.kind == "name":
                role = self._span_text(k, j)
                return Cue("name", name=named.name, role=role, at=named.at)
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
        best = self._unless_place(self.name_at(k, j), j, end)
        best_k = k
        # "Kepala Dusun Nglahar, Kelurahan Sumbersari, …, Wahyu Wibowo": role segments
        # separated by commas, the name last; ", Senin" after a name ends the chain.
        while (
            (best is None or best.kind != "name" or best.role is None or best_k > start)
            and j + 1 < end
            and w[j] == ","
            and f[self._segment(k, j, end)] & UPPER
            and any(f[s] & WORD and not f[s] & PLAIN for s in range(k, j))
        ):
            # "Menteri Koordinator Bidang Pangan dan Pertanian Harun Basri": the
            # last segment of a list inside the title opens with "dan".
            seg = self._segment(k, j, end)
            nxt = min(run_at(self.tokens, seg), end)
            if nxt == seg:
                break
            k, j = seg, nxt
            found = self._unless_place(self.name_at(k, j), j, end)
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

    def _segment(self, k: int, comma: int, end: int) -> int:
        """Where the segment after the segment ``k..comma`` and its comma starts: past a
        lower-case connector when that segment is all title words, a list inside the
        title ("Bidang Politik, Hukum, dan Keamanan …")."""
        s = comma + 1
        f = self.flags
        if (
            s + 1 < end
            and f[s] & CONNECTOR
            and not f[s] & UPPER
            and not any(f[t] & PLAIN for t in range(k, comma))
        ):
            return s + 1
        return s

    def _unless_place(self, found: Cue | None, j: int, end: int) -> Cue | None:
        """``found``, unless the segment after its comma is a region ("Camat Sukamaju,
        Kabupaten Karangjati, Darmawan Iskak"): then the "name" was the office's place."""
        if (
            found is not None
            and found.kind == "name"
            and j + 1 < end
            and self.words[j] == ","
            and self.tokens.lower(j + 1) in self.lang.org_heads
        ):
            return None
        return found

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
        # "kata pakar militer, Yakov Kedmi": the description is a role, the name follows;
        # "sebut peneliti Lembaga … (LIPI), Dewi Fortuna Anwar": past a short form.
        r = _past_short_form(self.words, j, end)
        if r + 1 < end and self.words[r] == "," and f[r + 1] & UPPER:
            named = self.name_at(r + 1, run_at(self.tokens, r + 1))
            if named is not None and named.kind == "name":
                return Cue("name", name=named.name, role=self._span_text(i, r), at=named.at)
        at = self.tokens.start(k)
        if f[k] & BACKREF_MARKER or f[j - 1] & BACKREF_CLOSER:
            return Cue("back", head=head, at=at)
        return Cue("desc", role=self._span_text(i, j), head=known_head(head, f[k]), at=at)

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
            and not f[j] & (DESCRIPTION_STOP | RELATIVE | PRE_CUE | POST_CUE)
            # (a capitalised word is part of a body's name: "the Fenwick Retired Bakers
            # Committee", not a verb)
            and not (f[j] & VERB and not f[j] & UPPER)
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


def known_head(head: str, marker: int) -> str | None:
    """The head word a description may name a known person by: none after an indefinite
    marker ("kata seorang petani lain", "said a resident"), which introduces someone new.
    """
    return None if marker & INDEFINITE else head


def _past_short_form(words: list[str], j: int, end: int) -> int:
    """The token after a short form in brackets at ``j`` ("(LIPI)"), else ``j``."""
    if j < end and words[j] == "(":
        for c in range(j + 1, min(end, j + MAX_BRACKETED + 2)):
            if words[c] == ")":
                return c + 1
    return j
