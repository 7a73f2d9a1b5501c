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
from collections.abc import Mapping
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from beslan_kg.rdf.namespaces import ARTICLE, BKG, FIGURE, GRAPH, ID, NIF, SCHEMA, STATEMENT, WD
from beslan_kg.rdf.ontology import event_label_rules, term_labels
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
    for lang, lemma in entity.lemmas:
        g.add((node, BKG.actionLemma, Literal(lemma, lang=lang)))


# Roles whose one filler is who did an event, for its label ("Bombing by X").
_AGENT_ROLES = ("perpetrator", "organizer", "court")


class _EventNamer:
    """Label the events no article names, from their class, agent, place, parent and date.

    "Bombing in Lyon, 3 May 2021"@en, "Atentado con bomba en Lyon, 3 de mayo
    de 2021"@es, "Court ruling by European Court of Human Rights, 2017"@en.
    The patterns and month names are data (``ontology/event_labels.yaml``);
    no label is ever an internal key.
    """

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.entities = {e.key: e for e in kg.entities}
        self.rules = event_label_rules()
        self.dates: dict[str, str] = {}
        # The most precise start names the event: "2004-09-03" where one article
        # gives the day and another only the month.
        for date in sorted(kg.dates, key=lambda d: (-len(d.value.lexical), d.value.lexical)):
            if date.predicate == "startDate":
                self.dates.setdefault(date.event, date.value.lexical)
        order = {c: i for i, c in enumerate(self.rules.get("place_classes", ()))}
        places: dict[str, dict[str, int]] = {}
        agents: dict[str, set[str]] = {}
        for st in kg.statements:
            if st.predicate == "location":
                counts = places.setdefault(st.subject, {})
                counts[st.object] = counts.get(st.object, 0) + len(st.evidence)
            elif st.predicate in _AGENT_ROLES:
                agents.setdefault(st.subject, set()).add(st.object)

        def rank(key: str, counts: dict[str, int]) -> tuple:
            place = self.entities.get(key)
            return (order.get(place.ontology_class if place else "", len(order)), -counts[key], key)

        self.place = {event: min(counts, key=lambda k, c=counts: rank(k, c)) for event, counts in places.items()}
        self.agent = {event: next(iter(found)) for event, found in agents.items() if len(found) == 1}
        self._made: dict[str, tuple[tuple[str, str], ...]] = {}

    def labels(self, entity: ResolvedEntity, _seen: frozenset[str] = frozenset()) -> tuple[tuple[str, str], ...]:
        """Return ``(language, label)`` pairs in every language the ontology labels the class in.

        These labels are made, not quoted from an article, so they can be given
        in every language and let readers of either language find the event.
        """
        if entity.key in self._made:
            return self._made[entity.key]
        seen = _seen | {entity.key}
        class_labels = term_labels(entity.ontology_class)
        lemmas = dict(entity.lemmas)
        parent = self.entities.get(entity.super_event or "")
        place = self.place.get(entity.key) or (self.place.get(parent.key) if parent is not None else None)
        agent = entity.anchor or self.agent.get(entity.key)
        result = []
        for lang in sorted(class_labels):
            rules = self.rules.get(lang) or {}
            lemma = lemmas.get(lang)
            label = lemma[:1].upper() + lemma[1:] if lemma else class_labels[lang]
            if agent and agent in self.entities and "by" in rules:
                label = rules["by"].format(label=label, agent=self._name(agent, lang, seen))
            if place and place in self.entities and "in" in rules:
                label = rules["in"].format(label=label, place=self._name(place, lang, seen))
            elif parent is not None and parent.key not in seen and "during" in rules:
                label = rules["during"].format(label=label, parent=self._name(parent.key, lang, seen))
            date = self.dates.get(entity.key)
            if date and "date" in rules:
                label = rules["date"].format(label=label, date=self._date(date, rules))
            result.append((lang, label))
        self._made[entity.key] = tuple(result)
        return self._made[entity.key]

    def _name(self, key: str, lang: str, seen: frozenset[str]) -> str:
        entity = self.entities[key]
        names = dict(entity.labels) if entity.labels else dict(self.labels(entity, seen)) if entity.kind == "Event" else {}
        return names.get(lang) or next(iter(sorted(names.values())), None) or term_labels(entity.ontology_class).get(lang, entity.ontology_class)

    @staticmethod
    def _date(lexical: str, rules: Mapping[str, Any]) -> str:
        """Write an XSD date, year-month or year the way the language writes it."""
        parts = lexical.split("-")
        months = rules.get("months") or []
        try:
            numbers = [int(p) for p in parts]
        except ValueError:
            return lexical
        if len(numbers) == 3 and len(months) == 12 and 1 <= numbers[1] <= 12:
            return rules["day"].format(day=numbers[2], month=months[numbers[1] - 1], year=parts[0])
        if len(numbers) == 2 and len(months) == 12 and 1 <= numbers[1] <= 12:
            return rules["month"].format(month=months[numbers[1] - 1], year=parts[0])
        return rules.get("year", "{year}").format(year=parts[0]) if len(numbers) == 1 else lexical


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
    if fig.unit:
        g.add((node, SCHEMA.currency, Literal(fig.unit)))
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
