"""A cache entry's lines as the one document they hold, and back: tests edit entries.

An entry (reader.core.format.cache) is a big article's head line, then the whole in
lines: an envelope (the article's fields but its sections and quotes, and how many of
each follow), then batches of sections, then of quotes. Tests that tamper with an entry
edit the document those lines hold, as ``json.loads`` of one line gave before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_document(entry: Path) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The entry's head line (None if it has none) and its whole, as one document."""
    lines = entry.read_bytes().split(b"\n")
    head = json.loads(lines[0])
    if head.get("part") == "head":
        lines = lines[1:]
    else:
        head = None
    envelope = json.loads(lines[0])
    items = [item for line in lines[1:] for item in json.loads(line)]
    count = envelope.pop("sections")
    del envelope["quotes"]
    envelope["article"] = {**envelope["article"], "sections": items[:count]}
    envelope["article"]["quotes"] = items[count:]
    return head, envelope


def write_document(
    entry: Path, head: dict[str, Any] | None, document: dict[str, Any], batch: int = 2
) -> None:
    """Write ``document`` (and the head line) back in the entry's lines."""
    lines = [] if head is None else [json.dumps(head)]
    article = document.get("article")
    if type(article) is not dict or "sections" not in article or "quotes" not in article:
        entry.write_text("\n".join([*lines, json.dumps(document)]), encoding="utf-8")
        return
    article = dict(article)
    sections, quotes = article.pop("sections"), article.pop("quotes")
    envelope = {**document, "article": article, "sections": len(sections)}
    envelope["quotes"] = len(quotes)
    lines.append(json.dumps(envelope))
    for items in (sections, quotes):
        lines += [json.dumps(items[i : i + batch]) for i in range(0, len(items), batch)]
    entry.write_text("\n".join(lines), encoding="utf-8")
