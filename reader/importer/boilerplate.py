"""Page furniture that is not the article: copyright and cookie notices, site clutter.

Copyright and cookie notices go into the article's footer (the reader shows them, small,
at the end); "Baca juga" teasers and trailing "Populer"/"Most read" lists are dropped.
Only whole lines are judged, by phrases from the language data, so an article sentence
that merely mentions cookies stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from reader.core.model import CookieNotice, Footer
from reader.importer.languages import Language, all_languages, language

#: Longest line still taken for a notice; real notices are one or two sentences.
MAX_NOTICE = 400
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b")
_SOURCE_STOP = re.compile(r"\.(?:\s|$)|,|\s[-–|]\s|\ball rights\b|\bseluruh hak\b", re.IGNORECASE)
_OWNER_WORDS = re.compile(r"^(?:hak cipta|copyright|milik|by|oleh|©|\(c\)|\s)+", re.IGNORECASE)


@dataclass
class Cleaned:
    """The body lines left once boilerplate is out, and what was taken out."""

    lines: list[str]
    footer: Footer
    source: str
    dropped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Phrases:
    """The notice phrases of every language, gathered once per article language.

    Every line of every article is asked about them, so each question is one call at C
    speed: ``str.startswith`` with a tuple, one pattern for the phrases found anywhere.
    """

    copyright: tuple[str, ...]
    cookie: re.Pattern[str]
    cookie_phrases: tuple[str, ...]
    clutter: tuple[str, ...]
    trailing: frozenset[str]


def _phrases(langs: tuple[Language, ...]) -> _Phrases:
    return _gathered(tuple(la.code for la in langs))


@cache
def _gathered(codes: tuple[str, ...]) -> _Phrases:
    langs = tuple(language(code) for code in codes)
    return _Phrases(
        copyright=tuple(p for la in langs for p in la.copyright_prefixes),
        cookie=_any_of(tuple(p for la in langs for p in la.cookie_phrases)),
        cookie_phrases=tuple(p for la in langs for p in la.cookie_phrases),
        clutter=tuple(p for la in langs for p in la.clutter_prefixes),
        trailing=frozenset(t for la in langs for t in la.trailing_lists),
    )


def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of ``phrases`` in one scan (none: never matches)."""
    return re.compile("|".join(map(re.escape, phrases)) if phrases else "(?!)")


def _label(line: str) -> str:
    return line.strip().rstrip(":").strip().lower()


def is_copyright(line: str, phrases: _Phrases, lower: str) -> bool:
    if len(line) > MAX_NOTICE:
        return False
    if lower.startswith(phrases.copyright):
        return True
    return "©" in line or "all rights reserved" in lower


def source_of(copyright_line: str) -> str:
    """The publication named in a copyright line ("Hak cipta milik X." → "X")."""
    text = _YEARS.sub(" ", copyright_line.replace("©", " "))
    text = _OWNER_WORDS.sub("", text.strip())
    match = _SOURCE_STOP.search(text)
    if match:
        text = text[: match.start()]
    text = " ".join(text.split()).strip(" .,:;-")
    return text or "unknown"


def _cookie(line: str, phrases: _Phrases, lower: str) -> bool:
    return len(line) <= MAX_NOTICE and phrases.cookie.search(lower) is not None


def _may_hold_cookie_notice(lowers: list[str], phrases: _Phrases) -> bool:
    """False when no line's lower case holds a cookie phrase (so :func:`_cookie` is False).

    Asking every line cost more than the rest of the pass; most articles hold no cookie
    phrase at all, which a few ``in`` over the lowered lines joined tell at C speed. A
    phrase in a line is in the joined text; a phrase holding a newline could span two
    lines, so then every line is asked.
    """
    if any("\n" in phrase for phrase in phrases.cookie_phrases):
        return True
    joined = "\n".join(lowers)
    return any(phrase in joined for phrase in phrases.cookie_phrases)


def _link_text(line: str, langs: tuple[Language, ...]) -> str | None:
    lower = line.lower()
    for lang in langs:
        for phrase in lang.cookie_links:
            at = lower.find(phrase)
            if at >= 0:
                return line[at : at + len(phrase)]
    return None


def _is_link(line: str, langs: tuple[Language, ...]) -> bool:
    label = _label(line)
    return any(label == phrase for lang in langs for phrase in lang.cookie_links)


def _accept(line: str, langs: tuple[Language, ...]) -> bool:
    label = _label(line)
    if not label or len(label.split()) > 4:
        return False
    return any(label == a for lang in langs for a in lang.accept_labels) or (
        ("cookie" in label or "kuki" in label) and len(label.split()) <= 3
    )


#: Longest line still taken for a teaser headline in a trailing list.
MAX_TEASER_WORDS = 20
_SENTENCE_END = (".", "!", "”", '"', "»", ":", ";", ",")


def _teaser(line: str) -> bool:
    """A headline in a list of links: short, and not ending like a sentence."""
    return len(line.split()) <= MAX_TEASER_WORDS and not line.rstrip().endswith(_SENTENCE_END)


def strip_boilerplate(lines: list[str], lang: Language) -> Cleaned:
    """Split ``lines`` (title first) into body lines, footer, source and dropped lines."""
    langs = (lang, *(other for other in all_languages() if other.code != lang.code))
    body: list[str] = []
    dropped: list[str] = []
    copyright_line: str | None = None
    cookie: CookieNotice | None = None
    in_list = False
    phrases = _phrases(langs)
    lowers = [line.lower() for line in lines]
    may_hold_cookie = _may_hold_cookie_notice(lowers, phrases)
    index = 0
    while index < len(lines):
        line = lines[index]
        lower = lowers[index]
        index += 1
        if body and copyright_line is None and is_copyright(line, phrases, lower):
            copyright_line = line
            in_list = False
            continue
        if body and cookie is None and may_hold_cookie and _cookie(line, phrases, lower):
            text, link = line, _link_text(line, langs)
            if link is None and index < len(lines) and _is_link(lines[index], langs):
                # the link on its own line: keep it in the notice so it can be shown there
                link = lines[index].strip()
                text = f"{line} {link}"
                index += 1
            accept = "Accept"
            if index < len(lines) and _accept(lines[index], langs):
                accept = lines[index].strip()
                index += 1
            cookie = CookieNotice(text, link, accept)
            in_list = False
            continue
        if in_list and _teaser(line):
            dropped.append(line)
            continue
        in_list = False  # a sentence: the list of teasers has ended
        if body and _label(line) in phrases.trailing:
            # A list of teaser headlines follows: drop it whole. A lone "Read more"
            # in the middle of the text drops only itself.
            in_list = index < len(lines) and _teaser(lines[index])
            dropped.append(line)
            continue
        if body and lower.startswith(phrases.clutter):
            dropped.append(line)
            continue
        body.append(line)
    source = source_of(copyright_line) if copyright_line else "unknown"
    return Cleaned(body, Footer(copyright_line, cookie), source, dropped)
