"""The local server fixture: every network test talks to 127.0.0.1, never the internet."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from _local_server import LocalServer


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    # A proxy set in the environment must not see (or swallow) the local requests.
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    local = LocalServer()
    thread = threading.Thread(target=local.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield local
    finally:
        local.stopping.set()
        local.shutdown()
        local.server_close()
        thread.join(timeout=10)
