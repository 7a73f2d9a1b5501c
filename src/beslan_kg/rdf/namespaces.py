"""IRIs of the project: its ontology terms and where its resources live."""

from __future__ import annotations

from functools import cache

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from beslan_kg.paths import ontology_dir

#: Base of every IRI the project mints.
BASE = "https://w3id.org/beslan-kg/"
#: Entities and events: ``ID["vladimir-putin"]``.
ID = Namespace(BASE + "id/")
#: Articles (and, with a ``#char=`` fragment, spans of their text).
ARTICLE = Namespace(BASE + "article/")
#: One named graph per article.
GRAPH = Namespace(BASE + "graph/")
#: Reified statements, for provenance.
STATEMENT = Namespace(BASE + "statement/")
#: Figure nodes.
FIGURE = Namespace(BASE + "figure/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


@cache
def parse_ontology() -> Graph:
    """Parse ``ontology/beslan-kg.ttl`` once per process: the namespace's terms and :func:`beslan_kg.rdf.ontology.load_ontology` read one graph.

    Raises:
        OSError, SyntaxError, ValueError: The file cannot be read or is not Turtle.
    """
    return Graph().parse(ontology_dir() / "beslan-kg.ttl", format="turtle")


def _taxonomy() -> tuple[str, ...]:
    """Return the local names of the ontology's event classes and measures.

    They are data, not code: the taxonomy grows with the kinds of news read
    (an event class per kind of event, a measure per kind of count), and the
    code names none of them, so they are declared in ``ontology/beslan-kg.ttl``
    only and read from it here. A missing or broken file declares none (the
    build then reports the file, see :func:`beslan_kg.rdf.ontology.load_ontology`).
    """
    ns = BASE + "ontology#"
    try:
        graph = parse_ontology()
    except (OSError, SyntaxError, ValueError):
        return ()
    event, measure = URIRef(ns + "Event"), URIRef(ns + "Measure")
    terms = set(graph.transitive_subjects(RDFS.subClassOf, event)) | set(graph.subjects(RDF.type, measure))
    return tuple(sorted(str(t)[len(ns):] for t in terms if str(t).startswith(ns)))


class BKG(DefinedNamespace):
    """The beslan-kg ontology (``ontology/beslan-kg.ttl``). Closed: an undeclared term is an error.

    The event classes and measures are read from the ontology (:func:`_taxonomy`);
    every other term is listed here.
    """

    _fail = True
    _NS = Namespace(BASE + "ontology#")
    _extras = list(_taxonomy())

    # Classes of people, organisations, places and things.
    Person: URIRef
    Politician: URIRef
    MilitantLeader: URIRef
    Journalist: URIRef
    Activist: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    SecurityAgency: URIRef
    ArmedForces: URIRef
    ArmedGroup: URIRef
    Court: URIRef
    InternationalOrganization: URIRef
    NewsAgency: URIRef
    CivilSocietyGroup: URIRef
    PoliticalEntity: URIRef
    PoliticalParty: URIRef
    Company: URIRef
    Place: URIRef
    Country: URIRef
    FederalSubject: URIRef
    Region: URIRef
    Settlement: URIRef
    Building: URIRef
    School: URIRef
    Thing: URIRef
    # Figures, provenance.
    Figure: URIRef
    Measure: URIRef
    Qualifier: URIRef
    Mention: URIRef
    Sentence: URIRef
    # Object properties.
    locatedIn: URIRef
    country: URIRef
    nationality: URIRef
    location: URIRef
    participant: URIRef
    perpetrator: URIRef
    target: URIRef
    court: URIRef
    defendant: URIRef
    organizer: URIRef
    memberOf: URIRef
    ledBy: URIRef
    employer: URIRef
    partOf: URIRef
    headquarters: URIRef
    concerns: URIRef
    figure: URIRef
    measure: URIRef
    qualifier: URIRef
    evidence: URIRef
    sentence: URIRef
    mentionOf: URIRef
    attributedTo: URIRef
    # Datatype properties.
    attribution: URIRef
    demonym: URIRef
    extractionRule: URIRef
    approximate: URIRef
    actionLemma: URIRef
    # Annotation properties: alignment of event classes.
    cameoCode: URIRef
    acledEventType: URIRef
    # Qualifiers.
    Exact: URIRef
    MoreThan: URIRef
    AtLeast: URIRef
    Approximately: URIRef
    FewerThan: URIRef
    AtMost: URIRef
    Range: URIRef


class SD(DefinedNamespace):
    """SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/), the terms used here."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/sparql-service-description#")

    Service: URIRef
    Dataset: URIRef
    Graph: URIRef
    NamedGraph: URIRef
    endpoint: URIRef
    supportedLanguage: URIRef
    resultFormat: URIRef
    feature: URIRef
    defaultDataset: URIRef
    defaultGraph: URIRef
    namedGraph: URIRef
    name: URIRef
    graph: URIRef
    # Languages.
    SPARQL10Query: URIRef
    SPARQL11Query: URIRef
    SPARQL11Update: URIRef
    # Features.
    DereferencesURIs: URIRef
    UnionDefaultGraph: URIRef
    RequiresDataset: URIRef
    EmptyGraphs: URIRef
    BasicFederatedQuery: URIRef


class FORMATS(DefinedNamespace):
    """W3C's unique URIs for file formats (https://www.w3.org/ns/formats/), those an endpoint may answer in."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/formats/")

    SPARQL_Results_JSON: URIRef
    SPARQL_Results_XML: URIRef
    SPARQL_Results_CSV: URIRef
    SPARQL_Results_TSV: URIRef
    Turtle: URIRef
    N3: URIRef
    N_Triples: URIRef
    JSON_LD: URIRef
    RDF_XML: URIRef
