"""Find the events an article reports, their dates and their participants.

Events come from two sources: names the gazetteer knows ("the Beslan school
siege") and trigger words listed per language in ``ontology/rules``
("stormed", "explosiones", "ruled"). A trigger marked ``main`` refers to the
article's main crisis; the others make new events, which are sub-events of
the crisis (``part``) or about it (``about``). Participants come from the
trigger's syntactic dependents, mapped to ontology properties by the rules.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.tokens import Token

from beslan_kg.kb import load_kb
from beslan_kg.nlp.context import ArticleContext, prepositional
from beslan_kg.nlp.entities import slug
from beslan_kg.nlp.gazetteer import DEMONYM_KEY
from beslan_kg.records import Evidence, EventRecord, Figure, Relation, TimeValue


@dataclass
class _Draft:
    """An event while the article is being read; frozen into an EventRecord."""

    local_id: str
    event_class: str
    kb_id: str | None
    evidence: list[Evidence] = field(default_factory=list)
    dates: list[tuple[TimeValue, Evidence]] = field(default_factory=list)
    roles: list[tuple[str, str, Evidence, str]] = field(default_factory=list)
    super_event: str | None = None
    crisis: str | None = None
    anchor_role: str | None = None
    concerns: dict[str, Evidence] = field(default_factory=dict)


# How far after a date (in characters) its time of day may be written.
_TIME_GAP = 12


@dataclass(frozen=True)
class _Trigger:
    lemmas: tuple[str, ...]
    spec: Mapping[str, Any]


def extract_events(ctx: ArticleContext) -> tuple[list[EventRecord], list[Relation], str | None]:
    """Return the article's events, their relations, and its main crisis's id.

    Must run after :func:`beslan_kg.nlp.entities.collect_entities` has indexed
    the entities in ``ctx``.
    """
    drafts: dict[str, _Draft] = {}
    main = _main_crisis(ctx, drafts)
    triggers = _triggers(ctx.rules)
    # One-word names of a crisis ("siege", "masacre"), for objects that name an event.
    event_words = frozenset(t.lemmas[0] for found in triggers.values() for t in found if len(t.lemmas) == 1 and t.spec.get("main"))
    crisis_classes = set(ctx.rules.get("crisis_classes", ()))
    trigger_of: dict[int, str] = {}
    about: list[tuple[str, Token, Evidence]] = []
    for first, width, specs in _iter_trigger_tokens(ctx, triggers):
        words = ctx.doc[first.i : first.i + width]
        # The syntactic head stands for a trigger of several words ("press conference").
        token = words.root
        # A crisis named is a crisis that happened, whatever the clause around
        # it; so is a commemoration people gathered "to mark" (`done_in_purpose`).
        if not all(spec.get("main") for spec in specs) and _irrealis(
            token, ctx.rules, purpose=not all(spec.get("done_in_purpose") for spec in specs)
        ):
            continue
        # The first reading whose conditions hold wins ("commandos stormed" is
        # an assault, "gunmen stormed" the start of a siege).
        chosen = next(
            ((spec, roles) for spec in specs if _admissible(ctx, spec, roles := list(_roles(ctx, token, spec)), token, event_words)),
            None,
        )
        if chosen is None:
            continue
        spec, roles = chosen
        evidence = ctx.evidence(words.start_char, words.end_char)
        # A step of the crisis may take its day from the paragraph before
        # ("…el 1 de septiembre… ¶ Las negociaciones se prolongaron todo el día").
        # An article about one crisis may recall another: a step belongs to
        # the crisis named in its sentence, or last named before it.
        crisis = _crisis_near(ctx, drafts, token, crisis_classes) or main
        own = None
        if spec.get("main"):
            own = _date_of(ctx, token, narrative=False)
            # "In June 1995 fighters seized a hospital in Budyonnovsk": the
            # crisis its time and place say, whatever the article told before;
            # a crisis told in another year is not the one told before.
            known = _known_at(ctx, token, own, crisis_classes)
            if known is not None:
                crisis = drafts.setdefault(known.key, _Draft(known.key, known.ontology_class, known.key))
            elif crisis is not None and own is not None and _year_of(crisis) not in (None, own[0].lexical[:4]):
                crisis = None
            elif crisis is not None and own is not None and _another_day(ctx, spec["class"], own[0], crisis):
                crisis = None
            elif crisis is not None and _placed_apart(ctx, roles, crisis):
                # "un doble atentado suicida en la ciudad de Kizliar", after the
                # Moscow bombings: another town, another crisis.
                crisis = None
        # Without a crisis to tell, a step has no story to take its day from.
        in_story = spec.get("main") or (crisis is not None and (spec.get("part") or spec.get("part_when_dated")))
        sequential = bool(in_story) and not _told_later(ctx, token)
        date = _date_of(ctx, token, narrative=sequential, reach=1 if sequential and not spec.get("main") else 0)
        if date is None and spec.get("about") and crisis is not None:
            # "criticised for their handling of the attack at the time": the
            # time is the crisis's, to the year.
            date = _then(ctx, token, crisis)
        if spec.get("part_when_dated"):
            # A demand made during the crisis is a step of it; one made later
            # (by relatives, by campaigners) is about it.
            during = _said_during(ctx, token, crisis, trigger_of)
            spec = {**spec, "part": date is not None or during, "about": date is None and not during}
        if spec.get("main"):
            if crisis is None:
                key = f"event-{slug(spec['class'])}"
                if key in drafts and (own or date):
                    key = f"{key}-{(own or date)[0].lexical[:4]}"
                crisis = drafts.setdefault(key, _Draft(key, spec["class"], None))
                main = main or crisis
            draft = crisis
        else:
            # "The court ruled in Tagayeva and Others v. Russia …": the
            # trigger reports the known event its sentence names.
            known = _known_in_sentence(drafts, token, spec["class"])
            if known is not None and known.anchor_role is None:
                # The entity that anchors the trigger's event (the court of a
                # ruling) anchors the known event too, so that another
                # article's ruling by that court that year can join it.
                known.anchor_role = spec.get("anchor")
            draft = known or _new_or_same(drafts, ctx, spec, roles, date, crisis)
            if crisis is not None and spec["class"] not in crisis_classes:
                draft.super_event = crisis.local_id if spec.get("part") else None
                draft.crisis = crisis.local_id if spec.get("about") else None
        draft.evidence.append(evidence)
        if date is not None:
            draft.dates.append(date)
        draft.roles.extend((role, entity, evidence, rule) for role, entity, rule in roles)
        trigger_of.update((t.i, draft.local_id) for t in words)
        if spec.get("about"):
            about.append((draft.local_id, token, evidence))
    renamed = _recognise_known(ctx, drafts)
    main = _most_told(drafts, crisis_classes) or main
    renamed.update(_merge_unanchored(ctx, drafts, main))
    for draft in drafts.values():
        draft.super_event = renamed.get(draft.super_event, draft.super_event)
        draft.crisis = renamed.get(draft.crisis, draft.crisis)
    _aim(ctx, drafts, about, {i: renamed.get(d, d) for i, d in trigger_of.items()}, renamed)
    events, relations = _freeze(ctx, drafts, main)
    return events, relations, main.local_id if main is not None else None


def _known_in_sentence(drafts: dict[str, _Draft], token: Token, event_class: str) -> _Draft | None:
    sentence = token.sent
    known = {
        d.local_id
        for d in drafts.values()
        if d.kb_id and d.event_class == event_class
        for ev in d.evidence
        if sentence.start_char <= ev.start < sentence.end_char
    }
    return drafts[known.pop()] if len(known) == 1 else None


def _crisis_near(ctx: ArticleContext, drafts: dict[str, _Draft], token: Token, classes: set[str]) -> _Draft | None:
    """Return the crisis told in the token's sentence, else the last one told before it.

    Known crises count where they are named, others where their triggers are.
    """
    named = sorted(
        (ev.start, d.local_id)
        for d in drafts.values()
        if d.event_class in classes
        for ev in d.evidence
    )
    sentence = token.sent
    here = [key for start, key in named if sentence.start_char <= start < sentence.end_char]
    if len(set(here)) == 1:
        return drafts[here[0]]
    before = [key for start, key in named if start < token.idx]
    return drafts[before[-1]] if before and not here else None


def _main_crisis(ctx: ArticleContext, drafts: dict[str, _Draft]) -> _Draft | None:
    """Register the known events the article names; return its main crisis."""
    kb = load_kb()
    crisis_classes = set(ctx.rules.get("crisis_classes", ()))
    counts: dict[str, int] = {}
    for ent in ctx.doc.ents:
        entry = kb.get(ent.ent_id_)
        if entry is None or entry.kind != "Event":
            continue
        draft = drafts.setdefault(entry.key, _Draft(entry.key, entry.ontology_class, entry.key))
        draft.evidence.append(ctx.evidence(ent.start_char, ent.end_char))
        date = _date_of(ctx, ent.root, narrative=False)
        if date is not None:
            draft.dates.append(date)
        for i in range(ent.start, ent.end):
            ctx.entity_of_token[i] = entry.key
        ctx.class_of[entry.key] = entry.ontology_class
        ctx.kind_of[entry.key] = "Event"
        if entry.ontology_class in crisis_classes:
            counts[entry.key] = counts.get(entry.key, 0) + 1
    if not counts:
        return None
    return drafts[max(sorted(counts), key=lambda k: counts[k])]


def _triggers(rules: Mapping[str, Any]) -> Mapping[str, tuple[_Trigger, ...]]:
    """Index the rules' triggers by their first lemma, longest first.

    A stable sort keeps the rules' own order among triggers of one width,
    which decides between readings ("commandos stormed" before "stormed").
    """
    by_first: dict[str, list[_Trigger]] = {}
    for spec in rules.get("events", ()):
        for lemma in spec["lemmas"]:
            trigger = _Trigger(tuple(lemma.lower().split()), spec)
            by_first.setdefault(trigger.lemmas[0], []).append(trigger)
    return {first: tuple(sorted(found, key=lambda t: -len(t.lemmas))) for first, found in by_first.items()}


def _iter_trigger_tokens(ctx: ArticleContext, triggers: Mapping[str, tuple[_Trigger, ...]]) -> Iterator[tuple[Token, int, list[Mapping]]]:
    """Yield each trigger word, its width, and every reading of it, longest first, in rule order."""
    doc = ctx.doc
    lemmas = [_lemma(t) for t in doc]
    for token in doc:
        candidates = triggers.get(lemmas[token.i])
        if not candidates or token.i in ctx.entity_of_token:
            continue
        width, specs = 0, []
        for trigger in candidates:
            size = len(trigger.lemmas)
            if width and size != width:
                break
            end = token.i + size
            if end > len(doc) or tuple(lemmas[token.i : end]) != trigger.lemmas:
                continue
            if any(i in ctx.entity_of_token for i in range(token.i, end)):
                continue
            if doc[token.i : end].root.pos_ in trigger.spec["pos"]:
                width = size
                specs.append(trigger.spec)
        if specs:
            yield token, width, specs


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _roles(ctx: ArticleContext, trigger: Token, spec: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Yield (property, entity local_id, rule id) for the trigger's participants."""
    roles: Mapping[str, str] = spec.get("roles") or {}
    rule = f"{ctx.meta.language}-event-{slug(spec['class'])}"
    location_preps = set(ctx.rules.get("location_preps", ()))
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    of_preps = set(ctx.rules.get("of_preps", ()))
    # A clause with a subject of its own has its agent already; a "by"/"por"
    # phrase there gives a cause or a means ("condenó a Rusia por la toma").
    has_subject = any(c.dep_ == "nsubj" for c in trigger.children)
    for child in trigger.children:
        dep = child.dep_
        if dep in ("nsubj", "agent_subject") and "agent" in roles:
            yield from _as_role(ctx, child, roles["agent"], rule)
        elif dep in ("dobj", "obj", "nsubjpass", "nsubj:pass") and "object" in roles:
            yield from _as_role(ctx, child, roles["object"], rule)
        elif dep == "poss" and "possessor" in roles:
            yield from _as_role(ctx, child, roles["possessor"], rule)
        elif dep == "ccomp" and "clause_subject" in roles:
            subject = next((t for t in child.subtree if t.i in ctx.entity_of_token and t.dep_ in ("poss", "nsubj")), None)
            if subject is not None:
                yield from _as_role(ctx, subject, roles["clause_subject"], rule)
        if dep in ("dobj", "obj") and spec.get("object_places"):
            # "seized a hospital in Budyonnovsk": the place taken is where it happened.
            for place in _places_in(ctx, child, location_preps):
                yield "location", place, rule
        for prep, target in prepositional(child):
            if prep in agent_preps and "agent" in roles and not has_subject:
                yield from _as_role(ctx, target, roles["agent"], rule)
            elif prep in of_preps and "of" in roles:
                yield from _as_role(ctx, target, roles["of"], rule)
            elif prep in roles:
                yield from _as_role(ctx, target, roles[prep], rule)
            elif prep in location_preps:
                entity = ctx.entity_at(target)
                if entity is not None and ctx.kind_of.get(entity) == "Place":
                    yield "location", entity, rule
                elif entity is None:
                    # "at a school in Beslan": an unnamed building, then its town.
                    for place in _places_in(ctx, target, location_preps):
                        yield "location", place, rule
    if (trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")) or (
        trigger.pos_ == "VERB" and trigger.dep_ in ("advcl", "xcomp")
    ):
        # The clause's own verb says where ("gathered in Beslan to mark …").
        # "dos explosiones sacudieron el gimnasio", "a ceremony is held in the
        # gymnasium": the verb of which the event is the subject says where.
        for child in trigger.head.children:
            places = [child] if child.dep_ in ("dobj", "obj") else [t for p, t in prepositional(child) if p in location_preps]
            for place in places:
                entity = ctx.entity_at(place)
                if entity is not None and ctx.kind_of.get(entity) == "Place":
                    yield "location", entity, rule
    if "launcher" in roles and trigger.dep_ in ("dobj", "obj") and _lemma(trigger.head) in ctx.rules.get("launch_verbs", ()):
        subject = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            yield from _as_role(ctx, subject, roles["launcher"], rule)
    if "demonym" in roles:
        # "the Ukrainian offensive", "la guerra chechena": the people named by
        # the adjective wage it.
        for span in ctx.doc.spans.get(DEMONYM_KEY, []):
            if span.root.head.i == trigger.i and span.root.dep_ in ("amod", "compound", "nmod"):
                yield roles["demonym"], span.id_, rule


def _places_in(ctx: ArticleContext, token: Token, preps: set[str]) -> Iterator[str]:
    """Yield the places an unnamed noun is put in ("a hospital in Budyonnovsk" -> Budyonnovsk)."""
    if ctx.entity_at(token) is not None:
        return
    for child in token.children:
        for prep, target in prepositional(child):
            entity = ctx.entity_at(target) if prep in preps else None
            if entity is not None and ctx.kind_of.get(entity) == "Place":
                yield entity


def _agent_of_group(ctx: ArticleContext, trigger: Token, group: str) -> bool:
    """Tell whether the one acting belongs to a group of the rules' ``agent_groups``, by class or by noun.

    "commandos stormed" is the security forces; "the judges found" is a court.
    """
    spec = (ctx.rules.get("agent_groups") or {}).get(group) or {}
    classes, nouns = set(spec.get("classes", ())), {n.lower() for n in spec.get("nouns", ())}
    for child in trigger.children:
        agents = [child] if child.dep_ in ("nsubj",) else [t for p, t in prepositional(child) if p in ctx.rules.get("agent_preps", ())]
        for agent in agents:
            entity = ctx.entity_at(agent)
            if entity is not None and ctx.class_of.get(entity) in classes:
                return True
            if agent.lemma_.lower() in nouns:
                return True
    return False


def _as_role(ctx: ArticleContext, token: Token, prop: str, rule: str) -> Iterator[tuple[str, str, str]]:
    """Yield the role for the entity a token (and its conjuncts) stands for.

    Roles are taken by people, organisations and places; an event named in
    the same slot ("condenó la toma del teatro") is what the event is about.
    """
    for candidate in [token, *(c for c in token.children if c.dep_ == "conj")]:
        entity = ctx.entity_at(candidate)
        # bkg:location points to a place (the shapes): "visited the Mothers of Beslan" names no place.
        if entity is not None and ctx.kind_of.get(entity) != "Event" and (prop != "location" or ctx.kind_of.get(entity) == "Place"):
            yield prop, entity, rule


def _admissible(ctx: ArticleContext, spec: Mapping[str, Any], roles: list, trigger: Token, event_words: frozenset[str] = frozenset()) -> bool:
    """Check the trigger's constraints on its form and its participants."""
    if spec.get("needs_plural") and "Plur" not in trigger.morph.get("Number") and trigger.tag_ != "NNS":
        return False
    if spec.get("needs_agent") and not _agent_of_group(ctx, trigger, spec["needs_agent"]):
        return False
    needs_child = spec.get("needs_child_lemma")
    if needs_child and not any(c.lemma_.lower() in needs_child for c in trigger.children):
        return False
    needs_agent = spec.get("needs_agent_class")
    if needs_agent:
        agent_prop = (spec.get("roles") or {}).get("agent")
        if not any(p == agent_prop and ctx.class_of.get(e) in needs_agent for p, e, _ in roles):
            return False
    needs_kind = spec.get("needs_agent_kind")
    if needs_kind:
        agent_prop = (spec.get("roles") or {}).get("agent")
        if not any(p == agent_prop and ctx.kind_of.get(e) in needs_kind for p, e, _ in roles):
            return False
    needs_prep = spec.get("needs_prep")
    if needs_prep and not any(prep == needs_prep for child in trigger.children for prep, _ in prepositional(child)):
        return False
    needs_object = spec.get("needs_object_class")
    if needs_object and not any(ctx.class_of.get(e) in needs_object for _, e, _ in roles):
        return False
    if spec.get("needs_object_event"):
        # The object names an event: a known one, or a word that triggers one
        # (read later in the text: "para recordar la masacre").
        obj = next((c for c in trigger.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None or not any(
            ctx.kind_of.get(ctx.entity_of_token.get(t.i, "")) == "Event" or _lemma(t) in event_words for t in obj.subtree
        ):
            return False
    return True


def _new_or_same(drafts, ctx, spec, roles, date, main) -> _Draft:
    """Return the draft for this event, merging repeats of one event in the article."""
    anchor_role = spec.get("anchor")
    anchor = next((e for p, e, _ in roles if p == anchor_role), None) if anchor_role else None
    parts = [slug(spec["class"])]
    if spec.get("part") and main is not None:
        parts.append("in-" + main.local_id)
    if anchor:
        parts.append(anchor)
    if date is not None:
        # Sub-events of one crisis are told apart by their day (the release
        # on the 2nd, the final release on the 3rd); other events by year.
        parts.append(date[0].lexical if spec.get("part") else date[0].lexical[:4])
    local_id = "event-" + "-".join(parts)
    draft = drafts.get(local_id)
    if draft is None:
        draft = drafts[local_id] = _Draft(local_id, spec["class"], None, anchor_role=anchor_role)
    return draft


def _date_of(ctx: ArticleContext, token: Token, *, narrative: bool, reach: int = 0) -> tuple[TimeValue, Evidence] | None:
    """Return the date a trigger is anchored to.

    A date belongs to a trigger when the date phrase depends on it, or on the
    verb the trigger is an argument of ("dos explosiones sacudieron ... el
    viernes, 3 de septiembre"). Events of a story told in order may also take
    the last day named before them in their paragraph, or, ``reach``
    paragraphs back, in the paragraphs before it.
    """
    doc = ctx.doc
    heads = {token.i, token.head.i}
    if token.dep_ == "pobj":
        # "was killed in a raid in Chechnya in March 2005": the event named in
        # a verb's prepositional phrase shares the verb's time.
        heads.add(token.head.head.i)
    sent = token.sent
    best = None
    for span in ctx.temporal_in(sent.start_char, sent.end_char):
        if span.kind != "date":
            continue
        date_span = doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
        if date_span is None:
            continue
        root = date_span.root
        # The date phrase itself, its preposition ("on"), and the word that
        # takes the preposition: further up is another clause's business.
        # Small parsers often hang "on Sunday" on the subject instead of the
        # verb ("Russia on Sunday marks"); an argument of the trigger's verb
        # is one step further up and still the trigger's.
        # A date on a conjoined verb belongs to that clause ("se prolongaron
        # … y continuaron el 2 de septiembre" does not date the start).
        chain = (root, root.head) if root.head.dep_ == "conj" else (root, root.head, root.head.head)
        misattached = root.head.head.dep_ in _ARGUMENTS and root.head.head.head.i in heads
        # "launched an offensive to quash the bid in late 1999": a date closing
        # a purpose clause is when the act was done for that purpose; the
        # purpose itself never happened, so the date cannot be its own.
        purpose = ctx.rules.get("purpose") or {}
        misattached = misattached or (
            root.head.head.head.i in heads and root.head.head.i != root.head.head.head.i and _purpose_clause(root.head.head, purpose)
        )
        if any(t.i in heads for t in chain) or misattached:
            distance = abs(root.i - token.i)
            if best is None or distance < best[0]:
                best = (distance, span)
    if best is None and narrative:
        best = _narrative_date(ctx, token, reach)
    if best is None:
        return None
    span = best[1]
    return span.value, ctx.evidence(span.start_char, span.end_char)


def _then(ctx: ArticleContext, token: Token, crisis: _Draft) -> tuple[TimeValue, Evidence] | None:
    """Date an event told "at the time" of its crisis with the crisis's year."""
    known = _best_date(crisis.dates)
    if known is None:
        return None
    phrases = [tuple(p.lower().split()) for p in ctx.rules.get("then_phrases", ())]
    clause = token if token.pos_ in ("VERB", "AUX") else token.head
    words = list(clause.subtree)
    lower = [t.lower_ for t in words]
    for phrase in phrases:
        for i in range(len(words) - len(phrase) + 1):
            if tuple(lower[i : i + len(phrase)]) == phrase:
                span = ctx.doc[words[i].i : words[i + len(phrase) - 1].i + 1]
                year = known[0].lexical[:4]
                # Approximate: the words give the crisis's time, not a date of their own.
                return TimeValue(year, "gYear", span.text, approximate=True), ctx.evidence(span.start_char, span.end_char)
    return None


def _said_during(ctx: ArticleContext, token: Token, crisis: _Draft | None, trigger_of: dict[int, str]) -> bool:
    """Tell whether a "during"/"durante" phrase on the clause names the crisis."""
    if crisis is None:
        return False
    preps = set(ctx.rules.get("within_preps", ()))
    clause = token if token.pos_ in ("VERB", "AUX") else token.head
    for child in clause.children:
        for prep, obj in prepositional(child):
            if prep in preps and any(
                trigger_of.get(t.i) == crisis.local_id or ctx.entity_of_token.get(t.i) == crisis.local_id for t in obj.subtree
            ):
                return True
    return False


def _told_later(ctx: ArticleContext, token: Token) -> bool:
    """Tell whether the sentence moves on in time ("later", "años después"), leaving the story's day."""
    words = {w.lower() for w in ctx.rules.get("later_words", ())}
    clause = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(t.lower_ in words for t in clause.subtree if t.dep_ in ("advmod", "obl", "npadvmod", "advcl", "fixed") or t.head == clause)


def _narrative_date(ctx: ArticleContext, token: Token, reach: int):
    text = ctx.text
    # A step of the crisis shares the time of its sentence ("on the 3rd two
    # explosions shook the gym, triggering a shootout"); a crisis named in
    # another event's sentence does not ("gathered on Monday to mark the
    # anniversary of the siege"), so only earlier sentences date it.
    before = token.idx if reach else token.sent.start_char
    start = text.rfind("\n\n", 0, token.idx)
    for _ in range(reach + 1):
        earlier = [s for s in ctx.temporal_in(max(start, 0), before) if s.kind == "date" and s.value.datatype == "date"]
        if earlier:
            return (0, earlier[-1])
        if start <= 0:
            return None
        start = text.rfind("\n\n", 0, start)
    return None


def _time_next_to(ctx: ArticleContext, date: Evidence) -> tuple[TimeValue, Evidence] | None:
    """Return the time of day written right after a date ("3 de septiembre de 2004 alrededor de las 13:00")."""
    for span in ctx.temporal:
        if span.kind == "time" and date.end <= span.start_char <= date.end + _TIME_GAP and span.start_char < date.sentence_end:
            return span.value, ctx.evidence(span.start_char, span.end_char)
    return None


def _irrealis(token: Token, rules: Mapping[str, Any], *, purpose: bool = True) -> bool:
    """Tell whether a trigger names an event only wanted, planned or expected, not one that happened.

    "demandaban ... la liberación de varios prisioneros", "launched an assault
    to free the hostages", "was to hold a press conference", "are expected to
    gather": none of these reports the event as done.
    """
    heads = set(rules.get("irrealis_heads", ()))
    auxiliaries = set(rules.get("irrealis_aux", ()))
    purpose_rule = (rules.get("purpose") or {}) if purpose else {"marks": ()}
    current = token
    for step in range(4):
        # A purpose clause or a modal makes unreal the event of its own verb
        # ("to free the hostages", "will visit") or of that verb's object;
        # further up it only sets the scene ("gathered to mark the
        # anniversary of the siege": the siege happened).
        if step < 2 and (_purpose_clause(current, purpose_rule) or _modal(current, auxiliaries)):
            return True
        if current.head.i == current.i or current.dep_ not in _GOVERNED:
            return False
        if current.dep_ == "conj" and current.pos_ != "NOUN":
            # "demanded an inquiry, and the court ruled": a coordinated verb
            # is a statement of its own, not the object of the demand.
            return False
        if current.dep_ == "xcomp" and current.head.lemma_.lower() == "be":
            return True  # "was to hold"
        current = current.head
        if current.lemma_.lower() in heads:
            return True
    return False


# Dependencies of the arguments of a verb.
_ARGUMENTS = {"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj"}

# Dependencies through which the word governing an event noun or verb is reached.
_GOVERNED = {"dobj", "obj", "conj", "nmod", "pobj", "prep", "xcomp", "nsubj", "nsubjpass", "nsubj:pass"}


def _purpose_clause(token: Token, purpose: Mapping[str, Any]) -> bool:
    marks = set(purpose.get("marks", ()))
    deps = purpose.get("deps")
    if deps is not None and token.dep_ not in deps:
        return False
    return any(c.dep_ in ("mark", "aux") and c.lower_ in marks for c in token.children)


def _modal(token: Token, auxiliaries: set[str]) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() in auxiliaries for c in token.children):
        return True
    return bool({"Fut", "Cnd"} & set(token.morph.get("Tense") + token.morph.get("Mood")))


def _recognise_known(ctx: ArticleContext, drafts: dict[str, _Draft]) -> dict[str, str]:
    """Fold an unnamed crisis, war or campaign into the known one it must be: same kind, year begun and place.

    "Putin launched a major Russian offensive to quash Chechnya's armed
    independence bid in late 1999" tells the Second Chechen War without
    naming it. Only a known event of the draft's family (``crisis_classes``
    or ``campaign_classes``) with ``began`` and ``places`` in the knowledge
    base qualifies, dated by the text to the year it began and with one of its
    places named in the same sentence, and only when exactly one does.
    Returns which draft went into which.
    """
    renamed: dict[str, str] = {}
    for key in sorted(drafts):
        draft = drafts[key]
        family = _family(ctx, draft.event_class)
        if draft.kb_id or not family or not draft.dates:
            continue
        years = {value.lexical[:4] for value, _ in draft.dates}
        entry = _known_by(family, years, _places_in_sentences(ctx, draft.evidence))
        if entry is None:
            continue
        target = drafts.setdefault(entry.key, _Draft(entry.key, entry.ontology_class, entry.key))
        target.evidence.extend(draft.evidence)
        target.dates.extend(draft.dates)
        target.roles.extend(draft.roles)
        target.concerns.update(draft.concerns)
        renamed[key] = entry.key
        del drafts[key]
    return renamed


def _family(ctx: ArticleContext, event_class: str) -> set[str]:
    """Return the classes an event of this class may be known as: crises or campaigns."""
    for name in ("crisis_classes", "campaign_classes"):
        classes = set(ctx.rules.get(name, ()))
        if event_class in classes:
            return classes
    return set()


def _known_by(classes: set[str], years: set[str], places: set[str]):
    """Return the one known event of ``classes`` begun in one of ``years`` in one of ``places``, if just one is."""
    matches = [e for e in _known_events() if e.ontology_class in classes and e.began[:4] in years and places & set(e.places)]
    return matches[0] if len(matches) == 1 else None


@cache
def _known_events() -> tuple:
    """The knowledge base's events with a start: a few among its many places and organisations, looked through often."""
    return tuple(e for e in load_kb().values() if e.kind == "Event" and e.began)


def _known_at(ctx: ArticleContext, token: Token, date: tuple[TimeValue, Evidence] | None, classes: set[str]):
    """Return the one known event of ``classes`` begun in the year of ``date`` with a place named in the token's sentence."""
    if date is None:
        return None
    return _known_by(classes, {date[0].lexical[:4]}, _places_in_sentences(ctx, [ctx.token_evidence(token)]))


def _placed_apart(ctx: ArticleContext, roles: list[tuple[str, str, str]], crisis: _Draft) -> bool:
    """Tell whether a trigger is placed in a town its crisis was not, where the crisis has a town."""
    towns = {"Settlement"}
    here = {e for role, e, _ in roles if role in ("location", "target") and ctx.class_of.get(e) in towns}
    there = {e for role, e, *_ in crisis.roles if role in ("location", "target") and ctx.class_of.get(e) in towns}
    kb = load_kb()
    entry = kb.get(crisis.kb_id) if crisis.kb_id else None
    there |= {p for p in (entry.places if entry else ()) if kb[p].ontology_class in towns}
    return bool(here and there and not here & there)


def _another_day(ctx: ArticleContext, event_class: str, date: TimeValue, crisis: _Draft) -> bool:
    """Tell whether an attack dated to one day is another than the attack dated to another day.

    Attacks (``instant_classes``) happen on one day; a siege lasts several.
    """
    instant = set(ctx.rules.get("instant_classes", ()))
    best = _best_date(crisis.dates)
    if event_class not in instant or crisis.event_class not in instant or best is None:
        return False
    return date.datatype == best[0].datatype == "date" and date.lexical != best[0].lexical


def _year_of(draft: _Draft) -> str | None:
    """Return the year an event happened in: the knowledge base's, else the text's."""
    entry = load_kb().get(draft.kb_id) if draft.kb_id else None
    if entry is not None and entry.began:
        return entry.began[:4]
    best = _best_date(draft.dates)
    return best[0].lexical[:4] if best else None


def _most_told(drafts: dict[str, _Draft], classes: set[str]) -> _Draft | None:
    """Return the article's main crisis: the one told most often, the first told on a tie."""
    crises = [d for d in drafts.values() if d.event_class in classes and d.evidence]
    if not crises:
        return None
    return min(crises, key=lambda d: (-len(d.evidence), min(ev.start for ev in d.evidence)))


def _places_in_sentences(ctx: ArticleContext, evidence: list[Evidence]) -> set[str]:
    places = set()
    for ev in evidence:
        sentence = ctx.doc.char_span(ev.sentence_start, ev.sentence_end, alignment_mode="expand")
        for token in sentence if sentence is not None else ():
            entity = ctx.entity_of_token.get(token.i)
            if entity is not None and ctx.kind_of.get(entity) == "Place":
                places.add(entity)
    return places


def _merge_unanchored(ctx: ArticleContext, drafts: dict[str, _Draft], main: _Draft | None) -> dict[str, str]:
    """Fold an event mentioned without a date into the article's one event of its class (and anchor).

    "Putin visited the school last month ... During his recent visit" is one
    visit; a headline's "court condemns Russia" is the ruling the text dates;
    "the war against the Chechen insurgency", after the article told of the
    Second Chechen War, is that war. Returns which draft went into which.
    """
    renamed: dict[str, str] = {}
    for key in sorted(drafts):
        draft = drafts[key]
        if draft is main or draft.kb_id or draft.super_event or draft.dates:
            continue
        anchor = next((e for role, e, *_ in draft.roles if draft.anchor_role and role == draft.anchor_role), None)
        same = [
            d for k, d in drafts.items()
            if k != key and d.event_class == draft.event_class and (not d.kb_id or _could_be(ctx, draft, d.kb_id))
            and (anchor is None or anchor in {e for role, e, *_ in d.roles if role == d.anchor_role})
        ]
        if len(same) == 1:
            target = same[0]
            target.evidence.extend(draft.evidence)
            target.roles.extend(r for r in draft.roles if r[0] != target.anchor_role)
            target.crisis = target.crisis or draft.crisis
            target.concerns.update(draft.concerns)
            renamed[key] = target.local_id
            del drafts[key]
    return renamed


def _could_be(ctx: ArticleContext, draft: _Draft, kb_id: str) -> bool:
    """Tell whether an unnamed event may be a known one: it is placed nowhere the known event was not.

    "The war in Ukraine" is not the Second Chechen War the article named
    before it; a known event without places in the knowledge base takes no
    unnamed mention.
    """
    places = set(load_kb()[kb_id].places)
    placed = {e for role, e, *_ in draft.roles if ctx.kind_of.get(e) == "Place"}
    return bool(places) and placed <= places


def _aim(ctx: ArticleContext, drafts: dict[str, _Draft], about: list, trigger_of: dict[int, str], renamed: dict[str, str]) -> None:
    """Find what an event is about from its own words: "criticism of the assault", "investigación sobre las explosiones".

    The phrases looked at are those introduced by one of the rules'
    ``about_preps``, the object of a verb ("criticised the assault") and a
    reported clause ("ruled that the assault …"). An event named there wins
    over an entity; an entity already taking part in the event is not what it
    is about. Without any, the event concerns its crisis.
    """
    preps = set(ctx.rules.get("about_preps", ()))
    for key, token, evidence in about:
        draft = drafts.get(renamed.get(key, key))
        if draft is None:
            continue
        taking_part = {entity for _, entity, _, _ in draft.roles}
        phrases = [obj for child in token.children for prep, obj in prepositional(child) if prep in preps]
        if token.pos_ in ("VERB", "AUX"):
            phrases += [c for c in token.children if c.dep_ in ("dobj", "obj", "ccomp")]
        for phrase in phrases:
            words = list(phrase.subtree)
            event = next((trigger_of[t.i] for t in words if trigger_of.get(t.i, draft.local_id) != draft.local_id), None)
            event = event or next((e for t in words if (e := ctx.entity_of_token.get(t.i)) and ctx.kind_of.get(e) == "Event" and e != draft.local_id), None)
            # bkg:concerns points to an event (the shapes): an entity named there ("the commemoration for Beslan") is no topic.
            entity = next((e for t in words if (e := ctx.entity_at(t)) and e not in taking_part and e != draft.local_id
                           and ctx.kind_of.get(e) == "Event"), None)
            target = event or entity
            if target is not None:
                draft.concerns.setdefault(target, evidence)
                break


def _freeze(ctx: ArticleContext, drafts: dict[str, _Draft], main: _Draft | None) -> tuple[list[EventRecord], list[Relation]]:
    events, relations = [], []
    for draft in drafts.values():
        ctx.class_of[draft.local_id] = draft.event_class
        ctx.kind_of[draft.local_id] = "Event"
    for draft in sorted(drafts.values(), key=lambda d: d.local_id):
        anchor = next((e for p, e, _, _ in draft.roles if p == draft.anchor_role), None)
        best = _best_date(draft.dates)
        parent = drafts.get(draft.super_event) if draft.super_event else None
        parent_date = _best_date(parent.dates) if parent is not None else None
        if best and parent_date and best[0].lexical[:4] != parent_date[0].lexical[:4]:
            # Dated in another year than its crisis, it is no step of the
            # crisis but something about it (relatives' demands years later).
            draft.crisis, draft.super_event = draft.super_event, None
        # A time of day counts only when the date was read in the event's own
        # sentence, not carried over from an earlier one.
        own = best is not None and any(ev.sentence_start == best[1].sentence_start for ev in draft.evidence)
        time = _time_next_to(ctx, best[1]) if own else None
        events.append(
            EventRecord(
                local_id=draft.local_id,
                event_class=draft.event_class,
                kb_id=draft.kb_id,
                evidence=tuple(sorted(set(draft.evidence), key=lambda e: (e.start, e.end))),
                date=best[0] if best else None,
                date_evidence=best[1] if best else None,
                time=time[0] if time else None,
                time_evidence=time[1] if time else None,
                super_event=draft.super_event,
                anchor=anchor,
            )
        )
        seen = set()
        for prop, entity, evidence, rule in draft.roles:
            if (prop, entity) not in seen and entity != draft.local_id:
                seen.add((prop, entity))
                relations.append(Relation(draft.local_id, prop, entity, evidence, rule))
        if draft.concerns:
            for target, evidence in draft.concerns.items():
                relations.append(Relation(draft.local_id, "concerns", target, evidence, f"{ctx.meta.language}-event-about"))
        elif draft.crisis is not None and draft.crisis != draft.local_id:
            relations.append(Relation(draft.local_id, "concerns", draft.crisis, draft.evidence[0], f"{ctx.meta.language}-event-about"))
    return events, relations


def _best_date(dates: list[tuple[TimeValue, Evidence]]) -> tuple[TimeValue, Evidence] | None:
    """Return the earliest of the most precise dates, with its evidence."""
    if not dates:
        return None
    precision = {"date": 0, "gYearMonth": 1, "gYear": 2}
    return min(dates, key=lambda d: (precision.get(d[0].datatype, 3), d[0].lexical, d[1].start))


# How much longer than stated an approximate duration ("some 50 hours") may have been.
_APPROXIMATE_MARGIN = 1.25


def date_steps_within(events: Iterable[EventRecord], figures: Iterable[Figure]) -> list[EventRecord]:
    """Date the undated steps of a crisis whose first day and length the article gives, as far as both allow.

    "On September 1, 2004, militants stormed the school ... a siege that
    lasted for some 50 hours ... special forces launched an assault": whatever
    its day, the assault lies between the 1st and the 4th, so it happened in
    2004-09. The value is the finest period (day, month or year) holding the
    whole span; a duration with no upper bound ("more than 50 hours") bounds
    nothing. The date's evidence is the crisis's first day.

    Args:
        events: The article's events (from :func:`extract_events`).
        figures: The article's figures; ``DurationHours`` ones are read.

    Returns:
        The events, the undated steps dated where their crisis allows.
    """
    events = list(events)
    longest = {}
    for figure in figures:
        if figure.measure == "DurationHours" and (hours := _upper_hours(figure)) is not None:
            longest[figure.event] = max(hours, longest.get(figure.event, 0.0))
    by_id = {e.local_id: e for e in events}
    dated = []
    for event in events:
        crisis = by_id.get(event.super_event or "")
        if event.date is None and crisis is not None and crisis.date is not None and crisis.local_id in longest:
            bound = _period_holding(crisis.date, longest[crisis.local_id])
            if bound is not None:
                event = replace(event, date=bound, date_evidence=crisis.date_evidence)
        dated.append(event)
    return dated


def _upper_hours(figure: Figure) -> float | None:
    q = figure.quantity
    if q.qualifier in ("more_than", "at_least"):
        return None
    upper = q.upper if q.upper is not None else q.value
    return upper * _APPROXIMATE_MARGIN if q.qualifier == "approximately" else float(upper)


def _period_holding(start: TimeValue, hours: float) -> TimeValue | None:
    """Return the finest date that holds a span of ``hours`` begun at any time of day ``start``."""
    if start.datatype != "date":
        return None
    first = dt.date.fromisoformat(start.lexical)
    # Begun as late as the end of its first day.
    last = first + dt.timedelta(days=math.ceil((24 + hours) / 24) - 1)
    for width, datatype in ((10, "date"), (7, "gYearMonth"), (4, "gYear")):
        if first.isoformat()[:width] == last.isoformat()[:width]:
            return TimeValue(first.isoformat()[:width], datatype, start.text)
    return None
