"""Screenshots of a hostile article, compared with approved SVGs: the literal display is
the point (markup as typed, no escape sequence acting, bidi and invisibles gone, wide
text aligned). Update with ``pytest tests/hostile --snapshot-update`` and look at every
changed SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from _hostile import article_data

from reader.core.state import StateStore
from reader.ui.factory import make_app

PAYLOAD = (
    "[bold]b[/bold] [/] [link=file:///etc/passwd]x[/link] [@click=app.quit]q[/] [[u] "
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x07link\x1b]8;;\x07 "
    "\x1b]52;c;ZXZpbA==\x07bel\x07 \u202egnp.exe\u202c z\u200bw\u2060j "
    "Z\u0301\u0302\u0303\u0304\u0305\u0306\u0307algo 中文标题 テスト 👍🏽"
)


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    data = article_data(PAYLOAD)
    # a short button label: a long one squeezes the notice (see test_hostile_app.py)
    data["footer"]["cookie"]["accept"] = "[b]OK[/b]\x1b[5m"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("press", [[], ["s"]], ids=["reading", "quotes"])
def test_hostile_article(snap_compare: Any, hostile_path: Path, press: list[str]) -> None:
    app = make_app(hostile_path, state=StateStore())
    assert snap_compare(app, terminal_size=(120, 40), press=press)
