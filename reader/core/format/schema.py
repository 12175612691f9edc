"""The article format's fields, described once: what the loader, the writer and the cache read.

Each record of the format (the article, a figure, a section, a speaker, a quote, the
footer and its cookie notice) is a :class:`Record`: its model class and its fields in
the order a file lists them. A :class:`Field` says what the loader needs (``required``),
when the writer leaves it out (``written``) and what it holds (text, a list of texts, a
record, a list of records). From that:

- the loader takes each mapping's required and known keys (:mod:`.load`: "missing
  required field", "unknown field (known: …)");
- the writer lays out the plain data field by field (:mod:`.dump`);
- the cache reader checks each entry's keys (the ones always written, and the ones
  sometimes written) and builds the model (:mod:`.cache`).

Adding a field is then one line here, the model's attribute, and the loader's check of
its value (how a value is checked, and what the error says, stays code: :mod:`.load`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import Any, Literal, NamedTuple

from reader.core.model import Article, CookieNotice, Figure, Footer, Quote, Section, Speaker

#: The format version every file states (``schema: 1``).
SCHEMA = 1
#: Ids: lowercase ASCII letters, digits, ``-`` and ``_``. ``\Z``: "$" would accept a
#: trailing newline.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")
#: Most characters of paragraph text searched for quotes in one file: thousands of quotes
#: in a megabyte paragraph would otherwise take minutes (real articles need ~1/100 of it).
MAX_QUOTE_SCAN = 400_000_000

#: When the writer leaves a field out: never; when it is None; when it is empty or None.
Written = Literal["always", "unless_none", "unless_empty"]


# A NamedTuple and a plain class, not frozen dataclasses: this module is imported before
# the first paint, where a dataclass's methods, compiled from source, cost about a
# millisecond each.
class Field(NamedTuple):
    """One key of a record: its name in the file and on the model, and how it is written."""

    key: str
    attr: str = ""
    required: bool = False
    written: Written = "always"
    #: A list in the file (a tuple on the model): of texts, or of ``record``.
    many: bool = False
    #: The record this field holds (one, or a list with ``many``).
    record: Record | None = None

    @property
    def name(self) -> str:
        """The model's attribute (the key, unless it differs)."""
        return self.attr or self.key


class Record:
    """A mapping of the format and the model class it is read into."""

    def __init__(self, model: Callable[..., Any], fields: tuple[Field, ...]) -> None:
        self.model = model
        self.fields = fields

    def __repr__(self) -> str:
        return f"Record({getattr(self.model, '__name__', self.model)}, {len(self.fields)} fields)"

    @cached_property
    def required(self) -> frozenset[str]:
        """Keys the loader refuses a mapping without."""
        return frozenset(f.key for f in self.fields if f.required)

    @cached_property
    def optional(self) -> frozenset[str]:
        """Keys the loader knows but does not insist on."""
        return frozenset(f.key for f in self.fields if not f.required)

    @cached_property
    def always_written(self) -> frozenset[str]:
        """Keys the writer always writes (a cache entry must have them all)."""
        return frozenset(f.key for f in self.fields if f.written == "always")

    @cached_property
    def sometimes_written(self) -> frozenset[str]:
        """Keys the writer leaves out when there is nothing in them."""
        return frozenset(f.key for f in self.fields if f.written != "always")


FIGURE = Record(
    Figure,
    (Field("caption", required=True), Field("credit", written="unless_empty")),
)

SECTION = Record(
    Section,
    (
        Field("id", required=True),
        Field("heading"),  # written even when None: "heading: null" marks the opening
        Field("paragraphs", required=True, many=True),
    ),
)

SPEAKER = Record(
    Speaker,
    (
        Field("id", required=True),
        Field("name", required=True),
        Field("role", written="unless_empty"),
        Field("aliases", many=True, written="unless_empty"),
    ),
)

QUOTE = Record(
    Quote,
    (
        Field("id", required=True),
        Field("speaker", required=True),
        Field("section", required=True),
        Field("paragraph", required=True),
        Field("kind"),
        Field("text", required=True),
    ),
)

COOKIE = Record(
    CookieNotice,
    (
        Field("text", required=True),
        Field("link_text", written="unless_empty"),
        Field("accept", attr="accept_label"),
    ),
)

FOOTER = Record(
    Footer,
    (
        Field("copyright", written="unless_none"),
        Field("cookie", written="unless_none", record=COOKIE),
    ),
)

#: The article. ``schema`` is not on the model: the writer puts ``SCHEMA`` first, the
#: loader and the cache check it before anything else.
ARTICLE = Record(
    Article,
    (
        Field("schema", required=True),
        Field("id", required=True),
        Field("title", required=True),
        Field("language", required=True),
        Field("source", required=True),
        Field("date", written="unless_none"),
        Field("url", written="unless_none"),
        Field("figures", many=True, record=FIGURE, written="unless_empty"),
        Field("lead", written="unless_none"),
        Field("sections", required=True, many=True, record=SECTION),
        Field("speakers", many=True, record=SPEAKER),
        Field("quotes", many=True, record=QUOTE),
        Field("footer", record=FOOTER, written="unless_empty"),
    ),
)
