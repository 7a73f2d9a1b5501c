"""Who did an event, read from the clause that names it: the frames the trigger lexicon does not give.

The event step reads the dependents of an event's own word (the subject of
"attacked", the "of" phrase of "resignation"). News also names who was
behind an event from the words around it:

- a verb of leading whose object is the event: "X led the raid", "the
  commander who led the raid, X", "the assault was commanded by X", "an
  operation led by X";
- a claim of responsibility: "X claimed responsibility for the bombings",
  "X se responsabilizó del atentado", "X reivindicó el ataque";
- "behind": "X, the warlord behind the siege";
- a group led by someone as the event verb's subject: "fighters led by X
  seized a hospital", "rebels under X's command attacked";
- a passive verb of leading whose subject refers back to the event the
  sentence before is about: "The assault began at 9. It was commanded by X";
- whom it befell: "X was arrested in a raid", "X murió en el atentado";
- whom it involves: "the scandal involved X", "an investigation involving
  X", "X was implicated in the scandal";
- a winner: "X won the election", "X, winner of the election", "en la
  elección resultó vencedor X"; the party a candidate is said to be of
  (:func:`iter_member_roles`) and the organisation a sentence telling a
  vote names a candidate of; the country whose presidential election a
  person won is led by that person (:func:`iter_elected_leaders`).

The words are data (``frames`` in ``ontology/rules/{lang}.yaml``); the role
of who is blamed (a claim, "responsibility", "behind") is the one the
event's family gives (``frame_roles``); whoever led it took part in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from beslan_kg.nlp.context import ArticleContext, conjuncts, is_passive, is_relative_pronoun, prepositional
from beslan_kg.rdf.ontology import class_ancestors
from beslan_kg.records import EventRecord, Relation, unique_relations

_SUBJECTS = ("nsubj",)
_PASSIVE_SUBJECTS = ("nsubjpass", "nsubj:pass")
_OBJECTS = ("dobj", "obj")
#: The kinds of entity that can be behind an event (``relation_kinds`` of participant).
_DOERS = ("Person", "Organization")
#: The constructions that name who is to blame for an event, not only who took part.
_BLAMING = ("claim", "responsibility", "behind")


def extract_frame_roles(ctx: ArticleContext, events: Iterable[EventRecord], known: Iterable[Relation] = ()) -> list[Relation]:
    """Return (event, role, entity) relations for the people and groups the clauses around events name as their doers.

    ``known`` are the roles the event step gave: a party it already put in
    an event (as its organiser, its court) is not added again as a mere
    participant by the constructions read here past the lexicon.
    """
    frames: Mapping[str, Any] = ctx.rules.get("frames") or {}
    if not frames:
        return []
    found: list[Relation] = []
    events = list(events)
    said_again = dict(_referred_back(ctx, events, frames))
    found += _candidates_of(ctx, events, frames)
    taken = {(r.subject, r.object) for r in known}
    found += [r for r in _clause_parties(ctx, events, frames) + _accused_of(ctx, events, frames) if (r.subject, r.object) not in taken]
    for event in events:
        blamed = _role(ctx, event.event_class)
        for trigger in _event_words(ctx, event):
            for doer, rule in [*_doers(ctx, trigger, frames), *said_again.get(trigger.i, ())]:
                entity = ctx.entity_at(doer) or _person_referred_to(ctx, doer, frames)
                if entity is None or ctx.kind_of.get(entity) not in _DOERS:
                    continue
                # Who is blamed for an attack did it; who led an operation took part in it.
                role = blamed if rule in _BLAMING else "participant"
                first, last = min(trigger.i, doer.i), max(trigger.i, doer.i)
                evidence = ctx.words_evidence(ctx.doc[first], ctx.doc[last])
                found.append(Relation(event.local_id, role, entity, evidence, f"{ctx.meta.language}-frame-{rule}"))
    return unique_relations(found)


@dataclass(frozen=True)
class _Words:
    """The words of one language that the constructions of :func:`_clause_parties` read."""

    versus: frozenset[str]
    markers: frozenset[str]
    of_preps: frozenset[str]
    possessives: frozenset[str]
    gathering: frozenset[str]
    outcomes: frozenset[str]
    outcome_preps: frozenset[str]
    joining: frozenset[tuple[str, str]]
    launching: frozenset[str]
    acting: frozenset[str]
    including: frozenset[str]

    @classmethod
    def of(cls, ctx: ArticleContext, frames: Mapping[str, Any]) -> _Words:
        launching = frozenset(w.lower() for w in ctx.rules.get("launch_verbs", ()))
        # Verbs of leading, claiming and winning have frames of their own (``_doers``).
        acting = (launching | {w.lower() for w in ctx.rules.get("taking_part_verbs", ())} | _lemmas(frames, "agreeing_verbs")) - (
            _lemmas(frames, "leading_verbs") | _lemmas(frames, "claiming_verbs") | _lemmas(frames, "winning_verbs"))
        return cls(
            versus=frozenset(ctx.rules.get("versus_preps", ())),
            markers=frozenset(w.lower() for w in ctx.rules.get("alias_markers", ())),
            of_preps=frozenset(ctx.rules.get("of_preps", ())),
            possessives=frozenset(_lemmas(frames, "possessive_pronouns")),
            gathering=frozenset(_lemmas(frames, "gathering_preps")),
            outcomes=frozenset(_lemmas(frames, "outcome_nouns")),
            outcome_preps=frozenset(_lemmas(frames, "outcome_preps")),
            joining=frozenset((verb.lower(), prep.lower()) for verb, preps in (frames.get("joining_verbs") or {}).items() for prep in preps),
            launching=launching,
            acting=frozenset(acting),
            including=frozenset(_lemmas(frames, "including_words")),
        )


def _clause_parties(ctx: ArticleContext, events: list[EventRecord], frames: Mapping[str, Any]) -> list[Relation]:
    """Return the people and groups an event's own phrase names as taking part, past what its lexicon entry reads.

    - the side an event is against: "a violent attack against the United
      States Congress", "la moción de censura contra Mariano Rajoy";
    - a name before the event's noun: "the Enron scandal" (a place there
      says where or which, not who), or in the possessive: "Acme's collapse";
    - the organisation of a title "as" phrase on the event's word: "the
      investiture of Pedro Sánchez as president of the Government", "resigned
      as FTX CEO";
    - whoever launches, joins or signs it: "Hamas launched an attack",
      "the war that Moscow launched"; or goes into it: "the Writers Guild
      went on strike", "CCOO entró en huelga" (``joining_verbs``);
    - a pronoun for subject of its verb: "She resigned";
    - whose victory or defeat in it: "Biden's victory in the election",
      "the election marked another victory for the Colorado Party";
    - whose it is, by a possessive pronoun that stands for the subject of
      its clause: "Chauvin appealed his conviction";
    - who acts at it: "at the rally, Trump and Giuliani spoke".

    Each of a list of names ("X, Y and Z") takes part.
    """
    words = _Words.of(ctx, frames)
    countries = set(ctx.rules.get("country_classes", ()))
    found = []
    for event in events:
        for trigger in _event_words(ctx, event):
            parties = [*_phrase_parties(trigger, words), *_verb_parties(trigger, words), *_owners(trigger, words)]
            parties += list(_included(trigger, parties, words))
            for token, rule in parties:
                entity = ctx.entity_at(token) if rule != "pronoun" else _person_referred_to(ctx, token, frames)
                # A country acts as a party too ("a war against Ukraine"), and any place said to do an event
                # stands for its government ("Russia and Ukraine signed an agreement", "the war Moscow launched").
                state = (rule == "doer" and ctx.kind_of.get(entity or "") == "Place") or (
                    rule == "against" and ctx.class_of.get(entity or "") in countries)
                if entity is None or (ctx.kind_of.get(entity) not in _DOERS and not state):
                    continue
                first, last = min(trigger.i, token.left_edge.i), max(trigger.i, token.i)
                # Whoever launched an attack did it.
                role = _role(ctx, event.event_class) if rule == "doer" and trigger.head.lemma_.lower() in words.launching else "participant"
                found.append(Relation(event.local_id, role, entity, ctx.words_evidence(ctx.doc[first], ctx.doc[last]),
                                      f"{ctx.meta.language}-frame-{rule}"))
    return found


def _included(trigger: Token, parties: list[tuple[Token, str]], words: _Words) -> Iterator[tuple[Token, str]]:
    """Yield the members a party's phrase lists: "several ministers, including X and Y, resigned".

    The subject of an event's verb, or a party found above, and each word
    joined to it ("Evo Morales y otros funcionarios, incluyendo a X y a
    Y"), may list who they include (``including_words``); each of those
    took part as much as the group.
    """
    if not words.including:
        return
    heads = [t for t, rule in parties if rule in ("doer", "possessive")]
    if trigger.pos_ == "VERB":
        heads += [c for c in trigger.children if c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS]
    for head in heads:
        for member in conjuncts(head):
            for child in member.children:
                if child.lemma_.lower() not in words.including:
                    continue
                listed = [c for c in child.children if c.dep_ in ("pobj", "dobj", "obj")]
                yield from ((t, "included") for c in listed for t in conjuncts(c))


def _phrase_parties(trigger: Token, words: _Words) -> Iterator[tuple[Token, str]]:
    """Yield the parties the event word's own phrases name: "against X", "as CEO of X", "the X scandal", "X's collapse"."""
    for child in trigger.children:
        for prep, obj in prepositional(child):
            if prep in words.versus:
                yield from ((t, "against") for t in conjuncts(obj))
            elif prep in words.markers:
                yield from ((t, "office") for c in obj.children for p, t in prepositional(c) if p in words.of_preps)
                yield from ((c, "office") for c in obj.children if c.dep_ in ("compound", "poss") and c.i < obj.i)
        if trigger.pos_ == "NOUN" and child.pos_ == "PROPN" and child.i < trigger.i:
            if child.dep_ in ("compound", "amod"):
                yield child, "modifier"
            elif child.dep_ == "poss":
                # A place's possessive says where, in the event step.
                yield child, "possessor"
    title = next((c for c in trigger.children if c.dep_ in ("obl", "nmod", "xcomp")
                  and any(k.dep_ in ("case", "mark") and k.lower_ in words.markers for k in c.children)), None)
    if title is not None:
        yield from ((t, "office") for c in title.children for p, t in prepositional(c) if p in words.of_preps)


def _verb_parties(trigger: Token, words: _Words) -> Iterator[tuple[Token, str]]:
    """Yield the parties the verbs around the event word name: who launched or signed it, a pronoun subject, who acted at it."""
    if trigger.pos_ == "NOUN" and trigger.dep_ in _OBJECTS and trigger.head.lemma_.lower() in words.acting:
        # "Hamas launched an attack", "Russia and Ukraine signed an agreement": whoever does it to the event.
        yield from ((t, "doer") for c in trigger.head.children if c.dep_ in _SUBJECTS for t in conjuncts(c))
    for clause in (c for c in trigger.children if c.dep_ in ("relcl", "acl:relcl", "acl") and c.lemma_.lower() in words.acting):
        # "the war that Moscow launched", "el acuerdo que firmaron Rusia y Ucrania"
        if any(is_relative_pronoun(c) and c.dep_ in _OBJECTS for c in clause.children):
            yield from ((t, "doer") for c in clause.children if c.dep_ in _SUBJECTS for t in conjuncts(c))
    if trigger.pos_ == "VERB":
        # "He resigned on Monday": a personal pronoun for subject stands for the person the sentences before are about.
        yield from ((c, "pronoun") for c in trigger.children if c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS)
    verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
    if trigger.pos_ == "NOUN" and _governing_phrase_prep(trigger) in words.gathering and verb.pos_ in ("VERB", "AUX"):
        yield from ((t, "at") for s in verb.children if s.dep_ == "nsubj" for t in conjuncts(s))
    if trigger.pos_ == "NOUN" and (verb.lemma_.lower(), _governing_phrase_prep(trigger)) in words.joining and verb.pos_ in ("VERB", "AUX"):
        # "The Writers Guild went on strike", "CCOO entró en huelga": whoever goes into the event takes part in it.
        yield from ((t, "joined") for s in verb.children if s.dep_ in _SUBJECTS for t in conjuncts(s))


def _owners(trigger: Token, words: _Words) -> Iterator[tuple[Token, str]]:
    """Yield whose outcome of the event is told ("Biden's victory in the election") and whose it is by a possessive pronoun.

    The outcome may be the object or the predicate of the event's own verb:
    "the vote was a defeat for the government" (``outcome_preps``).
    """
    results = [trigger.head] if trigger.dep_ == "compound" else []
    results += [word for _, word in _governing_phrase(trigger)]
    # The parser may hang the event's phrase on the verb whose object the outcome is.
    results += [c for w in results if w.pos_ == "VERB" for c in w.children if c.dep_ in _OBJECTS]
    if trigger.dep_ in _SUBJECTS:
        # "The election marked another victory for the Colorado Party", "the vote was a defeat for the
        # government"; Spanish makes the noun after the copula the head ("fue una derrota para el Gobierno").
        results += [c for c in trigger.head.children if c.dep_ in (*_OBJECTS, "attr")]
        results += [trigger.head] if trigger.head.pos_ == "NOUN" else []
    for result in (w for w in results if w.lemma_.lower() in words.outcomes and w.i != trigger.i):
        yield from ((c, "outcome") for c in result.children if c.dep_ == "poss")
        yield from ((t, "outcome") for c in result.children for p, t in prepositional(c)
                    if (p in words.of_preps or p in words.outcome_preps) and t.i != trigger.i)
    if any(c.dep_ in ("poss", "det") and c.lower_ in words.possessives for c in trigger.children):
        yield from ((s, "possessive") for s in _clause_subjects(trigger))


def _accused_of(ctx: ArticleContext, events: list[EventRecord], frames: Mapping[str, Any]) -> list[Relation]:
    """Return whom a verb of justice charges with an event as taking part in it: "X was charged with the murder of Y".

    "X was convicted for the murder", "police arrested X over the
    bombing", "X fue condenado por el asesinato": the verb
    (``charging_verbs``) need not be an event of its own; its object, or
    passive subject, is one of the doers of the event its phrase
    (``charging_preps``) names.
    """
    verbs = _lemmas(frames, "charging_verbs")
    preps = _lemmas(frames, "charging_preps")
    passives = {w.lower() for w in ctx.rules.get("passive_auxiliaries", ())}
    word_of = {token.i: event for event in events for token in _event_words(ctx, event)}
    found = []
    for verb in ctx.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        charged = [c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS or (c.dep_ in _OBJECTS and not _case_marked(c, preps))]
        if is_passive(verb, passives):
            # "Ana Díaz fue condenada": a Spanish passive's subject is a plain "nsubj".
            charged += [c for c in verb.children if c.dep_ in _SUBJECTS]
        if not charged and verb.dep_ == "conj":
            # "was tried and convicted for the murder": the first verb's subject.
            charged = [c for c in verb.head.children if c.dep_ in _PASSIVE_SUBJECTS or (c.dep_ in _SUBJECTS and is_passive(verb.head, passives))]
        for child in verb.children:
            for prep, obj in prepositional(child):
                event = word_of.get(obj.i)
                if prep not in preps or event is None:
                    continue
                for token in (t for c in charged for t in conjuncts(c)):
                    entity = ctx.entity_at(token)
                    if entity is None or ctx.kind_of.get(entity) not in _DOERS:
                        continue
                    first, last = min(token.i, obj.i), max(token.i, obj.i)
                    found.append(Relation(event.local_id, "participant", entity, ctx.words_evidence(ctx.doc[first], ctx.doc[last]),
                                          f"{ctx.meta.language}-frame-accused"))
    return found


def _governing_phrase_prep(trigger: Token) -> str | None:
    """Return the preposition an event's word is the object of, in either scheme ("at the rally", "en el mitin")."""
    return next((prep for prep, _ in _governing_phrase(trigger)), None)


def _clause_subjects(trigger: Token) -> list[Token]:
    """Return the subject of the verb an event's noun is the argument of: "Chauvin" of "Chauvin appealed his conviction"."""
    verb = trigger.head
    if trigger.dep_ == "pobj":
        verb = verb.head
    if trigger.dep_ not in ("dobj", "obj", "pobj", "obl") or verb.pos_ not in ("VERB", "AUX"):
        return []
    return [c for c in verb.children if c.dep_ in _SUBJECTS]


def _person_referred_to(ctx: ArticleContext, pronoun: Token, frames: Mapping[str, Any]) -> str | None:
    """Return the person a personal pronoun refers to: the subject of the last sentence before it whose subject is a person.

    "Basayev, 41, was Russia's most wanted man. He had recently been named
    vice-president. In June 1995 he led a raid": "he" is Basayev. Only when
    that person is also the last person the text names before the pronoun;
    with another named in between, which one is meant is a guess.
    """
    if pronoun.lower_ not in _lemmas(frames, "person_pronouns") or pronoun.pos_ != "PRON":
        return None
    last_named = next((ctx.entity_of_token[i] for i in range(pronoun.i - 1, -1, -1)
                       if i in ctx.entity_of_token and ctx.kind_of.get(ctx.entity_of_token[i]) == "Person"), None)
    if last_named is None:
        return None
    for sentence in reversed([s for s in ctx.doc.sents if s.end <= pronoun.sent.start] + [pronoun.sent]):
        for subject in (t for t in sentence if t.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS and t.i < pronoun.i):
            person = ctx.entity_at(subject)
            if person is not None and ctx.kind_of.get(person) == "Person":
                return person if person == last_named else None
    return None


def _role(ctx: ArticleContext, event_class: str) -> str:
    """Return the property for whoever is blamed for an event of a class: the first family of ``frame_roles`` it is in."""
    ancestors = class_ancestors().get(event_class, {event_class})
    return next((role for family, role in (ctx.rules.get("frame_roles") or {}).items() if family in ancestors), "participant")


def _event_words(ctx: ArticleContext, event: EventRecord) -> Iterator[Token]:
    """Yield the head word of each of an event's mentions."""
    for evidence in event.evidence:
        words = ctx.doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
        if words is not None and len(words):
            yield words.root


def _lemmas(frames: Mapping[str, Any], key: str) -> set[str]:
    return {w.lower() for w in frames.get(key, ())}


def _doers(ctx: ArticleContext, trigger: Token, frames: Mapping[str, Any]) -> Iterator[tuple[Token, str]]:
    """Yield the words naming who did the event ``trigger`` names, with the construction's name."""
    leading = _lemmas(frames, "leading_verbs")
    claiming = _lemmas(frames, "claiming_verbs")
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    head = _governing_verb(trigger)
    # "X led the raid", "the raid was commanded by X", "X reivindicó el ataque"
    verb = head.lemma_.lower()
    winning = _lemmas(frames, "winning_verbs")
    if head.i != trigger.i and verb in leading | claiming | winning:
        rule = "leader" if verb in leading else "claim" if verb in claiming else "winner"
        if trigger.dep_ in _OBJECTS and not _case_marked(trigger, agent_preps):
            yield from ((s, rule) for s in head.children if s.dep_ in _SUBJECTS)
        elif trigger.dep_ in _PASSIVE_SUBJECTS:
            yield from ((obj, rule) for child in head.children for prep, obj in prepositional(child) if prep in agent_preps)
    # "an operation led by X", "el asalto, dirigido por X"
    for acl in (c for c in trigger.children if c.dep_ in ("acl", "amod") and _verb_lemmas(ctx, c) & leading):
        yield from ((obj, "leader") for child in acl.children for prep, obj in prepositional(child) if prep in agent_preps)
    # "X claimed responsibility for the bombings", "X se responsabilizó del atentado"
    for prep, noun in _governing_phrase(trigger):
        if prep not in _lemmas(frames, "responsibility_preps"):
            continue
        if noun.lemma_.lower() in _lemmas(frames, "responsibility_nouns") and noun.dep_ in _OBJECTS:
            yield from ((s, "responsibility") for s in noun.head.children if s.dep_ in _SUBJECTS)
        elif noun.lemma_.lower() in _lemmas(frames, "responsibility_verbs"):
            yield from ((s, "responsibility") for s in noun.children if s.dep_ in _SUBJECTS)
    # "X, the warlord behind the siege"
    for prep, noun in _governing_phrase(trigger):
        if prep in _lemmas(frames, "behind_preps") and noun.pos_ in ("NOUN", "PROPN"):
            yield noun, "behind"
    # "X was arrested in a raid", "X murió en el atentado": whom it befell
    fates = _lemmas(frames, "fate_verbs")
    within = set(ctx.rules.get("location_preps", ())) | set(ctx.rules.get("within_preps", ()))
    for prep, fate in _governing_phrase(trigger):
        if prep in within and fate.pos_ in ("VERB", "AUX") and fate.lemma_.lower() in fates:
            yield from ((s, "fate") for s in fate.children if s.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS)
    yield from ((doer, "involved") for doer in _involved(trigger, _lemmas(frames, "involving_verbs"), within))
    # "X, winner of the election", "X was the winner of the election", "en
    # la elección resultó vencedor X"
    winners = _lemmas(frames, "winner_nouns")
    of_preps = set(ctx.rules.get("of_preps", ()))
    in_preps = set(ctx.rules.get("location_preps", ()))
    for prep, word in _governing_phrase(trigger):
        if prep in of_preps and word.lemma_.lower() in winners:
            yield from ((w, "winner") for w in _predicated(word))
        elif prep in in_preps:
            for noun in word.children:
                if noun.lemma_.lower() in winners and noun.dep_ in ("obj", "dobj", "xcomp", "attr", "oprd"):
                    yield from ((w, "winner") for w in _predicated(noun))
    # "fighters led by X seized a hospital", "rebels under X's command attacked"
    if trigger.pos_ == "VERB":
        under = _lemmas(frames, "under_preps")
        commands = _lemmas(frames, "command_nouns")
        for subject in (c for c in trigger.children if c.dep_ in _SUBJECTS):
            for acl in (c for c in subject.children if c.dep_ in ("acl", "amod") and _verb_lemmas(ctx, c) & leading):
                yield from ((obj, "group-led-by") for child in acl.children for prep, obj in prepositional(child) if prep in agent_preps)
            for prep, command in (p for child in subject.children for p in prepositional(child)):
                if prep in under and command.lemma_.lower() in commands:
                    yield from ((c, "group-led-by") for c in command.children if c.dep_ == "poss")
                    yield from ((obj, "group-led-by") for child in command.children for p, obj in prepositional(child) if p in of_preps)


def _involved(trigger: Token, involving: set[str], within: set[str]) -> Iterator[Token]:
    """Yield whom a verb of involving puts in the event ("the scandal involved X", "una investigación que involucra a X").

    The verb's object, where the event is its subject, in a relative clause
    of the event's word whose subject is its pronoun, or in a participle on
    it ("an investigation involving X"); and the subject of the verb whose
    "in" phrase the event is ("X was implicated in the scandal").
    """
    if not involving:
        return
    clauses = [c for c in trigger.children if c.dep_ in ("acl", "relcl", "acl:relcl") and c.lemma_.lower() in involving
               and all(s.pos_ == "PRON" for s in c.children if s.dep_ in _SUBJECTS)]
    if trigger.dep_ in _SUBJECTS and trigger.head.lemma_.lower() in involving:
        clauses.append(trigger.head)
    for clause in clauses:
        yield from (o for o in clause.children if o.dep_ in _OBJECTS)
    for prep, verb in _governing_phrase(trigger):
        if prep in within and verb.pos_ in ("VERB", "ADJ") and verb.lemma_.lower() in involving:
            yield from (s for s in verb.children if s.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS)


def _governing_verb(trigger: Token) -> Token:
    """Return the word an event's word is the argument of, past an adjective the parser made it the object of.

    "X reivindicó en un vídeo difundido en internet los atentados": an
    adjective takes no object, so "los atentados" is the object of the verb
    whose phrase the adjective qualifies.
    """
    head = trigger.head
    if trigger.dep_ in _OBJECTS and head.pos_ == "ADJ" and head.dep_ in ("amod", "acl") and head.head.dep_ in ("obl", "nmod"):
        return head.head.head
    return head


def _referred_back(ctx: ArticleContext, events: list[EventRecord], frames: Mapping[str, Any]) -> Iterator[tuple[int, list[tuple[Token, str]]]]:
    """Yield (event word, [(doer, rule)]) for a passive verb of leading whose subject is the event of the sentence before.

    "After days of ultimatums, the assault began. It was commanded by X";
    "El asalto comenzó el día 15. Fue dirigido por X": the subject, a
    pronoun (``event_pronouns``) or none at all, is the event the sentence
    before is about (its main clause's subject).
    """
    leading = _lemmas(frames, "leading_verbs")
    pronouns = {w.lower() for w in ctx.rules.get("event_pronouns", ())}
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    words = {token.i for event in events for token in _event_words(ctx, event)}
    sentences = list(ctx.doc.sents)
    for before, sentence in zip(sentences, sentences[1:]):
        verb = sentence.root
        if verb.lemma_.lower() not in leading or not any(c.dep_ in ("auxpass", "aux:pass", "aux") and c.i < verb.i for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS]
        if subjects and not all(c.lower_ in pronouns and c.pos_ == "PRON" for c in subjects):
            continue
        topic = next((c for c in before.root.children if c.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS and c.i in words), None)
        doers = [(obj, "leader") for child in verb.children for prep, obj in prepositional(child) if prep in agent_preps]
        if topic is not None and doers:
            yield topic.i, doers


def _candidates_of(ctx: ArticleContext, events: list[EventRecord], frames: Mapping[str, Any]) -> list[Relation]:
    """Return the candidates and their organisations a sentence that tells a vote names: they took part in it.

    "The presidential election was won by X ... running as the candidate of
    Juntos Haremos Historia", "el candidato de la coalición Y": only in
    events of the families ``member_takes_part`` names. A person a
    candidate's or a rival's word stands for ("su contendiente más cercano,
    Andrés Manuel López Obrador", "the PRI candidate, Ana Ruiz") took part
    too, when the sentence tells no other vote; so did the subject and the
    object of a verb of defeating (``defeating_verbs``: "X defeated Y",
    "X derrotó a Y"). A story that tells one vote only is about it: a
    sentence that tells none speaks of that one ("General elections were
    held on 30 April. ... The Colorado candidate, Santiago Peña, defeated
    Efraín Alegre").
    """
    nouns = _lemmas(frames, "candidate_nouns")
    rivals = _lemmas(frames, "rival_nouns")
    defeating = _lemmas(frames, "defeating_verbs")
    families = set(ctx.rules.get("member_takes_part", ()))
    of_preps = set(ctx.rules.get("of_preps", ()))
    ancestors = class_ancestors()
    voting = [e for e in events if families & ancestors.get(e.event_class, {e.event_class})]
    votes_in = {}
    for event in voting:
        for sentence in {ev.sentence_start for ev in event.evidence}:
            votes_in.setdefault(sentence, set()).add(event.local_id)
    told: list[tuple[EventRecord, Span, bool]] = [
        (event, trigger.sent, votes_in.get(trigger.sent.start_char) == {event.local_id})
        for event in voting for trigger in _event_words(ctx, event)]
    if len(voting) == 1:
        told += [(voting[0], sentence, True) for sentence in ctx.doc.sents if sentence.start_char not in votes_in]
    found = []
    for event, sentence, alone in told:
        for noun in (t for t in sentence if t.lemma_.lower() in nouns | rivals):
            person = _named_in_apposition(ctx, noun) if alone else None
            if person is not None:
                found.append(Relation(event.local_id, "participant", person[0], ctx.words_evidence(noun, person[1]),
                                      f"{ctx.meta.language}-frame-candidate"))
            if noun.lemma_.lower() not in nouns:
                continue
            for child in noun.children:
                for prep, obj in prepositional(child):
                    entity = ctx.entity_at(obj)
                    if prep in of_preps and entity is not None and ctx.kind_of.get(entity) == "Organization":
                        evidence = ctx.words_evidence(noun, obj)
                        found.append(Relation(event.local_id, "participant", entity, evidence, f"{ctx.meta.language}-frame-candidate-of"))
        for verb in (t for t in sentence if alone and t.pos_ == "VERB" and t.lemma_.lower() in defeating):
            for side in (c for c in verb.children if c.dep_ in (*_SUBJECTS, *_OBJECTS)):
                for word in conjuncts(side):
                    entity = ctx.entity_at(word)
                    if entity is not None and ctx.kind_of.get(entity) in _DOERS:
                        found.append(Relation(event.local_id, "participant", entity, ctx.words_evidence(min(verb, word), max(verb, word)),
                                              f"{ctx.meta.language}-frame-defeated"))
    return found


def _named_in_apposition(ctx: ArticleContext, noun: Token) -> tuple[str, Token] | None:
    """Return the person a noun stands for, and the name's last word: its apposition, or the name right after its phrase and a comma.

    "su contendiente más cercano, Andrés Manuel López Obrador": the parser
    may hang the name elsewhere; written next to the phrase after a comma,
    it is in apposition all the same.
    """
    candidates = [c for c in noun.children if c.dep_ == "appos" and c.i > noun.i]
    after = noun.right_edge.i + 1
    if after + 1 < len(ctx.doc) and ctx.doc[after].text == ",":
        candidates.append(ctx.doc[after + 1])
    for token in candidates:
        entity = ctx.entity_of_token.get(token.i)
        if entity is not None and ctx.kind_of.get(entity) == "Person":
            last = token
            while last.i + 1 < len(ctx.doc) and ctx.entity_of_token.get(last.i + 1) == entity:
                last = ctx.doc[last.i + 1]
            return entity, last
    return None


def _verb_lemmas(ctx: ArticleContext, token: Token) -> set[str]:
    """Return the verbs a word may be of: its lemma, and for a participle the tagger read as an adjective, its verb.

    "dirigido", "dirigida" -> "dirigir" (the rules' ``participle_endings``).
    """
    lemma = token.lemma_.lower()
    found = {lemma}
    for ending, verbs in (ctx.rules.get("participle_endings") or {}).items():
        for form in (ending, ending[:-1] + "a", ending + "s", ending[:-1] + "as"):
            if lemma.endswith(form) and len(lemma) > len(form):
                found |= {lemma[: -len(form)] + v for v in (verbs if isinstance(verbs, list) else [verbs])}
    return found


def _predicated(noun: Token) -> list[Token]:
    """Return the words that may name whom a noun is said of: itself (a name in apposition), or its clause's subject."""
    words = [noun]
    if noun.dep_ in ("obj", "dobj", "xcomp", "attr", "oprd"):
        words += [s for s in noun.head.children if s.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS]
    return words


def iter_member_roles(ctx: ArticleContext, events: Iterable[EventRecord], relations: Iterable[Relation]) -> Iterator[Relation]:
    """Yield the party of a candidate as taking part in an election too.

    "won by X of MORENA", "resultó vencedor X, de la coalición Compromiso
    por México": when a sentence makes a person a participant of an event
    of the families ``member_takes_part`` names and says which organisation
    the person is of, the organisation took part too.
    """
    families = set(ctx.rules.get("member_takes_part", ()))
    ancestors = class_ancestors()
    voting = {e.local_id for e in events if families & ancestors.get(e.event_class, {e.event_class})}
    relations = list(relations)
    members = [r for r in relations if r.predicate == "memberOf"]
    for role in relations:
        if role.predicate != "participant" or role.subject not in voting:
            continue
        for member in members:
            if member.subject == role.object and member.evidence.sentence_start == role.evidence.sentence_start:
                start, end = min(role.evidence.start, member.evidence.start), max(role.evidence.end, member.evidence.end)
                yield Relation(role.subject, "participant", member.object, ctx.evidence(start, end), f"{ctx.meta.language}-frame-member")


def iter_elected_leaders(ctx: ArticleContext, events: Iterable[EventRecord], relations: Iterable[Relation]) -> Iterator[Relation]:
    """Yield the place the winner of an election for its head now leads: "the presidential election in Mexico was won by X".

    Only a vote (of the families ``member_takes_part`` names) its words call
    one for the head of the place (``head_elections``: "presidential",
    "presidencial"), held in a country the text names, and a winner its
    clause names (a ``winner`` frame).
    """
    words = {w.lower() for w in ctx.rules.get("head_elections", ())}
    families = set(ctx.rules.get("member_takes_part", ()))
    ancestors = class_ancestors()
    heads = {
        e.local_id
        for e in events
        if families & ancestors.get(e.event_class, {e.event_class})
        and any(w.lower() in words for ev in e.evidence for w in ev.text.split())
    }
    relations = list(relations)
    places = {}
    for r in relations:
        if r.predicate == "location" and r.subject in heads and ctx.class_of.get(r.object) in ctx.rules.get("country_classes", ()):
            places.setdefault(r.subject, r)
    for won in relations:
        if won.rule.endswith("-frame-winner") and won.subject in places and ctx.kind_of.get(won.object) == "Person":
            where = places[won.subject]
            yield Relation(where.object, "ledBy", won.object, won.evidence, f"{ctx.meta.language}-elected-leader")


def _governing_phrase(trigger: Token) -> Iterator[tuple[str, Token]]:
    """Yield (preposition, word) when the event's word is the object of a preposition on that word.

    English hangs the object under the preposition ("responsibility -> for
    -> bombings"), Spanish the preposition under the object ("atentado ->
    de", on "responsabilizó").
    """
    if trigger.dep_ in ("pobj", "pcomp") and trigger.head.dep_ == "prep":
        yield trigger.head.lower_, trigger.head.head
    elif trigger.dep_ in ("obl", "nmod", "obj"):
        case = next((c for c in trigger.children if c.dep_ == "case"), None)
        if case is not None:
            yield case.lower_, trigger.head


def _case_marked(token: Token, preps: set[str]) -> bool:
    """Tell whether an object carries a preposition of those given (a parser's "obj" that is a "por" phrase)."""
    return any(c.dep_ == "case" and c.lower_ in preps for c in token.children)
