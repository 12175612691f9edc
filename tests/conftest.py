"""Shared fixtures: the bundled article, and a private state folder for every test."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from _fifo import release_fifos
from hypothesis import HealthCheck, settings

from reader.core.format import load_article
from reader.core.gctools import startup
from reader.core.model import Article

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

ROOT = Path(__file__).resolve().parent.parent
SEED_YAML = ROOT / "articles" / "moskow-washington-isis.yaml"
SEED_TEXT = ROOT / "tests" / "data" / "seed_000_ebced325c783b2d8.txt"


# Property tests run on machines of any speed (CI shares two cores with the UI tests):
# no per-example deadline, so a slow example is never mistaken for a failure.
settings.register_profile("reader", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("reader")
# A longer hunt, for when there is time: ``pytest --hypothesis-profile=thorough``. Every
# property without a count of its own runs this many examples, and so do the slow ones
# whose count is ``max(n, settings.default.max_examples)`` (the profile is loaded before
# the test modules are imported).
settings.register_profile("thorough", settings.get_profile("reader"), max_examples=2_000)


@pytest.fixture(autouse=True)
def _fifos_released() -> Iterator[None]:
    """No writer thread of ``_fifo.make_fifo`` outlives its test."""
    yield
    release_fifos()


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """The collector's startup pause is one per process: a test that begins it and ends
    before the app releases it (a failure part-way) leaves it off for every later test
    in the worker; end it here, and turn the collector on if the test left it off."""
    enabled = gc.isenabled()
    yield
    startup.abandon()
    if enabled and not gc.isenabled():
        gc.enable()


@pytest.fixture(autouse=True)
def _private_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own state, cache and (empty) config folders: none touches, or
    is changed by, the user's."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("READER_STATE_DIR", str(state))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
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


def record_notifications(app: ReaderApp) -> list[str]:
    """Start recording what an app notifies; returns the list the messages are added to."""
    messages: list[str] = []
    notify = app.notify

    def record(message: str, **kwargs: Any) -> None:
        messages.append(message)
        notify(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return messages


@pytest.fixture
def notifications() -> Callable[[ReaderApp], list[str]]:
    """Start recording an app's notifications; returns the list they are added to."""
    return record_notifications


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown when xdist is not loaded
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers per core. The UI tests spend most of their time in the
    pilot's waits (it sleeps 20 ms at a time until the app goes idle), so with one
    worker per core the cores sat about a third idle. At most 8: each worker imports
    Textual and starts apps, and a big machine gains nothing from more."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(8, 2 * (cores or 1))
