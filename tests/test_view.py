"""Tests of the self-contained HTML view (no browser: the page is parsed)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from conftest import ROOT, STORY, story_graph

from beslan_kg.errors import ConfigError
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.network import to_graph_data
from beslan_kg.records import ArticleMeta, Evidence, KnowledgeGraph, ResolvedEntity
from beslan_kg.view import OVERVIEW_SIZE, OVERVIEW_THRESHOLD, SCRIPTS, build_page_data, to_html, write_html

ID = "https://w3id.org/beslan-kg/id/"
EXPLOSION = ID + "event/explosion-northfield-2021"
XSS_LABEL = "Northfield <img src=x onerror=alert(1)>"
XSS_SENTENCE = "Gunmen said </script><script>alert(1)</script> at the school."


# --------------------------------------------------------------------------
# fixtures and helpers


def story_data(kg: KnowledgeGraph | None = None):
    return to_graph_data(to_dataset(kg or story_graph()))


def payload_graph() -> KnowledgeGraph:
    """One article whose title, text and entity name carry markup."""
    meta = ArticleMeta(id="payload", language="en", title="</script><b>Title</b>", path="payload.txt")
    start = XSS_SENTENCE.index("school")
    school = Evidence("payload", start, start + len("school"), "school", 0, len(XSS_SENTENCE), XSS_SENTENCE)
    entity = ResolvedEntity("school", "Place", "School", (("en", XSS_LABEL),), (), None, (school,))
    return KnowledgeGraph((meta,), (entity,), (), (), (), ())


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


def runnable(html: str) -> list[str]:
    return [text for attrs, text in parse(html).scripts if "type" not in attrs]


@pytest.fixture(scope="module")
def html() -> str:
    return to_html(story_data(), title="Northfield <test>")


# --------------------------------------------------------------------------
# the file and its resources


def test_write_html_writes_one_utf8_file(tmp_path):
    path = tmp_path / "out.html"
    data = story_data()
    write_html(data, path)
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in text
    assert text == to_html(data)


def test_no_remote_resources(html):
    page = parse(html)
    for tag, attrs in page.tags:
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert not [t for t, _ in page.tags if t in ("link", "img", "iframe", "object", "embed", "base")]
    assert not [a for t, a in page.tags if t == "script" and "src" in a]
    assert "@import" not in html and "@font-face" not in html
    assert "sourceMappingURL" not in html
    for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", html):
        assert url.startswith("data:"), url


def test_content_security_policy_forbids_fetches_and_pins_scripts(html):
    page = parse(html)
    (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "connect-src" not in csp and "'unsafe-eval'" not in csp
    scripts = runnable(html)
    assert len(scripts) == 2
    for text in scripts:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_the_libraries_are_the_pinned_npm_packages_inlined(html):
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    vendor = max(runnable(html), key=len)
    for package in {p for p, _ in SCRIPTS}:
        assert lock[f"node_modules/{package}"]["version"] == pinned[package]
    for package in ("vis-network", "vis-timeline"):
        header = re.search(rf"\* {package}\b.*?@version (\S+)", vendor, re.S)
        assert header and header.group(1) == pinned[package], package
    assert "new vis.Network(" in runnable(html)[1] and "new vis.Timeline(" in runnable(html)[1]
    assert ".vis-timeline" in html and "div.vis-tooltip" in html  # the CSS, in <style> elements


def test_without_the_libraries_the_page_is_a_one_line_error_naming_npm_ci(tmp_path, monkeypatch):
    import beslan_kg.view

    monkeypatch.setattr(beslan_kg.view, "assets_dir", lambda: tmp_path)
    beslan_kg.view._vendor_assets.cache_clear()
    try:
        with pytest.raises(ConfigError) as caught:
            to_html(story_data())
    finally:
        beslan_kg.view._vendor_assets.cache_clear()
    assert "npm ci" in caught.value.message and "\n" not in caught.value.message


def test_the_app_builds_no_markup_from_strings(html):
    app = runnable(html)[1]
    assert not re.search(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write", app)


def test_app_js_parses(html):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run([node, "--check", "-"], input=runnable(html)[1], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------
# the embedded data


def test_every_node_edge_and_label_is_in_the_json(html):
    data = page_data(html)
    kg = story_graph()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {ID + e.key for e in kg.entities}
    assert nodes[ID + "ana-ruiz"]["labels"] == {"en": "Ana Ruiz", "es": "Ana Ruiz"}
    assert nodes[ID + "ana-ruiz"]["classLabels"] == {"en": "Politician", "es": "Político"}
    assert nodes[ID + "ana-ruiz"]["aliases"] == [{"lang": "en", "text": "Mayor Ana Ruiz"}]
    # A name missing in one language is the other's.
    assert nodes[ID + "acme-chemicals"]["labels"] == {"en": "Acme Chemicals", "es": "Acme Chemicals"}
    edges = {(e["from"], e["to"], e["predicate"].rsplit("#")[-1]): e for e in data["edges"]}
    assert set(edges) == {(ID + s.subject, ID + s.object, s.predicate) for s in kg.statements}
    assert edges[(EXPLOSION, ID + "northfield", "location")]["labels"] == {"en": "location", "es": "lugar"}
    assert [k["labels"]["es"] for k in data["kinds"]] == ["Persona", "Organización", "Lugar", "Acontecimiento", "Cosa"]


def test_spans_point_into_the_sentences_of_their_article(html):
    data = page_data(html)
    texts = {a: text for a, _, text in STORY.values()}
    spans = [s for n in data["nodes"] for s in n["mentions"]] + [s for e in data["edges"] for s in e["evidence"]]
    spans += [v["span"] for n in data["nodes"] for g in n["figures"] for v in g["values"]]
    assert spans
    for a, s, start, end in spans:
        article = data["articles"][a]
        sentence_start, sentence = article["sentences"][s]
        assert sentence_start <= start < end <= sentence_start + len(sentence)
        assert texts[article["id"]][start:end] == sentence[start - sentence_start:end - sentence_start]


def test_counts_are_the_graphs(html):
    counts = page_data(html)["counts"]
    kg = story_graph()
    assert counts == {"articles": 2, "languages": {"en": 1, "es": 1}, "entities": 3, "events": 2,
                      "relations": len(kg.statements), "figures": len(kg.figures)}


def test_a_disagreement_is_marked_and_an_agreement_is_not():
    def deaths(figures):
        data = build_page_data(story_data(story_graph(figures)), title="t", language="en")
        (group,) = next(n for n in data["nodes"] if n["id"] == EXPLOSION)["figures"]
        return group

    group = deaths([("en", "12", "exact", 12, None), ("es", "15", "exact", 15, None)])
    assert group["disagree"] and [v["disputed"] for v in group["values"]] == [True, True]
    assert group["labels"] == {"en": "Deaths", "es": "Muertos"}
    group = deaths([("en", "12", "more_than", 12, None), ("es", "15", "exact", 15, None)])
    assert not group["disagree"] and [v["disputed"] for v in group["values"]] == [False, False]


def test_a_figure_of_zero_is_drawn():
    group = build_page_data(story_data(story_graph([("en", "12", "exact", 0, None)])), title="t", language="en")
    values = next(n for n in group["nodes"] if n["id"] == EXPLOSION)["figures"][0]["values"]
    assert values[0]["value"] == 0


def test_events_sit_on_the_timeline_by_date_and_period(html):
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    # Two articles: "3 March 2021" and "marzo de 2021": the day, the most precise.
    assert nodes[EXPLOSION]["period"] == {"start": "2021-03-03", "end": "2021-03-04", "range": False, "text": "2021-03-03"}
    # A year is the whole year.
    assert nodes[ID + "event/visit-ana-ruiz-2021"]["period"] == {"start": "2021-01-01", "end": "2022-01-01", "range": True,
                                                                 "text": "2021"}
    assert nodes[ID + "ana-ruiz"]["period"] is None


def test_periods_of_months_and_of_start_and_end():
    from beslan_kg.rdf.network import DateValue
    from beslan_kg.view import _period

    february = _period((DateValue("startDate", "2024-02", "gYearMonth"),))
    assert (february["start"], february["end"], february["range"]) == ("2024-02-01", "2024-03-01", True)
    siege = _period((DateValue("startDate", "2004-09-01", "date"), DateValue("endDate", "2004-09-03", "date")))
    assert (siege["start"], siege["end"], siege["range"], siege["text"]) == ("2004-09-01", "2004-09-04", True, "2004-09-01 – 2004-09-03")
    assert _period((DateValue("startDate", "-0044", "gYear"),)) is None
    assert _period((DateValue("startDate", "2004-02-30", "date"),)) is None


# --------------------------------------------------------------------------
# safety


def test_untrusted_text_never_appears_raw():
    html = to_html(to_graph_data(to_dataset(payload_graph())), title="Beslan <test>")
    assert XSS_LABEL not in html
    assert "<img src=x onerror=alert(1)>" not in html
    assert "</script><script>alert(1)</script>" not in html
    assert "</script><b>Title</b>" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    page = parse(html)
    assert [attrs.get("id") for attrs, _ in page.scripts] == ["kg-data", None, None]
    assert "img" not in {tag for tag, _ in page.tags} and "b" not in {tag for tag, _ in page.tags}
    # ...and still round-trips to the original text.
    data = page_data(html)
    assert data["nodes"][0]["labels"]["en"] == XSS_LABEL
    assert data["articles"][0]["sentences"] == [[0, XSS_SENTENCE]]
    assert data["articles"][0]["title"] == "</script><b>Title</b>"
    # The caller's title is HTML-escaped, not interpreted.
    assert "<title>Beslan &lt;test&gt;</title>" in html


def test_line_separators_and_ampersands_are_escaped():
    kg = story_graph()
    odd = "A\u2028B\u2029C & <!-- D"
    entities = tuple(replace(e, labels=(("en", odd),)) if e.key == "ana-ruiz" else e for e in kg.entities)
    html = to_html(story_data(replace(kg, entities=entities)))
    assert "\u2028" not in html and "\u2029" not in html and "<!-- D" not in html
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    assert nodes[ID + "ana-ruiz"]["labels"]["en"] == odd


# --------------------------------------------------------------------------
# determinism, language, styling


def test_output_is_deterministic():
    kg = story_graph()
    shuffled = replace(kg, entities=kg.entities[::-1], statements=kg.statements[::-1], figures=kg.figures[::-1],
                       articles=kg.articles[::-1])
    assert to_html(story_data(kg)) == to_html(story_data(kg)) == to_html(story_data(shuffled))


def test_spanish_is_chosen_in_the_page():
    html = to_html(story_data(), language="es")
    assert page_data(html)["language"] == "es"
    assert '<html lang="es">' in html
    assert '<option value="es" selected>' in html


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        to_html(story_data(), language="ru")


def test_kinds_have_distinct_styles_and_size_grows_with_mentions(html):
    data = page_data(html)
    assert [k["id"] for k in data["kinds"]] == ["Person", "Organization", "Place", "Event", "Thing"]
    assert len({(k["shape"], k["color"]) for k in data["kinds"]}) == 5
    assert [k["count"] for k in data["kinds"]] == [1, 1, 1, 2, 0]
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size[ID + "acme-chemicals"] < size[ID + "ana-ruiz"] < size[ID + "northfield"]  # 1, 2 and 4 mentions


def test_physics_stabilises_then_stops(html):
    options = page_data(html)["vis"]
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["enabled"] is True
    assert isinstance(options["layout"]["randomSeed"], int)


def test_empty_graph_renders():
    data = page_data(to_html(to_graph_data(to_dataset(KnowledgeGraph((), (), (), (), (), ())))))
    assert data["nodes"] == [] and data["edges"] == [] and data["articles"] == []


def test_only_a_large_graph_opens_on_an_overview_of_its_most_connected_nodes_and_main_events():
    from synthetic import make_knowledge_graph

    small = build_page_data(story_data(), title="t", language="en")
    assert small["overview"] is None
    data = build_page_data(to_graph_data(to_dataset(make_knowledge_graph(150))), title="t", language="en")
    assert len(data["nodes"]) > OVERVIEW_THRESHOLD
    chosen = set(data["overview"]["nodes"])
    assert len(chosen) == OVERVIEW_SIZE
    degree = {n["id"]: n["degree"] for n in data["nodes"]}
    parts = {e["from"] for e in data["edges"] if not e["relation"]}
    entities = [n for n in data["nodes"] if n["kind"] != "Event"]
    chosen_entities = [n for n in entities if n["id"] in chosen]
    cutoff = min(n["degree"] for n in chosen_entities)
    assert all(n["degree"] <= cutoff for n in entities if n["id"] not in chosen)
    main_events = [n for n in data["nodes"] if n["kind"] == "Event" and n["id"] not in parts]
    top = max(main_events, key=lambda n: (n["degree"], n["id"]))
    assert top["id"] in chosen and degree[top["id"]] > 0


def test_no_label_in_the_built_view_is_a_raw_local_name(built):
    """Every class, property, measure and kind is named by the ontology, by IRI, in both languages."""
    from rdflib import RDFS, Graph, URIRef

    out, _ = built
    data = page_data((out / "graph.html").read_text(encoding="utf-8"))
    ontology = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")

    def named(iri: str) -> dict[str, str]:
        return {str(label.language): str(label) for label in ontology.objects(URIRef(iri), RDFS.label)}

    def local(iri: str) -> str:
        return re.split(r"[#/]", iri)[-1]

    terms = [(n["ontologyClass"], n["classLabels"]) for n in data["nodes"]]
    terms += [(e["predicate"], e["labels"]) for e in data["edges"]]
    terms += [(g["measure"], g["labels"]) for n in data["nodes"] for g in n["figures"]]
    terms += [("https://w3id.org/beslan-kg/ontology#" + k["id"], k["labels"]) for k in data["kinds"]]
    assert {iri for iri, _ in terms} >= {"https://schema.org/superEvent", "https://w3id.org/beslan-kg/ontology#HostageCrisis"}
    for iri, labels in terms:
        assert labels == named(iri), iri
        for label in labels.values():
            # A raw name would be "superEvent", "HostageCrisis", "locatedIn".
            assert not (label == local(iri) and re.search(r"[a-z][A-Z]", label)), (iri, label)
    for node in data["nodes"]:
        assert local(node["id"]) not in node["labels"].values()


def test_pyvis_builds_the_layouts_physics_and_our_options_lie_over_it():
    from beslan_kg.view import FORCE_ATLAS, VIS_OPTIONS, _vis_options

    options = _vis_options(40)
    physics = options["physics"]
    assert physics["solver"] == "forceAtlas2Based"
    # pyvis's names for the parameters become vis-network's.
    assert physics["forceAtlas2Based"]["gravitationalConstant"] == FORCE_ATLAS["gravity"]
    assert physics["forceAtlas2Based"]["springLength"] == FORCE_ATLAS["spring_length"]
    assert physics["forceAtlas2Based"]["theta"] == VIS_OPTIONS["physics"]["forceAtlas2Based"]["theta"]
    assert options["edges"]["color"]["color"] == VIS_OPTIONS["edges"]["color"]["color"]
    assert _vis_options(4000)["physics"]["stabilization"]["iterations"] < physics["stabilization"]["iterations"]
