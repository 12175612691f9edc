"""Importer throughput: MB of raw text imported per second, alone and end to end.

Run ``.venv/bin/python benchmarks/throughput.py [--rounds N]``. Imports every article of
the test corpus and of ``../shared/corpora/pfsa-id-dev`` (read in place) in three rounds
and reports the best; then end to end, what ``reader import`` does with their files
(read, import, write the YAML, save atomically a batch at a time; issue #16): after
start-up in one process and in the processes it uses, and the whole command in a new
interpreter; then one long article built from them, to show the importer stays linear
in the length of its input. The target is at least 5 MB/s.

The importer's rounds are timed in CPU time of this process: on a shared machine,
wall-clock rounds swing by a third with other load, which hides the effect of a change.
The end-to-end lines give both wall-clock (what a person waits for: processes gain only
where a core is free) and CPU time of every process, and the load average.

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
import subprocess
import sys
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
    """Best wall-clock and CPU seconds of the whole command, interpreter start-up and
    cold word tables included: what a person running ``reader import`` waits for."""
    best_wall = best_cpu = float("inf")
    with tempfile.TemporaryDirectory(prefix="reader-throughput-") as folder:
        for n in range(rounds):
            out = Path(folder) / str(n)
            argv = [sys.executable, "-c", _COMMAND, "one" if one_process else "any", "import"]
            argv += [*map(str, paths), "-o", str(out)]
            wall, cpu = time.perf_counter(), _cpu()
            subprocess.run(argv, check=True, stderr=subprocess.DEVNULL, cwd=ROOT, env=_ENV)
            best_wall = min(best_wall, time.perf_counter() - wall)
            best_cpu = min(best_cpu, _cpu() - cpu)
    return best_wall, best_cpu


def _clean_rate(texts: list[str]) -> float:
    size = sum(len(t.encode("utf-8")) for t in texts)
    started = time.process_time()
    for text in texts:
        clean_text(text)
    return size / 1e6 / (time.process_time() - started)


def _processes(paths: list[Path]) -> int:
    from reader.cli.import_jobs import processes_for

    return processes_for([str(p) for p in paths])


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
    # The first round starts with empty per-language word tables (what one `reader
    # import` of one article sees); later rounds find every word already worked out.
    print(f"interpreter: {sys.executable} (Python {platform.python_version()})")
    print(f"tokenizer: {'C (_speedups)' if uses_speedups() else 'pure Python'}")
    mb, cold = _rate(texts, rounds=1)
    print(f"{len(texts)} articles, first round (cold word tables): {mb / cold:.2f} MB/s")
    mb, seconds = _rate(texts, rounds=3)
    rate = mb / seconds
    print(f"{len(texts)} articles, best of 3: {mb:.1f} MB in {seconds:.2f} s = {rate:.2f} MB/s")
    mb_nv, seconds_nv = _rate(texts, rounds=3, verify=False)
    print(f"  without the validity check (validate_article): {mb_nv / seconds_nv:.2f} MB/s")
    print(f"  reader.core.text.clean_text alone: {_clean_rate(texts):.1f} MB/s")
    paths = _paths()
    processes = _processes(paths)
    print(
        "end to end, as `reader import` does it (read, import, YAML, atomic save), "
        f"best of {rounds}:"
    )
    rate_e2e = 0.0
    for label, run, one in (
        ("run_import, one process", _end_to_end_rate, True),
        (f"run_import, {processes} process(es)", _end_to_end_rate, False),
        ("the whole command, one process", _command_rate, True),
        (f"the whole command, {processes} process(es)", _command_rate, False),
    ):
        wall, cpu = run(paths, rounds, one_process=one)
        print(
            f"  {label}: {mb / wall:.2f} MB/s wall ({wall:.2f} s), "
            f"{mb / cpu:.2f} MB/s of CPU ({cpu:.2f} s, all processes)"
        )
        if label.startswith("the whole command") and not one:
            rate_e2e = mb / wall
    verdict_e2e = "ok" if rate_e2e >= TARGET_MB_S else "BELOW TARGET"
    print(
        f"  the whole command as run: {rate_e2e:.2f} MB/s (target {TARGET_MB_S:.0f}: {verdict_e2e})"
    )
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    # One long article: the body of every text, one after another.
    body = "\n\n".join(t.split("\n", 1)[1] if "\n" in t else t for t in texts)
    long_text = "A Very Long Article\n\n" + body
    mb_long, seconds_long = _rate([long_text], rounds=1)
    rate_long = mb_long / seconds_long
    print(f"one article of {mb_long:.1f} MB: {seconds_long:.2f} s = {rate_long:.2f} MB/s")
    verdict = "ok" if rate >= TARGET_MB_S else "BELOW TARGET"
    print(f"target {TARGET_MB_S:.0f} MB/s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
