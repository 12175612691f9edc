"""A key footer drawn as one line: only the keys that fit, least useful left out first.

Textual's ``Footer`` is a scrolling row of ``FooterKey`` widgets with a hidden scrollbar:
when the bindings need more columns than the terminal has, the last ones are cut off
mid-word, and the command-palette key docked on the right is drawn over what is left (at
80 columns that showed "s ▏^p Commandsp"). Here only as many keys as fit are shown, in
the order of ``priorities`` (actions, most useful first); the rest stay one ``?`` away on
the help screen, which lists every binding.

The footer is one widget that draws its row itself, with Footer's look (the same
theme variables, paddings, margins and the palette key's border, cell for cell:
tests/ui/test_key_footer.py compares it with Textual's own Footer). Textual's footer
mounted a widget per key after the screen's first frame (an empty bar in that frame,
then eight mounts and a layout pass, in the window of a key sent as the text first
showed), and a focus change that changed the keys rebuilt or restyled them and laid the
screen out again. Here the keys are worked out from the screen's bindings when the row
is drawn: the frame just after a reading screen's first shows them (that first frame
draws the row blank, see ``on_mount``), and a focus change that changes them is a
repaint of this one line in the key's own frame, with no mount and no layout pass.

Mouse: a click on a key runs it (a disabled one rings the bell), the key under the
pointer is drawn hovered and gives the footer its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.dom import NoScreen
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from reader.core.records import FrozenRecord
from reader.ui.first_frame import FirstFrameScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding

#: Where an action missing from the priorities ranks: after all the ranked ones.
_UNRANKED = 1_000
#: The left border of the command-palette key (Footer's ``border-left: vkey``).
_PALETTE_BORDER = "▏"


def key_width(
    key_display: str, description: str, *, compact: bool, command_palette: bool = False
) -> int:
    """Columns a footer key takes, with the room Footer's CSS gives it.

    Footer (Textual 8) pads the key one cell each side and the description one cell
    on the right; compact, the key is bare, the description has one cell on its left
    and every key a margin of one on its right. The command-palette key is always
    drawn compact (it is not bound to the footer's ``compact``) and, docked on the
    right, has a one-cell border on its left and, in either style, one more cell
    (padding, or compact, margin).
    """
    if command_palette:
        compact = True
    width = cell_len(key_display)
    if description:
        width += (0 if compact else 2) + 1 + cell_len(description)
    if compact:
        width += 1
    if command_palette:
        width += 1
    return width


_set = object.__setattr__

# Frozen dataclasses with their __slots__ and __init__ written out, the rest from
# FrozenRecord (reader.core.records): imported before the first paint, where
# @dataclass(frozen=True) compiling their methods cost ~0.6 ms a class.


@dataclass(init=False, repr=False, eq=False)
class FooterKey(FrozenRecord):
    """A key the footer offers: a binding of the screen, as Footer would show it."""

    __slots__ = (
        "action",
        "command_palette",
        "description",
        "enabled",
        "key",
        "key_display",
        "tooltip",
    )
    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    #: the command palette's key, drawn on the right
    command_palette: bool

    def __init__(
        self,
        key: str,
        key_display: str,
        description: str,
        action: str,
        enabled: bool,
        tooltip: str,
        command_palette: bool = False,
    ) -> None:
        _set(self, "key", key)
        _set(self, "key_display", key_display)
        _set(self, "description", description)
        _set(self, "action", action)
        _set(self, "enabled", enabled)
        _set(self, "tooltip", tooltip)
        _set(self, "command_palette", command_palette)


@dataclass(init=False, repr=False, eq=False)
class PlacedKey(FrozenRecord):
    """A key shown, at the columns ``x`` to ``x + width`` of the footer."""

    __slots__ = ("key", "width", "x")
    key: FooterKey
    x: int
    width: int

    def __init__(self, key: FooterKey, x: int, width: int) -> None:
        _set(self, "key", key)
        _set(self, "x", x)
        _set(self, "width", width)


class KeyFooter(Widget, can_focus=False):
    """A footer showing the screen's keys that fit, drawn as one line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--border",
    }
    # Footer's and FooterKey's own CSS (Textual 8), for one widget: the footer's colours,
    # each key's parts, a hovered key's background, the palette key's border.
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-footer--border {
            color: $foreground 20%;
        }
    }
    """

    #: the style Footer takes below 110 columns (set by the reading screen)
    compact = reactive(False)

    def __init__(self, *, priorities: Sequence[str], id: str | None = None) -> None:
        super().__init__(id=id)
        self._rank = {action: n for n, action in enumerate(priorities)}
        #: the screen's keys, worked out when the row is next drawn (None: to do)
        self._keys: list[FooterKey] | None = None
        #: the keys shown, placed, for the width and style they were placed for
        self._placed: tuple[int, bool, list[PlacedKey]] | None = None
        #: the key under the mouse pointer
        self._hovered: FooterKey | None = None
        #: the column of the mouse pointer while it is over the footer, else None: the
        #: keys can move under a pointer that stays still (a focus change, a resize)
        self._pointer_x: int | None = None
        #: whether the row is drawn blank for now: in its screen's first frame
        self._held = False

    # -- the keys --------------------------------------------------------------------

    def on_mount(self) -> None:
        # immediate: the keys of a focus change are drawn in the frame of its key
        screen = self.screen
        screen.bindings_updated_signal.subscribe(self, self.bindings_changed, immediate=True)
        if isinstance(screen, FirstFrameScreen) and not screen.was_shown:
            # Working out the keys from the screen's bindings and drawing them was
            # 1.6-2.0 ms of the seed's first frame (of ~20): the first paint shows the
            # text, the footer's row comes blank and its keys in the frame after.
            self._held = True
            screen.after_first_frame(self._show_keys)

    def _show_keys(self) -> None:
        """Draw the keys the first frame left out (see on_mount)."""
        self._held = False
        self.refresh()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object] | None = None) -> None:
        """The screen's bindings changed (a focus change, a binding enabled): the row
        is worked out again when next drawn, and drawn again if it changed."""
        if self._keys is None:
            return
        keys = self._screen_keys()
        if keys != self._keys:
            self._keys = keys
            self._placed = None
            self.refresh()
            self._hover_pointer()

    @property
    def keys(self) -> list[FooterKey]:
        """Every key the screen's bindings offer, in Footer's order (shown or not)."""
        if self._keys is None:
            self._keys = self._screen_keys()
        return self._keys

    @property
    def shown(self) -> list[PlacedKey]:
        """The keys that fit, placed, left to right."""
        width = self.size.width
        placed = self._placed
        if placed is None or placed[:2] != (width, self.compact):
            placed = (width, self.compact, self._place(self.fit_keys(self.keys, width)))
            self._placed = placed
        return placed[2]

    def _screen_keys(self) -> list[FooterKey]:
        """The keys Footer would show for the screen's bindings now (its ``compose``):
        one per action, the first binding of each, the palette's last."""
        try:
            screen = self.screen
        except NoScreen:  # not on a screen (yet)
            return []
        active = screen.active_bindings
        app = self.app
        keys: list[FooterKey] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            keys.append(_footer_key(app, binding, enabled, tooltip or ""))
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            tooltip = binding.tooltip or binding.description
            keys.append(_footer_key(app, binding, enabled, tooltip, command_palette=True))
        return keys

    def fit_keys(self, keys: Sequence[FooterKey], room: int) -> list[FooterKey]:
        """The most useful of ``keys`` that fit in ``room`` columns, in their order.

        Keys are taken by rank until one does not fit; it and every key ranked after it
        are left out (so what is shown is always the top of the priorities).
        """
        ranked = sorted(enumerate(keys), key=lambda pair: (self._rank_of(pair[1]), pair[0]))
        fitting: set[int] = set()
        for index, key in ranked:
            width = self.width_of(key)
            if width > room:
                break
            fitting.add(index)
            room -= width
        return [key for index, key in enumerate(keys) if index in fitting]

    def width_of(self, key: FooterKey) -> int:
        """Columns ``key`` takes in this footer's style."""
        return key_width(
            key.key_display,
            key.description,
            compact=self.compact,
            command_palette=key.command_palette,
        )

    def _rank_of(self, key: FooterKey) -> int:
        return self._rank.get(key.action, _UNRANKED)

    def _place(self, keys: Sequence[FooterKey]) -> list[PlacedKey]:
        """The keys from the left, the palette's docked at the right end."""
        placed: list[PlacedKey] = []
        x = 0
        for key in keys:
            if not key.command_palette:
                width = self.width_of(key)
                placed.append(PlacedKey(key, x, width))
                x += width
        for key in keys:
            if key.command_palette:
                width = self.width_of(key)
                placed.append(PlacedKey(key, self.size.width - width, width))
        return placed

    def key_at(self, x: int) -> PlacedKey | None:
        """The key drawn at column ``x`` (its margin is not part of it)."""
        for placed in self.shown:
            end = placed.x + placed.width
            if self.compact:  # its last cell is its margin, not its own
                end -= 1
            if placed.x <= x < end:
                return placed
        return None

    # -- drawing ---------------------------------------------------------------------

    def watch_compact(self) -> None:
        self._placed = None
        self._hover_pointer()

    def on_resize(self) -> None:
        self._placed = None
        self._hover_pointer()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y or not width or self._held:
            return Strip.blank(width, self.rich_style)
        blank = Style(bgcolor=self.rich_style.bgcolor)
        segments: list[Segment] = []
        x = 0
        for placed in self.shown:
            if placed.x > x:
                segments.append(Segment(" " * (placed.x - x), blank))
            segments.extend(self._key_segments(placed.key, blank))
            x = placed.x + placed.width
        if x < width:
            segments.append(Segment(" " * (width - x), blank))
        return Strip(segments).crop(0, width)

    def _key_segments(self, key: FooterKey, blank: Style) -> list[Segment]:
        """One key as FooterKey draws it: key and description, padded, in their styles."""
        hovered = key == self._hovered
        key_style = self._part_style("key-footer--key", hovered)
        description_style = self._part_style("key-footer--description", hovered)
        own = self._part_style("", hovered)  # the key's padding
        compact = self.compact or key.command_palette
        segments: list[Segment] = []
        if key.command_palette:
            border = self.get_component_rich_style("key-footer--border")
            segments.append(Segment(_PALETTE_BORDER, border + Style(bgcolor=own.bgcolor)))
        if key.description:
            if compact:
                segments.append(Segment(key.key_display, key_style))
                segments.append(Segment(" " + key.description, description_style))
            else:
                segments.append(Segment(f" {key.key_display} ", key_style))
                segments.append(Segment(key.description + " ", description_style))
        else:
            segments.append(Segment(key.key_display, key_style))
        if key.command_palette and not self.compact:
            segments.append(Segment(" ", own))  # its padding
        if self.compact:
            segments.append(Segment(" ", blank))  # its margin
        if not key.enabled:
            dim = Style(dim=True)
            segments = [
                Segment(text, style if style is blank else (style or Style()) + dim)
                for text, style, _control in segments
            ]
        return segments

    def _part_style(self, part: str, hovered: bool) -> Style:
        """The style of a key's ``part`` (a component class; "" for the key's own
        cells), on the hover background if the key is hovered and the part's own
        background lets it through."""
        base = self.rich_style
        style = self.get_component_rich_style(part) if part else Style(bgcolor=base.bgcolor)
        if not hovered:
            return style
        hover = self.get_component_rich_style("key-footer--hover")
        if part and self.get_component_styles(part).background.a > 0:
            return style  # the part's own background covers the hover's
        return style + Style(bgcolor=hover.bgcolor)

    # -- the mouse -------------------------------------------------------------------

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._pointer_x = event.x
        self._hover_pointer()

    def on_leave(self) -> None:
        self._pointer_x = None
        self._hover_pointer()

    def _hover_pointer(self) -> None:
        """Hover the key under the pointer: drawn hovered, its tooltip the footer's,
        and the hand pointer over it (Footer's keys have ``pointer: pointer``).

        Called when the pointer moves and when the keys move under it (the keys
        changed, the footer was resized or changed style): a key is hovered only
        where the pointer is.
        """
        x = self._pointer_x
        placed = self.key_at(x) if x is not None and self.app.mouse_over is self else None
        key = placed.key if placed is not None else None
        if key == self._hovered:
            return
        self._hovered = key
        self.tooltip = key.tooltip if key is not None and key.tooltip else None
        pointer: Literal["default", "pointer"] = "default" if key is None else "pointer"
        if self.styles.pointer != pointer:
            self.styles.pointer = pointer
            self.screen.update_pointer_shape()
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        placed = self.key_at(event.x)
        if placed is None:
            return
        if placed.key.enabled:
            self.app.simulate_key(placed.key.key)
        else:
            self.app.bell()


def _footer_key(
    app: App[object],
    binding: Binding,
    enabled: bool,
    tooltip: str,
    *,
    command_palette: bool = False,
) -> FooterKey:
    """The footer's record of ``binding``, with its key shown as the app shows keys."""
    return FooterKey(
        binding.key,
        app.get_key_display(binding),
        binding.description,
        binding.action,
        enabled,
        tooltip,
        command_palette=command_palette,
    )
