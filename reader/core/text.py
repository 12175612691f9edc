"""Make untrusted text safe to show: article text is data, never terminal control.

Articles come from the web. Anything that a terminal would act on (escape sequences,
other C0/C1 control characters) or that would mislead a reader (bidi overrides that
reorder what is shown, invisible zero-width characters, storms of combining marks) is
removed here, once, when text enters reader. Markup such as ``[bold]`` is left as it is:
it is plain text, and every renderer in reader shows it literally.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except TAB and LF, DEL, C1 controls.
_CONTROL = "".join(
    chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))
)
# Bidi embeddings, overrides and isolates, and marks that only steer direction.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width and other invisible format characters that hide text or split words.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"

_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI … final byte
    | \x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC, DCS, SOS, PM, APC … terminator
    | \x9b[0-?]*[ -/]*[@-~]            # 8-bit CSI
    | [\x90\x9d\x98\x9e\x9f][^\x07\x9c\x1b]*(?:\x07|\x9c|\x1b\\)?  # 8-bit string controls
    | \x1b[ -/]*[0-~]                  # other two-byte escapes
    """,
    re.VERBOSE,
)
_DELETE = str.maketrans("", "", _CONTROL + _BIDI + _INVISIBLE)
_NEEDS_WORK = re.compile(f"[{re.escape(_CONTROL + _BIDI + _INVISIBLE)}]")

#: Most combining marks kept on one base character; real scripts need at most a few.
MAX_COMBINING = 4
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING_RUN = re.compile(f"([{_MARKS}]{{{MAX_COMBINING}}})[{_MARKS}]+")


def clean_text(text: str) -> str:
    """Strip terminal control and misleading invisible characters from ``text``.

    Tabs become spaces; newlines are kept (callers that need one line fold them).
    Fast on clean text: a single regex scan finds nothing and returns the input.
    """
    if _NEEDS_WORK.search(text):
        text = text.replace("\t", " ")
        text = _ESCAPE_SEQUENCE.sub("", text)
        text = text.translate(_DELETE)
    elif "\t" in text:
        text = text.replace("\t", " ")
    if _has_combining(text):
        text = _COMBINING_RUN.sub(r"\1", text)
    return text


def _has_combining(text: str) -> bool:
    return (
        any(unicodedata.combining(ch) for ch in text)
        if len(text) < 64
        else bool(_COMBINING_RUN.search(text))
    )


def one_line(text: str) -> str:
    """Clean text folded onto one line (for lists, headers and error messages)."""
    return " ".join(clean_text(text).split())
