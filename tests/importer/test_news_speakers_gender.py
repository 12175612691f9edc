"""A pronoun agrees with its speaker (issue #15, English): "she" after a man was named
last goes back to the woman named before him, when first names or titles show both
genders. An article we wrote ourselves, about a town library."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text


def imported(*paragraphs: str, title: str = "The library roof") -> Article:
    return import_text("\n\n".join([title, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_she_goes_back_to_the_woman_and_he_to_the_man() -> None:
    article = imported(
        "Library director Susan Whitlock closed the east reading room on Monday.",
        "Councillor James Pardoe said he had heard nothing about the closure.",
        "“Water has come through the east roof since the spring storms,” she said.",
        "“Not one repair bill for that roof ever reached the council,” he said.",
    )
    assert speaker_of(article, "Water has come through") == "Susan Whitlock"
    assert speaker_of(article, "Not one repair bill") == "James Pardoe"
