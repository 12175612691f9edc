"""Below the article: the source's copyright line, always, and its cookie notice.

The notice is shown the way the source words it, as plain text (its link text has no
address to go to, so it does not look like a link), with an accept button labelled from
the article. Accepting is the screen's business (it is remembered per source); this widget
only says that it happened and hides the notice.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from reader.core.model import CookieNotice, Footer
from reader.core.text import one_line


class AcceptButton(Button, inherit_css=False):
    """Textual's compact primary ``Button``, with only the styles it is drawn with.

    Button's own stylesheet (every variant and style, some 7,000 characters) took ~9 ms
    to parse before the first paint, a tenth of what reader adds to a bare app's start;
    this is the part of it that applies to a compact, primary button in the default
    style, with the same look (the snapshots did not change).
    """

    DEFAULT_CSS = """
    AcceptButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-color-foreground;
        background: $primary;
        border: none;
        &:disabled {
            text-opacity: 0.6;
            pointer: not-allowed;
        }
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            background: $primary-darken-2;
        }
        &.-active {
            background: $primary;
            tint: $background 30%;
        }
        &:ansi {
            color: $primary;
            background: ansi_default;
            &:hover {
                background: $ansi-background;
            }
            &.-active {
                background: $ansi-background !important;
                border: blank $background !important;
                tint: transparent;
            }
            &:disabled {
                text-opacity: 1;
                text-style: bold dim;
                border: tall $border-blurred !important;
                background: ansi_default !important;
            }
        }
    }
    """

    #: The classes Button's watchers give a primary button in the default style. Given
    #: at construction, the watchers find them there: set by the watchers, each restyled
    #: the button (three passes over its CSS before the first paint).
    CLASSES = "-primary -style-default"

    def __init__(self, label: Content, *, id: str | None = None) -> None:
        super().__init__(label, "primary", id=id, classes=self.CLASSES)
        # compact, as Button's own toggle makes it, without restyling it
        self.set_reactive(Button.compact, True)
        self.add_class("-textual-compact", update=False)


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
            with Horizontal(id="cookie-notice"):
                yield Static(_notice(cookie), id="cookie-text")
                yield AcceptButton(Content(one_line(cookie.accept_label)), id="accept-cookies")

    def on_mount(self) -> None:
        self._show_notice()

    def watch_accepted(self) -> None:
        self._show_notice()

    def _show_notice(self) -> None:
        for notice in self.query("#cookie-notice"):
            notice.display = not self.accepted
        self.display = bool(self._footer.copyright) or (
            self._footer.cookie is not None and not self.accepted
        )

    @property
    def notice_shown(self) -> bool:
        return self._footer.cookie is not None and not self.accepted

    @on(Button.Pressed, "#accept-cookies")
    def _accept(self, event: Button.Pressed) -> None:
        event.stop()
        self.accepted = True
        self.post_message(self.CookiesAccepted(self))


def _notice(cookie: CookieNotice) -> Content:
    """The notice text, plain: its link text is not drawn as a link.

    The article gives the link's words but not where it goes, and reader opens nothing
    on the web by itself, so styling them as a link promised a click that did nothing.
    """
    return Content(one_line(cookie.text))
