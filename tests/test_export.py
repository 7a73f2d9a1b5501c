"""Exports to the tools people use: each format read back by the library that reads it."""

from __future__ import annotations

import csv
import io
import re

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import story_graph

from beslan_kg.cli import cli
from beslan_kg.export import (ENTITY_COLUMNS, RELATION_COLUMNS, export_graph, to_gexf, to_graphml, write_csv,
                              write_neo4j)
from beslan_kg.rdf.build import to_dataset
from beslan_kg.rdf.network import to_networkx

ID = "https://w3id.org/beslan-kg/id/"
BKG = "https://w3id.org/beslan-kg/ontology#"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return to_networkx(to_dataset(story_graph()))


def _read(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_graphml_round_trips_through_networkx(graph):
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node] == attrs  # names in both languages, kind, class, languages, counts
    mayor = back.nodes[ID + "ana-ruiz"]
    assert (mayor["label_en"], mayor["label_es"], mayor["kind"], mayor["languages"]) == ("Ana Ruiz", "Ana Ruiz", "Person", "en es")
    assert isinstance(mayor["mentions"], int)
    assert sorted((u, v, d["predicate"], d["label_es"], d["relation"]) for u, v, d in back.edges(data=True)) == sorted(
        (u, v, d["predicate"], d["label_es"], d["relation"]) for u, v, d in graph.edges(data=True))
    assert {k: back.graph[k] for k in graph.graph} == graph.graph


def test_gexf_round_trips_through_networkx(graph):
    data = to_gexf(graph)
    assert b"lastmodifieddate" not in data  # the same bytes on any day
    back = nx.read_gexf(io.BytesIO(data))
    assert back.number_of_nodes() == graph.number_of_nodes() and back.number_of_edges() == graph.number_of_edges()
    assert set(back.nodes) == set(graph.nodes)
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node]["label"] == attrs["label"]  # what Gephi shows
        assert {k: back.nodes[node][k] for k in ("label_es", "kind", "languages", "mentions")} == {
            k: attrs[k] for k in ("label_es", "kind", "languages", "mentions")}
    labels = sorted(d["label"] for _, _, d in back.edges(data=True))
    assert labels == sorted(d["label"] for _, _, d in graph.edges(data=True))


def test_csv_tables_round_trip_through_the_csv_module(graph, tmp_path):
    written = write_csv(graph, tmp_path / "tables")
    assert [p.name for p in written] == ["entities.csv", "relations.csv"]
    entities = _read(tmp_path / "tables" / "entities.csv")
    assert list(entities[0]) == list(ENTITY_COLUMNS)
    assert [row["iri"] for row in entities] == sorted(graph.nodes)
    for row in entities:
        attrs = graph.nodes[row["iri"]]
        assert {c: row[c] for c in ENTITY_COLUMNS[1:]} == {c: str(attrs.get(c, "")) for c in ENTITY_COLUMNS[1:]}
    relations = _read(tmp_path / "tables" / "relations.csv")
    assert list(relations[0]) == list(RELATION_COLUMNS)
    assert sorted((r["subject"], r["predicate"], r["object"]) for r in relations) == sorted(
        (u, d["predicate"], v) for u, v, d in graph.edges(data=True))
    assert {r["relation"] for r in relations} == {"true"}
    assert {r["label_es"] for r in relations} == {"lugar", "participante"}


def test_neo4j_files_follow_the_neo4j_admin_import_header_conventions(graph, tmp_path):
    write_neo4j(graph, tmp_path / "neo4j")
    with open(tmp_path / "neo4j" / "nodes.csv", newline="", encoding="utf-8") as handle:
        node_rows = list(csv.reader(handle))
    with open(tmp_path / "neo4j" / "relationships.csv", newline="", encoding="utf-8") as handle:
        edge_rows = list(csv.reader(handle))
    node_header, edge_header = node_rows[0], edge_rows[0]
    # One ID column (with the property it is kept as), one :LABEL column.
    assert [c for c in node_header if c.endswith(":ID")] == ["iri:ID"]
    assert node_header.count(":LABEL") == 1
    assert edge_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    types = {"int": int, "boolean": lambda v: {"true": True, "false": False}[v], "string[]": lambda v: v.split(";")}
    for header, rows in ((node_header, node_rows[1:]), (edge_header, edge_rows[1:])):
        for column in header:
            name, _, kind = column.partition(":")
            assert re.fullmatch(r"[a-z_]*", name) and kind in ("", "ID", "LABEL", "START_ID", "END_ID", "TYPE", *types)
        for row in rows:
            assert len(row) == len(header)
            for column, value in zip(header, row):
                kind = column.partition(":")[2]
                if kind in types and value:
                    types[kind](value)  # parses as its declared type
    ids = [row[0] for row in node_rows[1:]]
    assert sorted(ids) == sorted(graph.nodes) and len(set(ids)) == len(ids)
    for row in edge_rows[1:]:
        assert row[0] in ids and row[1] in ids
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row[2])
    labels = {row[0]: row[node_header.index(":LABEL")].split(";") for row in node_rows[1:]}
    assert labels[ID + "ana-ruiz"] == ["Person", "Politician"]
    assert labels[ID + "event/explosion-northfield-2021"] == ["Event", "Explosion"]
    assert {row[2] for row in edge_rows[1:]} == {"LOCATION", "PARTICIPANT"}
    languages = node_header.index("languages:string[]")
    assert next(row for row in node_rows[1:] if row[0] == ID + "ana-ruiz")[languages] == "en;es"


def test_exports_are_deterministic(graph, tmp_path):
    shuffled = nx.MultiDiGraph(**graph.graph)
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert to_graphml(graph) == to_graphml(shuffled)
    assert to_gexf(graph) == to_gexf(shuffled)
    first = [p.read_bytes() for p in write_neo4j(graph, tmp_path / "a")]
    assert first == [p.read_bytes() for p in write_neo4j(shuffled, tmp_path / "b")]


def test_the_export_command_writes_each_network_format(built, tmp_path):
    out, report = built
    graph = str(out / "graph.trig")
    runner = CliRunner()
    gexf = runner.invoke(cli, ["export", "--format", "gexf", "--graph", graph])
    assert gexf.exit_code == 0, gexf.output
    entities = sum(n for _, n in report.entities_by_kind)
    assert nx.read_gexf(io.BytesIO(gexf.stdout_bytes)).number_of_nodes() == entities
    result = runner.invoke(cli, ["export", "--format", "neo4j", "--graph", graph, "--out", str(tmp_path / "neo4j")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"wrote {tmp_path / 'neo4j' / name}" for name in ("nodes.csv", "relationships.csv")]
    relations = _read(tmp_path / "neo4j" / "relationships.csv")
    assert sum(r["relation:boolean"] == "true" for r in relations) == report.relations
    result = runner.invoke(cli, ["export", "--format", "graphml", "--graph", graph, "--out", str(tmp_path / "g.graphml")])
    assert result.exit_code == 0 and nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == entities


def test_a_folder_format_without_a_folder_is_a_one_line_error(built, tmp_path):
    out, _ = built
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--graph", str(out / "graph.trig")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["error: --format csv: writes a folder of files (give the folder with --out DIR)"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(Exception, match="is a file"):
        export_graph(out / "graph.trig", "csv", tmp_path / "file")
