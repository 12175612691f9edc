"""Feeds and subscriptions as units: parsing, keys, the subscriptions file, what an update
remembers (against the local server where a fetch is involved)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _local_server import Handler, LocalServer

from reader.core.errors import ReaderError
from reader.web import subscriptions as subs
from reader.web.feeds import parse_feed
from reader.web.fetch import Fetcher, Limits
from reader.web.update import update_feed

PAGE = (Path(__file__).resolve().parents[1] / "data" / "pages" / "en-ferry.html").read_text()


def rss(*items: str) -> bytes:
    return f'<rss version="2.0"><channel><title>T</title>{"".join(items)}</channel></rss>'.encode()


def item(guid: str | None, link: str | None, title: str = "A headline") -> str:
    parts = [f"<title>{title}</title>"]
    if guid is not None:
        parts.append(f"<guid>{guid}</guid>")
    if link is not None:
        parts.append(f"<link>{link}</link>")
    return f"<item>{''.join(parts)}</item>"


def test_items_are_known_by_guid_then_link_and_listed_once() -> None:
    feed = parse_feed(
        rss(
            item("g1", "http://x/1"),
            item("g1", "http://x/1-again"),  # same GUID
            item("g2", "http://x/1"),  # same link
            item(None, "http://x/3"),
            item(None, None, "Only a title"),
            item(None, None, "Only a title"),
        ),
        "feed",
    )
    assert [i.key for i in feed.items] == ["id:g1", "link:http://x/3", feed.items[2].key]
    assert feed.items[2].key.startswith("title:")


def test_atom_entries_and_their_content() -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        '<entry><id>e1</id><title>One</title><link href="http://x/1"/>'
        '<content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>'
    )
    feed = parse_feed(atom.encode(), "atom")
    assert feed.title == "A"
    assert [(i.key, i.link, i.content) for i in feed.items] == [
        ("id:e1", "http://x/1", "<p>Body</p>")
    ]


def test_subscriptions_round_trip_and_damage_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "feeds.json"
    sub = subs.Subscription("a", "http://x/feed", "A", '"e"', "Sun", ("id:1",))
    subs.save([sub], path)
    assert subs.load(path) == [sub]
    for damaged in (
        "[]",
        '{"version": 2, "feeds": []}',
        '{"version": 1, "feeds": [{"name": "a"}]}',
        '{"version": 1, "feeds": [{"name": "a", "url": "u", "seen": [1]}]}',
        "[" * 100_000,
    ):
        path.write_text(damaged)
        with pytest.raises(ReaderError) as caught:
            subs.load(path)
        assert "\n" not in str(caught.value)
        assert path.read_text() == damaged


def test_seen_keys_are_bounded() -> None:
    sub = subs.Subscription("a", "u").remembering([f"id:{n}" for n in range(subs.MAX_SEEN + 50)])
    assert len(sub.seen) == subs.MAX_SEEN and sub.seen[-1] == f"id:{subs.MAX_SEEN + 49}"


def test_validators_are_kept_only_when_nothing_is_owed(server: LocalServer, tmp_path: Path) -> None:
    """A 304 must never hide items still to import: left by the limit, or failed for now."""

    @server.route("/page")
    def page(h: Handler) -> None:  # one article per n: its own canonical URL
        n = h.path.split("=", 1)[1]
        h.answer(200, PAGE.replace("island-ferry-fares-double", f"story-{n}").encode())

    body = rss(*(item(f"g{n}", server.url(f"/page?n={n}"), f"Item {n}") for n in range(3)))

    @server.route("/feed")
    def feed(h: Handler) -> None:
        if h.headers.get("If-None-Match") == '"v"':
            h.send_response(304)
            h.send_header("Content-Length", "0")
            h.end_headers()
        else:
            h.answer(200, body, "application/rss+xml", {"ETag": '"v"'})

    sub = subs.Subscription("f", server.url("/feed"))
    with Fetcher(limits=Limits(retries=0)) as fetcher:
        sub, outcome = update_feed(sub, fetcher, tmp_path, limit=2)
        assert (len(outcome.added), outcome.left, sub.etag) == (2, 1, None)
        sub, outcome = update_feed(sub, fetcher, tmp_path, limit=2)
        assert (len(outcome.added), outcome.already, sub.etag) == (1, 2, '"v"')
        sub, outcome = update_feed(sub, fetcher, tmp_path, limit=2)
        assert outcome.not_modified
    # the three items share a headline: three files, none over another
    assert len(list(tmp_path.glob("*.yaml"))) == 3


def test_the_same_article_twice_is_written_once(server: LocalServer, tmp_path: Path) -> None:
    """Two items whose pages name the same canonical URL: one file, the other skipped."""
    server.page("/a", PAGE)
    server.page("/b", PAGE)
    server.page("/feed", rss(item("g1", server.url("/a")), item("g2", server.url("/b"))))
    with Fetcher(limits=Limits(retries=0)) as fetcher:
        _, outcome = update_feed(subs.Subscription("f", server.url("/feed")), fetcher, tmp_path)
    assert (len(outcome.added), outcome.already) == (1, 1)
    assert len(list(tmp_path.glob("*.yaml"))) == 1


def test_a_transient_failure_is_tried_again_next_time(server: LocalServer, tmp_path: Path) -> None:
    body = rss(item("g1", server.url("/busy"), "Busy"))
    server.page("/feed", body, "application/rss+xml", {"ETag": '"v"'})
    state = {"busy": True}

    @server.route("/busy")
    def busy(h: Handler) -> None:
        if state["busy"]:
            h.answer(503, b"busy", "text/plain")
        else:
            h.answer(200, PAGE.encode())

    sub = subs.Subscription("f", server.url("/feed"))
    with Fetcher(limits=Limits(retries=0)) as fetcher:
        sub, outcome = update_feed(sub, fetcher, tmp_path)
        assert len(outcome.failed) == 1 and sub.seen == () and sub.etag is None
        state["busy"] = False
        sub, outcome = update_feed(sub, fetcher, tmp_path)
    assert len(outcome.added) == 1 and sub.seen == ("id:g1", f"link:{server.url('/busy')}")


def test_subscriptions_file_is_json_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "feeds.json"
    subs.save([subs.Subscription("a", "http://x/f")], path)
    data = json.loads(path.read_text())
    assert data["version"] == 1 and data["feeds"][0]["url"] == "http://x/f"
    assert [p.name for p in path.parent.iterdir()] == ["feeds.json"]  # no temporary left


def test_entities_are_refused_before_any_parsing() -> None:
    """Refused by reader itself, whatever the XML parser's own protection would do."""
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9))
        + ']><rss version="2.0"><channel><title>&j;</title></channel></rss>'
    )
    with pytest.raises(ReaderError, match="entities"):
        parse_feed(bomb.encode(), "bomb")
    with pytest.raises(ReaderError, match="entities"):  # however the declaration is spelled
        parse_feed(b'<!DOCTYPE x [<!entity a "b">]><rss version="2.0"/>', "lower")


def json_feed(*items: dict[str, object], version: str = "1.1") -> bytes:
    feed = {"version": f"https://jsonfeed.org/version/{version}", "title": " J  F ", "items": items}
    return b"\xef\xbb\xbf\n" + json.dumps(feed).encode()


def test_json_feed_items_keyed_and_listed_like_rss() -> None:
    feed = parse_feed(
        json_feed(
            {"id": "a", "url": "http://x/1", "title": "One", "content_html": "<p>Body</p>"},
            {"id": "a", "url": "http://x/1-again", "title": "Same id"},
            {"id": 7, "url": "http://x/1", "title": "Same link"},
            {"id": 8, "title": "Text only", "content_text": "First <b>para</b>.\n\nSecond."},
            {"id": True, "summary": "A title-less micro-post"},
            "not an item",
        ),
        "json",
    )
    assert feed.title == "J F"
    assert [(i.key, i.link, i.title) for i in feed.items] == [
        ("id:a", "http://x/1", "One"),
        ("id:8", None, "Text only"),
        (feed.items[2].key, None, "A title-less micro-post"),
    ]
    assert feed.items[2].key.startswith("title:")  # a boolean id is no id
    assert feed.items[0].content == "<p>Body</p>"
    assert feed.items[1].content == "<p>First &lt;b&gt;para&lt;/b&gt;.</p><p>Second.</p>"
    assert feed.items[2].content == "<p>A title-less micro-post</p>"


def test_json_feed_version_1_numeric_ids() -> None:
    feed = parse_feed(json_feed({"id": 12, "url": "http://x/12"}, version="1"), "v1")
    assert [i.key for i in feed.items] == ["id:12"]


@pytest.mark.parametrize(
    "data",
    [
        b'{"version": "https://example.org/other", "items": []}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": {"a": 1}}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
        b'{"a": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "\xff"}',
    ],
    ids=["other-json", "items-not-a-list", "cut-short", "nested-deep", "not-utf8"],
)
def test_json_that_is_not_a_json_feed_is_refused(data: bytes) -> None:
    with pytest.raises(ReaderError) as caught:
        parse_feed(data, "feed.json")
    assert str(caught.value).startswith("feed.json: ") and "\n" not in str(caught.value)
