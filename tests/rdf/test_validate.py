"""SHACL validation: the built graph conforms, and each shape catches what it should."""

from __future__ import annotations

import pytest
from conftest import ROOT
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SH

from beslan_kg.errors import ConfigError, InputError
from beslan_kg.rdf.namespaces import ARTICLE, BKG, FIGURE, GRAPH, ID, NIF, SCHEMA, STATEMENT, WD
from beslan_kg.rdf.validate import Violation, ValidationReport, iter_lines, to_text, validate_dataset, validate_file

SHAPES = Graph().parse(ROOT / "ontology" / "shapes.ttl")
ONTOLOGY = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
BKGSH = "https://w3id.org/beslan-kg/shapes#"

# --------------------------------------------------------------------------
# The graph of the bundled corpus


def test_the_built_graph_conforms(built):
    out, _ = built
    report = validate_file(out / "graph.trig")
    assert report.conforms and report.violations == ()
    assert report.triples == built[1].triples
    assert to_text(report).startswith(f"conforms: {report.triples} triples of {out / 'graph.trig'} satisfy ")


def test_the_built_turtle_conforms_too(built):
    # graph.ttl is the union of the same graphs, without the named graphs.
    out, _ = built
    assert validate_file(out / "graph.ttl").conforms


# --------------------------------------------------------------------------
# A small graph of every kind of node, as the builder writes it

SENTENCE = "The siege in Beslan left more than 330 dead."
ARTICLE_ID = "a"
ART = ARTICLE[ARTICLE_ID]


def span(text: str) -> URIRef:
    start = SENTENCE.index(text)
    return URIRef(f"{ART}#char={start},{start + len(text)}")


SENTENCE_NODE = URIRef(f"{ART}#char=0,{len(SENTENCE)}")
BESLAN, SIEGE = ID["beslan"], ID["beslan-school-siege"]
FIG = FIGURE[f"beslan-school-siege/{ARTICLE_ID}/25-43"]
STMT = STATEMENT["0123456789abcdef"]


def make_valid_dataset() -> Dataset:
    """Types and labels in the default graph; what the article says in its named graph."""
    ds = Dataset()
    for prefix, ns in (("bkg", BKG._NS), ("schema", SCHEMA), ("id", ID), ("article", ARTICLE), ("figure", FIGURE),
                       ("statement", STATEMENT), ("wd", WD), ("nif", NIF), ("prov", PROV)):
        ds.bind(prefix, ns)
    default = ds.default_graph
    for node, kind, cls, labels in ((BESLAN, "Place", "Settlement", ("Beslan", "Beslán")),
                                    (SIEGE, "Event", "HostageCrisis", ("Beslan school siege", "Toma de Beslán"))):
        default.add((node, RDF.type, SCHEMA[kind]))
        default.add((node, RDF.type, BKG[cls]))
        for lang, label in zip(("en", "es"), labels, strict=True):
            default.add((node, RDFS.label, Literal(label, lang=lang)))
    default.add((BESLAN, OWL.sameAs, WD.Q105035))
    g = ds.graph(GRAPH[ARTICLE_ID])
    g.add((ART, RDF.type, SCHEMA.NewsArticle))
    g.add((ART, RDF.type, PROV.Entity))
    g.add((ART, SCHEMA.identifier, Literal(ARTICLE_ID)))
    g.add((ART, SCHEMA.headline, Literal("The siege", lang="en")))
    g.add((ART, SCHEMA.inLanguage, Literal("en")))
    g.add((ART, SCHEMA.datePublished, Literal("2024-09-01", datatype=XSD.date)))
    _add_span(g, SENTENCE_NODE, SENTENCE, BKG.Sentence)
    for text, entity in (("Beslan", BESLAN), ("siege", SIEGE)):
        _add_span(g, span(text), text, BKG.Mention)
        g.add((span(text), BKG.mentionOf, entity))
        g.add((ART, SCHEMA.mentions, entity))
    g.add((SIEGE, BKG.location, BESLAN))
    g.add((SIEGE, SCHEMA.startDate, Literal("2004-09-01", datatype=XSD.date)))
    g.add((STMT, RDF.type, RDF.Statement))
    g.add((STMT, RDF.subject, SIEGE))
    g.add((STMT, RDF.predicate, BKG.location))
    g.add((STMT, RDF.object, BESLAN))
    g.add((STMT, PROV.wasDerivedFrom, ART))
    g.add((STMT, BKG.evidence, _add_span(g, span("siege in Beslan"), "siege in Beslan", BKG.Mention)))
    g.add((SIEGE, BKG.figure, FIG))
    g.add((FIG, RDF.type, BKG.Figure))
    g.add((FIG, BKG.measure, BKG.Deaths))
    g.add((FIG, BKG.qualifier, BKG.MoreThan))
    g.add((FIG, SCHEMA.minValue, Literal(330, datatype=XSD.integer)))
    g.add((FIG, PROV.wasDerivedFrom, ART))
    g.add((FIG, BKG.evidence, _add_span(g, span("more than 330 dead"), "more than 330 dead", BKG.Mention)))
    return ds


def _add_span(g: Graph, node: URIRef, text: str, cls: URIRef) -> URIRef:
    start = SENTENCE.index(text)
    g.add((node, RDF.type, cls))
    g.add((node, NIF.anchorOf, Literal(text)))
    g.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.endIndex, Literal(start + len(text), datatype=XSD.nonNegativeInteger)))
    g.add((node, SCHEMA.isPartOf, ART))
    if cls == BKG.Mention:
        g.add((node, BKG.sentence, SENTENCE_NODE))
    return node


def test_the_small_graph_conforms():
    report = validate_dataset(make_valid_dataset())
    assert report.conforms and report.violations == ()


def _default(ds: Dataset) -> Graph:
    return ds.default_graph


def _article(ds: Dataset) -> Graph:
    return ds.graph(GRAPH[ARTICLE_ID])


def _replace(graph, s, p, new):
    def mutate(ds):
        g = graph(ds)
        g.remove((s, p, None))
        g.add((s, p, new))
    return mutate


def _add(graph, *triple):
    return lambda ds: graph(ds).add(triple)


def _remove(graph, s, p):
    return lambda ds: graph(ds).remove((s, p, None))


def _short(term) -> str:
    return term.n3(make_valid_dataset().namespace_manager)


# (what is done to the valid graph, the violations expected: (focus node, path, shape)).
CASES = {
    "entity with two schema types": (
        _add(_default, BESLAN, RDF.type, SCHEMA.Organization),
        {(BESLAN, RDF.type, "Entity-schemaType")},
    ),
    "entity with a second schema type its bkg class is not under": (
        _add(_default, SIEGE, RDF.type, SCHEMA.Place),
        {(SIEGE, RDF.type, "Entity-schemaType")},
    ),
    "entity with an undeclared bkg class": (
        lambda ds: (_default(ds).remove((BESLAN, RDF.type, BKG.Settlement)), _default(ds).add((BESLAN, RDF.type, BKG._NS["Hamlet"]))),
        {(BESLAN, None, "Entity-classFitsType")},
    ),
    "entity with two bkg classes": (
        _add(_default, BESLAN, RDF.type, BKG.Country),
        {(BESLAN, RDF.type, "Entity-bkgClass")},
    ),
    "label without language": (
        _add(_default, BESLAN, RDFS.label, Literal("Beslan")),
        {(BESLAN, RDFS.label, "Entity-labelLanguage")},
    ),
    "two labels in one language": (
        _add(_default, BESLAN, RDFS.label, Literal("Beslan, North Ossetia", lang="en")),
        {(BESLAN, RDFS.label, "Entity-labelPerLanguage")},
    ),
    "entity without label": (
        _remove(_default, SIEGE, RDFS.label),
        {(SIEGE, RDFS.label, "Entity-label")},
    ),
    "sameAs to a non-Wikidata IRI": (
        _replace(_default, BESLAN, OWL.sameAs, URIRef("http://dbpedia.org/resource/Beslan")),
        {(BESLAN, OWL.sameAs, "Entity-sameAsWikidata")},
    ),
    "two sameAs": (
        _add(_default, BESLAN, OWL.sameAs, WD.Q5237),
        {(BESLAN, OWL.sameAs, "Entity-sameAsOne")},
    ),
    "mentioned node that is no entity": (
        _add(_article, span("Beslan"), BKG.mentionOf, ID["ghost"]),
        {(ID["ghost"], RDF.type, "Entity-schemaType"), (ID["ghost"], RDF.type, "Entity-kind"),
         (ID["ghost"], RDF.type, "Entity-bkgClass"), (ID["ghost"], RDFS.label, "Entity-label"),
         (span("Beslan"), BKG.mentionOf, "Mention-entity")},
    ),
    "date typed xsd:string": (
        _replace(_article, SIEGE, SCHEMA.startDate, Literal("2004-09-01", datatype=XSD.string)),
        {(SIEGE, SCHEMA.startDate, "Event-startDate")},
    ),
    "ill-formed xsd:date": (
        _add(_article, SIEGE, SCHEMA.endDate, Literal("2004-13-01", datatype=XSD.date)),
        {(SIEGE, SCHEMA.endDate, "Event-endDate")},
    ),
    "time typed as a date": (
        _add(_article, SIEGE, SCHEMA.startTime, Literal("2004-09-01", datatype=XSD.date)),
        {(SIEGE, SCHEMA.startTime, "Event-startTime")},
    ),
    "event located in an event": (
        _replace(_article, SIEGE, BKG.location, SIEGE),
        {(SIEGE, BKG.location, "Event-location"), (STMT, None, "Statement-asserted")},
    ),
    "figure without source": (
        _remove(_article, FIG, PROV.wasDerivedFrom),
        {(FIG, PROV.wasDerivedFrom, "Figure-source"), (FIG, None, "EvidenceInSource")},
    ),
    "figure without evidence": (
        _remove(_article, FIG, BKG.evidence),
        {(FIG, BKG.evidence, "Figure-evidence")},
    ),
    "figure of no event": (
        lambda ds: _article(ds).remove((SIEGE, BKG.figure, FIG)),
        {(FIG, "^" + _short(BKG.figure), "Figure-event")},
    ),
    "figure measuring a qualifier": (
        _replace(_article, FIG, BKG.measure, BKG.Exact),
        {(FIG, BKG.measure, "Figure-measure")},
    ),
    "figure with two qualifiers": (
        _add(_article, FIG, BKG.qualifier, BKG.AtLeast),
        {(FIG, BKG.qualifier, "Figure-qualifier")},
    ),
    "figure value that is no integer": (
        _replace(_article, FIG, SCHEMA.minValue, Literal("330")),
        {(FIG, SCHEMA.minValue, "Figure-minValue")},
    ),
    "exact value under a lower-bound qualifier": (
        _add(_article, FIG, SCHEMA.value, Literal(330, datatype=XSD.integer)),
        {(FIG, None, "Figure")},
    ),
    "range upside down": (
        lambda ds: (_replace(_article, FIG, BKG.qualifier, BKG.Range)(ds),
                    _add(_article, FIG, SCHEMA.maxValue, Literal(300, datatype=XSD.integer))(ds)),
        {(FIG, SCHEMA.minValue, "Figure-range")},
    ),
    "statement without provenance": (
        _remove(_article, STMT, PROV.wasDerivedFrom),
        {(STMT, PROV.wasDerivedFrom, "Statement-source"), (STMT, None, "EvidenceInSource")},
    ),
    "statement without evidence": (
        _remove(_article, STMT, BKG.evidence),
        {(STMT, BKG.evidence, "Statement-evidence")},
    ),
    "statement of a triple not in the graph": (
        _remove(_article, SIEGE, BKG.location),
        {(STMT, None, "Statement-asserted")},
    ),
    "statement with two subjects": (
        _add(_article, STMT, RDF.subject, BESLAN),
        {(STMT, RDF.subject, "Statement-subject"), (STMT, None, "Statement-asserted")},
    ),
    "offset typed xsd:integer": (
        _replace(_article, span("Beslan"), NIF.beginIndex, Literal(SENTENCE.index("Beslan"), datatype=XSD.integer)),
        {(span("Beslan"), NIF.beginIndex, "TextSpan-begin")},
    ),
    "offsets that are not the IRI's": (
        _replace(_article, span("Beslan"), NIF.endIndex, Literal(SENTENCE.index("Beslan") + 3, datatype=XSD.nonNegativeInteger)),
        {(span("Beslan"), None, "TextSpan-iri"), (span("Beslan"), None, "TextSpan-length")},
    ),
    "mention outside its sentence": (
        lambda ds: (_article(ds).remove((SENTENCE_NODE, NIF.endIndex, None)),
                    _article(ds).add((SENTENCE_NODE, NIF.endIndex, Literal(10, datatype=XSD.nonNegativeInteger)))),
        {(SENTENCE_NODE, None, "TextSpan-iri"), (SENTENCE_NODE, None, "TextSpan-length"),
         (span("Beslan"), None, "Mention-inSentence"), (span("siege in Beslan"), None, "Mention-inSentence"),
         (span("more than 330 dead"), None, "Mention-inSentence")},
    ),
    "mention of no article": (
        _remove(_article, span("siege"), SCHEMA.isPartOf),
        {(span("siege"), SCHEMA.isPartOf, "TextSpan-article")},
    ),
    "headline without language": (
        _replace(_article, ART, SCHEMA.headline, Literal("The siege")),
        {(ART, SCHEMA.headline, "Article-headline"), (ART, None, "Article-headlineLanguage")},
    ),
    "headline in another language": (
        _replace(_article, ART, SCHEMA.headline, Literal("La toma", lang="es")),
        {(ART, None, "Article-headlineLanguage")},
    ),
    "two publication dates": (
        _add(_article, ART, SCHEMA.datePublished, Literal("2024-09-02", datatype=XSD.date)),
        {(ART, SCHEMA.datePublished, "Article-datePublished")},
    ),
    "article in French": (
        _replace(_article, ART, SCHEMA.inLanguage, Literal("fr")),
        {(ART, SCHEMA.inLanguage, "Article-language"), (ART, None, "Article-headlineLanguage")},
    ),
    "article without identifier": (
        _remove(_article, ART, SCHEMA.identifier),
        {(ART, SCHEMA.identifier, "Article-identifier")},
    ),
    "figure derived from no article": (
        _replace(_article, FIG, PROV.wasDerivedFrom, BESLAN),
        {(FIG, PROV.wasDerivedFrom, "Figure-source"), (FIG, None, "EvidenceInSource"),
         (BESLAN, RDF.type, "Article-type"), (BESLAN, RDF.type, "Article-provEntity"),
         (BESLAN, SCHEMA.identifier, "Article-identifier"), (BESLAN, SCHEMA.headline, "Article-headline"),
         (BESLAN, SCHEMA.inLanguage, "Article-language")},
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_each_shape_catches_what_it_should(name):
    mutate, expected = CASES[name]
    ds = make_valid_dataset()
    mutate(ds)
    report = validate_dataset(ds)
    assert not report.conforms
    found = {(v.focus_node, v.path, v.shape) for v in report.violations}
    assert found == {(_short(node), _short(path) if isinstance(path, URIRef) else path, f"bkgsh:{shape}")
                     for node, path, shape in expected}
    assert all(v.severity == "Violation" and v.message for v in report.violations)


@pytest.mark.parametrize("datatype, lexical", [(XSD.gYearMonth, "2004-09"), (XSD.gYear, "2004")])
def test_dates_may_be_a_month_or_a_year(datatype, lexical):
    ds = make_valid_dataset()
    _replace(_article, SIEGE, SCHEMA.startDate, Literal(lexical, datatype=datatype))(ds)
    assert validate_dataset(ds).conforms


def test_each_message_is_the_shapes_own_words():
    ds = make_valid_dataset()
    _add(_default, BESLAN, RDFS.label, Literal("Beslan"))(ds)
    (violation,) = validate_dataset(ds).violations
    shape = URIRef(BKGSH + "Entity-labelLanguage")
    assert violation.message == str(SHAPES.value(shape, SH.message))
    assert violation.value == '"Beslan"'


# --------------------------------------------------------------------------
# The report


def test_lines_are_one_per_violation_sorted_and_the_same_every_run():
    ds = make_valid_dataset()
    _add(_default, SIEGE, RDF.type, SCHEMA.Place)(ds)
    _add(_default, BESLAN, RDFS.label, Literal("Beslan"))(ds)
    _remove(_article, STMT, PROV.wasDerivedFrom)(ds)
    report = validate_dataset(ds, source="test graph")
    lines = list(iter_lines(report))
    assert len(lines) == len(report.violations) == 4
    assert [v.focus_node for v in report.violations] == sorted(v.focus_node for v in report.violations)
    assert lines[0] == (f'id:beslan rdfs:label "Beslan": {SHAPES.value(URIRef(BKGSH + "Entity-labelLanguage"), SH.message)} '
                        "[violation: bkgsh:Entity-labelLanguage]")
    text = to_text(report)
    assert text.splitlines() == [f"does not conform: 4 violations in {report.triples} triples of test graph against {report.shapes}", *lines]
    assert to_text(validate_dataset(ds, source="test graph")) == text


def test_long_values_are_cut_in_lines_not_in_the_report():
    long_label = "Beslan " * 30
    ds = make_valid_dataset()
    _add(_default, BESLAN, RDFS.label, Literal(long_label))(ds)
    (violation,) = validate_dataset(ds).violations
    assert violation.value == f'"{long_label}"'
    assert len(next(iter(validate_dataset(ds).violations)).value) > 80
    line = to_text(ValidationReport(False, (violation,), 1, "g", "s")).splitlines()[1]
    assert f'"{long_label[:40]}' in line and long_label not in line


def test_warnings_are_reported_but_do_not_break_conformance(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix schema: <https://schema.org/> .
        <urn:x:published> a sh:NodeShape ; sh:targetClass schema:NewsArticle ;
            sh:property [ sh:path schema:publisher ; sh:minCount 1 ; sh:severity sh:Warning ;
                          sh:message "An article names its publisher." ] .
        """, encoding="utf-8")
    report = validate_dataset(make_valid_dataset(), shapes=shapes)
    assert report.conforms and report.errors == ()
    assert report.violations == (Violation(_short(ART), "schema:publisher", None, "An article names its publisher.",
                                           "Warning", "<urn:x:published> schema:publisher"),)
    assert to_text(report).splitlines()[0].endswith("(1 warning)")


def test_a_missing_graph_file_names_it(tmp_path):
    with pytest.raises(InputError, match="no such graph file"):
        validate_file(tmp_path / "graph.trig")


@pytest.mark.parametrize("content, problem", [(None, "no such shapes file"), ("not turtle {", "is not valid Turtle")])
def test_a_bad_shapes_file_names_it(tmp_path, content, problem):
    shapes = tmp_path / "shapes.ttl"
    if content is not None:
        shapes.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as err:
        validate_dataset(make_valid_dataset(), shapes=shapes)
    assert err.value.where == str(shapes)


# --------------------------------------------------------------------------
# The shapes speak the ontology's vocabulary

DESCRIBED = {s for s in ONTOLOGY.subjects(RDF.type, None) if isinstance(s, URIRef)}


def _path_terms(path) -> set[URIRef]:
    if isinstance(path, URIRef):
        return {path}
    return {t for p in SHAPES.objects(path, SH.inversePath) for t in _path_terms(p)}


def test_every_term_the_shapes_name_is_declared_in_the_ontology():
    terms = {t for path in SHAPES.objects(None, SH.path) for t in _path_terms(path)}
    terms |= {o for p in (SH["class"], SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.hasValue, SH["in"])
              for o in SHAPES.objects(None, p) if isinstance(o, URIRef)}
    terms |= {item for lst in SHAPES.objects(None, SH["in"]) for item in SHAPES.items(lst) if isinstance(item, URIRef)}
    assert {BKG.Figure, RDF.Statement, SCHEMA.NewsArticle, RDFS.label, BKG.Exact} <= terms
    assert terms - DESCRIBED == set()


def test_every_shape_says_what_it_enforces():
    node_shapes = {s for s in SHAPES.subjects(RDF.type, SH.NodeShape) if (s, SH.targetClass, None) in SHAPES}
    assert len(node_shapes) >= 8
    for shape in node_shapes:
        assert SHAPES.value(shape, SH.name) and SHAPES.value(shape, SH.description), shape
    # Every constraint a node shape names has its own message.
    constraints = {c for s in node_shapes for p in (SH.property, SH.sparql) for c in SHAPES.objects(s, p)}
    assert {c for c in constraints if SHAPES.value(c, SH.message) is None} == set()


# --------------------------------------------------------------------------
# Relations: the shapes and the pipeline's table say the same


def _kinds(node) -> set[str]:
    """The schema.org kinds a shape constraint allows: one sh:class, an sh:or of them, or an sh:in list."""
    classes = set(SHAPES.objects(node, SH["class"]))
    for alternatives in SHAPES.objects(node, SH["or"]):
        classes |= {c for item in SHAPES.items(alternatives) for c in SHAPES.objects(item, SH["class"])}
    for shape in SHAPES.objects(node, SH.qualifiedValueShape):
        classes |= {c for lst in SHAPES.objects(shape, SH["in"]) for c in SHAPES.items(lst)}
    return {str(c).removeprefix(str(SCHEMA)) for c in classes}


def test_the_relation_shapes_are_the_pipelines_relation_kinds():
    from beslan_kg.nlp.rules import load_common_rules

    table = load_common_rules()["relation_kinds"]
    shapes = {}
    for shape in SHAPES.subjects(SH.targetSubjectsOf, None):
        if not str(shape).startswith(BKGSH + "Relation-"):
            continue
        prop = str(SHAPES.value(shape, SH.targetSubjectsOf)).split("#")[1]
        constraints = {SHAPES.value(c, SH.path): c for c in SHAPES.objects(shape, SH.property)}
        subject = _kinds(constraints[RDF.type])
        # location and concerns have their object checked by the Event shape.
        objects = _kinds(constraints[BKG[prop]]) if BKG[prop] in constraints else _kinds(
            next(c for c in SHAPES.objects(BKGSH_EVENT, SH.property) if SHAPES.value(c, SH.path) == BKG[prop]))
        shapes[prop] = {"subject": subject, "object": objects}
    assert shapes == {p: {"subject": set(k["subject"]), "object": set(k["object"])} for p, k in table.items()}


BKGSH_EVENT = URIRef(BKGSH + "Event")
PERSON = ID["jane-doe"]
RELATION_CASES = {
    # A property of events said of a place, a place where an organisation is needed.
    "event property of a place": ((BESLAN, BKG.participant, PERSON), {(BESLAN, RDF.type, "Relation-participant-subject")}),
    "membership of a place": ((PERSON, BKG.memberOf, BESLAN), {(PERSON, BKG.memberOf, "Relation-memberOf-object")}),
    "employer that is a place": ((PERSON, BKG.employer, BESLAN), {(PERSON, BKG.employer, "Relation-employer-object")}),
    "headquarters of a person": ((PERSON, BKG.headquarters, BESLAN), {(PERSON, RDF.type, "Relation-headquarters-subject")}),
}


@pytest.mark.parametrize("name", RELATION_CASES)
def test_each_relation_shape_catches_a_node_of_the_wrong_kind(name):
    triple, expected = RELATION_CASES[name]
    ds = make_valid_dataset()
    ds.default_graph.add((PERSON, RDF.type, SCHEMA.Person))
    ds.default_graph.add((PERSON, RDF.type, BKG.Person))
    ds.default_graph.add((PERSON, RDFS.label, Literal("Jane Doe", lang="en")))
    _article(ds).add(triple)
    found = {(v.focus_node, v.path, v.shape) for v in validate_dataset(ds).violations}
    assert found == {(_short(node), _short(path), f"bkgsh:{shape}") for node, path, shape in expected}


def test_a_money_figure_needs_its_currency_and_no_other_figure_has_one():
    ds = make_valid_dataset()
    _article(ds).add((FIG, SCHEMA.currency, Literal("EUR")))
    assert {v.shape for v in validate_dataset(ds).violations} == {"bkgsh:Figure-moneyHasCurrency"}
    _replace(_article, FIG, BKG.measure, BKG.Money)(ds)
    assert validate_dataset(ds).conforms
    _replace(_article, FIG, SCHEMA.currency, Literal("euros"))(ds)
    assert {v.shape for v in validate_dataset(ds).violations} == {"bkgsh:Figure-currency"}
