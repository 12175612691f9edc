"""The fast paths of reader.core.format.safe_yaml give what PyYAML's safe loader gives."""

from __future__ import annotations

import gc
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.format import safe_yaml
from reader.core.format.safe_yaml import parse_yaml, plain
from reader.core.gctools import paused_gc

_STR = "tag:yaml.org,2002:str"


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12))
def test_skipping_the_resolver_is_exact(text: str) -> None:
    """A plain scalar whose first character no resolver is keyed on resolves to text."""
    if text[:1] not in safe_yaml._RESOLVABLE:
        resolver = yaml.resolver.Resolver()
        assert resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR  # type: ignore[no-untyped-call]


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**100), max_value=2**100)
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
    | st.sampled_from(
        ["yes", "No", "~", "null", "1e3", "0x1f", "0o17", ".inf", "-", "<", "=", "1_0"]
    )
)
_data = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="abcxyz_", min_size=1, max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_data, st.booleans())
def test_parse_yaml_agrees_with_the_safe_loader(data: Any, flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    assert plain(parse_yaml(text, "x")) == yaml.safe_load(text)


def test_plain_scalars_of_every_kind() -> None:
    text = "a: yes\nb: 12\nc: 1.5\nd: ~\ne: Tuesday\nf: '12'\ng: 2001-12-14\nh: <<\n"
    assert plain(parse_yaml(text, "x")) == {
        "a": True,
        "b": 12,
        "c": 1.5,
        "d": None,
        "e": "Tuesday",
        "f": "12",
        "g": "2001-12-14",  # timestamps stay text
        "h": "<<",
    }


def test_gc_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with paused_gc():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()
