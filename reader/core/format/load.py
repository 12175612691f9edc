"""Loading an article file, with full validation; and the same checks on an article in memory.

Validation reports every problem at once, each with file, line and data path, e.g.
``articles/x.yaml:41: quotes[3].speaker: unknown speaker 'lukjanov' (known: …)``, so an
author fixes a file in one pass. Which keys each mapping needs and knows come from
:mod:`.schema`; how each value is checked, and what the problem says, is
:mod:`.checker`; the checks across records (unique ids, references) are
:mod:`.references`. Reading the records into the model is here. See the
README for the format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reader.core.errors import ArticleError
from reader.core.files import MAX_FILE_BYTES, decode_text, read_bytes
from reader.core.format import fast
from reader.core.format.checker import Checker, join_path, kind_of
from reader.core.format.dump import article_to_data
from reader.core.format.nodes import MAX_VALUES, Node
from reader.core.format.references import check_references, check_unique, item_node
from reader.core.format.schema import (
    ARTICLE,
    COOKIE,
    FIGURE,
    FOOTER,
    QUOTE,
    SCHEMA,
    SECTION,
    SPEAKER,
)
from reader.core.gctools import paused_gc
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

T = TypeVar("T")
#: ``dict.setdefault`` of the strings a load shares (see :func:`_read_article`).
_Share = Callable[[str, str], str]


# -- reading -----------------------------------------------------------------------


def load_article(path: Path | str, limit: int = MAX_FILE_BYTES) -> Article:
    """Load and validate one article file; raise ReaderError/ArticleError on any problem."""
    path = Path(path)
    data = read_bytes(path, limit)
    return parse_article(decode_text(data, str(path)), str(path))


def parse_article(text: str, filename: str = "<article>") -> Article:
    """Validate YAML text as an article; every problem is reported in one ArticleError."""
    # here: an article read back from the cache is checked without PyYAML (see .nodes)
    from reader.core.format.safe_yaml import parse_yaml

    with paused_gc():
        root = parse_yaml(text, filename)
        checker = Checker()
        article = _read_article(checker, root, filename)
    if checker.problems or article is None:
        if not checker.problems:  # pragma: no cover - defensive
            checker.add(root, "", "not a valid article")
        checker.problems.sort(key=lambda p: p.line or 0)
        raise ArticleError(filename, checker.problems)
    return article


def parse_head(text: str, filename: str = "<article>") -> Article:
    """Validate YAML text cut from a bigger file (:func:`.head.yaml_head`) as its head.

    As :func:`parse_article`, but the quotes in sections the cut left out are dropped
    before the checks (they would refer to sections not there); raises ArticleError.
    """
    from reader.core.format.safe_yaml import parse_yaml

    with paused_gc():
        root = parse_yaml(text, filename)
        fields = root.value if isinstance(root.value, dict) else {}
        sections, quotes = fields.get("sections"), fields.get("quotes")
        if sections is not None and quotes is not None and isinstance(quotes.value, list):
            items = sections.value if isinstance(sections.value, list) else []
            kept = {LEAD, *(_text_field(item, "id") for item in items)}
            quotes.value = [q for q in quotes.value if _text_field(q, "section") in kept]
        checker = Checker()
        article = _read_article(checker, root, filename)
    if checker.problems or article is None:
        if not checker.problems:
            raise ArticleError.single(filename, "not a valid article")
        raise ArticleError(filename, checker.problems)
    return article


def _text_field(node: Node, key: str) -> str:
    """A mapping's text value for ``key`` ("" for anything else)."""
    value = node.value.get(key) if isinstance(node.value, dict) else None
    inner = value.value if isinstance(value, Node) else None
    return inner if isinstance(inner, str) else ""


def validate_article(article: Article, filename: str = "<article>") -> Article:
    """The article as :func:`parse_article` reads back :func:`dump_article`'s text.

    Runs the loader's own checks (the same code, on the same plain data) without the YAML
    text in between, so it costs a fraction of a dump and a parse; raises ArticleError
    with every problem, like the loader. The YAML layer itself round-trips plain data
    exactly (tested in tests/core/format/test_load.py on the importer's output), so the
    result is what ``reader check`` will read from the saved file.

    An article that :func:`.fast.reads_back_as_is` vouches for (every article the importer
    makes) is returned as it is, without building the node tree; any other goes the
    full way, so every problem is still reported by the loader's own code.
    """
    if fast.reads_back_as_is(article):
        return article
    return _validate_via_nodes(article, filename)


def _validate_via_nodes(article: Article, filename: str) -> Article:
    """:func:`validate_article` the full way: the loader's code on a node tree of the data."""
    with paused_gc():
        budget = [MAX_VALUES]
        root = _memory_node(article_to_data(article), budget)
        if budget[0] < 0:
            raise ArticleError.single(filename, f"more than {MAX_VALUES:,} values in one file")
        checker = Checker()
        checked = _read_article(checker, root, filename)
    if checker.problems or checked is None:
        if not checker.problems:  # pragma: no cover - defensive
            checker.add(root, "", "not a valid article")
        raise ArticleError(filename, checker.problems)
    return checked


def _memory_node(value: Any, budget: list[int]) -> Node:
    """Plain data as the YAML parser's :class:`Node` tree (line 0: not from a file)."""
    budget[0] -= 1
    if isinstance(value, dict):
        budget[0] -= len(value)  # the parser counts each key as a value too
        return Node({key: _memory_node(item, budget) for key, item in value.items()}, 0)
    if isinstance(value, list):
        return Node([_memory_node(item, budget) for item in value], 0)
    return Node(value, 0)


def _read_article(c: Checker, root: Node, filename: str) -> Article | None:
    if not isinstance(root.value, dict):
        raise ArticleError.single(
            filename, f"an article must be a mapping, got {kind_of(root.value)}", root.line
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
    fields = c.mapping(root, "", ARTICLE.required, ARTICLE.optional)
    assert fields is not None
    article_id = c.ident(fields, "id", "")
    title = c.text(fields, "title", "")
    language = c.text(fields, "language", "")
    source = c.text(fields, "source", "")
    date = c.text(fields, "date", "", optional=True)
    url = c.text(fields, "url", "", optional=True)
    lead = c.text(fields, "lead", "", optional=True)
    figures = c.items(fields, "figures", "", _figure(c))
    # Quotes name their speaker, section and kind again and again, each a string of its
    # own from the parser: they share the speaker's and the section's id and one string
    # per kind instead (three of some 50 bytes per quote).
    shared: dict[str, str] = {kind: kind for kind in QUOTE_KINDS}
    share = shared.setdefault
    sections = c.items(fields, "sections", "", _section(c, share))
    if "sections" in fields and not fields["sections"].value:
        c.add(fields["sections"], "sections", "an article needs at least one section")
    speakers = c.items(fields, "speakers", "", _speaker(c, share))
    quotes = c.items(fields, "quotes", "", _quote(c, share))
    footer = _footer(c, fields.get("footer"))

    check_unique(c, fields.get("sections"), "sections", [s.id for s in sections])
    check_unique(c, fields.get("speakers"), "speakers", [s.id for s in speakers])
    check_unique(c, fields.get("quotes"), "quotes", [q.id for q in quotes])
    for index, section in enumerate(sections):
        if section.id == LEAD:
            c.add(
                item_node(fields, "sections", index), f"sections[{index}].id", "'lead' is reserved"
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
    check_references(c, fields, article)
    if None in (article_id, title, language, source):
        return None
    return article


def _figure(c: Checker) -> Callable[[Node, str], Figure | None]:
    def read(node: Node, path: str) -> Figure | None:
        fields = c.mapping(node, path, FIGURE.required, FIGURE.optional)
        if fields is None:
            return None
        caption = c.text(fields, "caption", path)
        credit = c.text(fields, "credit", path, optional=True)
        return Figure(caption, credit) if caption is not None else None

    return read


def _section(c: Checker, share: _Share) -> Callable[[Node, str], Section | None]:
    def read(node: Node, path: str) -> Section | None:
        fields = c.mapping(node, path, SECTION.required, SECTION.optional)
        if fields is None:
            return None
        ident = c.ident(fields, "id", path)
        heading = c.text(fields, "heading", path, optional=True)
        paragraphs = c.strings(fields.get("paragraphs"), join_path(path, "paragraphs"))
        if "paragraphs" in fields and not paragraphs and fields["paragraphs"].value in (None, []):
            c.add(
                fields["paragraphs"],
                join_path(path, "paragraphs"),
                "a section needs at least one paragraph",
            )
        if ident is None:
            return None
        return Section(share(ident, ident), heading, tuple(paragraphs))

    return read


def _speaker(c: Checker, share: _Share) -> Callable[[Node, str], Speaker | None]:
    def read(node: Node, path: str) -> Speaker | None:
        fields = c.mapping(node, path, SPEAKER.required, SPEAKER.optional)
        if fields is None:
            return None
        ident = c.ident(fields, "id", path)
        name = c.text(fields, "name", path)
        role = c.text(fields, "role", path, optional=True)
        aliases = c.strings(fields.get("aliases"), join_path(path, "aliases"))
        if ident is None or name is None:
            return None
        return Speaker(share(ident, ident), name, role, tuple(aliases))

    return read


def _quote(c: Checker, share: _Share) -> Callable[[Node, str], Quote | None]:
    def read(node: Node, path: str) -> Quote | None:
        fields = c.mapping(node, path, QUOTE.required, QUOTE.optional)
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
                    join_path(path, "paragraph"),
                    f"expected a paragraph number (0, 1, …), got {kind_of(value)}",
                )
        kind = "direct"
        if "kind" in fields:
            value = fields["kind"].value
            if value in QUOTE_KINDS:
                kind = share(value, value)
            else:
                c.add(
                    fields["kind"],
                    join_path(path, "kind"),
                    f"expected 'direct' or 'indirect', got {kind_of(value)}",
                )
        if None in (ident, text, speaker, section, paragraph):
            return None
        assert ident and text and speaker and section and paragraph is not None
        speaker, section = share(speaker, speaker), share(section, section)
        return Quote(ident, text, speaker, section, paragraph, kind)  # type: ignore[arg-type]

    return read


def _footer(c: Checker, node: Node | None) -> Footer:
    if node is None or node.value is None:
        return Footer()
    fields = c.mapping(node, "footer", FOOTER.required, FOOTER.optional)
    if fields is None:
        return Footer()
    copyright_line = c.text(fields, "copyright", "footer", optional=True)
    cookie: CookieNotice | None = None
    cookie_node = fields.get("cookie")
    if cookie_node is not None and cookie_node.value is not None:
        cookie_fields = c.mapping(cookie_node, "footer.cookie", COOKIE.required, COOKIE.optional)
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
