"""The HTML input format on saved pages written for these tests (tests/data/pages)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from reader.core.errors import ReaderError
from reader.core.format import dump_article, parse_article
from reader.core.format.safe_yaml import c_safe_loader
from reader.core.model import Article
from reader.importer.formats.html import import_html, parse_page
from reader.importer.formats.page_bytes import decode_page, gunzip

PAGES = Path(__file__).resolve().parents[2] / "data" / "pages"

#: Page furniture of the two pages: none of it may become a paragraph, lead or title.
CHROME = (
    "Baca juga",
    "Bagikan",
    "Berita Terkait",
    "Komentar",
    "Mode Gelap",
    "Terpopuler",
    "Daftarkan email",
    "Beranda",
    "Tag:",
    "Jalan Rusak di Kediri",
    "Tarif Angkutan Desa",
    "Banjir Rendam",
    "Salin tautan",
    "Read more",
    "Sign up",
    "Dark mode",
    "Share on",
    "comments",
    "More on this story",
    "Skip to main content",
    "Island school faces closure",
    "Ferry operator posts record loss",
    "Topics",
    "Subscribe",
    "Transport correspondent",
    "Photograph:",
    "Foto:",
    "ANTARA FOTO",
    "cookie",
    "Hak cipta",
    "All rights reserved",
)


def imported(name: str) -> Article:
    return import_html((PAGES / name).read_bytes(), name=name)


def texts(article: Article) -> list[str]:
    out = [article.title, *(article.lead or "",)]
    for section in article.sections:
        out.append(section.heading or "")
        out.extend(section.paragraphs)
    return out


def speaker_of(article: Article, words: str) -> str:
    quote = next(q for q in article.quotes if words in q.text)
    return article.speaker(quote.speaker).name


def test_indonesian_page() -> None:
    article = imported("id-jembatan.html")
    assert article.title == "Jembatan Kali Brantas Ditutup Sementara, Warga Memutar 12 Kilometer"
    assert article.language == "id"
    assert article.source == "Kabar Nusantara"
    assert article.date == "2026-11-30"
    assert article.url == "https://kabarnusantara.example/daerah/jembatan-kali-brantas-ditutup"
    assert article.lead is not None and article.lead.startswith("KEDIRI, Kabar Nusantara —")
    assert [s.heading for s in article.sections] == [
        None,
        "Pedagang Mengeluh Sepi Pembeli",
        "Jalur Alternatif Disiapkan",
    ]
    assert [len(s.paragraphs) for s in article.sections] == [3, 3, 3]
    assert [(f.caption[:20], f.credit) for f in article.figures] == [
        ("Petugas memasang pem", "Kabar Nusantara/Dimas Prakoso"),
        ("Antrean kendaraan di", "ANTARA FOTO/Prasetia Fauzani"),
    ]
    assert speaker_of(article, "mengambil risiko") == "Bambang Sutrisno"
    assert speaker_of(article, "jam sembilan") == "Siti Aminah"
    assert speaker_of(article, "kepastian") == "Joko Susilo"  # the <blockquote>
    assert speaker_of(article, "armada angkutan") == "Hendra Wijaya"
    assert article.speaker(article.quotes[0].speaker).role == (
        "Kepala Dinas Pekerjaan Umum Kabupaten Kediri"
    )
    footer = article.footer
    assert (
        footer.copyright
        == "Hak cipta © 2026 Kabar Nusantara. Seluruh hak dilindungi undang-undang."
    )
    assert footer.cookie is not None
    assert footer.cookie.text.startswith("Situs ini menggunakan cookie")
    assert footer.cookie.link_text == "Baca Kebijakan Privasi"
    assert footer.cookie.accept_label == "Setuju"


def test_english_page() -> None:
    article = imported("en-ferry.html")
    assert article.title == "Island ferry fares to double from spring, council confirms"
    assert (article.language, article.source, article.date) == (
        "en",
        "The Harbour Herald",
        "2026-12-02",
    )
    assert article.url == "https://harbourherald.example/news/2026/dec/02/island-ferry-fares-double"
    assert article.lead == (
        "Residents of Marrow Island say the rise will cut them off from jobs, schools and "
        "hospital care on the mainland."
    )
    assert [s.heading for s in article.sections] == [
        None,
        "'We will be stranded'",
        "Operator warns of cuts",
    ]
    assert [(f.caption, f.credit) for f in article.figures] == [
        (
            "The MV Marrow Star leaving the island's harbour in November.",
            "Alison Reid/Harbour Herald",
        ),
        ("Residents at the village hall meeting on Tuesday evening.", "Alison Reid/Harbour Herald"),
    ]
    assert speaker_of(article, "no choice") == "Margaret Holloway"
    assert speaker_of(article, "dialysis") == "Aisha Rahman"
    assert speaker_of(article, "slow eviction") == "Callum Baird"  # the inline <q>
    assert speaker_of(article, "strength of feeling") == "Peter Lang"
    footer = article.footer
    assert footer.copyright == "© 2026 The Harbour Herald Ltd. All rights reserved."
    assert footer.cookie is not None
    assert footer.cookie.link_text == "Find out more"
    assert footer.cookie.accept_label == "Accept all cookies"
    assert "Manage settings" not in footer.cookie.text


ALL_PAGES = sorted(p.name for p in PAGES.glob("*.html"))


@pytest.mark.parametrize("name", ALL_PAGES)
def test_pages_give_their_gold_title_paragraphs_headings_and_figures(name: str) -> None:
    """The gold files (also read by benchmarks/web_import.py) were written with the pages."""
    gold = yaml.load((PAGES / name).with_suffix(".expected.yaml").read_text(), c_safe_loader())
    article = imported(name)
    assert article.title == gold["title"]
    assert [text for _, _, text in article.blocks()] == gold["paragraphs"]
    assert [s.heading for s in article.sections if s.heading] == gold["headings"]
    assert [{"caption": f.caption, "credit": f.credit} for f in article.figures] == gold["figures"]


def test_page_shapes_of_other_sites() -> None:
    """A body without <p> around its first paragraph, a caption <div>, a slash date in a
    <meta>, a consent link styled as a button (id); screen-reader credits (en)."""
    detak = imported("id-pelabuhan.html")
    assert (detak.date, detak.source) == ("2026-12-07", "detakNews")
    assert detak.footer.copyright == "Copyright @ 2026 detakNews. All right reserved"
    assert detak.footer.cookie is not None and detak.footer.cookie.accept_label == "Oke"
    assert not detak.footer.cookie.text.endswith("Oke")
    library = imported("en-library.html")
    assert library.date == "2026-12-04" and library.source == "Northshire Broadcasting"
    assert library.footer.cookie is not None
    assert library.footer.cookie.accept_label == "Yes, I agree"
    assert "settings" not in library.footer.cookie.text


@pytest.mark.parametrize("name", ALL_PAGES)
def test_no_page_chrome_becomes_text_and_every_paragraph_is_kept_once(name: str) -> None:
    article = imported(name)
    for text in texts(article):
        for chrome in CHROME:
            assert chrome not in text, (chrome, text)
    body = [p for s in article.sections for p in s.paragraphs]
    assert len(body) == len(set(body))
    assert len(article.figures) == len(set(article.figures)) >= 1


@pytest.mark.parametrize("name", ALL_PAGES)
def test_imported_pages_read_back_as_reader_check_reads_them(name: str) -> None:
    article = imported(name)
    assert parse_article(dump_article(article), name) == article


def test_gzip_saved_page_is_read_with_a_cap() -> None:
    data = (PAGES / "en-ferry.html").read_bytes()
    assert gunzip(gzip.compress(data), "x.html.gz", limit=1 << 20) == data
    with pytest.raises(ReaderError, match="too large"):
        gunzip(gzip.compress(b"<p>" + b"a" * (4 << 20)), "bomb.html.gz", limit=1 << 20)
    for bad in (b"not gzip", gzip.compress(data)[:200]):
        with pytest.raises(ReaderError):
            gunzip(bad, "bad.html.gz", limit=1 << 20)


PAGE = (
    "<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
    "<p>Paragraf pertama berita ini cukup panjang untuk dianggap sebagai isi artikel yang "
    "sebenarnya oleh pengekstrak, dengan {word} di dalamnya.</p><p>Paragraf kedua juga "
    "panjang dan berisi kalimat lengkap tentang peristiwa yang sama di kota itu.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize(
    ("data", "charset"),
    [
        (PAGE.format(title="Café", head="", word="résumé").encode("utf-8"), "iso-8859-1"),
        (PAGE.format(title="Café", head="", word="résumé").encode("cp1252"), "utf-8"),
        (
            PAGE.format(title="Café", head='<meta charset="windows-1252">', word="résumé").encode(
                "cp1252"
            ),
            None,
        ),
        (PAGE.format(title="Café", head="", word="résumé").encode("cp1252"), None),
        (PAGE.format(title="Café", head="", word="résumé").encode("utf-16"), None),
        (PAGE.format(title="Café", head="", word="résumé").encode("utf-8"), "no-such-charset"),
    ],
    ids=[
        "utf8-declared-latin1",
        "cp1252-declared-utf8",
        "meta-cp1252",
        "cp1252-undeclared",
        "utf16-bom",
        "bogus-label",
    ],
)
def test_broken_and_misdeclared_encodings_decode_right(data: bytes, charset: str | None) -> None:
    text = decode_page(data, charset, "page.html")
    assert "Café" in text and "résumé" in text


def test_undecodable_junk_is_refused_in_one_line() -> None:
    junk = bytes(range(128, 256)) * 400
    with pytest.raises(ReaderError) as caught:
        import_html(b"<html><body><p>" + junk + b"</p></body></html>", name="junk.html")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"\x00\x01\x02\x03binary", "binary"),
    ],
)
def test_files_that_are_not_pages_are_refused(data: bytes, kind: str) -> None:
    with pytest.raises(ReaderError) as caught:
        import_html(data, name="thing.html")
    assert "not a web page" in str(caught.value) and kind in str(caught.value)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "just some words without any markup at all",
        "<html><head><title>Beranda</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        "<footer>© 2026 Site</footer></body></html>",
        "<html><body><script>var a = 'long script text, not an article';</script></body></html>",
        "<html><body><div class='related'><ul><li><a>Headline</a></li></ul></div></body></html>",
        "<html><body><h1>Only a headline</h1></body></html>",
    ],
    ids=[
        "empty",
        "no-markup",
        "empty-body",
        "only-chrome",
        "only-script",
        "only-related",
        "only-h1",
    ],
)
def test_html_with_no_article_is_refused_in_one_line(html: str) -> None:
    with pytest.raises(ReaderError) as caught:
        import_html(html.encode(), name="empty.html")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("empty.html")


def test_deeply_nested_json_ld_is_skipped() -> None:
    deep_json = "[" * 100_000 + "]" * 100_000
    head = f'<script type="application/ld+json">{deep_json}</script>'
    html = PAGE.format(title="Judul berita", head=head, word="kata")
    article = import_html(html.encode(), name="d")
    assert article.title == "Judul berita"


def test_deeply_nested_markup_imports_or_fails_in_one_line() -> None:
    deep_divs = "<div>" * 20_000 + "<p>teks</p>" + "</div>" * 20_000
    html = PAGE.format(title="Judul berita", head="", word="kata")
    html = html.replace("<article>", "<article>" + deep_divs)
    try:
        article = import_html(html.encode(), name="deep.html")
    except ReaderError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("deep.html")
    else:
        assert article.title == "Judul berita"


def test_entities_are_not_expanded_into_a_bomb() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 4}">' for i in range(12))
        + "]>"
    )
    html = bomb + PAGE.format(title="Judul berita", head="", word="&m;")
    try:
        article = import_html(html.encode(), name="bomb.html")
    except ReaderError:
        return  # refused is fine; expanded is not
    assert len(dump_article(article)) < 100_000


def test_title_comes_from_the_headline_not_the_site() -> None:
    html = PAGE.format(title="X", head='<meta property="og:site_name" content="X">', word="kata")
    html = html.replace("<h1>X</h1>", "<h1>Kereta Cepat Mulai Beroperasi Penuh</h1>")
    page = parse_page(html, name="t.html")
    assert page.title == "Kereta Cepat Mulai Beroperasi Penuh"
    assert page.source == "X"


CHROME_CLASSES = [
    "bacajuga",
    "baca-juga",
    "iklan",
    "promo-box",
    "paywall",
    "toggle",
    "sign-up",
    "topics",
    "onward",
    "recommended",
    "trending-box",
    "terpopuler",
    "advert",
    "share_bar",
    "related-posts",
]


@pytest.mark.parametrize("cls", CHROME_CLASSES)
def test_boxes_named_as_chrome_never_become_paragraphs(cls: str) -> None:
    """Sentences in boxes the site names as chrome, which the extractor alone keeps."""
    body = "".join(
        f"<p>Paragraf isi berita nomor {i} yang cukup panjang dan berisi kalimat lengkap "
        "tentang kejadian di kota itu.</p>"
        for i in range(6)
    )
    box = (
        f'<div class="{cls}"><p>Kalimat dari kotak MARK ini panjang dan terlihat seperti '
        "paragraf biasa di dalam artikel berita.</p></div>"
    )
    html = f"<html><body><article><h1>Judul berita</h1>{body}{box}{body}</article></body></html>"
    article = import_html(html.encode(), name="x")
    assert not any("MARK" in text for _, _, text in article.blocks())
    assert sum("Paragraf isi" in text for _, _, text in article.blocks()) == 12
