"""The text pane's rows, each kept (with its border) for the line it shows.

The body keeps its lines drawn (and draws ahead the screens the moving keys show:
:mod:`reader.ui.widgets.body_predraw`), but Textual's styles cache keeps a widget's rows
by their place on screen: a key that moves the text changes every row, so each one went
through it again, a line given the pane's padding and its border, then the app's line
filters (every segment of it through ``ANSIToTruecolor``). At 160x48 that was ~1.9 ms of
the 3 ms a scrolling key's frame took to compose (headless, the seed, idle keys), for
lines the body had already drawn.

:class:`KeptRows` keeps that row for each line the body drew (the body's strip, by
identity: a line drawn again is a new strip), as long as what a row is made of besides
the line stays the same (the border and its colour, the padding, the widths, the
colours behind, tint, opacity, the ANSI theme). A row of the border or the padding, an
outline, is made by Textual every time, as before. A row kept keeps its copy through
the line filters too (a strip does). :meth:`KeptRows.warm` makes the row of a line
drawn ahead, so the key's frame takes it whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.terminal_theme import DEFAULT_TERMINAL_THEME, TerminalTheme
from textual.color import Color
from textual.css.styles import StylesBase
from textual.filter import LineFilter
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip

from reader.ui.widgets.edges import EdgesCache

#: rows kept: the body's line cache holds 1024 lines
KEPT_ROWS = 1024

#: ``StylesCache.render_line``'s arguments but ``y`` and ``render_content_line``, as the
#: last render passed them (styles, size, content size, padding, base background,
#: background, border title, border subtitle, opacity, ANSI theme, native ANSI)
_RowArguments = tuple[
    StylesBase, Size, Size, Spacing, Color, Color, Any, Any, float, TerminalTheme, bool
]


class KeptRows(EdgesCache):
    """A styles cache that keeps each content row made for a line, by the line's strip
    (and, as :class:`~reader.ui.widgets.edges.EdgesCache`, puts a focus look's border
    cells on the rows it has rather than making them again)."""

    def __init__(self) -> None:
        super().__init__()
        #: id of the body's strip -> (that strip, the row made of it)
        self._rows: dict[int, tuple[Strip, Strip]] = {}
        #: what the rows kept were made with (see :func:`_looks_of`)
        self._looks: tuple[object, ...] | None = None
        #: the last render's arguments (for :meth:`warm`)
        self._arguments: _RowArguments | None = None

    def render(
        self,
        styles: StylesBase,
        size: Size,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        filters: Sequence[LineFilter],
        border_title: Any,
        border_subtitle: Any,
        content_size: Size | None = None,
        padding: Spacing | None = None,
        crop: Region | None = None,
        opacity: float = 1.0,
        ansi_theme: TerminalTheme = DEFAULT_TERMINAL_THEME,
        native_ansi: bool = False,
    ) -> list[Strip]:
        content = size if content_size is None else content_size
        spacing = styles.padding if padding is None else padding
        looks = _looks_of(styles, size, content, spacing, base_background, background)
        looks += (opacity, id(ansi_theme), native_ansi)
        if looks != self._looks:
            self._rows.clear()
            self._looks = looks
        self._arguments = (
            styles,
            size,
            content,
            spacing,
            base_background,
            background,
            border_title,
            border_subtitle,
            opacity,
            ansi_theme,
            native_ansi,
        )
        return super().render(
            styles,
            size,
            base_background,
            background,
            render_content_line,
            filters,
            border_title,
            border_subtitle,
            content_size=content_size,
            padding=padding,
            crop=crop,
            opacity=opacity,
            ansi_theme=ansi_theme,
            native_ansi=native_ansi,
        )

    def render_line(
        self,
        styles: StylesBase,
        y: int,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        border_title: Any,
        border_subtitle: Any,
        opacity: float,
        ansi_theme: TerminalTheme,
        native_ansi: bool,
    ) -> Strip:
        gutter = styles.gutter
        content_y = y - gutter.top
        if styles.outline or not (
            0 <= content_y < min(content_size.height, size.height - gutter.height)
        ):  # a row of the border, the padding or an outline, or below the content
            return super().render_line(
                styles,
                y,
                size,
                content_size,
                padding,
                base_background,
                background,
                render_content_line,
                border_title,
                border_subtitle,
                opacity,
                ansi_theme,
                native_ansi,
            )
        line = render_content_line(content_y)
        kept = self._rows.get(id(line))
        if kept is not None and kept[0] is line:
            return kept[1]
        row = super().render_line(
            styles,
            y,
            size,
            content_size,
            padding,
            base_background,
            background,
            lambda _y: line,
            border_title,
            border_subtitle,
            opacity,
            ansi_theme,
            native_ansi,
        )
        self._keep(line, row)
        return row

    def _keep(self, line: Strip, row: Strip) -> None:
        rows = self._rows
        if len(rows) >= KEPT_ROWS:
            del rows[next(iter(rows))]  # the longest kept
        rows[id(line)] = (line, row)

    def warm(self, line: Strip) -> None:
        """Make and keep the row of ``line`` (a line drawn ahead) as the last render
        made its rows (nothing before a render, or where rows are not kept)."""
        arguments = self._arguments
        kept = self._rows.get(id(line))
        if arguments is None or (kept is not None and kept[0] is line):
            return
        (
            styles,
            size,
            content,
            padding,
            base,
            background,
            title,
            subtitle,
            opacity,
            ansi_theme,
            native_ansi,
        ) = arguments
        gutter = styles.gutter
        if styles.outline or min(content.height, size.height - gutter.height) < 1:
            return
        row = super().render_line(
            styles,
            gutter.top,
            size,
            content,
            padding,
            base,
            background,
            lambda _y: line,
            title,
            subtitle,
            opacity,
            ansi_theme,
            native_ansi,
        )
        self._keep(line, row)


def _looks_of(
    styles: StylesBase,
    size: Size,
    content: Size,
    padding: Spacing,
    base_background: Color,
    background: Color,
) -> tuple[object, ...]:
    """What a content row is made of besides its line."""
    hatch = styles.hatch if styles.has_rule("hatch") else None
    return (
        styles.border,
        styles.outline,
        padding,
        size.width,
        content.width,
        base_background,
        background,
        styles.tint,
        styles.text_opacity,
        hatch,
    )


__all__ = ["KEPT_ROWS", "KeptRows"]
