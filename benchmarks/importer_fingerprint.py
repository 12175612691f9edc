"""One SHA-256 over everything the importer makes of a fixed set of texts.

Run ``.venv/bin/python benchmarks/importer_fingerprint.py`` (``-v`` adds one hash per
file). Performance work on the importer must leave this hash unchanged: it covers the
test corpus (and each corpus text again with straight quote marks), the held-out
articles (only hashed: nothing here shows what the importer made of them), every text of
``../shared/corpora/pfsa-id-dev`` and of ``../shared/corpora/polnear-train`` (both read
in place, never copied into the project) and the seed article. Each text contributes its name, the
article as :func:`~reader.core.format.dump_article` writes it and the quotation
groups; a text the importer refuses contributes its one-line error instead.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: ``shared/corpora`` beside the checkout (``/work/main``) or a worktree (``/work/wt/NAME``).
CORPORA = next(
    (p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()),
    ROOT.parent / "shared" / "corpora",
)

from reader.core.errors import ReaderError  # noqa: E402
from reader.core.format import dump_article  # noqa: E402
from reader.importer import import_with_groups  # noqa: E402

CORPUS = ROOT / "tests" / "importer" / "corpus"
SOURCES = [
    CORPUS,
    ROOT / "tests" / "importer" / "heldout",
    CORPORA / "pfsa-id-dev",
    CORPORA / "polnear-train",
]
SEED = ROOT / "tests" / "data" / "seed_000_ebced325c783b2d8.txt"


def _paths() -> list[Path]:
    paths: list[Path] = []
    for folder in SOURCES:
        if not folder.is_dir():
            raise SystemExit(f"missing corpus folder: {folder}")
        paths.extend(sorted(folder.glob("*.txt")))
    paths.append(SEED)
    return paths


_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _output(path: Path, *, straight: bool = False) -> str:
    text = path.read_text(encoding="utf-8-sig")
    if straight:
        text = text.translate(_STRAIGHT)
    try:
        result = import_with_groups(text, name=path.name)
    except ReaderError as exc:
        return f"error: {exc}\n"
    groups = "".join(f"{ident} {group}\n" for ident, group in result.groups.items())
    return dump_article(result.article) + "---groups\n" + groups


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    total = hashlib.sha256()
    paths = _paths()
    for path in paths:
        data = _output(path).encode("utf-8")
        total.update(f"{path.parent.name}/{path.name}\n{len(data)}\n".encode())
        total.update(data)
        if verbose:
            print(f"{hashlib.sha256(data).hexdigest()}  {path.parent.name}/{path.name}")
    variants = sorted(CORPUS.glob("*.txt"))
    for path in variants:
        data = _output(path, straight=True).encode("utf-8")
        total.update(f"straight/{path.name}\n{len(data)}\n".encode())
        total.update(data)
        if verbose:
            print(f"{hashlib.sha256(data).hexdigest()}  straight/{path.name}")
    print(f"{total.hexdigest()}  ({len(paths) + len(variants)} texts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
