"""``reader import`` of many inputs: parallel processes, batched saves, the same result.

Many local files are imported in parallel processes and saved a batch at a time; the
files written, the lines printed (in the inputs' order, each once its file is on disk),
the one-line error of a bad input and the exit code must be exactly those of importing
them one by one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.cli import import_, import_jobs, import_save
from reader.cli.main import main
from reader.core.format import load_article

# every wait here is bounded (tests/cli/conftest.py): a pool that hangs fails the test
pytestmark = pytest.mark.usefixtures("bounded")

CITIES = ["Bandung", "Medan", "Makassar", "Padang", "Ambon", "Kupang", "Manado", "Jayapura"]
NAMES = ["Siti Rahma", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Wati"]


def _article(n: int) -> str:
    city = CITIES[n % len(CITIES)]
    return (
        f"Warga {city} Menanam {n + 3} Ribu Pohon\n\n"
        f"Sebanyak {n + 3} ribu pohon ditanam warga {city} pada Minggu pagi.\n\n"
        f"“Kami ingin kota ini lebih hijau,” kata {NAMES[n % len(NAMES)]}, ketua panitia.\n\n"
        f"Kegiatan serupa akan diadakan lagi tahun depan di {n % 5 + 2} kecamatan.\n"
    )


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Twelve inputs: nine articles, one of them sharing another's title (kept as -2),
    one the same article as another (refused), and one binary file (refused)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(9):
        (folder / f"{n:02d}.txt").write_text(_article(n), encoding="utf-8")
    same_title = _article(4).replace("Kegiatan serupa", "Acara serupa")
    (folder / "04b.txt").write_text(same_title, encoding="utf-8")
    (folder / "05b.txt").write_text(_article(5), encoding="utf-8")
    (folder / "06b.txt").write_bytes(b"\x00\x01binary")
    return folder


def _run(folder: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["import", str(folder), "-o", str(out)])
    return code, capsys.readouterr().err.replace(str(out), "OUT").splitlines()


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_parallel_import_writes_and_reports_exactly_what_one_by_one_does(
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used: list[int] = []
    real = import_jobs._in_processes

    def spy(items: list[str], count: int):  # type: ignore[no-untyped-def]
        used.append(count)
        return real(items, count)

    monkeypatch.setattr(import_jobs, "_in_processes", spy)
    monkeypatch.setattr(import_jobs, "_cores", lambda: 2)
    monkeypatch.setattr(import_save, "MAX_SAVE_BATCH", 4)  # several batches
    monkeypatch.setattr(import_jobs, "PARALLEL_MIN_BYTES", 10**9)
    serial_code, serial_err = _run(inputs, tmp_path / "serial", capsys)
    assert used == []
    monkeypatch.setattr(import_jobs, "PARALLEL_MIN_BYTES", 0)
    code, err = _run(inputs, tmp_path / "parallel", capsys)
    assert used == [2]
    assert (code, err) == (serial_code, serial_err)
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")
    # what both said: every input in order, the bad one in one line, exit 1
    assert code == 1
    assert err[-1] == "imported 10 articles, 2 failed"
    named = [line.split(" -> ")[0].rsplit("/", 1)[-1] for line in err[:-1]]
    assert named[:6] == ["00.txt", "01.txt", "02.txt", "03.txt", "04.txt", "04b.txt"]
    assert "05b.txt" in err[7] and "the same article as" in err[7] and "05.txt" in err[7]
    assert "06b.txt" in err[9] and "binary" in err[9]
    assert len(_files(tmp_path / "parallel")) == 10
    second = load_article(tmp_path / "parallel" / "warga-ambon-menanam-7-ribu-pohon-2.yaml")
    assert second.id == "warga-ambon-menanam-7-ribu-pohon-2" and len(second.quotes) == 1
    assert "Acara serupa" in second.sections[-1].paragraphs[-1]


def test_the_processes_are_forked_before_the_progress_bar_starts_its_thread(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a process forked while the bar's thread holds a lock (stderr's) would find it held
    from reader.cli import import_pool

    events: list[str] = []
    real_progress, real_fork = import_._progress, os.fork

    @contextmanager
    def progress(total: int) -> Iterator[object]:
        events.append("progress")
        with real_progress(total) as bar:
            yield bar

    def fork() -> int:
        events.append(f"fork with {threading.active_count() - before} more thread(s)")
        return real_fork()

    monkeypatch.setattr(import_, "_progress", progress)
    monkeypatch.setattr(import_pool.os, "fork", fork)
    monkeypatch.setattr(import_jobs, "_cores", lambda: 2)
    monkeypatch.setattr(import_jobs, "PARALLEL_MIN_BYTES", 0)
    before = threading.active_count()  # the test runner's own
    assert main(["import", str(inputs), "-o", str(tmp_path / "out")]) == 1
    assert events == ["fork with 0 more thread(s)"] * 2 + ["progress"]


def test_each_line_is_printed_once_its_file_is_on_disk(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    seen: list[str] = []

    def say(self: object, line: str) -> None:
        if " -> " in line:
            target = Path(line.split(" -> ")[1])
            assert target.is_file(), f"{line} printed before the file was saved"
        seen.append(line)

    monkeypatch.setattr(import_._NoProgress, "say", say)
    monkeypatch.setattr(import_save, "MAX_SAVE_BATCH", 3)
    assert main(["import", str(inputs), "-o", str(out)]) == 1
    assert len(seen) == 12 and sum(" -> " in line for line in seen) == 10


def test_what_comes_while_the_disk_is_busy_is_saved_in_one_batch(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import files_many

    # the disk takes the first article and is busy until every input has been made
    all_made = threading.Event()
    real_prepared, real_write = import_jobs.prepared, files_many.atomic_write_many
    batches: list[int] = []

    @contextmanager
    def prepared(items: list[str]) -> Iterator[object]:
        with real_prepared(items) as results:

            def made() -> Iterator[object]:
                yield from results
                all_made.set()

            yield made()

    def busy_disk(items, **kwargs):  # type: ignore[no-untyped-def]
        if not batches:
            assert all_made.wait(timeout=60)  # a guard against a hang, not a timing
        batches.append(len(items))
        return real_write(items, **kwargs)

    monkeypatch.setattr(import_jobs, "prepared", prepared)
    monkeypatch.setattr(files_many, "atomic_write_many", busy_disk)
    assert main(["import", str(inputs), "-o", str(tmp_path / "out")]) == 1
    assert batches == [1, 9]  # the first article, then all nine others at once
    assert len(list((tmp_path / "out").iterdir())) == 10


@pytest.mark.parametrize(
    ("case", "expected"),
    [("big", 2), ("few", 1), ("small", 1), ("one core", 1), ("stdin", 1)],
)
def test_processes_only_for_enough_local_text_on_several_cores(
    case: str, expected: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_jobs, "_cores", lambda: 1 if case == "one core" else 2)
    size = 1000 if case == "small" else import_jobs.PARALLEL_MIN_BYTES
    count = 3 if case == "few" else 12
    items = []
    for n in range(count):
        path = tmp_path / f"{n}.txt"
        path.write_bytes(b"x" * (size // count + 1))
        items.append(str(path))
    if case == "stdin":
        items.append("-")
    assert import_jobs.processes_for(items) == expected


#: What importing text files never needs: the web (HTTP client, HTML and feed readers)
#: and the terminal UI.
NOT_FOR_TEXT = ("httpx", "lxml", "trafilatura", "feedparser", "textual", "rich")


def test_importing_text_files_imports_neither_the_web_nor_the_terminal_ui(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(_article(1), encoding="utf-8")
    code = (
        "import json, sys\n"
        "from reader.cli.main import main\n"
        f"code = main(['import', {str(path)!r}, '-o', {str(tmp_path / 'out')!r}])\n"
        f"print(json.dumps([code, [m for m in {NOT_FOR_TEXT!r} if m in sys.modules]]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert json.loads(done.stdout.splitlines()[-1]) == [0, []], done.stderr


@pytest.mark.parametrize("processes", [1, 2])
def test_a_batch_keeps_its_word_tables_and_the_next_batch_makes_the_same_files(
    processes: int,
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.importer import word_cache
    from reader.importer.attribution import tokens

    monkeypatch.setattr(tokens, "_TABLES", {})  # this process's tables: new, as in a new run
    monkeypatch.setattr(word_cache, "_loaded", {})
    monkeypatch.setattr(word_cache, "MIN_NEW_WORDS", 1)
    monkeypatch.setattr(import_jobs, "WARM_MIN_BYTES", 0)
    monkeypatch.setattr(import_jobs, "PARALLEL_MIN_BYTES", 0 if processes > 1 else 10**9)
    monkeypatch.setattr(import_jobs, "_cores", lambda: processes)
    kept = word_cache.cache_path("id")
    assert not kept.exists()
    first = _run(inputs, tmp_path / "first", capsys)
    assert kept.is_file()  # written by the process(es) that met the words
    monkeypatch.setattr(tokens, "_TABLES", {})
    monkeypatch.setattr(word_cache, "_loaded", {})
    assert _run(inputs, tmp_path / "second", capsys) == first
    assert word_cache._loaded.get("id", 0) > 0  # the second run started with the table
    assert _files(tmp_path / "second") == _files(tmp_path / "first")


def test_a_dangling_link_under_an_article_name_is_kept_and_the_article_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(_article(1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    link = out / "warga-medan-menanam-4-ribu-pohon.yaml"
    link.symlink_to(tmp_path / "nowhere")
    assert main(["import", str(source), "-o", str(out)]) == 1
    assert "already exists (use --force to replace it)" in capsys.readouterr().err
    assert link.is_symlink() and sorted(p.name for p in out.iterdir()) == [link.name]


def test_a_process_that_dies_fails_its_input_in_one_line_and_the_rest_are_saved(
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import signal

    parent = os.getpid()
    real_prepare = import_jobs.prepare

    def prepare(item: str, fetcher: object = None) -> import_jobs.Prepared:
        if item.endswith("03.txt") and os.getpid() != parent:  # killed, say by the OOM killer
            os.kill(os.getpid(), signal.SIGKILL)
        return real_prepare(item)

    monkeypatch.setattr(import_jobs, "prepare", prepare)
    monkeypatch.setattr(import_jobs, "_cores", lambda: 2)
    monkeypatch.setattr(import_jobs, "PARALLEL_MIN_BYTES", 0)
    code, err = _run(inputs, tmp_path / "out", capsys)
    assert code == 1
    died = [line for line in err if "03.txt" in line]
    assert len(died) == 1 and died[0].startswith("reader: ")
    assert "the process importing it ended unexpectedly (killed by signal 9, SIGKILL)" in died[0]
    assert not any("Traceback" in line for line in err)
    assert err[-1] == "imported 9 articles, 3 failed"  # 03.txt, the same article, the binary
    assert len(_files(tmp_path / "out")) == 9


def test_batches_flushed_file_by_file_share_threads_started_once(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When much else waits to be written each file is flushed on its own, from threads
    started on the first such batch and kept for the run, never one pool a batch."""
    import concurrent.futures

    from reader.core import fs_flush

    pools: list[object] = []

    class Counted(concurrent.futures.ThreadPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fs_flush, "worth_trying", lambda: False)
    monkeypatch.setattr(concurrent.futures, "ThreadPoolExecutor", Counted)
    monkeypatch.setattr(import_save, "MAX_SAVE_BATCH", 3)  # several batches
    assert main(["import", str(inputs), "-o", str(tmp_path / "out")]) == 1
    assert len(_files(tmp_path / "out")) == 10
    assert len(pools) == 1


@pytest.mark.parametrize("processes", [1, 2])
def test_an_interrupt_stops_the_processes_and_the_save_thread_and_keeps_what_was_saved(
    processes: int, inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_prepared = import_jobs.prepared

    @contextmanager
    def prepared(items: list[str]) -> Iterator[object]:
        with real_prepared(items) as results:

            def interrupted() -> Iterator[object]:
                for n, result in enumerate(results):
                    if n == 5:
                        raise KeyboardInterrupt  # Ctrl-C
                    yield result

            yield interrupted()

    from reader.cli import import_pool

    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        forked.extend([pid] if pid else [])
        return pid

    monkeypatch.setattr(import_jobs, "prepared", prepared)
    monkeypatch.setattr(import_pool.os, "fork", fork)
    monkeypatch.setattr(import_jobs, "_cores", lambda: processes)
    monkeypatch.setattr(import_jobs, "PARALLEL_MIN_BYTES", 0 if processes > 1 else 10**9)
    monkeypatch.setattr(import_save, "MAX_SAVE_BATCH", 2)
    before = set(threading.enumerate())
    assert main(["import", str(inputs), "-o", str(tmp_path / "out")]) == 130
    assert set(threading.enumerate()) == before  # no thread left running
    assert len(forked) == (2 if processes > 1 else 0)
    for pid in forked:  # each process ended and was waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    for path in (tmp_path / "out").iterdir():  # whole articles only, no temporary file
        assert not path.name.startswith(".") and load_article(path).id == path.stem


# 00 01 02 03 04 04b 05 05b (the same article: no file) 06 06b (binary: none) 07 08
ONE_BY_ONE = [1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1]


@pytest.mark.parametrize(("step", "expected"), [(0.0, [1, 9]), (1.0, ONE_BY_ONE)])
def test_articles_made_faster_than_the_save_interval_are_saved_together(
    step: float,
    expected: list[int],
    inputs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each save flushes the file system once: articles that come within
    SAVE_INTERVAL of the last save's start wait for the next one (here the clock
    stands still, or moves a second an article)."""
    from types import SimpleNamespace

    from reader.core import files_many

    clock = [1000.0]

    def monotonic() -> float:
        clock[0] += step
        return clock[0]

    real_write = files_many.atomic_write_many
    batches: list[int] = []

    def write(items, **kwargs):  # type: ignore[no-untyped-def]
        batches.append(len(items))
        return real_write(items, **kwargs)

    def at_once(self: object, call: Callable[[], list[object]]) -> object:
        save = import_save._Save(call)  # type: ignore[arg-type]
        save.value = call()  # type: ignore[assignment]  # a disk that is never busy
        save.finished.set()
        return save

    monkeypatch.setattr(import_save, "time", SimpleNamespace(monotonic=monotonic))
    monkeypatch.setattr(import_save._SaveThread, "start", at_once)
    monkeypatch.setattr(files_many, "atomic_write_many", write)
    monkeypatch.setattr(import_jobs, "PARALLEL_MIN_BYTES", 10**9)  # in order, one by one
    assert main(["import", str(inputs), "-o", str(tmp_path / "out")]) == 1
    assert batches == expected
    assert len(_files(tmp_path / "out")) == 10


def test_the_command_ends_without_a_last_collection_over_the_importer(tmp_path: Path) -> None:
    """What is alive at exit (the importer, its word tables) is frozen before the
    interpreter's last garbage collection, which would walk all of it for nothing."""
    path = tmp_path / "a.txt"
    path.write_text(_article(1), encoding="utf-8")
    code = (
        "import atexit, gc, sys\n"
        # registered first, so it runs last: after the command's own exit callbacks
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from reader.cli.main import main\n"
        f"sys.exit(main(['import', {str(path)!r}, '-o', {str(tmp_path / 'out')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "frozen at exit: True"


@pytest.mark.parametrize("listed", [True, False])
def test_names_already_in_the_folder_are_found_whether_listed_once_or_looked_up(
    listed: bool,
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many inputs: the output folder is listed once instead of a lookup per article;
    what the folder held is found either way (the same article refused, a different one
    under the name taken makes the new one -2, a link and the user's notes kept)."""
    out = tmp_path / "out"
    assert main(["import", str(inputs / "00.txt"), str(inputs / "01.txt"), "-o", str(out)]) == 0
    medan = out / "warga-medan-menanam-4-ribu-pohon.yaml"
    medan.rename(out / "warga-ambon-menanam-7-ribu-pohon.yaml")  # another article, that name
    medan.symlink_to(tmp_path / "nowhere")
    (out / "warga-padang-menanam-6-ribu-pohon.yaml").write_text("the user's notes\n")
    monkeypatch.setattr(import_save, "LIST_FROM", 1 if listed else 10**9)
    code, err = _run(inputs, out, capsys)
    assert code == 1
    assert sum("already exists" in line for line in err) == 3  # 00 again, the link, notes
    assert "OUT/warga-ambon-menanam-7-ribu-pohon-2.yaml" in err[4]  # 04.txt
    assert "OUT/warga-ambon-menanam-7-ribu-pohon-3.yaml" in err[5]  # 04b.txt
    assert (out / "warga-padang-menanam-6-ribu-pohon.yaml").read_text() == "the user's notes\n"
    assert medan.is_symlink()


def test_a_name_taken_after_the_listing_is_refused_never_replaced(
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "warga-bandung-menanam-3-ribu-pohon.yaml").write_text("written meanwhile\n")
    monkeypatch.setattr(import_save, "LIST_FROM", 1)
    monkeypatch.setattr(import_save, "_listed", lambda folder: frozenset())  # listed before
    code, err = _run(inputs, out, capsys)
    assert code == 1
    assert any("warga-bandung-menanam-3-ribu-pohon.yaml: already exists" in line for line in err)
    assert (out / "warga-bandung-menanam-3-ribu-pohon.yaml").read_text() == "written meanwhile\n"
