"""Tests of counted figures about an article's main crisis.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish); the numbers are given
by hand, as the temporal matcher would report them.
"""

from __future__ import annotations

from dataclasses import replace

from collections.abc import Iterable

import pytest
from conftest import article_context, parse_table, temporal_span
from spacy.tokens import Doc

from beslan_kg.nlp.figures import extract_figures
from beslan_kg.nlp.temporal import TemporalSpan
from beslan_kg.records import EventRecord, Evidence, Figure, Quantity

#: The local id the figures are attached to; any main crisis would do.
CRISIS = "event-hostagecrisis"


def parse(lang: str, table: str) -> Doc:
    """Build a Doc parsed by hand, as :func:`conftest.parse_table` does, for the figures step.

    The step is handed its crisis and events, so the Doc goes through no
    entity component, and it has only the fine tags the table writes.
    """
    return parse_table(lang, table, annotate=False, fine_tags=False)


def count(doc: Doc, text: str, value: int, qualifier: str = "exact") -> TemporalSpan:
    """Return the quantity the temporal matcher reports for ``text``, which occurs once in ``doc``."""
    return temporal_span(doc, text, "quantity", Quantity(value, qualifier, text))


def duration(doc: Doc, text: str, value: int, unit: str) -> TemporalSpan:
    """Return the duration the temporal matcher reports for ``text``, which occurs once in ``doc``."""
    return temporal_span(doc, text, "duration", Quantity(value, "exact", text), unit)


def figures(
    lang: str, doc: Doc, temporal: Iterable[TemporalSpan], event: str | None = CRISIS, events: Iterable[EventRecord] = ()
) -> list[Figure]:
    """Return the figures :func:`extract_figures` finds about ``event``, given the numbers and events found."""
    return extract_figures(article_context(lang, doc, temporal=temporal), event, events)


def reported(doc: Doc, word: str, event_class: str) -> EventRecord:
    """Return the event the event step reports at ``word``, which occurs once in ``doc``."""
    [token] = [t for t in doc if t.text == word]
    sent = token.sent
    evidence = Evidence("test", token.idx, token.idx + len(token), token.text, sent.start_char, sent.end_char, sent.text)
    return EventRecord(f"event-{event_class.lower()}", event_class, None, (evidence,))


def summary(found: list[Figure]) -> list[tuple[str, int, str]]:
    """Return ``(measure, value, qualifier)`` of each figure, in order."""
    return [(f.measure, f.quantity.value, f.quantity.qualifier) for f in found]


# --------------------------------------------------------------------------
# The measure


ES_INJURED = """
    Más         ADV   advmod 2 más
    de          ADP   case   0
    200         NUM   nsubj  3
    resultaron  VERB  ROOT   3 resultar
    heridos     ADJ   obj    3 herido
    .           PUNCT punct  3
"""


def test_a_count_followed_by_its_measure_es():
    doc = parse("es", ES_INJURED)
    found = figures("es", doc, [count(doc, "Más de 200", 200, "more_than")])
    assert summary(found) == [("Injured", 200, "more_than")]
    assert found[0].event == CRISIS
    assert found[0].evidence.text == "Más de 200"


def test_a_count_of_a_noun_followed_by_its_measure_en():
    doc = parse("en", """
        More     ADJ   amod       2 more
        than     ADP   quantmod   2
        200      NUM   nummod     3
        people   NOUN  nsubjpass  5 people
        were     AUX   auxpass    5 be
        wounded  VERB  ROOT       5 wound
        .        PUNCT punct      5
    """)
    found = figures("en", doc, [count(doc, "More than 200", 200, "more_than")])
    assert summary(found) == [("Injured", 200, "more_than")]


def test_a_count_of_the_measure_noun_itself_es():
    doc = parse("es", """
        Llegaron     VERB  ROOT    0 llegar
        32           NUM   nummod  2
        terroristas  NOUN  nsubj   0 terrorista
        .            PUNCT punct   0
    """)
    found = figures("es", doc, [count(doc, "32", 32)])
    assert summary(found) == [("Attackers", 32, "exact")]


@pytest.mark.parametrize(("complement", "lemma", "expected"), [("missing", "miss", [("Missing", 11, "exact")]), ("guests", "guest", [])])
def test_a_count_reported_as_a_measure_en(complement, lemma, expected):
    # "11 others were reported as missing": the "as" phrase of the verb says what the counted are; "as guests" says none.
    doc = parse("en", f"""
        11        NUM   nummod     1
        others    NOUN  nsubjpass  3 other
        were      AUX   auxpass    3 be
        reported  VERB  ROOT       3 report
        as        ADP   prep       3
        {complement}  NOUN  pcomp  4 {lemma}
        .         PUNCT punct      3
    """)
    assert summary(figures("en", doc, [count(doc, "11", 11)])) == expected


@pytest.mark.parametrize(
    ("lang", "table", "text", "value"),
    [
        # "12 people lost their lives"
        ("en", """
            12      NUM   nummod  1
            people  NOUN  nsubj   2 people
            lost    VERB  ROOT    2 lose
            their   PRON  poss    4 their
            lives   NOUN  dobj    2 life
            .       PUNCT punct   2
        """, "12", 12),
        # "El sismo cobró la vida de 12 personas"
        ("es", """
            El        DET   det     1 el
            sismo     NOUN  nsubj   2
            cobró     VERB  ROOT    2 cobrar
            la        DET   det     4 el
            vida      NOUN  obj     2 vida
            de        ADP   case    7 de
            12        NUM   nummod  7
            personas  NOUN  nmod    4 persona
            .         PUNCT punct   2
        """, "12", 12),
    ],
)
def test_a_verb_and_its_object_say_the_measure_together(lang, table, text, value):
    doc = parse(lang, table)
    assert summary(figures(lang, doc, [count(doc, text, value)])) == [("Deaths", value, "exact")]


def test_a_verb_of_an_idiom_with_another_object_says_no_measure_en():
    # "Investors lost 12 cars": "lose" counts deaths only with "lives".
    doc = parse("en", """
        Investors  NOUN  nsubj   1 investor
        lost       VERB  ROOT    1 lose
        12         NUM   nummod  3
        cars       NOUN  dobj    1 car
        .          PUNCT punct   1
    """)
    assert summary(figures("en", doc, [count(doc, "12", 12)])) != [("Deaths", 12, "exact")]


def test_a_count_found_in_a_state_en():
    doc = parse("en", """
        Five     NUM   nummod     1
        workers  NOUN  nsubjpass  4 worker
        were     AUX   auxpass    4 be
        later    ADV   advmod     4 later
        found    VERB  ROOT       4 find
        dead     ADJ   oprd       4 dead
        .        PUNCT punct      4
    """)
    found = figures("en", doc, [count(doc, "Five", 5)])
    assert summary(found) == [("Deaths", 5, "exact")]


# --------------------------------------------------------------------------
# Subgroups


def test_a_part_of_a_count_with_no_measure_of_its_own_is_no_figure_es():
    # "dejó 12 muertos, entre ellos nueve policías": the policemen are among the 12 dead.
    doc = parse("es", """
        dejó      VERB  ROOT    0 dejar
        12        NUM   nummod  2
        muertos   NOUN  obj     0 muerto
        ,         PUNCT punct   6
        entre     ADP   case    5 entre
        ellos     PRON  nmod    7 él
        nueve     NUM   nummod  7
        policías  NOUN  appos   2 policía
        .         PUNCT punct   0
    """)
    found = figures("es", doc, [count(doc, "12", 12), count(doc, "nueve", 9)])
    assert summary(found) == [("Deaths", 12, "exact")]


def test_a_part_of_a_count_with_no_measure_of_its_own_is_no_figure_en():
    # "killed 12 people, including nine officers"
    doc = parse("en", """
        killed     VERB  ROOT    0 kill
        12         NUM   nummod  2
        people     NOUN  dobj    0 people
        ,          PUNCT punct   2
        including  VERB  prep    2 include
        nine       NUM   nummod  6
        officers   NOUN  pobj    4 officer
        .          PUNCT punct   0
    """)
    found = figures("en", doc, [count(doc, "12", 12), count(doc, "nine", 9)])
    assert summary(found) == [("Deaths", 12, "exact")]


def test_children_among_the_dead_en():
    doc = parse("en", """
        The        DET   det    1
        blast      NOUN  nsubj  2
        ripped     VERB  ROOT   2 rip
        through    ADP   prep   2
        the        DET   det    5
        market     NOUN  pobj   3
        ,          PUNCT punct  2
        killing    VERB  advcl  2 kill
        40         NUM   dobj   7
        ,          PUNCT punct  7
        including  VERB  prep   7 include
        12         NUM   nummod 12
        children   NOUN  pobj   10 child
        .          PUNCT punct  2
    """)
    found = figures("en", doc, [count(doc, "40", 40), count(doc, "12", 12)])
    assert summary(found) == [("Deaths", 40, "exact"), ("ChildDeaths", 12, "exact")]


def test_children_among_the_dead_es():
    doc = parse("es", """
        La         DET   det    1 el
        explosión  NOUN  nsubj  2
        mató       VERB  ROOT   2 matar
        a          ADP   case   5
        40         NUM   nummod 5
        personas   NOUN  obj    2 persona
        ,          PUNCT punct  10
        entre      ADP   case   8
        ellas      PRON  nmod   9 él
        12         NUM   nummod 10
        niños      NOUN  nmod   5 niño
        .          PUNCT punct  2
    """)
    found = figures("es", doc, [count(doc, "40", 40), count(doc, "12", 12)])
    assert summary(found) == [("Deaths", 40, "exact"), ("ChildDeaths", 12, "exact")]


def test_children_freed_are_counted_as_freed():
    # Only deaths have a children's measure; freed children stay freed people.
    doc = parse("en", """
        Troops    NOUN  nsubj  1 troop
        freed     VERB  ROOT   1 free
        12        NUM   nummod 3
        children  NOUN  dobj   1 child
        .         PUNCT punct  1
    """)
    found = figures("en", doc, [count(doc, "12", 12)])
    assert summary(found) == [("Released", 12, "exact")]


# --------------------------------------------------------------------------
# Conjoined counts


def test_conjoined_counts_under_one_release_are_each_a_figure_en():
    doc = parse("en", """
        Militants  NOUN  nsubj  1 militant
        announced  VERB  ROOT   1 announce
        the        DET   det    3
        release    NOUN  dobj   1
        of         ADP   prep   3
        11         NUM   nummod 6
        women      NOUN  pobj   4 woman
        and        CCONJ cc     6
        15         NUM   nummod 9
        children   NOUN  conj   6 child
        .          PUNCT punct  1
    """)
    found = figures("en", doc, [count(doc, "11", 11), count(doc, "15", 15)])
    # The text gives no total; adding the groups up would be our inference.
    assert summary(found) == [("Released", 11, "exact"), ("Released", 15, "exact")]
    assert [f.evidence.text for f in found] == ["11", "15"]


def test_conjoined_counts_under_one_release_are_each_a_figure_es():
    doc = parse("es", """
        Los         DET   det    1 el
        milicianos  NOUN  nsubj  2 miliciano
        anunciaron  VERB  ROOT   2 anunciar
        la          DET   det    4 el
        liberación  NOUN  obj    2
        de          ADP   case   7
        11          NUM   nummod 7
        madres      NOUN  nmod   4 madre
        y           CCONJ cc     10
        15          NUM   nummod 10
        niños       NOUN  conj   7 niño
        .           PUNCT punct  2
    """)
    found = figures("es", doc, [count(doc, "11", 11), count(doc, "15", 15)])
    assert summary(found) == [("Released", 11, "exact"), ("Released", 15, "exact")]


def test_conjoined_counts_of_two_measures_are_not_summed():
    doc = parse("en", """
        Police    NOUN  nsubj  1
        counted   VERB  ROOT   1 count
        32        NUM   nummod 3
        gunmen    NOUN  dobj   1 gunman
        and       CCONJ cc     3
        1,100     NUM   nummod 6
        hostages  NOUN  conj   3 hostage
        .         PUNCT punct  1
    """)
    found = figures("en", doc, [count(doc, "32", 32), count(doc, "1,100", 1100)])
    assert summary(found) == [("Attackers", 32, "exact"), ("Hostages", 1100, "exact")]


# --------------------------------------------------------------------------
# Durations


@pytest.mark.parametrize(
    ("lang", "table", "text", "value", "unit", "expected"),
    [
        ("en", """
            The     DET   det      1
            siege   NOUN  nsubj    2
            lasted  VERB  ROOT     2 last
            57      NUM   nummod   4
            hours   NOUN  npadvmod 2 hour
            .       PUNCT punct    2
        """, "57 hours", 57, "hours", ("DurationHours", 57)),
        ("es", """
            El      DET   det     1 el
            asedio  NOUN  nsubj   2
            duró    VERB  ROOT    2 durar
            tres    NUM   nummod  4
            días    NOUN  obj     2 día
            .       PUNCT punct   2
        """, "tres días", 3, "days", ("DurationDays", 3)),
        ("en", """
            Miners  NOUN  nsubjpass 2 miner
            were    AUX   auxpass   2 be
            trapped VERB  ROOT      2 trap
            for     ADP   prep      2
            two     NUM   nummod    5
            weeks   NOUN  pobj      3 week
            .       PUNCT punct     2
        """, "two weeks", 2, "weeks", ("DurationDays", 14)),
        ("en", """
            The     DET   det      1
            fire    NOUN  nsubj    2
            burned  VERB  ROOT     2 burn
            for     ADP   prep     2
            about   ADV   advmod   5
            60      NUM   nummod   6
            hours   NOUN  pobj     3 hour
            .       PUNCT punct    2
        """, "60 hours", 60, "hours", ("DurationHours", 60)),
        ("es", """
            El      DET   det     1 el
            bosque  NOUN  nsubj   2
            ardió   VERB  ROOT    2 arder
            durante ADP   case    5
            cinco   NUM   nummod  5
            días    NOUN  obl     2 día
            .       PUNCT punct   2
        """, "cinco días", 5, "days", ("DurationDays", 5)),
    ],
)
def test_how_long_an_event_lasted_in_the_unit_the_text_gives(lang, table, text, value, unit, expected):
    doc = parse(lang, table)
    found = figures(lang, doc, [duration(doc, text, value, unit)])
    assert summary(found) == [(*expected, "exact")]


def test_a_duration_no_verb_of_lasting_governs_is_no_figure():
    doc = parse("en", """
        Talks   NOUN  nsubj  1 talk
        took    VERB  ROOT   1 take
        57      NUM   nummod 3
        hours   NOUN  dobj   1 hour
        .       PUNCT punct  1
    """)
    assert figures("en", doc, [duration(doc, "57 hours", 57, "hours")]) == []


# --------------------------------------------------------------------------
# No figure


@pytest.mark.parametrize(
    ("lang", "table", "text", "value"),
    [
        ("en", """
            The         DET   det    1
            school      NOUN  nsubj  2
            has         VERB  ROOT   2 have
            30          NUM   nummod 4
            classrooms  NOUN  dobj   2 classroom
            .           PUNCT punct  2
        """, "30", 30),
        ("es", """
            El       DET   det    1 el
            teatro   NOUN  nsubj  2
            tiene    VERB  ROOT   2 tener
            1.100    NUM   nummod 4
            butacas  NOUN  obj    2 butaca
            .        PUNCT punct  2
        """, "1.100", 1100),
    ],
)
def test_a_count_without_a_measure_word_is_no_figure(lang, table, text, value):
    doc = parse(lang, table)
    assert figures(lang, doc, [count(doc, text, value)]) == []


def test_without_a_main_event_there_are_no_figures():
    doc = parse("es", ES_INJURED)
    assert figures("es", doc, [count(doc, "Más de 200", 200, "more_than")], event=None) == []


# --------------------------------------------------------------------------
# What happened outranks who was counted


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            130       NUM   nummod  1
            hostages  NOUN  nsubj   2 hostage
            died      VERB  ROOT    2 die
            .         PUNCT punct   2
        """),
        ("es", """
            130       NUM   nummod  1
            rehenes   NOUN  nsubj   2 rehén
            murieron  VERB  ROOT    2 morir
            .         PUNCT punct   2
        """),
    ],
)
def test_hostages_who_died_are_counted_as_deaths(lang, table):
    doc = parse(lang, table)
    assert summary(figures(lang, doc, [count(doc, "130", 130)])) == [("Deaths", 130, "exact")]


# --------------------------------------------------------------------------
# Which event a figure is about


def test_people_released_are_counted_on_the_release_their_sentence_reports_en():
    doc = parse("en", """
        The       DET   det    1
        gunmen    NOUN  nsubj  2 gunman
        released  VERB  ROOT   2 release
        26        NUM   nummod 4
        hostages  NOUN  dobj   2 hostage
        .         PUNCT punct  2
        Troops    NOUN  nsubj  7 troop
        freed     VERB  ROOT   7 free
        300       NUM   nummod 9
        people    NOUN  dobj   7
        .         PUNCT punct  7
    """)
    release = reported(doc, "released", "HostageRelease")
    found = figures("en", doc, [count(doc, "26", 26), count(doc, "300", 300)], events=[release])
    assert summary(found) == [("Released", 26, "exact"), ("Released", 300, "exact")]
    # The second sentence reports no release: its figure is the crisis's.
    assert [f.event for f in found] == [release.local_id, CRISIS]


def test_people_released_are_counted_on_the_release_their_sentence_reports_es():
    doc = parse("es", """
        Los             DET   det    1 el
        secuestradores  NOUN  nsubj  2 secuestrador
        liberaron       VERB  ROOT   2 liberar
        a               ADP   case   5
        26              NUM   nummod 5
        rehenes         NOUN  obj    2 rehén
        .               PUNCT punct  2
    """)
    release = reported(doc, "liberaron", "HostageRelease")
    found = figures("es", doc, [count(doc, "26", 26)], events=[release])
    assert [(f.event, f.measure, f.quantity.value) for f in found] == [(release.local_id, "Released", 26)]


def test_conjoined_counts_of_a_release_stay_apart_on_the_release():
    doc = parse("en", """
        The       DET   det    1
        gunmen    NOUN  nsubj  2 gunman
        released  VERB  ROOT   2 release
        11        NUM   nummod 4
        women     NOUN  dobj   2 woman
        and       CCONJ cc     4
        15        NUM   nummod 7
        children  NOUN  conj   4 child
        .         PUNCT punct  2
    """)
    release = reported(doc, "released", "HostageRelease")
    found = figures("en", doc, [count(doc, "11", 11), count(doc, "15", 15)], events=[release])
    assert [(f.event, f.measure, f.quantity.value) for f in found] == [
        (release.local_id, "Released", 11),
        (release.local_id, "Released", 15),
    ]


@pytest.mark.parametrize(
    ("lang", "table", "word", "text"),
    [
        ("en", """
            The        DET   det       1
            explosion  NOUN  nsubj     2
            killed     VERB  ROOT      2 kill
            40         NUM   nummod    4
            people     NOUN  dobj      2
            .          PUNCT punct     2
            Another    DET   det       8
            12         NUM   nummod    8
            people     NOUN  nsubjpass 10
            were       AUX   auxpass   10 be
            wounded    VERB  ROOT      10 wound
            .          PUNCT punct     10
        """, "explosion", "40"),
        ("es", """
            La         DET   det    1 el
            explosión  NOUN  nsubj  2
            mató       VERB  ROOT   2 matar
            a          ADP   case   5
            40         NUM   nummod 5
            personas   NOUN  obj    2 persona
            .          PUNCT punct  2
            Otras      DET   det    9 otro
            12         NUM   nummod 9
            personas   NOUN  nsubj  10 persona
            resultaron VERB  ROOT   10 resultar
            heridas    ADJ   obj    10 herido
            .          PUNCT punct  10
        """, "explosión", "40"),
    ],
)
def test_without_a_crisis_a_figure_goes_to_the_one_event_of_its_sentence(lang, table, word, text):
    doc = parse(lang, table)
    explosion = reported(doc, word, "Explosion")
    found = figures(lang, doc, [count(doc, text, 40), count(doc, "12", 12)], event=None, events=[explosion])
    # The wounded are counted in a sentence that reports no event.
    assert [(f.event, f.measure, f.quantity.value) for f in found] == [(explosion.local_id, "Deaths", 40)]


def test_without_a_crisis_a_figure_goes_to_no_event_when_its_sentence_reports_two():
    doc = parse("en", """
        The        DET   det    1
        explosion  NOUN  nsubj  5
        and        CCONJ cc     1
        the        DET   det    4
        shootout   NOUN  conj   1
        killed     VERB  ROOT   5 kill
        40         NUM   nummod 7
        people     NOUN  dobj   5
        .          PUNCT punct  5
    """)
    events = [reported(doc, "explosion", "Explosion"), reported(doc, "shootout", "Shootout")]
    assert figures("en", doc, [count(doc, "40", 40)], event=None, events=events) == []


def test_a_figure_goes_to_the_crisis_its_sentence_tells_rather_than_the_main_one():
    # An article about a raid recalls a siege "in which 334 people died".
    doc = parse("es", """
        Basáyev    PROPN nsubj  1
        reivindicó VERB  ROOT   1 reivindicar
        la         DET   det    3 el
        toma       NOUN  obj    1
        ,          PUNCT punct  8
        en         ADP   case   7
        la         DET   det    7 el
        que        PRON  obl    8
        murieron   VERB  acl    3 morir
        334        NUM   nummod 10
        personas   NOUN  nsubj  8 persona
        .          PUNCT punct  1
    """)
    siege = reported(doc, "toma", "HostageCrisis")
    found = figures("es", doc, [count(doc, "334", 334)], event="event-attack", events=[siege])
    assert [(f.event, f.measure, f.quantity.value) for f in found] == [(siege.local_id, "Deaths", 334)]



# --------------------------------------------------------------------------
# Figures for any measure, on the event of their own clause


def test_a_main_event_named_in_a_relative_clause_takes_the_toll_of_its_clause_en():
    # "The quake struck on the anniversary of the earthquake, which killed 10,000 people."
    doc = parse("en", """
        The         DET   det    1
        quake       NOUN  nsubj  2
        struck      VERB  ROOT   2 strike
        on          ADP   prep   2
        the         DET   det    5
        anniversary NOUN  pobj   3
        of          ADP   prep   5
        the         DET   det    8
        earthquake  NOUN  pobj   6
        ,           PUNCT punct  8
        which       PRON  nsubj  11
        killed      VERB  relcl  8 kill
        10,000      NUM   nummod 13
        people      NOUN  dobj   11
        .           PUNCT punct  2
    """)
    quake = reported(doc, "quake", "Earthquake")
    earlier = replace(reported(doc, "earthquake", "Earthquake"), local_id="event-earthquake-1985")
    events = [quake, earlier]
    [figure] = figures("en", doc, [count(doc, "10,000", 10000)], event=quake.local_id, events=events)
    assert (figure.event, figure.measure) == (events[1].local_id, "Deaths")


@pytest.mark.parametrize("attached", ["relcl", "advcl"])
def test_the_toll_of_a_clause_on_an_event_the_sentence_compares_is_that_event_s_en(attached):
    # "It is the deadliest crash in Tarvisa, surpassing the crash of a Tarvisan plane in 1982, which
    # killed 73 people.": the relative clause tells the 1982 crash's toll, wherever the parser hangs it.
    doc = parse("en", f"""
        It          PRON  nsubj  1
        is          AUX   ROOT   1 be
        the         DET   det    4
        deadliest   ADJ   amod   4 deadly
        crash       NOUN  attr   1
        in          ADP   prep   4
        Tarvisa     PROPN pobj   5
        ,           PUNCT punct  1
        surpassing  VERB  advcl  1 surpass
        the         DET   det    10
        crash       NOUN  dobj   8
        of          ADP   prep   10
        a           DET   det    14
        Tarvisan    ADJ   amod   14
        plane       NOUN  pobj   11
        in          ADP   prep   8
        1982        NUM   pobj   15
        ,           PUNCT punct  8
        which       PRON/WDT nsubj 19
        killed      VERB  {attached}  {14 if attached == "relcl" else 8} kill
        73          NUM   nummod 21
        people      NOUN  dobj   19
        .           PUNCT punct  1
    """)
    [first, second] = [t for t in doc if t.text == "crash"]
    sent = doc[0].sent

    def said(token) -> Evidence:
        return Evidence("test", token.idx, token.idx + len(token), token.text, sent.start_char, sent.end_char, sent.text)

    main = EventRecord("event-transportaccident", "TransportAccident", None, (said(first),))
    earlier = EventRecord("event-transportaccident-1982", "TransportAccident", None, (said(second),))
    [figure] = figures("en", doc, [count(doc, "73", 73)], event=main.local_id, events=[main, earlier])
    assert (figure.event, figure.measure) == (earlier.local_id, "Deaths")


def test_a_count_of_those_who_did_an_attack_is_of_attackers_es():
    # "Un grupo de cinco hombres violó a una joven."
    doc = parse("es", """
        Un      DET   det    1 uno
        grupo   NOUN  nsubj  5
        de      ADP   case   4
        cinco   NUM   nummod 4
        hombres NOUN  nmod   1 hombre
        violó   VERB  ROOT   5 violar
        a       ADP   case   8
        una     DET   det    8 uno
        joven   NOUN  obj    5
        .       PUNCT punct  5
    """)
    events = [reported(doc, "violó", "Attack")]
    found = figures("es", doc, [count(doc, "cinco", 5)], event=events[0].local_id, events=events)
    assert summary(found) == [("Attackers", 5, "exact")]


def test_an_amount_of_money_keeps_its_currency():
    # "The company paid $2 billion."
    doc = parse("en", """
        The     DET   det    1
        company NOUN  nsubj  2
        paid    VERB  ROOT   2 pay
        $       SYM   nmod   5
        2       NUM   compound 5
        billion NUM   dobj   2
        .       PUNCT punct  2
    """)
    events = [reported(doc, "paid", "Sanction")]
    [figure] = figures("en", doc, [count(doc, "2 billion", 2000000000)], event=events[0].local_id, events=events)
    assert (figure.measure, figure.quantity.value, figure.unit) == ("Money", 2000000000, "USD")


def test_an_amount_of_money_outside_any_events_clause_is_no_figure():
    # "The city spent $2 billion." in an article about a flood told elsewhere.
    doc = parse("en", """
        The     DET   det    1
        city    NOUN  nsubj  2
        spent   VERB  ROOT   2 spend
        $       SYM   nmod   5
        2       NUM   compound 5
        billion NUM   dobj   2
        .       PUNCT punct  2
    """)
    flood = EventRecord("flood", "Flood", None, ())
    assert figures("en", doc, [count(doc, "2 billion", 2000000000)], event=flood.local_id, events=[flood]) == []


@pytest.mark.parametrize(("event_class", "kept"), [("Election", True), ("CourtRuling", False)])
def test_votes_and_seats_are_counted_in_elections_only(event_class, kept):
    # "The Senate has 128 seats." / "The court ruled by 5 votes."
    doc = parse("en", """
        They    PRON  nsubj  1
        won     VERB  ROOT   1 win
        128     NUM   nummod 3
        seats   NOUN  dobj   1 seat
        .       PUNCT punct  1
    """)
    events = [reported(doc, "won", event_class)]
    found = figures("en", doc, [count(doc, "128", 128)], event=events[0].local_id, events=events)
    assert summary(found) == ([("Seats", 128, "exact")] if kept else [])


def test_people_rescued_from_a_hostage_taking_are_released_hostages():
    doc = parse("en", """
        82       NUM   nummod    1
        hostages NOUN  nsubjpass 3 hostage
        were     AUX   auxpass   3 be
        rescued  VERB  ROOT      3 rescue
        .        PUNCT punct     3
    """)
    events = [reported(doc, "rescued", "HostageCrisis")]
    found = figures("en", doc, [count(doc, "82", 82)], event=events[0].local_id, events=events)
    assert summary(found) == [("Released", 82, "exact")]


@pytest.mark.parametrize(
    ("lang", "table", "text", "value"),
    [
        # "The death toll rose to 30."
        ("en", """
            The    DET   det      2
            death  NOUN  compound 2
            toll   NOUN  nsubj    3
            rose   VERB  ROOT     3 rise
            to     ADP   prep     3
            30     NUM   pobj     4
            .      PUNCT punct    3
        """, "30", 30),
        # "The number of deaths reached 64."
        ("en", """
            The     DET   det    1
            number  NOUN  nsubj  4
            of      ADP   prep   1
            deaths  NOUN  pobj   2 death
            reached VERB  ROOT   4 reach
            64      NUM   dobj   4
            .       PUNCT punct  4
        """, "64", 64),
        # "La cifra de muertos ascendió a 51."
        ("es", """
            La       DET   det    1 el
            cifra    NOUN  nsubj  4
            de       ADP   case   3
            muertos  NOUN  nmod   1 muerto
            ascendió VERB  ROOT   4 ascender
            a        ADP   case   6
            51       NUM   obl    4
            .        PUNCT punct  4
        """, "51", 51),
    ],
)
def test_a_bare_number_counts_what_the_subject_of_its_verb_names(lang, table, text, value):
    doc = parse(lang, table)
    flood = EventRecord("flood", "Flood", None, ())
    found = figures(lang, doc, [count(doc, text, value)], event=flood.local_id, events=[flood])
    assert summary(found) == [("Deaths", value, "exact")]


def test_a_bare_number_whose_subject_names_no_measure_is_no_figure():
    # "The index rose to 30."
    doc = parse("en", """
        The    DET   det    1
        index  NOUN  nsubj  2
        rose   VERB  ROOT   2 rise
        to     ADP   prep   2
        30     NUM   pobj   3
        .      PUNCT punct  2
    """)
    flood = EventRecord("flood", "Flood", None, ())
    assert figures("en", doc, [count(doc, "30", 30)], event=flood.local_id, events=[flood]) == []


@pytest.mark.parametrize(("event_class", "kept"), [("TransportAccident", True), ("Bombing", False)])
def test_vehicles_are_counted_in_accidents_and_disasters_only(event_class, kept):
    # "Six cars derailed." / "Six cars burned." next to a bomb.
    doc = parse("en", """
        Six      NUM   nummod 1
        cars     NOUN  nsubj  2 car
        derailed VERB  ROOT   2 derail
        .        PUNCT punct  2
    """)
    events = [EventRecord("event", event_class, None, ())]
    found = figures("en", doc, [count(doc, "Six", 6)], event="event", events=events)
    assert summary(found) == ([("Vehicles", 6, "exact")] if kept else [])


@pytest.mark.parametrize(
    ("lang", "table", "text", "value"),
    [
        # "The damage was estimated at $16 billion."
        ("en", """
            The       DET   det       1
            damage    NOUN  nsubjpass 3
            was       AUX   auxpass   3 be
            estimated VERB  ROOT      3 estimate
            at        ADP   prep      3
            $         SYM   quantmod  7
            16        NUM   compound  7
            billion   NUM   pobj      4
            .         PUNCT punct     3
        """, "16 billion", 16000000000),
        # "Los daños se estimaron en 300 millones de euros."
        ("es", """
            Los       DET   det    1 el
            daños     NOUN  nsubj  3 daño
            se        PRON  obj    3
            estimaron VERB  ROOT   3 estimar
            en        ADP   case   6
            300       NUM   nummod 6
            millones  NOUN  obj    3 millón
            de        ADP   case   8
            euros     NOUN  nmod   6 euro
            .         PUNCT punct  3
        """, "300 millones", 300000000),
    ],
)
def test_an_amount_an_event_cost_is_the_events_though_its_clause_names_no_event(lang, table, text, value):
    doc = parse(lang, table)
    flood = EventRecord("flood", "Flood", None, ())
    [figure] = figures(lang, doc, [count(doc, text, value)], event=flood.local_id, events=[flood])
    assert (figure.event, figure.measure, figure.quantity.value) == ("flood", "Money", value)


def test_a_qualifier_before_the_currency_sign_qualifies_the_amount():
    # "The fire cost over $150 million."
    doc = parse("en", """
        The      DET   det      1
        fire     NOUN  nsubj    2
        cost     VERB  ROOT     2
        over     ADP   quantmod 6
        $        SYM   quantmod 6
        150      NUM   compound 6
        million  NUM   dobj     2
        .        PUNCT punct    2
    """)
    events = [reported(doc, "fire", "Fire")]
    [figure] = figures("en", doc, [count(doc, "150 million", 150000000)], event=events[0].local_id, events=events)
    assert (figure.measure, figure.quantity.value, figure.quantity.qualifier, figure.unit) == ("Money", 150000000, "more_than", "USD")


def test_a_toll_goes_to_the_event_its_verb_happened_in():
    # "370 people died in the earthquake after the flood.": the article is about the flood.
    doc = parse("en", """
        370         NUM   nummod  1
        people      NOUN  nsubj   2 person
        died        VERB  ROOT    2 die
        in          ADP   prep    2
        the         DET   det     5
        earthquake  NOUN  pobj    3
        after       ADP   prep    2
        the         DET   det     8
        flood       NOUN  pobj    6
        .           PUNCT punct   2
    """)
    quake, flood = reported(doc, "earthquake", "Earthquake"), reported(doc, "flood", "Flood")
    [figure] = figures("en", doc, [count(doc, "370", 370)], event=flood.local_id, events=[quake, flood])
    assert (figure.event, figure.measure, figure.quantity.value) == (quake.local_id, "Deaths", 370)


def test_a_crowd_an_event_drew_is_of_participants():
    # "The march drew over 200,000 people."
    doc = parse("en", """
        The      DET   det      1
        march    NOUN  nsubj    2
        drew     VERB  ROOT     2 draw
        Over     ADP   quantmod 4
        200,000  NUM   nummod   5
        people   NOUN  dobj     2 person
        .        PUNCT punct    2
    """)
    events = [reported(doc, "march", "Protest")]
    found = figures("en", doc, [count(doc, "Over 200,000", 200000, "more_than")], event=events[0].local_id, events=events)
    assert summary(found) == [("Participants", 200000, "more_than")]


# --------------------------------------------------------------------------
# A step's own count, and the event a paragraph is telling


def test_a_count_said_of_a_step_is_the_steps_en():
    # "The earthquake caused the collapse of 40 buildings."
    doc = parse("en", """
        The         DET   det    1
        earthquake  NOUN  nsubj  2
        caused      VERB  ROOT   2 cause
        the         DET   det    4
        collapse    NOUN  dobj   2
        of          ADP   prep   4
        40          NUM   nummod 7
        buildings   NOUN  pobj   5 building
        .           PUNCT punct  2
    """)
    quake = reported(doc, "earthquake", "Earthquake")
    collapse = replace(reported(doc, "collapse", "Collapse"), super_event=quake.local_id)
    [figure] = figures("en", doc, [count(doc, "40", 40)], event=quake.local_id, events=[quake, collapse])
    assert (figure.event, figure.measure, figure.quantity.value) == (collapse.local_id, "Buildings", 40)


def test_a_toll_told_in_a_step_is_the_steps_es():
    # "Al menos 40 personas murieron en los combates."
    doc = parse("es", """
        Al        ADP   case   2 al
        menos     ADV   advmod 2
        40        NUM   nummod 3
        personas  NOUN  nsubj  4 persona
        murieron  VERB  ROOT   4 morir
        en        ADP   case   7
        los       DET   det    7 el
        combates  NOUN  obl    4 combate
        .         PUNCT punct  4
    """)
    siege = EventRecord("event-hostagecrisis", "HostageCrisis", None, ())
    fighting = replace(reported(doc, "combates", "Shootout"), super_event=siege.local_id)
    [figure] = figures("es", doc, [count(doc, "40", 40)], event=siege.local_id, events=[siege, fighting])
    assert (figure.event, figure.measure) == (fighting.local_id, "Deaths")


def test_a_toll_a_step_caused_is_its_main_events_en():
    # "The explosion killed 20 hostages": whose doing it was, not what it is said of.
    doc = parse("en", """
        The        DET   det    1
        explosion  NOUN  nsubj  2
        killed     VERB  ROOT   2 kill
        20         NUM   nummod 4
        hostages   NOUN  dobj   2 hostage
        .          PUNCT punct  2
    """)
    siege = EventRecord("event-hostagecrisis", "HostageCrisis", None, ())
    explosion = replace(reported(doc, "explosion", "Explosion"), super_event=siege.local_id)
    [figure] = figures("en", doc, [count(doc, "20", 20)], event=siege.local_id, events=[siege, explosion])
    assert (figure.event, figure.measure) == (siege.local_id, "Deaths")


ES_COLLAPSE_THEN_TOLL = """
    Un         DET   det    1 uno
    paso       NOUN  nsubj  3
    se         PRON  expl   3
    desplomó   VERB  ROOT   3 desplomar
    .          PUNCT punct  3
    Los        DET   det    6 el
    vagones    NOUN  nsubj  7 vagón
    cayeron    VERB  ROOT   7 caer
    ,          PUNCT punct  9
    dejando    VERB  advcl  7 dejar
    80         NUM   nummod 11
    heridos    NOUN  obj    9 herido
    .          PUNCT punct  7
"""


def test_a_count_in_a_sentence_that_tells_no_event_is_of_the_event_told_before_it_es():
    # The article's main event is another, told later ("En 2017, un terremoto ...").
    doc = parse("es", ES_COLLAPSE_THEN_TOLL)
    collapse = reported(doc, "desplomó", "Collapse")
    [figure] = figures("es", doc, [count(doc, "80", 80)], event="event-earthquake", events=[collapse])
    assert (figure.event, figure.measure, figure.quantity.value) == (collapse.local_id, "Injured", 80)


def test_a_count_after_a_step_is_of_the_event_the_step_belongs_to_es():
    doc = parse("es", ES_COLLAPSE_THEN_TOLL)
    collapse = replace(reported(doc, "desplomó", "Collapse"), super_event="event-bombing")
    [figure] = figures("es", doc, [count(doc, "80", 80)], event="event-earthquake", events=[collapse])
    assert figure.event == "event-bombing"


def test_a_number_inside_a_name_counts_nothing_es():
    # "Los contenidos fueron liberados bajo licencia Creative Commons 3.0 Unported."
    doc = parse("es", """
        Los        DET   det    1 el
        contenidos NOUN  nsubj  3 contenido
        fueron     AUX   aux    3 ser
        liberados  VERB  ROOT   3 liberar
        bajo       ADP   case   5
        licencia   NOUN  obl    3
        Creative   PROPN appos  5
        Commons    PROPN flat   6
        3.0        NUM   flat   6
        Unported   PROPN flat   6
        .          PUNCT punct  3
    """)
    assert figures("es", doc, [count(doc, "3.0", 3)]) == []
    # A number counting the people freed is a figure.
    freed = parse("es", """
        30         NUM   nummod 1
        rehenes    NOUN  nsubj  3 rehén
        fueron     AUX   aux    3 ser
        liberados  VERB  ROOT   3 liberar
        .          PUNCT punct  3
    """)
    assert summary(figures("es", freed, [count(freed, "30", 30)])) == [("Released", 30, "exact")]


def test_a_measure_noun_joined_to_another_keeps_its_own_measure_es():
    # "El terremoto dejó 300 muertos y 1.000 heridos."
    doc = parse("es", """
        El        DET   det    1 el
        terremoto NOUN  nsubj  2
        dejó      VERB  ROOT   2 dejar
        300       NUM   nummod 4
        muertos   NOUN  obj    2 muerto
        y         CCONJ cc     7
        1.000     NUM   nummod 7
        heridos   NOUN  conj   4 herido
        .         PUNCT punct  2
    """)
    found = figures("es", doc, [count(doc, "300", 300), count(doc, "1.000", 1000)])
    assert summary(found) == [("Deaths", 300, "exact"), ("Injured", 1000, "exact")]


def test_a_count_after_an_event_without_a_toll_is_the_main_events_en():
    # "A gunman attacked a mosque. He was arrested. 15 survivors were
    # treated." The arrest, told last, has no toll of its own.
    doc = parse("en", """
        A          DET   det       1
        gunman     NOUN  nsubj     2
        attacked   VERB  ROOT      2 attack
        a          DET   det       4
        mosque     NOUN  dobj      2
        .          PUNCT punct     2
        He         PRON  nsubjpass 8
        was        AUX   auxpass   8 be
        arrested   VERB  ROOT      8 arrest
        .          PUNCT punct     8
        15         NUM   nummod    11
        survivors  NOUN  nsubjpass 13 survivor
        were       AUX   auxpass   13 be
        treated    VERB  ROOT      13 treat
        .          PUNCT punct     13
    """)
    attack, arrest = reported(doc, "attacked", "Attack"), reported(doc, "arrested", "Arrest")
    [figure] = figures("en", doc, [count(doc, "15", 15)], event=attack.local_id, events=[attack, arrest])
    assert (figure.event, figure.measure) == (attack.local_id, "Survivors")


@pytest.mark.parametrize(
    ("lang", "table", "number"),
    [
        # "Two of the attackers also died."
        ("en", """
            Two        NUM   nsubj  5
            of         ADP   prep   0
            the        DET   det    3
            attackers  NOUN  pobj   1 attacker
            also       ADV   advmod 5
            died       VERB  ROOT   5 die
            .          PUNCT punct  5
        """, "Two"),
        ("es", """
            Dos        NUM   nsubj  5 dos
            de         ADP   case   3
            los        DET   det    3 el
            atacantes  NOUN  nmod   0 atacante
            también    ADV   advmod 5
            murieron   VERB  ROOT   5 morir
            .          PUNCT punct  5
        """, "Dos"),
    ],
)
def test_attackers_a_partitive_counts_who_died_are_deaths(lang, table, number):
    doc = parse(lang, table)
    assert summary(figures(lang, doc, [count(doc, number, 2)])) == [("Deaths", 2, "exact")]


def test_children_a_bare_number_is_said_to_be_are_a_subgroup_es():
    # "terminó con 334 muertos, 186 de ellos niños"
    doc = parse("es", """
        terminó   VERB  ROOT   0 terminar
        con       ADP   case   3
        334       NUM   nummod 3
        muertos   NOUN  obl    0 muerto
        ,         PUNCT punct  5
        186       NUM   appos  3
        de        ADP   case   7
        ellos     PRON  nmod   5 él
        niños     ADJ   amod   5 niño
        .         PUNCT punct  0
    """)
    found = figures("es", doc, [count(doc, "334", 334), count(doc, "186", 186)])
    assert summary(found) == [("Deaths", 334, "exact"), ("ChildDeaths", 186, "exact")]


def test_an_amount_beside_a_cost_is_the_events():
    # "A quarter of the damage, $4 billion, was not insured."
    doc = parse("en", """
        A           DET   det       1
        quarter     NOUN  nsubjpass 10
        of          ADP   prep      1
        the         DET   det       4
        damage      NOUN  pobj      2
        ,           PUNCT punct     1
        $           SYM   quantmod  8
        4           NUM   compound  8
        billion     NUM   appos     1
        ,           PUNCT punct     1
        insured     VERB  ROOT      10 insure
        .           PUNCT punct     10
    """)
    fire = EventRecord("event-fire", "Fire", None, ())
    [figure] = figures("en", doc, [count(doc, "4 billion", 4000000000)], event=fire.local_id, events=[fire])
    assert (figure.event, figure.measure, figure.unit) == (fire.local_id, "Money", "USD")
    # Beside a word that is no cost, an amount is none of the event's.
    other = parse("en", """
        A           DET   det       1
        quarter     NOUN  nsubjpass 10
        of          ADP   prep      1
        the         DET   det       4
        budget      NOUN  pobj      2
        ,           PUNCT punct     1
        $           SYM   quantmod  8
        4           NUM   compound  8
        billion     NUM   appos     1
        ,           PUNCT punct     1
        spent       VERB  ROOT      10 spend
        .           PUNCT punct     10
    """)
    assert figures("en", other, [count(other, "4 billion", 4000000000)], event=fire.local_id, events=[fire]) == []


def test_a_count_of_a_joined_clause_without_its_noun_is_of_the_count_before_it():
    # "The footage shows all 13 cars derailing and four overturning."
    doc = parse("en", """
        Footage     NOUN  nsubj  1 footage
        shows       VERB  ROOT   1 show
        all         DET   det    4
        13          NUM   nummod 4
        cars        NOUN  nsubj  5 car
        derailing   VERB  ccomp  1 derail
        and         CCONJ cc     5
        four        NUM   nummod 8
        overturning ADJ   conj   5 overturning
        .           PUNCT punct  1
    """)
    crash = EventRecord("event-transportaccident", "TransportAccident", None, ())
    found = figures("en", doc, [count(doc, "13", 13), count(doc, "four", 4)], event=crash.local_id, events=[crash])
    assert summary(found) == [("Vehicles", 13, "exact"), ("Vehicles", 4, "exact")]
    # Alone, the count has nothing to take its measure from.
    assert figures("en", doc, [count(doc, "four", 4)], event=crash.local_id, events=[crash]) == []


def test_how_long_an_event_its_subject_names_lasted_is_that_events_es():
    # "Los combates se prolongaron durante más de 24 horas."
    doc = parse("es", """
        Los        DET   det    1 el
        combates   NOUN  nsubj  3 combate
        se         PRON  obj    3
        prolongaron VERB ROOT   3 prolongar
        durante    ADP   case   7
        más        ADV   advmod 7
        de         ADP   case   7
        24         NUM   nummod 8
        horas      NOUN  obl    3 hora
        .          PUNCT punct  3
    """)
    fighting = reported(doc, "combates", "Shootout")
    found = figures("es", doc, [duration(doc, "más de 24 horas", 24, "hours")], events=[fighting])
    assert [(f.event, f.measure, f.quantity.value) for f in found] == [(fighting.local_id, "DurationHours", 24)]
    # Without an event word for subject, the duration is the article's main event's.
    assert [f.event for f in figures("es", doc, [duration(doc, "más de 24 horas", 24, "hours")])] == [CRISIS]


def test_a_count_of_things_no_measure_counts_is_no_figure_en():
    # "The attack affected 200,000 computers and 30 people in 150 countries."
    doc = parse("en", """
        The        DET   det      1
        attack     NOUN  nsubj    2
        affected   VERB  ROOT     2 affect
        200,000    NUM   nummod   4
        computers  NOUN  dobj     2 computer
        and        CCONJ cc       4
        30         NUM   nummod   7
        people     NOUN  conj     4 people
        in         ADP   prep     4
        150        NUM   nummod   10
        countries  NOUN  pobj     8 country
        .          PUNCT punct    2
    """)
    attack = reported(doc, "attack", "Attack")
    numbers = [count(doc, "200,000", 200000), count(doc, "30", 30), count(doc, "150", 150)]
    found = figures("en", doc, numbers, event=attack.local_id, events=[attack])
    assert summary(found) == [("Affected", 30, "exact")]


def test_an_amount_a_verb_took_in_an_event_is_that_events_en():
    # "Investors lost $8 billion in the collapse after the flood.": the article is about the flood.
    doc = parse("en", """
        Investors  NOUN  nsubj    1 investor
        lost       VERB  ROOT     1 lose
        $          SYM   quantmod 4
        8          NUM   compound 4
        billion    NUM   dobj     1
        in         ADP   prep     1
        the        DET   det      7
        collapse   NOUN  pobj     5
        after      ADP   prep     1
        the        DET   det      10
        flood      NOUN  pobj     8
        .          PUNCT punct    1
    """)
    collapse, flood = reported(doc, "collapse", "Collapse"), reported(doc, "flood", "Flood")
    [figure] = figures("en", doc, [count(doc, "8 billion", 8000000000)], event=flood.local_id, events=[collapse, flood])
    assert (figure.event, figure.measure, figure.unit, figure.quantity.value) == (collapse.local_id, "Money", "USD", 8000000000)


def test_a_count_of_who_did_it_in_a_by_phrase_is_not_of_whom_it_befell_en():
    doc = parse("en", """
        The      DET   det        1 the
        ship     NOUN  nsubjpass  3 ship
        was      AUX   auxpass    3 be
        freed    VERB  ROOT       3 free
        by       ADP   agent      3
        fourteen NUM   nummod     6
        tugs     NOUN  pobj       4 tug
        .        PUNCT punct      3
    """)
    assert figures("en", doc, [count(doc, "fourteen", 14)]) == []
    # ...and whom the count's own noun names, it still counts.
    doc = parse("en", """
        Ten      NUM   nummod     1
        people   NOUN  nsubjpass  3 people
        were     AUX   auxpass    3 be
        killed   VERB  ROOT       3 kill
        by       ADP   agent      3
        three    NUM   nummod     6
        gunmen   NOUN  pobj       4 gunman
        .        PUNCT punct      3
    """)
    assert summary(figures("en", doc, [count(doc, "Ten", 10), count(doc, "three", 3)])) == [("Deaths", 10, "exact"), ("Attackers", 3, "exact")]


@pytest.mark.parametrize(("prep", "toll_of"), [("following", "event-explosion"), ("during", "event-fire")])
def test_a_toll_is_not_of_a_main_event_told_before_the_clause_s_own_en(prep, toll_of):
    # "The blast occurred following a fire and left 135 people dead": the fire came before the blast,
    # whose toll it is; "during a fire", the blast is a step of the fire, and the fire's toll.
    doc = parse("en", f"""
        The        DET   det    1
        blast      NOUN  nsubj  2
        occurred   VERB  ROOT   2 occur
        {prep}     {"VERB  xcomp  2 follow" if prep == "following" else "ADP   prep   2"}
        a          DET   det    5
        fire       NOUN  {"dobj" if prep == "following" else "pobj"}   3
        and        CCONJ cc     2
        left       VERB  conj   2 leave
        135        NUM   nummod 9
        people     NOUN  dobj   7
        dead       ADJ   oprd   7
        .          PUNCT punct  2
    """)
    events = [reported(doc, "blast", "Explosion"), reported(doc, "fire", "Fire")]
    found = figures("en", doc, [count(doc, "135", 135)], event=None, events=events)
    assert [(f.event, f.measure, f.quantity.value) for f in found] == [(toll_of, "Deaths", 135)]
