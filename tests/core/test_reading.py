"""Reading time and place, as the reading screen's header shows them."""

from __future__ import annotations

from reader.core.model import Article, Section
from reader.core.reading import reading_minutes, where, word_count


def _article(*paragraphs: str, lead: str | None = None) -> Article:
    return Article(
        id="a",
        title="Three word title",
        language="en",
        source="S",
        lead=lead,
        sections=(Section("s", None, paragraphs),),
    )


def test_words_are_counted_in_title_lead_and_paragraphs() -> None:
    article = _article("one two", "three four\nfive", lead="six")
    assert word_count(article) == 3 + 1 + 2 + 3
    long = _article(" ".join(["word"] * 5_000))
    assert word_count(long) == 3 + 5_000


def test_reading_time_rounds_up_and_is_never_zero() -> None:
    assert reading_minutes(_article("x")) == 1
    assert reading_minutes(_article(" ".join(["w"] * 397))) == 2  # 400 words
    assert reading_minutes(_article(" ".join(["w"] * 398))) == 3  # 401 words
    assert reading_minutes(_article(" ".join(["w"] * 397)), words_per_minute=100) == 4


def test_where_names_section_and_share_read() -> None:
    assert where(2, 4, 0.374) == "§ 2/4 · 37%"
    assert where(None, 4, 1.5) == "100%"
    assert where(1, 1, None) == ""  # one section: nothing to say
    assert where(3, 5, -0.2) == "§ 3/5 · 0%"
