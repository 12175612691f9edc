"""Speakers whose cue is a clause away from the quotation (issue #15, English): a
participle that reports the main clause's subject, and the like. Each test is a short
invented article in the style of US political news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text

LEAD = "The campaign entered its final week on Monday with both parties short of money."


def imported(*paragraphs: str, title: str = "A long night in the state capital") -> Article:
    return import_text("\n\n".join([title, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_a_participle_reports_the_main_clause_subject() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes and Governor Paul Whitfield met in Dover on Friday.",
        "Reyes ratcheted up her attacks on Governor Paul Whitfield on Tuesday, saying he "
        "is “weak on schools, weak on roads, weak on everything.”",
        "Speaking at a town hall in Dover, Delmarva, Whitfield went after Reyes, calling "
        "her “a total amateur.”",
        "Whitfield answered a question from Reyes on Facebook writing, “Yes, I will debate "
        "you anywhere you like.”",
    )
    assert speaker_of(article, "weak on schools") == "Ann Reyes"
    assert speaker_of(article, "a total amateur") == "Paul Whitfield"
    assert speaker_of(article, "Yes, I will debate") == "Paul Whitfield"


def test_a_participle_after_a_cue_reports_that_cue_speaker() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes spoke to Tom Hale, the county clerk, after the count.",
        "Hale left the hall before the speeches, Reyes said, adding, “He never stays for "
        "the speeches.”",
    )
    assert speaker_of(article, "He never stays") == "Ann Reyes"


def test_a_participle_with_its_own_subject_reports_that_subject() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes met Governor Paul Whitfield for an hour on Friday.",
        "Afterwards both issued a statement, Reyes saying she was “very encouraged” and "
        "Whitfield calling it “a great and honest meeting.”",
    )
    assert speaker_of(article, "very encouraged") == "Ann Reyes"
    assert speaker_of(article, "a great and honest meeting") == "Paul Whitfield"


def test_a_dateline_is_no_subject() -> None:
    article = imported(
        "Harlow (AP) – Governor Paul Whitfield has taken a swipe at Mayor Ann Reyes over the "
        "budget, saying that “loud promises” do more harm than good.",
        "Whitfield spoke to the Harlow council on Monday.",
    )
    assert speaker_of(article, "loud promises") == "Paul Whitfield"


def test_an_outlet_that_reported_the_words_is_their_source() -> None:
    article = imported(
        LEAD,
        "Harlow Daily News reported on Thursday that “investigators are looking at every "
        "payment the campaign made in March.”",
    )
    assert speaker_of(article, "investigators are looking") == "Harlow Daily News"
