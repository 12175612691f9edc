"""What a web page says about its article outside the body text, read from the DOM.

A generic extractor keeps the body and drops the rest; reader needs some of the rest:
the publication's name, the canonical URL, the publication date, the figures with their
captions and credits, the standfirst, the copyright line and the cookie banner (the
footer panel shows both). Each is read from the page's markup, most trustworthy
source first: the article's own data (title, date, URL, source, language, standfirst,
figures) here, the footer's (copyright line, cookie banner) in :mod:`.page_footer`;
:func:`.page_chrome.strip_chrome` then removes what must never become article text
(banners, share bars, "Baca juga" boxes, tag lists, figure captions) before the body is
extracted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from reader.core.model import Figure
from reader.importer.formats.page_chrome import has_part, is_chrome
from reader.importer.language_data import Language, all_languages
from reader.importer.structure import credit_only, image_source, parse_caption

#: JSON-LD read per script, and how deep its structure is walked.
MAX_JSON_LD = 512 * 1024
MAX_JSON_DEPTH = 12
#: Longest figure caption kept (characters).
MAX_CAPTION = 600
_ARTICLE_TYPES = re.compile(
    r"(?:News|Reportage|Analysis|Opinion|Review|Blog|Scholarly)?Article|BlogPosting|Report"
)
_WS = re.compile(r"\s+")
_CREDIT_PARTS = frozenset(
    {"credit", "credits", "copyright", "source", "photographer", "byline", "author", "fotografer"}
)
_LEAD_PARTS = frozenset(
    {
        "standfirst",
        "lead",
        "summary",
        "excerpt",
        "dek",
        "deck",
        "intro",
        "subtitle",
        "subheadline",
        "description",
    }
)
#: A date at the start of a value: 2026-12-07, 2026/12/07, 2026.12.07.
_DATE = re.compile(r"((?:19|20)\d\d)[-/.](0[1-9]|1[0-2])[-/.](0[1-9]|[12]\d|3[01])")
#: <meta> names and properties that carry the publication date, most specific first.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "dc.date.issued",
    "dc.date",
    "date",
)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


def text_of(element: HtmlElement) -> str:
    """The element's text with whitespace folded, scripts and styles left out."""
    parts = [
        t
        for node in element.iter()
        if node.tag not in ("script", "style") and isinstance(node.tag, str)
        for t in (node.text, node.tail if node is not element else None)
        if t
    ]
    return _WS.sub(" ", "".join(parts)).strip()


def _meta(root: HtmlElement, *keys: str) -> str | None:
    for key in keys:
        for node in root.iter("meta"):
            if key in ((node.get("property") or "").lower(), (node.get("name") or "").lower()):
                value = _WS.sub(" ", node.get("content") or "").strip()
                if value:
                    return value
    return None


def _json_objects(root: HtmlElement) -> Iterator[dict[str, object]]:
    """Every JSON-LD object of the page, nested ones too (bounded in size and depth)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack: list[tuple[object, int]] = [(data, 0)]
        while stack:
            value, depth = stack.pop()
            if depth > MAX_JSON_DEPTH:
                continue
            if isinstance(value, dict):
                yield value
                stack.extend((v, depth + 1) for v in value.values() if isinstance(v, dict | list))
            elif isinstance(value, list):
                stack.extend((v, depth + 1) for v in reversed(value) if isinstance(v, dict | list))


def _is_article(obj: dict[str, object]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPES.fullmatch(k) for k in kinds)


def _json_text(value: object) -> str | None:
    if isinstance(value, str):
        text = _WS.sub(" ", value).strip()
        return text or None
    if isinstance(value, dict):
        return _json_text(value.get("name"))
    if isinstance(value, list) and value:
        return _json_text(value[0])
    return None


def json_ld(root: HtmlElement) -> dict[str, str]:
    """headline, datePublished and the publisher's name from the page's JSON-LD article."""
    found: dict[str, str] = {}
    for obj in _json_objects(root):
        if not _is_article(obj):
            continue
        for key in ("headline", "datePublished", "publisher"):
            value = _json_text(obj.get(key))
            if value and key not in found:
                found[key] = value
    return found


def iso_date(value: str | None) -> str | None:
    """``2026-11-30`` from an ISO date or time ("2026-11-30T09:15:00+07:00", "…Z")."""
    if not value:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        match = _DATE.match(text)
        return "-".join(match.groups()) if match else None


def page_date(root: HtmlElement, ld: dict[str, str]) -> str | None:
    for value in (
        _meta(root, *_DATE_META),
        ld.get("datePublished"),
        *(node.get("datetime") for node in root.iter("time")),
    ):
        date = iso_date(value)
        if date:
            return date
    return None


def page_url(root: HtmlElement, base: str | None) -> str | None:
    """The canonical URL (else og:url, else where the page was fetched), http(s) only."""
    candidates: list[str | None] = [
        node.get("href")
        for node in root.iter("link")
        if "canonical" in (node.get("rel") or "").lower().split()
    ]
    candidates += [_meta(root, "og:url"), base]
    for candidate in candidates:
        if not candidate:
            continue
        url: str = urljoin(base or "", candidate.strip())
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname and len(url) <= 2048:
            return url
    return None


def page_source(root: HtmlElement, ld: dict[str, str]) -> str | None:
    return _meta(root, "og:site_name") or ld.get("publisher") or _meta(root, "application-name")


def host_name(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def page_title(root: HtmlElement, ld: dict[str, str], source: str | None) -> str | None:
    """The article's headline: its <h1>, else og:title, JSON-LD, or <title> less the site."""
    scopes = [*root.iter("article"), root]
    for scope in scopes:
        for heading in scope.iter("h1"):
            text = text_of(heading)
            if 3 <= len(text) <= 300 and text != source:
                return text
    for value in (_meta(root, "og:title"), ld.get("headline")):
        if value and value != source:
            return value
    for node in root.iter("title"):
        text = _TITLE_SUFFIX.sub("", text_of(node))
        if text and text != source:
            return text
    return None


def page_language(root: HtmlElement) -> str | None:
    """The page's declared language if reader has data for it ("en-GB" → "en")."""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    code = lang.strip().lower().split("-")[0].split("_")[0]
    return code if code in {la.code for la in all_languages()} else None


def standfirst(root: HtmlElement) -> str | None:
    """The standfirst (lead) the page marks as one, if it does."""
    for scope in [*root.iter("article"), root]:
        for node in scope.iter("p", "div", "h2"):
            if has_part(node, _LEAD_PARTS) and node.getparent() is not None:
                if any(a.tag == "figure" for a in node.iterancestors()):
                    continue
                text = text_of(node)
                if 40 <= len(text) <= 800:
                    return text
    return None


def figures(root: HtmlElement, lang: Language) -> list[Figure]:
    """Every figure with a caption or a credit, each once, in page order."""
    found: list[Figure] = []
    for figure in root.iter("figure"):
        if any(is_chrome(a) or a.tag in ("nav", "aside", "footer") for a in figure.iterancestors()):
            continue
        made = _figure(figure, lang)
        if made is not None and made not in found:
            found.append(made)
    return found


def _figure(figure: HtmlElement, lang: Language) -> Figure | None:
    """A figure's caption and credit: the credit from an element the site marks as one
    (class "credit", "copyright", "source" …), else by the credit conventions the raw-text
    importer reads ("Foto: …", "(ANTARA FOTO/…)", "Photograph: …", "Caption - Agency")."""
    credit = None
    for node in figure.iter():
        if isinstance(node.tag, str) and node is not figure and has_part(node, _CREDIT_PARTS):
            credit = text_of(node) or None
            if credit:
                break
    if credit is None:  # "Image source, Getty Images" in a span for screen readers (BBC)
        credit = next((c for node in figure.iter() if (c := image_source(_own_text(node)))), None)
    captions = list(figure.iter("figcaption"))
    caption = " ".join(text_of(c) for c in captions).strip()
    if credit:
        caption = caption.replace(credit, " ").strip()
        caption = _WS.sub(" ", caption).strip(" -–—|")
        credit = credit_only(credit, lang) or credit
        bare = parse_caption(caption, lang) if caption else None
        if bare is not None and bare.credit is None:  # "Image caption, …" (BBC)
            caption = bare.caption
    elif caption:
        parsed = parse_caption(caption, lang)
        if parsed is not None:
            caption, credit = parsed.caption, parsed.credit
    caption = caption[:MAX_CAPTION].strip()
    if not caption:
        return None if not credit else Figure(credit, None)
    return Figure(caption, credit or None)


def _own_text(node: HtmlElement) -> str:
    return _WS.sub(" ", node.text or "").strip() if isinstance(node.tag, str) else ""
