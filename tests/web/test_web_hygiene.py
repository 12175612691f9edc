"""reader.web is core code: no Textual, no Rich (progress is the CLI's business)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader.web


def test_web_modules_import_neither_textual_nor_rich() -> None:
    modules = [f"reader.web.{m.name}" for m in pkgutil.iter_modules(reader.web.__path__)]
    assert "reader.web.fetch" in modules
    imports = "; ".join(f"import {m}" for m in modules)
    listing = "sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})"
    # httpx loads its own command line (httpx._main, which imports Rich) whenever click
    # is installed; reader does not depend on click (a test tool, import-linter, brings
    # it), so it is hidden here as a user's install does not have it.
    code = f"import sys; sys.modules['click'] = None; {imports}; print({listing})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
