"""Read a built graph into plain records: what the view, networkx and the exports draw from.

:func:`to_graph_data` reads each property it needs in one pass over the
store's index of that property (rdflib's ``subject_objects``, which every
store plugin answers, oxrdflib's Oxigraph store included) and joins the
passes in Python into the frozen records below. Nothing copies, sorts or
walks the whole graph, so the cost grows with what is read. (A handful of
SPARQL SELECTs gave the same records, at about 100 µs a row on rdflib's
engine against 10 µs a triple here: 15 times slower at 1,000 articles; see
benchmarks/bench_view.py.) :func:`graph_counts` is the one definition of the counts that
``beslan-kg build`` prints and the view's header shows. :func:`to_networkx`
gives the same records as a :class:`networkx.MultiDiGraph` of plain scalar
attributes, the shape GraphML, GEXF and table exports take.

Every name of a class, property, measure or kind comes from the ontology, by
IRI (:func:`beslan_kg.rdf.ontology.iri_labels`); every name of an entity or
event from the graph's ``rdfs:label``.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import product
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from beslan_kg.rdf.namespaces import BKG, NIF, SCHEMA, WD
from beslan_kg.rdf.ontology import iri_labels
from beslan_kg.records import KINDS

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ArticleInfo", "DateValue", "EdgeInfo", "FigureInfo", "GraphCounts", "GraphData", "NodeInfo", "Span",
    "graph_counts", "label_of", "to_graph_data", "to_networkx",
]

#: ``(language, text)`` pairs, sorted by language.
Labels = tuple[tuple[str, str], ...]

_BKG = str(BKG._NS)
#: The date properties of events, in the order a reader wants them.
_DATE_ORDER = ("startDate", "startTime", "endDate")
_QUALIFIERS = {str(BKG[name]): key for name, key in (
    ("Exact", "exact"), ("MoreThan", "more_than"), ("AtLeast", "at_least"), ("Approximately", "approximately"),
    ("FewerThan", "fewer_than"), ("AtMost", "at_most"), ("Range", "range"))}


@dataclass(frozen=True)
class Span:
    """A span of an article's text.

    Attributes:
        article: The article's identifier.
        start: Offset of its first character in the article.
        end: Offset just past its last character.
        text: The span's text.
        sentence_start: Offset of its sentence in the article (the sentence is
            in :attr:`ArticleInfo.sentences`); -1 when the graph holds no
            sentence around it (and ``text`` is then empty).
    """

    article: str
    start: int
    end: int
    text: str
    sentence_start: int


@dataclass(frozen=True)
class ArticleInfo:
    """An article, with the sentences of it the graph holds.

    Attributes:
        iri: The article's IRI.
        id: Its identifier.
        title: Its headline (the identifier when it has none).
        language: Its language code.
        date: Its date of publication (``YYYY-MM-DD``), if known.
        sentences: ``(start, end, text)`` of each sentence the graph holds, in
            text order: every sentence that names something.
    """

    iri: str
    id: str
    title: str
    language: str
    date: str | None
    sentences: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class DateValue:
    """A date or time of an event: ``predicate`` is ``startDate``, ``endDate`` or ``startTime``;
    ``datatype`` the XSD datatype's local name (``date``, ``gYearMonth``, ``gYear``...)."""

    predicate: str
    lexical: str
    datatype: str


@dataclass(frozen=True)
class FigureInfo:
    """A figure an article states about an event.

    Attributes:
        iri: The figure's IRI.
        measure: The measure's IRI (``bkg:Deaths``...).
        measure_labels: The measure's names, from the ontology.
        qualifier: ``exact``, ``more_than``, ``at_least``, ``approximately``,
            ``fewer_than``, ``at_most`` or ``range``.
        value: The number the article gives (the lower end of a range).
        upper: The upper end of a range, for ``range`` only.
        span: The words it was read from.
        disputed: Another source gives this measure of this event a number
            that cannot also be true (``queries/disagreements.rq``).
    """

    iri: str
    measure: str
    measure_labels: Labels
    qualifier: str
    value: int
    upper: int | None
    span: Span
    disputed: bool


@dataclass(frozen=True)
class NodeInfo:
    """An entity or event.

    Attributes:
        iri: Its IRI.
        kind: Its schema.org kind, one of :data:`beslan_kg.records.KINDS`.
        ontology_class: The IRI of its project class ("" when it has none).
        class_labels: The class's names, from the ontology.
        labels: Its names (``rdfs:label``), one per language.
        aliases: ``(language, text)`` of its other names (``skos:altLabel``).
        wikidata: Its Wikidata item ID (``Q…``), when linked.
        dates: Its dates and times: start, time, end; the most precise first.
        mentions: Every span naming it, sorted by article and offset.
        figures: The figures stated about it (events only).
    """

    iri: str
    kind: str
    ontology_class: str
    class_labels: Labels
    labels: Labels
    aliases: Labels
    wikidata: str | None
    dates: tuple[DateValue, ...]
    mentions: tuple[Span, ...]
    figures: tuple[FigureInfo, ...]


@dataclass(frozen=True)
class EdgeInfo:
    """A stated relation between two nodes.

    Attributes:
        source: The subject's IRI.
        target: The object's IRI.
        predicate: The property's IRI.
        labels: The property's names, from the ontology.
        relation: A relation of the project's ontology (counted in
            :attr:`GraphCounts.relations`); False for the sub-event link
            ``schema:superEvent``.
        evidence: The spans it rests on, sorted by article and offset.
    """

    source: str
    target: str
    predicate: str
    labels: Labels
    relation: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class GraphCounts:
    """What a graph holds, counted once for ``beslan-kg build`` and the view.

    Attributes:
        articles_by_language: ``(language, articles)``, sorted.
        entities_by_kind: ``(kind, nodes)`` for every kind with nodes, events
            included, sorted.
        relations: Distinct relation triples between nodes (sub-event links
            left out).
        figures: Figures.
    """

    articles_by_language: tuple[tuple[str, int], ...]
    entities_by_kind: tuple[tuple[str, int], ...]
    relations: int
    figures: int

    @property
    def articles(self) -> int:
        """Articles, in every language."""
        return sum(n for _, n in self.articles_by_language)

    @property
    def entities(self) -> int:
        """Entities, events left out (as the build summary counts them)."""
        return sum(n for kind, n in self.entities_by_kind if kind != "Event")

    @property
    def events(self) -> int:
        """Events."""
        return dict(self.entities_by_kind).get("Event", 0)


@dataclass(frozen=True)
class GraphData:
    """A graph's entities, events, relations and articles, in plain values.

    Attributes:
        articles: The articles, sorted by date, language, title.
        nodes: Entities and events, sorted by IRI.
        edges: Relations, sorted by subject, predicate and object.
        counts: The graph's counts.
        kind_labels: ``(kind, labels)`` of every kind of :data:`KINDS`, from
            the project class of that name in the ontology.
    """

    articles: tuple[ArticleInfo, ...]
    nodes: tuple[NodeInfo, ...]
    edges: tuple[EdgeInfo, ...]
    counts: GraphCounts
    kind_labels: tuple[tuple[str, Labels], ...]


# --------------------------------------------------------------------------
# public API


def graph_counts(ds: Dataset | Graph) -> GraphCounts:
    """Count the graph's articles, entities and events by kind, relations and figures.

    The one definition of the counts ``beslan-kg build`` prints and the view's
    header shows: nodes of each schema.org kind; distinct relation triples
    (a ``bkg:`` property between two IRIs, asserted and reified with its
    provenance; sub-event links are not relations); figures; articles by
    ``schema:inLanguage``.
    """
    g = _union(ds)
    kinds = {kind: len(set(g.subjects(RDF.type, SCHEMA[kind]))) for kind in KINDS}
    languages: dict[str, int] = defaultdict(int)
    for article in set(g.subjects(RDF.type, SCHEMA.NewsArticle)):
        for language in set(g.objects(article, SCHEMA.inLanguage)):
            languages[str(language)] += 1
    relations = len({triple for triple in _statements(g).values() if str(triple[1]).startswith(_BKG)})
    figures = len(set(g.subjects(RDF.type, BKG.Figure)))
    return GraphCounts(tuple(sorted(languages.items())), tuple(sorted((k, n) for k, n in kinds.items() if n)),
                       relations, figures)


def to_graph_data(ds: Dataset | Graph) -> GraphData:
    """Read the graph's entities, events, relations, figures and articles.

    Each property the records need is read in one pass over the store's
    index of that property, and the passes are joined here in Python: the
    cost is linear in what is read, and the whole graph is never walked,
    copied or sorted.

    Args:
        ds: A dataset (its graphs are read as one) or a graph.
    """
    g = _union(ds)
    spans = _Spans(g)
    articles = spans.articles
    order = {a.id: i for i, a in enumerate(articles)}

    kinds: dict[Node, str] = {}
    for kind in reversed(KINDS):  # a node of two kinds keeps the first of KINDS
        for node in g.subjects(RDF.type, SCHEMA[kind]):
            if isinstance(node, URIRef):
                kinds[node] = kind
    labels: dict[Node, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for node, label in g.subject_objects(RDFS.label):
        if node in kinds and isinstance(label, Literal):
            labels[node][label.language or ""].add(str(label))
    aliases: dict[Node, set[tuple[str, str]]] = defaultdict(set)
    for node, alias in g.subject_objects(SKOS.altLabel):
        if node in kinds and isinstance(alias, Literal):
            aliases[node].add((alias.language or "", str(alias)))
    wikidata: dict[Node, set[str]] = defaultdict(set)
    for node, item in g.subject_objects(OWL.sameAs):
        if node in kinds and str(item).startswith(str(WD)):
            wikidata[node].add(str(item)[len(str(WD)):])
    dates: dict[Node, set[DateValue]] = defaultdict(set)
    for name in _DATE_ORDER:
        for node, value in g.subject_objects(SCHEMA[name]):
            if node in kinds and isinstance(value, Literal):
                dates[node].add(DateValue(name, str(value), str(value.datatype or "").rsplit("#", 1)[-1]))
    mentions: dict[Node, set[Span]] = defaultdict(set)
    for mention, node in g.subject_objects(BKG.mentionOf):
        if node in kinds and (span := spans.get(mention)) is not None:
            mentions[node].add(span)
    figures = _figures(g, spans)

    nodes = []
    for node, kind in sorted(kinds.items()):
        cls = _main_class({str(c) for c in g.objects(node, RDF.type) if str(c).startswith(_BKG)}, kind)
        nodes.append(NodeInfo(
            iri=str(node),
            kind=kind,
            ontology_class=cls,
            class_labels=_labels(iri_labels(cls or str(BKG._NS[kind]))),
            labels=tuple(sorted((lang, min(texts)) for lang, texts in labels[node].items())),
            aliases=tuple(sorted(aliases[node])),
            wikidata=min(wikidata[node]) if wikidata[node] else None,
            dates=tuple(sorted(dates[node], key=lambda d: (_DATE_ORDER.index(d.predicate), -len(d.lexical), d.lexical))),
            mentions=_sorted_spans(mentions[node], order),
            figures=tuple(figures.get(node, ())),
        ))

    evidence: dict[tuple[Node, Node, Node], set[Span]] = defaultdict(set)
    for statement, (s, p, o) in _statements(g).items():
        if s in kinds and o in kinds:
            evidence[(s, p, o)].update(span for m in g.objects(statement, BKG.evidence) if (span := spans.get(m)))
    edges = tuple(
        EdgeInfo(str(s), str(o), str(p), _labels(iri_labels(str(p))), str(p).startswith(_BKG), _sorted_spans(found, order))
        for (s, p, o), found in sorted(evidence.items())
    )
    kind_labels = tuple((kind, _labels(iri_labels(str(BKG._NS[kind])))) for kind in KINDS)
    return GraphData(articles, tuple(nodes), edges, graph_counts(g), kind_labels)


def label_of(labels: Labels, language: str, fallback: str) -> str:
    """The label in ``language``, else in another language (English first), else ``fallback``."""
    given = dict(labels)
    return given.get(language) or given.get("en") or next(iter(given.values()), "") or fallback


def to_networkx(ds: Dataset | Graph | GraphData) -> nx.MultiDiGraph:
    """Return the entities and events as nodes and their relations as edges.

    Nodes are keyed by IRI, edges by predicate IRI. Every attribute is a
    string, number or boolean (what GraphML and GEXF can hold); an attribute
    with no value is left out:

    * nodes: ``label`` (English, else Spanish), ``label_en``, ``label_es``,
      ``kind`` (schema.org), ``class`` (the project class's IRI),
      ``class_label_en``, ``class_label_es``, ``wikidata``, ``languages``
      (of the articles naming it, space-separated), ``articles``,
      ``mentions``, ``start_date``, ``end_date``, ``figures``;
    * edges: ``predicate``, ``label`` (English), ``label_en``, ``label_es``,
      ``relation`` (False for a sub-event link), ``languages``, ``articles``,
      ``evidence`` (spans);
    * the graph: ``articles``, ``entities``, ``events``, ``relations``.

    Args:
        ds: A dataset or graph, or what :func:`to_graph_data` read from one.
    """
    import networkx as nx  # here, not at the top: only this export needs it, and it takes 0.15 s to import

    data = ds if isinstance(ds, GraphData) else to_graph_data(ds)
    language = {a.id: a.language for a in data.articles}
    counts = data.counts
    graph = nx.MultiDiGraph(articles=counts.articles, entities=counts.entities, events=counts.events,
                            relations=counts.relations)
    for node in data.nodes:
        name = node.iri.rstrip("/").rsplit("/", 1)[-1]
        attrs = {
            "label": label_of(node.labels, "en", name),
            **{f"label_{lang}": label_of(node.labels, lang, name) for lang in ("en", "es")},
            "kind": node.kind,
            "class": node.ontology_class,
            **{f"class_label_{lang}": label_of(node.class_labels, lang, node.kind) for lang in ("en", "es")},
            "wikidata": node.wikidata,
            "languages": " ".join(sorted({language.get(s.article, "") for s in node.mentions} - {""})),
            "articles": len({s.article for s in node.mentions}),
            "mentions": len(node.mentions),
            "start_date": next((d.lexical for d in node.dates if d.predicate == "startDate"), None),
            "end_date": next((d.lexical for d in node.dates if d.predicate == "endDate"), None),
            "figures": len(node.figures),
        }
        graph.add_node(node.iri, **{k: v for k, v in attrs.items() if v not in (None, "")})
    for edge in data.edges:
        name = edge.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        attrs = {
            "predicate": edge.predicate,
            "label": label_of(edge.labels, "en", name),
            **{f"label_{lang}": label_of(edge.labels, lang, name) for lang in ("en", "es")},
            "relation": edge.relation,
            "languages": " ".join(sorted({language.get(s.article, "") for s in edge.evidence} - {""})),
            "articles": len({s.article for s in edge.evidence}),
            "evidence": len(edge.evidence),
        }
        graph.add_edge(edge.source, edge.target, key=edge.predicate, **{k: v for k, v in attrs.items() if v != ""})
    return graph


# --------------------------------------------------------------------------
# reading


def _union(ds: Dataset | Graph) -> Dataset | Graph:
    """The dataset's graphs read as one: the same store, no copy, the caller's object unchanged."""
    if isinstance(ds, Dataset) and not ds.default_union:
        return Dataset(store=ds.store, default_union=True)
    return ds


def _statements(g: Dataset | Graph) -> dict[Node, tuple[Node, Node, Node]]:
    """Each reified statement of a relation: ``statement -> (subject, predicate, object)``.

    A relation links two IRIs (a date's object is a literal) and is asserted
    as well as reified; distinct triples may share no statement node, and
    every statement node names one triple (its IRI is the triple's hash).
    """
    subjects = dict(g.subject_objects(RDF.subject))
    objects = dict(g.subject_objects(RDF.object))
    found = {}
    for statement, predicate in g.subject_objects(RDF.predicate):
        s, o = subjects.get(statement), objects.get(statement)
        if isinstance(s, URIRef) and isinstance(o, URIRef) and (s, predicate, o) in g:
            found[statement] = (s, predicate, o)
    return found


class _Spans:
    """The articles, their sentences, and every span of text of the graph, by the span's IRI.

    A span is a ``nif:beginIndex``/``nif:endIndex`` pair ``schema:isPartOf``
    an article; its text is cut from the sentence around it (every span the
    graph gives lies in a sentence it holds).
    """

    def __init__(self, g: Dataset | Graph) -> None:
        self.part_of = dict(g.subject_objects(SCHEMA.isPartOf))
        self.begin = dict(g.subject_objects(NIF.beginIndex))
        self.end = dict(g.subject_objects(NIF.endIndex))
        sentences: dict[Node, set[tuple[int, int, str]]] = defaultdict(set)
        # The sentences' texts only: every span has one, and the others are read from their sentence.
        for sentence in g.subjects(RDF.type, BKG.Sentence):
            if sentence in self.begin and sentence in self.end:
                for text in g.objects(sentence, NIF.anchorOf):
                    sentences[self.part_of.get(sentence)].add((int(self.begin[sentence]), int(self.end[sentence]), str(text)))
        self.articles = _articles(g, sentences)
        self._by_iri = {URIRef(a.iri): (a.id, [start for start, _, _ in a.sentences], a.sentences) for a in self.articles}

    def get(self, span: Node) -> Span | None:
        """The span of this IRI, or None when the graph gives it no article and offsets."""
        article, begin, end = self.part_of.get(span), self.begin.get(span), self.end.get(span)
        if article is None or begin is None or end is None:
            return None
        begin, end = int(begin), int(end)
        ident, starts, sentences = self._by_iri.get(article, (str(article), [], ()))
        i = bisect_right(starts, begin) - 1
        if i >= 0 and end <= sentences[i][1]:
            start, _, text = sentences[i]
            return Span(ident, begin, end, text[begin - start:end - start], start)
        return Span(ident, begin, end, "", -1)


def _articles(g: Dataset | Graph, sentences: Mapping[Node, set[tuple[int, int, str]]]) -> tuple[ArticleInfo, ...]:
    articles = []
    for article in set(g.subjects(RDF.type, SCHEMA.NewsArticle)):
        # One of each is the rule; should a graph give more, take the same one in every run.
        ident = min((str(i) for i in g.objects(article, SCHEMA.identifier)), default=str(article).rsplit("/", 1)[-1])
        title = min((str(t) for t in g.objects(article, SCHEMA.headline)), default="")
        language = min((str(lang) for lang in g.objects(article, SCHEMA.inLanguage)), default="")
        date = min((str(d) for d in g.objects(article, SCHEMA.datePublished)), default=None)
        articles.append(ArticleInfo(str(article), ident, title or ident, language, date, tuple(sorted(sentences.get(article, ())))))
    return tuple(sorted(articles, key=lambda a: (a.date is None, a.date or "", a.language, a.title.casefold(), a.id)))


def _figures(g: Dataset | Graph, spans: _Spans) -> dict[Node, list[FigureInfo]]:
    rows: dict[Node, tuple] = {}
    measures = dict(g.subject_objects(BKG.measure))
    qualifiers = dict(g.subject_objects(BKG.qualifier))
    for event, figure in g.subject_objects(BKG.figure):
        span = next((s for m in g.objects(figure, BKG.evidence) if (s := spans.get(m))), None)
        value, low, high = (g.value(figure, SCHEMA[name]) for name in ("value", "minValue", "maxValue"))
        # Which bound carries the number follows the qualifier (ontology/beslan-kg.ttl); 0 is a number.
        number = next((int(v) for v in (value, low, high) if v is not None), None)
        if span is None or number is None or figure not in measures:
            continue
        qualifier = str(qualifiers.get(figure, BKG.Exact))
        rows[figure] = (event, measures[figure], _QUALIFIERS.get(qualifier, "exact"), number,
                        int(high) if qualifier == str(BKG.Range) and high is not None else None, span)
    disputed = _disputed(g, rows)
    figures: dict[Node, list[FigureInfo]] = defaultdict(list)
    for figure, (event, measure, qualifier, number, upper, span) in rows.items():
        figures[event].append(FigureInfo(str(figure), str(measure), _labels(iri_labels(str(measure))), qualifier, number,
                                         upper, span, figure in disputed))
    return {event: sorted(found, key=lambda f: (f.measure, f.span.article, f.span.start, f.iri)) for event, found in figures.items()}


def _disputed(g: Dataset | Graph, figures: Iterable[Node]) -> set[Node]:
    """The figures the ``disagreements`` query of the pack pairs with a figure of another source.

    The rule (which figures cannot both be true) is the one of
    ``queries/disagreements.rq``, and the tests hold this reading of it to the
    query's answers: two figures of one event and measure, from two sources,
    disagree when the ranges their words allow do not meet. The query lists
    every such pair, which grows with the square of an event's figures (an
    event a thousand articles report); the view needs only which figures are
    in some pair. A figure is in one when its range starts above the lowest
    upper end of another source's figures, or ends below their highest lower
    end, so each event and measure is read once, keeping those ends for the two
    sources that give the most extreme ones. A figure the query names (by its
    event, measure, source and words) is marked, as the query's rows would mark it.
    """
    groups: dict[tuple[Node, Node], list[_Bounds]] = defaultdict(list)
    keys: dict[Node, set[tuple[Node, ...]]] = defaultdict(set)
    for figure in figures:
        numbers = (list(g.objects(figure, SCHEMA[name])) or [None] for name in ("value", "minValue", "maxValue"))
        ranges = {_range(*found) for found in product(g.objects(figure, BKG.qualifier), *numbers)}
        for event, measure, source, evidence in product(list(g.subjects(BKG.figure, figure)), list(g.objects(figure, BKG.measure)),
                                                         list(g.objects(figure, PROV.wasDerivedFrom)),
                                                         list(g.objects(figure, BKG.evidence))):
            for words in g.objects(evidence, NIF.anchorOf):
                key = (event, measure, source, words)
                keys[figure].add(key)
                groups[(event, measure)].extend((source, low, high, key) for low, high in ranges)
    said: set[tuple[Node, ...]] = set()
    for bounds in groups.values():
        said.update(_apart(bounds))
    return {figure for figure, named in keys.items() if named & said}


#: A figure's source, the lowest and highest count its words allow (None: no limit), and what the query names it by.
_Bounds = tuple[Node, Fraction | None, Fraction | None, tuple[Node, ...]]


def _range(qualifier: Node, value: Node | None, low: Node | None, high: Node | None) -> tuple[Fraction | None, Fraction | None]:
    """The lowest and highest count a figure's words allow, as the query reads them (None: no limit).

    "about N" allows 10% either side; counts are whole numbers, so "more than
    N" starts at N + 1 and "fewer than N" ends at N - 1.
    """
    value, low, high = _number(value), _number(low), _number(high)
    if value is not None:
        return (value * Fraction(9, 10), value * Fraction(11, 10)) if qualifier == BKG.Approximately else (value, value)
    return (low + 1 if low is not None and qualifier == BKG.MoreThan else low,
            high - 1 if high is not None and qualifier == BKG.FewerThan else high)


def _number(node: Node | None) -> Fraction | None:
    """A numeric literal's exact value (what SPARQL compares), else None."""
    value = node.toPython() if isinstance(node, Literal) else None
    return Fraction(value) if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None


def _apart(bounds: list[_Bounds]) -> Iterator[tuple[Node, ...]]:
    """What names the figures (of one event and measure) that a figure of another source cannot agree with."""
    least_high = _least_two((source, high) for source, _, high, _ in bounds if high is not None)
    most_low = _least_two((source, -low) for source, low, _, _ in bounds if low is not None)
    for source, low, high, key in bounds:
        other_high, other_low = _other(least_high, source), _other(most_low, source)
        if (low is not None and other_high is not None and other_high < low) or (
                high is not None and other_low is not None and high < -other_low):
            yield key


def _least_two(values: Iterable[tuple[Node, Fraction]]) -> list[tuple[Fraction, Node]]:
    """Each source's least value, for the two sources whose least values are the least: ``[(value, source)]``."""
    least: dict[Node, Fraction] = {}
    for source, value in values:
        if source not in least or value < least[source]:
            least[source] = value
    return heapq.nsmallest(2, ((value, source) for source, value in least.items()), key=lambda found: found[0])


def _other(least: list[tuple[Fraction, Node]], source: Node) -> Fraction | None:
    """The least value of a source other than ``source``."""
    return next((value for value, found in least if found != source), None)


# --------------------------------------------------------------------------
# small conversions


def _sorted_spans(spans, order: Mapping[str, int]) -> tuple[Span, ...]:
    return tuple(sorted(spans, key=lambda s: (order.get(s.article, len(order)), s.article, s.start, s.end, s.text)))


def _labels(labels: Mapping[str, str]) -> Labels:
    return tuple(sorted(labels.items()))


def _main_class(classes: set[str], kind: str) -> str:
    """The most specific project class: the kind's own class only when there is no other."""
    generic = str(BKG._NS[kind])
    specific = sorted(c for c in classes if c != generic)
    return specific[0] if specific else (generic if generic in classes else "")
