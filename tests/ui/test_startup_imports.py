"""What opening a library loads before its first paint: only what the first screen needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from library_articles import small_library

PROBE = """
import sys
from pathlib import Path
from reader.core.state import StateStore
from reader.ui.factory import make_app

app = make_app(Path(sys.argv[1]), state=StateStore(Path(sys.argv[2])))
app.get_default_screen()
later = ("reader.ui.screens.reading", "reader.ui.commands", "reader.core.model", "tomllib")
print(" ".join(name for name in later if name in sys.modules))
"""


def test_a_library_loads_no_reading_screen_palette_or_config_parser(tmp_path: Path) -> None:
    """The reading screen, the palette's provider and the TOML parser (no config file
    here) are loaded when first wanted, not before the library's first paint."""
    folder = tmp_path / "lib"
    small_library(folder)
    state = tmp_path / "state"
    state.mkdir()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), str(state)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == []
