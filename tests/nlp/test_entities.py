"""Tests of grouping entity mentions into an article's local entities.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish), then go through the
project's gazetteer and entity filter on a blank pipeline.
"""

from __future__ import annotations

import pytest
from conftest import article_context, blank_pipeline, parse_table
from spacy.tokens import Doc, Span

from beslan_kg.kb import fold, load_kb
from beslan_kg.nlp.context import ArticleContext
from beslan_kg.nlp.entities import collect_entities, collect_parts, slug
from beslan_kg.nlp.gazetteer import INNER_KEY
from beslan_kg.nlp.linker import KBLinker, name_index
from beslan_kg.nlp.rules import load_rules
from beslan_kg.records import LocalEntity, Relation


def read(lang: str, doc: Doc, rules=None) -> tuple[ArticleContext, dict[str, LocalEntity]]:
    """Collect the entities of ``doc``; return the context and the entities by local id."""
    ctx = article_context(lang, doc, rules=rules)
    entities = collect_entities(ctx)
    return ctx, {entity.local_id: entity for entity in entities}


def mentions(entity: LocalEntity) -> list[str]:
    """Return the texts of an entity's mentions, in text order."""
    return [m.text for m in entity.mentions]


# --------------------------------------------------------------------------
# A surname joins the full name


def test_a_surname_joins_the_full_name_en():
    doc = parse_table("en", """
        Akhmed    PROPN compound 1
        Zakayev   PROPN nsubj    2
        met       VERB  ROOT     2 meet
        Ilyas     PROPN compound 4
        Akhmadov  PROPN dobj     2
        in        ADP   prep     2
        London    PROPN pobj     5
        .         PUNCT punct    2
        Akhmadov  PROPN nsubj    9
        denied    VERB  ROOT     9 deny
        any       DET   det      11
        role      NOUN  dobj     9
        .         PUNCT punct    9
    """, ents=((0, 2, "PERSON"), (3, 5, "PERSON"), (6, 7, "GPE"), (8, 9, "PERSON")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-akhmed-zakayev", "person-ilyas-akhmadov", "place-london"]
    assert mentions(entities["person-ilyas-akhmadov"]) == ["Ilyas Akhmadov", "Akhmadov"]
    assert mentions(entities["person-akhmed-zakayev"]) == ["Akhmed Zakayev"]
    assert entities["person-ilyas-akhmadov"].name == "Ilyas Akhmadov"
    assert entities["person-ilyas-akhmadov"].kb_id is None
    assert entities["person-ilyas-akhmadov"].ontology_class == "Person"
    assert entities["place-london"].kind == "Place"


def test_a_surname_without_accent_joins_the_accented_full_name_es():
    doc = parse_table("es", """
        Ajmed     PROPN nsubj  2
        Zakáyev   PROPN flat   0
        habló     VERB  ROOT   2 hablar
        desde     ADP   case   4
        Londres   PROPN obl    2
        .         PUNCT punct  2
        Zakayev   PROPN nsubj  7
        negó      VERB  ROOT   7 negar
        cualquier DET   det    9
        papel     NOUN  obj    7
        .         PUNCT punct  7
    """, ents=((0, 2, "PER"), (4, 5, "LOC"), (6, 7, "PER")))
    ctx, entities = read("es", doc)
    assert sorted(entities) == ["person-ajmed-zakayev", "place-londres"]
    zakayev = entities["person-ajmed-zakayev"]
    assert mentions(zakayev) == ["Ajmed Zakáyev", "Zakayev"]
    assert zakayev.name == "Ajmed Zakáyev"
    assert ctx.entity_of_token[6] == "person-ajmed-zakayev"


# --------------------------------------------------------------------------
# Grouping by knowledge-base key


def test_mentions_are_grouped_by_kb_key_and_named_in_the_article_language():
    doc = parse_table("es", """
        Shamil   PROPN nsubj  2
        Basayev  PROPN flat   0
        huyó     VERB  ROOT   2 huir
        a        ADP   case   4
        Grozny   PROPN obl    2
        .        PUNCT punct  2
        Basáyev  PROPN nsubj  7
        negó     VERB  ROOT   7 negar
        haber    AUX   aux    9
        estado   VERB  xcomp  7 estar
        en       ADP   case   11
        Grozni   PROPN obl    9
        .        PUNCT punct  7
    """)
    ctx, entities = read("es", doc)
    assert sorted(entities) == ["grozny", "shamil-basayev"]
    basayev, grozny = entities["shamil-basayev"], entities["grozny"]
    assert mentions(basayev) == ["Shamil Basayev", "Basáyev"]
    assert mentions(grozny) == ["Grozny", "Grozni"]
    # The label the KB gives in the article's language, not the article's spelling.
    assert (basayev.name, grozny.name) == ("Shamil Basáyev", "Grozni")
    assert (basayev.kb_id, basayev.kind, basayev.ontology_class) == ("shamil-basayev", "Person", "MilitantLeader")
    assert (grozny.kind, grozny.ontology_class) == ("Place", "Settlement")
    assert ctx.class_of["grozny"] == "Settlement"
    assert ctx.kind_of["shamil-basayev"] == "Person"
    assert [i for i, key in sorted(ctx.entity_of_token.items()) if key == "grozny"] == [4, 11]


def test_known_events_are_left_to_the_event_step():
    doc = parse_table("en", """
        Survivors NOUN  nsubj    6 survivor
        of        ADP   prep     0
        the       DET   det      5
        Moscow    PROPN compound 5
        theatre   NOUN  compound 5
        siege     NOUN  pobj     1
        met       VERB  ROOT     6 meet
        in        ADP   prep     6
        Moscow    PROPN pobj     7
        .         PUNCT punct    6
    """)
    ctx, entities = read("en", doc)
    assert list(entities) == ["moscow"]
    # The town inside the event's name is mentioned too; the name's words
    # still stand for the event.
    assert mentions(entities["moscow"]) == ["Moscow", "Moscow"]
    assert [m.start for m in entities["moscow"].mentions] == [doc[3].idx, doc[8].idx]
    assert not {3, 4, 5} & set(ctx.entity_of_token)


def test_leading_determiners_are_trimmed_from_model_entities():
    doc = parse_table("es", """
        La        DET   det    1 el
        Fiscalía  PROPN nsubj  3
        General   PROPN flat   1
        investiga VERB  ROOT   3 investigar
        el        DET   det    5
        caso      NOUN  obj    3
        .         PUNCT punct  3
    """, ents=((0, 3, "ORG"),))
    _, entities = read("es", doc)
    assert list(entities) == ["organization-fiscalia-general"]
    assert mentions(entities["organization-fiscalia-general"]) == ["Fiscalía General"]
    assert entities["organization-fiscalia-general"].ontology_class == "Organization"


# --------------------------------------------------------------------------
# Definite descriptions


def test_the_school_joins_the_one_school_named_before_en():
    doc = parse_table("en", """
        Dmitry    PROPN compound 1
        Medvedev  PROPN nsubj    2
        laid      VERB  ROOT     2 lay
        flowers   NOUN  dobj     2 flower
        at        ADP   prep     2
        School    PROPN pobj     4
        No        PROPN appos    5
        .         PUNCT punct    6
        1         NUM   nummod   6
        in        ADP   prep     5
        Beslan    PROPN pobj     9
        .         PUNCT punct    2
        The       DET   det      13
        school    NOUN  nsubj    14
        reopened  VERB  ROOT     14 reopen
        as        ADP   prep     14
        a         DET   det      17
        memorial  NOUN  pobj     15
        .         PUNCT punct    14
    """)
    ctx, entities = read("en", doc)
    school = entities["beslan-school-no-1"]
    assert mentions(school) == ["School No. 1 in Beslan", "school"]
    assert school.name == "Beslan School No. 1"
    assert ctx.entity_at(doc[13]) == "beslan-school-no-1"


def test_the_school_joins_the_one_school_named_before_es():
    doc = parse_table("es", """
        Medvédev  PROPN nsubj  1
        depositó  VERB  ROOT   1 depositar
        flores    NOUN  obj    1 flor
        en        ADP   case   5
        la        DET   det    5 el
        Escuela   PROPN obl    1
        Nº1       PROPN flat   5
        de        ADP   case   8
        Beslán    PROPN nmod   5
        .         PUNCT punct  1
        La        DET   det    11 el
        escuela   NOUN  nsubj  12
        reabrió   VERB  ROOT   12 reabrir
        como      ADP   case   14
        memorial  NOUN  obl    12
        .         PUNCT punct  12
    """)
    _, entities = read("es", doc)
    # Beslan is named inside the school's name.
    assert sorted(entities) == ["beslan", "beslan-school-no-1", "dmitry-medvedev"]
    assert mentions(entities["beslan"]) == ["Beslán"]
    assert mentions(entities["beslan-school-no-1"]) == ["Escuela Nº1 de Beslán", "escuela"]


def test_the_school_does_not_join_a_building_of_another_class():
    doc = parse_table("en", """
        Putin     PROPN nsubj    1
        visited   VERB  ROOT     1 visit
        the       DET   det      4
        Dubrovka  PROPN compound 4
        Theatre   PROPN dobj     1
        .         PUNCT punct    1
        The       DET   det      7
        school    NOUN  nsubj    9
        was       AUX   auxpass  9 be
        closed    VERB  ROOT     9 close
        .         PUNCT punct    9
    """)
    ctx, entities = read("en", doc)
    assert sorted(entities) == ["dubrovka-theatre", "vladimir-putin"]
    assert mentions(entities["dubrovka-theatre"]) == ["Dubrovka Theatre"]
    assert ctx.entity_at(doc[7]) is None


# "A fire broke out in the Tarvo coal mine", the words 0 to 8 of the tables below.
FIRE_IN_THE_MINE = """
    A          DET   det      1
    fire       NOUN  nsubj    2
    broke      VERB  ROOT     2  break
    out        ADP   prt      2
    in         ADP   prep     2
    the        DET   det      8
    Tarvo      PROPN compound 8
    coal       NOUN  compound 8
    mine       NOUN  pobj     4
"""
MINE_EN = FIRE_IN_THE_MINE + """
    .          PUNCT punct    2
    Miners     NOUN  nsubj    11 miner
    escaped    VERB  ROOT     11 escape
    from       ADP   prep     11
    the        DET   det      14
    mine       NOUN  pobj     12
    .          PUNCT punct    11
"""


def test_a_definite_noun_joins_the_one_name_it_heads_en():
    # "the mine" repeats the head word of "the Tarvo coal mine".
    doc = parse_table("en", MINE_EN, ents=[(6, 9, "FAC")])
    ctx, entities = read("en", doc)
    [key] = [k for k, e in entities.items() if "Tarvo coal mine" in mentions(e)]
    assert mentions(entities[key]) == ["Tarvo coal mine", "mine"]
    assert ctx.entity_at(doc[14]) == key


@pytest.mark.parametrize(("head", "lemma", "joined"), [
    # "Acme Bank failed. Regulators closed the bank.": a capitalised head word is repeated in lower case.
    ("Bank", "bank", True),
    # "Acme Fire spread. Crews fought the fire.": a name an event noun heads is the event's, which
    # the noun tells again; it joins no entity.
    ("Fire", "fire", False),
])
def test_a_definite_noun_joins_a_name_it_heads_unless_an_event_noun_heads_it_en(head, lemma, joined):
    doc = parse_table("en", f"""
        Acme       PROPN compound 1
        {head}     PROPN nsubj    2  {lemma}
        failed     VERB  ROOT     2  fail
        .          PUNCT punct    2
        Crews      NOUN/NNS nsubj 5  crew
        closed     VERB  ROOT     5  close
        the        DET   det      7
        {lemma}    NOUN  dobj     5
        .          PUNCT punct    5
    """, ents=[(0, 2, "ORG")])
    ctx, _ = read("en", doc)
    assert (ctx.entity_at(doc[7]) is not None and ctx.entity_at(doc[7]) == ctx.entity_at(doc[0])) is joined


def test_a_word_for_a_kind_of_place_joins_no_name_it_opens_es():
    # "Estado Olmo reivindicó el ataque. El estado decretó luto.": "el estado" is a state, not Estado Olmo.
    doc = parse_table("es", """
        Estado     PROPN nsubj  2
        Olmo       PROPN flat   0
        reivindicó VERB  ROOT   2  reivindicar
        el         DET   det    4  el
        ataque     NOUN  obj    2
        .          PUNCT punct  2
        El         DET   det    7  el
        estado     NOUN  nsubj  8
        decretó    VERB  ROOT   8  decretar
        luto       NOUN  obj    8
        .          PUNCT punct  8
    """, ents=[(0, 2, "LOC")])
    ctx, _ = read("es", doc)
    assert ctx.entity_at(doc[0]) is not None and ctx.entity_at(doc[7]) is None


def test_a_definite_noun_joins_the_one_name_it_heads_es():
    # "el metro" repeats the head word of "el metro de Moscú" (the knowledge base's), first in Spanish.
    doc = parse_table("es", """
        Hubo       VERB  ROOT     0  haber
        un         DET   det      2  uno
        incendio   NOUN  obj      0
        en         ADP   case     5
        el         DET   det      5
        metro      NOUN  nmod     2
        de         ADP   case     7
        Moscú      PROPN nmod     5
        .          PUNCT punct    0
        Los        DET   det      10 el
        pasajeros  NOUN  nsubj    11 pasajero
        salieron   VERB  ROOT     11 salir
        del        ADP   case     13
        metro      NOUN  obl      11
        .          PUNCT punct    11
    """, ents=[(7, 8, "LOC")])
    ctx, entities = read("es", doc)
    [key] = [k for k, e in entities.items() if "metro de Moscú" in mentions(e)]
    assert mentions(entities[key]) == ["metro de Moscú", "metro"]
    assert ctx.entity_at(doc[13]) == key


def test_a_definite_noun_joins_no_name_when_the_text_told_of_another_such_thing():
    # "A mine [the table's first noun, told without an article] … the Tarvo coal mine … the
    # mine": either may be meant.
    doc = parse_table("en", MINE_EN.replace("fire       NOUN  nsubj    2", "mine       NOUN  nsubj    2"), ents=[(6, 9, "FAC")])
    assert doc[1].text == "mine"
    ctx, _ = read("en", doc)
    assert ctx.entity_at(doc[14]) is None


def test_a_definite_noun_with_a_name_of_its_own_joins_no_other():
    # "the mine in Olmo" is Olmo's mine, not the Tarvo coal mine.
    doc = parse_table("en", FIRE_IN_THE_MINE + """
        and        CCONJ cc       2
        spread     VERB  conj     2
        to         ADP   prep     10
        the        DET   det      13
        mine       NOUN  pobj     11
        in         ADP   prep     13
        Olmo       PROPN pobj     14
        .          PUNCT punct    2
    """, ents=[(6, 9, "FAC"), (15, 16, "GPE")])
    ctx, _ = read("en", doc)
    assert ctx.entity_at(doc[13]) is None


def test_the_school_joins_nothing_when_two_schools_were_named():
    # With the bundled rules only the KB's school is of class School; these
    # rules also class a facility the model finds as a school, so that two
    # schools can be named.
    rules = dict(load_rules("en"))
    rules["entity_labels"] = {**rules["entity_labels"], "FAC": ["Place", "School"]}
    table = """
        Classes    NOUN  nsubj    1 class
        resumed    VERB  ROOT     1 resume
        at         ADP   prep     1
        School     PROPN pobj     2
        No         PROPN appos    3
        .          PUNCT punct    4
        1          NUM   nummod   4
        and        CCONJ cc       2
        at         ADP   conj     2
        the        DET   det      11
        Pushkin    PROPN compound 11
        Gymnasium  PROPN pobj     8
        .          PUNCT punct    1
        The        DET   det      14
        school     NOUN  nsubj    15
        reopened   VERB  ROOT     15 reopen
        .          PUNCT punct    15
    """
    doc = parse_table("en", table, ents=((10, 12, "FAC"),))
    ctx, entities = read("en", doc, rules)
    assert sorted(entities) == ["beslan-school-no-1", "place-pushkin-gymnasium"]
    assert entities["place-pushkin-gymnasium"].ontology_class == "School"
    assert mentions(entities["beslan-school-no-1"]) == ["School No. 1"]
    assert mentions(entities["place-pushkin-gymnasium"]) == ["Pushkin Gymnasium"]
    assert ctx.entity_at(doc[14]) is None

    # Named alone, the KB's school takes the description.
    doc = parse_table("en", table)
    ctx, entities = read("en", doc, rules)
    assert mentions(entities["beslan-school-no-1"]) == ["School No. 1", "school"]


@pytest.mark.parametrize(
    ("second_town", "expected"),
    [
        # One town named: "the town" is Kizlyar, whatever other places are named.
        ("Dagestan", "kizlyar"),
        # Two towns named: which one is meant is a guess, so none is.
        ("Pervomayskoye", None),
    ],
)
def test_the_town_joins_the_only_town_named_before(second_town, expected):
    doc = parse_table("en", f"""
        Fighters  NOUN  nsubj     1 fighter
        raided    VERB  ROOT      1 raid
        Kizlyar   PROPN dobj      1
        and       CCONJ cc        2
        then      ADV   advmod    5
        {second_town} PROPN conj  2
        .         PUNCT punct     1
        The       DET   det       8
        town      NOUN  nsubjpass 10
        was       AUX   auxpass   10 be
        shelled   VERB  ROOT      10 shell
        for       ADP   prep      10
        days      NOUN  pobj      11 day
        .         PUNCT punct     10
    """)
    ctx, entities = read("en", doc)
    assert ctx.entity_at(doc[8]) == expected
    assert mentions(entities["kizlyar"]) == ["Kizlyar"] + (["town"] if expected else [])


def test_the_city_joins_the_only_city_named_before_es():
    doc = parse_table("es", """
        Los          DET   det    1 el
        combatientes NOUN  nsubj  2 combatiente
        asaltaron    VERB  ROOT   2 asaltar
        Kizliar      PROPN obj    2
        .            PUNCT punct  2
        La           DET   det    6 el
        ciudad       NOUN  nsubj  7
        resistió     VERB  ROOT   7 resistir
        .            PUNCT punct  7
    """, ents=((3, 4, "LOC"),))
    ctx, entities = read("es", doc)
    assert mentions(entities["kizlyar"]) == ["Kizliar", "ciudad"]


@pytest.mark.parametrize(
    ("lang", "table", "head", "named"),
    [
        ("en", """
            Fighters  NOUN  nsubj  1 fighter
            left      VERB  ROOT   1 leave
            Grozny    PROPN dobj   1
            and       CCONJ cc     1
            raided    VERB  conj   1 raid
            the       DET   det    6
            town      NOUN  dobj   4
            of        ADP   prep   6
            Kizlyar   PROPN pobj   7
            .         PUNCT punct  1
        """, 6, "kizlyar"),
        ("es", """
            Los          DET   det    1 el
            combatientes NOUN  nsubj  2 combatiente
            salieron     VERB  ROOT   2 salir
            de           ADP   case   4
            Grozni       PROPN obl    2
            y            CCONJ cc     6
            asaltaron    VERB  conj   2 asaltar
            la           DET   det    8 el
            ciudad       NOUN  obj    6
            de           ADP   case   10
            Kizliar      PROPN nmod   8
            .            PUNCT punct  2
        """, 8, "kizlyar"),
    ],
)
def test_a_description_naming_its_own_town_does_not_refer_back(lang, table, head, named):
    # "the town of Kizlyar" names Kizlyar; it is no reference to Grozny.
    doc = parse_table(lang, table)
    ctx, entities = read(lang, doc)
    assert len(entities["grozny"].mentions) == 1
    assert ctx.entity_at(doc[head]) == named


def test_slug_is_folded_ascii():
    assert slug("Ajmed Zakáyev") == "ajmed-zakayev"
    assert slug("Escuela Nº1 de Beslán") == "escuela-no1-de-beslan"
    assert slug("¿?") == "x"


# --------------------------------------------------------------------------
# Parts of a building


def parts(lang: str, doc: Doc, rules=None) -> tuple[ArticleContext, dict[str, LocalEntity], list[Relation]]:
    """Collect the entities of ``doc``, then the parts of its buildings."""
    ctx, _ = read(lang, doc, rules)
    found, relations = collect_parts(ctx)
    return ctx, {entity.local_id: entity for entity in found}, relations


def test_the_schools_gymnasium_is_a_part_of_the_school_en():
    doc = parse_table("en", """
        Relatives  NOUN  nsubj     1  relative
        laid       VERB  ROOT      1  lay
        flowers    NOUN  dobj      1  flower
        at         ADP   prep      1
        School     PROPN pobj      3
        No         PROPN appos     4
        .          PUNCT punct     5
        1          NUM   nummod    5
        .          PUNCT punct     1
        The        DET   det       10
        school     NOUN  poss      12
        's         PART  case      10
        gymnasium  NOUN  nsubjpass 14
        was        AUX   auxpass   14 be
        rebuilt    VERB  ROOT      14 rebuild
        .          PUNCT punct     14
    """)
    ctx, found, relations = parts("en", doc)
    assert list(found) == ["beslan-school-no-1-gymnasium"]
    gym = found["beslan-school-no-1-gymnasium"]
    assert (gym.kind, gym.ontology_class, gym.kb_id) == ("Place", "Building", None)
    assert (gym.part_of, gym.part_name) == ("beslan-school-no-1", "gymnasium")
    assert mentions(gym) == ["gymnasium"]
    assert ctx.entity_at(doc[12]) == "beslan-school-no-1-gymnasium"
    [relation] = relations
    assert (relation.subject, relation.predicate, relation.object) == (
        "beslan-school-no-1-gymnasium", "locatedIn", "beslan-school-no-1")
    assert relation.rule == "en-facility-part"


ES_SCHOOL = """
    Los        DET   det    1  el
    familiares NOUN  nsubj  2  familiar
    visitaron  VERB  ROOT   2  visitar
    la         DET   det    4  el
    Escuela    PROPN obj    2
    Nº1        PROPN flat   4
    de         ADP   case   7
    Beslán     PROPN nmod   4
    .          PUNCT punct  2
"""


def test_the_gymnasium_of_the_school_is_a_part_of_the_school_es():
    doc = parse_table("es", ES_SCHOOL + """
        El            DET   det       10 el
        gimnasio      NOUN  nsubj:pass 15
        de            ADP   case      13
        la            DET   det       13 el
        escuela       NOUN  nmod      10
        fue           AUX   aux:pass  15 ser
        reconstruido  VERB  ROOT      15 reconstruir
        .             PUNCT punct     15
    """)
    _, found, relations = parts("es", doc)
    gym = found["beslan-school-no-1-gymnasium"]
    # The key is the English part name, so both languages make one entity.
    assert (gym.part_of, gym.part_name, gym.name) == ("beslan-school-no-1", "gymnasium", "gimnasio")
    assert [(r.subject, r.predicate, r.object, r.rule) for r in relations] == [
        ("beslan-school-no-1-gymnasium", "locatedIn", "beslan-school-no-1", "es-facility-part")]


def test_the_gymnasium_alone_belongs_to_the_one_school_named_before_es():
    doc = parse_table("es", ES_SCHOOL + """
        El            DET   det       10 el
        gimnasio      NOUN  nsubj:pass 12
        fue           AUX   aux:pass  12 ser
        reconstruido  VERB  ROOT      12 reconstruir
        .             PUNCT punct     12
    """)
    ctx, found, _ = parts("es", doc)
    assert list(found) == ["beslan-school-no-1-gymnasium"]
    assert mentions(found["beslan-school-no-1-gymnasium"]) == ["gimnasio"]
    assert ctx.class_of["beslan-school-no-1-gymnasium"] == "Building"


@pytest.mark.parametrize(("fac", "expected"), [(False, ["beslan-school-no-1-gymnasium"]), (True, [])])
def test_the_gymnasium_alone_belongs_to_no_school_when_two_were_named(fac, expected):
    # As in test_the_school_joins_nothing_when_two_schools_were_named, these
    # rules class a facility the model finds as a school.
    rules = dict(load_rules("en"))
    rules["entity_labels"] = {**rules["entity_labels"], "FAC": ["Place", "School"]}
    doc = parse_table("en", """
        Classes    NOUN  nsubj    1 class
        resumed    VERB  ROOT     1 resume
        at         ADP   prep     1
        School     PROPN pobj     2
        No         PROPN appos    3
        .          PUNCT punct    4
        1          NUM   nummod   4
        and        CCONJ cc       2
        at         ADP   conj     2
        the        DET   det      11
        Pushkin    PROPN compound 11
        Lyceum     PROPN pobj     8
        .          PUNCT punct    1
        The        DET   det      14
        gymnasium  NOUN  nsubj    15
        reopened   VERB  ROOT     15 reopen
        .          PUNCT punct    15
    """, ents=((10, 12, "FAC"),) if fac else ())
    ctx, found, relations = parts("en", doc, rules)
    assert list(found) == expected
    assert len(relations) == len(expected)


def test_a_part_of_a_town_is_no_building_part():
    doc = parse_table("en", """
        Beslan     PROPN poss     2
        's         PART  case     0
        gymnasium  NOUN  nsubj    3
        reopened   VERB  ROOT     3 reopen
        .          PUNCT punct    3
    """)
    _, found, relations = parts("en", doc)
    assert (found, relations) == ({}, [])


# --------------------------------------------------------------------------
# What a token stands for


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes():
    doc = parse_table("en", """
        Putin     PROPN    nsubj    1
        met       VERB     ROOT     1 meet
        Ella      PROPN    compound 3
        Kesayeva  PROPN    dobj     1
        ,         PUNCT    punct    3
        who       PRON/WP  nsubj    6
        heads     VERB     relcl    3 head
        Voice     PROPN    dobj     6
        of        ADP      prep     7
        Beslan    PROPN    pobj     8
        .         PUNCT    punct    1
    """)
    ctx, _ = read("en", doc)
    assert ctx.entity_at(doc[5]) == "ella-kesayeva"


def test_a_description_in_apposition_after_a_name_stands_for_the_name():
    doc = parse_table("en", """
        Mothers  PROPN nsubj   9
        of       ADP   prep    0
        Beslan   PROPN pobj    1
        ,        PUNCT punct   0
        a        DET   det     5
        group    NOUN  appos   0
        of       ADP   prep    5
        parents  NOUN  pobj    6 parent
        ,        PUNCT punct   0
        met      VERB  ROOT    9 meet
        Putin    PROPN dobj    9
        .        PUNCT punct   9
    """)
    ctx, _ = read("en", doc)
    assert ctx.entity_at(doc[5]) == "mothers-of-beslan"
    # The noun inside the description stands for nothing.
    assert ctx.entity_at(doc[7]) is None


@pytest.mark.parametrize("lang, table, name", [
    ("en", """
        Troops    NOUN  nsubj    1 troop
        sealed    VERB  ROOT     1 seal
        off       ADP   prt      1
        the       DET   det      5
        Kizlyar   PROPN compound 5
        district  NOUN  dobj     1
        .         PUNCT punct    1
    """, "Kizlyar district"),
    ("es", """
        Las       DET   det    1 el
        tropas    NOUN  nsubj  2 tropa
        cercaron  VERB  ROOT   2 cercar
        el        DET   det    4
        distrito  NOUN  obj    2
        de        ADP   case   6
        Kizliar   PROPN nmod   4
        .         PUNCT punct  2
    """, "distrito de Kizliar"),
])
def test_a_towns_name_in_a_division_names_the_division_not_the_town(lang, table, name):
    # "Stavropol region" is itself a name in the KB; "Kizlyar district" is not,
    # and a district is not its town: the phrase is a place of its own, unlinked.
    doc = parse_table(lang, table)
    ctx, found = read(lang, doc)
    assert "kizlyar" not in ctx.entity_of_token.values()
    [district] = [e for e in found.values() if e.kind == "Place"]
    assert (district.name, district.kb_id) == (name, None)


def test_a_token_of_a_place_named_inside_a_longer_name_stands_for_the_place():
    doc = parse_table("en", """
        Gunmen       NOUN  nsubj    1 gunman
        seized       VERB  ROOT     1 seize
        the          DET   det      4
        Budyonnovsk  PROPN compound 4
        hospital     NOUN  dobj     1
        .            PUNCT punct    1
    """)
    ctx, _ = read("en", doc)
    assert ctx.entity_at(doc[3]) == "budyonnovsk-hospital"
    # The pipeline indexes the known places inside longer names.
    ctx.inner_of_token = {
        i: span.id_ for span in doc.spans[INNER_KEY] if span.label_ == "Place" for i in range(span.start, span.end)
    }
    assert ctx.entity_at(doc[3]) == "budyonnovsk"
    assert ctx.entity_at(doc[4]) == "budyonnovsk-hospital"


def test_a_region_named_after_its_town_does_not_mention_the_town():
    # "the Kursk region" holds Kursk, which it is named after; "Escuela Nº1 de
    # Beslán" lies in Beslan, which it names.
    doc = parse_table("en", """
        Troops    NOUN  nsubj    1 troop
        entered   VERB  ROOT     1 enter
        the       DET   det      4
        Kursk     PROPN compound 4
        region    NOUN  dobj     1
        .         PUNCT punct    1
    """)
    _, entities = read("en", doc)
    assert list(entities) == ["kursk-oblast"]


# --------------------------------------------------------------------------
# Acronyms and short names join the longer name of the same thing


def test_an_acronym_the_text_spells_out_joins_its_name_es():
    doc = parse_table("es", """
        Lo          PRON  obj      1
        organizó    VERB  ROOT     1 organizar
        la          DET   det      3
        Agencia     PROPN nsubj    1
        Federal     PROPN flat     3
        de          ADP   case     6
        Aguas       PROPN nmod     3
        (           PUNCT punct    8
        AFA         PROPN appos    3
        )           PUNCT punct    8
        .           PUNCT punct    1
        La          DET   det      12
        AFA         PROPN nsubj    13
        calló       VERB  ROOT     13 callar
        .           PUNCT punct    13
    """, ents=((3, 7, "ORG"), (8, 9, "ORG"), (12, 13, "ORG")))
    _, entities = read("es", doc)
    assert sorted(entities) == ["organization-agencia-federal-de-aguas"]
    assert mentions(entities["organization-agencia-federal-de-aguas"]) == ["Agencia Federal de Aguas", "AFA", "AFA"]


def test_an_acronym_before_a_comma_in_the_bracket_joins_its_name_en():
    doc = parse_table("en", """
        It          PRON  nsubj    1
        uses        VERB  ROOT     1 use
        the         DET   det      5
        Open        PROPN compound 5
        Data        PROPN compound 5
        Licence     PROPN dobj     1
        (           PUNCT punct    7
        ODL         PROPN appos    5
        ,           PUNCT punct    7
        v1.0        PROPN appos    7
        )           PUNCT punct    7
        .           PUNCT punct    1
    """, ents=((3, 6, "ORG"), (7, 8, "ORG")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["thing-open-data-licence"]
    assert mentions(entities["thing-open-data-licence"]) == ["Open Data Licence", "ODL"]


def test_an_acronym_before_its_name_joins_it_en():
    doc = parse_table("en", """
        AFA       PROPN nsubj    6
        ,         PUNCT punct    0
        the       DET   det      5
        Federal   PROPN compound 5
        Water     PROPN compound 5
        Agency    PROPN appos    0
        said      VERB  ROOT     6 say
        .         PUNCT punct    6
    """, ents=((0, 1, "ORG"), (3, 6, "ORG")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["organization-federal-water-agency"]


def test_a_bracket_that_is_no_acronym_of_the_name_joins_nothing_en():
    doc = parse_table("en", """
        Acme      PROPN nsubj    4
        (         PUNCT punct    2
        US        PROPN appos    0
        )         PUNCT punct    2
        grew      VERB  ROOT     4 grow
        .         PUNCT punct    4
    """, ents=((0, 1, "ORG"), (2, 3, "GPE")))
    _, entities = read("en", doc)
    assert len(entities) == 2


def test_a_short_name_joins_the_one_longer_name_it_begins_or_ends_en():
    doc = parse_table("en", """
        Voss      PROPN compound 1
        Group     PROPN nsubj    2
        left      VERB  ROOT     2 leave
        the       DET   det      5
        Free      PROPN compound 5
        State     PROPN dobj     2
        of        ADP   prep     5
        Halden    PROPN pobj     6
        .         PUNCT punct    2
        Voss      PROPN nsubj    10
        quit      VERB  ROOT     10
        Halden    PROPN dobj     10
        .         PUNCT punct    10
    """, ents=((0, 2, "ORG"), (4, 8, "GPE"), (9, 10, "ORG"), (11, 12, "GPE")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["organization-voss-group", "place-free-state-of-halden"]
    assert mentions(entities["place-free-state-of-halden"]) == ["Free State of Halden", "Halden"]


_FIRM_THEN_WORD = """
    Voss      PROPN compound 2
    Air       PROPN compound 2
    Lines     PROPN nsubj    3
    sued      VERB  ROOT     3 sue
    .         PUNCT punct    3
    Voss      PROPN nsubj    6
    appealed  VERB  ROOT     6 appeal
    .         PUNCT punct    6
"""
_WORD_THEN_FIRM = """
    Voss      PROPN nsubj    1
    flooded   VERB  ROOT     1 flood
    .         PUNCT punct    1
    Voss      PROPN compound 5
    Air       PROPN compound 5
    Lines     PROPN nsubj    6
    left      VERB  ROOT     6 leave
    .         PUNCT punct    6
"""


@pytest.mark.parametrize(("table", "ents", "joined"), [
    (_FIRM_THEN_WORD, ((0, 3, "ORG"), (5, 6, "GPE")), True),
    (_WORD_THEN_FIRM, ((0, 1, "GPE"), (3, 6, "ORG")), False),
])
def test_a_firm_s_name_cut_short_later_joins_it_though_the_model_took_it_for_a_place_en(table, ents, joined):
    # "Delta Air Lines cancelled flights. Delta later sued ...": the first word of the firm's name, after it;
    # before it, the word may be the town the firm is named after.
    _, entities = read("en", parse_table("en", table, ents=ents))
    assert len(entities) == (1 if joined else 2)
    if joined:
        assert mentions(entities["organization-voss-air-lines"]) == ["Voss Air Lines", "Voss"]


@pytest.mark.parametrize(("longer", "joined"), [("North Halden", False), ("Halden State", False), ("Halden Bay", True)])
def test_a_place_s_name_a_region_word_makes_longer_is_another_place(longer, joined):
    # "Korea" and "North Korea", "Mexico" and "Mexico State": another place; "Halden Bay" is named after it.
    first, second = longer.split()
    doc = parse_table("en", f"""
        {first:9} PROPN compound 1
        {second:9} PROPN nsubj    2
        flooded   VERB  ROOT     2 flood
        .         PUNCT punct    2
        Halden    PROPN nsubj    5
        dried     VERB  ROOT     5 dry
        .         PUNCT punct    5
    """, ents=((0, 2, "GPE"), (4, 5, "GPE")))
    _, entities = read("en", doc)
    assert len(entities) == (1 if joined else 2)


def test_two_people_who_share_a_surname_keep_the_lone_surname_apart_en():
    doc = parse_table("en", """
        Ana       PROPN compound 1
        Varga     PROPN nsubj    5
        and       CCONJ cc       1
        Luis      PROPN compound 4
        Varga     PROPN conj     1
        met       VERB  ROOT     5 meet
        .         PUNCT punct    5
        Varga     PROPN nsubj    8
        spoke     VERB  ROOT     8 speak
        .         PUNCT punct    8
    """, ents=((0, 2, "PERSON"), (3, 5, "PERSON"), (7, 8, "PERSON")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-ana-varga", "person-luis-varga", "person-varga"]


# The model takes a surname alone for an organisation as often as for a person.
@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_a_surname_a_father_and_his_son_share_is_the_father_s_en(label):
    doc = parse_table("en", """
        Luis      PROPN compound 1
        Varga     PROPN nsubj    6
        and       CCONJ cc       1
        Luis      PROPN compound 5
        Varga     PROPN compound 5
        Jr.       PROPN conj     1
        met       VERB  ROOT     6 meet
        .         PUNCT punct    6
        Varga     PROPN nsubj    9
        spoke     VERB  ROOT     9 speak
        .         PUNCT punct    9
    """, ents=((0, 2, "PERSON"), (3, 6, "PERSON"), (8, 9, label)))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-luis-varga", "person-luis-varga-jr"]
    assert mentions(entities["person-luis-varga"]) == ["Luis Varga", "Varga"]


def test_a_full_name_without_the_middle_name_joins_the_full_name_and_so_does_the_surname_en():
    doc = parse_table("en", """
        Tomas     PROPN compound 2
        Ivo       PROPN compound 2
        Brandt    PROPN nsubj    3
        appealed  VERB  ROOT     3 appeal
        .         PUNCT punct    3
        Tomas     PROPN compound 6
        Brandt    PROPN nsubj    7
        lost      VERB  ROOT     7 lose
        .         PUNCT punct    7
        Brandt    PROPN nsubj    10
        left      VERB  ROOT     10 leave
        .         PUNCT punct    10
    """, ents=((0, 3, "PERSON"), (5, 7, "PERSON"), (9, 10, "PERSON")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-tomas-ivo-brandt"]
    assert mentions(entities["person-tomas-ivo-brandt"]) == ["Tomas Ivo Brandt", "Tomas Brandt", "Brandt"]


def test_a_word_inside_a_full_name_joins_it_es():
    doc = parse_table("es", """
        Mariano   PROPN nsubj  3
        Rajoy     PROPN flat   0
        Brey      PROPN flat   0
        perdió    VERB  ROOT   3 perder
        .         PUNCT punct  3
        Rajoy     PROPN nsubj  6
        dimitió   VERB  ROOT   6 dimitir
        .         PUNCT punct  6
        Luiz      PROPN nsubj  13
        Inácio    PROPN flat   8
        Lula      PROPN flat   8
        da        ADP   case   12
        Silva     PROPN flat   8
        ganó      VERB  ROOT   13 ganar
        .         PUNCT punct  13
        Lula      PROPN nsubj  16
        habló     VERB  ROOT   16 hablar
        .         PUNCT punct  16
    """, ents=((0, 3, "PER"), (5, 6, "LOC"), (8, 13, "PER"), (15, 16, "PER")))
    _, entities = read("es", doc)
    # The first of two surnames, taken for a place, and a byname join the full name.
    assert sorted(entities) == ["person-luiz-inacio-lula-da-silva", "person-mariano-rajoy-brey"]
    assert mentions(entities["person-mariano-rajoy-brey"]) == ["Mariano Rajoy Brey", "Rajoy"]
    assert mentions(entities["person-luiz-inacio-lula-da-silva"]) == ["Luiz Inácio Lula da Silva", "Lula"]


def test_a_given_name_inside_a_full_name_is_another_person_en():
    # "Pope Paul died. Cardinal Tomas Paul Vidal spoke. Paul had reigned ten years.": "Paul" is
    # a given name (ontology/lexicon/given-names.yaml), Vidal's middle name, no byname of his.
    doc = parse_table("en", """
        Paul      PROPN nsubj    1
        died      VERB  ROOT     1 die
        .         PUNCT punct    1
        Tomas     PROPN compound 5
        Paul      PROPN compound 5
        Vidal     PROPN nsubj    6
        spoke     VERB  ROOT     6 speak
        .         PUNCT punct    6
        Paul      PROPN nsubj    10
        had       AUX   aux      10 have
        reigned   VERB  ROOT     10 reign
        .         PUNCT punct    10
    """, ents=((0, 1, "PERSON"), (3, 6, "PERSON"), (8, 9, "PERSON")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-paul", "person-tomas-paul-vidal"]
    assert mentions(entities["person-paul"]) == ["Paul", "Paul"]


def test_a_word_inside_two_full_names_and_a_particle_join_neither_es():
    doc = parse_table("es", """
        Ana       PROPN nsubj  7
        Rajoy     PROPN flat   0
        Brey      PROPN flat   0
        y         CCONJ cc     4
        Luis      PROPN conj   0
        Rajoy     PROPN flat   4
        Ruiz      PROPN flat   4
        hablaron  VERB  ROOT   7 hablar
        .         PUNCT punct  7
        Rajoy     PROPN nsubj  10
        dimitió   VERB  ROOT   10 dimitir
        .         PUNCT punct  10
    """, ents=((0, 3, "PER"), (4, 7, "PER"), (9, 10, "PER")))
    _, entities = read("es", doc)
    assert sorted(entities) == ["person-ana-rajoy-brey", "person-luis-rajoy-ruiz", "person-rajoy"]


def test_a_name_that_ends_one_full_name_joins_it_not_the_one_it_stands_inside_en():
    # "Ana Rey succeeded Tomas. Tomas Brandt died. Luis Tomas Vidal spoke.": "Tomas" is
    # Tomas Brandt's first name, and only a middle name of the other.
    doc = parse_table("en", """
        Ana       PROPN compound 1
        Rey       PROPN nsubj    2
        succeeded VERB  ROOT     2 succeed
        Tomas     PROPN dobj     2
        .         PUNCT punct    2
        Tomas     PROPN compound 6
        Brandt    PROPN nsubj    7
        died      VERB  ROOT     7 die
        .         PUNCT punct    7
        Luis      PROPN compound 11
        Tomas     PROPN compound 11
        Vidal     PROPN nsubj    12
        spoke     VERB  ROOT     12 speak
        .         PUNCT punct    12
    """, ents=((0, 2, "PERSON"), (3, 4, "PERSON"), (5, 7, "PERSON"), (9, 12, "PERSON")))
    _, entities = read("en", doc)
    assert mentions(entities["person-tomas-brandt"]) == ["Tomas", "Tomas Brandt"]
    assert mentions(entities["person-luis-tomas-vidal"]) == ["Luis Tomas Vidal"]


@pytest.mark.parametrize(("located", "expected"), [(True, ["place-tarvisa", "place-tarvisa-station"]), (False, ["place-tarvisa-station"])])
def test_a_town_the_text_locates_does_not_join_the_work_named_after_it_en(located, expected):
    # "at Tarvisa station in Tarvisa, Olmo Province": the second is the town; "in Tarvisa" alone may be the station.
    after = [",         PUNCT punct    5", "Olmo      PROPN compound 9", "Province  PROPN appos    5"] if located else []
    rows = ["A         DET   det      1", "blast     NOUN  nsubj    10 blast", "in        ADP   prep     1",
            "Tarvisa   PROPN compound 4", "station   NOUN  pobj     2", "in        ADP   prep     4", "Tarvisa   PROPN pobj     5",
            *after, "killed    VERB  ROOT     10 kill", ".         PUNCT punct    10"]
    if not located:
        rows = [r.replace(" 10", " 7") for r in rows]
    ents = ((3, 5, "FAC"), (6, 7, "GPE")) + (((8, 10, "GPE"),) if located else ())
    doc = parse_table("en", "\n".join(rows), ents=ents)
    _, entities = read("en", doc)
    assert sorted(k for k in entities if k != "place-olmo-province") == expected


def test_a_full_name_two_longer_names_shorten_stays_apart_en():
    doc = parse_table("en", """
        Tomas     PROPN compound 2
        Ivo       PROPN compound 2
        Brandt    PROPN nsubj    7
        and       CCONJ cc       2
        Tomas     PROPN compound 6
        Jan       PROPN compound 6
        Brandt    PROPN conj     2
        met       VERB  ROOT     7 meet
        .         PUNCT punct    7
        Tomas     PROPN compound 10
        Brandt    PROPN nsubj    11
        spoke     VERB  ROOT     11 speak
        .         PUNCT punct    11
    """, ents=((0, 3, "PERSON"), (4, 7, "PERSON"), (9, 11, "PERSON")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-tomas-brandt", "person-tomas-ivo-brandt", "person-tomas-jan-brandt"]


def test_an_entity_the_filter_retypes_gets_a_class_of_its_new_kind_en():
    # The model calls "Opusieran" a place; the noun before it makes it an organisation,
    # whose class cannot stay the place's.
    doc = parse_table("en", """
        The        DET   det      1
        agencies   NOUN  compound 2 agency
        Opusieran  PROPN nsubj    3
        met        VERB  ROOT     3 meet
        .          PUNCT punct    3
    """, ents=((2, 3, "GPE"),))
    _, entities = read("en", doc)
    (entity,) = entities.values()
    assert (entity.kind, entity.ontology_class) == ("Organization", "Organization")


@pytest.mark.parametrize(("lang", "table", "ents", "cls"), [
    # An unknown body's head word says its class: the name's last word in English, its first in Spanish.
    ("en", """
        The        DET   det      3
        Acme       PROPN compound 3
        District   PROPN compound 3
        Court      PROPN nsubj    4
        ruled      VERB  ROOT     4 rule
        .          PUNCT punct    4
    """, ((1, 4, "ORG"),), "Court"),
    ("es", """
        La         DET   det      1  el
        Corte      PROPN nsubj    5
        Suprema    PROPN flat     1
        de         ADP   case     4
        Tarvisa    PROPN flat     1
        falló      VERB  ROOT     5  fallar
        .          PUNCT punct    5
    """, ((1, 5, "ORG"),), "Court"),
    # A word of several classes ("group") says none.
    ("en", """
        The        DET   det      2
        Acme       PROPN compound 2
        Group      PROPN nsubj    3
        met        VERB  ROOT     3  meet
        .          PUNCT punct    3
    """, ((1, 3, "ORG"),), "Organization"),
])
def test_an_unknown_body_s_head_word_gives_its_class(lang, table, ents, cls):
    _, entities = read(lang, parse_table(lang, table, ents=ents))
    (entity,) = entities.values()
    assert (entity.kind, entity.ontology_class) == ("Organization", cls)


# --------------------------------------------------------------------------
# "the country" / "el país" and the lone "la República"


def _linked(doc: Doc, spans: list[tuple[int, int, str]]) -> Doc:
    """Give ``doc`` the entities the linker would, each (start, end, name of a generated region)."""
    kb = load_kb()
    ents = []
    for start, end, name in spans:
        (key,) = [k for k in name_index()[fold(name)] if kb[k].ontology_class == "Region"]
        ents.append(Span(doc, start, end, label="Place", span_id=key))
    doc.ents = ents
    return doc


SONORA_AND_OTHER_ES = """
    Las      DET   det    1 el
    lluvias  NOUN  nsubj  2 lluvia
    inundaron VERB ROOT   2 inundar
    Sonora   PROPN obj    2
    y        CCONJ cc     5
    {other}  PROPN conj   3
    .        PUNCT punct  2
    La       DET   det    8 el
    crecida  NOUN  nsubj  9
    afectó   VERB  ROOT   9 afectar
    al       ADP   case   11
    norte    NOUN  obj    9
    del      ADP   case   13
    país     NOUN  nmod   11
    .        PUNCT punct  9
"""


@pytest.mark.parametrize(("other", "joins"), [("Guerrero", True), ("Texas", False)])
def test_el_pais_is_the_one_country_of_the_places_named_before_es(other, joins):
    # Both regions lie in one country the article never names: "del país" is it.
    # With a region of another country named too, it is no one's.
    doc = _linked(parse_table("es", SONORA_AND_OTHER_ES.format(other=other)), [(3, 4, "Sonora"), (5, 6, other)])
    ctx, entities = read("es", doc)
    kb = load_kb()
    country = kb[doc.ents[0].ent_id_].country
    if joins:
        assert mentions(entities[country]) == ["país"] and entities[country].kb_id == country
        assert ctx.entity_at(doc[13]) == country
    else:
        assert country not in entities and ctx.entity_at(doc[13]) is None


def _countries(doc: Doc, spans: list[tuple[int, int, str]]) -> Doc:
    """Give ``doc`` the entities the linker would, each (start, end, name of a country of the knowledge base)."""
    kb = load_kb()
    doc.ents = [Span(doc, start, end, label="Place", span_id=next(k for k in name_index()[fold(name)] if kb[k].ontology_class == "Country"))
                for start, end, name in spans]
    return doc


@pytest.mark.parametrize(("noun", "name", "mention"), [
    ("provincia", "Lima", "provincia de Lima"),  # named after the city: the division's name
    ("provincias", "Lima", "Lima"),              # a noun several names share
    ("provincia", "Tarvisa", "Tarvisa"),         # no town known by the name: nothing said
])
def test_a_division_named_after_a_town_is_named_with_its_noun_es(noun, name, mention):
    # "Llegó al norte de la provincia de Lima.": no town, nor the table's "Lima Region".
    doc = parse_table("es", f"""
        Llegó      VERB  ROOT   0 llegar
        al         ADP   case   2
        norte      NOUN  obl    0
        de         ADP   case   5
        la         DET   det    5 el
        {noun:<10} NOUN  nmod   2 provincia
        de         ADP   case   7
        {name:<10} PROPN nmod   5
        .          PUNCT punct  0
    """, ents=[(7, 8, "LOC")])
    if noun == "provincias":
        doc[5].set_morph("Number=Plur")
    assert any(load_kb()[k].ontology_class == "Settlement" for k in name_index()[fold("Lima")])
    doc.ents = [Span(doc, 7, 8, label="Place")]  # unlinked, as the linker leaves it
    _, entities = read("es", doc)
    assert [m.text for e in entities.values() for m in e.mentions] == [mention]


@pytest.mark.parametrize(("maker", "joined"), [("Orlav", False), ("A320", True)])
def test_a_maker_s_name_is_no_name_of_its_product(maker, joined):
    # "An Orlav A320 landed. Orlav's engineers spoke.": the firm and the aircraft are two; the
    # designation alone ("the A320's engines") is the aircraft's.
    doc = parse_table("en", f"""
        An         DET   det      2 an
        Orlav      PROPN compound 2
        A320       NOUN  nsubj    3
        landed     VERB  ROOT     3 land
        .          PUNCT punct    3
        {maker:<10} PROPN poss     7
        's         PART  case     5
        engineers  NOUN  nsubj    8 engineer
        spoke      VERB  ROOT     8 speak
        .          PUNCT punct    8
    """, ents=[(1, 2, "ORG"), (5, 6, "ORG")])
    _, entities = read("en", doc)
    product = next(e for e in entities.values() if e.name == "Orlav A320")
    assert product.kind == "Thing"
    assert (maker in [m.text for m in product.mentions]) is joined


TWO_COUNTRIES_ES = """
    Chile      PROPN nsubj  1
    votó       VERB  ROOT   1 votar
    .          PUNCT punct  1
    Las        DET   det    4 el
    ondas      NOUN  nsubj  5 onda
    llegaron   VERB  ROOT   5 llegar
    a          ADP   case   7
    Colombia   PROPN obl    5
    y          CCONJ cc     9
    afectaron  VERB  conj   5 afectar
    ciudades   NOUN  obj    9 ciudad
    de         ADP   case   13
    {det}      DET   det    13
    país       NOUN  nmod   10
    .          PUNCT punct  5
"""


@pytest.mark.parametrize(("det", "refers"), [("ese", True), ("el", True), ("un", False)])
def test_a_country_noun_refers_to_the_country_its_own_sentence_named_es(det, refers):
    # The article named two countries: "ese país" / "el país" is the one its sentence named before it.
    doc = _countries(parse_table("es", TWO_COUNTRIES_ES.format(det=det)), [(0, 1, "Chile"), (7, 8, "Colombia")])
    ctx, _ = read("es", doc)
    assert (ctx.entity_at(doc[13]) == ctx.entity_at(doc[7])) is refers
    assert ctx.entity_at(doc[13]) != ctx.entity_at(doc[0])


@pytest.mark.parametrize(("also", "refers"), [("", True), ("y/CCONJ/cc/9 Perú/PROPN/conj/7", False)])
def test_a_country_noun_refers_to_the_one_country_the_sentence_before_named_es(also, refers):
    # "Chile votó. Las ondas llegaron a Colombia. Afectaron ciudades del país.": the article named two
    # countries, the sentence before one (as where the parser cut a long sentence in two); after "a
    # Colombia y Perú", "del país" is a guess.
    extra = [w.split("/") for w in also.split()]
    shift = len(extra)
    rows = [("Chile", "PROPN", "nsubj", 1), ("votó", "VERB", "ROOT", 1), (".", "PUNCT", "punct", 1),
            ("Las", "DET", "det", 4), ("ondas", "NOUN", "nsubj", 5), ("llegaron", "VERB", "ROOT", 5), ("a", "ADP", "case", 7),
            ("Colombia", "PROPN", "obl", 5), *[(w, pos, dep, int(head)) for w, pos, dep, head in extra], (".", "PUNCT", "punct", 5)]
    start = len(rows)
    rows += [("Afectaron", "VERB", "ROOT", start), ("ciudades", "NOUN", "obj", start), ("del", "ADP", "case", start + 3),
             ("país", "NOUN", "nmod", start + 1), (".", "PUNCT", "punct", start)]
    doc = parse_table("es", "\n".join(" ".join(map(str, row)) for row in rows))
    countries = [(0, 1, "Chile"), (7, 8, "Colombia")] + ([(8 + shift - 1, 8 + shift, "Perú")] if shift else [])
    ctx, _ = read("es", _countries(doc, countries))
    assert (ctx.entity_at(doc[start + 3]) == ctx.entity_at(doc[7])) is refers
    assert ctx.entity_at(doc[start + 3]) in (None, ctx.entity_at(doc[7]))


@pytest.mark.parametrize("plural", [True, False])
def test_a_plural_noun_refers_to_no_one_entity_es(plural):
    # "Hubo protestas en Santiago y en las principales ciudades.": many cities, not Santiago
    # ("la principal ciudad" is the one its sentence named).
    doc = parse_table("es", """
        Hubo        VERB  ROOT   0 haber
        protestas   NOUN  obj    0 protesta
        en          ADP   case   3
        Santiago    PROPN nmod   1
        y           CCONJ cc     8
        en          ADP   case   8
        {det:<11} DET   det    8 el
        {adj:<11} ADJ   amod   8 principal
        {noun:<11} NOUN  conj   3 ciudad
        .           PUNCT punct  0
    """.format(det="las" if plural else "la", adj="principales" if plural else "principal", noun="ciudades" if plural else "ciudad"))
    if plural:
        doc[8].set_morph("Number=Plur")
    doc.ents = [Span(doc, 3, 4, label="Place", span_id="santiago-q2887")]
    assert load_kb()["santiago-q2887"].ontology_class == "Settlement"
    ctx, _ = read("es", doc)
    assert ctx.entity_at(doc[8]) == (None if plural else "santiago-q2887")


@pytest.mark.parametrize(("words", "refers"), [
    ("de/ADP ese/DET", True),  # the demonstrative points at the last one named
    ("del/ADP", False),        # "del país" after two countries is a guess
])
def test_a_demonstrative_refers_to_the_last_country_its_sentence_named_es(words, refers):
    # "Chile y Colombia votaron en ciudades de ese país."
    between = [w.split("/") for w in words.split()]
    country = 6 + len(between)
    rows = [("Chile", "PROPN", "nsubj", 3), ("y", "CCONJ", "cc", 2), ("Colombia", "PROPN", "conj", 0), ("votaron", "VERB", "ROOT", 3),
            ("en", "ADP", "case", 5), ("ciudades", "NOUN", "obl", 3)]
    rows += [(w, pos, "case" if pos == "ADP" else "det", country) for w, pos in between]
    rows += [("país", "NOUN", "nmod", 5), (".", "PUNCT", "punct", 3)]
    doc = parse_table("es", "\n".join(" ".join(map(str, row)) for row in rows))
    ctx, _ = read("es", _countries(doc, [(0, 1, "Chile"), (2, 3, "Colombia")]))
    assert (ctx.entity_at(doc[country]) == ctx.entity_at(doc[2])) is refers
    assert ctx.entity_at(doc[country]) in (None, ctx.entity_at(doc[2]))


def test_the_country_is_the_country_the_article_named_en():
    doc = parse_table("en", """
        Floods    NOUN  nsubj  1 flood
        hit       VERB  ROOT   1
        Sonora    PROPN dobj   1
        .         PUNCT punct  1
        The       DET   det    5
        country   NOUN  nsubj  6
        asked     VERB  ROOT   6 ask
        for       ADP   prep   6
        help      NOUN  pobj   7
        .         PUNCT punct  6
    """)
    doc = _linked(doc, [(2, 3, "Sonora")])
    ctx, entities = read("en", doc)
    country = load_kb()[doc.ents[0].ent_id_].country
    assert mentions(entities[country]) == ["country"]


@pytest.mark.parametrize(("lang", "table"), [
    ("es", """
        Votaron  VERB  ROOT   0 votar
        en       ADP   case   3
        la       DET   det    3 el
        República PROPN obl   0
        .        PUNCT punct  0
    """),
    ("en", """
        Voters   NOUN  nsubj  1 voter
        voted    VERB  ROOT   1 vote
        across   ADP   prep   1
        the      DET   det    4
        Republic PROPN pobj   2
        .        PUNCT punct  1
    """),
])
def test_a_lone_capitalised_description_is_no_entity_of_its_own(lang, table):
    # The model tags "la República" as a name; it only describes an entity (none named here).
    doc = parse_table(lang, table, ents=((3 if lang == "es" else 4, 4 if lang == "es" else 5, "MISC" if lang == "es" else "GPE"),))
    _, entities = read(lang, doc)
    assert entities == {}


# --------------------------------------------------------------------------
# A name the model could not type joins its one typed namesake

NAMESAKES_ES = """
    Rocaverde  PROPN nsubj  1
    ganó       VERB  ROOT   1 ganar
    .          PUNCT punct  1
    Lo         PRON  obj    4 él
    celebró    VERB  ROOT   4 celebrar
    Rocaverde  PROPN nsubj  4
    .          PUNCT punct  4
    Rocaverde  PROPN nsubj  8
    volvió     VERB  ROOT   8 volver
    .          PUNCT punct  8
"""


def test_an_untyped_name_and_a_lone_word_taken_for_a_person_join_the_typed_namesake_es():
    # Tagged an organisation, a person (no person of the article is so called) and a MISC.
    doc = parse_table("es", NAMESAKES_ES, ents=((0, 1, "ORG"), (5, 6, "PER"), (7, 8, "MISC")))
    _, entities = read("es", doc)
    assert list(entities) == ["organization-rocaverde"]
    assert mentions(entities["organization-rocaverde"]) == ["Rocaverde"] * 3


def test_an_untyped_name_stays_apart_from_namesakes_of_two_kinds_es():
    doc = parse_table("es", NAMESAKES_ES, ents=((0, 1, "ORG"), (5, 6, "LOC"), (7, 8, "MISC")))
    _, entities = read("es", doc)
    assert sorted(entities) == ["organization-rocaverde", "place-rocaverde", "thing-rocaverde"]


PRODUCT_EN = """
    The        DET   det      2
    Zorvax     PROPN compound 2
    ransomware NOUN  nsubj    3
    spread     VERB  ROOT     3
    .          PUNCT punct    3
    Zorvax     PROPN nsubj    6
    hit        VERB  ROOT     6
    banks      NOUN  dobj     6 bank
    .          PUNCT punct    6
"""


def test_a_name_a_product_noun_made_a_thing_is_a_thing_wherever_the_model_took_it_for_another_kind_en():
    # "The Zorvax ransomware": a thing; the model's organisation of the same name later is that thing.
    doc = parse_table("en", PRODUCT_EN, ents=((1, 2, "ORG"), (5, 6, "ORG")))
    _, entities = read("en", doc)
    assert list(entities) == ["thing-zorvax"]
    assert mentions(entities["thing-zorvax"]) == ["Zorvax"] * 2


def test_without_a_product_noun_the_model_s_kind_stays_en():
    doc = parse_table("en", PRODUCT_EN.replace("ransomware NOUN  nsubj    3", "firm       NOUN  nsubj    3"),
                      ents=((1, 2, "ORG"), (5, 6, "PERSON")))
    _, entities = read("en", doc)
    assert "thing-zorvax" not in entities


CUED_EN = """
    the        DET   det      4
    consulting NOUN  compound 3
    firm       NOUN  compound 4
    Halden     PROPN compound 4
    Varnica    PROPN nsubj    5
    collected  VERB  ROOT     5 collect
    data       NOUN  dobj     5
    .          PUNCT punct    5
    Halden     PROPN compound 9
    Varnica    PROPN nsubj    10
    sold       VERB  ROOT     10 sell
    it         PRON  dobj     10
    .          PUNCT punct    10
"""


def test_the_model_s_person_joins_a_namesake_the_words_beside_it_typed_en():
    # "the consulting firm Halden Varnica": a firm; the model's person of that name later is the firm.
    doc = parse_table("en", CUED_EN, ents=((3, 5, "ORG"), (8, 10, "PERSON")))
    _, entities = read("en", doc)
    assert list(entities) == ["organization-halden-varnica"]
    assert mentions(entities["organization-halden-varnica"]) == ["Halden Varnica"] * 2


def test_without_a_word_beside_the_name_the_model_s_two_kinds_stay_en():
    doc = parse_table("en", CUED_EN.replace("firm       NOUN  compound 4", "new        ADJ   amod     4"),
                      ents=((3, 5, "ORG"), (8, 10, "PERSON")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["organization-halden-varnica", "person-halden-varnica"]


def test_a_place_named_apart_from_its_feature_noun_is_named_with_it_es():
    # "las placas de Cocos y la Norteamericana": the shared plural noun makes "Cocos" the
    # "placa de Cocos"; the conjunct, an adjective agreeing with the noun, is left as written.
    doc = parse_table("es", """
        entre          ADP   case   2
        las            DET   det    2 el
        placas         NOUN  ROOT   2 placa
        de             ADP   case   4
        Cocos          PROPN nmod   2
        y              CCONJ cc     7
        la             DET   det    7 el
        Norteamericana PROPN conj   4
    """, ents=((4, 5, "LOC"), (7, 8, "LOC")), annotate=False)
    doc[2].set_morph("Gender=Fem|Number=Plur")
    _, gazetteer, entity_filter = blank_pipeline("es")
    _, entities = read("es", entity_filter(gazetteer(doc)))
    assert entities["place-cocos"].name == "placa de Cocos"
    assert entities["place-norteamericana"].name == "Norteamericana"


def test_a_surname_the_model_took_for_a_place_joins_the_person_en():
    doc = parse_table("en", """
        Dana      PROPN compound 1
        Kowalik   PROPN nsubj    2
        resigned  VERB  ROOT     2 resign
        .         PUNCT punct    2
        Kowalik   PROPN nsubjpass 6
        was       AUX   auxpass  6
        fired     VERB  ROOT     6 fire
        .         PUNCT punct    6
    """, ents=((0, 2, "PERSON"), (4, 5, "GPE")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-dana-kowalik"]
    assert mentions(entities["person-dana-kowalik"]) == ["Dana Kowalik", "Kowalik"]


def test_a_firm_the_words_beside_it_call_so_does_not_join_the_person_of_its_name_es():
    doc = parse_table("es", """
        La           DET   det    1
        constructora NOUN  nsubj  3
        Tarvisa      PROPN appos  1
        pagó         VERB  ROOT   3 pagar
        .            PUNCT punct  3
        Marta        PROPN nsubj  7
        Tarvisa      PROPN flat   5
        dimitió      VERB  ROOT   7 dimitir
        .            PUNCT punct  7
    """, ents=((2, 3, "MISC"), (5, 7, "PER")))
    _, entities = read("es", doc)
    assert sorted(entities) == ["organization-tarvisa", "person-marta-tarvisa"]


def test_a_hyphenated_surname_the_model_took_for_an_organisation_joins_the_person_en():
    doc = parse_table("en", """
        Dana      PROPN compound 3
        Kowal     PROPN compound 3
        -         PUNCT punct    3
        Brandt    PROPN nsubj    4
        resigned  VERB  ROOT     4 resign
        .         PUNCT punct    4
        Kowal     PROPN compound 8
        -         PUNCT punct    8
        Brandt    PROPN nsubj    9
        said      VERB  ROOT     9 say
        .         PUNCT punct    9
        Brandt    PROPN nsubj    12
        left      VERB  ROOT     12 leave
        .         PUNCT punct    12
    """, ents=((0, 4, "PERSON"), (6, 9, "ORG"), (11, 12, "ORG")))
    _, entities = read("en", doc)
    # The second half alone is a word of its own the person's name ends with: joined too.
    assert sorted(entities) == ["person-dana-kowal-brandt"]
    assert mentions(entities["person-dana-kowal-brandt"]) == ["Dana Kowal-Brandt", "Kowal-Brandt", "Brandt"]


def test_an_acronym_the_text_does_not_spell_out_joins_the_one_name_it_is_the_initials_of_en():
    doc = parse_table("en", """
        The       DET   det      4
        Halden    PROPN compound 4
        and       CCONJ cc       1
        Voss      PROPN conj     1
        Commission PROPN nsubj   5
        sued      VERB  ROOT     5 sue
        .         PUNCT punct    5
        The       DET   det      8
        HVC       PROPN nsubj    9
        won       VERB  ROOT     9 win
        .         PUNCT punct    9
    """, ents=((1, 5, "ORG"), (8, 9, "ORG")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["organization-halden-and-voss-commission"]
    assert mentions(entities["organization-halden-and-voss-commission"]) == ["Halden and Voss Commission", "HVC"]


@pytest.mark.parametrize(
    ("word", "name", "expected"),
    [
        ("Conmebol", "Confederación Sudamericana de Fútbol", True),
        ("Unesco", "United Nations Educational, Scientific and Cultural Organization", True),
        ("Texas", "Acme Group", False),
        ("Acmed", "Acme Group", False),  # a "d" from no word of the name
        ("Acme", "Acme Group", False),  # one word of the name only
    ],
)
def test_an_acronym_written_as_a_word_is_made_of_the_name_s_letters_in_order(word, name, expected):
    from beslan_kg.nlp.entities import _syllabic

    assert _syllabic(word, name) is expected


def test_an_acronym_written_as_a_word_in_brackets_joins_its_name_es():
    doc = parse_table("es", """
        Habló       VERB  ROOT     0 hablar
        la          DET   det      2
        Confederación PROPN nsubj  0
        Andina      PROPN flat     2
        de          ADP   case     5
        Remo        PROPN nmod     2
        (           PUNCT punct    7
        Conader     PROPN appos    2
        )           PUNCT punct    7
        .           PUNCT punct    0
        La          DET   det      11
        Conader     PROPN nsubj    12
        calló       VERB  ROOT     12 callar
        .           PUNCT punct    12
    """, ents=((2, 6, "ORG"), (7, 8, "ORG"), (11, 12, "ORG")))
    _, entities = read("es", doc)
    assert sorted(entities) == ["organization-confederacion-andina-de-remo"]
    assert mentions(entities["organization-confederacion-andina-de-remo"]) == ["Confederación Andina de Remo", "Conader", "Conader"]


def test_a_surname_the_model_took_for_an_organisation_joins_the_person_but_not_a_longer_name_en():
    doc = parse_table("en", """
        Dana      PROPN compound 1
        Kowalik   PROPN nsubj    2
        resigned  VERB  ROOT     2 resign
        .         PUNCT punct    2
        Kowalik   PROPN poss     6
        's        PART  case     4
        trial     NOUN  nsubj    7
        began     VERB  ROOT     7 begin
        .         PUNCT punct    7
    """, ents=((0, 2, "PERSON"), (4, 5, "ORG")))
    _, entities = read("en", doc)
    assert sorted(entities) == ["person-dana-kowalik"]
    doc = parse_table("en", """
        Dana      PROPN compound 1
        Kowalik   PROPN nsubj    2
        left      VERB  ROOT     2 leave
        Kowalik   PROPN compound 4
        Motors    PROPN dobj     2
        .         PUNCT punct    2
        Kowalik   PROPN nsubj    7
        fell      VERB  ROOT     7 fall
        .         PUNCT punct    7
    """, ents=((0, 2, "PERSON"), (3, 5, "ORG"), (6, 7, "ORG")))
    _, entities = read("en", doc)
    assert mentions(entities["organization-kowalik-motors"]) == ["Kowalik Motors", "Kowalik"]


# --------------------------------------------------------------------------
# A place inside the name of the body that serves it


@pytest.mark.parametrize("head, mentioned", [("Gobierno", True), ("Tribunal", True), ("Selección", True), ("Armada", True), ("Ejército", True),
                                             ("Frente", False), ("Emirato", False)])
def test_a_place_inside_a_body_s_name_is_mentioned_only_by_a_body_that_serves_it_es(head, mentioned):
    # "Gobierno de España" names Spain, and so do its national team and its armed forces; "Frente de España", a
    # movement named after it, does not.
    doc = parse_table("es", f"""
        El        DET   det    1
        {head}    PROPN nsubj  4
        de        ADP   case   3
        España    PROPN nmod   1
        dimitió   VERB  ROOT   4 dimitir
        .         PUNCT punct  4
    """, ents=((1, 4, "ORG"),))
    spain, entities = _linked_mentions("es", doc, "Q29")
    assert spain == ([["España"]] if mentioned else [])
    assert [e.name for e in entities.values() if e.kind == "Organization"] == [f"{head} de España"]


@pytest.mark.parametrize("head, mentioned", [("Army", True), ("Navy", True), ("Front", False)])
def test_a_country_inside_its_armed_forces_name_is_mentioned_en(head, mentioned):
    # "the Army of Peru" serves Peru and names it; "the Front of Peru", a movement named after it, does not.
    doc = parse_table("en", f"""
        The       DET   det    1
        {head}    PROPN nsubj  4
        of        ADP   prep   1
        Peru      PROPN pobj   2
        fought    VERB  ROOT   4 fight
        .         PUNCT punct  4
    """, ents=((1, 4, "ORG"),))
    peru, entities = _linked_mentions("en", doc, "Q419")
    assert peru == ([["Peru"]] if mentioned else [])
    assert [e.name for e in entities.values() if e.kind == "Organization"] == [f"{head} of Peru"]


@pytest.mark.parametrize("acronym, mentioned", [("KVT", True), ("Kovat", False)])
def test_the_city_after_a_body_s_acronym_is_mentioned_by_its_name_en(acronym, mentioned):
    # "the NIV Pune" is the institute at Pune, and names the city; "Kovat Madrid", a name, does not.
    doc = parse_table("en", f"""
        The        DET   det      2
        {acronym}  PROPN compound 2
        Madrid     PROPN nsubj    3
        said       VERB  ROOT     3 say
        .          PUNCT punct    3
    """, ents=((1, 3, "ORG"),))
    madrid, entities = _linked_mentions("en", doc, "Q2807")
    assert madrid == ([["Madrid"]] if mentioned else [])
    assert [e.name for e in entities.values() if e.kind == "Organization"] == [f"{acronym} Madrid"]


def _linked_mentions(lang: str, doc: Doc, qid: str) -> tuple[list[list[str]], dict[str, LocalEntity]]:
    """Link ``doc``, collect its entities; return the mentions of the entity of Wikidata item ``qid``, and the entities."""
    _, entities = read(lang, KBLinker(blank_pipeline(lang).nlp, "beslan_linker", lang=lang)(doc))
    return [mentions(e) for e in entities.values() if e.kb_id and load_kb()[e.kb_id].wikidata == qid], entities


@pytest.mark.parametrize("head, mentioned", [("Aeropuerto", True), ("Metro", True), ("Provincia", False)])
def test_a_place_named_of_a_known_place_mentions_it_unless_a_division_noun_opens_it_es(head, mentioned):
    # "el Aeropuerto de la Ciudad de México" and the city's metro (a body that serves it:
    # `jurisdiction_heads`) are the city's; "la Provincia de Ciudad de México" would be named after it.
    doc = parse_table("es", f"""
        El        DET   det    1
        {head}    PROPN nsubj  7
        de        ADP   case   4
        la        DET   det    4
        Ciudad    PROPN nmod   1
        de        ADP   case   6
        México    PROPN flat   4
        cerró     VERB  ROOT   7 cerrar
        .         PUNCT punct  7
    """, ents=((1, 7, "LOC"),))
    city, entities = _linked_mentions("es", doc, "Q1489")
    assert city == ([["Ciudad de México"]] if mentioned else [])
    assert [e.name for e in entities.values() if not e.kb_id] == [f"{head} de la Ciudad de México"]


def test_a_country_opening_a_court_s_name_is_mentioned_but_not_a_region_en():
    def read_court(place: str) -> dict[str, LocalEntity]:
        doc = parse_table("en", f"""
            The      DET   det      3
            {place}  PROPN compound 3
            Supreme  PROPN compound 3
            Court    PROPN nsubj    4
            ruled    VERB  ROOT     4 rule
            .        PUNCT punct    4
        """, ents=((0, 4, "ORG"),))
        return read("en", KBLinker(blank_pipeline("en").nlp, "beslan_linker", lang="en")(doc))[1]

    assert sorted(e.name for e in read_court("Brazil").values()) == ["Brazil", "Brazil Supreme Court"]
    # A region's name opens its own bodies' names: it is read as part of the name.
    assert sorted(e.name for e in read_court("Minnesota").values()) == ["Minnesota Supreme Court"]


# --------------------------------------------------------------------------
# A work and the place it is named after


def test_a_lone_name_joins_the_work_its_noun_calls_so_even_taken_for_a_person_es():
    doc = parse_table("es", """
        Estalló    VERB  ROOT   0 estallar
        en         ADP   case   3
        la         DET   det    3
        estación   NOUN  obl    0
        Tarvisa    PROPN appos  3
        .          PUNCT punct  0
        Murieron   VERB  ROOT   6 morir
        en         ADP   case   8
        Tarvisa    PROPN obl    6
        .          PUNCT punct  6
    """, ents=((4, 5, "LOC"), (8, 9, "PER")))
    _, entities = read("es", doc)
    assert [mentions(e) for e in entities.values()] == [["estación Tarvisa", "Tarvisa"]]
    assert [e.kind for e in entities.values()] == ["Place"]


def test_a_known_organisation_a_known_body_is_of_is_mentioned_by_its_name_es():
    # "el Consejo de Seguridad de las Naciones Unidas" names the council and, after its of-word, the UN.
    doc = parse_table("es", """
        El         DET   det    1
        Consejo    PROPN nsubj  8
        de         ADP   case   3
        Seguridad  PROPN nmod   1
        de         ADP   case   6
        las        DET   det    6
        Naciones   PROPN nmod   1
        Unidas     PROPN flat   6
        votó       VERB  ROOT   8 votar
        .          PUNCT punct  8
    """, ents=())
    _, entities = read("es", doc)
    assert {e.kb_id: mentions(e) for e in entities.values()} == {
        "un-security-council": ["Consejo de Seguridad de las Naciones Unidas"], "united-nations": ["Naciones Unidas"]}


def test_a_division_noun_before_the_name_of_a_place_of_no_known_class_refers_back_to_nothing_es():
    # "Llovió en Daguestán y en la región de Tarvisa.": "la región" names Tarvisa, it is no
    # second mention of Dagestan, the region named before.
    doc = parse_table("es", """
        Llovió    VERB  ROOT   0  llover
        en        ADP   case   2
        Daguestán PROPN obl    0
        y         CCONJ cc     6
        en        ADP   case   6
        la        DET   det    6  el
        región    NOUN  conj   2
        de        ADP   case   8
        Tarvisa   PROPN nmod   6
        .         PUNCT punct  0
    """, ents=((2, 3, "LOC"), (8, 9, "LOC")))
    _, entities = read("es", doc)
    assert mentions(entities["dagestan"]) == ["Daguestán"]
    assert mentions(entities["place-tarvisa"]) == ["Tarvisa"]


def test_a_birth_name_in_brackets_is_the_person_s_es():
    # "eligieron a León XIV (nacido Robert Varga)": the name he goes by, and his birth name.
    doc = parse_table("es", """
        eligieron VERB  ROOT   0  elegir
        a         ADP   case   2
        León      PROPN obj    0
        XIV       PROPN flat   2
        (         PUNCT punct  5
        nacido    ADJ   amod   2  nacer
        Robert    PROPN appos  5
        Varga     PROPN flat   6
        )         PUNCT punct  5
        .         PUNCT punct  0
    """, ents=((2, 4, "PER"), (6, 8, "PER")))
    _, entities = read("es", doc)
    (person,) = entities.values()
    assert mentions(person) == ["León XIV", "Robert Varga"]
