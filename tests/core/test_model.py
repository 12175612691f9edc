"""The model's helpers answer what the UI asks, without a terminal."""

from __future__ import annotations

import dataclasses

import pytest

from reader.core.model import LEAD, Article, Quote, Section, Speaker


def test_model_is_immutable(seed_article: Article) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        seed_article.title = "x"  # type: ignore[misc]


def test_quotes_by_speaker_in_reading_order(seed_article: Article) -> None:
    assert [q.id for q in seed_article.quotes_by("lukyanov")] == ["q4", "q5", "q6"]
    assert [q.id for q in seed_article.quotes_by("medvedev")] == ["q7", "q8", "q9"]
    assert seed_article.quote_counts() == {"lavrov": 1, "litovkin": 2, "lukyanov": 3, "medvedev": 3}


def test_quotes_speakers_and_sections_are_found_by_id(seed_article: Article) -> None:
    for quote in seed_article.quotes:
        assert seed_article.quote(quote.id) is quote
    assert seed_article.speaker("lukyanov").name == "Fyodor Lukyanov"
    with pytest.raises(KeyError):
        seed_article.quote("q99")


def test_every_quote_stands_in_its_paragraph(seed_article: Article) -> None:
    for quote in seed_article.quotes:
        assert quote.text in seed_article.paragraph_text(quote.section, quote.paragraph)
        assert quote in seed_article.quotes_in(quote.section, quote.paragraph)


def test_blocks_start_with_the_lead_and_cover_every_paragraph(seed_article: Article) -> None:
    blocks = list(seed_article.blocks())
    assert blocks[0] == (LEAD, 0, seed_article.lead)
    assert len(blocks) == 1 + sum(len(s.paragraphs) for s in seed_article.sections)


def test_speaker_label_joins_name_and_role() -> None:
    assert Speaker("a", "Ana Rahma", "Menteri").label == "Ana Rahma — Menteri"
    assert Speaker("a", "Ana Rahma").label == "Ana Rahma"


def test_paragraph_text_fails_for_a_paragraph_not_there() -> None:
    article = Article(
        id="x",
        title="T",
        language="en",
        source="S",
        sections=(Section("s", None, ("Hello there.",)),),
        speakers=(Speaker("a", "A"),),
        quotes=(Quote("q1", "missing", "a", "s", 0),),
    )
    with pytest.raises(KeyError):
        article.paragraph_text("s", 5)
    with pytest.raises(KeyError):
        article.paragraph_text(LEAD, 0)
