"""reader in a browser: textual-serve, with a page that loads nothing from outside.

textual-serve starts one ``reader`` process per browser tab and relays its terminal to
xterm.js in the page. Its page template asks a font host for Roboto Mono; reader's copy
(``templates/app_index.html``) uses the Roboto Mono that textual-serve itself ships,
from this server, so the page works with no internet and tells no third party who
reads what. Every URL in the page is relative to the host it came from.

textual-serve has no authentication: whoever reaches the port runs reader as the user
who started it. The CLI binds to loopback unless told otherwise (``reader serve``).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: textual-serve's own static files (xterm.js, its CSS, the Roboto Mono font files)
STATICS = Path(sys.modules[Server.__module__].__file__ or ".").resolve().parent / "static"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only: ``localhost``, 127.0.0.0/8 or ::1."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def address(host: str, port: int) -> str:
    """The URL to open: ``http://127.0.0.1:8000/`` (``http://[::1]:8000/`` for IPv6)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def app_command(path: Path) -> str:
    """The shell command textual-serve runs for each tab: this Python, this reader."""
    return shlex.join([sys.executable, "-m", "reader", str(path)])


class ReaderServer(Server):
    """textual-serve's server with reader's page and reader's start-up message."""

    def __init__(self, path: Path, *, host: str, port: int, title: str) -> None:
        super().__init__(
            app_command(path),
            host=host.strip("[]"),
            port=port,
            title=title,
            public_url=address(host, port).rstrip("/"),
            statics_path=STATICS,
            templates_path=TEMPLATES,
        )
        self.path = path
        #: the handler of each open tab, so that ctrl+c can end them at once
        self._tabs: set[asyncio.Task[Any]] = set()

    def initialize_logging(self) -> None:
        """Only warnings and errors: a line per connection is noise in the terminal."""
        super().initialize_logging()
        import logging

        logging.getLogger("textual-serve").setLevel(logging.WARNING)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: Any) -> None:
        """Nothing to say yet: the port is bound only after start-up (see serve)."""

    def serve(self, debug: bool = False) -> None:
        """Serve until ctrl+c (or SIGTERM); the address is printed once it listens.

        textual-serve's own ``serve``, but for that message: aiohttp calls ``print``
        after the socket is bound, whereas its ``on_startup`` comes before, when a
        browser (or a test) told the address would still be refused.
        """
        from aiohttp import web

        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # not on Windows
                loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
        )

    def _listening(self, *_args: object) -> None:
        print(f"reader: serving {self.path} at {self.public_url}/ (ctrl+c stops)", flush=True)

    async def handle_websocket(self, request: Any) -> Any:
        task = asyncio.current_task()
        if task is not None:
            self._tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            if task is not None:
                self._tabs.discard(task)

    async def on_shutdown(self, app: Any) -> None:
        """ctrl+c: end every tab now. A tab's handler waits on its websocket, which the
        browser keeps open, so the server would otherwise wait for the heartbeat to
        time out (about 25 s); cancelled, each handler quits its app and closes."""
        for task in list(self._tabs):
            task.cancel()
        if self._tabs:
            await asyncio.wait(list(self._tabs), timeout=10)
