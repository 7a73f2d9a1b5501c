"""IRIs of the project: its ontology terms and where its resources live."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

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


class BKG(DefinedNamespace):
    """The beslan-kg ontology (``ontology/beslan-kg.ttl``). Closed: an undeclared term is an error."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

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
    # Event classes.
    Event: URIRef
    HostageCrisis: URIRef
    War: URIRef
    MilitaryOperation: URIRef
    Invasion: URIRef
    Attack: URIRef
    Explosion: URIRef
    Assault: URIRef
    Shootout: URIRef
    HostageRelease: URIRef
    Negotiation: URIRef
    Demand: URIRef
    CourtRuling: URIRef
    Commemoration: URIRef
    Visit: URIRef
    Investigation: URIRef
    Criticism: URIRef
    PressConference: URIRef
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
    # Measures.
    Deaths: URIRef
    ChildDeaths: URIRef
    Injured: URIRef
    Hostages: URIRef
    Attackers: URIRef
    Released: URIRef
    DurationHours: URIRef
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
