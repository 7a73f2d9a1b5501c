"""The view's index of a build's triples answers as an rdflib graph of the same triples."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, Namespace, URIRef

from beslan_kg.rdf.index import TermIndex
from beslan_kg.rdf.io import iter_dataset_graphs, to_node
from beslan_kg.rdf.network import to_graph_data

EX = Namespace("http://example.org/")


def _both(triples):
    index, graph = TermIndex(), Graph()
    for triple in triples:
        index.add(triple)
        graph.add(tuple(to_node(term) for term in triple))
    return index, graph


def _union(dataset) -> list[tuple[str, str, str]]:
    return sorted({triple for _, triples in iter_dataset_graphs(dataset) for triple in triples})


def test_each_lookup_gives_what_an_rdflib_graph_gives():
    a, b, c, knows, name = (f"<{EX[x]}>" for x in ("a", "b", "c", "knows", "name"))
    typed = f"<{RDF.type}>"
    person = f"<{EX.Person}>"
    triples = [(a, knows, b), (a, knows, c), (b, knows, c), (a, typed, person), (c, typed, person),
               (a, name, '"Ana"@es'), (b, name, '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'), ("_:x", knows, a)]
    index, graph = _both(triples)
    assert len(index) == len(graph) == len(triples)
    assert sorted(index.subject_objects(EX.knows)) == sorted(graph.subject_objects(EX.knows))
    assert sorted(index.subjects(RDF.type, EX.Person)) == sorted(graph.subjects(RDF.type, EX.Person))
    assert list(index.objects(EX.a, EX.knows)) == [EX.b, EX.c]
    assert index.value(EX.b, EX.name) == graph.value(EX.b, EX.name) == Literal(5)
    assert (EX.a, EX.knows, EX.c) in index and (EX.c, EX.knows, EX.a) not in index
    assert list(index.objects(EX.nobody, EX.knows)) == [] and index.value(EX.a, EX.nothing) is None
    # A triple added after a lookup by object is found by the next one.
    index.add((b, typed, person))
    assert sorted(index.subjects(RDF.type, EX.Person)) == [URIRef(EX.a), URIRef(EX.b), URIRef(EX.c)]


def test_the_views_records_from_the_index_are_those_from_the_built_dataset(dataset):
    index = TermIndex()
    for triple in _union(dataset):
        index.add(triple)
    assert to_graph_data(index) == to_graph_data(dataset)


def test_a_subject_with_one_object_is_found_by_that_object_alone():
    # One object is kept as the term itself, not a list: a term it contains is not it.
    a, knows, ab, name = f"<{EX.a}>", f"<{EX.knows}>", f"<{EX.ab}>", f"<{EX.name}>"
    index, graph = _both([(a, knows, ab), (ab, knows, a), (a, name, '"Ana"@es')])
    assert (EX.a, EX.knows, EX.ab) in index and (EX.a, EX.knows, EX.a) not in index
    # '"Ana"' is part of the text of '"Ana"@es', and not the same term.
    assert (EX.a, EX.name, Literal("Ana")) not in index and (EX.a, EX.name, Literal("Ana")) not in graph
    assert (EX.a, EX.name, Literal("Ana", lang="es")) in index
    assert list(index.objects(EX.a, EX.knows)) == list(graph.objects(EX.a, EX.knows)) == [EX.ab]
    assert list(index.subjects(EX.knows, EX.a)) == list(graph.subjects(EX.knows, EX.a)) == [EX.ab]
    # The second object of a subject and the second subject of an object join the first.
    index.add((a, knows, a))
    index.add((ab, knows, ab))
    assert list(index.objects(EX.a, EX.knows)) == [EX.ab, EX.a]
    assert sorted(index.subjects(EX.knows, EX.ab)) == [EX.a, EX.ab]
