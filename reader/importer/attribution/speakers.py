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
independen"), or before a speech verb (:mod:`.candidates`). Mentions of a part of a name
(the surname) join the fullest form; the role is the one given where the person is first
introduced (:mod:`.people`). Mentions outside quotations (:mod:`.mentions`) say who is in
view and who last spoke; this module reads the cues, then resolves each quotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.model import Speaker
from reader.importer.attribution.candidates import Group, discover
from reader.importer.attribution.cues import CueReader
from reader.importer.attribution.mentions import Event, mentions
from reader.importer.attribution.name_reader import NONE, Cue
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.people import Person, Registry, gender_of, holds
from reader.importer.attribution.tokens import tokenize_article, word_table
from reader.importer.language_data import Language
from reader.importer.quotations import Span, is_scare_quote
from reader.importer.slug import slugify, unique

#: Paragraphs a reported speaker stays the one a "katanya" points back to.
SPEECH_REACH = 3
#: Paragraphs read after the last quotation ("…," kata X. / X adalah …).
READ_AFTER_LAST = 1
#: Most words of a quoted title or slogan after a label word ("bertema", "titled").
MAX_LABEL_WORDS = 8
#: Cues that name or describe a speaker (the others point back or say nothing).
_NAMING = frozenset({"name", "role", "desc"})


@dataclass
class Attribution:
    """The result: speakers, and for each kept quotation part its speaker's index."""

    people: list[Person] = field(default_factory=list)
    parts: list[tuple[Span, int, int]] = field(default_factory=list)  # span, person, group


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

    groups: list[Group] = []
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
        if (not adjacent or _title_like(text)) and reader.labelled(first.open_at):
            # 'spanduk bertuliskan “…”', 'a report titled "…"': nobody's words, even when
            # a speech verb follows ('khotbah bertema “Menjaga Sungai Kita”,
            # Sukardi menyampaikan, …' reports what he said next)
            continue
        if len(parts) == 1 and is_scare_quote(text, has_cue=adjacent):
            # 'called the plan "a costly mistake"': a partial quote in reported speech;
            # a single word is a label ('a "demand-responsive" minibus').
            reported = reader.reported(first.open_at) if " " in text else NONE
            if reported.kind == "none" and " " in text and first.close_at is not None:
                # '"We are horrified" by the shooting, Nefzi said.'
                reported = reader.trailing(first.close_at)
            if reported.kind == "none":
                continue
            cues.append(reported)
        elif all(c.kind == "none" for c in cues):
            # 'Ostrow said the board members were phoning "every half hour."': no cue beside
            # the quotation, but its sentence says who speaks; or a cue ends the sentence
            # the quotation opens ('"…" that Sanders can catch up, said Steve Elmendorf').
            cues.append(reader.reported(first.open_at))
            if first.block and not paragraphs[first.block][: first.open_at].strip():
                # 'Dr. Ward stated:' / '“…”': the paragraph before introduces it.
                cues.append(readers[first.block - 1].introducer())
            tail = parts[-1]
            if tail.close_at is not None:
                cues.append(readers[tail.block].trailing(tail.close_at))
            if all(c.kind == "none" for c in cues):
                cues.append(reader.possessor(first.open_at))
        if not any(c.kind in _NAMING for c in cues):
            cues.append(_signature(paragraphs, readers, parts[-1]))
        groups.append(Group(parts, cues, adjacent))

    registry = Registry()
    discover(registry, readers, tokens, inside, groups, rules)
    # Mentions after the last quotation would never be read: stop at its paragraph.
    last = groups[-1].spans[0].block + 1 if groups else 0
    events = mentions(registry, readers, tokens[:last], inside, rules)
    return _resolve(registry, groups, events, lang)


def _resolve(
    registry: Registry, groups: list[Group], events: list[Event], lang: Language
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
            registry.seen(person, b)
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
        if speaker is not None and speaker == view:
            speaker = _agreeing(registry, group, speaker, lang)
        if speaker is None:
            continue
        for span in group.spans:
            result.parts.append((span, speaker, g))
        last = group.spans[-1]
        end = last.close_at if last.close_at is not None else last.end
        in_view, in_view_at, in_view_strength = speaker, (last.block, end), 2
        speaking, speaking_at = speaker, (last.block, end)
        registry.seen(speaker, last.block)
    result.people = registry.people
    return result


def _agreeing(registry: Registry, group: Group, speaker: int, lang: Language) -> int:
    """``speaker`` (the one in view), unless the pronoun that points back to them has
    the other gender ("Susan Whitlock closed … “…,” she said" after a man was
    named): then the person of the pronoun's gender named last, if any."""
    if any(c.kind in _NAMING for c in group.cues):
        return speaker
    pronoun = next((c.gender for c in group.cues if c.kind == "back" and c.gender), None)
    if pronoun is None:
        return speaker
    genders, stops = lang.genders, lang.role_prepositions
    known = gender_of(registry.people[speaker], genders, stops)
    if known is None or known == pronoun:
        return speaker
    # Only as far back as the paragraph before the one the person in view was seen in.
    other = registry.latest_of(pronoun, genders, stops, registry.seen_in(speaker))
    return speaker if other is None else other


def _signature(paragraphs: list[str], readers: list[CueReader], tail: Span) -> Cue:
    """The line after a quotation that signs it: the last line of a pull quote, whose
    closing mark ends it, or a dash and a name after a quotation that fills its own
    paragraph."""
    nxt = tail.block + 1
    if nxt >= len(readers):
        return NONE
    if tail.close_at is None:
        return readers[nxt].signature(closing=True)
    text = paragraphs[tail.block]
    if text[tail.close_at + 1 :].strip(" .,") or text[: tail.open_at].strip():
        return NONE
    return readers[nxt].signature(closing=False)


def _title_like(text: str) -> bool:
    """Is a quotation short and without a sentence's end, as a title or a slogan is?"""
    # (a sentence's end, found at C speed, answers for most quotations before a split)
    return (
        "." not in text
        and "!" not in text
        and "?" not in text
        and len(text.split()) <= MAX_LABEL_WORDS
    )


def _speaker(registry: Registry, group: Group, in_view: int | None) -> int | None:
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
            if in_view is not None and cue.head and holds(registry.people[in_view], cue.head):
                return in_view
            return registry.described(cue.role or cue.head or "", (block, cue.at))
    # "the spokesman said", "sang menteri menambahkan": a back-reference by role goes to
    # the holder of that role when the one in view does not hold it.
    for cue in group.cues:
        if cue.kind == "back" and cue.head and not explicit:
            if in_view is not None and holds(registry.people[in_view], cue.head):
                return in_view
            holder = registry.holder(cue.head)
            if holder is not None:
                return holder
    return in_view


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
