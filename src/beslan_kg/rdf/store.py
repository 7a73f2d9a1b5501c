"""Graphs loaded into Oxigraph for querying: the store behind ``query`` and ``serve``.

rdflib is the model graphs are built in; queries run on pyoxigraph, whose
engine is compiled and answers in milliseconds what rdflib's pure-Python engine
took minutes for on a million triples. A :class:`GraphStore` holds a graph
file's graphs as they are (``GRAPH ?g`` reaches each article's graph) and, in
its default graph, the union of all of them with each triple once, so that a
query's default graph means what it meant with rdflib's ``default_union``: a
set. (Oxigraph's own union default graph repeats a triple once per graph that
holds it, and leaves out the file's default graph.)

A large file is loaded once into an on-disk store kept in the cache
(:func:`beslan_kg.cache.default_cache_dir`, ``stores/``), keyed by the file's content:
the next ``query`` of the same file opens it read-only at once, and ``serve``
hands a snapshot of it to each of its workers. The cache keeps the stores of
the :data:`CACHE_KEEP` files used last.

Oxigraph stores numbers by value: an ``xsd:nonNegativeInteger`` (the NIF
offsets) comes back as the ``xsd:integer`` of the same value, and a lexical
form that is not canonical (``"01"``) as the canonical one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from beslan_kg.cache import default_cache_dir
from beslan_kg.errors import InputError

#: File suffix -> Oxigraph format: the graph files :func:`beslan_kg.rdf.io.load_dataset` reads.
FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
#: Files at least this large are loaded through the on-disk cache by :func:`load_store`;
#: smaller ones load in memory faster than the cache would open (about 70,000 triples of TriG).
CACHE_MIN_BYTES = 4_000_000
#: Stores the cache keeps: those of the files used last.
CACHE_KEEP = 3
# Bumped when what a store holds or its info file changes: older entries are not used.
_VERSION = 1
_INFO = "info.json"
_DATA = "oxigraph"
_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class StoreInfo:
    """What a store holds, besides its quads.

    Attributes:
        prefixes: ``(prefix, namespace)`` pairs, in the order rdflib would bind
            them on loading the file: answers show IRIs with the first that fits.
        graphs: The IRIs (or ``_:`` labels) of the named graphs.
        triples: Distinct triples of the union of all graphs.
    """

    prefixes: tuple[tuple[str, str], ...]
    graphs: tuple[str, ...]
    triples: int


class GraphStore:
    """A graph loaded for querying: an Oxigraph store and what :class:`StoreInfo` says of it.

    Use :func:`load_store` (a graph file), :func:`open_store` (a store on disk)
    or :func:`store_of_dataset` (an rdflib dataset); query it with
    :func:`beslan_kg.rdf.query.run_query`.

    Attributes:
        prefixes: See :class:`StoreInfo`.
        graphs: The named graphs, as a set of IRIs.
        directory: The on-disk store, opened read-only; None when in memory.
    """

    def __init__(self, store: ox.Store, *, prefixes: tuple[tuple[str, str], ...], graphs: frozenset[str],
                 directory: Path | None = None, triples: int | None = None) -> None:
        self._store = store
        self.prefixes = prefixes
        self.graphs = graphs
        self.directory = directory
        if triples is not None:
            self.__dict__["triples"] = triples

    @cached_property
    def triples(self) -> int:
        """Distinct triples of the union of all graphs."""
        return _count(self._store)

    def __len__(self) -> int:
        return self.triples

    def graph_sizes(self) -> tuple[tuple[str, int], ...]:
        """``(graph IRI, triples)`` of each named graph that holds any, by IRI (a pass over the store)."""
        rows = self._store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return tuple(sorted((row["g"].value, int(row["n"].value)) for row in rows if isinstance(row["g"], ox.NamedNode)))

    def info(self) -> StoreInfo:
        """What the store holds, as saved next to an on-disk store."""
        return StoreInfo(self.prefixes, tuple(sorted(self.graphs)), self.triples)


def load_store(path: str | Path, *, cache: bool | None = None, on_load: Callable[[str], None] | None = None) -> GraphStore:
    """Load a graph file for querying.

    Args:
        path: The graph file (``.trig``, ``.ttl``, ``.jsonld``, ``.nt``, ``.nq``, ``.rdf``).
        cache: Load it through the on-disk cache (True), in memory (False), or
            through the cache when it is at least :data:`CACHE_MIN_BYTES` (None).
        on_load: Called with a line to show when the file is about to be
            loaded into a new on-disk store, which takes a while for a large
            file (about 20 s a million triples).

    Raises:
        InputError: The file is missing, of an unknown type, or malformed.
    """
    path = Path(path)
    fmt = graph_format(path)
    if cache is None:
        cache = path.stat().st_size >= CACHE_MIN_BYTES
    if cache:
        return open_store(cached_store(path, on_load=on_load))
    store = ox.Store()
    _fill(store, path, fmt, bulk=False)
    return GraphStore(store, prefixes=file_prefixes(path, fmt), graphs=frozenset(_named_graphs(store)))


def open_store(directory: str | Path) -> GraphStore:
    """Open, read-only, a store :func:`write_store` or :func:`cached_store` made.

    Raises:
        InputError: The folder holds no complete store.
    """
    directory = Path(directory)
    info = _read_info(directory)
    try:
        store = ox.Store.read_only(str(directory / _DATA))
    except OSError as err:
        raise InputError(str(directory), f"holds no query store that can be opened ({err})", "load the graph file again") from None
    return GraphStore(store, prefixes=tuple(tuple(pair) for pair in info["prefixes"]), graphs=frozenset(info["graphs"]),
                      directory=directory, triples=info["triples"])


def _read_info(directory: Path) -> dict:
    try:
        info = json.loads((directory / _INFO).read_text(encoding="utf-8"))
        if info.get("version") != _VERSION:
            raise ValueError(f"version {info.get('version')}")
        missing = [key for key in ("prefixes", "graphs", "triples") if key not in info]
        if missing:
            raise ValueError(f"no {missing[0]}")
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(str(directory), f"holds no query store of this version of beslan-kg ({err})",
                         "load the graph file again") from None
    return info


def read_info(directory: str | Path) -> StoreInfo:
    """What the on-disk store in ``directory`` holds, without opening it.

    Raises:
        InputError: The folder holds no complete store.
    """
    info = _read_info(Path(directory))
    return StoreInfo(tuple(tuple(pair) for pair in info["prefixes"]), tuple(info["graphs"]), info["triples"])


def write_store(path: str | Path, directory: str | Path) -> StoreInfo:
    """Load a graph file into a new on-disk store in ``directory`` (which must not exist).

    Raises:
        InputError: The file is missing, of an unknown type, or malformed.
    """
    path, directory = Path(path), Path(directory)
    fmt = graph_format(path)
    directory.mkdir(parents=True)
    store = ox.Store(str(directory / _DATA))
    try:
        _fill(store, path, fmt, bulk=True)
        info = StoreInfo(file_prefixes(path, fmt), tuple(sorted(_named_graphs(store))), _count(store))
        store.flush()
    finally:
        del store  # closes the database, so that it can be opened read-only
    (directory / _INFO).write_text(json.dumps({"version": _VERSION, "source": str(path), "prefixes": info.prefixes,
                                               "graphs": info.graphs, "triples": info.triples}), encoding="utf-8")
    return info


def cached_store(path: str | Path, *, on_load: Callable[[str], None] | None = None) -> Path:
    """Return the on-disk store of a graph file from the cache, loading it there first if need be.

    The entry is named after the file's content (SHA-256), so a rebuilt file
    gets a new one; an entry appears whole or not at all (loaded beside it,
    then renamed). Entries of other files beyond the :data:`CACHE_KEEP` used
    last are removed.

    Raises:
        InputError: The file is missing, of an unknown type, or malformed.
    """
    path = Path(path)
    entry = _cache_entry(path)
    if _touch(entry):
        return entry
    root = entry.parent
    root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(root)
    if on_load is not None:
        on_load(f"loading {path} into a query store in {root} (once for this file)")
    building = Path(tempfile.mkdtemp(prefix=".loading-", dir=root))
    try:
        write_store(path, building / "store")
        try:
            os.rename(building / "store", entry)
        except OSError:
            if not (entry / _INFO).is_file():  # another process made it meanwhile, or the rename failed
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    _evict(root, keep=entry)
    return entry


def find_cached_store(path: str | Path) -> Path | None:
    """Return the on-disk store of a graph file if the cache holds it already, else None (nothing is loaded).

    Raises:
        InputError: The file is missing or of an unknown type.
    """
    entry = _cache_entry(Path(path))
    return entry if _touch(entry) else None


def _cache_entry(path: Path) -> Path:
    graph_format(path)
    return default_cache_dir() / "stores" / f"{_digest(path)}-v{_VERSION}"


def _touch(entry: Path) -> bool:
    """Whether the cache entry is complete; if so, mark it used now (the cache keeps the stores used last)."""
    if not (entry / _INFO).is_file():
        return False
    try:
        os.utime(entry / _INFO)
    except OSError:
        pass  # a cache on a read-only disk is still read
    return True


def snapshot_store(directory: str | Path, target: str | Path) -> None:
    """Copy an on-disk store to ``target`` (which must not exist), by hard links where the file system allows.

    Oxigraph (RocksDB) never rewrites the files of a store opened read-only,
    so linked files are a snapshot: removing the original, or the cache
    evicting it, leaves the copy whole.
    """
    directory, target = Path(directory), Path(target)

    def link(source: str, destination: str) -> None:
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)

    shutil.copytree(directory, target, copy_function=link)


def store_of_dataset(ds) -> GraphStore:
    """Copy an rdflib dataset (or graph) into an in-memory store, for :func:`beslan_kg.rdf.query.run_query`.

    A dataset with ``default_union`` (as :func:`beslan_kg.rdf.io.load_dataset`
    returns) gets the union of its graphs as default graph; any other its own
    default graph. It takes about as long as rdflib took to load the graph:
    for large graphs, load the file with :func:`load_store` instead.
    """
    from rdflib import BNode, Dataset, Literal, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    blanks: dict[BNode, ox.BlankNode] = {}

    def term(node):
        if isinstance(node, URIRef):
            return ox.NamedNode(node)
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            return ox.Literal(str(node), datatype=ox.NamedNode(node.datatype) if node.datatype else None)
        if isinstance(node, BNode):
            # rdflib's labels need not be valid N-Triples labels: fresh ones, the same within the copy.
            return blanks.setdefault(node, ox.BlankNode())
        raise TypeError(f"not an RDF term: {node!r}")

    def graph_name(identifier):
        if identifier is None or identifier == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        return term(identifier)

    store = ox.Store()
    if isinstance(ds, Dataset):
        store.extend(ox.Quad(term(s), term(p), term(o), graph_name(g)) for s, p, o, g in ds.quads((None, None, None, None)))
        if ds.default_union:
            store.update(_UNION)
    else:
        store.extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in ds)
    prefixes = tuple((prefix, str(ns)) for prefix, ns in ds.namespaces())
    return GraphStore(store, prefixes=prefixes, graphs=frozenset(_named_graphs(store)))


def file_prefixes(path: Path, fmt: ox.RdfFormat | None = None) -> tuple[tuple[str, str], ...]:
    """The prefixes an rdflib dataset has after loading the file, in its order.

    rdflib's defaults, then those the file declares, bound as rdflib's parser
    of that format binds them; read from the declarations rather than by
    parsing the data, which would take rdflib longer than Oxigraph takes to load it.
    """
    from rdflib import Dataset

    fmt = fmt or graph_format(path)
    ds = Dataset(default_union=True)
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        for prefix, namespace in _turtle_prefixes(path):
            ds.bind(prefix, namespace)
    elif fmt == ox.RdfFormat.JSON_LD:
        _bind_jsonld_context(ds, path)
    elif fmt == ox.RdfFormat.RDF_XML:
        for prefix, namespace in re.findall(r"""\bxmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']""", _text(path)):
            ds.bind(prefix, namespace, override=False)
    return tuple((prefix, str(ns)) for prefix, ns in ds.namespaces())


def _turtle_prefixes(path: Path) -> Iterator[tuple[str, str]]:
    # rdflib's Turtle and TriG parsers bind each prefix once, with its last IRI, in the order first declared.
    declared: dict[str, str] = {}
    for at, prefix, namespace in re.findall(r"^[ \t]*(@prefix|(?i:prefix))[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^>]*)>",
                                            _text(path), re.M):
        declared[prefix] = namespace
    yield from declared.items()


def _bind_jsonld_context(ds, path: Path) -> None:
    from rdflib.plugins.shared.jsonld.context import Context
    from rdflib.plugins.shared.jsonld.util import VOCAB_DELIMS

    try:
        doc = json.loads(_text(path))
    except ValueError:
        return
    context = Context(base=path.absolute().as_uri())
    if isinstance(doc, dict) and doc.get("@context"):
        context.load(doc["@context"], context.base)
    # As rdflib's JSON-LD parser binds them.
    if context.vocab:
        ds.bind(None, context.vocab)
    for name, term in context.terms.items():
        if term.id and term.id.endswith(VOCAB_DELIMS):
            ds.bind(name, term.id)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def graph_format(path: Path) -> ox.RdfFormat:
    """The Oxigraph format of a graph file, from its suffix.

    Raises:
        InputError: The file is missing or of an unknown type.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such graph file", "run `beslan-kg build` first or pass --graph FILE")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown graph format {path.suffix!r}", f"use one of {', '.join(sorted(FORMATS))}")
    return fmt


def _fill(store: ox.Store, path: Path, fmt: ox.RdfFormat, *, bulk: bool) -> None:
    """Load the file's graphs as they are, then the union of all into the default graph."""
    if fmt == ox.RdfFormat.JSON_LD:
        from beslan_kg.rdf.io import refuse_remote_contexts

        refuse_remote_contexts(path)
    base = path.absolute().as_uri()  # relative IRIs resolve against the file, as rdflib resolves them
    try:
        if bulk:
            store.bulk_load(path=str(path), format=fmt, base_iri=base)
        else:
            store.load(path=str(path), format=fmt, base_iri=base)
        if next(iter(store.named_graphs()), None) is None:
            return
        if bulk:
            # The bulk loader writes sorted files, where an update would write a million
            # small transactions: the named graphs' triples, read again from the file.
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt, base_iri=base)
                              if not isinstance(q.graph_name, ox.DefaultGraph))
        else:
            store.update(_UNION)
    except (SyntaxError, ValueError) as err:
        raise InputError(str(path), f"is not valid {fmt.name}: {str(err).splitlines()[0][:200]}", "rebuild it") from None
    except OSError as err:
        raise InputError(str(path), f"cannot be read: {err.strerror or err}", "check the file") from None


def _named_graphs(store: ox.Store) -> Iterator[str]:
    for graph in store.named_graphs():
        yield graph.value if isinstance(graph, ox.NamedNode) else f"_:{graph.value}"


def _count(store: ox.Store) -> int:
    return int(next(iter(store.query(_COUNT)))[0].value)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:40]


def _remove_abandoned(root: Path, age: float = 3600) -> None:
    """Remove what loads killed midway left (``.loading-*`` folders older than ``age`` seconds)."""
    for stale in root.glob(".loading-*"):
        try:
            if time.time() - stale.stat().st_mtime > age:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass


def _evict(root: Path, *, keep: Path) -> None:
    entries = []
    for entry in root.iterdir():
        if entry.name.startswith(".") or entry == keep:
            continue
        try:
            entries.append(((entry / _INFO).stat().st_mtime, entry))
        except OSError:
            entries.append((0.0, entry))  # incomplete or of another version
    for _, entry in sorted(entries, reverse=True)[CACHE_KEEP - 1:]:
        shutil.rmtree(entry, ignore_errors=True)
