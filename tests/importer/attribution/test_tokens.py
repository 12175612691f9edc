"""Tokens as columns and flags: the fast path gives what a token-by-token reading gives."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importer.attribution import flags as fl
from reader.importer.attribution import tokens as tk
from reader.importer.attribution.flags import LOWER_APART, word_flags
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.tokens import Tokens, spaced_lower_words, tokenize, word_table
from reader.importer.language_data import Language, all_languages, language


def _tokenize_in_c(text: str, table: tk.WordTable) -> Tokens:
    if table.lexicon is None:
        pytest.skip("the C tokenizer (_speedups.c) is not built or is turned off")
    return tokenize(text, table)


#: Both ways of cutting a paragraph: each must give the one-by-one reading's tokens.
TOKENIZERS = [
    pytest.param(tk.tokenize_in_python, id="python"),
    pytest.param(_tokenize_in_c, id="c"),
]

_TEXTS = st.text(
    alphabet=st.sampled_from("aZ .,'’-(“)1É\u0301 _ßİΣ\u00a0s") | st.characters(), max_size=40
)


def _one_by_one(text: str, lang: Language) -> tuple[list[str], list[int], list[int], set[str]]:
    """Words, starts, flags (less LOWER_APART) and spaced lower-case words, token by token."""
    words: list[str] = []
    starts: list[int] = []
    flags: list[int] = []
    lower: set[str] = set()
    prev_end = -1
    for match in tk.TOKEN_PATTERN.finditer(text):
        word = match.group()
        words.append(word)
        starts.append(match.start())
        flags.append(word_flags(word, lang))
        if word[0].isalnum() and not word[0].isupper() and match.start() != prev_end:
            lower.add(word)
        prev_end = match.end()
    return words, starts, flags, lower


def _columns(tokens: Tokens) -> tuple[list[str], list[int], list[int], set[str]]:
    flags = [f & ~LOWER_APART for f in tokens.flags]
    return tokens.words, tokens.starts, flags, spaced_lower_words([tokens])


@pytest.mark.parametrize("cut", TOKENIZERS)
@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_tokenize_gives_the_tokens_of_a_one_by_one_reading(
    cut: Callable[[str, tk.WordTable], Tokens], text: str
) -> None:
    lang = language("id")
    got = cut(text, word_table(lang))
    assert _columns(got) == _one_by_one(text, lang)
    assert got.ends == [s + len(w) for s, w in zip(got.starts, got.words, strict=True)]
    assert [got.start(i) for i in range(len(got))] == got.starts


@pytest.mark.parametrize(
    "text",
    [
        "Menteri Teguh P. Nugroho (52) kata “Airways' plan” di khofifah.ip, Jakarta.",
        "two  spaces and an_underscore _here",  # the one-by-one path
        "\u00a0non-breaking\u00a0spaces kata Budi",
        "",
        "   ",
    ],
)
@pytest.mark.parametrize("cut", TOKENIZERS)
def test_tokenize_examples(cut: Callable[[str, tk.WordTable], Tokens], text: str) -> None:
    lang = language("id")
    assert _columns(cut(text, word_table(lang))) == _one_by_one(text, lang)


@pytest.mark.parametrize("lang", all_languages(), ids=lambda lang: lang.code)
def test_flags_say_which_word_list_holds_a_word(lang: Language) -> None:
    lists = {
        fl.STOP: lang.stopwords,
        fl.ROLE: lang.role_words,
        fl.POST_CUE: lang.post_cues,
        fl.PRE_CUE: lang.pre_cues,
        fl.PRONOUN: lang.pronouns,
        fl.CONNECTOR: lang.connectors,
    }
    for flag, words in lists.items():
        assert words
        for word in words:
            assert word_flags(word, lang) & flag, (word, flag)
            assert word_flags(word.capitalize(), lang) & flag, (word, flag)
            assert not word_flags(word + "zzq", lang) & flag
    assert word_flags("Lavrov", lang) & fl.PLAIN
    assert word_flags("Lavrov", lang) & fl.CAPWORD
    assert not word_flags("lavrov", lang) & (fl.PLAIN | fl.UPPER)
    assert word_flags(" kata", lang) & LOWER_APART
    assert not word_flags("kata", lang) & LOWER_APART


def test_a_table_forgets_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tk, "MAX_TABLE_WORDS", 10)
    table = tk.WordTable(language("en"))
    for n in range(100):
        assert table[f"w{n}"] == word_flags(f"w{n}", table.lang)
        assert len(table) <= 10


def _plain_facts(
    lang_code: str, paragraphs: list[str]
) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """follows, cued and standalone as a token-by-token loop finds them."""
    lang = language(lang_code)
    follows: dict[str, set[str]] = {}
    cued: set[str] = set()
    standalone: set[str] = set()
    for text in paragraphs:
        toks = [m.group() for m in tk.TOKEN_PATTERN.finditer(text)]
        for k, tok in enumerate(toks):
            if not (tok[0].isalnum() and tok[0].isupper()):
                continue
            prev = toks[k - 1].lower() if k else None
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            nxt_cap = nxt is not None and nxt[0].isalnum() and nxt[0].isupper()
            if nxt is not None and nxt_cap:
                follows.setdefault(tok, set()).add(nxt)
            if prev is not None and prev in lang.post_cues:
                cued.add(tok)
            if prev is not None and prev in lang.place_prepositions and not nxt_cap:
                standalone.add(tok)
    return follows, cued, standalone


def test_name_rules_facts_match_a_token_loop() -> None:
    paragraphs = [
        "“Kami siap,” kata Hari Santoso di Jakarta Selatan, Senin.",
        "Warga di Surabaya, kata Budi, tinggal di Kota Malang. Di",
        "Menteri Luar Negeri Rusia Sergey Lavrov bertemu Menteri Luar Negeri Iran",
        "X",
        "",
    ]
    lang = language("id")
    rules = NameRules(lang, [tokenize(p, word_table(lang)) for p in paragraphs])
    assert (rules.follows, rules.cued, rules.standalone) == _plain_facts("id", paragraphs)
    assert rules.cued and rules.standalone and rules.follows


def _run_at_every_token(tokens: Tokens, i: int) -> int:
    """:func:`tk.run_at` as first written: every way on asked after every token, the
    capitalised ones included (the fast path asks only after other tokens)."""
    words, flags = tokens.words, tokens.flags
    j, n = i, len(words)
    while j < n and flags[j] & fl.CAPWORD:
        j += 1
        if j < n and words[j] == "(":
            close = j + 1
            while close < n and close - j <= tk.MAX_BRACKETED and words[close] != ")":
                close += 1
            if (
                close < n - 1
                and close - j <= tk.MAX_BRACKETED
                and words[close] == ")"
                and flags[j + 1] & fl.UPPER
                and flags[close + 1] & fl.CAPWORD
            ):
                j = close + 1
                continue
        joins = fl.CONNECTOR | fl.PARTICLE | fl.SLASH | fl.DIGITS | fl.HONORIFIC
        if (
            j + 1 < n
            and flags[j] & joins
            and flags[j + 1] & fl.CAPWORD
            and (not flags[j + 1] & fl.ROLE or flags[j] & fl.SLASH)
        ):
            j += 1
        elif (
            j + 2 < n
            and flags[j] & fl.HONORIFIC
            and words[j + 1] == "."
            and flags[j + 2] & fl.CAPWORD
            and not flags[j + 2] & fl.ROLE
        ):
            j += 2
        elif (
            j + 1 < n
            and words[j] == "."
            and flags[j - 1] & fl.HONORIFIC
            and flags[j + 1] & fl.CAPWORD
            and not flags[j + 1] & fl.ROLE
        ):
            j += 1
    return j


_RUN_WORDS = [
    *("Menteri", "Luar", "Negeri", "Dan", "dan", "bin", "Bin", "van", "Dr", "dr", "Prof"),
    *(".", "(", ")", "/", "8", "KAI", "Commuter", "Wakil", "Ketua", "Siti", "Aminah", "of"),
    *("Of", "the", "The", "De", "de", "said", ",", "Surabaya", "Daop", "Sultan", "Al"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["id", "en"]),
    st.lists(st.sampled_from(_RUN_WORDS), min_size=1, max_size=16).map(" ".join),
)
def test_run_at_asks_the_ways_on_only_after_other_tokens(code: str, text: str) -> None:
    toks = tokenize(text, word_table(language(code)))
    for i in range(len(toks) + 1):
        assert tk.run_at(toks, i) == _run_at_every_token(toks, i)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["id", "en"]),
    st.lists(st.sampled_from([*_RUN_WORDS, "TNI", "Rusia", "di", "Jakarta", "UGM"]), max_size=30),
    st.sampled_from([*_RUN_WORDS, "TNI", "Rusia", "Jakarta", "UGM", "X", "Ab"])
    | st.text(min_size=1),
)
def test_split_one_is_split_of_a_one_word_run(code: str, article: list[str], word: str) -> None:
    lang = language(code)
    # an article that uses some words alone after "di" and some in lower case
    rules = NameRules(lang, [tokenize(" ".join(article), word_table(lang))])
    assert rules.split_one(word) == rules.split([word])


@settings(max_examples=100, deadline=None)
@given(st.lists(_TEXTS, max_size=6))
def test_spaced_lower_words_of_an_article_are_those_of_its_paragraphs(texts: list[str]) -> None:
    lang = language("id")
    expected: set[str] = set()
    for text in texts:
        expected |= _one_by_one(text, lang)[3]
    table = word_table(lang)
    assert spaced_lower_words([tokenize(t, table) for t in texts]) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(_TEXTS, max_size=6), st.integers(min_value=0, max_value=7))
def test_tokenize_article_gives_the_tokens_and_lower_words_of_its_paragraphs(
    texts: list[str], read: int
) -> None:
    """Whichever tokenizer runs: the paragraphs before ``read`` cut as by
    :func:`tokenize_in_python`, the rest empty, and their spaced lower-case words."""
    table = word_table(language("id"))
    tokens, lower = tk.tokenize_article(texts, table, read)
    expected = [
        tk.tokenize_in_python(t, table) if b < read else tk.EMPTY for b, t in enumerate(texts)
    ]
    assert [(t.words, t.ends, t.flags, t.caps) for t in tokens] == [
        (t.words, t.ends, t.flags, t.caps) for t in expected
    ]
    assert lower == spaced_lower_words(expected)
