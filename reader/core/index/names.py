"""One person, one key: speaker names folded so that the same person across articles
merges into one entry of the library's speaker list.

Articles name a person as their writer did: "Sergei Lavrov", "sergei lavrov",
"Sergéi Lavrov", "Dr. Sergei Lavrov", "H. Sergei Lavrov, S.H.". :func:`person_key`
folds case and accents (the same folding as the search, :func:`reader.core.search.normalise`),
drops honorifics in front (English and Indonesian: Dr., Prof., Mr., Bapak, Ibu, H., Hj.,
KH, Ir. …) and academic degrees behind a comma (S.H., M.Si., Ph.D. …), and keeps the
rest: the *full* name. Two different people who share a surname stay two ("Lavrov"
alone is another key than "Sergei Lavrov"): merging by surname would join strangers.
"""

from __future__ import annotations

import re

from reader.core.search import normalise

#: Titles written before a name, folded, without their dot. Only ever dropped from the
#: front, and never when nothing would be left (a person called "Ibu" stays "ibu").
HONORIFICS = frozenset(
    {
        # English
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
        "lord", "lady", "rev", "fr", "hon", "gen", "col", "capt", "sen", "rep", "gov",
        "president", "pres",
        # Indonesian
        "bapak", "pak", "ibu", "bu", "saudara", "sdr", "saudari", "h", "hj", "kh", "ir",
        "drs", "dra", "drg", "tuan", "nyonya", "ny", "habib", "ustaz",
        "ustadz", "kiai", "kyai", "raden", "rd",
    }
)  # fmt: skip

#: A degree after a comma: short letter groups with dots ("S.H.", "M.Si", "Ph.D", "MBA").
_DEGREE = re.compile(r"^(?:[a-z]{1,4}\.)+[a-z]{0,4}\.?$|^(?:mba|msc|phd|sh|se|st|ssi|mm|mh)$")
_PUNCTUATION = re.compile(r"[^\w\s-]+")


def person_key(name: str) -> str:
    """The key under which ``name`` is merged with the same person in other articles.

    >>> person_key("Dr. Sergéi  LAVROV") == person_key("sergei lavrov")
    True
    """
    folded = normalise(name)
    head, *tail = folded.split(",")
    kept = [head] + [part for part in tail if not _DEGREE.match(part.strip())]
    words = _PUNCTUATION.sub(" ", " ".join(kept)).split()
    while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
        words.pop(0)
    return " ".join(words) or folded.strip()
