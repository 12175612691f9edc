"""Scoring the importer against gold quotations (used by benchmarks and tests).

Gold files list ``[key, "first words"]`` pairs: the key is the speaker's surname (or
null for a speaker who is not a named person). A gold quotation is *found* when an
imported quotation starts with its first words, compared after case-folding, removing
accents and collapsing punctuation and whitespace; it is *attributed* when the imported
speaker's name contains the key (for null: contains none of the article's keys).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.importer import ImportResult

_PUNCT = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_PUNCT.sub(" ", bare).split())


@dataclass(frozen=True)
class Extracted:
    """One imported quotation (a whole group) with its speaker's name."""

    text: str
    speaker: str


@dataclass
class Score:
    gold: int = 0
    extracted: int = 0
    found: int = 0
    attributed: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.extracted += other.extracted
        self.found += other.found
        self.attributed += other.attributed

    @property
    def precision(self) -> float:
        return self.attributed / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.attributed / self.gold if self.gold else 1.0

    @property
    def found_share(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def extracted(result: ImportResult) -> list[Extracted]:
    """The imported quotations, one per group (its first part), in reading order."""
    article = result.article
    seen: set[int] = set()
    out: list[Extracted] = []
    for quote in article.quotes:
        group = result.groups.get(quote.id, -1)
        if group in seen:
            continue
        seen.add(group)
        out.append(Extracted(quote.text, article.speaker(quote.speaker).name))
    return out


def attributed(key: str | None, speaker: str, keys: set[str]) -> bool:
    name = speaker.casefold()
    if key is None:
        return not any(k.casefold() in name for k in keys)
    return key.casefold() in name


def score(gold: list[tuple[str | None, str]], got: list[Extracted]) -> tuple[Score, list[str]]:
    """Score one article; also return a line per miss, for reading."""
    keys = {k for k, _ in gold if k}
    used: set[int] = set()
    result = Score(gold=len(gold), extracted=len(got))
    misses: list[str] = []
    normalised = [normalise(e.text) for e in got]
    for key, prefix in gold:
        want = normalise(prefix)
        match = next(
            (i for i, text in enumerate(normalised) if i not in used and text.startswith(want)),
            None,
        )
        if match is None:
            misses.append(f"not found: [{key}] {prefix}")
            continue
        used.add(match)
        result.found += 1
        if attributed(key, got[match].speaker, keys):
            result.attributed += 1
        else:
            misses.append(f"wrong speaker: [{key}] {prefix} -> {got[match].speaker}")
    return result, misses
