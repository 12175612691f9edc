"""The HTTP client against a local server: limits, redirects, retries, hostile answers."""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import tracemalloc
import zlib
from functools import cache

import brotli
import pytest
from _local_server import Handler, LocalServer, closed_port

from reader.web.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    Limits,
    check_url,
    looks_like_url,
)
from reader.web.parallel import concurrently

FAST = Limits(connect_timeout=5, read_timeout=5, retries=2, backoff=1.0)


class Pauses(list[float]):
    """A ``sleep`` that records the pauses instead of taking them."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def fetcher(limits: Limits = FAST) -> tuple[Fetcher, Pauses]:
    pauses = Pauses()
    return Fetcher(limits=limits, sleep=pauses), pauses


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text and text
    return text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
        "gopher://127.0.0.1:70/",
        "http://",
        "127.0.0.1/article",
        "http://127.0.0.1:notaport/",
        "http://127.0.0.1/" + "a" * 9000,
    ],
)
def test_only_http_and_https_urls_with_a_host_are_fetched(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url)
    one_line(caught.value)
    client, _ = fetcher()
    with client, pytest.raises(FetchError):
        client.get(url)


def test_looks_like_url() -> None:
    assert looks_like_url("http://example.org/a")
    assert looks_like_url("HTTPS://example.org")
    assert looks_like_url("file:///etc/passwd")
    assert not looks_like_url("page.html")
    assert not looks_like_url("folder/page.html")
    assert not looks_like_url("./http://x")


def test_a_page_is_fetched_with_reader_s_user_agent_and_charset(server: LocalServer) -> None:
    url = server.page("/a", "<p>hé</p>", "text/html; charset=ISO-8859-1")
    client, pauses = fetcher()
    with client:
        got = client.get(url, accept="text/html")
    assert got.status == 200
    assert got.media_type == "text/html"
    assert got.charset == "iso-8859-1"
    assert got.body == "<p>hé</p>".encode()
    assert server.headers["/a"][0]["User-Agent"] == USER_AGENT
    assert server.headers["/a"][0]["Accept"] == "text/html"
    assert pauses == []


def test_a_closed_port_fails_in_one_line_after_retrying(server: LocalServer) -> None:
    client, pauses = fetcher()
    with client, pytest.raises(FetchError) as caught:
        client.get(f"http://127.0.0.1:{closed_port()}/article")
    assert "refused" in one_line(caught.value)
    assert caught.value.transient
    assert pauses == [1.0, 2.0]  # two retries, the pause doubling


def test_a_name_that_does_not_resolve_fails_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolver(host: object, *args: object, **kwargs: object) -> object:
        if host == "nonexistent.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    client, pauses = fetcher()
    with client, pytest.raises(FetchError) as caught:
        client.get("http://nonexistent.invalid/article")
    assert "nonexistent.invalid" in one_line(caught.value)
    assert "DNS" in str(caught.value)
    assert not caught.value.transient
    assert pauses == []  # a name that does not exist is not asked again


def test_a_silent_server_times_out(server: LocalServer) -> None:
    @server.route("/slow")
    def slow(h: Handler) -> None:
        server.stopping.wait(60)  # answers only once the test is over

    client, pauses = fetcher(Limits(read_timeout=0.3, retries=1, backoff=0.5))
    with client, pytest.raises(FetchError) as caught:
        client.get(server.url("/slow"))
    assert "timed out" in one_line(caught.value)
    assert server.hits["/slow"] == 2
    assert pauses == [0.5]


def test_a_trickling_server_is_stopped_by_the_deadline(server: LocalServer) -> None:
    gate = threading.Event()

    @server.route("/trickle")
    def trickle(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(b"<p>" + b"x" * 70_000)
        h.wfile.flush()
        gate.wait(60)  # the test lets the rest through once the first part has been read
        h.wfile.write(b"x" * 70_000)

    times = iter([0.0, 100.0, 200.0, 300.0])

    def clock() -> float:
        gate.set()
        return next(times)

    client = Fetcher(limits=Limits(deadline=50, retries=0), sleep=Pauses(), clock=clock)
    with client, pytest.raises(FetchError) as caught:
        client.get(server.url("/trickle"))
    assert "too slow" in one_line(caught.value)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 451])
def test_client_errors_fail_at_once(server: LocalServer, status: int) -> None:
    url = server.page("/gone", "<p>no</p>", status=status)
    client, pauses = fetcher()
    with client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert f"HTTP {status}" in one_line(caught.value)
    assert server.hits["/gone"] == 1 and pauses == []


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_server_errors_are_retried_with_backoff_then_reported(
    server: LocalServer, status: int
) -> None:
    url = server.page("/busy", "busy", status=status)
    client, pauses = fetcher()
    with client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert f"HTTP {status}" in one_line(caught.value)
    assert server.hits["/busy"] == 3
    assert pauses == [1.0, 2.0]


def test_a_busy_server_that_recovers_is_read_and_retry_after_is_honoured(
    server: LocalServer,
) -> None:
    @server.route("/flaky")
    def flaky(h: Handler) -> None:
        if server.hits["/flaky"] < 3:
            h.answer(503, b"busy", "text/plain", {"Retry-After": "7"})
        else:
            h.answer(200, b"<p>ok</p>")

    client, pauses = fetcher()
    with client:
        got = client.get(server.url("/flaky"))
    assert got.body == b"<p>ok</p>"
    assert pauses == [7.0, 7.0]


def test_redirects_are_followed_to_the_final_url(server: LocalServer) -> None:
    final = server.page("/final", "<p>here</p>")
    server.routes["/r1"] = lambda h: h.redirect("/r2", 301)
    server.routes["/r2"] = lambda h: h.redirect(final, 307)
    client, _ = fetcher()
    with client:
        got = client.get(server.url("/r1"))
    assert got.url == final and got.body == b"<p>here</p>"


def test_a_redirect_loop_is_named(server: LocalServer) -> None:
    server.routes["/loop-a"] = lambda h: h.redirect("/loop-b")
    server.routes["/loop-b"] = lambda h: h.redirect("/loop-a")
    client, pauses = fetcher()
    with client, pytest.raises(FetchError) as caught:
        client.get(server.url("/loop-a"))
    assert "loop" in one_line(caught.value)
    assert server.hits["/loop-a"] == 1 and pauses == []


def test_redirects_are_bounded(server: LocalServer) -> None:
    for n in range(20):
        server.routes[f"/hop{n}"] = lambda h, n=n: h.redirect(f"/hop{n + 1}")
    client, _ = fetcher(Limits(max_redirects=5))
    with client, pytest.raises(FetchError) as caught:
        client.get(server.url("/hop0"))
    assert "too many redirects" in one_line(caught.value)
    assert sum(server.hits.values()) == 6


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_a_redirect_to_another_scheme_is_refused(server: LocalServer, target: str) -> None:
    server.routes["/away"] = lambda h: h.redirect(target)
    client, _ = fetcher()
    with client, pytest.raises(FetchError) as caught:
        client.get(server.url("/away"))
    one_line(caught.value)


def test_a_100_mb_page_is_stopped_at_the_cap_without_reading_it_all(server: LocalServer) -> None:
    url = server.stream("/huge", 100 * 1024 * 1024)
    client, _ = fetcher(Limits(max_bytes=2 * 1024 * 1024, retries=0))
    with client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert "too large" in one_line(caught.value)
    server.stopping.set()  # in case the socket buffers still take writes
    for _ in range(200):
        if "/huge" in server.sent:
            break
        threading.Event().wait(0.05)
    assert server.sent["/huge"] < 50 * 1024 * 1024


def test_a_declared_huge_length_is_refused_before_reading(server: LocalServer) -> None:
    @server.route("/declared")
    def declared(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(100 * 1024 * 1024))
        h.end_headers()
        h.wfile.write(b"<p>only this</p>")

    client, _ = fetcher(Limits(max_bytes=1024 * 1024, retries=0))
    with client, pytest.raises(FetchError) as caught:
        client.get(server.url("/declared"))
    assert "too large" in one_line(caught.value)


@cache
def _zeros_compressed(encoding: str) -> bytes:
    zeros = b"\0" * (64 * 1024 * 1024)
    if encoding == "gzip":
        return gzip.compress(zeros, compresslevel=6)
    if encoding == "deflate":
        return zlib.compress(zeros, 6)
    return brotli.compress(zeros, quality=1)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_a_decompression_bomb_is_stopped_at_the_decoded_cap(
    server: LocalServer, encoding: str
) -> None:
    bomb = _zeros_compressed(encoding)
    assert len(bomb) < 1024 * 1024  # small on the wire ...
    url = server.page("/bomb", bomb, "text/html", {"Content-Encoding": encoding})
    cap = 4 * 1024 * 1024
    client, _ = fetcher(Limits(max_decoded_bytes=cap, retries=0))
    tracemalloc.start()
    try:
        with client, pytest.raises(FetchError) as caught:
            client.get(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "decompressed" in one_line(caught.value)  # ... too large once inflated,
    assert peak < 3 * cap  # and never inflated in memory past the cap


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compressed_pages_are_decoded(server: LocalServer, encoding: str) -> None:
    page = b"<html><p>Halo dunia, ini berita.</p></html>" * 100
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    bodies = {
        "gzip": gzip.compress(page),
        "deflate": zlib.compress(page),
        "br": brotli.compress(page),
    }
    url = server.page("/z", bodies[encoding], "text/html", {"Content-Encoding": encoding})
    server.page(
        "/raw",
        raw_deflate.compress(page) + raw_deflate.flush(),
        "text/html",
        {"Content-Encoding": "deflate"},
    )
    client, _ = fetcher()
    with client:
        assert client.get(url).body == page
        assert client.get(server.url("/raw")).body == page
    assert "gzip" in server.headers["/z"][0]["Accept-Encoding"]


def test_a_corrupt_or_unknown_encoding_fails_in_one_line(server: LocalServer) -> None:
    bad = server.page(
        "/corrupt", b"this is not gzip at all", "text/html", {"Content-Encoding": "gzip"}
    )
    odd = server.page("/odd", b"xx", "text/html", {"Content-Encoding": "compress"})
    client, _ = fetcher()
    with client:
        for url in (bad, odd):
            with pytest.raises(FetchError) as caught:
                client.get(url)
            one_line(caught.value)


def test_conditional_requests_use_etag_and_last_modified(server: LocalServer) -> None:
    stamp = "Sun, 06 Dec 2026 10:00:00 GMT"

    @server.route("/feed")
    def feed(h: Handler) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            h.send_response(304)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.answer(200, b"<rss/>", "application/rss+xml", {"ETag": '"v1"', "Last-Modified": stamp})

    client, _ = fetcher()
    with client:
        first = client.get(server.url("/feed"))
        again = client.get(server.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert first.etag == '"v1"' and first.last_modified == stamp and not first.not_modified
    assert again.not_modified and again.body == b""
    sent = server.headers["/feed"][1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == stamp


def test_concurrent_fetches_are_few_and_keep_their_order(server: LocalServer) -> None:
    gate = threading.Barrier(4, timeout=30)

    @server.route("/item")
    def item(h: Handler) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait()  # four arrive together: the pool does run them at once
        h.answer(200, h.path.encode())

    client, _ = fetcher()
    urls = [server.url(f"/item?n={n}") for n in range(12)]
    with client:
        results = list(concurrently(urls, lambda u: client.get(u).body, workers=4))
    assert [u for u, _ in results] == urls
    assert [r for _, r in results] == [f"/item?n={n}".encode() for n in range(12)]
    assert server.most_in_flight == 4


def test_one_failure_does_not_stop_the_others(server: LocalServer) -> None:
    good = server.page("/good", "<p>ok</p>")
    bad = server.page("/bad", "no", status=404)
    client, _ = fetcher()
    with client:
        results = dict(concurrently([good, bad, good], lambda u: client.get(u).body))
    assert results[good] == b"<p>ok</p>"
    assert isinstance(results[bad], FetchError)
