"""Parse untrusted YAML into plain data, remembering the line of every value.

PyYAML's own loaders build objects straight from the document. Article files come
from other people, so this module walks the event stream of the safe C parser instead
and builds only mappings, lists and plain scalars itself. That lets it:

* refuse every explicit tag (``!!python/object``, ``!foo`` …) instead of constructing it;
* refuse aliases, so an alias bomb ("billion laughs") costs nothing;
* refuse duplicate keys instead of silently keeping the last one;
* bound the nesting depth without recursion, and the number of values (a few hundred
  thousand tiny list items would otherwise cost seconds and hundreds of MB);
* remember each value's line, so validation errors can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from reader.core.errors import ArticleError

try:  # the C parser is required for speed; the pure one would parse a 5 MB file in seconds
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
#: Most values (scalars, lists, mappings) in one document. A long article has a few
#: hundred, a 5 MB one about 200,000; parsing the most costs about a second.
MAX_VALUES = 250_000
_MAX_INT_BITS = 128

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
}


@dataclass(slots=True)
class Node:
    """A parsed value and the 1-based line it starts on."""

    value: Any  # str | int | float | bool | None | dict[str, Node] | list[Node]
    line: int


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 0


def _scalar(event: yaml.ScalarEvent, filename: str) -> Node:
    line = _line(event)
    if event.tag not in (None, "!"):
        raise ArticleError.single(filename, f"tags are not allowed ({event.tag})", line)
    if not (event.implicit[0] and not event.style):
        return Node(event.value, line)  # quoted or block scalar: always text
    tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return Node(event.value, line)
    if tag not in _PLAIN_TAGS:
        # timestamps, binary, merge keys …: keep the text as written
        return Node(event.value, line)
    node = yaml.ScalarNode(tag, event.value)
    try:
        value = _constructor.construct_object(node)
        # Huge integers: int() refuses more than 4300 digits, and str() of a huge
        # hexadecimal one would fail later, in an error message.
        if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
            raise ValueError(event.value)
    except (ValueError, OverflowError):
        shown = event.value if len(event.value) <= 20 else f"{event.value[:20]}…"
        raise ArticleError.single(filename, f"number too large: {shown}", line) from None
    return Node(value, line)


def parse_yaml(text: str, filename: str) -> Node:
    """Parse one YAML document into :class:`Node` values, or raise ArticleError."""
    stack: list[tuple[Node, str | None]] = []  # container, pending mapping key
    root: Node | None = None
    documents = 0
    values = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                values += 1
                if values > MAX_VALUES:
                    line = _line(event)
                    raise ArticleError.single(
                        filename, f"more than {MAX_VALUES:,} values in one file", line
                    )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line = _line(event)
                    raise ArticleError.single(filename, "more than one YAML document", line)
                continue
            if isinstance(event, yaml.AliasEvent):
                line = _line(event)
                raise ArticleError.single(filename, "aliases (*name) are not allowed", line)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done, _ = stack.pop()
                if not stack:
                    root = done
                else:
                    _attach(stack, done, filename)
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                line = _line(event)
                if event.tag not in (None, "!"):
                    raise ArticleError.single(filename, f"tags are not allowed ({event.tag})", line)
                if len(stack) >= MAX_DEPTH:
                    raise ArticleError.single(
                        filename, f"nested more than {MAX_DEPTH} levels deep", line
                    )
                empty: dict[str, Node] | list[Node] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                stack.append((Node(empty, line), None))
                continue
            if isinstance(event, yaml.ScalarEvent):
                node = _scalar(event, filename)
                if not stack:
                    root = node
                else:
                    _attach(stack, node, filename)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ArticleError.single(filename, f"invalid YAML: {problem}", where) from None
    except yaml.reader.ReaderError as exc:
        # a character YAML forbids (raw control characters …); not a MarkedYAMLError
        where = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        character = exc.character
        code = ord(character) if isinstance(character, str) else character
        shown = f"#x{code:04x}" if isinstance(code, int) else "?"
        message = f"invalid YAML: unacceptable character {shown}: {exc.reason}"
        raise ArticleError.single(filename, message, where) from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        raise ArticleError.single(filename, f"invalid YAML: {first}") from None
    except UnicodeEncodeError as exc:  # lone surrogates, from text decoded leniently
        line = text.count("\n", 0, exc.start) + 1
        message = "not valid Unicode text (a lone surrogate)"
        raise ArticleError.single(filename, message, line) from None
    if root is None:
        raise ArticleError.single(filename, "the file is empty")
    return root


def _attach(stack: list[tuple[Node, str | None]], node: Node, filename: str) -> None:
    parent, key = stack[-1]
    if isinstance(parent.value, list):
        parent.value.append(node)
        return
    if key is None:
        if not isinstance(node.value, (str, int, float, bool)) or node.value is None:
            raise ArticleError.single(filename, "mapping keys must be plain text", node.line)
        stack[-1] = (parent, str(node.value))
        return
    if key in parent.value:
        raise ArticleError.single(filename, f"duplicate key {key!r}", node.line)
    parent.value[key] = node
    stack[-1] = (parent, None)


def plain(node: Node) -> Any:
    """Strip line numbers: the plain Python value of a node (for tests and tools)."""
    if isinstance(node.value, dict):
        return {k: plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [plain(v) for v in node.value]
    return node.value
