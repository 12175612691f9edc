"""The stylesheet's section markers pair up: each block ends before the next begins."""

from __future__ import annotations

import re

from reader.resources import styles_dir

MARKER = re.compile(r"/\* -- (end )?(.+?) -- \*/")


def test_sections_open_and_close_in_turn() -> None:
    text = (styles_dir() / "reader.tcss").read_text(encoding="utf-8")
    markers = [(bool(m[1]), m[2]) for m in MARKER.finditer(text)]
    assert markers, "no section markers found"
    open_section: str | None = None
    for is_end, name in markers:
        if is_end:
            assert open_section == name, f"'end {name}' closes {open_section!r}"
            open_section = None
        else:
            assert open_section is None, f"{name!r} begins inside {open_section!r}"
            open_section = name
    assert open_section is None
