"""Updating feeds: fetch each feed, import each new item's page, remember what was taken.

An item is new until it has been imported (or has failed for good); it is known by its
GUID, else its link (:func:`reader.web.feeds.item_key`). A feed's ETag and Last-Modified
are kept only once every item it listed has been dealt with: otherwise the next update
would get "304 Not Modified" and never see the items it still owes. Articles are written
into the user's article folder one by one, atomically, never over another article: two
items with the same headline get two files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.format import load_article, save_article
from reader.core.model import Article
from reader.web.feeds import Item, parse_feed
from reader.web.fetch import Fetcher, FetchError, check_url
from reader.web.pages import fetch_article
from reader.web.parallel import concurrently
from reader.web.subscriptions import Subscription

ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.9, */*;q=0.1"
)
#: New items imported per feed per update; the rest wait for the next update.
MAX_NEW = 30


@dataclass
class Outcome:
    """What one feed's update did, for the report."""

    name: str
    added: list[tuple[str, Path]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    already: int = 0
    left: int = 0
    not_modified: bool = False


def update_feed(
    sub: Subscription,
    fetcher: Fetcher,
    folder: Path,
    *,
    limit: int = MAX_NEW,
    on_item: Callable[[], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> tuple[Subscription, Outcome]:
    """Import the new items of one feed into ``folder``; the updated subscription and
    what happened. A feed that cannot be fetched or read raises ReaderError (one line)."""
    outcome = Outcome(sub.name)
    response = fetcher.get(
        sub.url, accept=ACCEPT_FEED, etag=sub.etag, last_modified=sub.last_modified
    )
    if response.not_modified:
        outcome.not_modified = True
        return sub, outcome
    feed = parse_feed(response.body, sub.url)
    seen = set(sub.seen)
    new: list[Item] = []
    for item in feed.items:
        if item.key in seen or (item.link and f"link:{item.link}" in seen):
            outcome.already += 1
        else:
            new.append(item)
    todo = new[: max(limit, 0)]
    outcome.left = len(new) - len(todo)
    if on_start is not None:
        on_start(len(todo))
    done: list[str] = []
    retry_later = False
    for item, result in concurrently(todo, lambda item: _article(item, fetcher)):
        label = item.link or item.title or item.key
        if isinstance(result, ReaderError):
            outcome.failed.append(str(result))
            if isinstance(result, FetchError) and result.transient:
                retry_later = True
            else:
                done += _keys(item)  # it will not get better: do not ask every time
        else:
            try:
                path = save_new(result, folder)
            except ReaderError as exc:
                outcome.failed.append(f"{label}: {exc}")
                retry_later = True
            else:
                if path is None:
                    outcome.already += 1
                else:
                    outcome.added.append((result.title, path))
                done += _keys(item)
        if on_item is not None:
            on_item()
    updated = sub.remembering(done)
    updated = replace(updated, title=feed.title or sub.title)
    if not retry_later and not outcome.left:
        updated = replace(updated, etag=response.etag, last_modified=response.last_modified)
    else:
        updated = replace(updated, etag=None, last_modified=None)
    return updated, outcome


def _keys(item: Item) -> list[str]:
    return [item.key, *([f"link:{item.link}"] if item.link else [])]


def _article(item: Item, fetcher: Fetcher) -> Article:
    """The item's page as an article; the feed's own copy of the text if the page cannot
    be had (many feeds carry the whole article)."""
    from reader.importer.formats.html import import_html

    error: ReaderError | None = None
    if item.link:
        try:
            check_url(item.link)
            return fetch_article(item.link, fetcher)
        except ReaderError as exc:
            error = exc
    if item.content and len(item.content) > 200:
        page = (
            f"<html><body><article><h1>{_escape(item.title)}</h1>{item.content}"
            "</article></body></html>"
        )
        try:
            return import_html(page.encode("utf-8"), url=item.link, name=item.link or item.title)
        except ReaderError:
            pass
    raise error or ReaderError(f"{item.title or item.key}: the item has no link and no text")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def save_new(article: Article, folder: Path) -> Path | None:
    """Write ``article`` into ``folder`` under a name no other article has; None if the
    same article (same URL) is there already."""
    base = article.id
    for n in range(1, 1000):
        ident = base if n == 1 else f"{base}-{n}"
        target = folder / f"{ident}.yaml"
        if target.exists():
            if article.url and _same_url(target, article.url):
                return None
            continue
        try:
            save_article(replace(article, id=ident), target)
        except ReaderError:
            if target.exists():
                continue  # taken meanwhile by another writer
            raise
        return target
    raise ReaderError(f"{folder / base}: too many articles with this name")


def _same_url(path: Path, url: str) -> bool:
    try:
        return load_article(path).url == url
    except ReaderError:
        return False
