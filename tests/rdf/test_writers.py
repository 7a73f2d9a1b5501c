"""The build's writers: every format parses to the same graph, the text of any literal survives, output is sorted and stable."""

from __future__ import annotations

import io
import random

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from beslan_kg.rdf.io import jsonld_context, term_of
from beslan_kg.rdf.terms import iri, literal, typed
from beslan_kg.rdf.writers import (
    JsonLdWriter,
    NQuadsWriter,
    QuadSorter,
    TurtleWriter,
    iter_sorted,
    iter_union,
    write_graph_files,
    write_trig,
)

ID = "https://w3id.org/beslan-kg/id/"
LABEL = iri("http://www.w3.org/2000/01/rdf-schema#label")
# Texts an article may hold: quotes, backslashes, line breaks, tabs, control characters, any script.
TEXTS = ['He said "no".', "a\\b", "two\nlines\r\n", "tab\there", "bell\x07 and \x7f", "Беслан, 北京, 🙂", "", " spaced "]


def _quads() -> list[tuple[str, str, str, str]]:
    graph = iri("https://w3id.org/beslan-kg/graph/a")
    quads = [(iri(ID + f"e{i}"), LABEL, literal(text, lang="en"), graph) for i, text in enumerate(TEXTS)]
    quads += [(iri(ID + "e0"), iri("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex"),
               typed("12", "nonNegativeInteger"), graph),
              (iri(ID + "e0"), iri("https://w3id.org/beslan-kg/ontology#location"), iri(ID + "event/siege"), ""),
              (iri(ID + "e1"), iri("https://schema.org/identifier"), literal("plain"), "")]
    return quads


def _write(fmt: str, quads) -> bytes:
    out = io.BytesIO()
    ordered = list(iter_sorted(quads))
    if fmt == "trig":
        graphs: dict[str, list] = {}
        for s, p, o, g in ordered:
            graphs.setdefault(g, []).append((s, p, o))
        write_trig(sorted((g, sorted(t)) for g, t in graphs.items()), out)
    elif fmt == "nquads":
        writer = NQuadsWriter(out)
        for quad in ordered:
            writer.write(quad)
    else:
        writer = TurtleWriter(out) if fmt == "turtle" else JsonLdWriter(out, jsonld_context())
        for triple in iter_union(ordered):
            writer.write(triple)
        writer.close()
    return out.getvalue()


def _expected() -> Dataset:
    ds = Dataset()
    from beslan_kg.rdf.io import to_node

    for s, p, o, g in _quads():
        target = ds.graph(URIRef(g[1:-1])) if g else ds.default_graph
        target.add((to_node(s), to_node(p), to_node(o)))
    return ds


@pytest.mark.parametrize("fmt, oxi", [("turtle", "TURTLE"), ("trig", "TRIG"), ("nquads", "N_QUADS"), ("jsonld", "JSON_LD")])
def test_every_format_gives_back_every_quad_and_every_text(fmt, oxi):
    data = _write(fmt, _quads())
    quads = list(pyoxigraph.parse(data, format=getattr(pyoxigraph.RdfFormat, oxi)))
    got = {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}
    assert len(got) == len({q[:3] for q in _quads()})
    texts = {q.object.value for q in quads if q.predicate.value.endswith("#label")}
    assert texts == set(TEXTS)
    # rdflib reads it as the same graph too.
    rdflib_format = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt]
    reread = Dataset(default_union=True).parse(data=data, format=rdflib_format)
    union = Graph()
    for s, p, o, _ in reread.quads((None, None, None, None)):
        union.add((s, p, o))
    want = Graph()
    for s, p, o, _ in _expected().quads((None, None, None, None)):
        want.add((s, p, o))
    assert isomorphic(union, want)


def test_quads_keep_their_graph_and_datatype():
    data = _write("nquads", _quads())
    lines = data.decode().splitlines()
    assert lines == sorted(lines, key=lambda line: line.split(" ")[0])
    assert any('"12"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> <https://w3id.org/beslan-kg/graph/a> .' in line
               for line in lines)
    assert any(line.endswith('"plain" .') for line in lines)  # the default graph's quads have three terms


def test_the_sorter_gives_the_same_order_whatever_the_input_order_and_run_size():
    quads = _quads() * 3
    expected = sorted(set(quads))
    for seed in range(3):
        random.Random(seed).shuffle(quads)
        for run in (2, 5, 1000):
            sorter = QuadSorter(run=run)
            for quad in quads:
                sorter.add(quad)
            assert list(sorter) == expected


def test_output_is_the_same_bytes_whatever_the_order_of_the_quads():
    quads = _quads()
    first = {fmt: _write(fmt, quads) for fmt in ("turtle", "trig", "nquads", "jsonld")}
    random.Random(4).shuffle(quads)
    assert {fmt: _write(fmt, quads) for fmt in first} == first


def test_prefixed_names_only_where_the_local_part_is_plain():
    text = _write("turtle", _quads()).decode()
    assert "id:e0 " in text
    # "event/siege" is no plain local name: the full IRI, no escapes for a reader to undo.
    assert f"<{ID}event/siege>" in text and "\\/" not in text


def test_jsonld_is_compacted_with_the_projects_terms():
    import json

    doc = json.loads(_write("jsonld", _quads()))
    assert doc["@context"] == jsonld_context()
    nodes = {n["@id"]: n for n in doc["@graph"]}
    assert nodes["id:e0"]["label"] == {"en": 'He said "no".'}
    assert nodes["id:e0"]["beginIndex"] == "12"
    assert nodes["id:e0"]["location"] == f"{ID}event/siege"
    assert nodes["id:e1"]["identifier"] == "plain"


def test_iris_are_made_safe_and_rdflib_terms_convert_both_ways():
    assert iri('https://x/a b<c>"d') == "<https://x/a%20b%3Cc%3E%22d>"
    for node in (URIRef("https://x/a"), Literal("x\ny", lang="es"), Literal("5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
                 Literal('q"uote')):
        from beslan_kg.rdf.io import to_node

        assert to_node(term_of(node)) == node


def test_write_graph_files_writes_each_format_once_and_counts_the_union(tmp_path):
    from contextlib import contextmanager

    @contextmanager
    def opener(name):
        with open(tmp_path / name, "wb") as handle:
            yield handle

    graphs: dict[str, list] = {}
    for s, p, o, g in _quads():
        graphs.setdefault(g, []).append((s, p, o))
    seen = []
    count = write_graph_files(sorted((g, sorted(t)) for g, t in graphs.items()), opener, context=jsonld_context(),
                              on_triple=seen.append)
    assert count == len({q[:3] for q in _quads()}) == len(seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.jsonld", "graph.nq", "graph.trig", "graph.ttl"]


def test_spilled_runs_merge_in_the_order_of_the_quads_where_one_term_begins_another():
    # The runs are merged as lines: a tab and the line break must sort before every character of a term.
    text = "lit with space and \\\" quote"
    quads = [
        ("<urn:s>", "<urn:p>", f'"{text}"', ""),
        ("<urn:s>", "<urn:p>", f'"{text}"', "<urn:g>"),
        ("<urn:s>", "<urn:p>", f'"{text}"@en', "<urn:g>"),
        ("<urn:s>", "<urn:p>", f'"{text}"^^<urn:t>', ""),
        ("<urn:s>", "<urn:p>", '"a"', "<urn:g>"),
        ("<urn:s>", "<urn:p>", '"a b"', "<urn:g>"),
        ("<urn:s>", "<urn:p2>", '"a"', ""),
        ("<urn:s2>", "<urn:p>", '"a"', ""),
        ("<urn:s#char=1,2>", "<urn:p>", '"\\u0001"', "<urn:g2>"),
    ]
    expected = sorted(set(quads))
    for seed in range(4):
        shuffled = quads * 2
        random.Random(seed).shuffle(shuffled)
        for run in (1, 3):
            sorter = QuadSorter(run=run)
            for quad in shuffled:
                sorter.add(quad)
            assert list(sorter) == expected


def test_jsonld_nodes_are_what_json_dumps_writes_with_or_without_the_memo_of_compacted_values(monkeypatch):
    import json

    from beslan_kg.rdf import writers

    label, begin = LABEL, iri("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex")
    quads = _quads() + [
        (iri(ID + "x1"), begin, typed("12", "nonNegativeInteger"), ""),  # the values of e0: the memo's answer
        (iri(ID + "x2"), begin, typed("13", "nonNegativeInteger"), ""),  # other values: not its answer
        (iri(ID + "x2"), label, literal("Beslan", lang="en"), ""),
        (iri(ID + "x3"), label, literal("Beslan", lang="en"), ""),
        (iri(ID + "x3"), label, literal("Беслан", lang="ru"), ""),
    ]
    kept = _write("jsonld", quads)
    nodes = {node["@id"]: node for node in json.loads(kept)["@graph"]}
    assert nodes["id:x1"]["beginIndex"] == nodes["id:e0"]["beginIndex"] != nodes["id:x2"]["beginIndex"]
    assert nodes["id:x3"]["label"] == {"en": "Beslan", "ru": "Беслан"} != nodes["id:x2"]["label"]
    for line in kept.decode("utf-8").splitlines():  # each node's line is json.dumps's own text of it
        if line.startswith("    {"):
            text = line.strip().rstrip(",")
            assert json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False) == text
    monkeypatch.setattr(writers, "_MEMO", 0)
    assert _write("jsonld", quads) == kept
