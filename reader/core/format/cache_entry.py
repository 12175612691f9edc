"""A cache entry's article, read back from its decoded JSON into the model.

The cache (:mod:`.cache`) checks an entry's envelope (format, reader version, key);
this builds the article it holds, checking only the shape of the data as it goes: which
keys (:mod:`.schema`: the ones the writer always writes must be there, the ones it
sometimes leaves out may be), and lists where tuples are made (a text made into a tuple
would be a tuple of characters). The type of every value is checked by
``reads_back_as_is``, which the cache runs on the result. Anything else raises
:class:`Unusable`: the entry is not used, and the file is read the full way.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from reader.core.format.schema import (
    ARTICLE,
    COOKIE,
    FIGURE,
    FOOTER,
    QUOTE,
    SCHEMA,
    SECTION,
    SPEAKER,
    Record,
)
from reader.core.give_way import GIVE_WAY_EVERY, give_way
from reader.core.model import (
    QUOTE_KINDS,
    Article,
    CookieNotice,
    Figure,
    Footer,
    Quote,
    Section,
    Speaker,
)


class Unusable(Exception):
    """The entry is not what the cache writes: use the file instead."""


def check(condition: bool) -> None:
    if not condition:
        raise Unusable


def fields_of(value: Any, required: Set[str], optional: Set[str] = frozenset()) -> dict[str, Any]:
    """A JSON object with these keys (all of ``required``, any of ``optional``)."""
    check(type(value) is dict)
    keys = value.keys()
    check(required <= keys and keys <= required | optional)
    fields: dict[str, Any] = value
    return fields


def _items(value: Any) -> list[Any]:
    check(type(value) is list)
    items: list[Any] = value
    return items


def _shape(record: Record) -> tuple[frozenset[str], frozenset[str]]:
    """The keys an entry's mapping for ``record`` must have, and may have (:mod:`.schema`)."""
    return record.always_written, record.sometimes_written


_ARTICLE, _FIGURE, _SPEAKER, _FOOTER, _COOKIE = map(
    _shape, (ARTICLE, FIGURE, SPEAKER, FOOTER, COOKIE)
)
_SECTION_KEYS = SECTION.always_written | SECTION.sometimes_written
_QUOTE_KEYS = QUOTE.always_written | QUOTE.sometimes_written


def article_from_data(data: Any) -> Article:
    """The article in an entry's ``"article"`` value (raises Unusable if it is not
    shaped like one). The records are built by hand, not by walking the schema: this is
    the fast way to open a big article, and a walk per quote took twice as long."""
    data = fields_of(data, *_ARTICLE)
    check(type(data["schema"]) is int and data["schema"] == SCHEMA)
    figures = []
    for item in _items(data.get("figures", [])):
        fields = fields_of(item, *_FIGURE)
        figures.append(Figure(fields["caption"], fields.get("credit")))
    # Every quote names its speaker, section and kind: JSON gives each name a string of
    # its own (three of some 50 bytes per quote, 1.7 MB for 11,000 quotes), so they
    # share the speaker's and the section's id and one string per kind.
    shared: dict[Any, Any] = {kind: kind for kind in QUOTE_KINDS}
    share = shared.setdefault
    sections = []
    for index, item in enumerate(_items(data["sections"])):
        if not index % GIVE_WAY_EVERY:
            give_way()
        check(type(item) is dict and item.keys() == _SECTION_KEYS)
        ident = share(item["id"], item["id"])
        sections.append(Section(ident, item["heading"], tuple(_items(item["paragraphs"]))))
    speakers = []
    for item in _items(data["speakers"]):
        fields = fields_of(item, *_SPEAKER)
        aliases = tuple(_items(fields.get("aliases", [])))
        ident = share(fields["id"], fields["id"])
        speakers.append(Speaker(ident, fields["name"], fields.get("role"), aliases))
    quotes = []
    for index, item in enumerate(_items(data["quotes"])):
        if not index % GIVE_WAY_EVERY:
            give_way()
        check(type(item) is dict and item.keys() == _QUOTE_KEYS)
        speaker, section, kind = item["speaker"], item["section"], item["kind"]
        quotes.append(
            Quote(
                item["id"],
                item["text"],
                share(speaker, speaker),
                share(section, section),
                item["paragraph"],
                share(kind, kind),
            )
        )
    footer = Footer()
    if "footer" in data:
        fields = fields_of(data["footer"], *_FOOTER)
        cookie = None
        if "cookie" in fields:
            notice = fields_of(fields["cookie"], *_COOKIE)
            cookie = CookieNotice(notice["text"], notice.get("link_text"), notice["accept"])
        footer = Footer(fields.get("copyright"), cookie)
    return Article(
        id=data["id"],
        title=data["title"],
        language=data["language"],
        source=data["source"],
        lead=data.get("lead"),
        date=data.get("date"),
        url=data.get("url"),
        figures=tuple(figures),
        sections=tuple(sections),
        speakers=tuple(speakers),
        quotes=tuple(quotes),
        footer=footer,
    )


__all__ = ["Unusable", "article_from_data", "check", "fields_of"]
