"""The checks across an article's records: ids unique, and every reference resolving.

A quote names its speaker, section and paragraph by id and number; a reference that
does not resolve, or a quote whose text is not in the paragraph it names, is a problem
reported at the line of the field that is wrong. These checks run once the records are
read (:mod:`.load`), on the model objects, with the node tree at hand for the lines.
"""

from __future__ import annotations

from reader.core.format.checker import Checker
from reader.core.format.nodes import Node
from reader.core.format.schema import MAX_QUOTE_SCAN
from reader.core.model import LEAD, Article


def item_node(fields: dict[str, Node], key: str, index: int) -> Node | None:
    node = fields.get(key)
    if node is not None and isinstance(node.value, list) and index < len(node.value):
        item: Node = node.value[index]
        return item
    return node


def check_unique(c: Checker, node: Node | None, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            item = node.value[index] if node and isinstance(node.value, list) else node
            c.add(item, f"{key}[{index}].id", f"duplicate id {ident!r}")
        seen.add(ident)


def check_references(c: Checker, fields: dict[str, Node], article: Article) -> None:
    speaker_ids = {s.id for s in article.speakers}
    known = ", ".join(sorted(speaker_ids)) or "none"
    section_ids = {s.id for s in article.sections}
    budget = MAX_QUOTE_SCAN
    for index, quote in enumerate(article.quotes):
        node = item_node(fields, "quotes", index)
        path = f"quotes[{index}]"
        if quote.speaker not in speaker_ids:
            c.add(
                field_node(node, "speaker"),
                f"{path}.speaker",
                f"unknown speaker {quote.speaker!r} (known: {known})",
            )
        if quote.section != LEAD and quote.section not in section_ids:
            sections = ", ".join([LEAD, *sorted(section_ids)])
            c.add(
                field_node(node, "section"),
                f"{path}.section",
                f"unknown section {quote.section!r} (known: {sections})",
            )
            continue
        try:
            paragraph = article.paragraph_text(quote.section, quote.paragraph)
        except KeyError:
            c.add(
                field_node(node, "paragraph"),
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
                field_node(node, "text"),
                f"{path}.text",
                f"text does not occur in {quote.section}[{quote.paragraph}]: {quote.text[:40]!r}",
            )


def field_node(node: Node | None, key: str) -> Node | None:
    if node is not None and isinstance(node.value, dict) and key in node.value:
        value: Node = node.value[key]
        return value
    return node


__all__ = ["check_references", "check_unique", "field_node", "item_node"]
