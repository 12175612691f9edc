"""Initials in English names (issue #15): "R.J. Calloway" is one person, not "R" at the
end of a sentence. Invented articles in the style of US news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text


def imported(*paragraphs: str, title: str = "A road closed for the winter") -> Article:
    return import_text("\n\n".join([title, *paragraphs]))


def who(article: Article) -> list[tuple[str, str]]:
    return [(article.speaker(q.speaker).name, q.text) for q in article.quotes]


def test_a_run_of_initials_is_part_of_the_name() -> None:
    article = imported(
        "The county board voted on Tuesday to close the old mill road for the winter.",
        "“Nobody asked the farmers before the vote,” says R.J. Calloway, who runs a feed "
        "store near the bridge. Calloway says the detour adds an hour to every delivery.",
        "“We will reopen it in April if the budget allows,” said board chair Linda E. Varga.",
    )
    assert who(article) == [
        ("R.J. Calloway", "Nobody asked the farmers before the vote"),
        ("Linda E. Varga", "We will reopen it in April if the budget allows"),
    ]
    assert article.speakers[1].role == "board chair"


def test_initials_after_a_title_written_short() -> None:
    article = imported(
        "The hearing on the water contract ran past midnight.",
        "“The numbers were never shown to this committee,” said Rep. T.K. Osgood, who "
        "chairs the panel.",
    )
    assert who(article) == [("T.K. Osgood", "The numbers were never shown to this committee")]
