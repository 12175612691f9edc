"""The library index: built from a folder, refreshed, searched, and never in the way."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from library_articles import make_article, small_library, write

from reader.core.index import DAMAGED, LibraryIndex, parse_query
from reader.core.index.names import person_key
from reader.core.index.query import QuoteQuery
from reader.core.index.store import INDEX_FORMAT, index_path


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path / "lib"
    return folder, small_library(folder)


def built(folder: Path) -> LibraryIndex:
    index = LibraryIndex(folder)
    index.refresh()
    return index


def test_articles_are_listed_with_their_details_and_broken_files_with_a_reason(
    library: tuple[Path, dict[str, Path]],
) -> None:
    folder, _paths = library
    rows = {Path(r.path).name: r for r in built(folder).articles()}
    assert set(rows) == {"paris.yaml", "geneva.yaml", "quiet.yaml", "broken.yaml"}
    paris = rows["paris.yaml"]
    assert (paris.title, paris.source, paris.date, paris.language) == (
        "Moskow dan Washington di Paris",
        "Rossiyskaya Gazeta",
        "2014-10-14",
        "id",
    )
    assert (paris.quotes, paris.speakers, paris.error) == (2, 2, None)
    assert rows["quiet.yaml"].quotes == 0 and rows["quiet.yaml"].date is None
    broken = rows["broken.yaml"]
    assert broken.error is not None and "tags are not allowed" in broken.error
    assert "\n" not in broken.error and broken.title == "broken.yaml"


def test_one_person_across_articles_is_one_speaker(library: tuple[Path, dict[str, Path]]) -> None:
    folder, _ = library
    index = built(folder)
    persons = {p.name: p for p in index.persons()}
    lavrov = [p for p in persons.values() if person_key(p.name) == "sergei lavrov"]
    assert len(lavrov) == 1
    assert (lavrov[0].quotes, lavrov[0].articles) == (2, 2)
    quotes = index.person_quotes(lavrov[0].row)
    assert {q.text for q in quotes} == {
        "Kita lawan virus Ebola bersama",
        "Sanctions will not help anyone",
    }
    assert len(persons) == 3  # Lavrov, Kerry, Medvedev


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sergei Lavrov", "Dr. Sergéi  LAVROV"),
        ("Budi Santoso", "H. Budi Santoso, S.H., M.Si."),
        ("Siti Aminah", "Ibu Siti Aminah"),
        ("Fyodor Lukyanov", "Prof. Dr. Fyodor Lukyanov"),
    ],
)
def test_person_keys_ignore_case_accents_and_honorifics(one: str, other: str) -> None:
    assert person_key(one) == person_key(other)


def test_person_keys_keep_people_apart() -> None:
    assert person_key("Lavrov") != person_key("Sergei Lavrov")
    assert person_key("Ibu") == "ibu"  # a name that is only an honorific is kept
    assert person_key("Anna Lee") != person_key("Anna Leeds")


def test_quotes_keep_speaker_section_and_paragraph(library: tuple[Path, dict[str, Path]]) -> None:
    folder, _ = library
    index = built(folder)
    [hit], more = index.search("speaker:kerry")
    assert not more
    assert (hit.quote_id, hit.name, hit.role, hit.title) == (
        "q2",
        "John Kerry",
        "Menteri Luar Negeri AS",
        "Moskow dan Washington di Paris",
    )
    conn = sqlite3.connect(index.path)
    assert conn.execute(
        "SELECT section, paragraph FROM quotes WHERE id = ?", (hit.row,)
    ).fetchone() == (
        "body",
        1,
    )


def test_search_by_words_and_speaker(library: tuple[Path, dict[str, Path]]) -> None:
    folder, _ = library
    index = built(folder)
    hits, _ = index.search("speaker:lavrov ebola")
    assert [h.text for h in hits] == ["Kita lawan virus Ebola bersama"]
    assert index.search("speaker:kerry ebola")[0] == []
    # accents fold both ways, and the speaker's name and role are searched too
    assert [h.name for h in index.search("medvedev")[0]] == ["Dmitry Medvédev"]
    assert [h.quote_id for h in index.search("prime minister")[0]] == ["q2"]
    assert index.search('by:"sergei lav" sanctions')[0][0].title == "Talks in Geneva"
    assert index.search("speaker:nobody")[0] == []
    assert index.search("")[0] == []


def test_each_word_is_a_prefix_and_the_core_rule_decides(
    library: tuple[Path, dict[str, Path]],
) -> None:
    folder, _ = library
    index = built(folder)
    assert [h.quote_id for h in index.search("eco")[0]] == ["q2"]  # "economy"
    assert index.search("conomy")[0] == []  # inside a word: not a prefix (documented)
    # FTS5 splits "sama-ini" into two words and finds "sama ini"; the core rule asks
    # for the hyphen and turns it down
    assert index.search("sama-ini")[0] == []
    assert [h.quote_id for h in index.search("sama ini")[0]] == ["q2"]


def test_results_are_newest_first_and_limited(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(30):
        said = [(f"Orang Nomor{n}", "", f"Pendapat umum yang ke {n}")]
        write(folder, f"a{n:02d}.yaml", make_article(f"a{n}", f"Judul {n}", said), mtime=10**18 + n)
    index = built(folder)
    hits, more = index.search("umum", limit=10)
    assert more and len(hits) == 10
    assert [h.title for h in hits] == [f"Judul {n}" for n in range(29, 19, -1)]
    everything, more = index.search("umum", limit=30)
    assert not more and len(everything) == 30


def test_parse_query() -> None:
    assert parse_query("speaker:lavrov ebola") == QuoteQuery(("ebola",), "lavrov")
    assert parse_query('Ebola by:"Sergei Lavrov" virus') == QuoteQuery(
        ("ebola", "virus"), "Sergei Lavrov"
    )
    assert parse_query("speaker: ebola") == QuoteQuery(("ebola",), None)
    assert parse_query("  ").empty


def test_refresh_reads_only_what_changed_and_forgets_deleted_files(
    library: tuple[Path, dict[str, Path]],
) -> None:
    folder, paths = library
    index = LibraryIndex(folder)
    first = index.refresh()
    assert (first.files, first.read, first.broken) == (4, 4, 1)
    again = index.refresh()
    assert (again.read, again.removed) == (0, 0)
    write(
        folder,
        "paris.yaml",
        make_article("paris", "Judul baru", [("John Kerry", "", "Kalimat yang berbeda")]),
        mtime=1_000_000_000_000_000_000 + 1,
    )
    paths["geneva"].unlink()
    changed = index.refresh()
    assert (changed.read, changed.removed) == (1, 1)
    titles = {r.title for r in index.articles()}
    assert titles == {"Judul baru", "Tanpa kutipan", "broken.yaml"}
    assert index.search("sanctions")[0] == []  # the deleted article's quotes are gone
    assert index.search("ebola")[0] == []  # and the changed article's old ones
    assert [h.text for h in index.search("berbeda")[0]] == ["Kalimat yang berbeda"]
    assert all(p.name != "Dmitry Medvédev" for p in index.persons())


def test_a_broken_file_that_is_mended_is_read_again(library: tuple[Path, dict[str, Path]]) -> None:
    folder, _paths = library
    index = built(folder)
    write(folder, "broken.yaml", make_article("mended", "Sudah baik", []))
    index.refresh()
    rows = {Path(r.path).name: r for r in index.articles()}
    assert rows["broken.yaml"].error is None and rows["broken.yaml"].title == "Sudah baik"


def test_extra_files_are_listed_with_the_folder(
    library: tuple[Path, dict[str, Path]], seed_path: Path
) -> None:
    folder, _ = library
    index = LibraryIndex(folder, extra=[seed_path])
    index.refresh()
    assert str(seed_path.resolve()) in {r.path for r in index.articles()}
    assert index.search("speaker:lukyanov")[0]


def test_an_extra_the_folder_holds_a_copy_of_is_listed_once(
    library: tuple[Path, dict[str, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled article beside the user's own import of it: listed once, its quotes
    counted once, back when the copy goes; and an unchanged library reads nothing."""
    folder, _ = library
    bundled = write(
        tmp_path,
        "bundled.yaml",
        make_article("bundled", "Yang dibundel", [("Sergei Lavrov", "Menlu", "Kami setuju")]),
    )
    index = LibraryIndex(folder, extra=[bundled])
    index.refresh()
    assert str(bundled.resolve()) in {r.path for r in index.articles()}

    copy = write(
        folder,
        "my-copy.yaml",
        make_article("bundled", "Yang dibundel", [("Sergei Lavrov", "Menlu", "Kami setuju")]),
    )
    index.refresh()
    listed = {r.path for r in index.articles()}
    assert str(copy.resolve()) in listed and str(bundled.resolve()) not in listed
    assert len(index.search("setuju")[0]) == 1
    assert _listed(index) == _recounted(index)

    from reader.core.index import update as refresh_module

    read: list[str] = []
    load = refresh_module._load
    monkeypatch.setattr(refresh_module, "_load", lambda path: read.append(path) or load(path))
    again = index.refresh()
    assert (again.read, read) == (0, [])  # the extra held back is not read again
    assert str(bundled.resolve()) not in {r.path for r in index.articles()}

    copy.unlink()
    back = index.refresh()
    assert back.read == 1 and read == [str(bundled.resolve())]
    assert str(bundled.resolve()) in {r.path for r in index.articles()}
    assert len(index.search("setuju")[0]) == 1
    assert _listed(index) == _recounted(index)


def _bundled_and_copy(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A library folder holding a copy of an extra file (same article, same id)."""
    folder = tmp_path / "lib"
    small_library(folder)
    article = make_article("bundled", "Yang dibundel", [("Sergei Lavrov", "Menlu", "Setuju")])
    return folder, write(tmp_path, "bundled.yaml", article), write(folder, "copy.yaml", article)


def test_an_extra_inside_the_folder_is_one_of_its_articles(tmp_path: Path) -> None:
    """Not held back by another file of the folder with its id: both are the user's."""
    folder, _bundled, copy = _bundled_and_copy(tmp_path)
    twin = folder / "twin.yaml"
    twin.write_bytes(copy.read_bytes())
    index = LibraryIndex(folder, extra=[twin])
    index.refresh()
    index.refresh()
    assert str(twin.resolve()) in {r.path for r in index.articles()}


def test_an_extra_listed_before_its_copy_came_is_taken_out_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index that lists the extra beside the copy (made by an older reader): the
    refresh that takes it out says so, or the library would not reload its rows."""
    from reader.core.index import held_back

    folder, bundled, _copy = _bundled_and_copy(tmp_path)
    index = LibraryIndex(folder, extra=[bundled])
    with monkeypatch.context() as older:
        older.setattr(held_back, "to_hold_back", lambda conn, extras: [])
        index.refresh()
    assert str(bundled.resolve()) in {r.path for r in index.articles()}
    result = index.refresh()
    assert str(bundled.resolve()) not in {r.path for r in index.articles()}
    assert (result.files, result.read, result.removed) == (len(index.articles()), 0, 1)


def test_an_extra_no_longer_given_is_no_longer_remembered(tmp_path: Path) -> None:
    """Its record of being held back would stay in the index for good (the bundled
    article's path changes with the install)."""
    from reader.core.index import held_back

    folder, bundled, _copy = _bundled_and_copy(tmp_path)
    index = LibraryIndex(folder, extra=[bundled])
    index.refresh()
    records = "SELECT count(*) FROM meta WHERE key LIKE ?"
    assert index._conn().execute(records, (held_back.KEY + "%",)).fetchone() == (1,)
    LibraryIndex(folder, path=index.path).refresh()
    assert index._conn().execute(records, (held_back.KEY + "%",)).fetchone() == (0,)


def test_two_refreshes_putting_an_extra_back_at_once_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both find the copy gone; the second to write puts the extra back over the first's."""
    from reader.core.index import held_back

    folder, bundled, copy = _bundled_and_copy(tmp_path)
    first = LibraryIndex(folder, extra=[bundled])
    other = LibraryIndex(folder, extra=[bundled], path=first.path)
    first.refresh()
    copy.unlink()
    released = held_back.released
    others: list[object] = []

    def other_first(*args: Any) -> list[str]:
        back = released(*args)
        if not others:  # the other process writes between this one's decision and write
            others.append(other)
            other.refresh()
        return back

    monkeypatch.setattr(held_back, "released", other_first)
    first.refresh()
    assert [r.path for r in first.articles()].count(str(bundled.resolve())) == 1
    assert _listed(first) == _recounted(first)


def test_refresh_can_stop_between_batches_and_keeps_what_it_did(tmp_path: Path) -> None:
    from reader.core.index import update as refresh_module

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(5):
        write(folder, f"a{n}.yaml", make_article(f"a{n}", f"T{n}", []), mtime=10**18 + n)
    index = LibraryIndex(folder)
    seen: list[tuple[int, int]] = []
    original = refresh_module.BATCH
    refresh_module.BATCH = 2
    try:
        result = index.refresh(
            progress=lambda p: seen.append((p.done, p.total)), should_stop=lambda: len(seen) > 2
        )
    finally:
        refresh_module.BATCH = original
    assert result.stopped and seen == [(0, 5), (2, 5), (4, 5)]
    assert len(index.articles()) == 4
    assert index.refresh().read == 1


# -- robustness ----------------------------------------------------------------------


def test_garbage_in_place_of_the_index_is_rebuilt(library: tuple[Path, dict[str, Path]]) -> None:
    folder, _ = library
    path = index_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not sqlite at all" * 100)
    index = LibraryIndex(folder)
    assert index.notes and "rebuilding" in index.notes[0]
    assert index.refresh().read == 4
    assert len(index.articles()) == 4


def test_an_index_of_another_version_is_rebuilt(library: tuple[Path, dict[str, Path]]) -> None:
    folder, _ = library
    built(folder).close()
    conn = sqlite3.connect(index_path(folder))
    conn.execute(f"PRAGMA user_version = {INDEX_FORMAT + 1}")
    conn.commit()
    conn.close()
    index = LibraryIndex(folder)
    assert index.notes and "another version" in index.notes[0]
    assert index.articles() == []  # empty until the refresh
    assert index.refresh().read == 4


def test_an_sqlite_file_that_is_not_an_index_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    small_library(folder)
    path = index_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE other (x)")
    conn.execute(f"PRAGMA user_version = {INDEX_FORMAT}")
    conn.commit()
    conn.close()
    index = LibraryIndex(folder)
    assert index.notes
    assert index.refresh().read == 4


def test_a_truncated_index_is_detected_when_read_and_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in range(60):
        said = [(f"Orang {n}", "", "kata " * 200 + str(n))]
        write(folder, f"a{n}.yaml", make_article(f"a{n}", "Judul " * 30, said))
    index = built(folder)
    index.close()
    path = index_path(folder)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 2)
    index = LibraryIndex(folder)
    rows = index.articles() if not index.notes else []
    index.search("kata")
    assert DAMAGED in index.notes or index.notes  # noticed, on opening or on reading
    assert len(rows) <= 60
    assert index.refresh().read == 60
    assert len(index.articles()) == 60
    assert len(index.search("kata", limit=100)[0]) == 60


def test_a_folder_that_cannot_hold_the_index_gets_a_temporary_one(
    library: tuple[Path, dict[str, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = library
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker))
    index = LibraryIndex(folder)
    assert index.notes and "temporary" in index.notes[0]
    assert index.refresh().read == 4
    index.close()


_REFRESH = """
import sys
from pathlib import Path
from reader.core.index import LibraryIndex
index = LibraryIndex(Path(sys.argv[1]))
result = index.refresh()
print(result.files, len(index.articles()))
"""


def test_two_processes_refreshing_at_once_agree(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in range(250):
        write(
            folder, f"a{n:03d}.yaml", make_article(f"a{n}", f"T{n}", [("Orang Sama", "", f"k {n}")])
        )
    env = dict(os.environ)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _REFRESH, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert out.split() == ["250", "250"]
    index = LibraryIndex(folder)
    assert len(index.articles()) == 250
    [person] = index.persons()
    assert (person.quotes, person.articles) == (250, 250)
    assert len(index.search("speaker:orang", limit=1000)[0]) == 250


def test_an_index_missing_a_column_is_rebuilt_when_opened(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    small_library(folder)
    built(folder).close()
    conn = sqlite3.connect(index_path(folder))
    conn.execute("ALTER TABLE articles DROP COLUMN sections")
    conn.commit()
    conn.close()
    index = LibraryIndex(folder)
    assert index.notes and "another version" in index.notes[0]
    assert index.refresh().read == 4
    assert len(index.articles()) == 4


def test_the_index_lives_in_the_cache_folder_like_the_article_cache(tmp_path: Path) -> None:
    from reader.core.format.cache import cache_dir
    from reader.core.index.store import index_dir

    assert index_dir() == cache_dir() / "library"


@pytest.mark.parametrize(
    "typed", ["ebola", "kerja sama", "the", "menteri rusia", "sanctions anyone", "medvedev", "k"]
)
def test_the_library_finds_what_the_core_quote_query_finds(
    library: tuple[Path, dict[str, Path]], typed: str
) -> None:
    """Words that begin words: the library's answer is the core query's, over every article."""
    from reader.core.format import load_article
    from reader.core.quote_query import QuoteIndex

    folder, paths = library
    index = built(folder)
    found = {(Path(h.path).name, h.quote_id) for h in index.search(typed, limit=1000)[0]}
    expected = set()
    for path in paths.values():
        if path.name == "broken.yaml":
            continue
        article = load_article(path)
        for i in QuoteIndex(article).select(query=typed):
            expected.add((path.name, article.quotes[i].id))
    assert found == expected


def test_the_newest_page_is_the_start_of_the_date_order_and_the_counts_match(
    tmp_path: Path,
) -> None:
    """The screen paints ``newest(n)`` first and then shows every row as ``articles()``
    gives them: both must be the table's date order (newest first, equal dates by path,
    undated and broken files last)."""
    from reader.ui.screens.library_rows import sort_rows as _sorted

    folder = tmp_path / "lib"
    small_library(folder)
    for n, date in enumerate(["2020-01-02", "2020-01-02", None, "2019-12-31", "2021-06-30"]):
        write(folder, f"more-{n}.yaml", make_article(f"more-{n}", f"More {n}", [], date=date))
    index = built(folder)
    every = index.articles()  # in the library's opening order already: no sort needed
    assert every == _sorted(reversed(every), "date")
    for limit in (1, 3, 5, len(every), len(every) + 5):
        assert index.newest(limit) == every[:limit]
    assert index.counts() == (8, 1)


def _plans(index: LibraryIndex) -> str:
    """How SQLite answers what the first paint asks: the newest rows and the counts."""
    from reader.core.index import query

    # a connection of its own: a cached EXPLAIN is not prepared again after DROP INDEX
    with contextlib.closing(sqlite3.connect(index.path)) as conn:
        asked: list[str] = []

        class Explained:
            def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
                asked.extend(
                    str(step[-1]) for step in conn.execute(f"EXPLAIN QUERY PLAN {sql}", *args)
                )
                return conn.execute(sql, *args)

        query.newest_articles(Explained(), 5)  # type: ignore[arg-type]
        query.count_articles(Explained())  # type: ignore[arg-type]
        return " | ".join(asked)


def test_the_first_page_and_the_counts_are_read_from_indexes(tmp_path: Path) -> None:
    """Before the first paint the screen reads ``newest(n)`` and ``counts()``: SQLite
    walks an index in the newest-first order (no sort of the whole table) and counts the
    broken files from an index of them alone (not every row), in a new index and, after
    its next refresh, in one made before those indexes existed."""
    folder = tmp_path / "lib"
    small_library(folder)
    index = built(folder)
    plans = _plans(index)
    assert "USING INDEX articles_newest" in plans and "TEMP B-TREE" not in plans
    assert "USING INDEX articles_broken" in plans
    assert "SCAN articles |" not in f"{plans} |"  # no step reads the whole table
    with contextlib.closing(sqlite3.connect(index.path)) as conn:  # an index made before
        conn.execute("DROP INDEX articles_newest")
        conn.execute("DROP INDEX articles_broken")
    plans = _plans(index)
    assert "TEMP B-TREE" in plans and "articles_broken" not in plans
    index.refresh()
    plans = _plans(index)
    assert "USING INDEX articles_newest" in plans and "USING INDEX articles_broken" in plans
    assert index.counts() == (3, 1)


def _recounted(index: LibraryIndex) -> dict[str, tuple[int, int]]:
    """Each speaker's (quotes, articles) counted afresh from the quotes themselves."""
    rows = index._conn().execute(
        "SELECT p.name, count(*), count(DISTINCT q.article) FROM quotes q"
        " JOIN persons p ON p.id = q.person GROUP BY p.id"
    )
    return {name: (quotes, articles) for name, quotes, articles in rows}


def _listed(index: LibraryIndex) -> dict[str, tuple[int, int]]:
    return {p.name: (p.quotes, p.articles) for p in index.persons()}


def test_speaker_counts_follow_each_change_without_a_recount(
    library: tuple[Path, dict[str, Path]],
) -> None:
    """Counts kept up as articles come, change and go: always what a recount gives, and a
    speaker left without quotes is gone (one only listed, never quoted, never appears)."""
    folder, paths = library
    index = built(folder)
    assert _listed(index) == _recounted(index) and _listed(index)
    write(
        folder,
        "paris.yaml",
        make_article("paris", "Judul baru", [("John Kerry", "", "Kalimat yang berbeda")]),
        mtime=1_000_000_000_000_000_000 + 1,
    )
    paths["geneva"].unlink()
    extra = make_article("extra", "Tambahan", [("Joko Widodo", "Presiden", "Kita bisa")])
    extra = dataclasses.replace(
        extra,
        speakers=(
            *extra.speakers,
            dataclasses.replace(extra.speakers[0], id="s9", name="Tak Bicara"),
        ),
    )
    write(folder, "extra.yaml", extra)
    index.refresh()
    listed = _listed(index)
    assert listed == _recounted(index)
    assert "Tak Bicara" not in listed and all(p.quotes > 0 for p in index.persons())
    assert not any(person_key(name) == "sergei lavrov" for name in listed)
    assert listed["John Kerry"] == (1, 1)


def test_a_refresh_stopped_half_way_leaves_the_speaker_counts_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts were made once at the end of a refresh: one stopped (the screen closed)
    left its speakers uncounted, and the next refresh, with nothing new to read, kept them so."""
    monkeypatch.setattr("reader.core.index.update.BATCH", 1)
    folder = tmp_path / "lib"
    small_library(folder)
    index = LibraryIndex(folder)
    asked = iter([False, False, True])
    stopped = index.refresh(should_stop=lambda: next(asked, True))
    assert stopped.stopped and stopped.read == 2
    assert _listed(index) == _recounted(index) and _listed(index)
    index.refresh()
    assert _listed(index) == _recounted(index)
