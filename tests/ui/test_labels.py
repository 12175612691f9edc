"""List entries (TOC, speakers, palette) show at most a clipped line of an article's text."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import sidebar_ready
from hypothesis import given
from hypothesis import strategies as st
from textual.geometry import Region
from textual.widgets import OptionList

from reader.core.state import StateStore
from reader.ui.factory import make_app
from reader.ui.labels import MAX_LABEL_CHARS, clipped
from reader.ui.widgets.section_list import SectionList

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hostile"))
from _hostile import write_article


@given(st.text(max_size=600), st.integers(min_value=2, max_value=300))
def test_clipped_is_short_and_a_prefix(text: str, limit: int) -> None:
    out = clipped(text, limit)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text
    else:
        assert out.endswith("…") and text.startswith(out[:-1])


async def test_an_endless_heading_and_name_are_clipped_in_the_lists(tmp_path: Path) -> None:
    """A 100,000-character word used to take seconds to show: Textual wrapped all of it."""
    path = write_article(tmp_path / "long.yaml", "x" * 100_000)
    app = make_app(path, state=StateStore())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        toc = app.screen.query_one(SectionList)
        labels = [toc.get_option_at_index(i).prompt for i in range(toc.option_count)]
        assert any(str(label).endswith("…") for label in labels)
        assert all(len(str(label)) <= MAX_LABEL_CHARS + 8 for label in labels)  # "12 " before
        sidebar = await sidebar_ready(pilot)
        shown = [_text(widget) for widget in sidebar.query(OptionList)]
        assert any("…" in text for text in shown)


def _text(widget: OptionList) -> str:
    width, height = widget.size
    return "".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))
