"""Bodies that speak (issue #15, English): an outlet, a firm or an agency named as the
source of a quotation is its speaker, not the person last in view. Each test is a short
article we wrote ourselves, about a bakery that failed a food inspection."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text

LEAD = "The old Mill Street bakery in Fenwick shut its doors after a failed inspection in May."


def imported(*paragraphs: str, title: str = "The bakery inspection") -> Article:
    return import_text("\n\n".join([title, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_an_outlet_that_reported_after_the_quotation_is_its_source() -> None:
    article = imported(
        "“We baked bread on this street for forty years without one complaint,” said "
        "owner Greta Lindqvist.",
        "“Inspectors found mould behind two of the three ovens,” the Fenwick Gazette reported.",
    )
    assert speaker_of(article, "We baked bread") == "Greta Lindqvist"
    assert speaker_of(article, "Inspectors found mould") == "The Fenwick Gazette"


def test_a_body_named_without_the_article_speaks_for_itself() -> None:
    article = imported(
        "Owner Greta Lindqvist blamed her flour supplier, Northway Mills, for the mould.",
        "“Our flour leaves the mill clean and sealed, as it has for a century,” "
        "Northway Milling Company said in a statement.",
        "“Nobody at the mill heard about the inspection until Thursday,” NMC said on Friday.",
    )
    assert speaker_of(article, "Our flour leaves") == "Northway Milling Company"
    assert speaker_of(article, "Nobody at the mill") == "NMC"


def test_a_body_that_confirmed_the_words_is_their_source() -> None:
    article = imported(
        "Owner Greta Lindqvist asked for a second inspection on Monday.",
        "In a notice posted on its website, the Food Standards Office confirmed that it "
        "was “testing again every sample taken from the bakery in May.”",
    )
    assert speaker_of(article, "testing again every sample") == "The Food Standards Office"


def test_the_hill_reporting_is_no_person() -> None:
    article = imported(
        "Owner Greta Lindqvist met her bakers in Fenwick on Sunday, The Hill reported.",
        "“The ovens will be scrubbed and we will open again before the summer fair.”",
    )
    assert speaker_of(article, "The ovens will be") == "Greta Lindqvist"


def test_a_body_after_the_that_has_asked_is_the_source() -> None:
    article = imported(
        "Owner Greta Lindqvist hung the guild's seal in her shop window.",
        "The Northern Bakers Association has asked her to “take our seal down until the shop "
        "passes an inspection.”",
    )
    assert speaker_of(article, "take our seal down") == "The Northern Bakers Association"


def test_an_outlet_with_a_capital_the_after_the_quotation() -> None:
    article = imported(
        "Owner Greta Lindqvist once called the back kitchen “my little jungle,” The "
        "Fenwick Gazette reported in 2004.",
    )
    assert speaker_of(article, "my little jungle") == "The Fenwick Gazette"


def test_a_description_runs_through_the_capitalised_name_of_a_body() -> None:
    article = imported(
        "Owner Greta Lindqvist appealed against the closure on Monday.",
        "A spokesman for the Fenwick Retired Bakers Committee emailed the bakery with the "
        "test results, arguing, “These results leave the committee no choice at all.”",
    )
    assert speaker_of(article, "These results leave") == (
        "Spokesman for the Fenwick Retired Bakers Committee"
    )


def test_a_source_line_after_a_dash_names_the_source() -> None:
    article = imported(
        "OVENS FAILED FIRST - Fenwick Gazette food writer Greta Lindqvist: “The ovens were "
        "the first thing the inspectors opened.”",
        "THE FLOUR WAS CLEAN - MillCheck: “Every sack we tested from the Northway mill came "
        "back clean this spring.”",
    )
    assert speaker_of(article, "Every sack we tested") == "MillCheck"


def test_a_place_before_a_colon_introduces_no_speaker() -> None:
    article = imported(
        "As the Gazette’s Ivo Brandt reported after the inspectors left the bakery in Glenmoor "
        "Heath:",
        "“So far, nobody at the county will say when the bakery might be allowed to reopen.”",
    )
    assert speaker_of(article, "So far, nobody") == "Ivo Brandt"
