"""Cues: the words around a quotation that say who spoke it.

After the quotation: ``“…,” kata Lavrov`` (cue verb, then speaker), ``“…,” katanya``
(back-reference), ``“…," Smith said`` (speaker, then verb). Before it: ``Lavrov
mengatakan, “…”``, ``Menurut Anggraini, "…"``, ``Dia menambahkan, «…»``. Each cue is
read off the paragraph's tokens into a :class:`Cue` that names a person, points back to
the person already in view, or describes someone unnamed.
"""

from __future__ import annotations

from bisect import bisect_left

from reader.importer.attribution.clauses import ClauseReader
from reader.importer.attribution.cues_after import (
    FULL_STOPS,
    MAX_REPORTED,
)
from reader.importer.attribution.flags import (
    ARTICLE,
    AUXILIARY,
    CAPWORD,
    COMPLEMENTIZER,
    HALT,
    INDEFINITE,
    LABEL,
    LABEL_OPENER,
    PARTICLE,
    PLACE_PREPOSITION,
    POST_CUE,
    PRE_CUE,
    PRONOUN,
    REPORTING,
    ROLE_PREPOSITION,
    SOME,
    STOP,
    SUBJECT_ADVERB,
    UPPER,
    WORD,
)
from reader.importer.attribution.name_reader import NONE, Cue, opening_bracket
from reader.importer.attribution.phrases import (
    MAX_DESCRIPTION,
    MAX_PHRASE,
)
from reader.importer.attribution.tokens import run_at

#: Most appositions walked back over to a verb's subject ("X, a partner at Y, which …, said").
MAX_APPOSITIONS = 3
#: Furthest "what" stands before the verb of a label ("what the groundsman had called").
MAX_LABEL_SUBJECT = 5
_DASHES = frozenset({"-", "–", "—"})
#: Words of a clause of its own, which no speaker phrase after a cue verb holds.
_CLAUSE = AUXILIARY | REPORTING | PRE_CUE | POST_CUE


class CueReader(ClauseReader):
    """Reads cues in one paragraph: the words before each quotation (here) and after it
    (:class:`~.cues_after.AfterCueReader`)."""

    __slots__ = ()

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
        for phrase in self.lang.phrasal_cues:
            first = k - len(phrase) + 1
            if first > 0 and tuple(self.tokens.lowers(first, k + 1)) == phrase:
                cue = self._subject_of(first)  # "Greta Lindqvist fired back, “…”"
                if cue.kind != "none":
                    return cue._replace(adjacent=punct)
        if f[k] & (PRE_CUE | POST_CUE):
            cue = self._subject_of(k)
            if cue.kind == "none" and k and w[k - 1] in {",", ")"}:
                # "Nils Orban, a former vice president, said: “…”", "Gov. Ada Ferrow
                # (R-OH), said, “…”": the subject behind an apposition or a party tag.
                cue = self._apposed_before(k)
            if cue.kind == "none" and k and self.tokens.lower(k - 1) in self.lang.coordinators:
                # "Trump gestured …, then leaned in and boomed: “…”": the verbs share the
                # sentence's subject.
                cue = self._main_subject(self._sentence_start(k), k)
            if cue.kind != "none":
                return cue._replace(adjacent=punct)
        # "Menurut Anggraini, “…”" / "Kata Lavrov, “…”": the clause opens with the cue.
        start = k
        while start > 0 and not f[start - 1] & HALT and k - start < MAX_PHRASE:
            start -= 1
        according = self._according_to(start)
        if according:
            cue = self._according_source(start + according, k + 1)
            return cue._replace(adjacent=punct)
        if (
            f[start] & POST_CUE
            and start < k
            and not any(f[s] & _CLAUSE for s in range(start + 1, k + 1))
        ):
            # (not 'said Rubio's tax plan would …, and called him “…”': a clause
            # follows the verb, and its words are not the speaker's name)
            cue = self.phrase(start + 1, k + 1)
            return cue._replace(adjacent=punct)
        # "Jeffrey M. Jones: “…”": a name and a colon introduce the words.
        if w[k + 1] == ":" and f[k] & UPPER:
            i = k
            while i > 0 and f[i - 1] & WORD and f[i - 1] & (UPPER | PARTICLE):
                i -= 1
            if i and f[i - 1] & (PLACE_PREPOSITION | ROLE_PREPOSITION) and not f[i - 1] & UPPER:
                return NONE  # "… the bakery in Glenmoor Heath:": a place, no speaker
            found = self._name_ending(k)
            # "HEADLINE - MillCheck: “…”": a source line after a dash
            dashed = i > 0 and w[i - 1] in _DASHES
            if found.kind == "name" and (found.role or len(found.name) > 1 or dashed):
                return found._replace(adjacent=True)
        return NONE

    def possessor(self, open_at: int) -> Cue:
        """The name whose possessive stands right before the opening mark: "parents still
        remember Brandt's “not one child will lose a school place” pledge". NONE otherwise."""
        w, f = self.words, self.flags
        k = bisect_left(self.tokens.starts, open_at) - 1
        if k < 0 or not f[k] & UPPER or not w[k].endswith(("’s", "'s")):
            return NONE
        return self._name_ending(k)

    def introducer(self) -> Cue:
        """Who a paragraph that ends with a colon introduces, for a quotation opening the
        next one: "Dr. Ward stated:", "Governor Ostrow issued the following
        statement:" (the cue before the colon, else the name opening its sentence)."""
        w, f = self.words, self.flags
        n = len(w)
        if not n or w[-1] != ":":
            return NONE
        cue = self.before(len(self.text))
        if cue.kind == "none":
            cue = self.reported(len(self.text))
        if cue.kind in {"name", "desc", "role"}:
            return cue._replace(adjacent=False)
        start = n - 2
        while start > 0 and not (w[start - 1] in FULL_STOPS and self._ends_sentence(start - 1)):
            start -= 1
        if f[start] & STOP:  # "When the dam failed in 1990, Governor Ostrow issued …:"
            comma = next((c for c in range(start, n - 1) if w[c] == ","), n - 1)
            start = comma + 1
        if start < n - 1 and f[start] & CAPWORD:
            found = self.phrase(start, n - 1)
            if found.kind == "name":
                return found
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
        """Who speaks a quotation inside a sentence that reports their words: 'Dale said
        last week that Marsh stands for "harbour money"', 'Ostrow denounced the
        leaflets, saying his campaign does not want "that junk"'. The subject of the
        nearest reporting verb before the quotation, else the name that opens the
        sentence, else a back-reference; NONE if the sentence reports no words."""
        w, f = self.words, self.flags
        k = bisect_left(self.tokens.starts, open_at) - 1
        start = k
        verbs: list[int] = []
        while start >= 0 and k - start < MAX_REPORTED:
            if w[start] in FULL_STOPS and self._ends_sentence(start):
                break
            if f[start] & REPORTING:
                verbs.append(start)
            start -= 1
        start += 1
        if not verbs:
            # 'According to The Dover Ledger, the volunteers carried signs that read “…”'
            return self._according_in(start, k)
        for verb in verbs:
            if any(f[s] & LABEL_OPENER for s in range(max(start, verb - MAX_LABEL_SUBJECT), verb)):
                return NONE  # "what he called “stealth taxes”": a label he uses
            if self.tokens.lowers(verb, verb + 2) in self.lang.reporting_blockers:
                continue  # "Trump calling for a ban": no words reported
            if (
                verb > start
                and w[verb - 1] == ","
                and f[verb] & POST_CUE
                and f[verb + 1] & CAPWORD
                and w[run_at(self.tokens, verb + 1)] == ","
            ):
                # "The trouble with Lindqvist, says Ivo Brandt, headteacher at …, is that
                # she was “…”": the cue set off by commas names the speaker after it.
                cue = self.phrase(verb + 1)
                if cue.kind == "name":
                    return cue
            if self._participle(verb) and not self._absolute(verb):
                # "Ostrow hit back on Monday, accusing Dale of “…”": the participle's
                # subject is the main clause's, not the name nearest before it.
                cue = self._main_subject(start, verb)
                if cue.kind != "none":
                    return cue
            cue = self._subject_of(verb)
            if cue.kind == "none":
                cue = self._apposed_before(verb)
            if cue.kind != "none":
                return cue
        while start < k and not f[start] & WORD:
            start += 1
        if f[start] & PRONOUN:
            return self.pronoun(start)
        if f[start] & (SOME | INDEFINITE):  # "Some fund managers have begun describing …"
            unnamed = self.unnamed_subject(start)
            if unnamed is not None:
                return Cue("desc", role=unnamed[0], head=None, at=self.tokens.start(start))
        if f[start] & CAPWORD:  # "Incident commander Rosa Delgado, 54, who …, said"
            found = self.phrase(start, verbs[-1])
            if found.kind == "name":
                return found
        # "Earlier in the day, Marsh toured a depot and promised to “…”": the first name
        # of the sentence, after its opening phrase, is the subject of both verbs.
        i = start
        while i < verbs[-1] and w[i] != ",":
            i += 1
        if i + 1 < verbs[-1] and f[i + 1] & CAPWORD:
            first = self.name_at(i + 1, min(run_at(self.tokens, i + 1), verbs[-1]))
            if first is not None and first.kind == "name":
                return first
        return Cue("back", at=self.tokens.start(verbs[0]))

    def _according_in(self, start: int, k: int) -> Cue:
        """The source an "according to" phrase opening the sentence at ``start`` names,
        if any: the sentence's words are theirs. (Inside a sentence, 'Sebagian warga,
        menurut Rahim, masih menganggap TBC sebagai "penyakit keturunan"', it reports
        what people think, and the quoted words are a label.)"""
        while start < k and not self.flags[start] & WORD:
            start += 1
        according = self._according_to(start)
        if not according:
            return NONE
        cue = self._according_source(start + according, k + 1)
        return cue._replace(adjacent=False) if cue.kind in {"name", "desc"} else NONE

    def _according_source(self, s: int, end: int) -> Cue:
        """The source after "according to" at token ``s``: the speaker phrase, or a
        capitalised run after "the", a named source whatever it is ("According to The
        Dover Ledger, …")."""
        f = self.flags
        cue = self.phrase(s, end)
        if (
            cue.kind not in {"name", "desc"}
            and f[s] & ARTICLE
            and s + 1 < end
            and f[s + 1] & CAPWORD
        ):
            r = min(run_at(self.tokens, s + 1), end)
            return Cue("desc", role=self._span_text(s, r), at=self.tokens.start(s))
        return cue

    def _apposed_before(self, verb: int) -> Cue:
        """The subject of ``verb`` behind appositions or a bracket: "Hartley's barrister,
        Oliver Pennant, said …", "Nils Orban, a former vice president of sales, said …",
        "Ines Varga, a partner at X, which is …, said …", "Ada Ferrow (D-Del.) told …"."""
        w, f = self.words, self.flags
        k = verb - 1
        while k >= 0 and f[k] & WORD and not f[k] & UPPER and f[k] & SUBJECT_ADVERB:
            k -= 1
        if k < 1:
            return NONE
        if w[k] == "," and w[k - 1] == ")":
            k -= 1  # "Gov. Ada Ferrow (R-OH), said"
        if w[k] == ")":
            opening = opening_bracket(w, k)
            if opening is None:
                return NONE
            if not any(f[s] & WORD and not f[s] & UPPER for s in range(opening, k)):
                return self._name_ending(opening - 1)  # a party tag: "Reid (D-Nev.)"
            # "Lyle Penrose, chairman of Dover Forward (a party committee), posted": a
            # bracket that describes, inside the apposition; its comma is further back.
            k = opening - 1
            while k >= 0 and opening - k <= MAX_DESCRIPTION and w[k] != "," and not f[k] & HALT:
                k -= 1
            if k < 1:
                return NONE
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
