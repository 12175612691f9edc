"""Writing an article: the plain data of the format, its YAML text, and the file.

The data is laid out from :mod:`.schema`, field by field in the order the format
documents, leaving out what the schema says to leave out when there is nothing in it; the
loader reads it back unchanged (tests/core/format/test_load.py round-trips it).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.errors import ReaderError
from reader.core.files import atomic_write
from reader.core.format.schema import ARTICLE, SCHEMA, Record, Written
from reader.core.model import Article


def article_to_data(article: Article) -> dict[str, Any]:
    """The plain data of an article, in the order the format documents."""
    return _data(article, _ARTICLE)


class _Plan(NamedTuple):
    """How to write one record, worked out from :mod:`.schema` once, at import.

    The writer runs once per quote, section and speaker (tens of thousands in a big
    article), so it reads every value in one ``attrgetter`` call and zips it with the
    keys, then looks again only at the fields that are lists, records or may be left out.
    """

    schema: bool
    keys: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]
    #: (key, written, nested plan, a list) for each field not written as it is.
    special: tuple[tuple[str, Written, _Plan | None, bool], ...]


def _plan(record: Record) -> _Plan:
    fields = [f for f in record.fields if f.key != "schema"]
    get = attrgetter(*(f.name for f in fields))
    values = get if len(fields) > 1 else (lambda value: (get(value),))
    special = tuple(
        (f.key, f.written, None if f.record is None else _plan(f.record), f.many)
        for f in fields
        if f.many or f.record is not None or f.written != "always"
    )
    schema = len(fields) < len(record.fields)
    return _Plan(schema, tuple(f.key for f in fields), values, special)


_ARTICLE = _plan(ARTICLE)


def _data(value: Any, plan: _Plan) -> dict[str, Any]:
    """One record's plain data, as :mod:`.schema` describes it."""
    schema, keys, values, special = plan
    data: dict[str, Any] = dict(zip(keys, values(value), strict=True))
    if schema:
        data = {"schema": SCHEMA, **data}
    for key, written, nested, many in special:
        item = data[key]
        if item is None and written != "always":
            del data[key]
            continue
        if nested is not None:
            item = [_data(part, nested) for part in item] if many else _data(item, nested)
        elif many:
            item = list(item)
        if not item and written == "unless_empty":
            del data[key]
        else:
            data[key] = item
    return data


def dump_article(article: Article) -> str:
    """The article as YAML text that :func:`~.load.parse_article` reads back unchanged.

    The text is PyYAML's (``CSafeDumper``, the options below) byte for byte. It is
    written from the model by :func:`~.yaml_article.article_yaml`, record by record as
    :mod:`.schema` lays them out; what that leaves (control characters, characters
    outside the Basic Multilingual Plane, values of other types) goes the longer way:
    the plain data, written by :func:`~.yaml_text.yaml_text` or by PyYAML itself.
    """
    # here: their regexes (~1 ms, once), and the cache writes JSON without them
    from reader.core.format.yaml_article import article_yaml
    from reader.core.format.yaml_text import yaml_text

    text = article_yaml(article)
    if text is not None:
        return text
    data = article_to_data(article)
    text = yaml_text(data)
    return text if text is not None else pyyaml_text(data)


def pyyaml_text(data: dict[str, Any]) -> str:
    """``data`` as PyYAML writes it with the format's options (the reference
    :func:`~.yaml_text.yaml_text` matches)."""
    import yaml  # here: the cache writes JSON with article_to_data, and needs no YAML

    try:
        from yaml import CSafeDumper as Dumper
    except ImportError:  # pragma: no cover
        from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    return yaml.dump(
        data,
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def save_article(article: Article, path: Path, *, overwrite: bool = False) -> None:
    """Write an article atomically; refuse to replace an existing file unless asked."""
    if not overwrite and path.exists():
        raise ReaderError(f"{path}: already exists (use --force to replace it)")
    atomic_write(path, dump_article(article), overwrite=overwrite)
