"""Import throughput: MB of raw text per second, the whole ``reader import`` command first.

Run ``.venv/bin/python benchmarks/throughput.py [--rounds N]``. The headline is what a
person waits for (issue #16): ``reader import FILES -o DIR`` in a new interpreter on the
benchmark set (the test corpus and ``../shared/corpora/pfsa-id-dev``, read in place),
as wall-clock and as CPU time of all its processes: the first run with no kept word
tables (a private, empty cache folder), then the best and median of the later rounds,
which start with the tables the first one kept (:mod:`reader.importer.word_cache`); the
files every round wrote are compared (they must be identical). The load average is
printed before and after: on a machine whose cores are busy with other work the
wall-clock figures say little (compare CPU time, or before/after in the same minutes).
The target is at least 5 MB/s, wall-clock, for the whole command.

Then the parts: the importer alone in this process (best of 3 rounds, CPU time: on a
shared machine wall-clock rounds swing by a third with other load; the first round,
with empty word tables, too), ``run_import`` after start-up in one process and in the
processes it uses, the whole command forced into one process, and one long article,
to show the importer stays linear in the length of its input.

The rate depends on how the interpreter was built: CPython built without profile-guided
and link-time optimisation (pyenv's default build, as on the development machine) runs
the importer's Python about 14% slower than the same version built with them (Debian's,
python.org's). It also depends on the tokenizer: the C one (``_speedups.c``), built by
``pip install`` where a compiler is found, or the pure-Python fallback (not built, or
``READER_NO_SPEEDUPS=1``), about a third slower in all. The first lines name both, so
numbers are compared like for like.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: ``shared/corpora`` beside the checkout (``/work/main``) or a worktree (``/work/wt/NAME``).
CORPORA = next(
    (p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()),
    ROOT.parent / "shared" / "corpora",
)

from reader.core.errors import ReaderError  # noqa: E402
from reader.core.text import clean_text  # noqa: E402
from reader.importer import import_with_groups  # noqa: E402
from reader.importer.attribution.tokens import uses_speedups  # noqa: E402

SOURCES = [
    ROOT / "tests" / "importer" / "corpus",
    CORPORA / "pfsa-id-dev",
]
TARGET_MB_S = 5.0


def _texts() -> list[str]:
    texts: list[str] = []
    for folder in SOURCES:
        if folder.is_dir():
            texts.extend(p.read_text(encoding="utf-8-sig") for p in sorted(folder.glob("*.txt")))
    return texts


def _rate(texts: list[str], rounds: int, *, verify: bool = True) -> tuple[float, float]:
    """MB per round and the CPU seconds of the fastest of ``rounds`` rounds."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for text in texts:
            with contextlib.suppress(ReaderError):
                import_with_groups(text, verify=verify)
        best = min(best, time.process_time() - started)
    return size / 1e6, best


def _paths() -> list[Path]:
    return [p for folder in SOURCES if folder.is_dir() for p in sorted(folder.glob("*.txt"))]


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _end_to_end_rate(paths: list[Path], rounds: int, *, one_process: bool) -> tuple[float, float]:
    """Best wall-clock and CPU seconds (this process and its workers) of ``rounds``
    rounds of what ``reader import FILES -o DIR`` does after start-up (run_import:
    read, import, write the YAML, save the files atomically a batch at a time; in
    parallel processes where it would, unless ``one_process``), each into a new folder."""
    from reader.cli import import_jobs
    from reader.cli.import_ import run_import

    chosen = import_jobs.processes_for
    if one_process:
        import_jobs.processes_for = lambda items: 1  # type: ignore[assignment]
    best_wall = best_cpu = float("inf")
    try:
        with tempfile.TemporaryDirectory(prefix="reader-throughput-") as folder:
            for n in range(rounds):
                out = Path(folder) / str(n)
                wall, cpu = time.perf_counter(), _cpu()
                with contextlib.redirect_stderr(io.StringIO()):
                    run_import([str(p) for p in paths], output=out, force=False, to_stdout=False)
                best_wall = min(best_wall, time.perf_counter() - wall)
                best_cpu = min(best_cpu, _cpu() - cpu)
    finally:
        import_jobs.processes_for = chosen
    return best_wall, best_cpu


#: ``reader import`` in a new interpreter, with the importer's processes or in one.
_COMMAND = """
import sys
from reader.cli import import_jobs
from reader.cli.main import main
if sys.argv[1] == "one":
    import_jobs.processes_for = lambda items: 1
sys.exit(main(sys.argv[2:]))
"""


#: The command's environment: bytecode cached as an installed reader has it (a shell
#: may set PYTHONDONTWRITEBYTECODE, and every start would compile reader from source).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _command_rate(paths: list[Path], rounds: int, *, one_process: bool) -> tuple[float, float]:
    """Best wall-clock and CPU seconds of the whole command forced into one process or
    not (kept word tables warm: see :func:`_whole_command`)."""
    with tempfile.TemporaryDirectory(prefix="reader-throughput-") as folder:
        runs = _command_runs(paths, rounds + 1, Path(folder), one_process=one_process)[1:]
    return min(w for w, _ in runs), min(c for _, c in runs)


def _command_runs(
    paths: list[Path], rounds: int, folder: Path, *, one_process: bool = False
) -> list[tuple[float, float]]:
    """Wall-clock and CPU seconds (all processes) of ``rounds`` runs of the whole command
    in a new interpreter, each writing to ``folder/N``, all with the private cache
    folder ``folder/cache`` (empty before the first)."""
    env = dict(_ENV, READER_CACHE_DIR=str(folder / "cache"))
    runs: list[tuple[float, float]] = []
    for n in range(rounds):
        out = folder / str(n)
        argv = [sys.executable, "-c", _COMMAND, "one" if one_process else "any", "import"]
        argv += [*map(str, paths), "-o", str(out)]
        wall, cpu = time.perf_counter(), _cpu()
        subprocess.run(argv, check=True, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        runs.append((time.perf_counter() - wall, _cpu() - cpu))
    return runs


def _same_files(folders: list[Path]) -> bool:
    """Did every run write the same files, byte for byte?"""

    def files(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in folder.iterdir()}

    first = files(folders[0])
    return bool(first) and all(files(f) == first for f in folders[1:])


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _whole_command(paths: list[Path], rounds: int, mb: float) -> tuple[float, bool]:
    """Print the headline: the whole command as a person runs it; its best wall-clock
    rate with kept word tables, and whether every run wrote the same files."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"THE WHOLE COMMAND: reader import of {len(paths)} files ({mb:.2f} MB) -o DIR, "
        f"new interpreter, {_processes(paths)} process(es) on {cores} core(s)"
    )
    print(f"  load average before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="reader-throughput-") as name:
        folder = Path(name)
        runs = _command_runs(paths, rounds + 1, folder)
        same = _same_files([folder / str(n) for n in range(rounds + 1)])
    (wall0, cpu0), warm = runs[0], runs[1:]
    walls, cpus = [w for w, _ in warm], [c for _, c in warm]
    print(
        f"  first run, no kept word tables: {mb / wall0:.2f} MB/s wall ({wall0:.2f} s), "
        f"CPU {cpu0:.2f} s"
    )
    best = mb / min(walls)
    print(
        f"  kept word tables, best of {rounds}: {best:.2f} MB/s wall ({min(walls):.2f} s; "
        f"median {statistics.median(walls):.2f} s), CPU {min(cpus):.2f} s all processes "
        f"(median {statistics.median(cpus):.2f} s) = {mb / min(cpus):.2f} MB per CPU-second"
    )
    print(f"  the same files in every run: {'yes' if same else 'NO'}")
    print(f"  load average after: {_load()} (wall-clock means little once it nears {cores})")
    verdict = "ok" if best >= TARGET_MB_S else "BELOW TARGET"
    print(f"  target {TARGET_MB_S:.0f} MB/s wall: {verdict}")
    return best, same


def _clean_rate(texts: list[str]) -> float:
    size = sum(len(t.encode("utf-8")) for t in texts)
    started = time.process_time()
    for text in texts:
        clean_text(text)
    return size / 1e6 / (time.process_time() - started)


def _processes(paths: list[Path]) -> int:
    from reader.cli.import_jobs import processes_for

    return processes_for([str(p) for p in paths])


def _interpreter() -> str:
    optimised = "--enable-optimizations" in (sysconfig.get_config_var("CONFIG_ARGS") or "")
    build = "built with PGO" if optimised else "built without PGO/LTO"
    return f"{sys.executable} (Python {platform.python_version()}, {build})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of each end-to-end measure, the best reported (more on a busy machine)",
    )
    rounds = parser.parse_args(argv).rounds
    texts = _texts()
    if not texts:
        print("no texts found")
        return 1
    # run_import here keeps word tables too: in a folder of the benchmark's, not the user's
    with tempfile.TemporaryDirectory(prefix="reader-throughput-cache-") as cache:
        os.environ["READER_CACHE_DIR"] = cache
        return _measure(texts, rounds)


def _measure(texts: list[str], rounds: int) -> int:
    print(f"interpreter: {_interpreter()}")
    print(f"tokenizer: {'C (_speedups)' if uses_speedups() else 'pure Python'}")
    paths = _paths()
    mb_files = sum(p.stat().st_size for p in paths) / 1e6
    rate_e2e, same = _whole_command(paths, rounds, mb_files)
    print("the parts:")
    # The first round starts with empty per-language word tables (what one `reader
    # import` of one article sees); later rounds find every word already worked out.
    mb, cold = _rate(texts, rounds=1)
    print(f"  importer alone, first round (cold word tables): {mb / cold:.2f} MB/s CPU")
    mb, seconds = _rate(texts, rounds=3)
    rate = mb / seconds
    print(f"  importer alone, best of 3: {mb:.1f} MB in {seconds:.2f} s = {rate:.2f} MB/s CPU")
    mb_nv, seconds_nv = _rate(texts, rounds=3, verify=False)
    print(f"    without the validity check (validate_article): {mb_nv / seconds_nv:.2f} MB/s")
    print(f"    reader.core.text.clean_text alone: {_clean_rate(texts):.1f} MB/s")
    processes = _processes(paths)
    for label, run, one in (
        ("run_import after start-up, one process", _end_to_end_rate, True),
        (f"run_import after start-up, {processes} process(es)", _end_to_end_rate, False),
        ("the whole command forced into one process", _command_rate, True),
    ):
        wall, cpu = run(paths, rounds, one_process=one)
        print(
            f"  {label}: {mb / wall:.2f} MB/s wall ({wall:.2f} s), "
            f"{mb / cpu:.2f} MB/s of CPU ({cpu:.2f} s, all processes)"
        )
    # One long article: the body of every text, one after another.
    body = "\n\n".join(t.split("\n", 1)[1] if "\n" in t else t for t in texts)
    long_text = "A Very Long Article\n\n" + body
    mb_long, seconds_long = _rate([long_text], rounds=1)
    rate_long = mb_long / seconds_long
    print(f"  one article of {mb_long:.1f} MB: {seconds_long:.2f} s = {rate_long:.2f} MB/s CPU")
    print(f"load average at the end: {_load()}")
    print(
        f"target {TARGET_MB_S:.0f} MB/s: whole command {rate_e2e:.2f} MB/s wall "
        f"({'ok' if rate_e2e >= TARGET_MB_S else 'BELOW TARGET'}), importer alone "
        f"{rate:.2f} MB/s CPU ({'ok' if rate >= TARGET_MB_S else 'BELOW TARGET'})"
    )
    if not same:  # kept word tables changed what the importer makes: a bug, not a speed
        print("the runs wrote different files (cold and with kept word tables)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
