"""Show or hide a widget and have the next frame draw it: the compositor's map made
current first.

Textual (8.2) lays a screen out by comparing the map of where every widget is with the
one before (``Compositor.reflow``): what changed is drawn. That map is rebuilt lazily
once marked stale (a hidden widget refreshed, a scroll), and the rebuild reads the
DOM as it is *then*. A widget shown or hidden asks for its region as its styles change
(``Widget.refresh`` marks it dirty), and a stale map rebuilt at that moment already
holds the change: the layout that follows finds nothing changed and draws nothing.
The find bar opened that way showed only with the next full repaint (a frame or two
later, ~1 time in 2 when idle); a footer key hidden that way would have stayed drawn;
the cookie notice hidden that way left the text below without the Resize that gives
it the notice's rows.
:func:`fresh_map` rebuilds the map before the change, as the screen still is.
"""

from __future__ import annotations

from textual.dom import DOMNode, NoScreen


def fresh_map(node: DOMNode) -> None:
    """Rebuild the map of ``node``'s screen now, if it is stale (before showing or
    hiding ``node``: see the module). Nothing if ``node`` is on no screen, or on a
    Textual without that map (``_compositor.full_map``)."""
    try:
        screen = node.screen
    except NoScreen:
        return
    compositor = getattr(screen, "_compositor", None)
    if compositor is not None and compositor.root is not None:
        _ = getattr(compositor, "full_map", None)


__all__ = ["fresh_map"]
