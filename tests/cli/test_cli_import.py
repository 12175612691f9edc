"""``reader import``: files, folders, stdin, refusing to overwrite, --force, --stdout."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.core.format import load_article, parse_article

SEED_ID = "moskow-dan-washington-sepakat-tingkatkan-kerja-sama-lawan-isis"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def seed_file(tmp_path: Path, seed_text: str) -> Path:
    path = tmp_path / "in" / "seed.txt"
    path.parent.mkdir()
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_import_file_writes_a_checked_article(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["import", str(seed_file), "-o", str(out)]) == 0
    written = out / f"{SEED_ID}.yaml"
    assert len(load_article(written).quotes) == 9
    assert main(["check", str(written)]) == 0
    assert "imported 1 article" in capsys.readouterr().err


def test_refuses_to_overwrite_then_force_replaces(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["import", str(seed_file), "-o", str(out)]) == 0
    target = out / f"{SEED_ID}.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# kept\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(seed_file), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "1 failed" in err
    assert target.read_text(encoding="utf-8").endswith("# kept\n")
    assert main(["import", str(seed_file), "-o", str(out), "--force"]) == 0
    assert not target.read_text(encoding="utf-8").endswith("# kept\n")
    assert sorted(p.name for p in out.iterdir()) == [f"{SEED_ID}.yaml"]


def test_a_different_article_under_the_name_is_kept(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["import", str(seed_file), "-o", str(out)]) == 0
    first = (out / f"{SEED_ID}.yaml").read_text(encoding="utf-8")
    other = seed_file.with_name("other.txt")
    text = seed_file.read_text(encoding="utf-8")
    other.write_text(text.replace("\n\n", "\n\nSebuah paragraf baru di awal berita.\n\n", 1))
    assert main(["import", str(other), "-o", str(out)]) == 0
    assert (out / f"{SEED_ID}.yaml").read_text(encoding="utf-8") == first
    second = load_article(out / f"{SEED_ID}-2.yaml")
    assert second.id == f"{SEED_ID}-2" and second.title.startswith("Moskow")
    # something that is no article under the name is never replaced without --force
    (out / f"{SEED_ID}.yaml").write_text("keep me", encoding="utf-8")
    assert main(["import", str(seed_file), "-o", str(out)]) == 1
    assert (out / f"{SEED_ID}.yaml").read_text(encoding="utf-8") == "keep me"


def test_same_title_different_articles_are_both_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Banjir di Kota\n\nHujan deras sejak pagi.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Banjir di Kota\n\nAir mulai surut sore ini.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Banjir di Kota\n\nHujan deras sejak pagi.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["banjir-di-kota-2.yaml", "banjir-di-kota.yaml"]
    assert "Air mulai surut" in (out / "banjir-di-kota-2.yaml").read_text(encoding="utf-8")
    # the same article again is refused, naming the input that already has it
    assert "c.txt" in err and "a.txt" in err and "2 articles, 1 failed" in err


def test_stdin_and_stdout(
    monkeypatch: pytest.MonkeyPatch, seed_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, ("\ufeff" + seed_text).replace("\n", "\r\n").encode("utf-8"))
    assert main(["import", "-", "--stdout"]) == 0
    article = parse_article(capsys.readouterr().out)
    assert article.id == SEED_ID and len(article.speakers) == 4


def test_stdin_to_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "CON\n\nIsi berita.\n\n“Kami siap,” kata Budi Santoso.\n".encode())
    assert main(["import", "-", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "con-article.yaml").exists()


def test_folder_with_one_bad_file(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = seed_file.parent
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "other.txt").write_text("Judul Lain\n\nIsi berita lain.\n", encoding="utf-8")
    (folder / "ignored.md").write_text("not imported", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["judul-lain.yaml", f"{SEED_ID}.yaml"]
    bad_lines = [line for line in err.splitlines() if "bad.txt" in line]
    assert len(bad_lines) == 1 and "binary" in bad_lines[0]
    assert "imported 2 articles, 1 failed" in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02\x03", "binary"),
        ("Judul\n\nIsi.".encode("utf-16"), "UTF-16"),
        (b"Judul\n\n\xff\xfe\xfa isi", "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    assert main(["import", str(path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and message in err[0] and "failed" in err[1]


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "nope.txt"), "-o", str(tmp_path)]) == 1
    assert "no such file" in capsys.readouterr().err


def test_output_is_a_file(seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(seed_file), "-o", str(seed_file)]) == 1
    assert "not a folder" in capsys.readouterr().err
