"""What a refresh of the library index reports: progress on the way, the result at the end.

A module of its own, with nothing heavy imported, so that the screen and the CLI can
name these types without loading the article loader (and YAML) before they need it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a refresh has got: ``done`` of ``total`` files to read."""

    done: int
    total: int


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """What a refresh did: files found, read again and removed; broken files now indexed."""

    files: int
    read: int
    removed: int
    broken: int
    stopped: bool = False
