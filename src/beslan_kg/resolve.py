"""The reduce step: merge every article's local entities into one graph's worth.

One real-world entity becomes one node across articles and languages:
entities the knowledge base knows merge on its key; others merge on kind and
an accent-insensitive, case-folded name (an organisation's only across articles told of
one country; a natural feature's on its own words
and the English noun of the feature: "Cocos plate", "placa de Cocos"); a
surname alone (of one word or more) joins the one full name in the corpus that ends with it,
and a full name without its middle name the one longer name it shortens. Events merge on what identifies them:
their class with the crisis they belong to, or with the entity that anchors
them (the court of a ruling) and their year. Every merge is logged.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from beslan_kg.corpus import SUPPORTED_LANGUAGES
from beslan_kg.kb import (
    ROMAN,
    KBEntry,
    english_place_names,
    fold,
    given_in_english,
    in_english,
    is_acronym,
    load_kb,
    name_words,
    without_middle,
)
from beslan_kg.nlp.rules import derived, load_common_rules, load_rules
from beslan_kg.records import (
    KINDS,
    ArticleExtraction,
    DateStatement,
    Evidence,
    EventRecord,
    KnowledgeGraph,
    LocalEntity,
    Merge,
    ResolvedEntity,
    ResolvedFigure,
    Statement,
    TimeValue,
)

_PRECISION = {"date": 0, "gYearMonth": 1, "gYear": 2}


def resolve(extractions: Iterable[ArticleExtraction], *, kb: Mapping[str, KBEntry] | None = None) -> KnowledgeGraph:
    """Merge the articles' extractions into one :class:`KnowledgeGraph`."""
    extractions = sorted(extractions, key=lambda x: x.article.id)
    kb = kb if kb is not None else load_kb()
    ids: dict[tuple[str, str], str] = {}
    languages = {x.article.id: x.article.language for x in extractions}
    members: dict[str, list[tuple[str, LocalEntity]]] = defaultdict(list)
    reasons: dict[str, set[str]] = defaultdict(set)

    middle = _middle_names(extractions)
    spellings = _spellings(extractions)
    names = {short: spellings.get(full, full) for short, full in _full_names(extractions, middle).items()} | spellings | middle
    acronyms = _acronym_names(extractions, languages)
    owners = _name_owners(extractions, names, kb)
    homes = _home_countries(extractions, kb)
    translated = _translated_names(extractions, languages, names, owners, acronyms, homes, kb) \
        | _translated_people(extractions, languages, names, owners, acronyms, homes)
    for x in extractions:
        # Parts are keyed by their building, so buildings come first.
        for entity in sorted(x.entities, key=lambda e: e.part_of is not None):
            if entity.part_of is not None:
                owner = ids.get((x.article.id, entity.part_of), entity.part_of)
                key, reason = f"{owner}-{entity.part_name}", "part of one building"
            elif (x.article.id, entity.local_id) in translated:
                key, reason = translated[(x.article.id, entity.local_id)], "translated name"
            else:
                key, reason = _entity_key(entity, names, owners, acronyms, languages[x.article.id])
            ids[(x.article.id, entity.local_id)] = key
            members[key].append((x.article.id, entity))
            reasons[key].add(reason)
    _split_by_country(members, ids, reasons, homes)
    required = _required_kinds(extractions)
    entities = {key: _entity(key, group, kb, languages, required) for key, group in members.items()}

    events: dict[str, list[tuple[str, EventRecord]]] = defaultdict(list)
    # Events that stand alone first: a step's key names its parent's, which
    # must be settled (merged across articles) before it is named.
    for x in extractions:
        for event in x.events:
            if not event.super_event:
                ids[(x.article.id, event.local_id)] = _event_key(x.article.id, event, ids)
    _fold_into_known(extractions, ids)
    _fold_same_events(extractions, ids)
    # Each article's entities by key, which tell the articles of one story.
    named = {x.article.id: frozenset(ids[(x.article.id, e.local_id)] for e in x.entities) for x in extractions}
    _fold_same_names(extractions, ids, languages, named)
    _fold_same_day_and_people(extractions, ids)
    _fold_about_the_same_known_event(extractions, ids, kb)
    _fold_one_story(extractions, ids, kb, named)
    for x in extractions:
        for event in _parents_first(x.events):
            if event.super_event:
                ids[(x.article.id, event.local_id)] = _event_key(x.article.id, event, ids)
    _fold_undated(extractions, ids)
    for x in extractions:
        for event in x.events:
            key = ids[(x.article.id, event.local_id)]
            events[key].append((x.article.id, event))
            reasons[key].add("knowledge base" if event.kb_id else "same event")
    for key, group in events.items():
        entities[key] = _event(key, group, kb, ids, languages)


    statements: dict[tuple[str, str, str], list[tuple[Evidence, str]]] = defaultdict(list)
    kinds = load_common_rules().get("relation_kinds", {})
    for x in extractions:
        for rel in x.relations:
            subject = ids.get((x.article.id, rel.subject), rel.subject)
            obj = ids.get((x.article.id, rel.object), rel.object)
            for key in (subject, obj):
                if key not in entities and key in kb:
                    entities[key] = _kb_only(kb[key], x.article.language)
            if subject in entities and obj in entities and subject != obj and _fits(kinds, rel.predicate, entities[subject], entities[obj]):
                statements[(subject, rel.predicate, obj)].append((rel.evidence, rel.rule))

    figures = [
        ResolvedFigure(ids[(x.article.id, f.event)], f.measure, f.quantity, f.evidence, f.unit)
        for x in extractions
        for f in x.figures
        if (x.article.id, f.event) in ids
    ]
    merges = [
        Merge(key, ", ".join(sorted(reasons[key])), tuple(sorted({f"{aid}:{e.local_id}" for aid, e in group})))
        for key, group in list(members.items()) + list(events.items())
        if len({(aid, e.local_id) for aid, e in group}) > 1
    ]
    return KnowledgeGraph(
        articles=tuple(x.article for x in extractions),
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        statements=tuple(
            Statement(s, p, o, _unique_evidence(ev for ev, _ in found), tuple(sorted({r for _, r in found})))
            for (s, p, o), found in sorted(statements.items())
        ),
        dates=tuple(_dates(events, entities)),
        figures=tuple(sorted(figures, key=lambda f: (f.event, f.measure, f.evidence.article_id, f.evidence.start))),
        merges=tuple(sorted(merges, key=lambda m: m.key)),
        attributions=tuple(
            replace(a, source=ids.get((x.article.id, a.source)) if a.source else None)
            for x in extractions
            for a in x.attributions
        ),
    )


def _fits(kinds: Mapping[str, Mapping[str, list[str]]], predicate: str, subject: ResolvedEntity, obj: ResolvedEntity) -> bool:
    """Tell whether a relation links nodes of the kinds its property is for (``relation_kinds``).

    Each article's relations fit its own entities; merging may settle a
    name on another kind than one article gave it ("Washington" a person in
    one article, a place in others), and a relation that no longer fits is
    not stated rather than stated wrong.
    """
    allowed = kinds.get(predicate)
    return allowed is None or (subject.kind in allowed["subject"] and obj.kind in allowed["object"])


def kebab(name: str) -> str:
    """Return ``CourtRuling`` as ``court-ruling``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _full_names(extractions: list[ArticleExtraction], middle: Mapping[str, str]) -> dict[str, str]:
    """Map a folded surname, of one word or more ("Aushev", "López Obrador"), to the folded full name, where only one name ends with it.

    A full name without its middle name counts as the longer one it shortens (``middle``).
    """
    by_surname: dict[str, set[str]] = defaultdict(set)
    for x in extractions:
        for e in x.entities:
            words = fold(e.name).split()
            if e.kind == "Person" and not e.kb_id and len(words) > 1:
                for n in range(1, len(words)):
                    by_surname[" ".join(words[-n:])].add(middle.get(fold(e.name), fold(e.name)))
    return {surname: next(iter(full)) for surname, full in by_surname.items() if len(full) == 1}


def _middle_names(extractions: list[ArticleExtraction]) -> dict[str, str]:
    """Map a person's folded full name to the one longer full name of the corpus it shortens.

    "Derek Chauvin" in one article, "Derek Michael Chauvin" in another
    (:func:`beslan_kg.kb.without_middle`). Two longer names that fit leave
    it apart, as :mod:`beslan_kg.nlp.entities` does in one article.
    """
    # Grouped by first and last word, so that a corpus of many people stays fast.
    by_ends: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x in extractions:
        for e in x.entities:
            words = fold(e.name).split()
            if e.kind == "Person" and not e.kb_id and len(words) > 1:
                by_ends[(words[0], words[-1])].add(" ".join(words))
    found = {}
    for names in by_ends.values():
        for name in names:
            longer = [other for other in names if without_middle(name.split(), other.split())]
            if len(longer) == 1:
                found[name] = longer[0]
    return found


def _spellings(extractions: list[ArticleExtraction]) -> dict[str, str]:
    """Map each folded full name of a person to the one spelling of it the corpus keys it by.

    "Volodymyr Zelensky" and "Volodímir Zelenski", "Mohammed" and
    "Mohamed": the spellings of one name in two transliterations share their
    skeleton (``transliteration`` of the common rules), and all take the
    first of them in alphabetical order. A name of one word is left alone: a
    surname is joined by :func:`_full_names`, never by its spelling.
    """
    rules = [(re.compile(pattern), replacement) for pattern, replacement in load_common_rules().get("transliteration") or ()]
    by_skeleton: dict[str, set[str]] = defaultdict(set)
    for x in extractions:
        for e in x.entities:
            name = fold(e.name)
            if e.kind == "Person" and not e.kb_id and len(name.split()) > 1:
                skeleton = name
                for pattern, replacement in rules:
                    skeleton = pattern.sub(replacement, skeleton)
                by_skeleton[skeleton].add(name)
    return {name: min(names) for names in by_skeleton.values() if len(names) > 1 for name in names if name != min(names)}


def _acronym_names(extractions: list[ArticleExtraction], languages: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """Map (kind, folded name) of organisations named with an acronym to the acronym's key.

    "Instituto Nacional Electoral (INE)" in Spanish and "National Electoral
    Institute (INE)" in English are one node when, in each language, the
    corpus gives that acronym to one name only; so are "International
    Consortium of Investigative Journalists (ICIJ)" and an article that
    writes "el ICIJ" alone.
    """
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    bare: set[str] = set()  # acronyms some article names an entity by, spelled out nowhere in it
    for x in extractions:
        for e in x.entities:
            if not e.kb_id and is_acronym(e.name, 6) and all(m.text == e.name for m in e.mentions):
                bare.add(e.name)
            if e.kb_id or e.kind != "Organization" or is_acronym(e.name, 6):
                continue
            for acronym in {m.text for m in e.mentions if is_acronym(m.text, 6)}:
                names[acronym][languages[x.article.id]].add(fold(e.name))
    found = {}
    for acronym, by_lang in names.items():
        # Spelled out in two languages, or in one and used alone elsewhere (three letters at least):
        # always to one name in each language.
        alone = acronym in bare and sum(c.isalpha() for c in acronym) >= 3
        if (len(by_lang) > 1 or alone) and all(len(n) == 1 for n in by_lang.values()):
            for folded in by_lang.values():
                found[("Organization", next(iter(folded)))] = _slug(acronym)
    return found


def _without_home(name: str, country: KBEntry | None, language: str, of_words: frozenset[str], articles: frozenset[str]) -> str | None:
    """Return a body's folded name without the home country it is said of, or None if it names none.

    In an article about one country, "the Peruvian Armed Forces", "the
    Parliament of Myanmar" and "las Fuerzas Armadas peruanas" are the
    armed forces and the parliament the text names elsewhere without their
    country: the country's demonym before the name or after it, as the
    language places it (``demonym_position`` of its rules), or an of-phrase or a possessive naming the country ("Peru's
    Congress"), goes. Only the article's own country: "the Bolivian Army"
    in an article about Peru keeps its word.
    """
    if country is None:
        return None
    words = fold(name).split()
    names = {tuple(fold(n).split()) for n in country.names(language)}
    adjectives = {fold(n) for n in country.demonyms.get(language, ())}
    possessive = {(*n[:-1], f"{n[-1]}'s") for n in names} | {(*n[:-1], f"{n[-1]}\u2019s") for n in names}
    before = load_rules(language).get("demonym_position") == "before"
    if len(words) > 1 and (words[0] if before else words[-1]) in adjectives:
        return " ".join(words[1:] if before else words[:-1])
    for own in sorted(names | possessive, key=len, reverse=True):
        n = len(own)
        if len(words) > n and tuple(words[:n]) == own:
            return " ".join(words[n:])
        # "... of (the) Peru": the of-word, and an article after it, go with the country.
        rest = words[: len(words) - n]
        if len(rest) > 1 and tuple(words[-n:]) == own:
            while rest and rest[-1] in articles:
                rest = rest[:-1]
            if len(rest) > 1 and rest[-1] in of_words:
                return " ".join(rest[:-1])
    return None


def _translated_names(extractions: list[ArticleExtraction], languages: Mapping[str, str], names, owners, acronyms,
                      homes: Mapping[str, frozenset[str]], kb: Mapping[str, KBEntry]) -> dict[tuple[str, str], str]:
    """Give a Spanish name of an institution or a place the key of the English name it translates, word by word.

    "Congreso" and "Congress", "Colegio Electoral" and "Electoral College"
    (:func:`_in_english`), when the knowledge base knows neither: only
    between articles about one country (each article's one home country,
    :func:`_home_countries`), and
    only where the English name is one entity's of the same kind in those
    articles, never a person's. A body's name that says it is of that
    country matches without its country too (:func:`_without_home`:
    "Peruvian Armed Forces" and "Fuerzas Armadas"). Everything else keeps
    its own key.
    """
    main = {aid: next(iter(found)) if len(found) == 1 else None for aid, found in homes.items()}
    if not any(languages[x.article.id] == "es" and main[x.article.id] for x in extractions):
        return {}
    places = derived(kb, english_place_names)
    english: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    determiners = {fold(w) for w in (load_rules("en").get("anaphora") or {}).get("determiners", ())}
    of_words = {lang: frozenset(fold(w) for w in load_rules(lang).get("of_words", ())) for lang in ("en", "es")}
    articles = {"en": frozenset(determiners), "es": name_words()["articles"]}
    for x in extractions:
        home = main.get(x.article.id)
        if languages[x.article.id] != "en" or home is None:
            continue
        for e in x.entities:
            if not e.kb_id and e.kind in ("Organization", "Place") and e.part_of is None:
                # Articles go, as from the Spanish name translated: "(the) Congress of (the) Republic".
                words = fold(e.name).split()
                name = " ".join(w for i, w in enumerate(words) if not (w in determiners and (i == 0 or words[i - 1] == "of")))
                key = _entity_key(e, names, owners, acronyms, "en")[0]
                bare = _without_home(name, kb.get(home), "en", of_words["en"], articles["en"]) if e.kind == "Organization" else None
                for form in {name, bare} - {None}:
                    english[(home, e.kind, form)].add(key)
    found = {}
    for x in extractions:
        home = main.get(x.article.id)
        if languages[x.article.id] != "es" or home is None:
            continue
        for e in x.entities:
            if e.kb_id or e.kind not in ("Organization", "Place") or e.part_of is not None:
                continue
            bare = _without_home(e.name, kb.get(home), "es", of_words["es"], articles["es"]) if e.kind == "Organization" else None
            spanish = {fold(e.name), bare} - {None}
            keys = {k for form in spanish for name in in_english(form, places) for k in english.get((home, e.kind, name), set())}
            if len(keys) == 1:
                found[(x.article.id, e.local_id)] = next(iter(keys))
    return found


def _translated_people(extractions: list[ArticleExtraction], languages: Mapping[str, str], names, owners, acronyms,
                       homes: Mapping[str, frozenset[str]]) -> dict[tuple[str, str], str]:
    """Give a Spanish person's given name the key of the English name it translates.

    "León XIV" and "Leo XIV", "Carlos III" and "Charles III", "Francisco"
    and "Francis" (:func:`beslan_kg.kb.given_in_english`): only where the
    English name is one person's in the corpus, and for a name without a
    regnal number only between articles about one country, as a given name
    alone is many people's. Any name a person goes by in the article counts
    (their mentions'); a full name with a surname keeps its own key.
    """
    main = {aid: next(iter(found)) if len(found) == 1 else None for aid, found in homes.items()}
    english: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for x in extractions:
        if languages[x.article.id] == "en":
            for e in x.entities:
                if e.kind == "Person" and not e.kb_id and e.part_of is None:
                    person = (_entity_key(e, names, owners, acronyms, "en")[0], main.get(x.article.id))
                    for text in {e.name, *(m.text for m in e.mentions)}:
                        english[fold(text)].add(person)
    if not english:
        return {}
    found = {}
    for x in extractions:
        if languages[x.article.id] != "es":
            continue
        home = main.get(x.article.id)
        for e in x.entities:
            if e.kind != "Person" or e.kb_id or e.part_of is not None:
                continue
            # Any name the person goes by in the article: "León XIV (nacido Robert Francis Prevost)".
            for text in sorted({e.name, *(m.text for m in e.mentions)}):
                words = text.split()
                numbered = len(words) > 1 and ROMAN.fullmatch(words[-1]) is not None
                people = {person for form in given_in_english(text) for person in english.get(form, ())}
                keys = {key for key, _ in people}
                if len(keys) == 1 and (numbered or all(where is not None and where == home for _, where in people)):
                    found[(x.article.id, e.local_id)] = next(iter(keys))
                    break
    return found


def _entity_key(
    entity: LocalEntity,
    full_names: Mapping[str, str],
    owners: Mapping[str, str | None],
    acronyms: Mapping[tuple[str, str], str],
    language: str,
) -> tuple[str, str]:
    if entity.kb_id:
        return entity.kb_id, "knowledge base"
    key, reason = _name_key(entity, full_names, acronyms)
    feature = _feature_key(entity, language) if entity.kind == "Place" else None
    if feature is not None:
        key, reason = feature, "same feature"
    if key in owners and owners[key] != entity.kind:
        # The name is a known entity's of another kind: one IRI, one node, one type.
        key = f"{key}-{entity.kind.lower()}"
    return key, reason


def _name_key(entity: LocalEntity, full_names: Mapping[str, str], acronyms: Mapping[tuple[str, str], str]) -> tuple[str, str]:
    name = fold(entity.name)
    if (entity.kind, name) in acronyms:
        return acronyms[(entity.kind, name)], "acronym"
    if entity.kind == "Person" and name in full_names:
        return _slug(full_names[name]), "surname or spelling"
    return _slug(name), "same name"


def _feature_key(entity: LocalEntity, language: str) -> str | None:
    """Key a natural feature's name by its own words and its English noun.

    "Cocos plate" and "placa de Cocos" are both ``cocos-plate``: the noun
    (``feature_nouns`` of the language's rules) and the of-words around it
    are what the two languages write differently. A name with no noun of
    its text's language is read with the other language's nouns: "Stadium
    Australia" is ``australia-stadium`` in a Spanish text too. The
    adjectives of ``feature_modifiers`` follow the name's own words, in
    English: "Aeropuerto Internacional de Ontario" and "Ontario International
    Airport" are both ``ontario-international-airport``.
    """
    words = fold(entity.name).split()
    for lang in (language, *(other for other in SUPPORTED_LANGUAGES if other != language)):
        features, of_words, modifiers = _feature_nouns(lang)
        nouns = [w for w in words if w in features]
        if not nouns:
            continue
        rest = [w for w in words if w not in features and w not in of_words]
        if len(nouns) != 1 or not rest:
            return None
        ordered = [w for w in rest if w not in modifiers] + [modifiers[w] for w in rest if w in modifiers]
        return f"{_slug(' '.join(ordered))}-{_slug(features[nouns[0]])}"
    return None


@cache
def _feature_nouns(language: str) -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    """Return a language's feature nouns and their adjectives (folded, with their English words), and its of-words (folded)."""
    rules = load_rules(language)
    spec = rules.get("feature_nouns") or {}
    features = {fold(word): spec[word] if isinstance(spec, Mapping) else word for word in spec}
    modifiers = {fold(word): english for word, english in (rules.get("feature_modifiers") or {}).items()}
    return features, frozenset(fold(w) for w in rules.get("of_words", ())), modifiers


def _name_owners(extractions: list[ArticleExtraction], full_names: Mapping[str, str], kb: Mapping[str, KBEntry]) -> dict[str, str | None]:
    """Return the kind of each known entity's or event's key the corpus uses (None when the knowledge base lacks it).

    An unknown entity whose name folds to such a key joins the known one only
    if it is of the same kind (a name the gazetteer missed); otherwise it is
    another node, since one node has one type.
    """
    known: set[str] = set()
    for x in extractions:
        known.update(e.kb_id for e in x.entities if e.kb_id)
        known.update(e.kb_id for e in x.events if e.kb_id)
    return {key: kb[key].kind if key in kb else None for key in known}


def _home_countries(extractions: list[ArticleExtraction], kb: Mapping[str, KBEntry]) -> dict[str, frozenset[str]]:
    """Return each article's home countries: those its linked places are named in most often (ties: all of them).

    A country counts for its own name, any other place for the country it lies in.
    An article that links no place has none.
    """
    homes: dict[str, frozenset[str]] = {}
    for x in extractions:
        counts: dict[str, int] = defaultdict(int)
        for entity in x.entities:
            entry = kb.get(entity.kb_id) if entity.kb_id else None
            if entry is None or entry.kind != "Place":
                continue
            country = entry.key if entry.ontology_class == "Country" else entry.country
            if country:
                counts[country] += len(entity.mentions) or 1
        most = max(counts.values(), default=0)
        homes[x.article.id] = frozenset(c for c, n in counts.items() if n == most and most)
    return homes


def _split_by_country(
    members: dict[str, list[tuple[str, LocalEntity]]],
    ids: dict[tuple[str, str], str],
    reasons: dict[str, set[str]],
    homes: Mapping[str, frozenset[str]],
) -> None:
    """Keep apart organisations the knowledge base does not know that only share a name, told of different countries.

    "Fuerzas Armadas", "the Supreme Court" or "the Ministry of Health" in an
    article on Peru and in one on Bolivia are two bodies: articles join on
    such a name only where their home countries meet. When the articles fall
    into several such groups, each group's node is keyed by its country; an
    article with no home country keeps the bare name.
    """
    for key, group in list(members.items()):
        if any(e.kind != "Organization" or e.kb_id or e.part_of for _, e in group) or len({aid for aid, _ in group}) < 2:
            continue
        # Articles whose home countries meet, joined transitively, in article order.
        clusters: list[tuple[set[str], set[str]]] = []
        for aid in sorted({aid for aid, _ in group if homes.get(aid)}):
            joined = [c for c in clusters if c[1] & homes[aid]]
            merged = ({aid} | {a for c in joined for a in c[0]}, set(homes[aid]) | {k for c in joined for k in c[1]})
            clusters = [c for c in clusters if not any(c is j for j in joined)] + [merged]
        if len(clusters) < 2:
            continue
        del members[key]
        reason = reasons.pop(key)
        for articles, countries in clusters:
            part = f"{key}-{min(countries)}"
            for aid, entity in group:
                if aid in articles:
                    ids[(aid, entity.local_id)] = part
                    members[part].append((aid, entity))
            reasons[part] |= reason
        rest = [(aid, e) for aid, e in group if not homes.get(aid)]
        if rest:
            members[key] = rest
            reasons[key] = set(reason)


def _representative(group: list[tuple[str, LocalEntity]], required: Mapping[tuple[str, str], str]) -> LocalEntity:
    """The member of the kind the articles' relations need it to be, else of the kind most mentions give.

    Unknown names merge on their name whatever the kind the model gave each
    article ("Kavkaz Center" a place here, an organisation there). An article
    that makes it the place of an event says it is a place; otherwise the
    mentions vote (ties: in the order of KINDS), a person's named by one
    word only with half a vote. The node's type must not
    depend on which articles are built together, or in which order.
    """
    needed = {required[(aid, e.local_id)] for aid, e in group if (aid, e.local_id) in required} & {e.kind for _, e in group}
    votes: dict[str, float] = defaultdict(float)
    for _, entity in group:
        # A lone word the model took for a person ("the price of Bitcoin") is its weakest guess:
        # a person of the news is named in full at least once.
        weight = 0.5 if entity.kind == "Person" and len(entity.name.split()) == 1 else 1
        votes[entity.kind] += weight * (len(entity.mentions) or 1)
    kind = next(iter(needed)) if len(needed) == 1 else min(votes, key=lambda k: (-votes[k], KINDS.index(k) if k in KINDS else len(KINDS), k))
    return next(e for _, e in group if e.kind == kind)


def _required_kinds(extractions: list[ArticleExtraction]) -> dict[tuple[str, str], str]:
    """The kind each entity must be for the relations its article states of it (the place of an event is a place)."""
    from beslan_kg.rdf.validate import object_kinds

    needs = {prop: kind for (subject_kind, prop), kind in object_kinds().items() if subject_kind == "Event"}
    return {(x.article.id, rel.object): needs[rel.predicate] for x in extractions for rel in x.relations if rel.predicate in needs}


def _entity(key: str, group: list[tuple[str, LocalEntity]], kb: Mapping[str, KBEntry], languages,
            required: Mapping[tuple[str, str], str]) -> ResolvedEntity:
    first = _representative(group, required)
    entry = kb.get(first.kb_id) if first.kb_id else None
    mentions = _unique_evidence(m for _, e in group for m in e.mentions)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for article_id, entity in group:
        by_lang[languages[article_id]].extend(m.text for m in entity.mentions)
    labels, alts = _labels(by_lang, entry)
    return ResolvedEntity(
        key=key,
        kind=entry.kind if entry else first.kind,
        ontology_class=entry.ontology_class if entry else first.ontology_class,
        labels=labels,
        alt_labels=alts,
        wikidata=entry.wikidata if entry else None,
        mentions=mentions,
    )


def _labels(by_lang: Mapping[str, list[str]], entry: KBEntry | None):
    """Pick a label per language and keep the other proper names as alternatives."""
    labels, alts = [], set()
    for lang in sorted(by_lang):
        # Lower-case mentions are descriptions ("the school"), not names.
        names = [n for n in by_lang[lang] if n[:1].isupper()] or by_lang[lang]
        label = (entry.labels.get(lang) if entry else None) or max(sorted(set(names)), key=len)
        labels.append((lang, label))
        alts.update((lang, n) for n in names if n != label)
    return tuple(labels), tuple(sorted(alts))


def _kb_only(entry: KBEntry, lang: str) -> ResolvedEntity:
    """An entity only implied by the text (a demonym's country), named from the KB."""
    label = entry.labels.get(lang) or next(iter(entry.labels.values()))
    return ResolvedEntity(entry.key, entry.kind, entry.ontology_class, ((lang, label),), (), entry.wikidata, ())


def _parents_first(events: tuple[EventRecord, ...]) -> list[EventRecord]:
    return sorted(events, key=lambda e: (e.super_event is not None, e.local_id))


def _event_key(article_id: str, event: EventRecord, ids) -> str:
    """Key an event by what identifies it, never by its kind alone.

    A known event has its knowledge-base key; a named one, its name; a step
    of a larger event, its class, its parent and its day; an event anchored
    to an entity (the court of a ruling, the visitor of a visit), its class,
    that entity and its year. Any other event is its article's own, until
    :func:`_fold_same_events` finds it told elsewhere with the same class,
    date and place. One article's "criticism" is not another's.
    """
    if event.kb_id:
        return event.kb_id
    parts = [kebab(event.event_class)]
    if event.super_event:
        parts.append("in-" + ids[(article_id, event.super_event)].removeprefix("event/").replace("/", "-"))
        if event.anchor:
            parts.append(ids.get((article_id, event.anchor), event.anchor))
        # Steps are told apart by their day; a step known only to its month
        # (bounded by its parent's length) could be any of them.
        if _dated_to_the_day(event):
            parts.append(event.date.lexical)
        return "event/" + "-".join(parts)
    if event.anchor and event.date is not None:
        # An approximate year ("criticised at the time") still tells the
        # anchor's events of one year apart from those of another.
        return "event/" + "-".join([*parts, ids.get((article_id, event.anchor), event.anchor), event.date.lexical[:4]])
    if event.name:
        return "event/" + _slug(event.name)
    return f"event/{_slug(article_id)}/" + _slug(event.local_id.removeprefix("event-"))


def _fold_same_events(extractions: list[ArticleExtraction], ids) -> None:
    """Give events of different articles one key when they share class, date and a place.

    "An explosion in Amasra on 14 October 2022" told by two articles, in
    either language, is one explosion; without a date, or without a place,
    nothing says two articles tell the same event. A date must be stated,
    not approximate, and equal as written (a day, a month or a year). The
    group keeps a name one of its members has, else it is named by its
    class, shared place and date.
    """
    signatures: dict[tuple[str, str, tuple[str, str] | None], list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for x in extractions:
        located = _locations(x, ids)
        for event in x.events:
            # "terremoto de Chiapas" and "2017 Chiapas earthquake": the place a name holds tells the event too.
            located[event.local_id].update(ids.get((x.article.id, p), p) for p in event.named_after)
            if event.kb_id or event.super_event or event.date is None or event.date.approximate or not located[event.local_id]:
                continue
            for verb in _verbs(event):
                signature = (event.event_class, event.date.lexical, verb)
                signatures[signature].append((x.article.id, event.local_id, frozenset(located[event.local_id])))
    for (event_class, day, verb), members in sorted(signatures.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or ("", ""))):
        for group in _share_a_place(members):
            if len({aid for aid, _, _ in group}) < 2:
                continue
            keys = sorted(ids[(aid, local)] for aid, local, _ in group)
            named = [k for k in keys if "/" not in k.removeprefix("event/")]
            common = frozenset.intersection(*(places for _, _, places in group))
            place = min(common) if common else min(min(places) for _, _, places in group)
            told = f"{_slug(verb[1])}-" if verb else ""
            key = named[0] if named else f"event/{kebab(event_class)}-{told}{place}-{day}"
            for aid, local, _ in group:
                ids[(aid, local)] = key


def _fold_same_names(extractions: list[ArticleExtraction], ids, languages: Mapping[str, str],
                     named: Mapping[str, frozenset[str]]) -> None:
    """Give named events of different articles one key when their names hold the same proper words, in one class and one year.

    "Storm Daniel" and "tormenta Daniel", "the 2017 Puebla earthquake" and
    "terremoto de Puebla de 2017": the capitalised words of the names that
    are not words for events ("Storm", "Terremoto"), nor years, are the same,
    the events are of one class and both are dated to one year. A name of
    event words alone ("the Storm") tells nothing; an undated one only in
    articles of one story (:data:`STORY_SHARED` entities named by both),
    where no other year is told of that name.
    """
    groups: dict[tuple[str, str, frozenset[str]], list[tuple[str, str]]] = defaultdict(list)
    undated: dict[tuple[str, frozenset[str]], list[tuple[str, str, str | None]]] = defaultdict(list)
    for x in extractions:
        own = _event_words(languages[x.article.id])
        for event in x.events:
            if event.kb_id or event.super_event or not event.name:
                continue
            words = frozenset(
                folded for word in re.findall(r"[^\W\d_][\w'’-]*", event.name)
                if word[:1].isupper() and (folded := fold(word)) not in own
            )
            if not words:
                continue
            year = event.date.lexical[:4] if event.date is not None and not event.date.approximate else None
            if year is not None:
                groups[(event.event_class, year, words)].append((x.article.id, event.local_id))
            undated[(event.event_class, words)].append((x.article.id, event.local_id, year))
    _join_keys(ids, ([ids[member] for member in members] for _, members in sorted(groups.items())
                     if len({aid for aid, _ in members}) >= 2))
    # Undated, in articles of one story ("Hurricane Dora" and "el huracán Dora", told of the same
    # fires): the same name and class, at most one year among them.
    pairs = []
    for _, members in sorted(undated.items()):
        if len({year for _, _, year in members} - {None}) > 1 or all(year is not None for _, _, year in members):
            continue
        events = defaultdict(list)
        for aid, local, _ in members:
            events[aid].append(local)
        # As for one story's events (:func:`_fold_one_story`): a name told in many articles costs no more than a few.
        for aid, other in _rarely_sharing(events, named):
            if len(named[aid] & named[other]) >= STORY_SHARED:
                pairs += [[ids[(aid, mine)], ids[(other, theirs)]] for mine in events[aid] for theirs in events[other]]
    _join_keys(ids, pairs)


def _join_keys(ids: dict[tuple[str, str], str], groups: Iterable[list[str]], rank: Callable[[str], Any] = str) -> None:
    """Give every key of each group, and of groups that share a key, the first key by ``rank``.

    Keys are joined first and the ids rewritten once: rewriting them at each
    group costs the corpus's size per group.
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for group in groups:
        roots = {root(key) for key in group}
        if len(roots) > 1:
            keep = min(roots, key=rank)
            for key in roots:
                parent[key] = keep
    if parent:
        for member, found in ids.items():
            ids[member] = root(found)


def _fold_same_day_and_people(extractions: list[ArticleExtraction], ids) -> None:
    """Give events of different articles one key when they are of one class, on one day, told with the same people.

    "The 2021 storming of the United States Capitol … on January 6, 2021"
    and "El asalto al Capitolio … el 6 de enero de 2021", each its article's
    one attack of that day, both told beside Donald Trump and Joe Biden: one
    attack, though one article gives no place. Each event must be its
    article's only one of its class dated to that day (a day, not a month or
    a year); the articles must name at least two of the same people or
    organisations, one of whom takes part in one of the two events (a day's
    news names the same leaders beside different events); events whose
    places are both known and differ stay apart.
    """
    signatures: dict[tuple[str, str], list[tuple[str, str, frozenset[str], frozenset[str], frozenset[str]]]] = defaultdict(list)
    for x in extractions:
        people = frozenset(ids[(x.article.id, e.local_id)] for e in x.entities if e.kind in ("Person", "Organization"))
        located: dict[str, set[str]] = defaultdict(set)
        parties: dict[str, set[str]] = defaultdict(set)
        for rel in x.relations:
            if rel.predicate in ("location", "target"):
                located[rel.subject].add(ids.get((x.article.id, rel.object), rel.object))
            else:
                parties[rel.subject].add(ids.get((x.article.id, rel.object), rel.object))
        days: dict[tuple[str, str], list[EventRecord]] = defaultdict(list)
        for event in x.events:
            if not event.kb_id and not event.super_event and _dated_to_the_day(event) and not event.date.approximate:
                days[(event.event_class, event.date.lexical)].append(event)
        for signature, found in days.items():
            if len(found) == 1:
                event = found[0]
                signatures[signature].append((x.article.id, event.local_id, people, frozenset(located[event.local_id]),
                                              frozenset(parties[event.local_id] & people)))
    pairs = []
    for _, members in sorted(signatures.items()):
        for i, (aid, local, people, places, told) in enumerate(members):
            for other_aid, other_local, other_people, other_places, other_told in members[i + 1 :]:
                shared = people & other_people
                if aid == other_aid or len(shared) < 2 or (places and other_places and not places & other_places):
                    continue
                if not (told | other_told) & shared:
                    continue  # the names they share must take part in one of them, not just be in the news
                pairs.append([ids[(aid, local)], ids[(other_aid, other_local)]])
    # A name's key outlasts an article's own (event/<article>/...), then the smaller.
    _join_keys(ids, pairs, rank=lambda k: ("/" in k.removeprefix("event/"), k))


#: How many entities two articles must both name to tell one story (see :func:`_fold_one_story`).
STORY_SHARED = 3
#: At most how many articles telling events of a class in a year may name an entity that marks a story.
STORY_RARE = 10


def _fold_one_story(extractions: list[ArticleExtraction], ids, kb: Mapping[str, KBEntry], named: Mapping[str, frozenset[str]]) -> None:
    """Give the one event of a class and date that each of two articles of one story tells one key.

    Two articles that name at least :data:`STORY_SHARED` of the same
    entities tell one story ("the 2021 Myanmar coup d'état" and "Golpe de
    Estado en Myanmar de 2021", both naming Myanmar, Aung San Suu Kyi and the
    Tatmadaw). Of the dated events of a class (an action of no class by its
    verb) that are part of no other, two whose dates agree (one holds the
    other: "2020-11" and "2020-11-08") and whose places the knowledge base
    knows do not differ (a town it lacks may lie in the other's place) are
    one event, when they are the only such pair of the two articles
    ("the 1960 election" beside "the November 2020 election" is another).
    An undated event says nothing of which it is. Only articles that share
    a name few others telling events of that class and year name
    (:data:`STORY_RARE`) are compared: the work stays near linear in the
    corpus (about 3 s of processor time for 10,000 articles of 20 names and
    5 dated events each).
    """
    # Events are compared only with those of their class and year (dates that agree share it), so
    # that the articles compared are few, not every pair of the corpus.
    told: dict[tuple[str, Any, str], dict[str, list[tuple[EventRecord, frozenset[str]]]]] = defaultdict(lambda: defaultdict(list))
    for x in extractions:
        located = _locations(x, ids)
        for event in x.events:
            if event.super_event or event.kb_id or event.date is None:
                continue
            for verb in _verbs(event):
                told[(event.event_class, verb, event.date.lexical[:4])][x.article.id].append((event, frozenset(located[event.local_id])))
    pairs = []
    for signature in sorted(told, key=str):
        articles = told[signature]
        # Two articles of one story share a name few of the others name (not only "the United
        # States"): only pairs that share one named in at most STORY_RARE of them are compared,
        # which bounds the work however many articles tell events of a class in a year.
        for aid, other in _rarely_sharing(articles, named):
            if len(named[aid] & named[other]) < STORY_SHARED:
                continue
            # Places the knowledge base knows tell events apart; a town it lacks ("Lahaina") may lie in the other's ("Hawaii").
            agree = [(a, b) for a, places_a in articles[aid] for b, places_b in articles[other]
                     if _dates_agree(a.date.lexical, b.date.lexical)
                     and not ((known_a := places_a & kb.keys()) and (known_b := places_b & kb.keys()) and not known_a & known_b)]
            if len(agree) == 1:
                a, b = agree[0]
                pairs.append([ids[(aid, a.local_id)], ids[(other, b.local_id)]])
    _join_keys(ids, pairs, rank=lambda k: ("/" in k.removeprefix("event/"), k))


def _rarely_sharing(articles: Iterable[str], named: Mapping[str, frozenset[str]]) -> list[tuple[str, str]]:
    """Return the pairs of ``articles`` that share a name at most :data:`STORY_RARE` of them name, in order.

    Names every such article gives ("the United States") mark no story, and
    the pairs stay few however many articles there are.
    """
    named_by = Counter(k for aid in articles for k in named[aid])
    holders: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(articles):
        for key in named[aid]:
            if named_by[key] <= STORY_RARE:
                holders[key].append(aid)
    return sorted({(aid, other) for found in holders.values() for i, aid in enumerate(found) for other in found[i + 1 :]})


def _locations(x: ArticleExtraction, ids) -> dict[str, set[str]]:
    """Return where each event of an article is (its ``location`` relations), by the places' keys."""
    located: dict[str, set[str]] = defaultdict(set)
    for rel in x.relations:
        if rel.predicate == "location":
            located[rel.subject].add(ids.get((x.article.id, rel.object), rel.object))
    return located


def _verbs(event: EventRecord) -> list[tuple[str, str] | None]:
    """Return what tells an event apart within its class: an action of no class is one act only when told by one verb ("deposed", "depuesto")."""
    return (sorted(event.lemmas) or [None]) if event.event_class == "OtherAction" else [None]


def _dates_agree(one: str, other: str) -> bool:
    """Tell whether one lexical date holds the other ("2020-11" and "2020-11-08")."""
    short, long = sorted((one, other), key=len)
    return long == short or long.startswith(f"{short}-")


@cache
def _event_words(language: str) -> frozenset[str]:
    """Return the words of a language's event triggers, folded ("storm", "tormenta", "terremoto")."""
    return frozenset(fold(word) for entry in load_rules(language).get("events", ()) for lemma in entry.get("lemmas", ()) for word in lemma.split())


def _fold_about_the_same_known_event(extractions: list[ArticleExtraction], ids, kb: Mapping[str, KBEntry]) -> None:
    """Give events of different articles one key when they are of one class, about one known event, of one year.

    "Hubo numerosas críticas sobre la gestión de la crisis" and "Putin was
    criticised for his handling of the attack at the time" are one criticism
    of the linked siege. Their years must agree: both state the same one, or
    neither states one ("at the time" states none). A commemoration in 2024
    is not the commemoration an undated article tells of.
    """
    groups: dict[tuple[str, str], list[tuple[str, str, str | None]]] = defaultdict(list)
    for x in extractions:
        about: dict[str, set[str]] = defaultdict(set)
        for rel in x.relations:
            target = ids.get((x.article.id, rel.object), rel.object)
            if rel.predicate == "concerns" and target in kb and kb[target].kind == "Event":
                about[rel.subject].add(target)
        for event in x.events:
            if event.kb_id or event.super_event or event.anchor or event.name or len(about[event.local_id]) != 1:
                continue
            year = event.date.lexical[:4] if event.date is not None and not event.date.approximate else None
            groups[(event.event_class, next(iter(about[event.local_id])))].append((x.article.id, event.local_id, year))
    for (event_class, target), members in sorted(groups.items()):
        for year in sorted({year for _, _, year in members}, key=str):
            group = [m for m in members if m[2] == year]
            if len({aid for aid, _, _ in group}) < 2:
                continue
            key = "-".join(["event/" + kebab(event_class), "about", target] + ([year] if year else []))
            for aid, local, _ in group:
                ids[(aid, local)] = key


def _share_a_place(members: list[tuple[str, str, frozenset[str]]]) -> list[list[tuple[str, str, frozenset[str]]]]:
    """Split events into groups linked by shared places (connected components)."""
    groups: list[list[tuple[str, str, frozenset[str]]]] = []
    for member in members:
        linked = [g for g in groups if any(member[2] & other[2] for other in g)]
        merged = [member] + [m for g in linked for m in g]
        groups = [g for g in groups if g not in linked] + [merged]
    return groups


def _dated_to_the_day(event: EventRecord) -> bool:
    return event.date is not None and event.date.datatype == "date"


def _fold_into_known(extractions: list[ArticleExtraction], ids) -> None:
    """Give an unnamed event the key of the known event with its class, anchor and year.

    One article names "Tagayeva and Others v. Russia", another only says
    "the Strasbourg court ruled in 2017": both are the court's 2017 ruling.
    """
    def signature(article_id: str, event: EventRecord):
        if event.anchor is None or event.date is None:
            return None
        return event.event_class, ids.get((article_id, event.anchor), event.anchor), event.date.lexical[:4]

    known: dict[tuple, set[str]] = defaultdict(set)
    for x in extractions:
        for event in x.events:
            if event.kb_id and (sig := signature(x.article.id, event)):
                known[sig].add(event.kb_id)
    for x in extractions:
        for event in x.events:
            sig = None if event.kb_id else signature(x.article.id, event)
            if sig in known and len(known[sig]) == 1:
                ids[(x.article.id, event.local_id)] = next(iter(known[sig]))


def _fold_undated(extractions: list[ArticleExtraction], ids) -> None:
    """Give an undated sub-event the key of the one dated sub-event of its class and crisis.

    One article dates the assault, another only mentions it: it is one
    assault. With two dated releases, an undated "release" stays apart. A
    step known only to its month counts as undated here.
    """
    dated: dict[tuple, set[str]] = defaultdict(set)
    undated = []
    for x in extractions:
        for event in x.events:
            if event.kb_id or not event.super_event:
                continue
            group = (event.event_class, ids[(x.article.id, event.super_event)], event.anchor and ids.get((x.article.id, event.anchor)))
            if _dated_to_the_day(event):
                dated[group].add(ids[(x.article.id, event.local_id)])
            else:
                undated.append((x.article.id, event.local_id, group))
    for article_id, local_id, group in undated:
        if len(dated.get(group, ())) == 1:
            ids[(article_id, local_id)] = next(iter(dated[group]))


def _event(key: str, group: list[tuple[str, EventRecord]], kb: Mapping[str, KBEntry], ids, languages) -> ResolvedEntity:
    article_id, first = group[0]
    entry = kb.get(first.kb_id) if first.kb_id else None
    by_lang: dict[str, list[str]] = defaultdict(list)
    mentions = _unique_evidence(m for _, e in group for m in e.evidence)
    labels: tuple = ()
    alts: tuple = ()
    if entry is not None:
        for aid, e in group:
            by_lang[languages[aid]].extend(m.text for m in e.evidence if m.text[:1].isupper())
        labels, alts = _labels({lang: names or [entry.labels.get(lang, "")] for lang, names in by_lang.items()}, entry)
    else:
        # A named event is labelled with its name in each language of the
        # corpus: the name an article of that language writes, else the name
        # as another language writes it ("Women's March"@es).
        for aid, e in group:
            if e.name:
                by_lang[languages[aid]].append(e.name)
        labels, alts = _labels(by_lang, None) if by_lang else ((), ())
        if labels:
            fallback = labels[0][1]
            labels = tuple((lang, dict(labels).get(lang, fallback)) for lang in sorted(set(languages.values()) | dict(labels).keys()))
    super_event = ids.get((article_id, first.super_event)) if first.super_event else None
    anchor = ids.get((article_id, first.anchor)) if first.anchor else None
    lemmas = dict(sorted({pair for _, e in group for pair in e.lemmas}))
    return ResolvedEntity(
        key=key,
        kind="Event",
        ontology_class=entry.ontology_class if entry else first.event_class,
        labels=labels,
        alt_labels=alts,
        wikidata=entry.wikidata if entry else None,
        mentions=mentions,
        super_event=super_event,
        anchor=anchor,
        lemmas=tuple(sorted(lemmas.items())),
    )


def _dates(events: Mapping[str, list[tuple[str, EventRecord]]], entities: Mapping[str, ResolvedEntity]):
    """Return each event's start dates, a crisis's end date from its sub-events, and times.

    Articles that give one date back each other up (one statement, two pieces
    of evidence); articles that give different dates are all kept.
    """
    starts: dict[str, dict[tuple[str, str], list]] = defaultdict(dict)
    for key, group in sorted(events.items()):
        for _, event in group:
            if event.date is not None:
                found = starts[key].setdefault((event.date.lexical, event.date.datatype), [event.date, []])
                found[1].append(event.date_evidence)
    # Every article's date stays, with its evidence: "2017" in one article and
    # "2017-04-13" in another are both what the sources say.
    results = [
        DateStatement(key, "startDate", value, _unique_evidence(evidence))
        for key, values in sorted(starts.items())
        for value, evidence in sorted(values.values(), key=lambda v: (v[0].lexical, v[0].datatype))
    ]
    ends: dict[str, DateStatement] = {}
    for key in sorted(starts):
        parent = entities[key].super_event
        if not parent or parent not in starts:
            continue
        start = min(_consistent([v for v, _ in starts[parent].values()]), key=lambda v: v.lexical)
        for value, evidence in starts[key].values():
            if value.datatype == "date" and value.lexical > start.lexical:
                if parent not in ends or value.lexical > ends[parent].value.lexical:
                    ends[parent] = DateStatement(parent, "endDate", value, _unique_evidence(evidence))
    times = []
    for key, group in sorted(events.items()):
        found: dict[tuple[str, str], list] = {}
        for _, event in group:
            if event.time is not None:
                found.setdefault((event.time.lexical, event.time.datatype), [event.time, []])[1].append(event.time_evidence)
        times += [DateStatement(key, "startTime", value, _unique_evidence(ev)) for value, ev in found.values()]
    return results + [ends[k] for k in sorted(ends)] + times


def _consistent(values: list[TimeValue]) -> list[TimeValue]:
    """Drop dates that a more precise date refines ("2004" when "2004-09-01" is known).

    Several precise dates of one event in one year are steps of a story told
    in order, so its start is the earliest; different years stay, because
    then the sources disagree.
    """
    kept: list[TimeValue] = []
    for value in sorted(values, key=lambda v: (_PRECISION.get(v.datatype, 3), v.lexical)):
        if not any(k.lexical.startswith(value.lexical) for k in kept):
            kept.append(value)
    earliest: dict[str, TimeValue] = {}
    for value in kept:
        earliest.setdefault(value.lexical[:4], value)
    return sorted(earliest.values(), key=lambda v: v.lexical)


def _unique_evidence(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(sorted(set(items), key=lambda e: (e.article_id, e.start, e.end)))
