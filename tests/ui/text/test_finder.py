"""Find in text: the cached fast path finds exactly what the core's search finds."""

from __future__ import annotations

import pytest

from reader.core.model import Article
from reader.core.search import find_phrase
from reader.ui.text.finder import Finder
from reader.ui.text.lines import Block, build_blocks


@pytest.mark.parametrize("phrase", ["sanksi", "MEDVEDEV", "kata l", "“", "zzz", "  "])
def test_finder_agrees_with_find_phrase(seed_article: Article, phrase: str) -> None:
    blocks = build_blocks(seed_article)
    finder = Finder(blocks)
    for _ in range(2):  # cold, then from the folded cache
        expected = [
            (i, s, e)
            for i, b in enumerate(blocks)
            if b.kind != "attribution" and phrase.strip()
            for s, e in find_phrase(b.text, phrase)
        ]
        assert finder.find(phrase) == expected


def test_text_that_folds_to_other_lengths_is_still_found() -> None:
    blocks = [
        Block("paragraph", "Die Straße in Köln und Medvédev, ﬁnal."),
        Block("attribution", "— Straße"),
    ]
    finder = Finder(blocks)
    assert finder.find("strasse") == [(0, 4, 10)]
    assert finder.find("medvedev") == [(0, 23, 31)]
    assert finder.find("final") == [(0, 33, 37)]
