"""Component classes styled when a widget first draws with them, not all as it mounts.

Textual styles every one of a widget's ``COMPONENT_CLASSES`` each time it styles the
widget (as it mounts, when it takes the focus, on a theme change): one pass over the
stylesheet per class. The article body has 13 and its first screen uses about half
(the match, the chosen quote, a link are seldom on it); those passes were ~1 ms of the
seed's first paint. With :class:`LazyComponentStyles` a class is styled the first
time the widget asks for it; from then on Textual restyles it with the widget, as
before, so a theme change or the focus reaches every class in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.css.styles import RenderStyles
from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class LazyComponentStyles(_Base):
    """A mixin, first in a widget's bases (it is no DOM node: Textual's CSS follows
    the first base that is, for the type names and default styles)."""

    #: the component classes asked for so far (the only ones Textual styles)
    _components_used: set[str]

    def _get_component_classes(self) -> frozenset[str]:  # type: ignore[override]
        # Textual calls this on the instance, as it styles it (Stylesheet.apply)
        return frozenset(self.__dict__.get("_components_used", ()))

    def get_component_styles(self, *names: str) -> RenderStyles:
        missing = [name for name in names if name not in self._component_styles]
        if missing:
            declared = type(self)._get_component_classes_declared()
            used = self.__dict__.setdefault("_components_used", set())
            for name in missing:
                if name in declared:
                    used.add(name)
                    self._style_component(name)
        return super().get_component_styles(*names)

    def _style_component(self, name: str) -> None:
        """Style one component class now, as Textual styles each of them."""
        node = DOMNode(classes=name)
        node._attach(self)
        self.app.stylesheet.apply(node, animate=False)
        self._component_styles[name] = node.styles

    @classmethod
    def _get_component_classes_declared(cls) -> frozenset[str]:
        """Every component class the widget's class declares (Textual's own walk)."""
        return DOMNode._get_component_classes.__func__(cls)  # type: ignore[attr-defined,no-any-return]


__all__ = ["LazyComponentStyles"]
