"""Raw text, the pipeline's own input: a pasted article or a ``.txt`` file, as lines.

The other input formats (a web page, next) turn what they read into the same thing: the
article's text, one paragraph or heading a line, for :func:`reader.importer.import_text`.
"""

from __future__ import annotations

from reader.importer.compiled import speedups

#: The C speedups, if built (:mod:`reader.importer.compiled`).
_SPEEDUPS = speedups()


def read_lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, each with its whitespace folded to single spaces
    (in C where the speedups are built: ``read_lines`` in ``_speedups_lines.h``)."""
    if _SPEEDUPS is not None:
        lines: list[str] = _SPEEDUPS.read_lines(text)
        return lines
    return read_lines_in_python(text)


def read_lines_in_python(text: str) -> list[str]:
    """:func:`read_lines` without the C speedups: the fallback, and its reference."""
    return [folded(line) for line in text.split("\n") if line.strip()]


def folded(line: str) -> str:
    """``" ".join(line.split())``, without splitting a line that is already folded.

    The only whitespace character that is printable is the space (tests/importer checks
    every code point), so a printable line without a double space or a space at either
    end is its own fold; most lines are, and splitting them into words and joining them
    again was most of the cost of reading the lines.
    """
    if line.isprintable() and "  " not in line and line[0] != " " and line[-1] != " ":
        return line
    return " ".join(line.split())
