"""The reading screen's panes in focus order, and moving the focus into one.

Tab and shift+tab move between panes (the TOC, the text, the quotes, the find bar and
the footer's notice while each is shown), not between every focusable widget: a reader
thinks in panes, and the sidebar alone holds three widgets. Which panes are shown is the
screen's state; this module only orders them and says where the focus lands in each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input

from reader.ui.widgets.footer_panel import FooterPanel

if TYPE_CHECKING:
    from reader.ui.screens.reading import ReadingScreen


def contains(pane: Widget, widget: Widget) -> bool:
    """Whether ``widget`` is the pane or inside it."""
    return widget is pane or pane in widget.ancestors


def shown_panes(screen: ReadingScreen) -> list[Widget]:
    """The panes shown now, in the order Tab visits them."""
    panes: list[Widget] = []
    if screen.show_toc:
        panes.append(screen.query_one("#toc"))
    panes.append(screen.body)
    if screen.show_quotes:
        panes.append(screen.query_one("#quotes-pane"))
    if screen.find_bar.is_open:
        panes.append(screen.find_bar)
    panel = screen.query_one(FooterPanel)
    if panel.notice_shown:
        panes.append(panel)
    return panes


def pane_after(panes: list[Widget], focused: Widget | None, step: int) -> Widget:
    """The pane ``step`` places from the one holding the focus (the first if none does)."""
    current = next((i for i, p in enumerate(panes) if focused and contains(p, focused)), -1)
    return panes[(current + step) % len(panes)]


def focus_into(pane: Widget, focus_sidebar: Callable[[], None]) -> None:
    """Focus a pane, or the first focusable widget in it, preferring lists to fields.

    The quotes pane may not hold its sidebar yet (it is mounted after the first paint):
    ``focus_sidebar`` mounts it if need be and focuses its lists.
    """
    if pane.focusable:
        pane.focus()
        return
    if pane.id == "quotes-pane":
        focus_sidebar()
        return
    inside = [w for w in pane.query("*") if w.focusable]
    preferred = [w for w in inside if not isinstance(w, Input)]
    targets = preferred or inside
    if targets:
        targets[0].focus()
