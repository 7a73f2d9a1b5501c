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

from beslan_kg.nlp.context import ArticleContext, introduced_by, is_relative_pronoun, prepositional
from beslan_kg.nlp.normalise import lexicon
from beslan_kg.rdf.ontology import class_ancestors
from beslan_kg.records import EventRecord, Figure, Quantity

_FOLLOWING = 3
_ANCESTORS = 4
# The dependencies of a passive verb's "by" phrase (ClearNLP, Universal Dependencies).
_AGENT_DEPS = frozenset({"agent", "obl:agent"})


def extract_figures(ctx: ArticleContext, event: str | None, events: Iterable[EventRecord] = ()) -> list[Figure]:
    """Return the figures the article states about its events.

    A figure belongs to the event of its own clause: the event word the
    number's words hang on, or that is the subject or agent of the verb
    they hang on ("the earthquake killed 370 people", "370 people were
    killed by the earthquake", "the 1985 earthquake, which killed 10,000").
    A figure whose measure belongs to a kind of sub-event (people released,
    to a release) goes to that sub-event when its sentence reports one.
    Otherwise it goes to the one main event its sentence tells, to the
    article's main event ``event``, or to the one event its sentence tells.
    """
    events = list(events)
    measure_events = ctx.rules.get("measure_events", {})
    by_sentence = {(ev.sentence_start, e.event_class): e.local_id for e in events for ev in e.evidence}
    # Without a main event, a figure can still belong to the one event its sentence reports.
    in_sentence: dict[int, set[str]] = {}
    for e in events:
        for ev in e.evidence:
            in_sentence.setdefault(ev.sentence_start, set()).add(e.local_id)
    if event is None and not events:
        return []
    # A figure given in a sentence that tells one main event is that event's,
    # even when the article is about another ("la toma de la escuela de
    # Beslán, en la que murieron 334 personas").
    main_event_classes = set(ctx.rules.get("main_event_classes", ()))
    main_ids = {e.local_id for e in events if e.event_class in main_event_classes}
    class_of = {e.local_id: e.event_class for e in events}
    event_of_token = _event_tokens(ctx, events)
    cues = {m: {c.lower() for c in words} for m, words in ctx.rules.get("measures", {}).items()}
    subgroups = ctx.rules.get("subgroups", {})
    outcomes = set(ctx.rules.get("outcome_measures", ()))
    partitive_words = {phrase[0] for phrase in lexicon(ctx.meta.language).partitives}
    uncounted = {w.lower() for w in ctx.rules.get("uncounted_nouns", ())}
    markers = {w.lower() for w in ctx.rules.get("alias_markers", ())}
    parts = {w.lower() for w in ctx.rules.get("part_markers", ())}
    idioms = {
        (verb.lower(), obj.lower()): measure
        for measure, pairs in (ctx.rules.get("measure_idioms") or {}).items()
        for verb, objects in pairs.items()
        for obj in objects
    }
    figures: list[Figure] = []
    for found in ctx.temporal:
        if found.kind == "duration":
            figure = _duration(ctx, found, event, event_of_token)
            if figure is not None:
                figures.append(figure)
            continue
        if found.kind != "quantity":
            continue
        span = ctx.doc.char_span(found.start_char, found.end_char, alignment_mode="expand")
        if span is None or _in_name(ctx, span):
            continue
        counted = _counted(span, partitive_words)
        if not span.start <= counted.i < span.end and counted.lemma_.lower() in uncounted:
            # "affected more than 200,000 computers across 150 countries": no measure counts them.
            continue
        currency = _currency(ctx, span, counted)
        measure = "Money" if currency else _measure(span, counted, cues, outcomes, markers, idioms)
        own = _clause_event(ctx, span, counted, event_of_token)
        if currency and own is None and not _costs_of_event(ctx, span, counted):
            # Amounts in the news are of many things (damages, budgets,
            # bounties): one is an event's only when its own clause tells it,
            # or when it is what the event cost ("the damage was estimated at
            # $16.5 billion").
            continue
        if measure is None and own is not None and own[1]:
            # "a group of five men raped a young woman": those who did it.
            measure = _agent_measure(ctx, class_of[own[0]])
        if measure is None and _elliptical(counted):
            # "all 13 cars derailing and four overturning": the count of a joined clause, its noun left out, is of the same measure.
            parent = _parent(figures, span)
            measure = parent.measure if parent is not None else None
        subgroup = _subgroup(counted, subgroups)
        if subgroup is None and _part_of_count(counted, span, parts) and not any(counted.lemma_.lower() in w or counted.lower_ in w for w in cues.values()):
            # "dejó 12 muertos, entre ellos nueve policías": a part of the count before, no figure of its own.
            continue
        if subgroup is not None:
            parent = _parent(figures, span)
            base = measure or (parent.measure if parent is not None else None)
            measure = subgroup.get("measures", {}).get(base, base) if base else None
        seat_word = counted.lemma_.lower() in set(ctx.rules.get("seat_words", ()))
        seats = measure is None and seat_word
        if measure is None and not seats:
            continue
        evidence = ctx.evidence(found.start_char, found.end_char)
        here = in_sentence.get(evidence.sentence_start, set())
        mains = here & main_ids
        # "The blast occurred following a fire … and left 135 dead": a main event the sentence tells only
        # before or after the clause's event, or as its cause, is not the one that event is a step of.
        aside = {m for m in mains if _only_aside(ctx, span.sent, m, event_of_token)} if own is not None and own[0] not in mains else set()
        mains -= aside
        if own is not None and (own[0] in main_ids or own[2] or (aside and not mains)):
            # A main event's clause names whose toll it is ("the 1985
            # earthquake, which killed 10,000"); so does a step the count
            # is said of ("the collapse of 40 buildings", "40 were killed in
            # the fighting"). A step that did the killing ("explosions
            # killed 20" in a siege) is told as its main event's toll.
            fallback = own[0]
        elif len(mains) == 1:
            fallback = next(iter(mains))
        elif not here and event is not None and measure not in measure_events:
            # A measure with a step of its own (people released) is that
            # step's only where its sentence tells it (``measure_events``);
            # without a main event, a sentence that tells none gives none.
            fallback = _told_before(ctx, events, evidence.start, main_event_classes) or event
        else:
            fallback = event if event is not None else (next(iter(here)) if len(here) == 1 else None)
        target = by_sentence.get((evidence.sentence_start, measure_events.get(measure))) or _only_step(
            events, measure_events.get(measure), fallback
        ) or fallback
        if target is None:
            continue
        measure = "Seats" if seats else _measure_for(ctx, measure, class_of.get(target))
        if not _in_family(ctx, measure, class_of.get(target, "")):
            if not (seat_word and _in_family(ctx, "Seats", class_of.get(target, ""))):
                continue  # votes in a court, cases in a trial
            measure = "Seats"  # "3,400 positions" states "hold" elections for
        quantity = _qualified_past_sign(ctx, span, found.value) if currency else found.value
        figures.append(Figure(target, measure, quantity, evidence, unit=currency))
    return figures


def _only_aside(ctx: ArticleContext, sentence: Span, event: str, event_of_token: Mapping[int, str]) -> bool:
    """Tell whether every word of ``event`` in the sentence follows a word of sequence or cause ("following a fire", "tras el incendio")."""
    preps = [*ctx.rules.get("sequence_preps", ()), *ctx.rules.get("cause_preps", ())]
    words = [t for t in sentence if event_of_token.get(t.i) == event]
    return bool(words) and all(introduced_by(t, preps) for t in words)


def _in_name(ctx: ArticleContext, span: Span) -> bool:
    """Tell whether a number is part of a name ("Creative Commons 3.0 Unported", "School No. 1"), which counts nothing."""
    return all(t.i in ctx.entity_of_token or (t.dep_ in ("flat", "flat:name") and t.head.pos_ == "PROPN") for t in span)


def _qualified_past_sign(ctx: ArticleContext, span: Span, quantity: Quantity) -> Quantity:
    """Read the qualifier written before an amount's currency sign: "over $150 million" is more than 150 million.

    The number's own reading stops at the sign, so it reads "150 million" as exact.
    """
    doc = span.doc
    sign = span.start - 1
    if quantity.qualifier != "exact" or sign < 0 or not doc[sign].is_currency:
        return quantity
    for phrase, qualifier in lexicon(ctx.meta.language).qualifiers.items():
        start = sign - len(phrase)
        if start >= 0 and tuple(t.lower_ for t in doc[start:sign]) == phrase:
            return Quantity(quantity.value, qualifier, quantity.text, quantity.upper)
    return quantity


def _costs_of_event(ctx: ArticleContext, span: Span, counted: Token) -> bool:
    """Tell whether an amount is what its subject says an event cost, or a cost it stands beside.

    "the total damage was estimated at $16.5 billion"; "one-quarter of the
    damage, $4 billion, was not insured": in apposition to a cost noun, or
    to a word its "of" phrase narrows to one.
    """
    argument = counted if not span.start <= counted.i < span.end else span[-1]
    costs = {w.lower() for w in ctx.rules.get("cost_nouns", ())}
    words = _subject_words(argument)[:1]
    if argument.dep_ == "appos" and argument.head.i < argument.i:
        head = argument.head
        words = [head] + [obj for child in head.children for _, obj in prepositional(child)]
    return any(word.lemma_.lower() in costs or word.lower_ in costs for word in words)


def _in_family(ctx: ArticleContext, measure: str, event_class: str) -> bool:
    """Tell whether events of a class have a measure (``measure_families``)."""
    families = (ctx.rules.get("measure_families") or {}).get(measure)
    return not families or not event_class or bool(set(families) & class_ancestors().get(event_class, set()))


def _only_step(events: list[EventRecord], event_class: str | None, main: str | None) -> str | None:
    """Return the one step of a class the main event has ("58 miners were saved", told apart from the rescue operations)."""
    if event_class is None or main is None:
        return None
    steps = [e.local_id for e in events if e.event_class == event_class and e.super_event == main]
    return steps[0] if len(steps) == 1 else None


def _event_tokens(ctx: ArticleContext, events: list[EventRecord]) -> dict[int, str]:
    """Map each token of an event's words to the event."""
    found: dict[int, str] = {}
    for e in events:
        for ev in e.evidence:
            words = ctx.doc.char_span(ev.start, ev.end, alignment_mode="expand")
            for token in words if words is not None else ():
                found.setdefault(token.i, e.local_id)
    return found


def _clause_event(ctx: ArticleContext, span: Span, counted: Token, event_of_token: Mapping[int, str]) -> tuple[str, bool, bool] | None:
    """Return the event of a number's own clause, whether the counted are those who did it, and whether it is said of them.

    Climbs from the counted noun to the verbs above it: an event word on
    the way, or the subject or "by"-agent of a verb on the way, is the
    clause's event. The count is said of the event when the counted hang on
    its word ("the collapse of 40 buildings", "five men raped") or when the
    counted are the subject of a verb that happened in it ("40 were killed
    in the fighting"); not when the event is the subject of the verb they
    hang on ("explosions killed 20"), which tells whose doing a toll was.
    Returns ``(event, counted_is_agent, said_of)``.
    """
    agent_preps = set(ctx.rules.get("agent_preps", ()))
    within = set(ctx.rules.get("location_preps", ())) | set(ctx.rules.get("within_preps", ()))
    token = counted
    # Once the climb has passed a verb, an event word above it did what the verb tells ("an explosion that killed 41").
    through_verb = False
    for _ in range(_ANCESTORS + 2):
        if token.i in event_of_token and not span.start <= token.i < span.end:
            return event_of_token[token.i], False, not through_verb
        if token.pos_ in ("VERB", "AUX") and counted.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj") and counted.head.i == token.i:
            # "3 million people participated in the marches", "370 died in the
            # earthquake", "investors lost $8 billion in the collapse": the
            # event the counted subject's (or object's) verb happened in.
            inside = [obj for child in token.children for prep, obj in prepositional(child) if prep in within and obj.i in event_of_token]
            if inside:
                return event_of_token[inside[0].i], False, True
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                candidates = [child] if child.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "csubj") else []
                candidates += [obj for prep, obj in prepositional(child) if prep in agent_preps]
                if candidates[:1] == [child] and child.i < token.i and is_relative_pronoun(child) and token.dep_ not in ("relcl", "acl:relcl"):
                    # "surpassing the crash of a plane in 1982, which killed 73", its clause hung on
                    # the verb by the parser: the pronoun stands for the event just named before it.
                    antecedent = _antecedent_event(child, event_of_token)
                    if antecedent is not None:
                        return antecedent, False, True
                for candidate in candidates:
                    found = next((event_of_token[t.i] for t in candidate.subtree if t.i in event_of_token), None)
                    if found is not None and not any(t.i == counted.i for t in candidate.subtree):
                        return found, False, False
            if token.i in event_of_token:
                # The counted are the subject of the event verb: "five men raped".
                subject = next((c for c in token.children if c.dep_ in ("nsubj",)), None)
                return event_of_token[token.i], subject is not None and counted in subject.subtree, True
        if token.head.i == token.i:
            break
        if token.dep_ in ("nsubj",) and token.head.i in event_of_token:
            return event_of_token[token.head.i], True, True
        through_verb = through_verb or token.pos_ in ("VERB", "AUX")
        token = token.head
    return None


def _antecedent_event(pronoun: Token, event_of_token: Mapping[int, str]) -> str | None:
    """Return the event a relative pronoun stands for: the last event word before it, with no finite verb between."""
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if token.i in event_of_token:
            return event_of_token[token.i]
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return None
    return None


def _told_before(ctx: ArticleContext, events: list[EventRecord], offset: int, main_classes: set[str]) -> str | None:
    """Return the event the paragraph a figure is in was telling before it, for a sentence that tells none.

    "Un paso elevado se desplomó. El paso elevado y los dos vagones cayeron
    sobre la avenida, ocasionando la muerte de 27 personas": the count is
    of the event told last before it in its paragraph, or of the event that
    one is a step of ("La primera explosión sacudió la estación. Más de 70
    resultaron heridas": the bombings' toll). Only an event that can have
    a count of its own is told so: one of the main classes, or of the
    families ``toll_families`` names ("A gunman attacked a mosque. He was
    arrested. 15 survivors were taken to hospital": the arrest has none).
    None when the paragraph has told no such event yet.
    """
    paragraph = ctx.text.rfind("\n", 0, offset) + 1
    told = [(ev.start, e) for e in events for ev in e.evidence if paragraph <= ev.start < offset]
    if not told:
        return None
    last = max(told, key=lambda pair: pair[0])[1]
    classes = {e.local_id: e.event_class for e in events}
    story = last.super_event or last.local_id
    event_class = classes.get(story, last.event_class)
    families = set(ctx.rules.get("toll_families", ()))
    if event_class in main_classes or families & class_ancestors().get(event_class, {event_class}):
        return story
    return None


def _agent_measure(ctx: ArticleContext, event_class: str) -> str | None:
    """Return the measure of a count of those who did an event of a class (``agent_measures``)."""
    ancestors = class_ancestors().get(event_class, {event_class})
    return next((m for family, m in (ctx.rules.get("agent_measures") or {}).items() if family in ancestors), None)


def _measure_for(ctx: ArticleContext, measure: str, event_class: str | None) -> str:
    """Return what a measure counts in an event of a class (``measure_in_events``): people rescued from a hostage-taking are released."""
    if event_class is None:
        return measure
    ancestors = class_ancestors().get(event_class, {event_class})
    by_class = (ctx.rules.get("measure_in_events") or {}).get(measure) or {}
    return next((m for family, m in by_class.items() if family in ancestors), measure)


def _currency(ctx: ArticleContext, span: Span, counted: Token) -> str | None:
    """Return the ISO 4217 code of the currency an amount is in: the word it counts, or the sign or word beside it.

    "$2.8 billion", "500 million euros", "8 000 millones de dólares".
    """
    currencies = {w.lower(): code for w, code in (ctx.rules.get("currencies") or {}).items()}
    doc = span.doc
    words = [counted] if not span.start <= counted.i < span.end else []
    words += [t for t in doc[max(span.start - 1, 0) : span.start]]
    words += list(doc[span.end : min(span.end + 3, len(doc))])
    for token in words:
        for form in (token.lower_, token.lemma_.lower(), token.text):
            if form in currencies:
                return currencies[form]
        if token.is_sent_start and token.i >= span.end:
            break
    return None


def _counted(span: Span, partitive_words: set[str] = frozenset()) -> Token:
    """Return the noun a number counts (or the number itself when none).

    A partitive's noun is what a number standing alone counts: "two of the
    attackers died" counts attackers, whose fate the verb then tells.
    """
    number = span[-1]
    head = number.head
    if number.dep_ in ("nummod", "quantmod") or (number.dep_ == "conj" and head.pos_ == "NOUN"):
        return head if number.dep_ != "conj" else number
    for child in number.children if number.pos_ == "NUM" else ():
        for prep, obj in prepositional(child):
            if prep in partitive_words and obj.i > number.i and obj.pos_ == "NOUN":
                return obj
    return number


def _measure(
    span: Span,
    counted: Token,
    cues: Mapping[str, set[str]],
    outcomes: set[str],
    markers: set[str] = frozenset(),
    idioms: Mapping[tuple[str, str], str] | None = None,
) -> str | None:
    """Read the measure from the counted noun and from the words around the number.

    What happened to the people counted (died, were wounded, were freed)
    outranks who they were: "130 hostages died" counts deaths. A verb that
    says what the counted were found or reported to be tells it by its
    complement ("11 others were reported as missing", "five were found dead").
    """

    def lookup(token: Token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        return next((m for m, words in cues.items() if lemma in words or lower in words), None)

    noun = lookup(counted) if not span.start <= counted.i < span.end else None
    context = None
    doc = span.doc
    for token in doc[span.end : min(len(doc), span.end + _FOLLOWING + 1)]:
        # "killing 42 people and injuring 27": the words after "and" count the 27.
        if token.is_punct or token.is_sent_start or token.pos_ in ("CCONJ", "SCONJ"):
            break
        if token.i != counted.i:
            context = context or lookup(token)
    token = counted
    for _ in range(_ANCESTORS):
        if context is not None or token.head.i == token.i or token.dep_ in _AGENT_DEPS:
            # "freed by fourteen tugs", "killed by three gunmen": who did it, not whom it befell.
            break
        if token.dep_ == "conj" and (token.pos_ in ("VERB", "AUX") or noun is not None):
            # "22 people had died and 28 people crawled out": a verb joined to
            # another tells its own people's fate; so does a measure's noun
            # joined to another ("dejó 300 muertos y 1.000 heridos").
            break
        token = token.head
        context = lookup(token) or _complement_measure(token, lookup, markers, idioms or {})
    if context in outcomes:
        return context
    if noun is None and context is None and span.start <= counted.i < span.end:
        context = _subject_measure(counted, lookup)
    return noun or context


def _complement_measure(verb: Token, lookup, markers: set[str], idioms: Mapping[tuple[str, str], str]) -> str | None:
    """Read the measure a verb's complement gives: "reported as missing" (an "as" phrase, ``alias_markers``), "found dead".

    A verb and its object may say it together (``measure_idioms``): "lost
    their lives", "perdieron la vida" count deaths.
    """
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and (verb.lemma_.lower(), child.lemma_.lower()) in idioms:
            return idioms[(verb.lemma_.lower(), child.lemma_.lower())]
        words = [child] if child.dep_ in ("oprd", "acomp") else []
        if child.lower_ in markers:
            words += [obj for _, obj in prepositional(child)]
        found = next((m for m in map(lookup, words) if m is not None), None)
        if found is not None:
            return found
    return None


def _subject_measure(number: Token, lookup) -> str | None:
    """Read the measure of a bare number from the subject of its verb.

    "the death toll rose to 78", "the number of deaths had reached 78", "la
    cifra de muertos ascendió a 78": the number is what the subject counts,
    named by the subject's noun or by the words that narrow it.
    """
    return next((m for m in map(lookup, _subject_words(number)) if m is not None), None)


def _subject_words(argument: Token) -> list[Token]:
    """Return the subject of the verb a number is the object of, then the words that narrow that subject.

    The number is the verb's object, or the object of its preposition ("rose
    to 78", "ascendió a 78", "was estimated at $16.5 billion"). Empty when
    the number is no verb's argument.
    """
    verb = argument.head
    if argument.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif argument.dep_ not in ("dobj", "obj", "attr", "obl"):
        return []
    if verb.pos_ not in ("VERB", "AUX") or verb.i == argument.i:
        return []
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
    if subject is None or subject.like_num:
        return []
    words = [subject] + [c for c in subject.children if c.dep_ in ("compound", "amod")]
    return words + [obj for child in subject.children for _, obj in prepositional(child)]


def _part_of_count(counted: Token, span: Span, parts: set[str]) -> bool:
    """Tell whether a count is listed as part of another: "killed 12, including nine police officers", "12 muertos, entre ellos nueve policías".

    The counted noun is the object of a word of ``part_markers`` ("including",
    "incluidos"), or a phrase of one ("entre ellos") hangs on it.
    """
    if span.start <= counted.i < span.end:
        return False
    head = counted.head
    if counted.dep_ in ("pobj", "obj") and head.lemma_.lower() in parts:
        return True
    return any(
        c.lemma_.lower() in parts or any(k.dep_ == "case" and k.lower_ in parts for k in c.children)
        for c in counted.children
        if c.i < counted.i and c.dep_ in ("prep", "nmod", "acl", "advcl")
    )


def _elliptical(counted: Token) -> bool:
    """Tell whether a number counts no word of its own in a clause joined to another: "13 cars derailing and four overturning"."""
    return counted.pos_ not in ("NOUN", "PROPN", "NUM") and counted.dep_ == "conj"


def _subgroup(counted: Token, subgroups: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Return the subgroup a count is of: the noun it counts, or for a bare number the noun said of it ("186 of them children")."""
    words = [counted] + ([c for c in counted.children if c.pos_ in ("NOUN", "ADJ") and c.i > counted.i] if counted.like_num else [])
    lemmas = {w.lemma_.lower() for w in words}
    return next((spec for spec in subgroups.values() if lemmas & set(spec.get("nouns", ()))), None)


def _parent(figures: list[Figure], span: Span) -> Figure | None:
    """Return the figure a subgroup count belongs to: the last one earlier in its sentence."""
    sentence = span.sent
    earlier = [f for f in figures if sentence.start_char <= f.evidence.start < span.start_char]
    return earlier[-1] if earlier else None


# Duration measures by the unit the text counts in; weeks are counted in days.
_DURATIONS = {"hours": ("DurationHours", 1), "days": ("DurationDays", 1), "weeks": ("DurationDays", 7)}


def _duration(ctx: ArticleContext, found, event: str | None, event_of_token: Mapping[int, str]) -> Figure | None:
    """Return how long an event lasted, in the unit the text gives, when a verb of lasting governs it.

    "a siege that lasted for some 50 hours" is 50 hours; "trapped for 17 days"
    17 days. It is the duration of the event the verb's subject names ("los
    combates se prolongaron durante más de 24 horas": the fighting's), else
    of the article's main event ``event``.
    """
    measure, factor = _DURATIONS.get(found.unit or "", (None, 0))
    span = ctx.doc.char_span(found.start_char, found.end_char, alignment_mode="expand")
    if measure is None or span is None or event is None:
        return None
    lasting = {w.lower() for w in ctx.rules.get("lasting", ())}
    token = span.root
    for _ in range(_ANCESTORS):
        token = token.head
        if token.lemma_.lower() in lasting:
            q = found.value
            scaled = Quantity(q.value * factor, q.qualifier, q.text, q.upper * factor if q.upper else None)
            return Figure(_what_lasted(token, event_of_token) or event, measure, scaled, ctx.evidence(found.start_char, found.end_char))
        if token.head.i == token.i:
            break
    return None


def _what_lasted(verb: Token, event_of_token: Mapping[int, str]) -> str | None:
    """Return the event a verb of lasting is said of: its subject's, or the event word its relative clause hangs on ("a siege that lasted")."""
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")):
        found = next((event_of_token[t.i] for t in subject.subtree if t.i in event_of_token), None)
        if found is not None:
            return found
    if verb.dep_ in ("relcl", "acl", "acl:relcl") and verb.head.i in event_of_token:
        return event_of_token[verb.head.i]
    return None
