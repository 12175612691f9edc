"""Big articles opened head first: the head is a valid prefix of the whole, read first
from the cache or cut from the file, and never trusted beyond what the whole confirms."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from _big import big_article, write_big

from reader.core.errors import ArticleError, ReaderError
from reader.core.format import cache, load_article
from reader.core.format.fast import reads_back_as_is
from reader.core.format.head import (
    HEAD_SECTIONS,
    article_end,
    article_head,
    begins_with,
    yaml_head,
)
from reader.core.format.load import parse_head
from reader.core.format.opening import open_article
from reader.core.model import Article


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_a_head_is_the_first_sections_and_their_quotes_a_valid_article() -> None:
    whole = big_article()
    head = article_head(whole)
    assert head is not None and 1 < len(head.sections) < len(whole.sections)
    assert head.sections == whole.sections[: len(head.sections)]
    kept = {s.id for s in head.sections}
    assert head.quotes == tuple(q for q in whole.quotes if q.section in kept)
    assert (head.speakers, head.footer, head.lead) == (whole.speakers, whole.footer, whole.lead)
    assert reads_back_as_is(head)
    assert begins_with(whole, head)
    other = dataclasses.replace(head, quotes=head.quotes[1:])
    assert not begins_with(whole, other)


def test_a_small_article_has_no_head(seed_article: Article) -> None:
    assert article_head(seed_article) is None


def test_the_head_cut_from_a_file_reads_as_the_head_of_the_whole(tmp_path: Path) -> None:
    path = write_big(tmp_path)
    cut = yaml_head(path.read_bytes())
    assert cut is not None and len(cut) < path.stat().st_size // 3
    head = parse_head(cut.decode("utf-8"))
    whole = load_article(path)
    assert 1 < len(head.sections) < len(whole.sections)
    assert head.quotes  # the quotes of its sections, none of the others
    assert begins_with(whole, head)


def test_a_file_not_laid_out_as_reader_writes_it_has_no_head(
    tmp_path: Path, seed_path: Path
) -> None:
    assert yaml_head(seed_path.read_bytes()) is None  # small
    data = write_big(tmp_path).read_bytes()
    assert yaml_head(data.replace(b"\nsections:\n", b"\nsections: \n  ")) is None
    assert yaml_head(data.replace(b"\nquotes:", b"\nquotations:")) is None


def test_a_big_entry_opens_with_its_head_on_a_line_of_its_own(tmp_path: Path, folder: Path) -> None:
    path = write_big(tmp_path)
    whole = load_article(path)
    key = cache.cache_key(path.read_bytes())
    assert cache.write_entry(folder, key, whole)
    first, second = (folder / f"{key}.json").read_bytes().split(b"\n", 1)
    assert json.loads(first)["part"] == "head"
    envelope = json.loads(second.split(b"\n")[0])  # then the whole, in lines of its own
    assert "part" not in envelope and envelope["sections"] == len(whole.sections)
    head = article_head(whole)
    assert head is not None
    assert cache.read_head(folder, key) == (head, False, article_end(whole, head))
    assert cache.read_entry(folder, key) == whole


def test_opening_a_big_file_shows_its_head_then_reads_the_whole(
    tmp_path: Path, folder: Path
) -> None:
    path = write_big(tmp_path)
    opening = open_article(path, folder=folder)
    assert opening.rest is not None and opening.store is None
    rest = opening.rest()
    assert rest.article == load_article(path) and rest.extends
    assert begins_with(rest.article, opening.article)
    assert rest.store is not None
    rest.store()
    again = open_article(path, folder=folder)  # from the cache: its head, then its whole
    assert again.article == article_head(rest.article)
    assert again.rest is not None
    from_cache = again.rest()
    assert (from_cache.article, from_cache.extends, from_cache.store) == (rest.article, True, None)


def test_a_small_file_opens_whole(tmp_path: Path, folder: Path, seed_path: Path) -> None:
    opening = open_article(seed_path, folder=folder)
    assert opening.rest is None and opening.article == load_article(seed_path)
    assert opening.store is not None
    opening.store()
    assert open_article(seed_path, folder=folder) == opening._replace(store=None)


def test_a_file_whose_rest_is_broken_raises_when_the_rest_is_read(tmp_path: Path) -> None:
    whole = big_article()
    last = whole.quotes[-1]
    quotes = (*whole.quotes[:-1], dataclasses.replace(last, speaker="nobody"))
    path = write_big(tmp_path, dataclasses.replace(whole, quotes=quotes))
    opening = open_article(path, folder=tmp_path / "cache")
    assert opening.rest is not None  # the head was fine
    with pytest.raises(ArticleError, match="nobody"):
        opening.rest()


def test_a_head_the_whole_does_not_begin_with_is_not_extended(tmp_path: Path) -> None:
    whole = big_article()
    # a quote of the first section listed last: past the quotes the cut reads
    again = [dataclasses.replace(q, id=f"{q.id}-{k}") for k in range(3) for q in whole.quotes[1:]]
    moved = (*whole.quotes[1:], *again, whole.quotes[0])
    path = write_big(tmp_path, dataclasses.replace(whole, quotes=moved))
    opening = open_article(path, folder=tmp_path / "cache")
    assert opening.rest is not None
    assert whole.quotes[0] not in opening.article.quotes
    rest = opening.rest()
    assert not rest.extends and rest.article.quotes == moved


def test_a_broken_whole_behind_a_good_head_reads_the_file(tmp_path: Path, folder: Path) -> None:
    path = write_big(tmp_path)
    whole = load_article(path)
    key = cache.cache_key(path.read_bytes())
    cache.write_entry(folder, key, whole)
    entry = folder / f"{key}.json"
    first, second = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(first + b"\n" + second[: len(second) // 2])
    opening = open_article(path, folder=folder)
    assert opening.rest is not None
    rest = opening.rest()
    assert rest.article == whole and rest.extends and rest.store is not None


def test_a_file_changed_behind_a_broken_whole_is_stored_under_its_new_bytes(
    tmp_path: Path, folder: Path
) -> None:
    """The entry's key is the hash of the bytes seen at the open; the file read again
    for the rest may differ by then, and an entry holds one input: the new article goes
    under the new bytes' key, never under the old one."""
    path = write_big(tmp_path)
    old_key = cache.cache_key(path.read_bytes())
    cache.write_entry(folder, old_key, load_article(path))
    entry = folder / f"{old_key}.json"
    first, second = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(first + b"\n" + second[: len(second) // 2])
    opening = open_article(path, folder=folder)
    assert opening.rest is not None
    path.write_bytes(path.read_bytes().replace(b"We use cookies.", b"We eat cookies."))
    changed = load_article(path)
    rest = opening.rest()
    assert rest.article == changed and rest.store is not None
    rest.store()
    assert cache.read_entry(folder, old_key) is None  # not the changed article
    assert cache.read_entry(folder, cache.cache_key(path.read_bytes())) == changed


def test_a_tampered_head_is_not_used(tmp_path: Path, folder: Path) -> None:
    path = write_big(tmp_path)
    whole = load_article(path)
    key = cache.cache_key(path.read_bytes())
    cache.write_entry(folder, key, whole)
    entry = folder / f"{key}.json"
    first, second = entry.read_bytes().split(b"\n", 1)
    document = json.loads(first)
    document["article"]["title"] = "\x1b[2J"
    entry.write_bytes(json.dumps(document).encode() + b"\n" + second)
    assert cache.read_head(folder, key) is None
    opening = open_article(path, folder=folder)
    assert opening.article.title == whole.title  # the file's own head


def test_a_hit_hashes_the_file_without_reading_it_whole(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reopening reads the file only to hash it, a chunk at a time: its bytes are never
    all in memory (reading 5 MB whole only to hash it cost more than the hash)."""
    from reader.core.format import opening

    path = write_big(tmp_path)
    assert cache.file_cache_key(path) == cache.cache_key(path.read_bytes())
    first = open_article(path, folder=folder)
    assert first.rest is not None
    rest = first.rest()
    assert rest.store is not None
    rest.store()

    def whole_file(*args: object) -> bytes:
        raise AssertionError("the file was read whole")

    monkeypatch.setattr(opening, "read_bytes", whole_file)
    again = open_article(path, folder=folder)
    assert again.rest is not None and again.article == article_head(rest.article)


def test_the_hash_of_a_file_too_big_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(ReaderError, match="too large"):
        cache.file_cache_key(path, limit=4999)


def test_a_head_of_many_short_sections_holds_a_screenful_of_them(tmp_path: Path) -> None:
    whole = big_article(sections=2000)
    short = tuple(
        dataclasses.replace(s, paragraphs=(s.paragraphs[0][:60], s.paragraphs[1][:100]))
        for s in whole.sections
    )
    whole = dataclasses.replace(whole, sections=short)
    head = article_head(whole)
    assert head is not None and len(head.sections) == HEAD_SECTIONS
    path = write_big(tmp_path, whole)
    cut = yaml_head(path.read_bytes())
    assert cut is not None
    assert len(parse_head(cut.decode("utf-8")).sections) == HEAD_SECTIONS


def _opened_and_cached(path: Path, folder: Path) -> Article:
    first = open_article(path, folder=folder)
    assert first.rest is not None
    rest = first.rest()
    assert rest.store is not None
    rest.store()
    return rest.article


def test_a_reopen_knows_its_key_from_the_stat_and_hashes_only_after_the_paint(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hashing a 5 MB file before the first frame cost ~8 ms: once cached, the key is
    found by the file's stat, and the hash only confirms it when the rest is read."""
    from reader.core.format import opening

    path = write_big(tmp_path)
    whole = _opened_and_cached(path, folder)
    hashed: list[Path] = []
    real_hash = opening.file_cache_key

    def counted(path: Path, limit: int = opening.MAX_FILE_BYTES) -> str:
        hashed.append(path)
        return real_hash(path, limit)

    monkeypatch.setattr(opening, "file_cache_key", counted)
    again = open_article(path, folder=folder)
    assert again.article == article_head(whole) and again.rest is not None
    assert hashed == []
    rest = again.rest()
    assert hashed == [path]
    assert (rest.article, rest.extends, rest.store) == (whole, True, None)


def test_a_file_changed_under_the_same_stat_is_read_the_full_way(
    tmp_path: Path, folder: Path
) -> None:
    """The key found by stat is only a guess: a file rewritten in place with the same
    size and modification time gets its new whole, laid out again (its head differs)."""
    import os

    from reader.core.format.stat_keys import record_name

    path = write_big(tmp_path)
    old = _opened_and_cached(path, folder)
    before = os.stat(path)
    name = record_name(path)
    assert name is not None and (folder / name).exists()
    with open(path, "r+b") as rewritten:
        data = rewritten.read()
        rewritten.seek(0)
        rewritten.write(data.replace(b"We use cookies.", b"We eat cookies."))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert record_name(path) == name
    again = open_article(path, folder=folder)
    assert again.article == article_head(old)  # the old head, from the stat's guess
    assert again.rest is not None
    rest = again.rest()
    assert rest.article == load_article(path) != old
    assert not rest.extends and rest.store is not None
    rest.store()
    assert open_article(path, folder=folder).article == article_head(rest.article)


def test_eviction_removes_the_records_of_entries_it_removed_and_nothing_else(
    tmp_path: Path, folder: Path
) -> None:
    path = write_big(tmp_path)
    _opened_and_cached(path, folder)
    records = list(folder.glob("*.stat"))
    assert len(records) == 1
    other = folder / "1-2-3-4.stat"
    other.write_text("not a key")
    cache.evict(folder)
    assert records[0].exists()
    cache.evict(folder, keep=0)
    assert not records[0].exists() and other.exists()
