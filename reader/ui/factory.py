"""The one way to build the app, used by the CLI, the tests and the snapshots.

Articles are loaded here, before the app starts: a broken article file is a one-line
error from the CLI, not a crash inside a half-drawn terminal. An article file opened
before is read back from the article cache (reader.core.format.cache). A big one is
opened head first (reader.core.format.opening): the app reads the rest after its first
paint, and a file whose rest is broken ends the app with the same one-line error. A
folder opens the library, over its index; bad files are listed there as broken, with
the reason.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.config import load_config
from reader.core.errors import ReaderError
from reader.core.state import StateStore
from reader.core.text import visible
from reader.ui.app import ReaderApp

if TYPE_CHECKING:
    from reader.core.format.head import End
    from reader.core.format.opening import Rest
    from reader.core.index import LibraryIndex
    from reader.core.model import Article
    from reader.core.state import Position

#: Seconds after loading a big article before its cache entry is written: encoding it
#: holds the interpreter for tens of milliseconds, which the first paint should not wait for.
CACHE_WRITE_DELAY = 0.5


def resolve_target(path: Path) -> Path:
    """Check that ``path`` is an article file or a folder; say clearly when it is not."""
    target = path.expanduser()
    if not target.exists():
        raise ReaderError(f"{path}: no such file or folder")
    if not (target.is_file() or target.is_dir()):
        raise ReaderError(f"{path}: not an article file or a folder")
    return target


def make_app(
    path: Path,
    *,
    state: StateStore | None = None,
    config_file: Path | None = None,
    extra: Iterable[Path] = (),
) -> ReaderApp:
    """The app for an article file or a folder of articles (listed with ``extra`` files),
    with the user's config.

    Raises ReaderError (with every problem, one per line) if a single file will not load.
    A folder opens its library index (reader.core.index) at once; the library screen
    brings it up to date in the background. The config (``config_file``, default the
    user's ``config.toml``) never stops the app: its problems are shown in it, and the
    settings that are fine apply.
    """
    store = state if state is not None else StateStore()
    config, config_problems = load_config(config_file)
    rest: Callable[[], Rest] | None = None
    end: End | None = None
    if path.is_dir():
        # a folder name is untrusted text too: spell out anything a terminal would act on
        title = visible(path.resolve().name or str(path), keep_newlines=False)
        from reader.core.index import LibraryIndex  # SQLite: not for an article file

        start: Article | LibraryIndex = LibraryIndex(path, extra=extra)
    else:
        from reader.core.format.opening import open_article  # YAML: not for a library

        opening = open_article(path)
        start = opening.article
        rest, end = opening.rest, opening.end
        if rest is not None and not _starts_in(store.position(start.id), start):
            # the reader left off past the head: the first screen needs the whole
            whole = rest()
            start, rest, end = whole.article, None, None
            write_later(whole.store)
        write_later(opening.store)
        title = "Library"
    return ReaderApp(
        start,
        store,
        library_title=title,
        config=config,
        config_problems=config_problems,
        rest=rest,
        end=end,
    )


def write_later(store: Callable[[], None] | None) -> None:
    """Write an article's cache entry a moment from now, off the way of the first paint.

    Not a daemon: quitting at once waits for the write (well under a second) rather
    than leaving it undone.
    """
    if store is not None:
        threading.Thread(target=_after(CACHE_WRITE_DELAY, store), name="reader-cache").start()


def _starts_in(position: Position | None, head: Article) -> bool:
    """Whether a reader at ``position`` sees only the head's text on the first screen:
    at the top, or in the first half of its sections (the head holds several screens)."""
    if position is None or position.section is None:  # the title or the lead
        return True
    ids = [section.id for section in head.sections[: max(1, len(head.sections) // 2)]]
    return position.section in ids


def _after(delay: float, action: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        time.sleep(delay)
        action()

    return run
