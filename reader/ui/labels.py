"""The few words reader adds to an article, in the article's language where it can."""

from __future__ import annotations

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
