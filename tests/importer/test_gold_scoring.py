"""The benchmark scorer (benchmarks/gold.py): a speaker is right when its name holds the
gold key, apostrophes aside (polnear-train's keys were made without them)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gold import attributed


def test_a_key_without_its_apostrophe_matches_the_name() -> None:
    assert attributed("OMalley", "Martin O'Malley", {"OMalley"})
    assert attributed("DSouza", "Dinesh D’Souza", {"DSouza"})
    assert attributed("O'Hara", "Maureen OHara", {"O'Hara"})


def test_another_name_is_still_wrong() -> None:
    assert not attributed("OMalley", "Martin Malley", {"OMalley"})
    assert not attributed("Trump", "Hillary Clinton", {"Trump", "Clinton"})
    # An unnamed gold speaker (None) is right only if no named key is in the name.
    assert attributed(None, "a spokeswoman", {"Trump"})
    assert not attributed(None, "Donald Trump", {"Trump"})
