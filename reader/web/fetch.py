"""Fetching one URL the way a careful client does: bounded in time, size and redirects.

Every server may be hostile or broken: it may never answer, answer one byte a minute,
send a 100 MB page, a gzip bomb, redirect in a circle, or say it sends HTML and send a
PDF. So: connect and read timeouts and a deadline for the whole response; redirects
followed by hand (at most :attr:`Limits.max_redirects`, only to http(s), a loop named as
one); the body streamed and dropped the moment it passes :attr:`Limits.max_bytes`; the
content encoding undone by decompressors asked for a bounded amount of output at a time
(:mod:`reader.web.decoding`), so a bomb is stopped at :attr:`Limits.max_decoded_bytes`
without ever being inflated in memory; a transient failure (timeout, dropped connection,
429/5xx) retried a few times with growing pauses, anything else failing at once with one line.

httpx does the HTTP (connection pooling, TLS, HTTP/1.1 parsing, proxies from the
environment); only the policy is written here.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from reader import __version__
from reader.web.decoding import ACCEPT_ENCODING, decoders_for, feed
from reader.web.errors import FetchError
from reader.web.parallel import MAX_CONCURRENT
from reader.web.urls import looks_like_url

USER_AGENT = f"reader/{__version__} (terminal news reader; fetches only what its user asks for)"
#: The schemes reader fetches; ``file:``, ``ftp:``, ``data:`` and the rest are refused.
SCHEMES = frozenset({"http", "https"})
#: Longest URL accepted (browsers and servers commonly stop near 8 KB).
MAX_URL = 8192
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Statuses worth asking again: the server is busy or a gateway hiccuped.
_TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_CHUNK = 64 * 1024

__all__ = [
    "USER_AGENT",
    "FetchError",
    "Fetcher",
    "Limits",
    "Response",
    "check_url",
    "looks_like_url",
]


@dataclass(frozen=True)
class Limits:
    """What one fetch may cost. Defaults fit news pages and feeds with room to spare."""

    connect_timeout: float = 10.0
    #: Longest silence while reading; a server that trickles bytes is stopped by
    #: ``deadline`` instead.
    read_timeout: float = 20.0
    #: Longest a whole response may take, first byte to last.
    deadline: float = 60.0
    max_redirects: int = 5
    #: Bytes read off the wire (compressed) ...
    max_bytes: int = 8 * 1024 * 1024
    #: ... and after the content encoding is undone.
    max_decoded_bytes: int = 16 * 1024 * 1024
    #: Tries after the first, for transient failures only.
    retries: int = 2
    #: First pause between tries, doubled each time; a server's Retry-After is honoured
    #: up to ``max_pause``.
    backoff: float = 1.0
    max_pause: float = 30.0


@dataclass(frozen=True)
class Response:
    """A fetched body, decoded from its content encoding but not from its charset."""

    url: str
    status: int
    media_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request: nothing new to read."""
        return self.status == 304


def check_url(url: str) -> str:
    """``url`` if reader may fetch it (http or https, with a host), else ReaderError."""
    if len(url) > MAX_URL:
        raise FetchError(f"URL is too long ({len(url):,} characters; the limit is {MAX_URL:,})")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise FetchError(f"{url}: not a valid URL") from None
    if parts.scheme.lower() not in SCHEMES:
        scheme = parts.scheme or "no scheme"
        raise FetchError(f"{url}: only http and https URLs are fetched, not {scheme}")
    if not parts.hostname:
        raise FetchError(f"{url}: no host in the URL")
    return url


def _media_type(content_type: str) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from a Content-Type header."""
    kind, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return kind.strip().lower(), charset


def _cause_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _transport_error(url: str, exc: httpx.TransportError) -> FetchError:
    """One line for a failure below HTTP, and whether it is worth trying again."""
    host = urlsplit(url).hostname or url
    if any(isinstance(e, socket.gaierror) for e in _cause_chain(exc)):
        return FetchError(f"{url}: cannot find the host {host} (DNS lookup failed)")
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError(f"{url}: timed out connecting to {host}", transient=True)
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"{url}: timed out waiting for {host}", transient=True)
    if isinstance(exc, httpx.ConnectError):
        refused = any(isinstance(e, ConnectionRefusedError) for e in _cause_chain(exc))
        reason = "connection refused" if refused else "cannot connect"
        return FetchError(f"{url}: {reason} by {host}", transient=True)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError(f"{url}: only http and https URLs are fetched")
    if isinstance(exc, httpx.ProxyError):
        return FetchError(f"{url}: the proxy refused the request")
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError):
        return FetchError(f"{url}: the connection to {host} broke off", transient=True)
    return FetchError(f"{url}: the server's answer could not be read (bad HTTP)")


def _retry_after(value: str | None, limits: Limits) -> float | None:
    """A server's Retry-After (seconds or an HTTP date), capped, or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), limits.max_pause)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), limits.max_pause))


@dataclass
class Fetcher:
    """A pooled HTTP client with reader's limits; use as a context manager or ``close()``.

    ``sleep`` is how it pauses between tries and ``clock`` how it times a response
    (tests pass their own, so that no test waits on the wall clock).
    Safe to share between the few threads of :func:`concurrently`.
    """

    limits: Limits = field(default_factory=Limits)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    user_agent: str = USER_AGENT
    _client: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        timeout = httpx.Timeout(
            connect=self.limits.connect_timeout,
            read=self.limits.read_timeout,
            write=self.limits.read_timeout,
            pool=self.limits.deadline,
        )
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            limits=httpx.Limits(max_connections=MAX_CONCURRENT * 2),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        accept: str = "*/*",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """Fetch ``url``: the final response after redirects, or FetchError (one line).

        ``etag``/``last_modified`` make the request conditional (a feed fetched before):
        the answer may then be a 304 (:attr:`Response.not_modified`) with no body.
        """
        check_url(url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        pause = self.limits.backoff
        for attempt in range(self.limits.retries + 1):
            try:
                return self._follow(url, headers)
            except _Retry as retry:
                if attempt == self.limits.retries:
                    raise retry.error from None
                wait = retry.after if retry.after is not None else pause
                self.sleep(min(wait, self.limits.max_pause))
                pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        seen = {url}
        current = url
        for _ in range(self.limits.max_redirects + 1):
            result = self._once(current, headers)
            if isinstance(result, Response):
                return result
            target = urljoin(current, result)
            try:
                check_url(target)
            except FetchError:
                raise FetchError(f"{url}: redirected to a URL reader does not fetch") from None
            if target in seen:
                raise FetchError(f"{url}: redirect loop")
            seen.add(target)
            current = target
        raise FetchError(f"{url}: too many redirects (more than {self.limits.max_redirects})")

    def _once(self, url: str, headers: dict[str, str]) -> Response | str:
        """One request: the response, or the Location it redirects to."""
        started = self.clock()
        try:
            with self._client.stream("GET", url, headers=headers) as answer:
                status = answer.status_code
                if status in _REDIRECTS:
                    location: str | None = answer.headers.get("Location")
                    if not location:
                        raise FetchError(f"{url}: redirect without a location (HTTP {status})")
                    return location
                if status in _TRANSIENT_STATUS:
                    error = FetchError(
                        f"{url}: HTTP {status} {answer.reason_phrase}", transient=True
                    )
                    raise _Retry(
                        error, _retry_after(answer.headers.get("Retry-After"), self.limits)
                    )
                if status != 304 and not 200 <= status < 300:
                    raise FetchError(f"{url}: HTTP {status} {answer.reason_phrase}".rstrip())
                media_type, charset = _media_type(answer.headers.get("Content-Type", ""))
                body = b"" if status == 304 else self._body(url, answer, started)
                return Response(
                    url=url,
                    status=status,
                    media_type=media_type,
                    charset=charset,
                    body=body,
                    etag=answer.headers.get("ETag"),
                    last_modified=answer.headers.get("Last-Modified"),
                )
        except httpx.TransportError as exc:
            error = _transport_error(url, exc)
            if error.transient:
                raise _Retry(error, None) from None
            raise error from None
        except httpx.HTTPError as exc:  # invalid URL and the like, caught by check_url first
            raise FetchError(f"{url}: cannot fetch ({type(exc).__name__})") from None

    def _body(self, url: str, answer: httpx.Response, started: float) -> bytes:
        limits = self.limits
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(
                f"{url}: too large ({int(declared):,} bytes; the limit is {limits.max_bytes:,})"
            )
        decoders = decoders_for(answer.headers.get("Content-Encoding", ""), url)
        chunks: list[bytes] = []
        wire = decoded = 0
        for raw in answer.iter_raw(_CHUNK):
            wire += len(raw)
            if wire > limits.max_bytes:
                raise FetchError(f"{url}: too large (more than {limits.max_bytes:,} bytes)")
            if self.clock() - started > limits.deadline:
                raise _Retry(
                    FetchError(f"{url}: too slow (over {limits.deadline:g} s)", transient=True),
                    None,
                )
            data = raw
            for decoder in decoders:
                data = feed(decoder, data, limits.max_decoded_bytes - decoded, url)
            decoded += len(data)
            if decoded > limits.max_decoded_bytes:
                most = limits.max_decoded_bytes
                raise FetchError(f"{url}: too large once decompressed (more than {most:,} bytes)")
            chunks.append(data)
        return b"".join(chunks)


class _Retry(Exception):
    """Internal: a transient failure, with the server's Retry-After if it gave one."""

    def __init__(self, error: FetchError, after: float | None) -> None:
        super().__init__(str(error))
        self.error = error
        self.after = after
