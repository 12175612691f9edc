"""Cues: the words around a quotation that say who spoke it.

After the quotation: ``“…,” kata Lavrov`` (cue verb, then speaker), ``“…,” katanya``
(back-reference), ``“…," Smith said`` (speaker, then verb). Before it: ``Lavrov
mengatakan, “…”``, ``Menurut Anggraini, "…"``, ``Dia menambahkan, «…»``. Each cue is
read off the paragraph's tokens into a :class:`Cue` that names a person, points back to
the person already in view, or describes someone unnamed.
"""

from __future__ import annotations

from bisect import bisect_left

from reader.importer.attribution.flags import (
    ABBREVIATION,
    ALL_CAPS,
    ARTICLE,
    AUXILIARY,
    BACKREF_CLOSER,
    BACKREF_MARKER,
    CAPWORD,
    COMPLEMENTIZER,
    CONNECTOR,
    CUE_BACK,
    HALT,
    INDEFINITE,
    LABEL,
    LABEL_OPENER,
    PARTICLE,
    POST_CUE,
    PRE_CUE,
    PRONOUN,
    REPORTING,
    ROLE_MARKER,
    SOME,
    STOP,
    SUBJECT_ADVERB,
    UPPER,
    VERB,
    WORD,
)
from reader.importer.attribution.name_reader import MAX_ROLE_AFTER, NONE, Cue, opening_bracket
from reader.importer.attribution.phrases import (
    MAX_DESCRIPTION,
    MAX_PHRASE,
    PhraseReader,
    known_head,
)
from reader.importer.attribution.tokens import run_at

#: What ends a sentence (unless it follows an abbreviated title: "Sen. Ann Cole").
_FULL_STOPS = frozenset(".!?")
#: Furthest back a sentence is read for the verb that reports a partial quote (tokens).
MAX_REPORTED = 60
#: Most appositions walked back over to a verb's subject ("X, a partner at Y, which …, said").
MAX_APPOSITIONS = 3
#: Furthest "what" stands before the verb of a label ("what the groundsman had called").
MAX_LABEL_SUBJECT = 5
#: Words between a subject's apposition and its verb ("…, a lawyer, also said").
ADVERB_LIKE = SUBJECT_ADVERB
#: Furthest a subject may stand before its verb in "…," Smith said.
MAX_SUBJECT = 6
#: Longest acronym taken for a body ("DNC", "NAACP").
MAX_ACRONYM = 6
#: Longest party tag in brackets after a name ("(D-Nev.)" is six tokens).
MAX_TAG = 8


class CueReader(PhraseReader):
    """Reads cues in one paragraph: the words before and after each quotation."""

    __slots__ = ()

    def after(self, close_at: int) -> Cue:
        """The cue right after a closing mark."""
        w = self.words
        n = len(w)
        k = bisect_left(self.tokens.starts, close_at + 1)
        while k < n and w[k] == ",":
            k += 1
        return self._cue_from(k)

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
                    cue = Cue("desc", role=role, head=known_head(head, here), at=at)
                if cue.kind == "none" and not here & UPPER and f[j - 1] & UPPER:
                    # '"…," screenwriter Cole Haddon wrote': a role word no list holds
                    named = self._name_ending(j - 1)
                    if named.kind == "name":
                        role = self.text[self.tokens.start(k) : named.at].rstrip(" ,")
                        cue = named._replace(role=named.role or role or None)
                return _adjacent(cue) if cue.kind != "none" else NONE
        if here & UPPER:
            tagged = self._tagged_subject(k)
            return tagged if tagged.kind != "none" else self._apposed_subject(k)
        # '"…" state Sen. Jason Holsman (D) said': lower-case words, then a tagged name
        cap = next((s for s in range(k + 1, min(n, k + 3)) if f[s] & CAPWORD), None)
        if cap is not None and all(f[s] & WORD for s in range(k, cap)):
            tagged = self._tagged_subject(cap)
            if tagged.kind == "name":
                role = self.text[self.tokens.start(k) : tagged.at].rstrip(" ,")
                return tagged._replace(role=role or tagged.role)
        return self._described_then_named(k)

    def _described_then_named(self, k: int) -> Cue:
        """'"…" the presumptive GOP presidential nominee, Donald Trump, tweeted': a
        description without a verb, the name between commas, then the cue verb (not
        '"…" that Sanders can catch Clinton, said Steve Elmendorf')."""
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
        """ "…," Gov. Kasich replied / "…," Senate Minority Leader Harry M. Reid (D-Nev.)
        said: a name whose run holds an abbreviated title, or with a party tag in
        brackets after it, then the cue verb (the plain reading stops at "." and "(")."""
        w, f = self.words, self.flags
        n = len(w)
        r = run_at(self.tokens, k)
        v = r + _party_tag(w, f, r)
        if v == r and v < n and w[v] == ",":
            # "Rep. Glenn Thompson, R-Pa., said": the tag between commas
            tag = _party_tag(["(", *w[v + 1 : v + MAX_TAG]], [0, *f[v + 1 : v + MAX_TAG]], 0, ",")
            v += tag
        while v < n and f[v] & ADVERB_LIKE:
            v += 1
        if v >= n or not f[v] & WORD or not f[v] & (POST_CUE | PRE_CUE):
            return NONE
        cue = self.phrase(k, r)
        return _adjacent(cue) if cue.kind == "name" else NONE

    def _ends_sentence(self, j: int) -> bool:
        """Does the full stop at token ``j`` end a sentence? Not after an abbreviated
        title ("Sen. Ann Cole"), nor glued to the next token ("$1.6 billion", "U.S.")."""
        if j and self.flags[j - 1] & ABBREVIATION:
            return False
        ends = self.tokens.ends
        return j + 1 >= len(ends) or ends[j] != self.tokens.start(j + 1)

    def trailing(self, close_at: int) -> Cue:
        """The cue that ends the sentence a quotation is part of, after a comma: '"He can
        assert it, but it seems unlikely" that Sanders catches up, said Steve Elmendorf,
        …', '"We are horrified" by the shooting, Nefzi said.' NONE if the sentence ends
        before such a cue."""
        w = self.words
        n = len(w)
        k = bisect_left(self.tokens.starts, close_at + 1)
        for j in range(k, min(n, k + MAX_REPORTED)):
            word = w[j]
            if word in _FULL_STOPS and self._ends_sentence(j):
                break
            if word == "," and j > k:
                cue = self._cue_from(j + 1)
                if cue.kind != "none":
                    return cue
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
            if cue.kind == "none" and k and w[k - 1] in {",", ")"}:
                # "Steve Huhn, a former vice president, said: “…”", "Gov. John Kasich
                # (R-OH), said, “…”": the subject behind an apposition or a party tag.
                cue = self._apposed_before(k)
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

    def introducer(self) -> Cue:
        """Who a paragraph that ends with a colon introduces, for a quotation opening the
        next one: "Dr. Ward stated:", "President Clinton released the following
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
        while start > 0 and not (w[start - 1] in _FULL_STOPS and self._ends_sentence(start - 1)):
            start -= 1
        if f[start] & STOP:  # "When Wallace died in 1998, President Clinton released …:"
            comma = next((c for c in range(start, n - 1) if w[c] == ","), n - 1)
            start = comma + 1
        if start < n - 1 and f[start] & CAPWORD:
            found = self.phrase(start, n - 1)
            if found.kind == "name":
                return found
        return NONE

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
            if w[start] in _FULL_STOPS and self._ends_sentence(start):
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
        if w[k] == "," and w[k - 1] == ")":
            k -= 1  # "Gov. John Kasich (R-OH), said"
        if w[k] == ")":
            opening = opening_bracket(w, k)
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
            if (found is None or found.kind == "role") and self._organisation(i, k + 1):
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
