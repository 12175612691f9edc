"""Telling a URL from a file name on the command line (light: no HTTP client imported)."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def looks_like_url(text: str) -> bool:
    """Whether a command-line argument is meant as a URL rather than a file name.

    Anything that starts with a scheme (``http:``, ``file:``, ``data:``, …) is, so that
    the schemes reader does not fetch are refused as URLs rather than looked for as
    files; a one-letter scheme is a Windows drive (``C:\\x``), not a URL.
    """
    return _SCHEME.match(text) is not None
