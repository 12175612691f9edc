"""The importer's fast paths give what the plain code they replace gives."""

from __future__ import annotations

import re

import pytest

from reader.importer.language import detect_language
from reader.importer.languages import all_languages, language
from reader.importer.names import NameRules, tokenize, tokenize_columns

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
        "ΑΣ'ΑΣ the of and ΣΑΣ",  # the lower case of Σ depends on its neighbours
        "Menteri mengatakan “bahwa” pemerintah akan menaikkan harga.",
    ],
)
def test_language_detection_lowers_as_word_by_word(text: str) -> None:
    assert detect_language(text) == _plain_detect(text)


def test_columns_match_tokens() -> None:
    text = "Menteri Teguh P. Nugroho (52) kata “Airways' plan” di khofifah.ip, Jakarta."
    cols = tokenize_columns(text)
    assert cols.tokens == tokenize(text)
    assert cols.texts == [t.text for t in cols.tokens]
    assert cols.starts == [t.start for t in cols.tokens]
    assert cols.ends == [t.end for t in cols.tokens]
    assert cols.caps == [k for k, t in enumerate(cols.tokens) if t.is_word and t.is_cap]


def test_split_is_remembered_and_immutable() -> None:
    lang = language("id")
    rules = NameRules(lang, [tokenize_columns("Menteri Luar Negeri Sergey Lavrov berkata.")])
    first = rules.split(["Menteri", "Luar", "Negeri", "Sergey", "Lavrov"])
    assert first == (("Menteri", "Luar", "Negeri"), ("Sergey", "Lavrov"))
    assert rules.split(("Menteri", "Luar", "Negeri", "Sergey", "Lavrov")) is first


def _plain_facts(
    lang_code: str, paragraphs: list[str]
) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """follows, cued and standalone as a token-by-token loop finds them."""
    lang = language(lang_code)
    follows: dict[str, set[str]] = {}
    cued: set[str] = set()
    standalone: set[str] = set()
    for text in paragraphs:
        toks = tokenize(text)
        for k, tok in enumerate(toks):
            if not (tok.is_word and tok.is_cap):
                continue
            prev = toks[k - 1] if k else None
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            nxt_cap = nxt is not None and nxt.is_word and nxt.is_cap
            if nxt is not None and nxt_cap:
                follows.setdefault(tok.text, set()).add(nxt.text)
            if prev is not None and prev.lower in lang.post_cues:
                cued.add(tok.text)
            if prev is not None and prev.lower in lang.place_prepositions and not nxt_cap:
                standalone.add(tok.text)
    return follows, cued, standalone


def test_name_rules_facts_match_a_token_loop() -> None:
    paragraphs = [
        "“Kami siap,” kata Hari Santoso di Jakarta Selatan, Senin.",
        "Warga di Surabaya, kata Budi, tinggal di Kota Malang. Di",
        "Menteri Luar Negeri Rusia Sergey Lavrov bertemu Menteri Luar Negeri Iran",
        "X",
        "",
    ]
    rules = NameRules(language("id"), [tokenize_columns(p) for p in paragraphs])
    assert (rules.follows, rules.cued, rules.standalone) == _plain_facts("id", paragraphs)
    assert rules.cued and rules.standalone and rules.follows
