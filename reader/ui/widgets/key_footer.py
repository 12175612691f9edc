"""A key footer that never overflows: keys that do not fit are left out, least useful first.

Textual's ``Footer`` is a scrolling row with a hidden scrollbar: when the bindings need
more columns than the terminal has, the last ones are cut off mid-word, and the
command-palette key docked on the right is drawn over what is left. At 80 columns
that showed "s ▏^p Commandsp". Here only as many keys as fit are shown, in the order
of ``priorities`` (actions, most useful first); the rest stay one ``?`` away on the help
screen, which lists every binding.

The keys are fitted as the footer composes them (after every focus change), from their
text: a key's width is its key display and description plus the padding, border and
margin Footer's own CSS gives it (``key_width``). So the keys hidden on a narrow screen
are hidden from the start, before they are ever laid out or drawn.

When a focus change changes the keys, the ones mounted take the new keys' text in
place (:meth:`KeyFooter.recompose`), rather than being removed and a new row mounted:
Footer's own recompose cost two layout passes of the screen, the remount's styling and
~25 ms of CPU after "f" or "/" (the next key waited for it). Keys left over are kept,
hidden, for the next change that needs more (``spares``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from rich.cells import cell_len
from textual._context import active_message_pump
from textual.app import ComposeResult
from textual.compose import compose
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Footer's own key (not exported)

from reader.ui.layout_map import fresh_map

#: Where an action missing from the priorities ranks: after all the ranked ones.
_UNRANKED = 1_000


def key_width(
    key_display: str, description: str, *, compact: bool, command_palette: bool = False
) -> int:
    """Columns a footer key takes, worked out from its text as Footer's CSS lays it out.

    Footer (Textual 8) pads the key one cell each side and the description one cell
    on the right; compact, the key is bare, the description has one cell on its left
    and every key a margin of one on its right. The command-palette key is always
    drawn compact (it is not bound to the footer's ``compact``) and, docked on the
    right, has a one-cell border on its left and, in either style, one more cell
    (padding, or compact, margin). tests/ui/test_key_footer.py checks this against
    the keys as laid out.
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


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that shows only the keys that fit."""

    def __init__(self, *, priorities: Sequence[str], id: str | None = None) -> None:
        super().__init__(id=id)
        self._rank = {action: n for n, action in enumerate(priorities)}
        #: a row built by recompose, for the compose it then calls
        self._row: list[Widget] | None = None
        #: what the row a recompose is mounting shows (its children are not that row
        #: until it is done): "/" recomposes the footer itself, and the focus change's
        #: own recompose, called meanwhile, found the old keys half gone and built
        #: the same row again (~7 ms more before the key's frame)
        self._mounting: tuple[object, ...] | None = None
        #: mounted keys that show nothing (hidden): left over from a row that had more
        #: keys, for the next one that does (see _show_in_place)
        self._spares: set[Widget] = set()

    @property
    def keys(self) -> list[Widget]:
        """The keys the footer shows, or would if they fitted (not its spares)."""
        return [key for key in self.query_children() if key not in self._spares]

    def compose(self) -> ComposeResult:
        row = self._row if self._row is not None else self._build_row()
        self._row = None
        yield from row

    def _build_row(self) -> list[Widget]:
        # Footer's own row of keys, built (textual.compose) so it can be fitted before
        # it is mounted: hiding keys after would cost the screen another layout pass.
        # Footer's keys bind to its ``compact`` (data_bind), from the message pump
        # that composes them: the footer's own, also when "/" rebuilds the row from
        # the app's action (it raised, there, for any key but the command palette's)
        token = active_message_pump.set(self)
        try:
            row = compose(self, super().compose())
        finally:
            active_message_pump.reset(token)
        self.fit_keys(row)
        return row

    async def recompose(self) -> None:
        """Recompose, unless the footer would show the very same keys again.

        Footer recomposes on every change of the screen's bindings, and a focus change
        reports two (the blur, then the focus); most leave the keys as they were (or
        as a recompose still at work is making them), and building them again would
        cost a remount and a layout pass of the screen.
        """
        if not self.is_attached:
            return
        row = self._build_row()
        shown = _signature(row)
        if shown is not None and shown in (self._mounting, _signature(self.keys)):
            return
        self._mounting = shown
        try:
            if shown is None or not await self._show_in_place(row):
                self._row = row
                self._spares.clear()
                await super().recompose()
        finally:
            self._row = None
            self._mounting = None

    async def _show_in_place(self, row: list[Widget]) -> bool:
        """Show ``row`` (built, fitted, not mounted) in the keys already mounted: each
        takes the text, action and classes of the next key of its kind (the
        command-palette key, docked right, keeps its place; the others take the row's
        keys in order); those left over are hidden (spares), and only the keys the
        mounted ones cannot hold are mounted, after them. False (nothing changed) if a
        row is not all single keys (a binding group): that is Footer's own recompose.
        """
        slots = list(self.query_children())
        if not all(isinstance(key, FooterKey) for key in (*slots, *row)):
            return False
        fresh_map(self)  # or a key hidden may stay drawn (see reader.ui.layout_map)
        free: dict[bool, list[Widget]] = {True: [], False: []}
        for slot in slots:
            free[_docked(slot)].append(slot)
        extra: list[Widget] = []
        for key in row:
            kind = free[_docked(key)]
            if kind:
                _take(cast(FooterKey, kind.pop(0)), cast(FooterKey, key))
            else:
                extra.append(key)
        self._spares = {*free[True], *free[False]}
        for spare in self._spares:
            if spare.display:
                spare.display = False
        if extra:
            await self.mount_all(extra)
        return True

    def on_resize(self) -> None:
        self.fit_keys()

    def watch_compact(self) -> None:
        self.fit_keys()

    def fit_keys(self, row: Sequence[Widget] | None = None) -> None:
        """Show the most useful keys that fit in the footer's width, hide the others.

        ``row`` is the footer's keys, its children unless given.
        """
        keys = self.keys if row is None else list(row)
        room = self.size.width
        if not keys or not room:
            return  # not laid out yet: fitted on the first resize
        ranked = sorted(enumerate(keys), key=lambda pair: (self._rank_of(pair[1]), pair[0]))
        fits = True
        for _, key in ranked:
            width = self._width(key)
            fits = fits and width is not None and width <= room
            if key.display != fits:  # setting it on a mounted key costs a layout pass
                key.display = fits
            if fits and width is not None:
                room -= width

    def _rank_of(self, key: Widget) -> int:
        # Footer's keys (FooterKey, not public) carry the action they run.
        action = getattr(key, "action", None)
        return self._rank.get(action, _UNRANKED) if isinstance(action, str) else _UNRANKED

    def _width(self, key: Widget) -> int | None:
        """Columns ``key`` takes, from its text; None for what is not a single key.

        Footer shows a group of bindings as a row of bare keys and a label; no screen
        of this app has one. Such a widget is never given room, and since fitting
        stops at the first key that does not fit, every key ranked after it is left
        out too (tests/ui/test_key_footer.py would show a screen that gains one).
        """
        key_display = getattr(key, "key_display", None)
        description = getattr(key, "description", None)
        if not isinstance(key_display, str) or not isinstance(description, str):
            return None
        return key_width(
            key_display,
            description,
            compact=self.compact,
            command_palette=key.has_class("-command-palette"),
        )


def _take(slot: FooterKey, key: FooterKey) -> None:
    """Make the mounted ``slot`` show what ``key`` (built, not mounted) would: its
    binding, classes and tooltip, shown or not as fitted. A key whose text changes is
    laid out again (its width is its text's); one that only moves is redrawn."""
    resized = (slot.key_display, slot.description) != (key.key_display, key.description)
    slot.key, slot.key_display, slot.description = key.key, key.key_display, key.description
    slot.action = key.action
    slot._disabled = key._disabled  # what a click does (FooterKey keeps it from __init__)
    for name in _KEY_CLASSES:
        if slot.has_class(name) != key.has_class(name):
            slot.set_class(key.has_class(name), name)
            resized = True
    if str(slot.tooltip) != str(key.tooltip):
        slot.tooltip = key.tooltip
    if slot.display != key.display:
        slot.display = key.display
    slot.refresh(layout=resized)


def _docked(key: Widget) -> bool:
    """Whether ``key`` is the command palette's, docked on the right."""
    return key.has_class("-command-palette")


#: The classes Footer gives a key from its binding ("-compact" follows the footer's own
#: compact, bound once mounted).
_KEY_CLASSES = ("-command-palette", "-disabled", "-grouped")


def _signature(row: Sequence[Widget]) -> tuple[object, ...] | None:
    """What a row of footer keys shows; None if that cannot be told (a binding group)."""
    shown: list[object] = []
    for key in row:
        details = tuple(
            getattr(key, name, None) for name in ("key", "key_display", "description", "action")
        )
        if not all(isinstance(detail, str) for detail in details):
            return None
        # "-compact" follows the footer's own compact (bound once mounted): not compared
        classes = tuple(sorted(key.classes - {"-compact"}))
        shown.append((*details, classes, str(key.tooltip), key.display))
    return tuple(shown)
