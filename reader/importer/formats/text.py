"""Raw text, the pipeline's own input: a pasted article or a ``.txt`` file, as lines.

The other input formats (a web page, next) turn what they read into the same thing: the
article's text, one paragraph or heading a line, for :func:`reader.importer.import_text`.
"""

from __future__ import annotations


def read_lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, each with its whitespace folded to single spaces."""
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
