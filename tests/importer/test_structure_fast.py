"""The structure pass's shortcuts give what the plain per-line code they replace gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.model import LEAD, Figure
from reader.importer import structure
from reader.importer.language_data import Language, language
from reader.importer.slug import slugify, unique
from reader.importer.structure import (
    MAX_CAPTION_WORDS,
    MAX_HEADING_CHARS,
    MAX_HEADING_WORDS,
    Block,
    _meta,
    _parse_caption,
    build_structure,
    credit_only,
    image_source,
    is_heading,
)

ID = language("id")
EN = language("en")


def _plain_figures(lines: list[str], lang: Language) -> tuple[list[str], list[Figure]]:
    """Every line asked in turn (the code before the candidates were found at C speed)."""
    figures: list[Figure] = []
    body: list[str] = []
    pending_credit: str | None = None
    for line in lines:
        credit = image_source(line)
        if credit is not None:
            pending_credit = credit
            continue
        alone = credit_only(line, lang)
        if alone is not None and body and len(body[-1].split()) <= MAX_CAPTION_WORDS:
            own = Figure(body.pop(), alone)
            if not any(f.caption == own.caption for f in figures):
                figures.append(own)
            continue
        figure = _parse_caption(line, lang, with_markers=True)
        if figure is None:
            body.append(line)
            continue
        if figure.credit is None and pending_credit is not None:
            figure = Figure(figure.caption, pending_credit)
        pending_credit = None
        if figure not in figures and not any(f.caption == figure.caption for f in figures):
            figures.append(figure)
    return body, figures


_CLOSING = tuple('.,;:!?…”"»’)]—–-')


def _plain_is_heading(line: str) -> bool:
    if len(line) > MAX_HEADING_CHARS or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if len(line) > 2 and line[0] in "‘'" and line[-1] in "’'":
        line = line[1:-1]
    if not line[:1].isupper() and not line[:1].isdigit():
        return False
    return not (line.endswith(_CLOSING) or any(mark in line for mark in '“”„«»"'))


def _plain_build_structure(lines: list[str], lang: Language) -> structure.Structure:
    title = lines[0]
    body, figures = _plain_figures(lines[1:], lang)
    date, body = _meta(body, lang)
    lead: str | None = None
    if len(body) >= 2 and not _plain_is_heading(body[0]):
        lead = body[0]
        body = body[1:]
    taken = {LEAD}
    sections: list[tuple[str, str | None, list[str]]] = []
    headings = [_plain_is_heading(line) for line in body]
    for i, line in enumerate(body):
        follows_text = i + 1 < len(body) and not headings[i + 1]
        if headings[i] and follows_text:
            sections.append((unique(slugify(line, fallback="section"), taken), line, []))
            continue
        if not sections:
            sections.append((unique("opening", taken), None, []))
        sections[-1][2].append(line)
    if not sections and lead is not None:
        sections.append(("opening", None, [lead]))
        lead = None
    blocks: list[Block] = []
    if lead is not None:
        blocks.append(Block(lead, LEAD, 0))
    for ident, _heading, paragraphs in sections:
        blocks.extend(Block(text, ident, n) for n, text in enumerate(paragraphs))
    return structure.Structure(
        title=title,
        date=date,
        figures=tuple(figures),
        lead=lead,
        sections=tuple((i, h, tuple(p)) for i, h, p in sections),
        blocks=tuple(blocks),
    )


def test_image_initials_are_every_case_the_patterns_match() -> None:
    """Exhaustive: the first two characters _IMAGE_SOURCE and _IMAGE_CAPTION can match."""

    def cases(letter: str) -> list[str]:
        pattern = re.compile(letter, re.IGNORECASE)
        return [chr(c) for c in range(0x110000) if pattern.fullmatch(chr(c))]

    expected = {
        a + b for word in ("im", "ge", "ph") for a in cases(word[0]) for b in cases(word[1])
    }
    assert expected == structure._IMAGE_INITIALS
    # ... and those are the first two letters of every phrase the two patterns start with
    assert structure._IMAGE_SOURCE.pattern.startswith("^(?:image source|getty images|photo credit)")
    assert structure._IMAGE_CAPTION.pattern.startswith("^image caption")


_PIECES = [
    *"Foto: IMAGE source,.-–— “”\"()ab\nPhGeİıimgK'‘’A1\t\xa0",
    "Image caption ",
    "Getty ",
    "(foto X)",
    "photo",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)
_LINES = st.lists(_TEXT | st.text(max_size=20), min_size=1, max_size=12)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(_LINES, st.sampled_from([ID, EN]))
def test_figures_equal_asking_every_line(lines: list[str], lang: Language) -> None:
    assert structure._figures(lines, lang) == _plain_figures(lines, lang)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(_LINES, st.sampled_from([ID, EN]))
def test_structure_equals_the_plain_way(lines: list[str], lang: Language) -> None:
    assert build_structure(lines, lang) == _plain_build_structure(lines, lang)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(_TEXT | st.text())
def test_heading_equals_the_plain_order_of_questions(line: str) -> None:
    assert is_heading(line) == _plain_is_heading(line)


def test_figure_lines_next_to_plain_ones() -> None:
    lines = [
        "Pasar ramai sekali pagi ini.",
        "Image source, Reuters",
        "Image caption, Warga antre di pasar",
        "Petugas mengisi BBM. (Foto: Kabar/Andi)",
        "Warga berjalan pulang.",
        "Foto: Dok. Pribadi",
        "Kapal tiba di pelabuhan - AFP",
        "Berkali-kali ia datang.",
    ]
    for lang in (ID, EN):
        assert structure._figures(lines, lang) == _plain_figures(lines, lang)
    body, figures = structure._figures(lines, ID)
    assert body == ["Pasar ramai sekali pagi ini.", "Berkali-kali ia datang."]
    assert len(figures) == 4


def test_a_dash_between_other_whitespace_still_makes_a_candidate() -> None:
    lines = ["Kapal tiba di pelabuhan\xa0-\xa0AFP", "Kapal tiba di pelabuhan\t–\tAP Photo"]
    for lang in (ID, EN):
        assert structure._figures(lines, lang) == _plain_figures(lines, lang)
    assert structure._figures(lines, ID)[0] == []


def test_heading_examples_equal_the_plain_order() -> None:
    for line in [
        "A B C D E F G H I J K L M",  # 13 words: too many for a heading
        "A B C D E F G H I J K L",
        "'Kata Dia'",
        "‘Kata Dia.’",
        "Kata “Dia”",
        "1 Januari",
        "kata dia",
        "X" * 91,
        "",
    ]:
        assert is_heading(line) == _plain_is_heading(line), line


def test_a_marker_anchored_on_a_comma_is_found_in_any_case() -> None:
    """English "image source," has only a comma to anchor it, which nearly every line
    holds: the marker itself is looked for in the lowered lines, also when lowering
    changes the text's length (the "İ" lowers to two characters)."""
    lines = [
        "Warga antre di pasar sejak pagi, kata petugas.",
        "Warga antre di pasar IMAGE SOURCE, Reuters",
        "Pasar ramai sekali, meski hujan.",
    ]
    for extra in ([], ["İstanbul, kota yang ramai."]):
        assert structure._figures(lines + extra, EN) == _plain_figures(lines + extra, EN)
        body, figures = structure._figures(lines + extra, EN)
        assert figures == [Figure("Warga antre di pasar", "Reuters")]
        assert body == [lines[0], lines[2], *extra]


_AGENCY_PIECES = [*" -–—.&/,", "Reuters", "AP Photo", "caption words here", "a", "B", "\n", "x-y"]


@settings(max_examples=max(500, settings.default.max_examples), deadline=None)
@given(st.lists(st.sampled_from(_AGENCY_PIECES), max_size=20).map("".join))
def test_the_agency_pattern_only_matches_where_it_may(line: str) -> None:
    """The cheap question asked before the lazy pattern never hides a credit."""
    if structure._AGENCY.match(line):
        assert structure._may_end_in_agency(line)
