"""The article cache: a hit gives the same article, anything wrong falls back to the file."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _cache_lines import read_document, write_document

from reader.core.errors import ArticleError, ReaderError
from reader.core.format import cache, dump_article, load_article
from reader.core.model import Article, Quote, Section


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private cache folder (never the user's)."""
    return tmp_path / "cache"


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache files of every size, so the tests can use the small seed article."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)


def _article_file(tmp_path: Path, article: Article, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dump_article(article), encoding="utf-8")
    return path


def _entry(folder: Path, path: Path) -> Path:
    return folder / f"{cache.cache_key(path.read_bytes())}.json"


def _cached(path: Path, folder: Path) -> Article:
    """Load ``path`` once, writing its entry; fail if there was nothing to write."""
    article, store = cache.load_article_cached(path, folder=folder)
    assert store is not None
    store()
    assert _entry(folder, path).is_file()
    return article


def test_a_hit_gives_an_equal_article_and_nothing_to_write(
    tmp_path: Path, folder: Path, seed_path: Path, any_size: None
) -> None:
    path = _article_file(tmp_path, load_article(seed_path))
    first = _cached(path, folder)
    again, store = cache.load_article_cached(path, folder=folder)
    assert store is None  # a hit
    assert again == first == load_article(path)


def test_the_entry_is_json_holding_the_article(
    tmp_path: Path, folder: Path, seed_path: Path, any_size: None
) -> None:
    path = _article_file(tmp_path, load_article(seed_path))
    _cached(path, folder)
    document = read_document(_entry(folder, path))[1]
    assert document["key"] == cache.cache_key(path.read_bytes())
    assert document["article"]["title"] == load_article(path).title
    assert _entry(folder, path).stat().st_mode & 0o077 == 0  # private, like the state


def test_the_hit_is_what_the_cache_holds(
    tmp_path: Path, folder: Path, seed_path: Path, any_size: None
) -> None:
    """Proves the entry is read on a hit (the other tests prove that it is checked)."""
    path = _article_file(tmp_path, load_article(seed_path))
    _cached(path, folder)
    entry = _entry(folder, path)
    head, document = read_document(entry)
    document["article"]["title"] = "From the cache"
    write_document(entry, head, document)
    article, store = cache.load_article_cached(path, folder=folder)
    assert (article.title, store) == ("From the cache", None)


def test_a_small_file_is_cached_too(tmp_path: Path, folder: Path, seed_path: Path) -> None:
    """Reopening a small article skips importing PyYAML (a tenth of the app's start)."""
    path = _article_file(tmp_path, load_article(seed_path))
    assert path.stat().st_size < 100_000
    article, store = cache.load_article_cached(path, folder=folder)
    assert store is not None and article == load_article(path)
    store()
    again, store = cache.load_article_cached(path, folder=folder)
    assert store is None and again == article
    assert _entry(folder, path).exists()


_REOPEN = """
import sys
from reader.core.format.cache import load_article_cached
from pathlib import Path
article, store = load_article_cached(Path(sys.argv[1]), folder=Path(sys.argv[2]))
if store is not None:
    store()
print(article.title)
print(" ".join(sorted(m for m in sys.modules if m == "yaml" or m.startswith("yaml."))))
"""


def test_reopening_from_the_cache_never_imports_yaml(
    tmp_path: Path, folder: Path, seed_path: Path
) -> None:
    """The first open parses the YAML; the next one reads only the JSON entry."""
    path = _article_file(tmp_path, load_article(seed_path))

    def open_once() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", _REOPEN, str(path), str(folder)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split("\n")

    first = open_once()
    assert first[0] == load_article(seed_path).title and "yaml" in first[1].split()
    again = open_once()
    assert again[0] == first[0] and again[1] == ""


def _big(seed: Article, copies: int) -> Article:
    """The seed's sections and quotes repeated ``copies`` times."""
    sections: list[Section] = []
    quotes: list[Quote] = []
    for copy in range(copies):
        for section in seed.sections:
            sections.append(dataclasses.replace(section, id=f"{section.id}-{copy}"))
        for quote in seed.quotes:
            if quote.section != "lead":
                new_id, section_id = f"q{len(quotes)}", f"{quote.section}-{copy}"
                quotes.append(dataclasses.replace(quote, id=new_id, section=section_id))
    return dataclasses.replace(seed, sections=tuple(sections), quotes=tuple(quotes))


def test_a_big_file_is_cached_and_read_back(
    tmp_path: Path, folder: Path, seed_article: Article
) -> None:
    copies = 2 * cache.MIN_BYTES // len(dump_article(seed_article).encode()) + 2
    path = _article_file(tmp_path, _big(seed_article, copies))
    assert path.stat().st_size >= cache.MIN_BYTES
    first = _cached(path, folder)
    again, store = cache.load_article_cached(path, folder=folder)
    assert store is None
    assert again == first == load_article(path)


def test_a_changed_file_misses(
    tmp_path: Path, folder: Path, seed_article: Article, any_size: None
) -> None:
    path = _article_file(tmp_path, seed_article)
    _cached(path, folder)
    path.write_text(dump_article(dataclasses.replace(seed_article, title="Changed")))
    article, store = cache.load_article_cached(path, folder=folder)
    assert store is not None
    assert article.title == "Changed"


def test_another_reader_version_misses(
    tmp_path: Path, folder: Path, seed_article: Article, any_size: None, monkeypatch: Any
) -> None:
    path = _article_file(tmp_path, seed_article)
    _cached(path, folder)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.load_article_cached(path, folder=folder)[1] is not None


def _edit_article(change: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        change(document["article"])

    return edit


def _set(where: Callable[[dict[str, Any]], Any], key: Any, value: Any) -> Callable[..., None]:
    def edit(document: dict[str, Any]) -> None:
        where(document)[key] = value

    return edit


# Each edit makes an entry the loader would refuse as an article (or that is not an
# entry at all); every one must be ignored in favour of the file.
TAMPERED: dict[str, Callable[[dict[str, Any]], None]] = {
    "not an object": lambda d: d.clear(),
    "other format": _set(lambda d: d, "format", cache.CACHE_FORMAT + 1),
    "old format": _set(lambda d: d, "format", cache.CACHE_FORMAT - 1),
    "format as text": _set(lambda d: d, "format", str(cache.CACHE_FORMAT)),
    "marked as a head": _set(lambda d: d, "part", "head"),
    "other part": _set(lambda d: d, "part", "whole"),
    "other key": _set(lambda d: d, "key", "0" * 64),
    "extra field": _set(lambda d: d["article"], "extra", 1),
    "missing title": _edit_article(lambda a: a.pop("title")),
    "title a number": _set(lambda d: d["article"], "title", 42),
    "blank title": _set(lambda d: d["article"], "title", "   "),
    "bad id": _set(lambda d: d["article"], "id", "Not An Id"),
    "escape in text": _set(lambda d: d["article"]["sections"][0]["paragraphs"], 0, "\x1b[2Jx"),
    "bidi override": _set(lambda d: d["article"], "title", "abc\u202edef"),
    "paragraphs as text": _set(lambda d: d["article"]["sections"][0], "paragraphs", "text"),
    "no paragraphs": _set(lambda d: d["article"]["sections"][0], "paragraphs", []),
    "no sections": _set(lambda d: d["article"], "sections", []),
    "section extra field": _set(lambda d: d["article"]["sections"][0], "x", None),
    "lead as section id": _set(lambda d: d["article"]["sections"][0], "id", "lead"),
    "duplicate section": _edit_article(lambda a: a["sections"].append(a["sections"][0])),
    "unknown speaker": _set(lambda d: d["article"]["quotes"][0], "speaker", "nobody"),
    "quote not in text": _set(lambda d: d["article"]["quotes"][0], "text", "never said"),
    "paragraph float": _set(lambda d: d["article"]["quotes"][0], "paragraph", 0.0),
    "paragraph bool": _set(lambda d: d["article"]["quotes"][0], "paragraph", False),
    "paragraph out of range": _set(lambda d: d["article"]["quotes"][0], "paragraph", 999),
    "other kind": _set(lambda d: d["article"]["quotes"][0], "kind", "rumour"),
    "quote missing kind": _edit_article(lambda a: a["quotes"][0].pop("kind")),
    "duplicate quote": _edit_article(lambda a: a["quotes"].append(a["quotes"][0])),
    "aliases as text": _set(lambda d: d["article"]["speakers"][0], "aliases", "Lavrov"),
    "link not in notice": _set(lambda d: d["article"]["footer"]["cookie"], "link_text", "zzz"),
    "schema 2": _set(lambda d: d["article"], "schema", 2),
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_entry_falls_back_to_the_file(
    case: str, tmp_path: Path, folder: Path, seed_article: Article, any_size: None
) -> None:
    path = _article_file(tmp_path, seed_article)
    _cached(path, folder)
    entry = _entry(folder, path)
    head, document = read_document(entry)
    TAMPERED[case](document)
    write_document(entry, head, document)
    article, store = cache.load_article_cached(path, folder=folder)
    assert store is not None  # a miss: the entry will be written again
    assert article == load_article(path)


CORRUPT: dict[str, bytes] = {
    "empty": b"",
    "truncated": b'{"format": 1, "reader": "0',
    "not utf-8": b'{"format": "\xff\xfe"}',
    "nan": b"NaN",
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "huge number": b"9" * 10_000,
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_a_corrupt_entry_falls_back_to_the_file(
    case: str, tmp_path: Path, folder: Path, seed_article: Article, any_size: None
) -> None:
    path = _article_file(tmp_path, seed_article)
    _cached(path, folder)
    _entry(folder, path).write_bytes(CORRUPT[case])
    article, store = cache.load_article_cached(path, folder=folder)
    assert store is not None
    assert article == load_article(path)
    store()  # and the entry is replaced by a good one
    assert cache.load_article_cached(path, folder=folder)[1] is None


def test_an_entry_that_is_not_a_file_falls_back(
    tmp_path: Path, folder: Path, seed_article: Article, any_size: None
) -> None:
    path = _article_file(tmp_path, seed_article)
    folder.mkdir()
    os.mkfifo(_entry(folder, path))  # would block a plain open()
    article, store = cache.load_article_cached(path, folder=folder)
    assert article == load_article(path)
    assert store is not None


def test_a_bad_file_is_reported_as_without_the_cache(
    tmp_path: Path, folder: Path, any_size: None
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("schema: 1\nid: x\n")
    with pytest.raises(ArticleError) as cached:
        cache.load_article_cached(path, folder=folder)
    with pytest.raises(ArticleError) as plain:
        load_article(path)
    assert str(cached.value) == str(plain.value)
    with pytest.raises(ReaderError, match="no such file"):
        cache.load_article_cached(tmp_path / "missing.yaml", folder=folder)
    assert not folder.exists()


def test_an_unwritable_cache_folder_changes_nothing(
    tmp_path: Path, seed_article: Article, any_size: None
) -> None:
    path = _article_file(tmp_path, seed_article)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("a file where the cache folder should be")
    article, store = cache.load_article_cached(path, folder=not_a_folder / "cache")
    assert article == load_article(path)
    assert store is not None
    store()  # does not raise
    assert cache.write_entry(not_a_folder / "cache", "0" * 64, article) is False
    assert not_a_folder.read_text().startswith("a file")


def _touch(path: Path, age: float) -> None:
    path.write_text("{}")
    moment = time.time() - age
    os.utime(path, (moment, moment))


def test_eviction_keeps_the_most_recently_used_entries(folder: Path) -> None:
    folder.mkdir()
    names = [f"{n:064x}.json" for n in range(5)]
    for age, name in enumerate(names):
        _touch(folder / name, 100 - age)  # the last one is the newest
    (folder / "notes.txt").write_text("not ours")
    cache.evict(folder, keep=3)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names[2:], "notes.txt"])


def test_eviction_keeps_the_total_size_bounded(folder: Path) -> None:
    folder.mkdir()
    names = [f"{n:064x}.json" for n in range(4)]
    for age, name in enumerate(names):
        _touch(folder / name, 100 - age)
        (folder / name).write_bytes(b"x" * 100)
        os.utime(folder / name, (time.time() - 100 + age,) * 2)
    cache.evict(folder, max_bytes=250)
    assert sorted(p.name for p in folder.iterdir()) == names[2:]


def test_eviction_removes_stale_temporary_files_only(folder: Path) -> None:
    folder.mkdir()
    stale = folder / f".{'a' * 64}.x1y2.tmp"
    fresh = folder / f".{'b' * 64}.x1y2.tmp"
    _touch(stale, cache.STALE_TEMP_SECONDS + 60)
    _touch(fresh, 1)
    cache.evict(folder)
    assert not stale.exists() and fresh.exists()


def test_a_hit_makes_an_entry_the_most_recently_used(
    tmp_path: Path, folder: Path, seed_article: Article, any_size: None
) -> None:
    path = _article_file(tmp_path, seed_article)
    _cached(path, folder)
    entry = _entry(folder, path)
    os.utime(entry, (1, 1))
    assert cache.load_article_cached(path, folder=folder)[1] is None
    assert entry.stat().st_mtime > 1


def test_writing_evicts(
    tmp_path: Path, folder: Path, seed_article: Article, any_size: None, monkeypatch: Any
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    paths = [
        _article_file(tmp_path, dataclasses.replace(seed_article, title=f"T{n}"), f"{n}.yaml")
        for n in range(3)
    ]
    for n, path in enumerate(paths):
        _cached(path, folder)
        os.utime(_entry(folder, path), (1000 + n, 1000 + n))
    # the newest entry was just written; of the two before it, the older went
    assert sorted(folder.glob("*.json")) == sorted(_entry(folder, p) for p in paths[1:])


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("READER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform == "linux":  # platformdirs follows the XDG spec there
        assert cache.cache_dir() == tmp_path / "xdg" / "reader"


def test_tests_never_use_the_real_cache() -> None:
    assert "READER_CACHE_DIR" in os.environ


def test_the_entry_is_written_in_lines_of_a_few_sections_or_quotes(
    tmp_path: Path, folder: Path, seed_path: Path, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamed a few sections and quotes at a time, in lines of their own (each read
    on its own: one parse of a huge article's whole held the screen for tens of ms),
    the entry holds exactly the document of the whole article (every batch boundary,
    empty sections and quotes), and is read back as the article."""
    from reader.core.format import article_to_data

    seed = load_article(seed_path)
    monkeypatch.setattr(cache, "WRITE_BATCH", 2)
    for article in (
        seed,
        dataclasses.replace(seed, quotes=()),
        dataclasses.replace(seed, sections=(), quotes=()),
    ):
        key = "0" * 64
        entry = folder / f"{key}.json"
        assert cache.write_entry(folder, key, article)
        assert read_document(entry) == (
            None,
            {
                "format": cache.CACHE_FORMAT,
                "reader": cache.__version__,
                "key": key,
                "article": article_to_data(article),
            },
        )
        lines = entry.read_bytes().split(b"\n")
        assert all(len(json.loads(line)) <= 2 for line in lines[1:])
        assert len(lines) == 1 + -(-len(article.sections) // 2) + -(-len(article.quotes) // 2)
        if article.sections:
            assert cache.read_entry(folder, key) == article


def test_a_line_of_sections_holds_a_bounded_amount_of_text(folder: Path, seed_path: Path) -> None:
    seed = load_article(seed_path)
    long = "A long paragraph. " * (cache.BATCH_CHARS // 40)
    sections = tuple(
        dataclasses.replace(section, id=f"s{n}", paragraphs=(long,))
        for n, section in enumerate(seed.sections * 3)
    )
    article = dataclasses.replace(seed, sections=sections, quotes=())
    key = "1" * 64
    assert cache.write_entry(folder, key, article)
    lines = (folder / f"{key}.json").read_bytes().split(b"\n")
    assert json.loads(lines[0])["part"] == "head"
    assert json.loads(lines[1])["sections"] == len(sections)
    assert len(lines[2:]) > 1
    for line in lines[2:]:
        assert sum(len(p) for item in json.loads(line) for p in item["paragraphs"]) <= max(
            cache.BATCH_CHARS, len(long)
        )
    assert cache.read_entry(folder, key) == article


def test_an_entry_whose_first_line_is_longer_than_a_head_is_read(
    folder: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small article with many speakers (a first line past HEAD_READ) is still read."""
    seed = load_article(seed_path)
    key = "3" * 64
    assert cache.write_entry(folder, key, seed)
    first = (folder / f"{key}.json").read_bytes().split(b"\n")[0]
    monkeypatch.setattr(cache, "HEAD_READ", len(first) // 2)
    assert cache.read_head(folder, key) == (seed, True, None)


def test_an_entry_laid_out_otherwise_is_not_read(
    folder: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines missing, one too many, a batch across sections and quotes, the whole on
    one line as format 3 wrote it: the file is read instead."""
    monkeypatch.setattr(cache, "WRITE_BATCH", 2)
    seed = load_article(seed_path)
    key = "2" * 64
    entry = folder / f"{key}.json"
    assert cache.write_entry(folder, key, seed)
    lines = entry.read_bytes().split(b"\n")
    document = read_document(entry)[1]
    assert len(lines) > 3
    for changed in (
        lines[:-1],
        [*lines, lines[-1]],
        [*lines, b""],
        [lines[0], lines[1] + lines[2]],
        [json.dumps({**document, "format": 3}).encode()],
        [json.dumps(document).encode()],
        # a count below zero, with no lines for it
        [_counted(lines[0], quotes=-1), *lines[1:3]],
    ):
        entry.write_bytes(b"\n".join(changed))
        assert cache.read_entry(folder, key) is None
        assert cache.read_head(folder, key) is None


def _counted(envelope: bytes, **counts: int) -> bytes:
    """An entry's envelope line with other counts of sections or quotes."""
    return json.dumps({**json.loads(envelope), **counts}).encode()


def test_an_entry_too_big_to_read_back_is_not_written(
    tmp_path: Path, folder: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 2000)
    assert not cache.write_entry(folder, "1" * 64, load_article(seed_path))
    assert list(folder.iterdir()) == []  # neither the entry nor a temporary file


def _shares_repeated_names(article: Article) -> None:
    """Each quote's speaker and section are the speaker's and the section's own id
    strings, and its kind one string per kind, not a copy per quote."""
    speakers = {speaker.id: speaker.id for speaker in article.speakers}
    sections = {section.id: section.id for section in article.sections}
    kinds: dict[str, str] = {}
    assert len(article.quotes) > len(speakers)
    for quote in article.quotes:
        assert quote.speaker is speakers[quote.speaker]
        if quote.section in sections:
            assert quote.section is sections[quote.section]
        assert quote.kind is kinds.setdefault(quote.kind, quote.kind)


def test_quotes_share_their_speakers_sections_and_kinds(
    tmp_path: Path, folder: Path, seed_path: Path, any_size: None
) -> None:
    """A big article names the same few speakers and sections in thousands of quotes:
    read from its YAML and from the cache, each name is held once."""
    path = _article_file(tmp_path, load_article(seed_path))
    _shares_repeated_names(_cached(path, folder))  # from the YAML
    again, store = cache.load_article_cached(path, folder=folder)
    assert store is None  # from the cache
    _shares_repeated_names(again)
