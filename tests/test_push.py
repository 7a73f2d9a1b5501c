"""Pushing the built graph into a real Oxigraph server with the Graph Store Protocol."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from beslan_kg.cli import cli
from beslan_kg.errors import ConfigError, RemoteError
from beslan_kg.push import ENTITIES_GRAPH, parse_auth, push_graph

ARTICLE_GRAPH = "https://w3id.org/beslan-kg/graph/003_ecd1ea77e175385e"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph") or "oxigraph"


@pytest.fixture
def oxigraph(tmp_path):
    """A real Oxigraph server on a free loopback port, with an empty store; yields its base URL."""
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"oxigraph did not start: {process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(url + "/", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph did not answer within 60 s")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def select(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(f"{url}/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["results"]["bindings"]


def stored_counts(url: str) -> dict[str, int]:
    rows = select(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def stored_graph(url: str, graph: str) -> Graph:
    request = urllib.request.Request(f"{url}/store?" + urllib.parse.urlencode({"graph": graph}), headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return Graph().parse(data=response.read().decode(), format="nt")


#: Datatypes derived from xsd:integer, which Oxigraph stores as xsd:integer (it keeps numbers by value).
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
INTEGER_TYPES = {URIRef(f"http://www.w3.org/2001/XMLSchema#{name}") for name in (
    "integer nonNegativeInteger positiveInteger nonPositiveInteger negativeInteger long int short byte "
    "unsignedLong unsignedInt unsignedShort unsignedByte").split()}


def by_value(graph: Graph) -> Graph:
    """The graph with every integer literal as Oxigraph stores it: xsd:integer, canonical form."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in INTEGER_TYPES:
            o = Literal(str(int(o)), datatype=XSD_INTEGER)
        out.add((s, p, o))
    return out


def local_graphs(dataset) -> dict[str, Graph]:
    """The built graphs by the IRI they should have in the store: the default graph is the entities graph."""
    graphs = {}
    for g in dataset.graphs():
        if len(g):
            plain = Graph()
            for triple in g:
                plain.add(triple)
            graphs[ENTITIES_GRAPH if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier)] = plain
    return graphs


def test_push_stores_every_graph_with_its_local_count(built, dataset, oxigraph):
    out, _ = built
    report = push_graph(out / "graph.trig", f"{oxigraph}/store")
    local = local_graphs(dataset)
    assert ENTITIES_GRAPH in local and ARTICLE_GRAPH in local
    assert stored_counts(oxigraph) == {name: len(g) for name, g in local.items()}
    assert {g.graph: g.triples for g in report.graphs} == {name: len(g) for name, g in local.items()}
    assert report.graphs[0].graph == ENTITIES_GRAPH and all(200 <= g.status < 300 for g in report.graphs)
    for name, graph in local.items():
        assert isomorphic(stored_graph(oxigraph, name), by_value(graph)), name
    # Nothing went to the store's own default graph.
    assert select(oxigraph, "SELECT * WHERE { ?s ?p ?o } LIMIT 1") == []


def test_pushing_again_replaces_rather_than_adds(built, dataset, oxigraph):
    out, _ = built
    push_graph(out / "graph.trig", f"{oxigraph}/store")
    first = {name: stored_graph(oxigraph, name) for name in stored_counts(oxigraph)}
    # Something in the store that the build does not say: a second push must remove it.
    extra = f"INSERT DATA {{ GRAPH <{ARTICLE_GRAPH}> {{ <urn:x:stale> <urn:x:p> 'stale' }} }}"
    urllib.request.urlopen(urllib.request.Request(f"{oxigraph}/update", data=extra.encode(),
                                                  headers={"Content-Type": "application/sparql-update"}), timeout=60).close()
    assert stored_counts(oxigraph)[ARTICLE_GRAPH] == len(local_graphs(dataset)[ARTICLE_GRAPH]) + 1
    push_graph(out / "graph.trig", f"{oxigraph}/store")
    assert stored_counts(oxigraph) == {name: len(g) for name, g in local_graphs(dataset).items()}
    for name, graph in first.items():
        assert isomorphic(stored_graph(oxigraph, name), graph), name


def test_entities_to_the_store_default_graph(built, dataset, oxigraph):
    out, _ = built
    report = push_graph(out / "graph.trig", f"{oxigraph}/store", entities_graph="default")
    assert report.graphs[0].graph == "default"
    default = select(oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(default[0]["n"]["value"]) == len(local_graphs(dataset)[ENTITIES_GRAPH])
    assert ENTITIES_GRAPH not in stored_counts(oxigraph)


def test_unreachable_endpoint(built):
    out, _ = built
    port = free_port()  # nothing listens there once the probe socket is closed
    with pytest.raises(RemoteError, match=rf"127\.0\.0\.1:{port}/store: cannot be reached"):
        push_graph(out / "graph.trig", f"http://127.0.0.1:{port}/store")


def test_error_answer_is_quoted(built, oxigraph):
    out, _ = built
    with pytest.raises(RemoteError) as err:
        push_graph(out / "graph.trig", f"{oxigraph}/no-such-service")
    assert "answered 404" in err.value.problem and "Graph Store Protocol URL" in err.value.hint


class _Recorder(BaseHTTPRequestHandler):
    """Accepts every PUT and remembers its Authorization header and target."""

    seen: list[tuple[str, str | None]] = []

    def do_PUT(self):  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append((self.path, self.headers.get("Authorization")))
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", _Recorder.seen
    server.shutdown()
    server.server_close()


def test_auth_is_sent_as_basic_and_never_printed(built, recorder):
    out, _ = built
    endpoint, seen = recorder
    result = CliRunner().invoke(cli, ["push", "--endpoint", endpoint, "--graph", str(out / "graph.trig"), "--auth", "analyst:s3:cret"])
    assert result.exit_code == 0, result.output
    token = base64.b64encode(b"analyst:s3:cret").decode()
    assert seen and all(auth == f"Basic {token}" for _, auth in seen)
    assert [urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["graph"][0] for path, _ in seen][0] == ENTITIES_GRAPH
    assert "s3:cret" not in result.output and token not in result.output
    assert result.stdout.strip().endswith(f"in {len(seen)} graphs to {endpoint}")
    assert sum(line.startswith("pushed ") for line in result.stderr.splitlines()) == len(seen)


def test_auth_from_the_environment(built, recorder):
    out, _ = built
    endpoint, seen = recorder
    result = CliRunner(env={"BESLAN_KG_PUSH_AUTH": "analyst:env-secret"}).invoke(cli, ["push", "-e", endpoint, "-g", str(out / "graph.trig")])
    assert result.exit_code == 0 and seen[0][1] == "Basic " + base64.b64encode(b"analyst:env-secret").decode()


@pytest.mark.parametrize("auth", ["no-colon-secret", ":nouser"])
def test_bad_auth_is_one_line_and_not_echoed(built, auth):
    out, _ = built
    result = CliRunner().invoke(cli, ["push", "--endpoint", "http://127.0.0.1:9/store", "--graph", str(out / "graph.trig"), "--auth", auth])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --auth: is not USER:PASSWORD")
    assert auth not in result.stderr
    with pytest.raises(ConfigError):
        parse_auth(auth)


@pytest.mark.parametrize("endpoint, problem", [
    ("ftp://127.0.0.1/store", "is not an http(s) URL"),
    ("http://user:secret@127.0.0.1/store", "holds credentials"),
])
def test_unusable_endpoints(built, endpoint, problem):
    out, _ = built
    with pytest.raises(ConfigError) as err:
        push_graph(out / "graph.trig", endpoint)
    assert problem in err.value.problem and "secret" not in err.value.message


def test_cli_errors_are_one_line(built):
    out, _ = built
    result = CliRunner().invoke(cli, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--graph", str(out / "graph.trig")])
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.strip()][-1].startswith("error: ")
    assert "Traceback" not in result.output


def test_a_store_that_trickles_its_answer_is_cut_off_at_the_overall_deadline(built):
    from conftest import local_server

    def trickle(handler):
        handler.rfile.read(int(handler.headers["Content-Length"]))
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(40):  # a header byte every 0.2 s: each read is quick, the whole never ends in time
            handler.wfile.write(b"X")
            handler.wfile.flush()
            time.sleep(0.2)

    out, _ = built
    with local_server(trickle) as (url, asked):
        started = time.monotonic()
        with pytest.raises(RemoteError, match="did not answer within 1 s"):
            push_graph(out / "graph.trig", f"{url}/store", timeout=1)
        assert time.monotonic() - started < 3


@pytest.mark.parametrize("value", ["-1", "0", "nan", "soon"])
def test_a_bad_timeout_is_refused_by_the_command_line(built, value):
    out, _ = built
    result = CliRunner().invoke(cli, ["push", "--endpoint", "http://127.0.0.1:9/store", "--graph", str(out / "graph.trig"),
                                      "--timeout", value])
    assert result.exit_code == 2 and "Invalid value for '--timeout'" in result.output and "Traceback" not in result.output
