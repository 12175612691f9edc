"""reader.core.export: each format parsed back gives the article's text, quotes and speakers.

The test article is written here, with text that would be markup in every format
(Markdown emphasis and headings, HTML tags and entities), an indirect quote overlapping a
direct one, a figure, a URL and a footer.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from reader.core.export import FORMATS, export_article, flat, md_escape, placed, to_markdown
from reader.core.format import article_to_data, parse_article
from reader.core.model import Article

ARTICLE_YAML = """\
schema: 1
id: tricky
title: "Ministers <b>agree</b> on *the* plan & more"
language: en
source: The <Daily>
date: 2024-05-02
url: https://news.example/a?b=1&c=2
figures:
  - caption: "The ministers in #Paris."
    credit: "Jane_Roe/Agency"
lead: "# Not a heading: the lead. “We agree on the essentials,” said Ana Rahma."
sections:
  - id: opening
    heading: null
    paragraphs:
      - "- not a list <script>alert(1)</script> and `code` [link](x) &amp; 1. item"
  - id: next-steps
    heading: "Next steps ## with hashes #"
    paragraphs:
      - "Rahma said talks would go on because “not yet, not *yet*,” she added."
      - "1. Plain paragraph without quotes."
speakers:
  - id: rahma
    name: Ana Rahma
    role: Foreign <Minister>
    aliases: [Rahma]
  - id: budi
    name: Budi_Santoso
quotes:
  - id: q1
    speaker: rahma
    section: lead
    paragraph: 0
    text: We agree on the essentials
  - id: q2
    speaker: rahma
    section: next-steps
    paragraph: 0
    kind: indirect
    text: talks would go on because “not yet
  - id: q3
    speaker: budi
    section: next-steps
    paragraph: 0
    text: not yet, not *yet*
footer:
  copyright: "© The <Daily> 2024"
  cookie:
    text: This site uses cookies. Learn more.
    link_text: Learn more
    accept: Accept cookies
"""


@pytest.fixture(scope="module")
def article() -> Article:
    return parse_article(ARTICLE_YAML, "tricky.yaml")


def paragraphs(article: Article) -> list[str]:
    return [flat(text) for _, _, text in article.blocks()]


def test_every_format_ends_with_one_newline(article: Article) -> None:
    for fmt in FORMATS:
        text = export_article(article, fmt)
        assert text.endswith("\n") and not text.endswith("\n\n"), fmt


# -- JSON ----------------------------------------------------------------------------


def test_json_is_the_documented_format_and_reads_back_as_the_article(article: Article) -> None:
    text = export_article(article, "json")
    assert json.loads(text) == article_to_data(article)
    assert json.loads(text)["schema"] == 1
    # the loader reads it as it reads the YAML: the same article, checks and all
    assert parse_article(text, "tricky.json") == article


# -- plain text ----------------------------------------------------------------------


def test_text_has_every_paragraph_heading_quote_and_the_footer(article: Article) -> None:
    lines = export_article(article, "txt").splitlines()
    assert lines[0] == flat(article.title)
    assert "The <Daily> · 2024-05-02 · https://news.example/a?b=1&c=2" in lines
    assert "## Next steps ## with hashes #" in lines
    body = [re.sub(r"\[q\d+\]", "", line) for line in lines]
    for text in paragraphs(article):
        assert text in body
    quote_lines = [line.strip() for line in lines if line.startswith("    [")]
    assert quote_lines == [
        "[q1] Ana Rahma, Foreign <Minister>: “We agree on the essentials”",
        "[q2] Ana Rahma, Foreign <Minister> (reported): “talks would go on because “not yet”",
        "[q3] Budi_Santoso: “not yet, not *yet*”",
    ]
    footer = lines[lines.index("-" * 40) :]
    assert footer == ["-" * 40, "", "© The <Daily> 2024", "", "This site uses cookies. Learn more."]


# -- Markdown --------------------------------------------------------------------------


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").use(footnote_plugin)


def _inline_text(token: Token) -> str:
    return "".join(c.content for c in token.children or [] if c.type in ("text", "softbreak"))


def _blocks(tokens: list[Token]) -> list[tuple[str, str]]:
    """(kind, text) of each heading and paragraph outside the footnotes."""
    out, kind, in_notes = [], "", False
    for token in tokens:
        if token.type == "footnote_block_open":
            in_notes = True
        elif token.type in ("heading_open", "paragraph_open"):
            kind = token.tag if token.type == "heading_open" else "p"
        elif token.type == "inline" and not in_notes:
            out.append((kind, _inline_text(token)))
    return out


def test_markdown_reads_back_with_every_text_as_written(article: Article) -> None:
    tokens = _markdown().parse(export_article(article, "md"))
    blocks = _blocks(tokens)
    assert blocks[0] == ("h1", flat(article.title))
    assert ("h2", "Next steps ## with hashes #") in blocks
    texts = [text for kind, text in blocks if kind == "p"]
    for text in paragraphs(article):
        assert text in texts
    assert "© The <Daily> 2024" in texts
    assert "This site uses cookies. Learn more." in texts
    # no block turned into a list, a code block, a quote or raw HTML
    kinds = {t.type for t in tokens}
    assert not kinds & {"bullet_list_open", "ordered_list_open", "code_block", "html_block"}
    assert not any(c.type in ("html_inline", "link_open", "code_inline") for t in tokens
                   for c in t.children or [])  # fmt: skip


def test_markdown_marks_each_quote_and_names_its_speaker_in_a_footnote(
    article: Article,
) -> None:
    tokens = _markdown().parse(export_article(article, "md"))
    emphasised, refs = [], []
    for token in tokens:
        children = token.children or []
        for i, child in enumerate(children):
            if child.type == "em_open":
                emphasised.append(children[i + 1].content)
            if child.type == "footnote_ref":
                refs.append(child.meta["label"])
    assert refs == ["q1", "q2", "q3"]
    # q2 overlaps q3 and starts first: it keeps the span, q3 is marked where q2 ends
    assert emphasised == ["We agree on the essentials", "talks would go on because “not yet"]
    notes = tokens[[t.type for t in tokens].index("footnote_block_open") :]
    texts = [_inline_text(t) for t in notes if t.type == "inline"]
    assert texts == [
        "Ana Rahma, Foreign <Minister>",
        "Ana Rahma, Foreign <Minister> (reported speech)",
        "Budi_Santoso",
    ]


@given(st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=1))
def test_any_text_renders_as_itself_in_markdown(text: str) -> None:
    text = flat(text)
    if not text:
        return
    tokens = _markdown().parse(md_escape(text) + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert _inline_text(tokens[1]) == text


# -- HTML ------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects tags, resource-loading attributes, paragraph texts and quote marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.refs: list[tuple[str, str, str]] = []
        self.paragraphs: list[str] = []
        self.marks: list[tuple[str, str, str]] = []
        self.headings: list[str] = []
        self._p: list[str] | None = None
        self._mark: tuple[dict[str, str | None], list[str]] | None = None
        self._heading: list[str] | None = None
        self._sup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "data", "poster"):
                self.refs.append((tag, name, value or ""))
        if tag == "p":
            self._p = []
        elif tag == "mark":
            self._mark = (dict(attrs), [])
        elif tag == "sup":
            self._sup += 1
        elif tag in ("h1", "h2"):
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._p is not None:
            self.paragraphs.append("".join(self._p))
            self._p = None
        elif tag == "mark" and self._mark is not None:
            attrs, text = self._mark
            self.marks.append((attrs["id"] or "", attrs["data-speaker"] or "", "".join(text)))
            self._mark = None
        elif tag == "sup":
            self._sup -= 1
        elif tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._p is not None and not self._sup:
            self._p.append(data)
        if self._mark is not None:
            self._mark[1].append(data)
        if self._heading is not None:
            self._heading.append(data)


def test_html_is_one_page_that_loads_nothing_and_escapes_the_text(article: Article) -> None:
    page = _Page()
    page.feed(export_article(article, "html"))
    page.close()
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    # the only links: to the speakers on the page, and the article's own web address
    assert {ref for ref in page.refs if not ref[2].startswith("#")} == {
        ("a", "href", "https://news.example/a?b=1&c=2")
    }
    for text in paragraphs(article):
        assert text in page.paragraphs
    assert flat(article.title) in page.headings
    assert "Next steps ## with hashes #" in page.headings
    assert "© The <Daily> 2024" in page.paragraphs
    assert page.marks == [
        ("quote-q1", "rahma", "We agree on the essentials"),
        ("quote-q2", "rahma", "talks would go on because “not yet"),
        ("quote-q3", "budi", ""),
    ]


def test_html_refuses_to_load_anything_even_if_text_slipped_through(article: Article) -> None:
    page = export_article(article, "html")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_a_url_that_is_not_a_web_address_is_text_not_a_link(article: Article) -> None:
    from dataclasses import replace

    page = _Page()
    page.feed(export_article(replace(article, url="javascript:alert(1)"), "html"))
    assert not [ref for ref in page.refs if not ref[2].startswith("#")]


def test_overlapping_quotes_are_marked_once_each_and_never_nest(article: Article) -> None:
    text = flat(article.section("next-steps").paragraphs[0])
    spans = placed(article, "next-steps", 0, text)
    assert [s.quote.id for s in spans] == ["q2", "q3"]
    assert spans[1].start == spans[1].end == spans[0].end


def test_markdown_of_the_bundled_article_has_a_footnote_per_quote(seed_article: Article) -> None:
    text = to_markdown(seed_article)
    for quote in seed_article.quotes:
        assert text.count(f"[^{quote.id}]") == 2  # the mark and the note


def test_html_names_each_quote_s_speaker_beside_it(article: Article) -> None:
    page = export_article(article, "html")
    assert (
        '<a href="#speaker-rahma" title="Ana Rahma, Foreign &lt;Minister&gt;">Ana Rahma</a>' in page
    )
    assert '<dt id="speaker-rahma">Ana Rahma</dt>' in page
    assert "<dd>Foreign &lt;Minister&gt;</dd>" in page
