"""The reference for ``first_paint.py``: a bare Textual app (Header, one Static, Footer).

It shows the same title and opening paragraph as the article reader is timed with, so
both are waited for on the same text. Nothing else is imported: this is as fast as a
Textual app starts on this machine, the floor reader's times are divided by.

    python benchmarks/bare_app.py TITLE TEXT
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self._text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._text, markup=False)
        yield Footer()


if __name__ == "__main__":
    BareApp(sys.argv[1], sys.argv[2]).run()
