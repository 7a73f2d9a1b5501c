"""The SPARQL endpoint, queried over HTTP by SPARQLWrapper as a real client would."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PREFIXES, ROOT
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDFS
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, URITooLong

from beslan_kg.cli import cli
from beslan_kg.errors import InputError
from beslan_kg.kb import load_kb
from beslan_kg.serve import TRUNCATED_HEADER, make_server, negotiate

PUTIN = load_kb()["vladimir-putin"]
PUTIN_IRI = URIRef("https://w3id.org/beslan-kg/id/vladimir-putin")
WIKIDATA = URIRef(f"http://www.wikidata.org/entity/{PUTIN.wikidata}")
ENGLISH_ARTICLE = "https://w3id.org/beslan-kg/article/003_ecd1ea77e175385e"
MAX_ROWS = 100
MAX_BODY = 20_000
MAX_URL = 2048
ORIGIN = "https://yasgui.example"
#: Every triple of triples of the graph, counted: billions of rows, far more than any time limit of the tests.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Running:
    """A server answering in a thread, and the lines it logged."""

    def __init__(self, graph: Path, **options) -> None:
        self.log: list[str] = []
        self.server = make_server(graph, port=0, log=self.log.append, **options)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url, self.endpoint = self.server.url, self.server.endpoint

    def close(self) -> None:
        self.server.close()
        self.thread.join()


@pytest.fixture(scope="module")
def running(built):
    out, _ = built
    server = Running(out / "graph.trig", workers=2, max_rows=MAX_ROWS, max_body=MAX_BODY, max_url=MAX_URL, cors=ORIGIN)
    yield server
    server.close()


@pytest.fixture(scope="module")
def slow_limit(built):
    """A server with one worker and a time limit of 1 s."""
    out, _ = built
    server = Running(out / "graph.trig", workers=1, timeout=1)
    yield server
    server.close()


def client(running: Running, query: str, fmt: str = JSON, *, post: bool = False) -> SPARQLWrapper:
    sparql = SPARQLWrapper(running.endpoint)
    sparql.setQuery(PREFIXES + query)
    sparql.setReturnFormat(fmt)
    if post:
        sparql.setMethod("POST")
    return sparql


def request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None):
    """Send a request; return (status, headers, body) whatever the status."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get(running: Running, query: str, accept: str = "*/*", **params):
    url = running.endpoint + "?" + urllib.parse.urlencode({"query": PREFIXES + query, **params})
    return request(url, headers={"Accept": accept})


def triple_count(running: Running) -> int:
    result = client(running, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").queryAndConvert()
    return int(result["results"]["bindings"][0]["n"]["value"])


# --------------------------------------------------------------------------
# answers


PUTIN_QUERY = f"""SELECT ?label ?wikidata WHERE {{
  <{PUTIN_IRI}> rdfs:label ?label ; owl:sameAs ?wikidata FILTER(lang(?label) = 'en')
}}"""


@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST form"])
def test_select_answers_from_the_knowledge_base(running, post):
    bindings = client(running, PUTIN_QUERY, post=post).queryAndConvert()["results"]["bindings"]
    assert [(b["label"]["value"], b["label"]["xml:lang"], b["wikidata"]["value"]) for b in bindings] == [
        (PUTIN.labels["en"], "en", str(WIKIDATA))]


def test_post_sparql_query_body(running):
    status, headers, body = request(running.endpoint, data=(PREFIXES + f"ASK {{ ?e owl:sameAs <{WIKIDATA}> }}").encode(),
                                    headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(running, fmt):
    assert_answer = {JSON: lambda r: r["boolean"], XML: lambda r: r.getElementsByTagName("boolean")[0].firstChild.data == "true"}
    linked = client(running, f"ASK {{ ?e owl:sameAs <{WIKIDATA}> }}", fmt).queryAndConvert()
    unknown = client(running, "ASK { ?e rdfs:label 'Nowhere at all'@en }", fmt).queryAndConvert()
    assert assert_answer[fmt](linked) is True and assert_answer[fmt](unknown) is False


DEATHS = f"SELECT ?value WHERE {{ ?f bkg:measure bkg:Deaths ; schema:value ?value ; prov:wasDerivedFrom <{ENGLISH_ARTICLE}> }}"


def test_every_results_format_carries_the_same_answer(running):
    # "It ended in a bloodbath that left 334 dead" (the English article).
    as_json = client(running, DEATHS, JSON).queryAndConvert()
    as_xml = client(running, DEATHS, XML).queryAndConvert()
    as_csv = client(running, DEATHS, CSV).queryAndConvert().decode()
    as_tsv = client(running, DEATHS, TSV).queryAndConvert().decode()
    assert "334" in {b["value"]["value"] for b in as_json["results"]["bindings"]}
    assert "334" in {node.firstChild.data for node in as_xml.getElementsByTagName("literal")}
    rows = list(csv.reader(io.StringIO(as_csv)))
    assert rows[0] == ["value"] and ["334"] in rows
    lines = as_tsv.splitlines()
    assert lines[0] == "?value" and any(line.startswith('"334"') or line == "334" for line in lines[1:])
    assert len(rows) - 1 == len(lines) - 1 == len(as_json["results"]["bindings"])


@pytest.mark.parametrize("accept, media_type", [
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/json"),
    ("text/*", "text/csv"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
])
def test_accept_header_with_q_values(running, accept, media_type):
    status, headers, _ = get(running, DEATHS, accept)
    assert status == 200 and headers.get_content_type() == media_type


def test_format_parameter_wins_over_accept(running):
    status, headers, body = get(running, DEATHS, "application/sparql-results+json", format="csv")
    assert status == 200 and headers.get_content_type() == "text/csv"
    assert ["334"] in list(csv.reader(io.StringIO(body.decode())))


def test_nothing_acceptable_is_406(running):
    status, _, body = get(running, DEATHS, "image/png")
    assert status == 406 and b"accept one of" in body
    status, _, _ = get(running, f"CONSTRUCT {{ <{PUTIN_IRI}> ?p ?o }} WHERE {{ <{PUTIN_IRI}> ?p ?o }}", "text/csv")
    assert status == 406


CONSTRUCT = f"CONSTRUCT {{ ?e rdfs:label ?l }} WHERE {{ ?e owl:sameAs <{WIKIDATA}> ; rdfs:label ?l FILTER(lang(?l) = 'en') }}"


@pytest.mark.parametrize("fmt, parser", [(TURTLE, "turtle"), (N3, "turtle"), (JSONLD, "json-ld"), (RDFXML, "xml")])
def test_construct_parses_back(running, fmt, parser):
    sparql = client(running, CONSTRUCT, fmt)
    response = sparql.query().response
    graph = Graph().parse(data=response.read().decode(), format=parser)
    expected = Graph()
    expected.add((PUTIN_IRI, RDFS.label, Literal(PUTIN.labels["en"], lang="en")))
    assert isomorphic(graph, expected)


def test_construct_as_ntriples_and_describe(running):
    status, headers, body = get(running, CONSTRUCT, "application/n-triples")
    assert status == 200 and headers.get_content_type() == "application/n-triples"
    assert (PUTIN_IRI, RDFS.label, Literal(PUTIN.labels["en"], lang="en")) in Graph().parse(data=body.decode(), format="nt")
    status, headers, body = get(running, f"DESCRIBE <{PUTIN_IRI}>", "text/turtle")
    assert status == 200 and headers.get_content_type() == "text/turtle"
    assert (PUTIN_IRI, OWL.sameAs, WIKIDATA) in Graph().parse(data=body.decode(), format="turtle")


def test_from_picks_a_graph_of_the_file(running, dataset):
    article_graph = "https://w3id.org/beslan-kg/graph/003_ecd1ea77e175385e"
    result = client(running, f"SELECT (COUNT(*) AS ?n) FROM <{article_graph}> WHERE {{ ?s ?p ?o }}").queryAndConvert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == len(dataset.graph(URIRef(article_graph)))

# --------------------------------------------------------------------------
# refusals


def test_malformed_query_is_400_with_line_and_column(running):
    with pytest.raises(QueryBadFormed) as err:
        client(running, "SELECT ?s WHERE { ?s ?p }").query()
    assert re.search(r"malformed SPARQL at line \d+, column \d+", str(err.value))


def test_updates_are_refused_and_change_nothing(running):
    before = triple_count(running)
    insert = f"INSERT DATA {{ GRAPH <urn:x> {{ <{PUTIN_IRI}> rdfs:label 'Intruder'@en }} }}"
    sparql = client(running, insert, post=True)  # SPARQLWrapper sends an update as update=
    with pytest.raises(urllib.error.HTTPError) as err:
        sparql.query()
    assert err.value.code == 403 and b"read-only" in err.value.read()
    status, _, body = request(running.endpoint, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, body = get(running, insert)  # an update sent as a query
    assert status == 403 and b"is an update" in body
    assert triple_count(running) == before
    assert client(running, "ASK { ?e rdfs:label 'Intruder'@en }").queryAndConvert()["boolean"] is False


def test_service_makes_no_network_request(running):
    status, _, body = get(running, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"no network requests" in body


def test_a_query_past_the_time_limit_is_stopped(slow_limit):
    (worker,) = slow_limit.server.worker_pids()
    with pytest.raises(urllib.error.HTTPError) as err:
        client(slow_limit, SLOW).query()
    assert err.value.code == 503 and b"time limit of 1 s" in err.value.read()
    # The worker was killed and reaped: no such process any more, not even a zombie.
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)
    # A new worker answers the next query.
    assert client(slow_limit, f"ASK {{ ?e owl:sameAs <{WIKIDATA}> }}").queryAndConvert()["boolean"] is True
    assert worker not in slow_limit.server.worker_pids()
    assert any(f"worker {worker} stopped after the 1 s time limit" in line for line in slow_limit.log)


def test_rows_past_the_cap_are_cut_and_flagged(running):
    status, headers, body = get(running, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
    assert status == 200 and headers[TRUNCATED_HEADER] == str(MAX_ROWS)
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    status, headers, body = get(running, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert status == 200 and headers[TRUNCATED_HEADER] == str(MAX_ROWS)
    assert len(Graph().parse(data=body.decode(), format="nt")) == MAX_ROWS
    status, headers, _ = get(running, DEATHS)
    assert status == 200 and TRUNCATED_HEADER not in headers


def test_body_past_the_cap_is_413(running):
    padding = "#" + "x" * MAX_BODY + "\n"
    status, _, body = request(running.endpoint, data=(padding + "ASK {}").encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and f"more than {MAX_BODY}".encode() in body
    assert client(running, "ASK {}").queryAndConvert()["boolean"] is True


def test_long_get_urls_are_414_and_post_works(running):
    long_query = DEATHS + "\n#" + "x" * MAX_URL
    with pytest.raises(URITooLong):
        client(running, long_query).query()
    assert client(running, long_query, post=True).queryAndConvert()["results"]["bindings"]


def test_bad_posts(running):
    assert request(running.endpoint, data=b"query=ASK%7B%7D", headers={"Content-Type": "text/plain"})[0] == 415
    assert request(running.endpoint, data=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
    assert request(running.url + "view", data=b"", method="PUT")[0] == 405


# --------------------------------------------------------------------------
# pages, CORS and logging


def test_landing_page_links_endpoint_view_and_docs(running):
    status, headers, body = request(running.url)
    assert status == 200 and headers.get_content_type() == "text/html"
    for href in ("/sparql", "/view", "/ontology"):
        assert f'href="{href}"'.encode() in body


def test_view_shows_the_graph(running):
    status, headers, body = request(running.url + "view")
    assert status == 200 and headers.get_content_type() == "text/html"
    page = body.decode()
    assert PUTIN.labels["en"] in page and PUTIN.wikidata in page


def test_ontology_docs(running):
    from beslan_kg.rdf.ontology import load_ontology

    perpetrator = URIRef("https://w3id.org/beslan-kg/ontology#perpetrator")
    labels = {o.language: str(o) for o in load_ontology().objects(perpetrator, RDFS.label)}
    status, headers, body = request(running.url + "ontology")
    assert status == 200 and headers.get_content_type() == "text/html"
    page = body.decode()
    assert str(perpetrator) in page and labels["en"] in page and labels["es"] in page


def test_cors_for_the_allowed_origin_only(running):
    status, headers, _ = request(running.endpoint, method="OPTIONS",
                                 headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == ORIGIN
    url = running.endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    assert request(url, headers={"Origin": ORIGIN})[1]["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Origin" not in request(url, headers={"Origin": "https://elsewhere.example"})[1]


def test_one_log_line_per_request(running):
    request(running.url + "no-such-page-7f3a")
    lines = [line for line in running.log if "no-such-page-7f3a" in line]
    assert len(lines) == 1 and re.search(r'"GET /no-such-page-7f3a" 404 \d+ \d+ ms', lines[0])


def test_a_missing_graph_fails_before_anything_starts(tmp_path):
    with pytest.raises(InputError, match="no such graph file"):
        make_server(tmp_path / "graph.trig", port=0)


# --------------------------------------------------------------------------
# content negotiation, unit


@pytest.mark.parametrize("accept, expected", [
    (None, "a"),
    ("text/b", "b"),
    ("text/*", "a"),
    ("text/b, text/a", "b"),                      # equal quality: the client's order
    ("text/*;q=0.9, text/b;q=0.1", "a"),          # the most specific range sets a type's quality
    ("text/a;q=0, */*", "b"),
    ("image/png", None),
    ("text/a;q=zero", None),
])
def test_negotiate(accept, expected):
    choice = negotiate(accept, {"text/a": "a", "text/b": "b"})
    assert (choice[0] if choice else None) == expected


# --------------------------------------------------------------------------
# the command


def test_cli_defaults_are_the_library_defaults():
    from beslan_kg import serve

    options = {p.name: p.default for p in cli.commands["serve"].params}
    assert (options["host"], options["port"], options["timeout"], options["max_rows"], options["max_body"], options["max_url"],
            options["workers"]) == (serve.DEFAULT_HOST, serve.DEFAULT_PORT, serve.DEFAULT_TIMEOUT, serve.DEFAULT_MAX_ROWS,
                                    serve.DEFAULT_MAX_BODY, serve.DEFAULT_MAX_URL, serve.DEFAULT_WORKERS)


def test_cli_missing_graph_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--graph", str(tmp_path / "none.trig"), "--port", "0"])
    assert result.exit_code == 1 and result.output.strip().startswith("error: ") and "no such graph file" in result.output


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_cli_serves_logs_and_stops_cleanly_on_ctrl_c(built):
    out, _ = built
    process = subprocess.Popen(
        [sys.executable, "-m", "beslan_kg", "serve", "--graph", str(out / "graph.trig"), "--port", "0", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True)
    try:
        line = process.stdout.readline()
        endpoint = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)", line).group(1)
        sparql = SPARQLWrapper(endpoint)
        sparql.setQuery(f"ASK {{ ?e <{OWL.sameAs}> <{WIKIDATA}> }}")
        sparql.setReturnFormat(JSON)
        assert sparql.queryAndConvert()["boolean"] is True
        workers = [pid for pid in _children(process.pid) if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()]
        assert len(workers) == 1
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0 and "Traceback" not in err
    assert sum('"GET /sparql?' in line for line in err.splitlines()) == 1
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)

