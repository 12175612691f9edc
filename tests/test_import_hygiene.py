"""The core never imports Textual: it must stay usable (and testable) without a terminal.

Run in a fresh interpreter so that modules other tests imported don't hide a leak.
"""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "reader.core.model",
    "reader.core.articlefile",
    "reader.core.search",
    "reader.core.state",
    "reader.core.library",
    "reader.core.index",
    "reader.cli.index",
    "reader.core.text",
    "reader.cli.main",
    "reader.importer",
]


def test_core_and_cli_start_without_textual() -> None:
    imports = "; ".join(f"import {m}" for m in CORE_MODULES)
    listing = "sorted(m for m in sys.modules if m.split('.')[0] == 'textual')"
    code = f"import sys; {imports}; print({listing})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importer_does_not_import_textual() -> None:
    code = "import sys, reader.importer; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_yaml_is_read_only_with_the_safe_c_loader() -> None:
    """Every YAML read in the package goes through ``c_safe_loader()``; no other loader."""
    import re
    from pathlib import Path

    import reader

    package = Path(reader.__file__).parent
    reads = re.compile(r"yaml\.(load|load_all|parse|compose|compose_all|scan|\w+_load\w*)\(")
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for line in text.splitlines():
            if reads.search(line):
                assert "Loader=c_safe_loader()" in line, f"{source.name}: {line.strip()}"
        for unsafe in (
            "FullLoader",
            "UnsafeLoader",
            "yaml.Loader",
            "SafeLoader as",
            "import SafeLoader",
        ):
            assert unsafe not in text, f"{source.name} uses {unsafe}"
