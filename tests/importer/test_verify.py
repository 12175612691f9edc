"""The importer's in-memory check gives what a dump and a re-parse give."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.errors import ArticleError, ReaderError
from reader.core.format import (
    dump_article,
    fast,
    load,
    parse_article,
    references,
    validate_article,
)
from reader.core.model import Article, CookieNotice, Figure, Footer, Quote, Section, Speaker
from reader.importer import _verified, import_with_groups

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_imports_read_back_unchanged(path: Path) -> None:
    article = import_with_groups(path.read_text(encoding="utf-8-sig"), verify=False).article
    assert parse_article(dump_article(article), "x") == article
    assert validate_article(article, "x") == article


def test_seed_article_validates_in_memory(seed_article: Article) -> None:
    assert validate_article(seed_article) == seed_article


def _messages(action: object) -> list[tuple[str, str]]:
    with pytest.raises(ArticleError) as caught:
        action()  # type: ignore[operator]
    return sorted((p.path, p.message) for p in caught.value.problems)


@pytest.mark.parametrize(
    "change",
    [
        {"id": "Not An Id"},
        {"title": "  "},
        {"footer": Footer(cookie=CookieNotice("A notice.", "link"))},
        {"sections": ()},
        {"sections": (Section("lead", None, ("Text.",)),)},
        {"sections": (Section("a", None, ()), Section("a", "H", ("x", " ")))},
        {"speakers": (Speaker("s", "S"), Speaker("s", "T", aliases=("",)))},
        {"quotes": (Quote("q1", "nowhere", "nobody", "nosection", 0),)},
        {"quotes": (Quote("q1", "text", "s", "a", 7), Quote("q1", "zzz", "s", "a", 0))},
    ],
)
def test_in_memory_check_reports_what_the_loader_reports(change: dict[str, object]) -> None:
    base = Article(
        id="a",
        title="T",
        language="id",
        source="S",
        sections=(Section("a", None, ("Some text.",)),),
        speakers=(Speaker("s", "S"),),
    )
    bad = dataclasses.replace(base, **change)  # type: ignore[arg-type]
    assert _messages(lambda: validate_article(bad)) == _messages(
        lambda: parse_article(dump_article(bad))
    )
    with pytest.raises(ReaderError, match="importer produced an invalid article"):
        _verified(bad, "x")


def test_text_the_loader_would_change_comes_back_changed() -> None:
    """Like the re-parse did, the check returns the article as the loader reads it."""
    article = Article(
        id="a", title="T\tx", language="id", source="S", sections=(Section("a", None, ("y",)),)
    )
    assert validate_article(article) == parse_article(dump_article(article))
    assert validate_article(article).title == "T x"


def test_value_count_matches_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys count as values in both, so the in-memory check refuses what the loader would."""
    from reader.core.format import safe_yaml

    article = Article(
        id="a", title="T", language="id", source="S", sections=(Section("a", None, ("y",)),)
    )
    # the number of values the parser counts in the dumped file (keys included)
    events = yaml.parse(dump_article(article), Loader=yaml.CSafeLoader)
    counted = sum(isinstance(e, (yaml.ScalarEvent, yaml.CollectionStartEvent)) for e in events)
    for limit, ok in ((counted, True), (counted - 1, False)):
        monkeypatch.setattr(safe_yaml, "MAX_VALUES", limit)
        monkeypatch.setattr(load, "MAX_VALUES", limit)
        monkeypatch.setattr(fast, "MAX_VALUES", limit)
        for check in (validate_article, lambda a: parse_article(dump_article(a))):
            if ok:
                check(article)
            else:
                with pytest.raises(ArticleError, match="values in one file"):
                    check(article)


# -- the fast path: an article returned as it is must be one the full check accepts unchanged


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_the_fast_path_takes_every_corpus_import(path: Path) -> None:
    article = import_with_groups(path.read_text(encoding="utf-8-sig"), verify=False).article
    assert fast._reads_back_as_is(article)
    assert load._validate_via_nodes(article, "x") == article


_BAD = st.sampled_from(
    [None, 0, -1, True, 1.5, ["a"], "", " ", "lead", "Bad Id", "x\ty", "A\x1bB", "e" + "\u0301" * 5]
) | st.text(alphabet="ab -\u0301\u200b\t.", max_size=6)


@st.composite
def _articles(draw: st.DrawFn) -> Article:
    """Small articles that are mostly valid, with now and then a field subtly wrong."""

    def pick(*good: object) -> Any:
        return draw(_BAD) if draw(st.integers(0, 12)) == 0 else draw(st.sampled_from(good))

    def count(most: int) -> int:
        return draw(st.integers(1, most)) if draw(st.integers(0, 40)) else 0

    texts = ("Text.", "More é\u0301.", "“Quote” here", "b")
    sections = tuple(
        Section(pick(f"s{n}"), pick(None, *texts), tuple(pick(*texts) for _ in range(count(3))))
        for n in range(count(3))
    )
    speakers = tuple(
        Speaker(
            pick(f"p{n}"),
            pick(*texts),
            pick(None, *texts),
            tuple(pick(*texts) for _ in range(count(2) - 1)),
        )
        for n in range(count(3) - 1)
    )
    lead = pick(None, *texts)
    quotes = []
    for n in range(count(4) - 1):
        section = pick("s0", "lead", "s1")
        paragraph = pick(0, 1)
        try:
            whole = Article("x", "x", "x", "x", lead=lead, sections=sections).paragraph_text(
                section, paragraph
            )
            start = draw(st.integers(0, max(0, len(whole) - 1)))
            quoted = whole[start : start + draw(st.integers(1, 6))]
        except (KeyError, TypeError):
            quoted = "Text"
        speaker = pick(*(s.id for s in speakers)) if speakers else pick("p0")
        quotes.append(
            Quote(
                pick(f"q{n}"), pick(quoted), speaker, section, paragraph, pick("direct", "indirect")
            )
        )
    figures = tuple(Figure(pick(*texts), pick(None, *texts)) for _ in range(count(3) - 1))
    link = pick(None, "Learn more")
    cookie = pick(None, CookieNotice("Cookies. Learn more", link, pick(*texts)))
    return Article(
        id=pick("a"),
        title=pick(*texts),
        language=pick("id", "en"),
        source=pick(*texts),
        lead=lead,
        date=pick(None, *texts),
        url=pick(None, *texts),
        figures=pick(figures, figures, list(figures)),
        sections=sections,
        speakers=speakers,
        quotes=tuple(quotes),
        footer=Footer(pick(None, *texts), cookie),
    )


# 300 examples: the slowest property of the suite (1,500 took ~5 s of one core). The
# fast path's checks that random articles seldom reach are each pinned down by a
# hand-made article in test_the_fast_path_is_not_vacuous; --hypothesis-profile=thorough
# runs 2,000.
@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(_articles())
def test_the_fast_path_vouches_only_for_what_the_full_check_returns_unchanged(
    article: Article,
) -> None:
    if fast._reads_back_as_is(article):
        assert load._validate_via_nodes(article, "x") == article


def test_the_fast_path_is_not_vacuous() -> None:
    """Hand-made articles the fast path takes, so the property above tests something."""
    paragraphs = ("Some text.", "More é\u0301.")
    article = Article(
        id="a",
        title="T",
        language="id",
        source="S",
        lead="Lead “here”.",
        figures=(Figure("A photo.", "Agency"),),
        sections=(Section("a", "H", paragraphs),),
        speakers=(Speaker("s", "S", "Role", ("Alias",)),),
        quotes=(Quote("q1", "here", "s", "lead", 0), Quote("q2", "More", "s", "a", 1)),
        footer=Footer("© S", CookieNotice("Cookies. Learn more", "Learn more", "OK")),
    )
    assert fast._reads_back_as_is(article)
    assert validate_article(article) is article
    read_back_changed: list[dict[str, Any]] = [
        {"date": ""},
        {"date": "x\ty"},
        {"figures": (Figure("A photo.", ""),)},
        {"footer": Footer(" ")},
        {"title": "e" + "\u0301" * 5},
        {"figures": [Figure("A photo.", "Agency")]},  # a list reads back as a tuple
    ]
    refused: list[dict[str, Any]] = [
        {"quotes": (Quote("q1", "here", "s", "lead", 1),)},
        {"quotes": (Quote("q1", "here", "s", "a", True),)},
        {"sections": (Section("lead", "H", ("Some text.", "More é\u0301.")),)},
        {"sections": (Section("a", "H", ("Some text.",)),)},  # q2 points past the end
        {"quotes": (Quote("q1", "there", "s", "lead", 0),)},
        {"quotes": (Quote("q1", "here", "t", "lead", 0),)},
        {"quotes": (Quote("q1", "here", "s", "lead", 0, "other"),)},  # type: ignore[arg-type]
        {"speakers": (Speaker("s", "S"), Speaker("s", "S"))},
        # Each wrong in one way only, so that dropping the one check of the fast path
        # that refuses it fails this test (the property above finds these only by luck).
        {"sections": (Section("lead", "H", paragraphs),), "quotes": ()},
        {"sections": (Section("a", "H", paragraphs), Section("a", "H", paragraphs))},
        {"sections": (Section("a", "H", paragraphs), Section("b", "H", ()))},
        {"footer": Footer("© S", CookieNotice("Cookies. Learn more", "Nowhere", "OK"))},
        {"quotes": (Quote("q1", "here", "s", "lead", False),)},
    ]
    for change in read_back_changed + refused:
        changed = dataclasses.replace(article, **change)
        assert not fast._reads_back_as_is(changed), change
        if change in refused:
            with pytest.raises(ArticleError):
                validate_article(changed)
        else:
            assert validate_article(changed) != changed


def test_the_fast_path_leaves_the_scan_limit_to_the_full_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = Article(
        id="a",
        title="T",
        language="id",
        source="S",
        sections=(Section("a", None, ("Some text.",)),),
        speakers=(Speaker("s", "S"),),
        quotes=(Quote("q1", "text", "s", "a", 0),),
    )
    assert fast._reads_back_as_is(article)
    monkeypatch.setattr(fast, "MAX_QUOTE_SCAN", 5)
    monkeypatch.setattr(references, "MAX_QUOTE_SCAN", 5)
    assert not fast._reads_back_as_is(article)
    with pytest.raises(ArticleError, match="too many quotes"):
        validate_article(article)
