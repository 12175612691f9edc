"""A big article's end, carried in the cache's head line: its last sections and their
quotes, shown by G before the whole is read, and trusted only if the whole ends with it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from _big import big_article, write_big
from _cache_lines import read_document

from reader.core.format import cache, fast, load_article
from reader.core.format.fast import reads_back_as_is
from reader.core.format.head import END_CHARS, article_end, article_head, end_of, ends_with
from reader.core.format.opening import open_article


def test_the_end_is_the_last_sections_and_their_quotes_never_the_heads() -> None:
    whole = big_article()
    head = article_head(whole)
    assert head is not None
    end = article_end(whole, head)
    assert end is not None
    count = len(end.article.sections)
    assert 1 < count < len(whole.sections) - len(head.sections)
    assert end.article.sections == whole.sections[-count:]
    assert end.at == len(whole.sections) - count
    assert sum(len(p) for s in end.article.sections for p in s.paragraphs) >= END_CHARS
    kept = {s.id for s in end.article.sections}
    assert end.article.quotes == tuple(q for q in whole.quotes if q.section in kept)
    assert reads_back_as_is(end.article)
    assert ends_with(whole, end)
    assert not ends_with(whole, end_of(whole, count + 1)._replace(at=end.at))
    other = dataclasses.replace(end.article, quotes=end.article.quotes[1:])
    assert not ends_with(whole, end._replace(article=other))


def test_the_end_never_reaches_into_the_head() -> None:
    whole = big_article(sections=6)
    head = dataclasses.replace(whole, sections=whole.sections[:5])
    end = article_end(whole, head)
    assert end is not None and end.article.sections == whole.sections[5:] and end.at == 5
    assert article_end(whole, whole) is None


def _entry(tmp_path: Path, folder: Path) -> tuple[Path, str, Path]:
    path = write_big(tmp_path)
    key = cache.cache_key(path.read_bytes())
    assert cache.write_entry(folder, key, load_article(path))
    return path, key, folder / f"{key}.json"


def test_a_reopened_big_article_comes_with_its_end(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path, _, _ = _entry(tmp_path, folder)
    whole = load_article(path)
    opening = open_article(path, folder=folder)
    head = article_head(whole)
    assert head is not None and opening.article == head
    assert opening.end == article_end(whole, head)
    assert opening.rest is not None
    rest = opening.rest()
    assert rest.extends and rest.ends


def _rewrite_head_line(entry: Path, change: object) -> None:
    first, second = entry.read_bytes().split(b"\n", 1)
    document = json.loads(first)
    change(document)  # type: ignore[operator]
    entry.write_bytes(json.dumps(document).encode() + b"\n" + second)


def test_an_end_the_whole_does_not_end_with_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path, _, entry = _entry(tmp_path, folder)

    def other_text(document: dict) -> None:  # type: ignore[type-arg]
        section = document["end"]["article"]["sections"][-1]
        section["paragraphs"][0] = "Something the file does not say."

    _rewrite_head_line(entry, other_text)
    opening = open_article(path, folder=folder)
    assert opening.end is not None
    assert opening.end.article.sections[-1].paragraphs[0] == "Something the file does not say."
    assert opening.rest is not None
    rest = opening.rest()
    assert rest.extends and not rest.ends and rest.article == load_article(path)


def test_a_malformed_end_is_dropped_and_the_head_still_shown(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path, key, entry = _entry(tmp_path, folder)
    head = article_head(load_article(path))
    for change in (
        lambda d: d["end"].update(at="7"),
        lambda d: d["end"].update(at=1),  # inside the head
        lambda d: d["end"].pop("at"),
        lambda d: d["end"]["article"].update(title="\x1b[2J"),
        lambda d: d["end"]["article"].update(sections="abc"),
    ):
        _entry(tmp_path, folder)
        _rewrite_head_line(entry, change)
        found = cache.read_head(folder, key)
        assert found is not None and found == (head, False, None)


def test_an_end_outside_a_head_line_makes_the_entry_unusable(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _, key, entry = _entry(tmp_path, folder)
    first, envelope, rest = entry.read_bytes().split(b"\n", 2)
    whole = json.loads(envelope)
    whole["end"] = json.loads(first)["end"]
    entry.write_bytes(first + b"\n" + json.dumps(whole).encode() + b"\n" + rest)
    assert cache.read_entry(folder, key) is None


def test_an_entry_of_the_format_before_is_never_read(tmp_path: Path) -> None:
    """An entry of a format before (2: without the end; 3: the whole on one line) is
    another key, and one found under the current key is refused by its format: the
    file is read instead."""
    folder = tmp_path / "cache"
    path, key, entry = _entry(tmp_path, folder)
    head, whole = read_document(entry)
    assert head is not None
    for old in (2, 3):
        old_first, old_second = {**head, "format": old}, {**whole, "format": old}
        if old == 2:
            del old_first["end"]
        entry.write_bytes(json.dumps(old_first).encode() + b"\n" + json.dumps(old_second).encode())
        assert cache.read_head(folder, key) is None and cache.read_entry(folder, key) is None
    opening = open_article(path, folder=folder)
    assert opening.end is None  # the file's own head, cut from its YAML
    assert opening.rest is not None and opening.rest().article == load_article(path)


def test_a_big_article_is_checked_clean_a_chunk_of_text_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check that every text is clean asks clean_text about a chunk at a time (one
    call over a 5 MB article's text held the interpreter, and the screen, 10-25 ms),
    and still finds a text that is not clean in any chunk."""
    asked: list[int] = []
    clean_text = fast.clean_text

    def recorded(text: str) -> str:
        asked.append(len(text))
        return clean_text(text)

    monkeypatch.setattr(fast, "clean_text", recorded)
    monkeypatch.setattr(fast, "CLEAN_CHUNK", 8192)
    whole = big_article()
    longest = max(len(p) for s in whole.sections for p in s.paragraphs)
    assert sum(len(p) for s in whole.sections for p in s.paragraphs) > 3 * fast.CLEAN_CHUNK
    assert reads_back_as_is(whole)
    assert len(asked) > 3 and max(asked) <= fast.CLEAN_CHUNK + longest
    for where in (0, len(whole.sections) // 2, -1):
        section = whole.sections[where]
        dirty = dataclasses.replace(section, paragraphs=("\x1b[2J" + section.paragraphs[0],))
        sections = list(whole.sections)
        sections[where] = dirty
        assert not reads_back_as_is(dataclasses.replace(whole, sections=tuple(sections)))
