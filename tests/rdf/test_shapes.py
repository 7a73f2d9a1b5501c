"""The build's shapes' check: whatever pySHACL finds in a graph, it finds something too; a conforming graph passes."""

from __future__ import annotations

import pytest

from beslan_kg.rdf.build import iter_quads
from beslan_kg.rdf.io import dataset_of_quads
from beslan_kg.rdf import shapes
from beslan_kg.rdf.shapes import ShapesCheck, check_graphs, iter_queries
from beslan_kg.rdf.terms import RDF_TYPE, iri, literal, typed
from beslan_kg.rdf.validate import validate_dataset
from beslan_kg.records import (
    ArticleMeta,
    Attribution,
    DateStatement,
    Evidence,
    KnowledgeGraph,
    Quantity,
    ResolvedEntity,
    ResolvedFigure,
    Statement,
    TimeValue,
)

TEXT = "Basayev led the raid on Budyonnovsk in June 1995. More than 100 people died, officials said."
FIRST, SECOND = "Basayev led the raid on Budyonnovsk in June 1995.", "More than 100 people died, officials said."
META = ArticleMeta(id="raid", language="en", title="Raid", path="raid.txt", date_published="1995-06-20", publisher="Wire")

BKG, SCHEMA, NIF = "https://w3id.org/beslan-kg/ontology#", "https://schema.org/", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ID, ARTICLE = "https://w3id.org/beslan-kg/id/", "https://w3id.org/beslan-kg/article/"
RDFS_LABEL = iri("http://www.w3.org/2000/01/rdf-schema#label")


def _ev(words: str, sentence: str) -> Evidence:
    start, s_start = TEXT.index(words), TEXT.index(sentence)
    return Evidence("raid", start, start + len(words), words, s_start, s_start + len(sentence), sentence)


def _kg() -> KnowledgeGraph:
    town = ResolvedEntity("budyonnovsk", "Place", "Settlement", (("en", "Budyonnovsk"),), (("en", "Budennovsk"),), "Q132832",
                          (_ev("Budyonnovsk", FIRST),))
    leader = ResolvedEntity("shamil-basayev", "Person", "MilitantLeader", (("en", "Shamil Basayev"),), (), None, (_ev("Basayev", FIRST),))
    raid = ResolvedEntity("budyonnovsk-raid", "Event", "HostageCrisis", (("en", "Budyonnovsk raid"),), (), None, (_ev("raid", FIRST),))
    statements = (Statement("budyonnovsk-raid", "location", "budyonnovsk", (_ev("raid", FIRST),), ("en-test",)),
                  Statement("budyonnovsk-raid", "perpetrator", "shamil-basayev", (_ev("led", FIRST),), ("en-test",)))
    dates = (DateStatement("budyonnovsk-raid", "startDate", TimeValue("1995-06", "gYearMonth", "June 1995"), (_ev("June 1995", FIRST),)),)
    toll = ResolvedFigure("budyonnovsk-raid", "Deaths", Quantity(100, "more_than", "More than 100"), _ev("More than 100", SECOND))
    claim = Attribution("raid", TEXT.index(SECOND), TEXT.index(SECOND) + len(SECOND), SECOND, "officials said")
    return KnowledgeGraph((META,), (town, leader, raid), statements, dates, (toll,), (), (claim,))


def _fast(quads, tmp_path) -> list[str]:
    graphs: dict[str, list] = {}
    for s, p, o, g in quads:
        graphs.setdefault(g, []).append((s, p, o))
    return check_graphs(graphs.items(), scratch=tmp_path)


def _find(quads, s=None, p=None, o=None):
    return next(q for q in quads if (s is None or q[0] == s) and (p is None or q[1] == p) and (o is None or q[2] == o))


def _replace(quads, old, new):
    return [new if q == old else q for q in quads] if new else [q for q in quads if q != old]


def _span(word: str, sentence: str) -> str:
    ev = _ev(word, sentence)
    return iri(f"{ARTICLE}raid#char={ev.start},{ev.end}")


RAID, TOWN, LEADER, ART = iri(ID + "budyonnovsk-raid"), iri(ID + "budyonnovsk"), iri(ID + "shamil-basayev"), iri(ARTICLE + "raid")
GRAPH = iri("https://w3id.org/beslan-kg/graph/raid")


def _mutations():
    """Each breaks one shape of ontology/shapes.ttl, as a bug in the builder might."""
    def relabel(q):  # a second English label
        return q + [(TOWN, RDFS_LABEL, literal("Budennovsk", lang="en"), "")]

    def unlabel(q):
        return _replace(q, _find(q, TOWN, RDFS_LABEL), None)

    def integer_offset(q):
        old = _find(q, _span("raid", FIRST), iri(NIF + "beginIndex"))
        return _replace(q, old, (*old[:2], typed(old[2].split('"')[1], "integer"), old[3]))

    def ill_typed_date(q):
        old = _find(q, RAID, iri(SCHEMA + "startDate"))
        return _replace(q, old, (RAID, old[1], typed("1995-13", "gYearMonth"), old[3]))

    def no_headline(q):
        return _replace(q, _find(q, ART, iri(SCHEMA + "headline")), None)

    def french_headline(q):
        old = _find(q, ART, iri(SCHEMA + "headline"))
        return _replace(q, old, (ART, old[1], literal("Raid", lang="fr"), old[3]))

    def two_entities_one_mention(q):
        return q + [(_span("raid", FIRST), iri(BKG + "mentionOf"), TOWN, GRAPH)]

    def location_a_person(q):
        return q + [(RAID, iri(BKG + "location"), LEADER, GRAPH)]

    def bounds_of_another_qualifier(q):
        fig = _find(q, p=iri(BKG + "figure"))[2]
        return q + [(fig, iri(SCHEMA + "maxValue"), typed("120", "integer"), GRAPH)]

    def unasserted_statement(q):
        return _replace(q, _find(q, RAID, iri(BKG + "location"), TOWN), None)

    def wrong_length(q):
        old = _find(q, _span("raid", FIRST), iri(NIF + "anchorOf"))
        return _replace(q, old, (*old[:2], literal("raids"), old[3]))

    def iri_not_offsets(q):
        span = _span("raid", FIRST)
        old = _find(q, span, iri(NIF + "endIndex"))
        return _replace(q, old, (*old[:2], typed("999", "nonNegativeInteger"), old[3]))

    def same_as_elsewhere(q):
        old = _find(q, TOWN, iri("http://www.w3.org/2002/07/owl#sameAs"))
        return _replace(q, old, (TOWN, old[1], iri("https://example.org/Q1"), old[3]))

    def class_of_another_kind(q):
        old = _find(q, TOWN, RDF_TYPE, iri(BKG + "Settlement"))
        return _replace(q, old, (TOWN, RDF_TYPE, iri(BKG + "Politician"), old[3]))

    def two_kinds(q):
        return q + [(TOWN, RDF_TYPE, iri(SCHEMA + "Person"), "")]

    def publisher_tagged(q):
        old = _find(q, ART, iri(SCHEMA + "publisher"))
        return _replace(q, old, (ART, old[1], literal("Wire", lang="en"), old[3]))

    def other_language(q):
        old = _find(q, ART, iri(SCHEMA + "inLanguage"))
        return _replace(q, old, (ART, old[1], literal("fr"), old[3]))

    def measure_not_a_measure(q):
        old = _find(q, p=iri(BKG + "measure"))
        return _replace(q, old, (old[0], old[1], iri(BKG + "Politician"), old[3]))

    def figure_of_no_event(q):
        return _replace(q, _find(q, p=iri(BKG + "figure")), None)

    def attributed_to_text(q):
        sentence = iri(f"{ARTICLE}raid#char={TEXT.index(SECOND)},{TEXT.index(SECOND) + len(SECOND)}")
        return q + [(sentence, iri(BKG + "attributedTo"), literal("officials"), GRAPH)]

    def time_as_date(q):
        return q + [(RAID, iri(SCHEMA + "startTime"), typed("1995-06-14", "date"), GRAPH)]

    def evidence_from_elsewhere(q):
        statement = _find(q, p=iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"), o=iri(BKG + "location"))[0]
        other = iri(ARTICLE + "other")
        return q + [(statement, iri(BKG + "evidence"), _span("led", FIRST), GRAPH),
                    (_span("led", FIRST), iri(SCHEMA + "isPartOf"), other, GRAPH)]

    def offsets_reversed(q):
        span = _span("raid", FIRST)
        begin, end = _find(q, span, iri(NIF + "beginIndex")), _find(q, span, iri(NIF + "endIndex"))
        q = _replace(q, begin, (*begin[:2], end[2], begin[3]))
        return _replace(q, end, (*end[:2], begin[2], end[3]))

    return [relabel, unlabel, integer_offset, ill_typed_date, no_headline, french_headline, two_entities_one_mention,
            location_a_person, bounds_of_another_qualifier, unasserted_statement, wrong_length, iri_not_offsets,
            same_as_elsewhere, class_of_another_kind, two_kinds, publisher_tagged, other_language, measure_not_a_measure,
            figure_of_no_event, attributed_to_text, time_as_date, evidence_from_elsewhere, offsets_reversed]


def test_a_graph_that_conforms_passes_both_checks(tmp_path):
    quads = list(iter_quads(_kg()))
    assert validate_dataset(dataset_of_quads(quads)).conforms
    assert _fast(quads, tmp_path) == []


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_whatever_pyshacl_finds_the_check_finds_too(tmp_path, mutate):
    quads = mutate(list(iter_quads(_kg())))
    assert not validate_dataset(dataset_of_quads(quads)).conforms, "the mutation should break a shape"
    assert _fast(quads, tmp_path) != []


def test_the_built_corpus_passes(built, tmp_path):
    out, report = built
    assert report.shacl_checked and report.left_out == ()
    import re

    line = re.compile(r'^(\S+) (\S+) (.*?)(?: (<[^>]*>))? \.$')
    quads = [(m[1], m[2], m[3], m[4] or "") for m in map(line.match, (out / "graph.nq").read_text(encoding="utf-8").splitlines())]
    assert _fast(quads, tmp_path) == []


def test_every_constraint_of_the_shapes_is_compiled():
    queries = list(iter_queries())
    # Each property shape and SPARQL constraint of ontology/shapes.ttl gives at least one query.
    from beslan_kg.rdf.validate import load_shapes
    from rdflib.namespace import SH

    shapes = load_shapes()
    sparql = set(shapes.objects(None, SH.sparql))
    assert len(queries) >= len(sparql) and all("SELECT ?this" in q for q in queries)


def test_shapes_it_cannot_compile_leave_the_decision_to_pyshacl(tmp_path):
    from beslan_kg.rdf.validate import shapes_path

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(shapes_path().read_text(encoding="utf-8") + """
bkgsh:Closed a sh:NodeShape ; sh:targetClass schema:Place ; sh:closed true .
""", encoding="utf-8")
    assert "checked by pySHACL" in ShapesCheck(shapes).violations()[0]


def test_a_large_graph_is_checked_on_disk_loaded_a_few_lines_at_a_time_and_finds_the_same(tmp_path, monkeypatch):
    graphs = [list(iter_quads(_kg()))] + [mutate(list(iter_quads(_kg()))) for mutate in _mutations()]
    in_memory = [_fast(quads, tmp_path) for quads in graphs]
    monkeypatch.setattr(shapes, "IN_MEMORY_BYTES", 0)
    monkeypatch.setattr(shapes, "LOAD_CHUNK_LINES", 7)
    assert [_fast(quads, tmp_path) for quads in graphs] == in_memory
    assert in_memory[0] == [] and all(in_memory[1:])


def test_the_queries_on_several_threads_find_what_one_finds_in_the_same_order(tmp_path, monkeypatch):
    # Several mutations at once: a graph that breaks many shapes, whose findings have an order to keep.
    quads = list(iter_quads(_kg()))
    chosen = ("relabel", "no_headline", "two_entities_one_mention", "location_a_person", "bounds_of_another_qualifier",
              "same_as_elsewhere", "two_kinds", "other_language", "time_as_date")
    for mutate in _mutations():
        if mutate.__name__ in chosen:
            quads = mutate(quads)
    monkeypatch.setattr(shapes, "_cores", lambda: 1)
    alone = _fast(quads, tmp_path)
    monkeypatch.setattr(shapes, "_cores", lambda: 4)
    assert _fast(quads, tmp_path) == alone and len(alone) > 3
    # In the order of the shapes' queries, as one thread that runs them in turn finds them.
    queries = ShapesCheck().compiled.queries
    order = [n for line in alone for n, q in enumerate(queries) if line.endswith(f" {q.shape}: {q.message}")]
    assert len(order) > 3 and order == sorted(order)


def test_a_query_that_fails_in_its_thread_leaves_the_decision_to_pyshacl(tmp_path, monkeypatch):
    check = ShapesCheck(scratch=tmp_path)
    broken = shapes._Query("<urn:broken>", "broken", "SELECT ?this WHERE { ?this ?p }")
    monkeypatch.setattr(check, "compiled", shapes._Compiled(**{**vars(check.compiled), "queries": (*check.compiled.queries, broken)}))
    check.load(triple for *triple, _ in iter_quads(_kg()))
    check.start()
    assert any("could not run" in line and "checked by pySHACL" in line for line in check.violations())


def test_the_literal_check_names_every_triple_that_breaks_it_however_often_its_literal_recurs(monkeypatch):
    begin, value = iri(NIF + "beginIndex"), iri(SCHEMA + "value")
    triples = [
        ("<urn:a>", begin, typed("007", "nonNegativeInteger")),  # not canonical
        ("<urn:b>", begin, typed("007", "nonNegativeInteger")),  # the same literal: found again, for its own subject
        ("<urn:b>", begin, typed("7", "nonNegativeInteger")),
        ("<urn:c>", value, typed("5", "integer")),
        ("<urn:c>", value, typed("5", "nonNegativeInteger")),  # one value in a store, two here: for this subject only
        ("<urn:d>", value, typed("5", "nonNegativeInteger")),
        ("<urn:e>", begin, iri(ID + "x")),  # a literal is due
    ]

    def problems() -> list[str]:
        check = ShapesCheck()
        for triple in triples:
            check.add(triple)
        check.close()
        return check.problems

    found = problems()
    assert any(line.startswith("<urn:a> ") and "canonical" in line for line in found)
    assert any(line.startswith("<urn:b> ") and '"007"' in line for line in found)
    assert not any(line.startswith("<urn:b> ") and '"7"' in line for line in found)
    assert [line for line in found if "also given as" in line] == [
        f'<urn:c> {value} "5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>: also given as '
        "http://www.w3.org/2001/XMLSchema#integer"]
    assert not any(line.startswith("<urn:d> ") and "also given as" in line for line in found)
    assert any(line.startswith("<urn:e> ") and "a literal is due" in line for line in found)
    # What it keeps of each literal changes nothing: the same lines, in the same order, keeping none.
    monkeypatch.setattr(shapes, "LITERALS_KEPT", 0)
    assert problems() == found
