"""The closed BKG namespace and the ontology in ontology/ agree, term for term."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from conftest import ROOT

from beslan_kg.rdf.namespaces import BKG

ONTOLOGY = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
NS = str(BKG._NS)
DECLARED = {s for s in ONTOLOGY.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(NS)}
ALIGNMENT_TARGETS = ("https://schema.org/", "http://www.wikidata.org/prop/direct/")


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        BKG.notATerm  # noqa: B018


def test_every_python_term_is_declared_in_the_ontology_and_back():
    python_terms = {BKG._NS[name] for name in BKG.__annotations__}
    assert python_terms == DECLARED


@pytest.mark.parametrize("term", sorted(DECLARED), ids=lambda t: t.rsplit("#", 1)[1])
def test_every_term_has_english_and_spanish_label_and_comment(term):
    for prop in (RDFS.label, RDFS.comment):
        languages = {o.language for o in ONTOLOGY.objects(term, prop) if isinstance(o, Literal)}
        assert {"en", "es"} <= languages, f"{term} {prop}"


# Properties that link to figures and provenance rather than between entities.
PLUMBING = {BKG.figure, BKG.measure, BKG.qualifier, BKG.evidence, BKG.sentence, BKG.mentionOf, BKG.attributedTo}
RELATIONS = sorted(p for p in ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty) if p in DECLARED and p not in PLUMBING)


def test_relation_properties_exist():
    assert {BKG.locatedIn, BKG.country, BKG.location, BKG.participant, BKG.perpetrator} <= set(RELATIONS)


@pytest.mark.parametrize("prop", RELATIONS, ids=lambda t: t.rsplit("#", 1)[-1])
def test_relation_properties_are_aligned_to_schema_or_wikidata(prop):
    supers = set(ONTOLOGY.transitive_objects(prop, RDFS.subPropertyOf)) | set(ONTOLOGY.objects(prop, OWL.equivalentProperty))
    assert any(str(s).startswith(ALIGNMENT_TARGETS) for s in supers), prop
