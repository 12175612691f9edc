"""The core never imports Textual or Rich: it must stay usable (and testable) without a terminal.

Every module of ``reader.core`` and ``reader.importer`` is found with ``pkgutil`` (a new
module is checked without being listed here) and imported in a fresh interpreter, so that
modules other tests imported don't hide a leak. The CLI may use Rich, but only inside the
functions that print (``reader --help`` imports every subcommand's module). The layers'
imports of each other are checked by import-linter (``[tool.importlinter]`` in
pyproject.toml, run by ``.ci/run``). Modelled on harlequin's
``tests/unit_tests/test_import_hygiene.py``.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import reader.cli
import reader.core
import reader.importer

#: Never imported by the core and the importer (the UI's libraries).
FORBIDDEN = ("textual", "rich")


def modules_of(*packages: object) -> list[str]:
    """Every module under ``packages``, subpackages included, by dotted name."""
    names: list[str] = []
    for package in packages:
        name = package.__name__  # type: ignore[attr-defined]
        names.append(name)
        path = package.__path__  # type: ignore[attr-defined]
        names.extend(info.name for info in pkgutil.walk_packages(path, f"{name}."))
    return sorted(names)


CORE_MODULES = modules_of(reader.core, reader.importer)
CLI_MODULES = modules_of(reader.cli)


def leaks(modules: list[str], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    """Import ``modules`` one after another in a fresh interpreter; for each module that
    brought in a forbidden top-level package, the packages it brought."""
    code = f"""
import importlib, json, sys
found = {{}}
for name in {modules!r}:
    importlib.import_module(name)
    loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set({forbidden!r}))
    new = [m for m in loaded if not any(m in seen for seen in found.values())]
    if new:
        found[name] = new
print(json.dumps(found))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout))


def test_every_core_module_is_found() -> None:
    """The walk reaches into subpackages (a listing by hand missed most modules)."""
    for name in (
        "reader.core.model",
        "reader.core.quote_query",
        "reader.importer.attribution.speakers",
        "reader.importer.formats.text",
        "reader.importer.language_data",
    ):
        assert name in CORE_MODULES
    assert not any(name.startswith("reader.ui") for name in CORE_MODULES)


def test_core_and_importer_import_neither_textual_nor_rich() -> None:
    assert leaks(CORE_MODULES, FORBIDDEN) == {}


def test_cli_modules_start_without_textual_or_rich() -> None:
    """Every subcommand's module loads light: Textual and Rich only once it runs."""
    assert leaks(CLI_MODULES, FORBIDDEN) == {}


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
