"""Tests of counted figures about an article's main crisis.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish); the numbers are given
by hand, as the temporal matcher would report them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
import spacy
from spacy.tokens import Doc

from beslan_kg.nlp.context import ArticleContext
from beslan_kg.nlp.figures import extract_figures
from beslan_kg.nlp.rules import load_rules
from beslan_kg.nlp.temporal import TemporalSpan
from beslan_kg.records import ArticleMeta, EventRecord, Evidence, Figure, Quantity

_NO_SPACE_BEFORE = {",", ".", ";", ":", "'"}
#: The local id the figures are attached to; any main crisis would do.
CRISIS = "event-hostagecrisis"


@pytest.fixture(scope="module")
def nlps():
    return {lang: spacy.blank(lang) for lang in ("en", "es")}


def parse(nlp, table: str) -> Doc:
    """Build a Doc parsed by hand.

    Args:
        nlp: A blank pipeline of the text's language.
        table: One token per line: ``word POS dep head [lemma]``, where ``head``
            is the absolute index of the token's head (a root heads itself)
            and the lemma defaults to the word.
    """
    rows = [line.split() for line in table.splitlines() if line.strip()]
    words = [row[0] for row in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        pos=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        heads=[int(row[3]) for row in rows],
        lemmas=[row[4] if len(row) > 4 else row[0] for row in rows],
    )
    assert [t.text for t in nlp.make_doc(doc.text)] == words
    return doc


def count(doc: Doc, text: str, value: int, qualifier: str = "exact") -> TemporalSpan:
    """Return the quantity the temporal matcher reports for ``text``, which occurs once in ``doc``."""
    assert doc.text.count(text) == 1
    start = doc.text.index(text)
    return TemporalSpan(start, start + len(text), text, "quantity", Quantity(value, qualifier, text))


def duration(doc: Doc, text: str, value: int, unit: str) -> TemporalSpan:
    """Return the duration the temporal matcher reports for ``text``."""
    start = doc.text.index(text)
    return TemporalSpan(start, start + len(text), text, "duration", Quantity(value, "exact", text), unit)


def figures(
    lang: str, doc: Doc, temporal: Iterable[TemporalSpan], event: str | None = CRISIS, events: Iterable[EventRecord] = ()
) -> list[Figure]:
    """Return the figures :func:`extract_figures` finds about ``event``, given the numbers and events found."""
    meta = ArticleMeta(id="test", language=lang, title="test", path="test.txt")
    ctx = ArticleContext(doc=doc, meta=meta, rules=load_rules(lang))
    ctx.temporal = list(temporal)
    return extract_figures(ctx, event, events)


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


def test_a_count_followed_by_its_measure_es(nlps):
    doc = parse(nlps["es"], ES_INJURED)
    found = figures("es", doc, [count(doc, "Más de 200", 200, "more_than")])
    assert summary(found) == [("Injured", 200, "more_than")]
    assert found[0].event == CRISIS
    assert found[0].evidence.text == "Más de 200"


def test_a_count_of_a_noun_followed_by_its_measure_en(nlps):
    doc = parse(nlps["en"], """
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


def test_a_count_of_the_measure_noun_itself_es(nlps):
    doc = parse(nlps["es"], """
        Llegaron     VERB  ROOT    0 llegar
        32           NUM   nummod  2
        terroristas  NOUN  nsubj   0 terrorista
        .            PUNCT punct   0
    """)
    found = figures("es", doc, [count(doc, "32", 32)])
    assert summary(found) == [("Attackers", 32, "exact")]


# --------------------------------------------------------------------------
# Subgroups


def test_children_among_the_dead_en(nlps):
    doc = parse(nlps["en"], """
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


def test_children_among_the_dead_es(nlps):
    doc = parse(nlps["es"], """
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


def test_children_freed_are_counted_as_freed(nlps):
    # Only deaths have a children's measure; freed children stay freed people.
    doc = parse(nlps["en"], """
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


def test_conjoined_counts_under_one_release_are_each_a_figure_en(nlps):
    doc = parse(nlps["en"], """
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


def test_conjoined_counts_under_one_release_are_each_a_figure_es(nlps):
    doc = parse(nlps["es"], """
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


def test_conjoined_counts_of_two_measures_are_not_summed(nlps):
    doc = parse(nlps["en"], """
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
    ("lang", "table", "text", "value", "unit", "hours"),
    [
        ("en", """
            The     DET   det      1
            siege   NOUN  nsubj    2
            lasted  VERB  ROOT     2 last
            57      NUM   nummod   4
            hours   NOUN  npadvmod 2 hour
            .       PUNCT punct    2
        """, "57 hours", 57, "hours", 57),
        ("es", """
            El      DET   det     1 el
            asedio  NOUN  nsubj   2
            duró    VERB  ROOT    2 durar
            tres    NUM   nummod  4
            días    NOUN  obj     2 día
            .       PUNCT punct   2
        """, "tres días", 3, "days", 72),
    ],
)
def test_how_long_the_crisis_lasted_in_hours(nlps, lang, table, text, value, unit, hours):
    doc = parse(nlps[lang], table)
    found = figures(lang, doc, [duration(doc, text, value, unit)])
    assert summary(found) == [("DurationHours", hours, "exact")]


def test_a_duration_no_verb_of_lasting_governs_is_no_figure(nlps):
    doc = parse(nlps["en"], """
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
def test_a_count_without_a_measure_word_is_no_figure(nlps, lang, table, text, value):
    doc = parse(nlps[lang], table)
    assert figures(lang, doc, [count(doc, text, value)]) == []


def test_without_a_main_event_there_are_no_figures(nlps):
    doc = parse(nlps["es"], ES_INJURED)
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
def test_hostages_who_died_are_counted_as_deaths(nlps, lang, table):
    doc = parse(nlps[lang], table)
    assert summary(figures(lang, doc, [count(doc, "130", 130)])) == [("Deaths", 130, "exact")]


# --------------------------------------------------------------------------
# Which event a figure is about


def test_people_released_are_counted_on_the_release_their_sentence_reports_en(nlps):
    doc = parse(nlps["en"], """
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


def test_people_released_are_counted_on_the_release_their_sentence_reports_es(nlps):
    doc = parse(nlps["es"], """
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


def test_conjoined_counts_of_a_release_stay_apart_on_the_release(nlps):
    doc = parse(nlps["en"], """
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
def test_without_a_crisis_a_figure_goes_to_the_one_event_of_its_sentence(nlps, lang, table, word, text):
    doc = parse(nlps[lang], table)
    explosion = reported(doc, word, "Explosion")
    found = figures(lang, doc, [count(doc, text, 40), count(doc, "12", 12)], event=None, events=[explosion])
    # The wounded are counted in a sentence that reports no event.
    assert [(f.event, f.measure, f.quantity.value) for f in found] == [(explosion.local_id, "Deaths", 40)]


def test_without_a_crisis_a_figure_goes_to_no_event_when_its_sentence_reports_two(nlps):
    doc = parse(nlps["en"], """
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
