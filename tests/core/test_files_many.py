"""Batched atomic writes: every file durable before any is named, one folder sync a batch.

A batch is flushed in one of two ways (:mod:`reader.core.fs_flush`): one ``syncfs`` of
the file system when little else waits to be written ("together"), else one ``fsync``
per file ("each"); every guarantee is checked both ways.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from reader.core import files_many, fs_flush
from reader.core.errors import ReaderError
from reader.core.files_many import atomic_write_many

WAYS = ["together", "each"]


@pytest.fixture(params=WAYS)
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """How the batch is flushed: one flush of the file system, or each file's own."""
    together = request.param == "together"
    if together and not fs_flush.worth_trying():
        if fs_flush._syncfs() is None:
            pytest.skip("no syncfs that reports errors here (Linux 5.8 or later)")
        monkeypatch.setattr(fs_flush, "MAX_PENDING_BYTES", 2**62)  # a busy machine
    monkeypatch.setattr(fs_flush, "worth_trying", lambda: together)
    return str(request.param)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_every_file_with_the_usual_mode(tmp_path: Path, way: str) -> None:
    items = [(tmp_path / f"{n}.yaml", f"article {n} ünï\n") for n in range(5)]
    items.append((tmp_path / "bytes.yaml", b"raw"))
    assert atomic_write_many(items) == [None] * 6
    assert _names(tmp_path) == ["0.yaml", "1.yaml", "2.yaml", "3.yaml", "4.yaml", "bytes.yaml"]
    assert (tmp_path / "3.yaml").read_text(encoding="utf-8") == "article 3 ünï\n"
    assert (tmp_path / "bytes.yaml").read_bytes() == b"raw"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "0.yaml").stat().st_mode) == 0o666 & ~mask


def test_an_existing_file_is_kept_and_reported_while_the_others_are_written(
    tmp_path: Path,
    way: str,
) -> None:
    (tmp_path / "b.yaml").write_text("the user's\n")
    results = atomic_write_many([(tmp_path / f"{n}.yaml", "new\n") for n in "abc"])
    assert results[0] is None and results[2] is None
    assert str(results[1]) == f"{tmp_path / 'b.yaml'}: already exists (use --force to replace it)"
    assert (tmp_path / "b.yaml").read_text() == "the user's\n"
    assert _names(tmp_path) == ["a.yaml", "b.yaml", "c.yaml"]  # no temporary file left


def test_overwrite_replaces_and_keeps_the_mode(tmp_path: Path, way: str) -> None:
    old = tmp_path / "a.yaml"
    old.write_text("old\n")
    old.chmod(0o640)
    assert atomic_write_many([(old, "new\n")], overwrite=True) == [None]
    assert old.read_text() == "new\n" and stat.S_IMODE(old.stat().st_mode) == 0o640


def test_every_file_is_on_disk_before_any_is_named_and_the_folder_is_synced_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    events: list[str] = []
    real_fsync, real_link, real_flush = os.fsync, os.link, fs_flush.flush_file_system

    def fsync(fd: int) -> None:
        is_folder = stat.S_ISDIR(os.fstat(fd).st_mode)
        events.append("folder sync" if is_folder else "file sync")
        real_fsync(fd)

    def link(src: str | Path, dst: str | Path) -> None:
        events.append("name")
        real_link(src, dst)

    def flush(fd: int) -> bool:
        events.append("file system flush")
        return real_flush(fd)

    monkeypatch.setattr(files_many.os, "fsync", fsync)
    monkeypatch.setattr(files_many.os, "link", link)
    monkeypatch.setattr(fs_flush, "flush_file_system", flush)
    monkeypatch.setattr(files_many, "SYNC_THREADS", 4)  # fewer threads than files
    monkeypatch.setattr(files_many, "FLUSH_GROUP", 4)  # fewer files open than files
    assert atomic_write_many([(tmp_path / f"{n}.yaml", "x") for n in range(10)]) == [None] * 10
    # together: one flush for each group of files held open
    flushed = ["file system flush"] * 3 if way == "together" else ["file sync"] * 10
    assert events == flushed + ["name"] * 10 + ["folder sync"]
    assert len(_names(tmp_path)) == 10


def test_when_the_file_system_flush_fails_each_file_is_flushed_and_the_bad_one_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed ``syncfs`` says neither which file failed nor that the others are safe:
    each file is then flushed on its own, still before any is named."""
    real_fsync = os.fsync
    events: list[str] = []

    def fsync(fd: int) -> None:
        if os.fstat(fd).st_size == len("doomed"):
            raise OSError(errno.EIO, "Input/output error")
        events.append("file sync" if stat.S_ISREG(os.fstat(fd).st_mode) else "folder sync")
        real_fsync(fd)

    monkeypatch.setattr(fs_flush, "worth_trying", lambda: True)
    monkeypatch.setattr(fs_flush, "flush_file_system", lambda fd: False)
    monkeypatch.setattr(files_many.os, "fsync", fsync)
    items = [(tmp_path / f"{n}.yaml", "fine") for n in "ab"] + [(tmp_path / "c.yaml", "doomed")]
    results = atomic_write_many(items)
    assert results[:2] == [None, None]
    assert str(results[2]) == f"{tmp_path / 'c.yaml'}: cannot write: Input/output error"
    assert events == ["file sync", "file sync", "folder sync"]
    assert _names(tmp_path) == ["a.yaml", "b.yaml"]


def test_a_batch_is_flushed_file_by_file_when_much_else_waits_to_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``syncfs`` would also wait for what other programs wrote (a big copy)."""
    flushes: list[int] = []
    monkeypatch.setattr(fs_flush, "flush_file_system", lambda fd: bool(flushes.append(fd)))
    monkeypatch.setattr(fs_flush, "pending_bytes", lambda: fs_flush.MAX_PENDING_BYTES + 1)
    assert atomic_write_many([(tmp_path / f"{n}.yaml", "x") for n in range(3)]) == [None] * 3
    assert flushes == [] and len(_names(tmp_path)) == 3
    if fs_flush._syncfs() is not None:  # and with little waiting, one flush does
        monkeypatch.setattr(fs_flush, "pending_bytes", lambda: 0)
        assert atomic_write_many([(tmp_path / f"{n}.md", "x") for n in range(3)]) == [None] * 3
        assert len(flushes) == 1 and len(_names(tmp_path)) == 6


def test_a_file_that_cannot_be_flushed_is_not_named_and_the_others_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fs_flush, "worth_trying", lambda: False)  # each file's own flush
    real_fsync = os.fsync
    doomed: list[int] = []

    def fsync(fd: int) -> None:
        if os.fstat(fd).st_size == len("doomed"):
            doomed.append(fd)
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(files_many.os, "fsync", fsync)
    items = [
        (tmp_path / "a.yaml", "fine"),
        (tmp_path / "b.yaml", "doomed"),
        (tmp_path / "c.yaml", "fine"),
    ]
    results = atomic_write_many(items)
    assert doomed and results[0] is None and results[2] is None
    assert str(results[1]) == f"{tmp_path / 'b.yaml'}: cannot write: Input/output error"
    assert _names(tmp_path) == ["a.yaml", "c.yaml"]


def test_a_write_that_runs_out_of_space_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if bytes(data[:4]) == b"huge":
            real_write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(files_many.os, "write", write)
    results = atomic_write_many([(tmp_path / "a.yaml", "huge" * 100), (tmp_path / "b.yaml", "ok")])
    assert "No space left on device" in str(results[0]) and results[1] is None
    assert _names(tmp_path) == ["b.yaml"]


def test_a_missing_folder_fails_only_its_file(tmp_path: Path, way: str) -> None:
    items = [(tmp_path / "nope" / "a.yaml", "x"), (tmp_path / "b.yaml", "y")]
    results = atomic_write_many(items)
    assert isinstance(results[0], ReaderError) and "cannot write" in str(results[0])
    assert results[1] is None and _names(tmp_path) == ["b.yaml"]


def test_an_interrupt_leaves_no_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files_many.os, "fsync", interrupted)
    monkeypatch.setattr(fs_flush, "flush_file_system", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_many([(tmp_path / f"{n}.yaml", "x") for n in range(3)])
    assert _names(tmp_path) == []


def test_batches_share_the_threads_they_are_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A caller saving batch after batch passes its own pool: it is used, and left open."""
    import threading

    monkeypatch.setattr(fs_flush, "worth_trying", lambda: False)  # each file's own flush
    from concurrent.futures import ThreadPoolExecutor

    used: list[str] = []
    real = files_many._durable_temporary

    def spy(path: Path, data: str | bytes, mode: int | None) -> Path | ReaderError:
        used.append(threading.current_thread().name)
        return real(path, data, mode)

    monkeypatch.setattr(files_many, "_durable_temporary", spy)
    with ThreadPoolExecutor(files_many.SYNC_THREADS, thread_name_prefix="kept") as pool:
        for batch in range(3):
            items = [(tmp_path / f"{batch}-{n}.yaml", "x") for n in range(4)]
            assert atomic_write_many(items, pool=pool) == [None] * 4
        assert pool.submit(lambda: 1).result() == 1  # still open
    assert len(used) == 12 and all(name.startswith("kept") for name in used)
    assert len(_names(tmp_path)) == 12
