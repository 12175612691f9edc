"""The importer: raw article text in, a structured :class:`~reader.core.model.Article` out.

Plain Python (never Textual), deterministic, and linear in the length of the text. The
steps each live in their own module: :mod:`.mojibake` and :func:`reader.core.text.clean_text`
make the text safe, :mod:`.formats.text` reads it as lines, :mod:`.language_detection` picks
the cue data (:mod:`.language_data`), :mod:`.boilerplate` moves notices to the footer,
:mod:`.structure` finds title, figures, lead and sections, :mod:`.quotations` finds
quotations and :mod:`.attribution` attributes them to speakers. Other input formats go
beside raw text in :mod:`.formats`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.errors import ArticleError, ReaderError
from reader.core.format import validate_article
from reader.core.gctools import paused_gc
from reader.core.model import Article, Footer, Quote, Section
from reader.core.text import clean_text
from reader.importer.attribution.speakers import attribute, make_speakers
from reader.importer.boilerplate import headline_first, strip_boilerplate
from reader.importer.formats.text import read_lines
from reader.importer.language_data import Language, language
from reader.importer.language_detection import detect_language
from reader.importer.mojibake import repaired
from reader.importer.quotations import find_spans
from reader.importer.slug import slugify
from reader.importer.structure import Structure, build_structure

__all__ = ["ImportResult", "finish", "import_text", "import_with_groups"]

#: Share of U+FFFD replacement characters above which text is taken for binary junk.
MAX_REPLACEMENT_SHARE = 0.05


@dataclass(frozen=True)
class ImportResult:
    """An imported article and, for each quote id, the quotation group it belongs to.

    A quotation running over several paragraphs is stored as one quote per paragraph
    (the format keeps each quote inside its paragraph); ``groups`` tells which quotes
    are the parts of one quotation, for scoring.
    """

    article: Article
    groups: dict[str, int]


def _check_usable(text: str, name: str) -> None:
    if not text.strip():
        raise ReaderError(f"{name}: no text to import (the input is empty)")
    if text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text):
        raise ReaderError(f"{name}: does not look like text (too many undecodable bytes)")


def import_with_groups(text: str, *, name: str = "<stdin>", verify: bool = True) -> ImportResult:
    """Import raw article text; raise ReaderError (one line) if it cannot be an article.

    With ``verify`` (the default) the article is checked as ``reader check`` checks a
    file, so whatever this returns is known to be a valid article file.
    """
    with paused_gc():  # a token per word, none in a cycle: the collector would only slow it
        return _import(text, name=name, verify=verify)


def _import(text: str, *, name: str, verify: bool) -> ImportResult:
    text = clean_text(repaired(text))  # composed (NFC), then mojibake repaired
    _check_usable(text, name)
    lines = read_lines(text)
    if not lines:
        raise ReaderError(f"{name}: no text to import (only blank or control characters)")
    lang = language(detect_language(text))
    cleaned = headline_first(strip_boilerplate(lines, lang), lang)
    if len(cleaned.lines) < 2:
        raise ReaderError(f"{name}: no article text after the title")
    shape = build_structure(cleaned.lines, lang)
    return finish(shape, cleaned.footer, cleaned.source, lang, name=name, verify=verify)


def finish(
    shape: Structure,
    footer: Footer,
    source: str,
    lang: Language,
    *,
    url: str | None = None,
    name: str,
    verify: bool = True,
) -> ImportResult:
    """The passes every input format shares once it has an article's shape: quotations,
    their speakers, the article itself, checked as ``reader check`` checks a file."""
    paragraphs = [block.text for block in shape.blocks]
    spans = find_spans(paragraphs)
    result = attribute(paragraphs, spans, lang)
    speakers = make_speakers(result.people, [p for _, p, _ in result.parts])
    quotes: list[Quote] = []
    groups: dict[str, int] = {}
    for n, (span, person, group) in enumerate(result.parts, start=1):
        block = shape.blocks[span.block]
        ident = f"q{n}"
        quotes.append(
            Quote(
                id=ident,
                text=block.text[span.start : span.end],
                speaker=speakers[person].id,
                section=block.section,
                paragraph=block.paragraph,
            )
        )
        groups[ident] = group
    article = Article(
        id=slugify(shape.title),
        title=shape.title,
        language=lang.code,
        date=shape.date,
        url=url,
        source=source,
        lead=shape.lead,
        figures=shape.figures,
        sections=tuple(Section(i, h, p) for i, h, p in shape.sections),
        speakers=tuple(speakers.values()),
        quotes=tuple(quotes),
        footer=footer,
    )
    return ImportResult(_verified(article, name) if verify else article, groups)


def _verified(article: Article, name: str) -> Article:
    """The article as ``reader check`` will read it back.

    :func:`~reader.core.format.validate_article` runs the loader's checks on the
    article in memory (what a dump and re-parse would do, at a fraction of the cost).
    Anything the format would refuse is caught here, before a file is written; a
    refusal is a bug in the importer, reported as one line rather than a bad file.
    """
    try:
        return validate_article(article, name)
    except ArticleError as exc:
        first = exc.problems[0].message if exc.problems else str(exc)
        raise ReaderError(f"{name}: importer produced an invalid article ({first})") from None


def import_text(text: str, *, name: str = "<stdin>") -> Article:
    """Turn raw article text into an :class:`Article`; ReaderError for unusable input."""
    return import_with_groups(text, name=name).article
