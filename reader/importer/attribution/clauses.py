"""The subject of a verb, and of a sentence: who a cue verb's words belong to when the
speaker is not right beside it.

``Lavrov juga mengatakan`` (a name before the verb, past adverbs and a time phrase:
"Beck on Wednesday called"), ``the spokesman said`` (a back-reference by role), and the
subject of the main clause for a participle or a verb joined by "and" ('Ostrow hit
back on Monday, accusing Dale of “…”', '…, then leaned in and boomed: “…”'). The cue
readers of :mod:`.cues` build on this; it reads the same paragraph tokens.
"""

from __future__ import annotations

from bisect import bisect_left

from reader.importer.attribution.cues_after import FULL_STOPS, MAX_REPORTED, AfterCueReader
from reader.importer.attribution.flags import (
    ADVERB,
    ARTICLE,
    AUXILIARY,
    BACKREF_CLOSER,
    BACKREF_MARKER,
    CAPWORD,
    CONNECTOR,
    PARTICLE,
    PLACE_PREPOSITION,
    POST_CUE,
    PRE_CUE,
    PRONOUN,
    ROLE,
    ROLE_PREPOSITION,
    STOP,
    SUBJECT_ADVERB,
    UPPER,
    WORD,
)
from reader.importer.attribution.name_reader import NONE, Cue
from reader.importer.attribution.tokens import run_at

#: Furthest the ")" of a dateline's agency stands from its "(" ("Washington (AFP) –").
MAX_TAG_SPAN = 6
_QUOTE_MARKS = frozenset('“”„«»"')
_OPENING_MARKS = frozenset("“„«")
#: What a sentence's subject follows inside it: a comma, or a quotation it reports.
_AFTER_QUOTE = frozenset({",", "”", '"', "»", "—", "–"})
_DASHES = frozenset({"–", "—", "-"})


class ClauseReader(AfterCueReader):
    """Reads the subject of a verb or of a sentence in one paragraph."""

    __slots__ = ()

    def _sentence_start(self, k: int) -> int:
        """The first token of the sentence that holds token ``k``."""
        w = self.words
        start = k
        while start > 0 and k - start < MAX_REPORTED:
            if w[start - 1] in FULL_STOPS and self._ends_sentence(start - 1):
                break
            start -= 1
        return start

    def _participle(self, verb: int) -> bool:
        """Is the reporting verb at ``verb`` a participle ("saying", "adding") whose
        subject is the main clause's?"""
        suffix = self.lang.participle_suffix
        return bool(suffix) and self.tokens.lower(verb).endswith(suffix)

    def _absolute(self, verb: int) -> bool:
        """Does a name stand right before the participle at ``verb`` as its own subject
        ("with the Bakers' Guild of Dover calling her …", "and Marsh calling
        it …"), not as the object of a preposition ("responded on Facebook writing")?"""
        f = self.flags
        k = verb - 1
        if k < 0 or not f[k] & UPPER or not f[k] & WORD:
            return False
        i = k
        while (
            i > 0
            and f[i - 1] & WORD
            and (f[i - 1] & UPPER or (i > 1 and f[i - 1] & CONNECTOR and f[i - 2] & UPPER))
        ):
            i -= 1
        if i and f[i - 1] & ARTICLE:
            i -= 1
        return (
            i == 0
            or not f[i - 1] & (ROLE_PREPOSITION | PLACE_PREPOSITION)
            or (self.tokens.lower(i - 1) in self.lang.absolute_prepositions)
        )

    def _main_subject(self, start: int, verb: int) -> Cue:
        """The subject of the sentence from ``start`` to the participle at ``verb``: the
        speaker of the last cue before it ('“…,” said Rep. Bobby Scott at the time,
        adding that', '…, Nefzi said, adding, “…”'), else a pronoun opening the
        sentence, else the first name that stands where a subject does (at the start,
        after a comma or a title) and is neither a possessor ("Trump’s state
        director"), a dateline ("Washington (AFP) –") nor one of a list of places ("in
        Milford, Delaware, Ostrow went …"). Quoted words are skipped. NONE if no
        such subject."""
        w, f = self.words, self.flags
        quoted = False
        cues: list[int] = []
        for s in range(start, verb):
            if w[s] in _QUOTE_MARKS:
                quoted = self._opening_mark(s)
            elif not quoted and f[s] & WORD and f[s] & (PRE_CUE | POST_CUE):
                cues.append(s)
        for c in reversed(cues):
            cue = self._subject(c)
            if cue.kind == "name":
                return cue
            if f[c] & POST_CUE and c > start and w[c - 1] in _AFTER_QUOTE:
                cue = self.phrase(c + 1, verb)
                if cue.kind == "name":
                    return cue
        quoted = False
        s = start
        while s < verb:
            word = w[s]
            if word in _QUOTE_MARKS:
                quoted = self._opening_mark(s)
                s += 1
                continue
            if quoted or not f[s] & WORD:
                s += 1
                continue
            prev = w[s - 1] if s > start else ""
            if s == start and f[s] & PRONOUN:
                return self.pronoun(s)
            if not f[s] & CAPWORD:
                s += 1
                continue
            r = min(run_at(self.tokens, s), verb)
            opening = all(f[t] & (STOP | ADVERB) for t in range(start, s) if f[t] & WORD)
            if (opening or prev in _AFTER_QUOTE or f[s - 1] & ROLE) and not self._not_subject(s, r):
                found = self.name_at(s, r)
                if found is not None and found.kind == "name":
                    return found
            s = max(r, s + 1)
        return NONE

    def _opening_mark(self, s: int) -> bool:
        """Does the quote mark at token ``s`` open a quotation (a straight one: when a
        word follows it and no word comes right before it)?"""
        mark = self.words[s]
        if mark != '"':
            return mark in _OPENING_MARKS
        text = self.text
        at = self.tokens.start(s)
        return (at == 0 or text[at - 1].isspace()) and text[at + 1 : at + 2].isalnum()

    def _not_subject(self, i: int, r: int) -> bool:
        """Is the capitalised run ``tokens[i:r]`` a possessor, a dateline or a place
        before another name, rather than a sentence's subject?"""
        w = self.words
        n = len(w)
        if any(w[s].endswith(("’s", "'s", "’", "'")) for s in range(i, r)):
            return True  # "Trump’s Virginia state director"
        if r + 1 < n and w[r] == "," and self.flags[r + 1] & CAPWORD:
            return True  # "in Milford, Delaware, Ostrow", "Like Dale, Marsh"
        if r < n and w[r] == "(":
            close = next((c for c in range(r + 1, min(n, r + MAX_TAG_SPAN)) if w[c] == ")"), None)
            return close is not None and close + 1 < n and w[close + 1] in _DASHES
        return False

    def _when_before(self, k: int) -> int:
        """Tokens of a time phrase ending at token ``k`` between a subject and its verb
        ("on Wednesday", "on Tuesday night", "last week"), 0 if none."""
        lang = self.lang
        j = k - 1 if k > 0 and self.tokens.lower(k) in lang.day_parts else k
        if (
            j > 0
            and self.tokens.lower(j) in lang.time_words
            and self.tokens.lower(j - 1) in lang.time_prepositions
        ):
            return k - j + 2
        return 0

    def _subject_of(self, verb: int) -> Cue:
        """:meth:`_subject`, with a pronoun that opens a clause inside its sentence
        ("Ivo Brandt perhaps summed it up when he wrote: “…”") taken for the
        sentence's subject, if that is a name."""
        cue = self._subject(verb)
        if cue.kind != "back" or cue.head is not None:
            return cue
        p = bisect_left(self.tokens.starts, cue.at)
        if p < 1 or self.tokens.lower(p - 1) not in self.lang.subordinators:
            return cue
        main = self._main_subject(self._sentence_start(p), p - 1)
        return main if main.kind == "name" else cue

    def _subject(self, verb: int) -> Cue:
        """Who does the verb at ``verb``: a name, a pronoun, a description."""
        f = self.flags
        k = verb - 1
        # adverbs between subject and verb: "Lavrov juga mengatakan"
        while k >= 0 and f[k] & WORD and not f[k] & UPPER and f[k] & SUBJECT_ADVERB:
            k -= 1
        if k > 0 and f[k] & AUXILIARY and not f[k] & UPPER:
            k -= 1  # "The Northern Bakers Association has asked"
        k -= self._when_before(k)  # "Beck on Wednesday called"
        if k < 0 or not f[k] & WORD:
            return NONE
        if f[k] & PRONOUN:
            return self.pronoun(k)
        if f[k] & BACKREF_CLOSER:
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
            if i > 2 and f[i - 1] & ARTICLE and self.words[i - 2] == "of" and f[i - 3] & UPPER:
                # "Pastor Ivo Brandt of the Baptist Chapel told"
                o = i - 3
                while o > 0 and f[o - 1] & WORD and f[o - 1] & UPPER:
                    o -= 1
                owner = self.owner_of_body(o, k + 1)
                if owner.kind == "name":
                    return owner
            found = self.name_at(i, k + 1)
            # ("The Northern Bakers Association has asked": after "the", a body even if a word of
            # it could be a name)
            led = bool(f[i] & ARTICLE or (i and f[i - 1] & ARTICLE)) and not (
                # "The Harlow Council Leader Ann Reyes has said": a name of two or more
                # words ends the run, so the person speaks, unless the run ends in a
                # body's word ("The American Legion", "The Wall Street Journal").
                found is not None
                and found.kind == "name"
                and len(found.name) > 1
                and not self._organisation(k, k + 1)
            )
            if (found is None or found.kind == "role" or led) and self._organisation(i, k + 1):
                # "the DNC said", "The Wall Street Journal reported": a body speaks
                start = i - 1 if i and f[i - 1] & ARTICLE else i
                text = self._span_text(start, k + 1)
                return Cue("desc", role=text, at=self.tokens.start(start))
            return found if found is not None else NONE
        # "the spokesman said", "sang pakar mengatakan"
        i = k
        while i > 0 and k - i < 4 and f[i - 1] & WORD:
            if f[i - 1] & BACKREF_MARKER:  # (also "The minister said" opening a sentence)
                return Cue("back", head=self.tokens.lower(k), at=self.tokens.start(i - 1))
            if f[i - 1] & UPPER:
                break
            i -= 1
        return NONE
