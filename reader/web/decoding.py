"""Undoing a response's content encoding (gzip, deflate, brotli) in bounded memory.

A server may send a gzip bomb: a kilobyte that inflates to gigabytes. So the body is
never inflated in one call: each decompressor is asked for at most the room left under
the fetch's limit (plus one byte, to tell "exactly full" from "over"), and the fetcher
(:mod:`reader.web.fetch`) stops the moment the limit is passed. A corrupt body or an
encoding reader does not know is a :class:`~reader.web.errors.FetchError` in one line.
"""

from __future__ import annotations

import zlib
from typing import Protocol

from reader.web.errors import FetchError


class Decoder(Protocol):
    """Undoes one content encoding, giving at most ``room + 1`` bytes per call."""

    def feed(self, data: bytes, room: int) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, room: int) -> bytes:
        return data


class _Zlib:
    """gzip or deflate, never asked for more than ``room + 1`` bytes at a time.

    ``decompress(data, max_length)`` keeps the rest of the input in ``unconsumed_tail``,
    so a kilobyte that inflates to a gigabyte costs at most ``room`` bytes of memory.
    "deflate" is zlib-wrapped by the standard and raw on some servers: the first bytes
    tell which.
    """

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._z: zlib._Decompress | None = None

    def feed(self, data: bytes, room: int) -> bytes:
        if self._z is None:
            if self._gzip:
                wbits = 16 + zlib.MAX_WBITS
            else:
                zlib_header = (
                    len(data) >= 2 and (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
                )
                wbits = zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS
            self._z = zlib.decompressobj(wbits)
        out: list[bytes] = []
        total = 0
        pending = data
        while pending:
            piece = self._z.decompress(pending, room - total + 1)
            out.append(piece)
            total += len(piece)
            if total > room:
                break
            pending = self._z.unconsumed_tail
        return b"".join(out)


class _Brotli:
    def __init__(self) -> None:
        import brotli

        self._d = brotli.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        out = [self._d.process(data, output_buffer_limit=room + 1)]
        total = len(out[0])
        while total <= room and not self._d.can_accept_more_data():
            piece = self._d.process(b"", output_buffer_limit=room - total + 1)
            if not piece:
                break
            out.append(piece)
            total += len(piece)
        return b"".join(out)


ACCEPT_ENCODING = "gzip, deflate, br"


def decoders_for(content_encoding: str, url: str) -> list[Decoder]:
    """The decoders for a Content-Encoding header, in the order they are undone."""
    decoders: list[Decoder] = []
    for name in reversed([n.strip().lower() for n in content_encoding.split(",") if n.strip()]):
        if name in ("gzip", "x-gzip"):
            decoders.append(_Zlib(gzip=True))
        elif name == "deflate":
            decoders.append(_Zlib(gzip=False))
        elif name == "br":
            decoders.append(_Brotli())
        elif name != "identity":
            raise FetchError(f"{url}: the server sent an unsupported content encoding ({name})")
    return decoders or [_Identity()]


def feed(decoder: Decoder, data: bytes, room: int, url: str) -> bytes:
    try:
        return decoder.feed(data, max(room, 0))
    except (zlib.error, ValueError, OSError) as exc:
        raise FetchError(f"{url}: the compressed body is corrupt") from exc
    except Exception as exc:  # brotli.error is a plain Exception subclass
        if type(exc).__module__.startswith(("brotli", "_brotli")):
            raise FetchError(f"{url}: the compressed body is corrupt") from exc
        raise


__all__ = ["ACCEPT_ENCODING", "Decoder", "decoders_for", "feed"]
