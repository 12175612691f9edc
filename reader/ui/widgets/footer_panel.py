"""Below the article: the source's copyright line, always, and its cookie notice.

The notice is shown the way the source words it, as plain text (its link text has no
address to go to, so it does not look like a link), with an accept button labelled from
the article (both one widget, :mod:`.cookie_row`). Accepting is the screen's business
(it is remembered per source); this widget only says that it happened and hides the notice.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from reader.core.model import CookieNotice, Footer
from reader.core.text import one_line
from reader.ui.layout_map import fresh_map
from reader.ui.widgets.cookie_row import CookieRow


class FooterPanel(Vertical):
    """Copyright and cookie notice of the article's source."""

    class CookiesAccepted(Message):
        """The reader accepted the source's cookie notice."""

        def __init__(self, panel: FooterPanel) -> None:
            super().__init__()
            self.panel = panel

        @property
        def control(self) -> FooterPanel:
            return self.panel

    #: Whether the cookie notice has been accepted (then it is hidden).
    accepted: reactive[bool] = reactive(False)

    def __init__(self, footer: Footer, *, accepted: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self._footer = footer
        self.set_reactive(FooterPanel.accepted, accepted)

    def compose(self) -> ComposeResult:
        if self._footer.copyright:
            yield Static(Content(one_line(self._footer.copyright)), id="copyright")
        cookie = self._footer.cookie
        if cookie is not None:
            label = Content(one_line(cookie.accept_label))
            yield CookieRow(_notice(cookie), label, id="cookie-notice")

    def on_mount(self) -> None:
        self._show_notice()

    def watch_accepted(self) -> None:
        self._show_notice()

    def _show_notice(self) -> None:
        # on a current map: hidden on a stale one, the text below could miss the Resize
        # that gives it the notice's rows (reader.ui.layout_map)
        fresh_map(self)
        for notice in self.query("#cookie-notice"):
            notice.display = not self.accepted
        self.display = bool(self._footer.copyright) or (
            self._footer.cookie is not None and not self.accepted
        )

    @property
    def notice_shown(self) -> bool:
        return self._footer.cookie is not None and not self.accepted

    @on(CookieRow.Accepted)
    def _accept(self, event: CookieRow.Accepted) -> None:
        event.stop()
        self.accepted = True
        self.post_message(self.CookiesAccepted(self))


def _notice(cookie: CookieNotice) -> Content:
    """The notice text, plain: its link text is not drawn as a link.

    The article gives the link's words but not where it goes, and reader opens nothing
    on the web by itself, so styling them as a link promised a click that did nothing.
    """
    return Content(one_line(cookie.text))
