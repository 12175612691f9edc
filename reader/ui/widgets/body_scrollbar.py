"""The text's scrollbar, drawn again only when what it shows changes.

Textual drew the text pane's scrollbar (41 rows at 160x48) again at moments when
nothing on it had changed, each time in a frame of its own after a key's:

* at every layout pass of the screen: ``ScrollView`` compares the virtual size a layout
  gives it (the body's box) with the body's own (its text's lines), which never match,
  and updates its scrollbar each time. The footer lays the screen out after "/" (its
  keys' widths change), so "/" drew the scrollbar again;
* whenever its widget is styled, as for a focus change: any scrollbar colour set,
  changed or not, draws the scrollbar again; and the scrollbar is styled itself, which
  the first time asks for a layout pass of the screen (for its sizes, which no layout
  reads: a scrollbar is laid out and drawn by its widget's styles).

The body updates its scrollbar itself when its text's length changes
(``LaidOutText._update_virtual_size``), and a focus change changes only its border
(:mod:`reader.ui.widgets.body_focus`, which draws the scrollbar again when more
changes). One refresh Textual loses had been made good by those redraws: a scrollbar
asked to redraw before its message loop has started (as the text is first wrapped, in
the frame that shows it) is marked for a repaint with no region to repaint, so
:class:`BodyScrollBar` draws itself whole once it is mounted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar

from reader.ui.widgets.scrollbar_strips import StripScrollBar

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    _Base = ScrollView
else:
    _Base = object  # a mixin: a Widget base of its own would rank Widget's default CSS


class BodyScrollBar(StripScrollBar):
    """The body's vertical scrollbar: not drawn again while its widget is styled for its
    focus (:attr:`KeptScrollbar.restyling_for_focus`); drawn whole once mounted; its rows
    built as strips directly (:mod:`reader.ui.widgets.scrollbar_strips`)."""

    #: a refresh was asked for before the scrollbar was mounted (and so lost)
    _refresh_when_mounted = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        owner = self.parent
        if isinstance(owner, KeptScrollbar) and owner.restyling_for_focus:
            return self  # a focus look: the border alone changes
        if not self.is_mounted:
            self._refresh_when_mounted = True
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_mount(self) -> None:
        if self._refresh_when_mounted:
            self._refresh_when_mounted = False
            self.call_later(self.refresh)  # once mounted: mounting ends after this handler


class KeptScrollbar(_Base):
    """A scroll view (a mixin, before it in the bases) whose vertical scrollbar is drawn
    again only when what it shows changes (see the module)."""

    @property
    def restyling_for_focus(self) -> bool:
        """Whether the widget is being styled again for a focus change that changes no
        more than its border (its scrollbar's refreshes are dropped meanwhile)."""
        return False

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        scrollbar = super().vertical_scrollbar
        if type(scrollbar) is ScrollBar:  # as Textual makes it, the first time it is asked
            scrollbar.__class__ = BodyScrollBar
        return scrollbar

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # the widget's own virtual size, not the box the layout gives it: ScrollView
        # updates the scrollbar when they differ (see the module)
        return super()._size_updated(size, self.virtual_size, container_size, layout)


__all__ = ["BodyScrollBar", "KeptScrollbar"]
