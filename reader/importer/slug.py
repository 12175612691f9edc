"""Ids and file names made from titles and names: ASCII, lower-case, always safe.

A title comes from untrusted text, and its slug becomes a file name, so the slug can
only ever hold ``a-z``, ``0-9`` and single hyphens: no ``..``, no path separators, no
NUL, never empty, never a name Windows reserves for a device.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
#: Device names Windows refuses as file names, with or without an extension.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
MAX_SLUG = 80


def slugify(text: str, *, fallback: str = "article", limit: int = MAX_SLUG) -> str:
    """``"Moskow dan Washington …"`` → ``"moskow-dan-washington-…"``; ``fallback`` if empty."""
    if text.isascii():
        # (most names and many titles: NFKD and the round trip through bytes change no
        # ASCII text, and a word of letters and digits is its own slug)
        lower = text.lower()
        slug = lower if lower.isalnum() else _NON_ALNUM.sub("-", lower).strip("-")
    else:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        slug = _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
        slug = slug.strip("-")
    if not slug:
        slug = fallback
    if slug in RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


def unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3`` … if it is already in ``taken`` (which is updated)."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
