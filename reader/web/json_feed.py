"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1): its bytes to the same items as RSS.

feedparser reads RSS and Atom only, and a JSON Feed is small enough to read with the
standard library: an object with a ``version`` URL, a ``title`` and ``items``, each with
an ``id``, a ``url`` and the text as ``content_html`` or ``content_text``. Plain text is
turned into paragraphs of escaped HTML, so that an item without a page is imported from
the feed's own copy the same way an RSS item's HTML is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape

from reader.core.errors import ReaderError
from reader.web.feeds import _text

_VERSION_PREFIX = "https://jsonfeed.org/version/"


def looks_like_json(data: bytes) -> bool:
    """True when the bytes open as a JSON object (after a byte order mark and spaces)."""
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


#: One item as the feeds module keys it: guid, link, title, its own copy of the text.
Entry = tuple[str, str, str, str | None]


def read_json_feed(data: bytes, name: str) -> tuple[str, Iterator[Entry]]:
    """The feed's title and its items' entries in the feed's order, made as they are
    taken (the feeds module stops at its cap); ReaderError (one line) if the bytes are
    not a JSON Feed."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ReaderError(f"{name}: not a readable feed (malformed JSON)") from None
    if not isinstance(parsed, dict) or not _is_json_feed(parsed.get("version")):
        raise ReaderError(f"{name}: not an RSS, Atom or JSON feed")
    entries = parsed.get("items")
    if not isinstance(entries, list):
        raise ReaderError(f"{name}: not a readable feed (a JSON Feed without items)")
    items = (
        (_key(entry.get("id")), _text(entry.get("url")), _title(entry), _content(entry))
        for entry in entries
        if isinstance(entry, dict)
    )
    return _text(parsed.get("title")), items


def _is_json_feed(version: object) -> bool:
    return isinstance(version, str) and version.startswith(_VERSION_PREFIX)


def _key(value: object) -> str:
    """The item's id: a string, or a number in feeds written for version 1."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    return _text(value)


def _title(entry: dict[str, object]) -> str:
    """The title; a title-less item (a micro-post) is known by its summary's words."""
    return _text(entry.get("title")) or _text(entry.get("summary"))[:200]


def _content(entry: dict[str, object]) -> str | None:
    """The item's text as HTML: ``content_html`` as given, ``content_text`` escaped into
    paragraphs (blank lines apart), else the summary; None when there is none."""
    html = entry.get("content_html")
    if isinstance(html, str) and html.strip():
        return html
    for field in ("content_text", "summary"):
        text = entry.get(field)
        if isinstance(text, str) and text.strip():
            paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
            return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return None
