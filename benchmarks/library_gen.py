"""Generate a library folder of synthetic articles for the library benchmarks.

``python benchmarks/library_gen.py OUT --count 10000 [--seed 1]``

Every article is made up here from syllables and small word lists (no corpus text):
varied titles, dates (2010-2026), thirty sources, two languages (Indonesian and
English), and speakers drawn from a pool of a few thousand people, some written with an
honorific or without accents in one article and with them in another (the index merges
them). Each quote holds a very common word ("yang" or "the"), so that the benchmarks can
search for one.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.format import dump_article
from reader.core.model import Article, Footer, Quote, Section, Speaker

SYLLABLES = [
    "ka", "ra", "ta", "ma", "na", "sa", "li", "ni", "ri", "to", "ko", "mo", "su", "ru",
    "ban", "dan", "gan", "per", "ter", "kan", "lan", "mer", "sin", "tor", "vel", "dev",
]  # fmt: skip
FIRST = ["Sergei", "Budi", "Anna", "John", "Siti", "Dmitri", "Maria", "Ahmad", "Fyodor", "Dewi"]
ACCENTED = {"Sergei": "Sergéi", "Anna": "Änna", "Dewi": "Déwi", "Maria": "María"}
HONORIFIC = ["Dr.", "Prof.", "H.", "Ibu", "Mr."]
ROLES_ID = ["Menteri Luar Negeri", "Juru bicara polisi", "Ketua dewan", "Pakar ekonomi"]
ROLES_EN = ["foreign minister", "police spokesperson", "council chair", "economist"]
COMMON = {"id": "yang", "en": "the"}
CUE = {"id": "kata", "en": "said"}


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random, n: int, common: str) -> str:
    words = [word(rng) for _ in range(n)]
    words.insert(rng.randrange(len(words) + 1), common)
    return " ".join(words).capitalize()


def people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(first name, surname) pairs, each surname made up."""
    return [(rng.choice(FIRST), word(rng).capitalize() + word(rng)) for _ in range(count)]


def spelled(rng: random.Random, first: str, last: str) -> str:
    """One article's spelling of a person: sometimes accented or with an honorific."""
    name = f"{ACCENTED.get(first, first) if rng.random() < 0.2 else first} {last}"
    if rng.random() < 0.1:
        name = f"{rng.choice(HONORIFIC)} {name}"
    return name


def article(rng: random.Random, number: int, pool: list[tuple[str, str]]) -> Article:
    language = "id" if rng.random() < 0.6 else "en"
    common = COMMON[language]
    roles = ROLES_ID if language == "id" else ROLES_EN
    cast = rng.sample(pool, rng.randint(2, 5))
    speakers = tuple(
        Speaker(f"s{i}", spelled(rng, first, last), rng.choice(roles))
        for i, (first, last) in enumerate(cast)
    )
    sections: list[Section] = []
    quotes: list[Quote] = []
    for s in range(rng.randint(2, 5)):
        paragraphs: list[str] = []
        for p in range(rng.randint(2, 4)):
            text = sentence(rng, rng.randint(8, 20), common) + "."
            if rng.random() < 0.6:
                speaker = rng.choice(speakers)
                said = sentence(rng, rng.randint(6, 18), common)
                text += f" “{said},” {CUE[language]} {speaker.name.split()[-1]}."
                quotes.append(Quote(f"q{len(quotes) + 1}", said, speaker.id, f"s{s}", p))
            paragraphs.append(text)
        sections.append(
            Section(f"s{s}", None if s == 0 else word(rng).capitalize(), tuple(paragraphs))
        )
    used = {q.speaker for q in quotes}
    return Article(
        id=f"article-{number:06d}",
        title=" ".join(word(rng).capitalize() for _ in range(rng.randint(3, 9))),
        language=language,
        source=f"{word(rng).capitalize()} {'News' if language == 'en' else 'Berita'} {number % 30}",
        date=f"{rng.randint(2010, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        sections=tuple(sections),
        speakers=tuple(s for s in speakers if s.id in used),
        quotes=tuple(quotes),
        footer=Footer(copyright=f"© {number % 30}"),
    )


def generate(out: Path, count: int, seed: int = 1, start: int = 0) -> None:
    rng = random.Random(seed)
    pool = people(rng, max(50, count // 3))
    out.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        rng.seed(seed * 1_000_003 + number)
        path = out / f"article-{number:06d}.yaml"
        path.write_text(dump_article(article(rng, number, pool)), encoding="utf-8")
        # spread modification times over the past, like a real collection
        stamp = 1_600_000_000 + number * 60
        os.utime(path, (stamp, stamp))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
