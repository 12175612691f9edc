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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.core.model import Article
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


#: Apostrophes, left out of a name when comparing it with a gold key: polnear-train's keys
#: were made by dropping them ("O'Malley" -> "OMalley", "D’Souza" -> "DSouza").
_APOSTROPHES = str.maketrans("", "", "'’‘`")


def attributed(key: str | None, speaker: str, keys: set[str]) -> bool:
    name = speaker.casefold().translate(_APOSTROPHES)
    if key is None:
        return not any(k.casefold().translate(_APOSTROPHES) in name for k in keys)
    return key.casefold().translate(_APOSTROPHES) in name


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


def speaker_problems(article: Article, gold: Mapping[str, Any]) -> list[str]:
    """What is wrong with the speakers of ``article`` against a corpus gold file: each
    gold speaker (keyed by surname) must be there with the full name and role given."""
    problems: list[str] = []
    for key, want in (gold.get("speakers") or {}).items():
        match = [s for s in article.speakers if key in s.name.split()]
        if not match:
            have = sorted(s.name for s in article.speakers)
            problems.append(f"speaker {key} missing (have {have})")
            continue
        if match[0].name != want["name"]:
            problems.append(f"speaker {key}: name {match[0].name!r}, want {want['name']!r}")
        if (match[0].role or None) != (want.get("role") or None):
            problems.append(f"speaker {key}: role {match[0].role!r}, want {want.get('role')!r}")
    return problems


def structure_problems(article: Article, gold: Mapping[str, Any]) -> list[str]:
    """What is wrong with the shape of ``article`` against a corpus gold file: language,
    title, headings, figures, lead, dropped clutter, scare quotes, footer."""
    problems: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    check(article.language == gold["language"], f"language {article.language!r}")
    check(article.title == gold["title"], f"title {article.title!r}")
    headings = [s.heading for s in article.sections if s.heading]
    check(headings == gold.get("headings", []), f"headings {headings}")
    figures = [{"caption": f.caption, "credit": f.credit} for f in article.figures]
    want_figures = [
        {"caption": f["caption"], "credit": f.get("credit")} for f in gold.get("figures") or []
    ]
    check(figures == want_figures, f"figures {figures}")
    if "lead_startswith" in gold:
        lead = article.lead or ""
        check(lead.startswith(gold["lead_startswith"]), f"lead {lead[:60]!r}")
    body = [text for _, _, text in article.blocks()]
    for line in gold.get("dropped") or []:
        check(line not in body, f"not dropped: {line!r}")
    for phrase in gold.get("not_quotes") or []:
        scare = any(normalise(q.text) == normalise(phrase) for q in article.quotes)
        check(not scare, f"scare quote taken for a quote: {phrase!r}")
    footer = gold.get("footer") or {}
    check(article.footer.copyright == footer.get("copyright"), "copyright")
    cookie = article.footer.cookie
    if "cookie_text" in footer:
        if cookie is None:
            problems.append("cookie notice missing")
        else:
            check(cookie.text.startswith(footer["cookie_text"]), "cookie text")
            check(cookie.link_text == footer.get("link_text"), f"cookie link {cookie.link_text!r}")
            accept = footer.get("accept", "Accept")
            check(cookie.accept_label == accept, f"cookie accept {cookie.accept_label!r}")
            check(footer["cookie_text"] not in " ".join(body), "cookie notice in the body")
    else:
        check(cookie is None, "a cookie notice that is not there")
    return problems
