"""Shared fixtures: the bundled article, and a private state folder for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.articlefile import load_article
from reader.core.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEED_YAML = ROOT / "articles" / "moskow-washington-isis.yaml"
SEED_TEXT = ROOT / "tests" / "data" / "seed_000_ebced325c783b2d8.txt"


@pytest.fixture(autouse=True)
def _private_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own state folder: no test reads or writes the user's state."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("READER_STATE_DIR", str(state))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return state


@pytest.fixture
def seed_path() -> Path:
    return SEED_YAML


@pytest.fixture(scope="session")
def seed_article() -> Article:
    return load_article(SEED_YAML)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The raw seed article exactly as scraped (a copy of shared/seed)."""
    return SEED_TEXT.read_text(encoding="utf-8")
