"""The built graph.html in a real browser: offline, error-free, every entity drawn.

Runs headless Chromium (Debian's ``chromium`` package) through Playwright; on
a machine without Chromium the tests skip and say why.
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

# Flags the machine's closed network needs: no background requests of Chromium's own.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page_of():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)

        def open_page(path):
            page = browser.new_page()
            requests, errors = [], []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

            def block(route):
                requests.append(route.request.url)
                route.abort()

            page.route(lambda url: not url.startswith("file://"), block)
            page.goto(path.as_uri())
            page.wait_for_function("() => window.beslanKG && window.beslanKG.settled", timeout=30_000)
            return page, requests, errors

        yield open_page
        browser.close()


def test_view_makes_no_request_raises_no_error_and_draws_every_entity(built, sparql, page_of):
    out, _ = built
    page, requests, errors = page_of(out / "graph.html")
    assert requests == []
    assert errors == []
    entities = sparql("""
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a ?t VALUES ?t { schema:Person schema:Organization schema:Place schema:Event schema:Thing } }""")
    assert page.evaluate("window.beslanKG.nodes.length") == int(entities[0][0])
    drawn = page.evaluate("Object.keys(window.beslanKG.network.getPositions()).length")
    assert drawn == int(entities[0][0])
    page.close()


def _click_node(page, iri: str) -> None:
    position = page.evaluate(
        "(id) => window.beslanKG.network.canvasToDOM(window.beslanKG.network.getPositions([id])[id])", iri
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])


def test_clicking_a_node_shows_its_sentences(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    _click_node(page, "https://w3id.org/beslan-kg/id/european-court-of-human-rights")
    panel = page.locator("#panel").inner_text()
    # Both articles name the court; the panel quotes a sentence of each, mention marked.
    assert "The European Court of Human Rights ruled in 2017" in panel
    assert "el Tribunal Europeo de Derechos Humanos condenó a Rusia" in panel
    assert page.locator("#panel mark").count() >= 2
    assert errors == []
    page.close()


def test_switching_the_language_relabels_the_nodes(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    russia = "https://w3id.org/beslan-kg/id/russia"
    assert page.evaluate("(id) => window.beslanKG.nodes.get(id).label", russia) == "Russia"
    page.select_option("#lang", "es")
    assert page.evaluate("(id) => window.beslanKG.nodes.get(id).label", russia) == "Rusia"
    assert errors == []
    page.close()


PAYLOADS = (
    "<img src=x onerror=\"window.__xss=1\">",
    "</script><script>window.__xss=2</script>",
    "<svg onload=window.__xss=3>",
)


def test_markup_in_an_article_never_runs(tmp_path, page_of):
    from beslan_kg.build import run_build

    article = tmp_path / "in" / "payload.txt"
    article.parent.mkdir()
    article.write_text(
        f"Vladimir Putin visited Beslan {PAYLOADS[0]} in North Ossetia on Monday. "
        f"The European Court of Human Rights {PAYLOADS[1]} ruled against Russia {PAYLOADS[2]} in 2017.\n",
        encoding="utf-8",
    )
    (tmp_path / "in" / "payload.meta.yaml").write_text(
        f"language: en\ntitle: '{PAYLOADS[1]} {PAYLOADS[0]}'\ndate_published: 2024-09-02\n", encoding="utf-8"
    )
    run_build([article.parent], tmp_path / "out")
    page, requests, errors = page_of(tmp_path / "out" / "graph.html")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for iri in page.evaluate("window.beslanKG.nodes.getIds()"):
        _click_node(page, iri)
    assert page.evaluate("window.__xss") is None
    assert dialogs == [] and requests == [] and errors == []
    assert page.locator("img[src=x], svg[onload]").count() == 0
    # The payloads are shown as text.
    assert "</script><script>window.__xss=2</script>" in page.locator("body").inner_text()
    page.close()


def test_unchecking_a_language_hides_what_only_its_articles_say(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    spanish_only = "https://w3id.org/beslan-kg/id/government-of-russia"  # "el Gobierno ruso"
    both = "https://w3id.org/beslan-kg/id/russia"
    hidden = "(id) => !!window.beslanKG.nodes.get(id).hidden"
    assert not page.evaluate(hidden, spanish_only)
    page.locator("#language-filter label[data-language=es] input").uncheck()
    assert page.evaluate(hidden, spanish_only)
    assert not page.evaluate(hidden, both)
    assert errors == []
    page.close()


def test_the_timeline_lists_dated_events_in_order_and_focuses_them(built, sparql, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    items = page.locator("#timeline .timeline-date")
    dates = [items.nth(i).inner_text() for i in range(items.count())]
    dated = sparql("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a schema:Event ; schema:startDate ?d }")
    assert len(dates) == int(dated[0][0]) and dates == sorted(dates)
    siege = "https://w3id.org/beslan-kg/id/beslan-school-siege"
    page.locator(f"#timeline button[data-node='{siege}']").click()
    assert page.evaluate("window.beslanKG.network.getSelectedNodes()") == [siege]
    assert "Beslan school siege" in page.locator("#panel").inner_text()
    assert errors == []
    page.close()


def test_a_large_graph_opens_on_its_most_connected_nodes_and_expands(tmp_path, page_of):
    from synthetic import make_graph

    from beslan_kg.view import LARGE_GRAPH_INITIAL, write_html

    graph = make_graph(600, 900)
    write_html(graph, tmp_path / "large.html")
    page, requests, errors = page_of(tmp_path / "large.html")
    visible = "() => window.beslanKG.nodes.get({filter: (n) => !n.hidden}).length"
    assert page.evaluate(visible) == LARGE_GRAPH_INITIAL
    shown = page.evaluate("() => window.beslanKG.nodes.get({filter: (n) => !n.hidden}).map((n) => n.id)")
    degree = {n: graph.degree(n) for n in graph.nodes}
    # The ones shown are the most connected.
    assert min(degree[n] for n in shown) >= sorted(degree.values(), reverse=True)[LARGE_GRAPH_INITIAL - 1]
    first = shown[0]
    neighbours = set(graph.predecessors(first)) | set(graph.successors(first))
    page.evaluate("(id) => { window.beslanKG.network.emit('doubleClick', {nodes: [id], edges: []}); return true; }", first)
    after = set(page.evaluate("() => window.beslanKG.nodes.get({filter: (n) => !n.hidden}).map((n) => n.id)"))
    assert neighbours <= after and len(after) > LARGE_GRAPH_INITIAL
    page.locator("#show-all").click()
    assert page.evaluate(visible) == 600
    assert requests == [] and errors == []
    page.close()


def test_search_finds_a_node_by_a_name_in_either_language(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    for name in ("Chechenia", "chechnya"):
        page.locator("#search").fill(name)
        page.locator("#search").press("Enter")
        assert page.evaluate("window.beslanKG.network.getSelectedNodes()") == ["https://w3id.org/beslan-kg/id/chechnya"]
    page.locator("#search").fill("no such entity at all")
    page.locator("#search").press("Enter")
    assert page.locator("#search-msg").inner_text() == "No entity matches."
    assert errors == []
    page.close()
