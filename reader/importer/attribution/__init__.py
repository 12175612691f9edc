"""Attribution: who said each quotation, from the cues around it.

:mod:`.tokens` turns paragraphs into token columns (with the optional C tokenizer,
:mod:`reader.importer.compiled`), :mod:`.names` reads person names and roles, :mod:`.cues`
finds the cue verbs and back-references, and :mod:`.speakers` puts them together
(:func:`~.speakers.attribute`, :func:`~.speakers.make_speakers`).
"""
