"""SPARQL over a graph: answers, result formats, and refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Dataset, Literal, URIRef
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
