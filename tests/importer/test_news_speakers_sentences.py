"""Where a cue belongs when quotations and sentences follow each other (issue #15,
English): a cue after a quotation that ended its own sentence may open the next sentence
instead; a name written only at the start of sentences is still a speaker when a speech
verb follows it; a party tag with full stops stands between a name and its verb. Each
test is a short article we wrote ourselves, about a school board closing schools."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text
from reader.importer.attribution.cues import CueReader
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.tokens import tokenize, word_table
from reader.importer.language_data import language

LEAD = "The Fenwick school board voted in June to close two of the town's primary schools."


def imported(*paragraphs: str, title: str = "Two schools to close") -> Article:
    return import_text("\n\n".join([title, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_a_sentence_after_the_quotation_reports_words_of_its_own() -> None:
    article = imported(
        "Board chair Greta Lindqvist and parent leader Ivo Brandt argued for weeks.",
        "Lindqvist called Brandt a “careless and divisive campaigner.” Ivo Brandt said the "
        "chair “has never visited the schools she wants to close.”",
        "In a letter to parents, Lindqvist’s deputy, Mara Quinn, wrote that the petition "
        "came “far too late to change the vote.” Brandt replied that the letter was "
        "“an insult to every parent.”",
    )
    assert speaker_of(article, "careless and divisive") == "Greta Lindqvist"
    assert speaker_of(article, "has never visited") == "Ivo Brandt"
    assert speaker_of(article, "far too late") == "Mara Quinn"


def test_a_cue_after_a_quotation_that_ended_its_sentence_still_counts() -> None:
    article = imported(
        "Parent leader Ivo Brandt spoke after the vote.",
        "“The board will publish the numbers for every school next week.” Board chair "
        "Greta Lindqvist said Tuesday.",
    )
    assert speaker_of(article, "The board will publish") == "Greta Lindqvist"


def test_a_name_only_ever_opening_a_sentence_before_its_verb() -> None:
    article = imported(
        "Parent leader Ivo Brandt spoke for an hour on Monday.",
        "Castellano initially said in March, when the closures were first proposed, "
        "“No school will close without a full year of notice to its families.”",
    )
    assert speaker_of(article, "No school will close") == "Castellano"


def test_a_party_tag_with_full_stops_is_read_past() -> None:
    text = (
        "The dispute reached the statehouse, where Rep. Mara Quinn (D-Ore.) told reporters "
        "that she had read the petition and that “both schools deserve a second look.”"
    )
    lang = language("en")
    toks = tokenize(text, word_table(lang))
    reader = CueReader(text, toks, NameRules(lang, [toks]))
    cue = reader.reported(text.index("“"))
    assert (cue.kind, cue.name) == ("name", ("Mara", "Quinn"))


def test_a_cue_set_off_by_commas_names_the_speaker_after_it() -> None:
    article = imported(
        "Board chair Greta Lindqvist retired from teaching in 2021.",
        "The trouble with Lindqvist, says Ivo Brandt, headteacher at Fenwick High, is "
        "that she was “far too sure of her own spreadsheets.”",
    )
    assert speaker_of(article, "far too sure") == "Ivo Brandt"


def test_verbs_that_report_words_without_being_cues() -> None:
    article = imported(
        "Board chair Greta Lindqvist took questions for three hours.",
        "During the questioning, Brandt referenced a state audit showing that “fewer than "
        "half of the classrooms” were full.",
        "In a speech that Superintendent Mara Quinn called “unhelpful,” Brandt expressed a "
        "hope to “keep both schools open for one more year.”",
    )
    assert speaker_of(article, "fewer than half") == "Brandt"
    assert speaker_of(article, "keep both schools") == "Brandt"


def test_a_name_before_a_reporting_verb_is_a_person() -> None:
    article = imported(
        "Board chair Greta Lindqvist was joined on Monday by Rocco Delgado, who runs the "
        "bakery across from the school.",
        "Delgado praised the teachers and the patience of the parents at the meetings.",
        "“Somebody has to stand up for the children who walk to school every morning.”",
    )
    assert speaker_of(article, "Somebody has to stand") == "Rocco Delgado"


def test_a_pronoun_opening_a_clause_is_the_sentence_subject() -> None:
    article = imported(
        "“The closures are a mistake,” said one father at the school gates.",
        "Ivo Brandt perhaps summed it up when he wrote to the parents: “Greta Lindqvist "
        "has not once asked a family what it thinks.”",
    )
    assert speaker_of(article, "Greta Lindqvist has not") == "Ivo Brandt"


def test_a_sentence_after_the_quotation_reports_to_someone() -> None:
    article = imported(
        "Board chair Greta Lindqvist fell ill in March, weeks before the vote.",
        "In April, parent leader Ivo Brandt sent Lindqvist a card, calling her “the hardest "
        "working chair this board has known, so get well soon!” She replied to him that the "
        "card was “kind of the parents to think of me.”",
    )
    assert speaker_of(article, "the hardest working chair") == "Ivo Brandt"


def test_a_name_written_decomposed_reads_as_one_word() -> None:
    decomposed = "Mun\u0303oz"  # "Muñoz" as some systems copy it: n and a combining tilde
    article = imported(
        "Parent leader Ivo Brandt spoke first.",
        f"Director Inés {decomposed} asked families not to “give up on the schools before "
        "the summer holidays.”",
    )
    assert speaker_of(article, "give up on the schools") == "Inés Muñoz"


def test_a_plain_noun_between_two_names_after_the_cue_verb() -> None:
    article = imported(
        "Parent leader Ivo Brandt answered questions for an hour.",
        "“Closing the school means my daughter walks two miles each way,” said Brandt "
        "backer Rosa Albright after the meeting.",
    )
    assert speaker_of(article, "Closing the school") == "Rosa Albright"


def test_a_possessive_before_the_quotation_names_whose_words_they_are() -> None:
    article = imported(
        "Board chair Greta Lindqvist opposed the new bus routes.",
        "Parents still remember Brandt’s “not one child will lose a school place” pledge "
        "from the spring.",
    )
    assert speaker_of(article, "not one child") == "Brandt"


def test_a_cue_verb_of_two_words() -> None:
    article = imported(
        "“The chair has never set foot in either school,” parent leader Ivo Brandt said.",
        "When Brandt attacked her at the meeting, Greta Lindqvist fired back, “I have "
        "visited both schools twice this term, and I kept the visitor passes.”",
    )
    assert speaker_of(article, "I have visited both") == "Greta Lindqvist"
