"""Every key binding has an id in one style, ``scope.kebab-name``, unique in the app.

Ids are what a user's keymap names, so they must be stable and predictable: the scope is
the screen or widget (``reading``, ``quote-sidebar``), the name says what the key does.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from textual.binding import Binding
from textual.dom import DOMNode

import reader.ui

ID_STYLE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*")


def ui_bindings() -> list[tuple[type[DOMNode], Binding]]:
    """(class, binding) for every binding a reader UI class declares itself."""
    found: list[tuple[type[DOMNode], Binding]] = []
    modules = pkgutil.walk_packages(reader.ui.__path__, "reader.ui.")
    for info in modules:
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, DOMNode)):
                continue
            if value.__module__ != module.__name__:
                continue
            for binding in value.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    found.append((value, binding))
    return found


def test_every_binding_id_is_scope_dot_kebab_name() -> None:
    bindings = ui_bindings()
    assert len(bindings) > 30  # the walk found the screens and widgets
    wrong = [
        (owner, binding.key, binding.id)
        for owner, binding in bindings
        if binding.id is None or not ID_STYLE.fullmatch(binding.id)
    ]
    assert wrong == []


def test_binding_ids_are_unique() -> None:
    """One id, one binding; except a screen showing a binding of the screen it extends
    in its own words (same key and action, its own description), so that a user's key
    for that id is its key too."""
    first: dict[str, tuple[type[DOMNode], Binding]] = {}
    for owner, binding in ui_bindings():
        assert binding.id is not None
        if binding.id not in first:
            first[binding.id] = (owner, binding)
            continue
        base, declared = first[binding.id]
        overrides = issubclass(owner, base) or issubclass(base, owner)
        assert overrides, (binding.id, owner, base)
        assert (binding.key, binding.action) == (declared.key, declared.action), binding.id
