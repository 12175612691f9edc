"""How long a key takes to change the screen, in a real terminal (tmux, 160x48).

For each article (the seed, and the 5 MB one of ``huge_article.py`` with its 11,000
quotes, opened before so read from the article cache), and each key below, the app is
launched and the key is sent

* **early**: at the moment the body first shows (title and a body line on screen), while
  the app is still building what is not on the first screen; keys that need a few
  keys before them (opening the search…) get those at that moment, and the measured
  key as soon as their effect shows;
* **idle**: once the app has used no CPU for a while.

The clock runs from just before ``tmux send-keys`` to the first capture of the screen
that shows the key's effect (the floor is what ``less`` takes to page, measured in the
same rounds). A key whose effect never shows within the timeout is reported as lost
(``--lost FILE`` writes the screens before and after, to tell a key the app dropped from
one this benchmark failed to see).

The reference: a bare Textual app (``bare_keys.py``: the text in a scroll view and a
one-line search field in a pane) gets the same three kinds of key in the same rounds, a
page down (``n``), opening the search field (``/``) and a keystroke in it, early and
idle; each reader key's median is also given as a ratio to the bare app's (``/``'s to
its ``/``, the search keystroke's to its keystroke, the others' to its page down). Load
from elsewhere inflates both alike.

Keys:

* opening the quote search: ``/`` (the footer shows the field's keys); and opening
  find: ``f`` (the find bar shows). Both are first keys of the ones below, not in the
  issue's list, measured because a key "at any moment" includes them: early on a big
  article they wait for the whole article and the sidebar's mount;
* next section: ``n`` from the top (the top line of the body changes);
* last section: ``G``, to the end of the article (which a huge article must lay out);
* quote search keystroke: ``/`` and ``k`` first, then ``e``, until the field shows "ke";
* next find match: ``f``, a word and Enter first, then F3, until the count moves on;
* choosing a quote: ``/`` and a word of the article's last quote first, then Enter,
  which takes the body to the first hit (far below the first screen).

Targets: every key within 50 ms at any moment after first paint, median within 25 ms.

    .venv/bin/python benchmarks/keys.py [--rounds 7] [--articles seed,5mb] [--keys n,G]
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from first_paint import (  # noqa: E402
    Bench,
    fill_cache,
    machine,
    make_bench,
    reader_command,
    stop,
)
from terminal import Screen, Terminal, load, median, shows  # noqa: E402

from reader.core.format import load_article  # noqa: E402
from reader.core.model import Article  # noqa: E402

TIMEOUT = 15.0
#: Where a lost key's screens are written (``--lost FILE``), to tell a key the app
#: dropped from one the benchmark failed to see.
LOST: TextIO | None = None
#: Block characters of scrollbars: not text, and they move while a long article is laid out.
_BARS = str.maketrans("", "", "▁▂▃▄▅▆▇█")
_WORDS = re.compile(r"[^\W\d_]{6,}")


@dataclass
class Target:
    """Where the body is on the screen: its first row and its text columns."""

    row: int
    start: int

    @classmethod
    def find(cls, screen: Screen, title: str) -> Target:
        for row, line in enumerate(screen[1:], 1):
            column = line.find(title)
            if column >= 0:
                return cls(row, max(0, column - 4))
        raise ValueError("the body's title is not on the screen")

    def top(self, screen: Screen) -> str:
        return screen[self.row][self.start : self.start + 80].translate(_BARS)


def find_count(screen: Screen) -> int | None:
    """The find bar's current match number (0 before the first), None if not shown."""
    for line in screen:
        if "Find:" in line:
            if (found := re.search(r"\b(\d+) of \d+", line)) is not None:
                return int(found.group(1))
            if re.search(r"\b\d+ matches", line):
                return 0
    return None


Ready = Callable[[Screen], bool]


def search_focused(screen: Screen) -> Ready:
    """The key footer (the last row) shows the quote sidebar's "Clear search" key, which
    it shows only while the focus is in the sidebar: "/" is sent from the text, so the
    search field has it.

    Not "the footer changed" (as it was until 2026-12-07): the footer is empty in the
    first frame and fills a moment later on its own, and from then on differs from the
    first frame's for good, so "/" was "seen" by the footer filling up: sent when idle,
    at once (5-7 ms, the floor; the key's own frame came some 60 ms later), and sent
    early, whenever the footer's first keys showed.
    """
    return lambda now: "Clear search" in (now[-2] if not now[-1] else now[-1])


def search_field(screen: Screen) -> str | None:
    """The text in the quote sidebar's search field (the row under the pane's title)."""
    for row, line in enumerate(screen[:-1]):
        column = line.find("─ Quotes ─")
        if column >= 0:
            start = line.rfind("╭", 0, column)
            field = screen[row + 1][start + 1 :]
            end = field.find("│")
            return (field[:end] if end >= 0 else field).strip(" ▊▎")
    return None


def search_shows(typed: str) -> Ready:
    return lambda screen: search_field(screen) == typed


FOCUSED = search_focused


@dataclass
class KeyCase:
    label: str
    key: str
    #: keys sent first, step by step, each with what shows it has taken effect (a key
    #: sent in the same write as one that moves the focus goes to the old focus)
    prep: tuple[tuple[tuple[str, ...], Callable[[Screen], Ready]], ...] = ()
    #: given the body's place and the screen before the key: has the key shown?
    done: Callable[[Target, Screen], Callable[[Screen], bool]] | None = None


def top_changed(target: Target, before: Screen) -> Callable[[Screen], bool]:
    first = target.top(before)
    return lambda screen: target.top(screen) != first


def count_moved(target: Target, before: Screen) -> Callable[[Screen], bool]:
    count = find_count(before) or 0
    return lambda screen: (find_count(screen) or 0) > count


def quote_word(article: Article) -> str:
    """A word of the article's last quote that no other quote or speaker has."""
    others = " ".join(q.text for q in article.quotes[:-1]).lower()
    others += " ".join(f"{s.name} {s.role or ''}" for s in article.speakers).lower()
    words = sorted(set(_WORDS.findall(article.quotes[-1].text)), key=len, reverse=True)
    for word in words:
        if word.lower() not in others:
            return word.lower()
    return words[0].lower()


def key_cases(article: Article) -> list[KeyCase]:
    word = quote_word(article)
    return [
        KeyCase("next section (n)", "n", done=top_changed),
        KeyCase("last section (G)", "G", done=top_changed),
        KeyCase("opening the quote search (/)", "/", done=lambda target, before: FOCUSED(before)),
        KeyCase(
            "opening find (f)",
            "f",
            done=lambda target, before: lambda screen: any("Find:" in line for line in screen),
        ),
        KeyCase(
            "quote search keystroke",
            "e",
            ((("/",), FOCUSED), (("k",), lambda _: search_shows("k"))),
            lambda target, before: search_shows("ke"),
        ),
        KeyCase(
            "next find match (F3)",
            "F3",
            (
                (("f",), lambda _: lambda screen: any("Find:" in line for line in screen)),
                ((*"sanksi", "Enter"), lambda _: lambda screen: bool(find_count(screen))),
            ),
            count_moved,
        ),
        KeyCase(
            "choosing a quote (Enter)",
            "Enter",
            ((("/",), FOCUSED), ((*word,), lambda _: search_shows(word))),
            top_changed,
        ),
    ]


def bare_cases(cases: list[KeyCase]) -> list[KeyCase]:
    """The keys the bare app (``bare_keys.py``) has: a page down, opening the search
    field, a keystroke in it."""
    opening = next(case for case in cases if case.key == "/")
    search = next(case for case in cases if case.key == "e")
    return [KeyCase("page down (n)", "n", done=top_changed), opening, search]


def bare_command(article: Article) -> list[str]:
    """The bare app showing the article's title and text (as much as a few pages take)."""
    paragraphs = [article.lead or ""]
    for section in article.sections:
        paragraphs.append(section.heading or "")
        paragraphs.extend(section.paragraphs)
    text = "\n\n".join([article.title, *(p for p in paragraphs if p)])[:20_000]
    return [sys.executable, str(HERE / "bare_keys.py"), article.title, text]


@dataclass
class Row:
    article: str
    case: KeyCase
    early: list[float] = field(default_factory=list)
    idle: list[float] = field(default_factory=list)


def measure(
    terminal: Terminal,
    command: list[str],
    env: dict[str, str],
    title: str,
    body: str,
    case: KeyCase,
    early: bool,
) -> float:
    """One launch: the key's time in ms (inf if it never showed)."""
    # a fresh state: a reading position saved by an earlier launch would open the
    # article away from its title, which is waited for
    if "READER_STATE_DIR" in env:
        shutil.rmtree(env["READER_STATE_DIR"], ignore_errors=True)
    session = terminal.start(command, env)
    stage, screen = "before the first paint", []
    try:
        _, screen = session.wait_for(shows(title, body), session.started, 60)
        target = Target.find(screen, title)
        if not early:
            session.wait_idle(quiet=0.5)
        for keys, ready in case.prep:
            stage = f"waiting for {' '.join(keys)!r} (before the key)"
            test = ready(screen)
            sent = session.send(*keys)
            _, screen = session.wait_for(test, sent, TIMEOUT)
        if case.prep and not early:
            session.wait_idle(quiet=0.3)
            screen = session.screen()
        assert case.done is not None
        ready = case.done(target, screen)
        stage = "waiting for the key"
        sent = session.send(case.key)
        elapsed, _ = session.wait_for(ready, sent, TIMEOUT)
        return elapsed
    except TimeoutError as error:
        if LOST is not None:
            when = "early" if early else "idle"
            LOST.write(f"--- {case.label}, {when}: lost {stage}; the screen before:\n")
            LOST.write("\n".join(screen) + f"\n--- the screen after:\n{error}\n")
            LOST.flush()
        return math.inf
    finally:
        stop(session)


def less_floor(terminal: Terminal, path: Path) -> float:
    """``less`` paging one screen down: the floor of key -> screen in tmux."""
    session = terminal.start(["less", str(path)])
    try:
        _, before = session.wait_for(lambda s: bool(s[0].strip()), session.started, 10)
        time.sleep(0.2)
        before = session.screen()
        sent = session.send("Space")
        elapsed, _ = session.wait_for(lambda s: s[0] != before[0], sent, TIMEOUT)
        return elapsed
    finally:
        stop(session)


def shown(values: list[float]) -> str:
    lost = sum(1 for v in values if math.isinf(v))
    kept = [v for v in values if not math.isinf(v)]
    if not kept:
        return "lost every time"
    text = f"{median(kept):.0f} / {max(kept):.0f}"
    return text + (f" ({lost} lost)" if lost else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--articles", default="seed,5mb", help="seed, 0.5mb, 5mb")
    parser.add_argument(
        "--keys", default="", help="only these keys, as sent: n,G,e,F3,Enter (default: all)"
    )
    parser.add_argument("--lost", type=Path, help="write the screens of lost keys here")
    args = parser.parse_args()
    global LOST
    LOST = args.lost.open("w", encoding="utf-8") if args.lost else None
    folder = Path(tempfile.mkdtemp(prefix="reader-keys-"))
    try:
        bench = make_bench(folder)
        reader = reader_command()
        wanted = args.articles.split(",")
        articles = {
            "seed": (bench.seed, bench.title),
            "0.5mb": (bench.half, bench.title),
            "5mb": (bench.huge, bench.huge_title),
            "bare": (bench.seed, bench.title),
        }
        article = load_article(bench.seed)
        cases = key_cases(article)
        rows = [Row("bare", case) for case in bare_cases(cases)]
        rows += [Row(name, case) for name in wanted for case in cases]
        if args.keys:
            keep = set(args.keys.split(","))
            rows = [row for row in rows if row.case.key in keep or row.article == "bare"]
        floor: list[float] = []
        load_before = load()
        with Terminal() as terminal:
            for round_ in range(args.rounds):
                shift = round_ % len(rows)
                floor.append(less_floor(terminal, bench.seed))
                for row in rows[shift:] + rows[:shift]:
                    path, title = articles[row.article]
                    if row.article == "5mb":
                        fill_cache(bench)
                    command = [reader, str(path)]
                    if row.article == "bare":
                        command = bare_command(article)
                    for early, times in ((True, row.early), (False, row.idle)):
                        env, line = bench.env, bench.line
                        times.append(measure(terminal, command, env, title, line, row.case, early))
        print_table(rows, floor, args.rounds, load_before, load(), bench)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def print_table(
    rows: list[Row], floor: list[float], rounds: int, before: str, after: str, bench: Bench
) -> None:
    print(f"key -> screen changed, tmux 160x48, {rounds} rounds; ms as median / worst")
    print(f"machine: {machine()}")
    print(f"load: {before} at start, {after} at end")
    print(f"floor (less, Space pages down): {median(floor):.0f} / {max(floor):.0f} ms")
    print()
    print(
        "| article | key | sent as the body appears | sent when idle "
        "| median ÷ bare app's (early; idle) | target ≤ 50 worst, ≤ 25 median |"
    )
    print("|---|---|---|---|---|---|")
    bare = {row.case.key: row for row in rows if row.article == "bare"}
    for row in rows:
        every = row.early + row.idle
        met = max(every) <= 50 and median(every) <= 25
        reference = bare.get(row.case.key, bare.get("n"))
        ratios = "reference"
        if row.article != "bare" and reference is not None:
            ratios = f"{ratio(row.early, reference.early)}; {ratio(row.idle, reference.idle)}"
        print(
            f"| {row.article} | {row.case.label} | {shown(row.early)} | {shown(row.idle)} | "
            f"{ratios} | {'met' if met else 'NOT met'} |"
        )


def ratio(values: list[float], reference: list[float]) -> str:
    """Median over median, as ``1.4×`` (or ``–`` when either was lost every time)."""
    kept = [v for v in values if not math.isinf(v)]
    base = [v for v in reference if not math.isinf(v)]
    if not kept or not base:
        return "–"
    return f"{median(kept) / median(base):.1f}×"


if __name__ == "__main__":
    sys.exit(main())
