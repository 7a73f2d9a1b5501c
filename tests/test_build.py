"""The main job end to end, asserted through SPARQL on the built graph."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import SH
from conftest import CORPUS, ENGLISH_SEED, ROOT, SPANISH_SEED, break_the_graph

SPANISH = SPANISH_SEED.read_text(encoding="utf-8")
ENGLISH = ENGLISH_SEED.read_text(encoding="utf-8")

# (Wikidata ID or None, schema.org type, English name, Spanish name or None),
# each name as the seed articles write it.
QUALITY_BAR = [
    ("Q7747", "Person", "Vladimir Putin", None),
    ("Q122880", "Organization", "European Court of Human Rights", "Tribunal Europeo de Derechos Humanos"),
    (None, "Organization", "Mothers of Beslan", None),
    (None, "Place", "School Number One", "Escuela Nº1 de Beslán"),
    ("Q105035", "Place", "Beslan", "Beslán"),
    ("Q5237", "Place", "North Ossetia", "Osetia del Norte"),
    ("Q159", "Place", "Russia", "Rusia"),
    ("Q5187", "Place", "Chechnya", "Chechenia"),
    (None, "Event", "Beslan school massacre", "matanza de Beslán"),
]


@pytest.mark.parametrize("wikidata, kind, en_name, es_name", QUALITY_BAR)
def test_entity_is_one_node_with_type_and_labels(sparql, wikidata, kind, en_name, es_name):
    assert en_name in ENGLISH and (es_name is None or es_name in SPANISH)
    rows = sparql(f"""
        SELECT DISTINCT ?e WHERE {{
          ?m nif:anchorOf ?text ; bkg:mentionOf ?e .
          FILTER(STR(?text) IN ("{en_name}", "{es_name or en_name}"))
        }}""")
    assert len(rows) == 1, f"{en_name} is {len(rows)} nodes"
    node = rows[0][0].replace("id:", "https://w3id.org/beslan-kg/id/")
    types = {r[0] for r in sparql(f"SELECT ?t WHERE {{ <{node}> a ?t }}")}
    assert f"schema:{kind}" in types
    assert any(t.startswith("bkg:") for t in types)
    languages = {r[0].rsplit("@", 1)[1] for r in sparql(f"SELECT ?l WHERE {{ <{node}> rdfs:label ?l }}")}
    assert "en" in languages
    assert ("es" in languages) == (es_name is not None) or kind == "Event"
    links = [r[0] for r in sparql(f"SELECT ?w WHERE {{ <{node}> owl:sameAs ?w }}")]
    assert links == ([f"wd:{wikidata}"] if wikidata else [])


def _siege(sparql) -> str:
    rows = sparql('SELECT DISTINCT ?e WHERE { ?m nif:anchorOf "matanza de Beslán" ; bkg:mentionOf ?e }')
    return rows[0][0].replace("id:", "https://w3id.org/beslan-kg/id/")


def test_siege_has_dates_place_and_sub_events(sparql):
    siege = _siege(sparql)
    starts = [r[0] for r in sparql(f"SELECT ?d WHERE {{ <{siege}> schema:startDate ?d FILTER(datatype(?d) = xsd:date) }}")]
    # "El 1 de septiembre de 2004 ... irrumpieron" / "On September 1, 2004 ... stormed"
    assert starts == ["2004-09-01"]
    ends = [r[0] for r in sparql(f"SELECT ?d WHERE {{ <{siege}> schema:endDate ?d }}")]
    # "El viernes, 3 de septiembre de 2004 ... dos explosiones ... asalto"
    assert ends == ["2004-09-03"]
    places = {r[0] for r in sparql(f"SELECT ?p WHERE {{ <{siege}> bkg:location|bkg:target ?p }}")}
    assert {"id:beslan", "id:beslan-school-no-1"} <= places
    classes = {r[0] for r in sparql(f"SELECT ?c WHERE {{ ?e schema:superEvent <{siege}> ; a ?c FILTER(STRSTARTS(STR(?c), STR(bkg:))) }}")}
    assert {"bkg:Explosion", "bkg:Assault", "bkg:HostageRelease"} <= classes


def _figures(sparql, measure: str):
    siege = _siege(sparql)
    return sorted(
        (r[0], r[1], r[2] or r[3], r[4])
        for r in sparql(f"""
            SELECT ?lang ?q ?v ?min ?text WHERE {{
              <{siege}> bkg:figure ?f . ?f bkg:measure bkg:{measure} ; bkg:qualifier ?q ;
                prov:wasDerivedFrom/schema:inLanguage ?lang ; bkg:evidence/nif:anchorOf ?text .
              OPTIONAL {{ ?f schema:value ?v }} OPTIONAL {{ ?f schema:minValue ?min }}
            }}""")
    )


def test_death_toll_comes_from_both_articles(sparql):
    assert "334 personas murieron" in SPANISH and "left 334 dead" in ENGLISH
    assert _figures(sparql, "Deaths") == [
        ("en", "bkg:Exact", "334", "334"),
        ("en", "bkg:MoreThan", "330", "over 330"),
        ("es", "bkg:Exact", "334", "334"),
    ]
    assert _figures(sparql, "ChildDeaths") == [("en", "bkg:Exact", "186", "186"), ("es", "bkg:Exact", "186", "186")]


def test_both_injured_figures_are_lower_bounds_with_sources(sparql):
    assert "más de 700 resultaron heridas" in SPANISH and "more than 750 wounded" in ENGLISH
    assert _figures(sparql, "Injured") == [
        ("en", "bkg:MoreThan", "750", "more than 750"),
        ("es", "bkg:MoreThan", "700", "más de 700"),
    ]


def test_the_sources_of_the_bundled_corpus_do_not_disagree(built):
    # "más de 700" and "more than 750" injured can both be true (800 were), and so can
    # "over 330" and "334" dead: no figure of one article rules out one of the other.
    from beslan_kg.rdf.io import load_dataset
    from beslan_kg.rdf.query import run_query

    out, _ = built
    assert "más de 700" in SPANISH and "more than 750" in ENGLISH
    rows = run_query(load_dataset(out / "graph.trig"), (ROOT / "queries" / "disagreements.rq").read_text()).rows
    assert rows == ()


def test_every_statement_traces_to_article_sentence_and_offsets(sparql):
    texts = {"article:000_84e34599adbbff61": SPANISH, "article:003_ecd1ea77e175385e": ENGLISH}
    rows = sparql("""
        SELECT ?article ?begin ?end ?anchor ?sentence WHERE {
          ?st a rdf:Statement ; prov:wasDerivedFrom ?article ; bkg:evidence ?span .
          ?span schema:isPartOf ?article ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
                bkg:sentence/nif:anchorOf ?sentence .
        }""")
    assert rows
    for article, begin, end, anchor, sentence in rows:
        text = texts[article.replace("https://w3id.org/beslan-kg/article/", "article:")]
        assert text[int(begin) : int(end)] == anchor
        assert anchor in sentence and sentence in text
    unsourced = sparql("""
        SELECT ?s ?p ?o WHERE {
          ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(bkg:)) && ?p NOT IN (bkg:figure, bkg:measure, bkg:qualifier, bkg:evidence, bkg:sentence, bkg:mentionOf, bkg:extractionRule,
                                                         bkg:approximate, bkg:attribution, bkg:attributedTo))
          FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a }
        }""")
    assert unsourced == ()


def test_articles_have_language_date_and_mentions(sparql):
    rows = sparql("""
        SELECT ?id ?lang ?date (COUNT(?e) AS ?n) WHERE {
          ?a a schema:NewsArticle ; schema:identifier ?id ; schema:inLanguage ?lang ; schema:mentions ?e .
          OPTIONAL { ?a schema:datePublished ?date }
        } GROUP BY ?id ?lang ?date ORDER BY ?id""")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("000_84e34599adbbff61", "es", None),
        ("003_ecd1ea77e175385e", "en", "2024-09-01"),
    ]
    assert all(int(r[3]) > 5 for r in rows)


def test_outputs_parse_with_rdflib_and_pyoxigraph(built):
    import pyoxigraph
    import rdflib
    from rdflib.compare import isomorphic

    out, _ = built
    turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    trig = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    assert len(list(pyoxigraph.parse(path=out / "graph.ttl", format=pyoxigraph.RdfFormat.TURTLE))) == len(turtle)
    oxi_quads = list(pyoxigraph.parse(path=out / "graph.trig", format=pyoxigraph.RdfFormat.TRIG))
    assert len(oxi_quads) == len(list(trig.quads((None, None, None, None))))
    # One named graph per article, plus the default graph.
    assert len({str(q.graph_name) for q in oxi_quads}) == 3
    jsonld = rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")
    assert isomorphic(jsonld, turtle)


def test_html_view_is_written_and_self_contained(built):
    out, _ = built
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in html.replace(" ", "").lower()
    assert "vladimir-putin" in html


def _build_in_subprocess(out: Path, seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-m", "beslan_kg", "build", str(CORPUS), "--out", str(out), "-q", "--no-view"],
                   check=True, env=env, capture_output=True)
    return (out / "graph.ttl").read_bytes()


def test_two_builds_give_byte_identical_turtle(tmp_path, built):
    first = _build_in_subprocess(tmp_path / "a", "1")
    second = _build_in_subprocess(tmp_path / "b", "2")
    assert first == second
    assert first == (built[0] / "graph.ttl").read_bytes()


def test_model_noise_never_becomes_a_node(sparql):
    # The Spanish model tags these phrases of the seed as entities.
    for phrase in ("Rápidamente", "La operación fue caótica", "Los terroristas", "El viernes"):
        assert phrase in SPANISH
        rows = sparql(f'SELECT ?e WHERE {{ {{ ?e rdfs:label ?l }} UNION {{ ?e skos:altLabel ?l }} FILTER(STR(?l) = "{phrase}") }}')
        assert rows == (), phrase
    for demonym in ("Russian", "Chechen", "Ukrainian"):
        assert demonym in ENGLISH
        assert sparql(f'SELECT ?e WHERE {{ ?e rdfs:label|skos:altLabel ?l FILTER(STR(?l) = "{demonym}") }}') == ()


def test_a_strict_build_of_a_graph_that_violates_the_shapes_writes_nothing(built, tmp_path, monkeypatch):
    from beslan_kg.build import run_build
    from beslan_kg.errors import ValidationError
    from beslan_kg.rdf.validate import load_shapes

    out = tmp_path / "out"
    run_build([SPANISH_SEED], out, view=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    nobody = break_the_graph(monkeypatch)
    article = tmp_path / "short.txt"
    article.write_text("Chechen gunmen seized a hospital in the town of Budyonnovsk in June 1995. More than 100 people died.",
                       encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        run_build([article], out, strict=True)
    shapes = load_shapes()
    messages = [shapes.value(URIRef(f"https://w3id.org/beslan-kg/shapes#Entity-{name}"), SH.message) for name in ("bkgClass", "label")]
    assert err.value.violations == (
        f"{nobody} rdf:type: {messages[0]} [violation: bkgsh:Entity-bkgClass]",
        f"{nobody} rdfs:label: {messages[1]} [violation: bkgsh:Entity-label]",
    )
    assert err.value.message.startswith(f"the graph built for {out}: has 2 SHACL violations: {err.value.violations[0]}; ")
    assert "nothing was written" in err.value.hint
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_violation_that_slips_through_loses_only_its_statement(tmp_path, monkeypatch):
    from beslan_kg.build import run_build
    from beslan_kg.rdf.io import load_dataset
    from beslan_kg.rdf.validate import validate_dataset

    article = tmp_path / "short.txt"
    article.write_text("Chechen gunmen seized a hospital in the town of Budyonnovsk in June 1995. More than 100 people died.",
                       encoding="utf-8")
    clean = run_build([article], tmp_path / "clean", view=False)
    nobody = break_the_graph(monkeypatch)
    report = run_build([article], tmp_path / "out", view=False)
    assert [x.what for x in report.left_out] == [f"{nobody} (the entity)"]
    assert report.left_out[0].stage == "shacl" and not report.complete
    ds = load_dataset(tmp_path / "out" / "graph.trig")
    assert validate_dataset(ds).conforms
    # Everything else is there: the graph is the one built without the bug.
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()
    assert report.triples == clean.triples


@pytest.mark.parametrize("gold", ["seed", "tune", "open-tune", "open-tune2", "open-tune3", "open-tune4", "open-tune5", "open-tune6", "open-tune7", "open-tune8", "open-tune9", "open-tune10", "open-tune11", "open-tune12", "open-tune13", "dev", "open-dev"])
def test_what_build_writes_for_every_gold_corpus_conforms_as_pyshacl_reads_it(tmp_path, gold):
    """The build's own shapes' check passed it; pySHACL, the reference, agrees on the whole output."""
    from beslan_kg.build import run_build
    from beslan_kg.rdf.validate import validate_file

    # The seed set annotates the bundled corpus.
    report = run_build([CORPUS if gold == "seed" else ROOT / "tests" / "gold" / gold], tmp_path / "out", view=False)
    assert report.shacl_checked
    shacl = validate_file(tmp_path / "out" / "graph.trig")
    assert shacl.conforms, [v.message for v in shacl.errors][:5]
    assert shacl.triples == report.triples


def test_without_the_views_javascript_the_graph_is_still_written(tmp_path, monkeypatch):
    import beslan_kg.view as view
    from beslan_kg.build import VIEW_NAME, run_build

    monkeypatch.setattr(view, "assets_dir", lambda: tmp_path / "no-node-modules")
    view._vendor_assets.cache_clear()
    try:
        report = run_build([ENGLISH_SEED], tmp_path / "out")
    finally:
        view._vendor_assets.cache_clear()
    assert {p.name for p in report.outputs} == {"graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "build-report.json"}
    (skipped,) = report.skipped
    assert skipped.where == VIEW_NAME and "npm ci" in skipped.hint
    assert not (tmp_path / "out" / VIEW_NAME).exists()


def test_the_counts_the_build_reports_are_the_graphs_as_the_view_counts_them(built):
    """The build counts from its records what graph_counts (the view's header) counts in the graph it wrote."""
    from beslan_kg.rdf.io import load_dataset
    from beslan_kg.rdf.network import graph_counts

    out, report = built
    counts = graph_counts(load_dataset(out / "graph.trig"))
    assert (report.entities_by_kind, report.relations, report.events, report.figures) == (
        counts.entities_by_kind, counts.relations, counts.events, counts.figures)


def _write_story(out: Path) -> tuple[dict[str, bytes], list[str]]:
    """Write the story's records as a build does; return each file's bytes and the steps reported."""
    from conftest import story_graph

    from beslan_kg.build import BuildReport, _write
    from beslan_kg.rdf.build import iter_graphs

    steps: list[str] = []
    report = BuildReport(articles=(), skipped=(), entities_by_kind=(), relations=0, events=0, figures=0, triples=0,
                         merges=(), outputs=())
    report = _write(iter_graphs(story_graph()), out, report, view=True, on_step=lambda step, _: steps.append(step))
    return {path.name: path.read_bytes() for path in report.outputs}, steps


def test_a_graph_checked_on_disk_has_its_view_drawn_after_the_check_and_the_same_files(tmp_path, monkeypatch):
    from beslan_kg.rdf import shapes

    in_memory, steps = _write_story(tmp_path / "memory")
    assert steps == ["write", "view", "validate"]  # the view beside the check
    monkeypatch.setattr(shapes, "IN_MEMORY_BYTES", 0)
    on_disk, steps = _write_story(tmp_path / "disk")
    assert steps == ["write", "validate", "view"]  # the check's store let go before the view's records are made
    assert set(in_memory) == {"graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "graph.html", "build-report.json"}
    assert on_disk == in_memory


def test_the_articles_records_are_let_go_once_resolved(tmp_path, monkeypatch):
    import weakref

    from beslan_kg import build
    from beslan_kg.rdf import build as rdf_build
    from beslan_kg.records import ArticleExtraction, ArticleMeta, Evidence, LocalEntity

    text = "Ana Ruiz visited Northfield."
    extractions = [
        ArticleExtraction(ArticleMeta(id=a, language="en", title=a, path=f"{a}.txt"),
                          (LocalEntity("ana", "Person", "Person", "Ana Ruiz", None, (Evidence(a, 0, 8, "Ana Ruiz", 0, len(text), text),)),),
                          (), (), ())
        for a in ("a", "b")
    ]
    records = [weakref.ref(x) for x in extractions]
    alive: list[int] = []
    real = rdf_build.iter_graphs

    def iter_graphs(kg):
        alive.append(sum(ref() is not None for ref in records))
        return real(kg)

    monkeypatch.setattr(rdf_build, "iter_graphs", iter_graphs)
    report = build._reduce_and_write(extractions, tmp_path / "out", store="default", view=False, strict=False,
                                     articles=(), skipped=(), cached=0)
    assert report.triples > 0 and report.entities_by_kind == (("Person", 1),)
    assert alive == [0] and extractions == []  # none held while the graph is made and written
