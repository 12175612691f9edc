"""What a refresh of the library index reports: progress on the way, the result at the end.

A module of its own, with nothing heavy imported, so that the screen and the CLI can
name these types without loading the article loader (and YAML) before they need it.
Named tuples, not dataclasses: the library imports them before its first paint, and a
frozen dataclass costs about 1 ms to make at import (its methods are compiled then), a
named tuple a tenth of that.
"""

from __future__ import annotations

from typing import NamedTuple


class Progress(NamedTuple):
    """How far a refresh has got: ``done`` of ``total`` files to read."""

    done: int
    total: int


class RefreshResult(NamedTuple):
    """What a refresh did: files found, read again and removed; broken files now indexed."""

    files: int
    read: int
    removed: int
    broken: int
    stopped: bool = False
