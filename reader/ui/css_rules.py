"""Textual's parsed rule sets as JSON data and back, for :mod:`reader.ui.css_cache`.

Encoding keeps exactly the types a parsed rule holds (rule sets, selectors, colours,
scalars, spacings, layouts by name) and refuses any other (:class:`Unknown`): a source
whose rules hold one is simply parsed each run. Decoding builds only those types, with
every shape and type checked, so that a damaged or hostile file is refused, never run:
the file is data, never code.
"""

from __future__ import annotations

from typing import Any

from textual.color import Color
from textual.css.model import CombinatorType, RuleSet, Selector, SelectorSet, SelectorType
from textual.css.scalar import Scalar, ScalarOffset, Unit
from textual.css.styles import Styles
from textual.geometry import Spacing
from textual.layout import Layout
from textual.layouts.factory import LAYOUT_MAP


class Unknown(Exception):
    """A value this module does not encode (or a shape it does not decode)."""


# -- encoding: a rule's values as JSON, tagged by type ------------------------------------


def _encode_value(value: object) -> object:
    # exact types only: a subclass could behave otherwise once rebuilt as its base
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is Color:
        assert isinstance(value, Color)
        return ["C", value.r, value.g, value.b, value.a, value.ansi, value.auto]
    if kind is Scalar:
        assert isinstance(value, Scalar)
        return ["S", value.value, value.unit.value, value.percent_unit.value]
    if kind is ScalarOffset:
        assert isinstance(value, ScalarOffset)
        return ["O", _encode_value(value.x), _encode_value(value.y)]
    if kind is Spacing:
        assert isinstance(value, Spacing)
        return ["P", value.top, value.right, value.bottom, value.left]
    if isinstance(value, Layout) and LAYOUT_MAP.get(value.name) is kind:
        return ["L", value.name]
    if kind is tuple:
        assert isinstance(value, tuple)
        return ["T", *(_encode_value(item) for item in value)]
    raise Unknown(kind.__qualname__)


def _encode_selector(selector: Selector) -> list[object]:
    return [
        selector.name,
        selector.combinator.value,
        selector.type.value,
        sorted(selector.pseudo_classes),
        list(selector.specificity),
        selector.advance,
    ]


def _encode_rule(rule: RuleSet) -> dict[str, object]:
    if rule.errors or rule.styles.node is not None:
        raise Unknown("a rule with errors or a node")
    return {
        "selectors": [
            [[_encode_selector(s) for s in group.selectors], list(group.specificity)]
            for group in rule.selector_set
        ],
        "rules": {name: _encode_value(value) for name, value in rule.styles._rules.items()},
        "important": sorted(rule.styles.important),
        "default": rule.is_default_rules,
        "tie": rule.tie_breaker,
        "names": sorted(rule.selector_names),
        "pseudo": sorted(rule.pseudo_classes),
    }


def encode_rules(rules: list[RuleSet]) -> list[dict[str, object]]:
    """A source's parsed rules as JSON data; raises Unknown for what is not kept."""
    return [_encode_rule(rule) for rule in rules]


# -- decoding: only into the types above, every shape checked ----------------------------
# (written for speed: this runs before the first paint; type() is checked, not isinstance,
# so that a JSON bool is never taken for an int where Textual wants a number)

_SCALARS = (bool, int, float, str)
_UNITS = {unit.value: unit for unit in Unit}
_COMBINATORS = {kind.value: kind for kind in CombinatorType}
_SELECTOR_TYPES = {kind.value: kind for kind in SelectorType}


def checked_int(value: Any) -> int:
    if type(value) is not int:
        raise Unknown("not an integer")
    return int(value)


def _number(value: Any) -> float:
    if type(value) is not int and type(value) is not float:
        raise Unknown("not a number")
    return value


def checked_text(value: Any) -> str:
    if type(value) is not str:
        raise Unknown("not a string")
    return str(value)


def _texts(value: Any) -> set[str]:
    if type(value) is not list:
        raise Unknown("not a list")
    texts = set(value)
    for item in texts:
        if type(item) is not str:
            raise Unknown("not a string")
    return texts


def _lookup(table: dict[Any, Any], value: Any) -> Any:
    try:
        return table[value]
    except (KeyError, TypeError):
        raise Unknown("not a member") from None


def _decode_value(value: Any) -> object:
    if value is None or type(value) in _SCALARS:
        return value
    if type(value) is not list or not value:
        raise Unknown("not a value")
    tag = value[0]
    if tag == "C" and len(value) == 7:
        _, r, g, b, a, ansi, auto = value
        if ansi is not None:
            ansi = checked_int(ansi)
        if type(auto) is not bool:
            raise Unknown("auto")
        return Color(checked_int(r), checked_int(g), checked_int(b), _number(a), ansi, auto)
    if tag == "S" and len(value) == 4:
        return Scalar(_number(value[1]), _lookup(_UNITS, value[2]), _lookup(_UNITS, value[3]))
    if tag == "T":
        return tuple([_decode_value(item) for item in value[1:]])
    if tag == "P" and len(value) == 5:
        return Spacing(
            checked_int(value[1]),
            checked_int(value[2]),
            checked_int(value[3]),
            checked_int(value[4]),
        )
    if tag == "O" and len(value) == 3:
        x, y = _decode_value(value[1]), _decode_value(value[2])
        if type(x) is not Scalar or type(y) is not Scalar:
            raise Unknown("offset")
        return ScalarOffset(x, y)
    if tag == "L" and len(value) == 2:
        layout = LAYOUT_MAP.get(checked_text(value[1]))
        if layout is None:
            raise Unknown("layout")
        return layout()
    raise Unknown("tag")


#: specificities seen, checked (there are few different ones)
_SPECIFICITIES: dict[tuple[object, ...], tuple[int, int, int]] = {}


def _specificity(value: Any) -> tuple[int, int, int]:
    if type(value) is not list or len(value) != 3:
        raise Unknown("specificity")
    seen = tuple(value)
    known = _SPECIFICITIES.get(seen)
    if known is None:
        first, second, third = value
        known = _SPECIFICITIES[seen] = (checked_int(first), checked_int(second), checked_int(third))
    return known


def _decode_selector(value: Any) -> Selector:
    if type(value) is not list or len(value) != 6:
        raise Unknown("selector")
    name, combinator, kind, pseudo, specificity, advance = value
    return Selector(
        checked_text(name),
        _lookup(_COMBINATORS, combinator),
        _lookup(_SELECTOR_TYPES, kind),
        _texts(pseudo),
        _specificity(specificity),
        checked_int(advance),
    )


def _decode_group(value: Any) -> SelectorSet:
    if type(value) is not list or len(value) != 2 or type(value[0]) is not list:
        raise Unknown("selector set")
    return SelectorSet([_decode_selector(s) for s in value[0]], _specificity(value[1]))


def _decode_rule(value: Any) -> RuleSet:
    if type(value) is not dict:
        raise Unknown("rule")
    groups, rules, default = value.get("selectors"), value.get("rules"), value.get("default")
    if type(groups) is not list or type(rules) is not dict or type(default) is not bool:
        raise Unknown("rule")
    decoded: dict[str, object] = {}
    for name, item in rules.items():  # names are strings: JSON keys are
        decoded[name] = item if item is None or type(item) in _SCALARS else _decode_value(item)
    styles = Styles(None, decoded)  # type: ignore[arg-type]
    styles.important = _texts(value.get("important"))
    return RuleSet(
        [_decode_group(group) for group in groups],
        styles,
        [],
        is_default_rules=default,
        tie_breaker=checked_int(value.get("tie")),
        selector_names=_texts(value.get("names")),
        pseudo_classes=_texts(value.get("pseudo")),
    )


def decode_rules(value: object) -> list[RuleSet]:
    """Rule sets from :func:`encode_rules`' data; raises Unknown on any other shape."""
    if type(value) is not list:
        raise Unknown("rules")
    assert isinstance(value, list)
    return [_decode_rule(rule) for rule in value]


__all__ = ["Unknown", "checked_int", "checked_text", "decode_rules", "encode_rules"]
