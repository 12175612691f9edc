"""Small articles written for the library tests: a few people quoted across articles."""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.format import save_article
from reader.core.model import Article, Quote, Section, Speaker


def make_article(
    article_id: str,
    title: str,
    said: list[tuple[str, str, str]],
    *,
    source: str = "Harian Contoh",
    date: str | None = "2024-05-01",
    language: str = "id",
) -> Article:
    """An article quoting ``said``: (speaker name, role, quote text) each, one paragraph each."""
    speakers: dict[str, Speaker] = {}
    paragraphs: list[str] = []
    quotes: list[Quote] = []
    for index, (name, role, text) in enumerate(said):
        if name not in speakers:
            speakers[name] = Speaker(f"s{len(speakers) + 1}", name, role or None)
        paragraphs.append(f"Pembuka kalimat. “{text},” kata {name.split()[-1]}.")
        quotes.append(Quote(f"q{index + 1}", text, speakers[name].id, "body", index))
    return Article(
        id=article_id,
        title=title,
        language=language,
        source=source,
        date=date,
        sections=(Section("body", None, tuple(paragraphs) or ("Tanpa kutipan.",)),),
        speakers=tuple(speakers.values()),
        quotes=tuple(quotes),
    )


def write(folder: Path, name: str, article: Article, *, mtime: int | None = None) -> Path:
    """Save ``article`` as ``folder/name`` (replacing it), with a chosen modification time."""
    path = folder / name
    save_article(article, path, overwrite=True)
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))
    return path


def small_library(folder: Path) -> dict[str, Path]:
    """Three good articles (Lavrov in two, spelled differently) and one broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "paris": write(
            folder,
            "paris.yaml",
            make_article(
                "paris",
                "Moskow dan Washington di Paris",
                [
                    (
                        "Sergei Lavrov",
                        "Menteri Luar Negeri Rusia",
                        "Kita lawan virus Ebola bersama",
                    ),
                    ("John Kerry", "Menteri Luar Negeri AS", "Kerja sama ini penting"),
                ],
                date="2014-10-14",
                source="Rossiyskaya Gazeta",
            ),
            mtime=1_000_000_000_000_000_000,
        ),
        "geneva": write(
            folder,
            "geneva.yaml",
            make_article(
                "geneva",
                "Talks in Geneva",
                [
                    ("Dr. Sergéi LAVROV", "", "Sanctions will not help anyone"),
                    ("Dmitry Medvédev", "Prime minister", "The economy is growing"),
                ],
                date="2015-02-01",
                source="Daily Example",
                language="en",
            ),
            mtime=1_000_000_100_000_000_000,
        ),
        "quiet": write(
            folder,
            "quiet.yaml",
            make_article("quiet", "Tanpa kutipan", [], date=None),
            mtime=1_000_000_200_000_000_000,
        ),
    }
    broken = folder / "broken.yaml"
    broken.write_text("schema: 1\nid: !tag x\n", encoding="utf-8")
    paths["broken"] = broken
    (folder / "notes.txt").write_text("not an article", encoding="utf-8")
    return paths
