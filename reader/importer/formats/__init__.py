"""Input formats: each module turns one kind of input into what the pipeline reads.

:mod:`.text` reads raw text (a pasted article, a ``.txt`` file) into lines. :mod:`.html`
reads a web page into an article's parts (title, lead, headings and paragraphs, figures,
footer notices, metadata), which then go through the same passes as raw text
(:func:`reader.importer.finish`): boilerplate lines, quotations and speakers.
"""
