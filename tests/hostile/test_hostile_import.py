"""``reader import``: never overwrites without --force; hostile titles stay in the folder.

Run through the CLI (``main``), as a user would: every file written lands directly in
the output folder under a safe name, nothing is written anywhere else, and text that
reaches the terminal or the YAML carries no control characters.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from _hostile import unsafe_in

from reader.cli.main import main
from reader.core.format import load_article

BODY = "\n\nJakarta — Ini adalah paragraf pertama artikel ini.\n\n“Kami siap,” kata Budi Santoso.\n"

SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.yaml$")
RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)

HOSTILE_TITLES = {
    "parent": "../../../../tmp/escaped",
    "absolute": "/etc/passwd",
    "backslashes": "..\\..\\windows\\system32",
    "dots": "..",
    "three-dots": "...",
    "con": "CON",
    "nul": "nul",
    "com1": "COM1",
    "lpt9-ext": "LPT9.txt",
    "aux-yaml": "aux.yaml",
    "long": "a" * 5000,
    "long-words": "kata " * 2000,
    "nul-byte-late": "x" * 9000 + "\x00" + "/../escaped",
    "control": "\x1b]52;c;ZXZpbA==\x07\x1b[2J title",
    "bidi": "\u202egnp.exe",
    "zero-width": "\u200b\u200b\u200b",
    "cjk": "中文标题",
    "emoji": "👍🏽🇮🇩",
    "dotfile": ".bashrc",
    "tilde": "~/escaped",
    "trailing-dot": "name. ",
    "markup": "[link=file:///etc/passwd]x[/link]",
    "newline-in-name": "a\rb",
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    return tmp_path


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.mark.parametrize("case", sorted(HOSTILE_TITLES))
def test_hostile_title_cannot_escape_the_output_folder(
    case: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / "input.txt"
    source.write_text(HOSTILE_TITLES[case] + BODY, encoding="utf-8")
    before = _files_under(workdir)
    code = main(["import", str(source), "-o", "out"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert unsafe_in((out + err).replace("\n", "")) == []
    created = _files_under(workdir) - before
    assert all(p.parent == workdir / "out" for p in created), created
    assert not Path("/tmp/escaped").exists()
    if code == 0:
        [path] = created
        assert SAFE_NAME.match(path.name), path.name
        assert not RESERVED.match(path.name) and not RESERVED.match(path.stem)
        assert len(path.name.encode()) <= 255
        assert load_article(path).title  # and it reads back
    else:
        assert code == 1 and created == set()
        assert len(err.strip().splitlines()) >= 1


def test_an_existing_file_is_never_replaced_without_force(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / "a.txt"
    source.write_text("Judul Berita" + BODY, encoding="utf-8")
    assert main(["import", str(source), "-o", "out"]) == 0
    [written] = list((workdir / "out").iterdir())
    written.write_text("my own edits\n")
    capsys.readouterr()
    assert main(["import", str(source), "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert "already exists (use --force to replace it)" in err
    assert written.read_text() == "my own edits\n"
    assert list((workdir / "out").iterdir()) == [written]  # no temporary file left
    assert main(["import", "--force", str(source), "-o", "out"]) == 0
    assert load_article(written).title == "Judul Berita"


def test_two_inputs_with_the_same_title_do_not_overwrite_each_other(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.txt", "b.txt"):
        (workdir / name).write_text("Judul Sama" + BODY + name, encoding="utf-8")
    code = main(["import", "a.txt", "b.txt", "-o", "out"])
    assert code == 0  # two different articles: both kept (issue #15)
    out = workdir / "out"
    assert sorted(p.name for p in out.iterdir()) == ["judul-sama-2.yaml", "judul-sama.yaml"]
    assert "a.txt" in (out / "judul-sama.yaml").read_text(encoding="utf-8")  # the first stays
    assert "b.txt" in (out / "judul-sama-2.yaml").read_text(encoding="utf-8")
    assert main(["import", "b.txt", "-o", "out"]) == 1  # the same article again
    assert "already" in capsys.readouterr().err


def test_force_replaces_a_symlink_not_the_file_it_points_to(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / "a.txt"
    source.write_text("Judul Berita" + BODY, encoding="utf-8")
    assert main(["import", str(source), "-o", "out"]) == 0
    [written] = list((workdir / "out").iterdir())
    written.unlink()
    victim = workdir / "victim.txt"
    victim.write_text("precious\n")
    written.symlink_to(victim)
    assert main(["import", str(source), "-o", "out"]) == 1  # exists (as a link)
    assert main(["import", "--force", str(source), "-o", "out"]) == 0
    assert victim.read_text() == "precious\n"
    assert not written.is_symlink()
    # a dangling link counts as existing too
    written.unlink()
    written.symlink_to(workdir / "nowhere")
    assert main(["import", str(source), "-o", "out"]) == 1
    assert not (workdir / "nowhere").exists()
    capsys.readouterr()


def test_stdout_output_of_hostile_text_is_clean_yaml(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Judul \x1b[31mMerah\x1b[0m [bold]x[/]\n\n"
        "Jakarta — Paragraf \u202epertama\u202c dengan \x1b]8;;http://evil\x07tautan\x1b]8;;\x07.\n\n"
        "“Kami \x9b2Jsiap [@click=app.quit]x[/],” kata Budi Santoso.\n"
    )
    (workdir / "a.txt").write_text(text, encoding="utf-8")
    assert main(["import", "--stdout", "a.txt"]) == 0
    out, err = capsys.readouterr()
    assert unsafe_in((out + err).replace("\n", "")) == []
    assert "[bold]x[/]" in out and "[@click=app.quit]x[/]" in out
    assert "evil" not in out
    assert list((workdir / "out").iterdir()) == []


def test_hostile_input_file_names_are_reported_safely(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "evil\x1b[2J\n.txt"
    (workdir / name).write_bytes(b"\xff\xfe\x00\x00binary")
    assert main(["import", name, "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert unsafe_in(err.replace("\n", "")) == []
    assert "evil\\x1b[2J" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "a.txt").write_text("Judul" + BODY, encoding="utf-8")
    (workdir / "out").chmod(0o500)
    try:
        assert main(["import", "a.txt", "-o", "out"]) == 1
    finally:
        (workdir / "out").chmod(0o700)
    assert "cannot write" in capsys.readouterr().err


def test_full_disk_during_import_leaves_nothing_behind(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from reader.core import files

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    (workdir / "a.txt").write_text("Judul" + BODY, encoding="utf-8")
    monkeypatch.setattr(files.os, "fsync", full)
    assert main(["import", "a.txt", "-o", "out"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert list((workdir / "out").iterdir()) == []


def test_importing_a_folder_with_a_hostile_file_name_prints_it_safely(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = workdir / "in"
    folder.mkdir()
    (folder / "evil\x1b]52;c;ZXZpbA==\x07.txt").write_text("Judul" + BODY, encoding="utf-8")
    assert main(["import", str(folder), "-o", "out"]) == 0
    out, err = capsys.readouterr()
    assert unsafe_in((out + err).replace("\n", "")) == []
