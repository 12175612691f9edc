"""``reader import`` with stdout or stderr closed when it starts (``>&-``, ``2>&-``):
Python then has None for that stream. The files are still saved, nothing is a
traceback, and the exit status still says how the import went."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Most seconds one command may take (a hang fails the test instead of the whole run).
LIMIT = 120

# the command as `reader` runs it, with many files imported in forked processes (the
# pool) whatever their size and the machine's cores
SCRIPT = """
import sys
from reader.cli import import_jobs
import_jobs.PARALLEL_MIN_BYTES = 0
import_jobs._cores = lambda: 2
from reader.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def _inputs(folder: Path, count: int = 9) -> Path:
    folder.mkdir()
    for n in range(count):
        text = (
            f"Warga Kota {n} Menanam Pohon\n\n"
            f"Sebanyak {n + 3} ribu pohon ditanam warga pada Minggu pagi.\n\n"
            f"“Kami ingin kota ini lebih hijau,” kata Siti Rahma, ketua panitia {n}.\n"
        )
        (folder / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "zz.txt").write_bytes(b"\x00\x01binary")  # one bad input: exit status 1
    return folder


def _closing(fd: int):  # type: ignore[no-untyped-def]
    return lambda: os.close(fd)


def _reader(args: list[str], closed: int) -> subprocess.CompletedProcess[bytes]:
    """``reader ARGS`` with file descriptor ``closed`` closed; the other two read."""
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if closed != 1 else None,
        stderr=subprocess.PIPE if closed != 2 else None,
        preexec_fn=_closing(closed),
        timeout=LIMIT,
        check=False,
    )


@pytest.mark.parametrize("closed", [1, 2])
def test_a_closed_standard_stream_is_absent_and_every_file_is_saved(
    tmp_path: Path, closed: int
) -> None:
    folder = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    done = _reader(["import", str(folder), "-o", str(out)], closed)
    assert done.returncode == 1  # the bad input, said by the status alone
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"warga-kota-{n}-menanam-pohon.yaml" for n in range(9)
    )
    if closed == 1:
        assert b"Traceback" not in done.stderr
        assert b"imported 9 articles, 1 failed" in done.stderr
    else:
        assert done.stdout == b""  # messages are not sent to stdout instead


def test_all_good_with_a_closed_stdout_exits_zero(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    (folder / "zz.txt").unlink()
    done = _reader(["import", str(folder), "-o", str(tmp_path / "out")], 1)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert len(list((tmp_path / "out").iterdir())) == 9


def test_printing_articles_to_a_closed_stdout_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    done = _reader(["import", str(folder), "--stdout"], 1)
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and b"Traceback" not in done.stderr


def test_no_progress_bar_without_a_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.cli import import_

    # run_import called without main (which puts os.devnull in its place)
    monkeypatch.setattr(sys, "stderr", None)
    with import_._progress(5) as bar:
        bar.advance()
