"""Attribution: cue verbs both sides, back-references, continuations, names and roles."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text


def imported(*paragraphs: str, title: str = "Judul Berita Hari Ini") -> Article:
    return import_text("\n\n".join([title, *paragraphs]))


def who(article: Article) -> list[tuple[str, str]]:
    return [(article.speaker(q.speaker).name, q.text) for q in article.quotes]


LEAD_ID = "Pemerintah mengumumkan kebijakan baru pada Senin di Jakarta."
LEAD_EN = "The government announced a new policy on Monday in the capital."


def test_cue_after_quote_names_the_speaker() -> None:
    article = imported(LEAD_ID, "“Kami siap bekerja keras,” kata Budi Santoso.")
    assert who(article) == [("Budi Santoso", "Kami siap bekerja keras")]


def test_cue_before_quote() -> None:
    article = imported(LEAD_ID, "Budi Santoso mengatakan, “Kami siap bekerja keras.”")
    assert who(article) == [("Budi Santoso", "Kami siap bekerja keras.")]


def test_menurut() -> None:
    article = imported(LEAD_ID, "Menurut Budi Santoso, “Kami siap bekerja keras.”")
    assert who(article) == [("Budi Santoso", "Kami siap bekerja keras.")]


def test_nya_form_points_back_to_the_person_in_view() -> None:
    article = imported(
        LEAD_ID,
        "Menteri Keuangan Sri Wahyuni menjelaskan rencana itu kepada wartawan.",
        "“Anggaran harus sehat,” ujarnya.",
    )
    assert who(article) == [("Sri Wahyuni", "Anggaran harus sehat")]
    assert article.speakers[0].role == "Menteri Keuangan"


def test_surname_joins_the_full_name_and_alias() -> None:
    article = imported(
        LEAD_ID,
        "Menteri Keuangan Sri Wahyuni hadir dalam rapat itu.",
        "“Anggaran harus sehat,” kata Wahyuni.",
    )
    speaker = article.speakers[0]
    assert (speaker.id, speaker.name, speaker.aliases) == ("wahyuni", "Sri Wahyuni", ("Wahyuni",))


def test_continuation_without_cue_keeps_the_speaker() -> None:
    article = imported(LEAD_ID, "“Tentu saja, tidak,” kata Medvedev. “Jelas tidak mungkin.”")
    assert [name for name, _ in who(article)] == ["Medvedev", "Medvedev"]


def test_person_subject_then_uncued_quote() -> None:
    article = imported(
        LEAD_ID,
        "Ekonom senior, Hendra Kusuma, menilai langkah itu tepat.",
        "Namun Kusuma mengingatkan risikonya. “Inflasi bisa naik dalam tiga bulan.”",
    )
    assert who(article) == [("Hendra Kusuma", "Inflasi bisa naik dalam tiga bulan.")]


def test_back_reference_descriptions() -> None:
    article = imported(
        LEAD_ID,
        "Pakar militer Rusia, Yakov Kedmi, menilai situasi itu serius.",
        "“Ini bukan latihan biasa,” ujar sang pakar.",
        "“Semua pihak tahu itu,” kata pakar tersebut.",
    )
    assert [name for name, _ in who(article)] == ["Yakov Kedmi", "Yakov Kedmi"]
    assert article.speakers[0].role == "Pakar militer Rusia"


def test_role_after_name_drops_seorang() -> None:
    article = imported(
        LEAD_ID,
        "Dimas Pratama, seorang analis energi, menilai harga akan naik.",
        "“Harga pasti naik tahun depan,” kata Pratama.",
    )
    assert article.speakers[0].role == "analis energi"


def test_quote_spanning_paragraphs_gets_the_cue_at_its_end() -> None:
    article = imported(
        LEAD_ID,
        "Menteri Pertahanan Estonia, Kaja Liivak, membela latihan itu.",
        "Pemerintah lain diam.",
        "«Kami sudah belajar dari sejarah. Setiap kali kami ragu, harganya mahal.",
        "«Karena itu kehadiran sekutu adalah jaminan,» tegas Liivak.",
    )
    assert [name for name, _ in who(article)] == ["Kaja Liivak", "Kaja Liivak"]


def test_role_alone_goes_to_the_holder() -> None:
    article = imported(
        LEAD_ID,
        "Presiden Joko Widodo memimpin rapat terbatas di Istana.",
        "“Dana bencana cair pekan depan,” kata Presiden.",
    )
    assert who(article) == [("Joko Widodo", "Dana bencana cair pekan depan")]


def test_unnamed_speaker_is_a_description() -> None:
    article = imported(LEAD_ID, "“Bensin jangan naik lagi,” ujar seorang pengemudi ojek.")
    assert len(article.quotes) == 1
    assert [(s.name, s.role, s.aliases) for s in article.speakers] == [("Pengemudi ojek", None, ())]


def test_a_bracketed_short_form_inside_a_role_before_the_comma() -> None:
    article = imported(
        LEAD_ID,
        "Pengajar sosiologi UNJ (Universitas Negeri Jakarta), Rakhmat Hidayat, menilai aturan "
        "itu terlambat.",
        "“Seharusnya sejak tahun lalu,” kata Hidayat.",
    )
    assert [(s.name, s.role) for s in article.speakers] == [
        ("Rakhmat Hidayat", "Pengajar sosiologi UNJ")  # the short form is not kept
    ]


def test_english_cues_and_pronoun() -> None:
    article = imported(
        LEAD_EN,
        "Transport Minister Helen Marsh defended the plan on Tuesday.",
        '"We will not back down," she said. "Fares must stay fair," Marsh added.',
        'According to Marsh, "the money is already there."',
        title="Minister Defends Rail Fare Plan",
    )
    assert article.language == "en"
    assert {article.speaker(q.speaker).name for q in article.quotes} == {"Helen Marsh"}
    assert article.speakers[0].role == "Transport Minister"


def test_english_said_before_name_and_told() -> None:
    article = imported(
        LEAD_EN,
        '"The deal is done," said Claire Dubois, the union leader.',
        '"Nobody wins when planes stay on the ground," Dubois told French radio.',
        title="Strike Called Off",
    )
    assert [name for name, _ in who(article)] == ["Claire Dubois", "Claire Dubois"]
    assert article.speakers[0].role == "union leader"


def test_quote_without_anyone_in_view_is_left_out() -> None:
    article = imported(LEAD_ID, "“Kami siap bekerja keras sepanjang tahun ini.”")
    assert article.quotes == ()


def test_bracketed_short_form_inside_a_title() -> None:
    article = imported(
        LEAD_ID,
        "“Stok ikan kita menipis,” kata Direktur Jenderal Perikanan Tangkap Kementerian Kelautan "
        "(KKP) Rudi Santosa.",
    )
    assert who(article) == [("Rudi Santosa", "Stok ikan kita menipis")]


def test_nickname_from_first_name() -> None:
    article = imported(
        LEAD_ID,
        "Presiden Joko Widodo meninjau lokasi banjir.",
        "“Bantuan harus sampai hari ini,” kata Jokowi.",
    )
    assert who(article) == [("Joko Widodo", "Bantuan harus sampai hari ini")]


def test_katanya_skips_a_person_mentioned_in_passing() -> None:
    article = imported(
        LEAD_ID,
        "Pengajar hukum tata negara, Lukas Ndoen, saat dihubungi, mengatakan, Yosef dapat "
        "dilantik terlebih dahulu.",
        "“Artinya bupati terpilih tetap dilantik lebih dulu,” katanya.",
    )
    assert who(article) == [("Lukas Ndoen", "Artinya bupati terpilih tetap dilantik lebih dulu")]


def test_object_does_not_take_the_view_from_the_subject() -> None:
    article = imported(
        LEAD_ID,
        "Kepala Bidang Humas Polda Jawa Tengah Kombes Yusran Hamid menegaskan, tidak ada surat "
        "panggilan bagi Darsono Wibowo.",
        "“Pemeriksaan sudah selesai,” katanya.",
    )
    assert [name for name, _ in who(article)] == ["Yusran Hamid"]


def test_passive_verb_opening_a_sentence_is_no_first_name() -> None:
    article = imported(
        LEAD_ID,
        "Diakui Syahrul, penyekatan dilakukan bersama TNI.",
        "“Jalan tidak mungkin ditutup,” kata Syahrul.",
    )
    assert [s.name for s in article.speakers] == ["Syahrul"]


def test_someone_unnamed_introduced_before_the_quote_is_its_speaker() -> None:
    """ "Seorang pedagang … mengaku …" then "…," katanya: the trader, not the official."""
    article = imported(
        LEAD_ID,
        "Kepala Dinas Perdagangan Kota Malang, Rudi Hartono, mengatakan harga cabai naik.",
        "“Pasokan dari petani berkurang karena hujan,” kata Hartono.",
        "Seorang pedagang di Pasar Besar mengaku pembeli berkurang separuh. "
        "“Sejak pagi baru tiga orang yang beli,” katanya.",
    )
    assert who(article) == [
        ("Rudi Hartono", "Pasokan dari petani berkurang karena hujan"),
        ("Pedagang", "Sejak pagi baru tiga orang yang beli"),
    ]


def test_an_unnamed_resident_in_english_takes_the_pronoun() -> None:
    article = imported(
        LEAD_EN,
        "Council leader Priya Nair said the plan would go ahead. “We have listened,” Nair said.",
        "A resident of Elm Street, who asked not to be named, said: “Nobody asked us.”",
        "A nurse at the walk-in centre was blunter. “We are already full,” she said.",
    )
    speakers = [name for name, _ in who(article)]
    assert speakers[0] == "Priya Nair"
    assert speakers[1].startswith("Resident of Elm Street")
    assert speakers[2].startswith("Nurse")


def test_another_unnamed_farmer_is_not_the_farmer_in_view() -> None:
    article = imported(
        LEAD_ID,
        "Petani di Desa Sukamaju, Darto Wiyono, menilai harga pupuk terlalu mahal.",
        "“Kami harus berutang,” ujar Wiyono.",
        "“Panen kami gagal dua kali,” kata seorang petani lain.",
    )
    assert [name for name, _ in who(article)] == ["Darto Wiyono", "Petani lain"]


def test_roles_around_ages_honorifics_and_brackets() -> None:
    article = imported(
        LEAD_EN,
        "Maria Lopez, 44, a customer from Hartwell, said she was angry.",
        "“I want my money back,” Lopez said.",
    )
    assert [(s.name, s.role) for s in article.speakers] == [
        ("Maria Lopez", "customer from Hartwell")
    ]
    article = imported(
        LEAD_ID,
        "Analis dari Lembaga Kajian Pangan Nusantara, Bayu Pratama, menilai harga turun.",
        "Kepala Badan Penanggulangan Bencana Daerah (BPBD) Malang, Dr. Sari Wulandari, "
        "mengatakan bantuan dikirim.",
        "“Harga akan turun,” kata Pratama. “Bantuan sudah tiba,” kata Wulandari.",
    )
    assert [(s.name, s.role) for s in article.speakers] == [
        ("Bayu Pratama", "Analis dari Lembaga Kajian Pangan Nusantara"),
        ("Sari Wulandari", "Kepala Badan Penanggulangan Bencana Daerah (BPBD) Malang"),
    ]


def test_said_x_had_reports_x_and_the_judge_speaks() -> None:
    article = imported(
        LEAD_EN,
        "Graham Pike, 58, the former chief executive, admitted fraud in November.",
        "Sentencing him on Friday, Jane Moore, the presiding judge, said Pike had "
        "“betrayed every family who trusted the charity with their money”.",
        "The judge added: “This was not need. It was greed.”",
    )
    assert [name for name, _ in who(article)] == ["Jane Moore", "Jane Moore"]


def test_one_visitor_after_the_quote_is_unnamed() -> None:
    article = imported(
        LEAD_EN,
        "Ana Silva, 72, a village elder, said the drum had called people together.",
        "“We waited a long time for this day,” Silva said.",
        "“I cried. I did not expect to,” said one visitor who had travelled from Auckland.",
    )
    assert [name for name, _ in who(article)] == ["Ana Silva", "Visitor"]


def test_an_unnamed_patient_then_ia_is_the_speaker() -> None:
    article = imported(
        LEAD_ID,
        "Kader kesehatan Rina Hasan mengatakan stigma masih kuat. "
        "“Warga malu berobat,” kata Hasan.",
        "Seorang pasien di Kecamatan Tamalate kini menjalani pengobatan bulan kedua. Ia mengaku "
        "mengira batuknya akibat rokok. “Saya batuk hampir tiga bulan,” katanya.",
    )
    assert [name for name, _ in who(article)] == ["Rina Hasan", "Pasien"]


def test_long_titles_with_brackets_and_a_dotted_honorific() -> None:
    article = imported(
        LEAD_ID,
        "Vonis dijatuhkan kepada mantan Kepala Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) "
        "Kabupaten Sukaraja, Hendrawan Siregar.",
        "Kepala Bidang Pencegahan Penyakit Dinkes Makassar dr. Nurul Amin mengatakan kasus naik.",
        "“Kasus naik dua kali lipat,” kata Amin.",
        "Siregar sendiri memilih diam. Dengan suara pelan, pria berusia 57 tahun itu mengatakan, "
        "“Saya hormati putusan ini.”",
    )
    assert [(s.name, s.role) for s in article.speakers] == [
        ("Nurul Amin", "Kepala Bidang Pencegahan Penyakit Dinkes Makassar"),
        (
            "Hendrawan Siregar",
            "mantan Kepala Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kabupaten Sukaraja",
        ),
    ]


def test_date_and_byline_under_the_title_are_not_lead_or_headings() -> None:
    article = import_text(
        "Banjir Rendam Tiga Desa\n\nRabu, 13 Januari 2027 | 10:42 WIB\n\nOleh: Dewi Sartika\n\n"
        "Banjir merendam tiga desa di Kabupaten Demak sejak Selasa malam.\n\n"
        "Warga Mengungsi\n\nSebagian warga mengungsi ke balai desa."
    )
    assert article.date == "Rabu, 13 Januari 2027 | 10:42 WIB"
    assert article.lead is not None and article.lead.startswith("Banjir merendam")
    assert [s.heading for s in article.sections if s.heading] == ["Warga Mengungsi"]
    article = import_text(
        "Rail Fares Rise\n\nBy Tom Farrant at Sheldon Park\n\n"
        "Published: 22 January 2027, 4:51pm\n\n"
        "Fares will rise by 4.5% from January.\n\nWhat next\n\nA review will follow."
    )
    assert article.date == "22 January 2027, 4:51pm"
    assert [s.heading for s in article.sections if s.heading] == ["What next"]
