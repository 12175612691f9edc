"""The processes of ``reader import`` keep their word tables one at a time: each save
reads what is kept, merges its words in and writes it back, so two at once would lose
one's words (speed only, never output)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reader.cli import import_jobs
from reader.cli.import_pool import forked
from reader.importer import word_cache

# every wait here is bounded (tests/cli/conftest.py): a pool that hangs fails the test
pytestmark = pytest.mark.usefixtures("bounded")

#: Seconds a save waits for another to be under way beside it (bounded, and only long
#: when none can be: the assertion is on what each saw, never on time).
OVERLAP_WAIT = 1.0


def test_the_processes_of_an_import_save_their_word_tables_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = tmp_path / "inside"
    inside.mkdir()
    seen = tmp_path / "seen"
    seen.mkdir()

    def save() -> int:
        """Under way: wait a little for another save to be under way too."""
        mine = inside / str(os.getpid())
        mine.touch()
        deadline = time.monotonic() + OVERLAP_WAIT
        while len(list(inside.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        (seen / str(os.getpid())).write_text(str(len(list(inside.iterdir()))))
        mine.unlink()
        return 0

    monkeypatch.setattr(word_cache, "save", save)  # inherited by the forked processes
    items = [str(n) for n in range(8)]
    with forked(items, 2, lambda item: item.encode(), import_jobs.save_word_tables) as results:
        assert [outcome for _, outcome in results] == [item.encode() for item in items]
    counts = [p.read_text() for p in seen.iterdir()]
    assert counts == ["1", "1"]  # each alone
