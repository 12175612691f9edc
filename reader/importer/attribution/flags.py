"""What each word *is*, as bit flags: the questions the speaker pass asks of every token.

Is it a capitalised word, a cue verb, a stopword, a role word ("Menteri", "spokesman"),
could it be part of a name? Those answers depend only on the word and the language, so
:func:`word_flags` works them out once per distinct word (the per-language
:class:`~reader.importer.attribution.tokens.WordTable` keeps them), and a paragraph's
tokens then carry one int of flags each: every question is a bit test.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.importer.language_data import Language

# -- the flags --------------------------------------------------------------------------
# What the token is
WORD = 1 << 0  # starts with a letter or digit
UPPER = 1 << 1  # starts with an upper-case letter
CAPWORD = 1 << 2  # both: where names and roles can start
DIGITS = 1 << 3  # all digits ("52")
ALL_CAPS = 1 << 4  # "TNI", "UGM": counted as possible acronyms
LOWER_APART = 1 << 5  # a lower-case word with a space before it
# Which of the language's word lists holds it (compared in lower case)
STOP = 1 << 6
ROLE = 1 << 7
CONNECTOR = 1 << 8
PARTICLE = 1 << 9
HONORIFIC = 1 << 10
POST_CUE = 1 << 11  # kata, said
PRE_CUE = 1 << 12  # mengatakan, says
PRONOUN = 1 << 13
ROLE_MARKER = 1 << 14
ARTICLE = 1 << 15
BACKREF_MARKER = 1 << 16
BACKREF_CLOSER = 1 << 17
PLACE_PREPOSITION = 1 << 18
VERB = 1 << 19  # matches the language's verb pattern
ACCORDING = 1 << 20  # a one-word "according to" ("menurut")
CUE_BACK = 1 << 21  # katanya, ujarnya
PLAIN = 1 << 22  # could be part of a person's name at all
ADVERB = 1 << 23  # between a subject and its verb
SUBJECT_ADVERB = 1 << 24  # between a quoted speaker and the verb before the quote
RELATIVE = 1 << 25
SOME = 1 << 26
DESCRIPTION_STOP = 1 << 27
ROLE_PREPOSITION = 1 << 28
# Punctuation
SENTENCE_OPENER = 1 << 29  # a name after it opens a sentence
HALT = 1 << 30  # ends a phrase or a role
OPENING = 1 << 31  # a capitalised word after it may just open a sentence
SLASH = 1 << 32
OPEN_PAREN = 1 << 33
INDEFINITE = 1 << 34  # "seorang", "a": someone not named before
AUXILIARY = 1 << 35  # "had", "was": "said X had …" reports X, X does not speak
COMPLEMENTIZER = 1 << 36  # "bahwa", "that" between a cue verb and its quotation
ACCORDING_START = 1 << 37  # the first word of an "according to" phrase
ABBREVIATION = 1 << 38  # a title written short with a full stop: "Sen.", "Gov.", "Lt."
REPORTING = 1 << 39  # a verb that reports words short of a cue: "called", "saying"
LABEL = 1 << 40  # quoted text after it is a name or a title: "so-called", "bertajuk"
LABEL_OPENER = 1 << 41  # "what he called …": the quoted words are a label
#: What may follow the first word of a capitalised run inside the run: a token without
#: any of these ends the run after one word, with no need to call :func:`run_at`.
RUN_NEXT = CAPWORD | CONNECTOR | PARTICLE | SLASH | DIGITS | HONORIFIC | OPEN_PAREN

_SENTENCE_OPENERS = frozenset({".", "!", "?", "“", "”", '"', "«", "»", ":"})
_HALTS = frozenset('.!?;:“”„«»"()')
_OPENINGS = frozenset('.!?“”„«»"(')


def is_plain(word: str, lang: Language) -> bool:
    """Could this capitalised word be part of a person's name at all (by the word lists)?"""
    low = word.lower()
    return _plain(word, low, lang, lang.cue_back(low))


def _plain(word: str, low: str, lang: Language, cue_back: bool) -> bool:
    """:func:`is_plain` of ``word``, given it lowered and whether that is a cue with the
    back-referring suffix (:func:`word_flags` has both already)."""
    # (letters are never digits: only a word with other characters needs the scan)
    if not word[:1].isupper() or (not word.isalpha() and any(ch.isdigit() for ch in word)):
        return False
    return not (
        cue_back
        or low in _not_plain(lang)
        or (lang.common_word is not None and lang.common_word.match(low) is not None)
    )


#: Per language (by identity; the language is held so that its id stays its own): every
#: word of the lists that make a capitalised word no part of a name.
_NOT_PLAIN: dict[int, tuple[Language, frozenset[str]]] = {}


def _not_plain(lang: Language) -> frozenset[str]:
    """The words of ``lang``'s lists that are no part of a person's name, in one set (one
    lookup where :func:`is_plain` asked eight)."""
    kept = _NOT_PLAIN.get(id(lang))
    if kept is not None and kept[0] is lang:
        return kept[1]
    words = frozenset().union(
        lang.stopwords,
        lang.role_words,
        lang.institution_words,
        lang.not_names,
        lang.org_heads,
        lang.honorifics,
        lang.pronouns,
        lang.connectors,
    )
    _NOT_PLAIN[id(lang)] = (lang, words)
    return words


def list_flags(lang: Language) -> dict[str, int]:
    """Every word on one of ``lang``'s lists, with the flags of the lists that hold it."""
    listed: dict[str, int] = {}
    for words, flag in (
        (lang.stopwords, STOP),
        (lang.role_words, ROLE),
        (lang.connectors, CONNECTOR),
        (lang.name_particles, PARTICLE),
        (lang.honorifics, HONORIFIC),
        (lang.abbreviations, ABBREVIATION),
        (lang.reporting_verbs, REPORTING),
        (lang.label_markers, LABEL),
        (lang.label_openers, LABEL_OPENER),
        (lang.post_cues, POST_CUE),
        (lang.pre_cues, PRE_CUE),
        (lang.pronouns, PRONOUN),
        (lang.role_markers, ROLE_MARKER),
        (lang.articles, ARTICLE),
        (lang.indefinites, INDEFINITE),
        (lang.auxiliaries, AUXILIARY),
        (lang.backref_markers, BACKREF_MARKER),
        (lang.backref_closers, BACKREF_CLOSER),
        (lang.place_prepositions, PLACE_PREPOSITION),
        (frozenset(lang.according_to), ACCORDING),
        (frozenset(p.split()[0] for p in lang.according_to if p.split()), ACCORDING_START),
        (lang.adverbs, ADVERB),
        (lang.subject_adverbs, SUBJECT_ADVERB),
        (lang.relatives, RELATIVE),
        (lang.quantifiers, SOME),
        (lang.description_stops, DESCRIPTION_STOP),
        (lang.role_prepositions, ROLE_PREPOSITION),
        (lang.complementizers, COMPLEMENTIZER),
    ):
        _add_flags(listed, words, flag)
    return listed


def _add_flags(table: dict[str, int], words: Iterable[str], flag: int) -> None:
    """Give each of ``words`` ``flag`` in ``table``, beside the flags it has."""
    for word in words:
        table[word] = table.get(word, 0) | flag


_MARKS: dict[str, int] = {"/": SLASH, "(": OPEN_PAREN}
_add_flags(_MARKS, _SENTENCE_OPENERS, SENTENCE_OPENER)
_add_flags(_MARKS, _HALTS, HALT)
_add_flags(_MARKS, _OPENINGS, OPENING)


def word_flags(chunk: str, lang: Language, listed: dict[str, int] | None = None) -> int:
    """The flags of one token; ``chunk`` may start with the space before the token.

    ``listed`` is :func:`list_flags` of ``lang``, passed in by a table that keeps it.
    """
    if listed is None:
        listed = list_flags(lang)
    spaced = chunk[:1] == " "
    word = chunk[1:] if spaced else chunk
    first = word[:1]
    low = word.lower()
    flags = listed.get(low, 0) | _MARKS.get(word, 0)
    if first.isalnum():
        flags |= WORD
        if spaced and not first.isupper():
            flags |= LOWER_APART
    if first.isupper():
        flags |= UPPER | (CAPWORD if first.isalnum() else 0)
    if word.isdigit():
        flags |= DIGITS
    if word.isupper():
        flags |= ALL_CAPS
    if lang.verb is not None and lang.verb.match(low) is not None:
        flags |= VERB
    cue_back = lang.cue_back(low)
    if cue_back:
        flags |= CUE_BACK
    if _plain(word, low, lang, cue_back):
        flags |= PLAIN
    return flags
