"""Where the bundled stylesheets and articles are, installed or in a checkout.

A wheel carries ``styles/`` and ``articles/`` inside the package as ``reader/_data``;
a source checkout (editable install, tests) has them beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def styles_dir() -> Path:
    return _data_dir("styles")


def articles_dir() -> Path:
    return _data_dir("articles")


def default_article() -> Path:
    """The article ``reader`` opens when given no path: the first bundled one."""
    return sorted(articles_dir().glob("*.yaml"))[0]
