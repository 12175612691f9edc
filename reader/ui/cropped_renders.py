"""A partial frame draws the widgets it changes, not every widget beside them.

Textual's compositor draws a partial update (a key's frame) in the box around the
regions that changed, and picks the widgets to draw by their container's clip, not by
where they are: every widget of the screen is in the screen's clip, so a key that moved
the text alone had every pane draw all of its lines again (the TOC, the quotes pane,
the header, both footers: 0.05-0.2 ms each from their kept lines, then each of their
rows cut at the frame's columns), for cells no span of the update writes.

:class:`CroppedCompositor` draws only the widgets whose visible part overlaps that box.
A widget left out has no cell in it, so no span of the update reaches one of its cells:
what the terminal shows is the same. A full update (a layout, a resize, a screenshot)
has the whole screen as its box and draws every widget, as before. On a Textual whose
private parts read here differ, it draws as Textual does.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class CroppedCompositor(Compositor):
    """A compositor whose partial updates draw only the widgets in their box."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        every = self.visible_widgets
        if crop is None or crop.contains_region(self.size.region):
            return super()._get_renders(crop)
        overlaps = crop.overlaps
        inside = {
            widget: (region, clip)
            for widget, (region, clip) in every.items()
            if overlaps(region.intersection(clip))
        }
        if len(inside) == len(every):
            return super()._get_renders(crop)
        # Textual's own loop, over the widgets in the box: it reads the visible widgets
        # as it starts, so it is run to its end while they are the ones in the box
        self._visible_widgets = inside
        try:
            return list(super()._get_renders(crop))
        finally:
            if self._visible_widgets is inside:  # (unless a change dropped them meanwhile)
                self._visible_widgets = every


@cache
def fits() -> bool:
    """Whether Textual's private compositor parts read here are the ones known (Textual
    8.2: the visible widgets kept in ``_visible_widgets``, drawn by ``_get_renders``)."""
    probe = Compositor()
    return (
        hasattr(Compositor, "_get_renders")
        and probe.__dict__.get("_visible_widgets", False) is None
    )


__all__ = ["CroppedCompositor", "fits"]
