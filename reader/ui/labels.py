"""The few words reader adds to an article, and how long an article's text may be in a list."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a library opens without the article model (tests/ui/test_startup_imports.py)
    from reader.core.model import Speaker

#: The TOC label of an article's untitled opening section, by language code.
_UNTITLED = {
    "id": "Pembuka",
    "ms": "Pembuka",
    "en": "Opening",
    "de": "Einleitung",
    "fr": "Introduction",
    "es": "Introducción",
    "pt": "Introdução",
    "it": "Introduzione",
    "nl": "Inleiding",
    "ru": "Вступление",
}


def untitled_label(language: str) -> str:
    """What to call an untitled opening section ("Pembuka" in Indonesian)."""
    return _UNTITLED.get(language.lower().split("-")[0], "Opening")


#: Longest text shown as one entry of a list (TOC, speakers, palette): a heading or a name
#: is a line or two, and a list entry of thousands of characters is unreadable anyway
#: (and Textual would wrap every character of it on each render). The article body
#: always shows the whole text.
MAX_LABEL_CHARS = 240


def clipped(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """``text``, cut to at most ``limit`` characters with an ellipsis if it is longer."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def clipped_speaker(speaker: Speaker) -> Speaker:
    """The speaker as a list shows them: name and role clipped (:func:`clipped`).

    Only what is shown is clipped: a search still finds words past the clip (the core
    query searches the whole cleaned name and role).
    """
    role = None if speaker.role is None else clipped(speaker.role)
    return replace(speaker, name=clipped(speaker.name), role=role)
