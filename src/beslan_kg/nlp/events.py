"""Find the events an article reports, their names, dates and participants.

Events come from three sources: names the gazetteer knows ("the Beslan school
siege"), names the text gives ("the 2017 Puebla earthquake", or a name the
entity model took for a thing: "the Women's March"), and event nouns and verbs
listed per language in ``ontology/rules`` ("earthquake", "explosiones",
"ruled"). A trigger marked ``main`` names an event an article can be about
(an attack, a disaster, an election...); the others make new events, which
are steps of the main event they are told with (``part``) or about it
(``about``). Participants, places and times come from the trigger's own
clause, through its syntactic dependents mapped to ontology properties by the
rules.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from beslan_kg.kb import fold, load_kb
from beslan_kg.nlp.context import (
    ArticleContext, antecedent, conjuncts, introduced_by, is_one_of, is_passive, is_plural, is_superlative, prepositional, ranks,
    town_rank,
)
from beslan_kg.nlp.entities import slug
from beslan_kg.nlp.filters import CASES_KEY, ROMAN
from beslan_kg.nlp.gazetteer import DEMONYM_KEY
from beslan_kg.nlp.normalise import YEAR_WORD
from beslan_kg.nlp.rules import derived
from beslan_kg.nlp.temporal import TemporalSpan
from beslan_kg.rdf.ontology import class_ancestors
from beslan_kg.records import Evidence, EventRecord, Figure, Relation, TimeValue


@dataclass
class _Draft:
    """An event while the article is being read; frozen into an EventRecord."""

    local_id: str
    event_class: str
    kb_id: str | None
    evidence: list[Evidence] = field(default_factory=list)
    dates: list[tuple[TimeValue, Evidence]] = field(default_factory=list)
    # Of ``dates``, those read from the story before a mention (the last day
    # its paragraph named), not from a clause of its own: they date it only
    # when it has no day of its own.
    inferred: set[Evidence] = field(default_factory=set)
    roles: list[tuple[str, str, Evidence, str]] = field(default_factory=list)
    super_event: str | None = None
    topic: str | None = None
    anchor_role: str | None = None
    concerns: dict[str, Evidence] = field(default_factory=dict)
    name: _Name | None = None
    # The lexicon entries whose words told this event ("explosion" read as
    # a mining accident): a later "the explosion" is this event, not a step of it.
    readings: set[int] = field(default_factory=set)
    # The noun phrases of its mentions with their modifiers ("chaotic
    # assault", "doble atentado suicida"), evidence beside the words.
    phrases: list[Evidence] = field(default_factory=list)
    # Told by a word for an event made of others ("general elections"): a
    # "presidential election" told with it is one of its parts.
    umbrella: bool = False
    # ``(language, lemma)`` of the verb of an action of no other class.
    lemmas: set[tuple[str, str]] = field(default_factory=set)
    # ``(language, lemma)`` of the verbs of the broader acts it is a kind of
    # (a self-coup is a coup): a later mention of one of those is this act.
    broader: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class _Name:
    """The name a text gives an event: "2017 Puebla earthquake", "terremoto de Chiapas".

    Attributes:
        text: The name as written, without a leading article.
        years: Years the name holds ("2017").
        places: Places the name holds, as entity ids.
        words: Other proper words of the name, folded ("women's").
        start: Offset of the name's first character in the article.
        marks: Every proper word of the name as written, folded, whether
            the entity model read it as a place or not ("puebla").
    """

    text: str
    years: frozenset[str]
    places: frozenset[str]
    words: frozenset[str]
    start: int = field(default=0, compare=False)
    marks: frozenset[str] = field(default=frozenset(), compare=False)

    def within(self, other: _Name) -> bool:
        """Tell whether this (shorter) name says nothing the other does not: "the 1985 quake" of "1985 Mexico City earthquake"."""
        return self.years <= other.years and self.places <= other.places and self.words <= other.words


# How far after a date (in characters) its time of day may be written.
_TIME_GAP = 12


@dataclass(frozen=True)
class _Trigger:
    # The entry's words, each matched by a token's lemma or its lower-case
    # form ("elecciones generales", whose tokens' lemmas are "elección
    # general"); a hyphen is a word ("hostage-taking").
    lemmas: tuple[str, ...]
    spec: Mapping[str, Any]
    # The entry's place in the rules: of two readings of one width, the first listed wins.
    order: int = 0

    def matches(self, tokens: Sequence[Token], verbs: Mapping[int, frozenset[str]] | None = None) -> bool:
        """Tell whether the tokens are the entry's words (``verbs``: the verbs a participle may be of, by token)."""
        verbs = verbs or {}
        return len(tokens) == len(self.lemmas) and all(
            w in (_lemma(t), t.lower_) or w in verbs.get(t.i, ()) for w, t in zip(self.lemmas, tokens)
        )


def extract_events(ctx: ArticleContext) -> tuple[list[EventRecord], list[Relation], str | None]:
    """Return the article's events, their relations, and its main event's id.

    Must run after :func:`beslan_kg.nlp.entities.collect_entities` has indexed
    the entities in ``ctx``.
    """
    drafts: dict[str, _Draft] = {}
    main = _known_main_event(ctx, drafts)
    triggers = derived(ctx.rules, _triggers, ctx.meta.language)
    _claim_named_events(ctx, drafts, triggers)
    claimed = set(drafts)
    mentions = _Mentions(drafts, ctx.comparisons)
    # Looked at for every event noun: listed once, not once per noun.
    dated = _dated_tokens(ctx)
    demonyms: dict[int, list[Span]] = {}  # by the word each hangs on
    for span in ctx.doc.spans.get(DEMONYM_KEY, []):
        demonyms.setdefault(span.root.head.i, []).append(span)
    # One-word names of main events ("siege", "masacre"), for objects that name an event.
    # (class, holds others) of each one-word name of a main event.
    event_words: dict[str, set[tuple[str, bool]]] = {}
    for found in triggers.values():
        for t in found:
            if len(t.lemmas) == 1 and t.spec.get("main"):
                event_words.setdefault(t.lemmas[0], set()).add((t.spec["class"], bool(t.spec.get("umbrella"))))
    # One-word event nouns of any class: what an action of no class may be done to ("appealed his conviction").
    event_nouns_any = {
        t.lemmas[0] for found in triggers.values() for t in found
        if len(t.lemmas) == 1 and "NOUN" in t.spec["pos"] and t.spec["class"] != "OtherAction"
    }
    main_event_classes = set(ctx.rules.get("main_event_classes", ()))
    # Nouns that name a main event: a date in one's phrase is that event's
    # ("the crash was the worst since a crash near X in 1972").
    event_nouns = frozenset(t.i for t in ctx.doc if t.pos_ == "NOUN" and _lemma(t) in event_words)
    trigger_of: dict[int, str] = {}
    about: list[tuple[str, Token, Evidence]] = []
    told: list[tuple[str, Token, Evidence]] = []  # the other triggers, for what they respond to
    for first, width, specs in _iter_trigger_tokens(ctx, triggers):
        if first.i in trigger_of:
            continue  # a word of a name already read
        words = ctx.doc[first.i : first.i + width]
        # The syntactic head stands for a trigger of several words ("press conference").
        token = words.root
        titled = None
        if token.dep_ == "compound" and _titled(token) and any(spec.get("main") for spec in specs):
            # "Storm Daniel", "Hurricane Katrina": the word and the name after
            # it name the event, and the name's clause tells it.
            words = ctx.doc[first.i : token.head.i + 1]
            token = token.head
            titled = _Name(words.text, frozenset(), frozenset(), frozenset({fold(token.text)}), words.start_char, _marks(words))
        # An event only wanted, planned or expected is no event; one recalled
        # is ("gathered to mark the siege"), and so is a commemoration people
        # gathered "to mark" (`done_in_purpose`), and an event whose proper
        # name the text gives ("a place to play the FIFA Club World Cup").
        proper = not token.is_sent_start and token.text[:1].isupper()
        violent = any("ArmedViolence" in class_ancestors().get(spec["class"], ()) for spec in specs)
        if _irrealis(token, ctx.rules, purpose=not all(spec.get("done_in_purpose") for spec in specs), attempted=violent) and not (
            proper and all(spec.get("main") for spec in specs)
        ):
            continue
        # The first reading whose conditions hold wins ("commandos stormed" is
        # an assault, "gunmen stormed" the start of a siege).
        chosen = next(
            ((spec, roles) for spec in specs if _admissible(ctx, spec, roles := list(_roles(ctx, token, spec, demonyms)), token, event_words, event_nouns_any)),
            None,
        )
        if chosen is None:
            continue
        spec, roles = chosen
        reading = id(spec)
        spec = _in_context(ctx, spec, roles, token)
        if spec.get("joins_only"):
            roles = []  # "one of the deadliest incidents in Turkey" places nothing
        evidence = ctx.evidence(words.start_char, words.end_char)
        if _generic(ctx, token):
            continue
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and not words.start <= token.head.i < words.end:
            continue  # "an earthquake drill", "a landslide margin": the word qualifies another noun
        # A general word ("la tragedia de Beslán") names no event of its own.
        # "la final de la Copa Libertadores 2019": a part of the event named
        # after it, named by it.
        name = None if spec.get("joins_only") else _name_of(
            ctx, words, event_words, spec["class"], (spec["class"], drafts) if spec.get("main") and spec.get("within_umbrella") else None,
            dated=dated,
        ) if titled is None else titled
        whole = _whole_named(ctx, token, drafts, spec)
        part = _part_named(ctx, token, drafts, spec, trigger_of)
        if name is not None:
            # The evidence of a named mention is the whole name.
            evidence = ctx.evidence(name.start, name.start + len(name.text))
        if spec.get("needs_name") and name is None:
            continue  # "the final" of a cup is named; "al final del día" is no match
        # A step may take its day from the paragraph before
        # ("…el 1 de septiembre… ¶ Las negociaciones se prolongaron todo el día").
        # An article about one event may recall another: a step belongs to
        # the main event named in its sentence, or last named before it.
        parent = _main_event_near(ctx, drafts, mentions, token, main_event_classes) or main
        if spec.get("main") and main is not None and _compatible(main.event_class, spec["class"]) and _opens_paragraph(ctx, drafts, mentions, token):
            # "¶ Este temblor dejó cuantiosos daños", "¶ this quake": a paragraph
            # that opens on "this" event returns to the event the article is
            # telling, not to whichever was named last ("doce días después del
            # terremoto de Chiapas"); "That siege ended", right after another
            # siege, is that one.
            parent = main
        families = (ctx.rules.get("step_families") or {}).get(spec["class"])
        if families and not spec.get("main") and parent is not None and not set(families) & class_ancestors().get(parent.event_class, set()):
            # An explosion told near a summit is no step of the summit.
            allowed = {c for c, above in class_ancestors().items() if set(families) & above} & main_event_classes
            parent = _main_event_near(ctx, drafts, mentions, token, allowed)
        if spec.get("only_alone") and parent is not None and not _compatible(parent.event_class, spec["class"]):
            continue  # the fire an explosion started is part of the explosion's story
        if spec.get("not_within") and _told_within(mentions, token, spec["not_within"]):
            continue  # "Basayev's death" in the story of the explosion that killed him tells the explosion
        if not spec.get("main") and parent is not None and reading in parent.readings:
            # "an explosion occurred in a coal mine" made the mining accident;
            # "the explosion occurred at 6:30 p.m." tells that accident again.
            spec = {**spec, "main": True, "part": False, "about": False, "class": parent.event_class}
        if spec.get("needs_parent") and parent is None:
            continue  # "the collapse of buildings" in an earthquake; "the collapse of the talks" is none
        if spec.get("main_alone") and parent is None:
            # "A bridge collapsed under a train", told before any other event:
            # the collapse is what the article is about, not a step of it.
            spec = {**spec, "main": True, "part": False}
        if spec.get("class_in") and parent is not None:
            # A rescue during a hostage-taking frees hostages.
            found = next((c for p_class, c in spec["class_in"].items() if p_class in class_ancestors().get(parent.event_class, ())), None)
            spec = {**spec, "class": found} if found else spec
        own = said = None
        # "La OMS declaró la pandemia el 11 de marzo", "the UN condemned the
        # attack on Monday": the day of the verb's clause is the act the verb
        # tells, not the event it acts on; a date in the noun's own phrase ("la
        # inundación ocurrida en 1982") is the event's.
        acted_on = token.pos_ == "NOUN" and token.dep_ in ("dobj", "obj") and token.head.i in trigger_of
        if spec.get("main"):
            own = _date_of(ctx, token, events=event_nouns, ends=True)
            if acted_on and own is not None and not _in_phrase(token, own[1]):
                own = None
            # "In June 1995 fighters seized a hospital in Budyonnovsk": the
            # event its time and place say, whatever the article told before;
            # an event told in another year is not the one told before.
            known = _known_at(ctx, token, own, main_event_classes)
            said = _said_to_be(ctx, drafts, token, trigger_of) if name is None else None
            if known is not None:
                parent = drafts.setdefault(known.key, _Draft(known.key, known.ontology_class, known.key))
            elif said is not None:
                # "The 2021 storming of the Capitol was a riot and violent attack": the text says what it was.
                parent = said
                if not said.kb_id and not _compatible(said.event_class, spec["class"]):
                    mentions.reclass(said, spec["class"])
            elif name is not None and (by_name := _named(ctx, drafts, spec["class"], name, None)) is not None:
                parent = by_name
            elif parent is not None and spec.get("within_umbrella") and parent.umbrella:
                # A match told with a tournament is never the tournament.
                pass
            elif parent is not None and not _compatible(parent.event_class, spec["class"]):
                # "the protests" after the earthquake: an event of its own.
                parent = _main_event_near(ctx, drafts, mentions, token, {spec["class"]} | set(class_ancestors().get(spec["class"], ())))
            if known is not None or said is not None or (name is not None and parent is not None and parent.name is not None and name.within(parent.name)):
                pass
            elif parent is not None and name is not None and _contradicts(ctx, parent, name):
                parent = None
            elif parent is not None and own is not None and _year_of(parent) not in (None, own[0].lexical[:4]):
                parent = _told_in(drafts, spec["class"], own[0].lexical[:4])
            elif parent is not None and own is not None and _year_of(parent) is None and _dates_itself(ctx, token, own[1]):
                # "el terremoto ocurrido en 1985" after the undated "terremoto de
                # Chiapas": a description that gives its own year is the event
                # told in that year, and no event whose year is unknown.
                parent = _told_in(drafts, spec["class"], own[0].lexical[:4])
            elif parent is not None and own is not None and _another_day(ctx, spec["class"], own[0], parent):
                parent = None
            elif parent is not None and _placed_apart(ctx, roles, parent):
                # "un doble atentado suicida en la ciudad de Kizliar", after the
                # Moscow bombings: another town, another event.
                parent = None
        # Without a main event to tell, a step has no story to take its day from.
        # An event told for the first time takes no day from sentences before
        # it ("… on 15 October. Erdoğan's comments drew protests in Istanbul"):
        # only the one it tells again, and its steps, do.
        in_story = parent is not None and (spec.get("main") or spec.get("part") or spec.get("part_when_dated"))
        # "The storm was the most intense storm": a clause that says what the
        # event was tells no moment of it, and takes none from the story.
        sequential = bool(in_story) and not _told_later(ctx, token) and not _described(token)
        date = _date_of(ctx, token, events=event_nouns)
        inferred = date is None and sequential and (date := _narrative_date(ctx, token, 1 if not spec.get("main") else 0)) is not None
        if spec.get("main") and date is not None and ((acted_on and not _in_phrase(token, date[1])) or _becoming(ctx, token)):
            # "On August 30, Dorian became a major hurricane": the day it changed, not the day it began.
            date = None
        if spec.get("main") and own is None and date is not None and parent is not None and _year_of(parent) not in (None, date[0].lexical[:4]):
            # The day of an earlier sentence, in another year than the event
            # told again, is the day of another event told there.
            date = None
        if date is None and spec.get("about") and parent is not None:
            # "criticised for their handling of the attack at the time": the
            # time is the main event's, to the year.
            date = _then(ctx, token, parent)
        if spec.get("part_when_dated"):
            # A demand made during the main event is a step of it; one made
            # later (by relatives, by campaigners) is about it.
            during = _said_during(ctx, token, parent, trigger_of)
            spec = {**spec, "part": date is not None or during, "about": date is None and not during}
        if spec.get("main") and parent is None and spec.get("joins_only"):
            # "the incident" names whatever happened, and nothing without it.
            continue
        if (
            whole is None and spec.get("within_umbrella") and parent is not None and parent.umbrella and parent.event_class == spec["class"]
            and (own is None or _year_of(parent) is not None)
        ):
            # "the presidential election" of general elections, "las
            # semifinales" of a tournament; a final dated in 1971 is none of
            # an undated series ("una final de Copa Libertadores").
            whole = parent
        if part is not None:
            # "la Copa Libertadores" in "la final de la Copa Libertadores": the
            # event the final is a part of, told after it.
            draft = _named(ctx, drafts, spec["class"], name, None) if name is not None else None
            if draft is None or draft is part:
                draft = _named_draft(ctx, drafts, spec["class"], name) if name is not None else _new_or_same(drafts, ctx, spec, roles, date, None)
            if draft is not part:
                part.super_event = part.super_event or draft.local_id
            main = main or draft
        elif whole is not None:
            # "la final de la Copa Libertadores", "the presidential election"
            # of general elections: a part of the event named, not that event.
            draft = _named(ctx, drafts, spec["class"], name, None) if name is not None else None
            if draft is None or draft is whole:
                draft = _named_draft(ctx, drafts, spec["class"], name) if name is not None else drafts.setdefault(
                    f"{whole.local_id}-{slug(words.text)}", _Draft(f"{whole.local_id}-{slug(words.text)}", spec["class"], None)
                )
            if draft.super_event is None and not draft.evidence:
                draft.super_event = whole.local_id
                if whole.umbrella:
                    # Held with the whole: its day and its country.
                    draft.dates.extend(whole.dates)
                    draft.inferred |= whole.inferred
                    draft.roles.extend(r for r in whole.roles if r[0] == "location")
        elif spec.get("main"):
            if parent is not None and spec.get("within_umbrella") and parent.umbrella:
                parent = None  # a match told with a tournament, not part of it, is another event
            if parent is None and name is not None:
                parent = _named_draft(ctx, drafts, spec["class"], name)
            elif parent is None:
                key = f"event-{slug(spec['class'])}"
                if key in drafts and (own or date):
                    key = f"{key}-{(own or date)[0].lexical[:4]}"
                # Another event of the class, told apart by place or day: a key of its own.
                base, n = key, 2
                while key in drafts:
                    key, n = f"{base}-{n}", n + 1
                parent = drafts[key] = _Draft(key, spec["class"], None)
            main = main or parent
            draft = parent
            if not draft.kb_id and draft.event_class != spec["class"] and draft.event_class in class_ancestors().get(spec["class"], ()):
                # "the attack … the bombing": the more precise class wins.
                mentions.reclass(draft, spec["class"])
        elif name is not None and (named := _named(ctx, drafts, spec["class"], name, None)) is not None:
            draft = named
        elif name is not None:
            draft = _named_draft(ctx, drafts, spec["class"], name)
            if parent is not None and spec["class"] not in main_event_classes:
                draft.super_event = parent.local_id if spec.get("part") else None
                draft.topic = parent.local_id if spec.get("about") else None
        else:
            # "The court ruled in Tagayeva and Others v. Russia …": the
            # trigger reports the known event its sentence names.
            known = _known_in_sentence(drafts, mentions, token, spec["class"])
            if known is not None and known.anchor_role is None:
                # The entity that anchors the trigger's event (the court of a
                # ruling) anchors the known event too, so that another
                # article's ruling by that court that year can join it.
                known.anchor_role = spec.get("anchor")
            draft = known or _new_or_same(drafts, ctx, spec, roles, date, parent)
            if parent is not None and spec["class"] not in main_event_classes:
                draft.super_event = parent.local_id if spec.get("part") else None
                draft.topic = parent.local_id if spec.get("about") else None
        draft.evidence.append(evidence)
        mentions.add(draft, evidence)
        draft.readings.add(reading)
        draft.umbrella = draft.umbrella or bool(spec.get("umbrella"))
        if draft.event_class == "OtherAction":
            draft.lemmas.update((spec.get("lemma") or {}).items())
            draft.broader.update((spec.get("broader") or {}).items())
        phrase = _phrase(words) if name is None else None
        if phrase is not None:
            draft.phrases.append(ctx.evidence(phrase.start_char, phrase.end_char))
        if date is not None:
            draft.dates.append(date)
            if inferred:
                draft.inferred.add(date[1])
        draft.roles.extend((role, entity, evidence, rule) for role, entity, rule in roles)
        if name is not None:
            _take_name(ctx, draft, name, ctx.evidence(name.start, name.start + len(name.text)), f"{ctx.meta.language}-event-name")
            # The words of a name are the event's: "Mundial" in "Copa Mundial
            # de Clubes" is no trigger of its own; "Copa" in "la final de la
            # Copa Libertadores" is, of the event the final is a part of.
            named = ctx.doc.char_span(name.start, name.start + len(name.text), alignment_mode="expand")
            wholes = {
                t.i for child in token.children for _, obj in prepositional(child)
                if _another_event(ctx, obj, event_words) for t in obj.subtree
            }
            trigger_of.update((t.i, draft.local_id) for t in named or () if t.i not in trigger_of and t.i not in wholes)
        trigger_of.update((t.i, draft.local_id) for t in words)
        own_word = token if titled is not None else _own_word(ctx, words, name)
        if own_word is not None:
            # "Hurricane Dorian … Dorian struck the Bahamas": the name's own word alone tells the event again.
            for bare in _bare_names(ctx, own_word, trigger_of):
                trigger_of[bare.i] = draft.local_id
                mention = ctx.evidence(bare.idx, bare.idx + len(bare))
                draft.evidence.append(mention)
                mentions.add(draft, mention)
                draft.roles.extend((role, e, mention, rule) for role, e, rule in _roles(ctx, bare, spec, demonyms) if role == "location")
        if spec.get("about"):
            about.append((draft.local_id, token, evidence))
        else:
            told.append((draft.local_id, token, evidence))
    _date_claimed(ctx, drafts, claimed, event_nouns)
    _host_claimed(ctx, drafts, claimed)
    _listed_events(ctx, drafts, trigger_of, event_words)
    _elided_measures(ctx, drafts, event_words)
    renamed = _fold_aliases(ctx, drafts, trigger_of)
    renamed.update(_recognise_known(ctx, drafts))
    main = _most_told(drafts, main_event_classes) or main
    renamed.update(_merge_unanchored(ctx, drafts, main))
    for key, into in list(renamed.items()):
        # An alias folded into an event that was then folded into a known one is that one.
        while into in renamed and into not in drafts:
            into = renamed[into]
        renamed[key] = into
    for draft in drafts.values():
        draft.super_event = renamed.get(draft.super_event, draft.super_event)
        draft.topic = renamed.get(draft.topic, draft.topic)
    events_at = {i: renamed.get(d, d) for i, d in trigger_of.items()}
    _aim(ctx, drafts, about, events_at, renamed)
    _responses(ctx, drafts, about + told, events_at, renamed)
    _aim_by_clause(ctx, drafts, about, events_at, renamed)
    _carry_on(ctx, drafts, events_at)
    _offset_dates(ctx, drafts, events_at)
    _anniversary_dates(ctx, drafts, events_at)
    events, relations = _freeze(ctx, drafts, main)
    return events, relations, main.local_id if main is not None else None


def _listed_events(
    ctx: ArticleContext, drafts: dict[str, _Draft], trigger_of: dict[int, str], event_words: Mapping[str, set[tuple[str, bool]]]
) -> None:
    """Read the events a word for events lists by name and year in brackets after it.

    "at least one Category 5 hurricane (Matthew in 2016, Irma and Maria in
    2017, and Michael in 2018)": each name, or each run of names before "in"
    and a year (the rules' ``listed_year_preps``), is an event of the word's
    class, named by it and dated to that year. A name without its year is
    not read: nothing says it is an event's.
    """
    preps = {w.lower() for w in ctx.rules.get("listed_year_preps", ())}
    if not preps:
        return
    doc = ctx.doc
    for word in doc:
        classes = {c for c, _ in event_words.get(_lemma(word), ())}
        if word.pos_ != "NOUN" or len(classes) != 1 or word.i + 1 >= len(doc) or doc[word.i + 1].text != "(":
            continue
        event_class = next(iter(classes))
        pending: list[list[Token]] = []
        i = word.i + 2
        while i < len(doc) and doc[i].text != ")" and doc[i].sent == word.sent:
            token = doc[i]
            if token.pos_ == "PROPN" and token.text[:1].isupper() and token.i not in trigger_of and not _name_year(token):
                if pending and pending[-1][-1].i == token.i - 1:
                    pending[-1].append(token)
                else:
                    pending.append([token])
            elif token.lower_ in preps and i + 1 < len(doc) and (year := _name_year(doc[i + 1])):
                for words in pending:
                    _listed_event(ctx, drafts, trigger_of, event_class, doc[words[0].i : words[-1].i + 1], year, doc[i + 1])
                pending = []
                i += 1
            elif not (token.is_punct or token.pos_ == "CCONJ"):
                pending = []
            i += 1


def _listed_event(
    ctx: ArticleContext, drafts: dict[str, _Draft], trigger_of: dict[int, str], event_class: str, words: Span, year: str, year_word: Token
) -> None:
    """Make the event a listed name tells, with its year: the entity the name was read as becomes that event."""
    entity = ctx.entity_of_token.get(words[0].i)
    if entity is not None and any(ctx.entity_of_token.get(t.i) != entity for t in words):
        return
    key = entity if entity is not None and entity not in drafts else f"event-{slug(words.text)}"
    name = _Name(words.text, frozenset({year}), frozenset(), frozenset({fold(words.text)}), words.start_char, _marks(words))
    draft = drafts.setdefault(key, _Draft(key, event_class, None, name=name))
    evidence = ctx.evidence(words.start_char, words.end_char)
    draft.evidence.append(evidence)
    draft.dates.append((TimeValue(year, "gYear", year_word.text), ctx.evidence(year_word.idx, year_word.idx + len(year_word))))
    ctx.kind_of[key] = "Event"
    ctx.class_of[key] = event_class
    trigger_of.update((t.i, key) for t in words)


class _Mentions:
    """Where each event is told, by class, in text order: kept as the drafts grow.

    Finding the main event a step belongs to looks at the events told in the
    step's sentence and before it; scanning every draft's evidence for every
    trigger made a long article quadratic. Each class keeps its mentions'
    ``(start, local_id)`` sorted, so that a look-up is a binary search.
    """

    def __init__(self, drafts: Mapping[str, _Draft], references: Sequence[tuple[int, int]] = ()) -> None:
        self._by_class: dict[str, list[tuple[int, str]]] = {}
        # Where the text names an event only to measure another by it (:attr:`~beslan_kg.nlp.context.ArticleContext.comparisons`).
        self._references = sorted(references)
        for draft in drafts.values():
            for ev in draft.evidence:
                self.add(draft, ev)

    def add(self, draft: _Draft, evidence: Evidence) -> None:
        """Record one more mention of a draft (after appending it to its evidence).

        A mention in a phrase of comparison is not recorded: "the most powerful
        eruption since the 1883 eruption of Krakatoa" names the older eruption
        as a measure, and "the eruption" of the next sentence is still the
        story's.
        """
        i = bisect_left(self._references, (evidence.start + 1,))
        if i and self._references[i - 1][0] <= evidence.start < self._references[i - 1][1]:
            return
        insort(self._by_class.setdefault(draft.event_class, []), (evidence.start, draft.local_id))

    def reclass(self, draft: _Draft, event_class: str) -> None:
        """Give a draft another class, moving its mentions with it."""
        if event_class == draft.event_class:
            return
        told = self._by_class.get(draft.event_class, [])
        moved = [m for m in told if m[1] == draft.local_id]
        told[:] = [m for m in told if m[1] != draft.local_id]
        draft.event_class = event_class
        for mention in moved:
            insort(self._by_class.setdefault(event_class, []), mention)

    def between(self, classes: Iterable[str], start: int, end: int) -> list[tuple[int, str]]:
        """The mentions of events of ``classes`` that begin in ``[start, end)``, in text order."""
        found = []
        for event_class in set(classes):
            told = self._by_class.get(event_class, ())
            found.extend(told[bisect_left(told, (start,)) : bisect_left(told, (end,))])
        return sorted(found)

    def last_before(self, classes: Iterable[str], offset: int) -> tuple[int, str] | None:
        """The last mention of an event of ``classes`` that begins before ``offset``."""
        found = None
        for event_class in set(classes):
            told = self._by_class.get(event_class, ())
            i = bisect_left(told, (offset,))
            if i and (found is None or told[i - 1] > found):
                found = told[i - 1]
        return found


def _elided_measures(ctx: ArticleContext, drafts: dict[str, _Draft], event_words: Mapping[str, set[tuple[str, bool]]]) -> None:
    """Add the event a comparison names by an article alone: "la primera erupción en la isla desde la del Teneguía en 1971".

    The noun is the ranked one's, so the event is of its class; the phrase's
    year dates it and its places place it.
    """
    for start, end in ctx.comparisons:
        words = ctx.doc.char_span(start, end, alignment_mode="expand")
        if words is None or len(words) < 2:
            continue
        head = words[1]
        if head.pos_ not in ("DET", "PRON") or not any(c.dep_ in ("nmod", "prep") for c in head.children):
            continue  # an event named in full, or no elided noun
        # The ranked noun: the last word for a main event before the phrase, in its sentence.
        classes = next((found for t in reversed(ctx.doc[words.sent.start : words.start]) if (found := event_words.get(_lemma(t)))), set())
        year = next((span for span in ctx.temporal_in(start, end) if span.kind == "date" and span.value.datatype == "gYear"), None)
        if len({c for c, _ in classes}) != 1 or year is None:
            continue
        event_class = next(iter(classes))[0]
        key = f"event-{slug(event_class)}-{year.value.lexical}"
        if key in drafts:
            continue
        draft = drafts[key] = _Draft(key, event_class, None)
        evidence = ctx.evidence(words[1].idx, end)
        draft.evidence.append(evidence)
        draft.dates.append((year.value, ctx.evidence(year.start_char, year.end_char)))
        places = {e for t in words if (e := ctx.entity_of_token.get(t.i)) is not None and ctx.kind_of.get(e) == "Place"}
        draft.roles.extend(("location", place, evidence, f"{ctx.meta.language}-elided-measure") for place in sorted(places))


def _told_within(mentions: _Mentions, token: Token, families: Iterable[str]) -> bool:
    """Tell whether an event of ``families`` (or below them) is told before the token, or in its sentence."""
    classes = {c for c, above in class_ancestors().items() if set(families) & above}
    sentence = token.sent
    return mentions.last_before(classes, token.idx) is not None or bool(mentions.between(classes, sentence.start_char, sentence.end_char))


def _known_in_sentence(drafts: dict[str, _Draft], mentions: _Mentions, token: Token, event_class: str) -> _Draft | None:
    sentence = token.sent
    known = {key for _, key in mentions.between((event_class,), sentence.start_char, sentence.end_char) if drafts[key].kb_id}
    return drafts[known.pop()] if len(known) == 1 else None


def _main_event_near(ctx: ArticleContext, drafts: dict[str, _Draft], mentions: _Mentions, token: Token, classes: set[str]) -> _Draft | None:
    """Return the main event told in the token's sentence, else the last one told before it.

    Known events count where they are named, others where their triggers are.
    """
    sentence = token.sent
    # Told in its sentence before it, or after it behind "during": "The quake
    # occurred on the anniversary of the 1985 earthquake" does not speak of
    # the 1985 one; "an explosion during the Moscow siege" does.
    within = {w.lower() for w in ctx.rules.get("within_preps", ())}
    during = [t.idx for t in sentence if t.lower_ in within and t.idx > token.idx]
    here = [
        key for start, key in mentions.between(classes, sentence.start_char, sentence.end_char)
        if start <= token.idx or any(d < start for d in during)
    ]
    if len(set(here)) == 1:
        return drafts[here[0]]
    before = mentions.last_before(classes, token.idx)
    return drafts[before[1]] if before is not None and not here else None


def _known_main_event(ctx: ArticleContext, drafts: dict[str, _Draft]) -> _Draft | None:
    """Register the known events the article names; return the main one among them, the most named.

    One named once, past the first paragraph, in another year than the first
    date the article gives, is recalled, not told: "Basáyev ya había
    reivindicado la toma de la escuela de Beslán", near the end of a story
    dated October 2005, makes no story of the Beslan siege.
    """
    kb = load_kb()
    main_event_classes = set(ctx.rules.get("main_event_classes", ()))
    lead_end = ctx.text.find("\n\n")
    first = next((t for t in ctx.temporal if t.kind == "date"), None)
    counts: dict[str, int] = {}
    recalled: set[str] = set()
    for ent in ctx.doc.ents:
        entry = kb.get(ent.ent_id_)
        if entry is None or entry.kind != "Event":
            continue
        draft = drafts.setdefault(entry.key, _Draft(entry.key, entry.ontology_class, entry.key))
        draft.evidence.append(ctx.evidence(ent.start_char, ent.end_char))
        date = _date_of(ctx, ent.root)
        if date is not None:
            draft.dates.append(date)
        for i in range(ent.start, ent.end):
            ctx.entity_of_token[i] = entry.key
        ctx.class_of[entry.key] = entry.ontology_class
        ctx.kind_of[entry.key] = "Event"
        if entry.ontology_class in main_event_classes:
            counts[entry.key] = counts.get(entry.key, 0) + 1
            if 0 <= lead_end < ent.start_char and first is not None and entry.began and entry.began[:4] != first.value.lexical[:4]:
                recalled.add(entry.key)
    counts = {k: n for k, n in counts.items() if n > 1 or k not in recalled}
    if not counts:
        return None
    return drafts[max(sorted(counts), key=lambda k: counts[k])]


def _claim_named_events(ctx: ArticleContext, drafts: dict[str, _Draft], triggers: Mapping[str, tuple[_Trigger, ...]]) -> None:
    """Read the names the entity model took for things as the events they name.

    "the Women's March", "the Mexican Revolution", "terremoto de Chiapas":
    a name whose head word is an event noun of the lexicon names an event
    of that noun's class, whatever kind the model gave it. The event keeps
    the entity's id, so that the entity is dropped in its favour, and every
    mention of the name is a mention of the event.
    """
    kb = load_kb()
    # "Roe v. Wade": a case's name names the proceeding, of the class the rules give.
    cases = {(s.start, s.end) for s in ctx.doc.spans.get(CASES_KEY, [])}
    for ent in ctx.doc.ents:
        entity = ctx.entity_of_token.get(ent.start)
        words = ent[1:] if ent[0].pos_ == "DET" and len(ent) > 1 else ent
        if entity is None and ent.label_ == "Event" and not ent.ent_id_:
            # A name the model read as an event's, which no entity took: an
            # id of its own, from the name.
            entity = f"event-{slug(words.text)}"
            for i in range(ent.start, ent.end):
                ctx.entity_of_token[i] = entity
        if entity is None or entity in drafts or ent.ent_id_ in kb or ctx.kind_of.get(entity) == "Person":
            continue
        if ctx.kind_of.get(entity) == "Place" and _of_a_place_noun(ctx, ent):
            continue  # "el parque natural de Cumbre Vieja": a place's name, whatever word opens it
        spec = _head_reading(ent, triggers) or (_case_reading(ctx, ent) if (ent.start, ent.end) in cases else None)
        if spec is None:
            if entity.startswith("event-") and ctx.kind_of.get(entity) is None:
                for i in range(ent.start, ent.end):
                    del ctx.entity_of_token[i]
            continue
        years = frozenset(y for t in words if (y := _name_year(t)))
        places = frozenset(p for t in words if (p := ctx.inner_of_token.get(t.i)))
        # Its words as a name read around an event noun has them, so that
        # "Copa Libertadores" is found within "Copa Conmebol Libertadores 2019".
        proper = frozenset(fold(t.text) for t in words if t.pos_ == "PROPN" and not _name_year(t) and t.i not in ctx.inner_of_token)
        name = _Name(words.text, years, places, proper or frozenset({fold(words.text)}), words.start_char, _marks(words))
        draft = drafts[entity] = _Draft(entity, spec["class"], None, name=name, umbrella=bool(spec.get("umbrella")))
        ctx.kind_of[entity] = "Event"
        ctx.class_of[entity] = spec["class"]
        tokens = sorted(i for i, e in ctx.entity_of_token.items() if e == entity)
        runs: list[list[int]] = []
        for i in tokens:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            draft.evidence.append(ctx.words_evidence(ctx.doc[run[0]], ctx.doc[run[-1]]))
        _take_name(ctx, draft, name, draft.evidence[0], f"{ctx.meta.language}-event-name")
        if (ent.start, ent.end) in cases and not draft.dates:
            # "Roe contra Wade (1973)": a case's year, in brackets after its name, as cases are cited.
            cited = _bracketed_date(ctx, ent.end)
            if cited is not None:
                draft.dates.append((cited.value, ctx.evidence(cited.start_char, cited.end_char)))


def _claimed_mentions(ctx: ArticleContext, drafts: dict[str, _Draft], claimed: set[str]) -> Iterator[tuple[_Draft, list[tuple[Evidence, Token]]]]:
    """Yield the events named by a name the entity model took (none the knowledge base knows), each with its mentions' head words."""
    for key in sorted(claimed):
        draft = drafts.get(key)
        if draft is None or draft.kb_id:
            continue
        yield draft, [(evidence, words.root) for evidence in draft.evidence
                      if (words := ctx.doc.char_span(evidence.start, evidence.end, alignment_mode="expand")) is not None]


def _host_claimed(ctx: ArticleContext, drafts: dict[str, _Draft], claimed: set[str]) -> None:
    """Place the events named by a name the entity model took where the text says they were hosted ("Qatar hosted the 2022 FIFA World Cup")."""
    rule = f"{ctx.meta.language}-event-host"
    for draft, mentions in _claimed_mentions(ctx, drafts, claimed):
        for evidence, root in mentions:
            draft.roles.extend(("location", place, evidence, rule) for place in _hosts(ctx, root))


def _date_claimed(ctx: ArticleContext, drafts: dict[str, _Draft], claimed: set[str], event_nouns: frozenset[int]) -> None:
    """Date the events named by a name the entity model took, which no trigger told, from their own clauses.

    "The Grenfell Tower Inquiry began on 14 September 2017": the name is the
    subject of the clause that dates it, as an event noun would be.
    """
    for draft, mentions in _claimed_mentions(ctx, drafts, claimed):
        if draft.dates:
            continue
        for _, root in mentions:
            if root.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass") or (root.head.pos_ != "VERB" and _attribute_of(root) is None):
                # "una final de Copa Libertadores en 1971": the date of what the name qualifies;
                # "Acme v. Tarvo was a criminal case in 2021": of what the copula says it was.
                continue
            date = _date_of(ctx, root, events=event_nouns)
            if date is not None:
                draft.dates.append(date)


def _case_reading(ctx: ArticleContext, name: Span) -> Mapping[str, Any]:
    """Return the reading of a case's name: the proceeding, or its ruling where a court overturns or upholds it.

    "el caso Dobbs contra Jackson" was a lawsuit, "State of Minnesota v.
    Chauvin" a prosecution (``prosecutors`` and ``prosecution_class`` of
    ``case_names``); "overturning Roe v. Wade", "confirmó a Roe contra Wade"
    act on the ruling a precedent is (``precedent_verbs``, ``precedent_class``).
    """
    rule = ctx.rules.get("case_names") or {}
    word = name.root
    # Over the noun the name is in apposition to ("los casos Roe contra Wade") to the verb.
    for _ in range(3):
        if word.head.i == word.i or word.head.pos_ in ("VERB", "AUX"):
            break
        word = word.head
    verb = word.head
    precedent = verb.i != word.i and verb.pos_ == "VERB" and _lemma(verb) in rule.get("precedent_verbs", ())
    if precedent:
        return {"class": rule.get("precedent_class"), "pos": ["NOUN"]}
    # "State of Minnesota v. Chauvin", "People v. Turner": a state prosecutes, and tries.
    prosecuted = name[0].text in rule.get("prosecutors", ())
    return {"class": rule.get("prosecution_class") if prosecuted else rule.get("class"), "pos": ["NOUN"]}


def _of_a_place_noun(ctx: ArticleContext, span: Span) -> bool:
    """Tell whether a name is the of-phrase of a word for a place ("the island of X", "el parque natural de X").

    The word is one of ``place_heads``, ``division_nouns`` or the place nouns
    of ``kind_heads``; adjectives may stand between it and the of-word.
    """
    doc, i = span.doc, span.start - 1
    of_words, places = derived(ctx.rules, _place_noun_words)
    if i < 1 or doc[i].lower_ not in of_words:
        return False
    i -= 1
    while i > 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return doc[i].pos_ == "NOUN" and doc[i].text[:1].islower() and is_one_of(doc[i], places)


def _place_noun_words(rules: Mapping[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    """Build the of-words and the words for a place :func:`_of_a_place_noun` reads (once per rules)."""
    places = (*rules.get("place_heads", ()), *rules.get("division_nouns", ()), *((rules.get("kind_heads") or {}).get("Place") or ()))
    return frozenset(w.lower() for w in rules.get("of_words", ())), frozenset(w.lower() for w in places)


def _head_reading(span: Span, triggers: Mapping[str, tuple[_Trigger, ...]]) -> Mapping[str, Any] | None:
    """Return the noun reading of the lexicon whose words hold the head of a name ("March" in "Women's March")."""
    root = span.root.i - span.start
    for start in range(len(span)):
        for trigger in _candidates(triggers, span[start]):
            end = start + len(trigger.lemmas)
            if start <= root < end and trigger.matches(span[start:end]) and "NOUN" in trigger.spec["pos"] and not trigger.spec.get("joins_only"):
                if trigger.spec.get("needs_agent") or trigger.spec.get("needs_agent_class"):
                    continue  # a reading that needs someone acting is no name's
                if trigger.spec.get("not_prep") and any(t.lower_ in trigger.spec["not_prep"] for t in span[end:]):
                    continue  # "National League for Democracy", "Liga Nacional para la Democracia" name a body
                return trigger.spec
    return None


# Dependencies by which a word names the noun it hangs on: "the [2017] [Puebla]
# earthquake", "[Trump's] inauguration", "terremoto [de Puebla] [de 2017]".
_NAME_DEPS = {"compound", "nummod", "amod", "poss", "nmod", "npadvmod", "flat", "appos"}
# Prepositions that carry a name after an English event noun: "Women's March
# [on Washington]", "inauguration [of Donald Trump]".
_NAME_PREPS = {"of", "on"}


def _compatible(one: str, other: str) -> bool:
    """Tell whether two event classes may name one event: one is the other or above it ("attack" and "siege")."""
    ancestors = class_ancestors()
    return one in ancestors.get(other, {other}) or other in ancestors.get(one, {one})


def _dated_tokens(ctx: ArticleContext) -> set[int]:
    """Return the tokens of the article's dates and times."""
    found: set[int] = set()
    for span in ctx.temporal:
        if span.kind in ("date", "time"):
            words = ctx.doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
            found.update(range(words.start, words.end) if words is not None else ())
    return found


def _generic(ctx: ArticleContext, token: Token) -> bool:
    """Tell whether an event noun speaks of events in general, not of one that happened.

    "major earthquakes cause destruction", "los terremotos causan daños":
    a bare plural in a present-tense clause; a noun joined by a hyphen to
    the adjective it qualifies ("a landslide-prone area"). "Two explosions
    shook the gym" counts events that happened; "at least one hurricane"
    tells none.
    """
    if token.pos_ == "NOUN" and any(
        c.dep_ in ("nummod", "det") and c.lower_ in ctx.rules.get("one_words", ()) and any(a.dep_ == "advmod" for a in c.subtree if a is not c)
        for c in token.children
    ):
        return True  # "at least one Category 5 hurricane" counts events; it tells none of them
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and token.head.i == token.i + 2 and token.head.pos_ == "ADJ":
        return True  # "a landslide-prone area": the word qualifies the adjective, a kind of place, no event
    if token.pos_ != "NOUN" or not ("Plur" in token.morph.get("Number") or token.tag_ == "NNS"):
        return False
    if any(c.dep_ in ("det", "poss") for c in token.children):
        return False
    clause = _clause_of(token)
    # The finite word of the clause carries its tense: the verb, or its
    # auxiliary ("were progressing" is past, "have caused" perfect).
    finite = [c for c in clause.children if c.dep_ in ("aux", "aux:pass", "auxpass")] + [clause]
    tenses = {t for w in finite if "Fin" in w.morph.get("VerbForm") for t in w.morph.get("Tense")}
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() in ("have", "haber") for c in clause.children)
    return tenses == {"Pres"} and not perfect


def _naming(ctx: ArticleContext, token: Token) -> bool:
    """Tell whether a word makes a phrase a name: a proper noun, an entity, a year, a demonym.

    A word in lower case is no proper noun, whatever the tagger says ("se le
    conoce con el nombre de sismo intraplaca" names a kind of earthquake).
    """
    entity = ctx.entity_at(token) if token.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") else None
    if entity is not None and ctx.kind_of.get(entity) != "Event":
        return True
    return (token.pos_ == "PROPN" and not token.text[:1].islower()) or (token.like_num and bool(YEAR_WORD.fullmatch(token.text)))


def _names_after(ctx: ArticleContext, root: Token, obj: Token) -> bool:
    """Tell whether a phrase after an event noun names the event.

    A person or organisation does ("the inauguration of Donald Trump"), and
    so does a year or a town, region or country ("terremoto de Chiapas",
    "elecciones de 2018"); a building does not ("the seizure of the
    theatre"). After a proper noun ("Women's March on Washington") any name does.
    """
    entity = ctx.entity_at(obj)
    if root.pos_ == "PROPN":
        return _naming(ctx, obj)
    if entity is None:
        # "terremoto de Puebla", "elecciones de 2018"
        return obj.pos_ == "PROPN" or _name_year(obj) is not None or any(_name_year(t) for t in obj.children)
    kind, cls = ctx.kind_of.get(entity), ctx.class_of.get(entity)
    if kind in ("Person", "Organization"):
        return True
    rank = (ctx.rules.get("place_rank") or {}).get(cls or "")
    return kind == "Place" and (rank is None or rank >= 2) and ctx.meta.language != "en"


def _name_words(token: Token) -> list[Token]:
    """Return a name's own words: the word with what makes it a name, not the clauses it heads.

    "George Floyd", "Women 's", "de Puebla", "de la Copa Libertadores 2018".
    """
    found = [token]
    for child in token.children:
        if child.dep_ in ("compound", "flat", "nummod", "case", "det", "amod", "flat:name", "fixed", "poss", "nmod", "appos") and not (
            child.dep_ in ("nmod", "appos") and child.i < token.i
        ):
            if child.dep_ == "nmod" and not any(c.dep_ == "case" for c in child.children) and child.pos_ != "PROPN" and not child.like_num:
                continue
            found.extend(_name_words(child))
    return found


def _name_of(
    ctx: ArticleContext,
    words: Span,
    event_words: Mapping[str, set[tuple[str, bool]]],
    own_class: str | None = None,
    part_of: tuple[str, Mapping[str, _Draft]] | None = None,
    *,
    dated: set[int],
) -> _Name | None:
    """Return the name an event noun is given around it, if any.

    "the 2017 Puebla earthquake", "the George Floyd protests", "the first
    inauguration of Donald Trump", "el terremoto de Puebla de 2017": the
    noun with the modifiers that hold a proper noun, an entity or a year. A
    modifier that is itself an event ("the anniversary of the 1985
    earthquake") names another event, not this one, unless it is a word of
    the same name for an event of the noun's own class ("Copa Mundial"), or
    the noun names a part (``part_of``: its class, and the events read so
    far) and that event holds parts of its class ("la final de la Copa
    Libertadores").
    """
    root = words.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ == "det" and c.lemma_.lower() in ctx.rules.get("indefinite_articles", ()) for c in root.children):
        return None  # "an American protest" describes; a name is definite
    if any(is_superlative(c, ctx.rules) for c in root.children if c.dep_ == "amod"):
        return None  # "the worst UK residential fire" ranks the event among others; it is no name
    kept: set[int] = set()
    years_after: set[int] = set()
    of_words = set(ctx.rules.get("of_words", ()))
    for child in root.children:
        if words.start <= child.i < words.end:
            continue
        if child.dep_ == "nmod" and child.i > root.i and not any(c.dep_ == "case" and c.lower_ in ctx.rules.get("of_words", ()) for c in child.children):
            # "terremoto [de Puebla]" names; "ataque [contra Nalchik]" tells the target.
            continue
        if child.dep_ == "poss" and ctx.entity_at(child) is not None:
            # "Ukraine's incursion", "Erdoğan's comments": who did it, not a name.
            continue
        if child.dep_ in _NAME_DEPS:
            objects = [child]
        elif child.dep_ == "prep" and child.lower_ in _NAME_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
        else:
            continue
        if not objects or any(
            _another_event(ctx, o, event_words, part_of) and not (child.dep_ in ("flat", "flat:name", "amod", "compound") and _same_kind(o, event_words, own_class))
            for o in objects
        ):
            continue  # another event
        if child.i > root.i and child.dep_ not in ("flat", "flat:name") and any(o.i in dated for o in objects):
            if child.dep_ == "nmod" and all(_name_year(o) for o in objects) and any(
                c.dep_ == "case" and c.lower_ in of_words for c in child.children
            ):
                # "el plebiscito de Chile de 2020": a year after a name is a word of it.
                years_after |= {child.i} | {t.i for t in child.subtree}
            continue  # a date after the noun ("a protest on January 21") says when, not which; "Copa Libertadores 2019" is a name
        if child.dep_ in ("prep", "nmod") and child.i > root.i and not any(_names_after(ctx, root, o) for o in objects):
            # "the seizure of the theatre", "la toma de la escuela de Beslán":
            # a building after the noun says what was hit, not the event's name.
            continue
        if any(c.dep_ == "conj" for o in objects for c in o.children) and is_plural(root):
            # "los ataques de Moscú y Kizliar" tells two events at once; "el
            # terremoto de Turquía y Siria" is one, in both.
            return None
        part = {child.i} | {t.i for o in objects for t in _name_words(o)}
        part |= {t.i for o in objects for c in o.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        if any(_naming(ctx, ctx.doc[i]) for i in part) or (child.dep_ == "amod" and not list(child.children)):
            kept |= part
    if kept and years_after:
        kept |= years_after
    # The name is the unbroken run of words around the noun, and holds a name.
    indices = kept | set(range(words.start, words.end))
    first, last = words.start, words.end - 1
    while first - 1 in indices:
        first -= 1
    while last + 1 in indices:
        last += 1
    span = ctx.doc[first : last + 1]
    while len(span) > 1 and (span[0].pos_ in ("DET", "PUNCT", "ADP") or span[0].is_punct):
        span = span[1:]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    if not any(_naming(ctx, t) for t in span if not words.start <= t.i < words.end):
        return None
    places = {e for t in span if (e := ctx.entity_at(t)) and ctx.kind_of.get(e) == "Place"}
    years = {y for t in span if (y := _name_year(t))}
    proper = {fold(t.text) for t in span if t.pos_ == "PROPN" and not ctx.entity_at(t) and not _name_year(t)}
    others = {e for t in span if (e := ctx.entity_at(t)) and ctx.kind_of.get(e) not in ("Place", "Event")}
    return _Name(span.text, frozenset(years), frozenset(places), frozenset(proper | others), span.start_char, _marks(span))


# Years a name spans, as the tokenizer keeps them whole: "2013-16", "2018-2020", "2018–19".
_YEAR_SPAN = re.compile(r"((?:1[0-9]|20)[0-9]{2})[-–/](?:[0-9]{2}|(?:1[0-9]|20)[0-9]{2})")


def _name_year(token: Token) -> str | None:
    """Return the year a word of a name gives: a year ("2017"), or the first of a span of years ("epidemia de 2013-16")."""
    if token.like_num and YEAR_WORD.fullmatch(token.text):
        return token.text
    found = _YEAR_SPAN.fullmatch(token.text)
    return found.group(1) if found else None


def _marks(span: Span) -> frozenset[str]:
    """Return the proper words of a name, folded, but its years."""
    return frozenset(fold(t.text) for t in span if t.pos_ == "PROPN" and not _name_year(t))


def _same_kind(token: Token, event_words: Mapping[str, set[tuple[str, bool]]], event_class: str | None) -> bool:
    """Tell whether a word is a name for events of a class ("Mundial" of a "Copa")."""
    return event_class is not None and any(_compatible(c, event_class) for c, _ in event_words.get(_lemma(token), ()))


def _another_event(
    ctx: ArticleContext, token: Token, event_words: Mapping[str, set[tuple[str, bool]]], part_of: tuple[str, Mapping[str, _Draft]] | None = None
) -> bool:
    """Tell whether a word names an event other than the one a noun names, and not one it is a part of."""
    entity = ctx.entity_of_token.get(token.i)
    if entity is not None and ctx.kind_of.get(entity) == "Event":
        draft = part_of[1].get(entity) if part_of is not None else None
        readings = {(ctx.class_of.get(entity, ""), draft is not None and draft.umbrella)}
    elif _lemma(token) in event_words:
        readings = event_words[_lemma(token)]
    else:
        return False
    return part_of is None or not any(umbrella and _compatible(c, part_of[0]) for c, umbrella in readings)


def _told_years(draft: _Draft) -> set[str]:
    entry = load_kb().get(draft.kb_id) if draft.kb_id else None
    years = {entry.began[:4]} if entry is not None and entry.began else set()
    years |= set(draft.name.years) if draft.name else set()
    best = _best_date(draft)
    return years | ({best[0].lexical[:4]} if best and not best[0].approximate else set())


def _told_places(ctx: ArticleContext, draft: _Draft) -> set[str]:
    entry = load_kb().get(draft.kb_id) if draft.kb_id else None
    places = set(entry.places) if entry is not None else set()
    places |= set(draft.name.places) if draft.name else set()
    return places | {e for role, e, *_ in draft.roles if role == "location" and ctx.kind_of.get(e) == "Place"}


def _contradicts(ctx: ArticleContext, draft: _Draft, name: _Name) -> bool:
    """Tell whether a name says another year or other places than what is known of an event."""
    years, places = _told_years(draft), _told_places(ctx, draft)
    if name.years and years and not name.years & years:
        return True
    if draft.name is not None and name.words and draft.name.words and not (name.words <= draft.name.words or draft.name.words <= name.words):
        return True  # "Copa Mundial de Clubes" is no "Copa Libertadores"
    if draft.name is not None and name.marks and draft.name.marks and not (name.marks <= draft.name.marks or draft.name.marks <= name.marks):
        # "the 2017 Chiapas earthquake" is not "the 2017 Puebla earthquake",
        # whichever of the two names the entity model read as a place.
        return True
    return bool(name.places and places and not name.places & places)


def _named(ctx: ArticleContext, drafts: dict[str, _Draft], event_class: str, name: _Name, near: _Draft | None) -> _Draft | None:
    """Return the event a named mention tells: the one of that name, the one whose name holds it, or the one told nearby.

    "The 1985 quake" is the "1985 Mexico City earthquake" told before; "the
    2017 earthquake" after both the 2017 Puebla and the 2017 Chiapas
    earthquakes is the one told nearby. None when the name says another
    event than any told: another year, another place.
    """
    compatible = [d for d in drafts.values() if _compatible(d.event_class, event_class)]
    same = [d for d in compatible if d.name is not None and fold(d.name.text) == fold(name.text)]
    if same:
        return same[0]
    holding = [d for d in compatible if d.name is not None and name.within(d.name)]
    if len(holding) == 1:
        return holding[0]
    # "the 1883 eruption … the Krakatoa eruption of 1883": a dated name told before, which the longer one holds.
    held = [d for d in compatible if d.name is not None and d.name.years and d.name.within(name)]
    if not holding and len(held) == 1:
        return held[0]
    if near is not None and near in holding:
        return near
    if near is not None and _compatible(near.event_class, event_class) and not _contradicts(ctx, near, name):
        return near
    return None


def _named_draft(ctx: ArticleContext, drafts: dict[str, _Draft], event_class: str, name: _Name) -> _Draft:
    """Return a new draft for an event first told by its name."""
    key = f"event-{slug(name.text)}"
    draft = drafts.get(key)
    if draft is None:
        draft = drafts[key] = _Draft(key, event_class, None, name=name)
    return draft


def _take_name(ctx: ArticleContext, draft: _Draft, name: _Name, evidence: Evidence, rule: str) -> None:
    """Give an event its name (the first it is told by), the places it names and, for want of a date, its year."""
    if draft.name is None and draft.kb_id is None:
        draft.name = name
    # A place the name mentions is where the event was ("the 1985 Mexico City
    # earthquake"); one the entity filter left only a word of the name
    # ("terremoto de Chiapas") says which event it is, not where it struck:
    # it is the event's ``named_after``, no location.
    words = ctx.doc.char_span(name.start, name.start + len(name.text), alignment_mode="expand")
    mentioned = {ctx.entity_of_token.get(t.i) for t in words} if words is not None else set()
    draft.roles.extend(("location", place, evidence, rule) for place in sorted(name.places) if place in mentioned)
    # The parties a case's name holds took part in it ("State of Minnesota v. Derek Michael Chauvin").
    parties = {ctx.party_of_token[t.i] for t in words if t.i in ctx.party_of_token} if words is not None else set()
    draft.roles.extend(("participant", party, evidence, rule) for party in sorted(parties))
    if len(name.years) == 1 and not any(not v.approximate for v, _ in draft.dates):
        year = next(iter(name.years))
        start = name.start + name.text.index(year)
        draft.dates.append((TimeValue(year, "gYear", year), ctx.evidence(start, start + len(year))))


def _ranked(ctx: ArticleContext, noun: Token) -> bool:
    """Tell whether a noun is ranked among others by a superlative or an ordinal ("the first conviction", "la peor tragedia")."""
    return any(ranks(c, ctx.rules) for c in noun.children if c.dep_ in ("amod", "nummod"))


def _event_nouns(rules: Mapping[str, Any], language: str) -> frozenset[str]:
    """Return the one-word lemmas of the triggers of events of any class (nouns and verbs), built once per rules."""
    return derived(rules, _make_event_nouns, language)


def _make_event_nouns(rules: Mapping[str, Any], language: str) -> frozenset[str]:
    """Build :func:`_event_nouns`."""
    return frozenset(t.lemmas[0] for found in derived(rules, _triggers, language).values() for t in found if len(t.lemmas) == 1)


def _triggers(rules: Mapping[str, Any], language: str | None = None) -> Mapping[str, tuple[_Trigger, ...]]:
    """Index the rules' triggers by their first lemma, longest first.

    A stable sort keeps the rules' own order among triggers of one width,
    which decides between readings ("commandos stormed" before "stormed").
    The verbs of actions of no other class (``other_actions``) come last,
    each with its dictionary form in every language (``lemma``).
    """
    by_first: dict[str, list[_Trigger]] = {}
    order = 0
    template = rules.get("other_action") or {}
    noun_template = rules.get("other_action_noun") or {}
    actions = []
    for pair in rules.get("other_actions", ()):
        if language not in pair:
            continue
        lemma = {lang: verb for lang, verb in pair.items() if lang not in ("spec", "nouns", "noun_spec")}
        actions.append({**template, **pair.get("spec", {}), "class": "OtherAction", "lemmas": [pair[language]], "lemma": lemma})
        nouns = (pair.get("nouns") or {}).get(language)
        if nouns and noun_template:
            # "the political reforms of 2014": the act told by its noun, kept by its verb.
            actions.append({**noun_template, **pair.get("noun_spec", {}), "class": "OtherAction", "lemmas": list(nouns), "lemma": lemma})
    for spec in [*rules.get("events", ()), *actions]:
        for lemma in spec["lemmas"]:
            trigger = _Trigger(tuple(re.findall(r"[^\s-]+|-", lemma.lower())), spec, order)
            order += 1
            by_first.setdefault(trigger.lemmas[0], []).append(trigger)
    return {first: tuple(sorted(found, key=lambda t: (-len(t.lemmas), t.order))) for first, found in by_first.items()}


def _candidates(triggers: Mapping[str, tuple[_Trigger, ...]], token: Token, verbs: Iterable[str] = ()) -> list[_Trigger]:
    """Return the entries that may start at a token, by its lemma, its form or the ``verbs`` it is a form of, longest first, in rule order."""
    found = {t.order: t for form in {_lemma(token), token.lower_, *verbs} for t in triggers.get(form, ())}
    return sorted(found.values(), key=lambda t: (-len(t.lemmas), t.order))


def _verbal_participles(ctx: ArticleContext) -> dict[int, frozenset[str]]:
    """Return the participles the tagger read as adjectives that are a clause's verb, with the verbs they may be of.

    "El caso fue revisado y sentenciado por el Tribunal Supremo": a passive
    participle tagged an adjective, its lemma the participle ("sentenciado"),
    is the verb "sentenciar" all the same. Only a participle that is its
    clause's predicate (with a copula or a passive auxiliary, or joined to
    one that has it), or one that qualifies a noun with its agent ("la
    victoria de X, ratificada por el Tribunal Electoral"), counts: "los
    detenidos", "un caso acaecido en X" are no verbs told. The rules'
    ``participle_endings`` give the verbs' endings for a participle's
    ending ("ado" -> "ar"; "ido" -> "er", "ir").
    """
    endings = {e.lower(): tuple(v if isinstance(v, list) else [v]) for e, v in (ctx.rules.get("participle_endings") or {}).items()}
    if not endings:
        return {}
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    found = {}
    for token in ctx.doc:
        if token.pos_ != "ADJ" or "Part" not in token.morph.get("VerbForm"):
            continue
        if token.dep_ in ("amod", "acl"):
            if not any(prep in agent_preps for c in token.children for prep, _ in prepositional(c)):
                continue
        elif token.dep_ in ("ROOT", "conj", "ccomp", "advcl", "xcomp"):
            predicate = token.head if token.dep_ == "conj" else token
            if not any(c.dep_ in ("cop", "aux", "aux:pass") for c in predicate.children):
                continue
        else:
            continue
        lemma = _lemma(token)
        for ending, verb_endings in endings.items():
            if lemma.endswith(ending) and len(lemma) > len(ending):
                found[token.i] = frozenset(lemma[: -len(ending)] + v for v in verb_endings)
                break
    return found


def _iter_trigger_tokens(ctx: ArticleContext, triggers: Mapping[str, tuple[_Trigger, ...]]) -> Iterator[tuple[Token, int, list[Mapping]]]:
    """Yield each trigger word, its width, and every reading of it, longest first, in rule order."""
    doc = ctx.doc
    covered = -1
    verbs = _verbal_participles(ctx)
    for token in doc:
        candidates = _candidates(triggers, token, verbs.get(token.i, ()))
        # A word inside a longer trigger ("search and rescue operations") is no trigger of its own.
        if not candidates or token.i in ctx.entity_of_token or token.i <= covered:
            continue
        width, specs = 0, []
        for trigger in candidates:
            size = len(trigger.lemmas)
            if width and size != width:
                break
            end = token.i + size
            if end > len(doc) or not trigger.matches(doc[token.i : end], verbs):
                continue
            if any(i in ctx.entity_of_token for i in range(token.i, end)):
                continue
            root = doc[token.i : end].root
            # "Hurricane Dorian", "the Singapore Summit": the tagger reads an event word in a name as a proper noun.
            pos = "VERB" if root.i in verbs else "NOUN" if root.pos_ == "PROPN" and _in_name(ctx, root) else root.pos_
            if root.dep_ in _NOUN_ROLES and (pos == "ADV" or (pos in ("ADJ", "PROPN") and root.is_lower and _nominal(root))):
                # "The COVID-19 pandemic hit Peru": a subject tagged an adverb is a noun, and so is a
                # lower-case word tagged an adjective or a name that has a noun's modifiers ("since the
                # COVID-19 pandemic"); "the wounded" stands for people, no event.
                pos = "NOUN"
            if pos in trigger.spec["pos"]:
                width = size
                specs.append(trigger.spec)
        if specs:
            covered = token.i + width - 1
            yield token, width, specs


def _nominal(token: Token) -> bool:
    """Tell whether a word has a determiner and a noun before it that modifies it, as only a noun has ("the COVID-19 pandemic")."""
    return any(c.dep_ == "det" for c in token.children) and any(c.dep_ == "compound" and c.i < token.i for c in token.children)


def _own_word(ctx: ArticleContext, words: Span, name: _Name | None) -> Token | None:
    """Return the proper word of a name made of an event word and that word alone ("tormenta Daniel"), if it is one."""
    if name is None or len(words) != 1:
        return None
    named = ctx.doc.char_span(name.start, name.start + len(name.text), alignment_mode="expand")
    if named is None or len(named) != 2 or words[0] not in named:
        return None
    other = next(t for t in named if t.i != words[0].i)
    entity = ctx.entity_of_token.get(other.i)
    if other.pos_ != "PROPN" or not other.text[:1].isupper() or (entity is not None and ctx.kind_of.get(entity) not in (None, "Person", "Event")):
        return None
    return other


def _bare_names(ctx: ArticleContext, name: Token, trigger_of: Mapping[int, str]) -> Iterator[Token]:
    """Yield the other words of the article that are a titled event's name alone ("Dorian" after "Hurricane Dorian").

    A word inside a longer name ("Daniel Ortega", "Dorian Gray") is another's,
    and so is one the entity step read as an entity: a mention is of one thing.
    """
    for token in ctx.doc:
        if token.i == name.i or token.i in trigger_of or token.text != name.text or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            continue
        if token.dep_ in _NAME_PARTS or any(c.dep_ in _NAME_PARTS for c in token.children):
            continue
        if token.i in ctx.entity_of_token:
            continue  # a word the article names an entity by ("Daniel" read as a person) is that entity's mention
        yield token


# Dependencies that join the words of one proper name.
_NAME_PARTS = ("compound", "flat", "flat:name")


def _in_name(ctx: ArticleContext, token: Token) -> bool:
    """Tell whether a capitalised event word is a word of an event's proper name: "Hurricane Dorian", "the Save America March".

    The word before a name ("Hurricane" of "Dorian"), or the last word of a
    name whose other proper words come before it, inside a sentence (a
    sentence's first word is capitalised whatever it is). A place's name
    before the word ("the Washington March") tells where, as "the
    Washington protest" would, not which.
    """
    if token.dep_ == "compound":
        return _titled(token)
    # "the Summit of the Americas", "la VIII Cumbre de las Américas": capitalised inside its
    # sentence, with an of-phrase that names what it is of, or after its ordinal.
    inside = not token.is_sent_start and token.i > token.sent.start and token.text[:1].isupper() and not token.ent_type_
    of_words = set(ctx.rules.get("of_words", ()))
    of_phrases = [c for c in token.children if c.i > token.i and ((c.dep_ == "prep" and c.lower_ in of_words)
                  or (c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in of_words for g in c.children)))]
    if inside and (any(t.pos_ == "PROPN" and t.text[:1].isupper() for c in of_phrases for t in c.subtree)
                   or (ROMAN.fullmatch(token.doc[token.i - 1].text) and token.doc[token.i - 1].pos_ != "PRON")):
        return True
    before = token.doc[token.i - 1] if token.i else None
    return (
        before is not None and not token.is_sent_start and token.text[:1].isupper() and not token.ent_type_
        and before.head.i == token.i and before.dep_ in _NAME_PARTS and before.pos_ == "PROPN"
        and ctx.kind_of.get(ctx.entity_of_token.get(before.i, "")) != "Place"
    )


def _titled(token: Token) -> bool:
    """Tell whether a capitalised event word opens the proper name right after it ("Storm Daniel", "Hurricane Katrina")."""
    name = token.head
    return (
        token.text[:1].isupper() and name.pos_ == "PROPN" and name.i == token.i + 1
        and name.ent_type_ not in ("GPE", "LOC", "ORG", "FAC", "NORP")
    )


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _agent_group(rules: Mapping[str, Any], group: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return the classes and the nouns (lower-cased) of one of the rules' ``agent_groups``, built once per rules."""
    return derived(rules, _make_agent_group, group)


def _make_agent_group(rules: Mapping[str, Any], group: str) -> tuple[frozenset[str], frozenset[str]]:
    """Build :func:`_agent_group`."""
    spec = (rules.get("agent_groups") or {}).get(group) or {}
    return frozenset(spec.get("classes", ())), frozenset(n.lower() for n in spec.get("nouns", ()))


def _roles(ctx: ArticleContext, trigger: Token, spec: Mapping[str, Any], demonyms: Mapping[int, list[Span]]) -> Iterator[tuple[str, str, str]]:
    """Yield (property, entity local_id, rule id) for the trigger's participants."""
    roles: Mapping[str, str] = spec.get("roles") or {}
    rule = f"{ctx.meta.language}-event-{slug(spec['class'])}"
    location_preps = set(ctx.rules.get("location_preps", ()))
    area_preps = set(ctx.rules.get("area_preps", ()))
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    of_preps = set(ctx.rules.get("of_preps", ()))
    # "Moïse fue asesinado": the parser marks a passive's subject as a plain subject. A past
    # participle's auxiliary, not a gerund's ("Tarvo was attacking Olmo" is active).
    passive_aux = set(ctx.rules.get("passive_auxiliaries", ()))
    passive = trigger.pos_ == "VERB" and "Part" in trigger.morph.get("VerbForm") and "Past" in trigger.morph.get("Tense") \
        and is_passive(trigger, passive_aux)
    # A clause with a subject of its own has its agent already; a "by"/"por"
    # phrase there gives a cause or a means ("condenó a Rusia por la toma").
    has_subject = not passive and any(c.dep_ == "nsubj" for c in trigger.children)
    # "la final de desempate entre Nacional y Estudiantes": a noun qualifying
    # the event noun ("de desempate") passes its phrases on to it.
    qualifiers = [
        obj for child in trigger.children for prep, obj in prepositional(child)
        if trigger.pos_ == "NOUN" and prep in of_preps and obj.pos_ == "NOUN" and ctx.entity_at(obj) is None
    ]
    for qualifier in qualifiers:
        for child in qualifier.children:
            for prep, target in prepositional(child):
                if prep in roles and prep not in of_preps:
                    yield from _as_role(ctx, target, roles[prep], rule)
    if not has_subject and "agent" in roles:
        # "Erdoğan canceled a trip and traveled to Amasra": a verb joined to
        # another shares its subject.
        for subject in _shared_subjects(trigger):
            yield from _as_role(ctx, subject, roles["agent"], rule)
    if spec.get("passive_object") and "object" in roles and not any(
            c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj") for c in trigger.children):
        # "X was arrested and charged": the passive's subject is the one the joined verb befalls too.
        for subject in _shared_subjects(trigger, ("nsubjpass", "nsubj:pass")):
            yield from _as_role(ctx, subject, roles["object"], rule)
    for child in trigger.children:
        dep = "nsubjpass" if passive and child.dep_ == "nsubj" else child.dep_
        if dep in ("nsubj", "agent_subject") and "agent" in roles:
            yield from _as_role(ctx, child, roles["agent"], rule)
        elif dep in ("dobj", "obj", "nsubjpass", "nsubj:pass") and "object" in roles and not _case_marked(ctx, child):
            yield from _as_role(ctx, child, roles["object"], rule)
        elif dep == "poss" and "possessor" in roles:
            yield from _as_role(ctx, child, roles["possessor"], rule)
        elif dep == "poss" and trigger.pos_ == "NOUN" and child.pos_ == "PROPN" and (entity := ctx.entity_at(child)) is not None and ctx.kind_of.get(entity) == "Place":
            # "Spain's worst rail accident", "Turkey's deadliest mine disaster":
            # where it happened ("the country's deadliest attack" compares, and names none).
            yield from (("location", place, rule) for place in _places_at(ctx, child))
        elif dep == "compound" and child.i < trigger.i and "modifier" in roles:
            # "an FSB raid": the name before the noun does it.
            yield from _as_role(ctx, child, roles["modifier"], rule)
        elif dep == "ccomp" and "clause_subject" in roles:
            subject = next((t for t in child.subtree if t.i in ctx.entity_of_token and t.dep_ in ("poss", "nsubj")), None)
            if subject is not None:
                yield from _as_role(ctx, subject, roles["clause_subject"], rule)
        if dep in ("nsubj", "nsubjpass", "nsubj:pass") and "operator" in roles and _lemma(child) in _agent_group(ctx.rules, "vehicle")[1]:
            # "Ethiopian Airlines Flight 302 crashed", "el vuelo 1282 de Alaska Airlines": the body whose vehicle it was.
            for part in child.children:
                named = [part] if part.dep_ == "compound" and part.i < child.i else [t for p, t in prepositional(part) if p in of_preps]
                for word in named:
                    entity = ctx.entity_at(word)
                    if entity is not None and ctx.kind_of.get(entity) == "Organization":
                        yield roles["operator"], entity, rule
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
            elif _locative(ctx, prep, target, location_preps, area_preps):
                # "protests in Chicago, Seattle and Boston": each place of the list;
                # "exploded on the outskirts of Grozny".
                for each in _with_conjuncts(target):
                    entity = ctx.entity_at(each)
                    if entity is not None and ctx.kind_of.get(entity) == "Place":
                        for place in _places_at(ctx, each):
                            yield "location", place, rule
                        # "at the Capella Hotel in Singapore": the building, then its town.
                        for place in _places_in(ctx, each, location_preps, named=True):
                            yield "location", place, rule
                    else:
                        # "at a school in Beslan": an unnamed building, then its town
                        # (or a named one: "at the Hennepin Center in Minneapolis").
                        for place in _places_in(ctx, each, location_preps):
                            yield "location", place, rule
            if trigger.pos_ == "NOUN" and prep not in location_preps and target.pos_ == "NOUN" and ctx.entity_at(target) is None \
                    and _lemma(target) not in _event_nouns(ctx.rules, ctx.meta.language) and not _ranked(ctx, trigger):
                # "un acto de homenaje a las víctimas en el gimnasio", "the killing of 30 people in Kabul":
                # the parser hangs the event's place on the people it names, who are no event of their own.
                # Not after a rank: "the first conviction of an officer in Minnesota" ranks it there.
                for place in _places_in(ctx, target, location_preps):
                    yield "location", place, rule
    caused = trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and _lemma(trigger.head) in ctx.rules.get("causing_verbs", ())
    within = _within_verb(ctx, trigger)
    if caused or within is not None or (trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")) or (
        trigger.pos_ == "VERB" and trigger.dep_ in ("advcl", "xcomp")
    ):
        # The clause's own verb says where ("gathered in Beslan to mark …").
        # "dos explosiones sacudieron el gimnasio", "a ceremony is held in the
        # gymnasium": the verb of which the event is the subject says where,
        # and so does a verb joined to it with no subject of its own ("the
        # storm formed on 4 September and caused floods in Libya").
        # "People gather at School No 1 during a ceremony": the verb the event holds.
        verbs = [within] if within is not None else [trigger.head] if trigger.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass") else [
            trigger.head, *(c for c in trigger.head.children if c.dep_ == "conj" and c.pos_ == "VERB" and not any(
                s.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") for s in c.children))
        ]
        # "nearly hit Puerto Rico": a verb the text says fell short struck nothing.
        short = {w.lower() for w in ctx.rules.get("falling_short_adverbs", ())}
        verbs = [v for v in verbs if not any(c.dep_ == "advmod" and c.lower_ in short for c in v.children)]
        # "the storm caused floods in Libya": where what it caused happened.
        first_town = None  # the first town the verb's phrases name, or a place in one
        for child in (c for verb in verbs for c in verb.children if c.dep_ != "conj" or verb is not trigger.head):
            if caused and child.dep_ in ("dobj", "obj"):
                continue
            places = _with_conjuncts(child) if child.dep_ in ("dobj", "obj") else [
                each for p, t in prepositional(child) if _locative(ctx, p, t, location_preps, area_preps) for each in _with_conjuncts(t)
            ]
            if child.dep_ in ("dobj", "obj") and ctx.entity_at(child) is None:
                # "the earthquake caused damage in Puebla", "la tormenta dejó
                # daños en Cuba": where its effects were is where it struck.
                for place in _places_in(ctx, child, location_preps):
                    yield "location", place, rule
            for place in places:
                entity = ctx.entity_at(place)
                if entity is not None and ctx.kind_of.get(entity) == "Place":
                    if child.dep_ not in ("dobj", "obj") and _addressed(ctx, entity, first_town):
                        continue
                    first_town = first_town or (entity if child.dep_ not in ("dobj", "obj") and _in_a_town(ctx, entity) else None)
                    yield from (("location", each, rule) for each in _places_at(ctx, place))
                    if child.dep_ not in ("dobj", "obj"):
                        yield from (("location", town, rule) for town in _places_in(ctx, place, location_preps, named=True))
                elif child.dep_ not in ("dobj", "obj"):
                    # "occurred in a coal mine in Amasra": an unnamed place, then its
                    # town; "was held at the Hennepin Center in Minneapolis": a building's town.
                    for town in _places_in(ctx, place, location_preps):
                        yield "location", town, rule
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass", "nsubj:pass"):
        # "the outbreak was confined to Pelm", "began in Tarvo and spread to
        # Uldar", "el brote se extendió a Uldar": where it reached.
        yield from (("location", place, rule) for place in _places_reached(ctx, trigger.head))
    if spec.get("verb_places") and trigger.dep_ in ("nsubj", "nsubjpass", "nsubj:pass"):
        # "warnings were put up for areas from the Leeward Islands to
        # Hispaniola": the verb's phrases of these prepositions name the
        # places the event is for.
        for place in _places_along(ctx, trigger.head, set(spec["verb_places"])):
            yield "location", place, rule
    yield from _where_it_happened(ctx, trigger, rule)
    if "launcher" in roles and trigger.dep_ in ("dobj", "obj") and _lemma(trigger.head) in ctx.rules.get("launch_verbs", ()):
        subject = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            yield from _as_role(ctx, subject, roles["launcher"], rule)
        # "Acme filed a lawsuit against Orlav": the parser hangs the noun's phrase on the verb that launches it.
        yield from _verb_phrases(ctx, trigger, roles, location_preps, rule)
    if trigger.pos_ in ("NOUN", "PROPN") and _lemma(trigger.head) in ctx.rules.get("taking_part_verbs", ()):
        # "Ana Diaz won the election", "the final was played by Ajax and
        # Porto", "Acme organizó la huelga": whoever does the verb to the
        # event takes part in it.
        prop = roles.get("launcher") or "participant"
        verb = trigger.head
        if trigger.dep_ in ("dobj", "obj"):
            for subject in [c for c in verb.children if c.dep_ == "nsubj"] or _shared_subjects(verb):
                yield from _as_role(ctx, subject, prop, rule)
        elif trigger.dep_ in ("nsubjpass", "nsubj:pass"):
            for child in verb.children:
                for prep, target in prepositional(child):
                    if prep in agent_preps:
                        yield from _as_role(ctx, target, prop, rule)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and _lemma(trigger.head) in ctx.rules.get("light_verbs", ()):
        # "drew criticism from Kılıçdaroğlu": the verb only carries the noun,
        # and its phrases are the noun's; its subject is whom the event befell
        # ("Erdoğan drew criticism", "Erdoğan's comments drew criticism").
        for child in trigger.head.children:
            if child.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and "bearer" in roles:
                bearer = child if ctx.entity_at(child) is not None else next((c for c in child.children if c.dep_ in ("poss", "nmod")), None)
                if bearer is not None:
                    yield from _as_role(ctx, bearer, roles["bearer"], rule)
        yield from _verb_phrases(ctx, trigger, roles, location_preps, rule)
    yield from (("location", place, rule) for place in _hosts(ctx, trigger))
    yield from (("location", place, rule) for place in _epicentre(ctx, trigger, location_preps, area_preps))
    yield from (("location", place, rule) for place in _places_of_counts(ctx, trigger, location_preps))
    if "demonym" in roles:
        # "the Ukrainian offensive", "la guerra chechena": the people named by
        # the adjective wage it.
        for span in demonyms.get(trigger.i, ()):
            if span.root.dep_ in ("amod", "compound", "nmod"):
                yield roles["demonym"], span.id_, rule


def _part_named(ctx: ArticleContext, token: Token, drafts: dict[str, _Draft], spec: Mapping[str, Any], trigger_of: Mapping[int, str]) -> _Draft | None:
    """Return the event told just before whose "of" phrase this main event's word is ("la final de [la Copa]")."""
    if not spec.get("umbrella"):
        return None  # only a tournament, general elections... hold parts
    of_preps = set(ctx.rules.get("of_preps", ()))
    head = token.head
    for prep, target in prepositional(token) if token.dep_ in ("nmod", "obl") else (
        prepositional(head) if token.dep_ == "pobj" else ()
    ):
        if target.i != token.i or prep not in of_preps:
            continue
        owner = head if token.dep_ != "pobj" else head.head
        part = drafts.get(trigger_of.get(owner.i, ""))
        if part is not None and part.event_class != "Event" and not part.umbrella and _compatible(part.event_class, spec["class"]):
            return part
    return None


def _whole_named(ctx: ArticleContext, token: Token, drafts: dict[str, _Draft], spec: Mapping[str, Any]) -> _Draft | None:
    """Return the event a main event's word names it a part of.

    "la final de la Copa Libertadores 2019", "the first round of the
    election": the event its "of" phrase names, when of a compatible class.
    (A part of an event told with it, "the presidential election" told with
    general elections, is read where the main event told nearby is known:
    readings marked ``umbrella`` and ``within_umbrella``.)
    """
    if not spec.get("within_umbrella"):
        return None
    of_preps = set(ctx.rules.get("of_preps", ()))
    for child in token.children:
        for prep, target in prepositional(child):
            if prep not in of_preps:
                continue
            key = ctx.entity_of_token.get(target.i)
            whole = drafts.get(key) if key is not None else None
            if whole is not None and whole.umbrella and _compatible(whole.event_class, spec["class"]):
                return whole
    return None


def _where_it_happened(ctx: ArticleContext, trigger: Token, rule: str) -> Iterator[tuple[str, str, str]]:
    """Yield the places a clause of happening on an event noun gives.

    "el terremoto ocurrido en Michoacán", "the explosion that occurred in
    Amasra", and through a container noun the event noun fills ("un caso de
    violación acaecido en Pamplona"): the rules' ``occurrence_words``, as a
    participle or a relative clause of the noun; and a clause of what the
    event did, one of the ``effect_verbs`` ("los atentados que causaron 39
    muertos en el metro de Moscú").
    """
    if trigger.pos_ != "NOUN":
        return
    happening = _happening_words(ctx)
    effects = {w.lower() for w in ctx.rules.get("effect_verbs", ())}
    container = _container_of(trigger, ctx.rules)
    nouns = [trigger] if container is None else [trigger, container]
    location_preps = set(ctx.rules.get("location_preps", ()))
    for noun in nouns:
        for clause in noun.children:
            if clause.dep_ not in ("acl", "amod", "relcl", "acl:relcl"):
                continue
            happens = _happens(clause, happening)
            if not happens and not (noun is trigger and _lemma(clause) in effects and _said_of_subject(clause)):
                continue
            for child in clause.children:
                if child.dep_ in ("dobj", "obj") and not happens:
                    # "the attacks that hit the Lubyanka station": the place it hit.
                    for each in _with_conjuncts(child):
                        for place in _places_at(ctx, each):
                            yield "location", place, rule
                for prep, target in prepositional(child):
                    if prep in location_preps:
                        for each in _with_conjuncts(target):
                            for place in _places_at(ctx, each):
                                yield "location", place, rule
                            # "a summit held at the Capella Hotel in Singapore": the building's town too.
                            for place in _places_in(ctx, each, location_preps, named=True):
                                yield "location", place, rule


def _in_a_town(ctx: ArticleContext, place: str) -> bool:
    """Tell whether a place is a town or a place in one, by the rules' ``place_rank``."""
    rank = ctx.rules.get("place_rank", {})
    found = rank.get(ctx.class_of.get(place))
    return found is not None and found <= rank.get("Settlement", 0)


def _addressed(ctx: ArticleContext, place: str, town: str | None) -> bool:
    """Tell whether a place in a verb's phrases only goes on with the address of a town named before it.

    "People gather at School No 1 in Beslan in the region of North Ossetia":
    the phrases after the town locate the town; the event is at the school,
    in Beslan.
    """
    return town is not None and not _in_a_town(ctx, place) and ctx.class_of.get(place) in ctx.rules.get("place_rank", {})


def _locative(ctx: ArticleContext, prep: str, target: Token, location_preps: set[str], area_preps: set[str]) -> bool:
    """Tell whether a phrase says where: a preposition of place, or one of ``area_preps`` before a place noun ("on the outskirts of")."""
    return prep in location_preps or (prep in area_preps and is_one_of(target, ctx.rules.get("place_heads", ())))


def _epicentre(ctx: ArticleContext, trigger: Token, location_preps: set[str], area_preps: set[str]) -> Iterator[str]:
    """Yield the places of an event's epicentre ("struck with an epicentre near Raboso", "tuvo su epicentro en Michoacán").

    An epicentre noun (the rules' ``epicentre_nouns``) in a phrase of the
    event's word, or of the verb it is the subject of, or that verb's
    object: its own phrases of place, and the verb's where it is its object
    (the parser hangs "en la costa" on "tuvo" as often as on "epicentro").
    """
    nouns = {w.lower() for w in ctx.rules.get("epicentre_nouns", ())}
    if not nouns:
        return
    holders = [trigger, trigger.head] if trigger.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") else [trigger]
    for holder in holders:
        for child in holder.children:
            held = child.dep_ in ("dobj", "obj") and _lemma(child) in nouns
            epicentre = child if held else next((t for _, t in prepositional(child) if _lemma(t) in nouns), None)
            if epicentre is None:
                continue
            for source in (epicentre, holder) if held and holder is not trigger else (epicentre,):
                for phrase in source.children:
                    for prep, target in prepositional(phrase):
                        if _locative(ctx, prep, target, location_preps, area_preps):
                            for each in _with_conjuncts(target):
                                yield from _places_at(ctx, each)


def _places_of_counts(ctx: ArticleContext, trigger: Token, location_preps: set[str]) -> Iterator[str]:
    """Yield where parts of an event's toll were ("370 were killed by the earthquake, including 228 in Mexico City").

    A count in a phrase of including (the frames' ``including_words``) on
    the event's word, with a phrase of place of its own: the event reached
    that place. (A noun there, "including children in Tarvo", is read as
    whom the event is for.)
    """
    including = {w.lower() for w in (ctx.rules.get("frames") or {}).get("including_words", ())}
    for child in trigger.children:
        if _lemma(child) not in including:
            continue
        for _, part in prepositional(child):
            if part.like_num or any(c.dep_ == "nummod" for c in part.children):
                yield from _places_in(ctx, part, location_preps)


def _hosts(ctx: ArticleContext, trigger: Token) -> Iterator[str]:
    """Yield the places said to host an event ("Lima hosted the final", "the final was hosted by Lima", "Lima fue sede de la final").

    The rules' ``hosting`` gives the verbs and the nouns of hosting; the
    host is the verb's subject (its "by" phrase in the passive), or the
    subject of a copula whose noun of hosting has the event in its of-phrase.
    """
    hosting = ctx.rules.get("hosting") or {}
    verbs, nouns = set(hosting.get("verbs", ())), set(hosting.get("nouns", ()))
    of_preps = set(ctx.rules.get("of_preps", ()))
    head, hosts = trigger.head, []
    if trigger.dep_ in ("dobj", "obj") and _lemma(head) in verbs:
        hosts = [c for c in head.children if c.dep_ == "nsubj"]
    elif trigger.dep_ in ("nsubjpass", "nsubj:pass") and _lemma(head) in verbs:
        agent_preps = set(ctx.rules.get("agent_preps", ()))
        hosts = [t for c in head.children for p, t in prepositional(c) if p in agent_preps]
    else:
        noun = head.head if trigger.dep_ == "pobj" and head.lower_ in of_preps else head if trigger.dep_ == "nmod" and any(
            c.dep_ == "case" and c.lower_ in of_preps for c in trigger.children) else None
        if noun is not None and _lemma(noun) in nouns:
            # "Lima fue sede de la final" (the subject hangs on the noun) or "Lima was the host of the final" (on the copula).
            clause = noun.head if noun.dep_ == "attr" else noun
            hosts = [c for c in clause.children if c.dep_ == "nsubj"]
    for host in hosts:
        for each in _with_conjuncts(host):
            yield from _places_at(ctx, each)


def _within_verb(ctx: ArticleContext, trigger: Token) -> Token | None:
    """Return the verb an event noun's phrase of ``within_preps`` puts inside the event ("gathered at X during a ceremony", "durante el acto").

    What the verb did, it did at the event: where it was done is where the event was. The
    phrase may hang on the verb's time ("acaecidos en Pamplona en la madrugada del 7 de julio,
    durante las fiestas"), and the verb may be a participle the parser made an adjective.
    """
    within = {w.lower() for w in ctx.rules.get("within_preps", ())}
    if trigger.pos_ != "NOUN":
        return None
    if trigger.dep_ == "pobj" and trigger.head.lower_ in within:
        holder = trigger.head.head
    elif trigger.dep_ in ("obl", "nmod") and any(c.dep_ == "case" and c.lower_ in within for c in trigger.children):
        holder = trigger.head
    else:
        return None
    if holder.pos_ == "NOUN" and ctx.temporal_in(holder.left_edge.idx, trigger.left_edge.idx):
        holder = holder.head.head if holder.dep_ == "pobj" else holder.head if holder.dep_ in ("obl", "npadvmod") else holder
    verbal = holder.pos_ == "VERB" or (holder.pos_ == "ADJ" and "Part" in holder.morph.get("VerbForm"))
    return holder if verbal and holder is not trigger else None


def _places_reached(ctx: ArticleContext, verb: Token) -> Iterator[str]:
    """Yield the places a verb of spreading says its subject reached, or one joined to it with no subject of its own.

    The rules' ``spread_verbs`` give each verb's prepositions ("spread to",
    "confined to", "extenderse a"). A participle on the verb ("began in
    Tarvo, later spreading to Uldar") is left out: it follows a story
    sentence by sentence, and an event told again there is the one the
    paragraph is about more often than the one last named.
    """
    spread = {str(lemma).lower(): set(preps) for lemma, preps in (ctx.rules.get("spread_verbs") or {}).items()}
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                     and not any(s.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") for s in c.children))]
    for each in verbs:
        preps = spread.get(_lemma(each), set())
        for child in each.children:
            for prep, target in prepositional(child):
                if prep in preps:
                    for place in _with_conjuncts(target):
                        yield from _places_at(ctx, place)


def _happening_words(ctx: ArticleContext) -> set[str]:
    """Return the verbs whose clause on an event noun tells where and when it was: it happened, it was held, it was launched
    ("a summit held in Singapore on 12 June", "the war Moscow launched in Chechnya in December 1994").

    A verb of two words is its lemma and its particle ("break out").
    """
    return {w.lower() for key in ("occurrence_words", "carrying_verbs", "launch_verbs") for w in ctx.rules.get(key, ())}


def _happens(clause: Token, happening: set[str]) -> bool:
    """Tell whether a clause's verb is one of ``happening``, with its particle or its bare noun ("broke out", "took place", "tuvo lugar")."""
    return _verb_in(clause, happening, ("prt", "dobj", "obj", "compound"))


def _verb_in(verb: Token, words: set[str], seconds: tuple[str, ...]) -> bool:
    """Tell whether a verb is one of ``words``: its lemma, or its lemma and a dependent of ``seconds`` ("declared over")."""
    lemma = _lemma(verb)
    return lemma in words or any(c.dep_ in seconds and f"{lemma} {c.lower_}" in words for c in verb.children)


def _ended_by(ctx: ArticleContext, noun: Token) -> bool:
    """Tell whether an event noun is the subject or the object of a verb of its end ("the outbreak was declared over", "el brote terminó", "troops ended the crisis").

    That verb's day is when the event ended: no day it began.
    """
    ending = {w.lower() for w in ctx.rules.get("ending_verbs", ())}
    return noun.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj") and _verb_in(noun.head, ending, ("prt", "advmod", "acomp", "xcomp", "oprd"))


def _happening_clauses(ctx: ArticleContext, noun: Token) -> list[Token]:
    """Return the clauses of happening on an event noun: "the summit, held in Singapore", "el terremoto ocurrido en 1985".

    A clause of launching it says when it began whoever launched it: "the war that Moscow launched in December 1994".
    """
    if noun.pos_ != "NOUN":
        return []
    happening = _happening_words(ctx)
    launching = {w.lower() for w in ctx.rules.get("launch_verbs", ())}
    return [c for c in noun.children if c.dep_ in ("acl", "relcl", "acl:relcl") and _happens(c, happening)
            and (_said_of_subject(c) or _lemma(c) in launching)]


def _said_of_subject(clause: Token) -> bool:
    """Tell whether a clause on a noun says what the noun did: a relative clause whose subject is its pronoun, or a participle.

    "the bombs that exploded in the metro", "the attack carried out in
    Nalchik"; not "the war [that] Russia waged in Chechnya", which says
    what another did.
    """
    if clause.pos_ != "VERB":
        return False
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
    if clause.dep_ == "acl":
        return not subjects or all(s.pos_ == "PRON" for s in subjects)
    return bool(subjects) and all(s.pos_ == "PRON" and s.i < clause.i for s in subjects)


def _case_marked(ctx: ArticleContext, child: Token) -> bool:
    """Tell whether an object is a prepositional phrase the parser took for one ("sentenciado [por el Tribunal Supremo]").

    The preposition that marks a person as the object ("denunció [a los
    agresores]") is one of the rules' ``object_preps``, and leaves it the object.
    """
    marks = {w.lower() for w in ctx.rules.get("object_preps", ())}
    return any(c.dep_ == "case" and c.lower_ not in marks for c in child.children)


def _small_clause(child: Token) -> bool:
    """Tell whether a clausal dependent is an object with its predicate and no verb: "declared [the process underway]"."""
    return child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("ADJ", "ADV", "NOUN") and not any(c.dep_ == "mark" for c in child.children)


def _shared_subjects(verb: Token, deps: tuple[str, ...] = ("nsubj",)) -> list[Token]:
    """Return the subjects a verb without one takes from the verb it is joined to ("X canceled a trip and traveled").

    ``deps``: the subjects' relations; a passive's ("X was arrested and charged") for what befalls them.
    """
    current = verb
    while current.dep_ == "conj" and current.pos_ in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
        subjects = [c for c in current.children if c.dep_ in deps]
        if subjects:
            return subjects
    return []


def _in_context(ctx: ArticleContext, spec: Mapping[str, Any], roles: list, trigger: Token) -> Mapping[str, Any]:
    """Refine a reading by the place it happened: "an explosion in a coal mine" is a mining accident.

    The rules' ``refine`` entries list words of places (``place_words``) and
    what the reading becomes where one of them names the event's place, in a
    place's name, an unnamed place noun ("at the mine") or a word before the
    event noun ("a mine explosion").
    """
    refinements = spec.get("refine") or ()
    if not refinements:
        return spec
    words: set[str] = set()
    places = {e for role, e, _ in roles if role in ("location", "target")}
    sentence = trigger.sent
    words |= {_lemma(t) for t in sentence if ctx.entity_of_token.get(t.i) in places}
    words |= {_lemma(c) for c in trigger.children if c.dep_ in ("compound", "amod", "nmod") }
    preps = set(ctx.rules.get("location_preps", ()))
    for head in (trigger, trigger.head):
        for child in head.children:
            for prep, obj in prepositional(child):
                if prep in preps:
                    words |= {_lemma(t) for t in obj.subtree}
    for refinement in refinements:
        if words & {w.lower() for w in refinement.get("place_words", ())}:
            return {**spec, **{k: v for k, v in refinement.items() if k != "place_words"}}
    return spec


def _places_in(ctx: ArticleContext, token: Token, preps: set[str], *, named: bool = False) -> Iterator[str]:
    """Yield the places a noun is put in ("a hospital in Budyonnovsk", "the Hennepin Center in Minneapolis", "un vagón detenido en X").

    A noun that names a place itself is put nowhere, unless ``named`` asks
    for the place a named building is in ("the Capella Hotel in Singapore").
    """
    entity = ctx.entity_at(token)
    if entity is not None and ctx.kind_of.get(entity) == "Place" and not (named and _below_towns(ctx, token, entity)):
        return
    # "un vagón detenido en la estación Lubianka", "a train stopped at Tarvo station": put there by a participle.
    holders = [token, *(c for c in token.children if c.dep_ in ("acl", "amod") and "Part" in c.morph.get("VerbForm"))]
    for child in (c for holder in holders for c in holder.children):
        for prep, target in prepositional(child):
            for each in _with_conjuncts(target) if prep in preps else ():
                yield from _places_at(ctx, each)


def _places_along(ctx: ArticleContext, token: Token, preps: set[str]) -> Iterator[str]:
    """Yield the places in a word's phrases of ``preps``, and in theirs ("for areas from X to Y", "from X to Y")."""
    for child in token.children:
        for prep, target in prepositional(child):
            if prep in preps:
                for each in _with_conjuncts(target):
                    yield from _places_at(ctx, each)
                    yield from _places_along(ctx, each, preps)


def _below_towns(ctx: ArticleContext, token: Token, place: str) -> bool:
    """Tell whether a place is smaller than a town (a building, a station, a stadium): where it stands says where an event in it was.

    By its class when the place is known, else by the word that heads its
    name ("Capella Hotel", "Estadio Nacional"), or the entity model's
    reading of a facility.
    """
    ranks = ctx.rules.get("place_rank") or {}
    town = town_rank(ctx.rules)
    rank = ranks.get(ctx.class_of.get(place, ""))
    if town is None:
        return False
    if rank is not None:
        return rank < town
    heads = {h.lower() for h in ((ctx.rules.get("kind_heads") or {}).get("Place") or ())}
    words = [t for t in token.doc[max(token.i - 3, 0) : token.i + 4] if ctx.entity_of_token.get(t.i) == place]
    return token.ent_type_ == "FAC" or any(_lemma(t) in heads or t.lower_ in heads for t in words)


def _places_at(ctx: ArticleContext, token: Token) -> list[str]:
    """Return the places a word names: its own, or each of a list after a place noun ("the states of Puebla and Morelos").

    A phrase coordinated with the place noun's of-phrase is one more place
    the word's own phrase holds: "in the states of Puebla and Morelos and in
    the Mexico City area", where the parser hangs the second "in" on "of".
    The names listed before a plural place noun are each a place of the
    phrase too: "at Punjirimattom, Mundakkai and Kunhome villages of Wayanad
    district".
    """
    entity = ctx.entity_at(token)
    if entity is None or ctx.kind_of.get(entity) != "Place":
        return []
    found = [entity]
    if token.i not in ctx.entity_of_token and is_one_of(token, ctx.rules.get("place_heads", ())):
        if is_plural(token):
            named = [c for c in token.children if c.dep_ in ("compound", "nmod", "amod") and c.i < token.i and c.i in ctx.entity_of_token]
            found += [e for c in named for each in conjuncts(c) if (e := ctx.entity_of_token.get(each.i)) and ctx.kind_of.get(e) == "Place"]
        for child in token.children:
            for _, obj in prepositional(child):
                if ctx.entity_of_token.get(obj.i) == entity:
                    found += [e for each in _with_conjuncts(obj)[1:] if (e := ctx.entity_at(each)) and ctx.kind_of.get(e) == "Place"]
                elif obj.head.i != child.i and (other := ctx.entity_at(obj)) and ctx.kind_of.get(other) == "Place":
                    found.append(other)
    return found


def _with_conjuncts(token: Token) -> list[Token]:
    """Return a word and the words joined to it ("Chicago, Seattle and Boston").

    A list without a conjunction is no list: "Amasra, Bartın Province,
    Turkey" is one address, each place holding the one before.
    """
    found = conjuncts(token)
    if not any(c.dep_ == "cc" for t in found for c in t.children):
        return [token]
    return sorted(found, key=lambda t: t.i)


def _agent_of_group(ctx: ArticleContext, trigger: Token, group: str) -> bool:
    """Tell whether the one acting belongs to a group of the rules' ``agent_groups``, by class or by noun.

    "commandos stormed" is the security forces; "the judges found" is a court.
    """
    classes, nouns = _agent_group(ctx.rules, group)
    for child in trigger.children:
        agents = [child] if child.dep_ in ("nsubj",) else [t for p, t in prepositional(child) if p in ctx.rules.get("agent_preps", ())]
        if trigger.pos_ == "NOUN" and child.dep_ in ("compound", "poss") and child.i < trigger.i:
            # "an FSB raid", "the army's assault"
            agents.append(child)
        for agent in agents:
            # "a charter flight that crashed": the pronoun stands for the noun its clause describes.
            agent = antecedent(agent) or agent
            entity = ctx.entity_at(agent)
            if entity is not None and ctx.class_of.get(entity) in classes:
                return True
            if agent.lemma_.lower() in nouns:
                return True
    return False


def _verb_phrases(ctx: ArticleContext, trigger: Token, roles: Mapping[str, str], location_preps: set[str], rule: str) -> Iterator[tuple[str, str, str]]:
    """Yield the roles of the event noun's phrases that the parser hung on the verb that carries it (none of a place)."""
    for child in trigger.head.children:
        for prep, target in prepositional(child):
            if prep in roles and prep not in location_preps:
                yield from _as_role(ctx, target, roles[prep], rule)


def _as_role(ctx: ArticleContext, token: Token, props: str | list[str], rule: str) -> Iterator[tuple[str, str, str]]:
    """Yield the role for the entity a token (and its conjuncts) stands for.

    A slot may name several properties, tried in order: the first whose
    ``relation_kinds`` take the entity's kind is its role ("visited Beslan"
    is where the visit was, "visited the Mothers of Beslan" who took part in
    it). An event named in the slot ("condenó la toma del teatro") is what
    the event is about, not a participant.
    """
    kinds = ctx.rules.get("relation_kinds", {})
    props = [props] if isinstance(props, str) else list(props)
    # "Universitario contra Independiente": the side named against the first is in the same slot.
    versus = set(ctx.rules.get("versus_preps", ()))
    sides = [obj for child in token.children for prep, obj in prepositional(child) if prep in versus]
    # "on YouTube, Facebook, and Twitter": the parser joins each to the one before, the last to the second.
    for candidate in [*sorted(conjuncts(token), key=lambda t: t.i), *sides]:
        entity = ctx.entity_at(candidate)
        kind = ctx.kind_of.get(entity) if entity is not None else None
        prop = next((p for p in props if kind in kinds.get(p, {}).get("object", ())), None)
        if prop is not None:
            yield prop, entity, rule


def _admissible(
    ctx: ArticleContext, spec: Mapping[str, Any], roles: list, trigger: Token, event_words: Mapping[str, set[str]] | None = None,
    event_nouns: Iterable[str] = (),
) -> bool:
    """Check the trigger's constraints on its form and its participants (``event_nouns``: words of events of any class)."""
    if spec.get("needs_plural") and "Plur" not in trigger.morph.get("Number") and trigger.tag_ != "NNS":
        return False
    if spec.get("not_measured") and _measured(ctx, trigger):
        return False  # "25 GW of demand" is a quantity's, no one's demand
    if spec.get("needs_agent") and not _agent_of_group(ctx, trigger, spec["needs_agent"]):
        return False
    needs_child = spec.get("needs_child_lemma")
    if needs_child and not any(c.lemma_.lower() in needs_child or c.lower_ in needs_child for c in trigger.children):
        return False
    needs_phrase = spec.get("needs_phrase_lemma")
    if needs_phrase and not any(
        _lemma(o) in needs_phrase or o.lower_ in needs_phrase for c in trigger.children for _, o in prepositional(c)
    ):
        return False  # "approved by 60 votes to 40", "admitida con 60 votos a favor": a vote; "approved the plan" is none
    complement = spec.get("complement")
    if complement and any(
        prep in complement.get("preps", ()) and _lemma(obj) not in complement.get("lemmas", ())
        for child in trigger.children
        for prep, obj in prepositional(child)
    ):
        return False  # "renunció a la violencia" gives something up; "renunció a su cargo", or alone, resigns
    needs_told = spec.get("needs_article_lemma")
    if needs_told and ctx.words.isdisjoint(needs_told):
        return False
    needs_of = spec.get("needs_of_lemma")
    if needs_of:
        # "la sentencia del juicio", "the verdict of the trial": a ruling the trial gives, whoever is named.
        of_preps = set(ctx.rules.get("of_preps", ()))
        if not any(prep in of_preps and _lemma(obj) in needs_of for child in trigger.children for prep, obj in prepositional(child)):
            return False
    not_of = spec.get("not_of_kind")
    if not_of:
        # "the collapse of FTX", "the company collapsed": a firm that fails is no structure that falls.
        of_preps = set(ctx.rules.get("of_preps", ()))
        whose = [obj for child in trigger.children for prep, obj in prepositional(child) if prep in of_preps]
        whose += [c for c in trigger.children if c.dep_ in ("nsubj", "poss")]
        if any((e := ctx.entity_at(w)) is not None and ctx.kind_of.get(e) in not_of for w in whose):
            return False
    needs_agent = spec.get("needs_agent_class")
    if needs_agent:
        agent_prop = (spec.get("roles") or {}).get("agent")
        if not any(p == agent_prop and ctx.class_of.get(e) in needs_agent for p, e, _ in roles):
            return False
    not_agent = spec.get("not_agent_class")
    if not_agent:
        agent_prop = (spec.get("roles") or {}).get("agent")
        if any(p == agent_prop and ctx.class_of.get(e) in not_agent for p, e, _ in roles):
            return False  # a court that declares rules
    needs_kind = spec.get("needs_agent_kind")
    if needs_kind:
        agent_prop = (spec.get("roles") or {}).get("agent")
        if not any(p == agent_prop and ctx.kind_of.get(e) in needs_kind for p, e, _ in roles):
            return False
    if spec.get("not_event_subject") and any(
        c.dep_ == "nsubj" and (_lemma(c) in event_nouns or ctx.kind_of.get(ctx.entity_at(c) or "") == "Event") for c in trigger.children
    ):
        return False  # "the landslides marked one of the deadliest disasters": an event commemorates nothing
    if spec.get("not_under") and trigger.dep_ in _ARGUMENTS and _lemma(trigger.head) in spec["not_under"]:
        return False  # "opened fire" is no fire
    if spec.get("not_with_child_lemma") and any(
        _lemma(c) in spec["not_with_child_lemma"] for c in [*trigger.children, *(o for c in trigger.children for _, o in prepositional(c))]
    ):
        return False  # an "air strike" is no strike, nor "an outbreak of violence" an epidemic
    if spec.get("needs_dep") and not any(c.dep_ in spec["needs_dep"] or _small_clause(c) for c in trigger.children):
        return False  # "declared the process underway", not "declared that …"
    if spec.get("not_object_named") and any(c.dep_ in ("dobj", "obj") and ctx.entity_at(c) is not None for c in trigger.children):
        return False  # "proclaimed the Caucasus Emirate" founds a named thing; "proclaimed a state of emergency" announces
    needs_object_kind = spec.get("needs_object_kind")
    if needs_object_kind:
        # "the driver, Ana Diaz, was charged": for a rule that says so, a
        # passive's subject is its object, and a name in apposition names
        # the noun it follows.
        # "fined Acme $2 million": of two objects, the parser calls the first, the one it befalls, "dative".
        deps = ("dobj", "obj", "dative", "nsubjpass", "nsubj:pass") if spec.get("passive_object") else ("dobj", "obj", "dative")
        if spec.get("passive_object") and any(
            c.dep_ in ("aux", "aux:pass") and _lemma(c) in ctx.rules.get("passive_auxiliaries", ()) for c in trigger.children
        ):
            # "Ghosn fue detenido": the parser marks the passive's subject as a plain subject.
            deps = (*deps, "nsubj")
        # "suspendida por el Tribunal": a passive's agent the parser made an object is none.
        agent_preps = set(ctx.rules.get("agent_preps", ()))
        objects = [c for c in trigger.children if c.dep_ in deps and not any(a.dep_ == "case" and a.lower_ in agent_preps for a in c.children)]
        if not objects and spec.get("passive_object") and trigger.dep_ == "conj" \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") for c in trigger.children):
            # "X was arrested and charged": the verb joined to a passive shares its subject.
            objects = _shared_subjects(trigger, ("nsubjpass", "nsubj:pass"))
        objects += [a for o in objects for a in o.children if a.dep_ == "appos"]
        # "He was convicted": a person's pronoun is a person's, whoever it stands for.
        people = {w.lower() for w in (ctx.rules.get("frames") or {}).get("person_pronouns", ())} if "Person" in needs_object_kind else set()
        if not any(((e := ctx.entity_at(o)) is not None and ctx.kind_of.get(e) in needs_object_kind) or (o.pos_ == "PRON" and o.lower_ in people)
                   for o in objects):
            return False
    if spec.get("needs_role") and not any(
        p == spec["needs_role"] and ctx.kind_of.get(e) in spec.get("needs_role_kind", (ctx.kind_of.get(e),)) for p, e, _ in roles
    ):
        return False  # a summit has members: "the summit of Elbrus" is a mountain's
    needs_prep = spec.get("needs_prep")
    # "opened a probe into the attack", "presentó una demanda contra Acme": the parser often hangs an
    # object's phrase on its verb.
    holders = [trigger, trigger.head] if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") else [trigger]
    if needs_prep and not any(prep == needs_prep for holder in holders for child in holder.children for prep, _ in prepositional(child)):
        return False
    if spec.get("not_prep") and any(prep in spec["not_prep"] for child in trigger.children for prep, _ in prepositional(child)):
        return False  # "appealed to voters" asks; "appealed the ruling" goes to court
    needs_object = spec.get("needs_object_class")
    if needs_object and not any(ctx.class_of.get(e) in needs_object for _, e, _ in roles):
        return False
    def acts_on_event() -> bool:
        # An event word of the article or a one-word event noun of any class ("appealed his conviction").
        return _object_event(ctx, trigger, {*(event_words or {}), *event_nouns})

    if spec.get("not_object_event") and acts_on_event():
        return False  # "launched an offensive": the offensive is the event, no launch of its own
    event_preps = spec.get("needs_event_prep")
    if event_preps:
        # On the verb or on its object, where the parser often hangs it ("culpó a los mercenarios del asesinato").
        holders = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass"))]
        if not any(prep in event_preps and _names_event(ctx, obj, event_words)
                   for holder in holders for child in holder.children for prep, obj in prepositional(child)):
            return False  # "blamed for the killing" says who did an event; "blamed the government" criticises
    if spec.get("needs_object_event") and not _object_event(ctx, trigger, event_words):
        return False
    if spec.get("needs_own_date") and not _dated_phrase(ctx, trigger) and not _dated_happening(ctx, trigger):
        return False  # "a reform" is an idea; "the reforms of 2014" were made
    if spec.get("needs_party"):
        if not _told_act(trigger, ctx.rules):
            return False  # "a body which is funded by foundations" tells what is, not what was done
        parties = len(_parties(ctx, trigger, spec["needs_party"]))
        # "Acme sued Initech", "Haro fue reemplazado por Carrillo" relate two
        # entities, "appealed his conviction" acts on an event; "the documents
        # were published" says by whom or to whom nothing, unless its clause
        # dates it ("were published on 3 April 2016", "se acopló al orbitador
        # el 6 de junio"): an act that names nobody and has its day is itself
        # the news; so is one joined to such an act ("docked on 6 June and
        # transferred the samples"). One party alone is what the classes of
        # their own tell ("the Senate approved", "the ministry issued a
        # statement").
        dated = spec.get("dated_needs_no_party") and parties == 0 and (
            _dated_clause(ctx, trigger) or (trigger.dep_ == "conj" and _dated_clause(ctx, trigger.head)))
        if parties < 2 and not dated and not acts_on_event():
            return False
    return True


def _measured(ctx: ArticleContext, noun: Token) -> bool:
    """Tell whether a noun is what a counted measure is of: "25 GW of demand", "30 % de la demanda"."""
    of_words = {w.lower() for w in ctx.rules.get("of_words", ())}
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in of_words:
        head = head.head  # English hangs the noun on its of-word
    elif not any(c.dep_ == "case" and c.lower_ in of_words for c in noun.children):
        return False
    return head.i != noun.i and any(c.dep_ == "nummod" or c.like_num for c in head.children)


def _dated_phrase(ctx: ArticleContext, noun: Token) -> bool:
    """Tell whether a noun's own phrase gives a date ("the reforms of 2014", "las reformas del año 2005", "the 2014 reform")."""
    start, end = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge.text)
    return any(span.kind == "date" and span.end_char <= end for span in ctx.temporal_in(start, end))


def _dated_happening(ctx: ArticleContext, noun: Token) -> bool:
    """Tell whether a noun is the subject of a verb of happening whose own clause dates it.

    "El segundo cierre se produjo el 9 de febrero", "the reform began on
    1 May 2014": the act is told with its day, as "the reforms of 2014".
    """
    verb = noun.head
    return noun.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and verb.i != noun.i \
        and _happens(verb, _happening_words(ctx)) and _dated_clause(ctx, verb)


def _dated_clause(ctx: ArticleContext, verb: Token) -> bool:
    """Tell whether a verb's own clause gives a date: "docked with the orbiter on 6 June 2024".

    A date counts when the first verb above it is this one: in "published
    after the talks that ended on 3 April" the date is the ending's.
    """
    start, end = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
    for span in ctx.temporal_in(start, end):
        words = ctx.doc.char_span(span.start_char, span.end_char, alignment_mode="expand") if span.kind == "date" else None
        if not words:
            continue
        word = words.root
        while word.i != word.head.i and word.i != verb.i and word.pos_ not in ("VERB", "AUX"):
            word = word.head
        if word.i == verb.i:
            return True
    return False


def _told_act(verb: Token, rules: Mapping[str, Any]) -> bool:
    """Tell whether a verb tells an act as the news of its sentence: a main clause's verb, not in the simple present.

    "Chauvin appealed his conviction", "Haro fue reemplazado por Carrillo",
    "has published" tell acts; "a body which is funded by foundations" (a
    relative clause, in the present) tells what something is.
    """
    current = verb
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    if current.dep_ != "ROOT":
        return False
    sentence = verb.sent
    before = verb.doc.text[sentence.start_char : verb.idx]
    if before.count('"') % 2 or sum(before.count(q) for q in "“«") > sum(before.count(q) for q in "”»"):
        return False  # inside a quotation: someone's words, not the news told
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "aux:pass", "cop")]
    if any(_lemma(c) in rules.get("perfect_auxiliaries", ()) for c in auxiliaries):
        return True  # "has published", "ha publicado"
    # A participle's own tense is no clause's: "is funded" is told by "is".
    finite = auxiliaries if "Part" in verb.morph.get("VerbForm") else [verb, *auxiliaries]
    tenses = {t for word in finite for t in word.morph.get("Tense")}
    # The simple present ("is funded") and the imperfect ("publicaba") tell
    # what is, or was, usually so; an act done is told in the past.
    return not (tenses & {"Pres", "Imp"} and "Past" not in tenses)


def _parties(ctx: ArticleContext, verb: Token, kinds: Iterable[str]) -> set[str]:
    """Return the entities of ``kinds`` a verb's clause names as who did it or to whom: its subjects (own or shared), "by" agent and objects."""
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    words = [c for c in verb.children if c.dep_ in ("nsubj", *_ARGUMENTS)]
    if not any(c.dep_ == "nsubj" for c in words):
        words += _shared_subjects(verb)
    words += [t for c in verb.children for prep, t in prepositional(c) if prep in agent_preps]
    words += [c for w in words for c in w.children if c.dep_ == "conj"]
    kinds = set(kinds)
    return {e for w in words if (e := ctx.entity_at(w)) is not None and ctx.kind_of.get(e) in kinds}


def _object_event(ctx: ArticleContext, trigger: Token, event_words: Iterable[str] | None) -> bool:
    """Tell whether a verb's object names an event: a known one, or a word that triggers one.

    "commemorated the siege", "the siege was commemorated"; the word may be
    read later in the text ("para recordar la masacre").
    """
    obj = next((c for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")), None)
    return obj is not None and _names_event(ctx, obj, event_words)


def _names_event(ctx: ArticleContext, phrase: Token, event_words: Iterable[str] | None) -> bool:
    """Tell whether a phrase names an event: a known one, or a word that triggers one."""
    return any(ctx.kind_of.get(ctx.entity_of_token.get(t.i, "")) == "Event" or _lemma(t) in (event_words or {}) for t in phrase.subtree)


def _new_or_same(drafts, ctx, spec, roles, date, main) -> _Draft:
    """Return the draft for this event, merging repeats of one event in the article."""
    anchor_role = spec.get("anchor")
    anchor = next((e for p, e, _ in roles if p == anchor_role), None) if anchor_role else None
    parts = [slug(spec["class"])]
    if spec.get("lemma"):
        # One article's actions of no class are told apart by their verb.
        parts.append(slug(spec["lemma"][ctx.meta.language]))
    if spec.get("part") and main is not None:
        parts.append("in-" + main.local_id)
    if anchor:
        parts.append(anchor)
    if date is not None:
        # Steps of one main event are told apart by their day (the release
        # on the 2nd, the final release on the 3rd), and so are acts of no
        # class (a closure on 20 January, another on 9 February); other
        # events by year.
        parts.append(date[0].lexical if spec.get("part") or spec.get("lemma") else date[0].lexical[:4])
    local_id = "event-" + "-".join(parts)
    draft = drafts.get(local_id)
    if draft is None:
        draft = drafts[local_id] = _Draft(local_id, spec["class"], None, anchor_role=anchor_role)
    return draft


def _bracketed_date(ctx: ArticleContext, opening: int) -> TemporalSpan | None:
    """Return the date that alone fills the brackets opening at token ``opening`` ("(1973)"), or None."""
    doc = ctx.doc
    close = next((t.i for t in doc[opening + 1 : opening + 8] if t.text == ")"), None) if opening < len(doc) and doc[opening].text == "(" else None
    if close is None or close == opening + 1:
        return None
    start, end = doc[opening + 1].idx, doc[close - 1].idx + len(doc[close - 1])
    return next((s for s in ctx.temporal_in(start, end) if s.kind == "date" and s.start_char == start and s.end_char == end), None)


def _bracketed_after_name(ctx: ArticleContext, words: Span) -> bool:
    """Tell whether a date stands alone in brackets right after a name ("Roe contra Wade (1973)"): the named thing's, no clause's."""
    if words.start < 2 or words.start - 2 not in ctx.entity_of_token:
        return False
    found = _bracketed_date(ctx, words.start - 1)
    return found is not None and found.start_char == words.start_char


def _date_of(ctx: ArticleContext, token: Token, *, events: frozenset[int] = frozenset(), ends: bool = False) -> tuple[TimeValue, Evidence] | None:
    """Return the date a trigger is anchored to.

    A date belongs to a trigger when the date phrase depends on it, or on the
    verb the trigger is an argument of ("dos explosiones sacudieron ... el
    viernes, 3 de septiembre"). A date in the phrase of another event noun
    (``events``, by token) is that event's, and a date a noun is counted
    from ("the first vote since 1989") is no date of it. Events of a story
    told in order may also take the day the story is at
    (:func:`_narrative_date`), where they have no date of their own. The day
    of a verb of the event's end ("the outbreak was declared over on 10
    June") is no day it began, and counts only with ``ends``: it still tells
    which event it is.
    """
    doc = ctx.doc
    # "se produjo una serie de incendios": the container noun the event noun fills stands for it in its clause.
    anchor = _container_of(token, ctx.rules) or token
    # "a summit, held at the Capella Hotel on 12 June 2018": the day of a
    # clause of happening on the noun is the event's.
    happening = {c.i for c in _happening_clauses(ctx, token)}
    heads = {token.i, token.head.i, anchor.head.i, *happening}
    if not ends and _ended_by(ctx, anchor):
        heads -= {token.head.i, anchor.head.i}
    since = set(ctx.rules.get("since_preps", ()))
    if introduced_by(token, [*ctx.rules.get("cause_preps", ()), *ctx.rules.get("sequence_preps", ())]):
        # "fijado para el 25 de octubre debido a la pandemia": the day of what
        # was done because of an event is not the event's; nor is the day of
        # what was done after or before it ("after talks, the rebels freed
        # most captives on 10 January").
        heads = {token.i}
    elif token.dep_ == "pobj":
        # "was killed in a raid in Chechnya in March 2005": the event named in
        # a verb's prepositional phrase shares the verb's time.
        heads.add(token.head.head.i)
    sent = token.sent
    best = None
    found = []
    for span in ctx.temporal_in(sent.start_char, sent.end_char):
        if span.kind != "date":
            continue
        date_span = doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
        if date_span is None:
            continue
        root = date_span.root
        if root.dep_ in ("nummod", "compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != token.i:
            # "the 1985 quake was commemorated": the year is the quake's, not the commemoration's.
            continue
        if token.pos_ == "NOUN" and _preposition_of(root) in since:
            continue  # "el primer plebiscito desde 1989": counted from that year
        if _closes_period(ctx, date_span):
            continue  # "the strike lasted until 27 September": when it ended
        if any(start <= span.start_char < end and not start <= token.idx < end for start, end in ctx.comparisons):
            continue  # "la primera erupción desde la del Teneguía en 1971": the year of the event it is measured by
        if _superseded(ctx, date_span):
            continue  # "convocado inicialmente para el 26 de abril": a day given up for another
        if _bracketed_after_name(ctx, date_span):
            continue  # "anuló Roe contra Wade (1973)": the year of what the name names
        # The date phrase itself, its preposition ("on"), and the word that
        # takes the preposition: further up is another clause's business.
        # Small parsers often hang "on Sunday" on the subject instead of the
        # verb ("Russia on Sunday marks"); an argument of the trigger's verb
        # is one step further up and still the trigger's.
        # A date on a conjoined verb belongs to that clause ("se prolongaron
        # … y continuaron el 2 de septiembre" does not date the start).
        chain = (root, root.head) if root.head.dep_ == "conj" else (root, root.head, root.head.head)
        misattached = root.head.head.dep_ in _ARGUMENTS and root.head.head.head.i in heads
        # "declared the process underway on 8 September": the date of a
        # verbless clause is its verb's.
        misattached = misattached or (_small_clause(root.head.head) and root.head.head.head.i == token.i)
        # "launched an offensive to quash the bid in late 1999": a date closing
        # a purpose clause is when the act was done for that purpose; the
        # purpose itself never happened, so the date cannot be its own.
        purpose = ctx.rules.get("purpose") or {}
        misattached = misattached or (
            root.head.head.head.i in heads and root.head.head.i != root.head.head.head.i and _purpose_clause(root.head.head, purpose)
        )
        if any(t.i in heads for t in chain) or misattached:
            found.append((abs(root.i - token.i), span))
    deep = []
    # "The earthquake struck at 13:14 local time, in the afternoon of 19 September": a date deep in
    # phrases of the clause the trigger is the verb or the subject of, with no other clause between,
    # is still its date; so is one deep in a clause of happening on the noun ("the landslides that
    # occurred in the early hours of 30 July").
    within = heads if token.pos_ in ("VERB", "AUX") or anchor.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") else happening
    if within:
        deep = [
            (abs(words.root.i - token.i), span) for span in ctx.temporal_in(sent.start_char, sent.end_char)
            if span.kind == "date" and (words := doc.char_span(span.start_char, span.end_char, alignment_mode="expand")) is not None
            and _in_clause_of(words.root, within, ctx.rules.get("day_words", ()), stops=events - {token.i})
            and not (token.pos_ == "NOUN" and _preposition_of(words.root) in since) and not _superseded(ctx, words)
            and not _closes_period(ctx, words)
        ]
    if found:
        best = min(found, key=lambda f: f[0])
        # "El terremoto de Puebla de 2017 se produjo … el 19 de septiembre":
        # a day of the year told nearest is the same date, told better.
        finer = [
            f for f in found + deep
            if f[1].value.lexical.startswith(best[1].value.lexical) and len(f[1].value.lexical) > len(best[1].value.lexical)
        ]
        best = min(finer, key=lambda f: f[0]) if finer else best
    elif len(deep) == 1:
        best = deep[0]
    if best is None:
        best = _attribute_date(ctx, token)
    if best is None:
        return None
    span = best[1]
    return span.value, ctx.evidence(span.start_char, span.end_char)


def _attribute_date(ctx: ArticleContext, token: Token) -> tuple[int, Any] | None:
    """Return the one date of what a copula says an event noun was, when the text describes it so.

    "The attempted self-coup was an attempt to break the constitutional
    order carried out on 7 December 2022", "El intento de autogolpe fue un
    intento de ruptura ... propiciado el 7 de diciembre de 2022": the lead
    of an encyclopedic text dates the event in the phrase that says what it
    was, through participles and infinitives, never through a finite or
    relative clause ("was an act that critics compared to one of 1992").
    """
    attribute = _attribute_of(token)
    if attribute is None:
        return None
    since = set(ctx.rules.get("since_preps", ()))
    found = []
    sent = token.sent
    for span in ctx.temporal_in(sent.start_char, sent.end_char):
        words = ctx.doc.char_span(span.start_char, span.end_char, alignment_mode="expand") if span.kind == "date" else None
        if words is None or _preposition_of(words.root) in since or words.start <= token.i < words.end:
            continue
        if _through_phrases(words.root, attribute):
            found.append((abs(words.root.i - token.i), span))
    return found[0] if len(found) == 1 else None


def _attribute_of(token: Token) -> Token | None:
    """Return the noun a copula says its subject is ("attempt" of "the coup was an attempt", of "el golpe fue un intento")."""
    if token.dep_ != "nsubj" or token.pos_ not in ("NOUN", "PROPN"):
        return None
    head = token.head
    if head.pos_ == "AUX" and not any(c.dep_ == "cop" for c in head.children):
        return next((c for c in head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    if head.pos_ == "NOUN" and any(c.dep_ == "cop" for c in head.children):
        return head
    return None


def _through_phrases(word: Token, top: Token) -> bool:
    """Tell whether a word hangs on ``top`` through phrases and non-finite clauses only (participles, infinitives), not a finite one."""
    current = word
    while current.i != top.i:
        if current.dep_ in ("conj", "ROOT", "relcl", "acl:relcl", "advcl", "ccomp", "parataxis", "csubj") or current.head.i == current.i:
            return False
        if current is not word and "Fin" in current.morph.get("VerbForm"):
            return False
        if current.dep_ in ("nummod", "compound", "amod") and current.head.pos_ in ("NOUN", "PROPN") and current is word:
            return False  # "the 1985 quake": the year of another noun
        current = current.head
    return True


def _superseded(ctx: ArticleContext, words: Span) -> bool:
    """Tell whether a date is one first set and then changed ("initially scheduled for 26 April", "inicialmente para el 26 de abril").

    The rules' ``superseded_words`` mark it, a few words before the date.
    """
    marks = {w.lower() for w in ctx.rules.get("superseded_words", ())}
    return any(t.lower_ in marks for t in ctx.doc[max(words.start - 4, words.sent.start) : words.start])


def _in_clause_of(word: Token, heads: set[int], day_words: Iterable[str] = (), *, stops: frozenset[int] = frozenset()) -> bool:
    """Tell whether a word hangs on one of ``heads`` through phrases only, with no verb, clause or word of ``stops`` between."""
    current = word
    while current.i not in heads:
        if (current.dep_ in _CLAUSE_DEPS and current.dep_ != "appos") or current.dep_ in ("conj", "ROOT") or current.head.i == current.i:
            return False
        if current is not word and (current.pos_ in ("VERB", "AUX") or current.i in stops):
            return False
        if current.dep_ == "nmod" and current.head.pos_ == "PROPN":
            return False  # "la Constitución de 1980": the year of a name is the name's
        if current.dep_ in ("nummod", "compound", "amod") and current.head.pos_ in ("NOUN", "PROPN") and current.head.lower_ not in day_words:
            # "the 1985 quake": the year names another event; "el día 23 de
            # noviembre" is a day.
            return False
        current = current.head
    return True


def _preposition_of(word: Token) -> str | None:
    """Return the preposition that introduces a word, in either scheme ("since" of "since 1989", "desde" of "desde 1989")."""
    if word.dep_ in ("pobj", "pcomp"):
        return word.head.lower_
    return next((c.lower_ for c in word.children if c.dep_ == "case"), None)


def _then(ctx: ArticleContext, token: Token, parent: _Draft) -> tuple[TimeValue, Evidence] | None:
    """Date an event told "at the time" of its main event with that event's year."""
    known = _best_date(parent)
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
                # Approximate: the words give the main event's time, not a date of their own.
                return TimeValue(year, "gYear", span.text, approximate=True), ctx.evidence(span.start_char, span.end_char)
    return None


def _said_during(ctx: ArticleContext, token: Token, parent: _Draft | None, trigger_of: dict[int, str]) -> bool:
    """Tell whether a "during"/"durante" phrase on the clause names the main event."""
    if parent is None:
        return False
    preps = set(ctx.rules.get("within_preps", ()))
    clause = token if token.pos_ in ("VERB", "AUX") else token.head
    for child in clause.children:
        for prep, obj in prepositional(child):
            if prep in preps and any(
                trigger_of.get(t.i) == parent.local_id or ctx.entity_of_token.get(t.i) == parent.local_id for t in obj.subtree
            ):
                return True
    return False


def _phrase(words: Span) -> Span | None:
    """Return an event noun with the adjectives and numbers that qualify it, when it has any.

    "a chaotic assault" -> "chaotic assault", "un doble atentado suicida"
    -> "doble atentado suicida"; None for a bare noun or a verb.
    """
    root = words.root
    if root.pos_ != "NOUN":
        return None
    modifiers = [c for c in root.children if c.dep_ in ("amod", "nummod") and not list(c.children) and c.pos_ in ("ADJ", "NUM")]
    if not modifiers:
        return None
    first = min([words.start] + [c.i for c in modifiers])
    last = max([words.end - 1] + [c.i for c in modifiers])
    if any(t.is_punct for t in root.doc[first : last + 1]):
        return None
    return root.doc[first : last + 1]


def _clause_of(token: Token) -> Token:
    """Return the verb of the clause a word is told in: itself for a verb, else its nearest verb above."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return token.head


def _told_later(ctx: ArticleContext, token: Token) -> bool:
    """Tell whether the sentence moves on in time ("later", "años después"), leaving the story's day."""
    words = {w.lower() for w in ctx.rules.get("later_words", ())}
    clause = _clause_of(token)
    return any(t.lower_ in words for t in clause.subtree if t.dep_ in ("advmod", "obl", "npadvmod", "advcl", "fixed") or t.head == clause)


def _narrative_date(ctx: ArticleContext, token: Token, reach: int) -> tuple[TimeValue, Evidence] | None:
    """Return the day a story told in order is at: the last day named before a mention, in its paragraph or ``reach`` paragraphs back."""
    text = ctx.text
    # A step shares the time of its sentence ("on the 3rd two explosions
    # shook the gym, triggering a shootout"); a main event named in
    # another event's sentence does not ("gathered on Monday to mark the
    # anniversary of the siege"), so only earlier sentences date it.
    before = token.idx if reach else token.sent.start_char
    start = text.rfind("\n\n", 0, token.idx)
    for _ in range(reach + 1):
        # The last one only: read from the end, not every date since the paragraph began.
        earlier = next((s for s in reversed(ctx.temporal_in(max(start, 0), before))
                        if s.kind == "date" and s.value.datatype == "date" and not _closes_period(ctx, ctx.doc.char_span(
                            s.start_char, s.end_char, alignment_mode="expand"))), None)
        if earlier is not None:
            return earlier.value, ctx.evidence(earlier.start_char, earlier.end_char)
        if start <= 0:
            return None
        start = text.rfind("\n\n", 0, start)
    return None


def _closes_period(ctx: ArticleContext, words: Span | None) -> bool:
    """Tell whether a date's words are the end a state lasted until ("until 6 May", "hasta el 6 de mayo"): no moment anything began.

    The rules' ``until_preps`` introduce it; denied, it is the moment ("it
    was not until 10 July that …", "no fue hasta el 10 de julio cuando …").
    """
    if words is None or _preposition_of(words.root) not in set(ctx.rules.get("until_preps", ())):
        return False
    clause = words.root.head.head if words.root.dep_ in ("pobj", "pcomp") else words.root.head
    # The cleft's copula holds the denial where the parser hangs the date on the clause it introduces.
    clauses = [clause, clause.head] if clause.head.pos_ == "AUX" else [clause]
    negations = {w.lower() for w in ctx.rules.get("negations", ())}
    return not any(c.lower_ in negations for each in clauses for c in each.children)


def _time_next_to(ctx: ArticleContext, date: Evidence) -> tuple[TimeValue, Evidence] | None:
    """Return the time of day written right after a date ("3 de septiembre de 2004 alrededor de las 13:00")."""
    for span in ctx.temporal_in(date.end, date.end + _TIME_GAP + 1):
        if span.kind == "time" and span.start_char < date.sentence_end:
            return span.value, ctx.evidence(span.start_char, span.end_char)
    return None


def _irrealis(token: Token, rules: Mapping[str, Any], *, purpose: bool = True, attempted: bool = False) -> bool:
    """Tell whether a trigger names an event only wanted, planned or expected, not one that happened.

    "demandaban ... la liberación de varios prisioneros", "launched an assault
    to free the hostages", "was to hold a press conference", "are expected to
    gather": none of these reports the event as done. With ``attempted``, an
    act of violence attempted happened ("attempted to assassinate her": an
    attack, whatever came of it; ``attempt_heads``).
    """
    heads = set(rules.get("irrealis_heads", ()))
    auxiliaries = set(rules.get("irrealis_aux", ()))
    recall = set(rules.get("recalling_verbs", ()))
    if token.pos_ == "NOUN" and introduced_by(token, rules.get("cause_preps", ())):
        return False  # "postponed because of the pandemic": the pandemic happened
    purpose_rule = (rules.get("purpose") or {}) if purpose else {"marks": ()}
    if token.pos_ == "NOUN" and any(c.dep_ == "case" and c.lower_ in purpose_rule.get("preps", ()) for c in token.children):
        return True  # "negociaciones para una tregua"
    modifiers = set(rules.get("irrealis_modifiers", ()))
    if token.pos_ == "NOUN" and any(_modified(noun, modifiers) for noun in _qualified_by(token, rules)):
        # "a planned trip", "el atentado frustrado", "alleged bribes and scandals",
        # "el inminente proceso de destitución", "the planned series of strikes"
        return True
    negations = set(rules.get("negations", ()))
    if any(c.dep_ in ("neg", "det", "advmod") and c.lower_ in negations for c in token.children):
        return True  # "no arrests were made", "did not resign", "no dimitió"
    if _without(token, set(rules.get("privative_words", ()))):
        return True  # "left office without a coup", "sin mediar un golpe de Estado"
    carriers = set(rules.get("launch_verbs", ())) | set(rules.get("light_verbs", ()))
    if token.dep_ in _ARGUMENTS and _lemma(token.head) in carriers and any(
        c.dep_ in ("neg", "advmod") and c.lower_ in negations for c in token.head.children
    ):
        return True  # "did not hold elections", "no celebró elecciones"
    attempts = set(rules.get("attempt_heads", ())) if attempted else set()
    current = token
    through_noun = False
    for step in range(4):
        if step < 2 and current.dep_ == "xcomp" and _lemma(current.head) in attempts and not _modal(current.head, auxiliaries):
            return False
        # A purpose clause or a modal makes unreal the event of its own verb
        # ("to free the hostages", "will visit"), of that verb's object, or
        # of a noun its preposition governs ("to coincide with the summit");
        # past another noun it only sets the scene ("gathered to mark the
        # anniversary of the siege": the siege happened).
        close = step < 2 or (not through_noun and current.pos_ in ("VERB", "AUX"))
        # A purpose to recall an event says it happened ("to mark the siege").
        recalling = _lemma(current) in recall
        if close and ((_purpose_clause(current, purpose_rule) and not recalling) or _modal(current, auxiliaries)):
            return True
        through_noun = through_noun or (step > 0 and current.pos_ in ("NOUN", "PROPN"))
        if current.head.i == current.i or current.dep_ not in _GOVERNED:
            return False
        if current.dep_ == "conj" and current.pos_ != "NOUN":
            # "demanded an inquiry, and the court ruled": a coordinated verb
            # is a statement of its own, not the object of the demand.
            return False
        if current.dep_ == "xcomp" and current.head.lemma_.lower() == "be":
            return True  # "was to hold"
        if current.dep_ == "nsubj" and any(c.dep_ == "cop" for c in current.head.children):
            return False  # "el intento de autogolpe fue un intento de ruptura": what it was, not what governs it
        current = current.head
        if current.lemma_.lower() in heads:
            return True
    return False


def _without(token: Token, privative: set[str]) -> bool:
    """Tell whether a word's phrase, or the clause it is told in, is introduced by "without" ("sin mediar un golpe de Estado")."""
    current = token
    for _ in range(4):
        if any(c.dep_ in ("mark", "case") and c.lower_ in privative for c in current.children):
            return True
        if current.dep_ in ("pobj", "pcomp") and current.head.lower_ in privative:
            return True
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return False
        current = current.head
    return False


def _modified(noun: Token, modifiers: set[str]) -> bool:
    return any(c.dep_ in ("amod", "compound") and c.lower_ in modifiers for c in noun.children)


def _qualified_by(noun: Token, rules: Mapping[str, Any]) -> list[Token]:
    """Return the nouns whose modifiers qualify an event noun: itself, the first of a list it ends, the container it fills.

    "alleged bribes and scandals": what qualifies the first of a list qualifies
    the others; "the imminent process of impeachment": the container noun
    (``container_nouns``) stands for the event it holds.
    """
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ == "NOUN":
        first = first.head
    found = [noun] if first is noun else [noun, first]
    container = _container_of(first, rules)
    return found if container is None else [*found, container]


def _container_of(noun: Token, rules: Mapping[str, Any]) -> Token | None:
    """Return the container noun (``container_nouns``) an event noun fills, if one: "caso [de violación]", "case [of] fraud".

    The container is above the of-word, and stands for the event it holds.
    """
    if noun.dep_ not in ("nmod", "pobj") or noun.i <= noun.head.i:
        return None
    container = noun.head.head if noun.dep_ == "pobj" else noun.head
    containers = {w.lower() for w in rules.get("container_nouns", ())}
    return container if container.pos_ == "NOUN" and _lemma(container) in containers else None


# Dependencies of the arguments of a verb.
_ARGUMENTS = {"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj"}
# What only a noun is to its head: a word the tagger called an adverb in one of these is a noun
# (an adjective there may be one standing for its noun: "the wounded").
_NOUN_ROLES = _ARGUMENTS | {"pobj"}

# Dependencies through which the word governing an event noun or verb is reached.
# A clause a verb takes ("demanded that Congress reject the result") is governed by it too.
_GOVERNED = {"dobj", "obj", "conj", "nmod", "pobj", "prep", "xcomp", "ccomp", "nsubj", "nsubjpass", "nsubj:pass", "obl"}


def _purpose_clause(token: Token, purpose: Mapping[str, Any]) -> bool:
    marks = set(purpose.get("marks", ()))
    deps = purpose.get("deps")
    if deps is not None and token.dep_ not in deps:
        return False
    return any(c.dep_ in ("mark", "aux") and c.lower_ in marks for c in token.children)


def _modal(token: Token, auxiliaries: set[str]) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    # A modal governs an infinitive or a participle; over a finite past verb
    # it belongs to another clause the parser joined to it ("saying that such
    # explosions "will always be" drew criticism").
    finite_past = "Fin" in token.morph.get("VerbForm") and "Past" in token.morph.get("Tense")
    if not finite_past and any(c.dep_ == "aux" and c.lemma_.lower() in auxiliaries for c in token.children):
        return True
    return bool({"Fut", "Cnd"} & set(token.morph.get("Tense") + token.morph.get("Mood")))


def _recognise_known(ctx: ArticleContext, drafts: dict[str, _Draft]) -> dict[str, str]:
    """Fold an unnamed main event, war or campaign into the known one it must be: same kind, year begun and place.

    "Putin launched a major Russian offensive to quash Chechnya's armed
    independence bid in late 1999" tells the Second Chechen War without
    naming it. Only a known event of the draft's family (``main_event_classes``
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
        _absorb(drafts.setdefault(entry.key, _Draft(entry.key, entry.ontology_class, entry.key)), draft)
        renamed[key] = entry.key
        del drafts[key]
    return renamed


def _absorb(target: _Draft, draft: _Draft) -> None:
    """Make one event of two drafts found to tell it: the target takes the other's mentions, dates, roles and topics."""
    target.evidence.extend(draft.evidence)
    target.phrases.extend(draft.phrases)
    target.dates.extend(draft.dates)
    target.inferred |= draft.inferred
    target.roles.extend(draft.roles)
    target.concerns.update(draft.concerns)


def _fold_aliases(ctx: ArticleContext, drafts: dict[str, _Draft], trigger_of: Mapping[int, str]) -> dict[str, str]:
    """Fold a name the text gives as another name of an event into that event.

    "The 2017 Puebla earthquake, also known as the Great Quake"; "Las
    elecciones federales de México de 2018 … Son denominadas oficialmente
    como el Proceso Electoral Federal 2017-2018": a name after one of the
    rules' ``alias_markers`` ("as", "como"), in the phrase of a naming verb
    (``naming_words``, ``alias_words``), is the event that verb is said of:
    the noun the verb qualifies, the verb's subject, or, with no subject
    written, the subject of the sentence before. Only an event of a
    compatible class, and one alone, takes the name. Returns which draft
    went into which.
    """
    markers = {w.lower() for w in ctx.rules.get("alias_markers", ())}
    verbs = {w.lower() for w in (*ctx.rules.get("naming_words", ()), *ctx.rules.get("alias_words", ()))}
    if not markers or not verbs:
        return {}

    def event_of(words: Iterable[Token], own: str) -> str | None:
        found = {e for t in words if (e := trigger_of.get(t.i) or ctx.entity_of_token.get(t.i)) in drafts and e != own}
        return found.pop() if len(found) == 1 else None

    renamed: dict[str, str] = {}
    for key in sorted(drafts):
        draft = drafts[key]
        if draft.name is None or draft.kb_id:
            continue
        words = ctx.doc.char_span(draft.name.start, draft.name.start + len(draft.name.text), alignment_mode="expand")
        if words is None:
            continue
        root = words.root
        marked = any(c.lower_ in markers for c in root.children) or (root.dep_ == "pobj" and root.head.lower_ in markers)
        verb = next((a for a in list(root.ancestors)[:3] if _lemma(a) in verbs or a.lower_ in verbs), None)
        if not marked or verb is None:
            continue
        if verb.dep_ in ("acl", "amod", "acl:relcl", "relcl"):
            target = event_of(_phrase_words(verb.head), key)  # "the earthquake, also known as …"
        elif subjects := [c for c in verb.children if c.dep_ in _SUBJECTS]:
            target = event_of((t for s in subjects for t in _phrase_words(s)), key)
        elif verb.sent.start > 0:
            # "Son denominadas … como …": the subject left out is the sentence before's.
            before = ctx.doc[verb.sent.start - 1].sent.root
            target = event_of((t for c in before.children if c.dep_ in _SUBJECTS for t in _phrase_words(c)), key)
        else:
            target = None
        other = drafts.get(target or "")
        if other is None or not _compatible(other.event_class, draft.event_class):
            continue
        _absorb(other, draft)
        renamed[key] = other.local_id
        del drafts[key]
    return renamed


def _said_to_be(ctx: ArticleContext, drafts: dict[str, _Draft], token: Token, trigger_of: Mapping[int, str]) -> _Draft | None:
    """The event a copula says an event noun is: the subject's, in "X was a riot and a violent attack", "X fue un atentado".

    "Dorian became a Category 5 hurricane": a verb of becoming (the rules'
    ``becoming_verbs``) says it as much as "be".

    English parses the noun as the attribute of "be"; Spanish (Universal
    Dependencies) makes the noun the head, with the copula and the subject
    as its children. A noun joined to the attribute ("a riot and violent
    attack") is said of the subject too.
    """
    noun = token
    while noun.dep_ == "conj":
        noun = noun.head
    if noun.dep_ == "attr" and _lemma(noun.head) in {"be", *ctx.rules.get("becoming_verbs", ())}:
        clause = noun.head
    elif any(c.dep_ == "cop" for c in noun.children):
        clause = noun
    else:
        return None
    found = {
        key for c in clause.children if c.dep_ in _SUBJECTS
        if (key := trigger_of.get(c.i) or ctx.entity_of_token.get(c.i)) in drafts
    }
    return drafts[found.pop()] if len(found) == 1 else None


def _described(token: Token) -> bool:
    """Tell whether an event noun is the subject or the attribute of "be" ("The storm was the most intense storm")."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in ("nsubj", "attr") and token.head.pos_ == "AUX" and _lemma(token.head) == "be":
        return True
    return token.dep_ == "nsubj" and any(c.dep_ == "cop" for c in token.head.children)


def _in_phrase(token: Token, evidence: Evidence) -> bool:
    """Tell whether a span lies within a word's own phrase."""
    return token.left_edge.idx <= evidence.start and evidence.end <= token.right_edge.idx + len(token.right_edge)


def _becoming(ctx: ArticleContext, token: Token) -> bool:
    """Tell whether an event noun is what a verb of becoming says its subject became ("Dorian became a hurricane")."""
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ == "attr" and _lemma(token.head) in ctx.rules.get("becoming_verbs", ())


def _family(ctx: ArticleContext, event_class: str) -> set[str]:
    """Return the classes an event of this class may be known as: main events or campaigns."""
    for name in ("main_event_classes", "campaign_classes"):
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


def _placed_apart(ctx: ArticleContext, roles: list[tuple[str, str, str]], parent: _Draft) -> bool:
    """Tell whether a trigger is placed in a town its parent was not, where the parent has a town."""
    towns = {"Settlement"}
    here = {e for role, e, _ in roles if role in ("location", "target") and ctx.class_of.get(e) in towns}
    there = {e for role, e, *_ in parent.roles if role in ("location", "target") and ctx.class_of.get(e) in towns}
    kb = load_kb()
    entry = kb.get(parent.kb_id) if parent.kb_id else None
    there |= {p for p in (entry.places if entry else ()) if kb[p].ontology_class in towns}
    return bool(here and there and not here & there)


def _another_day(ctx: ArticleContext, event_class: str, date: TimeValue, parent: _Draft) -> bool:
    """Tell whether an attack dated to one day is another than the attack dated to another day.

    Attacks (``instant_classes``) happen on one day; a siege lasts several.
    """
    instant = set(ctx.rules.get("instant_classes", ()))
    best = _best_date(parent)
    if event_class not in instant or parent.event_class not in instant or best is None:
        return False
    return date.datatype == best[0].datatype == "date" and date.lexical != best[0].lexical


def _year_of(draft: _Draft) -> str | None:
    """Return the year an event happened in: the knowledge base's, else the text's."""
    entry = load_kb().get(draft.kb_id) if draft.kb_id else None
    if entry is not None and entry.began:
        return entry.began[:4]
    best = _best_date(draft)
    return best[0].lexical[:4] if best else None


def _opens_paragraph(ctx: ArticleContext, drafts: dict[str, _Draft], mentions: _Mentions, token: Token) -> bool:
    """Tell whether a noun with a near demonstrative ("this quake", "este sismo") is the first event its paragraph tells."""
    near = {w.lower() for w in ctx.rules.get("near_demonstratives", ())}
    if not any(c.dep_ == "det" and c.lower_ in near for c in token.children):
        return False
    start = ctx.text.rfind("\n\n", 0, token.idx)
    before = mentions.last_before({d.event_class for d in drafts.values()}, token.idx)
    return before is not None and before[0] < start


def _dates_itself(ctx: ArticleContext, token: Token, date: Evidence) -> bool:
    """Tell whether a date lies in an event noun's own phrase ("el terremoto de 1985", "el terremoto ocurrido en 1985")."""
    if token.pos_ != "NOUN":
        return False
    words = ctx.doc.char_span(date.start, date.end, alignment_mode="expand")
    return words is not None and words.root.i != token.i and any(a.i == token.i for a in words.root.ancestors)


def _told_in(drafts: dict[str, _Draft], event_class: str, year: str) -> _Draft | None:
    """Return the one event of a compatible class told so far as happening in ``year``, if just one is."""
    found = [d for d in drafts.values() if d.evidence and _compatible(d.event_class, event_class) and _year_of(d) == year]
    return found[0] if len(found) == 1 else None


def _most_told(drafts: dict[str, _Draft], classes: set[str]) -> _Draft | None:
    """Return the article's main event: the one told most often, the first told on a tie."""
    mains = [d for d in drafts.values() if d.event_class in classes and d.evidence]
    if not mains:
        return None
    return min(mains, key=lambda d: (-len(d.evidence), min(ev.start for ev in d.evidence)))


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
        # "The operation is completed", after the assault: a general word for
        # the one event of a class under it.
        same = [
            d for k, d in drafts.items()
            if k != key and d.super_event != key and draft.event_class in class_ancestors().get(d.event_class, {d.event_class})
            and (not d.kb_id or _could_be(ctx, draft, d.kb_id))
            and not _placed_apart(ctx, [(role, e, rule) for role, e, _, rule in draft.roles], d)
            and (anchor is None or anchor in {e for role, e, *_ in d.roles if role == d.anchor_role})
            and not _acts_on(ctx, d, draft)
            # "appealed" is no second mention of "celebrated": actions of no class are one only by their verb,
            # or by the broader act the other is a kind of ("the coup" after "the self-coup").
            and (draft.lemmas == d.lemmas or (draft.lemmas and draft.lemmas <= d.lemmas | d.broader))
        ]
        if len(same) > 1 and draft.lemmas:
            # "el autogolpe de Estado fracasó", after a comparison with "el
            # autogolpe de 1992": the act the article opens on, its subject
            # (an act of no class has nothing else, no place or kind, to tell
            # the two apart).
            opening = _article_subject(ctx, same)
            same = [opening] if opening is not None else same
        if len(same) > 1 and draft.name is not None:
            # "Copa Libertadores" after "la final de la Copa Conmebol
            # Libertadores 2019" and "la Copa Mundial de Clubes": the one
            # whose name holds it, not a part of it.
            keys = {d.local_id for d in same}
            same = [d for d in same if d.name is not None and draft.name.within(d.name) and d.super_event not in keys]
        if len(same) == 1 and draft.name is not None and same[0].name is not None and _contradicts(ctx, same[0], draft.name):
            continue  # "the Enron scandal and Madoff investment scandal": two names, two events
        if len(same) == 1:
            target = same[0]
            target.evidence.extend(draft.evidence)
            target.phrases.extend(draft.phrases)
            target.roles.extend(r for r in draft.roles if r[0] != target.anchor_role)
            target.topic = target.topic or draft.topic
            target.concerns.update(draft.concerns)
            target.lemmas.update(draft.lemmas)
            renamed[key] = target.local_id
            del drafts[key]
    return renamed


def _article_subject(ctx: ArticleContext, drafts: list[_Draft]) -> _Draft | None:
    """Return the one of several events that the article's first sentence tells, if just one is."""
    first = next(iter(ctx.doc.sents), None)
    if first is None:
        return None
    opening = [d for d in drafts if any(e.start < first.end_char for e in d.evidence)]
    return opening[0] if len(opening) == 1 else None


def _acts_on(ctx: ArticleContext, actor: _Draft, draft: _Draft) -> bool:
    """Tell whether a verb that tells ``actor`` has a mention of ``draft`` for its object or passive subject.

    "The verdict was upheld by the Supreme Court": the upholding is a ruling
    on the verdict, not the verdict told again.
    """
    told = {t.i for ev in draft.evidence if (span := ctx.doc.char_span(ev.start, ev.end, alignment_mode="expand")) is not None for t in span}
    for ev in actor.evidence:
        span = ctx.doc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is not None and span.root.pos_ == "VERB" and any(c.dep_ in _ARGUMENTS - {"nsubj"} and c.i in told for c in span.root.children):
            return True
    return False


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
    reported clause ("ruled that the assault …"). Only an event named there
    is what the event is about ("the commemoration for Beslan" names a town,
    and a commemoration concerns no town). Without any, the event concerns
    its parent, the main event it was told with.
    """
    preps = set(ctx.rules.get("about_preps", ()))
    for key, token, evidence in about:
        draft = drafts.get(renamed.get(key, key))
        if draft is None:
            continue
        phrases = [obj for child in token.children for prep, obj in prepositional(child) if prep in preps]
        if token.pos_ in ("VERB", "AUX"):
            phrases += [c for c in token.children if c.dep_ in ("dobj", "obj", "ccomp")]
        for phrase in phrases:
            words = list(phrase.subtree)
            event = next((trigger_of[t.i] for t in words if trigger_of.get(t.i, draft.local_id) != draft.local_id), None)
            event = event or next((e for t in words if (e := ctx.entity_of_token.get(t.i)) and ctx.kind_of.get(e) == "Event" and e != draft.local_id), None)
            if event is not None:
                draft.concerns.setdefault(event, evidence)
                break


def _aim_by_clause(ctx: ArticleContext, drafts: dict[str, _Draft], about: list, trigger_of: dict[int, str], renamed: dict[str, str]) -> None:
    """Give an event about another, which neither its phrases nor what it answers to name, the main event its own clause tells.

    "El caso fue sentenciado por el Tribunal Supremo, que lo consideró una
    violación": the one main event told in the trigger's clause, wherever in
    it, comes before the last one told in the text (the event's parent).
    """
    mains = set(ctx.rules.get("main_event_classes", ()))
    for key, token, evidence in about:
        draft = drafts.get(renamed.get(key, key))
        if draft is None or draft.concerns:
            continue
        told = {
            trigger_of[t.i] for t in _clause_of(token).subtree
            if trigger_of.get(t.i, draft.local_id) != draft.local_id and drafts.get(trigger_of[t.i]) is not None
            and drafts[trigger_of[t.i]].event_class in mains
        }
        if len(told) == 1:
            draft.concerns[told.pop()] = evidence


# Dependencies that open a clause of its own inside a noun phrase ("the region,
# which comes after Moscow launched its offensive"): what is told there is not the phrase's.
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos", "acl:relcl", "csubj"}


def _phrase_words(token: Token) -> Iterator[Token]:
    """Yield a noun phrase's words in order, without the clauses inside it."""
    yield token
    for child in token.children:
        if child.dep_ not in _CLAUSE_DEPS:
            yield from _phrase_words(child)


def _event_in(ctx: ArticleContext, phrase: Token, trigger_of: Mapping[int, str], own: str) -> str | None:
    """Return the first event other than ``own`` that a noun phrase tells, by a trigger or by its name."""
    return _event_at_tokens(ctx, (t for t in sorted(_phrase_words(phrase), key=lambda t: t.i)), trigger_of, but=own)


def _responses(ctx: ArticleContext, drafts: dict[str, _Draft], told: list, trigger_of: dict[int, str], renamed: dict[str, str]) -> None:
    """Find the event another event answers to: "protests against the ruling", "the ruling sparked protests".

    Two constructions, for events of any class: a phrase of the rules'
    ``response_preps`` after the event word that names another event
    ("la huelga contra la reforma"), and an event noun that is the object of
    one of the ``light_verbs`` (or joined to it) whose subject tells another
    event ("the earthquake prompted an investigation", "la sentencia
    provocó protestas"). The event answered is what this one concerns.
    """
    preps = set(ctx.rules.get("response_preps", ()))
    light = set(ctx.rules.get("light_verbs", ()))
    for key, token, evidence in told:
        draft = drafts.get(renamed.get(key, key))
        if draft is None or draft.concerns:
            continue
        phrases = [obj for child in token.children for prep, obj in prepositional(child) if prep in preps]
        target = next((e for obj in phrases if (e := _event_in(ctx, obj, trigger_of, draft.local_id))), None)
        head = token
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "sparked criticism and protests"
        if target is None and token.pos_ == "NOUN" and head.dep_ in ("dobj", "obj") and _lemma(head.head) in light:
            subjects = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
            target = next((e for s in subjects if (e := _event_in(ctx, s, trigger_of, draft.local_id))), None)
        if target is not None and target not in (draft.super_event, draft.topic) and drafts.get(target) is not draft:
            draft.concerns.setdefault(target, evidence)


def _freeze(ctx: ArticleContext, drafts: dict[str, _Draft], main: _Draft | None) -> tuple[list[EventRecord], list[Relation]]:
    events, relations = [], []
    for draft in drafts.values():
        ctx.class_of[draft.local_id] = draft.event_class
        ctx.kind_of[draft.local_id] = "Event"
    for draft in sorted(drafts.values(), key=lambda d: d.local_id):
        anchor = next((e for p, e, _, _ in draft.roles if p == draft.anchor_role), None)
        best = _best_date(draft)
        parent = drafts.get(draft.super_event) if draft.super_event else None
        parent_date = _best_date(parent) if parent is not None else None
        if best and parent_date and best[0].lexical[:4] != parent_date[0].lexical[:4]:
            # Dated in another year than its parent, it is no step of it but
            # something about it (relatives' demands years later).
            draft.topic, draft.super_event = draft.super_event, None
        # A time of day counts only when the date was read in the event's own
        # sentence, not carried over from an earlier one.
        own = best is not None and any(ev.sentence_start == best[1].sentence_start for ev in draft.evidence)
        time = _time_next_to(ctx, best[1]) if own else None
        events.append(
            EventRecord(
                local_id=draft.local_id,
                event_class=draft.event_class,
                kb_id=draft.kb_id,
                evidence=tuple(sorted(set(draft.evidence) | set(draft.phrases), key=lambda e: (e.start, e.end))),
                date=best[0] if best else None,
                date_evidence=best[1] if best else None,
                time=time[0] if time else None,
                time_evidence=time[1] if time else None,
                super_event=draft.super_event,
                anchor=anchor,
                name=draft.name.text if draft.name is not None else None,
                named_after=tuple(sorted(draft.name.places)) if draft.name is not None else (),
                lemmas=tuple(sorted(draft.lemmas)),
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
        elif draft.topic is not None and draft.topic != draft.local_id:
            relations.append(Relation(draft.local_id, "concerns", draft.topic, draft.evidence[0], f"{ctx.meta.language}-event-about"))
    return events, relations


def _carry_on(ctx: ArticleContext, drafts: dict[str, _Draft], events_at: Mapping[int, str]) -> None:
    """Read a sentence that goes on about the event the sentence before was about.

    "La final de la Copa X fue la fase culminante del torneo. Se ha jugado
    el 23 de noviembre. La disputaron Flamengo y River Plate en Lima."; "The
    final was the climax of the cup. It was played on 23 November": a
    sentence whose verb is one of the rules' ``carrying_verbs`` and whose
    subject is left out or is a pronoun of ``event_pronouns`` (or whose
    object is one, "la disputaron") tells more of the event the sentence
    before had for its subject: its day, its places, and who took part
    (the subject, when the pronoun is the object; the "by" phrase).
    """
    verbs = set(ctx.rules.get("carrying_verbs", ()))
    pronouns = {w.lower() for w in ctx.rules.get("event_pronouns", ())}
    if not verbs:
        return
    told: str | None = None
    for sentence in ctx.doc.sents:
        if not any(t.is_alpha for t in sentence):
            continue  # a paragraph break between two sentences of one story
        root = sentence.root
        subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
        # The root and the verbs joined to it without a subject of their own
        # ("Son denominadas …, se llevaron a cabo el 1 de julio").
        clauses = [root] + [c for c in root.children if c.dep_ in ("conj", "advcl", "parataxis") and c.pos_ == "VERB" and not any(
            g.dep_ in _SUBJECTS for g in c.children
        )]
        # "The trial was held in Lyon, and it ran from 8 March": a verb joined
        # to the root whose subject is a pronoun goes on about the root's subject.
        here = next((e for t in subjects if (e := _event_at_tokens(ctx, _phrase_words(t), events_at))), None)
        joined = [
            c for c in root.children if here is not None and c.dep_ == "conj" and c.pos_ == "VERB"
            and (own := [g for g in c.children if g.dep_ in _SUBJECTS]) and all(g.lower_ in pronouns for g in own)
        ]
        carried = False
        # "The residents were moved to relief camps beginning on 29 July": a verb joined to a root with a
        # subject of its own, neither an event nor a pronoun, tells of that subject, not of the event before.
        named = here is None and any(t.dep_ != "expl" and t.lower_ not in pronouns for t in subjects)
        for verb in clauses + joined:
            if named and verb is not root:
                continue
            own = [c for c in verb.children if c.dep_ in _SUBJECTS]
            as_object = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lower_ in pronouns]
            # "El juicio se celebró en Lyon y duró del 8 de marzo…": a joined
            # verb without a subject goes on about the root's subject too.
            draft = drafts.get((here if verb in joined or (verb is not root and here is not None) else told) or "")
            if draft is None or _lemma(verb) not in verbs or not (as_object or all(t.lower_ in pronouns for t in own)):
                continue
            if any(_event_at_tokens(ctx, _phrase_words(c), events_at, but=draft.local_id) for c in verb.children if c.dep_ in ("dobj", "obj")):
                continue  # "El 11 de septiembre comenzó un enjambre sísmico": the event it tells is its own, the parser's object
            carried = True
            _go_on(ctx, draft, verb, sentence, [t for t in own if t.lower_ not in pronouns] if as_object else [])
        if not carried and subjects:
            # The event this sentence is about, for the next one: its
            # subject's; a sentence without a subject keeps the one before's.
            told = next((e for t in subjects if (e := _event_at_tokens(ctx, _phrase_words(t), events_at))), None)


_SUBJECTS = ("nsubj", "nsubjpass", "nsubj:pass", "expl")


def _go_on(ctx: ArticleContext, draft: _Draft, verb: Token, sentence: Span, doers: list[Token]) -> None:
    """Give an event what a clause that goes on about it says: its day, places, and who did it (``doers``, the "by" phrase)."""
    location_preps = set(ctx.rules.get("location_preps", ()))
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    evidence = ctx.token_evidence(verb)
    days = [
        span for span in ctx.temporal_in(sentence.start_char, sentence.end_char)
        if span.kind == "date" and (words := ctx.doc.char_span(span.start_char, span.end_char, alignment_mode="expand")) is not None
        and _in_clause_of(words.root, {verb.i}, ctx.rules.get("day_words", ()))
    ]
    if len(days) > 1:
        # "ran from March 8 to April 20": the day a range starts from.
        starts = set(ctx.rules.get("range_starts", ()))
        days = [d for d in days if (w := ctx.doc.char_span(d.start_char, d.end_char, alignment_mode="expand")) is not None and _preposition_of(w.root) in starts][:1]
    if len(days) == 1:
        draft.dates.append((days[0].value, ctx.evidence(days[0].start_char, days[0].end_char)))
    rule = f"{ctx.meta.language}-event-carried"
    effects = {w.lower() for w in ctx.rules.get("effect_verbs", ())}
    short = {w.lower() for w in ctx.rules.get("falling_short_adverbs", ())}
    for child in verb.children:
        # "organizadas por el INE": the parser may hang a "por" phrase as an object.
        case = next((c.lower_ for c in child.children if c.dep_ == "case"), None)
        phrases = list(prepositional(child)) or ([(case, child)] if case is not None else [])
        for prep, target in phrases:
            if prep in agent_preps:
                doers.append(target)
            elif prep in location_preps:
                draft.roles.extend(("location", place, evidence, rule) for each in _with_conjuncts(target) for place in _places_at(ctx, each))
        if child.dep_ in ("dobj", "obj") and _lemma(verb) in effects and not any(c.dep_ == "advmod" and c.lower_ in short for c in verb.children):
            # "It hit Greece and struck Libya": the places a verb of effect strikes.
            draft.roles.extend(("location", place, evidence, rule) for each in _with_conjuncts(child) for place in _places_at(ctx, each))
    for doer in doers:
        draft.roles.extend((role, entity, evidence, r) for role, entity, r in _as_role(ctx, doer, "participant", rule))


# Days in a duration unit that moves a date by whole days.
_DAYS_IN = {"days": 1, "weeks": 7}


def _offset_dates(ctx: ArticleContext, drafts: dict[str, _Draft], events_at: Mapping[int, str]) -> None:
    """Date events told a number of days from a known day.

    "Twelve days earlier, the Chiapas earthquake struck" (after a sentence
    dated 19 September) puts it on 7 September; "the quake occurred twelve
    days after the Chiapas earthquake" dates either event from the other.
    The words after a duration that say which way it points are the rules'
    ``offset_words`` (-1 before, 1 after). Only an exact count of days or
    weeks moves a day, and only to an event with no day of its own.
    """
    ways = {w.lower(): int(v) for w, v in (ctx.rules.get("offset_words") or {}).items()}
    if not ways:
        return
    full = [(span.start_char, span.value) for span in ctx.temporal if span.kind == "date" and span.value.datatype == "date" and not span.value.approximate]
    counts = []
    for span in ctx.temporal:
        days = _DAYS_IN.get(span.unit or "")
        if span.kind == "duration" and days is not None and span.value.qualifier == "exact":
            words = ctx.doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
            if words is not None:
                counts.append((words, span.value.value * days))
    # "the day after the inauguration": one day, with no number.
    day_words = {w.lower() for w in ctx.rules.get("day_words", ())}
    counts += [
        (ctx.doc[t.i : t.i + 1], 1) for t in ctx.doc
        if t.lower_ in day_words and any(c.dep_ == "det" for c in t.children) and not any(c.like_num for c in t.children)
    ]
    # "the next day", "al día siguiente": one day on from the last day told,
    # whichever way the word that says so stands.
    turns = {w.lower(): int(v) for w, v in (ctx.rules.get("next_day_words") or {}).items()}
    for t in ctx.doc:
        mark = next((c for c in t.children if c.lower_ in turns), None) if t.lower_ in day_words else None
        if mark is not None:
            words = ctx.doc[min(t.i, mark.i) : max(t.i, mark.i) + 1]
            counts.append((words, turns[mark.lower_]))
    for words, count in sorted(counts, key=lambda c: c[0].start):
        if len(words) > 1 and words[-1].lower_ in turns or words[0].lower_ in turns:
            way, shift = words[-1], dt.timedelta(days=count)
        elif words.end >= len(ctx.doc) or ctx.doc[words.end].lower_ not in ways:
            continue
        else:
            way, shift = ctx.doc[words.end], dt.timedelta(days=count * ways[ctx.doc[words.end].lower_])
        sentence = way.sent
        evidence = ctx.evidence(words.start_char, way.idx + len(way.text))
        # "después [del terremoto de Chiapas]": the event the duration counts from.
        after = []
        for t in ctx.doc[way.i + 1 : sentence.end]:
            if t.is_punct or t.pos_ in ("VERB", "AUX"):
                break
            after.append(t)
        counted_from = _event_at_tokens(ctx, after, events_at)
        if counted_from is None:
            # "Twelve days earlier, X struck": from the last day told before.
            before = [value for start, value in full if start < words.start_char]
            told = {_event_at_tokens(ctx, [t], events_at) for t in sentence if not words.start <= t.i <= way.i} - {None}
            if len(told) > 1 and (own := _event_at_tokens(ctx, [_clause_of(words.root)], events_at)) is not None:
                told = {own}  # "On the same day, Castillo was removed after the court rejected …": the verb the day is told on
            if before and len(told) == 1:
                draft = drafts.get(told.pop())
                _date_by_offset(draft, before[-1], shift, evidence)
                if draft is not None and (day := _full_date(draft)) is not None:
                    # "Two days later … The next day …": the day a count gave is the last day told.
                    insort(full, (words.start_char, day), key=lambda f: f[0])
            continue
        earlier = [t for t in sentence if t.i < words.start]
        told_before = [e for t in reversed(earlier) if (e := _event_at_tokens(ctx, [t], events_at)) and e != counted_from]
        if not told_before:
            continue
        this, other = drafts.get(told_before[0]), drafts.get(counted_from)
        if this is None or other is None:
            continue
        this_day, other_day = _full_date(this), _full_date(other)
        if this_day is not None and other_day is None:
            _date_by_offset(other, this_day, -shift, evidence)
        elif other_day is not None and this_day is None:
            _date_by_offset(this, other_day, shift, evidence)


# An ordinal written in figures: "32nd", "32.º", "32º".
_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th|\.?º|\.?ª|°)?", re.IGNORECASE)


def _anniversary_dates(ctx: ArticleContext, drafts: dict[str, _Draft], events_at: Mapping[int, str]) -> None:
    """Date an event from the one whose anniversary it fell on, or the other way round.

    "The quake occurred on the 32nd anniversary of the 1985 Mexico City
    earthquake" (the quake dated 19 September 2017) puts the 1985 one on 19
    September 1985; "en el 20.º aniversario de X" likewise. The anniversary
    word (the rules' ``anniversary_words``) is a phrase of the clause of the
    event it dates (its verb, or the verb's subject), its ordinal in figures,
    and its "of" phrase names the other event. Only an event without a day
    of its own is dated, and only to a day of the year it is known in.
    """
    words = {w.lower() for w in ctx.rules.get("anniversary_words", ())}
    of_preps = set(ctx.rules.get("of_preps", ()))
    if not words:
        return
    for token in ctx.doc:
        if _lemma(token) not in words and token.lower_ not in words:
            continue
        count = next((int(m.group(1)) for c in token.children if c.dep_ in ("amod", "nummod") and (m := _ORDINAL.fullmatch(c.text))), None)
        other = next((e for c in token.children for prep, obj in prepositional(c) if prep in of_preps
                      if (e := _event_at_tokens(ctx, _phrase_words(obj), events_at))), None)
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
        this = _event_at_tokens(ctx, [verb, *(t for s in subjects for t in _phrase_words(s))], events_at, but=other)
        if not count or other is None or this is None or drafts.get(this) is None or drafts.get(other) is None:
            continue
        evidence = ctx.token_evidence(token)
        this_day, other_day = _full_date(drafts[this]), _full_date(drafts[other])
        if this_day is not None and other_day is None:
            _date_by_years(drafts[other], this_day, -count, evidence)
        elif other_day is not None and this_day is None:
            _date_by_years(drafts[this], other_day, count, evidence)


def _date_by_years(draft: _Draft, day: TimeValue, years: int, evidence: Evidence) -> None:
    """Give an event the day ``years`` from ``day``, if it agrees with the year it has."""
    moved = dt.date.fromisoformat(day.lexical)
    try:
        moved = moved.replace(year=moved.year + years)
    except ValueError:
        return  # 29 February in a year without one
    known = {v.lexical[:4] for v, _ in draft.dates}
    if known and known != {f"{moved.year:04d}"}:
        return
    draft.dates.append((TimeValue(moved.isoformat(), "date", evidence.text), evidence))


def _event_at_tokens(ctx: ArticleContext, tokens: Iterable[Token], events_at: Mapping[int, str], *, but: str | None = None) -> str | None:
    """Return the first event (other than ``but``) whose trigger or name holds one of the tokens."""
    for t in tokens:
        event = events_at.get(t.i)
        if event is None and ctx.kind_of.get(entity := ctx.entity_of_token.get(t.i, "")) == "Event":
            event = entity
        if event is not None and event != but:
            return event
    return None


def _full_date(draft: _Draft) -> TimeValue | None:
    best = _best_date(draft)
    return best[0] if best is not None and best[0].datatype == "date" and not best[0].approximate else None


def _date_by_offset(draft: _Draft | None, day: TimeValue, shift: dt.timedelta, evidence: Evidence) -> None:
    """Give an event without a day of its own the day ``shift`` from ``day``, if it agrees with the year it has."""
    if draft is None or _full_date(draft) is not None:
        return
    moved = (dt.date.fromisoformat(day.lexical) + shift).isoformat()
    years = {v.lexical[:4] for v, _ in draft.dates}
    if years and years != {moved[:4]}:
        return
    draft.dates.append((TimeValue(moved, "date", evidence.text), evidence))


def _best_date(draft: _Draft) -> tuple[TimeValue, Evidence] | None:
    """Return the earliest of an event's most precise dates, with its evidence.

    A day the story was at when the event was told again (``inferred``)
    counts only where the event has no date of its own, or as a finer one
    of its own ("in May 2025", then "on 7 May" in the story): not against it.
    """
    own = [d for d in draft.dates if d[1] not in draft.inferred]
    dates = [d for d in draft.dates if d[1] not in draft.inferred or any(d[0].lexical.startswith(o[0].lexical) for o in own)] \
        if own else draft.dates
    if not dates:
        return None
    precision = {"date": 0, "gYearMonth": 1, "gYear": 2}
    return min(dates, key=lambda d: (precision.get(d[0].datatype, 3), d[0].lexical, d[1].start))


# How much longer than stated an approximate duration ("some 50 hours") may have been.
_APPROXIMATE_MARGIN = 1.25


def iter_town_locations(ctx: ArticleContext, relations: Iterable[Relation]) -> list[Relation]:
    """Return where events took place by the town their place lies in, as the article says.

    "La disputaron Flamengo y River Plate en el Estadio Monumental de Lima":
    the final was played in the stadium, and the stadium lies in Lima
    (``locatedIn``, read from its name), so the final was played in Lima.
    Only a town (the rules' ``town_classes``) is reached: an attack on a
    school in Beslan took place in Beslan, not all over its region; and only
    for an event of the kinds a story is about (``main_event_classes``): a
    visit is to the place the visitor went.
    """
    towns = set(ctx.rules.get("town_classes", ()))
    mains = set(ctx.rules.get("main_event_classes", ()))
    relations = list(relations)
    inside: dict[str, set[str]] = {}
    for rel in relations:
        if rel.predicate == "locatedIn" and ctx.class_of.get(rel.object) in towns:
            inside.setdefault(rel.subject, set()).add(rel.object)
    known = {(rel.subject, rel.object) for rel in relations if rel.predicate == "location"}
    found = []
    for rel in relations:
        if rel.predicate != "location" or ctx.kind_of.get(rel.subject) != "Event" or ctx.class_of.get(rel.subject) not in mains:
            continue
        for town in sorted(inside.get(rel.object, ())):
            if (rel.subject, town) not in known:
                known.add((rel.subject, town))
                found.append(Relation(rel.subject, "location", town, rel.evidence, f"{ctx.meta.language}-event-town"))
    return found


def date_steps_within(events: Iterable[EventRecord], figures: Iterable[Figure]) -> list[EventRecord]:
    """Date the undated steps of an event whose first day and length the article gives, as far as both allow.

    "On September 1, 2004, militants stormed the school ... a siege that
    lasted for some 50 hours ... special forces launched an assault": whatever
    its day, the assault lies between the 1st and the 4th, so it happened in
    2004-09. The value is the finest period (day, month or year) holding the
    whole span; a duration with no upper bound ("more than 50 hours") bounds
    nothing. The date's evidence is the parent's first day.

    Args:
        events: The article's events (from :func:`extract_events`).
        figures: The article's figures; ``DurationHours`` and ``DurationDays`` ones are read.

    Returns:
        The events, the undated steps dated where their parent allows.
    """
    events = list(events)
    longest = {}
    for figure in figures:
        if figure.measure in _HOURS and (hours := _upper_hours(figure)) is not None:
            longest[figure.event] = max(hours, longest.get(figure.event, 0.0))
    by_id = {e.local_id: e for e in events}
    dated = []
    for event in events:
        parent = by_id.get(event.super_event or "")
        if event.date is None and parent is not None and parent.date is not None and parent.local_id in longest:
            bound = _period_holding(parent.date, longest[parent.local_id])
            if bound is not None:
                event = replace(event, date=bound, date_evidence=parent.date_evidence)
        dated.append(event)
    return dated


# Hours in a unit of each duration measure.
_HOURS = {"DurationHours": 1, "DurationDays": 24}


def _upper_hours(figure: Figure) -> float | None:
    q = figure.quantity
    if q.qualifier in ("more_than", "at_least"):
        return None
    upper = (q.upper if q.upper is not None else q.value) * _HOURS[figure.measure]
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
