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
import tempfile
from pathlib import Path

from reader.core.errors import ReaderError

#: Largest article file reader opens. Big enough for any real article (the longest
#: news features are well under 1 MB) with room for books pasted whole.
MAX_FILE_BYTES = 64 * 1024 * 1024


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes, or raise ReaderError.

    The file is opened non-blocking and checked with ``fstat`` before reading, so a
    FIFO or a device is refused instead of hanging.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise ReaderError(f"{path}: is a directory, not a file") from None
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReaderError(f"{path}: cannot open: {_describe(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReaderError(f"{path}: is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReaderError(f"{path}: not a regular file")
        if info.st_size > limit:
            raise ReaderError(
                f"{path}: file is too large ({info.st_size:,} bytes; the limit is {limit:,})"
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A bounded, decoded text file (see :func:`read_bytes` and :func:`decode_text`)."""
    return decode_text(read_bytes(path, limit), str(path))


def atomic_write(path: Path, data: str | bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    The data goes to a temporary file beside the target, is flushed to disk, and is
    renamed over the target. Any failure removes the temporary file and leaves the
    previous content untouched. With ``overwrite=False`` an existing target is an error
    (checked atomically with a hard link, so two writers cannot both win).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ReaderError(f"{path}: cannot write: {_describe(exc)}") from None
    tmp = Path(tmp_name)
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if overwrite:
                os.replace(tmp, path)
            else:
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    raise ReaderError(
                        f"{path}: already exists (use --force to replace it)"
                    ) from None
                tmp.unlink()
        except OSError as exc:
            raise ReaderError(f"{path}: cannot write: {_describe(exc)}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
