"""User state: never trusted, never fatal, never lost to a second process."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

from reader.core import files, state
from reader.core.state import STATE_FILE, Position, StateStore


def _store(folder: Path) -> StateStore:
    return StateStore(folder)


def _saved(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    return data


def test_missing_state_is_empty_and_silent(tmp_path: Path) -> None:
    store = _store(tmp_path / "not-yet")
    assert store.position("a") is None
    assert not store.cookies_accepted("src")
    assert store.theme is None
    assert store.take_warnings() == [] and store.can_save


def test_state_round_trips(tmp_path: Path) -> None:
    store = _store(tmp_path / "sub" / "dir")
    assert store.set_position("a", Position("intro", 12))
    assert store.accept_cookies("Rossiyskaya Gazeta")
    assert store.set_theme("textual-light")
    again = _store(tmp_path / "sub" / "dir")
    assert again.position("a") == Position("intro", 12)
    assert again.cookies_accepted("Rossiyskaya Gazeta")
    assert again.theme == "textual-light"
    assert again.take_warnings() == []


def test_default_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path))
    StateStore().set_theme("x")
    assert _saved(tmp_path)["theme"] == "x"


BAD_STATE: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b"  \n\n",
    "truncated": b'{"version": 1, "positions": {"a": {"section": "x", "scr',
    "corrupt": b"{{{ not json",
    "binary": b"\x00\xff\xfe\x01",
    "invalid-utf8": b'{"theme": "\xc3\x28"}',
    "list-root": b"[1, 2, 3]",
    "string-root": b'"hello"',
    "null": b"null",
    "deep-nesting": b"[" * 100_000 + b"]" * 100_000,
    "huge-integer": b'{"version": 1, "positions": {"a": {"section": null, "scroll_y": '
    + b"9" * 5000
    + b"}}}",
    "wrong-types": b'{"version": 1, "positions": [], "cookies": "yes", "theme": 7}',
    "wrong-entries": (
        b'{"version": 1, "positions": {"a": {"section": 3, "scroll_y": -1},'
        b' "b": {"scroll_y": true}, "c": "x"}, "cookies": {"s": "yes"}, "theme": null}'
    ),
    "future-version": b'{"version": 99, "positions": {}, "cookies": {}, "theme": null}',
}


@pytest.mark.parametrize("case", sorted(BAD_STATE))
def test_bad_state_is_reported_once_and_replaced(case: str, tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_bytes(BAD_STATE[case])
    store = _store(tmp_path)
    warnings = store.take_warnings()
    assert len(warnings) == 1, warnings
    assert str(tmp_path / STATE_FILE) in warnings[0]
    assert "\n" not in warnings[0]
    assert store.position("a") is None and store.theme is None
    assert store.take_warnings() == []  # reported once
    # the next save replaces it with a valid file, without another warning
    assert store.set_position("z", Position(None, 3))
    assert store.take_warnings() == []
    data = _saved(tmp_path)
    assert data["version"] == state.STATE_VERSION
    assert data["positions"] == {"z": {"section": None, "scroll_y": 3}}
    assert _store(tmp_path).take_warnings() == []


def test_good_entries_survive_beside_bad_ones(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text(
        json.dumps(
            {
                "version": 1,
                "positions": {"good": {"section": "s", "scroll_y": 4}, "bad": {"scroll_y": "x"}},
                "cookies": {"ok": True, "no": 1},
                "theme": "dark",
            }
        )
    )
    store = _store(tmp_path)
    assert len(store.take_warnings()) == 1
    assert store.position("good") == Position("s", 4) and store.position("bad") is None
    assert store.cookies_accepted("ok") and not store.cookies_accepted("no")
    assert store.theme == "dark"


def test_an_anchor_round_trips_and_old_entries_have_none(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.set_position("a", Position("s", 7, (26, 74)))
    assert _store(tmp_path).position("a") == Position("s", 7, (26, 74))
    (tmp_path / STATE_FILE).write_text(
        json.dumps({"version": 1, "positions": {"old": {"section": "s", "scroll_y": 3}}})
    )
    old = _store(tmp_path)
    assert old.position("old") == Position("s", 3, None)
    assert old.take_warnings() == []


@pytest.mark.parametrize(
    "broken",
    [{"block": -1, "offset": 2}, {"block": True, "offset": 2}, {"block": 3}, {"offset": "x"}],
)
def test_a_broken_anchor_is_dropped_and_the_line_kept(
    tmp_path: Path, broken: dict[str, object]
) -> None:
    entry = {"section": "s", "scroll_y": 4, **broken}
    (tmp_path / STATE_FILE).write_text(json.dumps({"version": 1, "positions": {"a": entry}}))
    store = _store(tmp_path)
    assert store.position("a") == Position("s", 4, None)
    assert len(store.take_warnings()) == 1


@pytest.mark.parametrize("kind", ["directory", "fifo", "symlink-loop"])
def test_state_file_that_is_not_a_file(kind: str, tmp_path: Path) -> None:
    path = tmp_path / STATE_FILE
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(STATE_FILE)
    store = _store(tmp_path)  # must not hang on the FIFO
    assert len(store.take_warnings()) == 1
    store.set_theme("x")
    assert store.theme == "x"  # still works in memory, whether or not it could save
    if kind == "directory":
        assert not store.can_save and len(store.take_warnings()) == 1


def _read_only(*args: object, **kwargs: object) -> Any:
    raise OSError(errno.EROFS, "Read-only file system")


def _denied(*args: object, **kwargs: object) -> Any:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("failure", [_read_only, _denied])
def test_read_only_folder_keeps_working_without_saving(
    failure: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path)
    store.set_theme("before")
    monkeypatch.setattr(files, "_mkstemp", failure)
    assert store.set_position("a", Position("s", 5)) is False
    assert store.accept_cookies("src") is False
    assert store.set_theme("after") is False
    # the app keeps the values for this session …
    assert store.position("a") == Position("s", 5)
    assert store.cookies_accepted("src") and store.theme == "after"
    # … says so once …
    assert not store.can_save
    warnings = store.take_warnings()
    assert len(warnings) == 1 and "not be saved" in warnings[0]
    assert ("Read-only file system" in warnings[0]) or ("Permission denied" in warnings[0])
    store.set_theme("again")
    assert store.take_warnings() == []
    # … and the file on disk is what it was
    monkeypatch.undo()
    assert _saved(tmp_path)["theme"] == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".state.lock", STATE_FILE]


def test_read_only_folder_is_noticed_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state.os, "access", lambda path, mode: False)
    store = _store(tmp_path)
    assert not store.can_save
    assert len(store.take_warnings()) == 1
    assert store.set_theme("x") is False and store.theme == "x"
    assert store.take_warnings() == []
    assert list(tmp_path.iterdir()) == []


def test_lock_that_cannot_be_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    real_open = os.open

    def no_lock(path: Any, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".state.lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode)

    monkeypatch.setattr(state.os, "open", no_lock)
    assert store.set_theme("x") is False
    assert len(store.take_warnings()) == 1 and store.theme == "x"


def test_a_state_folder_that_is_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.write_text("not a folder")
    store = _store(folder)
    assert store.take_warnings() == []
    assert store.set_theme("x") is False
    assert len(store.take_warnings()) == 1
    assert folder.read_text() == "not a folder"


def test_two_stores_in_one_process_keep_each_others_changes(tmp_path: Path) -> None:
    one, two = _store(tmp_path), _store(tmp_path)
    one.set_position("a", Position(None, 1))
    two.set_position("b", Position(None, 2))
    one.accept_cookies("s")
    final = _store(tmp_path)
    assert final.position("a") == Position(None, 1)
    assert final.position("b") == Position(None, 2)
    assert final.cookies_accepted("s")


def _hammer(folder: str, prefix: str, count: int) -> None:
    store = StateStore(Path(folder))
    for i in range(count):
        if not store.set_position(f"{prefix}{i}", Position(f"s{i}", i)):
            raise SystemExit(f"save failed: {store.take_warnings()}")
    raise SystemExit(0)


def test_two_processes_never_corrupt_the_file_nor_lose_updates(tmp_path: Path) -> None:
    count = 200
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_hammer, args=(str(tmp_path), prefix, count))
        for prefix in ("one-", "two-")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [w.exitcode for w in workers] == [0, 0]
    data = _saved(tmp_path)  # valid JSON
    positions = data["positions"]
    assert len(positions) == 2 * count
    for prefix in ("one-", "two-"):
        for i in range(count):
            assert positions[f"{prefix}{i}"] == {"section": f"s{i}", "scroll_y": i}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".state.lock", STATE_FILE]


def test_hostile_keys_and_values_round_trip_as_data(tmp_path: Path) -> None:
    store = _store(tmp_path)
    key = '"}\x1b[2J\n\u202e../../etc'
    store.set_position(key, Position("\x00", 2**40))
    store.accept_cookies(key)
    again = _store(tmp_path)
    assert again.position(key) == Position("\x00", 2**40)
    assert again.cookies_accepted(key)
    assert again.take_warnings() == []


def test_state_file_is_private(tmp_path: Path) -> None:
    _store(tmp_path).set_theme("x")
    assert (tmp_path / STATE_FILE).stat().st_mode & 0o777 == 0o600
