"""Title, figures (once, with credit), lead, headings and sections."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.model import Figure
from reader.importer import structure
from reader.importer.language_data import Language, language
from reader.importer.structure import build_structure, is_heading, parse_caption

ID = language("id")
EN = language("en")


@pytest.mark.parametrize(
    ("line", "figure"),
    [
        (
            "Menteri berbicara di Paris. Foto: Eduard Pesov/MFA",
            Figure("Menteri berbicara di Paris.", "Eduard Pesov/MFA"),
        ),
        ("Petugas mengisi BBM. (Foto: Kabar/Andi)", Figure("Petugas mengisi BBM.", "Kabar/Andi")),
        (
            "Pemain berebut bola. (ANTARA FOTO/Galih)",
            Figure("Pemain berebut bola.", "ANTARA FOTO/Galih"),
        ),
        (
            "Controllers at work in Paris on Monday - AFP",
            Figure("Controllers at work in Paris on Monday", "AFP"),
        ),
    ],
)
def test_captions(line: str, figure: Figure) -> None:
    assert parse_caption(line, ID) == figure


def test_english_caption_markers() -> None:
    assert parse_caption("A runner crosses the line. Photo: Mark/City", EN) == Figure(
        "A runner crosses the line.", "Mark/City"
    )
    assert parse_caption("Image caption, Tenants at a meeting", EN) == Figure(
        "Tenants at a meeting"
    )


def test_body_sentence_is_no_caption() -> None:
    assert parse_caption("Menteri mengatakan harga tetap stabil tahun ini.", ID) is None


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Pertukaran Intelejen", True),
        ("Upaya Diplomasi AS", True),
        ("‘A promise is not a tenancy’", True),
        ("Ini adalah kalimat biasa.", False),
        ("“Kami siap”", False),
        ("huruf kecil di awal", False),
        (
            "Sebuah baris yang sangat panjang sekali dengan banyak kata tanpa tanda baca di akhir",
            False,
        ),
    ],
)
def test_headings(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_structure_of_an_article() -> None:
    lines = [
        "Judul Berita",
        "Foto kapal di laut. Foto: Reuters/Holm",
        "Foto kapal di laut. Foto: Reuters/Holm",
        "Paragraf pembuka yang menjadi lead.",
        "Paragraf pertama tanpa judul.",
        "Sub Judul Pertama",
        "Isi bagian pertama.",
        "Sub Judul Pertama",
        "Isi bagian kedua dengan judul yang sama.",
    ]
    shape = build_structure(lines, ID)
    assert shape.title == "Judul Berita"
    assert shape.figures == (Figure("Foto kapal di laut.", "Reuters/Holm"),)
    assert shape.lead == "Paragraf pembuka yang menjadi lead."
    assert [(i, h) for i, h, _ in shape.sections] == [
        ("opening", None),
        ("sub-judul-pertama", "Sub Judul Pertama"),
        ("sub-judul-pertama-2", "Sub Judul Pertama"),
    ]


def test_single_paragraph_becomes_the_opening_section() -> None:
    shape = build_structure(["Judul", "Satu-satunya paragraf."], ID)
    assert shape.lead is None
    assert shape.sections == (("opening", None, ("Satu-satunya paragraf.",)),)


def test_heading_at_the_end_is_a_paragraph() -> None:
    shape = build_structure(["Judul", "Lead di sini.", "Isi.", "Penutup Tanpa Isi"], ID)
    assert shape.sections[-1][2][-1] == "Penutup Tanpa Isi"


# -- the per-line shortcut: a credit marker needs one of its anchor characters


def test_caseless_characters_come_only_from_themselves() -> None:
    """Exhaustive: no character lowercases to a text holding another's caseless character."""
    for code in range(0x110000):
        ch = chr(code)
        for lowered in ch.lower():
            if lowered != ch:
                assert lowered not in structure._CASELESS, hex(code)


def test_every_language_has_anchors_for_its_markers() -> None:
    assert structure.marker_anchors(ID.credit_markers) == (":",)
    assert structure.marker_anchors(EN.credit_markers) == (",", ":")
    assert structure.marker_anchors(("foto", "photo:")) is None  # letters only: no shortcut


_LINE = st.text(
    alphabet=st.sampled_from(list("Foto: IMAGE source,.-– “\u0130\u03a3KKk")) | st.characters(),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(_LINE, st.sampled_from([ID, EN]))
def test_the_shortcut_never_hides_a_caption(line: str, lang: Language) -> None:
    anchors = structure.marker_anchors(lang.credit_markers)
    if not structure._may_hold_marker(line, anchors):
        assert not any(marker in line.lower() for marker in lang.credit_markers)
        assert structure.credit_only(line, lang) is None
    with_markers = structure._may_hold_marker(line, anchors)
    assert structure._parse_caption(line, lang, with_markers=with_markers) == parse_caption(
        line, lang
    )
