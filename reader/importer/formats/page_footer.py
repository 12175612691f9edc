"""The parts of a web page the footer panel shows: the copyright line and the cookie banner.

A generic extractor drops both with the rest of the page's furniture; reader keeps them
for the footer panel (the source's copyright line, and its cookie notice whose accept is
remembered). They are read from the DOM before the chrome is cut out
(:mod:`.page_chrome`).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from reader.core.model import CookieNotice
from reader.importer.formats.page_chrome import has_part
from reader.importer.formats.page_parts import text_of
from reader.importer.language_data import Language, all_languages

#: Longest cookie banner text kept (characters).
MAX_BANNER = 400
_BANNER_PARTS = frozenset({"cookie", "cookies", "consent", "gdpr", "cmp"})
_WS = re.compile(r"\s+")


def cookie_banner(root: HtmlElement) -> CookieNotice | None:
    """The consent banner: its text, its link's text and its accept button's label."""
    langs = all_languages()
    for node in root.iter():
        if not isinstance(node.tag, str) or not has_part(node, _BANNER_PARTS):
            continue
        if any(has_part(a, _BANNER_PARTS) for a in node.iterancestors()):
            continue  # the outermost banner element only
        buttons = [text_of(b) for b in node.iter("button") if text_of(b)]
        buttons += [text_of(a) for a in node.iter("a") if (a.get("role") or "") == "button"]
        text = _banner_text(node)
        lower = text.lower()
        if not (20 <= len(text) <= MAX_BANNER) or not any(
            w in lower for la in langs for w in la.cookie_words
        ):
            continue
        links = [text_of(a) for a in node.iter("a") if (a.get("role") or "") != "button"]
        link = next((t for t in links if t and t in text), None)
        return CookieNotice(text, link, _accept_label(buttons, langs))
    return None


def _banner_text(node: HtmlElement) -> str:
    parts: list[str] = []
    for child in node.iter():
        if _is_button(child) or any(_is_button(a) for a in child.iterancestors()):
            if child.tail and _is_button(child):
                parts.append(child.tail)
            continue
        if not isinstance(child.tag, str) or child.tag in ("script", "style"):
            continue
        if child.text:
            parts.append(child.text)
        if child.tail and child is not node:
            parts.append(child.tail)
    return _WS.sub(" ", " ".join(parts)).strip()


def _is_button(node: HtmlElement) -> bool:
    return node.tag == "button" or (node.tag == "a" and (node.get("role") or "") == "button")


def _accept_label(buttons: list[str], langs: tuple[Language, ...]) -> str:
    for label in buttons:
        if label.lower().strip() in {a for la in langs for a in la.accept_labels}:
            return label
    for label in buttons:
        if len(label.split()) <= 4 and any(
            w in label.lower() for la in langs for w in la.cookie_words
        ):
            return label
    return "Accept"


def footer_lines(root: HtmlElement) -> list[str]:
    """The text blocks of the page's footer(s), where its copyright line stands."""
    lines: list[str] = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "footer" or has_part(node, frozenset({"footer", "copyright"})):
            for block in node.iter("p", "div", "small", "span", "li"):
                text = text_of(block)
                if text and len(text) <= MAX_BANNER and text not in lines:
                    lines.append(text)
            own = text_of(node)
            if own and len(own) <= MAX_BANNER and own not in lines:
                lines.append(own)
    return lines


__all__ = ["MAX_BANNER", "cookie_banner", "footer_lines"]
