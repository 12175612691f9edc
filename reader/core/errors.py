"""Errors the user can cause, each one printable as a single clear line.

Everything that bad input can trigger is raised as a :class:`ReaderError`; the CLI
turns it into a one-line message and a non-zero exit, the app into a notification.
Any other exception is a bug in reader.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.core.text import visible


class ReaderError(Exception):
    """A problem caused by input or environment, explained in one line."""

    exit_code = 1

    def __init__(self, *args: object) -> None:
        # Messages quote file names and values from untrusted files: spell out control
        # characters, newlines included, so that printing an error can never drive the
        # terminal nor break the one-line rule. This is the one place that does it for
        # every message: call sites pass names and values as they are.
        super().__init__(
            *(visible(a, keep_newlines=False) if isinstance(a, str) else a for a in args)
        )


def _clip(text: str, most: int) -> str:
    """A value quoted in a message may be a megabyte long: keep the line readable."""
    return text if len(text) <= most else f"{text[: most - 1]}…"


class Problem(NamedTuple):
    """One thing wrong in an article file, located by line and by data path.

    (A NamedTuple, not a frozen dataclass: it is made before the first paint, where a
    dataclass's methods, compiled from source, cost about a millisecond.)
    """

    line: int | None
    path: str
    message: str

    def format(self, filename: str) -> str:
        name = visible(filename, keep_newlines=False)
        where = f"{name}:{self.line}" if self.line is not None else name
        message = _clip(visible(self.message, keep_newlines=False), 300)
        path = _clip(visible(self.path, keep_newlines=False), 200)
        return f"{where}: {path}: {message}" if path else f"{where}: {message}"


class ArticleError(ReaderError):
    """An article file that cannot be loaded; carries every problem found at once."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = tuple(problems)
        # One line per problem, each spelled out by Problem.format: the one message that
        # spans lines, so it skips ReaderError's one-line escaping.
        Exception.__init__(self, "\n".join(p.format(filename) for p in self.problems))

    @classmethod
    def single(cls, filename: str, message: str, line: int | None = None) -> ArticleError:
        return cls(filename, [Problem(line, "", message)])
