"""Tests of relations between entities: containment of places and nationality.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish) and go through the
project's gazetteer and entity filter on a blank pipeline.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.tokens import Doc

from beslan_kg.nlp.context import ArticleContext
from beslan_kg.nlp.entities import collect_entities
from beslan_kg.nlp.filters import EntityFilter
from beslan_kg.nlp.gazetteer import KBGazetteer
from beslan_kg.nlp.relations import extract_relations, make_relation_matcher
from beslan_kg.nlp.rules import load_rules
from beslan_kg.records import ArticleMeta, Relation

_NO_SPACE_BEFORE = {",", ".", ";", ":", "'"}


@cache
def _pipeline(lang: str):
    """Return a blank pipeline of ``lang``, its components and its relation matcher."""
    nlp = spacy.blank(lang)
    return (
        nlp,
        KBGazetteer(nlp, "beslan_gazetteer"),
        EntityFilter(nlp, "beslan_entity_filter", lang=lang),
        make_relation_matcher(nlp.vocab, load_rules(lang)),
    )


def parse(lang: str, table: str, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    """Build a Doc parsed by hand, with the entities a model tagged, and run the components.

    Args:
        lang: ``"en"`` or ``"es"``.
        table: One token per line: ``word POS[/TAG] dep head [lemma]``, where
            ``head`` is the absolute index of the token's head (a root heads
            itself) and the lemma defaults to the word. The fine tag, which
            only the English "led by" pattern reads, defaults to the POS.
        ents: ``(start, end, label)`` token spans the statistical model tagged.
    """
    nlp, gazetteer, entity_filter, _ = _pipeline(lang)
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
        pos=[row[1].split("/")[0] for row in rows],
        tags=[row[1].split("/")[-1] for row in rows],
        deps=[row[2] for row in rows],
        heads=[int(row[3]) for row in rows],
        lemmas=[row[4] if len(row) > 4 else row[0] for row in rows],
        ents=iob,
    )
    # The hand-made tokens must be the ones the pipeline's tokenizer makes,
    # or the gazetteer would be matching text no real article produces.
    assert [t.text for t in nlp.make_doc(doc.text)] == words
    return entity_filter(gazetteer(doc))


def relations(lang: str, doc: Doc) -> list[Relation]:
    """Return the relations :func:`extract_relations` finds in ``doc``."""
    meta = ArticleMeta(id="test", language=lang, title="test", path="test.txt")
    ctx = ArticleContext(doc=doc, meta=meta, rules=load_rules(lang))
    collect_entities(ctx)
    return extract_relations(ctx, _pipeline(lang)[3])


def triples(found: list[Relation]) -> set[tuple[str, str, str]]:
    """Return the relations as ``(subject, predicate, object)`` triples."""
    return {(r.subject, r.predicate, r.object) for r in found}


# --------------------------------------------------------------------------
# "X in Y"


def test_a_building_in_a_region_en():
    doc = parse("en", """
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
    doc = parse("en", """
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
    doc = parse("es", """
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


def test_a_place_in_a_country_is_stated_as_country():
    doc = parse("en", """
        Troops     NOUN  nsubj  1 troop
        left       VERB  ROOT   1 leave
        Ingushetia PROPN dobj   1
        in         ADP   prep   2
        Russia     PROPN pobj   3
        .          PUNCT punct  1
    """)
    assert triples(relations("en", doc)) == {("ingushetia", "country", "russia")}


def test_a_place_without_rank_may_be_in_a_place_by_preposition_only():
    # Mozdok is not in the KB: the model's GPE has no place rank.
    in_ = parse("en", """
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
    comma = parse("en", """
        Troops    NOUN  nsubj    1 troop
        massed    VERB  ROOT     1 mass
        in        ADP   prep     1
        Mozdok    PROPN pobj     2
        ,         PUNCT punct    3
        North     PROPN compound 6
        Ossetia   PROPN appos    3
        .         PUNCT punct    1
    """, ents=((3, 4, "GPE"),))
    assert relations("en", comma) == []


def test_a_country_is_never_in_a_town_en():
    # The parser may hang "in Moscow" on the country instead of the diplomats.
    doc = parse("en", """
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
    doc = parse("es", """
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
    doc = parse("en", """
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
    doc = parse("es", """
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
    doc = parse("en", """
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
    doc = parse("es", """
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
    doc = parse("en", """
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
    doc = parse("es", """
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
    doc = parse("en", """
        Chechen   PROPN compound 1
        warlord   NOUN  compound 3
        Shamil    PROPN compound 3
        Basayev   PROPN nsubj    4
        fled      VERB  ROOT     4 flee
        .         PUNCT punct    4
    """)
    assert triples(relations("en", doc)) == {("shamil-basayev", "nationality", "chechnya")}


def test_a_demonym_of_another_noun_gives_no_nationality():
    doc = parse("en", """
        Chechen   PROPN compound 1
        gunmen    NOUN  nsubj    2 gunman
        released  VERB  ROOT     2 release
        Akhmed    PROPN compound 4
        Zakayev   PROPN dobj     2
        .         PUNCT punct    2
    """, ents=((3, 5, "PERSON"),))
    assert relations("en", doc) == []


def test_a_demonym_of_another_noun_gives_no_nationality_es():
    doc = parse("es", """
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
