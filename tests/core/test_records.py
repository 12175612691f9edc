"""The cheap dataclasses (reader.core.records) behave as the dataclasses they replace.

Each class is compared with a ``@dataclass`` of the same fields made here, the way the
model was written before: equality, hashing, ``repr``, refusing assignment, pickling,
copying, and the dataclass functions (``replace``, ``fields``, ``asdict``).
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from reader.core.format.nodes import Node
from reader.core.model import Article, CookieNotice, Figure, Footer, Quote, Section, Speaker
from reader.core.records import FrozenRecord, Record
from reader.ui.text.lines import Block, Line, QuoteSpan
from reader.ui.widgets.key_footer import FooterKey, PlacedKey

FROZEN: list[tuple[type, dict[str, Any]]] = [
    (Figure, {"caption": "A photo", "credit": "Agency"}),
    (Section, {"id": "s1", "heading": "Heading", "paragraphs": ("One.", "Two.")}),
    (Speaker, {"id": "ann", "name": "Ann Lee", "role": "minister", "aliases": ("Lee",)}),
    (
        Quote,
        {
            "id": "q1",
            "text": "We agree",
            "speaker": "ann",
            "section": "s1",
            "paragraph": 0,
            "kind": "indirect",
        },
    ),
    (CookieNotice, {"text": "Cookies.", "link_text": "more", "accept_label": "OK"}),
    (Footer, {"copyright": "(c) Source", "cookie": CookieNotice("Cookies.")}),
    (
        Article,
        {
            "id": "a1",
            "title": "Title",
            "language": "en",
            "source": "Source",
            "lead": "Lead.",
            "date": "2024-01-01",
            "url": "https://example.org/a",
            "figures": (Figure("A photo"),),
            "sections": (Section("s1", None, ("One.",)),),
            "speakers": (Speaker("ann", "Ann Lee"),),
            "quotes": (Quote("q1", "One", "ann", "s1", 0),),
            "footer": Footer("(c) Source"),
        },
    ),
    (QuoteSpan, {"quote_id": "q1", "speaker_id": "ann", "start": 3, "end": 9}),
    (
        Block,
        {
            "kind": "paragraph",
            "text": "One.",
            "owner": "s1",
            "section": "s1",
            "paragraph": 0,
            "quotes": (QuoteSpan("q1", "ann", 0, 3),),
            "anchor": "s1",
        },
    ),
    (Line, {"block": 2, "start": 0, "end": 40}),
    (
        FooterKey,
        {
            "key": "n",
            "key_display": "n",
            "description": "Next section",
            "action": "next_section",
            "enabled": True,
            "tooltip": "",
            "command_palette": False,
        },
    ),
    (PlacedKey, {"key": FooterKey("q", "q", "Quit", "quit", True, ""), "x": 3, "width": 8}),
]


def reference(cls: type, *, frozen: bool = True) -> type:
    """A plain ``@dataclass`` with ``cls``'s name and fields, as the model was written."""
    names = [field.name for field in dataclasses.fields(cls)]
    made = dataclasses.make_dataclass(cls.__name__, names, frozen=frozen)
    made.__qualname__ = cls.__qualname__
    return made


@pytest.mark.parametrize(("cls", "values"), FROZEN, ids=[c.__name__ for c, _ in FROZEN])
def test_frozen_records_behave_as_frozen_dataclasses(cls: type, values: dict[str, Any]) -> None:
    record = cls(**values)
    same = reference(cls)(**values)
    assert dataclasses.is_dataclass(record)
    assert [f.name for f in dataclasses.fields(record)] == list(values)
    assert cls.__match_args__ == tuple(values)
    assert repr(record) == repr(same)
    assert record == cls(**values)
    assert hash(record) == hash(cls(**values)) == hash(same)
    first, value = next(iter(values.items()))
    other = {**values, first: "changed" if isinstance(value, str) else 12345}
    assert record != cls(**other)
    assert record != same  # another class, even with the same fields
    assert record.__eq__(same) is NotImplemented
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, first, value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(record, first)
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.copy(record) == record == copy.deepcopy(record)
    changed = dataclasses.replace(record, **{first: other[first]})
    assert changed == cls(**other) and type(changed) is cls
    assert dataclasses.asdict(record) == dataclasses.asdict(same)


@pytest.mark.parametrize(("cls", "values"), FROZEN, ids=[c.__name__ for c, _ in FROZEN])
def test_positional_order_is_the_fields_order(cls: type, values: dict[str, Any]) -> None:
    assert cls(*values.values()) == cls(**values)


def test_defaults_as_before() -> None:
    assert Article("a", "T", "en", "S") == Article(
        "a", "T", "en", "S", None, None, None, (), (), (), (), Footer()
    )
    assert Speaker("a", "A") == Speaker("a", "A", None, ())
    assert Quote("q", "t", "a", "s", 0).kind == "direct"
    assert CookieNotice("t").accept_label == "Accept"
    assert Block("blank", "") == Block("blank", "", None, None, None, (), None)


def test_an_article_keeps_its_lookups_and_slots_elsewhere() -> None:
    article = Article("a", "T", "en", "S", speakers=(Speaker("ann", "Ann"),))
    assert article.speaker("ann").name == "Ann"  # cached in the instance
    assert article == Article("a", "T", "en", "S", speakers=(Speaker("ann", "Ann"),))
    for cls in (Figure, Section, Speaker, Quote, CookieNotice, Footer, QuoteSpan, Block, Line):
        assert not hasattr(cls(**dict(FROZEN)[cls]), "__dict__")


def test_node_is_a_mutable_unhashable_record() -> None:
    node = Node({"a": Node("x", 2)}, 1)
    same = reference(Node, frozen=False)({"a": Node("x", 2)}, 1)
    assert repr(node) == repr(same)
    assert node == Node({"a": Node("x", 2)}, 1) and node != Node({}, 1)
    node.value = []
    assert node.value == [] and not hasattr(node, "__dict__")
    with pytest.raises(TypeError):
        hash(node)
    assert pickle.loads(pickle.dumps(node)) == node


def _all_records() -> list[type[Record]]:
    """Every class built on the records module's bases, as the importer and UI load them."""
    found: list[type[Record]] = []
    stack: list[type[Record]] = [Record]
    while stack:
        for sub in stack.pop().__subclasses__():
            found.append(sub)
            stack.append(sub)
    return [cls for cls in found if cls is not FrozenRecord]


def test_every_record_class_is_in_the_behaviour_table() -> None:
    # a new class on these bases must be compared with its dataclass above, too
    assert {cls.__name__ for cls in _all_records()} <= {cls.__name__ for cls, _ in FROZEN} | {
        "Node"
    }


@pytest.mark.parametrize("cls", _all_records(), ids=lambda cls: cls.__name__)
def test_init_fields_match_args_and_slots_name_the_same_fields(cls: type[Record]) -> None:
    # equality, hash, repr and pickling go by __match_args__: a field set in __init__
    # but missing there would be ignored by ==, and lost by a pickle round trip
    init = tuple(inspect.signature(cls).parameters)
    assert init == cls.__match_args__ == tuple(f.name for f in dataclasses.fields(cls))
    if "__slots__" in cls.__dict__:
        assert set(cls.__dict__["__slots__"]) == set(cls.__match_args__)
