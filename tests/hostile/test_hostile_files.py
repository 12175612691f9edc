"""Files that are not what they claim: each gives one clear line naming the file.

Small hostile files are committed under ``files/``; large or special ones (deep
nesting, too many values, too big, FIFO, device, directory, unreadable, symlink loop)
are made by ``_make``. Every case runs through ``load_article`` and through
``reader check``, ``reader show`` and ``reader quotes``: exit 1, one line per problem on
stderr, each naming the file, nothing on stdout, no traceback.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from _fifo import make_fifo
from _hostile import article_data, unsafe_in, write_article

from reader.cli.main import main
from reader.core import files
from reader.core.errors import ReaderError
from reader.core.format import load_article
from reader.core.library import load_library

FILES = Path(__file__).parent / "files"
ROOT = Path(__file__).resolve().parents[2]

# file -> the problem its one line must state
COMMITTED: dict[str, str] = {
    "python_object_tag.yaml": "tags are not allowed (tag:yaml.org,2002:python/object/apply:os",
    "python_name_tag.yaml": "tags are not allowed (tag:yaml.org,2002:python/name:os.system)",
    "unknown_tag.yaml": "tags are not allowed (!shout)",
    "tag_on_mapping.yaml": "tags are not allowed (tag:yaml.org,2002:python/object:reader",
    "escape_in_tag.yaml": "tags are not allowed (\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07)",
    "billion_laughs.yaml": ":2: aliases (*name) are not allowed",
    "merge_key_alias.yaml": ":4: aliases (*name) are not allowed",
    "duplicate_key.yaml": ":6: duplicate key 'title'",
    "duplicate_nested_key.yaml": ":8: duplicate key 'id'",
    "complex_key.yaml": ":3: mapping keys must be plain text",
    "scalar_root.yaml": ":1: an article must be a mapping, got text",
    "list_root.yaml": ":1: an article must be a mapping, got a list",
    "sections_scalar.yaml": ":6: sections: expected a list, got text ('lots of them')",
    "section_is_list.yaml": ":7: sections[0]: expected a mapping, got a list",
    "wrong_types.yaml": ":2: id: expected text, got a number (42)",
    "missing_schema.yaml": "missing 'schema: 1' (is this an article file?)",
    "future_schema.yaml": ":1: schema: unsupported schema 2 (this reader reads schema 1)",
    "schema_as_text.yaml": ":1: schema: unsupported schema '1'",
    "schema_as_bool.yaml": ":1: schema: unsupported schema True",
    "two_documents.yaml": ":3: more than one YAML document",
    # the parser's own words follow "invalid YAML:"; they change between its versions
    "invalid_yaml.yaml": ":4: invalid YAML",
    "raw_control_character.yaml": ":3: invalid YAML: unacceptable character #x001b",
    "huge_integer.yaml": ":15: number too large: 9999",
    "id_with_newline.yaml": ":2: id: invalid id 'hostile\\n'",
    "only_control_characters.yaml": ":3: title: must not be empty",
    "empty.yaml": "the file is empty",
    "only_comments.yaml": "the file is empty",
    "binary.yaml": "binary file, not text",
    "invalid_utf8.yaml": "not UTF-8 text (invalid byte at offset 32)",
    "utf16_bom.yaml": "file is UTF-16; save it as UTF-8",
}

# every problem only_control_characters.yaml must report (an assert crashed on the last)
ONLY_CONTROLS = [
    ":3: title: must not be empty",
    ":12: speakers[0].name: must not be empty",
    ":16: quotes[0].speaker: must not be empty",
]

# every problem wrong_types.yaml must report, all at once
WRONG_TYPES = [
    ":2: id: expected text, got a number (42)",
    ":3: title: expected text, got a list",
    ":4: language: expected text, got a mapping",
    ":5: source: expected text, got true/false",
    ":6: date: expected text, got a number (2024)",
    ":7: url: expected text, got a list",
    ":8: lead: expected text, got a mapping",
    ":9: figures: expected a list, got text ('a photo')",
    ":12: sections[0].heading: expected text, got a list",
    ":13: sections[0].paragraphs[0]: expected text, got a number (1)",
    ":13: sections[0].paragraphs[1]: expected text, got nothing",
    ":13: sections[0].paragraphs[2]: expected text, got a mapping",
    ":15: speakers[0].id: expected text, got a list",
    ":16: speakers[0].name: expected text, got a number (3.5)",
    ":17: speakers[0].aliases: expected a list of text, got text ('x')",
    ":20: quotes[0].text: expected text, got a number (7)",
    ":23: quotes[0].paragraph: expected a paragraph number (0, 1, …), got text ('first')",
    ":24: quotes[0].kind: expected 'direct' or 'indirect', got text ('sarcastic')",
    ":26: footer.copyright: expected text, got a list",
    ":27: footer.cookie: expected a mapping, got true/false",
]


def _deep_flow(path: Path) -> None:
    path.write_text("schema: 1\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n")


def _deep_block(path: Path) -> None:
    lines = ["schema: 1", "title:"] + [" " * (i + 1) + "-" for i in range(3_000)]
    path.write_text("\n".join(lines) + "\n")


def _deep_mapping(path: Path) -> None:
    path.write_text("schema: 1\n" + "".join(" " * i + "k:\n" for i in range(3_000)))


def _many_values(path: Path) -> None:
    path.write_text("schema: 1\nid: x\ntitle: [" + "1," * 260_000 + "1]\n")


def _too_large(path: Path) -> None:
    # sparse: one byte over the cap costs no disk space and is refused before reading
    with path.open("wb") as handle:
        handle.truncate(files.MAX_FILE_BYTES + 1)


def _fifo(path: Path) -> None:
    make_fifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _directory(path: Path) -> None:
    path.mkdir()
    write_article(path / "inside.yaml", "fine")


def _symlink_loop(path: Path) -> None:
    other = path.with_name("other.yaml")
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


MULTI_LINE = {"wrong_types.yaml": len(WRONG_TYPES), "only_control_characters.yaml": 3}

GENERATED: dict[str, tuple[Callable[[Path], None], str]] = {
    # refused by libyaml (0.2.6 on) or by reader's own check, in reader's words either way
    "deep_flow": (_deep_flow, ":2: nested more than 64 levels deep"),
    "deep_block": (_deep_block, ":66: nested more than 64 levels deep"),
    "deep_mapping": (_deep_mapping, ":66: nested more than 64 levels deep"),
    "many_values": (_many_values, ":3: more than 250,000 values in one file"),
    "too_large": (_too_large, f"file is too large ({files.MAX_FILE_BYTES + 1:,} bytes"),
    "fifo": (_fifo, "not a regular file"),
    "device": (_device, "not a regular file"),
    "directory": (_directory, "is a directory, not a file"),
    "symlink_loop": (_symlink_loop, "cannot open: symbolic link loop"),
    "dangling_symlink": (_dangling, "no such file"),
}

CASES = sorted(COMMITTED) + sorted(GENERATED)


def hostile_file(case: str, folder: Path) -> tuple[Path, str]:
    """The path of a hostile case (made in ``folder`` if generated) and its problem."""
    if case in COMMITTED:
        return FILES / case, COMMITTED[case]
    make, problem = GENERATED[case]
    path = folder / f"{case}.yaml"
    make(path)
    return path, problem


def test_every_committed_file_has_an_expected_outcome() -> None:
    assert sorted(p.name for p in FILES.iterdir()) == sorted(COMMITTED)


@pytest.mark.parametrize("case", CASES)
def test_loader_gives_one_line_naming_the_file(case: str, tmp_path: Path) -> None:
    path, problem = hostile_file(case, tmp_path)
    with pytest.raises(ReaderError) as info:
        load_article(path)
    message = str(info.value)
    first = message.splitlines()[0]
    assert first.startswith(str(path)), first
    assert problem in first
    assert len(message.splitlines()) == MULTI_LINE.get(case, 1)
    assert unsafe_in(message.replace("\n", "")) == []


def test_wrong_types_are_all_reported_at_once() -> None:
    path = FILES / "wrong_types.yaml"
    with pytest.raises(ReaderError) as info:
        load_article(path)
    lines = str(info.value).splitlines()
    assert all(line.startswith(f"{path}:") for line in lines)
    for problem in WRONG_TYPES:
        assert any(problem in line for line in lines), problem


def test_fields_of_only_control_characters_are_empty() -> None:
    with pytest.raises(ReaderError) as info:
        load_article(FILES / "only_control_characters.yaml")
    lines = str(info.value).splitlines()
    assert [line.split(".yaml", 1)[1] for line in lines] == ONLY_CONTROLS


# A directory is a folder of articles to check, show and quotes (tests/cli/test_folders.py)
CLI_CASES = [case for case in CASES if case != "directory"]


@pytest.mark.parametrize("command", ["check", "show", "quotes"])
@pytest.mark.parametrize("case", CLI_CASES)
def test_cli_one_line_exit_1(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if case == "many_values" and command != "check":
        pytest.skip("slowest case: once through the CLI is enough")
    path, problem = hostile_file(case, tmp_path)
    code = main([command, str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines and all(str(path) in line for line in lines)
    assert problem in lines[0]
    assert len(lines) == MULTI_LINE.get(case, 1)
    assert "Traceback" not in err
    assert unsafe_in(err.replace("\n", "")) == []


def test_python_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = Path("/tmp/reader-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(ReaderError):
        load_article(FILES / "python_object_tag.yaml")
    assert not marker.exists()


def test_size_cap_with_a_small_limit(tmp_path: Path) -> None:
    path = write_article(tmp_path / "a.yaml", "text")
    size = path.stat().st_size
    assert load_article(path, limit=size).id == "hostile"
    with pytest.raises(ReaderError, match=rf"file is too large \({size:,} bytes; the limit is"):
        load_article(path, limit=size - 1)


def test_size_cap_holds_for_a_file_that_grows_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``st_size`` may lie (procfs, a file being appended to): the read itself is bounded."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    class Small:
        def __init__(self, real: os.stat_result) -> None:
            self.st_mode = real.st_mode
            self.st_size = 0

    monkeypatch.setattr(files.os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(ReaderError, match="file is too large"):
        files.read_bytes(path, limit=10)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_article(tmp_path / "secret.yaml", "text")
    path.chmod(0)
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: cannot open: Permission denied\n"


def test_unreadable_file_simulated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_article(tmp_path / "secret.yaml", "text")

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", denied)
    for command in ("check", "show", "quotes"):
        assert main([command, str(path)]) == 1
        err = capsys.readouterr().err
        assert err.endswith(f"{path}: cannot open: Permission denied\n")
        assert len(err.splitlines()) == 1


def test_read_error_midway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_article(tmp_path / "a.yaml", "text")

    def broken(fd: int, size: int) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "read", broken)
    with pytest.raises(ReaderError, match=r"a\.yaml: cannot read: Input/output error$"):
        load_article(path)


def test_fifo_with_a_writer_is_refused_too(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # keeps the FIFO open for writing
    try:
        with pytest.raises(ReaderError, match="not a regular file"):
            load_article(fifo)
    finally:
        os.close(writer)


def test_device_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening some devices has effects (tapes rewind, modems hang up): stat first."""
    opened: list[object] = []
    real_open = os.open
    monkeypatch.setattr(files.os, "open", lambda p, *a: opened.append(p) or real_open(p, *a))
    with pytest.raises(ReaderError, match="not a regular file"):
        files.read_bytes(Path("/dev/null"))
    assert opened == []


def test_folder_with_some_bad_articles(tmp_path: Path) -> None:
    good = [write_article(tmp_path / f"good{i}.yaml", f"good {i}") for i in range(3)]
    bad = {
        tmp_path / "a-tag.yaml": "tags are not allowed",
        tmp_path / "b-empty.yaml": "the file is empty",
        tmp_path / "c-dir.yaml": "is a directory",
        tmp_path / "d-fifo.yaml": "not a regular file",
        tmp_path / "e-loop.yaml": "symbolic link loop",
        tmp_path / "f-wrong.yaml": "expected text",
        tmp_path / "g-evil\x1b[2J.yaml": "the file is empty",
    }
    (tmp_path / "a-tag.yaml").write_bytes((FILES / "unknown_tag.yaml").read_bytes())
    (tmp_path / "b-empty.yaml").write_bytes(b"")
    (tmp_path / "c-dir.yaml").mkdir()
    make_fifo(tmp_path / "d-fifo.yaml")
    _symlink_loop(tmp_path / "e-loop.yaml")
    (tmp_path / "f-wrong.yaml").write_bytes((FILES / "wrong_types.yaml").read_bytes())
    (tmp_path / "g-evil\x1b[2J.yaml").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not an article")
    library = load_library(tmp_path)
    assert [p for p, _ in library.articles] == good
    errors = library.errors
    # one line per bad file (other.yaml is the loop's other half), each naming it
    assert len(errors) == len(bad) + 1
    for path, problem in bad.items():
        shown = str(path).replace("\x1b", "\\x1b")
        assert any(e.startswith(shown) and problem in e for e in errors), path
    assert all("\n" not in e and unsafe_in(e) == [] for e in errors)


def test_check_of_many_files_reports_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_article(tmp_path / "good.yaml", "fine")
    paths = [FILES / "billion_laughs.yaml", good, FILES / "utf16_bom.yaml"]
    assert main(["check", *map(str, paths)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{good}: ok (1 sections, 1 quotes, 1 speakers)")
    assert len(err.splitlines()) == 2


# -- real processes: no traceback, the right exit code, no hang ---------------------


def _reader(
    *args: str, stdin: str | None = None, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", **extra_env}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        input="" if stdin is None else stdin,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize(
    ("command", "case"),
    [
        ("check", "python_object_tag.yaml"),
        ("show", "billion_laughs.yaml"),
        ("quotes", "deep_flow"),
        ("show", "fifo"),
        ("check", "too_large"),
        ("quotes", "invalid_utf8.yaml"),
    ],
)
def test_subprocess_no_traceback(command: str, case: str, tmp_path: Path) -> None:
    path, problem = hostile_file(case, tmp_path)
    result = _reader(command, str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert problem in result.stderr and str(path) in result.stderr


def test_subprocess_show_hostile_text_writes_no_control_bytes(tmp_path: Path) -> None:
    payload = "\x1b]52;c;cGF5bG9hZA==\x07[link=file:///etc/passwd]x[/link]\u202e\x9b2J"
    path = write_article(tmp_path / "a.yaml", payload)
    for command in (["show"], ["quotes"], ["quotes", "--json"]):
        result = _reader(*command, str(path))
        assert (result.returncode, result.stderr) == (0, "")
        assert unsafe_in(result.stdout.replace("\n", "")) == []
        assert "[link=file:///etc/passwd]x[/link]" in result.stdout


def test_output_that_is_not_utf8_gets_no_traceback(tmp_path: Path) -> None:
    """stdout in ASCII (PYTHONIOENCODING, an old locale): CJK and quote marks degrade."""
    path = write_article(tmp_path / "a.yaml", "中文 “quoted” 👍")
    for command in (["show"], ["quotes"], ["quotes", "--json"], ["check"]):
        result = subprocess.run(
            [sys.executable, "-m", "reader", *command, str(path)],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii"},
            cwd=ROOT,
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, b""), command
        assert result.stdout.isascii()


def test_unreadable_mode_is_reported_not_crashed(tmp_path: Path) -> None:
    """chmod 000 (as root still readable: then it simply loads)."""
    path = write_article(tmp_path / "a.yaml", "text")
    path.chmod(0)
    try:
        result = _reader("check", str(path))
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert "Traceback" not in result.stderr
    if os.geteuid() == 0:
        assert result.returncode == 0
    else:
        assert result.returncode == 1 and "Permission denied" in result.stderr


# -- costs that would grow with the square of the input --------------------------------


def _many_quotes(paragraphs: int, quotes: int, paragraph: str) -> str:
    lines = ["schema: 1", "id: x", "title: t", "language: en", "source: s", "sections:"]
    lines += ["- id: a", "  paragraphs:"] + [f"  - {paragraph}"] * paragraphs
    lines += ["speakers:"] + [f"- {{id: s{i}, name: n}}" for i in range(quotes)]
    lines += ["quotes:"] + [
        f"- {{id: q{i}, text: a, speaker: s{i}, section: a, paragraph: {i % paragraphs}}}"
        for i in range(quotes)
    ]
    return "\n".join(lines) + "\n"


def test_many_quotes_in_a_huge_paragraph_are_refused_quickly(tmp_path: Path) -> None:
    """Each quote is searched for in its paragraph: 2,000 quotes x 4 MB must not run."""
    path = tmp_path / "quadratic.yaml"
    path.write_text(_many_quotes(1, 2_000, "b " * 2_000_000 + "a"))
    with pytest.raises(ReaderError, match="too many quotes in long paragraphs to check"):
        load_article(path)


def test_many_paragraphs_speakers_and_quotes_load_and_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """10,000 paragraphs, 5,000 quotes and 5,000 speakers: load, show and quotes finish,
    and neither show nor quotes walks the quotes again per paragraph or per speaker
    (counted, not timed: a loaded machine is slow, never quadratic)."""
    from reader.cli.quotes import select_quotes
    from reader.cli.show import print_article

    path = tmp_path / "wide.yaml"
    path.write_text(_many_quotes(10_000, 5_000, "a b"))
    article = load_article(path)
    assert len(article.quotes) == 5_000
    sys_stdout = sys.stdout
    sys.stdout = _TTY()  # type: ignore[assignment]
    try:
        assert main(["show", str(path)]) == 0
    finally:
        sys.stdout = sys_stdout
    assert main(["quotes", "--speaker", "s4999", str(path)]) == 0
    assert capsys.readouterr().out.startswith("q4999  n\n")

    counted = dataclasses.replace(article, quotes=_Counted(article.quotes))
    _Counted.iterations = 0
    print_article(counted, _TTY(), styled=True)
    assert [q.id for q in select_quotes(counted, speaker="s4999")] == ["q4999"]
    assert _Counted.iterations <= 3


class _Counted(tuple):  # type: ignore[type-arg]
    """A tuple that counts how often it is iterated."""

    iterations = 0

    def __iter__(self) -> Iterator[object]:
        type(self).iterations += 1
        return super().__iter__()


def test_quote_lookups_do_not_rescan_all_quotes() -> None:
    """quotes_in / quotes_by for every paragraph and speaker: linear, not quadratic."""
    from reader.core.model import Article, Quote, Section, Speaker

    quotes = _Counted(Quote(f"q{i}", "a", f"s{i}", "a", i) for i in range(300))
    article = Article(
        id="x",
        title="t",
        language="en",
        source="s",
        sections=(Section("a", None, ("a",) * 300),),
        speakers=tuple(Speaker(f"s{i}", "n") for i in range(300)),
        quotes=quotes,
    )
    _Counted.iterations = 0
    for i in range(300):
        assert [q.id for q in article.quotes_in("a", i)] == [f"q{i}"]
        assert [q.id for q in article.quotes_by(f"s{i}")] == [f"q{i}"]
    assert _Counted.iterations <= 2


class _TTY:
    """A stdout that swallows styled output and claims to be a terminal."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


# -- `reader PATH` (the app) refuses a bad file before it takes over the terminal ------


@pytest.mark.parametrize(
    "case",
    [
        "python_object_tag.yaml",
        "billion_laughs.yaml",
        "binary.yaml",
        "deep_flow",
        "too_large",
        "fifo",
        "device",
        "symlink_loop",
        "dangling_symlink",
    ],
)
def test_app_refuses_a_bad_file_before_starting(
    case: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.ui.app import ReaderApp

    def started(self: object, *args: object, **kwargs: object) -> None:
        raise AssertionError("the app started on a bad file")

    monkeypatch.setattr(ReaderApp, "run", started)
    monkeypatch.setattr(sys.modules["reader.cli.main"], "_on_a_terminal", lambda: True)
    path, _problem = hostile_file(case, tmp_path)
    assert main([str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert len(err.splitlines()) == 1 and str(path) in err


def test_app_opens_a_folder_of_bad_files_as_a_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.setattr(sys.modules["reader.cli.main"], "_on_a_terminal", lambda: True)
    (tmp_path / "bad.yaml").write_bytes((FILES / "billion_laughs.yaml").read_bytes())
    make_fifo(tmp_path / "fifo.yaml")
    assert main([str(tmp_path)]) == 0
    assert len(started) == 1


def test_huge_values_quoted_in_errors_are_clipped(tmp_path: Path) -> None:
    data = article_data("x")
    data["quotes"][0]["speaker"] = "z" * 100_000
    data["k" * 10_000] = 1
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, width=10**9))
    with pytest.raises(ReaderError) as info:
        load_article(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 2
    assert all(len(line) < 600 + len(str(path)) for line in lines)
    assert any("unknown speaker 'zzz" in line for line in lines)
