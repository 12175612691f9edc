"""The bundled article is the seed text, structured faithfully.

Checked against the raw scraped text itself, so a slip in the hand-made YAML (a
paragraph edited, a quote given to the wrong person) fails here.
"""

from __future__ import annotations

import re

from reader.core.model import Article


def raw_paragraphs(seed_text: str) -> list[str]:
    return [p.strip() for p in seed_text.split("\n\n") if p.strip()]


def test_every_paragraph_is_verbatim_and_in_order(seed_article: Article, seed_text: str) -> None:
    raw = raw_paragraphs(seed_text)
    body = [p for s in seed_article.sections for p in s.paragraphs]
    assert seed_article.lead is not None
    ours = [seed_article.lead, *body]
    assert all(p in raw for p in ours)
    assert [raw.index(p) for p in ours] == sorted(raw.index(p) for p in ours)
    # nothing of the body is missing: every raw paragraph with a full stop that is not
    # the caption or the footer is in the article
    caption = seed_article.figures[0].caption
    footer = {
        seed_article.footer.copyright,
        seed_article.footer.cookie and seed_article.footer.cookie.text,
    }
    missing = [
        p
        for p in raw
        if p.endswith((".", "”"))
        and p not in ours
        and not p.startswith(caption)
        and p not in footer
    ]
    assert missing == []


def test_caption_once_with_its_credit_split_out(seed_article: Article, seed_text: str) -> None:
    (figure,) = seed_article.figures
    assert figure.credit == "Eduard Pesov/MFA Russia"
    assert seed_text.count(f"{figure.caption} Foto: {figure.credit}") == 2


def test_sections_are_the_opening_and_three_headings(seed_article: Article, seed_text: str) -> None:
    headings = [s.heading for s in seed_article.sections]
    assert headings == [
        None,
        "Pertukaran Intelejen",
        "Upaya Diplomasi AS",
        "Tak Mungkin Tanpa Pencabutan Sanksi",
    ]
    for heading in headings[1:]:
        assert f"\n\n{heading}\n\n" in seed_text


def test_all_nine_direct_quotes_are_there(seed_article: Article, seed_text: str) -> None:
    in_text = [m.rstrip().rstrip(",") for m in re.findall(r"“([^”]*)”", seed_text)]
    assert [q.text for q in seed_article.quotes if q.kind == "direct"] == in_text
    assert len(in_text) == 9


def test_quotes_go_to_the_right_speakers(seed_article: Article) -> None:
    speakers = {q.text.split()[0] + " " + q.text.split()[1]: q.speaker for q in seed_article.quotes}
    assert speakers == {
        "Bagaimanapun juga,": "lavrov",
        "Layanan intelijen": "litovkin",
        "Pencabutan sanksi": "litovkin",  # named only in the sentence before the quote
        "Saya rasa": "lukyanov",
        "Hal yang": "lukyanov",
        "Tapi saat": "lukyanov",  # "ujar sang pakar"
        "Tentu saja,": "medvedev",
        "Jelas tidak": "medvedev",  # continuation, no cue of its own
        "Saya yakin": "medvedev",
    }


def test_four_speakers_with_full_names_and_roles(seed_article: Article, seed_text: str) -> None:
    people = {s.id: (s.name, s.role) for s in seed_article.speakers}
    assert people == {
        "lavrov": ("Sergey Lavrov", "Menteri Luar Negeri Rusia"),
        "litovkin": ("Dimitri Litovkin", "ahli militer independen"),
        "lukyanov": (
            "Fyodor Lukyanov",
            "Ketua Dewan Presidium Kebijakan Pertahanan dan Luar Negeri Rusia",
        ),
        "medvedev": ("Dmitri Medvedev", "Perdana Menteri Rusia"),
    }
    for name, role in people.values():
        assert name in seed_text and role in seed_text


def test_footer_has_copyright_and_cookie_notice(seed_article: Article) -> None:
    footer = seed_article.footer
    assert footer.copyright == "Hak cipta milik Rossiyskaya Gazeta."
    assert footer.cookie is not None
    assert (
        footer.cookie.text
        == "Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut."
    )
    assert footer.cookie.link_text == "Klik di sini"
    assert footer.cookie.accept_label == "Terima kuki"
    assert seed_article.source == "Rossiyskaya Gazeta"
    assert seed_article.language == "id"
