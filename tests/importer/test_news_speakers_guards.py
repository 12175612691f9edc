"""Guards on the English speaker rules of issue #15: ordinary news that the rules must not
break. Each test is a short invented article."""

from __future__ import annotations

import unicodedata

from reader.core.model import Article
from reader.importer import import_text
from reader.importer.attribution.people import Person, gender_of
from reader.importer.formats.html import import_html
from reader.importer.language_data import language

LEAD = "The county budget ran out of money for road repairs in October."


def imported(*paragraphs: str, title: str = "The winter budget") -> Article:
    return import_text("\n\n".join([title, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_a_named_leader_after_a_body_is_the_person_not_the_body() -> None:
    article = imported(
        "The Harlow Council Leader Ann Reyes has said the plan is “the only way to keep "
        "the roads open this winter.”",
    )
    assert speaker_of(article, "the only way") == "Ann Reyes"


def test_a_firm_that_said_something_is_no_person_for_the_next_quotation() -> None:
    article = imported(
        "Mayor Ann Reyes met the contractors on Monday.",
        "Brightwell said it would finish the bridge by March.",
        "“We have waited three years for this bridge and we will not wait any longer.”",
    )
    assert speaker_of(article, "We have waited") == "Ann Reyes"


def test_a_surname_ending_in_s_is_still_a_speaker() -> None:
    article = imported(
        "Councillor Tom Sanders voted against the plan.",
        "“Nobody asked the people who drive these roads every day,” Sanders said.",
    )
    assert speaker_of(article, "Nobody asked") == "Tom Sanders"


def test_a_question_before_a_named_speaker_is_theirs() -> None:
    article = imported(
        "The council met on Tuesday.",
        "“Who will pay for the roads?” Mayor Ann Reyes asked the council.",
    )
    assert speaker_of(article, "Who will pay") == "Ann Reyes"


def test_a_time_phrase_after_the_verb_is_no_reported_clause() -> None:
    article = imported(
        "The council met on Tuesday.",
        "“We will find the money somewhere.” Mayor Ann Reyes said the next day.",
    )
    assert speaker_of(article, "We will find") == "Ann Reyes"


def test_a_first_name_guess_does_not_override_the_person_in_view() -> None:
    article = imported(
        "Mayor Ann Reyes opened the meeting on Monday.",
        "The council then spent an hour on the roads and the snow.",
        "Jamie Ortiz, the county treasurer, said the books were in order. “Every cent is "
        "accounted for,” she said.",
    )
    assert speaker_of(article, "Every cent") == "Jamie Ortiz"


def test_only_the_head_word_of_a_role_shows_a_gender() -> None:
    lang = language("en")
    stops = lang.role_prepositions

    def gender(role: str) -> str | None:
        return gender_of(Person(["Ortiz"], role, (0, 0)), lang.genders, stops)

    assert gender("a lawyer for his mother") is None
    assert gender("the spokeswoman for the county") == "f"
    assert gender("county spokesman") == "m"


def test_a_decomposed_name_in_a_web_page_is_one_name() -> None:
    name = unicodedata.normalize("NFD", "Pe\u00f1a")
    page = (
        "<html><head><title>The winter budget</title></head><body><article>"
        f"<h1>The winter budget</h1><p>{LEAD}</p>"
        f"<p>Mayor Ann {name} opened the meeting.</p>"
        "<p>“Every road will stay open until March,” Pe\u00f1a said.</p>"
        "</article></body></html>"
    )
    article = import_html(page.encode(), charset="utf-8", name="page.html")
    assert speaker_of(article, "Every road") == "Ann Pe\u00f1a"


def test_a_first_name_ending_in_s_that_speaks_is_a_person() -> None:
    article = imported(
        "Mayor Ann Reyes met residents in Dover on Monday.",
        "Charles said the roads had been a disgrace for years.",
        "“I have lived here forty years and never seen them this bad.”",
    )
    assert speaker_of(article, "I have lived") == "Charles"
