"""Serialise and load graphs: the export API.

Serialisers and stores are chosen by name (rdflib plugin names), so a faster
store such as oxrdflib's ``"Oxigraph"`` is a configuration change.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugin import PluginException

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
_PARSERS = {".ttl": "turtle", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".nq": "nquads", ".rdf": "xml", ".owl": "xml"}


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


def to_bytes(ds: Dataset, fmt: str) -> bytes:
    """Serialise the dataset in one of :data:`FORMATS`.

    Formats without named graphs get the union of all graphs.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}", "is not an export format", f"use one of {', '.join(FORMATS)}")
    serializer, _, quads = FORMATS[fmt]
    target = ds if quads else union_graph(ds)
    if serializer == "json-ld":
        data = target.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, sort_keys=True, indent=2)
    else:
        data = target.serialize(format=serializer)
    return data.encode("utf-8") if isinstance(data, str) else data


def load_dataset(path: str | Path, *, store: str = "default") -> Dataset:
    """Load a graph file into a dataset whose default graph is the union of all.

    Raises:
        InputError: The file is missing, of an unknown type, or malformed.
        ConfigError: The store is not installed.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such graph file", "run `beslan-kg build` first or pass --graph FILE")
    fmt = _PARSERS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown graph format {path.suffix!r}", f"use one of {', '.join(sorted(_PARSERS))}")
    try:
        ds = Dataset(store=store, default_union=True)
    except PluginException:
        raise ConfigError(f"store {store!r}", "is not an installed rdflib store", "install its plugin, e.g. oxrdflib") from None
    try:
        ds.parse(path, format=fmt)
    except Exception as err:  # rdflib's parsers raise many unrelated types
        raise InputError(str(path), f"is not valid {fmt}: {str(err).splitlines()[0][:200]}", "rebuild it") from None
    return ds
