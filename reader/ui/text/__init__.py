"""The article body's text model, without widgets: blocks, wrapped lines and find.

:mod:`.lines` lays the article out as wrapped lines (:class:`~.lines.TextLayout`) and
:mod:`.finder` finds phrases in its blocks; the body widget draws what they give.
:mod:`.wrap` is the one cell-width word wrapper, used by the body, the section list and
the quote sidebar.
"""
