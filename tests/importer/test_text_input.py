"""Language detection, mojibake repair, slugs and unusable input."""

from __future__ import annotations

import pytest

from reader.core.errors import ReaderError
from reader.importer import import_text
from reader.importer.language_data import CODES, language
from reader.importer.language_detection import detect_language
from reader.importer.mojibake import repair_mojibake
from reader.importer.slug import RESERVED, slugify


def test_language_detection() -> None:
    assert detect_language("Menteri mengatakan bahwa pemerintah akan menaikkan harga.") == "id"
    assert detect_language("The minister said that the government will raise prices.") == "en"
    assert detect_language("12345 !!!") == "id"


def test_languages_are_data() -> None:
    assert {"id", "en"} <= set(CODES)
    lang = language("id")
    assert "kata" in lang.post_cues
    assert lang.cue_back("katanya") and not lang.cue_back("kata")
    with pytest.raises(KeyError):
        language("xx")


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("â€œKami siap,â€\x9d kata X.", "“Kami siap,” kata X."),
        ("â€œKami siap,â€ kata X.", "“Kami siap,” kata X."),
        ("Itâ€™s the councilâ€™s plan â€“ and Ã©tÃ© â€¦", "It’s the council’s plan – and été …"),
        ("Plain text stays plain.", "Plain text stays plain."),
    ],
)
def test_mojibake(garbled: str, clean: str) -> None:
    assert repair_mojibake(garbled) == clean


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Moskow dan Washington Sepakat", "moskow-dan-washington-sepakat"),
        ("../../etc/passwd", "etc-passwd"),
        ("/absolute/path", "absolute-path"),
        ("a\x00b", "a-b"),
        ("CON", "con-article"),
        ("nul", "nul-article"),
        ("“” … !!!", "article"),
        ("Ümlaut Çafé", "umlaut-cafe"),
    ],
)
def test_slugs_are_safe(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_slug_is_cut_at_a_word() -> None:
    slug = slugify("kata " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.startswith("kata-kata")
    assert all(r not in slug.split("-") or slug != r for r in RESERVED)


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "\x1b[31m\x07", "Hanya judul", "\ufffd" * 50 + "abc"],
)
def test_unusable_input_is_one_clear_error(text: str) -> None:
    with pytest.raises(ReaderError) as info:
        import_text(text, name="x.txt")
    assert "\n" not in str(info.value) and str(info.value).startswith("x.txt: ")


def test_control_characters_are_removed() -> None:
    article = import_text("Judul\x1b[2J\n\nIsi\u202e berita pertama.\n\nIsi kedua.")
    assert article.title == "Judul"
    assert "\u202e" not in (article.lead or "")


def test_an_error_quoting_a_hostile_input_name_stays_on_one_line() -> None:
    with pytest.raises(ReaderError) as info:
        import_text("", name="a\nb\x1b[2J.txt")
    assert str(info.value) == "a\\x0ab\\x1b[2J.txt: no text to import (the input is empty)"
