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

from collections.abc import Iterator
from typing import Any

import yaml

from reader.core.errors import ArticleError, ReaderError
from reader.core.format.nodes import MAX_DEPTH, MAX_VALUES, Node
from reader.core.gctools import paused_gc


def c_safe_loader() -> type[yaml.CSafeLoader]:
    """PyYAML's safe C loader: the only YAML loader reader ever uses.

    Safe because it builds nothing but plain data; C because the pure-Python parser
    would take seconds on a large article. PyYAML's wheels always include libyaml; a
    build without it is reported in one line rather than silently falling back.
    """
    loader: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)
    if loader is None:  # pragma: no cover - only with a PyYAML built without libyaml
        raise ReaderError(
            "PyYAML was installed without libyaml; reader reads YAML only with its safe "
            "C parser (reinstall PyYAML from a wheel)"
        )
    return loader


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


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 0


# First characters for which the resolver may find a non-string type (numbers, null,
# bool, timestamps, merge keys …). A plain scalar starting with any other character
# resolves to a string, so the resolver is not asked at all.
_RESOLVABLE = frozenset(_resolver.yaml_implicit_resolvers)
if None in _RESOLVABLE or _resolver.yaml_path_resolvers:  # pragma: no cover - other PyYAML
    raise ImportError(
        "reader.core.format.safe_yaml: the YAML resolver has wildcard or path resolvers"
    )

_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_AliasEvent = yaml.AliasEvent
_IGNORED = frozenset({yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent})


def _resolved(text: str, line: int, filename: str) -> Any:
    """The value of a plain scalar that a resolver may claim (number, bool, null …)."""
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return text
    if tag not in _PLAIN_TAGS:
        # timestamps, binary, merge keys …: keep the text as written
        return text
    node = yaml.ScalarNode(tag, text)
    try:
        value = _constructor.construct_object(node)
        # Huge integers: int() refuses more than 4300 digits, and str() of a huge
        # hexadecimal one would fail later, in an error message.
        if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
            raise ValueError(text)
    except (ValueError, OverflowError):
        shown = text if len(text) <= 20 else f"{text[:20]}…"
        raise ArticleError.single(filename, f"number too large: {shown}", line) from None
    return value


#: Plain scalars up to this length have their resolved value remembered during a parse
#: ("text", "title", paragraph numbers … recur thousands of times in a long article).
_CACHED_SCALAR = 32
_MISSING = object()


def parser_problem(problem: str | None) -> str:
    """What to tell the user about a problem the YAML parser found itself.

    Reader words the problems it checks itself; the parser's own text is passed on after
    "invalid YAML:". Where both can refuse the same file, the user sees reader's wording
    whatever the parser's version: libyaml 0.2.6 and later refuse deep flow nesting
    ("exceeded maximum nesting depth", at 1,000 levels) before reader's own depth check
    sees the events; older ones leave it to reader, which refuses at ``MAX_DEPTH``.
    """
    if not problem:
        return "invalid YAML"
    if "nesting" in problem.lower():
        return f"nested more than {MAX_DEPTH} levels deep"
    return f"invalid YAML: {problem}"


def parse_yaml(text: str, filename: str) -> Node:
    """Parse one YAML document into :class:`Node` values, or raise ArticleError."""
    try:
        with paused_gc():
            return _build(text, filename)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        problem = parser_problem(exc.problem or exc.context)
        raise ArticleError.single(filename, problem, where) from None
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


def _build(text: str, filename: str) -> Node:
    """The event loop of :func:`parse_yaml`: one branch per event type, most common first.

    ``stack`` holds, per open container, ``[node, pending mapping key]``; a scalar or a
    finished container is attached to the top one, as a list item, a mapping key, or
    the value of the pending key.
    """
    stack: list[list[Any]] = []  # [container Node, pending mapping key (str | None)]
    root: Node | None = None
    documents = 0
    values = 0
    resolved: dict[str, Any] = {}  # plain scalar -> its value, for short ones
    events: Iterator[Any] = yaml.parse(text, Loader=c_safe_loader())  # dispatched on type below
    for event in events:
        cls = type(event)
        if cls is _ScalarEvent:  # most events are scalars
            values += 1
            if values > MAX_VALUES:
                raise _too_many(event, filename)
            mark = event.start_mark
            line = mark.line + 1 if mark is not None else 0
            if event.tag is not None and event.tag != "!":
                raise ArticleError.single(filename, f"tags are not allowed ({event.tag})", line)
            value = event.value
            if event.style or not event.implicit[0] or value[:1] not in _RESOLVABLE:
                # quoted or block: always text; plain and no resolver claims it: text too
                node = Node(value, line)
            else:  # the value is immutable (text, number, bool, None): safe to share
                known = resolved.get(value, _MISSING)
                if known is _MISSING:
                    known = _resolved(value, line, filename)
                    if len(value) <= _CACHED_SCALAR:
                        resolved[value] = known
                node = Node(known, line)
        elif cls is _MappingEndEvent or cls is _SequenceEndEvent:
            node = stack.pop()[0]
        elif cls is _MappingStartEvent or cls is _SequenceStartEvent:
            values += 1
            if values > MAX_VALUES:
                raise _too_many(event, filename)
            line = _line(event)
            if event.tag not in (None, "!"):
                raise ArticleError.single(filename, f"tags are not allowed ({event.tag})", line)
            if len(stack) >= MAX_DEPTH:
                raise ArticleError.single(
                    filename, f"nested more than {MAX_DEPTH} levels deep", line
                )
            empty: dict[str, Node] | list[Node] = {} if cls is _MappingStartEvent else []
            stack.append([Node(empty, line), None])
            continue
        elif cls is _DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise ArticleError.single(filename, "more than one YAML document", _line(event))
            continue
        elif cls is _AliasEvent:
            line = _line(event)
            raise ArticleError.single(filename, "aliases (*name) are not allowed", line)
        elif cls in _IGNORED:
            continue
        else:  # pragma: no cover - an event class this parser does not know
            raise ArticleError.single(filename, f"invalid YAML: unexpected {cls.__name__}")
        if not stack:
            root = node
            continue
        top = stack[-1]
        container = top[0].value
        if type(container) is list:
            container.append(node)
            continue
        key = top[1]
        if key is None:
            plain_key = node.value
            if not isinstance(plain_key, (str, int, float, bool)) or plain_key is None:
                raise ArticleError.single(filename, "mapping keys must be plain text", node.line)
            top[1] = plain_key if type(plain_key) is str else str(plain_key)
            continue
        if key in container:
            raise ArticleError.single(filename, f"duplicate key {key!r}", node.line)
        container[key] = node
        top[1] = None
    if root is None:
        raise ArticleError.single(filename, "the file is empty")
    return root


def _too_many(event: yaml.Event, filename: str) -> ArticleError:
    message = f"more than {MAX_VALUES:,} values in one file"
    return ArticleError.single(filename, message, _line(event))


def plain(node: Node) -> Any:
    """Strip line numbers: the plain Python value of a node (for tests and tools)."""
    if isinstance(node.value, dict):
        return {k: plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [plain(v) for v in node.value]
    return node.value
