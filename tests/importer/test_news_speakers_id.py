"""Indonesian speakers as Kompas-style news names them (issue #15): each test is a short
article written for the test, one per category of error found on real Indonesian news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text

TITLE = "Pemkot Bersiap Hadapi Musim Hujan"
LEAD = "JAKARTA, KOMPAS — Pemerintah daerah menyiapkan langkah baru menjelang musim hujan."


def imported(*paragraphs: str) -> Article:
    return import_text("\n\n".join([TITLE, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def names(article: Article) -> set[str]:
    return {s.name for s in article.speakers}


# -- typed candidates: places and bodies are not people ----------------------------------


def test_a_known_place_after_a_title_is_not_part_of_the_name() -> None:
    # No "di Semarang" anywhere: only the language's list of places says it is one.
    article = imported(
        "Hujan lebat mengguyur kawasan pesisir sejak Sabtu malam.",
        "Prakirawan Stasiun Meteorologi Semarang Dewi Anggraini menjelaskan, awan "
        "konvektif tumbuh cepat pada sore hari.",
        "“Potensi hujan lebat masih tinggi sampai akhir pekan,” ujarnya.",
    )
    assert speaker_of(article, "Potensi hujan") == "Dewi Anggraini"


def test_a_surname_that_is_also_a_place_stays_in_the_name() -> None:
    article = imported(
        "Ketua Himpunan Nelayan Maluku Rusdy Ambon mengatakan, kapal baru tiba.",
        "“Kapal ini akan melayani rute ke pulau-pulau kecil,” katanya.",
    )
    assert speaker_of(article, "Kapal ini") == "Rusdy Ambon"


def test_a_place_on_its_own_after_a_role_is_no_person() -> None:
    article = imported(
        "Sejarawan Universitas Nusantara, Yogyakarta, mengatakan, wabah serupa pernah terjadi.",
        "“Masa itu penuh kesulitan, tetapi warga saling menolong,” katanya.",
    )
    assert "Yogyakarta" not in names(article)


def test_a_body_named_after_a_title_does_not_take_the_quote() -> None:
    # "Komandan Resor Militer 174/…": the unit, not a person called "Resor Militer" who
    # would then swallow the mention of the spokesman whose title holds the unit's name.
    article = imported(
        "Dalam tim itu ada Wakil Kepala Polda Brigadir Jenderal (Pol) Matius Karel dan "
        "Komandan Resor Militer 174/Anim Ti Waninggap Brigadir Jenderal Iwan Kusuma.",
        "Kepala Penerangan Komando Resor Militer Letnan Kolonel Yohanes Kambu menambahkan, "
        "patroli akan diperketat.",
        "“Kami meminta warga tetap tenang dan tidak terpancing isu,” tambahnya.",
    )
    assert speaker_of(article, "Kami meminta") == "Yohanes Kambu"


def test_a_street_is_no_person_and_the_mayor_keeps_her_name() -> None:
    article = imported(
        "Rute dimulai dari rumah dinas wali kota, Jalan Sedap Malam, menuju pasar.",
        "Di sepanjang jalan Wali Kota Risma terus mengingatkan warga memakai masker.",
        "“Ayo maskernya dipakai, masih banyak yang sakit,” katanya.",
    )
    assert "Sedap Malam" not in names(article)
    assert speaker_of(article, "Ayo masker") == "Risma"
