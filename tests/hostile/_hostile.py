"""Shared pieces of the hostile-input tests: payloads, an article template, checks.

What counts as unsafe output is spelled out in ``tests/_safety.py`` (shared with the
property tests), independently of ``reader.core.text``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from _safety import UNSAFE, longest_mark_run, strings, unsafe_in

#: The only escape sequences Rich itself writes when styling: SGR (colours, bold …).
SGR = re.compile(r"\x1b\[[0-9;]*m")

C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n")
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# id -> (payload, text that must show literally or None, text that must never show)
HOSTILE_TEXT: dict[str, tuple[str, str | None, str | None]] = {
    "markup-bold": ("[bold]loud[/bold] and [/] closed", "[bold]loud[/bold] and [/] closed", None),
    "markup-link": ("[link=file:///etc/passwd]x[/link]", "[link=file:///etc/passwd]x[/link]", None),
    "markup-click": ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]", None),
    "markup-unbalanced": ("[[b] [red x [/i]] ]]", "[[b] [red x [/i]] ]]", None),
    "markup-escaped": ("\\[bold] :smile: $x ${y}", "\\[bold] :smile: $x ${y}", None),
    "ansi-csi": ("\x1b[31mred\x1b[0m \x1b[2J\x1b[H\x1b[?1049h", "red", "[31m"),
    "osc8-link": ("\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\", "click me", "evil"),
    "osc52-clipboard": ("copy \x1b]52;c;cm0gLXJmIH4K\x07 done", "copy", "cm0gLXJmIH4K"),
    "osc-title-unterminated": ("\x1b]0;pwned title", None, "pwned"),
    "dcs": ("a\x1bP1$r0m\x1b\\b", "ab", "r0m"),
    "bel-backspace-cr": ("ring\x07 abc\x08\x08\x08XYZ safe\rEVIL", "ring", None),
    "all-c0": (f"c0<{C0}>", "c0<", None),
    "all-c1": (f"c1<{C1}>", "c1<", None),
    "c1-csi-8bit": ("x\x9b31my \x9d8;;http://e\x9c z", "xy z", "http"),
    "lone-esc": ("end with escape \x1b", "end with escape", None),
    "esc-split-over-lines": ("split \x1b[3\n1m here", "split", None),
    "bidi-override": ("user\u202egnp.exe\u202c file", "usergnp.exe file", None),
    "bidi-all": (f"b<{BIDI}>", "b<>", None),
    "zero-width": ("a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg", "abcdefg", None),
    "tag-characters": (
        "hi\U000e0069\U000e0067\U000e006e\U000e006f\U000e0072\U000e0065",
        "hi",
        None,
    ),
    "line-separators": ("one\u2028two\u2029three", "one", None),
    "combining-storm": ("Z" + "\u0301\u0302\u0303\u0304" * 250 + "algo", "algo", None),
    "enclosing-storm": ("x" + "\u0489" * 300 + "y", None, None),
    "long-line": ("x" * 100_000, None, None),
    "cjk-emoji": (
        "中文标题 テスト 한국어 👍🏽🇮🇩 ｆｕｌｌｗｉｄｔｈ",
        "中文标题 テスト 한국어",
        None,
    ),
}


def article_data(text: str) -> dict[str, Any]:
    """A valid article with ``text`` in every field a reader sees."""
    quote = f"Q {text}"
    return {
        "schema": 1,
        "id": "hostile",
        "title": f"T {text}",
        "language": "en",
        "source": f"S {text}",
        "date": f"D {text}",
        "url": f"U {text}",
        "figures": [{"caption": f"C {text}", "credit": f"Cr {text}"}],
        "lead": f"L {text}",
        "sections": [
            {"id": "body", "heading": f"H {text}", "paragraphs": [quote, f"P {text}"]},
        ],
        "speakers": [
            {"id": "sp", "name": f"N {text}", "role": f"R {text}", "aliases": [f"A {text}"]}
        ],
        "quotes": [
            {"id": "q", "speaker": "sp", "section": "body", "paragraph": 0, "text": quote},
        ],
        "footer": {
            "copyright": f"© {text}",
            "cookie": {"text": f"K policy {text}", "link_text": "policy", "accept": f"OK {text}"},
        },
    }


def write_article(path: Path, text: str) -> Path:
    path.write_text(
        yaml.dump(article_data(text), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


__all__ = ["UNSAFE", "longest_mark_run", "strings", "unsafe_in"]
