"""clean_text, one_line and visible: what is removed, what is kept, what is spelled out."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import text as text_module
from reader.core.text import MAX_COMBINING, clean_text, one_line, visible


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("\x1b[1;31mred\x1b[0m", "red"),
        ("a\x1b[?25lb", "ab"),  # private-mode CSI (hide cursor)
        ("\x1b]8;;https://evil/\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8, ST-terminated
        ("\x1b]8;;https://evil/\x07link\x1b]8;;\x07", "link"),  # OSC 8, BEL-terminated
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),  # OSC 52 clipboard write
        ("a\x1bP+q544e\x1b\\b", "ab"),  # DCS (XTGETTCAP)
        ("a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"),  # APC, PM, SOS
        ("a\x1b7b\x1b8c\x1b(Bd\x1bce", "abcde"),  # two/three-byte escapes
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x9d0;title\x9cb", "ab"),  # 8-bit OSC with 8-bit ST
        ("a\x90data\x9cb", "ab"),  # 8-bit DCS
        ("tail\x1b", "tail"),  # lone ESC at the end
        ("tail\x1b[", "tail"),  # unfinished CSI
        ("one\x1b]0;title\ntwo", "one\ntwo"),  # unterminated OSC stops at the line end
        ("one\x9d0;t\ntwo", "one\ntwo"),  # same for 8-bit
        ("bell\x07 back\x08 cr\r del\x7f nel\x85 x", "bell back cr del nel x"),
        ("tab\there", "tab here"),
        ("keep\nnewlines\n", "keep\nnewlines\n"),
        ("line\u2028para\u2029end", "line\npara\nend"),
        ("\u202eevil\u202c \u2066iso\u2069 \u200f\u200e\u061c", "evil iso "),
        ("zero\u200bwidth\u200c\u200d\u2060\ufeff\u00ad", "zerowidth"),
        ("tag\U000e0041\U000e007f", "tag"),
        ("hangul\u3164filler\u115f\u1160\uffa0", "hangulfiller"),
        ("cgj\u034f", "cgj"),
        ("lone\udcff\ud800", "lone\ufffd\ufffd"),
    ],
)
def test_removes(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean
    assert clean_text(clean) == clean


@pytest.mark.parametrize(
    "text",
    [
        "[bold]x[/bold] [/] [link=file:///etc/passwd]x[/link] [@click=app.quit]x[/] [[",
        "Tiếng Việt có dấu: người, được, Nguyễn",  # precomposed
        unicodedata.normalize("NFD", "Tiếng Việt: người, được, Nguyễn"),  # two marks per base
        "हिन्दी में समाचार",  # Devanagari vowel signs and virama
        "עִבְרִית מְנֻקֶּדֶת",  # Hebrew with points
        "العربية مع التشكيل: كَتَبَ",  # Arabic with harakat
        "中文 日本語 한국어 ｆｕｌｌ",
        "emoji 👍🏽 🇮🇩 ❤️ 1️⃣",  # modifiers, flags, variation selector, keycap
        "Ünïcödé ß ﬁ",
        "",
    ],
)
def test_keeps_real_text(text: str) -> None:
    assert clean_text(text) == text


def test_cuts_combining_storms_to_a_few_marks() -> None:
    zalgo = "Z" + "\u0300\u0301\u0302" * 100 + "a" + "\u20dd" * 50 + "b" + "\u0489" * 50
    cleaned = clean_text(zalgo)
    assert cleaned == "Z\u0300\u0301\u0302\u0300a" + "\u20dd" * MAX_COMBINING + "b" + (
        "\u0489" * MAX_COMBINING
    )


def test_storm_split_by_invisible_characters_is_still_cut() -> None:
    text = "x" + "\u0301\u200b" * 50
    assert clean_text(text) == "x" + "\u0301" * MAX_COMBINING


def test_long_text_without_spaces_is_kept_and_fast() -> None:
    text = "x" * 100_000 + "\x1b[31m" + "y" * 100_000
    assert clean_text(text) == "x" * 100_000 + "y" * 100_000


def test_one_line_folds_all_whitespace() -> None:
    assert one_line("  a\n\tb \u2028 c\x1b[2J  ") == "a b c"


def test_visible_spells_out_instead_of_removing() -> None:
    assert visible("a\x1b[2Jb\x07\u202ec\U000e0041\nd") == "a\\x1b[2Jb\\x07\\u202ec\\U000e0041\nd"
    assert visible("a\nb", keep_newlines=False) == "a\\x0ab"
    assert visible("plain [bold] ünï 中") == "plain [bold] ünï 中"


def test_visible_shows_undecodable_file_name_bytes() -> None:
    assert visible("a\udcffb\udc9bc") == "a\\xffb\\x9bc"
    assert visible("lone \ud800") == "lone \\ud800"


# -- the fast path of clean_text -------------------------------------------------------

_TRICKY = (
    "\x1b\x07\t\r\x7f\x85\x9b\xa0\xad\u034f\u115f\u17b4\u200b\u202e\u2028\u2029"
    "\u3164\ufeff\uffa0\U000e0041\ud800\udcff\u0301\u0302\u20dd“”«» aZ\n"
)


def test_fast_check_covers_every_character_the_regex_finds() -> None:
    """Exhaustive over all code points: the cheap check never misses one."""
    for code in range(0x110000):
        ch = chr(code)
        if text_module._NEEDS_WORK.match(ch):
            assert text_module._needs_work(ch), hex(code)
            assert not ch.isprintable() or ch in text_module._PRINTABLE_NEEDING_WORK


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=60))
def test_fast_check_equals_the_regex(text: str) -> None:
    assert text_module._needs_work(text) == (text_module._NEEDS_WORK.search(text) is not None)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=60))
def test_clean_text_equals_the_slow_path(text: str) -> None:
    slow = text
    if text_module._NEEDS_WORK.search(slow):
        slow = text_module._ESCAPE_SEQUENCE.sub("", slow).translate(text_module._TRANSLATE)
    if not slow.isascii():
        marks = "".join(ch for ch in set(slow) if unicodedata.category(ch) in ("Mn", "Me"))
        if marks:
            cls = f"[{re.escape(marks)}]"
            slow = re.sub(f"({cls}{{{MAX_COMBINING}}}){cls}+", r"\1", slow)
    assert clean_text(text) == slow


_LINES = st.lists(
    st.text(alphabet=st.sampled_from(_TRICKY.replace("\n", "")) | st.characters(), max_size=12)
    | st.sampled_from(["plain line", "“kata”", "Jakarta — Senin"]),
    min_size=2,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_clean_text_line_by_line_equals_the_whole_text(lines: list[str]) -> None:
    """Mostly printable lines take the line-by-line path; it must equal one pass."""
    text = "\n".join(lines)
    whole = text
    if text_module._NEEDS_WORK.search(whole):
        whole = text_module._ESCAPE_SEQUENCE.sub("", whole).translate(text_module._TRANSLATE)
    if text_module._needs_work(text):
        assert text_module._work(text) == whole
    assert clean_text(text) == clean_text_by_one_pass(text)


def clean_text_by_one_pass(text: str) -> str:
    if text_module._NEEDS_WORK.search(text):
        text = text_module._ESCAPE_SEQUENCE.sub("", text).translate(text_module._TRANSLATE)
    return text_module._limit_combining(text) if not text.isascii() else text


def test_a_long_text_is_cleaned_line_by_line() -> None:
    lines = ["Paragraf biasa tanpa masalah."] * 50
    lines[10] = "ada\u200bspasi\x1b[31mmerah\x1b[0m\ttab"
    lines[40] = "OSC \x1b]8;;http://x\x07tautan\x1b]8;;\x07 selesai"
    text = "\n".join(lines)
    cleaned = clean_text(text)
    assert cleaned == clean_text_by_one_pass(text)
    assert cleaned.split("\n")[10] == "adaspasimerah tab"
    assert cleaned.split("\n")[40] == "OSC tautan selesai"


def test_no_combining_mark_lies_below_first_mark() -> None:
    """Exhaustive: the storm pre-check may rely on every mark being at FIRST_MARK or above."""
    below = [
        hex(code)
        for code in range(text_module.FIRST_MARK)
        if unicodedata.category(chr(code)) in ("Mn", "Me")
    ]
    assert below == []
    assert unicodedata.category(chr(text_module.FIRST_MARK)) == "Mn"


_HIGH = "\u0300\u0301\u20dd\u0489“—中\U0001f44d\ud800"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_HIGH + "aé\u02ff ") | st.characters(), max_size=40))
def test_storm_pre_check_never_misses_a_run(text: str) -> None:
    """The byte-level pre-check says "maybe" whenever enough high characters stand in a row."""
    run = re.search(f"[\\u{text_module.FIRST_MARK:04x}-\\U0010ffff]{{{MAX_COMBINING + 1}}}", text)
    assert text_module._may_hold_storm(text) == (run is not None)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY + _HIGH) | st.characters(), max_size=60))
def test_unusual_characters_are_all_but_printable_ascii_and_newlines(text: str) -> None:
    expected = "".join(ch for ch in text if not (" " <= ch <= "~" or ch == "\n"))
    assert text_module._unusual(text) == expected


def test_the_few_printable_characters_needing_work_are_not_ascii() -> None:
    """What lets clean_text look for them among the unusual characters only."""
    assert text_module._PRINTABLE_NEEDING_WORK
    assert not any(ch.isascii() for ch in text_module._PRINTABLE_NEEDING_WORK)


def test_marks_are_found_among_the_unusual_characters() -> None:
    storm = "“a” e" + "\u0301" * 9 + " plain\n“text”"
    assert clean_text(storm) == "“a” e" + "\u0301" * MAX_COMBINING + " plain\n“text”"
    assert clean_text("“no marks here”\n— at all") == "“no marks here”\n— at all"
