"""SPARQL over a graph: answers, result formats, and refusals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import socket
import time

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS
from rdflib.query import Result

from beslan_kg.errors import ConfigError, QueryError
from beslan_kg.rdf.query import run_query, to_text, to_values
from beslan_kg.rdf.store import store_of_dataset

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


def test_values_are_plain_python_whatever_the_datatype(ds):
    """Each literal becomes the value its datatype says; a label loses its tag, an IRI is shortened or whole."""
    ds.bind("id", "https://w3id.org/beslan-kg/id/")
    rows = to_values(run_query(ds, """
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?s ?label ?n ?d ?when ?yes ?year ?bad ?at ?none WHERE {
          ?s ?p ?label FILTER(lang(?label) = "en")
          BIND("334"^^xsd:nonNegativeInteger AS ?n) BIND("12.5"^^xsd:decimal AS ?d)
          BIND("2004-09-01"^^xsd:date AS ?when) BIND("true"^^xsd:boolean AS ?yes)
          BIND("2004"^^xsd:gYear AS ?year) BIND("many"^^xsd:integer AS ?bad) BIND("10:30:00"^^xsd:time AS ?at)
        }"""))
    assert rows == (("id:grozny", "Grozny", 334, 12.5, dt.date(2004, 9, 1), True, "2004", "many", dt.time(10, 30), None),)
    assert [type(v) for v in rows[0][2:6]] == [int, float, dt.date, bool]
    whole = to_values(run_query(ds, "SELECT ?s WHERE { ?s ?p 'Grozny'@en }"), compact_iris=False)
    assert whole == ((str(GROZNY),),)
    assert to_values(run_query(ds, "ASK { ?s ?p 'Grozni'@es }")) == ((True,),)
    built = to_values(run_query(ds, "CONSTRUCT { ?s <http://example.org/name> ?l } WHERE { ?s ?p ?l FILTER(lang(?l) = 'es') }"))
    assert built == (("id:grozny", "http://example.org/name", "Grozni"),)
    blank = to_values(run_query(ds, "SELECT ?b WHERE { BIND(BNODE() AS ?b) }"))
    assert blank[0][0].startswith("_:")


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


# --------------------------------------------------------------------------
# Bound variables


LABELS = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STR(?l) = ?name) }"


def test_a_binding_is_a_term_not_text(ds):
    assert run_query(ds, LABELS, bindings={"name": "Grozny"}).rows == (("https://w3id.org/beslan-kg/id/grozny", "Grozny@en"),)
    # A plain literal is not the language-tagged label itself.
    assert run_query(ds, "SELECT ?s WHERE { ?s ?p ?name }", bindings={"name": "Grozny"}).rows == ()
    for attack in ['Grozny" ) } ; DROP ALL ; #', "x' } INSERT DATA { <a> <b> <c> } #"]:
        assert run_query(ds, LABELS, bindings={"name": attack}).rows == ()
    assert len(list(ds.quads())) == 2


def test_an_angle_bracketed_binding_is_an_iri(ds):
    answer = run_query(ds, "SELECT ?l WHERE { ?s ?p ?l } ORDER BY STR(?l)", bindings={"s": f"<{GROZNY}>"})
    assert answer.rows == (("Grozni@es",), ("Grozny@en",))
    # The bound variable is projected with its value.
    assert run_query(ds, "SELECT ?s ?l WHERE { ?s ?p ?l } ORDER BY STR(?l)", bindings={"s": f"<{GROZNY}>"}).rows[0][0] == str(GROZNY)


@pytest.mark.parametrize("bindings, problem", [
    ({"s": "<not an iri>"}, "?s is not a valid IRI"),
    ({"s": '<http://x> } DROP ALL { <y>'}, "?s is not a valid IRI"),
    ({"s": "<>"}, "?s is not a valid IRI"),
    ({"nothere": "x"}, "has no variable ?nothere"),
    ({"?s": "x"}, "not a variable name"),
])
def test_bad_bindings_are_refused(ds, bindings, problem):
    with pytest.raises(QueryError, match=re.escape(problem)):
        run_query(ds, "SELECT ?l WHERE { ?s ?p ?l }", source="q.rq", bindings=bindings)


# --------------------------------------------------------------------------
# The row cap


@pytest.fixture
def many():
    ds = Dataset(default_union=True)
    g = ds.graph(GRAPH)
    for i in range(10):
        g.add((URIRef(f"https://w3id.org/beslan-kg/id/e{i}"), RDFS.label, Literal(f"e{i}", lang="en")))
    return ds


ORDERED = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"


def test_max_rows_keeps_the_first_rows_and_says_so(many):
    full = run_query(many, ORDERED)
    capped = run_query(many, ORDERED, max_rows=3)
    assert not full.truncated and len(full.rows) == 10
    assert capped.truncated and capped.rows == full.rows[:3]
    # Every serialisation holds the kept rows, and only them.
    assert len(json.loads(to_text(capped, "json"))["results"]["bindings"]) == 3
    assert len(list(csv.reader(io.StringIO(to_text(capped, "csv"))))) == 4
    assert len(to_text(capped, "tsv").splitlines()) == 4
    parsed = Result.parse(io.BytesIO(to_text(capped, "xml").encode()), format="xml")
    assert [str(row[1]) for row in parsed] == ["e0", "e1", "e2"]
    exact = run_query(many, ORDERED, max_rows=10)
    assert not exact.truncated and exact.rows == full.rows


def test_max_rows_caps_constructed_triples_in_sorted_order(many):
    construct = "CONSTRUCT { ?s <http://example.org/name> ?l } WHERE { ?s ?p ?l }"
    full = run_query(many, construct)
    capped = run_query(many, construct, max_rows=4)
    assert capped.truncated and capped.rows == full.rows[:4]
    assert list(full.rows) == sorted(full.rows)
    assert len(Graph().parse(data=to_text(capped, "turtle"), format="turtle")) == 4


# --------------------------------------------------------------------------
# Result and graph formats


def test_xml_results_are_sparql_1_1_and_keep_column_order(ds):
    text = to_text(run_query(ds, "SELECT ?s ?l WHERE { ?s ?p ?l } ORDER BY STR(?l)"), "xml")
    parsed = Result.parse(io.BytesIO(text.encode()), format="xml")
    assert [str(row.l) for row in parsed] == ["Grozni", "Grozny"]
    assert [m.group(1) for m in re.finditer(r'<binding name="(\w+)"', text)] == ["s", "l", "s", "l"]
    assert "<boolean>true</boolean>" in to_text(run_query(ds, "ASK { ?s ?p ?o }"), "xml")


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("jsonld", "json-ld"), ("ntriples", "nt"), ("rdfxml", "xml")])
def test_constructed_graphs_in_every_graph_format_parse_back(ds, fmt, parser):
    answer = run_query(ds, "CONSTRUCT { ?s ?p ?l } WHERE { ?s ?p ?l }")
    expected = Graph()
    for s, p, o, _ in ds.quads():
        expected.add((s, p, o))
    assert isomorphic(Graph().parse(data=to_text(answer, fmt), format=parser), expected)


def test_a_select_answer_has_no_graph_format(ds):
    with pytest.raises(ConfigError, match="is not a format of SELECT results"):
        to_text(run_query(ds, SELECT), "turtle")


def test_an_unreachable_service_is_a_query_error(ds):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port once it is closed: the connection is refused at once.
    federated = f"SELECT ?s ?x WHERE {{ ?s ?p ?o SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?q ?x }} }}"
    with pytest.raises(QueryError, match=rf"the SERVICE endpoint <http://127.0.0.1:{port}/sparql> did not answer") as err:
        run_query(ds, federated, source="federated.rq", allow_service=True)
    assert err.value.where == "federated.rq"
    with pytest.raises(QueryError, match="uses SERVICE .*pass --allow-service"):
        run_query(ds, federated, source="federated.rq")


def _places(n: int) -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(GRAPH)
    for i in range(n):
        g.add((URIRef(f"https://w3id.org/beslan-kg/id/place-{i}"), RDFS.label, Literal(f"Place {i}", lang="en")))
    return ds


@pytest.mark.parametrize("query", [
    # Without ORDER BY the evaluation itself stops at the cap.
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


def html_page(handler) -> None:
    """A web server that answers every request with a page, as most URLs do."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    handler.wfile.write(b"<html><body>not SPARQL</body></html>")


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_a_url_is_refused_and_nothing_is_fetched(ds, clause):
    from conftest import local_server

    from beslan_kg.errors import FetchRefused

    with local_server(html_page) as (url, asked):
        with pytest.raises(FetchRefused, match=rf"{clause} <{url}/data.ttl> names no graph of the dataset"):
            run_query(ds, f"SELECT * {clause} <{url}/data.ttl> WHERE {{ ?s ?p ?o }}")
    assert asked == []


def test_from_a_local_file_is_refused(ds, tmp_path):
    from beslan_kg.errors import FetchRefused

    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:a> <urn:b> <urn:c> .", encoding="utf-8")
    with pytest.raises(FetchRefused, match="would read a local file"):
        run_query(ds, f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}")


def test_from_a_graph_of_the_dataset_reads_it(ds):
    rows = run_query(ds, f"SELECT ?l FROM <{GRAPH}> WHERE {{ ?s ?p ?l }}").rows
    assert sorted(rows) == [("Grozni@es",), ("Grozny@en",)]


def test_a_service_that_does_not_speak_sparql_is_one_error(ds):
    from conftest import local_server

    with local_server(html_page) as (url, asked):
        query = f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
        with pytest.raises(QueryError, match=rf"the SERVICE endpoint <{url}/sparql> did not answer"):
            run_query(ds, query, allow_service=True)
        assert asked  # it was asked, since the caller allowed it
        asked.clear()
        with pytest.raises(QueryError, match="pass --allow-service"):
            run_query(ds, query)
        assert asked == []


def test_a_query_past_its_time_limit_is_stopped():
    from beslan_kg.errors import QueryTimeout

    big = _places(300)
    # 27 million rows: the engine streams them, and stops at the next ones once the caller gave up.
    slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"ran past the time limit of 0.5 s"):
        run_query(big, slow, timeout=0.5)
    assert time.monotonic() - started < 5
    # The alarm is gone: a later query is not interrupted.
    assert run_query(big, "ASK { ?s ?p ?o }", timeout=5).boolean is True


EX = "http://example.org/"
# Values of one key group (ex:k) each: strings in two languages and none, integers
# whose order by value is not their order as text, dates, IRIs, blank nodes, and a
# subject with no value at all.
ONE_KIND_A_GROUP = {
    "text": [Literal("b"), Literal("a", lang="en"), Literal("a", lang="es"), Literal("A"), Literal("a")],
    "numbers": [Literal(10), Literal(9), Literal(-3), Literal(100)],
    "dates": [Literal(dt.date(2004, 9, 1)), Literal(dt.date(1999, 12, 31)), Literal(dt.date(2004, 10, 1))],
    "nodes": [URIRef(f"{EX}z"), URIRef(f"{EX}a"), BNode("b1"), None],
}
# Literals of different kinds with equal earlier keys: the engine's own rules order them.
KINDS_MEET = {"mixed": [Literal(10), Literal("9"), Literal(9), Literal("10"), Literal(dt.date(2004, 9, 1))]}


def _ordered_store(groups: dict) -> object:
    ds = Dataset(default_union=True)
    g = ds.graph(GRAPH)
    for k, values in groups.items():
        for i, value in enumerate(values):
            subject = URIRef(f"{EX}{k}{i}")
            g.add((subject, URIRef(f"{EX}k"), Literal(k)))
            if value is not None:
                g.add((subject, URIRef(f"{EX}v"), value))
    return store_of_dataset(ds)


ORDER_QUERY = "SELECT ?s ?k ?v WHERE {{ ?s <{ex}k> ?k OPTIONAL {{ ?s <{ex}v> ?v }} }} ORDER BY {keys}"


@pytest.mark.parametrize("groups", [ONE_KIND_A_GROUP, KINDS_MEET], ids=["one-kind-a-group", "kinds-meet"])
@pytest.mark.parametrize("keys", [
    ("?k ?v ?s", "(?k) (?v) (?s)"),
    ("DESC(?k) DESC(?v) ?s", "DESC((?k)) DESC((?v)) (?s)"),
    ("?k STR(?v) ?s", "(?k) (STR(?v)) (?s)"),
    ("?v ?s", "(?v) (?s)"),
])
def test_rows_come_in_the_order_the_engine_gives(groups, keys):
    """Rows sorted by the library (plain variables) in the order the engine gives (the same keys as expressions)."""
    store = _ordered_store(groups)
    mine, engines = (run_query(store, ORDER_QUERY.format(ex=EX, keys=k)).rows for k in keys)
    assert len(mine) == sum(len(values) for values in groups.values())
    assert mine == engines


def test_rows_equal_in_every_key_come_in_the_order_of_their_terms():
    groups = {"same": [Literal("x")] * 5}
    store = _ordered_store(groups)
    rows = run_query(store, ORDER_QUERY.format(ex=EX, keys="?k ?v")).rows
    assert [row[0] for row in rows] == sorted(f"{EX}same{i}" for i in range(5))
