"""Page furniture that is not the article: copyright and cookie notices, site clutter.

Copyright and cookie notices go into the article's footer (the reader shows them, small,
at the end); "Baca juga" teasers and trailing "Populer"/"Most read" lists are dropped.
Only whole lines are judged, by phrases from the language data, so an article sentence
that merely mentions cookies stays in the body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, count
from operator import itemgetter

from reader.core.model import CookieNotice, Footer
from reader.importer.joined import find_all, line_starts, located
from reader.importer.language_data import Language, all_languages, language

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

    Every line that :func:`_candidates` finds is asked about them, so each question is
    one call at C speed: ``str.startswith`` with a tuple, one pattern for the phrases
    found anywhere.
    """

    copyright: tuple[str, ...]
    copyright_phrases: tuple[str, ...]
    cookie: re.Pattern[str]
    cookie_phrases: tuple[str, ...]
    cookie_keys: tuple[str, ...]
    clutter: tuple[str, ...]
    trailing: frozenset[str]
    #: What :func:`_candidates` looks for: the first :data:`_START` characters of the
    #: phrases a line's lower case starts with or its label equals ...
    starts: frozenset[str]
    #: ... the phrases it looks for anywhere in the lowered lines instead ...
    anywhere: tuple[str, ...]
    #: ... and whether a trailing label fits neither, so that every line is asked.
    every_line: bool


#: How many first characters of a lowered line :func:`_candidates` compares.
_START = 3
#: A copyright notice may hold the copyright sign anywhere (see :func:`is_copyright`).
_COPYRIGHT_SIGN = "©"


def _phrases(langs: tuple[Language, ...]) -> _Phrases:
    return _gathered(tuple(la.code for la in langs))


@cache
def _gathered(codes: tuple[str, ...]) -> _Phrases:
    langs = tuple(language(code) for code in codes)
    cookie_phrases = tuple(p for la in langs for p in la.cookie_phrases)
    copyright_prefixes = tuple(p for la in langs for p in la.copyright_prefixes)
    clutter = tuple(p for la in langs for p in la.clutter_prefixes)
    trailing = frozenset(t for la in langs for t in la.trailing_lists)
    starts: set[str] = set()
    copyright_phrases = tuple(p for la in langs for p in la.copyright_phrases)
    # The sign makes a line a notice wherever it stands (see is_copyright), whether or
    # not a language also lists it as a prefix.
    anywhere: list[str] = [_COPYRIGHT_SIGN, *copyright_phrases]
    every_line = False
    for phrase in (*copyright_prefixes, *clutter, *sorted(trailing)):
        if _plain_start(phrase):
            starts.add(phrase[:_START])
        elif phrase in trailing and ("σ" in phrase or "ς" in phrase):
            every_line = True  # see _candidates
        else:
            anywhere.append(phrase)
    return _Phrases(
        copyright=copyright_prefixes,
        copyright_phrases=copyright_phrases,
        cookie=_any_of(cookie_phrases),
        cookie_phrases=cookie_phrases,
        cookie_keys=_keys(cookie_phrases),
        clutter=clutter,
        trailing=trailing,
        starts=frozenset(starts),
        anywhere=tuple(dict.fromkeys(anywhere)),
        every_line=every_line,
    )


def _plain_start(phrase: str) -> bool:
    """Does ``phrase`` start with :data:`_START` ASCII characters, the first no space?"""
    start = phrase[:_START]
    return len(start) == _START and start.isascii() and not start[0].isspace()


def _keys(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """A few words such that each of ``phrases`` holds one of them (as a substring).

    A text can only hold a phrase if it holds the phrase's key, so searching a text for
    the keys answers "may it hold a phrase?" in a few scans instead of one per phrase:
    "cookie" is in seven cookie phrases, "kuki" in the other two. Chosen greedily from
    the phrases' own words, each time the word in most of the phrases not yet covered
    (ties: the longer word, then the first in sorted order). A phrase without a word
    (blank) is its own key.
    """
    words = sorted({word for phrase in phrases for word in phrase.split()})
    left = set(phrases)
    keys: list[str] = []
    while left:
        covers = {word: sum(word in phrase for phrase in left) for word in words}
        best = max(words, key=lambda word: (covers[word], len(word)), default=None)
        if best is None or not covers[best]:
            keys.extend(sorted(left))
            break
        keys.append(best)
        left = {phrase for phrase in left if best not in phrase}
    return tuple(keys)


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
    return _COPYRIGHT_SIGN in line or any(phrase in lower for phrase in phrases.copyright_phrases)


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
    phrase at all, which a few ``in`` over the lowered lines joined tell at C speed: one
    per key of the phrases (:func:`_keys`), each phrase holding its key. A phrase in a
    line is in the joined text; a phrase holding a newline could span two lines, so then
    every line is asked.
    """
    if any("\n" in phrase for phrase in phrases.cookie_phrases):
        return True
    joined = "\n".join(lowers)
    return any(key in joined for key in phrases.cookie_keys)


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
    """An accept button's label: one of the languages' labels, or a short label naming
    cookies (it holds one of the languages' ``cookie_words``: "cookie", "kuki")."""
    label = _label(line)
    if not label or len(label.split()) > 4:
        return False
    return any(label == a for lang in langs for a in lang.accept_labels) or (
        any(word in label for lang in langs for word in lang.cookie_words)
        and len(label.split()) <= 3
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
    lowers = list(map(str.lower, lines))
    may_hold_cookie = _may_hold_cookie_notice(lowers, phrases)
    candidates = _candidates(lines, lowers, phrases, may_hold_cookie=may_hold_cookie)
    index = 0
    while index < len(lines):
        if not in_list:
            # Up to the next candidate every line is body text (see _candidates).
            upto = candidates[bisect_left(candidates, index)]  # len(lines) at the latest
            body.extend(lines[index:upto])
            index = upto
            if index == len(lines):
                break
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


def headline_first(cleaned: Cleaned, lang: Language) -> Cleaned:
    """``cleaned`` without the page chrome above the headline (a site's menu, a display
    toggle: "berita", "dark light mode"), so that the title is the headline, and without
    a line under it that names the source ("Reuters", "Source: AP", "apnews.com"), which
    becomes the source (when no copyright line named one) instead of a heading."""
    lines = cleaned.lines
    if len(lines) < 3 or (len(lines[0]) > MAX_CHROME_CHARS and len(lines[1]) > MAX_CHROME_CHARS):
        return cleaned  # (most texts: a headline, then a paragraph)
    langs = (lang, *(other for other in all_languages() if other.code != lang.code))
    body, dropped, source = list(lines), list(cleaned.dropped), cleaned.source
    while len(body) > 2 and is_chrome(body[0], langs):
        dropped.append(body.pop(0))
    if len(body) > 2:
        named = source_line(body[1], langs)
        if named is not None:
            dropped.append(body.pop(1))
            if source == "unknown":
                source = named
    if len(body) == len(cleaned.lines):
        return cleaned
    return Cleaned(body, cleaned.footer, source, dropped)


#: Longest line taken for page chrome or a source line under the title.
MAX_CHROME_CHARS = 60
#: Most words a line of a site's menu or toggles has before the headline.
MAX_CHROME_WORDS = 6
#: Most words of a lower-case line taken for page chrome ("dark light mode").
MAX_LOWER_CHROME_WORDS = 3
_CHROME_PUNCT = "|•·/-–—>»:"
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+(?:com|co\.id|id|net|org|co\.uk|co|news|tv)")


def is_chrome(line: str, langs: tuple[Language, ...]) -> bool:
    """Is ``line`` a site's menu or a display toggle, not the headline ("Home | News",
    "berita", "dark light mode")?"""
    if len(line) > MAX_CHROME_CHARS:
        return False
    words = [w.strip(_CHROME_PUNCT) for w in line.lower().split()]
    words = [w for w in words if w]
    if not words or len(words) > MAX_CHROME_WORDS:
        return False
    if all(any(w in lang.chrome_words for lang in langs) for w in words):
        return True
    return (
        len(words) <= MAX_LOWER_CHROME_WORDS
        and line == line.lower()
        and not line.rstrip().endswith(_SENTENCE_END)
        and not any(ch.isdigit() for ch in line)
    )


def source_line(line: str, langs: tuple[Language, ...]) -> str | None:
    """The publication a line under the title names ("Source: Reuters", "apnews.com",
    "Reuters"), or None."""
    if len(line) > MAX_CHROME_CHARS:
        return None
    text = line.strip().rstrip(".")
    lower = text.lower()
    for lang in langs:
        for prefix in lang.source_prefixes:
            if lower.startswith(prefix) and len(text) > len(prefix):
                return text[len(prefix) :].strip() or None
    if any(lower in lang.news_sources for lang in langs) or _DOMAIN.fullmatch(lower):
        return text
    return None


def _candidates(
    lines: list[str], lowers: list[str], phrases: _Phrases, *, may_hold_cookie: bool
) -> list[int]:
    """The indices (in order) of the lines that may be anything but body text.

    Outside a list of teasers, a line is kept as body text unless it may be a copyright
    notice (:func:`is_copyright`), a cookie notice (only where
    :func:`_may_hold_cookie_notice` says one may be), the label of a trailing list or
    clutter. Asking each line all of that in the loop was most of the cost of the pass;
    here it is asked of all lines at once, at C speed, and the loop asks only the lines
    found, exactly as before. A line is found

    * when its lower case, less leading whitespace, starts with the first
      :data:`_START` characters of a copyright or clutter prefix or a trailing label
      (:attr:`_Phrases.starts`). For a prefix that starts with such plain ASCII that is
      plain: ``lower.startswith(prefix)``. A label is the line stripped of whitespace
      and colons, lowered; lowering the whole line instead changes no whitespace (no
      character lowercases to whitespace or from it: tests/importer checks every code
      point) and, with a label's first characters ASCII, none of them either (only a
      capital sigma lowers by its neighbours, to a non-ASCII letter).
    * when its lower case holds one of :attr:`_Phrases.anywhere` (the other phrases, and
      "all rights reserved"): a prefix of the lower case or a label equal to a phrase
      without a sigma is in it. A label with a sigma that fits neither makes every line
      a candidate. These are looked for with ``str.find`` in the lowered lines joined.

    The first line is always one, and the list ends with ``len(lines)``.
    """
    if phrases.every_line:
        return list(range(len(lines) + 1))
    starts = map(_FIRST_CHARACTERS, map(str.lstrip, lowers))
    found = {0, len(lines)}.union(compress(count(), map(phrases.starts.__contains__, starts)))
    joined = "\n".join(lowers)
    starts_at = line_starts(lowers)
    at = [i for phrase in phrases.anywhere for i in find_all(joined, phrase)]
    if at:
        found.update(line for line, _ in located(starts_at, at))
    if may_hold_cookie:
        found.update(
            i
            for i in _cookie_lines(joined, starts_at, phrases)
            if _cookie(lines[i], phrases, lowers[i])
        )
    return sorted(found)


def _cookie_lines(joined: str, starts_at: list[int], phrases: _Phrases) -> Iterable[int]:
    """The lines that may hold a cookie phrase: those holding one of the phrases' keys
    (each phrase holds its key, see :func:`_keys`), or every line if a phrase spans
    lines. Asking each line was a tenth of a long article's import once one line of it
    named cookies."""
    if any("\n" in phrase for phrase in phrases.cookie_phrases):
        return range(len(starts_at))
    hits = [i for key in phrases.cookie_keys for i in find_all(joined, key)]
    return sorted({line for line, _ in located(starts_at, hits)})


_FIRST_CHARACTERS = itemgetter(slice(0, _START))
