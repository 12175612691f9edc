"""The shape of an article: title, figures, lead, sections with headings, paragraphs.

Pasted pages carry no markup, so the shape is read from the lines themselves: the first
line is the title; a line with a photo credit ("Foto:", "Photo:", "Image caption", a
trailing "- Agency") is a figure and is kept once however often the page repeats it;
the first body paragraph is the lead; a short line without closing punctuation that is
followed by a body paragraph is a section heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat
from operator import itemgetter
from typing import NamedTuple

from reader.core.model import LEAD, Figure
from reader.importer.joined import find_all, line_starts, located
from reader.importer.language_data import Language
from reader.importer.slug import slugify, unique

#: Longest line taken for a heading (words, characters).
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 90
#: Longest caption taken for a figure credited with a trailing "- Agency".
MAX_CAPTION_WORDS = 60
_CLOSING = tuple('.,;:!?…”"»’)]—–-')
_QUOTE_MARKS = set('“”„«»"')
#: A line without a spaced dash cannot be "Caption - Agency".
_SPACED_DASH = re.compile(r"\s[-–—]\s")
_AGENCY = re.compile(
    r"^(?P<caption>.{10,}?)\s+[-–—]\s+(?P<credit>[A-Z][\w.&/]*(?:[ /][A-Z][\w.&/]*){0,3})$"
)
_IMAGE_CAPTION = re.compile(r"^image caption\b[\s,:.-]*", re.IGNORECASE)
_IMAGE_SOURCE = re.compile(r"^(?:image source|getty images|photo credit)\b[\s,:.-]*", re.IGNORECASE)


class Block(NamedTuple):
    """A body paragraph and where it ends up: a section id and index, or the lead.

    A named tuple: one is made per paragraph, and a frozen dataclass took five times as
    long to build (a quarter of the structure pass on long articles).
    """

    text: str
    section: str
    paragraph: int


@dataclass(frozen=True)
class Structure:
    title: str
    date: str | None
    figures: tuple[Figure, ...]
    lead: str | None
    sections: tuple[tuple[str, str | None, tuple[str, ...]], ...]
    blocks: tuple[Block, ...]


_BRACKET_CREDIT = re.compile(
    r"^(?P<caption>.+?)\s*\((?P<credit>[^()]*(?:foto|photo|image)[^()]*)\)$", re.IGNORECASE
)


@lru_cache(maxsize=16)
def _longest_first(markers: tuple[str, ...]) -> tuple[str, ...]:
    """Credit markers, longest first (asked once per line: sorted once per language)."""
    return tuple(sorted(markers, key=len, reverse=True))


def _strip_marker(credit: str, lang: Language) -> str:
    lower = credit.lower()
    for marker in _longest_first(lang.credit_markers):
        if lower.startswith(marker):
            return credit[len(marker) :].strip()
    return credit.strip()


def credit_only(line: str, lang: Language) -> str | None:
    """The credit of a line that holds only a credit ("Image: Observatory"), else None."""
    if len(line) >= 120:
        return None
    lower = line.lower()
    markers = _longest_first(lang.credit_markers)
    if not lower.startswith(markers):  # one C call answers for most lines
        return None
    for marker in markers:
        if lower.startswith(marker):
            return line[len(marker) :].strip().rstrip(".").strip() or None
    return None


def parse_caption(line: str, lang: Language) -> Figure | None:
    """The figure a caption line describes, or None if the line is not a caption."""
    return _parse_caption(line, lang, with_markers=True)


def _parse_caption(line: str, lang: Language, *, with_markers: bool) -> Figure | None:
    """:func:`parse_caption`; ``with_markers=False`` when no credit marker can occur.

    (each pattern is tried only on lines that can match: the lazy captions are slow)
    """
    bracket = _BRACKET_CREDIT.match(line) if line.endswith(")") else None
    if bracket and bracket.group("caption").strip():
        return Figure(
            bracket.group("caption").strip(), _strip_marker(bracket.group("credit"), lang)
        )
    if with_markers:
        lower = line.lower()
        for marker in _longest_first(lang.credit_markers):
            at = lower.find(marker)
            if at >= 0:
                caption = line[:at].strip()
                credit = line[at + len(marker) :].strip().rstrip(".").strip() or None
                if caption:
                    return Figure(caption, credit)
    match = _IMAGE_CAPTION.match(line)
    if match and line[match.end() :].strip():
        return Figure(line[match.end() :].strip(), None)
    if (
        ("-" in line or "–" in line or "—" in line)  # what _SPACED_DASH needs, at C speed
        and _SPACED_DASH.search(line)
        and not any(mark in line for mark in _QUOTE_MARKS)
    ):
        agency = _AGENCY.match(line) if _may_end_in_agency(line) else None
        if agency and len(agency.group("caption").split()) <= MAX_CAPTION_WORDS:
            return Figure(agency.group("caption").strip(), agency.group("credit"))
    return None


def _may_end_in_agency(line: str) -> bool:
    """False when :data:`_AGENCY` cannot match ``line``: its credit holds no dash and at
    most four words, so the dash before it is the line's last, with a space on each side
    and at most four words after it. (A lazy caption tries every place in the line:
    asking this first spares the pattern a prose paragraph with a dash in it.)"""
    last = max(line.rfind("-"), line.rfind("–"), line.rfind("—"))
    return (
        last > 0
        and line[last - 1].isspace()
        and line[last + 1 : last + 2].isspace()
        and len(line[last + 1 :].split()) <= 4
    )


def image_source(line: str) -> str | None:
    """The credit of an "Image source, Reuters" line (BBC style), else None."""
    match = _IMAGE_SOURCE.match(line)
    if match and len(line) < 120:
        return line[match.end() :].strip() or None
    return None


def is_heading(line: str) -> bool:
    """A short line that starts like a title and does not end like a sentence.

    (the word count, which splits the line, is asked last: most short lines end like a
    sentence or do not start with a capital)
    """
    if len(line) > MAX_HEADING_CHARS:
        return False
    inner = line
    if len(line) > 2 and line[0] in "‘'" and line[-1] in "’'":
        inner = line[1:-1]  # a heading printed in single quote marks
    if not inner[:1].isupper() and not inner[:1].isdigit():
        return False
    if inner.endswith(_CLOSING) or any(mark in inner for mark in _QUOTE_MARKS):
        return False
    return len(line.split()) <= MAX_HEADING_WORDS


#: ASCII characters other than letters. No other character lowercases to a text that
#: holds one of them (tests/importer checks every code point), so one of them is in a
#: line's lower case exactly when it is in the line itself.
_CASELESS = frozenset(chr(code) for code in range(128) if not chr(code).isalpha())


@lru_cache(maxsize=16)
def marker_anchors(markers: tuple[str, ...]) -> tuple[str, ...] | None:
    """Characters one of which a line must hold for a marker to be in its lower case.

    For each marker one of its :data:`_CASELESS` characters (the last, a space only if
    there is no other: spaces are in every line), e.g. ":" for "foto:". None when a
    marker holds none: then every line must be lowered and searched.
    """
    anchors: set[str] = set()
    for marker in markers:
        anchor = _anchor(marker)
        if anchor is None:
            return None
        anchors.add(anchor)
    return tuple(sorted(anchors))


def _anchor(marker: str) -> str | None:
    """The anchor of one marker (see :func:`marker_anchors`), None if it has none."""
    caseless = [ch for ch in marker if ch in _CASELESS]
    if not caseless:
        return None
    return next((ch for ch in reversed(caseless) if ch != " "), caseless[-1])


#: Anchors in nearly every line of prose. A marker anchored on one ("image source,")
#: is looked for itself, in the lowered lines: finding its comma made a candidate of
#: almost every line of an English article, and asking each was a twelfth of the import.
_COMMON_ANCHORS = frozenset(", ")


@lru_cache(maxsize=16)
def _commonly_anchored(markers: tuple[str, ...]) -> tuple[str, ...]:
    """The markers whose anchor is one of :data:`_COMMON_ANCHORS`."""
    return tuple(m for m in markers if _anchor(m) in _COMMON_ANCHORS)


def _may_hold_marker(line: str, anchors: tuple[str, ...] | None) -> bool:
    """False when no credit marker can be in ``line.lower()`` (see :func:`marker_anchors`).

    Lowering each line and searching it for every marker was a third of the structure
    pass; most lines hold none of the anchors, which one ``in`` each tells at C speed.
    """
    return anchors is None or any(anchor in line for anchor in anchors)


def _figures(lines: list[str], lang: Language) -> tuple[list[str], list[Figure]]:
    figures: list[Figure] = []
    body: list[str] = []
    pending_credit: str | None = None
    anchors = marker_anchors(lang.credit_markers)
    done = 0  # lines before this one are handled
    for index in _figure_candidates(lines, anchors, lang.credit_markers):
        # The lines in between are body lines: nothing below would have taken them.
        body.extend(lines[done:index])
        done = index + 1
        line = lines[index]
        credit = image_source(line)
        if credit is not None:
            pending_credit = credit
            continue
        # Without a marker, credit_only finds nothing and parse_caption skips its markers.
        with_markers = _may_hold_marker(line, anchors)
        alone = credit_only(line, lang) if with_markers else None
        if alone is not None and body and len(body[-1].split()) <= MAX_CAPTION_WORDS:
            # The caption is the line before: "An image of …" / "Image: Observatory".
            own = Figure(body.pop(), alone)
            if not any(f.caption == own.caption for f in figures):
                figures.append(own)
            continue
        figure = _parse_caption(line, lang, with_markers=with_markers)
        if figure is None:
            body.append(line)
            continue
        if figure.credit is None and pending_credit is not None:
            figure = Figure(figure.caption, pending_credit)
        pending_credit = None
        if figure not in figures and not any(f.caption == figure.caption for f in figures):
            figures.append(figure)
    body.extend(lines[done:])
    return body, figures


#: The first two letters of a line that :data:`_IMAGE_SOURCE` or :data:`_IMAGE_CAPTION`
#: match ("im", "ge", "ph"), in every case ``re.IGNORECASE`` accepts: "i" also matches
#: the dotted and the dotless i (tests/importer checks every code point).
_IMAGE_INITIALS = frozenset(
    first + second
    for firsts, seconds in (("Iiİı", "Mm"), ("Gg", "Ee"), ("Pp", "Hh"))
    for first in firsts
    for second in seconds
)
_DASHES = "-–—"
_FIRST_TWO = itemgetter(slice(0, 2))  # a shorter line gives less, where [0] would fail


def _figure_candidates(
    lines: list[str], anchors: tuple[str, ...] | None, markers: tuple[str, ...]
) -> list[int]:
    """The indices (in order) of the lines that may be a figure, a credit or an image source.

    Every other line is a body line, found without a Python step of its own: asking each
    line (``image_source``, ``credit_only``, ``parse_caption``) was most of the cost of
    the structure pass, and most lines are plain text. A line can only be one of them if

    * it starts with one of :data:`_IMAGE_INITIALS` (``image_source``, "Image caption");
    * it holds an anchor of a credit marker (:func:`marker_anchors`), which
      ``credit_only`` and the markers of ``parse_caption`` need; for a marker anchored
      on a comma or a space, which nearly every line holds, its lower case holds the
      marker itself (the only way those two find anything);
    * it ends with ")" (a credit in brackets);
    * or it holds a dash with whitespace on both sides (:data:`_SPACED_DASH`, "- AFP").

    The first is asked of the lines' first two characters at C speed; the others are found
    with ``str.find`` for one character (which runs at memory speed, where a longer
    needle does not) on the lines joined by newlines and mapped back to their lines by
    the lines' lengths. A newline is whitespace, so a dash at the edge of a line may be
    taken for spaced: that line is only asked, as before, and answers no.
    """
    if anchors is None:  # a marker without an anchor: every line must be asked
        return list(range(len(lines)))
    initials = map(_IMAGE_INITIALS.__contains__, map(_FIRST_TWO, lines))
    candidates = set(compress(count(), initials))
    joined = "\n".join(lines)
    at: list[int] = []  # offsets in ``joined`` of the other features
    for anchor in anchors:
        if anchor not in _COMMON_ANCHORS:
            at += find_all(joined, anchor)
    if _COMMON_ANCHORS.intersection(anchors):
        at += _marker_offsets(joined, anchors, _commonly_anchored(markers))
    for dash in _DASHES:
        at += [
            i
            for i in find_all(joined, dash)
            if joined[i - 1 : i].isspace() and joined[i + 1 : i + 2].isspace()
        ]
    at += [i for i in find_all(joined, ")") if joined[i + 1 : i + 2] in ("\n", "")]
    if at:
        candidates.update(line for line, _ in located(line_starts(lines), at))
    return sorted(candidates)


def _marker_offsets(joined: str, anchors: tuple[str, ...], markers: tuple[str, ...]) -> list[int]:
    """Offsets in ``joined`` of ``markers`` in its lower case; of the common anchors
    themselves when lowering changes the text's length (a character such as "İ" lowers
    to two), where an offset in the lowered text is no offset in ``joined``.

    Every other character lowers to one character, and lowering never looks across a
    newline (a final sigma's context ends there), so the lowered text is then the
    lowered lines joined, offset for offset.
    """
    lowered = joined.lower()
    if len(lowered) != len(joined):
        common = [anchor for anchor in anchors if anchor in _COMMON_ANCHORS]
        return [i for anchor in common for i in find_all(joined, anchor)]
    return [i for marker in markers for i in find_all(lowered, marker)]


#: Lines right under the title looked at for a date or a byline.
MAX_META_LINES = 3
#: Longest date or byline line (words).
MAX_META_WORDS = 12
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_LETTERS = re.compile(r"[^\W\d_]+")


def is_dateline(line: str, lang: Language) -> bool:
    """ "Rabu, 13 Januari 2027 | 10:42 WIB", "Published: 22 January 2027, 4:51pm"."""
    if len(line.split()) > MAX_META_WORDS or not _YEAR.search(line):
        return False
    words = {w.lower() for w in _LETTERS.findall(line)}
    return bool(words & lang.months) or _TIME.search(line) is not None


def is_byline(line: str, lang: Language) -> bool:
    """ "By Laura Pennington, Local Democracy Reporting Service", "Oleh: Dewi Sartika"."""
    lower = line.lower()
    return len(line.split()) <= MAX_META_WORDS and lower.startswith(lang.byline_prefixes)


def _meta(body: list[str], lang: Language) -> tuple[str | None, list[str]]:
    """The date line under the title, and the body without its date and byline lines.

    Pages put who wrote a piece and when between the title and the text; without this
    they became the lead or, being short and unpunctuated, a section heading.
    """
    date: str | None = None
    head = MAX_META_LINES
    while head and body:
        line = body[0]
        if is_byline(line, lang):
            if date is None and is_dateline(line, lang):  # "Published: 22 January 2027"
                date = line.split(":", 1)[1].strip() if ":" in line else line
        elif is_dateline(line, lang):
            date = date or line
        else:
            break
        body = body[1:]
        head -= 1
    return date, body


def build_structure(lines: list[str], lang: Language) -> Structure:
    """Title, date, figures, lead and sections of the body ``lines`` (title first)."""
    title = lines[0]
    body, figures = _figures(lines[1:], lang)
    date, body = _meta(body, lang)
    lead: str | None = None
    if len(body) >= 2 and not is_heading(body[0]):
        lead = body[0]
        body = body[1:]
    taken = {LEAD}
    sections: list[tuple[str, str | None, list[str]]] = []
    starts = _section_starts(body)
    if body and (not starts or starts[0] > 0):  # text before the first heading
        sections.append((unique("opening", taken), None, body[: starts[0] if starts else None]))
    for n, at in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else None
        heading = body[at]
        ident = unique(slugify(heading, fallback="section"), taken)
        sections.append((ident, heading, body[at + 1 : end]))
    if not sections and lead is not None:
        sections.append(("opening", None, [lead]))
        lead = None
    blocks: list[Block] = []
    if lead is not None:
        blocks.append(Block(lead, LEAD, 0))
    for ident, _heading, paragraphs in sections:
        # Block(text, ident, n) for each paragraph, built by tuple.__new__ (what a named
        # tuple's own __new__ calls) so that no Python function runs per paragraph.
        blocks.extend(map(tuple.__new__, repeat(Block), zip(paragraphs, repeat(ident), count())))
    return Structure(
        title=title,
        date=date,
        figures=tuple(figures),
        lead=lead,
        sections=tuple((i, h, tuple(p)) for i, h, p in sections),
        blocks=tuple(blocks),
    )


def _section_starts(body: list[str]) -> list[int]:
    """The indices of the lines that open a section: a heading followed by a non-heading.

    Only a line of at most :data:`MAX_HEADING_CHARS` characters can be a heading, so
    :func:`is_heading` is asked only of those, found at C speed: most lines are
    paragraphs far longer than that, and one Python step per line was most of the cost of
    reading the sections.
    """
    short = compress(count(), map(MAX_HEADING_CHARS.__ge__, map(len, body)))
    headings = {i for i in short if is_heading(body[i])}
    return sorted(i for i in headings if i + 1 < len(body) and i + 1 not in headings)
