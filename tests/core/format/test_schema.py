"""One description of the fields: the model, the loader, the writer and the cache follow it."""

from __future__ import annotations

import dataclasses

import pytest

from reader.core.errors import ArticleError
from reader.core.format import article_to_data, dump_article, parse_article
from reader.core.format.schema import (
    ARTICLE,
    COOKIE,
    FIGURE,
    FOOTER,
    QUOTE,
    SECTION,
    SPEAKER,
    Record,
)
from reader.core.model import Article

RECORDS = {
    "article": ARTICLE,
    "figure": FIGURE,
    "section": SECTION,
    "speaker": SPEAKER,
    "quote": QUOTE,
    "footer": FOOTER,
    "cookie": COOKIE,
}


@pytest.mark.parametrize("record", RECORDS.values(), ids=list(RECORDS))
def test_every_model_field_is_in_the_schema(record: Record) -> None:
    """A field added to the model without its line in the schema fails here."""
    model_fields = [f.name for f in dataclasses.fields(record.model)]  # type: ignore[arg-type]
    schema_fields = [f.name for f in record.fields if f.key != "schema"]
    assert sorted(schema_fields) == sorted(model_fields)


def test_the_writer_follows_the_schema_order(seed_article: Article) -> None:
    data = article_to_data(seed_article)
    order = [f.key for f in ARTICLE.fields]
    assert list(data) == [key for key in order if key in data]
    assert ARTICLE.always_written <= data.keys()
    for section in data["sections"]:
        assert list(section) == [f.key for f in SECTION.fields]
    for quote in data["quotes"]:
        assert list(quote) == [f.key for f in QUOTE.fields]


def test_the_loader_knows_the_schema_keys(seed_article: Article) -> None:
    text = dump_article(seed_article).replace("title:", "headline:", 1)
    with pytest.raises(ArticleError) as info:
        parse_article(text, "x.yaml")
    messages = [p.message for p in info.value.problems]
    known = ", ".join(sorted(ARTICLE.required | ARTICLE.optional))
    assert f"unknown field (known: {known})" in messages
    assert "missing required field 'title'" in messages
