"""Reading and writing files safely: bounded reads and atomic writes.

Every file reader touches may be hostile (a FIFO that never ends, a device, a 10 GB
file, a symlink loop) and every file it writes may be the only copy the user has. So
reads are bounded and refuse anything but regular files, and writes go to a temporary
file in the same folder that is renamed over the target only once it is complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.text import visible

#: Largest article file reader opens: 16 MiB. Real articles are well under 1 MB, a whole
#: book pasted as one article 1-2 MB, and a 5 MB article (the size the benchmarks use)
#: an 8 MiB file; the cap keeps loading any file, however hostile, to about two seconds
#: and a bounded amount of memory.
MAX_FILE_BYTES = 16 * 1024 * 1024

# os.link fails with these where a file system has no hard links (FAT, some network
# and FUSE file systems, Android storage); atomic_write then uses O_EXCL instead.
_NO_HARD_LINKS = frozenset(
    {
        errno.EPERM,
        errno.EACCES,
        errno.ENOSYS,
        errno.EXDEV,
        errno.EMLINK,
        getattr(errno, "ENOTSUP", errno.EPERM),
        getattr(errno, "EOPNOTSUPP", errno.EPERM),
    }
)


def shown(path: Path | str) -> str:
    """A path as it may appear in a one-line message (control characters spelled out)."""
    return visible(str(path), keep_newlines=False)


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def _refuse(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ReaderError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise ReaderError(f"{path}: not a regular file (a device, FIFO or socket)")


def _open_regular(path: Path) -> int:
    """A file descriptor of ``path``, read-only, refused (ReaderError) unless a regular file
    by ``stat``, so a device is never opened; non-blocking, so a FIFO swapped in before
    the open does not hang (the caller checks again with ``fstat``)."""
    try:
        _refuse(path, os.stat(path).st_mode)
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReaderError(f"{path}: cannot open: {_describe(exc)}") from None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(path, flags)
    except IsADirectoryError:
        raise ReaderError(f"{path}: is a directory, not a file") from None
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReaderError(f"{path}: cannot open: {_describe(exc)}") from None


def _check_open(fd: int, path: Path, limit: int | None = None) -> None:
    """ReaderError unless the opened file is a regular file (of at most ``limit`` bytes):
    checked on the descriptor, so a file swapped in after the path's check is caught."""
    info = os.fstat(fd)
    _refuse(path, info.st_mode)
    if limit is not None and info.st_size > limit:
        raise ReaderError(
            f"{path}: file is too large ({info.st_size:,} bytes; the limit is {limit:,})"
        )


def read_start(path: Path, count: int) -> bytes:
    """The first ``count`` bytes of a regular file (less if it is shorter), or ReaderError.

    Opened as :func:`read_bytes` opens a file; for reading a header without the rest.
    """
    fd = _open_regular(path)
    try:
        _check_open(fd, path)
        chunks: list[bytes] = []
        total = 0
        while total < count:
            chunk = os.read(fd, count - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {_describe(exc)}") from None
    finally:
        os.close(fd)


#: Bytes :func:`feed_file` reads at a time.
FEED_CHUNK = 1 << 18


def feed_file(
    path: Path, feed: Callable[[memoryview], object], limit: int = MAX_FILE_BYTES
) -> None:
    """Give a regular file's bytes to ``feed`` a chunk at a time (a hash's ``update``),
    never holding them all; ReaderError as :func:`read_bytes` (too large included)."""
    fd = _open_regular(path)
    try:
        _check_open(fd, path, limit)
        total = 0
        while chunk := os.read(fd, FEED_CHUNK):
            total += len(chunk)
            if total > limit:
                raise ReaderError(f"{path}: file is too large (the limit is {limit:,} bytes)")
            feed(memoryview(chunk))
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {_describe(exc)}") from None
    finally:
        os.close(fd)


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes, or raise ReaderError.

    The path is checked with ``stat`` before it is opened, so a device is never opened
    (opening some devices has side effects); it is opened non-blocking and checked again
    with ``fstat``, so a FIFO swapped in meanwhile is refused instead of hanging.
    """
    fd = _open_regular(path)
    try:
        _check_open(fd, path, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ReaderError(f"{path}: file is too large (the limit is {limit:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {_describe(exc)}") from None
    finally:
        os.close(fd)


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) and normalise line ends, or raise ReaderError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReaderError(f"{name}: file is UTF-16; save it as UTF-8")
    if b"\x00" in data[:8192]:
        raise ReaderError(f"{name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"{name}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    if "\r" not in text:  # the usual case: each replace would copy a 5 MB text
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A bounded, decoded text file (see :func:`read_bytes` and :func:`decode_text`)."""
    return decode_text(read_bytes(path, limit), str(path))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()
#: What open() gives a new file.
_NEW_FILE_MODE = 0o666 & ~_UMASK


def _final_mode(path: Path, mode: int | None) -> int:
    if mode is not None:
        return mode
    try:
        return stat.S_IMODE(os.stat(path).st_mode)  # replacing: keep the file's mode
    except OSError:
        return _NEW_FILE_MODE  # new: what open() would have made


def atomic_write(
    path: Path,
    data: str | bytes | Iterable[bytes],
    *,
    overwrite: bool = True,
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    The data goes to a temporary file beside the target, is flushed to disk, and is
    renamed over the target. Any failure removes the temporary file and leaves the
    previous content untouched. With ``overwrite=False`` an existing target is an error
    (checked atomically with a hard link, or where hard links are not supported by
    creating the target with ``O_EXCL``, so two writers cannot both win).

    The file gets ``mode`` if given, else the mode of the file it replaces, else the
    usual mode for a new file (``0o666`` less the umask). The temporary file is private
    (``0o600``) while it is written.

    ``data`` may also be an iterable of byte chunks, written as they come: a big file
    is then never whole in memory (an exception from the iterable leaves nothing).

    ``durable=False`` skips the two waits for the disk (the file's and the folder's
    flush): for a cache, which a crash may leave empty or old but never half written
    by this process, and whose reader checks what it reads.
    """
    chunks: Iterable[bytes]
    if isinstance(data, str):
        chunks = (data.encode("utf-8"),)
    elif isinstance(data, bytes):
        chunks = (data,)
    else:
        chunks = data
    directory = path.parent
    final_mode = _final_mode(path, mode)
    fd, tmp = _temporary(path)
    try:
        try:
            try:
                handle = os.fdopen(fd, "wb")
            except BaseException:
                os.close(fd)
                raise
            with handle:
                for chunk in chunks:
                    handle.write(chunk)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
                if final_mode != 0o600:
                    os.fchmod(handle.fileno(), final_mode)
            if overwrite:
                os.replace(tmp, path)
            else:
                _publish_new(tmp, path)
            if durable:
                _sync_folder(directory)
        except OSError as exc:
            raise ReaderError(f"{path}: cannot write: {_describe(exc)}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


#: How a temporary file is opened: as ``tempfile.mkstemp`` opens one (a new file only,
#: never through a link, not inherited by programs started later).
_TEMPORARY_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
#: Names tried before giving up (each a random one: a clash is all but impossible).
_TEMPORARY_TRIES = 100


def _mkstemp(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """A new file ``folder/PREFIX RANDOM SUFFIX``, private (mode 0o600), opened: made as
    ``tempfile.mkstemp`` makes one, without importing ``tempfile`` and ``random`` (~2 ms
    before ``reader import`` can start its processes). OSError as ``os.open`` raises it."""
    for _ in range(_TEMPORARY_TRIES):
        name = folder / f"{prefix}{os.urandom(6).hex()}{suffix}"
        try:
            return os.open(name, _TEMPORARY_FLAGS, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name")  # pragma: no cover


def _temporary(path: Path) -> tuple[int, Path]:
    """A new private temporary file beside ``path``, ``.NAME.RANDOM.tmp`` (the caches
    recognise their own by that shape): its descriptor and its path."""
    try:
        return _mkstemp(path.parent, f".{path.name[:64]}.", ".tmp")
    except OSError as exc:
        raise ReaderError(f"{path}: cannot write: {_describe(exc)}") from None


def _cannot_write(path: Path, exc: OSError) -> ReaderError:
    return ReaderError(f"{path}: cannot write: {_describe(exc)}")


def _already_exists(path: Path) -> ReaderError:
    return ReaderError(f"{path}: already exists (use --force to replace it)")


def _publish_new(tmp: Path, path: Path) -> None:
    """Give the finished ``tmp`` the name ``path`` only if nothing has that name yet."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise _already_exists(path) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    # No hard links here: claim the name with O_EXCL (atomic on every local file
    # system), then rename the complete file over our own empty placeholder.
    try:
        placeholder = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise _already_exists(path) from None
    os.close(placeholder)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def _sync_folder(directory: Path) -> None:
    """Best effort: make the rename itself durable (not possible everywhere)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
