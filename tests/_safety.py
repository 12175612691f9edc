"""What counts as safe text in reader's output, spelled out for the tests.

Deliberately independent of ``reader.core.text``: the unsafe characters are listed here
again, so that a regression in the cleaner makes the tests that use these checks fail.
Shared by the property tests (tests/core) and the hostile-input tests (tests/hostile).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

#: Characters that must never reach the terminal from article text: C0 controls (TAB
#: too: it becomes a space) except LF, DEL, C1 controls, bidi controls, zero-width and
#: other invisible format characters, line/paragraph separators, Unicode tag characters.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\u2028\u2029\U000e0000-\U000e007f]"
)


def strings(value: Any) -> Iterator[str]:
    """Every string inside a model object, tuple, list or dict."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)


def unsafe_in(text: str) -> list[str]:
    """The unsafe characters in ``text``, spelled out (empty when safe)."""
    return sorted({f"U+{ord(m.group()):04X}" for m in UNSAFE.finditer(text)})


def longest_mark_run(text: str) -> int:
    best = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        best = max(best, run)
    return best


def is_safe(text: str) -> bool:
    """True when ``text`` holds nothing unsafe but newlines."""
    return UNSAFE.search(text.replace("\n", "")) is None
