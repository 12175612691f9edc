"""The one hash reader keys and checks its own cache files with: BLAKE2b, 32 bytes.

Taken from CPython's ``_blake2`` module, which is what ``hashlib.blake2b`` is, without
importing ``hashlib``: that loads OpenSSL, ~1 ms of every start before the first paint
(the app checks its parsed-styles file and keys the article it opens with a digest). The
digests only name and check files reader wrote itself; they guard against a damaged or
changed file, not against an adversary who can write to the user's cache folder.

A Python built without ``_blake2`` has no ``hashlib.blake2b`` either (hashlib's is the
same module), so there the digest is SHA-256, also 32 bytes: the cache files' names and
checks differ, so caches written by the other kind are simply not found and are made
again, never misread.
"""

from __future__ import annotations

from typing import Protocol


class Hash(Protocol):
    """What reader asks of a hash object (``hashlib``'s and ``_blake2``'s alike)."""

    def update(self, data: bytes | memoryview, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...


#: Bytes of a digest; its hex text is twice as long (64 characters).
DIGEST_SIZE = 32

try:
    from _blake2 import blake2b
except ImportError:  # a Python without the _blake2 module (hashlib has no blake2b then)
    import hashlib

    def digest(data: bytes = b"") -> Hash:
        """A SHA-256 hash of ``data`` (32 bytes, as BLAKE2b's here), ``update`` it with more."""
        return hashlib.sha256(data)

else:

    def digest(data: bytes = b"") -> Hash:
        """A BLAKE2b hash of ``data``, ``update`` it with more; ``hexdigest()`` is 64 characters."""
        return blake2b(data, digest_size=DIGEST_SIZE)


__all__ = ["DIGEST_SIZE", "Hash", "digest"]
