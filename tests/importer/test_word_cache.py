"""Word tables kept between runs: used only when written by the same code and data, and
never changing what the importer makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importer import import_text, word_cache
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
    before = _key()
    source = tmp_path / "flags.py"
    source.write_text("# the flags worked out another way\n")
    real = word_cache._sources
    monkeypatch.setattr(word_cache, "_sources", lambda: [*real()[1:], source])
    assert _key() != before
    assert _key("en") != before


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
    path = word_cache.cache_path("id", tmp_path)
    path.write_bytes(word_cache.encode(_key(), words))
    assert word_cache.load(("id",), tmp_path) == 0
    assert len(_table()) == 0


def test_a_table_written_under_another_key_is_not_used(tmp_path: Path) -> None:
    path = word_cache.cache_path("id", tmp_path)
    path.write_bytes(word_cache.encode("0" * 64, {"Bandung": 0}))
    assert word_cache.load(("id",), tmp_path) == 0
    path.write_bytes(b"not a table at all")
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
    word_cache.cache_path("id", tmp_path).write_bytes(word_cache.encode(_key(), other))
    _table()["Bandung"]
    assert word_cache.save(("id",), tmp_path) == 1
    kept = word_cache.decode(word_cache.cache_path("id", tmp_path).read_bytes(), _key())
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
    word_cache.cache_path("id", tmp_path).write_bytes(word_cache.encode(_key(), earlier))
    for word in ("Bandung", "warga", "kata"):
        _table()[word]
    assert word_cache.save(("id",), tmp_path) == 1
    kept = word_cache.decode(word_cache.cache_path("id", tmp_path).read_bytes(), _key())
    assert kept is not None and list(kept) == ["Medan", "pohon", "Bandung"]
