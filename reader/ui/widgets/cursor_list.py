"""An option list that j and k move through, as the library's list already does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Self

from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class CursorList(OptionList):
    """``OptionList`` with j/k as aliases of down/up, that keeps its first rows in view.

    The reading screen binds j/k to scroll the article; without these a focused list
    (sections, speakers, quotes) let the keys through and the article scrolled while
    the list's cursor stayed put.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    #: ``layout=False``: Widget's own reactive lays the whole screen out again whenever a
    #: list grows, a 15-50 ms frame at 160x48, and a long TOC or quote list grows in
    #: slices after the first paint, one such frame per slice, each holding back a key.
    #: Nothing but the list's scrollbar depends on its length (``OptionList`` updates
    #: that itself, and a scrollbar appearing lays out anyway); a list whose height
    #: follows its length (``height: auto``) is laid out again (see the watcher).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    #: whether options are being added below a full view (see :meth:`add_options`)
    _adding_below = False
    #: the width the options were last measured at (see :meth:`on_resize`)
    _measured_width: int | None = None
    #: the width the options' kept lines were drawn at (see :meth:`_get_option_render`)
    _drawn_width: int | None = None

    def watch_virtual_size(self, size: Size) -> None:
        # Not when the layout gave the list that height already: a list first measures
        # its options as it is drawn, in the very layout pass that sized it to them
        # (the sidebar's speakers, as it mounts: one more layout of the whole screen).
        if self.styles.auto_dimensions and size.height != self.scrollable_content_region.height:
            self.refresh(layout=True)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Take a layout's sizes; the scrollbar is drawn again only if the list's own
        size changed.

        ``ScrollView`` compares the virtual size a layout pass gives it (the arranged
        one: the list's box) with the list's own (its lines), which never match, so
        every layout pass of the screen updated the scrollbar and drew it again (2-3 ms
        at 160x48 for a tall list, for each of "/"'s frames). ``OptionList`` updates its
        scrollbar itself when its lines change (see :meth:`_update_lines`).
        """
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def _update_lines(self) -> None:
        if not self._line_cache.lines:  # measured from the first option: at this width
            self._measured_width = self.scrollable_content_region.width
        lines = self.virtual_size
        super()._update_lines()
        if self.virtual_size != lines and self.show_vertical_scrollbar:
            # OptionList asks its scrollbar to be drawn for the new length, but it
            # measures its lines as it is drawn, and a refresh asked for in the middle
            # of a frame can be lost: in a terminal, the sidebar's lists shown by "/"
            # at 80x24 had no thumb until the screen was drawn whole (a layout pass used
            # to draw every scrollbar again, see _size_updated). Asked again after it.
            self.call_later(self.vertical_scrollbar.refresh)

    def on_resize(self, event: Resize) -> None:
        """Measure and draw the options again only if the width they were measured at
        changed.

        A list is first drawn in the layout pass that gives it its size, and the Resize
        event comes after that pass: ``OptionList`` dropped everything it had just
        measured and drawn, and the next frame did it all again (the quote sidebar's two
        lists as it mounts: 5 ms at 160x48, beside the layout pass they asked for).
        """
        if self.scrollable_content_region.width == self._measured_width:
            event.prevent_default()  # OptionList's handler (next in the MRO) clears all

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """An option's lines, drawn again if the list's width changed since they were
        drawn.

        ``OptionList`` keeps each option's lines by option and style, not width, and
        :meth:`on_resize` keeps them across a resize to the width they were measured
        at. But a list can draw at another width in between: options grown by a line
        (the sidebar's speakers, as a big article's whole came) showed a scrollbar for
        one frame, drawn a column narrower, and when the layout that followed made the
        list taller and took the scrollbar away, those narrower lines were drawn again
        as kept: the list's last column stayed blank (160x48, an early "/" on the 5 MB
        article), until a resize drew the screen whole.
        """
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            self._option_render_cache.clear()
            self._drawn_width = width
        return super()._get_option_render(option, style)

    def add_options(self, new_options: Iterable[Option | VisualType | None]) -> Self:
        """Add options; when they go below a full view, the view is not drawn again.

        ``OptionList`` redraws every row in view when options are added, and a long TOC
        or quote list grows by a batch per slice after the first paint: each batch drew
        the list again (3-4 ms at 160x48), one more thing a key pressed then waited for,
        though nothing in view had changed. The scrollbar still follows the length.
        """
        new_options = list(new_options)
        view = self.scrollable_content_region.height
        self._adding_below = bool(
            self.is_mounted
            and new_options
            and new_options[0] is not None  # a rule under the last option in view
            and not self.styles.auto_dimensions
            and self.virtual_size.height >= int(self.scroll_y) + view > 0
        )
        try:
            return super().add_options(new_options)
        finally:
            self._adding_below = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._adding_below and not (regions or layout or recompose):
            return self  # options added below the view: nothing in it changed
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll to the highlighted option; to the very top when only headers precede it.

        The quote list starts on its first quote, under the first speaker's header (a
        disabled option). Scrolled to just the quote, the header was cut off, and when
        the list was filled while hidden (a narrow screen) it opened two rows down.
        """
        highlighted = self.highlighted
        if highlighted is not None and all(
            self.get_option_at_index(index).disabled for index in range(highlighted)
        ):
            self.scroll_to(y=0, animate=False, force=True, immediate=True)
            return
        super().scroll_to_highlight(top)
