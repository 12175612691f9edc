"""The one hash reader keys and checks its own cache files with: BLAKE2b, 32 bytes.

Taken from CPython's ``_blake2`` module, which is what ``hashlib.blake2b`` is, without
importing ``hashlib``: that loads OpenSSL, ~1 ms of every start before the first paint
(the app checks its parsed-styles file and keys the article it opens with a digest). The
digests only name and check files reader wrote itself; they guard against a damaged or
changed file, not against an adversary who can write to the user's cache folder.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the _blake2 module
    from hashlib import blake2b

#: Bytes of a digest; its hex text is twice as long (64 characters).
DIGEST_SIZE = 32


def digest(data: bytes = b"") -> blake2b:
    """A BLAKE2b hash of ``data``, ``update`` it with more; ``hexdigest()`` is 64 characters."""
    return blake2b(data, digest_size=DIGEST_SIZE)


__all__ = ["DIGEST_SIZE", "blake2b", "digest"]
