"""Tests of finding events, their dates and participants.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish) and go through the
project's gazetteer and entity filter on a blank pipeline; the temporal
expressions are given by hand, as the temporal matcher would report them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.tokens import Doc

from beslan_kg.nlp.context import ArticleContext
from beslan_kg.nlp.entities import collect_entities
from beslan_kg.nlp.events import extract_events
from beslan_kg.nlp.filters import EntityFilter
from beslan_kg.nlp.gazetteer import KBGazetteer
from beslan_kg.nlp.rules import load_rules
from beslan_kg.nlp.temporal import TemporalSpan
from beslan_kg.records import ArticleMeta, EventRecord, TimeValue

_NO_SPACE_BEFORE = {",", ".", ";", ":", "'"}


@cache
def _pipeline(lang: str):
    """Return a blank pipeline of ``lang`` with the gazetteer and entity filter."""
    nlp = spacy.blank(lang)
    return nlp, KBGazetteer(nlp, "beslan_gazetteer"), EntityFilter(nlp, "beslan_entity_filter", lang=lang)


def parse(lang: str, table: str, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    """Build a Doc parsed by hand, with the entities a model tagged, and run the components.

    Args:
        lang: ``"en"`` or ``"es"``.
        table: One token per line: ``word POS dep head [lemma]``, where ``head``
            is the absolute index of the token's head (a root heads itself)
            and the lemma defaults to the word.
        ents: ``(start, end, label)`` token spans the statistical model tagged.
    """
    nlp, gazetteer, entity_filter = _pipeline(lang)
    rows = [line.split() for line in table.splitlines() if line.strip()]
    words = [row[0] for row in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))]
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        pos=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        heads=[int(row[3]) for row in rows],
        lemmas=[row[4] if len(row) > 4 else row[0] for row in rows],
        ents=iob,
    )
    # The hand-made tokens must be the ones the pipeline's tokenizer makes,
    # or the gazetteer would be matching text no real article produces.
    assert [t.text for t in nlp.make_doc(doc.text)] == words
    return entity_filter(gazetteer(doc))


def date(doc: Doc, text: str, lexical: str, datatype: str = "date") -> TemporalSpan:
    """Return the date the temporal matcher reports for ``text``, which occurs once in ``doc``."""
    assert doc.text.count(text) == 1
    start = doc.text.index(text)
    return TemporalSpan(start, start + len(text), text, "date", TimeValue(lexical, datatype, text))


class Extraction:
    """What :func:`extract_events` returns for one doc, indexed for the tests.

    Attributes:
        events: The events by local id.
        relations: ``(subject, predicate, object)`` triples.
        main: The main crisis's local id, or None.
    """

    def __init__(self, lang: str, doc: Doc, temporal: Iterable[TemporalSpan] = ()) -> None:
        meta = ArticleMeta(id="test", language=lang, title="test", path="test.txt")
        ctx = ArticleContext(doc=doc, meta=meta, rules=load_rules(lang))
        ctx.temporal = list(temporal)
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
    doc = parse("en", EN_RULING)
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
    doc = parse("es", """
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
    doc = parse("en", """
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
    doc = parse("en", """
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
    doc = parse("es", """
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
    doc = parse("en", """
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
    doc = parse("en", """
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


def test_a_demanded_release_is_no_release_es():
    doc = parse("es", """
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
    doc = parse("es", """
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
    doc = parse("en", EN_EXPLOSION + """
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
    doc = parse("en", EN_EXPLOSION + """
        .          PUNCT punct    2
    """)
    found = Extraction("en", doc)
    assert found.main is None
    [explosion] = found.of_class("Explosion")
    assert explosion.super_event is None
    assert list(found.events) == [explosion.local_id]


def test_a_sub_event_is_part_of_the_crisis_es():
    doc = parse("es", """
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
    doc = parse("es", """
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
    doc = parse("en", """
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
    doc = parse("en", """
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
    doc = parse("en", """
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


def test_an_unanchored_mention_joins_the_one_event_of_its_class_es():
    doc = parse("es", """
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
    doc = parse("en", """
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
