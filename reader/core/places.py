"""Where reader keeps the user's articles, and its cache.

One function each, so that ``reader import``, ``reader feed update`` and the library agree on
the folder: the platform's user data folder (``platformdirs``), unless ``READER_ARTICLES_DIR``
names another. State and cache have their own folders (``core.state``, :func:`user_cache_dir`):
deleting those is always safe; the articles folder holds what the user collected.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_articles_dir() -> Path:
    """The folder that imported and fetched articles go to, and that the library shows."""
    override = os.environ.get("READER_ARTICLES_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("reader", appauthor=False)) / "articles"


def user_cache_dir() -> Path:
    """The folder reader keeps its caches in (articles read back fast, parsed styles,
    the library index, the importer's word tables and parsed language data copies):
    the platform's user cache folder, unless ``READER_CACHE_DIR`` names another."""
    override = os.environ.get("READER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir as platform_cache_dir

    return Path(platform_cache_dir("reader", appauthor=False))
