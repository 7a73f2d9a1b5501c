"""Serialising and loading: every format round-trips; bad files are named."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from beslan_kg.errors import ConfigError, InputError
from beslan_kg.rdf.io import FORMATS, iter_graph_payloads, load_dataset, to_bytes, union_graph

ENTITY = URIRef("https://w3id.org/beslan-kg/id/nazran")


def _dataset() -> Dataset:
    ds = Dataset()
    ds.graph(URIRef("https://w3id.org/beslan-kg/graph/one")).add((ENTITY, RDFS.label, Literal("Nazran", lang="en")))
    ds.graph(URIRef("https://w3id.org/beslan-kg/graph/two")).add((ENTITY, RDFS.label, Literal("Nazrán", lang="es")))
    return ds


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_round_trips(tmp_path, fmt):
    ds = _dataset()
    path = tmp_path / f"graph{FORMATS[fmt][1]}"
    path.write_bytes(to_bytes(ds, fmt))
    loaded = load_dataset(path)
    assert isomorphic(union_graph(loaded), union_graph(ds))
    if FORMATS[fmt][2]:
        assert {str(g.identifier) for g in loaded.graphs() if len(g)} >= {
            "https://w3id.org/beslan-kg/graph/one", "https://w3id.org/beslan-kg/graph/two"}


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


def test_unknown_store_is_a_config_error(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_bytes(to_bytes(_dataset(), "turtle"))
    with pytest.raises(ConfigError, match="not an installed rdflib store"):
        load_dataset(path, store="NoSuchStore")


def test_jsonld_uses_the_published_context():
    text = to_bytes(_dataset(), "jsonld").decode()
    assert '"@context"' in text and '"label"' in text
    assert isomorphic(Graph().parse(data=text, format="json-ld"), union_graph(_dataset()))


def test_iter_graph_payloads_gives_each_graph_on_its_own():
    ds = _dataset()
    ds.add((ENTITY, RDFS.comment, Literal("a town in Ingushetia", lang="en")))  # the default graph
    ds.graph(URIRef("https://w3id.org/beslan-kg/graph/empty"))
    payloads = list(iter_graph_payloads(ds))
    assert [p.name for p in payloads] == [None, "https://w3id.org/beslan-kg/graph/one", "https://w3id.org/beslan-kg/graph/two"]
    assert [p.triples for p in payloads] == [1, 1, 1]
    assert {p.media_type for p in payloads} == {"application/n-triples"}
    parsed = [Graph().parse(data=p.data.decode(), format="nt") for p in payloads]
    assert [next(iter(g))[2] for g in parsed] == [
        Literal("a town in Ingushetia", lang="en"), Literal("Nazran", lang="en"), Literal("Nazrán", lang="es")]
    assert [p.data for p in iter_graph_payloads(ds)] == [p.data for p in payloads]
    turtle = [Graph().parse(data=p.data.decode(), format="turtle") for p in iter_graph_payloads(ds, "turtle")]
    assert all(isomorphic(a, b) for a, b in zip(turtle, parsed, strict=True))


def test_iter_graph_payloads_refuses_formats_of_several_graphs():
    with pytest.raises(ConfigError, match="not a format of one graph"):
        list(iter_graph_payloads(_dataset(), "trig"))
