"""Long titles around an English speaker's name (issue #15): an outlet's or a
politician's possessive before the name, a title run through a body ("of the Water Board
of Harlow"), a long run of title words before the verb after a quotation. Each test is a
short invented article in the style of US news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text

LEAD = "The county budget ran out of money for road repairs in October."
WORDS = "“The budget will not survive the winter, whatever the council says,”"


def imported(*paragraphs: str, title: str = "The winter budget") -> Article:
    return import_text("\n\n".join([title, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_an_outlets_reporter_after_the_quotation() -> None:
    article = imported(
        "Mayor Ann Reyes signed the budget on Monday.",
        f"{WORDS} The Harlow Gazette's Tom Hale explained.",
    )
    assert speaker_of(article, "The budget will not") == "Tom Hale"


def test_a_title_owned_by_another_name_then_the_speaker_between_commas() -> None:
    article = imported(
        "Mayor Ann Reyes signed the budget on Monday.",
        f"{WORDS} Harlow Sen. Dana Cole’s chief of staff, Tom Hale, told the Gazette.",
    )
    assert speaker_of(article, "The budget will not") == "Tom Hale"
    hale = next(s for s in article.speakers if s.name == "Tom Hale")
    assert hale.role == "Harlow Sen. Dana Cole’s chief of staff"


def test_a_long_run_of_title_words_before_the_verb() -> None:
    article = imported(
        "Mayor Ann Reyes signed the budget on Monday.",
        f"{WORDS} Harlow Water Board deputy director Tom Hale told reporters.",
    )
    assert speaker_of(article, "The budget will not") == "Tom Hale"


def test_a_name_of_a_body_of_a_place_after_the_quotation() -> None:
    article = imported(
        "Mayor Ann Reyes signed the budget on Monday.",
        f"{WORDS} Director Tom Hale of the Water Board of Harlow told reporters.",
    )
    assert speaker_of(article, "The budget will not") == "Tom Hale"


def test_a_name_of_a_body_before_the_quotation_and_the_cue_of_the_next() -> None:
    article = imported(
        "Mayor Ann Reyes signed the budget on Monday and thanked the churches.",
        "However, as Bishop Tom Hale of the Lutheran Church of Harlow told the Gazette, "
        "“We have carried the poor of this town through every winter since the war.” He "
        "added, “The county should carry them this time.”",
    )
    assert speaker_of(article, "We have carried") == "Tom Hale"
    assert speaker_of(article, "The county should") == "Tom Hale"
    hale = next(s for s in article.speakers if s.name == "Tom Hale")
    assert hale.role == "Bishop"
