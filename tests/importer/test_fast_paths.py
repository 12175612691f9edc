"""The importer's fast paths give what the plain code they replace gives."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer.attribution import name_reader
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.people import holds_run
from reader.importer.attribution.tokens import tokenize, word_table
from reader.importer.language_data import all_languages, language
from reader.importer.language_detection import detect_language
from reader.importer.slug import RESERVED, slugify

_WORD = re.compile(r"[^\W\d_]+")


def _plain_detect(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text)]
    best, best_score = "id", 0
    for lang in all_languages():
        score = sum(w in lang.stopwords for w in words)
        if score > best_score:
            best, best_score = lang.code, score
    return best


@pytest.mark.parametrize(
    "text",
    [
        "The minister said that the government will raise prices.",
        "İN THE İSLAND OF İT, the İs and İf: İ İ İ",  # "İ".lower() is two characters
        # lowered at once, each lone İ would become the English stop word "i" and the
        # text would count as English; word by word it stays Indonesian
        "yang dan di İ İ İ İ",
        "ΑΣ'ΑΣ the of and ΣΑΣ",  # the lower case of Σ depends on its neighbours
        "Menteri mengatakan “bahwa” pemerintah akan menaikkan harga.",
    ],
)
def test_language_detection_lowers_as_word_by_word(text: str) -> None:
    assert detect_language(text) == _plain_detect(text)


def test_split_is_remembered_and_immutable() -> None:
    lang = language("id")
    rules = NameRules(
        lang, [tokenize("Menteri Luar Negeri Sergey Lavrov berkata.", word_table(lang))]
    )
    first = rules.split(["Menteri", "Luar", "Negeri", "Sergey", "Lavrov"])
    assert first == (("Menteri", "Luar", "Negeri"), ("Sergey", "Lavrov"))
    assert rules.split(("Menteri", "Luar", "Negeri", "Sergey", "Lavrov")) is first


#: Capitalised words of every kind a run holds: names, roles, bodies, places, acronyms,
#: particles, connectors, honorifics, a possessive, an initial.
_RUN_WORDS = [
    "Budi", "Santoso", "Menteri", "Kesehatan", "Dinas", "Kota", "Bogor", "Jakarta", "TNI",
    "Bin", "bin", "van", "dan", "Dr", ".", "Universitas", "Jalan", "Wali", "Presiden",
    "Rusia's", "R", "J.", "Polda", "Sultra", "Amy", "Pope", "Minister", "Smith", "Pusat",
]  # fmt: skip


@settings(max_examples=max(400, settings.default.max_examples), deadline=None)
@given(st.sampled_from(["id", "en"]), st.lists(st.sampled_from(_RUN_WORDS), min_size=1, max_size=6))
def test_a_run_whose_last_word_ends_no_name_splits_into_no_name(code: str, run: list[str]) -> None:
    """name_at does not split a run whose last word has none of PLAIN, ROLE and
    PARTICLE (_NAME_END): the split would find no name in it."""
    lang = language(code)
    table = word_table(lang)
    article = f"Kata Budi di Bogor, {' '.join(run)} mengatakan. Wali Kota Bogor, Sultra."
    rules = NameRules(lang, [tokenize(article, table)])
    if table[run[-1]] & name_reader._NAME_END:
        return
    _, name = rules.split_one(run[0]) if len(run) == 1 else rules.split(run)
    assert name == ()


def _plain_slugify(text: str, fallback: str = "article", limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
        slug = slug.strip("-")
    if not slug:
        slug = fallback
    if slug in RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aZ09 -_.\x00\tCON")), max_size=90) | st.text(max_size=30)
)
def test_slugify_of_ascii_text_equals_the_plain_way(text: str) -> None:
    assert slugify(text) == _plain_slugify(text)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(
    st.lists(st.sampled_from(["Joko", "Widodo", "Budi", "J.", "Santoso"]), max_size=5),
    st.lists(st.sampled_from(["Joko", "Widodo", "Budi", "Santoso"]), max_size=4).map(tuple),
)
def test_a_run_in_a_name_as_the_plain_way(name: list[str], words: tuple[str, ...]) -> None:
    plain = any(tuple(name[i : i + len(words)]) == words for i in range(len(name) - len(words) + 1))
    assert holds_run(name, words) == plain
    assert holds_run(tuple(name), words) == plain
