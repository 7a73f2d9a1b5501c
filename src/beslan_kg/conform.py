"""Check the resolved records against the shapes before they become RDF.

Between resolve and rdf: every entity, relation, date, figure, mention and
attribution of a :class:`~beslan_kg.records.KnowledgeGraph` is held to what
``ontology/shapes.ttl`` requires of the triples it will become, and one that
would break a shape is left out, alone, with a :class:`~beslan_kg.records.LeftOut`
naming its article and sentence. What ``rdf/`` receives then satisfies the
shapes; pySHACL still checks the graph it builds, as the final guarantee.

The checks mirror the shapes (each :class:`LeftOut` names the shape):

- an entity's schema.org kind is one of :data:`~beslan_kg.records.KINDS`, and
  its ``bkg:`` class is declared, labelled, and a subclass of that kind (else
  it keeps the kind's own class, ``bkg:Place`` for a place); at most one label
  per language; a Wikidata link is an item ID;
- a relation's property is declared in the ontology, both ends are entities,
  and a property the shapes give a kind of node points to one of that kind
  (``bkg:location`` to a place, ``bkg:concerns`` to an event, read from the
  shapes themselves); a sub-event's crisis is an event;
- a date is a valid ``xsd:date``, ``gYearMonth``, ``gYear`` (start and end
  dates) or ``xsd:time`` (start times) of an event;
- a figure hangs off an event, counts a declared measure with a declared
  qualifier, holds integer bounds that fit it (a range's lower bound is not
  above its upper bound), and is the only figure of its event at its span;
- every span of text lies in an article of the graph, has the length its
  offsets say and lies within its sentence; one span is one mention of one
  entity, with one text and one sentence.

Nothing here builds RDF: the ontology and shapes are read as plain strings
(:func:`beslan_kg.rdf.ontology.ontology_terms`, :func:`beslan_kg.rdf.validate.object_kinds`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from beslan_kg.records import (
    KINDS,
    ArticleMeta,
    Attribution,
    DateStatement,
    Evidence,
    KnowledgeGraph,
    LeftOut,
    ResolvedEntity,
    ResolvedFigure,
    Statement,
)

#: Qualifiers of :class:`~beslan_kg.records.Quantity` -> the ``bkg:Qualifier`` they become.
QUALIFIERS = {
    "exact": "Exact",
    "more_than": "MoreThan",
    "at_least": "AtLeast",
    "approximately": "Approximately",
    "fewer_than": "FewerThan",
    "at_most": "AtMost",
    "range": "Range",
}
_DATE_TYPES = {"startDate": ("date", "gYearMonth", "gYear"), "endDate": ("date", "gYearMonth", "gYear"), "startTime": ("time",)}
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class Conformed:
    """The records that satisfy the shapes, and what was left out.

    Attributes:
        kg: The records, each of which satisfies the shapes.
        left_out: Each statement left out, with its article and sentence.
    """

    kg: KnowledgeGraph
    left_out: tuple[LeftOut, ...]


def conform(kg: KnowledgeGraph) -> Conformed:
    """Hold every record of ``kg`` to the shapes; leave out, one by one, those that break one.

    Raises:
        ConfigError: The ontology or the shapes cannot be read.
    """
    from beslan_kg.rdf.ontology import ontology_terms
    from beslan_kg.rdf.validate import object_kinds

    return _Checker(kg, ontology_terms(), object_kinds()).run()


class _Checker:
    def __init__(self, kg: KnowledgeGraph, terms, kinds: Mapping[tuple[str, str], str]) -> None:
        self.kg = kg
        self.terms = terms
        self.kinds = kinds
        self.left: list[LeftOut] = []
        self.articles = {a.id: a for a in kg.articles}
        # The first text and sentence seen for a span win: one IRI, one description.
        self.spans: dict[tuple[str, int, int], tuple[str, int, int]] = {}
        self.sentences: dict[tuple[str, int, int], str] = {}

    def run(self) -> Conformed:
        articles = tuple(self._article(a) for a in self.kg.articles)
        entities = {e.key: self._entity(e) for e in sorted(self.kg.entities, key=lambda e: e.key)}
        kind = {key: e.kind for key, e in entities.items()}
        entities = self._mentions(entities)
        entities = {key: self._super_event(e, kind) for key, e in entities.items()}
        statements = tuple(s for s in (self._statement(st, kind) for st in self.kg.statements) if s is not None)
        dates = tuple(d for d in (self._date(d, kind) for d in self.kg.dates) if d is not None)
        figures = self._figures(self.kg.figures, kind)
        attributions = tuple(self._attribution(a, entities) for a in self.kg.attributions)
        kg = replace(self.kg, articles=articles, entities=tuple(entities.values()), statements=statements, dates=dates,
                     figures=figures, attributions=tuple(a for a in attributions if a is not None))
        return Conformed(kg, tuple(self.left))

    # ---- reporting

    def _leave_out(self, what: str, problem: str, shape: str, evidence: Evidence | None) -> None:
        self.left.append(LeftOut(
            what=what, problem=problem, shape=shape, stage="records",
            article_id=evidence.article_id if evidence else None,
            sentence=evidence.sentence if evidence else None,
            start=evidence.start if evidence else None,
            end=evidence.end if evidence else None,
        ))

    # ---- articles and spans

    def _article(self, article: ArticleMeta) -> ArticleMeta:
        if article.date_published is not None and not _valid_lexical(article.date_published, "date"):
            self._leave_out(f"article:{article.id} schema:datePublished {article.date_published!r}",
                            "An article has at most one schema:datePublished, a valid xsd:date.", "bkgsh:Article-datePublished", None)
            return replace(article, date_published=None)
        return article

    def _evidence_problem(self, ev: Evidence) -> str | None:
        """Why a span cannot be written as a mention in its sentence, or None."""
        problem = self._sentence_problem(ev)
        if problem is not None:
            return problem
        if not 0 <= ev.start < ev.end or len(ev.text) != ev.end - ev.start:
            return "The span's text is not as long as its offsets say, or its offsets are not in order."
        if not ev.sentence_start <= ev.start or not ev.end <= ev.sentence_end:
            return "The mention does not lie within its bkg:sentence in the same article."
        known = self.spans.setdefault((ev.article_id, ev.start, ev.end), (ev.text, ev.sentence_start, ev.sentence_end))
        if known != (ev.text, ev.sentence_start, ev.sentence_end):
            return "The span is already described with another text or sentence."
        return None

    def _good_evidence(self, evidence: Iterable[Evidence], what: str) -> tuple[Evidence, ...]:
        kept = []
        for ev in evidence:
            problem = self._evidence_problem(ev)
            if problem is None:
                kept.append(ev)
            else:
                self._leave_out(f"{what} (evidence at {ev.start}-{ev.end})", problem, "bkgsh:TextSpan", ev)
        return tuple(kept)

    # ---- entities

    def _entity(self, entity: ResolvedEntity) -> ResolvedEntity:
        first = entity.mentions[0] if entity.mentions else None
        name = f"id:{entity.key}"
        if entity.kind not in KINDS:
            # Without a kind the node cannot be written at all; Thing is the kind of anything.
            self._leave_out(f"{name} rdf:type schema:{entity.kind}", "An entity's schema.org type is schema:Person, "
                            "Organization, Place, Event or Thing.", "bkgsh:Entity-kind", first)
            entity = replace(entity, kind="Thing", ontology_class="Thing")
        kinds = self.terms.class_kinds.get(entity.ontology_class)
        if kinds is None or entity.kind not in kinds or entity.ontology_class not in self.terms.labelled:
            self._leave_out(f"{name} rdf:type bkg:{entity.ontology_class}", "The entity's bkg: class is not declared (with "
                            f"labels) in the ontology as a subclass of its schema.org type; it is a bkg:{entity.kind}.",
                            "bkgsh:Entity-classFitsType", first)
            entity = replace(entity, ontology_class=entity.kind)
        labels, seen = [], set()
        for lang, label in entity.labels:
            if lang in seen or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang):
                self._leave_out(f"{name} rdfs:label {label!r}@{lang}", "An entity has at most one rdfs:label per "
                                "language, with a language tag.", "bkgsh:Entity-labelPerLanguage", first)
                continue
            seen.add(lang)
            labels.append((lang, label))
        if entity.wikidata is not None and not _WIKIDATA.fullmatch(entity.wikidata):
            self._leave_out(f"{name} owl:sameAs wd:{entity.wikidata}", "owl:sameAs points to a Wikidata item IRI, "
                            "http://www.wikidata.org/entity/Q…", "bkgsh:Entity-sameAsWikidata", first)
            entity = replace(entity, wikidata=None)
        return replace(entity, labels=tuple(labels))

    def _mentions(self, entities: dict[str, ResolvedEntity]) -> dict[str, ResolvedEntity]:
        """Keep each entity's valid mentions; a span names one entity, the first by key."""
        owner: dict[tuple[str, int, int], str] = {}
        result = {}
        for key, entity in entities.items():
            kept = []
            for ev in self._good_evidence(entity.mentions, f"id:{key} (mention)"):
                span = (ev.article_id, ev.start, ev.end)
                if owner.setdefault(span, key) != key:
                    self._leave_out(f"<{ev.article_id}#char={ev.start},{ev.end}> bkg:mentionOf id:{key}",
                                    f"A mention is bkg:mentionOf at most one entity; this one names id:{owner[span]}.",
                                    "bkgsh:Mention-entity", ev)
                    continue
                kept.append(ev)
            result[key] = replace(entity, mentions=tuple(kept))
        return result

    def _super_event(self, entity: ResolvedEntity, kind: Mapping[str, str]) -> ResolvedEntity:
        if entity.super_event is None:
            return entity
        required = self.kinds.get(("Event", "superEvent"), "Event")
        if entity.kind != "Event" or kind.get(entity.super_event) != required or entity.super_event == entity.key:
            self._leave_out(f"id:{entity.key} schema:superEvent id:{entity.super_event}", "schema:superEvent points "
                            "from an event to another event.", "bkgsh:Event-superEvent", entity.mentions[0] if entity.mentions else None)
            return replace(entity, super_event=None)
        return entity

    # ---- statements

    def _statement(self, st: Statement, kind: Mapping[str, str]) -> Statement | None:
        what = f"id:{st.subject} bkg:{st.predicate} id:{st.object}"
        first = st.evidence[0] if st.evidence else None
        problem, shape = None, "bkgsh:Statement"
        if st.predicate not in self.terms.properties:
            problem = f"bkg:{st.predicate} is not a property of the ontology."
        elif st.subject not in kind or st.object not in kind:
            missing = st.subject if st.subject not in kind else st.object
            problem = f"id:{missing} is no entity of the graph."
        elif st.subject == st.object:
            problem = "A relation links two different entities."
        else:
            required = self.kinds.get((kind[st.subject], st.predicate))
            if required is not None and kind[st.object] != required:
                problem = f"bkg:{st.predicate} points to {_a(required.lower())}; id:{st.object} is {_a(kind[st.object])}."
                shape = f"bkgsh:{kind[st.subject]}-{st.predicate}"
        if problem is not None:
            self._leave_out(what, problem, shape, first)
            return None
        evidence = self._good_evidence(st.evidence, what)
        if not evidence:
            return None
        return replace(st, evidence=evidence)

    def _date(self, date: DateStatement, kind: Mapping[str, str]) -> DateStatement | None:
        value = date.value
        what = f"id:{date.event} schema:{date.predicate} {value.lexical!r}^^xsd:{value.datatype}"
        first = date.evidence[0] if date.evidence else None
        allowed = _DATE_TYPES.get(date.predicate, ())
        if kind.get(date.event) != "Event":
            self._leave_out(what, f"id:{date.event} is no event of the graph.", "bkgsh:Event", first)
            return None
        if value.datatype not in allowed or not _valid_lexical(value.lexical, value.datatype):
            shape = {"startDate": "bkgsh:Event-startDate", "endDate": "bkgsh:Event-endDate"}.get(date.predicate, "bkgsh:Event-startTime")
            self._leave_out(what, f"schema:{date.predicate} is a valid xsd:{' or xsd:'.join(allowed) or 'date'}.", shape, first)
            return None
        evidence = self._good_evidence(date.evidence, what)
        return replace(date, evidence=evidence) if evidence else None

    def _figures(self, figures: Iterable[ResolvedFigure], kind: Mapping[str, str]) -> tuple[ResolvedFigure, ...]:
        kept, nodes = [], set()
        for fig in figures:
            q = fig.quantity
            ev = fig.evidence
            what = f"figure of id:{fig.event}: bkg:{fig.measure} {q.qualifier} {q.value}{'-' + str(q.upper) if q.upper is not None else ''}"
            problem, shape = None, "bkgsh:Figure"
            bounds = [q.value] + ([q.upper] if q.upper is not None else [])
            if kind.get(fig.event) != "Event":
                problem, shape = f"A figure hangs off an event; id:{fig.event} is none.", "bkgsh:Figure-event"
            elif fig.measure not in self.terms.measures:
                problem, shape = f"bkg:{fig.measure} is not a bkg:Measure of the ontology.", "bkgsh:Figure-measure"
            elif QUALIFIERS.get(q.qualifier) not in self.terms.qualifiers:
                problem, shape = f"{q.qualifier!r} is not a bkg:Qualifier of the ontology.", "bkgsh:Figure-qualifier"
            elif any(isinstance(b, bool) or not isinstance(b, int) for b in bounds):
                problem, shape = "A figure's bounds are xsd:integer.", "bkgsh:Figure-value"
            elif q.qualifier == "range" and q.upper is not None and q.value > q.upper:
                problem, shape = "A figure's schema:minValue is not above its schema:maxValue.", "bkgsh:Figure-range"
            elif (fig.event, ev.article_id, ev.start, ev.end) in nodes:
                problem = "Another figure of the same event rests on the same words."
            else:
                problem = self._evidence_problem(ev)
                shape = "bkgsh:TextSpan" if problem else shape
            if problem is not None:
                self._leave_out(what, problem, shape, ev)
                continue
            nodes.add((fig.event, ev.article_id, ev.start, ev.end))
            kept.append(fig)
        return tuple(kept)

    def _attribution(self, claim: Attribution, entities: Mapping[str, ResolvedEntity]) -> Attribution | None:
        ev = Evidence(claim.article_id, claim.sentence_start, claim.sentence_end, claim.sentence,
                      claim.sentence_start, claim.sentence_end, claim.sentence)
        what = f"<{claim.article_id}#char={claim.sentence_start},{claim.sentence_end}> bkg:attribution {claim.text!r}"
        problem = self._sentence_problem(ev)
        if problem is not None:
            self._leave_out(what, problem, "bkgsh:TextSpan", ev)
            return None
        if claim.source is not None and claim.source not in entities:
            self._leave_out(f"{what} bkg:attributedTo id:{claim.source}", f"id:{claim.source} is no entity of the graph.",
                            "bkgsh:Sentence-attributedTo", ev)
            return replace(claim, source=None)
        return claim

    def _sentence_problem(self, ev: Evidence) -> str | None:
        if ev.article_id not in self.articles:
            return "The sentence is not part of an article of the graph."
        if not 0 <= ev.sentence_start < ev.sentence_end or len(ev.sentence) != ev.sentence_end - ev.sentence_start:
            return "The sentence's text is not as long as its offsets say, or its offsets are not in order."
        known = self.sentences.setdefault((ev.article_id, ev.sentence_start, ev.sentence_end), ev.sentence)
        return None if known == ev.sentence else "The sentence is already described with another text."


def _valid_lexical(lexical: str, datatype: str) -> bool:
    """Tell whether ``lexical`` is a valid value of the XSD type (as rdflib and SHACL read it)."""
    try:
        if datatype == "date":
            return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", lexical)) and dt.date.fromisoformat(lexical) is not None
        if datatype == "gYearMonth":
            return bool(re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", lexical)) and lexical[:4] != "0000"
        if datatype == "gYear":
            return bool(re.fullmatch(r"\d{4}", lexical)) and lexical != "0000"
        if datatype == "time":
            return bool(re.fullmatch(r"\d{2}:\d{2}:\d{2}", lexical)) and dt.time.fromisoformat(lexical) is not None
    except ValueError:
        return False
    return False


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
