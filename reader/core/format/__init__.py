"""The article format: one package for reading, checking, writing and caching article files.

- :mod:`.schema`: the fields of every record, described once (keys, which are required,
  when one is left out on writing, what it holds); the loader, the writer and the cache
  reader all follow it.
- :mod:`.safe_yaml`: untrusted YAML into plain data with lines (the safe C parser only).
- :mod:`.load`: load and validate a file, every problem at once; ``validate_article``
  runs the same checks on an article in memory. :mod:`.checker` checks each value and
  words its problem; :mod:`.references` checks ids and references across records.
- :mod:`.fast`: the fast path of those checks, on the model objects directly.
- :mod:`.dump`: an article as plain data, as YAML text, saved atomically; :mod:`.yaml_text`
  writes that text directly, byte for byte what PyYAML would (PyYAML itself for the rest).
- :mod:`.cache`: big articles kept as checked JSON, so reopening one skips the YAML.

The names most callers need are importable from here.
"""

from reader.core.format.dump import article_to_data, dump_article, save_article
from reader.core.format.fast import reads_back_as_is
from reader.core.format.load import load_article, parse_article, validate_article
from reader.core.format.schema import ID_PATTERN, SCHEMA

__all__ = [
    "ID_PATTERN",
    "SCHEMA",
    "article_to_data",
    "dump_article",
    "load_article",
    "parse_article",
    "reads_back_as_is",
    "save_article",
    "validate_article",
]
