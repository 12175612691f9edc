"""The cue reader asks each role reading only when the token it needs is there.

``CueReader.name_at`` skips ``_role_before_comma``, ``_role_before`` and ``_role_after``
when the token next to the name cannot start them, and ``_according_to`` when the word
cannot open an "according to" phrase. These tests hold the claims that make the skips
safe: on any arrangement of the tokens that matter, a skipped reading would have found
nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer.attribution.cues import CueReader
from reader.importer.attribution.flags import ACCORDING_START, HONORIFIC, ROLE_MARKER, WORD
from reader.importer.attribution.name_reader import _AFTER_ROLE, _BEFORE_COMMA_ROLE
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.tokens import tokenize, word_table
from reader.importer.language_data import language

#: Tokens the role readings look for, in both languages, and some that stop them.
_VOCABULARY = [
    *("Menteri", "Luar", "Negeri", "Sergey", "Lavrov", "pakar", "militer", "Rusia"),
    *("Dr", "dr", "Prof", ".", ",", "(", ")", "52", "44", "seorang", "warga", "yang"),
    *("kata", "menurut", "According", "according", "to", "the", "a", "resident", "of"),
    *("Councillor", "Janet", "Oduya", "said", "who", "spokesman", "Universitas", "UGM"),
    *("dan", "di", "mengatakan", "Juru", "bicara", ":", "“", "”", "Ketua", "KPK"),
]
_PARAGRAPHS = st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=24).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["id", "en"]), _PARAGRAPHS)
def test_a_skipped_role_reading_finds_nothing(code: str, text: str) -> None:
    lang = language(code)
    toks = tokenize(text, word_table(lang))
    reader = CueReader(text, toks, NameRules(lang, [toks]))
    w, f = toks.words, toks.flags
    for k in range(len(w) + 1):
        if not (k >= 2 and (w[k - 1] in _BEFORE_COMMA_ROLE or f[k - 1] & HONORIFIC)):
            assert reader._role_before_comma(k) is None
            assert reader._role_before_comma(k, full_name=True) is None
        if not (k and f[k - 1] & WORD and not f[k - 1] & ROLE_MARKER):
            assert reader._role_before(k) is None
        if k < len(w) and w[k] not in _AFTER_ROLE:
            assert reader._role_after(k) is None
        if not (k < len(w) and f[k] & ACCORDING_START):
            for words in reader.rules.table.according:
                assert reader.tokens.lowers(k, k + len(words)) != list(words)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Pakar militer Rusia, Yakov Kedmi, mengatakan", "Yakov", "Pakar militer Rusia"),
        (
            "Kepala Pusat Riset BRIN, Dr. Wulan Kartikasari, mengatakan",
            "Wulan",
            "Kepala Pusat Riset BRIN",
        ),
        ("kata pengamat militer Anton Wijaya kepada wartawan", "Anton", "pengamat militer"),
        (
            "Yakov Kedmi, seorang ahli militer independen, mengatakan",
            "Yakov",
            "ahli militer independen",
        ),
        ("Siti Aminah (52), warga Sleman, mengatakan", "Siti", "warga Sleman"),
        # the name read from after the honorific: the token before it is "Dr", not ","
        (
            "Kepala Pusat Riset BRIN, Dr Wulan Kartikasari, mengatakan",
            "Wulan",
            "Kepala Pusat Riset BRIN",
        ),
        ("Joanne Whitcombe, 44, a customer at the bank, said", "Joanne", "customer at the bank"),
    ],
)
def test_the_guards_let_each_reading_through_where_it_finds_a_role(
    text: str, name: str, role: str
) -> None:
    lang = language("en" if " said" in text else "id")
    toks = tokenize(text, word_table(lang))
    reader = CueReader(text, toks, NameRules(lang, [toks]))
    at = toks.words.index(name)
    found = reader.name_at(at, at + 2)
    assert found is not None
    assert (found.name, found.role) == ((name, toks.words[at + 1]), role)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "According to Nandakumar, “The council has spent £1.2m on consultants.”"),
        ("id", "Menurut Nandakumar, “Dewan sudah menghabiskan Rp 1,2 miliar.”"),
    ],
)
def test_according_to_is_read_before_a_quotation(code: str, text: str) -> None:
    lang = language(code)
    toks = tokenize(text, word_table(lang))
    reader = CueReader(text, toks, NameRules(lang, [toks]))
    cue = reader.before(text.index("“"))
    assert (cue.kind, cue.name) == ("name", ("Nandakumar",))
