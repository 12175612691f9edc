"""Bounded reads and atomic writes, with failures injected at every step of a write."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.core import files
from reader.core.errors import ReaderError
from reader.core.files import (
    atomic_write,
    decode_text,
    feed_file,
    read_bytes,
    read_start,
    read_text,
    shown,
)


def _no_space(*args: object, **kwargs: object) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


# -- reading ----------------------------------------------------------------------


def test_read_text_decodes_utf8_with_bom_and_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_text(path) == "one\ntwo\nthree\n"


def test_read_bytes_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "a"
    path.write_bytes(b"x" * 10)
    assert read_bytes(path, limit=10) == b"x" * 10
    with pytest.raises(ReaderError, match=r"too large \(10 bytes; the limit is 9\)"):
        read_bytes(path, limit=9)


def test_the_cap_is_stated_and_sane() -> None:
    assert files.MAX_FILE_BYTES == 16 * 1024 * 1024


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfea\x00", "file is UTF-16; save it as UTF-8"),
        (b"\xfe\xff\x00a", "file is UTF-16; save it as UTF-8"),
        (b"a: 1\n\x00\x00", "binary file, not text"),
        (b"a: \xc3\x28", "not UTF-8 text (invalid byte at offset 3)"),
        (b"a: \xed\xa0\x80", "not UTF-8 text"),  # an encoded surrogate
    ],
)
def test_decode_text_refuses(data: bytes, problem: str) -> None:
    with pytest.raises(ReaderError) as info:
        decode_text(data, "x.yaml")
    assert str(info.value) == f"x.yaml: {problem}" or str(info.value).startswith(
        f"x.yaml: {problem}"
    )


def test_messages_spell_out_control_characters_in_names(tmp_path: Path) -> None:
    name = tmp_path / "a\x1b[2J\nb\u202e.yaml"
    assert shown(name) == f"{tmp_path}/a\\x1b[2J\\x0ab\\u202e.yaml"
    with pytest.raises(ReaderError) as info:
        read_bytes(name)
    assert str(info.value) == f"{shown(name)}: no such file"


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ReaderError, match="not a regular file"):
        read_bytes(fifo)
    with pytest.raises(ReaderError, match="not a regular file"):
        read_bytes(Path("/dev/zero"))
    with pytest.raises(ReaderError, match="is a directory, not a file"):
        read_bytes(tmp_path)
    for special in (fifo, Path("/dev/zero")):  # the start only (the cache's head line)
        with pytest.raises(ReaderError, match="not a regular file"):
            read_start(special, 10)


def test_read_start_reads_only_the_start(tmp_path: Path) -> None:
    path = tmp_path / "entry"
    path.write_bytes(b"0123456789")
    assert read_start(path, 4) == b"0123"
    assert read_start(path, 100) == b"0123456789"


# -- atomic writes ------------------------------------------------------------------


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "article.yaml"
    path.write_text("the previous content\n")
    return path


def _only(target: Path) -> None:
    """The folder holds the target and nothing else: no temporary file was left."""
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_atomic_write_creates_and_replaces(tmp_path: Path, target: Path) -> None:
    atomic_write(target, "new ünïcode\n")
    assert target.read_text(encoding="utf-8") == "new ünïcode\n"
    fresh = tmp_path / "fresh.yaml"
    atomic_write(fresh, b"bytes")
    assert fresh.read_bytes() == b"bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.yaml", "fresh.yaml"]


class _FailingHandle:
    """A file handle whose write (or flush) runs out of space half-way."""

    def __init__(self, real: Any, fail_on: str) -> None:
        self.real, self.fail_on = real, fail_on

    def __enter__(self) -> _FailingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, data: bytes) -> int:
        if self.fail_on == "write":
            self.real.write(data[: len(data) // 2])  # a partial write reached the disk
            raise OSError(errno.ENOSPC, "No space left on device")
        return int(self.real.write(data))

    def flush(self) -> None:
        self.real.flush()
        if self.fail_on == "flush":
            raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self) -> int:
        return int(self.real.fileno())


def _patch_handle(monkeypatch: pytest.MonkeyPatch, fail_on: str) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        files.os, "fdopen", lambda fd, mode: _FailingHandle(real_fdopen(fd, mode), fail_on)
    )


STEPS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "mkstemp": lambda mp: mp.setattr(files, "_mkstemp", _no_space),
    "fdopen": lambda mp: mp.setattr(files.os, "fdopen", _no_space),
    "write": lambda mp: _patch_handle(mp, "write"),
    "flush": lambda mp: _patch_handle(mp, "flush"),
    "fsync": lambda mp: mp.setattr(files.os, "fsync", _no_space),
    "replace": lambda mp: mp.setattr(files.os, "replace", _no_space),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_failure_at_any_step_keeps_the_previous_file(
    step: str, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    STEPS[step](monkeypatch)
    with pytest.raises(ReaderError) as info:
        atomic_write(target, "the new content that never fully arrives\n" * 1000)
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    monkeypatch.undo()
    assert target.read_text() == "the previous content\n"
    _only(target)


@pytest.mark.parametrize("step", ["mkstemp", "write", "fsync", "link"])
def test_failure_when_creating_leaves_no_file(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if step == "link":
        monkeypatch.setattr(files.os, "link", _no_space)
    else:
        STEPS[step](monkeypatch)
    path = tmp_path / "new.yaml"
    with pytest.raises(ReaderError, match="No space left on device"):
        atomic_write(path, "content\n", overwrite=False)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_interrupt_during_write_leaves_no_temporary_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "the previous content\n"
    _only(target)


def test_overwrite_false_never_replaces(target: Path) -> None:
    with pytest.raises(ReaderError) as info:
        atomic_write(target, "new", overwrite=False)
    assert str(info.value) == f"{target}: already exists (use --force to replace it)"
    assert target.read_text() == "the previous content\n"
    _only(target)


def test_overwrite_false_creates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    atomic_write(path, "content", overwrite=False)
    assert path.read_text() == "content"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS])
def test_without_hard_links_overwrite_false_still_works(
    code: int, tmp_path: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(src: object, dst: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "link", unsupported)
    new = tmp_path / "new.yaml"
    atomic_write(new, "content", overwrite=False)
    assert new.read_text() == "content"
    with pytest.raises(ReaderError, match="already exists"):
        atomic_write(target, "new", overwrite=False)
    assert target.read_text() == "the previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.yaml", "new.yaml"]


def test_without_hard_links_a_failed_rename_leaves_no_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", unsupported)
    monkeypatch.setattr(files.os, "replace", _no_space)
    with pytest.raises(ReaderError, match="No space left on device"):
        atomic_write(tmp_path / "new.yaml", "content", overwrite=False)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_only_one_of_many_concurrent_creators_wins(tmp_path: Path) -> None:
    path = tmp_path / "contested.yaml"
    results: list[str] = []
    start = threading.Barrier(8)

    def writer(i: int) -> None:
        start.wait()
        try:
            atomic_write(path, f"writer {i}\n" * 1000, overwrite=False)
            results.append(f"won {i}")
        except ReaderError:
            results.append("lost")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [r for r in results if r.startswith("won")]
    assert len(winners) == 1 and len(results) == 8
    i = int(winners[0].split()[1])
    assert path.read_text() == f"writer {i}\n" * 1000
    assert list(tmp_path.iterdir()) == [path]


def test_writing_to_a_symlink_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "state.json"
    link.symlink_to(victim)
    atomic_write(link, "new")
    assert victim.read_text() == "precious"
    assert not link.is_symlink() and link.read_text() == "new"


def test_a_directory_in_the_way_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").mkdir()
    with pytest.raises(ReaderError, match=r"a\.yaml: cannot write"):
        atomic_write(tmp_path / "a.yaml", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_missing_or_read_only_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ReaderError, match="cannot write: No such file or directory"):
        atomic_write(tmp_path / "missing" / "a.yaml", "x")

    def read_only(*args: object, **kwargs: object) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files, "_mkstemp", read_only)
    with pytest.raises(ReaderError, match="cannot write: Read-only file system"):
        atomic_write(tmp_path / "a.yaml", "x")


def test_a_long_name_does_not_make_the_temporary_name_too_long(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 250 + ".yaml")
    atomic_write(path, "x")
    assert path.read_text() == "x"


def test_temporary_files_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The half-written file is never readable by others (mkstemp: mode 0600)."""
    seen: list[int] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        seen.append(os.fstat(fd).st_mode & 0o777)
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", spy)
    atomic_write(tmp_path / "a", "x")
    assert seen[0] == 0o600


def test_new_files_get_the_usual_mode_and_replaced_files_keep_theirs(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    new = tmp_path / "new.yaml"
    atomic_write(new, "x", overwrite=False)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    new.chmod(0o640)
    atomic_write(new, "y")
    assert new.stat().st_mode & 0o777 == 0o640
    private = tmp_path / "state.json"
    atomic_write(private, "z", mode=0o600)
    assert private.stat().st_mode & 0o777 == 0o600


def test_atomic_write_takes_chunks_and_a_failing_iterable_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    atomic_write(target, iter([b"one ", b"two"]))
    assert target.read_bytes() == b"one two"

    def broken() -> Any:
        yield b"half"
        raise ValueError("stop")

    with pytest.raises(ValueError):
        atomic_write(target, broken())
    assert target.read_bytes() == b"one two"  # the old content, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]  # no temporary file


def test_feed_file_gives_every_byte_with_portable_calls_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is fed whole, in chunks, without POSIX-only calls (the package says it
    is OS independent: os.readv, which it once used, is not on Windows)."""
    import hashlib
    import os

    data = os.urandom(3 * (1 << 18) + 17)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    monkeypatch.delattr(os, "readv", raising=False)
    digest = hashlib.sha256()
    feed_file(path, digest.update)
    assert digest.digest() == hashlib.sha256(data).digest()
    with pytest.raises(ReaderError):
        feed_file(path, digest.update, limit=len(data) - 1)


def test_a_write_that_need_not_be_durable_waits_for_no_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache is written atomically (whole or not at all) but without flushes."""
    synced: list[int] = []
    monkeypatch.setattr(files.os, "fsync", synced.append)
    atomic_write(tmp_path / "cache.bin", b"kept", durable=False)
    assert (tmp_path / "cache.bin").read_bytes() == b"kept" and synced == []
    atomic_write(tmp_path / "article.yaml", "x")
    assert len(synced) == 2  # the file, then its folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.yaml", "cache.bin"]
