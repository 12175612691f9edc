"""Copyright and cookie notices go to the footer; site clutter is dropped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.model import CookieNotice
from reader.importer import boilerplate
from reader.importer.boilerplate import source_of, strip_boilerplate
from reader.importer.language_data import all_languages, language

ID = language("id")
EN = language("en")


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Hak cipta milik Rossiyskaya Gazeta.", "Rossiyskaya Gazeta"),
        (
            "Hak cipta © 2026 Kabar Nusantara. Seluruh hak dilindungi undang-undang.",
            "Kabar Nusantara",
        ),
        ("© 2026 Kabar Nusantara", "Kabar Nusantara"),
        ("©2026 Warta Global", "Warta Global"),
        ("Copyright © 2024 The Daily Post. All rights reserved.", "The Daily Post"),
        ("Copyright", "unknown"),
    ],
)
def test_source_from_copyright(line: str, source: str) -> None:
    assert source_of(line) == source


def test_seed_like_footer() -> None:
    lines = [
        "Judul",
        "Isi berita.",
        "Hak cipta milik Rossiyskaya Gazeta.",
        "Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut.",
        "Terima kuki",
    ]
    cleaned = strip_boilerplate(lines, ID)
    assert cleaned.lines == ["Judul", "Isi berita."]
    assert cleaned.source == "Rossiyskaya Gazeta"
    assert cleaned.footer.copyright == "Hak cipta milik Rossiyskaya Gazeta."
    assert cleaned.footer.cookie == CookieNotice(
        "Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut.",
        "Klik di sini",
        "Terima kuki",
    )


def test_cookie_link_on_its_own_line() -> None:
    lines = ["Title", "Body.", "This site uses cookies.", "Learn more", "Accept cookies"]
    cookie = strip_boilerplate(lines, EN).footer.cookie
    assert cookie is not None
    assert (cookie.link_text, cookie.accept_label) == ("Learn more", "Accept cookies")
    assert "Learn more" in cookie.text


def test_clutter_and_trailing_lists_are_dropped() -> None:
    lines = [
        "Judul",
        "Paragraf satu.",
        "Baca juga: Harga Beras Naik Lagi",
        "Paragraf dua.",
        "Populer",
        "Harga Emas Turun",
        "Jadwal KRL Berubah",
        "© 2026 Kabar Nusantara",
    ]
    cleaned = strip_boilerplate(lines, ID)
    assert cleaned.lines == ["Judul", "Paragraf satu.", "Paragraf dua."]
    assert "Baca juga: Harga Beras Naik Lagi" in cleaned.dropped
    assert cleaned.footer.copyright == "© 2026 Kabar Nusantara"


def test_read_more_in_the_middle_drops_only_itself() -> None:
    long = " ".join(["word"] * 30) + "."
    lines = ["Title", "Body.", "Read more", long]
    assert strip_boilerplate(lines, EN).lines == ["Title", "Body.", long]


def test_title_is_never_boilerplate() -> None:
    lines = ["Copyright Law Changes Today", "Body text."]
    assert strip_boilerplate(lines, EN).lines == lines


def test_teaser_list_ends_at_the_first_sentence() -> None:
    lines = ["Judul", "Isi.", "Terkini", "Harga Emas Turun", "Ini kalimat biasa yang berakhir."]
    cleaned = strip_boilerplate(lines, ID)
    assert cleaned.lines == ["Judul", "Isi.", "Ini kalimat biasa yang berakhir."]
    assert cleaned.dropped == ["Terkini", "Harga Emas Turun"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list("Uses cookies KUKI menggunakan\n\u0130")), max_size=30
        ),
        max_size=5,
    )
)
def test_the_cookie_shortcut_never_hides_a_notice(lines: list[str]) -> None:
    phrases = boilerplate._phrases(all_languages())
    lowers = [line.lower() for line in lines]
    if not boilerplate._may_hold_cookie_notice(lowers, phrases):
        assert not any(
            boilerplate._cookie(line, phrases, lower)
            for line, lower in zip(lines, lowers, strict=True)
        )
