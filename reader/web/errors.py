"""The one error reader's web code raises: a URL that could not be fetched, in one line.

It lives apart from the client (:mod:`reader.web.fetch`) because the parts the client
is made of (checking a URL, undoing a content encoding) raise it too.
"""

from __future__ import annotations

from reader.core.errors import ReaderError


class FetchError(ReaderError):
    """A URL that could not be fetched, with the reason in one line.

    ``transient`` says whether asking again later may succeed (timeouts, dropped
    connections, busy servers); the client retries those itself before raising.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


__all__ = ["FetchError"]
