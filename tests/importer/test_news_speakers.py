"""Speakers as real news names them (issue #15): each test is a short invented article in
the style of US or Indonesian news, one per category of error found on real articles."""

from __future__ import annotations

from reader.core.model import Article
from reader.core.quote_query import speaker_matches
from reader.importer import import_text

LEAD_EN = "The campaign entered its final week on Monday with both parties short of money."
LEAD_ID = "Pemerintah daerah mengumumkan kebijakan baru pada Senin di Kota Sukamaju."


def imported(*paragraphs: str, title: str = "A long night in the state capital") -> Article:
    return import_text("\n\n".join([title, *paragraphs]))


def who(article: Article) -> list[tuple[str, str]]:
    return [(article.speaker(q.speaker).name, q.text) for q in article.quotes]


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


# -- long titles in the cue --------------------------------------------------------------


def test_abbreviated_title_stays_with_the_name() -> None:
    article = imported(
        LEAD_EN,
        "“We heard loud and clear from parents,” said Sen. Dana Whitlock (D-Ore.), who "
        "voted against the bill.",
    )
    assert who(article) == [("Dana Whitlock", "We heard loud and clear from parents")]
    assert article.speakers[0].role == "Sen."


def test_title_of_several_parts_before_the_name() -> None:
    article = imported(
        LEAD_EN,
        "“He fixed the ferries twice before,” said former Ohio Gov. and State Party "
        "Committee Chairman Ed Marlow.",
        "“Counting the ballots by hand takes weeks,” explained Democratic strategist Simon "
        "Rourke, president of a think tank in the capital.",
        "“It was the first time a candidate did it,” said Harlan’s top foreign policy aide "
        "Jake Sorensen.",
        "“The runway lights went out at nine,” said Navy Lt. Cmdr. Tyler Brandt.",
        "“The process favors the candidates who show up,” Wyoming GOP chairman Matt Ruddock "
        "said of the caucus.",
    )
    assert [name for name, _ in who(article)] == [
        "Ed Marlow",
        "Simon Rourke",
        "Jake Sorensen",
        "Tyler Brandt",
        "Matt Ruddock",
    ]


def test_title_after_a_place_is_no_name() -> None:
    article = imported(
        LEAD_EN,
        "Councillor Gareth Lowe defended the cuts on Tuesday.",
        "“Cutting a bus costs nothing this year and a fortune later,” the Kelsey ward "
        "councillor said.",
    )
    assert "Kelsey" not in {s.name for s in article.speakers}


def test_name_and_role_between_commas_before_the_verb() -> None:
    article = imported(
        LEAD_EN,
        "“Believe me, the whole county wants this bridge,” Senator Jeff Hollis, a close "
        "adviser to the nominee, told reporters.",
    )
    assert who(article) == [("Jeff Hollis", "Believe me, the whole county wants this bridge")]


# -- partial quotes inside an attributed sentence ------------------------------------------


def test_partial_quote_in_reported_speech_is_kept_with_its_speaker() -> None:
    article = imported(
        LEAD_EN,
        "Governor Ruth Calloway spoke to reporters after the vote.",
        "Senator Paul Brennan called the plan “a costly mistake” and said the state could not "
        "afford it.",
        "Brennan said last week that the governor represents “old Albany values,” stating "
        "that she had never met a tax she did not like.",
        "Calloway denounced the attacks on Tuesday, saying her office did not want “that "
        "nonsense” in the race.",
    )
    assert who(article) == [
        ("Paul Brennan", "a costly mistake"),
        ("Paul Brennan", "old Albany values"),
        ("Ruth Calloway", "that nonsense"),
    ]


def test_labels_in_reported_speech_stay_scare_quotes() -> None:
    article = imported(
        LEAD_EN,
        "Senator Paul Brennan said the state's “rainy-day” fund was empty.",
        "Brennan attacked what he called “stealth taxes” and the so-called “bridge plan”.",
    )
    assert who(article) == []


# -- not speech: titles, signs, slogans ---------------------------------------------------------


def test_titles_and_signs_are_nobodys_quote() -> None:
    article = imported(
        LEAD_ID,
        "Bupati Sukamaju Hendra Wiratama membuka webinar bertajuk “Membangun Desa Digital "
        "di Tengah Pandemi” pada Selasa.",
        "Di depan kantor bupati, warga membentangkan spanduk bertuliskan “Kami Butuh Air "
        "Bersih Bukan Janji Manis”.",
        "“Kami akan membangun jaringan air bersih tahun ini,” kata Hendra.",
    )
    assert who(article) == [
        ("Hendra Wiratama", "Kami akan membangun jaringan air bersih tahun ini")
    ]


def test_report_titled_is_no_quote() -> None:
    article = imported(
        LEAD_EN,
        "Senator Paul Brennan released a report titled “Where the Money Went and Why It "
        "Matters” on Monday.",
        "“We followed every dollar,” Brennan said.",
    )
    assert who(article) == [("Paul Brennan", "We followed every dollar")]


# -- who speaks: the sentence that reports the words, not the last name ---------------------


def test_reporting_sentence_names_the_speaker_not_the_last_mention() -> None:
    article = imported(
        LEAD_EN,
        "Mayor Carla Ventura met the network's owner, Harlan Brooks, on Thursday.",
        "“We had a frank talk,” Brooks said.",
        "At one point, Ventura said Brooks aides were calling her office “every 15 "
        "minutes. They would not take no for an answer.”",
        "Councillor Dev Anand called on her to resign and said, “Her judgment is gone!”",
    )
    assert [name for name, _ in who(article)] == ["Harlan Brooks", "Carla Ventura", "Dev Anand"]


def test_subject_behind_appositions_speaks() -> None:
    article = imported(
        LEAD_EN,
        "Marsh's lawyer, Oliver Quint, said his client had been “drowning in debts he could "
        "not admit to anyone” for years.",
        "In an interview, Steve Hollow, a former vice president of sales at Brightline, said "
        "Marsh “was personally and heavily involved in all of it.”",
        "Fire chief Rosa Medina, 54, who has led the service for six years, said crews had "
        "been “fighting the wind more than the fire” since dawn.",
    )
    assert [name for name, _ in who(article)] == ["Oliver Quint", "Steve Hollow", "Rosa Medina"]


def test_a_speaker_named_after_a_preposition_is_still_a_person() -> None:
    article = imported(
        LEAD_EN,
        "Voters in Ohio said they had lost faith in Brennan after the debate.",
        "“We will win this state back,” Brennan said on Tuesday.",
        "“Bring a neighbour to the polls tomorrow,” Brennan mused.",
    )
    assert [name for name, _ in who(article)] == ["Brennan", "Brennan"]


# -- English specifics --------------------------------------------------------------------


def test_possessive_title_after_the_verb() -> None:
    article = imported(
        LEAD_EN,
        "Senator Ann Kowalski spoke to supporters in Reno on Saturday.",
        "“We will knock on every door in the valley,” added her campaign manager Jeff "
        "Warrick, speaking to reporters after the rally.",
    )
    assert [name for name, _ in who(article)] == ["Jeff Warrick"]


def test_name_and_colon_introduce_the_words() -> None:
    article = imported(
        LEAD_EN,
        "Governor Ruth Calloway spoke in Dayton on Monday.",
        "RAIN MAY KEEP THE FARMERS HOME - Michael P. Landry: “After months of guessing, "
        "the tallies from the first counties are finally in.”",
    )
    assert [name for name, _ in who(article)] == ["Michael P. Landry"]


def test_nested_single_quote_before_the_closing_mark() -> None:
    article = imported(
        LEAD_EN,
        "Volunteers knocked on doors across Richland County all week.",
        "\"They keep asking what the sign saying 'Calloway' is for,' \" said Bree "
        'Maxton, a 31-year-old volunteer. "But they are very receptive."',
    )
    assert [name for name, _ in who(article)] == ["Bree Maxton", "Bree Maxton"]


# -- nicknames ----------------------------------------------------------------------------


def test_a_nickname_in_the_cue_is_kept_as_an_alias() -> None:
    article = imported(
        LEAD_ID,
        "Presiden Joko Widodo meresmikan jalan tol baru di Sukamaju pada Senin.",
        "“Jalan ini untuk rakyat, bukan untuk pejabat,” kata Jokowi.",
        title="Presiden Resmikan Jalan Tol Sukamaju",
    )
    speaker = article.speakers[0]
    assert speaker.name == "Joko Widodo"
    assert "Jokowi" in speaker.aliases
    assert speaker_matches(speaker, "jokowi")


# -- the cue after a quotation: tags, abbreviations, the end of the sentence ----------------


def test_cue_after_a_name_with_a_party_tag_or_an_abbreviated_title() -> None:
    # The first quotations of the article: nobody is in view to fall back on.
    article = imported(
        "“By parking its trucks across the border, the firm dodges the toll,” Senate "
        "Minority Leader Harold J. Benton (D-Ore.) said in a statement.",
        "“Carolina takes the cup this year,” Gov. Kasey replied. “Sad but true.”",
    )
    assert who(article) == [
        ("Harold J. Benton", "By parking its trucks across the border, the firm dodges the toll"),
        ("Kasey", "Carolina takes the cup this year"),
        ("Kasey", "Sad but true."),
    ]


def test_cue_at_the_end_of_the_sentence_a_quotation_opens() -> None:
    article = imported(
        LEAD_EN,
        "Mayor Lena Okafor opened the meeting. “We will rebuild the pier,” she said.",
        '"We are angry and saddened" by the graffiti on the library, Tarek Nassar said.',
        '"She may hope so, but the sums say otherwise" that Delgado can close the gap, said '
        "Steve Ormond, a strategist for the party.",
    )
    assert who(article) == [
        ("Lena Okafor", "We will rebuild the pier"),
        ("Tarek Nassar", "We are angry and saddened"),
        ("Steve Ormond", "She may hope so, but the sums say otherwise"),
    ]


def test_cue_after_a_description_then_the_name_between_commas() -> None:
    # '"…," the presumptive nominee, NAME, tweeted': the name after the description
    # speaks, not the senator mentioned last (nor the governor last reported speaking).
    article = imported(
        LEAD_EN,
        "Governor Ellen Marsh spoke to reporters about the budget. Later she met Senator "
        "Tom Velde, who has opposed the plan for months.",
        "“We will not sign a budget that closes a single school,” the state's "
        "longest-serving Democrat, Rosa Kimball, said after the meeting.",
        "“Nobody in this building wants a shutdown,” the governor's chief of staff, Paul "
        "Denning, told reporters.",
    )
    assert who(article) == [
        ("Rosa Kimball", "We will not sign a budget that closes a single school"),
        ("Paul Denning", "Nobody in this building wants a shutdown"),
    ]
    assert article.speakers[0].role == "state's longest-serving Democrat"


def test_partial_quote_after_a_number_or_an_abbreviation_with_full_stops() -> None:
    # "$1.6" and "U.S." hold a full stop that ends no sentence: the reporting verb before
    # them still reports the partial quote.
    article = imported(
        LEAD_EN,
        "In April, Senator Mara Quill called the shipyard's plan to spend $2.4 million "
        "on a yacht “a slap in the face,” and demanded an audit.",
        "Trade ministry spokeswoman Hu Lanying said her office followed the U.S. "
        "tariff talks with “quiet patience.”",
    )
    assert who(article) == [
        ("Mara Quill", "a slap in the face"),
        ("Hu Lanying", "quiet patience."),
    ]


def test_partial_quotes_reported_by_verbs_of_criticism() -> None:
    article = imported(
        LEAD_EN,
        "Governor Ellen Marsh decried the council for “turning its back” on the town.",
        "Jon Petrakis bemoaned a climate in which neighbours “literally hate each other.”",
        "The pledge to “fix the roads first” and “start over” appeals to older voters, "
        "said Alan Brodsky, a demographer.",
    )
    assert who(article) == [
        ("Ellen Marsh", "turning its back"),
        ("Jon Petrakis", "literally hate each other."),
        ("Alan Brodsky", "fix the roads first"),
        ("Alan Brodsky", "start over"),
    ]


def test_possessive_title_before_a_comma_and_the_name() -> None:
    article = imported(
        LEAD_EN,
        "“We are treating the whole month as one long election day,” said Harlan’s deputy "
        "campaign manager, Rich Alden, who ran the ground game four years ago.",
    )
    assert who(article) == [
        ("Rich Alden", "We are treating the whole month as one long election day"),
    ]
    assert article.speakers[0].role == "Harlan’s deputy campaign manager"


# -- where a person comes from is not a person ----------------------------------------------


def test_name_of_a_place_after_a_cue_verb() -> None:
    article = imported(
        LEAD_EN,
        "“What a night!” beamed Donald Hartwell of Madison, Alabama, who had climbed over "
        "the rail from the press box.",
        "“Some will take weeks to come round,” said Gov. Phil Brayton of Mississippi, once a "
        "rival of the senator.",
    )
    assert who(article) == [
        ("Donald Hartwell", "What a night!"),
        ("Phil Brayton", "Some will take weeks to come round"),
    ]


def test_a_state_after_a_town_is_no_speaker() -> None:
    article = imported(
        LEAD_EN,
        "Governor Ruth Adler spoke first. “We will not wait,” she said.",
        "Marla Quinn, at a school board forum in Dayton, Ohio, said she would “reopen "
        "every shuttered library branch.”",
    )
    assert who(article)[-1] == ("Marla Quinn", "reopen every shuttered library branch.")


def test_party_tag_between_commas_or_before_the_comma_of_the_cue() -> None:
    article = imported(
        "“Perpetual motion!” Rep. Glenn Thorpe, R-Pa., said of the convention.",
        "On Tuesday Gov. John Kasner (R-OH), said, “I might take the train to every county.”",
    )
    assert who(article) == [
        ("Glenn Thorpe", "Perpetual motion!"),
        ("John Kasner", "I might take the train to every county."),
    ]


def test_a_role_no_list_holds_before_the_name_and_its_verb() -> None:
    article = imported(
        LEAD_EN,
        "“Just saw the tweet. I am impressed by his range,” screenwriter Cole Hadley wrote on "
        "the site.",
        "“Hardly any bankers believed us,” remembered Roy Vernon, the firm's former spokesman.",
    )
    assert who(article) == [
        ("Cole Hadley", "Just saw the tweet. I am impressed by his range"),
        ("Roy Vernon", "Hardly any bankers believed us"),
    ]
    assert article.speakers[0].role == "screenwriter"


def test_a_role_after_the_name_that_runs_into_the_verb() -> None:
    # No comma closes the role: "Sam Laurie, the press officer for the party said". The
    # name is still a speaker, and the next quotation is theirs.
    article = imported(
        LEAD_EN,
        "Senator Ada Morrow wants a recount. “We deserve to know,” she said.",
        "Sam Laurie, the press officer for the state party said in a statement "
        "that the count was final.",
        "“Every machine was checked twice by both sides.”",
    )
    assert who(article)[-1] == ("Sam Laurie", "Every machine was checked twice by both sides.")


def test_party_and_campaign_titles_before_the_name() -> None:
    article = imported(
        "“The fact that the firm is leaving is disgusting,” Republican candidate Donald Trask "
        "said in a statement.",
        "“This merger will leave taxpayers holding the bag,” Democratic nominee Helen Carrow said.",
    )
    assert who(article) == [
        ("Donald Trask", "The fact that the firm is leaving is disgusting"),
        ("Helen Carrow", "This merger will leave taxpayers holding the bag"),
    ]
    assert [s.role for s in article.speakers] == ["Republican candidate", "Democratic nominee"]


# -- cues in the paragraph before ----------------------------------------------------------


def test_a_paragraph_ending_with_a_colon_introduces_the_next_quotation() -> None:
    article = imported(
        LEAD_EN,
        "Senator Ruth Ambler praised the plan. “It is overdue,” she said.",
        "When Walter Grange retired in 2003, President Tom Keller issued the following statement:",
        "“Anne and I thank Walter Grange for forty years at the county archive.”",
    )
    assert who(article)[-1] == (
        "Tom Keller",
        "Anne and I thank Walter Grange for forty years at the county archive.",
    )


# -- a body speaks -----------------------------------------------------------------------------


def test_an_organisation_reported_speaking_is_the_speaker() -> None:
    article = imported(
        LEAD_EN,
        "Campaign manager Rob Mayhew criticised the rival campaign. “They took our data,” he said.",
        "In a statement early Saturday, the DNC said the volunteers’ posts were “completely "
        "out of line” and that it would look into them.",
    )
    assert who(article)[-1] == ("The DNC", "completely out of line")


def test_a_role_mentioned_in_lower_case_points_to_its_holder() -> None:
    article = imported(
        LEAD_EN,
        "Finance Minister Daniel Okoro presented the budget on Tuesday.",
        "Opposition leader Sarah Hale attacked it at once. “It is a tax on work,” Hale said.",
        "The minister said: “We had no choice.”",
    )
    assert who(article)[-1] == ("Daniel Okoro", "We had no choice.")


def test_lower_case_words_no_list_holds_before_the_name() -> None:
    # The first quotations of the article: without the name they would have no speaker.
    article = imported(
        '"Thanks, Brookfield, for feeding these volunteers," said master of ceremonies Odo '
        "Ferrand, a baker who came to the town decades ago.",
        '"By writing this into the charter, we bind every later council," state Sen. Jason '
        "Holman (D) said during the long debate.",
    )
    assert who(article) == [
        ("Odo Ferrand", "Thanks, Brookfield, for feeding these volunteers"),
        ("Jason Holman", "By writing this into the charter, we bind every later council"),
    ]
    assert [s.role for s in article.speakers] == ["master of ceremonies", "state Sen."]
