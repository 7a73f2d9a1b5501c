"""Tests of relations between entities: containment of places and nationality.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish) and go through the
project's gazetteer and entity filter on a blank pipeline.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import article_context, blank_pipeline, parse_table
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from beslan_kg.nlp.entities import collect_entities
from beslan_kg.nlp.events import extract_events
from beslan_kg.nlp.gazetteer import INNER_KEY
from beslan_kg.nlp.relations import extract_relations, make_relation_matcher
from beslan_kg.nlp.rules import load_rules
from beslan_kg.records import Relation


@cache
def _matcher(lang: str) -> DependencyMatcher:
    """Return the relation matcher of ``lang``, on the vocabulary :func:`parse_table` makes docs with."""
    return make_relation_matcher(blank_pipeline(lang).nlp.vocab, load_rules(lang))


def relations(lang: str, doc: Doc) -> list[Relation]:
    """Return the relations :func:`extract_relations` finds in ``doc``."""
    ctx = article_context(lang, doc)
    collect_entities(ctx)
    return extract_relations(ctx, _matcher(lang))


def relations_after_events(lang: str, doc: Doc) -> list[Relation]:
    """Return the relations found after the events, as the pipeline runs them.

    The event step indexes the names of known events, so only then can a
    place inside an event's name say where the event was.
    """
    ctx = article_context(lang, doc)
    collect_entities(ctx)
    extract_events(ctx)
    return extract_relations(ctx, _matcher(lang))


def triples(found: list[Relation]) -> set[tuple[str, str, str]]:
    """Return the relations as ``(subject, predicate, object)`` triples."""
    return {(r.subject, r.predicate, r.object) for r in found}


# --------------------------------------------------------------------------
# "X in Y"


def test_a_building_in_a_region_en():
    doc = parse_table("en", """
        Gunmen       NOUN  nsubj    1 gunman
        stormed      VERB  ROOT     1 storm
        the          DET   det      4
        Budyonnovsk  PROPN compound 4
        hospital     NOUN  dobj     1
        in           ADP   prep     4
        Stavropol    PROPN compound 7
        Krai         PROPN pobj     5
        .            PUNCT punct    1
    """)
    found = {(r.subject, r.predicate, r.object): r for r in relations("en", doc)}
    relation = found[("budyonnovsk-hospital", "locatedIn", "stavropol-krai")]
    assert relation.rule == "en-place-in-place"
    assert relation.evidence.text == "hospital in Stavropol Krai"
    # The town inside the hospital's name says where the hospital is, too.
    embedded = found[("budyonnovsk-hospital", "locatedIn", "budyonnovsk")]
    assert (embedded.rule, embedded.evidence.text) == ("en-name-embeds-place", "Budyonnovsk hospital")
    assert len(found) == 2


def test_a_town_named_by_a_description_in_a_republic_en():
    doc = parse_table("en", """
        Troops    NOUN  nsubj  1 troop
        entered   VERB  ROOT   1 enter
        the       DET   det    3
        town      NOUN  dobj   1
        of        ADP   prep   3
        Kizlyar   PROPN pobj   4
        in        ADP   prep   3
        Dagestan  PROPN pobj   6
        .         PUNCT punct  1
    """)
    assert triples(relations("en", doc)) == {("kizlyar", "locatedIn", "dagestan")}


def test_a_town_in_a_republic_es():
    doc = parse_table("es", """
        Los        DET   det    1 el
        rebeldes   NOUN  nsubj  2 rebelde
        atacaron   VERB  ROOT   2 atacar
        Kizliar    PROPN obj    2
        en         ADP   case   5
        Daguestán  PROPN nmod   3
        .          PUNCT punct  2
    """)
    [relation] = relations("es", doc)
    assert (relation.subject, relation.predicate, relation.object) == ("kizlyar", "locatedIn", "dagestan")
    assert relation.rule == "es-place-en-place"


def test_a_building_at_a_place_is_in_it_en():
    # "a service at the Olmo Chapel at Tarvo": the chapel stands in the town.
    doc = parse_table("en", """
        a          DET   det      1
        service    NOUN  ROOT     1
        at         ADP   prep     1
        the        DET   det      5
        Olmo       PROPN compound 5
        Chapel     PROPN pobj     2
        at         ADP   prep     5
        Tarvo      PROPN pobj     6
    """, ents=[(4, 6, "FAC"), (7, 8, "GPE")])
    assert ("place-olmo-chapel", "locatedIn", "place-tarvo") in triples(relations("en", doc))


def test_a_place_in_a_country_is_stated_as_country():
    doc = parse_table("en", """
        Troops     NOUN  nsubj  1 troop
        left       VERB  ROOT   1 leave
        Ingushetia PROPN dobj   1
        in         ADP   prep   2
        Russia     PROPN pobj   3
        .          PUNCT punct  1
    """)
    assert triples(relations("en", doc)) == {("ingushetia", "country", "russia")}


def test_a_place_without_rank_is_in_a_ranked_place_by_preposition_or_address():
    # Mozdok is not in the KB: the model's GPE has no place rank. "in Mozdok
    # in North Ossetia" and the address "Mozdok, North Ossetia" both place it.
    in_ = parse_table("en", """
        Troops    NOUN  nsubj    1 troop
        massed    VERB  ROOT     1 mass
        in        ADP   prep     1
        Mozdok    PROPN pobj     2
        in        ADP   prep     3
        North     PROPN compound 6
        Ossetia   PROPN pobj     4
        .         PUNCT punct    1
    """, ents=((3, 4, "GPE"),))
    assert triples(relations("en", in_)) == {("place-mozdok", "locatedIn", "north-ossetia")}
    comma = parse_table("en", """
        Troops    NOUN  nsubj    1 troop
        massed    VERB  ROOT     1 mass
        in        ADP   prep     1
        Mozdok    PROPN pobj     2
        ,         PUNCT punct    3
        North     PROPN compound 6
        Ossetia   PROPN appos    3
        .         PUNCT punct    1
    """, ents=((3, 4, "GPE"),))
    [relation] = relations("en", comma)
    assert (relation.subject, relation.predicate, relation.object) == ("place-mozdok", "locatedIn", "north-ossetia")
    assert relation.rule == "en-place-comma-place"


def test_a_country_is_never_in_a_town_en():
    # The parser may hang "in Moscow" on the country instead of the diplomats.
    doc = parse_table("en", """
        Diplomats  NOUN  nsubj  5 diplomat
        of         ADP   prep   0
        Ukraine    PROPN pobj   1
        in         ADP   prep   2
        Moscow     PROPN pobj   3
        condemned  VERB  ROOT   5 condemn
        the        DET   det    7
        raid       NOUN  dobj   5
        .          PUNCT punct  5
    """)
    assert relations("en", doc) == []


def test_a_country_is_never_in_a_town_es():
    doc = parse_table("es", """
        Los           DET   det    1 el
        diplomáticos  NOUN  nsubj  6 diplomático
        de            ADP   case   3
        Ucrania       PROPN nmod   1
        en            ADP   case   5
        Moscú         PROPN nmod   3
        condenaron    VERB  ROOT   6 condenar
        el            DET   det    8 el
        ataque        NOUN  obj    6
        .             PUNCT punct  6
    """)
    assert relations("es", doc) == []


# --------------------------------------------------------------------------
# Commas


def test_a_place_after_a_comma_contains_the_place_before_en():
    doc = parse_table("en", """
        Gunmen       NOUN  nsubj    1 gunman
        seized       VERB  ROOT     1 seize
        a            DET   det      3
        hospital     NOUN  dobj     1
        in           ADP   prep     3
        Budyonnovsk  PROPN pobj     4
        ,            PUNCT punct    5
        Stavropol    PROPN compound 8
        Krai         PROPN appos    5
        .            PUNCT punct    1
    """)
    [relation] = relations("en", doc)
    assert (relation.subject, relation.predicate, relation.object) == ("budyonnovsk", "locatedIn", "stavropol-krai")
    assert relation.rule == "en-place-comma-place"


def test_a_country_after_a_comma_es():
    doc = parse_table("es", """
        Los          DET   det    1 el
        heridos      NOUN  nsubj  2 herido
        llegaron     VERB  ROOT   2 llegar
        a            ADP   case   4
        Vladikavkaz  PROPN obl    2
        ,            PUNCT punct  6
        Rusia        PROPN appos  4
        .            PUNCT punct  2
    """)
    assert triples(relations("es", doc)) == {("vladikavkaz", "country", "russia")}


def test_a_list_with_and_is_no_containment_en():
    # Nazran is a town and Dagestan a republic, but the list only enumerates them.
    doc = parse_table("en", """
        Raids     NOUN  nsubj  1 raid
        hit       VERB  ROOT   1
        Nazran    PROPN dobj   1
        ,         PUNCT punct  2
        Dagestan  PROPN conj   2
        and       CCONJ cc     4
        Chechnya  PROPN conj   4
        .         PUNCT punct  1
    """)
    assert relations("en", doc) == []


def test_a_list_with_and_is_no_containment_es():
    doc = parse_table("es", """
        Los        DET   det    1 el
        ataques    NOUN  nsubj  2 ataque
        golpearon  VERB  ROOT   2 golpear
        Nazrán     PROPN obj    2
        ,          PUNCT punct  5
        Daguestán  PROPN conj   3
        y          CCONJ cc     7
        Chechenia  PROPN conj   3
        .          PUNCT punct  2
    """)
    assert relations("es", doc) == []


# --------------------------------------------------------------------------
# Nationality


def test_a_demonym_before_a_title_gives_nationality_en():
    doc = parse_table("en", """
        Ukrainian   ADJ   amod     1 ukrainian
        President   PROPN compound 3
        Volodymyr   PROPN compound 3
        Zelensky    PROPN nsubj    4
        criticised  VERB  ROOT     4 criticise
        the         DET   det      8
        Georgian    PROPN compound 8
        Foreign     PROPN compound 8
        Ministry    PROPN dobj     4
        .           PUNCT punct    4
    """, ents=((2, 4, "PERSON"), (5, 9, "ORG")))
    found = relations("en", doc)
    assert triples(found) == {
        ("person-volodymyr-zelensky", "nationality", "ukraine"),
        # "President" between the demonym and the name: he leads the country.
        ("ukraine", "ledBy", "person-volodymyr-zelensky"),
        ("organization-georgian-foreign-ministry", "country", "georgia"),
    }
    assert {r.rule for r in found} == {"en-demonym", "en-demonym-title"}


def test_a_demonym_after_a_title_gives_nationality_es():
    # UD hangs the name under the title: presidente <-appos- Volodímir.
    doc = parse_table("es", """
        El          DET   det    1 el
        presidente  NOUN  nsubj  5
        ucraniano   ADJ   amod   1
        Volodímir   PROPN appos  1
        Zelenski    PROPN flat   3
        criticó     VERB  ROOT   5 criticar
        al          ADP   case   7
        Ministerio  PROPN obj    5
        de          ADP   case   9
        Exteriores  PROPN flat   7
        georgiano   ADJ   amod   7
        .           PUNCT punct  5
    """, ents=((3, 5, "PER"), (7, 10, "ORG")))
    found = relations("es", doc)
    assert triples(found) == {
        ("person-volodimir-zelenski", "nationality", "ukraine"),
        ("ukraine", "ledBy", "person-volodimir-zelenski"),
        ("organization-ministerio-de-exteriores", "country", "georgia"),
    }
    nationality = next(r for r in found if r.predicate == "nationality")
    # The evidence covers the demonym and the name it is about.
    assert nationality.evidence.text == "presidente ucraniano Volodímir Zelenski"


def test_a_demonym_through_a_title_compound_en():
    doc = parse_table("en", """
        Chechen   PROPN compound 1
        warlord   NOUN  compound 3
        Shamil    PROPN compound 3
        Basayev   PROPN nsubj    4
        fled      VERB  ROOT     4 flee
        .         PUNCT punct    4
    """)
    assert triples(relations("en", doc)) == {("shamil-basayev", "nationality", "chechnya")}


def test_a_demonym_of_another_noun_gives_no_nationality():
    doc = parse_table("en", """
        Chechen   PROPN compound 1
        gunmen    NOUN  nsubj    2 gunman
        released  VERB  ROOT     2 release
        Akhmed    PROPN compound 4
        Zakayev   PROPN dobj     2
        .         PUNCT punct    2
    """, ents=((3, 5, "PERSON"),))
    assert relations("en", doc) == []


def test_a_demonym_of_another_noun_gives_no_nationality_es():
    doc = parse_table("es", """
        Los           DET   det    1 el
        combatientes  NOUN  nsubj  3 combatiente
        chechenos     ADJ   amod   1 checheno
        liberaron     VERB  ROOT   3 liberar
        a             ADP   case   5
        Ajmed         PROPN obj    3
        Zakáyev       PROPN flat   5
        .             PUNCT punct  3
    """, ents=((5, 7, "PER"),))
    assert relations("es", doc) == []


# --------------------------------------------------------------------------
# What a name says of itself


@pytest.mark.parametrize(
    ("lang", "table", "name"),
    [
        ("en", """
            Relatives  NOUN  nsubj    1 relative
            visited    VERB  ROOT     1 visit
            Beslan     PROPN compound 3
            School     PROPN dobj     1
            No         PROPN appos    3
            .          PUNCT punct    4
            1          NUM   nummod   4
            .          PUNCT punct    1
        """, "Beslan School No. 1"),
        ("es", """
            Los        DET   det    1  el
            familiares NOUN  nsubj  2  familiar
            visitaron  VERB  ROOT   2  visitar
            la         DET   det    4  el
            Escuela    PROPN obj    2
            Nº1        PROPN flat   4
            de         ADP   case   7
            Beslán     PROPN nmod   4
            .          PUNCT punct  2
        """, "Escuela Nº1 de Beslán"),
    ],
)
def test_a_school_whose_name_holds_a_town_is_in_the_town(lang, table, name):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == ("beslan-school-no-1", "locatedIn", "beslan")
    assert (relation.rule, relation.evidence.text) == (f"{lang}-name-embeds-place", name)


@pytest.mark.parametrize(
    ("lang", "table", "name"),
    [
        ("en", """
            Survivors    NOUN  nsubj    5 survivor
            of           ADP   prep     0
            the          DET   det      4
            Budyonnovsk  PROPN compound 4
            raid         NOUN  pobj     1
            met          VERB  ROOT     5 meet
            .            PUNCT punct    5
        """, "Budyonnovsk raid"),
        ("es", """
            Los             DET   det     1  el
            supervivientes  NOUN  nsubj   10 superviviente
            de              ADP   case    4
            la              DET   det     4  el
            toma            NOUN  nmod    1
            de              ADP   case    6
            rehenes         NOUN  nmod    4  rehén
            de              ADP   case    8
            Budiónnovsk     PROPN nmod    4
            se              PRON  expl:pv 10
            reunieron       VERB  ROOT    10 reunir
            .               PUNCT punct   10
        """, "toma de rehenes de Budiónnovsk"),
    ],
)
def test_a_known_event_whose_name_holds_a_town_took_place_there(lang, table, name):
    found = relations_after_events(lang, parse_table(lang, table))
    assert triples(found) == {("budyonnovsk-hospital-hostage-crisis", "location", "budyonnovsk")}
    assert (found[0].rule, found[0].evidence.text) == (f"{lang}-name-embeds-place", name)


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Troops   NOUN  nsubj    1 troop
            entered  VERB  ROOT     1 enter
            the      DET   det      4
            Kursk    PROPN compound 4
            region   NOUN  dobj     1
            .        PUNCT punct    1
        """),
        ("es", """
            Las      DET   det    1 el
            tropas   NOUN  nsubj  2 tropa
            entraron VERB  ROOT   2 entrar
            en       ADP   case   5
            la       DET   det    5 el
            región   NOUN  obl    2
            de       ADP   case   7
            Kursk    PROPN nmod   5
            .        PUNCT punct  2
        """),
    ],
)
def test_a_region_named_after_its_city_does_not_lie_in_the_city(lang, table):
    # "Kursk region" is a name of Kursk Oblast, and "Kursk" one of the city.
    doc = parse_table(lang, table)
    assert [span.id_ for span in doc.spans[INNER_KEY]] == ["kursk"]
    assert relations(lang, doc) == []


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Mothers  PROPN nsubj  3
            of       ADP   prep   0
            Beslan   PROPN pobj   1
            met      VERB  ROOT   3 meet
            Putin    PROPN dobj   3
            .        PUNCT punct  3
        """),
        ("es", """
            Madres   PROPN nsubj  3 madre
            de       ADP   case   2
            Beslán   PROPN nmod   0
            recibió  VERB  ROOT   3 recibir
            a        ADP   case   5
            Putin    PROPN obj    3
            .        PUNCT punct  3
        """),
    ],
)
def test_an_organisation_named_after_a_town_is_not_located_by_its_name(lang, table):
    assert relations(lang, parse_table(lang, table)) == []


@pytest.mark.parametrize(
    ("lang", "table", "organisation", "name"),
    [
        ("en", """
            Russian   ADJ   amod     2 russian
            special   ADJ   amod     2
            forces    NOUN  nsubj    3 force
            stormed   VERB  ROOT     3 storm
            the       DET   det      5
            building  NOUN  dobj     3
            .         PUNCT punct    3
        """, "spetsnaz", "Russian special forces"),
        ("es", """
            El        DET   det    1 el
            Gobierno  PROPN nsubj  3
            ruso      ADJ   amod   1
            negó      VERB  ROOT   3 negar
            las       DET   det    5 el
            acusaciones NOUN obj   3 acusación
            .         PUNCT punct  3
        """, "government-of-russia", "Gobierno ruso"),
    ],
)
def test_a_demonym_inside_an_organisations_name_gives_its_country(lang, table, organisation, name):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == (organisation, "country", "russia")
    assert (relation.rule, relation.evidence.text) == (f"{lang}-name-demonym", name)


# --------------------------------------------------------------------------
# Addresses and adjacent place phrases


@pytest.mark.parametrize(
    ("lang", "table", "address"),
    [
        ("en", """
            Troops   NOUN  nsubj    1 troop
            massed   VERB  ROOT     1 mass
            in       ADP   prep     1
            Beslan   PROPN pobj     2
            in       ADP   prep     3
            North    PROPN compound 6
            Ossetia  PROPN pobj     4
            ,        PUNCT punct    6
            Russia   PROPN appos    6
            .        PUNCT punct    1
        """, "Beslan in North Ossetia, Russia"),
        ("es", """
            Los      DET   det    1 el
            heridos  NOUN  nsubj  2 herido
            llegaron VERB  ROOT   2 llegar
            a        ADP   case   4
            Beslán   PROPN obl    2
            en       ADP   case   6
            Osetia   PROPN nmod   4
            del      ADP   case   8
            Norte    PROPN flat   6
            ,        PUNCT punct  10
            Rusia    PROPN appos  6
            .        PUNCT punct  2
        """, "Beslán en Osetia del Norte, Rusia"),
    ],
)
def test_an_address_carries_the_country_down(lang, table, address):
    found = relations(lang, parse_table(lang, table))
    assert triples(found) == {
        ("beslan", "locatedIn", "north-ossetia"),
        ("north-ossetia", "country", "russia"),
        # Beslan is in North Ossetia, and North Ossetia in Russia.
        ("beslan", "country", "russia"),
    }
    carried = next(r for r in found if r.subject == "beslan" and r.predicate == "country")
    assert (carried.rule, carried.evidence.text) == (f"{lang}-address", address)


def test_a_country_is_not_carried_to_a_place_of_another_sentence():
    doc = parse_table("en", """
        Troops   NOUN  nsubj    1 troop
        left     VERB  ROOT     1 leave
        Beslan   PROPN dobj     1
        in       ADP   prep     2
        North    PROPN compound 5
        Ossetia  PROPN pobj     3
        .        PUNCT punct    1
        North    PROPN compound 8
        Ossetia  PROPN nsubj    9
        is       AUX   ROOT     9 be
        in       ADP   prep     9
        Russia   PROPN pobj     10
        .        PUNCT punct    9
    """)
    assert ("beslan", "country", "russia") not in triples(relations("en", doc))


@pytest.mark.parametrize(
    ("lang", "table", "expected", "evidence"),
    [
        ("en", """
            Relatives  NOUN  nsubj    1 relative
            gathered   VERB  ROOT     1 gather
            at         ADP   prep     1
            the        DET   det      5
            Dubrovka   PROPN compound 5
            Theatre    PROPN pobj     2
            in         ADP   prep     1
            Moscow     PROPN pobj     6
            .          PUNCT punct    1
        """, ("dubrovka-theatre", "locatedIn", "moscow"), "the Dubrovka Theatre in Moscow"),
        ("en", """
            Troops       NOUN  nsubj    1 troop
            massed       VERB  ROOT     1 mass
            in           ADP   prep     1
            Budyonnovsk  PROPN pobj     2
            ,            PUNCT punct    1
            in           ADP   prep     1
            Stavropol    PROPN compound 7
            Krai         PROPN pobj     5
            .            PUNCT punct    1
        """, ("budyonnovsk", "locatedIn", "stavropol-krai"), "Budyonnovsk, in Stavropol Krai"),
        # UD hangs "al" inside the first phrase, so the evidence starts with it.
        ("es", """
            Los         DET   det    1 el
            familiares  NOUN  nsubj  2 familiar
            acudieron   VERB  ROOT   2 acudir
            al          ADP   case   4
            Teatro      PROPN obl    2
            Dubrovka    PROPN flat   4
            en          ADP   case   7
            Moscú       PROPN obl    2
            .           PUNCT punct  2
        """, ("dubrovka-theatre", "locatedIn", "moscow"), "al Teatro Dubrovka en Moscú"),
    ],
)
def test_adjacent_place_phrases_on_one_verb_state_containment(lang, table, expected, evidence):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == expected
    assert (relation.rule, relation.evidence.text) == (f"{lang}-adjacent-places", evidence)


@pytest.mark.parametrize(("name", "expected"), [
    # "trapped in Tarvo cave in Stavropol Krai": the name before the noun that says what the place is.
    ("Tarvo", [("place-tarvo", "locatedIn", "stavropol-krai")]),
    # "in the Moscow cave": a town's name before the noun says whose the cave is, and no town lies in the region.
    ("Moscow", []),
])
def test_a_place_named_before_its_noun_lies_in_the_larger_place_after_it_en(name, expected):
    doc = parse_table("en", f"""
        Boys      NOUN/NNS  nsubjpass 2  boy
        were      AUX       auxpass   2  be
        trapped   VERB      ROOT      2  trap
        in        ADP       prep      2
        {name}    PROPN     compound  5
        cave      NOUN      pobj      3
        in        ADP       prep      2
        Stavropol PROPN     compound  8
        Krai      PROPN     pobj      6
        .         PUNCT     punct     2
    """, ents=[(4, 5, "FAC" if name == "Tarvo" else "GPE"), (7, 9, "GPE")])
    found = [r for r in relations("en", doc) if r.rule == "en-adjacent-places"]
    assert [(r.subject, r.predicate, r.object) for r in found] == expected


def test_a_place_a_divisions_noun_names_lies_in_the_ranked_place_after_it_es():
    # "El derrame llegó a los mares del distrito de Tarvisa en la región de Daguestán.": Tarvisa's size
    # is unknown; its noun says it is a division, which lies in the region told after it.
    doc = parse_table("es", """
        El        DET   det    1  el
        derrame   NOUN  nsubj  2
        llegó     VERB  ROOT   2  llegar
        a         ADP   case   5
        los       DET   det    5  el
        mares     NOUN  obl    2  mar
        del       ADP   case   7
        distrito  NOUN  nmod   5
        de        ADP   case   9
        Tarvisa   PROPN nmod   7
        en        ADP   case   12
        la        DET   det    12 el
        región    NOUN  nmod   5
        de        ADP   case   14
        Daguestán PROPN nmod   12
        .         PUNCT punct  2
    """, ents=((9, 10, "LOC"), (14, 15, "LOC")))
    found = [r for r in relations("es", doc) if r.rule == "es-adjacent-places"]
    assert [(r.subject, r.predicate, r.object) for r in found] == [("place-tarvisa", "locatedIn", "dagestan")]


def test_adjacent_place_phrases_state_nothing_when_the_second_is_smaller():
    doc = parse_table("en", """
        Relatives  NOUN  nsubj    1 relative
        gathered   VERB  ROOT     1 gather
        in         ADP   prep     1
        Moscow     PROPN pobj     2
        at         ADP   prep     1
        the        DET   det      7
        Dubrovka   PROPN compound 7
        Theatre    PROPN pobj     4
        .          PUNCT punct    1
    """)
    assert relations("en", doc) == []


# --------------------------------------------------------------------------
# Place statements


@pytest.mark.parametrize(
    ("lang", "table", "expected"),
    [
        ("en", """
            Fighters  NOUN  nsubj  1 fighter
            raided    VERB  ROOT   1 raid
            Kizlyar   PROPN dobj   1
            (         PUNCT punct  4
            Dagestan  PROPN appos  2
            )         PUNCT punct  4
            .         PUNCT punct  1
        """, ("kizlyar", "locatedIn", "dagestan")),
        ("es", """
            Los        DET   det    1 el
            rebeldes   NOUN  nsubj  2 rebelde
            atacaron   VERB  ROOT   2 atacar
            Kizliar    PROPN obj    2
            (          PUNCT punct  5
            Daguestán  PROPN appos  3
            )          PUNCT punct  5
            .          PUNCT punct  2
        """, ("kizlyar", "locatedIn", "dagestan")),
    ],
)
def test_a_place_in_parenthesis_contains_the_place_before(lang, table, expected):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == expected
    assert relation.rule == f"{lang}-place-parenthesis"


def test_a_place_in_parenthesis_needs_both_places_ranked():
    # Mozdok is not in the KB: the model's GPE has no place rank.
    doc = parse_table("en", """
        Troops   NOUN  nsubj    1 troop
        reached  VERB  ROOT     1 reach
        Mozdok   PROPN dobj     1
        (        PUNCT punct    5
        North    PROPN compound 5
        Ossetia  PROPN appos    2
        )        PUNCT punct    5
        .        PUNCT punct    1
    """, ents=((2, 3, "GPE"),))
    assert relations("en", doc) == []


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Grozny    PROPN nsubj  1
            is        AUX   ROOT   1 be
            the       DET   det    3
            capital   NOUN  attr   1
            of        ADP   prep   3
            Chechnya  PROPN pobj   4
            .         PUNCT punct  1
        """),
        ("es", """
            Grozni     PROPN nsubj  3
            es         AUX   cop    3 ser
            la         DET   det    3 el
            capital    NOUN  ROOT   3
            de         ADP   case   5
            Chechenia  PROPN nmod   3
            .          PUNCT punct  3
        """),
    ],
)
def test_a_place_said_to_be_the_capital_of_another_lies_in_it(lang, table):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == ("grozny", "locatedIn", "chechnya")
    assert relation.rule == f"{lang}-place-{'is-head-of' if lang == 'en' else 'es-head-de'}"


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        ("en", """
            Gunmen       NOUN  nsubj    1 gunman
            seized       VERB  ROOT     1 seize
            Budyonnovsk  PROPN dobj     1
            ,            PUNCT punct    2
            a            DET   det      5
            town         NOUN  appos    2
            in           ADP   prep     5
            Stavropol    PROPN compound 8
            Krai         PROPN pobj     6
            .            PUNCT punct    1
        """),
        ("es", """
            Los          DET   det    1 el
            rebeldes     NOUN  nsubj  2 rebelde
            atacaron     VERB  ROOT   2 atacar
            Budiónnovsk  PROPN obj    2
            ,            PUNCT punct  6
            una          DET   det    6 uno
            ciudad       NOUN  appos  3
            de           ADP   case   9
            la           DET   det    9 el
            región       NOUN  nmod   6
            de           ADP   case   11
            Stávropol    PROPN nmod   9
            .            PUNCT punct  2
        """),
    ],
)
def test_a_place_described_as_a_town_in_a_region_lies_in_it(lang, table):
    assert triples(relations(lang, parse_table(lang, table))) == {("budyonnovsk", "locatedIn", "stavropol-krai")}


@pytest.mark.parametrize(
    ("lang", "table", "name"),
    [
        ("en", """
            The         DET   det      1
            Government  PROPN nsubj    4
            of          ADP   prep     1
            Russia      PROPN pobj     2
            denied      VERB  ROOT     4 deny
            it          PRON  dobj     4
            .           PUNCT punct    4
        """, "Government of Russia"),
        ("es", """
            El          DET   det      1 el
            Gobierno    PROPN nsubj    4
            de          ADP   case     3
            Rusia       PROPN nmod     1
            negó        VERB  ROOT     4 negar
            .           PUNCT punct    4
        """, "Gobierno de Rusia"),
    ],
)
def test_a_country_inside_an_organisations_name_gives_its_country(lang, table, name):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == ("government-of-russia", "country", "russia")
    assert (relation.rule, relation.evidence.text) == (f"{lang}-name-embeds-country", name)


# --------------------------------------------------------------------------
# People and their organisations


@pytest.mark.parametrize(
    ("lang", "table", "expected", "rule"),
    [
        # "Kremlin spokesman Dmitry Peskov"
        ("en", """
            Kremlin    PROPN compound 1
            spokesman  NOUN  compound 3
            Dmitry     PROPN compound 3
            Peskov     PROPN nsubj    4
            declined   VERB  ROOT     4 decline
            .          PUNCT punct    4
        """, ("dmitry-peskov", "memberOf", "kremlin"), "en-org-role-name-member"),
        # "el portavoz del Kremlin, Dmitri Peskov"
        ("es", """
            El         DET   det    1 el
            portavoz   NOUN  nsubj  8
            del        ADP   case   3
            Kremlin    PROPN nmod   1
            ,          PUNCT punct  5
            Dmitri     PROPN appos  1
            Peskov     PROPN flat   5
            no         ADV   advmod 8
            comentó    VERB  ROOT   8 comentar
            .          PUNCT punct  8
        """, ("dmitry-peskov", "memberOf", "kremlin"), "es-cargo-nombre-miembro"),
        # "Doku Umarov, leader of the Caucasus Emirate": he leads it, and is
        # not said to be a mere member.
        ("en", """
            Doku      PROPN compound 1
            Umarov    PROPN nsubj    9
            ,         PUNCT punct    1
            leader    NOUN  appos    1
            of        ADP   prep     3
            the       DET   det      7
            Caucasus  PROPN compound 7
            Emirate   PROPN pobj     4
            ,         PUNCT punct    1
            spoke     VERB  ROOT     9 speak
            .         PUNCT punct    9
        """, ("caucasus-emirate", "ledBy", "doku-umarov"), "en-role-of-org-leader"),
        ("es", """
            Doku     PROPN nsubj  9
            Umárov   PROPN flat   0
            ,        PUNCT punct  3
            líder    NOUN  appos  0
            del      ADP   case   5
            Emirato  PROPN nmod   3
            del      ADP   case   7
            Cáucaso  PROPN nmod   5
            ,        PUNCT punct  3
            habló    VERB  ROOT   9 hablar
            .        PUNCT punct  9
        """, ("caucasus-emirate", "ledBy", "doku-umarov"), "es-rol-de-org-lider"),
        # "Ella Kesayeva of Voice of Beslan"
        ("en", """
            Ella      PROPN compound 1
            Kesayeva  PROPN nsubj    6
            of        ADP   prep     1
            Voice     PROPN pobj     2
            of        ADP   prep     3
            Beslan    PROPN pobj     4
            spoke     VERB  ROOT     6 speak
            .         PUNCT punct    6
        """, ("ella-kesayeva", "memberOf", "voice-of-beslan"), "en-person-of-org"),
        ("es", """
            Ella      PROPN nsubj  8
            Kesáyeva  PROPN flat   0
            ,         PUNCT punct  4
            de        ADP   case   4
            Voz       PROPN nmod   0
            de        ADP   case   6
            Beslán    PROPN nmod   4
            ,         PUNCT punct  4
            habló     VERB  ROOT   8 hablar
            .         PUNCT punct  8
        """, ("ella-kesayeva", "memberOf", "voice-of-beslan"), "es-persona-de-org"),
        # "Susanna Dudiyeva, who heads Mothers of Beslan"
        ("en", """
            Susanna   PROPN    compound 1
            Dudiyeva  PROPN    nsubj    9
            ,         PUNCT    punct    1
            who       PRON/WP  nsubj    4
            heads     VERB     relcl    1 head
            Mothers   PROPN    dobj     4
            of        ADP      prep     5
            Beslan    PROPN    pobj     6
            ,         PUNCT    punct    1
            spoke     VERB     ROOT     9 speak
            .         PUNCT    punct    9
        """, ("mothers-of-beslan", "ledBy", "susanna-dudiyeva"), "en-who-led"),
        # "Voz de Beslán, que dirige Ella Kesáyeva"
        ("es", """
            Voz            PROPN nsubj  9
            de             ADP   case   2
            Beslán         PROPN nmod   0
            ,              PUNCT punct  5
            que            PRON  obj    5
            dirige         VERB  acl    0 dirigir
            Ella           PROPN nsubj  5
            Kesáyeva       PROPN flat   6
            ,              PUNCT punct  5
            pidió          VERB  ROOT   9 pedir
            justicia       NOUN  obj    9
            .              PUNCT punct  9
        """, ("voice-of-beslan", "ledBy", "ella-kesayeva"), "es-que-dirige"),
    ],
)
def test_roles_tie_people_to_organisations(lang, table, expected, rule):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == expected
    assert relation.rule == rule


def test_a_group_based_in_a_city_is_located_there():
    doc = parse_table("en", """
        Memorial    PROPN compound 3
        Human       PROPN compound 2
        Rights      PROPN compound 3
        Centre      PROPN nsubj    11
        ,           PUNCT punct    3
        the         DET   det      9
        Moscow      PROPN npadvmod 8
        -           PUNCT punct    8
        based       VERB  amod     9 base
        group       NOUN  appos    3
        ,           PUNCT punct    3
        criticised  VERB  ROOT     11 criticise
        the         DET   det      13
        inquiry     NOUN  dobj     11
        .           PUNCT punct    11
    """)
    [relation] = relations("en", doc)
    assert (relation.subject, relation.predicate, relation.object) == ("memorial", "locatedIn", "moscow")
    assert (relation.rule, relation.evidence.text) == ("en-based", "Moscow-based group")


# --------------------------------------------------------------------------
# Demonyms: leaders and places


@pytest.mark.parametrize(
    ("lang", "table", "person", "leads"),
    [
        ("en", """
            Russian   ADJ   amod     1 russian
            President PROPN compound 3
            Vladimir  PROPN compound 3
            Putin     PROPN nsubj    4
            spoke     VERB  ROOT     4 speak
            .         PUNCT punct    4
        """, "vladimir-putin", True),
        ("en", """
            Russian    ADJ   amod     1 russian
            spokesman  NOUN  compound 3
            Dmitry     PROPN compound 3
            Peskov     PROPN nsubj    4
            spoke      VERB  ROOT     4 speak
            .          PUNCT punct    4
        """, "dmitry-peskov", False),
        ("es", """
            El          DET   det    1 el
            presidente  NOUN  nsubj  5
            ruso        ADJ   amod   1
            Vladímir    PROPN appos  1
            Putin       PROPN flat   3
            habló       VERB  ROOT   5 hablar
            .           PUNCT punct  5
        """, "vladimir-putin", True),
        ("es", """
            El        DET   det    1 el
            portavoz  NOUN  nsubj  5
            ruso      ADJ   amod   1
            Dmitri    PROPN appos  1
            Peskov    PROPN flat   3
            habló     VERB  ROOT   5 hablar
            .         PUNCT punct  5
        """, "dmitry-peskov", False),
    ],
)
def test_only_a_leaders_title_after_a_demonym_makes_the_country_led_by_the_person(lang, table, person, leads):
    found = triples(relations(lang, parse_table(lang, table)))
    expected = {(person, "nationality", "russia")} | ({("russia", "ledBy", person)} if leads else set())
    assert found == expected


@pytest.mark.parametrize(
    ("lang", "table", "evidence"),
    [
        ("en", """
            Gunmen       NOUN  nsubj    1 gunman
            seized       VERB  ROOT     1 seize
            the          DET   det      5
            southern     ADJ   amod     5
            Russian      ADJ   amod     5 russian
            town         NOUN  dobj     1
            of           ADP   prep     5
            Budyonnovsk  PROPN pobj     6
            .            PUNCT punct    1
        """, "Russian town of Budyonnovsk"),
        ("es", """
            Los          DET   det    1 el
            rebeldes     NOUN  nsubj  2 rebelde
            tomaron      VERB  ROOT   2 tomar
            la           DET   det    4 el
            ciudad       NOUN  obj    2
            rusa         ADJ   amod   4 ruso
            de           ADP   case   7
            Budiónnovsk  PROPN nmod   4
            .            PUNCT punct  2
        """, "ciudad rusa de Budiónnovsk"),
    ],
)
def test_a_demonym_before_a_place_head_gives_the_places_country(lang, table, evidence):
    [relation] = relations(lang, parse_table(lang, table))
    assert (relation.subject, relation.predicate, relation.object) == ("budyonnovsk", "country", "russia")
    assert (relation.rule, relation.evidence.text) == (f"{lang}-demonym", evidence)


def test_a_demonym_of_a_region_before_a_place_head_gives_containment():
    doc = parse_table("en", """
        Troops    NOUN  nsubj    1 troop
        entered   VERB  ROOT     1 enter
        the       DET   det      5
        Chechen   ADJ   amod     4
        capital   NOUN  compound 5
        Grozny    PROPN dobj     1
        .         PUNCT punct    1
    """)
    assert triples(relations("en", doc)) == {("grozny", "locatedIn", "chechnya")}


# --------------------------------------------------------------------------
# Places and seats stated with a verb


def test_a_place_said_to_be_in_another_en():
    # "Grozny is in Chechnya"
    doc = parse_table("en", """
        Grozny    PROPN nsubj 1
        is        AUX   ROOT  1 be
        in        ADP   prep  1
        Chechnya  PROPN pobj  2
        .         PUNCT punct 1
    """)
    [relation] = relations("en", doc)
    assert (relation.subject, relation.predicate, relation.object, relation.rule) == ("grozny", "locatedIn", "chechnya", "en-place-is-in")


def test_a_person_said_to_be_in_a_place_is_not_located_there_en():
    # "Putin was in Moscow": people are not parts of places.
    doc = parse_table("en", """
        Putin     PROPN nsubj 1
        was       AUX   ROOT  1 be
        in        ADP   prep  1
        Moscow    PROPN pobj  2
        .         PUNCT punct 1
    """)
    assert not [r for r in relations("en", doc) if r.predicate == "locatedIn"]


def test_an_organisation_based_in_a_city_en():
    # "Human Rights Watch, based in New York, ..." (the city here is Moscow)
    doc = parse_table("en", """
        Human     PROPN compound 2
        Rights    PROPN compound 2
        Watch     PROPN nsubj    8
        ,         PUNCT punct    2
        based     VERB/VBN acl   2 base
        in        ADP   prep     4
        Moscow    PROPN pobj     5
        ,         PUNCT punct    2
        said      VERB  ROOT     8 say
        .         PUNCT punct    8
    """)
    assert triples(relations("en", doc)) == {("human-rights-watch", "locatedIn", "moscow")}


def test_an_organisation_headquartered_in_a_city_has_its_seat_there_en():
    # "Human Rights Watch, headquartered in Moscow, said ..."
    doc = parse_table("en", """
        Human         PROPN compound 2
        Rights        PROPN compound 2
        Watch         PROPN nsubj    8
        ,             PUNCT punct    2
        headquartered VERB/VBN acl   2 headquarter
        in            ADP   prep     4
        Moscow        PROPN pobj     5
        ,             PUNCT punct    2
        said          VERB  ROOT     8 say
        .             PUNCT punct    8
    """)
    assert triples(relations("en", doc)) == {("human-rights-watch", "headquarters", "moscow")}


def test_a_governor_of_a_region_leads_it_en():
    # "Aleksandr Dzasokhov, president of North Ossetia, ..."
    doc = parse_table("en", """
        Aleksandr   PROPN compound 1
        Dzasokhov   PROPN nsubj    8
        ,           PUNCT punct    1
        president   NOUN  appos    1
        of          ADP   prep     3
        North       PROPN compound 6
        Ossetia     PROPN pobj     4
        ,           PUNCT punct    1
        resigned    VERB  ROOT     8 resign
        .           PUNCT punct    8
    """)
    assert ("north-ossetia", "ledBy", "aleksandr-dzasokhov") in triples(relations("en", doc))


# --------------------------------------------------------------------------
# Which place a phrase of place is said of


def test_a_larger_place_after_a_buildings_town_is_said_of_the_town_es():
    # "la escuela número 1 de Beslán, en Osetia del Norte"
    doc = parse_table("es", """
        Tomaron    VERB  ROOT   0 tomar
        la         DET   det    2 el
        escuela    NOUN  obj    0
        número     NOUN  nmod   2
        1          NUM   nummod 3
        de         ADP   case   6
        Beslán     PROPN nmod   2
        ,          PUNCT punct  9
        en         ADP   case   9
        Osetia     PROPN nmod   2
        del        ADP   case   11
        Norte      PROPN flat   9
        .          PUNCT punct  0
    """)
    found = triples(relations("es", doc))
    assert ("beslan", "locatedIn", "north-ossetia") in found
    assert ("beslan-school-no-1", "locatedIn", "north-ossetia") not in found


def test_a_town_and_a_larger_place_on_one_noun_of_and_in_en():
    # "the seizure of the Dubrovka theatre in Moscow"
    doc = parse_table("en", """
        They      PRON  nsubj  1 they
        recalled  VERB  ROOT   1 recall
        the       DET   det    3
        seizure   NOUN  dobj   1
        of        ADP   prep   3
        the       DET   det    7
        Dubrovka  PROPN compound 7
        theatre   NOUN  pobj   4
        in        ADP   prep   3
        Moscow    PROPN pobj   8
        .         PUNCT punct  1
    """)
    assert ("dubrovka-theatre", "locatedIn", "moscow") in triples(relations("en", doc))


def test_a_place_named_with_the_head_of_a_larger_place_en():
    # "the Caucasus region of North Ossetia": North Ossetia is a region of the Caucasus.
    doc = parse_table("en", """
        They      PRON  nsubj    1 they
        left      VERB  ROOT     1 leave
        the       DET   det      4
        Caucasus  PROPN compound 4
        region    NOUN  dobj     1
        of        ADP   prep     4
        North     PROPN compound 7
        Ossetia   PROPN pobj     5
        .         PUNCT punct    1
    """)
    assert ("north-ossetia", "locatedIn", "caucasus") in triples(relations("en", doc))


def test_a_place_named_with_its_head_of_a_larger_place_en():
    # "the Stavropol region of Russia": the region is Russia's.
    doc = parse_table("en", """
        They       PRON  nsubj    1 they
        left       VERB  ROOT     1 leave
        the        DET   det      4
        Stavropol  PROPN compound 4
        region     NOUN  dobj     1
        of         ADP   prep     4
        Russia     PROPN pobj     5
        .          PUNCT punct    1
    """)
    assert ("stavropol-krai", "country", "russia") in triples(relations("en", doc))


# --------------------------------------------------------------------------
# Seats and leaders in Spanish


def test_an_organisation_with_its_seat_in_a_city_es():
    # "el Tribunal Europeo de Derechos Humanos, con sede en Estrasburgo, condenó a Rusia"
    doc = parse_table("es", """
        El          DET   det    1 el
        Tribunal    PROPN nsubj  12
        Europeo     PROPN flat   1
        de          ADP   case   4
        Derechos    PROPN flat   1
        Humanos     PROPN flat   1
        ,           PUNCT punct  8
        con         ADP   case   8
        sede        NOUN  nmod   1
        en          ADP   case   10
        Estrasburgo PROPN nmod   8
        ,           PUNCT punct  8
        condenó     VERB  ROOT   12 condenar
        a           ADP   case   14
        Rusia       PROPN obj    12
        .           PUNCT punct  12
    """)
    [relation] = [r for r in relations("es", doc) if r.predicate == "headquarters"]
    assert (relation.subject, relation.object, relation.rule) == ("european-court-of-human-rights", "strasbourg", "es-con-sede-en")


def test_a_place_situated_in_another_es():
    # "Beslán, situada en Osetia del Norte, recordó a las víctimas"
    doc = parse_table("es", """
        Beslán     PROPN nsubj  8
        ,          PUNCT punct  2
        situada    ADJ   amod   0 situado
        en         ADP   case   4
        Osetia     PROPN obl    2
        del        ADP   case   6
        Norte      PROPN flat   4
        ,          PUNCT punct  2
        recordó    VERB  ROOT   8 recordar
        .          PUNCT punct  8
    """)
    assert triples(relations("es", doc)) == {("beslan", "locatedIn", "north-ossetia")}


def test_the_president_of_a_republic_leads_it_es():
    # "El presidente de Kabardino-Balkaria, Arsen Kanokov, afirmó"
    doc = parse_table("es", """
        El                  DET   det    1 el
        presidente          NOUN  nsubj  8
        de                  ADP   case   3
        Kabardino-Balkaria  PROPN nmod   1
        ,                   PUNCT punct  5
        Arsen               PROPN appos  1
        Kanokov             PROPN flat   5
        ,                   PUNCT punct  5
        afirmó              VERB  ROOT   8 afirmar
        .                   PUNCT punct  8
    """, ents=[(5, 7, "PER")])
    assert ("kabardino-balkaria", "ledBy", "person-arsen-kanokov") in triples(relations("es", doc))


def test_a_leaders_title_narrowed_by_another_word_leads_no_country_en():
    # "Chechen separatist leader Dzhokhar Dudayev": he is Chechen, and leads the separatists.
    doc = parse_table("en", """
        They        PRON  nsubj    1 they
        met         VERB  ROOT     1 meet
        Chechen     PROPN compound 5
        separatist  NOUN  amod     5
        leader      NOUN  compound 7
        Dzhokhar    PROPN compound 7
        Dudayev     PROPN dobj     1
        .           PUNCT punct    1
    """)
    found = triples(relations("en", doc))
    assert ("dzhokhar-dudayev", "nationality", "chechnya") in found
    assert not {t for t in found if t[1] == "ledBy"}


# --------------------------------------------------------------------------
# Addresses and lists in parentheses, read from the words' order


def test_an_address_puts_each_place_in_the_next_and_all_in_its_country_en():
    # "It happened in Amasra, Bartın Province, Russia." (a country the KB knows)
    doc = parse_table("en", """
        It       PRON  nsubj    1
        happened VERB  ROOT     1 happen
        in       ADP   prep     1
        Amasra   PROPN pobj     2
        ,        PUNCT punct    3
        Bartın   PROPN compound 6
        Province PROPN conj     3
        ,        PUNCT punct    6
        Russia   PROPN npadvmod 6
        .        PUNCT punct    1
    """, ents=((3, 4, "GPE"), (5, 7, "GPE"), (8, 9, "GPE")))
    found = {t for t in triples(relations("en", doc)) if t[1] in ("locatedIn", "country")}
    assert found == {("place-amasra", "locatedIn", "place-bartin-province"), ("place-amasra", "country", "russia"),
                     ("place-bartin-province", "country", "russia")}


def test_an_address_in_parentheses_es():
    # "Ocurrió en Pamplona (Navarra, Rusia)."
    doc = parse_table("es", """
        Ocurrió   VERB  ROOT   0 ocurrir
        en        ADP   case   2
        Pamplona  PROPN obl    0
        (         PUNCT punct  4
        Navarra   PROPN appos  2
        ,         PUNCT punct  6
        Rusia     PROPN appos  4
        )         PUNCT punct  4
        .         PUNCT punct  0
    """, ents=((2, 3, "LOC"), (4, 5, "LOC"), (6, 7, "LOC")))
    found = {t for t in triples(relations("es", doc)) if t[1] in ("locatedIn", "country")}
    assert ("place-pamplona", "locatedIn", "place-navarra") in found
    assert {("place-pamplona", "country", "russia"), ("place-navarra", "country", "russia")} <= found


def test_a_list_of_places_with_a_conjunction_is_no_address():
    # "Lyon, Marseille and Russia": a list, not an address.
    doc = parse_table("en", """
        Lyon      PROPN ROOT   0
        ,         PUNCT punct  0
        Marseille PROPN conj   0
        and       CCONJ cc     2
        Russia    PROPN conj   2
        .         PUNCT punct  0
    """, ents=((0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE")))
    assert not [r for r in relations("en", doc) if r.rule.endswith("address-chain")]



@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        # "Waves hit France, Canada, Dagestan, Ukraine.": no conjunction, and the parse
        # hangs each name on the one before, as an address's.
        ("en", """
            Waves     NOUN  nsubj  1 wave
            hit       VERB  ROOT   1
            France    PROPN dobj   1
            ,         PUNCT punct  2
            Canada    PROPN appos  2
            ,         PUNCT punct  4
            Dagestan  PROPN appos  4
            ,         PUNCT punct  6
            Ukraine   PROPN appos  6
            .         PUNCT punct  1
        """, ((2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE"), (8, 9, "GPE"))),
        # "Las olas llegaron a Francia, Canadá, Daguestán, Ucrania."
        ("es", """
            Las        DET   det    1 el
            olas       NOUN  nsubj  2 ola
            llegaron   VERB  ROOT   2 llegar
            a          ADP   case   4
            Francia    PROPN obl    2
            ,          PUNCT punct  6
            Canadá     PROPN appos  4
            ,          PUNCT punct  8
            Daguestán  PROPN appos  6
            ,          PUNCT punct  10
            Ucrania    PROPN appos  8
            .          PUNCT punct  2
        """, ((4, 5, "LOC"), (6, 7, "LOC"), (8, 9, "LOC"), (10, 11, "LOC"))),
    ],
)
def test_places_listed_with_commas_alone_are_no_address(lang, table, ents):
    # Two countries side by side hold nothing of each other: the commas list, and
    # "Dagestan, Ukraine" is the list's next two members, not a region and its country.
    doc = parse_table(lang, table, ents=ents)
    assert not [r for r in relations(lang, doc) if r.predicate in ("locatedIn", "country")]


def test_a_conjunction_adding_a_place_of_the_last_ones_kind_makes_a_list():
    # "Waves hit Tlalpan, France, and Canada.": the parse finds the conjunction only
    # between the last two, and "Tlalpan, France" read alone is an address.
    doc = parse_table("en", """
        Waves     NOUN  nsubj  1 wave
        hit       VERB  ROOT   1
        Tlalpan   PROPN dobj   1
        ,         PUNCT punct  2
        France    PROPN appos  2
        ,         PUNCT punct  4
        and       CCONJ cc     4
        Canada    PROPN conj   4
        .         PUNCT punct  1
    """, ents=((2, 3, "GPE"), (4, 5, "GPE"), (7, 8, "GPE")))
    assert not [r for r in relations("en", doc) if r.predicate in ("locatedIn", "country")]


def test_an_address_before_a_conjunction_and_a_smaller_place_stays_an_address():
    # "Attacks hit Beslan, North Ossetia and Moscow.": a town added after a
    # region is no member of a list of regions.
    doc = parse_table("en", """
        Attacks   NOUN  nsubj    1 attack
        hit       VERB  ROOT     1
        Beslan    PROPN dobj     1
        ,         PUNCT punct    2
        North     PROPN compound 5
        Ossetia   PROPN appos    2
        and       CCONJ cc       2
        Moscow    PROPN conj     2
        .         PUNCT punct    1
    """, ents=((2, 3, "GPE"), (4, 6, "GPE"), (7, 8, "GPE")))
    assert ("beslan", "locatedIn", "north-ossetia") in triples(relations("en", doc))

def test_organisations_listed_in_parentheses_are_members_es():
    # "la coalición Alianza Cívica (Acme y Initech) ganó"
    doc = parse_table("es", """
        la        DET   det    1 el
        coalición NOUN  nsubj  9
        Alianza   PROPN appos  1
        Cívica    PROPN flat   2
        (         PUNCT punct  5
        Acme      PROPN appos  2
        y         CCONJ cc     7
        Initech   PROPN conj   5
        )         PUNCT punct  5
        ganó      VERB  ROOT   9 ganar
    """, ents=((2, 4, "ORG"), (5, 6, "ORG"), (7, 8, "ORG")))
    found = {t for t in triples(relations("es", doc)) if t[1] == "memberOf"}
    assert found == {("organization-acme", "memberOf", "organization-alianza-civica"),
                     ("organization-initech", "memberOf", "organization-alianza-civica")}


def test_one_organisation_in_parentheses_is_an_acronym_not_a_member():
    doc = parse_table("en", """
        The       DET   det      2
        National  PROPN compound 2
        Institute PROPN nsubj    6
        (         PUNCT punct    4
        NEI       PROPN appos    2
        )         PUNCT punct    4
        won       VERB  ROOT     6 win
    """, ents=((1, 3, "ORG"), (4, 5, "ORG")))
    assert not [r for r in relations("en", doc) if r.predicate == "memberOf"]


# --------------------------------------------------------------------------
# Addresses that name a place of no known size, and names read across commas


@pytest.mark.parametrize(
    ("lang", "table", "rule"),
    [
        # "Floods hit Tlalpan, Dagestan."
        ("en", """
            Floods    NOUN  nsubj  1 flood
            hit       VERB  ROOT   1
            Tlalpan   PROPN dobj   1
            ,         PUNCT punct  2
            Dagestan  PROPN appos  2
            .         PUNCT punct  1
        """, "en-place-comma-place"),
        # "Las lluvias inundaron Tlalpan, Daguestán.", the region hung on the verb
        ("es", """
            Las        DET   det    1 el
            lluvias    NOUN  nsubj  2 lluvia
            inundaron  VERB  ROOT   2 inundar
            Tlalpan    PROPN obj    2
            ,          PUNCT punct  5
            Daguestán  PROPN obl    2
            .          PUNCT punct  2
        """, "es-place-sequence"),
    ],
)
def test_an_address_puts_a_place_of_no_known_size_in_the_ranked_place_after_it(lang, table, rule):
    doc = parse_table(lang, table, ents=((3, 4, "LOC"),) if lang == "es" else ((2, 3, "GPE"),))
    [relation] = [r for r in relations(lang, doc) if r.predicate == "locatedIn"]
    assert (relation.subject, relation.object, relation.rule) == ("place-tlalpan", "dagestan", rule)


@pytest.mark.parametrize(
    ("words", "ents"),
    [
        # "Dagestan, Tlalpan": the ranked place comes first; no address reads so.
        (("Dagestan", "Tlalpan"), ((4, 5, "GPE"),)),
        # "Tlalpan, Xochimilco": two places of no known size.
        (("Tlalpan", "Xochimilco"), ((2, 3, "GPE"), (4, 5, "GPE"))),
    ],
)
def test_an_address_needs_a_ranked_place_after_the_place_of_no_known_size(words, ents):
    first, second = words
    doc = parse_table("en", f"""
        Floods    NOUN  nsubj  1 flood
        hit       VERB  ROOT   1
        {first}   PROPN dobj   1
        ,         PUNCT punct  2
        {second}  PROPN appos  2
        .         PUNCT punct  1
    """, ents=ents)
    assert not [r for r in relations("en", doc) if r.predicate in ("locatedIn", "country")]


@pytest.mark.parametrize(
    ("lang", "table", "rule"),
    [
        # "Ana Díaz, de la coalición Alianza Cívica, ganó": the parser hangs
        # the phrase on the verb, not on the name.
        ("es", """
            Ana        PROPN nsubj  9
            Díaz       PROPN flat   0
            ,          PUNCT punct  5
            de         ADP   case   5
            la         DET   det    5 el
            coalición  NOUN  obl    9
            Alianza    PROPN appos  5
            Cívica     PROPN flat   6
            ,          PUNCT punct  5
            ganó       VERB  ROOT   9 ganar
            .          PUNCT punct  9
        """, "es-persona-coma-de-org"),
        # "Ana Diaz, of the Civic Alliance, won"
        ("en", """
            Ana       PROPN compound 1
            Diaz      PROPN nsubj    8
            ,         PUNCT punct    1
            of        ADP   prep     8
            the       DET   det      6
            Civic     PROPN compound 6
            Alliance  PROPN pobj     3
            ,         PUNCT punct    8
            won       VERB  ROOT     8 win
            .         PUNCT punct    8
        """, "en-person-comma-of-org"),
    ],
)
def test_a_name_a_comma_and_an_organisation_after_of_give_membership(lang, table, rule):
    ents = ((0, 2, "PER"), (6, 8, "ORG")) if lang == "es" else ((0, 2, "PERSON"), (5, 7, "ORG"))
    [relation] = [r for r in relations(lang, parse_table(lang, table, ents=ents)) if r.predicate == "memberOf"]
    assert (relation.subject, relation.object, relation.rule) == ("person-ana-diaz", "organization-alianza-civica"
                                                                  if lang == "es" else "organization-civic-alliance", rule)


def test_a_name_a_comma_and_a_place_after_de_give_no_membership_es():
    # "Ana Díaz, de Moscú, ganó"
    doc = parse_table("es", """
        Ana    PROPN nsubj  5
        Díaz   PROPN flat   0
        ,      PUNCT punct  4
        de     ADP   case   4
        Moscú  PROPN nmod   0
        ganó   VERB  ROOT   5 ganar
        .      PUNCT punct  5
    """, ents=((0, 2, "PER"),))
    assert not [r for r in relations("es", doc) if r.predicate == "memberOf"]


def test_a_town_hung_on_a_buildings_name_with_de_holds_the_building_es():
    # "Jugaron en el Estadio Azul de Moscú."
    doc = parse_table("es", """
        Jugaron  VERB  ROOT   0 jugar
        en       ADP   case   3
        el       DET   det    3
        Estadio  PROPN obl    0
        Azul     PROPN flat   3
        de       ADP   case   6
        Moscú    PROPN flat   3
        .        PUNCT punct  0
    """, ents=((3, 5, "LOC"),))
    [relation] = relations("es", doc)
    assert (relation.subject, relation.predicate, relation.object) == ("place-estadio-azul", "locatedIn", "moscow")
    assert (relation.rule, relation.evidence.text) == ("es-place-de-place-flat", "Estadio Azul de Moscú")


@pytest.mark.parametrize(
    ("table", "rule"),
    [
        # "Russia's President Vladimir Putin spoke."
        ("""
            Russia    PROPN poss     2
            's        PART  case     0
            President PROPN compound 4
            Vladimir  PROPN compound 4
            Putin     PROPN nsubj    5
            spoke     VERB  ROOT     5 speak
            .         PUNCT punct    5
        """, "en-place-possessive-title-name"),
        # "Russia's president, Vladimir Putin, spoke."
        ("""
            Russia    PROPN poss     2
            's        PART  case     0
            president NOUN  nsubj    8
            ,         PUNCT punct    2
            Vladimir  PROPN compound 5
            Putin     PROPN appos    2
            ,         PUNCT punct    2
            spoke     VERB  ROOT     8 speak
            .         PUNCT punct    8
        """, "en-place-possessive-title-appos"),
        # "Vladimir Putin was Russia's president."
        ("""
            Vladimir  PROPN compound 1
            Putin     PROPN nsubj    2
            was       AUX   ROOT     2 be
            Russia    PROPN poss     5
            's        PART  case     3
            president NOUN  attr     2
            .         PUNCT punct    2
        """, "en-is-title-of-place"),
        # "Vladimir Putin, who was Russia's president, spoke."
        ("""
            Vladimir  PROPN compound 1
            Putin     PROPN nsubj    9
            ,         PUNCT punct    1
            who       PRON  nsubj    4
            was       AUX   relcl    1 be
            Russia    PROPN poss     7
            's        PART  case     5
            president NOUN  attr     4
            ,         PUNCT punct    1
            spoke     VERB  ROOT     9 speak
            .         PUNCT punct    9
        """, "en-who-was-title-of-place"),
        # "Vladimir Putin was the president of Russia."
        ("""
            Vladimir  PROPN compound 1
            Putin     PROPN nsubj    2
            was       AUX   ROOT     2 be
            the       DET   det      4
            president NOUN  attr     2
            of        ADP   prep     4
            Russia    PROPN pobj     5
            .         PUNCT punct    2
        """, "en-is-title-of-place-of"),
    ],
)
def test_a_places_head_named_after_its_possessive_title_leads_it_en(table, rule):
    [relation] = [r for r in relations("en", parse_table("en", table)) if r.predicate == "ledBy"]
    assert (relation.subject, relation.object, relation.rule) == ("russia", "vladimir-putin", rule)


def test_a_places_envoy_leads_nothing_en():
    # "Russia's envoy Vladimir Putin spoke."
    doc = parse_table("en", """
        Russia    PROPN poss     2
        's        PART  case     0
        envoy     NOUN  compound 4
        Vladimir  PROPN compound 4
        Putin     PROPN nsubj    5
        spoke     VERB  ROOT     5 speak
        .         PUNCT punct    5
    """)
    assert not [r for r in relations("en", doc) if r.predicate == "ledBy"]


@pytest.mark.parametrize(
    ("lang", "table", "ents", "expected", "rule"),
    [
        # "Ana Diaz, an engineer at Acme, spoke."
        ("en", """
            Ana       PROPN compound 1
            Diaz      PROPN nsubj    8
            ,         PUNCT punct    1
            an        DET   det      4
            engineer  NOUN  appos    1
            at        ADP   prep     4
            Acme      PROPN pobj     5
            ,         PUNCT punct    1
            spoke     VERB  ROOT     8 speak
            .         PUNCT punct    8
        """, ((0, 2, "PERSON"), (6, 7, "ORG")), ("person-ana-diaz", "employer", "organization-acme"), "en-role-of-org-employer"),
        # "Ana Diaz, who works for Acme, spoke."
        ("en", """
            Ana       PROPN    compound 1
            Diaz      PROPN    nsubj    8
            ,         PUNCT    punct    1
            who       PRON/WP  nsubj    4
            works     VERB     relcl    1 work
            for       ADP      prep     4
            Acme      PROPN    pobj     5
            ,         PUNCT    punct    1
            spoke     VERB     ROOT     8 speak
            .         PUNCT    punct    8
        """, ((0, 2, "PERSON"), (6, 7, "ORG")), ("person-ana-diaz", "employer", "organization-acme"), "en-who-works-for"),
        # "Ana Diaz, chief executive of Acme, spoke."
        ("en", """
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    8
            ,          PUNCT punct    1
            chief      ADJ   amod     4
            executive  NOUN  appos    1
            of         ADP   prep     4
            Acme       PROPN pobj     5
            ,          PUNCT punct    1
            spoke      VERB  ROOT     8 speak
            .          PUNCT punct    8
        """, ((0, 2, "PERSON"), (6, 7, "ORG")), ("organization-acme", "ledBy", "person-ana-diaz"), "en-chief-executive-of-org"),
        # "Ana Diaz, CEO of Acme, spoke."
        ("en", """
            Ana   PROPN compound 1
            Diaz  PROPN nsubj    7
            ,     PUNCT punct    1
            CEO   PROPN appos    1
            of    ADP   prep     3
            Acme  PROPN pobj     4
            ,     PUNCT punct    1
            spoke VERB  ROOT     7 speak
            .     PUNCT punct    7
        """, ((0, 2, "PERSON"), (5, 6, "ORG")), ("organization-acme", "ledBy", "person-ana-diaz"), "en-role-of-org-leader"),
        # "Ana Díaz, ingeniera de Acme, habló."
        ("es", """
            Ana        PROPN nsubj  7
            Díaz       PROPN flat   0
            ,          PUNCT punct  3
            ingeniera  NOUN  appos  0
            de         ADP   case   5
            Acme       PROPN nmod   3
            ,          PUNCT punct  3
            habló      VERB  ROOT   7 hablar
            .          PUNCT punct  7
        """, ((0, 2, "PER"), (5, 6, "ORG")), ("person-ana-diaz", "employer", "organization-acme"), "es-rol-de-org-empleo"),
        # "La corresponsal de Acme, Ana Díaz, habló."
        ("es", """
            La           DET   det    1 el
            corresponsal NOUN  nsubj  8
            de           ADP   case   3
            Acme         PROPN nmod   1
            ,            PUNCT punct  5
            Ana          PROPN appos  1
            Díaz         PROPN flat   5
            ,            PUNCT punct  5
            habló        VERB  ROOT   8 hablar
            .            PUNCT punct  8
        """, ((3, 4, "ORG"), (5, 7, "PER")), ("person-ana-diaz", "employer", "organization-acme"), "es-cargo-nombre-empleo"),
        # "Ana Díaz, que trabaja para Acme, habló."
        ("es", """
            Ana      PROPN nsubj  8
            Díaz     PROPN flat   0
            ,        PUNCT punct  4
            que      PRON  nsubj  4
            trabaja  VERB  acl    0 trabajar
            para     ADP   case   6
            Acme     PROPN obl    4
            ,        PUNCT punct  4
            habló    VERB  ROOT   8 hablar
            .        PUNCT punct  8
        """, ((0, 2, "PER"), (6, 7, "ORG")), ("person-ana-diaz", "employer", "organization-acme"), "es-que-trabaja"),
    ],
)
def test_roles_and_work_tie_people_to_their_employers_and_leaders(lang, table, ents, expected, rule):
    # (A chief executive also works for the company: tested apart, with the rule "-executive".)
    found = [r for r in relations(lang, parse_table(lang, table, ents=ents))
             if r.predicate in ("employer", "ledBy", "memberOf") and not r.rule.endswith("-executive")]
    assert [((r.subject, r.predicate, r.object), r.rule) for r in found] == [(expected, rule)]


@pytest.mark.parametrize(
    ("table", "ents"),
    [
        # "Ana Diaz, the vice president of Acme, spoke."
        ("""
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    9
            ,          PUNCT punct    1
            the        DET   det      5
            vice       NOUN  compound 5
            president  NOUN  appos    1
            of         ADP   prep     5
            Acme       PROPN pobj     6
            ,          PUNCT punct    1
            spoke      VERB  ROOT     9 speak
            .          PUNCT punct    9
        """, ((0, 2, "PERSON"), (7, 8, "ORG"))),
        # "Vice President of Russia Ana Diaz spoke."
        ("""
            Vice       PROPN compound 1
            President  PROPN nsubj    6
            of         ADP   prep     1
            Russia     PROPN pobj     2
            Ana        PROPN compound 5
            Diaz       PROPN appos    1
            spoke      VERB  ROOT     6 speak
            .          PUNCT punct    6
        """, ((3, 4, "GPE"), (4, 6, "PERSON"))),
    ],
)
def test_a_deputys_title_leads_nothing_en(table, ents):
    found = relations("en", parse_table("en", table, ents=ents))
    assert [r for r in found if r.predicate == "ledBy"] == []


def test_an_executive_who_is_not_the_chief_leads_nothing_en():
    # "Ana Diaz, an executive of Acme, spoke."
    doc = parse_table("en", """
        Ana        PROPN compound 1
        Diaz       PROPN nsubj    8
        ,          PUNCT punct    1
        an         DET   det      4
        executive  NOUN  appos    1
        of         ADP   prep     4
        Acme       PROPN pobj     5
        ,          PUNCT punct    1
        spoke      VERB  ROOT     8 speak
        .          PUNCT punct    8
    """, ents=((0, 2, "PERSON"), (6, 7, "ORG")))
    assert not [r for r in relations("en", doc) if r.predicate in ("ledBy", "employer")]


@pytest.mark.parametrize(
    ("lang", "table", "ents", "expected", "rule"),
    [
        # "Acme Bank, a subsidiary of Acme, failed."
        ("en", """
            Acme        PROPN compound 1
            Bank        PROPN nsubj    8
            ,           PUNCT punct    1
            a           DET   det      4
            subsidiary  NOUN  appos    1
            of          ADP   prep     4
            Initech     PROPN pobj     5
            ,           PUNCT punct    1
            failed      VERB  ROOT     8 fail
            .           PUNCT punct    8
        """, ((0, 2, "ORG"), (6, 7, "ORG")), ("organization-acme-bank", "partOf", "organization-initech"), "en-org-part-of-org"),
        # "Acme Banco, filial de Initech, quebró."
        ("es", """
            Acme     PROPN nsubj  7
            Banco    PROPN flat   0
            ,        PUNCT punct  3
            filial   NOUN  appos  0
            de       ADP   case   5
            Initech  PROPN nmod   3
            ,        PUNCT punct  3
            quebró   VERB  ROOT   7 quebrar
            .        PUNCT punct  7
        """, ((0, 2, "ORG"), (5, 6, "ORG")), ("organization-acme-banco", "partOf", "organization-initech"), "es-org-parte-de-org"),
        # "Ana Diaz was elected president of Acme."
        ("en", """
            Ana        PROPN    compound  1
            Diaz       PROPN    nsubjpass 3
            was        AUX      auxpass   3 be
            elected    VERB/VBN ROOT      3 elect
            president  NOUN     oprd      3
            of         ADP      prep      4
            Acme       PROPN    pobj      5
            .          PUNCT    punct     3
        """, ((0, 2, "PERSON"), (6, 7, "ORG")), ("organization-acme", "ledBy", "person-ana-diaz"), "en-elected-head-of"),
        # "Ana Díaz fue elegida presidenta de Acme."
        ("es", """
            Ana         PROPN nsubj  3
            Díaz        PROPN flat   0
            fue         AUX   aux    3 ser
            elegida     VERB  ROOT   3 elegir
            presidenta  NOUN  xcomp  3
            de          ADP   case   6
            Acme        PROPN nmod   4
            .           PUNCT punct  3
        """, ((0, 2, "PER"), (6, 7, "ORG")), ("organization-acme", "ledBy", "person-ana-diaz"), "es-elegido-cargo-de"),
    ],
)
def test_parts_of_organisations_and_elected_heads(lang, table, ents, expected, rule):
    found = [r for r in relations(lang, parse_table(lang, table, ents=ents)) if r.predicate in ("partOf", "ledBy", "memberOf", "employer")]
    assert [((r.subject, r.predicate, r.object), r.rule) for r in found] == [(expected, rule)]


def test_who_elects_a_head_is_not_the_head_es():
    # "Ana Díaz eligió presidenta de Acme a Eva Gil."
    doc = parse_table("es", """
        Ana         PROPN nsubj  2
        Díaz        PROPN flat   0
        eligió      VERB  ROOT   2 elegir
        presidenta  NOUN  xcomp  2
        de          ADP   case   5
        Acme        PROPN nmod   3
        a           ADP   case   7
        Eva         PROPN obj    2
        Gil         PROPN flat   7
        .           PUNCT punct  2
    """, ents=((0, 2, "PER"), (5, 6, "ORG"), (7, 9, "PER")))
    assert not [r for r in relations("es", doc) if r.predicate == "ledBy"]


@pytest.mark.parametrize(
    ("lang", "table"),
    [
        # "Troops entered the Russian republics of Chechnya and Ingushetia."
        ("en", """
            Troops      NOUN  nsubj    1 troop
            entered     VERB  ROOT     1 enter
            the         DET   det      4
            Russian     ADJ   amod     4 russian
            republics   NOUN  dobj     1 republic
            of          ADP   prep     4
            Chechnya    PROPN pobj     5
            and         CCONJ cc       6
            Ingushetia  PROPN conj     6
            .           PUNCT punct    1
        """),
        # "Las tropas entraron en los estados rusos de Chechenia e Ingushetia."
        ("es", """
            Las         DET   det    1 el
            tropas      NOUN  nsubj  2 tropa
            entraron    VERB  ROOT   2 entrar
            en          ADP   case   5
            los         DET   det    5 el
            estados     NOUN  obl    2 estado
            rusos       ADJ   amod   5 ruso
            de          ADP   case   8
            Chechenia   PROPN nmod   5
            e           CCONJ cc     10
            Ingushetia  PROPN conj   8
            .           PUNCT punct  2
        """),
    ],
)
def test_a_demonym_before_a_place_head_gives_the_country_of_each_place_listed(lang, table):
    found = {(r.subject, r.predicate, r.object): r for r in relations(lang, parse_table(lang, table))}
    assert set(found) == {("chechnya", "country", "russia"), ("ingushetia", "country", "russia")}
    assert found[("ingushetia", "country", "russia")].rule == f"{lang}-demonym"


EXAMPLE_CITIES_ES = """
    Las        DET   det    1 el
    ondas      NOUN  nsubj  2 onda
    llegaron   VERB  ROOT   2 llegar
    a          ADP   case   4
    ciudades   NOUN  obl    2 ciudad
    {after}
"""


@pytest.mark.parametrize(
    ("after", "ents", "links", "expected"),
    [
        # "... a ciudades de Colombia como Tumaco, Cali y Lima.": Lima is Peru's, no example of Colombia's.
        ("""
            de         ADP   case   6
            Colombia   PROPN nmod   4
            como       SCONJ mark   8
            Tumaco     PROPN nmod   4
            ,          PUNCT punct  10
            Cali       PROPN conj   8
            y          CCONJ cc     12
            Lima       PROPN conj   8
            .          PUNCT punct  2
        """, [(6, 7, "LOC"), (8, 9, "LOC"), (10, 11, "LOC"), (12, 13, "LOC")],
         {6: "colombia-q739", 8: "tumaco-q1005555", 10: "cali-q51103", 12: "lima-q2868"},
         {("tumaco-q1005555", "country", "colombia-q739"), ("cali-q51103", "country", "colombia-q739")}),
        # "... a ciudades como Tumaco y Cali.": cities of no place the text says.
        ("""
            como       SCONJ mark   6
            Tumaco     PROPN nmod   4
            y          CCONJ cc     8
            Cali       PROPN conj   6
            .          PUNCT punct  2
        """, [(6, 7, "LOC"), (8, 9, "LOC")], {6: "tumaco-q1005555", 8: "cali-q51103"}, set()),
    ],
)
def test_places_given_as_examples_of_a_kind_of_place_of_a_country_lie_in_it_es(after, ents, links, expected):
    doc = parse_table("es", EXAMPLE_CITIES_ES.format(after=after), ents=ents)
    doc[4].set_morph("Number=Plur")
    _, found = _relations_linked("es", doc, links)
    assert found == expected


@pytest.mark.parametrize(("first", "second", "lie"), [("Arica", "Iquique", True), ("Cali", "Bogotá", False)])
def test_examples_of_a_kind_of_place_said_of_none_lie_in_the_country_their_sentence_named(first, second, lie):
    # "Las protestas llegaron a Chile, sobre todo a ciudades como Arica e Iquique.": the table knows both
    # as Chile's; Cali and Bogotá, Colombia's, are examples of no city of Chile.
    doc = parse_table("es", f"""
        Las        DET   det    1 el
        protestas  NOUN  nsubj  2 protesta
        llegaron   VERB  ROOT   2 llegar
        a          ADP   case   4
        Chile      PROPN obl    2
        ,          PUNCT punct  9
        sobre      ADP   case   9
        todo       PRON  fixed  6
        a          ADP   case   9
        ciudades   NOUN  obl    2 ciudad
        como       SCONJ mark   11
        {first:<10} PROPN nmod   9
        e          CCONJ cc     13
        {second:<10} PROPN conj   11
        .          PUNCT punct  2
    """, ents=[(4, 5, "LOC"), (11, 12, "LOC"), (13, 14, "LOC")])
    doc[9].set_morph("Number=Plur")
    ctx, found = _relations_linked("es", doc, {4: "chile-q298"})
    expected = {(ctx.entity_of_token[i], "country", "chile-q298") for i in (11, 13)}
    assert found == (expected if lie else set())


def test_places_given_as_examples_of_a_kind_of_place_a_demonym_names_lie_in_its_country_en():
    # "Mexico voted. Storms hit Mexican states such as Puebla and Morelos."
    doc = parse_table("en", """
        Mexico     PROPN nsubj    1
        voted      VERB  ROOT     1 vote
        .          PUNCT punct    1
        Storms     NOUN  nsubj    4 storm
        hit        VERB  ROOT     4
        Mexican    ADJ   amod     6
        states     NOUN/NNS dobj  4 state
        such       ADJ   amod     8
        as         ADP   prep     6
        Puebla     PROPN pobj     8
        and        CCONJ cc       9
        Morelos    PROPN conj     9
        .          PUNCT punct    4
    """, ents=[(0, 1, "GPE"), (9, 10, "GPE"), (11, 12, "GPE")])
    ctx, found = _relations_linked("en", doc, {0: "mexico-q96"})
    assert found == {(ctx.entity_of_token[9], "country", "mexico-q96"), (ctx.entity_of_token[11], "country", "mexico-q96")}


def test_places_listed_before_a_kind_of_place_of_a_larger_one_lie_in_it_en():
    # "Slides hit Tarvisa, Olmo and Kunhome villages of Ruritania district, Kerala."
    doc = parse_table("en", """
        Slides     NOUN  nsubj    1 slide
        hit        VERB  ROOT     1
        Tarvisa    PROPN nmod     7
        ,          PUNCT punct    2
        Olmo       PROPN conj     2
        and        CCONJ cc       4
        Kunhome    PROPN conj     4
        villages   NOUN/NNS dobj  1 village
        of         ADP   prep     7
        Ruritania  PROPN compound 10
        district   NOUN  pobj     8
        .          PUNCT punct    1
    """, ents=[(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE"), (9, 11, "GPE")])
    ctx = article_context("en", doc)
    collect_entities(ctx)
    found = {(r.subject, r.predicate, r.object): r for r in extract_relations(ctx, _matcher("en"))}
    district = ctx.entity_of_token[9]
    assert set(found) == {(ctx.entity_of_token[i], "locatedIn", district) for i in (2, 4, 6)}
    assert found[(ctx.entity_of_token[2], "locatedIn", district)].evidence.text == "Tarvisa, Olmo and Kunhome villages"


@pytest.mark.parametrize(("lang", "table", "ents"), [
    # "Alerts went to Cantabria, Navarre, the province of Cordoba and Seville.": a list, no address.
    ("en", """
        Alerts     NOUN  nsubj  1 alert
        went       VERB  ROOT   1 go
        to         ADP   prep   1
        Cantabria  PROPN pobj   2
        ,          PUNCT punct  3
        Navarre    PROPN conj   3
        ,          PUNCT punct  3
        the        DET   det    8
        province   NOUN  appos  3
        of         ADP   prep   8
        Cordoba    PROPN pobj   9
        and        CCONJ cc     8
        Seville    PROPN conj   8
        .          PUNCT punct  1
    """, [(3, 4, "GPE"), (5, 6, "GPE"), (10, 11, "GPE"), (12, 13, "GPE")]),
    ("es", """
        Avisaron   VERB  ROOT   0 avisar
        a          ADP   case   2
        Cantabria  PROPN obj    0
        ,          PUNCT punct  4
        Navarra    PROPN conj   2
        ,          PUNCT punct  7
        la         DET   det    7 el
        provincia  NOUN  appos  2
        de         ADP   case   9
        Córdoba    PROPN nmod   7
        y          CCONJ cc     11
        Sevilla    PROPN conj   2
        .          PUNCT punct  0
    """, [(2, 3, "LOC"), (4, 5, "LOC"), (9, 10, "LOC"), (11, 12, "LOC")]),
])
def test_a_place_in_a_list_is_not_in_the_place_an_apposition_after_it_names(lang, table, ents):
    doc = parse_table(lang, table, ents=ents)
    _, found = _relations_linked(lang, doc, {ents[0][0]: "cantabria-q3946", ents[1][0]: "navarre-q4018"})
    assert not [t for t in found if t[1] in ("locatedIn", "country")]


@pytest.mark.parametrize("chosen", [[0], [1, 2], [0, 2, 3, 6], list(range(7))])
def test_sentences_copied_together_are_what_as_doc_gives_for_each(chosen):
    """The copy of some sentences is each one's ``sent.as_doc()``, joined: names across a sentence's end in neither."""
    import spacy

    from beslan_kg.nlp import relations as module

    vocab = spacy.blank("en").vocab
    # Seven sentences of three words; a name runs from the end of the second into the third.
    words = [w for k in range(7) for w in (f"Town{k}", "held", f"Camp{k}")]
    heads = [3 * k + 1 for k in range(7) for _ in range(3)]
    deps = [d for _ in range(7) for d in ("nsubj", "ROOT", "dobj")]
    ents = ["B-GPE", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC"] + ["O"] * 12
    doc = Doc(vocab, words=words, heads=heads, deps=deps, ents=ents)
    sentences = list(doc.sents)
    assert len(sentences) == 7
    picked = [sentences[k] for k in chosen]

    copy, origin = module._copy_sentences(doc, picked)

    assert origin == [i for sent in picked for i in range(sent.start, sent.end)]
    attrs = doc._get_array_attrs()
    first = 0
    for sent in picked:
        expected = sent.as_doc()
        part = copy[first : first + len(sent)]
        assert part.text_with_ws.strip() == expected.text.strip()
        assert (copy.to_array(attrs)[first : first + len(sent)] == expected.to_array(attrs)).all()
        assert [(e.start - first, e.end - first, e.label_) for e in part.ents] == [(e.start, e.end, e.label_) for e in expected.ents]
        first += len(sent)


# --------------------------------------------------------------------------
# A public body named after the place it sits in


def test_a_court_named_after_a_region_sits_in_it_en():
    # "Ohio voted. The Ohio Supreme Court ruled.": the model keeps the court's name whole.
    doc = parse_table("en", """
        Ohio     PROPN nsubj    1
        voted    VERB  ROOT     1 vote
        .        PUNCT punct    1
        The      DET   det      6
        Ohio     PROPN compound 6
        Supreme  PROPN compound 6
        Court    PROPN nsubj    7
        ruled    VERB  ROOT     7 rule
        .        PUNCT punct    7
    """, ents=[(0, 1, "GPE"), (4, 7, "ORG")])
    ctx = article_context("en", doc)
    collect_entities(ctx)
    [relation] = [r for r in extract_relations(ctx, _matcher("en")) if r.predicate == "locatedIn"]
    court, ohio = ctx.entity_of_token[6], ctx.entity_of_token[0]
    assert (relation.subject, relation.object, relation.evidence.text) == (court, ohio, "Ohio Supreme Court")
    assert ctx.kind_of[court] == "Organization"


def test_a_court_named_after_a_region_sits_in_it_es():
    # "Navarra votó. El Tribunal Superior de Navarra falló."
    doc = parse_table("es", """
        Navarra   PROPN nsubj  1
        votó      VERB  ROOT   1 votar
        .         PUNCT punct  1
        El        DET   det    4 el
        Tribunal  PROPN nsubj  8
        Superior  PROPN flat   4
        de        ADP   case   7
        Navarra   PROPN flat   4
        falló     VERB  ROOT   8 fallar
        .         PUNCT punct  8
    """, ents=[(0, 1, "LOC"), (4, 8, "ORG")])
    ctx = article_context("es", doc)
    collect_entities(ctx)
    found = triples(extract_relations(ctx, _matcher("es")))
    assert (ctx.entity_of_token[4], "locatedIn", ctx.entity_of_token[0]) in found
    assert ctx.kind_of[ctx.entity_of_token[4]] == "Organization"


def test_a_group_named_after_a_region_says_nothing_of_where_it_is():
    # "Ohio voted. The Friends of Ohio marched.": no public body.
    doc = parse_table("en", """
        Ohio     PROPN nsubj    1
        voted    VERB  ROOT     1 vote
        .        PUNCT punct    1
        The      DET   det      4
        Friends  PROPN nsubj    7
        of       ADP   prep     4
        Ohio     PROPN pobj     5
        marched  VERB  ROOT     7 march
        .        PUNCT punct    7
    """, ents=[(0, 1, "GPE"), (4, 7, "ORG")])
    assert not [r for r in relations("en", doc) if r.predicate in ("locatedIn", "country")]


# --------------------------------------------------------------------------
# "the inauguration of X as president of Y": Y is led by X


def _found_with_context(lang: str, doc: Doc):
    ctx = article_context(lang, doc)
    collect_entities(ctx)
    return ctx, triples(extract_relations(ctx, _matcher(lang)))


@pytest.mark.parametrize(
    ("table", "ents", "leader"),
    [
        # "The vote led to the inauguration of Ana Ruiz as president of Chile."
        ("""
            The          DET   det      1
            vote         NOUN  nsubj    2
            led          VERB  ROOT     2 lead
            to           ADP   prep     2
            the          DET   det      5
            inauguration NOUN  pobj     3
            of           ADP   prep     5
            Ana          PROPN compound 8
            Ruiz         PROPN pobj     6
            as           ADP   prep     5
            president    NOUN  pobj     9
            of           ADP   prep     10
            Chile        PROPN pobj     11
            .            PUNCT punct    2
        """, [(7, 9, "PERSON"), (12, 13, "GPE")], 8),
        # "Ana Ruiz named Luis Gil as president of Chile.": the object, not the subject, takes the post.
        ("""
            Ana        PROPN compound 1
            Ruiz       PROPN nsubj    2
            named      VERB  ROOT     2 name
            Luis       PROPN compound 4
            Gil        PROPN dobj     2
            as         ADP   prep     2
            president  NOUN  pobj     5
            of         ADP   prep     6
            Chile      PROPN pobj     7
            .          PUNCT punct    2
        """, [(0, 2, "PERSON"), (3, 5, "PERSON"), (8, 9, "GPE")], 4),
    ],
)
def test_a_person_installed_as_president_of_a_country_leads_it_en(table, ents, leader):
    doc = parse_table("en", table, ents=ents)
    ctx, found = _found_with_context("en", doc)
    chile = next(i for i, t in enumerate(doc) if t.text == "Chile")
    assert [(s, o) for s, p, o in found if p == "ledBy"] == [(ctx.entity_of_token[chile], ctx.entity_of_token[leader])]


def test_a_person_installed_as_president_of_a_government_leads_it_es():
    # "Conllevó la investidura de Ana Ruiz como presidenta del Gobierno de Chile."
    doc = parse_table("es", """
        Conllevó     VERB  ROOT   0 conllevar
        la           DET   det    2 el
        investidura  NOUN  obj    0
        de           ADP   case   4
        Ana          PROPN nmod   2
        Ruiz         PROPN flat   4
        como         SCONJ mark   7
        presidenta   NOUN  nmod   2
        del          ADP   case   9
        Gobierno     PROPN nmod   7
        de           ADP   case   11
        Chile        PROPN flat   9
        .            PUNCT punct  0
    """, ents=[(4, 6, "PER"), (9, 12, "ORG")])
    ctx, found = _found_with_context("es", doc)
    assert (ctx.entity_of_token[9], "ledBy", ctx.entity_of_token[4]) in found


def test_a_title_that_leads_nothing_gives_no_leader_en():
    # "Ana Ruiz was sworn in as envoy of Chile."
    doc = parse_table("en", """
        Ana     PROPN compound  1
        Ruiz    PROPN nsubjpass 3
        was     AUX   auxpass   3 be
        sworn   VERB  ROOT      3 swear
        in      ADP   prt       3
        as      ADP   prep      3
        envoy   NOUN  pobj      5
        of      ADP   prep      6
        Chile   PROPN pobj      7
        .       PUNCT punct     3
    """, ents=[(0, 2, "PERSON"), (8, 9, "GPE")])
    _, found = _found_with_context("en", doc)
    assert not [t for t in found if t[1] == "ledBy"]


def test_the_name_after_a_title_of_a_place_leads_it_en():
    # "The president of Chile, Ana Ruiz, agreed.": the parser hangs the name on the place.
    doc = parse_table("en", """
        The        DET   det      1
        president  NOUN  nsubj    8
        of         ADP   prep     1
        Chile      PROPN pobj     2
        ,          PUNCT punct    3
        Ana        PROPN compound 6
        Ruiz       PROPN appos    3
        ,          PUNCT punct    1
        agreed     VERB  ROOT     8 agree
        .          PUNCT punct    8
    """, ents=[(3, 4, "GPE"), (5, 7, "PERSON")])
    ctx, found = _found_with_context("en", doc)
    assert (ctx.entity_of_token[3], "ledBy", ctx.entity_of_token[6]) in found


def test_a_place_after_sede_in_a_description_of_an_organisation_is_its_headquarters_es():
    # "Acme, una empresa con sede en Lyon, demandó a Initech."
    doc = parse_table("es", """
        Acme     PROPN nsubj  9
        ,        PUNCT punct  3
        una      DET   det    3 uno
        empresa  NOUN  appos  0
        con      ADP   case   5
        sede     NOUN  nmod   3
        en       ADP   case   7
        Lyon     PROPN nmod   3
        ,        PUNCT punct  3
        demandó  VERB  ROOT   9 demandar
        a        ADP   case   11
        Initech  PROPN obj    9
        .        PUNCT punct  9
    """, ents=[(0, 1, "ORG"), (7, 8, "LOC"), (11, 12, "ORG")])
    ctx, found = _found_with_context("es", doc)
    assert (ctx.entity_of_token[0], "headquarters", ctx.entity_of_token[7]) in found
    assert not any(p == "headquarters" and s == ctx.entity_of_token[11] for s, p, _ in found)


@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        # "Acme is headquartered in Lyon."
        ("en", """
            Acme          PROPN nsubjpass 2
            is            AUX   auxpass   2 be
            headquartered VERB/VBN ROOT   2 headquarter
            in            ADP   prep      2
            Lyon          PROPN pobj      3
            .             PUNCT punct     2
        """, [(0, 1, "ORG"), (4, 5, "GPE")]),
        # "Acme was a bank headquartered in Lyon."
        ("en", """
            Acme          PROPN nsubj     1
            was           AUX   ROOT      1 be
            a             DET   det       3
            bank          NOUN  attr      1
            headquartered VERB/VBN acl    3 headquarter
            in            ADP   prep      4
            Lyon          PROPN pobj      5
            .             PUNCT punct     1
        """, [(0, 1, "ORG"), (6, 7, "GPE")]),
        # "Acme es una empresa con sede en Lyon."
        ("es", """
            Acme     PROPN nsubj  3
            es       AUX   cop    3 ser
            una      DET   det    3 uno
            empresa  NOUN  ROOT   3
            con      ADP   case   5
            sede     NOUN  nmod   3
            en       ADP   case   7
            Lyon     PROPN nmod   5
            .        PUNCT punct  3
        """, [(0, 1, "ORG"), (7, 8, "LOC")]),
    ],
)
def test_the_seat_a_clause_gives_an_organisation_is_its_headquarters(lang, table, ents):
    doc = parse_table(lang, table, ents=ents)
    ctx, found = _found_with_context(lang, doc)
    place = next(t.i for t in doc if t.text == "Lyon")
    assert (ctx.entity_of_token[0], "headquarters", ctx.entity_of_token[place]) in found


# --------------------------------------------------------------------------
# Verbs of belonging


def test_a_group_that_belongs_to_another_is_its_member_en():
    # "Yarmuk belongs to the Caucasus Front."
    doc = parse_table("en", """
        Yarmuk    PROPN nsubj    1
        belongs   VERB  ROOT     1 belong
        to        ADP   prep     1
        the       DET   det      5
        Caucasus  PROPN compound 5
        Front     PROPN pobj     2
        .         PUNCT punct    1
    """, ents=((0, 1, "ORG"), (4, 6, "ORG")))
    [relation] = [r for r in relations("en", doc) if r.predicate == "memberOf"]
    assert (relation.rule, relation.evidence.text) == ("en-belongs-to", "Yarmuk belongs to the Caucasus Front")


def test_a_group_a_relative_clause_says_belongs_to_the_name_before_it_es():
    # "Actuaron en nombre del Frente del Cáucaso, al que pertenece el grupo
    # Yarmuk": the parser hangs the clause on "nombre", not on the name.
    doc = parse_table("es", """
        Actuaron  VERB  ROOT   0 actuar
        en        ADP   case   2
        nombre    NOUN  obl    0
        del       ADP   case   5
        Frente    PROPN nmod   2
        del       ADP   case   6
        Cáucaso   PROPN flat   4
        ,         PUNCT punct  10
        al        ADP   case   9
        que       PRON  obj    10
        pertenece VERB  acl    2 pertenecer
        el        DET   det    12
        grupo     NOUN  nsubj  10
        Yarmuk    PROPN appos  12
        .         PUNCT punct  0
    """, ents=((4, 7, "ORG"), (13, 14, "ORG")))
    doc[9].set_morph("PronType=Rel")
    members = {(r.predicate, r.evidence.text) for r in relations("es", doc) if r.rule == "es-belongs-to"}
    assert members == {("memberOf", "Cáucaso, al que pertenece el grupo Yarmuk")}


def test_a_place_that_belongs_to_a_country_is_no_member_of_it_en():
    # "Crimea belongs to Ukraine": who holds a place is no membership.
    doc = parse_table("en", """
        Crimea    PROPN nsubj  1
        belongs   VERB  ROOT   1 belong
        to        ADP   prep   1
        Ukraine   PROPN pobj   2
        .         PUNCT punct  1
    """, ents=((0, 1, "GPE"), (3, 4, "GPE")))
    assert [r for r in relations("en", doc) if r.rule == "en-belongs-to"] == []


# --------------------------------------------------------------------------
# "Y's leader, X"


@pytest.mark.parametrize(
    ("table", "rule"),
    [
        # "Boeing's chief executive, Dave Calhoun, resigned."
        ("""
            Boeing    PROPN poss     3
            's        PART  case     0
            chief     ADJ   amod     3
            executive NOUN  nsubj    8 executive
            ,         PUNCT punct    3
            Dave      PROPN compound 6
            Calhoun   PROPN appos    3
            ,         PUNCT punct    3
            resigned  VERB  ROOT     8 resign
            .         PUNCT punct    8
        """, "en-org-possessive-chief-executive-appos"),
        # "Boeing's president, Dave Calhoun, resigned."
        ("""
            Boeing    PROPN poss     2
            's        PART  case     0
            president NOUN  nsubj    7 president
            ,         PUNCT punct    2
            Dave      PROPN compound 5
            Calhoun   PROPN appos    2
            ,         PUNCT punct    2
            resigned  VERB  ROOT     7 resign
            .         PUNCT punct    7
        """, "en-org-possessive-title-appos"),
    ],
)
def test_the_leader_an_organisations_possessive_title_names_in_apposition_en(table, rule):
    words = [line.split()[0] for line in table.splitlines() if line.strip()]
    name = words.index("Dave")
    doc = parse_table("en", table, ents=((0, 1, "ORG"), (name, name + 2, "PERSON")))
    led = [r for r in relations("en", doc) if r.predicate == "ledBy"]
    assert [(r.rule, r.evidence.text.startswith("Boeing's"), r.evidence.text.endswith("Calhoun")) for r in led] == [(rule, True, True)]


def test_a_spokesman_an_organisations_possessive_names_leads_nothing_en():
    # "Boeing's spokesman, Dave Calhoun, said."
    doc = parse_table("en", """
        Boeing    PROPN poss     2
        's        PART  case     0
        spokesman NOUN  nsubj    7 spokesman
        ,         PUNCT punct    2
        Dave      PROPN compound 5
        Calhoun   PROPN appos    2
        ,         PUNCT punct    2
        said      VERB  ROOT     7 say
        .         PUNCT punct    7
    """, ents=((0, 1, "ORG"), (4, 6, "PERSON")))
    assert [r for r in relations("en", doc) if r.predicate == "ledBy"] == []


def test_a_based_description_before_an_organisations_name_says_where_it_is_en():
    # "The Paris-based company Veolia won."
    doc = parse_table("en", """
        The      DET   det      5
        Paris    PROPN npadvmod 3
        -        PUNCT punct    3
        based    VERB  amod     4 base
        company  NOUN  compound 5
        Veolia   PROPN nsubj    6
        won      VERB  ROOT     6 win
        .        PUNCT punct    6
    """, ents=((1, 2, "GPE"), (5, 6, "ORG")))
    found = [r for r in relations("en", doc) if r.rule == "en-based-description"]
    assert [(r.predicate, r.evidence.text) for r in found] == [("locatedIn", "Paris-based company Veolia")]


# --------------------------------------------------------------------------
# Offices: a chief executive, an "as" title, a successor, a chamber's member


def test_a_chief_executive_before_a_name_leads_and_works_for_the_company_en():
    # "Initech chief executive Ana Diaz resigned." (the tagger takes the company for an adjective)
    doc = parse_table("en", """
        Initech    PROPN amod     2
        chief      ADJ   amod     2
        executive  NOUN  compound 4
        Ana        PROPN compound 4
        Diaz       PROPN nsubj    5
        resigned   VERB  ROOT     5 resign
        .          PUNCT punct    5
    """, ents=((0, 1, "ORG"), (3, 5, "PERSON")))
    found = {(r.subject, r.predicate, r.object): r for r in relations("en", doc)}
    assert found[("organization-initech", "ledBy", "person-ana-diaz")].rule == "en-org-chief-executive-name"
    employer = found[("person-ana-diaz", "employer", "organization-initech")]
    assert (employer.rule, employer.evidence.text) == ("en-executive", "Initech chief executive Ana Diaz")


@pytest.mark.parametrize(("lang", "table", "ents", "expected"), [
    # "Varnica Bank Chairman Ana Diaz spoke.": the body, the title, the person, side by side.
    ("en", """
        Varnica   PROPN compound 1
        Bank      PROPN compound 2
        Chairman  PROPN compound 4
        Ana       PROPN compound 4
        Diaz      PROPN nsubj    5
        spoke     VERB  ROOT     5 speak
        .         PUNCT punct    5
    """, ((0, 2, "ORG"), (3, 5, "PERSON")), {("organization-varnica-bank", "ledBy", "person-ana-diaz")}),
    # "la presidenta del Banco Varnica, Ana Díaz, habló": title, of-word, body, comma, person.
    ("es", """
        la          DET   det    1 el
        presidenta  NOUN  nsubj  9
        del         ADP   case   3
        Banco       PROPN nmod   1
        Varnica     PROPN flat   3
        ,           PUNCT punct  6
        Ana         PROPN appos  1
        Díaz        PROPN flat   6
        ,           PUNCT punct  6
        habló       VERB  ROOT   9 hablar
        .           PUNCT punct  9
    """, ((3, 5, "ORG"), (6, 8, "PER")), {("organization-banco-varnica", "ledBy", "person-ana-diaz")}),
    # A company's chief executive works for it as well.
    ("en", """
        Varnica   PROPN compound 1
        Bank      PROPN compound 2
        CEO       PROPN compound 4
        Ana       PROPN compound 4
        Diaz      PROPN nsubj    5
        spoke     VERB  ROOT     5 speak
        .         PUNCT punct    5
    """, ((0, 2, "ORG"), (3, 5, "PERSON")),
     {("organization-varnica-bank", "ledBy", "person-ana-diaz"), ("person-ana-diaz", "employer", "organization-varnica-bank")}),
    # A group's leader heads it, and is not said to work for it.
    ("en", """
        Varnica   PROPN compound 1
        Front     PROPN compound 2
        leader    NOUN  compound 4
        Ana       PROPN compound 4
        Diaz      PROPN nsubj    5
        spoke     VERB  ROOT     5 speak
        .         PUNCT punct    5
    """, ((0, 2, "ORG"), (3, 5, "PERSON")), {("organization-varnica-front", "ledBy", "person-ana-diaz")}),
])
def test_a_body_a_title_and_a_person_side_by_side_say_who_heads_the_body(lang, table, ents, expected):
    found = {t for t in triples(relations(lang, parse_table(lang, table, ents=ents))) if t[1] in ("ledBy", "employer")}
    assert found == expected


def test_a_head_of_a_group_is_not_said_to_be_employed_by_it_en():
    # "Initech leader Ana Diaz resigned.": only a company's chief executive is its employee.
    doc = parse_table("en", """
        Initech    PROPN compound 1
        leader     NOUN  compound 3
        Ana        PROPN compound 3
        Diaz       PROPN nsubj    4
        resigned   VERB  ROOT     4 resign
        .          PUNCT punct    4
    """, ents=((0, 1, "ORG"), (2, 4, "PERSON")))
    assert triples(relations("en", doc)) == {("organization-initech", "ledBy", "person-ana-diaz")}


def test_an_office_left_as_a_title_passes_to_the_successor_en():
    # "Ana Diaz resigned as Initech CEO and was replaced by Eva Gil."
    doc = parse_table("en", """
        Ana       PROPN compound 1
        Diaz      PROPN nsubj    2
        resigned  VERB  ROOT     2 resign
        as        ADP   prep     2
        Initech   PROPN compound 5
        CEO       PROPN pobj     3
        and       CCONJ cc       2
        was       AUX   auxpass  8 be
        replaced  VERB  conj     2 replace
        by        ADP   agent    8
        Eva       PROPN compound 11
        Gil       PROPN pobj     9
        .         PUNCT punct    2
    """, ents=((0, 2, "PERSON"), (4, 5, "ORG"), (10, 12, "PERSON")))
    found = {(r.subject, r.predicate, r.object): r for r in relations("en", doc)}
    office = found[("organization-initech", "ledBy", "person-ana-diaz")]
    assert (office.rule, office.evidence.text) == ("en-office-as", "resigned as Initech CEO")
    assert found[("organization-initech", "ledBy", "person-eva-gil")].rule == "en-successor"
    assert {(s, o) for s, p, o in found if p == "employer"} == {
        ("person-ana-diaz", "organization-initech"), ("person-eva-gil", "organization-initech")}


def test_a_successor_of_someone_who_led_nothing_leads_nothing_en():
    # "Ana Diaz was replaced by Eva Gil.": no office is named, none passes on.
    doc = parse_table("en", """
        Ana       PROPN compound 1
        Diaz      PROPN nsubjpass 3
        was       AUX   auxpass  3 be
        replaced  VERB  ROOT     3 replace
        by        ADP   agent    3
        Eva       PROPN compound 6
        Gil       PROPN pobj     4
        .         PUNCT punct    3
    """, ents=((0, 2, "PERSON"), (5, 7, "PERSON")))
    assert not [r for r in relations("en", doc) if r.predicate == "ledBy"]


def test_a_chamber_title_makes_a_member_of_the_chamber_the_article_names_es():
    # "El senador Juan Pérez habló en el Senado."
    doc = parse_table("es", """
        El       DET   det    1
        senador  NOUN  nsubj  4
        Juan     PROPN appos  1
        Pérez    PROPN flat   2
        habló    VERB  ROOT   4 hablar
        en       ADP   case   7
        el       DET   det    7
        Senado   PROPN obl    4
        .        PUNCT punct  4
    """, ents=((2, 4, "PER"), (7, 8, "ORG")))
    found = [r for r in relations("es", doc) if r.predicate == "memberOf"]
    assert [(r.subject, r.object, r.rule, r.evidence.text) for r in found] == [
        ("person-juan-perez", "organization-senado", "es-chamber-title", "senador Juan Pérez")]


def test_a_chamber_title_without_its_chamber_named_makes_no_member_en():
    # "Senator Ana Diaz spoke in Congress.": a senator's chamber is not Congress.
    doc = parse_table("en", """
        Senator  PROPN compound 2
        Ana      PROPN compound 2
        Diaz     PROPN nsubj    3
        spoke    VERB  ROOT     3 speak
        in       ADP   prep     3
        Congress PROPN pobj     4
        .        PUNCT punct    3
    """, ents=((1, 3, "PERSON"), (5, 6, "ORG")))
    assert not [r for r in relations("en", doc) if r.predicate == "memberOf"]


def test_a_places_name_before_its_heads_title_says_who_leads_it_en():
    # "Russia President Ana Diaz spoke." ("U.S. President Donald Trump")
    doc = parse_table("en", """
        Russia    PROPN compound 1
        President PROPN compound 3
        Ana       PROPN compound 3
        Diaz      PROPN nsubj    4
        spoke     VERB  ROOT     4 speak
        .         PUNCT punct    4
    """, ents=((0, 1, "GPE"), (2, 4, "PERSON")))
    found = {(r.subject, r.predicate, r.object): r.rule for r in relations("en", doc)}
    assert found.get(("russia", "ledBy", "person-ana-diaz")) == "en-place-possessive-title-name"


def test_a_countrys_name_before_a_bodys_says_whose_it_is_en():
    # "The Russia Congress met.": a country's name before a body's; a town's says nothing.
    doc = parse_table("en", """
        The      DET   det      2
        Russia   PROPN compound 2
        Congress PROPN nsubj    3
        met      VERB  ROOT     3 meet
        .        PUNCT punct    3
    """, ents=((1, 2, "GPE"), (2, 3, "ORG")))
    assert ("organization-congress", "country", "russia") in triples(relations("en", doc))


# --------------------------------------------------------------------------
# "X, in the north-west of Y"


def test_a_locative_phrase_after_a_place_says_where_it_is_es():
    # "Atacaron Kizliar, en el norte de Daguestán, en el sur de Rusia.": the
    # parser hangs each phrase on the verb, as it often does after a comma.
    doc = parse_table("es", """
        Atacaron   VERB  ROOT   0 atacar
        Kizliar    PROPN obj    0
        ,          PUNCT punct  5
        en         ADP   case   5
        el         DET   det    5
        norte      NOUN  obl    0
        de         ADP   case   7
        Daguestán  PROPN nmod   5
        ,          PUNCT punct  11
        en         ADP   case   11
        el         DET   det    11
        sur        NOUN  obl    0
        de         ADP   case   13
        Rusia      PROPN nmod   11
        .          PUNCT punct  0
    """)
    found = {(r.subject, r.predicate, r.object): r for r in relations("es", doc)}
    phrase = found[("kizlyar", "locatedIn", "dagestan")]
    assert (phrase.rule, phrase.evidence.text) == ("es-located-phrase", "Kizliar, en el norte de Daguestán")
    assert ("dagestan", "country", "russia") in found
    # The country is carried down the chain.
    assert ("kizlyar", "country", "russia") in found


def test_a_locative_phrase_naming_a_smaller_place_says_nothing_en():
    # "They fled Dagestan, in the north of Kizlyar." (no region lies in a town)
    doc = parse_table("en", """
        They      PRON  nsubj  1
        fled      VERB  ROOT   1 flee
        Dagestan  PROPN dobj   1
        ,         PUNCT punct  2
        in        ADP   prep   2
        the       DET   det    6
        north     NOUN  pobj   4
        of        ADP   prep   6
        Kizlyar   PROPN pobj   7
        .         PUNCT punct  1
    """)
    assert not [r for r in relations("en", doc) if r.rule == "en-located-phrase"]


def test_a_title_before_a_name_and_a_body_after_it_say_who_leads_the_body_en():
    # "Mayor Eva Gil of Lyon spoke."
    doc = parse_table("en", """
        Mayor  PROPN compound 2
        Eva    PROPN compound 2
        Gil    PROPN nsubj    5
        of     ADP   prep     2
        Lyon   PROPN pobj     3
        spoke  VERB  ROOT     5 speak
        .      PUNCT punct    5
    """, ents=((1, 3, "PERSON"), (4, 5, "GPE")))
    found = {(r.subject, r.predicate, r.object): r.rule for r in relations("en", doc)}
    assert found.get(("place-lyon", "ledBy", "person-eva-gil")) == "en-title-name-of"


def test_a_founder_named_after_the_title_of_a_company_leads_it_en():
    # "The founder of Initech, Eva Gil, spoke." (the parser hangs the name on the company)
    doc = parse_table("en", """
        The      DET   det   1
        founder  NOUN  nsubj 7
        of       ADP   prep  1
        Initech  PROPN pobj  2
        ,        PUNCT punct 3
        Eva      PROPN compound 6
        Gil      PROPN appos 3
        spoke    VERB  ROOT  7 speak
        .        PUNCT punct 7
    """, ents=((3, 4, "ORG"), (5, 7, "PERSON")))
    assert ("organization-initech", "ledBy", "person-eva-gil") in triples(relations("en", doc))


def test_a_consejero_delegado_leads_and_works_for_the_company_es():
    # "Ana Díaz, consejera delegada de Initech, habló."
    doc = parse_table("es", """
        Ana        PROPN nsubj  8
        Díaz       PROPN flat   0
        ,          PUNCT punct  3
        consejera  NOUN  appos  0
        delegada   NOUN  amod   3 delegada
        de         ADP   case   6
        Initech    PROPN nmod   3
        ,          PUNCT punct  3
        habló      VERB  ROOT   8 hablar
        .          PUNCT punct  8
    """, ents=((0, 2, "PER"), (6, 7, "ORG")))
    found = {(r.subject, r.predicate, r.object): r.rule for r in relations("es", doc)}
    assert found[("organization-initech", "ledBy", "person-ana-diaz")] == "es-consejero-delegado-de-org"
    assert found[("person-ana-diaz", "employer", "organization-initech")] == "es-executive"


def test_a_person_who_heads_an_organisation_leads_it_es():
    # "Eva Gil, que dirige Initech, habló." (the parser takes "que" for the object)
    doc = parse_table("es", """
        Eva        PROPN nsubj  7
        Gil        PROPN flat   0
        ,          PUNCT punct  4
        que        PRON  obj    4
        dirige     VERB  acl    0 dirigir
        Initech    PROPN nsubj  4
        ,          PUNCT punct  4
        habló      VERB  ROOT   7 hablar
        .          PUNCT punct  7
    """, ents=((0, 2, "PER"), (5, 6, "ORG")))
    assert ("organization-initech", "ledBy", "person-eva-gil") in triples(relations("es", doc))


def test_an_office_passes_to_the_successor_of_a_spanish_passive_es():
    # "Ana Díaz dimitió como presidenta de Initech y fue sustituida por Eva Gil."
    doc = parse_table("es", """
        Ana         PROPN nsubj  2
        Díaz        PROPN flat   0
        dimitió     VERB  ROOT   2 dimitir
        como        SCONJ mark   4
        presidenta  NOUN  obl    2
        de          ADP   case   6
        Initech     PROPN nmod   4
        y           CCONJ cc     9
        fue         AUX   aux    9 ser
        sustituida  VERB  conj   2 sustituir
        por         ADP   case   11
        Eva         PROPN obj    9
        Gil         PROPN flat   11
        .           PUNCT punct  2
    """, ents=((0, 2, "PER"), (6, 7, "ORG"), (11, 13, "PER")))
    found = {(r.subject, r.predicate, r.object): r.rule for r in relations("es", doc)}
    assert ("organization-initech", "ledBy", "person-ana-diaz") in found
    assert found[("organization-initech", "ledBy", "person-eva-gil")] == "es-successor"


def test_a_lawmaker_of_a_party_is_its_member_es():
    # "Juan Pérez, diputado de Initech, habló."
    doc = parse_table("es", """
        Juan      PROPN nsubj  7
        Pérez     PROPN flat   0
        ,         PUNCT punct  3
        diputado  NOUN  appos  0
        de        ADP   case   5
        Initech   PROPN nmod   3
        ,         PUNCT punct  3
        habló     VERB  ROOT   7 hablar
        .         PUNCT punct  7
    """, ents=((0, 2, "PER"), (5, 6, "ORG")))
    assert ("person-juan-perez", "memberOf", "organization-initech") in triples(relations("es", doc))


# --------------------------------------------------------------------------
# Demonyms of the generated table's countries, heads of the article's country


def _link(ctx, token: int, key: str) -> None:
    """Stand a model entity for a knowledge-base entry, as the linker does (blank pipelines have no linker)."""
    from beslan_kg.kb import load_kb

    local = ctx.entity_of_token[token]
    for i, entity in list(ctx.entity_of_token.items()):
        if entity == local:
            ctx.entity_of_token[i] = key
    entry = load_kb()[key]
    ctx.kind_of[key], ctx.class_of[key] = entry.kind, entry.ontology_class


def _relations_linked(lang: str, doc: Doc, links: dict[int, str]) -> tuple:
    ctx = article_context(lang, doc)
    collect_entities(ctx)
    for token, key in links.items():
        _link(ctx, token, key)
    return ctx, triples(extract_relations(ctx, _matcher(lang)))


@pytest.mark.parametrize("title", ["President", "president"])
def test_a_country_s_head_s_title_and_the_country_before_the_name_en(title):
    # "Peru voted. President of Peru Ana Ruiz spoke.": the title, its of-word and the country, then the name.
    doc = parse_table("en", f"""
        Peru       PROPN nsubj    1
        voted      VERB  ROOT     1 vote
        .          PUNCT punct    1
        {title:<10} PROPN nsubj   9 {title}
        of         ADP   prep     3
        Peru       PROPN compound 7
        Ana        PROPN compound 7
        Ruiz       PROPN pobj     4
        .          PUNCT punct    9
        spoke      VERB  ROOT     9 speak
    """, ents=[(0, 1, "GPE"), (5, 6, "GPE"), (6, 8, "PERSON")])
    ctx, found = _relations_linked("en", doc, {0: "peru-q419"})
    assert found == {("peru-q419", "ledBy", ctx.entity_of_token[7])}


@pytest.mark.parametrize(("title", "leads"), [("expresidente", True), ("presidente", True), ("exalumno", False)])
def test_a_former_office_s_title_before_a_body_s_acronym_and_a_name_es(title, leads):
    # "Habló el expresidente de la Federación Tarvisa (FT) Ana Ruiz.": the body he led in the story told.
    doc = parse_table("es", f"""
        Habló       VERB  ROOT   0 hablar
        el          DET   det    2 el
        {title:<11} NOUN  nsubj  0
        de          ADP   case   5
        la          DET   det    5 el
        Federación  PROPN nmod   2
        Tarvisa     PROPN flat   5
        (           PUNCT punct  8
        FT          PROPN appos  5
        )           PUNCT punct  8
        Ana         PROPN appos  2
        Ruiz        PROPN flat   10
        .           PUNCT punct  0
    """, ents=[(5, 7, "ORG"), (8, 9, "ORG"), (10, 12, "PER")])
    ctx, found = _relations_linked("es", doc, {})
    assert ((ctx.entity_of_token[5], "ledBy", ctx.entity_of_token[10]) in found) is leads


def test_a_title_listed_by_lemma_matches_written_with_a_capital_en():
    # "Ana Ruiz, the President of Peru, spoke.": the tagger's proper noun keeps its capital in its lemma.
    doc = parse_table("en", """
        Ana        PROPN compound 1
        Ruiz       PROPN nsubj    8
        ,          PUNCT punct    1
        the        DET   det      4
        President  PROPN appos    1 President
        of         ADP   prep     4
        Peru       PROPN pobj     5
        ,          PUNCT punct    1
        spoke      VERB  ROOT     8 speak
        .          PUNCT punct    8
    """, ents=[(0, 2, "PERSON"), (6, 7, "GPE")])
    ctx, found = _relations_linked("en", doc, {6: "peru-q419"})
    assert ("peru-q419", "ledBy", ctx.entity_of_token[0]) in found


@pytest.mark.parametrize(("work", "carried"), [("coal mine", False), ("Airport", True)])
def test_a_country_is_carried_down_to_a_named_site_not_to_one_its_town_describes_en(work, carried):
    # "Gas exploded in Tarvisa coal mine in Tarvisa, Peru.": the mine is the town's; "Tarvisa Airport", a name, takes the address.
    first, second = work.split() if " " in work else ("", work)
    rows = [("Gas", "NOUN", "nsubj", 1, "gas"), ("exploded", "VERB", "ROOT", 1, "explode"), ("in", "ADP", "prep", 1, "in"),
            ("Tarvisa", "PROPN", "compound", 5, "Tarvisa")]
    rows += [(first, "NOUN", "compound", 5, first)] if first else [("Tarvisa", "PROPN", "compound", 5, "Tarvisa")]
    rows += [(second, "NOUN" if second.islower() else "PROPN", "pobj", 2, second.lower() if second.islower() else second),
             ("in", "ADP", "prep", 5, "in"), ("Tarvisa", "PROPN", "pobj", 6, "Tarvisa"), (",", "PUNCT", "punct", 7, ","),
             ("Peru", "PROPN", "appos", 7, "Peru"), (".", "PUNCT", "punct", 1, ".")]
    table = "\n".join(f"{w} {p} {d} {h} {lem}" for w, p, d, h, lem in rows)
    doc = parse_table("en", table, ents=[(3, 6, "FAC"), (7, 8, "GPE"), (9, 10, "GPE")])
    ctx, found = _relations_linked("en", doc, {9: "peru-q419"})
    site, town = ctx.entity_of_token[3], ctx.entity_of_token[7]
    assert (site, "locatedIn", town) in found and (town, "country", "peru-q419") in found
    assert ((site, "country", "peru-q419") in found) is carried


PERUVIAN_FORCES = """
    Peru       PROPN nsubj    1
    voted      VERB  ROOT     1 vote
    .          PUNCT punct    1
    The        DET   det      6
    Peruvian   PROPN compound 6
    Armed      PROPN compound 6
    Forces     PROPN nsubj    7
    declined   VERB  ROOT     7 decline
    .          PUNCT punct    7
"""


def test_a_generated_countrys_demonym_in_a_nations_body_says_its_country_en():
    doc = parse_table("en", PERUVIAN_FORCES, ents=[(0, 1, "GPE"), (4, 7, "ORG")])
    ctx, found = _relations_linked("en", doc, {0: "peru-q419"})
    assert found == {(ctx.entity_of_token[6], "country", "peru-q419")}


def test_a_generated_countrys_demonym_in_a_nations_body_says_its_country_es():
    # "Bolivia votó. La Central Obrera Boliviana sugirió renunciar."
    doc = parse_table("es", """
        Bolivia    PROPN nsubj  1
        votó       VERB  ROOT   1 votar
        .          PUNCT punct  1
        La         DET   det    4 el
        Central    PROPN nsubj  7
        Obrera     PROPN flat   4
        Boliviana  PROPN flat   4
        sugirió    VERB  ROOT   7 sugerir
        renunciar  VERB  xcomp  7
        .          PUNCT punct  7
    """, ents=[(0, 1, "LOC"), (4, 7, "ORG")])
    ctx, found = _relations_linked("es", doc, {0: "bolivia-q750"})
    assert found == {(ctx.entity_of_token[4], "country", "bolivia-q750")}


def test_a_generated_countrys_demonym_in_another_name_says_nothing_en():
    # "Peru voted. Peruvian Airlines flew.": a firm's name may hold its market or origin.
    doc = parse_table("en", """
        Peru       PROPN nsubj    1
        voted      VERB  ROOT     1 vote
        .          PUNCT punct    1
        Peruvian   PROPN compound 4
        Airlines   PROPN nsubj    5
        flew       VERB  ROOT     5 fly
        .          PUNCT punct    5
    """, ents=[(0, 1, "GPE"), (3, 5, "ORG")])
    _, found = _relations_linked("en", doc, {0: "peru-q419"})
    assert found == set()


def test_a_generated_countrys_demonym_before_a_name_describes_en():
    # "Panama voted. The Panamanian firm Acme Legal closed.": no country stated of the firm.
    doc = parse_table("en", """
        Panama      PROPN nsubj    1
        voted       VERB  ROOT     1 vote
        .           PUNCT punct    1
        The         DET   det      5
        Panamanian  ADJ   amod     5
        firm        NOUN  compound 7
        Acme        PROPN compound 7
        Legal       PROPN nsubj    8
        closed      VERB  ROOT     8 close
        .           PUNCT punct    8
    """, ents=[(0, 1, "GPE"), (6, 8, "ORG")])
    _, found = _relations_linked("en", doc, {0: "panama-q804"})
    assert found == set()


@pytest.mark.parametrize(
    ("lang", "table", "ents"),
    [
        # "Mexico voted. Floods hit the Mexican states of Puebla and Morelos."
        ("en", """
            Mexico     PROPN nsubj    1
            voted      VERB  ROOT     1 vote
            .          PUNCT punct    1
            Floods     NOUN  nsubj    4 flood
            hit        VERB  ROOT     4
            the        DET   det      7
            Mexican    ADJ   amod     7
            states     NOUN  dobj     4 state
            of         ADP   prep     7
            Puebla     PROPN pobj     8
            and        CCONJ cc       9
            Morelos    PROPN conj     9
            .          PUNCT punct    4
        """, [(0, 1, "GPE"), (9, 10, "GPE"), (11, 12, "GPE")]),
        # "México votó. Las lluvias azotaron los estados mexicanos de Puebla y Morelos."
        ("es", """
            México     PROPN nsubj  1
            votó       VERB  ROOT   1 votar
            .          PUNCT punct  1
            Las        DET   det    4 el
            lluvias    NOUN  nsubj  5 lluvia
            azotaron   VERB  ROOT   5 azotar
            los        DET   det    7 el
            estados    NOUN  obj    5 estado
            mexicanos  ADJ   amod   7 mexicano
            de         ADP   case   10
            Puebla     PROPN nmod   7
            y          CCONJ cc     12
            Morelos    PROPN conj   10
            .          PUNCT punct  5
        """, [(0, 1, "LOC"), (10, 11, "LOC"), (12, 13, "LOC")]),
    ],
)
def test_a_generated_countrys_demonym_on_a_places_kind_says_whose_each_place_is(lang, table, ents):
    # The word for the kind of place the names hang on is no name: the demonym says where they lie.
    doc = parse_table(lang, table, ents=ents)
    ctx, found = _relations_linked(lang, doc, {0: "mexico-q96"})
    places = {ctx.entity_of_token[start] for start, _, _ in ents[1:]}
    assert found == {(place, "country", "mexico-q96") for place in places}


def test_a_generated_countrys_demonym_unnamed_country_says_nothing_en():
    doc = parse_table("en", PERUVIAN_FORCES.replace("Peru ", "Lima "), ents=[(0, 1, "GPE"), (4, 7, "ORG")])
    assert not [r for r in relations("en", doc) if r.predicate == "country"]


THEN_PRESIDENT = """
    Peru       PROPN nsubj    1
    voted      VERB  ROOT     1 vote
    .          PUNCT punct    1
    The        DET   det      4
    coup       NOUN  nsubjpass 6
    was        AUX   auxpass  6 be
    led        VERB  ROOT     6 lead
    by         ADP   agent    6
    {qualifier} ADV  advmod   10
    President  PROPN compound 11
    Ana        PROPN compound 11
    Ruiz       PROPN pobj     7
    .          PUNCT punct    6
"""


@pytest.mark.parametrize(("qualifier", "leads"), [("then", True), ("acting", True), ("Vice", False), ("company", False)])
def test_a_head_title_held_at_the_time_makes_the_person_head_of_the_articles_country_en(qualifier, leads):
    doc = parse_table("en", THEN_PRESIDENT.replace("{qualifier}", qualifier), ents=[(0, 1, "GPE"), (10, 12, "PERSON")])
    ctx, found = _relations_linked("en", doc, {0: "peru-q419"})
    expected = {("peru-q419", "ledBy", ctx.entity_of_token[11])}
    assert (found & expected == expected) is leads
    assert not [t for t in found if t[1] == "ledBy" and t not in expected]


def test_a_bare_head_title_is_a_form_of_address_en():
    # "President Ana Ruiz" alone: the sets annotate it only sometimes.
    doc = parse_table("en", THEN_PRESIDENT.replace("{qualifier}", "the"), ents=[(0, 1, "GPE"), (10, 12, "PERSON")])
    _, found = _relations_linked("en", doc, {0: "peru-q419"})
    assert not [t for t in found if t[1] == "ledBy"]


def test_a_head_title_held_at_the_time_es():
    # "Perú votó. Habló el entonces presidente Ana Ruiz."
    doc = parse_table("es", """
        Perú        PROPN nsubj  1
        votó        VERB  ROOT   1 votar
        .           PUNCT punct  1
        Habló       VERB  ROOT   3 hablar
        el          DET   det    6 el
        entonces    ADV   advmod 6
        presidente  NOUN  nsubj  3
        Ana         PROPN appos  6
        Ruiz        PROPN flat   7
        .           PUNCT punct  3
    """, ents=[(0, 1, "LOC"), (7, 9, "PER")])
    ctx, found = _relations_linked("es", doc, {0: "peru-q419"})
    assert ("peru-q419", "ledBy", ctx.entity_of_token[7]) in found


def test_sworn_in_as_president_of_no_country_heads_the_articles_en():
    # "Peru voted. Ana Ruiz was sworn in as the new president."
    doc = parse_table("en", """
        Peru       PROPN nsubj     1
        voted      VERB  ROOT      1 vote
        .          PUNCT punct     1
        Ana        PROPN compound  4
        Ruiz       PROPN nsubjpass 6
        was        AUX   auxpass   6 be
        sworn      VERB  ROOT      6 swear
        in         ADP   prt       6
        as         ADP   prep      6
        the        DET   det       11
        new        ADJ   amod      11
        president  NOUN  pobj      8
        .          PUNCT punct     6
    """, ents=[(0, 1, "GPE"), (3, 5, "PERSON")])
    ctx, found = _relations_linked("en", doc, {0: "peru-q419"})
    assert [t for t in found if t[1] == "ledBy"] == [("peru-q419", "ledBy", ctx.entity_of_token[4])]


@pytest.mark.parametrize(("unit", "expected"), [
    # "Habló el jefe de asesores del Ministerio, Ana Ruiz": she heads the advisers and works for the ministry.
    (["de        ADP   case   4 de", "asesores  NOUN  nmod   2 asesor"], "employer"),
    # "Habló el jefe de Estado del Ministerio, Ana Ruiz": the title's own noun narrows nothing.
    (["de        ADP   case   4 de", "Estado    NOUN  nmod   2 estado"], "ledBy"),
    # "Habló el jefe interino actual del Ministerio, Ana Ruiz"
    (["interino  ADJ   amod   2 interino", "actual    ADJ   amod   2 actual"], "ledBy"),
])
def test_the_head_of_a_unit_of_a_body_works_for_it_es(unit, expected):
    rows = "\n".join(["Habló VERB ROOT 0 hablar", "el DET det 2 el", "jefe NOUN nsubj 0 jefe", *unit,
                      "del ADP case 6 del", "Ministerio PROPN nmod 2 Ministerio", ", PUNCT punct 8 ,",
                      "Ana PROPN appos 2 Ana", "Ruiz PROPN flat 8 Ruiz", ". PUNCT punct 0 ."])
    doc = parse_table("es", rows, ents=[(6, 7, "ORG"), (8, 10, "PER")])
    ctx, found = _found_with_context("es", doc)
    person, ministry = ctx.entity_of_token[8], ctx.entity_of_token[6]
    relations_found = {p for s, p, o in found if {s, o} == {person, ministry}}
    assert relations_found == {expected}


def test_an_organisation_owned_by_another_is_part_of_it_en():
    # "Instagram, owned by Acme Platforms, appealed."
    doc = parse_table("en", """
        Instagram  PROPN nsubj    7
        ,          PUNCT punct    0
        owned      VERB/VBN acl   0 own
        by         ADP   agent    2
        Acme       PROPN compound 5
        Platforms  PROPN pobj     3
        ,          PUNCT punct    0
        appealed   VERB  ROOT     7 appeal
        .          PUNCT punct    7
    """, ents=[(0, 1, "ORG"), (4, 6, "ORG")])
    ctx, found = _found_with_context("en", doc)
    assert found == {(ctx.entity_of_token[0], "partOf", ctx.entity_of_token[4])}


def test_an_organisation_owned_by_a_person_is_part_of_nothing_en():
    # "Instagram, owned by Ana Ruiz, appealed."
    doc = parse_table("en", """
        Instagram  PROPN nsubj    7
        ,          PUNCT punct    0
        owned      VERB/VBN acl   0 own
        by         ADP   agent    2
        Ana        PROPN compound 5
        Ruiz       PROPN pobj     3
        ,          PUNCT punct    0
        appealed   VERB  ROOT     7 appeal
        .          PUNCT punct    7
    """, ents=[(0, 1, "ORG"), (4, 6, "PERSON")])
    _, found = _found_with_context("en", doc)
    assert not [t for t in found if t[1] == "partOf"]


def test_an_organisation_owned_by_another_is_part_of_it_es():
    # "La aerolínea Iberia, propiedad de Acme Group, canceló vuelos."
    doc = parse_table("es", """
        La         DET   det    1 el
        aerolínea  NOUN  nsubj  9
        Iberia     PROPN appos  1
        ,          PUNCT punct  4
        propiedad  NOUN  appos  1
        de         ADP   case   6
        Acme       PROPN nmod   4
        Group      PROPN flat   6
        ,          PUNCT punct  4
        canceló    VERB  ROOT   9 cancelar
        vuelos     NOUN  obj    9 vuelo
        .          PUNCT punct  9
    """, ents=[(2, 3, "ORG"), (6, 8, "ORG")])
    ctx, found = _found_with_context("es", doc)
    assert (ctx.entity_of_token[2], "partOf", ctx.entity_of_token[6]) in found
