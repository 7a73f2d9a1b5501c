"""Turn a resolved :class:`KnowledgeGraph` into RDF: one default graph and one named graph per article.

The data model (docs/schema.md) in brief:

* entities and events are ``schema:Person`` / ``Organization`` / ``Place`` /
  ``Event`` / ``Thing`` plus a ``bkg:`` class, with language-tagged
  ``rdfs:label`` and ``skos:altLabel``, and ``owl:sameAs`` Wikidata;
* relations are direct triples between entity IRIs;
* every extracted triple is also reified as an ``rdf:Statement`` with
  ``prov:wasDerivedFrom`` its article and ``bkg:evidence`` the span of text
  (a ``bkg:Mention`` with NIF offsets and its ``bkg:sentence``);
* what an article says sits in that article's named graph; what the corpus
  knows about an entity (types, labels, links) sits in the default graph.

:func:`iter_graphs` yields the graphs one at a time, each as sorted triples
of N-Triples terms (:mod:`beslan_kg.rdf.terms`): the default graph, then each
article's graph by IRI. Only one article's graph is in memory at a time, so
the writers can stream a corpus of any size. :func:`to_dataset` gives the
same quads as an rdflib :class:`~rdflib.Dataset`, for the query API and tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from beslan_kg.conform import QUALIFIERS
from beslan_kg.rdf.namespaces import ARTICLE, BASE, BKG, FIGURE, GRAPH, ID
from beslan_kg.rdf.ontology import event_label_rules, term_labels
from beslan_kg.rdf.terms import RDF_TYPE, iri, literal, typed
from beslan_kg.records import ArticleMeta, Attribution, Evidence, KnowledgeGraph, Quantity, ResolvedEntity, ResolvedFigure, TimeValue

if TYPE_CHECKING:
    from rdflib import Dataset, URIRef

#: A triple of N-Triples terms.
Triple = tuple[str, str, str]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SCHEMA = "https://schema.org/"
_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
_PROV = "http://www.w3.org/ns/prov#"
_WD = "http://www.wikidata.org/entity/"

A = RDF_TYPE
RDF_STATEMENT, RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (iri(_RDF + n) for n in ("Statement", "subject", "predicate", "object"))
RDFS_LABEL = iri("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = iri("http://www.w3.org/2004/02/skos/core#altLabel")
OWL_SAME = iri("http://www.w3.org/2002/07/owl#sameAs")
DCT_SOURCE = iri("http://purl.org/dc/terms/source")
PROV_ENTITY, PROV_DERIVED = iri(_PROV + "Entity"), iri(_PROV + "wasDerivedFrom")
NIF_ANCHOR, NIF_BEGIN, NIF_END = iri(_NIF + "anchorOf"), iri(_NIF + "beginIndex"), iri(_NIF + "endIndex")
S_NEWS, S_ID, S_HEADLINE, S_LANG, S_DATE, S_PUBLISHER, S_MENTIONS, S_PART, S_SUB, S_SUPER = (
    iri(_SCHEMA + n) for n in ("NewsArticle", "identifier", "headline", "inLanguage", "datePublished", "publisher",
                               "mentions", "isPartOf", "subEvent", "superEvent"))
# Statements about events whose predicate lives in schema.org, not bkg.
_SCHEMA_PREDICATES = ("startDate", "endDate", "startTime", "superEvent")
_TRUE = typed("true", "boolean")


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
    from rdflib import URIRef

    return URIRef(f"{ARTICLE[article_id]}#char={start},{end}")


@cache
def _bkg(name: str) -> str:
    # BKG is closed: an undeclared term raises here, as it would in rdflib.
    return iri(str(BKG[name]))


@cache
def _predicate(name: str) -> str:
    return iri(_SCHEMA + name) if name in _SCHEMA_PREDICATES else _bkg(name)


def _entity(key: str) -> str:
    return iri(f"{BASE}id/{key}")


def _article(article_id: str) -> str:
    return iri(f"{BASE}article/{article_id}")


def _span(article_id: str, start: int, end: int) -> str:
    return iri(f"{BASE}article/{article_id}#char={start},{end}")


@lru_cache(maxsize=65536)
def _offset(value: int) -> str:
    return typed(str(value), "nonNegativeInteger")


def time_term(value: TimeValue) -> str:
    """Return the typed literal of a normalised date or time, as an N-Triples term."""
    return typed(value.lexical, value.datatype)


@dataclass
class _ArticleRecords:
    """What the records say in one article, gathered so that its graph can be made on its own."""

    meta: ArticleMeta
    mentions: list[tuple[str, Evidence]] = field(default_factory=list)
    parts: list[tuple[str, str, Evidence]] = field(default_factory=list)
    asserted: list[tuple[str, str, str, tuple[str, ...], Evidence, bool]] = field(default_factory=list)
    figures: list[ResolvedFigure] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


def iter_graphs(kg: KnowledgeGraph) -> Iterator[tuple[str, list[Triple]]]:
    """Yield ``(graph term, triples)``: the default graph (``""``) first, then each article's graph by IRI.

    The triples of each graph are unique and sorted.
    """
    namer = _EventNamer(kg)
    default: set[Triple] = set()
    for entity in kg.entities:
        default.update(_entity_triples(entity, namer))
    yield "", sorted(default)
    by_article = _by_article(kg)
    for article_id in sorted(by_article, key=lambda a: iri(f"{BASE}graph/{a}")):
        yield iri(f"{BASE}graph/{article_id}"), sorted(_article_triples(by_article[article_id]))


def iter_quads(kg: KnowledgeGraph) -> Iterator[tuple[str, str, str, str]]:
    """Yield every quad of the dataset, graph by graph in the order of :func:`iter_graphs`."""
    for graph, triples in iter_graphs(kg):
        for s, p, o in triples:
            yield s, p, o, graph


def _by_article(kg: KnowledgeGraph) -> dict[str, _ArticleRecords]:
    records = {a.id: _ArticleRecords(a) for a in kg.articles}
    for entity in kg.entities:
        node = _entity(entity.key)
        for ev in entity.mentions:
            records[ev.article_id].mentions.append((node, ev))
        if entity.super_event:
            parent = _entity(entity.super_event)
            for ev in _first_per_article(entity.mentions):
                records[ev.article_id].asserted.append((node, iri(_SCHEMA + "superEvent"), parent, ("event-part",), ev, False))
                records[ev.article_id].parts.append((parent, node, ev))
    for st in kg.statements:
        s, p, o = _entity(st.subject), _predicate(st.predicate), _entity(st.object)
        for ev in st.evidence:
            records[ev.article_id].asserted.append((s, p, o, st.rules, ev, False))
    for date in kg.dates:
        s, p, o = _entity(date.event), _predicate(date.predicate), time_term(date.value)
        for ev in date.evidence:
            records[ev.article_id].asserted.append((s, p, o, ("date",), ev, date.value.approximate))
    for fig in kg.figures:
        records[fig.evidence.article_id].figures.append(fig)
    for claim in kg.attributions:
        records[claim.article_id].attributions.append(claim)
    return records


def _article_triples(rec: _ArticleRecords) -> set[Triple]:
    meta = rec.meta
    node = _article(meta.id)
    out = _GraphTriples({
        (node, A, S_NEWS),
        (node, A, PROV_ENTITY),
        (node, S_ID, literal(meta.id)),
        (node, S_HEADLINE, literal(meta.title, lang=meta.language)),
        (node, S_LANG, literal(meta.language)),
    })
    if meta.date_published:
        out.add((node, S_DATE, typed(meta.date_published, "date")))
    if meta.publisher:
        out.add((node, S_PUBLISHER, literal(meta.publisher)))
    if meta.source_note:
        out.add((node, DCT_SOURCE, literal(meta.source_note, lang="en")))
    for entity, ev in rec.mentions:
        out.add((node, S_MENTIONS, entity))
        out.add((_mention(out, ev), _bkg("mentionOf"), entity))
    for parent, child, _ in rec.parts:
        out.add((parent, S_SUB, child))
    for s, p, o, rules, ev, approximate in rec.asserted:
        statement = _statement_iri(s, p, o)
        out.update((
            (s, p, o),
            (statement, A, RDF_STATEMENT),
            (statement, RDF_SUBJECT, s),
            (statement, RDF_PREDICATE, p),
            (statement, RDF_OBJECT, o),
            (statement, PROV_DERIVED, node),
            (statement, _bkg("evidence"), _mention(out, ev)),
        ))
        out.update((statement, _bkg("extractionRule"), literal(rule)) for rule in rules)
        if approximate:
            out.add((statement, _bkg("approximate"), _TRUE))
    for fig in rec.figures:
        _figure(out, fig, node)
    for claim in rec.attributions:
        sentence = _sentence(out, claim.article_id, claim.sentence_start, claim.sentence_end, claim.sentence)
        out.add((sentence, _bkg("attribution"), literal(claim.text, lang=meta.language)))
        if claim.source:
            out.add((sentence, _bkg("attributedTo"), _entity(claim.source)))
    return out


def _statement_iri(s: str, p: str, o: str) -> str:
    """The reified statement's IRI: a digest of the triple, as ``"<s> <p> <o>"`` with ``o`` in N3."""
    digest = hashlib.sha256(f"{s[1:-1]} {p[1:-1]} {o}".encode()).hexdigest()[:16]
    return iri(f"{BASE}statement/{digest}")


def _entity_triples(entity: ResolvedEntity, namer: _EventNamer) -> Iterable[Triple]:
    node = _entity(entity.key)
    yield node, A, iri(_SCHEMA + entity.kind)
    yield node, A, _bkg(entity.ontology_class)
    for lang, label in entity.labels or namer.labels(entity):
        yield node, RDFS_LABEL, literal(label, lang=lang)
    for lang, alt in entity.alt_labels:
        yield node, SKOS_ALT, literal(alt, lang=lang)
    if entity.wikidata:
        yield node, OWL_SAME, iri(_WD + entity.wikidata)
    for lang, lemma in entity.lemmas:
        yield node, _bkg("actionLemma"), literal(lemma, lang=lang)


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
                label = rules["during"].format(label=label, parent=self._parent_name(entity, parent, lang, rules, seen))
            date = self.dates.get(entity.key)
            # A step dated as the event it is part of reads the date once: "Evacuation
            # during Volcanic eruption, 19 September 2021", not the date twice.
            if date and "date" in rules and not label.endswith(self._date(date, rules)):
                label = rules["date"].format(label=label, date=self._date(date, rules))
            result.append((lang, label))
        self._made[entity.key] = tuple(result)
        return self._made[entity.key]

    def _parent_name(self, entity: ResolvedEntity, parent: ResolvedEntity, lang: str, rules: Mapping[str, Any], seen: frozenset[str]) -> str:
        """Name the larger event in a step's label; a made label of it loses its date before the step's other date.

        "Explosion during Fire, 4 August 2020", not "Explosion during Fire, 5
        August 2020, 4 August 2020": two dates in a row read as one event's.
        """
        name = self._name(parent.key, lang, seen)
        own, parents = self.dates.get(entity.key), self.dates.get(parent.key)
        if parent.labels or not own or not parents or own == parents or "date" not in rules:
            return name
        suffix = rules["date"].format(label="", date=self._date(parents, rules))
        return name[: -len(suffix)] if name.endswith(suffix) else name

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


class _GraphTriples(set):
    """An article graph's triples, and the spans of text already described in it.

    A sentence is cited by every mention in it, and a mention by every
    statement it supports: each is described (its triples made) once.
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        super().__init__(triples)
        self.spans: dict[tuple, str] = {}


def _mention(out: _GraphTriples, ev: Evidence) -> str:
    key = ("mention", ev)
    if key in out.spans:
        return out.spans[key]
    node = out.spans[key] = _span(ev.article_id, ev.start, ev.end)
    out.update((
        (node, A, _bkg("Mention")),
        (node, NIF_ANCHOR, literal(ev.text)),
        (node, NIF_BEGIN, _offset(ev.start)),
        (node, NIF_END, _offset(ev.end)),
        (node, S_PART, _article(ev.article_id)),
        (node, _bkg("sentence"), _sentence(out, ev.article_id, ev.sentence_start, ev.sentence_end, ev.sentence)),
    ))
    return node


def _sentence(out: _GraphTriples, article_id: str, start: int, end: int, text: str) -> str:
    key = ("sentence", article_id, start, end, text)
    if key in out.spans:
        return out.spans[key]
    node = out.spans[key] = _span(article_id, start, end)
    out.update((
        (node, A, _bkg("Sentence")),
        (node, NIF_ANCHOR, literal(text)),
        (node, NIF_BEGIN, _offset(start)),
        (node, NIF_END, _offset(end)),
        (node, S_PART, _article(article_id)),
    ))
    return node


def _first_per_article(mentions: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    firsts: dict[str, Evidence] = {}
    for ev in mentions:
        firsts.setdefault(ev.article_id, ev)
    return tuple(firsts[k] for k in sorted(firsts))


def _figure(out: _GraphTriples, fig: ResolvedFigure, article: str) -> None:
    ev = fig.evidence
    node = iri(f"{FIGURE}{fig.event}/{ev.article_id}/{ev.start}-{ev.end}")
    out.update((
        (_entity(fig.event), _bkg("figure"), node),
        (node, A, _bkg("Figure")),
        (node, _bkg("measure"), _bkg(fig.measure)),
        (node, _bkg("qualifier"), _bkg(QUALIFIERS[fig.quantity.qualifier])),
        (node, PROV_DERIVED, article),
        (node, _bkg("evidence"), _mention(out, ev)),
    ))
    for predicate, value in _bounds(fig.quantity):
        out.add((node, iri(_SCHEMA + predicate), typed(str(value), "integer")))
    if fig.unit:
        out.add((node, iri(_SCHEMA + "currency"), literal(fig.unit)))


def _bounds(q: Quantity) -> list[tuple[str, int]]:
    """Map a qualified number to schema:value / minValue / maxValue."""
    if q.qualifier in ("exact", "approximately"):
        return [("value", q.value)]
    if q.qualifier in ("more_than", "at_least"):
        return [("minValue", q.value)]
    if q.qualifier in ("fewer_than", "at_most"):
        return [("maxValue", q.value)]
    return [("minValue", q.value), ("maxValue", q.upper if q.upper is not None else q.value)]


def to_dataset(kg: KnowledgeGraph, *, store: str = "default") -> Dataset:
    """Return the dataset as an rdflib :class:`~rdflib.Dataset` (the query API's and the tests' form).

    Args:
        kg: The resolved records.
        store: Name of the rdflib store plugin.
    """
    from beslan_kg.rdf.io import dataset_of_quads

    return dataset_of_quads(iter_quads(kg), store=store)
