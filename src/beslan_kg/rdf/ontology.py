"""Read the project ontology (``ontology/beslan-kg.ttl``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from rdflib import RDFS, Graph, Literal, URIRef

from beslan_kg.errors import ConfigError
from beslan_kg.paths import ontology_dir
from beslan_kg.rdf.namespaces import BKG


@cache
def load_ontology() -> Graph:
    """Parse the ontology once per process.

    Raises:
        ConfigError: The file is missing or is not valid Turtle.
    """
    path = ontology_dir() / "beslan-kg.ttl"
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        raise ConfigError(str(path), f"cannot read the ontology: {err}", "restore ontology/beslan-kg.ttl") from None


@cache
def term_labels(local_name: str) -> Mapping[str, str]:
    """Return ``{language: label}`` of an ontology term, by its local name."""
    return iri_labels(str(BKG._NS[local_name]))


@cache
def iri_labels(iri: str) -> Mapping[str, str]:
    """Return ``{language: label}`` of any term the ontology labels, by its full IRI.

    The ontology labels the schema.org terms the graph uses too
    (``schema:superEvent``, ``schema:Person``...), so this is the one place
    every name of a class, property, measure or qualifier comes from.
    """
    labels = {}
    for label in sorted(load_ontology().objects(URIRef(iri), RDFS.label)):
        if isinstance(label, Literal) and label.language:
            labels.setdefault(label.language, str(label))
    return labels
