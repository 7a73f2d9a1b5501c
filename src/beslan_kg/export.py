"""Export the graph to the tools people already use: Gephi, Cytoscape, spreadsheets, Neo4j.

Next to the RDF formats (:data:`beslan_kg.rdf.io.FORMATS`) the graph is
written as a network of entities and events:

* ``graphml`` (Cytoscape, yEd, Gephi, igraph) and ``gexf`` (Gephi), through
  networkx's own writers;
* ``csv``: a folder with ``entities.csv`` and ``relations.csv``, one row per
  node and per relation (RFC 4180, UTF-8, a header row);
* ``neo4j``: a folder with ``nodes.csv`` and ``relationships.csv`` in the
  layout ``neo4j-admin database import full`` reads (``:ID``, ``:LABEL``,
  ``:START_ID``, ``:END_ID``, ``:TYPE`` and typed property columns).

All four are drawn from :func:`beslan_kg.rdf.network.to_networkx`, so they
carry the same attributes: names in English and Spanish, the schema.org kind
and the project class (with its names), the languages of the articles that
name each node, counts of articles and mentions, dates. Every file is
deterministic: the same graph gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from beslan_kg.errors import ConfigError
from beslan_kg.files import write_atomic
from beslan_kg.rdf.io import FORMATS, file_to_bytes, load_dataset
from beslan_kg.rdf.network import to_networkx

__all__ = [
    "EXPORT_FORMATS", "FOLDER_FORMATS", "NETWORK_FORMATS",
    "export_graph", "to_gexf", "to_graphml", "write_csv", "write_neo4j",
]

#: The network formats of this module, with what each is for.
NETWORK_FORMATS = {
    "graphml": "GraphML (Cytoscape, yEd, Gephi, igraph)",
    "gexf": "GEXF (Gephi)",
    "csv": "a folder of entities.csv and relations.csv",
    "neo4j": "a folder of nodes.csv and relationships.csv for neo4j-admin database import",
}
#: The formats written as a folder of files rather than one file.
FOLDER_FORMATS = ("csv", "neo4j")
#: Every format ``beslan-kg export`` writes: the RDF formats, then the network formats.
EXPORT_FORMATS = (*FORMATS, *NETWORK_FORMATS)

#: Columns of the entity and relation tables (``csv``), in order; a node or
#: relation without a value leaves its cell empty.
ENTITY_COLUMNS = ("iri", "label_en", "label_es", "kind", "class", "class_label_en", "class_label_es", "wikidata",
                  "languages", "articles", "mentions", "start_date", "end_date", "figures")
RELATION_COLUMNS = ("subject", "predicate", "object", "label_en", "label_es", "relation", "languages", "articles",
                    "evidence")

# neo4j-admin's header: the Neo4j type of each property column (strings are untyped).
_NEO4J_TYPES = {"languages": "string[]", "articles": "int", "mentions": "int", "figures": "int", "relation": "boolean",
                "evidence": "int"}


# --------------------------------------------------------------------------
# one file


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of ``graph`` (from :func:`~beslan_kg.rdf.network.to_networkx`), UTF-8.

    Attribute keys are named by the attribute (``label_en``...), and each edge
    has an id of its own (``e0``, ``e1``...); its property is ``predicate``.
    """
    lines = nx.generate_graphml(_with_edge_ids(graph), encoding="utf-8", prettyprint=True, named_key_ids=True)
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 of ``graph`` (from :func:`~beslan_kg.rdf.network.to_networkx`), UTF-8.

    Gephi shows each node's ``label`` (English, else Spanish) and each edge's
    ``label`` (the property's English name); the other attributes are GEXF
    attributes. The writer's "last modified" date is left out, so that the
    same graph gives the same bytes on any day.
    """
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(_with_edge_ids(graph))
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue() + b"\n"


# --------------------------------------------------------------------------
# a folder of tables


def write_csv(graph: nx.MultiDiGraph, folder: str | Path) -> tuple[Path, ...]:
    """Write ``entities.csv`` and ``relations.csv`` of ``graph`` into ``folder``; return the files.

    ``entities.csv`` has the columns :data:`ENTITY_COLUMNS`, ``relations.csv``
    :data:`RELATION_COLUMNS` (``subject`` and ``object`` are the entities'
    IRIs). ``languages`` is space-separated; ``relation`` is ``true`` for a
    relation of the ontology and ``false`` for a sub-event link.
    """
    entities = [[node, *(_cell(attrs.get(c)) for c in ENTITY_COLUMNS[1:])] for node, attrs in _nodes(graph)]
    relations = [[u, attrs["predicate"], v, *(_cell(attrs.get(c)) for c in RELATION_COLUMNS[3:])]
                 for u, v, attrs in _edges(graph)]
    return _write_tables(folder, {"entities.csv": (ENTITY_COLUMNS, entities),
                                  "relations.csv": (RELATION_COLUMNS, relations)})


def write_neo4j(graph: nx.MultiDiGraph, folder: str | Path) -> tuple[Path, ...]:
    """Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full``.

    Nodes are identified by IRI (``iri:ID``) and labelled with their kind and
    their class (``:LABEL``, e.g. ``Person;Politician``); relationships are
    typed by their property (``:TYPE``, ``locatedIn`` -> ``LOCATED_IN``).
    Numbers, booleans and the ``languages`` array are typed in the header;
    arrays use neo4j-admin's default delimiter ``;``. Import with::

        neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
    """
    node_columns = [c for c in ENTITY_COLUMNS if c != "iri"]
    nodes = [
        [node, *(_neo4j_cell(c, attrs.get(c)) for c in node_columns), ";".join(_neo4j_labels(attrs))]
        for node, attrs in _nodes(graph)
    ]
    edge_columns = [c for c in RELATION_COLUMNS if c not in ("subject", "object")]
    edges = [
        [u, v, _neo4j_type(attrs["predicate"]), *(_neo4j_cell(c, attrs.get(c)) for c in edge_columns)]
        for u, v, attrs in _edges(graph)
    ]
    return _write_tables(folder, {
        "nodes.csv": (["iri:ID", *(_neo4j_header(c) for c in node_columns), ":LABEL"], nodes),
        "relationships.csv": ([":START_ID", ":END_ID", ":TYPE", *(_neo4j_header(c) for c in edge_columns)], edges),
    })


# --------------------------------------------------------------------------
# the export command


def export_graph(graph: str | Path, fmt: str, out: str | Path | None = None, *,
                 store: str = "default") -> bytes | tuple[Path, ...]:
    """Export a graph file in one of :data:`EXPORT_FORMATS`.

    Args:
        graph: The graph file (any format :func:`beslan_kg.rdf.io.load_dataset` reads).
        fmt: The format.
        out: The file (or, for :data:`FOLDER_FORMATS`, the folder) to write;
            None returns the bytes instead (one-file formats only).
        store: rdflib store plugin to load the graph into.

    Returns:
        The bytes when ``out`` is None, else the files written.

    Raises:
        ConfigError: ``fmt`` is unknown, or is a folder format without ``out``.
        InputError: The graph file is missing or malformed.
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"format {fmt!r}", "is not an export format", f"use one of {', '.join(EXPORT_FORMATS)}")
    if fmt in FOLDER_FORMATS and out is None:
        raise ConfigError(f"--format {fmt}", "writes a folder of files", "give the folder with --out DIR")
    if fmt in FORMATS:
        data = file_to_bytes(graph, fmt, store=store)
    else:
        network = to_networkx(load_dataset(graph, store=store))
        if fmt == "csv":
            return write_csv(network, out)
        if fmt == "neo4j":
            return write_neo4j(network, out)
        data = to_graphml(network) if fmt == "graphml" else to_gexf(network)
    return data if out is None else (write_atomic(out, data),)


# --------------------------------------------------------------------------
# helpers


def _nodes(graph: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    return sorted(graph.nodes(data=True), key=lambda n: n[0])


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    return sorted(graph.edges(data=True), key=lambda e: (e[0], e[2]["predicate"], e[1]))


def _with_edge_ids(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with nodes and edges in a fixed order, each edge keyed ``e0``, ``e1``... (ids unique in the file)."""
    ordered = nx.MultiDiGraph(**{k: v for k, v in graph.graph.items()})
    ordered.add_nodes_from(_nodes(graph))
    for i, (u, v, attrs) in enumerate(_edges(graph)):
        ordered.add_edge(u, v, key=f"e{i}", **attrs)
    return ordered


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _neo4j_header(column: str) -> str:
    kind = _NEO4J_TYPES.get(column)
    return f"{column}:{kind}" if kind else column


def _neo4j_cell(column: str, value) -> str:
    if value is not None and _NEO4J_TYPES.get(column) == "string[]":
        return ";".join(str(value).split())
    return _cell(value)


def _neo4j_labels(attrs: dict) -> list[str]:
    """The node's kind, then its project class when that says more (``Person;Politician``)."""
    labels = [attrs["kind"]]
    cls = str(attrs.get("class") or "").rsplit("#", 1)[-1]
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", cls) and cls not in labels:
        labels.append(cls)
    return labels


def _neo4j_type(predicate: str) -> str:
    """A relationship type from the property's local name: ``locatedIn`` -> ``LOCATED_IN``."""
    name = re.split(r"[#/]", predicate.rstrip("#/"))[-1]
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^A-Za-z0-9]+", "_", words).strip("_").upper() or "RELATED_TO"


def _write_tables(folder: str | Path, tables: dict[str, tuple[Sequence[str], Iterable[Sequence[str]]]]) -> tuple[Path, ...]:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(str(folder), "is a file, and this format writes a folder", "give a folder with --out DIR")
    written = []
    for name, (header, rows) in tables.items():
        text = io.StringIO()
        table = csv.writer(text)
        table.writerow(header)
        table.writerows(rows)
        written.append(write_atomic(folder / name, text.getvalue().encode("utf-8")))
    return tuple(written)
