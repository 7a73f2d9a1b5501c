"""Counted figures: deaths, injured, hostages, attackers, people released.

A figure is a quantity the temporal matcher found ("más de 700", "334") whose
measure can be read from the words around it: the noun it counts
("32 terroristas"), the words right after it ("750 wounded", "700 resultaron
heridas"), or the words that govern it ("1,100 people" <- "herded"). A count
of children inside another figure ("334 dead, including 186 children") is that
figure's subgroup. Conjoined counts stay separate figures ("11 madres y 15
niños" were released): where the text gives no total, none is made up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.tokens import Span, Token

from beslan_kg.nlp.context import ArticleContext
from beslan_kg.records import EventRecord, Figure, Quantity

_FOLLOWING = 3
_ANCESTORS = 4


def extract_figures(ctx: ArticleContext, event: str | None, events: Iterable[EventRecord] = ()) -> list[Figure]:
    """Return the figures the article states about ``event`` (its main crisis).

    A figure whose measure belongs to a kind of sub-event (people released, to
    a release) goes to that sub-event when the sentence reports one. Without a
    main crisis, a figure goes to the one event its sentence reports, if any.
    """
    events = list(events)
    measure_events = ctx.rules.get("measure_events", {})
    by_sentence = {(ev.sentence_start, e.event_class): e.local_id for e in events for ev in e.evidence}
    # Without a crisis, a figure can still belong to the one event its sentence reports.
    in_sentence: dict[int, set[str]] = {}
    for e in events:
        for ev in e.evidence:
            in_sentence.setdefault(ev.sentence_start, set()).add(e.local_id)
    if event is None and not events:
        return []
    # A figure given in a sentence that tells one crisis is that crisis's, even
    # when the article is about another ("la toma de la escuela de Beslán, en
    # la que murieron 334 personas").
    main_event_classes = set(ctx.rules.get("main_event_classes", ()))
    main_ids = {e.local_id for e in events if e.event_class in main_event_classes}
    cues = {m: {c.lower() for c in words} for m, words in ctx.rules.get("measures", {}).items()}
    subgroups = ctx.rules.get("subgroups", {})
    outcomes = set(ctx.rules.get("outcome_measures", ()))
    figures: list[Figure] = []
    for found in ctx.temporal:
        if found.kind == "duration":
            figure = _duration(ctx, found, event, cues)
            if figure is not None:
                figures.append(figure)
            continue
        if found.kind != "quantity":
            continue
        span = ctx.doc.char_span(found.start_char, found.end_char, alignment_mode="expand")
        if span is None:
            continue
        counted = _counted(span)
        measure = _measure(span, counted, cues, outcomes)
        subgroup = _subgroup(counted, subgroups)
        if subgroup is not None:
            parent = _parent(figures, span)
            base = measure or (parent.measure if parent is not None else None)
            measure = subgroup.get("measures", {}).get(base, base) if base else None
        if measure is None:
            continue
        evidence = ctx.evidence(found.start_char, found.end_char)
        here = in_sentence.get(evidence.sentence_start, set())
        mains = here & main_ids
        if len(mains) == 1:
            fallback = next(iter(mains))
        else:
            fallback = event if event is not None else (next(iter(here)) if len(here) == 1 else None)
        target = by_sentence.get((evidence.sentence_start, measure_events.get(measure)), fallback)
        if target is None:
            continue
        figure = Figure(target, measure, found.value, evidence)
        figures.append(figure)
    return figures


def _counted(span: Span) -> Token:
    """Return the noun a number counts (or the number itself when none)."""
    number = span[-1]
    head = number.head
    if number.dep_ in ("nummod", "quantmod") or (number.dep_ == "conj" and head.pos_ == "NOUN"):
        return head if number.dep_ != "conj" else number
    return number


def _measure(span: Span, counted: Token, cues: Mapping[str, set[str]], outcomes: set[str]) -> str | None:
    """Read the measure from the counted noun and from the words around the number.

    What happened to the people counted (died, were wounded, were freed)
    outranks who they were: "130 hostages died" counts deaths.
    """

    def lookup(token: Token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        return next((m for m, words in cues.items() if lemma in words or lower in words), None)

    noun = lookup(counted) if not span.start <= counted.i < span.end else None
    context = None
    doc = span.doc
    for token in doc[span.end : min(len(doc), span.end + _FOLLOWING + 1)]:
        if token.is_punct or token.is_sent_start:
            break
        if token.i != counted.i:
            context = context or lookup(token)
    token = counted
    for _ in range(_ANCESTORS):
        if context is not None or token.head.i == token.i:
            break
        token = token.head
        context = lookup(token)
    if context in outcomes:
        return context
    return noun or context


def _subgroup(counted: Token, subgroups: Mapping[str, Any]) -> Mapping[str, Any] | None:
    lemma = counted.lemma_.lower()
    return next((spec for spec in subgroups.values() if lemma in spec.get("nouns", ())), None)


def _parent(figures: list[Figure], span: Span) -> Figure | None:
    """Return the figure a subgroup count belongs to: the last one earlier in its sentence."""
    sentence = span.sent
    earlier = [f for f in figures if sentence.start_char <= f.evidence.start < span.start_char]
    return earlier[-1] if earlier else None


def _duration(ctx: ArticleContext, found, event: str, cues) -> Figure | None:
    """Return how long the crisis lasted, in hours, when a verb of lasting governs it."""
    hours = {"hours": 1, "days": 24, "weeks": 168}.get(found.unit or "")
    span = ctx.doc.char_span(found.start_char, found.end_char, alignment_mode="expand")
    if hours is None or span is None:
        return None
    lasting = {w.lower() for w in ctx.rules.get("lasting", ())}
    token = span.root
    for _ in range(_ANCESTORS):
        token = token.head
        if token.lemma_.lower() in lasting:
            q = found.value
            scaled = Quantity(q.value * hours, q.qualifier, q.text, q.upper * hours if q.upper else None)
            return Figure(event, "DurationHours", scaled, ctx.evidence(found.start_char, found.end_char))
        if token.head.i == token.i:
            break
    return None
