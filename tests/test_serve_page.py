"""serve's query page (YASGUI at /sparql for browsers) and the endpoint's Service Description.

The browser test runs headless Chromium (Debian's ``chromium`` package) through
Playwright, as tests/test_view_browser.py does; without Chromium it skips and says why.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import VOID
from test_serve import Running, request

from beslan_kg.queries import iter_named_queries, load_named_query
from beslan_kg.query_page import CONTENT_SECURITY_POLICY, MISSING, YASGUI_FILES, make_query_page
from beslan_kg.rdf.namespaces import FORMATS, SD
from beslan_kg.rdf.query import run_query
from beslan_kg.rdf.terms import PREFIXES
from beslan_kg.serve import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

#: What Chromium sends when it opens a page.
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
LOCAL = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def server(built):
    out, _ = built
    running = Running(out / "graph.trig", workers=2)
    yield running
    running.close()


def page_config(body: bytes) -> dict:
    match = re.search(rb'<script type="application/json" id="beslan-kg-config">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


# --------------------------------------------------------------------------
# the page


def test_a_browser_gets_the_query_page_with_the_pack_as_tabs_and_the_prefixes(server):
    status, headers, body = request(server.endpoint, headers={"Accept": BROWSER})
    assert status == 200 and headers.get_content_type() == "text/html"
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY and "connect-src 'self'" in CONTENT_SECURITY_POLICY
    assert "Accept" in headers.get_all("Vary")
    config = page_config(body)
    assert [tab["name"] for tab in config["tabs"]] == [q.name for q in iter_named_queries()]
    assert config["tabs"][0]["query"] == next(iter_named_queries()).text
    assert config["endpoint"] == "/sparql"
    for prefix, ns in PREFIXES.items():
        assert f"PREFIX {prefix}: <{ns}>\n" in config["prefixBlock"]
    # Every script and stylesheet the page names is this server's.
    for src in re.findall(rb'(?:src|href)="([^"]*)"', body):
        assert src.startswith(b"/") or src == b"data:,", src


def test_the_page_loads_yasgui_and_the_prefixes_from_this_server(server):
    body = request(server.endpoint, headers={"Accept": BROWSER})[2]
    names = re.findall(rb'<(?:script|link rel="stylesheet")[^>]* (?:src|href)="(/[^"]*)"', body)
    assert {Path(name).name for _, name in YASGUI_FILES} <= {Path(n.decode()).name for n in names}
    types = {".js": "text/javascript", ".css": "text/css"}
    for name in names:
        status, headers, content = request(server.url.rstrip("/") + name.decode())
        assert status == 200 and headers.get_content_type() == types[Path(name.decode()).suffix] and content
        assert b"sourceMappingURL" not in content[-300:]
    prefixes = request(server.url.rstrip("/") + page_config(body)["prefixes"])
    assert prefixes[0] == 200 and json.loads(prefixes[2]) == dict(PREFIXES)


def test_a_query_from_a_browser_still_gets_results(server):
    url = server.endpoint + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    status, headers, body = request(url, headers={"Accept": BROWSER})
    # The browser's Accept names application/xml: the XML results, not the page.
    assert status == 200 and headers.get_content_type() == "application/xml" and b"<boolean>true</boolean>" in body


def test_a_client_that_accepts_only_results_gets_no_query_as_before(server):
    status, _, body = request(server.endpoint, headers={"Accept": "application/sparql-results+json"})
    assert status == 400 and b"no query" in body


def test_without_yasgui_the_page_and_the_log_say_so_in_one_line_and_the_endpoint_answers(built, tmp_path, monkeypatch):
    monkeypatch.setattr("beslan_kg.query_page.assets_dir", lambda: tmp_path)
    page = make_query_page(endpoint="/sparql")
    assert page.missing == MISSING and page.files == {} and "\n" not in MISSING
    out, _ = built
    running = Running(out / "graph.trig", workers=1)
    try:
        assert running.log.count(f"note: {MISSING}") == 1
        body = request(running.endpoint, headers={"Accept": BROWSER})[2].decode()
        assert MISSING in body
        assert "<script" not in body
        assert request(running.url + "query/yasgui.min.js")[0] == 404
        url = running.endpoint + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        assert json.loads(request(url, headers={"Accept": "application/sparql-results+json"})[2])["boolean"] is True
    finally:
        running.close()


# --------------------------------------------------------------------------
# the Service Description


def service_description(server: Running, accept: str = "text/turtle", headers: dict[str, str] | None = None) -> Graph:
    status, found, body = request(server.endpoint, headers={"Accept": accept, **(headers or {})})
    assert status == 200 and "Accept" in found.get_all("Vary")
    parser = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}[found.get_content_type()]
    return Graph().parse(data=body.decode("utf-8"), format=parser)


def test_turtle_gets_the_service_description(server, dataset):
    g = service_description(server)
    service = g.value(predicate=RDF.type, object=SD.Service)
    assert g.value(service, SD.endpoint) == URIRef(server.endpoint)
    assert set(g.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert set(g.objects(service, SD.feature)) == {SD.UnionDefaultGraph}
    served = set(RESULT_MEDIA_TYPES.values()) | set(GRAPH_MEDIA_TYPES.values())
    assert len(set(g.objects(service, SD.resultFormat))) == len(served) == 8
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_CSV, FORMATS.Turtle, FORMATS.JSON_LD} <= set(g.objects(service, SD.resultFormat))
    dataset_node = g.value(service, SD.defaultDataset)
    assert g.value(g.value(dataset_node, SD.defaultGraph), VOID.triples) == Literal(len(dataset))
    described = {g.value(n, SD.name): int(g.value(g.value(n, SD.graph), VOID.triples))
                 for n in g.objects(dataset_node, SD.namedGraph)}
    counts = run_query(dataset, "SELECT (STR(?g) AS ?name) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    assert described == {URIRef(name): int(n) for name, n in counts} and len(described) >= 2


def test_each_format_the_endpoint_answers_in_is_a_format_it_really_serves(server):
    g = service_description(server)
    names = {str(f).rsplit("/", 1)[1] for f in g.objects(predicate=SD.resultFormat)}
    by_name = {"SPARQL_Results_JSON": ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+json"),
               "SPARQL_Results_XML": ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+xml"),
               "SPARQL_Results_CSV": ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/csv"),
               "SPARQL_Results_TSV": ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/tab-separated-values"),
               "Turtle": ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "text/turtle"),
               "JSON_LD": ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "application/ld+json"),
               "N_Triples": ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "application/n-triples"),
               "RDF_XML": ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "application/rdf+xml")}
    assert names == set(by_name)
    for query, media_type in by_name.values():
        url = server.endpoint + "?" + urllib.parse.urlencode({"query": query})
        status, headers, _ = request(url, headers={"Accept": media_type})
        assert status == 200 and headers.get_content_type() == media_type


@pytest.mark.parametrize("accept", ["*/*", "application/n-triples", "application/rdf+xml"])
def test_other_rdf_formats_and_any_say_the_same(server, accept):
    assert isomorphic(service_description(server, accept), service_description(server))


def test_the_endpoint_is_named_as_the_client_named_the_server(server):
    port = urllib.parse.urlsplit(server.url).port
    g = service_description(server, headers={"Host": f"localhost:{port}"})
    assert set(g.objects(predicate=SD.endpoint)) == {URIRef(f"http://localhost:{port}/sparql")}


# --------------------------------------------------------------------------
# in a browser


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_in_chromium_the_page_runs_a_pack_query_and_nothing_leaves_the_machine(server, dataset):
    from playwright.sync_api import sync_playwright

    entities = load_named_query("entities")
    expected = len(run_query(dataset, entities.text).rows)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            # A request for another host is recorded, then refused: the test never reaches out either.
            page.route(lambda url: urllib.parse.urlsplit(url).hostname not in LOCAL, lambda route: route.abort())
            page.goto(server.endpoint)
            page.wait_for_function("() => window.beslanKG && document.querySelectorAll('.tabsList .tab').length", timeout=60_000)

            tabs = page.locator(".tabsList .tab a[role=tab]").all_inner_texts()
            assert [name.strip("✖ \n") for name in tabs] == [q.name for q in iter_named_queries()]
            entities_tab = page.locator(".tabsList .tab a[role=tab]", has_text=re.compile("^entities"))
            assert entities_tab.get_attribute("title") == entities.question
            entities_tab.click()
            assert page.evaluate("window.beslanKG.yasgui.getTab().getQuery()") == entities.text
            page.locator(".tabPanel.active .yasqe_queryButton").click()
            page.wait_for_function(
                "() => { const y = window.beslanKG.yasgui.getTab().getYasr(); return y.results && y.results.getBindings(); }",
                timeout=60_000)
            assert page.evaluate("window.beslanKG.yasgui.getTab().getYasr().results.getBindings().length") == expected > 0
            assert page.locator(".tabPanel.active .yasr tbody tr").count() > 0

            # A new tab starts with the project's prefixes declared.
            fresh = page.evaluate("window.beslanKG.yasgui.addTab(true).getQuery()")
            assert all(f"PREFIX {prefix}: <{ns}>" in fresh for prefix, ns in PREFIXES.items())

            # Completing a prefix offers the project's (https://schema.org/), from this server, not prefix.cc.
            yasqe = page.evaluate("window.beslanKG.yasgui.getTab().getYasqe().config.autocompleters")
            assert sorted(yasqe) == ["prefixes", "variables"]
            page.evaluate("() => { const y = window.beslanKG.yasgui.getTab().getYasqe(); y.setValue('PREFIX sch'); "
                          "y.setCursor(y.getDoc().lastLine(), 10); y.focus(); y.autocomplete(); }")
            page.wait_for_selector(".CodeMirror-hints", timeout=10_000)
            assert "schema: <https://schema.org/>" in page.locator(".CodeMirror-hints").inner_text()

            assert requests and all(urllib.parse.urlsplit(url).hostname in LOCAL for url in requests), requests
            assert any(url.endswith("/query/yasgui.min.js") for url in requests)
            assert errors == []
        finally:
            browser.close()
