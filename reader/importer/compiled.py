"""The optional C tokenizer, ``_speedups.c``: loaded when it was built and is current.

Tokenising is the one step of the importer that pure Python cannot make fast enough
(every part of it was already a C-level call; the passes and a string per chunk were the
cost), so it has a C version, built at install time where a compiler is found, the way
MarkupSafe ships its ``_speedups``. Everything works without it: :mod:`.attribution.tokens` keeps
the pure-Python path, and both give the same tokens.

A compiled module carries the SHA-256 of the source it was built from. In a checkout
whose ``_speedups.c`` has changed since the last ``pip install``, the stale binary is
not used (tests/test_speedups_build.py says so, and how to rebuild).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import ModuleType

#: Set to 1 to import with the pure-Python tokenizer (to compare, or to rule C out).
DISABLE_VARIABLE = "READER_NO_SPEEDUPS"
SOURCE = Path(__file__).with_name("_speedups.c")


def speedups() -> ModuleType | None:
    """The compiled module, or None: not built, disabled, or older than its source."""
    if os.environ.get(DISABLE_VARIABLE, "") not in ("", "0"):
        return None
    try:
        from reader.importer import _speedups
    except ImportError:
        return None
    if not is_current(_speedups):
        return None
    return _speedups


def is_current(module: ModuleType) -> bool:
    """Was ``module`` built from the ``_speedups.c`` beside it (if that is there)?"""
    try:
        source = SOURCE.read_bytes()
    except OSError:  # an installed wheel need not carry the source
        return True
    return getattr(module, "SOURCE_SHA256", None) == hashlib.sha256(source).hexdigest()
