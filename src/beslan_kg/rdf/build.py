"""Turn a resolved :class:`KnowledgeGraph` into an RDF dataset.

The data model (README, "Schema") in brief:

* entities and events are ``schema:Person`` / ``Organization`` / ``Place`` /
  ``Event`` / ``Thing`` plus a ``bkg:`` class, with language-tagged
  ``rdfs:label`` and ``skos:altLabel``, and ``owl:sameAs`` Wikidata;
* relations are direct triples between entity IRIs;
* every extracted triple is also reified as an ``rdf:Statement`` with
  ``prov:wasDerivedFrom`` its article and ``bkg:evidence`` the span of text
  (a ``bkg:Mention`` with NIF offsets and its ``bkg:sentence``);
* what an article says sits in that article's named graph; what the corpus
  knows about an entity (types, labels, links) sits in the default graph.
"""

from __future__ import annotations

import hashlib
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from beslan_kg.rdf.namespaces import ARTICLE, BKG, FIGURE, GRAPH, ID, NIF, SCHEMA, STATEMENT, WD
from beslan_kg.rdf.ontology import term_labels
from beslan_kg.records import ArticleMeta, Attribution, Evidence, KnowledgeGraph, Quantity, ResolvedEntity, TimeValue

_QUALIFIERS = {
    "exact": BKG.Exact,
    "more_than": BKG.MoreThan,
    "at_least": BKG.AtLeast,
    "approximately": BKG.Approximately,
    "fewer_than": BKG.FewerThan,
    "at_most": BKG.AtMost,
    "range": BKG.Range,
}
# Statements about events whose predicate lives in schema.org, not bkg.
_SCHEMA_PREDICATES = {"startDate": SCHEMA.startDate, "endDate": SCHEMA.endDate, "startTime": SCHEMA.startTime,
                      "superEvent": SCHEMA.superEvent}


def entity_iri(key: str) -> URIRef:
    """Return the IRI of an entity or event from its resolved key."""
    return ID[key]


def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article."""
    return ARTICLE[article_id]


def graph_iri(article_id: str) -> URIRef:
    """Return the IRI of an article's named graph."""
    return GRAPH[article_id]


def span_iri(article_id: str, start: int, end: int) -> URIRef:
    """Return the IRI of a span of an article (RFC 5147 ``char=`` fragment)."""
    return URIRef(f"{ARTICLE[article_id]}#char={start},{end}")


def to_dataset(kg: KnowledgeGraph, *, store: str = "default") -> Dataset:
    """Build the dataset: a default graph and one named graph per article.

    Args:
        kg: The resolved records.
        store: Name of the rdflib store plugin (e.g. ``"Oxigraph"``).
    """
    ds = Dataset(store=store)
    _bind(ds)
    default = ds.default_graph
    graphs = {a.id: ds.graph(graph_iri(a.id)) for a in kg.articles}
    for article in kg.articles:
        _article(graphs[article.id], article)
    namer = _EventNamer(kg)
    for entity in kg.entities:
        _entity(default, entity, namer)
        for evidence in entity.mentions:
            g = graphs[evidence.article_id]
            g.add((article_iri(evidence.article_id), SCHEMA.mentions, entity_iri(entity.key)))
            g.add((_mention(g, evidence), BKG.mentionOf, entity_iri(entity.key)))
    for entity in kg.entities:
        if entity.super_event:
            first = _first_per_article(entity.mentions)
            _assert(graphs, entity_iri(entity.key), SCHEMA.superEvent, entity_iri(entity.super_event), first, ("event-part",))
            for ev in first:
                graphs[ev.article_id].add((entity_iri(entity.super_event), SCHEMA.subEvent, entity_iri(entity.key)))
    languages = {a.id: a.language for a in kg.articles}
    for st in kg.statements:
        _assert(graphs, entity_iri(st.subject), BKG[st.predicate], entity_iri(st.object), st.evidence, st.rules)
    for date in kg.dates:
        predicate = _SCHEMA_PREDICATES[date.predicate]
        node = _assert(graphs, entity_iri(date.event), predicate, time_literal(date.value), date.evidence, ("date",))
        if date.value.approximate:
            for ev in date.evidence:
                graphs[ev.article_id].add((node, BKG.approximate, Literal(True)))
    for fig in kg.figures:
        _figure(graphs[fig.evidence.article_id], fig)
    for claim in kg.attributions:
        _attributed(graphs[claim.article_id], claim, languages[claim.article_id])
    return ds


def time_literal(value: TimeValue) -> Literal:
    """Return the typed literal of a normalised date or time."""
    return Literal(value.lexical, datatype=XSD[value.datatype])


def _bind(ds: Dataset) -> None:
    for prefix, ns in (
        ("bkg", BKG._NS), ("schema", SCHEMA), ("wd", WD), ("nif", NIF), ("prov", PROV), ("skos", SKOS),
        ("owl", OWL), ("dcterms", DCTERMS), ("id", ID), ("article", ARTICLE), ("graph", GRAPH),
        ("statement", STATEMENT), ("figure", FIGURE),
    ):
        ds.bind(prefix, ns, override=True, replace=True)


def _article(g: Graph, meta: ArticleMeta) -> None:
    node = article_iri(meta.id)
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, SCHEMA.identifier, Literal(meta.id)))
    g.add((node, SCHEMA.headline, Literal(meta.title, lang=meta.language)))
    g.add((node, SCHEMA.inLanguage, Literal(meta.language)))
    if meta.date_published:
        g.add((node, SCHEMA.datePublished, Literal(meta.date_published, datatype=XSD.date)))
    if meta.publisher:
        g.add((node, SCHEMA.publisher, Literal(meta.publisher)))
    if meta.source_note:
        g.add((node, DCTERMS.source, Literal(meta.source_note, lang="en")))


def _entity(g: Graph, entity: ResolvedEntity, namer: _EventNamer) -> None:
    node = entity_iri(entity.key)
    g.add((node, RDF.type, SCHEMA[entity.kind]))
    g.add((node, RDF.type, BKG[entity.ontology_class]))
    labels = entity.labels or namer.labels(entity)
    for lang, label in labels:
        g.add((node, RDFS.label, Literal(label, lang=lang)))
    for lang, alt in entity.alt_labels:
        g.add((node, SKOS.altLabel, Literal(alt, lang=lang)))
    if entity.wikidata:
        g.add((node, OWL.sameAs, WD[entity.wikidata]))


class _EventNamer:
    """Name the events nobody named: their class, and what anchors or contains them.

    "Court ruling: European Court of Human Rights, 2017"@en,
    "Explosión (Masacre de la escuela de Beslán, 2004-09-03)"@es.
    """

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.names = {e.key: dict(e.labels) for e in kg.entities if e.labels}
        self.dates: dict[str, str] = {}
        # The most precise start names the event: "2004-09-03" where one article
        # gives the day and another only the month.
        for date in sorted(kg.dates, key=lambda d: (-len(d.value.lexical), d.value.lexical)):
            if date.predicate == "startDate":
                self.dates.setdefault(date.event, date.value.lexical)

    def labels(self, entity: ResolvedEntity) -> tuple[tuple[str, str], ...]:
        """Return ``(language, label)`` pairs in every language the ontology labels the class in.

        These labels are made, not quoted from an article, so they can be given
        in every language and let readers of either language find the event.
        """
        class_labels = term_labels(entity.ontology_class)
        result = []
        for lang in sorted(class_labels):
            label = class_labels.get(lang) or entity.ontology_class
            date = self.dates.get(entity.key)
            if entity.super_event:
                # Steps of one crisis are told apart by their day.
                label = f"{label} ({self._name(entity.super_event, lang)}{', ' + date if date else ''})"
            elif entity.anchor:
                details = [self._name(entity.anchor, lang)] + ([date[:4]] if date else [])
                label = f"{label}: {', '.join(details)}"
            elif date:
                label = f"{label}, {date[:4]}"
            result.append((lang, label))
        return tuple(result)

    def _name(self, key: str, lang: str) -> str:
        names = self.names.get(key, {})
        return names.get(lang) or next(iter(sorted(names.values())), key.rsplit("/", 1)[-1])


def _mention(g: Graph, ev: Evidence) -> URIRef:
    node = span_iri(ev.article_id, ev.start, ev.end)
    g.add((node, RDF.type, BKG.Mention))
    g.add((node, NIF.anchorOf, Literal(ev.text)))
    g.add((node, NIF.beginIndex, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.endIndex, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
    g.add((node, SCHEMA.isPartOf, article_iri(ev.article_id)))
    g.add((node, BKG.sentence, _sentence(g, ev.article_id, ev.sentence_start, ev.sentence_end, ev.sentence)))
    return node


def _sentence(g: Graph, article_id: str, start: int, end: int, text: str) -> URIRef:
    sentence = span_iri(article_id, start, end)
    g.add((sentence, RDF.type, BKG.Sentence))
    g.add((sentence, NIF.anchorOf, Literal(text)))
    g.add((sentence, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((sentence, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((sentence, SCHEMA.isPartOf, article_iri(article_id)))
    return sentence


def _attributed(g: Graph, claim: Attribution, language: str) -> None:
    """Say on a sentence whose claims it states: the attributing words, and the source entity."""
    sentence = _sentence(g, claim.article_id, claim.sentence_start, claim.sentence_end, claim.sentence)
    g.add((sentence, BKG.attribution, Literal(claim.text, lang=language)))
    if claim.source:
        g.add((sentence, BKG.attributedTo, entity_iri(claim.source)))


def _assert(graphs, s, p, o, evidence, rules) -> URIRef:
    """Assert a triple in each article graph that supports it, with its provenance; return the statement node."""
    digest = hashlib.sha256(f"{s} {p} {o.n3()}".encode()).hexdigest()[:16]
    statement = STATEMENT[digest]
    for ev in evidence:
        g = graphs[ev.article_id]
        g.add((s, p, o))
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, s))
        g.add((statement, RDF.predicate, p))
        g.add((statement, RDF.object, o))
        g.add((statement, PROV.wasDerivedFrom, article_iri(ev.article_id)))
        g.add((statement, BKG.evidence, _mention(g, ev)))
        for rule in rules:
            g.add((statement, BKG.extractionRule, Literal(rule)))
    return statement


def _first_per_article(mentions: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    firsts: dict[str, Evidence] = {}
    for ev in mentions:
        firsts.setdefault(ev.article_id, ev)
    return tuple(firsts[k] for k in sorted(firsts))


def _figure(g: Graph, fig) -> URIRef:
    ev = fig.evidence
    node = FIGURE[f"{fig.event}/{ev.article_id}/{ev.start}-{ev.end}"]
    g.add((entity_iri(fig.event), BKG.figure, node))
    g.add((node, RDF.type, BKG.Figure))
    g.add((node, BKG.measure, BKG[fig.measure]))
    g.add((node, BKG.qualifier, _QUALIFIERS[fig.quantity.qualifier]))
    for predicate, value in _bounds(fig.quantity):
        g.add((node, predicate, Literal(value, datatype=XSD.integer)))
    g.add((node, PROV.wasDerivedFrom, article_iri(ev.article_id)))
    g.add((node, BKG.evidence, _mention(g, ev)))
    return node


def _bounds(q: Quantity) -> list[tuple[URIRef, int]]:
    """Map a qualified number to schema:value / minValue / maxValue."""
    if q.qualifier in ("exact", "approximately"):
        return [(SCHEMA.value, q.value)]
    if q.qualifier in ("more_than", "at_least"):
        return [(SCHEMA.minValue, q.value)]
    if q.qualifier in ("fewer_than", "at_most"):
        return [(SCHEMA.maxValue, q.value)]
    return [(SCHEMA.minValue, q.value), (SCHEMA.maxValue, q.upper if q.upper is not None else q.value)]
