"""The ontology's documentation as one HTML page, made with pyLODE.

The page is generated from ``ontology/beslan-kg.ttl`` (never written by hand)
and works offline: pyLODE inlines its stylesheet and its icons are data URIs,
so the page loads nothing from the network (a test checks it). Links to the
IRIs of terms stay links.

pyLODE writes every label of a term into its heading ("located insituado
en"), so it is given a copy of the ontology headed in English, in which each
term's Spanish label becomes a note; the comments keep both languages.
pyLODE 3.2.1 has no section for individuals, so each measure and qualifier of
figures is described in a note of its class (bkg:Measure, bkg:Qualifier).
"""

from __future__ import annotations

import logging
import os
import re
from functools import cache
from pathlib import Path

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph, Literal

from beslan_kg.files import write_atomic
from beslan_kg.rdf.ontology import load_ontology

# Properties pyLODE takes a term's heading from.
_TITLES = (RDFS.label, DCTERMS.title, SKOS.prefLabel)
# A class in a union ("Person or Organization or Country"): pyLODE collects
# them in a set, so their order changes from run to run.
_UNION_ITEM = r'<span>\s*<a href="[^"]*">[^<]*</a>\s*<sup [^>]*>[^<]*</sup>\s*</span>'
_UNION = re.compile(rf'{_UNION_ITEM}(?:\s*<span class="cardinality">(?:or|and)</span>\s*{_UNION_ITEM})+')
_UNION_PARTS = re.compile(rf'({_UNION_ITEM})|(\s*<span class="cardinality">(?:or|and)</span>\s*)')


def to_ontology_html() -> str:
    """Return the documentation of the ontology as one self-contained HTML page.

    Raises:
        ConfigError: The ontology cannot be read.
    """
    ontpub = _ontpub_class()
    html = ontpub(_english_headed(load_ontology()), sort_subjects=True).make_html()
    return _UNION.sub(_sorted_union, html)


def write_ontology_html(out: str | os.PathLike) -> Path:
    """Write the ontology's documentation to ``out``, atomically.

    Raises:
        ConfigError: The ontology cannot be read.
    """
    return write_atomic(out, to_ontology_html().encode("utf-8"))


@cache
def _ontpub_class():
    """Import pyLODE's OntPub, undoing the logging setup the import makes.

    pyLODE 3.2.1 calls ``logging.basicConfig(level=DEBUG)`` when it is imported,
    which would print every library's debug log on stderr.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)
    return OntPub


def _english_headed(ontology: Graph) -> Graph:
    """Copy the ontology with one English title per term, the Spanish label as a note, and individuals as notes of their classes."""
    g = Graph()
    for prefix, ns in ontology.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o in ontology:
        if p in _TITLES and isinstance(o, Literal) and o.language == "es":
            if p == RDFS.label:
                g.add((s, SKOS.note, Literal(f"Spanish: {o}", lang="en")))
            continue
        g.add((s, p, o))
    for individual in ontology.subjects(RDF.type, OWL.NamedIndividual):
        label, comment = (_english(ontology, individual, p) for p in (RDFS.label, RDFS.comment))
        for cls in ontology.objects(individual, RDF.type):
            if (cls, RDF.type, OWL.Class) in ontology and cls != SKOS.Concept:
                name = ontology.namespace_manager.normalizeUri(individual)
                g.add((cls, SKOS.note, Literal(f"{name} ({label}): {comment}", lang="en")))
    return g


def _english(ontology: Graph, term, prop) -> str:
    return next((str(o) for o in sorted(ontology.objects(term, prop)) if isinstance(o, Literal) and o.language == "en"), "")


def _sorted_union(match: re.Match) -> str:
    items, separator = [], None
    for part in _UNION_PARTS.finditer(match.group(0)):
        if part.group(1):
            items.append(part.group(1))
        elif separator is None:
            separator = part.group(2)
    return separator.join(sorted(items))
