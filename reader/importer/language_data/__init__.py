"""Cue words per language, kept as data so a language is added without touching the code.

Each ``<code>.yaml`` beside this module lists the words the importer looks for in that
language (cue verbs, pronouns, role words, boilerplate phrases). Adding a language means
adding one such file; :data:`CODES` finds it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reader.importer.kept_files import keep, kept_bytes

_HERE = Path(__file__).resolve().parent
#: Bumped when what a kept copy of a language file holds changes (see :func:`_parsed`).
KEPT_FORMAT = 1
#: Largest kept copy read.
MAX_KEPT_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Language:
    """Everything the importer knows about one language (all words lower-case)."""

    code: str
    stopwords: frozenset[str]
    post_cues: frozenset[str]
    nya_suffix: str
    pre_cues: frozenset[str]
    according_to: tuple[str, ...]
    pronouns: frozenset[str]
    backref_markers: frozenset[str]
    backref_closers: frozenset[str]
    role_markers: frozenset[str]
    articles: frozenset[str]
    indefinites: frozenset[str]
    auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    subject_adverbs: frozenset[str]
    relatives: frozenset[str]
    quantifiers: frozenset[str]
    description_stops: frozenset[str]
    role_prepositions: frozenset[str]
    complementizers: frozenset[str]
    subordinators: frozenset[str]
    phrasal_cues: tuple[tuple[str, ...], ...]
    #: Gender ("f" or "m") of the words that show one: pronouns, first names, titles.
    genders: dict[str, str] = field(hash=False)
    role_words: frozenset[str]
    institution_words: frozenset[str]
    connectors: frozenset[str]
    name_particles: frozenset[str]
    copyright_prefixes: tuple[str, ...]
    copyright_phrases: tuple[str, ...]
    cookie_phrases: tuple[str, ...]
    cookie_words: tuple[str, ...]
    cookie_links: tuple[str, ...]
    accept_labels: tuple[str, ...]
    clutter_prefixes: tuple[str, ...]
    byline_prefixes: tuple[str, ...]
    months: frozenset[str]
    trailing_lists: tuple[str, ...]
    credit_markers: tuple[str, ...]
    not_names: frozenset[str]
    org_heads: frozenset[str]
    place_prepositions: frozenset[str]
    honorifics: frozenset[str]
    abbreviations: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_blockers: tuple[list[str], ...]
    time_words: frozenset[str]
    day_parts: frozenset[str]
    time_prepositions: frozenset[str]
    absolute_prepositions: frozenset[str]
    coordinators: frozenset[str]
    participle_suffix: str
    label_markers: frozenset[str]
    label_openers: frozenset[str]
    possessives: frozenset[str]
    chrome_words: frozenset[str]
    source_prefixes: tuple[str, ...]
    news_sources: frozenset[str]
    places: frozenset[str]
    place_heads: frozenset[str]
    titles: frozenset[str]
    common_word: re.Pattern[str] | None
    verb: re.Pattern[str] | None

    def cue_back(self, word: str) -> bool:
        """Is ``word`` a post cue with the back-referring suffix (``katanya``)?"""
        suffix = self.nya_suffix
        return bool(suffix) and word.endswith(suffix) and word[: -len(suffix)] in self.post_cues


def _words(data: dict[str, object], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"languages: {key} must be a list")
    # YAML reads a bare on, off, yes or no as a boolean: such a word must be quoted, or
    # it silently becomes "true" and never matches.
    odd = [v for v in value if not isinstance(v, str)]
    if odd:
        raise ValueError(f"languages: {key} holds {odd!r}, not words (quote them)")
    return [v.lower() for v in value]


def _genders(data: dict[str, object]) -> dict[str, str]:
    """Each word of the ``female`` and ``male`` lists with its gender (a word in both,
    such as a first name given to either, has none)."""
    female, male = set(_words(data, "female")), set(_words(data, "male"))
    genders = dict.fromkeys(female - male, "f")
    genders.update(dict.fromkeys(male - female, "m"))
    return genders


def _text(data: dict[str, object], key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None and default is not None:
        value = default
    if not isinstance(value, str):
        raise ValueError(f"languages: {key} must be text, not {value!r} (quote it)")
    return value


def _kept_key(raw: bytes) -> str:
    """The key a kept copy of the language file holding ``raw`` is kept under."""
    return hashlib.sha256(f"language data {KEPT_FORMAT}\n".encode() + raw).hexdigest()


def _kept_data(name: str, key: str) -> object | None:
    """The data of the kept copy ``name`` if it is there and kept under ``key``, else None.

    Whatever the file holds (it lives in a folder others can write), reading it never
    raises: JSON nested thousands deep (RecursionError), text that is not JSON, a foreign
    key all give None.
    """
    kept = kept_bytes(name, MAX_KEPT_BYTES)
    if kept is None:
        return None
    try:
        document = json.loads(kept)
    except (ValueError, RecursionError):
        return None
    if type(document) is dict and document.get("key") == key and "data" in document:
        data: object = document["data"]
        return data
    return None


def _load(path: Path) -> Language:
    """The language in the data file ``path``, from its kept copy when there is a good one.

    Parsing needs PyYAML, whose import is about a tenth of a ``reader import``'s start.
    The parsed data (word lists and texts) is kept as JSON in the user cache folder
    (``language-CODE.json``, :mod:`reader.importer.kept_files`) under the SHA-256 of the
    file's bytes, and read from there while the file is unchanged; only data that passed
    the checks and that JSON gives back exactly is kept. A kept copy that cannot be read
    or fails the checks is never used: the YAML is parsed again (its errors are the
    project's own data's, raised as before) and a fresh copy kept.
    """
    raw = path.read_bytes()
    key = _kept_key(raw)
    name = f"language-{path.stem}.json"
    kept = _kept_data(name, key)
    if kept is not None:
        try:
            return _language(kept, path)
        except Exception:  # any failure of a kept copy (a RecursionError too): parse the YAML
            pass
    import yaml

    from reader.core.format.safe_yaml import c_safe_loader

    data = yaml.load(raw.decode("utf-8"), Loader=c_safe_loader())
    result = _language(data, path)
    try:
        text = json.dumps({"key": key, "data": data}, ensure_ascii=False)
        same = json.loads(text)["data"] == data
    except (TypeError, ValueError):  # a date, a number JSON cannot hold, a key not text
        same = False
    if same:
        keep(name, text.encode("utf-8"))
    return result


def _language(data: object, path: Path) -> Language:
    """Check ``data`` (a language file's, parsed or kept) and build its Language."""
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    code = _text(data, "code")
    if code != path.stem:  # `code: no` (Norwegian) would otherwise read as False
        raise ValueError(f"{path}: code {code!r} is not the file's name")
    return Language(
        code=code,
        stopwords=frozenset(_words(data, "stopwords")),
        post_cues=frozenset(_words(data, "post_cues")),
        nya_suffix=_text(data, "nya_suffix", ""),
        pre_cues=frozenset(_words(data, "pre_cues")),
        according_to=tuple(_words(data, "according_to")),
        pronouns=frozenset(_words(data, "pronouns")),
        backref_markers=frozenset(_words(data, "backref_markers")),
        backref_closers=frozenset(_words(data, "backref_closers")),
        role_markers=frozenset(_words(data, "role_markers")),
        articles=frozenset(_words(data, "articles")),
        indefinites=frozenset(_words(data, "indefinites")),
        auxiliaries=frozenset(_words(data, "auxiliaries")),
        adverbs=frozenset(_words(data, "adverbs")),
        subject_adverbs=frozenset(_words(data, "subject_adverbs")),
        relatives=frozenset(_words(data, "relatives")),
        quantifiers=frozenset(_words(data, "quantifiers")),
        description_stops=frozenset(_words(data, "description_stops")),
        role_prepositions=frozenset(_words(data, "role_prepositions")),
        complementizers=frozenset(_words(data, "complementizers")),
        subordinators=frozenset(_words(data, "subordinators")),
        phrasal_cues=tuple(tuple(p.split()) for p in _words(data, "phrasal_cues")),
        genders=_genders(data),
        role_words=frozenset(_words(data, "role_words")),
        institution_words=frozenset(_words(data, "institution_words")),
        connectors=frozenset(_words(data, "connectors")),
        name_particles=frozenset(_words(data, "name_particles")),
        copyright_prefixes=tuple(_words(data, "copyright_prefixes")),
        copyright_phrases=tuple(_words(data, "copyright_phrases")),
        cookie_phrases=tuple(_words(data, "cookie_phrases")),
        cookie_words=tuple(_words(data, "cookie_words")),
        cookie_links=tuple(_words(data, "cookie_links")),
        accept_labels=tuple(_words(data, "accept_labels")),
        clutter_prefixes=tuple(_words(data, "clutter_prefixes")),
        byline_prefixes=tuple(_words(data, "byline_prefixes")),
        months=frozenset(_words(data, "months")),
        trailing_lists=tuple(_words(data, "trailing_lists")),
        credit_markers=tuple(_words(data, "credit_markers")),
        not_names=frozenset(_words(data, "not_names")),
        org_heads=frozenset(_words(data, "org_heads")),
        place_prepositions=frozenset(_words(data, "place_prepositions")),
        honorifics=frozenset(_words(data, "honorifics")),
        abbreviations=frozenset(_words(data, "abbreviations")),
        reporting_verbs=frozenset(_words(data, "reporting_verbs")),
        reporting_blockers=tuple(p.split() for p in _words(data, "reporting_blockers")),
        absolute_prepositions=frozenset(_words(data, "absolute_prepositions")),
        coordinators=frozenset(_words(data, "coordinators")),
        time_words=frozenset(_words(data, "time_words")),
        day_parts=frozenset(_words(data, "day_parts")),
        time_prepositions=frozenset(_words(data, "time_prepositions")),
        participle_suffix=_text(data, "participle_suffix", ""),
        label_markers=frozenset(_words(data, "label_markers")),
        label_openers=frozenset(_words(data, "label_openers")),
        possessives=frozenset(_words(data, "possessives")),
        chrome_words=frozenset(_words(data, "chrome_words")),
        source_prefixes=tuple(_words(data, "source_prefixes")),
        news_sources=frozenset(_words(data, "news_sources")),
        places=frozenset(_words(data, "places")),
        place_heads=frozenset(_words(data, "place_heads")),
        titles=frozenset(_words(data, "titles")),
        common_word=re.compile(str(data["common_word_pattern"]))
        if data.get("common_word_pattern")
        else None,
        verb=re.compile(str(data["verb_pattern"])) if data.get("verb_pattern") else None,
    )


#: The languages the importer knows, by code.
CODES: tuple[str, ...] = tuple(sorted(p.stem for p in _HERE.glob("*.yaml")))


@cache
def language(code: str) -> Language:
    """The cue data of one language (KeyError for a code without a data file)."""
    if code not in CODES:
        raise KeyError(code)
    return _load(_HERE / f"{code}.yaml")


def all_languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in CODES)
