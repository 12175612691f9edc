"""Word tables kept between runs: used only when written by the same code and data, and
never changing what the importer makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.importer import import_text, kept_files, word_cache
from reader.importer.attribution import tokens
from reader.importer.attribution.flags import word_flags
from reader.importer.language_data import language

ARTICLE = (
    "Warga Bandung Menanam Seribu Pohon di Taman Kota\n\n"
    "Sebanyak seribu pohon ditanam warga Bandung pada Minggu pagi di sepanjang sungai.\n\n"
    "“Kami ingin kota ini lebih hijau dan teduh,” kata Siti Rahmawati, ketua panitia.\n\n"
    "Menurut Siti, kegiatan serupa akan diadakan lagi tahun depan di lima kecamatan.\n"
)


@pytest.fixture(autouse=True)
def fresh_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with empty word tables and nothing loaded (none of its tables
    reaches another test); here a table is written back from one new word on."""
    monkeypatch.setattr(tokens, "_TABLES", {})
    monkeypatch.setattr(word_cache, "_loaded", {})
    monkeypatch.setattr(word_cache, "MIN_NEW_WORDS", 1)


def _table(code: str = "id") -> tokens.WordTable:
    return tokens.word_table(language(code))


def _key(code: str = "id") -> str:
    key = word_cache.table_key(language(code))
    assert key is not None
    return key


def _keep(data: bytes, folder: Path) -> None:
    """Keep ``data`` as the Indonesian table, as the importer does (with its digest)."""
    assert kept_files.keep(word_cache.cache_path("id").name, data, folder)


def _kept(folder: Path) -> bytes:
    data = kept_files.kept_bytes(word_cache.cache_path("id").name, 1 << 26, folder)
    assert data is not None
    return data


def test_a_table_reads_back_as_written() -> None:
    table = {"Bandung": 7, "kata": 1 << 41, "warga": 0, "Zoë": 3}
    data = word_cache.encode(_key(), {**table, " kata": 99})
    assert word_cache.decode(data, _key()) == table  # the spaced form is not kept


@pytest.mark.parametrize("damage", ["other key", "cut", "longer", "magic", "count"])
def test_a_damaged_or_foreign_file_is_not_read(damage: str) -> None:
    data = word_cache.encode(_key(), {"Bandung": 7, "warga": 0})
    if damage == "other key":
        assert word_cache.decode(data, _key("en")) is None
        return
    broken = {
        "cut": data[:-3],
        "longer": data + b"\0" * 8,
        "magic": b"x" + data[1:],
        "count": data.replace(b" 2\n", b" 3\n", 1),
    }[damage]
    assert word_cache.decode(broken, _key()) is None


def test_the_key_follows_the_language_data_and_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, before_en = _key(), _key("en")
    source = tmp_path / "flags.py"
    source.write_text("# the flags worked out another way\n")
    real = word_cache._sources
    monkeypatch.setattr(word_cache, "_sources", lambda: [*real()[1:], source])
    assert _key() != before
    assert _key("en") != before_en


def test_a_saved_table_fills_a_new_process_table(tmp_path: Path) -> None:
    table = _table()
    for word in ("Bandung", "warga", "kata", "Siti", "menanam"):
        table[word]  # works the word out, as the tokenizer does
    assert word_cache.save(("id",), tmp_path) == 1
    saved = dict(table)
    tokens._TABLES.clear()  # a new process: empty tables
    assert len(_table()) == 0
    assert word_cache.load(("id",), tmp_path) == len(saved)
    assert dict(_table()) == saved


def test_a_table_whose_words_get_other_flags_now_is_not_used(tmp_path: Path) -> None:
    lang = language("id")
    listed = _table().listed
    words = {w: word_flags(w, lang, listed) for w in ("Bandung", "warga", "kata")}
    first = next(iter(words))  # a sampled word (every SAMPLE_EVERY-th, from the first)
    words[first] ^= 1 << 40
    _keep(word_cache.encode(_key(), words), tmp_path)
    assert word_cache.load(("id",), tmp_path) == 0
    assert len(_table()) == 0


def test_a_table_written_under_another_key_is_not_used(tmp_path: Path) -> None:
    _keep(word_cache.encode("0" * 64, {"Bandung": 0}), tmp_path)
    assert word_cache.load(("id",), tmp_path) == 0
    _keep(b"not a table at all", tmp_path)
    assert word_cache.load(("id",), tmp_path) == 0
    assert len(_table()) == 0


def test_a_few_new_words_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_cache, "MIN_NEW_WORDS", 2000)
    _table()["Bandung"]
    assert word_cache.save(("id",), tmp_path) == 0
    assert not word_cache.cache_path("id", tmp_path).exists()


def test_saving_merges_with_what_another_import_wrote(tmp_path: Path) -> None:
    lang = language("id")
    listed = _table().listed
    other = {w: word_flags(w, lang, listed) for w in ("Medan", "pohon")}
    _keep(word_cache.encode(_key(), other), tmp_path)
    _table()["Bandung"]
    assert word_cache.save(("id",), tmp_path) == 1
    kept = word_cache.decode(_kept(tmp_path), _key())
    assert kept is not None and set(kept) == {"Medan", "pohon", "Bandung"}


def test_the_article_is_the_same_with_a_kept_table_as_without(tmp_path: Path) -> None:
    cold = import_text(ARTICLE)
    assert word_cache.save(("id",), tmp_path) == 1
    tokens._TABLES.clear()
    assert word_cache.load(("id",), tmp_path) > 10
    assert import_text(ARTICLE) == cold
    assert cold.quotes and cold.speakers[0].name == "Siti Rahmawati"


def test_a_kept_table_holds_at_most_the_first_words_met(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big import's vocabulary does not make every later start read it all."""
    monkeypatch.setattr(word_cache, "MAX_KEPT_WORDS", 3)
    lang = language("id")
    listed = _table().listed
    earlier = {w: word_flags(w, lang, listed) for w in ("Medan", "pohon")}
    _keep(word_cache.encode(_key(), earlier), tmp_path)
    for word in ("Bandung", "warga", "kata"):
        _table()[word]
    assert word_cache.save(("id",), tmp_path) == 1
    kept = word_cache.decode(_kept(tmp_path), _key())
    assert kept is not None and list(kept) == ["Medan", "pohon", "Bandung"]


def test_a_flipped_flag_of_a_word_not_sampled_is_detected(tmp_path: Path) -> None:
    """Only every SAMPLE_EVERY-th word is worked out again; the digest catches the rest."""
    cold = import_text(ARTICLE)
    assert word_cache.save(("id",), tmp_path) == 1
    table = word_cache.decode(_kept(tmp_path), _key())
    assert table is not None and len(table) > 2
    path = word_cache.cache_path("id", tmp_path)
    data = bytearray(path.read_bytes())
    flags_at = len(data) - len(table) * 8
    data[flags_at + 8 + 5] ^= 0x10  # the second word's flags (the first is sampled)
    path.write_bytes(bytes(data))
    tokens._TABLES.clear()
    assert word_cache.load(("id",), tmp_path) == 0
    assert import_text(ARTICLE) == cold


def test_a_full_file_is_not_written_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the file holds MAX_KEPT_WORDS, the merge adds nothing: no worker rewrites it."""
    monkeypatch.setattr(word_cache, "MAX_KEPT_WORDS", 2)
    lang = language("id")
    listed = _table().listed
    _keep(
        word_cache.encode(_key(), {w: word_flags(w, lang, listed) for w in ("Medan", "pohon")}),
        tmp_path,
    )
    path = word_cache.cache_path("id", tmp_path)
    os.utime(path, (1_000_000, 1_000_000))
    _table()["Bandung"]
    assert word_cache.save(("id",), tmp_path) == 0
    assert path.stat().st_mtime == 1_000_000


def test_a_killed_writers_old_temporary_files_are_removed(tmp_path: Path) -> None:
    old = [tmp_path / ".words-id.bin.x1.tmp", tmp_path / ".language-en.json.x2.tmp"]
    young = tmp_path / ".words-en.bin.x3.tmp"
    other = tmp_path / ".styles.json.x4.tmp"
    for path in (*old, young, other):
        path.write_bytes(b"half")
    for path in (*old, other):
        os.utime(path, (1_000_000, 1_000_000))
    _table()["Bandung"]
    assert word_cache.save(("id",), tmp_path) == 1
    assert not any(p.exists() for p in old)
    assert young.exists() and other.exists()
