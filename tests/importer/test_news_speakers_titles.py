"""Long titles around an English speaker's name (issue #15): an outlet's or a
politician's possessive before the name, a title run through a body ("of the Supporters
Trust of Fenwick"), a long run of title words before the verb after a quotation. Each
test is a short article we wrote ourselves, about a football club losing its ground."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text

LEAD = "Fenwick Rovers lost the lease on their ground to a housing developer in August."
WORDS = "“The club cannot play another season at Dale Park without a new lease,”"


def imported(*paragraphs: str, title: str = "Rovers without a ground") -> Article:
    return import_text("\n\n".join([title, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_an_outlets_reporter_after_the_quotation() -> None:
    article = imported(
        "Club president Greta Lindqvist met the developer on Monday.",
        f"{WORDS} The Fenwick Gazette's Ivo Brandt explained.",
    )
    assert speaker_of(article, "The club cannot play") == "Ivo Brandt"


def test_a_title_owned_by_another_name_then_the_speaker_between_commas() -> None:
    article = imported(
        "Club president Greta Lindqvist met the developer on Monday.",
        f"{WORDS} Fenwick Rep. Mara Quinn’s press secretary, Ivo Brandt, told the Gazette.",
    )
    assert speaker_of(article, "The club cannot play") == "Ivo Brandt"
    brandt = next(s for s in article.speakers if s.name == "Ivo Brandt")
    assert brandt.role == "Fenwick Rep. Mara Quinn’s press secretary"


def test_a_long_run_of_title_words_before_the_verb() -> None:
    article = imported(
        "Club president Greta Lindqvist met the developer on Monday.",
        f"{WORDS} Fenwick Rovers Supporters Trust vice chairman Ivo Brandt told reporters.",
    )
    assert speaker_of(article, "The club cannot play") == "Ivo Brandt"


def test_a_name_of_a_body_of_a_place_after_the_quotation() -> None:
    article = imported(
        "Club president Greta Lindqvist met the developer on Monday.",
        f"{WORDS} Secretary Ivo Brandt of the Supporters Trust of Fenwick told reporters.",
    )
    assert speaker_of(article, "The club cannot play") == "Ivo Brandt"


def test_a_name_of_a_body_before_the_quotation_and_the_cue_of_the_next() -> None:
    article = imported(
        "Club president Greta Lindqvist thanked the parish for its offer of a field.",
        "Meanwhile, as Pastor Ivo Brandt of the Baptist Chapel of Fenwick told the Gazette, "
        "“Our youth teams have trained on the chapel field every Tuesday for thirty years.” "
        "He added, “Rovers are welcome to the field for as long as they need it.”",
    )
    assert speaker_of(article, "Our youth teams") == "Ivo Brandt"
    assert speaker_of(article, "Rovers are welcome") == "Ivo Brandt"
    brandt = next(s for s in article.speakers if s.name == "Ivo Brandt")
    assert brandt.role == "Pastor"
