"""SPARQL over a graph: answers, result formats, and refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from beslan_kg.errors import QueryError
from beslan_kg.rdf.query import run_query, to_text

GROZNY = URIRef("https://w3id.org/beslan-kg/id/grozny")
GRAPH = URIRef("https://w3id.org/beslan-kg/graph/a")


@pytest.fixture
def ds():
    ds = Dataset(default_union=True)
    g = ds.graph(GRAPH)
    g.add((GROZNY, RDFS.label, Literal("Grozny", lang="en")))
    g.add((GROZNY, RDFS.label, Literal("Grozni", lang="es")))
    return ds


SELECT = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY STR(?l)"


def test_select_gives_plain_rows(ds):
    answer = run_query(ds, SELECT)
    assert (answer.kind, answer.columns, answer.rows) == ("SELECT", ("l",), (("Grozni@es",), ("Grozny@en",)))


def test_result_formats_follow_sparql_1_1(ds):
    answer = run_query(ds, SELECT)
    data = json.loads(to_text(answer, "json"))
    assert data["head"]["vars"] == ["l"]
    assert [b["l"]["xml:lang"] for b in data["results"]["bindings"]] == ["es", "en"]
    assert list(csv.reader(io.StringIO(to_text(answer, "csv")))) == [["l"], ["Grozni"], ["Grozny"]]
    assert to_text(answer, "tsv").splitlines() == ["?l", '"Grozni"@es', '"Grozny"@en']
    assert "(2 rows)" in to_text(answer, "table")


def test_ask_and_construct(ds):
    assert to_text(run_query(ds, "ASK { ?s ?p 'Grozny'@en }")) == "yes"
    built = run_query(ds, "CONSTRUCT { ?s <http://example.org/name> ?l } WHERE { ?s ?p ?l FILTER(lang(?l) = 'en') }")
    assert built.kind == "CONSTRUCT" and len(built.rows) == 1
    assert "Grozny" in to_text(built, "json")


def test_malformed_query_names_line_and_column(ds):
    with pytest.raises(QueryError) as err:
        run_query(ds, "SELECT ?s\nWHERE { ?s ?p }", source="broken.rq")
    message = err.value.message
    assert message.startswith("broken.rq: malformed SPARQL at line 2, column")


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x> <http://y> <http://z> }",
    "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ex:p ?o }",
    "DROP ALL",
])
def test_updates_are_refused(ds, update):
    with pytest.raises(QueryError, match="is an update"):
        run_query(ds, update)
    assert len(ds) == 0 or len(list(ds.quads())) == 2


def _places(n: int) -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(GRAPH)
    for i in range(n):
        g.add((URIRef(f"https://w3id.org/beslan-kg/id/place-{i}"), RDFS.label, Literal(f"Place {i}", lang="en")))
    return ds


@pytest.mark.parametrize("query", [
    "SELECT ?s ?l WHERE { ?s ?p ?l }",
    "SELECT ?s ?l WHERE { ?s ?p ?l } ORDER BY ?l",
])
def test_max_rows_cuts_every_results_format_alike(query):
    answer = run_query(_places(7), query, max_rows=3)
    assert answer.truncated and len(answer.rows) == 3
    assert len(json.loads(to_text(answer, "json"))["results"]["bindings"]) == 3
    assert to_text(answer, "xml").count("<result>") == 3
    assert len(list(csv.reader(io.StringIO(to_text(answer, "csv"))))) == 4
    assert len(to_text(answer, "tsv").splitlines()) == 4
    whole = run_query(_places(3), query, max_rows=3)
    assert not whole.truncated and len(whole.rows) == 3


def test_ask_in_every_results_format(ds):
    answer = run_query(ds, "ASK { ?s ?p 'Grozni'@es }")
    assert json.loads(to_text(answer, "json"))["boolean"] is True
    assert "<boolean>true</boolean>" in to_text(answer, "xml")
    assert to_text(answer, "csv").split() == ["_askResult", "true"]
    assert to_text(answer, "tsv").split() == ["?_askResult", "true"]


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt"), ("rdfxml", "xml")])
def test_construct_formats_parse_back_and_max_rows_keeps_the_first_triples(fmt, parser):
    ds = _places(5)
    answer = run_query(ds, "CONSTRUCT WHERE { ?s ?p ?o }", max_rows=2)
    assert answer.truncated and len(answer.rows) == 2
    expected = Graph()
    for triple in sorted(ds.triples((None, None, None)))[:2]:
        expected.add(triple)
    assert isomorphic(Graph().parse(data=to_text(answer, fmt), format=parser), expected)


def test_bindings_are_terms_not_text(ds):
    injected = "Grozny'@en } UNION { ?s ?p ?l"
    assert run_query(ds, "SELECT ?s WHERE { ?s ?p ?l }", bindings={"l": injected}).rows == ()
    assert len(run_query(ds, "SELECT ?p WHERE { ?s ?p ?o }", bindings={"s": f"<{GROZNY}>"}).rows) == 2
