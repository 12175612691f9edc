"""The importer's in-memory check gives what a dump and a re-parse give."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from reader.core.articlefile import dump_article, parse_article, validate_article
from reader.core.errors import ArticleError, ReaderError
from reader.core.model import Article, CookieNotice, Footer, Quote, Section, Speaker
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
    from reader.core import articlefile, yamlsafe

    article = Article(
        id="a", title="T", language="id", source="S", sections=(Section("a", None, ("y",)),)
    )
    # the number of values the parser counts in the dumped file (keys included)
    events = yaml.parse(dump_article(article), Loader=yaml.CSafeLoader)
    counted = sum(isinstance(e, (yaml.ScalarEvent, yaml.CollectionStartEvent)) for e in events)
    for limit, ok in ((counted, True), (counted - 1, False)):
        monkeypatch.setattr(yamlsafe, "MAX_VALUES", limit)
        monkeypatch.setattr(articlefile, "MAX_VALUES", limit)
        for check in (validate_article, lambda a: parse_article(dump_article(a))):
            if ok:
                check(article)
            else:
                with pytest.raises(ArticleError, match="values in one file"):
                    check(article)
