"""The article format: a valid file loads; every kind of mistake is reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import ArticleError, ReaderError
from reader.core.format import dump_article, load_article, parse_article, save_article
from reader.core.model import Article

VALID = """\
schema: 1
id: sample
title: A sample
language: en
source: The Daily
lead: The lead paragraph.
figures:
  - caption: A photo.
    credit: Someone/Agency
sections:
  - id: opening
    heading: null
    paragraphs:
      - "“We agree,” said Ana Rahma."
  - id: second
    heading: Second part
    paragraphs:
      - Plain text.
      - "“Not yet,” Rahma added."
speakers:
  - id: rahma
    name: Ana Rahma
    role: Minister
    aliases: [Rahma]
quotes:
  - id: q1
    speaker: rahma
    section: opening
    paragraph: 0
    text: We agree
  - id: q2
    speaker: rahma
    section: second
    paragraph: 1
    kind: direct
    text: Not yet
footer:
  copyright: © The Daily
  cookie:
    text: This site uses cookies. Learn more.
    link_text: Learn more
    accept: Accept cookies
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(ArticleError) as info:
        parse_article(text, "x.yaml")
    return str(info.value).splitlines()


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


def test_valid_article_loads_every_field() -> None:
    article = parse_article(VALID)
    assert article.title == "A sample"
    assert article.figures[0].credit == "Someone/Agency"
    assert [s.heading for s in article.sections] == [None, "Second part"]
    assert article.speaker("rahma").aliases == ("Rahma",)
    assert [q.kind for q in article.quotes] == ["direct", "direct"]
    assert article.footer.cookie is not None
    assert article.footer.cookie.accept_label == "Accept cookies"


def test_dump_round_trips(seed_article: Article) -> None:
    assert parse_article(dump_article(seed_article)) == seed_article
    assert parse_article(dump_article(parse_article(VALID))) == parse_article(VALID)


def test_unknown_speaker_names_line_path_and_known_speakers() -> None:
    errors = errors_of(
        replace(
            "    speaker: rahma\n    section: second", "    speaker: rahmah\n    section: second"
        )
    )
    assert errors == ["x.yaml:32: quotes[1].speaker: unknown speaker 'rahmah' (known: rahma)"]


def test_quote_text_must_occur_in_its_paragraph() -> None:
    errors = errors_of(replace("text: Not yet", "text: Not now"))
    assert errors == ["x.yaml:36: quotes[1].text: text does not occur in second[1]: 'Not now'"]


def test_quote_paragraph_and_section_must_exist() -> None:
    text = replace("paragraph: 1", "paragraph: 7").replace(
        "section: opening\n    paragraph: 0", "section: nowhere\n    paragraph: 0"
    )
    errors = errors_of(text)
    assert any("quotes[0].section: unknown section 'nowhere'" in e for e in errors)
    assert any("quotes[1].paragraph: section 'second' has no paragraph 7" in e for e in errors)


def test_every_problem_is_reported_at_once() -> None:
    text = (
        replace("title: A sample", "title: 42")
        .replace("language: en\n", "")
        .replace("id: q2", "id: q1")
    )
    errors = errors_of(text)
    assert "x.yaml:1: missing required field 'language'" in errors
    assert "x.yaml:3: title: expected text, got a number (42)" in errors
    assert any("quotes[1].id: duplicate id 'q1'" in e for e in errors)
    assert len(errors) == 3


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: sample", "id: Not An Id", "id: invalid id 'Not An Id'"),
        (
            "    paragraph: 0",
            "    paragraph: first",
            "quotes[0].paragraph: expected a paragraph number",
        ),
        (
            "    paragraph: 0",
            "    paragraph: -1",
            "quotes[0].paragraph: expected a paragraph number",
        ),
        ("    kind: direct", "    kind: rumour", "quotes[1].kind: expected 'direct' or 'indirect'"),
        ("  - id: second\n", "  - id: opening\n", "sections[1].id: duplicate id 'opening'"),
        (
            "    aliases: [Rahma]",
            "    aliases: Rahma",
            "speakers[0].aliases: expected a list of text",
        ),
        ("source: The Daily", "source: ''", "source: must not be empty"),
        ("source: The Daily", "source: The Daily\ncolour: red", "colour: unknown field"),
        (
            "    link_text: Learn more",
            "    link_text: Click",
            "footer.cookie.link_text: does not occur",
        ),
        ("    credit: Someone/Agency\n", "", None),
        (
            "  - caption: A photo.\n    credit: Someone/Agency\n",
            "  - A photo\n",
            "figures[0]: expected a mapping, got text",
        ),
        (
            "      - Plain text.\n",
            "      - 3\n",
            "sections[1].paragraphs[0]: expected text, got a number (3)",
        ),
    ],
)
def test_each_kind_of_mistake_has_its_message(old: str, new: str, expected: str | None) -> None:
    text = replace(old, new)
    if expected is None:
        parse_article(text)
        return
    assert any(expected in e for e in errors_of(text)), errors_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "x.yaml: the file is empty"),
        ("- a\n- b\n", "x.yaml:1: an article must be a mapping, got a list"),
        ("just text\n", "x.yaml:1: an article must be a mapping, got text"),
        ("id: x\n", "x.yaml: missing 'schema: 1' (is this an article file?)"),
        ("schema: 2\n", "x.yaml:1: schema: unsupported schema 2 (this reader reads schema 1)"),
        ("schema: '1'\n", "x.yaml:1: schema: unsupported schema '1'"),
        ("a: [1\n", "x.yaml:2: invalid YAML"),
        ("a: 1\na: 2\n", "x.yaml:2: duplicate key 'a'"),
        (
            "a: !!python/object:os.system x\n",
            "x.yaml:1: tags are not allowed (tag:yaml.org,2002:python/object:os.system)",
        ),
        ("a: &x [1]\nb: *x\n", "x.yaml:2: aliases (*name) are not allowed"),
        ("a: 1\n---\nb: 2\n", "x.yaml:2: more than one YAML document"),
        ("[" * 100 + "]" * 100, "x.yaml:1: nested more than 64 levels deep"),
    ],
)
def test_malformed_files_give_one_clear_line(text: str, expected: str) -> None:
    errors = errors_of(text)
    assert len(errors) == 1
    assert errors[0].startswith(expected), errors[0]


def test_load_article_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file"):
        load_article(tmp_path / "missing.yaml")
    with pytest.raises(ReaderError, match="is a directory"):
        load_article(tmp_path)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ReaderError, match="not UTF-8 text"):
        load_article(latin)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000)
    with pytest.raises(ReaderError, match="too large"):
        load_article(big, limit=1000)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    assert load_article(path) == parse_article(VALID)


def test_save_is_atomic_and_never_overwrites_unasked(tmp_path: Path, seed_article: Article) -> None:
    target = tmp_path / "a.yaml"
    save_article(seed_article, target)
    assert load_article(target) == seed_article
    with pytest.raises(ReaderError, match="already exists"):
        save_article(seed_article, target)
    save_article(seed_article, target, overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_control_characters_are_stripped_on_load() -> None:
    article = parse_article(replace("title: A sample", 'title: "A \\e[31msample\\a"'))
    assert article.title == "A sample"


@pytest.mark.parametrize("blank", ["\\x1b", "\\x1b[0m", "\\u200b", "  "])
def test_list_items_that_clean_to_nothing_are_refused(blank: str) -> None:
    """A paragraph or alias that is only control or invisible characters is empty, as a
    title of the same would be; loading it as "" gave an article that could not be
    saved and read back."""
    text = f"""\
schema: 1
id: a
title: T
language: id
source: S
sections:
- id: s
  paragraphs: [ok, "{blank}"]
speakers:
- id: p
  name: N
  aliases: ["{blank}"]
"""
    with pytest.raises(ArticleError) as info:
        parse_article(text, "x.yaml")
    assert str(info.value).splitlines() == [
        "x.yaml:8: sections[0].paragraphs[1]: must not be empty",
        "x.yaml:12: speakers[0].aliases[0]: must not be empty",
    ]


@pytest.mark.parametrize(
    ("parser_says", "user_sees"),
    [
        ("exceeded maximum nesting depth", "nested more than 64 levels deep"),
        ("Nesting too deep", "nested more than 64 levels deep"),
        ("did not find expected key", "invalid YAML: did not find expected key"),
        (None, "invalid YAML"),
        ("", "invalid YAML"),
    ],
)
def test_the_parsers_problems_are_worded_by_reader(parser_says: str | None, user_sees: str) -> None:
    """Deep nesting reads the same whether libyaml (0.2.6 on) or reader's check refused it."""
    from reader.core.format.safe_yaml import parser_problem

    assert parser_problem(parser_says) == user_sees


def test_deep_flow_nesting_is_refused_in_one_line_with_file_and_line() -> None:
    """Refused whatever the parser's version: by libyaml's own limit or reader's check."""
    errors = errors_of("schema: 1\ntitle: " + "[" * 5_000 + "]" * 5_000 + "\n")
    assert len(errors) == 1
    assert errors[0] == "x.yaml:2: nested more than 64 levels deep"
