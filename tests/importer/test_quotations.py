"""Finding quotations: every kind of mark, several per paragraph, runs across paragraphs."""

from __future__ import annotations

import pytest

from reader.importer.quotations import find_spans, is_scare_quote, quote_text


def texts(*paragraphs: str) -> list[str]:
    paras = list(paragraphs)
    return [quote_text(paras, s) for s in find_spans(paras)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("“Kami siap,” kata Budi.", ["Kami siap"]),
        ('"We are ready," Smith said.', ["We are ready"]),
        ("«Nous sommes prêts,» dit-il.", ["Nous sommes prêts"]),
        ("„Wir sind bereit,“ sagte er.", ["Wir sind bereit"]),
        ('“Mixed marks," he said.', ["Mixed marks"]),
        ('"Other way round,” she said.', ["Other way round"]),
    ],
)
def test_marks(paragraph: str, expected: list[str]) -> None:
    assert texts(paragraph) == expected


def test_several_sentences_in_one_pair_keep_their_period() -> None:
    assert texts("“Satu. Dua. Tiga.” kata X.") == ["Satu. Dua. Tiga."]


def test_trailing_comma_and_space_are_stripped() -> None:
    assert texts("“Tentu saja, tidak ,” kata Medvedev.") == ["Tentu saja, tidak"]


def test_several_pairs_in_one_paragraph() -> None:
    got = texts("“Tentu saja, tidak,” kata Medvedev. “Jelas tidak mungkin.”")
    assert got == ["Tentu saja, tidak", "Jelas tidak mungkin."]


def test_quote_across_paragraphs_is_one_group() -> None:
    paras = ["«Kami sudah belajar dari sejarah. Setiap kali", "«Karena itu kami hadir,» tegas X."]
    spans = find_spans(paras)
    assert [quote_text(paras, s) for s in spans] == [
        "Kami sudah belajar dari sejarah. Setiap kali",
        "Karena itu kami hadir",
    ]
    assert spans[0].close_at is None
    assert spans[1].continues


def test_stray_opening_mark_is_not_a_quote() -> None:
    assert texts("Harga naik 5 “ persen kemarin dan seterusnya", "Paragraf biasa.") == []


def test_apostrophes_and_single_marks_are_not_quotes() -> None:
    assert texts("It’s Kessler's case, the ‘big one’.") == []


@pytest.mark.parametrize(
    ("text", "cue", "scare"),
    [
        ("penyesuaian", False, True),
        ("diplomasi kapal perang", False, True),
        ("a tax on work", False, True),
        ("Tentu saja, tidak", True, False),
        ("Kami siap.", False, False),
        ("This is a long sentence that someone said", False, False),
    ],
)
def test_scare_quotes(text: str, cue: bool, scare: bool) -> None:
    assert is_scare_quote(text, has_cue=cue) is scare


def test_a_quotation_nested_in_another_stays_inside_it() -> None:
    got = texts(
        "Hale wrote, “Voters who chant “Lock the gates” at rallies will not decide this "
        "race.” Then he left.",
        "“Many of the delegates on the “approved” list are undecided” and that, “We will win "
        "them over.”",
    )
    assert got == [
        "Voters who chant “Lock the gates” at rallies will not decide this race.",
        "Many of the delegates on the “approved” list are undecided",
        "We will win them over.",
    ]


def test_an_opening_mark_never_closed_is_not_taken_for_nesting() -> None:
    got = texts("“The first was never closed. “The second is,” Hale said.")
    assert got == ["The second is"]


def test_curly_marks_nest_inside_straight_ones_that_go_on_past_them() -> None:
    got = texts(
        '"For example, the council has done nothing. “They have not read it,” one clerk '
        'said, and the rest agreed."',
        '"Ostrow shrugged the question away, “Only the mayor.” But she kept pressing.',
    )
    assert got[0].startswith("For example, the council has done nothing.")
    assert got[1:] == ["Only the mayor."]
