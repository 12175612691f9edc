"""Find in text: the cached fast path finds exactly what the core's search finds."""

from __future__ import annotations

import pytest

from reader.core.model import Article
from reader.core.search import find_phrase, fold
from reader.ui.text.finder import Finder, FindMatches, fold_in_place
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


def test_matches_come_in_reading_order_across_both_ways_of_searching() -> None:
    """Blocks searched by str.find over the joined folded text and blocks searched the
    exact way (folding changes their length) give one list in reading order, found
    again after more blocks are made."""
    blocks = [
        Block("paragraph", "Koln, then “Köln” again: köln."),
        Block("paragraph", "Die Straße in Köln."),
        Block("attribution", "— Köln"),
        Block("heading", "KÖLN"),
    ]
    finder = Finder(blocks)
    expected = [
        (i, s, e)
        for i, b in enumerate(blocks)
        if b.kind != "attribution"
        for s, e in find_phrase(b.text, "koln")
    ]
    assert finder.find("koln") == expected
    assert expected == sorted(expected) and len(expected) == 5
    blocks.append(Block("paragraph", "Last köln"))
    assert finder.find("köln")[-1] == (4, 5, 9)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Medvédev “said”", "medvedev “said”"), ("ASCII only", "ascii only"), ("Straße", None)],
)
def test_fold_in_place_is_the_cores_fold_when_it_keeps_every_offset(
    text: str, folded: str | None
) -> None:
    assert fold_in_place(text) == folded
    if folded is not None:
        assert fold(text) == (folded, list(range(len(text))))


def test_text_folded_ahead_in_steps_is_not_folded_again_by_a_find(
    seed_article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A huge article's text is folded in slices after its layout: each step folds a
    bounded number of blocks, and the first find then folds nothing and finds what a
    finder folding as it searches finds; blocks made later are folded by the find."""
    from reader.ui.text import finder as module

    blocks = build_blocks(seed_article)
    expected = Finder(blocks).find("sanksi")
    assert expected
    ahead = Finder(blocks)
    assert sum(1 for _ in ahead.fold_steps(every=3)) == -(-len(blocks) // 3)

    def not_again(text: str) -> str | None:
        raise AssertionError(f"folded again: {text[:20]!r}")

    monkeypatch.setattr(module, "fold_in_place", not_again)
    assert ahead.find("sanksi") == expected
    monkeypatch.undo()
    made = blocks[:-3]  # the list the body's source grows
    grown = Finder(made)
    list(grown.fold_steps())
    made.extend(blocks[-3:])
    assert grown.find("sanksi") == expected


def test_a_search_in_batches_finds_what_one_search_finds(seed_article: Article) -> None:
    """A long text is searched a batch at a time (what is folded so far, then from a
    block on): the matches of each batch come after the others', and together they are
    those of one search of the whole, the exact way of searching included."""
    blocks = [*build_blocks(seed_article), Block("paragraph", "Sanksi für die Straße.")]
    expected = Finder(blocks).find("sanksi")
    made: list[Block] = []
    state = FindMatches(made)
    state.find("sanksi", fold_new=False)
    assert state.matches == [] and state.searched == 0
    for start in range(0, len(blocks), 7):
        made.extend(blocks[start : start + 7])
        state.fold_more(5)  # fewer than made: the rest in the next batch
        before = list(state.matches)
        state.extend()
        assert state.matches[: len(before)] == before  # only added after
        assert state.searched == state.folded
    while state.folded < len(made):
        state.fold_more(5)
        state.extend()
    assert state.matches == expected
    assert Finder(blocks).find("SANKSI", since=len(blocks) - 1) == [expected[-1]]
    assert Finder(blocks).find("sanksi", fold_new=False) == []  # nothing folded yet
