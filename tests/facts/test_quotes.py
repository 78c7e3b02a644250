"""Quote extraction: direct, indirect and mixed quotes, their speakers and roles, pronouns, unbalanced
quotation marks, and sentences that quote nobody.

Every sentence here is written for the tests (none comes from the evaluation data).
"""

from __future__ import annotations

import re

import pytest

from reporter.facts.quotes import extract_quotes, quotations, split_role
from reporter.model import Article, Fact, Span

Found = tuple[str | None, str, bool]  # (speaker, a piece of the quote, direct)


def _article(text: str, paragraphs: bool = True) -> Article:
    spans: tuple[Span, ...] = ()
    if paragraphs:
        spans, start = (), 0
        for block in text.split("\n\n"):
            spans += (Span(start, start + len(block)),)
            start += len(block) + 2
    return Article(id="t", source="t", text=text, outlet="o", paragraphs=spans)


def _quotes(text: str) -> list[Fact]:
    return list(extract_quotes(_article(text)))


def _found(text: str) -> list[Found]:
    return [(f.speaker, f.quote or "", bool(f.direct)) for f in _quotes(text)]


def _has(found: list[Found], speaker: str | None, piece: str, direct: bool) -> bool:
    return any(s == speaker and piece in q and d == direct for s, q, d in found)


@pytest.mark.parametrize(
    "text, speaker, piece, direct",
    [
        # direct, attribution after
        (
            "“We will rebuild the bridge by spring,” Mayor Ilse Varga said.",
            "Ilse Varga",
            "rebuild the bridge",
            True,
        ),
        (
            '"The vote was rigged," said Tomas Brenner, a lawyer for the party.',
            "Tomas Brenner",
            "was rigged",
            True,
        ),
        ("“Nobody told us anything,” she said.", None, "Nobody told us", True),
        ("''It was a hard winter,'' Mr. Okafor said.", "Mr. Okafor", "hard winter", True),
        # direct, attribution before
        (
            "The ministry said in a statement: “The border remains closed.”",
            "ministry",
            "border remains closed",
            True,
        ),
        ("Ruth Adler added, “We are not going anywhere.”", "Ruth Adler", "not going anywhere", True),
        # mixed: a split quotation
        (
            "“The plan is sound,” Ortega said, “but the money is not there.”",
            "Ortega",
            "money is not there",
            True,
        ),
        # indirect
        (
            "Senator Lia Moreau said that the bill would pass next week.",
            "Lia Moreau",
            "the bill would pass",
            False,
        ),
        ("The company told investors on Monday it expected losses.", "company", "it expected losses", False),
        (
            "Prices will keep rising, the central bank warned on Tuesday.",
            "central bank",
            "Prices will keep rising",
            False,
        ),
        (
            "The storm weakened overnight, said Pavel Kreutz, a forecaster at the agency.",
            "Pavel Kreutz",
            "storm weakened",
            False,
        ),
        (
            "According to the fire brigade, the blaze started in the kitchen.",
            "fire brigade",
            "blaze started",
            False,
        ),
        (
            "The blaze started in the kitchen, according to the fire brigade.",
            "fire brigade",
            "blaze started",
            False,
        ),
        (
            "The delays, officials said, were caused by the strike.",
            "officials",
            "were caused by the strike",
            False,
        ),
        (
            "Kremlin spokesperson Ivan Sorokin blamed foreign agents for the unrest.",
            "Ivan Sorokin",
            "foreign agents",
            False,
        ),
        ("The union vowed to continue the strike until wages rise.", "union", "continue the strike", False),
        # mixed: an indirect quote carrying quoted words
        (
            "Halvorsen said the raid was “a reckless provocation” by the rebels.",
            "Halvorsen",
            "reckless provocation",
            False,
        ),
        # labelled turn
        (
            "MODERATOR: Do you regret the decision you made last year?",
            "MODERATOR",
            "regret the decision",
            False,
        ),
    ],
)
def test_quotes_and_speakers(text: str, speaker: str | None, piece: str, direct: bool) -> None:
    found = _found(text)
    expected = speaker if speaker is None else next((s for s, _, _ in found if s and speaker in s), speaker)
    assert _has(found, expected, piece, direct), found


@pytest.mark.parametrize(
    "text",
    [
        "The film “Dark Waters” opened on Friday in forty cinemas.",  # a title in quotes
        "The so-called “reforms” took effect in May.",  # scare quotes, no reporting verb
        "The said agreement was signed in 2019 by both parties.",  # "said" as an adjective
        "That said, the team played better in the second half.",  # a discourse marker
        "The report, released on Monday, runs to 300 pages.",  # "report" as a noun
        "The factory added 200 jobs last year.",  # "added" not reporting
        "Needless to say, the road was closed for hours.",
        "Her claims were never tested in court.",  # a noun after a possessive
        "The alleged attack happened near the market.",  # a participle used as an adjective
        "Ukrainian-backed units crossed the river at dawn.",  # a cue word inside a compound
        "The United States and Canada met in Ottawa.",  # a capitalised cue word inside a name
        "In a February email exchange, the aide sent the file to Ruiz.",  # "email" as a noun
    ],
)
def test_sentences_that_quote_nobody(text: str) -> None:
    assert _quotes(text) == []


def test_pronouns_take_the_last_named_speaker_of_their_kind() -> None:
    text = (
        "Governor Amara Osei said the roads would reopen on Friday.\n\n"
        "“We have crews working day and night,” she said.\n\n"
        "The Transport Ministry said it had no estimate of the cost."
    )
    speakers = [f.speaker for f in _quotes(text)]
    assert speakers == ["Amara Osei", "Amara Osei", "Transport Ministry"]


def test_a_pronoun_with_no_name_before_it_stays_unnamed() -> None:
    (fact,) = _quotes("“It is over,” he said.")
    assert fact.speaker is None


def test_a_description_stands_for_a_name_with_its_head_word() -> None:
    text = (
        "The Free Workers Union said the strike would go on.\n\n"
        "“Nobody goes back until the contracts are signed,” the union said in a statement."
    )
    assert [f.speaker for f in _quotes(text)] == ["Free Workers Union", "Free Workers Union"]


def test_quotations_following_an_attributed_one_continue_it() -> None:
    text = "“We lost the first round,” Delacroix said. “We will not lose the second.”"
    (fact,) = _quotes(text)
    assert (fact.quote, fact.evidence, fact.speaker) == (text, text, "Delacroix")


def test_an_unbalanced_quote_runs_to_the_end_of_its_paragraph() -> None:
    text = "“The water came in so fast, Okonkwo said of the flood.\n\nThe next paragraph is narration."
    marks = quotations(text, Span(0, text.index("\n")))
    assert [(q.start, q.end, q.closed) for q in marks] == [(0, text.index("\n"), False)]


def test_a_stray_closing_mark_closes_a_quote_opened_at_the_paragraph_start() -> None:
    text = "We are not leaving,” the farmer said."
    (mark,) = quotations(text, Span(0, len(text)))
    assert text[mark.start : mark.end] == "We are not leaving,”"
    (fact,) = _quotes(text)
    assert fact.speaker == "farmer" or fact.speaker == "the farmer"


def test_mixed_straight_and_typographic_marks_pair() -> None:
    text = '“Build the wall first," Ferris said.'
    (mark,) = quotations(text, Span(0, len(text)))
    assert (mark.start, mark.closed) == (0, True)


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "The mayor’s office didn’t comment on the ’90s scheme."
    assert quotations(text, Span(0, len(text))) == []


def test_a_passive_reporting_verb_does_not_make_its_subject_the_speaker() -> None:
    (fact,) = _quotes("It was reported by the Daily Courier that the talks had failed.")
    assert fact.speaker == "Daily Courier"
    assert "talks had failed" in (fact.quote or "")


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("Kremlin spokesperson Dmitry Peskov", ("Dmitry Peskov", "Kremlin spokesperson")),
        ("Belgorod Governor Vyacheslav Gladkov", ("Vyacheslav Gladkov", "Belgorod Governor")),
        ("the Freedom of Russia Legion", ("Freedom of Russia Legion", None)),
        ("the governor of Belgorod region", (None, "the governor of Belgorod region")),
        ("Sen. Tom Udall of New Mexico", ("Tom Udall", "Sen. of New Mexico")),
        ("Mr. Regalado", ("Mr. Regalado", None)),
        ("the State Department", ("State Department", None)),
        ("Critics", (None, "Critics")),
        ("a poll released Thursday", (None, "a poll released Thursday")),
    ],
)
def test_split_role(phrase: str, expected: tuple[str | None, str | None]) -> None:
    assert split_role(phrase) == expected


def test_evidence_and_quote_are_slices_of_the_text() -> None:
    text = (
        "Rescue teams reached the village on Sunday.\n\n"
        "“The first houses are gone,” said Marta Ilic, who leads the team. “We are still searching.”\n\n"
        "Officials said at least 12 people were missing, according to state radio."
    )
    facts = _quotes(text)
    assert facts
    for fact in facts:
        assert text[fact.start : fact.end] == fact.evidence
        assert fact.quote_start is not None and fact.quote_end is not None
        assert text[fact.quote_start : fact.quote_end] == fact.quote
        assert fact.start <= fact.quote_start <= fact.quote_end <= fact.end
        assert fact.id.startswith("quote-")


def test_the_whole_text_is_read_when_there_are_no_paragraphs() -> None:
    article = _article("“All flights are cancelled,” the airline said.", paragraphs=False)
    assert [f.speaker for f in extract_quotes(article)] == ["the airline"]


def test_regression_a_capitalised_state_inside_a_name_is_not_a_cue() -> None:
    # "United States" once read as the verb "state" with "the United" as its speaker
    found = _found("Delegates said the United States should pay for the repairs.")
    assert [s for s, _, _ in found] == ["Delegates"]


def test_regression_told_reuters_is_an_addressee_not_an_inverted_speaker() -> None:
    # "…, X, a spokesperson, told Reuters." once took Reuters as the speaker
    text = "The raids aim to stretch the defences, Oleg Marin, a spokesperson for the group, told Reuters."
    (fact,) = _quotes(text)
    assert (fact.speaker, fact.speaker_role) == ("Oleg Marin", "a spokesperson for the group")


def test_regression_a_name_ending_in_ly_is_not_an_adverb() -> None:
    # "Kelly said" once lost its speaker: the adverb pattern ("-ly") matched capitalised names
    (fact,) = _quotes("“Elections matter,” Kelly said.")
    assert fact.speaker == "Kelly"


def test_regression_a_party_label_between_name_and_role() -> None:
    (fact,) = _quotes("Rep. Nora Vance (D-Ore.), chair of the budget panel, said the plan was dead.")
    assert (fact.speaker, fact.quote) == ("Nora Vance", "the plan was dead")


def test_regression_the_object_of_an_infinitive_is_not_an_inverted_clause_speaker() -> None:
    text = "Some claims are hard to prove, while others matter little, said Ada Brandt, a historian."
    (fact,) = _quotes(text)
    assert (fact.speaker, fact.speaker_role) == ("Ada Brandt", "a historian")
    assert fact.quote == "Some claims are hard to prove, while others matter little"


def test_without_a_parser_the_rules_alone_run() -> None:
    article = _article("Ministers, officials said, met on Friday.")
    assert extract_quotes(article) == extract_quotes(article, None)


def test_the_parser_attributes_what_the_rules_leave() -> None:
    from reporter import nlp

    parser = nlp.load()
    if parser is None:
        pytest.skip("spaCy or its English model is not installed (rules-only mode)")
    # a subject, an aside holding a clause of its own, then the verb: no rule frame fits
    text = "The two leaders, meeting for the first time since the war, agreed the border should stay open."
    assert extract_quotes(_article(text)) == []
    (fact,) = extract_quotes(_article(text), parser)
    assert (fact.speaker, fact.quote) == ("The two leaders", "the border should stay open")
    assert text[fact.start : fact.end] == fact.evidence


# ---------------------------------------------------------------------------------------------------
# Frames added for recall: each construction found, and its look-alikes left alone


@pytest.mark.parametrize(
    "text, speaker, piece, direct",
    [
        # a participle sharing the subject of an earlier cue, its content a quotation
        (
            "The ferry will run again next week, Harlan said, adding, “We owe the islanders that much.”",
            "Harlan",
            "owe the islanders",
            True,
        ),
        # a phrasal participle ("pointing to") after an object verb
        (
            "The union rejected the offer, pointing to rising rents in the city.",
            "union",
            "rising rents",
            False,
        ),
        # a programme's title in quotation marks before the speaker is no quote of its own
        (
            "Speaking on ABC's “Morning Round,” Councillor Hana Roth said the budget was short.",
            "Hana Roth",
            "the budget was short",
            False,
        ),
        # an infinitive after a cue that otherwise needs "that"
        (
            "The two firms agreed to share the cost of the new bridge.",
            "two firms",
            "to share the cost",
            False,
        ),
    ],
)
def test_recall_frames(text: str, speaker: str | None, piece: str, direct: bool) -> None:
    found = _found(text)
    assert any(s is not None and speaker in s and piece in q and d == direct for s, q, d in found), found


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, inspectors fined the driver for speeding.",  # an opener, then a verb with an object
        "In the end, the club agreed.",  # an opening phrase is nobody's statement
        "The factory added 200 jobs last year.",
        "The two states built a water canal.",  # "states" is a noun
        "The mayor continues to rebuild the old harbour.",  # "continue to" is no statement
        "A liberal think tank compiled the figures.",  # "think tank" is a noun
        "The address listed on the permit was a parking lot.",  # a participle after its noun
        "The group has the backing of three unions.",  # "the backing" is a noun
    ],
)
def test_recall_frames_find_nothing(text: str) -> None:
    assert _quotes(text) == []


def test_regression_an_opening_phrase_is_not_the_content_of_a_verb_with_an_object() -> None:
    # "On Nov. 24, prosecutors charged X with murder" once quoted "On Nov. 24" as the prosecutors' words
    found = _found("On March 3, state prosecutors charged Lyle Penn with fraud, and the bank closed.")
    assert all("March 3" not in q for _, q, _ in found), found


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Seventy percent of farmers say the subsidy came too late.", "Seventy percent of farmers"),
        ("Some 26% say they back the plan.", "Some 26%"),
        ("More than six in 10 voters said they were tired of the race.", "More than six in 10 voters"),
        ("A source close to the minister said the talks had stalled.", "A source close to the minister"),
        ("Officials briefed on the plan said the deal was close.", "Officials briefed on the plan"),
        ("The deal was close, people familiar with the talks said.", "people familiar with the talks"),
    ],
)
def test_long_subjects_keep_their_prepositions(text: str, speaker: str) -> None:
    assert [s for s, _, _ in _found(text)] == [speaker]


@pytest.mark.parametrize(
    "text, speaker, piece",
    [
        (
            "Most voters are unhappy with the direction of the country.",
            "Most voters",
            "direction of the country",
        ),
        ("The governor is confident that the bridge will open in May.", "The governor", "bridge will open"),
        ("Senator Ruiz was not willing to back the bill.", "Ruiz", "to back the bill"),
        ("The dockers remain deeply skeptical of the new contract.", "The dockers", "the new contract"),
        # the writer's reading: no speaker unless a person or body holds the stance
        ("It is clear that the council will vote no.", None, "the council will vote no"),
        ("The plan seems to work better than the old one.", None, "The plan seems to work"),
        ("Farmers seem to care more about rain than about prices.", "Farmers", "care more about rain"),
        ("Delgado appeared irritated by the question.", "Delgado", "Delgado appeared irritated"),
    ],
)
def test_attitudes_and_appearances(text: str, speaker: str | None, piece: str) -> None:
    found = _found(text)
    assert any(s == speaker and piece in q and not d for s, q, d in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The clear water was cold in the morning.",  # an attitude word with no copula
        "She was happy.",  # no complement
        "Ortiz appeared on television on Sunday.",  # "appear" as a verb of place
        "The river is ready.",
    ],
)
def test_attitudes_find_nothing(text: str) -> None:
    assert _quotes(text) == []


# ---------------------------------------------------------------------------------------------------
# Speakers after the cue, inverted openings, quotations after an opening clause


@pytest.mark.parametrize(
    "text, speaker, piece, direct",
    [
        # an opening clause before the subject does not make the quotation a parenthetical's clause
        (
            "As the ferry docked, the captain said, “We lost a day to the storm.”",
            "the captain",
            "lost a day",
            True,
        ),
        # an inverted speaker opening with a lowercase role, and a clause about him after it
        (
            "The dam will hold, said former state engineer Ralf Ostrow, who built it.",
            "Ralf Ostrow",
            "The dam will hold",
            False,
        ),
        (
            "Few towns can afford it, says political scientist Ines Abara in Lyon.",
            "Ines Abara",
            "Few towns",
            False,
        ),
        (
            "The tender was rigged, said one council source in the room.",
            "one council source",
            "was rigged",
            False,
        ),
        # the cue opens the sentence, the speaker follows it, the quotation comes last
        (
            "Said Oona Pirk, who ran the shop for years, “Nobody came back.”",
            "Oona Pirk",
            "Nobody came back",
            True,
        ),
        # "back in …" before a colon and a quotation
        (
            "Former Mayor Pia Lund said back in the winter of 2011: “We will not sell the port.”",
            "Pia Lund",
            "not sell the port",
            True,
        ),
        # an adverb of place after the subject; a percentage as the subject
        (
            "The volunteers here said they had run out of blankets.",
            "The volunteers",
            "run out of blankets",
            False,
        ),
        ("Among young farmers, 61% say the rules are too strict.", "61%", "too strict", False),
        # a question left open after a negated cue
        ("The board has not said when it will vote on the merger.", "The board", "when it will vote", False),
    ],
)
def test_inverted_and_opening_frames(text: str, speaker: str | None, piece: str, direct: bool) -> None:
    found = _found(text)
    assert _has(found, speaker, piece, direct), found


@pytest.mark.parametrize(
    "text",
    [
        "Said to be the oldest bridge in the region, it was closed in May.",  # "Said" opens no quote
        "He said when he could.",  # "said when" without negation and no content
        "The 40% rise in rents was felt by everyone.",  # a percentage with no cue
    ],
)
def test_inverted_and_opening_frames_find_nothing(text: str) -> None:
    assert _quotes(text) == []


# ---------------------------------------------------------------------------------------------------
# Acts on a content by a source ("released a statement", "voted for the bill"): found when a person,
# a body or a document does them, left alone when a thing does


@pytest.mark.parametrize(
    "text, speaker, piece",
    [
        ("The ministry released a statement on the grain deal.", "ministry", "a statement on the grain deal"),
        ("Senator Ada Quist voted for the farm bill in March.", "Ada Quist", "the farm bill"),
        ("The union embraced the new pay scale.", "union", "the new pay scale"),
        ("Mayor Ivo Brandt downplayed the risk of flooding.", "Ivo Brandt", "the risk of flooding"),
        ("The governor has focused on school funding all year.", "governor", "school funding"),
        (
            "Senator Tova Vale is pushing colleagues to reject the port deal.",
            "Tova Vale",
            "to reject the port deal",
        ),
        ("A new poll released Monday raised doubts about the plan.", "A new poll", "doubts"),
    ],
)
def test_acts_of_sources(text: str, speaker: str, piece: str) -> None:
    found = _found(text)
    assert any(s is not None and speaker in s and piece in q for s, q, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The storm blocked the only road into the valley.",  # a thing acts: no source
        "The raid aimed at the depot failed.",  # a reduced participle after a thing
        "The vote on the bill is set for Friday.",  # "vote" as a noun
        "The release of the hostages took a week.",  # "release" as a noun
        "Heavy rain raised the river by a metre.",  # a thing again
    ],
)
def test_acts_of_things_find_nothing(text: str) -> None:
    assert _quotes(text) == []


# ---------------------------------------------------------------------------------------------------
# Nouns of stance held by their possessor ("Vance's attacks on the press", "her claim that …")


@pytest.mark.parametrize(
    "text, speaker, piece",
    [
        ("Senator Ola Vance's repeated attacks on the press drew scorn.", "Ola Vance", "the press"),
        ("Her claim that the count was rigged is false.", None, "that the count was rigged"),
        (
            "The Kemp campaign's decision to skip the debate angered voters.",
            "The Kemp campaign",
            "to skip the debate",
        ),
        ("Some unions reaffirmed their opposition to the merger.", "unions", "the merger"),
        # a weekday between the noun and its complement; an infinitive complement keeps its verb
        (
            "Despite Ruthenia’s claims on Friday to have retaken the port, fighting went on.",
            "Ruthenia",
            "to have retaken",
        ),
        # a possessive pronoun stands for the sentence's subject when it can
        (
            "Governor Ilse Marr, who faces a hard race, withdrew her endorsement of Tom Vale.",
            "Ilse Marr",
            "Tom Vale",
        ),
    ],
)
def test_stances_held_by_possessors(text: str, speaker: str | None, piece: str) -> None:
    found = _found(text)
    assert any(
        (s == speaker if speaker is None else s is not None and speaker in s) and piece in q
        for s, q, _ in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "The support for the bridge was made of oak.",  # no possessor
        "Calls for calm went unheard in the square.",  # no possessor
        "“Our support for the team never wavered,” read the banner.",  # inside a quotation, nobody's act
    ],
)
def test_stance_nouns_without_holders_find_nothing(text: str) -> None:
    assert all(f.cue not in ("support", "Calls") for f in _quotes(text))


# ---------------------------------------------------------------------------------------------------
# Opening phrases that name whose view a sentence gives; phrasal cues with a preposition


@pytest.mark.parametrize(
    "text, speaker, piece",
    [
        ("In his view, the harbour deal was a mistake.", None, "the harbour deal was a mistake"),
        (
            "In a poll released Sunday, three of four voters opposed the levy.",
            "a poll released Sunday",
            "opposed the levy",
        ),
        ("To his critics, the plan looks like a bailout.", "his critics", "looks like a bailout"),
        ("The ministry did not respond to requests for comment.", "ministry", "requests for comment"),
        ("Senator Ruiz agreed with the governor on the budget.", "Ruiz", "the governor"),
        ("The council would like to see the port reopened.", "council", "to see the port reopened"),
    ],
)
def test_view_openings_and_phrasal_cues(text: str, speaker: str | None, piece: str) -> None:
    found = _found(text)
    assert any(
        (s == speaker if speaker is None else s is not None and speaker in s) and piece in q
        for s, q, _ in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "In the first round of talks, the two sides met for an hour.",  # no view noun, no source
        "For years, the harbour stood empty.",  # a time phrase names no holder
        "In an interview, Mara Holt said the talks had failed.",  # the verb's own frame, not the opening
    ],
)
def test_view_openings_find_no_holder_of_their_own(text: str) -> None:
    assert all(f.cue not in ("In", "For", "To") for f in _quotes(text))


def test_regression_commas_inside_a_quotation_are_no_aside_before_an_inverted_speaker() -> None:
    # the comma inside the quotation once made "it" an appositive subject and the speaker's name the content
    text = '"We can win it, but it will be hard" that the bill passes, said Tom Elms, a veteran aide.'
    assert _has(_found(text), "Tom Elms", "We can win it", False), _found(text)


def test_regression_a_possessive_addressee_is_not_the_content_of_told() -> None:
    text = "This is not about me, President Ada Lind told her close aides."
    assert _has(_found(text), "Ada Lind", "This is not about me", False), _found(text)


def test_regression_an_irregular_past_verb_ends_the_subject_of_a_participle() -> None:
    text = 'Then Vale went on the attack, saying, "Is the mayor going to resign? He should!"'
    assert [s for s, _, _ in _found(text)] == ["Vale"]


def test_a_quotation_after_a_parenthetical_attribution_and_a_preposition_continues_it() -> None:
    text = "The envoy ''looked pale,'' Mr. Orr said, from ''the blow he had just taken.''"
    assert _has(_found(text), "Mr. Orr", "the blow he had just taken", True), _found(text)


@pytest.mark.parametrize(
    "text, speaker, piece",
    [
        # a judgement in the passive is about its subject: the content holds the subject
        (
            "Senator Ruiz is seen as far more capable on trade.",
            None,
            "Senator Ruiz is seen as far more capable",
        ),
        (
            "The front-runner is not expected to attend the dinner.",
            None,
            "The front-runner is not expected to attend",
        ),
        ("The vote was seen by most analysts as a defeat.", "most analysts", "The vote was seen"),
    ],
)
def test_judgements_in_the_passive(text: str, speaker: str | None, piece: str) -> None:
    found = _found(text)
    assert any(s == speaker and piece in q for s, q, _ in found), found


def test_a_passive_order_keeps_its_content_after_the_verb() -> None:
    # "told" is no judgement: the subject is the addressee, outside the content
    assert _found("The guard was told to leave the room at once.") == [
        (None, "to leave the room at once", False)
    ]


@pytest.mark.parametrize(
    "text, speaker, piece",
    [
        ('"LUNDQVIST: If I may, we have very little time left tonight.', "LUNDQVIST", "very little time"),
        ("Mayor Ivo Brandt noted the irony of the timing.", "Ivo Brandt", "the irony of the timing"),
        ("The senator posted a photo of the flooded road.", "senator", "a photo of the flooded road"),
        ("Prosecutors charged the driver with reckless homicide.", "Prosecutors", "the driver with reckless"),
    ],
)
def test_labels_after_a_mark_and_cues_taking_objects(text: str, speaker: str, piece: str) -> None:
    found = _found(text)
    assert any(s is not None and speaker in s and piece in q for s, q, _ in found), found


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a subject with a participle or prepositions the walk left of the verb would stop in
        (
            "Farmers trying to sell their crops in March say the rules are unfair.",
            "Farmers trying to sell their crops",
        ),
        (
            "Union members angry about the pay deal say they will strike.",
            "Union members angry about the pay deal",
        ),
        (
            "Opponents of tighter rules on water use say the drought is over.",
            "Opponents of tighter rules on water use",
        ),
    ],
)
def test_long_subjects_with_modifiers(text: str, speaker: str) -> None:
    assert [s for s, _, _ in _found(text)] == [speaker]


def test_a_clause_before_the_verb_is_no_long_subject() -> None:
    # "the experts I interviewed said": a relative clause, no modifier; the walk's own answer stands
    assert all(
        s != "All the experts I interviewed"
        for s, _, _ in _found("All the experts I interviewed said it was late.")
    )


def test_regression_a_clause_before_a_participle_is_no_long_subject() -> None:
    # "the corps put out a video showing two fighters … saying" once made the whole clause the speaker
    text = (
        "Separately, the corps put out a video showing two fighters in the woods saying they were scouting."
    )
    assert all("put out" not in (s or "") for s, _, _ in _found(text)), _found(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("But Ward, who’s running for the board, added that the vote was close.", "Ward"),
        ("And Ohio’s Ada Fisk, one of a handful of delegates, said the count was fair.", "Ada Fisk"),
    ],
)
def test_appositives_with_contracted_relatives_and_quantifiers(text: str, speaker: str) -> None:
    assert [s for s, _, _ in _found(text)] == [speaker]


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("Ohio’s Ada Fisk", ("Ada Fisk", "Ohio’s")),
        ("Ruthenia's Foreign Ministry", ("Ruthenia's Foreign Ministry", None)),  # a body keeps its owner
    ],
)
def test_split_role_keeps_a_possessive_place_with_the_role(
    phrase: str, expected: tuple[str | None, str | None]
) -> None:
    assert split_role(phrase) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The governor SAID on Monday that two people were wounded.",
        "“We will rebuild,” Gladkov told reporters, adding that schools would reopen.",
        "İstanbul’s mayor said the İzmir talks went well, officials added.",  # İ lower-cases to two characters
        "The ſhip’s captain ſaid nothing; the ıslanders claimed otherwise.",  # long s, dotless i
        "A 300 K reading, the lab reported, was wrong.",  # the Kelvin sign
        "Müller erklärte, the ministry DENIED it.",
        "",
    ],
)
def test_cue_words_are_found_in_the_folded_text_where_the_case_blind_pattern_finds_them(text: str) -> None:
    """cues() searches a folded copy with a case-sensitive pattern: same offsets, same words."""
    from reporter.facts.quotes import _FIRST_WORDS_FOLDED, _FIRST_WORDS_PATTERN
    from reporter.text import ascii_lower as _folded

    folded = _folded(text)
    assert len(folded) == len(text)
    case_blind = re.compile(_FIRST_WORDS_PATTERN, re.IGNORECASE)
    expected = [(m.start(), m.end()) for m in case_blind.finditer(text)]
    assert [(m.start(), m.end()) for m in _FIRST_WORDS_FOLDED.finditer(folded)] == expected
    assert expected or not text
