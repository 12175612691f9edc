"""A local HTTP server for the network tests: 127.0.0.1, a free port, a thread.

Routes are plain functions registered by path; each gets the request handler and
answers through it. The server counts hits per path, remembers request headers and how
many requests were in flight at once, and knows how many body bytes a streaming route
managed to write before the client hung up. Nothing here ever leaves the machine.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: LocalServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def do_GET(self) -> None:
        server = self.server
        path = self.path.split("?", 1)[0]
        with server.lock:
            server.hits[path] = server.hits.get(path, 0) + 1
            server.headers.setdefault(path, []).append(dict(self.headers.items()))
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
        try:
            route = server.routes.get(path)
            if route is None:
                self.answer(404, b"not here", "text/plain")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with server.lock:
                server.in_flight -= 1

    def answer(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.answer(status, b"", "text/plain", {"Location": location})


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.headers: dict[str, list[dict[str, str]]] = {}
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        #: bytes a streaming route wrote, by path (see :meth:`stream`)
        self.sent: dict[str, int] = {}
        #: set when the test ends: slow routes stop waiting
        self.stopping = threading.Event()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up mid-answer is what the size-limit tests ask reader to do:
        no traceback for that in the test output; anything else is printed as usual."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str) -> Callable[[Route], Route]:
        def register(fn: Route) -> Route:
            self.routes[path] = fn
            return fn

        return register

    def page(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        status: int = 200,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda h: h.answer(status, data, content_type, headers)
        return self.url(path)

    def stream(self, path: str, total: int, content_type: str = "text/html") -> str:
        """A route writing ``total`` bytes without a Content-Length, counting what it got out."""

        def send(h: Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", content_type)
            h.send_header("Connection", "close")
            h.end_headers()
            chunk = b"<p>" + b"x" * 65_000 + b"</p>\n"
            written = 0
            try:
                while written < total and not self.stopping.is_set():
                    h.wfile.write(chunk)
                    written += len(chunk)
            finally:
                with self.lock:
                    self.sent[path] = written
            h.close_connection = True

        self.routes[path] = send
        return self.url(path)


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
