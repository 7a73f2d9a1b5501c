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
    Place: URIRef
    Country: URIRef
    FederalSubject: URIRef
    Region: URIRef
    Settlement: URIRef
    Building: URIRef
    School: URIRef
    Thing: URIRef
    # Event classes: the taxonomy and its families.
    Event: URIRef
    ArmedViolence: URIRef
    Disaster: URIRef
    Accident: URIRef
    Voting: URIRef
    ChangeOfOffice: URIRef
    LegalEvent: URIRef
    Attack: URIRef
    Bombing: URIRef
    Shooting: URIRef
    HostageCrisis: URIRef
    Assault: URIRef
    Explosion: URIRef
    ArmedClash: URIRef
    Shootout: URIRef
    War: URIRef
    MilitaryOperation: URIRef
    Invasion: URIRef
    HostageRelease: URIRef
    Earthquake: URIRef
    Flood: URIRef
    Storm: URIRef
    Fire: URIRef
    Landslide: URIRef
    Epidemic: URIRef
    IndustrialAccident: URIRef
    MiningAccident: URIRef
    TransportAccident: URIRef
    Collapse: URIRef
    Rescue: URIRef
    Evacuation: URIRef
    Election: URIRef
    Referendum: URIRef
    Vote: URIRef
    Appointment: URIRef
    Resignation: URIRef
    Dismissal: URIRef
    Protest: URIRef
    Strike: URIRef
    Meeting: URIRef
    Summit: URIRef
    Negotiation: URIRef
    PressConference: URIRef
    Visit: URIRef
    Agreement: URIRef
    Statement: URIRef
    Announcement: URIRef
    Criticism: URIRef
    Accusation: URIRef
    Demand: URIRef
    Arrest: URIRef
    Charge: URIRef
    Trial: URIRef
    CourtRuling: URIRef
    Lawsuit: URIRef
    Investigation: URIRef
    Sanction: URIRef
    Scandal: URIRef
    Commemoration: URIRef
    SportsEvent: URIRef
    Death: URIRef
    OtherAction: URIRef
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
    # Measures.
    Deaths: URIRef
    ChildDeaths: URIRef
    Injured: URIRef
    Hostages: URIRef
    Attackers: URIRef
    Released: URIRef
    DurationHours: URIRef
    Missing: URIRef
    Trapped: URIRef
    Rescued: URIRef
    Arrested: URIRef
    Evacuated: URIRef
    Displaced: URIRef
    Affected: URIRef
    Survivors: URIRef
    Cases: URIRef
    Participants: URIRef
    Votes: URIRef
    Seats: URIRef
    Vehicles: URIRef
    Buildings: URIRef
    Money: URIRef
    DurationDays: URIRef
    # Qualifiers.
    Exact: URIRef
    MoreThan: URIRef
    AtLeast: URIRef
    Approximately: URIRef
    FewerThan: URIRef
    AtMost: URIRef
    Range: URIRef
