"""Mentions: where the article names a known person outside quotations, and how firmly
each mention is the subject of its sentence and reported speaking.

The resolution (:mod:`.speakers`) reads these events in order to know who is in view
and who last spoke; a sentence opened by someone unnamed ("Seorang relawan … menyebut",
"A resident of …, said") is an event for that unnamed person.
"""

from __future__ import annotations

from reader.importer.attribution.candidates import outside
from reader.importer.attribution.cues import CueReader
from reader.importer.attribution.flags import (
    ACCORDING,
    ADVERB,
    AUXILIARY,
    CONNECTOR,
    INDEFINITE,
    PLAIN,
    POST_CUE,
    PRE_CUE,
    PRONOUN,
    ROLE,
    SENTENCE_OPENER,
    STOP,
    UPPER,
    VERB,
    WORD,
)
from reader.importer.attribution.name_reader import opening_bracket
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.people import Registry
from reader.importer.attribution.tokens import Tokens, run_at

#: Most lower-case words walked over in a role before a name ("retired schoolteacher").
MAX_ROLE_WORDS = 5
#: Furthest a speech verb may stand after its subject ("X, saat dihubungi, …, mengatakan").
MAX_SPEECH_REACH = 14
#: Longest sentence looked through for the pronoun that opens the next one (tokens).
MAX_SENTENCE = 40
_FULL_STOPS = frozenset(".!?")
#: The endings of a possessive: its owner is no subject ("Trump’s campaign manager").
_POSSESSIVE = ("’s", "'s", "s’", "s'")

#: A word not yet asked about (see :func:`mentions`).
_UNASKED: list[int] = []
#: A mention: (paragraph, offset, person, strength as subject 0-2, reported speaking).
Event = tuple[int, int, int, int, bool]


def mentions(
    registry: Registry,
    readers: list[CueReader],
    tokens: list[Tokens],
    inside: list[list[tuple[int, int]]],
    rules: NameRules,
) -> list[Event]:
    """Every mention of a known person outside quotations, as (block, offset, person),
    and every sentence whose subject is someone unnamed ("Seorang relawan … menyebut")."""
    index: dict[str, list[int]] = {}
    for p, person in enumerate(registry.people):
        if person.described:
            continue
        for word in person.name:
            if len(word) >= 2 and word[:1].isupper() and rules.is_plain(word):
                index.setdefault(word, []).append(p)
    events: list[Event] = []
    # Each capitalised word is asked once whether it names someone: by a word of their
    # name (``index``) or as a nickname ("Wali Kota Risma" for Tri Rismaharini); None
    # when it names nobody.
    known: dict[str, list[int] | None] = dict(index)
    last = -1
    for b, toks in enumerate(tokens):
        words, flags = toks.words, toks.flags
        k = 0
        for c in toks.caps:  # a mention starts only at a capitalised word
            if c < k:
                continue
            k = c
            word = words[k]
            if flags[k] & INDEFINITE and (k == 0 or flags[k - 1] & SENTENCE_OPENER):
                unnamed = _unnamed_subject(registry, readers[b], toks, b, k, inside[b])
                if unnamed is not None:
                    events.append(unnamed)
                    last = unnamed[2]
                continue
            candidates = known.get(word, _UNASKED)
            if candidates is _UNASKED:
                # "Wali Kota Risma" for Tri Rismaharini: a nickname is a mention too.
                found = registry.nickname(word) if flags[k] & PLAIN else None
                candidates = known[word] = None if found is None else [found]
            if candidates is None:
                continue
            start = toks.start(k)
            if inside[b] and not outside(start, inside[b]):
                continue
            j = run_at(toks, k)
            titled = _title_inside(flags, k, j)
            if titled:
                # "Penangkapan Rizieq Kepala Bidang Humas … Yusri Yunus menegaskan" (a
                # heading run into the sentence): the title starts a new person, who is
                # the one mentioned; read on from the title.
                k = titled
                continue
            best = _best(registry, candidates, tuple(words[k:j]), last)
            if words[j - 1].endswith(_POSSESSIVE):
                strength, speaks = 0, False  # "Donald Trump’s campaign manager, …"
            else:
                strength, speaks = _strength(toks, k, j)
            events.append((b, start, best, strength, speaks))
            last = best
            k = max(j, k + 1)
    return events


def _unnamed_subject(
    registry: Registry,
    reader: CueReader,
    toks: Tokens,
    b: int,
    k: int,
    quoted: list[tuple[int, int]],
) -> Event | None:
    """The event of a sentence opened by someone unnamed who is a person: the
    description holds a role word ("A resident of …") or a speech verb follows
    ("Seorang relawan … menyebut"). The quotation after it, cued by "katanya", "she
    said" or nothing, is theirs, not the last named person's."""
    start = toks.start(k)
    if quoted and not outside(start, quoted):
        return None
    found = reader.unnamed_subject(k)
    if found is None:
        return None
    text, j, has_role = found
    speaks = _speech_follows(toks, j)
    if not (has_role or speaks or _pronoun_follows(toks, j)):
        return None
    return (b, start, registry.described(text, (b, start)), 2, speaks)


def _pronoun_follows(toks: Tokens, j: int) -> bool:
    """Does the next sentence open with a personal pronoun ("… bulan kedua. Ia mengaku …")?"""
    flags, words = toks.flags, toks.words
    for n in range(j, min(len(flags) - 1, j + MAX_SENTENCE)):
        if words[n] in _FULL_STOPS:
            return bool(flags[n + 1] & PRONOUN)
    return False


def _title_start(toks: Tokens, k: int) -> tuple[int, bool]:
    """Where the title or role before the name at ``k`` starts, and whether a cue such as
    "menurut"/"kata" stands before it ("Transport minister Luc Garnier", "Menurut Guru
    Besar … Universitas Lambung Mangkurat Muhammad Handry …")."""
    flags, words = toks.flags, toks.words
    i = k
    lower = 0
    while i > 0 and lower < MAX_ROLE_WORDS:
        if words[i - 1] == ")":
            # "menurut Ketua Komite Nasional … (KNKT) Soerjanto Tjahjono": a short form
            # inside the title
            opening = opening_bracket(words, i - 1)
            if opening is None:
                break
            i = opening
            continue
        prev = flags[i - 1]
        if not prev & WORD:
            break
        if prev & (ACCORDING | POST_CUE):
            return i, True
        if not prev & UPPER:
            if prev & STOP and not prev & CONNECTOR:
                break
            if prev & VERB:
                break
            lower += 1
        i -= 1
    return i, False


def _strength(toks: Tokens, k: int, j: int) -> tuple[int, bool]:
    """How firmly the name in ``toks[k:j]`` is the subject of its clause (2: it opens the
    sentence or follows "menurut"; 1: after a comma or before a verb; 0: an object), and
    whether it is reported speaking."""
    i, cued = _title_start(toks, k)
    if cued:
        if j < len(toks.flags) and toks.flags[j] & AUXILIARY:
            return 0, False  # "said Hartley had betrayed …": Hartley is talked about
        return 2, True
    speaks = _speech_follows(toks, j)
    if i == 0 or toks.flags[i - 1] & SENTENCE_OPENER:
        return 2, speaks
    if not toks.flags[i - 1] & WORD or _verb_follows(toks, j):
        return 1, speaks
    if (
        speaks
        and j + 1 < len(toks.words)
        and toks.words[j] == ","
        and not toks.flags[j + 1] & PRE_CUE
    ):
        # "Tak ada payung hukum Ketua Bawaslu Abhan, yang …, mengatakan": a name set off
        # by a clause before the speech verb is the sentence's subject, not an object
        # (but in "…, counsel for the Dover Port Authority, said" the body ends a role).
        return 1, True
    return 0, False


def _speech_follows(toks: Tokens, j: int) -> bool:
    """Is there a speech verb later in the sentence ("X, saat dihubungi, …, mengatakan")?"""
    flags = toks.flags
    for n in range(j, min(len(flags), j + MAX_SPEECH_REACH)):
        if flags[n] & SENTENCE_OPENER:
            return False
        if flags[n] & PRE_CUE:
            return True
    return False


def _verb_follows(toks: Tokens, j: int) -> bool:
    flags = toks.flags
    n = j
    while n < len(flags) and flags[n] & ADVERB:
        n += 1
    return n < len(flags) and bool(flags[n] & WORD) and bool(flags[n] & (PRE_CUE | VERB))


def _title_inside(flags: list[int], k: int, j: int) -> int:
    """Where a role word stands inside the run ``k..j`` after its first word (0 if
    nowhere)."""
    for s in range(k + 1, j):
        if flags[s] & ROLE and flags[s] & UPPER:
            return s
    return 0


def _best(registry: Registry, candidates: list[int], words: tuple[str, ...], last: int) -> int:
    if len(candidates) == 1:
        return candidates[0]
    scored = sorted(
        candidates,
        key=lambda p: (-sum(w in registry.people[p].name for w in words), p != last),
    )
    return scored[0]
