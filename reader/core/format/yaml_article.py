"""An article's YAML text written from the model directly, laid out by the format's schema.

``reader import`` writes one file per article, and writing was a sixth of the importer's
own time: :func:`~.dump.article_to_data` first built a mapping of every record (tens of
thousands for a big article), then :func:`~.yaml_text.yaml_text`, which takes any
mapping, checked each key, each list's and mapping's identity (an alias) and each
value's type on the way. An article's shape is known in advance, though: :mod:`.schema`
lists every record's fields, in order, with when each is left out. So each record gets a
writer worked out once, at import, from its :class:`~.schema.Record` (its keys with
their indentation already spelled out, what each field holds), which reads the model's
attributes and writes lines straight away; each text goes through the same
:func:`~.yaml_text._scalar` as before (plain or quoted, folded at 100 columns).

The text is the same, byte for byte, as :func:`~.yaml_text.yaml_text` of
:func:`~.dump.article_to_data` (and so PyYAML's): anything that writer leaves to PyYAML
(a character libyaml escapes, a line break inside a text, a value of another type) makes
:func:`article_yaml` return None, and the caller takes that longer way.
``tests/core/format/test_yaml_text.py`` holds both to PyYAML on real and hostile
articles.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from reader.core.format.schema import ARTICLE, SCHEMA, Record
from reader.core.format.yaml_text import _KEY, _UNUSUAL, INDENT, _reads_as_other, _scalar
from reader.core.format.yaml_text import _Unusual as Unusual
from reader.core.model import Article

#: Writes one record (a model object) into the list of lines; the text before its
#: first key (a list item's ``- `` or the indentation) is the second argument.
_RecordWriter = Callable[[Any, str, list[str]], None]

_TEXT, _TEXTS, _RECORD, _RECORDS = range(4)


def _writer(record: Record, indent: int) -> _RecordWriter:
    """The writer of ``record`` as a mapping whose keys start at column ``indent``."""
    pad = " " * indent
    item = pad + "- "  # a list in a mapping is not indented: its "-" is in the key's column
    steps: list[tuple[str, Callable[[Any], Any], int, str, _RecordWriter | None, int]] = []
    for field in record.fields:
        if field.key == "schema":
            continue
        if not _KEY.match(field.key) or _reads_as_other(field.key):  # pragma: no cover
            raise ValueError(f"{field.key!r} is no plain key")  # the schema's keys all are
        if field.record is None:
            kind, nested = (_TEXTS if field.many else _TEXT), None
        elif field.many:  # each item a mapping after "- ", its keys two columns further
            kind, nested = _RECORDS, _writer(field.record, indent + INDENT)
        else:  # a mapping on the lines below the key, two columns further
            kind, nested = _RECORD, _writer(field.record, indent + INDENT)
        # where a text written after "key: " starts
        column = indent + len(field.key) + 2
        steps.append((field.key, attrgetter(field.name), kind, field.written, nested, column))
    inner = indent + INDENT
    nested_pad = " " * inner

    def write(value: Any, first: str, out: list[str]) -> None:
        head = first
        for key, get, kind, written, nested, column in steps:
            part = get(value)
            if part is None and written != "always":
                continue
            if kind == _TEXT:
                if not part and written == "unless_empty":  # "", as None, is left out
                    continue
                out.append(f"{head}{key}: {_scalar(part, column, inner)}\n")
            elif kind == _RECORD:
                if part is None:  # written "always" but None: not the format's
                    raise Unusual
                lines: list[str] = []
                assert nested is not None
                nested(part, nested_pad, lines)
                if lines:
                    out.append(f"{head}{key}:\n")
                    out.extend(lines)
                elif written == "unless_empty":
                    continue
                else:
                    out.append(f"{head}{key}: {{}}\n")
            else:
                if part is None or not part:
                    if written == "unless_empty":
                        continue
                    if part is None:  # a list field holding None: not the format's
                        raise Unusual
                    out.append(f"{head}{key}: []\n")
                else:
                    out.append(f"{head}{key}:\n")
                    if kind == _TEXTS:
                        for text in part:
                            if type(text) is not str and type(text) is not int:
                                raise Unusual  # a null or a list in a list: PyYAML's to write
                            out.append(f"{item}{_scalar(text, inner, inner)}\n")
                    else:
                        assert nested is not None
                        for member in part:
                            size = len(out)
                            nested(member, item, out)
                            if len(out) == size:  # "- {}": never a record of the format
                                raise Unusual
            head = pad

    return write


_WRITE_ARTICLE = _writer(ARTICLE, 0)


def article_yaml(article: Article) -> str | None:
    """``article`` as :func:`~.dump.dump_article` writes it, or None when the text needs
    what only PyYAML writes (then the caller asks :func:`~.yaml_text.yaml_text` and
    PyYAML, which give the same text in every case)."""
    out = [f"schema: {SCHEMA}\n"]
    try:
        _WRITE_ARTICLE(article, "", out)
    except (Unusual, AttributeError):
        return None
    text = "".join(out)
    return None if _UNUSUAL.search(text) else text


__all__ = ["article_yaml"]
