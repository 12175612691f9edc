"""The words reader itself prints around an article ("Photo:", "indirect"), in its language.

The words are data (``labels.json`` beside this module), one table per language, so a
language is added by adding its table, not by code. A language without a table, or a
table without the word, gives the English word: an article in any language still reads.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

FALLBACK = "en"


@cache
def _tables() -> dict[str, dict[str, str]]:
    data = json.loads(Path(__file__).with_name("labels.json").read_text(encoding="utf-8"))
    return {lang: words for lang, words in data.items() if not lang.startswith("_")}


def label(key: str, language: str) -> str:
    """The word ``key`` in ``language`` (a code like ``id``, ``en`` or ``en-GB``)."""
    tables = _tables()
    primary = language.replace("_", "-").split("-", 1)[0].strip().lower()
    words = tables.get(primary, {})
    return words.get(key) or tables[FALLBACK][key]
