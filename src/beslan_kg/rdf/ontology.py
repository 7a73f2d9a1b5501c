"""Read the project ontology (``ontology/beslan-kg.ttl``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import yaml
from rdflib import RDFS, Graph, Literal

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
    labels = {}
    for label in load_ontology().objects(BKG._NS[local_name], RDFS.label):
        if isinstance(label, Literal) and label.language:
            labels[label.language] = str(label)
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
