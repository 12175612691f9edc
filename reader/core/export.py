"""An article as Markdown, plain text, JSON or one self-contained HTML page.

Each format carries the whole article: title and byline, figures, lead, sections with
their headings, every quote marked where it stands with its speaker (name and role), and
the source's footer. Article text is data in every one of them: Markdown escapes what
would become markup, HTML escapes everything and loads nothing from anywhere (a
Content-Security-Policy says so to the browser too), and JSON is the documented article
format itself (``article_to_data``), so ``reader`` opens an exported JSON file as it
opens the YAML.

Textual-free and Rich-free: ``reader export`` writes these strings, and the app may too.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from reader.core.format import article_to_data
from reader.core.model import LEAD, Article, Quote

Format = Literal["md", "txt", "json", "html"]
FORMATS: tuple[Format, ...] = ("md", "txt", "json", "html")

#: File name endings that say which format is meant (``-o story.md``).
SUFFIXES: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".text": "txt",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


def export_article(article: Article, fmt: Format) -> str:
    """The whole article in ``fmt``; the result ends with a newline."""
    writers: dict[Format, Callable[[Article], str]] = {
        "md": to_markdown,
        "txt": to_text,
        "json": to_json,
        "html": to_html,
    }
    return writers[fmt](article)


# -- what every format shares ------------------------------------------------------


def flat(text: str) -> str:
    """Text folded onto one line: whitespace runs (newlines too) become one space."""
    return " ".join(text.split())


def speaker_label(article: Article, quote: Quote) -> str:
    """``Name, role`` of a quote's speaker (the speaker id if the article lacks one)."""
    try:
        speaker = article.speaker(quote.speaker)
    except KeyError:
        return flat(quote.speaker)
    name = flat(speaker.name)
    return f"{name}, {flat(speaker.role)}" if speaker.role else name


@dataclass(frozen=True, slots=True)
class Span:
    """A quote placed in a paragraph's flat text: ``text[start:end]`` is its words."""

    quote: Quote
    start: int
    end: int


def placed(article: Article, section_id: str, index: int, text: str) -> list[Span]:
    """The quotes of one paragraph as spans of ``text`` (its flat form), in reading order.

    Two quotes may overlap (a reported sentence holding a direct one): the one that
    starts first keeps the span and the other is placed, empty, where the first ends, so
    each is still marked once and the marks never nest.
    """
    spans: list[Span] = []
    for quote in article.quotes_in(section_id, index):
        words = flat(quote.text)
        start = text.find(words) if words else -1
        if start < 0:  # only in articles built in code: mark it at the end
            start = len(text)
        spans.append(Span(quote, start, start + len(words) if words else start))
    spans.sort(key=lambda s: (s.start, -s.end))
    result: list[Span] = []
    edge = 0
    for span in spans:
        if span.start < edge:
            span = Span(span.quote, edge, edge)
        result.append(span)
        edge = max(edge, span.end)
    return result


def _blocks(article: Article) -> Iterator[tuple[str | None, str, int, str]]:
    """``(heading, section id, index, flat text)`` per paragraph; heading only on a
    section's first paragraph (and ``None`` for the lead and an untitled section)."""
    if article.lead is not None:
        yield None, LEAD, 0, flat(article.lead)
    for section in article.sections:
        for index, text in enumerate(section.paragraphs):
            heading = section.heading if index == 0 else None
            yield heading, section.id, index, flat(text)


def byline(article: Article) -> str:
    return " · ".join(flat(x) for x in (article.source, article.date, article.url) if x)


# -- JSON --------------------------------------------------------------------------


def to_json(article: Article) -> str:
    """The documented article format (as the YAML file has it), as JSON."""
    return json.dumps(article_to_data(article), ensure_ascii=False, indent=2) + "\n"


# -- plain text --------------------------------------------------------------------


def to_text(article: Article) -> str:
    """Plain text, one line per paragraph; a quote is followed by ``[id]`` and listed
    with its speaker under its paragraph."""
    title = flat(article.title)
    lines = [title, "=" * min(max(len(title), 1), 79), "", byline(article), ""]
    for figure in article.figures:
        credit = f" (Photo: {flat(figure.credit)})" if figure.credit else ""
        lines += [f"[Figure: {flat(figure.caption)}{credit}]", ""]
    for heading, section_id, index, text in _blocks(article):
        if index == 0 and section_id != LEAD and heading:
            lines += [f"## {flat(heading)}", ""]
        spans = placed(article, section_id, index, text)
        out: list[str] = []
        at = 0
        for span in spans:
            out += [text[at : span.end], f"[{span.quote.id}]"]
            at = span.end
        out.append(text[at:])
        lines.append("".join(out))
        for span in spans:
            kind = " (reported)" if span.quote.kind == "indirect" else ""
            who = speaker_label(article, span.quote)
            lines.append(f"    [{span.quote.id}] {who}{kind}: “{flat(span.quote.text)}”")
        lines.append("")
    lines += _footer_lines(article, rule="-" * 40)
    return "\n".join(lines).rstrip() + "\n"


def _footer_lines(article: Article, rule: str) -> list[str]:
    footer = article.footer
    if not (footer.copyright or footer.cookie):
        return []
    lines = [rule, ""]
    if footer.copyright:
        lines += [flat(footer.copyright), ""]
    if footer.cookie:
        lines += [flat(footer.cookie.text), ""]
    return lines


# -- Markdown ----------------------------------------------------------------------

# Inline: what could start emphasis, code, links, HTML, entities or strikethrough.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&~])")
# At the start of a line: headings, block quotes, lists, thematic breaks, tables.
_MD_LINE_START = re.compile(r"^([#>+=|:-])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def md_escape(text: str, *, heading: bool = False, line_start: bool = True) -> str:
    """Flat text as Markdown that renders as exactly this text, never as markup.

    ``line_start``: the text begins a line, where ``#``, ``-``, ``1.`` … start blocks.
    """
    escaped = _MD_INLINE.sub(r"\\\1", text)
    if line_start:
        escaped = _MD_LINE_START.sub(r"\\\1", escaped)
        escaped = _MD_ORDERED.sub(r"\1\\\2", escaped)
    if heading:  # a closing sequence of #s would be eaten
        escaped = escaped.replace("#", "\\#")
    return escaped


def _md_emphasis(text: str) -> str:
    """``*text*`` around the non-blank middle (blank edges would break the emphasis)."""
    stripped = text.strip()
    if not stripped:
        return text
    left = text[: len(text) - len(text.lstrip())]
    right = text[len(text.rstrip()) :]
    return f"{left}*{md_escape(stripped, line_start=False)}*{right}"


def to_markdown(article: Article) -> str:
    """Markdown: each quote in italics with a footnote naming its speaker (GFM footnotes)."""
    out = [f"# {md_escape(flat(article.title), heading=True)}", ""]
    out += [md_escape(byline(article)), ""]
    for figure in article.figures:
        credit = f" (Photo: {flat(figure.credit)})" if figure.credit else ""
        out += [f"> {md_escape(flat(figure.caption) + credit)}", ""]
    notes: list[str] = []
    for heading, section_id, index, text in _blocks(article):
        if index == 0 and section_id != LEAD and heading:
            out += [f"## {md_escape(flat(heading), heading=True)}", ""]
        parts: list[str] = []
        at = 0
        for span in placed(article, section_id, index, text):
            parts.append(md_escape(text[at : span.start], line_start=at == 0))
            parts.append(_md_emphasis(text[span.start : span.end]))
            parts.append(f"[^{span.quote.id}]")
            at = span.end
            kind = " (reported speech)" if span.quote.kind == "indirect" else ""
            who = md_escape(speaker_label(article, span.quote), line_start=False)
            notes.append(f"[^{span.quote.id}]: {who}{kind}")
        parts.append(md_escape(text[at:], line_start=at == 0))
        out += ["".join(parts), ""]
    footer = _footer_lines(article, rule="---")
    out += [md_escape(line) if line not in ("", "---") else line for line in footer]
    if notes:
        out += [*notes, ""]
    return "\n".join(out).rstrip() + "\n"


# -- HTML --------------------------------------------------------------------------

_STYLE = """
body { margin: 0 auto; max-width: 42em; padding: 1.5em; font: 1.05em/1.6 Georgia, serif;
  color: #1d1d1f; background: #fdfdfb; }
header p, footer, figcaption { color: #555; font-size: 0.9em; }
mark.quote { background: #fff2b3; color: inherit; }
mark.quote.indirect { background: #e6eefc; }
sup.speaker { font-size: 0.7em; margin-left: 0.2em; }
sup.speaker a { color: #7a4b00; text-decoration: none; }
.lead { font-weight: bold; }
dt { font-weight: bold; }
footer { border-top: 1px solid #ccc; margin-top: 2em; }
@media (prefers-color-scheme: dark) {
  body { color: #e8e8e8; background: #15181c; }
  mark.quote { background: #5a4a00; } mark.quote.indirect { background: #23385c; }
  sup.speaker a { color: #f0c060; }
}
"""

#: Nothing may be loaded: no scripts, fonts, images or frames; only the inline style.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_paragraph(article: Article, section_id: str, index: int, text: str) -> str:
    parts: list[str] = []
    at = 0
    for span in placed(article, section_id, index, text):
        quote = span.quote
        parts.append(_e(text[at : span.start]))
        kind = " indirect" if quote.kind == "indirect" else ""
        who = speaker_label(article, quote)
        parts.append(
            f'<mark class="quote{kind}" id="quote-{_e(quote.id)}" '
            f'data-speaker="{_e(quote.speaker)}" title="{_e(who)}">'
            f"{_e(text[span.start : span.end])}</mark>"
            f'<sup class="speaker"><a href="#speaker-{_e(quote.speaker)}" title="{_e(who)}">'
            f"{_e(_speaker_name(article, quote))}</a></sup>"
        )
        at = span.end
    parts.append(_e(text[at:]))
    return "".join(parts)


def _speaker_name(article: Article, quote: Quote) -> str:
    try:
        return flat(article.speaker(quote.speaker).name)
    except KeyError:
        return flat(quote.speaker)


def to_html(article: Article) -> str:
    """One HTML page that needs nothing else: inline style, no script, no links out but
    the article's own URL, every text escaped."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(article.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(flat(article.title))}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<article>",
        "<header>",
        f"<h1>{_e(flat(article.title))}</h1>",
        f"<p>{_html_byline(article)}</p>",
        "</header>",
    ]
    for figure in article.figures:
        credit = f" <small>Photo: {_e(flat(figure.credit))}</small>" if figure.credit else ""
        out.append(f"<figure><figcaption>{_e(flat(figure.caption))}{credit}</figcaption></figure>")
    if article.lead is not None:
        lead = _html_paragraph(article, LEAD, 0, flat(article.lead))
        out.append(f'<p class="lead">{lead}</p>')
    for section in article.sections:
        out.append(f'<section id="section-{_e(section.id)}">')
        if section.heading:
            out.append(f"<h2>{_e(flat(section.heading))}</h2>")
        for index, text in enumerate(section.paragraphs):
            out.append(f"<p>{_html_paragraph(article, section.id, index, flat(text))}</p>")
        out.append("</section>")
    if article.speakers:
        out += ['<aside class="speakers">', "<h2>Speakers</h2>", "<dl>"]
        for speaker in article.speakers:
            out.append(f'<dt id="speaker-{_e(speaker.id)}">{_e(flat(speaker.name))}</dt>')
            if speaker.role:
                out.append(f"<dd>{_e(flat(speaker.role))}</dd>")
        out += ["</dl>", "</aside>"]
    footer = article.footer
    if footer.copyright or footer.cookie:
        out.append("<footer>")
        if footer.copyright:
            out.append(f'<p class="copyright">{_e(flat(footer.copyright))}</p>')
        if footer.cookie:
            out.append(f'<p class="cookie">{_e(flat(footer.cookie.text))}</p>')
        out.append("</footer>")
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


_WEB_URL = re.compile(r"https?://[^\s\"'<>\\]+\Z")


def _html_byline(article: Article) -> str:
    """Source, date and the article's URL; the URL is a link only if it is a web address."""
    parts = [_e(flat(article.source))]
    if article.date:
        parts.append(f"<time>{_e(flat(article.date))}</time>")
    if article.url:
        url = flat(article.url)
        if _WEB_URL.match(url):
            parts.append(f'<a href="{_e(url)}" rel="noreferrer">{_e(url)}</a>')
        else:
            parts.append(_e(url))
    return " · ".join(parts)
