"""A web page in, the article's parts out: the HTML input format of the importer.

trafilatura finds the main content (it is the best-maintained Python extractor and the
best Python one on the public article-extraction benchmarks): the body's headings and
paragraphs in order, block and inline quotations marked. What it drops and reader needs
is read from the DOM by :mod:`.page_parts` and :mod:`.page_footer` first (figures with
credits, standfirst, copyright, cookie banner, site name, canonical URL, date), and page
chrome is cut out (:mod:`.page_chrome`) before extraction so that it never becomes the
title or a paragraph.

The result, a :class:`Page`, goes through the same pipeline as raw text from there on
(:func:`reader.importer.import_page`): boilerplate lines, quotations and speakers are
found by the same code for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from reader.core.errors import ReaderError
from reader.core.gctools import paused_gc
from reader.core.model import LEAD, Article, CookieNotice, Figure, Footer
from reader.core.text import clean_text
from reader.importer import ImportResult, finish
from reader.importer.boilerplate import source_of, strip_boilerplate
from reader.importer.formats import page_chrome as chrome
from reader.importer.formats import page_footer
from reader.importer.formats import page_parts as parts
from reader.importer.formats.page_bytes import decode_page
from reader.importer.language_data import language as language_data
from reader.importer.language_detection import detect_language
from reader.importer.mojibake import repaired
from reader.importer.slug import slugify, unique
from reader.importer.structure import Block as StructureBlock
from reader.importer.structure import Structure

#: A block of the body: ("h", heading) or ("p", paragraph), in reading order.
Block = tuple[str, str]
_OPEN, _CLOSE = "“", "”"
_QUOTE_MARKS = frozenset('“”„«»"')


@dataclass(frozen=True)
class Page:
    """What a web page holds for reader, before the pipeline's shared passes."""

    title: str
    language: str
    blocks: tuple[Block, ...]
    lead: str | None = None
    figures: tuple[Figure, ...] = ()
    date: str | None = None
    source: str | None = None
    url: str | None = None
    copyright_lines: tuple[str, ...] = ()
    cookie: CookieNotice | None = field(default=None)


def read_page(
    data: bytes, *, charset: str | None = None, url: str | None = None, name: str
) -> Page:
    """Parse a page's bytes into a :class:`Page`; ReaderError (one line) if it has no article."""
    return parse_page(decode_page(data, charset, name), url=url, name=name)


def parse_page(text: str, *, url: str | None = None, name: str) -> Page:
    root = _parse(text, name)
    ld = parts.json_ld(root)
    source = parts.page_source(root, ld)
    title = parts.page_title(root, ld, source)
    declared = parts.page_language(root)
    canonical = parts.page_url(root, url)
    date = parts.page_date(root, ld)
    lead = parts.standfirst(root)
    cookie = page_footer.cookie_banner(root)
    footer = tuple(page_footer.footer_lines(root))
    # the language decides the credit conventions of the captions: from the page if it
    # says, else from the visible text (the pipeline detects it again on the body)
    code = declared or detect_language(parts.text_of(root)[:20_000])
    figures = parts.figures(root, language_data(code))
    chrome.strip_chrome(root)
    blocks, extracted = _body(root, url=canonical)
    title = title or extracted.get("title")
    if not title:
        raise ReaderError(f"{name}: no article in the page (no headline)")
    blocks = _without(blocks, title, lead, figures)
    if not any(kind == "p" for kind, _ in blocks):
        raise ReaderError(f"{name}: no article in the page (no body text found)")
    if declared is None:
        code = detect_language(" ".join(text for _, text in blocks))
    return Page(
        title=title,
        language=code,
        blocks=tuple(blocks),
        lead=lead,
        figures=tuple(figures),
        date=date or parts.iso_date(extracted.get("date")),
        source=source or extracted.get("sitename"),
        url=canonical,
        copyright_lines=footer,
        cookie=cookie,
    )


def _parse(text: str, name: str) -> HtmlElement:
    if "<" not in text[:65536]:
        raise ReaderError(f"{name}: not a web page (no HTML markup)")
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise ReaderError(f"{name}: not a web page (the HTML cannot be parsed)") from None
    if root is None or (root.find(".//body") is None and len(root) == 0):
        raise ReaderError(f"{name}: not a web page (empty document)")
    return root


def _body(root: HtmlElement, *, url: str | None) -> tuple[list[Block], dict[str, str]]:
    """The body's blocks, extracted by trafilatura from the page less its chrome."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        root,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
        favor_recall=True,
    )
    if not isinstance(document, Document) or document.body is None:
        return [], {}
    meta = {
        key: value
        for key in ("title", "date", "sitename")
        if isinstance(value := getattr(document, key, None), str) and value.strip()
    }
    return list(_blocks(document.body)), meta


def _blocks(body: etree._Element) -> list[Block]:
    out: list[Block] = []
    for element in body:
        tag = element.tag
        if tag == "head":
            text = _inline(element)
            if text:
                out.append(("h", text))
        elif tag == "quote":
            children = [c for c in element if c.tag in ("p", "list", "head")]
            texts = [_inline(c) for c in children] if children else [_inline(element)]
            out.extend(("p", _marked(t)) for t in texts if t)
        elif tag == "list":
            out.extend(("p", text) for item in element.iter("item") if (text := _inline(item)))
        elif tag in ("p", "div", "section"):
            if tag != "p" and len(element):
                out.extend(_blocks(element))
            elif text := _inline(element):
                out.append(("p", text))
    return out


def _inline(element: etree._Element) -> str:
    """An element's text with inline quotations (<q>, which trafilatura keeps as an inline
    <quote>) in quote marks, as a browser shows them, so the quote pass finds them."""
    pieces: list[str] = [element.text or ""]
    for child in element:
        inner = _inline(child)
        if child.tag == "quote" and inner and not (set(inner[:1] + inner[-1:]) & _QUOTE_MARKS):
            inner = f"{_OPEN}{inner}{_CLOSE}"
        if child.tag == "lb":
            inner = " "
        pieces.append(inner)
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def _marked(text: str) -> str:
    """A block quotation in quote marks unless it carries its own: a quote hint."""
    return text if any(mark in text for mark in _QUOTE_MARKS) else f"{_OPEN}{text}{_CLOSE}"


def _without(
    blocks: list[Block], title: str, lead: str | None, figures: list[Figure]
) -> list[Block]:
    """The blocks less the headline, the standfirst and figure captions repeated in them."""
    unwanted = {title, lead or ""}
    for figure in figures:
        unwanted.add(figure.caption)
        if figure.credit:
            unwanted.update({figure.credit, f"{figure.caption} {figure.credit}"})
    return [(kind, text) for kind, text in blocks if text not in unwanted]


def import_html(
    data: bytes, *, charset: str | None = None, url: str | None = None, name: str
) -> Article:
    """A web page's bytes to a checked :class:`Article` (ReaderError, one line, if not)."""
    with paused_gc():  # as for raw text: many small objects, none in a cycle
        page = read_page(data, charset=charset, url=url, name=name)
        return import_page(page, name=name).article


def import_page(page: Page, *, name: str, verify: bool = True) -> ImportResult:
    """The page through the passes raw text goes through: the same boilerplate lines
    ("Baca juga", notices left in the body), quotations and speakers."""
    lang = language_data(page.language)
    title = _clean(page.title)
    if not title:
        raise ReaderError(f"{name}: no article in the page (no headline)")
    lead = _clean(page.lead) if page.lead else None
    blocks = [(kind, _clean(text)) for kind, text in page.blocks]
    blocks = [(kind, text) for kind, text in blocks if text]
    lines = [title, *([lead] if lead else []), *(text for _, text in blocks)]
    cleaned = strip_boilerplate(lines, lang)
    kept = _kept(lines, cleaned.lines)[1:]
    if lead is not None:
        lead, kept = (lead if kept[0] else None), kept[1:]
    blocks = [block for block, keep in zip(blocks, kept, strict=True) if keep]
    if not any(kind == "p" for kind, _ in blocks) and lead is None:
        raise ReaderError(f"{name}: no article in the page (only page furniture)")
    notices = strip_boilerplate([title, *map(_clean, page.copyright_lines)], lang).footer
    footer = Footer(
        notices.copyright or cleaned.footer.copyright,
        _cookie(page.cookie) or cleaned.footer.cookie,
    )
    source = page.source or (source_of(footer.copyright) if footer.copyright else None)
    source = _clean(source or parts.host_name(page.url) or "") or cleaned.source
    shape = _shape(title, page, lead, blocks)
    return finish(shape, footer, source, lang, url=page.url, name=name, verify=verify)


def _clean(text: str) -> str:
    """Text from a page made safe as raw text is: composed (NFC), mojibake repaired,
    controls out."""
    return " ".join(clean_text(repaired(text)).split())


def _cookie(notice: CookieNotice | None) -> CookieNotice | None:
    if notice is None:
        return None
    text = _clean(notice.text)
    link = _clean(notice.link_text) if notice.link_text else None
    accept = _clean(notice.accept_label) or "Accept"
    if not text:
        return None
    return CookieNotice(text, link if link and link in text else None, accept)


def _kept(lines: list[str], survivors: list[str]) -> list[bool]:
    """Which of ``lines`` are in ``survivors``, an ordered subsequence of them."""
    kept: list[bool] = []
    at = 0
    for line in lines:
        hit = at < len(survivors) and survivors[at] == line
        kept.append(hit)
        at += hit
    return kept


def _shape(title: str, page: Page, lead: str | None, blocks: list[Block]) -> Structure:
    """Title, lead and sections from the page's blocks: a heading opens a section (one
    with no paragraph under it is dropped); without a marked standfirst, the first
    paragraph before any heading is the lead, as for raw text."""
    if lead is None and len(blocks) >= 2 and blocks[0][0] == "p":
        lead, blocks = blocks[0][1], blocks[1:]
    taken = {LEAD}
    sections: list[tuple[str, str | None, list[str]]] = []
    for kind, text in blocks:
        if kind == "h":
            sections.append(("", text, []))
        elif sections:
            sections[-1][2].append(text)
        else:
            sections.append(("", None, [text]))
    named = [
        (unique(slugify(h, fallback="section") if h else "opening", taken), h, tuple(p))
        for _, h, p in sections
        if p
    ]
    if not named and lead is not None:
        named, lead = [("opening", None, (lead,))], None
    out: list[StructureBlock] = [StructureBlock(lead, LEAD, 0)] if lead is not None else []
    for ident, _, paragraphs in named:
        out.extend(StructureBlock(text, ident, n) for n, text in enumerate(paragraphs))
    return Structure(
        title=title,
        date=page.date,
        figures=tuple(_cleaned_figures(page.figures)),
        lead=lead,
        sections=tuple(named),
        blocks=tuple(out),
    )


def _cleaned_figures(figures: tuple[Figure, ...]) -> list[Figure]:
    out: list[Figure] = []
    for figure in figures:
        caption = _clean(figure.caption)
        credit = _clean(figure.credit) if figure.credit else None
        made = Figure(caption, credit or None) if caption else None
        if made is not None and made not in out:
            out.append(made)
    return out
