"""A big article made up for the tests of head-first opening (reader.core.format.head).

Big enough to get a head (several times ``HEAD_CHARS`` of text), with a quote in every
section, so a head holds some quotes and the rest holds more.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.format import dump_article
from reader.core.format.head import HEAD_CHARS, HEAD_RATIO
from reader.core.model import Article, CookieNotice, Footer, Quote, Section, Speaker

#: Sections of the big article; each holds about 1,000 characters of text.
SECTIONS = (HEAD_RATIO * HEAD_CHARS) // 1000 + 80


def big_article(sections: int = SECTIONS) -> Article:
    parts = []
    quotes = []
    for n in range(sections):
        said = f"Part {n} is where the report says what it found"
        paragraphs = (
            f"The report, part {n}, opens here. " * 12,
            f'"{said}," the author told the committee in part {n}. ' * 4,
        )
        parts.append(Section(f"part-{n}", f"Part {n}", paragraphs))
        quotes.append(Quote(f"q{n}", said, "author", f"part-{n}", 1))
    return Article(
        id="big-report",
        title="A big report",
        language="en",
        source="The Source",
        lead="The lead of the big report.",
        sections=tuple(parts),
        speakers=(Speaker("author", "Ada Author", "Chair of the committee"),),
        quotes=tuple(quotes),
        footer=Footer("Copyright The Source.", CookieNotice("We use cookies.", None, "OK")),
    )


def write_big(folder: Path, article: Article | None = None, name: str = "big.yaml") -> Path:
    path = folder / name
    path.write_text(dump_article(article or big_article()), encoding="utf-8")
    return path


def opened_once(path: Path) -> Path:
    """Open the article at ``path`` once, its whole read and stored in the article
    cache (as the app does after its first paint): the next open reads the head, and
    the end carried with it, from there."""
    from reader.core.state import StateStore
    from reader.ui.factory import make_app

    first = make_app(path, state=StateStore())
    rest = getattr(first, "_rest", None)
    assert rest is not None, "the article is not opened head first"
    store = rest().store
    assert store is not None
    store()
    return path
