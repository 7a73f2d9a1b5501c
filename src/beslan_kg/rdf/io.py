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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager, split_uri
from rdflib.plugins.serializers.trig import TrigSerializer

from beslan_kg.errors import ConfigError, InputError
from beslan_kg.paths import ontology_dir

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


def union_graph(ds: Dataset) -> Graph:
    """Return every triple of the dataset in one graph, prefixes kept."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def to_bytes(ds: Dataset | Graph, fmt: str) -> bytes:
    """Serialise a dataset or a graph in one of :data:`FORMATS`, deterministically.

    Formats without named graphs get the union of all graphs.

    Raises:
        ConfigError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}", "is not an export format", f"use one of {', '.join(FORMATS)}")
    serializer, _, quads = FORMATS[fmt]
    if quads and not isinstance(ds, Dataset):
        # A lone graph is a dataset's default graph: its own identifier (often a random
        # blank node) must not become a graph name, nor change the bytes between runs.
        ds = _dataset_of(ds)
    if quads:
        if fmt == "trig":
            return _trig(ds)
        return _sorted_lines(ds.serialize(format=serializer, encoding="utf-8"))
    target = _SortedGraph(ds if isinstance(ds, Dataset) else None, ds)
    target.namespace_manager = _QNames(ds.namespace_manager)
    if fmt == "jsonld":
        return _jsonld(target)
    if fmt == "ntriples":
        return _sorted_lines(target.serialize(format="nt", encoding="utf-8"))
    return target.serialize(format=serializer, encoding="utf-8")


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


def _dataset_of(graph: Graph) -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns, override=True, replace=True)
    for triple in graph:
        ds.add(triple)
    return ds


def _graphs_in_order(ds: Dataset) -> list[Graph]:
    """The dataset's non-empty graphs: the default graph first, then the named ones by IRI."""
    graphs = {g.identifier: g for g in ds.graphs() if len(g)}
    return sorted(graphs.values(), key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)))


def _trig(ds: Dataset) -> bytes:
    names = ds.namespace_manager
    qnames = _QNames(names)
    serializer = TrigSerializer(ds)
    # The serializer writes graphs in the order of the store's set of contexts.
    serializer.contexts = _graphs_in_order(ds)
    for graph in serializer.contexts:
        graph.namespace_manager = qnames
    ds.namespace_manager = qnames
    try:
        out = io.BytesIO()
        serializer.serialize(out, encoding="utf-8")
    finally:
        ds.namespace_manager = names
    return out.getvalue()


class _QNames(NamespaceManager):
    """rdflib's choice of prefixed names for the Turtle and TriG serialisers, in time linear in the graph.

    rdflib files the namespace of every IRI it is asked about in a trie and
    scans a node's children at each insertion; span IRIs ("…#char=120,131")
    each make a namespace of their own, so a large graph took time in the
    square of its spans. Here only the bound namespaces are looked at, which
    gives the same names: an IRI is ``prefix:local`` when the longest bound
    namespace it starts with is at least where rdflib splits it.
    """

    def __init__(self, source: NamespaceManager) -> None:
        super().__init__(Graph(), bind_namespaces="none")
        for prefix, namespace in source.namespaces():
            self.bind(prefix, namespace, override=True, replace=True)
        self._bound = {str(namespace): prefix for prefix, namespace in self.namespaces()}
        self._found: dict[str, tuple[str, URIRef, str] | None] = {}

    def compute_qname(self, uri: str, generate: bool = True) -> tuple[str, URIRef, str]:  # noqa: D102 - see NamespaceManager
        if uri not in self._found:
            self._found[uri] = self._bound_qname(uri)
        found = self._found[uri]
        if found is None:
            if not generate:
                raise KeyError(f"no bound namespace for {uri}")
            # rdflib makes up a prefix (ns1, ns2...) for a predicate of no bound namespace.
            return super().compute_qname(uri, generate)
        return found

    def _bound_qname(self, uri: str) -> tuple[str, URIRef, str] | None:
        try:
            namespace, name = split_uri(uri)
        except ValueError:
            namespace, name = uri, ""
        longer = [ns for ns in self._bound if ns.startswith(namespace) and uri.startswith(ns)]
        if longer:
            namespace = max(longer, key=len)
            name = uri[len(namespace):]
        prefix = self._bound.get(namespace)
        return (prefix, URIRef(namespace), name) if prefix is not None else None


def _sorted_lines(data: bytes) -> bytes:
    # N-Triples and N-Quads are one statement a line (newlines in literals are escaped).
    # rdflib writes a default-graph quad with two spaces before its dot; one is canonical
    # (no term ends in a space or a dot, so stripping them only trims the terminator).
    lines = sorted({line.rstrip(b" .") + b" ." for line in data.splitlines() if line.strip()})
    return b"".join(line + b"\n" for line in lines)


def _jsonld(graph: Graph) -> bytes:
    """Compact JSON-LD with the project's context embedded, so the file parses offline.

    The nodes are always a list under ``@graph``, sorted by ``@id``.
    """
    text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    doc = json.loads(text)
    if "@graph" not in doc:
        # rdflib writes a graph of one node as that node; keep one shape: nodes under @graph.
        node = {key: value for key, value in doc.items() if key != "@context"}
        doc = {"@context": doc.get("@context", jsonld_context()), "@graph": [node] if node else []}
    doc["@graph"] = sorted(doc["@graph"], key=lambda node: node.get("@id", ""))
    return (json.dumps(_sort_values(doc), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _sort_values(node):
    """Sort JSON-LD value arrays: they are sets (the context declares no @list), so order carries no meaning."""
    if isinstance(node, dict):
        return {key: (value if key in ("@list", "@context") else _sort_values(value)) for key, value in node.items()}
    if isinstance(node, list):
        return sorted((_sort_values(item) for item in node), key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node
