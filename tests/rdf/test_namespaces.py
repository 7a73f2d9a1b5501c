"""The closed BKG namespace and the ontology in ontology/ agree, term for term,
and the ontology describes every term the built graph uses."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from conftest import ROOT

from beslan_kg.rdf.namespaces import BKG

ONTOLOGY = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
NS = str(BKG._NS)
DECLARED = {s for s in ONTOLOGY.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(NS)}
ONTOLOGY_IRI = URIRef("https://w3id.org/beslan-kg/ontology")
#: Every term the ontology describes: its own, and those it uses from other vocabularies.
DESCRIBED = {s for s in ONTOLOGY.subjects(RDF.type, None) if isinstance(s, URIRef) and s != ONTOLOGY_IRI}
EXTERNAL = DESCRIBED - DECLARED
ALIGNMENT_TARGETS = ("https://schema.org/", "http://www.wikidata.org/prop/direct/")


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        BKG.notATerm  # noqa: B018


def test_every_python_term_is_declared_in_the_ontology_and_back():
    python_terms = {BKG._NS[name] for name in [*BKG.__annotations__, *BKG._extras]}
    assert python_terms == DECLARED


def test_the_event_classes_and_measures_are_read_from_the_ontology():
    assert {"Event", "Earthquake", "Bombing", "OtherAction", "Deaths", "Money", "DurationDays"} <= set(BKG._extras)
    assert BKG.Earthquake == BKG._NS["Earthquake"] and BKG.Money == BKG._NS["Money"]
    # Everything else is listed in the code, and nothing twice.
    assert not set(BKG._extras) & set(BKG.__annotations__)


@pytest.mark.parametrize("term", sorted(DESCRIBED), ids=lambda t: ONTOLOGY.namespace_manager.normalizeUri(t))
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


def _terms_used(dataset) -> set[URIRef]:
    """The vocabulary of a graph: its properties, its classes, and any bkg: IRI it names (measures, qualifiers)."""
    used = set()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        used.add(p)
        if p == RDF.type:
            used.add(o)
        used |= {t for t in (s, o) if isinstance(t, URIRef) and str(t).startswith(NS)}
    return used


def test_every_bkg_term_the_built_graph_uses_is_declared(dataset):
    used = {t for t in _terms_used(dataset) if str(t).startswith(NS)}
    assert {BKG.Figure, BKG.mentionOf, BKG.Deaths, BKG.MoreThan} <= used
    assert used - DECLARED == set()


def test_every_other_term_the_built_graph_uses_is_described(dataset):
    used = {t for t in _terms_used(dataset) if not str(t).startswith(NS)}
    assert {RDF.type, RDFS.label, OWL.sameAs, RDF.Statement, URIRef("https://schema.org/startDate")} <= used
    assert used - DESCRIBED == set()


@pytest.mark.parametrize("term", sorted(EXTERNAL), ids=lambda t: ONTOLOGY.namespace_manager.normalizeUri(t))
def test_external_terms_name_the_vocabulary_that_defines_them(term):
    vocabularies = list(ONTOLOGY.objects(term, RDFS.isDefinedBy))
    assert len(vocabularies) == 1 and vocabularies[0] != ONTOLOGY_IRI
    # The vocabulary is the term's namespace (a Wikidata direct property is defined by its property entity).
    vocabulary = str(vocabularies[0])
    assert str(term).startswith(vocabulary) or term.rsplit("/", 1)[-1] == vocabulary.rsplit("/", 1)[-1]


def test_bkg_terms_are_defined_by_the_ontology():
    assert {t for t in DECLARED if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ONTOLOGY} == set()
