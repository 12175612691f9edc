"""Cues after a quotation: the words that follow its closing mark and say who spoke it.

``“…,” kata Lavrov`` (cue verb, then speaker), ``“…,” katanya`` (back-reference),
``“…," Smith said`` (speaker, then verb), ``“…," said Smith, the party's chairman``, and a
quotation that ends a sentence whose reporting verb comes after it. The cues before a
quotation build on these in :mod:`reader.importer.attribution.cues`; both read the same
paragraph tokens, so this is the base class of :class:`~.cues.CueReader`.
"""

from __future__ import annotations

from bisect import bisect_left

from reader.importer.attribution.flags import (
    ABBREVIATION,
    ARTICLE,
    AUXILIARY,
    CAPWORD,
    COMPLEMENTIZER,
    CUE_BACK,
    HALT,
    PARTICLE,
    POST_CUE,
    PRE_CUE,
    PRONOUN,
    REPORTING,
    ROLE_MARKER,
    SOME,
    SUBJECT_ADVERB,
    UPPER,
    VERB,
    WORD,
)
from reader.importer.attribution.name_reader import MAX_ROLE_AFTER, NONE, Cue
from reader.importer.attribution.phrases import (
    MAX_DESCRIPTION,
    PhraseReader,
    known_head,
)
from reader.importer.attribution.tokens import run_at

#: What ends a sentence (unless it follows an abbreviated title: "Sen. Ann Cole").
FULL_STOPS = frozenset(".!?")
#: Furthest back a sentence is read for the verb that reports a partial quote (tokens).
MAX_REPORTED = 60
#: Words between a subject's apposition and its verb ("…, a lawyer, also said").
ADVERB_LIKE = SUBJECT_ADVERB
#: Furthest a subject may stand before its verb in "…," Smith said ("Fenwick Rovers
#: Supporters Trust vice chairman Ivo Brandt told", "Secretary Ivo Brandt of the Supporters
#: Trust of Fenwick told").
MAX_SUBJECT = 10
#: Longest party tag in brackets after a name ("(D-Ore.)" is six tokens).
MAX_TAG = 8
#: Longest line that signs a quotation ("Del. Rep. Ivo Brandt.", "-Mara Quill,
#: Dover.").
MAX_SIGNATURE = 24
_CLOSING_MARKS = frozenset('”"»')
_QUOTE_MARKS = frozenset('“”„«»"')
_OPENING_MARKS = frozenset("“„«")
#: What ends a quotation that is a sentence of its own ('“… campaigner.” Ivo Brandt said').
_SENTENCE_ENDS = frozenset(".?!")
#: Most segments between commas after a name before its verb (", 47, of Milford, Del.,
#: who answered the survey, said").
MAX_APPOSED = 3
_DASHES = frozenset({"-", "–", "—"})
#: Furthest a reported clause's verb stands from its first word ("said the county's
#: new road fund had …").
MAX_CLAUSE_SUBJECT = 8


class AfterCueReader(PhraseReader):
    """Reads the cues after each quotation in one paragraph (see the module's docstring)."""

    __slots__ = ()

    def after(self, close_at: int) -> Cue:
        """The cue right after a closing mark."""
        w = self.words
        n = len(w)
        k = bisect_left(self.tokens.starts, close_at + 1)
        while k < n and w[k] == ",":
            k += 1
        cue = self._cue_from(k)
        end = self.text[close_at - 1 : close_at]
        if cue.kind == "none" or end not in _SENTENCE_ENDS:
            return cue
        if end != "." and k < n and not self.flags[k] & UPPER:
            return cue  # '“Why?” she asked': a question inside one sentence

        if self._leads_on(k) or self._reports_more(k):
            # '“… for thirty years.” He added, “Rovers are …”', '“… divisive
            # campaigner.” Ivo Brandt said the chair …': the quotation ended its sentence;
            # the cue after it opens a sentence of its own.
            return NONE
        return cue

    def _reports_more(self, k: int) -> bool:
        """Does the sentence from token ``k`` have a subject, then a cue verb that
        reports words of its own: a clause after it ("Ivo Brandt said the chair …",
        "Brandt replied that …", "Ivo Brandt, a parent, said the board …")? Not
        when the verb ends the cue ("Smith said.", "Smith said on Monday") or comes
        first ("said Smith"), nor after a verb whose object is the audience ("told")."""
        w, f = self.words, self.flags
        n = len(w)
        if f[k] & POST_CUE:
            return False
        for v in range(k + 1, min(n - 1, k + MAX_SUBJECT + MAX_ROLE_AFTER)):
            if w[v] in FULL_STOPS and self._ends_sentence(v):
                return False
            if f[v] & WORD and f[v] & (POST_CUE | PRE_CUE) and not f[v] & UPPER:
                c = v + 1
                if c + 2 < n and self.tokens.lower(c) == "to" and f[c + 1] & WORD:
                    c += 2  # "She replied to him that …": past the one spoken to
                if not f[v] & POST_CUE or c >= n:
                    return False
                if f[c] & (COMPLEMENTIZER | PRONOUN):
                    return True  # "replied that …", "said he …"
                # "said Ted Cruz is …", "said the company had …": a finite clause, not
                # an object or a time ("asked the council.", "said the next day.").
                return bool(f[c] & (ARTICLE | CAPWORD)) and self._finite_after(c)
        return False

    def _finite_after(self, c: int) -> bool:
        """Is there a finite verb (an auxiliary, a cue verb or a word of the language's
        verb pattern) within a few words of token ``c``, before any punctuation?"""
        w, f = self.words, self.flags
        lang = self.lang
        for t in range(c + 1, min(len(w), c + MAX_CLAUSE_SUBJECT)):
            if w[t] in _OPENING_MARKS:
                return True  # 'said the mayor “has never …”': words of its own
            if not f[t] & WORD:
                return False
            low = self.tokens.lower(t)
            if low in lang.time_words or low in lang.day_parts:
                return False  # "said the next Monday", "said the same morning"
            if not f[t] & UPPER and f[t] & (AUXILIARY | VERB | POST_CUE | PRE_CUE):
                return True
        return False

    def _leads_on(self, k: int) -> bool:
        """Does the clause from token ``k`` end in a comma or colon and an opening quote
        mark, before its sentence ends (a cue that introduces the next quotation)?"""
        w = self.words
        n = len(w)
        for j in range(k, min(n - 1, k + MAX_SUBJECT + 4)):
            if w[j] in FULL_STOPS:
                return False
            if w[j] in {",", ":"} and w[j + 1] in _OPENING_MARKS:
                return True
        return False

    def _cue_from(self, k: int) -> Cue:
        """The cue that starts at token ``k`` (after a quotation, or after a comma later
        in its sentence): a cue verb and its speaker, or a speaker and their verb."""
        w, f = self.words, self.flags
        n = len(w)
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
            if f[j] & (POST_CUE | PRE_CUE) and not f[j] & UPPER:  # (not "United States")
                cue = self.owner_of_body(k, j) if here & UPPER else NONE
                if cue.kind == "none":
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
                    cue = Cue("desc", role=role, head=known_head(head, here), at=at)
                if cue.kind == "none" and not here & UPPER and f[j - 1] & UPPER:
                    # '"…," screenwriter Cole Haddon wrote': a role word no list holds
                    named = self._name_ending(j - 1)
                    if named.kind == "name":
                        role = self.text[self.tokens.start(k) : named.at].rstrip(" ,")
                        cue = named._replace(role=named.role or role or None)
                if (
                    cue.kind == "none"
                    and here & UPPER
                    and run_at(self.tokens, k) == j
                    and self._organisation(k, j)
                ):
                    # '"…," Northway Milling Company said in a statement', '"…," NMC
                    # said': a body speaks (as '"…," the Fenwick Gazette wrote' does
                    # after "the").
                    cue = Cue("desc", role=self._span_text(k, j), at=self.tokens.start(k))
                return _adjacent(cue) if cue.kind != "none" else NONE
        if here & UPPER:
            tagged = self._tagged_subject(k)
            if tagged.kind == "none":
                tagged = self._apposed_subject(k)
            return tagged if tagged.kind != "none" else self._joint_subject(k)
        # '"…" state Sen. Ivo Brandt (D) said': lower-case words, then a tagged name
        cap = next((s for s in range(k + 1, min(n, k + 3)) if f[s] & CAPWORD), None)
        if cap is not None and all(f[s] & WORD for s in range(k, cap)):
            tagged = self._tagged_subject(cap)
            if tagged.kind == "name":
                role = self.text[self.tokens.start(k) : tagged.at].rstrip(" ,")
                return tagged._replace(role=role or tagged.role)
        found = self._described_then_named(k)
        return found if found.kind != "none" else self._joint_subject(k)

    def _joint_subject(self, k: int) -> Cue:
        """'"…," county board chair Dana Cole and harbour master Tom Hale, both
        independents, said': two people who speak together, named before the cue verb
        (directly, or after one segment between commas). A speaker described by both
        names."""
        w, f = self.words, self.flags
        n = len(w)
        c = k
        while c < n and c - k <= 2 * MAX_SUBJECT and f[c] & WORD and not f[c] & VERB:
            c += 1
        joint = next(
            (a for a in range(k + 1, c - 1) if self.tokens.lower(a) in self.lang.coordinators),
            None,
        )
        if joint is None:
            return NONE
        left, right = self.phrase(k, joint), self.phrase(joint + 1, c)
        if left.kind != "name" or right.kind != "name":
            return NONE
        v = c
        if v < n and w[v] == ",":  # ", both Republicans,"
            v += 1
            while v < n and v - c <= MAX_ROLE_AFTER and w[v] != "," and not f[v] & HALT:
                v += 1
            v += 1
        while v < n and f[v] & ADVERB_LIKE:
            v += 1
        if v >= n or not f[v] & WORD or not f[v] & (POST_CUE | PRE_CUE):
            return NONE
        names = f"{' '.join(left.name)} and {' '.join(right.name)}"
        return Cue("desc", role=names, at=left.at, adjacent=True)

    def _described_then_named(self, k: int) -> Cue:
        """'"…" the likely party nominee for governor, Ada Ferrow, posted': a
        description without a verb, the name between commas, then the cue verb (not
        '"…" that Dale can overtake Marsh, said Nils Orban')."""
        w, f = self.words, self.flags
        n = len(w)
        clause = VERB | AUXILIARY | COMPLEMENTIZER | REPORTING | PRE_CUE | POST_CUE
        c = k
        while c < n and c - k <= MAX_DESCRIPTION and f[c] & WORD and not f[c] & clause:
            c += 1
        if c >= n - 1 or w[c] != "," or not f[c + 1] & CAPWORD:
            return NONE
        r = run_at(self.tokens, c + 1)
        v = r + 1
        while v < n and f[v] & ADVERB_LIKE:
            v += 1
        if r >= n or w[r] != "," or v >= n or not f[v] & (POST_CUE | PRE_CUE):
            return NONE
        found = self.name_at(c + 1, r)
        if found is None or found.kind != "name":
            return NONE
        first = k + 1 if f[k] & ARTICLE else k
        role = self._span_text(first, c) if first < c else None
        return _adjacent(found._replace(role=found.role or role))

    def _tagged_subject(self, k: int) -> Cue:
        """ "…," Gov. Ferrow replied / "…," Senate Minority Leader Ada B. Ferrow (D-Del.)
        said: a name whose run holds an abbreviated title, or with a party tag in
        brackets after it, then the cue verb (the plain reading stops at "." and "(")."""
        w, f = self.words, self.flags
        n = len(w)
        r = run_at(self.tokens, k)
        v = r + _party_tag(w, f, r)
        if v == r and v < n and w[v] == ",":
            # "Rep. Ivo Brandt, R-Del., said": the tag between commas
            tag = _party_tag(["(", *w[v + 1 : v + MAX_TAG]], [0, *f[v + 1 : v + MAX_TAG]], 0, ",")
            v += tag
        while v < n and f[v] & ADVERB_LIKE:
            v += 1
        if v >= n or not f[v] & WORD or not f[v] & (POST_CUE | PRE_CUE):
            return NONE
        cue = self.phrase(k, r)
        return _adjacent(cue) if cue.kind == "name" else NONE

    def signature(self, *, closing: bool) -> Cue:
        """Who this paragraph signs the quotation before it as: a pull quote's last line
        ('"… trouble for the port. / Del. Rep. Ivo Brandt."', ``closing``: the line
        ends the quotation) or a line opened by a dash after it ('-President Obama,
        tweeting after the speech.'). NONE unless the line is short and opens with a
        name."""
        w, f = self.words, self.flags
        n = len(w)
        if not n or n > MAX_SIGNATURE:
            return NONE
        k = 0
        if closing:
            if w[-1] not in _CLOSING_MARKS or any(x in _CLOSING_MARKS for x in w[:-1]):
                return NONE
        else:
            if w[0] not in _DASHES:
                return NONE
            k = 1
        if k >= n or not f[k] & CAPWORD:
            return NONE
        cue = self.phrase(k)
        return _adjacent(cue) if cue.kind == "name" else NONE

    def _ends_sentence(self, j: int) -> bool:
        """Does the full stop at token ``j`` end a sentence? Not after an abbreviated
        title ("Sen. Ann Cole"), nor glued to the next token ("$1.6 billion", "U.S.")."""
        if j and self.flags[j - 1] & ABBREVIATION:
            return False
        ends = self.tokens.ends
        return (
            j + 1 >= len(ends)
            or ends[j] != self.tokens.start(j + 1)
            or self.words[j + 1] in _CLOSING_MARKS  # 'credit for "being right."'
        )

    def trailing(self, close_at: int) -> Cue:
        """The cue that ends the sentence a quotation is part of, after a comma: '"She may
        hope so, but the sums say otherwise" that Dale overtakes Marsh, said Nils Orban,
        …', '"We are horrified" by the shooting, Nefzi said.' NONE if the sentence ends
        before such a cue."""
        w = self.words
        n = len(w)
        k = bisect_left(self.tokens.starts, close_at + 1)
        for j in range(k, min(n, k + MAX_REPORTED)):
            word = w[j]
            if word in FULL_STOPS and self._ends_sentence(j):
                break
            if word == "," and j > k:
                cue = self._cue_from(j + 1)
                if cue.kind != "none":
                    return cue
        return NONE

    def _apposed_subject(self, k: int) -> Cue:
        """ "…," Senator Ada Ferrow, a close adviser to Ostrow, told AFP: a name, then
        up to three segments between commas (a role, an age, where the person is from,
        a "who" clause, even a quotation: 'Kent County delegate Otis Marr, wearing “Reyes
        for Mayor” badges, said'; "Gus Pelley, 47, of Milford, Del., who was polled, said"),
        then the cue verb."""
        w, f = self.words, self.flags
        n = len(w)
        c = k
        while (
            c < n
            and c - k <= MAX_SUBJECT
            and (
                f[c] & WORD or (w[c] == "." and f[c - 1] & ABBREVIATION)  # "Rep. Ann Cole"
            )
        ):
            c += 1
        if c == k or c >= n or w[c] != ",":
            return NONE
        cue = self.phrase(k, c)
        if cue.kind != "name":
            return NONE
        wide = self.phrase(k)
        if wide.kind == "name" and wide.at > self.tokens.start(c):
            # "Rep. Mara Quinn’s press secretary, Ivo Brandt, told": a title owned by the
            # first name, then the speaker's name between commas
            r = run_at(self.tokens, c + 1)
            v = r + 1
            while v < n and f[v] & ADVERB_LIKE:
                v += 1
            if r < n and w[r] == "," and v < n and f[v] & WORD and f[v] & (POST_CUE | PRE_CUE):
                return _adjacent(wide)
        for segment in range(MAX_APPOSED + 1):
            j = c + 1
            while j < n and j - c <= MAX_ROLE_AFTER and w[j] != "," and not self._halts(j):
                j += 1
            if j >= n - 1 or w[j] != ",":
                return NONE
            if (
                segment
                and all(f[s] & UPPER or not f[s] & WORD for s in range(c + 1, j))
                and "." not in w[c + 1 : j]
            ):
                # not a list of places, as in "…, Kelurahan Sukamaju, Karangjati, Jawa
                # Tengah, Darmawan Iskak, mengatakan" (but an abbreviated one: ", N.C.,")
                return NONE
            v = j + 1
            while v < n and f[v] & ADVERB_LIKE:
                v += 1
            if v < n and f[v] & WORD and f[v] & (POST_CUE | PRE_CUE):
                return _adjacent(cue)
            c = j
        return NONE

    def _halts(self, j: int) -> bool:
        """Does token ``j`` end an apposition: a halting mark, but not a quote mark
        inside it nor the full stop of an abbreviation ("N.C.")?"""
        word = self.words[j]
        if word in _QUOTE_MARKS:
            return False
        if word == ".":
            return self._ends_sentence(j)
        return bool(self.flags[j] & HALT)

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


def _party_tag(words: list[str], flags: list[int], r: int, close: str = ")") -> int:
    """Tokens of a party tag in brackets at ``r`` ("(D-Nev.)", "(R)"), 0 if none: a short
    bracket that holds no lower-case word. (With ``close`` ",", the tag after a comma.)"""
    if r >= len(words) or words[r] != "(":
        return 0
    for j in range(r + 1, min(len(words), r + MAX_TAG + 1)):
        if words[j] == close:
            return j - r + 1 if j > r + 1 else 0
        if flags[j] & WORD and not flags[j] & UPPER:
            return 0
    return 0


def _adjacent(cue: Cue) -> Cue:
    return cue._replace(adjacent=True)
