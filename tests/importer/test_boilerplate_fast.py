"""strip_boilerplate asks only the lines _candidates finds; these tests hold it to the
plain way it replaced (every line asked every question)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.model import CookieNotice, Footer
from reader.importer import boilerplate
from reader.importer.boilerplate import (
    Cleaned,
    _accept,
    _cookie,
    _is_link,
    _label,
    _link_text,
    _phrases,
    _teaser,
    is_copyright,
    source_of,
    strip_boilerplate,
)
from reader.importer.language_data import Language, all_languages, language

ID = language("id")
EN = language("en")


def _plain_strip_boilerplate(lines: list[str], lang: Language) -> Cleaned:
    """Every line asked in turn (the loop before the candidates were found at C speed)."""
    langs = (lang, *(other for other in all_languages() if other.code != lang.code))
    body: list[str] = []
    dropped: list[str] = []
    copyright_line: str | None = None
    cookie: CookieNotice | None = None
    in_list = False
    phrases = _phrases(langs)
    index = 0
    while index < len(lines):
        line = lines[index]
        lower = line.lower()
        index += 1
        if body and copyright_line is None and is_copyright(line, phrases, lower):
            copyright_line = line
            in_list = False
            continue
        if body and cookie is None and _cookie(line, phrases, lower):
            text, link = line, _link_text(line, langs)
            if link is None and index < len(lines) and _is_link(lines[index], langs):
                link = lines[index].strip()
                text = f"{line} {link}"
                index += 1
            accept = "Accept"
            if index < len(lines) and _accept(lines[index], langs):
                accept = lines[index].strip()
                index += 1
            cookie = CookieNotice(text, link, accept)
            in_list = False
            continue
        if in_list and _teaser(line):
            dropped.append(line)
            continue
        in_list = False
        if body and _label(line) in phrases.trailing:
            in_list = index < len(lines) and _teaser(lines[index])
            dropped.append(line)
            continue
        if body and lower.startswith(phrases.clutter):
            dropped.append(line)
            continue
        body.append(line)
    source = source_of(copyright_line) if copyright_line else "unknown"
    return Cleaned(body, Footer(copyright_line, cookie), source, dropped)


_PHRASES = sorted(
    {
        p
        for lang in all_languages()
        for field in ("copyright_prefixes", "clutter_prefixes", "trailing_lists")
        for p in getattr(lang, field)
    }
    | {"all rights reserved", "uses cookies.", "menggunakan kuki", "accept", "click here"}
)
_PIECES = st.sampled_from(_PHRASES).map(lambda p: p.upper() if len(p) % 2 else p.title()) | (
    st.sampled_from([*" :©.,\t\xa0İΣσς", "Harga naik.", "Berita", "  ", "Ter"])
)
_LINE = st.lists(_PIECES | st.sampled_from(_PHRASES), max_size=6).map("".join)
_LINES = st.lists(_LINE | st.text(max_size=15), min_size=1, max_size=10)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(_LINES, st.sampled_from([ID, EN]))
def test_strip_boilerplate_equals_asking_every_line(lines: list[str], lang: Language) -> None:
    assert strip_boilerplate(lines, lang) == _plain_strip_boilerplate(lines, lang)


def test_a_typical_page_equals_asking_every_line() -> None:
    lines = [
        "Harga Emas Naik",
        "Harga emas naik lagi hari ini.",
        "Baca juga: Harga perak turun",
        "  Terkini : ",
        "Harga Emas Turun",
        "Pasar Saham Lesu",
        "Ia menambahkan bahwa harga akan stabil.",
        "Situs ini menggunakan kuki untuk pengalaman terbaik.",
        "Kebijakan privasi",
        "Setuju",
        "Berita ini ditulis ulang.",
        "  hak cipta © 2026 Kabar.  ",
        "Iklan",
    ]
    for lang in (ID, EN):
        assert strip_boilerplate(lines, lang) == _plain_strip_boilerplate(lines, lang)
    cleaned = strip_boilerplate(lines, ID)
    assert cleaned.footer.copyright is not None
    assert cleaned.footer.cookie is not None


def test_no_character_lowercases_to_or_from_whitespace() -> None:
    """Exhaustive: what lets _candidates strip the lowered line instead of the line."""
    for code in range(0x110000):
        ch = chr(code)
        lowered = ch.lower()
        assert any(c.isspace() for c in lowered) == ch.isspace(), hex(code)
        if ch.isspace():
            assert lowered == ch, hex(code)


def test_phrases_that_do_not_start_plainly_are_looked_for_anywhere() -> None:
    phrases = _phrases(all_languages())
    assert "©" in phrases.anywhere and "all rights reserved" in phrases.anywhere
    assert not phrases.every_line
    for phrase in (*phrases.copyright, *phrases.clutter, *phrases.trailing):
        assert phrase[: boilerplate._START] in phrases.starts or phrase in phrases.anywhere


def test_a_label_with_a_sigma_makes_every_line_a_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A language whose trailing-list label holds a sigma (its lower case depends on the
    # neighbours, so no first three characters can stand for it): _gathered must give up
    # on the shortcut and ask every line.
    greek = dataclasses.replace(EN, code="el", trailing_lists=("πρόσφατες ειδήσεις",))
    monkeypatch.setattr(
        boilerplate, "language", lambda code: greek if code == "el" else language(code)
    )
    boilerplate._gathered.cache_clear()
    try:
        phrases = _phrases((greek,))
    finally:
        boilerplate._gathered.cache_clear()
    assert phrases.every_line
    lines = ["Judul", "Isi biasa.", "Lagi."]
    found = boilerplate._candidates(
        lines, [x.lower() for x in lines], phrases, may_hold_cookie=False
    )
    assert found == [0, 1, 2, 3]


def test_cookie_keys_cover_every_cookie_phrase() -> None:
    phrases = _phrases(all_languages())
    assert phrases.cookie_keys == ("cookie", "kuki")
    for phrase in phrases.cookie_phrases:
        assert any(key in phrase for key in phrases.cookie_keys), phrase
    assert boilerplate._keys(("a b", "b c", "d")) == ("b", "d")
    assert boilerplate._keys(()) == ()


def test_a_blank_phrase_is_its_own_key() -> None:
    assert boilerplate._keys(("", "x y")) == ("x", "")


def test_a_copyright_sign_in_mid_line_is_found_whatever_the_prefixes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # is_copyright takes "©" anywhere in a short line; the line must also be a candidate
    # when no language happens to list "©" among its prefixes.
    bare = dataclasses.replace(ID, code="xx", copyright_prefixes=("hak cipta",))
    monkeypatch.setattr(boilerplate, "language", lambda code: bare)
    monkeypatch.setattr(boilerplate, "all_languages", lambda: (bare,))
    boilerplate._gathered.cache_clear()
    try:
        cleaned = strip_boilerplate(["Judul", "Isi berita.", "Kabar Harian © 2026"], bare)
    finally:
        boilerplate._gathered.cache_clear()
    assert cleaned.footer.copyright == "Kabar Harian © 2026"
