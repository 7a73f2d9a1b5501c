"""Read the project ontology (``ontology/beslan-kg.ttl``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from beslan_kg.errors import ConfigError
from beslan_kg.paths import ontology_dir
from beslan_kg.rdf.namespaces import BKG, parse_ontology


def load_ontology() -> Graph:
    """Return the ontology, parsed once per process (:func:`beslan_kg.rdf.namespaces.parse_ontology`).

    Raises:
        ConfigError: The file is missing or is not valid Turtle.
    """
    path = ontology_dir() / "beslan-kg.ttl"
    try:
        return parse_ontology()
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


@cache
def event_label_rules() -> Mapping[str, Any]:
    """Return how unnamed events are labelled, per language (``ontology/event_labels.yaml``).

    Raises:
        ConfigError: The file is missing or is not valid YAML.
    """
    path = ontology_dir() / "event_labels.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(str(path), f"cannot read the event labels: {err}", "restore ontology/event_labels.yaml") from None


@cache
def class_ancestors() -> Mapping[str, frozenset[str]]:
    """Return each bkg class's local name with the local names of it and every bkg class above it.

    ``class_ancestors()["Bombing"]`` holds ``Bombing``, ``Attack``,
    ``ArmedViolence`` and ``Event``: the taxonomy of the ontology, as plain
    strings for the extractors.
    """
    graph = load_ontology()
    ns = str(BKG._NS)
    result = {}
    for cls in graph.subjects(RDFS.subClassOf, None):
        if str(cls).startswith(ns):
            result[str(cls)[len(ns):]] = frozenset(
                str(c)[len(ns):] for c in graph.transitive_objects(cls, RDFS.subClassOf) if str(c).startswith(ns)
            )
    return result


@dataclass(frozen=True)
class OntologyTerms:
    """What the ontology declares, as plain strings, for checks made before RDF is built.

    Attributes:
        class_kinds: Local name of each ``bkg:`` class -> the schema.org kinds
            (``Person``, ``Place``...) it is a subclass of, directly or not.
        labelled: Local names of the ``bkg:`` terms that have labels.
        properties: Local names of the ``bkg:`` object properties.
        measures: Local names of the ``bkg:Measure`` individuals.
        qualifiers: Local names of the ``bkg:Qualifier`` individuals.
    """

    class_kinds: Mapping[str, frozenset[str]]
    labelled: frozenset[str]
    properties: frozenset[str]
    measures: frozenset[str]
    qualifiers: frozenset[str]


@cache
def ontology_terms() -> OntologyTerms:
    """Return the ontology's classes, properties, measures and qualifiers by local name, once per process.

    Raises:
        ConfigError: The ontology cannot be read.
    """
    g = load_ontology()
    ns, schema = str(BKG._NS), "https://schema.org/"

    def local(term) -> str | None:
        return str(term)[len(ns):] if isinstance(term, URIRef) and str(term).startswith(ns) else None

    kinds = {}
    for cls in set(g.subjects(RDF.type, OWL.Class)):
        name = local(cls)
        if name is not None:
            supers = g.transitive_objects(cls, RDFS.subClassOf)
            kinds[name] = frozenset(str(s)[len(schema):] for s in supers if str(s).startswith(schema))
    labelled = frozenset(n for s in g.subjects(RDFS.label, None) if (n := local(s)) is not None)
    return OntologyTerms(
        class_kinds=kinds,
        labelled=labelled,
        properties=frozenset(n for s in g.subjects(RDF.type, OWL.ObjectProperty) if (n := local(s)) is not None),
        measures=frozenset(n for s in g.subjects(RDF.type, BKG._NS["Measure"]) if (n := local(s)) is not None),
        qualifiers=frozenset(n for s in g.subjects(RDF.type, BKG._NS["Qualifier"]) if (n := local(s)) is not None),
    )
