"""A parsed value with its line, and the bounds of one parse.

What the checks (:mod:`.checker`, :mod:`.references`, :mod:`.fast`) need of the YAML
reader, apart from the parser itself: an article read back from the cache is checked
with them, and should not import PyYAML (some 10 ms before the first paint) to be.
:mod:`.safe_yaml` builds these nodes and enforces these bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.core.records import Record

#: Deepest nesting of lists and mappings in one document.
MAX_DEPTH = 64
#: Most values (scalars, lists, mappings) in one document. A long article has a few
#: hundred, a 5 MB one about 200,000; parsing the most costs about a second.
MAX_VALUES = 250_000


# its __slots__ and __init__ written out, the rest from Record (reader.core.records):
# imported before the first paint, where @dataclass(slots=True) compiling them cost more
@dataclass(init=False, repr=False, eq=False)
class Node(Record):
    """A parsed value and the 1-based line it starts on."""

    __slots__ = ("line", "value")
    value: Any  # str | int | float | bool | None | dict[str, Node] | list[Node]
    line: int

    def __init__(self, value: Any, line: int) -> None:
        self.value = value
        self.line = line
