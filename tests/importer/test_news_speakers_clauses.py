"""Speakers whose cue is a clause away from the quotation (issue #15, English): a
participle that reports the main clause's subject, and the like. Each test is a short
invented article in the style of US political news."""

from __future__ import annotations

from reader.core.model import Article
from reader.importer import import_text

LEAD = "The campaign entered its final week on Monday with both parties short of money."


def imported(*paragraphs: str, title: str = "A long night in the state capital") -> Article:
    return import_text("\n\n".join([title, *paragraphs]))


def speaker_of(article: Article, start: str) -> str:
    quote = next(q for q in article.quotes if q.text.startswith(start))
    return article.speaker(quote.speaker).name


def test_a_participle_reports_the_main_clause_subject() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes and Governor Paul Whitfield met in Dover on Friday.",
        "Reyes ratcheted up her attacks on Governor Paul Whitfield on Tuesday, saying he "
        "is “weak on schools, weak on roads, weak on everything.”",
        "Speaking at a town hall in Dover, Delmarva, Whitfield went after Reyes, calling "
        "her “a total amateur.”",
        "Whitfield answered a post by Reyes on the town forum writing, “Fine, I will meet "
        "you at any school you pick.”",
    )
    assert speaker_of(article, "weak on schools") == "Ann Reyes"
    assert speaker_of(article, "a total amateur") == "Paul Whitfield"
    assert speaker_of(article, "Fine, I will meet") == "Paul Whitfield"


def test_a_participle_after_a_cue_reports_that_cue_speaker() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes spoke to Tom Hale, the county clerk, after the count.",
        "Hale left the hall before the speeches, Reyes said, adding, “He never stays for "
        "the speeches.”",
    )
    assert speaker_of(article, "He never stays") == "Ann Reyes"


def test_a_participle_with_its_own_subject_reports_that_subject() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes met Governor Paul Whitfield for an hour on Friday.",
        "Afterwards both issued a statement, Reyes saying she was “very encouraged” and "
        "Whitfield calling it “a great and honest meeting.”",
    )
    assert speaker_of(article, "very encouraged") == "Ann Reyes"
    assert speaker_of(article, "a great and honest meeting") == "Paul Whitfield"


def test_a_dateline_is_no_subject() -> None:
    article = imported(
        "Harlow (AP) – Governor Paul Whitfield has taken a swipe at Mayor Ann Reyes over the "
        "budget, saying that “loud promises” do more harm than good.",
        "Whitfield spoke to the Harlow council on Monday.",
    )
    assert speaker_of(article, "loud promises") == "Paul Whitfield"


def test_an_outlet_that_reported_the_words_is_their_source() -> None:
    article = imported(
        LEAD,
        "Harlow Daily News reported on Thursday that “investigators are looking at every "
        "payment the campaign made in March.”",
    )
    assert speaker_of(article, "investigators are looking") == "Harlow Daily News"


def test_a_clause_after_the_cue_verb_names_no_speaker() -> None:
    article = imported(
        LEAD,
        "Senator Dana Cole and Governor Paul Whitfield argued over taxes on Friday.",
        "Senator Dana Cole (D) said Whitfield's tax plan would cost the state millions, and "
        "called him “the loudest voice for a plan that nobody has read.”",
    )
    assert speaker_of(article, "the loudest voice") == "Dana Cole"
    assert "Whitfield's" not in {s.name for s in article.speakers}


def test_a_time_phrase_between_the_subject_and_the_verb() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes and Governor Paul Whitfield both spoke at the dinner.",
        "“We will finish the bridge,” Whitfield said.",
        "Much of the anger in the hall was aimed at Tom Hale, whom Reyes on Wednesday "
        "called “a careless steward of the budget.”",
    )
    assert speaker_of(article, "a careless steward") == "Ann Reyes"


def test_a_line_that_signs_a_quotation_names_its_speaker() -> None:
    article = imported(
        LEAD,
        "Governor Paul Whitfield opened the session with a long speech on roads.",
        '"If the mayor loses the north of the state, that could create real problems for '
        "her campaign.",
        'Dana Cole, Center for Fiscal Studies."',
        "The mayor’s team shrugged off the warning.",
        '"Great debate. She is tested. She never quits."',
        "-Tom Hale, writing after the debate.",
    )
    assert speaker_of(article, "If the mayor loses") == "Dana Cole"
    assert speaker_of(article, "Great debate") == "Tom Hale"


def test_a_newspaper_after_the_quotation_is_its_source() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes opened the debate with a speech on roads.",
        "“She seems to be less welcome in the north than anyone expected,” the Harlow "
        "Gazette wrote on Tuesday.",
    )
    assert speaker_of(article, "She seems to be less welcome") == "The Harlow Gazette"


def test_according_to_opening_the_sentence_names_the_source() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes opened the debate with a speech on roads.",
        "According to Senator Dana Cole, the new budget is “a total disaster” for families.",
    )
    assert speaker_of(article, "a total disaster") == "Dana Cole"


def test_a_possessive_names_its_owner_and_is_no_subject() -> None:
    article = imported(
        LEAD,
        "Governor Paul Whitfield's party won the most seats on Sunday.",
        "Whitfield said Monday that he hopes to “patch every bridge before the frost” this month.",
        "Tom Hale, Mayor Ann Reyes's campaign manager, scolded Whitfield for playing “the "
        "referee and the striker” in the inquiry.",
    )
    assert speaker_of(article, "patch every bridge before the frost") == "Paul Whitfield"
    assert speaker_of(article, "the referee and the striker") == "Tom Hale"
    assert not any(s.name.endswith("'s") for s in article.speakers)


def test_a_full_stop_inside_the_closing_mark_ends_the_sentence() -> None:
    article = imported(
        LEAD,
        "Governor Paul Whitfield and Mayor Ann Reyes traded posts all morning.",
        'Then came another post, in which Reyes boasted of "calling the flood first." '
        'And then Whitfield went on the attack, saying, "Is the mayor ever going to '
        'explain the budget?"',
    )
    assert speaker_of(article, "Is the mayor ever going") == "Paul Whitfield"


def test_role_words_and_verbs_of_us_political_news() -> None:
    article = imported(
        LEAD,
        "Mayor Ann Reyes and Governor Paul Whitfield spoke on Friday.",
        "“Tom and I used to mend boats together,” said Reyes ally Dana Cole.",
        "“Imagine the two of them on one stage,” mused Gazette co-host Sam Porter.",
        "“We will not sign it,” Reyes said of the plan.",
        "Whitfield blamed the council's “three lazy members” for the delay.",
        "“The bridge will open in May,” Whitfield said.",
        "Few remember the floods for what they were (Tom Hale, who wrote the first report, "
        "once said, “The river rose so often that the clerks stopped writing it down”).",
    )
    assert speaker_of(article, "Tom and I used to mend") == "Dana Cole"
    assert speaker_of(article, "Imagine the two of them") == "Sam Porter"
    assert speaker_of(article, "three lazy members") == "Paul Whitfield"
    assert speaker_of(article, "The river rose so often") == "Tom Hale"


def test_several_appositions_between_the_name_and_the_verb() -> None:
    article = imported(
        LEAD,
        "Governor Paul Whitfield opened the convention with a long speech on roads.",
        "“Neither plan feeds my goats,” Gus Pelley, 47, of Milford, Del., who answered the "
        "survey by post, said in a later phone call.",
        "“I have sat through livelier fairs than this,” Kent County delegate Otis Marr, "
        "wearing a straw boater and “Reyes for Mayor” badges, said.",
        "The fresh permits “will not end the queue, but they shorten it,” Anne Richards, "
        "secretary for housing, planning, and roads, said on the same call.",
    )
    assert speaker_of(article, "Neither plan feeds my goats") == "Gus Pelley"
    assert speaker_of(article, "I have sat through livelier") == "Otis Marr"
    assert speaker_of(article, "will not end the queue") == "Anne Richards"


def test_a_bracket_that_describes_is_part_of_the_apposition() -> None:
    article = imported(
        LEAD,
        "Governor Paul Whitfield opened the convention with a long speech on roads.",
        "Lyle Penrose, chairman of Dover Forward (a party committee), posted: “Half the "
        "hall is waving “Ask Reyes” flags tonight.”",
    )
    assert speaker_of(article, "Half the hall is waving") == "Lyle Penrose"


def test_a_role_word_after_a_first_name_is_a_surname() -> None:
    article = imported(
        LEAD,
        "Governor Paul Whitfield opened the session with a long speech on roads.",
        "“The waiting lists got shorter in every county,” Lena Pope, deputy "
        "housing adviser, said on a morning conference call.",
    )
    assert speaker_of(article, "The waiting lists got shorter") == "Lena Pope"


def test_according_to_a_named_source_after_the() -> None:
    article = imported(
        LEAD,
        "Governor Paul Whitfield opened the session with a long speech on roads.",
        "According to The Dover Ledger, the volunteers carried signs that read “Ask Reyes first.”",
    )
    assert speaker_of(article, "Ask Reyes first") == "The Dover Ledger"


def test_a_cue_verb_after_and_shares_the_sentence_subject() -> None:
    article = imported(
        LEAD,
        "“The roads come first,” Mayor Ann Reyes said.",
        "Brandon Tully raised both palms to hush the crowd, then leaned in and boomed: “Let us "
        "win this in November.”",
    )
    assert speaker_of(article, "Let us win this") == "Brandon Tully"


def test_a_short_form_in_brackets_stays_inside_the_role_after_a_name() -> None:
    article = imported(
        LEAD,
        "“The roads come first,” Mayor Ann Reyes said.",
        "Dana Cole, the State Commissioner for Housing (SCH), reacted coolly to the plan, "
        "“We will read every page before we sign anything.”",
    )
    assert speaker_of(article, "We will read every page") == "Dana Cole"
    assert article.speaker("cole").role == "State Commissioner for Housing (SCH)"


def test_two_people_named_before_the_verb_speak_together() -> None:
    article = imported(
        LEAD,
        "“The roads come first,” Mayor Ann Reyes said.",
        "“Nobody asked the harbour towns before the map was redrawn,” state "
        "Senate leader Dana Cole and House majority leader Tom Hale, both Republicans, said "
        "in a joint letter.",
    )
    assert speaker_of(article, "Nobody asked the harbour towns") == "Dana Cole and Tom Hale"
