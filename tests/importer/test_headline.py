"""The title is the headline, not the page chrome above it; a source line under it is the
source, not a heading; an English role after a name is kept whole (issue #15)."""

from __future__ import annotations

from reader.importer import import_text

BODY_EN = (
    "Rail fares across the country will rise by 4.5 percent in January, the ministry said "
    "on Monday.\n\n"
    "The increase is the largest in a decade, and passenger groups said it would hurt "
    "commuters.\n\n"
    "“Nobody likes paying more,” said Transport Minister Helen Marsh.\n"
)
BODY_ID = (
    "Pemerintah Kota Sukamaju menaikkan tarif air bersih mulai bulan depan.\n\n"
    "Kenaikan itu berlaku untuk semua pelanggan rumah tangga di kota tersebut.\n\n"
    "“Kami terpaksa menyesuaikan tarif,” kata Wali Kota Sukamaju Hendra Wiratama.\n"
)


def test_menu_and_mode_toggle_are_not_the_title() -> None:
    article = import_text(
        f"Beranda | Berita | Nasional\n\ndark light mode\n\n"
        f"Tarif Air Bersih Naik Bulan Depan\n\n{BODY_ID}"
    )
    assert article.title == "Tarif Air Bersih Naik Bulan Depan"
    article = import_text(f"sun\n\nHome News Sport\n\nRail Fares to Rise in January\n\n{BODY_EN}")
    assert article.title == "Rail Fares to Rise in January"


def test_a_one_word_headline_is_still_the_title() -> None:
    article = import_text(f"Inflasi\n\n{BODY_ID}")
    assert article.title == "Inflasi"


def test_source_line_under_the_title_is_the_source_not_a_heading() -> None:
    for line, source in (
        ("Reuters", "Reuters"),
        ("Source: Associated Press", "Associated Press"),
        ("apnews.com", "apnews.com"),
    ):
        article = import_text(f"Rail Fares to Rise in January\n\n{line}\n\n{BODY_EN}")
        assert article.source == source
        assert [s.heading for s in article.sections if s.heading] == []
        assert article.lead is not None and article.lead.startswith("Rail fares across")


def test_site_line_in_indonesian() -> None:
    article = import_text(f"Tarif Air Bersih Naik\n\nKompas.com\n\n{BODY_ID}")
    assert article.source == "Kompas.com"
    assert [s.heading for s in article.sections if s.heading] == []


def test_english_role_after_the_name_is_kept_whole() -> None:
    article = import_text(
        "Traders Fear Rent Rise\n\n"
        "Shop rents on Elm Street will rise by a fifth in April, the council said.\n\n"
        "Marta Ruiz, owner of the Blue Door bakery and chair of the Elm Street traders' "
        "association, said the rise would close shops.\n\n"
        "“We cannot survive another increase like this,” Ruiz said.\n"
    )
    speaker = article.speakers[0]
    assert speaker.name == "Marta Ruiz"
    assert speaker.role == (
        "owner of the Blue Door bakery and chair of the Elm Street traders' association"
    )
