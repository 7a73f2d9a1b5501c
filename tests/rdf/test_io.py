"""Serialising and loading: every format round-trips; bad files are named."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest
from conftest import ROOT
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, RDFS

from beslan_kg.errors import ConfigError, InputError
from beslan_kg.rdf.io import (
    FORMATS,
    MEDIA_TYPES,
    _SortedGraph,
    file_to_bytes,
    iter_graph_payloads,
    jsonld_context,
    load_dataset,
    to_bytes,
    union_graph,
)

ENTITY = URIRef("https://w3id.org/beslan-kg/id/nazran")


def _dataset() -> Dataset:
    ds = Dataset()
    ds.graph(URIRef("https://w3id.org/beslan-kg/graph/one")).add((ENTITY, RDFS.label, Literal("Nazran", lang="en")))
    ds.graph(URIRef("https://w3id.org/beslan-kg/graph/two")).add((ENTITY, RDFS.label, Literal("Nazrán", lang="es")))
    return ds


def _named_graphs(ds: Dataset) -> dict[str, Graph]:
    """The dataset's non-empty graphs by name, the default graph as ""."""
    return {"" if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier): g for g in ds.graphs() if len(g)}


def _assert_same_dataset(loaded: Dataset, original: Dataset, quads: bool) -> None:
    assert isomorphic(union_graph(loaded), union_graph(original))
    if quads:
        expected, got = _named_graphs(original), _named_graphs(loaded)
        assert got.keys() == expected.keys()
        for name, graph in expected.items():
            assert isomorphic(got[name], graph), name


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_round_trips(tmp_path, fmt):
    ds = _dataset()
    ds.add((ENTITY, RDFS.comment, Literal("in the default graph\nwith a line break and a \"quote\"")))
    path = tmp_path / f"graph{FORMATS[fmt][1]}"
    path.write_bytes(to_bytes(ds, fmt))
    _assert_same_dataset(load_dataset(path), ds, FORMATS[fmt][2])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_built_graph_round_trips_in_every_format(dataset, tmp_path, fmt):
    path = tmp_path / f"graph{FORMATS[fmt][1]}"
    path.write_bytes(to_bytes(dataset, fmt))
    _assert_same_dataset(load_dataset(path), dataset, FORMATS[fmt][2])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_independent_parser_reads_every_format_alike(dataset, fmt):
    """pyoxigraph (Rust, not rdflib) parses each export into the same quads."""
    import pyoxigraph

    oxi_format = {"turtle": "TURTLE", "trig": "TRIG", "jsonld": "JSON_LD", "ntriples": "N_TRIPLES",
                  "nquads": "N_QUADS", "rdfxml": "RDF_XML"}[fmt]
    quads = pyoxigraph.parse(to_bytes(dataset, fmt), format=getattr(pyoxigraph.RdfFormat, oxi_format))
    reread = Dataset(default_union=True)
    reread.parse(data=pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS), format="nquads")
    _assert_same_dataset(reread, dataset, FORMATS[fmt][2])


def test_a_plain_graph_is_the_default_graph_of_the_quad_formats():
    graph = union_graph(_dataset())
    for fmt in ("trig", "nquads"):
        loaded = Dataset(default_union=True)
        loaded.parse(data=to_bytes(graph, fmt), format=FORMATS[fmt][0])
        assert isomorphic(union_graph(loaded), graph)
        assert set(_named_graphs(loaded)) == {""}


def test_n_quads_and_n_triples_are_sorted_lines_with_one_space_before_the_dot(dataset):
    for fmt in ("nquads", "ntriples"):
        lines = to_bytes(dataset, fmt).decode("utf-8").splitlines()
        assert lines == sorted(set(lines))
        assert all(line.endswith(" .") and not line.endswith("  .") for line in lines)
    default = [line for line in to_bytes(dataset, "nquads").decode().splitlines() if line.count(" <https://w3id.org/beslan-kg/graph/") == 0]
    assert default, "the default graph's triples are written without a graph name"


def test_export_is_byte_identical_under_any_hash_seed(built, tmp_path):
    out, _ = built
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from beslan_kg.rdf.io import FORMATS, file_to_bytes, iter_graph_payloads, load_dataset\n"
        "folder = Path(sys.argv[2])\n"
        "for fmt in FORMATS:\n"
        "    (folder / fmt).write_bytes(file_to_bytes(sys.argv[1], fmt))\n"
        "ds = load_dataset(sys.argv[1])\n"
        "for fmt in ('ntriples', 'turtle', 'jsonld', 'rdfxml'):\n"
        "    for i, payload in enumerate(iter_graph_payloads(ds, fmt)):\n"
        "        (folder / f'{fmt}-{i}').write_bytes(payload.data)\n"
    )
    runs = []
    for seed in ("0", "1"):
        folder = tmp_path / seed
        folder.mkdir()
        subprocess.run([sys.executable, "-c", script, str(out / "graph.trig"), str(folder)], check=True, cwd=ROOT,
                       env=os.environ | {"PYTHONHASHSEED": seed})
        runs.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert set(runs[0]) >= set(FORMATS)
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name


def test_each_graph_payload_is_that_graph_alone(dataset):
    expected = _named_graphs(dataset)
    for fmt in ("ntriples", "turtle", "jsonld", "rdfxml"):
        payloads = list(iter_graph_payloads(dataset, fmt))
        # The default graph first, then the named graphs by IRI.
        assert [p.name for p in payloads] == [None, *sorted(n for n in expected if n)]
        for payload in payloads:
            graph = expected[payload.name or ""]
            assert payload.triples == len(graph) and payload.media_type == MEDIA_TYPES[fmt]
            assert isomorphic(Graph().parse(data=payload.data, format=FORMATS[fmt][0]), graph), (fmt, payload.name)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "yaml"])
def test_graph_payloads_are_of_one_graph_formats(fmt):
    with pytest.raises(ConfigError, match="is not a format of one graph"):
        next(iter_graph_payloads(_dataset(), fmt))


def test_the_sorted_view_answers_every_pattern_in_order_and_leaves_the_source_alone():
    ds = _dataset()
    view = _SortedGraph(ds, ds)
    triples = list(view.triples((None, None, None)))
    assert triples == sorted(triples, key=lambda t: tuple(term.n3() for term in t))
    assert len(view) == len(triples) == 2
    assert list(view.triples((None, None, Literal("Nazran", lang="en")))) == [(ENTITY, RDFS.label, Literal("Nazran", lang="en"))]
    view.serialize(format="xml")
    assert len(list(ds.quads())) == 2


def test_file_to_bytes_names_bad_formats_and_files(tmp_path):
    with pytest.raises(ConfigError, match="not an export format"):
        file_to_bytes(tmp_path / "graph.trig", "yaml")
    with pytest.raises(InputError, match="no such graph file"):
        file_to_bytes(tmp_path / "graph.trig", "turtle")


def test_unknown_export_format_is_a_config_error():
    with pytest.raises(ConfigError, match="not an export format"):
        to_bytes(_dataset(), "yaml")


def test_missing_unknown_and_broken_graph_files_are_named(tmp_path):
    with pytest.raises(InputError, match="no such graph file"):
        load_dataset(tmp_path / "none.ttl")
    odd = tmp_path / "graph.xyz"
    odd.write_text("x")
    with pytest.raises(InputError, match="unknown graph format"):
        load_dataset(odd)
    broken = tmp_path / "graph.ttl"
    broken.write_text("<a> <b> .")
    with pytest.raises(InputError, match="is not valid turtle"):
        load_dataset(broken)


@pytest.mark.parametrize("store", ["NoSuchStore", "Oxigraph"])
def test_a_store_that_would_change_the_graph_is_not_offered(tmp_path, store):
    path = tmp_path / "g.ttl"
    path.write_bytes(to_bytes(_dataset(), "turtle"))
    with pytest.raises(ConfigError, match=f"store '{store}': is not offered"):
        load_dataset(path, store=store)


def test_jsonld_embeds_the_published_context_and_parses_offline(monkeypatch):
    doc = json.loads(to_bytes(_dataset(), "jsonld"))
    assert doc["@context"] == json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    # One node is still a list of nodes under @graph, its labels under their languages.
    assert [node["label"] for node in doc["@graph"]] == [{"en": "Nazran", "es": "Nazrán"}]

    def no_network(*args, **kwargs):
        raise AssertionError("parsing the JSON-LD reached for the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    parsed = Graph().parse(data=json.dumps(doc), format="json-ld")
    assert isomorphic(parsed, union_graph(_dataset()))


def test_every_property_of_the_built_graph_has_a_short_name_and_every_class_a_prefix(dataset):
    context = jsonld_context()
    prefixes = {name: iri for name, iri in context.items() if isinstance(iri, str) and not name.startswith("@")}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else value

    terms = {expand(d if isinstance(d, str) else d["@id"]): name for name, d in context.items()
             if not name.startswith("@") and name not in prefixes}
    used = {str(p) for _, p, _, _ in dataset.quads()} - {str(RDF.type)}
    assert not used - set(terms), f"properties without a short name in context.jsonld: {sorted(used - set(terms))}"
    doc = json.loads(to_bytes(dataset, "jsonld"))
    for node in doc["@graph"]:
        keys = set(node) - {"@id", "@type"}
        assert keys <= set(terms.values()), keys - set(terms.values())
        types = node.get("@type", [])
        for kind in [types] if isinstance(types, str) else types:
            assert ":" in kind and not kind.startswith("http"), kind


def test_every_property_of_the_ontology_has_a_short_name():
    ontology = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
    context = jsonld_context()
    ids = {d if isinstance(d, str) else d["@id"] for name, d in context.items() if not name.startswith("@")}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if str(prop).startswith("https://w3id.org/beslan-kg/ontology#"):
                assert f"bkg:{str(prop).split('#')[1]}" in ids, prop


@pytest.mark.parametrize("context", ["URL", ["URL", {"x": "http://x/"}], {"@import": "URL"}])
def test_a_remote_json_ld_context_is_refused_and_not_fetched(tmp_path, context):
    from conftest import local_server

    def serve_context(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/ld+json")
        handler.end_headers()
        handler.wfile.write(b'{"@context": {"name": "http://schema.org/name"}}')

    with local_server(serve_context) as (url, asked):
        doc = {"@context": json.loads(json.dumps(context).replace("URL", f"{url}/context.jsonld")), "@id": "http://x/a", "name": "A"}
        path = tmp_path / "remote.jsonld"
        path.write_text(json.dumps(doc), encoding="utf-8")
        with pytest.raises(InputError, match=r"remote JSON-LD context .*which beslan-kg does not fetch"):
            load_dataset(path)
    assert asked == []
