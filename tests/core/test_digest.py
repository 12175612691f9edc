"""The cache digest works on a Python built without ``_blake2`` (no BLAKE2 in hashlib)."""

from __future__ import annotations

import importlib
import sys

import pytest

import reader.core.digest


def test_digest_is_32_bytes_of_blake2b() -> None:
    import hashlib

    made = reader.core.digest.digest(b"one")
    made.update(b" two")
    expected = hashlib.blake2b(b"one two", digest_size=32).hexdigest()
    assert made.hexdigest() == expected
    assert len(made.digest()) == reader.core.digest.DIGEST_SIZE


def test_without_blake2_the_digest_is_sha256(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    monkeypatch.setitem(sys.modules, "_blake2", None)  # import _blake2 raises ImportError
    try:
        fallback = importlib.reload(reader.core.digest)
        made = fallback.digest(b"one")
        made.update(b" two")
        assert made.hexdigest() == hashlib.sha256(b"one two").hexdigest()
        assert len(made.digest()) == fallback.DIGEST_SIZE
    finally:
        monkeypatch.undo()
        importlib.reload(reader.core.digest)
