"""Dataclasses that cost next to nothing to define: what the first paint imports.

``@dataclass(frozen=True, slots=True)`` writes each class's ``__init__``, ``__repr__``,
``__eq__``, ``__hash__`` and ``__setattr__`` as source and compiles it when the module is
imported: ~0.45 ms a class, and the ten classes of the model, the body's layout and the
format's nodes cost some 5 ms of every start, before the first paint. The classes built
on these bases write their ``__slots__`` and ``__init__`` by hand and take the rest from
here, once, generically (by the fields named in ``__match_args__``, which ``@dataclass``
sets); they are still dataclasses (``@dataclass(init=False, repr=False, eq=False)``,
~0.04 ms), so ``dataclasses.replace``, ``fields`` and ``asdict`` work on them as before.
They compare, hash, print, pickle and refuse assignment as the dataclasses they replace.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, NoReturn


class Record:
    """Equality, ``repr`` and pickling by the fields (``__match_args__``), as
    ``@dataclass`` makes them; mutable and unhashable, as ``@dataclass(eq=True)``."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self.__match_args__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Record)
            return self._values() == other._values()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{self.__class__.__qualname__}({shown})"

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        # the fields, in __init__'s order: a frozen class has no setattr to restore with
        return self.__class__, self._values()


class FrozenRecord(Record):
    """A :class:`Record` whose fields cannot be assigned, and which hashes by them, as
    ``@dataclass(frozen=True)``. Its ``__init__`` sets them with ``object.__setattr__``."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


__all__ = ["FrozenRecord", "Record"]
