"""Quote attribution quality: the project's test corpus and real Kompas articles.

Run ``.venv/bin/python benchmarks/quotes.py [-v]``. Prints precision, recall and F1 of
(quotation, speaker) pairs over ``tests/importer/corpus`` and, on a separate line, over the
held-out set ``tests/importer/heldout`` (never tuned against; see its README), and on
``../shared/corpora/pfsa-id-dev`` (read in place, never copied) the share of gold
quotations found with the right speaker and found at all; the same on
``../shared/corpora/polnear-train`` (English US political news, read in place), reported
for its two halves separately: the odd-numbered articles are the ones rule changes may be
tuned against, the even-numbered ones are held out (only measured), and then for all. For
the two gold sets a second line judges whole articles as the corpus tests do (names,
roles, structure). ``-v`` lists every miss.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

#: ``shared/corpora`` beside the checkout (``/work/main``) or a worktree (``/work/wt/NAME``).
CORPORA = next(
    (p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()),
    ROOT.parent / "shared" / "corpora",
)

from gold import (  # noqa: E402
    Score,
    extracted,
    score,
    speaker_problems,
    structure_problems,
)

from reader.core.errors import ReaderError  # noqa: E402
from reader.importer import ImportResult, import_with_groups  # noqa: E402

CORPUS = ROOT / "tests" / "importer" / "corpus"
HELDOUT = ROOT / "tests" / "importer" / "heldout"
PFSA = CORPORA / "pfsa-id-dev"
POLNEAR = CORPORA / "polnear-train"


def _gold(data: Any) -> list[tuple[str | None, str]]:
    return [(None if k is None else str(k), str(p)) for k, p in (data.get("quotes") or [])]


class Strict:
    """The corpus tests' own judgement of whole articles (gold sets only): speakers with
    the right name and role, articles with the right shape, articles right in every way."""

    def __init__(self) -> None:
        self.speakers = self.speakers_right = 0
        self.articles = self.shape_right = self.all_right = 0

    def add(self, result: ImportResult, gold: dict[str, Any], quotes_right: bool) -> list[str]:
        speakers = speaker_problems(result.article, gold)
        shape = structure_problems(result.article, gold)
        for key, want in (gold.get("speakers") or {}).items():
            self.speakers += 1
            one = {"speakers": {key: want}}
            self.speakers_right += not speaker_problems(result.article, one)
        self.articles += 1
        self.shape_right += not shape
        self.all_right += quotes_right and not speakers and not shape
        return speakers + shape

    def line(self) -> str:
        return (
            f"  strictly: speakers with the right name and role {self.speakers_right}/"
            f"{self.speakers}, articles with the right shape {self.shape_right}/"
            f"{self.articles}, articles right in every way {self.all_right}/{self.articles}"
        )


def run(
    pairs: list[tuple[Path, Path]], verbose: bool, strict: Strict | None = None
) -> tuple[Score, int]:
    total = Score()
    errors = 0
    for text_path, gold_path in pairs:
        data = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        gold = _gold(data)
        try:
            result = import_with_groups(text_path.read_text(encoding="utf-8"), name=text_path.name)
        except ReaderError as exc:
            errors += 1
            print(f"  {text_path.name}: {exc}")
            continue
        got = extracted(result)
        one, misses = score(gold, got)
        total.add(one)
        if strict is not None:
            misses += strict.add(result, data, not misses and len(got) == len(gold))
        if verbose and misses:
            print(f"  {text_path.name}:")
            for miss in misses:
                print(f"    {miss}")
    return total, errors


def report_gold_set(label: str, folder: Path, verbose: bool) -> None:
    """Score every ``NAME.txt`` + ``NAME.expected.yaml`` pair in ``folder`` and print one line."""
    pairs = [(p, p.with_name(p.stem + ".expected.yaml")) for p in sorted(folder.glob("*.txt"))]
    pairs = [(t, g) for t, g in pairs if g.exists()]
    strict = Strict()
    s, errors = run(pairs, verbose, strict)
    print(
        f"{label} ({len(pairs)} articles, {s.gold} gold quotes, {s.extracted} extracted): "
        f"precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}"
        + (f"  ({errors} failed to import)" if errors else "")
    )
    print(strict.line())


def report_real_set(
    label: str, folder: Path, pattern: str, verbose: bool, keep: str | None = None
) -> Score | None:
    """Score a corpus of real articles (``NAME.txt`` + ``NAME.yaml``) and print one line.

    ``keep`` picks a half by the article's number: "odd" or "even" (None: all).
    """
    if not folder.is_dir():
        print(f"{label}: not found at {folder}; skipped")
        return None
    texts = sorted(folder.glob(pattern))
    if keep is not None:
        parity = 1 if keep == "odd" else 0
        texts = [p for p in texts if int(p.stem.rsplit("-", 1)[1]) % 2 == parity]
    pairs = [(p, p.with_suffix(".yaml")) for p in texts]
    started = time.perf_counter()
    s, errors = run(pairs, verbose)
    seconds = time.perf_counter() - started
    print(
        f"{label} ({len(pairs)} articles, {s.gold} gold quotes): "
        f"found with right speaker {s.recall:.3f}  found at all {s.found_share:.3f}  "
        f"precision (lower bound) {s.precision:.3f}  [{seconds:.1f} s]"
        + (f"  ({errors} failed to import)" if errors else "")
    )
    return s


def report_polnear(verbose: bool, half: str | None) -> None:
    """polnear-train by halves: odd-numbered articles (tuned against), even-numbered
    (held out), and both together."""
    total = Score()
    for name, keep in (("tune", "odd"), ("held", "even")):
        if half not in (None, name):
            continue
        s = report_real_set(f"polnear-train {name} half", POLNEAR, "polnear-*.txt", verbose, keep)
        if s is None:
            return
        total.add(s)
    if half is None:
        print(
            f"polnear-train all ({total.gold} gold quotes): found with right speaker "
            f"{total.recall:.3f}  found at all {total.found_share:.3f}  "
            f"precision (lower bound) {total.precision:.3f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--only", choices=["corpus", "heldout", "pfsa", "polnear"], help="run one set"
    )
    parser.add_argument(
        "--half",
        choices=["tune", "held"],
        help="polnear-train: only the odd-numbered (tune) or even-numbered (held) articles",
    )
    args = parser.parse_args()
    if args.only in (None, "corpus"):
        report_gold_set("corpus", CORPUS, args.verbose)
    if args.only in (None, "heldout"):
        if HELDOUT.is_dir():
            report_gold_set("heldout", HELDOUT, args.verbose)
        else:
            print(f"heldout: not found at {HELDOUT}; skipped")
    if args.only in (None, "pfsa"):
        report_real_set("pfsa-id-dev", PFSA, "pfsa-*.txt", args.verbose)
    if args.only in (None, "polnear"):
        report_polnear(args.verbose, args.half)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
