"""The cue data per language: every word list loads as words, and the speaker pass reads
its word classes from the language, not from word lists in the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importer.attribution.flags import (
    ADVERB,
    COMPLEMENTIZER,
    DESCRIPTION_STOP,
    RELATIVE,
    ROLE_PREPOSITION,
    SOME,
    STOP,
    SUBJECT_ADVERB,
    word_flags,
)
from reader.importer.boilerplate import _phrases, is_copyright
from reader.importer.language_data import CODES, _load, language


def test_a_bare_yaml_boolean_in_a_word_list_is_refused(tmp_path: Path) -> None:
    # YAML reads a bare `on` as True: it would have become the word "true".
    path = tmp_path / "xx.yaml"
    path.write_text("code: xx\nstopwords: [the, on]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stopwords holds \\[True\\]"):
        _load(path)


def test_words_yaml_reads_as_booleans_are_words_in_the_data() -> None:
    en, id_ = language("en"), language("id")
    assert "on" in en.stopwords
    assert "on" in en.connectors
    assert "on" in en.description_stops
    assert "no" in id_.not_names
    for code in CODES:
        data = language(code)
        assert "true" not in data.stopwords | data.connectors | data.not_names
        assert "false" not in data.stopwords | data.connectors | data.not_names


@pytest.mark.parametrize(
    ("word", "flag"),
    [
        ("bahwa", COMPLEMENTIZER),
        ("yang", RELATIVE),
        ("juga", ADVERB),
        ("kemudian", SUBJECT_ADVERB),
        ("para", SOME),
        ("ketika", DESCRIPTION_STOP),
        ("untuk", ROLE_PREPOSITION),
    ],
)
def test_speaker_word_classes_come_from_the_language(word: str, flag: int) -> None:
    # Each Indonesian word has its class in Indonesian and not in English, and the
    # English word of the same class the other way round.
    assert word_flags(word, language("id")) & flag
    assert not word_flags(word, language("en")) & flag


@pytest.mark.parametrize(
    ("word", "flag"),
    [
        ("that", COMPLEMENTIZER),
        ("who", RELATIVE),
        ("still", ADVERB),
        ("later", SUBJECT_ADVERB),
        ("another", SOME),
        ("during", DESCRIPTION_STOP),
        ("with", ROLE_PREPOSITION),
        ("on", STOP),
    ],
)
def test_english_word_classes(word: str, flag: int) -> None:
    assert word_flags(word, language("en")) & flag
    assert not word_flags(word, language("id")) & flag


def test_copyright_phrases_found_anywhere_are_language_data() -> None:
    phrases = _phrases((language("id"), language("en")))
    line = "Marlshire Gazette 2027. All rights reserved."
    assert is_copyright(line, phrases, line.lower())
    assert "all rights reserved" in language("en").copyright_phrases
    only_id = _phrases((language("id"),))
    assert not is_copyright(line, only_id, line.lower())


def test_code_and_suffix_must_be_text(tmp_path: Path) -> None:
    path = tmp_path / "no.yaml"
    path.write_text("code: no\nstopwords: [og]\n", encoding="utf-8")  # `no` reads as False
    with pytest.raises(ValueError, match="code must be text"):
        _load(path)
    path.write_text('code: "no"\nnya_suffix: yes\n', encoding="utf-8")
    with pytest.raises(ValueError, match="nya_suffix must be text"):
        _load(path)
    path.write_text('code: "nb"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not the file's name"):
        _load(path)
    path.write_text('code: "no"\n', encoding="utf-8")
    assert _load(path).code == "no"


def test_every_cookie_phrase_holds_a_cookie_word() -> None:
    for code in CODES:
        data = language(code)
        assert data.cookie_words
        for phrase in data.cookie_phrases:
            assert any(word in phrase for word in data.cookie_words), (code, phrase)
