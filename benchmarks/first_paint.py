"""Time to first paint in a real terminal, as a ratio to a bare Textual app.

Launches each case in tmux at 160x48 (``terminal.py``, as ``../shared/tools/ttfp.py``
does) and stops the clock when the article's title **and** a line of its body text are
on the screen together: a heading alone would also be found in the section list, which
paints before the body. The reference is a bare Textual app (``bare_app.py``: Header,
one Static, Footer) showing the same title and paragraph, measured in the same rounds.

A warm-up round first launches every case as a user's first launch would, and leaves it
until idle (bytecode and the parsed-styles cache written). Every round runs every case
once, in an order rotated round by round, so that load from elsewhere on the machine
falls on all cases alike; a case's ratio is the median over
rounds of (its time / the bare app's time in that round). Then each case is run once
more and left until it is idle (sidebar built, cache written) to read its peak resident
memory (VmHWM, of the whole process).

Cases: the bundled (seed) article; a 0.5 MB article; a 5 MB article opened for the first
time (empty article and styles cache) and opened before (read from the cache). The big articles
are ``huge_article.py``'s, built into a temporary folder with a private cache and state.

    .venv/bin/python benchmarks/first_paint.py [--rounds 7] [--case seed --case half ...]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from huge_article import body_line, huge_article  # noqa: E402
from terminal import Screen, Session, Terminal, load, median, shows  # noqa: E402

from reader.core.format import dump_article, load_article  # noqa: E402
from reader.resources import default_article  # noqa: E402


def reader_command() -> str:
    """The ``reader`` script of the interpreter running this benchmark."""
    script = Path(sys.executable).parent / "reader"
    if not script.exists():
        sys.exit(f"no reader script beside {sys.executable}: run with the project's venv")
    return str(script)


@dataclass
class Case:
    label: str
    command: list[str]
    expect: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    #: run before every launch (outside the clock)
    prepare: Callable[[], None] = lambda: None
    target: float | None = None
    times: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    rss: float | None = None


@dataclass
class Bench:
    """The articles and private folders every reader case uses."""

    folder: Path
    seed: Path
    half: Path
    huge: Path
    title: str
    huge_title: str
    line: str

    @property
    def env(self) -> dict[str, str]:
        return {
            "READER_STATE_DIR": str(self.folder / "state"),
            "READER_CACHE_DIR": str(self.folder / "cache"),
        }


def make_bench(folder: Path, huge_mb: float = 5.0) -> Bench:
    """Write the seed's 0.5 MB and 5 MB versions to ``folder``."""
    seed_path = default_article()
    seed = load_article(seed_path)
    half = folder / "half.yaml"
    huge = folder / "huge.yaml"
    half.write_text(dump_article(huge_article(seed, 0.5)), encoding="utf-8")
    huge_doc = huge_article(seed, huge_mb)
    huge.write_text(dump_article(huge_doc), encoding="utf-8")
    return Bench(folder, seed_path, half, huge, seed.title, huge_doc.title, body_line(seed))


def fill_cache(bench: Bench) -> None:
    """Put the huge article in the private cache, as the app does after opening it."""
    from reader.core.format.cache import load_article_cached

    cache = Path(bench.env["READER_CACHE_DIR"])
    if any(cache.glob("*.json")):
        return
    store = load_article_cached(bench.huge, folder=cache)[1]
    if store is not None:
        store()


def cases(bench: Bench) -> list[Case]:
    reader = reader_command()
    env = bench.env
    first_env = {**env, "READER_CACHE_DIR": str(bench.folder / "cache-first")}

    def empty_cache() -> None:
        shutil.rmtree(first_env["READER_CACHE_DIR"], ignore_errors=True)

    title, line = bench.title, bench.line
    return [
        Case(
            "bare Textual app",
            [sys.executable, str(HERE / "bare_app.py"), title, bench_lead(bench)],
            (title, line),
        ),
        Case("seed article", [reader, str(bench.seed)], (title, line), env, target=1.15),
        Case("0.5 MB article", [reader, str(bench.half)], (title, line), env, target=1.25),
        Case(
            "5 MB article, first time",
            [reader, str(bench.huge)],
            (bench.huge_title, line),
            first_env,
            empty_cache,
            target=2.5,
        ),
        Case(
            "5 MB article, opened before",
            [reader, str(bench.huge)],
            (bench.huge_title, line),
            env,
            lambda: fill_cache(bench),
            target=1.3,
        ),
    ]


#: Seconds without CPU use after which a warm-up launch counts as idle (longer than the
#: app's wait before it writes its parsed styles, reader.ui.app.CSS_SAVE_DELAY).
WARM_QUIET = 1.5

#: ``--case`` names of the reader cases, in the order ``cases`` lists them.
CASE_NAMES = ("seed", "half", "huge-first", "huge-again")


def bench_lead(bench: Bench) -> str:
    seed = load_article(bench.seed)
    return seed.lead or seed.sections[0].paragraphs[0]


def first_paint(terminal: Terminal, case: Case, timeout: float = 30.0) -> tuple[float, Session]:
    """Launch the case; milliseconds until its text is on screen, and the session."""
    case.prepare()
    session = terminal.start(case.command, case.env)
    try:
        elapsed, _ = session.wait_for(shows(*case.expect), session.started, timeout)
    except TimeoutError as error:
        session.kill()
        sys.exit(f"{case.label}: never showed {case.expect}; last screen:\n{error}")
    return elapsed, session


def stop(session: Session) -> None:
    """Kill the session and wait for its processes to be gone (they would load the next run)."""
    pids = session.pids()
    session.kill()
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.01)


def machine() -> str:
    return (
        f"{platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable}), {platform.machine()}, {os.cpu_count()} cores"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--mb", type=float, default=5.0, help="size of the big article")
    parser.add_argument("--no-rss", action="store_true", help="skip the peak memory runs")
    parser.add_argument(
        "--case",
        action="append",
        choices=CASE_NAMES,
        help="run only this case against the bare app (repeat for several; default: all)",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="reader-first-paint-"))
    try:
        bench = make_bench(folder, args.mb)
        all_cases = cases(bench)
        if args.case:
            all_cases = [all_cases[0]] + [
                case
                for name, case in zip(CASE_NAMES, all_cases[1:], strict=True)
                if name in args.case
            ]
        load_before = load()
        with Terminal() as terminal:
            for case in all_cases:
                # warm-up, as a user's first launch: files in the page cache, bytecode
                # compiled, and the app left until idle, having written what it keeps
                # for the next start (the parsed styles, a second after its first paint)
                _, session = first_paint(terminal, case)
                session.wait_idle(quiet=WARM_QUIET)
                stop(session)
            for round_ in range(args.rounds):
                shift = round_ % len(all_cases)
                measured: dict[str, float] = {}
                for case in all_cases[shift:] + all_cases[:shift]:
                    elapsed, session = first_paint(terminal, case)
                    stop(session)
                    measured[case.label] = elapsed
                reference = measured[all_cases[0].label]
                for case in all_cases:
                    case.times.append(measured[case.label])
                    case.ratios.append(measured[case.label] / reference)
            if not args.no_rss:
                for case in all_cases:
                    _, session = first_paint(terminal, case)
                    session.wait_idle(quiet=1.0)
                    case.rss = session.peak_rss_mib()
                    stop(session)
        print_table(all_cases, args.rounds, load_before, load())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def print_table(all_cases: list[Case], rounds: int, before: str, after: str) -> None:
    print(f"first paint in tmux 160x48, title and a body line on screen, {rounds} rounds rotated")
    print(f"machine: {machine()}")
    print(f"load: {before} at start, {after} at end")
    print()
    print("| case | median ms | min–max ms | ratio to bare (median) | target | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for case in all_cases:
        ratio = median(case.ratios)
        target = "reference"
        if case.target is not None:
            target = f"≤ {case.target:.2f}× {'met' if ratio <= case.target else 'NOT met'}"
        rss = "" if case.rss is None else f"{case.rss:.0f}"
        if case.rss is not None and case.label.startswith("5 MB"):
            rss += f" (≤ 110 {'met' if case.rss <= 110 else 'NOT met'})"
        print(
            f"| {case.label} | {median(case.times):.0f} | "
            f"{min(case.times):.0f}–{max(case.times):.0f} | {ratio:.2f}× | {target} | {rss} |"
        )


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Bench", "Screen", "body_line", "cases", "fill_cache", "first_paint", "make_bench"]
