"""What on a web page is chrome, not article, and cutting it out before the body is read.

Navigation, share bars, newsletter boxes, "Baca juga" links, tag lists, ads, cookie
banners: a site marks them by tag (``nav``, ``aside``) or by class and id names
("share-bar", "related-posts"). This module knows those names and removes such elements
(:func:`strip_chrome`) so that none of them becomes the title or a paragraph; the other
page readers (:mod:`.page_parts`, :mod:`.page_footer`) use its class-name matching.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

#: Class or id parts that mark page chrome; matched against the parts of each class
#: name split at "-" and "_" ("share-bar" → share), or the whole name.
_CHROME_PARTS = frozenset(
    {
        "share",
        "sharing",
        "sharer",
        "social",
        "related",
        "newsletter",
        "subscribe",
        "subscription",
        "comment",
        "comments",
        "tags",
        "tag",
        "topics",
        "breadcrumb",
        "breadcrumbs",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "cmp",
        "advert",
        "advertisement",
        "ads",
        "iklan",
        "promo",
        "popular",
        "terpopuler",
        "trending",
        "recommended",
        "recommendation",
        "onward",
        "sidebar",
        "toggle",
        "outbrain",
        "taboola",
        "paywall",
        "signup",
        "sign",
        "widget",
        "baca",
        "juga",
    }
)
_CHROME_NAMES = frozenset(
    {"read-more", "readmore", "also-read", "more-stories", "dark-mode", "bacajuga", "lihatjuga"}
)
_CHROME_TAGS = (
    "nav",
    "aside",
    "form",
    "button",
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "select",
    "input",
)
#: Dropped whole unless they hold the <h1>: captions are kept as figures, site headers and
#: footers are chrome (the footer's copyright line is read before).
_DROPPED = ("figcaption", "figure", "footer", "header")


def class_names(element: HtmlElement) -> list[str]:
    """The element's class and id names, lowercased."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()


def has_part(element: HtmlElement, parts: frozenset[str]) -> bool:
    """Whether a part of the element's class or id names ("share-bar" → share) is in ``parts``."""
    return any(
        part in parts for name in class_names(element) for part in re.split(r"[-_]", name) if part
    )


def is_chrome(element: HtmlElement) -> bool:
    names = class_names(element)
    return any(n in _CHROME_NAMES for n in names) or has_part(element, _CHROME_PARTS)


def strip_chrome(root: HtmlElement) -> None:
    """Remove what must never become article text, in place, before the body is read.

    Elements holding the page's ``<h1>`` or being the article itself are kept whatever
    their class says: a wrongly named wrapper must not take the article with it.
    """
    doomed: list[HtmlElement] = []
    marked: set[int] = set()
    for node in root.iter():
        if not isinstance(node.tag, str) or node.tag in ("html", "body", "article", "main"):
            continue
        if any(id(a) in marked for a in node.iterancestors()):
            continue  # goes with its ancestor
        if node.tag in _CHROME_TAGS or node.tag in _DROPPED or is_chrome(node):
            if node.tag not in _CHROME_TAGS and next(node.iter("h1"), None) is not None:
                continue
            doomed.append(node)
            marked.add(id(node))
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()


__all__ = ["class_names", "has_part", "is_chrome", "strip_chrome"]
