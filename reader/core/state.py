"""What reader remembers between runs: reading positions, cookie consent, the theme.

State is a small JSON file in the user's state folder (``READER_STATE_DIR`` overrides
it, for tests and portable setups). It is never trusted and never allowed to stop the
app: a missing file is an empty state; a corrupt, truncated or wrong-typed one is
reported once (``warnings``) and replaced on the next save; a folder that cannot be
written means reader runs without saving, and says so once.

Every change is a locked read-modify-write: the file is re-read under an exclusive
``flock`` and only this change is applied, then written atomically, so two ``reader``
processes at once never lose each other's updates nor corrupt the file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.errors import ReaderError
from reader.core.files import atomic_write, read_bytes, shown

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cross-process lock, writes stay atomic
    fcntl = None  # type: ignore[assignment]

STATE_VERSION = 1
STATE_FILE = "state.json"
_MAX_STATE_BYTES = 4 * 1024 * 1024


def state_dir() -> Path:
    """The folder reader keeps its state in."""
    override = os.environ.get("READER_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("reader", appauthor=False))


class Position(NamedTuple):
    """A reading position: the section in view and the scroll offset in lines, and the
    text at the top of the view as (block, character) of the article's reading order.

    Lines depend on the terminal's width; the anchor does not, so a reader who comes
    back in a narrower or wider terminal finds the same sentence at the top. An anchor
    that no longer fits the article (the file changed) is ignored for the section.

    (A NamedTuple, not a frozen dataclass: it is made before the first paint, where a
    dataclass's methods, compiled from source, cost about a millisecond.)
    """

    section: str | None
    scroll_y: int
    anchor: tuple[int, int] | None = None


def _natural(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _empty() -> dict[str, Any]:
    return {"version": STATE_VERSION, "positions": {}, "cookies": {}, "theme": None}


def _sanitise(raw: Any) -> tuple[dict[str, Any], bool]:
    """Keep only well-typed entries; report whether anything had to be dropped."""
    clean = _empty()
    if not isinstance(raw, dict):
        return clean, True
    dropped = raw.get("version") != STATE_VERSION
    positions = raw.get("positions", {})
    if isinstance(positions, dict):
        for key, value in positions.items():
            if (
                isinstance(value, dict)
                and _natural(value.get("scroll_y"))
                and isinstance(value.get("section"), (str, type(None)))
            ):
                entry = {"section": value.get("section"), "scroll_y": value["scroll_y"]}
                anchor = (value.get("block"), value.get("offset"))
                if _natural(anchor[0]) and _natural(anchor[1]):
                    entry["block"], entry["offset"] = anchor
                elif anchor != (None, None):
                    dropped = True  # a broken anchor: the section and line still serve
                clean["positions"][str(key)] = entry
            else:
                dropped = True
    else:
        dropped = True
    cookies = raw.get("cookies", {})
    if isinstance(cookies, dict):
        for key, value in cookies.items():
            if value is True:
                clean["cookies"][str(key)] = True
            else:
                dropped = True
    else:
        dropped = True
    theme = raw.get("theme")
    if isinstance(theme, str) or theme is None:
        clean["theme"] = theme
    else:
        dropped = True
    return clean, dropped


class StateStore:
    """The user's state, read once at start and updated one change at a time."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else state_dir()
        self.path = self.folder / STATE_FILE
        self.warnings: list[str] = []
        self.can_save = True
        self._data = self._read(report=True)
        if os.path.isdir(self.folder) and not os.access(self.folder, os.W_OK | os.X_OK):
            self._stop_saving("the folder is read-only")

    # -- reading --------------------------------------------------------------------

    def _read(self, *, report: bool) -> dict[str, Any]:
        try:
            data = read_bytes(self.path, _MAX_STATE_BYTES)
        except ReaderError as exc:
            if not os.path.lexists(self.path):
                return _empty()
            if report:
                self.warnings.append(f"state file unreadable, starting afresh: {exc}")
            return _empty()
        if not data.strip():
            if report:
                self.warnings.append(f"{shown(self.path)}: state file was empty; starting afresh")
            return _empty()
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            # RecursionError: thousands of nested [[[[ … (json is recursive)
            if report:
                self.warnings.append(f"{shown(self.path)}: state file was corrupt; starting afresh")
            return _empty()
        clean, dropped = _sanitise(raw)
        if dropped and report:
            self.warnings.append(f"{shown(self.path)}: ignored invalid entries in the state file")
        return clean

    def position(self, article_id: str) -> Position | None:
        entry = self._data["positions"].get(article_id)
        if entry is None:
            return None
        anchor = (entry["block"], entry["offset"]) if "block" in entry else None
        return Position(entry["section"], entry["scroll_y"], anchor)

    def cookies_accepted(self, source: str) -> bool:
        return bool(self._data["cookies"].get(source, False))

    @property
    def theme(self) -> str | None:
        theme = self._data["theme"]
        return theme if isinstance(theme, str) else None

    # -- writing --------------------------------------------------------------------

    def set_position(self, article_id: str, position: Position) -> bool:
        entry: dict[str, Any] = {
            "section": position.section,
            "scroll_y": max(0, int(position.scroll_y)),
        }
        if position.anchor is not None:
            entry["block"], entry["offset"] = (max(0, int(n)) for n in position.anchor)
        return self._update(lambda data: data["positions"].__setitem__(article_id, entry))

    def accept_cookies(self, source: str) -> bool:
        return self._update(lambda data: data["cookies"].__setitem__(source, True))

    def set_theme(self, theme: str) -> bool:
        return self._update(lambda data: data.__setitem__("theme", theme))

    def _update(self, change: Callable[[dict[str, Any]], None]) -> bool:
        """Apply ``change`` in memory and on disk; False (and one warning) if not saved."""
        change(self._data)
        if not self.can_save:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._locked():
                fresh = self._read(report=False)
                change(fresh)
                text = json.dumps(fresh, ensure_ascii=False, indent=1) + "\n"
                atomic_write(self.path, text, mode=0o600)  # private: what the user reads
            self._data = fresh
        except (OSError, ReaderError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._stop_saving(reason)
            return False
        return True

    def _stop_saving(self, reason: str) -> None:
        if self.can_save:
            self.can_save = False
            self.warnings.append(
                f"cannot save state in {shown(self.folder)} ({reason}); "
                "reading positions and settings will not be saved this time"
            )

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover
            yield
            return
        fd = os.open(self.folder / ".state.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def take_warnings(self) -> list[str]:
        """The warnings not yet shown to the user (each is shown once)."""
        warnings, self.warnings = self.warnings, []
        return warnings
