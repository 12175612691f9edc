"""Search forgives case and accents and maps matches back to the original text."""

from __future__ import annotations

from reader.core.search import find_phrase, find_spans, matches, normalise, terms


def test_normalise_folds_case_accents_and_space() -> None:
    assert normalise("  Medvédev\tÉTÉ  ") == "medvedev ete"
    assert terms("Perdana  MENTERI") == ["perdana", "menteri"]


def test_matches_needs_every_word_in_some_field() -> None:
    assert matches("lukyanov ketua", "quote text", "Fyodor Lukyanov", "Ketua Dewan")
    assert not matches("lukyanov obama", "quote text", "Fyodor Lukyanov", "Ketua Dewan")
    assert matches("", "anything")


def test_find_spans_maps_back_through_accents() -> None:
    text = "Kata Medvédev: Medvedev!"
    spans = find_spans(text, "medvedev")
    assert [text[a:b] for a, b in spans] == ["Medvédev", "Medvedev"]


def test_find_spans_merges_overlaps() -> None:
    assert find_spans("sanksi", "sank anks") == [(0, 5)]


def test_find_spans_handles_expanding_characters() -> None:
    # "ß" folds to "ss" and "ﬁ" to "fi": spans must still index the original string
    text = "Straße ﬁnal"
    assert [text[a:b] for a, b in find_spans(text, "strasse final")] == ["Straße", "ﬁnal"]


def test_find_phrase_finds_the_whole_phrase_only() -> None:
    text = "tidak mungkin. Jelas tidak mungkin."
    assert find_phrase(text, "TIDAK mungkin") == [(0, 13), (21, 34)]
    assert find_phrase(text, "   ") == []
    assert find_phrase(text, "mungkin tidak") == []


def test_find_spans_with_repeated_words_equals_once() -> None:
    text = "Perdana Menteri berkata: menteri itu, MENTERI ini."
    once = find_spans(text, "menteri")
    assert find_spans(text, "menteri Menteri MENTERI menteri") == once
    assert find_spans(text, ["menteri", "Ménteri", "menteri"]) == once
    assert once == [(8, 15), (25, 32), (38, 45)]


def test_a_letter_that_folds_to_two_is_found_once() -> None:
    # "ß" folds to "ss": "s" matches both halves, which are one place in the text
    assert find_phrase("Straße", "s") == [(0, 1), (4, 5)]
    assert find_phrase("ßß", "ss") == [(0, 1), (1, 2)]
    assert find_spans("Straße", "s") == [(0, 1), (4, 5)]


def test_a_decomposed_accent_is_part_of_its_letter() -> None:
    text = "Kata Medve\u0301dev: cafe\u0301\u0327 itu"
    assert [text[a:b] for a, b in find_phrase(text, "medvedev")] == ["Medve\u0301dev"]
    assert [text[a:b] for a, b in find_phrase(text, "cafe")] == ["cafe\u0301\u0327"]
    assert [text[a:b] for a, b in find_spans(text, "cafe itu")] == ["cafe\u0301\u0327", "itu"]
