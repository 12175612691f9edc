"""Who said each quotation: cues, people named in the article, and back-references.

The pass runs in reading order and keeps the person "in view": the one named last
outside quotations. A cue that names someone ("kata Lavrov") attributes the quotation
to that person; a back-reference ("katanya", "ia", "sang pakar", "the spokesman") or no
cue at all (a continuation, or a paragraph about someone followed by their words) goes
to the person in view. A role alone ("kata Presiden") goes to the person who holds that
role, or to an unnamed speaker described by it; so does an indefinite description
("kata seorang petani lain", "said one visitor"), which never names someone already in
view. A sentence opened by someone unnamed ("Seorang relawan … menyebut …", "A resident
of …, who …, said:") puts that unnamed person in view, and "said X had …" only talks
about X.

People are collected first, from every place the article names one with evidence that
it is a person: after a cue verb, after a title ("Menteri Luar Negeri Rusia Sergey
Lavrov"), next to a role ("Pakar militer Rusia, Yakov Kedmi"; "X, seorang ahli militer
independen"), or before a speech verb. Mentions of a part of a name (the surname) join
the fullest form; the role is the one given where the person is first introduced.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass, field

from reader.core.model import Speaker
from reader.importer.attribution.cues import NONE, Cue, CueReader
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.tokens import (
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
    RUN_NEXT,
    SENTENCE_OPENER,
    STOP,
    UPPER,
    VERB,
    WORD,
    Tokens,
    age_at,
    run_at,
    tokenize_article,
    word_table,
)
from reader.importer.language_data import Language
from reader.importer.quotations import Span, is_scare_quote
from reader.importer.slug import slugify, unique

_END = sys.maxsize

#: Shortest first name a nickname is matched on ("Joko" → "Jokowi").
MIN_NICKNAME_STEM = 4
#: Most lower-case words walked over in a role before a name ("retired schoolteacher").
MAX_ROLE_WORDS = 5
#: Furthest a speech verb may stand after its subject ("X, saat dihubungi, …, mengatakan").
MAX_SPEECH_REACH = 14
#: Longest sentence looked through for the pronoun that opens the next one (tokens).
MAX_SENTENCE = 40
_FULL_STOPS = frozenset(".!?")
#: Paragraphs a reported speaker stays the one a "katanya" points back to.
SPEECH_REACH = 3
#: Paragraphs read after the last quotation ("…," kata X. / X adalah …).
READ_AFTER_LAST = 1


@dataclass
class Person:
    name: list[str]
    role: str | None
    first: tuple[int, int]
    role_at: tuple[int, int] | None = None
    described: bool = False  # an unnamed speaker, known only by a description
    #: Nicknames the article calls the person by ("Jokowi" for Joko Widodo), kept as
    #: aliases so that a filter by the nickname finds their quotes.
    nicknames: set[str] = field(default_factory=set)

    def has(self, words: tuple[str, ...]) -> bool:
        n = len(words)
        return any(tuple(self.name[i : i + n]) == words for i in range(len(self.name) - n + 1))


@dataclass
class Attribution:
    """The result: speakers, and for each kept quotation part its speaker's index."""

    people: list[Person] = field(default_factory=list)
    parts: list[tuple[Span, int, int]] = field(default_factory=list)  # span, person, group


@dataclass
class _Group:
    spans: list[Span]
    cues: list[Cue]
    adjacent: bool


class _Registry:
    """The people of one article, indexed by name word, name prefix and role word so
    that every lookup touches only the people that can match (the importer stays linear
    even on a book-length paste)."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_word: dict[str, set[int]] = {}
        self._by_prefix: dict[str, set[int]] = {}
        self._by_role: dict[str, set[int]] = {}
        self._described: dict[str, int] = {}
        self._seen: dict[int, int] = {}
        self._clock = 0

    # -- recency -------------------------------------------------------------------

    def seen(self, person: int) -> None:
        """Note that ``person`` was just mentioned or quoted."""
        self._clock += 1
        self._seen[person] = self._clock

    def _latest(self, candidates: list[int]) -> int:
        return max(candidates, key=lambda i: (self._seen.get(i, 0), -i))

    # -- indexes -------------------------------------------------------------------

    def _index(self, i: int) -> None:
        for word in self.people[i].name:
            self._by_word.setdefault(word, set()).add(i)
            if len(word) >= MIN_NICKNAME_STEM:
                self._by_prefix.setdefault(word[:MIN_NICKNAME_STEM], set()).add(i)

    def _role(self, i: int, role: str | None, at: tuple[int, int]) -> None:
        person = self.people[i]
        if role and (person.role_at is None or at < person.role_at):
            person.role, person.role_at = role, at
            for word in role.lower().split():
                self._by_role.setdefault(word, set()).add(i)

    # -- lookups -------------------------------------------------------------------

    def find(self, words: tuple[str, ...]) -> int | None:
        """The person named by ``words`` (the one seen last if several are)."""
        candidates = self._by_word.get(words[0], set())
        hits = sorted(i for i in candidates if self.people[i].has(words))
        if not hits:
            nickname = self.nickname(words[0]) if len(words) == 1 else None
            hits = [nickname] if nickname is not None else []
        return self._latest(hits) if hits else None

    def holder(self, head: str) -> int | None:
        """The person whose role holds the word ``head`` ("Presiden"), seen last."""
        hits = sorted(i for i in self._by_role.get(head, ()) if _holds(self.people[i], head))
        return self._latest(hits) if hits else None

    def add(self, words: tuple[str, ...], role: str | None, at: tuple[int, int]) -> int:
        candidates = sorted({i for w in words for i in self._by_word.get(w, ())})
        for i in candidates:
            person = self.people[i]
            if person.has(words):
                self._role(i, role, at)
                return i
            probe = Person(list(words), None, at)
            if probe.has(tuple(person.name)):
                person.name = list(words)
                self._index(i)
                self._role(i, role, at)
                return i
        nickname = self.nickname(words[0]) if len(words) == 1 else None
        if nickname is not None:
            self._role(nickname, role, at)
            return nickname
        self.people.append(Person(list(words), None, at))
        i = len(self.people) - 1
        self._index(i)
        self._role(i, role, at)
        return i

    def nickname(self, word: str) -> int | None:
        """The person a one-word nickname stands for: "Jokowi" (Joko Widodo), "Risma"
        (Tri Rismaharini) — a first name grown, or a name cut short."""
        if len(word) < MIN_NICKNAME_STEM:
            return None
        for i in sorted(self._by_prefix.get(word[:MIN_NICKNAME_STEM], ())):
            person = self.people[i]
            if len(person.name) < 2:
                continue
            first = person.name[0]
            if (
                len(first) >= MIN_NICKNAME_STEM and word != first and word.startswith(first)
            ) or any(len(t) > len(word) and t.startswith(word) for t in person.name):
                person.nicknames.add(word)
                return i
        return None

    def described(self, text: str, at: tuple[int, int]) -> int:
        known = self._described.get(text)
        if known is not None:
            return known
        self.people.append(Person([text], None, at, described=True))
        self._described[text] = len(self.people) - 1
        return len(self.people) - 1


def _groups(spans: list[Span]) -> list[list[Span]]:
    groups: list[list[Span]] = []
    for span in spans:
        if span.continues and groups and groups[-1][-1].close_at is None:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def attribute(paragraphs: list[str], spans: list[Span], lang: Language) -> Attribution:
    """Attribute every quotation part in ``spans``; scare quotes and unattributable
    quotations are left out of the result."""
    # Names only serve to attribute quotations: paragraphs after the last one are not
    # even tokenised (an article without quotations costs nothing here). Paragraphs
    # before it are all read: a speaker is often introduced far above their words, and
    # a window of a few paragraphs per quotation lost a tenth of the right speakers.
    read = max((s.block for s in spans), default=-1) + READ_AFTER_LAST + 1 if spans else 0
    tokens, lower_words = tokenize_article(paragraphs, word_table(lang), read)
    rules = NameRules(lang, tokens, lower_words)
    readers = [CueReader(p, t, rules) for p, t in zip(paragraphs, tokens, strict=True)]
    inside: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
    for span in spans:
        end = span.close_at if span.close_at is not None else len(paragraphs[span.block])
        inside[span.block].append((span.open_at, end))

    groups: list[_Group] = []
    for parts in _groups(spans):
        cues: list[Cue] = []
        first = parts[0]
        cues.append(readers[first.block].before(first.open_at))
        for part in parts:
            if part.close_at is not None:
                cues.append(readers[part.block].after(part.close_at))
        adjacent = any(c.adjacent for c in cues)
        text = paragraphs[first.block][first.start : first.end]
        reader = readers[first.block]
        if not adjacent and reader.labelled(first.open_at):
            continue  # 'spanduk bertuliskan “…”', 'a report titled "…"': nobody's words
        if len(parts) == 1 and is_scare_quote(text, has_cue=adjacent):
            # 'called the plan "a costly mistake"': a partial quote in reported speech;
            # a single word is a label ('a "demand-responsive" minibus').
            reported = reader.reported(first.open_at) if " " in text else NONE
            if reported.kind == "none":
                continue
            cues.append(reported)
        elif all(c.kind == "none" for c in cues):
            # 'Trump said Fox executives were calling "every 15 minutes."': no cue beside
            # the quotation, but its sentence says who speaks.
            cues.append(reader.reported(first.open_at))
        groups.append(_Group(parts, cues, adjacent))

    registry = _Registry()
    _discover(registry, readers, tokens, inside, groups, rules)
    # Mentions after the last quotation would never be read: stop at its paragraph.
    last = groups[-1].spans[0].block + 1 if groups else 0
    events = _mentions(registry, readers, tokens[:last], inside, rules)
    return _resolve(registry, groups, events)


def _outside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``pos`` outside every quotation of its paragraph (``spans`` sorted, disjoint)?"""
    k = bisect.bisect_right(spans, (pos, _END)) - 1
    return k < 0 or not spans[k][0] <= pos < spans[k][1]


def _discover(
    registry: _Registry,
    readers: list[CueReader],
    tokens: list[Tokens],
    inside: list[list[tuple[int, int]]],
    groups: list[_Group],
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
    for b, toks in enumerate(tokens):
        reader = readers[b]
        flags = toks.flags
        last = len(flags) - 1
        quoted = inside[b]  # (most paragraphs quote nobody: no lookup needed there)
        i = 0
        for k in toks.caps:  # a run starts only at a capitalised word
            if k < i:
                continue
            i = k
            if quoted and not _outside(toks.start(i), quoted):
                continue
            j = run_at(toks, i) if i < last and flags[i + 1] & RUN_NEXT else i + 1
            if j == i + 1 and not (flags[i] & PLAIN and rules.one_word_name(toks.words[i])):
                i = j  # a lone title, common word, acronym or place: no name here
                continue
            found = reader.name_at(i, j)
            if found is not None and found.kind == "name":
                record = ((b, found.at), found.name, found.role)
                if _evidence(toks, i, j, found, rules, cue_words):
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
    if j < n and flags[j] & WORD and flags[j] & PRE_CUE:
        return True
    if i and flags[i - 1] & WORD and flags[i - 1] & ACCORDING:
        return True
    # "…,” kata Lavrov" / "Sebab, kata Airin, …" — but not "Dubois told French radio".
    if i and flags[i - 1] & POST_CUE and (i < 2 or not flags[i - 2] & WORD):
        return True
    # "Joseph Kiprono, 19, won …" / "Trismiati (37), warga …": an age after the name.
    return age_at(toks, j) > 0


def _mentions(
    registry: _Registry,
    readers: list[CueReader],
    tokens: list[Tokens],
    inside: list[list[tuple[int, int]]],
    rules: NameRules,
) -> list[tuple[int, int, int, int, bool]]:
    """Every mention of a known person outside quotations, as (block, offset, person),
    and every sentence whose subject is someone unnamed ("Seorang relawan … menyebut")."""
    index: dict[str, list[int]] = {}
    for p, person in enumerate(registry.people):
        if person.described:
            continue
        for word in person.name:
            if len(word) >= 2 and word[:1].isupper() and rules.is_plain(word):
                index.setdefault(word, []).append(p)
    events: list[tuple[int, int, int, int, bool]] = []
    nicknames: dict[str, int | None] = {}
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
            if word not in index:
                # "Wali Kota Risma" for Tri Rismaharini: a nickname is a mention too.
                if word not in nicknames:
                    found = registry.nickname(word) if flags[k] & PLAIN else None
                    nicknames[word] = found
                    if found is not None:
                        index[word] = [found]
                if word not in index:
                    continue
            start = toks.start(k)
            if inside[b] and not _outside(start, inside[b]):
                continue
            j = run_at(toks, k)
            best = _best(registry, index[word], tuple(words[k:j]), last)
            strength, speaks = _strength(toks, k, j)
            events.append((b, start, best, strength, speaks))
            last = best
            k = max(j, k + 1)
    return events


def _unnamed_subject(
    registry: _Registry,
    reader: CueReader,
    toks: Tokens,
    b: int,
    k: int,
    quoted: list[tuple[int, int]],
) -> tuple[int, int, int, int, bool] | None:
    """The event of a sentence opened by someone unnamed who is a person: the
    description holds a role word ("A resident of …") or a speech verb follows
    ("Seorang relawan … menyebut"). The quotation after it, cued by "katanya", "she
    said" or nothing, is theirs, not the last named person's."""
    start = toks.start(k)
    if quoted and not _outside(start, quoted):
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
    flags = toks.flags
    i = k
    lower = 0
    while i > 0 and lower < MAX_ROLE_WORDS and flags[i - 1] & WORD:
        prev = flags[i - 1]
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


def _best(registry: _Registry, candidates: list[int], words: tuple[str, ...], last: int) -> int:
    if len(candidates) == 1:
        return candidates[0]
    scored = sorted(
        candidates,
        key=lambda p: (-sum(w in registry.people[p].name for w in words), p != last),
    )
    return scored[0]


def _resolve(
    registry: _Registry, groups: list[_Group], events: list[tuple[int, int, int, int, bool]]
) -> Attribution:
    result = Attribution()
    e = 0
    in_view: int | None = None
    in_view_at: tuple[int, int] = (-1, -1)
    in_view_strength = 2
    speaking: int | None = None
    speaking_at: tuple[int, int] = (-1, -1)
    for g, group in enumerate(groups):
        first = group.spans[0]
        here = (first.block, first.open_at)
        while e < len(events) and (events[e][0], events[e][1]) < here:
            b, at, person, subject, speech = events[e]
            # An object ("… bagi Rizieq") does not take the view from the subject of
            # the same or the previous paragraph.
            near = in_view is not None and b - in_view_at[0] <= 1
            if (b, at) > in_view_at and (subject or not near):
                in_view, in_view_at, in_view_strength = person, (b, at), subject
            if speech and (b, at) > speaking_at:
                speaking, speaking_at = person, (b, at)
            registry.seen(person)
            e += 1
        # "katanya" points back to whoever was last reported speaking, if recent.
        # A name in the middle of a sentence ("…, Orient dapat dilantik") does not take
        # the view from the person last reported speaking.
        view = in_view
        if (
            speaking is not None
            and in_view_strength < 2
            and first.block - speaking_at[0] <= SPEECH_REACH
        ):
            view = speaking
        speaker = _speaker(registry, group, view)
        if speaker is None:
            continue
        for span in group.spans:
            result.parts.append((span, speaker, g))
        last = group.spans[-1]
        end = last.close_at if last.close_at is not None else last.end
        in_view, in_view_at, in_view_strength = speaker, (last.block, end), 2
        speaking, speaking_at = speaker, (last.block, end)
        registry.seen(speaker)
    result.people = registry.people
    return result


def _speaker(registry: _Registry, group: _Group, in_view: int | None) -> int | None:
    block = group.spans[0].block
    explicit = [c for c in group.cues if c.kind in {"name", "role", "desc"}]
    for cue in explicit:
        if cue.kind == "name":
            found = registry.find(cue.name)
            if found is not None:
                return found
        if cue.kind == "role" and cue.head:
            holder = registry.holder(cue.head)
            if holder is not None:
                return holder
            return registry.described(cue.role or cue.head, (block, cue.at))
        if cue.kind == "desc":
            if in_view is not None and cue.head and _holds(registry.people[in_view], cue.head):
                return in_view
            return registry.described(cue.role or cue.head or "", (block, cue.at))
    return in_view


def _holds(person: Person, head: str) -> bool:
    return bool(person.role) and head in (person.role or "").lower().split()


def make_speakers(people: list[Person], order: list[int]) -> dict[int, Speaker]:
    """Speaker records for the people in ``order`` (first quotation first)."""
    taken: set[str] = set()
    out: dict[int, Speaker] = {}
    for p in order:
        if p in out:
            continue
        person = people[p]
        name = " ".join(person.name)
        if person.described:
            ident = unique(slugify(name, fallback="speaker"), taken)
            out[p] = Speaker(ident, name[:1].upper() + name[1:], None, ())
            continue
        surname = person.name[-1]
        ident = unique(slugify(surname, fallback="speaker"), taken)
        aliases: tuple[str, ...] = (surname,) if len(person.name) > 1 else ()
        aliases += tuple(sorted(person.nicknames - {surname}))
        out[p] = Speaker(ident, name, person.role, aliases)
    return out
