"""One flush of a file system instead of each file's: only where it is safe and cheap."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import fs_flush


@pytest.mark.parametrize(
    ("release", "expected"),
    [
        ("6.1.0-13-amd64", (6, 1)),
        ("5.8.0", (5, 8)),
        ("5.10.102.1-microsoft-standard-WSL2", (5, 10)),
        ("4.19.0+", (4, 19)),
        ("5.15rc1", (5, 15)),
        ("weird", (0, 0)),
        ("", (0, 0)),
    ],
)
def test_the_kernel_release_is_read_as_major_and_minor(
    release: str, expected: tuple[int, int]
) -> None:
    assert fs_flush._kernel(release) == expected


@pytest.mark.parametrize("release", ["5.4.0", "5.8.0", "5.16.20-generic"])
def test_no_syncfs_before_linux_5_17_which_would_not_report_a_failed_commit(
    monkeypatch: pytest.MonkeyPatch, release: str
) -> None:
    fs_flush._syncfs.cache_clear()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "uname", lambda: os.uname_result(("Linux", "h", release, "", "x")))
    try:
        assert fs_flush._syncfs() is None
        assert not fs_flush.worth_trying()
        assert not fs_flush.flush_file_system(0)
    finally:
        fs_flush._syncfs.cache_clear()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs is Linux's")
@pytest.mark.parametrize("release", ["5.17.0", "6.1.0-13-amd64"])
def test_syncfs_from_linux_5_17(monkeypatch: pytest.MonkeyPatch, release: str) -> None:
    fs_flush._syncfs.cache_clear()
    monkeypatch.setattr(os, "uname", lambda: os.uname_result(("Linux", "h", release, "", "x")))
    try:
        assert fs_flush._syncfs() is not None
    finally:
        fs_flush._syncfs.cache_clear()


@pytest.mark.parametrize(
    ("kind", "trusted"),
    [
        (0xEF53, True),  # ext2/3/4
        (0x58465342, True),  # XFS
        (0x9123683E, True),  # Btrfs
        (0x01021994, True),  # tmpfs
        (0x65735546, False),  # FUSE (virtiofs too)
        (0x01021997, False),  # 9p
        (0x6969, False),  # NFS
        (0x794C7630, False),  # overlayfs
        (None, False),  # cannot tell
    ],
)
def test_syncfs_only_on_file_systems_it_makes_durable(
    monkeypatch: pytest.MonkeyPatch, kind: int | None, trusted: bool
) -> None:
    called: list[int] = []

    def syncfs(fd: int) -> int:
        called.append(fd)
        return 0

    monkeypatch.setattr(fs_flush, "_syncfs", lambda: syncfs)
    monkeypatch.setattr(fs_flush, "file_system_type", lambda fd: kind)
    assert fs_flush.flush_file_system(7) is trusted
    assert called == ([7] if trusted else [])  # else each file is flushed, as before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="statfs types are Linux's")
def test_the_file_system_type_is_the_one_stat_reports(tmp_path: Path) -> None:
    stat = shutil.which("stat")
    if stat is None:
        pytest.skip("no stat(1) to compare with")
    shown = subprocess.run(
        [stat, "-f", "-c", "%t", str(tmp_path)], capture_output=True, text=True, check=True
    )
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        assert fs_flush.file_system_type(fd) == int(shown.stdout, 16)
    finally:
        os.close(fd)
    assert fs_flush.file_system_type(fd) is None  # closed: cannot tell


def test_pending_bytes_are_dirty_and_writeback_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_bytes(b"MemTotal: 100 kB\nDirty:  12 kB\nWriteback:   3 kB\nOther: 9 kB\n")
    real_open = open

    def fake_open(path: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        return real_open(meminfo if path == "/proc/meminfo" else path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    assert fs_flush.pending_bytes() == 15 * 1024
    meminfo.write_bytes(b"MemTotal: 100 kB\nDirty: lots\nWriteback: 3 kB\n")
    assert fs_flush.pending_bytes() is None  # cannot tell: never a syncfs
    meminfo.unlink()
    assert fs_flush.pending_bytes() is None


def test_much_waiting_to_be_written_means_each_file_is_flushed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fs_flush, "_syncfs", lambda: lambda fd: 0)
    monkeypatch.setattr(fs_flush, "pending_bytes", lambda: fs_flush.MAX_PENDING_BYTES)
    assert fs_flush.worth_trying()
    monkeypatch.setattr(fs_flush, "pending_bytes", lambda: fs_flush.MAX_PENDING_BYTES + 1)
    assert not fs_flush.worth_trying()
    monkeypatch.setattr(fs_flush, "pending_bytes", lambda: None)
    assert not fs_flush.worth_trying()


def test_a_failing_syncfs_is_reported_as_not_flushed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fs_flush, "_syncfs", lambda: lambda fd: -1)
    assert not fs_flush.flush_file_system(0)


@pytest.mark.skipif(fs_flush._syncfs() is None, reason="no syncfs here")
def test_the_real_syncfs_flushes_a_folder_and_refuses_a_closed_descriptor(
    tmp_path: Path,
) -> None:
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        if fs_flush.file_system_type(fd) not in fs_flush.SYNCFS_FILE_SYSTEMS:
            pytest.skip("the temporary folder's file system is flushed file by file")
        (tmp_path / "a").write_bytes(b"x")
        assert fs_flush.flush_file_system(fd)
    finally:
        os.close(fd)
    assert not fs_flush.flush_file_system(fd)  # EBADF: an error, never "done"
