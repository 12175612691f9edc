"""Language data kept as JSON between runs: the same Language, without PyYAML, and only
while the data file is unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.importer import language_data
from reader.importer.kept_files import keep, kept_bytes, kept_path
from reader.importer.language_data import _kept_key, _load

DATA = "code: xx\nstopwords: [the, a]\npost_cues: [said]\nverb_pattern: '[a-z]+ed'\n"


def _write(tmp_path: Path, text: str = DATA) -> Path:
    path = tmp_path / "xx.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _kept(name: str, folder: Path | None = None) -> bytes:
    data = kept_bytes(name, 1 << 22, folder)
    assert data is not None
    return data


def test_a_kept_copy_changed_after_it_was_written_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list emptied under the right key (a flipped bit, a tamper): the digest in the
    first line no longer matches, and the copy is not used."""
    path = _write(tmp_path)
    _load(path)
    copy = kept_path("language-xx.json")
    header, payload = copy.read_bytes().split(b"\n", 1)
    document = json.loads(payload)
    document["data"]["stopwords"] = []
    copy.write_bytes(header + b"\n" + json.dumps(document).encode())
    assert kept_bytes("language-xx.json", 1 << 22) is None
    assert _load(path).stopwords == frozenset({"the", "a"})


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing PyYAML from here on fails (as if it were not installed)."""
    monkeypatch.setitem(sys.modules, "yaml", None)


def test_a_language_reads_the_same_from_its_kept_copy_without_pyyaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path)
    parsed = _load(path)
    assert kept_path("language-xx.json").is_file()
    _no_yaml(monkeypatch)
    assert _load(path) == parsed
    assert parsed.stopwords == frozenset({"the", "a"}) and parsed.verb is not None


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = _write(tmp_path)
    _load(path)
    path = _write(tmp_path, DATA.replace("[the, a]", "[the, an]"))
    assert _load(path).stopwords == frozenset({"the", "an"})


@pytest.mark.parametrize("kept", [b"{not json", b'{"key": "0", "data": {}}', b"[1, 2]"])
def test_a_damaged_or_foreign_kept_copy_is_not_used(
    kept: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path)
    keep("language-xx.json", kept)  # under a right digest: only the content is wrong
    assert _load(path).stopwords == frozenset({"the", "a"})
    assert json.loads(_kept("language-xx.json"))["data"]["code"] == "xx"  # kept again


def test_data_json_cannot_give_back_exactly_is_not_kept(tmp_path: Path) -> None:
    # a date, which JSON would turn into text: parsed from the YAML every time
    path = _write(tmp_path, DATA + "released: 2026-12-07\n")
    assert _load(path).code == "xx"
    assert not kept_path("language-xx.json").exists()


def test_a_bare_boolean_is_refused_and_not_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, "code: xx\nstopwords: [the, on]\n")
    for _ in range(2):
        with pytest.raises(ValueError, match="stopwords holds \\[True\\]"):
            _load(path)
        assert not kept_path("language-xx.json").exists()


def _bad_copies(raw: bytes) -> dict[str, bytes]:
    """Kept copies that must never be used: JSON nested far too deep, and data under the
    right key that fails the checks (a bare boolean, a code not the file's, no mapping)."""
    key = _kept_key(raw)

    def under_key(data: object) -> bytes:
        return json.dumps({"key": key, "data": data}).encode()

    return {
        "nested": b"[" * 100_000,
        "nested-data": b'{"key": "' + key.encode() + b'", "data": ' + b"[" * 100_000,
        "boolean": under_key({"code": "xx", "stopwords": [True]}),
        "code": under_key({"code": "yy"}),
        "list": under_key([1, 2]),
        "pattern": under_key({"code": "xx", "verb_pattern": "(["}),
    }


@pytest.mark.parametrize("which", sorted(_bad_copies(b"")))
def test_a_kept_copy_that_fails_is_parsed_again_and_kept_afresh(which: str, tmp_path: Path) -> None:
    path = _write(tmp_path)
    keep("language-xx.json", _bad_copies(path.read_bytes())[which])  # a right digest
    loaded = _load(path)
    assert loaded.stopwords == frozenset({"the", "a"}) and loaded.code == "xx"
    assert json.loads(_kept("language-xx.json"))["data"]["stopwords"] == ["the", "a"]


_IMPORT = (
    "import json, sys\n"
    "from reader.cli.main import main\n"
    "print(json.dumps(main(['import', sys.argv[1], '-o', sys.argv[2]])))\n"
)


def _import_in_new_interpreter(source: Path, out: Path, cache: Path) -> tuple[int, bytes]:
    env = {**os.environ, "READER_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-c", _IMPORT, str(source), str(out)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    files = list(out.iterdir()) if out.is_dir() else []
    return json.loads(done.stdout.splitlines()[-1]), files[0].read_bytes() if files else b""


@pytest.mark.parametrize("which", ["nested", "boolean"])
def test_an_import_with_bad_kept_copies_makes_the_article_it_makes_without(
    which: str, tmp_path: Path
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(
        "Warga Medan Menanam Pohon\n\n“Kami ingin kota ini hijau,” kata Siti Rahma.\n",
        encoding="utf-8",
    )
    bare = _import_in_new_interpreter(source, tmp_path / "bare", tmp_path / "empty")
    assert bare[0] == 0 and bare[1]
    cache = tmp_path / "bad"
    cache.mkdir()
    for code in language_data.CODES:
        raw = Path(language_data.__file__).with_name(f"{code}.yaml").read_bytes()
        copy = _bad_copies(raw)[which].replace(b'"xx"', json.dumps(code).encode())
        keep(f"language-{code}.json", copy, cache)
    for n in range(2):  # the bad copies, then the fresh ones kept in their place
        assert _import_in_new_interpreter(source, tmp_path / f"out{n}", cache) == bare
    for code in language_data.CODES:
        kept = json.loads(_kept(f"language-{code}.json", cache))
        assert kept["data"]["code"] == code


def test_a_second_text_import_does_not_load_pyyaml(tmp_path: Path) -> None:
    """The first import parses the language data and keeps it; the next reads the kept
    copy, and writes its article without PyYAML too."""
    source = tmp_path / "a.txt"
    source.write_text(
        "Warga Medan Menanam Pohon\n\n“Kami ingin kota ini hijau,” kata Siti Rahma.\n",
        encoding="utf-8",
    )
    code = (
        "import json, sys\n"
        "from reader.cli.main import main\n"
        "code = main(['import', sys.argv[1], '-o', sys.argv[2]])\n"
        "print(json.dumps([code, 'yaml' in sys.modules]))\n"
    )
    results = []
    for n in range(2):
        argv = [sys.executable, "-c", code, str(source), str(tmp_path / f"out{n}")]
        done = subprocess.run(argv, capture_output=True, text=True)
        results.append(json.loads(done.stdout.splitlines()[-1]))
    assert results == [[0, True], [0, False]]
    first, second = (next((tmp_path / f"out{n}").iterdir()) for n in range(2))
    assert first.read_bytes() == second.read_bytes()


def test_the_languages_shipped_are_kept_as_they_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed = {}
    for code in language_data.CODES:
        path = Path(language_data.__file__).with_name(f"{code}.yaml")
        parsed[code] = _load(path)  # parsed (a fresh cache folder) and kept
        assert kept_path(f"language-{code}.json").is_file()
    _no_yaml(monkeypatch)  # from here on only the kept copies can be read
    for code in language_data.CODES:
        path = Path(language_data.__file__).with_name(f"{code}.yaml")
        assert _load(path) == parsed[code]
