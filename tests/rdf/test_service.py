"""The Service Description: parsed back by rdflib, it says what it was given, in every format alike."""

from __future__ import annotations

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import VOID

from beslan_kg.errors import ConfigError
from beslan_kg.rdf.namespaces import FORMATS, SD
from beslan_kg.rdf.service import (
    DESCRIPTION_FORMATS,
    RESULT_FORMAT_IRIS,
    DatasetSizes,
    describe_dataset,
    to_service_description,
)

ENDPOINT = "http://127.0.0.1:7878/sparql"
SIZES = DatasetSizes(9, (("https://kg.example/graph/a", 3), ("https://kg.example/graph/b", 5)))
PARSERS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}


def describe(fmt: str = "turtle", **options) -> Graph:
    options = {"endpoint": ENDPOINT, "result_formats": ["json", "csv", "turtle"], "features": ["UnionDefaultGraph"]} | options
    return Graph().parse(data=to_service_description(SIZES, fmt=fmt, **options), format=PARSERS[fmt])


def test_the_service_names_its_endpoint_language_formats_and_features():
    g = describe()
    service = g.value(predicate=RDF.type, object=SD.Service)
    assert g.value(service, SD.endpoint) == URIRef(ENDPOINT)
    assert set(g.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert set(g.objects(service, SD.resultFormat)) == {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_CSV, FORMATS.Turtle}
    assert set(g.objects(service, SD.feature)) == {SD.UnionDefaultGraph}


def test_the_default_dataset_has_the_union_and_each_named_graph_with_its_size():
    g = describe()
    dataset = g.value(g.value(predicate=RDF.type, object=SD.Service), SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in g
    default = g.value(dataset, SD.defaultGraph)
    assert g.value(default, VOID.triples) == Literal(SIZES.triples)
    named = {g.value(n, SD.name): g.value(g.value(n, SD.graph), VOID.triples) for n in g.objects(dataset, SD.namedGraph)}
    assert named == {URIRef(name): Literal(size) for name, size in SIZES.named_graphs}
    assert all((n, RDF.type, SD.NamedGraph) in g for n in g.objects(dataset, SD.namedGraph))


@pytest.mark.parametrize("fmt", [f for f in DESCRIPTION_FORMATS if f != "turtle"])
def test_every_format_says_the_same(fmt):
    assert isomorphic(describe(fmt), describe())


def test_the_same_input_gives_the_same_text():
    options = {"endpoint": ENDPOINT, "result_formats": list(RESULT_FORMAT_IRIS)}
    for fmt in DESCRIPTION_FORMATS:
        assert to_service_description(SIZES, fmt=fmt, **options) == to_service_description(SIZES, fmt=fmt, **options)


@pytest.mark.parametrize("options", [{"result_formats": ["yaml"]}, {"features": ["TimeTravel"]}, {"fmt": "jsonld"}])
def test_an_unknown_name_is_refused(options):
    with pytest.raises(ConfigError):
        to_service_description(SIZES, **({"endpoint": ENDPOINT, "result_formats": ["json"]} | options))


def test_describe_dataset_counts_the_union_and_the_named_graphs():
    ds = Dataset(default_union=True)
    a, b = URIRef("https://kg.example/graph/a"), URIRef("https://kg.example/graph/b")
    shared = (URIRef("https://kg.example/x"), RDF.type, URIRef("https://kg.example/T"))
    ds.graph(a).add(shared)
    ds.graph(b).add(shared)
    ds.graph(b).add((URIRef("https://kg.example/y"), RDF.type, URIRef("https://kg.example/T")))
    ds.add((URIRef("https://kg.example/z"), RDF.type, URIRef("https://kg.example/T")))
    ds.graph(URIRef("https://kg.example/graph/empty"))
    # The union holds the shared triple once; an empty graph is not described.
    assert describe_dataset(ds) == DatasetSizes(3, ((str(a), 1), (str(b), 2)))
