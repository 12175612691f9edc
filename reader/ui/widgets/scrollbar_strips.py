"""A vertical scrollbar whose rows are built as strips directly, not through Rich.

Textual draws a scrollbar as it draws any widget: ``render()`` gives a Rich renderable
(``ScrollBarRender``), Rich renders it to segments, they are split into lines and given
the widget's base style, and each line goes through the widget's styles cache (borders,
padding, tint, opacity) and the app's line filters. For the text's scrollbar (41 rows at
160x48) that was 0.8-1.1 ms of every frame a key scrolls the text in (headless, quiet;
up to 2.8 under load), for a column of at most five different cells.

:class:`StripScrollBar` takes the bar's segments from Textual's own
``ScrollBarRender.render_bar`` (so the thumb's place, its eighths and the mouse actions
each cell carries are Textual's), styles each different segment once as Textual's path
does (the widget's base style under the segment's own, then the app's line filters) and
lets the rows share those strips. A scrollbar styled in any way that path would change
further (a border, padding, outline, tint, opacity, hatch, alignment, a selection, a
renderer of its own, a horizontal bar) is drawn by Textual as before.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

#: styled strips kept per scrollbar: a handful per look (back above and below the
#: thumb, the thumb, its two ends); more means the looks changed, and old ones go
_KEPT_STRIPS = 64


class StripScrollBar(ScrollBar):
    """A scrollbar that builds its rows as strips directly where its styles allow (see
    the module); the same cells, strips and mouse actions as Textual draws."""

    #: a segment of the bar styled under a base style, before line filters (made
    #: on first use: a scrollbar may become one by a change of class, never initialised)
    _styled: dict[tuple[Segment, Style], Strip] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        rows = self._rows()
        if rows is None:
            return super().render_lines(crop)
        strips = rows[crop.y : crop.bottom]
        x1, x2 = crop.column_span
        if (x1, x2) != (0, self.size.width):
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _plain(self) -> bool:
        """Whether Textual's path would style the bar's lines with the base style and line
        filters alone (anything more and Textual draws them)."""
        styles = self.styles
        return (
            self.vertical
            and not self.BLANK
            and not any(styles.gutter)
            and not styles.outline
            and not styles.tint.a
            and styles.text_opacity == 1.0
            and self.opacity == 1.0
            and not styles.has_rule("hatch")
            and styles.content_align == ("left", "top")
            and not self.auto_links
            and self.text_selection is None
        )

    def _rows(self) -> list[Strip] | None:
        """Every row of the bar as Textual's path draws it, or None where that path would
        do more than this one (see :meth:`_plain`)."""
        if not self._plain():
            return None
        bar = self.render()
        if type(bar) is not ScrollBarRender or not isinstance(bar.style, Style):
            return None  # a renderer of its own, or a style to be looked up
        back, colour = bar.style.bgcolor, bar.style.color
        if back is None or colour is None:
            return None  # Textual's renderer would put its own defaults in
        width, height = self.size
        segments = bar.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=back,
            bar_color=colour,
        ).segments
        base = self.visual_style.rich_style
        background = self.background_colors[1]
        filters = self.get_line_filters()
        shared: dict[Segment, Strip] = {}
        rows: list[Strip] = []
        for segment in segments:
            strip = shared.get(segment)
            if strip is None:
                strip = self._styled_strip(segment, base)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                shared[segment] = strip
            rows.append(strip)
        return rows

    def _styled_strip(self, segment: Segment, base: Style) -> Strip:
        """One segment of the bar as a row: the base style under its own (Textual's
        ``_Styled``), kept: a strip keeps its copies through each line filter."""
        kept = self._styled
        if kept is None:
            kept = self._styled = {}
        key = (segment, base)
        strip = kept.get(key)
        if strip is None:
            if len(kept) >= _KEPT_STRIPS:
                kept.clear()
            text, style, _control = segment
            strip = Strip([Segment(text, base + style if base else style)])
            kept[key] = strip
        return strip


__all__ = ["StripScrollBar"]
