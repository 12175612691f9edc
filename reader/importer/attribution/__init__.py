"""Attribution: who said each quotation, from the cues around it.

:mod:`.tokens` turns paragraphs into token columns (with the optional C tokenizer,
:mod:`reader.importer.compiled`) whose flags (:mod:`.flags`) say what each word is;
:mod:`.names` reads person names and roles; :mod:`.name_reader`, :mod:`.phrases`,
:mod:`.clauses` and :mod:`.cues` read the name at a place, the phrase after a cue verb,
the subject of a verb or a sentence and the cues around a quotation;
:mod:`.candidates` registers the article's people (:mod:`.people`),
:mod:`.mentions` finds where they are named, and :mod:`.speakers` puts them together
(:func:`~.speakers.attribute`, :func:`~.speakers.make_speakers`).
"""
