"""Who the people of an article are: every capitalised run that names someone with
evidence that it is a person (after a cue verb, after a title, next to a role, before a
speech verb, with an age), registered before any quotation is attributed.

A full name with no evidence of its own joins a person named elsewhere with evidence;
a run without any ("Kicking off the day", a place, a body) registers nobody.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass

from reader.importer.attribution.cues import CueReader
from reader.importer.attribution.flags import (
    ACCORDING,
    ALL_CAPS,
    ARTICLE,
    PLAIN,
    POST_CUE,
    PRE_CUE,
    REPORTING,
    ROLE,
    RUN_NEXT,
    UPPER,
    WORD,
)
from reader.importer.attribution.name_reader import Cue
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.people import Registry
from reader.importer.attribution.tokens import Tokens, age_at, run_at
from reader.importer.quotations import Span

_END = sys.maxsize
#: The token starts of a paragraph that quotes nobody (never asked).
_NO_STARTS: list[int] = []


@dataclass
class Group:
    """One quotation (its parts, over one or more paragraphs) and the cues around it."""

    spans: list[Span]
    cues: list[Cue]
    adjacent: bool


def outside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``pos`` outside every quotation of its paragraph (``spans`` sorted, disjoint)?"""
    k = bisect.bisect_right(spans, (pos, _END)) - 1
    return k < 0 or not spans[k][0] <= pos < spans[k][1]


def discover(
    registry: Registry,
    readers: list[CueReader],
    tokens: list[Tokens],
    inside: list[list[tuple[int, int]]],
    groups: list[Group],
    rules: NameRules,
) -> None:
    records: list[tuple[tuple[int, int], tuple[str, ...], str | None]] = []
    cue_words: set[str] = set()
    for group in groups:
        block = group.spans[0].block
        for cue in group.cues:
            if cue.kind == "name":
                records.append(((block, cue.at), cue.name, cue.role))
                cue_words.update(cue.name)
    later: list[tuple[tuple[int, int], tuple[str, ...], str | None]] = []
    places = rules.places
    for b, toks in enumerate(tokens):
        reader = readers[b]
        flags = toks.flags
        last = len(flags) - 1
        quoted = inside[b]  # (most paragraphs quote nobody: no lookup needed there)
        # (the cues have worked out the token starts of a paragraph with a quotation)
        starts = toks.starts if quoted else _NO_STARTS
        words = toks.words
        i = 0
        for k in toks.caps:  # a run starts only at a capitalised word
            if k < i:
                continue
            i = k
            if quoted and not outside(starts[i], quoted):
                continue
            j = run_at(toks, i) if i < last and flags[i + 1] & RUN_NEXT else i + 1
            if j == i + 1 and (
                not flags[i] & PLAIN
                # (NameRules.one_word_name, its acronym read off the flags)
                or (flags[i] & ALL_CAPS and len(words[i]) > 1)
                or words[i] in places
            ):
                i = j  # a lone title, common word, acronym or place: no name here
                continue
            found = reader.name_at(i, j)
            if found is not None and found.kind == "name":
                record = ((b, found.at), found.name, found.role)
                if _evidence(toks, i, j, found, rules, cue_words) or (
                    j == i + 1 and reader.introduced(j)
                ):
                    records.append(record)
                elif len(found.name) > 1:
                    later.append(record)
            i = max(j, i + 1)
    # A full name with no evidence of its own joins a person named elsewhere with
    # evidence: "Rakhmat Hidayat, mengapresiasi …" … "Namun, Rakhmat berharap …".
    known = {w for _, name, _ in records for w in name}
    records.extend(r for r in later if any(w in known for w in r[1]))
    records.sort(key=lambda r: r[0])
    for at, name, role in records:
        registry.add(name, role, at)


def _evidence(
    toks: Tokens,
    i: int,
    j: int,
    found: Cue,
    rules: NameRules,
    cue_words: set[str],
) -> bool:
    """Is the run ``toks[i:j]`` (holding ``found``) a person, not a place or a body?"""
    words, flags = toks.words, toks.flags
    n = len(words)
    # The run is the role of the name after the comma: "Ekonom UGM, Hendra Kusuma,".
    if (
        j + 1 < n
        and words[j] == ","
        and flags[j + 1] & UPPER
        and any(flags[s] & ROLE for s in range(i, j))
    ):
        role, name = rules.split(words[j + 1 : run_at(toks, j + 1)])
        if name and not role:
            return False
    if found.role:
        return True
    if any(w in cue_words for w in found.name):
        return True
    if j < n and flags[j] & WORD and flags[j] & (PRE_CUE | REPORTING) and not flags[j] & UPPER:
        # (not "The Hill reported": a run after "the" that speaks is a body)
        return not (flags[i] & ARTICLE or (i and flags[i - 1] & ARTICLE))
    if i and flags[i - 1] & WORD and flags[i - 1] & ACCORDING:
        return True
    # "…,” kata Lavrov" / "Sebab, kata Airin, …" — but not "Dubois told French radio".
    if i and flags[i - 1] & POST_CUE and (i < 2 or not flags[i - 2] & WORD):
        return True
    # "Joseph Kiprono, 19, won …" / "Trismiati (37), warga …": an age after the name.
    return age_at(toks, j) > 0
