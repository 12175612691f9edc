"""Every importer module is reachable by its dotted name (no package attribute hides one)."""

from __future__ import annotations

import importlib
import pkgutil
import types

import reader.importer


def test_no_package_attribute_shadows_a_submodule() -> None:
    for info in pkgutil.iter_modules(reader.importer.__path__):
        module = importlib.import_module(f"reader.importer.{info.name}")
        # `import reader.importer.X` binds what the package holds under X
        assert getattr(reader.importer, info.name) is module, info.name
        assert isinstance(module, types.ModuleType)
