"""Citations: the short “text” — Name, role, and the full one with the article's reference."""

from __future__ import annotations

from dataclasses import replace

from reader.core.citation import article_citation, citation, full_citation
from reader.core.model import Article, Quote, Section, Speaker

ARTICLE = Article(
    id="a",
    title="Ministers\nagree  on a plan",
    language="en",
    source="The Daily",
    date="2024-05-02",
    url="https://news.example/a",
    sections=(Section("s", None, ("“We agree,” said Ana. “Not\tyet.”",)),),
    speakers=(Speaker("ana", "Ana Rahma", "Foreign\tMinister"),),
    quotes=(Quote("q1", "We agree", "ana", "s", 0), Quote("q2", "Not\tyet.", "ghost", "s", 0)),
)


def test_the_article_reference_has_title_source_date_and_url() -> None:
    assert article_citation(ARTICLE) == (
        "“Ministers agree on a plan”, The Daily, 2024-05-02, https://news.example/a"
    )


def test_a_reference_leaves_out_what_the_article_does_not_have() -> None:
    bare = replace(ARTICLE, date=None, url=None)
    assert article_citation(bare) == "“Ministers agree on a plan”, The Daily"


def test_the_full_citation_is_the_short_one_and_the_reference_on_one_line() -> None:
    q1, q2 = ARTICLE.quotes
    assert citation(q1, ARTICLE) == "“We agree” — Ana Rahma, Foreign Minister"
    assert full_citation(q1, ARTICLE) == (
        "“We agree” — Ana Rahma, Foreign Minister. In: “Ministers agree on a plan”, "
        "The Daily, 2024-05-02, https://news.example/a"
    )
    # a speaker the article does not list is named by id; tabs and newlines never pass
    assert full_citation(q2, ARTICLE).startswith("“Not yet.” — ghost. In: ")
    for quote in ARTICLE.quotes:
        assert "\n" not in full_citation(quote, ARTICLE)
        assert "\t" not in full_citation(quote, ARTICLE)


def test_control_characters_never_reach_a_citation() -> None:
    hostile = replace(ARTICLE, title="T\x1b]52;c;ZXZpbA==\x07itle", source="S\u202eource")
    text = full_citation(hostile.quotes[0], hostile)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
