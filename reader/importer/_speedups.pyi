"""Types of the optional C speedups (``_speedups.c``); see :mod:`reader.importer.compiled`."""

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

SOURCE_SHA256: str

def lexicon() -> object: ...
def scan(
    text: str,
    table: Mapping[str, int],
    lexicon: object,
    bits: tuple[int, int, int, int],
    max_words: int,
    lower: set[str] | None = None,
    /,
) -> tuple[list[str], list[int], list[int], list[int]]: ...
def cap_stats(
    paragraphs: Sequence[object],
    bits: tuple[int, int, int, int, int, int],
    places: AbstractSet[str],
    counts: dict[str, int],
    follows: dict[str, set[str]],
    cued: set[str],
    inside: set[str],
    speakers: set[str],
    known: set[str],
    placed: list[tuple[int, int]],
    /,
) -> None: ...
def count_words(text: str, lists: tuple[AbstractSet[str], ...], /) -> list[int]: ...
def read_lines(text: str, /) -> list[str]: ...
