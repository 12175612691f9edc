"""Consistency checks for the importer test corpus: the gold files agree with their raw texts.

These tests never run the importer. They only make sure every ``.expected.yaml`` in
``tests/importer/corpus`` is well formed and points at text that really is in its ``.txt``,
so a typo in the gold cannot silently turn into a wrong expectation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
CASE_NAME = re.compile(r"^(\d{2})-(id|en)-[a-z0-9-]+$")

TOP_KEYS = {
    "language",
    "title",
    "headings",
    "figures",
    "lead_startswith",
    "footer",
    "dropped",
    "speakers",
    "quotes",
    "not_quotes",
}
REQUIRED_KEYS = {"language", "title", "headings", "lead_startswith", "quotes"}
FOOTER_KEYS = {"copyright", "cookie_text", "link_text", "accept"}

# UTF-8 quote marks and dashes as they look when the bytes are read as cp1252.
# Order matters: the bare "â€" (right double quote with its 0x9D byte lost) goes last.
MOJIBAKE = [
    ("â€œ", "“"),
    ("â€\x9d", "”"),
    ("â€™", "’"),
    ("â€˜", "‘"),
    ("â€”", "—"),
    ("â€“", "–"),
    ("â€¦", "…"),
    ("â€", "”"),
]
MARKS = str.maketrans({c: '"' for c in "“”«»„‟\"‘’‚‹›'"})


def case_stems() -> list[str]:
    return sorted(p.name[: -len(".txt")] for p in CORPUS.glob("*.txt"))


def raw_bytes(stem: str) -> bytes:
    return (CORPUS / f"{stem}.txt").read_bytes()


def repaired_text(stem: str) -> str:
    """The raw text as the importer should see it: no BOM, LF line ends, mojibake repaired."""
    text = raw_bytes(stem).decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    for bad, good in MOJIBAKE:
        text = text.replace(bad, good)
    return text


def normalized(text: str) -> str:
    """All quote marks become one straight double quote; runs of spaces collapse."""
    return re.sub(r"[ \t]+", " ", text.translate(MARKS))


def lines_of(stem: str) -> list[str]:
    return [line.strip() for line in repaired_text(stem).split("\n")]


def gold(stem: str) -> dict[str, Any]:
    path = CORPUS / f"{stem}.expected.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    assert isinstance(data, dict), f"{path.name}: top level must be a mapping"
    return data


STEMS = case_stems()


def test_corpus_size_and_languages() -> None:
    assert len(STEMS) >= 16
    langs = [m.group(2) for m in map(CASE_NAME.match, STEMS) if m]
    assert langs.count("id") >= 8
    assert langs.count("en") >= 8


def test_every_txt_has_gold_and_every_gold_has_txt() -> None:
    txts = {p.name[: -len(".txt")] for p in CORPUS.glob("*.txt")}
    golds = {p.name[: -len(".expected.yaml")] for p in CORPUS.glob("*.expected.yaml")}
    assert txts == golds


def test_case_numbers_are_unique() -> None:
    numbers = [s[:2] for s in STEMS]
    assert len(numbers) == len(set(numbers))


def test_special_encodings_are_present() -> None:
    """The corpus keeps its awkward inputs: CRLF, BOM, mojibake, no blank lines."""
    datas = [raw_bytes(s) for s in STEMS]
    assert any(b"\r\n" in d for d in datas), "a case with CRLF line ends"
    assert any(d.startswith(b"\xef\xbb\xbf") for d in datas), "a case with a UTF-8 BOM"
    assert any("â€œ".encode() in d for d in datas), "a case with mojibake quote marks"
    no_blank = [s for s in STEMS if "\n\n" not in repaired_text(s).strip()]
    assert len(no_blank) >= 2, "cases with one paragraph per line"


@pytest.mark.parametrize("stem", STEMS)
def test_case_name_and_language(stem: str) -> None:
    m = CASE_NAME.match(stem)
    assert m, f"{stem}: name must be NN-lang-topic"
    g = gold(stem)
    assert g.get("language") == m.group(2)


@pytest.mark.parametrize("stem", STEMS)
def test_raw_text_decodes_and_repairs_cleanly(stem: str) -> None:
    text = repaired_text(stem)
    assert "â€" not in text
    assert "\ufeff" not in text
    assert 6 <= len([ln for ln in text.split("\n") if ln.strip()]) <= 60


@pytest.mark.parametrize("stem", STEMS)
def test_gold_keys(stem: str) -> None:
    g = gold(stem)
    assert set(g) >= REQUIRED_KEYS, f"missing {REQUIRED_KEYS - set(g)}"
    assert set(g) <= TOP_KEYS, f"unknown keys {set(g) - TOP_KEYS}"
    footer = g.get("footer") or {}
    assert set(footer) <= FOOTER_KEYS
    for fig in g.get("figures") or []:
        assert set(fig) == {"caption", "credit"}
        assert fig["caption"] and fig["credit"]


@pytest.mark.parametrize("stem", STEMS)
def test_title_is_first_line(stem: str) -> None:
    assert gold(stem)["title"] == lines_of(stem)[0]


@pytest.mark.parametrize("stem", STEMS)
def test_headings_occur_as_lines_in_order(stem: str) -> None:
    lines = lines_of(stem)
    last = 0
    for heading in gold(stem)["headings"]:
        assert heading in lines[last:], f"heading {heading!r} is not a line (in order)"
        last = lines.index(heading, last) + 1


@pytest.mark.parametrize("stem", STEMS)
def test_figures_occur(stem: str) -> None:
    text = repaired_text(stem)
    figures = gold(stem).get("figures") or []
    captions = [f["caption"] for f in figures]
    assert len(captions) == len(set(captions)), "each figure once"
    for fig in figures:
        assert fig["caption"] in text
        assert fig["credit"] in text


@pytest.mark.parametrize("stem", STEMS)
def test_lead_starts_a_line(stem: str) -> None:
    lead = gold(stem)["lead_startswith"]
    assert len(lead.split()) >= 3
    assert any(line.startswith(lead) for line in lines_of(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_footer_occurs(stem: str) -> None:
    text = repaired_text(stem)
    lines = lines_of(stem)
    footer = gold(stem).get("footer") or {}
    for key, value in footer.items():
        assert value in text, f"footer {key} {value!r} not in text"
    if "accept" in footer:
        assert footer["accept"] in lines, "the accept label is a line of its own"


@pytest.mark.parametrize("stem", STEMS)
def test_dropped_lines_occur(stem: str) -> None:
    lines = lines_of(stem)
    for dropped in gold(stem).get("dropped") or []:
        assert dropped in lines, f"dropped line {dropped!r} is not a line of the raw text"


@pytest.mark.parametrize("stem", STEMS)
def test_speakers(stem: str) -> None:
    g = gold(stem)
    text = repaired_text(stem)
    speakers = g.get("speakers") or {}
    assert isinstance(speakers, dict)
    for key, info in speakers.items():
        assert set(info) == {"name", "role"}, key
        assert info["name"] in text, f"{key}: full name not in text"
        assert info["name"].split()[-1] == key, f"{key}: key is the surname"
        role = info["role"]
        assert role is None or (isinstance(role, str) and role in text), f"{key}: role {role!r}"
    used = {q[0] for q in g["quotes"]}
    assert set(speakers) <= used, f"speakers without a quote: {set(speakers) - used}"


@pytest.mark.parametrize("stem", STEMS)
def test_quotes_occur_in_order_after_an_opening_mark(stem: str) -> None:
    g = gold(stem)
    speakers = g.get("speakers") or {}
    text = normalized(repaired_text(stem))
    pos = 0
    for entry in g["quotes"]:
        assert isinstance(entry, list) and len(entry) == 2, entry
        key, prefix = entry
        assert key is None or key in speakers, f"quote key {key!r} not in speakers"
        needle = normalized(prefix)
        # a partial quote shorter than five words is listed whole ("a tax on work")
        whole = f'"{needle}"' in text or f'"{needle},"' in text or f'"{needle}."' in text
        assert len(prefix.split()) >= 5 or whole, f"quote prefix too short: {prefix!r}"
        assert not needle.startswith('"'), "prefix starts after the opening mark"
        found = text.find(needle, pos)
        while found > 0 and text[found - 1] != '"':
            found = text.find(needle, found + 1)
        assert found > 0, f"quote {prefix!r} not found after an opening mark (in order)"
        pos = found + len(needle)


@pytest.mark.parametrize("stem", STEMS)
def test_not_quotes_are_enclosed_in_marks(stem: str) -> None:
    g = gold(stem)
    text = normalized(repaired_text(stem))
    prefixes = [normalized(q[1]) for q in g["quotes"]]
    for phrase in g.get("not_quotes") or []:
        assert f'"{normalized(phrase)}"' in text, f"scare quote {phrase!r} not in marks"
        assert not any(p.startswith(normalized(phrase)) for p in prefixes)
