"""Tests of finding events, their dates and participants.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish) and go through the
project's gazetteer and entity filter on a blank pipeline; the temporal
expressions are given by hand, as the temporal matcher would report them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from conftest import article_context, parse_table, temporal_span
from spacy.tokens import Doc

from beslan_kg.nlp.entities import collect_entities
from beslan_kg.nlp.events import date_steps_within, extract_events
from beslan_kg.nlp.temporal import TemporalSpan
from beslan_kg.records import Evidence, EventRecord, Figure, Quantity, TimeValue


def date(doc: Doc, text: str, lexical: str, datatype: str = "date") -> TemporalSpan:
    """Return the date the temporal matcher reports for ``text``, which occurs once in ``doc``."""
    return temporal_span(doc, text, "date", TimeValue(lexical, datatype, text))


def time(doc: Doc, text: str, lexical: str, *, approximate: bool = False) -> TemporalSpan:
    """Return the time of day the temporal matcher reports for ``text``, which occurs once in ``doc``."""
    return temporal_span(doc, text, "time", TimeValue(lexical, "time", text, approximate))


class Extraction:
    """What :func:`extract_events` returns for one doc, indexed for the tests.

    Attributes:
        events: The events by local id.
        relations: ``(subject, predicate, object)`` triples.
        main: The main crisis's local id, or None.
    """

    def __init__(self, lang: str, doc: Doc, temporal: Iterable[TemporalSpan] = ()) -> None:
        ctx = article_context(lang, doc, temporal=temporal)
        collect_entities(ctx)
        events, relations, self.main = extract_events(ctx)
        self.events: dict[str, EventRecord] = {e.local_id: e for e in events}
        self.relations = {(r.subject, r.predicate, r.object) for r in relations}

    def of_class(self, event_class: str) -> list[EventRecord]:
        """Return the events of one class, by local id."""
        return [e for e in self.events.values() if e.event_class == event_class]

    def roles(self, event: str, predicate: str) -> set[str]:
        """Return what ``event`` is related to by ``predicate``."""
        return {o for s, p, o in self.relations if s == event and p == predicate}

    def roles_of_the(self, event_class: str, predicate: str) -> set[str]:
        """Return what the one event of ``event_class`` is related to by ``predicate`` (there must be exactly one)."""
        [event] = self.of_class(event_class)
        return self.roles(event.local_id, predicate)


# --------------------------------------------------------------------------
# Court rulings


EN_RULING = """
    In         ADP   prep     8
    2011       NUM   pobj     0
    the        DET   det      4
    European   PROPN compound 4
    Court      PROPN nsubj    8
    of         ADP   prep     4
    Human      PROPN compound 7
    Rights     PROPN pobj     5
    ruled      VERB  ROOT     8  rule
    that       SCONJ mark     11
    Russia     PROPN nsubj    11
    violated   VERB  ccomp    8  violate
    the        DET   det      13
    hostages   NOUN  poss     15 hostage
    '          PART  case     13
    right      NOUN  dobj     11
    to         ADP   prep     15
    life       NOUN  pobj     16
    during     ADP   prep     11
    the        DET   det      22
    Moscow     PROPN compound 22
    theatre    NOUN  compound 22
    siege      NOUN  pobj     18
    .          PUNCT punct    8
"""


def test_a_court_ruling_names_court_defendant_and_the_crisis_en():
    doc = parse_table("en", EN_RULING)
    found = Extraction("en", doc, [date(doc, "2011", "2011", "gYear")])
    assert found.main == "moscow-theatre-hostage-crisis"
    [ruling] = found.of_class("CourtRuling")
    assert ruling.anchor == "european-court-of-human-rights"
    assert ruling.date.lexical == "2011"
    assert ruling.super_event is None
    assert [e.text for e in ruling.evidence] == ["ruled"]
    assert found.roles(ruling.local_id, "court") == {"european-court-of-human-rights"}
    # The defendant is the subject of the clause the court ruled on.
    assert found.roles(ruling.local_id, "defendant") == {"russia"}
    assert found.roles(ruling.local_id, "concerns") == {"moscow-theatre-hostage-crisis"}


def test_a_court_ruling_names_court_defendant_and_the_crisis_es():
    doc = parse_table("es", """
        El        DET   det    1  el
        Tribunal  PROPN nsubj  6
        Europeo   PROPN flat   1
        de        ADP   case   4
        Derechos  PROPN flat   1
        Humanos   PROPN flat   1
        condenó   VERB  ROOT   6  condenar
        a         ADP   case   8
        Rusia     PROPN obj    6
        por       ADP   case   11
        la        DET   det    11 el
        toma      NOUN  obl    6
        del       ADP   case   13
        teatro    NOUN  nmod   11
        de        ADP   case   15
        Moscú     PROPN nmod   13
        .         PUNCT punct  6
    """)
    found = Extraction("es", doc)
    assert found.main == "moscow-theatre-hostage-crisis"
    [ruling] = found.of_class("CourtRuling")
    assert ruling.anchor == "european-court-of-human-rights"
    # "por la toma" says what Russia was condemned for; the court is the subject.
    assert found.roles(ruling.local_id, "court") == {"european-court-of-human-rights"}
    assert found.roles(ruling.local_id, "defendant") == {"russia"}
    assert found.roles(ruling.local_id, "concerns") == {"moscow-theatre-hostage-crisis"}


def test_the_court_named_by_a_description_makes_a_ruling():
    doc = parse_table("en", """
        The       DET   det      2
        European  PROPN compound 2
        Court     PROPN nsubj    6
        of        ADP   prep     2
        Human     PROPN compound 5
        Rights    PROPN pobj     3
        heard     VERB  ROOT     6  hear
        the       DET   det      8
        case      NOUN  dobj     6
        .         PUNCT punct    6
        The       DET   det      11
        court     NOUN  nsubj    12
        ruled     VERB  ROOT     12 rule
        against   ADP   prep     12
        Russia    PROPN pobj     13
        .         PUNCT punct    12
    """)
    found = Extraction("en", doc)
    [ruling] = found.of_class("CourtRuling")
    assert ruling.anchor == "european-court-of-human-rights"
    # No crisis is named, so the ruling concerns none.
    assert found.main is None
    assert found.roles(ruling.local_id, "concerns") == set()


def test_a_ruling_verb_without_a_court_subject_is_no_ruling_en():
    doc = parse_table("en", """
        Vladimir  PROPN compound 1
        Putin     PROPN nsubj    2
        ruled     VERB  ROOT     2 rule
        out       ADP   prt      2
        talks     NOUN  dobj     2 talk
        during    ADP   prep     2
        the       DET   det      9
        Moscow    PROPN compound 9
        theatre   NOUN  compound 9
        siege     NOUN  pobj     5
        .         PUNCT punct    2
    """)
    found = Extraction("en", doc)
    assert found.of_class("CourtRuling") == []
    assert list(found.events) == ["moscow-theatre-hostage-crisis"]


def test_a_ruling_verb_without_a_court_subject_is_no_ruling_es():
    doc = parse_table("es", """
        Putin    PROPN nsubj  1
        condenó  VERB  ROOT   1 condenar
        la       DET   det    3 el
        toma     NOUN  obj    1
        del      ADP   case   5
        teatro   NOUN  nmod   3
        de       ADP   case   7
        Moscú    PROPN nmod   5
        .        PUNCT punct  1
    """)
    found = Extraction("es", doc)
    assert found.of_class("CourtRuling") == []
    # Condemnation by a politician is criticism, about the seizure it names.
    [criticism] = found.of_class("Criticism")
    assert found.roles(criticism.local_id, "concerns") == {"moscow-theatre-hostage-crisis"}
    assert found.roles(criticism.local_id, "participant") == {"vladimir-putin"}


# --------------------------------------------------------------------------
# Wanted, not done


def test_a_demanded_release_is_no_release_en():
    doc = parse_table("en", """
        During       ADP   prep     6
        the          DET   det      3
        Budyonnovsk  PROPN compound 3
        raid         NOUN  pobj     0
        the          DET   det      5
        gunmen       NOUN  nsubj    6 gunman
        demanded     VERB  ROOT     6 demand
        the          DET   det      8
        release      NOUN  dobj     6
        of           ADP   prep     8
        Chechen      PROPN compound 11
        prisoners    NOUN  pobj     9 prisoner
        .            PUNCT punct    6
    """)
    found = Extraction("en", doc)
    assert found.main == "budyonnovsk-hospital-hostage-crisis"
    assert found.of_class("HostageRelease") == []
    [demand] = found.of_class("Demand")
    assert demand.super_event == "budyonnovsk-hospital-hostage-crisis"


def test_a_reported_release_is_a_release_en():
    doc = parse_table("en", """
        The          DET   det      1
        release      NOUN  nsubj    5
        of           ADP   prep     1
        120          NUM   nummod   4
        hostages     NOUN  pobj     2 hostage
        ended        VERB  ROOT     5 end
        the          DET   det      8
        Budyonnovsk  PROPN compound 8
        raid         NOUN  dobj     5
        .            PUNCT punct    5
    """)
    found = Extraction("en", doc)
    [release] = found.of_class("HostageRelease")
    assert release.super_event == "budyonnovsk-hospital-hostage-crisis"
    assert [e.text for e in release.evidence] == ["release"]


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Rebels    NOUN/NNS  nsubj    1  rebel
            seized    VERB      ROOT     1  seize
            30        NUM       nummod   3
            hostages  NOUN/NNS  dobj     1  hostage
            .         PUNCT     punct    1
            The       DET       det      7
            Olmo      PROPN     compound 7
            Brigade   PROPN     nsubj    8
            freed     VERB      ROOT     8  free
            the       DET       det      10
            hostages  NOUN/NNS  dobj     8  hostage
            .         PUNCT     punct    8
        """),
        # "irrumpieron … y liberaron": the verb joined to another has its subject.
        ("es", """
            Rebeldes    NOUN  nsubj  1  rebelde
            tomaron     VERB  ROOT   1  tomar
            rehenes     NOUN  obj    1  rehén
            .           PUNCT punct  1
            La          DET   det    6  el
            Brigada     PROPN nsubj  7
            Olmo        PROPN flat   5
            irrumpieron VERB  ROOT   7  irrumpir
            y           CCONJ cc     9
            liberó      VERB  conj   7  liberar
            a           ADP   case   12
            los         DET   det    12 el
            rehenes     NOUN  obj    9  rehén
            .           PUNCT punct  7
        """),
    ],
)
def test_who_frees_hostages_takes_part_in_their_release(lang, table):
    found = Extraction(lang, parse_table(lang, table, ents=[(6, 8, "ORG") if lang == "en" else (5, 7, "ORG")]))
    assert found.roles_of_the("HostageRelease", "participant") == {"organization-olmo-brigade" if lang == "en" else "organization-brigada-olmo"}


def test_a_demanded_release_is_no_release_es():
    doc = parse_table("es", """
        Durante         ADP   case   2
        la              DET   det    2  el
        crisis          NOUN  obl    9
        de              ADP   case   4
        rehenes         NOUN  nmod   2  rehén
        de              ADP   case   6
        Budiónnovsk     PROPN nmod   4
        los             DET   det    8  el
        secuestradores  NOUN  nsubj  9  secuestrador
        exigían         VERB  ROOT   9  exigir
        la              DET   det    11 el
        liberación      NOUN  obj    9
        de              ADP   case   14
        los             DET   det    14 el
        presos          NOUN  nmod   11 preso
        chechenos       ADJ   amod   14 checheno
        .               PUNCT punct  9
    """)
    found = Extraction("es", doc)
    assert found.main == "budyonnovsk-hospital-hostage-crisis"
    assert found.of_class("HostageRelease") == []
    assert [e.event_class for e in found.events.values() if e.super_event] == ["Demand"]


def test_a_reported_release_is_a_release_es():
    doc = parse_table("es", """
        La           DET   det    1  el
        liberación   NOUN  nsubj  5
        de           ADP   case   4
        los          DET   det    4  el
        rehenes      NOUN  nmod   1  rehén
        puso         VERB  ROOT   5  poner
        fin          NOUN  obj    5
        a            ADP   case   9
        la           DET   det    9  el
        crisis       NOUN  obl    5
        de           ADP   case   11
        rehenes      NOUN  nmod   9  rehén
        de           ADP   case   13
        Budiónnovsk  PROPN nmod   11
        .            PUNCT punct  5
    """)
    found = Extraction("es", doc)
    [release] = found.of_class("HostageRelease")
    assert release.super_event == "budyonnovsk-hospital-hostage-crisis"


# --------------------------------------------------------------------------
# Sub-events


EN_EXPLOSION = """
    An         DET   det      1
    explosion  NOUN  nsubj    2
    tore       VERB  ROOT     2  tear
    through    ADP   prep     2
    the        DET   det      5
    hall       NOUN  pobj     3
"""


def test_a_sub_event_is_part_of_the_crisis_en():
    doc = parse_table("en", EN_EXPLOSION + """
        during     ADP   prep     2
        the        DET   det      10
        Moscow     PROPN compound 10
        theatre    NOUN  compound 10
        siege      NOUN  pobj     6
        .          PUNCT punct    2
    """)
    found = Extraction("en", doc)
    [explosion] = found.of_class("Explosion")
    assert explosion.super_event == "moscow-theatre-hostage-crisis"
    assert explosion.kb_id is None
    crisis = found.events["moscow-theatre-hostage-crisis"]
    assert (crisis.kb_id, crisis.event_class) == ("moscow-theatre-hostage-crisis", "HostageCrisis")


def test_a_sub_event_without_a_crisis_stands_alone():
    doc = parse_table("en", EN_EXPLOSION + """
        .          PUNCT punct    2
    """)
    found = Extraction("en", doc)
    assert found.main is None
    [explosion] = found.of_class("Explosion")
    assert explosion.super_event is None
    assert list(found.events) == [explosion.local_id]


def test_a_sub_event_is_part_of_the_crisis_es():
    doc = parse_table("es", """
        Una        DET   det    1  uno
        explosión  NOUN  nsubj  2
        sacudió    VERB  ROOT   2  sacudir
        la         DET   det    4  el
        sala       NOUN  obj    2
        durante    ADP   case   7
        la         DET   det    7  el
        toma       NOUN  obl    2
        del        ADP   case   9
        teatro     NOUN  nmod   7
        de         ADP   case   11
        Moscú      PROPN nmod   9
        .          PUNCT punct  2
    """)
    found = Extraction("es", doc)
    [explosion] = found.of_class("Explosion")
    assert explosion.super_event == "moscow-theatre-hostage-crisis"


# --------------------------------------------------------------------------
# Dates


def test_a_date_attached_to_the_verb_dates_the_event_es():
    doc = parse_table("es", """
        El           DET   det      1  el
        23           NUM   obl      8
        de           ADP   case     3
        octubre      NOUN  compound 1
        de           ADP   case     5
        2002         NUM   compound 1
        los          DET   det      7  el
        terroristas  NOUN  nsubj    8  terrorista
        tomaron      VERB  ROOT     8  tomar
        el           DET   det      10 el
        teatro       NOUN  obj      8
        Dubrovka     PROPN flat     10
        .            PUNCT punct    8
        Dos          NUM   nummod   14 dos
        explosiones  NOUN  nsubj    15 explosión
        sacudieron   VERB  ROOT     15 sacudir
        el           DET   det      17 el
        edificio     NOUN  obj      15
        el           DET   det      19 el
        26           NUM   obl      15
        de           ADP   case     21
        octubre      NOUN  compound 19
        de           ADP   case     23
        2002         NUM   compound 19
        .            PUNCT punct    15
    """)
    temporal = [date(doc, "23 de octubre de 2002", "2002-10-23"), date(doc, "26 de octubre de 2002", "2002-10-26")]
    found = Extraction("es", doc, temporal)
    # No known crisis is named: the trigger "tomaron" makes the main one.
    crisis = found.events[found.main]
    assert crisis.event_class == "HostageCrisis"
    assert crisis.date.lexical == "2002-10-23"
    assert found.roles(crisis.local_id, "target") == {"dubrovka-theatre"}
    [explosion] = found.of_class("Explosion")
    assert explosion.super_event == crisis.local_id
    # Its own date, not the earlier one the story was told from.
    assert explosion.date.lexical == "2002-10-26"
    assert explosion.date_evidence.text == "26 de octubre de 2002"


def test_a_date_attached_to_the_verb_dates_the_event_en():
    doc = parse_table("en", """
        Gunmen       NOUN  nsubj    1 gunman
        seized       VERB  ROOT     1 seize
        the          DET   det      4
        Budyonnovsk  PROPN compound 4
        hospital     NOUN  dobj     1
        on           ADP   prep     1
        14           NUM   nummod   7
        June         PROPN pobj     5
        1995         NUM   nummod   7
        .            PUNCT punct    1
    """)
    found = Extraction("en", doc, [date(doc, "14 June 1995", "1995-06-14")])
    crisis = found.events[found.main]
    assert crisis.event_class == "HostageCrisis"
    assert crisis.date.lexical == "1995-06-14"
    assert [e.text for e in crisis.evidence] == ["seized"]
    assert found.roles(crisis.local_id, "target") == {"budyonnovsk-hospital"}


def test_a_story_date_carries_to_sub_events_but_not_to_events_about_the_crisis():
    doc = parse_table("en", """
        The            DET   det       1
        raid           NOUN  nsubj     2
        began          VERB  ROOT      2  begin
        on             ADP   prep      2
        14             NUM   nummod    5
        June           PROPN pobj      3
        1995           NUM   nummod    5
        .              PUNCT punct     2
        An             DET   det       9
        explosion      NOUN  nsubj     10
        shook          VERB  ROOT      10 shake
        the            DET   det       12
        ward           NOUN  dobj      10
        .              PUNCT punct     10
        An             DET   det       15
        investigation  NOUN  nsubjpass 17
        was            AUX   auxpass   17 be
        opened         VERB  ROOT      17 open
        .              PUNCT punct     17
    """)
    found = Extraction("en", doc, [date(doc, "14 June 1995", "1995-06-14")])
    crisis = found.events[found.main]
    assert crisis.event_class == "Attack"
    assert crisis.date.lexical == "1995-06-14"
    [explosion] = found.of_class("Explosion")
    assert explosion.date.lexical == "1995-06-14"
    [investigation] = found.of_class("Investigation")
    assert investigation.date is None
    assert found.roles(investigation.local_id, "concerns") == {crisis.local_id}


# --------------------------------------------------------------------------
# Repeated mentions


def test_an_unanchored_mention_joins_the_one_event_of_its_class_en():
    doc = parse_table("en", """
        Dmitry       PROPN compound 1
        Medvedev     PROPN nsubj    2
        visited      VERB  ROOT     2  visit
        Budyonnovsk  PROPN dobj     2
        in           ADP   prep     2
        June         PROPN pobj     4
        2010         NUM   nummod   5
        .            PUNCT punct    2
        During       ADP   prep     12
        his          PRON  poss     10
        visit        NOUN  pobj     8
        he           PRON  nsubj    12
        laid         VERB  ROOT     12 lay
        flowers      NOUN  dobj     12 flower
        .            PUNCT punct    12
    """)
    found = Extraction("en", doc, [date(doc, "June 2010", "2010-06", "gYearMonth")])
    [visit] = found.of_class("Visit")
    assert visit.anchor == "dmitry-medvedev"
    assert visit.date.lexical == "2010-06"
    assert [e.text for e in visit.evidence] == ["visited", "visit"]
    assert found.roles(visit.local_id, "participant") == {"dmitry-medvedev"}
    assert found.roles(visit.local_id, "location") == {"budyonnovsk"}


def test_a_phrase_coordinated_with_a_place_nouns_of_phrase_is_one_more_place_of_the_event():
    # "The earthquake caused damage in the states of Puebla and Morelos and in the Tarvisa City area.":
    # the parser hangs the second "in" on "of"; the area is where the damage was too.
    doc = parse_table("en", """
        The        DET   det      1
        earthquake NOUN  nsubj    2
        caused     VERB  ROOT     2 cause
        damage     NOUN  dobj     2
        in         ADP   prep     3
        the        DET   det      6
        states     NOUN/NNS pobj  4 state
        of         ADP   prep     6
        Puebla     PROPN pobj     7
        and        CCONJ cc       8
        Morelos    PROPN conj     8
        and        CCONJ cc       7
        in         ADP   conj     7
        the        DET   det      16
        Tarvisa    PROPN compound 15
        City       PROPN compound 16
        area       NOUN  pobj     12
        .          PUNCT punct    2
    """, ents=[(8, 9, "GPE"), (10, 11, "GPE"), (14, 16, "GPE")])
    found = Extraction("en", doc, [])
    [quake] = found.of_class("Earthquake")
    assert found.roles(quake.local_id, "location") == {"place-puebla", "place-morelos", "place-tarvisa-city"}


def test_the_names_listed_before_a_plural_place_noun_are_places_of_the_event():
    # "Landslides occurred at Tarvisa, Olmo and Kunhome villages of Ruritania district."
    doc = parse_table("en", """
        Landslides NOUN/NNS nsubj 1 landslide
        occurred   VERB  ROOT     1 occur
        at         ADP   prep     1
        Tarvisa    PROPN nmod     8
        ,          PUNCT punct    3
        Olmo       PROPN conj     3
        and        CCONJ cc       5
        Kunhome    PROPN conj     5
        villages   NOUN/NNS pobj  2 village
        of         ADP   prep     8
        Ruritania  PROPN compound 11
        district   NOUN  pobj     9
        .          PUNCT punct    1
    """, ents=[(3, 4, "GPE"), (5, 6, "GPE"), (7, 8, "GPE"), (10, 12, "GPE")])
    found = Extraction("en", doc, [])
    [slides] = found.of_class("Landslide")
    assert found.roles(slides.local_id, "location") == {"place-tarvisa", "place-olmo", "place-kunhome", "place-ruritania-district"}


def test_an_unanchored_mention_joins_the_one_event_of_its_class_es():
    doc = parse_table("es", """
        El           DET   det    1  el
        presidente   NOUN  nsubj  4
        Dmitri       PROPN appos  1
        Medvédev     PROPN flat   2
        visitó       VERB  ROOT   4  visitar
        Vladikavkaz  PROPN obj    4
        en           ADP   case   7
        junio        NOUN  obl    4
        de           ADP   case   9
        2010         NUM   compound 7
        .            PUNCT punct  4
        Durante      ADP   case   13
        la           DET   det    13 el
        visita       NOUN  obl    14
        depositó     VERB  ROOT   14 depositar
        flores       NOUN  obj    14 flor
        .            PUNCT punct  14
    """)
    found = Extraction("es", doc, [date(doc, "junio de 2010", "2010-06", "gYearMonth")])
    [visit] = found.of_class("Visit")
    # The name stands in apposition to the title that is the verb's subject.
    assert visit.anchor == "dmitry-medvedev"
    assert [e.text for e in visit.evidence] == ["visitó", "visita"]
    assert found.roles(visit.local_id, "participant") == {"dmitry-medvedev"}
    assert found.roles(visit.local_id, "location") == {"vladikavkaz"}


def test_an_unanchored_mention_joins_nothing_when_two_events_could_be_meant():
    doc = parse_table("en", """
        Dmitry    PROPN compound 1
        Medvedev  PROPN nsubj    2
        visited   VERB  ROOT     2  visit
        Nazran    PROPN dobj     2
        in        ADP   prep     2
        June      PROPN pobj     4
        2010      NUM   nummod   5
        .         PUNCT punct    2
        Vladimir  PROPN compound 9
        Putin     PROPN nsubj    10
        visited   VERB  ROOT     10 visit
        Grozny    PROPN dobj     10
        in        ADP   prep     10
        May       PROPN pobj     12
        2011      NUM   nummod   13
        .         PUNCT punct    10
        The       DET   det      17
        visit     NOUN  nsubj    18
        lasted    VERB  ROOT     18 last
        two       NUM   nummod   20
        hours     NOUN  npadvmod 18 hour
        .         PUNCT punct    18
    """)
    temporal = [date(doc, "June 2010", "2010-06", "gYearMonth"), date(doc, "May 2011", "2011-05", "gYearMonth")]
    found = Extraction("en", doc, temporal)
    visits = {e.anchor: e for e in found.of_class("Visit")}
    assert set(visits) == {"dmitry-medvedev", "vladimir-putin", None}
    assert [e.text for e in visits[None].evidence] == ["visit"]
    assert visits["dmitry-medvedev"].date.lexical == "2010-06"
    assert visits["vladimir-putin"].date.lexical == "2011-05"
    assert found.roles(visits["vladimir-putin"].local_id, "location") == {"grozny"}


# --------------------------------------------------------------------------
# Readings chosen by their conditions


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Gunmen     NOUN  nsubj    1  gunman
            stormed    VERB  ROOT     1  storm
            the        DET   det      4
            Dubrovka   PROPN compound 4
            Theatre    PROPN dobj     1
            .          PUNCT punct    1
            Commandos  NOUN  nsubj    7  commando
            stormed    VERB  ROOT     7  storm
            the        DET   det      10
            Dubrovka   PROPN compound 10
            Theatre    PROPN dobj     7
            .          PUNCT punct    7
        """),
        ("es", """
            Los          DET   det    1  el
            terroristas  NOUN  nsubj  2  terrorista
            asaltaron    VERB  ROOT   2  asaltar
            el           DET   det    4  el
            Teatro       PROPN obj    2
            Dubrovka     PROPN flat   4
            .            PUNCT punct  2
            Los          DET   det    8  el
            comandos     NOUN  nsubj  9  comando
            asaltaron    VERB  ROOT   9  asaltar
            el           DET   det    11 el
            Teatro       PROPN obj    9
            Dubrovka     PROPN flat   11
            .            PUNCT punct  9
        """),
    ],
)
def test_security_forces_storming_is_an_assault_anyone_else_storming_starts_the_main_event(lang, table):
    doc = parse_table(lang, table)
    found = Extraction(lang, doc)
    first, second = [t for t in doc if t.lemma_ in ("storm", "asaltar")]
    crisis = found.events[found.main]
    assert crisis.event_class == "Attack"  # the article tells of no hostages
    assert [(e.start, e.text) for e in crisis.evidence] == [(first.idx, first.text)]
    assert found.roles(crisis.local_id, "target") == {"dubrovka-theatre"}
    [assault] = found.of_class("Assault")
    assert [(e.start, e.text) for e in assault.evidence] == [(second.idx, second.text)]
    assert assault.super_event == crisis.local_id
    assert found.roles(assault.local_id, "location") == {"dubrovka-theatre"}


# --------------------------------------------------------------------------
# Unreal events: purposes, modals, plans


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Commandos  NOUN  nsubj  1 commando
            launched   VERB  ROOT   1 launch
            an         DET   det    3
            assault    NOUN  dobj   1
            to         PART  aux    5
            free       VERB  advcl  1
            the        DET   det    7
            hostages   NOUN  dobj   5 hostage
            .          PUNCT punct  1
        """),
        ("es", """
            Los       DET   det    1  el
            comandos  NOUN  nsubj  2  comando
            lanzaron  VERB  ROOT   2  lanzar
            un        DET   det    4  uno
            asalto    NOUN  obj    2
            para      ADP   mark   6
            liberar   VERB  advcl  2
            a         ADP   case   9
            los       DET   det    9  el
            rehenes   NOUN  obj    6  rehén
            .         PUNCT punct  2
        """),
    ],
)
def test_an_event_in_a_purpose_clause_did_not_happen(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    # The assault was launched; the release was only its aim.
    assert [e.event_class for e in found.events.values()] == ["Assault"]


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Putin   PROPN nsubj  2
            will    AUX   aux    2
            visit   VERB  ROOT   2
            Beslan  PROPN dobj   2
            .       PUNCT punct  2
        """),
        ("es", """
            Putin    PROPN nsubj  3
            va       AUX   aux    3 ir
            a        ADP   mark   3
            visitar  VERB  ROOT   3
            Beslán   PROPN obj    3
            .        PUNCT punct  3
        """),
    ],
)
def test_an_event_told_with_a_modal_did_not_happen(lang, table):
    assert Extraction(lang, parse_table(lang, table)).events == {}


def test_an_event_someone_was_to_hold_did_not_happen():
    doc = parse_table("en", """
        Putin       PROPN nsubj    1
        was         AUX   ROOT     1 be
        to          PART  aux      3
        hold        VERB  xcomp    1
        a           DET   det      6
        press       NOUN  compound 6
        conference  NOUN  dobj     3
        .           PUNCT punct    1
    """)
    assert Extraction("en", doc).events == {}


@pytest.mark.parametrize(
    ("lang", "table", "day"),
    [
        ("en", """
            On        ADP   prep     5
            1         NUM   nummod   2
            September PROPN pobj     0
            2014      NUM   nummod   2
            Putin     PROPN nsubj    5
            visited   VERB  ROOT     5 visit
            Beslan    PROPN dobj     5
            to        PART  aux      8
            remember  VERB  advcl    5
            the       DET   det      10
            siege     NOUN  dobj     8
            .         PUNCT punct    5
        """, "1 September 2014"),
        ("es", """
            El          DET   det      1  el
            1           NUM   obl      7
            de          ADP   case     3
            septiembre  NOUN  compound 1
            de          ADP   case     5
            2014        NUM   compound 1
            Putin       PROPN nsubj    7
            visitó      VERB  ROOT     7  visitar
            Beslán      PROPN obj      7
            para        ADP   mark     10
            recordar    VERB  advcl    7
            la          DET   det      12 el
            matanza     NOUN  obj      10
            .           PUNCT punct    7
        """, "1 de septiembre de 2014"),
    ],
)
def test_a_crisis_named_in_a_purpose_clause_happened_but_not_on_that_day(lang, table, day):
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, day, "2014-09-01")])
    crisis = found.events[found.main]
    assert crisis.event_class == "HostageCrisis"
    assert [e.text for e in crisis.evidence] == [doc[-2].text]
    # The day is the visit's, told in the visit's clause.
    assert crisis.date is None
    [visit] = found.of_class("Visit")
    assert visit.date.lexical == "2014-09-01"
    assert found.roles(visit.local_id, "location") == {"beslan"}


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Relatives  NOUN  nsubj    1 relative
            demanded   VERB  ROOT     1 demand
            an         DET   det      3
            inquiry    NOUN  dobj     1
            ,          PUNCT punct    1
            and        CCONJ cc       1
            the        DET   det      8
            European   PROPN compound 8
            Court      PROPN nsubj    12
            of         ADP   prep     8
            Human      PROPN compound 11
            Rights     PROPN pobj     9
            ruled      VERB  conj     1 rule
            against    ADP   prep     12
            Russia     PROPN pobj     13
            .          PUNCT punct    1
        """),
        ("es", """
            Los            DET   det    1  el
            familiares     NOUN  nsubj  2  familiar
            exigieron      VERB  ROOT   2  exigir
            una            DET   det    4  uno
            investigación  NOUN  obj    2
            y              CCONJ cc     12
            el             DET   det    7  el
            Tribunal       PROPN nsubj  12
            Europeo        PROPN flat   7
            de             ADP   case   10
            Derechos       PROPN flat   7
            Humanos        PROPN flat   7
            condenó        VERB  conj   2  condenar
            a              ADP   case   14
            Rusia          PROPN obj    12
            .              PUNCT punct  2
        """),
    ],
)
def test_a_verb_coordinated_with_a_demand_is_a_statement_of_its_own(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    [ruling] = found.of_class("CourtRuling")
    assert ruling.anchor == "european-court-of-human-rights"
    assert found.roles(ruling.local_id, "defendant") == {"russia"}
    # The inquiry was only demanded.
    assert found.of_class("Investigation") == []
    assert len(found.of_class("Demand")) == 1


# --------------------------------------------------------------------------
# Demands: steps of the crisis or about it


EN_RAID_BEGAN = """
    The          DET   det      2
    Budyonnovsk  PROPN compound 2
    raid         NOUN  nsubj    3
    began        VERB  ROOT     3 begin
    on           ADP   prep     3
    14           NUM   nummod   6
    June         PROPN pobj     4
    1995         NUM   nummod   6
    .            PUNCT punct    3
"""


def test_a_demand_dated_during_the_crisis_is_a_step_of_it():
    doc = parse_table("en", EN_RAID_BEGAN + """
        On           ADP      prep     15
        15           NUM      nummod   11
        June         PROPN    pobj     9
        1995         NUM      nummod   11
        the          DET      det      14
        gunmen       NOUN     nsubj    15 gunman
        demanded     VERB     ROOT     15 demand
        talks        NOUN/NNS dobj     15 talk
        .            PUNCT    punct    15
    """)
    found = Extraction("en", doc, [date(doc, "14 June 1995", "1995-06-14"), date(doc, "15 June 1995", "1995-06-15")])
    [demand] = found.of_class("Demand")
    assert demand.date.lexical == "1995-06-15"
    assert demand.super_event == "budyonnovsk-hospital-hostage-crisis"
    assert found.roles(demand.local_id, "concerns") == set()
    # The talks were demanded, not held.
    assert found.of_class("Negotiation") == []


@pytest.mark.parametrize(("later", "step"), [(False, True), (True, False)])
def test_a_demand_told_later_is_about_the_crisis(later, step):
    second = """
        Relatives    NOUN  nsubj    11 relative
        later        ADV   advmod   11
        demanded     VERB  ROOT     11 demand
        compensation NOUN  dobj     11
        .            PUNCT punct    11
    """ if later else """
        Relatives    NOUN  nsubj    10 relative
        demanded     VERB  ROOT     10 demand
        compensation NOUN  dobj     10
        .            PUNCT punct    10
    """
    doc = parse_table("en", EN_RAID_BEGAN + second)
    found = Extraction("en", doc, [date(doc, "14 June 1995", "1995-06-14")])
    [demand] = found.of_class("Demand")
    crisis = "budyonnovsk-hospital-hostage-crisis"
    if step:
        # Told in order, the demand takes the story's day and is a step of the raid.
        assert demand.date.lexical == "1995-06-14"
        assert (demand.super_event, found.roles(demand.local_id, "concerns")) == (crisis, set())
    else:
        # "later" leaves the story's day: undated, the demand is about the raid.
        assert demand.date is None
        assert (demand.super_event, found.roles(demand.local_id, "concerns")) == (None, {crisis})


def test_an_undated_demand_is_about_the_crisis_en():
    doc = parse_table("en", """
        The          DET   det      2
        Budyonnovsk  PROPN compound 2
        raid         NOUN  nsubj    3
        shocked      VERB  ROOT     3 shock
        Russia       PROPN dobj     3
        .            PUNCT punct    3
        Relatives    NOUN  nsubj    7 relative
        demanded     VERB  ROOT     7 demand
        compensation NOUN  dobj     7
        .            PUNCT punct    7
    """)
    found = Extraction("en", doc)
    [demand] = found.of_class("Demand")
    assert (demand.date, demand.super_event) == (None, None)
    assert found.roles(demand.local_id, "concerns") == {"budyonnovsk-hospital-hostage-crisis"}


def test_a_demand_made_years_after_is_about_the_crisis_es():
    doc = parse_table("es", """
        La              DET   det      1  el
        toma            NOUN  nsubj    6
        de              ADP   case     3
        rehenes         NOUN  nmod     1  rehén
        de              ADP   case     5
        Budiónnovsk     PROPN nmod     1
        comenzó         VERB  ROOT     6  comenzar
        el              DET   det      8  el
        14              NUM   obl      6
        de              ADP   case     10
        junio           NOUN  compound 8
        de              ADP   case     12
        1995            NUM   compound 8
        .               PUNCT punct    6
        Años            NOUN  obl      18 año
        después         ADV   advmod   14
        los             DET   det      17 el
        familiares      NOUN  nsubj    18 familiar
        exigieron       VERB  ROOT     18 exigir
        compensaciones  NOUN  obj      18 compensación
        .               PUNCT punct    18
    """)
    found = Extraction("es", doc, [date(doc, "14 de junio de 1995", "1995-06-14")])
    assert found.events["budyonnovsk-hospital-hostage-crisis"].date.lexical == "1995-06-14"
    [demand] = found.of_class("Demand")
    assert (demand.date, demand.super_event) == (None, None)
    assert found.roles(demand.local_id, "concerns") == {"budyonnovsk-hospital-hostage-crisis"}


# --------------------------------------------------------------------------
# The story's day


EN_SIEGE_BEGAN = """
    The        DET   det      1
    siege      NOUN  nsubj    2
    began      VERB  ROOT     2  begin
    on         ADP   prep     2
    1          NUM   nummod   5
    September  PROPN pobj     3
    2004       NUM   nummod   5
    .          PUNCT punct    2
    ¶          SPACE dep      2
"""


def test_a_step_of_the_crisis_takes_its_day_from_the_paragraph_before():
    doc = parse_table("en", EN_SIEGE_BEGAN + """
        An         DET   det      10
        explosion  NOUN  nsubj    11
        shook      VERB  ROOT     11 shake
        the        DET   det      13
        hall       NOUN  dobj     11
        .          PUNCT punct    11
    """)
    found = Extraction("en", doc, [date(doc, "1 September 2004", "2004-09-01")])
    [explosion] = found.of_class("Explosion")
    assert explosion.date.lexical == "2004-09-01"
    assert explosion.super_event == found.main


def test_a_step_of_the_crisis_takes_no_day_from_two_paragraphs_before():
    doc = parse_table("en", EN_SIEGE_BEGAN + """
        Parents    NOUN  nsubj    10 parent
        waited     VERB  ROOT     10 wait
        outside    ADV   advmod   10
        .          PUNCT punct    10
        ¶          SPACE dep      10
        An         DET   det      15
        explosion  NOUN  nsubj    16
        shook      VERB  ROOT     16 shake
        the        DET   det      18
        hall       NOUN  dobj     16
        .          PUNCT punct    16
    """)
    found = Extraction("en", doc, [date(doc, "1 September 2004", "2004-09-01")])
    [explosion] = found.of_class("Explosion")
    assert explosion.date is None
    assert explosion.super_event == found.main


def test_the_crisis_takes_no_day_from_the_paragraph_before():
    doc = parse_table("en", """
        Relatives  NOUN  nsubj    1  relative
        met        VERB  ROOT     1  meet
        on         ADP   prep     1
        1          NUM   nummod   4
        September  PROPN pobj     2
        2004       NUM   nummod   4
        .          PUNCT punct    1
        ¶          SPACE dep      1
        The        DET   det      9
        siege      NOUN  nsubj    10
        shocked    VERB  ROOT     10 shock
        Russia     PROPN dobj     10
        .          PUNCT punct    10
    """)
    found = Extraction("en", doc, [date(doc, "1 September 2004", "2004-09-01")])
    crisis = found.events[found.main]
    assert crisis.event_class == "HostageCrisis"
    assert crisis.date is None


def test_a_step_without_a_crisis_takes_no_day_from_the_story():
    doc = parse_table("en", """
        Putin      PROPN nsubj    1
        visited    VERB  ROOT     1  visit
        Beslan     PROPN dobj     1
        on         ADP   prep     1
        2          NUM   nummod   5
        September  PROPN pobj     3
        2014       NUM   nummod   5
        .          PUNCT punct    1
        An         DET   det      9
        explosion  NOUN  nsubj    10
        shook      VERB  ROOT     10 shake
        the        DET   det      12
        town       NOUN  dobj     10
        .          PUNCT punct    10
    """)
    found = Extraction("en", doc, [date(doc, "2 September 2014", "2014-09-02")])
    assert found.main is None
    [explosion] = found.of_class("Explosion")
    assert explosion.date is None


def test_steps_of_one_class_on_different_days_are_different_events():
    doc = parse_table("en", """
        The        DET   det      3
        Beslan     PROPN compound 3
        school     NOUN  compound 3
        siege      NOUN  nsubj    4
        began      VERB  ROOT     4  begin
        on         ADP   prep     4
        1          NUM   nummod   7
        September  PROPN pobj     5
        2004       NUM   nummod   7
        .          PUNCT punct    4
        On         ADP   prep     16
        2          NUM   nummod   12
        September  PROPN pobj     10
        2004       NUM   nummod   12
        the        DET   det      15
        gunmen     NOUN  nsubj    16 gunman
        released   VERB  ROOT     16 release
        26         NUM   nummod   18
        hostages   NOUN  dobj     16 hostage
        .          PUNCT punct    16
        On         ADP   prep     25
        3          NUM   nummod   22
        September  PROPN pobj     20
        2004       NUM   nummod   22
        troops     NOUN  nsubj    25 troop
        freed      VERB  ROOT     25 free
        the        DET   det      27
        rest       NOUN  dobj     25
        .          PUNCT punct    25
    """)
    temporal = [date(doc, "1 September 2004", "2004-09-01"), date(doc, "2 September 2004", "2004-09-02"),
                date(doc, "3 September 2004", "2004-09-03")]
    found = Extraction("en", doc, temporal)
    releases = found.of_class("HostageRelease")
    assert sorted((r.date.lexical, [e.text for e in r.evidence]) for r in releases) == [
        ("2004-09-02", ["released"]),
        ("2004-09-03", ["freed"]),
    ]
    assert {r.super_event for r in releases} == {"beslan-school-siege"}


# --------------------------------------------------------------------------
# Which event a trigger reports


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            In        ADP   prep     8
            2017      NUM   pobj     0
            the       DET   det      4
            European  PROPN compound 4
            Court     PROPN nsubj    8
            of        ADP   prep     4
            Human     PROPN compound 7
            Rights    PROPN pobj     5
            ruled     VERB  ROOT     8  rule
            in        ADP   prep     8
            Tagayeva  PROPN pobj     9
            and       CCONJ cc       10
            Others    NOUN  conj     10 other
            v.        ADP   prep     10
            Russia    PROPN pobj     13
            .         PUNCT punct    8
        """),
        ("es", """
            En        ADP   case     1
            2017      NUM   obl      8
            el        DET   det      3  el
            Tribunal  PROPN nsubj    8
            Europeo   PROPN flat     3
            de        ADP   case     6
            Derechos  PROPN flat     3
            Humanos   PROPN flat     3
            falló     VERB  ROOT     8  fallar
            en        ADP   case     11
            el        DET   det      11 el
            caso      NOUN  obl      8
            Tagayeva  PROPN flat     11
            .         PUNCT punct    8
        """),
    ],
)
def test_a_trigger_reports_the_known_event_its_sentence_names(lang, table):
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, "2017", "2017", "gYear")])
    [ruling] = found.of_class("CourtRuling")
    assert ruling.local_id == ruling.kb_id == "tagayeva-v-russia"
    # The verb ("ruled", "falló") is evidence of the known ruling.
    assert doc[8].text in [e.text for e in ruling.evidence]
    assert ruling.date.lexical == "2017"
    assert found.roles(ruling.local_id, "court") == {"european-court-of-human-rights"}
    # The court the trigger names is the known ruling's anchor, as for any ruling.
    assert ruling.anchor == "european-court-of-human-rights"


def test_a_step_belongs_to_the_crisis_named_in_its_sentence_or_last_before_it():
    doc = parse_table("en", """
        Survivors  NOUN  nsubj    5  survivor
        of         ADP   prep     0
        the        DET   det      4
        Beslan     PROPN compound 4
        siege      NOUN  pobj     1
        met        VERB  ROOT     5  meet
        in         ADP   prep     5
        Moscow     PROPN pobj     6
        .          PUNCT punct    5
        An         DET   det      10
        explosion  NOUN  nsubj    11
        shook      VERB  ROOT     11 shake
        the        DET   det      13
        hall       NOUN  dobj     11
        during     ADP   prep     11
        the        DET   det      18
        Moscow     PROPN compound 18
        theatre    NOUN  compound 18
        siege      NOUN  pobj     14
        .          PUNCT punct    11
        Commandos  NOUN  nsubj    22 commando
        then       ADV   advmod   22
        stormed    VERB  ROOT     22 storm
        the        DET   det      25
        Dubrovka   PROPN compound 25
        Theatre    PROPN dobj     22
        .          PUNCT punct    22
        The        DET   det      29
        Beslan     PROPN compound 29
        massacre   NOUN  nsubj    30
        haunts     VERB  ROOT     30 haunt
        Russia     PROPN dobj     30
        .          PUNCT punct    30
    """)
    found = Extraction("en", doc)
    # Named twice, Beslan is the article's main crisis...
    assert found.main == "beslan-school-siege"
    # ...but the explosion was during the Moscow siege, and so was the assault told after it.
    [explosion] = found.of_class("Explosion")
    assert explosion.super_event == "moscow-theatre-hostage-crisis"
    [assault] = found.of_class("Assault")
    assert assault.super_event == "moscow-theatre-hostage-crisis"


def test_an_undated_headline_ruling_joins_the_dated_ruling_of_its_court():
    doc = parse_table("en", """
        Strasbourg  PROPN compound 1
        court       NOUN  nsubj    2
        condemns    VERB  ROOT     2  condemn
        Russia      PROPN dobj     2
        .           PUNCT punct    2
        In          ADP   prep     13
        2017        NUM   pobj     5
        the         DET   det      9
        European    PROPN compound 9
        Court       PROPN nsubj    13
        of          ADP   prep     9
        Human       PROPN compound 12
        Rights      PROPN pobj     10
        ruled       VERB  ROOT     13 rule
        against     ADP   prep     13
        Russia      PROPN pobj     14
        .           PUNCT punct    13
    """)
    found = Extraction("en", doc, [date(doc, "2017", "2017", "gYear")])
    [ruling] = found.of_class("CourtRuling")
    assert [e.text for e in ruling.evidence] == ["condemns", "ruled"]
    assert (ruling.anchor, ruling.date.lexical) == ("european-court-of-human-rights", "2017")
    assert found.roles(ruling.local_id, "defendant") == {"russia"}


# --------------------------------------------------------------------------
# What an event is about


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Commandos      NOUN  nsubj    1  commando
            stormed        VERB  ROOT     1  storm
            the            DET   det      4
            Dubrovka       PROPN compound 4
            Theatre        PROPN dobj     1
            to             PART  aux      6
            end            VERB  advcl    1
            the            DET   det      10
            Moscow         PROPN compound 10
            theatre        NOUN  compound 10
            siege          NOUN  dobj     6
            .              PUNCT punct    1
            Amnesty        PROPN compound 13
            International  PROPN nsubj    14
            voiced         VERB  ROOT     14 voice
            criticism      NOUN  dobj     14
            of             ADP   prep     15
            the            DET   det      18
            assault        NOUN  pobj     16
            .              PUNCT punct    14
        """),
        ("es", """
            Los            DET   det    1  el
            comandos       NOUN  nsubj  2  comando
            asaltaron      VERB  ROOT   2  asaltar
            el             DET   det    4  el
            Teatro         PROPN obj    2
            Dubrovka       PROPN flat   4
            durante        ADP   case   8
            la             DET   det    8  el
            toma           NOUN  obl    2
            del            ADP   case   10
            teatro         NOUN  nmod   8
            de             ADP   case   12
            Moscú          PROPN nmod   10
            .              PUNCT punct  2
            Amnistía       PROPN nsubj  16
            Internacional  PROPN flat   14
            criticó        VERB  ROOT   16 criticar
            el             DET   det    18 el
            asalto         NOUN  obj    16
            .              PUNCT punct  16
        """),
    ],
)
def test_criticism_of_the_assault_is_about_the_assault(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    [assault] = found.of_class("Assault")
    assert assault.super_event == "moscow-theatre-hostage-crisis"
    [criticism] = found.of_class("Criticism")
    assert found.roles(criticism.local_id, "concerns") == {assault.local_id}


@pytest.mark.parametrize(
    ("table", "crisis"),
    [
        ("""
            Putin      PROPN nsubj    1
            condemned  VERB  ROOT     1 condemn
            the        DET   det      3
            seizure    NOUN  dobj     1
            of         ADP   prep     3
            the        DET   det      7
            Dubrovka   PROPN compound 7
            Theatre    PROPN pobj     4
            .          PUNCT punct    1
            Hostages   NOUN  nsubj    10 hostage
            waited     VERB  ROOT     10 wait
            .          PUNCT punct    10
        """, "event-hostagecrisis"),
        ("""
            Putin      PROPN nsubj    1
            condemned  VERB  ROOT     1 condemn
            the        DET   det      5
            Moscow     PROPN compound 5
            theatre    NOUN  compound 5
            siege      NOUN  dobj     1
            .          PUNCT punct    1
        """, "moscow-theatre-hostage-crisis"),
    ],
)
def test_condemning_the_crisis_is_about_the_crisis_which_takes_no_part(table, crisis):
    found = Extraction("en", parse_table("en", table))
    assert found.main == crisis
    [criticism] = found.of_class("Criticism")
    assert found.roles(criticism.local_id, "concerns") == {crisis}
    assert found.roles(criticism.local_id, "participant") == {"vladimir-putin"}


EN_BESLAN_ENDED = """
    The     DET   det      2
    Beslan  PROPN compound 2
    siege   NOUN  nsubj    3
    ended   VERB  ROOT     3 end
    in      ADP   prep     3
    tragedy NOUN  pobj     4
    .       PUNCT punct    3
    The     DET   det      9
    European PROPN compound 9
    Court   PROPN nsubj    13
    of      ADP   prep     9
    Human   PROPN compound 12
    Rights  PROPN pobj     10
"""


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", EN_BESLAN_ENDED + """
            condemned  VERB  ROOT   13 condemn
            Russia     PROPN dobj   13
            .          PUNCT punct  13
        """),
        ("en", EN_BESLAN_ENDED + """
            ruled      VERB  ROOT   13 rule
            against    ADP   prep   13
            Russia     PROPN pobj   14
            .          PUNCT punct  13
        """),
        ("es", """
            La          DET   det    1  el
            matanza     NOUN  nsubj  4
            de          ADP   case   3
            Beslán      PROPN nmod   1
            conmocionó  VERB  ROOT   4  conmocionar
            a           ADP   case   6
            Rusia       PROPN obj    4
            .           PUNCT punct  4
            El          DET   det    9  el
            Tribunal    PROPN nsubj  14
            Europeo     PROPN flat   9
            de          ADP   case   12
            Derechos    PROPN flat   9
            Humanos     PROPN flat   9
            condenó     VERB  ROOT   14 condenar
            a           ADP   case   16
            Rusia       PROPN obj    14
            .           PUNCT punct  14
        """),
    ],
)
def test_the_defendant_of_a_ruling_is_not_what_the_ruling_is_about(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    [ruling] = found.of_class("CourtRuling")
    assert found.roles(ruling.local_id, "defendant") == {"russia"}
    assert found.roles(ruling.local_id, "concerns") == {"beslan-school-siege"}


# --------------------------------------------------------------------------
# Conditions on a trigger's form and participants


@pytest.mark.parametrize(("plural", "negotiations"), [(True, 1), (False, 0)])
def test_talks_are_negotiations_a_talk_is_not(plural, negotiations):
    noun = """
        talks      NOUN/NNS dobj     1  talk
    """ if plural else """
        a          DET      det      3
        talk       NOUN/NN  dobj     1
    """
    shift = 0 if plural else 1
    doc = parse_table("en", f"""
        Officials  NOUN     nsubj    1  official
        held       VERB     ROOT     1  hold
        {noun}
        with       ADP      prep     {2 + shift}
        Basayev    PROPN    pobj     {3 + shift}
        during     ADP      prep     1
        the        DET      det      {8 + shift}
        Budyonnovsk PROPN   compound {8 + shift}
        raid       NOUN     pobj     {5 + shift}
        .          PUNCT    punct    1
    """)
    found = Extraction("en", doc)
    found_negotiations = found.of_class("Negotiation")
    assert len(found_negotiations) == negotiations
    for negotiation in found_negotiations:
        assert negotiation.super_event == "budyonnovsk-hospital-hostage-crisis"
        assert found.roles(negotiation.local_id, "participant") == {"shamil-basayev"}


@pytest.mark.parametrize(
    ("lang", "table", "participants"),
    [
        ("en", """
            Ukraine    PROPN nsubj  1
            condemned  VERB  ROOT   1 condemn
            the        DET   det    3
            raid       NOUN  dobj   1
            .          PUNCT punct  1
        """, {"ukraine"}),
        ("en", """
            The        DET   det    1
            report     NOUN  nsubj  2
            condemned  VERB  ROOT   2 condemn
            the        DET   det    4
            raid       NOUN  dobj   2
            .          PUNCT punct  2
        """, None),
        ("es", """
            Rusia    PROPN nsubj  1
            criticó  VERB  ROOT   1 criticar
            el       DET   det    3 el
            asalto   NOUN  obj    1
            .        PUNCT punct  1
        """, {"russia"}),
        ("es", """
            El       DET   det    1 el
            informe  NOUN  nsubj  2
            criticó  VERB  ROOT   2 criticar
            el       DET   det    4 el
            asalto   NOUN  obj    2
            .        PUNCT punct  2
        """, None),
    ],
)
def test_criticism_needs_a_person_organisation_or_place_to_criticise(lang, table, participants):
    found = Extraction(lang, parse_table(lang, table))
    criticisms = found.of_class("Criticism")
    if participants is None:
        assert criticisms == []
    else:
        [criticism] = criticisms
        assert found.roles(criticism.local_id, "participant") == participants


@pytest.mark.parametrize(
    ("lang", "table", "criticised"),
    [
        # People named by what they are: leaders, officials.
        ("en", """
            World      PROPN compound 1  world
            leaders    NOUN/NNS nsubj 2  leader
            condemned  VERB  ROOT     2  condemn
            the        DET   det      4
            raid       NOUN  dobj     2
            .          PUNCT punct    2
        """, True),
        ("es", """
            Los        DET   det     1  el
            dirigentes NOUN  nsubj   2  dirigente
            criticaron VERB  ROOT    2  criticar
            el         DET   det     4  el
            asalto     NOUN  obj     2
            .          PUNCT punct   2
        """, True),
        # The one criticised, named, as a passive's subject.
        ("en", """
            Acme       PROPN nsubjpass 2
            was        AUX   auxpass   2  be
            criticized VERB/VBN ROOT   2  criticize
            .          PUNCT punct     2
        """, True),
        # Neither: a thing condemned by things.
        ("en", """
            Experts    NOUN/NNS nsubj 1  expert
            condemned  VERB  ROOT     1  condemn
            the        DET   det      3
            design     NOUN  dobj     1
            .          PUNCT punct    1
        """, False),
    ],
)
def test_criticism_by_officials_or_of_a_named_one(lang, table, criticised):
    ents = ((0, 1, "ORG"),) if table.split()[0] == "Acme" else None
    found = Extraction(lang, parse_table(lang, table, ents=ents))
    assert bool(found.of_class("Criticism")) is criticised


@pytest.mark.parametrize(
    ("lang", "table", "participants"),
    [
        ("en", """
            Diego      PROPN compound 1
            Luciani    PROPN nsubj  2
            requested  VERB/VBD ROOT 2 request
            that       SCONJ mark   6
            the        DET   det    5
            court      NOUN  nsubj  6
            act        VERB  ccomp  2
            .          PUNCT punct  2
        """, {"person-diego-luciani"}),
        ("es", """
            Acme       PROPN nsubj  1
            pidió      VERB  ROOT   1  pedir
            que        SCONJ mark   3
            cesen      VERB  ccomp  1  cesar
            las        DET   det    5  el
            campañas   NOUN  nsubj  3  campaña
            .          PUNCT punct  1
        """, {"organization-acme"}),
        # Asking for a thing is no demand that something be done.
        ("es", """
            Acme       PROPN nsubj  1
            pidió      VERB  ROOT   1  pedir
            perdón     NOUN  obj    1
            .          PUNCT punct  1
        """, None),
    ],
)
def test_asking_that_something_be_done_is_a_demand(lang, table, participants):
    found = Extraction(lang, parse_table(lang, table, ents=((0, 1, "ORG"),) if lang == "es" else ((0, 2, "PERSON"),)))
    demands = found.of_class("Demand")
    if participants is None:
        assert demands == []
    else:
        [demand] = demands
        assert found.roles(demand.local_id, "participant") == participants


@pytest.mark.parametrize(
    ("lang", "table", "voted"),
    [
        ("en", """
            The     DET   det       1
            bill    NOUN  nsubjpass 3
            was     AUX   auxpass   3  be
            passed  VERB/VBN ROOT   3  pass
            by      ADP   agent     3
            60      NUM   nummod    6
            votes   NOUN/NNS pobj   4  vote
            .       PUNCT punct     3
        """, True),
        ("es", """
            La      DET   det     1  el
            moción  NOUN  nsubj   3
            fue     AUX   aux     3  ser
            admitida VERB ROOT    3  admitir
            con     ADP   case    6
            60      NUM   nummod  6
            votos   NOUN  obl     3  voto
            .       PUNCT punct   3
        """, True),
        # A decision with no count of votes is no vote.
        ("en", """
            The     DET   det       1
            bill    NOUN  nsubjpass 3
            was     AUX   auxpass   3  be
            passed  VERB/VBN ROOT   3  pass
            .       PUNCT punct     3
        """, False),
    ],
)
def test_a_decision_told_by_its_count_of_votes_is_a_vote(lang, table, voted):
    assert bool(Extraction(lang, parse_table(lang, table)).of_class("Vote")) is voted


@pytest.mark.parametrize(
    ("lang", "table", "ents", "participants"),
    [
        ("en", """
            Protesters NOUN/NNS nsubj 1  protester
            demanded   VERB/VBD ROOT  1  demand
            that       SCONJ mark     5
            Ana        PROPN compound 4
            Diaz       PROPN nsubj    5
            resign     VERB  ccomp    1
            .          PUNCT punct    1
        """, ((3, 5, "PERSON"),), {"person-ana-diaz"}),
        ("es", """
            Acme       PROPN nsubj    1
            pidió      VERB  ROOT     1  pedir
            que        SCONJ mark     5
            Luis       PROPN nsubj    5
            Pérez      PROPN flat     3
            dimita     VERB  ccomp    1  dimitir
            .          PUNCT punct    1
        """, ((0, 1, "ORG"), (3, 5, "PER")), {"organization-acme", "person-luis-perez"}),
    ],
)
def test_whoever_a_demand_asks_to_act_takes_part_in_it(lang, table, ents, participants):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Demand", "participant") == participants


def test_calling_for_something_is_a_demand_calling_someone_is_not():
    doc = parse_table("en", """
        Ella      PROPN compound 1
        Kesayeva  PROPN nsubj    2
        called    VERB  ROOT     2 call
        for       ADP   prep     2
        an        DET   det      5
        inquiry   NOUN  pobj     3
        .         PUNCT punct    2
    """)
    found = Extraction("en", doc)
    [demand] = found.of_class("Demand")
    assert found.roles(demand.local_id, "participant") == {"ella-kesayeva"}
    # The inquiry was called for, not held.
    assert found.of_class("Investigation") == []
    doc = parse_table("en", """
        Putin     PROPN nsubj    1
        called    VERB  ROOT     1 call
        Ella      PROPN compound 3
        Kesayeva  PROPN dobj     1
        .         PUNCT punct    1
    """)
    assert Extraction("en", doc).events == {}


# --------------------------------------------------------------------------
# Times of day


@pytest.mark.parametrize(
    ("lang", "table", "day", "when"),
    [
        ("en", """
            Two         NUM   nummod   1
            explosions  NOUN  nsubj    2  explosion
            shook       VERB  ROOT     2  shake
            the         DET   det      4
            gym         NOUN  dobj     2
            on          ADP   prep     2
            3           NUM   nummod   7
            September   PROPN pobj     5
            2004        NUM   nummod   7
            at          ADP   prep     2
            about       ADV   advmod   11
            13:00       NUM   pobj     9
            .           PUNCT punct    2
        """, "3 September 2004", "about 13:00"),
        ("es", """
            Dos         NUM   nummod   1  dos
            explosiones NOUN  nsubj    2  explosión
            sacudieron  VERB  ROOT     2  sacudir
            el          DET   det      4  el
            gimnasio    NOUN  obj      2
            el          DET   det      6  el
            3           NUM   obl      2
            de          ADP   case     8
            septiembre  NOUN  compound 6
            de          ADP   case     10
            2004        NUM   compound 6
            alrededor   ADV   advmod   2
            de          ADP   case     14
            las         DET   det      14 el
            13:00       NUM   nmod     11
            .           PUNCT punct    2
        """, "3 de septiembre de 2004", "alrededor de las 13:00"),
    ],
)
def test_a_time_written_after_the_events_date_is_its_time(lang, table, day, when):
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, day, "2004-09-03"), time(doc, when, "13:00:00", approximate=True)])
    [explosion] = found.of_class("Explosion")
    assert explosion.date.lexical == "2004-09-03"
    assert explosion.time == TimeValue("13:00:00", "time", when, approximate=True)
    assert explosion.time_evidence.text == when


def test_a_date_carried_from_an_earlier_sentence_brings_no_time():
    doc = parse_table("en", """
        The        DET   det      1
        siege      NOUN  nsubj    2
        began      VERB  ROOT     2  begin
        on         ADP   prep     2
        1          NUM   nummod   5
        September  PROPN pobj     3
        2004       NUM   nummod   5
        at         ADP   prep     2
        09:15      NUM   pobj     7
        .          PUNCT punct    2
        An         DET   det      11
        explosion  NOUN  nsubj    12
        shook      VERB  ROOT     12 shake
        the        DET   det      14
        gym        NOUN  dobj     12
        .          PUNCT punct    12
    """)
    found = Extraction("en", doc, [date(doc, "1 September 2004", "2004-09-01"), time(doc, "09:15", "09:15:00")])
    crisis = found.events[found.main]
    assert (crisis.date.lexical, crisis.time.lexical) == ("2004-09-01", "09:15:00")
    [explosion] = found.of_class("Explosion")
    assert explosion.date.lexical == "2004-09-01"
    assert explosion.time is None


# --------------------------------------------------------------------------
# "At the time"


# A crisis dated in its first sentence, then criticism of it in the next.
SEIZED_ON_14_JUNE = """
    Gunmen       NOUN  nsubj    1 gunman
    seized       VERB  ROOT     1 seize
    the          DET   det      4
    Budyonnovsk  PROPN compound 4
    hospital     NOUN  dobj     1
    on           ADP   prep     1
    14           NUM   nummod   7
    June         PROPN pobj     5
    1995         NUM   nummod   7
    .            PUNCT punct    1
    Yeltsin      PROPN nsubjpass 12
    was          AUX   auxpass  12 be
    criticised   VERB  ROOT     12 criticise
"""


def test_an_event_told_at_the_time_takes_the_crisis_year():
    doc = parse_table("en", SEIZED_ON_14_JUNE + """
        at           ADP   prep     12
        the          DET   det      15
        time         NOUN  pobj     13
        .            PUNCT punct    12
    """)
    found = Extraction("en", doc, [date(doc, "14 June 1995", "1995-06-14")])
    [criticism] = found.of_class("Criticism")
    assert (criticism.date.lexical, criticism.date.datatype, criticism.date.approximate) == ("1995", "gYear", True)
    assert criticism.date_evidence.text == "at the time"
    assert found.roles(criticism.local_id, "concerns") == {found.main}


def test_without_those_words_an_undated_criticism_stays_undated():
    doc = parse_table("en", SEIZED_ON_14_JUNE + """
        .            PUNCT punct    12
    """)
    found = Extraction("en", doc, [date(doc, "14 June 1995", "1995-06-14")])
    [criticism] = found.of_class("Criticism")
    assert criticism.date is None


# --------------------------------------------------------------------------
# Agents named by a noun of their group; hostages taken


def test_judges_make_a_ruling_though_no_court_is_named():
    doc = parse_table("en", """
        Judges    NOUN  nsubj  1 judge
        found     VERB  ROOT   1 find
        that      SCONJ mark   5
        Russia    PROPN nsubj  5
        had       AUX   aux    5 have
        failed    VERB  ccomp  1 fail
        .         PUNCT punct  1
    """)
    found = Extraction("en", doc)
    [ruling] = found.of_class("CourtRuling")
    assert ruling.anchor is None
    # The same verb with anyone else acting is no ruling.
    other = parse_table("en", """
        Reporters NOUN  nsubj  1 reporter
        found     VERB  ROOT   1 find
        the       DET   det    3
        school    NOUN  dobj   1
        .         PUNCT punct  1
    """)
    assert Extraction("en", other).of_class("CourtRuling") == []


@pytest.mark.parametrize(("lang", "table"), [
    ("en", """
        Militants  NOUN  nsubj  1 militant
        took       VERB  ROOT   1 take
        850        NUM   nummod 3
        people     NOUN  dobj   1 people
        hostage    NOUN  oprd   1
        .          PUNCT punct  1
    """),
    ("es", """
        Los        DET   det    1 el
        milicianos NOUN  nsubj  2 miliciano
        tomaron    VERB  ROOT   2 tomar
        850        NUM   nummod 4
        rehenes    NOUN  obj    2 rehén
        .          PUNCT punct  2
    """),
])
def test_taking_hostages_is_a_hostage_crisis(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    assert [e.event_class for e in found.events.values()] == ["HostageCrisis"]


def test_gathering_to_remember_a_massacre_is_a_commemoration():
    doc = parse_table("es", """
        Cientos    NOUN  nsubj  2 ciento
        se         PRON  obj    2 él
        reunieron  VERB  ROOT   2 reunir
        para       ADP   mark   4
        recordar   VERB  advcl  2
        la         DET   det    6 el
        masacre    NOUN  obj    4
        .          PUNCT punct  2
    """)
    # "para recordar" is a purpose clause, yet the gathering is the remembering.
    classes = sorted(e.event_class for e in Extraction("es", doc).events.values())
    assert classes == ["Commemoration", "HostageCrisis"]


# --------------------------------------------------------------------------
# Steps dated by their crisis's first day and length


def _record(local_id: str, text: str, start: int, *, day: str | None = None, super_event: str | None = None) -> EventRecord:
    evidence = Evidence("test", start, start + len(text), text, 0, 200, text)
    date = TimeValue(day, "date", f"the day {day}") if day else None
    date_evidence = Evidence("test", start + 100, start + 110, f"the day {day}", 0, 200, text) if day else None
    return EventRecord(local_id, "HostageCrisis" if super_event is None else "Assault", None, (evidence,), date,
                       date_evidence, super_event=super_event)


def _lasting(event: str, value: int, qualifier: str, upper: int | None = None) -> Figure:
    return Figure(event, "DurationHours", Quantity(value, qualifier, f"{value} hours", upper), Evidence("test", 50, 58, "50 hours", 0, 200, ""))


@pytest.mark.parametrize("start, hours, qualifier, expected", [
    # Begun any time on 1 September and some 50 hours long: over by the 4th.
    ("2004-09-01", 50, "approximately", ("2004-09", "gYearMonth")),
    ("2002-10-23", 57, "exact", ("2002-10", "gYearMonth")),
    # A few hours on one day could still run past midnight.
    ("2004-09-01", 5, "exact", ("2004-09", "gYearMonth")),
    # Begun on the 30th, three days long: September or October.
    ("1995-09-30", 72, "exact", ("1995", "gYear")),
    ("1995-12-30", 72, "exact", None),
    # "more than 50 hours" has no end.
    ("2004-09-01", 50, "more_than", None),
])
def test_an_undated_step_takes_the_finest_period_its_crisis_spans(start, hours, qualifier, expected):
    crisis = _record("crisis", "siege", 0, day=start)
    step = _record("assault", "assault", 30, super_event="crisis")
    dated = {e.local_id: e for e in date_steps_within([crisis, step], [_lasting("crisis", hours, qualifier)])}
    got = dated["assault"].date
    assert (None if got is None else (got.lexical, got.datatype)) == expected
    if expected is not None:
        # The crisis's first day is what the text says; the step's date rests on it.
        assert dated["assault"].date_evidence == crisis.date_evidence
    assert dated["crisis"] == crisis


def test_a_range_of_hours_is_bounded_by_its_upper_end():
    # Begun late on the 27th, 30 hours end on the 29th; 100 hours run into October.
    crisis = _record("crisis", "siege", 0, day="2004-09-27")
    step = _record("assault", "assault", 30, super_event="crisis")
    short = date_steps_within([crisis, step], [_lasting("crisis", 20, "range", upper=30)])
    long = date_steps_within([crisis, step], [_lasting("crisis", 20, "range", upper=100)])
    assert short[1].date.lexical == "2004-09"
    assert long[1].date.lexical == "2004"


def test_dated_steps_and_steps_of_a_crisis_without_length_or_day_keep_their_dates():
    dated_step = _record("release", "released", 30, day="2004-09-02", super_event="crisis")
    undated_step = _record("assault", "assault", 60, super_event="crisis")
    with_day = _record("crisis", "siege", 0, day="2004-09-01")
    without_day = _record("crisis", "siege", 0)
    assert date_steps_within([with_day, dated_step], [_lasting("crisis", 50, "exact")])[1] == dated_step
    assert date_steps_within([with_day, undated_step], [])[1] == undated_step
    assert date_steps_within([without_day, undated_step], [_lasting("crisis", 50, "exact")])[1] == undated_step
    # A figure about another event bounds nothing here.
    assert date_steps_within([with_day, undated_step], [_lasting("other", 50, "exact")])[1] == undated_step


# --------------------------------------------------------------------------
# Where an unnamed building taken or visited is


@pytest.mark.parametrize("lang, table, place", [
    ("en", """
        Gunmen       NOUN  nsubj  1 gunman
        seized       VERB  ROOT   1 seize
        a            DET   det    3
        hospital     NOUN  dobj   1
        in           ADP   prep   3
        Budyonnovsk  PROPN pobj   4
        .            PUNCT punct  1
    """, "budyonnovsk"),
    ("es", """
        Un         DET   det    1 uno
        comando    NOUN  nsubj  2
        tomó       VERB  ROOT   2 tomar
        una        DET   det    4 uno
        escuela    NOUN  obj    2
        en         ADP   case   6
        Beslán     PROPN nmod   4
        .          PUNCT punct  2
    """, "beslan"),
])
def test_the_place_of_an_unnamed_building_taken_is_where_the_crisis_was(lang, table, place):
    found = Extraction(lang, parse_table(lang, table))
    assert found.roles(found.main, "location") == {place}


def test_a_place_named_beside_the_object_but_not_holding_it_is_not_the_location():
    # "seized a hospital from Chechnya": only "in"/"at" put the building somewhere.
    found = Extraction("en", parse_table("en", """
        Gunmen       NOUN  nsubj  1 gunman
        seized       VERB  ROOT   1 seize
        a            DET   det    3
        hospital     NOUN  dobj   1
        from         ADP   prep   3
        Chechnya     PROPN pobj   4
        .            PUNCT punct  1
    """))
    assert found.roles(found.main, "location") == set()


# --------------------------------------------------------------------------
# Known wars and campaigns told without their names

# "Yeltsin launched an offensive to restore order in Chechnya in December 1994."
OFFENSIVE_TO_RESTORE_ORDER = """
    Yeltsin    PROPN nsubj    1
    launched   VERB  ROOT     1 launch
    an         DET   det      3
    offensive  NOUN  dobj     1
    to         PART  aux      5
    restore    VERB  advcl    1
    order      NOUN  dobj     5
    in         ADP   prep     5
    Chechnya   PROPN pobj     7
    in         ADP   prep     5
    December   PROPN pobj     9
    1994       NUM   nummod   10
    .          PUNCT punct    1
"""


def test_an_offensive_dated_to_the_year_a_known_war_began_where_it_was_fought_is_that_war():
    doc = parse_table("en", OFFENSIVE_TO_RESTORE_ORDER)
    found = Extraction("en", doc, [date(doc, "December 1994", "1994-12", "gYearMonth")])
    # The knowledge base's First Chechen War began in 1994 in Chechnya.
    war = found.events["first-chechen-war"]
    assert (war.kb_id, war.event_class) == ("first-chechen-war", "War")
    # The date closing the purpose clause dates the launch, not the purpose.
    assert (war.date.lexical, war.date_evidence.text) == ("1994-12", "December 1994")
    assert [e.text for e in war.evidence] == ["offensive"]
    assert found.roles("first-chechen-war", "organizer") == {"boris-yeltsin"}
    assert len(found.events) == 1


def test_an_offensive_in_another_year_or_without_a_known_place_stays_unnamed():
    doc = parse_table("en", OFFENSIVE_TO_RESTORE_ORDER.replace("1994", "2003"))
    found = Extraction("en", doc, [date(doc, "December 2003", "2003-12", "gYearMonth")])
    assert [e.kb_id for e in found.events.values()] == [None]
    doc = parse_table("en", OFFENSIVE_TO_RESTORE_ORDER.replace("Chechnya", "Grozny"))
    found = Extraction("en", doc, [date(doc, "December 1994", "1994-12", "gYearMonth")])
    # Grozny is in Chechnya, but the sentence names no place the war is known by.
    assert [e.kb_id for e in found.events.values()] == [None]


@pytest.mark.parametrize("tail, joins", [
    # "The war cost thousands of lives."
    ("""
        The        DET   det      14
        war        NOUN  nsubj    15
        cost       VERB  ROOT     15
        lives      NOUN  dobj     15 life
        .          PUNCT punct    15
    """, True),
    # "The war in Ukraine cost lives." names another war.
    ("""
        The        DET   det      14
        war        NOUN  nsubj    17
        in         ADP   prep     14
        Ukraine    PROPN pobj     15
        cost       VERB  ROOT     17
        lives      NOUN  dobj     17 life
        .          PUNCT punct    17
    """, False),
])
def test_the_war_after_a_known_war_is_that_war_unless_placed_elsewhere(tail, joins):
    doc = parse_table("en", OFFENSIVE_TO_RESTORE_ORDER + tail)
    found = Extraction("en", doc, [date(doc, "December 1994", "1994-12", "gYearMonth")])
    war = found.events["first-chechen-war"]
    assert ("war" in [e.text for e in war.evidence]) is joins
    assert len(found.events) == (1 if joins else 2)


# --------------------------------------------------------------------------
# Which crisis a crisis word tells

SEIZED_IN_BUDYONNOVSK = """
    In           ADP   prep     4
    June         PROPN pobj     0
    1995         NUM   nummod   1
    fighters     NOUN  nsubj    4 fighter
    seized       VERB  ROOT     4 seize
    a            DET   det      6
    hospital     NOUN  dobj     4
    in           ADP   prep     6
    Budyonnovsk  PROPN pobj     7
    .            PUNCT punct    4
"""


def test_a_crisis_told_by_its_time_and_place_is_the_known_one():
    doc = parse_table("en", SEIZED_IN_BUDYONNOVSK)
    found = Extraction("en", doc, [date(doc, "June 1995", "1995-06", "gYearMonth")])
    crisis = found.events["budyonnovsk-hospital-hostage-crisis"]
    assert (crisis.kb_id, crisis.date.lexical, found.main) == (crisis.local_id, "1995-06", crisis.local_id)
    assert found.roles(crisis.local_id, "location") == {"budyonnovsk"}


def test_a_crisis_told_after_another_joins_it_only_in_the_same_time_and_place():
    # "Gunmen seized a school in Beslan on 1 September 2004. In June 1995 fighters seized a hospital in Budyonnovsk."
    doc = parse_table("en", """
        Gunmen       NOUN  nsubj    1 gunman
        seized       VERB  ROOT     1 seize
        a            DET   det      3
        school       NOUN  dobj     1
        in           ADP   prep     3
        Beslan       PROPN pobj     4
        on           ADP   prep     1
        1            NUM   nummod   8
        September    PROPN pobj     6
        2004         NUM   nummod   8
        .            PUNCT punct    1
    """ + "\n".join(
        # The second sentence, its heads shifted past the first's eleven tokens.
        f"{w} {p} {d} {int(h) + 11} {' '.join(rest)}" for w, p, d, h, *rest in (line.split() for line in SEIZED_IN_BUDYONNOVSK.splitlines() if line.strip())
    ))
    found = Extraction("en", doc, [date(doc, "1 September 2004", "2004-09-01"), date(doc, "June 1995", "1995-06", "gYearMonth")])
    assert {e.local_id: e.date.lexical for e in found.events.values()} == {
        "beslan-school-siege": "2004-09-01", "budyonnovsk-hospital-hostage-crisis": "1995-06"}


def _bombings(second_town: str, second_day: str | None) -> tuple[Doc, list]:
    """'A bombing hit Moscow on 29 March 2010. A bombing hit <town> [on <day> March 2010].'"""
    dated = f"""
        on        ADP   prep   11
        {second_day}  NUM  nummod 15
        March     PROPN pobj   13
        2010      NUM   nummod 14
    """ if second_day else ""
    doc = parse_table("en", f"""
        A         DET   det    1
        bombing   NOUN  nsubj  2
        hit       VERB  ROOT   2
        Moscow    PROPN dobj   2
        on        ADP   prep   2
        29        NUM   nummod 6
        March     PROPN pobj   4
        2010      NUM   nummod 6
        .         PUNCT punct  2
        A         DET   det    10
        bombing   NOUN  nsubj  11
        hit       VERB  ROOT   11
        {second_town} PROPN dobj 11
        {dated}
        .         PUNCT punct  11
    """)
    spans = [date(doc, "29 March 2010", "2010-03-29")]
    if second_day:
        spans.append(date(doc, f"{second_day} March 2010", f"2010-03-{second_day}"))
    return doc, spans


@pytest.mark.parametrize("town, day, separate", [
    # An attack happens on one day: another day is another attack.
    ("Moscow", "31", True),
    # Another town is another attack.
    ("Kizlyar", None, True),
    ("Moscow", None, False),
])
def test_an_attack_told_on_another_day_or_in_another_town_is_another_attack(town, day, separate):
    doc, spans = _bombings(town, day)
    found = Extraction("en", doc, spans)
    attacks = found.of_class("Bombing")
    assert len(attacks) == (2 if separate else 1)
    # The article's main attack is the one told first (each told once).
    assert found.main == min(attacks, key=lambda e: e.evidence[0].start).local_id


def test_an_event_named_in_a_verbs_phrase_shares_the_verbs_date():
    # "Maskhadov was killed in a raid in Chechnya in March 2005."
    doc = parse_table("en", """
        Maskhadov  PROPN nsubjpass 2
        was        AUX   auxpass   2 be
        killed     VERB  ROOT      2 kill
        in         ADP   prep      2
        a          DET   det       5
        raid       NOUN  pobj      3
        in         ADP   prep      5
        Chechnya   PROPN pobj      6
        in         ADP   prep      2
        March      PROPN pobj      8
        2005       NUM   nummod    9
        .          PUNCT punct     2
    """)
    found = Extraction("en", doc, [date(doc, "March 2005", "2005-03", "gYearMonth")])
    [raid] = found.of_class("Attack")
    assert (raid.date.lexical, raid.date_evidence.text) == ("2005-03", "March 2005")


# --------------------------------------------------------------------------
# Roles go only to entities of the kinds their property is for


def test_a_visit_to_people_makes_them_participants_not_its_place_en():
    # "Jane Doe visited the Acme workers in May": an organisation is no place.
    doc = parse_table("en", """
        Jane     PROPN compound 1
        Doe      PROPN nsubj    2
        visited  VERB  ROOT     2  visit
        Acme     PROPN dobj     2
        in       ADP   prep     2
        May      PROPN pobj     4
        .        PUNCT punct    2
    """, ents=((0, 2, "PERSON"), (3, 4, "ORG")))
    found = Extraction("en", doc, [date(doc, "May", "2021-05", "gYearMonth")])
    [visit] = found.of_class("Visit")
    assert found.roles(visit.local_id, "location") == set()
    assert found.roles(visit.local_id, "participant") == {"person-jane-doe", "organization-acme"}


@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        # "The murder of Jane Doe shocked Lyon."
        ("en", """
            The      DET   det      1
            murder   NOUN  nsubj    5
            of       ADP   prep     1
            Jane     PROPN compound 4
            Doe      PROPN pobj     2
            shocked  VERB  ROOT     5 shock
            Lyon     PROPN dobj     5
            .        PUNCT punct    5
        """, ((3, 5, "PERSON"), (6, 7, "GPE"))),
        # "El asesinato de Jane Doe conmocionó a Lyon."
        ("es", """
            El          DET   det    1 el
            asesinato   NOUN  nsubj  5
            de          ADP   case   3
            Jane        PROPN nmod   1
            Doe         PROPN flat   3
            conmocionó  VERB  ROOT   5 conmocionar
            a           ADP   case   7
            Lyon        PROPN obj    5
            .           PUNCT punct  5
        """, ((3, 5, "PER"), (7, 8, "LOC"))),
    ],
)
def test_whom_a_murder_is_of_took_part_in_it(lang, table, ents):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Attack", "participant") == {"person-jane-doe"}


def test_a_visit_to_a_place_is_where_it_happened_es():
    doc = parse_table("es", """
        Jane     PROPN nsubj  2
        Doe      PROPN flat   0
        visitó   VERB  ROOT   2  visitar
        Lyon     PROPN obj    2
        .        PUNCT punct  2
    """, ents=((0, 2, "PER"), (3, 4, "LOC")))
    found = Extraction("es", doc)
    [visit] = found.of_class("Visit")
    assert found.roles(visit.local_id, "location") == {"place-lyon"}
    assert found.roles(visit.local_id, "participant") == {"person-jane-doe"}


def test_an_event_concerns_events_only_never_a_place_en():
    # "The ceremony for Lyon took place in 2006": a ceremony concerns no town.
    doc = parse_table("en", """
        The       DET   det      1
        ceremony  NOUN  nsubj    4
        for       ADP   prep     1
        Lyon      PROPN pobj     2
        took      VERB  ROOT     4  take
        place     NOUN  dobj     4
        in        ADP   prep     4
        2006      NUM   pobj     6
        .         PUNCT punct    4
    """, ents=((3, 4, "GPE"),))
    found = Extraction("en", doc, [date(doc, "2006", "2006", "gYear")])
    [ceremony] = found.of_class("Commemoration")
    assert found.roles(ceremony.local_id, "concerns") == set()
    assert all(p != "concerns" for _, p, _ in found.relations)


# --------------------------------------------------------------------------
# Who takes part in an event by the verb that governs its noun


@pytest.mark.parametrize(
    ("lang", "table", "ents", "event_class", "taking_part"),
    [
        ("en", """
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    2
            won        VERB  ROOT     2  win
            the        DET   det      4
            election   NOUN  dobj     2
            .          PUNCT punct    2
        """, ((0, 2, "PERSON"),), "Election", {"person-ana-diaz"}),
        ("en", """
            The        DET   det      1
            strike     NOUN  nsubjpass 3
            was        AUX   auxpass  3  be
            organised  VERB  ROOT     3  organise
            by         ADP   agent    3
            Unionfed   PROPN pobj     4
            and        CCONJ cc       5
            Workcorp   PROPN conj     5
            .          PUNCT punct    3
        """, ((5, 6, "ORG"), (7, 8, "ORG")), "Strike", {"organization-unionfed", "organization-workcorp"}),
        ("es", """
            Ana        PROPN nsubj    2
            Díaz       PROPN flat     0
            ganó       VERB  ROOT     2  ganar
            la         DET   det      4  el
            elección   NOUN  obj      2
            .          PUNCT punct    2
        """, ((0, 2, "PER"),), "Election", {"person-ana-diaz"}),
        # Another verb says nothing of who took part: "Ana Diaz saw the election".
        ("en", """
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    2
            watched    VERB  ROOT     2  watch
            the        DET   det      4
            election   NOUN  dobj     2
            .          PUNCT punct    2
        """, ((0, 2, "PERSON"),), "Election", set()),
    ],
)
def test_whoever_wins_or_organises_an_event_takes_part_in_it(lang, table, ents, event_class, taking_part):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the(event_class, "participant") == taking_part


# --------------------------------------------------------------------------
# What an event answers to: another event named after it or causing it


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Thousands  NOUN  nsubj    1  thousand
            joined     VERB  ROOT     1  join
            protests   NOUN  dobj     1  protest
            against    ADP   prep     2
            the        DET   det      5
            war        NOUN  pobj     3
            .          PUNCT punct    1
        """),
        ("en", """
            The        DET   det      1
            war        NOUN  nsubj    2
            sparked    VERB  ROOT     2  spark
            criticism  NOUN  dobj     2
            and        CCONJ cc       3
            protests   NOUN  conj     3  protest
            .          PUNCT punct    2
        """),
        ("es", """
            Miles      NOUN  nsubj    1  mil
            marcharon  VERB  ROOT     1  marchar
            en         ADP   case     3
            protestas  NOUN  obl      1  protesta
            contra     ADP   case     6
            la         DET   det      6  el
            guerra     NOUN  nmod     3
            .          PUNCT punct    1
        """),
    ],
)
def test_protests_against_a_war_concern_the_war(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    [protest] = found.of_class("Protest")
    [war] = found.of_class("War")
    assert found.roles(protest.local_id, "concerns") == {war.local_id}


def test_a_phrase_holding_a_clause_concerns_nothing_the_clause_tells():
    # "an incursion into the region, which came after Moscow launched an offensive":
    # the incursion is into a region; the offensive is told in a clause of its own.
    found = Extraction("en", parse_table("en", """
        Protests   NOUN  nsubj    1  protest
        spread     VERB  ROOT     1
        into       ADP   prep     1
        the        DET   det      4
        region     NOUN  pobj     2
        ,          PUNCT punct    4
        which      PRON  nsubj    7
        came       VERB  relcl    4  come
        after      SCONJ mark     10
        troops     NOUN  nsubj    10 troop
        launched   VERB  advcl    7  launch
        an         DET   det      12
        offensive  NOUN  dobj     10
        .          PUNCT punct    1
    """))
    [protest] = found.of_class("Protest")
    assert found.roles(protest.local_id, "concerns") == set()


# --------------------------------------------------------------------------
# Days counted from another day


EN_TWELVE_DAYS_EARLIER = """
    A          DET   det      1
    storm      NOUN  nsubj    2
    hit        VERB  ROOT     2
    on         ADP   prep     2
    19         NUM   nummod   5
    September  PROPN pobj     3
    2017       NUM   nummod   5
    .          PUNCT punct    2
    Twelve     NUM   nummod   9  twelve
    days       NOUN  npadvmod 10 day
    earlier    ADV   advmod   14 early
    ,          PUNCT punct    14
    a          DET   det      13
    flood      NOUN  nsubj    14
    struck     VERB  ROOT     14 strike
    .          PUNCT punct    14
"""

ES_TWELVE_DAYS_AFTER = """
    La          DET   det    1  el
    tormenta    NOUN  nsubj  2
    llegó       VERB  ROOT   2  llegar
    el          DET   det    4
    19          NUM   obl    2
    de          ADP   case   6
    septiembre  NOUN  nmod   4
    de          ADP   case   8
    2017        NUM   nmod   4
    ,           PUNCT punct  11
    doce        NUM   nummod 11
    días        NOUN  obl    2  día
    después     ADV   advmod 11
    de          ADP   case   15
    la          DET   det    15 el
    inundación  NOUN  nmod   12
    .           PUNCT punct  2
"""


@pytest.mark.parametrize(
    ("lang", "table", "day", "count"),
    [
        ("en", EN_TWELVE_DAYS_EARLIER, ("19 September 2017", "2017-09-19"), "Twelve days"),
        ("es", ES_TWELVE_DAYS_AFTER, ("19 de septiembre de 2017", "2017-09-19"), "doce días"),
    ],
)
def test_an_event_told_days_from_a_known_day_is_dated_from_it(lang, table, day, count):
    doc = parse_table(lang, table)
    days = temporal_span(doc, count, "duration", Quantity(12, "exact", count), "days")
    found = Extraction(lang, doc, [date(doc, *day), days])
    [storm] = found.of_class("Storm")
    [flood] = found.of_class("Flood")
    assert storm.date.lexical == "2017-09-19"
    assert flood.date.lexical == "2017-09-07"


def test_a_count_of_hours_moves_no_day():
    doc = parse_table("en", EN_TWELVE_DAYS_EARLIER)
    hours = temporal_span(doc, "Twelve days", "duration", Quantity(12, "exact", "Twelve days"), "hours")
    found = Extraction("en", doc, [date(doc, "19 September 2017", "2017-09-19"), hours])
    [flood] = found.of_class("Flood")
    assert flood.date is None


# --------------------------------------------------------------------------
# The date of a named event's own clause


ES_NAMED_YEAR_THEN_DAY = """
    El          DET   det    1  el
    terremoto   NOUN  nsubj  7
    de          ADP   case   3
    Lorca       PROPN nmod   1
    de          ADP   case   5
    2011        NOUN  nmod   1
    se          PRON  obj    7  él
    produjo     VERB  ROOT   7  producir
    a           ADP   case   10
    las         DET   det    10 el
    horas       NOUN  obl    7  hora
    ,           PUNCT punct  12
    hora        NOUN  appos  10
    local       ADJ   amod   12
    del         ADP   case   15
    11          NUM   nmod   12
    de          ADP   case   17
    mayo        NOUN  nmod   15
    .           PUNCT punct  7
"""


def test_a_day_in_the_clause_of_a_named_event_beats_the_year_in_its_name():
    doc = parse_table("es", ES_NAMED_YEAR_THEN_DAY)
    found = Extraction("es", doc, [date(doc, "2011", "2011", "gYear"), date(doc, "11 de mayo", "2011-05-11")])
    [quake] = found.of_class("Earthquake")
    assert quake.date.lexical == "2011-05-11"


# --------------------------------------------------------------------------
# Two names of one class and year that name different places


def test_names_with_other_proper_words_are_other_events():
    # The entity model read only one of the two as a place.
    found = Extraction("en", parse_table("en", ents=((7, 8, "GPE"),), table="""
        The        DET   det      3
        2017       NUM   nummod   3
        Puebla     PROPN compound 3
        earthquake NOUN  nsubj    4
        followed   VERB  ROOT     4  follow
        the        DET   det      8
        2017       NUM   nummod   8
        Chiapas    PROPN compound 8
        earthquake NOUN  dobj     4
        .          PUNCT punct    4
    """))
    names = sorted(e.name for e in found.of_class("Earthquake"))
    assert names == ["2017 Chiapas earthquake", "2017 Puebla earthquake"]


def test_a_word_in_lower_case_the_tagger_calls_proper_names_no_event():
    # "A kind of quake is known by the name of deep quake": a kind, not an event's name.
    found = Extraction("es", parse_table("es", table="""
        Un          DET   det      1  uno
        sismo       NOUN  nsubj    2
        ocurrió     VERB  ROOT     2  ocurrir
        ;           PUNCT punct    2
        se          PRON  expl     5
        conoce      VERB  conj     2  conocer
        con         ADP   case     8
        el          DET   det      8
        nombre      NOUN  obl      5
        de          ADP   case     10
        sismo       NOUN  nmod     8
        profundo    PROPN flat     10
        .           PUNCT punct    2
    """))
    assert found.of_class("Earthquake") and all(e.name is None for e in found.of_class("Earthquake"))


# --------------------------------------------------------------------------
# Places of an event: lists of places, and where its effects were


@pytest.mark.parametrize(
    ("table", "ents", "places"),
    [
        ("""
            Protests   NOUN  nsubj    1  protest
            erupted    VERB  ROOT     1  erupt
            in         ADP   prep     1
            Lyon       PROPN pobj     2
            ,          PUNCT punct    3
            Nantes     PROPN conj     3
            and        CCONJ cc       5
            Lille      PROPN conj     5
            .          PUNCT punct    1
        """, ((3, 4, "GPE"), (5, 6, "GPE"), (7, 8, "GPE")), {"place-lyon", "place-nantes", "place-lille"}),
        # An address is no list: the town is where it happened.
        ("""
            Protests   NOUN  nsubj    1  protest
            erupted    VERB  ROOT     1  erupt
            in         ADP   prep     1
            Lyon       PROPN pobj     2
            ,          PUNCT punct    3
            Rhone      PROPN conj     3
            .          PUNCT punct    1
        """, ((3, 4, "GPE"), (5, 6, "GPE")), {"place-lyon"}),
    ],
)
def test_an_event_in_a_list_of_places_happened_in_each(table, ents, places):
    found = Extraction("en", parse_table("en", table, ents=ents))
    [protest] = found.of_class("Protest")
    assert {p.split("-q")[0] for p in found.roles(protest.local_id, "location")} == places


@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        ("en", """
            The        DET   det      1
            storm      NOUN  nsubj    2
            caused     VERB  ROOT     2  cause
            damage     NOUN  dobj     2
            in         ADP   prep     3
            Valdoria   PROPN pobj     4
            .          PUNCT punct    2
        """, ((5, 6, "GPE"),)),
        ("es", """
            La         DET   det      1  el
            tormenta   NOUN  nsubj    2
            dejó       VERB  ROOT     2  dejar
            daños      NOUN  obj      2  daño
            en         ADP   case     5
            Valdoria   PROPN nmod     3
            .          PUNCT punct    2
        """, ((5, 6, "LOC"),)),
    ],
)
def test_where_an_event_did_damage_is_where_it_happened(lang, table, ents):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Storm", "location") == {"place-valdoria"}


@pytest.mark.parametrize(
    ("lang", "table", "ents", "event_class", "told"),
    [
        ("en", """
            No         DET   det       1  no
            arrests    NOUN  nsubjpass 3  arrest
            were       AUX   auxpass   3  be
            made       VERB  ROOT      3  make
            .          PUNCT punct     3
        """, (), "Arrest", 0),
        ("en", """
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    4
            did        AUX   aux      4  do
            not        PART  neg      4
            resign     VERB  ROOT     4
            .          PUNCT punct    4
        """, ((0, 2, "PERSON"),), "Resignation", 0),
        ("es", """
            Ana        PROPN nsubj    3
            Díaz       PROPN flat     0
            no         ADV   advmod   3
            dimitió    VERB  ROOT     3  dimitir
            .          PUNCT punct    3
        """, ((0, 2, "PER"),), "Resignation", 0),
        # The same, not denied.
        ("en", """
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    2
            resigned   VERB  ROOT     2  resign
            .          PUNCT punct    2
        """, ((0, 2, "PERSON"),), "Resignation", 1),
        ("es", """
            Ana        PROPN nsubj    2
            Díaz       PROPN flat     0
            dimitió    VERB  ROOT     2  dimitir
            .          PUNCT punct    2
        """, ((0, 2, "PER"),), "Resignation", 1),
    ],
)
def test_an_event_the_text_denies_is_no_event(lang, table, ents, event_class, told):
    found = Extraction(lang, parse_table(lang, table, ents=ents))
    assert len(found.of_class(event_class)) == told


@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        ("en", """
            Ana        PROPN compound  1
            Diaz       PROPN nsubjpass 3
            was        AUX   auxpass   3  be
            elected    VERB  ROOT      3  elect
            president  NOUN  oprd      3
            .          PUNCT punct     3
        """, ((0, 2, "PERSON"),)),
        ("es", """
            Ana        PROPN nsubj    3
            Díaz       PROPN flat     0
            fue        AUX   aux      3  ser
            elegida    VERB  ROOT     3  elegir
            presidenta NOUN  obj      3
            .          PUNCT punct    3
        """, ((0, 2, "PER"),)),
    ],
)
def test_someone_elected_is_a_participant_of_the_election(lang, table, ents):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Election", "participant") == {"person-ana-diaz"}


def test_electing_no_one_named_is_no_election():
    found = Extraction("en", parse_table("en", """
        Voters     NOUN  nsubj    1  voter
        elected    VERB  ROOT     1  elect
        a          DET   det      4
        new        ADJ   amod     4
        president  NOUN  dobj     1
        .          PUNCT punct    1
    """))
    assert found.of_class("Election") == []


def test_the_day_after_an_event_dates_it_from_the_day_told():
    doc = parse_table("en", """
        The        DET   det      1
        strike     NOUN  nsubj    2
        began      VERB  ROOT     2  begin
        on         ADP   prep     2
        3          NUM   nummod   5
        May        PROPN pobj     3
        2021       NUM   nummod   5
        ,          PUNCT punct    5
        the        DET   det      9
        day        NOUN  appos    5
        after      ADP   prep     9
        the        DET   det      12
        referendum NOUN  pobj     10
        .          PUNCT punct    2
    """)
    found = Extraction("en", doc, [date(doc, "3 May 2021", "2021-05-03")])
    [referendum] = found.of_class("Referendum")
    assert referendum.date.lexical == "2021-05-02"


def test_a_spanish_rape_is_an_attack():
    found = Extraction("es", parse_table("es", """
        La         DET   det    1  el
        violación  NOUN  nsubj  2
        ocurrió    VERB  ROOT   2  ocurrir
        de         ADP   case   4
        madrugada  NOUN  obl    2
        .          PUNCT punct  2
    """))
    assert [e.event_class for e in found.events.values()] == ["Attack"]


def test_damage_in_the_states_of_a_list_places_the_event_in_each():
    found = Extraction("en", parse_table("en", """
        The        DET   det      1
        storm      NOUN  nsubj    2
        caused     VERB  ROOT     2  cause
        damage     NOUN  dobj     2
        in         ADP   prep     3
        the        DET   det      6
        states     NOUN  pobj     4  state
        of         ADP   prep     6
        Valdoria   PROPN pobj     7
        and        CCONJ cc       8
        Ostrava    PROPN conj     8
        .          PUNCT punct    2
    """, ents=((8, 9, "GPE"), (10, 11, "GPE"))))
    [storm] = found.of_class("Storm")
    assert found.roles(storm.local_id, "location") == {"place-valdoria", "place-ostrava"}


# --------------------------------------------------------------------------
# A sentence that goes on about the event of the sentence before


ES_STRIKE_GOES_ON = """
    La          DET   det    1  el
    huelga      NOUN  nsubj  4
    fue         AUX   cop    4  ser
    un          DET   det    4  uno
    éxito       NOUN  ROOT   4
    .           PUNCT punct  4
    Se          PRON  obj    7  él
    celebró     VERB  ROOT   7  celebrar
    el          DET   det    9  el
    23          NUM   obl    7
    de          ADP   case   11
    noviembre   NOUN  nmod   9
    de          ADP   case   13
    2019        NUM   nmod   9
    .           PUNCT punct  7
    La          PRON  obj    16 él
    convocaron  VERB  ROOT   16 convocar
    Unisol      PROPN nsubj  16
    y           CCONJ cc     19
    Tramex      PROPN conj   17
    en          ADP   case   21
    Valdoria    PROPN obl    16
    .           PUNCT punct  16
"""

STRIKE_ENTS = ((17, 18, "ORG"), (19, 20, "ORG"), (21, 22, "LOC"))


def test_sentences_that_go_on_about_an_event_give_its_day_sides_and_place():
    doc = parse_table("es", ES_STRIKE_GOES_ON, ents=STRIKE_ENTS)
    found = Extraction("es", doc, [date(doc, "23 de noviembre de 2019", "2019-11-23")])
    [strike] = found.of_class("Strike")
    assert strike.date.lexical == "2019-11-23"
    assert found.roles(strike.local_id, "participant") == {"organization-unisol", "organization-tramex"}
    assert found.roles(strike.local_id, "location") == {"place-valdoria"}


def test_a_sentence_with_a_subject_of_its_own_goes_on_about_nothing():
    table = ES_STRIKE_GOES_ON.replace("Se          PRON  obj    7  él", "Ana         PROPN nsubj  7")
    doc = parse_table("es", table, ents=((6, 7, "PER"), *STRIKE_ENTS))
    found = Extraction("es", doc, [date(doc, "23 de noviembre de 2019", "2019-11-23")])
    [strike] = found.of_class("Strike")
    assert strike.date is None


def test_a_verb_joined_to_a_root_with_a_subject_of_its_own_goes_on_about_nothing_en():
    # "The landslides occurred on 30 July 2024. The residents were moved to camps beginning on 29 July.":
    # the moving began on the 29th, not the landslides.
    doc = parse_table("en", """
        The        DET   det       1
        landslides NOUN/NNS nsubj  2  landslide
        occurred   VERB/VBD ROOT   2  occur
        on         ADP   prep      2
        30         NUM   nummod    5
        July       PROPN pobj      3
        2024       NUM   nummod    5
        .          PUNCT punct     2
        The        DET   det       9
        residents  NOUN/NNS nsubjpass 11 resident
        were       AUX   auxpass   11 be
        moved      VERB/VBN ROOT   11 move
        to         ADP   prep      11
        camps      NOUN/NNS pobj   12 camp
        beginning  VERB/VBG advcl  11 begin
        on         ADP   prep      14
        29         NUM   nummod    17
        July       PROPN pobj      15
        .          PUNCT punct     11
    """)
    found = Extraction("en", doc, [date(doc, "30 July 2024", "2024-07-30"), date(doc, "29 July", "2024-07-29")])
    [landslide] = found.of_class("Landslide")
    assert landslide.date.lexical == "2024-07-30"


def test_a_day_named_with_its_noun_goes_on_too():
    # "Se celebró el día 23 de noviembre de 2019": the number hangs on "día".
    table = ES_STRIKE_GOES_ON.replace("""    23          NUM   obl    7
    de          ADP   case   11
    noviembre   NOUN  nmod   9
    de          ADP   case   13
    2019        NUM   nmod   9
""", """    día         NOUN  obl    7
    23          NUM   compound 9
    de          ADP   case   12
    noviembre   NOUN  compound 9
    de          ADP   case   14
    2019        NUM   nmod   10
""").replace("La          PRON  obj    16 él\n", "").replace("""    convocaron  VERB  ROOT   16 convocar
    Unisol      PROPN nsubj  16
    y           CCONJ cc     19
    Tramex      PROPN conj   17
    en          ADP   case   21
    Valdoria    PROPN obl    16
    .           PUNCT punct  16
""", "")
    doc = parse_table("es", table)
    found = Extraction("es", doc, [date(doc, "23 de noviembre de 2019", "2019-11-23")])
    [strike] = found.of_class("Strike")
    assert strike.date.lexical == "2019-11-23"


def test_a_story_goes_on_through_sentences_without_a_subject():
    # "La huelga fue un éxito. Fue larga, se celebró el 23 de noviembre de
    # 2019. Fue organizada por Unisol." (the parser hangs "por Unisol" as an object)
    doc = parse_table("es", """
        La          DET   det    1  el
        huelga      NOUN  nsubj  4
        fue         AUX   cop    4  ser
        un          DET   det    4  uno
        éxito       NOUN  ROOT   4
        .           PUNCT punct  4
        Fue         AUX   cop    7  ser
        larga       ADJ   ROOT   7  largo
        ,           PUNCT punct  10
        se          PRON  iobj   10 él
        celebró     VERB  advcl  7  celebrar
        el          DET   det    12 el
        23          NUM   obl    10
        de          ADP   case   14
        noviembre   NOUN  nmod   12
        de          ADP   case   16
        2019        NUM   nmod   12
        .           PUNCT punct  7
        Fue         AUX   aux    19 ser
        organizada  VERB  ROOT   19 organizar
        por         ADP   case   21
        Unisol      PROPN obj    19
        .           PUNCT punct  19
    """, ents=((21, 22, "ORG"),))
    found = Extraction("es", doc, [date(doc, "23 de noviembre de 2019", "2019-11-23")])
    [strike] = found.of_class("Strike")
    assert strike.date.lexical == "2019-11-23"
    assert found.roles(strike.local_id, "participant") == {"organization-unisol"}


# --------------------------------------------------------------------------
# Which event a later description tells


def _two_floods(gandia_year: str | None = None) -> str:
    """Alzira's flood, dated, then Gandía's (with its year, two words more), and a paragraph break."""
    year = f"""
    de          ADP   case   19
    {gandia_year}        NUM   nmod   15""" if gandia_year else ""
    return """
    La          DET   det    1  el
    inundación  NOUN  nsubj  4
    de          ADP   case   3
    Alzira      PROPN nmod   1
    ocurrió     VERB  ROOT   4  ocurrir
    el          DET   det    6
    3           NUM   obl    4
    de          ADP   case   8
    mayo        NOUN  compound 6
    de          ADP   case   10
    2019        NUM   compound 6
    .           PUNCT punct  4
    Siguió      VERB  ROOT   12 seguir
    a           ADP   case   15
    la          DET   det    15 el
    inundación  NOUN  obj    12
    de          ADP   case   17
    Gandía      PROPN nmod   15""" + year + """
    .           PUNCT punct  12
    ¶           SPACE dep    12
"""


ES_TWO_FLOODS = _two_floods()


def _floods(found: Extraction) -> tuple[EventRecord, EventRecord]:
    floods = found.of_class("Flood")
    alzira = next(e for e in floods if e.name == "inundación de Alzira")
    gandia = next(e for e in floods if e.name == "inundación de Gandía")
    return alzira, gandia


def test_a_description_dated_in_its_own_phrase_is_no_undated_event_told_before_es():
    # "la inundación ocurrida en 1982" after the undated "inundación de Gandía": another flood.
    doc = parse_table("es", ES_TWO_FLOODS + """
        La          DET   det    21 el
        prensa      NOUN  nsubj  22
        recordó     VERB  ROOT   22 recordar
        la          DET   det    24 el
        inundación  NOUN  obj    22
        ocurrida    ADJ   amod   24 ocurrido
        en          ADP   case   27
        1982        NUM   obl    25
        .           PUNCT punct  22
    """)
    found = Extraction("es", doc, [date(doc, "3 de mayo de 2019", "2019-05-03"), date(doc, "1982", "1982", "gYear")])
    alzira, gandia = _floods(found)
    [older] = [e for e in found.of_class("Flood") if e not in (alzira, gandia)]
    assert older.date.lexical == "1982"
    assert gandia.date is None or gandia.date.lexical[:4] != "1982"
    assert alzira.date.lexical == "2019-05-03"


def test_a_description_dated_in_its_own_phrase_is_the_event_told_in_that_year_es():
    # "la inundación de 2019" after Gandía's was named: the Alzira flood, told in 2019.
    doc = parse_table("es", ES_TWO_FLOODS + """
        La          DET   det    21 el
        inundación  NOUN  nsubj  24
        de          ADP   case   23
        2019        NUM   nmod   21
        dañó        VERB  ROOT   24 dañar
        casas       NOUN  obj    24 casa
        .           PUNCT punct  24
    """)
    year = doc.text.rindex("2019")
    told_year = TemporalSpan(year, year + 4, "2019", "date", TimeValue("2019", "gYear", "2019"), None)
    found = Extraction("es", doc, [date(doc, "3 de mayo de 2019", "2019-05-03"), told_year])
    [alzira] = [e for e in found.of_class("Flood") if e.name == "inundación de Alzira"]
    assert doc.text.rindex("inundación") in {ev.start for ev in alzira.evidence}
    assert len(found.of_class("Flood")) <= 2


@pytest.mark.parametrize("determiner", ["Esta", "La"])
def test_a_paragraph_opening_on_this_event_returns_to_the_main_event_es(determiner):
    # "¶ Esta inundación dejó daños": the flood the article tells, not Gandía's named last;
    # "¶ La inundación" says no more than the last one told.
    doc = parse_table("es", _two_floods("2018") + f"""
        {determiner} DET  det    23 este
        inundación  NOUN  nsubj  24
        dejó        VERB  ROOT   24 dejar
        daños       NOUN  obj    24 daño
        .           PUNCT punct  24
    """)
    found = Extraction("es", doc, [date(doc, "3 de mayo de 2019", "2019-05-03")])
    floods = {e.name: e for e in found.of_class("Flood")}
    alzira, gandia = floods["inundación de Alzira"], floods["inundación de Gandía de 2018"]
    told = alzira if determiner == "Esta" else gandia
    assert doc.text.rindex("inundación") in {ev.start for ev in told.evidence}
    assert len(alzira.evidence) + len(gandia.evidence) == 3


def test_a_main_event_told_again_takes_no_day_of_another_year_from_the_paragraph_en():
    # "Another quake struck on 19 September 1985. The 2017 quake left damage": that day is the older quake's.
    doc = parse_table("en", """
        The        DET   det      2
        2017       NUM   nummod   2
        quake      NOUN  nsubj    3
        struck     VERB  ROOT     3  strike
        Puebla     PROPN dobj     3
        .          PUNCT punct    3
        Another    DET   det      7  another
        quake      NOUN  nsubj    8
        struck     VERB  ROOT     8  strike
        on         ADP   prep     8
        19         NUM   nummod   11
        September  PROPN pobj     9
        1985       NUM   nummod   11
        .          PUNCT punct    8
        The        DET   det      16
        2017       NUM   nummod   16
        quake      NOUN  nsubj    17
        left       VERB  ROOT     17 leave
        damage     NOUN  dobj     17
        .          PUNCT punct    17
    """)
    found = Extraction("en", doc, [date(doc, "19 September 1985", "1985-09-19")])
    quakes = found.of_class("Earthquake")
    [recent] = [e for e in quakes if e.name == "2017 quake"]
    assert len(recent.evidence) == 2
    assert recent.date.lexical == "2017"
    assert {e.date.lexical for e in quakes if e is not recent} == {"1985-09-19"}


def test_an_event_is_named_after_the_known_place_its_name_holds_es():
    # "el terremoto de Chiapas": the linker left Chiapas an inner name of the
    # event's (no mention of its own); the event is named after it, which
    # says which event it is, not where it struck.
    from spacy.tokens import Span

    from beslan_kg.kb import load_kb
    from beslan_kg.nlp.gazetteer import INNER_KEY

    chiapas = next(e.key for e in load_kb().values() if e.labels.get("es") == "Chiapas" and e.ontology_class == "Region")
    doc = parse_table("es", """
        El          DET   det    1  el
        terremoto   NOUN  nsubj  4
        de          ADP   case   3
        Chiapas     PROPN nmod   1
        dañó        VERB  ROOT   4  dañar
        casas       NOUN  obj    4  casa
        .           PUNCT punct  4
    """)
    doc.spans[INNER_KEY] = [Span(doc, 3, 4, label="Place", span_id=chiapas)]
    ctx = article_context("es", doc)
    ctx.inner_of_token = {3: chiapas}
    entities = collect_entities(ctx)
    events, relations, _ = extract_events(ctx)
    [quake] = events
    assert quake.name == "terremoto de Chiapas"
    assert quake.named_after == (chiapas,)
    assert (quake.local_id, "location", chiapas) not in {(r.subject, r.predicate, r.object) for r in relations}
    assert chiapas not in {e.local_id for e in entities}


@pytest.mark.parametrize(
    ("lang", "table", "ents", "located"),
    [
        # "un caso de violación acaecido en Pamplona": through the container noun.
        ("es", """
            Los        DET   det    1  el
            medios     NOUN  nsubj  2  medio
            relataron  VERB  ROOT   2  relatar
            un         DET   det    4  uno
            caso       NOUN  obj    2
            de         ADP   case   6
            violación  NOUN  nmod   4
            acaecido   ADJ   amod   4
            en         ADP   case   9
            Pamplona   PROPN obl    7
            .          PUNCT punct  2
        """, [(9, 10, "LOC")], True),
        ("en", """
            An         DET   det    1
            explosion  NOUN  nsubj  6
            that       PRON  nsubj  3
            occurred   VERB  relcl  1  occur
            in         ADP   prep   3
            Lyon       PROPN pobj   4
            killed     VERB  ROOT   6  kill
            two        NUM   dobj   6
            .          PUNCT punct  6
        """, [(5, 6, "GPE")], True),
        # "se desarrollaron en": took place there.
        ("es", """
            Los        DET   det    1  el
            ataques    NOUN  nsubj  8  ataque
            ,          PUNCT punct  4
            que        PRON  nsubj  5
            se         PRON  obj    5  él
            desarrollaron VERB acl  1  desarrollar
            en         ADP   case   7
            Valdoria   PROPN obl    5
            dejaron    VERB  ROOT   8  dejar
            heridos    NOUN  obj    8  herido
            .          PUNCT punct  8
        """, [(7, 8, "LOC")], True),
        # "tuvo lugar en": a verb and its noun, one word of happening.
        ("es", """
            La         DET   det      1  el
            protesta   NOUN  nsubj    7
            que        PRON  nsubj    3
            tuvo       VERB  acl      1  tener
            lugar      NOUN  compound 3
            en         ADP   case     6
            Valdoria   PROPN obl      3
            reunió     VERB  ROOT     7  reunir
            .          PUNCT punct    7
        """, [(6, 7, "LOC")], True),
        # Worrying people in Lyon says nothing of where the explosion was.
        ("en", """
            An         DET   det    1
            explosion  NOUN  nsubj  7
            that       PRON  nsubj  3
            worried    VERB  relcl  1  worry
            people     NOUN  dobj   3  people
            in         ADP   prep   3
            Lyon       PROPN pobj   5
            killed     VERB  ROOT   7  kill
            two        NUM   dobj   7
            .          PUNCT punct  7
        """, [(6, 7, "GPE")], False),
    ],
)
def test_a_clause_of_happening_on_an_event_noun_says_where_it_happened(lang, table, ents, located):
    doc = parse_table(lang, table, ents)
    found = Extraction(lang, doc)
    [event] = found.of_class("Attack") + found.of_class("Explosion") + found.of_class("Protest")
    assert bool(found.roles(event.local_id, "location")) == located


def test_a_trip_to_a_place_the_parser_took_for_an_object_is_a_visit_there_es():
    # "se desplazaron a Pamplona": "a Pamplona" parsed as an object, with its preposition.
    doc = parse_table("es", """
        Cinco        NUM   nummod 1  cinco
        hombres      NOUN  nsubj  3  hombre
        se           PRON  obj    3  él
        desplazaron  VERB  ROOT   3  desplazar
        a            ADP   case   5
        Pamplona     PROPN obj    3
        .            PUNCT punct  3
    """, [(5, 6, "LOC")])
    found = Extraction("es", doc)
    [visit] = found.of_class("Visit")
    assert len(found.roles(visit.local_id, "location")) == 1


ES_SENTENCED_BY_THE_COURT = """
    El           DET   det    1  el
    caso         NOUN  nsubj  4
    fue          AUX   cop    4  ser
    finalmente   ADV   advmod 4
    revisado     ADJ   ROOT   4  revisado
    y            CCONJ cc     6
    sentenciado  ADJ   conj   4  sentenciado
    por          ADP   case   9
    el           DET   det    9
    Tribunal     PROPN obj    6
    Supremo      PROPN flat   9
    ,            PUNCT punct  13
    que          PRON  nsubj  13
    consideró    VERB  advcl  4  considerar
    la           DET   det    15 el
    agresión     NOUN  obj    13
    un           DET   det    17 uno
    crimen       NOUN  obj    13
    .            PUNCT punct  4
"""


def test_a_passive_participle_tagged_an_adjective_is_its_verb_es():
    # "sentenciado por el Tribunal Supremo": the court rules; it is no defendant,
    # and the ruling is about the event its own clause tells, not the protests told before.
    protests = """
        Miles        PRON  nsubj  1  mil
        protestaron  VERB  ROOT   1  protestar
        .            PUNCT punct  1
    """
    rows = [line.split() for line in ES_SENTENCED_BY_THE_COURT.strip().splitlines()]
    shifted = "\n".join(" ".join([*r[:3], str(int(r[3]) + 3), *r[4:]]) for r in rows)
    doc = parse_table("es", protests + shifted, [(12, 14, "ORG")])
    doc[9].set_morph("Gender=Masc|Number=Sing|VerbForm=Part")
    doc[7].set_morph("Gender=Masc|Number=Sing|VerbForm=Part")
    found = Extraction("es", doc)
    assert found.of_class("Protest")
    [ruling] = found.of_class("CourtRuling")
    court = found.roles(ruling.local_id, "court")
    assert len(court) == 1
    assert not found.roles(ruling.local_id, "defendant") & court
    [attack] = found.of_class("Attack")
    assert found.roles(ruling.local_id, "concerns") == {attack.local_id}


def test_an_adjective_that_is_no_participle_is_no_verb_es():
    doc = parse_table("es", ES_SENTENCED_BY_THE_COURT, [(9, 11, "ORG")])
    found = Extraction("es", doc)
    assert found.of_class("CourtRuling") == []


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("es", """
            La         DET   det    1  el
            sentencia  NOUN  nsubj  5
            del        ADP   case   3
            juicio     NOUN  nmod   1
            se         PRON  obj    5  él
            conoció    VERB  ROOT   5  conocer
            ayer       ADV   advmod 5
            .          PUNCT punct  5
        """),
        ("en", """
            The        DET   det    1
            verdict    NOUN  nsubj  5
            of         ADP   prep   1
            the        DET   det    4
            trial      NOUN  pobj   2
            came       VERB  ROOT   5  come
            yesterday  NOUN  npadvmod 5
            .          PUNCT punct  5
        """),
    ],
)
def test_the_verdict_of_a_trial_is_a_ruling_with_no_court_named(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    assert len(found.of_class("CourtRuling")) == 1
    # A verdict of nothing said is no ruling.
    bare = Extraction(lang, parse_table(lang, table.replace("juicio ", "pueblo ").replace("trial  ", "town   ")))
    assert bare.of_class("CourtRuling") == []


# --------------------------------------------------------------------------
# Another name of one event


ES_NAMED_AGAIN = """
    Las          DET   det    1  el
    elecciones   NOUN  nsubj  7  elección
    de           ADP   case   3
    Lugo         PROPN nmod   1
    de           ADP   case   5
    2019         NUM   nmod   1
    se           PRON  obj    7  él
    celebraron   VERB  ROOT   7  celebrar
    ayer         ADV   advmod 7
    .            PUNCT punct  7
    Son          AUX   cop    11 ser
    denominadas  ADJ   ROOT   11 denominado
    como         SCONJ mark   14
    las          DET   det    14 el
    elecciones   NOUN  obl    11 elección
    de           ADP   case   16
    Galicia      PROPN nmod   14
    .            PUNCT punct  11
"""

EN_ALSO_KNOWN_AS = """
    The         DET   det      3
    2017        NUM   nummod   3
    Puebla      PROPN compound 3
    earthquake  NOUN  nsubj    12
    ,           PUNCT punct    3
    also        ADV   advmod   6
    known       VERB  acl      3  know
    as          ADP   prep     6
    the         DET   det      10
    Morelos     PROPN compound 10
    earthquake  NOUN  pobj     7
    ,           PUNCT punct    3
    struck      VERB  ROOT     12 strike
    .           PUNCT punct    12
"""


def _after(first: str, table: str) -> str:
    """Return a hand-parsed table told after the sentence ``first``, its heads moved past it."""
    shift = len(first.strip().splitlines())
    rows = [line.split() for line in table.strip().splitlines()]
    return first + "\n".join(" ".join([*r[:3], str(int(r[3]) + shift), *r[4:]]) for r in rows)


# Another event of the class, of another year, told before: no undated name joins the one other event by default.
EN_ANOTHER_QUAKE = """
    An          DET   det      1
    earthquake  NOUN  nsubj    2
    hit         VERB  ROOT     2  hit
    in          ADP   prep     2
    1985        NUM   pobj     3
    .           PUNCT punct    2
"""
ES_OTHER_ELECTIONS = """
    Otras       DET   det      1  otro
    elecciones  NOUN  nsubj    2  elección
    ocurrieron  VERB  ROOT     2  ocurrir
    en          ADP   case     4
    1985        NUM   obl      2
    .           PUNCT punct    2
"""


@pytest.mark.parametrize(
    ("lang", "table", "event_class", "name"),
    [
        ("es", _after(ES_OTHER_ELECTIONS, ES_NAMED_AGAIN), "Election", "elecciones de Lugo de 2019"),
        ("en", _after(EN_ANOTHER_QUAKE, EN_ALSO_KNOWN_AS), "Earthquake", "2017 Puebla earthquake"),
    ],
)
def test_a_name_given_as_another_name_of_an_event_is_that_event(lang, table, event_class, name):
    # "Son denominadas como las elecciones de Galicia" (the subject left out is
    # the sentence before's); "the Puebla earthquake, also known as the Morelos earthquake".
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, "1985", "1985", "gYear")])
    [event] = [e for e in found.of_class(event_class) if e.name == name]
    assert len(event.evidence) == 2
    assert len(found.of_class(event_class)) == 2


def test_two_names_without_a_naming_word_are_two_events_en():
    table = EN_ALSO_KNOWN_AS.replace("known       VERB  acl      3  know", "shaken      VERB  acl      3  shake")
    doc = parse_table("en", _after(EN_ANOTHER_QUAKE, table))
    found = Extraction("en", doc, [date(doc, "1985", "1985", "gYear")])
    assert len(found.of_class("Earthquake")) == 3


@pytest.mark.parametrize("agent", [True, False])
def test_a_participle_with_its_agent_qualifying_a_noun_is_its_verb_es(agent):
    # "la victoria de Ana, ratificada por el Tribunal Supremo el lunes": the court
    # rules; "la victoria, ratificada el lunes" says no more than an adjective.
    court = """
        por        ADP   case   8
        el         DET   det    8
        Tribunal   PROPN obj    5
        Supremo    PROPN flat   8
    """ if agent else ""
    rows = [
        "La DET det 1 el", "victoria NOUN nsubj {v} victoria", "de ADP case 3", "Ana PROPN nmod 1", ", PUNCT punct 5",
        "ratificada ADJ amod 1 ratificado",
    ]
    tail = ["el DET det {d}", "lunes NOUN obl 5", ", PUNCT punct 5", "terminó VERB ROOT {v} terminar", ". PUNCT punct {v}"]
    n = len(rows) + (4 if agent else 0)
    table = "\n".join(rows + ([court] if agent else []) + tail).format(v=n + 3, d=n + 1)
    doc = parse_table("es", table, [(6, 10, "ORG")] if agent else None)
    doc[5].set_morph("Gender=Fem|Number=Sing|VerbForm=Part")
    found = Extraction("es", doc)
    assert len(found.of_class("CourtRuling")) == (1 if agent else 0)


def test_an_event_in_a_place_the_article_puts_in_a_town_took_place_in_the_town():
    # "La final se jugó en el Estadio Monumental de Lima": the stadium lies in
    # Lima, so the final was played there; the region the town lies in is not
    # reached, nor the town of a visit's place.
    from beslan_kg.nlp.events import iter_town_locations
    from beslan_kg.records import Relation

    doc = parse_table("es", """
        La       DET   det    1  el
        final    NOUN  nsubj  1
        .        PUNCT punct  1
    """, annotate=False)
    ctx = article_context("es", doc)
    ev = ctx.evidence(0, 8)
    ctx.kind_of.update({"final": "Event", "visit": "Event", "stadium": "Place", "lima": "Place", "peru": "Place"})
    ctx.class_of.update({"final": "SportsEvent", "visit": "Visit", "stadium": "Building", "lima": "Settlement", "peru": "Country"})
    relations = [
        Relation("final", "location", "stadium", ev, "test"),
        Relation("visit", "location", "stadium", ev, "test"),
        Relation("stadium", "locatedIn", "lima", ev, "test"),
        Relation("stadium", "locatedIn", "peru", ev, "test"),
    ]
    assert [(r.subject, r.predicate, r.object) for r in iter_town_locations(ctx, relations)] == [("final", "location", "lima")]
    # Told already, it is not told twice.
    assert iter_town_locations(ctx, [*relations, Relation("final", "location", "lima", ev, "test")]) == []


@pytest.mark.parametrize(
    ("lang", "table", "day"),
    [
        ("en", """
            A            DET   det    1
            quake        NOUN  nsubj  2
            struck       VERB  ROOT   2  strike
            on           ADP   prep   2
            19           NUM   nummod 5
            September    PROPN pobj   3
            2017         NUM   nummod 5
            ,            PUNCT punct  2
            on           ADP   prep   2
            the          DET   det    11
            32nd         ADJ   amod   11
            anniversary  NOUN  pobj   8
            of           ADP   prep   11
            the          DET   det    15
            1985         NUM   nummod 15
            earthquake   NOUN  pobj   12
            .            PUNCT punct  2
        """, "19 September 2017"),
        ("es", """
            El           DET   det    1  el
            sismo        NOUN  nsubj  2
            ocurrió      VERB  ROOT   2  ocurrir
            el           DET   det    4
            19           NUM   obl    2
            de           ADP   case   6
            septiembre   NOUN  compound 4
            de           ADP   case   8
            2017         NUM   compound 4
            ,            PUNCT punct  13
            en           ADP   case   13
            el           DET   det    13
            32.º         ADJ   amod   13
            aniversario  NOUN  obl    2
            del          ADP   case   15
            terremoto    NOUN  nmod   13
            de           ADP   case   17
            1985         NUM   nmod   15
            .            PUNCT punct  2
        """, "19 de septiembre de 2017"),
    ],
)
def test_an_event_on_the_nth_anniversary_of_another_dates_it(lang, table, day):
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, day, "2017-09-19")])
    dated = sorted(e.date.lexical for e in found.of_class("Earthquake") if e.date is not None)
    assert dated == ["1985-09-19", "2017-09-19"]


def test_someone_s_comments_are_a_statement_of_theirs_apart_from_the_criticism_they_drew_en():
    doc = parse_table("en", """
        Ana        PROPN poss     2
        's         PART  case     0
        comments   NOUN  nsubj    3  comment
        drew       VERB  ROOT     3  draw
        criticism  NOUN  dobj     3
        from       ADP   prep     4
        Luis       PROPN pobj     5
        Pérez      PROPN flat     6
        .          PUNCT punct    3
    """, [(0, 1, "PERSON"), (6, 8, "PERSON")])
    found = Extraction("en", doc)
    [statement] = found.of_class("Statement")
    [criticism] = found.of_class("Criticism")
    assert len(found.roles(statement.local_id, "participant")) == 1
    assert found.roles(criticism.local_id, "concerns") == {statement.local_id}
    # Comments of no one named are nobody's statement.
    bare = Extraction("en", parse_table("en", """
        The        DET   det      1
        comments   NOUN  nsubj    2  comment
        drew       VERB  ROOT     2  draw
        criticism  NOUN  dobj     2
        .          PUNCT punct    2
    """))
    assert bare.of_class("Statement") == []


# --------------------------------------------------------------------------
# Events on any topic: collapses, dates counted from, words of other topics


@pytest.mark.parametrize(
    ("lang", "table", "day"),
    [
        ("en", """
            A          DET   det      1
            bridge     NOUN  nsubj    2
            collapsed  VERB  ROOT     2  collapse
            under      ADP   prep     2
            a          DET   det      5
            train      NOUN  pobj     3
            on         ADP   prep     2
            3          NUM   nummod   8
            May        PROPN pobj     6
            2021       NUM   nummod   8
            .          PUNCT punct    2
        """, "3 May 2021"),
        ("es", """
            Un         DET   det      1  uno
            puente     NOUN  nsubj    3
            se         PRON  obj      3
            desplomó   VERB  ROOT     3  desplomar
            bajo       ADP   case     6
            un         DET   det      6  uno
            tren       NOUN  obl      3
            el         DET   det      8
            3          NUM   obl      3
            de         ADP   case     10
            mayo       NOUN  compound 8
            de         ADP   case     12
            2021       NUM   compound 8
            .          PUNCT punct    3
        """, "3 de mayo de 2021"),
    ],
)
def test_a_collapse_told_before_any_other_event_is_the_main_event(lang, table, day):
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, day, "2021-05-03")])
    [collapse] = found.of_class("Collapse")
    assert found.main == collapse.local_id
    assert collapse.date.lexical == "2021-05-03"


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            It         PRON  nsubj    1
            was        AUX   ROOT     1  be
            the        DET   det      4
            first      ADJ   amod     4
            referendum NOUN  attr     1
            since      SCONJ prep     4
            1989       NUM   pobj     5
            .          PUNCT punct    1
        """),
        ("es", """
            Fue        AUX   cop      3  ser
            el         DET   det      3
            primer     ADJ   amod     3  primero
            referéndum NOUN  ROOT     3
            desde      ADP   case     5
            1989       NOUN  nmod     3
            .          PUNCT punct    3
        """),
    ],
)
def test_a_year_an_event_is_counted_from_is_no_date_of_it(lang, table):
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, "1989", "1989", "gYear")])
    [referendum] = found.of_class("Referendum")
    assert referendum.date is None


def test_a_date_in_the_phrase_of_another_event_noun_is_that_event_s_en():
    doc = parse_table("en", """
        The        DET   det      1
        crash      NOUN  nsubj    2
        was        AUX   ROOT     2  be
        deadlier   ADJ   acomp    2  deadly
        than       ADP   prep     3
        a          DET   det      6
        crash      NOUN  pobj     4
        in         ADP   prep     6
        1972       NUM   pobj     7
        .          PUNCT punct    2
    """)
    found = Extraction("en", doc, [date(doc, "1972", "1972", "gYear")])
    crashes = found.of_class("TransportAccident")
    first = doc.text.index("crash")
    assert len(crashes) == 2
    [told_first] = [e for e in crashes if any(ev.start == first for ev in e.evidence)]
    assert told_first.date is None
    assert {e.date.lexical for e in crashes if e is not told_first} == {"1972"}


def test_the_year_in_a_name_is_no_date_of_an_event_told_with_it_es():
    doc = parse_table("es", """
        Las          DET   det    1  el
        críticas     NOUN  nsubj  7  crítica
        a            ADP   case   4
        la           DET   det    4  el
        Constitución PROPN nmod   1
        de           ADP   case   6
        1980         NOUN  nmod   4
        nacieron     VERB  ROOT   7  nacer
        con          ADP   case   9
        ella         PRON  obj    7  él
        .            PUNCT punct  7
    """, ents=((4, 5, "MISC"),))
    found = Extraction("es", doc, [date(doc, "1980", "1980", "gYear")])
    assert all(e.date is None for e in found.events.values())


@pytest.mark.parametrize(
    ("lang", "table", "attacks"),
    [
        ("en", """
            A          DET   det      2
            suicide    NOUN  compound 2
            bomber     NOUN  nsubj    3
            killed     VERB  ROOT     3  kill
            41         NUM   nummod   5
            people     NOUN  dobj     3
            .          PUNCT punct    3
        """, 1),
        ("en", """
            The        DET   det      1
            earthquake NOUN  nsubj    2
            killed     VERB  ROOT     2  kill
            41         NUM   nummod   4
            people     NOUN  dobj     2
            .          PUNCT punct    2
        """, 0),
        ("es", """
            Un         DET   det      1  uno
            suicida    NOUN  nsubj    2
            mató       VERB  ROOT     2  matar
            a          ADP   case     5
            41         NUM   nummod   5
            personas   NOUN  obj      2  persona
            .          PUNCT punct    2
        """, 1),
        ("es", """
            El         DET   det      1
            sismo      NOUN  nsubj    2
            mató       VERB  ROOT     2  matar
            a          ADP   case     5
            41         NUM   nummod   5
            personas   NOUN  obj      2  persona
            .          PUNCT punct    2
        """, 0),
    ],
)
def test_a_killing_by_assailants_is_an_attack_and_one_by_a_disaster_is_none(lang, table, attacks):
    found = Extraction(lang, parse_table(lang, table))
    assert len(found.of_class("Attack")) == attacks


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            The        DET   det       1
            data       NOUN  nsubjpass 3
            were       AUX   auxpass   3  be
            released   VERB  ROOT      3  release
            under      ADP   prep      3
            a          DET   det       6
            licence    NOUN  pobj      4
            .          PUNCT punct     3
        """),
        ("es", """
            Los        DET   det       1  el
            datos      NOUN  nsubj     3  dato
            fueron     AUX   aux       3  ser
            liberados  VERB  ROOT      3  liberar
            bajo       ADP   case      5
            licencia   NOUN  obl       3
            .          PUNCT punct     3
        """),
    ],
)
def test_a_release_told_with_no_event_of_violence_frees_no_hostages(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    assert found.of_class("HostageRelease") == []


def test_a_court_upholding_a_verdict_gives_a_ruling_of_its_own_en():
    found = Extraction("en", parse_table("en", """
        The        DET   det       2
        guilty     ADJ   amod      2
        verdict    NOUN  nsubjpass 4
        was        AUX   auxpass   4  be
        upheld     VERB  ROOT      4  uphold
        by         ADP   agent     4
        the        DET   det       8
        Supreme    PROPN compound  8
        Court      PROPN pobj      5
        .          PUNCT punct     4
    """, ents=((7, 9, "ORG"),)))
    rulings = found.of_class("CourtRuling")
    assert sorted(e.text for r in rulings for e in r.evidence) == ["guilty verdict", "upheld"]
    assert len(rulings) == 2


@pytest.mark.parametrize(
    ("lang", "table", "scandals"),
    [
        ("en", """
            The        DET   det      1
            leak       NOUN  nsubj    4
            of         ADP   prep     1
            documents  NOUN  pobj     2  document
            shocked    VERB  ROOT     4  shock
            the        DET   det      6
            country    NOUN  dobj     4
            .          PUNCT punct    4
        """, 1),
        ("en", """
            A          DET   det      2
            water      NOUN  compound 2
            leak       NOUN  nsubj    3
            flooded    VERB  ROOT     3  flood
            the        DET   det      5
            basement   NOUN  dobj     3
            .          PUNCT punct    3
        """, 0),
        ("es", """
            La         DET   det      1  el
            filtración NOUN  nsubj    4
            de         ADP   case     3
            documentos NOUN  nmod     1  documento
            sacudió    VERB  ROOT     4  sacudir
            al         ADP   case     6  a
            país       NOUN  obj      4
            .          PUNCT punct    4
        """, 1),
        ("es", """
            Una        DET   det      1  uno
            filtración NOUN  nsubj    4
            de         ADP   case     3
            agua       NOUN  nmod     1
            inundó     VERB  ROOT     4  inundar
            el         DET   det      6
            sótano     NOUN  obj      4
            .          PUNCT punct    4
        """, 0),
    ],
)
def test_a_leak_of_documents_is_a_scandal_and_one_of_water_is_none(lang, table, scandals):
    found = Extraction(lang, parse_table(lang, table))
    assert len(found.of_class("Scandal")) == scandals


@pytest.mark.parametrize(
    ("lang", "table", "visits"),
    [
        ("en", """
            A          DET   det      1
            train      NOUN  nsubj    2
            travelled  VERB  ROOT     2  travel
            to         ADP   prep     2
            Ferrol     PROPN pobj     3
            .          PUNCT punct    2
        """, 0),
        ("en", """
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    2
            travelled  VERB  ROOT     2  travel
            to         ADP   prep     2
            Ferrol     PROPN pobj     3
            .          PUNCT punct    2
        """, 1),
    ],
)
def test_only_someone_travelling_somewhere_visits_it_en(lang, table, visits):
    found = Extraction(lang, parse_table(lang, table, ents=((0, 2, "PERSON"), (4, 5, "GPE")) if visits else ((4, 5, "GPE"),)))
    assert len(found.of_class("Visit")) == visits


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            It         PRON  nsubj    1
            was        AUX   ROOT     1  be
            the        DET   det      5
            worst      ADJ   amod     5  bad
            rail       NOUN  compound 5
            accident   NOUN  attr     1
            .          PUNCT punct    1
        """),
        ("es", """
            Fue        AUX   cop      3  ser
            el         DET   det      3
            peor       ADJ   amod     3
            accidente  NOUN  ROOT     3
            de         ADP   case     5
            tren       NOUN  nmod     3
            .          PUNCT punct    3
        """),
    ],
)
def test_an_accident_of_a_means_of_transport_is_a_transport_accident(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    assert [e.event_class for e in found.events.values()] == ["TransportAccident"]


def test_an_event_held_at_a_named_building_in_a_town_took_place_in_the_town_en():
    found = Extraction("en", parse_table("en", """
        The        DET   det       1
        trial      NOUN  nsubjpass 3
        was        AUX   auxpass   3  be
        held       VERB  ROOT      3  hold
        at         ADP   prep      3
        the        DET   det       7
        Acme       PROPN compound  7
        Center     PROPN pobj      4
        in         ADP   prep      7
        Lyon       PROPN pobj      8
        .          PUNCT punct     3
    """, ents=((6, 8, "ORG"), (9, 10, "GPE"))))
    [trial] = found.of_class("Trial")
    assert found.roles(trial.local_id, "location") == {"place-lyon"}


def test_someone_named_beside_the_subject_of_a_passive_charge_is_charged_en():
    doc = parse_table("en", """
        On         ADP   prep      11
        28         NUM   nummod    2
        July       PROPN pobj      0
        2013       NUM   nummod    2
        ,          PUNCT punct     11
        the        DET   det       6
        driver     NOUN  nsubjpass 11
        ,          PUNCT punct     6
        Ana        PROPN compound  9
        Diaz       PROPN appos     6
        was        AUX   auxpass   11  be
        charged    VERB  ROOT      11  charge
        with       ADP   prep      11
        homicide   NOUN  pobj      12
        .          PUNCT punct     11
    """, ents=((8, 10, "PERSON"),))
    found = Extraction("en", doc, [date(doc, "28 July 2013", "2013-07-28")])
    [charge] = found.of_class("Charge")
    assert charge.date.lexical == "2013-07-28"
    assert found.roles(charge.local_id, "participant") == {"person-ana-diaz"}


ES_NAME_WITH_PLACES_AND_YEAR = """
    El         DET   det      1  el
    {noun}     NOUN  nsubj    8  {lemma}
    de         ADP   case     3
    Turquía    PROPN nmod     1
    y          CCONJ cc       5
    Siria      PROPN conj     3
    de         ADP   case     7
    2023       NOUN  nmod     1
    dejó       VERB  ROOT     8  dejar
    miles      NOUN  obj      8  mil
    .          PUNCT punct    8
"""


def test_a_year_after_a_name_and_a_list_of_places_are_words_of_the_name_es():
    doc = parse_table("es", ES_NAME_WITH_PLACES_AND_YEAR.format(noun="terremoto", lemma="terremoto"), ents=((3, 4, "LOC"), (5, 6, "LOC")))
    found = Extraction("es", doc, [date(doc, "2023", "2023", "gYear")])
    [quake] = found.of_class("Earthquake")
    assert quake.name == "terremoto de Turquía y Siria de 2023"
    assert quake.date.lexical == "2023"


def test_a_plural_event_noun_with_a_list_of_places_is_no_name_es():
    doc = parse_table("es", ES_NAME_WITH_PLACES_AND_YEAR.format(noun="atentados", lemma="atentado").replace("El ", "Los"), ents=((3, 4, "LOC"), (5, 6, "LOC")))
    doc[1].set_morph("Gender=Masc|Number=Plur")
    found = Extraction("es", doc, [date(doc, "2023", "2023", "gYear")])
    assert [e.name for e in found.of_class("Attack")] == [None]


def test_a_year_after_an_event_noun_alone_is_no_name_es():
    doc = parse_table("es", """
        La         DET   det      1  el
        protesta   NOUN  nsubj    4
        de         ADP   case     3
        2019       NOUN  nmod     1
        reunió     VERB  ROOT     4  reunir
        a          ADP   case     6
        miles      NOUN  obj      4  mil
        .          PUNCT punct    4
    """)
    found = Extraction("es", doc, [date(doc, "2019", "2019", "gYear")])
    [protest] = found.of_class("Protest")
    assert protest.name is None


@pytest.mark.parametrize(
    ("lang", "table", "event_class", "told"),
    [
        ("en", """
            An         DET   det      1
            outbreak   NOUN  nsubj    4
            of         ADP   prep     1
            cholera    NOUN  pobj     2
            spread     VERB  ROOT     4
            .          PUNCT punct    4
        """, "Epidemic", 1),
        ("en", """
            An         DET   det      1
            outbreak   NOUN  nsubj    4
            of         ADP   prep     1
            violence   NOUN  pobj     2
            spread     VERB  ROOT     4
            .          PUNCT punct    4
        """, "Epidemic", 0),
        ("es", """
            Un         DET   det      1  uno
            brote      NOUN  nsubj    4
            de         ADP   case     3
            violencia  NOUN  nmod     1
            estalló    VERB  ROOT     4  estallar
            .          PUNCT punct    4
        """, "Epidemic", 0),
        ("en", """
            Riots      NOUN  nsubj    1  riot
            erupted    VERB  ROOT     1  erupt
            .          PUNCT punct    1
        """, "Protest", 1),
        ("es", """
            Los        DET   det      1  el
            disturbios NOUN  nsubj    2
            estallaron VERB  ROOT     2  estallar
            .          PUNCT punct    2
        """, "Protest", 1),
    ],
)
def test_words_for_outbreaks_and_riots(lang, table, event_class, told):
    found = Extraction(lang, parse_table(lang, table))
    assert len(found.of_class(event_class)) == told


@pytest.mark.parametrize(
    ("lang", "table", "event_class", "places"),
    [
        ("en", """
            Rebels     NOUN  nsubj    1  rebel
            claimed    VERB  ROOT     1  claim
            the        DET   det      3
            attacks    NOUN  dobj     1  attack
            that       PRON  nsubj    5
            killed     VERB  relcl    3  kill
            39         NUM   nummod   7
            people     NOUN  dobj     5
            in         ADP   prep     5
            Lyon       PROPN pobj     8
            .          PUNCT punct    1
        """, "Attack", {"place-lyon"}),
        ("es", """
            Los        DET   det      1  el
            rebeldes   NOUN  nsubj    2  rebelde
            reivindicaron VERB ROOT   2  reivindicar
            los        DET   det      4  el
            atentados  NOUN  obj      2  atentado
            que        PRON  nsubj    6
            causaron   VERB  acl      4  causar
            39         NUM   nummod   8
            muertos    NOUN  obj      6  muerto
            en         ADP   case     10
            Lyon       PROPN obl      6
            .          PUNCT punct    2
        """, "Attack", {"place-lyon"}),
        # What another did in a place says nothing of where the event was.
        ("en", """
            Rebels     NOUN  nsubj    1  rebel
            recalled   VERB  ROOT     1  recall
            the        DET   det      3
            war        NOUN  dobj     1
            that       PRON  dobj     6
            Valdoria   PROPN nsubj    6
            waged      VERB  relcl    3  wage
            in         ADP   prep     6
            Lyon       PROPN pobj     7
            .          PUNCT punct    1
        """, "War", set()),
    ],
)
def test_a_relative_clause_of_what_an_event_did_says_where_it_happened(lang, table, event_class, places):
    doc = parse_table(lang, table)
    lyon = next(t.i for t in doc if t.text == "Lyon")
    ents = ((lyon, lyon + 1, "GPE" if lang == "en" else "LOC"),) + (((5, 6, "GPE"),) if event_class == "War" else ())
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the(event_class, "location") == places


@pytest.mark.parametrize(
    ("lang", "table", "attacks"),
    [
        ("en", """
            Rebels     NOUN  nsubj    1  rebel
            attacked   VERB  ROOT     1  attack
            the        DET   det      3
            airbase    NOUN  dobj     1
            .          PUNCT punct    1
        """, 1),
        ("en", """
            The        DET   det      1
            senator    NOUN  nsubj    2
            attacked   VERB  ROOT     2  attack
            the        DET   det      4
            plan       NOUN  dobj     2
            .          PUNCT punct    2
        """, 0),
        ("es", """
            Los        DET   det      1  el
            rebeldes   NOUN  nsubj    2  rebelde
            atacaron   VERB  ROOT     2  atacar
            la         DET   det      4  el
            base       NOUN  obj      2
            .          PUNCT punct    2
        """, 1),
        ("es", """
            La         DET   det      1  el
            senadora   NOUN  nsubj    2
            atacó      VERB  ROOT     2  atacar
            el         DET   det      4
            plan       NOUN  obj      2
            .          PUNCT punct    2
        """, 0),
    ],
)
def test_assailants_attacking_is_an_attack_and_a_critic_attacking_a_plan_is_none(lang, table, attacks):
    found = Extraction(lang, parse_table(lang, table))
    assert len(found.of_class("Attack")) == attacks


@pytest.mark.parametrize(("owner", "pos", "ents", "places"), [("Valdoria", "PROPN", ((2, 3, "GPE"),), {"place-valdoria"}), ("country", "NOUN", (), set())])
def test_a_named_place_s_event_happened_there_en(owner, pos, ents, places):
    found = Extraction("en", parse_table("en", f"""
        It         PRON  nsubj    1
        was        AUX   ROOT     1  be
        {owner}    {pos} poss     5
        's         PART  case     2
        worst      ADJ   amod     5  bad
        crash      NOUN  attr     1
        .          PUNCT punct    1
    """, ents=ents))
    [crash] = found.of_class("TransportAccident")
    assert found.roles(crash.local_id, "location") == places


@pytest.mark.parametrize(
    ("lang", "table", "start", "end"),
    [
        ("en", """
            The        DET   det       1
            trial      NOUN  nsubjpass 3
            was        AUX   auxpass   3  be
            held       VERB  ROOT      3  hold
            in         ADP   prep      3
            Lyon       PROPN pobj      4
            ,          PUNCT punct     3
            and        CCONJ cc        3
            it         PRON  nsubj     9
            ran        VERB  conj      3  run
            from       ADP   prep      9
            8          NUM   nummod    12
            March      PROPN pobj      10
            to         ADP   prep      9
            20         NUM   nummod    15
            April      PROPN pobj      13
            2021       NUM   nummod    15
            .          PUNCT punct     9
        """, "8 March", "20 April 2021"),
        ("es", """
            El         DET   det       1  el
            juicio     NOUN  nsubj     3
            se         PRON  obj       3
            celebró    VERB  ROOT      3  celebrar
            en         ADP   case      5
            Lyon       PROPN obl       3
            y          CCONJ cc        7
            duró       VERB  conj      3  durar
            del        ADP   case      9
            8          NUM   obl       7
            de         ADP   case      11
            marzo      NOUN  compound  9
            al         ADP   case      13
            20         NUM   obl       7
            de         ADP   case      15
            abril      NOUN  compound  13
            de         ADP   case      17
            2021       NUM   compound  13
            .          PUNCT punct     3
        """, "8 de marzo", "20 de abril de 2021"),
    ],
)
def test_a_clause_joined_on_an_event_gives_the_day_its_range_starts_from(lang, table, start, end):
    doc = parse_table(lang, table, ents=((5, 6, "GPE" if lang == "en" else "LOC"),))
    found = Extraction(lang, doc, [date(doc, start, "2021-03-08"), date(doc, end, "2021-04-20")])
    [trial] = found.of_class("Trial")
    assert trial.date.lexical == "2021-03-08"


def test_the_day_of_what_was_done_because_of_an_event_is_not_the_event_s_es():
    doc = parse_table("es", """
        La         DET   det      1  el
        votación   NOUN  nsubj    3
        fue        AUX   aux      3  ser
        fijada     VERB  ROOT     3  fijar
        para       ADP   case     6
        el         DET   det      6
        25         NUM   obl      3
        de         ADP   case     8
        octubre    NOUN  compound 6
        debido     ADJ   case     12
        a          ADP   fixed    9
        la         DET   det      12 el
        pandemia   NOUN  obl      3
        .          PUNCT punct    3
    """)
    found = Extraction("es", doc, [date(doc, "25 de octubre", "2020-10-25")])
    [pandemic] = found.of_class("Epidemic")
    assert pandemic.date is None


def test_an_event_something_was_postponed_because_of_happened_en():
    found = Extraction("en", parse_table("en", """
        The        DET   det       1
        race       NOUN  nsubjpass 3
        was        AUX   auxpass   3  be
        postponed  VERB  ROOT      3  postpone
        because    SCONJ prep      3
        of         ADP   pcomp     4
        the        DET   det       7
        pandemic   NOUN  pobj      4
        .          PUNCT punct     3
    """))
    assert len(found.of_class("Epidemic")) == 1


# --------------------------------------------------------------------------
# Seizing a place: an attack, or a hostage-taking where the article tells of hostages


EN_SEIZED = """
    Rebels     NOUN  nsubj    1  rebel
    seized     VERB  ROOT     1  seize
    Goma       PROPN dobj     1
    .          PUNCT punct    1
"""


def test_seizing_a_town_is_an_attack_en():
    found = Extraction("en", parse_table("en", EN_SEIZED, ents=[(2, 3, "GPE")]))
    assert found.of_class("HostageCrisis") == []
    [attack] = found.of_class("Attack")
    assert found.main == attack.local_id
    assert [e.text for e in attack.evidence] == ["seized"]


def test_seizing_a_town_is_a_hostage_taking_in_an_article_that_tells_of_hostages_en():
    doc = parse_table("en", EN_SEIZED + """
        Hostages   NOUN  nsubj    5  hostage
        waited     VERB  ROOT     5  wait
        .          PUNCT punct    5
    """, ents=[(2, 3, "GPE")])
    found = Extraction("en", doc)
    assert found.of_class("Attack") == []
    [crisis] = found.of_class("HostageCrisis")
    assert [e.text for e in crisis.evidence] == ["seized"]


ES_SEIZED = """
    Los        DET   det      1  el
    rebeldes   NOUN  nsubj    2  rebelde
    tomaron    VERB  ROOT     2  tomar
    Goma       PROPN obj      2
    .          PUNCT punct    2
"""


def test_seizing_a_town_is_an_attack_es():
    found = Extraction("es", parse_table("es", ES_SEIZED, ents=[(3, 4, "LOC")]))
    assert found.of_class("HostageCrisis") == []
    [attack] = found.of_class("Attack")
    assert [e.text for e in attack.evidence] == ["tomaron"]


def test_seizing_a_town_is_a_hostage_taking_in_an_article_that_tells_of_hostages_es():
    doc = parse_table("es", ES_SEIZED + """
        Los        DET   det      6  el
        rehenes    NOUN  nsubj    7  rehén
        esperaron  VERB  ROOT     7  esperar
        .          PUNCT punct    7
    """, ents=[(3, 4, "LOC")])
    found = Extraction("es", doc)
    assert found.of_class("Attack") == []
    [crisis] = found.of_class("HostageCrisis")
    assert [e.text for e in crisis.evidence] == ["tomaron"]


def test_a_seizure_without_hostages_is_no_hostage_taking_en():
    doc = parse_table("en", """
        Police     NOUN  nsubj    1  police
        announced  VERB  ROOT     1  announce
        the        DET   det      3
        seizure    NOUN  dobj     1
        of         ADP   prep     3
        cocaine    NOUN  pobj     4
        .          PUNCT punct    1
    """)
    assert Extraction("en", doc).of_class("HostageCrisis") == []


# --------------------------------------------------------------------------
# What a copula says an event was


def test_an_event_noun_a_copula_says_of_a_named_event_is_that_event_en():
    doc = parse_table("en", """
        The        DET   det      2
        2021       NUM   nummod   2
        storming   NOUN  nsubj    5
        of         ADP   prep     2
        Parliament PROPN pobj     3
        was        AUX   ROOT     5  be
        a          DET   det      7
        riot       NOUN  attr     5
        and        CCONJ cc       7
        violent    ADJ   amod     10
        attack     NOUN  conj     7
        .          PUNCT punct    5
    """, ents=[(1, 5, "EVENT")])
    found = Extraction("en", doc)
    [event] = found.events.values()
    assert event.name == "2021 storming of Parliament"
    assert "attack" in [e.text for e in event.evidence]
    assert event.event_class == "Attack"


def test_an_event_noun_a_copula_says_of_an_event_is_that_event_es():
    doc = parse_table("es", """
        La         DET   det    1  el
        explosión  NOUN  nsubj  4
        fue        AUX   cop    4  ser
        un         DET   det    4  uno
        atentado   NOUN  ROOT   4
        .          PUNCT punct  4
    """)
    found = Extraction("es", doc)
    [event] = found.events.values()
    assert [e.text for e in event.evidence] == ["explosión", "atentado"]
    assert event.event_class == "Attack"


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            The        DET   det      1
            attack     NOUN  nsubj    2
            spread     VERB  ROOT     2
            .          PUNCT punct    2
            Microsoft  PROPN nsubj    5
            released   VERB  ROOT     5  release
            patches    NOUN  dobj     5  patch
            .          PUNCT punct    5
        """),
        ("es", """
            El         DET   det      1  el
            ataque     NOUN  nsubj    2
            creció     VERB  ROOT     2  crecer
            .          PUNCT punct    2
            Microsoft  PROPN nsubj    5
            liberó     VERB  ROOT     5  liberar
            parches    NOUN  obj      5  parche
            .          PUNCT punct    5
        """),
    ],
)
def test_a_release_in_an_article_of_no_hostages_is_no_hostage_release(lang, table):
    found = Extraction(lang, parse_table(lang, table))
    assert [e.event_class for e in found.events.values()] == ["Attack"]


def test_a_bare_operation_is_no_military_operation():
    doc = parse_table("en", """
        Servers    NOUN  nsubj    1  server
        need       VERB  ROOT     1
        constant   ADJ   amod     3
        operation  NOUN  dobj     1
        .          PUNCT punct    1
    """)
    assert Extraction("en", doc).events == {}


# Actions of no other class (OtherAction)


def test_an_act_on_an_event_keeps_its_verb_in_both_languages_en():
    doc = parse_table("en", """
        Ana        PROPN compound 1
        Diaz       PROPN nsubj    2
        appealed   VERB  ROOT     2  appeal
        her        PRON  poss     4
        conviction NOUN  dobj     2
        .          PUNCT punct    2
    """, ents=((0, 2, "PERSON"),))
    found = Extraction("en", doc)
    [action] = found.of_class("OtherAction")
    assert [e.text for e in action.evidence] == ["appealed"]
    # The verb in the article's language and, from the lexicon, in the other.
    assert action.lemmas == (("en", "appeal"), ("es", "apelar"))
    assert found.roles(action.local_id, "participant") == {"person-ana-diaz"}


def test_an_act_between_two_entities_is_an_other_action_es():
    doc = parse_table("es", """
        Ana         PROPN nsubj   3
        Díaz        PROPN flat    0
        fue         AUX   aux     3  ser
        reemplazada VERB  ROOT    3  reemplazar
        por         ADP   case    5
        Luis        PROPN obl     3
        Pérez       PROPN flat    5
        .           PUNCT punct   3
    """, ents=((0, 2, "PER"), (5, 7, "PER")))
    found = Extraction("es", doc)
    [action] = found.of_class("OtherAction")
    assert action.lemmas == (("en", "replace"), ("es", "reemplazar"))
    assert found.roles(action.local_id, "participant") == {"person-ana-diaz", "person-luis-perez"}


def test_an_act_no_entity_or_event_takes_part_in_is_no_event_en():
    # "the report was published": by whom, of what, the clause does not say.
    doc = parse_table("en", """
        The       DET   det       1
        report    NOUN  nsubjpass 3
        was       AUX   auxpass   3  be
        published VERB  ROOT      3  publish
        .         PUNCT punct     3
    """)
    assert not Extraction("en", doc).of_class("OtherAction")


def test_an_act_that_names_nobody_is_one_when_its_clause_dates_it_en():
    doc = parse_table("en", """
        The       DET   det       1
        documents NOUN/NNS nsubjpass 3 document
        were      AUX   auxpass   3  be
        published VERB/VBN ROOT   3  publish
        on        ADP   prep      3
        3         NUM   nummod    6
        April     PROPN pobj      4
        2016      NUM   nummod    6
        .         PUNCT punct     3
    """)
    found = Extraction("en", doc, [date(doc, "3 April 2016", "2016-04-03")])
    [action] = found.of_class("OtherAction")
    assert action.lemmas == (("en", "publish"), ("es", "publicar"))
    assert action.date.lexical == "2016-04-03"


def test_an_act_that_names_nobody_is_one_when_its_clause_dates_it_es():
    doc = parse_table("es", """
        El        DET   det    1
        módulo    NOUN  nsubj  3
        se        PRON  expl:pv 3
        acopló    VERB  ROOT   3  acoplar
        al        ADP   case   5
        orbitador NOUN  obl    3
        el        DET   det    7
        6         NUM   obl    3
        de        ADP   case   9
        junio     NOUN  nmod   7
        .         PUNCT punct  3
    """)
    found = Extraction("es", doc, [date(doc, "6 de junio", "--06-06", "gMonthDay")])
    [action] = found.of_class("OtherAction")
    assert action.lemmas == (("en", "dock"), ("es", "acoplar"))


def test_an_act_joined_to_a_dated_one_shares_its_date_en():
    doc = parse_table("en", """
        The         DET   det    1
        module      NOUN  nsubj  2
        docked      VERB/VBD ROOT 2 dock
        on          ADP   prep   2
        6           NUM   nummod 5
        June        PROPN pobj   3
        2024        NUM   nummod 5
        and         CCONJ cc     2
        transferred VERB/VBD conj 2 transfer
        the         DET   det    10
        samples     NOUN/NNS dobj 8 sample
        .           PUNCT punct  2
    """)
    found = Extraction("en", doc, [date(doc, "6 June 2024", "2024-06-06")])
    actions = found.of_class("OtherAction")
    assert sorted((dict(a.lemmas)["en"], a.date.lexical) for a in actions) == [("dock", "2024-06-06"), ("transfer", "2024-06-06")]


@pytest.mark.parametrize(("noun", "launched"), [("satellite", True), ("offensive", False)])
def test_a_launch_is_an_act_unless_what_is_launched_is_an_event_en(noun, launched):
    doc = parse_table("en", f"""
        The       DET   det       1
        {noun:9} NOUN  nsubjpass 3
        was       AUX   auxpass   3  be
        launched  VERB/VBN ROOT   3  launch
        on        ADP   prep      3
        3         NUM   nummod    6
        May       PROPN pobj      4
        2024      NUM   nummod    6
        .         PUNCT punct     3
    """)
    found = Extraction("en", doc, [date(doc, "3 May 2024", "2024-05-03")])
    assert [dict(a.lemmas)["en"] for a in found.of_class("OtherAction")] == (["launch"] if launched else [])


@pytest.mark.parametrize(
    ("lang", "table", "ents", "operators"),
    [
        ("en", """
            Orlav    PROPN compound 2
            Air      PROPN compound 2
            flight   NOUN  nsubj    4
            302      NUM   nummod   2
            crashed  VERB/VBD ROOT  4  crash
            .        PUNCT punct    4
        """, ((0, 2, "ORG"),), {"organization-orlav-air"}),
        ("es", """
            El       DET   det      1  el
            vuelo    NOUN  nsubj    6
            302      NUM   nummod   1
            de       ADP   case     4
            Orlav    PROPN nmod     1
            se       PRON  obj      6  él
            estrelló VERB  ROOT     6  estrellar
            .        PUNCT punct    6
        """, ((4, 5, "ORG"),), {"organization-orlav"}),
        # A body named beside the vehicle but not in its name takes no part by it.
        ("en", """
            The      DET   det      1
            flight   NOUN  nsubj    2
            crashed  VERB/VBD ROOT  2  crash
            near     ADP   prep     2
            Orlav    PROPN pobj     3
            .        PUNCT punct    2
        """, ((4, 5, "ORG"),), set()),
    ],
)
def test_the_body_a_crashed_vehicle_is_named_after_took_part_in_the_crash(lang, table, ents, operators):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("TransportAccident", "participant") == operators


def test_a_date_of_another_clause_does_not_date_an_act_en():
    # The date is the talks' end, not the day the report came out.
    doc = parse_table("en", """
        The       DET   det       1
        report    NOUN  nsubjpass 3
        was       AUX   auxpass   3  be
        published VERB/VBN ROOT   3  publish
        after     ADP   prep      3
        talks     NOUN/NNS pobj   4  talk
        that      PRON  nsubj     7
        ended     VERB/VBD relcl  5  end
        on        ADP   prep      7
        3         NUM   nummod    10
        April     PROPN pobj      8
        2016      NUM   nummod    10
        .         PUNCT punct     3
    """)
    assert not Extraction("en", doc, [date(doc, "3 April 2016", "2016-04-03")]).of_class("OtherAction")


def test_a_dated_act_of_one_named_party_still_needs_another_en():
    # "Acme published the report on 3 April 2016": a single party's act is what
    # the classes of their own tell (a statement, a vote), not an other action.
    doc = parse_table("en", """
        Acme      PROPN nsubj  1
        published VERB/VBD ROOT 1 publish
        the       DET   det    3
        report    NOUN  dobj   1
        on        ADP   prep   1
        3         NUM   nummod 6
        April     PROPN pobj   4
        2016      NUM   nummod 6
        .         PUNCT punct  1
    """, ents=((0, 1, "ORG"),))
    assert not Extraction("en", doc, [date(doc, "3 April 2016", "2016-04-03")]).of_class("OtherAction")


def test_an_appeal_to_something_is_no_appeal_es():
    # "apeló a la huelga" calls on a strike; "apeló la sentencia" goes to court.
    doc = parse_table("es", """
        Ana     PROPN nsubj  2
        Díaz    PROPN flat   0
        apeló   VERB  ROOT   2  apelar
        a       ADP   case   5
        la      DET   det    5  el
        huelga  NOUN  obj    2
        .       PUNCT punct  2
    """, ents=((0, 2, "PER"),))
    assert not Extraction("es", doc).of_class("OtherAction")


def test_a_relative_clause_in_the_present_tells_no_act_en():
    # "Acme, which is funded by Initech, …": what Acme is, not what was done.
    doc = parse_table("en", """
        Acme     PROPN nsubj     7
        ,        PUNCT punct     0
        which    PRON/WDT nsubjpass 4
        is       AUX   auxpass   4  be
        funded   VERB  relcl     0  fund
        by       ADP   agent     4
        Initech  PROPN pobj      5
        grew     VERB  ROOT      7  grow
        .        PUNCT punct     7
    """, ents=((0, 1, "ORG"), (6, 7, "ORG")))
    assert not Extraction("en", doc).of_class("OtherAction")


def test_two_acts_of_two_verbs_are_two_events_en():
    doc = parse_table("en", """
        Ana        PROPN compound 1
        Diaz       PROPN nsubj    2
        appealed   VERB  ROOT     2  appeal
        the        DET   det      4
        verdict    NOUN  dobj     2
        .          PUNCT punct    2
        Crowds     NOUN  nsubj    7  crowd
        celebrated VERB  ROOT     7  celebrate
        the        DET   det      9
        verdict    NOUN  dobj     7
        .          PUNCT punct    7
    """, ents=((0, 2, "PERSON"),))
    found = Extraction("en", doc)
    actions = found.of_class("OtherAction")
    assert sorted(dict(a.lemmas)["en"] for a in actions) == ["appeal", "celebrate"]
    [appeal] = [a for a in actions if dict(a.lemmas)["en"] == "appeal"]
    assert found.roles(appeal.local_id, "participant") == {"person-ana-diaz"}


# --------------------------------------------------------------------------
# Named storms, crashes, and the town a named building is in


def test_a_storm_word_before_a_name_names_the_event_en():
    doc = parse_table("en", """
        Storm  NOUN  compound 1  storm
        Daniel PROPN nsubj    2
        hit    VERB  ROOT     2  hit
        Libya  PROPN dobj     2
        and    CCONJ cc       3
        Greece PROPN conj     3
        in     ADP   prep     2
        2023   NUM   pobj     6
        .      PUNCT punct    2
    """)
    found = Extraction("en", doc, [date(doc, "2023", "2023", "gYear")])
    [storm] = found.of_class("Storm")
    assert storm.name == "Storm Daniel"
    assert storm.date.lexical == "2023"


def test_a_storm_word_qualifying_a_common_noun_is_no_storm_en():
    doc = parse_table("en", """
        The    DET   det      2
        storm  NOUN  compound 2
        drain  NOUN  nsubj    3
        broke  VERB  ROOT     3  break
        .      PUNCT punct    3
    """)
    assert not Extraction("en", doc).of_class("Storm")


def test_a_vehicle_that_crashed_is_a_transport_accident_and_markets_are_not_en():
    plane = parse_table("en", """
        The    DET   det    1
        plane  NOUN  nsubj  2
        crashed VERB ROOT   2  crash
        .      PUNCT punct  2
    """)
    [accident] = Extraction("en", plane).of_class("TransportAccident")
    assert [e.text for e in accident.evidence] == ["crashed"]
    markets = parse_table("en", """
        The     DET   det    1
        markets NOUN/NNS nsubj 2 market
        crashed VERB  ROOT   2  crash
        .       PUNCT punct  2
    """)
    assert not Extraction("en", markets).of_class("TransportAccident")


def test_a_firestorm_of_criticism_is_no_fire_en():
    doc = parse_table("en", """
        The       DET   det    1
        firestorm NOUN  nsubj  5
        of        ADP   prep   1
        criticism NOUN  pobj   2
        has       AUX   aux    5  have
        grown     VERB  ROOT   5  grow
        .         PUNCT punct  5
    """)
    assert not Extraction("en", doc).of_class("Fire")


@pytest.mark.parametrize(("noun", "lemma", "summits"), [
    # "en el parque natural de Cumbre Olmo": the place's name, which an event noun opens.
    ("parque", "parque", 0),
    # "en la reunión de Cumbre Olmo": no place's noun, the name is the summit's.
    ("reunión", "reunión", 1),
])
def test_a_name_an_event_noun_opens_is_a_places_after_a_place_noun_es(noun, lemma, summits):
    doc = parse_table("es", f"""
        Hubo      VERB  ROOT   0  haber
        sismos    NOUN  obj    0  sismo
        en        ADP   case   4
        el        DET   det    4  el
        {noun}    NOUN  obl    0  {lemma}
        natural   ADJ   amod   4
        de        ADP   case   7
        Cumbre    PROPN nmod   4
        Olmo      PROPN flat   7
        .         PUNCT punct  0
    """, ents=((7, 9, "LOC"),))
    assert len(Extraction("es", doc).of_class("Summit")) == summits


def test_an_event_at_a_named_building_is_also_in_its_town_en():
    doc = parse_table("en", """
        The      DET   det       1
        summit   NOUN  nsubjpass 3
        was      AUX   auxpass   3  be
        held     VERB  ROOT      3  hold
        at       ADP   prep      3
        the      DET   det       7
        Capella  PROPN compound  7
        Hotel    PROPN pobj      4
        in       ADP   prep      7
        Lyon     PROPN pobj      8
        between  ADP   prep      1
        Acme     PROPN pobj      10
        and      CCONJ cc        11
        Initech  PROPN conj      11
        .        PUNCT punct     3
    """, ents=((6, 8, "FAC"), (9, 10, "GPE"), (11, 12, "ORG"), (13, 14, "ORG")))
    found = Extraction("en", doc)
    [summit] = found.of_class("Summit")
    places = found.roles(summit.local_id, "location")
    assert len(places) == 2 and any("lyon" in p for p in places) and any("capella" in p for p in places)


def test_an_event_in_a_town_is_not_also_in_the_town_s_country_en():
    # The town a building is in says where; the country a town is in is no
    # place the text gives the event.
    doc = parse_table("en", """
        The      DET   det       1
        summit   NOUN  nsubjpass 3
        was      AUX   auxpass   3  be
        held     VERB  ROOT      3  hold
        in       ADP   prep      3
        Lyon     PROPN pobj      4
        in       ADP   prep      5
        France   PROPN pobj      6
        between  ADP   prep      1
        Acme     PROPN pobj      8
        and      CCONJ cc        9
        Initech  PROPN conj      9
        .        PUNCT punct     3
    """, ents=((5, 6, "GPE"), (7, 8, "GPE"), (9, 10, "ORG"), (11, 12, "ORG")))
    found = Extraction("en", doc)
    [summit] = found.of_class("Summit")
    places = found.roles(summit.local_id, "location")
    assert any("lyon" in p for p in places)
    assert not any("france" in p for p in places)


def test_a_person_arrested_in_the_passive_is_arrested_es():
    # "Ana Díaz fue detenida": the parser makes the passive's subject a plain subject.
    doc = parse_table("es", """
        Ana      PROPN nsubj  3
        Díaz     PROPN flat   0
        fue      AUX   aux    3  ser
        detenida VERB  ROOT   3  detener
        en       ADP   case   5
        Lyon     PROPN obl    3
        .        PUNCT punct  3
    """, ents=((0, 2, "PER"), (5, 6, "LOC")))
    found = Extraction("es", doc)
    [arrest] = found.of_class("Arrest")
    assert found.roles(arrest.local_id, "participant") == {"person-ana-diaz"}
    assert any("lyon" in p for p in found.roles(arrest.local_id, "location"))


def test_a_thing_stopped_is_no_arrest_es():
    doc = parse_table("es", """
        El       DET   det    1  el
        tren     NOUN  nsubj  3
        fue      AUX   aux    3  ser
        detenido VERB  ROOT   3  detener
        .        PUNCT punct  3
    """)
    assert not Extraction("es", doc).of_class("Arrest")


# --------------------------------------------------------------------------
# "The next day", "al día siguiente"


EN_NEXT_DAY = """
    Police   NOUN  nsubj    1  police
    arrested VERB  ROOT     1  arrest
    Ana      PROPN compound 3
    Diaz     PROPN dobj     1
    on       ADP   prep     1
    3        NUM   pobj     4
    May      PROPN appos    5
    2021     NUM   nummod   5
    .        PUNCT punct    1
    The      DET   det      11
    {word}   ADJ   amod     11
    day      NOUN  npadvmod 15
    ,        PUNCT punct    15
    Ana      PROPN compound 14
    Diaz     PROPN nsubj    15
    resigned VERB  ROOT     15 resign
    .        PUNCT punct    15
"""


@pytest.mark.parametrize(("word", "day"), [("next", "2021-05-04"), ("following", "2021-05-04"), ("previous", "2021-05-02")])
def test_the_next_day_dates_an_event_from_the_last_day_told_en(word, day):
    doc = parse_table("en", EN_NEXT_DAY.format(word=word), ents=((2, 4, "PERSON"), (13, 15, "PERSON")))
    found = Extraction("en", doc, [date(doc, "3 May 2021", "2021-05-03")])
    [resignation] = found.of_class("Resignation")
    assert resignation.date.lexical == day


def test_the_day_after_a_day_a_count_gave_is_counted_from_that_day_es():
    doc = parse_table("es", """
        El        DET   det    1  el
        3         NUM   obl    6
        de        ADP   case   3
        mayo      NOUN  compound 1
        de        ADP   case   5
        2021      NUM   compound 1
        dimitió   VERB  ROOT   6  dimitir
        Luis      PROPN nsubj  6
        Pérez     PROPN flat   7
        .         PUNCT punct  6
        Dos       NUM   nummod 11 dos
        días      NOUN  obl    16 día
        después   ADV   advmod 11
        ,         PUNCT punct  11
        Ana       PROPN nsubj  16
        Díaz      PROPN flat   14
        dimitió   VERB  ROOT   16 dimitir
        .         PUNCT punct  16
        Al        ADP   case   19 al
        día       NOUN  obl    23
        siguiente ADJ   amod   19
        ,         PUNCT punct  19
        Eva       PROPN nsubj  23
        dimitió   VERB  ROOT   23 dimitir
        .         PUNCT punct  23
    """, ents=((7, 9, "PER"), (14, 16, "PER"), (22, 23, "PER")))
    from beslan_kg.records import Quantity

    found = Extraction("es", doc, [
        date(doc, "3 de mayo de 2021", "2021-05-03"),
        temporal_span(doc, "Dos días", "duration", Quantity(2, "exact", "Dos días"), "days"),
    ])
    by_person = {next(iter(found.roles(e.local_id, "participant"))): e.date.lexical if e.date else None for e in found.of_class("Resignation")}
    assert by_person == {"person-luis-perez": "2021-05-03", "person-ana-diaz": "2021-05-05", "person-eva": "2021-05-06"}


def test_protests_that_broke_out_are_no_explosion_es():
    doc = parse_table("es", """
        Las        DET   det    1  el
        protestas  NOUN  nsubj  2  protesta
        estallaron VERB  ROOT   2  estallar
        en         ADP   case   4
        Lyon       PROPN obl    2
        .          PUNCT punct  2
    """, ents=((4, 5, "LOC"),))
    found = Extraction("es", doc)
    assert not found.of_class("Explosion")
    assert found.of_class("Protest")


def test_an_event_told_after_or_before_a_dated_act_takes_not_its_day_en():
    doc = parse_table("en", """
        After    ADP   prep     6
        the      DET   det      2
        protests NOUN/NNS pobj  0  protest
        ,        PUNCT punct    6
        police   NOUN  nsubj    6
        quickly  ADV   advmod   6
        arrested VERB  ROOT     6  arrest
        Ana      PROPN compound 8
        Diaz     PROPN dobj     6
        on       ADP   prep     6
        3        NUM   pobj     9
        May      PROPN appos    10
        2021     NUM   nummod   10
        .        PUNCT punct    6
    """, ents=((7, 9, "PERSON"),))
    found = Extraction("en", doc, [date(doc, "3 May 2021", "2021-05-03")])
    [arrest] = found.of_class("Arrest")
    [protest] = found.of_class("Protest")
    assert arrest.date.lexical == "2021-05-03"
    assert protest.date is None


def test_a_day_first_set_and_then_changed_is_no_date_of_the_event_es():
    doc = parse_table("es", """
        El           DET   det    1  el
        referéndum   NOUN  nsubj  8
        fue          AUX   aux    8  ser
        convocado    VERB  acl    1  convocar
        inicialmente ADV   advmod 3
        para         ADP   case   7
        el           DET   det    7  el
        26           NUM   obl    3
        celebrado    VERB  ROOT   8  celebrar
        .            PUNCT punct  8
    """)
    found = Extraction("es", doc, [date(doc, "26", "2020-04-26")])
    [referendum] = found.of_class("Referendum")
    assert referendum.date is None


def test_an_act_told_by_its_noun_with_its_own_date_is_an_other_action_en():
    doc = parse_table("en", """
        The       DET   det    2
        political ADJ   amod   2
        reforms   NOUN/NNS nsubj 6 reform
        of        ADP   prep   2
        2014      NUM   pobj   3
        were      AUX   auxpass 6 be
        passed    VERB  ROOT   6  pass
        .         PUNCT punct  6
    """)
    found = Extraction("en", doc, [date(doc, "2014", "2014", "gYear")])
    [reform] = found.of_class("OtherAction")
    assert reform.lemmas == (("en", "reform"), ("es", "reformar"))
    assert reform.date.lexical == "2014"


def test_an_act_told_by_its_noun_is_dated_by_the_clause_of_its_happening_es():
    doc = parse_table("es", """
        El       DET   det    2
        segundo  ADJ   amod   2
        cierre   NOUN  nsubj  4
        se       PRON  obj    4  él
        produjo  VERB  ROOT   4  producir
        el       DET   det    6
        9        NUM   obl    4
        de       ADP   case   8
        febrero  NOUN  compound 6
        de       ADP   case   10
        2018     NUM   nmod   6
        .        PUNCT punct  4
    """)
    found = Extraction("es", doc, [date(doc, "9 de febrero de 2018", "2018-02-09")])
    [closure] = found.of_class("OtherAction")
    assert closure.lemmas == (("en", "close"), ("es", "cerrar"))
    assert closure.date.lexical == "2018-02-09"


def test_an_act_told_by_its_noun_is_not_dated_by_a_clause_of_talk_en():
    # "the closure was discussed on …": the day of the talk, not of a closure.
    doc = parse_table("en", """
        The       DET   det       1
        closure   NOUN  nsubjpass 3
        was       AUX   auxpass   3  be
        discussed VERB/VBN ROOT   3  discuss
        on        ADP   prep      3
        20        NUM   nummod    6
        January   PROPN pobj      4
        2018      NUM   nummod    6
        .         PUNCT punct     3
    """)
    assert not Extraction("en", doc, [date(doc, "20 January 2018", "2018-01-20")]).of_class("OtherAction")


def test_acts_of_one_verb_on_two_days_are_two_events_en():
    doc = parse_table("en", """
        The      DET   det    1
        closure  NOUN  nsubj  2
        began    VERB/VBD ROOT 2 begin
        on       ADP   prep   2
        20       NUM   nummod 5
        January  PROPN pobj   3
        2018     NUM   nummod 5
        .        PUNCT punct  2
        Another  DET   det    9  another
        closure  NOUN  nsubj  10
        began    VERB/VBD ROOT 10 begin
        on       ADP   prep   10
        9        NUM   nummod 13
        February PROPN pobj   11
        2018     NUM   nummod 13
        .        PUNCT punct  10
    """)
    found = Extraction("en", doc, [date(doc, "20 January 2018", "2018-01-20"), date(doc, "9 February 2018", "2018-02-09")])
    closures = found.of_class("OtherAction")
    assert sorted(c.date.lexical for c in closures) == ["2018-01-20", "2018-02-09"]


def test_an_act_told_by_its_noun_without_a_date_is_no_event_es():
    # "apoyó una reforma": an idea, not an act.
    doc = parse_table("es", """
        Ana     PROPN nsubj  2
        Díaz    PROPN flat   0
        apoyó   VERB  ROOT   2  apoyar
        una     DET   det    4  uno
        reforma NOUN  obj    2
        .       PUNCT punct  2
    """, ents=((0, 2, "PER"),))
    assert not Extraction("es", doc).of_class("OtherAction")


def test_a_clause_of_happening_on_an_event_noun_gives_its_day_and_place_es():
    doc = parse_table("es", """
        La         DET   det    1  el
        cumbre     NOUN  nsubj  12
        entre      ADP   case   3
        Acme       PROPN nmod   1
        e          CCONJ cc     5
        Initech    PROPN conj   3
        ,          PUNCT punct  7
        celebrada  VERB  acl    1  celebrar
        en         ADP   case   9
        Lyon       PROPN obl    7
        el         DET   det    11 el
        3          NUM   obl    7
        terminó    VERB  ROOT   12 terminar
        .          PUNCT punct  12
    """, ents=((3, 4, "ORG"), (5, 6, "ORG"), (9, 10, "LOC")))
    found = Extraction("es", doc, [date(doc, "3", "2021-05-03")])
    [summit] = found.of_class("Summit")
    assert summit.date.lexical == "2021-05-03"
    assert any("lyon" in p for p in found.roles(summit.local_id, "location"))


def test_a_flight_that_crashed_is_a_transport_accident_es():
    # "un vuelo chárter que se estrelló": the pronoun stands for the flight.
    doc = parse_table("es", """
        Fue       AUX   cop    2  ser
        un        DET   det    2  uno
        vuelo     NOUN  ROOT   2
        que       PRON  nsubj  5
        se        PRON  obj    5
        estrelló  VERB  acl    2  estrellar
        en        ADP   case   7
        Lyon      PROPN obl    5
        .         PUNCT punct  2
    """, ents=((7, 8, "LOC"),))
    doc[3].set_morph("PronType=Int,Rel")  # as the Spanish tagger reads "que"
    [accident] = Extraction("es", doc).of_class("TransportAccident")
    assert [e.text for e in accident.evidence] == ["estrelló"]


def test_a_verb_joined_to_the_event_s_verb_tells_where_it_struck_en():
    doc = parse_table("en", """
        The     DET   det    1
        storm   NOUN  nsubj  2
        formed  VERB  ROOT   2  form
        at      ADP   prep   2
        sea     NOUN  pobj   3
        and     CCONJ cc     2
        caused  VERB  conj   2  cause
        damage  NOUN  dobj   6
        in      ADP   prep   6
        Lyon    PROPN pobj   8
        .       PUNCT punct  2
    """, ents=((9, 10, "GPE"),))
    found = Extraction("en", doc)
    [storm] = found.of_class("Storm")
    assert any("lyon" in p for p in found.roles(storm.local_id, "location"))


def test_a_verb_joined_with_a_subject_of_its_own_tells_nothing_of_the_event_en():
    doc = parse_table("en", """
        The     DET   det    1
        storm   NOUN  nsubj  2
        formed  VERB  ROOT   2  form
        and     CCONJ cc     2
        police  NOUN  nsubj  5
        waited  VERB  conj   2  wait
        in      ADP   prep   5
        Lyon    PROPN pobj   6
        .       PUNCT punct  2
    """, ents=((7, 8, "GPE"),))
    found = Extraction("en", doc)
    [storm] = found.of_class("Storm")
    assert not found.roles(storm.local_id, "location")


def test_an_event_a_verb_caused_happened_where_the_verb_says_en():
    doc = parse_table("en", """
        Rain    NOUN  nsubj  1  rain
        caused  VERB  ROOT   1  cause
        floods  NOUN/NNS dobj 1 flood
        in      ADP   prep   1
        Lyon    PROPN pobj   3
        .       PUNCT punct  1
    """, ents=((4, 5, "GPE"),))
    found = Extraction("en", doc)
    [flood] = found.of_class("Flood")
    assert any("lyon" in p for p in found.roles(flood.local_id, "location"))


def test_an_event_a_verb_only_reported_takes_not_its_places_en():
    doc = parse_table("en", """
        Ana     PROPN compound 1
        Diaz    PROPN nsubj  2
        reported VERB ROOT   2  report
        floods  NOUN/NNS dobj 2 flood
        in      ADP   prep   2
        Lyon    PROPN pobj   4
        .       PUNCT punct  2
    """, ents=((0, 2, "PERSON"), (5, 6, "GPE")))
    found = Extraction("en", doc)
    [flood] = found.of_class("Flood")
    assert not found.roles(flood.local_id, "location")


def test_an_act_in_the_perfect_is_an_act_en():
    # "has replaced": a present auxiliary, an act done all the same.
    doc = parse_table("en", """
        Acme      PROPN nsubj  2
        has       AUX   aux    2  have
        replaced  VERB  ROOT   2  replace
        Initech   PROPN dobj   2
        .         PUNCT punct  2
    """, ents=((0, 1, "ORG"), (3, 4, "ORG")))
    doc[1].set_morph("Tense=Pres|VerbForm=Fin")
    doc[2].set_morph("Tense=Past|VerbForm=Part")
    [action] = Extraction("en", doc).of_class("OtherAction")
    assert dict(action.lemmas)["es"] in ("reemplazar", "sustituir")


def test_an_act_demanded_in_a_clause_did_not_happen():
    doc = parse_table("en", """
        Protesters  NOUN  nsubj    1  protester
        demanded    VERB  ROOT     1  demand
        that        SCONJ mark     4
        Congress    PROPN nsubj    4
        reject      VERB  ccomp    1
        the         DET   det      6
        result      NOUN  dobj     4
        .           PUNCT punct    1
    """, ents=[(3, 4, "ORG")])
    found = Extraction("en", doc)
    assert found.of_class("Criticism") == []


def test_a_volcano_that_erupted_is_an_eruption_and_protests_that_erupted_are_not_en():
    volcano = parse_table("en", """
        The     DET   det    1
        volcano NOUN  nsubj  2
        erupted VERB  ROOT   2  erupt
        .       PUNCT punct  2
    """)
    [eruption] = Extraction("en", volcano).of_class("VolcanicEruption")
    assert [e.text for e in eruption.evidence] == ["erupted"]
    protests = parse_table("en", """
        Protests NOUN/NNS nsubj 1 protest
        erupted  VERB  ROOT   1  erupt
        .        PUNCT punct  1
    """)
    assert not Extraction("en", protests).of_class("VolcanicEruption")


def test_an_eruption_of_anger_is_no_volcano_es():
    volcano = parse_table("es", """
        El      DET   det    1  el
        volcán  NOUN  nsubj  2
        entró   VERB  ROOT   2  entrar
        en      ADP   case   4
        erupción NOUN obl    2
        .       PUNCT punct  2
    """)
    assert len(Extraction("es", volcano).of_class("VolcanicEruption")) == 1
    anger = parse_table("es", """
        Hubo     VERB  ROOT   0  haber
        una      DET   det    2  uno
        erupción NOUN  obj    0
        de       ADP   case   4
        ira      NOUN  nmod   2
        .        PUNCT punct  0
    """)
    assert not Extraction("es", anger).of_class("VolcanicEruption")


@pytest.mark.parametrize(("lang", "article", "word", "cls"), [
    ("en", "The", "tsunami", "Tsunami"), ("es", "El", "maremoto", "Tsunami"), ("en", "The", "drought", "Drought"),
    ("es", "La", "sequía", "Drought"), ("en", "The", "heatwave", "HeatWave"),
])
def test_a_disaster_noun_names_its_class(lang, article, word, cls):
    verb, lemma = ("struck", "strike") if lang == "en" else ("golpeó", "golpear")
    doc = parse_table(lang, f"""
        {article}  DET   det    1
        {word}     NOUN  nsubj  2
        {verb}     VERB  ROOT   2  {lemma}
        .          PUNCT punct  2
    """)
    assert len(Extraction(lang, doc).of_class(cls)) == 1


# --------------------------------------------------------------------------
# Named storms, their track, and what they became


def test_a_titled_storm_is_told_again_by_its_own_word_where_it_struck_en():
    # "Hurricane" opens the name, and the tagger reads it as a proper noun;
    # "nearly hit" says where the storm did not strike.
    doc = parse_table("en", """
        Hurricane  PROPN compound 1
        Lyra       PROPN nsubj    2
        formed     VERB  ROOT     2  form
        .          PUNCT punct    2
        Lyra       PROPN nsubj    5
        struck     VERB  ROOT     5  strike
        Cuba       PROPN dobj     5
        and        CCONJ cc       5
        nearly     ADV   advmod   9
        hit        VERB  conj     5
        Haiti      PROPN dobj     9
        .          PUNCT punct    5
    """, ents=((6, 7, "GPE"), (10, 11, "GPE")))
    found = Extraction("en", doc)
    [storm] = found.of_class("Storm")
    assert storm.name == "Hurricane Lyra"
    assert [e.text for e in storm.evidence].count("Lyra") == 1
    places = found.roles(storm.local_id, "location")
    assert any("cuba" in p for p in places) and not any("haiti" in p for p in places)


def test_a_storm_named_by_its_word_and_a_name_is_told_again_by_the_name_es():
    doc = parse_table("es", """
        La         DET   det      1  el
        tormenta   NOUN  nsubj    4
        Lyra       PROPN flat     1
        se         PRON  obj      4
        formó      VERB  ROOT     4  formar
        .          PUNCT punct    4
        Lyra       PROPN nsubj    7
        azotó      VERB  ROOT     7  azotar
        Cuba       PROPN obj      7
        ,          PUNCT punct    10
        Haití      PROPN conj     8
        y          CCONJ cc       12
        Jamaica    PROPN conj     8
        .          PUNCT punct    7
    """, ents=((8, 9, "LOC"), (10, 11, "LOC"), (12, 13, "LOC")))
    found = Extraction("es", doc)
    [storm] = found.of_class("Storm")
    assert "Lyra" in [e.text for e in storm.evidence]
    places = found.roles(storm.local_id, "location")
    assert all(any(town in p for p in places) for town in ("cuba", "haiti", "jamaica"))


def test_at_least_one_hurricane_tells_no_storm():
    doc = parse_table("en", """
        The        DET   det      1
        season     NOUN  nsubj    2
        featured   VERB  ROOT     2  feature
        at         ADP   advmod   4
        least      ADV   advmod   5
        one        NUM   nummod   6
        hurricane  NOUN  dobj     2
        .          PUNCT punct    2
    """)
    assert Extraction("en", doc).of_class("Storm") == []


def test_what_a_storm_became_is_the_storm_and_the_day_it_changed_is_not_its_date():
    doc = parse_table("en", """
        Hurricane  PROPN compound 1
        Lyra       PROPN nsubj    2
        formed     VERB  ROOT     2  form
        in         ADP   prep     2
        2019       NUM   pobj     3
        .          PUNCT punct    2
        On         ADP   prep     11
        30         NUM   nummod   8
        August     PROPN pobj     6
        ,          PUNCT punct    11
        Lyra       PROPN nsubj    11
        became     VERB  ROOT     11 become
        a          DET   det      14
        major      ADJ   amod     14
        hurricane  NOUN  attr     11
        .          PUNCT punct    11
    """)
    found = Extraction("en", doc, [date(doc, "2019", "2019", "gYear"), date(doc, "30 August", "2019-08-30")])
    [storm] = found.of_class("Storm")
    assert "hurricane" in [e.text for e in storm.evidence]
    assert storm.date.lexical == "2019"


@pytest.mark.parametrize(("lang", "table", "ents", "towns"), [
    ("en", """
        Warnings   NOUN/NNS nsubjpass 2 warning
        were       AUX   auxpass  2  be
        issued     VERB  ROOT     2  issue
        from       ADP   prep     2
        Cuba       PROPN pobj     3
        to         ADP   prep     2
        Haiti      PROPN pobj     5
        .          PUNCT punct    2
    """, ((4, 5, "GPE"), (6, 7, "GPE")), ("cuba", "haiti")),
    ("es", """
        Se         PRON  obj      1
        emitieron  VERB  ROOT     1  emitir
        alertas    NOUN  nsubj    1  alerta
        para       ADP   case     4
        Cuba       PROPN nmod     2
        .          PUNCT punct    1
    """, ((4, 5, "LOC"),), ("cuba",)),
])
def test_a_warning_is_an_announcement_for_the_places_it_names(lang, table, ents, towns):
    doc = parse_table(lang, table, ents=ents)
    found = Extraction(lang, doc)
    [warning] = found.of_class("Announcement")
    places = found.roles(warning.local_id, "location")
    assert all(any(town in p for p in places) for town in towns)


def test_a_warning_for_no_place_is_no_announcement():
    doc = parse_table("en", """
        It         PRON  nsubj    1
        struck     VERB  ROOT     1  strike
        without    ADP   prep     1
        warning    NOUN  pobj     2
        .          PUNCT punct    1
    """)
    assert Extraction("en", doc).of_class("Announcement") == []


def test_two_named_events_of_one_class_told_undated_stay_two():
    # "the Enron scandal and Madoff investment scandal"
    doc = parse_table("en", """
        Critics    NOUN/NNS nsubj 1 critic
        recalled   VERB  ROOT     1  recall
        the        DET   det      4
        Enron      PROPN compound 4
        scandal    NOUN  dobj     1
        and        CCONJ cc       4
        Madoff     PROPN compound 7
        investment NOUN  compound 8
        scandal    NOUN  conj     4
        .          PUNCT punct    1
    """, ents=((3, 4, "ORG"),))
    names = sorted(e.name for e in Extraction("en", doc).of_class("Scandal"))
    assert names == ["Enron scandal", "Madoff investment scandal"]


@pytest.mark.parametrize(("obj", "sanctions"), [("assets", 1), ("project", 0)])
def test_freezing_assets_is_a_sanction_freezing_a_project_is_not(obj, sanctions):
    doc = parse_table("en", f"""
        The        DET   det      1
        regulator  NOUN  nsubj    2
        froze      VERB  ROOT     2  freeze
        the        DET   det      4
        {obj}      NOUN  dobj     2  {obj.rstrip("s")}
        .          PUNCT punct    2
    """)
    assert len(Extraction("en", doc).of_class("Sanction")) == sanctions


@pytest.mark.parametrize(("agent", "cls"), [("regulator", "Sanction"), ("court", "CourtRuling")])
def test_a_fine_is_a_sanction_unless_a_court_imposes_it_en(agent, cls):
    # "fined Halden Bank $2 million": the parser makes the one fined the first of two objects.
    doc = parse_table("en", f"""
        The        DET   det      1
        {agent:<10} NOUN  nsubj    2
        fined      VERB  ROOT     2  fine
        Halden     PROPN compound 4
        Bank       PROPN dative   2
        $          SYM   quantmod 7
        2          NUM   compound 7
        million    NUM   dobj     2
        .          PUNCT punct    2
    """, ents=((3, 5, "ORG"),))
    assert [e.event_class for e in Extraction("en", doc).events.values()] == [cls]


@pytest.mark.parametrize("prep", ["on", "against"])
def test_who_a_sanction_is_on_takes_part_in_it_en(prep):
    # "The regulator imposed sanctions on Halden Bank.": "on" is a word of the rules, not YAML's yes.
    doc = parse_table("en", f"""
        The        DET   det      1
        regulator  NOUN  nsubj    2
        imposed    VERB  ROOT     2  impose
        sanctions  NOUN  dobj     2  sanction
        {prep:<10} ADP   prep     3
        Halden     PROPN compound 6
        Bank       PROPN pobj     4
        .          PUNCT punct    2
    """, ents=((5, 7, "ORG"),))
    found = Extraction("en", doc)
    [sanction] = found.of_class("Sanction")
    assert found.roles(sanction.local_id, "participant") == {"organization-halden-bank"}


@pytest.mark.parametrize(("lang", "table", "ents", "sides"), [
    # "The strike by the Varnholt Guild against Halden Studios quickly began."
    ("en", """
        The       DET   det      1
        strike    NOUN  nsubj    10
        by        ADP   prep     1
        the       DET   det      5
        Varnholt  PROPN compound 5
        Guild     PROPN pobj     2
        against   ADP   prep     1
        Halden    PROPN compound 8
        Studios   PROPN pobj     6
        quickly   ADV   advmod   10
        began     VERB  ROOT     10 begin
        .         PUNCT punct    10
    """, ((4, 6, "ORG"), (7, 9, "ORG")), {"organization-varnholt-guild", "organization-halden-studios"}),
    # "La huelga de Varnholt contra Halden Studios empezó."
    ("es", """
        La        DET   det    1 el
        huelga    NOUN  nsubj  7
        de        ADP   case   3
        Varnholt  PROPN nmod   1
        contra    ADP   case   5
        Halden    PROPN nmod   1
        Studios   PROPN flat   5
        empezó    VERB  ROOT   7 empezar
        .         PUNCT punct  7
    """, ((3, 4, "ORG"), (5, 7, "ORG")), {"organization-varnholt", "organization-halden-studios"}),
])
def test_both_sides_of_a_strike_take_part_in_it(lang, table, ents, sides):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Strike", "participant") == sides


def test_a_verb_joined_to_a_passive_befalls_its_subject_en():
    # "Ana Varga was arrested and charged with fraud.": the charge is hers too.
    doc = parse_table("en", """
        Ana       PROPN compound  1
        Varga     PROPN nsubjpass 3
        was       AUX   auxpass   3  be
        arrested  VERB  ROOT      3  arrest
        and       CCONJ cc        3
        charged   VERB  conj      3  charge
        with      ADP   prep      5
        fraud     NOUN  pobj      6
        .         PUNCT punct     3
    """, ents=[(0, 2, "PERSON")])
    found = Extraction("en", doc)
    [charge] = found.of_class("Charge")
    assert found.roles(charge.local_id, "participant") == {"person-ana-varga"}


@pytest.mark.parametrize(("subject", "charges"), [("He", 1), ("It", 0)])
def test_a_person_s_pronoun_charged_is_charged_en(subject, charges):
    doc = parse_table("en", f"""
        {subject:<9} PRON  nsubjpass 2  {subject.lower()}
        was       AUX   auxpass   2  be
        charged   VERB  ROOT      2  charge
        in        ADP   prep      2
        2025      NUM   pobj      3
        .         PUNCT punct     2
    """)
    assert len(Extraction("en", doc).of_class("Charge")) == charges


@pytest.mark.parametrize(("after", "sieges"), [("of Halden", 1), ("ended", 0)])
def test_an_event_word_tagged_a_proper_noun_names_an_event_by_what_it_is_of_en(after, sieges):
    # "the Siege of Halden": capitalised inside its sentence, with an of-phrase naming what it is
    # of, the tagger's proper noun is the event's noun; alone ("the Siege ended"), a common word capitalised.
    rest = """
        of       ADP   prep   3
        Halden   PROPN pobj   4
        ended    VERB  ROOT   6  end
        .        PUNCT punct  6
    """ if after.startswith("of") else """
        ended    VERB  ROOT   4  end
        .        PUNCT punct  4
    """
    doc = parse_table("en", f"""
        Troops   NOUN  nsubj  1  troop
        recalled VERB  ROOT   1  recall
        the      DET   det    3
        Siege    PROPN dobj   1  siege
    """ + rest)
    assert len(Extraction("en", doc).of_class("HostageCrisis")) == sieges


def test_an_event_word_after_its_ordinal_is_a_named_event_es():
    doc = parse_table("es", """
        El       DET   det    1  el
        III      PROPN nsubj  6
        Asedio   PROPN flat   1  Asedio
        de       ADP   case   5
        las      DET   det    5  el
        Islas    PROPN flat   1
        terminó  VERB  ROOT   6  terminar
        .        PUNCT punct  6
    """)
    assert len(Extraction("es", doc).of_class("HostageCrisis")) == 1

def test_filing_for_bankruptcy_is_an_act_of_its_verb_en():
    doc = parse_table("en", """
        Acme       PROPN nsubj    3
        and        CCONJ cc       0
        Initech    PROPN conj     0
        filed      VERB  ROOT     3  file
        for        ADP   prep     3
        bankruptcy NOUN  pobj     4
        .          PUNCT punct    3
    """, ents=((0, 1, "ORG"), (2, 3, "ORG")))
    [action] = Extraction("en", doc).of_class("OtherAction")
    assert dict(action.lemmas)["en"] == "file for bankruptcy"


def test_a_sentence_saying_what_the_event_was_takes_no_day_from_the_story():
    # "Hurricane Lyra formed in 2019. On 30 August Lyra grew. The storm was
    # the strongest storm.": the last sentence tells no moment of the storm.
    doc = parse_table("en", """
        Hurricane  PROPN compound 1
        Lyra       PROPN nsubj    2
        formed     VERB  ROOT     2  form
        in         ADP   prep     2
        2019       NUM   pobj     3
        .          PUNCT punct    2
        On         ADP   prep     10
        30         NUM   nummod   8
        August     PROPN pobj     6
        Lyra       PROPN nsubj    10
        grew       VERB  ROOT     10 grow
        .          PUNCT punct    10
        The        DET   det      13
        storm      NOUN  nsubj    14
        was        AUX   ROOT     14 be
        the        DET   det      17
        strongest  ADJ   amod     17 strong
        storm      NOUN  attr     14
        .          PUNCT punct    14
    """)
    found = Extraction("en", doc, [date(doc, "2019", "2019", "gYear"), date(doc, "30 August", "2019-08-30")])
    [storm] = found.of_class("Storm")
    assert storm.date.lexical == "2019"


def test_a_span_of_years_in_a_name_gives_its_first_year_es():
    # "la epidemia de África Occidental de 2013-16": named, of 2013.
    doc = parse_table("es", """
        La         DET   det      1  el
        epidemia   NOUN  nsubj    7
        de         ADP   case     3
        África     PROPN nmod     1
        Occidental PROPN flat     3
        de         ADP   case     6
        2013-16    NUM   nmod     3
        terminó    VERB  ROOT     7  terminar
        .          PUNCT punct    7
    """)
    [epidemic] = Extraction("es", doc).of_class("Epidemic")
    assert epidemic.name == "epidemia de África Occidental de 2013-16"
    assert epidemic.date.lexical == "2013"


@pytest.mark.parametrize(("lang", "table", "ents"), [
    ("en", """
        Acme       PROPN nsubj    3
        and        CCONJ cc       0
        Initech    PROPN conj     0
        met        VERB  ROOT     3  meet
        in         ADP   prep     3
        Lyon       PROPN pobj     4
        .          PUNCT punct    3
    """, ((0, 1, "ORG"), (2, 3, "ORG"), (5, 6, "GPE"))),
    ("es", """
        Acme       PROPN nsubj    4
        e          CCONJ cc       2
        Initech    PROPN conj     0
        se         PRON  obj      4
        reunieron  VERB  ROOT     4  reunir
        en         ADP   case     6
        Lyon       PROPN obl      4
        .          PUNCT punct    4
    """, ((0, 1, "ORG"), (2, 3, "ORG"), (6, 7, "LOC"))),
])
def test_two_parties_meeting_each_other_is_a_meeting(lang, table, ents):
    doc = parse_table(lang, table, ents=ents)
    found = Extraction(lang, doc)
    [meeting] = found.of_class("Meeting")
    assert len(found.roles(meeting.local_id, "participant")) == 2
    assert any("lyon" in p for p in found.roles(meeting.local_id, "location"))


def test_the_day_of_a_verb_acting_on_an_event_is_the_verb_s_not_the_event_s():
    # "The pandemic began in December 2019. The WHO declared the pandemic on 11 March 2020."
    doc = parse_table("en", """
        The        DET   det      1
        pandemic   NOUN  nsubj    2
        began      VERB  ROOT     2  begin
        in         ADP   prep     2
        December   PROPN pobj     3
        2019       NUM   nummod   4
        .          PUNCT punct    2
        The        DET   det      8
        WHO        PROPN nsubj    9
        declared   VERB  ROOT     9  declare
        the        DET   det      11
        pandemic   NOUN  dobj     9
        on         ADP   prep     9
        11         NUM   nummod   14
        March      PROPN pobj     12
        2020       NUM   nummod   14
        .          PUNCT punct    9
    """, ents=((8, 9, "ORG"),))
    found = Extraction("en", doc, [date(doc, "December 2019", "2019-12", "gYearMonth"), date(doc, "11 March 2020", "2020-03-11")])
    [pandemic] = found.of_class("Epidemic")
    assert pandemic.date.lexical == "2019-12"
    [declaration] = found.of_class("Announcement")
    assert declaration.date.lexical == "2020-03-11"


@pytest.mark.parametrize(("owner", "label", "collapses"), [("Acme", "ORG", 0), ("Lyon", "GPE", 1)])
def test_the_collapse_of_a_firm_is_no_collapse_of_a_structure(owner, label, collapses):
    # "the collapse of Acme" is a firm failing; "the collapse of the bridge of Lyon" a structure falling.
    doc = parse_table("en", f"""
        The        DET   det      1
        collapse   NOUN  nsubj    4
        of         ADP   prep     1
        {owner}    PROPN pobj     2
        shocked    VERB  ROOT     4  shock
        markets    NOUN/NNS dobj  4  market
        .          PUNCT punct    4
    """, ents=((3, 4, label),))
    assert len(Extraction("en", doc).of_class("Collapse")) == collapses


def test_an_event_word_ending_a_proper_name_is_the_event_s_name():
    words = ("Save", "America")
    doc = parse_table("en", f"""
        Crowds     NOUN/NNS nsubj 1 crowd
        joined     VERB  ROOT     1  join
        the        DET   det      5
        {words[0]} PROPN compound 4
        {words[1]} PROPN compound 5
        March      PROPN dobj     1
        .          PUNCT punct    1
    """)
    [march] = Extraction("en", doc).of_class("Protest")
    assert march.name == "Save America March"


def test_events_listed_by_name_and_year_in_brackets_after_their_word():
    # "two earlier hurricanes (Lyra in 2016, Vega and Orla in 2017)"; a name without its year is not read.
    doc = parse_table("en", """
        It         PRON  nsubj    1
        followed   VERB  ROOT     1  follow
        two        NUM   nummod   4
        earlier    ADJ   amod     4
        hurricanes NOUN/NNS dobj  1  hurricane
        (          PUNCT punct    6
        Lyra       PROPN appos    4
        in         ADP   prep     6
        2016       NUM   pobj     7
        ,          PUNCT punct    6
        Vega       PROPN conj     6
        and        CCONJ cc       10
        Orla       PROPN conj     10
        in         ADP   prep     10
        2017       NUM   pobj     13
        ,          PUNCT punct    6
        and        CCONJ cc       6
        Nova       PROPN conj     6
        )          PUNCT punct    6
        .          PUNCT punct    1
    """, ents=((6, 7, "PERSON"),))
    found = Extraction("en", doc, [date(doc, "2016", "2016", "gYear"), date(doc, "2017", "2017", "gYear")])
    storms = {e.name: e.date.lexical for e in found.of_class("Storm") if e.name}
    assert storms == {"Lyra": "2016", "Vega": "2017", "Orla": "2017"}


def test_a_sentence_going_on_about_a_storm_tells_the_places_it_struck():
    # "Storm Lyra formed at sea. It hit Cuba and nearly hit Haiti."
    doc = parse_table("en", """
        Storm      PROPN compound 1
        Lyra       PROPN nsubj    2
        formed     VERB  ROOT     2  form
        at         ADP   prep     2
        sea        NOUN  pobj     3
        .          PUNCT punct    2
        It         PRON  nsubj    7
        hit        VERB  ROOT     7
        Cuba       PROPN dobj     7
        and        CCONJ cc       7
        nearly     ADV   advmod   11
        hit        VERB  conj     7
        Haiti      PROPN dobj     11
        .          PUNCT punct    7
    """, ents=((8, 9, "GPE"), (12, 13, "GPE")))
    found = Extraction("en", doc)
    [storm] = found.of_class("Storm")
    places = found.roles(storm.local_id, "location")
    assert any("cuba" in p for p in places) and not any("haiti" in p for p in places)


def test_attributing_an_event_to_someone_is_an_accusation_about_it():
    # "Lyon attributed the attack to Acme."
    doc = parse_table("en", """
        Lyon       PROPN nsubj    1
        attributed VERB  ROOT     1  attribute
        the        DET   det      3
        attack     NOUN  dobj     1
        to         ADP   prep     1
        Acme       PROPN pobj     4
        .          PUNCT punct    1
    """, ents=((0, 1, "GPE"), (5, 6, "ORG")))
    found = Extraction("en", doc)
    [accusation] = found.of_class("Accusation")
    [attack] = found.of_class("Attack")
    assert found.roles(accusation.local_id, "concerns") == {attack.local_id}
    assert any("acme" in p for p in found.roles(accusation.local_id, "participant"))


def test_a_phrase_that_ranks_an_event_describes_it_and_never_names_it_en():
    # "the Kansas tornado" names one tornado; "the deadliest Kansas tornado" ranks it among others.
    named = parse_table("en", """
        The     DET   det      2
        Kansas  PROPN compound 2
        tornado NOUN  nsubj    3
        struck  VERB  ROOT     3  strike
        .       PUNCT punct    3
    """)
    assert [e.name for e in Extraction("en", named).of_class("Storm")] == ["Kansas tornado"]
    ranked = parse_table("en", """
        The       DET     det      3
        deadliest ADJ/JJS amod     3  deadly
        Kansas    PROPN   compound 3
        tornado   NOUN    nsubj    4
        struck    VERB    ROOT     4  strike
        .         PUNCT   punct    4
    """)
    assert [e.name for e in Extraction("en", ranked).of_class("Storm")] == [None]


def test_the_worst_quake_of_a_country_is_no_name_es():
    # "el terremoto de Chile" names one; "el peor terremoto de Chile" ranks it among others.
    named = parse_table("es", """
        El         DET   det    1  el
        terremoto  NOUN  nsubj  4
        de         ADP   case   3
        Chile      PROPN nmod   1
        golpeó     VERB  ROOT   4  golpear
        .          PUNCT punct  4
    """)
    assert [e.name for e in Extraction("es", named).of_class("Earthquake")] == ["terremoto de Chile"]
    ranked = parse_table("es", """
        El         DET   det    2  el
        peor       ADJ   amod   2
        terremoto  NOUN  nsubj  5
        de         ADP   case   4
        Chile      PROPN nmod   2
        golpeó     VERB  ROOT   5  golpear
        .          PUNCT punct  5
    """)
    assert [e.name for e in Extraction("es", ranked).of_class("Earthquake")] == [None]


def test_an_imminent_process_of_dismissal_is_no_dismissal_es():
    # "el proceso de destitución comenzó" tells one; "el inminente proceso ..." one to come.
    done = parse_table("es", """
        El          DET   det    1  el
        proceso     NOUN  nsubj  4
        de          ADP   case   3
        destitución NOUN  nmod   1
        comenzó     VERB  ROOT   4  comenzar
        .           PUNCT punct  4
    """)
    assert len(Extraction("es", done).of_class("Dismissal")) == 1
    imminent = parse_table("es", """
        El          DET   det    2  el
        inminente   ADJ   amod   2
        proceso     NOUN  nsubj  5
        de          ADP   case   4
        destitución NOUN  nmod   2
        comenzó     VERB  ROOT   5  comenzar
        .           PUNCT punct  5
    """)
    assert Extraction("es", imminent).of_class("Dismissal") == []


def test_an_election_a_decision_calls_is_not_yet_held_es():
    # "anunció su decisión de convocar a la elección de un nuevo congreso"
    doc = parse_table("es", """
        Castillo   PROPN nsubj  1
        anunció    VERB  ROOT   1  anunciar
        su         DET   det    3
        decisión   NOUN  obj    1
        de         ADP   mark   5
        convocar   VERB  acl    3
        a          ADP   case   8
        la         DET   det    8  el
        elección   NOUN  obl    5
        .          PUNCT punct  1
    """)
    assert Extraction("es", doc).of_class("Election") == []


def test_an_imminent_strike_is_not_yet_one_en():
    done = parse_table("en", """
        Unions    NOUN/NNS nsubj  1  union
        announced VERB  ROOT   1  announce
        a         DET   det    3
        strike    NOUN  dobj   1
        .         PUNCT punct  1
    """)
    assert len(Extraction("en", done).of_class("Strike")) == 1
    doc = parse_table("en", """
        Unions    NOUN/NNS nsubj  1  union
        announced VERB  ROOT   1  announce
        an        DET   det    4
        imminent  ADJ   amod   4
        strike    NOUN  dobj   1
        .         PUNCT punct  1
    """)
    assert Extraction("en", doc).of_class("Strike") == []


def test_what_qualifies_the_first_of_a_list_and_its_container_qualifies_the_others_en():
    # "investigated acts of corruption and scandals" tells scandals; "alleged acts of
    # corruption and scandals" does not: the list fills "acts", which are alleged.
    table = """
        They        PRON     nsubj  1  they
        investigated VERB    ROOT   1  investigate
        {alleged}
        acts        NOUN/NNS dobj   1  act
        of          ADP      prep   {acts}
        corruption  NOUN     pobj   {of}
        and         CCONJ    cc     {corruption}
        scandals    NOUN/NNS conj   {corruption}  scandal
        .           PUNCT    punct  1
    """
    told = parse_table("en", table.format(alleged="", acts=2, of=3, corruption=4))
    assert len(Extraction("en", told).of_class("Scandal")) == 1
    alleged = parse_table("en", table.format(alleged="alleged ADJ amod 3 allege", acts=3, of=4, corruption=5))
    assert Extraction("en", alleged).of_class("Scandal") == []


def test_what_a_body_was_due_to_do_it_did_not_do_en():
    doc = parse_table("en", """
        Parliament PROPN nsubj  1
        was        AUX   ROOT   1  be
        due        ADJ   acomp  1
        to         PART  aux    4
        swear      VERB  xcomp  2
        in         ADP   prt    4
        the        DET   det    7
        members    NOUN/NNS dobj 4  member
        .          PUNCT punct  1
    """)
    assert Extraction("en", doc).of_class("Appointment") == []


def test_holding_elections_is_no_celebration_es():
    doc = parse_table("es", """
        Tras        ADP   case   2
        la          DET   det    2  el
        celebración NOUN  obl    6
        de          ADP   case   5
        las         DET   det    5  el
        elecciones  NOUN  nmod   2  elección
        volvió      VERB  ROOT   6  volver
        la          DET   det    8  el
        calma       NOUN  nsubj  6
        .           PUNCT punct  6
    """)
    assert Extraction("es", doc).of_class("Commemoration") == []


@pytest.mark.parametrize(("complement", "resigns"), [(None, True), ("cargo", True), ("violencia", False)])
def test_renunciar_resigns_alone_or_from_an_office_and_otherwise_gives_something_up_es(complement, resigns):
    rows = """
        Juan       PROPN nsubj  2
        Morales    PROPN flat   0
        renunció   VERB  ROOT   2  renunciar
    """
    if complement:
        rows += f"""
        a          ADP   case   5
        su         DET   det    5
        {complement} NOUN obl   2
    """
    doc = parse_table("es", rows + """
        .          PUNCT punct  2
    """, ents=[(0, 2, "PER")])
    assert bool(Extraction("es", doc).of_class("Resignation")) is resigns


@pytest.mark.parametrize(("agent", "rules"), [("court", True), ("senator", False)])
def test_a_court_that_rejects_an_appeal_rules_on_it_en(agent, rules):
    doc = parse_table("en", f"""
        The      DET   det    1
        {agent}  NOUN  nsubj  2
        rejected VERB  ROOT   2  reject
        the      DET   det    4
        appeal   NOUN  dobj   2
        .        PUNCT punct  2
    """)
    assert bool(Extraction("en", doc).of_class("CourtRuling")) is rules


# --------------------------------------------------------------------------
# Acts of no class told by their nouns, dates said of an event, days told again


def test_a_coup_is_an_act_of_deposing_with_its_day_and_place_en():
    doc = parse_table("en", """
        A        DET   det    1
        coup     NOUN  nsubj  4
        in       ADP   prep   1
        Mali     PROPN pobj   2
        began    VERB  ROOT   4  begin
        on       ADP   prep   4
        18       NUM   nummod 7
        August   PROPN pobj   5
        2020     NUM   nummod 7
        .        PUNCT punct  4
    """, ents=[(3, 4, "GPE")])
    found = Extraction("en", doc, [date(doc, "18 August 2020", "2020-08-18")])
    [coup] = found.of_class("OtherAction")
    # Kept by its verb in both languages, as an action of no class is.
    assert {("en", "depose"), ("es", "deponer")} <= set(coup.lemmas)
    assert coup.date.lexical == "2020-08-18"
    assert len(found.roles(coup.local_id, "location")) == 1


@pytest.mark.parametrize(("prep", "happened"), [("without", False), ("after", True)])
def test_an_event_told_without_happening_is_none_en(prep, happened):
    doc = parse_table("en", f"""
        The       DET   det    1
        minister  NOUN  nsubj  2
        left      VERB  ROOT   2  leave
        office    NOUN  dobj   2
        {prep}    ADP   prep   2
        a         DET   det    6
        coup      NOUN  pobj   4
        .         PUNCT punct  2
    """)
    assert bool(Extraction("en", doc).of_class("OtherAction")) is happened


ES_LEFT_WITHOUT_A_COUP = """
    El        DET   det    1  el
    ministro  NOUN  nsubj  2
    dejó      VERB  ROOT   2  dejar
    el        DET   det    4  el
    cargo     NOUN  obj    2
    sin       ADP   mark   6
    mediar    VERB  advcl  2
    un        DET   det    8  uno
    golpe     NOUN  obj    6
    de        ADP   case   10
    Estado    PROPN nmod   8
    .         PUNCT punct  2
"""

ES_LEFT_AFTER_A_COUP = """
    El        DET   det    1  el
    ministro  NOUN  nsubj  2
    dejó      VERB  ROOT   2  dejar
    el        DET   det    4  el
    cargo     NOUN  obj    2
    tras      ADP   case   7
    un        DET   det    7  uno
    golpe     NOUN  obl    2
    de        ADP   case   9
    Estado    PROPN nmod   7
    .         PUNCT punct  2
"""


@pytest.mark.parametrize(("table", "happened"), [(ES_LEFT_WITHOUT_A_COUP, False), (ES_LEFT_AFTER_A_COUP, True)])
def test_an_event_told_without_happening_is_none_es(table, happened):
    found = Extraction("es", parse_table("es", table)).of_class("OtherAction")
    assert bool(found) is happened
    assert all(("es", "deponer") in e.lemmas for e in found)


def test_a_later_mention_of_the_broader_act_is_the_act_told_es():
    # "El autogolpe de Estado ocurrió el 7 de diciembre de 2022. El golpe de Estado fracasó."
    doc = parse_table("es", """
        El         DET   det      1  el
        autogolpe  NOUN  nsubj    4
        de         ADP   case     3
        Estado     PROPN nmod     1
        ocurrió    VERB  ROOT     4  ocurrir
        el         DET   det      6  el
        7          NUM   obl      4
        de         ADP   case     8
        diciembre  NOUN  compound 6
        de         ADP   case     10
        2022       NUM   compound 6
        .          PUNCT punct    4
        El         DET   det      13 el
        golpe      NOUN  nsubj    16
        de         ADP   case     15
        Estado     PROPN nmod     13
        fracasó    VERB  ROOT     16 fracasar
        .          PUNCT punct    16
    """)
    found = Extraction("es", doc, [date(doc, "7 de diciembre de 2022", "2022-12-07")])
    # A self-coup is a coup: one act, known by either verb.
    [act] = found.of_class("OtherAction")
    assert {("es", "disolver"), ("es", "deponer")} <= set(act.lemmas)
    assert act.date.lexical == "2022-12-07"
    assert [e.text for e in act.evidence] == ["autogolpe de Estado", "golpe de Estado"]


def test_what_a_copula_says_an_event_was_dates_it_en():
    doc = parse_table("en", """
        The      DET   det    1
        strike   NOUN  nsubj  2
        was      AUX   ROOT   2  be
        an       DET   det    4
        action   NOUN  attr   2
        carried  VERB/VBN acl 4  carry
        out      ADP   prt    5
        on       ADP   prep   5
        3        NUM   nummod 9
        May      PROPN pobj   7
        2019     NUM   nummod 9
        .        PUNCT punct  2
    """)
    [strike] = Extraction("en", doc, [date(doc, "3 May 2019", "2019-05-03")]).of_class("Strike")
    assert strike.date.lexical == "2019-05-03"


def test_what_a_copula_says_an_event_was_dates_it_even_an_attempt_es():
    # "La huelga fue un intento de presión realizado el 3 de mayo de 2019": the
    # strike is what was an attempt, not an attempted strike.
    doc = parse_table("es", """
        La         DET   det      1  el
        huelga     NOUN  nsubj    4
        fue        AUX   cop      4  ser
        un         DET   det      4  uno
        intento    NOUN  ROOT     4
        de         ADP   case     6
        presión    NOUN  nmod     4
        realizado  ADJ   amod     6
        el         DET   det      9  el
        3          NUM   obl      7
        de         ADP   case     11
        mayo       NOUN  compound 9
        de         ADP   case     13
        2019       NUM   compound 9
        .          PUNCT punct    4
    """)
    [strike] = Extraction("es", doc, [date(doc, "3 de mayo de 2019", "2019-05-03")]).of_class("Strike")
    assert strike.date.lexical == "2019-05-03"


def test_an_event_named_by_a_name_is_dated_by_the_clause_it_is_the_subject_of_en():
    doc = parse_table("en", """
        The      DET   det      3
        Dover    PROPN compound 3
        Port     PROPN compound 3
        Inquiry  PROPN nsubj    4
        began    VERB  ROOT     4  begin
        on       ADP   prep     4
        14       NUM   nummod   7
        September PROPN pobj    5
        2017     NUM   nummod   7
        .        PUNCT punct    4
    """, ents=[(1, 4, "ORG")])
    [inquiry] = Extraction("en", doc, [date(doc, "14 September 2017", "2017-09-14")]).of_class("Investigation")
    assert inquiry.name == "Dover Port Inquiry"
    assert inquiry.date.lexical == "2017-09-14"


def test_the_same_day_is_the_last_day_told_en():
    doc = parse_table("en", """
        Ana       PROPN compound 1
        Diaz      PROPN nsubj    2
        resigned  VERB  ROOT     2  resign
        on        ADP   prep     2
        7         NUM   nummod   5
        May       PROPN pobj     3
        2020      NUM   nummod   5
        .         PUNCT punct    2
        On        ADP   prep     15
        the       DET   det      11
        same      ADJ   amod     11
        day       NOUN  pobj     8
        ,         PUNCT punct    15
        the       DET   det      14
        police    NOUN  nsubj    15
        arrested  VERB  ROOT     15 arrest
        Luis      PROPN compound 17
        Vega      PROPN dobj     15
        .         PUNCT punct    15
    """, ents=[(0, 2, "PERSON"), (16, 18, "PERSON")])
    found = Extraction("en", doc, [date(doc, "7 May 2020", "2020-05-07")])
    [arrest] = found.of_class("Arrest")
    assert arrest.date.lexical == "2020-05-07"
    assert arrest.date_evidence.text == "same day"


@pytest.mark.parametrize(("object_rows", "ents", "announced"), [
    ("a DET det 5\n state NOUN dobj 3\n of ADP prep 5\n emergency NOUN pobj 6", [(1, 3, "PERSON")], True),
    # "proclaimed Ichkeria a republic"
    ("Ichkeria PROPN dobj 3\n a DET det 6\n republic NOUN oprd 3", [(1, 3, "PERSON"), (4, 5, "GPE")], False),
])
def test_proclaiming_a_state_of_emergency_announces_and_proclaiming_a_named_place_founds_it_en(object_rows, ents, announced):
    doc = parse_table("en", f"""
        Governor   PROPN compound 2
        Ana        PROPN compound 2
        Diaz       PROPN nsubj    3
        proclaimed VERB  ROOT     3  proclaim
        {object_rows}
        .          PUNCT punct    3
    """, ents=ents)
    assert bool(Extraction("en", doc).of_class("Announcement")) is announced


@pytest.mark.parametrize(("subject", "ents", "dismissed"), [("Luis Vega", [(0, 2, "PERSON")], True), ("The debris", None, False)])
def test_a_person_removed_is_dismissed_en(subject, ents, dismissed):
    first, second = subject.split()
    doc = parse_table("en", f"""
        {first}   {"PROPN" if ents else "DET"}  {"compound" if ents else "det"} 1
        {second}  {"PROPN" if ents else "NOUN"} nsubjpass 3
        was       AUX   auxpass 3  be
        removed   VERB  ROOT    3  remove
        from      ADP   prep    3
        office    NOUN  pobj    4
        .         PUNCT punct   3
    """, ents=ents)
    assert bool(Extraction("en", doc).of_class("Dismissal")) is dismissed


def test_a_league_for_a_cause_is_a_body_not_a_competition_en():
    doc = parse_table("en", """
        Members    NOUN  nsubjpass 7  member
        of         ADP   prep      0
        the        DET   det       5
        National   PROPN compound  5
        League     PROPN pobj      1
        for        ADP   prep      5
        Democracy  PROPN pobj      5
        were       AUX   auxpass   7  be
        detained   VERB  ROOT      7  detain
        .          PUNCT punct     7
    """, ents=[(3, 7, "ORG")])
    assert Extraction("en", doc).of_class("SportsEvent") == []


def test_a_case_s_name_names_the_ruling_annulled_dated_by_the_year_after_it_not_the_new_ruling_es():
    doc = parse_table("es", """
        La        DET   det    1  el
        Corte     PROPN nsubj  2
        anuló     VERB  ROOT   2  anular
        el        DET   det    4  el
        24        NUM   obl    2
        de        ADP   case   6
        junio     NOUN  nmod   4
        de        ADP   case   8
        2022      NUM   nmod   6
        los       DET   det    10 el
        casos     NOUN  obj    2  caso
        Tarvisa   PROPN appos  10
        contra    ADP   case   13
        Olmo      PROPN nmod   11
        (         PUNCT punct  15
        1973      NUM   appos  13
        )         PUNCT punct  15
        .         PUNCT punct  2
    """)
    found = Extraction("es", doc, [date(doc, "24 de junio de 2022", "2022-06-24"), date(doc, "1973", "1973", "gYear")])
    # A case a court annuls is the ruling it is known by.
    [case] = [e for e in found.of_class("CourtRuling") if e.name]
    assert case.name == "Tarvisa contra Olmo"
    # The year in brackets after the name is the case's; the clause's day is the new ruling's.
    assert case.date.lexical == "1973"
    [ruling] = [e for e in found.of_class("CourtRuling") if not e.name]
    assert ruling.date.lexical == "2022-06-24"
    assert found.roles(ruling.local_id, "concerns") == {case.local_id}


@pytest.mark.parametrize(
    ("table", "name", "event_class"),
    [
        # A case a court overturns is the ruling it is known by.
        ("""
            The        DET   det    1  the
            court      NOUN  nsubj  2
            overturned VERB  ROOT   2  overturn
            Tarvisa    PROPN dobj   2
            v.         ADP   prep   3
            Olmo       PROPN pobj   4
            .          PUNCT punct  2
        """, "Tarvisa v. Olmo", "CourtRuling"),
        # A case a state brings is a trial...
        ("""
            State      PROPN nsubj  5
            of         ADP   prep   0
            Olmo       PROPN pobj   1
            v.         ADP   prep   0
            Tarvisa    PROPN pobj   3
            began      VERB  ROOT   5  begin
            .          PUNCT punct  5
        """, "State of Olmo v. Tarvisa", "Trial"),
        # ...and any other a lawsuit.
        ("""
            Tarvisa    PROPN nsubj  3
            v.         ADP   prep   0
            Olmo       PROPN pobj   1
            began      VERB  ROOT   3  begin
            .          PUNCT punct  3
        """, "Tarvisa v. Olmo", "Lawsuit"),
    ],
)
def test_a_case_s_name_is_a_lawsuit_a_trial_or_the_ruling_a_court_acts_on_en(table, name, event_class):
    found = Extraction("en", parse_table("en", table))
    assert [(e.name, e.event_class) for e in found.events.values() if e.name] == [(name, event_class)]


@pytest.mark.parametrize(("lang", "table", "ents"), [
    ("es", """
        El         DET   det    1  el
        juicio     NOUN  nsubj  9
        contra     ADP   case   4
        Ana        PROPN flat   4
        Varga      PROPN nmod   1
        ante       ADP   case   7
        la         DET   det    7  el
        Audiencia  PROPN nmod   1
        Nacional   PROPN flat   7
        comenzó    VERB  ROOT   9  comenzar
        .          PUNCT punct  9
    """, ((3, 5, "PER"), (7, 9, "ORG"))),
    ("en", """
        The        DET   det    1
        trial      NOUN  nsubj  7
        in         ADP   prep   1
        the        DET   det    6
        Acme       PROPN compound 6
        District   PROPN compound 6
        Court      PROPN pobj   2
        began      VERB  ROOT   7  begin
        .          PUNCT punct  7
    """, ((4, 7, "ORG"),)),
])
def test_the_court_a_trial_is_held_in_or_before_is_its_court(lang, table, ents):
    # "El juicio contra Ana Varga ante la Audiencia Nacional", "the trial in the Acme District Court".
    court = {"es": "organization-audiencia-nacional", "en": "organization-acme-district-court"}[lang]
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Trial", "court") == {court}


CASE_PARTY_EN = """
    State     PROPN nsubj    6
    of        ADP   prep     0
    Olmo      PROPN pobj     1
    v.        ADP   prep     0
    Ana       PROPN compound 5
    Varga     PROPN pobj     3
    began     VERB  ROOT     6  begin
    .         PUNCT punct    6
    Varga     PROPN nsubj    9
    spoke     VERB  ROOT     9  speak
    .         PUNCT punct    9
"""
CASE_SHORTHAND_EN = """
    State     PROPN nsubj    5
    of        ADP   prep     0
    Olmo      PROPN pobj     1
    v.        ADP   prep     0
    Varga     PROPN pobj     3
    began     VERB  ROOT     5  begin
    .         PUNCT punct    5
    Varga     PROPN nsubj    8
    spoke     VERB  ROOT     8  speak
    .         PUNCT punct    8
"""


@pytest.mark.parametrize(("table", "ents", "participants"), [
    # "State of Olmo v. Ana Varga began. Varga spoke.": a party the model tagged whole took part
    # in the case, and is the one the text names again.
    (CASE_PARTY_EN, ((2, 3, "GPE"), (4, 6, "PERSON"), (8, 9, "PERSON")), {"person-ana-varga"}),
    # "State of Olmo v. Varga began.": a one-word party is the case's shorthand ("Roe v. Wade").
    (CASE_SHORTHAND_EN, ((2, 3, "GPE"), (4, 5, "PERSON"), (7, 8, "PERSON")), set()),
])
def test_a_party_a_case_s_name_holds_took_part_in_it_en(table, ents, participants):
    ctx = article_context("en", parse_table("en", table, ents=ents))
    entities = {e.local_id: e for e in collect_entities(ctx)}
    events, relations, _ = extract_events(ctx)
    assert [e.name for e in events if e.name] == [" ".join(t.text for t in ctx.doc[: 6 if participants else 5])]
    assert {r.object for r in relations if r.predicate == "participant"} == participants
    if participants:
        assert [m.text for m in entities["person-ana-varga"].mentions] == ["Ana Varga", "Varga"]
        # Its words still stand for the case.
        assert ctx.party_of_token[4] == "person-ana-varga" and ctx.entity_of_token[4] == ctx.entity_of_token[0]


def test_a_case_s_name_is_dated_by_what_the_copula_says_it_was_en():
    # "Tarvisa v. Olmo was a criminal case in 2021."
    doc = parse_table("en", """
        Tarvisa    PROPN nsubj  3
        v.         ADP   prep   0
        Olmo       PROPN pobj   1
        was        AUX   ROOT   3  be
        a          DET   det    6
        criminal   ADJ   amod   6
        case       NOUN  attr   3
        in         ADP   prep   6
        2021       NUM   pobj   7
        .          PUNCT punct  3
    """)
    found = Extraction("en", doc, [date(doc, "2021", "2021", "gYear")])
    assert [(e.name, e.date.lexical if e.date else None) for e in found.events.values() if e.name] == [("Tarvisa v. Olmo", "2021")]


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Putin      PROPN nsubj  1
            took       VERB  ROOT   1  take
            office     NOUN  dobj   1
            on         ADP   prep   1
            15         NUM   pobj   3
            August     PROPN npadvmod 4
            2023       NUM   nummod 5
            .          PUNCT punct  1
        """),
        ("es", """
            Putin      PROPN nsubj  1
            asumió     VERB  ROOT   1  asumir
            el         DET   det    3  el
            cargo      NOUN  obj    1
            el         DET   det    5  el
            15         NUM   obl    1
            de         ADP   case   7
            agosto     NOUN  nmod   5
            de         ADP   case   9
            2023       NUM   nmod   7
            .          PUNCT punct  1
        """),
    ],
)
def test_taking_office_is_the_appointment_of_who_takes_it(lang, table):
    doc = parse_table(lang, table)
    day = "15 August 2023" if lang == "en" else "15 de agosto de 2023"
    found = Extraction(lang, doc, [date(doc, day, "2023-08-15")])
    [appointment] = found.of_class("Appointment")
    assert appointment.date.lexical == "2023-08-15"
    assert found.roles(appointment.local_id, "participant") == {"vladimir-putin"}


def test_an_event_noun_the_tagger_called_an_adverb_is_read_as_a_noun_in_a_noun_s_role():
    doc = parse_table("en", """
        The        DET   det      2  the
        COVID-19   NOUN  compound 2  covid-19
        pandemic   ADV   nsubj    3  pandemic
        hit        VERB  ROOT     3  hit
        Peru       PROPN dobj     3
        in         ADP   prep     3
        2020       NUM   pobj     5
        .          PUNCT punct    3
    """)
    found = Extraction("en", doc, [date(doc, "2020", "2020", "gYear")])
    [epidemic] = found.of_class("Epidemic")
    assert [e.text for e in epidemic.evidence] == ["pandemic"]


@pytest.mark.parametrize("tag", ["ADJ", "PROPN"])
def test_an_event_noun_the_tagger_called_an_adjective_or_a_name_is_a_noun_with_a_nouns_modifiers(tag):
    # "the biggest fall since the COVID-19 pandemic": an article and a noun before it make it a noun.
    doc = parse_table("en", f"""
        Sales      NOUN  nsubj    1  sale
        fell       VERB  ROOT     1  fall
        since      ADP   prep     1
        the        DET   det      5
        COVID-19   NOUN  compound 5  covid-19
        pandemic   {tag}  pobj     2  pandemic
        .          PUNCT punct    1
    """)
    [epidemic] = Extraction("en", doc).of_class("Epidemic")
    assert [e.text for e in epidemic.evidence] == ["pandemic"]


def test_an_adjective_beside_its_noun_is_no_event_noun():
    doc = parse_table("en", """
        Pandemic   ADJ   amod     1  pandemic
        rules      NOUN  nsubj    2  rule
        ended      VERB  ROOT     2  end
        .          PUNCT punct    2
    """)
    assert Extraction("en", doc).of_class("Epidemic") == []


@pytest.mark.parametrize(
    ("lang", "table", "accidents"),
    [
        ("en", """
            The      DET   det    1  the
            ferry    NOUN  nsubj  2  ferry
            sank     VERB  ROOT   2  sink
            .        PUNCT punct  2
        """, 1),
        ("en", """
            Shares   NOUN  nsubj  1  share
            sank     VERB  ROOT   1  sink
            .        PUNCT punct  1
        """, 0),
        ("es", """
            El       DET   det    1  el
            buque    NOUN  nsubj  2  buque
            encalló  VERB  ROOT   2  encallar
            .        PUNCT punct  2
        """, 1),
    ],
)
def test_a_vehicle_that_sinks_or_runs_aground_is_an_accident(lang, table, accidents):
    assert len(Extraction(lang, parse_table(lang, table)).of_class("TransportAccident")) == accidents


@pytest.mark.parametrize(
    ("lang", "table", "protests"),
    [
        ("en", """
            Supporters NOUN  nsubj  1  supporter
            marched    VERB  ROOT   1  march
            to         ADP   prep   1
            Lyon       PROPN pobj   2
            .          PUNCT punct  1
        """, 1),
        ("en", """
            Troops     NOUN  nsubj  1  troop
            marched    VERB  ROOT   1  march
            to         ADP   prep   1
            Lyon       PROPN pobj   2
            .          PUNCT punct  1
        """, 0),
        ("es", """
            Miles      NUM   nsubj  3  mil
            de         ADP   case   2
            manifestantes NOUN nmod 0  manifestante
            marcharon  VERB  ROOT   3  marchar
            .          PUNCT punct  3
        """, 1),
    ],
)
def test_people_who_march_protest_troops_do_not(lang, table, protests):
    assert len(Extraction(lang, parse_table(lang, table)).of_class("Protest")) == protests


# --------------------------------------------------------------------------
# Events named to measure another by


COMPARED_EN = """
    On        ADP   prep     6
    20        NUM   nummod   2
    December  PROPN pobj     0
    2021      NUM   nummod   2
    an        DET   det      5
    eruption  NOUN  nsubj    6
    began     VERB  ROOT     6  begin
    .         PUNCT punct    6
    It        PRON  nsubj    9
    was       AUX   ROOT     9  be
    the       DET   det      12
    largest   ADJ/JJS amod   12 large
    eruption  NOUN  attr     9
    since     ADP   prep     12
    the       DET   det      16
    1883      NUM   nummod   16
    eruption  NOUN  pobj     13
    of        ADP   prep     16
    Krakatoa  PROPN pobj     17
    .         PUNCT punct    9
    The       DET   det      21
    eruption  NOUN  nsubjpass 23
    was       AUX   auxpass  23 be
    heard     VERB  ROOT     23 hear
    in        ADP   prep     23
    Alaska    PROPN pobj     24
    .         PUNCT punct    23
"""


def test_an_event_named_to_measure_the_story_s_is_not_what_the_next_sentence_tells():
    # "It was the largest eruption since the 1883 eruption of Krakatoa. The eruption was
    # heard in Alaska.": the eruption heard is the story's, not Krakatoa's.
    doc = parse_table("en", COMPARED_EN, ents=((18, 19, "GPE"), (25, 26, "GPE")))
    found = Extraction("en", doc, [date(doc, "20 December 2021", "2021-12-20"), date(doc, "1883", "1883", "gYear")])
    by_year = {e.date.lexical[:4]: e for e in found.of_class("VolcanicEruption") if e.date is not None}
    assert set(by_year) == {"2021", "1883"}
    assert [(m.start, m.text) for m in by_year["1883"].evidence] == [(doc[15].idx, "1883 eruption")]
    assert (doc[21].idx, "eruption") in [(m.start, m.text) for m in by_year["2021"].evidence]


def test_a_longer_name_of_an_event_measured_by_is_the_same_event():
    # "... since the 1883 eruption of Krakatoa. The eruption was heard in Alaska. The
    # Krakatoa eruption of 1883 was louder.": the name told in the comparison, held by the longer one.
    doc = parse_table("en", COMPARED_EN + """
        The       DET   det      29
        Krakatoa  PROPN compound 29
        eruption  NOUN  nsubj    32
        of        ADP   prep     29
        1883      NUM   pobj     30
        was       AUX   ROOT     32  be
        louder    ADJ/JJR acomp  32  loud
        .         PUNCT punct    32
    """, ents=((18, 19, "GPE"), (25, 26, "GPE"), (28, 29, "GPE")))
    # The temporal matcher dates the year before a noun, not the one after "of".
    year = TemporalSpan(doc[15].idx, doc[15].idx + 4, "1883", "date", TimeValue("1883", "gYear", "1883"))
    found = Extraction("en", doc, [date(doc, "20 December 2021", "2021-12-20"), year])
    [krakatoa] = [e for e in found.of_class("VolcanicEruption") if e.date is not None and e.date.lexical == "1883"]
    assert [m.text for m in krakatoa.evidence] == ["1883 eruption", "Krakatoa eruption of 1883"]


# --------------------------------------------------------------------------
# A person's death


def test_a_named_persons_death_is_an_event_of_its_own():
    # "Ana Varga died on 3 May 2021."
    doc = parse_table("en", """
        Ana    PROPN compound 1
        Varga  PROPN nsubj    2
        died   VERB  ROOT     2  die
        on     ADP   prep     2
        3      NUM   nummod   5
        May    PROPN pobj     3
        2021   NUM   nummod   5
        .      PUNCT punct    2
    """, ents=((0, 2, "PERSON"),))
    found = Extraction("en", doc, [date(doc, "3 May 2021", "2021-05-03")])
    [death] = found.of_class("Death")
    assert death.date.lexical == "2021-05-03"
    assert found.roles(death.local_id, "participant") == {"person-ana-varga"}


def test_a_death_told_in_the_story_of_the_blast_that_killed_is_no_death_of_its_own():
    # "An explosion killed Ana Varga. Varga's death was confirmed.": the death tells the explosion.
    doc = parse_table("en", """
        An         DET   det      1
        explosion  NOUN  nsubj    2
        killed     VERB  ROOT     2  kill
        Ana        PROPN compound 4
        Varga      PROPN dobj     2
        .          PUNCT punct    2
        Varga      PROPN poss     8
        's         PART  case     6
        death      NOUN  nsubjpass 10
        was        AUX   auxpass  10 be
        confirmed  VERB  ROOT     10 confirm
        .          PUNCT punct    10
    """, ents=((3, 5, "PERSON"), (6, 7, "PERSON")))
    found = Extraction("en", doc)
    assert found.of_class("Explosion") and not found.of_class("Death")


# --------------------------------------------------------------------------
# Words of two senses


def test_demand_a_quantity_measures_is_no_ones_demand():
    # "The grid met 25 GW of demand."
    doc = parse_table("en", """
        The     DET   det    1
        grid    NOUN  nsubj  2
        met     VERB  ROOT   2  meet
        25      NUM   nummod 4
        GW      NOUN  dobj   2  gw
        of      ADP   prep   4
        demand  NOUN  pobj   5
        .       PUNCT punct  2
    """)
    assert not Extraction("en", doc).of_class("Demand")


def test_a_named_person_shot_in_an_attack_makes_it_a_shooting():
    # "Ana Varga was assassinated on 7 July 2021. Her husband Luis Varga was shot in the attack."
    doc = parse_table("en", """
        Ana           PROPN compound  1
        Varga         PROPN nsubjpass 3
        was           AUX   auxpass   3  be
        assassinated  VERB  ROOT      3  assassinate
        on            ADP   prep      3
        7             NUM   nummod    6
        July          PROPN pobj      4
        2021          NUM   nummod    6
        .             PUNCT punct     3
        Her           PRON  poss      10
        husband       NOUN  nsubjpass 15
        Luis          PROPN compound  12
        Varga         PROPN appos     10
        was           AUX   auxpass   15 be
        also          ADV   advmod    15
        shot          VERB  ROOT      15 shoot
        in            ADP   prep      15
        the           DET   det       18
        attack        NOUN  pobj      16
        .             PUNCT punct     15
    """, ents=((0, 2, "PERSON"), (11, 13, "PERSON")))
    found = Extraction("en", doc, [date(doc, "7 July 2021", "2021-07-07")])
    [shooting] = found.events.values()
    assert shooting.event_class == "Shooting" and shooting.date.lexical == "2021-07-07"
    assert [e.text for e in shooting.evidence] == ["assassinated", "shot", "attack"]


@pytest.mark.parametrize(("verb", "lemma", "event_class", "told"), [
    # An attack attempted is an attack, whatever came of it.
    ("assassinate", "assassinate", "Attack", True),
    # Resigning attempted is no resignation.
    ("resign", "resign", "Resignation", False),
])
def test_an_act_of_violence_attempted_happened_and_another_act_did_not(verb, lemma, event_class, told):
    # "Ana Varga attempted to <verb> on 1 September 2022." (an object for the attack: "Luis Orte")
    rows = ["Ana        PROPN compound 1", "Varga      PROPN nsubj    2", "attempted  VERB  ROOT     2 attempt",
            "to         PART  aux      4", f"{verb:<10} VERB  xcomp    2 {lemma}"]
    rows += ["Luis       PROPN compound 6", "Orte       PROPN dobj     4"] if told else []
    n = len(rows)
    rows += [f"on         ADP   prep     {4}", f"1          NUM   nummod   {n + 2}", f"September  PROPN pobj     {n}",
             f"2022       NUM   nummod   {n + 2}", ".          PUNCT punct    2"]
    ents = ((0, 2, "PERSON"), (5, 7, "PERSON")) if told else ((0, 2, "PERSON"),)
    doc = parse_table("en", "\n".join(rows), ents=ents)
    found = Extraction("en", doc, [date(doc, "1 September 2022", "2022-09-01")])
    assert bool(found.of_class(event_class)) == told


def test_an_event_a_comparison_names_by_an_article_alone_is_of_the_ranked_nouns_class():
    # "La erupción comenzó el 19 de septiembre de 2021. Es la primera erupción en la isla desde la del
    # Tarvisa en 1971.": "la del Tarvisa" is an eruption, dated by its year.
    doc = parse_table("es", """
        La         DET   det    1  el
        erupción   NOUN  nsubj  2
        comenzó    VERB  ROOT   2  comenzar
        el         DET   det    4
        19         NUM   obl    2
        de         ADP   case   6
        septiembre NOUN  nmod   4
        de         ADP   case   8
        2021       NUM   nmod   4
        .          PUNCT punct  2
        Es         AUX   cop    13 ser
        la         DET   det    13 el
        primera    ADJ   amod   13 primero
        erupción   NOUN  ROOT   13
        en         ADP   case   16
        la         DET   det    16 el
        isla       NOUN  nmod   13
        desde      ADP   case   18
        la         DET   det    13 el
        del        ADP   case   20
        Tarvisa    PROPN nmod   18
        en         ADP   case   22
        1971       NOUN  obl    18
        .          PUNCT punct  13
    """, ents=((20, 21, "LOC"),))
    year = TemporalSpan(doc[22].idx, doc[22].idx + 4, "1971", "date", TimeValue("1971", "gYear", "1971"))
    found = Extraction("es", doc, [date(doc, "19 de septiembre de 2021", "2021-09-19"), year])
    by_year = {e.date.lexical[:4]: e for e in found.of_class("VolcanicEruption")}
    assert set(by_year) == {"2021", "1971"}
    assert found.roles(by_year["1971"].local_id, "location") == {"place-tarvisa"}


@pytest.mark.parametrize(("lang", "table", "ents", "sanctions"), [
    # A person suspended is sanctioned...
    ("es", """
        La        DET   det    1
        FIFA      PROPN nsubj  2
        suspendió VERB  ROOT   2  suspender
        a         ADP   case   4
        Varga     PROPN obj    2
        .         PUNCT punct  2
     """, ((1, 2, "ORG"), (4, 5, "PER")), 1),
    ("en", """
        The       DET   det    1
        league    NOUN  nsubj  2
        banned    VERB  ROOT   2  ban
        Ana       PROPN compound 4
        Varga     PROPN dobj   2
        .         PUNCT punct  2
     """, ((3, 5, "PERSON"),), 1),
    # ...a law suspended by a court is not, though the parser made the court an object.
    ("es", """
        La         DET   det    1
        ley        NOUN  nsubj  3
        fue        AUX   aux    3  ser
        suspendida VERB  ROOT   3  suspender
        por        ADP   case   6
        el         DET   det    6
        Tribunal   PROPN obj    3
        .          PUNCT punct  3
     """, ((6, 7, "ORG"),), 0),
    # ...nor are flights suspended.
    ("es", """
        La        DET   det    1
        aerolínea NOUN  nsubj  2
        suspendió VERB  ROOT   2  suspender
        los       DET   det    4
        vuelos    NOUN  obj    2  vuelo
        .         PUNCT punct  2
     """, (), 0),
])
def test_a_person_or_a_body_suspended_or_banned_is_sanctioned(lang, table, ents, sanctions):
    assert len(Extraction(lang, parse_table(lang, table, ents=ents)).of_class("Sanction")) == sanctions


@pytest.mark.parametrize(("prep", "lawsuits"), [("contra", 1), ("de", 0)])
def test_a_demand_against_someone_is_a_lawsuit_es(prep, lawsuits):
    # "presentó una demanda contra Varga"; "la demanda de Varga" (what Varga asks) is none.
    doc = parse_table("es", f"""
        La        DET   det    1
        Fiscalía  PROPN nsubj  2
        presentó  VERB  ROOT   2  presentar
        una       DET   det    4
        demanda   NOUN  obj    2
        {prep:<9} ADP   case   6
        Varga     PROPN nmod   4
        .         PUNCT punct  2
    """, ents=((1, 2, "ORG"), (6, 7, "PER")))
    assert len(Extraction("es", doc).of_class("Lawsuit")) == lawsuits


@pytest.mark.parametrize(("head", "investigations"), [(1, 1), (3, 1), (None, 0)])
def test_a_probe_is_an_investigation_into_something_en(head, investigations):
    # "Police opened a probe into the attack", the phrase on the noun or, as the parser often hangs it, on
    # the verb; "Police opened a probe" alone may be a craft or a tool.
    into = "" if head is None else f"""
        into      ADP   prep   {head}
        the       DET   det    6
        attack    NOUN  pobj   4
    """
    doc = parse_table("en", """
        Police    NOUN  nsubj  1
        opened    VERB  ROOT   1  open
        a         DET   det    3
        probe     NOUN  dobj   1
    """ + into + f"""
        .         PUNCT punct  1
    """)
    assert len(Extraction("en", doc).of_class("Investigation")) == investigations


@pytest.mark.parametrize(("lang", "table"), [
    ("en", """
        The       DET   det       1
        funeral   NOUN  nsubjpass 5
        of        ADP   prep      1
        Varga     PROPN pobj      2
        was       AUX   auxpass   5  be
        held      VERB  ROOT      5  hold
        .         PUNCT punct     5
     """),
    ("es", """
        Los       DET   det    1
        funerales NOUN  nsubj  4  funeral
        de        ADP   case   3
        Varga     PROPN nmod   1
        fueron    AUX   cop    4  ser
        ayer      ADV   ROOT   4
        .         PUNCT punct  4
     """),
])
def test_a_funeral_is_a_commemoration_of_the_dead(lang, table):
    (funeral,) = Extraction(lang, parse_table(lang, table, ents=((3, 4, "PERSON" if lang == "en" else "PER"),))).of_class("Commemoration")
    assert funeral is not None


@pytest.mark.parametrize(("lang", "table", "ents", "cls"), [
    # A person stabbed is attacked.
    ("es", """
        Varga     PROPN nsubj  1
        apuñaló   VERB  ROOT   1  apuñalar
        a         ADP   case   3
        Halden    PROPN obj    1
        .         PUNCT punct  1
     """, ((0, 1, "PER"), (3, 4, "PER")), "Attack"),
    ("en", """
        Ana       PROPN compound 1
        Varga     PROPN nsubj  2
        stabbed   VERB  ROOT   2  stab
        Olga      PROPN compound 4
        Halden    PROPN dobj   2
        .         PUNCT punct  2
     """, ((0, 2, "PERSON"), (3, 5, "PERSON")), "Attack"),
])
def test_a_person_stabbed_is_attacked(lang, table, ents, cls):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).of_class(cls)


@pytest.mark.parametrize(("verb", "particle", "dated"), [("broke", "out", True), ("broke", "down", False)])
def test_an_event_that_broke_out_on_a_day_is_of_that_day_en(verb, particle, dated):
    # "The Halden fire was a fire that broke out on 15 April 2019": the clause dates the named fire.
    doc = parse_table("en", f"""
        The       DET   det      2
        Halden    PROPN compound 2
        fire      NOUN  nsubj    3
        was       AUX   ROOT     3  be
        a         DET   det      5
        fire      NOUN  attr     3
        that      PRON  nsubj    7
        {verb:<9} VERB  relcl    5  break
        {particle:<9} ADP   prt      7
        on        ADP   prep     7
        15        NUM/CD nummod  11
        April     PROPN/NNP pobj 9
        2019      NUM/CD nummod  11
        .         PUNCT punct    3
    """, ents=((1, 2, "ORG"),))
    found = Extraction("en", doc, [date(doc, "15 April 2019", "2019-04-15")])
    dates = {e.date.lexical if e.date else None for e in found.of_class("Fire")}
    assert ("2019-04-15" in dates) == dated


def test_an_event_noun_filling_a_container_takes_the_date_of_the_container_s_clause_es():
    # "A principios de agosto de 2023 se produjo una serie de incendios": the series stands for the fires.
    doc = parse_table("es", """
        En        ADP   case     1
        agosto    NOUN  obl      5
        de        ADP   case     3
        2023      NUM   compound 1
        se        PRON  obj      5
        produjo   VERB  ROOT     5  producir
        una       DET   det      7
        serie     NOUN  nsubj    5
        de        ADP   case     9
        incendios NOUN  nmod     7  incendio
        .         PUNCT punct    5
    """)
    found = Extraction("es", doc, [date(doc, "agosto de 2023", "2023-08", "gYearMonth")])
    (fire,) = found.of_class("Fire")
    assert fire.date.lexical == "2023-08"


# --------------------------------------------------------------------------
# The day an event ended


ENDED_EN = """
    An        DET   det      1
    outbreak  NOUN  nsubj    2
    began     VERB  ROOT     2  begin
    in        ADP   prep     2
    May       PROPN pobj     3
    2018      NUM   nummod   4
    .         PUNCT punct    2
    The       DET   det      8
    outbreak  NOUN  nsubjpass 10
    was       AUX   auxpass  10 be
    declared  VERB  ROOT     10 declare
    over      ADV   advmod   10
    on        ADP   prep     10
    10        NUM   nummod   14
    June      PROPN pobj     12
    2018      NUM   nummod   14
    .         PUNCT punct    10
"""

ENDED_ES = """
    El        DET   det      1
    brote     NOUN  nsubj    2
    comenzó   VERB  ROOT     2  comenzar
    en        ADP   case     4
    mayo      NOUN  obl      2
    de        ADP   case     6
    2018      NUM   nmod     4
    .         PUNCT punct    2
    El        DET   det      9
    brote     NOUN  nsubj    10
    terminó   VERB  ROOT     10 terminar
    el        DET   det      12
    10        NUM   obl      10
    de        ADP   case     14
    junio     NOUN  nmod     12
    de        ADP   case     16
    2018      NUM   nmod     14
    .         PUNCT punct    10
"""


@pytest.mark.parametrize(("lang", "table", "began", "ended"), [
    ("en", ENDED_EN, ("May 2018", "2018-05", "gYearMonth"), ("10 June 2018", "2018-06-10", "date")),
    ("es", ENDED_ES, ("mayo de 2018", "2018-05", "gYearMonth"), ("10 de junio de 2018", "2018-06-10", "date")),
])
def test_the_day_an_event_is_told_to_have_ended_is_not_when_it_began(lang, table, began, ended):
    # "The outbreak was declared over on 10 June 2018", "El brote terminó el 10 de junio de 2018".
    doc = parse_table(lang, table)
    found = Extraction(lang, doc, [date(doc, *began), date(doc, *ended)])
    assert [e.date.lexical for e in found.of_class("Epidemic")] == ["2018-05"]


UNTIL_ES = """
    El        DET   det      1
    cónclave  NOUN  nsubj    2
    comenzó   VERB  ROOT     2  comenzar
    el        DET   det      4
    7         NUM   obl      2
    de        ADP   case     6
    mayo      NOUN  nmod     4
    de        ADP   case     8
    2025      NUM   nmod     6
    .         PUNCT punct    2
    Hasta     ADP   case     12
    el        DET   det      12
    6         NUM   obl      17
    de        ADP   case     14
    mayo      NOUN  nmod     12
    de        ADP   case     16
    2025      NUM   nmod     14
    había     VERB  ROOT     17 haber
    252       NUM   nummod   19
    cardenales NOUN obj      17 cardenal
    .         PUNCT punct    17
    Dos       NUM   nummod   22
    cardenales NOUN nsubj    24 cardenal
    no        ADV   advmod   24
    participaron VERB ROOT   24 participar
    en        ADP   case     27
    el        DET   det      27
    cónclave  NOUN  obl      24
    .         PUNCT punct    24
"""


def test_a_day_a_period_lasted_until_is_no_moment_of_the_story():
    # "El cónclave comenzó el 7 de mayo de 2025. Hasta el 6 de mayo de 2025 había 252 cardenales. Dos
    # cardenales no participaron en el cónclave.": the conclave told again takes no day from "hasta".
    doc = parse_table("es", UNTIL_ES)
    found = Extraction("es", doc, [date(doc, "7 de mayo de 2025", "2025-05-07"), date(doc, "6 de mayo de 2025", "2025-05-06")])
    assert [e.date.lexical for e in found.of_class("Vote")] == ["2025-05-07"]


STORY_DAY_EN = """
    The      DET   det      1
    strike   NOUN  nsubj    2
    began    VERB  ROOT     2  begin
    on       ADP   prep     2
    2        NUM   nummod   5
    May      PROPN pobj     3
    2023     NUM   nummod   5
    .        PUNCT punct    2
    On       ADP   prep     15
    1        NUM   nummod   10
    May      PROPN pobj     8
    2023     NUM   nummod   10
    ,        PUNCT punct    15
    the      DET   det      14
    union    NOUN  nsubj    15
    voted    VERB  ROOT     15 vote
    .        PUNCT punct    15
    The      DET   det      18
    strike   NOUN  nsubj    19
    spread   VERB  ROOT     19
    .        PUNCT punct    19
"""


def test_the_day_a_story_is_at_does_not_date_an_event_told_again_that_has_a_day_of_its_own():
    # "The strike began on 2 May 2023. On 1 May 2023, the union voted. The strike spread.": the strike
    # told again takes the story's day only where it has none of its own.
    doc = parse_table("en", STORY_DAY_EN)
    found = Extraction("en", doc, [date(doc, "2 May 2023", "2023-05-02"), date(doc, "1 May 2023", "2023-05-01")])
    [strike] = found.of_class("Strike")
    assert strike.date.lexical == "2023-05-02"
    assert len(strike.evidence) == 2
    # Without a day of its own, the strike told again is dated by the story's.
    undated = STORY_DAY_EN.replace("on       ADP   prep     2", "then     ADV   advmod   2")
    doc = parse_table("en", undated)
    [strike] = Extraction("en", doc, [date(doc, "1 May 2023", "2023-05-01")]).of_class("Strike")
    assert strike.date.lexical == "2023-05-01"


ENDED_OBJECT_EN = """
    The      DET   det      1
    siege    NOUN  nsubj    2
    began    VERB  ROOT     2  begin
    on       ADP   prep     2
    1        NUM   nummod   5
    June     PROPN pobj     3
    2001     NUM   nummod   5
    .        PUNCT punct    2
    Troops   NOUN  nsubj    9  troop
    ended    VERB  ROOT     9  end
    the      DET   det      11
    siege    NOUN  dobj     9
    on       ADP   prep     9
    3        NUM   nummod   14
    June     PROPN pobj     12
    2001     NUM   nummod   14
    .        PUNCT punct    9
"""


def test_the_day_an_event_is_ended_is_not_when_it_began_and_still_tells_which_it_is():
    # "The siege began on 1 June 2001. Troops ended the siege on 3 June 2001.": one siege, of 1 June.
    doc = parse_table("en", ENDED_OBJECT_EN)
    found = Extraction("en", doc, [date(doc, "1 June 2001", "2001-06-01"), date(doc, "3 June 2001", "2001-06-03")])
    [siege] = found.of_class("HostageCrisis")
    assert siege.date.lexical == "2001-06-01"
    assert [m.text for m in siege.evidence] == ["siege", "siege"]


NOT_UNTIL_ES = """
    No       ADV   advmod   1  no
    fue      AUX   ROOT     1  ser
    hasta    ADP   case     4
    el       DET   det      4
    10       NUM   obl      10
    de       ADP   case     6
    julio    NOUN  compound 4
    de       ADP   case     8
    2022     NUM   nmod     6
    cuando   PRON  mark     10
    comenzó  VERB  ccomp    1  comenzar
    la       DET   det      12
    ola      NOUN  nsubj    10
    de       ADP   case     14
    calor    NOUN  nmod     12
    .        PUNCT punct    1
"""


@pytest.mark.parametrize(("denied", "dated"), [(True, ["2022-07-10"]), (False, [None])])
def test_a_day_denied_an_until_is_the_moment_itself(denied, dated):
    # "No fue hasta el 10 de julio de 2022 cuando comenzó la ola de calor": it began on 10 July;
    # "Fue hasta el 10 de julio …" tells how long something lasted, no day it began.
    table = NOT_UNTIL_ES if denied else NOT_UNTIL_ES.replace("No       ADV   advmod   1  no", "Sí       ADV   advmod   1  sí")
    doc = parse_table("es", table)
    found = Extraction("es", doc, [date(doc, "10 de julio de 2022", "2022-07-10")])
    assert [e.date.lexical if e.date else None for e in found.of_class("HeatWave")] == dated


# --------------------------------------------------------------------------
# Where an event spread


SPREAD_EN = """
    The        DET   det      1
    outbreak   NOUN  nsubj    2
    began      VERB  ROOT     2  begin
    in         ADP   prep     2
    Tarvo      PROPN pobj     3
    and        CCONJ cc       2
    later      ADV   advmod   7
    spread     VERB  conj     2  spread
    to         ADP   prep     7
    Uldar      PROPN pobj     8
    .          PUNCT punct    2
    The        DET   det      12
    outbreak   NOUN  nsubjpass 14
    was        AUX   auxpass  14 be
    confined   VERB  ROOT     14 confine
    to         ADP   prep     14
    Pelm       PROPN pobj     15
    .          PUNCT punct    14
"""

SPREAD_ES = """
    El         DET   det      1
    brote      NOUN  nsubj    3
    se         PRON  obj      3  él
    extendió   VERB  ROOT     3  extender
    a          ADP   case     5
    Uldar      PROPN obl      3
    .          PUNCT punct    3
"""


@pytest.mark.parametrize(("lang", "table", "ents", "places"), [
    ("en", SPREAD_EN, ((4, 5, "GPE"), (9, 10, "GPE"), (16, 17, "GPE")), {"place-tarvo", "place-uldar", "place-pelm"}),
    ("es", SPREAD_ES, ((5, 6, "LOC"),), {"place-uldar"}),
])
def test_the_places_an_event_spread_to_are_where_it_happened(lang, table, ents, places):
    # "The outbreak began in Tarvo and later spread to Uldar. The outbreak was confined to Pelm.",
    # "el brote se extendió a Uldar".
    doc = parse_table(lang, table, ents=ents)
    assert Extraction(lang, doc).roles_of_the("Epidemic", "location") == places


def test_the_subject_of_a_spanish_passive_is_whom_the_act_befell():
    # "Ana Varga fue asesinada por un sicario": the parser marks the subject a plain one.
    doc = parse_table("es", """
        Ana        PROPN nsubj  3
        Varga      PROPN flat   0
        fue        AUX   aux    3  ser
        asesinada  VERB  ROOT   3  asesinar
        por        ADP   case   6
        un         DET   det    6  uno
        sicario    NOUN  obl    3
        .          PUNCT punct  3
    """, ents=((0, 2, "PER"),))
    doc[3].set_morph("Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part")
    found = Extraction("es", doc)
    assert found.roles_of_the("Attack", "target") == {"person-ana-varga"}
    assert found.roles_of_the("Attack", "perpetrator") == set()


def test_the_subject_of_a_verb_in_progress_is_its_doer_en():
    # "Tarvo Olmo was shooting Ana Varga": "be" before a gerund makes no passive.
    doc = parse_table("en", """
        Tarvo     PROPN compound 1
        Olmo      PROPN nsubj    3
        was       AUX   aux      3  be
        shooting  VERB  ROOT     3  shoot
        Ana       PROPN compound 5
        Varga     PROPN dobj     3
        .         PUNCT punct    3
    """, ents=((0, 2, "PERSON"), (4, 6, "PERSON")))
    doc[3].set_morph("Aspect=Prog|Tense=Pres|VerbForm=Part")
    found = Extraction("en", doc)
    assert found.roles_of_the("Shooting", "perpetrator") == {"person-tarvo-olmo"}
    assert found.roles_of_the("Shooting", "target") == {"person-ana-varga"}


BLAMED_EN = """
    Tarvo      PROPN nsubj  1
    attacked   VERB  ROOT   1  attack
    Olmo       PROPN dobj   1
    .          PUNCT punct  1
    Acme       PROPN nsubj  5
    blamed     VERB  ROOT   5  blame
    Tarvo      PROPN dobj   5
    for        ADP   prep   5
    the        DET   det    9
    attack     NOUN  pobj   7
    .          PUNCT punct  5
"""


@pytest.mark.parametrize(("lang", "table", "ents", "classes"), [
    # "Acme blamed Tarvo for the attack": who is said to have done an event.
    ("en", BLAMED_EN, ((0, 1, "ORG"), (2, 3, "GPE"), (4, 5, "ORG"), (6, 7, "ORG")), {"Accusation"}),
    # "Acme blamed Tarvo for the delays": blame for no event criticises.
    ("en", BLAMED_EN.replace("attack     NOUN  pobj   7", "delays     NOUN  pobj   7  delay"),
     ((0, 1, "ORG"), (2, 3, "GPE"), (4, 5, "ORG"), (6, 7, "ORG")), {"Criticism"}),
    # "Acme culpó a Tarvo del ataque", the phrase hung on the object.
    ("es", """
        Tarvo      PROPN nsubj  1
        atacó      VERB  ROOT   1  atacar
        a          ADP   case   3
        Olmo       PROPN obj    1
        .          PUNCT punct  1
        Acme       PROPN nsubj  6
        culpó      VERB  ROOT   6  culpar
        a          ADP   case   8
        Tarvo      PROPN obj    6
        del        ADP   case   10
        ataque     NOUN  nmod   8
        .          PUNCT punct  6
    """, ((0, 1, "ORG"), (3, 4, "LOC"), (5, 6, "ORG"), (8, 9, "ORG")), {"Accusation"}),
])
def test_blame_for_an_event_is_an_accusation_of_it(lang, table, ents, classes):
    found = Extraction(lang, parse_table(lang, table, ents=ents))
    told = {e.event_class for e in found.events.values()} & {"Accusation", "Criticism"}
    assert told == classes


@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        # "Acme filed a lawsuit against Orlav": the subject of the verb that launches it files it, and
        # the parser hangs "against Orlav" on that verb.
        ("en", """
            Acme      PROPN nsubj  1
            filed     VERB  ROOT   1  file
            a         DET   det    3
            lawsuit   NOUN  dobj   1
            against   ADP   prep   1
            Orlav     PROPN pobj   4
            .         PUNCT punct  1
        """, [(0, 1, "ORG"), (5, 6, "ORG")]),
        ("es", """
            Acme      PROPN nsubj  1
            presentó  VERB  ROOT   1  presentar
            una       DET   det    3  uno
            demanda   NOUN  obj    1
            contra    ADP   case   5
            Orlav     PROPN nmod   3
            .         PUNCT punct  1
        """, [(0, 1, "ORG"), (5, 6, "ORG")]),
    ],
)
def test_who_files_a_lawsuit_and_whom_it_is_against_take_part_in_it(lang, table, ents):
    found = Extraction(lang, parse_table(lang, table, ents=ents))
    assert found.roles_of_the("Lawsuit", "participant") == {"organization-acme", "organization-orlav"}


@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        # "on" places only before a place noun (whose lemma the tagger makes "outskirt"); "on Monday" places nothing.
        ("en", """
            A         DET   det    1
            bomb      NOUN  nsubj  2
            exploded  VERB  ROOT   2  explode
            on        ADP   prep   2
            the       DET   det    5
            outskirts NOUN  pobj   3  outskirt
            of        ADP   prep   5
            Tarvo     PROPN pobj   6
            on        ADP   prep   2
            Monday    PROPN pobj   8
            .         PUNCT punct  2
        """, [(7, 8, "GPE")]),
        # A place noun's of-phrase may be another place noun's: "the edge of the village of Tarvo".
        ("en", """
            A         DET   det    1
            bomb      NOUN  nsubj  2
            exploded  VERB  ROOT   2  explode
            on        ADP   prep   2
            the       DET   det    5
            edge      NOUN  pobj   3
            of        ADP   prep   5
            the       DET   det    8
            village   NOUN  pobj   6
            of        ADP   prep   8
            Tarvo     PROPN pobj   9
            .         PUNCT punct  2
        """, [(10, 11, "GPE")]),
        ("es", """
            Una       DET   det    1  uno
            bomba     NOUN  nsubj  2
            explotó   VERB  ROOT   2  explotar
            en        ADP   case   5
            las       DET   det    5  el
            afueras   NOUN  obl    2  afuera
            de        ADP   case   7
            Tarvo     PROPN nmod   5
            .         PUNCT punct  2
        """, [(7, 8, "LOC")]),
        # A part of a place names it too (`direction_words`).
        ("en", """
            A         DET   det    1
            bomb      NOUN  nsubj  2
            exploded  VERB  ROOT   2  explode
            in        ADP   prep   2
            the       DET   det    5
            northwest NOUN  pobj   3
            of        ADP   prep   5
            Tarvo     PROPN pobj   6
            .         PUNCT punct  2
        """, [(7, 8, "GPE")]),
        # A part of a place between a place noun and the place: "the towns of the centre of Tarvo".
        ("es", """
            Una       DET   det    1  uno
            bomba     NOUN  nsubj  2
            explotó   VERB  ROOT   2  explotar
            en        ADP   case   5
            los       DET   det    5  el
            pueblos   NOUN  obl    2  pueblo
            del       ADP   case   7
            centro    NOUN  nmod   5
            de        ADP   case   9
            Tarvo     PROPN nmod   7
            .         PUNCT punct  2
        """, [(9, 10, "LOC")]),
    ],
)
def test_the_outskirts_edge_or_a_part_of_a_place_are_where_it_happened(lang, table, ents):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Explosion", "location") == {"place-tarvo"}


def test_on_places_nothing_but_before_a_place_noun_en():
    # "on" and a name: a day, a target or a topic, no place.
    found = Extraction("en", parse_table("en", """
        A         DET   det    1
        bomb      NOUN  nsubj  2
        exploded  VERB  ROOT   2  explode
        on        ADP   prep   2
        Tarvo     PROPN pobj   3
        .         PUNCT punct  2
    """, ents=[(4, 5, "GPE")]))
    assert found.roles_of_the("Explosion", "location") == set()


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            The     DET   det    1
            siege   NOUN  nsubj  4
            of      ADP   prep   1
            Tarvo   PROPN pobj   2
            ended   VERB  ROOT   4  end
            .       PUNCT punct  4
        """),
        ("es", """
            El      DET   det    1  el
            asedio  NOUN  nsubj  4
            de      ADP   case   3
            Tarvo   PROPN nmod   1
            terminó VERB  ROOT   4  terminar
            .       PUNCT punct  4
        """),
    ],
)
def test_what_a_siege_is_of_is_its_target(lang, table):
    found = Extraction(lang, parse_table(lang, table, ents=[(3, 4, "GPE" if lang == "en" else "LOC")]))
    assert found.roles_of_the("HostageCrisis", "target") == {"place-tarvo"}


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            The       DET   det    1
            war       NOUN  nsubj  7
            that      PRON/WDT dobj 4
            Orlav     PROPN nsubj  4
            launched  VERB  relcl  1  launch
            in        ADP   prep   4
            Olmo      PROPN pobj   5
            ended     VERB  ROOT   7  end
            .         PUNCT punct  7
        """),
        ("es", """
            La        DET   det    1  el
            guerra    NOUN  nsubj  7
            que       PRON  obj    4
            Orlav     PROPN nsubj  4
            lanzó     VERB  acl    1  lanzar
            en        ADP   case   6
            Olmo      PROPN obl    4
            terminó   VERB  ROOT   7  terminar
            .         PUNCT punct  7
        """),
    ],
)
def test_where_a_clause_says_an_event_was_launched_is_where_it_happened(lang, table):
    found = Extraction(lang, parse_table(lang, table, ents=[(3, 4, "ORG"), (6, 7, "GPE" if lang == "en" else "LOC")]))
    assert found.roles_of_the("War", "location") == {"place-olmo"}


@pytest.mark.parametrize(
    ("lang", "table", "ents", "when", "participle"),
    [
        ("en", """
            People    NOUN  nsubj  1
            gathered  VERB  ROOT   1  gather
            in        ADP   prep   1
            Tarvo     PROPN pobj   2
            during    ADP   prep   1
            a         DET   det    6
            ceremony  NOUN  pobj   4
            .         PUNCT punct  1
        """, [(3, 4, "GPE")], None, None),
        ("es", """
            Cientos   NOUN  nsubj  1  ciento
            marcharon VERB  ROOT   1  marchar
            en        ADP   case   3
            Tarvo     PROPN obl    1
            durante   ADP   case   6
            la        DET   det    6  el
            ceremonia NOUN  obl    1
            .         PUNCT punct  1
        """, [(3, 4, "LOC")], None, None),
        # "Fires spread in Tarvo on the night of 3 May, during the ceremony": the parser hangs
        # the event on the night, which is the verb's.
        ("en", """
            Fires     NOUN  nsubj  1  fire
            spread    VERB  ROOT   1
            in        ADP   prep   1
            Tarvo     PROPN pobj   2
            on        ADP   prep   1
            the       DET   det    6
            night     NOUN  pobj   4
            of        ADP   prep   6
            3         NUM   pobj   7
            May       PROPN npadvmod 8
            ,         PUNCT punct  6
            during    ADP   prep   6
            the       DET   det    13
            ceremony  NOUN  pobj   11
            .         PUNCT punct  1
        """, [(3, 4, "GPE")], "3 May", None),
        # "los hechos ocurridos en Tarvo en la noche del 3 de mayo, durante la ceremonia": the
        # participle the parser made an adjective is the verb; the phrase hangs on its night.
        ("es", """
            Los        DET   det    1  el
            hechos     NOUN  ROOT   1  hecho
            ocurridos  ADJ   amod   1  ocurrido
            en         ADP   case   4
            Tarvo      PROPN obl    2
            en         ADP   case   7
            la         DET   det    7  el
            noche      NOUN  obl    2
            del        ADP   case   9
            3          NUM   nmod   7
            de         ADP   case   11
            mayo       NOUN  compound 9
            ,          PUNCT punct  15
            durante    ADP   case   15
            la         DET   det    15  el
            ceremonia  NOUN  nmod   7
            .          PUNCT punct  1
        """, [(4, 5, "LOC")], "3 de mayo", 2),
    ],
)
def test_where_something_was_done_during_an_event_is_where_the_event_was(lang, table, ents, when, participle):
    # The during-phrase on the verb, or on the verb's time; the verb may be a participle made an adjective.
    doc = parse_table(lang, table, ents=ents)
    if participle is not None:
        doc[participle].set_morph("Gender=Masc|Number=Plur|VerbForm=Part")
    found = Extraction(lang, doc, temporal=[date(doc, when, "--05-03", "gMonthDay")] if when else [])
    assert found.roles_of_the("Commemoration", "location") == {"place-tarvo"}


def test_a_during_phrase_on_a_place_noun_is_not_the_verbs_es():
    # "el ataque a la plaza durante la ceremonia": no time between them, the noun is no verb's time.
    doc = parse_table("es", """
        Hubo       VERB  ROOT   0  haber
        disparos   NOUN  obj    0  disparo
        en         ADP   case   4
        la         DET   det    4  el
        plaza      NOUN  obl    0
        de         ADP   case   6
        Tarvo      PROPN nmod   4
        durante    ADP   case   9
        la         DET   det    9  el
        ceremonia  NOUN  nmod   4
        .          PUNCT punct  0
    """, ents=[(6, 7, "LOC")])
    assert Extraction("es", doc).roles_of_the("Commemoration", "location") == set()


def test_the_phrases_after_a_town_on_a_verb_locate_the_town_not_the_event_en():
    # "a ceremony was held in Beslan in North Ossetia": the region is the town's address.
    found = Extraction("en", parse_table("en", """
        A         DET   det      1
        ceremony  NOUN  nsubjpass 3
        was       AUX   auxpass  3  be
        held      VERB/VBN ROOT  3  hold
        in        ADP   prep     3
        Beslan    PROPN pobj     4
        in        ADP   prep     3
        North     PROPN compound 8
        Ossetia   PROPN pobj     6
        .         PUNCT punct    3
    """, ents=[(5, 6, "GPE"), (7, 9, "GPE")]))
    assert found.roles_of_the("Commemoration", "location") == {"beslan"}


@pytest.mark.parametrize(
    ("lang", "table", "ents", "places"),
    [
        # The parser hangs the event's place on the people the event is for.
        ("es", """
            Se        PRON  obj    1  él
            celebró   VERB  ROOT   1  celebrar
            un        DET   det    3  uno
            homenaje  NOUN  nsubj  1
            a         ADP   case   6
            las       DET   det    6  el
            víctimas  NOUN  nmod   3  víctima
            en        ADP   case   8
            Tarvo     PROPN nmod   6
            .         PUNCT punct  1
        """, [(8, 9, "LOC")], {"place-tarvo"}),
        ("en", """
            The       DET   det    1
            ceremony  NOUN  nsubj  8
            for       ADP   prep   1
            the       DET   det    4
            victims   NOUN  pobj   2  victim
            in        ADP   prep   4
            Tarvo     PROPN pobj   5
            was       AUX   aux    8  be
            moving    ADJ   ROOT   8
            .         PUNCT punct  8
        """, [(6, 7, "GPE")], {"place-tarvo"}),
        # A ranked event is ranked in that place, not put there.
        ("en", """
            It        PRON  nsubj  1
            was       AUX   ROOT   1  be
            the       DET   det    4
            first     ADJ   amod   4
            ceremony  NOUN  attr   1
            for       ADP   prep   4
            victims   NOUN  pobj   5  victim
            in        ADP   prep   6
            Tarvo     PROPN pobj   7
            .         PUNCT punct  1
        """, [(8, 9, "GPE")], set()),
    ],
)
def test_a_place_hung_on_whom_an_event_is_for_is_the_event_s(lang, table, ents, places):
    assert Extraction(lang, parse_table(lang, table, ents=ents)).roles_of_the("Commemoration", "location") == places


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Tarvo     PROPN nsubj  1
            hosted    VERB  ROOT   1  host
            the       DET   det    3
            talks     NOUN/NNS dobj 1  talk
            .         PUNCT punct  1
        """),
        ("en", """
            The       DET   det       1
            talks     NOUN/NNS nsubjpass 3  talk
            were      AUX   auxpass   3  be
            hosted    VERB/VBN ROOT   3  host
            by        ADP   agent     3
            Tarvo     PROPN pobj      4
            .         PUNCT punct     3
        """),
        ("en", """
            Tarvo     PROPN nsubj  1
            was       AUX   ROOT   1  be
            the       DET   det    3
            host      NOUN  attr   1
            of        ADP   prep   3
            the       DET   det    6
            talks     NOUN/NNS pobj 4  talk
            .         PUNCT punct  1
        """),
        ("es", """
            Tarvo     PROPN nsubj  2
            fue       AUX   cop    2  ser
            sede      NOUN  ROOT   2
            de        ADP   case   5
            las       DET   det    5  el
            negociaciones NOUN nmod 2 negociación
            .         PUNCT punct  2
        """),
        ("es", """
            Tarvo     PROPN nsubj  1
            acogió    VERB  ROOT   1  acoger
            las       DET   det    3  el
            negociaciones NOUN obj 1 negociación
            .         PUNCT punct  1
        """),
    ],
)
def test_the_place_that_hosts_an_event_is_where_it_was(lang, table):
    at = next(i for i, line in enumerate(l for l in table.splitlines() if l.strip()) if line.split()[0] == "Tarvo")
    found = Extraction(lang, parse_table(lang, table, ents=[(at, at + 1, "GPE" if lang == "en" else "LOC")]))
    assert found.roles_of_the("Negotiation", "location") == {"place-tarvo"}


def test_the_place_that_hosts_a_named_event_is_where_it_was_en():
    found = Extraction("en", parse_table("en", """
        Tarvo     PROPN nsubj    1
        hosted    VERB  ROOT     1  host
        the       DET   det      5
        2022      NUM   nummod   5
        Olmo      PROPN compound 5
        Cup       PROPN dobj     1
        .         PUNCT punct    1
    """, ents=[(0, 1, "GPE"), (3, 6, "EVENT")]))
    [event] = found.events.values()
    assert found.roles(event.local_id, "location") == {"place-tarvo"}


def test_a_clause_of_launching_an_event_dates_it_whoever_launched_it_en():
    doc = parse_table("en", """
        The       DET   det    1
        war       NOUN  nsubj  8
        that      PRON/WDT dobj 4
        Orlav     PROPN nsubj  4
        launched  VERB  relcl  1  launch
        in        ADP   prep   4
        December  PROPN pobj   5
        1994      NUM   nummod 6
        ended     VERB  ROOT   8  end
        .         PUNCT punct  8
    """, ents=[(3, 4, "ORG")])
    [war] = Extraction("en", doc, [date(doc, "December 1994", "1994-12", "gYearMonth")]).of_class("War")
    assert war.date.lexical == "1994-12"


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        # "with an epicentre near Tarvo" on the verb the event is the subject of.
        ("en", """
            The       DET   det    1
            earthquake NOUN nsubj  2
            struck    VERB  ROOT   2  strike
            with      ADP   prep   2
            an        DET   det    5
            epicentre NOUN  pobj   3
            near      ADP   prep   5
            Tarvo     PROPN pobj   6
            .         PUNCT punct  2
        """),
        # "sacudió la región con epicentro en Tarvo".
        ("es", """
            El        DET   det    1  el
            terremoto NOUN  nsubj  2
            sacudió   VERB  ROOT   2  sacudir
            la        DET   det    4  el
            región    NOUN  obj    2
            con       ADP   case   6
            epicentro NOUN  obl    2
            en        ADP   case   8
            Tarvo     PROPN nmod   6
            .         PUNCT punct  2
        """),
    ],
)
def test_where_an_event_s_epicentre_was_is_where_it_was(lang, table):
    at = next(i for i, line in enumerate(l for l in table.splitlines() if l.strip()) if line.split()[0] == "Tarvo")
    found = Extraction(lang, parse_table(lang, table, ents=[(at, at + 1, "GPE" if lang == "en" else "LOC")]))
    assert found.roles_of_the("Earthquake", "location") == {"place-tarvo"}


@pytest.mark.parametrize(("year", "recalled"), [("2005", True), ("2004", False)])
def test_a_known_event_named_once_past_the_lead_in_another_year_is_recalled_not_told_en(year, recalled):
    # "TARVO, 15 October 2005. The attack killed 12. ¶ Basayev had claimed the Beslan siege in September
    # 2004.": a story of 2005 recalls the siege of 2004, and its attack is its own; a story dated in
    # the siege's year that names it once at its end still tells it.
    doc = parse_table("en", f"""
        TARVO     PROPN ROOT     0
        ,         PUNCT punct    0
        15        NUM   nummod   3
        October   PROPN appos    0
        {year}    NUM   nummod   3
        .         PUNCT punct    0
        The       DET   det      7
        attack    NOUN  nsubj    8
        killed    VERB  ROOT     8  kill
        12        NUM   dobj     8
        .         PUNCT punct    8
        ¶         SPACE dep      8
        Basayev   PROPN nsubj    14
        had       AUX   aux      14  have
        claimed   VERB  ROOT     14  claim
        the       DET   det      17
        Beslan    PROPN compound 17
        siege     NOUN  dobj     14
        in        ADP   prep     14
        September PROPN pobj     18
        2004      NUM   nummod   19
        .         PUNCT punct    14
    """, ents=[(0, 1, "GPE"), (12, 13, "PERSON")])
    found = Extraction("en", doc, [date(doc, f"15 October {year}", f"{year}-10-15"), date(doc, "September 2004", "2004-09", "gYearMonth")])
    siege = found.events["beslan-school-siege"]
    assert ("attack" in {e.text for e in siege.evidence}) is not recalled
    assert bool(found.of_class("Attack")) is recalled


@pytest.mark.parametrize(("subject", "commemorated"), [("landslides", False), ("residents", True)])
def test_an_event_that_marks_another_commemorates_nothing_en(subject, commemorated):
    # "The landslides marked the deadliest disaster": what they were; "residents marked the disaster": a commemoration.
    found = Extraction("en", parse_table("en", f"""
        The       DET   det    1
        {subject:9} NOUN/NNS nsubj 2  {subject[:-1]}
        marked    VERB  ROOT   2  mark
        the       DET   det    5
        deadliest ADJ/JJS amod 5  deadly
        disaster  NOUN  dobj   2
        .         PUNCT punct  2
    """))
    assert bool(found.of_class("Commemoration")) is commemorated


def test_a_part_of_an_event_s_toll_counted_in_a_place_puts_the_event_there_en():
    # "20 were killed by the earthquake, including 12 in Tarvo": the quake reached Tarvo.
    found = Extraction("en", parse_table("en", """
        20        NUM   nsubjpass 2
        were      AUX   auxpass   2  be
        killed    VERB/VBN ROOT   2  kill
        by        ADP   agent     2
        the       DET   det       5
        earthquake NOUN pobj      3
        ,         PUNCT punct     5
        including VERB/VBG prep   5  include
        12        NUM   pobj      7
        in        ADP   prep      8
        Tarvo     PROPN pobj      9
        .         PUNCT punct     2
    """, ents=[(10, 11, "GPE")]))
    assert found.roles_of_the("Earthquake", "location") == {"place-tarvo"}


@pytest.mark.parametrize(("verb", "lemma"), [("streamed", "stream"), ("broadcast", "broadcast"), ("posted", "post")])
def test_what_went_out_on_a_platform_has_the_platform_among_its_participants_en(verb, lemma):
    # "The speech was streamed on Olmo TV on 3 May 2024": the platform took part, as "por Olmo TV" says in Spanish.
    doc = parse_table("en", f"""
        The       DET   det       1
        speech    NOUN  nsubjpass 3
        was       AUX   auxpass   3  be
        {verb:<9} VERB/VBN ROOT   3  {lemma}
        on        ADP   prep      3
        Olmo      PROPN compound  6
        TV        PROPN pobj      4
        on        ADP   prep      3
        3         NUM   nummod    9
        May       PROPN pobj      7
        2024      NUM   nummod    9
        .         PUNCT punct     3
    """, ents=((5, 7, "ORG"),))
    found = Extraction("en", doc, [date(doc, "3 May 2024", "2024-05-03")])
    assert found.roles_of_the("OtherAction", "participant") == {"organization-olmo-tv"}


def test_every_name_of_a_list_in_a_role_takes_it_en():
    # "streamed on Olmo, Tarvo, and Varga": the parser joins the last name to the one before it, not to the first.
    doc = parse_table("en", """
        The       DET   det       1
        speech    NOUN  nsubjpass 3
        was       AUX   auxpass   3  be
        streamed  VERB/VBN ROOT   3  stream
        on        ADP   prep      3
        Olmo      PROPN pobj      4
        ,         PUNCT punct     5
        Tarvo     PROPN conj      5
        ,         PUNCT punct     7
        and       CCONJ cc        7
        Varga     PROPN conj      7
        on        ADP   prep      3
        3         NUM   nummod    13
        May       PROPN pobj      11
        2024      NUM   nummod    13
        .         PUNCT punct     3
    """, ents=((5, 6, "ORG"), (7, 8, "ORG"), (10, 11, "ORG")))
    found = Extraction("en", doc, [date(doc, "3 May 2024", "2024-05-03")])
    assert found.roles_of_the("OtherAction", "participant") == {"organization-olmo", "organization-tarvo", "organization-varga"}


def test_an_event_noun_hyphened_to_an_adjective_tells_no_event_en():
    # "It was not a landslide-prone area": the noun qualifies the adjective, a kind of place.
    doc = parse_table("en", """
        It         PRON  nsubj     1
        was        AUX   ROOT      1  be
        a          DET   det       6
        landslide  NOUN  npadvmod  5
        -          PUNCT punct     5
        prone      ADJ   amod      6
        area       NOUN  attr      1
        .          PUNCT punct     1
    """)
    assert Extraction("en", doc).of_class("Landslide") == []


def test_a_date_deep_in_a_clause_of_happening_on_the_noun_dates_it_en():
    # "The Tarvo landslides were landslides that occurred in the early hours of 30 July 2024."
    doc = parse_table("en", """
        The        DET   det       2
        Tarvo      PROPN compound  2
        landslides NOUN/NNS nsubj  3  landslide
        were       AUX   ROOT      3  be
        landslides NOUN/NNS attr   3  landslide
        that       PRON/WDT nsubj  6
        occurred   VERB/VBD relcl  4  occur
        in         ADP   prep      6
        the        DET   det       10
        early      ADJ   amod      10
        hours      NOUN/NNS pobj   7  hour
        of         ADP   prep      10
        30         NUM   nummod    13
        July       PROPN pobj      11
        2024       NUM   nummod    13
        .          PUNCT punct     3
    """, ents=((1, 2, "GPE"),))
    found = Extraction("en", doc, [date(doc, "30 July 2024", "2024-07-30")])
    assert [e.date.lexical for e in found.of_class("Landslide") if e.date] == ["2024-07-30"]


@pytest.mark.parametrize(("form", "placed"), [("VerbForm=Part", True), ("", False)])
def test_a_place_a_participle_puts_what_an_event_struck_in_is_where_it_happened_es(form, placed):
    # "La explosión sacudió un vagón detenido en Olmo": the wagon stood in Olmo, so the explosion was there;
    # an adjective that is no participle puts nothing anywhere.
    doc = parse_table("es", """
        La         DET   det    1  el
        explosión  NOUN  nsubj  2
        sacudió    VERB  ROOT   2  sacudir
        un         DET   det    4  uno
        vagón      NOUN  obj    2
        detenido   ADJ   amod   4  detener
        en         ADP   case   7
        Olmo       PROPN obl    5
        .          PUNCT punct  2
    """, ents=((7, 8, "LOC"),))
    if form:
        doc[5].set_morph(form)
    assert Extraction("es", doc).roles_of_the("Explosion", "location") == ({"place-olmo"} if placed else set())


@pytest.mark.parametrize(("particle", "explosions"), [("up", 1), ("out", 0)])
def test_what_blew_up_exploded_and_what_blew_out_came_off_en(particle, explosions):
    # "a truck blew up"; "a door plug blew out" came off the aircraft.
    doc = parse_table("en", f"""
        A          DET   det    1
        truck      NOUN  nsubj  2
        blew       VERB  ROOT   2  blow
        {particle:<10} ADP prt  2
        .          PUNCT punct  2
    """)
    assert len(Extraction("en", doc).of_class("Explosion")) == explosions


@pytest.mark.parametrize(("head", "arrests"), [("allowed", 0), ("ordered", 0), ("helped", 1)])
def test_an_act_only_allowed_did_not_happen_en(head, arrests):
    # "The law allowed the police to arrest protesters": a permission, no arrest ("helped … arrest" made one).
    doc = parse_table("en", f"""
        The        DET   det    1
        law        NOUN  nsubj  2
        {head:<10} VERB/VBD ROOT 2 {head[:-2]}
        the        DET   det    4
        police     NOUN  nsubj  6
        to         PART  aux    6
        arrest     VERB  ccomp  2
        protesters NOUN/NNS dobj 6 protester
        .          PUNCT punct  2
    """)
    assert len(Extraction("en", doc).of_class("Arrest")) == arrests


def test_a_sentence_whose_verb_has_an_event_for_object_tells_that_event_es():
    # "La erupción se inició el 19 de septiembre de 2021. El 11 de septiembre comenzó una huelga.": the parser
    # made the strike the object; the day is the strike's, not the eruption's.
    doc = parse_table("es", """
        La         DET   det    1  el
        erupción   NOUN  nsubj  3
        se         PRON  obj    3  él
        inició     VERB  ROOT   3  iniciar
        el         DET   det    5  el
        19         NUM   obl    3
        de         ADP   case   7
        septiembre NOUN  nmod   5
        de         ADP   case   9
        2021       NUM   nmod   5
        .          PUNCT punct  3
        El         DET   det    12 el
        11         NUM   obl    15
        de         ADP   case   14
        septiembre NOUN  nmod   12
        comenzó    VERB  ROOT   15 comenzar
        una        DET   det    17 uno
        huelga     NOUN  obj    15
        .          PUNCT punct  15
    """)
    found = Extraction("es", doc, [date(doc, "19 de septiembre de 2021", "2021-09-19"), date(doc, "11 de septiembre", "2021-09-11")])
    [eruption] = found.of_class("VolcanicEruption")
    assert eruption.date.lexical == "2021-09-19"
