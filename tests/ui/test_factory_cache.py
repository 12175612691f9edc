"""make_app and the article cache: a big article is cached on first open, read back after."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reader.core.format import cache, load_article, opening
from reader.core.model import Article
from reader.core.state import StateStore
from reader.ui import factory
from reader.ui.factory import make_app


@pytest.fixture(autouse=True)
def _write_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factory, "CACHE_WRITE_DELAY", 0.0)


def _join_cache_writer() -> None:
    for thread in threading.enumerate():
        if thread.name == "reader-cache":
            thread.join()
            assert not thread.is_alive()


def test_a_big_article_is_cached_on_first_open_and_read_back_after(
    tmp_path: Path, seed_path: Path, seed_article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # the seed stands in for a big article
    folder = Path(os.environ["READER_CACHE_DIR"])
    path = tmp_path / "article.yaml"
    path.write_bytes(seed_path.read_bytes())
    entry = folder / f"{cache.cache_key(path.read_bytes())}.json"

    make_app(path, state=StateStore())
    _join_cache_writer()
    assert entry.is_file()

    read: list[cache.Head | None] = []
    real_read_head = opening.read_head

    def spy(where: Path, key: str) -> cache.Head | None:
        read.append(real_read_head(where, key))
        return read[-1]

    monkeypatch.setattr(opening, "read_head", spy)
    app = make_app(path, state=StateStore())
    assert read == [(seed_article, True, None)]  # a hit, of the whole (a small article)
    assert app._start == load_article(path)


def test_an_unwritable_cache_folder_still_opens(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker / "cache"))
    app = make_app(seed_path, state=StateStore())
    _join_cache_writer()
    assert app._start == load_article(seed_path)
    assert blocker.read_text() == ""
