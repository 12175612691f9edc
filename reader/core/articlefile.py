"""The article YAML format: load with full validation, dump, save.

Validation reports every problem at once, each with file, line and data path, e.g.
``articles/x.yaml:41: quotes[3].speaker: unknown speaker 'lukjanov' (known: …)``, so an
author fixes a file in one pass. See the README for the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

import yaml

from reader.core.errors import ArticleError, Problem, ReaderError
from reader.core.files import MAX_FILE_BYTES, atomic_write, decode_text, read_bytes
from reader.core.model import (
    LEAD,
    QUOTE_KINDS,
    Article,
    CookieNotice,
    Figure,
    Footer,
    Quote,
    Section,
    Speaker,
)
from reader.core.text import clean_text
from reader.core.yamlsafe import MAX_VALUES, Node, parse_yaml, paused_gc

SCHEMA = 1
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")  # \Z: "$" would accept a trailing newline

T = TypeVar("T")


class _Checker:
    """Collects problems while reading a node tree into model objects."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, node: Node | None, path: str, message: str) -> None:
        # line 0: a node built in memory (validate_article), which has no line
        self.problems.append(Problem(node.line or None if node else None, path, message))

    def mapping(
        self, node: Node, path: str, required: set[str], optional: set[str]
    ) -> dict[str, Node] | None:
        if not isinstance(node.value, dict):
            self.add(node, path, f"expected a mapping, got {_kind(node.value)}")
            return None
        fields: dict[str, Node] = node.value
        for key in sorted(required - fields.keys()):
            self.add(node, path, f"missing required field '{key}'")
        for key in fields.keys() - required - optional:
            known = ", ".join(sorted(required | optional))
            self.add(fields[key], _join(path, key), f"unknown field (known: {known})")
        return fields

    def text(
        self, fields: dict[str, Node], key: str, path: str, *, optional: bool = False
    ) -> str | None:
        node = fields.get(key)
        if node is None:
            return None
        if node.value is None and optional:
            return None
        if not isinstance(node.value, str):
            self.add(node, _join(path, key), f"expected text, got {_kind(node.value)}")
            return None
        value = clean_text(node.value)  # before the check: "\x1b[0m" is empty too
        if not value.strip():
            if not optional:
                self.add(node, _join(path, key), "must not be empty")
            return None  # an empty optional field is an absent one (as dump_article writes it)
        return value

    def ident(self, fields: dict[str, Node], key: str, path: str) -> str | None:
        value = self.text(fields, key, path)
        if value is not None and not ID_PATTERN.match(value):
            self.add(
                fields[key],
                _join(path, key),
                f"invalid id {value!r} (use lowercase letters, digits, '-' and '_')",
            )
            return None
        return value

    def items(
        self, fields: dict[str, Node], key: str, path: str, read: Callable[[Node, str], T | None]
    ) -> list[T]:
        node = fields.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.add(node, _join(path, key), f"expected a list, got {_kind(node.value)}")
            return []
        out: list[T] = []
        for index, item in enumerate(node.value):
            value = read(item, f"{_join(path, key)}[{index}]")
            if value is not None:
                out.append(value)
        return out

    def strings(self, node: Node | None, path: str) -> list[str]:
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.add(node, path, f"expected a list of text, got {_kind(node.value)}")
            return []
        out: list[str] = []
        for index, item in enumerate(node.value):
            if not isinstance(item.value, str):
                self.add(item, f"{path}[{index}]", f"expected text, got {_kind(item.value)}")
                continue
            value = clean_text(item.value)  # before the check, as in text(): "\x1b" is empty
            if value.strip():
                out.append(value)
            else:
                self.add(item, f"{path}[{index}]", "must not be empty")
        return out


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return f"text ({value[:30]!r})" if isinstance(value, str) else type(value).__name__


# -- reading -----------------------------------------------------------------------


def load_article(path: Path | str, limit: int = MAX_FILE_BYTES) -> Article:
    """Load and validate one article file; raise ReaderError/ArticleError on any problem."""
    path = Path(path)
    data = read_bytes(path, limit)
    return parse_article(decode_text(data, str(path)), str(path))


def parse_article(text: str, filename: str = "<article>") -> Article:
    """Validate YAML text as an article; every problem is reported in one ArticleError."""
    with paused_gc():
        root = parse_yaml(text, filename)
        checker = _Checker()
        article = _read_article(checker, root, filename)
    if checker.problems or article is None:
        if not checker.problems:  # pragma: no cover - defensive
            checker.add(root, "", "not a valid article")
        checker.problems.sort(key=lambda p: p.line or 0)
        raise ArticleError(filename, checker.problems)
    return article


def validate_article(article: Article, filename: str = "<article>") -> Article:
    """The article as :func:`parse_article` reads back :func:`dump_article`'s text.

    Runs the loader's own checks (the same code, on the same plain data) without the YAML
    text in between, so it costs a fraction of a dump and a parse; raises ArticleError
    with every problem, like the loader. The YAML layer itself round-trips plain data
    exactly (tested in tests/core/test_articlefile.py on the importer's output), so the
    result is what ``reader check`` will read from the saved file.

    An article that :func:`_reads_back_as_is` vouches for (every article the importer
    makes) is returned as it is, without building the node tree; any other goes the
    full way, so every problem is still reported by the loader's own code.
    """
    if _reads_back_as_is(article):
        return article
    return _validate_via_nodes(article, filename)


def _validate_via_nodes(article: Article, filename: str) -> Article:
    """:func:`validate_article` the full way: the loader's code on a node tree of the data."""
    with paused_gc():
        budget = [MAX_VALUES]
        root = _memory_node(article_to_data(article), budget)
        if budget[0] < 0:
            raise ArticleError.single(filename, f"more than {MAX_VALUES:,} values in one file")
        checker = _Checker()
        checked = _read_article(checker, root, filename)
    if checker.problems or checked is None:
        if not checker.problems:  # pragma: no cover - defensive
            checker.add(root, "", "not a valid article")
        raise ArticleError(filename, checker.problems)
    return checked


def reads_back_as_is(article: object) -> bool:
    """True only if the loader would read :func:`dump_article`'s text of ``article`` back
    as an equal article, without a problem (see :func:`_reads_back_as_is`).

    False means "not vouched for", not "invalid": :func:`validate_article` then runs the
    loader's own code. The cache (reader.core.cache) uses it on what it reads back.
    """
    return _reads_back_as_is(article)  # type: ignore[arg-type]


def _is_text(value: object) -> TypeGuard[str]:
    """A text the loader takes as it is, once clean_text is known to leave it alone."""
    return type(value) is str and bool(value.strip())


def _collect_optional(value: object, texts: list[str]) -> bool:
    """Is ``value`` absent (None) or a text the loader takes as it is? Texts are collected
    in ``texts`` (for the one clean_text check over all of them)."""
    if value is None:
        return True
    if not _is_text(value):
        return False
    texts.append(value)
    return True


def _is_id(value: object) -> bool:
    """An id the loader accepts: a str matching ID_PATTERN (plain ASCII, so already clean)."""
    return type(value) is str and ID_PATTERN.match(value) is not None


def _reads_back_as_is(article: Article) -> bool:
    """True only if the loader's checks pass on ``article`` and read back an equal article.

    The fast path of :func:`validate_article`: the same rules as :func:`_read_article`
    on :func:`article_to_data`'s output, asked of the model objects directly. Exact
    types are required (a str subclass, a list for a tuple or a bool for an int would
    read back different), and so is every optional text being None or not blank
    (article_to_data drops an empty one and the loader turns a blank one into None).
    Every text must be one clean_text leaves alone; one clean_text call over all of them
    joined by a space decides that (a space is neither a character clean_text removes
    nor a combining mark, so it neither hides nor creates a problem between two texts).
    Ids match ID_PATTERN (ASCII letters, digits, ``-``, ``_``: clean), and a quote's
    speaker and section equal an id, its text occurs in a clean paragraph (a part of a
    clean text is clean), so those are not scanned again. Whatever is unusual answers
    False: the caller then runs the loader's code, which finds and words the problem.
    """
    if type(article) is not Article:
        return False
    texts = [article.title, article.language, article.source]
    if not (_is_id(article.id) and all(map(_is_text, texts))):
        return False
    for optional in (article.date, article.url, article.lead):
        if not _collect_optional(optional, texts):
            return False
    figures, sections = article.figures, article.sections
    speakers, quotes, footer = article.speakers, article.quotes, article.footer
    if not (type(figures) is tuple and type(sections) is tuple and sections):
        return False
    if not (type(speakers) is tuple and type(quotes) is tuple and type(footer) is Footer):
        return False
    for figure in figures:
        if type(figure) is not Figure or not _is_text(figure.caption):
            return False
        texts.append(figure.caption)
        if not _collect_optional(figure.credit, texts):
            return False
    # An upper bound on the values _memory_node counts: each mapping with all its keys
    # and fields, each list, each item. Past MAX_VALUES the full check decides exactly.
    values = 36 + 5 * len(figures) + 13 * len(quotes)
    paragraphs_of: dict[str, tuple[str, ...]] = {}
    for section in sections:
        if type(section) is not Section or not _is_id(section.id) or section.id == LEAD:
            return False
        if section.id in paragraphs_of:
            return False
        paragraphs = section.paragraphs
        if type(paragraphs) is not tuple or not paragraphs:
            return False
        if not all(map(_is_text, paragraphs)):
            return False
        texts.extend(paragraphs)
        if not _collect_optional(section.heading, texts):
            return False
        paragraphs_of[section.id] = paragraphs
        values += 7 + len(paragraphs)
    speaker_ids: set[str] = set()
    for speaker in speakers:
        if type(speaker) is not Speaker or not _is_id(speaker.id) or speaker.id in speaker_ids:
            return False
        speaker_ids.add(speaker.id)
        if not _is_text(speaker.name) or type(speaker.aliases) is not tuple:
            return False
        texts.append(speaker.name)
        if not _collect_optional(speaker.role, texts):
            return False
        if not all(map(_is_text, speaker.aliases)):
            return False
        texts.extend(speaker.aliases)
        values += 9 + len(speaker.aliases)
    if not _collect_optional(footer.copyright, texts):
        return False
    cookie = footer.cookie
    if cookie is not None:
        if type(cookie) is not CookieNotice:
            return False
        if not (_is_text(cookie.text) and _is_text(cookie.accept_label)):
            return False
        texts += (cookie.text, cookie.accept_label)
        if cookie.link_text is not None:
            if not _is_text(cookie.link_text) or cookie.link_text not in cookie.text:
                return False
            texts.append(cookie.link_text)
    if values > MAX_VALUES:
        return False
    joined = " ".join(texts)
    if clean_text(joined) != joined:
        return False
    quote_ids: set[str] = set()
    budget = MAX_QUOTE_SCAN
    for quote in quotes:
        if type(quote) is not Quote or not _is_id(quote.id) or quote.id in quote_ids:
            return False
        quote_ids.add(quote.id)
        if type(quote.speaker) is not str or quote.speaker not in speaker_ids:
            return False
        if type(quote.kind) is not str or quote.kind not in QUOTE_KINDS:
            return False
        number = quote.paragraph
        if type(number) is not int or number < 0:
            return False
        if type(quote.section) is not str:
            return False
        if quote.section == LEAD:
            if article.lead is None or number != 0:
                return False
            paragraph = article.lead
        else:
            in_section = paragraphs_of.get(quote.section)
            if in_section is None or number >= len(in_section):
                return False
            paragraph = in_section[number]
        budget -= len(paragraph)
        if budget < 0 or not _is_text(quote.text) or quote.text not in paragraph:
            return False
    return True


def _memory_node(value: Any, budget: list[int]) -> Node:
    """Plain data as the YAML parser's :class:`Node` tree (line 0: not from a file)."""
    budget[0] -= 1
    if isinstance(value, dict):
        budget[0] -= len(value)  # the parser counts each key as a value too
        return Node({key: _memory_node(item, budget) for key, item in value.items()}, 0)
    if isinstance(value, list):
        return Node([_memory_node(item, budget) for item in value], 0)
    return Node(value, 0)


_TOP_REQUIRED = {"schema", "id", "title", "language", "source", "sections"}
_TOP_OPTIONAL = {"date", "url", "lead", "figures", "speakers", "quotes", "footer"}


def _read_article(c: _Checker, root: Node, filename: str) -> Article | None:
    if not isinstance(root.value, dict):
        raise ArticleError.single(
            filename, f"an article must be a mapping, got {_kind(root.value)}", root.line
        )
    schema = root.value.get("schema")
    if schema is None:
        raise ArticleError.single(filename, "missing 'schema: 1' (is this an article file?)")
    if schema.value != SCHEMA or isinstance(schema.value, bool):
        raise ArticleError.single(
            filename,
            f"schema: unsupported schema {schema.value!r} (this reader reads schema {SCHEMA})",
            schema.line,
        )
    fields = c.mapping(root, "", _TOP_REQUIRED, _TOP_OPTIONAL)
    assert fields is not None
    article_id = c.ident(fields, "id", "")
    title = c.text(fields, "title", "")
    language = c.text(fields, "language", "")
    source = c.text(fields, "source", "")
    date = c.text(fields, "date", "", optional=True)
    url = c.text(fields, "url", "", optional=True)
    lead = c.text(fields, "lead", "", optional=True)
    figures = c.items(fields, "figures", "", _figure(c))
    sections = c.items(fields, "sections", "", _section(c))
    if "sections" in fields and not fields["sections"].value:
        c.add(fields["sections"], "sections", "an article needs at least one section")
    speakers = c.items(fields, "speakers", "", _speaker(c))
    quotes = c.items(fields, "quotes", "", _quote(c))
    footer = _footer(c, fields.get("footer"))

    _unique(c, fields.get("sections"), "sections", [s.id for s in sections])
    _unique(c, fields.get("speakers"), "speakers", [s.id for s in speakers])
    _unique(c, fields.get("quotes"), "quotes", [q.id for q in quotes])
    for index, section in enumerate(sections):
        if section.id == LEAD:
            c.add(
                _item_node(fields, "sections", index), f"sections[{index}].id", "'lead' is reserved"
            )

    article = Article(
        id=article_id or "",
        title=title or "",
        language=language or "",
        source=source or "",
        lead=lead,
        date=date,
        url=url,
        figures=tuple(figures),
        sections=tuple(sections),
        speakers=tuple(speakers),
        quotes=tuple(quotes),
        footer=footer,
    )
    _cross_check(c, fields, article)
    if None in (article_id, title, language, source):
        return None
    return article


def _item_node(fields: dict[str, Node], key: str, index: int) -> Node | None:
    node = fields.get(key)
    if node is not None and isinstance(node.value, list) and index < len(node.value):
        item: Node = node.value[index]
        return item
    return node


def _unique(c: _Checker, node: Node | None, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            item = node.value[index] if node and isinstance(node.value, list) else node
            c.add(item, f"{key}[{index}].id", f"duplicate id {ident!r}")
        seen.add(ident)


#: Most characters of paragraph text searched for quotes in one file: thousands of quotes
#: in a megabyte paragraph would otherwise take minutes (real articles need ~1/100 of it).
MAX_QUOTE_SCAN = 400_000_000


def _cross_check(c: _Checker, fields: dict[str, Node], article: Article) -> None:
    speaker_ids = {s.id for s in article.speakers}
    known = ", ".join(sorted(speaker_ids)) or "none"
    section_ids = {s.id for s in article.sections}
    budget = MAX_QUOTE_SCAN
    for index, quote in enumerate(article.quotes):
        node = _item_node(fields, "quotes", index)
        path = f"quotes[{index}]"
        if quote.speaker not in speaker_ids:
            c.add(
                _field(node, "speaker"),
                f"{path}.speaker",
                f"unknown speaker {quote.speaker!r} (known: {known})",
            )
        if quote.section != LEAD and quote.section not in section_ids:
            sections = ", ".join([LEAD, *sorted(section_ids)])
            c.add(
                _field(node, "section"),
                f"{path}.section",
                f"unknown section {quote.section!r} (known: {sections})",
            )
            continue
        try:
            paragraph = article.paragraph_text(quote.section, quote.paragraph)
        except KeyError:
            c.add(
                _field(node, "paragraph"),
                f"{path}.paragraph",
                f"section {quote.section!r} has no paragraph {quote.paragraph}",
            )
            continue
        budget -= len(paragraph)
        if budget < 0:
            c.add(node, path, "too many quotes in long paragraphs to check (split the paragraphs)")
            return
        if quote.text not in paragraph:
            c.add(
                _field(node, "text"),
                f"{path}.text",
                f"text does not occur in {quote.section}[{quote.paragraph}]: {quote.text[:40]!r}",
            )


def _field(node: Node | None, key: str) -> Node | None:
    if node is not None and isinstance(node.value, dict) and key in node.value:
        value: Node = node.value[key]
        return value
    return node


def _figure(c: _Checker) -> Callable[[Node, str], Figure | None]:
    def read(node: Node, path: str) -> Figure | None:
        fields = c.mapping(node, path, {"caption"}, {"credit"})
        if fields is None:
            return None
        caption = c.text(fields, "caption", path)
        credit = c.text(fields, "credit", path, optional=True)
        return Figure(caption, credit) if caption is not None else None

    return read


def _section(c: _Checker) -> Callable[[Node, str], Section | None]:
    def read(node: Node, path: str) -> Section | None:
        fields = c.mapping(node, path, {"id", "paragraphs"}, {"heading"})
        if fields is None:
            return None
        ident = c.ident(fields, "id", path)
        heading = c.text(fields, "heading", path, optional=True)
        paragraphs = c.strings(fields.get("paragraphs"), _join(path, "paragraphs"))
        if "paragraphs" in fields and not paragraphs and fields["paragraphs"].value in (None, []):
            c.add(
                fields["paragraphs"],
                _join(path, "paragraphs"),
                "a section needs at least one paragraph",
            )
        if ident is None:
            return None
        return Section(ident, heading, tuple(paragraphs))

    return read


def _speaker(c: _Checker) -> Callable[[Node, str], Speaker | None]:
    def read(node: Node, path: str) -> Speaker | None:
        fields = c.mapping(node, path, {"id", "name"}, {"role", "aliases"})
        if fields is None:
            return None
        ident = c.ident(fields, "id", path)
        name = c.text(fields, "name", path)
        role = c.text(fields, "role", path, optional=True)
        aliases = c.strings(fields.get("aliases"), _join(path, "aliases"))
        if ident is None or name is None:
            return None
        return Speaker(ident, name, role, tuple(aliases))

    return read


def _quote(c: _Checker) -> Callable[[Node, str], Quote | None]:
    def read(node: Node, path: str) -> Quote | None:
        fields = c.mapping(node, path, {"id", "text", "speaker", "section", "paragraph"}, {"kind"})
        if fields is None:
            return None
        ident = c.ident(fields, "id", path)
        text = c.text(fields, "text", path)
        speaker = c.text(fields, "speaker", path)
        section = c.text(fields, "section", path)
        paragraph_node = fields.get("paragraph")
        paragraph: int | None = None
        if paragraph_node is not None:
            value = paragraph_node.value
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                paragraph = value
            else:
                c.add(
                    paragraph_node,
                    _join(path, "paragraph"),
                    f"expected a paragraph number (0, 1, …), got {_kind(value)}",
                )
        kind = "direct"
        if "kind" in fields:
            value = fields["kind"].value
            if value in QUOTE_KINDS:
                kind = value
            else:
                c.add(
                    fields["kind"],
                    _join(path, "kind"),
                    f"expected 'direct' or 'indirect', got {_kind(value)}",
                )
        if None in (ident, text, speaker, section, paragraph):
            return None
        assert ident and text and speaker and section and paragraph is not None
        return Quote(ident, text, speaker, section, paragraph, kind)  # type: ignore[arg-type]

    return read


def _footer(c: _Checker, node: Node | None) -> Footer:
    if node is None or node.value is None:
        return Footer()
    fields = c.mapping(node, "footer", set(), {"copyright", "cookie"})
    if fields is None:
        return Footer()
    copyright_line = c.text(fields, "copyright", "footer", optional=True)
    cookie: CookieNotice | None = None
    cookie_node = fields.get("cookie")
    if cookie_node is not None and cookie_node.value is not None:
        cookie_fields = c.mapping(cookie_node, "footer.cookie", {"text"}, {"link_text", "accept"})
        if cookie_fields is not None:
            text = c.text(cookie_fields, "text", "footer.cookie")
            link = c.text(cookie_fields, "link_text", "footer.cookie", optional=True)
            accept = c.text(cookie_fields, "accept", "footer.cookie", optional=True)
            if text is not None:
                if link is not None and link not in text:
                    c.add(
                        cookie_fields["link_text"],
                        "footer.cookie.link_text",
                        "does not occur in the notice text",
                    )
                cookie = CookieNotice(text, link, accept or "Accept")
    return Footer(copyright_line, cookie)


# -- writing -----------------------------------------------------------------------


def article_to_data(article: Article) -> dict[str, Any]:
    """The plain data of an article, in the order the format documents."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "id": article.id,
        "title": article.title,
        "language": article.language,
        "source": article.source,
    }
    if article.date is not None:
        data["date"] = article.date
    if article.url is not None:
        data["url"] = article.url
    if article.figures:
        data["figures"] = [
            {"caption": f.caption, **({"credit": f.credit} if f.credit else {})}
            for f in article.figures
        ]
    if article.lead is not None:
        data["lead"] = article.lead
    data["sections"] = [
        {"id": s.id, "heading": s.heading, "paragraphs": list(s.paragraphs)}
        for s in article.sections
    ]
    data["speakers"] = [
        {
            "id": s.id,
            "name": s.name,
            **({"role": s.role} if s.role else {}),
            **({"aliases": list(s.aliases)} if s.aliases else {}),
        }
        for s in article.speakers
    ]
    data["quotes"] = [
        {
            "id": q.id,
            "speaker": q.speaker,
            "section": q.section,
            "paragraph": q.paragraph,
            "kind": q.kind,
            "text": q.text,
        }
        for q in article.quotes
    ]
    footer: dict[str, Any] = {}
    if article.footer.copyright is not None:
        footer["copyright"] = article.footer.copyright
    if article.footer.cookie is not None:
        cookie = article.footer.cookie
        footer["cookie"] = {
            "text": cookie.text,
            **({"link_text": cookie.link_text} if cookie.link_text else {}),
            "accept": cookie.accept_label,
        }
    if footer:
        data["footer"] = footer
    return data


def dump_article(article: Article) -> str:
    """The article as YAML text that :func:`parse_article` reads back unchanged."""
    try:
        from yaml import CSafeDumper as Dumper
    except ImportError:  # pragma: no cover
        from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    return yaml.dump(
        article_to_data(article),
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
