"""Cues: the words around a quotation that say who spoke it.

After the quotation: ``“…,” kata Lavrov`` (cue verb, then speaker), ``“…,” katanya``
(back-reference), ``“…," Smith said`` (speaker, then verb). Before it: ``Lavrov
mengatakan, “…”``, ``Menurut Anggraini, "…"``, ``Dia menambahkan, «…»``. Each cue is
read off the paragraph's tokens into a :class:`Cue` that names a person, points back to
the person already in view, or describes someone unnamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.importer.languages import Language
from reader.importer.names import NameRules, Token, run_at

CueKind = Literal["name", "role", "back", "desc", "none"]
#: Furthest a speaker phrase reaches after its cue verb (tokens).
MAX_PHRASE = 25
#: Furthest a subject may stand before its verb in "…," Smith said.
MAX_SUBJECT = 6
#: … and a description ("a resident who has lived on the estate for 30 years").
MAX_DESCRIPTION = 14
_STOP = frozenset('.!?;:“”„«»"()')
#: Function words that may stand inside a role ("member for housing", "peneliti dari …").
_ROLE_PREPOSITIONS = frozenset({"of", "at", "for", "in", "on", "the", "dari", "di", "untuk"})
#: Function words that may stand inside a role ("member for housing", "peneliti dari …").
_ROLE_PREPOSITIONS = frozenset({"of", "at", "for", "in", "on", "the", "dari", "di", "untuk"})
_RELATIVE = frozenset({"who", "which", "whose", "yang"})
_SOME = frozenset({"one", "another", "some", "salah", "para"})
_OPENING = frozenset('.!?“”„«»"(')
#: Words that end a description of a speaker ("seorang pengemudi yang …", "a resident who …").
_DESC_STOP = frozenset(
    {
        *("yang", "di", "dalam", "kepada", "saat", "ketika", "sambil", "pada", "usai"),
        *("seusai", "setelah", "melalui", "dengan", "lewat", "kemarin"),
        *("who", "in", "at", "on", "during", "after", "when", "while", "from", "to", "as", "via"),
    }
)


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    name: tuple[str, ...] = ()
    role: str | None = None
    head: str | None = None
    at: int = 0
    adjacent: bool = False


NONE = Cue("none")


class CueReader:
    """Reads cues in one paragraph."""

    def __init__(self, text: str, tokens: list[Token], rules: NameRules) -> None:
        self.text = text
        self.tokens = tokens
        self.rules = rules
        self.lang: Language = rules.lang

    # -- helpers ------------------------------------------------------------------

    def _index_after(self, pos: int) -> int:
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].start < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _span_text(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def _is_post(self, word: str) -> bool:
        return word in self.lang.post_cues

    def _role_after(self, k: int) -> str | None:
        """ ", seorang ahli militer," / ", a paediatrician at X who …" after a name."""
        toks = self.tokens
        lang = self.lang
        # "Siti Aminah (52), warga …": skip an age in brackets.
        aged = (
            k + 2 < len(toks)
            and toks[k].text == "("
            and toks[k + 1].text.isdigit()
            and toks[k + 2].text == ")"
        )
        if aged:
            k += 3
        if k >= len(toks) or toks[k].text != ",":
            return None
        i = k + 1
        marked = False
        while i < len(toks) and toks[i].lower in lang.role_markers:
            marked = marked or toks[i].lower in lang.articles
            i += 1
        if i >= len(toks) or not toks[i].is_word or toks[i].text.isdigit():
            return None
        first = toks[i]
        if first.lower in lang.stopwords or first.lower in lang.pre_cues:
            return None
        if (
            not marked
            and not first.is_cap
            and lang.verb is not None
            and lang.verb.match(first.lower)
        ):
            return None
        j = i
        while j < len(toks) and j - i < 12 and toks[j].text not in _STOP and toks[j].text != ",":
            word = toks[j].lower
            if word in _RELATIVE or word in lang.pre_cues or (word in lang.post_cues and j > i):
                break
            if (
                j > i
                and not toks[j].is_cap
                and word in lang.stopwords
                and word not in lang.connectors
                and word not in _ROLE_PREPOSITIONS
            ):
                break  # "…, Komisaris dan Direktur PT X juga telah diperiksa": no role
            j += 1
        if j == i or (
            j < len(toks) and toks[j].text not in {",", "."} and toks[j].lower not in _RELATIVE
        ):
            return None
        words = [t for t in toks[i:j] if t.is_word]
        if not words:
            return None
        if not (marked or aged or any(self.rules.is_role(t.text) for t in words)):
            return None  # "Lavrov, Kerry dan …", "APD, masker, …": a list, not a role
        return self._span_text(i, j)

    def _role_before_comma(self, k: int) -> str | None:
        """ "Pakar militer Rusia, Viktor Sorokin": the role before the comma at ``k - 1``."""
        toks = self.tokens
        if k < 2 or toks[k - 1].text != ",":
            return None
        j = k - 1
        # "Pengajar sosiologi UNJ (Universitas Negeri Jakarta), Rakhmat Hidayat"
        if j > 0 and toks[j - 1].text == ")":
            while j > 0 and toks[j - 1].text != "(" and k - j < 12:
                j -= 1
            j -= 1
        i = j
        lang = self.lang
        while i > 0 and j - i < 10:
            prev = toks[i - 1]
            if not prev.is_word or prev.lower in lang.role_markers:
                break
            if (
                not prev.is_cap
                and prev.lower not in lang.connectors
                and (
                    (prev.lower in lang.stopwords and not self.rules.is_role(prev.text))
                    or (lang.verb is not None and lang.verb.match(prev.lower))
                )
            ):
                break
            i -= 1
        while i < j and (toks[i].lower in lang.stopwords or toks[i].lower in lang.according_to):
            i += 1
        if any(toks[s].is_word and self.rules.is_role(toks[s].text) for s in range(i, j)):
            return self._span_text(i, j)  # "Kessler's lawyer", "Pakar militer Rusia"
        return None

    def name_at(self, i: int, j: int) -> Cue | None:
        """A name (with its role) in the capitalised run ``tokens[i:j]``."""
        toks = self.tokens
        if (
            j - i > 1
            and (i == 0 or toks[i - 1].text in _OPENING)
            and (
                self.rules.sentence_word(toks[i].text)
                # "Diakui Syafrin, …": a passive verb opening the sentence before a name
                # the article also uses after a cue verb.
                or (
                    toks[i + 1].text in self.rules.cued
                    and self.lang.verb is not None
                    and self.lang.verb.match(toks[i].lower) is not None
                )
            )
        ):
            i += 1
        words = [t.text for t in toks[i:j]]
        role_words, name = self.rules.split(words)
        if not name:
            head = next((w for w in words if self.rules.is_role(w)), None)
            if head is None:
                return None
            return Cue("role", role=self._span_text(i, j), head=head.lower(), at=toks[i].start)
        n0 = i + len(role_words)
        role = None
        lang = self.lang
        start = i
        while start < n0 and (toks[start].lower in lang.stopwords or not toks[start].is_word):
            start += 1
        titles = [t for t in toks[start:n0] if t.is_word and t.lower not in lang.honorifics]
        if any(self.rules.is_role(t.text) for t in titles):
            # "Transport Minister Helen Marsh": the whole title; "Dr" alone is no role.
            first = next(s for s in range(start, n0) if toks[s].lower not in lang.honorifics)
            role = self._span_text(first, n0)
        if role is None:
            role = self._role_before_comma(i) or self._role_before(i) or self._role_after(j)
        return Cue("name", name=tuple(name), role=role, at=toks[n0].start)

    def _role_before(self, k: int) -> str | None:
        """ "pengamat sepak bola Anton Wijaya", "Kenyan runner Joseph Kiprono"."""
        toks = self.tokens
        lang = self.lang
        i = k
        while i > 0 and k - i < 5:
            prev = toks[i - 1]
            if not prev.is_word or prev.lower in lang.role_markers:
                break
            if prev.is_cap and i - 1 > 0 and toks[i - 2].is_word:
                break  # a capitalised word inside the sentence: another name or a body
            verb = lang.verb is not None and lang.verb.match(prev.lower) is not None
            if not prev.is_cap and (
                (prev.lower in lang.stopwords and not self.rules.is_role(prev.text))
                # "pakar memperkirakan Moskow" — but "retired schoolteacher Alan Purcell"
                or (verb and (i == k or not self.rules.is_role(toks[i].text)))
            ):
                break
            i -= 1
        if i == k:
            return None
        if (
            not toks[k - 1].is_cap
            and not self.rules.is_role(toks[k - 1].text)
            and not any(self.rules.is_role(t.text) for t in toks[i:k])
        ):
            return None  # the words right before the name must hold a role
        while i < k and (toks[i].lower in lang.stopwords or toks[i].lower in lang.according_to):
            i += 1
        if any(self.rules.is_role(toks[s].text) for s in range(i, k)):
            return self._span_text(i, k)  # "Kenyan runner", "retired schoolteacher"
        return None

    # -- phrases ------------------------------------------------------------------

    def phrase(self, k: int, limit: int | None = None) -> Cue:
        """The speaker named by the words from token ``k`` on (after a cue verb)."""
        toks = self.tokens
        end = min(len(toks), k + MAX_PHRASE if limit is None else limit)
        if k >= end or not toks[k].is_word:
            return NONE
        first = toks[k]
        low = first.lower
        lang = self.lang
        if low in lang.pronouns:
            return Cue("back", at=first.start)
        if first.is_cap and not self.rules.is_plain(first.text) and low in lang.role_markers:
            return self._description(k, end)
        if first.is_cap:
            return self._capitalised(k, end)
        if low in lang.backref_markers or low in lang.role_markers or self.rules.is_role(low):
            return self._description(k, end)
        return NONE

    def _capitalised(self, k: int, end: int) -> Cue:
        toks = self.tokens
        j = min(run_at(toks, k, self.lang), end)
        start = k
        best = self.name_at(k, j)
        best_k = k
        # "Kepala Dusun Nglahar, Kelurahan Sumbersari, …, Wahyu Wibowo": role segments
        # separated by commas, the name last; ", Senin" after a name ends the chain.
        while (
            (best is None or best.kind != "name" or best.role is None or best_k > start)
            and j + 1 < end
            and toks[j].text == ","
            and toks[j + 1].is_cap
            and any(not self.rules.is_plain(t.text) for t in toks[k:j] if t.is_word)
        ):
            nxt = min(run_at(toks, j + 1, self.lang), end)
            if nxt == j + 1:
                break
            k, j = j + 1, nxt
            found = self.name_at(k, j)
            if found is not None and found.kind == "name":
                best, best_k = found, k
        if best is None:
            return NONE
        if best.kind == "name" and best_k > start:
            role_i = next(
                (s for s in range(start, best_k) if self.rules.is_role(toks[s].text)), None
            )
            if role_i is not None:
                role = self.text[toks[role_i].start : best.at].rstrip(" ,")
                return Cue("name", name=best.name, role=role, at=best.at)
        return best

    def _description(self, k: int, end: int) -> Cue:
        toks = self.tokens
        lang = self.lang
        i = k
        while i < end and toks[i].lower in lang.role_markers:
            i += 1
        j = i
        while j < end and toks[j].is_word and toks[j].lower not in _DESC_STOP:
            if toks[j].lower in lang.backref_closers:
                j += 1
                break
            j += 1
        if j == i:
            return NONE
        words = [t.lower for t in toks[i:j]]
        head = next((w for w in words if w in lang.role_words), words[0])
        # "kata pakar militer, Yakov Kedmi": the description is a role, the name follows.
        if j + 1 < end and toks[j].text == "," and toks[j + 1].is_cap:
            e = run_at(toks, j + 1, lang)
            named = self.name_at(j + 1, e)
            if named is not None and named.kind == "name":
                return Cue("name", name=named.name, role=self._span_text(i, j), at=named.at)
        if toks[k].lower in lang.backref_markers or words[-1] in lang.backref_closers:
            return Cue("back", head=head, at=toks[k].start)
        return Cue("desc", role=self._span_text(i, j), head=head, at=toks[k].start)

    # -- cues around a quotation ------------------------------------------------------

    def after(self, close_at: int) -> Cue:
        """The cue right after a closing mark."""
        toks = self.tokens
        k = self._index_after(close_at + 1)
        while k < len(toks) and toks[k].text == ",":
            k += 1
        if k >= len(toks) or not toks[k].is_word:
            return NONE
        low = toks[k].lower
        lang = self.lang
        if self._is_post(low):
            cue = self.phrase(k + 1)
            if cue.kind == "none":
                # "demikian Lavrov" / "kata dia": the verb alone still marks speech.
                return Cue("back", at=toks[k].start, adjacent=True)
            return _adjacent(cue)
        if lang.cue_back(low):
            return Cue("back", at=toks[k].start, adjacent=True)
        for phrase in lang.according_to:
            words = phrase.split()
            if [t.lower for t in toks[k : k + len(words)]] == words:
                return _adjacent(self.phrase(k + len(words)))
        # "…," Smith said. / "…," he said. / "…," Lavrov menambahkan.
        # "…," a resident who has lived here for 30 years said.
        reach = MAX_SUBJECT if toks[k].is_cap else MAX_DESCRIPTION
        for j in range(k + 1, min(len(toks), k + reach + 1)):
            word = toks[j]
            if not word.is_word:
                break
            if word.lower in lang.post_cues or word.lower in lang.pre_cues:
                cue = self.phrase(k, j)
                if (
                    cue.kind == "none"
                    and not toks[k].is_cap
                    and word.lower in lang.post_cues
                    and (toks[k].lower in lang.role_markers or toks[k].lower in _SOME)
                ):
                    words = [t.lower for t in toks[k:j]]
                    head = next((w for w in words if w in lang.role_words), words[-1])
                    cue = Cue("desc", role=self._span_text(k, j), head=head, at=toks[k].start)
                return _adjacent(cue) if cue.kind != "none" else NONE
        return NONE

    def before(self, open_at: int) -> Cue:
        """The cue right before an opening mark, within its sentence."""
        toks = self.tokens
        k = self._index_after(open_at) - 1
        punct = False
        while k >= 0 and toks[k].text in {",", ":"}:
            punct = True
            k -= 1
        if k < 0 or not toks[k].is_word:
            return NONE
        lang = self.lang
        low = toks[k].lower
        if low in {"bahwa", "that"} and k > 0:
            k -= 1
            low = toks[k].lower
        if low in lang.pre_cues or low in lang.post_cues:
            cue = self._subject(k)
            if cue.kind != "none":
                return Cue(cue.kind, cue.name, cue.role, cue.head, cue.at, punct)
        # "Menurut Anggraini, “…”" / "Kata Lavrov, “…”": the clause opens with the cue.
        start = k
        while start > 0 and toks[start - 1].text not in _STOP and k - start < MAX_PHRASE:
            start -= 1
        first = toks[start].lower
        for phrase in lang.according_to:
            words = phrase.split()
            if [t.lower for t in toks[start : start + len(words)]] == words:
                cue = self.phrase(start + len(words), k + 1)
                return Cue(cue.kind, cue.name, cue.role, cue.head, cue.at, punct)
        if first in lang.post_cues and start < k:
            cue = self.phrase(start + 1, k + 1)
            return Cue(cue.kind, cue.name, cue.role, cue.head, cue.at, punct)
        return NONE

    def _subject(self, verb: int) -> Cue:
        """Who does the verb at ``verb``: a name, a pronoun, a description."""
        toks = self.tokens
        k = verb - 1
        lang = self.lang
        # adverbs between subject and verb: "Lavrov juga mengatakan"
        while (
            k >= 0
            and toks[k].is_word
            and not toks[k].is_cap
            and toks[k].lower
            in {
                "juga",
                "pun",
                "kembali",
                "lalu",
                "kemudian",
                "also",
                "then",
                "later",
                "sendiri",
                "sempat",
                "pernah",
                "telah",
                "sudah",
                "hanya",
                "bahkan",
                "lantas",
                "again",
            }
        ):
            k -= 1
        if k < 0 or not toks[k].is_word:
            return NONE
        low = toks[k].lower
        if low in lang.pronouns:
            return Cue("back", at=toks[k].start)
        if low in lang.backref_closers:
            return Cue("back", at=toks[k].start)
        if toks[k].is_cap:
            i = k
            while (
                i > 0
                and toks[i - 1].is_word
                and (
                    toks[i - 1].is_cap
                    or (
                        i > 1
                        and toks[i - 2].is_cap
                        and (
                            toks[i - 1].lower in lang.connectors
                            or toks[i - 1].lower in lang.name_particles
                        )
                    )
                )
            ):
                i -= 1
            found = self.name_at(i, k + 1)
            return found if found is not None else NONE
        # "the spokesman said", "sang pakar mengatakan"
        i = k
        while i > 0 and k - i < 4 and toks[i - 1].is_word and not toks[i - 1].is_cap:
            if toks[i - 1].lower in lang.backref_markers:
                return Cue("back", head=toks[k].lower, at=toks[i - 1].start)
            i -= 1
        return NONE


def _adjacent(cue: Cue) -> Cue:
    return Cue(cue.kind, cue.name, cue.role, cue.head, cue.at, True)
