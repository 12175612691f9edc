"""A web page's bytes to text: what kind of file it is, and which charset it is in.

Pages lie about both. A server says ``text/html`` and sends a PDF; a page says
``charset=iso-8859-1`` and is UTF-8; a saved page has no header at all. So the bytes are
sniffed for the common binary formats first, and the charset is chosen in the order that
is right most often: a byte-order mark; UTF-8 whenever the bytes are valid UTF-8 (valid
UTF-8 that was meant as Latin-1 is vanishingly rare, the reverse label is common); else
the charset the header or the page declares, if the bytes decode in it; else
``charset_normalizer``'s guess. What is still undecodable becomes U+FFFD, and the
importer refuses text with too much of it.
"""

from __future__ import annotations

import codecs
import re
import zlib

from reader.core.errors import ReaderError

#: Signatures of files that are not web pages, and the name used in the message.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BM", "a BMP image"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "a video"}
_MEDIA_NAMES = {"application/pdf": "a PDF document", "application/zip": "a ZIP archive"}
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
#: WHATWG: these labels mean windows-1252 on the web.
_WEB_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_SNIFF = 1024


def sniff_binary(data: bytes) -> str | None:
    """What a non-text file is ("a PDF document"), or None if it may be text."""
    head = data[:16]
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if head[4:8] == b"ftyp":
        return "a video or image (ISO media)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with its mark: text, decoded below
    if b"\x00" in data[:8192]:
        return "binary data"
    return None


def refuse_media_type(media_type: str, name: str) -> None:
    """ReaderError for a Content-Type that is no kind of page (images, audio, PDF …)."""
    major = media_type.split("/", 1)[0]
    if major in ("image", "audio", "video", "font", "model"):
        raise ReaderError(f"{name}: not a web page ({media_type})")
    if media_type in _MEDIA_NAMES or media_type.startswith("application/vnd."):
        raise ReaderError(f"{name}: not a web page ({_MEDIA_NAMES.get(media_type, media_type)})")


def gunzip(data: bytes, name: str, limit: int) -> bytes:
    """A ``.html.gz`` file's content, stopped at ``limit`` bytes (a bomb is refused)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise ReaderError(f"{name}: not a valid gzip file") from None
    if len(out) > limit:
        raise ReaderError(f"{name}: too large once decompressed (the limit is {limit:,} bytes)")
    if not inflater.eof:
        raise ReaderError(f"{name}: the gzip file is cut short")
    return out


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` near its start, if it names a codec."""
    match = _META_CHARSET.search(data[: _SNIFF * 4])
    return _codec(match.group(1).decode("ascii")) if match else None


def decode_page(data: bytes, header_charset: str | None, name: str) -> str:
    """The page's text (see the module's note for the order of choices)."""
    kind = sniff_binary(data)
    if kind is not None:
        raise ReaderError(f"{name}: not a web page ({kind})")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = [c for c in (_codec(header_charset), declared_charset(data)) if c]
    wide = [c for c in declared if c.startswith(("utf-16", "utf-32"))]
    for codec in wide:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in declared:
        if codec in ("utf-8",) or codec in wide:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    guess = _guess(data)
    if guess is not None:
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace")


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 256 * 1024]).best()
    return best.encoding if best is not None else None
