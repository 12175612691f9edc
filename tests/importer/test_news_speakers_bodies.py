"""Bodies that speak (issue #15, English): an outlet, a firm or an agency named as the
source of a quotation is its speaker, not the person last in view. Each test is a short
invented article in the style of US news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text

LEAD = "The county budget ran out of money for road repairs in October."


def imported(*paragraphs: str, title: str = "The winter budget") -> Article:
    return import_text("\n\n".join([title, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_an_outlet_that_reported_after_the_quotation_is_its_source() -> None:
    article = imported(
        "“Every road in the north of the county will stay closed until March,” said "
        "Mayor Ann Reyes.",
        "“The council knew about the shortfall in July and said nothing to anyone,” the "
        "Harlow Gazette reported.",
    )
    assert speaker_of(article, "Every road") == "Ann Reyes"
    assert speaker_of(article, "The council knew") == "The Harlow Gazette"


def test_a_body_named_without_the_article_speaks_for_itself() -> None:
    article = imported(
        "Mayor Ann Reyes blamed the contractor, Brackley Paving, for the delays.",
        "“We delivered every mile of road we were paid for, on time and on budget,” "
        "Brackley Paving Group said in a statement.",
        "“Nobody from our office ever saw the invoices before they were paid,” BKW said on Friday.",
    )
    assert speaker_of(article, "We delivered") == "Brackley Paving Group"
    assert speaker_of(article, "Nobody from our office") == "BKW"


def test_a_body_that_confirmed_the_words_is_their_source() -> None:
    article = imported(
        "Mayor Ann Reyes asked the state for help on Monday.",
        "In a letter filed last week, the Highway Department confirmed that it was "
        "“reviewing every contract the county signed in the last two years.”",
    )
    assert speaker_of(article, "reviewing every contract") == "The Highway Department"


def test_the_hill_reporting_is_no_person() -> None:
    article = imported(
        "Mayor Ann Reyes spoke to voters in Dover on Sunday, The Hill reported.",
        "“The roads will be open by March, whatever the council decides to do.”",
    )
    assert speaker_of(article, "The roads will be open") == "Ann Reyes"


def test_a_body_after_the_that_has_asked_is_the_source() -> None:
    article = imported(
        "Mayor Ann Reyes put the emblem of the county's veterans on every snow plough.",
        "The American Legion has asked the county to “stop using our emblem on its road signs.”",
    )
    assert speaker_of(article, "stop using our emblem") == "The American Legion"


def test_an_outlet_with_a_capital_the_after_the_quotation() -> None:
    article = imported(
        "Mayor Ann Reyes admitted that the paving work could be called “a favour to "
        "friends,” The Harlow Gazette reported in 1998.",
    )
    assert speaker_of(article, "a favour to friends") == "The Harlow Gazette"


def test_a_description_runs_through_the_capitalised_name_of_a_body() -> None:
    article = imported(
        "Mayor Ann Reyes defended the contract on Monday.",
        "A spokeswoman for the Harlow Armed Services Committee emailed reporters with the "
        "text of the law, arguing, “As you can see, the law says nothing of the kind.”",
    )
    assert speaker_of(article, "As you can see") == (
        "Spokeswoman for the Harlow Armed Services Committee"
    )


def test_a_source_line_after_a_dash_names_the_source() -> None:
    article = imported(
        "POLLS MISSED THE LATE SHIFT - Harlow Gazette pollster Ann Reyes: “Every poll that "
        "stopped a week early missed the shift among late deciders.”",
        "TURNOUT WAS THE STORY - PollWatch: “Turnout in the county was the highest we have "
        "recorded since the new district lines were drawn.”",
    )
    assert speaker_of(article, "Turnout in the county") == "PollWatch"


def test_a_place_before_a_colon_introduces_no_speaker() -> None:
    article = imported(
        "As the Gazette’s Tom Hale reported after the crews left the depot in Glen Harrow:",
        "“For example, the county has done almost nothing with the money it set aside for "
        "the bridge in 2011.”",
    )
    assert speaker_of(article, "For example") == "Tom Hale"
