"""How fast a huge article opens, compared with the seed article.

Builds a synthetic article of about ``--mb`` megabytes (many sections, paragraphs and
quotes, realistic text taken from the seed article), then reports:

* the time to load and validate it (``load_article``), best of a few runs, and to read
  it back from the article cache (``reader.core.format.cache``), as the app does on reopening;
* with ``--ttfp``, the time from launching ``reader`` to the first paint of its text in a
  real terminal (tmux, via ``shared/tools/ttfp.py``), for the seed and the huge article,
  opened for the first time (empty cache) and again (cached). The cache is a private
  temporary folder, never the user's.

Target: the huge article paints as fast as the seed (within ~100 ms of it) when it is
reopened; the first open is bounded by the YAML parse (see the load lines).

    .venv/bin/python benchmarks/huge_article.py --mb 5 --ttfp
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from reader.core.format import dump_article, load_article
from reader.core.format.cache import MIN_BYTES, load_article_cached
from reader.core.format.safe_yaml import parse_yaml
from reader.core.model import Article, Quote, Section
from reader.resources import default_article

ROOT = Path(__file__).resolve().parent.parent
TTFP = ROOT.parent / "shared" / "tools" / "ttfp.py"


def huge_article(seed: Article, megabytes: float) -> Article:
    """The seed's sections and quotes repeated until the text is about ``megabytes`` MB."""
    target = int(megabytes * 1_000_000)
    sections: list[Section] = []
    quotes: list[Quote] = []
    size = 0
    copy = 0
    while size < target:
        for section in seed.sections:
            new_id = f"{section.id}-{copy}"
            heading = f"{section.heading or 'Bagian'} {copy + 1}"
            sections.append(Section(new_id, heading, section.paragraphs))
            size += sum(len(p.encode()) for p in section.paragraphs)
            for quote in seed.quotes:
                if quote.section == section.id:
                    quotes.append(
                        dataclasses.replace(quote, id=f"q{len(quotes) + 1}", section=new_id)
                    )
        copy += 1
    return dataclasses.replace(
        seed,
        id="huge",
        title=f"{seed.title} (huge)",
        sections=tuple(sections),
        quotes=tuple(quotes),
    )


def body_line(article: Article) -> str:
    """The first words of the article's first paragraph: text only the body shows."""
    first = article.lead or article.sections[0].paragraphs[0]
    return " ".join(first.split()[:6])


def best_of(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--ttfp", action="store_true", help="also time first paint in tmux")
    args = parser.parse_args()

    seed_path = default_article()
    seed = load_article(seed_path)
    folder = Path(tempfile.mkdtemp(prefix="reader-huge-"))
    huge_path = folder / "huge.yaml"
    huge_path.write_text(dump_article(huge_article(seed, args.mb)), encoding="utf-8")
    size_mb = huge_path.stat().st_size / 1e6
    huge = load_article(huge_path)
    print(
        f"huge article: {size_mb:.1f} MB, {len(huge.sections)} sections, {len(huge.quotes)} quotes"
    )
    print(f"load seed: {best_of(5, lambda: load_article(seed_path)) * 1000:.1f} ms")
    print(f"load huge: {best_of(3, lambda: load_article(huge_path)) * 1000:.1f} ms")
    text = huge_path.read_text(encoding="utf-8")
    floor = best_of(3, lambda: sum(1 for _ in yaml.parse(text, Loader=yaml.CSafeLoader)))
    print(f"  of which the floor, yaml.parse alone (events only): {floor * 1000:.1f} ms")
    tree = best_of(3, lambda: parse_yaml(text, str(huge_path)))
    print(f"  of which parse_yaml (events -> checked tree): {tree * 1000:.1f} ms")
    cache_folder = folder / "cache"
    write = load_article_cached(huge_path, folder=cache_folder)[1]
    cached = write is not None
    if write is not None:
        write()
        hit = best_of(3, lambda: load_article_cached(huge_path, folder=cache_folder))
        print(f"load huge from the article cache (reopening): {hit * 1000:.1f} ms")
    else:  # the cache keeps only files of at least MIN_BYTES: this one always loads in full
        print(f"not cached: under {MIN_BYTES / 1e6:g} MB, reopening loads it in full again")

    if args.ttfp:
        reader = shutil.which("reader") or str(Path(sys.executable).parent / "reader")
        # The app's cache is a private folder, holding the huge article (written above:
        # ttfp stops the app at its first paint, before the app writes an entry itself).
        # "first open" empties it before every run.
        os.environ["READER_CACHE_DIR"] = str(cache_folder)
        # and a private state, so no saved reading position moves the first screen
        os.environ["READER_STATE_DIR"] = str(folder / "state")
        first = f"rm -rf {shlex.quote(str(cache_folder))}; exec {shlex.quote(reader)} "
        runs = [("seed", [reader, str(seed_path)], seed.title)]
        if cached:
            runs.append(("huge (reopened)", [reader, str(huge_path)], huge.title))
        first_command = ["sh", "-c", first + shlex.quote(str(huge_path))]
        runs.append(("huge (first open)", first_command, huge.title))
        for label, command, title in runs:
            # the title and a line of body text: a heading would also be found in the
            # section list, which paints before the body
            expect = ["--expect", title, "--expect", body_line(seed)]
            ttfp = [sys.executable, str(TTFP), "--runs", "5", *expect, "--"]
            done = subprocess.run(
                [*ttfp, *command],
                capture_output=True,
                text=True,
            )
            print(f"first paint {label}: {(done.stdout or done.stderr).strip()}")
    shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
