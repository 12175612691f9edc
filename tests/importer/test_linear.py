"""No input makes the importer slow: long pathological pastes import in linear time."""

from __future__ import annotations

import contextlib
import time

import pytest

from reader.core.errors import ReaderError
from reader.importer import import_with_groups

_SIZE = 60_000
_CASES = {
    "marks": "“" * _SIZE,
    "straight": '"a ' * (_SIZE // 3),
    "capitals": "Budi " * (_SIZE // 5),
    "titles": "Menteri Kepala Direktur " * (_SIZE // 24),
    "cues": "“Ya,” kata Budi Santoso. " * (_SIZE // 25),
    "dashes": "Foto - AFP - " * (_SIZE // 13),
    "brackets": "Foto (" * (_SIZE // 6),
    "commas": "Ketua, " * (_SIZE // 7),
    "lines": "Judul Pendek\n" * (_SIZE // 13),
}


@pytest.mark.parametrize("body", _CASES.values(), ids=_CASES.keys())
def test_pathological_paste_is_fast(body: str) -> None:
    text = f"Judul Berita\n\n{body}\n\nParagraf penutup.\n\n{body}"
    started = time.perf_counter()
    with contextlib.suppress(ReaderError):
        import_with_groups(text, name="big", verify=False)
    # ~120 KB: linear code takes well under a second; a quadratic step would take minutes.
    assert time.perf_counter() - started < 10
