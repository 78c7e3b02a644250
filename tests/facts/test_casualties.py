"""Casualty extraction: figures, statuses, victims, attribution, and sentences that state no casualty.

Every sentence here is written for the tests (none comes from the evaluation data).
"""

from __future__ import annotations

import pytest

from reporter.facts.casualties import extract_casualties
from reporter.model import Article, Fact, Span

Figure = tuple[str, int | None]  # (status, count)


def _facts(text: str) -> list[Fact]:
    return list(extract_casualties(Article(id="t", source="t", text=text, outlet="o")))


def _figures(text: str) -> set[Figure]:
    return {(f.status or "", f.count) for f in _facts(text)}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The mayor said four people had been killed and three wounded in the blast.",
            {("killed", 4), ("injured", 3)},
        ),
        ("Officials claimed the army repelled the attack, killing 40 of the fighters.", {("killed", 40)}),
        ("Nine villagers were killed overnight.", {("killed", 9)}),
        ("A woman was shot and killed on Friday.", {("killed", 1)}),
        ("A man died in hospital.", {("killed", 1)}),
        ("The crash left 6 injured.", {("injured", 6)}),
        ("Five dead after the storm hit the coast.", {("killed", 5)}),
        ("A 19-year-old man was shot while riding his bike.", {("injured", 1)}),
        ("Two officers were wounded during the raid.", {("injured", 2)}),
        ("Four people were shot, one fatally, deputies said.", {("injured", 3), ("killed", 1)}),
        ("More than 2,000 residents were displaced by the floods.", {("displaced", 2000)}),
        ("Between 20 and 30 sailors are missing.", {("missing", 20)}),
        ("Police arrested three men near the scene.", {("arrested", 3)}),
        ("The death toll rose to 17.", {("killed", 17)}),
        ("Samuel Fenwick, 40, and Dora Platt, 38, were shot and killed on Sunday.", {("killed", 2)}),
        ("The attacker shot a cashier and a customer, killing both.", {("killed", 2)}),
        ("Teen shot, killed near the park", {("killed", 1)}),
        ("Rosa Quell, a 31-year-old nurse, died Sunday after being shot.", {("killed", 1)}),
        ("Tom Okafor, 29, was killed along with Ian Berg, 20, in the attack.", {("killed", 2)}),
        ("Both were taken to the hospital with minor injuries.", {("injured", 2), ("killed", 0)}),
        ("No one was hurt in the fire.", {("injured", 0)}),
        ("The rocket was intercepted without casualties.", {("killed", 0), ("injured", 0)}),
    ],
)
def test_figures(text: str, expected: set[Figure]) -> None:
    assert expected <= _figures(text)


def test_enumerated_victims_add_up_and_a_shooter_who_killed_himself_counts() -> None:
    text = (
        "A man opened fire at his home, killing his three young sons as well as his wife, police said. "
        "The gunman then took his own life, according to authorities."
    )
    killed = sorted(f.count for f in _facts(text) if f.status == "killed" and f.count is not None)
    assert killed == [1, 4, 5]


def test_vague_amounts_have_no_count() -> None:
    (fact,) = _facts("“Several people were injured,” a local official told reporters.")
    assert (fact.status, fact.count, fact.victims) == ("injured", None, "people")


def test_qualifier_and_victims() -> None:
    (fact,) = _facts("At least 14 civilians were killed, the ministry said.")
    assert (fact.count, fact.qualifier, fact.victims, fact.attributed_to) == (
        14,
        "at least",
        "civilians",
        "the ministry",
    )


@pytest.mark.parametrize(
    "text, source",
    [
        ("The governor of the province said three people had been killed.", "The governor of the province"),
        (
            "Two people were killed, according to the regional health ministry.",
            "the regional health ministry",
        ),
        ("“Two soldiers were wounded,” Colonel Brandt told the agency.", "Colonel Brandt"),
        ("Rebel leaders claimed on Monday to have killed 30 of the troops.", "Rebel leaders"),
        ("A man was shot and killed, police said.", "police"),
        ("The mayor Anna Weiss said shelling killed 8 civilians overnight.", "The mayor Anna Weiss"),
    ],
)
def test_attribution(text: str, source: str) -> None:
    assert {f.attributed_to for f in _facts(text)} == {source}


def test_pronoun_source_resolves_to_the_named_speaker_in_the_sentence() -> None:
    text = "Governor Ilse Brandt said troops were searching a village after shelling that she said killed 5 people."
    (fact,) = _facts(text)
    assert fact.attributed_to == "Governor Ilse Brandt"


@pytest.mark.parametrize(
    "text",
    [
        "We killed time at the airport before the flight.",
        "It is a killer app for editors.",
        "The 5-year-old girl turned six in 2014.",
        "They spent $125 million, or 10 billion rubles, on new 155 mm shells.",
        "Fighting for a 2nd Day in the 15-month war.",
        "The drone was shot down over the city.",
        "Gunmen shot at the patrol car at least three times.",
        "Officers said the shooting happened at 8:20 p.m. in the 400 block of Elm Street.",
        "The film Dead Man Walking opens on May 22.",
        "Police warned that the suspect may try to kill again.",
        "Missing the deadline cost the team 3 points.",
        # sport, sentences, photography, money, ages and dates
        "He shot a 3-pointer at the buzzer.",
        "Reed shot 5 of 12 from the field as the Bulls won 102-98.",
        "The photographer shot 12 frames of the parade.",
        "He got a two-year sentence for killing two deer.",
        "The Warriors beat the Spurs 102-98, killing their playoff hopes.",
        "Bail was set at $50,000 on Jan. 17, 2016, for the 34-year-old.",
        "The movie was shot in 2014 in Atlanta.",
        "These guys are still out there killing one another.",
        "The death of democracy was mourned.",
    ],
)
def test_finds_nothing(text: str) -> None:
    assert _figures(text) == set()


def test_evidence_is_the_text_at_the_offsets() -> None:
    text = "Preamble line.\n\nSix people were injured in the blast, medics said. A man died later."
    article = Article(id="a", source="a", text=text, outlet="o", paragraphs=(Span(16, len(text)),))
    facts = list(extract_casualties(article))
    assert facts
    assert all(text[f.start : f.end] == f.evidence for f in facts)
    assert all(0 <= f.confidence <= 1 for f in facts)


def test_reads_only_the_paragraphs() -> None:
    text = "Ten people were killed in an unrelated story.\n\nThe market reopened on Monday."
    article = Article(id="a", source="a", text=text, outlet="o", paragraphs=(Span(47, len(text)),))
    assert list(extract_casualties(article)) == []


def test_ids_are_stable_and_unique() -> None:
    text = "Two people were killed and two injured. A man died."
    first, second = _facts(text), _facts(text)
    assert [f.id for f in first] == [f.id for f in second]
    assert len({f.id for f in first}) == len(first)


# Regression cases, one per bug fixed: (text, figures that must be found, figures that must not be).
@pytest.mark.parametrize(
    "text, present, absent",
    [
        # reduced relative: a person noun before a participle with no object
        ("Officers found a man shot in the leg near the bus stop.", {("injured", 1)}, set()),
        ("Pell, 48, was the man killed after an argument on Elm Lane.", {("killed", 1)}, set()),
        ("Young person hurt when stray bullet enters apartment", {("injured", 1)}, set()),
        # but a participle after a non-person subject is active: "police killed" / "shot in the air"
        ("The guard shot in the air to scare them off.", set(), {("injured", 1)}),
        # "shot at least once" is a casualty; "shot at" is not
        ("The clerk was shot at least once in the chest.", {("injured", 1)}, set()),
        # wounds and treatment name their bearer, not the number of wounds
        (
            "Officer Dale Ruiz suffered three gunshot wounds in the exchange.",
            {("injured", 1)},
            {("injured", 3)},
        ),
        ("Deputies found Omar Lind with a gunshot wound to the arm.", {("injured", 1)}, set()),
        (
            "The second victim was being treated at a local hospital for wounds to the hip.",
            {("injured", 1)},
            set(),
        ),
        ("A woman is in the hospital after a shooting on the east side.", {("injured", 1)}, set()),
        ("She was later pronounced deceased at the hospital.", {("killed", 1)}, set()),
        ("The retired teacher passed away on Friday.", {("killed", 1)}, set()),
        # a gerund has no victims before it
        ("Police investigating Cedar Rapids shooting", set(), {("injured", 1)}),
        ("Four of the six shootings this month were linked to gangs.", set(), {("injured", 6)}),
        # an age at the time is no count; "killing" after a preposition is a verb with an object
        ("Ray, then 19, was shot and killed in 1996.", {("killed", 1)}, {("killed", 19)}),
        ("He admitted to killing Leo Marsh, 30 after the pair argued.", {("killed", 1)}, set()),
        # what nearly happened, or could have, did not happen
        ("The bullet came within inches of possibly killing the deputy.", set(), {("killed", 1)}),
        ("The clerk could have been killed.", set(), {("killed", 1)}),
        ("The trooper was nearly killed by the blast.", set(), {("killed", 1)}),
        # adverbs between the auxiliary and the verb; an age as the person
        ("A 15-year-old girl was accidentally shot and killed by her cousin.", {("killed", 1)}, set()),
        ("The 15-year-old died despite efforts to save her.", {("killed", 1)}, set()),
        # a subject shared by two conjoined verbs, and "they" in a clause after it
        (
            "Grant had been shot twice and was pronounced dead at the scene.",
            {("killed", 1)},
            {("injured", 1)},
        ),
        (
            "Both teens were taken to a hospital, where they died the next day.",
            {("killed", 2)},
            {("injured", 2)},
        ),
        ("Lee and the 19-year-old were taken to a nearby hospital.", {("injured", 2)}, set()),
        (
            "One man was killed, another was wounded and the rest fled.",
            {("killed", 1), ("injured", 1)},
            set(),
        ),
        # a capitalised word after "at"/"in" is a place, not a victim
        ("Nobody at the Target was injured, police said.", set(), {("injured", 1)}),
        (
            "Jo Bell, the daughter of Ken Bell, 51, who was shot and killed at home, spoke.",
            {("killed", 1)},
            set(),
        ),
        # the dead named first are not among those shot after them; a pronoun after "died" is
        (
            "Police found a man shot to death, along with two women who had been shot too.",
            {("killed", 1), ("injured", 2)},
            set(),
        ),
        ("A man died Friday after he was shot inside a barber shop.", {("killed", 1)}, {("injured", 1)}),
        ("Nell Ash was rushed to Mercy Hospital in critical condition.", {("injured", 1)}, set()),
        ("Police: Man with gunshot wound dies on north side", {("killed", 1)}, {("injured", 1)}),
        ("Shot Fired During Denver Carjacking Attempt", set(), {("injured", 1)}),
        # other times: an earlier year, a tally over a period
        (
            "A student was shot dead on Dec. 14, 2014. A gunman killed three men at the same complex in 2012.",
            {("killed", 1)},
            {("killed", 3)},
        ),
        ("Nine officers have been fatally shot this year alone, he said.", set(), {("killed", 9)}),
        # "him" before a verb is the object, not a possessive
        ("The man who shot him remains at large.", {("injured", 1)}, set()),
        # a count after a comma is not always an age; a list of ages is no count
        ("2 dead, 1 injured in shooting at corner store", {("killed", 2), ("injured", 1)}, set()),
        (
            "Officers found two victims, ages 19 and 24, with gunshot wounds.",
            {("injured", 2)},
            {("injured", 24)},
        ),
        # "a mother of three" is one person
        ("A young mother of three is dead after the shooting.", {("killed", 1)}, {("killed", 3)}),
        # "a second" as a person; an age before a preposition as a person; "had gunshot wounds"
        ("One man died and a second was wounded in the attack.", {("killed", 1), ("injured", 1)}, set()),
        ("Police discovered a 15-year-old with a gunshot wound to the leg.", {("injured", 1)}, set()),
        ("Two of the men had gunshot wounds to the legs.", {("injured", 2)}, set()),
        # "left/found X dead and Y wounded", with ages before names
        (
            "The blast left one man dead and another with serious injuries.",
            {("killed", 1), ("injured", 1)},
            set(),
        ),
        ("They found 37-year-old Ann Roe and 16-year-old Lia Roe dead in the house.", {("killed", 2)}, set()),
        # "they" opening a sentence stands for the group counted in the sentence before
        (
            "Two women were travelling in the car. They died from their injuries, the mayor said.",
            {("killed", 2)},
            set(),
        ),
        # a participle before the people it describes
        ("Unfortunately, there are wounded volunteers, the group said.", {("injured", None)}, set()),
        ("Two wounded soldiers were carried out.", {("injured", 2)}, set()),
        # a year in an aside is not the year of the figure
        (
            "Arland, which joined the alliance in 2019, said two people were killed on Friday.",
            {("killed", 2)},
            set(),
        ),
        # deaths named as nouns, with their victims after "of"
        ("Police made an arrest in the shooting death of 6-year-old Kai Carter.", {("killed", 1)}, set()),
        ("Mourners marked the deaths of two teens.", {("killed", 2)}, set()),
        ("He is charged in the murder of his wife.", {("killed", 1)}, set()),
        # a body found is a death; "in critical condition" marks the hurt
        ("A fisherman found the body of a man with a gunshot wound.", {("killed", 1)}, {("injured", 1)}),
        ("The bodies of three women were found on Friday.", {("killed", 3)}, set()),
        ("The body of the car was badly damaged.", set(), {("killed", 1)}),
        ("The attack left the victim in critical condition.", {("injured", 1)}, set()),
        # a hometown after a name is no victim; months and sentence openers are no names
        ("Dale Curtis, 27, of Trotwood was killed.", {("killed", 1)}, set()),
        ("A'Nya was fatally shot March 27 in a west-side home.", {("killed", 1)}, set()),
        ("The gunman killed two men, a woman and a child.", {("killed", 4)}, set()),
        # names after a comma spell out the counted people, they do not add to them
        (
            "He shot two deputies, Ann Ruiz, 32, and Ben Cole, 41, police said.",
            {("injured", 2)},
            {("injured", 4)},
        ),
        # "hit by a stray bullet", a "who" clause after the subject
        ("Kai, who was hit by a stray bullet, later died.", {("killed", 1)}, {("injured", 1)}),
        # lists: a shared determiner, bare commas before "and", ages before names, a couple is two
        ("Police say he killed his wife, son and daughter.", {("killed", 3)}, set()),
        (
            "31-year-old Ana Ruiz, 19-year-old Ben Ortiz-Lane and 25-year-old Cal Wu were found dead.",
            {("killed", 3)},
            set(),
        ),
        ("A mother, father, and toddler were found dead in the home.", {("killed", 3)}, set()),
        ("A local couple and their two young children were found dead.", {("killed", 4)}, set()),
        ("Earlier, a man and woman were shot to death.", {("killed", 2)}, {("killed", 3)}),
        # the main clause's subject is the one shot in "after being shot"
        ("The 27-year-old clerk is recovering after being shot in the arm.", {("injured", 1)}, set()),
    ],
)
def test_regressions(text: str, present: set[Figure], absent: set[Figure]) -> None:
    found = _figures(text)
    assert present <= found
    assert not absent & found


def test_a_title_glued_to_the_lede_is_its_own_sentence() -> None:
    title = "Cook shot outside diner | example.com"
    text = title + "A waitress trying to stop a robbery was shot outside a bar on Sunday."
    facts = list(extract_casualties(Article(id="a", source="a", text=text, outlet="o", title=title)))
    injured = [f for f in facts if f.status == "injured"]
    assert {f.count for f in injured} == {1}
    assert {f.evidence for f in injured} == {title, text[len(title) :]}


def test_a_murder_suicide_toll_already_counts_the_shooter() -> None:
    text = (
        "Three people are dead after an apparent murder-suicide at a bar. "
        "He shot two patrons and then turned the gun on himself, the sheriff said."
    )
    killed = {f.count for f in _facts(text) if f.status == "killed"}
    assert 3 in killed and 4 not in killed


@pytest.mark.parametrize(
    "text, total",
    [
        # the shooter's suicide adds to the toll of his victims
        ("He shot and killed his two sons. The gunman then took his own life, police said.", 3),
        # but not when the dead the article counts include him
        ("Carl Rhee, 41, was pronounced dead at the scene. Rhee then shot himself, police said.", None),
        ("Officers found a man and a woman dead. The man shot the woman and then shot himself.", None),
    ],
)
def test_suicide_totals(text: str, total: int | None) -> None:
    derived = {f.count for f in _facts(text) if f.status == "killed"}
    if total is None:
        assert max(derived) <= 2
    else:
        assert total in derived


@pytest.mark.parametrize(
    "text, zero",
    [
        ("Three people were injured in a shooting outside a bar on Friday.", True),
        ("Two men were wounded. Both are expected to survive, police said.", True),
        # a death anywhere in the body: no zero
        ("Two men were wounded. A third man died at the scene.", False),
        ("Five people were shot on Sunday; the homicide unit is investigating a death nearby.", False),
        # nobody hurt: nothing to derive from
        ("Shots were fired at a house on Elm Street.", False),
    ],
)
def test_injuries_without_any_death_imply_a_zero_toll(text: str, zero: bool) -> None:
    assert (("killed", 0) in _figures(text)) is zero


@pytest.mark.parametrize(
    "text, source",
    [
        # a quote credited after it, not the official named in the sentence before
        (
            "The regional governor, Ivan Petrov, said the shelling had stopped. "
            "“Several people were injured,” Anton Ruslanov told the state news agency.",
            "Anton Ruslanov",
        ),
        # the claimant of an active verb's figure, past a later clause with its own speaker
        (
            "Officials claimed on Thursday to have repelled the incursion, killing 50 of the raiders, "
            "but the rebels said they were still fighting.",
            "Officials",
        ),
        ("Five people were killed in the attack, which the group claimed, officials said.", "officials"),
        ("Two people were killed, the Interior Ministry said, citing early data.", "the Interior Ministry"),
    ],
)
def test_attribution_in_context(text: str, source: str) -> None:
    credited = {f.attributed_to for f in _facts(text) if f.count}
    if not credited:  # a vague figure ("several") is credited too
        credited = {f.attributed_to for f in _facts(text)}
    assert credited == {source}


@pytest.mark.parametrize(
    "text, victims",
    [
        ("Dale Curtis, 27, of Trotwood was killed.", "Dale Curtis"),
        ("Kendall of Ecorse was pronounced dead at the scene.", "Kendall"),
        ("Jon Weir, 24, of Memphis, Tennessee, was later pronounced dead.", "Jon Weir"),
        ("Report: Despite being shot, the deputy kept firing.", None),
    ],
)
def test_victims_are_people_not_places(text: str, victims: str | None) -> None:
    assert {f.victims for f in _facts(text) if f.count} <= {victims}


@pytest.mark.parametrize(
    "sentence",
    [
        "Two people were killed and five wounded when shells hit Kozinka, the governor said.",
        "A police-killed suspect died.Another was injured in the U.S.-led raid; 3 dead.",
        "Killing of two men: ten were left dead, don't count the injured, officials said.",
        "Drei Menschen wurden getötet; two killed in Graivoron, one wounded in Shebekino.",
        "",
    ],
)
def test_triggers_are_found_where_a_word_starts_as_the_pattern_finds_them(sentence: str) -> None:
    """Plain words skip the word pattern (the word is the token itself); the triggers must be those
    found by trying the pattern at every word start, as before that shortcut."""
    import re

    from reporter.facts import casualties

    span = Span(0, len(sentence))
    tokens = casualties._tokens(sentence, span)

    def reference() -> list[tuple[int, int]]:
        out, done = [], 0
        for token in tokens:
            if token.start < done:
                continue
            for offset in casualties._word_starts(token):
                word = re.compile(r"[A-Za-z]+").match(sentence, offset)
                if word is None or word.group().lower() not in casualties._OPENERS:
                    continue
                match = casualties._TRIGGER.match(sentence, offset, span.end)
                if match is not None:
                    done = match.end()
                    out.append(match.span())
                    break
        return out

    found = [m.span() for m in casualties._trigger_matches(sentence, tokens, span)]
    assert found == reference()
    assert found or not sentence.strip() or sentence.startswith("Drei")
