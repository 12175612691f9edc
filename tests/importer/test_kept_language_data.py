"""Language data kept as JSON between runs: the same Language, without PyYAML, and only
while the data file is unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.importer import language_data
from reader.importer.kept_files import kept_path
from reader.importer.language_data import _load

DATA = "code: xx\nstopwords: [the, a]\npost_cues: [said]\nverb_pattern: '[a-z]+ed'\n"


def _write(tmp_path: Path, text: str = DATA) -> Path:
    path = tmp_path / "xx.yaml"
    path.write_text(text, encoding="utf-8")
    return path


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
    copy = kept_path("language-xx.json")
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(kept)
    assert _load(path).stopwords == frozenset({"the", "a"})
    assert json.loads(copy.read_bytes())["data"]["code"] == "xx"  # kept again, right


def test_data_json_cannot_give_back_exactly_is_not_kept(tmp_path: Path) -> None:
    # a date, which JSON would turn into text: parsed from the YAML every time
    path = _write(tmp_path, DATA + "released: 2026-12-07\n")
    assert _load(path).code == "xx"
    assert not kept_path("language-xx.json").exists()


def test_a_bare_boolean_is_still_refused_from_a_kept_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "code: xx\nstopwords: [the, on]\n")
    for _ in range(2):  # parsed, then from the kept copy
        with pytest.raises(ValueError, match="stopwords holds \\[True\\]"):
            _load(path)
        assert kept_path("language-xx.json").is_file()
        _no_yaml(monkeypatch)


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


def test_the_languages_shipped_are_kept_as_they_parse() -> None:
    for code in language_data.CODES:
        path = Path(language_data.__file__).with_name(f"{code}.yaml")
        assert _load(path) == language_data.language(code)
