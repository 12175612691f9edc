"""What a refresh of the library index reports: progress on the way, the result at the end.

A module of its own, with nothing heavy imported, so that the screen and the CLI can
name these types without loading the article loader (and YAML) before they need it.
Named tuples, not dataclasses: the library imports them before its first paint, and a
frozen dataclass costs about 1 ms to make at import (its methods are compiled then), a
named tuple a tenth of that.
"""

from __future__ import annotations

from typing import NamedTuple

Stat = tuple[int, int]
"""(size, modification time in nanoseconds) of a file; (-1, -1) when it cannot be stat'ed."""


class Progress(NamedTuple):
    """How far a refresh has got: ``done`` of ``total`` files to read."""

    done: int
    total: int


class RefreshResult(NamedTuple):
    """What a refresh did: the files the library lists, those read again and those
    taken out of it; the broken files it lists (so far, when ``stopped``)."""

    files: int
    read: int
    removed: int
    broken: int
    stopped: bool = False
