"""Tests of the self-contained HTML view (no browser: the page is parsed)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import networkx as nx
import pytest

from beslan_kg.view import to_html, write_html

EX = "http://example.org/beslan/"
XSS_LABEL = "Beslan <img src=x onerror=alert(1)>"
XSS_SENTENCE = "Gunmen said </script><script>alert(1)</script> at the school."


# --------------------------------------------------------------------------
# fixtures and helpers


def _articles():
    return [
        {"id": "en-1", "title": "Siege ends in bloodshed", "language": "en", "date_published": "2004-09-04"},
        {"id": "es-1", "title": "Termina el asedio", "language": "es", "date_published": "2004-09-05"},
    ]


def _evidence(article_id, sentence, mention):
    start = sentence.index(mention)
    titles = {a["id"]: a["title"] for a in _articles()}
    return {
        "article_id": article_id,
        "article_title": titles[article_id],
        "language": article_id[:2],
        "sentence": sentence,
        "start": start,
        "end": start + len(mention),
    }


def _figure(article_id, value, qualifier, sentence, upper=None):
    titles = {a["id"]: a["title"] for a in _articles()}
    return {
        "measure": EX + "deaths",
        "measure_labels": {"en": "deaths", "es": "muertos"},
        "value": value,
        "qualifier": qualifier,
        "upper": upper,
        "article_id": article_id,
        "article_title": titles[article_id],
        "language": article_id[:2],
        "sentence": sentence,
    }


NODES = {
    EX + "basayev": {
        "kind": "Person",
        "ontology_class": "Person",
        "class_labels": {"en": "Person", "es": "Persona"},
        "labels": {"en": "Shamil Basayev", "es": "Shamil Basáyev"},
        "aliases": [{"text": "Basayev", "lang": "en"}, {"text": "Basáyev", "lang": "es"}],
        "wikidata": "Q193227",
        "mentions": 4,
        "articles": ["en-1", "es-1"],
        "date": None,
        "evidence": [_evidence("en-1", "Shamil Basayev claimed the attack.", "Shamil Basayev")],
        "figures": [],
    },
    EX + "beslan": {
        "kind": "Place",
        "ontology_class": "City",
        "class_labels": {"en": "City", "es": "Ciudad"},
        "labels": {"en": XSS_LABEL, "es": "Beslán"},
        "aliases": [],
        "wikidata": "Q7747",
        "mentions": 25,
        "articles": ["en-1"],
        "date": None,
        "evidence": [_evidence("en-1", XSS_SENTENCE, "school")],
        "figures": [],
    },
    EX + "siege": {
        "kind": "Event",
        "ontology_class": "HostageCrisis",
        "class_labels": {"en": "Hostage crisis", "es": "Toma de rehenes"},
        "labels": {"en": "Beslan school siege", "es": "Masacre de Beslán"},
        "aliases": [{"text": "Beslan massacre", "lang": "en"}],
        "wikidata": None,
        "mentions": 9,
        "articles": ["en-1", "es-1"],
        "date": "2004-09-01",
        "evidence": [_evidence("es-1", "La masacre de Beslán conmocionó a Rusia.", "masacre de Beslán")],
        "figures": [
            _figure("en-1", 330, "more_than", "More than 330 people died."),
            _figure("es-1", 334, "exact", "Murieron 334 personas."),
        ],
    },
}

EDGES = [
    (
        EX + "siege",
        EX + "beslan",
        "http://schema.org/location",
        {"en": "location", "es": "lugar"},
        [_evidence("en-1", "The siege of the school in Beslan lasted three days.", "Beslan")],
    ),
    (
        EX + "basayev",
        EX + "siege",
        EX + "organized",
        {"en": "organized", "es": "organizó"},
        [_evidence("en-1", "Shamil Basayev claimed the attack.", "claimed")],
    ),
]


def make_graph(reverse: bool = False) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(articles=_articles())
    nodes = list(NODES.items())
    edges = list(EDGES)
    if reverse:
        nodes.reverse()
        edges.reverse()
    for iri, attrs in nodes:
        graph.add_node(iri, **json.loads(json.dumps(attrs)))
    for u, v, key, labels, evidence in edges:
        graph.add_edge(u, v, key=key, predicate=key, labels=dict(labels), evidence=list(evidence))
    return graph


class _Page(HTMLParser):
    """Collects tags, their attributes and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self._buffer = []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._in_script is not None:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._buffer)))
            self._in_script = None


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def page_data(html: str) -> dict:
    (data,) = [text for attrs, text in parse(html).scripts if attrs.get("id") == "kg-data"]
    return json.loads(data)


@pytest.fixture
def html(tmp_path) -> str:
    path = tmp_path / "graph.html"
    write_html(make_graph(), path, title="Beslan <test>")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# the file and its resources


def test_write_html_writes_one_utf8_file(tmp_path):
    path = tmp_path / "out.html"
    write_html(make_graph(), path)
    assert path.is_file()
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in text
    assert text == to_html(make_graph())


def test_no_remote_resources(html):
    page = parse(html)
    for tag, attrs in page.tags:
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert not [t for t, _ in page.tags if t in ("link", "img", "iframe", "object", "embed", "base")]
    assert not [a for t, a in page.tags if t == "script" and "src" in a]
    assert "@import" not in html and "@font-face" not in html
    for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", html):
        assert url.startswith("data:"), url


def test_content_security_policy_forbids_fetches_and_pins_scripts(html):
    page = parse(html)
    (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "connect-src" not in csp and "'unsafe-eval'" not in csp
    runnable = [text for attrs, text in page.scripts if "type" not in attrs]
    assert len(runnable) == 2
    for text in runnable:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_vis_network_is_inlined(html):
    page = parse(html)
    runnable = [text for attrs, text in page.scripts if "type" not in attrs]
    vis_js = max(runnable, key=len)
    assert len(vis_js) > 100_000
    assert "vis-network" in vis_js and "stabilizationIterationsDone" in vis_js
    assert ".vis-network" in html  # the CSS, in a <style> element
    app_js = min(runnable, key=len)
    assert "new vis.Network(" in app_js
    assert "setOptions({ physics: false })" in app_js
    assert not re.search(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write", app_js)


def test_app_js_parses(html):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    app_js = min((text for attrs, text in parse(html).scripts if "type" not in attrs), key=len)
    result = subprocess.run([node, "--check", "-"], input=app_js, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------
# the embedded data


def test_every_node_edge_and_label_is_in_the_json(html):
    data = page_data(html)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(NODES)
    assert {n["id"] for n in data["vis"]["nodes"]} == set(NODES)
    for iri, attrs in NODES.items():
        assert nodes[iri]["labels"] == attrs["labels"]
        assert nodes[iri]["classLabels"] == attrs["class_labels"]
        assert nodes[iri]["kind"] == attrs["kind"]
        assert {a["text"] for a in nodes[iri]["aliases"]} == {a["text"] for a in attrs["aliases"]}
    edges = {(e["from"], e["to"], e["predicate"]): e for e in data["edges"]}
    for u, v, key, labels, _ in EDGES:
        assert edges[(u, v, key)]["labels"] == labels
    assert {(e["from"], e["to"]) for e in data["vis"]["edges"]} == {(u, v) for u, v, *_ in EDGES}
    assert [a["id"] for a in data["articles"]] == ["en-1", "es-1"]
    assert data["title"] == "Beslan <test>"


def test_evidence_marks_the_mention(html):
    data = page_data(html)
    (ev,) = next(n for n in data["nodes"] if n["id"] == EX + "basayev")["evidence"]
    assert ev == {"article": "en-1", "before": "", "mention": "Shamil Basayev", "after": " claimed the attack."}
    (edge_ev,) = next(e for e in data["edges"] if e["predicate"] == EX + "organized")["evidence"]
    assert (edge_ev["before"], edge_ev["mention"], edge_ev["after"]) == ("Shamil Basayev ", "claimed", " the attack.")


def test_bad_offsets_show_the_sentence_without_a_mark():
    graph = make_graph()
    graph.nodes[EX + "basayev"]["evidence"] = [
        {"article_id": "en-1", "sentence": "Short.", "start": 3, "end": 99},
        {"article_id": "en-1", "sentence": "Short.", "start": None, "end": None},
    ]
    (ev,) = next(n for n in page_data(to_html(graph))["nodes"] if n["id"] == EX + "basayev")["evidence"]
    assert ev == {"article": "en-1", "before": "Short.", "mention": "", "after": ""}


def test_figures_are_grouped_by_measure_and_disagreement_is_flagged(html):
    siege = next(n for n in page_data(html)["nodes"] if n["id"] == EX + "siege")
    (group,) = siege["figures"]
    assert group["labels"] == {"en": "deaths", "es": "muertos"}
    assert group["disagree"] is True
    assert [(f["article"], f["value"], f["qualifier"]) for f in group["values"]] == [
        ("en-1", 330, "more_than"),
        ("es-1", 334, "exact"),
    ]
    assert group["values"][0]["sentence"] == "More than 330 people died."


def test_agreeing_figures_are_not_flagged():
    graph = make_graph()
    graph.nodes[EX + "siege"]["figures"] = [
        _figure("en-1", 330, "more_than", "More than 330 died."),
        _figure("es-1", 330, "more_than", "Más de 330 muertos."),
        _figure("es-1", 1100, "range", "Entre 1100 y 1200 rehenes.", upper=1200) | {"measure": EX + "hostages"},
    ]
    siege = next(n for n in page_data(to_html(graph))["nodes"] if n["id"] == EX + "siege")
    deaths, hostages = siege["figures"]
    assert deaths["disagree"] is False and len(deaths["values"]) == 2
    assert hostages["values"][0]["upper"] == 1200 and hostages["values"][0]["qualifier"] == "range"


def test_wikidata_ids_are_validated():
    graph = make_graph()
    graph.nodes[EX + "basayev"]["wikidata"] = "javascript:alert(1)//Q1"
    graph.nodes[EX + "beslan"]["wikidata"] = "http://www.wikidata.org/entity/Q7747"
    nodes = {n["id"]: n for n in page_data(to_html(graph))["nodes"]}
    assert nodes[EX + "basayev"]["wikidata"] is None
    assert nodes[EX + "beslan"]["wikidata"] == "Q7747"
    assert nodes[EX + "siege"]["wikidata"] is None


# --------------------------------------------------------------------------
# safety


def test_untrusted_text_never_appears_raw(html):
    assert XSS_LABEL not in html
    assert "<img src=x onerror=alert(1)>" not in html
    assert "</script><script>alert(1)</script>" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    page = parse(html)
    assert [attrs.get("id") for attrs, _ in page.scripts] == ["kg-data", None, None]
    assert "img" not in {tag for tag, _ in page.tags}
    # ...and still round-trips to the original text.
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    assert nodes[EX + "beslan"]["labels"]["en"] == XSS_LABEL
    (ev,) = nodes[EX + "beslan"]["evidence"]
    assert ev["before"] + ev["mention"] + ev["after"] == XSS_SENTENCE
    # The caller's title is HTML-escaped, not interpreted.
    assert "<title>Beslan &lt;test&gt;</title>" in html


def test_line_separators_and_ampersands_are_escaped():
    graph = make_graph()
    graph.nodes[EX + "basayev"]["labels"] = {"en": "A\u2028B\u2029C & <!-- D", "es": "x"}
    html = to_html(graph)
    assert "\u2028" not in html and "\u2029" not in html and "<!-- D" not in html
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    assert nodes[EX + "basayev"]["labels"]["en"] == "A\u2028B\u2029C & <!-- D"


def test_no_html_tooltips_are_passed_to_vis(html):
    data = page_data(html)
    for item in data["vis"]["nodes"] + data["vis"]["edges"]:
        assert "title" not in item


# --------------------------------------------------------------------------
# determinism, language, styling


def test_output_is_deterministic(tmp_path):
    first, second, third = tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html"
    write_html(make_graph(), first)
    write_html(make_graph(), second)
    write_html(make_graph(reverse=True), third)
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    options = page_data(first.read_text(encoding="utf-8"))["vis"]["options"]
    assert isinstance(options["layout"]["randomSeed"], int)


def test_spanish_labels_are_shown_first():
    html = to_html(make_graph(), language="es")
    data = page_data(html)
    assert data["language"] == "es"
    labels = {n["id"]: n["label"] for n in data["vis"]["nodes"]}
    assert labels == {iri: attrs["labels"]["es"] for iri, attrs in NODES.items()}
    assert {e["label"] for e in data["vis"]["edges"]} == {"lugar", "organizó"}
    assert '<html lang="es">' in html
    assert '<option value="es" selected>' in html


def test_english_is_the_default_and_missing_labels_fall_back():
    graph = make_graph()
    graph.nodes[EX + "siege"]["labels"] = {"es": "Masacre de Beslán"}
    graph.nodes[EX + "basayev"]["labels"] = {}
    graph.add_edge(EX + "basayev", EX + "beslan", key=EX + "visited_place", predicate=EX + "visited_place")
    data = page_data(to_html(graph))
    labels = {n["id"]: n["label"] for n in data["vis"]["nodes"]}
    assert labels[EX + "siege"] == "Masacre de Beslán"
    assert labels[EX + "basayev"] == "basayev"
    assert "visited place" in {e["label"] for e in data["vis"]["edges"]}


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        to_html(make_graph(), language="ru")


def test_kinds_have_distinct_styles_and_size_grows_with_mentions(html):
    data = page_data(html)
    assert [k["id"] for k in data["kinds"]] == ["Person", "Organization", "Place", "Event", "Thing"]
    assert len({(k["shape"], k["color"]) for k in data["kinds"]}) == 5
    vis_nodes = {n["id"]: n for n in data["vis"]["nodes"]}
    shapes = {iri: vis_nodes[iri]["shape"] for iri in NODES}
    assert len(set(shapes.values())) == 3
    sizes = {iri: vis_nodes[iri]["size"] for iri in NODES}
    assert sizes[EX + "basayev"] < sizes[EX + "siege"] < sizes[EX + "beslan"]

    graph = make_graph()
    graph.nodes[EX + "beslan"]["mentions"] = 100_000
    graph.nodes[EX + "basayev"]["mentions"] = 0
    graph.nodes[EX + "siege"]["kind"] = "Spaceship"
    data = page_data(to_html(graph))
    vis_nodes = {n["id"]: n for n in data["vis"]["nodes"]}
    assert vis_nodes[EX + "beslan"]["size"] <= 50
    assert vis_nodes[EX + "basayev"]["size"] >= 8
    assert next(n for n in data["nodes"] if n["id"] == EX + "siege")["kind"] == "Thing"


def test_physics_stabilises_then_stops(html):
    options = page_data(html)["vis"]["options"]
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["physics"]["solver"] in ("forceAtlas2Based", "barnesHut")


def test_parallel_edges_get_distinct_curves():
    graph = make_graph()
    graph.add_edge(EX + "siege", EX + "beslan", key=EX + "startedIn", predicate=EX + "startedIn")
    graph.add_edge(EX + "beslan", EX + "siege", key=EX + "siteOf", predicate=EX + "siteOf")
    vis_edges = page_data(to_html(graph))["vis"]["edges"]
    first = min(EX + "siege", EX + "beslan")

    def world_side(edge):
        # Where the curve bulges seen from `first` (curvedCW/CCW are relative to each edge's direction).
        smooth = edge["smooth"]
        if not smooth.get("enabled"):
            return 0.0
        side = smooth["roundness"] * (1 if smooth["type"] == "curvedCW" else -1)
        return side if edge["from"] == first else -side

    sides = [world_side(e) for e in vis_edges if {e["from"], e["to"]} == {EX + "siege", EX + "beslan"}]
    assert len(sides) == 3
    assert len(set(sides)) == 3
    assert len({e["id"] for e in vis_edges}) == len(vis_edges)


def test_empty_graph_renders():
    data = page_data(to_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["articles"] == []


def test_only_a_large_graph_opens_on_its_most_connected_nodes():
    from synthetic import make_graph

    from beslan_kg.view import LARGE_GRAPH, LARGE_GRAPH_INITIAL, build_page_data

    small = build_page_data(make_graph(LARGE_GRAPH, 700), title="t", language="en")
    assert small["large"] is None
    graph = make_graph(LARGE_GRAPH + 1, 700)
    large = build_page_data(graph, title="t", language="en")["large"]
    assert len(large["initial"]) == LARGE_GRAPH_INITIAL
    cutoff = sorted((graph.degree(n) for n in graph.nodes), reverse=True)[LARGE_GRAPH_INITIAL - 1]
    assert all(graph.degree(n) >= cutoff for n in large["initial"])
