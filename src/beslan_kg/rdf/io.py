"""Serialise and load graphs: the export API.

Serialisers and stores are chosen by name (rdflib plugin names), so a faster
store such as oxrdflib's ``"Oxigraph"`` is a configuration change.

Every serialisation is deterministic: the same graph gives the same bytes in
every run. rdflib's memory store iterates sets, whose order changes with
Python's hash seed, so the serialisers are fed in a fixed order (and line-based
formats are sorted) rather than trusted to sort.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from beslan_kg.errors import ConfigError, InputError
from beslan_kg.paths import ontology_dir
from beslan_kg.rdf.terms import PREFIXES, XSD_STRING, iri, is_iri, iri_value, literal, literal_value

#: Export format name -> (rdflib serializer, file suffix, keeps named graphs).
FORMATS = {
    "turtle": ("turtle", ".ttl", False),
    "trig": ("trig", ".trig", True),
    "jsonld": ("json-ld", ".jsonld", False),
    "ntriples": ("nt", ".nt", False),
    "nquads": ("nquads", ".nq", True),
    "rdfxml": ("xml", ".rdf", False),
}
#: Export format name -> media type, for HTTP bodies.
MEDIA_TYPES = {
    "turtle": "text/turtle",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "rdfxml": "application/rdf+xml",
}
#: Where the JSON-LD context of ``ontology/context.jsonld`` is to be published. JSON-LD
#: files embed the context rather than reference this IRI: they parse offline, and
#: mean the same wherever and whenever they are read.
CONTEXT_IRI = "https://w3id.org/beslan-kg/context.jsonld"
#: rdflib stores that keep every literal as written. Oxigraph's (oxrdflib) stores
#: numbers by value: ``xsd:nonNegativeInteger`` offsets come back as ``xsd:integer``,
#: which breaks the shapes, so it is not offered.
STORES = ("default", "Memory", "SimpleMemory")
_PARSERS = {".ttl": "turtle", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".nq": "nquads", ".rdf": "xml", ".owl": "xml"}


@dataclass(frozen=True)
class GraphPayload:
    """One graph of a dataset, serialised on its own.

    Attributes:
        name: The named graph's IRI, or None for the default graph.
        triples: How many triples it holds.
        data: The serialised graph.
        media_type: The media type of ``data``.
    """

    name: str | None
    triples: int
    data: bytes
    media_type: str


@cache
def jsonld_context() -> dict:
    """Return the JSON-LD ``@context`` of ``ontology/context.jsonld``."""
    return json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def union_graph(ds: Dataset | Graph) -> Graph:
    """Return every triple of the dataset in one graph, prefixes kept (a graph is its own union)."""
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def dataset_of_quads(quads: Iterable[tuple[str, str, str, str]], *, store: str = "default") -> Dataset:
    """Return an rdflib dataset (default graph the union) of quads given as N-Triples terms (``""`` for the default graph)."""
    ds = Dataset(store=store, default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    graphs: dict[str, Graph] = {}
    for s, p, o, g in quads:
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = ds.graph(URIRef(iri_value(g))) if g else ds.default_graph
        graph.add((to_node(s), to_node(p), to_node(o)))
    return ds


def to_node(term: str):
    """Return the rdflib node of an N-Triples term."""
    if is_iri(term):
        return URIRef(iri_value(term))
    if term.startswith("_:"):
        return BNode(term[2:])
    text, lang, datatype = literal_value(term)
    return Literal(text, lang=lang) if lang else Literal(text, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def to_bytes(ds: Dataset | Graph, fmt: str) -> bytes:
    """Serialise a dataset or a graph in one of :data:`FORMATS`, deterministically.

    Formats without named graphs get the union of all graphs. Every format
    but RDF/XML is written by :mod:`beslan_kg.rdf.writers`, as ``build`` writes it.

    Raises:
        ConfigError: ``fmt`` is not one of :data:`FORMATS`.
    """
    from beslan_kg.rdf.writers import JsonLdWriter, NQuadsWriter, TurtleWriter, iter_sorted, iter_union, write_trig

    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}", "is not an export format", f"use one of {', '.join(FORMATS)}")
    out = io.BytesIO()
    if fmt == "trig":
        write_trig(iter_dataset_graphs(ds), out)
        return out.getvalue()
    if fmt == "rdfxml":
        target = _SortedGraph(ds if isinstance(ds, Dataset) else None, ds)
        return target.serialize(format="xml", encoding="utf-8")
    quads = iter_sorted((s, p, o, graph) for graph, triples in iter_dataset_graphs(ds) for s, p, o in triples)
    if fmt == "nquads":
        writer = NQuadsWriter(out)
        for quad in quads:
            writer.write(quad)
        return out.getvalue()
    writer = {"turtle": TurtleWriter, "ntriples": NQuadsWriter}.get(fmt)
    writer = writer(out) if writer else JsonLdWriter(out, jsonld_context())
    for triple in iter_union(quads):
        writer.write((*triple, "") if fmt == "ntriples" else triple)
    if hasattr(writer, "close"):
        writer.close()
    return out.getvalue()


def iter_dataset_graphs(ds: Dataset | Graph) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """Yield an rdflib dataset's non-empty graphs as ``(graph term, sorted triples)`` of N-Triples terms.

    The default graph (``""``) first, then the named graphs by IRI. A lone
    graph is a dataset's default graph: its own identifier (often a random
    blank node) never becomes a graph name.
    """
    if not isinstance(ds, Dataset):
        yield "", sorted({(term_of(s), term_of(p), term_of(o)) for s, p, o in ds})
        return
    for graph in _graphs_in_order(ds):
        name = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else term_of(graph.identifier)
        yield name, sorted({(term_of(s), term_of(p), term_of(o)) for s, p, o in graph})


def term_of(node) -> str:
    """Return the N-Triples term of an rdflib node."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, BNode):
        return f"_:{node}"
    if node.language:
        return literal(str(node), lang=node.language)
    return literal(str(node), datatype=str(node.datatype) if node.datatype else None)


def iter_graph_payloads(ds: Dataset, fmt: str = "ntriples") -> Iterator[GraphPayload]:
    """Yield each graph of the dataset serialised on its own: the default graph first, then by IRI.

    Args:
        ds: The dataset.
        fmt: A format of :data:`FORMATS` without named graphs.

    Raises:
        ConfigError: ``fmt`` is not a triple format.
    """
    if fmt not in FORMATS or FORMATS[fmt][2]:
        triple_formats = ", ".join(name for name, (_, _, quads) in FORMATS.items() if not quads)
        raise ConfigError(f"format {fmt!r}", "is not a format of one graph", f"use one of {triple_formats}")
    for graph in _graphs_in_order(ds):
        name = None if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
        plain = Graph(store=graph.store, identifier=graph.identifier, namespace_manager=ds.namespace_manager)
        yield GraphPayload(name, len(graph), to_bytes(plain, fmt), MEDIA_TYPES[fmt])


def file_to_bytes(path: str | Path, fmt: str, *, store: str = "default") -> bytes:
    """Load a graph file and serialise it in one of :data:`FORMATS`.

    Raises:
        InputError: The file is missing, of an unknown type, or malformed.
        ConfigError: The format or the store is unknown.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}", "is not an export format", f"use one of {', '.join(FORMATS)}")
    return to_bytes(load_dataset(path, store=store), fmt)


def load_dataset(path: str | Path, *, store: str = "default") -> Dataset:
    """Load a graph file into a dataset whose default graph is the union of all.

    Raises:
        InputError: The file is missing, of an unknown type, or malformed.
        ConfigError: The store is not installed.
    """
    path = Path(path)
    check_store(store)
    if not path.is_file():
        raise InputError(str(path), "no such graph file", "run `beslan-kg build` first or pass --graph FILE")
    fmt = _PARSERS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown graph format {path.suffix!r}", f"use one of {', '.join(sorted(_PARSERS))}")
    if fmt == "json-ld":
        refuse_remote_contexts(path)
    ds = Dataset(store=store, default_union=True)
    try:
        ds.parse(path, format=fmt)
    except Exception as err:  # rdflib's parsers raise many unrelated types
        raise InputError(str(path), f"is not valid {fmt}: {str(err).splitlines()[0][:200]}", "rebuild it") from None
    return ds


def refuse_remote_contexts(path: Path) -> None:
    """Refuse a JSON-LD file whose context is a URL: rdflib would fetch it while parsing.

    Raises:
        InputError: The file is not JSON, or gives a context by URL.
    """
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise InputError(str(path), f"is not valid JSON: {str(err).splitlines()[0][:200]}", "rebuild it") from None
    remote = next(_iter_remote_contexts(doc), None)
    if remote is not None:
        raise InputError(str(path), f"refers to a remote JSON-LD context ({remote[:200]}), which beslan-kg does not fetch",
                         "embed the context in the file (beslan-kg export --format jsonld does)")


def _iter_remote_contexts(node) -> Iterator[str]:
    """Yield every context (or ``@import``) given by reference rather than inline, anywhere in a JSON-LD document."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    yield from (item for item in (value if isinstance(value, list) else [value]) if isinstance(item, str))
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def check_store(store: str) -> None:
    """Refuse an rdflib store that would not give the same graph as the default one.

    Raises:
        ConfigError: ``store`` is not one of :data:`STORES`.
    """
    if store not in STORES:
        raise ConfigError(f"store {store!r}", "is not offered: only rdflib's memory stores keep every literal as built "
                          "(Oxigraph's turns xsd:nonNegativeInteger into xsd:integer)", f"use one of {', '.join(STORES)}")


class _SortedGraph(Graph):
    """A read-only view of a graph (or of a dataset's union) that answers every pattern in a fixed order.

    The RDF/XML and JSON-LD serialisers write subjects in the order the store
    yields them; sorting here makes that order the same in every run.
    """

    def __init__(self, ds: Dataset | None, graph: Graph) -> None:
        super().__init__(namespace_manager=graph.namespace_manager)
        self._source = union_graph(ds) if ds is not None else graph

    def triples(self, triple, *args, **kwargs):  # noqa: D102 - see Graph.triples
        yield from sorted(self._source.triples(triple), key=_triple_key)

    def __len__(self) -> int:
        return len(self._source)


def _triple_key(triple) -> tuple[str, ...]:
    # n3() is unique per term, unlike str() (a literal and an IRI can share text).
    return tuple(term.n3() for term in triple)


def _graphs_in_order(ds: Dataset) -> list[Graph]:
    """The dataset's non-empty graphs: the default graph first, then the named ones by IRI."""
    graphs = {g.identifier: g for g in ds.graphs() if len(g)}
    return sorted(graphs.values(), key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)))


