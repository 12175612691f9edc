"""The find-in-text bar: docked under the article, shown when in use, like an editor's.

It owns no search logic. It says what the reader typed and which way to step
(``Changed``, ``Step``, ``Closed``), and shows the "N of M" the screen reports back.
Its field and labels are made once the screen has nothing else to do (or when it
first opens, if that is sooner): before the article's first paint, they would only
add their styles and widgets to its work.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.css.scalar import Unit
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Label

from reader.ui.key_frame import key_came_on
from reader.ui.layout_map import fresh_map

#: The longest the bar waits to be drawn before it takes the focus (a frame).
SHOWN_WAIT = 0.05


class FindBar(Horizontal):
    """A one-line bar: a query field and a match counter."""

    #: Keys every common terminal sends as themselves. Not shift+F3 (tmux and xterm-likes
    #: send F15) nor shift+Enter (only with the kitty keyboard protocol): a key the footer
    #: offers must arrive. Enter (the field's submit) also goes to the next match. The
    #: arrows are priority keys: the field binds them (to scrolling, which a one-line
    #: field never does), which hid them from the footer.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="find.close"),
        Binding("down", "step(1)", "Next match", priority=True, id="find.next"),
        Binding("up", "step(-1)", "Prev match", priority=True, id="find.previous"),
        Binding("f3,ctrl+g", "step(1)", "Next match", show=False, id="find.next-alt"),
    ]

    class Changed(Message):
        """The query changed: find it afresh."""

        def __init__(self, bar: FindBar, query: str) -> None:
            super().__init__()
            self.bar = bar
            self.query = query

        @property
        def control(self) -> FindBar:
            return self.bar

    class Step(Message):
        """Go to the next (``step=1``) or previous (``-1``) match."""

        def __init__(self, bar: FindBar, step: int) -> None:
            super().__init__()
            self.bar = bar
            self.step = step

        @property
        def control(self) -> FindBar:
            return self.bar

    class Closed(Message):
        """The reader closed the bar; matches should no longer be highlighted."""

        def __init__(self, bar: FindBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> FindBar:
            return self.bar

    #: the parts' mount, once asked for (see build)
    _mounting: AwaitMount | None = None

    def compose(self) -> ComposeResult:
        return []  # the parts come later (see build)

    @staticmethod
    def _parts() -> list[Widget]:
        # here: the field's class (an Input subclass: ~0.9 ms to make) is not needed
        # before the first paint
        from reader.ui.widgets.text_field import TextField

        return [
            Label(Content("Find:"), id="find-label"),
            TextField(placeholder="text in the article", id="find-input", compact=True),
            Label(Content(""), id="find-count"),
        ]

    #: whether the bar is shown (see open)
    _open = False

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def _field(self) -> Input | None:
        """The query field (None until the bar first opens)."""
        return next(self.query("#find-input").results(Input), None)

    @property
    def query_text(self) -> str:
        field = self._field
        return "" if field is None else field.value

    def build(self) -> AwaitMount:
        """Mount the bar's parts (hidden until it opens), unless they are already: the
        screen does it once it has nothing else to do, so that opening only shows them."""
        if self._mounting is None:
            self._mounting = self.mount_all(self._parts())
        return self._mounting

    async def open(self) -> None:
        """Show the bar and put the cursor in it, the current query selected.

        The focus moves at once (not after the messages already queued, as with
        Widget.focus), the parts mounted first if they are not yet: the keys typed
        just after "f" are handed to whatever has the focus, and belong in the field.
        """
        self._show(True)
        field = self._field
        if field is None or not field.is_mounted:
            await self.build()
            field = self.query_one("#find-input", Input)
        else:
            await self._drawn()
        self.screen.set_focus(field)
        field.select_all()

    async def _drawn(self) -> None:
        """Let the bar be drawn, in a frame of its own, before the focus moves to it:
        the text pane loses the focus, and all of it is drawn again (its border), a
        frame that took the bar a few milliseconds longer to show. The keys typed
        meanwhile wait for this open (a key binding's action) to end: they reach the
        field all the same. (A bar built now shows as its parts are mounted.)"""
        key_came_on(self)  # drawn at once, not at the update timer's next tick
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.screen.wait_for_refresh(), SHOWN_WAIT)

    def _show(self, shown: bool) -> None:
        """Show or hide the bar by its own style, not a class: a class (it was
        "-open") restyled the bar and its parts from the stylesheet, ~2 ms of the
        frame that shows it, for the one rule that changes."""
        self._open = shown
        fresh_map(self)  # or the layout may not draw the change (see reader.ui.layout_map)
        self.display = shown

    def action_close(self) -> None:
        self._show(False)
        self.post_message(self.Closed(self))

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(self, step))

    def show_count(self, index: int, total: int, *, complete: bool = True) -> None:
        """Show where the reader is among the matches ("3 of 12", "no matches").

        While the rest of the text is being searched (``complete`` False) the count is
        of the matches found so far, and says so: "3 of 12+", "12+ matches", and
        "searching…" rather than "no matches".
        """
        more = "" if complete else "+"
        if not self.query_text.strip():
            text = ""
        elif total == 0:
            text = "no matches" if complete else "searching…"
        else:
            text = f"{index + 1} of {total}{more}" if index >= 0 else f"{total}{more} matches"
        label = next(self.query("#find-count").results(Label), None)
        if label is None:  # never opened: nothing to show
            return
        if str(label.content) != text:  # the step shows it, then the body's FindResult
            label.update(Content(text), layout=_resizes(label, text))
        label.set_class(total == 0 and complete and bool(text), "-none")

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(self, 1))


def _resizes(label: Label, text: str) -> bool:
    """Whether showing ``text`` changes the count's width (so the bar is laid out again).

    A layout pass redraws the whole screen (some tens of milliseconds with an article
    on it) for every F3; the count keeps its width (the stylesheet's min-width) for any
    text up to it, which is every "N of M" below ten thousand matches.
    """
    min_width = label.styles.min_width
    floor = int(min_width.value) if min_width is not None and min_width.unit == Unit.CELLS else 0
    needed = cell_len(text) + label.styles.padding.width
    return not (needed <= label.outer_size.width == floor)
