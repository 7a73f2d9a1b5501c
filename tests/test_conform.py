"""The records' check before RDF: each record that would break a shape is left out alone, with its article and sentence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from beslan_kg.conform import conform
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.validate import validate_dataset
from beslan_kg.records import (
    ArticleMeta,
    Attribution,
    DateStatement,
    Evidence,
    KnowledgeGraph,
    Quantity,
    ResolvedEntity,
    ResolvedFigure,
    Statement,
    TimeValue,
)

TEXT = "Vladimir Putin visited the Mothers of Beslan in Beslan in 2005, and 0 hostages were held."
ARTICLE = ArticleMeta(id="a", language="en", title="A visit", path="a.txt")


def evidence(words: str, article: str = "a") -> Evidence:
    start = TEXT.index(words)
    return Evidence(article, start, start + len(words), words, 0, len(TEXT), TEXT)


PUTIN = ResolvedEntity("vladimir-putin", "Person", "Politician", (("en", "Vladimir Putin"),), (), "Q7747", (evidence("Vladimir Putin"),))
MOTHERS = ResolvedEntity("mothers-of-beslan", "Organization", "CivilSocietyGroup", (("en", "Mothers of Beslan"),), (),
                         None, (evidence("Mothers of Beslan"),))
BESLAN = ResolvedEntity("beslan", "Place", "Settlement", (("en", "Beslan"),), (), "Q105035", (evidence("Beslan in"),))
VISIT = ResolvedEntity("event/visit-vladimir-putin-2005", "Event", "Visit", (), (), None, (evidence("visited"),),
                       anchor="vladimir-putin")


def graph(**changes) -> KnowledgeGraph:
    kg = KnowledgeGraph(
        articles=(ARTICLE,),
        entities=(BESLAN, VISIT, MOTHERS, PUTIN),
        statements=(
            Statement(VISIT.key, "participant", PUTIN.key, (evidence("Vladimir Putin visited"),), ("rule",)),
            Statement(VISIT.key, "location", BESLAN.key, (evidence("visited the Mothers of Beslan in Beslan"),), ("rule",)),
        ),
        dates=(DateStatement(VISIT.key, "startDate", TimeValue("2005", "gYear", "in 2005"), (evidence("in 2005"),)),),
        figures=(ResolvedFigure(VISIT.key, "Hostages", Quantity(0, "exact", "0 hostages"), evidence("0 hostages")),),
        merges=(),
    )
    return replace(kg, **changes)


def test_records_that_fit_the_shapes_pass_unchanged_and_the_graph_conforms():
    kg = graph()
    checked = conform(kg)
    assert checked.left_out == () and checked.kg == kg
    assert validate_dataset(to_dataset(checked.kg)).conforms


@pytest.mark.parametrize("statement, shape", [
    # "Vladimir Putin visited the Mothers of Beslan": an organisation is no place.
    (Statement(VISIT.key, "location", MOTHERS.key, (evidence("visited the Mothers of Beslan"),), ("rule",)), "bkgsh:Event-location"),
    # "The commemoration for Beslan": a town is no event.
    (Statement(VISIT.key, "concerns", BESLAN.key, (evidence("Beslan in"),), ("rule",)), "bkgsh:Event-concerns"),
    (Statement(VISIT.key, "noSuchProperty", PUTIN.key, (evidence("Vladimir Putin"),), ("rule",)), "bkgsh:Statement"),
    (Statement(VISIT.key, "participant", "nobody", (evidence("Vladimir Putin"),), ("rule",)), "bkgsh:Statement"),
])
def test_a_relation_that_breaks_a_shape_is_left_out_alone_naming_its_sentence(statement, shape):
    kg = graph(statements=graph().statements + (statement,))
    checked = conform(kg)
    assert [x.shape for x in checked.left_out] == [shape]
    left = checked.left_out[0]
    assert (left.article_id, left.sentence, left.stage) == ("a", TEXT, "records")
    assert (left.start, left.end) == (statement.evidence[0].start, statement.evidence[0].end)
    assert checked.kg.statements == graph().statements
    assert validate_dataset(to_dataset(checked.kg)).conforms


def test_the_kinds_relations_need_are_read_from_the_shapes():
    from beslan_kg.rdf.validate import object_kinds

    assert object_kinds()[("Event", "location")] == "Place"
    assert object_kinds()[("Event", "concerns")] == "Event"


@pytest.mark.parametrize("value", [TimeValue("2005-02-30", "date", "x"), TimeValue("2005-13", "gYearMonth", "x"),
                                   TimeValue("25:00:00", "time", "x"), TimeValue("2005", "date", "x")])
def test_a_date_that_is_no_valid_xsd_value_is_left_out(value):
    bad = DateStatement(VISIT.key, "startDate", value, (evidence("in 2005"),))
    checked = conform(graph(dates=graph().dates + (bad,)))
    assert [x.what for x in checked.left_out] == [f"id:{VISIT.key} schema:startDate {value.lexical!r}^^xsd:{value.datatype}"]
    assert checked.kg.dates == graph().dates


@pytest.mark.parametrize("figure, shape", [
    (ResolvedFigure(VISIT.key, "Hostages", Quantity(9, "range", "9 to 3", upper=3), evidence("hostages")), "bkgsh:Figure-range"),
    (ResolvedFigure(VISIT.key, "Bananas", Quantity(9, "exact", "9"), evidence("hostages")), "bkgsh:Figure-measure"),
    (ResolvedFigure(VISIT.key, "Hostages", Quantity(9, "roughly", "9"), evidence("hostages")), "bkgsh:Figure-qualifier"),
    (ResolvedFigure(BESLAN.key, "Hostages", Quantity(9, "exact", "9"), evidence("hostages")), "bkgsh:Figure-event"),
    # Two figures of one event on the same words would be one node with two measures.
    (ResolvedFigure(VISIT.key, "Deaths", Quantity(0, "exact", "0"), evidence("0 hostages")), "bkgsh:Figure"),
])
def test_a_figure_that_breaks_a_shape_is_left_out(figure, shape):
    checked = conform(graph(figures=graph().figures + (figure,)))
    assert [x.shape for x in checked.left_out] == [shape]
    assert checked.kg.figures == graph().figures


def test_a_figure_of_0_is_a_figure():
    checked = conform(graph())
    assert [f.quantity.value for f in checked.kg.figures] == [0]


def test_a_mention_outside_its_sentence_is_left_out_and_the_entity_kept():
    crossing = Evidence("a", 10, 20, TEXT[10:20], 0, 12, TEXT[:12])
    entity = replace(MOTHERS, mentions=MOTHERS.mentions + (crossing,))
    checked = conform(graph(entities=(BESLAN, VISIT, entity, PUTIN)))
    assert [x.shape for x in checked.left_out] == ["bkgsh:TextSpan"]
    assert next(e for e in checked.kg.entities if e.key == MOTHERS.key).mentions == MOTHERS.mentions


def test_one_span_names_one_entity():
    twin = replace(MOTHERS, key="mothers", mentions=MOTHERS.mentions)
    checked = conform(graph(entities=(BESLAN, VISIT, MOTHERS, twin, PUTIN)))
    assert [x.shape for x in checked.left_out] == ["bkgsh:Mention-entity"]
    assert validate_dataset(to_dataset(checked.kg)).conforms


def test_a_class_that_does_not_fit_the_kind_gives_way_to_the_kinds_own_class():
    wrong = replace(MOTHERS, ontology_class="Settlement")
    checked = conform(graph(entities=(BESLAN, VISIT, wrong, PUTIN)))
    assert [x.shape for x in checked.left_out] == ["bkgsh:Entity-classFitsType"]
    assert next(e for e in checked.kg.entities if e.key == MOTHERS.key).ontology_class == "Organization"
    assert validate_dataset(to_dataset(checked.kg)).conforms


def test_a_bad_wikidata_link_and_an_unknown_source_are_left_out():
    linked = replace(MOTHERS, wikidata="P31")
    claim = Attribution("a", 0, len(TEXT), TEXT, "said", source="nobody")
    checked = conform(graph(entities=(BESLAN, VISIT, linked, PUTIN), attributions=(claim,)))
    assert sorted(x.shape for x in checked.left_out) == ["bkgsh:Entity-sameAsWikidata", "bkgsh:Sentence-attributedTo"]
    assert checked.kg.attributions == (replace(claim, source=None),)
    assert validate_dataset(to_dataset(checked.kg)).conforms
