"""``reader export``: formats, files never replaced without --force, one-line errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.core.export import to_html, to_markdown, to_text
from reader.core.format import article_to_data, parse_article
from reader.core.model import Article


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("fmt", "writer"), [("md", to_markdown), ("txt", to_text), ("html", to_html)]
)
def test_each_format_goes_to_stdout(
    capsys: pytest.CaptureFixture[str], seed_path: Path, seed_article: Article, fmt, writer
) -> None:
    code, out, err = run(capsys, "export", str(seed_path), "--format", fmt)
    assert (code, err) == (0, "")
    assert out == writer(seed_article)


def test_json_on_stdout_is_the_article(
    capsys: pytest.CaptureFixture[str], seed_path: Path, seed_article: Article
) -> None:
    code, out, _ = run(capsys, "export", str(seed_path), "--format", "json")
    assert code == 0
    assert json.loads(out) == article_to_data(seed_article)
    assert parse_article(out) == seed_article


def test_the_format_follows_the_output_name(
    capsys: pytest.CaptureFixture[str], seed_path: Path, seed_article: Article, tmp_path: Path
) -> None:
    target = tmp_path / "story.HTML"
    code, out, _ = run(capsys, "export", str(seed_path), "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8") == to_html(seed_article)


def test_no_format_and_no_telling_name_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "export", str(seed_path), "-o", str(tmp_path / "story"))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "--format" in err
    assert not (tmp_path / "story").exists()


def test_an_existing_file_is_kept_without_force(
    capsys: pytest.CaptureFixture[str], seed_path: Path, seed_article: Article, tmp_path: Path
) -> None:
    target = tmp_path / "story.md"
    target.write_text("mine\n")
    code, _, err = run(capsys, "export", str(seed_path), "-o", str(target))
    assert code == 1
    assert len(err.splitlines()) == 1 and "--force" in err
    assert target.read_text() == "mine\n"
    code, _, _ = run(capsys, "export", str(seed_path), "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") == to_markdown(seed_article)


def test_the_article_itself_is_never_replaced(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "a.json"
    article.write_bytes(seed_path.read_bytes())
    before = article.read_bytes()
    code, _, err = run(capsys, "export", str(article), "-o", str(article), "--force")
    assert code == 1 and len(err.splitlines()) == 1
    assert article.read_bytes() == before


def test_a_failed_write_leaves_no_file_behind(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root writes anywhere: a missing folder instead
            folder = tmp_path / "missing"
        code, _, err = run(capsys, "export", str(seed_path), "-o", str(folder / "x.txt"))
    finally:
        (tmp_path / "ro").chmod(0o700)
    assert code == 1 and len(err.splitlines()) == 1
    assert list(tmp_path.glob("**/*.txt")) == []


def test_a_broken_article_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nid: [\n")
    code, out, err = run(capsys, "export", str(bad), "--format", "md")
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and str(bad) in err
