"""Input formats: each module turns one kind of input into text the pipeline reads.

:mod:`.text` reads raw text (a pasted article, a ``.txt`` file) into lines. A new format
(HTML, a feed entry) goes beside it as its own module and hands the pipeline text.
"""
