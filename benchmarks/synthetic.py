"""A synthetic corpus's resolved records, for benchmarks and tests of size.

``make_knowledge_graph(articles)`` returns the records the reduce step would
hand to the RDF stage for a corpus of that many articles: entities drawn from
a long-tailed population (a few are named everywhere, most in one or two
articles), a few events per article with dates, sub-events and figures, and
relations between what one sentence names. Every span is cut from the
article's own text, so offsets, sentences and mentions are as consistent as a
real build's. 1,000 articles give about 4,000 nodes (a real corpus of that
size gave 4,460) and 660,000 quads.

Deterministic: the same size and seed give the same records.
"""

from __future__ import annotations

import random

from beslan_kg.rdf.build import to_dataset
from beslan_kg.records import (
    ArticleMeta,
    DateStatement,
    Evidence,
    KnowledgeGraph,
    Quantity,
    ResolvedEntity,
    ResolvedFigure,
    Statement,
    TimeValue,
)

#: (kind, ontology class, English word, Spanish word) of the entity population.
_ENTITY_KINDS = (
    ("Person", "Politician", "Minister", "Ministro"),
    ("Person", "Journalist", "Reporter", "Periodista"),
    ("Organization", "GovernmentBody", "Council", "Consejo"),
    ("Organization", "ArmedGroup", "Brigade", "Brigada"),
    ("Place", "Settlement", "Town", "Pueblo"),
    ("Place", "Region", "Province", "Provincia"),
)
_EVENT_CLASSES = ("HostageCrisis", "Attack", "Explosion", "Negotiation", "Visit", "Commemoration")
_SUB_EVENT_CLASSES = ("Assault", "HostageRelease", "Shootout")
_MEASURES = ("Deaths", "Injured", "Hostages", "Released")
_QUALIFIERS = ("exact", "exact", "more_than", "at_least", "approximately", "fewer_than", "range")
_RELATIONS = {
    ("Event", "Place"): "location",
    ("Event", "Person"): "participant",
    ("Event", "Organization"): "perpetrator",
    ("Person", "Organization"): "memberOf",
    ("Place", "Place"): "locatedIn",
}


def make_knowledge_graph(articles: int, *, seed: int = 7) -> KnowledgeGraph:
    """Return the resolved records of a synthetic corpus of ``articles`` articles."""
    rng = random.Random(seed)
    population = max(8, 3 * articles)
    # A Zipf-like weight: entity i is named about 1/(i+1) as often as entity 0.
    weights = [1 / (i + 1) ** 0.8 for i in range(population)]
    mentions: dict[str, list[Evidence]] = {}
    kinds: dict[str, tuple[str, str, str, str]] = {}
    events: dict[str, ResolvedEntity] = {}
    event_mentions: dict[str, list[Evidence]] = {}
    statements: dict[tuple[str, str, str], list[Evidence]] = {}
    dates, figures, metas = [], [], []
    crises: list[str] = []
    for a in range(articles):
        aid = f"synthetic-{a:05d}"
        lang = ("en", "es")[a % 2]
        metas.append(ArticleMeta(id=aid, language=lang, title=f"Synthetic article {a}", path=f"{aid}.txt",
                                 date_published=f"20{10 + a % 15:02d}-0{1 + a % 9}-1{a % 10}"))
        text = ""

        def sentence(parts: list[tuple[str, str | None]]) -> list[tuple[str | None, Evidence]]:
            """Append a sentence made of (text, key) parts; return each keyed part's evidence."""
            nonlocal text
            start = len(text)
            body = "".join(p for p, _ in parts) + ". "
            spans, offset = [], start
            for part, key in parts:
                spans.append((key, offset, offset + len(part), part))
                offset += len(part)
            text += body
            end = len(text)
            return [(key, Evidence(aid, s, e, t, start, end, body)) for key, s, e, t in spans if key is not None]

        # A crisis most articles of a period write about, and its steps.
        if a % 25 == 0 or not crises:
            crises.append(f"event/crisis-{len(crises)}")
        crisis = crises[-1]
        named = sorted(set(rng.choices(range(population), weights=weights, k=7)))
        keys = []
        for i in named:
            kind, cls, en, es = _ENTITY_KINDS[i % len(_ENTITY_KINDS)]
            key = f"synthetic-{cls.lower()}-{i}"
            kinds[key] = (kind, cls, en, es)
            keys.append(key)
        article_events = [(crisis, "HostageCrisis", None)]
        for j in range(rng.randint(1, 3)):
            if rng.random() < 0.4:
                article_events.append((f"event/{aid}-{j}", rng.choice(_SUB_EVENT_CLASSES), crisis))
            else:
                article_events.append((f"event/{aid}-{j}", rng.choice(_EVENT_CLASSES), None))
        for key, cls, parent in article_events:
            if key not in events:
                events[key] = ResolvedEntity(key, "Event", cls, (), (), None, (), super_event=parent)
        for n, key in enumerate(keys):
            kind, cls, en, es = kinds[key]
            word = en if lang == "en" else es
            event_key, event_cls, _ = article_events[n % len(article_events)]
            trigger = event_cls.lower()
            spans = sentence([("The ", None), (trigger, event_key), (" involved ", None), (f"{word} {key[-4:]}", key)])
            for k, ev in spans:
                (event_mentions if k.startswith("event/") else mentions).setdefault(k, []).append(ev)
            predicate = _RELATIONS.get(("Event", kind))
            if predicate:
                statements.setdefault((event_key, predicate, key), []).append(spans[1][1])
        # Most of an article's text names what it is about again and again.
        for key in keys:
            for _ in range(rng.randint(2, 6)):
                (ev,) = [e for _, e in sentence([(key[-4:], key), (" was named again", None)])]
                mentions[key].append(ev)
        for k1, k2 in zip(keys, keys[1:]):
            predicate = _RELATIONS.get((kinds[k1][0], kinds[k2][0]))
            if predicate and rng.random() < 0.5:
                spans = sentence([(k1[-4:], k1), (" and ", None), (k2[-4:], k2)])
                for k, ev in spans:
                    mentions[k].append(ev)
                statements.setdefault((k1, predicate, k2), []).append(spans[0][1])
        for key, cls, _ in article_events:
            day = 1 + (hash_of(key) % 28)
            lexical, datatype = rng.choice(((f"2004-09-{day:02d}", "date"), ("2004-09", "gYearMonth"), ("2004", "gYear")))
            (ev,) = [e for _, e in sentence([(f"It began on {lexical}", key)])]
            event_mentions.setdefault(key, []).append(ev)
            dates.append(DateStatement(key, "startDate", TimeValue(lexical, datatype, lexical), (ev,)))
        for measure in rng.sample(_MEASURES, 2):
            qualifier = rng.choice(_QUALIFIERS)
            value = rng.choice((0, 11, 15, 330, 334, 700, 750, 1100))
            upper = value + 10 if qualifier == "range" else None
            said = f"{qualifier.replace('_', ' ')} {value}"
            (ev,) = [e for _, e in sentence([(said, crisis), (f" {measure.lower()}", None)])]
            figures.append(ResolvedFigure(crisis, measure, Quantity(value, qualifier, said, upper), ev))
    entities = []
    for key in sorted(mentions):
        kind, cls, en, es = kinds[key]
        entities.append(ResolvedEntity(key, kind, cls, (("en", f"{en} {key[-4:]}"), ("es", f"{es} {key[-4:]}")),
                                       (("en", key[-4:]),), None, tuple(mentions[key])))
    for key in sorted(events):
        entities.append(_with_mentions(events[key], tuple(event_mentions.get(key, ()))))
    merged_dates = {}
    for d in dates:
        merged_dates.setdefault((d.event, d.value.lexical), []).append(d)
    return KnowledgeGraph(
        articles=tuple(metas),
        entities=tuple(entities),
        statements=tuple(Statement(s, p, o, tuple(ev), ("synthetic",)) for (s, p, o), ev in sorted(statements.items())),
        dates=tuple(DateStatement(ds[0].event, "startDate", ds[0].value, tuple(e for d in ds for e in d.evidence))
                    for _, ds in sorted(merged_dates.items())),
        figures=tuple(figures),
        merges=(),
    )


def make_dataset(articles: int, *, seed: int = 7):
    """Return the RDF dataset of :func:`make_knowledge_graph`."""
    return to_dataset(make_knowledge_graph(articles, seed=seed))


def hash_of(text: str) -> int:
    """A hash that, unlike ``hash()``, is the same in every run."""
    return sum((i + 1) * ord(c) for i, c in enumerate(text))


def _with_mentions(entity: ResolvedEntity, mentions: tuple[Evidence, ...]) -> ResolvedEntity:
    return ResolvedEntity(entity.key, entity.kind, entity.ontology_class, entity.labels, entity.alt_labels,
                          entity.wikidata, mentions, entity.super_event, entity.anchor)
