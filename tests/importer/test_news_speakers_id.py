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


def test_a_university_is_no_person() -> None:
    article = imported(
        "Sejarawan Universitas Karya Darma, Bandung, mengatakan, wabah serupa pernah terjadi.",
        "“Masa itu penuh kesulitan, tetapi warga saling menolong,” katanya.",
    )
    assert "Karya Darma" not in names(article)


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
        "Pawai berangkat dari kantor kecamatan, Jalan Kenanga Putih, menuju alun-alun.",
        "Di sepanjang jalan Wali Kota Sarinah terus mengajak warga memilah sampah.",
        "“Ayo sampahnya dipilah, sungai kita masih kotor,” katanya.",
    )
    assert "Kenanga Putih" not in names(article)
    assert speaker_of(article, "Ayo sampahnya") == "Sarinah"


def test_a_place_opens_no_name() -> None:
    article = imported(
        "Hendro Wijoyo, Sekretaris Jenderal Majelis Ulama, mengatakan, umat diminta "
        "beribadah di rumah.",
        "“Kita harus menahan diri dulu,” kata Hendro.",
        "Belajar dari Jepang Hendro juga meminta warga tidak berkerumun saat Lebaran.",
        "“Penularan di Osaka naik cepat sesudah festival musim panas,” ujarnya.",
    )
    assert "Jepang Hendro" not in names(article)
    assert speaker_of(article, "Penularan di Osaka") == "Hendro Wijoyo"


def test_a_ticket_of_two_candidates_is_no_person() -> None:
    article = imported(
        "Pasangan calon perseorangan Darto-Wulan Sari unggul dalam penghitungan suara "
        "pemilihan bupati.",
        "Imam Fauzi selaku Ketua Tim Sukses Paslon Darto-Wulan mengatakan, para relawan "
        "lega dengan hasil penghitungan.",
        "Pengamat politik dari Universitas Sriwijaya Nanda Prasetyo menilai, paslon "
        "Darto-Wulan mencatat hal baru di kabupaten itu.",
        "Belum pernah calon tanpa partai menang di kabupaten tersebut.",
        "Biasanya calon independen dianggap sulit bersaing.",
        "Kursi bupati selama ini direbut calon dari partai besar.",
        "“Barangkali pesan kampanyenya lebih dekat dengan warga desa,” katanya.",
    )
    assert speaker_of(article, "Barangkali pesan") == "Nanda Prasetyo"


# -- common words and bodies opening a sentence ------------------------------------------


def test_common_words_opening_a_sentence_are_no_names() -> None:
    article = imported(
        "Wali Kota Bima Arya menjalani isolasi di rumah sakit.",
        "Ketua Tim Pemenangan Andre Kusuma mengatakan, kader mendukung sang ketua umum.",
        "Hasil Rapimnas Gerindra menyatakan, dukungan itu bulat.",
        "“Seluruh pengurus daerah menginginkan beliau maju lagi,” katanya.",
        "“Kami berkomunikasi lewat telepon,” kata Bima.",
        "Praktis Bima hanya berbicara dengan perawat.",
        "“Pertarungan utama adalah pertarungan mental,” ujarnya.",
    )
    assert speaker_of(article, "Seluruh pengurus") == "Andre Kusuma"
    assert speaker_of(article, "Pertarungan utama") == "Bima Arya"


# -- introductions the rules did not know --------------------------------------------------


def test_a_passive_introduction_names_the_speaker() -> None:
    article = imported(
        "Latif Pratama, anggota kelompok konservasi, mengatakan, patroli dilakukan tiap malam.",
        "“Kami saling ngobrol supaya tidak mengantuk,” ujar Latif.",
        "Hal senada disampaikan Rizki Maulana (19), anggota kelompok lainnya.",
        "Suatu malam dia terkejut menemukan biawak di dekat sarang penyu.",
        "“Kami selalu membawa lampu kepala dan berjalan pelan,” katanya.",
    )
    assert speaker_of(article, "Kami selalu membawa") == "Rizki Maulana"


def test_a_lone_name_with_a_role_or_a_body_after_it_is_a_person() -> None:
    article = imported(
        "Gubernur Burhan Siregar meninjau gedung yang terbakar.",
        "Dedy, Kepala Peleton C dari Pos Pemadam Kebakaran Wilayah Timur, menuturkan, "
        "selang mereka kurang panjang.",
        "“Kami harus menyambung selang dari gedung sebelah,” ucapnya.",
        "Ketua asosiasi, Gani Saputra, mengatakan, bahan baku rotan langka.",
        "Wirapati dari PT Rotan Jaya mengatakan, pesanan anjlok.",
        "“Peningkatannya bisa 100 persen, tetapi bahan baku sulit,” katanya.",
    )
    assert speaker_of(article, "Kami harus menyambung") == "Dedy"
    assert speaker_of(article, "Peningkatannya") == "Wirapati"


# -- who is speaking ---------------------------------------------------------------------


def test_a_name_set_off_by_a_clause_before_the_speech_verb_speaks() -> None:
    article = imported(
        "“Perlu bentuk bantuan yang lebih sederhana,” kata anggota Ombudsman Gilang Putra.",
        "Belum ada aturan jelas Ketua Badan Pengawas Pemilu Abdul Halim, yang juga hadir "
        "sebagai pembicara dalam seminar itu, mengatakan, dana hibah mudah disalahgunakan.",
        "“Kami temukan beberapa kejanggalan di lapangan,” katanya.",
    )
    assert speaker_of(article, "Kami temukan") == "Abdul Halim"


def test_a_heading_run_into_the_sentence_does_not_hide_the_speaker() -> None:
    article = imported(
        "Kuasa hukum Aziz Mahendra mengatakan, kliennya akan hadir.",
        "“Kami hormati proses hukum,” ujar Aziz.",
        "Penangkapan Aziz Kepala Bidang Humas Polda Jawa Tengah Kombes Yusran Hamid "
        "menegaskan, berkas perkara sudah lengkap.",
        "“Berkasnya sudah kami kirim ke jaksa,” katanya.",
    )
    assert speaker_of(article, "Berkasnya sudah") == "Yusran Hamid"


def test_according_to_a_title_with_a_short_form_reports_speech() -> None:
    article = imported(
        "“Kami menemui para nelayan,” kata Menteri Perhubungan Rahmat Hidayat.",
        "Untuk mengangkat bangkai kapal, menurut Ketua Badan Keselamatan Pelayaran "
        "Nasional (BKPN) Haryanto Wibisono, penyelam sudah bekerja sejak Minggu.",
        "“Cuaca buruk membuat kami menunda penyelaman,” ujarnya.",
    )
    assert speaker_of(article, "Cuaca buruk") == "Haryanto Wibisono"


def test_a_name_that_starts_like_another_with_another_title_is_another_person() -> None:
    article = imported(
        "Kuasa hukum pasangan calon, Agus Setiadi, melaporkan dugaan bagi-bagi sembako.",
        "“Kami punya foto dan videonya,” kata Agus.",
        "Ketua Bawaslu Kota Agusman mengatakan, aduan tersebut segera ditindaklanjuti.",
        "“Bila buktinya cukup, kasus ini kami teruskan ke penyidik,” ujar Agusman.",
    )
    assert speaker_of(article, "Bila buktinya") == "Agusman"


# -- long titles in the cue ----------------------------------------------------------------


def test_a_lower_case_title_with_a_short_form_before_the_comma_and_the_name() -> None:
    article = imported(
        "Globalisasi membuat wabah menyebar cepat ke banyak negara.",
        "“Wabah seperti ini berpindah antarkota dalam hitungan hari,” sebut peneliti Badan Riset "
        "Nasional (BRN), Dewi Kartika Sari, dalam diskusi daring.",
    )
    assert speaker_of(article, "Wabah seperti ini") == "Dewi Kartika Sari"


def test_the_office_and_its_region_between_commas_before_the_name() -> None:
    article = imported(
        "“Sepertinya warga belum sadar bahwa virus ini cepat menular,” kata Camat "
        "Sukadana, Kabupaten Karangjati, Darmawan Hasan, Sabtu (18/5/2020).",
    )
    quote = article.quotes[0]
    assert article.speaker(quote.speaker).name == "Darmawan Hasan"
    assert article.speaker(quote.speaker).role == "Camat Sukadana, Kabupaten Karangjati"


def test_a_list_inside_the_title_runs_through_dan_to_the_name() -> None:
    article = imported(
        "Menteri Agama Fachri Rasyid menghadiri rapat terbatas itu.",
        "“Pasar malam yang mengundang kerumunan belum boleh dibuka,” kata Menteri "
        "Koordinator Bidang Pangan, Pertanian, dan Kelautan Mahmud Hadi dalam konferensi pers.",
    )
    assert speaker_of(article, "Pasar malam") == "Mahmud Hadi"


def test_two_offices_joined_by_a_slash_are_one_title() -> None:
    article = imported(
        "Pesawat itu mendekati tahap akhir pengujian.",
        "“Semoga izin terbangnya terbit sebelum musim hujan,” ujar Menteri Pariwisata dan "
        "Budaya/Kepala Badan Ekonomi dan Kreatif Nasional Bayu Sudarsono saat "
        "menghadiri uji terbang.",
    )
    assert speaker_of(article, "Semoga izin") == "Bayu Sudarsono"


# -- not speech --------------------------------------------------------------------------


def test_a_title_after_a_label_word_is_nobodys_quote_even_before_a_speech_verb() -> None:
    article = imported(
        "Shalat Id digelar di halaman istana dengan jemaah terbatas.",
        "Dalam khotbahnya yang bertema “Lebaran Momentum Berbagi”, Ahmad Fauzi "
        "menyampaikan, Idul Fitri adalah saat untuk saling memaafkan.",
        "“Mari kita saling memaafkan,” ujarnya.",
    )
    assert [q.text for q in article.quotes] == ["Mari kita saling memaafkan"]
    assert speaker_of(article, "Mari kita") == "Ahmad Fauzi"
