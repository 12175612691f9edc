"""How each value of an article file is checked, and what a problem with it says.

The loader (:mod:`.load`) walks the parsed node tree record by record; every value it
reads goes through a :class:`Checker`, which converts it (text is cleaned of terminal
controls before it is checked, so a value of escape codes only is empty too) and, when
the value is wrong, notes a :class:`~reader.core.errors.Problem` with its line and data
path instead of stopping, so that one load reports every problem in the file at once.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any, TypeVar

from reader.core.errors import Problem
from reader.core.format.nodes import Node
from reader.core.format.schema import ID_PATTERN
from reader.core.text import clean_text

T = TypeVar("T")


class Checker:
    """Collects problems while reading a node tree into model objects."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, node: Node | None, path: str, message: str) -> None:
        # line 0: a node built in memory (validate_article), which has no line
        self.problems.append(Problem(node.line or None if node else None, path, message))

    def mapping(
        self, node: Node, path: str, required: Set[str], optional: Set[str]
    ) -> dict[str, Node] | None:
        if not isinstance(node.value, dict):
            self.add(node, path, f"expected a mapping, got {kind_of(node.value)}")
            return None
        fields: dict[str, Node] = node.value
        for key in sorted(required - fields.keys()):
            self.add(node, path, f"missing required field '{key}'")
        for key in fields.keys() - required - optional:
            known = ", ".join(sorted(required | optional))
            self.add(fields[key], join_path(path, key), f"unknown field (known: {known})")
        return fields

    def text(
        self, fields: dict[str, Node], key: str, path: str, *, optional: bool = False
    ) -> str | None:
        node = fields.get(key)
        if node is None:
            return None
        if node.value is None and optional:
            return None
        if not isinstance(node.value, str):
            self.add(node, join_path(path, key), f"expected text, got {kind_of(node.value)}")
            return None
        value = clean_text(node.value)  # before the check: "\x1b[0m" is empty too
        if not value.strip():
            if not optional:
                self.add(node, join_path(path, key), "must not be empty")
            return None  # an empty optional field is an absent one (as dump_article writes it)
        return value

    def ident(self, fields: dict[str, Node], key: str, path: str) -> str | None:
        value = self.text(fields, key, path)
        if value is not None and not ID_PATTERN.match(value):
            self.add(
                fields[key],
                join_path(path, key),
                f"invalid id {value!r} (use lowercase letters, digits, '-' and '_')",
            )
            return None
        return value

    def items(
        self, fields: dict[str, Node], key: str, path: str, read: Callable[[Node, str], T | None]
    ) -> list[T]:
        node = fields.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.add(node, join_path(path, key), f"expected a list, got {kind_of(node.value)}")
            return []
        out: list[T] = []
        for index, item in enumerate(node.value):
            value = read(item, f"{join_path(path, key)}[{index}]")
            if value is not None:
                out.append(value)
        return out

    def strings(self, node: Node | None, path: str) -> list[str]:
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.add(node, path, f"expected a list of text, got {kind_of(node.value)}")
            return []
        out: list[str] = []
        for index, item in enumerate(node.value):
            if not isinstance(item.value, str):
                self.add(item, f"{path}[{index}]", f"expected text, got {kind_of(item.value)}")
                continue
            value = clean_text(item.value)  # before the check, as in text(): "\x1b" is empty
            if value.strip():
                out.append(value)
            else:
                self.add(item, f"{path}[{index}]", "must not be empty")
        return out


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return f"text ({value[:30]!r})" if isinstance(value, str) else type(value).__name__


__all__ = ["Checker", "join_path", "kind_of"]
