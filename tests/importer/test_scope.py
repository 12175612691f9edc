"""The speaker pass reads only up to the last quotation; structure still reads it all."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import Article
from reader.importer import import_text

_CORPUS = Path(__file__).parent / "corpus"
_MARKS = str.maketrans("", "", '„“”"«»')


def _shape(article: Article) -> tuple[object, ...]:
    sections = tuple(
        (s.id, s.heading, tuple(p.translate(_MARKS) for p in s.paragraphs))
        for s in article.sections
    )
    lead = article.lead.translate(_MARKS) if article.lead else None
    return (article.title, article.figures, lead, sections, article.footer)


def test_article_without_quotations_keeps_its_whole_structure() -> None:
    text = (_CORPUS / "05-id-dbd.txt").read_text(encoding="utf-8")
    quoted = import_text(text)
    bare = import_text(text.translate(_MARKS))
    assert quoted.quotes
    assert not bare.quotes
    assert bare.figures
    assert bare.footer == quoted.footer
    assert _shape(bare) == _shape(quoted)


def test_paragraphs_after_the_last_quotation_change_no_speaker() -> None:
    text = (_CORPUS / "05-id-dbd.txt").read_text(encoding="utf-8")
    body, notice = text.rsplit("\n\n", 1)
    filler = "Menurut Budi Hartono, paragraf {} hanya berisi berita."
    tail = "\n\n".join(filler.format(n) for n in range(40))
    longer = import_text(f"{body}\n\n{tail}\n\n{notice}")
    plain = import_text(text)
    assert longer.quotes == plain.quotes
    assert longer.speakers == plain.speakers
    assert longer.sections[-1].paragraphs[-1].startswith("Menurut Budi Hartono, paragraf 39")
