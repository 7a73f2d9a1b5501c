"""The SPARQL 1.1 Service Description of ``beslan-kg serve``'s endpoint.

A client that dereferences the endpoint without a query gets, in RDF, what
the endpoint is (https://www.w3.org/TR/sparql11-service-description/): the
language it answers, the formats it answers in, its features, and the
dataset a query runs against (the default graph, the union of all graphs,
and each article's named graph, with their sizes).

The server describes the dataset once, when it loads the graph
(:func:`describe_dataset`, plain values), and writes the description for each
request (:func:`to_service_description`), because the endpoint's IRI is the
one the client used to reach it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import VOID, XSD

from beslan_kg.errors import ConfigError
from beslan_kg.rdf.io import to_bytes
from beslan_kg.rdf.namespaces import FORMATS, SD

#: Answer format names (those of :func:`beslan_kg.rdf.query.to_text`) -> W3C format IRI.
RESULT_FORMAT_IRIS = {
    "json": FORMATS.SPARQL_Results_JSON,
    "xml": FORMATS.SPARQL_Results_XML,
    "csv": FORMATS.SPARQL_Results_CSV,
    "tsv": FORMATS.SPARQL_Results_TSV,
    "turtle": FORMATS.Turtle,
    "jsonld": FORMATS.JSON_LD,
    "ntriples": FORMATS.N_Triples,
    "rdfxml": FORMATS.RDF_XML,
}
#: Feature names -> the Service Description's features.
FEATURE_IRIS = {
    "UnionDefaultGraph": SD.UnionDefaultGraph,
    "DereferencesURIs": SD.DereferencesURIs,
    "RequiresDataset": SD.RequiresDataset,
    "EmptyGraphs": SD.EmptyGraphs,
    "BasicFederatedQuery": SD.BasicFederatedQuery,
}
#: Formats the description itself is written in: Turtle by rdflib (its nested
#: ``[ ]`` read best), the others as ``export`` writes them, sorted. (JSON-LD is
#: left out: ``export`` embeds the project's whole context in it.)
DESCRIPTION_FORMATS = ("turtle", "ntriples", "rdfxml")


@dataclass(frozen=True)
class DatasetSizes:
    """What a Service Description says of a dataset: its graphs and their sizes.

    Attributes:
        triples: Triples of the default graph (the union of all graphs).
        named_graphs: ``(graph IRI, triples)`` of each named graph, by IRI.
    """

    triples: int
    named_graphs: tuple[tuple[str, int], ...]


def describe_dataset(ds: Dataset) -> DatasetSizes:
    """Count the triples of a dataset loaded with a union default graph, and of each named graph."""
    named = sorted((str(g.identifier), len(g)) for g in ds.graphs()
                   if g.identifier != DATASET_DEFAULT_GRAPH_ID and isinstance(g.identifier, URIRef) and len(g))
    return DatasetSizes(len(ds), tuple(named))


def to_service_description(
    sizes: DatasetSizes,
    *,
    endpoint: str,
    result_formats: Iterable[str],
    features: Iterable[str] = (),
    fmt: str = "turtle",
) -> str:
    """Write the Service Description of a read-only SPARQL 1.1 Query endpoint.

    Args:
        sizes: The dataset's graphs (:func:`describe_dataset`).
        endpoint: The endpoint's absolute URL.
        result_formats: Names of the formats it answers in (keys of :data:`RESULT_FORMAT_IRIS`).
        features: Names of the features it has (keys of :data:`FEATURE_IRIS`).
        fmt: One of :data:`DESCRIPTION_FORMATS`.

    Returns:
        The description, as text.

    Raises:
        ConfigError: A format or feature name is unknown.
    """
    for kind, names, known in (("format", [*result_formats, fmt], RESULT_FORMAT_IRIS), ("feature", features, FEATURE_IRIS)):
        unknown = sorted(set(names) - set(known))
        if unknown:
            raise ConfigError(f"{kind} {unknown[0]!r}", "is not one a Service Description can name", f"use one of {', '.join(known)}")
    if fmt not in DESCRIPTION_FORMATS:
        raise ConfigError(f"format {fmt!r}", "is not a format of RDF graphs", f"use one of {', '.join(DESCRIPTION_FORMATS)}")
    g = Graph()
    g.bind("sd", SD._NS)
    g.bind("formats", FORMATS._NS)
    g.bind("void", VOID)
    service, dataset, default = BNode("service"), BNode("dataset"), BNode("defaultGraph")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in dict.fromkeys(result_formats):
        g.add((service, SD.resultFormat, RESULT_FORMAT_IRIS[name]))
    for name in dict.fromkeys(features):
        g.add((service, SD.feature, FEATURE_IRIS[name]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(sizes.triples, datatype=XSD.integer)))
    for index, (name, triples) in enumerate(sizes.named_graphs):
        named, graph = BNode(f"named{index}"), BNode(f"graph{index}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, Literal(triples, datatype=XSD.integer)))
    if fmt == "turtle":
        return g.serialize(format="turtle")
    return to_bytes(g, fmt).decode("utf-8")
