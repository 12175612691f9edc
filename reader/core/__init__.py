"""The core of reader: plain Python, never imports Textual.

The article model, its YAML format, search and user state live here so that they can
be tested (and used by scripts) without a terminal. A test enforces the boundary.
"""
