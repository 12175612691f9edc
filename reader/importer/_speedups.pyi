"""Types of the optional C tokenizer (``_speedups.c``); see :mod:`reader.importer.compiled`."""

from collections.abc import Mapping

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
