"""Turn the Doc's entities into the article's local entities.

Mentions of one thing are grouped: by knowledge-base key when the gazetteer
knew the name, otherwise by their folded text; a name the model could not
type joins its one typed namesake; a person's surname alone joins the
person's full name ("Putin" -> "Vladimir Putin"); and a definite noun phrase
such as "the school" joins the last entity of its class the article named
before it ("el país", the one country the article's known places lie in).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from beslan_kg.kb import KBEntry, fold, given_name_words, load_kb, slug, spells, without_middle
from beslan_kg.nlp.context import ArticleContext, is_plural, outranks
from beslan_kg.nlp.filters import CUED_KEY, MODEL_LABELS_KEY, PARTIES_KEY, PRODUCTS_KEY
from beslan_kg.nlp.gazetteer import INNER_KEY
from beslan_kg.nlp.linker import is_acronym, name_index, serves
from beslan_kg.nlp.rules import derived
from beslan_kg.rdf.ontology import class_ancestors
from beslan_kg.records import LocalEntity, Relation


@dataclass(frozen=True)
class _Mention:
    key: str
    kind: str
    ontology_class: str
    kb_id: str | None
    start_token: int
    end_token: int
    start: int
    end: int
    text: str


def collect_entities(ctx: ArticleContext) -> list[LocalEntity]:
    """Group the Doc's entity mentions into local entities and index them in ``ctx``.

    Events the gazetteer knows are left to :mod:`beslan_kg.nlp.events`.
    """
    parties = _case_parties(ctx)
    mentions = [m for m in _named_mentions(ctx) if m.kind != "Event"] + parties
    works = frozenset(fold(w) for w in ctx.rules.get("feature_nouns") or ())
    particles = frozenset(fold(w) for w in ctx.rules.get("name_particles") or ())
    suffixes = frozenset(fold(w) for w in ctx.rules.get("name_suffixes") or ())
    cued = frozenset((s.start, s.end) for s in ctx.doc.spans.get(CUED_KEY, []))
    products = frozenset((s.start, s.end) for s in ctx.doc.spans.get(PRODUCTS_KEY, []))
    # "Norte", "State": a longer place's name these words make of a short one is another place ("Kivu Norte").
    regions = frozenset(fold(w) for w in ctx.rules.get("not_names") or ())
    linking = frozenset(fold(w) for w in (*(ctx.rules.get("of_words") or ()), *((ctx.rules.get("anaphora") or {}).get("determiners") or ())))
    # Given names inside a full name are middle names, never the name the person goes by ("Robert Francis Prevost").
    mentions = _join_acronyms(ctx, _join_short_names(_join_full_names(_join_namesakes(mentions, products, cued)), works, particles | given_name_words(),
                                                     _located(ctx, mentions), cued, suffixes, regions, linking, products))
    mentions = _join_birth_names(ctx, mentions)
    mentions = [m for m in mentions if not _is_description(ctx, m)]
    mentions += list(_anaphora(ctx, mentions))
    inner = list(_inner_places(ctx))
    groups: dict[str, list[_Mention]] = defaultdict(list)
    for mention in sorted(mentions + inner, key=lambda m: m.start):
        groups[mention.key].append(mention)
    entities = []
    kb = load_kb()
    inner_set = set(inner)  # looked up for every mention
    party_set = set(parties)
    for key, group in groups.items():
        first = group[0]
        named = [m for m in group if m.text[:1].isupper()] or group
        name = kb[first.kb_id].labels.get(ctx.meta.language) if first.kb_id else None
        if name is None and first.kind == "Place":
            name = _feature_name(ctx, group, max(named, key=lambda m: (len(m.text), -m.start)).text)
        entity = LocalEntity(
            local_id=key,
            kind=first.kind,
            ontology_class=first.ontology_class,
            name=name or max(named, key=lambda m: (len(m.text), -m.start)).text,
            kb_id=first.kb_id,
            mentions=tuple(ctx.evidence(m.start, m.end) for m in group),
        )
        entities.append(entity)
        ctx.class_of[key] = entity.ontology_class
        ctx.kind_of[key] = entity.kind
        for mention in group:
            if mention in party_set:
                # The words still stand for the case whose name holds them.
                ctx.party_of_token.update((i, key) for i in range(mention.start_token, mention.end_token))
                continue
            if mention in inner_set:
                # The words still stand for the name around them.
                continue
            for i in range(mention.start_token, mention.end_token):
                ctx.entity_of_token[i] = key
    _index_inner_places(ctx)
    return sorted(entities, key=lambda e: e.mentions[0].start)


def _index_inner_places(ctx: ArticleContext) -> None:
    """Give the known places named inside an event's name their kind and class in ``ctx``.

    "el terremoto de Chiapas" mentions no place, but the event is named
    after one: the events step reads the name's places by their kind. A
    place inside an entity's name ("North Caucasus") is left to that entity.
    """
    kb = load_kb()
    for span in ctx.doc.spans.get(INNER_KEY, []):
        entry = kb.get(span.id_)
        if any(i in ctx.entity_of_token for i in range(span.start, span.end)):
            continue
        if span.label_ == "Place" and entry is not None and entry.kind == "Place":
            ctx.kind_of.setdefault(entry.key, "Place")
            ctx.class_of.setdefault(entry.key, entry.ontology_class)


def _feature_name(ctx: ArticleContext, group: list[_Mention], name: str) -> str | None:
    """Return the name of the natural feature a place's name stands for, when its noun stands apart.

    "las placas de Cocos y la Norteamericana", "the Rivera and Caribbean
    plates": a plural feature noun is shared by the names, so none of them
    holds it; "Cocos" is the "placa de Cocos" (the ``feature_name`` pattern
    of the language), which is what merges it with "the Cocos plate".
    """
    features = {fold(w) for w in ctx.rules.get("feature_nouns") or ()}
    pattern = ctx.rules.get("feature_name")
    of_words = {fold(w) for w in ctx.rules.get("of_words", ())}
    if not pattern or features.intersection(_words(name)):
        return None
    for m in group:
        token = ctx.doc[m.start_token : m.end_token].root
        head = token.head
        if head.i == token.i or head.pos_ != "NOUN" or not head.text[:1].islower() or fold(head.lemma_ or head.text) not in features:
            continue
        # "de Cocos" after the noun, or "Rivera" before it: not a conjunct's adjective ("la Norteamericana").
        of = any(c.dep_ == "case" and fold(c.text) in of_words for c in token.children) and head.i < token.i
        if of or (token.dep_ == "compound" and token.i < head.i):
            return pattern.format(name=name, feature=(head.lemma_ or head.text).lower())
    return None


def _inner_places(ctx: ArticleContext) -> list[_Mention]:
    """Return the known places named inside the name of a smaller place, an event, a body or a document.

    "la toma de la escuela de Beslán" mentions the school and Beslan,
    "Escuela Nº1 de Beslán" mentions Beslan, and "the District Court of
    Minnesota" or "Gobierno de España" mention the place the body serves;
    "Consejo de Seguridad de las Naciones Unidas" the organisation the
    body is of (:func:`_body_of`).
    """
    kb = load_kb()
    outer_of = {i: ent for ent in ctx.doc.ents for i in range(ent.start, ent.end)}
    found = []
    for span in ctx.doc.spans.get(INNER_KEY, []):
        entry, outer = kb.get(span.id_), outer_of.get(span.start)
        if entry is not None and outer is not None and _body_of(ctx, entry, span, outer):
            found.append(_Mention(entry.key, "Organization", entry.ontology_class, entry.key, span.start, span.end,
                                  span.start_char, span.end_char, span.text))
            continue
        if entry is None or entry.kind != "Place" or span.label_ != "Place" or outer is None or outer.label_ == "Person":
            continue
        if outer.label_ == "Place":
            # A place is named after a larger one it lies in ("Escuela Nº1 de
            # Beslán"); "Kursk region" or "Nazran district" is named after a town
            # it holds, which is not mentioned by it.
            outer_class = kb[outer.ent_id_].ontology_class if outer.ent_id_ in kb else _work_class(ctx, outer)
            if not outranks(ctx.rules, entry.ontology_class, outer_class, strict=True) and not _named_of(ctx, outer, span):
                continue
        elif outer.label_ != "Event" and not _serves(ctx, outer, span):
            continue
        found.append(_Mention(entry.key, "Place", entry.ontology_class, entry.key, span.start, span.end,
                              span.start_char, span.end_char, span.text))
    return found


def _body_of(ctx: ArticleContext, entry: KBEntry, inner: Span, outer: Span) -> bool:
    """Tell whether a known organisation inside a body's name is the one the body is of.

    "Consejo de Seguridad de las Naciones Unidas", "the Security Council of
    the United Nations": the body's name, an of-word and the organisation
    mention the organisation, as a place a body serves is mentioned.
    """
    if entry.kind != "Organization" or outer.label_ != "Organization" or outer.ent_id_ == entry.key or inner.start <= outer.start:
        return False
    of_words = {fold(w) for w in ctx.rules.get("of_words", ())}
    determiners = {fold(w) for w in (ctx.rules.get("anaphora") or {}).get("determiners", ())}
    i = inner.start - 1
    while i > outer.start and fold(ctx.doc[i].text) in determiners:
        i -= 1
    return i > outer.start and fold(ctx.doc[i].text) in of_words


def _named_of(ctx: ArticleContext, outer: Span, inner: Span) -> bool:
    """Tell whether an unknown place's name says it is of the known place after its of-word.

    "el Metro de la Ciudad de México" is the city's; "la región de Kursk" or
    "the province of Valencia" is named after a town it holds (a place or
    division noun opens it), which it does not mention.
    """
    of_words = {fold(w) for w in ctx.rules.get("of_words", ())}
    heads = {fold(w) for w in (*ctx.rules.get("place_heads", ()), *ctx.rules.get("division_nouns", ()))}
    before = [t for t in ctx.doc[outer.start : inner.start] if t.text[:1].isupper()]
    return not outer.ent_id_ and bool(before) and fold(before[0].text) not in heads and fold(before[0].lemma_ or "") not in heads \
        and any(fold(t.text) in of_words for t in ctx.doc[before[-1].i + 1 : inner.start])


def _work_class(ctx: ArticleContext, place: Span) -> str | None:
    """Return the class of an unknown place named by a feature's or a work's noun ("puerto de Valencia", "Atocha train station").

    Such a place lies in the town or region its name holds, as a building does.
    """
    features = {fold(w) for w in ctx.rules.get("feature_nouns") or ()}
    if any(fold(t.text) in features or fold(t.lemma_) in features for t in place if t.text[:1].islower()):
        return next(iter(sorted(ctx.rules.get("place_rank", {}).items(), key=lambda item: item[1])), (None,))[0]
    return None


def _serves(ctx: ArticleContext, outer: Span, inner: Span) -> bool:
    """Tell whether a place in a body's name is the place the body serves (see :func:`serves`)."""
    entry = load_kb().get(inner.id_)
    return serves(outer, inner.start, inner.end, heads=frozenset(fold(w) for w in ctx.rules.get("jurisdiction_heads", ())),
                  of_words=frozenset(fold(w) for w in ctx.rules.get("of_words", ())),
                  country=entry is not None and entry.ontology_class in ctx.rules.get("country_classes", ()))


def _case_parties(ctx: ArticleContext) -> list[_Mention]:
    """Return the parties named inside the cases' names ("Derek Michael Chauvin" of "State of Minnesota v. Derek Michael Chauvin").

    Each is a mention of its own, joined with the text's other mentions of
    it ("Chauvin was convicted"), while its words stand for the case.
    """
    # A person's or a body's: the class is the kind.
    return [_Mention(f"{span.label_.lower()}-{slug(span.text)}", span.label_, span.label_, None,
                     span.start, span.end, span.start_char, span.end_char, span.text)
            for span in ctx.doc.spans.get(PARTIES_KEY, [])]


def _named_mentions(ctx: ArticleContext) -> list[_Mention]:
    kb = load_kb()
    model_label = {(s.start, s.end): s.label_ for s in ctx.doc.spans.get(MODEL_LABELS_KEY, [])}
    labels = ctx.rules["entity_labels"]
    mentions = []
    divisions = {fold(w) for w in ctx.rules.get("division_nouns", ())}
    of_words = {fold(w) for w in ctx.rules.get("of_words", ())}
    for ent in ctx.doc.ents:
        ent = _trim(ent)
        if not ent.ent_id_ and ent.label_ == "Place":
            ent = _division_of_a_town(ent, divisions, of_words)
        if ent.ent_id_ and ent.ent_id_ in kb:
            entry = kb[ent.ent_id_]
            key, cls, kb_id = entry.key, entry.ontology_class, entry.key
        else:
            label = model_label.get((ent.start, ent.end))
            # The model's label gives the class only while the filter kept its kind ("Dagestan
            # agencies" is an organisation whatever the model said): a class is of one kind.
            cls = labels[label][1] if label in labels and labels[label][0] == ent.label_ else ent.label_
            cls = _class_by_head(ctx, ent) or cls
            key, kb_id = f"{ent.label_.lower()}-{slug(ent.text)}", None
        mentions.append(
            _Mention(key, ent.label_, cls, kb_id, ent.start, ent.end, ent.start_char, ent.end_char, ent.text)
        )
    return mentions


def _class_by_head(ctx: ArticleContext, ent: Span) -> str | None:
    """Return the class of body an unknown organisation's head word says it is ("the Acme District Court", "la Corte Suprema de Tarvisa").

    The head word is the name's last in English, its first in Spanish
    (``name_head_position``); the classes are those the anaphora's nouns
    refer back to (``anaphora.nouns``), when the word names one class of
    organisation only.
    """
    if ent.label_ != "Organization" or len(ent) < 2:
        return None
    head = ent[-1] if ctx.rules.get("name_head_position") == "last" else ent[0]
    nouns = (ctx.rules.get("anaphora") or {}).get("nouns") or {}
    classes = nouns.get(fold(head.lemma_ or head.text)) or nouns.get(fold(head.text)) or ()
    if len(classes) == 1 and "Organization" in class_ancestors().get(classes[0], ()):
        return classes[0]
    return None


def _division_of_a_town(ent: Span, divisions: set[str], of_words: set[str]) -> Span:
    """Return a place's name with the division noun and the of-word before it, when the division is named after a town.

    "la provincia de Lima" names the province, which the linker left
    unlinked (it is no town, nor the table's "Lima Region"): the name is
    "provincia de Lima", as "Kozhikode district" is the district's, when
    the table knows a town of that name. "la provincia de Manabí" names a
    province the linker found; an unknown name says nothing, nor does a
    plural noun ("the provinces of Badajoz and Sevilla").
    """
    doc = ent.doc
    if ent.start < 2 or fold(doc[ent.start - 1].text) not in of_words:
        return ent
    noun = doc[ent.start - 2]
    if not noun.text[:1].islower() or is_plural(noun) or (fold(noun.lemma_ or noun.text) not in divisions and fold(noun.text) not in divisions):
        return ent  # "the provinces of Badajoz and Sevilla": a noun several names share
    kb = load_kb()
    if not any(kb[k].ontology_class == "Settlement" for k in name_index().get(fold(ent.text), ())):
        return ent
    return Span(doc, ent.start - 2, ent.end, label=ent.label_)


def _trim(ent: Span) -> Span:
    """Drop leading lower-case determiners and punctuation, and trailing punctuation, the model included.

    A capitalised article inside a sentence is part of the name ("La Manada").
    """
    start, end = ent.start, ent.end
    while start < end - 1 and (ent.doc[start].is_punct or (ent.doc[start].pos_ == "DET" and (ent.doc[start].text[:1].islower() or ent.doc[start].is_sent_start))):
        start += 1
    while end > start + 1 and ent.doc[end - 1].is_punct:
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, end, label=ent.label_, span_id=ent.id_)


def _located(ctx: ArticleContext, mentions: list[_Mention]) -> frozenset[str]:
    """Return the keys of the places the text locates in another place after a comma ("Amasra, Bartın Province")."""
    places = {m.start_token for m in mentions if m.kind == "Place"}
    doc = ctx.doc
    return frozenset(m.key for m in mentions if m.kind == "Place" and m.end_token < len(doc) and doc[m.end_token].text == ","
                     and m.end_token + 1 in places)


def _join_short_names(mentions: list[_Mention], works: frozenset[str] = frozenset(), not_bynames: frozenset[str] = frozenset(),
                      located: frozenset[str] = frozenset(), cued: frozenset[tuple[int, int]] = frozenset(),
                      suffixes: frozenset[str] = frozenset(), regions: frozenset[str] = frozenset(),
                      linking: frozenset[str] = frozenset(), products: frozenset[tuple[int, int]] = frozenset()) -> list[_Mention]:
    """Give a short name the key of the one longer name of the same thing in the article.

    A person's surname ("Putin", "Peña Nieto"; "Kim", where the family name
    comes first) joins the full name that ends or begins with it, when only
    one full name does: two relatives who share a surname keep the lone
    surname apart. A word inside a full name of three words or more joins it
    too, when no other full name holds that word: the first of two surnames
    ("Rajoy" of "Mariano Rajoy Brey") or a byname ("Lula" of "Luiz Inácio
    Lula da Silva"); the words of ``not_bynames`` never do: particles ("da",
    "von") and given names ("Francis" of "Robert Francis Prevost" is another
    person, "Pope Francis"). Another name joins the one longer name that
    begins or ends with all its words ("Acme" and "Acme Group"; "Bavaria" and
    "the Free State of Bavaria"; "D.C." and "Washington, D.C."). A lone
    word the model took for a place or an organisation, and that begins or
    ends no longer name of one, joins the one person whose surname it is
    ("Muilenburg was fired"; "Braun's trial"), unless the knowledge base knows it
    or the words beside it said its kind (``cued`` token spans: "la
    constructora Odebrecht" is the firm, not "Marcelo Odebrecht").
    A name that begins or ends one full name is that person's before a word
    inside another's ("Francis" of "Pope Francis", not of "Robert Francis
    Prevost"). A name the knowledge base knows keeps its own key. A feature or a work
    (``works`` holds their nouns) whose noun stands before the name is
    called so ("la estación Park Kultury"): the lone name joins it even
    when the model took it for a person's ("murieron en Lubianka"); a work
    named after a place ("Amasra coal mine") is not joined by that place's
    name where the text locates it (``located`` keys: "in Amasra, Bartın
    Province"), which is the town. A surname two full names hold, one of them
    with a generational suffix (``suffixes``: "Donald Trump" and "Donald
    Trump Jr."), is the one without. A place's name that only a word of
    ``regions`` makes longer ("Kivu Norte", "North Korea", "the State of
    Mexico"; of-words and articles of ``linking`` aside) is another place:
    the short name does not join it. A maker's name the model typed is no
    name of the product named after it (``products`` token spans: "Boeing's
    manufacturing process" and the "Boeing 737 MAX 9").
    """
    made = {m.key for m in mentions if (m.start_token, m.end_token) in products}
    longer: dict[tuple[str, ...], set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    full: dict[str, tuple[str, ...]] = {}  # the longest full name of each person
    by_key = {}
    for m in mentions:
        words = _words(m.text)
        by_key.setdefault(m.key, m)
        if m.kind == "Person" and len(words) > 1:
            surnames[words[-1]].add(m.key)
            full[m.key] = max(full.get(m.key, ()), words, key=len)
            for word in words[1:-1]:
                if word not in not_bynames:
                    longer[("Person", word)].add(m.key)
                    surnames[word].add(m.key)
        for n in range(1, len(words)):
            if m.kind == "Person":
                # The family name may come first ("Kim" of "Kim Jong-un") or last ("Putin").
                longer[("Person", *words[-n:])].add(m.key)
                if not (n == len(words) - 1 and words[-1] in suffixes):
                    # "Luis Varga" is not "Luis Varga Jr.", his son.
                    longer[("Person", *words[:n])].add(m.key)
            else:
                longer[("Name", *words[:n])].add(m.key)
                longer[("Name", *words[-n:])].add(m.key)
    remap: dict[str, _Mention] = {}
    for m in mentions:
        words = _words(m.text)
        if m.kb_id or not words:
            continue
        spaces = ("Person", "Name") if m.kind == "Thing" else ("Person",) if m.kind == "Person" else ("Name",)
        targets = {k for space in spaces for k in longer.get((space, *words), set())}
        # "Amasra, Bartın Province" is the town the "Amasra coal mine" is named after, not the mine.
        targets = {k for k in targets - {m.key} if (_compatible(m, by_key[k]) or _firm_short_name(m, by_key[k], cued))
                   and not (m.key in located and _work_named(_words(by_key[k].text), words, works) is False)
                   and not (by_key[k].kind == "Place" and _another_region(_words(by_key[k].text), words, regions, linking))
                   and not (k in made and m.kind != "Thing" and _words(by_key[k].text)[: len(words)] == words)}
        if not targets and m.kind == "Person":
            targets = {k for k in longer.get(("Name", *words), set()) if by_key[k].kind == "Place" and _work_named(_words(by_key[k].text), words, works)}
        if not targets and m.kind in ("Place", "Organization") and len(m.text.split()) == 1 and (m.start_token, m.end_token) not in cued:
            # The model often takes a surname alone for a place or a firm ("Muilenburg was fired",
            # "Bankman-Fried said"), hyphenated or not.
            targets = {k for k in surnames.get(words[-1], set()) if by_key[k].kind == "Person" and len(full[k]) > len(words)
                       and (full[k][-len(words):] == words or (len(words) == 1 and words[0] in full[k][1:-1]))}
        if len(targets) > 1 and all(by_key[k].kind == "Person" for k in targets):
            plain = {k for k in targets if k in full and full[k][-1] not in suffixes}
            targets = plain if len(plain) == 1 else targets
        if len(targets) > 1 and all(by_key[k].kind == "Person" and k in full for k in targets):
            # "Francis" of "Pope Francis", not of "Robert Francis Prevost": a name that begins or ends
            # one full name is that person's before a word inside another's.
            edge = {k for k in targets if words in (full[k][: len(words)], full[k][-len(words) :])}
            targets = edge if len(edge) == 1 else targets
        if len(targets) == 1:
            remap.setdefault(m.key, by_key[targets.pop()])
    return _rekey(mentions, remap)


def _firm_short_name(short: _Mention, long: _Mention, cued: frozenset[tuple[int, int]]) -> bool:
    """Tell whether a lone word the model took for a place is an organisation's name cut short, later in the text.

    "Delta Air Lines ... Delta later sued": the first word of a longer
    organisation's name, after it, unless the words beside it said it is a
    place (``cued``) or the knowledge base knows it (checked by the caller).
    """
    return short.kind == "Place" and long.kind == "Organization" and len(short.text.split()) == 1 \
        and long.start < short.start and _words(long.text)[:1] == _words(short.text) and (short.start_token, short.end_token) not in cued


def _another_region(longer: tuple[str, ...], words: tuple[str, ...], regions: frozenset[str], linking: frozenset[str]) -> bool:
    """Tell whether the words a longer name adds to ``words`` are ``regions`` words, besides ``linking`` ones: "Kivu" + "Norte"."""
    added = [w for w in longer if w not in words]
    return any(w in regions for w in added) and all(w in regions or w in linking for w in added)


def _work_named(longer: tuple[str, ...], words: tuple[str, ...], works: frozenset[str]) -> bool | None:
    """Tell whether a longer name is a feature's or a work's called ``words`` (True) or named after them (False).

    None when the longer name holds no such noun.
    """
    if works.isdisjoint(longer):
        return None
    return longer[0] in works and longer[1:] == words


def _join_full_names(mentions: list[_Mention]) -> list[_Mention]:
    """Give a person's full name the key of the one longer full name it shortens.

    "Derek Chauvin" is "Derek Michael Chauvin" without his middle name: the
    same first and last words, the shorter's words all in the longer, in
    order. Two longer names that fit ("George Bush" of "George H. W. Bush"
    and "George W. Bush") leave it apart.
    """
    people = {m.key: _words(m.text) for m in mentions if m.kind == "Person" and len(_words(m.text)) > 1}
    by_key = {m.key: m for m in mentions}
    remap = {}
    for key, words in people.items():
        targets = {other for other, longer in people.items() if without_middle(words, longer)}
        # A name the knowledge base knows keeps its own key.
        if len(targets) == 1 and not by_key[key].kb_id:
            remap[key] = by_key[targets.pop()]
    return _rekey(mentions, remap)


def _join_namesakes(mentions: list[_Mention], products: frozenset[tuple[int, int]] = frozenset(),
                    cued: frozenset[tuple[int, int]] = frozenset()) -> list[_Mention]:
    """Give a name the model could not type the key of the one typed entity of that name.

    "Flamengo" tagged a club in one sentence and left untyped (a Thing) in
    another is one club; so is a lone word the model took for a person
    when it is no person's name of the article ("disputó Flamengo"), only
    the club's. Two typed namesakes of different kinds ("Washington" the
    city and the state) leave the untyped one apart: which it is would be a guess.
    A name a product noun made a thing (``products``: "the WannaCry
    ransomware") is a thing in the whole article: the model's other
    guesses of that name (an organisation) join it. So does the model's
    guess of a person or a thing where the words beside another mention of
    the same name of two words or more said its kind (``cued``: "the
    consulting firm Cambridge Analytica" makes the firm of "Cambridge
    Analytica used the data"), when they said one kind.
    """
    people = [_words(m.text) for m in mentions if m.kind == "Person" and len(_words(m.text)) > 1]
    things: dict[tuple[str, ...], set[str]] = defaultdict(set)
    described: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for m in mentions:
        if not m.kb_id and (m.start_token, m.end_token) in products:
            things[_words(m.text)].add(m.key)
        if (m.start_token, m.end_token) in cued and len(_words(m.text)) > 1:
            described[_words(m.text)].add(m.key)

    def untyped(m: _Mention) -> bool:
        words = _words(m.text)
        if m.kb_id:
            return False
        if m.kind == "Person" and len(words) == 1:
            return not any(words[0] in (full[0], full[-1]) for full in people)
        return m.kind == "Thing"

    typed: dict[tuple[str, ...], set[str]] = defaultdict(set)
    by_key = {}
    for m in mentions:
        by_key.setdefault(m.key, m)
        if not untyped(m):
            typed[_words(m.text)].add(m.key)
    remap = {}
    for m in mentions:
        targets = typed.get(_words(m.text), set()) - {m.key}
        thing = things.get(_words(m.text), set())
        if m.key in thing:
            continue
        if not m.kb_id and len(thing) == 1:
            remap.setdefault(m.key, by_key[next(iter(thing))])
        elif untyped(m) and len(targets) == 1:
            remap.setdefault(m.key, by_key[next(iter(targets))])
        elif not m.kb_id and m.kind in ("Person", "Thing") and (m.start_token, m.end_token) not in cued \
                and len(said := described.get(_words(m.text), set()) - {m.key}) == 1:
            remap.setdefault(m.key, by_key[next(iter(said))])
    return _rekey(mentions, remap)


def _rekey(mentions: list[_Mention], remap: dict[str, _Mention]) -> list[_Mention]:
    """Give every mention of a remapped key the key, kind and class of the mention it joins."""
    joined = []
    for m in mentions:
        target = remap.get(m.key)
        seen = set()
        while target is not None and target.key in remap and target.key not in seen:
            seen.add(target.key)
            target = remap[target.key]
        if target is not None and target.key != m.key:
            m = _Mention(target.key, target.kind, target.ontology_class, target.kb_id,
                         m.start_token, m.end_token, m.start, m.end, m.text)
        joined.append(m)
    return joined


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold(text)))


def _compatible(short: _Mention, long: _Mention) -> bool:
    """Tell whether two mentions may name one thing: same kind, or one the model could not type."""
    return short.kind == long.kind or "Thing" in (short.kind, long.kind)


def _join_acronyms(ctx: ArticleContext, mentions: list[_Mention]) -> list[_Mention]:
    """Give an acronym the key of the name the article pairs it with, and back.

    "Instituto Nacional Electoral (INE)", "INE (Instituto Nacional
    Electoral)", "Open Data Licence (ODL, v1.0)" and "INE, the Instituto
    Nacional Electoral" pair the two:
    every mention of the acronym in the article joins the name (or the name
    joins the acronym, when only the acronym is known to the knowledge base).
    """
    doc = ctx.doc
    at = {m.start_token: m for m in mentions}
    determiners = set((ctx.rules.get("anaphora") or {}).get("determiners", ()))
    pairs: dict[str, _Mention] = {}
    for m in mentions:
        nxt = m.end_token
        # "Long Name (ACR)" / "ACR (Long Name)"; "Long Name (ACR, v1.0)": what follows a comma in the bracket is no name.
        if nxt + 2 < len(doc) and doc[nxt].text == "(":
            inner = at.get(nxt + 1)
            if inner is not None and inner.end_token < len(doc) and doc[inner.end_token].text in (")", ",", ";"):
                _pair(pairs, m, inner, bracketed=True)
        # "ACR, the Long Name"
        if nxt + 1 < len(doc) and doc[nxt].text == ",":
            i = nxt + 1
            while i < len(doc) and doc[i].lower_ in determiners:
                i += 1
            other = at.get(i)
            if other is not None and i > nxt + 1:
                _pair(pairs, m, other)
    _pair_initials(ctx, mentions, pairs)
    remap = {}
    for m in mentions:
        target = pairs.get(fold(m.text))
        if target is not None and target.key != m.key and not (m.kb_id and target.kb_id):
            remap.setdefault(m.key, target)
    return _rekey(mentions, remap)


def _join_birth_names(ctx: ArticleContext, mentions: list[_Mention]) -> list[_Mention]:
    """Give a person's birth name in brackets after the name they go by the key of that name.

    "León XIV (nacido Robert Francis Prevost)", "Benedict XVI (born Joseph
    Ratzinger)": a word of ``birth_name_markers`` opens the bracket, and the
    person's name fills the rest of it.
    """
    doc = ctx.doc
    markers = {fold(w) for w in ctx.rules.get("birth_name_markers") or ()}
    at = {m.start_token: m for m in mentions}
    remap: dict[str, _Mention] = {}
    for m in mentions:
        i = m.end_token
        if m.kind != "Person" or i + 3 >= len(doc) or doc[i].text != "(" or fold(doc[i + 1].text) not in markers:
            continue
        born = at.get(i + 2)
        if born is not None and born.kind == "Person" and born.key != m.key and born.end_token < len(doc) \
                and doc[born.end_token].text in (")", ",", ";") and not (m.kb_id and born.kb_id):
            remap.setdefault(born.key, m)
    return _rekey(mentions, remap)


def _pair_initials(ctx: ArticleContext, mentions: list[_Mention], pairs: dict[str, _Mention]) -> None:
    """Pair an acronym the text does not spell out with the one organisation's name it is the initials of.

    "The European Central Bank raised rates ... The ECB said", "el Banco
    Central Europeo ... el BCE", "the Securities and Exchange Commission ...
    the SEC": the acronym's letters are the initials of the name's words but
    its of-words, conjunctions and articles, all of them and in order. Two
    names of those initials leave it unpaired.
    """
    skip = {fold(w) for w in (*ctx.rules.get("of_words", ()), *ctx.rules.get("coordinators", ()),
                              *(ctx.rules.get("anaphora") or {}).get("determiners", ()))}
    by_initials: dict[str, set[str]] = defaultdict(set)
    names = {}
    for m in mentions:
        words = [w for w in _words(m.text) if w not in skip]
        if m.kind == "Organization" and len(words) > 1 and not is_acronym(m.text, 6):
            by_initials["".join(w[0] for w in words)].add(m.key)
            names.setdefault(m.key, m)
    for m in mentions:
        letters = "".join(c for c in fold(m.text) if c.isalpha())
        if fold(m.text) in pairs or not is_acronym(m.text, 6) or len(letters) < 2 or len(by_initials.get(letters, ())) != 1:
            continue
        _pair(pairs, m, names[next(iter(by_initials[letters]))])


def _pair(pairs: dict[str, _Mention], a: _Mention, b: _Mention, *, bracketed: bool = False) -> None:
    """Record that ``a`` and ``b`` are an acronym and its expansion, in either order.

    In brackets after the name, an acronym may also be written as a word
    ("Confederación Sudamericana de Fútbol (Conmebol)", "(Unesco)").
    """
    acronym, name = (a, b) if is_acronym(a.text, 6) else (b, a)
    if bracketed and not is_acronym(b.text, 6) and _syllabic(b.text, a.text):
        acronym, name = b, a
    elif not is_acronym(acronym.text, 6) or is_acronym(name.text, 6) or not spells(acronym.text, name.text):
        return
    # The known one of the two gives the key; otherwise the expansion does.
    keeper = acronym if acronym.kb_id and not name.kb_id else name
    for m in (acronym, name):
        pairs.setdefault(fold(m.text), keeper)


def _syllabic(word: str, name: str) -> bool:
    """Tell whether a capitalised word is an acronym of the name made of its words' first letters or syllables.

    "Conmebol" of "Confederación Sudamericana de Fútbol": one word, its letters
    in the name's order, from its first letter on, taking from two of its words
    at least (a place in brackets, "Acme (Texas)", takes from one or none).
    """
    letters, words = fold(word), [w for w in _words(name)]
    if " " in word.strip() or not word[:1].isupper() or not letters.isalpha() or len(letters) < 4 or len(words) < 2 or letters[0] != words[0][0]:
        return False
    used, at, w = set(), 0, 0
    for c in letters:
        while w < len(words) and c not in words[w][at:]:
            w, at = w + 1, 0
        if w == len(words):
            return False
        at = words[w].index(c, at) + 1
        used.add(w)
    return len(used) >= 2


def _anaphora(ctx: ArticleContext, named: list[_Mention]):
    """Yield mentions for definite noun phrases that refer back to a named entity.

    "the school" refers to the school its own sentence named before it, if
    one, else to the one the sentence before it named, if that named just
    one, else to the one school the article named before it; "ese país" (a
    demonstrative) to the last country named before it in its own sentence,
    whatever else the sentence or the article named. "the
    country" / "el país" also refers to the one country every known place
    named before it lies in, when the article has not named a country
    itself (an article on "Morelos" and "Puebla" speaks of Mexico as "el
    país" without naming it). Any other definite noun refers to the one
    place or organisation named before it whose name it heads ("the Amasra
    coal mine … the mine"; see :class:`_Heads`).
    """
    spec = ctx.rules.get("anaphora") or {}
    demonstratives = set(spec.get("demonstratives", ()))
    determiners = set(spec.get("determiners", ())) | set(spec.get("contractions", ())) | demonstratives
    nouns = spec.get("nouns", {})
    class_at = {i: m.ontology_class for m in named for i in range(m.start_token, m.end_token)}
    countries = set(ctx.rules.get("country_classes", ()))
    antecedents = _Antecedents(sorted(named, key=lambda m: m.start), countries)
    of_words = frozenset(w.lower() for w in ctx.rules.get("of_words", ()))
    heads = _Heads(ctx, sorted(named, key=lambda m: m.start), class_at, determiners)
    for token in ctx.doc:
        classes = nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
        if not classes and token.pos_ == "NOUN" and token.i not in class_at and token.dep_ != "compound" and not is_plural(token) \
                and _is_definite(token, determiners) and not _names_any(token, class_at):
            # "an explosion in the Amasra coal mine … rescue operations at the mine": the one entity
            # named before whose descriptive name has this head word.
            antecedent = heads.only_with_head(token)
            if antecedent is not None:
                yield _Mention(antecedent.key, antecedent.kind, antecedent.ontology_class, antecedent.kb_id,
                               token.i, token.i + 1, token.idx, token.idx + len(token), token.text)
            continue
        if not classes or token.i in class_at or token.dep_ == "compound" or is_plural(token):
            continue  # "las principales ciudades" are many, no one city told before
        if _names_its_own(token, classes, class_at, of_words):
            continue
        if not _is_definite(token, determiners):
            continue
        demonstrative = any(c.dep_ == "det" and c.lower_ in demonstratives for c in token.children)
        # Else the one the sentence before named, if it named one (a long sentence the parser cut in two: "… 360
        # muertos en España, | lo que obligó al Gobierno a emitir un aviso para varias zonas del país"), else the article's one.
        before = token.sent.start - 1
        antecedent = antecedents.last_in_sentence(classes, token.idx, token.sent.start_char, only=not demonstrative) \
            or (antecedents.last_in_sentence(classes, token.idx, ctx.doc[before].sent.start_char, only=True) if before >= 0 else None) \
            or antecedents.last_of_class(classes, token.idx)
        if antecedent is None and countries.intersection(classes):
            antecedent = antecedents.country_of_places(token.idx)
        if antecedent is None:
            continue
        start = min([token.i] + [c.i for c in token.children if c.dep_ == "compound" and c.i < token.i])
        span = ctx.doc[start : token.i + 1]
        yield _Mention(antecedent.key, antecedent.kind, antecedent.ontology_class, antecedent.kb_id,
                       span.start, span.end, span.start_char, span.end_char, span.text)


def _names_any(token: Token, class_at: dict[int, str]) -> bool:
    """Tell whether a noun's phrase after it names an entity ("the mine in Soma", "la mina de Soma"): then it is that one's, not one told before."""
    return any(t.i in class_at for child in token.children if child.i > token.i and child.dep_ in ("prep", "nmod", "appos", "compound")
               for t in child.subtree)


class _Heads:
    """The descriptive names read so far, by their head word, for a definite noun that repeats one ("the mine")."""

    def __init__(self, ctx: ArticleContext, ordered: list[_Mention], class_at: dict[int, str], determiners: set[str]) -> None:
        ranks = ctx.rules.get("place_rank", {})
        last = ctx.rules.get("name_head_position") == "last"
        not_heads = derived(ctx.rules, _not_name_heads)
        self._found: list[tuple[int, str, _Mention]] = []
        for mention in ordered:
            words = ctx.doc[mention.start_token:mention.end_token]
            words = [t for t in words if not (t.pos_ == "DET" or t.dep_ in ("det", "case"))]
            if len(words) < 2 or mention.kind not in ("Place", "Organization") or ranks.get(mention.ontology_class, 0) > 1:
                continue
            head = words[-1] if last else words[0]
            # The head of the name, capitalised or not ("Amasra coal mine", "Acme Bank", "metro de
            # Moscú"), is repeated singular as it is ("las fuerzas especiales" are not "la fuerza").
            if head.pos_ in ("NOUN", "PROPN") and not is_plural(head) and fold(_lemma(head)) not in not_heads:
                self._found.append((mention.start, _lemma(head), mention))
        # "a tailings dam at X … The dam": a noun told without a definite article is a thing of its own,
        # which the same noun may refer back to as well as to a name.
        self._untold: dict[str, int] = {}
        for token in ctx.doc:
            if token.pos_ == "NOUN" and token.i not in class_at and token.dep_ != "compound" and not _is_definite(token, determiners):
                self._untold.setdefault(_lemma(token), token.idx)

    def only_with_head(self, token: Token) -> _Mention | None:
        """Return the last mention before ``token`` whose name's head is its lemma, when one entity's name has it and no unnamed thing does."""
        lemma = _lemma(token)
        found = [m for start, head, m in self._found if start < token.idx and head == lemma]
        if not found or len({m.key for m in found}) != 1 or self._untold.get(lemma, token.idx) < token.idx:
            return None
        return found[-1]


def _not_name_heads(rules: Mapping[str, Any]) -> frozenset[str]:
    """Build the head words a definite noun never refers back by (once per rules).

    "the Camp Fire … the fire": a name an event noun heads is the event's,
    which its word tells again; a word for a kind of place ("el estado")
    refers to a place of its kind, not to a name it opens ("Estado Islámico").
    """
    events = (fold(lemma) for spec in rules.get("events", ()) if "NOUN" in spec.get("pos", ()) for lemma in spec.get("lemmas", ()))
    places = (fold(w) for w in (*rules.get("place_heads", ()), *rules.get("division_nouns", ())))
    return frozenset((*events, *places))


def _lemma(token: Token) -> str:
    return token.lemma_.lower() or token.lower_


def _is_description(ctx: ArticleContext, mention: _Mention) -> bool:
    """Tell whether a capitalised model entity is a definite description, not a name.

    "la República", "the Republic": a lone noun of the ``anaphora`` nouns
    after a determiner is said of an entity of the article (found by
    :func:`_anaphora`, or of none), not an entity of its own. A name the
    knowledge base knows, or joined to a longer name, is kept.
    """
    spec = ctx.rules.get("anaphora") or {}
    nouns = spec.get("nouns", {})
    if mention.kb_id or mention.end_token - mention.start_token != 1 or mention.start_token == 0:
        return False
    token = ctx.doc[mention.start_token]
    if not (nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)):
        return False
    if mention.key != f"{mention.kind.lower()}-{slug(mention.text)}":
        return False  # joined to a longer name ("Court" of "Supreme Court")
    previous = ctx.doc[mention.start_token - 1]
    determiners = set(spec.get("determiners", ())) | set(spec.get("contractions", ()))
    return previous.lower_ in determiners


def _names_its_own(token: Token, classes: list[str], class_at: dict[int, str], of_words: frozenset[str] = frozenset()) -> bool:
    """Tell whether a noun heads a phrase that names an entity of its own class.

    "the town of Kizlyar" names Kizlyar (see ``ArticleContext.entity_at``); it
    does not refer back to a town named earlier; nor does "la región de
    Murcia", where Murcia is a place of no known class ("Place", after an
    of-word only: "the school in Tarvisa" still refers back).
    """
    for child in token.children:
        if child.dep_ in ("prep", "nmod", "appos") and child.i > token.i:
            targets = [c for c in child.children if c.dep_ == "pobj"] or [child]
            # A place of no known class counts only after an of-word: "the school in Tarvisa" still refers back.
            of = child.lower_ in of_words or any(c.dep_ == "case" and c.lower_ in of_words for c in child.children)
            if any(class_at.get(t.i) in classes or (of and class_at.get(t.i) == "Place") for t in targets):
                return True
    return False


def _is_definite(token: Token, determiners: set[str]) -> bool:
    """Tell whether a noun has a definite determiner, a possessive, or a contraction holding one ("del país")."""
    return any(c.dep_ in ("det", "poss", "case") and (c.lower_ in determiners or c.dep_ == "poss") for c in token.children)


class _Antecedents:
    """The named mentions read so far, by class, for phrases that refer back in text order.

    Gathered as the text is read, not looked for anew from its start at each
    phrase, so that a long article stays linear.
    """

    def __init__(self, ordered: list[_Mention], countries: set[str]) -> None:
        self._ordered = ordered  # by start
        self._countries = countries
        self._read = 0
        self._keys: dict[str, set[str]] = {}
        self._last: dict[str, tuple[int, _Mention]] = {}
        # Of the places read so far: whether one is a country, and the countries the others lie in.
        self._named_country = False
        self._place_countries: set[str | None] = set()

    def _read_to(self, before: int) -> None:
        """Read the mentions begun before ``before``, which never decreases from one call to the next."""
        kb = load_kb()
        while self._read < len(self._ordered) and self._ordered[self._read].start < before:
            mention = self._ordered[self._read]
            self._keys.setdefault(mention.ontology_class, set()).add(mention.key)
            self._last[mention.ontology_class] = (self._read, mention)
            if mention.kind == "Place":
                self._named_country = self._named_country or mention.ontology_class in self._countries
                if mention.kb_id in kb:
                    self._place_countries.add(kb[mention.kb_id].country)
            self._read += 1

    def country_of_places(self, before: int) -> _Mention | None:
        """Return the one country every known place named before ``before`` lies in, if the article named no country.

        A place the knowledge base gives no country (a continent, a sea) leaves
        it open, as do places in two countries.
        """
        self._read_to(before)
        if self._named_country or len(self._place_countries) != 1 or None in self._place_countries:
            return None  # a named country is the antecedent (or two are and none is), or the places do not settle it
        entry = load_kb().get(next(iter(self._place_countries)))
        if entry is None or entry.ontology_class not in self._countries:
            return None
        return _Mention(entry.key, entry.kind, entry.ontology_class, entry.key, 0, 0, 0, 0, entry.key)

    def last_in_sentence(self, classes: list[str], before: int, sentence_start: int, *, only: bool) -> _Mention | None:
        """Return the last mention of an entity of ``classes`` begun before ``before`` in the sentence that begins at ``sentence_start``.

        With ``only``, just when that sentence has named one entity of them so far.
        """
        self._read_to(before)
        found = []
        # Back from the last mention read, without copying what was read before.
        for at in range(self._read - 1, -1, -1):
            mention = self._ordered[at]
            if mention.start < sentence_start:
                break
            if mention.ontology_class in classes:
                found.append(mention)
        if not found or (only and len({m.key for m in found}) > 1):
            return None
        return found[0]

    def last_of_class(self, classes: list[str], before: int) -> _Mention | None:
        """Return the last mention of an entity of ``classes`` begun before ``before``, when one entity of them is named so far.

        ``before`` never decreases from one call to the next: the text is read in order.
        """
        self._read_to(before)
        classes = set(classes)
        keys = set().union(*(self._keys.get(c, ()) for c in classes))
        # Only resolve when the article has named exactly one such entity so far:
        # with two schools in play, "the school" is a guess.
        if len(keys) != 1:
            return None
        return max(self._last[c] for c in classes if c in self._last)[1]


def collect_parts(ctx: ArticleContext) -> tuple[list[LocalEntity], list[Relation]]:
    """Make entities of the named parts of a building: "the school's gymnasium", "el gimnasio".

    A part noun (``facility_parts`` in the rules) belongs to the building its
    possessor or its "of"/"de" phrase names, or, said with a definite article
    alone, to the one building the article named before it. The part's key
    joins the owner's key and the part's English name, so "el gimnasio" and
    "the gymnasium" of one school are one entity across languages.
    """
    parts_spec = ctx.rules.get("facility_parts") or {}
    determiners = set((ctx.rules.get("anaphora") or {}).get("determiners", ()))
    rank = ctx.rules.get("place_rank", {})
    buildings = {k for k, cls in ctx.class_of.items() if rank.get(cls) == 1}
    found: dict[str, list] = {}
    # The buildings named before the token, gathered as the text is read (not anew for each part noun).
    earlier: set[str] = set()
    read = 0
    for token in ctx.doc:
        canonical = parts_spec.get(token.lemma_.lower()) or parts_spec.get(token.lower_)
        if canonical is None or token.pos_ != "NOUN" or token.i in ctx.entity_of_token:
            continue
        owner = _owner(ctx, token)
        if owner is None and _is_definite(token, determiners):
            earlier.update(e for i in range(read, token.i) if (e := ctx.entity_of_token.get(i)) in buildings)
            read = token.i
            owner = next(iter(earlier)) if len(earlier) == 1 else None
        if owner is None or rank.get(ctx.class_of.get(owner)) != 1:
            continue
        found.setdefault(f"{owner}-{canonical}", []).append((token, owner))
    entities, relations = [], []
    for key, tokens in found.items():
        owner = tokens[0][1]
        entity = LocalEntity(
            local_id=key,
            kind="Place",
            ontology_class="Building",
            name=tokens[0][0].text,
            kb_id=None,
            mentions=tuple(ctx.token_evidence(t) for t, _ in tokens),
            part_of=owner,
            part_name=key.removeprefix(f"{owner}-"),
        )
        entities.append(entity)
        ctx.class_of[key], ctx.kind_of[key] = "Building", "Place"
        for token, _ in tokens:
            ctx.entity_of_token[token.i] = key
        relations.append(Relation(key, "locatedIn", owner, entity.mentions[0], f"{ctx.meta.language}-facility-part"))
    return entities, relations


def _owner(ctx: ArticleContext, token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "poss":
            return ctx.entity_at(child)
        if child.dep_ in ("prep", "nmod") and child.i > token.i:
            target = next((c for c in child.children if c.dep_ == "pobj"), child)
            if target.dep_ == "pobj" or any(c.dep_ == "case" for c in target.children):
                return ctx.entity_at(target)
    return None
