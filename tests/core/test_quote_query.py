"""The core quote query: one rule for the sidebar, ``reader quotes`` and the library."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli.quotes import select_quotes
from reader.core.model import Article, Quote, Section, Speaker
from reader.core.quote_query import (
    SCAN_CHUNK,
    QuoteFilter,
    QuoteIndex,
    cleaned_speaker,
    speaker_matches,
)
from reader.core.search import haystack, matches, terms

SPEAKERS = (
    Speaker("budi", "Budi Santoso", "Menteri Keuangan", aliases=("Pak Budi",)),
    Speaker("sri", "Sri Médiyanti", None),
    Speaker("ani", "Ani\tWijaya", "Ketua\x07 RT"),
)


def article(*quotes: tuple[str, str]) -> Article:
    """An article whose paragraphs are the quotes, each by the given speaker id."""
    paragraphs = tuple(text for _, text in quotes)
    return Article(
        id="a",
        title="A",
        language="id",
        source="test",
        sections=(Section("s1", "Satu", paragraphs),),
        speakers=SPEAKERS,
        quotes=tuple(
            Quote(f"q{n}", text, speaker, "s1", n - 1)
            for n, (speaker, text) in enumerate(quotes, start=1)
        ),
    )


SAMPLE = article(
    ("budi", "Anggaran naik tahun depan"),
    ("sri", "Kami menolak kenaikan itu"),
    ("budi", "Pajak tidak naik"),
    ("ani", "Warga menunggu kepastian"),
    ("tamu", "Saya hanya tamu di sini"),
)


def ids(index: QuoteIndex, chosen: list[int]) -> list[str]:
    return [index.article.quotes[i].id for i in chosen]


def test_select_by_words_by_speaker_and_both() -> None:
    index = QuoteIndex(SAMPLE)
    assert ids(index, index.select(query="naik")) == ["q1", "q2", "q3"]  # in "kenaikan"
    assert ids(index, index.select(query="NAIK menteri")) == ["q1", "q3"]  # role counts
    assert ids(index, index.select(query="mediyanti")) == ["q2"]  # accents folded
    assert ids(index, index.select(speaker_id="budi")) == ["q1", "q3"]
    assert ids(index, index.select(speaker_id="budi", query="pajak")) == ["q3"]
    assert ids(index, index.select(speaker="pak budi")) == ["q1", "q3"]  # an alias
    assert ids(index, index.select(speaker="santoso", query="anggaran")) == ["q1"]
    assert index.select(query="pajak kami") == []
    assert ids(index, index.select()) == ["q1", "q2", "q3", "q4", "q5"]


def test_a_speaker_the_article_does_not_list_is_there_by_id() -> None:
    index = QuoteIndex(SAMPLE)
    assert index.speakers["tamu"] == Speaker("tamu", "tamu")
    assert list(index.speakers) == ["budi", "sri", "ani", "tamu"]
    assert ids(index, index.select(query="tamu")) == ["q5"]
    assert index.counts == {"budi": 2, "sri": 1, "ani": 1, "tamu": 1}


def test_names_and_roles_are_cleaned_and_searched_cleaned() -> None:
    index = QuoteIndex(SAMPLE)
    assert index.speakers["ani"].name == "Ani Wijaya"
    assert index.speakers["ani"].role == "Ketua RT"
    assert cleaned_speaker(SPEAKERS[2]) == index.speakers["ani"]
    assert ids(index, index.select(query="ani wijaya ketua rt")) == ["q4"]


def test_the_index_searches_what_search_matches_searches() -> None:
    index = QuoteIndex(SAMPLE)
    for i, quote in enumerate(SAMPLE.quotes):
        who = index.speakers[quote.speaker]
        assert index.haystack(i) == haystack(index.text(i), who.name, who.role or "")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["budi", "sri", "ani"]), st.text(min_size=1, max_size=30)),
        min_size=1,
        max_size=8,
    ),
    st.text(max_size=12),
)
def test_select_is_the_core_rule(quotes: list[tuple[str, str]], query: str) -> None:
    """Every quote the query selects, and only those, ``search.matches`` accepts."""
    art = article(*quotes)
    index = QuoteIndex(art)
    expected = [
        i
        for i, quote in enumerate(art.quotes)
        if matches(
            query,
            index.text(i),
            index.speakers[quote.speaker].name,
            index.speakers[quote.speaker].role or "",
        )
    ]
    assert index.select(query=query) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["budi", "sri", "ani"]), st.text(min_size=1, max_size=30)),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([None, "budi", "pak budi", "MEDIYANTI", "ani wijaya", "ketua", "x"]),
    st.text(max_size=12),
)
def test_a_quote_filter_decides_as_the_index_selects(
    quotes: list[tuple[str, str]], speaker: str | None, query: str
) -> None:
    """Quote by quote (``reader quotes DIR`` from the index's rows), the same quotes as
    the article's index selects, for any speaker and words (raw speakers: the filter
    cleans them as the index does)."""
    art = article(*quotes)
    by_id = {s.id: s for s in art.speakers}
    wanted = QuoteFilter(speaker, query)
    one_by_one = [i for i, q in enumerate(art.quotes) if wanted.wants(q.text, by_id[q.speaker])]
    assert one_by_one == QuoteIndex(art).select(speaker=speaker, query=query)


def test_a_quote_filter_finds_words_in_the_speakers_name_and_role() -> None:
    ani = SPEAKERS[2]  # "Ani\tWijaya", "Ketua\x07 RT"
    assert QuoteFilter(None, "ani wijaya ketua rt").wants("Warga menunggu", ani)
    assert QuoteFilter("wijaya", "warga").wants("Warga menunggu", ani)
    assert not QuoteFilter("budi", "warga").wants("Warga menunggu", ani)


def test_reader_quotes_uses_the_query() -> None:
    assert [q.id for q in select_quotes(SAMPLE, "budi", "naik")] == ["q1", "q3"]
    assert [q.id for q in select_quotes(SAMPLE, None, "kenaikan")] == ["q2"]
    assert [q.id for q in select_quotes(SAMPLE, "", "")] == ["q1", "q2", "q3", "q4", "q5"]


def test_speaker_matches_id_name_alias_and_part() -> None:
    budi = SPEAKERS[0]
    assert speaker_matches(budi, "BUDI")
    assert speaker_matches(budi, "santoso")
    assert speaker_matches(budi, "pak budi")
    assert not speaker_matches(budi, "sri")


def test_scan_pauses_between_chunks() -> None:
    many = article(*[("budi", f"kata {n}") for n in range(SCAN_CHUNK * 2 + 3)])
    index = QuoteIndex(many)
    chunks = list(index.scan(index.quotes_of(None), terms("kata")))
    assert [len(c) for c in chunks] == [SCAN_CHUNK, SCAN_CHUNK, 3]
    assert len(list(index.fold_all())) == 3
