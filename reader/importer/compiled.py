"""The optional C tokenizer, ``_speedups.c``: loaded when it was built and is current.

Tokenising is the one step of the importer that pure Python cannot make fast enough
(every part of it was already a C-level call; the passes and a string per chunk were the
cost), so it has a C version, built at install time where a compiler is found, the way
MarkupSafe ships its ``_speedups``. Everything works without it: :mod:`.attribution.tokens` keeps
the pure-Python path, and both give the same tokens.

A compiled module carries the SHA-256 of the source it was built from (``_speedups.c``
and the ``_speedups_*.h`` parts it includes). In a checkout whose source has changed
since the last ``pip install``, the stale binary is
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


def sources() -> list[Path]:
    """The module's source: ``_speedups.c``, then the ``_speedups_*.h`` parts it
    includes, by name (as ``hatch_build.sources`` lists them for the build)."""
    return [SOURCE, *sorted(SOURCE.parent.glob("_speedups_*.h"), key=lambda p: p.name)]


def source_sha256() -> str | None:
    """The SHA-256 of the source files one after another; None if they are not here."""
    digest = hashlib.sha256()
    try:
        for path in sources():
            digest.update(path.read_bytes())
    except OSError:  # an installed wheel need not carry the source
        return None
    return digest.hexdigest()


def is_current(module: ModuleType) -> bool:
    """Was ``module`` built from the source beside it (if that is there)?"""
    current = source_sha256()
    return current is None or getattr(module, "SOURCE_SHA256", None) == current
