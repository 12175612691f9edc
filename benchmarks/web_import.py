"""Web pages: how fast they import, and how well the body is extracted.

Run ``.venv/bin/python benchmarks/web_import.py [-v] [--rounds N]``.

Quality, on the pages saved in ``tests/data/pages`` (written for the tests in the shapes
real news sites have: cookie banners, copyright footers, credited figures, "Baca juga" and
"Read more" boxes, share bars, related lists) against their gold files
(``NAME.expected.yaml``: the title, every body paragraph in order with the lead first, the
section headings and the figures): the share of pages whose title is right, paragraph
recall (gold paragraphs found, exactly), paragraph precision (paragraphs found that are
gold, i.e. no chrome), heading recall, and figures found with their credit. ``-v`` lists
every miss.

Speed: pages per second through ``import_html`` (CPU time, best of the rounds), against
the raw-text importer on the same articles as text in the same run (the reference): the
ratio says what reading HTML costs on top of the shared pipeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.format.safe_yaml import c_safe_loader  # noqa: E402
from reader.core.model import Article  # noqa: E402
from reader.importer import import_text  # noqa: E402
from reader.importer.formats.html import import_html  # noqa: E402

PAGES = ROOT / "tests" / "data" / "pages"


def paragraphs(article: Article) -> list[str]:
    return [text for _, _, text in article.blocks()]


def as_text(article: Article) -> str:
    """The article as the raw text a person would paste (the speed reference's input)."""
    lines = [article.title, *(f"{f.caption} (Foto: {f.credit})" for f in article.figures)]
    if article.lead:
        lines.append(article.lead)
    for section in article.sections:
        if section.heading:
            lines.append(section.heading)
        lines.extend(section.paragraphs)
    return "\n\n".join(lines)


def quality(verbose: bool) -> None:
    pages = sorted(PAGES.glob("*.html"))
    titles = found = gold_total = out_total = correct_out = 0
    heads_found = heads_total = figs_found = figs_total = 0
    for page in pages:
        gold_path = page.with_suffix(".expected.yaml")
        if not gold_path.exists():
            continue
        gold = yaml.load(gold_path.read_text(encoding="utf-8"), Loader=c_safe_loader())
        article = import_html(page.read_bytes(), name=page.name)
        got = paragraphs(article)
        want = list(gold["paragraphs"])
        titles += article.title == gold["title"]
        found += sum(p in got for p in want)
        gold_total += len(want)
        out_total += len(got)
        correct_out += sum(p in want for p in got)
        headings = [s.heading for s in article.sections if s.heading]
        heads_found += sum(h in headings for h in gold.get("headings", []))
        heads_total += len(gold.get("headings", []))
        figures = {(f.caption, f.credit) for f in article.figures}
        want_figs = [(f["caption"], f["credit"]) for f in gold.get("figures", [])]
        figs_found += sum(f in figures for f in want_figs)
        figs_total += len(want_figs)
        if verbose:
            if article.title != gold["title"]:
                print(f"  {page.name}: title {article.title!r}")
            for p in want:
                if p not in got:
                    print(f"  {page.name}: missed {p[:70]!r}")
            for p in got:
                if p not in want:
                    print(f"  {page.name}: extra  {p[:70]!r}")
    n = sum(1 for p in pages if p.with_suffix(".expected.yaml").exists())
    print(
        f"quality ({n} pages): title {titles}/{n}, paragraphs recall "
        f"{found / max(gold_total, 1):.3f} ({found}/{gold_total}), precision "
        f"{correct_out / max(out_total, 1):.3f} ({correct_out}/{out_total}), headings "
        f"{heads_found}/{heads_total}, figures with credit {figs_found}/{figs_total}"
    )


def speed(rounds: int) -> None:
    pages = [(p.name, p.read_bytes()) for p in sorted(PAGES.glob("*.html"))]
    texts = [as_text(import_html(data, name=name)) for name, data in pages]
    per_round = 5

    def best(job: object) -> float:
        times = []
        for _ in range(rounds):
            start = time.process_time()
            for _ in range(per_round):
                job()  # type: ignore[operator]
            times.append(time.process_time() - start)
        return min(times)

    html_time = best(lambda: [import_html(data, name=name) for name, data in pages])
    text_time = best(lambda: [import_text(text, name="t") for text in texts])
    count = per_round * len(pages)
    html_rate, text_rate = count / html_time, count / text_time
    print(
        f"speed: {html_rate:.1f} pages/s as HTML, {text_rate:.1f}/s for the same articles as "
        f"raw text (reference); HTML costs {text_rate / html_rate:.1f}x the text import "
        f"(CPU time, best of {rounds})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    quality(args.verbose)
    speed(args.rounds)


if __name__ == "__main__":
    main()
