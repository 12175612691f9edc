"""The fast path of validation: is an article in memory one the loader would read back as is?

Every article the importer makes is checked before it is written, and every cache entry
before it is used. The loader's own checks (:mod:`.load`) build a node tree of the data
first; this asks the same rules of the model objects directly, at a fraction of the cost,
and answers only "vouched for" or "not vouched for": anything unusual goes the loader's
way, which finds and words the problem. Kept in step with :mod:`.load` by tests
(tests/importer/test_verify.py compares the two on generated and mutated articles).
"""

from __future__ import annotations

from typing import TypeGuard

from reader.core.format.nodes import MAX_VALUES
from reader.core.format.schema import ID_PATTERN, MAX_QUOTE_SCAN
from reader.core.give_way import GIVE_WAY_EVERY, give_way
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

__all__ = ["MAX_QUOTE_SCAN", "reads_back_as_is"]


def reads_back_as_is(article: object) -> bool:
    """True only if the loader would read :func:`~.dump.dump_article`'s text of ``article``
    back as an equal article, without a problem (see :func:`_reads_back_as_is`).

    False means "not vouched for", not "invalid": :func:`~.load.validate_article` then runs
    the loader's own code. The cache (:mod:`.cache`) uses it on what it reads back.
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


#: Characters of text :func:`_all_clean` checks at a time.
CLEAN_CHUNK = 64 * 1024


def _all_clean(texts: list[str]) -> bool:
    """Whether clean_text leaves every text alone: asked of them joined by a space, a
    chunk of about :data:`CLEAN_CHUNK` characters at a time.

    Not of all of them at once: clean_text's scans of a 5 MB article's text are single
    calls into C that hold the interpreter 10-25 ms each, in the thread reading a big
    article after the first paint, and the screen waited for them. A chunk boundary
    is between two texts, as the space is, so the answer is the same.
    """
    start = size = 0
    for index, text in enumerate(texts):
        size += len(text) + 1
        if size >= CLEAN_CHUNK or index == len(texts) - 1:
            give_way()
            joined = " ".join(texts[start : index + 1])
            if clean_text(joined) != joined:
                return False
            start, size = index + 1, 0
    return True


def _reads_back_as_is(article: Article) -> bool:
    """True only if the loader's checks pass on ``article`` and read back an equal article.

    The fast path of :func:`~.load.validate_article`: the same rules as ``load._read_article``
    on :func:`~.dump.article_to_data`'s output, asked of the model objects directly. Exact
    types are required (a str subclass, a list for a tuple or a bool for an int would
    read back different), and so is every optional text being None or not blank
    (article_to_data drops an empty one and the loader turns a blank one into None).
    Every text must be one clean_text leaves alone; one clean_text call over all of them
    joined by a space decides that (a space is neither a character clean_text removes
    nor a combining mark, so it neither hides nor creates a problem between two texts;
    asked a chunk at a time, :func:`_all_clean`).
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
    # An upper bound on the values load._memory_node counts: each mapping with all its keys
    # and fields, each list, each item. Past MAX_VALUES the full check decides exactly.
    values = 36 + 5 * len(figures) + 13 * len(quotes)
    paragraphs_of: dict[str, tuple[str, ...]] = {}
    for index, section in enumerate(sections):
        if not index % GIVE_WAY_EVERY:
            give_way()
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
    if not _all_clean(texts):
        return False
    quote_ids: set[str] = set()
    budget = MAX_QUOTE_SCAN
    for index, quote in enumerate(quotes):
        if not index % GIVE_WAY_EVERY:
            give_way()
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
