"""Opening an article, or a library, imports only what its first screen needs (issue #16).

Every module imported before the first paint is time the reader waits for with an
empty terminal. The app for one article file is built in a fresh interpreter, as the
CLI builds it, and must not have imported the library's index (SQLite), the other
screens (pulled in by checking a keymap nobody configured), the TOML reader
(with no config file), or OpenSSL. ``benchmarks/first_paint.py`` measures the time; this only
keeps the imports from creeping back.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from library_articles import small_library

#: Modules the first screen of an article never needs.
NOT_AT_START = (
    "sqlite3",
    "tomllib",
    "reader.core.index",
    "reader.ui.screens.library",
    "reader.ui.screens.help",
    # the quote sidebar is mounted after the first paint
    "reader.ui.widgets.quote_sidebar",
    "reader.ui.widgets.quote_block",
    "reader.core.quote_query",
    # the find bar's field comes with its first open
    "reader.ui.widgets.text_field",
    # OpenSSL, ~1 ms: the caches' digests are BLAKE2b from _blake2 (reader.core.digest)
    "_hashlib",
)

_BUILD = """
import sys
from pathlib import Path
from reader.core.state import StateStore
from reader.resources import default_article
from reader.ui.factory import make_app

folder = Path(sys.argv[1])
app = make_app(default_article(), state=StateStore(folder), config_file=folder / "config.toml")
app.get_default_screen()
print("\\n".join(sorted(sys.modules)))
"""


def loaded_modules(folder: Path, config: str | None = None) -> set[str]:
    if config is not None:
        (folder / "config.toml").write_text(config, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(folder)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_an_article_starts_without_the_index_other_screens_or_toml(tmp_path: Path) -> None:
    loaded = loaded_modules(tmp_path)
    assert "reader.ui.screens.reading" in loaded  # the check sees the screen's imports
    assert sorted(set(NOT_AT_START) & loaded) == []


def test_a_config_that_remaps_keys_still_has_them_checked(tmp_path: Path) -> None:
    """The binding ids are looked up (every screen imported) when the config needs them."""
    loaded = loaded_modules(tmp_path, '[keys]\n"reading.quit" = "x"\n')
    assert "tomllib" in loaded
    assert "reader.ui.screens.library" in loaded


_LIBRARY = """
import sys
from pathlib import Path
from reader.core.state import StateStore
from reader.ui.factory import make_app

app = make_app(Path(sys.argv[1]), state=StateStore(Path(sys.argv[2])))
app.get_default_screen()
later = (
    "reader.ui.screens.reading",
    "reader.ui.commands",
    "reader.ui.library_commands",
    "reader.ui.palette",
    "reader.core.model",
    "tomllib",
)
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
        [sys.executable, "-c", _LIBRARY, str(folder), str(state)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == []


_SIDEBAR = """
import dataclasses
import sys
from pathlib import Path
from reader.core.state import StateStore
from reader.resources import default_article
from reader.ui.factory import make_app

folder = Path(sys.argv[1])
app = make_app(default_article(), state=StateStore(folder), config_file=folder / "config.toml")
app.get_default_screen()
before = set(sys.modules)
import reader.ui.widgets.quote_sidebar
for name in sorted(set(sys.modules) - before):
    print("module", name)
    for value in list(vars(sys.modules[name]).values()):
        if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value):
            print("dataclass", f"{name}.{value.__qualname__}")
"""


def test_the_quote_sidebars_import_makes_no_dataclass(tmp_path: Path) -> None:
    """The sidebar is imported after the first paint, and a "/" sent as the article
    first shows waits for that import: a dataclass costs ~0.5 ms to make (one with
    slots makes its class twice), and its three (a block's text, its look, a quote's
    entry) were 1.4 ms of the import's 5 ms of CPU. Its modules make plain classes."""
    done = subprocess.run(
        [sys.executable, "-c", _SIDEBAR, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    modules = {name for kind, name in lines if kind == "module"}
    assert "reader.ui.widgets.quote_block" in modules  # the check sees the sidebar's imports
    assert [name for kind, name in lines if kind == "dataclass"] == []


_COMPILED = """
import sys
from pathlib import Path
from reader.core.state import StateStore
from reader.resources import default_article
from reader.ui.factory import make_app

from reader.cli.main import _start_target

folder = Path(sys.argv[1])
target, _listed = _start_target(None, folder)  # as `reader` with no PATH starts
assert target == default_article()  # (the folder holds no article)
app = make_app(target, state=StateStore(folder), config_file=folder / "config.toml")
app.get_default_screen()
for name, module in sorted(sys.modules.items()):
    if name.split(".")[0] != "reader":
        continue
    for value in list(vars(module).values()):
        if isinstance(value, type) and value.__module__ == name:
            for method in vars(value).values():
                if getattr(getattr(method, "__code__", None), "co_filename", "") == "<string>":
                    print(f"{name}.{value.__qualname__}.{method.__name__}")
"""


def test_the_first_screens_classes_compile_no_methods(tmp_path: Path) -> None:
    """``@dataclass`` writes a class's methods as source and compiles them as its
    module is imported (~0.5 ms a class; the footer's two, frozen, ~1.3 ms of the
    seed's first paint): what ``reader`` and an article's first screen import make
    none (reader.core.records has cheap ones)."""
    done = subprocess.run(
        [sys.executable, "-c", _COMPILED, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
