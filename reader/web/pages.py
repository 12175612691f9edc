"""A URL to an article: fetch the page, then import it as the file it would have been.

HTML goes to the importer's HTML format, plain text to the raw-text importer; anything
else (a PDF, an image, a feed given where a page was meant) is refused in one line.
The Content-Type is believed only as far as the bytes agree with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError
from reader.core.model import Article

if TYPE_CHECKING:
    from reader.web.fetch import Fetcher

ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Types a server may use for anything: the bytes decide.
_UNSURE_TYPES = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
)
_LOOKS_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.I | re.S
)


def looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return _LOOKS_HTML.match(head) is not None


def fetch_article(url: str, fetcher: Fetcher) -> Article:
    """The article at ``url``; ReaderError (one line, naming the URL) if there is none."""
    from reader.importer import import_text
    from reader.importer.formats.html import import_html
    from reader.importer.formats.page_bytes import decode_page, refuse_media_type, sniff_binary

    response = fetcher.get(url, accept=ACCEPT_PAGE)
    media = response.media_type
    kind = sniff_binary(response.body)
    if kind is not None:
        raise ReaderError(f"{url}: not a web page ({kind})")
    refuse_media_type(media, url)
    if media == "text/plain" and not looks_like_html(response.body):
        return import_text(decode_page(response.body, response.charset, url), name=url)
    if media not in _HTML_TYPES and not (media in _UNSURE_TYPES and looks_like_html(response.body)):
        raise ReaderError(f"{url}: not a web page ({media or 'no content type'})")
    return import_html(response.body, charset=response.charset, url=response.url, name=url)
