"""Every subcommand and exit code of ``reader``, as a script would use it."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli.main import main
from reader.core.format import dump_article
from reader.core.model import Article

BAD_ARTICLE = "schema: 1\nid: bad\ntitle: T\nlanguage: en\nsource: S\nsections: []\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"reader {__version__}"


def test_help_lists_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("check", "show", "quotes", "import"):
        assert command in out


def test_check_ok(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, err = run(capsys, "check", str(seed_path))
    assert (code, err) == (0, "")
    assert out == f"{seed_path}: ok (4 sections, 9 quotes, 4 speakers)\n"


def test_check_lists_every_error_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_ARTICLE.replace("title: T", "title: [1]"))
    code, out, err = run(capsys, "check", str(seed_path), str(bad))
    assert code == 1
    assert "ok" in out
    assert err.splitlines() == [
        f"reader: {bad}:3: title: expected text, got a list",
        f"reader: {bad}:6: sections: an article needs at least one section",
    ]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["import"],
        ["show", "a", "b"],
        ["quotes", "x", "--colour"],
        ["--nope"],
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "error:" in err


def test_missing_file_is_one_line_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for command in ("show", "quotes", "check"):
        code, _out, err = run(capsys, command, str(tmp_path / "nope.yaml"))
        assert code == 1
        assert err.strip().splitlines() == [f"reader: {tmp_path / 'nope.yaml'}: no such file"]


def test_show_plain_when_piped(
    capsys: pytest.CaptureFixture[str], seed_path: Path, seed_article: Article
) -> None:
    code, out, err = run(capsys, "show", str(seed_path))
    assert (code, err) == (0, "")
    assert out.startswith(seed_article.title + "\n")
    assert "## Pertukaran Intelejen" in out
    for paragraph in (p for s in seed_article.sections for p in s.paragraphs):
        assert f"\n{paragraph}\n" in out
    assert "\x1b" not in out
    assert out.rstrip().endswith(
        "Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut."
    )


def test_show_styled_marks_every_quote_lead_included(seed_article: Article) -> None:
    from rich.text import Text

    from reader.cli.show import rich_article
    from reader.core.model import LEAD, Quote

    lead = "Dia berkata, “Kami sepakat,” kemarin."
    article = dataclasses.replace(
        seed_article,
        lead=lead,
        quotes=(*seed_article.quotes, Quote("q10", "Kami sepakat", "lavrov", LEAD, 0)),
    )
    marked = [
        text.plain[span.start : span.end]
        for text in rich_article(article).renderables  # type: ignore[attr-defined]
        if isinstance(text, Text)
        for span in text.spans
        if "italic" in str(span.style)
    ]
    assert marked == ["Kami sepakat", *(q.text for q in seed_article.quotes)]


def test_quotes_text(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(capsys, "quotes", str(seed_path), "--speaker", "lukyanov")
    assert code == 0
    assert out.count("Fyodor Lukyanov — Ketua Dewan Presidium") == 3
    assert "Medvedev" not in out


def test_quotes_json_is_parseable_and_complete(
    capsys: pytest.CaptureFixture[str], seed_path: Path, seed_article: Article
) -> None:
    code, out, _ = run(capsys, "quotes", str(seed_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["article"] == seed_article.id
    assert [q["id"] for q in data["quotes"]] == [f"q{i}" for i in range(1, 10)]
    first = data["quotes"][0]
    assert first["speaker"] == {
        "id": "lavrov",
        "name": "Sergey Lavrov",
        "role": "Menteri Luar Negeri Rusia",
    }
    assert first["heading"] == "Pertukaran Intelejen"
    assert first["text"].startswith("Bagaimanapun juga")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--search", "EBOLA"], ["q1"]),
        (["--search", "obama"], ["q4"]),
        (["--search", "perdana menteri"], ["q7", "q8", "q9"]),  # the role counts
        (["--speaker", "Medvedev", "--search", "sanksi"], ["q8", "q9"]),
        (["--speaker", "Dimitri Litovkin"], ["q2", "q3"]),
        (["--speaker", "nobody"], []),
    ],
)
def test_quotes_filters(
    capsys: pytest.CaptureFixture[str], seed_path: Path, args: list[str], expected: list[str]
) -> None:
    code, out, _ = run(capsys, "quotes", str(seed_path), "--json", *args)
    assert code == 0
    assert [q["id"] for q in json.loads(out)["quotes"]] == expected


def test_quotes_search_is_accent_insensitive(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_article: Article
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(dump_article(seed_article).replace("Medvedev", "Medvédev"))
    _code, out, _ = run(capsys, "quotes", str(path), "--json", "--speaker", "MEDVEDEV")
    assert len(json.loads(out)["quotes"]) == 3


def test_reader_runs_as_a_module_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\n: : :\n")
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "check", str(bad)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_show_into_a_closed_pipe_is_not_an_error(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``reader show | head -n 1``: the reader of the output went away; that is no error."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `head` after its first line: every write now fails (EPIPE)
    with open(write_end, "w", encoding="utf-8") as closed_pipe:
        monkeypatch.setattr(sys, "stdout", closed_pipe)
        assert main(["show", str(seed_path)]) == 0


def test_subcommands_default_to_the_bundled_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and out.endswith(": ok (4 sections, 9 quotes, 4 speakers)\n")
    code, out, _ = run(capsys, "quotes", "--speaker", "lavrov", "--json")
    assert [q["id"] for q in json.loads(out)["quotes"]] == ["q1"]
    code, out, _ = run(capsys, "show")
    assert out.startswith("Moskow dan Washington")
