"""No input makes the importer slow: long pathological pastes import in linear time.

Time-free, so the result does not depend on the machine or its load (speed targets live
in ``benchmarks/``): the work of an import is counted as the interpreter's steps, every
line of Python run (``sys.settrace`` line events, one per loop turn too) plus every call
of a Python or C function, and a paste twice as long must cost about twice as many
steps. Linear work gives a ratio of about 2, a quadratic step about 4.

The count sees any superlinear Python: loops, repeated calls, recursion. It cannot see
work inside one C call (a backtracking regular expression, ``x in some_list``, a slice
per step); ``benchmarks/throughput.py`` times that.
"""

from __future__ import annotations

import contextlib
import sys
from types import FrameType
from typing import Any

import pytest

from reader.core.errors import ReaderError
from reader.importer import import_with_groups

#: Characters of each pasted block at the smaller size (the paste holds it twice).
_SIZE = 12_000
#: Largest allowed ratio of the steps at twice the size to those at the size.
MAX_RATIO = 2.6
#: Each pathological shape, repeated to fill the block.
_UNITS = {
    "marks": "“",
    "straight": '"a ',
    "capitals": "Budi ",
    "titles": "Menteri Kepala Direktur ",
    "cues": "“Ya,” kata Budi Santoso. ",
    "dashes": "Foto - AFP - ",
    "brackets": "Foto (",
    "commas": "Ketua, ",
    "lines": "Judul Pendek\n",
}


def _paste(unit: str, size: int) -> str:
    body = unit * (size // len(unit))
    return f"Judul Berita\n\n{body}\n\nParagraf penutup.\n\n{body}"


def _import(text: str) -> None:
    with contextlib.suppress(ReaderError):
        import_with_groups(text, name="big", verify=False)


def _steps(text: str) -> int:
    """Lines of Python run and functions called (Python or C) while importing ``text``."""
    steps = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal steps
        steps += 1  # call, line, return, exception
        return trace

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal steps
        if event == "c_call":
            steps += 1

    old_trace, old_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        _import(text)
    finally:
        sys.setprofile(old_profile)
        sys.settrace(old_trace)
    return steps


@pytest.mark.parametrize("unit", _UNITS.values(), ids=_UNITS.keys())
def test_pathological_paste_imports_in_linear_time(unit: str) -> None:
    small, large = _paste(unit, _SIZE), _paste(unit, 2 * _SIZE)
    _import(small)  # load the language data and compile its patterns before counting
    at_size, at_double = _steps(small), _steps(large)
    assert at_double / at_size < MAX_RATIO, (
        f"{at_size} steps for {len(small)} characters but {at_double} for {len(large)}: "
        f"ratio {at_double / at_size:.2f}, superlinear (linear is about 2, quadratic 4)"
    )
