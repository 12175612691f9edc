"""RSS, Atom and JSON feeds: their bytes to a list of items, each with a key to know it again.

feedparser reads every flavour of RSS and Atom, and the broken ones too. Before it sees
a byte, a feed that declares XML entities is refused: no real feed needs them, and they
are how an entity bomb ("billion laughs") gets in. HTML sanitising and relative-URI
rewriting are off: reader shows no feed HTML (an item's page is imported as any page is),
and they made a 10,000-item feed take seconds instead of a second.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.core.errors import ReaderError

#: Items taken from one feed, in the feed's order (newest first in practice).
MAX_ITEMS = 10_000
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_HTML = re.compile(rb"<html[\s>]|<!doctype\s+html", re.IGNORECASE)
_ALTERNATE = ("application/rss+xml", "application/atom+xml", "application/feed+json")


@dataclass(frozen=True)
class Item:
    """One feed item: where its page is, and the key that says it was seen."""

    key: str
    link: str | None
    title: str
    content: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str
    items: tuple[Item, ...]


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def item_key(guid: str, link: str, title: str) -> str:
    """The GUID, else the link, else a digest of the title: how an item is known again."""
    if guid:
        return f"id:{guid}"
    if link:
        return f"link:{link}"
    return "title:" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:32]


def parse_feed(data: bytes, name: str) -> Feed:
    """A feed's items in order, duplicates (same GUID or link) once; ReaderError if it is
    not a feed, is too broken to read, or declares entities.

    RSS and Atom are read by feedparser, JSON Feed by ``json_feed``; both give the same
    (guid, link, title, content) entries, listed and keyed alike.
    """
    from reader.web.json_feed import looks_like_json, read_json_feed

    if looks_like_json(data):
        title, listed = read_json_feed(data, name)
        return Feed(title, _items(listed))
    if _ENTITY.search(data):
        raise ReaderError(f"{name}: the feed declares XML entities (refused: a feed needs none)")
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    _refuse_malformed(parsed.get("bozo_exception"), name)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        if parsed.get("bozo") and not _HTML.search(data[:4096]):
            raise ReaderError(f"{name}: not a readable feed (malformed XML)")
        raise ReaderError(f"{name}: not an RSS, Atom or JSON feed")
    channel = parsed.get("feed") or {}
    items = _items(
        (_text(entry.get("id")), _text(entry.get("link")), _text(entry.get("title")), _body(entry))
        for entry in entries[:MAX_ITEMS]
    )
    if parsed.get("bozo") and not items:
        raise ReaderError(f"{name}: not a readable feed (malformed XML)")
    return Feed(_text(channel.get("title")), items)


def _body(entry: Any) -> str | None:
    """An RSS or Atom entry's own copy of the text: its first content, else its summary."""
    for part in entry.get("content") or []:
        value = part.get("value") if isinstance(part, dict) else None
        if isinstance(value, str) and value.strip():
            return value
    summary = entry.get("summary")
    return summary if isinstance(summary, str) else None


def _items(entries: Iterable[tuple[str, str, str, str | None]]) -> tuple[Item, ...]:
    """Items in the feed's order, at most MAX_ITEMS, an item listed twice (same GUID or
    link) once."""
    items: list[Item] = []
    seen: set[str] = set()
    for guid, link, title, content in entries:
        keys = {item_key(guid, link, title), *([f"link:{link}"] if link else [])}
        if keys & seen:
            continue  # the same item listed twice
        seen.update(keys)
        items.append(Item(item_key(guid, link, title), link or None, title, content))
        if len(items) == MAX_ITEMS:
            break
    return tuple(items)


def _refuse_malformed(problem: object, name: str) -> None:
    """ReaderError for XML that is not well-formed (cut short, tags crossed).

    feedparser would read on with its lenient parser and make items out of the debris;
    a feed in that state is reported instead. An undefined entity (``&nbsp;`` in an RSS
    feed, a common slip) is the one fault let through: the lenient parser reads those
    feeds right.
    """
    from xml.sax import SAXParseException

    if isinstance(problem, SAXParseException) and "undefined entity" not in problem.getMessage():
        where = f"line {problem.getLineNumber()}, column {problem.getColumnNumber()}"
        raise ReaderError(f"{name}: not a readable feed (malformed XML at {where})")


def discover(page: bytes, base: str) -> str | None:
    """The feed a web page points to (``<link rel="alternate" type="application/rss+xml">``)."""
    from urllib.parse import urljoin

    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(page)
    except (ValueError, Exception):  # lxml raises ParserError and others on junk
        return None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = link.get("href")
        if "alternate" in rel and kind in _ALTERNATE and href:
            return urljoin(base, href.strip())
    return None
