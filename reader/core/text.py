"""Make untrusted text safe to show: article text is data, never terminal control.

Articles come from the web. Anything that a terminal would act on (escape sequences,
other C0/C1 control characters) or that would mislead a reader (bidi overrides that
reorder what is shown, invisible zero-width characters, storms of combining marks) is
removed here, once, when text enters reader. Markup such as ``[bold]`` is left as it is:
it is plain text, and every renderer in reader shows it literally.

:func:`visible` is the counterpart for messages: instead of deleting such characters it
spells them out (``\\x1b``), so an error about a hostile file name or value shows what is
really there without letting the terminal act on it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from itertools import compress
from operator import not_

# C0 controls except TAB and LF, DEL, C1 controls.
_CONTROL = "".join(
    chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))
)
# Bidi embeddings, overrides and isolates, and marks that only steer direction.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width and other invisible characters that hide text, split words or smuggle
# data: soft hyphen, zero-width space/joiners, word joiner and invisible operators,
# the BOM, the combining grapheme joiner, Hangul and Khmer fillers that render as
# nothing, deprecated format controls, interlinear annotation marks and the Unicode
# "tag" characters (invisible copies of ASCII).
_INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufeff\uffa0\ufff9\ufffa\ufffb" + "".join(chr(c) for c in range(0xE0000, 0xE0080))
)
# Line and paragraph separators: layout breaks that terminals do not agree on.
_SEPARATORS = "\u2028\u2029"

_UNSAFE = _CONTROL + _BIDI + _INVISIBLE

# Escape sequences are removed whole, not just their ESC, so that their payload (an
# OSC 8 target, an OSC 52 clipboard text, DCS data) does not show up as text. A string
# control that is never terminated ends at the end of its line, so one stray ESC cannot
# swallow the rest of an article.
_ESCAPE_SEQUENCE_SOURCE = r"""
    \x1b\[[0-?]*[ -/]*[@-~]                              # CSI … final byte
    | \x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # OSC, DCS, SOS, PM, APC … ST
    | \x9b[0-?]*[ -/]*[@-~]                              # 8-bit CSI
    | [\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x9c|\x1b\\)?  # 8-bit string controls
    | \x1b[ -/]*[0-~]                                    # other escapes (ESC 7, ESC ( B …)
    """


# The table and the patterns below are made when first needed, not on import: some 3.5 ms
# before the app's first paint, which mostly shows text that needs none of them.
@functools.cache
def _escape_sequence() -> re.Pattern[str]:
    """Any escape sequence (``_ESCAPE_SEQUENCE``)."""
    return re.compile(_ESCAPE_SEQUENCE_SOURCE, re.VERBOSE)


def _lone_surrogates() -> str:
    """Lone surrogates (text decoded with surrogateescape) cannot be written to a
    terminal or a UTF-8 file at all: they become U+FFFD."""
    return "".join(chr(c) for c in range(0xD800, 0xE000))


@functools.cache
def _translate_table() -> dict[int, str | None]:
    """What clean_text maps or drops (``_TRANSLATE``)."""
    return str.maketrans(
        {
            **{ch: None for ch in _UNSAFE},
            **{ch: "\ufffd" for ch in _lone_surrogates()},
            "\t": " ",
            "\u2028": "\n",
            "\u2029": "\n",
        }
    )


@functools.cache
def _needs_work_pattern() -> re.Pattern[str]:
    """Any character clean_text works on (``_NEEDS_WORK``)."""
    return re.compile(f"[{re.escape(_UNSAFE + _SEPARATORS)}\t\ud800-\udfff]")


# Fast path: every character the regex above looks for is either not printable
# (``str.isprintable`` is False for all of Cc, Cf, Zl, Zp, Cs) or one of these few,
# computed from the same sets so that the two checks cannot drift apart. A text that
# is printable apart from its newlines and holds none of these needs no work.
_PRINTABLE_NEEDING_WORK = "".join(
    sorted(ch for ch in _UNSAFE + _SEPARATORS + "\t" if ch.isprintable())
)


#: Printable ASCII characters and the newline, as bytes. In UTF-8 each is one byte below
#: 0x80, and every byte of any other character is 0x80 or above.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def _unusual(text: str) -> str:
    """The characters of ``text`` other than printable ASCII and newlines, in order.

    At C speed and without asking the Unicode database about each character: deleting
    the bytes of :data:`_PLAIN_ASCII` from the UTF-8 text deletes exactly those
    characters and leaves every other one whole. An article's text is nearly all plain
    ASCII, so what is left (curly quotes, dashes, accented letters) is short, and the
    questions clean_text asks are asked of it instead of the whole text: whether the
    text is printable apart from its newlines, holds one of a few characters, holds a
    combining mark. ``surrogatepass``: a lone surrogate goes through unchanged.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(None, _PLAIN_ASCII).decode("utf-8", "surrogatepass")


def _needs_work(text: str, unusual: str | None = None) -> bool:
    """True when ``text`` may hold a character :data:`_NEEDS_WORK` matches.

    Exactly ``_NEEDS_WORK.search(text) is not None``, but mostly at C speed: the text's
    :func:`_unusual` characters (passed in when the caller has them) are asked whether
    they are printable and whether they hold one of :data:`_PRINTABLE_NEEDING_WORK`
    (none of which is ASCII), and the regex runs only over the lines that are not
    printable (a no-break space or another separator is enough for that; the regex then
    decides).
    """
    if unusual is None:
        unusual = _unusual(text)
    if unusual.isprintable():  # the text is printable apart from its newlines
        return _has_printable_needing_work(unusual)
    if _has_printable_needing_work(unusual):
        return True
    needs_work = _needs_work_pattern()
    return any(needs_work.search(line) is not None for line in _unprintable_lines(text))


def _has_printable_needing_work(text: str) -> bool:
    return any(ch in text for ch in _PRINTABLE_NEEDING_WORK)


def _unprintable_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` that are not printable, found at C speed."""
    lines = text.split("\n")
    return compress(lines, map(not_, map(str.isprintable, lines)))


def _work(text: str) -> str:
    """Remove escape sequences and map or drop the characters :data:`_TRANSLATE` lists.

    Line by line when only unprintable lines can need it (no escape sequence spans a
    newline, and no translated character is printable then): a long article with one
    stray no-break space or soft hyphen is not translated character by character.
    """
    if "\n" not in text or _has_printable_needing_work(text):
        return _work_line(text)
    lines = text.split("\n")
    printable = list(map(str.isprintable, lines))
    if sum(printable) < len(lines) // 2:
        return _work_line(text)
    return "\n".join(
        line if ok else _work_line(line) for line, ok in zip(lines, printable, strict=True)
    )


def _work_line(text: str) -> str:
    if "\x1b" in text or _has_c1_introducer(text):
        text = _escape_sequence().sub("", text)
    return text.translate(_translate_table())


#: Most combining marks kept on one base character; real scripts need at most a few.
MAX_COMBINING = 4
_MARK_CATEGORIES = frozenset({"Mn", "Me"})


def clean_text(text: str) -> str:
    """Strip terminal control and misleading invisible characters from ``text``.

    Tabs become spaces, line separators newlines; newlines are kept (callers that need
    one line fold them). Runs of more than :data:`MAX_COMBINING` combining marks are cut
    to that many. Fast on clean text: a single regex scan finds nothing to do.
    The result is stable: ``clean_text(clean_text(t)) == clean_text(t)``.
    """
    if text.isascii() and text.isprintable():  # one line of plain ASCII: nothing to do
        return text
    unusual = _unusual(text)
    if _needs_work(text, unusual):
        text = _work(text)
        unusual = _unusual(text)
    if _marks_in(unusual):  # no combining mark (none is ASCII), no storm of them
        text = _limit_combining(text)
    return text


def _has_c1_introducer(text: str) -> bool:
    return any(ch in text for ch in "\x90\x98\x9b\x9d\x9e\x9f")


# Characters already classified as combining marks or not, so that each text asks
# unicodedata only about characters not seen before (set operations run at C speed).
# Bounded: past _MAX_KNOWN characters (a hostile text with all of Unicode) nothing is
# added and the rest is classified per call.
_KNOWN_MARKS: set[str] = set()
_KNOWN_OTHERS: set[str] = set()
_MAX_KNOWN = 20_000


def _marks_in(text: str) -> set[str]:
    """The combining marks (categories Mn, Me) that occur in ``text``."""
    chars = set(text)
    new = chars - _KNOWN_OTHERS - _KNOWN_MARKS
    if new:
        new_marks = {ch for ch in new if unicodedata.category(ch) in _MARK_CATEGORIES}
        if len(_KNOWN_OTHERS) + len(_KNOWN_MARKS) < _MAX_KNOWN:
            _KNOWN_MARKS.update(new_marks)
            _KNOWN_OTHERS.update(new - new_marks)
        else:
            return (chars & _KNOWN_MARKS) | new_marks
    return chars & _KNOWN_MARKS


#: The first code point that is a combining mark (categories Mn, Me): no mark lies below
#: it (tests/core checks every code point against unicodedata).
FIRST_MARK = 0x300
# A character at FIRST_MARK or above is encoded in UTF-8 with a lead byte of 0xCC or more
# (U+0300 is CC 80); one below it with an ASCII byte or a lead byte C2 … CB. Mapping each
# lead byte to "M" or "a" and dropping continuation bytes gives one letter per character.
_AT_OR_ABOVE_FIRST_MARK = bytes(ord("M") if b >= 0xCC else ord("a") for b in range(256))
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_POSSIBLE_STORM = b"M" * (MAX_COMBINING + 1)


def _may_hold_storm(text: str) -> bool:
    """False when ``text`` certainly has no run of more than MAX_COMBINING marks.

    Such a run needs MAX_COMBINING + 1 characters at or above :data:`FIRST_MARK` in a
    row. Encoding, mapping and searching the bytes all run at C speed without a single
    character object, where collecting the text's characters into a set (what
    :func:`_marks_in` does) cost most of :func:`clean_text` on imported articles, which
    hold curly quotes and dashes but hardly ever a mark. ``surrogatepass``: a lone
    surrogate (at or above FIRST_MARK too) cannot otherwise be encoded.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    letters = encoded.translate(_AT_OR_ABOVE_FIRST_MARK, _CONTINUATION_BYTES)
    return _POSSIBLE_STORM in letters


def _limit_combining(text: str) -> str:
    if not _may_hold_storm(text):
        return text
    marks = "".join(sorted(_marks_in(text)))
    if not marks:
        return text
    cls = f"[{re.escape(marks)}]"
    storm = re.compile(f"({cls}{{{MAX_COMBINING}}}){cls}+")
    return storm.sub(r"\1", text)


def one_line(text: str) -> str:
    """Clean text folded onto one line (for lists, headers and error messages)."""
    return " ".join(clean_text(text).split())


# Lone surrogates come from file names that are not UTF-8 (os.fsdecode's surrogateescape).
_SURROGATES = "\ud800-\udfff"


@functools.cache
def _show_as_escape_all() -> re.Pattern[str]:
    """What :func:`visible` spells out with ``keep_newlines=False``: exactly what
    :func:`clean_text` works on (with ``keep_newlines``), and the newline."""
    return re.compile(f"[{re.escape(_UNSAFE + _SEPARATORS)}\t\n{_SURROGATES}]")


_LAZY = {
    "_NEEDS_WORK": _needs_work_pattern,
    "_TRANSLATE": _translate_table,
    "_ESCAPE_SEQUENCE": _escape_sequence,
}


def __getattr__(name: str) -> object:
    """``_NEEDS_WORK``, ``_TRANSLATE`` and ``_ESCAPE_SEQUENCE`` as names (the tests
    check against them)."""
    if name in _LAZY:
        return _LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name: show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control, bidi and invisible character spelled out as an escape.

    For messages that quote untrusted names or values: the terminal sees only printable
    text, the reader sees exactly what is in the file (``\\x1b[31m``, ``\\u202e``); a byte
    of a file name that is not UTF-8 shows as ``\\xff``.
    Newlines are kept unless ``keep_newlines`` is false (then they show as ``\\x0a``).
    """
    if not _needs_work(text) and (keep_newlines or "\n" not in text):
        return text  # nothing to spell out (the usual case), found without a regex
    pattern = _needs_work_pattern() if keep_newlines else _show_as_escape_all()
    return pattern.sub(_escape, text)
