"""The library at scale: index build and refresh, index size, quote search as one types,
and first paint with a warm index against a bare Textual app.

``python benchmarks/library.py [--count 10000] [--work DIR] [--skip-paint] [--paint-only]
[--reuse-index] [--runs 5]``

A folder of ``--count`` synthetic articles (benchmarks/library_gen.py: generated text,
never corpus text) is made once in ``--work`` and reused. Measured, each in this run:

* first build of the index (empty cache folder), its size on disk, a refresh with
  nothing changed, and a refresh after 10 files changed and 10 deleted (restored after);
* quote search as a person types, keystroke by keystroke: the library screen's own
  ``search_quotes`` (the index query, the core rule, the results list updated) plus
  drawing the visible result lines, in a headless app: that is the work between a key
  and the repaint. Queries: a speaker and a word (``speaker:NAME word``), a very common
  word ("yang", in every generated quote) and a two-word query. Target at 10,000
  articles: median ≤ 20 ms, worst ≤ 50 ms;
* first paint with a warm index in a real terminal (tmux, as ../shared/tools/ttfp.py
  does), waiting for the first row of the article table, as a ratio to a bare Textual
  app (``bare_app.py``, the reference of ``first_paint.py``: Header, one Static, Footer,
  showing the same title) measured in alternating rounds of the same run. Target ≤ 1.3×.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from library_gen import generate  # noqa: E402
from terminal import UNSET  # noqa: E402

from reader.core.index import LibraryIndex  # noqa: E402

TTFP = ROOT.parent.parent / "shared" / "tools" / "ttfp.py"
if not TTFP.exists():
    TTFP = Path("/work/shared/tools/ttfp.py")


def folder_for(work: Path, count: int) -> Path:
    folder = work / f"articles-{count}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        generate(folder, count)
        marker.write_text("ok")
        print(f"generated {count:,} articles in {time.perf_counter() - started:.0f} s")
    return folder


def index_size(index: LibraryIndex) -> int:
    return sum(
        os.path.getsize(f"{index.path}{suffix}")
        for suffix in ("", "-wal")
        if os.path.exists(f"{index.path}{suffix}")
    )


def build_and_refresh(folder: Path, cache: Path, *, reuse: bool = False) -> dict[str, float]:
    """Build the index from nothing (unless ``reuse``: keep the one in ``cache``, brought
    up to date first and not timed: at 100,000 a build takes many minutes) and refresh it."""
    os.environ["READER_CACHE_DIR"] = str(cache)
    if not reuse:
        shutil.rmtree(cache, ignore_errors=True)
    figures: dict[str, float] = {}
    index = LibraryIndex(folder)
    started = time.perf_counter()
    result = index.refresh()
    if not reuse:
        figures["first build (s)"] = time.perf_counter() - started
        assert result.read == len(list(folder.glob("*.yaml"))), result
    conn = index._conn()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    figures["index size (MB)"] = index_size(index) / 1e6
    started = time.perf_counter()
    same = index.refresh()
    figures["refresh, nothing changed (s)"] = time.perf_counter() - started
    assert same.read == 0, same
    files = sorted(folder.glob("*.yaml"))
    aside = Path(tempfile.mkdtemp())
    changed = files[:10]
    deleted = files[10:20]
    for path in changed + deleted:
        shutil.copy2(path, aside / path.name)
    try:
        for path in changed:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("title: ", "title: Changed ", 1), encoding="utf-8")
        for path in deleted:
            path.unlink()
        started = time.perf_counter()
        after = index.refresh()
        figures["refresh, 10 changed + 10 deleted (s)"] = time.perf_counter() - started
        assert (after.read, after.removed) == (10, 10), after
    finally:
        for saved in aside.iterdir():
            shutil.copy2(saved, folder / saved.name)
        shutil.rmtree(aside)
    index.refresh()  # back to the folder as generated (warm for what follows)
    index.close()
    return figures


def typing_queries(index: LibraryIndex) -> list[str]:
    """What a person types: a speaker and a word, a very common word, two words."""
    person = index.persons()[0]
    surname = person.name.split()[-1].lower()
    word = index.person_quotes(person.row)[0].text.split()[-1].lower()[:5]
    return [f"speaker:{surname} {word}", "yang", "yang ka", "the ra"]


async def search_latencies(folder: Path, rounds: int) -> tuple[list[float], list[str]]:
    from reader.core.state import StateStore
    from reader.ui.factory import make_app
    from reader.ui.widgets.library_lists import QuoteList

    app = make_app(folder, state=StateStore(Path(tempfile.mkdtemp())))
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        await pilot.press("slash")
        await pilot.pause()
        results = screen.query_one("#quote-results", QuoteList)
        queries = typing_queries(screen.index)  # type: ignore[attr-defined]
        for round_ in range(rounds):
            for query in queries:
                for end in range(1, len(query) + 1):
                    started = time.perf_counter()
                    screen.search_quotes(query[:end])  # type: ignore[attr-defined]
                    for y in range(results.size.height):
                        results.render_line(y)
                    elapsed = time.perf_counter() - started
                    if round_:  # the first round warms the caches, as a session would
                        times.append(elapsed)
    return times, queries


def ttfp(command: list[str], expect: list[str], runs: int) -> float:
    args = [sys.executable, str(TTFP), "--runs", str(runs), "--cols", "120", "--rows", "40"]
    for text in expect:
        args += ["--expect", text]
    # as terminal.py does: without PYTHONDONTWRITEBYTECODE, which tmux would pass on and
    # which makes every launch of an editable install compile reader from source
    env = {key: value for key, value in os.environ.items() if key not in UNSET}
    out = subprocess.run(
        [*args, "--", *command], capture_output=True, text=True, check=True, env=env
    )
    line = next(line for line in out.stdout.splitlines() if line.startswith("ttfp_ms"))
    return float(line.split("median=")[1].split()[0])


def first_paint(folder: Path, runs: int, rounds: int = 3) -> tuple[float, float]:
    """Median time to the first row of the table, and to a bare app's text (ms).

    The two are measured in alternating rounds, so that a change in the machine's load
    during the run weighs on both alike; each figure is the median of its rounds'
    medians.
    """
    index = LibraryIndex(folder)
    index.refresh()
    rows = [r for r in index.articles() if r.error is None]
    index.close()
    newest = sorted(rows, key=lambda r: (r.date or "", r.path), reverse=True)[0]
    reader = [str(ROOT / ".venv" / "bin" / "reader"), str(folder)]
    # the project's reference, as first_paint.py uses it: Header, one Static, Footer
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py"), "Library", newest.title]
    env_cache = os.environ["READER_CACHE_DIR"]
    prefix = ["env", f"READER_CACHE_DIR={env_cache}", f"READER_STATE_DIR={tempfile.mkdtemp()}"]
    library_ms: list[float] = []
    bare_ms: list[float] = []
    for _ in range(rounds):
        library_ms.append(ttfp(prefix + reader, [newest.title[:30], "Speakers"], runs))
        bare_ms.append(ttfp(bare, [newest.title[:30]], runs))
    return statistics.median(library_ms), statistics.median(bare_ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--skip-paint", action="store_true")
    parser.add_argument("--paint-only", action="store_true", help="only the first paint")
    parser.add_argument(
        "--reuse-index", action="store_true", help="keep the index built before (no build time)"
    )
    args = parser.parse_args()
    folder = folder_for(args.work, args.count)
    cache = args.work / f"cache-{args.count}"
    print(f"library of {args.count:,} articles in {folder}")
    if args.paint_only:
        os.environ["READER_CACHE_DIR"] = str(cache)
        report_paint(folder, args.runs, args.rounds)
        return
    for name, value in build_and_refresh(folder, cache, reuse=args.reuse_index).items():
        print(f"  {name:<40} {value:8.2f}")
    times, queries = asyncio.run(search_latencies(folder, args.rounds))
    ms = sorted(t * 1000 for t in times)
    print(f"  quote search as one types ({len(ms)} keystrokes; {', '.join(map(repr, queries))})")
    print(
        f"    median {statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms,"
        f" worst {ms[-1]:.1f} ms (target at 10,000: median <= 20, worst <= 50)"
    )
    if not args.skip_paint:
        report_paint(folder, args.runs, args.rounds)


def report_paint(folder: Path, runs: int, rounds: int) -> None:
    library_ms, bare_ms = first_paint(folder, runs, rounds)
    load = os.getloadavg()[0]
    print(
        f"  first paint, warm index: {library_ms:.0f} ms; bare Textual app {bare_ms:.0f} ms;"
        f" ratio {library_ms / bare_ms:.2f} (target <= 1.3); load average {load:.1f}"
    )


if __name__ == "__main__":
    main()
