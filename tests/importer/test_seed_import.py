"""``reader import`` of the raw seed text reproduces the hand-made seed article."""

from __future__ import annotations

from reader.core.format import article_to_data
from reader.core.model import Article
from reader.importer import import_text


def test_seed_sections_quotes_speakers_equal(seed_text: str, seed_article: Article) -> None:
    article = import_text(seed_text, name="seed")
    assert article.sections == seed_article.sections
    assert article.quotes == seed_article.quotes
    assert article.speakers == seed_article.speakers


def test_seed_whole_article_equal(seed_text: str, seed_article: Article) -> None:
    article = import_text(seed_text, name="seed")
    assert article_to_data(article) == article_to_data(seed_article)


def test_seed_nine_quotes_four_speakers(seed_text: str) -> None:
    article = import_text(seed_text)
    assert len(article.quotes) == 9
    assert [(s.name, s.role) for s in article.speakers] == [
        ("Sergey Lavrov", "Menteri Luar Negeri Rusia"),
        ("Dimitri Litovkin", "ahli militer independen"),
        ("Fyodor Lukyanov", "Ketua Dewan Presidium Kebijakan Pertahanan dan Luar Negeri Rusia"),
        ("Dmitri Medvedev", "Perdana Menteri Rusia"),
    ]


def test_seed_with_crlf_bom_and_mojibake_imports_the_same(seed_text: str) -> None:
    plain = import_text(seed_text)
    garbled = "\ufeff" + seed_text.replace("“", "â€œ").replace("”", "â€\x9d")
    again = import_text(garbled.replace("\n", "\r\n").replace("\ufeff", ""))
    assert again.quotes == plain.quotes
