"""The cookie notice's accept button looks exactly like Textual's compact primary Button.

AcceptButton carries only the part of Button's stylesheet that applies to it (parsing
all of it cost ~9 ms of the first paint); drawn side by side in every state, the two
must not differ by a cell.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button

from reader.ui.widgets.footer_panel import AcceptButton


class _Pair(App[None]):
    AUTO_FOCUS = None

    def compose(self) -> ComposeResult:
        yield Button(Content("Terima kuki"), id="button", compact=True, variant="primary")
        yield AcceptButton(Content("Terima kuki"), id="accept")


def _cells(widget: Widget) -> list[list[tuple[str, object]]]:
    return [
        [(segment.text, segment.style) for segment in widget.render_line(y)]
        for y in range(widget.size.height)
    ]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi"])
@pytest.mark.parametrize("state", ["normal", "focus", "hover", "active", "disabled"])
async def test_the_accept_button_looks_like_a_compact_primary_button(
    theme: str, state: str
) -> None:
    app = _Pair(ansi_color=theme == "ansi")
    async with app.run_test(size=(40, 4)) as pilot:
        if theme != "ansi":
            app.theme = theme
        looks = []
        for name in ("button", "accept"):
            widget = app.query_one(f"#{name}", Button)
            if state == "focus":
                widget.focus()
            elif state == "hover":
                await pilot.hover(f"#{name}")
            elif state == "active":
                widget.add_class("-active")
            elif state == "disabled":
                widget.disabled = True
            await pilot.pause()
            looks.append((widget.size, _cells(widget)))
            widget.remove_class("-active")
            widget.disabled = False
            app.set_focus(None)
            await pilot.hover(None, (39, 3))
        assert looks[0] == looks[1]


async def test_the_accept_button_has_the_classes_button_gives_itself() -> None:
    """AcceptButton is made with the classes Button's watchers would add (so that they
    add none, each a pass over the styles): the same as a compact primary Button's."""
    app = _Pair()
    async with app.run_test(size=(40, 4)):
        button, accept = app.query_one("#button", Button), app.query_one("#accept", Button)
        assert set(accept.classes) == set(button.classes)
        assert (accept.variant, accept.compact, accept.flat) == ("primary", True, False)
    # none of them restyled it while it was made
    calls: list[object] = []
    original = Widget.update_node_styles
    Widget.update_node_styles = lambda self, animate=True: calls.append(self)  # type: ignore[method-assign]
    try:
        AcceptButton(Content("OK"))
        Button(Content("OK"), "primary", compact=True)
    finally:
        Widget.update_node_styles = original  # type: ignore[method-assign]
    assert len([c for c in calls if isinstance(c, AcceptButton)]) == 0
    assert len(calls) > 0  # a Button made the usual way is restyled as it is made
