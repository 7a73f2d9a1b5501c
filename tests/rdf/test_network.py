"""Reading a graph into plain records: graph_counts, to_graph_data, to_networkx."""

from __future__ import annotations

import itertools

import pytest
from conftest import ROOT, STORY, story_graph
from rdflib import Dataset

from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.network import graph_counts, label_of, to_graph_data, to_networkx
from beslan_kg.rdf.ontology import iri_labels
from beslan_kg.rdf.query import run_query

ID = "https://w3id.org/beslan-kg/id/"
BKG = "https://w3id.org/beslan-kg/ontology#"
EXPLOSION = ID + "event/explosion-northfield-2021"


def _data(kg=None):
    return to_graph_data(to_dataset(kg or story_graph()))


def _deaths(figures):
    """The story graph's explosion, with these death figures; its FigureInfo by (article, words)."""
    node = next(n for n in _data(story_graph(figures)).nodes if n.iri == EXPLOSION)
    return {(f.span.article, f.span.text): f for f in node.figures}


# --------------------------------------------------------------------------
# what is read


def test_nodes_edges_and_articles_are_what_the_graph_says():
    kg = story_graph()
    data = _data(kg)
    texts = {a: text for a, _, text in STORY.values()}
    assert [n.iri for n in data.nodes] == sorted(ID + e.key for e in kg.entities)
    by_iri = {n.iri: n for n in data.nodes}
    for entity in kg.entities:
        node = by_iri[ID + entity.key]
        assert node.kind == entity.kind
        assert node.ontology_class == BKG + entity.ontology_class
        assert sorted((m.article, m.start, m.end) for m in node.mentions) == sorted(
            (m.article_id, m.start, m.end) for m in entity.mentions)
        # A span's text is cut from its sentence and is the article's text at its offsets.
        for span in node.mentions:
            assert span.text == texts[span.article][span.start:span.end] != ""
    assert {(e.source, e.predicate, e.target) for e in data.edges} == {
        (ID + s.subject, BKG + s.predicate, ID + s.object) for s in kg.statements}
    assert [a.id for a in data.articles] == sorted(a.id for a in kg.articles)
    for article in data.articles:
        for start, end, sentence in article.sentences:
            assert texts[article.id][start:end] == sentence


def test_every_label_comes_from_the_ontology_or_the_graph():
    data = _data()
    for node in data.nodes:
        assert dict(node.class_labels) == dict(iri_labels(node.ontology_class))
    for edge in data.edges:
        assert dict(edge.labels) == dict(iri_labels(edge.predicate))
    for kind, labels in data.kind_labels:
        assert dict(labels) == dict(iri_labels(BKG + kind))
    explosion = next(n for n in data.nodes if n.iri == EXPLOSION)
    assert {dict(f.measure_labels)["es"] for f in explosion.figures} == {"Muertos"}


def test_the_sub_event_link_is_labelled_by_its_iri_in_both_languages():
    kg = story_graph()
    from dataclasses import replace

    visit = next(e for e in kg.entities if e.key.startswith("event/visit"))
    entities = tuple(replace(e, super_event="event/explosion-northfield-2021") if e is visit else e for e in kg.entities)
    data = _data(replace(kg, entities=entities))
    (link,) = [e for e in data.edges if e.predicate == "https://schema.org/superEvent"]
    assert not link.relation
    assert dict(link.labels) == dict(iri_labels("https://schema.org/superEvent"))
    assert dict(link.labels)["es"].startswith("acontecimiento superior")
    # A sub-event link is not a relation: the counts leave it out.
    assert data.counts.relations == len(kg.statements)


def test_counts_are_those_of_the_records():
    kg = story_graph()
    counts = graph_counts(to_dataset(kg))
    assert counts.articles == 2 and dict(counts.articles_by_language) == {"en": 1, "es": 1}
    kinds = {}
    for entity in kg.entities:
        kinds[entity.kind] = kinds.get(entity.kind, 0) + 1
    assert dict(counts.entities_by_kind) == kinds
    assert counts.events == kinds["Event"]
    assert counts.entities == len(kg.entities) - kinds["Event"]
    assert counts.relations == len(kg.statements)
    assert counts.figures == len(kg.figures)


def test_dates_keep_their_datatype_and_the_most_precise_comes_first():
    explosion = next(n for n in _data().nodes if n.iri == EXPLOSION)
    assert [(d.predicate, d.lexical, d.datatype) for d in explosion.dates] == [
        ("startDate", "2021-03-03", "date"), ("startDate", "2021-03", "gYearMonth")]


def test_a_figure_of_zero_is_read():
    figures = _deaths([("en", "12", "exact", 0, None), ("es", "15", "at_most", 0, None)])
    assert [f.value for f in figures.values()] == [0, 0]


# --------------------------------------------------------------------------
# where sources disagree: the rule of queries/disagreements.rq


@pytest.mark.parametrize(("english", "spanish", "disagree"), [
    (("more_than", 10, None), ("exact", 15, None), False),   # "more than 10" and "15" can both be true
    (("exact", 12, None), ("exact", 15, None), True),
    (("more_than", 15, None), ("exact", 15, None), True),    # more than 15 starts at 16
    (("at_least", 15, None), ("exact", 15, None), False),
    (("fewer_than", 15, None), ("exact", 15, None), True),
    (("at_most", 15, None), ("exact", 15, None), False),
    (("more_than", 10, None), ("more_than", 15, None), False),
    (("approximately", 12, None), ("exact", 13, None), False),  # within 10%
    (("approximately", 12, None), ("exact", 15, None), True),
    (("range", 10, 14), ("exact", 15, None), True),
    (("range", 10, 15), ("exact", 15, None), False),
    (("exact", 0, None), ("exact", 15, None), True),
])
def test_figures_disagree_when_their_ranges_cannot_both_be_true(english, spanish, disagree):
    figures = _deaths([("en", "12", *english), ("es", "15", *spanish)])
    assert [f.disputed for f in figures.values()] == [disagree, disagree]


def test_two_numbers_of_one_article_never_disagree():
    figures = _deaths([("en", "12", "exact", 12, None), ("es", "15", "exact", 15, None), ("es", "trabajadores", "exact", 3, None)])
    # The Spanish 15 and 3 do not disagree with each other; each does with the English 12.
    assert all(f.disputed for f in figures.values())
    figures = _deaths([("es", "15", "exact", 15, None), ("es", "trabajadores", "exact", 3, None)])
    assert not any(f.disputed for f in figures.values())


def test_the_view_marks_exactly_the_figures_the_disagreements_query_pairs():
    """The view marks the figures of exactly the events the query pack's rule pairs.

    One event per case, each with an English and a Spanish figure: every pair
    of qualifiers, with numbers at the edges of their ranges.
    """
    from dataclasses import replace

    from beslan_kg.records import Quantity, ResolvedEntity, ResolvedFigure
    from conftest import story_evidence

    kg = story_graph()
    qualifiers = ("exact", "more_than", "at_least", "approximately", "fewer_than", "at_most", "range")
    cases = [(q1, v1, q2, v2) for q1, q2 in itertools.product(qualifiers, repeat=2)
             for v1, v2 in ((10, 11), (11, 10), (20, 21), (50, 56), (0, 11))]
    events, figures = [], []
    for i, (q1, v1, q2, v2) in enumerate(cases):
        key = f"event/case-{i:03d}"
        events.append(ResolvedEntity(key, "Event", "Explosion", (("en", f"Case {i}"),), (), None, (story_evidence("en", "explosion"),)))
        for lang, words, q, v in (("en", "12", q1, v1), ("es", "15", q2, v2)):
            figures.append(ResolvedFigure(key, "Deaths", Quantity(v, q, words, v + 10 if q == "range" else None),
                                          story_evidence(lang, words)))
    ds = Dataset(store=to_dataset(replace(kg, entities=kg.entities + tuple(events), figures=tuple(figures))).store,
                 default_union=True)
    query = (ROOT / "queries" / "disagreements.rq").read_text(encoding="utf-8")
    paired = {row[0] for row in run_query(ds, query).rows}
    marked = {n.iri for n in to_graph_data(ds).nodes if any(f.disputed for f in n.figures)}
    assert {"id:" + iri.removeprefix(ID) for iri in marked} == paired
    assert 0 < len(paired) < len(cases)


@pytest.mark.parametrize("seed", range(6))
def test_the_figures_marked_are_those_the_query_names_among_many_sources(seed):
    """Many figures of one event and measure from several sources: each figure is marked
    exactly when a row of the query names it, whichever source holds the most extreme ends
    (the figure's own source among them)."""
    import random

    from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

    from beslan_kg.rdf.namespaces import NIF, SCHEMA

    bkg, prov = Namespace(BKG), Namespace("http://www.w3.org/ns/prov#")
    rng = random.Random(seed)
    g = Graph()
    event = URIRef(ID + "event/e")
    g.add((event, RDF.type, SCHEMA.Event))
    qualifiers = ("Exact", "MoreThan", "AtLeast", "Approximately", "FewerThan", "AtMost", "Range")
    sources = [URIRef(f"{ID}article/a{i}") for i in range(4)]
    for i, source in enumerate(sources):
        g.add((source, RDF.type, SCHEMA.NewsArticle))
        g.add((source, SCHEMA.identifier, Literal(f"a{i}")))
    said = {}
    for i in range(rng.randint(3, 14)):
        figure, evidence = URIRef(f"{ID}figure/f{i}"), URIRef(f"{ID}span/s{i}")
        qualifier, value = rng.choice(qualifiers), rng.choice((9, 10, 11, 12, 20, 30))
        source = rng.choice(sources)
        said[f"words {i}"] = figure
        g.add((event, bkg.figure, figure))
        g.add((figure, bkg.measure, bkg[rng.choice(("Deaths", "Injuries"))]))
        g.add((figure, bkg.qualifier, bkg[qualifier]))
        g.add((figure, prov.wasDerivedFrom, source))
        g.add((figure, bkg.evidence, evidence))
        if qualifier == "Range":
            g.add((figure, SCHEMA.minValue, Literal(value, datatype=XSD.integer)))
            g.add((figure, SCHEMA.maxValue, Literal(value + rng.choice((0, 2, 10)), datatype=XSD.integer)))
        elif qualifier in ("MoreThan", "AtLeast"):
            g.add((figure, SCHEMA.minValue, Literal(value, datatype=XSD.integer)))
        elif qualifier in ("FewerThan", "AtMost"):
            g.add((figure, SCHEMA.maxValue, Literal(value, datatype=XSD.integer)))
        else:
            g.add((figure, SCHEMA.value, Literal(value, datatype=XSD.integer)))
        g.add((evidence, SCHEMA.isPartOf, source))
        g.add((evidence, NIF.beginIndex, Literal(i, datatype=XSD.nonNegativeInteger)))
        g.add((evidence, NIF.endIndex, Literal(i + 1, datatype=XSD.nonNegativeInteger)))
        g.add((evidence, NIF.anchorOf, Literal(f"words {i}")))
    query = (ROOT / "queries" / "disagreements.rq").read_text(encoding="utf-8")
    result = run_query(g, query)
    columns = {name: n for n, name in enumerate(result.columns)}
    named = {said[row[columns[words]]] for row in result.rows for words in ("said1", "said2")}
    node = next(n for n in to_graph_data(g).nodes if n.iri == str(event))
    assert {URIRef(f.iri) for f in node.figures if f.disputed} == named


# --------------------------------------------------------------------------
# networkx


def test_to_networkx_holds_plain_scalars_only():
    graph = to_networkx(to_dataset(story_graph()))
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 3
    for _, attrs in graph.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values()), attrs
    for _, _, attrs in graph.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values()), attrs
    mayor = graph.nodes[ID + "ana-ruiz"]
    assert (mayor["label_en"], mayor["label_es"], mayor["kind"]) == ("Ana Ruiz", "Ana Ruiz", "Person")
    assert mayor["class_label_es"] == "Político"
    assert mayor["languages"] == "en es" and mayor["articles"] == 2
    acme = graph.nodes[ID + "acme-chemicals"]
    assert acme["languages"] == "en" and acme["label_es"] == "Acme Chemicals"  # no Spanish name: the English one
    assert graph.nodes[ID + "northfield"]["wikidata"] == "Q999999"
    assert "wikidata" not in acme
    assert graph.nodes[EXPLOSION]["start_date"] == "2021-03-03"
    edge = graph.edges[EXPLOSION, ID + "northfield", BKG + "location"]
    assert (edge["label_en"], edge["label_es"], edge["relation"], edge["evidence"]) == ("location", "lugar", True, 2)
    assert graph.graph == {"articles": 2, "entities": 3, "events": 2, "relations": 3}


def test_label_of_falls_back_to_another_language_then_to_the_fallback():
    assert label_of((("es", "Rusia"),), "en", "x") == "Rusia"
    assert label_of((("en", "Russia"), ("es", "Rusia")), "es", "x") == "Rusia"
    assert label_of((), "en", "x") == "x"
