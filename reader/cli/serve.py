"""``reader serve``: reader in a web browser, one app process per tab (textual-serve).

Binds to loopback by default. textual-serve has no authentication, so any other address
needs ``--public`` and gets a warning: put it behind a reverse proxy that authenticates.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import EXIT_OK, Commands, add_article_path

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "serve",
        help="serve reader to a web browser",
        description=(
            "Serve reader to web browsers with textual-serve: each tab runs its own reader. "
            "Open the address it prints; ctrl+c stops it."
        ),
    )
    add_article_path(parser)
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="allow an address other machines can reach (there is no login: use a proxy)",
    )


def run(ns: argparse.Namespace) -> int:
    from reader.core.errors import ReaderError
    from reader.core.format import load_article
    from reader.resources import default_article
    from reader.ui.browser.server import ReaderServer, is_loopback
    from reader.ui.factory import resolve_target

    if not 0 < ns.port < 65536:
        raise _usage(f"--port {ns.port}: expected a port from 1 to 65535")
    if not is_loopback(ns.host):
        if not ns.public:
            raise _usage(
                f"--host {ns.host} is reachable from other machines and textual-serve has "
                "no authentication: add --public to serve it anyway"
            )
        print(
            f"reader: warning: serving on {ns.host} to anyone who can reach it; "
            "textual-serve has no authentication, put it behind a reverse proxy that has",
            file=sys.stderr,
        )
    target = resolve_target(ns.path if ns.path is not None else default_article())
    # a broken article is one line here, not a broken page in every tab
    title = "reader"
    if target.is_file():
        title = f"reader — {load_article(target).title}"
    server = ReaderServer(target.resolve(), host=ns.host, port=ns.port, title=title)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, the address is not this machine's…
        raise ReaderError(f"cannot serve on {ns.host}:{ns.port}: {exc.strerror or exc}") from None
    return EXIT_OK


def _usage(message: str) -> Exception:
    from reader.core.errors import ReaderError

    error = ReaderError(f"serve: {message}")
    error.exit_code = 2
    return error
