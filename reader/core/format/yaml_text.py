"""An article's data as YAML text, byte for byte what PyYAML's C emitter writes, faster.

Saving an article used to spend more time in PyYAML (representer, serializer, libyaml's
emitter, ~0.4 ms for a short article) than the importer spends making it. The format's
data is simple: mappings with fixed lowercase keys, lists of texts or of mappings, texts,
whole numbers and nulls. For that data this module writes the text directly, following
libyaml's rules for the block style ``dump_article`` asks for (``allow_unicode``,
``width=100``, ``default_flow_style=False``, keys in order):

- a text is written plain when libyaml would (no leading or trailing space, no indicator
  at its start, no ``": "`` or ``" #"`` inside, and it does not read back as another type
  under YAML 1.1, e.g. ``2016``, ``yes`` or ``null``), else in single quotes (``'``
  doubled);
- a line is folded at the first single space after column 100 whose next character is
  no space, the rest indented two more than its key or item;
- lists in a mapping are not indented (``key:`` then ``- item`` in the key's column),
  empty lists and mappings are ``[]`` and ``{}``.

Anything else (a character libyaml escapes or treats as a line break, such as a tab, a
control character, U+2028 or an emoji outside the Basic Multilingual Plane; a type or
layout the format never makes; the same list or mapping twice) makes :func:`yaml_text`
return None, and the caller asks PyYAML, so the text is PyYAML's in every case.
``tests/core/format/test_yaml_text.py`` checks that it is, on the test corpus and on
generated hostile articles.
"""

from __future__ import annotations

import re
from typing import Any

#: Folding width (``width=100``): a space at a column past it may become a line break.
WIDTH = 100
#: Each nesting level adds two columns (PyYAML's default indent).
INDENT = 2

#: A character outside what libyaml writes as itself in a plain or single-quoted scalar
#: with ``allow_unicode``: C0 controls (tab included), DEL, C1 controls (NEL), the line
#: and paragraph separators, surrogates, U+FEFF, U+FFFE/U+FFFF and everything outside the
#: Basic Multilingual Plane (libyaml escapes all of those). The writer's own line feeds
#: pass: the whole text is searched once (each scalar is checked for a line feed of its
#: own), which costs far less than searching every scalar.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")

#: First characters that keep a text from being written plain (indicators, a space).
_INDICATORS = frozenset(" #,[]{}&*!|>'\"%@`")

#: Keys written plain as they are (the format's keys all are).
_KEY = re.compile(r"[a-z][a-z_]*\Z")


class _Unusual(Exception):
    """Raised inside the writer when PyYAML must write the document instead."""


#: PyYAML's implicit resolvers (``yaml.resolver.Resolver``: the table its dumper consults),
#: as (tag, pattern, first characters), so that a text that reads back as a number, a
#: boolean, a null, a date or a merge key is quoted exactly when PyYAML would quote it.
#: Written out here so that saving an article does not import PyYAML (~10 ms of every
#: ``reader import``); tests/core/format/test_yaml_text.py checks it is PyYAML's table.
_RESOLVER_TABLE: tuple[tuple[str, str, str], ...] = (
    (
        "tag:yaml.org,2002:bool",
        r"""^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$""",
        "yYnNtTfFoO",
    ),
    (
        "tag:yaml.org,2002:float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        "tag:yaml.org,2002:int",
        r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
        "-+0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
    (
        "tag:yaml.org,2002:null",
        r"""^(?: ~
                    |null|Null|NULL
                    | )$""",
        "~nN",  # and the empty text (never written plain)
    ),
    (
        "tag:yaml.org,2002:timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
    ("tag:yaml.org,2002:value", r"^(?:=)$", "="),
    ("tag:yaml.org,2002:yaml", r"^(?:!|&|\*)$", "!&*"),
)


def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """:data:`_RESOLVER_TABLE` by first character, as PyYAML keeps it."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, pattern, first in _RESOLVER_TABLE:
        compiled = re.compile(pattern, re.X if "\n" in pattern else 0)
        for ch in first if tag != "tag:yaml.org,2002:null" else (*first, ""):
            table.setdefault(ch, []).append((tag, compiled))
    return table


_RESOLVERS = _implicit_resolvers()
_KEYS_SEEN: dict[str, bool] = {}


def _reads_as_other(text: str) -> bool:
    """True if YAML 1.1 reads ``text`` written plain as something other than a string."""
    resolvers = _RESOLVERS.get(text[0] if text else "", ())
    return any(pattern.match(text) for _, pattern in resolvers)


def _fold(text: str, column: int, indent: int, quoted: bool) -> str:
    """``text`` (already escaped) written from ``column``, folded as libyaml folds it.

    libyaml breaks at a space when the column before it is past :data:`WIDTH`, the
    character before it is no space and the one after it is no space; a quoted scalar is
    never broken at its first or last character.
    """
    if column + len(text) <= WIDTH + 1:  # no space can start past the width
        return text
    pieces: list[str] = []
    start = 0  # where the current output line's part of ``text`` starts
    start_column = column
    last = len(text) - 1
    break_to = "\n" + " " * indent
    # the first space whose column is past the width: start_column + (i - start) > WIDTH
    i = text.find(" ", max(0, start + WIDTH + 1 - start_column))
    while i != -1:
        if (
            (i == 0 or text[i - 1] != " ")
            and (i == last or text[i + 1] != " ")
            and not (quoted and (i == 0 or i == last))
        ):
            pieces.append(text[start:i])
            pieces.append(break_to)
            start = i + 1
            start_column = indent
            i = text.find(" ", start + WIDTH + 1 - indent)
        else:
            i = text.find(" ", i + 1)
    pieces.append(text[start:])
    return "".join(pieces)


def _scalar(value: Any, column: int, indent: int) -> str:
    """A scalar written from ``column``; folded lines are indented by ``indent``."""
    if value is None:
        return "null"
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is not str:
        raise _Unusual
    text: str = value
    if not text:
        return "''"
    if "\n" in text:
        raise _Unusual
    if _plain(text):
        if column + len(text) <= WIDTH + 1:  # most texts: no space can be past the width
            return text
        return _fold(text, column, indent, False)
    return "'" + _fold(text.replace("'", "''"), column + 1, indent, True) + "'"


def _plain(text: str) -> bool:
    """True if libyaml writes ``text`` (not empty, no unusual character) plain in block
    context: no leading or trailing space, no indicator as its first character (``-``,
    ``?`` and ``:`` only before a space or at the end), no document marker at its start,
    no ``": "``, final ``:`` or ``" #"``, and it does not read back as another type."""
    first = text[0]
    if first in _INDICATORS or text[-1] in " :" or ": " in text or " #" in text:
        return False
    if first in "-?:." and (
        (first != "." and (len(text) == 1 or text[1] == " ")) or text.startswith(("---", "..."))
    ):
        return False
    return not (first in _RESOLVERS and _reads_as_other(text))


def _key(key: Any) -> str:
    ok = _KEYS_SEEN.get(key) if type(key) is str else False
    if ok is None:
        ok = _KEYS_SEEN[key] = bool(_KEY.match(key)) and not _reads_as_other(key)
    if not ok:
        raise _Unusual
    return key  # type: ignore[no-any-return]


class _Writer:
    """Lines of one document, written depth first."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.seen: set[int] = set()

    def container(self, value: Any) -> None:
        # PyYAML writes an anchor and an alias for a list or mapping met twice
        if id(value) in self.seen:
            raise _Unusual
        self.seen.add(id(value))

    def mapping(self, data: dict[Any, Any], indent: int, prefix: str) -> None:
        """A non-empty block mapping whose keys start at column ``indent``; ``prefix``
        is what goes before its first key on that key's line (``"- "`` in a list)."""
        out = self.out
        pad = " " * indent
        first = True
        for key, value in data.items():
            name = _key(key)
            head = (prefix if first else pad) + name + ":"
            first = False
            kind = type(value)
            if kind is list:
                self.container(value)
                if not value:
                    out.append(head + " []\n")
                else:
                    out.append(head + "\n")
                    self.sequence(value, indent)  # a list in a mapping is not indented
            elif kind is dict:
                self.container(value)
                if not value:
                    out.append(head + " {}\n")
                else:
                    out.append(head + "\n")
                    self.mapping(value, indent + INDENT, " " * (indent + INDENT))
            else:
                start = indent + len(name) + 2
                out.append(head + " " + _scalar(value, start, indent + INDENT) + "\n")

    def sequence(self, items: list[Any], indent: int) -> None:
        """A non-empty block list whose ``-`` are at column ``indent``."""
        out = self.out
        item_prefix = " " * indent + "- "
        inner = indent + INDENT
        for item in items:
            kind = type(item)
            if kind is dict and item:
                self.container(item)
                self.mapping(item, inner, item_prefix)
            elif kind is str or kind is int:
                out.append(item_prefix + _scalar(item, inner, inner) + "\n")
            else:  # a list in a list, an empty mapping, a null: never in the format
                raise _Unusual


def yaml_text(data: dict[str, Any]) -> str | None:
    """``data`` as PyYAML's ``CSafeDumper`` writes it with ``dump_article``'s options, or
    None when the data holds something this writer leaves to PyYAML."""
    if type(data) is not dict or not data:
        return None
    writer = _Writer()
    try:
        writer.container(data)
        writer.mapping(data, 0, "")
    except _Unusual:
        return None
    text = "".join(writer.out)
    return None if _UNUSUAL.search(text) else text


__all__ = ["yaml_text"]
