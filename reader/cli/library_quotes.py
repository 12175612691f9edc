"""``reader quotes DIR`` and ``reader check DIR``: a folder answered from its library index.

The index is brought up to date first (only new and changed files are read, as the
library screen does), then asked: the same search as the library's quote tab (words,
every one beginning a word, and a speaker by full name, merged across articles), and
the same record of broken files with their reasons.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reader.cli.common import EXIT_OK
from reader.core.index import QuoteHit, QuoteQuery
from reader.core.search import terms
from reader.core.text import one_line, visible

#: ``reader quotes DIR`` lists every match (the screen stops at a page's worth).
NO_LIMIT = 1_000_000


def folder_quotes(folder: Path, speaker: str | None, search: str | None, *, as_json: bool) -> int:
    from reader.cli.index import refreshed_index

    index, _result = refreshed_index(folder)
    try:
        query = QuoteQuery(tuple(terms(search or "")), speaker or None)
        if query.empty:
            hits = _every_quote(index)
        else:
            hits, _more = index.search(query, limit=NO_LIMIT)
    finally:
        index.close()
    hits.sort(key=lambda hit: (hit.path, hit.row))
    sys.stdout.write(_as_json(folder, hits) if as_json else _as_text(hits))
    return EXIT_OK


def _every_quote(index: Any) -> list[QuoteHit]:
    return [q for person in index.persons() for q in index.person_quotes(person.row)]


def _record(hit: QuoteHit) -> dict[str, Any]:
    return {
        "file": hit.path,
        "article": hit.article_id,
        "title": hit.title,
        "id": hit.quote_id,
        "text": hit.text,
        "kind": hit.kind,
        "speaker": {"name": hit.name, "role": hit.role or None},
        "section": hit.section,
        "paragraph": hit.paragraph,
    }


def _as_json(folder: Path, hits: list[QuoteHit]) -> str:
    data = {"library": str(folder), "quotes": [_record(hit) for hit in hits]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _as_text(hits: list[QuoteHit]) -> str:
    lines: list[str] = []
    for hit in hits:
        who = one_line(hit.name) + (f", {one_line(hit.role)}" if hit.role else "")
        kind = "" if hit.kind == "direct" else " (indirect)"
        name = visible(Path(hit.path).name, keep_newlines=False)
        lines.append(f"{name} {hit.quote_id}  {who}{kind}")
        lines.append(f"    “{one_line(hit.text)}”")
    return "\n".join(lines) + ("\n" if lines else "")


def check_folder(folder: Path) -> int:
    """Print each file of ``folder`` as ok or broken (with the reason); the broken count."""
    from reader.cli.index import refreshed_index

    index, _result = refreshed_index(folder)
    try:
        rows = sorted(index.articles(), key=lambda row: row.path)
    finally:
        index.close()
    broken = 0
    for row in rows:
        name = visible(row.path, keep_newlines=False)
        if row.error is not None:
            broken += 1
            print(f"{name}: {row.error}", file=sys.stderr)
        else:
            sections = len(row.sections.split("\n")) if row.sections else 0
            print(f"{name}: ok ({sections} sections, {row.quotes} quotes, {row.speakers} speakers)")
    return broken
