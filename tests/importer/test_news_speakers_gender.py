"""A pronoun agrees with its speaker (issue #15, English): "she" after a man was named
last goes back to the woman named before him, when first names or titles show both
genders. Invented articles in the style of US news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text


def imported(*paragraphs: str, title: str = "The state sues the county") -> Article:
    return import_text("\n\n".join([title, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_she_goes_back_to_the_woman_and_he_to_the_man() -> None:
    article = imported(
        "Attorney General Nancy Okafor sued Harlow County over its jail on Monday.",
        "Sheriff Robert Dunmore said he had not yet seen the suit.",
        "“We are asking the court to close the north wing before the winter,” she said.",
        "“The north wing passed every inspection this year,” he said.",
    )
    assert speaker_of(article, "We are asking the court") == "Nancy Okafor"
    assert speaker_of(article, "The north wing passed") == "Robert Dunmore"
