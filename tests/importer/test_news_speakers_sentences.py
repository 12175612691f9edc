"""Where a cue belongs when quotations and sentences follow each other (issue #15,
English): a cue after a quotation that ended its own sentence may open the next sentence
instead; a name written only at the start of sentences is still a speaker when a speech
verb follows it; a party tag with full stops stands between a name and its verb. Each
test is a short invented article in the style of US news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text
from reader.importer.attribution.cues import CueReader
from reader.importer.attribution.names import NameRules
from reader.importer.attribution.tokens import tokenize, word_table
from reader.importer.language_data import language

LEAD = "The county budget ran out of money for road repairs in October."


def imported(*paragraphs: str, title: str = "The winter budget") -> Article:
    return import_text("\n\n".join([title, LEAD, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_a_sentence_after_the_quotation_reports_words_of_its_own() -> None:
    article = imported(
        "Mayor Ann Reyes and council leader Tom Hale traded blows all week.",
        "Reyes called Hale a “reckless and dangerous gambler.” Tom Hale said the mayor "
        "“has never balanced a budget in her life.”",
        "In an email to staff, Reyes’s budget director, Lena Ortiz, wrote that the plan "
        "was “dead on arrival at the statehouse.” Hale replied that the email was "
        "“a stunt.”",
    )
    assert speaker_of(article, "reckless and dangerous") == "Ann Reyes"
    assert speaker_of(article, "has never balanced") == "Tom Hale"
    assert speaker_of(article, "dead on arrival") == "Lena Ortiz"


def test_a_cue_after_a_quotation_that_ended_its_sentence_still_counts() -> None:
    article = imported(
        "Council leader Tom Hale spoke after the vote.",
        "“We will find the money somewhere in this budget.” Mayor Ann Reyes said Tuesday.",
    )
    assert speaker_of(article, "We will find the money") == "Ann Reyes"


def test_a_name_only_ever_opening_a_sentence_before_its_verb() -> None:
    article = imported(
        "Council leader Tom Hale spoke for an hour on Monday.",
        "Brackenridge initially said in the spring, when the first invoices came in, "
        "“Every one of these bills was checked twice before it was paid.”",
    )
    assert speaker_of(article, "Every one of these bills") == "Brackenridge"


def test_a_party_tag_with_full_stops_is_read_past() -> None:
    text = (
        "The row spread to the statehouse, where Sen. Dana Cole (R-S.C.) told reporters "
        "that she had spoken to the mayor and that “the money will be there by March.”"
    )
    lang = language("en")
    toks = tokenize(text, word_table(lang))
    reader = CueReader(text, toks, NameRules(lang, [toks]))
    cue = reader.reported(text.index("“"))
    assert (cue.kind, cue.name) == ("name", ("Dana", "Cole"))


def test_a_cue_set_off_by_commas_names_the_speaker_after_it() -> None:
    article = imported(
        "Mayor Ann Reyes left office in 2019.",
        "The paradox of Reyes, says Tom Hale, historian at the Harlow county library, is "
        "that she was “one of the most powerful mayors the county ever had.”",
    )
    assert speaker_of(article, "one of the most powerful") == "Tom Hale"


def test_verbs_that_report_words_without_being_cues() -> None:
    article = imported(
        "Mayor Ann Reyes answered questions for six hours.",
        "Moreover, as part of the exchange with Reyes, Hale referenced a county report "
        "that “less than one percent of the invoices” were checked.",
        "In a clip that Judge Dana Cole called “distasteful,” Hale expressed a wish to "
        "“close the whole department down for good.”",
    )
    assert speaker_of(article, "less than one percent") == "Hale"
    assert speaker_of(article, "close the whole department") == "Hale"


def test_a_name_before_a_reporting_verb_is_a_person() -> None:
    article = imported(
        "Mayor Ann Reyes was joined on Monday by Buddy Ferraro, star of a television "
        "show about cakes.",
        "Ferraro praised the mayor’s work after the floods and her way with the council.",
        "“We need someone who can cut through the noise and get the roads fixed.”",
    )
    assert speaker_of(article, "We need someone") == "Buddy Ferraro"


def test_a_pronoun_opening_a_clause_is_the_sentence_subject() -> None:
    article = imported(
        "“The roads are a disgrace,” said one resident of the north end.",
        "Tom Hale may have put it best when he wrote on his blog: “Ann Reyes is as close to "
        "a mayor for life as this county will ever see.”",
    )
    assert speaker_of(article, "Ann Reyes is as close") == "Tom Hale"


def test_a_sentence_after_the_quotation_reports_to_someone() -> None:
    article = imported(
        "Mayor Ann Reyes broke her leg in June, weeks before the budget vote.",
        "In July, council leader Tom Hale wrote to Reyes, calling her “the best mayor this "
        "county has had and the one we need for the long run!” She replied to him that it "
        "was “an honour to serve with you.”",
    )
    assert speaker_of(article, "the best mayor this county") == "Tom Hale"


def test_a_name_written_decomposed_reads_as_one_word() -> None:
    decomposed = "Pen\u0303a"  # "Peña" as some systems copy it: n and a combining tilde
    article = imported(
        "Council leader Tom Hale spoke first.",
        f"Mayor Enrique {decomposed} Nieto urged voters not to “choose the road toward "
        "closing every library in the county.”",
    )
    assert speaker_of(article, "choose the road") == "Enrique Peña Nieto"


def test_a_plain_noun_between_two_names_after_the_cue_verb() -> None:
    article = imported(
        "Mayor Ann Reyes answered questions for six hours.",
        "“Anyone who refuses to fix the roads puts every family at risk,” said Reyes "
        "constituent Dan Golvach when asked about the vote.",
    )
    assert speaker_of(article, "Anyone who refuses") == "Dan Golvach"


def test_a_possessive_before_the_quotation_names_whose_words_they_are() -> None:
    article = imported(
        "Council leader Tom Hale opposed the new parking plan.",
        "Residents have not forgotten Reyes’s “nobody in this county will pay more for "
        "parking” promise from the last campaign.",
    )
    assert speaker_of(article, "nobody in this county") == "Reyes"


def test_a_cue_verb_of_two_words() -> None:
    article = imported(
        "“The mayor has never read the budget she signed,” council leader Tom Hale said.",
        "After Hale criticised her at the hearing, Ann Reyes shot back, “I read every line "
        "of it, which is more than the council did.”",
    )
    assert speaker_of(article, "I read every line") == "Ann Reyes"
