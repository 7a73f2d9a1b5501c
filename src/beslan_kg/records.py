"""Plain, frozen records passed from one pipeline stage to the next.

Data flows one way: corpus -> nlp -> resolve -> rdf -> outputs. Every stage
hands the next one only these records, never a spaCy or rdflib object, so a
stage can be cached, parallelised or replaced without the others noticing.

Character offsets are always into ``Article.text`` (Python string indices,
end exclusive), so a piece of evidence can be cut out of the article again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: The schema.org classes an entity may have, by short name.
KINDS = ("Person", "Organization", "Place", "Event", "Thing")


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article apart from its text.

    Attributes:
        id: Stable identifier, used in IRIs (``[A-Za-z0-9_-]+``).
        language: ISO 639-1 code, ``"en"`` or ``"es"``.
        title: Headline, or a short title written for it.
        path: Where the text was read from.
        publisher: Publisher named by the text, if any.
        date_published: ISO date (``YYYY-MM-DD``), if the text gives it.
        source_note: Where the article came from.
        language_detected: True when the language was detected, not given.
    """

    id: str
    language: str
    title: str
    path: str
    publisher: str | None = None
    date_published: str | None = None
    source_note: str | None = None
    language_detected: bool = False


@dataclass(frozen=True)
class Article:
    """An article's metadata and its text."""

    meta: ArticleMeta
    text: str


@dataclass(frozen=True)
class Evidence:
    """A span of an article that supports a statement.

    Attributes:
        article_id: The article the span is in.
        start: Offset of the span's first character.
        end: Offset just past the span's last character.
        text: The span's text (``article.text[start:end]``).
        sentence_start: Offset of the enclosing sentence's first character.
        sentence_end: Offset just past the enclosing sentence.
        sentence: The enclosing sentence's text.
    """

    article_id: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    sentence: str


@dataclass(frozen=True)
class TimeValue:
    """A normalised date or time.

    Attributes:
        lexical: The XSD lexical form, e.g. ``"2004-09-01"``, ``"2004-09"``,
            ``"2004"`` or ``"13:00:00"``.
        datatype: The XSD datatype's local name: ``date``, ``gYearMonth``,
            ``gYear`` or ``time``.
        text: The text it was read from.
        approximate: True for "about 13:00", "late 1999" and the like.
    """

    lexical: str
    datatype: str
    text: str
    approximate: bool = False


@dataclass(frozen=True)
class Quantity:
    """A normalised number with its qualifier.

    Attributes:
        value: The number the text gives (the lower end of a range).
        qualifier: ``exact``, ``more_than``, ``at_least``, ``approximately``,
            ``fewer_than``, ``at_most`` or ``range``.
        text: The text it was read from.
        upper: The upper end of a range, for ``range`` only.
    """

    value: int
    qualifier: str
    text: str
    upper: int | None = None


@dataclass(frozen=True)
class LocalEntity:
    """An entity as one article knows it: all mentions of one thing.

    Attributes:
        local_id: Identifier unique within the article.
        kind: One of :data:`KINDS`.
        ontology_class: Local name of the project class, e.g. ``"Court"``.
        name: The fullest name the article uses.
        kb_id: Knowledge-base key, when the entity is known.
        mentions: Every span that names it, in text order.
        part_of: ``local_id`` of the building it is a part of, for parts
            such as "the gymnasium" of a school.
        part_name: The part's name in English, which keys it across
            languages ("gymnasium" for "el gimnasio").
    """

    local_id: str
    kind: str
    ontology_class: str
    name: str
    kb_id: str | None
    mentions: tuple[Evidence, ...]
    part_of: str | None = None
    part_name: str | None = None


@dataclass(frozen=True)
class Attribution:
    """A sentence that states its claims on a source's word.

    "…, according to the official programme", "según la fiscalía, …" and
    "Putin said …" make everything extracted from their sentence that
    source's claim rather than the article's.

    Attributes:
        article_id: The article.
        sentence_start: Offset of the sentence's first character.
        sentence_end: Offset just past the sentence.
        sentence: The sentence's text.
        text: The attributing words, e.g. "according to the official programme".
        source: The entity named as the source: a ``local_id`` in an
            :class:`ArticleExtraction`, a resolved ``key`` in a
            :class:`KnowledgeGraph`; None when the source is no entity.
    """

    article_id: str
    sentence_start: int
    sentence_end: int
    sentence: str
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Relation:
    """A stated relation between two things of one article.

    ``subject`` and ``object`` are ``local_id`` values of a
    :class:`LocalEntity` or :class:`EventRecord` of the same article;
    ``predicate`` is the local name of an ontology property.
    """

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    rule: str

    def text_order(self) -> tuple[int, str, str, str]:
        """Where it is stated, then what it says: the order an article's relations are kept in."""
        return (self.evidence.start, self.subject, self.predicate, self.object)


def unique_relations(relations: Iterable[Relation]) -> list[Relation]:
    """One relation per subject, predicate, object and sentence (the first given), in text order."""
    unique: dict[tuple[str, str, str, int], Relation] = {}
    for rel in relations:
        unique.setdefault((rel.subject, rel.predicate, rel.object, rel.evidence.sentence_start), rel)
    return sorted(unique.values(), key=Relation.text_order)


@dataclass(frozen=True)
class Figure:
    """A counted figure stated about an event.

    Attributes:
        event: ``local_id`` of the event it is about.
        measure: Local name of a ``bkg:Measure``, e.g. ``"Deaths"``.
        quantity: The number and its qualifier.
        evidence: Where the article says it.
        unit: The ISO 4217 code of a ``Money`` figure's currency.
    """

    event: str
    measure: str
    quantity: Quantity
    evidence: Evidence
    unit: str | None = None


@dataclass(frozen=True)
class EventRecord:
    """An event an article reports.

    Attributes:
        local_id: Identifier unique within the article.
        event_class: Local name of the project's event class.
        kb_id: Knowledge-base key, when the event is a known one.
        evidence: The spans that name or describe it.
        date: When it happened, if stated.
        date_evidence: The span the date was read from.
        time: The time of day written with the date, if any.
        time_evidence: The span the time was read from.
        super_event: ``local_id`` of the event it is part of.
        anchor: ``local_id`` of the entity that identifies it across
            articles (the court of a ruling, the visitor of a visit).
        name: The name the text gives the event ("2017 Puebla earthquake",
            "terremoto de Puebla de 2017"), as written, if it names it.
        lemmas: ``(language, lemma)`` of the verb that reports an action of
            no other class (``OtherAction``), in the article's language and,
            where the verb lexicon knows it, in the other.
        named_after: Entity ids of the places its name holds ("Chiapas" of
            "terremoto de Chiapas"): which event it is, not where the text
            says it happened.
    """

    local_id: str
    event_class: str
    kb_id: str | None
    evidence: tuple[Evidence, ...]
    date: TimeValue | None = None
    date_evidence: Evidence | None = None
    time: TimeValue | None = None
    time_evidence: Evidence | None = None
    super_event: str | None = None
    anchor: str | None = None
    name: str | None = None
    lemmas: tuple[tuple[str, str], ...] = ()
    named_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything the map step extracted from one article."""

    article: ArticleMeta
    entities: tuple[LocalEntity, ...]
    events: tuple[EventRecord, ...]
    relations: tuple[Relation, ...]
    figures: tuple[Figure, ...]
    attributions: tuple[Attribution, ...] = ()


# --- The reduce step's output: one graph's worth of resolved records. ---


@dataclass(frozen=True)
class ResolvedEntity:
    """One real-world entity or event across the whole corpus.

    Attributes:
        key: IRI path below the entity namespace, e.g. ``"vladimir-putin"``.
        kind: One of :data:`KINDS`.
        ontology_class: Local name of the project class.
        labels: ``(language, label)`` pairs, one per language that names it.
        alt_labels: ``(language, name)`` pairs for its other surface forms.
        wikidata: Wikidata item ID, when the knowledge base links it.
        mentions: Every span naming it, over all articles.
        super_event: ``key`` of the event it is part of, for sub-events.
        anchor: ``key`` of the entity naming the event (court, visitor).
        lemmas: ``(language, lemma)`` of the verb of an ``OtherAction``.
    """

    key: str
    kind: str
    ontology_class: str
    labels: tuple[tuple[str, str], ...]
    alt_labels: tuple[tuple[str, str], ...]
    wikidata: str | None
    mentions: tuple[Evidence, ...]
    super_event: str | None = None
    anchor: str | None = None
    lemmas: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Statement:
    """A relation between two resolved entities, with every piece of evidence."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class DateStatement:
    """A date or time of a resolved event and its evidence.

    ``predicate`` is ``startDate``, ``endDate`` or ``startTime``.
    """

    event: str
    predicate: str
    value: TimeValue
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ResolvedFigure:
    """A figure about a resolved event, as one article states it; ``unit`` is a Money figure's currency."""

    event: str
    measure: str
    quantity: Quantity
    evidence: Evidence
    unit: str | None = None


@dataclass(frozen=True)
class Merge:
    """A note in the merge log: local entities that became one node, and why."""

    key: str
    reason: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeGraph:
    """Everything the RDF stage needs, and nothing spaCy- or rdflib-shaped."""

    articles: tuple[ArticleMeta, ...]
    entities: tuple[ResolvedEntity, ...]
    statements: tuple[Statement, ...]
    dates: tuple[DateStatement, ...]
    figures: tuple[ResolvedFigure, ...]
    merges: tuple[Merge, ...]
    attributions: tuple[Attribution, ...] = ()


@dataclass(frozen=True)
class LeftOut:
    """A statement left out of the graph because it would break a shape of ``ontology/shapes.ttl``.

    Attributes:
        what: The statement, as ``subject property object`` in prefixed IRIs.
        problem: What the shape requires that it does not satisfy.
        shape: The shape, e.g. ``bkgsh:Event-location``.
        stage: ``records`` when the check of the records before RDF left it
            out, ``shacl`` when the final SHACL check did.
        article_id: The article it came from, when known.
        sentence: The sentence it came from, when known.
        start: Offset of the words it rests on, when known.
        end: Offset just past them.
    """

    what: str
    problem: str
    shape: str
    stage: str
    article_id: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
