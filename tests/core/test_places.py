"""The user's article folder: one place, overridable for tests and for people who keep
their news elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.places import user_articles_dir


def test_the_environment_names_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("READER_ARTICLES_DIR", str(tmp_path / "news"))
    assert user_articles_dir() == tmp_path / "news"


def test_by_default_it_is_under_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("READER_ARTICLES_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = user_articles_dir()
    assert folder.name == "articles"
    assert tmp_path / "data" in folder.parents
