"""Repair the common mojibake of punctuation: UTF-8 text that was once read as cp1252.

Pages copied through a mis-declared encoding arrive with “ as ``â€œ`` and ’ as ``â€™``.
Quote detection depends on those marks, so they are mapped back. Only sequences that
cannot occur in real text are touched, longest first, in one linear pass.
"""

from __future__ import annotations

import re
import unicodedata

_TABLE: dict[str, str] = {
    "â€œ": "“",
    "â€\x9d": "”",
    "â€™": "’",
    "â€˜": "‘",
    "â€“": "–",
    "â€”": "—",
    "â€¦": "…",
    "â€¢": "•",
    "â€ž": "„",
    "Â«": "«",
    "Â»": "»",
    "Â©": "©",
    "Â\xa0": "\xa0",
    "Ã©": "é",
    "Ã¨": "è",
    "Ã¡": "á",
    "Ã­": "í",
    "Ã³": "ó",
    "Ãº": "ú",
    "Ã±": "ñ",
    "Ã¶": "ö",
    "Ã¼": "ü",
    "Ã¤": "ä",
    "Ã§": "ç",
    # The closing double mark's last byte (0x9d) is undefined in cp1252 and is usually
    # lost on the way, leaving only its first two characters.
    "â€": "”",
}
_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(_TABLE, key=len, reverse=True)))


def repair_mojibake(text: str) -> str:
    """``text`` with cp1252-mojibake of quote marks and common letters undone."""
    # "â" first: a search for one character runs at memory speed, one for two does not
    if ("â" not in text or "â€" not in text) and "Ã" not in text and "Â" not in text:
        return text
    return _PATTERN.sub(lambda m: _TABLE[m.group(0)], text)


def repaired(text: str) -> str:
    """``text`` composed (NFC) and then repaired: the one way every input path (raw text,
    web pages) makes text ready. Text written decomposed (a letter and its accent apart,
    as some systems copy it) is composed first, so "Peña" is one word and its mojibake
    is recognised."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return repair_mojibake(text)
