"""The article writer: exactly PyYAML's text, on real articles and on hostile ones.

``dump_article`` writes the format's YAML itself (:mod:`reader.core.format.yaml_text`)
instead of through PyYAML's representer and emitter. These tests hold it to PyYAML's
output byte for byte (``pyyaml_text``, the writer it replaced), and check that the safe
C loader reads the text back as the same data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.format import article_to_data, dump_article, load_article
from reader.core.format.dump import pyyaml_text
from reader.core.format.yaml_article import article_yaml
from reader.core.format.yaml_text import WIDTH, yaml_text
from reader.core.model import Article, CookieNotice, Figure, Footer, Quote, Section, Speaker
from reader.importer import import_text

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "importer" / "corpus"

#: What libyaml escapes, so the writer leaves the document to PyYAML (the test's own
#: list: C0 and C1 controls, DEL, line/paragraph separators, BOM, U+FFFE/F, astral).
ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\U00010000-\U0010ffff]")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _same_as_pyyaml(article: Article) -> str:
    data = article_to_data(article)
    text = dump_article(article)
    assert text == pyyaml_text(data)
    assert yaml.load(text, Loader=yaml.CSafeLoader) == data
    escaped = any(ESCAPED.search(s) for s in _strings(data))
    # the writers' own text whenever nothing needs escaping (not PyYAML's every time):
    # the one from the model, and the one from the plain data it stands in for
    assert (yaml_text(data) is None) == escaped
    assert article_yaml(article) == (None if escaped else text)
    return text


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) + sorted(
        (ROOT / "tests" / "importer" / "heldout").glob("*.txt")
    )


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_imports_are_written_as_pyyaml_writes_them(path: Path) -> None:
    _same_as_pyyaml(import_text(path.read_text(encoding="utf-8"), name=path.name))


def test_the_bundled_article_is_written_as_pyyaml_writes_it() -> None:
    files = sorted((ROOT / "articles").glob("*.yaml"))
    assert files
    for path in files:
        _same_as_pyyaml(load_article(path))


# -- generated articles -------------------------------------------------------------

#: Pieces that change how YAML writes a text: indicators, quotes, colons and hashes
#: before or after spaces, document markers, values YAML 1.1 reads as other types,
#: spaces (leading, trailing, doubled), controls, separators, wide and astral characters.
PIECES = [
    *"'\":#-?,[]{}&*!|>%@`<=~.+0123456789 ",
    ": ",
    " #",
    "- ",
    "? ",
    "---",
    "...",
    "  ",
    "\t",
    "\n",
    "\r",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\xa0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "é",
    "中文",
    "“",
    "”",
    "👍",
    "yes",
    "No",
    "off",
    "null",
    "NULL",
    "true",
    "2016-03-24",
    "2016-03-24 10:00:00",
    "0x1F",
    "0o17",
    "1_000",
    "3.5e3",
    "-.inf",
    ".NaN",
    "12:30:45",
    "<<",
]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
hostile = st.lists(
    st.one_of(st.sampled_from(PIECES), WORD, st.characters(codec="utf-8")), max_size=30
).map("".join)
#: Long texts of words and single spaces (now and then a piece): lines to fold, with the
#: last word before the width at every column.
long_text = st.lists(
    st.one_of(WORD, WORD, WORD, st.sampled_from(PIECES)), min_size=1, max_size=80
).map(" ".join)
text = st.one_of(hostile, long_text, st.just(""), st.just("x" * (WIDTH + 30)))
maybe = st.one_of(st.none(), text)

articles = st.builds(
    Article,
    id=text,
    title=text,
    language=text,
    source=text,
    lead=maybe,
    date=maybe,
    url=maybe,
    figures=st.lists(st.builds(Figure, caption=text, credit=maybe), max_size=2).map(tuple),
    sections=st.lists(
        st.builds(
            Section,
            id=text,
            heading=maybe,
            paragraphs=st.lists(text, max_size=3).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
    speakers=st.lists(
        st.builds(
            Speaker,
            id=text,
            name=text,
            role=maybe,
            aliases=st.lists(text, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    quotes=st.lists(
        st.builds(
            Quote,
            id=text,
            text=text,
            speaker=text,
            section=text,
            paragraph=st.integers(min_value=0, max_value=10**6),
            kind=st.sampled_from(["direct", "indirect"]),
        ),
        max_size=3,
    ).map(tuple),
    footer=st.builds(
        Footer,
        copyright=maybe,
        cookie=st.one_of(
            st.none(),
            st.builds(CookieNotice, text=text, link_text=maybe, accept_label=text),
        ),
    ),
)


def _one(value: str) -> Article:
    """An article with ``value`` in every kind of place: top-level value, list item,
    value in a list's mapping, nested mapping."""
    return Article(
        id=value,
        title=value,
        language="id",
        source=value,
        sections=(Section("s1", value, (value, value)),),
        speakers=(Speaker("p1", value, value, (value,)),),
        quotes=(Quote("q1", value, "p1", "s1", 0),),
        footer=Footer(value, CookieNotice(value, value, value)),
    )


@settings(max_examples=300, deadline=None)
@given(articles)
def test_generated_articles_are_written_as_pyyaml_writes_them(article: Article) -> None:
    _same_as_pyyaml(article)


@settings(max_examples=300, deadline=None)
@given(st.one_of(hostile, long_text))
@example("'quoted' and: a colon, then # a hash " * 9)
@example(" leading space" + " word" * 30)
@example("- a dash" + " x" * 60)
@example("x" * 95 + "  two spaces" + " y" * 40)
@example("a" * 120 + " b")
@example("2016-03-24")
@example("yes")
@example("see #hashtag, not a comment")
@example("y" * 120 + " ")
@example(" " + "z" * 120)
@example("---" + " z" * 70)
@example("- a list item? no, a text")
@example("# not a comment")
@example("key: value, and: more")
@example("\"double\" and 'single' quotes")
@example("naïve café — “curly” ‘quotes’ 東京 " * 12)
@example("a\ttab")
@example("\x1b[31mred\x1b[0m")
@example("x" * 5000)
@example(("word " * 2000).strip())
def test_a_text_anywhere_is_written_as_pyyaml_writes_it(value: str) -> None:
    _same_as_pyyaml(_one(value))


def test_a_control_character_leaves_the_text_to_pyyaml() -> None:
    text = _same_as_pyyaml(_one("a bell \x07 rings"))
    assert '"a bell \\a rings"' in text  # escaped, in double quotes


def test_the_resolver_table_written_out_is_pyyamls() -> None:
    """yaml_text quotes a text exactly when PyYAML's dumper would: its table of implicit
    resolvers (kept in the module so that saving does not import PyYAML) is PyYAML's,
    character by character, in order, with each pattern and its flags."""
    from yaml.resolver import Resolver

    from reader.core.format.yaml_text import _RESOLVERS

    def table(resolvers: dict) -> dict:  # type: ignore[type-arg]
        return {ch: [(tag, p.pattern, p.flags) for tag, p in v] for ch, v in resolvers.items()}

    assert table(_RESOLVERS) == table(Resolver.yaml_implicit_resolvers)
