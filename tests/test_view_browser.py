"""The built graph.html in a real browser: offline, error-free, true to the graph, readable.

Runs headless Chromium (Debian's ``chromium`` package) through Playwright; on
a machine without Chromium the tests skip and say why.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, story_graph
from rdflib import RDFS, Graph, URIRef

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

# Flags the machine's closed network needs: no background requests of Chromium's own.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
ID = "https://w3id.org/beslan-kg/id/"
SIEGE = ID + "beslan-school-siege"
NODE_KINDS = "VALUES ?t { schema:Person schema:Organization schema:Place schema:Event schema:Thing }"


@pytest.fixture(scope="module")
def page_of():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)

        def open_page(path):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            requests, errors = [], []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

            def block(route):
                requests.append(route.request.url)
                route.abort()

            page.route(lambda url: not url.startswith("file://"), block)
            page.goto(path.as_uri())
            page.wait_for_function("() => window.beslanKG && window.beslanKG.settled", timeout=60_000)
            return page, requests, errors

        yield open_page
        browser.close()


@pytest.fixture(scope="module")
def story_page(tmp_path_factory):
    """The view of the two-article story of conftest, whose sources disagree on the deaths."""
    from beslan_kg.rdf.build import to_dataset
    from beslan_kg.rdf.network import to_graph_data
    from beslan_kg.view import write_html

    path = tmp_path_factory.mktemp("story") / "story.html"
    write_html(to_graph_data(to_dataset(story_graph())), path)
    return path


def _select(page, iri: str) -> None:
    """Select a node as a search would, and wait for the view to rest with its labels placed."""
    page.evaluate("(id) => window.beslanKG.select(id)", iri)
    page.evaluate("window.beslanKG.labelsPlaced()")


def _set_language(page, lang: str) -> None:
    page.select_option("#lang", lang)


def _click_node(page, iri: str) -> None:
    position = page.evaluate(
        "(id) => window.beslanKG.network.canvasToDOM(window.beslanKG.network.getPositions([id])[id])", iri
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])


def test_view_makes_no_request_raises_no_error_and_draws_every_entity(built, sparql, page_of):
    out, _ = built
    page, requests, errors = page_of(out / "graph.html")
    assert requests == []
    assert errors == []
    entities = sparql(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?t {NODE_KINDS} }}")
    assert page.evaluate("window.beslanKG.nodes.length") == int(entities[0][0])
    drawn = page.evaluate("Object.keys(window.beslanKG.network.getPositions()).length")
    assert drawn == int(entities[0][0])
    page.close()


def test_header_counts_are_the_build_summarys(built, page_of):
    out, report = built
    page, _, errors = page_of(out / "graph.html")
    entities = sum(n for kind, n in report.entities_by_kind if kind != "Event")
    languages = ", ".join(f"{lang.upper()} {sum(a.language == lang for a in report.articles)}"
                          for lang in sorted({a.language for a in report.articles}))
    expected = (f"{entities} entities · {report.events} events · {report.relations} relations · "
                f"{report.figures} figures · {len(report.articles)} articles ({languages})")
    assert page.locator("#counts").inner_text() == expected
    _set_language(page, "es")
    assert page.locator("#counts").inner_text().startswith(f"{entities} entidades · {report.events} acontecimientos · ")
    assert errors == []
    page.close()


def test_counts_say_one_in_the_singular(story_page, tmp_path, page_of):
    from dataclasses import replace

    from beslan_kg.rdf.build import to_dataset
    from beslan_kg.rdf.network import to_graph_data
    from beslan_kg.view import write_html

    def english(evidence):
        return tuple(ev for ev in evidence if ev.article_id == "story-en")

    # The English article alone, with one relation and one figure.
    kg = story_graph([("en", "12", "exact", 12, None)])
    one = replace(kg, articles=kg.articles[:1], statements=(replace(kg.statements[0], evidence=english(kg.statements[0].evidence)),),
                  entities=tuple(replace(e, mentions=english(e.mentions)) for e in kg.entities),
                  dates=kg.dates[:1])
    write_html(to_graph_data(to_dataset(one)), tmp_path / "one.html")
    page, _, errors = page_of(tmp_path / "one.html")
    counts = page.locator("#counts").inner_text()
    assert "1 relation ·" in counts and "1 figure ·" in counts and counts.endswith("1 article (EN 1)")
    _set_language(page, "es")
    counts = page.locator("#counts").inner_text()
    assert "1 relación ·" in counts and "1 cifra ·" in counts and counts.endswith("1 artículo (EN 1)")
    assert errors == []
    page.close()


def test_clicking_a_node_shows_its_sentences(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    _click_node(page, ID + "european-court-of-human-rights")
    panel = page.locator("#panel").inner_text()
    # Both articles name the court; the panel quotes a sentence of each, mention marked.
    assert "The European Court of Human Rights ruled in 2017" in panel
    assert "el Tribunal Europeo de Derechos Humanos condenó a Rusia" in panel
    assert page.locator("#panel blockquote mark").count() >= 2
    assert errors == []
    page.close()


def test_switching_the_language_relabels_the_nodes(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    russia = ID + "russia"
    _select(page, russia)  # a selected node always shows its label
    page.wait_for_function("(id) => window.beslanKG.nodes.get(id).label === 'Russia'", arg=russia)
    _set_language(page, "es")
    page.wait_for_function("(id) => window.beslanKG.nodes.get(id).label === 'Rusia'", arg=russia)
    assert errors == []
    page.close()


def test_every_edge_label_in_spanish_is_the_ontologys_spanish_label(built, page_of):
    out, _ = built
    ontology = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
    page, _, errors = page_of(out / "graph.html")
    _set_language(page, "es")
    edges = page.evaluate("window.beslanKG.edges.get().map((e) => [e.id, e.from])")
    predicates = page.evaluate("JSON.parse(document.getElementById('kg-data').textContent).edges.map((e) => [e.id, e.predicate])")
    spanish = {}
    for _, predicate in predicates:
        labels = {str(label.language): str(label) for label in ontology.objects(URIRef(predicate), RDFS.label)}
        # Never the property's raw name ("superEvent").
        assert labels["es"] != predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1], predicate
        spanish[predicate] = labels["es"]
    assert "https://schema.org/superEvent" in spanish  # the most common edge is labelled too
    predicate_of = dict(predicates)
    shown = set()
    for edge, source in edges:
        assert page.evaluate("(id) => window.beslanKG.edgeLabel(id)", edge) == spanish[predicate_of[edge]]
        if edge in shown:
            continue
        # Selecting a node draws the labels of its relations that have room: each is the Spanish one.
        _select(page, source)
        for other, label in page.evaluate("window.beslanKG.edges.get().filter((e) => e.label).map((e) => [e.id, e.label])"):
            assert label == spanish[predicate_of[other]]
            shown.add(other)
    assert len(shown) >= len(edges) // 2
    assert errors == []
    page.close()


def test_labels_are_readable_on_the_first_screen(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    drawn = page.evaluate("""() => {
        const scale = window.beslanKG.network.getScale();
        return window.beslanKG.nodes.get().filter((n) => n.label).map((n) => n.font.size * scale);
    }""")
    total = page.evaluate("window.beslanKG.nodes.length")
    assert min(drawn) >= 12.9  # px on screen
    assert len(drawn) >= 0.6 * total
    # Zoomed out, labels keep their size on screen; fewer fit.
    page.evaluate("window.beslanKG.network.moveTo({scale: window.beslanKG.network.getScale() / 3})")
    page.evaluate("window.beslanKG.labelsPlaced()")
    zoomed = page.evaluate("""() => {
        const scale = window.beslanKG.network.getScale();
        return window.beslanKG.nodes.get().filter((n) => n.label).map((n) => n.font.size * scale);
    }""")
    assert zoomed and min(zoomed) >= 12.9 and len(zoomed) < len(drawn)
    assert errors == []
    page.close()


def test_focusing_a_node_keeps_its_neighbours_in_view(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    _select(page, SIEGE)
    inside = page.evaluate("""(id) => {
        const net = window.beslanKG.network;
        const box = document.getElementById('graph').getBoundingClientRect();
        const ids = [id, ...net.getConnectedNodes(id)];
        return {scale: net.getScale(), inside: ids.every((n) => {
            const p = net.canvasToDOM(net.getPosition(n));
            return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
        })};
    }""", SIEGE)
    assert inside["inside"] and inside["scale"] <= 1.0
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
    page.evaluate("window.beslanKG.openArticle('payload')")
    page.locator("#panel mark.ent").first.click()
    assert page.evaluate("window.__xss") is None
    assert dialogs == [] and requests == [] and errors == []
    assert page.locator("img[src=x], svg[onload]").count() == 0
    # The payloads are shown as text.
    assert PAYLOADS[0] in page.locator("#panel .reader").inner_text()
    assert "</script><script>window.__xss=2</script>" in page.locator("body").inner_text()
    page.close()


def test_unchecking_a_language_hides_what_only_its_articles_say(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    spanish_only = ID + "government-of-russia"  # "el Gobierno ruso"
    both = ID + "russia"
    hidden = "(id) => !!window.beslanKG.nodes.get(id).hidden"
    assert not page.evaluate(hidden, spanish_only)
    page.locator("#language-filter label[data-language=es] input").uncheck()
    assert page.evaluate(hidden, spanish_only)
    assert not page.evaluate(hidden, both)
    assert errors == []
    page.close()


def test_the_timeline_places_every_dated_event_in_order_and_selects_it(built, sparql, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    dated = sparql(f"SELECT DISTINCT ?e WHERE {{ ?e a schema:Event ; schema:startDate ?d }}")
    items = page.evaluate("""() => [...document.querySelectorAll('#timeline .vis-item .tl-label')].map((label) => ({
        node: label.dataset.node, start: label.dataset.start,
        left: label.closest('.vis-item').getBoundingClientRect().left}))""")
    assert sorted(i["node"] for i in items) == sorted(ID + row[0].removeprefix("id:") for row in dated)
    # Left to right in the order of their dates.
    by_position = [i["start"] for i in sorted(items, key=lambda i: (i["left"], i["start"]))]
    assert by_position == sorted(by_position)
    # The timeline sits across the bottom of the page, under the graph.
    timeline = page.locator("#timeline").bounding_box()
    graph = page.locator("#graph").bounding_box()
    assert timeline["y"] >= graph["y"] + graph["height"] - 1 and timeline["width"] > 1000
    page.locator(f"#timeline .tl-label[data-node='{SIEGE}']").click()
    assert page.evaluate("window.beslanKG.network.getSelectedNodes()") == [SIEGE]
    assert "Beslan school siege" in page.locator("#panel").inner_text()
    assert errors == []
    page.close()


def test_the_article_reader_marks_every_mention_at_its_offsets(built, sparql, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    articles = sparql("SELECT (STR(?a) AS ?iri) ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }")
    for article, ident in articles:
        mentions = sparql(f"""
            SELECT DISTINCT ?node ?begin ?end ?text WHERE {{
              {{ ?m bkg:mentionOf ?node }} UNION {{ ?node bkg:figure ?f . ?f bkg:evidence ?m }}
              ?m schema:isPartOf <{article}> ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?text .
              ?node a ?t {NODE_KINDS} }}""")
        page.evaluate("(id) => window.beslanKG.openArticle(id)", ident)
        marks = page.evaluate("""() => [...document.querySelectorAll('#panel .reader mark.ent')].map((m) => [
            m.dataset.node, m.dataset.start, m.dataset.end, m.textContent])""")
        expected = sorted((ID + node.removeprefix("id:"), begin, end, text) for node, begin, end, text in mentions)
        assert sorted(tuple(m) for m in marks) == expected
    # A mark selects its node in the graph and leaves the article open.
    page.locator(f"#panel mark.ent[data-node='{ID}beslan']").first.click()
    assert page.evaluate("window.beslanKG.network.getSelectedNodes()") == [ID + "beslan"]
    assert page.locator("#panel .reader").count() == 1
    assert page.locator("#panel mark.ent.active").count() >= 1
    assert errors == []
    page.close()


def test_no_disagree_badge_where_the_sources_agree(built, sparql, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    with_figures = sparql("SELECT DISTINCT ?e WHERE { ?e bkg:figure ?f }")
    assert with_figures
    for (event,) in with_figures:
        _select(page, ID + event.removeprefix("id:"))
        assert page.locator("#panel h3", has_text="Figures").count() == 1
        assert page.locator("#panel .disagree").count() == 0
    assert errors == []
    page.close()


def test_a_disagree_badge_where_the_sources_disagree(story_page, page_of):
    page, _, errors = page_of(story_page)
    _select(page, ID + "event/explosion-northfield-2021")
    assert page.locator("#panel .disagree").inner_text() == "sources disagree"
    assert page.locator("#panel tr.disputed").count() == 2
    _set_language(page, "es")
    assert page.locator("#panel .disagree").inner_text() == "las fuentes discrepan"
    assert "Muertos" in page.locator("#panel").inner_text()
    assert errors == []
    page.close()


def test_a_large_graph_opens_on_an_overview_and_draws_neighbourhoods_on_demand(tmp_path, page_of):
    from synthetic import make_knowledge_graph

    from beslan_kg.rdf.build import to_dataset
    from beslan_kg.rdf.network import to_graph_data
    from beslan_kg.view import OVERVIEW_SIZE, write_html

    data = to_graph_data(to_dataset(make_knowledge_graph(150)))
    write_html(data, tmp_path / "large.html")
    page, requests, errors = page_of(tmp_path / "large.html")
    assert page.evaluate("window.beslanKG.nodes.length") == OVERVIEW_SIZE
    assert "Overview" in page.locator("#overview-note").inner_text()
    shown = set(page.evaluate("window.beslanKG.nodes.getIds()"))
    first = sorted(shown)[0]
    neighbours = {e.target for e in data.edges if e.source == first} | {e.source for e in data.edges if e.target == first}
    page.evaluate("(id) => { window.beslanKG.network.emit('doubleClick', {nodes: [id], edges: []}); return true; }", first)
    after = set(page.evaluate("window.beslanKG.nodes.getIds()"))
    assert neighbours <= after and len(after) > OVERVIEW_SIZE
    # A node found by search is drawn with its neighbourhood.
    hidden = next(n for n in data.nodes if n.iri not in after and n.kind != "Event")
    page.locator("#search").fill(dict(hidden.labels)["en"])
    page.locator("#search").press("Enter")
    assert page.evaluate("window.beslanKG.network.getSelectedNodes()") == [hidden.iri]
    page.locator("#show-all").click()
    assert page.evaluate("window.beslanKG.nodes.length") == len(data.nodes)
    assert requests == [] and errors == []
    page.close()


def test_search_finds_a_node_by_a_name_in_either_language(built, page_of):
    out, _ = built
    page, _, errors = page_of(out / "graph.html")
    for name in ("Chechenia", "chechnya"):
        page.locator("#search").fill(name)
        page.locator("#search").press("Enter")
        assert page.evaluate("window.beslanKG.network.getSelectedNodes()") == [ID + "chechnya"]
    page.locator("#search").fill("no such entity at all")
    page.locator("#search").press("Enter")
    assert page.locator("#search-msg").inner_text() == "No entity matches."
    assert errors == []
    page.close()
